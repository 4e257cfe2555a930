/*
 * doctype.c - the prolog, before libxml2 sees the document: the DOCTYPE,
 * the external DTD it names (never read), the entities of its internal
 * subset (external ones never opened) and the bounds on their expansion
 * (the "billion laughs").
 */
#include "doctype.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "utf8.h"

#define MAX_ENTITIES 256
#define MAX_ENTITY_EXPANSION ((size_t)1 << 16)

/* ---- the prolog: DOCTYPE ---- */

struct ent {
	const char *name, *val;
	size_t nlen, vlen;
	int external, state;   /* state: 0 new, 1 in progress, 2 done */
	size_t size;
};

static size_t ent_size(struct ent *e, size_t n, size_t k, int *loop)
{
	size_t i, total = 0;
	struct ent *x = &e[k];

	if (x->state == 2)
		return x->size;
	if (x->state == 1) {
		*loop = 1;
		return MAX_ENTITY_EXPANSION;
	}
	x->state = 1;
	for (i = 0; i < x->vlen && total < MAX_ENTITY_EXPANSION; i++) {
		size_t j, m;
		if (x->val[i] != '&' && x->val[i] != '%') {
			total++;
			continue;
		}
		for (j = i + 1; j < x->vlen && x->val[j] != ';'; j++)
			;
		m = j - i - 1;
		for (k = 0; k < n; k++)
			if (e[k].nlen == m && !memcmp(e[k].name, x->val + i + 1, m))
				break;
		total += k < n ? ent_size(e, n, k, loop) : j - i + 1;
		i = j;
	}
	x->state = 2;
	x->size = total;
	return total;
}

/* the column of offset off on its line (characters, from 1) */
static long col_at(const unsigned char *b, size_t off)
{
	size_t ls = off;

	while (ls > 0 && b[ls - 1] != '\n')
		ls--;
	return (long)ft_utf8_chars((const char *)b + ls, off - ls) + 1;
}

/*
 * Whether the entity declared at decl is referenced anywhere in the
 * document: "&name;" for a general entity, "%name;" for a parameter one
 * (XML 1.0 §4.1).  Only looked for when an external entity is declared.
 */
static int referenced(const unsigned char *b, size_t n, size_t decl,
		      const char *name, size_t nlen, int param)
{
	const unsigned char *p = b, *end = b + n;

	(void)decl;
	if (!nlen)
		return 0;
	while ((p = memchr(p, param ? '%' : '&', (size_t)(end - p))) != NULL) {
		p++;
		if ((size_t)(end - p) > nlen && !memcmp(p, name, nlen) && p[nlen] == ';')
			return 1;
	}
	return 0;
}

static long line_at(const unsigned char *b, size_t off)
{
	long l = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (b[i] == '\n')
			l++;
	return l;
}

/*
 * A quoted literal at b[*j] (XML 1.0 §2.3 SystemLiteral, PubidLiteral):
 * its start and length, *j past it.  0 when there is none or it is not
 * closed.
 */
static int literal(const unsigned char *b, size_t n, size_t *j,
		   const unsigned char **v, size_t *vlen)
{
	size_t k = *j;
	unsigned char q;

	while (k < n && IS_SPACE(b[k]))
		k++;
	if (k >= n || (b[k] != '"' && b[k] != '\''))
		return 0;
	q = b[k++];
	*v = b + k;
	while (k < n && b[k] != q)
		k++;
	if (k >= n)
		return 0;
	*vlen = (size_t)(b + k - *v);
	*j = k + 1;
	return 1;
}

/* at most 200 bytes of a literal for a message, controls as '?' */
static char *literal_dup(const unsigned char *v, size_t vlen)
{
	size_t i, n = vlen > 200 ? 200 : vlen;
	char *s;

	while (n > 0 && n < vlen && (v[n] & 0xC0) == 0x80)
		n--;      /* not inside a UTF-8 character */
	if (!(s = malloc(n + 1)))
		return NULL;
	for (i = 0; i < n; i++)
		s[i] = v[i] < 0x20 || v[i] == 0x7F ? '?' : (char)v[i];
	s[n] = '\0';
	return s;
}

