/*
 * serve.c - feedcheck --serve [ADDR:]PORT: checks over HTTP, for people
 * (GET /, a form whose answer is the HTML report) and for programs
 * (GET /check?url=U, POST /check with the document as the body: the
 * JSON of --format json, or ?format=), on libmicrohttpd, one thread a
 * connection, so that a slow fetch holds up its own request only.
 *
 * Safe by default, since whoever asks is a stranger: a URL is fetched as
 * a hop of the address policy with no origin (serve_check.c), a
 * request's body is bounded (--max-body: 413), so are the checks at once
 * (--max-checks: 503 and Retry-After beyond, counted from the request's
 * headers, so that a slow upload holds a place too), the connections
 * (per client and in all) and the checks a minute of each client
 * (--rate: 429 and Retry-After; serve_rate.c's table, bounded, is the
 * only memory kept between requests).  Each request is one line on
 * standard error, escaped as every message is.  SIGTERM and SIGINT stop
 * the service: it answers what it has begun and exits 0.
 */
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <microhttpd.h>

#include "buf.h"
#include "diag.h"
#include "fetch.h"

#define FIELD_MAX 8192            /* a form's url or format field */
#define RETRY_BUSY_S "5"          /* Retry-After when every check is taken */
#define CONN_TIMEOUT_S 30u        /* a connection idle this long is closed */
#define RATE_CLIENTS 65536        /* clients the rate table keeps */

struct serve {
	const struct cli *cli;
	pthread_mutex_t lock;
	int checks;                /* running, at most cli->max_checks */
	struct rate_table *rate;   /* NULL: --rate 0 */
	char csp[512];             /* an HTML answer's policy */
};

enum route { R_NONE, R_PAGE, R_CHECK };

/* one request, from its headers to its answer */
struct request {
	double t0;
	char client[INET6_ADDRSTRLEN];
	struct fetch_addr addr;
	int has_addr;
	char method[8];
	char path[256];
	enum route route;
	int slot;                  /* holds one of the --max-checks */
	struct MHD_PostProcessor *pp;
	struct buf body;           /* the document (raw, or a form's field) */
	const char *body_key;      /* the form field it came from */
	struct buf url, format;    /* a form's fields */
	char *filename;            /* an uploaded file's name */
	char *ctype;               /* a raw body's Content-Type */
	int too_big, bad_form;
	const char *why;           /* why the form could not be read */
	unsigned code;             /* the answer's status, for the log */
	const char *verdict;
	char what_url[1024];       /* the URL checked (the log), cut */
	size_t what_len;           /* or the document's size */
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- answers ---- */

static enum MHD_Result answer(struct serve *sv, struct request *rq,
			      struct MHD_Connection *c, unsigned code,
			      const char *type, void *body, size_t len,
			      enum MHD_ResponseMemoryMode mode,
			      const char *h1, const char *v1)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, body, mode);
	enum MHD_Result ok;
	int html = !strncmp(type, "text/html", 9);

	if (!r) {
		if (mode == MHD_RESPMEM_MUST_FREE)
			free(body);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_SECURITY_POLICY,
				html ? sv->csp : PAGE_CSP_OTHER);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	if (h1)
		MHD_add_response_header(r, h1, v1);
	ok = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	rq->code = code;
	return ok;
}

/* a refusal: "feedcheck: error: MESSAGE [rule]", one line of text */
static enum MHD_Result refuse(struct serve *sv, struct request *rq,
			      struct MHD_Connection *c, unsigned code,
			      const char *rule, const char *h1, const char *v1,
			      const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));

static enum MHD_Result refuse(struct serve *sv, struct request *rq,
			      struct MHD_Connection *c, unsigned code,
			      const char *rule, const char *h1, const char *v1,
			      const char *fmt, ...)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	va_list ap;

	if (!fp)
		return MHD_NO;
	va_start(ap, fmt);
	ft_vmessage(fp, "feedcheck", 0, 0, DIAG_ERROR, rule, fmt, ap);
	va_end(ap);
	if (fclose(fp) != 0) {
		free(text);
		return MHD_NO;
	}
	return answer(sv, rq, c, code, "text/plain; charset=utf-8", text, len,
		      MHD_RESPMEM_MUST_FREE, h1, v1);
}

/* ---- the check ---- */

