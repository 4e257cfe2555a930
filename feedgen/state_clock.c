/*
 * state_clock.c - the paper's clock in the state (feedgen(5)): articles
 * held back until their release (the embargo), the printed-order times of
 * an edition's articles, what the corrections feed and the next run need
 * to know of time passing; and the WebSub pings to try again.  Schema
 * version 2 gained these without a new number: their tables and index are
 * made when missing.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "grow.h"
#include "state.h"
#include "state_int.h"

/*
 * embargo: the articles stored before their release, with it; a row goes
 * when its release comes (state_release), so the table holds a day's
 * editions at most and every window leaves its rows out cheaply.
 * articles_corrected: the articles whose text changed after they went out
 * (updated moved past published), by when: the corrections feed's window.
 * websub: the pings a hub did not take, to try again.
 * photos: the photo files each page's articles show (state_photos.c).
 */
static const char *const added[][3] = {
	{ "embargo", "CREATE TABLE ", "embargo(aid INTEGER PRIMARY KEY,"
				      " release INTEGER NOT NULL)" },
	{ "websub", "CREATE TABLE ", "websub(topic TEXT PRIMARY KEY, hub TEXT NOT NULL,"
				     " since INTEGER NOT NULL, tries INTEGER NOT NULL,"
				     " said INTEGER NOT NULL)" },
	{ "articles_corrected", "CREATE INDEX ", "articles_corrected ON articles(updated)"
						 " WHERE updated > -npub" },
	{ "photos", "CREATE TABLE ", "photos(dir TEXT NOT NULL, name TEXT NOT NULL,"
				     " path TEXT NOT NULL, length INTEGER NOT NULL,"
				     " mtime INTEGER NOT NULL, PRIMARY KEY(dir, name, path))"
				     " WITHOUT ROWID" },
};

const char *const state_clock_sql[4] = {
	"SELECT release FROM embargo WHERE aid=?1",
	"INSERT OR REPLACE INTO embargo(aid, release) VALUES (?1, ?2)",
	"DELETE FROM embargo WHERE aid=?1",
	/* another article of the edition (pages under ?2) at this second;
	 * one of the page being stored (?4) that is still to be dated does
	 * not count, its time being made again */
	"SELECT 1 FROM articles WHERE npub=?1 AND page>=?2 AND page<?3"
	" AND NOT (page=?4 AND aid IN (SELECT aid FROM embargo)) LIMIT 1",
};

/* Is the table or index name in the database's schema?  1, 0, or -1. */
static int has(struct state *st, const char *name)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM main.sqlite_master WHERE name=?1",
			       -1, &s, NULL) != SQLITE_OK)
		return state_fail(st);
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return state_fail(st);
	return rc == SQLITE_ROW;
}

int state_added_schema(struct state *st)
{
	char sql[256];
	size_t i;
	int k, began = 0;

	for (i = 0; i < sizeof(added) / sizeof(added[0]); i++) {
		if ((k = has(st, added[i][0])) < 0)
			goto fail;
		if (k)
			continue;
		if (st->readonly) {
			/* a dry run writes nothing: what the file lacks is
			 * made in memory, empty (an index is not needed) */
			if (i == 2)
				continue;
			snprintf(sql, sizeof(sql), "%stemp.%s", added[i][1], added[i][2]);
		} else {
			if (!began && state_exec(st, "BEGIN IMMEDIATE") < 0)
				return -1;
			began = 1;
			snprintf(sql, sizeof(sql), "%s%s", added[i][1], added[i][2]);
		}
		if (state_exec(st, sql) < 0)
			goto fail;
	}
	if (began && state_exec(st, "COMMIT") < 0)
		goto fail;
	return 0;
fail:
	if (began)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* The one number a query gives (0 for no row), with ?1 and ?2 bound to
 * a and b; -1 on error. */
static long long number(struct state *st, const char *sql, long long a, long long b,
			int *null)
{
	sqlite3_stmt *s = NULL;
	long long v = 0;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return state_fail(st);
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	rc = sqlite3_step(s);
	if (null)
		*null = rc != SQLITE_ROW || sqlite3_column_type(s, 0) == SQLITE_NULL;
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	else if (rc != SQLITE_DONE)
		v = state_fail(st);
	sqlite3_finalize(s);
	return v;
}

long long state_release(struct state *st, long long now)
{
	long long n, held;

	if (!st->stmt[STMT_DIR_PAGES])
		return 0;
	if (number(st, "DELETE FROM embargo WHERE release <= ?1", now, 0, NULL) < 0)
		return -1;
	n = sqlite3_changes(st->db);
	if ((held = number(st, "SELECT count(*) FROM embargo", 0, 0, NULL)) < 0)
		return -1;
	st->hide = held > 0;
	return n;
}

long long state_held(struct state *st, long long *next)
{
	int none;
	long long n, t;

	if (!st->stmt[STMT_DIR_PAGES])
		return 0;
	if ((n = number(st, "SELECT count(*) FROM embargo", 0, 0, NULL)) <= 0)
		return n;
	t = number(st, "SELECT min(release) FROM embargo", 0, 0, &none);
	if (t < 0 && !none)
		return -1;
	if (!none)
		*next = t;
	return n;
}

/* Does prepared statement s (bound) give a row?  It is reset for the
 * next time.  1, 0, or -1. */
static int gives_row(struct state *st, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return state_fail(st);
	return rc == SQLITE_ROW;
}

int state_clock_embargoed(struct state *st, long long aid)
{
	sqlite3_stmt *s = st->stmt[STMT_EMB_GET];

	sqlite3_bind_int64(s, 1, aid);
	return gives_row(st, s);
}

int state_clock_hold(struct state *st, long long aid, long long release)
{
	sqlite3_stmt *s = st->stmt[STMT_EMB_PUT];

	sqlite3_bind_int64(s, 1, aid);
	sqlite3_bind_int64(s, 2, release);
	return state_done(st, s);
}

/* sql, with ?1 and ?2 bound to the paths under folder dir ("dir/" up to
 * "dir0", '0' following '/'); NULL on error (st->fail set). */
static sqlite3_stmt *under(struct state *st, const char *sql, const char *dir)
{
	sqlite3_stmt *s = NULL;
	char *lo = ft_asprintf("%s/", dir), *hi = ft_asprintf("%s0", dir);

	if (!lo || !hi) {
		st->fail = STATE_FAIL_NOMEM;
	} else if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		state_fail(st);
		s = NULL;
	} else {
		sqlite3_bind_text(s, 1, lo, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, hi, -1, SQLITE_TRANSIENT);
	}
	free(lo);
	free(hi);
	return s;
}

