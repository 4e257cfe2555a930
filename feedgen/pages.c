/*
 * pages.c - reading the pages of a run into its articles: the reader
 * threads that read, decode, split and hash pages into their slots; this
 * thread storing each page in the state, in page order; articles whose id
 * another page's article has (duplicate-id); pages fresh in the state
 * taken from there without reading them.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "collection.h"
#include "decode.h"
#include "diag.h"
#include "fsutil.h"
#include "ident.h"
#include "options.h"
#include "run.h"
#include "state.h"

/* Articles of the page just stored (from before on) whose id another
 * page's article has: an error each, naming that one, and they are left
 * out. */
static void drop_duplicates(struct run *r, size_t before, struct diag_list *dl)
{
	size_t i, out = before;

	for (i = before; i < r->arts.n; i++) {
		struct article *a = &r->arts.v[i];
		char *owner = NULL;
		long line = 0;
		if (a->row >= 0) {
			if (out != i)
				r->arts.v[out] = *a;
			out++;
			continue;
		}
		if (state_article_at(r->st, a->id, &owner, &line) == 0 && owner)
			ft_diag_add(dl, DIAG_ERROR, "duplicate-id", a->file, a->line, 0,
				 "the article's id '%s' is that of the article at %s:%ld; this one is left out",
				 a->id, owner, line);
		else
			ft_diag_add(dl, DIAG_ERROR, "duplicate-id", a->file, a->line, 0,
				 "the article's id '%s' is that of another page's article; this one is left out",
				 a->id);
		free(owner);
		r->page_errors++;
		article_release(a);
	}
	r->arts.n = out;
}

/*
 * Reading runs on two kinds of thread: readers read, decode, split and
 * hash pages, each into its own slot (nothing shared is written), while
 * this thread takes the slots in page order for what is shared (the
 * state, the article list, the messages).  Results and messages do not
 * depend on the scheduling.
 */
struct slot {
	int todo;                   /* to be read (not fresh in the state) */
	int done, failed;
	struct article_list arts;
	struct diag_list dl;
};

struct readers {
	struct run *r;
	struct slot *v;
	size_t n, next;
	size_t upto;                /* pages this thread has finished */
	size_t window;              /* how far ahead of it readers may go */
	pthread_mutex_t mu;
	pthread_cond_t cv;          /* a slot is done */
	pthread_cond_t room;        /* upto moved */
};

/* Read, decode, split and hash one page into sl; nothing shared is
 * touched. */
static void parse_page(const struct run *r, const struct page_file *pf,
		       struct slot *sl)
{
	struct decoded dec = { 0 };
	struct page_info pi;
	char *data;
	size_t len, i;
	int n;

	sl->failed = 1;
	if (ft_read_file(pf->path, r->max_page, &data, &len) < 0) {
		if (errno == EFBIG)
			ft_diag_add(&sl->dl, DIAG_ERROR, "page-too-large", pf->path, 0, 0,
				 "page is larger than %zu bytes (--max-page-size); skipped",
				 r->max_page);
		else
			ft_diag_add(&sl->dl, DIAG_ERROR, "page-unreadable", pf->path, 0, 0,
				 "cannot read page: %s", strerror(errno));
		return;
	}
	if (page_decode(pf->path, (const unsigned char *)data, len, r->encoding,
			&sl->dl, &dec) < 0) {
		free(data);
		return;
	}
	free(data);
	pi.file = pf->path;
	pi.stem = pf->stem;
	pi.has_edition = pf->has_edition;
	pi.edition_days = pf->edition_days;
	pi.mtime = pf->mtime;
	pi.tz = &r->tz;
	n = page_split(&pi, dec.text, dec.len, &sl->dl, &sl->arts);
	free(dec.text);
	if (n < 0)
		return;
	for (i = 0; i < sl->arts.n; i++) {
		struct article *a = &sl->arts.v[i];
		if (!(a->id = make_tag_id(r->host, a))) {
			ft_diag_add(&sl->dl, DIAG_ERROR, "out-of-memory", pf->path, 0, 0,
				 "out of memory");
			return;
		}
		article_hash(a, a->hash);
	}
	sl->failed = 0;
}

static void *reader(void *arg)
{
	struct readers *rs = arg;

	for (;;) {
		size_t i;
		pthread_mutex_lock(&rs->mu);
		/* parsed pages wait in their slots for this thread: only so
		 * many, so memory does not grow with the collection */
		for (;;) {
			while (rs->next < rs->n && !rs->v[rs->next].todo)
				rs->next++;
			if (rs->next >= rs->n || rs->next < rs->upto + rs->window)
				break;
			pthread_cond_wait(&rs->room, &rs->mu);
		}
		i = rs->next < rs->n ? rs->next++ : rs->n;
		pthread_mutex_unlock(&rs->mu);
		if (i == rs->n)
			return NULL;
		parse_page(rs->r, &rs->r->pages.v[i], &rs->v[i]);
		pthread_mutex_lock(&rs->mu);
		rs->v[i].done = 1;
		pthread_cond_broadcast(&rs->cv);
		pthread_mutex_unlock(&rs->mu);
	}
}

/* Move the slot's articles to the end of r->arts; 0 or -1. */
static int take_articles(struct run *r, struct slot *sl)
{
	size_t k;

	for (k = 0; k < sl->arts.n; k++) {
		struct article *a = article_list_slot(&r->arts);
		if (!a)
			return -1;
		*a = sl->arts.v[k];
		r->arts.n++;
		memset(&sl->arts.v[k], 0, sizeof(sl->arts.v[k]));
	}
	sl->arts.n = 0;
	return 0;
}

