/*
 * state.c - the SQLite state: opening it (damaged or foreign files moved
 * aside, busy ones left alone, older versions migrated by state_schema.c),
 * the statements, transactions, the key/value store and what the last run
 * published.  The statements are prepared here for the state's other
 * files (state_int.h).
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"
#include "state.h"
#include "state_int.h"

/* The tables a feedgen state has: version 2's, then what version 3
 * added. */
static const char *const tables[] = {
	"meta", "pages", "articles", "bodies", "sections", "outputs", "retired"
};
#define TABLES_V2 6

static void finalize_all(struct state *st)
{
	size_t i;

	for (i = 0; i < sizeof(st->stmt) / sizeof(st->stmt[0]); i++) {
		sqlite3_finalize(st->stmt[i]);
		st->stmt[i] = NULL;
	}
}

void state_close(struct state *st)
{
	if (!st)
		return;
	finalize_all(st);
	sqlite3_close(st->db);
	free(st->wend.page);
	free(st);
}

/* A quick look that the database is ours: the first need tables are
 * there.  0, 1 when it is empty (new), -1 with st->msg set when it is not
 * a state. */
static int check_tables(struct state *st, size_t need)
{
	sqlite3_stmt *s = NULL;
	size_t i, found = 0;
	int any = 0, rc;

	if (sqlite3_prepare_v2(st->db, "SELECT name FROM sqlite_master WHERE type='table'",
			       -1, &s, NULL) != SQLITE_OK)
		return state_fail(st);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(s, 0);
		any = 1;
		for (i = 0; n && i < need; i++)
			if (!strcmp(n, tables[i]))
				found++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return state_fail(st);
	if (!any)
		return 1;
	if (found != need) {
		st->fail = STATE_FAIL_DAMAGED;
		st->foreign = 1;
		snprintf(st->msg, sizeof(st->msg),
			 "not a feedgen state: its tables are not a state's");
		return -1;
	}
	return 0;
}

/* The number a pragma gives: PRAGMA user_version, application_id */
static int pragma_int(struct state *st, const char *pragma, long long *v)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, pragma, -1, &s, NULL) != SQLITE_OK)
		return state_fail(st);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : state_fail(st);
}


/* every column of an article's row */
#define ARTICLE_COLS "aid, id, page, npub, page_no, pos, published_off, updated," \
	" updated_off, hash, ymd, page_num, page_key, line, title, authors," \
	" contributors, categories, extra, issued, url, lang"