static enum MHD_Result check(struct serve *sv, struct request *rq,
			     struct MHD_Connection *c)
{
	struct serve_ask q;
	struct serve_answer a;
	const char *fmt, *accept, *url;
	char st[4];

	memset(&q, 0, sizeof(q));
	fmt = rq->format.len ? rq->format.data
		: MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "format");
	accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT);
	if (fmt && *fmt)
		q.out = serve_format(fmt);
	else
		q.out = accept && strstr(accept, "text/html") ? OUT_HTML : OUT_JSON;
	if (q.out < 0)
		return refuse(sv, rq, c, MHD_HTTP_BAD_REQUEST, "serve-bad-request",
			      NULL, NULL, "unknown format '%s': text, gcc, json, "
			      "jsonl, junit, sarif, github or html", fmt);
	url = rq->url.len ? rq->url.data
		: MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "url");
	if (url && !*url)
		url = NULL;
	if (url && rq->body.len)
		return refuse(sv, rq, c, MHD_HTTP_BAD_REQUEST, "serve-bad-request",
			      NULL, NULL, "%s", "a URL or a document, not both");
	if (url) {
		q.url = url;
		snprintf(rq->what_url, sizeof(rq->what_url), "%s", url);
	} else if (rq->pp && !rq->body_key) {
		return refuse(sv, rq, c, MHD_HTTP_BAD_REQUEST, "serve-bad-request",
			      NULL, NULL, "%s", "nothing to check: give a URL, "
			      "paste a document or upload a file");
	} else if (!strcmp(rq->method, "POST")) {
		q.doc = (const unsigned char *)rq->body.data;
		q.len = rq->body.len;
		q.content_type = rq->ctype;
		q.name = rq->filename ? rq->filename : "-";
		rq->what_len = rq->body.len;
	} else {
		return refuse(sv, rq, c, MHD_HTTP_BAD_REQUEST, "serve-bad-request",
			      NULL, NULL, "%s", "GET /check needs ?url=URL; "
			      "POST /check takes the document as its body");
	}
	if (serve_check(sv->cli, &q, &a) < 0 || !a.body)
		return refuse(sv, rq, c, MHD_HTTP_INTERNAL_SERVER_ERROR,
			      "fetch-internal", NULL, NULL, "%s", "out of memory");
	rq->verdict = serve_verdict_name(a.verdict);
	snprintf(st, sizeof(st), "%d", a.status);
	/* the body is MHD's from here */
	return answer(sv, rq, c, MHD_HTTP_OK, a.type, a.body, a.len,
		      MHD_RESPMEM_MUST_FREE, "X-Feedcheck-Status", st);
}

/* ---- a form's fields (MHD's post processor) ---- */

static enum MHD_Result field(void *cls, enum MHD_ValueKind kind,
			     const char *key, const char *filename,
			     const char *ctype, const char *enc,
			     const char *data, uint64_t off, size_t size)
{
	struct request *rq = cls;
	struct buf *to = NULL;

	(void)kind;
	(void)ctype;
	(void)enc;
	(void)off;
	if (!strcmp(key, "doc") || !strcmp(key, "file")) {
		if (!size)
			return MHD_YES;
		if (rq->body_key && strcmp(rq->body_key, key)) {
			rq->why = "a document pasted or a file, not both";
			return MHD_NO;
		}
		rq->body_key = !strcmp(key, "doc") ? "doc" : "file";
		if (filename && *filename && !rq->filename &&
		    !(rq->filename = strndup(filename, 255)))
			return MHD_NO;
		to = &rq->body;
	} else if (!strcmp(key, "url")) {
		to = &rq->url;
	} else if (!strcmp(key, "format")) {
		to = &rq->format;
	} else {
		return MHD_YES;        /* a field of no meaning here */
	}
	if (ft_buf_add(to, data, size) < 0) {
		if (to == &rq->body)
			rq->too_big = 1;
		else
			rq->why = "a field is too long";
		return MHD_NO;
	}
	return MHD_YES;
}

/* 1 when the Content-Type is a form's (the page's or curl -F/-d) */
static int is_form(const char *ct)
{
	size_t n;

	if (!ct)
		return 0;
	n = strcspn(ct, "; \t");
	return (n == 19 && !strncasecmp(ct, "multipart/form-data", 19)) ||
	       (n == 33 && !strncasecmp(ct, "application/x-www-form-urlencoded", 33));
}

