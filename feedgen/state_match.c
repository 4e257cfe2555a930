/*
 * state_match.c - an edition folder read: each new article waiting for
 * its id that is one of the folder's articles in limbo (those of its pages
 * that changed or went) gets that one's id and dates, the best pairs
 * first, one to one; the rest in limbo are retired, the rest waiting get
 * new ids (feedgen(5), "Entry identity").
 */
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "likeness.h"
#include "state.h"
#include "state_int.h"

/* Above this many pairs of an edition's changed articles, text alone
 * (a changed title) is not looked for: only what shares a title, a text
 * or a place with another is compared. */
#define PAIRS_MAX 1000000

/* What decides a match, best first (feedgen(5)). */
enum tier {
	TIER_NONE = 0,
	TIER_PLACE,             /* same page and position, some text shared */
	TIER_TEXT,              /* most of the text shared */
	TIER_TITLE,             /* same title, much of the text shared */
	TIER_LEAD,              /* same title and first paragraph */
	TIER_BODY,              /* the same text (a corrected title) */
	TIER_SAME               /* the same content */
};

/* Jaccard similarity of the texts' shingles (four words each) that makes
 * each tier.  tests/unit/test_likeness.c: a corrected word stays above
 * 0.75, one paragraph of five rewritten above 0.5; unrelated articles of
 * one paper fall below 0.15 in Chinese and English (0.09 at most between
 * the articles of samples/ and the seed page, 0.15 between generated
 * ones of bench/gen.py's small vocabulary). */
#define J_TEXT 0.5
#define J_TITLE 0.3
#define J_PLACE 0.25
/* texts of fewer words are too short for their similarity to say much */
#define FEW_WORDS 20

struct was_list {
	struct state_was *v;
	size_t n, alloc;
};

static void was_list_release(struct was_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].id);
		free(l->v[i].page);
		free(l->v[i].title);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* Read the rows of s (bound) into l: limbo's (old) or pending's; with
 * like, their likeness too. */
static int load(struct state *st, sqlite3_stmt *s, int old, int like,
		struct was_list *l)
{
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct state_was *o;
		const unsigned char *h;
		int c = 0;
		if (l->n == l->alloc) {
			struct state_was *nv = ft_grow(l->v, &l->alloc, l->n + 1, sizeof(*nv));
			if (!nv)
				goto oom;
			l->v = nv;
		}
		o = &l->v[l->n++];
		memset(o, 0, sizeof(*o));
		o->aid = sqlite3_column_int64(s, c++);
		o->id = state_col_dup(s, c++);
		o->page = state_col_dup(s, c++);
		o->page_no = sqlite3_column_int64(s, c++);
		o->pos = sqlite3_column_int(s, c++);
		o->pub.t = sqlite3_column_int64(s, c++);
		o->pub.off = sqlite3_column_int(s, c++);
		if (old) {
			o->upd.t = sqlite3_column_int64(s, c++);
			o->upd.off = sqlite3_column_int(s, c++);
		} else {
			o->upd = o->pub;
		}
		h = sqlite3_column_text(s, c++);
		snprintf(o->hash, sizeof(o->hash), "%s", h ? (const char *)h : "");
		o->title = state_col_dup(s, c++);
		o->issued = old ? sqlite3_column_int64(s, c++) : st->run;
		if (!o->id || !o->page || !o->title)
			goto oom;
		if (like)
			likeness_of(o->title, (const char *)sqlite3_column_text(s, c), &o->lk);
		if (state_check_date(st, o->pub.t, o->pub.off) < 0 ||
		    state_check_date(st, o->upd.t, o->upd.off) < 0) {
			state_reset(s);
			return -1;
		}
	}
	state_reset(s);
	return rc == SQLITE_DONE ? 0 : state_fail(st);
oom:
	state_reset(s);
	st->fail = STATE_FAIL_NOMEM;
	return -1;
}

/* A candidate pair: new article p, old article o. */
struct pair {
	size_t p, o;
	enum tier tier;
	double j;
	int same_place;
	long dpos;
};

static enum tier tier_of(const struct state_was *n, const struct state_was *o, int texts,
			 double *j)
{
	int same_title = n->lk.title && n->lk.title == o->lk.title;
	int place = n->page_no == o->page_no && n->pos == o->pos &&
		    (n->page_no != LONG_MAX || !strcmp(n->page, o->page));
	int short_text = n->lk.words < FEW_WORDS || o->lk.words < FEW_WORDS;

	*j = 0;
	if (n->hash[0] && !strcmp(n->hash, o->hash))
		return TIER_SAME;
	if (n->lk.body && n->lk.body == o->lk.body)
		return TIER_BODY;
	if (same_title && n->lk.lead && n->lk.lead == o->lk.lead)
		return TIER_LEAD;
	if (!texts && !same_title && !place)
		return TIER_NONE;
	*j = likeness_jaccard(&n->lk, &o->lk);
	if (same_title && (*j >= J_TITLE || short_text))
		return TIER_TITLE;
	if (*j >= J_TEXT)
		return TIER_TEXT;
	if (place && (*j >= J_PLACE || same_title))
		return TIER_PLACE;
	return TIER_NONE;
}

static const struct was_list *sort_news, *sort_olds;

/* best first: tier, similarity, the same place, the nearest position,
 * then the ids and places, so that the order never depends on the run */
