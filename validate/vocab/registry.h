/*
 * registry.h - the vocabularies of XML feeds (registry.c: fc_vocabs[])
 * and what the top of the library does with them: their index for the
 * engine, and each one's state for a document.  Internal to validate/.
 *
 * A vocabulary is one file of vocab/ that calls the rungs below it (doc/,
 * value/, engine/'s readers) and never another vocabulary: what two
 * vocabularies share moves down into doc/ (struct fc) or value/ (a link's
 * attributes, value/link.c), not sideways.  Adding one (GeoRSS,
 * podcast:) is a new file and one row here; the engine does not change:
 *
 *  1. validate/vocab/NAME.c (the Makefile picks it up) includes "vocab.h"
 *     and defines
 *       - its rule table, static const struct elrule NAME_rules[]: a row
 *         per element (parent contexts as BIT(CX_...) | ..., namespace,
 *         local name, the child's context, min and max count, value
 *         type), ended by a row whose name is NULL;
 *       - what it keeps across a document, struct NAME_state, if anything;
 *       - its hooks, static void NAME_start(struct fc *, struct frame *,
 *         void *state) and NAME_end(...) (engine/vocab.h says when each
 *         runs); state is its struct NAME_state;
 *       - const struct fc_vocab fc_vocab_NAME = { .name = "NAME",
 *         .rules = NAME_rules, .family = FAMILY, .ns = BIT(NS_NAME),
 *         .size = sizeof(struct NAME_state), .release = NAME_release,
 *         .hooks = { NAME_start, NAME_end, NULL } }; with FAMILY "a"
 *         (Atom), "rd" (RSS 0.9x/2.0 and RDF) or NULL (every feed), and
 *         .ns the namespaces of the elements its hooks look at (0: all).
 *  2. The row &fc_vocab_NAME in fc_vocabs[] (registry.c), before the
 *     NULL, and its extern declaration below.
 *
 * If its namespace is new, it also needs an NS_ id (doc/names.h, before
 * NS_OTHER) and its URI in doc/names.c; if an unknown element in it is an
 * error, fc_ns_known() says so.  New contexts are CX_ ids (doc/names.h).
 * Its value checks that another vocabulary could use go in value/.
 * Every rule id it reports needs its row in rules/.  JSON Feed
 * (jsonfeed.c), a web page and text that is not a feed (page.c) are not
 * XML feeds and not in the registry: check.c calls them.
 */
#ifndef FEED_REGISTRY_H
#define FEED_REGISTRY_H

#include "vocab.h"

struct fc_xml_index;

/* The registry (registry.c): every XML vocabulary, in order, then NULL. */
extern const struct fc_vocab *const fc_vocabs[];

extern const struct fc_vocab fc_vocab_rss;     /* rss.c: RSS 0.9x-2.0, 1.0 */
extern const struct fc_vocab fc_vocab_dcslash; /* dcslash.c: DC and Slash twins */
extern const struct fc_vocab fc_vocab_atom;    /* atom.c: Atom 1.0 */
extern const struct fc_vocab fc_vocab_history; /* history.c: RFC 5005 */
extern const struct fc_vocab fc_vocab_ext;     /* ext.c: small modules */
extern const struct fc_vocab fc_vocab_thread;  /* thread.c: RFC 4685 */
extern const struct fc_vocab fc_vocab_media;   /* media.c: Media RSS */
extern const struct fc_vocab fc_vocab_itunes;  /* itunes.c: Apple's itunes: tags */
extern const struct fc_vocab fc_vocab_podcast; /* podcast.c: podcast: 1.0 */
/* podcast_req.c: what Apple, PSP-1 and Spotify ask of a podcast's RSS */
extern const struct fc_vocab fc_vocab_podreq;
extern const struct fc_vocab fc_vocab_georss;  /* georss.c: GeoRSS Simple, GML */
extern const struct fc_vocab fc_vocab_text;    /* text.c: text in any vocabulary */
extern const struct fc_vocab fc_vocab_ns;      /* ns.c: namespaces */
extern const struct fc_vocab fc_vocab_comments; /* comments.c: the Comment API */
extern const struct fc_vocab fc_vocab_googleplay; /* googleplay.c */
extern const struct fc_vocab fc_vocab_document; /* document.c: against the transport */
/* entries.c: the entries as readers tell them apart (--diff); no findings */
extern const struct fc_vocab fc_vocab_entries;
extern const struct fc_vocab fc_vocab_readers; /* readers.c: --profile readers */

/* The registry's tables and hooks indexed for the engine, built once,
 * whichever thread asks first (pthread_once; the tables are constant, so
 * the index is too). */
const struct fc_xml_index *fc_vocabs_index(void);

/*
 * Before a document's parse: fc->index set, and each vocabulary's state
 * made (zero, then its init) in fc->vstate.  0, or -1 when memory ran
 * out.  fc_vocabs_close() after the parse releases and frees them (fc's
 * vstate all NULL again); it may be called whatever open returned.
 */
int fc_vocabs_open(struct fc *fc);
void fc_vocabs_close(struct fc *fc);

#endif