/* ---- the request's first call: its headers ---- */

static void client_of(struct MHD_Connection *c, struct request *rq)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	size_t len;

	snprintf(rq->client, sizeof(rq->client), "?");
	if (!sa)
		return;
	len = sa->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
					: sizeof(struct sockaddr_in);
	if (addr_from_sockaddr(sa, len, &rq->addr) == 0) {
		rq->has_addr = 1;
		addr_format(&rq->addr, rq->client, sizeof(rq->client));
	}
}

/* take one of the --max-checks: 1, or 0 when all are taken */
static int slot_take(struct serve *sv)
{
	int ok;

	pthread_mutex_lock(&sv->lock);
	ok = sv->checks < sv->cli->max_checks;
	if (ok)
		sv->checks++;
	pthread_mutex_unlock(&sv->lock);
	return ok;
}

static enum MHD_Result start(struct serve *sv, struct request *rq,
			     struct MHD_Connection *c, const char *url)
{
	int get = !strcmp(rq->method, "GET") || !strcmp(rq->method, "HEAD");
	int post = !strcmp(rq->method, "POST");
	const char *cl, *ct;
	long retry;
	char ra[24];

	cl = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "url");
	if (cl)
		snprintf(rq->what_url, sizeof(rq->what_url), "%s", cl);
	rq->route = !strcmp(url, "/") ? R_PAGE : !strcmp(url, "/check") ? R_CHECK
									: R_NONE;
	if (rq->route == R_NONE)
		return refuse(sv, rq, c, MHD_HTTP_NOT_FOUND, "serve-not-found", NULL,
			      NULL, "%s", "no such page: / is the form, /check "
			      "the checks");
	if (!get && !(post && rq->route == R_CHECK))
		return refuse(sv, rq, c, MHD_HTTP_METHOD_NOT_ALLOWED,
			      "serve-bad-method", MHD_HTTP_HEADER_ALLOW,
			      rq->route == R_PAGE ? "GET, HEAD" : "GET, HEAD, POST",
			      "%s is not a method of %s", rq->method, url);
	if (rq->route == R_PAGE) {
		size_t len;
		const char *p = page_form(&len);
		return answer(sv, rq, c, MHD_HTTP_OK, "text/html; charset=utf-8",
			      (void *)p, len, MHD_RESPMEM_PERSISTENT, NULL, NULL);
	}
	if (sv->rate && rq->has_addr && !rate_take(sv->rate, &rq->addr, now_s(), &retry)) {
		snprintf(ra, sizeof(ra), "%ld", retry);
		return refuse(sv, rq, c, MHD_HTTP_TOO_MANY_REQUESTS, "serve-rate",
			      MHD_HTTP_HEADER_RETRY_AFTER, ra, "more than %ld "
			      "checks a minute from %s: try again in %ld s",
			      sv->cli->rate, rq->client, retry);
	}
	cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
					 MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (post && cl && strtoull(cl, NULL, 10) > sv->cli->max_body)
		return refuse(sv, rq, c, MHD_HTTP_CONTENT_TOO_LARGE, "serve-too-large",
			      NULL, NULL, "the document is larger than %zu bytes "
			      "(--max-body)", sv->cli->max_body);
	if (!slot_take(sv))
		return refuse(sv, rq, c, MHD_HTTP_SERVICE_UNAVAILABLE, "serve-busy",
			      MHD_HTTP_HEADER_RETRY_AFTER, RETRY_BUSY_S,
			      "%d checks are running (--max-checks): try again "
			      "in a few seconds", sv->cli->max_checks);
	rq->slot = 1;
	if (get)
		return check(sv, rq, c);
	ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
					 MHD_HTTP_HEADER_CONTENT_TYPE);
	if (is_form(ct)) {
		rq->pp = MHD_create_post_processor(c, 65536, field, rq);
		if (!rq->pp)
			return refuse(sv, rq, c, MHD_HTTP_BAD_REQUEST,
				      "serve-bad-request", NULL, NULL, "%s",
				      "a form that cannot be read (a multipart "
				      "form needs its boundary)");
	} else if (ct && !(rq->ctype = strndup(ct, 1024))) {
		return MHD_NO;
	}
	return MHD_YES;
}

