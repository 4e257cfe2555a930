/*
 * fetch.c - http, https and file fetching with libcurl (the only libcurl
 * code of feedcheck).  One URL or thousands go through the same multi
 * interface loop; see fetch.h for the contract.
 */
#include "fetch.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "ascii.h"
#include "buf.h"
#include "content_type.h"
#include "diag.h"
#include "feedcheck.h"

#ifndef FEED_VERSION
#define FEED_VERSION "unknown"
#endif

#define HEADER_MAX (256 * 1024)   /* all header bytes of one response */
#define WAIT_WINDOW 16            /* URLs queued per job, ahead of time */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---------------------------------------------------------------- options */

void fetch_opts_init(struct fetch_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->connect_timeout_s = FETCH_DEFAULT_CONNECT_TIMEOUT_S;
	o->max_time_s = FETCH_DEFAULT_MAX_TIME_S;
	o->stall_timeout_s = FETCH_DEFAULT_STALL_TIMEOUT_S;
	o->max_size = FETCH_DEFAULT_MAX_SIZE;
	o->max_redirects = FETCH_DEFAULT_MAX_REDIRECTS;
	o->retries = FETCH_DEFAULT_RETRIES;
	o->retry_after_max_s = FETCH_DEFAULT_RETRY_AFTER_MAX_S;
}

/* Copy in to out, with defaults for the unset values. */
static void opts_effective(const struct fetch_opts *in, struct fetch_opts *out)
{
	struct fetch_opts d;

	fetch_opts_init(&d);
	if (!in) {
		*out = d;
		return;
	}
	*out = *in;
	if (out->connect_timeout_s <= 0)
		out->connect_timeout_s = d.connect_timeout_s;
	if (out->max_time_s <= 0)
		out->max_time_s = d.max_time_s;
	if (out->stall_timeout_s <= 0)
		out->stall_timeout_s = d.stall_timeout_s;
	if (out->max_size == 0)
		out->max_size = d.max_size;
	if (out->max_redirects < 0)
		out->max_redirects = d.max_redirects;
	if (out->retries < 0)
		out->retries = 0;
	if (out->retry_after_max_s <= 0)
		out->retry_after_max_s = d.retry_after_max_s;
}

/* ----------------------------------------------------------------- result */

void fetch_result_init(struct fetch_result *r)
{
	memset(r, 0, sizeof(*r));
}

void fetch_result_release(struct fetch_result *r)
{
	size_t i;

	free(r->body);
	free(r->content_type);
	free(r->media_type);
	free(r->charset);
	free(r->url);
	free(r->final_url);
	for (i = 0; i < r->nhops; i++) {
		free(r->hops[i].url);
		free(r->hops[i].location);
	}
	free(r->hops);
	free(r->error);
	fetch_result_init(r);
}

int fetch_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void fetch_global_cleanup(void)
{
	curl_global_cleanup();
}

static int parse_ulong(const char *s, const char **end, unsigned long *v)
{
	unsigned long x = 0;
	const char *p = s;

	for (; IS_DIGIT(*p); p++) {
		if (x > 100000000UL)
			return -1;
		x = x * 10 + (unsigned long)(*p - '0');
	}
	if (p == s)
		return -1;
	*end = p;
	*v = x;
	return 0;
}

int fetch_parse_shard(const char *s, unsigned long *i, unsigned long *n)
{
	const char *p;

	if (!s || parse_ulong(s, &p, i) < 0 || *p != '/' ||
	    parse_ulong(p + 1, &p, n) < 0 || *p)
		return -1;
	return *i >= 1 && *i <= *n ? 0 : -1;
}

int fetch_in_shard(size_t k, unsigned long i, unsigned long n)
{
	return n == 0 || (k % n) + 1 == i;
}

/* -------------------------------------------------------------- transfers */

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
	curl_off_t last_dl;        /* body bytes at last_ms */
	long long last_ms;         /* when bytes last arrived */
	long long stall_ms;
	long long start_ms, deadline_ms, not_before_ms;
	struct fetch_result r;
	struct diag_list dl;
	char errbuf[CURL_ERROR_SIZE];
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
	fetch_done_fn *done;
	void *ud;
};

