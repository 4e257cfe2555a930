/*
 * feedcheck - validate RSS, Atom and JSON feeds, from files or over HTTP.
 *
 * A thin layer over fc_check() and the fetcher: read each SOURCE (a file,
 * "-", or a URL, fetched with fetch_many() at most -j at once), filter the
 * findings (--ignore, --only, -q), print them in the chosen format, in the
 * order of the sources, and exit 0 (no errors), 1 (errors; warnings too
 * with --strict), 2 (usage) or 3 (a source's bytes could not be obtained).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/parser.h>

#include "buf.h"
#include "cli.h"
#include "feedcheck.h"
#include "fetch.h"
#include "fsutil.h"
#include "report.h"

static const char oom_json[] =
	"{\"source\": null, \"format\": null, \"encoding\": {\"bom\": null, "
	"\"http\": null, \"declared\": null, \"used\": null}, \"http\": null, "
	"\"diagnostics\": [], \"summary\": {\"errors\": 1, \"warnings\": 0, "
	"\"infos\": 0}}";

static int in_list(const struct rulelist *l, const char *id)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], id))
			return 1;
	return 0;
}

struct filter {
	const struct rulelist *ignore, *only;
};

static int keep(const struct diag *d, void *arg)
{
	const struct filter *f = arg;

	if (in_list(f->ignore, d->rule))
		return 0;
	if (f->only->n && !in_list(f->only, d->rule))
		return 0;
	return 1;
}

static int finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "feedcheck: error writing standard output: %s\n",
			strerror(errno));
		return status > 2 ? status : 3;
	}
	return status;
}

/* ---- one run: checking, reporting in order, the progress bar ---- */

struct slot {
	int done;
	char *out;                 /* what goes to standard output, or NULL */
	size_t outlen;
	json_t *json;              /* --format json: the object */
};

struct run {
	int out, strict, progress;
	struct filter filt;
	struct fc_report_opts ro;
	struct fc_source *src;     /* the sources of this shard */
	struct slot *slot;
	size_t n, next, ndone;
	size_t *url_src;           /* URL number -> source number */
	int status;                /* 0, 1 or 3 */
	int oom;
	struct fc_options limits;  /* --max-depth, --max-text */
};

static void progress_clear(struct run *r)
{
	if (r->progress)
		fputs("\r\033[K", stderr);
}

/* A bar on standard error (a terminal): [#####     ] 12/40 */
static void progress_show(struct run *r)
{
	char bar[31];
	size_t k, fill;

	if (!r->progress)
		return;
	fill = r->n ? r->ndone * 30 / r->n : 30;
	for (k = 0; k < 30; k++)
		bar[k] = k < fill ? '#' : ' ';
	bar[30] = '\0';
	fprintf(stderr, "\r[%s] %zu/%zu", bar, r->ndone, r->n);
	fflush(stderr);
}

/* Print what is ready, in the order of the sources. */
static void emit_ready(struct run *r)
{
	while (r->next < r->n && r->slot[r->next].done) {
		struct slot *sl = &r->slot[r->next];
		if (sl->out) {
			progress_clear(r);
			fwrite(sl->out, 1, sl->outlen, stdout);
			free(sl->out);
			sl->out = NULL;
		}
		r->next++;
	}
	fflush(stdout);
}

/*
 * A source was checked (or could not be read): filter, count, render into
 * its slot.  The bytes are needed only here; the result is kept for JUnit.
 */
