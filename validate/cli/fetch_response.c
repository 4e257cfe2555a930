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

#include "buf.h"
#include "content_type.h"
#include "diag.h"

void fetch_fail(struct xfer *x, const char *rule, const char *fmt, ...)
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
		fetch_fail(x, "fetch-bad-url", "'%s' is not an http, https or file URL: %s",
			   u, curl_detail(x, rc));
		break;
	case CURLE_OUT_OF_MEMORY:
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
				   "'%s' redirects to '%s', which is not an http or https URL",
				   x->url, loc);
		else
			fetch_fail(x, "fetch-internal", "out of memory");
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
int fetch_hop_done(struct ctx *c, struct xfer *x, CURLcode rc)
{
	long status = 0;
	char *scheme = NULL;
	int is_http;

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
		fetch_fail(x, "http-status", "'%s' answered HTTP status %ld", x->url,
			   status);
		return 0;
	}
	http_findings(x);
	return 0;
}