/* ---- libmicrohttpd's callbacks ---- */

static enum MHD_Result handle(void *cls, struct MHD_Connection *c,
			      const char *url, const char *method,
			      const char *version, const char *upload,
			      size_t *upload_size, void **con_cls)
{
	struct serve *sv = cls;
	struct request *rq = *con_cls;

	(void)version;
	if (!rq) {
		if (!(rq = calloc(1, sizeof(*rq))))
			return MHD_NO;
		*con_cls = rq;
		rq->t0 = now_s();
		snprintf(rq->method, sizeof(rq->method), "%s", method);
		snprintf(rq->path, sizeof(rq->path), "%s", url);
		ft_buf_init(&rq->body, sv->cli->max_body);
		ft_buf_init(&rq->url, FIELD_MAX);
		ft_buf_init(&rq->format, 64);
		client_of(c, rq);
		return start(sv, rq, c, url);
	}
	if (*upload_size) {
		/* a body's piece: kept up to --max-body, the rest read and
		 * dropped, the answer given when it has all come */
		if (rq->too_big || rq->bad_form)
			;
		else if (rq->pp)
			rq->bad_form = MHD_post_process(rq->pp, upload, *upload_size)
				       != MHD_YES && !rq->too_big;
		else if (ft_buf_add(&rq->body, upload, *upload_size) < 0)
			rq->too_big = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	if (rq->code)
		return MHD_YES;        /* answered already */
	if (rq->too_big)
		return refuse(sv, rq, c, MHD_HTTP_CONTENT_TOO_LARGE, "serve-too-large",
			      NULL, NULL, "the document is larger than %zu bytes "
			      "(--max-body)", sv->cli->max_body);
	if (rq->bad_form)
		return refuse(sv, rq, c, MHD_HTTP_BAD_REQUEST, "serve-bad-request",
			      NULL, NULL, "%s", rq->why ? rq->why
			      : "a form that cannot be read");
	return check(sv, rq, c);
}

/* the request is over: its line in the log, its place and memory freed */
static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
		      enum MHD_RequestTerminationCode why)
{
	struct serve *sv = cls;
	struct request *rq = *con_cls;
	struct buf line = BUF_INIT(8192);

	(void)c;
	if (!rq)
		return;
	*con_cls = NULL;
	ft_buf_adds(&line, "feedcheck: serve: ");
	ft_buf_add_escaped(&line, rq->client);
	ft_buf_adds(&line, " ");
	ft_buf_add_escaped(&line, rq->method);
	ft_buf_adds(&line, " ");
	ft_buf_add_escaped(&line, rq->path);
	if (rq->what_url[0]) {
		ft_buf_adds(&line, " url=");
		ft_buf_add_escaped(&line, rq->what_url);
	} else if (rq->route == R_CHECK && !strcmp(rq->method, "POST")) {
		ft_buf_addf(&line, " %zu bytes", rq->too_big ? (size_t)0 : rq->body.len);
	}
	ft_buf_addf(&line, " %u %s %.1f ms%s\n", rq->code ? rq->code : 0,
		    rq->verdict ? rq->verdict : "-", (now_s() - rq->t0) * 1000.0,
		    why == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (not sent)");
	if (line.data) {
		flockfile(stderr);
		fwrite(line.data, 1, line.len, stderr);
		fflush(stderr);
		funlockfile(stderr);
	}
	ft_buf_release(&line);
	if (rq->slot) {
		pthread_mutex_lock(&sv->lock);
		sv->checks--;
		pthread_mutex_unlock(&sv->lock);
	}
	if (rq->pp)
		MHD_destroy_post_processor(rq->pp);
	ft_buf_release(&rq->body);
	ft_buf_release(&rq->url);
	ft_buf_release(&rq->format);
	free(rq->filename);
	free(rq->ctype);
	free(rq);
}

/* libmicrohttpd's own messages, in the form of every other */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[1024];
	size_t n;

	(void)cls;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n && msg[n - 1] == '\n')
		msg[--n] = '\0';
	ft_message(stderr, "feedcheck", 0, 0, DIAG_WARNING, "serve-http", "%s", msg);
}

/* ---- the service ---- */

