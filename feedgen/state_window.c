/*
 * state_window.c - reading back what the feeds hold: how many articles
 * there are (in all, in a section), the sections, a window of articles in
 * feed order with their text (a cursor per writing job), its newest
 * updated date, and the digests of archive slices.  Only the entries a run
 * writes have their text read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fnv.h"
#include "state.h"
#include "state_int.h"

#define ART_COLS "a.aid, a.id, a.page, -a.npub, a.published_off, a.updated," \
		 " a.updated_off, a.hash, a.ymd, a.page_num, a.page_key," \
		 " a.line, a.title, a.authors, a.contributors, a.categories," \
		 " a.extra, a.page_no, a.pos, a.url, a.lang"

long long state_count(struct state *st, const char *section)
{
	if (st->hide)
		return state_count_of(st, section ?
			"SELECT (SELECT count(*) FROM sections WHERE name=?1) -"
			" (SELECT count(*) FROM embargo e JOIN sections s ON s.aid = e.aid"
			" WHERE s.name=?1)" :
			"SELECT (SELECT count(*) FROM articles) -"
			" (SELECT count(*) FROM embargo e JOIN articles a ON a.aid = e.aid)",
			section);
	return state_count_of(st, section ? "SELECT count(*) FROM sections WHERE name=?1" :
					    "SELECT count(*) FROM articles", section);
}

int state_sections(struct state *st, struct strlist *out)
{
	sqlite3_stmt *s = NULL;
	int rc, r = 0;

	if (!st->stmt[STMT_DIR_PAGES])
		return 0;
	if (sqlite3_prepare_v2(st->db, st->hide ?
			       "SELECT DISTINCT name FROM sections"
			       " WHERE aid NOT IN (SELECT aid FROM embargo) ORDER BY name" :
			       "SELECT DISTINCT name FROM sections ORDER BY name",
			       -1, &s, NULL) != SQLITE_OK)
		return state_fail(st);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(s, 0);
		if (n && strlist_add_unique(out, n, strlen(n)) < 0) {
			st->fail = STATE_FAIL_NOMEM;
			r = -1;
			break;
		}
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = state_fail(st);
	sqlite3_finalize(s);
	return r;
}

/* The SELECT of a window: cols from the articles (a), bodies (b) when
 * with_body, in feed order; those waiting for their release left out. */
static char *window_sql(const struct state *st, const struct state_window *w,
			const char *cols, int with_body)
{
	const char *body = with_body ? " JOIN bodies b ON b.aid = a.aid" : "";
	const char *hide = st->hide ? " AND a.aid NOT IN (SELECT aid FROM embargo)" : "";

	if (w->corrections)
		/* articles_corrected's own condition, so that it is used */
		return ft_asprintf(
			"SELECT %s FROM articles a%s"
			" WHERE a.updated > -a.npub AND a.updated >= ?7%s"
			" ORDER BY a.updated DESC, a.npub, a.page_no, a.pos, a.page LIMIT ?6",
			cols, body, hide);
	if (w->edition)
		/* the paper as printed: page by page, each in its order */
		return ft_asprintf(
			"SELECT %s FROM articles a%s WHERE a.ymd = ?8%s"
			" ORDER BY a.page_no, a.page, a.pos LIMIT ?6",
			cols, body, hide);
	if (w->section)
		return ft_asprintf(
			"SELECT %s FROM sections s JOIN articles a ON a.aid = s.aid%s"
			" WHERE s.name = ?1%s%s"
			" ORDER BY s.npub, s.page_no, s.pos, s.page LIMIT ?6",
			cols, body, w->from ?
			" AND (s.npub, s.page_no, s.pos, s.page) >= (?2, ?3, ?4, ?5)" : "",
			hide);
	return ft_asprintf(
		"SELECT %s FROM articles a%s WHERE 1%s%s"
		" ORDER BY a.npub, a.page_no, a.pos, a.page LIMIT ?6",
		cols, body, w->from ?
		" AND (a.npub, a.page_no, a.pos, a.page) >= (?2, ?3, ?4, ?5)" : "", hide);
}