static void xfer_fail(struct xfer *x, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void xfer_fail(struct xfer *x, const char *rule, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (x->r.error)
		return;
	va_start(ap, fmt);
	msg = ft_xvasprintf(fmt, ap);
	va_end(ap);
	x->r.error_rule = rule;
	x->r.error = msg ? msg : strdup("out of memory");
	ft_diag_add(&x->dl, DIAG_ERROR, rule, x->r.url, 0, 0, "%s",
		 msg ? msg : "out of memory");
}

/*
 * "scheme://host:port" for the per-host limit, or NULL (and *bad set) when
 * the URL is not one we fetch.  allow_file: file: is allowed for the URL the
 * user gave, never as a redirect target.
 */
static char *host_key(const char *url, int allow_file, int *bad)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *key = NULL;

	*bad = 0;
	if (!u)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) {
		*bad = 1;
		goto abort;
	}
	if (!strcasecmp(scheme, "file") && allow_file) {
		key = strdup("file:");
		goto abort;
	}
	if (strcasecmp(scheme, "http") && strcasecmp(scheme, "https")) {
		*bad = 1;
		goto abort;
	}
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK) {
		*bad = 1;
		goto abort;
	}
	key = ft_xasprintf("%s://%s:%s", scheme, host, port);
abort:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return key;
}

static size_t write_cb(char *p, size_t size, size_t nmemb, void *ud)
{
	struct xfer *x = ud;
	size_t n = size * nmemb;

	/* the decompressed body: the buffer's ceiling is max_size */
	if (ft_buf_add(&x->body, p, n) < 0) {
		if (errno == EFBIG)
			x->capped = 1;
		else
			x->nomem = 1;
		return 0;       /* CURLE_WRITE_ERROR stops the transfer */
	}
	return n;
}

static size_t header_cb(char *p, size_t size, size_t nmemb, void *ud)
{
	struct xfer *x = ud;
	size_t n = size * nmemb;

	(void)p;
	x->hdr_bytes += n;
	if (x->hdr_bytes > HEADER_MAX) {
		x->hdr_too_big = 1;
		return 0;
	}
	return n;
}

/*
 * dlnow counts the body bytes as they arrive, before content decoding:
 * libcurl 7.88 only applies CURLOPT_MAXFILESIZE to an announced length.
 */
static int xferinfo_cb(void *ud, curl_off_t dltotal, curl_off_t dlnow,
		       curl_off_t ultotal, curl_off_t ulnow)
{
	struct xfer *x = ud;

	(void)dltotal; (void)ultotal; (void)ulnow;
	if (dlnow > 0 && (curl_off_t)x->body.max < dlnow) {
		x->capped = 1;
		return 1;
	}
	/*
	 * The stall timer.  CURLOPT_LOW_SPEED_TIME is kept as a backstop, but
	 * libcurl averages the speed over a few seconds, so it fires late; this
	 * callback runs at least once a second even when nothing arrives.
	 */
	if (dlnow != x->last_dl) {
		x->last_dl = dlnow;
		x->last_ms = now_ms();
	} else if (now_ms() - x->last_ms >= x->stall_ms) {
		x->stalled = 1;
		return 1;
	}
	return 0;
}

#define SET(opt, val) do { \
	if (curl_easy_setopt(e, opt, val) != CURLE_OK) \
		goto abort; \
} while (0)