static void finish_source(struct run *r, size_t i)
{
	struct fc_source *s = &r->src[i];
	struct slot *sl = &r->slot[i];
	FILE *mf = NULL;

	fc_filter(&s->res.diags, keep, &r->filt);
	if (s->read_failed)
		r->status = 3;
	else if (r->status != 3 && (s->res.diags.count[DIAG_ERROR] ||
				    (r->strict && s->res.diags.count[DIAG_WARNING])))
		r->status = 1;
	if (r->out == OUT_TEXT || r->out == OUT_GITHUB || r->out == OUT_JSONL) {
		mf = open_memstream(&sl->out, &sl->outlen);
		if (!mf)
			r->oom = 1;
	}
	switch (r->out) {
	case OUT_TEXT:
		if (s->read_failed) {
			/* why the bytes could not be had goes to standard error */
			size_t k;
			progress_clear(r);
			if (!s->fetch)
				fprintf(stderr, "feedcheck: %s\n", s->res.diags.n ?
					s->res.diags.v[0].message : "cannot read");
			else if (!s->res.diags.count[DIAG_ERROR])
				/* --ignore hid it: still say why, the status is 3 */
				fprintf(stderr, "feedcheck: %s\n", s->fetch->error ?
					s->fetch->error : "cannot fetch");
			else
				for (k = 0; k < s->res.diags.n; k++)
					if (s->res.diags.v[k].severity == DIAG_ERROR)
						fprintf(stderr, "feedcheck: %s [%s]\n",
							s->res.diags.v[k].message,
							s->res.diags.v[k].rule);
			if (s->fetch && mf)
				fc_report_text(mf, s, &r->ro);
		} else if (mf) {
			fc_report_text(mf, s, &r->ro);
		}
		break;
	case OUT_GITHUB:
		if (mf)
			fc_report_github(mf, s, &r->ro);
		break;
	case OUT_JSON:
	case OUT_JSONL: {
		json_t *o = fc_report_json(s, &r->ro);
		if (!o)
			r->oom = 1;
		if (r->out == OUT_JSON) {
			sl->json = o;
		} else if (mf) {
			/* one compact object per line */
			if (!o || json_dumpf(o, mf, JSON_COMPACT |
					     JSON_PRESERVE_ORDER) < 0)
				fputs(oom_json, mf);
			fputc('\n', mf);
			json_decref(o);
		} else {
			json_decref(o);
		}
		break;
	}
	default:
		break;
	}
	if (mf)
		fclose(mf);
	/* JUnit needs the findings at the end, nothing needs the rest */
	if (r->out != OUT_JUNIT)
		fc_result_release(&s->res);
	s->bytes = NULL;
	s->len = 0;
	s->fetch = NULL;
	sl->done = 1;
	r->ndone++;
	emit_ready(r);
	progress_show(r);
}

static void check_file(struct run *r, size_t i)
{
	struct fc_source *s = &r->src[i];
	struct buf b;
	char *err;
	struct mapped_file map;

	ft_buf_init(&b, MAX_SOURCE);
	src_read(s, &b, &err, &map);
	if (s->read_failed) {
		ft_diag_add(&s->res.diags, DIAG_ERROR, "io-error", s->name, 0, 0,
			 "%s", err ? err : "cannot read");
		free(err);
	} else {
		struct fc_options fo = r->limits;

		s->bytes = map.base ? map.base : (const unsigned char *)(b.data ? b.data : "");
		s->len = map.base ? map.len : b.len;
		if (map.base) {
			fo.consumed = ft_mapped_release_behind;
			fo.consumed_arg = &map;
		}
		if (fc_check(s->bytes, s->len, s->name, NULL, &fo, &s->res) < 0)
			ft_diag_add(&s->res.diags, DIAG_ERROR, "validator-limit",
				 s->name, 0, 0, "out of memory");
	}
	finish_source(r, i);
	ft_buf_release(&b);
	ft_mapped_close(&map);
}

/* fetch_done_fn: check what came, with what the transport said about it */
static void url_done(size_t index, int ok, struct fetch_result *fr,
		     struct diag_list *dl, void *ud)
{
	struct run *r = ud;
	size_t i = r->url_src[index];
	struct fc_source *s = &r->src[i];

	s->fetch = fr;
	/* the transport's findings first: fc_check() keeps them in front */
	ft_diag_list_move(&s->res.diags, dl);
	if (ok < 0) {
		s->read_failed = 1;
	} else {
		struct fc_transport t;

		t.media_type = fr->media_type;
		t.charset = fr->charset;
		t.url = fr->final_url;
		s->bytes = fr->body ? fr->body : (const unsigned char *)"";
		s->len = fr->len;
		if (fc_check(s->bytes, s->len, s->name, &t, &r->limits, &s->res) < 0)
			ft_diag_add(&s->res.diags, DIAG_ERROR, "validator-limit",
				 s->name, 0, 0, "out of memory");
	}
	finish_source(r, i);
}

/*
 * --format json: one document whatever happened.  An array (in the order
 * of the list) with --urls or several sources, else the one object.
 */
static void print_json(struct run *r, int many)
{
	json_t *arr = many ? json_array() : NULL;
	size_t i;

	if (many && !arr) {
		fputs("[]\n", stdout);
		r->oom = 1;
		return;
	}
	for (i = 0; i < r->n; i++) {
		json_t *o = r->slot[i].json;

		r->slot[i].json = NULL;
		if (!o)
			o = json_loads(oom_json, 0, NULL);
		if (arr) {
			if (!o || json_array_append_new(arr, o) < 0)
				r->oom = 1;
		} else if (o) {
			json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			fputc('\n', stdout);
			json_decref(o);
		} else {
			printf("%s\n", oom_json);
		}
	}
	if (arr) {
		json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
		json_decref(arr);
	} else if (r->n == 0) {
		/* the one source is in another shard */
		fputs("[]\n", stdout);
	}
}

