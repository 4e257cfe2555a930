/*
 * The fetcher against tests/http/server.py on 127.0.0.1: statuses, rule
 * ids, redirect hops, retries, and that the time and size bounds hold.
 * Run from the repository root (make check does).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "content_type.h"
#include "fetch.h"
#include "test.h"

#define SERVER "tests/http/server.py"
#define MB ((size_t)1 << 20)

static pid_t server_pid = -1;
static char tmpdir[64], portfile[128];
static int http_port, https_port;
static char cert[512];

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int read_portfile(void)
{
	FILE *fp = fopen(portfile, "r");
	int ok;

	if (!fp)
		return -1;
	cert[0] = '\0';
	ok = fscanf(fp, "%d %d", &http_port, &https_port) == 2;
	if (ok && https_port > 0 && fscanf(fp, "%511s", cert) != 1)
		https_port = 0;
	fclose(fp);
	return ok ? 0 : -1;
}

static int start_server(void)
{
	double until;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_fetch.XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(portfile, sizeof(portfile), "%s/port", tmpdir);
	server_pid = fork();
	if (server_pid < 0)
		return -1;
	if (server_pid == 0) {
		execlp("python3", "python3", SERVER, portfile, "--lifetime", "120",
		       (char *)NULL);
		_exit(127);
	}
	/* the server writes the file only once it listens */
	for (until = now_s() + 30; now_s() < until;) {
		int st;

		if (read_portfile() == 0)
			return 0;
		if (waitpid(server_pid, &st, WNOHANG) == server_pid) {
			server_pid = -1;
			return -1;
		}
		usleep(50000);
	}
	return -1;
}

static void stop_server(void)
{
	if (server_pid > 0) {
		kill(server_pid, SIGTERM);
		waitpid(server_pid, NULL, 0);
		server_pid = -1;
	}
	unlink(portfile);
}

static const char *url(const char *path)
{
	static char b[4][256];
	static int i;

	i = (i + 1) % 4;
	snprintf(b[i], sizeof(b[i]), "http://127.0.0.1:%d%s", http_port, path);
	return b[i];
}

static int has_rule(const struct diag_list *dl, const char *rule)
{
	size_t i, n = 0;

	for (i = 0; i < dl->n; i++)
		if (!strcmp(dl->v[i].rule, rule))
			n++;
	return (int)n;
}

/* Each word of the space-separated list is a rule dl holds. */
static int has_rules(const struct diag_list *dl, const char *rules)
{
	char tmp[256], *w, *save = NULL;

	snprintf(tmp, sizeof(tmp), "%s", rules);
	for (w = strtok_r(tmp, " ", &save); w; w = strtok_r(NULL, " ", &save))
		if (!has_rule(dl, w))
			return 0;
	return 1;
}

static void dump(const struct diag_list *dl)
{
	size_t i;

	for (i = 0; i < dl->n; i++)
		printf("#   [%s] %s\n", dl->v[i].rule, dl->v[i].message);
}

struct fcase {
	const char *path;
	int ret;              /* fetch_url's return */
	long status;
	const char *rules;    /* all must be reported */
	const char *media, *charset;   /* expected, NULL: not set */
	size_t hops;
	long max_time, stall; /* 0: defaults */
	size_t max_size;
	double max_seconds;   /* a bound, not a benchmark */
};

