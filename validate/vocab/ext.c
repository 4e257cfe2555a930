/*
 * ext.c - extension vocabularies: Dublin Core (dc:, dcterms:), content:,
 * Media RSS 1.5, threading (RFC 4685),
 * feed history (RFC 5005), slash:, sy:, admin:, blogChannel:, and atom:link
 * inside RSS (the itunes: tags are itunes.c's, podcast: podcast.c's).
 * One vocabulary, in every feed: the engine reaches it
 * through fc_vocab_ext (vocab.c).  Calls doc.c and the value checkers
 * (value*.c, html.c; an atom:link in RSS is value_link.c's) only.
 */
#include "vocab.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"

#define CH (BIT(CX_CHANNEL) | BIT(CX_RCHANNEL) | BIT(CX_FEED))
#define IT (BIT(CX_ITEM) | BIT(CX_RITEM) | BIT(CX_ENTRY))
#define ANYC (CH | IT | BIT(CX_IMAGE) | BIT(CX_RIMAGE) | BIT(CX_TEXTINPUT) | \
	      BIT(CX_RTEXTINPUT) | BIT(CX_ASOURCE) | BIT(CX_RDF))
#define RSSC (BIT(CX_CHANNEL) | BIT(CX_RCHANNEL))
#define RSSI (BIT(CX_ITEM) | BIT(CX_RITEM))
#define MED (CH | IT | BIT(CX_MEDIA_GROUP) | BIT(CX_MEDIA_CONTENT))

