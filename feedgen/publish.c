/*
 * publish.c - from the feed sets to the published files: the job pool
 * that writes every file from the state's articles and checks it with
 * feedcheck's rules, the shrink guard, the commit by rename, the report,
 * what the state keeps of each file for the next run, the files it
 * published that no set writes any more (removed once the new ones are
 * in place), and the temporary files of runs that were killed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "budget.h"
#include "buf.h"
#include "diag.h"
#include "fsutil.h"
#include "ident.h"
#include "media.h"
#include "run.h"
#include "selfcheck.h"
#include "state.h"
#include "writer.h"

/* A message about dir/rel in the one form (the name cut at PATH_MAX, as
 * no file's could be longer) */
static void file_message(FILE *fp, const char *dir, const char *rel,
			 enum diag_severity sev, const char *rule,
			 const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void file_message(FILE *fp, const char *dir, const char *rel,
			 enum diag_severity sev, const char *rule,
			 const char *fmt, ...)
{
	char where[PATH_MAX];
	va_list ap;

	snprintf(where, sizeof(where), "%s/%s", dir, rel);
	va_start(ap, fmt);
	ft_vmessage(fp, where, 0, 0, sev, rule, fmt, ap);
	va_end(ap);
}

/* How many entries the file had when the last run published it; -1 when
 * not known. */
static long long old_count(struct run *r, const char *rel)
{
	struct state_output so;

	return state_output_get(r->st, rel, &so) == 1 ? so.entries : -1;
}

/*
 * Writing and checking run on a few threads: a job writes some files of
 * one set, reading its articles from the state with a cursor of its own,
 * starts their write-out, checks them with feedcheck's rules, and parks
 * them (their buffers freed) until the commit.  What a job has to say goes
 * to its own buffer and is printed in job order, so the output does not
 * depend on the scheduling.
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
	int ready;              /* the jobs may be taken */
	pthread_mutex_t mu;
	pthread_cond_t go;
};

/* entry_source.next: the next article of the window, with its link */
struct entries {
	struct run *r;
	struct state_cursor *c;
	struct article a;
	char *link;
};

static int next_entry(void *arg, const struct article **out)
{
	struct entries *e = arg;
	const char *why;
	int k;

	free(e->link);
	e->link = NULL;
	k = state_cursor_next(e->c, &e->a);
	if (k <= 0)
		return k;
	/* the link its front matter gives, else the template's */
	if (!(e->link = e->a.url ? strdup(e->a.url) :
			expand_link(e->r->tmpl, e->r->base, &e->a, &why)))
		return -1;
	e->a.link = e->link;
	*out = &e->a;
	return 1;
}

/* The new file of f, in its folder under OUTDIR (opened without following
 * a link); with --dry-run, in memory.  0, or -1 having said why. */
static int open_outfile(struct run *r, struct outfile *f, FILE *err)
{
	const char *slash = strrchr(f->rel, '/');
	char *dir = slash ? strndup(f->rel, (size_t)(slash - f->rel)) : strdup(".");
	const char *name = slash ? slash + 1 : f->rel;
	char *shown = ft_asprintf("%s/%s", r->outdir, f->rel);
	struct stat st;
	int dirfd = -1, rc = -1;

	if (!dir || !shown)
		goto done;
	if (r->outfd >= 0) {
		dirfd = ft_open_dir(r->outfd, dir, !r->dry_run, 0777);
		if (dirfd < 0 && !r->dry_run) {
			file_message(err, r->outdir, dir, DIAG_ERROR, "output-unwritable",
				     "cannot open the folder: %s%s", strerror(errno),
				     errno == ELOOP || errno == ENOTDIR ?
				     " (a symbolic link or a file where a folder should be; not followed)" : "");
			goto done;
		}
	}
	f->existed = dirfd >= 0 && fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
	if (ft_atomic_open(&f->af, dirfd, name, shown, r->dry_run) < 0) {
		ft_message(err, shown, 0, 0, DIAG_ERROR, "output-unwritable",
			   "cannot write: %s",
			   strerror(errno));
		dirfd = -1;     /* the atomic file closed it */
		goto done;
	}
	dirfd = -1;
	f->opened = 1;
	rc = 0;
done:
	if (dirfd >= 0)
		close(dirfd);
	free(dir);
	free(shown);
	return rc;
}

/* Open the job's files (fp[format], NULL for those it does not write).
 * 0, or -1 having said why. */
