/*
 * run.c - one run over the sources: each is checked (a file or a file:
 * URL read here, an http(s) URL as the fetcher hands it over), its
 * findings filtered (--ignore, --only, --severity) and counted into the
 * exit status, its report rendered into its slot and printed in the order
 * of the sources as soon as those before it are done, with the --explain
 * hint of each rule's first finding; the progress bar; -v's HTTP exchange
 * on standard error; the reports made at the end (the total, JSON, JUnit,
 * SARIF, HTML).  This is the program's output, so it prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "buf.h"
#include "cache.h"
#include "cli.h"
#include "feedcheck.h"
#include "fetch.h"
#include "fsutil.h"
#include "grow.h"
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

static int keep(const struct diag *d, void *arg)
{
	const struct filter *f = arg;

	/* why a source could not be read is said whatever is ignored */
	if (f->keep_rule && d->severity == DIAG_ERROR && !strcmp(d->rule, f->keep_rule))
		return 1;
	if (in_list(f->ignore, d->rule))
		return 0;
	if (f->only->n && !in_list(f->only, d->rule))
		return 0;
	return 1;
}

/* --severity RULE=LEVEL: the level the findings of RULE are reported at */
static void override(struct diag_list *l, const struct sevlist *sv)
{
	size_t i, k;

	for (k = 0; k < sv->n; k++)
		for (i = 0; i < l->n; i++)
			if (!strcmp(l->v[i].rule, sv->rule[k]) &&
			    l->v[i].severity != sv->sev[k]) {
				l->count[l->v[i].severity]--;
				l->v[i].severity = sv->sev[k];
				l->count[sv->sev[k]]++;
			}
}

/* where the reports go: standard output, or a service's answer */
static FILE *out(const struct check_run *r)
{
	return r->fp ? r->fp : stdout;
}

double run_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void run_progress_clear(struct check_run *r)
{
	if (r->progress)
		fputs("\r\033[K", stderr);
}

/* A bar on standard error (a terminal): [#####     ] 12/40 */
static void progress_show(struct check_run *r)
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

/* a rule's first hint of the run: 1 (and remembered), else 0 */
static int first_hint(struct check_run *r, const char *rule)
{
	size_t i;
	const char **nv;

	for (i = 0; i < r->nhinted; i++)
		if (!strcmp(r->hinted[i], rule))
			return 0;
	nv = ft_grow(r->hinted, &r->ahinted, r->nhinted + 1, sizeof(*nv));
	if (!nv)
		return 0;
	r->hinted = nv;
	r->hinted[r->nhinted++] = rule;
	return 1;
}

/* a text report with the --explain hint of each rule's first finding in
 * the order printed (its slot's marks say where a hint may go) */
static void emit_text(struct check_run *r, const struct report_slot *sl)
{
	size_t k, done = 0;

	for (k = 0; k < sl->hints.n; k++) {
		const struct hint_mark *m = &sl->hints.v[k];
		if (m->at < done || m->at > sl->outlen)
			continue;
		fwrite(sl->out + done, 1, m->at - done, out(r));
		done = m->at;
		if (first_hint(r, m->rule))
			report_hint(out(r), m->rule, r->ro.color);
	}
	fwrite(sl->out + done, 1, sl->outlen - done, out(r));
}

/* Print what is ready, in the order of the sources. */
void run_emit_ready(struct check_run *r)
{
	while (r->next < r->n && r->slot[r->next].done) {
		struct report_slot *sl = &r->slot[r->next];
		if (sl->out && r->out != OUT_HTML) {
			run_progress_clear(r);
			if (r->out == OUT_TEXT && r->ro.chatty)
				emit_text(r, sl);
			else
				fwrite(sl->out, 1, sl->outlen, out(r));
			free(sl->out);
			sl->out = NULL;
			hint_marks_release(&sl->hints);
		}
		r->next++;
	}
	/* nobody reads what comes next (a full disk, feedcheck | head):
	 * the run stops, and main() says so with status 3 */
	if (r->fp ? ferror(r->fp) != 0 : !cli_stdout_ok())
		r->stop = 1;
}