static int xfer_start(struct ctx *c, struct xfer *x)
{
	const struct fetch_opts *o = &c->o;
	long long left = x->deadline_ms - now_ms();
	long long conn = (long long)o->connect_timeout_s * 1000;
	CURL *e;

	if (left < 1)
		left = 1;
	if (conn > left)
		conn = left;
	ft_buf_release(&x->body);
	x->hdr_bytes = 0;
	x->capped = x->hdr_too_big = x->nomem = x->stalled = 0;
	x->last_dl = 0;
	x->last_ms = now_ms();
	x->stall_ms = (long long)o->stall_timeout_s * 1000;
	x->errbuf[0] = '\0';
	if (!(e = curl_easy_init()))
		return -1;
	x->easy = e;
	SET(CURLOPT_URL, x->url);
	SET(CURLOPT_PRIVATE, (void *)x);
	SET(CURLOPT_PROTOCOLS_STR, "http,https,file");
	/* one hop at a time, so that every hop is seen and reported */
	SET(CURLOPT_FOLLOWLOCATION, 0L);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_ERRORBUFFER, x->errbuf);
	SET(CURLOPT_USERAGENT, "feedcheck/" FEED_VERSION);
	/* "": every Content-Encoding this libcurl can decode */
	SET(CURLOPT_ACCEPT_ENCODING, "");
	if (c->headers)
		SET(CURLOPT_HTTPHEADER, c->headers);
	SET(CURLOPT_CONNECTTIMEOUT_MS, (long)conn);
	SET(CURLOPT_TIMEOUT_MS, (long)left);
	SET(CURLOPT_LOW_SPEED_LIMIT, 1L);
	SET(CURLOPT_LOW_SPEED_TIME, o->stall_timeout_s);
	SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_size);
	SET(CURLOPT_WRITEFUNCTION, write_cb);
	SET(CURLOPT_WRITEDATA, (void *)x);
	SET(CURLOPT_HEADERFUNCTION, header_cb);
	SET(CURLOPT_HEADERDATA, (void *)x);
	SET(CURLOPT_XFERINFOFUNCTION, xferinfo_cb);
	SET(CURLOPT_XFERINFODATA, (void *)x);
	SET(CURLOPT_NOPROGRESS, 0L);
	if (o->cacert)
		SET(CURLOPT_CAINFO, o->cacert);
	if (o->insecure) {
		SET(CURLOPT_SSL_VERIFYPEER, 0L);
		SET(CURLOPT_SSL_VERIFYHOST, 0L);
	}
	if (curl_multi_add_handle(c->multi, e) != CURLM_OK)
		goto abort;
	return 0;
abort:
	curl_easy_cleanup(e);
	x->easy = NULL;
	return -1;
}

static struct hostcount *host_find(struct ctx *c, const char *key)
{
	size_t i;

	for (i = 0; i < c->nhosts; i++)
		if (!strcmp(c->hosts[i].key, key))
			return &c->hosts[i];
	return NULL;
}

/* hosts has room for jobs entries: one per active transfer at most */
static int host_inc(struct ctx *c, const char *key)
{
	struct hostcount *h = host_find(c, key);

	if (h) {
		h->n++;
		return 0;
	}
	if (!(c->hosts[c->nhosts].key = strdup(key)))
		return -1;
	c->hosts[c->nhosts].n = 1;
	c->nhosts++;
	return 0;
}

static void host_dec(struct ctx *c, const char *key)
{
	struct hostcount *h = host_find(c, key);

	if (h && --h->n == 0) {
		free(h->key);
		*h = c->hosts[--c->nhosts];
	}
}

static void xfer_free(struct xfer *x)
{
	if (x->easy)
		curl_easy_cleanup(x->easy);
	fetch_result_release(&x->r);
	ft_diag_list_release(&x->dl);
	ft_buf_release(&x->body);
	free(x->url);
	free(x->host);
	free(x);
}

/* Report x to the caller and free it. */
static void xfer_finish(struct ctx *c, struct xfer *x)
{
	int ok = x->r.error || x->r.error_rule ? -1 : 0;

	x->r.seconds = (double)(now_ms() - x->start_ms) / 1000.0;
	if (!x->r.final_url && x->url)
		x->r.final_url = strdup(x->url);
	if (x->body.data || !x->r.error) {
		x->r.len = x->body.len;
		x->r.body = (unsigned char *)ft_buf_detach(&x->body);
		if (!x->r.body) {
			x->r.len = 0;
			xfer_fail(x, "fetch-internal", "out of memory");
			ok = -1;
		}
	}
	if (ok < 0)
		c->failed++;
	c->done(x->index, ok, &x->r, &x->dl, c->ud);
	xfer_free(x);
}

static struct xfer *xfer_new(struct ctx *c, size_t index)
{
	struct xfer *x = calloc(1, sizeof(*x));
	const char *url = c->urls[index];
	int bad;

	if (!x)
		return NULL;
	x->index = index;
	fetch_result_init(&x->r);
	ft_diag_list_init(&x->dl);
	ft_buf_init(&x->body, c->o.max_size);
	x->start_ms = x->not_before_ms = now_ms();
	if (!(x->r.url = strdup(url ? url : "")) || !(x->url = strdup(x->r.url))) {
		xfer_free(x);
		return NULL;
	}
	x->host = host_key(x->url, 1, &bad);
	if (!x->host && !bad) {
		xfer_free(x);
		return NULL;
	}
	if (bad)
		xfer_fail(x, "fetch-bad-url", "'%s' is not an http, https or file URL",
			  x->url);
	return x;
}

