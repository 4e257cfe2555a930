/*
 * pages.c - bringing the state up to date with the collection: the walk,
 * one folder at a time, compared with what the state knows of it (new and
 * changed pages to read, gone ones to forget, unchanged ones left alone);
 * the reader threads that read the pages to read (page_read.c) while the
 * walk goes on; this thread storing each page in the state as soon as it
 * and those before it are read, in walk order, and, once every page of a
 * folder where pages changed or went is stored, matching the folder's
 * articles (state_match_folder: ids that follow the article); articles
 * whose id another page's article has (duplicate-id); what each page has
 * to say, kept with it so that -q does not repeat it.
 *
 * Nothing here holds the whole collection: a batch of pages at a time, and
 * the names of the folders seen.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "article.h"
#include "collection.h"
#include "diag.h"
#include "folder_plan.h"
#include "grow.h"
#include "media.h"
#include "page_read.h"
#include "run.h"
#include "state.h"

/* Pages (read or only shown) in one batch: what memory holds at most. */
#define BATCH_PAGES 4096

/*
 * Reading runs on two kinds of thread: readers read, decode, split, hash
 * and render pages, each into its own slot (nothing shared is written),
 * while this thread walks and takes the slots in walk order for what is
 * shared (the state, the messages).  Results and messages do not depend
 * on the scheduling.
 */
struct slot {
	struct page_file pf;
	const char *root;           /* its collection (sync's roots) */
	const char *root_real;      /* ... its absolute path without links */
	int todo;                   /* to be read; else only its stored
				       diagnostics are shown */
	int matching;               /* its folder has pages that changed or
				       went: its new articles wait for the
				       folder's matching */
	int folder_end;             /* not a page: its folder has been
				       stored, match its articles */
	int unsure;                 /* a folder end whose folder has a page
				       not read in this run */
	int known;                  /* the state has the page */
	long long old_size, old_mtime;
	char *old_diags;            /* owned: what it said last time */
	int old_errors;
	int done, failed, unreadable;
	int unsettled;              /* changed while it was read */
	enum plan_prev prev;        /* the page before it, in printed order */
	struct article_list arts;
	struct diag_list dl;
};

struct sync {
	struct run *r;
	int fresh_ok;               /* pages may be taken from the state */
	struct slot *v;
	size_t n;
	char **seen;                /* the folders walked (owned) */
	size_t nseen, aseen;
	char **kept;                /* unreadable folders: their pages stay */
	size_t nkept, akept;
	char **roots;               /* the collections, without a final '/' */
	char **real_roots;          /* ... absolute, without links (or NULL) */
	size_t nroots;              /* ... walked before the current one */
	size_t allroots;
	int failed;                 /* the state could not be written, or no memory */
	int unsure;                 /* a page of the folder being stored could
				       not be read (for its folder end) */
	struct media_sniffer sniff; /* the photos' types, for every reader */
	struct marker_seen ms;      /* the last edition's ready marker */
	struct print_order order;   /* where the pages stored stand in it */
	/* the reader threads, from the first page to read to the end of the
	 * walk: v never moves (BATCH_PAGES slots); readers take slots from
	 * next, up to window past upto, the first this thread has not
	 * finished */
	size_t next, upto, window;
	pthread_t tid[8];
	size_t nthreads, started;
	int stop;                   /* the readers are to end */
	struct page_folder folder;  /* this thread's, when it reads */
	pthread_mutex_t mu;
	pthread_cond_t cv;          /* a slot is done */
	pthread_cond_t room;        /* upto moved, a slot came, or stop */
};

static int push_str(char ***v, size_t *n, size_t *alloc, const char *s)
{
	if (*n == *alloc) {
		char **nv = ft_grow(*v, alloc, *n + 1, sizeof(*nv));
		if (!nv)
			return -1;
		*v = nv;
	}
	if (!((*v)[*n] = strdup(s)))
		return -1;
	(*n)++;
	return 0;
}

static void free_strs(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* dir is prefix, or inside it */
static int under(const char *dir, const char *prefix)
{
	size_t n = strlen(prefix);

	return !strncmp(dir, prefix, n) && (dir[n] == '\0' || dir[n] == '/');
}

/* What dl says, as printed (warnings and errors, one a line); NULL for
 * nothing, or when memory ran out. */
static char *diag_text(const struct diag_list *dl)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp;

	if (!dl->count[DIAG_WARNING] && !dl->count[DIAG_ERROR])
		return NULL;
	if (!(fp = open_memstream(&text, &len)))
		return NULL;
	ft_diag_list_print(fp, dl, DIAG_WARNING);
	if (dl->dropped)
		ft_message(fp, "feedgen", 0, 0, DIAG_INFO, "diagnostic-limit",
			   "%zu more diagnostics not shown", dl->dropped);
	fclose(fp);
	if (text && !*text) {
		free(text);
		text = NULL;
	}
	return text;
}

