/*
 * link.c - the attributes of an atom:link (RFC 4287 §4.2.7) wherever it
 * is, in Atom or in RSS: its href, type, hreflang and length, and its rel
 * against the IANA registry.  What a link means to its feed or entry (an
 * alternate, a self link, a page of an archive) is the vocabulary's.
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

const char *fc_link_rel(const struct frame *f, char *buf, size_t size)
{
	const char *r = fc_attr(f, NS_NONE, "rel");
	size_t n;

	if (!r)
		return "alternate";
	/* white space around a rel is tolerated */
	while (IS_SPACE(*r))
		r++;
	n = strlen(r);
	while (n && IS_SPACE(r[n - 1]))
		n--;
	if (n >= size)
		n = size - 1;
	memcpy(buf, r, n);
	buf[n] = '\0';
	return buf;
}

const char *fc_link_rel_name(const char *rel)
{
	static const char iana[] = "http://www.iana.org/assignments/relation/";

	if (!strncmp(rel, iana, sizeof(iana) - 1))
		return rel + sizeof(iana) - 1;
	return rel;
}

const char *fc_link_check(struct fc *fc, struct frame *f, char *trimmed,
			  size_t size)
{
	const char *href = fc_attr(f, NS_NONE, "href");
	const char *rel = fc_attr(f, NS_NONE, "rel");
	const char *type = fc_attr(f, NS_NONE, "type");
	const char *hreflang = fc_attr(f, NS_NONE, "hreflang");
	const char *len = fc_attr(f, NS_NONE, "length");
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
	if (rel)
		rel = fc_link_rel(f, trimmed, size);
	r = rel ? fc_link_rel_name(rel) : "alternate";
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
	return r;
}