static int wait_push(struct ctx *c, struct xfer *x)
{
	if (c->nwait == c->await) {
		size_t na = c->await ? c->await * 2 : 64;
		struct xfer **nv = realloc(c->wait, na * sizeof(*nv));
		if (!nv)
			return -1;
		c->wait = nv;
		c->await = na;
	}
	c->wait[c->nwait++] = x;
	return 0;
}

static const char *curl_detail(const struct xfer *x, CURLcode rc)
{
	return x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc);
}

/* A transfer ended with a libcurl error: say which bound or failure. */
static void fail_from_curl(struct ctx *c, struct xfer *x, CURLcode rc)
{
	const struct fetch_opts *o = &c->o;
	const char *u = x->url;
	curl_off_t connected = 0;

	switch (rc) {
	case CURLE_WRITE_ERROR:
	case CURLE_ABORTED_BY_CALLBACK:
	case CURLE_FILESIZE_EXCEEDED:
		if (x->capped || rc == CURLE_FILESIZE_EXCEEDED)
			xfer_fail(x, "http-too-large",
				  "'%s' is larger than the limit of %zu bytes (--max-size)",
				  u, o->max_size);
		else if (x->stalled)
			xfer_fail(x, "http-stall",
				  "'%s' sent no data for %ld s (--stall-timeout)", u,
				  o->stall_timeout_s);
		else if (x->hdr_too_big)
			xfer_fail(x, "http-too-large",
				  "the response headers of '%s' exceed %d bytes", u,
				  HEADER_MAX);
		else if (x->nomem)
			xfer_fail(x, "fetch-internal", "out of memory while fetching '%s'", u);
		else
			xfer_fail(x, "http-transfer-failed", "cannot fetch '%s': %s", u,
				  curl_detail(x, rc));
		break;
	case CURLE_OPERATION_TIMEDOUT:
		curl_easy_getinfo(x->easy, CURLINFO_CONNECT_TIME_T, &connected);
		if (connected == 0 && strcmp(x->host, "file:"))
			xfer_fail(x, "http-connect-failed",
				  "cannot connect to '%s' (--connect-timeout %ld s): %s",
				  u, o->connect_timeout_s, curl_detail(x, rc));
		else if (now_ms() >= x->deadline_ms - 100)
			xfer_fail(x, "http-timeout",
				  "'%s' took longer than %ld s (--max-time)", u,
				  o->max_time_s);
		else
			xfer_fail(x, "http-stall",
				  "'%s' sent no data for %ld s (--stall-timeout)", u,
				  o->stall_timeout_s);
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
		xfer_fail(x, "http-connect-failed", "cannot connect to '%s': %s", u,
			  curl_detail(x, rc));
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
		xfer_fail(x, "tls-failed", "TLS failed for '%s': %s", u,
			  curl_detail(x, rc));
		break;
	case CURLE_PARTIAL_FILE:
		xfer_fail(x, "http-truncated",
			  "'%s' ended after %zu bytes, before its announced length: %s",
			  u, x->body.len, curl_detail(x, rc));
		break;
	case CURLE_BAD_CONTENT_ENCODING:
		xfer_fail(x, "http-bad-encoding", "cannot decode the body of '%s': %s",
			  u, curl_detail(x, rc));
		break;
	case CURLE_FILE_COULDNT_READ_FILE:
		xfer_fail(x, "fetch-read-failed", "cannot read '%s': %s", u,
			  curl_detail(x, rc));
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		xfer_fail(x, "fetch-bad-url", "'%s' is not an http, https or file URL: %s",
			  u, curl_detail(x, rc));
		break;
	case CURLE_OUT_OF_MEMORY:
		xfer_fail(x, "fetch-internal", "out of memory while fetching '%s'", u);
		break;
	default:
		xfer_fail(x, "http-transfer-failed", "cannot fetch '%s': %s", u,
			  curl_detail(x, rc));
		break;
	}
}