static void window_bind(sqlite3_stmt *s, const struct state_window *w)
{
	if (w->section)
		sqlite3_bind_text(s, 1, w->section, -1, SQLITE_STATIC);
	if (w->from) {
		sqlite3_bind_int64(s, 2, w->from->npub);
		sqlite3_bind_int64(s, 3, w->from->page_no);
		sqlite3_bind_int(s, 4, w->from->pos);
		sqlite3_bind_text(s, 5, w->from->page, -1, SQLITE_STATIC);
	}
	sqlite3_bind_int64(s, 6, w->count);
	if (w->corrections)
		sqlite3_bind_int64(s, 7, w->since);
	if (w->edition)
		sqlite3_bind_text(s, 8, w->edition, -1, SQLITE_STATIC);
}

int state_latest_edition(struct state *st, char **ymd, long long *count)
{
	const char *hide = st->hide ? " AND a.aid NOT IN (SELECT aid FROM embargo)" : "";
	char *sql = ft_asprintf("SELECT a.ymd, count(*) FROM articles a WHERE a.ymd ="
				 " (SELECT max(a.ymd) FROM articles a WHERE 1%s)%s",
				 hide, hide);
	sqlite3_stmt *s = NULL;
	int rc, r = 0;

	*ymd = NULL;
	*count = 0;
	if (!st->stmt[STMT_DIR_PAGES]) {
		free(sql);
		return 0;
	}
	if (!sql) {
		st->fail = STATE_FAIL_NOMEM;
		return -1;
	}
	rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return state_fail(st);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
		*count = sqlite3_column_int64(s, 1);
		if (!(*ymd = state_col_dup(s, 0))) {
			st->fail = STATE_FAIL_NOMEM;
			r = -1;
		}
	} else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		r = state_fail(st);
	}
	sqlite3_finalize(s);
	return r;
}

int state_window_updated(struct state *st, const struct state_window *w,
			 struct fdate *out)
{
	sqlite3_stmt *s = NULL;
	char *inner = window_sql(st, w, "a.updated, a.updated_off", 0);
	char *sql = inner ? ft_asprintf("SELECT updated, updated_off FROM (%s)"
					 " ORDER BY updated DESC LIMIT 1", inner) : NULL;
	int rc, r = -1;

	free(inner);
	if (!st->stmt[STMT_DIR_PAGES]) {
		free(sql);
		return 1;
	}
	if (!sql) {
		st->fail = STATE_FAIL_NOMEM;
		return -1;
	}
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		free(sql);
		return state_fail(st);
	}
	free(sql);
	window_bind(s, w);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->t = sqlite3_column_int64(s, 0);
		out->off = sqlite3_column_int(s, 1);
		r = state_check_date(st, out->t, sqlite3_column_int64(s, 1));
	} else if (rc == SQLITE_DONE) {
		r = 1;
	} else {
		state_fail(st);
	}
	sqlite3_finalize(s);
	return r;
}

/*
 * The writing threads share the connection, whose mutex every sqlite3_*()
 * call takes: read row by row, two threads hand it back and forth (futex
 * wake-ups were a twentieth of a first run's CPU).  So a cursor reads a
 * batch of rows under the mutex, held once, into memory of its own: at
 * most CURSOR_ROWS rows and, past the first, CURSOR_BYTES of text.
 */
#define CURSOR_ROWS 32
#define CURSOR_BYTES ((size_t)1 << 20)

struct state_cursor {
	struct state *st;
	sqlite3_stmt *s;
	struct article rows[CURSOR_ROWS];       /* owned here, text and all */
	size_t n, next;         /* rows read, rows handed out */
	int done;               /* the statement has no more rows */
};

static void split_into(struct strlist *l, const char *s)
{
	while (s && *s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		if (n)
			strlist_add_unique(l, s, n);
		s = nl ? nl + 1 : NULL;
	}
}

