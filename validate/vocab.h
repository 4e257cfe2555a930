/*
 * vocab.h - the vocabularies: namespaces (vocab.c: the URI table, fc_ns),
 * element contexts, the element rule rows, and the registry of
 * vocabularies (fc_vocabs[], vocab.c) through which the engine (xml.c)
 * reaches them.  Internal to validate/.
 *
 * A vocabulary is one file (atom.c, rss.c, ext.c) that calls doc.c and the
 * value checkers (value.h) only: never the engine (xml.c, check.c) and
 * never another vocabulary.  What two vocabularies share moves down into
 * doc.c or value*.c (the atom:link of RSS is value_link.c).
 *
 * Adding a vocabulary (GeoRSS, podcast:) is a new file and one row in the
 * registry; the engine does not change:
 *
 *  1. validate/NAME.c (the Makefile picks it up) includes "vocab.h" and
 *     "value.h" and defines
 *       - its rule table, const struct elrule fc_NAME_rules[]: a row per
 *         element (parent contexts as BIT(CX_...) | ..., namespace, local
 *         name, the child's context, min and max count, value type),
 *         ended by a row whose name is NULL;
 *       - static void NAME_start(struct fc *, struct frame *) and
 *         NAME_end(...): called for every element of the documents it
 *         serves (start once the attributes are read, end once the text
 *         is), so each looks at f->ns and f->ctx first; either may be NULL;
 *       - const struct fc_vocab fc_vocab_NAME = { fc_NAME_rules, FAMILY,
 *         NAME_start, NAME_end, NAME_foreign }; with FAMILY "a" (Atom),
 *         "rd" (RSS 0.9x/2.0 and RDF) or NULL (every feed, as ext.c);
 *         NAME_foreign (may be NULL, and is for most) sees the elements
 *         inside foreign markup, which no table describes.
 *  2. The row &fc_vocab_NAME in fc_vocabs[] (vocab.c), before the NULL,
 *     and its extern declaration beside the others below.  Rows are
 *     looked at in order: the first rule row that matches an element
 *     wins, and the handlers run in that order.
 *
 * If its namespace is new, it also needs an NS_ id below (before
 * NS_OTHER) and its URI in nstab (vocab.c); if an unknown element in it is
 * an error, fc_ns_known() says so.  New contexts are CX_ ids before
 * CX_COUNT (at most 64: parents is a 64-bit mask; the engine indexes at
 * most 320 rows per parent context, and tests/unit/test_podcast.c checks
 * that none is left out).  Every rule id it reports needs its
 * row in rules.c.  JSON Feed (jsonfeed.c) is not XML and not in the
 * registry: check.c calls it directly.
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

struct elrule {
	uint64_t parents;     /* bit (1 << ctx) of each parent context */
	unsigned char ns;     /* enum ns_id */
	const char *name;     /* local name */
	unsigned char ctx;    /* context of the child */
	unsigned char min, max;   /* max 0: unbounded */
	unsigned char vt;     /* enum vtype */
};

#define BIT(c) ((uint64_t)1 << (c))

/* Namespaces (vocab.c). */
/* The NS_ id of a namespace URI (NULL or "": no namespace). */
int fc_ns(const struct fc *fc, const char *uri);
/* fc_ns(), and in *near (may be NULL) 1 when uri is a near miss of an
 * extension's URI (another case, a trailing '/' or '#') read as it. */
int fc_ns_ex(const struct fc *fc, const char *uri, int *near);
/* 1 when the rules know ns's vocabulary: its unknown elements are errors. */
int fc_ns_known(int ns);

/* A vocabulary, as the engine sees it. */
struct fc_vocab {
	/* its elements; a NULL name ends them; NULL: it defines none */
	const struct elrule *rules;
	/* the families (struct fc.family) of the documents it serves: "a"
	 * Atom, "rd" RSS 0.9x/2.0 and RDF; NULL every document */
	const char *family;
	/* per element: start after the attributes are read, end after the
	 * text; NULL when there is nothing to do */
	void (*start)(struct fc *fc, struct frame *f);
	void (*end)(struct fc *fc, struct frame *f);
	/* per element inside foreign markup (below an element the tables do
	 * not know, or one whose children are not checked, CX_OPAQUE; XHTML
	 * content aside): at its start tag; NULL for most */
	void (*foreign)(struct fc *fc, struct frame *f);
};

/* The registry (vocab.c): every XML vocabulary, in order, then NULL. */
extern const struct fc_vocab *const fc_vocabs[];

extern const struct fc_vocab fc_vocab_atom;   /* atom.c: Atom 1.0 */
extern const struct fc_vocab fc_vocab_rss;    /* rss.c: RSS 0.9x-2.0, 1.0 */
extern const struct fc_vocab fc_vocab_ext;    /* ext.c: extension modules */
extern const struct fc_vocab fc_vocab_itunes; /* itunes.c: Apple's itunes: tags */
extern const struct fc_vocab fc_vocab_podcast; /* podcast.c: podcast: 1.0 */
/* podcast_req.c: what Apple, PSP-1 and Spotify ask of a podcast's RSS */
extern const struct fc_vocab fc_vocab_podreq;
extern const struct fc_vocab fc_vocab_georss; /* georss.c: GeoRSS Simple, GML */
extern const struct fc_vocab fc_vocab_text;   /* text.c: text in any vocabulary */
extern const struct fc_vocab fc_vocab_ns;     /* ns.c: namespaces */
extern const struct fc_vocab fc_vocab_rss_bp; /* rss_bp.c: RSS beyond the tables */
extern const struct fc_vocab fc_vocab_dcslash; /* dcslash.c: DC and Slash twins */
extern const struct fc_vocab fc_vocab_atom_bp; /* atom_bp.c: Atom beyond atom.c */
extern const struct fc_vocab fc_vocab_media_bp; /* media_bp.c: Media RSS beyond ext.c */
extern const struct fc_vocab fc_vocab_comments; /* comments.c: wfw:, thr: in RSS */
extern const struct fc_vocab fc_vocab_googleplay; /* googleplay.c */
extern const struct fc_vocab fc_vocab_document; /* document.c: against the transport */

/* The rule tables, for the tests. */
extern const struct elrule fc_atom_rules[];
extern const struct elrule fc_rss_rules[];
extern const struct elrule fc_ext_rules[];
extern const struct elrule fc_itunes_rules[];
extern const struct elrule fc_podcast_rules[];
extern const struct elrule fc_podreq_rules[];
extern const struct elrule fc_georss_rules[];
extern const struct elrule fc_comments_rules[];
extern const struct elrule fc_googleplay_rules[];

/* JSON Feed (jsonfeed.c) */
int fc_check_json(struct fc *fc);
int fc_looks_json(const unsigned char *b, size_t n);

#endif
