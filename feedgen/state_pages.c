/*
 * state_pages.c - pages and their articles in the state: what a folder
 * holds as the state knows it, storing a page that was read (pinning each
 * article's dates, leaving out an id another page holds), keeping a page
 * that could not be read, forgetting one that has gone, and the
 * diagnostics stored with them.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "state.h"
#include "state_int.h"

void state_page_list_release(struct state_page_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].diags);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

int state_dir_pages(struct state *st, const char *dir,
		    struct state_page_list *out)
{
	sqlite3_stmt *s = st->stmt[STMT_DIR_PAGES];
	int rc, r = 0;

	if (!s)
		return 0;       /* a dry run's empty state */
	sqlite3_bind_text(s, 1, dir, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct state_page *p;
		const unsigned char *d;
		if (out->n == out->alloc) {
			size_t na = out->alloc ? out->alloc * 2 : 32;
			struct state_page *nv = realloc(out->v, na * sizeof(*nv));
			if (!nv) {
				r = -1;
				st->fail = STATE_FAIL_NOMEM;
				break;
			}
			out->v = nv;
			out->alloc = na;
		}
		p = &out->v[out->n];
		memset(p, 0, sizeof(*p));
		p->name = state_col_dup(s, 0);
		p->size = sqlite3_column_int64(s, 1);
		p->mtime = sqlite3_column_int64(s, 2);
		p->errors = sqlite3_column_int(s, 3);
		p->retry = sqlite3_column_int(s, 4);
		d = sqlite3_column_text(s, 5);
		p->diags = d ? strdup((const char *)d) : NULL;
		out->n++;
		if (!p->name || (d && !p->diags)) {
			r = -1;
			st->fail = STATE_FAIL_NOMEM;
			break;
		}
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = state_fail(st);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return r;
}

int state_dirs(struct state *st, int (*cb)(void *arg, const char *dir),
	       void *arg)
{
	sqlite3_stmt *s = NULL;
	int rc = SQLITE_DONE, r = 0;

	if (!st->stmt[STMT_DIR_PAGES])
		return 0;
	if (sqlite3_prepare_v2(st->db, "SELECT DISTINCT dir FROM pages ORDER BY dir",
			       -1, &s, NULL) != SQLITE_OK)
		return state_fail(st);
	while (r == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW)
		r = cb(arg, (const char *)sqlite3_column_text(s, 0));
	if (r == 0 && rc != SQLITE_DONE)
		r = state_fail(st);
	sqlite3_finalize(s);
	return r;
}

static char *join(const struct strlist *l)
{
	struct buf b = BUF_INIT((size_t)1 << 20);
	size_t i;

	for (i = 0; i < l->n; i++)
		if ((i && ft_buf_addc(&b, '\n') < 0) || ft_buf_adds(&b, l->v[i]) < 0)
			break;
	return b.data ? ft_buf_detach(&b) : strdup("");
}

/* Forget article row aid: the row, its text and its sections. */
static int forget_article(struct state *st, long long aid)
{
	static const int del[4] = { STMT_DEL_ART, STMT_DEL_BODY, STMT_DEL_SECTIONS,
				    STMT_EMB_DEL };
	int i;

	for (i = 0; i < 4; i++) {
		sqlite3_bind_int64(st->stmt[del[i]], 1, aid);
		if (state_done(st, st->stmt[del[i]]) < 0)
			return -1;
	}
	return 0;
}

/* Forget every article of page path. */
static int forget_articles(struct state *st, const char *path)
{
	sqlite3_stmt *s = st->stmt[STMT_PAGE_AIDS];
	long long *aids = NULL;
	size_t n = 0, alloc = 0, i;
	int rc, r = 0;

	/* the rows are collected first: they go while nothing reads them */
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == alloc) {
			size_t na = alloc ? alloc * 2 : 16;
			long long *nv = realloc(aids, na * sizeof(*nv));
			if (!nv) {
				st->fail = STATE_FAIL_NOMEM;
				r = -1;
				break;
			}
			aids = nv;
			alloc = na;
		}
		aids[n++] = sqlite3_column_int64(s, 0);
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = state_fail(st);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	for (i = 0; r == 0 && i < n; i++)
		r = forget_article(st, aids[i]);
	free(aids);
	return r;
}

