/*
 * state_ident.c - an article's id across runs: ids issued once and never
 * again (a new article's id is its place when that was never used, else
 * that place with a suffix; the ids of articles that went are retired),
 * articles whose page changed or went waiting in limbo until their edition
 * folder has been read (state_match.c gives each back to the new article
 * it is; feedgen(5), "Entry identity"); what a run retired, for the churn
 * guard.
 */
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "state.h"
#include "state_int.h"

/* A new article's id is its place, or that place with "-2", "-3" ... */
#define SUFFIX_MAX 1000000

/* The last main feed's last entry: 'all', or "NPUB PAGE_NO POS PAGE". */
static void load_window_end(struct state *st)
{
	char *v = state_get(st, "window-end"), *p;

	free(st->wend.page);
	st->wend.page = NULL;
	st->wend_known = st->wend_all = 0;
	if (!v)
		return;
	if (!strcmp(v, "all")) {
		st->wend_known = st->wend_all = 1;
	} else if (sscanf(v, "%lld %lld %d", &st->wend.npub, &st->wend.page_no,
			  &st->wend.pos) == 3 && (p = strchr(v, ' ')) &&
		   (p = strchr(p + 1, ' ')) && (p = strchr(p + 1, ' '))) {
		st->wend.page = strdup(p + 1);
		st->wend_known = st->wend.page != NULL;
	}
	free(v);
}

int state_ident_ready(struct state *st)
{
	sqlite3_stmt *s = NULL;

	if (st->ident_run == st->run)
		return 0;
	st->ident_run = st->run;

	st->retired_now = st->retired_win = 0;
	st->few_used = 0;
	if (!st->stmt[STMT_DIR_PAGES])
		return 0;
	if (state_exec(st, "DELETE FROM limbo; DELETE FROM pending;") < 0)
		return -1;
	load_window_end(st);
	/* while no id was ever retired, an id is used when an article has it */
	if (sqlite3_prepare_v2(st->db, "SELECT EXISTS(SELECT 1 FROM retired)", -1, &s,
			       NULL) != SQLITE_OK)
		return state_fail(st);
	if (sqlite3_step(s) == SQLITE_ROW)
		st->few_used = sqlite3_column_int(s, 0) == 0;
	sqlite3_finalize(s);
	return 0;
}

/* Has any article ever had id?  1, 0, or -1. */
static int id_used(struct state *st, const char *id)
{
	sqlite3_stmt *s = st->stmt[st->few_used ? STMT_GET_ART : STMT_ID_USED];
	int rc;

	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	rc = state_step(st, s);
	state_reset(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

char *state_id_issue(struct state *st, const char *first)
{
	char *id;
	long k;
	int u = id_used(st, first);

	if (u <= 0)
		return u < 0 ? NULL : strdup(first);
	for (k = 2; k < SUFFIX_MAX; k++) {
		if (!(id = ft_asprintf("%s-%ld", first, k))) {
			st->fail = STATE_FAIL_NOMEM;
			return NULL;
		}
		if ((u = id_used(st, id)) == 0)
			return id;
		free(id);
		if (u < 0)
			return NULL;
	}
	st->fail = STATE_FAIL_DAMAGED;
	snprintf(st->msg, sizeof(st->msg), "every id from '%s' to its suffix %d is used", first,
		 SUFFIX_MAX);
	return NULL;
}

/* Run the statements del[0..n) on row aid: 0 or -1. */
static int delete_rows(struct state *st, const int *del, int n, long long aid)
{
	int i;

	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st->stmt[del[i]], 1, aid);
		if (state_done(st, st->stmt[del[i]]) < 0)
			return -1;
	}
	return 0;
}

int state_forget_article(struct state *st, long long aid)
{
	static const int del[4] = { STMT_DEL_ART, STMT_DEL_BODY, STMT_DEL_SECTIONS,
				    STMT_EMB_DEL };

	return delete_rows(st, del, 4, aid);
}

