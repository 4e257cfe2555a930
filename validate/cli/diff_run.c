/*
 * diff_run.c - feedcheck --diff OLD NEW and --diff-against URL NEW: the
 * two versions of a feed read (files, file: URLs, or fetched together),
 * each checked with its entries read (fc_result.entries), compared by
 * the library (fc_diff, validate/diff.c), and reported as two sources:
 * OLD with the findings about the entries only it has, NEW with the rest.
 * Their own validity is not reported: feedcheck without --diff says it.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "feedcheck.h"
#include "fetch.h"
#include "fsutil.h"

/* what one version's bytes live in until it is reported */
struct version {
	struct buf b;
	struct mapped_file map;
	struct fetch_result fr;   /* a fetched URL, or a file: URL's names */
};

static void check(struct check_run *r, struct source *s, const struct fc_transport *t,
		  struct mapped_file *map)
{
	struct fc_options fo = r->limits;

	if (map && map->base) {
		fo.consumed = ft_mapped_release_behind;
		fo.consumed_arg = map;
	}
	fc_result_release(&s->res);
	s->res.entries.want = 1;
	if (fc_check(s->bytes, s->len, s->name, t, &fo, &s->res) < 0) {
		s->read_failed = 1;
		s->fail_rule = "validator-limit";
		ft_diag_add(&s->res.diags, DIAG_ERROR, "validator-limit", s->name,
			    0, 0, "out of memory");
	}
}

/* a file or a file: URL: read and checked */
static void read_file(struct check_run *r, struct source *s, struct version *v)
{
	struct src_bounds bd = r->bounds;
	struct fc_transport t;
	const char *keep_path = s->path, *rule;
	char *err = NULL, *path = NULL;
	int bad = 0;

	memset(&t, 0, sizeof(t));
	if (src_is_file_url(s->path)) {
		v->fr.url = strdup(s->path);
		v->fr.final_url = strdup(s->path);
		s->fetch = &v->fr;
		t.url = v->fr.final_url;
		bd.rule_open = "fetch-read-failed";
		if (!(path = fetch_file_path(s->path, &bad))) {
			s->read_failed = 1;
			s->fail_rule = bad ? "fetch-bad-url" : "fetch-internal";
			ft_diag_add(&s->res.diags, DIAG_ERROR, s->fail_rule, s->name, 0, 0,
				    "'%s' is not a file URL of this machine "
				    "(file:///PATH)", s->name);
			return;
		}
		s->path = path;
	}
	rule = src_read(s, &bd, &v->b, &err, &v->map);
	s->path = keep_path;
	free(path);
	if (s->read_failed) {
		s->fail_rule = rule;
		ft_diag_add(&s->res.diags, DIAG_ERROR, rule, s->name, 0, 0, "%s",
			    err ? err : "cannot read");
		free(err);
		return;
	}
	free(err);
	s->bytes = v->map.base ? v->map.base
			       : (const unsigned char *)(v->b.data ? v->b.data : "");
	s->len = v->map.base ? v->map.len : v->b.len;
	check(r, s, s->fetch ? &t : NULL, &v->map);
}

struct fetched {
	struct check_run *r;
	struct version *v;
};

/* fetch_done_fn: the version's bytes kept, checked */
static void url_done(size_t index, int ok, struct fetch_result *fr,
		     struct diag_list *dl, void *ud)
{
	struct fetched *f = ud;
	size_t i = f->r->url_src[index];
	struct source *s = &f->r->src[i];
	struct version *v = &f->v[i];
	struct fc_transport t;

	v->fr = *fr;
	fetch_result_init(fr);
	s->fetch = &v->fr;
	s->seconds = v->fr.seconds;
	if (ok < 0) {
		/* why it could not be fetched: the fetcher's findings */
		ft_diag_list_move(&s->res.diags, dl);
		s->read_failed = 1;
		s->fail_rule = v->fr.error_rule;
		return;
	}
	t.media_type = v->fr.media_type;
	t.charset = v->fr.charset;
	t.url = v->fr.final_url;
	s->bytes = v->fr.body ? v->fr.body : (const unsigned char *)"";
	s->len = v->fr.len;
	check(f->r, s, &t, NULL);
}

int diff_run(struct check_run *r, const char *const *urls, size_t nurls, int fetching)
{
	struct version v[2];
	struct fetched f = { r, v };
	struct diag_list out[2];
	size_t i;
	int rc = 0;

	if (r->n != 2)
		return -1;
	memset(v, 0, sizeof(v));
	for (i = 0; i < 2; i++) {
		ft_buf_init(&v[i].b, MAX_SOURCE);
		fetch_result_init(&v[i].fr);
		ft_diag_list_init(&out[i]);
	}
	for (i = 0; i < 2; i++) {
		struct source *s = &r->src[i];
		double t0 = run_now();
		if (!s->read_failed && (!src_is_url(s->path) || src_is_file_url(s->path))) {
			read_file(r, s, &v[i]);
			s->seconds = run_now() - t0;
		}
	}
	if (nurls && (!fetching || fetch_many(urls, nurls, r->jobs, r->fo, url_done, &f) < 0))
		for (i = 0; i < 2; i++)
			if (!r->src[i].fetch && src_is_url(r->src[i].path) &&
			    !src_is_file_url(r->src[i].path)) {
				struct source *s = &r->src[i];
				s->read_failed = 1;
				s->fail_rule = "fetch-internal";
				ft_diag_add(&s->res.diags, DIAG_ERROR, "fetch-internal",
					    s->name, 0, 0, "cannot fetch '%s': out of "
					    "memory or libcurl failed", s->name);
			}
	if (!r->src[0].read_failed && !r->src[1].read_failed) {
		if (fc_diff(&r->src[0].res, r->src[0].name, &r->src[1].res,
			    r->src[1].name, &out[0], &out[1]) < 0)
			rc = -1;
		/* the versions' own findings are feedcheck's without --diff */
		for (i = 0; i < 2; i++) {
			ft_diag_list_release(&r->src[i].res.diags);
			ft_diag_list_init(&r->src[i].res.diags);
			ft_diag_list_move(&r->src[i].res.diags, &out[i]);
		}
	}
	for (i = 0; i < 2; i++) {
		run_finish_source(r, i);
		ft_diag_list_release(&out[i]);
		ft_buf_release(&v[i].b);
		ft_mapped_close(&v[i].map);
		fetch_result_release(&v[i].fr);
	}
	return rc;
}
