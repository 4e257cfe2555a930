/*
 * feedgen - turn a newspaper's article collection into Atom 1.0, RSS 2.0
 * and JSON Feed 1.1.
 *
 * collection -> pages (decode) -> articles (split, extract) -> feed model
 * -> writers.  Only this file prints or exits.
 */
/* sched_getaffinity */
#define _GNU_SOURCE
#include <errno.h>
#include <libxml/parser.h>
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "ascii.h"
#include "collection.h"
#include "decode.h"
#include "diag.h"
#include "feedcheck.h"
#include "fsutil.h"
#include "ident.h"
#include "lock.h"
#include "options.h"
#include "run.h"
#include "selfcheck.h"
#include "state.h"
#include "utf8.h"
#include "websub.h"
#include "writer.h"

#include <curl/curl.h>
#include <dirent.h>
#include <time.h>

/* What the state remembers of a published file: its entry count. */
static size_t old_count(struct run *r, const char *rel)
{
	char key[600], *v;
	size_t n;

	if (!r->st)
		return 0;
	snprintf(key, sizeof(key), "count:%s", rel);
	v = state_get(r->st, key);
	n = v ? (size_t)strtoull(v, NULL, 10) : 0;
	free(v);
	return n;
}

/*
 * Writing and checking run on a few threads: a job writes some files of
 * one set (each job renders the articles it writes), starts their
 * write-out, then checks them with feedcheck's rules.  The articles are
 * only read; what a job has to say goes to its own buffer and is printed
 * in job order, so the output does not depend on the scheduling.
 */
struct job {
	struct outset *o;
	int files[3];           /* indexes into o->f */
	int nfiles;
	int write_failed;
	char *msg;              /* what the job printed */
	size_t msglen;
};

struct pool {
	struct run *r;
	struct job *v;
	size_t *order;          /* the order the jobs are taken in */
	size_t n, next;
	pthread_mutex_t mu;
};

/* body_source.get: an article's text from the state */
static const char *stored_body(void *arg, const struct article *a, size_t *len)
{
	return a->row ? state_body(arg, a->row, len) : NULL;
}

static void run_job(struct pool *p, struct job *j, FILE *err)
{
	struct run *r = p->r;
	struct outset *o = j->o;
	FILE *fp[3] = { NULL, NULL, NULL };
	const char *errmsg;
	struct body_source src;
	int k;

	for (k = 0; k < j->nfiles; k++)
		fp[j->files[k]] = o->f[j->files[k]].fp;
	src.get = stored_body;
	src.arg = r->st ? state_bodies_open(r->st) : NULL;
	if (write_feeds(&o->m, o->v, o->n, fp[0], fp[1], fp[2],
			src.arg ? &src : NULL, &errmsg) < 0) {
		if (errmsg == writer_err_body)
			fprintf(err, "%s: error: %s [state-unusable]\n", r->state_path,
				errmsg);
		else
			fprintf(err, "%s: error: %s: %s [output-unwritable]\n",
				r->outdir, errmsg, strerror(errno));
		j->write_failed = 1;
	} else if (!r->dry_run) {
		for (k = 0; k < j->nfiles; k++)
			ft_atomic_writeback(&o->f[j->files[k]].af);
	}
	state_bodies_close(src.arg);
	if (j->write_failed)
		return;
	for (k = 0; k < j->nfiles; k++) {
		struct outfile *f = &o->f[j->files[k]];
		if (selfcheck_file(f->fp, r->outdir, f->rel, err) < 0)
			f->check_failed = 1;
	}
}

static void *worker(void *arg)
{
	struct pool *p = arg;

	for (;;) {
		struct job *j;
		FILE *err;
		pthread_mutex_lock(&p->mu);
		j = p->next < p->n ? &p->v[p->order[p->next++]] : NULL;
		pthread_mutex_unlock(&p->mu);
		if (!j)
			return NULL;
		err = open_memstream(&j->msg, &j->msglen);
		run_job(p, j, err ? err : stderr);
		if (err)
			fclose(err);
	}
}

