/*
 * names.c - the namespaces the rules know: their URIs, and the near misses
 * of an extension's URI read as it (names.h).
 */
#include "names.h"

#include <string.h>
#include <strings.h>

#include "doc.h"

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

static int near_miss(const char *uri);

/* An Atom document without its namespace reads its unqualified elements
 * as Atom (after reporting it), so the rest can still be checked. */
int fc_ns(const struct fc *fc, const char *uri)
{
	return fc_ns_ex(fc, uri, NULL);
}

int fc_ns_ex(const struct fc *fc, const char *uri, int *near)
{
	size_t i;

	if (near)
		*near = 0;
	if (!uri || !*uri)
		return fc->atom_nons ? NS_ATOM : NS_NONE;
	if (!strcmp(uri, "http://search.yahoo.com/mrss"))
		return NS_MEDIA_OLD;
	for (i = 0; i < sizeof(nstab) / sizeof(nstab[0]); i++)
		if (!strcmp(uri, nstab[i].uri))
			return nstab[i].ns;
	i = (size_t)near_miss(uri);
	if (near && i != NS_OTHER)
		*near = 1;
	return (int)i;
}

/*
 * The extension namespaces whose near misses (another case, a trailing
 * slash or '#' added or dropped) are read as the namespace meant, as the
 * W3C validator does, with a warning (ns.c): not the formats' own (Atom,
 * RSS 1.0, RDF, XHTML), whose wrong URI makes the document another one.
 */
static int near_miss(const char *uri)
{
	size_t i, n = strlen(uri), m;

	while (n && (uri[n - 1] == '/' || uri[n - 1] == '#'))
		n--;
	for (i = 0; i < sizeof(nstab) / sizeof(nstab[0]); i++) {
		const char *u = nstab[i].uri;
		switch (nstab[i].ns) {
		case NS_ATOM: case NS_ATOM03: case NS_RSS10: case NS_RSS090:
		case NS_RDF: case NS_XHTML: case NS_XML: case NS_XMLNS:
		case NS_APP:
			continue;
		default:
			break;
		}
		m = strlen(u);
		while (m && (u[m - 1] == '/' || u[m - 1] == '#'))
			m--;
		if (m == n && !strncasecmp(u, uri, n))
			return nstab[i].ns;
	}
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
	case NS_BLOGCHANNEL: case NS_GEORSS: case NS_WFW: case NS_GOOGLEPLAY:
		return 1;
	default:
		return 0;
	}
}
