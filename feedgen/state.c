/*
 * state.c - the SQLite state: opening it (damaged or foreign files moved
 * aside, busy ones left alone, version 1 migrated), the schema,
 * transactions, errors, the key/value store and what the last run
 * published.  Pages and articles are stored by state_pages.c and read
 * back by state_window.c, through the statements prepared here
 * (state_int.h).
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

static void writeback_wait(struct state *st);

static const char schema[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	/* a page is a folder and a name, so that one folder's pages are one
	 * range of the key: what a run compares with its directory listing */
	"CREATE TABLE pages(dir TEXT NOT NULL, name TEXT NOT NULL,"
	" size INTEGER NOT NULL, mtime INTEGER NOT NULL,"
	" errors INTEGER NOT NULL DEFAULT 0, retry INTEGER NOT NULL DEFAULT 0,"
	" diags TEXT, PRIMARY KEY(dir, name)) WITHOUT ROWID;"
	"CREATE INDEX pages_diags ON pages(dir, name) WHERE diags IS NOT NULL;"
	"CREATE INDEX pages_errors ON pages(errors) WHERE errors > 0;"
	/* articles without their text: small rows, so that choosing the
	 * entries of a feed reads few pages of the file.  npub is -published,
	 * so that feed order (newest first, then page number, position,
	 * page) is one ascending key, which archives cut by value */
	"CREATE TABLE articles(aid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
	" page TEXT NOT NULL, npub INTEGER NOT NULL, page_no INTEGER NOT NULL,"
	" pos INTEGER NOT NULL, published_off INTEGER NOT NULL,"
	" updated INTEGER NOT NULL, updated_off INTEGER NOT NULL,"
	" hash TEXT NOT NULL, ymd TEXT NOT NULL, page_num TEXT NOT NULL,"
	" page_key TEXT NOT NULL, line INTEGER NOT NULL, title TEXT NOT NULL,"
	" authors TEXT NOT NULL, contributors TEXT NOT NULL,"
	" categories TEXT NOT NULL, extra TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX articles_page ON articles(page);"
	"CREATE INDEX articles_order ON articles(npub, page_no, pos, page);"
	/* the rendered text, read only for the entries a run writes */
	"CREATE TABLE bodies(aid INTEGER PRIMARY KEY, html TEXT NOT NULL,"
	" summary TEXT NOT NULL);"
	"CREATE TABLE sections(name TEXT NOT NULL, npub INTEGER NOT NULL,"
	" page_no INTEGER NOT NULL, pos INTEGER NOT NULL, page TEXT NOT NULL,"
	" aid INTEGER NOT NULL);"
	"CREATE INDEX sections_order ON sections(name, npub, page_no, pos, page);"
	"CREATE INDEX sections_aid ON sections(aid);"
	"CREATE TABLE outputs(rel TEXT PRIMARY KEY, entries INTEGER NOT NULL,"
	" size INTEGER NOT NULL, mtime INTEGER NOT NULL, digest TEXT NOT NULL,"
	" run INTEGER NOT NULL DEFAULT 0);";

/* The tables a feedgen state of this version has. */
static const char *const tables[] = {
	"meta", "pages", "articles", "bodies", "sections", "outputs"
};

const char *state_error(struct state *st)
{
	if (!st)
		return "out of memory";
	if (st->msg[0])
		return st->msg;
	return st->db ? sqlite3_errmsg(st->db) : "out of memory";
}

enum state_failure state_failure(struct state *st)
{
	return st ? st->fail : STATE_FAIL_NOMEM;
}

/* Remember why the last statement failed: SQLite's words and, when the
 * file system said no, the system's ("No space left on device"). */
int state_fail(struct state *st)
{
	int rc = sqlite3_extended_errcode(st->db), prim = rc & 0xff;
	int sys = sqlite3_system_errno(st->db);

	switch (prim) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		st->fail = STATE_FAIL_BUSY;
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		st->fail = STATE_FAIL_DAMAGED;
		break;
	case SQLITE_NOMEM:
		st->fail = STATE_FAIL_NOMEM;
		break;
	default:
		st->fail = STATE_FAIL_IO;
	}
	if (sys && (prim == SQLITE_IOERR || prim == SQLITE_FULL ||
		    prim == SQLITE_CANTOPEN || prim == SQLITE_READONLY))
		snprintf(st->msg, sizeof(st->msg), "%s: %s",
			 sqlite3_errmsg(st->db), strerror(sys));
	else if (prim == SQLITE_FULL)
		snprintf(st->msg, sizeof(st->msg), "%s: %s",
			 sqlite3_errmsg(st->db), strerror(ENOSPC));
	else
		snprintf(st->msg, sizeof(st->msg), "%s", sqlite3_errmsg(st->db));
	return -1;
}

