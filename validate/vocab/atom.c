/*
 * atom.c - Atom 1.0 (RFC 4287), wherever its elements are: the element
 * table and the checks that need more than one element (authors, ids,
 * dates, text and content, alternate and self links), and, in the late
 * round, what the W3C validator checks beyond them (the SHOULDs: content
 * with src but no type, a self link that is not a feed, an incomplete
 * atom:source, entries with nothing to read, duplicate entries, e-mail in
 * a name, escaped markup in xhtml, a document's MIME type on a fragment;
 * foreign markup without a namespace, XHTML outside content, same-document
 * references against xml:base).  An atom:link in RSS is checked here too.
 * Paging and archives (RFC 5005) are history.c's.
 */
#include "vocab.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "fnv.h"
#include "idset.h"

#define FEEDLIKE (BIT(CX_FEED) | BIT(CX_ASOURCE))
#define ENTRY BIT(CX_ENTRY)
#define ALL3 (FEEDLIKE | ENTRY)
#define RSSC (BIT(CX_CHANNEL) | BIT(CX_RCHANNEL))
#define RSSI (BIT(CX_ITEM) | BIT(CX_RITEM))

/* RFC 4287 §4.1.1, §4.1.2, §4.2.11, §3.2 */
static const struct elrule atom_rules[] = {
	{ ALL3, NS_ATOM, "author", CX_PERSON, 0, 0, VT_NONE },
	{ ALL3, NS_ATOM, "category", CX_ACAT, 0, 0, VT_ANY },
	{ ALL3, NS_ATOM, "contributor", CX_PERSON, 0, 0, VT_NONE },
	{ FEEDLIKE, NS_ATOM, "generator", CX_GENERATOR, 0, 1, VT_TEXT },
	{ FEEDLIKE, NS_ATOM, "icon", CX_LEAF, 0, 1, VT_IRI },
	{ BIT(CX_FEED) | ENTRY, NS_ATOM, "id", CX_LEAF, 1, 1, VT_ID },
	{ BIT(CX_ASOURCE), NS_ATOM, "id", CX_LEAF, 0, 1, VT_ID },
	{ ALL3, NS_ATOM, "link", CX_ALINK, 0, 0, VT_ANY },
	{ FEEDLIKE, NS_ATOM, "logo", CX_LEAF, 0, 1, VT_IRI },
	{ ALL3, NS_ATOM, "rights", CX_TEXT, 0, 1, VT_ANY },
	{ FEEDLIKE, NS_ATOM, "subtitle", CX_TEXT, 0, 1, VT_ANY },
	{ BIT(CX_FEED) | ENTRY, NS_ATOM, "title", CX_TEXT, 1, 1, VT_ANY },
	{ BIT(CX_ASOURCE), NS_ATOM, "title", CX_TEXT, 0, 1, VT_ANY },
	{ BIT(CX_FEED) | ENTRY, NS_ATOM, "updated", CX_LEAF, 1, 1, VT_RFC3339 },
	{ BIT(CX_ASOURCE), NS_ATOM, "updated", CX_LEAF, 0, 1, VT_RFC3339 },
	{ BIT(CX_FEED), NS_ATOM, "entry", CX_ENTRY, 0, 0, VT_NONE },
	{ ENTRY, NS_ATOM, "content", CX_CONTENT, 0, 1, VT_ANY },
	{ ENTRY, NS_ATOM, "published", CX_LEAF, 0, 1, VT_RFC3339 },
	{ ENTRY, NS_ATOM, "source", CX_ASOURCE, 0, 1, VT_NONE },
	{ ENTRY, NS_ATOM, "summary", CX_TEXT, 0, 1, VT_ANY },
	{ BIT(CX_PERSON), NS_ATOM, "name", CX_LEAF, 1, 1, VT_ANY },
	{ BIT(CX_PERSON), NS_ATOM, "uri", CX_LEAF, 0, 1, VT_IRI },
	{ BIT(CX_PERSON), NS_ATOM, "email", CX_LEAF, 0, 1, VT_EMAIL },
	/* atom:link in RSS (RFC 4287 §4.2.7, as RSS 2.0 "Extending RSS" allows) */
	{ RSSC | RSSI, NS_ATOM, "link", CX_ALINK, 0, 0, VT_ANY },
	{ 0, 0, NULL, 0, 0, 0, 0 }
};

