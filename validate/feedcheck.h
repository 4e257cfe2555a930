/*
 * feedcheck.h - feed validation as a library: bytes in, diagnostics out.
 *
 * fc_check() takes the bytes of one document and what the transport said
 * about them, detects the format (RSS 0.90-2.0, Atom 1.0/0.3, JSON Feed)
 * and fills a struct fc_result.  It never prints and never exits; feedgen
 * (issue 5) calls it in-process on the feeds it is about to publish, and
 * the HTTP fetcher (issue 4) fills struct fc_transport.
 */
#ifndef FEED_FEEDCHECK_H
#define FEED_FEEDCHECK_H

#include <stddef.h>

#include "diag.h"

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
 * errors (fc_options.profiles, fc_rule_profiles).
 */
enum fc_profile {
	FC_PROFILE_APPLE = 1,         /* Apple Podcasts */
	FC_PROFILE_SPOTIFY = 2,       /* Spotify */
	FC_PROFILE_PODCASTINDEX = 4   /* Podcast Index: PSP-1 and podcast: */
};

struct fc_options {
	size_t max_diags;         /* ceiling on stored diagnostics; 0: default */
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
	 * directories require (fc_rule_profiles) are errors.  0: none.
	 */
	unsigned profiles;
	/* Record the enclosures and the artwork in fc_result.refs (for
	 * feedcheck --check-media, which fetches them). */
	int want_media;
};

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

/* Encoding information; strings owned by the result, NULL when absent. */
struct fc_encoding {
	char *bom;                /* "UTF-8", "UTF-16LE", ... */
	char *http;               /* transport charset */
	char *declared;           /* XML declaration encoding= */
	char *used;               /* the encoding the document was read in */
};

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
};

void fc_result_init(struct fc_result *r);
void fc_result_release(struct fc_result *r);

/*
 * Check len bytes.  source names the document in diagnostics (may be
 * NULL).  t and o may be NULL.  The encoding of an XML document is decided
 * as a consumer must (RFC 7303 §3.2: BOM, t->charset, the declaration,
 * UTF-8; charset.h), its faults are reported with the rules charset-*,
 * and a document in any other encoding than UTF-8 (or with bytes invalid
 * in its encoding) is decoded with iconv into r->text before it is parsed.  Returns 0 when the check ran (the findings
 * are in r->diags, sorted by position, whatever they are) and -1 when
 * memory ran out.  r must have been set up with fc_result_init().
 *
 * While it parses, libxml2's process-wide external entity loader is
 * replaced by one that refuses everything (so no entity, DTD or XInclude
 * target is ever opened), and restored afterwards.  Several threads may
 * check at once once fc_init() has run.
 */
int fc_check(const unsigned char *bytes, size_t len, const char *source,
	     const struct fc_transport *t, const struct fc_options *o,
	     struct fc_result *r);

/* For a process that checks from several threads, once, before the first
 * thread starts: builds the constant rule index, initialises libxml2 and
 * installs, for the rest of the process, the external entity loader that
 * refuses everything (so what each fc_check restores is that refusal). */
void fc_init(void);

/* "rss2.0", "atom1.0", "json1.1", ... or "unknown" */
const char *fc_format_name(enum fc_format f);

/* The rule table. */
struct fc_rule {
	const char *id;           /* stable: "atom-missing-id" style */
	enum diag_severity severity;
	const char *summary;      /* one line */
	const char *explain;      /* what it means and how to fix it */
};

/* The rules of the document checks (not the encoding or transport ones). */
const struct fc_rule *fc_rules(size_t *n);
/* Any rule by id: document, encoding (charset-*) or transport (http-*,
 * tls-*, fetch-*); NULL when there is none. */
const struct fc_rule *fc_rule_find(const char *id);
/* Every rule, i from 0 until it returns NULL, for --list-rules. */
const struct fc_rule *fc_rule_at(size_t i);
/* The FC_PROFILE_* bits under which rule id is an error (0: none). */
unsigned fc_rule_profiles(const char *id);

#endif