static const struct fcase cases[] = {
	{ "/feed/utf8", 0, 200, "", "application/rss+xml", "utf-8", 0, 0, 0, 0, 10 },
	{ "/feed/quoted", 0, 200, "", "application/rss+xml", "utf-8", 0, 0, 0, 0, 10 },
	{ "/feed/novalidators", 0, 200, "http-no-validators", "application/rss+xml",
	  NULL, 0, 0, 0, 0, 10 },
	{ "/feed/html", 0, 200, "http-content-type-not-feed", "text/html", "utf-8",
	  0, 0, 0, 0, 10 },
	{ "/feed/notype", 0, 200, "http-content-type-missing", NULL, NULL, 0, 0, 0, 0, 10 },
	{ "/enc/utf8-as-gbk", 0, 200, "", "application/rss+xml", "gbk", 0, 0, 0, 0, 10 },
	{ "/enc/gb2312-label-gbk", 0, 200, "", "application/xml", "gb2312", 0, 0, 0, 0, 10 },
	{ "/enc/cp1252-as-latin1", 0, 200, "", "application/rss+xml", "iso-8859-1",
	  0, 0, 0, 0, 10 },
	{ "/enc/double-utf8", 0, 200, "", "application/rss+xml", "utf-8", 0, 0, 0, 0, 10 },
	{ "/enc/textxml-nocharset", 0, 200, "", "text/xml", NULL, 0, 0, 0, 0, 10 },
	{ "/enc/bom-conflict", 0, 200, "", "application/rss+xml", "iso-8859-1",
	  0, 0, 0, 0, 10 },
	{ "/gzip", 0, 200, "", "application/rss+xml", NULL, 0, 0, 0, 0, 10 },
	{ "/redir/a", 0, 200, "http-permanent-redirect", "application/rss+xml", NULL,
	  2, 0, 0, 0, 10 },
	{ "/redir/perm308", 0, 200, "http-permanent-redirect", "application/rss+xml",
	  "utf-8", 1, 0, 0, 0, 10 },
	{ "/redir/nolocation", -1, 302, "http-redirect-bad", NULL, NULL, 0, 0, 0, 0, 10 },
	{ "/redir/tofile", -1, 302, "http-redirect-bad", NULL, NULL, 1, 0, 0, 0, 10 },
	{ "/loop/a", -1, 302, "http-redirect-loop", NULL, NULL, 2, 0, 0, 0, 10 },
	{ "/many/0", -1, 302, "http-too-many-redirects", NULL, NULL, 11, 0, 0, 0, 10 },
	{ "/status/404", -1, 404, "http-status", NULL, NULL, 0, 0, 0, 0, 10 },
	{ "/status/500", -1, 500, "http-status", NULL, NULL, 0, 0, 0, 0, 10 },
	{ "/retry-long", -1, 503, "http-status", NULL, NULL, 0, 0, 0, 0, 10 },
	{ "/retry-forever", -1, 429, "http-retry http-status", NULL, NULL, 0, 0, 0, 0, 10 },
	{ "/stall", -1, 200, "http-stall", NULL, NULL, 0, 30, 2, 0, 2 + 5 },
	{ "/drip", -1, 200, "http-timeout", NULL, NULL, 0, 3, 2, 0, 3 + 5 },
	{ "/endless", -1, 200, "http-too-large", NULL, NULL, 0, 0, 0, MB, 10 },
	{ "/big-announced", -1, 200, "http-too-large", NULL, NULL, 0, 0, 0, MB, 10 },
	{ "/bomb", -1, 200, "http-too-large", NULL, NULL, 0, 0, 0, MB, 10 },
	{ "/badlength", -1, 200, "http-truncated", NULL, NULL, 0, 0, 0, 0, 10 },
};

static void run_case(const struct fcase *c)
{
	struct fetch_opts o;
	struct fetch_result r;
	struct diag_list dl;
	double t0, dt;
	int ret;

	fetch_opts_init(&o);
	if (c->max_time)
		o.max_time_s = c->max_time;
	if (c->stall)
		o.stall_timeout_s = c->stall;
	if (c->max_size)
		o.max_size = c->max_size;
	fetch_result_init(&r);
	ft_diag_list_init(&dl);
	t0 = now_s();
	ret = fetch_url(url(c->path), &o, &r, &dl);
	dt = now_s() - t0;
	CHECK_INT(ret, c->ret, c->path);
	CHECK_INT(r.status, c->status, "status");
	CHECK(has_rules(&dl, c->rules), "%s reports '%s'", c->path, c->rules);
	if (!has_rules(&dl, c->rules))
		dump(&dl);
	CHECK((ret < 0) == (r.error != NULL) && (ret < 0) == (r.error_rule != NULL),
	      "%s: error set exactly on failure", c->path);
	if (ret < 0)
		CHECK(has_rule(&dl, r.error_rule) == 1, "%s: the failure is one diagnostic",
		      c->path);
	if (c->ret == 0) {
		CHECK(r.body && r.len > 0, "%s: body", c->path);
		CHECK(c->media ? r.media_type && !strcmp(r.media_type, c->media) : !r.media_type,
		      "%s: media type %s", c->path, c->media ? c->media : "(none)");
		CHECK(c->charset ? r.charset && !strcmp(r.charset, c->charset) : !r.charset,
		      "%s: charset %s", c->path, c->charset ? c->charset : "(none)");
	}
	CHECK_INT(r.nhops, c->hops, "hops recorded");
	CHECK(dt <= c->max_seconds, "%s ends within %.0f s (took %.2f s)", c->path,
	      c->max_seconds, dt);
	CHECK(r.len <= o.max_size, "%s: body within max-size", c->path);
	fetch_result_release(&r);
	ft_diag_list_release(&dl);
}