static int open_job_files(struct run *r, struct job *j, FILE *fp[3], FILE *err)
{
	int k;

	for (k = 0; k < j->nfiles; k++) {
		struct outfile *f = &j->o->f[j->files[k]];
		if (open_outfile(r, f, err) < 0)
			return -1;
		fp[j->files[k]] = f->af.fp;
	}
	return 0;
}

/* Write the job's files from window w's articles: 0, or -1 having said
 * why. */
static int write_job(struct run *r, struct job *j, const struct state_window *w,
		     FILE *fp[3], FILE *err, struct feed_measure *ms)
{
	struct outset *o = j->o;
	struct entries e;
	struct entry_source src;
	const char *errmsg;
	int rc = 0;

	memset(&e, 0, sizeof(e));
	e.r = r;
	src.next = next_entry;
	src.arg = &e;
	if (!(e.c = state_cursor_open(r->st, w)) ||
	    write_feeds_measured(&o->m, &src, fp[0], fp[1], fp[2], &errmsg, ms) < 0) {
		if (!e.c || errmsg == writer_err_source)
			ft_message(err, r->state_path, 0, 0, DIAG_ERROR, "state-unusable",
				   "cannot read the articles back: %s",
				   state_error(r->st));
		else
			ft_message(err, o->f[j->files[0]].af.shown, 0, 0, DIAG_ERROR, "output-unwritable",
				   "%s: %s", errmsg, strerror(errno));
		rc = -1;
	}
	free(e.link);
	state_cursor_close(e.c);
	return rc;
}

/*
 * --max-bytes: files written over the budget are written again with
 * their oldest entries left out (budget.c).  0, or -1 when they could not
 * be written (said); an entry that alone does not fit marks the files
 * check_failed (said), so that nothing is published.
 */
static int fit_budget(struct run *r, struct job *j, FILE *err,
		      const struct feed_measure *ms)
{
	struct outset *o = j->o;
	struct state_window w = o->w;
	FILE *fp[3] = { NULL, NULL, NULL };
	long long keep;
	int over, k;

	keep = budget_entries(ms, r->max_bytes, &over);
	if (!over)
		return 0;
	for (k = 0; k < j->nfiles; k++) {
		struct outfile *f = &o->f[j->files[k]];
		if (keep == 0) {
			ft_message(err, f->af.shown, 0, 0, DIAG_ERROR, "entry-too-large",
				   "the entry '%s' alone is larger than --max-bytes (%lld bytes); not published",
				   ms->first_id ? ms->first_id : "", r->max_bytes);
			f->check_failed = 1;
			continue;
		}
		if (!r->quiet)
			ft_message(err, f->af.shown, 0, 0, DIAG_INFO, "feed-trimmed",
				   "its %lld oldest entr%s left out to stay within --max-bytes (%lld bytes)",
				   (long long)ms->n - keep,
				   (long long)ms->n - keep == 1 ? "y is" : "ies are",
				   r->max_bytes);
		ft_atomic_abort(&f->af);
		f->opened = 0;
		f->trimmed = 1;
		f->entries = keep;
	}
	if (keep == 0)
		return 0;
	/* a window of its own: o->w is the set's other jobs' too */
	w.count = keep;
	if (open_job_files(r, j, fp, err) < 0)
		return -1;
	return write_job(r, j, &w, fp, err, NULL);
}

static void run_job(struct pool *p, struct job *j, FILE *err)
{
	struct run *r = p->r;
	struct outset *o = j->o;
	FILE *fp[3] = { NULL, NULL, NULL };
	struct feed_measure ms;
	int k;

	memset(&ms, 0, sizeof(ms));
	if (open_job_files(r, j, fp, err) < 0) {
		j->write_failed = 1;
		return;
	}
	if (write_job(r, j, &o->w, fp, err, r->max_bytes ? &ms : NULL) < 0 ||
	    (r->max_bytes && fit_budget(r, j, err, &ms) < 0))
		j->write_failed = 1;
	feed_measure_release(&ms);
	if (j->write_failed)
		return;
	for (k = 0; k < j->nfiles; k++) {
		struct outfile *f = &o->f[j->files[k]];
		if (!f->opened)
			continue;
		if (!r->dry_run)
			ft_atomic_writeback(&f->af);
		if (selfcheck_file(f->af.fp, r->outdir, f->rel, r->quiet, err) < 0)
			f->check_failed = 1;
		if (ft_atomic_park(&f->af) < 0) {
			ft_message(err, f->af.shown, 0, 0, DIAG_ERROR, "output-unwritable",
				   "cannot write: %s",
				   strerror(errno));
			j->write_failed = 1;
		}
	}
}