/*
 * What an Atom feed, entry or source has shown so far (RFC 4287 §4.1),
 * kept in its frame (f->state, freed with it), for the checks at its end.
 */
#define MAX_ALT 16
struct entry_state {
	int has_author, has_alt, content_src, needs_summary, has_content;
	int has_upd, has_pub, nalt;
	long long upd, pub;
	char alts[MAX_ALT][96];
	char id[512];
};

/* f's state, made on first use; NULL when f is not a feed, entry or
 * source, or memory ran out. */
static struct entry_state *state_of(struct frame *f)
{
	if (!f)
		return NULL;
	if (f->ctx != CX_FEED && f->ctx != CX_ENTRY && f->ctx != CX_ASOURCE)
		return NULL;
	if (!f->state) {
		/* the arrays are read only up to nalt and the id's NUL */
		struct entry_state *s = malloc(sizeof(*s));
		if (s) {
			memset(s, 0, offsetof(struct entry_state, alts));
			s->id[0] = '\0';
		}
		f->state = s;
	}
	return f->state;
}

/* From how many entries one id for all is an error (the W3C's > 9). */
#define FC_ATOM_ALL_ONE_ID 10

/* What the document's Atom has shown so far. */
struct atom_state {
	/* the feed's author, and its entries without one (RFC 4287 §4.1.1) */
	int feed_has_author, entries_without_author;
	long noauthor_line, noauthor_col;
	/* the entries' ids: all the same is atom-duplicate-id */
	unsigned long all_entries;  /* every entry, with an id or not */
	unsigned long entries;      /* entries with an id */
	uint64_t first_id;          /* hash of the first entry's id */
	int ids_differ;             /* two entries have different ids */
	long first_line, first_col; /* the first entry */
	struct fc_idset *updated;   /* the entries' updated seen (owned) */
	int updated_said;           /* atom-duplicate-updated said */
	int xhtml_said;             /* misplaced-xhtml said */
};

static void atom_release(void *state)
{
	struct atom_state *st = state;

	fc_idset_free(st->updated);
}

/* flags on text frames */
#define TF_DIV 1
#define TF_OTHER 2
#define TF_XML 4
#define TF_BASE64 8

static int allowed_attr(int ctx, const char *name)
{
	static const char *const link[] = { "href", "rel", "type", "hreflang",
		"title", "length", NULL };
	static const char *const cat[] = { "term", "scheme", "label", NULL };
	static const char *const gen[] = { "uri", "version", NULL };
	static const char *const text[] = { "type", NULL };
	static const char *const content[] = { "type", "src", NULL };
	const char *const *l;

	switch (ctx) {
	case CX_ALINK: l = link; break;
	case CX_ACAT: l = cat; break;
	case CX_GENERATOR: l = gen; break;
	case CX_TEXT: l = text; break;
	case CX_CONTENT: l = content; break;
	default: return 0;
	}
	for (; *l; l++)
		if (!strcmp(*l, name))
			return 1;
	return 0;
}

static int is_xml_mime(const char *t)
{
	size_t n = strlen(t);
	const char *semi = strchr(t, ';');

	if (semi)
		n = (size_t)(semi - t);
	return (n > 4 && !strncmp(t + n - 4, "+xml", 4)) ||
	       (n > 4 && !strncmp(t + n - 4, "/xml", 4)) ||
	       (n >= 24 && !strncmp(t, "application/xml-external", 24));
}

#define NOT_INLINE_SAID 0x200u   /* on the text construct: atom-not-inline */
#define FRAGMENT_SAID 0x400u     /* on the content: atom-html-fragment */

