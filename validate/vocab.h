/*
 * vocab.h - the vocabularies (vocab.c): namespaces, element contexts, the
 * element rule rows, and the registry of vocabularies.
 * Internal to validate/.
 */
#ifndef FEED_VOCAB_H
#define FEED_VOCAB_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"

/* Namespaces the rules know.  NS_OTHER: any other namespace URI. */
enum ns_id {
	NS_NONE = 0, NS_ATOM, NS_ATOM03, NS_RSS10, NS_RSS090, NS_RDF,
	NS_DC, NS_DCTERMS, NS_CONTENT, NS_ITUNES, NS_MEDIA, NS_THR, NS_FH,
	NS_SLASH, NS_SY, NS_ADMIN, NS_XHTML, NS_XML, NS_XMLNS, NS_GEORSS,
	NS_GEO, NS_FOAF, NS_CC, NS_CREATIVECOMMONS, NS_TRACKBACK, NS_WFW,
	NS_BLOGCHANNEL, NS_RSS091N, NS_OPENSEARCH, NS_GOOGLEPLAY,
	NS_PODCAST, NS_MEDIA_OLD, NS_GEOURL, NS_ICBM, NS_APP, NS_OTHER
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
	CX_COUNT
};

struct elrule {
	uint64_t parents;     /* bit (1 << ctx) of each parent context */
	unsigned char ns;     /* enum ns_id */
	const char *name;     /* local name */
	unsigned char ctx;    /* context of the child */
	unsigned char min, max;   /* max 0: unbounded */
	unsigned char vt;     /* enum vtype */
};

#define BIT(c) ((uint64_t)1 << (c))

/* Rule tables. */
extern const struct elrule fc_atom_rules[];
extern const struct elrule fc_rss_rules[];
extern const struct elrule fc_ext_rules[];

/* Per-context hooks: start after attributes are read, end after text. */
void atom_start(struct fc *fc, struct frame *f);
void atom_end(struct fc *fc, struct frame *f);
void rss_start(struct fc *fc, struct frame *f);
void rss_end(struct fc *fc, struct frame *f);
void ext_start(struct fc *fc, struct frame *f);
void ext_end(struct fc *fc, struct frame *f);

/* JSON Feed (jsonfeed.c) */
int fc_check_json(struct fc *fc);
int fc_looks_json(const unsigned char *b, size_t n);

#endif