int state_check_date(struct state *st, long long t, long long off)
{
	/* 0000-01-01T00:00:00 to 9999-12-31T23:59:59, give or take a day */
	if (t >= -62167219200LL - 86400 && t <= 253402300799LL + 86400 &&
	    off >= -86400 && off <= 86400)
		return 0;
	st->fail = STATE_FAIL_DAMAGED;
	snprintf(st->msg, sizeof(st->msg), "a date out of range (%lld, offset %lld)", t, off);
	return -1;
}

int state_prepare(struct state *st, sqlite3_stmt **s, const char *sql)
{
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, s,
			       NULL) != SQLITE_OK)
		return state_fail(st);
	return 0;
}

int state_exec(struct state *st, const char *sql)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return state_fail(st);
	return 0;
}

/* Step s to its end (a statement that returns no row); 0 or -1. */
int state_done(struct state *st, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE ? 0 : state_fail(st);
}

long long state_number(struct state *st, sqlite3_stmt *s)
{
	long long n = -1;

	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	else
		state_fail(st);
	sqlite3_finalize(s);
	return n;
}

long long state_count_of(struct state *st, const char *sql, const char *arg)
{
	sqlite3_stmt *s = NULL;

	if (!st->stmt[STMT_DIR_PAGES])
		return 0;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return state_fail(st);
	if (arg)
		sqlite3_bind_text(s, 1, arg, -1, SQLITE_STATIC);
	return state_number(st, s);
}

char *state_col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return strdup(t ? (const char *)t : "");
}

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
	writeback_wait(st);
	finalize_all(st);
	sqlite3_close(st->db);
	free(st);
}

/* A quick look that the database is ours: the tables are there.  0, 1 when
 * it is empty (new), -1 with st->msg set when it is not a state. */
