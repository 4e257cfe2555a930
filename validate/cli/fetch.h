/*
 * fetch.h - obtain a feed's bytes over http, https or file: the only
 * libcurl code of feedcheck.
 *
 * The fetcher never prints and never exits.  It fills a struct
 * fetch_result with the body and what the transport said about it, and
 * appends its findings (rule ids "http-*", "tls-*", "fetch-*") to a
 * struct diag_list; the caller hands body, media_type, charset and
 * final_url to fc_check() through struct fc_transport.
 *
 * Redirects are followed one hop at a time (libcurl's FOLLOWLOCATION is
 * off; the target comes from CURLINFO_REDIRECT_URL), so every hop is
 * recorded and reported.  Every input is bounded: the time to connect,
 * the whole time of one URL (all hops, retries and waits included), the
 * time without data (stall), the size on the wire and the decompressed
 * size, the size of the response headers, the number of hops and of
 * retries.
 *
 * Before the first call, main() calls fetch_global_init() once (libcurl's
 * global initialisation is not thread-safe), and fetch_global_cleanup()
 * before it exits.
 */
#ifndef FEED_FETCH_H
#define FEED_FETCH_H

#include <stddef.h>

#include "addr.h"
#include "diag.h"

struct fc_rule;

#define FETCH_DEFAULT_CONNECT_TIMEOUT_S 10
#define FETCH_DEFAULT_MAX_TIME_S 30
#define FETCH_DEFAULT_STALL_TIMEOUT_S 10
#define FETCH_DEFAULT_MAX_SIZE ((size_t)50 * 1024 * 1024)
#define FETCH_DEFAULT_MAX_REDIRECTS 10
#define FETCH_DEFAULT_RETRIES 2
#define FETCH_DEFAULT_RETRY_AFTER_MAX_S 10.0
#define FETCH_DEFAULT_JOBS 8
#define FETCH_MAX_PER_HOST 2

/*
 * Options.  fetch_opts_init() sets the defaults above; a value <= 0 (or
 * max_size 0) later means "the default", never "no limit".  Nothing here
 * is copied: the strings must outlive the fetch_url()/fetch_many() call.
 */
struct fetch_opts {
	long connect_timeout_s;   /* --connect-timeout */
	long max_time_s;          /* --max-time: whole URL, all hops and retries */
	long stall_timeout_s;     /* --stall-timeout: abort after this long
				     without a byte (CURLOPT_LOW_SPEED_*) */
	size_t max_size;          /* --max-size: caps the bytes on the wire
				     AND the decompressed body, in bytes */
	const char *cacert;       /* --cacert FILE, or NULL: system store */
	int insecure;             /* -k: do not verify the certificate */
	const char *const *headers; /* --header "Name: value", nheaders of them */
	size_t nheaders;
	int max_redirects;        /* hops followed before http-too-many-redirects */
	int retries;              /* retries after 429/503, each after Retry-After */
	double retry_after_max_s; /* a longer Retry-After is not waited for */
	/*
	 * Media (--check-media): range is sent as the Range header
	 * ("0-1023": bytes=0-1023, CURLOPT_RANGE); a body longer than keep
	 * bytes (a server that ignores the range) is cut there without an
	 * error (fetch_result.cut); media set: no findings about feed media
	 * types or validators, and fetch_result.size is filled in.
	 */
	const char *range;
	size_t keep;
	int media;
	int trace;                /* keep the exchange in fetch_result.trace (-v) */
	/*
	 * The address policy (addr.h).  guard 0: the URLs are the user's own
	 * (the command line, --urls): each is fetched as named, and the
	 * addresses its first request connects to become its origin
	 * (fetch_result.origin); a redirect after it is a hop.  guard 1:
	 * every request is a hop (a page's feed, --check-media's media),
	 * judged against origin (NULL: none, the document was a file), and
	 * only http and https are fetched.  allow_private: --allow-private.
	 */
	int guard;
	const struct fetch_addrs *origin;
	int allow_private;
	/* when *cancel becomes non-zero (standard output failed), no more
	 * URLs are started or waited for: fetch_many() returns -1 */
	const int *cancel;
	/*
	 * The delivery audit (fetch_audit.c), per URL of fetch_many(): NULL,
	 * or audit[i] non-zero to make URL i's one conditional request and
	 * judge how it is served (delivery-*).  Never for media or hops
	 * (guard 1).
	 */
	const unsigned char *audit;
	/*
	 * --cache: per URL of fetch_many(), NULL or the validators of the
	 * answer remembered for URL i (NULL members: none), sent as
	 * If-None-Match and If-Modified-Since; a 304 then finishes the URL
	 * with fetch_result.not_modified set and no body.
	 */
	const struct fetch_cond *cond;
	/* --per-host-delay: requests to one scheme://host:port start at
	 * least this many milliseconds apart (0: no delay) */
	long per_host_delay_ms;
};

