/*
 * state_schema.c - the state's schema: a new state made, or an older one
 * made this version's, every id and date kept: version 1 (each article's
 * Markdown beside its metadata) and version 2 (before the ids that follow
 * the article: no record of retired ids, of when an id was issued, of an
 * article's link and language as its front matter gives them, nor of the
 * ids' tag: authority).
 */
#include <sqlite3.h>
#include <stdio.h>

#include "state.h"
#include "state_int.h"

static const char state_schema_sql[] =
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
	" categories TEXT NOT NULL, extra TEXT NOT NULL DEFAULT '',"
	/* issued: the run that first gave the article its id; url and lang:
	 * what its front matter says */
	" issued INTEGER NOT NULL DEFAULT 0, url TEXT NOT NULL DEFAULT '',"
	" lang TEXT NOT NULL DEFAULT '');"
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
	" run INTEGER NOT NULL DEFAULT 0);"
	STATE_RETIRED_TABLE;

int state_schema_create(struct state *st)
{
	char pragma[64];

	/* most articles' text then fits in one page, without overflow pages
	 * to write and read back */
	if (state_exec(st, "PRAGMA page_size=16384") < 0 ||
	    state_exec(st, "BEGIN") < 0)
		return -1;
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version=%d; PRAGMA application_id=%lu",
		 STATE_SCHEMA_VERSION, STATE_APPLICATION_ID);
	if (state_exec(st, state_schema_sql) < 0 || state_exec(st, pragma) < 0 ||
	    state_exec(st, "COMMIT") < 0) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

/* The ids' tag: authority of a state from before it was kept: the host
 * most of its ids name (none when it has no tag: ids). */
static const char authority_sql[] =
	"INSERT OR IGNORE INTO meta(key, value)"
	" SELECT 'id-authority', host FROM"
	" (SELECT substr(id, 5, instr(id, ',') - 5) AS host, count(*) AS n"
	"  FROM articles WHERE id LIKE 'tag:%,%'"
	"  GROUP BY host ORDER BY n DESC, host LIMIT 1) WHERE host <> '';";

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
	    state_exec(st, state_schema_sql) < 0 ||
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

/*
 * Version 2 had ids made of the page and position alone.  Its articles
 * keep their ids, dates and hashes; what version 3 adds is empty (no id
 * retired yet, none issued in a run known, no link or language given);
 * the ids' tag: authority is the host most of its ids name, so that ids
 * the state publishes go on naming it whatever the base URL says now.  A
 * dry run migrates in the run's own transaction, which it never commits.
 */
static int migrate_v2(struct state *st)
{
	char pragma[64];

	snprintf(pragma, sizeof(pragma), "PRAGMA user_version=%d",
		 STATE_SCHEMA_VERSION);
	if (state_exec(st, st->readonly ? "BEGIN" : "BEGIN IMMEDIATE") < 0)
		return -1;
	if (state_exec(st,
		"ALTER TABLE articles ADD COLUMN issued INTEGER NOT NULL DEFAULT 0;"
		"ALTER TABLE articles ADD COLUMN url TEXT NOT NULL DEFAULT '';"
		"ALTER TABLE articles ADD COLUMN lang TEXT NOT NULL DEFAULT '';"
		STATE_RETIRED_TABLE) < 0 ||
	    state_exec(st, authority_sql) < 0 ||
	    state_exec(st, pragma) < 0 ||
	    (!st->readonly && state_exec(st, "COMMIT") < 0)) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	st->pre_tx = st->readonly;
	return 0;
}

int state_migrate(struct state *st, long long version)
{
	if (version == 1)
		return migrate_v1(st) < 0 || fix_v1_dirs(st) < 0 ||
		       state_exec(st, authority_sql) < 0 ? -1 : 0;
	return migrate_v2(st);
}
