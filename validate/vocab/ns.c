/*
 * ns.c - namespaces: a namespace URI that is a near miss of a known one
 * (checked as that one all the same, with a warning; W3C ReservedPrefix),
 * a well-known prefix bound to another namespace, and elements of
 * namespaces feedcheck does not know (W3C UnknownNamespace, as
 * information).  One vocabulary, in every feed: the engine reaches it
 * through fc_vocab_ns (vocab.c), which marks near misses in the frame
 * (fc_ns_ex).  Calls doc.c only.
 */
#include "vocab.h"
#include "value.h"

#include <string.h>

/* prefixes readers match by name, and the namespace each means */
static const struct { const char *prefix; int ns; const char *uri; } wellknown[] = {
	{ "itunes", NS_ITUNES, "http://www.itunes.com/dtds/podcast-1.0.dtd" },
	{ "dc", NS_DC, "http://purl.org/dc/elements/1.1/" },
	{ "dcterms", NS_DCTERMS, "http://purl.org/dc/terms/" },
	{ "content", NS_CONTENT, "http://purl.org/rss/1.0/modules/content/" },
	{ "media", NS_MEDIA, "http://search.yahoo.com/mrss/" },
	{ "atom", NS_ATOM, "http://www.w3.org/2005/Atom" },
	{ "georss", NS_GEORSS, "http://www.georss.org/georss" },
	{ "wfw", NS_WFW, "http://wellformedweb.org/CommentAPI/" },
	{ "slash", NS_SLASH, "http://purl.org/rss/1.0/modules/slash/" },
	{ "sy", NS_SY, "http://purl.org/rss/1.0/modules/syndication/" },
	{ "admin", NS_ADMIN, "http://webns.net/mvcb/" },
	{ "thr", NS_THR, "http://purl.org/syndication/thread/1.0" },
	{ "googleplay", NS_GOOGLEPLAY, "http://www.google.com/schemas/play-podcasts/1.0" },
	{ "podcast", NS_PODCAST, "https://podcastindex.org/namespace/1.0" },
	{ "geo", NS_GEO, "http://www.w3.org/2003/01/geo/wgs84_pos#" },
	{ "rdf", NS_RDF, "http://www.w3.org/1999/02/22-rdf-syntax-ns#" },
	{ "gml", NS_GML, "http://www.opengis.net/gml" },
	{ "fh", NS_FH, "http://purl.org/syndication/history/1.0" },
};

static const char *uri_of(int ns)
{
	size_t i;

	for (i = 0; i < sizeof(wellknown) / sizeof(wellknown[0]); i++)
		if (wellknown[i].ns == ns)
			return wellknown[i].uri;
	return "the namespace meant";
}

static uint64_t hash(const char *s)
{
	uint64_t x = 14695981039346656037ULL;

	for (; *s; s++)
		x = (x ^ (unsigned char)*s) * 1099511628211ULL;
	return x;
}

static void ns_start(struct fc *fc, struct frame *f)
{
	const char *colon;
	size_t i;

	if (!f->nsuri || !*f->nsuri)
		return;
	if (f->ns != NS_OTHER) {
		if (f->near_miss && f->ns < 64 &&
		    !(fc->cat.ns_near_miss & ((uint64_t)1 << f->ns))) {
			fc->cat.ns_near_miss |= (uint64_t)1 << f->ns;
			fc_report_at(fc, f, "namespace-near-miss",
				     "namespace '%.100s' is not '%s' (namespace "
				     "URIs are compared exactly); checked as that "
				     "one", f->nsuri, uri_of(f->ns));
		}
	} else if (!f->xhtml) {
		/* said once per namespace, for the first eight */
		uint64_t h = hash(f->nsuri);
		int k;
		for (k = 0; k < fc->cat.n_unknown_ns; k++)
			if (fc->cat.unknown_ns[k] == h)
				break;
		if (k == fc->cat.n_unknown_ns && k < 8) {
			fc->cat.unknown_ns[fc->cat.n_unknown_ns++] = h;
			fc_report_at(fc, f, "unknown-extension",
				     "'%s' is in the namespace '%.100s', which "
				     "feedcheck does not know; readers ignore it",
				     f->qname, f->nsuri);
		}
	}
	if (!(colon = strchr(f->qname, ':')))
		return;
	for (i = 0; i < sizeof(wellknown) / sizeof(wellknown[0]); i++) {
		size_t n = strlen(wellknown[i].prefix);
		if ((size_t)(colon - f->qname) != n ||
		    strncmp(f->qname, wellknown[i].prefix, n))
			continue;
		if (f->ns != wellknown[i].ns &&
		    !(fc->cat.prefix_said & ((uint64_t)1 << i))) {
			fc->cat.prefix_said |= (uint64_t)1 << i;
			fc_report_at(fc, f, "reserved-prefix",
				     "the prefix '%s' is bound to '%.100s', not "
				     "to '%s'", wellknown[i].prefix, f->nsuri,
				     wellknown[i].uri);
		}
		break;
	}
}

/* namespaces: the engine reaches this file through this row (vocab.c) */
const struct fc_vocab fc_vocab_ns = {
	NULL, NULL, ns_start, NULL, ns_start
};