static int pair_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int c;

	if (x->tier != y->tier)
		return x->tier > y->tier ? -1 : 1;
	if (x->j != y->j)
		return x->j > y->j ? -1 : 1;
	if (x->same_place != y->same_place)
		return x->same_place ? -1 : 1;
	if (x->dpos != y->dpos)
		return x->dpos < y->dpos ? -1 : 1;
	if ((c = strcmp(sort_olds->v[x->o].id, sort_olds->v[y->o].id)))
		return c;
	if ((c = strcmp(sort_news->v[x->p].page, sort_news->v[y->p].page)))
		return c;
	return sort_news->v[x->p].pos - sort_news->v[y->p].pos;
}

/* Every pair that may match, in order, into *out. */
static int pairs_of(struct state *st, const struct was_list *news,
		    const struct was_list *olds, struct pair **out, size_t *n)
{
	size_t i, k, alloc = 0;
	int texts = news->n * olds->n <= PAIRS_MAX;

	*out = NULL;
	*n = 0;
	for (i = 0; i < news->n; i++)
		for (k = 0; k < olds->n; k++) {
			struct pair q;
			q.tier = tier_of(&news->v[i], &olds->v[k], texts, &q.j);
			if (q.tier == TIER_NONE)
				continue;
			if (*n == alloc) {
				struct pair *nv = ft_grow(*out, &alloc, *n + 1, sizeof(*nv));
				if (!nv) {
					st->fail = STATE_FAIL_NOMEM;
					return -1;
				}
				*out = nv;
			}
			q.p = i;
			q.o = k;
			q.same_place = news->v[i].page_no == olds->v[k].page_no &&
				       news->v[i].pos == olds->v[k].pos;
			q.dpos = labs((long)news->v[i].pos - (long)olds->v[k].pos);
			(*out)[(*n)++] = q;
		}
	sort_news = news;
	sort_olds = olds;
	qsort(*out, *n, sizeof(**out), pair_cmp);
	return 0;
}

/* New article n's row gets id, its dates and its hash. */
static int set_id(struct state *st, const struct state_was *n, const char *id,
		  const struct fdate *pub, const struct fdate *upd,
		  long long issued, const char *hash)
{
	sqlite3_stmt *s = st->stmt[STMT_SET_ID];

	sqlite3_bind_int64(s, 1, n->aid);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, -pub->t);
	sqlite3_bind_int(s, 4, pub->off);
	sqlite3_bind_int64(s, 5, upd->t);
	sqlite3_bind_int(s, 6, upd->off);
	sqlite3_bind_int64(s, 7, issued);
	sqlite3_bind_text(s, 8, hash, -1, SQLITE_STATIC);
	if (state_done(st, s) < 0)
		return -1;
	s = st->stmt[STMT_SET_SEC_NPUB];
	sqlite3_bind_int64(s, 1, n->aid);
	sqlite3_bind_int64(s, 2, -pub->t);
	return state_done(st, s);
}

int state_match_folder(struct state *st, const char *dir, const struct fdate *now,
		       int unsure)
{
	struct was_list news = { 0 }, olds = { 0 };
	struct pair *pairs = NULL;
	size_t npairs = 0, i;
	int r = -1;

	if (!st->stmt[STMT_DIR_PAGES])
		return 0;
	if (state_ident_ready(st) < 0)
		return -1;
	sqlite3_bind_text(st->stmt[STMT_LIMBO_DIR], 1, dir, -1, SQLITE_STATIC);
	sqlite3_bind_text(st->stmt[STMT_PENDING_DIR], 1, dir, -1, SQLITE_STATIC);
	/* what the new articles are like matters only when there are old
	 * ones to be like */
	if (load(st, st->stmt[STMT_LIMBO_DIR], 1, 1, &olds) < 0 ||
	    load(st, st->stmt[STMT_PENDING_DIR], 0, olds.n > 0, &news) < 0)
		goto done;
	if (olds.n && news.n && pairs_of(st, &news, &olds, &pairs, &npairs) < 0)
		goto done;
	/* one to one, the best pairs first */
	for (i = 0; i < npairs; i++) {
		struct state_was *n = &news.v[pairs[i].p], *o = &olds.v[pairs[i].o];
		struct fdate upd;
		int same = !strcmp(n->hash, o->hash), held;
		if (n->taken || o->taken)
			continue;
		n->taken = o->taken = 1;
		/* one not out yet (the paper's clock): a change to it is no
		 * correction */
		if ((held = state_clock_embargoed(st, n->aid)) < 0)
			goto done;
		upd = held ? o->pub : same ? o->upd : state_bump_updated(now, &o->pub, &o->upd);
		if (state_limbo_drop(st, o->aid) < 0 ||
		    set_id(st, n, o->id, &o->pub, &upd, o->issued, n->hash) < 0)
			goto done;
	}
	/* the rest are gone; unless a page of the folder could not be read:
	 * then they may be there, and are kept as they were */
	for (i = 0; i < olds.n; i++)
		if (!olds.v[i].taken &&
		    (unsure ? state_limbo_back(st, olds.v[i].aid, dir, olds.v[i].page) :
		     state_retire(st, &olds.v[i]) < 0 ? -1 :
		     state_limbo_drop(st, olds.v[i].aid)) < 0)
			goto done;
	/* the rest are new, in page order */
	for (i = 0; i < news.n; i++) {
		struct state_was *n = &news.v[i];
		char *id;
		if (n->taken)
			continue;
		if (!(id = state_id_issue(st, n->id)))
			goto done;
		r = set_id(st, n, id, &n->pub, &n->pub, st->run, n->hash);
		free(id);
		if (r < 0)
			goto done;
		r = -1;
	}
	sqlite3_bind_text(st->stmt[STMT_PENDING_DEL], 1, dir, -1, SQLITE_STATIC);
	r = state_done(st, st->stmt[STMT_PENDING_DEL]);
done:
	free(pairs);
	was_list_release(&news);
	was_list_release(&olds);
	return r;
}
