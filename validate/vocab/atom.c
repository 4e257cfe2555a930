/*
 * atom.c - Atom 1.0 (RFC 4287) rules: the element table and the checks
 * that need more than one element (authors, ids, dates, text and content,
 * paging).  One vocabulary: the engine reaches it through fc_vocab_atom
 * (vocab.c).  Calls doc.c, the value checkers (value*.c, html.c; the
 * atom:link checks are value_link.c's) and idset.c only.
 */
#include "vocab.h"
#include "value.h"
#include "idset.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"

#define FEEDLIKE (BIT(CX_FEED) | BIT(CX_ASOURCE))
#define ENTRY BIT(CX_ENTRY)
#define ALL3 (FEEDLIKE | ENTRY)

/* RFC 4287 §4.1.1, §4.1.2, §4.2.11, §3.2 */
const struct elrule fc_atom_rules[] = {
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
	{ 0, 0, NULL, 0, 0, 0, 0 }
};

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
		struct astate *es = fc_astate(fc_parent(fc, f));
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

static void atom_start(struct fc *fc, struct frame *f)
{
	size_t i;
	const char *lang;

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
		fc_atom_link_start(fc, f);
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
		struct astate *ps = fc_astate(fc_parent(fc, f));
		if (ps && !strcmp(f->local, "author"))
			ps->has_author = 1;
		if (fc_parent(fc, f)->ctx == CX_FEED &&
		    !strcmp(f->local, "author"))
			fc->feed_has_author = 1;
		break;
	}
	case CX_ENTRY:
		fc_astate(f);
		fc->feed_entries++;
		break;
	case CX_FEED:
		fc_astate(f);
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
	struct astate *es = fc_astate(fc_parent(fc, f));

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
		;   /* a MIME type declares what it holds (D10: atom_bp.c) */
	else if (f->nelem == 0 && fc_looks_like_html(t))
		fc_report_at(fc, f, "atom-undeclared-html",
			     "'%s' contains HTML but does not say "
			     "type=\"html\"", f->qname);
}

/* RFC 5005 §2 (complete feeds) and §3 (paged feeds) */
static void paging(struct fc *fc, struct frame *f)
{
	struct astate *s = fc_astate(f);
	char **l = fc->flink;   /* self, current, first, last, next, previous */
	size_t i;

	if (s && s->complete) {
		static const char *const bad[] = { NULL, NULL, "first", "last",
			"next", "previous", "prev-archive", "next-archive" };
		if (l[1] && (!l[0] || strcmp(l[0], l[1])))
			fc_report_at(fc, f, "atom-current-not-self",
				     "the current link of a complete feed must "
				     "be its self link");
		for (i = 2; i < 8; i++)
			if (l[i])
				fc_report_at(fc, f, "atom-feed-rel-in-complete",
					     "link rel '%s' in a complete feed",
					     bad[i]);
	}
	if (l[0] && l[3] && !strcmp(l[0], l[3]) && l[4])
		fc_report_at(fc, f, "atom-link-past-end",
			     "the last page must not have a next link");
	if (l[0] && l[2] && !strcmp(l[0], l[2]) && l[5])
		fc_report_at(fc, f, "atom-link-past-end",
			     "the first page must not have a previous link");
	for (i = 0; i < 8; i++) {
		free(l[i]);
		l[i] = NULL;
	}
}

static void atom_end(struct fc *fc, struct frame *f)
{
	struct frame *p = fc_parent(fc, f);
	struct astate *ps = fc_astate(p), *s;
	const char *t = f->text.data ? f->text.data : "";

	if (f->ns != NS_ATOM)
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
			snprintf(ps->id, sizeof(ps->id), "%s", t);
		else if (!strcmp(f->local, "updated") &&
			 !fc_rfc3339_check(t, &ps->upd))
			ps->has_upd = 1;
		else if (!strcmp(f->local, "published") &&
			 !fc_rfc3339_check(t, &ps->pub))
			ps->has_pub = 1;
	}
	if (f->ctx == CX_ENTRY && (s = fc_astate(f)) != NULL) {
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
			char key[600];
			snprintf(key, sizeof(key), "%s\n%lld", s->id,
				 s->has_upd ? s->upd : 0);
			/* RFC 4287 §4.1.1: the same entry twice, whose
			 * updated "SHOULD be different" (D6); one id for
			 * every entry is atom-duplicate-id (atom_bp.c) */
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
			} else if (!fc->feed_has_author) {
				if (!fc->entries_without_author++) {
					fc->noauthor_line = f->line;
					fc->noauthor_col = f->col;
				}
			}
		}
	}
	if (f->ctx == CX_ASOURCE && ps && fc_astate(f)->has_author)
		ps->has_author = 1;
	if (f->ctx == CX_FEED) {
		if (!fc->feed_has_author && fc->entries_without_author) {
			struct diag *d = fc_report(fc, "atom-missing-author",
				   fc->noauthor_line, fc->noauthor_col,
				   "%d entr%s without an author in a feed "
				   "without an author", fc->entries_without_author,
				   fc->entries_without_author == 1 ? "y" : "ies");
			if (d)
				d->element = strdup("entry");
		}
		if (!fc->feed_has_self)
			fc_report_at(fc, f, "atom-missing-self",
				     "missing link rel=\"self\"");
		paging(fc, f);
	}
}

/* Atom 1.0 (RFC 4287): the engine reaches this file through this row (vocab.c) */
const struct fc_vocab fc_vocab_atom = {
	fc_atom_rules, "a", atom_start, atom_end, NULL
};
