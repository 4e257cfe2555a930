/*
 * test_vocab.c - the registry of vocabularies (vocab/registry.c) as the
 * engine sees it: each row named once, no two tables naming one element
 * in one context (so the registry's order only orders hooks), every
 * first-round hook before every late one, and each vocabulary's state
 * made zero for a document and freed after it.
 */
#include <stdio.h>
#include <string.h>

#include "fcint.h"
#include "test.h"
#include "xml.h"

/* the place of fn among the n hooks v, or -1 */
static int place(const struct fc_xml_hook *v, size_t n, fc_hook_fn fn)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].fn == fn)
			return (int)i;
	return -1;
}

int main(void)
{
	const struct fc_xml_index *x;
	const struct elrule *r, *q;
	size_t t, u, c, nv = 0, dups = 0, order_wrong = 0, fam;
	int names_ok = 1, states_ok = 1, zero = 1;
	struct fc fc;

	fc_init();
	x = fc_vocabs_index();
	for (t = 0; fc_vocabs[t]; t++) {
		nv++;
		names_ok &= fc_vocabs[t]->name && *fc_vocabs[t]->name;
		for (u = 0; u < t; u++)
			names_ok &= strcmp(fc_vocabs[t]->name, fc_vocabs[u]->name) != 0;
	}
	CHECK(nv > 10 && nv <= FC_MAX_VOCABS, "the registry holds %zu vocabularies, at most %d",
	      nv, FC_MAX_VOCABS);
	CHECK(names_ok, "each vocabulary has a name of its own");

	/* no element twice in one context, across all tables */
	for (c = 0; c < CX_COUNT; c++)
		for (t = 0; t < x->nrows[c]; t++)
			for (u = 0; u < t; u++) {
				r = x->rows[c][t];
				q = x->rows[c][u];
				if (r->ns == q->ns && !strcmp(r->name, q->name)) {
					dups++;
					printf("# context %zu: %s twice\n", c, r->name);
				}
			}
	CHECK_INT(dups, 0, "no two rows name one element in one context");

	/* in each family's lists, a vocabulary's late hook comes after
	 * every first-round hook */
	for (fam = 0; fam < FC_XML_FAMILIES; fam++) {
		const struct fc_xml_hooks *h = &x->by_family[fam];
		int last_first = -1, first_late = h->nstart;
		for (t = 0; fc_vocabs[t]; t++) {
			int a = place(h->start, h->nstart, fc_vocabs[t]->hooks.start);
			int b = place(h->start, h->nstart, fc_vocabs[t]->late.start);
			if (fc_vocabs[t]->hooks.start && a > last_first)
				last_first = a;
			if (fc_vocabs[t]->late.start && b >= 0 && b < first_late)
				first_late = b;
		}
		order_wrong += last_first >= first_late;
	}
	CHECK_INT(order_wrong, 0, "the late hooks follow every first-round hook, in every family");

	/* the states: made zero, one per vocabulary that keeps one */
	memset(&fc, 0, sizeof(fc));
	CHECK(fc_vocabs_open(&fc) == 0 && fc.index == x, "a document's states are made");
	for (t = 0; fc_vocabs[t]; t++) {
		const unsigned char *p = fc.vstate[t];
		size_t k;
		states_ok &= !fc_vocabs[t]->size == !p;
		for (k = 0; p && k < fc_vocabs[t]->size; k++)
			zero &= p[k] == 0;
	}
	CHECK(states_ok, "a state for each vocabulary that keeps one, none for the others");
	CHECK(zero, "each state starts zero");
	fc_vocabs_close(&fc);
	for (t = 0, states_ok = 1; t < FC_MAX_VOCABS; t++)
		states_ok &= fc.vstate[t] == NULL;
	CHECK(states_ok, "and after the document none is left");
	return TEST_DONE();
}
