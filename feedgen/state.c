#include "state.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"

struct state {
	sqlite3 *db;
	long long run;          /* this run's number, for the sweep */
	sqlite3_stmt *get_page, *get_art, *del_page_arts, *put_art, *put_page,
		     *load_page, *touch_page;
};

static const char schema[] =
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS pages(path TEXT PRIMARY KEY,"
	" size INTEGER NOT NULL, mtime INTEGER NOT NULL, seen INTEGER NOT NULL);"
	"CREATE TABLE IF NOT EXISTS articles(id TEXT PRIMARY KEY,"
	" page TEXT NOT NULL, pos INTEGER NOT NULL, hash TEXT NOT NULL,"
	" published INTEGER NOT NULL, published_off INTEGER NOT NULL,"
	" updated INTEGER NOT NULL, updated_off INTEGER NOT NULL,"
	" ymd TEXT NOT NULL, title TEXT NOT NULL, authors TEXT NOT NULL,"
	" contributors TEXT NOT NULL, categories TEXT NOT NULL, body TEXT NOT NULL,"
	" line INTEGER NOT NULL, page_key TEXT NOT NULL);"
	"CREATE INDEX IF NOT EXISTS articles_page ON articles(page);";

const char *state_error(struct state *st)
{
	return st && st->db ? sqlite3_errmsg(st->db) : "out of memory";
}

static void finalize_all(struct state *st)
{
	sqlite3_finalize(st->get_page);
	sqlite3_finalize(st->get_art);
	sqlite3_finalize(st->del_page_arts);
	sqlite3_finalize(st->put_art);
	sqlite3_finalize(st->put_page);
	sqlite3_finalize(st->load_page);
	sqlite3_finalize(st->touch_page);
}

void state_close(struct state *st)
{
	if (!st)
		return;
	finalize_all(st);
	sqlite3_close(st->db);
	free(st);
}

static int prepare(struct state *st, sqlite3_stmt **s, const char *sql)
{
	return sqlite3_prepare_v2(st->db, sql, -1, s, NULL) == SQLITE_OK ? 0 : -1;
}

/* Open and check one database file; -1 when it is not a usable state. */
static int try_open(struct state *st, const char *path)
{
	sqlite3_stmt *s = NULL;
	int version = -1;

	/* serialized: the threads that write read bodies through it */
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(st->db, 5000);
	/* a rollback journal: the bulk of a first run is new rows, which need
	 * no journal, and nothing else reads the state while the lock is held */
	if (sqlite3_exec(st->db, "PRAGMA journal_mode=TRUNCATE; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;",
			 NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	if (prepare(st, &s, "PRAGMA user_version") < 0)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (version == 0) {
		/* new, or not ours: it must hold no tables of its own */
		if (prepare(st, &s, "SELECT count(*) FROM sqlite_master") < 0)
			return -1;
		if (sqlite3_step(s) != SQLITE_ROW || sqlite3_column_int(s, 0) != 0) {
			sqlite3_finalize(s);
			return -1;
		}
		sqlite3_finalize(s);
		/* most articles' rows then fit in one page, without overflow
		 * pages to follow when they are written and read back */
		if (sqlite3_exec(st->db, "PRAGMA page_size=16384", NULL, NULL, NULL) != SQLITE_OK ||
		    sqlite3_exec(st->db, schema, NULL, NULL, NULL) != SQLITE_OK)
			return -1;
		char pragma[64];
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version=%d",
			 STATE_SCHEMA_VERSION);
		if (sqlite3_exec(st->db, pragma, NULL, NULL, NULL) != SQLITE_OK)
			return -1;
	} else if (version != STATE_SCHEMA_VERSION) {
		return -1;
	}
	/* a quick look at the pages, so a damaged file is found now */
	if (sqlite3_exec(st->db, "PRAGMA quick_check", NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	if (prepare(st, &st->get_page,
		    "SELECT size, mtime FROM pages WHERE path=?1") < 0 ||
	    prepare(st, &st->get_art,
		    "SELECT hash, published, published_off, updated, updated_off,"
		    " page, (SELECT seen FROM pages WHERE path=articles.page)"
		    " FROM articles WHERE id=?1") < 0 ||
	    prepare(st, &st->del_page_arts, "DELETE FROM articles WHERE page=?1") < 0 ||
	    prepare(st, &st->put_art,
		    "INSERT OR REPLACE INTO articles(id, page, pos, hash, published,"
		    " published_off, updated, updated_off, ymd, title, authors,"
		    " contributors, categories, body, line, page_key) VALUES"
		    " (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)") < 0 ||
	    prepare(st, &st->put_page,
		    "INSERT OR REPLACE INTO pages(path, size, mtime, seen)"
		    " VALUES (?1,?2,?3,?4)") < 0 ||
	    prepare(st, &st->load_page,
		    "SELECT id, pos, published, published_off, updated, updated_off,"
		    " ymd, title, authors, contributors, categories, rowid, line,"
		    " page_key FROM articles WHERE page=?1 ORDER BY pos") < 0 ||
	    prepare(st, &st->touch_page, "UPDATE pages SET seen=?2 WHERE path=?1") < 0)
		return -1;
	return 0;
}

static void reset(struct state *st)
{
	finalize_all(st);
	sqlite3_close(st->db);
	memset(st, 0, sizeof(*st));
}

struct state *state_open(const char *path, struct diag_list *dl)
{
	struct state *st = calloc(1, sizeof(*st));
	char *aside = NULL, *wal = NULL, *shm = NULL;

	if (!st)
		return NULL;
	if (try_open(st, path) == 0)
		return st;
	ft_diag_add(dl, DIAG_WARNING, "state-rebuilt", path, 0, 0,
		 "state database unusable (%s); starting a new one",
		 st->db ? sqlite3_errmsg(st->db) : "cannot open");
	reset(st);
	aside = ft_xasprintf("%s.corrupt", path);
	wal = ft_xasprintf("%s-wal", path);
	shm = ft_xasprintf("%s-shm", path);
	if (aside)
		rename(path, aside);
	if (wal)
		unlink(wal);
	if (shm)
		unlink(shm);
	free(aside);
	free(wal);
	free(shm);
	if (try_open(st, path) == 0)
		return st;
	ft_diag_add(dl, DIAG_ERROR, "state-unusable", path, 0, 0,
		 "cannot create the state database: %s",
		 st->db ? sqlite3_errmsg(st->db) : "out of memory");
	reset(st);
	free(st);
	return NULL;
}

int state_begin(struct state *st)
{
	char *v;

	if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	v = state_get(st, "run");
	st->run = v ? strtoll(v, NULL, 10) + 1 : 1;
	free(v);
	{
		char num[32];
		snprintf(num, sizeof(num), "%lld", st->run);
		return state_set(st, "run", num);
	}
}

int state_commit(struct state *st)
{
	return sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

void state_rollback(struct state *st)
{
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int state_page_fresh(struct state *st, const char *path, long long size,
		     long long mtime_ns)
{
	int r = 0, rc;

	sqlite3_bind_text(st->get_page, 1, path, -1, SQLITE_STATIC);
	rc = sqlite3_step(st->get_page);
	if (rc == SQLITE_ROW)
		r = sqlite3_column_int64(st->get_page, 0) == size &&
		    sqlite3_column_int64(st->get_page, 1) == mtime_ns;
	else if (rc != SQLITE_DONE)
		r = -1;
	sqlite3_reset(st->get_page);
	return r;
}

static char *join(const struct strlist *l)
{
	struct buf b = BUF_INIT((size_t)1 << 20);
	size_t i;
	for (i = 0; i < l->n; i++)
		if ((i && ft_buf_addc(&b, '\n') < 0) || ft_buf_adds(&b, l->v[i]) < 0)
			break;
	return ft_buf_detach(&b);
}

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

static int store_page(struct state *st, const char *path, long long size,
		      long long mtime_ns, struct article *v, size_t n,
		      const struct fdate *now);

/* A page is stored whole or not at all: what it held last time is still
 * there for the caller to fall back on when a statement fails. */
int state_store_page(struct state *st, const char *path, long long size,
		     long long mtime_ns, struct article *v, size_t n,
		     const struct fdate *now)
{
	if (sqlite3_exec(st->db, "SAVEPOINT page", NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	if (store_page(st, path, size, mtime_ns, v, n, now) < 0) {
		sqlite3_exec(st->db, "ROLLBACK TO page; RELEASE page", NULL, NULL, NULL);
		return -1;
	}
	return sqlite3_exec(st->db, "RELEASE page", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int store_page(struct state *st, const char *path, long long size,
		      long long mtime_ns, struct article *v, size_t n,
		      const struct fdate *now)
{
	size_t i;
	int rc;

	/* pin dates from what is known, before the page's rows go */
	for (i = 0; i < n; i++) {
		struct article *a = &v[i];
		char *hash = a->hash;

		if (!hash[0])       /* the caller may have hashed it already */
			article_hash(a, hash);
		sqlite3_bind_text(st->get_art, 1, a->id, -1, SQLITE_STATIC);
		a->row = 0;
		rc = sqlite3_step(st->get_art);
		if (rc == SQLITE_ROW) {
			const char *old = (const char *)sqlite3_column_text(st->get_art, 0);
			const char *owner = (const char *)sqlite3_column_text(st->get_art, 5);
			if (owner && strcmp(owner, path) &&
			    sqlite3_column_int64(st->get_art, 6) == st->run) {
				/* another page of this run has the id */
				a->row = -1;
				sqlite3_reset(st->get_art);
				continue;
			}
			a->published.t = sqlite3_column_int64(st->get_art, 1);
			a->published.off = sqlite3_column_int(st->get_art, 2);
			if (old && !strcmp(old, hash)) {
				a->updated.t = sqlite3_column_int64(st->get_art, 3);
				a->updated.off = sqlite3_column_int(st->get_art, 4);
			} else {
				/* changed text: updated is this run's time, never
				 * before the article's own date */
				a->updated = now->t > a->published.t ? *now : a->published;
			}
		} else if (rc == SQLITE_DONE) {
			a->updated = a->published;
		} else {
			sqlite3_reset(st->get_art);
			return -1;
		}
		sqlite3_reset(st->get_art);
	}
	sqlite3_bind_text(st->del_page_arts, 1, path, -1, SQLITE_STATIC);
	rc = sqlite3_step(st->del_page_arts);
	sqlite3_reset(st->del_page_arts);
	if (rc != SQLITE_DONE)
		return -1;
	for (i = 0; i < n; i++) {
		struct article *a = &v[i];
		char *hash = a->hash, *au, *co, *ca;
		sqlite3_stmt *s = st->put_art;

		if (a->row < 0)
			continue;
		au = join(&a->authors);
		co = join(&a->contributors);
		ca = join(&a->categories);
		sqlite3_bind_text(s, 1, a->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, path, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 3, a->pos);
		sqlite3_bind_text(s, 4, hash, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 5, a->published.t);
		sqlite3_bind_int(s, 6, a->published.off);
		sqlite3_bind_int64(s, 7, a->updated.t);
		sqlite3_bind_int(s, 8, a->updated.off);
		sqlite3_bind_text(s, 9, a->ymd, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 10, a->title, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 11, au ? au : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 12, co ? co : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 13, ca ? ca : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 14, a->body, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 15, a->line);
		sqlite3_bind_text(s, 16, a->page_key, -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
		a->row = rc == SQLITE_DONE ? sqlite3_last_insert_rowid(st->db) : 0;
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		free(au);
		free(co);
		free(ca);
		if (rc != SQLITE_DONE)
			return -1;
	}
	sqlite3_bind_text(st->put_page, 1, path, -1, SQLITE_STATIC);
	/* a page with a left-out article is read again next time, so the
	 * error is seen until it is mended */
	for (i = 0; i < n && v[i].row >= 0; i++)
		;
	sqlite3_bind_int64(st->put_page, 2, i < n ? -1 : size);
	sqlite3_bind_int64(st->put_page, 3, mtime_ns);
	sqlite3_bind_int64(st->put_page, 4, st->run);
	rc = sqlite3_step(st->put_page);
	sqlite3_reset(st->put_page);
	return rc == SQLITE_DONE ? 0 : -1;
}

int state_touch_page(struct state *st, const char *path)
{
	int rc;
	sqlite3_bind_text(st->touch_page, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st->touch_page, 2, st->run);
	rc = sqlite3_step(st->touch_page);
	sqlite3_reset(st->touch_page);
	return rc == SQLITE_DONE ? 0 : -1;
}

static char *col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return strdup(t ? (const char *)t : "");
}

int state_load_page(struct state *st, const char *path,
		    struct article_list *out)
{
	sqlite3_stmt *s = st->load_page;
	int rc, r = 0;

	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct article *a = article_list_slot(out);
		const unsigned char *ymd;

		if (!a) {
			r = -1;
			break;
		}
		a->id = col_dup(s, 0);
		a->pos = sqlite3_column_int(s, 1);
		a->published.t = sqlite3_column_int64(s, 2);
		a->published.off = sqlite3_column_int(s, 3);
		a->updated.t = sqlite3_column_int64(s, 4);
		a->updated.off = sqlite3_column_int(s, 5);
		ymd = sqlite3_column_text(s, 6);
		snprintf(a->ymd, sizeof(a->ymd), "%s", ymd ? (const char *)ymd : "");
		a->title = col_dup(s, 7);
		split_into(&a->authors, (const char *)sqlite3_column_text(s, 8));
		split_into(&a->contributors, (const char *)sqlite3_column_text(s, 9));
		split_into(&a->categories, (const char *)sqlite3_column_text(s, 10));
		a->row = sqlite3_column_int64(s, 11);
		a->line = (long)sqlite3_column_int64(s, 12);
		a->page_key = col_dup(s, 13);
		out->n++;
		if (!a->id || !a->title || !a->page_key) {
			r = -1;
			break;
		}
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		r = -1;
	sqlite3_reset(s);
	return r;
}

int state_article_at(struct state *st, const char *id, char **page, long *line)
{
	sqlite3_stmt *s = NULL;
	int r = -1;

	*page = NULL;
	if (prepare(st, &s, "SELECT page, line FROM articles WHERE id=?1") < 0)
		return -1;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*page = col_dup(s, 0);
		*line = (long)sqlite3_column_int64(s, 1);
		r = *page ? 0 : -1;
	}
	sqlite3_finalize(s);
	return r;
}

struct state_bodies {
	sqlite3_stmt *get;
};

struct state_bodies *state_bodies_open(struct state *st)
{
	struct state_bodies *b = calloc(1, sizeof(*b));

	if (b && sqlite3_prepare_v2(st->db, "SELECT body FROM articles WHERE rowid=?1",
				    -1, &b->get, NULL) != SQLITE_OK) {
		sqlite3_finalize(b->get);
		free(b);
		b = NULL;
	}
	return b;
}

const char *state_body(struct state_bodies *b, long long row, size_t *len)
{
	const char *t = NULL;

	sqlite3_reset(b->get);
	sqlite3_bind_int64(b->get, 1, row);
	if (sqlite3_step(b->get) == SQLITE_ROW) {
		t = (const char *)sqlite3_column_text(b->get, 0);
		*len = (size_t)sqlite3_column_bytes(b->get, 0);
	}
	return t;
}

void state_bodies_close(struct state_bodies *b)
{
	if (!b)
		return;
	sqlite3_finalize(b->get);
	free(b);
}

void state_writeback(struct state *st)
{
	const char *f = sqlite3_db_filename(st->db, "main");

	if (f && *f)
		ft_writeback_path(f);
}

int state_sweep(struct state *st)
{
	char sql[256];

	snprintf(sql, sizeof(sql),
		 "DELETE FROM articles WHERE page IN (SELECT path FROM pages WHERE seen<>%lld);"
		 "DELETE FROM pages WHERE seen<>%lld;", st->run, st->run);
	return sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

char *state_get(struct state *st, const char *key)
{
	sqlite3_stmt *s;
	char *v = NULL;

	if (prepare(st, &s, "SELECT value FROM meta WHERE key=?1") < 0)
		return NULL;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = col_dup(s, 0);
	sqlite3_finalize(s);
	return v;
}

int state_set(struct state *st, const char *key, const char *value)
{
	sqlite3_stmt *s;
	int rc;

	if (prepare(st, &s, "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)") < 0)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}