/* This thread's part of a page that was read: the state and the shared
 * list.  Returns 0, or -1 when memory ran out. */
static int finish_page(struct run *r, const struct page_file *pf,
		       struct slot *sl)
{
	size_t before = r->arts.n, i;
	int ok = !sl->failed;

	if (ok && take_articles(r, sl) < 0)
		return -1;
	if (!ok) {
		r->page_errors++;
	} else if (r->st && state_store_page(r->st, pf->path, pf->size, pf->mtime_ns,
					     r->arts.v + before, r->arts.n - before,
					     &r->now) < 0) {
		ft_diag_add(&sl->dl, DIAG_ERROR, "state-write", pf->path, 0, 0,
			 "cannot record the page in the state: %s",
			 state_error(r->st));
		r->page_errors++;
		ok = 0;
	} else if (r->st) {
		drop_duplicates(r, before, &sl->dl);
		/* the state has the text now; the writers read it back from
		 * there, so memory does not grow with the collection */
		for (i = before; i < r->arts.n; i++) {
			free(r->arts.v[i].body);
			r->arts.v[i].body = NULL;
		}
	}
	if (!ok && r->st) {
		/* keep what the page held last time rather than drop it */
		while (r->arts.n > before)
			article_release(&r->arts.v[--r->arts.n]);
		state_touch_page(r->st, pf->path);
		state_load_page(r->st, pf->path, &r->arts);
	}
	config_show(r, &sl->dl);
	ft_diag_list_release(&sl->dl);
	article_list_release(&sl->arts);
	return 0;
}

/* Read every page, in page order: fresh ones from the state, the others
 * from their files.  Returns 0, or -1 when memory ran out. */
int pages_read(struct run *r, int fresh_ok)
{
	struct readers rs;
	pthread_t tid[8];
	size_t i, k, nthreads = config_threads(), started = 0, todo = 0;
	int rc = 0;

	memset(&rs, 0, sizeof(rs));
	rs.r = r;
	rs.n = r->pages.n;
	if (rs.n && !(rs.v = calloc(rs.n, sizeof(*rs.v))))
		return -1;
	for (i = 0; i < rs.n; i++) {
		const struct page_file *pf = &r->pages.v[i];
		ft_diag_list_init(&rs.v[i].dl);
		rs.v[i].todo = !(fresh_ok && state_page_fresh(r->st, pf->path, pf->size,
							      pf->mtime_ns) == 1);
		/* seen now, before any page is stored: a changed page cannot
		 * take an id from an unchanged one still to come (that is a
		 * duplicate-id) */
		if (!rs.v[i].todo)
			state_touch_page(r->st, pf->path);
		todo += (size_t)rs.v[i].todo;
	}
	pthread_mutex_init(&rs.mu, NULL);
	pthread_cond_init(&rs.cv, NULL);
	pthread_cond_init(&rs.room, NULL);
	/* this thread has the state to keep; the other processors read */
	nthreads = nthreads > 1 ? nthreads - 1 : 0;
	if (nthreads > todo / 16)
		nthreads = todo / 16;       /* a few pages are read here */
	rs.window = 8 * nthreads;
	for (i = 0; i < nthreads; i++)
		if (pthread_create(&tid[started], NULL, reader, &rs) == 0)
			started++;
	for (i = 0; i < rs.n && rc == 0; i++) {
		const struct page_file *pf = &r->pages.v[i];
		struct slot *sl = &rs.v[i];
		size_t before = r->arts.n;
		if (!sl->todo) {
			state_load_page(r->st, pf->path, &r->arts);
		} else {
			if (!started) {
				parse_page(r, pf, sl);
			} else {
				pthread_mutex_lock(&rs.mu);
				while (!sl->done)
					pthread_cond_wait(&rs.cv, &rs.mu);
				pthread_mutex_unlock(&rs.mu);
			}
			if (finish_page(r, pf, sl) < 0)
				rc = -1;
		}
		if (started) {
			pthread_mutex_lock(&rs.mu);
			rs.upto = i + 1;
			pthread_cond_broadcast(&rs.room);
			pthread_mutex_unlock(&rs.mu);
		}
		for (k = before; k < r->arts.n && rc == 0; k++) {
			struct article *a = &r->arts.v[k];
			const char *sec;
			a->file = pf->path;
			a->page_no = pf->page_no;
			free(a->page);
			if (!(a->page = strdup(pf->page)))
				rc = -1;
			/* the config's page-to-section mapping, for articles whose
			 * front matter names none */
			else if (!a->categories.n &&
				 (sec = opt_map(&r->opt, "section", pf->page)))
				strlist_add_unique(&a->categories, sec, strlen(sec));
		}
	}
	if (rc < 0) {
		/* the readers stop at the next page */
		pthread_mutex_lock(&rs.mu);
		rs.next = rs.n;
		pthread_cond_broadcast(&rs.room);
		pthread_mutex_unlock(&rs.mu);
	}
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	pthread_mutex_destroy(&rs.mu);
	pthread_cond_destroy(&rs.cv);
	pthread_cond_destroy(&rs.room);
	for (i = 0; i < rs.n; i++) {
		article_list_release(&rs.v[i].arts);
		ft_diag_list_release(&rs.v[i].dl);
	}
	free(rs.v);
	return rc;
}