struct fdate state_bump_updated(const struct fdate *now, const struct fdate *pub,
				const struct fdate *old)
{
	/* changed text: this run's time, never before the article's own
	 * date, and never before what was published (a clock set back must
	 * not move it backwards) */
	struct fdate u = now->t > pub->t ? *now : *pub;

	if (u.t <= old->t) {
		u = *old;
		u.t = old->t + 1;
	}
	return u;
}

/* Was the article at this place of the feed order in the last main feed? */
static int in_window(const struct state *st, long long npub, long long page_no,
		     int pos, const char *page)
{
	if (!st->wend_known || st->wend_all)
		return 1;
	if (npub != st->wend.npub)
		return npub < st->wend.npub;
	if (page_no != st->wend.page_no)
		return page_no < st->wend.page_no;
	if (pos != st->wend.pos)
		return pos < st->wend.pos;
	return strcmp(page, st->wend.page) <= 0;
}

int state_retire(struct state *st, const struct state_was *o)
{
	sqlite3_stmt *s = st->stmt[STMT_RETIRE];
	int win = in_window(st, -o->pub.t, o->page_no, o->pos, o->page);

	sqlite3_bind_text(s, 1, o->id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, st->run);
	sqlite3_bind_text(s, 3, o->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, o->page, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, o->page_no);
	sqlite3_bind_int(s, 6, o->pos);
	sqlite3_bind_int(s, 7, win);
	sqlite3_bind_text(s, 8, o->hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 9, o->pub.t);
	sqlite3_bind_int(s, 10, o->pub.off);
	sqlite3_bind_int64(s, 11, o->upd.t);
	sqlite3_bind_int(s, 12, o->upd.off);
	sqlite3_bind_int64(s, 13, o->issued);
	st->few_used = 0;
	st->retired_now++;
	st->retired_win += win;
	return state_done(st, s);
}

int state_retire_row(struct state *st, long long aid)
{
	sqlite3_stmt *s = st->stmt[STMT_ROW_OF];
	const unsigned char *h;
	struct state_was o;
	int rc, r = 0;

	sqlite3_bind_int64(s, 1, aid);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		memset(&o, 0, sizeof(o));
		o.id = (char *)sqlite3_column_text(s, 0);
		o.title = (char *)sqlite3_column_text(s, 1);
		o.page = (char *)sqlite3_column_text(s, 2);
		o.page_no = sqlite3_column_int64(s, 3);
		o.pos = sqlite3_column_int(s, 4);
		o.pub.t = sqlite3_column_int64(s, 5);
		o.pub.off = sqlite3_column_int(s, 6);
		o.upd.t = sqlite3_column_int64(s, 7);
		o.upd.off = sqlite3_column_int(s, 8);
		h = sqlite3_column_text(s, 9);
		snprintf(o.hash, sizeof(o.hash), "%s", h ? (const char *)h : "");
		o.issued = sqlite3_column_int64(s, 10);
		r = o.id && o.title && o.page ? state_retire(st, &o) :
		    (st->fail = STATE_FAIL_NOMEM, -1);
	} else if (rc != SQLITE_DONE) {
		r = state_fail(st);
	}
	state_reset(s);
	return r < 0 ? -1 : state_forget_article(st, aid);
}

int state_retired_get(struct state *st, const char *id, struct state_claim *c,
		      int revive)
{
	sqlite3_stmt *s = st->stmt[STMT_RETIRED_GET];
	int rc, r = 0, now = 0, win = 0;

	if (st->few_used)
		return 0;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	rc = state_step(st, s);
	if (rc == SQLITE_ROW) {
		c->aid = 0;
		now = sqlite3_column_int64(s, 6) == st->run;
		win = sqlite3_column_int(s, 7);
		r = state_claim_of(st, s, 0, 5, c) < 0 ? -1 : 1;
	} else if (rc != SQLITE_DONE) {
		r = -1;
	}
	state_reset(s);
	if (r != 1 || !revive)
		return r;
	/* back: not gone after all */
	if (now) {
		st->retired_now--;
		st->retired_win -= win;
	}
	s = st->stmt[STMT_RETIRED_DEL];
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	return state_done(st, s) < 0 ? -1 : 1;
}