static const char *const sql_text[STMT__COUNT] = {
	[STMT_DIR_PAGES] = "SELECT name, size, mtime, errors, retry, diags FROM pages"
			   " WHERE dir=?1 ORDER BY name",
	[STMT_GET_ART] = "SELECT aid, hash, -npub, published_off, updated, updated_off,"
			 " page, page_key, issued FROM articles WHERE id=?1",
	[STMT_PAGE_AIDS] = "SELECT aid FROM articles WHERE page=?1",
	[STMT_DEL_ART] = "DELETE FROM articles WHERE aid=?1",
	[STMT_DEL_BODY] = "DELETE FROM bodies WHERE aid=?1",
	[STMT_DEL_SECTIONS] = "DELETE FROM sections WHERE aid=?1",
	[STMT_PUT_ART] = "INSERT INTO articles(aid, id, page, npub, page_no, pos,"
			 " published_off, updated, updated_off, hash, ymd, page_num,"
			 " page_key, line, title, authors, contributors, categories, extra,"
			 " issued, url, lang)"
			 " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,"
			 "?16,?17,?18,?19,?20,?21,?22)",
	[STMT_PUT_BODY] = "INSERT INTO bodies(aid, html, summary) VALUES (?1,?2,?3)",
	[STMT_PUT_SECTION] = "INSERT INTO sections(name, npub, page_no, pos, page, aid)"
			     " VALUES (?1,?2,?3,?4,?5,?6)",
	[STMT_PUT_PAGE] = "INSERT OR REPLACE INTO pages(dir, name, size, mtime,"
			  " errors, retry, diags) VALUES (?1,?2,?3,?4,?5,?6,?7)",
	[STMT_KEEP_PAGE] = "UPDATE pages SET errors=?3, retry=?4, diags=?5, size=?6,"
			   " mtime=?7 WHERE dir=?1 AND name=?2",
	[STMT_DEL_PAGE] = "DELETE FROM pages WHERE dir=?1 AND name=?2",
	[STMT_GET_OUTPUT] = "SELECT entries, size, mtime, digest FROM outputs WHERE rel=?1",
	[STMT_PUT_OUTPUT] = "INSERT OR REPLACE INTO outputs(rel, entries, size, mtime,"
			    " digest, run) VALUES (?1,?2,?3,?4,?5,?6)",
	[STMT_GET_META] = "SELECT value FROM meta WHERE key=?1",
	[STMT_PUT_META] = "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)",
	[STMT_ART_AT] = "SELECT page, line FROM articles WHERE id=?1",
	/* an article's text outlives its row while it waits in limbo: a
	 * new row's number is past both */
	[STMT_MAX_AID] = "SELECT max(coalesce((SELECT max(aid) FROM articles), 0),"
			 " coalesce((SELECT max(aid) FROM bodies), 0))",
	[STMT_PAGE_ROWS] = "SELECT aid, id, hash, -npub, published_off, updated,"
			   " updated_off, page_no, pos, issued FROM articles WHERE page=?1",
	[STMT_LIMBO_PUT] = "INSERT INTO limbo(" ARTICLE_COLS ", dir) SELECT " ARTICLE_COLS
			   ", ?2 FROM articles WHERE aid=?1",
	[STMT_LIMBO_BACK] = "INSERT INTO articles(" ARTICLE_COLS ") SELECT " ARTICLE_COLS
			    " FROM limbo WHERE aid=?1",
	[STMT_LIMBO_GET] = "SELECT aid, hash, -npub, published_off, updated,"
			   " updated_off, issued FROM limbo WHERE id=?1",
	[STMT_LIMBO_DEL] = "DELETE FROM limbo WHERE aid=?1",
	[STMT_PENDING_PUT] = "INSERT INTO pending(aid, dir, first) VALUES (?1,?2,?3)",
	[STMT_ID_USED] = "SELECT 1 FROM articles WHERE id=?1 UNION ALL"
			 " SELECT 1 FROM retired WHERE id=?1 UNION ALL"
			 " SELECT 1 FROM limbo WHERE id=?1 LIMIT 1",
	[STMT_RETIRE] = "INSERT OR REPLACE INTO retired(id, run, title, page, page_no, pos,"
			" inwin, hash, published, published_off, updated, updated_off, issued)"
			" VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)",
	[STMT_RETIRED_GET] = "SELECT hash, published, published_off, updated, updated_off,"
			     " issued, run, inwin FROM retired WHERE id=?1",
	[STMT_RETIRED_DEL] = "DELETE FROM retired WHERE id=?1",
	[STMT_SET_ID] = "UPDATE articles SET id=?2, npub=?3, published_off=?4, updated=?5,"
			" updated_off=?6, issued=?7, hash=?8 WHERE aid=?1",
	[STMT_SET_SEC_NPUB] = "UPDATE sections SET npub=?2 WHERE aid=?1",
	[STMT_LIMBO_DIR] = "SELECT l.aid, l.id, l.page, l.page_no, l.pos, -l.npub,"
			   " l.published_off, l.updated, l.updated_off, l.hash, l.title,"
			   " l.issued, b.html FROM limbo l LEFT JOIN bodies b ON b.aid = l.aid"
			   " WHERE l.dir=?1 ORDER BY l.page, l.pos",
	[STMT_PENDING_DIR] = "SELECT p.aid, p.first, a.page, a.page_no, a.pos, -a.npub,"
			     " a.published_off, a.hash, a.title, b.html FROM pending p"
			     " JOIN articles a ON a.aid = p.aid LEFT JOIN bodies b ON b.aid = p.aid"
			     " WHERE p.dir=?1 ORDER BY a.page, a.pos",
	[STMT_PENDING_DEL] = "DELETE FROM pending WHERE dir=?1",
	[STMT_ROW_OF] = "SELECT id, title, page, page_no, pos, -npub, published_off, updated,"
			" updated_off, hash, issued FROM articles WHERE aid=?1",
	/* a page whose articles were given back from limbo: read again
	 * (if it has gone, found gone again) next run */
	[STMT_PAGE_AGAIN] = "INSERT INTO pages(dir, name, size, mtime, retry) VALUES (?1,?2,-1,0,1)"
			    " ON CONFLICT(dir, name) DO UPDATE SET size=-1, retry=1",
};