const struct elrule fc_ext_rules[] = {
	/* Dublin Core elements 1.1 */
	{ ANYC, NS_DC, "title", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DC, "creator", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DC, "subject", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DC, "description", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DC, "publisher", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DC, "contributor", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DC, "date", CX_LEAF, 0, 0, VT_W3CDTF },
	{ ANYC, NS_DC, "type", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DC, "format", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DC, "identifier", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DC, "source", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DC, "language", CX_LEAF, 0, 0, VT_LANG },
	{ ANYC, NS_DC, "relation", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DC, "coverage", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DC, "rights", CX_LEAF, 0, 0, VT_ANY },
	/* DCMI terms */
	{ ANYC, NS_DCTERMS, "created", CX_LEAF, 0, 0, VT_W3CDTF },
	{ ANYC, NS_DCTERMS, "modified", CX_LEAF, 0, 0, VT_W3CDTF },
	{ ANYC, NS_DCTERMS, "issued", CX_LEAF, 0, 0, VT_W3CDTF },
	{ ANYC, NS_DCTERMS, "available", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "dateAccepted", CX_LEAF, 0, 0, VT_W3CDTF },
	{ ANYC, NS_DCTERMS, "dateCopyrighted", CX_LEAF, 0, 0, VT_W3CDTF },
	{ ANYC, NS_DCTERMS, "dateSubmitted", CX_LEAF, 0, 0, VT_W3CDTF },
	{ ANYC, NS_DCTERMS, "valid", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "date", CX_LEAF, 0, 0, VT_W3CDTF },
	{ ANYC, NS_DCTERMS, "abstract", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "accessRights", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "alternative", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "audience", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "bibliographicCitation", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "conformsTo", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "contributor", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "coverage", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "creator", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "description", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "educationLevel", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "extent", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "format", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "hasFormat", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "hasPart", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "hasVersion", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "identifier", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "isFormatOf", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "isPartOf", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "isReferencedBy", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "isReplacedBy", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "isRequiredBy", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "isVersionOf", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "language", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "license", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "mediator", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "medium", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "provenance", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "publisher", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "references", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "relation", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "replaces", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "requires", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "rights", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "rightsHolder", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "source", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "spatial", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "subject", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "tableOfContents", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "temporal", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "title", CX_LEAF, 0, 0, VT_ANY },
	{ ANYC, NS_DCTERMS, "type", CX_LEAF, 0, 0, VT_ANY },
	/* content: */
	{ RSSI, NS_CONTENT, "encoded", CX_LEAF, 0, 1, VT_HTML },
	{ RSSI | RSSC, NS_CONTENT, "items", CX_OPAQUE, 0, 1, VT_ANY },
	/* creativeCommons:, cc: */
	{ CH | IT, NS_CREATIVECOMMONS, "license", CX_LEAF, 0, 0, VT_URL },
	/* trackback: */
	{ IT, NS_TRACKBACK, "ping", CX_TB, 0, 1, VT_ANY },
	{ IT, NS_TRACKBACK, "about", CX_TB, 0, 0, VT_ANY },
	/* geo:, geourl:, icbm: */
	{ CH | IT, NS_GEO, "lat", CX_LEAF, 0, 1, VT_LAT },
	{ CH | IT, NS_GEO, "long", CX_LEAF, 0, 1, VT_LON },
	{ CH | IT, NS_GEO, "alt", CX_LEAF, 0, 1, VT_FLOAT },
	{ CH | IT, NS_GEO, "Point", CX_OPAQUE, 0, 0, VT_ANY },
	{ CH | IT, NS_GEOURL, "latitude", CX_LEAF, 0, 1, VT_LAT },
	{ CH | IT, NS_GEOURL, "longitude", CX_LEAF, 0, 1, VT_LON },
	{ CH | IT, NS_ICBM, "latitude", CX_LEAF, 0, 1, VT_LAT },
	{ CH | IT, NS_ICBM, "longitude", CX_LEAF, 0, 1, VT_LON },
	/* Media RSS */
	{ CH | IT, NS_MEDIA, "group", CX_MEDIA_GROUP, 0, 0, VT_NONE },
	{ CH | IT | BIT(CX_MEDIA_GROUP), NS_MEDIA, "content", CX_MEDIA_CONTENT, 0, 0, VT_NONE },
	{ MED, NS_MEDIA, "rating", CX_LEAF, 0, 0, VT_ANY },
	{ MED, NS_MEDIA, "title", CX_LEAF, 0, 1, VT_ANY },
	{ MED, NS_MEDIA, "description", CX_LEAF, 0, 1, VT_ANY },
	{ MED, NS_MEDIA, "keywords", CX_LEAF, 0, 1, VT_ANY },
	{ MED, NS_MEDIA, "thumbnail", CX_LEAF, 0, 0, VT_ANY },
	{ MED, NS_MEDIA, "category", CX_LEAF, 0, 0, VT_ANY },
	{ MED, NS_MEDIA, "hash", CX_LEAF, 0, 0, VT_ANY },
	{ MED, NS_MEDIA, "player", CX_LEAF, 0, 1, VT_ANY },
	{ MED, NS_MEDIA, "credit", CX_LEAF, 0, 0, VT_ANY },
	{ MED, NS_MEDIA, "copyright", CX_LEAF, 0, 1, VT_ANY },
	{ MED, NS_MEDIA, "text", CX_LEAF, 0, 0, VT_ANY },
	{ MED, NS_MEDIA, "restriction", CX_LEAF, 0, 0, VT_ANY },
	{ MED, NS_MEDIA, "adult", CX_LEAF, 0, 1, VT_TRUEFALSE },
	{ MED, NS_MEDIA, "community", CX_OPAQUE, 0, 1, VT_ANY },
	{ MED, NS_MEDIA, "comments", CX_OPAQUE, 0, 1, VT_ANY },
	{ MED, NS_MEDIA, "embed", CX_OPAQUE, 0, 1, VT_ANY },
	{ MED, NS_MEDIA, "responses", CX_OPAQUE, 0, 1, VT_ANY },
	{ MED, NS_MEDIA, "backLinks", CX_OPAQUE, 0, 1, VT_ANY },
	{ MED, NS_MEDIA, "status", CX_LEAF, 0, 1, VT_ANY },
	{ MED, NS_MEDIA, "price", CX_LEAF, 0, 0, VT_ANY },
	{ MED, NS_MEDIA, "license", CX_LEAF, 0, 0, VT_ANY },
	{ MED, NS_MEDIA, "subTitle", CX_LEAF, 0, 0, VT_ANY },
	{ MED, NS_MEDIA, "peerLink", CX_LEAF, 0, 0, VT_ANY },
	{ MED, NS_MEDIA, "location", CX_OPAQUE, 0, 0, VT_ANY },
	{ MED, NS_MEDIA, "rights", CX_LEAF, 0, 1, VT_ANY },
	{ MED, NS_MEDIA, "scenes", CX_OPAQUE, 0, 1, VT_ANY },
	/* threading (RFC 4685) */
	{ IT | CH | BIT(CX_ASOURCE), NS_THR, "in-reply-to", CX_THR_INREPLYTO, 0, 0, VT_ANY },
	{ IT, NS_THR, "total", CX_LEAF, 0, 1, VT_NNINT },
	/* feed history (RFC 5005) */
	{ CH, NS_FH, "complete", CX_LEAF, 0, 1, VT_EMPTY },
	{ CH, NS_FH, "archive", CX_LEAF, 0, 1, VT_EMPTY },
	/* slash: */
	{ IT, NS_SLASH, "section", CX_LEAF, 0, 1, VT_ANY },
	{ IT, NS_SLASH, "department", CX_LEAF, 0, 1, VT_ANY },
	{ IT, NS_SLASH, "comments", CX_LEAF, 0, 1, VT_NNINT },
	{ IT, NS_SLASH, "hit_parade", CX_LEAF, 0, 1, VT_COMMAINTS },
	/* sy: */
	{ CH, NS_SY, "updatePeriod", CX_LEAF, 0, 1, VT_UPDATEPERIOD },
	{ CH, NS_SY, "updateFrequency", CX_LEAF, 0, 1, VT_POSINT },
	{ CH, NS_SY, "updateBase", CX_LEAF, 0, 1, VT_W3CDTF },
	/* admin: */
	{ CH, NS_ADMIN, "generatorAgent", CX_RRES, 0, 1, VT_EMPTY },
	{ CH, NS_ADMIN, "errorReportsTo", CX_RRES, 0, 1, VT_EMPTY },
	/* blogChannel: */
	{ CH, NS_BLOGCHANNEL, "blogRoll", CX_LEAF, 0, 1, VT_URL },
	{ CH, NS_BLOGCHANNEL, "mySubscriptions", CX_LEAF, 0, 1, VT_URL },
	{ CH, NS_BLOGCHANNEL, "blink", CX_LEAF, 0, 1, VT_URL },
	{ CH, NS_BLOGCHANNEL, "changes", CX_LEAF, 0, 1, VT_URL },
	/* atom:link in RSS */
	{ RSSC | RSSI, NS_ATOM, "link", CX_ALINK, 0, 0, VT_ANY },
	{ 0, 0, NULL, 0, 0, 0, 0 }
};