/* One page into its slot (page_read.c); nothing shared is touched but
 * the photo sniffer, which has its lock. */
static void parse_page(const struct run *r, struct media_sniffer *sniff,
		       struct page_folder *folder, struct slot *sl)
{
	sl->failed = page_read(r, sniff, folder, &sl->pf, sl->root, sl->root_real,
			       &sl->arts, &sl->dl, &sl->unreadable, &sl->unsettled) < 0;
}

#define NO_SLOT ((size_t)-1)

/* The next page to read, under sy->mu: its index, or NO_SLOT when there
 * is none now (wait: wait for one, unless the readers are to stop). */
static size_t claim(struct sync *sy, int wait)
{
	for (;;) {
		while (sy->next < sy->n && !sy->v[sy->next].todo)
			sy->next++;
		if (sy->next < sy->n && sy->next < sy->upto + sy->window)
			return sy->next++;
		if (!wait || sy->stop)
			return NO_SLOT;
		pthread_cond_wait(&sy->room, &sy->mu);
	}
}

static void *reader(void *arg)
{
	struct sync *sy = arg;
	struct page_folder folder = PAGE_FOLDER_INIT;

	media_quiet_libxml();
	for (;;) {
		size_t i;
		/* parsed pages wait in their slots for this thread: only so
		 * many, so memory does not grow with the batch */
		pthread_mutex_lock(&sy->mu);
		i = claim(sy, 1);
		pthread_mutex_unlock(&sy->mu);
		if (i == NO_SLOT) {
			page_folder_close(&folder);
			return NULL;
		}
		parse_page(sy->r, &sy->sniff, &folder, &sy->v[i]);
		pthread_mutex_lock(&sy->mu);
		sy->v[i].done = 1;
		pthread_cond_broadcast(&sy->cv);
		pthread_mutex_unlock(&sy->mu);
	}
}

/* Is slot i read, under sy->mu?  With wait, this thread reads pages too
 * until it is, rather than wait (the state's work is the smaller part). */
static int slot_ready(struct sync *sy, size_t i, int wait)
{
	while (sy->v[i].todo && !sy->v[i].done) {
		size_t j;
		if (!wait)
			return 0;
		if ((j = claim(sy, 0)) == NO_SLOT) {
			pthread_cond_wait(&sy->cv, &sy->mu);
			continue;
		}
		pthread_mutex_unlock(&sy->mu);
		parse_page(sy->r, &sy->sniff, &sy->folder, &sy->v[j]);
		pthread_mutex_lock(&sy->mu);
		sy->v[j].done = 1;
	}
	return 1;
}

/* Print what a page said, as the settings ask: everything without -q;
 * with -q its errors, unless the page is as it was and says what it said
 * last time. */
static void show_page(const struct run *r, const struct slot *sl,
		      const char *text)
{
	if (!r->quiet) {
		if (text)
			fputs(text, stderr);
		return;
	}
	if (sl->known && sl->pf.size == sl->old_size &&
	    sl->pf.mtime_ns == sl->old_mtime &&
	    ((!text && !sl->old_diags) ||
	     (text && sl->old_diags && !strcmp(text, sl->old_diags))))
		return;
	ft_diag_list_print(stderr, &sl->dl, DIAG_ERROR);
}

/* Articles the state left out because another page has their id: an
 * error each, naming that one. */
static void report_duplicates(struct run *r, struct slot *sl)
{
	size_t i;

	for (i = 0; i < sl->arts.n; i++) {
		struct article *a = &sl->arts.v[i];
		char *owner = NULL;
		long line = 0;
		if (a->row >= 0)
			continue;
		if (state_article_at(r->st, a->id, &owner, &line) == 0 && owner)
			ft_diag_add(&sl->dl, DIAG_ERROR, "duplicate-id", a->file, a->line, 0,
				    "the article's id '%s' is that of the article at %s:%ld; this one is left out",
				    a->id, owner, line);
		else
			ft_diag_add(&sl->dl, DIAG_ERROR, "duplicate-id", a->file, a->line, 0,
				    "the article's id '%s' is that of another page's article; this one is left out",
				    a->id);
		free(owner);
	}
}