/*
 * XML 1.0 §2.8 doctypedecl ::= '<!DOCTYPE' S Name (S ExternalID)? S? ...
 * ExternalID ::= 'SYSTEM' S SystemLiteral
 *              | 'PUBLIC' S PubidLiteral S SystemLiteral
 * The DTD it names is never read (no XML_PARSE_DTDLOAD, and the entity
 * loader refuses everything): say so, at the DOCTYPE, at = its '<'.
 */
#define NETSCAPE_RSS091 "-//Netscape Communications//DTD RSS 0.91//EN"

static void external_dtd(struct fc *fc, const unsigned char *b, size_t n,
			 size_t at)
{
	size_t j = at + 9, ls = at, pidlen = 0, syslen = 0;
	const unsigned char *pid = NULL, *sys = NULL;
	char *ps = NULL, *ss = NULL;
	struct diag *d;
	int public;

	while (j < n && IS_SPACE(b[j]))
		j++;
	while (j < n && !IS_SPACE(b[j]) && b[j] != '[' && b[j] != '>')
		j++;      /* the Name */
	while (j < n && IS_SPACE(b[j]))
		j++;
	if (j + 6 > n || (memcmp(b + j, "SYSTEM", 6) && memcmp(b + j, "PUBLIC", 6)))
		return;
	public = b[j] == 'P';
	j += 6;
	if (public && !literal(b, n, &j, &pid, &pidlen))
		return;   /* not well-formed: libxml2 says so */
	if (!literal(b, n, &j, &sys, &syslen))
		return;
	while (ls > 0 && b[ls - 1] != '\n')
		ls--;
	if (!(ss = literal_dup(sys, syslen)) || (pid && !(ps = literal_dup(pid, pidlen)))) {
		free(ss);
		fc->oom = 1;
		return;
	}
	if (ps && !strcmp(ps, NETSCAPE_RSS091))
		fc->netscape_dtd = 1;   /* rss.c: against the version */
	if (ps && !strcmp(ps, NETSCAPE_RSS091))
		d = fc_report(fc, "xml-external-dtd", line_at(b, at),
			      (long)ft_utf8_chars((const char *)b + ls, at - ls) + 1,
			      "the DOCTYPE refers to the external DTD '%s' "
			      "(Netscape's RSS 0.91 DTD, no longer served); "
			      "it was not read", ss);
	else if (ps)
		d = fc_report(fc, "xml-external-dtd", line_at(b, at),
			      (long)ft_utf8_chars((const char *)b + ls, at - ls) + 1,
			      "the DOCTYPE refers to the external DTD '%s' "
			      "(PUBLIC '%s'); it was not read", ss, ps);
	else
		d = fc_report(fc, "xml-external-dtd", line_at(b, at),
			      (long)ft_utf8_chars((const char *)b + ls, at - ls) + 1,
			      "the DOCTYPE refers to the external DTD '%s'; it "
			      "was not read", ss);
	if (d)
		d->offset = (long long)at;
	free(ss);
	free(ps);
}

/*
 * Look at a DOCTYPE's internal subset before libxml2 sees the document.
 * External entities (XML 1.0 §4.2.2) are errors and are never opened;
 * entities whose expansion would pass MAX_ENTITY_EXPANSION bytes (the
 * "billion laughs") are errors and the document is not parsed at all.
 * Returns 1 when the document must not be parsed.
 */