/* Everything a row holds. */
static void clear_row(struct article *a)
{
	free(a->html);
	a->html = NULL;
	free(a->summary);
	a->summary = NULL;
	free((char *)a->file);
	a->file = NULL;
	article_release(a);
}

static void clear_rows(struct state_cursor *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		clear_row(&c->rows[i]);
	c->n = c->next = 0;
}

struct state_cursor *state_cursor_open(struct state *st,
				       const struct state_window *w)
{
	struct state_cursor *c = calloc(1, sizeof(*c));
	char *sql = window_sql(st, w, ART_COLS ", b.html, b.summary", 1);

	if (!c || !sql) {
		free(c);
		free(sql);
		st->fail = STATE_FAIL_NOMEM;
		return NULL;
	}
	c->st = st;
	if (!st->stmt[STMT_DIR_PAGES]) {
		free(sql);
		c->done = 1;
		return c;       /* an empty state: no rows */
	}
	if (sqlite3_prepare_v2(st->db, sql, -1, &c->s, NULL) != SQLITE_OK) {
		state_fail(st);
		free(sql);
		free(c);
		return NULL;
	}
	free(sql);
	window_bind(c->s, w);
	return c;
}

/* Column i as a malloc'd string and its length (state_col_dup() less
 * the strlen() over an article's text) */
static char *col_copy(sqlite3_stmt *s, int i, size_t *len)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	size_t n = (size_t)sqlite3_column_bytes(s, i);
	char *p = malloc(n + 1);

	if (p) {
		if (n)
			memcpy(p, t, n);
		p[n] = '\0';
	}
	*len = n;
	return p;
}

/* Column i as a malloc'd string in *out, NULL when empty; 0, or -1 when
 * memory ran out. */
static int col_opt(sqlite3_stmt *s, int i, char **out)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	*out = t && *t ? strdup((const char *)t) : NULL;
	return t && *t && !*out ? -1 : 0;
}

/* The statement's next row into a; 1, 0 at the end, or -1. */
static int read_row(struct state_cursor *c, struct article *a)
{
	sqlite3_stmt *s = c->s;
	const unsigned char *t;
	int rc;

	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return state_fail(c->st);
	if (state_check_date(c->st, sqlite3_column_int64(s, 3), sqlite3_column_int64(s, 4)) < 0 ||
	    state_check_date(c->st, sqlite3_column_int64(s, 5), sqlite3_column_int64(s, 6)) < 0)
		return -1;
	a->row = sqlite3_column_int64(s, 0);
	a->id = state_col_dup(s, 1);
	a->file = state_col_dup(s, 2);
	a->published.t = sqlite3_column_int64(s, 3);
	a->published.off = sqlite3_column_int(s, 4);
	a->updated.t = sqlite3_column_int64(s, 5);
	a->updated.off = sqlite3_column_int(s, 6);
	t = sqlite3_column_text(s, 7);
	snprintf(a->hash, sizeof(a->hash), "%s", t ? (const char *)t : "");
	t = sqlite3_column_text(s, 8);
	snprintf(a->ymd, sizeof(a->ymd), "%s", t ? (const char *)t : "");
	a->page = state_col_dup(s, 9);
	a->page_key = state_col_dup(s, 10);
	a->line = (long)sqlite3_column_int64(s, 11);
	a->title = state_col_dup(s, 12);
	split_into(&a->authors, (const char *)sqlite3_column_text(s, 13));
	split_into(&a->contributors, (const char *)sqlite3_column_text(s, 14));
	split_into(&a->categories, (const char *)sqlite3_column_text(s, 15));
	a->page_no = (long)sqlite3_column_int64(s, 17);
	a->pos = sqlite3_column_int(s, 18);
	a->html = col_copy(s, 21, &a->html_len);
	a->summary = state_col_dup(s, 22);
	/* the photo, and what the front matter gave: NULL when nothing */
	if (!a->id || !a->file || !a->page || !a->page_key || !a->title ||
	    !a->html || !a->summary || col_opt(s, 16, &a->extra) < 0 ||
	    col_opt(s, 19, &a->url) < 0 || col_opt(s, 20, &a->lang) < 0) {
		c->st->fail = STATE_FAIL_NOMEM;
		snprintf(c->st->msg, sizeof(c->st->msg), "out of memory");
		return -1;
	}
	return 1;
}

