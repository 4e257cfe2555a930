/*
 * feedcheck.h - feed validation as a library: bytes in, findings out.
 *
 * The one header of libfeedcheck (feedcheck(3)).  fc_check() takes the
 * bytes of one document and what the transport said about them, detects
 * the format (RSS 0.90-2.0, Atom 1.0/0.3, JSON Feed) and fills a struct
 * fc_result, which the fc_result_*() functions read.  It never prints,
 * never exits and never fetches; feedgen calls it in-process on the feeds
 * it is about to publish, and feedcheck's HTTP fetcher fills struct
 * fc_transport.
 *
 * Every name starts with fc_ or FC_.  Only <stddef.h> is needed.
 */
#ifndef FEED_FEEDCHECK_H
#define FEED_FEEDCHECK_H

#include <stddef.h>

#ifdef FEEDCHECK_INTERNAL
/*
 * The project's own code (the rules library, the feedcheck program, the
 * unit tests and the fuzzers) is built with -DFEEDCHECK_INTERNAL and sees
 * more: struct fc_result in full, with its struct diag_list of lib/diag.h,
 * and fc_result_init()/fc_result_release() on a result it embeds.  Those
 * parts are marked so (#ifdef, #else, "#endif" with the comment below,
 * never nested); `make install` installs the header without them.
 */
#include "diag.h"
#endif /* FEEDCHECK_INTERNAL */