static void start_text(struct fc *fc, struct frame *f)
{
	const char *type = fc_attr(f, NS_NONE, "type");
	const char *src = f->ctx == CX_CONTENT ? fc_attr(f, NS_NONE, "src") : NULL;

	if (!type || !strcmp(type, "text") || !strcmp(type, "html"))
		;
	else if (!strcmp(type, "xhtml")) {
		f->opaque = 1;
		f->xhtml = 1;
	} else if (f->ctx == CX_TEXT) {
		fc_report_at(fc, f, "atom-invalid-text-type",
			     "type attribute of '%s' must be text, html or "
			     "xhtml, not '%.40s'", f->qname, type);
	} else if (fc_mime_check(type) || !strncmp(type, "multipart/", 10)) {
		/* RFC 4287 §4.1.3.1 */
		fc_report_at(fc, f, "atom-invalid-content-type",
			     "type attribute of '%s' must be text, html, xhtml "
			     "or a MIME type, not '%.40s'", f->qname, type);
	} else if (is_xml_mime(type)) {
		f->opaque = 1;
		f->keep_text = 1;
		f->flags |= TF_XML;
	} else if (strncmp(type, "text/", 5)) {
		f->flags |= TF_BASE64;
	}
	if (src) {
		struct entry_state *es = state_of(fc_parent(fc, f));
		fc_check_iri_attr(fc, f, "src", src, 0);
		/* RFC 4287 §4.1.3.1: with src, type is a MIME media type */
		if (type && (!strcmp(type, "text") || !strcmp(type, "html") ||
			     !strcmp(type, "xhtml")))
			fc_report_at(fc, f, "atom-invalid-content-type",
				     "content with src must have a MIME media "
				     "type, not '%s'", type);
		if (es)
			es->content_src = 1;
		/* opaque children, if any, are reported at the end */
	}
}

/* An atom:link in RSS (RFC 4287 §4.2.7.2 holds there too): its
 * attributes, and the channel's self link. */
static void rss_link(struct fc *fc, struct frame *f)
{
	char trimmed[256];
	const char *href = fc_attr(f, NS_NONE, "href");
	const char *r = fc_link_check(fc, f, trimmed, sizeof(trimmed));
	struct frame *p = fc_parent(fc, f);

	if (!strcmp(r, "self") && (p->ctx == CX_CHANNEL || p->ctx == CX_RCHANNEL)) {
		fc->feed_has_self = 1;
		if (href && fc_uri_check(href, 1, 1, NULL) == URI_RELATIVE &&
		    !p->base)
			fc_report_at(fc, f, "atom-relative-self",
				     "relative self link '%.100s'", href);
	}
}

/* An atom:link of a feed, entry or source: its attributes, duplicate
 * alternates (RFC 4287 §4.1.1), the feed's self link. */
static void atom_link(struct fc *fc, struct frame *f)
{
	char trimmed[256];
	const char *href = fc_attr(f, NS_NONE, "href");
	const char *type = fc_attr(f, NS_NONE, "type");
	const char *hreflang = fc_attr(f, NS_NONE, "hreflang");
	const char *r = fc_link_check(fc, f, trimmed, sizeof(trimmed));
	struct frame *p = fc_parent(fc, f);
	struct entry_state *ps = state_of(p);
	size_t i;

	if (!ps)
		return;
	if (!strcmp(r, "alternate")) {
		char key[96];
		ps->has_alt = 1;
		/* "type|hreflang", at most 60 and 30 bytes (no printf: once
		 * an entry) */
		i = fc_copy(key, 61, type ? type : "");
		key[i++] = '|';
		fc_copy(key + i, 31, hreflang ? hreflang : "");
		for (i = 0; i < (size_t)ps->nalt; i++)
			if (!strcmp(ps->alts[i], key)) {
				fc_report_at(fc, f, "atom-duplicate-alternate",
					     "duplicate alternate link with "
					     "type '%s' and hreflang '%s'",
					     type ? type : "",
					     hreflang ? hreflang : "");
				break;
			}
		if (i == (size_t)ps->nalt && ps->nalt < MAX_ALT)
			memcpy(ps->alts[ps->nalt++], key, sizeof(key));
	}
	if (!strcmp(r, "self") && p->ctx == CX_FEED) {
		fc->feed_has_self = 1;
		if (href && fc_uri_check(href, 1, 1, NULL) == URI_RELATIVE &&
		    !p->base)
			fc_report_at(fc, f, "atom-relative-self",
				     "relative self link '%.100s'", href);
	}
}