/* The next batch, under the connection's (recursive) mutex; 0 or -1. */
static int refill(struct state_cursor *c)
{
	sqlite3_mutex *mu = sqlite3_db_mutex(c->st->db);
	size_t bytes = 0;
	int k = 1;

	clear_rows(c);
	sqlite3_mutex_enter(mu);
	while (c->n < CURSOR_ROWS && bytes < CURSOR_BYTES) {
		struct article *a = &c->rows[c->n];
		if ((k = read_row(c, a)) <= 0) {
			clear_row(a);
			break;
		}
		bytes += a->html_len;
		c->n++;
	}
	sqlite3_mutex_leave(mu);
	if (k == 0)
		c->done = 1;
	if (k < 0) {
		clear_rows(c);
		c->done = 1;
		return -1;
	}
	return 0;
}

int state_cursor_next(struct state_cursor *c, struct article *out)
{
	if (c->next >= c->n) {
		if (c->done) {
			clear_rows(c);
			return 0;
		}
		if (refill(c) < 0)
			return -1;
		if (!c->n)
			return 0;
	}
	*out = c->rows[c->next++];
	return 1;
}

void state_cursor_close(struct state_cursor *c)
{
	if (!c)
		return;
	clear_rows(c);
	sqlite3_finalize(c->s);
	free(c);
}

/* a column, a field of the digest */
static void fold_col(uint64_t *h, sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	*h = ft_fnv1a_field(*h, t ? t : (const unsigned char *)"",
			    (size_t)sqlite3_column_bytes(s, i));
}

int state_archive_digests(struct state *st, long long size, long long narch,
			  int (*cb)(void *arg, long long k, const char *digest,
				    const struct state_key *key),
			  void *arg)
{
	sqlite3_stmt *s = NULL;
	uint64_t h = FT_FNV_INIT;
	long long p = 0;
	int rc = SQLITE_DONE, r = 0, i;

	if (size <= 0 || narch <= 0 || !st->stmt[STMT_DIR_PAGES])
		return 0;
	/* oldest first: the feed order backwards */
	if (sqlite3_prepare_v2(st->db,
			       "SELECT npub, page_no, pos, page, id, hash, published_off,"
			       " updated, updated_off, ymd, page_num, page_key, extra,"
			       " title, authors, contributors, categories, url, lang FROM articles"
			       " WHERE ?2 = 0 OR aid NOT IN (SELECT aid FROM embargo)"
			       " ORDER BY npub DESC, page_no DESC, pos DESC, page DESC"
			       " LIMIT ?1", -1, &s, NULL) != SQLITE_OK)
		return state_fail(st);
	sqlite3_bind_int64(s, 1, size * narch);
	sqlite3_bind_int(s, 2, st->hide);
	while (r == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (i = 0; i < 17; i++)
			fold_col(&h, s, i);
		/* what the front matter gives, when it gives it: the digests
		 * of archives without it stay as they were */
		for (i = 17; i < 19; i++)
			if (sqlite3_column_bytes(s, i)) {
				h = ft_fnv1a_field(h, "", (size_t)i);
				fold_col(&h, s, i);
			}
		if (++p % size == 0) {
			struct state_key key;
			char hex[17];
			key.npub = sqlite3_column_int64(s, 0);
			key.page_no = sqlite3_column_int64(s, 1);
			key.pos = sqlite3_column_int(s, 2);
			key.page = (char *)sqlite3_column_text(s, 3);
			snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)h);
			r = cb(arg, p / size, hex, &key);
			h = FT_FNV_INIT;
		}
	}
	if (r == 0 && rc != SQLITE_DONE && rc != SQLITE_ROW)
		r = state_fail(st);
	sqlite3_finalize(s);
	return r;
}
