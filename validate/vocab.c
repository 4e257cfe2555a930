/*
 * vocab.c - the namespaces the rules know (their URIs, fc_ns) and the
 * registry of vocabularies the engine reaches them through (fc_vocabs[];
 * vocab.h says how to add one).  Calls nothing: the vocabularies are
 * reached through the table.
 */
#include "vocab.h"

#include <string.h>

/* ---- namespaces ---- */

static const struct {
	const char *uri;
	int ns;
} nstab[] = {
	{ "http://www.w3.org/2005/Atom", NS_ATOM },
	{ "http://purl.org/atom/ns#", NS_ATOM03 },
	{ "http://purl.org/rss/1.0/", NS_RSS10 },
	{ "http://my.netscape.com/rdf/simple/0.9/", NS_RSS090 },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
	{ "http://purl.org/dc/elements/1.1/", NS_DC },
	{ "http://purl.org/dc/terms/", NS_DCTERMS },
	{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
	{ "http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
	{ "http://search.yahoo.com/mrss/", NS_MEDIA },
	{ "http://purl.org/syndication/thread/1.0", NS_THR },
	{ "http://purl.org/syndication/history/1.0", NS_FH },
	{ "http://purl.org/rss/1.0/modules/slash/", NS_SLASH },
	{ "http://purl.org/rss/1.0/modules/syndication/", NS_SY },
	{ "http://webns.net/mvcb/", NS_ADMIN },
	{ "http://www.w3.org/1999/xhtml", NS_XHTML },
	{ "http://www.w3.org/XML/1998/namespace", NS_XML },
	{ "http://www.w3.org/2000/xmlns/", NS_XMLNS },
	{ "http://www.georss.org/georss", NS_GEORSS },
	{ "http://www.w3.org/2003/01/geo/wgs84_pos#", NS_GEO },
	{ "http://geourl.org/rss/module/", NS_GEOURL },
	{ "http://postneo.com/icbm", NS_ICBM },
	{ "http://postneo.com/icbm/", NS_ICBM },
	{ "http://xmlns.com/foaf/0.1/", NS_FOAF },
	{ "http://web.resource.org/cc/", NS_CC },
	{ "http://backend.userland.com/creativeCommonsRssModule", NS_CREATIVECOMMONS },
	{ "http://madskills.com/public/xml/rss/module/trackback/", NS_TRACKBACK },
	{ "http://wellformedweb.org/CommentAPI/", NS_WFW },
	{ "http://backend.userland.com/blogChannelModule", NS_BLOGCHANNEL },
	{ "http://purl.org/rss/1.0/modules/rss091#", NS_RSS091N },
	{ "http://a9.com/-/spec/opensearch/1.1/", NS_OPENSEARCH },
	{ "http://www.google.com/schemas/play-podcasts/1.0", NS_GOOGLEPLAY },
	{ "https://podcastindex.org/namespace/1.0", NS_PODCAST },
	{ "http://www.w3.org/2007/app", NS_APP },
	{ "http://www.opengis.net/gml", NS_GML },
};

/* An Atom document without its namespace reads its unqualified elements
 * as Atom (after reporting it), so the rest can still be checked. */
int fc_ns(const struct fc *fc, const char *uri)
{
	size_t i;

	if (!uri || !*uri)
		return fc->atom_nons ? NS_ATOM : NS_NONE;
	if (!strcmp(uri, "http://search.yahoo.com/mrss"))
		return NS_MEDIA_OLD;
	for (i = 0; i < sizeof(nstab) / sizeof(nstab[0]); i++)
		if (!strcmp(uri, nstab[i].uri))
			return nstab[i].ns;
	return NS_OTHER;
}

/* Namespaces whose vocabulary the rules know: unknown names are errors. */
int fc_ns_known(int ns)
{
	switch (ns) {
	case NS_DC: case NS_CONTENT: case NS_ITUNES: case NS_TRACKBACK:
	case NS_CREATIVECOMMONS: case NS_GEO:
	case NS_MEDIA: case NS_THR: case NS_FH: case NS_SLASH: case NS_SY:
	case NS_ADMIN: case NS_ATOM: case NS_RSS10: case NS_RSS090:
	case NS_BLOGCHANNEL: case NS_GEORSS:
		return 1;
	default:
		return 0;
	}
}

/* ---- the registry ---- */

/*
 * In order: the first rule row that matches an element wins, and the
 * handlers run in this order (the format's own, then the extensions).
 */
const struct fc_vocab *const fc_vocabs[] = {
	&fc_vocab_atom,
	&fc_vocab_rss,
	&fc_vocab_ext,
	&fc_vocab_georss,
	NULL
};