static int open_outfile(struct run *r, struct outfile *f)
{
	struct stat st;
	char *path = ft_xasprintf("%s/%s", r->outdir, f->rel);

	if (!path)
		return -1;
	f->existed = stat(path, &st) == 0;
	if (r->dry_run) {
		/* a scratch file away from OUTDIR: nothing is written there */
		f->af.target = path;
		f->fp = f->af.fp = tmpfile();
	} else {
		char *slash = strrchr(path, '/');
		*slash = '\0';
		if (ft_mkdir_p(path, 0777) < 0) {
			fprintf(stderr, "%s: error: cannot create folder: %s [output-unwritable]\n",
				path, strerror(errno));
			free(path);
			return -1;
		}
		*slash = '/';
		if (ft_atomic_open(&f->af, path) == 0)
			f->fp = f->af.fp;
		free(path);
	}
	if (!f->fp) {
		fprintf(stderr, "%s/%s: error: cannot write: %s [output-unwritable]\n",
			r->outdir, f->rel, strerror(errno));
		return -1;
	}
	return 0;
}

/* Write and check every file of every set.  Returns -1 when a file could
 * not be written (said why); check findings are in f->check_failed. */
static int write_sets(struct run *r, struct outsets *sets)
{
	struct pool p;
	pthread_t tid[8];
	size_t s, nthreads = config_threads(), started = 0, i, no = 0;
	int k, rc = 0, split;

	memset(&p, 0, sizeof(p));
	p.r = r;
	for (s = 0; s < sets->n; s++)
		for (k = 0; k < 3; k++)
			if (sets->v[s].f[k].rel && open_outfile(r, &sets->v[s].f[k]) < 0)
				return -1;
	/* with fewer sets than threads, each file of a set is a job (the
	 * articles are rendered once for each, on several processors);
	 * otherwise a job is a whole set, rendered once */
	split = nthreads > 1 && sets->n < nthreads;
	if (!(p.v = calloc(sets->n * 3 + 1, sizeof(*p.v))) ||
	    !(p.order = calloc(sets->n * 3 + 1, sizeof(*p.order)))) {
		free(p.v);
		return -1;
	}
	for (s = 0; s < sets->n; s++) {
		struct outset *o = &sets->v[s];
		struct job *j = &p.v[p.n];
		for (k = 0; k < 3; k++) {
			if (!o->f[k].fp)
				continue;
			if (split && j->nfiles)
				j = &p.v[++p.n];
			j->o = o;
			j->files[j->nfiles++] = k;
		}
		if (j->nfiles)
			p.n++;
	}
	/* the jobs run JSON Feeds first, as their check takes longest; the
	 * messages are printed in the jobs' own order, whatever the threads */
	for (i = 0; i < p.n; i++)
		if (p.v[i].files[0] == FMT_JSON)
			p.order[no++] = i;
	for (i = 0; i < p.n; i++)
		if (p.v[i].files[0] != FMT_JSON)
			p.order[no++] = i;
	if (nthreads > p.n)
		nthreads = p.n;
	/* the bodies were freed as their pages were stored (the jobs read
	 * them back from the state): hand that heap back before they start */
	malloc_trim(0);
	pthread_mutex_init(&p.mu, NULL);
	/* the first thread is this one */
	for (i = 1; i < nthreads; i++)
		if (pthread_create(&tid[started], NULL, worker, &p) == 0)
			started++;
	worker(&p);
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	pthread_mutex_destroy(&p.mu);
	for (i = 0; i < p.n; i++) {
		if (p.v[i].msg) {
			fwrite(p.v[i].msg, 1, p.v[i].msglen, stderr);
			free(p.v[i].msg);
		}
		if (p.v[i].write_failed)
			rc = -1;
	}
	free(p.v);
	free(p.order);
	return rc;
}

/* The checks before anything is published.  Returns 0, or -1 having
 * printed why. */