static void atom_start(struct fc *fc, struct frame *f, void *state)
{
	struct atom_state *st = state;
	size_t i;
	const char *lang;

	if (fc->family != 'a') {
		if (f->ctx == CX_ALINK && f->ns == NS_ATOM)
			rss_link(fc, f);
		return;
	}
	if (f->xhtml && f->opaque && f->ctx == CX_OPAQUE) {
		/* inside xhtml content: the first child must be xhtml:div */
		struct frame *p = fc_parent(fc, f), *root = p;
		while (root && root->ctx == CX_OPAQUE)
			root = fc_parent(fc, root);
		if (p && (p->ctx == CX_TEXT || p->ctx == CX_CONTENT)) {
			if (f->ns == NS_XHTML && !strcmp(f->local, "div"))
				p->flags |= TF_DIV;
			else
				p->flags |= TF_OTHER;
		}
		if (!root || !root->xhtml)
			return;
		if (f->ns == NS_XHTML || (f->ns == NS_OTHER && f->nsuri &&
					  (!strcmp(f->nsuri, "http://www.w3.org/2000/svg") ||
					   !strcmp(f->nsuri, "http://www.w3.org/1998/Math/MathML"))))
			/* SVG and MathML carry scripts too (script, on*) */
			fc_check_xhtml_element(fc, f, root);
		else if (f->ns == NS_NONE)
			fc_report_at(fc, f, "undefined-element",
				     "'%s' in xhtml content is in no namespace",
				     f->qname);
		else if (f->ns != NS_OTHER)
			fc_report_at(fc, f, "undefined-element",
				     "undefined element '%s' in xhtml content",
				     f->qname);
		else if (!f->nsuri ||
			 (strcmp(f->nsuri, "http://www.w3.org/1998/Math/MathML") &&
			  strcmp(f->nsuri, "http://www.w3.org/2000/svg")))
			fc_report_at(fc, f, "unknown-namespace",
				     "element '%s' in unknown namespace '%.100s' "
				     "in xhtml content", f->qname,
				     f->nsuri ? f->nsuri : "");
		return;
	}
	if (f->ns != NS_ATOM)
		return;
	{
		struct frame *p = fc_parent(fc, f);
		/* RFC 4287 §4.1.1: metadata before the entries */
		if (p && p->ctx == CX_FEED && f->ctx != CX_ENTRY &&
		    fc_kids(p, NS_ATOM, "entry"))
			fc_report_at(fc, f, "atom-misplaced-metadata",
				     "'%s' after the entries of the feed",
				     f->qname);
	}
	if ((lang = fc_attr(f, NS_XML, "base")) != NULL)
		fc_check_iri_attr(fc, f, "xml:base", lang, 0);
	lang = fc_attr(f, NS_XML, "lang");
	if (lang && *lang)
		fc_check_attr_value(fc, f, "xml:lang", VT_LANG, lang);
	if (f->ctx == CX_OPAQUE)
		return;
	for (i = 0; i < f->nattrs; i++) {
		const struct fc_attr *a = &f->attrs[i];
		if (a->ns == NS_NONE && !allowed_attr(f->ctx, a->local))
			fc_report_at(fc, f, "unexpected-attribute",
				     "unexpected attribute '%s' on '%s'",
				     a->local, f->qname);
	}
	switch (f->ctx) {
	case CX_TEXT:
	case CX_CONTENT:
		start_text(fc, f);
		break;
	case CX_ALINK:
		atom_link(fc, f);
		break;
	case CX_ACAT:
		if (!fc_attr(f, NS_NONE, "term"))
			fc_report_at(fc, f, "missing-attribute",
				     "missing '%s' attribute: 'term'", f->qname);
		/* RFC 4287 §4.2.2.2: scheme is an IRI (absolute) */
		if (fc_attr(f, NS_NONE, "scheme"))
			fc_check_iri_attr(fc, f, "scheme",
					  fc_attr(f, NS_NONE, "scheme"), 1);
		break;
	case CX_GENERATOR:
		if (fc_attr(f, NS_NONE, "uri"))
			fc_check_iri_attr(fc, f, "uri", fc_attr(f, NS_NONE, "uri"), 0);
		break;
	case CX_PERSON: {
		struct entry_state *ps = state_of(fc_parent(fc, f));
		if (ps && !strcmp(f->local, "author"))
			ps->has_author = 1;
		if (fc_parent(fc, f)->ctx == CX_FEED &&
		    !strcmp(f->local, "author"))
			st->feed_has_author = 1;
		break;
	}
	case CX_ENTRY:
	case CX_FEED:
		state_of(f);
		break;
	default:
		break;
	}
}