static const char *enum_ok(const char *v, const char *const *l)
{
	for (; *l; l++)
		if (!strcmp(v, *l))
			return NULL;
	return v;
}

static void media_start(struct fc *fc, struct frame *f)
{
	static const char *const medium[] = { "image", "audio", "video",
		"document", "executable", NULL };
	static const char *const expr[] = { "sample", "full", "nonstop", NULL };
	static const char *const algo[] = { "md5", "sha-1", NULL };
	static const char *const ttype[] = { "plain", "html", NULL };
	static const char *const rrel[] = { "allow", "deny", NULL };
	static const char *const rtype[] = { "country", "uri", "sharing", NULL };
	const char *v;

	/* Media RSS 1.5.0: the typed attributes of each element */
	static const struct { const char *elem, *attr; int vt; } typed[] = {
		{ "content", "url", VT_URL }, { "content", "fileSize", VT_POSINT },
		{ "content", "type", VT_MIME }, { "content", "isDefault", VT_TRUEFALSE },
		{ "content", "lang", VT_LANG }, { "content", "height", VT_POSINT },
		{ "content", "width", VT_POSINT }, { "content", "duration", VT_POSINT },
		{ "content", "channels", VT_POSINT }, { "content", "bitrate", VT_FLOAT },
		{ "content", "framerate", VT_FLOAT },
		{ "content", "samplingrate", VT_FLOAT },
		{ "thumbnail", "url", VT_URL }, { "thumbnail", "height", VT_NNINT },
		{ "thumbnail", "width", VT_NNINT }, { "thumbnail", "time", VT_NPT },
		{ "player", "url", VT_URL }, { "player", "height", VT_POSINT },
		{ "player", "width", VT_POSINT },
	};
	size_t k;

	for (k = 0; k < sizeof(typed) / sizeof(typed[0]); k++)
		if (!strcmp(f->local, typed[k].elem) &&
		    (v = fc_attr(f, NS_NONE, typed[k].attr)))
			fc_check_attr_value(fc, f, typed[k].attr, typed[k].vt, v);
	if (!strcmp(f->local, "content")) {
		if ((v = fc_attr(f, NS_NONE, "medium")) && enum_ok(v, medium))
			fc_report_at(fc, f, "media-invalid-value",
				     "invalid medium '%.40s'", v);
		if ((v = fc_attr(f, NS_NONE, "expression")) && enum_ok(v, expr))
			fc_report_at(fc, f, "media-invalid-value",
				     "invalid expression '%.40s'", v);
	} else if (!strcmp(f->local, "thumbnail") || !strcmp(f->local, "player")) {
		if (!fc_attr(f, NS_NONE, "url"))
			fc_report_at(fc, f, "missing-attribute",
				     "missing '%s' attribute: 'url'", f->qname);
	} else if (!strcmp(f->local, "hash")) {
		if ((v = fc_attr(f, NS_NONE, "algo")) && enum_ok(v, algo))
			fc_report_at(fc, f, "media-invalid-value",
				     "invalid hash algo '%.40s'", v);
	} else if (!strcmp(f->local, "copyright")) {
		if ((v = fc_attr(f, NS_NONE, "url")))
			fc_check_attr_value(fc, f, "url", VT_URL, v);
	} else if (!strcmp(f->local, "credit")) {
		if ((v = fc_attr(f, NS_NONE, "scheme")))
			fc_check_attr_value(fc, f, "scheme", VT_FULLIRI, v);
		if ((v = fc_attr(f, NS_NONE, "role"))) {
			const char *q;
			for (q = v; *q; q++)
				if ((unsigned)*q - 'A' < 26u)
					break;
			if (*q)
				fc_report_at(fc, f, "media-invalid-credit-role",
					     "credit roles are lower case: "
					     "'%.40s'", v);
		}
	} else if (!strcmp(f->local, "text") || !strcmp(f->local, "title") ||
		   !strcmp(f->local, "description")) {
		if ((v = fc_attr(f, NS_NONE, "type")) && enum_ok(v, ttype))
			fc_report_at(fc, f, "media-invalid-value",
				     "invalid text type '%.40s'", v);
		if ((v = fc_attr(f, NS_NONE, "start")))
			fc_check_attr_value(fc, f, "start", VT_NPT, v);
		if ((v = fc_attr(f, NS_NONE, "end")))
			fc_check_attr_value(fc, f, "end", VT_NPT, v);
		if ((v = fc_attr(f, NS_NONE, "lang")))
			fc_check_attr_value(fc, f, "lang", VT_LANG, v);
	} else if (!strcmp(f->local, "restriction")) {
		if (!(v = fc_attr(f, NS_NONE, "relationship")))
			fc_report_at(fc, f, "missing-attribute",
				     "missing '%s' attribute: 'relationship'",
				     f->qname);
		else if (enum_ok(v, rrel))
			fc_report_at(fc, f, "media-invalid-value",
				     "invalid relationship '%.40s'", v);
		if ((v = fc_attr(f, NS_NONE, "type")) && enum_ok(v, rtype))
			fc_report_at(fc, f, "media-invalid-value",
				     "invalid restriction type '%.40s'", v);
	} else if (!strcmp(f->local, "category")) {
		if ((v = fc_attr(f, NS_NONE, "scheme")))
			fc_check_attr_value(fc, f, "scheme", VT_FULLIRI, v);
		if ((v = fc_attr(f, NS_NONE, "label")) && fc_looks_like_html(v))
			fc_report_at(fc, f, "contains-html",
				     "label of '%s' should not contain HTML",
				     f->qname);
	}
}