int main(int argc, char **argv)
{
	struct cli cli;
	struct run run;
	struct srclist all = { NULL, NULL, 0, 0 };
	const char **urls = NULL;
	size_t i, nurls = 0;
	int color, rc, stdin_src = 0;
	int fetching = 0, status;
	const char *nc;
	char *err;

	if ((rc = cli_parse(&cli, argc, argv)) != 0)
		return rc;
	switch (cli.action) {
	case CLI_HELP:
		cli_help();
		return finish(0);
	case CLI_VERSION:
		cli_version();
		return finish(0);
	case CLI_LIST_RULES:
		cli_list_rules();
		return finish(0);
	case CLI_EXPLAIN:
		cli_explain(cli.explain);
		return finish(0);
	case CLI_RUN:
		break;
	}
	memset(&run, 0, sizeof(run));
	run.out = cli.out;
	run.strict = cli.strict;
	run.filt.ignore = &cli.ignore;
	run.filt.only = &cli.only;
	run.limits = cli.limits;
	for (i = (size_t)cli.first; i < (size_t)argc; i++) {
		if (!strcmp(argv[i], "-"))
			stdin_src = 1;
		if (src_add(&all, argv[i], 0) < 0) {
			src_release(&all);
			fputs("feedcheck: out of memory\n", stderr);
			return 3;
		}
	}
	if (cli.urls_file) {
		if (stdin_src && !strcmp(cli.urls_file, "-")) {
			src_release(&all);
			return cli_usage_error("%s", "standard input cannot be both "
					       "--urls - and a SOURCE");
		}
		if ((rc = src_read_urls(cli.urls_file, &all, &err)) != 0) {
			fprintf(stderr, "feedcheck: %s\n", err ? err : "out of memory");
			free(err);
			src_release(&all);
			return rc == 2 ? cli_usage_error("bad --urls file '%s'",
							 cli.urls_file) : rc;
		}
	}
	nc = getenv("NO_COLOR");
	color = cli.color;
	if (color < 0)
		color = run.out == OUT_TEXT && (!nc || !*nc) && isatty(STDOUT_FILENO);
	run.ro.color = color && run.out == OUT_TEXT;
	run.ro.min = cli.quiet ? DIAG_ERROR : DIAG_INFO;

	/* this shard's sources, in list order */
	run.src = calloc(all.n ? all.n : 1, sizeof(*run.src));
	run.slot = calloc(all.n ? all.n : 1, sizeof(*run.slot));
	run.url_src = calloc(all.n ? all.n : 1, sizeof(*run.url_src));
	urls = calloc(all.n ? all.n : 1, sizeof(*urls));
	if (!run.src || !run.slot || !run.url_src || !urls) {
		fputs("feedcheck: out of memory\n", stderr);
		status = 3;
		goto abort;
	}
	for (i = 0; i < all.n; i++) {
		if (!src_in_shard(i, cli.shard_i, cli.shard_n))
			continue;
		run.src[run.n].name = all.v[i];
		fc_result_init(&run.src[run.n].res);
		if (src_is_url(all.v[i])) {
			run.url_src[nurls] = run.n;
			urls[nurls++] = all.v[i];
		}
		run.n++;
	}
	run.progress = isatty(STDERR_FILENO) && run.n > 1;
	xmlInitParser();
	/* the files first: their reports wait for the URLs before them */
	for (i = 0; i < run.n; i++)
		if (!src_is_url(run.src[i].name))
			check_file(&run, i);
	if (nurls) {
		fetching = fetch_global_init() == 0;
		if (!fetching || fetch_many(urls, nurls, cli.jobs, &cli.fo,
					    url_done, &run) < 0) {
			/* every URL not reported yet could not be fetched */
			for (i = 0; i < run.n; i++)
				if (!run.slot[i].done) {
					struct fc_source *s = &run.src[i];
					s->read_failed = 1;
					ft_diag_add(&s->res.diags, DIAG_ERROR,
						 "fetch-internal", s->name, 0, 0,
						 "cannot fetch '%s': out of memory "
						 "or libcurl failed", s->name);
					finish_source(&run, i);
				}
		}
	}
	progress_clear(&run);
	emit_ready(&run);
	if (run.out == OUT_JSON)
		print_json(&run, all.n != 1 || cli.urls_file);
	if (run.out == OUT_JUNIT &&
	    fc_report_junit(stdout, run.src, run.n, &run.ro) < 0)
		fputs("feedcheck: cannot write the JUnit report\n", stderr);
	if (run.oom) {
		fputs("feedcheck: out of memory while reporting\n", stderr);
		run.status = 3;
	}
	status = run.status;
	xmlCleanupParser();
abort:
	if (fetching)
		fetch_global_cleanup();
	for (i = 0; run.src && i < run.n; i++)
		fc_result_release(&run.src[i].res);
	for (i = 0; run.slot && i < run.n; i++) {
		free(run.slot[i].out);
		json_decref(run.slot[i].json);
	}
	free(run.src);
	free(run.slot);
	free(run.url_src);
	free(urls);
	src_release(&all);
	return finish(status);
}