static void *worker(void *arg)
{
	struct pool *p = arg;

	/* libxml2's own messages (its writer's "I/O error : No space left
	 * on device") are not feedgen's: the job says what failed, naming
	 * the file, in the one form */
	media_quiet_libxml();
	pthread_mutex_lock(&p->mu);
	while (!p->ready)
		pthread_cond_wait(&p->go, &p->mu);
	pthread_mutex_unlock(&p->mu);
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

/* What the jobs open besides the new files: a check's mapping, SQLite's
 * temporary files, libmagic, the writers' streams. */
#define OPEN_FILES_MARGIN 16

/*
 * Every new file stays open, with its folder, until the commit
 * (ft_atomic_open): a run with many archive documents needs that many
 * descriptors at once.  Said before any file or folder is made, with the
 * number needed, rather than found half-way.  0, or -1 having said why.
 */
static int enough_open_files(struct run *r, const struct outsets *sets)
{
	struct rlimit rl;
	size_t files = 0, in_use = 0, need, s;
	int i, fd, top;

	for (s = 0; s < sets->n; s++)
		for (i = 0; i < 3; i++)
			files += !sets->v[s].skip && sets->v[s].f[i].rel;
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY)
		return 0;
	top = rl.rlim_cur > 65536 ? 65536 : (int)rl.rlim_cur;
	for (fd = 0; fd < top; fd++)
		in_use += fcntl(fd, F_GETFD) != -1;
	need = 2 * files + in_use + OPEN_FILES_MARGIN;
	if (need <= (size_t)rl.rlim_cur)
		return 0;
	ft_message(stderr, r->outdir, 0, 0, DIAG_ERROR, "open-files",
		   "this run keeps %zu files open until it publishes (%zu new feed files, two descriptors each, %zu in use and %d for the work), more than the limit of %llu open files: raise it (ulimit -n %zu, systemd's LimitNOFILE=), or give a larger --limit for fewer archive documents; nothing written",
		   need, files, in_use, OPEN_FILES_MARGIN, (unsigned long long)rl.rlim_cur, need);
	return -1;
}

int publish_write(struct run *r, struct outsets *sets)
{
	struct pool p;
	pthread_t tid[8];
	size_t s, nthreads = config_threads(), started = 0, i, no = 0, nsets = 0;
	long long entries = 0;
	int k, rc = 0, split;

	memset(&p, 0, sizeof(p));
	p.r = r;
	if (enough_open_files(r, sets) < 0)
		return -1;
	for (s = 0; s < sets->n; s++)
		if (!sets->v[s].skip) {
			nsets++;
			entries += sets->v[s].n;
		}
	/* a job is a whole set (its articles read once for all its files),
	 * but each file of a set is a job of its own (the articles read once
	 * for each, on several processors) when there are fewer sets than
	 * threads, or when the set alone holds more than a thread's share of
	 * the entries: the main set beside a few small ones, such as the
	 * corrections feed's.  Not under --max-bytes: the formats of a set
	 * keep the same entries, which one job measures (fit_budget) */
	split = nthreads > 1 && !r->max_bytes && nsets < nthreads;
	if (!(p.v = calloc(sets->n * 3 + 1, sizeof(*p.v))) ||
	    !(p.order = calloc(sets->n * 3 + 1, sizeof(*p.order)))) {
		free(p.v);
		ft_message(stderr, "feedgen", 0, 0, DIAG_ERROR, "out-of-memory",
			   "cannot write the feeds: out of memory");
		return -1;
	}
	for (s = 0; s < sets->n; s++) {
		struct outset *o = &sets->v[s];
		struct job *j = &p.v[p.n];
		if (o->skip)
			continue;
		for (k = 0; k < 3; k++) {
			if (!o->f[k].rel)
				continue;
			if (j->nfiles && nthreads > 1 && !r->max_bytes &&
			    (split || o->n * (long long)nthreads > entries))
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
	/* what the pages' reading left: hand that heap back before the jobs
	 * start */
	malloc_trim(0);
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.go, NULL);
	/* the first thread is this one */
	for (i = 1; i < nthreads; i++)
		if (pthread_create(&tid[started], NULL, worker, &p) == 0)
			started++;
	pthread_mutex_lock(&p.mu);
	p.ready = 1;
	pthread_cond_broadcast(&p.go);
	pthread_mutex_unlock(&p.mu);
	worker(&p);
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	pthread_cond_destroy(&p.go);
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

/* How many entries a file holds. */
static long long outfile_entries(const struct outset *o, const struct outfile *f)
{
	return f->trimmed ? f->entries : o->n;
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
			long long before;
			if (!f->opened)
				continue;
			if (f->check_failed)
				bad = 1;
			if (r->allow_shrink || o->is_section)
				continue;
			before = old_count(r, f->rel);
			if (f->trimmed ? f->entries == 0 : o->n == 0) {
				file_message(stderr, r->outdir, f->rel, DIAG_ERROR, "shrink-guard",
					     "the feed would have no entries; not published (--allow-shrink to publish it)");
				bad = 1;
			} else if (before > 0 && outfile_entries(o, f) * 2 < before) {
				file_message(stderr, r->outdir, f->rel, DIAG_ERROR, "shrink-guard",
					     "the feed would shrink from %lld to %lld entries; not published (--allow-shrink to publish it)",
					     before, outfile_entries(o, f));
				bad = 1;
			}
		}
	}
	if (!bad && (i = churn_guard(r, sets)) < 0)
		return i;
	return bad ? -1 : 0;
}

