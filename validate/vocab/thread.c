/*
 * thread.c - Atom Threading Extensions (RFC 4685, the thr: namespace):
 * thr:in-reply-to and its attributes, thr:total, and the thr:count and
 * thr:updated attributes of an atom:link, in Atom and in RSS (§4: on a
 * link rel="replies" only).
 */
#include "vocab.h"

#include <string.h>

#include "ascii.h"

#define CH (BIT(CX_CHANNEL) | BIT(CX_RCHANNEL) | BIT(CX_FEED))
#define IT (BIT(CX_ITEM) | BIT(CX_RITEM) | BIT(CX_ENTRY))

static const struct elrule thread_rules[] = {
	{ IT | CH | BIT(CX_ASOURCE), NS_THR, "in-reply-to", CX_THR_INREPLYTO, 0, 0, VT_ANY },
	{ IT, NS_THR, "total", CX_LEAF, 0, 1, VT_NNINT },
	{ 0, 0, NULL, 0, 0, 0, 0 }
};

/* RFC 4685 §4: thr:count and thr:updated, and no other thr: attribute */
static void link_attributes(struct fc *fc, struct frame *f)
{
	const char *v;
	size_t i;

	if ((v = fc_attr(f, NS_THR, "count")))
		fc_check_attr_value(fc, f, "thr:count", VT_NNINT, v);
	if ((v = fc_attr(f, NS_THR, "updated")))
		fc_check_attr_value(fc, f, "thr:updated", VT_RFC3339, v);
	for (i = 0; i < f->nattrs; i++)
		if (f->attrs[i].ns == NS_THR && strcmp(f->attrs[i].local, "count") &&
		    strcmp(f->attrs[i].local, "updated"))
			fc_report_at(fc, f, "unexpected-attribute",
				     "thr:%s is not defined (RFC 4685 section 4)",
				     f->attrs[i].local);
}

static void thread_start(struct fc *fc, struct frame *f, void *state)
{
	const char *v;

	(void)state;
	if (f->ns == NS_ATOM && f->ctx == CX_ALINK && fc->family == 'a') {
		link_attributes(fc, f);
	} else if (f->ns == NS_THR && f->ctx == CX_THR_INREPLYTO) {
		if (!(v = fc_attr(f, NS_NONE, "ref")))
			fc_report_at(fc, f, "missing-attribute",
				     "missing '%s' attribute: 'ref'", f->qname);
		else
			fc_check_attr_value(fc, f, "ref", VT_FULLIRI, v);
		if ((v = fc_attr(f, NS_NONE, "href")))
			fc_check_attr_value(fc, f, "href", VT_IRI, v);
		if ((v = fc_attr(f, NS_NONE, "source")))
			fc_check_attr_value(fc, f, "source", VT_IRI, v);
		if ((v = fc_attr(f, NS_NONE, "type")))
			fc_check_attr_value(fc, f, "type", VT_MIME, v);
	}
}

/* an atom:link's thr: attributes belong to rel="replies"; in RSS they
 * are checked here, once the link has been read */
static void advice_start(struct fc *fc, struct frame *f, void *state)
{
	const char *rel;

	(void)state;
	if (f->ctx != CX_ALINK || f->ns != NS_ATOM)
		return;
	rel = fc_attr(f, NS_NONE, "rel");
	while (rel && IS_SPACE(*rel))
		rel++;
	/* RFC 4685 §4: thr:count and thr:updated belong to rel="replies" */
	if ((fc_attr(f, NS_THR, "count") || fc_attr(f, NS_THR, "updated")) &&
	    (!rel || strncmp(rel, "replies", 7)))
		fc_report_at(fc, f, "unexpected-attribute",
			     "thr:count and thr:updated belong on a link "
			     "rel=\"replies\" (RFC 4685 section 4)");
	if (fc->family != 'a')
		link_attributes(fc, f);
}

const struct fc_vocab fc_vocab_thread = {
	.name = "thread",
	.ns = BIT(NS_ATOM) | BIT(NS_THR),
	.rules = thread_rules,
	.hooks = { thread_start, NULL, NULL },
	.late = { advice_start, NULL, NULL },
};
