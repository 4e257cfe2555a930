/*
 * fetch_response.c - what the end of one request means (fetch.c runs the
 * transfers): a libcurl error becomes the finding for the bound or the
 * failure it stands for, a 3xx is followed one hop at a time, a 429 or 503
 * is retried after Retry-After, and a final 2xx gets its HTTP findings
 * (Content-Type, validators).  See fetch.h for the contract.
 */
#include "fetch_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "buf.h"
#include "content_type.h"
#include "diag.h"
#include "grow.h"

static const char *curl_detail(const struct xfer *x, CURLcode rc)
{
	return x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc);
}

/* the request went out: what failed after it is the response's fault */
static int request_sent(const struct xfer *x)
{
	long sent = 0;

	return curl_easy_getinfo(x->easy, CURLINFO_REQUEST_SIZE, &sent) == CURLE_OK &&
	       sent > 0;
}

/* A transfer ended with a libcurl error: say which bound or failure. */
static void fail_from_curl(struct ctx *c, struct xfer *x, CURLcode rc)
{
	const struct fetch_opts *o = &c->o;
	const char *u = x->url;
	curl_off_t connected = 0;

	if (x->refused[0]) {
		/* fetch_guard.c refused the connection before it was made */
		fetch_fail(x, "fetch-address-refused", "%s", x->refused);
		return;
	}
	switch (rc) {
	case CURLE_WRITE_ERROR:
	case CURLE_ABORTED_BY_CALLBACK:
	case CURLE_FILESIZE_EXCEEDED:
		if (x->bad_length)
			fetch_fail(x, "http-transfer-failed",
				   "'%s' sent two different Content-Length headers (%lld "
				   "and %lld): the length of the body is unknown (RFC 9112 "
				   "§6.3)", u, x->length, x->length2);
		else if (x->capped || rc == CURLE_FILESIZE_EXCEEDED)
			fetch_fail(x, "http-too-large",
				   "'%s' is larger than the limit of %zu bytes (--max-size)",
				   u, o->max_size);
		else if (x->stalled)
			fetch_fail(x, "http-stall",
				   "'%s' sent no data for %ld s (--stall-timeout)", u,
				   o->stall_timeout_s);
		else if (x->hdr_too_big)
			fetch_fail(x, "http-too-large",
				   "the response headers of '%s' exceed %d bytes", u,
				   HEADER_MAX);
		else if (x->nomem)
			fetch_fail(x, "fetch-internal", "out of memory while fetching '%s'", u);
		else
			fetch_fail(x, "http-transfer-failed", "cannot fetch '%s': %s", u,
				   curl_detail(x, rc));
		break;
	case CURLE_OPERATION_TIMEDOUT:
		curl_easy_getinfo(x->easy, CURLINFO_CONNECT_TIME_T, &connected);
		if (connected == 0 && strcmp(x->host, "file:"))
			fetch_fail(x, "http-connect-failed",
				   "cannot connect to '%s' (--connect-timeout %ld s): %s",
				   u, o->connect_timeout_s, curl_detail(x, rc));
		else if (now_ms() >= x->deadline_ms - 100)
			fetch_fail(x, "http-timeout",
				   "'%s' took longer than %ld s (--max-time)", u,
				   o->max_time_s);
		else
			fetch_fail(x, "http-stall",
				   "'%s' sent no data for %ld s (--stall-timeout)", u,
				   o->stall_timeout_s);
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
		fetch_fail(x, "http-connect-failed", "cannot connect to '%s': %s", u,
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
		fetch_fail(x, "tls-failed", "TLS failed for '%s': %s", u,
			   curl_detail(x, rc));
		break;
	case CURLE_PARTIAL_FILE:
		fetch_fail(x, "http-truncated",
			   "'%s' ended after %zu bytes, before its announced length: %s",
			   u, x->body.len, curl_detail(x, rc));
		break;
	case CURLE_BAD_CONTENT_ENCODING:
		fetch_fail(x, "http-bad-encoding", "cannot decode the body of '%s': %s",
			   u, curl_detail(x, rc));
		break;
	case CURLE_FILE_COULDNT_READ_FILE:
		fetch_fail(x, "fetch-read-failed", "cannot read '%s': %s", u,
			   curl_detail(x, rc));
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		if (request_sent(x))
			/* the URL was fine: the answer is not HTTP (HTTP/0.9, bytes) */
			fetch_fail(x, "http-transfer-failed",
				   "'%s' did not answer with an HTTP status line (%s)",
				   u, curl_detail(x, rc));
		else
			fetch_fail(x, "fetch-bad-url",
				   "'%s' is not an http, https or file URL: %s", u,
				   curl_detail(x, rc));
		break;
	case CURLE_OUT_OF_MEMORY:
		if (request_sent(x) && !x->headers_done)
			/* libcurl refuses a header line over CURL_MAX_HTTP_HEADER */
			fetch_fail(x, "http-too-large",
				   "a response header of '%s' is longer than 100 KiB, "
				   "the limit of libcurl", u);
		else
			fetch_fail(x, "fetch-internal", "out of memory while fetching '%s'", u);
		break;
	default:
		fetch_fail(x, "http-transfer-failed", "cannot fetch '%s': %s", u,
			   curl_detail(x, rc));
		break;
	}
}

static int hop_record(struct xfer *x, long status, const char *loc)
{
	struct fetch_hop *nv = ft_reallocarray(x->r.hops, x->r.nhops + 1, sizeof(*nv));
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
		fetch_fail(x, "http-redirect-bad",
			   "'%s' answered %ld without a Location header", x->url, status);
		return 0;
	}
	if (hop_record(x, status, loc) < 0) {
		fetch_fail(x, "fetch-internal", "out of memory");
		return 0;
	}
	if (status == 301 || status == 308)
		ft_diag_add(&x->dl, DIAG_WARNING, "http-permanent-redirect", x->r.url, 0, 0,
			 "'%s' has moved permanently (%ld) to '%s': use that URL instead",
			 x->url, status, loc);
	if (hop_seen(x, loc)) {
		fetch_fail(x, "http-redirect-loop",
			   "redirect loop: '%s' redirects (%ld) back to '%s'", x->url,
			   status, loc);
		return 0;
	}
	if (x->r.nhops > (size_t)c->o.max_redirects) {
		fetch_fail(x, "http-too-many-redirects",
			   "more than %d redirects, the last to '%s'", c->o.max_redirects,
			   loc);
		return 0;
	}
	key = fetch_host_key(loc, 0, &bad);
	if (!key) {
		if (bad)
			fetch_fail(x, "http-redirect-bad",
				   "'%s' redirects to '%s', which is not an http or "
				   "https URL: not followed", x->url, loc);
		else
			fetch_fail(x, "fetch-internal", "out of memory");
		return 0;
	}
	/* from here on the server chose: the address policy judges (addr.h) */
	x->guarded = 1;
	if (fetch_guard_url(x, loc) < 0) {
		free(key);
		return 0;
	}
	free(x->url);
	free(x->host);
	x->host = key;
	if (!(x->url = strdup(loc))) {
		fetch_fail(x, "fetch-internal", "out of memory");
		return 0;
	}
	x->not_before_ms = now_ms();
	return 1;
}