static void test_details(void)
{
	struct fetch_opts o;
	struct fetch_result r;
	struct diag_list dl;
	const char *hdr[] = { "X-Feed-Test: yes" };
	char tmpl[160], furl[200];
	double t0;
	FILE *fp;

	fetch_opts_init(&o);
	fetch_result_init(&r);
	ft_diag_list_init(&dl);

	CHECK(fetch_url(url("/redir/a"), &o, &r, &dl) == 0, "redirect chain");
	if (r.nhops == 2) {
		CHECK(r.hops[0].status == 302 && r.hops[1].status == 301, "hop statuses");
		CHECK_STR(r.hops[0].location, url("/redir/b"), "hop 1 resolved location");
		CHECK_STR(r.hops[1].url, url("/redir/b"), "hop 2 url");
	}
	CHECK_STR(r.final_url, url("/redir/c"), "final URL");
	CHECK_STR(r.url, url("/redir/a"), "asked URL");
	CHECK(has_rule(&dl, "http-permanent-redirect") == 1, "only the 301 hop is permanent");
	CHECK(dl.n && strstr(dl.v[0].message, "/redir/c"), "the warning names the new URL");
	ft_diag_list_release(&dl);

	CHECK(fetch_url(url("/feed/utf8"), &o, &r, &dl) == 0 && dl.n == 0,
	      "a good feed has no findings");
	CHECK(r.has_etag && r.has_last_modified, "validators seen");
	CHECK(r.len > 10 && !memcmp(r.body, "<?xml", 5) && r.body[r.len] == '\0',
	      "body bytes, NUL after");
	ft_diag_list_release(&dl);

	CHECK(fetch_url(url("/gzip"), &o, &r, &dl) == 0 && strstr((char *)r.body, "Caf\xc3\xa9"),
	      "gzip decoded");
	ft_diag_list_release(&dl);

	CHECK(fetch_url(url("/enc/bom-conflict"), &o, &r, &dl) == 0 &&
	      !memcmp(r.body, "\xef\xbb\xbf", 3), "bytes are passed on untouched (BOM kept)");
	ft_diag_list_release(&dl);

	t0 = now_s();
	CHECK(fetch_url(url("/retry/429-a"), &o, &r, &dl) == 0 && r.retries == 1 &&
	      has_rule(&dl, "http-retry"), "429 then 200: retried once");
	CHECK(now_s() - t0 >= 0.9, "waited for Retry-After");
	ft_diag_list_release(&dl);
	CHECK(fetch_url(url("/retry/503-a"), &o, &r, &dl) == 0 && r.retries == 1,
	      "503 then 200: retried once");
	ft_diag_list_release(&dl);

	o.headers = hdr;
	o.nheaders = 1;
	CHECK(fetch_url(url("/echo"), &o, &r, &dl) == 0, "echo");
	CHECK(r.body && strstr((char *)r.body, "User-Agent: feedcheck/"), "User-Agent");
	CHECK(r.body && strstr((char *)r.body, "X-Feed-Test: yes"), "extra header sent");
	CHECK(r.body && strstr((char *)r.body, "Accept-Encoding: ") &&
	      strstr((char *)r.body, "gzip"), "Accept-Encoding offers gzip");
	o.headers = NULL;
	o.nheaders = 0;
	ft_diag_list_release(&dl);

	CHECK(fetch_url("http://127.0.0.1:1/feed", &o, &r, &dl) < 0 &&
	      !strcmp(r.error_rule, "http-connect-failed"), "connection refused");
	ft_diag_list_release(&dl);
	CHECK(fetch_url("ftp://127.0.0.1/feed", &o, &r, &dl) < 0 &&
	      !strcmp(r.error_rule, "fetch-bad-url"), "ftp is refused");
	ft_diag_list_release(&dl);
	CHECK(fetch_url("no scheme", &o, &r, &dl) < 0 &&
	      !strcmp(r.error_rule, "fetch-bad-url"), "not a URL");
	ft_diag_list_release(&dl);

	/* file: */
	snprintf(tmpl, sizeof(tmpl), "%s/feed.xml", tmpdir);
	if ((fp = fopen(tmpl, "w"))) {
		fputs("<rss version=\"2.0\"/>\n", fp);
		fclose(fp);
	}
	snprintf(furl, sizeof(furl), "file://%s", tmpl);
	CHECK(fetch_url(furl, &o, &r, &dl) == 0 && r.len == 21 && r.status == 0 &&
	      dl.n == 0, "file: URL read, no HTTP findings");
	ft_diag_list_release(&dl);
	unlink(tmpl);
	CHECK(fetch_url(furl, &o, &r, &dl) < 0 && !strcmp(r.error_rule, "fetch-read-failed"),
	      "missing file");
	ft_diag_list_release(&dl);

	/* https */
	if (https_port > 0) {
		char u[128];

		snprintf(u, sizeof(u), "https://127.0.0.1:%d/feed/utf8", https_port);
		CHECK(fetch_url(u, &o, &r, &dl) < 0 && !strcmp(r.error_rule, "tls-failed"),
		      "self-signed certificate refused");
		ft_diag_list_release(&dl);
		o.cacert = cert;
		CHECK(fetch_url(u, &o, &r, &dl) == 0 && !r.insecure && dl.n == 0,
		      "--cacert accepts it");
		ft_diag_list_release(&dl);
		o.cacert = NULL;
		o.insecure = 1;
		CHECK(fetch_url(u, &o, &r, &dl) == 0 && r.insecure &&
		      has_rule(&dl, "tls-not-verified"), "-k fetches and says so");
		ft_diag_list_release(&dl);
		o.insecure = 0;
	} else {
		CHECK(1, "# SKIP no openssl, no https server");
	}
	fetch_result_release(&r);
}