/* state_store_page's alive: is the page that has an id still part of the
 * collection (under one of the collections given, and there)? */
static int alive(void *arg, const char *page)
{
	struct sync *sy = arg;
	struct stat st;
	size_t j;

	for (j = 0; j < sy->allroots; j++)
		if (under(page, sy->roots[j]))
			return stat(page, &st) == 0 || errno != ENOENT;
	return 0;
}

/* This thread's part of a page that was read: the state and the
 * messages.  Returns 0, or -1 when the state could not be written. */
static int finish_page(struct sync *sy, struct slot *sl)
{
	struct run *r = sy->r;
	struct state_pagerec p;
	char *text;
	int rc;

	if (sl->unsettled) {
		/* a converter is writing it: what the state has stays, and
		 * it is read again next run (its time is not the state's) */
		print_order_lost(&sy->order);
		if (!r->quiet)
			ft_message(stderr, sl->pf.path, 0, 0, DIAG_INFO, "page-unsettled",
				   "the page changed while it was read; it waits for a later run");
		return 0;
	}

	p.dir = sl->pf.dir;
	p.name = sl->pf.name;
	p.path = sl->pf.path;
	p.size = sl->pf.size;
	p.mtime = sl->pf.mtime_ns;
	p.retry = sl->unreadable;
	if (sl->failed) {
		/* keep what the page held last time rather than drop it; an
		 * unreadable one is tried again every run */
		print_order_lost(&sy->order);
		text = diag_text(&sl->dl);
		p.errors = 1;
		p.diags = text;
		if (sl->unreadable)
			p.size = -1;
		rc = state_keep_page(r->st, &p);
	} else {
		p.errors = 0;
		p.diags = NULL;
		if (print_order_page(&sy->order, r, &sl->pf, sl->prev, &sl->arts) < 0)
			return -1;
		rc = state_store_page(r->st, &p, sl->arts.v, sl->arts.n, &r->now, alive, sy,
				      sl->matching);
		if (rc == 0) {
			size_t k;
			report_duplicates(r, sl);
			text = diag_text(&sl->dl);
			p.errors = sl->dl.count[DIAG_ERROR] ? 1 : 0;
			p.diags = text;
			/* a page with a left-out article is read again next
			 * time, so the error is seen until it is mended */
			for (k = 0; k < sl->arts.n; k++)
				if (sl->arts.v[k].row < 0) {
					p.size = -1;
					p.retry = 1;
				}
			if (text)
				rc = state_keep_page(r->st, &p);
		} else {
			text = NULL;
		}
	}
	if (rc < 0) {
		free(text);
		return -1;
	}
	show_page(r, sl, text);
	free(text);
	return 0;
}

static void slot_release(struct slot *sl)
{
	page_file_release(&sl->pf);
	free(sl->old_diags);
	article_list_release(&sl->arts);
	ft_diag_list_release(&sl->dl);
}

/* The readers, when there is a page to read and more than one processor:
 * the first time only. */
static void start_readers(struct sync *sy)
{
	size_t i, n = config_threads();

	if (sy->nthreads)
		return;
	/* this thread keeps the state, and reads when it would wait; the
	 * other processors read */
	sy->nthreads = n > 1 ? n - 1 : 0;
	if (sy->nthreads > sizeof(sy->tid) / sizeof(sy->tid[0]))
		sy->nthreads = sizeof(sy->tid) / sizeof(sy->tid[0]);
	sy->window = 8 + 32 * sy->nthreads;
	for (i = 0; i < sy->nthreads; i++)
		if (pthread_create(&sy->tid[sy->started], NULL, reader, sy) == 0)
			sy->started++;
	if (!sy->started)
		sy->nthreads = 1;       /* none could start: not again */
}

static void stop_readers(struct sync *sy)
{
	size_t i;

	pthread_mutex_lock(&sy->mu);
	sy->stop = 1;
	sy->next = sy->n;
	pthread_cond_broadcast(&sy->room);
	pthread_mutex_unlock(&sy->mu);
	for (i = 0; i < sy->started; i++)
		pthread_join(sy->tid[i], NULL);
	sy->started = 0;
}

/*
 * Store the pages read, in walk order, and show what the others said
 * before, from the first not yet done: those ready (all, with wait, and
 * then the batch is empty).  0, or -1 (the run must stop; the readers are
 * then stopped and the batch emptied).
 */