/* RFC 9110 §8.8.2, §8.8.3: the validators of the answer, kept (bounded)
 * for --cache and the audit's conditional request */
static void validators(struct xfer *x)
{
	struct curl_header *h;

	if (curl_easy_header(x->easy, "ETag", 0, CURLH_HEADER, -1, &h) == CURLHE_OK) {
		x->r.has_etag = 1;
		free(x->r.etag);
		x->r.etag = strlen(h->value) < 1024 ? strdup(h->value) : NULL;
	}
	if (curl_easy_header(x->easy, "Last-Modified", 0, CURLH_HEADER, -1,
			     &h) == CURLHE_OK) {
		x->r.has_last_modified = 1;
		free(x->r.last_modified);
		x->r.last_modified = strlen(h->value) < 1024 ? strdup(h->value) : NULL;
	}
}

/* HTTP-level findings on a final 2xx response. */
static void http_findings(struct xfer *x)
{
	char *ct = NULL;

	curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ct);
	if (ct && !(x->r.content_type = strdup(ct)))
		return;
	(void)fetch_type_findings(ct, x->r.url, x->url, &x->r.media_type,
				  &x->r.charset, &x->dl);
	validators(x);
	if (!x->r.has_etag && !x->r.has_last_modified)
		ft_diag_add(&x->dl, DIAG_INFO, "http-no-validators", x->r.url, 0, 0,
			 "neither ETag nor Last-Modified: readers cannot poll "
			 "with conditional requests");
}

/*
 * --check-media, a final 2xx: the type, and the size of the whole file
 * (RFC 9110 section 14.4: Content-Range "bytes 0-1023/5000"; else the
 * Content-Length of a 200).
 */
static void media_findings(struct xfer *x, long status)
{
	char *ct = NULL;
	struct curl_header *h;
	curl_off_t cl = -1;

	curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ct);
	if (ct && (x->r.content_type = strdup(ct)))
		(void)fetch_parse_content_type(ct, &x->r.media_type, &x->r.charset);
	x->r.partial = status == 206;
	if (x->r.partial && curl_easy_header(x->easy, "Content-Range", 0,
					      CURLH_HEADER, -1, &h) == CURLHE_OK) {
		const char *slash = strchr(h->value, '/');
		char *end;
		long long v;
		if (slash && slash[1] >= '0' && slash[1] <= '9') {
			v = strtoll(slash + 1, &end, 10);
			if (v >= 0 && (!*end || *end == ' '))
				x->r.size = v;
		}
	} else if (status == 200 &&
		   curl_easy_getinfo(x->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T,
				     &cl) == CURLE_OK && cl >= 0) {
		x->r.size = (long long)cl;
	}
}