struct many {
	int calls[64];
	int ok;
};

static void many_done(size_t i, int ok, struct fetch_result *r, struct diag_list *dl,
		      void *ud)
{
	struct many *m = ud;

	(void)dl;
	if (i < 64)
		m->calls[i]++;
	if (ok == 0 && r->status == 200 && r->len > 0)
		m->ok++;
}

static void test_many(void)
{
	const char *urls[50];
	char store[50][96];
	struct many m;
	struct fetch_result r;
	struct diag_list dl;
	size_t i;
	int bad = 0, ret;
	double t0, dt;

	fetch_result_init(&r);
	ft_diag_list_init(&dl);
	fetch_url(url("/conc-stats?reset"), NULL, &r, &dl);
	for (i = 0; i < 50; i++) {
		snprintf(store[i], sizeof(store[i]), "%s", url("/conc"));
		urls[i] = store[i];
	}
	memset(&m, 0, sizeof(m));
	t0 = now_s();
	ret = fetch_many(urls, 50, 8, NULL, many_done, &m);
	dt = now_s() - t0;
	for (i = 0; i < 50; i++)
		if (m.calls[i] != 1)
			bad++;
	CHECK_INT(ret, 0, "fetch_many: no failures");
	CHECK_INT(bad, 0, "fetch_many: one callback per URL");
	CHECK_INT(m.ok, 50, "fetch_many: 50 bodies");
	CHECK(dt < 20, "fetch_many over 50 URLs in %.2f s", dt);
	ft_diag_list_release(&dl);
	CHECK(fetch_url(url("/conc-stats"), NULL, &r, &dl) == 0 && r.body,
	      "concurrency stats");
	CHECK(r.body && atoi((char *)r.body) == 2,
	      "at most 2 at once per host, and 2 were (max seen %d)",
	      r.body ? atoi((char *)r.body) : -1);
	fetch_result_release(&r);
	ft_diag_list_release(&dl);

	/* failures are counted and reported like successes */
	urls[0] = url("/feed/utf8");
	urls[1] = url("/status/404");
	urls[2] = "gopher://x/";
	urls[3] = url("/loop/a");
	memset(&m, 0, sizeof(m));
	ret = fetch_many(urls, 4, 0, NULL, many_done, &m);
	CHECK_INT(ret, 3, "fetch_many counts 3 failures");
	CHECK(m.calls[0] == 1 && m.calls[1] == 1 && m.calls[2] == 1 && m.calls[3] == 1 &&
	      m.ok == 1, "each reported once");
}