static long long new_aid(struct state *st)
{
	if (st->next_aid == 0) {
		sqlite3_stmt *s = st->stmt[STMT_MAX_AID];
		st->next_aid = 1;
		if (sqlite3_step(s) == SQLITE_ROW)
			st->next_aid = sqlite3_column_int64(s, 0) + 1;
		sqlite3_reset(s);
	}
	return st->next_aid++;
}

/* The stored dates of the article with a's id, or the id is another
 * page's.  0: a's dates set (*aid the row to replace, 0 when new); 1: the
 * id belongs to another page still in the collection; -1: error. */
static int pin_dates(struct state *st, const char *path, struct article *a,
		     const struct fdate *now, long long *aid,
		     int (*alive)(void *arg, const char *page), void *arg)
{
	sqlite3_stmt *s = st->stmt[STMT_GET_ART];
	int rc, r = 0;

	*aid = 0;
	sqlite3_bind_text(s, 1, a->id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *old = (const char *)sqlite3_column_text(s, 1);
		const char *owner = (const char *)sqlite3_column_text(s, 6);
		*aid = sqlite3_column_int64(s, 0);
		if (owner && strcmp(owner, path) && alive(arg, owner)) {
			/* another page of the collection has the id */
			r = 1;
		} else if ((r = state_clock_embargoed(st, *aid)) != 0) {
			/* not out yet: dated as on first sight, and a
			 * change is no correction */
			if (r > 0) {
				r = 0;
				a->clock_new = 1;
				a->updated = a->published;
			}
		} else {
			struct fdate upd;
			a->published.t = sqlite3_column_int64(s, 2);
			a->published.off = sqlite3_column_int(s, 3);
			upd.t = sqlite3_column_int64(s, 4);
			upd.off = sqlite3_column_int(s, 5);
			if (state_check_date(st, a->published.t, sqlite3_column_int64(s, 3)) < 0 ||
			    state_check_date(st, upd.t, sqlite3_column_int64(s, 5)) < 0) {
				sqlite3_reset(s);
				sqlite3_clear_bindings(s);
				return -1;
			}
			if (old && article_hash_same(a, old)) {
				a->updated = upd;
				/* the hash as it was stored (one of an older
				 * kind stays until the article changes), so
				 * that what is stored and its digests stay */
				snprintf(a->hash, sizeof(a->hash), "%s", old);
			} else {
				/* changed text: updated is this run's time,
				 * never before the article's own date, and
				 * never before what was published (a clock
				 * set back must not move it backwards) */
				a->updated = now->t > a->published.t ? *now : a->published;
				if (a->updated.t <= upd.t) {
					a->updated = upd;
					a->updated.t = upd.t + 1;
				}
			}
		}
	} else if (rc == SQLITE_DONE) {
		a->clock_new = 1;
		a->updated = a->published;
	} else {
		r = state_fail(st);
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return r;
}

static int put_article(struct state *st, const char *path, struct article *a)
{
	sqlite3_stmt *s = st->stmt[STMT_PUT_ART];
	char *au = join(&a->authors), *co = join(&a->contributors);
	char *ca = join(&a->categories);
	long long aid = new_aid(st);
	size_t i;
	int r = -1;

	if (!au || !co || !ca) {
		st->fail = STATE_FAIL_NOMEM;
		goto done;
	}
	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_text(s, 2, a->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, -a->published.t);
	sqlite3_bind_int64(s, 5, a->page_no);
	sqlite3_bind_int(s, 6, a->pos);
	sqlite3_bind_int(s, 7, a->published.off);
	sqlite3_bind_int64(s, 8, a->updated.t);
	sqlite3_bind_int(s, 9, a->updated.off);
	sqlite3_bind_text(s, 10, a->hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, a->ymd, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, a->page ? a->page : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 13, a->page_key ? a->page_key : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 14, a->line);
	sqlite3_bind_text(s, 15, a->title ? a->title : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 16, au, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 17, co, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 18, ca, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 19, a->extra ? a->extra : "", -1, SQLITE_STATIC);
	if (state_done(st, s) < 0)
		goto done;
	s = st->stmt[STMT_PUT_BODY];
	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_text(s, 2, a->html ? a->html : "",
			  a->html ? (int)a->html_len : 0, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, a->summary ? a->summary : "", -1, SQLITE_STATIC);
	if (state_done(st, s) < 0)
		goto done;
	s = st->stmt[STMT_PUT_SECTION];
	for (i = 0; i < a->categories.n; i++) {
		sqlite3_bind_text(s, 1, a->categories.v[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, -a->published.t);
		sqlite3_bind_int64(s, 3, a->page_no);
		sqlite3_bind_int(s, 4, a->pos);
		sqlite3_bind_text(s, 5, path, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 6, aid);
		if (state_done(st, s) < 0)
			goto done;
	}
	a->row = aid;
	r = 0;
done:
	free(au);
	free(co);
	free(ca);
	return r;
}

static int put_page(struct state *st, const struct state_pagerec *p,
		    long long size, int retry)
{
	sqlite3_stmt *s = st->stmt[STMT_PUT_PAGE];

	sqlite3_bind_text(s, 1, p->dir, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, size);
	sqlite3_bind_int64(s, 4, p->mtime);
	sqlite3_bind_int(s, 5, p->errors);
	sqlite3_bind_int(s, 6, retry);
	if (p->diags && *p->diags)
		sqlite3_bind_text(s, 7, p->diags, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 7);
	return state_done(st, s);
}

int state_store_page(struct state *st, const struct state_pagerec *p,
		     struct article *v, size_t n, const struct fdate *now,
		     int (*alive)(void *arg, const char *page), void *arg)
{
	size_t i;
	int left_out = 0;

	/* pin dates from what is known, before the page's rows go */
	for (i = 0; i < n; i++) {
		struct article *a = &v[i];
		long long aid;
		int r;

		if (!a->hash[0])
			article_hash(a, a->hash);
		a->row = 0;
		r = pin_dates(st, p->path, a, now, &aid, alive, arg);
		if (r < 0)
			return -1;
		if (r == 1) {
			a->row = -1;
			left_out = 1;
		} else if (aid) {
			/* the id's last page has gone: its row is this one's
			 * now (the row of this page's own goes below) */
			if (forget_article(st, aid) < 0)
				return -1;
		}
	}
	/* the edition's clock dates the new ones, while the page's rows
	 * still hold their seconds */
	if (state_clock_assign(st, p->path, v, n) < 0 ||
	    forget_articles(st, p->path) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (v[i].row >= 0 && (put_article(st, p->path, &v[i]) < 0 ||
				      (v[i].release > now->t &&
				       state_clock_hold(st, v[i].row, v[i].release) < 0)))
			return -1;
	/* a page with a left-out article is read again next time, so the
	 * error is seen until it is mended */
	return put_page(st, p, left_out ? -1 : p->size, p->retry || left_out);
}

int state_keep_page(struct state *st, const struct state_pagerec *p)
{
	sqlite3_stmt *s = st->stmt[STMT_KEEP_PAGE];

	sqlite3_bind_text(s, 1, p->dir, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, p->errors);
	sqlite3_bind_int(s, 4, p->retry);
	if (p->diags && *p->diags)
		sqlite3_bind_text(s, 5, p->diags, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 5);
	sqlite3_bind_int64(s, 6, p->size);
	sqlite3_bind_int64(s, 7, p->mtime);
	if (state_done(st, s) < 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return put_page(st, p, p->size, p->retry);  /* new, and in error */
	return 0;
}

int state_forget_page(struct state *st, const char *dir, const char *name)
{
	sqlite3_stmt *s = st->stmt[STMT_DEL_PAGE];
	char *path = ft_xasprintf("%s/%s", dir, name);
	int r;

	if (!path) {
		st->fail = STATE_FAIL_NOMEM;
		return -1;
	}
	r = forget_articles(st, path);
	free(path);
	if (r < 0)
		return -1;
	sqlite3_bind_text(s, 1, dir, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	return state_done(st, s);
}

int state_article_at(struct state *st, const char *id, char **page, long *line)
{
	sqlite3_stmt *s = st->stmt[STMT_ART_AT];
	int r = -1;

	*page = NULL;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*page = state_col_dup(s, 0);
		*line = (long)sqlite3_column_int64(s, 1);
		r = *page ? 0 : -1;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return r;
}

int state_each_diags(struct state *st, void (*cb)(void *arg, const char *diags),
		     void *arg)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (!st->stmt[STMT_DIR_PAGES])
		return 0;
	if (sqlite3_prepare_v2(st->db, "SELECT diags FROM pages WHERE diags IS NOT NULL"
			       " ORDER BY dir, name", -1, &s, NULL) != SQLITE_OK)
		return state_fail(st);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		cb(arg, (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : state_fail(st);
}

long long state_pages_in_error(struct state *st)
{
	return state_count_of(st, "SELECT count(*) FROM pages WHERE errors > 0", NULL);
}