/* What a run keeps while it matches an edition's articles
 * (state_ident.c), in memory (temp_store): articles whose page changed or
 * went, their ids not given back yet (limbo), and new articles waiting for
 * theirs (pending, their rows holding a placeholder id). */
static const char temp_sql[] =
	/* an article's whole row, and its page's folder */
	"CREATE TEMP TABLE IF NOT EXISTS limbo(aid INTEGER PRIMARY KEY,"
	" id TEXT NOT NULL UNIQUE, page TEXT NOT NULL, npub INTEGER NOT NULL,"
	" page_no INTEGER NOT NULL, pos INTEGER NOT NULL, published_off INTEGER NOT NULL,"
	" updated INTEGER NOT NULL, updated_off INTEGER NOT NULL, hash TEXT NOT NULL,"
	" ymd TEXT NOT NULL, page_num TEXT NOT NULL, page_key TEXT NOT NULL,"
	" line INTEGER NOT NULL, title TEXT NOT NULL, authors TEXT NOT NULL,"
	" contributors TEXT NOT NULL, categories TEXT NOT NULL, extra TEXT NOT NULL,"
	" issued INTEGER NOT NULL, url TEXT NOT NULL, lang TEXT NOT NULL,"
	" dir TEXT NOT NULL);"
	"CREATE INDEX IF NOT EXISTS temp.limbo_dir ON limbo(dir);"
	"CREATE TEMP TABLE IF NOT EXISTS pending(aid INTEGER PRIMARY KEY,"
	" dir TEXT NOT NULL, first TEXT NOT NULL);"
	"CREATE INDEX IF NOT EXISTS temp.pending_dir ON pending(dir);";

static int prepare_all(struct state *st)
{
	int i;

	if (state_exec(st, temp_sql) < 0 || state_added_schema(st) < 0)
		return -1;
	for (i = 0; i < STMT__COUNT; i++)
		if (state_prepare(st, &st->stmt[i], i < STMT_EMB_GET ? sql_text[i] :
				  i < STMT_PHOTO_DEL ? state_clock_sql[i - STMT_EMB_GET] :
				  state_photos_sql[i - STMT_PHOTO_DEL]) < 0)
			return -1;
	return 0;
}

/* Open and check one database file: 0, 1 when it was made new, -1 with
 * st->fail and st->msg set. */