static int guard(struct run *r, struct outsets *sets)
{
	size_t s;
	int i, bad = 0;

	for (s = 0; s < sets->n; s++) {
		struct outset *o = &sets->v[s];
		for (i = 0; i < 3; i++) {
			struct outfile *f = &o->f[i];
			size_t before;
			if (!f->fp)
				continue;
			if (f->check_failed)
				bad = 1;
			if (r->allow_shrink || o->is_section)
				continue;
			before = old_count(r, f->rel);
			if (o->n == 0) {
				fprintf(stderr, "%s/%s: error: the feed would have no entries; not published (--allow-shrink to publish it) [shrink-guard]\n",
					r->outdir, f->rel);
				bad = 1;
			} else if (o->n * 2 < before) {
				fprintf(stderr, "%s/%s: error: the feed would shrink from %zu to %zu entries; not published (--allow-shrink to publish it) [shrink-guard]\n",
					r->outdir, f->rel, before, o->n);
				bad = 1;
			}
		}
	}
	return bad ? -1 : 0;
}

static int commit_sets(struct run *r, struct outsets *sets)
{
	size_t s;
	int i;

	for (s = 0; s < sets->n; s++) {
		struct outset *o = &sets->v[s];
		for (i = 0; i < 3; i++) {
			struct outfile *f = &o->f[i];
			if (!f->fp)
				continue;
			if (ft_atomic_commit(&f->af, r->dry_run, &f->changed) < 0) {
				fprintf(stderr, "%s/%s: error: cannot replace: %s [output-unwritable]\n",
					r->outdir, f->rel, strerror(errno));
				return -1;
			}
		}
	}
	return 0;
}

static void report(struct run *r, struct outsets *sets)
{
	size_t s, unchanged = 0;
	int i;

	if (r->quiet && !r->dry_run)
		return;
	for (s = 0; s < sets->n; s++) {
		struct outset *o = &sets->v[s];
		for (i = 0; i < 3; i++) {
			struct outfile *f = &o->f[i];
			const char *what;
			if (!f->fp)
				continue;
			if (s > 0 && !f->changed) {
				unchanged++;
				continue;
			}
			what = !f->changed ? "unchanged" : f->existed ? "updated" : "created";
			if (r->dry_run)
				printf("would be %s/%s: %s (%zu entries)\n", r->outdir, f->rel,
				       !f->changed ? "left unchanged" : what, o->n);
			else
				printf("%s/%s: %s (%zu entries)\n", r->outdir, f->rel, what, o->n);
		}
	}
	if (unchanged)
		printf("%s: %zu archive and section files %sunchanged\n", r->outdir,
		       unchanged, r->dry_run ? "would be left " : "");
}

static void ping_hub(struct run *r, struct outsets *sets)
{
	size_t s;
	int i;
	char err[CURL_ERROR_SIZE + 64];

	if (!r->hub || r->dry_run)
		return;
	for (s = 0; s < sets->n; s++)
		for (i = 0; i < 3; i++) {
			struct outfile *f = &sets->v[s].f[i];
			if (!f->fp || !f->changed || sets->v[s].is_archive)
				continue;
			if (websub_ping(r->hub, f->url, 10, err, sizeof(err)) < 0)
				fprintf(stderr, "%s: warning: WebSub ping for %s failed: %s [websub-ping-failed]\n",
					r->hub, f->url, err);
		}
}

static void remember(struct run *r, struct outsets *sets)
{
	size_t s;
	int i;
	char key[600], val[32];

	for (s = 0; s < sets->n; s++)
		for (i = 0; i < 3; i++) {
			struct outfile *f = &sets->v[s].f[i];
			if (!f->fp)
				continue;
			snprintf(key, sizeof(key), "count:%s", f->rel);
			snprintf(val, sizeof(val), "%zu", sets->v[s].n);
			state_set(r->st, key, val);
		}
}

/* FNV-1a, for fingerprints */
static void fp_add(unsigned long long *h, const char *s)
{
	for (; s && *s; s++) {
		*h ^= (unsigned char)*s;
		*h *= 0x100000001b3ULL;
	}
	*h ^= 0xFF;
	*h *= 0x100000001b3ULL;
}

/* What decides how pages are read: a change re-reads every page. */
static void parse_key(const struct run *r, char out[17])
{
	unsigned long long h = 0xcbf29ce484222325ULL;
	fp_add(&h, FEED_VERSION);
	fp_add(&h, r->host);
	fp_add(&h, opt_get(&r->opt, OPT_TZ));
	fp_add(&h, r->encoding);
	snprintf(out, 17, "%016llx", h);
}