static int hop_record(struct xfer *x, long status, const char *loc)
{
	struct fetch_hop *nv = realloc(x->r.hops, (x->r.nhops + 1) * sizeof(*nv));
	struct fetch_hop *h;

	if (!nv)
		return -1;
	x->r.hops = nv;
	h = &nv[x->r.nhops];
	h->status = status;
	h->url = strdup(x->url);
	h->location = strdup(loc);
	if (!h->url || !h->location) {
		free(h->url);
		free(h->location);
		return -1;
	}
	x->r.nhops++;
	return 0;
}

/* 1 when url was already visited in this chain (RFC 9110 §15.4: a loop). */
static int hop_seen(const struct xfer *x, const char *url)
{
	size_t i;

	if (!strcmp(x->r.url, url))
		return 1;
	for (i = 0; i < x->r.nhops; i++)
		if (!strcmp(x->r.hops[i].url, url))
			return 1;
	return 0;
}

/*
 * A 3xx response: record the hop and queue the next one.  Returns 1 when x
 * goes on, 0 when it is finished (with an error).
 */
static int hop_redirect(struct ctx *c, struct xfer *x, long status)
{
	char *loc = NULL, *key;
	int bad;

	curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &loc);
	if (!loc) {
		xfer_fail(x, "http-redirect-bad",
			  "'%s' answered %ld without a Location header", x->url, status);
		return 0;
	}
	if (hop_record(x, status, loc) < 0) {
		xfer_fail(x, "fetch-internal", "out of memory");
		return 0;
	}
	if (status == 301 || status == 308)
		ft_diag_add(&x->dl, DIAG_WARNING, "http-permanent-redirect", x->r.url, 0, 0,
			 "'%s' has moved permanently (%ld) to '%s': use that URL instead",
			 x->url, status, loc);
	if (hop_seen(x, loc)) {
		xfer_fail(x, "http-redirect-loop",
			  "redirect loop: '%s' redirects (%ld) back to '%s'", x->url,
			  status, loc);
		return 0;
	}
	if (x->r.nhops > (size_t)c->o.max_redirects) {
		xfer_fail(x, "http-too-many-redirects",
			  "more than %d redirects, the last to '%s'", c->o.max_redirects,
			  loc);
		return 0;
	}
	key = host_key(loc, 0, &bad);
	if (!key) {
		if (bad)
			xfer_fail(x, "http-redirect-bad",
				  "'%s' redirects to '%s', which is not an http or https URL",
				  x->url, loc);
		else
			xfer_fail(x, "fetch-internal", "out of memory");
		return 0;
	}
	free(x->url);
	free(x->host);
	x->host = key;
	if (!(x->url = strdup(loc))) {
		xfer_fail(x, "fetch-internal", "out of memory");
		return 0;
	}
	x->not_before_ms = now_ms();
	return 1;
}

/* HTTP-level findings on a final 2xx response. */
static void http_findings(struct xfer *x)
{
	char *ct = NULL;
	struct curl_header *h;
	int rc;

	curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ct);
	if (!ct) {
		ft_diag_add(&x->dl, DIAG_WARNING, "http-content-type-missing", x->r.url, 0, 0,
			 "'%s' was served without a Content-Type", x->url);
	} else {
		if (!(x->r.content_type = strdup(ct)))
			return;
		rc = fetch_parse_content_type(ct, &x->r.media_type, &x->r.charset);
		if (rc == -1)
			ft_diag_add(&x->dl, DIAG_WARNING, "http-content-type-invalid", x->r.url,
				 0, 0, "malformed Content-Type '%s'", ct);
		if (rc != -2 && x->r.media_type && !fetch_is_feed_type(x->r.media_type))
			ft_diag_add(&x->dl, DIAG_WARNING, "http-content-type-not-feed",
				 x->r.url, 0, 0,
				 "'%s' is not a feed media type: serve application/rss+xml, "
				 "application/atom+xml or application/feed+json",
				 x->r.media_type);
	}
	/* RFC 9110 §8.8.2, §8.8.3 */
	x->r.has_etag = curl_easy_header(x->easy, "ETag", 0, CURLH_HEADER, -1,
					 &h) == CURLHE_OK;
	x->r.has_last_modified = curl_easy_header(x->easy, "Last-Modified", 0,
						  CURLH_HEADER, -1, &h) == CURLHE_OK;
	if (!x->r.has_etag && !x->r.has_last_modified)
		ft_diag_add(&x->dl, DIAG_INFO, "http-no-validators", x->r.url, 0, 0,
			 "neither ETag nor Last-Modified: readers cannot poll "
			 "with conditional requests");
}