static int try_open(struct state *st, const char *path, double wait_s)
{
	/* never through a symbolic link (SQLite then refuses one anywhere in
	 * the path), so a planted link cannot redirect the state */
	int flags = SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_NOFOLLOW, empty;
	long long version = -1, app = 0;

	/* serialized: the threads that write read bodies through it */
	flags |= st->readonly ? SQLITE_OPEN_READWRITE :
				SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	st->msg[0] = '\0';
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		if (!st->db)
			return st->fail = STATE_FAIL_NOMEM, -1;
		return state_fail(st);
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, (int)(wait_s * 1000));
	/*
	 * A rollback journal: the bulk of a first run is new rows, which need
	 * none.  A dry run keeps its journal in memory and never lets a
	 * changed page reach the file before a commit, which it never makes.
	 */
	if (state_exec(st, st->readonly ?
		       "PRAGMA journal_mode=MEMORY; PRAGMA cache_spill=OFF;" :
		       "PRAGMA journal_mode=TRUNCATE; PRAGMA synchronous=NORMAL;") < 0 ||
	    /* SQLite's own 2 MB of page cache: a larger one only holds more
	     * of a first run's new pages in memory (8 MB of cache cost 25
	     * more MB of peak memory, and no time) */
	    state_exec(st, "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-2048;") < 0 ||
	    pragma_int(st, "PRAGMA user_version", &version) < 0 ||
	    pragma_int(st, "PRAGMA application_id", &app) < 0)
		return -1;
	if ((empty = check_tables(st, version == 2 ? TABLES_V2 :
				   sizeof(tables) / sizeof(tables[0]))) < 0 && version != 1)
		return -1;
	if (version == 0 && empty == 1) {
		if (st->readonly)
			return 0;       /* a state of nothing, left as it is */
		if (state_schema_create(st) < 0)
			return -1;
		return prepare_all(st) < 0 ? -1 : 1;
	}
	if (version == 1 || (version == 2 && empty == 0)) {
		if (version == 1 && st->readonly) {
			st->fail = STATE_FAIL_DAMAGED;
			snprintf(st->msg, sizeof(st->msg),
				 "a state of version 1, which a dry run does not migrate");
			return -1;
		}
		if (state_migrate(st, version) < 0)
			return -1;
		st->migrated = (int)version;
	} else if (version != STATE_SCHEMA_VERSION) {
		st->fail = STATE_FAIL_DAMAGED;
		st->foreign = version == 0;
		if (version == 0)
			snprintf(st->msg, sizeof(st->msg),
				 "not a feedgen state (no schema version)");
		else
			snprintf(st->msg, sizeof(st->msg),
				 "a state of schema version %lld; this feedgen knows version %d",
				 version, STATE_SCHEMA_VERSION);
		return -1;
	} else if (empty != 0) {
		return -1;
	}
	/* a state from before feedgen named itself in the header: named now,
	 * so that it is known for feedgen's whatever becomes of it */
	if (!st->readonly && app != (long long)STATE_APPLICATION_ID) {
		char pragma[64];
		snprintf(pragma, sizeof(pragma), "PRAGMA application_id=%lu",
			 STATE_APPLICATION_ID);
		if (state_exec(st, pragma) < 0)
			return -1;
	}
	return prepare_all(st);
}

static void reset(struct state *st)
{
	finalize_all(st);
	sqlite3_close(st->db);
	st->db = NULL;
	st->migrated = 0;
}

/* A file that is not a feedgen state where one is named: left as it is. */
static struct state *refuse(struct state *st, const char *path, const char *what,
			    struct diag_list *dl, enum state_failure *why)
{
	ft_diag_add(dl, DIAG_ERROR, "state-foreign", path, 0, 0,
		    "not a feedgen state (%s); left as it is: remove it, or name another --state",
		    what);
	if (st->db)
		reset(st);
	free(st);
	*why = STATE_FAIL_IO;
	return NULL;
}

struct state *state_open(const char *path, int named, int readonly,
			 double wait_s, struct diag_list *dl, int *created,
			 enum state_failure *why)
{
	struct state *st = calloc(1, sizeof(*st));
	enum state_kind kind = STATE_KIND_NONE;
	char what[160];
	struct stat sb;
	int r;

