/*
 * state_pages.c - pages and their articles in the state: what a folder
 * holds as the state knows it, storing a page that was read (each article
 * is the one of the page as it was with the same content, or claims the
 * id its front matter gives, or is new to the page and waits for its
 * edition's matching, state_ident.c; an id another page holds is left
 * out), keeping a page that could not be read, forgetting one that has
 * gone, and the diagnostics stored with them.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "grow.h"
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
			struct state_page *nv = ft_grow(out->v, &out->alloc, out->n + 1, sizeof(*nv));
			if (!nv) {
				r = -1;
				st->fail = STATE_FAIL_NOMEM;
				break;
			}
			out->v = nv;
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


/* An article of a page as the state has it. */
struct old {
	long long aid, page_no, issued;
	int pos;
	int taken;              /* a new article of the page is this one */
	char *id;
	char hash[ARTICLE_HASH_SIZE];
	struct fdate pub, upd;
};

static void olds_release(struct old *o, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(o[i].id);
	free(o);
}

/* The articles of page path, as stored: 0, or -1. */
static int olds_of(struct state *st, const char *path, struct old **out, size_t *n)
{
	sqlite3_stmt *s = st->stmt[STMT_PAGE_ROWS];
	size_t alloc = 0;
	int rc, r = 0;

	*out = NULL;
	*n = 0;
	/* the rows are collected first: they change while nothing reads them */
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct old *o;
		const unsigned char *h;
		if (*n == alloc) {
			struct old *nv = ft_grow(*out, &alloc, *n + 1, sizeof(*nv));
			if (!nv) {
				st->fail = STATE_FAIL_NOMEM;
				r = -1;
				break;
			}
			*out = nv;
		}
		o = &(*out)[(*n)++];
		memset(o, 0, sizeof(*o));
		o->aid = sqlite3_column_int64(s, 0);
		o->id = state_col_dup(s, 1);
		h = sqlite3_column_text(s, 2);
		snprintf(o->hash, sizeof(o->hash), "%s", h ? (const char *)h : "");
		o->pub.t = sqlite3_column_int64(s, 3);
		o->pub.off = sqlite3_column_int(s, 4);
		o->upd.t = sqlite3_column_int64(s, 5);
		o->upd.off = sqlite3_column_int(s, 6);
		o->page_no = sqlite3_column_int64(s, 7);
		o->pos = sqlite3_column_int(s, 8);
		o->issued = sqlite3_column_int64(s, 9);
		if (!o->id) {
			st->fail = STATE_FAIL_NOMEM;
			r = -1;
			break;
		}
		if (state_check_date(st, o->pub.t, sqlite3_column_int64(s, 4)) < 0 ||
		    state_check_date(st, o->upd.t, sqlite3_column_int64(s, 6)) < 0) {
			r = -1;
			break;
		}
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = state_fail(st);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return r;
}

/*
 * Article a is the one that had id, published pub and updated upd (hash:
 * its content then; aid: its row, 0 when it has none): it takes the id
 * and the published date; its updated date stays when its content is the
 * same (and the hash as it was stored: one of an older kind stays until
 * the article changes, so that what is stored and its digests stay), else
 * it is now.  One not out yet (its release to come, or its row still
 * held: the paper's clock) is dated as on first sight, and a change to it
 * is no correction.  0, or -1.
 */
static int take_over(struct state *st, struct article *a, long long aid,
		     const char *id, const char *hash, const struct fdate *pub,
		     const struct fdate *upd, long long issued,
		     const struct fdate *now)
{
	int held;

	if (strcmp(a->id, id)) {
		char *c = strdup(id);
		if (!c) {
			st->fail = STATE_FAIL_NOMEM;
			return -1;
		}
		free(a->id);
		a->id = c;
	}
	a->published = *pub;
	if (hash && article_hash_same(a, hash)) {
		a->updated = *upd;
		snprintf(a->hash, sizeof(a->hash), "%s", hash);
	} else {
		a->updated = state_bump_updated(now, pub, upd);
	}
	a->issued = issued;
	if ((held = a->release > now->t ? 1 : aid ? state_clock_embargoed(st, aid) : 0) < 0)
		return -1;
	if (held) {
		a->clock_new = 1;
		a->updated = a->published;
	}
	return 0;
}

/* The row of the article with id: 1, its claim, page and page's stem; 0
 * when there is none; -1. */
static int row_with_id(struct state *st, const char *id, struct state_claim *c,
		       char **page, char **page_key)
{
	sqlite3_stmt *s = st->stmt[STMT_GET_ART];
	int rc, r = 0;

	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		c->aid = sqlite3_column_int64(s, 0);
		*page = state_col_dup(s, 6);
		*page_key = state_col_dup(s, 7);
		r = 1;
		if (!*page || !*page_key) {
			st->fail = STATE_FAIL_NOMEM;
			r = -1;
		} else if (state_claim_of(st, s, 1, 8, c) < 0) {
			r = -1;
		}
	} else if (rc != SQLITE_DONE) {
		r = state_fail(st);
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return r;
}