static void leading_trailing_ws(struct fc *fc, struct frame *f)
{
	const char *t = f->text.data ? f->text.data : "";
	size_t n = strlen(t);

	if (n && (IS_SPACE(t[0]) || IS_SPACE(t[n - 1])))
		fc_report_at(fc, f, "unexpected-whitespace",
			     "unexpected white space in '%s'", f->qname);
}

static void end_text(struct fc *fc, struct frame *f)
{
	const char *type = fc_attr(f, NS_NONE, "type");
	const char *t = f->text.data ? f->text.data : "";
	struct entry_state *es = state_of(fc_parent(fc, f));

	if (f->ctx == CX_CONTENT && es) {
		es->has_content = 1;
		if (f->flags & TF_BASE64)
			es->needs_summary = 1;
	}
	if (f->ctx == CX_CONTENT && fc_attr(f, NS_NONE, "src")) {
		if (!fc_is_blank(t) || f->nelem)
			fc_report_at(fc, f, "atom-content-src-not-empty",
				     "'%s' with src must be empty", f->qname);
		return;
	}
	if (f->xhtml) {
		if (!(f->flags & TF_DIV) || (f->flags & TF_OTHER) ||
		    !fc_is_blank(t))
			fc_report_at(fc, f, "atom-missing-xhtml-div",
				     "xhtml content of '%s' must be a single "
				     "xhtml:div", f->qname);
		return;
	}
	if ((f->flags & TF_XML) && f->nelem && !fc_is_blank(t))
		fc_report_at(fc, f, "unexpected-text",
			     "XML content of '%s' mixes text and elements",
			     f->qname);
	if (f->flags & TF_BASE64) {
		/* RFC 4287 §4.1.3.3 item 6: Base64 (RFC 3548) */
		const char *q;
		size_t n = 0, pad = 0;
		int ok = 1;
		for (q = t; *q && ok; q++) {
			if (IS_SPACE(*q))
				continue;
			if (*q == '=')
				pad++;
			else if (pad || !(IS_ALNUM(*q) || *q == '+' || *q == '/'))
				ok = 0;
			n++;
		}
		if (!ok || n % 4 || pad > 2)
			fc_report_at(fc, f, "atom-not-base64",
				     "content of type '%s' must be Base64",
				     type ? type : "");
	}
	if (f->flags & (TF_XML | TF_BASE64))
		return;
	if (type && !strcmp(type, "html"))
		fc_check_html(fc, f, t, 1);
	else if (type && strchr(type, '/'))
		;   /* a MIME type declares what it holds (atom-html-fragment) */
	else if (f->nelem == 0 && fc_looks_like_html(t))
		fc_report_at(fc, f, "atom-undeclared-html",
			     "'%s' contains HTML but does not say "
			     "type=\"html\"", f->qname);
}