/* What decides the output: options and every page's size and mtime. */
static void fingerprint(const struct run *r, char out[17])
{
	unsigned long long h = 0xcbf29ce484222325ULL;
	char num[64];
	size_t i;
	int k;

	for (k = 0; k < OPT__COUNT; k++)
		if (k != OPT_QUIET && k != OPT_DRY_RUN && k != OPT_WAIT &&
		    k != OPT_CONFIG && k != OPT_HELP && k != OPT_VERSION)
			fp_add(&h, opt_get(&r->opt, (enum opt_id)k) ?
				   opt_get(&r->opt, (enum opt_id)k) : "\x01");
	for (i = 0; i < r->opt.nmap; i++) {
		fp_add(&h, r->opt.map_key[i]);
		fp_add(&h, r->opt.map_value[i]);
	}
	fp_add(&h, FEED_VERSION);
	for (i = 0; i < r->pages.n; i++) {
		fp_add(&h, r->pages.v[i].path);
		snprintf(num, sizeof(num), "%lld %lld", r->pages.v[i].size,
			 r->pages.v[i].mtime_ns);
		fp_add(&h, num);
	}
	snprintf(out, 17, "%016llx", h);
}

/* "rel size mtime_ns" lines of the published files, as they are now */
static char *outputs_now(const struct run *r, const char *list)
{
	struct buf b = BUF_INIT((size_t)16 << 20);
	const char *p = list;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *rel = strndup(p, n), *path;
		struct stat st;
		if (!rel)
			break;
		path = ft_xasprintf("%s/%s", r->outdir, rel);
		if (path && stat(path, &st) == 0)
			ft_buf_addf(&b, "%s %lld %lld\n", rel, (long long)st.st_size,
				 (long long)st.st_mtim.tv_sec * 1000000000LL +
				 st.st_mtim.tv_nsec);
		else
			ft_buf_addf(&b, "%s missing\n", rel);
		free(path);
		free(rel);
		p = nl ? nl + 1 : NULL;
	}
	return ft_buf_detach(&b);
}

static int remember_outputs(struct run *r, struct outsets *sets,
			    const char *fp)
{
	struct buf names = BUF_INIT((size_t)16 << 20);
	char *sig;
	size_t s;
	int i, rc = -1;

	for (s = 0; s < sets->n; s++)
		for (i = 0; i < 3; i++)
			if (sets->v[s].f[i].fp)
				ft_buf_addf(&names, "%s\n", sets->v[s].f[i].rel);
	sig = outputs_now(r, names.data);
	if (sig && state_begin(r->st) == 0) {
		if (state_set(r->st, "fingerprint", fp) == 0 &&
		    state_set(r->st, "outputs", names.data ? names.data : "") == 0 &&
		    state_set(r->st, "outputs-sig", sig) == 0 &&
		    state_commit(r->st) == 0)
			rc = 0;
		else
			state_rollback(r->st);
	}
	free(sig);
	ft_buf_release(&names);
	return rc;
}

/* Nothing changed since the last run and the files are as it left them? */
static int nothing_to_do(struct run *r, const char *fp)
{
	char *old = state_get(r->st, "fingerprint");
	char *errs = state_get(r->st, "page-errors");
	char *list = NULL, *sig = NULL, *now = NULL;
	int same = 0;

	if (old && !strcmp(old, fp) && errs && !strcmp(errs, "0")) {
		list = state_get(r->st, "outputs");
		sig = state_get(r->st, "outputs-sig");
		now = list ? outputs_now(r, list) : NULL;
		same = sig && now && *list && !strcmp(sig, now);
	}
	free(old);
	free(errs);
	free(list);
	free(sig);
	free(now);
	return same;
}

/* Temporary files of runs that were killed: ".NAME.tmpXXXXXX" beside the
 * feeds.  Called under the lock, so no live run owns them. */
