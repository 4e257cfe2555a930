/*
 * folder_plan.h - what a run does with one folder of the collection, given
 * what the state knows of it: the pages to read now, in printed order
 * (page number, then name), those whose stored diagnostics are only shown,
 * those gone; pages changed too recently wait for a later run (--settle),
 * and an edition without its ready marker waits whole (feedgen(5)); and
 * where each page read stands in the printed order when it is stored.
 */
#ifndef FEEDGEN_FOLDER_PLAN_H
#define FEEDGEN_FOLDER_PLAN_H

#include <stddef.h>

#include "collection.h"
#include "run.h"
#include "state.h"

struct page_file;      /* page_read.h */

/* Where the page before a page to read (in the folder's printed order)
 * stands: where the printed order of its articles starts. */
enum plan_prev {
	PREV_NONE,      /* it is the folder's first page */
	PREV_READ,      /* the page before is read in this run too */
	PREV_OTHER      /* the page before is not read (the state has it) */
};

struct plan_item {
	const struct collection_entry *e;
	const struct state_page *known;     /* the state's, or NULL */
	int read;                           /* else: only show its diagnostics */
	enum plan_prev prev;
};

struct folder_plan {
	struct plan_item *v;    /* in printed order */
	size_t n;
	const char **gone;      /* names the state has that the folder has not */
	size_t ngone;
	size_t waiting;         /* pages changed too recently: not read */
	int not_ready;          /* an edition without its ready marker: none
				   of the above, what the state has stays */
};

/* The last edition folder whose ready marker was looked for. */
struct marker_seen {
	char *dir;
	int ready;
};

/*
 * Plan folder d against known, the state's pages of it (both in byte
 * order of names).  fresh_ok: a page whose size and time are the state's
 * need not be read.  0, or -1 when memory ran out.
 */
int folder_plan(const struct run *r, const struct collection_dir *d,
		const struct state_page_list *known, int fresh_ok,
		struct marker_seen *ms, struct folder_plan *out);
void folder_plan_release(struct folder_plan *p);

/*
 * The photo files the state says the pages of folder dir show, each
 * compared with the file now: a page one of whose photos was replaced,
 * added or removed is marked in known to be read again (retry), though
 * the page did not change.  0, or -1 (the state).
 */
int folder_photos(const struct run *r, const char *dir,
		  struct state_page_list *known);
void marker_seen_release(struct marker_seen *ms);

/* Where the pages stored, one after another in printed order, stand in
 * it: their folder's count so far, and the edition being stored. */
struct print_order {
	char *dir;              /* the folder of the last page stored, or NULL */
	long long next;         /* the articles before the next page */
	/* the edition last stored, and its one folder whose articles no
	 * other of the edition can meet (it was new to the state), or NULL */
	char *edition, *alone;
};

/*
 * The paper's clock for a page about to be stored (pf, whose page before
 * it stands as prev): each article's place in its folder's printed order
 * (rank: the articles of the pages before it, counted as they are stored,
 * else asked of the state, only when an article is dated by its edition),
 * whether its second can be met in the state (clock_alone), and, without
 * the embargo, no date after the run's own time.  0, or -1 (the state).
 */
int print_order_page(struct print_order *po, const struct run *r,
		     const struct page_file *pf, enum plan_prev prev,
		     struct article_list *arts);
/* A page was not stored (an error, or it waits): the state has what it
 * had, and the order past it is not known. */
void print_order_lost(struct print_order *po);
void print_order_release(struct print_order *po);

#endif
