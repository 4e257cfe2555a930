/*
 * ns.c - namespaces: a namespace URI that is a near miss of a known one
 * (checked as that one all the same, with a warning; W3C ReservedPrefix),
 * a well-known prefix bound to another namespace, and elements of
 * namespaces feedcheck does not know (W3C UnknownNamespace, as
 * information).  The engine marks a near miss in the frame (fc_ns_ex);
 * this file says so, once per namespace.
 */
#include "vocab.h"
#include "value.h"

#include <string.h>

#include "fnv.h"

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

/* What is said once per document. */
struct ns_state {
	uint64_t near_miss;        /* bit per NS_ id: namespace-near-miss said */
	uint64_t prefix_said;      /* bit per well-known prefix: reserved-prefix */
	uint64_t unknown[8];       /* hashes of the unknown namespaces said */
	int nunknown;
};

static void ns_start(struct fc *fc, struct frame *f, void *state)
{
	struct ns_state *st = state;
	const char *colon;
	size_t i;

	if (!f->nsuri || !*f->nsuri)
		return;
	if (f->ns != NS_OTHER) {
		if (f->near_miss && f->ns < 64 &&
		    !(st->near_miss & ((uint64_t)1 << f->ns))) {
			st->near_miss |= (uint64_t)1 << f->ns;
			fc_report_at(fc, f, "namespace-near-miss",
				     "namespace '%.100s' is not '%s' (namespace "
				     "URIs are compared exactly); checked as that "
				     "one", f->nsuri, uri_of(f->ns));
		}
	} else if (!f->xhtml) {
		/* said once per namespace, for the first eight */
		uint64_t h = ft_fnv1a(FT_FNV_INIT, f->nsuri, strlen(f->nsuri));
		int k;
		for (k = 0; k < st->nunknown; k++)
			if (st->unknown[k] == h)
				break;
		if (k == st->nunknown && k < 8) {
			st->unknown[st->nunknown++] = h;
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
		    !(st->prefix_said & ((uint64_t)1 << i))) {
			st->prefix_said |= (uint64_t)1 << i;
			fc_report_at(fc, f, "reserved-prefix",
				     "the prefix '%s' is bound to '%.100s', not "
				     "to '%s'", wellknown[i].prefix, f->nsuri,
				     wellknown[i].uri);
		}
		break;
	}
}

const struct fc_vocab fc_vocab_ns = {
	.name = "ns",
	.size = sizeof(struct ns_state),
	.hooks = { ns_start, NULL, ns_start },
};