static int drain(struct sync *sy, int wait)
{
	struct run *r = sy->r;
	int rc = 0;

	for (;;) {
		struct slot *sl;
		size_t i;

		pthread_mutex_lock(&sy->mu);
		i = sy->upto;
		if (i >= sy->n || !slot_ready(sy, i, wait || !sy->started)) {
			pthread_mutex_unlock(&sy->mu);
			break;
		}
		pthread_mutex_unlock(&sy->mu);
		sl = &sy->v[i];
		if (!sl->todo && !r->quiet && sl->old_diags)
			fputs(sl->old_diags, stderr);
		if ((sl->todo && finish_page(sy, sl) < 0) ||
		    (sl->folder_end && state_match_folder(r->st, sl->pf.dir, &r->now,
							  sl->unsure || sy->unsure) < 0)) {
			rc = -1;
			break;
		}
		if (sl->todo && (sl->failed || sl->unsettled))
			sy->unsure = 1;
		if (sl->folder_end)
			sy->unsure = 0;
		/* the articles are in the state now: memory goes back */
		slot_release(sl);
		pthread_mutex_lock(&sy->mu);
		sy->upto = i + 1;
		pthread_cond_broadcast(&sy->room);
		pthread_mutex_unlock(&sy->mu);
	}
	if (rc < 0) {
		size_t i;
		stop_readers(sy);
		for (i = sy->upto; i < sy->n; i++)
			slot_release(&sy->v[i]);
		sy->upto = sy->n;
	}
	if (wait || rc < 0) {
		/* every slot is done with: none is a reader's */
		pthread_mutex_lock(&sy->mu);
		sy->n = sy->next = sy->upto = 0;
		pthread_mutex_unlock(&sy->mu);
	}
	return rc;
}

static struct slot *new_slot(struct sync *sy)
{
	struct slot *sl;

	/* all of a batch's slots at once: the readers hold pointers into v */
	if (!sy->v && !(sy->v = calloc(BATCH_PAGES, sizeof(*sy->v))))
		return NULL;
	sl = &sy->v[sy->n];
	memset(sl, 0, sizeof(*sl));
	ft_diag_list_init(&sl->dl);
	return sl;
}

/* The slot just made (new_slot) is the batch's: the readers read while
 * the walk goes on; what they have read is stored as it comes, and the
 * batch emptied when it is full.  0, or -1. */
static int queued(struct sync *sy, int todo)
{
	pthread_mutex_lock(&sy->mu);
	sy->n++;
	pthread_cond_broadcast(&sy->room);
	pthread_mutex_unlock(&sy->mu);
	sy->r->pages_changed += (size_t)todo;
	if (todo)
		start_readers(sy);
	return drain(sy, sy->n >= BATCH_PAGES);
}

/* Queue the page for reading (todo) or for showing what it said. */
static int queue(struct sync *sy, const struct collection_dir *d,
		 const struct collection_entry *e, const struct state_page *known,
		 int todo, enum plan_prev prev, int matching)
{
	struct slot *sl = new_slot(sy);

	if (!sl || page_file_init(&sl->pf, d, e) < 0)
		return -1;
	sl->todo = todo;
	sl->prev = prev;
	sl->matching = matching;
	sl->root = sy->roots[sy->nroots];
	sl->root_real = sy->real_roots[sy->nroots];
	if (known) {
		sl->known = 1;
		sl->old_size = known->size;
		sl->old_mtime = known->mtime;
		sl->old_errors = known->errors;
		if (known->diags && !(sl->old_diags = strdup(known->diags))) {
			page_file_release(&sl->pf);
			return -1;
		}
	}
	return queued(sy, todo);
}

/* Queue the end of folder d, whose articles are matched when every page
 * before it is stored; unsure: a page of the folder is not read in this
 * run, so what is not recognised is kept for the next. */
static int queue_end(struct sync *sy, const struct collection_dir *d,
		     int unsure)
{
	struct slot *sl = new_slot(sy);

	if (!sl || !(sl->pf.dir = strdup(d->path)))
		return -1;
	sl->folder_end = 1;
	sl->matching = 1;
	sl->unsure = unsure;
	sl->root = sy->roots[sy->nroots];
	sl->root_real = sy->real_roots[sy->nroots];
	return queued(sy, 0);
}

/* An info line about the folder at where, to show in walk order among
 * what the pages say: a slot with nothing to read.  0, or -1 when memory
 * ran out. */