static void atom_end(struct fc *fc, struct frame *f, void *state)
{
	struct atom_state *st = state;
	struct frame *p = fc_parent(fc, f);
	struct entry_state *ps = state_of(p), *s;
	const char *t = f->text.data ? f->text.data : "";

	if (fc->family != 'a' || f->ns != NS_ATOM)
		return;
	switch (f->ctx) {
	case CX_TEXT:
	case CX_CONTENT:
		end_text(fc, f);
		return;
	case CX_ALINK:
		if (!fc_is_blank(t) || f->nelem)
			fc_report_at(fc, f, "atom-link-not-empty",
				     "'%s' should be empty", f->qname);
		return;
	case CX_OPAQUE:
		return;
	default:
		break;
	}
	if (f->ctx == CX_LEAF && f->rule &&
	    (f->rule->vt == VT_ID || f->rule->vt == VT_IRI ||
	     f->rule->vt == VT_RFC3339))
		leading_trailing_ws(fc, f);
	if (f->ctx == CX_LEAF && ps) {
		if (!strcmp(f->local, "id"))
			fc_copy(ps->id, sizeof(ps->id), t);
		else if (!strcmp(f->local, "updated") &&
			 !fc_rfc3339_check(t, &ps->upd))
			ps->has_upd = 1;
		else if (!strcmp(f->local, "published") &&
			 !fc_rfc3339_check(t, &ps->pub))
			ps->has_pub = 1;
	}
	if (f->ctx == CX_ENTRY && (s = state_of(f)) != NULL) {
		if (!s->has_content && !s->has_alt)
			fc_report_at(fc, f, "atom-missing-content-or-alternate",
				     "an entry without content must have a "
				     "link rel=\"alternate\"");
		if ((s->content_src || s->needs_summary) &&
		    !fc_kids(f, NS_ATOM, "summary"))
			fc_report_at(fc, f, "atom-missing-summary",
				     "an entry whose content is not inline "
				     "text must have a summary");
		if (s->has_pub && s->has_upd && s->pub > s->upd)
			fc_report_at(fc, f, "atom-published-after-updated",
				     "published is later than updated");
		if (s->id[0]) {
			/* "id\nupdated", built by hand: snprintf was 1.4% of
			 * an Atom feed's instructions (bench/README.md) */
			char key[sizeof(s->id) + 24], *k;
			size_t n = strnlen(s->id, sizeof(s->id) - 1);
			long long u = s->has_upd ? s->upd : 0;
			unsigned long long m = u < 0 ? 0ULL - (unsigned long long)u
						     : (unsigned long long)u;
			char digits[24];
			int d = 0;

			memcpy(key, s->id, n);
			k = key + n;
			*k++ = '\n';
			if (u < 0)
				*k++ = '-';
			do
				digits[d++] = (char)('0' + m % 10);
			while ((m /= 10) != 0);
			while (d)
				*k++ = digits[--d];
			*k = '\0';
			/* RFC 4287 §4.1.1: the same entry twice, whose
			 * updated "SHOULD be different"; one id for every
			 * entry is atom-duplicate-id (entry_end) */
			if (fc_idset_add(fc->ids, key))
				fc_report_at(fc, f, "atom-duplicate-entry",
					     "entry id '%.200s' and its updated "
					     "appear twice", s->id);
		}
		if (!s->has_author) {
			struct frame *pp = p;
			if (!pp || pp->ctx != CX_FEED) {
				fc_report_at(fc, f, "atom-missing-author",
					     "entry has no author");
			} else if (!st->feed_has_author) {
				if (!st->entries_without_author++) {
					st->noauthor_line = f->line;
					st->noauthor_col = f->col;
				}
			}
		}
	}
	if (f->ctx == CX_ASOURCE && ps && state_of(f) && state_of(f)->has_author)
		ps->has_author = 1;
	if (f->ctx == CX_FEED) {
		if (!st->feed_has_author && st->entries_without_author) {
			struct diag *d = fc_report(fc, "atom-missing-author",
				   st->noauthor_line, st->noauthor_col,
				   "%d entr%s without an author in a feed "
				   "without an author", st->entries_without_author,
				   st->entries_without_author == 1 ? "y" : "ies");
			if (d)
				d->element = strdup("entry");
		}
		if (!fc->feed_has_self)
			fc_report_at(fc, f, "atom-missing-self",
				     "missing link rel=\"self\"");
	}
}

/* ---- the late round: beyond the table and RFC 4287's MUSTs ---- */

static int feed_type(const char *t)
{
	static const char *const ok[] = { "application/atom+xml",
		"application/rss+xml", "application/rdf+xml", "application/xml",
		"text/xml", "application/feed+json", "application/json", NULL };
	size_t i, n = strcspn(t, "; ");

	for (i = 0; ok[i]; i++)
		if (strlen(ok[i]) == n && fc_strncase_eq(t, ok[i], n))
			return 1;
	return 0;
}

static void link_advice(struct fc *fc, struct frame *f)
{
	char buf[64];
	const char *rel = fc_link_rel(f, buf, sizeof(buf));
	const char *type = fc_attr(f, NS_NONE, "type");
	const char *href = fc_attr(f, NS_NONE, "href");

	if (!strcmp(rel, "self") && type && *type && !feed_type(type))
		fc_report_at(fc, f, "self-not-feed-type",
			     "the self link's type '%.60s' is not a feed: "
			     "rel=\"alternate\"?", type);
	/* RFC 3986 §4.4: a reference to the base itself */
	if (href && f->base && (!*href || *href == '#' || !strcmp(href, ".") ||
				!strcmp(href, "./")) &&
	    (!fc->t || !fc->t->url || strcmp(fc->t->url, f->base)))
		fc_report_at(fc, f, "same-document-reference",
			     "href '%.60s' refers to the xml:base '%.100s' itself, "
			     "which is not the document's own URI", href, f->base);
}