static void remove_stale_temps(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		const char *t = strstr(e->d_name, ".tmp");
		char *path;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		path = ft_xasprintf("%s/%s", dir, e->d_name);
		if (!path)
			break;
		if (e->d_name[0] == '.' && t && strlen(t) == 10)
			unlink(path);
		else if (depth < 2 && e->d_type == DT_DIR && e->d_name[0] != '.')
			remove_stale_temps(path, depth + 1);
		free(path);
	}
	closedir(d);
}

static int open_state(struct run *r)
{
	struct diag_list dl;
	struct stat st;
	const char *path = r->state_path;

	/* a dry run leaves no state behind where there was none */
	if (r->dry_run && stat(path, &st) < 0)
		path = ":memory:";
	ft_diag_list_init(&dl);
	r->st = state_open(path, &dl);
	config_show(r, &dl);
	ft_diag_list_release(&dl);
	return r->st ? 0 : -1;
}

static int run(struct run *r)
{
	struct diag_list dl;
	struct feed_meta m;
	struct outsets sets = { 0 };
	char *title = NULL, fp[17], pk[17], *old_pk = NULL;
	size_t i;
	int c, rc = EXIT_IO, fresh_ok, in_tx = 0;
	long holder;

	ft_diag_list_init(&dl);
	for (c = 0; c < r->opt.nargs; c++) {
		if (collection_scan(r->opt.args[c], &r->pages, &dl) < 0) {
			ft_diag_list_print(stderr, &dl, DIAG_INFO);
			ft_diag_list_release(&dl);
			return EXIT_IO;
		}
	}
	config_show(r, &dl);
	ft_diag_list_release(&dl);
	if (page_set_dedupe(&r->pages) < 0)
		return EXIT_IO;

	if (!r->dry_run) {
		char *lockpath = ft_xasprintf("%s/.feedgen.lock", r->outdir);
		if (ft_mkdir_p(r->outdir, 0777) < 0 || !lockpath) {
			fprintf(stderr, "%s: error: cannot create output folder: %s [output-unwritable]\n",
				r->outdir, strerror(errno));
			free(lockpath);
			return EXIT_IO;
		}
		r->lockfd = lock_acquire(lockpath, r->wait, &holder);
		free(lockpath);
		if (r->lockfd == -2) {
			if (holder)
				fprintf(stderr, "feedgen: '%s' is locked by pid %ld\n", r->outdir, holder);
			else
				fprintf(stderr, "feedgen: '%s' is locked by another run\n", r->outdir);
			return EXIT_LOCKED;
		}
		if (r->lockfd < 0) {
			fprintf(stderr, "%s: error: cannot lock: %s [output-unwritable]\n",
				r->outdir, strerror(errno));
			return EXIT_IO;
		}
	}
	if (!r->dry_run)
		remove_stale_temps(r->outdir, 0);
	if (open_state(r) < 0)
		return EXIT_IO;
	r->now.t = (long long)time(NULL);
	r->now.off = ft_tz_offset_utc(&r->tz, r->now.t);

	fingerprint(r, fp);
	if (nothing_to_do(r, fp)) {
		if (!r->quiet || r->dry_run)
			printf("%s: nothing changed since the last run\n", r->outdir);
		return EXIT_OK;
	}
	parse_key(r, pk);
	old_pk = state_get(r->st, "parse-key");
	fresh_ok = old_pk && !strcmp(old_pk, pk);
	free(old_pk);
	if (state_begin(r->st) < 0) {
		fprintf(stderr, "%s: error: cannot use the state: %s [state-unusable]\n",
			r->state_path, state_error(r->st));
		return EXIT_IO;
	}
	in_tx = 1;
	if (pages_read(r, fresh_ok) < 0)
		goto out;
	if (state_sweep(r->st) < 0 || state_set(r->st, "parse-key", pk) < 0)
		goto state_fail;
	if (!r->dry_run)
		state_writeback(r->st);
	outsets_order(r);
	for (i = 0; i < r->arts.n; i++) {
		struct article *a = &r->arts.v[i];
		const char *why;
		free(a->link);
		if (!(a->link = expand_link(r->tmpl, r->base, a, &why)))
			goto out;
	}

	memset(&m, 0, sizeof(m));
	m.title = opt_get(&r->opt, OPT_TITLE);
	if (!m.title || !*m.title)
		m.title = title = outsets_default_title(r->opt.args[0]);
	m.subtitle = opt_get(&r->opt, OPT_SUBTITLE);
	m.author = opt_get(&r->opt, OPT_AUTHOR);
	if (!m.author || !*m.author)
		m.author = m.title;
	m.lang = opt_get(&r->opt, OPT_LANG);
	m.home_url = ft_xasprintf("%s/", r->base);
	m.id = m.home_url;
	m.hub = r->hub;
	if (!m.title || !m.home_url)
		goto out;
	if (!r->arts.n)
		fprintf(stderr, "feedgen: %s: no articles in %s%s [no-articles]\n",
			r->allow_shrink ? "warning" : "error", r->opt.args[0],
			r->opt.nargs > 1 ? " and the other collections" : "");
	if (outsets_build(r, &m, &sets, &r->now) < 0 || write_sets(r, &sets) < 0)
		goto out;
	if (guard(r, &sets) < 0) {
		rc = EXIT_NOT_PUBLISHED;
		fprintf(stderr, "feedgen: nothing published; the feeds in '%s' are as they were\n",
			r->outdir);
		goto out;
	}
	/* the state first: if the run dies before the renames, the next run
	 * sees files that do not match what the state says and writes again */
	remember(r, &sets);
	{
		char num[32];
		snprintf(num, sizeof(num), "%zu", r->page_errors);
		state_set(r->st, "page-errors", num);
	}
	if (r->dry_run) {
		state_rollback(r->st);
		in_tx = 0;
	} else if (state_commit(r->st) < 0) {
		goto state_fail;
	} else {
		in_tx = 0;
	}
	if (commit_sets(r, &sets) < 0)
		goto out;
	if (!r->dry_run)
		remember_outputs(r, &sets, fp);
	report(r, &sets);
	ping_hub(r, &sets);
	rc = r->page_errors ? EXIT_PAGES : EXIT_OK;
	goto out;
state_fail:
	fprintf(stderr, "%s: error: cannot update the state: %s [state-unusable]\n",
		r->state_path, state_error(r->st));
out:
	if (in_tx)
		state_rollback(r->st);
	outsets_release(&sets);
	free(title);
	free((char *)m.home_url);
	return rc;
}