int state_detach(struct state *st, long long aid, const char *dir)
{
	sqlite3_stmt *s = st->stmt[STMT_LIMBO_PUT];

	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_text(s, 2, dir, -1, SQLITE_STATIC);
	if (state_done(st, s) < 0)
		return -1;
	st->few_used = 0;
	/* out of the feeds; its text and sections stay for the matching
	 * (a section's feed is read with the articles' rows) */
	s = st->stmt[STMT_DEL_ART];
	sqlite3_bind_int64(s, 1, aid);
	return state_done(st, s);
}

int state_claim_of(struct state *st, sqlite3_stmt *s, int col, int issued_col,
		   struct state_claim *c)
{
	const unsigned char *h = sqlite3_column_text(s, col);

	snprintf(c->hash, sizeof(c->hash), "%s", h ? (const char *)h : "");
	c->pub.t = sqlite3_column_int64(s, col + 1);
	c->pub.off = sqlite3_column_int(s, col + 2);
	c->upd.t = sqlite3_column_int64(s, col + 3);
	c->upd.off = sqlite3_column_int(s, col + 4);
	c->issued = sqlite3_column_int64(s, issued_col);
	return state_check_date(st, c->pub.t, sqlite3_column_int64(s, col + 2)) < 0 ||
	       state_check_date(st, c->upd.t, sqlite3_column_int64(s, col + 4)) < 0 ? -1 : 0;
}

int state_limbo_drop(struct state *st, long long aid)
{
	static const int del[4] = { STMT_DEL_BODY, STMT_DEL_SECTIONS, STMT_LIMBO_DEL,
				    STMT_EMB_DEL };

	return delete_rows(st, del, 4, aid);
}

int state_limbo_back(struct state *st, long long aid, const char *dir,
		     const char *page)
{
	sqlite3_stmt *s = st->stmt[STMT_LIMBO_BACK];
	size_t n = strlen(dir);

	sqlite3_bind_int64(s, 1, aid);
	if (state_done(st, s) < 0)
		return -1;
	s = st->stmt[STMT_PAGE_AGAIN];
	sqlite3_bind_text(s, 1, dir, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, !strncmp(page, dir, n) && page[n] == '/' ? page + n + 1 : page,
			  -1, SQLITE_STATIC);
	if (state_done(st, s) < 0)
		return -1;
	s = st->stmt[STMT_LIMBO_DEL];
	sqlite3_bind_int64(s, 1, aid);
	return state_done(st, s);
}

int state_limbo_claim(struct state *st, const char *id, struct state_claim *c,
		      int claim)
{
	sqlite3_stmt *s = st->stmt[STMT_LIMBO_GET];
	int rc, r = 0;

	if (st->few_used)
		return 0;       /* nothing in limbo */
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	rc = state_step(st, s);
	if (rc == SQLITE_ROW) {
		c->aid = sqlite3_column_int64(s, 0);
		r = state_claim_of(st, s, 1, 6, c) < 0 ? -1 : 1;
	} else if (rc != SQLITE_DONE) {
		r = -1;
	}
	state_reset(s);
	if (r != 1 || !claim)
		return r;
	/* the row is the claimer's now: limbo keeps nothing of it */
	return state_limbo_drop(st, c->aid) < 0 ? -1 : 1;
}

/* ---- what the churn guard needs -------------------------------------------- */

