/*
 * doc.h - the document being checked (doc.c): struct fc, the stack of
 * element frames from the root to the current element, adding a finding,
 * and the attribute, child, parent and ancestor helpers every vocabulary
 * uses; the state of an Atom feed, entry or source.  The bottom of the
 * ladder with rules.c: doc.c calls lib/ and fc_rule_find() only, and every
 * other file of validate/ may call it.  Internal to validate/; the
 * library's interface is feedcheck.h.
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
	void *state;              /* per-context state owned by its handler */
};
struct fc_idset;

/*
 * What the catalogue's vocabularies (issue 13: text.c, ns.c, rss_bp.c,
 * dcslash.c, atom_bp.c, itunes.c, media_bp.c, comments.c, document.c)
 * remember across a document; all zero at its start.  updated is owned
 * (fc_idset_free at the end, check.c).
 */
struct fc_cat {
	uint64_t ns_near_miss;      /* bit per NS_ id: namespace-near-miss said */
	uint64_t prefix_said;       /* bit per well-known prefix: reserved-prefix */
	uint64_t unknown_ns[8];     /* hashes of unknown namespaces said */
	int n_unknown_ns;
	int netscape_dtd;           /* doctype.c: the Netscape RSS 0.91 DOCTYPE */
	char ch_title[256], ch_link[256];   /* the RSS channel's, for image */
	char im_title[256], im_link[256];   /* its image's */
	int ch_title_set, ch_link_set, im_title_set, im_link_set;
	int slash_comments;         /* an item has slash:comments */
	struct fc_idset *updated;   /* Atom: the entries' updated seen */
	unsigned long entries;      /* Atom: entries with an id */
	uint64_t first_id;          /* hash of the first entry's id */
	int ids_differ;             /* two entries have different ids */
	long first_line, first_col; /* the first entry */
	int fh_archive;             /* RFC 5005: fh:archive */
	int it_owner, it_email;     /* itunes:owner, its itunes:email */
	int xhtml_said;             /* misplaced-xhtml said */
	int self_said;              /* self-not-location said */
	int updated_said;           /* atom-duplicate-updated said */
	int idfull_said;            /* id-set-full said */
	unsigned long no_guid;      /* RSS 2.0 items without a guid */
	long no_guid_line, no_guid_col;   /* the first of them */
};

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
	struct fc_idset *ids;      /* atom ids / guids seen */
	/* Atom feed state */
	int feed_has_author, entries_without_author;
	long noauthor_line, noauthor_col;
	int feed_has_self;
	int feed_entries;
	/* RFC 5005 / RFC 4287 links of the feed, for the paging checks */
	char *flink[8];   /* self, current, first, last, next, previous,
			     prev-archive, next-archive */
	int oom;
	int atom_nons;            /* Atom without its namespace: see fc_ns() */
	int fatal_seen;           /* libxml2 reported a fatal error */
	int itunes_seen;          /* an itunes: element was seen */
	uint64_t ns_declared;     /* bit (1 << NS_...) of each namespace
				     declared so far (xml.c) */
	/* a podcast's RSS, for the directories' checks (podcast_req.c) */
	struct {
		int serial;               /* itunes:type serial */
		int utf8_said;            /* podcast-not-utf8 reported */
		unsigned long noep;       /* items without itunes:episode */
		long noep_line, noep_col; /* the first of them */
	} pod;
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
	struct fc_cat cat;         /* the catalogue's vocabularies */
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

/*
 * The state of an Atom feed, entry or source (RFC 4287 §4.1), kept in its
 * frame (f->state, freed with it): what its children have shown so far,
 * for the checks at its end.  atom.c fills it in; the link checks
 * (value_link.c) and fh:complete (ext.c) too, wherever the link is.
 */
#define MAX_ALT 16

struct astate {
	int has_author, has_alt, content_src, needs_summary, has_content;
	int has_upd, has_pub, nalt, complete;
	long long upd, pub;
	char alts[MAX_ALT][96];
	char id[512];
};

/* f's state, made on first use; NULL when f is not a feed, entry or
 * source, or memory ran out. */
struct astate *fc_astate(struct frame *f);
/* RFC 5005 §2: fh:complete seen in the feed. */
void fc_atom_mark_complete(struct frame *feed);

#endif
