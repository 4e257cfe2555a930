/*
 * vocab.h - what a vocabulary is to the engine: its element rows (struct
 * elrule), its hooks and its state (struct fc_vocab).  The engine (xml.c)
 * indexes the rows once and calls the hooks for every element; the
 * vocabularies themselves live a rung above, in vocab/, one file each,
 * and are listed in vocab/registry.c, which the engine never names.
 */
#ifndef FEED_VOCAB_H
#define FEED_VOCAB_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "names.h"
#include "value.h"

struct elrule {
	uint64_t parents;     /* bit (1 << ctx) of each parent context */
	unsigned char ns;     /* enum ns_id */
	const char *name;     /* local name */
	unsigned char ctx;    /* context of the child */
	unsigned char min, max;   /* max 0: unbounded */
	unsigned char vt;     /* enum vtype */
};

/*
 * What a vocabulary does with each element of the documents it serves;
 * each may be NULL.  start: once the attributes are read; end: once the
 * text and the children are; foreign: instead of start, for an element
 * inside foreign markup (below an element no table describes, or one
 * whose children are not checked, CX_OPAQUE; XHTML content aside).  Each
 * is called for every element, so it looks at f->ns and f->ctx first.
 * state is the vocabulary's own (struct fc_vocab.size bytes).
 */
typedef void (*fc_hook_fn)(struct fc *fc, struct frame *f, void *state);
struct fc_hooks {
	fc_hook_fn start, end, foreign;
};

/*
 * A vocabulary, as the engine sees it.  Its hooks run in two rounds: at
 * each element, first every vocabulary's hooks, in the registry's order,
 * then every vocabulary's late hooks, in the same order; findings at one
 * line and column come in that order.  The first round is a vocabulary's
 * own reading of the element; the late one looks again once every
 * vocabulary has (the best practice of a format, the text and the
 * transport of any).
 */
struct fc_vocab {
	const char *name;          /* for the tests */
	/* its elements; a NULL name ends them; NULL: it defines none */
	const struct elrule *rules;
	/* the families (struct fc.family) of the documents it serves: "a"
	 * Atom, "rd" RSS 0.9x/2.0 and RDF; NULL every document */
	const char *family;
	/* the namespaces of the elements its hooks look at, BIT(NS_...) |
	 * ...: the engine calls them for those elements only (each element
	 * meets every vocabulary's hooks, so this saves most calls); 0 for
	 * every element */
	uint64_t ns;
	/* what it keeps across a document: size bytes, zero at its start,
	 * then init (may be NULL); release (may be NULL) frees what the
	 * state owns at its end */
	size_t size;
	void (*init)(void *state);
	void (*release)(void *state);
	struct fc_hooks hooks;     /* the first round */
	struct fc_hooks late;      /* the second */
};

#endif
