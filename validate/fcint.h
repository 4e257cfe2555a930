/*
 * fcint.h - feedcheck internals shared by check.c, atom.c, rss.c, ext.c,
 * jsonfeed.c and types.c.  Not part of the library's interface.
 */
#ifndef FEED_FCINT_H
#define FEED_FCINT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "feedcheck.h"
#include "idset.h"

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

/* Value types of element text (types.c checks them). */
enum vtype {
	VT_NONE = 0,   /* container: only white space allowed between children */
	VT_ANY,        /* anything */
	VT_TEXT,       /* plain text; HTML in it is a warning */
	VT_HTML,       /* escaped HTML */
	VT_NONBLANK,   /* text, must not be blank */
	VT_RFC822, VT_RFC3339, VT_W3CDTF,
	VT_URL,        /* full URL (RSS link and friends) */
	VT_URI,        /* URI reference, relative allowed */
	VT_IRI,        /* Atom IRI reference */
	VT_ID,         /* Atom id: absolute IRI, tag:, urn: checked */
	VT_EMAIL_RSS,  /* "addr (name)" */
	VT_EMAIL,      /* addr-spec */
	VT_LANG, VT_INT, VT_POSINT, VT_NNINT, VT_EMPTY, VT_MIME,
	VT_HOUR, VT_DAY, VT_TRUEFALSE, VT_YESNO, VT_EXPLICIT, VT_DURATION,
	VT_UPDATEPERIOD, VT_FLOAT, VT_LAT, VT_LON, VT_NPT, VT_RATING,
	VT_ITUNES_TYPE, VT_EPISODE_TYPE, VT_KEYWORDS, VT_GUID,
	VT_FULLIRI,    /* absolute IRI (category scheme, thr:ref) */
	VT_COMMAINTS   /* comma separated integers */
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
	void *html;               /* htmlParserCtxtPtr, reused; freed at the end */
};

/* Report rule id at a position; the severity comes from the rule table. */
struct diag *fc_report(struct fc *fc, const char *rule, long line, long col,
		       const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Report at the start tag of frame f, naming its element. */
struct diag *fc_report_at(struct fc *fc, const struct frame *f,
			  const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

const char *fc_attr(const struct frame *f, int ns, const char *name);
unsigned long fc_kids(const struct frame *f, int ns, const char *name);
struct frame *fc_parent(struct fc *fc, const struct frame *f);
struct frame *fc_ancestor(struct fc *fc, int ctx);

/* Rule tables. */
extern const struct elrule fc_atom_rules[];
extern const struct elrule fc_rss_rules[];
extern const struct elrule fc_ext_rules[];

/* Per-context hooks: start after attributes are read, end after text. */
void atom_start(struct fc *fc, struct frame *f);
void atom_link_start(struct fc *fc, struct frame *f);
void atom_mark_complete(struct frame *feed);
void atom_end(struct fc *fc, struct frame *f);
void rss_start(struct fc *fc, struct frame *f);
void rss_end(struct fc *fc, struct frame *f);
void ext_start(struct fc *fc, struct frame *f);
void ext_end(struct fc *fc, struct frame *f);

/* Value checking (types.c) */
void fc_check_value(struct fc *fc, struct frame *f, int vt, const char *v);
void fc_check_attr_value(struct fc *fc, struct frame *f, const char *attr,
			 int vt, const char *v);
/* HTML inside escaped text: security risks, relative links. */
void fc_check_html(struct fc *fc, struct frame *f, const char *html,
		   int relative_warn);
int fc_looks_like_html(const char *s);
void fc_html_release(struct fc *fc);

/* Pure checkers, 0 valid; unit-tested */
int fc_rfc822_check(const char *s, long long *t, int *problem);
/* A malloc'd copy of t without surrounding white space; NULL on ENOMEM. */
char *fc_trim_dup(const char *t);
int fc_rfc3339_check(const char *s, long long *t);
int fc_w3cdtf_check(const char *s, long long *t);
enum uri_status { URI_OK = 0, URI_BAD_CHAR, URI_RELATIVE, URI_BAD };
int fc_uri_check(const char *s, int need_absolute, int iri, char *badc);
int fc_tag_check(const char *s);
int fc_urn_check(const char *s);
int fc_email_check(const char *s);
int fc_uuid_check(const char *s);
/* RSS author forms: 0 ok, 1 unusual but has an address, -1 invalid */
int fc_rss_email_check(const char *s);
int fc_lang_check(const char *s);
int fc_mime_check(const char *s);
int fc_int_check(const char *s, long long lo, long long hi, long long *v);
int fc_npt_check(const char *s);
int fc_itunes_duration_check(const char *s);
int fc_is_blank(const char *s);

/* JSON Feed (jsonfeed.c) */
int fc_check_json(struct fc *fc);
int fc_looks_json(const unsigned char *b, size_t n);

#endif
