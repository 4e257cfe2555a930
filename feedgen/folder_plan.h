/*
 * folder_plan.h - what a run does with one folder of the collection, given
 * what the state knows of it: the pages to read now, in printed order
 * (page number, then name), those whose stored diagnostics are only shown,
 * those gone; pages changed too recently wait for a later run (--settle),
 * and an edition without its ready marker waits whole (feedgen(5)).
 */
#ifndef FEEDGEN_FOLDER_PLAN_H
#define FEEDGEN_FOLDER_PLAN_H

#include <stddef.h>

#include "collection.h"
#include "run.h"
#include "state.h"

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
void marker_seen_release(struct marker_seen *ms);

#endif