	*created = 0;
	*why = STATE_FAIL_NOMEM;
	if (!st)
		return NULL;
	st->readonly = readonly;
	if (readonly && strcmp(path, ":memory:") && stat(path, &sb) < 0 &&
	    errno == ENOENT)
		path = ":memory:";      /* nothing to read: start from nothing */
	if (readonly && !strcmp(path, ":memory:"))
		st->readonly = 0;       /* a throw-away state can be written */
	if (strcmp(path, ":memory:") && lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		/* a device, a FIFO, a folder or a link: never opened, never
		 * moved aside */
		ft_diag_add(dl, DIAG_ERROR, "state-unusable", path, 0, 0,
			    "cannot use the state: %s", S_ISLNK(sb.st_mode) ?
			    "it is a symbolic link; not followed" :
			    "not a regular file");
		free(st);
		*why = STATE_FAIL_IO;
		return NULL;
	}
	/* a file named by --state (or a config) is written only when it is
	 * a feedgen state, or empty: never another program's file */
	if (named && strcmp(path, ":memory:") &&
	    (kind = state_file_kind(path, what, sizeof(what))) == STATE_KIND_FOREIGN)
		return refuse(st, path, what, dl, why);
	if (!st->readonly && strcmp(path, ":memory:") && stat(path, &sb) < 0)
		*created = 1;
	r = try_open(st, path, wait_s);
	if (r >= 0) {
		if (st->migrated == 1)
			ft_diag_add(dl, DIAG_WARNING, "state-migrated", path, 0, 0,
				    "state of version 1 migrated to version %d; every page is read again once",
				    STATE_SCHEMA_VERSION);
		else if (st->migrated && !readonly)
			ft_diag_add(dl, DIAG_WARNING, "state-migrated", path, 0, 0,
				    "state of version %d migrated to version %d; every id, date and hash kept",
				    st->migrated, STATE_SCHEMA_VERSION);
		*why = STATE_FAIL_NONE;
		return st;
	}
	*why = st->fail;
	/* damaged, or not a state after all: moved aside only when it is
	 * recognisably feedgen's (the name feedgen chose in its own folder,
	 * or its application id; before there was one, its schema version
	 * and tables) */
	if (st->fail == STATE_FAIL_DAMAGED && named && kind != STATE_KIND_OURS &&
	    (kind != STATE_KIND_OLD || st->foreign))
		return refuse(st, path, state_error(st), dl, why);
	if (st->fail == STATE_FAIL_DAMAGED && readonly) {
		/* a dry run moves nothing: it shows what a run would publish
		 * from a new state */
		ft_diag_add(dl, DIAG_WARNING, "state-rebuilt", path, 0, 0,
			    "state database damaged (%s); a run would move it to %s.corrupt and start a new one, as this dry run does in memory",
			    state_error(st), path);
		reset(st);
		st->readonly = 0;
		if (try_open(st, ":memory:", 0) >= 0) {
			*why = STATE_FAIL_NONE;
			return st;
		}
		*why = st->fail;
	}
	if (st->fail != STATE_FAIL_DAMAGED || readonly) {
		/* busy, unwritable, or a dry run: never move or rebuild */
		ft_diag_add(dl, DIAG_ERROR, st->fail == STATE_FAIL_BUSY ?
			    "state-busy" : "state-unusable", path, 0, 0,
			    st->fail == STATE_FAIL_BUSY ?
			    "the state is in use by another process (%s); try again later" :
			    "cannot use the state: %s", state_error(st));
		reset(st);
		free(st);
		return NULL;
	}
	ft_diag_add(dl, DIAG_WARNING, "state-rebuilt", path, 0, 0,
		    "state database damaged (%s); moved to %s.corrupt, starting a new one",
		    state_error(st), path);
	reset(st);
	if (state_move_aside(path) < 0) {
		ft_diag_add(dl, DIAG_ERROR, "state-unusable", path, 0, 0,
			    "cannot move the damaged state aside: %s", strerror(errno));
		free(st);
		*why = STATE_FAIL_IO;
		return NULL;
	}
	*created = 1;
	if (try_open(st, path, wait_s) >= 0) {
		*why = STATE_FAIL_NONE;
		return st;
	}
	*why = st->fail;
	ft_diag_add(dl, DIAG_ERROR, "state-unusable", path, 0, 0,
		    "cannot create the state database: %s", state_error(st));
	reset(st);
	free(st);
	return NULL;
}

int state_begin(struct state *st)
{
	char *v;
	char num[32];

	/* a dry run's migration is in the run's transaction already */
	if (!st->pre_tx && state_exec(st, st->readonly ? "BEGIN" : "BEGIN IMMEDIATE") < 0)
		return -1;
	st->pre_tx = 0;
	st->in_tx = 1;
	v = state_get(st, "run");
	st->run = v ? strtoll(v, NULL, 10) + 1 : 1;
	free(v);
	if (st->run < 1)
		st->run = 1;
	snprintf(num, sizeof(num), "%lld", st->run);
	st->next_aid = 0;
	return st->readonly ? 0 : state_set(st, "run", num);
}

