/*
 * ext.c - the small extension modules, whose elements a table and a value
 * type say nearly all of: Dublin Core (dc:, dcterms:), content:,
 * creativeCommons:, trackback:, geo:, geourl: and icbm:, slash:, sy:,
 * admin: and blogChannel:.  A module with checks of its own has a file of
 * its own (media.c, thread.c, history.c, itunes.c, podcast.c, georss.c,
 * googleplay.c, comments.c); the Dublin Core twins of RSS's elements are
 * dcslash.c's.
 */
#include "vocab.h"

#define CH (BIT(CX_CHANNEL) | BIT(CX_RCHANNEL) | BIT(CX_FEED))
#define IT (BIT(CX_ITEM) | BIT(CX_RITEM) | BIT(CX_ENTRY))
#define ANYC (CH | IT | BIT(CX_IMAGE) | BIT(CX_RIMAGE) | BIT(CX_TEXTINPUT) | \
	      BIT(CX_RTEXTINPUT) | BIT(CX_ASOURCE) | BIT(CX_RDF))
#define RSSC (BIT(CX_CHANNEL) | BIT(CX_RCHANNEL))
#define RSSI (BIT(CX_ITEM) | BIT(CX_RITEM))

static const struct elrule ext_rules[] = {
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
	{ 0, 0, NULL, 0, 0, 0, 0 }
};

static void ext_start(struct fc *fc, struct frame *f, void *state)
{
	const char *v;

	(void)state;
	if (f->ns != NS_ADMIN || f->ctx != CX_RRES)
		return;
	if (!(v = fc_attr(f, NS_RDF, "resource")))
		fc_report_at(fc, f, "missing-attribute",
			     "missing '%s' attribute: 'rdf:resource'", f->qname);
	else
		fc_check_attr_value(fc, f, "rdf:resource", VT_URL, v);
}

static void ext_end(struct fc *fc, struct frame *f, void *state)
{
	const char *t = f->text.data ? f->text.data : "";
	const char *v;

	(void)state;
	if (f->ctx == CX_OPAQUE || f->ns != NS_TRACKBACK)
		return;
	/* trackback: RSS 2.0 text, RSS 1.0 rdf:resource */
	v = fc_attr(f, NS_RDF, "resource");
	if (fc->family != 'd')
		fc_check_value(fc, f, VT_URL, t);
	else if (v)
		fc_check_attr_value(fc, f, "rdf:resource", VT_URL, v);
	else
		fc_report_at(fc, f, "missing-attribute",
			     "missing '%s' attribute: 'rdf:resource'", f->qname);
}

const struct fc_vocab fc_vocab_ext = {
	.name = "ext",
	.ns = BIT(NS_ADMIN) | BIT(NS_TRACKBACK),
	.rules = ext_rules,
	.hooks = { ext_start, ext_end, NULL },
};