int state_clock_edition_new(struct state *st, const char *edition)
{
	sqlite3_stmt *s;
	int rc;

	if (!st->stmt[STMT_DIR_PAGES])
		return 1;
	if (!(s = under(st, "SELECT 1 FROM articles WHERE page >= ?1 AND page < ?2 LIMIT 1",
			edition)))
		return -1;
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return state_fail(st);
	return rc == SQLITE_DONE;
}

long long state_clock_before(struct state *st, const char *dir, long page_no,
			     const char *path)
{
	sqlite3_stmt *s;

	if (!st->stmt[STMT_DIR_PAGES])
		return 0;
	/* the folder's own pages: a name after dir/ without another '/' */
	if (!(s = under(st, "SELECT count(*) FROM articles WHERE page >= ?1 AND page < ?2"
			" AND instr(substr(page, ?3), '/') = 0"
			" AND (page_no < ?4 OR (page_no = ?4 AND page < ?5))", dir)))
		return -1;
	sqlite3_bind_int64(s, 3, (long long)strlen(dir) + 2);
	sqlite3_bind_int64(s, 4, page_no);
	sqlite3_bind_text(s, 5, path, -1, SQLITE_STATIC);
	return state_number(st, s);
}

/* Is t one of v[0..n)?  1 or 0. */
static int in_given(long long t, const long long *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == t)
			return 1;
	return 0;
}

/* Is second t taken in the edition: by an article of the state (other than
 * those of page path still to be dated), or by one dated here (v[0..n))?
 * 1, 0, or -1. */
static int taken(struct state *st, const char *lo, const char *hi,
		 const char *path, long long t, const long long *v, size_t n)
{
	sqlite3_stmt *s = st->stmt[STMT_CLOCK_TAKEN];

	if (in_given(t, v, n))
		return 1;
	sqlite3_bind_int64(s, 1, -t);
	sqlite3_bind_text(s, 2, lo, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, hi, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, path, -1, SQLITE_STATIC);
	return gives_row(st, s);
}

/* The first second of the year 0000 a zone shows: no date goes before it
 * (RFC 3339's years). */
#define YEAR_ZERO (-62167219200LL)

int state_clock_assign(struct state *st, const char *path, struct article *v,
		       size_t n)
{
	long long *given = NULL, t;
	char *lo = NULL, *hi = NULL;
	const char *edition = NULL;
	size_t i, ngiven = 0;
	int k, r = -1;

	for (i = 0; i < n && !(v[i].clock_new && v[i].clocked && v[i].row >= 0); i++)
		;
	if (i == n)
		return 0;
	if (!(given = ft_reallocarray(NULL, n, sizeof(*given)))) {
		st->fail = STATE_FAIL_NOMEM;
		return -1;
	}
	/* the page's articles that keep their times (their rows may be gone
	 * already, taken over by the same id) */
	for (i = 0; i < n; i++)
		if (v[i].row >= 0 && !v[i].clock_new)
			given[ngiven++] = v[i].published.t;
	for (i = 0; i < n; i++) {
		struct article *a = &v[i];
		long long step = -1;

		if (!a->clock_new || !a->clocked || a->row < 0)
			continue;
		if (!edition || strcmp(edition, a->edition)) {
			free(lo);
			free(hi);
			edition = a->edition;
			lo = ft_asprintf("%s/", edition);
			hi = ft_asprintf("%s0", edition);
			if (!lo || !hi) {
				st->fail = STATE_FAIL_NOMEM;
				goto done;
			}
		}
		t = a->clock - a->rank;
		if (t + a->published.off < YEAR_ZERO) {
			/* counted back out of the year 0000: forward instead */
			t = a->clock + 1;
			step = 1;
		}
		while ((k = a->clock_alone ? in_given(t, given, ngiven) :
			    taken(st, lo, hi, path, t, given, ngiven)) == 1)
			t += step;
		if (k < 0)
			goto done;
		given[ngiven++] = t;
		a->published.t = t;
		a->published.off = a->tz ? ft_tz_offset_utc(a->tz, t) : a->published.off;
		a->updated = a->published;
	}
	r = 0;
done:
	free(given);
	free(lo);
	free(hi);
	return r;
}