static void ext_start(struct fc *fc, struct frame *f)
{
	const char *v;
	struct frame *p;

	switch (f->ns) {
	case NS_ATOM:
		if (fc->family != 'a' && f->ctx == CX_ALINK)
			fc_atom_link_start(fc, f);
		if (fc->family == 'a' && f->ctx == CX_ALINK) {
			/* RFC 4685 §4: thr:count, thr:updated */
			if ((v = fc_attr(f, NS_THR, "count")))
				fc_check_attr_value(fc, f, "thr:count", VT_NNINT, v);
			if ((v = fc_attr(f, NS_THR, "updated")))
				fc_check_attr_value(fc, f, "thr:updated",
						    VT_RFC3339, v);
			for (size_t i = 0; i < f->nattrs; i++)
				if (f->attrs[i].ns == NS_THR &&
				    strcmp(f->attrs[i].local, "count") &&
				    strcmp(f->attrs[i].local, "updated"))
					fc_report_at(fc, f, "unexpected-attribute",
						     "thr:%s is not defined (RFC "
						     "4685 section 4)",
						     f->attrs[i].local);
		}
		break;
	case NS_MEDIA:
		media_start(fc, f);
		break;
	case NS_THR:
		if (f->ctx == CX_THR_INREPLYTO) {
			if (!(v = fc_attr(f, NS_NONE, "ref")))
				fc_report_at(fc, f, "missing-attribute",
					     "missing '%s' attribute: 'ref'",
					     f->qname);
			else
				fc_check_attr_value(fc, f, "ref", VT_FULLIRI, v);
			if ((v = fc_attr(f, NS_NONE, "href")))
				fc_check_attr_value(fc, f, "href", VT_IRI, v);
			if ((v = fc_attr(f, NS_NONE, "source")))
				fc_check_attr_value(fc, f, "source", VT_IRI, v);
			if ((v = fc_attr(f, NS_NONE, "type")))
				fc_check_attr_value(fc, f, "type", VT_MIME, v);
		}
		break;
	case NS_FH:
		p = fc_parent(fc, f);
		if (p && !strcmp(f->local, "complete") && p->ctx == CX_FEED)
			fc_atom_mark_complete(p);
		break;
	case NS_ADMIN:
		if (f->ctx == CX_RRES) {
			if (!(v = fc_attr(f, NS_RDF, "resource")))
				fc_report_at(fc, f, "missing-attribute",
					     "missing '%s' attribute: "
					     "'rdf:resource'", f->qname);
			else
				fc_check_attr_value(fc, f, "rdf:resource",
						    VT_URL, v);
		}
		break;
	default:
		break;
	}
}

