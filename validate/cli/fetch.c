/*
 * fetch.c - http, https and file fetching with libcurl: the options and
 * the result, one transfer (its easy handle, callbacks and bounds), the
 * per-host limit and the multi interface loop that one URL or thousands
 * go through.  What a finished request means is fetch_response.c, the
 * address policy at connect time fetch_guard.c; the three (and
 * fetch_int.h) are the only libcurl code of feedcheck.  See fetch.h for
 * the contract.
 */
#include "fetch_int.h"

#include <curl/curl.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "diag.h"
#include "grow.h"

#ifndef FEED_VERSION
#define FEED_VERSION "unknown"
#endif

#define WAIT_WINDOW 16            /* URLs queued per job, ahead of time */

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
	free(r->trace);
	free(r->etag);
	free(r->last_modified);
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

char *fetch_resolve(const char *base, const char *ref)
{
	CURLU *u = curl_url();
	char *out = NULL, *s = NULL;

	if (!u || !ref)
		goto abort;
	if (base && curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_URL, ref, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &s, 0) == CURLUE_OK) {
		out = strdup(s);
		goto abort;
	}
	curl_url_cleanup(u);
	if (!(u = curl_url()))
		goto abort;
	if (curl_url_set(u, CURLUPART_URL, ref, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &s, 0) == CURLUE_OK)
		out = strdup(s);
abort:
	curl_free(s);
	curl_url_cleanup(u);
	return out;
}

/* -------------------------------------------------------------- transfers */

char *fetch_file_path(const char *url, int *bad)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *path = NULL, *out = NULL;

	*bad = 0;
	if (!u)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    strcasecmp(scheme, "file") ||
	    curl_url_get(u, CURLUPART_PATH, &path, CURLU_URLDECODE) != CURLUE_OK) {
		*bad = 1;
		goto abort;
	}
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && host[0] &&
	    strcasecmp(host, "localhost")) {
		*bad = 1;
		goto abort;
	}
	out = strdup(path);
abort:
	curl_free(scheme);
	curl_free(host);
	curl_free(path);
	curl_url_cleanup(u);
	return out;
}