static void test_content_type(void)
{
	static const struct {
		const char *in;
		int ret;
		const char *media, *charset;
	} t[] = {
		{ "application/rss+xml", 0, "application/rss+xml", NULL },
		{ "text/xml; charset=UTF-8", 0, "text/xml", "utf-8" },
		{ "Text/XML;Charset=\"ISO-8859-1\"", 0, "text/xml", "iso-8859-1" },
		{ "  application/xml ;  q=1 ; charset=gbk  ", 0, "application/xml", "gbk" },
		{ "text/html; charset=\"a\\\"b\"", 0, "text/html", "a\"b" },
		{ "text/html;", 0, "text/html", NULL },           /* RFC 9110 §5.6.6 */
		{ "text/html; charset=utf-8; charset=latin1", 0, "text/html", "utf-8" },
		{ "text/html; charset=", -1, "text/html", NULL },
		{ "text/html; charset=\"utf-8", -1, "text/html", NULL },
		{ "text/html charset=utf-8", -1, "text/html", NULL },
		{ "text / html", -1, NULL, NULL },
		{ "html", -1, NULL, NULL },
		{ "", -1, NULL, NULL },
		{ "/xml", -1, NULL, NULL },
		{ "text/", -1, NULL, NULL },
		{ "text/xml; charset:utf-8", -1, "text/xml", NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *m, *c;
		int ret = fetch_parse_content_type(t[i].in, &m, &c);
		int ok = ret == t[i].ret &&
			(t[i].media ? m && !strcmp(m, t[i].media) : !m) &&
			(t[i].charset ? c && !strcmp(c, t[i].charset) : !c);

		CHECK(ok, "content type '%s'", t[i].in);
		if (!ok)
			printf("#   got %d '%s' '%s'\n", ret, m ? m : "(null)", c ? c : "(null)");
		free(m);
		free(c);
	}
	CHECK(fetch_is_feed_type("application/atom+xml") && fetch_is_feed_type("TEXT/XML") &&
	      fetch_is_feed_type("application/feed+json") && !fetch_is_feed_type("text/html") &&
	      !fetch_is_feed_type(NULL), "feed media types");
}

static void test_shard(void)
{
	unsigned long i, n;
	size_t k, hits[3] = { 0, 0, 0 };

	CHECK(src_parse_shard("1/3", &i, &n) == 0 && i == 1 && n == 3, "shard 1/3");
	CHECK(src_parse_shard("3/3", &i, &n) == 0, "shard 3/3");
	CHECK(src_parse_shard("0/3", &i, &n) < 0, "shard 0/3 refused (1-based)");
	CHECK(src_parse_shard("4/3", &i, &n) < 0, "shard 4/3 refused");
	CHECK(src_parse_shard("1/", &i, &n) < 0 && src_parse_shard("1/3x", &i, &n) < 0 &&
	      src_parse_shard("a/3", &i, &n) < 0, "malformed shards refused");
	for (k = 0; k < 30; k++)
		for (i = 1; i <= 3; i++)
			if (src_in_shard(k, i, 3))
				hits[i - 1]++;
	CHECK(hits[0] == 10 && hits[1] == 10 && hits[2] == 10, "shards partition the list");
}

int main(void)
{
	size_t i;

	signal(SIGPIPE, SIG_IGN);
	test_content_type();
	test_shard();
	if (fetch_global_init() < 0) {
		CHECK(0, "libcurl initialises");
		return TEST_DONE();
	}
	if (access(SERVER, R_OK) != 0 || start_server() < 0) {
		CHECK(0, "start %s (run from the repository root)", SERVER);
		stop_server();
		fetch_global_cleanup();
		return TEST_DONE();
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
	test_details();
	test_many();
	stop_server();
	rmdir(tmpdir);
	fetch_global_cleanup();
	return TEST_DONE();
}