static int check_tables(struct state *st)
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
		for (i = 0; n && i < sizeof(tables) / sizeof(tables[0]); i++)
			if (!strcmp(n, tables[i]))
				found++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return state_fail(st);
	if (!any)
		return 1;
	if (found != sizeof(tables) / sizeof(tables[0])) {
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

static int create_schema(struct state *st)
{
	char pragma[64];

	/* most articles' text then fits in one page, without overflow pages
	 * to write and read back */
	if (state_exec(st, "PRAGMA page_size=16384") < 0 ||
	    state_exec(st, "BEGIN") < 0)
		return -1;
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version=%d; PRAGMA application_id=%lu",
		 STATE_SCHEMA_VERSION, STATE_APPLICATION_ID);
	if (state_exec(st, schema) < 0 || state_exec(st, pragma) < 0 ||
	    state_exec(st, "COMMIT") < 0) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

/*
 * Version 1 kept every article's Markdown in one table with its metadata.
 * What must survive is each article's id, hash and dates and each
 * output's entry count (the shrink guard): they move to the new tables,
 * and every page is marked to be read again, which stores the rest.
 */
static int migrate_v1(struct state *st)
{
	char pragma[64];

	snprintf(pragma, sizeof(pragma), "PRAGMA user_version=%d",
		 STATE_SCHEMA_VERSION);
	if (state_exec(st, "BEGIN IMMEDIATE") < 0)
		return -1;
	if (state_exec(st,
		"ALTER TABLE meta RENAME TO v1_meta;"
		"ALTER TABLE pages RENAME TO v1_pages;"
		"ALTER TABLE articles RENAME TO v1_articles;"
		"DROP INDEX IF EXISTS articles_page;") < 0 ||
	    state_exec(st, schema) < 0 ||
	    state_exec(st,
		"INSERT INTO meta(key, value) SELECT key, value FROM v1_meta"
		" WHERE key NOT LIKE 'count:%' AND key NOT IN"
		" ('fingerprint', 'outputs', 'outputs-sig', 'parse-key', 'page-errors');"
		"INSERT INTO outputs(rel, entries, size, mtime, digest)"
		" SELECT substr(key, 7), CAST(value AS INTEGER), -1, -1, ''"
		" FROM v1_meta WHERE key LIKE 'count:%';"
		/* rtrim(path, every character but '/') is the folder and its
		 * '/'; the rest is the name */
		"INSERT INTO pages(dir, name, size, mtime)"
		" SELECT rtrim(path, replace(path, '/', '')),"
		"  substr(path, length(rtrim(path, replace(path, '/', ''))) + 1), -1, mtime"
		" FROM v1_pages;"
		"INSERT OR IGNORE INTO articles(id, page, npub, page_no, pos,"
		" published_off, updated, updated_off, hash, ymd, page_num,"
		" page_key, line, title, authors, contributors, categories)"
		" SELECT id, page, -published, 0, pos, published_off, updated,"
		" updated_off, hash, ymd, '', page_key, line, title, authors,"
		" contributors, categories FROM v1_articles;"
		"INSERT INTO bodies(aid, html, summary) SELECT aid, '', '' FROM articles;"
		"DROP TABLE v1_meta; DROP TABLE v1_pages; DROP TABLE v1_articles;") < 0 ||
	    state_exec(st, pragma) < 0 || state_exec(st, "COMMIT") < 0) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

/* The dir of version 1's paths ends in '/': take it off. */
static int fix_v1_dirs(struct state *st)
{
	return state_exec(st,
		"UPDATE pages SET dir = substr(dir, 1, length(dir) - 1)"
		" WHERE dir LIKE '%/' AND length(dir) > 1");
}

static const char *const sql_text[STMT__COUNT] = {
	[STMT_DIR_PAGES] = "SELECT name, size, mtime, errors, retry, diags FROM pages"
			   " WHERE dir=?1 ORDER BY name",
	[STMT_GET_ART] = "SELECT aid, hash, -npub, published_off, updated, updated_off,"
			 " page FROM articles WHERE id=?1",
	[STMT_PAGE_AIDS] = "SELECT aid FROM articles WHERE page=?1",
	[STMT_DEL_ART] = "DELETE FROM articles WHERE aid=?1",
	[STMT_DEL_BODY] = "DELETE FROM bodies WHERE aid=?1",
	[STMT_DEL_SECTIONS] = "DELETE FROM sections WHERE aid=?1",
	[STMT_PUT_ART] = "INSERT INTO articles(aid, id, page, npub, page_no, pos,"
			 " published_off, updated, updated_off, hash, ymd, page_num,"
			 " page_key, line, title, authors, contributors, categories, extra)"
			 " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,"
			 "?16,?17,?18,?19)",
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
	[STMT_MAX_AID] = "SELECT max(aid) FROM articles",
};

static int prepare_all(struct state *st)
{
	int i;

	if (state_added_schema(st) < 0)
		return -1;
	for (i = 0; i < STMT__COUNT; i++)
		if (state_prepare(st, &st->stmt[i], i < STMT_EMB_GET ? sql_text[i] :
				  state_clock_sql[i - STMT_EMB_GET]) < 0)
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
	if ((empty = check_tables(st)) < 0 && version != 1)
		return -1;
	if (version == 0 && empty == 1) {
		if (st->readonly)
			return 0;       /* a state of nothing, left as it is */
		if (create_schema(st) < 0)
			return -1;
		return prepare_all(st) < 0 ? -1 : 1;
	}
	if (version == 1) {
		if (st->readonly) {
			st->fail = STATE_FAIL_DAMAGED;
			snprintf(st->msg, sizeof(st->msg),
				 "a state of version 1, which a dry run does not migrate");
			return -1;
		}
		if (migrate_v1(st) < 0 || fix_v1_dirs(st) < 0)
			return -1;
		st->migrated = 1;
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
		if (st->migrated)
			ft_diag_add(dl, DIAG_WARNING, "state-migrated", path, 0, 0,
				    "state of version 1 migrated to version %d; every page is read again once",
				    STATE_SCHEMA_VERSION);
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

	if (state_exec(st, st->readonly ? "BEGIN" : "BEGIN IMMEDIATE") < 0)
		return -1;
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
	writeback_wait(st);
	if (state_exec(st, "COMMIT") < 0)
		return -1;
	st->in_tx = 0;
	return 0;
}

void state_rollback(struct state *st)
{
	if (!st)
		return;
	writeback_wait(st);
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

static void *writeback(void *arg)
{
	ft_writeback_path(arg);
	free(arg);
	return NULL;
}

void state_writeback(struct state *st)
{
	const char *f = sqlite3_db_filename(st->db, "main");
	char *path;

	if (!f || !*f || st->readonly || st->wb_started || !(path = strdup(f)))
		return;
	/* the kernel's part of a first run's 30 MB is some milliseconds of
	 * work: done beside the feeds' writing, not before it */
	if (pthread_create(&st->wb, NULL, writeback, path) == 0) {
		st->wb_started = 1;
		return;
	}
	writeback(path);
}

static void writeback_wait(struct state *st)
{
	if (st->wb_started)
		pthread_join(st->wb, NULL);
	st->wb_started = 0;
}