static void advice_start(struct fc *fc, struct frame *f, void *state)
{
	struct atom_state *st = state;
	struct frame *p = fc_parent(fc, f);

	if (!p && fc->family == 'a' && strchr(f->qname, ':'))
		fc_report_at(fc, f, "atom-namespace-prefix",
			     "'%s': the Atom namespace with a prefix", f->qname);
	if (f->ctx == CX_ALINK && f->ns == NS_ATOM) {
		link_advice(fc, f);
		return;
	}
	if (fc->family != 'a')
		return;
	if (f->ctx == CX_OPAQUE && !f->xhtml && p && p->ns == NS_ATOM) {
		if (f->ns == NS_NONE && !fc->atom_nons)
			fc_report_at(fc, f, "atom-undeterminable-vocabulary",
				     "'%s' has no namespace", f->qname);
		else if (f->ns == NS_XHTML && !st->xhtml_said++)
			fc_report_at(fc, f, "misplaced-xhtml",
				     "XHTML element '%s' outside the content "
				     "elements", f->qname);
	}
	if (f->ctx == CX_CONTENT && fc_attr(f, NS_NONE, "src") &&
	    !fc_attr(f, NS_NONE, "type"))
		fc_report_at(fc, f, "atom-content-src-no-type",
			     "content with src should say its type");
}

/* inside foreign markup: no namespace; a whole document under a MIME type */
static void advice_foreign(struct fc *fc, struct frame *f, void *state)
{
	struct frame *p = fc_parent(fc, f);
	const char *type;

	(void)state;
	if (fc->family != 'a' || !p)
		return;
	if (f->ns == NS_NONE && !fc->atom_nons && p->ns != NS_ATOM &&
	    p->ns != NS_NONE)
		fc_report_at(fc, f, "atom-undeterminable-vocabulary",
			     "'%s' inside foreign markup has no namespace",
			     f->qname);
	if (p->ctx == CX_CONTENT && !(p->flags & FRAGMENT_SAID) &&
	    (type = fc_attr(p, NS_NONE, "type")) &&
	    fc_strncase_eq(type, "application/xhtml+xml", 22) &&
	    strcmp(f->local, "html")) {
		p->flags |= FRAGMENT_SAID;
		fc_report_at(fc, p, "atom-html-fragment",
			     "content of type '%s' holds a fragment ('%s'), not a "
			     "document: use type=\"xhtml\"", type, f->qname);
	}
}

/* the Atom text construct an xhtml element is inside */
static struct frame *text_root(struct fc *fc, struct frame *f)
{
	while (f && f->ctx == CX_OPAQUE)
		f = fc_parent(fc, f);
	return f;
}

static int html_document(const char *t)
{
	while (IS_SPACE(*t))
		t++;
	return fc_strncase_eq(t, "<!doctype", 9) || fc_strncase_eq(t, "<html", 5);
}

static void entry_end(struct fc *fc, struct frame *f, struct atom_state *st)
{
	struct entry_state *s = state_of(f);

	st->all_entries++;
	if (!fc_kids(f, NS_ATOM, "summary") && !fc_kids(f, NS_ATOM, "content"))
		fc_report_at(fc, f, "atom-missing-textual-content",
			     "entry has neither summary nor content");
	if (!s)
		return;
	if (fc_idset_full(fc->ids) && !fc->ids_full_said++)
		fc_report_at(fc, f, "id-set-full", "more than %u ids: duplicates "
			     "from here on are not looked for", FC_IDSET_CAP);
	if (s->id[0]) {
		uint64_t h = ft_fnv1a(FT_FNV_INIT, s->id, strlen(s->id));
		if (!st->entries++) {
			st->first_id = h;
			st->first_line = f->line;
			st->first_col = f->col;
		} else if (h != st->first_id) {
			st->ids_differ = 1;
		}
	}
	if (s->has_upd) {
		char key[24], *k = key + sizeof(key) - 1;
		unsigned long long u = (unsigned long long)s->upd;
		if (!st->updated)
			st->updated = fc_idset_new();
		*k = '\0';   /* the time in hexadecimal, without printf's cost */
		do {
			*--k = "0123456789abcdef"[u & 15];
			u >>= 4;
		} while (u);
		if (fc_idset_add(st->updated, k) && !st->updated_said) {
			st->updated_said = 1;   /* said once */
			fc_report_at(fc, f, "atom-duplicate-updated",
				     "another entry has the same updated");
		}
	}
}