static int in_list(const char *v, const char *const *l)
{
	for (; *l; l++)
		if (!strcmp(v, *l))
			return 1;
	return 0;
}

/* Media RSS 1.5: media:rating, media:hash, media:restriction, media:group */
static void media_end(struct fc *fc, struct frame *f, const char *t)
{
	static const char *const simple[] = { "adult", "nonadult", NULL };
	static const char *const mpaa[] = { "g", "pg", "pg-13", "r",
		"nc-17", "x", NULL };
	static const char *const vchip[] = { "tv-y", "tv-y7", "tv-y7-fv",
		"tv-g", "tv-pg", "tv-14", "tv-ma", NULL };
	const char *v;
	char *s = fc_trim_dup(t);

	if (!s)
		return;
	if (!strcmp(f->local, "rating")) {
		v = fc_attr(f, NS_NONE, "scheme");
		if (!v || !strcmp(v, "urn:simple")) {
			if (!in_list(s, simple))
				fc_report_at(fc, f, "media-invalid-rating",
					     "invalid urn:simple rating '%.40s'", s);
		} else if (!strcmp(v, "urn:mpaa")) {
			if (!in_list(s, mpaa))
				fc_report_at(fc, f, "media-invalid-rating",
					     "invalid urn:mpaa rating '%.40s'", s);
		} else if (!strcmp(v, "urn:v-chip")) {
			if (!in_list(s, vchip))
				fc_report_at(fc, f, "media-invalid-rating",
					     "invalid urn:v-chip rating '%.40s'", s);
		} else if (strcmp(v, "urn:icra")) {
			fc_check_attr_value(fc, f, "scheme", VT_FULLIRI, v);
		}
	} else if (!strcmp(f->local, "hash")) {
		const char *algo = fc_attr(f, NS_NONE, "algo");
		size_t want = algo && !strcmp(algo, "sha-1") ? 40 : 32, i,
		       n = strlen(s);
		int ok = n == want;
		for (i = 0; ok && i < n; i++)
			if (!IS_XDIGIT(s[i]))
				ok = 0;
		if (!ok)
			fc_report_at(fc, f, "media-invalid-hash",
				     "a %s hash is %zu hexadecimal digits",
				     algo ? algo : "md5", want);
	} else if (!strcmp(f->local, "restriction")) {
		v = fc_attr(f, NS_NONE, "type");
		if (!v) {
			if (*s && strcmp(s, "all") && strcmp(s, "none"))
				fc_report_at(fc, f, "media-invalid-restriction",
					     "a restriction without type is all "
					     "or none, not '%.40s'", s);
		} else if (!strcmp(v, "country")) {
			const char *q = s;
			int ok = 1;
			while (*q && ok) {
				if (!IS_ALPHA(q[0]) || !IS_ALPHA(q[1]) ||
				    (q[2] && !IS_SPACE(q[2])))
					ok = 0;
				q += 2;
				while (IS_SPACE(*q))
					q++;
			}
			if (!ok)
				fc_report_at(fc, f, "media-invalid-restriction",
					     "country restrictions are ISO 3166 "
					     "codes: '%.40s'", s);
		}
	} else if (!strcmp(f->local, "group")) {
		if (fc_kids(f, NS_MEDIA, "content") < 2)
			fc_report_at(fc, f, "media-group-of-one",
				     "media:group with fewer than two "
				     "media:content");
	}
	free(s);
}

static void ext_end(struct fc *fc, struct frame *f)
{
	const char *t = f->text.data ? f->text.data : "";
	const char *v;

	if (f->ctx == CX_OPAQUE)
		return;
	switch (f->ns) {
	case NS_MEDIA:
		media_end(fc, f, t);
		break;
	case NS_TRACKBACK:
		/* trackback: RSS 2.0 text, RSS 1.0 rdf:resource */
		v = fc_attr(f, NS_RDF, "resource");
		if (fc->family != 'd')
			fc_check_value(fc, f, VT_URL, t);
		else if (v)
			fc_check_attr_value(fc, f, "rdf:resource", VT_URL, v);
		else
			fc_report_at(fc, f, "missing-attribute",
				     "missing '%s' attribute: 'rdf:resource'",
				     f->qname);
		break;
	default:
		break;
	}
}

/* the extension modules, in every feed: the engine reaches this file through this row (vocab.c) */
const struct fc_vocab fc_vocab_ext = {
	fc_ext_rules, NULL, ext_start, ext_end, NULL
};
