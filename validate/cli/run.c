/*
 * run.c - one run over the sources: each is checked (a file read here, a
 * URL as the fetcher hands it over), its findings filtered (--ignore,
 * --only) and counted into the exit status, its report rendered into its
 * slot and printed in the order of the sources as soon as those before it
 * are done; the progress bar; the one document of --format json.  This is
 * the program's output, so it prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

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

static int keep(const struct diag *d, void *arg)
{
	const struct filter *f = arg;

	if (in_list(f->ignore, d->rule))
		return 0;
	if (f->only->n && !in_list(f->only, d->rule))
		return 0;
	return 1;
}

void run_progress_clear(struct run *r)
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
void run_emit_ready(struct run *r)
{
	while (r->next < r->n && r->slot[r->next].done) {
		struct slot *sl = &r->slot[r->next];
		if (sl->out) {
			run_progress_clear(r);
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
void run_finish_source(struct run *r, size_t i)
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
			run_progress_clear(r);
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
	run_emit_ready(r);
	progress_show(r);
}

void run_check_file(struct run *r, size_t i)
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
		else if (r->check_media)
			media_check(s, r->fo, r->jobs, r->limits.profiles);
	}
	run_finish_source(r, i);
	ft_buf_release(&b);
	ft_mapped_close(&map);
}

/* fetch_done_fn: check what came, with what the transport said about it */
void run_url_done(size_t index, int ok, struct fetch_result *fr,
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
		else if (r->held && (discover_wanted(&s->res) ||
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
	run_finish_source(r, i);
}

void run_pending(struct run *r)
{
	size_t i;

	for (i = 0; r->held && i < r->n; i++) {
		struct held *h = &r->held[i];
		struct fc_source *s = &r->src[i];

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

void run_held_release(struct run *r)
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
void run_print_json(struct run *r, int many)
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