/*
 * An id a's front matter gives: this page's article that had it, else
 * another page's (its row is a's now, unless that page is still in the
 * collection: 1, a is left out), else one in limbo; else a is new.
 * 0, 1, or -1.
 */
static int claim_given(struct state *st, const char *path, struct article *a,
		       struct old *o, size_t no, const struct fdate *now,
		       int (*alive)(void *arg, const char *page), void *arg)
{
	struct state_claim c;
	char *page = NULL, *key = NULL;
	size_t j;
	int k;

	for (j = 0; j < no; j++)
		if (!o[j].taken && !strcmp(o[j].id, a->id)) {
			o[j].taken = 1;
			return take_over(st, a, o[j].aid, o[j].id, o[j].hash, &o[j].pub,
					 &o[j].upd, o[j].issued, now);
		}
	if ((k = row_with_id(st, a->id, &c, &page, &key)) == 1) {
		if (strcmp(page, path) && alive(arg, page))
			k = 1;          /* another page of the collection has it */
		else
			k = take_over(st, a, c.aid, a->id, c.hash, &c.pub, &c.upd, c.issued, now) < 0 ||
			    state_forget_article(st, c.aid) < 0 ? -1 : 0;
		free(page);
		free(key);
		return k;
	}
	if (k < 0 || (k = state_limbo_claim(st, a->id, &c, 1)) < 0)
		return -1;
	if (k == 1)
		return take_over(st, a, c.aid, a->id, c.hash, &c.pub, &c.upd, c.issued, now);
	a->updated = a->published;
	return 0;
}

/* This page's article as it was with a's content, nearest a's position:
 * its index, or -1. */
static long same_content(const struct article *a, const struct old *o, size_t no)
{
	long best = -1;
	size_t j;

	for (j = 0; j < no; j++) {
		if (o[j].taken || !article_hash_same(a, o[j].hash))
			continue;
		if (best < 0 || labs((long)o[j].pos - a->pos) <
				labs((long)o[best].pos - a->pos))
			best = (long)j;
	}
	return best;
}

/*
 * a's id as a new article (its date, its page's name, its place) is one
 * an article had: another page's, whose page has gone, or one in limbo or
 * retired, with the same content, is a (a page moved to another folder of
 * the same date, an edition folder renamed): 1, a has its id and dates.
 * Another page's of the same name that is still in the collection (the
 * same date, another folder): 2, a is a duplicate.  Else 0; or -1.
 */