long long state_count_corrections(struct state *st, long long since)
{
	if (!st->stmt[STMT_DIR_PAGES])
		return 0;
	/* articles_corrected's own condition, so that it is used */
	return number(st, st->hide ?
		      "SELECT count(*) FROM articles WHERE updated > -npub AND updated >= ?1"
		      " AND aid NOT IN (SELECT aid FROM embargo)" :
		      "SELECT count(*) FROM articles WHERE updated > -npub AND updated >= ?1",
		      since, 0, NULL);
}

int state_corrections_date(struct state *st, struct fdate *out)
{
	static const char *const sql[2] = {
		"SELECT updated, updated_off FROM articles WHERE updated > -npub"
		" ORDER BY updated DESC LIMIT 1",
		"SELECT -npub, published_off FROM articles ORDER BY npub DESC LIMIT 1",
	};
	sqlite3_stmt *s = NULL;
	int i, rc = SQLITE_DONE;

	if (!st->stmt[STMT_DIR_PAGES])
		return 1;
	for (i = 0; i < 2 && rc == SQLITE_DONE; i++) {
		if (sqlite3_prepare_v2(st->db, sql[i], -1, &s, NULL) != SQLITE_OK)
			return state_fail(st);
		if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			out->t = sqlite3_column_int64(s, 0);
			out->off = sqlite3_column_int(s, 1);
			if (state_check_date(st, out->t, sqlite3_column_int64(s, 1)) < 0)
				rc = SQLITE_ERROR;
		}
		sqlite3_finalize(s);
	}
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	return st->fail ? -1 : state_fail(st);
}

int state_corrections_between(struct state *st, long long from, long long to)
{
	long long n;

	if (!st->stmt[STMT_DIR_PAGES] || from >= to)
		return 0;
	n = number(st, "SELECT count(*) FROM (SELECT 1 FROM articles"
		   " WHERE updated > -npub AND updated >= ?1 AND updated < ?2 LIMIT 1)",
		   from, to, NULL);
	return n < 0 ? -1 : n > 0;
}

/* ---- WebSub pings to try again ------------------------------------------ */

void state_pings_release(struct state_ping *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].topic);
	free(v);
}

int state_pings(struct state *st, const char *hub, struct state_ping **v,
		size_t *n)
{
	sqlite3_stmt *s = NULL;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (!st->stmt[STMT_DIR_PAGES])
		return 0;
	if (sqlite3_prepare_v2(st->db, "DELETE FROM websub WHERE hub <> ?1", -1, &s,
			       NULL) != SQLITE_OK)
		return state_fail(st);
	sqlite3_bind_text(s, 1, hub ? hub : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return state_fail(st);
	if (sqlite3_prepare_v2(st->db, "SELECT topic, since, tries, said FROM websub"
			       " ORDER BY topic", -1, &s, NULL) != SQLITE_OK)
		return state_fail(st);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct state_ping *p;
		if (*n == alloc) {
			struct state_ping *nv = ft_grow(*v, &alloc, *n + 1, sizeof(*nv));
			if (!nv)
				break;
			*v = nv;
		}
		p = &(*v)[*n];
		if (!(p->topic = state_col_dup(s, 0)))
			break;
		p->since = sqlite3_column_int64(s, 1);
		p->tries = sqlite3_column_int(s, 2);
		p->said = sqlite3_column_int(s, 3);
		(*n)++;
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW) {
		st->fail = STATE_FAIL_NOMEM;
		return -1;
	}
	return rc == SQLITE_DONE ? 0 : state_fail(st);
}

int state_ping_set(struct state *st, const char *hub, const char *topic,
		   const struct state_ping *p)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, p ?
			       "INSERT OR REPLACE INTO websub(topic, hub, since, tries, said)"
			       " VALUES (?1, ?2, ?3, ?4, ?5)" :
			       "DELETE FROM websub WHERE topic=?1", -1, &s, NULL) != SQLITE_OK)
		return state_fail(st);
	sqlite3_bind_text(s, 1, topic, -1, SQLITE_STATIC);
	if (p) {
		sqlite3_bind_text(s, 2, hub, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, p->since);
		sqlite3_bind_int(s, 4, p->tries);
		sqlite3_bind_int(s, 5, p->said);
	}
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : state_fail(st);
}