/* -v: the HTTP exchange of one URL on standard error, as curl -v shows it */
static void show_trace(struct check_run *r, const struct source *s)
{
	if (!r->verbose || !s->fetch || !s->fetch->trace)
		return;
	run_progress_clear(r);
	fputs("* feedcheck: ", stderr);
	ft_put_escaped(stderr, s->name);
	fputc('\n', stderr);
	fputs(s->fetch->trace, stderr);
	fflush(stderr);
}

/*
 * A source was checked (or could not be read): filter, count, render into
 * its slot.  The bytes are needed only here; the result is kept for JUnit
 * and SARIF.
 */
void run_finish_source(struct check_run *r, size_t i)
{
	struct source *s = &r->src[i];
	struct report_slot *sl = &r->slot[i];
	FILE *mf = NULL;
	enum verdict v;
	size_t k;

	r->filt.keep_rule = s->read_failed ? s->fail_rule : NULL;
	report_filter(&s->res.diags, keep, &r->filt);
	override(&s->res.diags, r->filt.sev);
	v = source_verdict(s, r->strict);
	r->verdicts[v]++;
	for (k = 0; k < 3; k++)
		r->counts[k] += s->res.diags.count[k];
	if (v == VERDICT_UNREAD)
		r->status = 3;
	else if (r->status != 3 && v != VERDICT_VALID && v != VERDICT_SKIPPED)
		r->status = 1;
	show_trace(r, s);
	if (r->out == OUT_TEXT || r->out == OUT_GCC || r->out == OUT_GITHUB ||
	    r->out == OUT_JSONL) {
		mf = open_memstream(&sl->out, &sl->outlen);
		if (!mf)
			r->oom = 1;
	}
	switch (r->out) {
	case OUT_TEXT:
	case OUT_GCC:
		if (mf && report_text(mf, s, &r->ro, r->ro.chatty ? &sl->hints : NULL) < 0)
			r->oom = 1;
		break;
	case OUT_GITHUB:
		if (mf)
			report_github(mf, s, &r->ro);
		break;
	case OUT_HTML:
		if (html_section(s, &r->ro, i, &r->html[i]) < 0)
			r->oom = 1;
		break;
	case OUT_JSON:
	case OUT_JSONL: {
		json_t *o = report_json(s, &r->ro);
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
	/* JUnit and SARIF need the findings at the end, nothing needs the rest */
	if (r->out != OUT_JUNIT && r->out != OUT_SARIF)
		fc_result_release(&s->res);
	s->bytes = NULL;
	s->len = 0;
	s->fetch = NULL;
	sl->done = 1;
	r->ndone++;
	run_emit_ready(r);
	progress_show(r);
}

/*
 * Read the file (or the file: URL) source i, check it, finish it.  A
 * file: URL is read as a file is, so that a FIFO behind it is bounded by
 * --max-time; its report has an "http" member as a fetched URL's.
 */
void run_check_file(struct check_run *r, size_t i)
{
	struct source *s = &r->src[i];
	struct buf b;
	char *err = NULL, *path = NULL;
	struct mapped_file map;
	struct fetch_result fr;
	struct src_bounds bd = r->bounds;
	double t0 = run_now();
	const char *rule;
	int bad = 0;

	memset(&map, 0, sizeof(map));
	fetch_result_init(&fr);
	ft_buf_init(&b, MAX_SOURCE);
	if (src_is_file_url(s->path)) {
		fr.url = strdup(s->path);
		fr.final_url = strdup(s->path);
		s->fetch = &fr;
		bd.rule_open = "fetch-read-failed";
		if (!(path = fetch_file_path(s->path, &bad))) {
			s->read_failed = 1;
			s->fail_rule = bad ? "fetch-bad-url" : "fetch-internal";
			ft_diag_add(&s->res.diags, DIAG_ERROR, s->fail_rule, s->name, 0, 0,
				    bad ? "'%s' is not a file URL of this machine "
				    "(file:///PATH)" : "out of memory reading '%s'", s->name);
			goto done;
		}
	}
	{
		const char *keep_path = s->path;
		if (path)
			s->path = path;
		rule = src_read(s, &bd, &b, &err, &map);
		s->path = keep_path;
	}
	if (s->read_failed) {
		s->fail_rule = rule;
		if (s->fetch)
			fr.error_rule = rule;
		ft_diag_add(&s->res.diags, DIAG_ERROR, rule, s->name, 0, 0,
			 "%s", err ? err : "cannot read");
	} else {
		struct fc_options fo = r->limits;
		struct fc_transport t;

		memset(&t, 0, sizeof(t));
		t.url = fr.final_url;
		s->bytes = map.base ? map.base : (const unsigned char *)(b.data ? b.data : "");
		s->len = map.base ? map.len : b.len;
		if (map.base) {
			fo.consumed = ft_mapped_release_behind;
			fo.consumed_arg = &map;
		}
		if (fc_check(s->bytes, s->len, s->name, s->fetch ? &t : NULL, &fo,
			     &s->res) < 0)
			ft_diag_add(&s->res.diags, DIAG_ERROR, "validator-limit",
				 s->name, 0, 0, "out of memory");
		else if (r->check_media)
			media_check(s, r->fo, r->jobs, r->limits.profiles);
	}
done:
	free(err);
	free(path);
	s->seconds = run_now() - t0;
	run_finish_source(r, i);
	ft_buf_release(&b);
	ft_mapped_close(&map);
	fetch_result_release(&fr);
}

/*
 * --cache: URL number index answered 304 to the validators remembered:
 * its remembered check is its report, after cache-unchanged saying so.
 * When that check cannot be read back (another run replaced it since),
 * the source says so with an error rather than pass unchecked.
 */
static void run_unchanged(struct check_run *r, size_t index, struct source *s,
			  struct fetch_result *fr)
{
	long long checked = 0;
	char when[32] = "an earlier run";
	struct diag *d;
	time_t t;
	struct tm tm;

	d = ft_diag_add(&s->res.diags, DIAG_INFO, "cache-unchanged", s->name, 0, 0,
			"unchanged");
	if (cache_restore(r->cache, s->path, &r->cond[index], s->name, &s->res, fr,
			  &checked) < 0) {
		s->read_failed = 1;
		s->fail_rule = "cache-unusable";
		ft_diag_add(&s->res.diags, DIAG_ERROR, "cache-unusable", s->name, 0, 0,
			    "'%s' answered 304 Not Modified, but the check --cache "
			    "remembered for it is gone or not valid: run again", s->name);
		return;
	}
	t = (time_t)checked;
	if (gmtime_r(&t, &tm))
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (d) {
		char *m = ft_asprintf("'%s' answered 304 Not Modified: unchanged "
					 "since it was checked at %s; its findings "
					 "are those of that check (--cache)", s->name,
					 when);
		if (m) {
			free(d->message);
			d->message = m;
		}
	}
}

/* fetch_done_fn: check what came, with what the transport said about it */
void run_url_done(size_t index, int ok, struct fetch_result *fr,
		  struct diag_list *dl, void *ud)
{
	struct check_run *r = ud;
	size_t i = r->url_src[index];
	struct source *s = &r->src[i];

	double t0 = run_now();

	s->fetch = fr;
	/* the transport's findings first: fc_check() keeps them in front */
	ft_diag_list_move(&s->res.diags, dl);
	if (ok < 0) {
		s->read_failed = 1;
		s->fail_rule = fr->error_rule;
	} else if (fr->not_modified) {
		run_unchanged(r, index, s, fr);
	} else {
		struct fc_transport t;

		t.media_type = fr->media_type;
		t.charset = fr->charset;
		t.url = fr->final_url;
		s->bytes = fr->body ? fr->body : (const unsigned char *)"";
		s->len = fr->len;
		if (fc_check(s->bytes, s->len, s->name, &t, &r->limits, &s->res) < 0) {
			ft_diag_add(&s->res.diags, DIAG_ERROR, "validator-limit",
				 s->name, 0, 0, "out of memory");
			goto done;
		}
		/* remembered as checked here: a page's feed and the media are
		 * checked anew each run */
		if (r->cache && !r->check_media && !discover_wanted(&s->res))
			cache_store(r->cache, s->path, fr, &s->res);
		if (r->held && (discover_wanted(&s->res) ||
				(r->check_media && s->res.refs.n))) {
			/* later, when no transfer of this fetch waits on it:
			 * the bytes are kept for the report */
			struct held *h = &r->held[i];
			h->page = *fr;
			fetch_result_init(fr);
			h->pending = 1;
			s->fetch = &h->page;
			s->bytes = h->page.body ? h->page.body
						: (const unsigned char *)"";
			return;
		}
	}
done:
	s->seconds = fr->seconds + (run_now() - t0);
	run_finish_source(r, i);
}

void run_pending(struct check_run *r)
{
	size_t i;

	for (i = 0; r->held && i < r->n && !r->stop; i++) {
		struct held *h = &r->held[i];
		struct source *s = &r->src[i];

		if (!h->pending)
			continue;
		if (discover_wanted(&s->res) && discover_follow(r, i) < 0)
			r->oom = 1;
		if (r->check_media && s->res.refs.n)
			media_check(s, r->fo, r->jobs, r->limits.profiles);
		h->pending = 0;
		run_finish_source(r, i);
		fetch_result_release(&h->page);
		fetch_result_release(&h->feed);
	}
}

void run_held_release(struct check_run *r)
{
	size_t i;

	for (i = 0; r->held && i < r->n; i++) {
		fetch_result_release(&r->held[i].page);
		fetch_result_release(&r->held[i].feed);
		free(r->held[i].name);
	}
	free(r->held);
	r->held = NULL;
}

/*
 * --format json: one document whatever happened.  An array (in the order
 * of the list) with --urls or several sources, else the one object.
 */
void run_print_json(struct check_run *r, int many)
{
	json_t *arr = many ? json_array() : NULL;
	size_t i;

	if (many && !arr) {
		fputs("[]\n", out(r));
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
			json_dumpf(o, out(r), JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			fputc('\n', out(r));
			json_decref(o);
		} else {
			fprintf(out(r), "%s\n", oom_json);
		}
	}
	if (arr) {
		json_dumpf(arr, out(r), JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', out(r));
		json_decref(arr);
	} else if (r->n == 0) {
		/* the one source is in another shard */
		fputs("[]\n", out(r));
	}
}


int run_print_end(struct check_run *r)
{
	double took = run_now() - r->start;
	int rc = 0;

	switch (r->out) {
	case OUT_TEXT:
		if (r->ro.chatty && r->n > 1)
			report_total(out(r), r->n, r->verdicts, r->counts, r->ro.color);
		break;
	case OUT_JUNIT:
		rc = report_junit(out(r), r->src, r->n, &r->ro, r->start, took);
		break;
	case OUT_SARIF:
		rc = report_sarif(out(r), r->src, r->n, &r->ro, r->status);
		break;
	case OUT_HTML:
		rc = html_document(out(r), r->html, r->n, &r->ro, r->start);
		break;
	default:
		break;
	}
	return rc;
}

void run_release(struct check_run *r)
{
	size_t i;

	for (i = 0; r->src && i < r->n; i++)
		fc_result_release(&r->src[i].res);
	for (i = 0; r->slot && i < r->n; i++) {
		free(r->slot[i].out);
		hint_marks_release(&r->slot[i].hints);
		json_decref(r->slot[i].json);
	}
	for (i = 0; r->html && i < r->n; i++)
		html_entry_release(&r->html[i]);
	free(r->hinted);
	free(r->html);
	free(r->src);
	free(r->slot);
	free(r->url_src);
	memset(r, 0, sizeof(*r));
}