int state_window_mark(struct state *st, long long count, long long total)
{
	sqlite3_stmt *s = NULL;
	char *v = NULL;
	int rc;

	if (count <= 0 || count >= total)
		return state_set(st, "window-end", "all");
	if (sqlite3_prepare_v2(st->db, "SELECT npub, page_no, pos, page FROM articles"
			       " ORDER BY npub, page_no, pos, page LIMIT 1 OFFSET ?1",
			       -1, &s, NULL) != SQLITE_OK)
		return state_fail(st);
	sqlite3_bind_int64(s, 1, count - 1);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		v = ft_asprintf("%lld %lld %d %s", sqlite3_column_int64(s, 0),
				 sqlite3_column_int64(s, 1), sqlite3_column_int(s, 2),
				 (const char *)sqlite3_column_text(s, 3));
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? state_set(st, "window-end", "all") : state_fail(st);
	if (!v) {
		st->fail = STATE_FAIL_NOMEM;
		return -1;
	}
	rc = state_set(st, "window-end", v);
	free(v);
	return rc;
}

long long state_retired_in_window(struct state *st)
{
	if (state_ident_ready(st) < 0)
		return -1;
	return st->retired_win;
}

long long state_new_in_window(struct state *st, long long count)
{
	char sql[192];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM (SELECT issued FROM articles"
		 " ORDER BY npub, page_no, pos, page LIMIT %lld) WHERE issued = %lld",
		 count > 0 ? count : -1LL, st->run);
	return state_count_of(st, sql, NULL);
}

int state_churn_examples(struct state *st,
			 void (*cb)(void *arg, const char *title, const char *old_id,
				    const char *new_id),
			 void *arg, int max)
{
	sqlite3_stmt *s = NULL, *q = NULL;
	int rc, k = 0;

	if (sqlite3_prepare_v2(st->db, "SELECT title, id, page, page_no, pos FROM retired"
			       " WHERE run = ?1 AND inwin ORDER BY page, pos LIMIT ?2",
			       -1, &s, NULL) != SQLITE_OK ||
	    /* the new id most like it: its title, its folder, its page and
	     * place (the guard trips seldom: a scan of this run's ids) */
	    sqlite3_prepare_v2(st->db, "SELECT id FROM articles WHERE issued = ?1"
			       " ORDER BY title <> ?6, NOT (page > ?2 AND page < ?3),"
			       " page_no <> ?4, abs(pos - ?5), page, pos LIMIT 1",
			       -1, &q, NULL) != SQLITE_OK) {
		sqlite3_finalize(s);
		return state_fail(st);
	}
	sqlite3_bind_int64(s, 1, st->run);
	sqlite3_bind_int(s, 2, max);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *page = (const char *)sqlite3_column_text(s, 2);
		const char *slash = strrchr(page, '/');
		char *lo = slash ? ft_asprintf("%.*s/", (int)(slash - page), page) : NULL;
		char *hi = slash ? ft_asprintf("%.*s0", (int)(slash - page), page) : NULL;
		const unsigned char *nid = NULL;
		if (!slash) {
			lo = strdup("");
			hi = strdup("");
		}
		if (!lo || !hi) {
			free(lo);
			free(hi);
			st->fail = STATE_FAIL_NOMEM;
			k = -1;
			break;
		}
		/* the folder's pages lie between "DIR/" and "DIR0" */
		sqlite3_bind_int64(q, 1, st->run);
		sqlite3_bind_text(q, 2, lo, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, hi, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 4, sqlite3_column_int64(s, 3));
		sqlite3_bind_int(q, 5, sqlite3_column_int(s, 4));
		sqlite3_bind_text(q, 6, (const char *)sqlite3_column_text(s, 0), -1,
				  SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW)
			nid = sqlite3_column_text(q, 0);
		cb(arg, (const char *)sqlite3_column_text(s, 0),
		   (const char *)sqlite3_column_text(s, 1), nid ? (const char *)nid : "");
		sqlite3_reset(q);
		free(lo);
		free(hi);
		k++;
	}
	if (k >= 0 && rc != SQLITE_DONE)
		k = state_fail(st);
	sqlite3_finalize(s);
	sqlite3_finalize(q);
	return k;
}
