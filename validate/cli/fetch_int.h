/*
 * fetch_int.h - inside the fetcher: one transfer (struct xfer) and the
 * multi loop's state (struct ctx), shared by fetch.c (the transfers),
 * fetch_response.c (what a finished request means), fetch_guard.c (the
 * address policy where libcurl connects) and fetch_xfer.c (what a
 * transfer keeps of itself).  Nothing else includes it; the rest of
 * feedcheck sees fetch.h.
 */
#ifndef FEED_FETCH_INT_H
#define FEED_FETCH_INT_H

#include <curl/curl.h>
#include <time.h>

#include "addr.h"
#include "buf.h"
#include "diag.h"
#include "fetch.h"

#define HEADER_MAX (256 * 1024)   /* all header bytes of one response */
#define TRACE_MAX (64 * 1024)     /* -v: the exchange kept of one URL */

static inline long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct xfer {
	size_t index;
	size_t slot;               /* in ctx.act while active */
	char *url;                 /* the URL of the current hop */
	char *host;                /* "scheme://host:port" of url */
	CURL *easy;
	struct buf body;
	size_t hdr_bytes;
	int started;               /* the first request was made */
	int capped, hdr_too_big, nomem, stalled;
	size_t keep;               /* fetch_opts.keep */
	int headers_done;          /* the end of a final response's headers */
	int bad_length;            /* two different Content-Length headers */
	long long length;          /* the Content-Length seen, or -1 */
	long long length2;         /* ... and the other one */
	struct buf trace;          /* -v: the exchange (fetch_result.trace) */
	curl_off_t last_dl;        /* body bytes at last_ms */
	size_t last_hdr;           /* header bytes at last_ms */
	long long last_ms;         /* when bytes last arrived */
	long long stall_ms;
	long long start_ms, deadline_ms, not_before_ms;
	struct fetch_result r;
	struct diag_list dl;
	char errbuf[CURL_ERROR_SIZE];
	/* the address policy (addr.h, fetch_guard.c) */
	int guarded;               /* this request is a hop: judged */
	int allow_private;         /* --allow-private */
	struct fetch_addrs origin; /* what the named URL connected to */
	char refused[768];         /* why a connection was refused, or "" */
	/* conditional requests (fetch_audit.c) */
	const struct fetch_cond *cond; /* --cache's validators, or NULL */
	struct curl_slist *hdrs;   /* this request's headers when they are
				      not the run's (conditional ones) */
	int audit;                 /* AUDIT_*: the delivery audit's phase */
	struct buf kept;           /* the feed's body while the audit's
				      request runs */
	long long wire;            /* bytes on the wire of the feed's answer */
};

enum { AUDIT_NONE, AUDIT_WANTED, AUDIT_SENT };

/* when a host's last request started (--per-host-delay) */
struct hostlast {
	char *key;                 /* owned */
	long long ms;
};

struct hostcount {
	char *key;                 /* owned */
	int n;
};

struct ctx {
	struct fetch_opts o;
	CURLM *multi;
	struct curl_slist *headers;
	const char *const *urls;
	size_t n, next;
	struct xfer **wait;        /* queued, in order */
	size_t nwait, await;
	struct xfer **act;         /* the active transfers, jobs slots */
	struct hostcount *hosts;   /* hosts with active transfers */
	size_t nhosts;
	int jobs, active, failed;
	struct hostlast *last;     /* --per-host-delay: hosts asked lately */
	size_t nlast, alast;
	long long due_ms;          /* the next time a delayed host is free */
	fetch_done_fn *done;
	void *ud;
};

/*
 * x failed: the first failure becomes its error (r.error, r.error_rule)
 * and an error finding; later ones are ignored (fetch_xfer.c).
 */
void fetch_fail(struct xfer *x, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * "scheme://host:port" of url for the per-host limit, or NULL (and *bad
 * set when url is not one we fetch, else out of memory); fetch_xfer.c.
 */
char *fetch_host_key(const char *url, int allow_file, int *bad);

/*
 * One request of x ended with rc: 1 when x is to be queued again
 * (redirect or retry), 0 when it is finished (fetch_response.c).
 */
int fetch_hop_done(struct ctx *c, struct xfer *x, CURLcode rc);

/* ---- fetch_guard.c: the address policy (addr.h) at connect time ---- */

/*
 * Before a hop to url (x->guarded): 0 when it may be tried, -1 when it is
 * refused already (a scheme other than http and https, or a host that is
 * an IP address the policy refuses), after fetch_fail().
 */
int fetch_guard_url(struct xfer *x, const char *url);
/* The callbacks that judge every connection of x's requests (libcurl's
 * open-socket callback, and the pre-request one for a connection reused
 * from another transfer); -1 when libcurl refused them. */
int fetch_guard_setup(struct xfer *x, CURL *e);

/* ---- fetch_audit.c: conditional requests and the delivery audit ---- */

/*
 * The headers of x's next request: the run's, and If-None-Match and
 * If-Modified-Since when x sends remembered validators (--cache) or
 * makes the audit's request; NULL when there are none.  -1 when memory
 * ran out.
 */
int fetch_cond_headers(struct ctx *c, struct xfer *x, struct curl_slist **out);
/*
 * A final response of x with status: 1 when it is a bot-protection
 * challenge (the vendors' documented headers alone; their pages with a
 * blocking status or an HTML body), after fetch_fail(x,
 * "http-bot-challenge", ...) naming the vendor; or a web page through
 * such a service with a blocking status (its everyday headers only), after
 * fetch_fail(x, "http-status", ...) naming the vendor as probable.
 */
int fetch_challenge(struct xfer *x, long status);
/*
 * x's feed arrived (a final 2xx): the audit's findings on it, and 1 when
 * its one conditional request is to be made (x queued again, the body
 * kept aside), else 0.
 */
int fetch_audit_first(struct ctx *c, struct xfer *x);
/* The audit's request of x ended with rc: its findings; the feed's body
 * back in place.  x is finished. */
void fetch_audit_done(struct xfer *x, CURLcode rc);

#endif