static void advice_end(struct fc *fc, struct frame *f, void *state)
{
	struct atom_state *st = state;
	const char *t = f->text.data ? f->text.data : "";
	struct frame *p = fc_parent(fc, f), *r;
	const char *type;

	if (fc->family != 'a') {
		/* RFC 4287 §4.2.7: atom:link is empty, in RSS as in Atom */
		if (f->ctx == CX_ALINK && f->ns == NS_ATOM &&
		    (!fc_is_blank(t) || f->nelem))
			fc_report_at(fc, f, "atom-link-not-empty",
				     "'%s' should be empty", f->qname);
		return;
	}
	if (f->xhtml && f->ctx == CX_OPAQUE && f->ns == NS_XHTML &&
	    (r = text_root(fc, f)) && !(r->flags & NOT_INLINE_SAID) &&
	    fc_looks_like_html(t)) {
		r->flags |= NOT_INLINE_SAID;
		fc_report_at(fc, r, "atom-not-inline",
			     "xhtml content of '%s' holds escaped markup", r->qname);
		return;
	}
	if (f->ns != NS_ATOM)
		return;
	switch (f->ctx) {
	case CX_LEAF:
		if (p && p->ctx == CX_PERSON && !strcmp(f->local, "name")) {
			const char *at = strchr(t, '@');
			if (at && at > t && IS_ALNUM(at[-1]) && IS_ALNUM(at[1]) &&
			    strchr(at, '.'))
				fc_report_at(fc, f, "atom-name-contains-email",
					     "'%s' holds an e-mail address: use "
					     "atom:email", f->qname);
		}
		break;
	case CX_CONTENT:
	case CX_TEXT:
		type = fc_attr(f, NS_NONE, "type");
		if (type && fc_strncase_eq(type, "text/html", 10) &&
		    !fc_attr(f, NS_NONE, "src") && !html_document(t))
			fc_report_at(fc, f, "atom-html-fragment",
				     "'%s' of type 'text/html' holds an HTML "
				     "fragment: use type=\"html\"", f->qname);
		break;
	case CX_ASOURCE: {
		const char *need[] = { "id", "title", "updated" };
		size_t i;
		for (i = 0; i < 3; i++)
			if (!fc_kids(f, NS_ATOM, need[i]))
				fc_report_at(fc, f, "atom-source-incomplete",
					     "atom:source without atom:%s", need[i]);
		break;
	}
	case CX_ENTRY:
		entry_end(fc, f, st);
		break;
	case CX_FEED:
		/* RFC 4287 §4.1.1 lets entries share an id (the same entry,
		 * whose updated SHOULD differ: atom-duplicate-entry).  One id
		 * for every one of ten or more entries is the W3C validator's
		 * DuplicateIds (feed.py: entries > 9, all but one repeats):
		 * an id that is not per entry at all. */
		if (st->entries >= FC_ATOM_ALL_ONE_ID &&
		    st->entries == st->all_entries && !st->ids_differ) {
			struct diag *d = fc_report(fc, "atom-duplicate-id",
						   st->first_line,
						   st->first_col,
						   "all %lu entries have the same id",
						   st->entries);
			if (d)
				d->element = strdup("entry");
		}
		break;
	default:
		break;
	}
}

const struct fc_vocab fc_vocab_atom = {
	.name = "atom",
	.rules = atom_rules,
	.size = sizeof(struct atom_state),
	.release = atom_release,
	.hooks = { atom_start, atom_end, NULL },
	.late = { advice_start, advice_end, advice_foreign },
};
