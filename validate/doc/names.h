/*
 * names.h - the names every rung of the rules library uses for where an
 * element is: the namespaces the rules know (NS_ ids; names.c maps their
 * URIs) and the element contexts (CX_ ids: where in a feed an element
 * sits, as a frame records it).  A vocabulary with a namespace of its own
 * adds its NS_ id here and its URI in names.c; a new context is a CX_ id
 * before CX_COUNT (at most 64: struct elrule's parents is a 64-bit mask).
 */
#ifndef FEED_NAMES_H
#define FEED_NAMES_H

#include <stdint.h>

struct fc;

/* Namespaces the rules know.  NS_OTHER: any other namespace URI. */
enum ns_id {
	NS_NONE = 0, NS_ATOM, NS_ATOM03, NS_RSS10, NS_RSS090, NS_RDF,
	NS_DC, NS_DCTERMS, NS_CONTENT, NS_ITUNES, NS_MEDIA, NS_THR, NS_FH,
	NS_SLASH, NS_SY, NS_ADMIN, NS_XHTML, NS_XML, NS_XMLNS, NS_GEORSS,
	NS_GEO, NS_FOAF, NS_CC, NS_CREATIVECOMMONS, NS_TRACKBACK, NS_WFW,
	NS_BLOGCHANNEL, NS_RSS091N, NS_OPENSEARCH, NS_GOOGLEPLAY,
	NS_PODCAST, NS_MEDIA_OLD, NS_GEOURL, NS_ICBM, NS_APP, NS_GML, NS_OTHER
};

/* Element contexts: where in a feed an element sits. */
enum ctx_id {
	CX_NONE = 0, CX_LEAF, CX_OPAQUE,
	/* RSS 0.9x / 2.0 */
	CX_RSS, CX_CHANNEL, CX_ITEM, CX_IMAGE, CX_TEXTINPUT, CX_SKIPHOURS,
	CX_SKIPDAYS, CX_CLOUD, CX_ENCLOSURE, CX_SOURCE, CX_CATEGORY, CX_GUID,
	/* RSS 1.0 / 0.90 */
	CX_RDF, CX_RCHANNEL, CX_RITEM, CX_RIMAGE, CX_RTEXTINPUT, CX_RITEMS,
	CX_RSEQ, CX_RLI, CX_RRES,
	/* Atom 1.0 */
	CX_FEED, CX_ENTRY, CX_ASOURCE, CX_PERSON, CX_TEXT, CX_CONTENT,
	CX_ALINK, CX_ACAT, CX_GENERATOR, CX_XHTMLDIV,
	/* extensions */
	CX_IT_OWNER, CX_IT_CATEGORY, CX_IT_IMAGE, CX_MEDIA_GROUP,
	CX_MEDIA_CONTENT, CX_MEDIA_ANY, CX_THR_INREPLYTO, CX_TB,
	/* the podcast: namespace (podcast.c) */
	CX_PC_VALUE, CX_PC_VTS, CX_PC_ALTENC, CX_PC_REMOTES,
	CX_GML,
	CX_COUNT
};

#define BIT(c) ((uint64_t)1 << (c))

/* The NS_ id of a namespace URI (NULL or "": no namespace; an Atom
 * document without its namespace reads its unqualified elements as Atom,
 * fc->atom_nons). */
int fc_ns(const struct fc *fc, const char *uri);
/* fc_ns(), and in *near (may be NULL) 1 when uri is a near miss of an
 * extension's URI (another case, a trailing '/' or '#') read as it. */
int fc_ns_ex(const struct fc *fc, const char *uri, int *near);
/* 1 when the rules know ns's vocabulary: its unknown elements are errors. */
int fc_ns_known(int ns);

#endif
