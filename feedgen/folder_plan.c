/*
 * folder_plan.c - one folder's listing against what the state knows of it
 * (folder_plan.h): which pages are read now and in which order, which wait;
 * where each page stands in its folder's printed order when it is stored.
 */
#include "folder_plan.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "photofile.h"
#include "grow.h"
#include "page_read.h"

void folder_plan_release(struct folder_plan *p)
{
	free(p->v);
	free(p->gone);
	memset(p, 0, sizeof(*p));
}

void marker_seen_release(struct marker_seen *ms)
{
	free(ms->dir);
	ms->dir = NULL;
}

struct photos_seen {
	struct state_page_list *known;
};

static int cmp_page_name(const void *key, const void *el)
{
	return strcmp(key, ((const struct state_page *)el)->name);
}

/* state_photos_each: is the photo as the page's reading saw it? */
static int photo_now(void *arg, const char *name, const char *path,
		     long long length, long long mtime)
{
	struct photos_seen *ps = arg;
	struct state_page *p;

	if (photo_seen_same(path, length, mtime))
		return 0;
	p = bsearch(name, ps->known->v, ps->known->n, sizeof(*p), cmp_page_name);
	if (p)
		p->retry = 1;
	return 0;
}

int folder_photos(const struct run *r, const char *dir,
		  struct state_page_list *known)
{
	struct photos_seen ps;

	ps.known = known;
	return known->n ? state_photos_each(r->st, dir, photo_now, &ps) : 0;
}

/* Is d's edition ready: no marker asked, not in an edition, or its
 * edition folder holds the marker?  1, 0, or -1 (no memory). */
static int edition_ready(const struct run *r, const struct collection_dir *d,
			 struct marker_seen *ms)
{
	struct stat st;
	char *path;

	if (!r->ready_marker || !d->edition_dir)
		return 1;
	if (ms->dir && !strcmp(ms->dir, d->edition_dir))
		return ms->ready;
	marker_seen_release(ms);
	if (!(ms->dir = strdup(d->edition_dir)) ||
	    !(path = ft_asprintf("%s/%s", d->edition_dir, r->ready_marker)))
		return -1;
	ms->ready = fstatat(AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW) == 0;
	free(path);
	return ms->ready;
}

/* Does a page changed since the state saw it wait for a later run: was it
 * modified less than --settle seconds ago?  A time further ahead than
 * that (a clock that is wrong) would never settle: it does not wait. */
static int settling(const struct run *r, const struct collection_entry *e)
{
	return r->settle > 0 && !r->settle_off && e->mtime > r->now.t - r->settle &&
	       e->mtime <= r->now.t + r->settle;
}

/* A page of the listing in printed order. */
struct printed {
	long no;
	const char *name;
	size_t i;               /* in the listing */
};

static int cmp_printed(const void *a, const void *b)
{
	const struct printed *x = a, *y = b;

	if (x->no != y->no)
		return x->no < y->no ? -1 : 1;
	return strcmp(x->name, y->name);
}

int folder_plan(const struct run *r, const struct collection_dir *d,
		const struct state_page_list *known, int fresh_ok,
		struct marker_seen *ms, struct folder_plan *out)
{
	struct printed *order = NULL;
	const struct state_page **match = NULL;
	char *act = NULL;       /* each listed page: 0 nothing, 'r' read, 's' show */
	const char *marker = NULL;
	size_t i = 0, k = 0, j, n = 0;
	int ready;