/* state_outputs_stale: a file no set writes now, as a line of r->stale
 * ("REL\tSIZE\tMTIME"), once. */
static int add_stale(void *arg, const char *rel, const struct state_output *o)
{
	struct buf *b = arg;
	size_t n = strlen(rel);
	const char *p;

	for (p = b->data; p && (p = strstr(p, rel)); p += n)
		if ((p == b->data || p[-1] == '\n') && p[n] == '\t')
			return 0;
	return ft_buf_addf(b, "%s\t%lld\t%lld\n", rel, o->size, o->mtime) < 0 ? -1 : 0;
}

int publish_remember(struct run *r, struct outsets *sets)
{
	struct buf b = BUF_INIT((size_t)64 << 20);
	char *left;
	size_t s;
	int i;

	for (s = 0; s < sets->n; s++) {
		struct outset *o = &sets->v[s];
		for (i = 0; i < 3; i++) {
			struct outfile *f = &o->f[i];
			struct state_output so;
			if (!f->rel)
				continue;
			if (o->skip) {
				/* as it was: kept, with its size and time */
				if (state_output_get(r->st, f->rel, &so) != 1)
					return -1;
			} else {
				so.size = so.mtime = -1;    /* known once renamed */
				snprintf(so.digest, sizeof(so.digest), "%s", o->digest);
			}
			so.entries = outfile_entries(o, f);
			if (state_output_set(r->st, f->rel, &so) < 0)
				return -1;
		}
	}
	/* what the last run published and this one does not: removed once
	 * the new files are in place, and kept in the state until then (a
	 * run killed before that leaves them to the next) */
	left = state_get(r->st, "stale");
	if ((left && *left && ft_buf_adds(&b, left) < 0) ||
	    state_outputs_stale(r->st, add_stale, &b) != 0 ||
	    state_set(r->st, "stale", b.data ? b.data : "") < 0) {
		free(left);
		ft_buf_release(&b);
		return -1;
	}
	free(left);
	free(r->stale);
	r->stale = b.data ? ft_buf_detach(&b) : NULL;
	return churn_remember(r, sets) < 0 ? -1 : state_outputs_sweep(r->st);
}

/* Remove the empty folders rel is in, up to OUTDIR. */
static void remove_empty_folders(struct run *r, const char *rel)
{
	char *dir = strrchr(rel, '/') ? strndup(rel, (size_t)(strrchr(rel, '/') - rel)) : NULL;
	char *slash;

	while (dir && *dir) {
		if (unlinkat(r->outfd, dir, AT_REMOVEDIR) < 0)
			break;      /* not empty (or gone): its parents are not */
		if (!(slash = strrchr(dir, '/')))
			break;
		*slash = '\0';
	}
	free(dir);
}

/* Does a set write rel (again)? */
static int written(const struct outsets *sets, const char *rel)
{
	size_t s;
	int i;

	for (s = 0; s < sets->n; s++)
		for (i = 0; i < 3; i++)
			if (sets->v[s].f[i].rel && !strcmp(sets->v[s].f[i].rel, rel))
				return 1;
	return 0;
}