#ifdef __cplusplus
extern "C" {
#endif

enum fc_format {
	FC_FORMAT_UNKNOWN = 0,
	FC_FORMAT_RSS090,
	FC_FORMAT_RSS091,
	FC_FORMAT_RSS092,
	FC_FORMAT_RSS10,
	FC_FORMAT_RSS20,
	FC_FORMAT_ATOM03,
	FC_FORMAT_ATOM10,
	FC_FORMAT_JSONFEED
};

/* How bad a finding is; the values order them. */
enum fc_severity { FC_INFO = 0, FC_WARNING = 1, FC_ERROR = 2 };

/* What the transport said about the bytes; any member may be NULL. */
struct fc_transport {
	const char *media_type;   /* "application/rss+xml", no parameters */
	const char *charset;      /* the charset parameter of Content-Type */
	const char *url;          /* final URL, used as the base URI */
};

/* The default ceiling on one element's text (and one JSON string), under
 * libxml2's own for a text node without XML_PARSE_HUGE (10 MB). */
#define FC_MAX_TEXT_DEFAULT ((size_t)4 << 20)

/*
 * Directories whose requirements of a podcast feed a --profile makes
 * errors (fc_options.profiles); and the feed readers' profile, whose
 * readers-* rules run only when it is asked for (they stay warnings and
 * info).
 */
enum fc_profile {
	FC_PROFILE_APPLE = 1,         /* Apple Podcasts */
	FC_PROFILE_SPOTIFY = 2,       /* Spotify */
	FC_PROFILE_PODCASTINDEX = 4,  /* Podcast Index: PSP-1 and podcast: */
	FC_PROFILE_READERS = 8        /* what feed readers do with a feed */
};

struct fc_options {
	size_t max_diags;         /* ceiling on stored findings; 0: 10000 */
	size_t max_text;          /* ceiling on one element's text; 0:
				     FC_MAX_TEXT_DEFAULT */
	unsigned max_depth;       /* nesting ceiling; 0: 256 */
	/*
	 * Called now and then while an XML document is parsed, with an offset
	 * the parse has passed for good: the bytes before it are not needed
	 * again (a caller that mapped a file may drop those pages so memory
	 * stays flat; it must not free or change them, as they may still be
	 * read, rarely).  May be NULL.
	 */
	void (*consumed)(void *arg, size_t offset);
	void *consumed_arg;
	/*
	 * FC_PROFILE_* bits: the podcast checks run on the document whatever
	 * namespaces it declares, and the findings of the rules those
	 * directories require are errors.  0: none.
	 */
	unsigned profiles;
	/* Record the enclosures and the artwork of a podcast in the result
	 * (for feedcheck --check-media, which fetches them). */
	int want_media;
};

/* Encoding information; strings owned by the result, NULL when absent. */
struct fc_encoding {
	char *bom;                /* "UTF-8", "UTF-16LE", ... */
	char *http;               /* transport charset */
	char *declared;           /* XML declaration encoding= */
	char *used;               /* the encoding the document was read in */
};

/*
 * One finding, as fc_result_finding() gives it.  The strings belong to
 * the result and live until it is cleared or freed; only message and rule
 * are never NULL.
 */
struct fc_finding {
	enum fc_severity severity;
	const char *rule;         /* stable id: "missing-element", "charset-..." */
	const char *message;      /* lowercase, no final full stop, UTF-8 */
	const char *file;         /* fc_check()'s source, or NULL */
	long line;                /* from 1; 0 when unknown */
	long column;              /* from 1, in characters; 0 when unknown */
	long long offset;         /* byte offset in the input; -1 when unknown */
	const char *path;         /* JSON Pointer (JSON Feed), or NULL */
	const char *element;      /* the element concerned, or NULL */
};

/* The findings of one document, and what was learnt about it.  Opaque
 * outside the project: made by fc_result_new(), read with the functions
 * below, freed by fc_result_free(). */
struct fc_result;

/* A new, empty result (owned by the caller), or NULL when memory ran out. */
struct fc_result *fc_result_new(void);
/* Free r and everything it owns; r may be NULL. */
void fc_result_free(struct fc_result *r);
/* Drop what r holds, so that it can take another fc_check(). */
void fc_result_clear(struct fc_result *r);

/*
 * Check len bytes.  source names the document in the findings (may be
 * NULL).  t and o may be NULL.  The encoding of an XML document is decided
 * as a consumer must (RFC 7303 §3.2: BOM, t->charset, the declaration,
 * UTF-8), its faults are reported with the rules charset-*, and a
 * document in any other encoding than UTF-8 (or with bytes invalid in its
 * encoding) is decoded with iconv before it is parsed.  Returns 0 when
 * the check ran (the findings are in r, sorted by position, whatever they
 * are) and -1 when memory ran out.  r must be new or cleared.  The bytes
 * are only read, and not kept after the call.
 *
 * While it parses, libxml2's process-wide external entity loader is
 * replaced by one that refuses everything (so no entity, DTD or XInclude
 * target is ever opened), and restored afterwards.  Several threads may
 * check at once (each with its own result) once fc_init() has run: the
 * library shares nothing mutable between calls (no static buffer; the
 * rule index is built once, under pthread_once).
 */
int fc_check(const unsigned char *bytes, size_t len, const char *source,
	     const struct fc_transport *t, const struct fc_options *o,
	     struct fc_result *r);

/* For a process that checks from several threads, once, before the first
 * thread starts: builds the constant rule index, initialises libxml2 and
 * installs, for the rest of the process, the external entity loader that
 * refuses everything (so what each fc_check restores is that refusal). */
void fc_init(void);

/* What fc_check() found out.  Strings belong to r. */
enum fc_format fc_result_format(const struct fc_result *r);
const char *fc_result_version(const struct fc_result *r);     /* "2.0", or NULL */
const struct fc_encoding *fc_result_encoding(const struct fc_result *r);

/* The stored findings, sorted by position: i from 0 to fc_result_count(r)
 * - 1.  fc_result_finding() fills *f and returns 0, or -1 when i is out
 * of range. */
size_t fc_result_count(const struct fc_result *r);
int fc_result_finding(const struct fc_result *r, size_t i, struct fc_finding *f);
/* How many findings of severity s there were, stored or over the
 * ceiling (fc_options.max_diags); how many were over it. */
size_t fc_result_total(const struct fc_result *r, enum fc_severity s);
size_t fc_result_dropped(const struct fc_result *r);

/*
 * The finding in the one format of every feedtools diagnostic, without a
 * newline: "FILE:LINE:COLUMN: SEVERITY: MESSAGE [RULE]" (FILE:LINE: when
 * the column is unknown, FILE:/json/pointer: for JSON Feed, FILE: byte N:
 * when only the offset is known; FILE is "-" when NULL).  As snprintf():
 * writes at most size bytes with the NUL, returns the length it needed
 * (without the NUL), or -1.  buf may be NULL when size is 0.
 */
int fc_finding_format(const struct fc_finding *f, char *buf, size_t size);
/* "info", "warning", "error" */
const char *fc_severity_name(enum fc_severity s);
/* "rss2.0", "atom1.0", "jsonfeed", ... or "unknown" */
const char *fc_format_name(enum fc_format f);
/* The library's version, "0.1.0" */
const char *fc_version(void);

/* The rule table; static storage. */
struct fc_rule {
	const char *id;           /* stable: "atom-missing-id" style */
#ifdef FEEDCHECK_INTERNAL
	enum diag_severity severity;   /* the same values as enum fc_severity */
#else
	enum fc_severity severity;
#endif /* FEEDCHECK_INTERNAL */
	const char *summary;      /* one line */
	const char *explain;      /* what it means and how to fix it */
};

/* The rules of the document checks (not the encoding or transport ones). */
const struct fc_rule *fc_rules(size_t *n);
/* Any rule by id: document, encoding (charset-*) or transport (http-*,
 * tls-*, fetch-*); NULL when there is none (or id is NULL). */
const struct fc_rule *fc_rule_find(const char *id);
/* Every rule, i from 0 until it returns NULL. */
const struct fc_rule *fc_rule_at(size_t i);

/* A document a platform rule follows, and when its text was last read. */
struct fc_rule_source {
	const char *id;           /* the rule */
	const char *platform;     /* "apple", "spotify", "podcastindex", or
				     the reader ("miniflux", ...) */
	const char *url;          /* the document */
	const char *checked;      /* "YYYY-MM-DD": when it was last read */
	const char *note;         /* how it was read, what it could not
				     confirm */
};
/* The i-th source of rule id (from 0); NULL past the last (or none). */
const struct fc_rule_source *fc_rule_source(const char *id, size_t i);

#ifdef FEEDCHECK_INTERNAL
/*
 * What a document refers to that a caller may want to fetch: the media of
 * a podcast (when fc_options.want_media is set) and the feeds a web page
 * announces (always).  Strings owned by the result; NULL when absent.
 */
enum fc_ref_kind {
	FC_REF_ENCLOSURE = 1,     /* an item's enclosure */
	FC_REF_ARTWORK,           /* the channel's itunes:image */
	FC_REF_FEED               /* <link rel="alternate"> of a web page */
};

struct fc_ref {
	enum fc_ref_kind kind;
	char *url;                /* as written (FC_REF_FEED: absolute when
				     the page or its <base> gave a base) */
	char *base;               /* the base URI in effect, or NULL */
	char *type;               /* the type attribute */
	char *title;              /* FC_REF_FEED: the link's title */
	long long length;         /* the enclosure's length; -1 unknown */
	long line, col;           /* where the element is */
};

#define FC_MAX_REFS 1000

struct fc_refs {
	struct fc_ref *v;
	size_t n, alloc;
	size_t dropped;           /* past FC_MAX_REFS */
};

/*
 * The entries of a feed as readers tell them apart (fc_result.entries,
 * read only when entries.want is set before fc_check(): feedcheck
 * --diff): what identifies an entry, its dates and a digest of its
 * content, never the content itself.  Strings owned, NULL when absent.
 */
struct fc_entry {
	char *id;                 /* atom:id, guid, rdf:about, JSON id; trimmed */
	char *link;               /* the alternate link (JSON: url) */
	char *title;
	char *published, *updated;     /* as written, trimmed */
	long long pub_t, upd_t;   /* seconds since 1970, when has_pub/has_upd */
	unsigned char has_pub, has_upd, has_content;
	unsigned long long content;    /* FNV-1a of content and summary */
	long line, col;           /* the entry's start tag (JSON: the item) */
	long pub_line, pub_col, upd_line, upd_col;
	char *path;               /* JSON Feed: "/items/N"; else NULL */
};

#define FC_MAX_ENTRIES 200000

struct fc_entries {
	int want;                 /* set by the caller: read the entries */
	struct fc_entry *v;
	size_t n, alloc;
	size_t dropped;           /* past FC_MAX_ENTRIES */
};

/*
 * What a change from old to new does to subscribers (diff.c): entries
 * matched as readers match them (by id; an id gone, by link, then by
 * title and date), findings diff-* about new added to new_out (named
 * new_name) and about entries only old had to old_out (named old_name).
 * Both results must have been checked with entries.want set.  0, or -1
 * when memory ran out.
 */
int fc_diff(const struct fc_result *old_r, const char *old_name,
	    const struct fc_result *new_r, const char *new_name,
	    struct diag_list *old_out, struct diag_list *new_out);

/* The FC_PROFILE_* bits under which rule id is an error (0: none). */
unsigned fc_rule_profiles(const char *id);

/*
 * The project's own view: a result embedded by value, its findings a
 * struct diag_list (lib/diag.h) that the feedcheck program filters and
 * appends to.
 */
struct fc_result {
	enum fc_format format;
	char *version;            /* e.g. "2.0", "1.1"; owned, may be NULL */
	struct fc_encoding enc;
	struct diag_list diags;   /* every finding; owned */
	/*
	 * The document decoded to UTF-8 (NUL-terminated, text_len bytes), when
	 * it was decoded before parsing (a legacy encoding, UTF-16/32, or bytes
	 * that had to be repaired); NULL when the bytes were parsed as they
	 * are.  Lines of findings from the parse refer to it, and their byte
	 * offsets are then -1 (unknown in the original bytes).  Owned.
	 */
	unsigned char *text;
	size_t text_len;
	struct fc_refs refs;      /* see struct fc_ref; owned */
	struct fc_entries entries;     /* see struct fc_entry; owned */
};

/* Set up r (fc_result_new() does it for a public caller); release what
 * it holds, leaving it set up again. */
void fc_result_init(struct fc_result *r);
void fc_result_release(struct fc_result *r);
#endif /* FEEDCHECK_INTERNAL */

#ifdef __cplusplus
}
#endif

#endif
