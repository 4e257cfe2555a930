/*
 * value_link.c - the atom:link element (RFC 4287 §4.2.7) wherever it is:
 * in an Atom feed, entry or source (atom.c), or inside an RSS channel or
 * item (ext.c).  Its href, type, hreflang and length, its rel against the
 * IANA registry, duplicate alternates, self and the RFC 5005 paging links
 * of the feed.  Calls doc.c, value.c and value_syntax.c.
 */
#include "value.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "names.h"

/* IANA link relations registry names (RFC 4287 §4.2.7.2, RFC 5005 ...) */
static const char *const rels[] = {
	"alternate", "related", "self", "enclosure", "via", "first", "last",
	"previous", "next", "prev", "current", "payment", "license", "replies",
	"edit", "edit-media", "service", "hub", "search", "prev-archive",
	"next-archive", "archives", "up", "help", "icon", "author",
	"bookmark", "canonical", "copyright", "describedby", "duplicate",
	"index", "latest-version", "memento", "monitor", "original",
	"predecessor-version", "successor-version", "version-history",
	"working-copy", "working-copy-of", "alternate", "appendix", "chapter",
	"contents", "glossary", "section", "start", "subsection", "stylesheet",
	"start", "lrdd", "nofollow", "noreferrer", "pingback", "profile",
	"tag", "webmention", NULL
};

static const char *rel_short(const char *rel)
{
	static const char iana[] = "http://www.iana.org/assignments/relation/";

	if (!strncmp(rel, iana, sizeof(iana) - 1))
		return rel + sizeof(iana) - 1;
	return rel;
}

void fc_atom_link_start(struct fc *fc, struct frame *f)
{
	char trimmed[256];
	const char *href = fc_attr(f, NS_NONE, "href");
	const char *rel = fc_attr(f, NS_NONE, "rel");
	const char *type = fc_attr(f, NS_NONE, "type");
	const char *hreflang = fc_attr(f, NS_NONE, "hreflang");
	const char *len = fc_attr(f, NS_NONE, "length");
	struct frame *p = fc_parent(fc, f);
	struct astate *ps = fc_astate(p);
	const char *r;
	size_t i;

	if (!href)
		fc_report_at(fc, f, "missing-attribute",
			     "missing '%s' attribute: 'href'", f->qname);
	else
		fc_check_iri_attr(fc, f, "href", href, 0);
	if (type)
		fc_check_attr_value(fc, f, "type", VT_MIME, type);
	if (hreflang)
		fc_check_attr_value(fc, f, "hreflang", VT_LANG, hreflang);
	if (len)
		fc_check_attr_value(fc, f, "length", VT_NNINT, len);
	if (rel) {
		/* white space around a rel is tolerated */
		size_t n;
		while (IS_SPACE(*rel))
			rel++;
		n = strlen(rel);
		while (n && IS_SPACE(rel[n - 1]))
			n--;
		if (n >= sizeof(trimmed))
			n = sizeof(trimmed) - 1;
		memcpy(trimmed, rel, n);
		trimmed[n] = '\0';
		rel = trimmed;
	}
	r = rel ? rel_short(rel) : "alternate";
	if (rel && !*rel) {
		fc_report_at(fc, f, "atom-invalid-rel", "empty rel attribute");
	} else if (rel && r == rel && strchr(rel, ':')) {
		char c;
		if (fc_uri_check(rel, 1, 1, &c))
			fc_report_at(fc, f, "atom-invalid-rel",
				     "invalid rel '%.100s'", rel);
	} else {
		for (i = 0; rels[i]; i++)
			if (!strcmp(rels[i], r))
				break;
		if (!rels[i]) {
			/* isegment-nz-nc (RFC 4287 §4.2.7.2) */
			const char *q;
			int ok = 1;
			for (q = r; *q; q++)
				if (!IS_ALNUM(*q) && !strchr("-._~!$&'()*+,;=@%", *q))
					ok = 0;
			if (!ok)
				fc_report_at(fc, f, "atom-invalid-rel",
					     "invalid rel '%.100s'", r);
			else
				fc_report_at(fc, f, "atom-unregistered-rel",
					     "unregistered link relation "
					     "'%.100s'", r);
		}
	}
	if (!strcmp(r, "self") && (p->ctx == CX_CHANNEL || p->ctx == CX_RCHANNEL)) {
		fc->feed_has_self = 1;   /* atom:link in an RSS channel */
		/* RFC 4287 §4.2.7.2 holds for atom:link in RSS too */
		if (href && fc_uri_check(href, 1, 1, NULL) == URI_RELATIVE &&
		    !p->base)
			fc_report_at(fc, f, "atom-relative-self",
				     "relative self link '%.100s'", href);
	}
	if (!ps)
		return;
	if (!strcmp(r, "alternate")) {
		char key[96];
		ps->has_alt = 1;
		snprintf(key, sizeof(key), "%.60s|%.30s", type ? type : "",
			 hreflang ? hreflang : "");
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
	if (p->ctx == CX_FEED && href) {
		static const char *const paging[] = { "self", "current",
			"first", "last", "next", "previous", "prev-archive",
			"next-archive" };
		for (i = 0; i < 8; i++)
			if (!strcmp(r, paging[i]) && !fc->flink[i])
				fc->flink[i] = strdup(href);
	}
	if (!strcmp(r, "self") && p->ctx == CX_FEED) {
		fc->feed_has_self = 1;
		if (href && fc_uri_check(href, 1, 1, NULL) == URI_RELATIVE &&
		    !p->base)
			fc_report_at(fc, f, "atom-relative-self",
				     "relative self link '%.100s'", href);
	}
	if (!strcmp(r, "prev-archive") || !strcmp(r, "next-archive") ||
	    !strcmp(r, "current") || !strcmp(r, "previous") ||
	    !strcmp(r, "next") || !strcmp(r, "first") || !strcmp(r, "last")) {
		if (p->ctx == CX_ENTRY)
			fc_report_at(fc, f, "atom-fh-rel-in-entry",
				     "feed history link rel '%s' in an entry", r);
	}
}