int state_commit(struct state *st)
{
	if (st->readonly) {
		st->fail = STATE_FAIL_IO;
		snprintf(st->msg, sizeof(st->msg), "a dry run does not write the state");
		return -1;
	}
	if (state_exec(st, "COMMIT") < 0)
		return -1;
	st->in_tx = 0;
	return 0;
}

void state_rollback(struct state *st)
{
	if (!st)
		return;
	if (st->in_tx && !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = 0;
}

char *state_get(struct state *st, const char *key)
{
	sqlite3_stmt *s = st->stmt[STMT_GET_META];
	char *v = NULL;

	if (!s)
		return NULL;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = state_col_dup(s, 0);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return v;
}

int state_set(struct state *st, const char *key, const char *value)
{
	sqlite3_stmt *s = st->stmt[STMT_PUT_META];

	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	return state_done(st, s);
}

int state_output_get(struct state *st, const char *rel, struct state_output *o)
{
	sqlite3_stmt *s = st->stmt[STMT_GET_OUTPUT];
	int rc, r = 0;

	memset(o, 0, sizeof(*o));
	o->entries = o->size = o->mtime = -1;
	if (!s)
		return 0;
	sqlite3_bind_text(s, 1, rel, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const unsigned char *d = sqlite3_column_text(s, 3);
		o->entries = sqlite3_column_int64(s, 0);
		o->size = sqlite3_column_int64(s, 1);
		o->mtime = sqlite3_column_int64(s, 2);
		snprintf(o->digest, sizeof(o->digest), "%s", d ? (const char *)d : "");
		/* a count outside what a feed can hold is damage, not a guide */
		if (o->entries < -1 || o->entries > ((long long)1 << 40))
			o->entries = -1;
		r = 1;
	} else if (rc != SQLITE_DONE) {
		r = state_fail(st);
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return r;
}

int state_output_set(struct state *st, const char *rel,
		     const struct state_output *o)
{
	sqlite3_stmt *s = st->stmt[STMT_PUT_OUTPUT];

	sqlite3_bind_text(s, 1, rel, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, o->entries);
	sqlite3_bind_int64(s, 3, o->size);
	sqlite3_bind_int64(s, 4, o->mtime);
	sqlite3_bind_text(s, 5, o->digest, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, st->run);
	return state_done(st, s);
}

int state_outputs_sweep(struct state *st)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "DELETE FROM outputs WHERE run<>%lld", st->run);
	return state_exec(st, sql);
}

/* cb for every output sql gives (?1: this run); stops when cb returns
 * non-zero. */
static int outputs_query(struct state *st, const char *sql,
			 int (*cb)(void *arg, const char *rel,
				   const struct state_output *o),
			 void *arg)
{
	sqlite3_stmt *s = NULL;
	int rc, r = 0;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return state_fail(st);
	sqlite3_bind_int64(s, 1, st->run);
	while (r == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct state_output o;
		const unsigned char *d = sqlite3_column_text(s, 4);
		o.entries = sqlite3_column_int64(s, 1);
		o.size = sqlite3_column_int64(s, 2);
		o.mtime = sqlite3_column_int64(s, 3);
		snprintf(o.digest, sizeof(o.digest), "%s", d ? (const char *)d : "");
		r = cb(arg, (const char *)sqlite3_column_text(s, 0), &o);
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = state_fail(st);
	sqlite3_finalize(s);
	return r;
}

int state_outputs_each(struct state *st,
		       int (*cb)(void *arg, const char *rel,
				 const struct state_output *o),
		       void *arg)
{
	return outputs_query(st, "SELECT rel, entries, size, mtime, digest"
			     " FROM outputs ORDER BY rel", cb, arg);
}

int state_outputs_stale(struct state *st,
			int (*cb)(void *arg, const char *rel,
				  const struct state_output *o),
			void *arg)
{
	return outputs_query(st, "SELECT rel, entries, size, mtime, digest"
			     " FROM outputs WHERE run<>?1 ORDER BY rel", cb, arg);
}

void state_writeback(struct state *st)
{
	const char *f = sqlite3_db_filename(st->db, "main");

	if (f && *f && !st->readonly)
		(void)ft_writeback_path(f);
}