static size_t write_cb(char *p, size_t size, size_t nmemb, void *ud)
{
	struct xfer *x = ud;
	size_t n = size * nmemb;

	/* the audit's request: a body means the server sent the feed again,
	 * which is all the audit needs to know (fetch_audit.c) */
	if (x->audit == AUDIT_SENT)
		return 0;
	/* --check-media: what is past the bytes wanted is not read */
	if (x->keep && x->body.len + n > x->keep) {
		size_t room = x->keep - x->body.len;
		if (room && ft_buf_add(&x->body, p, room) < 0)
			x->nomem = 1;
		x->r.cut = 1;
		return 0;
	}
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

/* a header line's value as a number, or -1 (Content-Length: 1*DIGIT) */
static long long header_number(const char *p, size_t n)
{
	long long v = 0;
	size_t i = 0;

	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (i == n || p[i] < '0' || p[i] > '9')
		return -1;
	for (; i < n && p[i] >= '0' && p[i] <= '9'; i++) {
		if (v > (LLONG_MAX - 9) / 10)
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	return i == n ? v : -1;
}

static size_t header_cb(char *p, size_t size, size_t nmemb, void *ud)
{
	struct xfer *x = ud;
	size_t n = size * nmemb;

	x->hdr_bytes += n;
	if (x->hdr_bytes > HEADER_MAX) {
		x->hdr_too_big = 1;
		return 0;
	}
	if (n >= 5 && !strncmp(p, "HTTP/", 5)) {
		/* a new response (a 1xx, a redirect, a retry): its own headers */
		x->length = -1;
		x->headers_done = 0;
	} else if (n <= 2 && (p[0] == '\r' || p[0] == '\n')) {
		x->headers_done = 1;
	} else if (n > 15 && !strncasecmp(p, "content-length:", 15)) {
		/* RFC 9112 §6.3: differing lengths are an unrecoverable error */
		long long v = header_number(p + 15, n - 15);
		if (x->length >= 0 && v != x->length) {
			x->bad_length = 1;
			x->length2 = v;
			return 0;
		}
		x->length = v;
	}
	return n;
}

/* -v: one block of the exchange, each line with its prefix, escaped */
static int debug_cb(CURL *e, curl_infotype type, char *data, size_t size,
		    void *ud)
{
	struct xfer *x = ud;
	const char *pre;
	size_t i = 0;

	(void)e;
	switch (type) {
	case CURLINFO_TEXT: pre = "* "; break;
	case CURLINFO_HEADER_OUT: pre = "> "; break;
	case CURLINFO_HEADER_IN: pre = "< "; break;
	default: return 0;
	}
	if (x->trace.len >= TRACE_MAX)
		return 0;
	while (i < size) {
		size_t k = i;
		while (k < size && data[k] != '\n')
			k++;
		if (k > i || (k < size && type != CURLINFO_HEADER_OUT)) {
			size_t j;
			ft_buf_adds(&x->trace, pre);
			for (j = i; j < k; j++) {
				unsigned char c = (unsigned char)data[j];
				if (c == '\r' && j + 1 == k)
					break;
				if (c < 0x20 || c == 0x7F)
					ft_buf_addf(&x->trace, "\\x%02x", c);
				else
					ft_buf_addc(&x->trace, c);
			}
			ft_buf_addc(&x->trace, '\n');
		}
		i = k + 1;
		if (x->trace.len >= TRACE_MAX) {
			ft_buf_adds(&x->trace, "* (the rest of this exchange is not shown)\n");
			break;
		}
	}
	return 0;
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
	 * The stall timer: no byte of the body or of the headers for
	 * stall_ms.  This callback runs at least once a second even when
	 * nothing arrives (libcurl's LOW_SPEED_* average the speed over
	 * seconds, so a byte a second looked like a stall).
	 */
	if (dlnow != x->last_dl || x->hdr_bytes != x->last_hdr) {
		x->last_dl = dlnow;
		x->last_hdr = x->hdr_bytes;
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
	struct curl_slist *hl;
	CURL *e;

	if (left < 1)
		left = 1;
	if (conn > left)
		conn = left;
	ft_buf_release(&x->body);
	x->hdr_bytes = 0;
	x->capped = x->hdr_too_big = x->nomem = x->stalled = 0;
	x->keep = o->keep;
	x->r.cut = 0;
	x->headers_done = x->bad_length = 0;
	x->length = -1;
	x->last_dl = 0;
	x->last_hdr = 0;
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
	if (fetch_cond_headers(c, x, &hl) < 0)
		goto abort;
	if (hl)
		SET(CURLOPT_HTTPHEADER, hl);
	SET(CURLOPT_CONNECTTIMEOUT_MS, (long)conn);
	SET(CURLOPT_TIMEOUT_MS, (long)left);
	SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_size);
	SET(CURLOPT_WRITEFUNCTION, write_cb);
	SET(CURLOPT_WRITEDATA, (void *)x);
	SET(CURLOPT_HEADERFUNCTION, header_cb);
	SET(CURLOPT_HEADERDATA, (void *)x);
	SET(CURLOPT_XFERINFOFUNCTION, xferinfo_cb);
	SET(CURLOPT_XFERINFODATA, (void *)x);
	SET(CURLOPT_NOPROGRESS, 0L);
	if (o->range)
		SET(CURLOPT_RANGE, o->range);
	if (o->trace) {
		SET(CURLOPT_DEBUGFUNCTION, debug_cb);
		SET(CURLOPT_DEBUGDATA, (void *)x);
		SET(CURLOPT_VERBOSE, 1L);
	}
	if (o->cacert)
		SET(CURLOPT_CAINFO, o->cacert);
	if (o->insecure) {
		SET(CURLOPT_SSL_VERIFYPEER, 0L);
		SET(CURLOPT_SSL_VERIFYHOST, 0L);
	}
	if (fetch_guard_setup(x, e) < 0)
		goto abort;
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

/*
 * --per-host-delay: when the host key may start its next request (0: at
 * once).  Hosts whose delay is over are forgotten on the way, so the list
 * holds only those asked within the last delay.
 */
static long long host_free_at(struct ctx *c, const char *key, long long now)
{
	long long d = c->o.per_host_delay_ms;
	size_t i = 0;

	if (d <= 0)
		return 0;
	while (i < c->nlast) {
		if (c->last[i].ms + d <= now) {
			free(c->last[i].key);
			c->last[i] = c->last[--c->nlast];
		} else if (!strcmp(c->last[i].key, key)) {
			return c->last[i].ms + d;
		} else {
			i++;
		}
	}
	return 0;
}

/* a request to key starts now (--per-host-delay); -1 when out of memory */
static int host_started(struct ctx *c, const char *key, long long now)
{
	size_t i;
	struct hostlast *nv;

	if (c->o.per_host_delay_ms <= 0)
		return 0;
	for (i = 0; i < c->nlast; i++)
		if (!strcmp(c->last[i].key, key)) {
			c->last[i].ms = now;
			return 0;
		}
	if (!(nv = ft_grow(c->last, &c->alast, c->nlast + 1, sizeof(*nv))))
		return -1;
	c->last = nv;
	if (!(nv[c->nlast].key = strdup(key)))
		return -1;
	nv[c->nlast++].ms = now;
	return 0;
}

static void xfer_free(struct xfer *x)
{
	if (x->easy)
		curl_easy_cleanup(x->easy);
	fetch_result_release(&x->r);
	ft_diag_list_release(&x->dl);
	ft_buf_release(&x->body);
	ft_buf_release(&x->kept);
	ft_buf_release(&x->trace);
	curl_slist_free_all(x->hdrs);
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
			fetch_fail(x, "fetch-internal", "out of memory");
			ok = -1;
		}
	}
	if (ok < 0)
		c->failed++;
	if (x->trace.len)
		x->r.trace = ft_buf_detach(&x->trace);
	x->r.origin = x->origin;
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
	x->r.size = -1;
	ft_diag_list_init(&x->dl);
	ft_buf_init(&x->body, c->o.max_size);
	ft_buf_init(&x->trace, TRACE_MAX + 4096);
	x->start_ms = x->not_before_ms = now_ms();
	if (!(x->r.url = strdup(url ? url : "")) || !(x->url = strdup(x->r.url))) {
		xfer_free(x);
		return NULL;
	}
	/* a hop from its first request (addr.h): judged, http and https only */
	x->guarded = c->o.guard;
	x->allow_private = c->o.allow_private;
	if (c->o.cond && !c->o.guard)
		x->cond = &c->o.cond[index];
	if (c->o.origin)
		x->origin = *c->o.origin;
	if (x->guarded && fetch_guard_url(x, x->url) < 0)
		return x;
	x->host = fetch_host_key(x->url, !x->guarded, &bad);
	if (!x->host && !bad) {
		xfer_free(x);
		return NULL;
	}
	if (bad)
		fetch_fail(x, "fetch-bad-url", "'%s' is not an http, https or file URL",
			   x->url);
	return x;
}

static int wait_push(struct ctx *c, struct xfer *x)
{
	if (c->nwait == c->await) {
		struct xfer **nv = ft_grow(c->wait, &c->await, c->nwait + 1,
					   sizeof(*nv));
		if (!nv)
			return -1;
		c->wait = nv;
	}
	c->wait[c->nwait++] = x;
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
	c->due_ms = 0;
	while (i < c->nwait && c->active < c->jobs) {
		struct xfer *x = c->wait[i];
		struct hostcount *h = host_find(c, x->host);
		long long free_at = host_free_at(c, x->host, now);

		if (x->not_before_ms > now || (h && h->n >= FETCH_MAX_PER_HOST) ||
		    free_at > now) {
			if (free_at > now && (!c->due_ms || free_at < c->due_ms))
				c->due_ms = free_at;
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
			fetch_fail(x, "http-timeout", "'%s' took longer than %ld s (--max-time)",
				   x->url, c->o.max_time_s);
			xfer_finish(c, x);
		} else if (host_started(c, x->host, now) < 0 ||
			   host_inc(c, x->host) < 0) {
			fetch_fail(x, "fetch-internal", "out of memory");
			xfer_finish(c, x);
		} else if (xfer_start(c, x) < 0) {
			host_dec(c, x->host);
			fetch_fail(x, "fetch-internal", "cannot start a transfer for '%s'",
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
		if (fetch_hop_done(c, x, m->data.result)) {
			curl_easy_cleanup(x->easy);
			x->easy = NULL;
			if (wait_push(c, x) < 0) {
				fetch_fail(x, "fetch-internal", "out of memory");
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

		if (c.o.cancel && *c.o.cancel)
			goto abort;
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
		/* a host held back by --per-host-delay: wake when it is free */
		if (c.due_ms && c.due_ms - now < timeout)
			timeout = c.due_ms - now < 0 ? 0 : (int)(c.due_ms - now);
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
	for (i = 0; i < c.nlast; i++)
		free(c.last[i].key);
	free(c.last);
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