	memset(out, 0, sizeof(*out));
	if ((ready = edition_ready(r, d, ms)) < 0)
		return -1;
	if (!ready) {
		out->not_ready = 1;
		return 0;
	}
	/* the marker is the converter's word, never a page */
	if (r->ready_marker && d->edition_dir && !strcmp(d->path, d->edition_dir))
		marker = r->ready_marker;
	if (d->n && (!(order = ft_reallocarray(NULL, d->n, sizeof(*order))) ||
		     !(match = calloc(d->n, sizeof(*match))) ||
		     !(act = calloc(d->n, 1)) ||
		     !(out->v = ft_reallocarray(NULL, d->n, sizeof(*out->v)))))
		goto oom;
	if (known->n && !(out->gone = ft_reallocarray(NULL, known->n, sizeof(*out->gone))))
		goto oom;
	while (i < d->n || k < known->n) {
		int c = i >= d->n ? 1 : k >= known->n ? -1 :
			strcmp(d->v[i].name, known->v[k].name);
		const struct collection_entry *e = c <= 0 ? &d->v[i] : NULL;
		const struct state_page *p = c >= 0 ? &known->v[k] : NULL;

		i += c <= 0;
		k += c >= 0;
		/* the marker, and pages --exclude leaves out, are no pages */
		if (!e || (marker && !strcmp(e->name, marker)) ||
		    (r->nexclude && config_excluded(r, e->name))) {
			if (p)
				out->gone[out->ngone++] = p->name;
			continue;
		}
		match[i - 1] = p;
		if (p && fresh_ok && !p->retry && p->size == e->size &&
		    p->mtime == e->mtime_ns) {
			act[i - 1] = p->diags && !r->quiet ? 's' : 0;
		} else if ((!p || (p->size >= 0 && p->size != e->size) ||
			    p->mtime != e->mtime_ns) && settling(r, e)) {
			/* changed (a page only marked to be read again, its
			 * size -1, is not) */
			/* what the state has of it stays meanwhile */
			out->waiting++;
			act[i - 1] = p && p->diags && !r->quiet ? 's' : 0;
		} else {
			act[i - 1] = 'r';
		}
		order[n].no = page_number(e->name);
		order[n].name = e->name;
		order[n].i = i - 1;
		n++;
	}
	if (n)
		qsort(order, n, sizeof(*order), cmp_printed);
	for (j = 0; j < n; j++) {
		struct plan_item *it;
		size_t x = order[j].i;
		if (!act[x])
			continue;
		it = &out->v[out->n++];
		it->e = &d->v[x];
		it->known = match[x];
		it->read = act[x] == 'r';
		it->prev = j == 0 ? PREV_NONE :
			   act[order[j - 1].i] == 'r' ? PREV_READ : PREV_OTHER;
	}
	free(order);
	free(match);
	free(act);
	return 0;
oom:
	free(order);
	free(match);
	free(act);
	folder_plan_release(out);
	return -1;
}

void print_order_lost(struct print_order *po)
{
	free(po->dir);
	po->dir = NULL;
}

void print_order_release(struct print_order *po)
{
	print_order_lost(po);
	free(po->edition);
	free(po->alone);
	po->edition = po->alone = NULL;
}

int print_order_page(struct print_order *po, const struct run *r,
		     const struct page_file *pf, enum plan_prev prev,
		     struct article_list *arts)
{
	long long base = -1;
	size_t i;
	int clocked = 0, alone;

	for (i = 0; i < arts->n; i++)
		clocked |= arts->v[i].clocked;
	if (prev == PREV_NONE)
		base = 0;
	else if (prev == PREV_READ && po->dir && !strcmp(po->dir, pf->dir))
		base = po->next;
	if (base < 0 && clocked &&
	    (base = state_clock_before(r->st, pf->dir, pf->page_no, pf->path)) < 0)
		return -1;
	print_order_lost(po);
	po->dir = base >= 0 ? strdup(pf->dir) : NULL;
	po->next = base + (long long)arts->n;
	/* an edition new to the state, stored one folder at a time in
	 * printed order: its first folder's articles are the only ones of
	 * it, their seconds need not be looked for in the state */
	if (clocked && (!po->edition || strcmp(po->edition, pf->edition_dir))) {
		int k = state_clock_edition_new(r->st, pf->edition_dir);
		if (k < 0)
			return -1;
		free(po->edition);
		free(po->alone);
		po->edition = strdup(pf->edition_dir);
		po->alone = k > 0 ? strdup(pf->dir) : NULL;
	} else if (clocked && po->alone && strcmp(po->alone, pf->dir)) {
		free(po->alone);
		po->alone = NULL;       /* its second folder: they meet */
	}
	alone = clocked && po->alone && !strcmp(po->alone, pf->dir);
	for (i = 0; i < arts->n; i++) {
		struct article *a = &arts->v[i];
		if (a->clocked)
			a->rank += (long)base;
		a->clock_alone = alone;
		if (r->embargo)
			continue;
		/* everything goes out now: nothing is dated after it */
		a->release = 0;
		if (a->clocked && a->clock > r->now.t)
			a->clock = r->now.t;
		if (!a->clocked && a->published.t > r->now.t) {
			a->published.t = r->now.t;
			a->published.off = ft_tz_offset_utc(&r->tz, r->now.t);
			a->updated = a->published;
		}
	}
	return 0;
}
