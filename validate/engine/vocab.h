/*
 * vocab.h - what a vocabulary is to the engine: its element rows (struct
 * elrule) and its descriptor (struct fc_vocab), which the engine (xml.c)
 * indexes once and calls for every element.  The vocabularies themselves
 * live a rung above, in vocab/, and are listed in vocab/registry.c; the
 * engine never names one.
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

#endif