int fc_doctype_scan(struct fc *fc, const unsigned char *b, size_t n)
{
	size_t i = 0, end;
	struct ent ents[MAX_ENTITIES];
	size_t ne = 0, k;
	int stop = 0;

	/* skip white space, comments and PIs up to the first markup */
	for (;;) {
		while (i < n && IS_SPACE(b[i]))
			i++;
		if (i + 4 <= n && !memcmp(b + i, "<!--", 4)) {
			const unsigned char *e = NULL;
			size_t j;
			for (j = i + 4; j + 3 <= n; j++)
				if (!memcmp(b + j, "-->", 3)) {
					e = b + j;
					break;
				}
			if (!e)
				return 0;
			i = (size_t)(e - b) + 3;
		} else if (i + 2 <= n && !memcmp(b + i, "<?", 2)) {
			size_t j;
			for (j = i + 2; j + 2 <= n && memcmp(b + j, "?>", 2); j++)
				;
			i = j + 2;
		} else {
			break;
		}
	}
	if (i + 9 > n || memcmp(b + i, "<!DOCTYPE", 9))
		return 0;
	external_dtd(fc, b, n, i);
	/* find the internal subset */
	for (i += 9; i < n && b[i] != '[' && b[i] != '>'; i++)
		if (b[i] == '"' || b[i] == '\'') {
			unsigned char q = b[i++];
			while (i < n && b[i] != q)
				i++;
		}
	if (i >= n || b[i] != '[')
		return 0;
	for (end = i + 1; end < n && b[end] != ']'; end++) {
		if (b[end] == '"' || b[end] == '\'') {
			unsigned char q = b[end++];
			while (end < n && b[end] != q)
				end++;
			if (end >= n)
				break;   /* an unterminated literal: the subset ends here */
		}
	}
	if (end > n)
		end = n;
	for (k = i; k + 8 < end; k++) {
		size_t j;
		struct ent *e;
		int param;
		if (memcmp(b + k, "<!ENTITY", 8))
			continue;
		if (ne == MAX_ENTITIES) {
			fc_report(fc, "xml-entity-expansion", line_at(b, k), 0,
				  "more than %d entity declarations",
				  MAX_ENTITIES);
			return 1;
		}
		e = &ents[ne];
		memset(e, 0, sizeof(*e));
		j = k + 8;
		while (j < end && IS_SPACE(b[j]))
			j++;
		param = 0;
		if (j < end && b[j] == '%') {
			param = 1;
			j++;
			while (j < end && IS_SPACE(b[j]))
				j++;
		}
		e->name = (const char *)b + j;
		while (j < end && !IS_SPACE(b[j]))
			j++;
		e->nlen = (size_t)((const char *)b + j - e->name);
		while (j < end && IS_SPACE(b[j]))
			j++;
		if (j + 6 <= end && (!memcmp(b + j, "SYSTEM", 6) ||
				     !memcmp(b + j, "PUBLIC", 6))) {
			e->external = 1;
			/* XML 1.0 §4.2.2; never opened.  Declared and never
			 * referenced, it does nothing: a warning */
			fc_report(fc, referenced(b, n, k, e->name, e->nlen, param)
				      ? "xml-external-entity" : "xml-external-entity-unused",
				  line_at(b, k), col_at(b, k),
				  "the DOCTYPE declares the external entity "
				  "'%.*s'; it was not read", (int)(e->nlen > 64 ? 64 : e->nlen),
				  e->name);
		} else if (j < end && (b[j] == '"' || b[j] == '\'')) {
			unsigned char q = b[j++];
			e->val = (const char *)b + j;
			while (j < end && b[j] != q)
				j++;
			e->vlen = (size_t)((const char *)b + j - e->val);
		}
		ne++;
		k = j;
	}
	if (ne && !(fc->entsz = calloc(ne, sizeof(*fc->entsz))))
		fc->oom = 1;
	for (k = 0; k < ne; k++) {
		int loop = 0;
		size_t sz = ents[k].external ? 0 : ent_size(ents, ne, k, &loop);
		if (fc->entsz) {
			fc->entsz[fc->nentsz].name = ents[k].name;
			fc->entsz[fc->nentsz].nlen = ents[k].nlen;
			fc->entsz[fc->nentsz].val = ents[k].val;
			fc->entsz[fc->nentsz].vlen = ents[k].vlen;
			fc->entsz[fc->nentsz++].size = sz;
		}
		if (loop || sz >= MAX_ENTITY_EXPANSION) {
			fc_report(fc, "xml-entity-expansion",
				  line_at(b, (size_t)((const unsigned char *)ents[k].name - b)), 0,
				  "entity '%.*s' %s; the document was not parsed",
				  (int)(ents[k].nlen > 64 ? 64 : ents[k].nlen),
				  ents[k].name,
				  loop ? "refers to itself"
				       : "expands to more than 64 KiB");
			stop = 1;
			break;
		}
	}
	return stop;
}
