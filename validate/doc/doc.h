/*
 * doc.h - the document being checked (doc.c): struct fc, the stack of
 * element frames from the root to the current element, adding a finding
 * (its severity from the rule table, rules/), and the attribute, child,
 * parent and ancestor helpers every vocabulary uses.  What two
 * vocabularies share is here; what one keeps is its own state (struct
 * fc_vocab, engine/vocab.h).  Internal to validate/; the library's
 * interface is feedcheck.h.
 */
#ifndef FEED_DOC_H
#define FEED_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "feedcheck.h"
#include "names.h"

struct elrule;
struct fc_xml_index;

struct fc_attr {
	unsigned char ns;
	const char *nsuri, *local;   /* interned by the parser's dictionary */
	char *value;                 /* owned */
};

struct kidcount {
	unsigned char ns;
	const char *name;     /* static: from an elrule */
	unsigned long n;
};

struct frame {
	unsigned char ctx, ns, vt;
	unsigned char opaque;     /* children not checked against a schema */
	unsigned char xhtml;      /* XHTML content */
	unsigned char overflow;   /* text past its ceiling */
	unsigned char keep_text;  /* opaque, but its own text is wanted */
	unsigned char near_miss;  /* its namespace URI is a near miss (fc_ns_ex) */
	const struct elrule *rule;
	/* names interned by the parser's dictionary: valid while it lives */
	const char *local, *qname, *nsuri;
	long line, col;
	long long off;            /* byte offset of the start tag, -1 unknown */
	struct buf text;
	struct fc_attr *attrs;
	size_t nattrs, aattrs;
	struct kidcount *kids;
	size_t nkids, akids;
	unsigned long nelem;      /* child elements */
	char *base;               /* xml:base in effect (owned), may be NULL */
	unsigned flags;           /* per-context state */
	/* what the vocabulary whose table gave the element its context keeps
	 * of it (Atom: a feed's, entry's or source's children so far);
	 * malloc'd, freed when the element ends */
	void *state;
};
struct fc_idset;

/* the most vocabularies a registry holds */
#define FC_MAX_VOCABS 64

struct fc {
	struct fc_result *r;
	const struct fc_options *o;
	const struct fc_transport *t;
	const char *source;
	const unsigned char *bytes;
	size_t len;
	int utf8ish;              /* bytes can be scanned for positions */
	size_t line_cur;          /* line of line_off (1-based) */
	size_t line_off;
	size_t tag_pos;           /* byte offset after the last start tag found */
	size_t col_off;           /* a byte offset on line line_cur ... */
	long col_at;              /* ... and its column */
	const struct fc_xml_index *index;   /* the vocabularies, for the engine */
	enum fc_format fmt;
	int family;               /* 'r' RSS 0.9x/2.0, 'd' RDF, 'a' Atom */
	struct frame *st;
	size_t depth, alloc;
	unsigned max_depth;
	size_t max_text;
	/* what the vocabularies share (ARCHITECTURE.md: moved down, not
	 * sideways); each keeps the rest in its own state */
	struct fc_idset *ids;      /* Atom ids, RSS guids, rdf:about seen */
	int ids_full_said;         /* id-set-full reported */
	int feed_has_self;         /* an atom:link rel="self" in the feed or
				      channel */
	int itunes_seen;           /* an itunes: element was seen */
	int feed_https;            /* --profile readers: the feed's own URL
				      (the transport's, else its self link)
				      is https: (vocab/readers.c) */
	int netscape_dtd;          /* the prolog named the Netscape RSS 0.91
				      DTD (doctype.c) */
	int oom;
	int atom_nons;            /* Atom without its namespace: see fc_ns() */
	int fatal_seen;           /* libxml2 reported a fatal error */
	uint64_t ns_declared;     /* bit (1 << NS_...) of each namespace
				     declared so far (xml.c) */
	/* each vocabulary's state, in the registry's order (vocab/registry.c
	 * makes and frees them; NULL for one that keeps none) */
	void *vstate[FC_MAX_VOCABS];
	void *html;               /* htmlParserCtxtPtr, reused; freed at the end */
	/* the internal entities of the DOCTYPE and what each expands to
	 * (doctype.c; owned, freed at the end): the parse adds up the
	 * expansion of every reference against a bound (xml.c) */
	struct fc_entsize {
		const char *name, *val;   /* in the document's bytes */
		size_t nlen, vlen, size;
	} *entsz;
	size_t nentsz;
	unsigned long long expanded;
};

/* Report rule id at a position; the severity comes from the rule table. */
struct diag *fc_report(struct fc *fc, const char *rule, long line, long col,
		       const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Report at the start tag of frame f, naming its element. */
struct diag *fc_report_at(struct fc *fc, const struct frame *f,
			  const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * 1 when the document is a podcast: it declares the iTunes or podcast:
 * namespace, or uses an itunes: element, or fc_options.profiles asks for
 * the directories' checks.  What Apple, PSP-1 and Spotify require
 * (podcast_req.c) is checked only then.
 */
int fc_podcast(const struct fc *fc);
/* 1 under --profile readers (FC_PROFILE_READERS): the readers-* rules run
 * only then (vocab/readers.c, and where JSON Feed and HTML are read). */
int fc_readers(const struct fc *fc);

/*
 * Record what the document refers to (fc_result.refs, feedcheck.h) at
 * f's position (or line, col when f is NULL): url as written, with the
 * base in effect (f->base, else the transport's URL).  The strings are
 * copied; type, title may be NULL; length -1 when unknown.  Past
 * FC_MAX_REFS only counted.  -1 when memory ran out.
 */
int fc_ref_add(struct fc *fc, int kind, const struct frame *f, long line,
	       long col, const char *url, const char *base, const char *type,
	       const char *title, long long length);

const char *fc_attr(const struct frame *f, int ns, const char *name);
unsigned long fc_kids(const struct frame *f, int ns, const char *name);
struct frame *fc_parent(struct fc *fc, const struct frame *f);
struct frame *fc_ancestor(struct fc *fc, int ctx);

/*
 * Leaving an element: free what its frame owns but keep its buffers for
 * the next element at that depth (the frame is reusable).
 */
void fc_frame_clear(struct frame *f);
/* Free a stack slot for good (all zero: reusable too). */
void fc_frame_release(struct frame *f);

#endif
