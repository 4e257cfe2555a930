/*
 * serve_check.c - one check asked of feedcheck --serve, made as the
 * command line makes it for one source (run.c: the same filter, the same
 * reporters, the same order), its report written into memory instead of
 * standard output.  A posted document is checked with its Content-Type
 * as a server's (the http-content-type-* findings and RFC 7303's charset
 * included), a pasted or uploaded one as a file; a URL is fetched as a
 * hop of the address policy with no origin (addr.h): the person who
 * asks is a stranger, so only http and https, and only public addresses
 * unless the service runs with --allow-private.
 */
#include "serve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_type.h"
#include "feedcheck.h"
#include "fetch.h"

static const char *const format_names[] = { [OUT_TEXT] = "text",
	[OUT_GCC] = "gcc", [OUT_JSON] = "json", [OUT_JSONL] = "jsonl",
	[OUT_JUNIT] = "junit", [OUT_GITHUB] = "github",
	[OUT_SARIF] = "sarif", [OUT_HTML] = "html" };

static const char *const format_types[] = {
	[OUT_TEXT] = "text/plain; charset=utf-8",
	[OUT_GCC] = "text/plain; charset=utf-8",
	[OUT_JSON] = "application/json",
	[OUT_JSONL] = "application/jsonl",
	[OUT_JUNIT] = "application/xml",
	[OUT_GITHUB] = "text/plain; charset=utf-8",
	[OUT_SARIF] = "application/sarif+json",
	[OUT_HTML] = "text/html; charset=utf-8" };

int serve_format(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (!strcmp(name, format_names[i]))
			return (int)i;
	return -1;
}

const char *serve_verdict_name(enum verdict v)
{
	static const char *const n[VERDICT_COUNT] = {
		[VERDICT_VALID] = "valid", [VERDICT_STRICT_FAIL] = "strict-fail",
		[VERDICT_INVALID] = "invalid", [VERDICT_UNREAD] = "unread",
		[VERDICT_SKIPPED] = "skipped" };

	return (unsigned)v < VERDICT_COUNT ? n[v] : "none";
}

/* the posted document: checked as run_check_file() checks a file's bytes,
 * with its Content-Type as the transport's when it came with one */
static void check_doc(struct check_run *r, const struct serve_ask *q)
{
	struct source *s = &r->src[0];
	struct fc_transport t;
	char *media = NULL, *charset = NULL;
	double t0 = run_now();
	int bad = 0;

	memset(&t, 0, sizeof(t));
	if (q->content_type)
		bad = fetch_type_findings(q->content_type, s->name, s->name, &media, &charset,
					  &s->res.diags) < 0;
	t.media_type = media;
	t.charset = charset;
	s->bytes = q->doc ? q->doc : (const unsigned char *)"";
	s->len = q->len;
	if (bad || fc_check(s->bytes, s->len, s->name, q->content_type ? &t : NULL,
			    &r->limits, &s->res) < 0)
		ft_diag_add(&s->res.diags, DIAG_ERROR, "validator-limit", s->name,
			    0, 0, "out of memory");
	else if (r->check_media)
		media_check(s, r->fo, r->jobs, r->limits.profiles);
	s->seconds = run_now() - t0;
	run_finish_source(r, 0);
	free(media);
	free(charset);
}

/* the URL, fetched and checked as the command line's run does it */
static void check_url(struct check_run *r, const struct serve_ask *q)
{
	struct source *s = &r->src[0];

	if (fetch_many(&q->url, 1, 1, r->fo, run_url_done, r) < 0 &&
	    !r->slot[0].done && !r->held[0].pending) {
		s->read_failed = 1;
		s->fail_rule = "fetch-internal";
		ft_diag_add(&s->res.diags, DIAG_ERROR, "fetch-internal", s->name, 0, 0,
			    "cannot fetch '%s': out of memory or libcurl failed",
			    s->name);
		run_finish_source(r, 0);
	}
	run_pending(r);
}

int serve_check(const struct cli *cli, const struct serve_ask *q,
		struct serve_answer *a)
{
	struct check_run r;
	struct fetch_opts fo = cli->fo;
	size_t k;
	int rc = 0;

	memset(a, 0, sizeof(*a));
	memset(&r, 0, sizeof(r));
	r.start = run_now();
	r.out = q->out;
	r.strict = cli->strict;
	r.filt.ignore = &cli->ignore;
	r.filt.only = &cli->only;
	r.filt.sev = &cli->sev;
	r.limits = cli->limits;
	r.check_media = cli->check_media;
	/* every request a hop with no origin; no exchange shown: it would
	 * show the service's own --header values to whoever asks */
	fo.guard = 1;
	fo.origin = NULL;
	fo.trace = 0;
	fo.cancel = &r.stop;
	r.fo = &fo;
	r.jobs = cli->jobs;
	r.ro.min = cli->quiet ? DIAG_ERROR : DIAG_INFO;
	r.ro.excerpt = r.out == OUT_TEXT && cli->excerpt;
	r.ro.chatty = r.out == OUT_TEXT && !cli->quiet;
	r.ro.strict = cli->strict;
	r.ro.byte_columns = r.out == OUT_GCC;
	r.n = 1;
	r.src = calloc(1, sizeof(*r.src));
	r.slot = calloc(1, sizeof(*r.slot));
	r.url_src = calloc(1, sizeof(*r.url_src));
	r.html = calloc(1, sizeof(*r.html));
	r.held = calloc(1, sizeof(*r.held));
	r.fp = open_memstream(&a->body, &a->len);
	if (!r.src || !r.slot || !r.url_src || !r.html || !r.held || !r.fp) {
		rc = -1;
		goto done;
	}
	r.src[0].name = r.src[0].path = q->url ? q->url : q->name;
	fc_result_init(&r.src[0].res);
	if (q->url)
		check_url(&r, q);
	else
		check_doc(&r, q);
	if (r.out == OUT_JSON)
		run_print_json(&r, 0);
	if (run_print_end(&r) < 0 || r.oom)
		rc = -1;
	a->status = r.status;
	a->verdict = VERDICT_COUNT;
	for (k = 0; k < VERDICT_COUNT; k++)
		if (r.verdicts[k])
			a->verdict = (enum verdict)k;
	a->type = format_types[r.out];
done:
	if (r.fp && (fclose(r.fp) != 0 || rc < 0)) {
		free(a->body);
		a->body = NULL;
		rc = -1;
	} else if (!r.fp) {
		rc = -1;
	}
	r.fp = NULL;
	run_held_release(&r);
	run_release(&r);
	return rc;
}

void serve_answer_release(struct serve_answer *a)
{
	free(a->body);
	a->body = NULL;
	a->len = 0;
}