void publish_remove_stale(struct run *r, const struct outsets *sets)
{
	char *line, *next;

	for (line = r->stale; line && *line; line = next) {
		char *tab = strchr(line, '\t'), *rel = line;
		long long size = -1, mtime = -1;
		struct stat st;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!tab)
			continue;
		*tab = '\0';
		sscanf(tab + 1, "%lld\t%lld", &size, &mtime);
		/* published again by this run (a section back): not stale */
		if (written(sets, rel) || r->outfd < 0 ||
		    fstatat(r->outfd, rel, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		if (!S_ISREG(st.st_mode) || (size >= 0 && (st.st_size != size ||
		    (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec != mtime))) {
			/* not as feedgen left it: another's now */
			if (!r->quiet)
				file_message(stderr, r->outdir, rel, DIAG_WARNING, "output-kept",
					     "no longer published, but changed since feedgen published it; left as it is");
			continue;
		}
		if (r->dry_run) {
			ft_printf_escaped(stdout, "would be %s/%s: removed (no longer published)\n",
					  r->outdir, rel);
			continue;
		}
		if (unlinkat(r->outfd, rel, 0) < 0) {
			file_message(stderr, r->outdir, rel, DIAG_WARNING, "output-unwritable",
				     "no longer published, and cannot be removed: %s", strerror(errno));
			continue;
		}
		remove_empty_folders(r, rel);
		if (!r->quiet)
			ft_printf_escaped(stdout, "%s/%s: removed (no longer published)\n", r->outdir, rel);
	}
}

int publish_commit(struct run *r, struct outsets *sets)
{
	size_t s;
	int i;

	for (s = 0; s < sets->n; s++) {
		struct outset *o = &sets->v[s];
		for (i = 0; i < 3; i++) {
			struct outfile *f = &o->f[i];
			if (!f->opened)
				continue;
			f->opened = 0;      /* the commit releases af, either way */
			if (ft_atomic_commit(&f->af, r->dry_run, &f->changed) < 0) {
				file_message(stderr, r->outdir, f->rel, DIAG_ERROR, "output-unwritable",
					     "cannot replace: %s", strerror(errno));
				return -1;
			}
		}
	}
	return 0;
}

void publish_abort(struct run *r, struct outsets *sets)
{
	size_t s;
	int i;

	for (s = 0; s < sets->n; s++)
		for (i = 0; i < 3; i++)
			if (sets->v[s].f[i].opened) {
				ft_atomic_abort(&sets->v[s].f[i].af);
				sets->v[s].f[i].opened = 0;
			}
	if (r->dry_run || r->outfd < 0)
		return;
	/* a folder this run made for its new files (archive/, sections/X/),
	 * empty now: OUTDIR holds the feeds and nothing else */
	for (s = 0; s < sets->n; s++)
		for (i = 0; i < 3; i++)
			if (sets->v[s].f[i].rel)
				remove_empty_folders(r, sets->v[s].f[i].rel);
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
			if (!f->rel)
				continue;
			if (s > 0 && !f->changed) {
				unchanged++;
				continue;
			}
			what = !f->changed ? "unchanged" : f->existed ? "updated" : "created";
			if (r->dry_run)
				ft_printf_escaped(stdout, "would be %s/%s: %s (%lld entries)\n", r->outdir, f->rel,
						  !f->changed ? "left unchanged" : what, outfile_entries(o, f));
			else
				ft_printf_escaped(stdout, "%s/%s: %s (%lld entries)\n", r->outdir, f->rel, what,
						  outfile_entries(o, f));
		}
	}
	if (unchanged)
		ft_printf_escaped(stdout, "%s: %zu archive, section and corrections files %sunchanged\n",
				  r->outdir, unchanged, r->dry_run ? "would be left " : "");
}

/* Temporary files of runs that were killed: ".NAME.tmpXXXXXX" beside the
 * feeds (a run that dies while giving a new file its name, or on a file
 * system without O_TMPFILE, leaves one).  Called under the lock, so no
 * live run owns them; links are not followed. */
static void remove_stale_temps(int fd, int depth)
{
	DIR *d = fdopendir(fd);
	struct dirent *e;

	if (!d) {
		close(fd);
		return;
	}
	while ((e = readdir(d))) {
		const char *t = strstr(e->d_name, ".tmp");
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (e->d_name[0] == '.' && t && strlen(t) == 10) {
			unlinkat(dirfd(d), e->d_name, 0);
		} else if (depth < 2 && e->d_type == DT_DIR && e->d_name[0] != '.') {
			int sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY |
					 O_NOFOLLOW | O_CLOEXEC);
			if (sub >= 0)
				remove_stale_temps(sub, depth + 1);
		}
	}
	closedir(d);
}

void publish_remove_stale_temps(const struct run *r)
{
	int fd;

	if (r->outfd < 0 || (fd = dup(r->outfd)) < 0)
		return;
	remove_stale_temps(fd, 0);
}