/* Every new file of a run is open until it is published, and --archive
 * makes one per LIMIT entries: the soft limit on open files goes up to
 * the hard one (as many servers do). */
static void raise_open_files(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
}

int main(int argc, char **argv)
{
	struct run r;
	struct diag_list dl;
	int rc;

	memset(&r, 0, sizeof(r));
	r.lockfd = -1;
	ft_diag_list_init(&dl);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	options_init(&r.opt);
	fc_init();          /* before the threads that check */
	raise_open_files();
	if (options_parse_argv(&r.opt, argc, argv, &dl) < 0) {
		rc = config_usage_error(&dl);
		goto out;
	}
	if (opt_flag(&r.opt, OPT_HELP)) {
		fputs(feedgen_usage, stdout);
		rc = EXIT_OK;
		goto out;
	}
	if (opt_flag(&r.opt, OPT_VERSION)) {
		printf("feedgen %s\n", FEED_VERSION);
		rc = EXIT_OK;
		goto out;
	}
	if (r.opt.nargs == 0) {
		ft_diag_add(&dl, DIAG_ERROR, "usage", "feedgen", 0, 0,
			 "no COLLECTION given");
		rc = config_usage_error(&dl);
		goto out;
	}
	rc = config_apply(&r, &dl);
	if (rc == EXIT_OK)
		rc = run(&r);
out:
	state_close(r.st);
	lock_release(r.lockfd);
	free(r.state_path);
	article_list_release(&r.arts);
	page_set_release(&r.pages);
	curl_global_cleanup();
	free(r.host);
	free(r.base_owned);
	options_release(&r.opt);
	ft_diag_list_release(&dl);
	xmlCleanupParser();
	/* a full disk or a closed pipe must not go unnoticed */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "feedgen: error: cannot write to standard output\n");
		if (rc == EXIT_OK)
			rc = EXIT_IO;
	}
	return rc;
}
