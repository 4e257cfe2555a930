/*
 * publish.c - from the feed sets to the published files: the job pool
 * that writes every file and checks it with feedcheck's rules, the shrink
 * guard, the commit by rename, the report, the WebSub ping, the entry
 * counts the state keeps for the next run's guard, and the temporary files
 * of runs that were killed.
 */
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"
#include "run.h"
#include "selfcheck.h"
#include "state.h"
#include "websub.h"
#include "writer.h"

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
int publish_write(struct run *r, struct outsets *sets)
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
int publish_guard(struct run *r, struct outsets *sets)
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

int publish_commit(struct run *r, struct outsets *sets)
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

void publish_report(struct run *r, struct outsets *sets)
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

void publish_ping_hub(struct run *r, struct outsets *sets)
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

void publish_remember(struct run *r, struct outsets *sets)
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

void publish_remove_stale_temps(const struct run *r)
{
	remove_stale_temps(r->outdir, 0);
}