static int note(struct sync *sy, const char *where, const char *rule,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int note(struct sync *sy, const char *where, const char *rule,
		const char *fmt, ...)
{
	struct slot *sl;
	size_t len;
	va_list ap;
	FILE *fp;

	if (!(sl = new_slot(sy)) || !(fp = open_memstream(&sl->old_diags, &len)))
		return -1;
	va_start(ap, fmt);
	ft_vmessage(fp, where, 0, 0, DIAG_INFO, rule, fmt, ap);
	va_end(ap);
	if (fclose(fp) != 0 || !sl->old_diags)
		return -1;
	return queued(sy, 0);
}

/* One folder: its listing against what the state knows of it, pages read
 * in printed order (folder_plan.c). */

/* Is the page the state knows as p, found as e, as it was last read? */
static int fresh(const struct sync *sy, const struct state_page *p,
		 const struct collection_entry *e)
{
	return sy->fresh_ok && !p->retry && p->size == e->size && p->mtime == e->mtime_ns;
}

/* Has a page of folder d that the state knows changed or gone?  Then the
 * folder's articles are matched once all its pages are stored
 * (feedgen(5), "Entry identity"). */
static int changed(const struct sync *sy, const struct collection_dir *d,
		   const struct state_page_list *known)
{
	size_t i = 0, k = 0;

	while (k < known->n) {
		int c = i >= d->n ? 1 : strcmp(d->v[i].name, known->v[k].name);
		if (c < 0)
			i++;
		else if (c > 0 || !fresh(sy, &known->v[k], &d->v[i]))
			return 1;
		else
			i++, k++;
	}
	return 0;
}

static int visit_dir(void *arg, const struct collection_dir *d)
{
	struct sync *sy = arg;
	struct run *r = sy->r;
	struct state_page_list known = { 0 };
	struct folder_plan plan;
	size_t j;
	int rc = 0, matching;

	for (j = 0; j < sy->nroots; j++)
		if (under(d->path, sy->roots[j]))
			return 0;       /* a collection given twice */
	if (push_str(&sy->seen, &sy->nseen, &sy->aseen, d->path) < 0 ||
	    state_dir_pages(r->st, d->path, &known) < 0 ||
	    folder_photos(r, d->path, &known) < 0 ||
	    folder_plan(r, d, &known, sy->fresh_ok, &sy->ms, &plan) < 0) {
		state_page_list_release(&known);
		return -1;
	}
	if (plan.not_ready && d->edition_dir && !strcmp(d->path, d->edition_dir)) {
		if (!r->quiet)
			rc = note(sy, d->path, "edition-not-ready",
				  "no '%s' in the edition yet; it waits for a later run",
				  r->ready_marker);
	}
	/* an edition that waits whole keeps what the state has: nothing to
	 * match */
	matching = !plan.not_ready && changed(sy, d, &known);
	for (j = 0; rc == 0 && j < plan.ngone; j++) {
		/* gone from the folder: its articles wait for the folder's
		 * matching */
		rc = state_forget_page(r->st, d->path, plan.gone[j], 1);
		r->pages_changed++;
	}
	for (j = 0; rc == 0 && j < plan.n; j++)
		rc = queue(sy, d, plan.v[j].e, plan.v[j].known, plan.v[j].read,
			   plan.v[j].prev, matching);
	if (rc == 0 && plan.waiting) {
		if (!r->quiet)
			rc = note(sy, d->path, "page-settling",
				  "%zu page%s changed less than %ld seconds ago; waiting for a later run (--settle)",
				  plan.waiting, plan.waiting == 1 ? "" : "s", r->settle);
	}
	/* the folder's matching, unsure when a page of it waits (its
	 * articles may be the ones a gone page held: kept for next run) */
	if (rc == 0 && matching)
		rc = queue_end(sy, d, plan.waiting > 0);
	folder_plan_release(&plan);
	state_page_list_release(&known);
	return rc;
}

static int visit_kept(void *arg, const char *path)
{
	struct sync *sy = arg;

	sy->r->page_errors++;
	return push_str(&sy->kept, &sy->nkept, &sy->akept, path);
}

static int visit_unreadable(void *arg, const char *path, int err)
{
	/* like an unreadable page: an error, and what the state has of it
	 * stays, dates and all, until it can be read again */
	ft_message(stderr, path, 0, 0, DIAG_ERROR, "folder-unreadable",
		   "cannot open folder: %s; its pages are kept as they were",
		   err == ELOOP || err == ENOTDIR ?
		   "it is now a symbolic link or not a folder; not followed" : strerror(err));
	return visit_kept(arg, path);
}

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Folders the state has and the walk did not see (nor an unreadable
 * folder holds): gone, with their pages. */
struct gone {
	struct sync *sy;
	char **dirs;
	size_t n, alloc;
};

static int note_dir(void *arg, const char *dir)
{
	struct gone *g = arg;
	struct sync *sy = g->sy;
	size_t j;

	if (bsearch(&dir, sy->seen, sy->nseen, sizeof(*sy->seen), cmp_strp))
		return 0;
	for (j = 0; j < sy->nkept; j++)
		if (under(dir, sy->kept[j]))
			return 0;
	return push_str(&g->dirs, &g->n, &g->alloc, dir);
}

static int forget_gone(struct sync *sy)
{
	struct gone g = { sy, NULL, 0, 0 };
	size_t i, k;
	int rc;

	if (sy->nseen)
		qsort(sy->seen, sy->nseen, sizeof(*sy->seen), cmp_strp);
	rc = state_dirs(sy->r->st, note_dir, &g);
	for (i = 0; rc == 0 && i < g.n; i++) {
		struct state_page_list l = { 0 };
		rc = state_dir_pages(sy->r->st, g.dirs[i], &l);
		for (k = 0; rc == 0 && k < l.n; k++) {
			rc = state_forget_page(sy->r->st, g.dirs[i], l.v[k].name, 0);
			sy->r->pages_changed++;
		}
		state_page_list_release(&l);
	}
	free_strs(g.dirs, g.n);
	return rc;
}

int pages_sync(struct run *r, int fresh_ok)
{
	struct sync sy;
	struct collection_visit cv;
	struct diag_list dl;
	int c, rc = 0;

	memset(&sy, 0, sizeof(sy));
	sy.folder.fd = -1;
	sy.r = r;
	sy.fresh_ok = fresh_ok;
	if (!(sy.roots = calloc((size_t)r->opt.nargs + 1, sizeof(*sy.roots))) ||
	    !(sy.real_roots = calloc((size_t)r->opt.nargs + 1, sizeof(*sy.real_roots)))) {
		free(sy.roots);
		return -1;
	}
	for (c = 0; c < r->opt.nargs; c++) {
		size_t n = strlen(r->opt.args[c]);
		while (n > 1 && r->opt.args[c][n - 1] == '/')
			n--;
		if (!(sy.roots[c] = strndup(r->opt.args[c], n))) {
			free_strs(sy.roots, (size_t)c);
			free_strs(sy.real_roots, (size_t)c);
			return -1;
		}
		/* what a page's link may lead into (NULL: links not followed) */
		sy.real_roots[c] = realpath(sy.roots[c], NULL);
	}
	sy.allroots = (size_t)r->opt.nargs;
	pthread_mutex_init(&sy.mu, NULL);
	pthread_cond_init(&sy.cv, NULL);
	pthread_cond_init(&sy.room, NULL);
	media_sniffer_init(&sy.sniff);
	cv.dir = visit_dir;
	cv.unreadable = visit_unreadable;
	cv.kept = visit_kept;
	cv.arg = &sy;
	cv.max_pages = r->max_pages;
	for (c = 0; rc == 0 && c < r->opt.nargs; c++) {
		ft_diag_list_init(&dl);
		sy.nroots = (size_t)c;
		rc = collection_walk(r->opt.args[c], &cv, &dl);
		config_show(r, &dl);
		if (rc < 0 && dl.count[DIAG_ERROR])
			rc = -2;        /* the collection itself: said why */
		ft_diag_list_release(&dl);
	}
	if (rc == 0) {
		rc = drain(&sy, 1);
	} else {
		size_t i;
		stop_readers(&sy);
		for (i = sy.upto; i < sy.n; i++)
			slot_release(&sy.v[i]);
	}
	stop_readers(&sy);
	page_folder_close(&sy.folder);
	if (rc == 0)
		rc = forget_gone(&sy);
	pthread_mutex_destroy(&sy.mu);
	pthread_cond_destroy(&sy.cv);
	pthread_cond_destroy(&sy.room);
	media_sniffer_release(&sy.sniff);
	marker_seen_release(&sy.ms);
	print_order_release(&sy.order);
	free(sy.v);
	free_strs(sy.seen, sy.nseen);
	free_strs(sy.kept, sy.nkept);
	free_strs(sy.roots, sy.allroots);
	free_strs(sy.real_roots, sy.allroots);
	return rc;
}