/* "PORT", "ADDR:PORT", "[ADDR6]:PORT" into ss; 0, or -1 */
static int parse_listen(const char *s, struct sockaddr_storage *ss)
{
	char host[INET6_ADDRSTRLEN + 2] = "127.0.0.1";
	const char *port = s, *colon;
	char *end;
	unsigned long p;
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
	size_t n;

	memset(ss, 0, sizeof(*ss));
	if (*s == '[') {
		if (!(colon = strstr(s, "]:")) || (n = (size_t)(colon - s - 1)) >= sizeof(host))
			return -1;
		memcpy(host, s + 1, n);
		host[n] = '\0';
		port = colon + 2;
	} else if ((colon = strrchr(s, ':'))) {
		if ((n = (size_t)(colon - s)) >= sizeof(host) || memchr(s, ':', n))
			return -1;
		memcpy(host, s, n);
		host[n] = '\0';
		port = colon + 1;
	}
	errno = 0;
	p = strtoul(port, &end, 10);
	if (errno || end == port || *end || p > 65535 || *port == '-')
		return -1;
	if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)p);
		return 0;
	}
	if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)p);
		return 0;
	}
	return -1;
}

int serve_main(const struct cli *cli)
{
	struct serve sv;
	struct sockaddr_storage ss;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	sigset_t stop;
	char host[INET6_ADDRSTRLEN];
	unsigned per_ip = (unsigned)cli->max_checks * 2u + 8u;
	unsigned conns = (unsigned)cli->max_checks * 4u + 16u;
	int sig = 0, v6;

	if (parse_listen(cli->serve, &ss) < 0)
		return cli_usage_error("--serve takes [ADDR:]PORT (an IP address "
				       "and a port: 8080, 127.0.0.1:8080, "
				       "[::1]:8080), not '%s'", cli->serve);
	v6 = ss.ss_family == AF_INET6;
	memset(&sv, 0, sizeof(sv));
	sv.cli = cli;
	if (page_csp(sv.csp, sizeof(sv.csp)) < 0 ||
	    pthread_mutex_init(&sv.lock, NULL) ||
	    (cli->rate && !(sv.rate = rate_new(cli->rate, RATE_CLIENTS)))) {
		cli_error("fetch-internal", "%s", "out of memory");
		return 3;
	}
	/* what the threads share is made before there are threads: libxml2,
	 * libcurl, jansson's hash seed, the locale of terminal widths */
	xmlInitParser();
	json_object_seed(0);
	cli_cp_width(0x4E00);
	if (fetch_global_init() < 0) {
		cli_error("fetch-internal", "%s", "libcurl cannot start");
		rate_free(sv.rate);
		return 3;
	}
	/* the signals that stop the service come to this thread alone */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION |
			     MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
			     MHD_USE_ITC | (v6 ? MHD_USE_IPv6 : 0),
			     0, NULL, NULL, handle, &sv,
			     MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
			     MHD_OPTION_CONNECTION_LIMIT, conns,
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_ip,
			     MHD_OPTION_CONNECTION_TIMEOUT, CONN_TIMEOUT_S,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
			     MHD_OPTION_NOTIFY_COMPLETED, completed, &sv,
			     MHD_OPTION_END);
	if (!d) {
		cli_error("serve-listen", "cannot serve on '%s': %s", cli->serve,
			  errno ? strerror(errno) : "libmicrohttpd failed");
		fetch_global_cleanup();
		rate_free(sv.rate);
		return 3;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	if (v6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host,
			  sizeof(host));
	else
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host,
			  sizeof(host));
	fprintf(stderr, "feedcheck: serving on http://%s%s%s:%u/ (%d checks at "
		"once, %ld a minute a client%s)\n", v6 ? "[" : "", host, v6 ? "]" : "",
		info ? (unsigned)info->port : 0u, cli->max_checks, cli->rate,
		cli->fo.allow_private ? ", private addresses allowed" : "");
	fflush(stderr);
	while (sigwait(&stop, &sig) != 0)
		;
	fprintf(stderr, "feedcheck: serve: %s: stopping\n",
		sig == SIGTERM ? "SIGTERM" : "SIGINT");
	MHD_stop_daemon(d);
	fetch_global_cleanup();
	xmlCleanupParser();
	rate_free(sv.rate);
	pthread_mutex_destroy(&sv.lock);
	return 0;
}