/*
 * A 429 or 503: 1 when it is retried, after *wait seconds.  Retried only
 * as feedcheck.1 says: with a Retry-After (RFC 9110 §10.2.3: delay-seconds
 * or an HTTP-date) of at most retry_after_max_s that ends before
 * --max-time, at most o.retries times; else 0 and why says why not.
 */
static int retry_wait(struct xfer *x, struct ctx *c, char *why, size_t n,
		      double *wait)
{
	struct curl_header *h;
	const char *v;
	long long at;

	if (x->r.retries >= c->o.retries) {
		snprintf(why, n, "the same after %d retries", x->r.retries);
		return 0;
	}
	if (curl_easy_header(x->easy, "Retry-After", 0, CURLH_HEADER, -1, &h) !=
	    CURLHE_OK) {
		snprintf(why, n, "no Retry-After");
		return 0;
	}
	v = h->value;
	if (*v >= '0' && *v <= '9') {
		double d = 0;
		const char *p;
		for (p = v; *p >= '0' && *p <= '9'; p++)
			d = d * 10 + (*p - '0');
		if (*p) {
			snprintf(why, n, "Retry-After '%.60s' is not a number of "
				 "seconds or an HTTP date", v);
			return 0;
		}
		*wait = d;
	} else {
		time_t t = curl_getdate(v, NULL);
		if (t == (time_t)-1) {
			snprintf(why, n, "Retry-After '%.60s' is not a number of "
				 "seconds or an HTTP date", v);
			return 0;
		}
		*wait = difftime(t, time(NULL));
		if (*wait < 0)
			*wait = 0;
	}
	if (*wait > c->o.retry_after_max_s) {
		snprintf(why, n, "Retry-After '%.40s' is over %.0f s", v,
			 c->o.retry_after_max_s);
		return 0;
	}
	at = now_ms() + (long long)(*wait * 1000);
	if (at >= x->deadline_ms) {
		snprintf(why, n, "Retry-After %.0f s would pass --max-time", *wait);
		return 0;
	}
	return 1;
}

/*
 * One request of x ended.  Returns 1 when x was queued again (redirect or
 * retry), 0 when it is finished.
 */
int fetch_hop_done(struct ctx *c, struct xfer *x, CURLcode rc)
{
	long status = 0;
	char *scheme = NULL;
	int is_http;

	if (x->audit == AUDIT_SENT) {
		fetch_audit_done(x, rc);
		return 0;
	}
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(x->easy, CURLINFO_SCHEME, &scheme);
	is_http = scheme && strncasecmp(scheme, "http", 4) == 0;
	x->r.status = status;
	x->r.tls = scheme && !strcasecmp(scheme, "https");
	if (scheme && !strcasecmp(scheme, "https") && c->o.insecure && !x->r.insecure) {
		x->r.insecure = 1;
		ft_diag_add(&x->dl, DIAG_WARNING, "tls-not-verified", x->r.url, 0, 0,
			 "the certificate of '%s' was not checked (--insecure)", x->url);
	}
	/* --check-media: cut on purpose at the bytes wanted */
	if (rc == CURLE_WRITE_ERROR && x->r.cut && !x->nomem)
		rc = CURLE_OK;
	if (rc != CURLE_OK) {
		fail_from_curl(c, x, rc);
		return 0;
	}
	if (!is_http)
		return 0;
	if (!c->o.media && fetch_challenge(x, status))
		return 0;
	/* --cache: the feed is as it was when its validators were kept */
	if (status == 304 && x->cond && (x->cond->etag || x->cond->last_modified)) {
		x->r.not_modified = 1;
		validators(x);
		ft_buf_release(&x->body);
		return 0;
	}
	if (status >= 300 && status < 400)
		return hop_redirect(c, x, status);
	if (status == 429 || status == 503) {
		char why[160];
		double wait;

		if (retry_wait(x, c, why, sizeof(why), &wait)) {
			x->r.retries++;
			ft_diag_add(&x->dl, DIAG_INFO, "http-retry", x->r.url, 0, 0,
				 "'%s' answered %ld; retried after %.0f s", x->url,
				 status, wait);
			x->not_before_ms = now_ms() + (long long)(wait * 1000);
			return 1;
		}
		fetch_fail(x, "http-status", "'%s' answered HTTP status %ld (not "
			   "retried: %s)", x->url, status, why);
		return 0;
	}
	if (status >= 400 || status < 200) {
		fetch_fail(x, "http-status", "'%s' answered HTTP status %ld", x->url,
			   status);
		return 0;
	}
	if (c->o.media) {
		media_findings(x, status);
		return 0;
	}
	http_findings(x);
	return fetch_audit_first(c, x);
}