/* The validators of a remembered answer (RFC 9110 §8.8.2, §8.8.3). */
struct fetch_cond {
	const char *etag;          /* sent as If-None-Match, or NULL */
	const char *last_modified; /* sent as If-Modified-Since, or NULL */
};

void fetch_opts_init(struct fetch_opts *o);

/* One redirect hop: url answered status with Location (resolved). */
struct fetch_hop {
	long status;              /* 301, 302, 303, 307, 308 */
	char *url;                /* owned */
	char *location;           /* owned; absolute (CURLINFO_REDIRECT_URL) */
};

/*
 * The outcome for one URL.  Every pointer is owned by the result and freed
 * by fetch_result_release(); each string is NUL-terminated or NULL.
 */
struct fetch_result {
	unsigned char *body;      /* len bytes, decompressed, plus a NUL not
				     counted in len; never more than max_size.
				     May be set on failure too (error page) */
	size_t len;
	long status;              /* final HTTP status; 0 for file: or no reply */
	char *content_type;       /* the full Content-Type value, or NULL */
	char *media_type;         /* "application/rss+xml", lower case, or NULL */
	char *charset;            /* charset parameter, lower case, or NULL */
	char *url;                /* the URL asked for */
	char *final_url;          /* the URL the body came from */
	struct fetch_hop *hops;   /* nhops redirects, in order */
	size_t nhops;
	int has_etag;             /* ETag present (RFC 7232 §2.3) */
	int has_last_modified;    /* Last-Modified present (RFC 7232 §2.2) */
	char *etag;               /* their values (bounded), or NULL */
	char *last_modified;
	int not_modified;         /* fetch_opts.cond was sent and the answer
				     was 304 Not Modified: no body */
	int insecure;             /* https was used without verifying the
				     certificate (-k): say so in every report */
	int tls;                  /* the body came over https */
	char *trace;              /* with fetch_opts.trace: the request and
				     response lines and headers of every hop,
				     as curl -v shows them ("> ", "< ", "* "),
				     control characters escaped; bounded */
	int retries;              /* retries made after 429/503 */
	double seconds;           /* wall time spent on this URL */
	/* fetch_opts.media: the size of the whole file, from Content-Range
	 * ("bytes 0-1023/5000") or else Content-Length, -1 when unknown;
	 * partial: the answer was 206 Partial Content; cut: the body was cut
	 * at fetch_opts.keep bytes */
	long long size;
	int partial, cut;
	char *error;              /* NULL on success; else what went wrong */
	const char *error_rule;   /* static rule id of error, or NULL */
	struct fetch_addrs origin; /* the addresses the named URL's first
				     request connected to (fetch_opts.guard
				     0), or fetch_opts.origin (guard 1) */
};

void fetch_result_init(struct fetch_result *r);
void fetch_result_release(struct fetch_result *r);

/*
 * The local path of a file: URL (RFC 8089: no host, or localhost),
 * percent-decoded, malloc'd; NULL when url is not one (then *bad is set)
 * or memory ran out.  feedcheck reads file: URLs as it reads files, so
 * that --max-time bounds a FIFO behind one too.
 */
char *fetch_file_path(const char *url, int *bad);

int fetch_global_init(void);
void fetch_global_cleanup(void);

/*
 * Fetch one URL.  o may be NULL (defaults).  r must have been initialised
 * (it is released first).  Findings, the failure itself included, are
 * appended to dl with file = url.  Returns 0 when the bytes were obtained
 * (r->body/len, possibly empty), -1 when they could not be (r->error and
 * r->error_rule say why; the CLI exits 3).
 */
int fetch_url(const char *url, const struct fetch_opts *o,
	      struct fetch_result *r, struct diag_list *dl);

/*
 * Called once for every URL of fetch_many(), in completion order.  r and
 * dl belong to fetch_many() and are released after done returns; done
 * may take them over (copy *r then fetch_result_init(r); ft_diag_list_move).
 * ok is 0 when the bytes were obtained, -1 when not (as fetch_url()).
 */
typedef void fetch_done_fn(size_t index, int ok, struct fetch_result *r,
			   struct diag_list *dl, void *ud);

/*
 * Fetch n URLs concurrently with libcurl's multi interface: at most jobs
 * transfers at once (<= 0: FETCH_DEFAULT_JOBS), at most FETCH_MAX_PER_HOST
 * at once to one scheme://host:port.  Returns the number of URLs that
 * could not be obtained, or -1 when the fetcher could not start (memory,
 * libcurl); in that case done may have been called for some URLs only.
 */
int fetch_many(const char *const *urls, size_t n, int jobs,
	       const struct fetch_opts *o, fetch_done_fn *done, void *ud);

/*
 * ref resolved against base (RFC 3986 section 5.2, libcurl's URL API);
 * malloc'd, or NULL when base is NULL or either cannot be parsed (then
 * ref alone, when it is absolute, is tried).
 */
char *fetch_resolve(const char *base, const char *ref);

#endif