/*
 * One request of x ended.  Returns 1 when x was queued again (redirect or
 * retry), 0 when it is finished.
 */
static int hop_done(struct ctx *c, struct xfer *x, CURLcode rc)
{
	long status = 0;
	char *scheme = NULL;
	int is_http;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(x->easy, CURLINFO_SCHEME, &scheme);
	is_http = scheme && strncasecmp(scheme, "http", 4) == 0;
	x->r.status = status;
	if (scheme && !strcasecmp(scheme, "https") && c->o.insecure && !x->r.insecure) {
		x->r.insecure = 1;
		ft_diag_add(&x->dl, DIAG_WARNING, "tls-not-verified", x->r.url, 0, 0,
			 "the certificate of '%s' was not checked (--insecure)", x->url);
	}
	if (rc != CURLE_OK) {
		fail_from_curl(c, x, rc);
		return 0;
	}
	if (!is_http)
		return 0;
	if (status >= 300 && status < 400)
		return hop_redirect(c, x, status);
	if ((status == 429 || status == 503) && x->r.retries < c->o.retries) {
		curl_off_t ra = 0;
		double wait;
		long long at;

		/* libcurl parses both forms of Retry-After (RFC 9110 §10.2.3) */
		curl_easy_getinfo(x->easy, CURLINFO_RETRY_AFTER, &ra);
		wait = ra > 0 ? (double)ra : 1.0;
		at = now_ms() + (long long)(wait * 1000);
		if (wait <= c->o.retry_after_max_s && at < x->deadline_ms) {
			x->r.retries++;
			ft_diag_add(&x->dl, DIAG_INFO, "http-retry", x->r.url, 0, 0,
				 "'%s' answered %ld; retried after %.0f s", x->url,
				 status, wait);
			x->not_before_ms = at;
			return 1;
		}
	}
	if (status >= 400 || status < 200) {
		xfer_fail(x, "http-status", "'%s' answered HTTP status %ld", x->url,
			  status);
		return 0;
	}
	http_findings(x);
	return 0;
}

/* Queue URLs ahead of time and start every queued transfer that may start. */
static int fill(struct ctx *c)
{
	size_t i = 0;
	long long now;

	while (c->next < c->n && c->nwait < (size_t)c->jobs * WAIT_WINDOW) {
		struct xfer *x = xfer_new(c, c->next);

		if (!x)
			return -1;
		c->next++;
		if (x->r.error)
			xfer_finish(c, x);
		else if (wait_push(c, x) < 0) {
			xfer_free(x);
			return -1;
		}
	}
	now = now_ms();
	while (i < c->nwait && c->active < c->jobs) {
		struct xfer *x = c->wait[i];
		struct hostcount *h = host_find(c, x->host);

		if (x->not_before_ms > now || (h && h->n >= FETCH_MAX_PER_HOST)) {
			i++;
			continue;
		}
		memmove(&c->wait[i], &c->wait[i + 1],
			(c->nwait - i - 1) * sizeof(*c->wait));
		c->nwait--;
		if (!x->started) {
			/* --max-time runs from the first request, not the queue */
			x->started = 1;
			x->start_ms = now;
			x->deadline_ms = now + (long long)c->o.max_time_s * 1000;
		}
		if (x->deadline_ms <= now) {
			xfer_fail(x, "http-timeout", "'%s' took longer than %ld s (--max-time)",
				  x->url, c->o.max_time_s);
			xfer_finish(c, x);
		} else if (host_inc(c, x->host) < 0) {
			xfer_fail(x, "fetch-internal", "out of memory");
			xfer_finish(c, x);
		} else if (xfer_start(c, x) < 0) {
			host_dec(c, x->host);
			xfer_fail(x, "fetch-internal", "cannot start a transfer for '%s'",
				  x->url);
			xfer_finish(c, x);
		} else {
			x->slot = (size_t)c->active;
			c->act[c->active++] = x;
		}
	}
	return 0;
}

static void act_remove(struct ctx *c, struct xfer *x)
{
	struct xfer *last = c->act[--c->active];

	c->act[x->slot] = last;
	last->slot = x->slot;
}

