/*
 * atom_bp.c - what the W3C validator checks in Atom beyond atom.c: the
 * SHOULDs of RFC 4287 (content with src but no type, a self link that is
 * not a feed, an incomplete atom:source, entries with nothing to read,
 * duplicate entries, e-mail in a name, escaped markup in xhtml, a MIME
 * type of a document on a fragment), foreign markup without a namespace,
 * XHTML outside content, same-document references against xml:base, and
 * the RFC 5005 archive documents.  Atom's self and archive links in RSS
 * too.  One vocabulary, in every feed: the engine reaches it through
 * fc_vocab_atom_bp (vocab.c).  Calls doc.c, the value checkers and
 * idset.c only.
 */
#include "vocab.h"
#include "value.h"
#include "idset.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"

#define NOT_INLINE_SAID 0x200u   /* on the text construct: atom-not-inline */
#define FRAGMENT_SAID 0x400u     /* on the content: atom-html-fragment */

static uint64_t hash(const char *s)
{
	uint64_t x = 14695981039346656037ULL;

	for (; *s; s++)
		x = (x ^ (unsigned char)*s) * 1099511628211ULL;
	return x;
}

/* the link's rel, trimmed, in buf; "alternate" when there is none */
static const char *rel_of(const struct frame *f, char *buf, size_t sz)
{
	const char *r = fc_attr(f, NS_NONE, "rel");
	size_t n;

	if (!r)
		return "alternate";
	while (IS_SPACE(*r))
		r++;
	n = strlen(r);
	while (n && IS_SPACE(r[n - 1]))
		n--;
	if (n >= sz)
		n = sz - 1;
	memcpy(buf, r, n);
	buf[n] = '\0';
	return buf;
}

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

static void link_start(struct fc *fc, struct frame *f)
{
	char buf[64];
	const char *rel = rel_of(f, buf, sizeof(buf));
	const char *type = fc_attr(f, NS_NONE, "type");
	const char *href = fc_attr(f, NS_NONE, "href");
	struct frame *p = fc_parent(fc, f);
	int top = p && (p->ctx == CX_FEED || p->ctx == CX_CHANNEL ||
			p->ctx == CX_RCHANNEL);

	if (!strcmp(rel, "self") && type && *type && !feed_type(type))
		fc_report_at(fc, f, "self-not-feed-type",
			     "the self link's type '%.60s' is not a feed: "
			     "rel=\"alternate\"?", type);
	if (top && !strcmp(rel, "current"))
		fc->cat.fh_archive |= 2;
	else if (top && (!strcmp(rel, "prev-archive") || !strcmp(rel, "next-archive")))
		fc->cat.fh_archive |= 4;
	/* RFC 3986 §4.4: a reference to the base itself */
	if (href && f->base && (!*href || *href == '#' || !strcmp(href, ".") ||
				!strcmp(href, "./")) &&
	    (!fc->t || !fc->t->url || strcmp(fc->t->url, f->base)))
		fc_report_at(fc, f, "same-document-reference",
			     "href '%.60s' refers to the xml:base '%.100s' itself, "
			     "which is not the document's own URI", href, f->base);
}

static void atom_bp_start(struct fc *fc, struct frame *f)
{
	struct frame *p = fc_parent(fc, f);

	if (!p && fc->family == 'a' && strchr(f->qname, ':'))
		fc_report_at(fc, f, "atom-namespace-prefix",
			     "'%s': the Atom namespace with a prefix", f->qname);
	if (f->ns == NS_FH && !strcmp(f->local, "archive"))
		fc->cat.fh_archive |= 1;
	if (f->ctx == CX_ALINK && f->ns == NS_ATOM) {
		link_start(fc, f);
		return;
	}
	if (fc->family != 'a')
		return;
	if (f->ctx == CX_OPAQUE && !f->xhtml && p && p->ns == NS_ATOM) {
		if (f->ns == NS_NONE && !fc->atom_nons)
			fc_report_at(fc, f, "atom-undeterminable-vocabulary",
				     "'%s' has no namespace", f->qname);
		else if (f->ns == NS_XHTML && !fc->cat.xhtml_said++)
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
static void atom_bp_foreign(struct fc *fc, struct frame *f)
{
	struct frame *p = fc_parent(fc, f);
	const char *type;

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

static void entry_end(struct fc *fc, struct frame *f)
{
	struct astate *s = fc_astate(f);

	if (!fc_kids(f, NS_ATOM, "summary") && !fc_kids(f, NS_ATOM, "content"))
		fc_report_at(fc, f, "atom-missing-textual-content",
			     "entry has neither summary nor content");
	if (!s)
		return;
	if (fc_idset_full(fc->ids) && !fc->cat.idfull_said++)
		fc_report_at(fc, f, "id-set-full", "more than %u ids: duplicates "
			     "from here on are not looked for", FC_IDSET_CAP);
	if (s->id[0]) {
		uint64_t h = hash(s->id);
		if (!fc->cat.entries++) {
			fc->cat.first_id = h;
			fc->cat.first_line = f->line;
			fc->cat.first_col = f->col;
		} else if (h != fc->cat.first_id) {
			fc->cat.ids_differ = 1;
		}
	}
	if (s->has_upd) {
		char key[24], *k = key + sizeof(key) - 1;
		unsigned long long u = (unsigned long long)s->upd;
		if (!fc->cat.updated)
			fc->cat.updated = fc_idset_new();
		*k = '\0';   /* the time in hexadecimal, without printf's cost */
		do {
			*--k = "0123456789abcdef"[u & 15];
			u >>= 4;
		} while (u);
		if (fc_idset_add(fc->cat.updated, k) && !fc->cat.updated_said) {
			fc->cat.updated_said = 1;   /* said once */
			fc_report_at(fc, f, "atom-duplicate-updated",
				     "another entry has the same updated");
		}
	}
}

static void atom_bp_end(struct fc *fc, struct frame *f)
{
	const char *t = f->text.data ? f->text.data : "";
	struct frame *p = fc_parent(fc, f), *r;
	const char *type;

	if ((f->ctx == CX_FEED || f->ctx == CX_CHANNEL || f->ctx == CX_RCHANNEL) &&
	    (fc->cat.fh_archive & 1)) {
		/* RFC 5005 §4 */
		if (!(fc->cat.fh_archive & 2))
			fc_report_at(fc, f, "fh-archive-missing-current",
				     "an archive document without a link "
				     "rel=\"current\"");
		if (!(fc->cat.fh_archive & 4))
			fc_report_at(fc, f, "fh-archive-incomplete",
				     "an archive document with neither "
				     "prev-archive nor next-archive");
	}
	if (fc->family != 'a')
		return;
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
		entry_end(fc, f);
		break;
	case CX_FEED:
		/* RFC 4287 §4.1.1; W3C DuplicateIds: one id for every entry */
		if (fc->cat.entries >= 2 && !fc->cat.ids_differ) {
			struct diag *d = fc_report(fc, "atom-duplicate-id",
						   fc->cat.first_line,
						   fc->cat.first_col,
						   "all %lu entries have the same id",
						   fc->cat.entries);
			if (d)
				d->element = strdup("entry");
		}
		break;
	default:
		break;
	}
}

/* Atom beyond atom.c: the engine reaches this file through this row (vocab.c) */
const struct fc_vocab fc_vocab_atom_bp = {
	NULL, NULL, atom_bp_start, atom_bp_end, atom_bp_foreign
};