static int same_place(struct state *st, const char *path, struct article *a,
		      const struct fdate *now, int *free_id,
		      int (*alive)(void *arg, const char *page), void *arg)
{
	struct state_claim c;
	char *page = NULL, *key = NULL;
	int k = row_with_id(st, a->id, &c, &page, &key);

	*free_id = 0;
	if (k == 1) {
		if (!strcmp(page, path))
			k = 0;          /* this page's, as it was: not a */
		else if (alive(arg, page))
			k = strcmp(key, a->page_key ? a->page_key : "") ? 0 : 2;
		else if (!article_hash_same(a, c.hash))
			k = 0;
		else if (take_over(st, a, c.aid, a->id, c.hash, &c.pub, &c.upd, c.issued, now) < 0 ||
			 state_forget_article(st, c.aid) < 0)
			k = -1;
		free(page);
		free(key);
		return k;
	}
	if (k < 0)
		return -1;
	/* in limbo, or retired, as it was */
	if ((k = state_limbo_claim(st, a->id, &c, 0)) == 1 && article_hash_same(a, c.hash))
		k = state_limbo_claim(st, a->id, &c, 1);
	else if (k == 0 && (k = state_retired_get(st, a->id, &c, 0)) == 1 &&
		 article_hash_same(a, c.hash))
		k = state_retired_get(st, a->id, &c, 1);
	else if (k == 1)
		k = 0;
	else if (k == 0)
		*free_id = 1;   /* no article ever had it */
	if (k == 1 && take_over(st, a, c.aid, a->id, c.hash, &c.pub, &c.upd, c.issued, now) < 0)
		k = -1;
	return k;
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

static int put_article(struct state *st, const struct state_pagerec *p,
		       struct article *a)
{
	sqlite3_stmt *s = st->stmt[STMT_PUT_ART];
	const char *path = p->path;
	char *au = join(&a->authors), *co = join(&a->contributors);
	char *ca = join(&a->categories);
	long long aid = new_aid(st);
	char waiting[32];
	size_t i;
	int r = -1;

	if (!au || !co || !ca) {
		st->fail = STATE_FAIL_NOMEM;
		goto done;
	}
	/* an article waiting for its id holds a placeholder that no id can
	 * be (ids hold no control character) */
	snprintf(waiting, sizeof(waiting), "\x01%lld", aid);
	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_text(s, 2, a->pending ? waiting : a->id, -1, SQLITE_STATIC);
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
	sqlite3_bind_int64(s, 20, a->issued);
	sqlite3_bind_text(s, 21, a->url ? a->url : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 22, a->lang ? a->lang : "", -1, SQLITE_STATIC);
	if (state_done(st, s) < 0)
		goto done;
	if (a->pending) {
		s = st->stmt[STMT_PENDING_PUT];
		sqlite3_bind_int64(s, 1, aid);
		sqlite3_bind_text(s, 2, p->dir, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, a->id, -1, SQLITE_STATIC);
		if (state_done(st, s) < 0)
			goto done;
	}
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
		     int (*alive)(void *arg, const char *page), void *arg,
		     int matching)
{
	struct old *o = NULL;
	size_t no = 0, i;
	int left_out = 0, r = -1, k;
	char *id;

	if (state_ident_ready(st) < 0 || olds_of(st, p->path, &o, &no) < 0) {
		olds_release(o, no);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (!v[i].hash[0])
			article_hash(&v[i], v[i].hash);
		v[i].row = 0;
		v[i].pending = 0;
		v[i].issued = st->run;
	}
	/* ids the front matter gives */
	for (i = 0; i < n; i++) {
		if (!v[i].id_given)
			continue;
		if ((k = claim_given(st, p->path, &v[i], o, no, now, alive, arg)) < 0)
			goto done;
		v[i].row = k == 1 ? -1 : 1;
		left_out |= k == 1;
	}
	/* the page's articles as they were, with the same content: where one
	 * was put above them, or the page was reordered */
	for (i = 0; i < n; i++) {
		long j;
		if (v[i].row || (j = same_content(&v[i], o, no)) < 0)
			continue;
		o[j].taken = 1;
		v[i].row = 1;
		if (take_over(st, &v[i], o[j].aid, o[j].id, o[j].hash, &o[j].pub,
			      &o[j].upd, o[j].issued, now) < 0)
			goto done;
	}
	/* the rest are new to the page */
	for (i = 0; i < n; i++) {
		int free_id;
		if (v[i].row)
			continue;
		if ((k = same_place(st, p->path, &v[i], now, &free_id, alive, arg)) < 0)
			goto done;
		if (k == 2) {
			v[i].row = -1;
			left_out = 1;
		}
		if (k)
			continue;
		v[i].updated = v[i].published;
		v[i].clock_new = 1;
		if (matching) {
			v[i].pending = 1;
			continue;
		}
		if (free_id)
			continue;       /* its place, as a new article's */
		if (!(id = state_id_issue(st, v[i].id)))
			goto done;
		free(v[i].id);
		v[i].id = id;
	}
	/* the edition's clock dates the new ones, while the page's rows
	 * still hold their seconds */
	if (state_clock_assign(st, p->path, v, n) < 0)
		goto done;
	/* the page's articles as they were: taken, waiting for the matching
	 * of their folder, or gone */
	for (i = 0; i < no; i++)
		if ((o[i].taken ? state_forget_article(st, o[i].aid) :
		     matching ? state_detach(st, o[i].aid, p->dir) :
		     state_retire_row(st, o[i].aid)) < 0)
			goto done;
	for (i = 0; i < n; i++)
		if (v[i].row >= 0 && (put_article(st, p, &v[i]) < 0 ||
				      (v[i].release > now->t &&
				       state_clock_hold(st, v[i].row, v[i].release) < 0)))
			goto done;
	/* a page with a left-out article is read again next time, so the
	 * error is seen until it is mended */
	r = put_page(st, p, left_out ? -1 : p->size, p->retry || left_out);
	if (r == 0)
		r = state_photos_put(st, p->dir, p->name, v, n);
done:
	olds_release(o, no);
	return r;
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

int state_forget_page(struct state *st, const char *dir, const char *name,
		      int matching)
{
	sqlite3_stmt *s = st->stmt[STMT_DEL_PAGE];
	char *path = ft_asprintf("%s/%s", dir, name);
	struct old *o = NULL;
	size_t no = 0, i;
	int r;

	if (!path) {
		st->fail = STATE_FAIL_NOMEM;
		return -1;
	}
	r = state_ident_ready(st) < 0 ? -1 : olds_of(st, path, &o, &no);
	free(path);
	for (i = 0; r == 0 && i < no; i++)
		r = matching ? state_detach(st, o[i].aid, dir) : state_retire_row(st, o[i].aid);
	olds_release(o, no);
	if (r < 0)
		return -1;
	if (state_photos_forget(st, dir, name) < 0)
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