static void collect(struct ctx *c)
{
	CURLMsg *m;
	int q;

	while ((m = curl_multi_info_read(c->multi, &q))) {
		struct xfer *x = NULL;

		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &x);
		curl_multi_remove_handle(c->multi, m->easy_handle);
		host_dec(c, x->host);
		act_remove(c, x);
		if (hop_done(c, x, m->data.result)) {
			curl_easy_cleanup(x->easy);
			x->easy = NULL;
			if (wait_push(c, x) < 0) {
				xfer_fail(x, "fetch-internal", "out of memory");
				xfer_finish(c, x);
			}
		} else {
			xfer_finish(c, x);
		}
	}
}

int fetch_many(const char *const *urls, size_t n, int jobs,
	       const struct fetch_opts *o, fetch_done_fn *done, void *ud)
{
	struct ctx c;
	size_t i;
	int ret = -1;

	memset(&c, 0, sizeof(c));
	opts_effective(o, &c.o);
	c.urls = urls;
	c.n = n;
	c.jobs = jobs > 0 ? jobs : FETCH_DEFAULT_JOBS;
	if (c.jobs > 1000)
		c.jobs = 1000;
	c.done = done;
	c.ud = ud;
	if (!(c.hosts = calloc((size_t)c.jobs, sizeof(*c.hosts))) ||
	    !(c.act = calloc((size_t)c.jobs, sizeof(*c.act))))
		goto abort;
	for (i = 0; i < c.o.nheaders; i++) {
		struct curl_slist *s = curl_slist_append(c.headers, c.o.headers[i]);
		if (!s)
			goto abort;
		c.headers = s;
	}
	if (!(c.multi = curl_multi_init()))
		goto abort;
	curl_multi_setopt(c.multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)FETCH_MAX_PER_HOST);
	curl_multi_setopt(c.multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)c.jobs);
	while (c.next < c.n || c.nwait || c.active) {
		int running, timeout = 1000;
		long long now;

		if (fill(&c) < 0)
			goto abort;
		if (curl_multi_perform(c.multi, &running) != CURLM_OK)
			goto abort;
		collect(&c);
		if (fill(&c) < 0)
			goto abort;
		now = now_ms();
		for (i = 0; i < c.nwait; i++) {
			long long d = c.wait[i]->not_before_ms - now;
			if (d < timeout)
				timeout = d < 0 ? 0 : (int)d;
		}
		if (c.next >= c.n && !c.nwait && !c.active)
			break;
		if (c.active || timeout > 0)
			curl_multi_poll(c.multi, NULL, 0, timeout, NULL);
	}
	ret = c.failed;
abort:
	for (i = 0; i < c.nwait; i++)
		xfer_free(c.wait[i]);
	free(c.wait);
	for (i = 0; i < (size_t)c.active; i++) {
		curl_multi_remove_handle(c.multi, c.act[i]->easy);
		xfer_free(c.act[i]);
	}
	free(c.act);
	for (i = 0; i < c.nhosts; i++)
		free(c.hosts[i].key);
	free(c.hosts);
	curl_multi_cleanup(c.multi);
	curl_slist_free_all(c.headers);
	return ret;
}

struct one {
	struct fetch_result *r;
	struct diag_list *dl;
	int ok, called;
};

static void one_done(size_t index, int ok, struct fetch_result *r,
		     struct diag_list *dl, void *ud)
{
	struct one *p = ud;

	(void)index;
	*p->r = *r;
	fetch_result_init(r);
	ft_diag_list_move(p->dl, dl);
	p->ok = ok;
	p->called = 1;
}

int fetch_url(const char *url, const struct fetch_opts *o,
	      struct fetch_result *r, struct diag_list *dl)
{
	struct one p;
	const char *urls[1];

	fetch_result_release(r);
	p.r = r;
	p.dl = dl;
	p.ok = -1;
	p.called = 0;
	urls[0] = url;
	if (fetch_many(urls, 1, 1, o, one_done, &p) < 0 && !p.called) {
		r->error = strdup("out of memory");
		r->error_rule = "fetch-internal";
		ft_diag_add(dl, DIAG_ERROR, "fetch-internal", url, 0, 0,
			 "cannot start fetching '%s'", url ? url : "");
		return -1;
	}
	return p.ok;
}
