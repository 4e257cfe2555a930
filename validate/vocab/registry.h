/*
 * registry.h - the vocabularies: namespaces (vocab.c: the URI table, fc_ns),
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
#ifndef FEED_REGISTRY_H
#define FEED_REGISTRY_H

#include "vocab.h"

struct fc_xml_index;

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

/* The registry's tables and hooks indexed for the engine, built once,
 * whichever thread asks first (pthread_once; the tables are constant, so
 * the index is too). */
const struct fc_xml_index *fc_vocabs_index(void);

#endif
