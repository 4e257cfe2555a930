/*
 * serve.h - the parts of feedcheck --serve (serve.c) that are files of
 * their own: one check asked over HTTP and its answer (serve_check.c),
 * the form page and the Content-Security-Policy (serve_page.c), the
 * per-client rate of checks (serve_rate.c).  None of them knows
 * libmicrohttpd; serve.c alone does.
 */
#ifndef FEED_SERVE_H
#define FEED_SERVE_H

#include <stddef.h>

#include "addr.h"
#include "cli.h"
#include "report.h"

/* ---- serve_check.c: one check ---- */

/* What a request asks to be checked: a document or a URL. */
struct serve_ask {
	const unsigned char *doc;  /* the document's bytes (url NULL) */
	size_t len;
	const char *content_type;  /* the document's transport Content-Type, or
				      NULL: no transport (a pasted or uploaded
				      file, checked as a file is) */
	const char *url;           /* or the URL to fetch (a hop: addr.h) */
	const char *name;          /* the document's name in the report */
	int out;                   /* OUT_* */
};

struct serve_answer {
	char *body;                /* malloc'd: the report */
	size_t len;
	const char *type;          /* its media type */
	int status;                /* the command line's exit status: 0, 1, 3 */
	enum verdict verdict;
};

/*
 * Check what q asks with cli's settings (rules, limits, fetch bounds),
 * the report in q->out's format into *a, as feedcheck writes it for one
 * source.  A URL is fetched under the address policy as a hop with no
 * origin: only http and https, only public addresses unless
 * --allow-private.  0, or -1 when memory ran out (a->body NULL).
 * Thread-safe: nothing is shared between two calls.
 */
int serve_check(const struct cli *cli, const struct serve_ask *q,
		struct serve_answer *a);
void serve_answer_release(struct serve_answer *a);
/* OUT_* of a --format name; -1 when there is none */
int serve_format(const char *name);
/* "valid", "invalid", "strict-fail", "unread", "skipped" */
const char *serve_verdict_name(enum verdict v);

/* ---- serve_page.c: the page people use ---- */

/* GET /: the form, a constant page (its length in *len) */
const char *page_form(size_t *len);
/*
 * The Content-Security-Policy of an HTML answer (the form or a report):
 * no script, nothing loaded, the two pages' <style> allowed by their
 * SHA-256 (CSP Level 3, "hash-source"), forms sent to this server only,
 * never framed.  Into buf; 0, or -1 when it does not fit.
 */
int page_csp(char *buf, size_t n);
/* The policy of every other answer */
#define PAGE_CSP_OTHER "default-src 'none'; frame-ancestors 'none'"

/* ---- serve_rate.c: checks a minute per client ---- */

struct rate_table;

/*
 * A table of at most cap clients, each allowed per_minute checks a
 * minute (a token bucket of per_minute tokens, refilled evenly); a
 * client whose bucket has refilled is as if new, and its place is
 * reused.  NULL when memory ran out.
 */
struct rate_table *rate_new(long per_minute, size_t cap);
/*
 * May client a check now (seconds: a monotonic clock)?  1 (and counted),
 * or 0 with *retry_after the whole seconds until it may.  An IPv6
 * client is its /64, which one machine is usually given.  Thread-safe.
 */
int rate_take(struct rate_table *t, const struct fetch_addr *a, double now,
	      long *retry_after);
void rate_free(struct rate_table *t);

#endif
