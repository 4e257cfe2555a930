/*
 * cache.c - --cache DIR in SQLite (cache.h says what and why).  SQLite
 * rather than a file per URL: a transaction per URL is atomic and durable
 * against a kill in WAL mode, writers of several processes are serialised
 * by SQLite's locks (a file per URL would need its own locking to evict
 * without losing an entry another process just wrote), and eviction by
 * last use is one statement.
 */
#include "cache.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>
#include <xxhash.h>

#include "buf.h"
#include "diag.h"

/* 'FCCH': the database is feedcheck's cache */
#define CACHE_APP_ID 0x46434348L
#define REPORT_MAX (1 << 20)       /* the JSON of one entry */
#define FINDINGS_MAX 10000
#define STRING_MAX 65536           /* one message, path or element */
#define VALUE_MAX 1024             /* a validator, a Content-Type */
#define URL_MAX 8192

static const char schema_sql[] =
	"CREATE TABLE entry (key BLOB PRIMARY KEY, url TEXT NOT NULL, "
	"etag TEXT, last_modified TEXT, checked INTEGER NOT NULL, "
	"used INTEGER NOT NULL, report TEXT NOT NULL) WITHOUT ROWID";
static const char index_sql[] = "CREATE INDEX entry_used ON entry(used)";

struct cache {
	sqlite3 *db;
	unsigned long max;
	sqlite3_stmt *get, *put, *touch;
};

/* owned by the caller (or root) and not writable by group or others */
static const char *trusted(const struct stat *st)
{
	if (st->st_uid != geteuid() && st->st_uid != 0)
		return "belongs to another user";
	if (st->st_mode & (S_IWGRP | S_IWOTH))
		return "may be written by others";
	return NULL;
}

static void key_of(const char *url, unsigned char key[16])
{
	XXH128_canonical_t c;

	XXH128_canonicalFromHash(&c, XXH3_128bits(url, strlen(url)));
	memcpy(key, c.digest, 16);
}

/* the tables are exactly feedcheck's: 1; none: 0; anything else: -1 */
static int schema_state(sqlite3 *db)
{
	sqlite3_stmt *st;
	int n = 0, ok = 1, rc;

	if (sqlite3_prepare_v2(db, "SELECT type, name, sql FROM sqlite_master",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *sql = (const char *)sqlite3_column_text(st, 2);
		n++;
		if (!type || !name)
			ok = 0;
		else if (!strcmp(type, "table") && !strcmp(name, "entry"))
			ok &= sql && !strcmp(sql, schema_sql);
		else if (!strcmp(type, "index") && !strcmp(name, "entry_used"))
			ok &= sql && !strcmp(sql, index_sql);
		else
			ok = 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return -1;
	if (!n)
		return 0;
	/* WITHOUT ROWID: the primary key is the table, no index of its own */
	return ok && n == 2 ? 1 : -1;
}

static long long pragma_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* the schema, made once whoever comes first (BEGIN IMMEDIATE: one writer) */
static int schema_make(sqlite3 *db)
{
	int s;

	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	s = schema_state(db);
	if (s == 0) {
		char sql[512];
		snprintf(sql, sizeof(sql), "%s; %s; PRAGMA application_id=%ld; "
			 "PRAGMA user_version=1", schema_sql, index_sql, CACHE_APP_ID);
		if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
			s = -1;
		else
			s = 1;
	}
	if (sqlite3_exec(db, s == 1 ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
		s = -1;
	return s == 1 ? 0 : -1;
}

int cache_open(const char *dir, unsigned long max, struct cache **out, char **err)
{
	struct cache *c = NULL;
	struct stat st;
	char *path = NULL, *lockpath = NULL;
	const char *why;
	int s, v, lockfd = -1;

	*out = NULL;
	*err = NULL;
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		*err = ft_asprintf("cannot make the cache folder '%s': %s", dir,
				   strerror(errno));
		return -1;
	}
	if (lstat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		*err = ft_asprintf("the cache '%s' is not a folder", dir);
		return -1;
	}
	if ((why = trusted(&st))) {
		*err = ft_asprintf("the cache folder '%s' %s: not used", dir, why);
		return -1;
	}
	if (!(path = ft_asprintf("%s/%s", dir, CACHE_FILE)) || !(c = calloc(1, sizeof(*c))))
		goto nomem;
	if (lstat(path, &st) == 0 && (!S_ISREG(st.st_mode) || (why = trusted(&st)))) {
		*err = ft_asprintf("the cache '%s' %s: not used", path,
				   S_ISREG(st.st_mode) ? why : "is not a regular file");
		goto fail;
	}
	/*
	 * Shards start at once on a new cache: the switch to WAL needs the
	 * file to itself, and SQLite answers "database is locked" to the
	 * other without waiting.  Whoever opens holds the folder's lock file
	 * until the file is WAL and has its schema; after that SQLite's own
	 * locks (and the busy timeout) serialise the writers.
	 */
	if (!(lockpath = ft_asprintf("%s/%s", dir, CACHE_LOCK)))
		goto nomem;
	lockfd = open(lockpath, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (lockfd < 0 || flock(lockfd, LOCK_EX) < 0) {
		*err = ft_asprintf("cannot lock the cache '%s': %s", lockpath,
				   strerror(errno));
		goto fail;
	}
	if (sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK)
		goto sqlfail;
	/* nothing the file holds runs: no triggers, views or unsafe functions */
	sqlite3_db_config(c->db, SQLITE_DBCONFIG_DEFENSIVE, 1, &v);
	sqlite3_db_config(c->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &v);
	sqlite3_db_config(c->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &v);
	sqlite3_db_config(c->db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, &v);
	sqlite3_busy_timeout(c->db, 30000);
	if (sqlite3_exec(c->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
			 NULL, NULL, NULL) != SQLITE_OK)
		goto sqlfail;
	s = schema_state(c->db);
	if (s == 0 && schema_make(c->db) == 0)
		s = 1;
	if (s != 1 || pragma_int(c->db, "PRAGMA application_id") != CACHE_APP_ID) {
		*err = ft_asprintf("'%s' is not a feedcheck cache: not used", path);
		goto fail;
	}
	if (sqlite3_prepare_v2(c->db, "SELECT url, etag, last_modified, checked, "
			       "report FROM entry WHERE key = ?", -1, &c->get,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "INSERT INTO entry VALUES (?, ?, ?, ?, ?, ?, ?) "
			       "ON CONFLICT(key) DO UPDATE SET url = excluded.url, "
			       "etag = excluded.etag, last_modified = excluded.last_modified, "
			       "checked = excluded.checked, used = excluded.used, "
			       "report = excluded.report", -1, &c->put, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->db, "UPDATE entry SET used = ? WHERE key = ?", -1,
			       &c->touch, NULL) != SQLITE_OK)
		goto sqlfail;
	c->max = max ? max : CACHE_DEFAULT_MAX;
	close(lockfd);          /* and with it the lock */
	free(lockpath);
	free(path);
	*out = c;
	return 0;
sqlfail:
	*err = ft_asprintf("cannot open the cache '%s': %s", path ? path : dir,
			   c && c->db ? sqlite3_errmsg(c->db) : "out of memory");
	goto fail;
nomem:
	*err = ft_asprintf("out of memory opening the cache '%s'", dir);
fail:
	if (c) {
		sqlite3_finalize(c->get);
		sqlite3_finalize(c->put);
		sqlite3_finalize(c->touch);
		sqlite3_close(c->db);
		free(c);
	}
	if (lockfd >= 0)
		close(lockfd);
	free(lockpath);
	free(path);
	return -1;
}

void cache_close(struct cache *c)
{
	sqlite3_stmt *st;

	if (!c)
		return;
	sqlite3_finalize(c->get);
	sqlite3_finalize(c->put);
	sqlite3_finalize(c->touch);
	/* the least recently used past the ceiling go */
	if (sqlite3_prepare_v2(c->db, "DELETE FROM entry WHERE key IN (SELECT key "
			       "FROM entry ORDER BY used, key LIMIT max(0, (SELECT "
			       "count(*) FROM entry) - ?))", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)c->max);
		sqlite3_step(st);
		sqlite3_finalize(st);
	}
	sqlite3_close(c->db);
	free(c);
}

/* a text column: NULL, or a string of at most max bytes without control
 * characters (what may go back into a request header); -1 when not */
static int text_col(sqlite3_stmt *st, int i, size_t max, const char **out)
{
	const unsigned char *s;
	int n, k;

	*out = NULL;
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return 0;
	if (sqlite3_column_type(st, i) != SQLITE_TEXT)
		return -1;
	s = sqlite3_column_text(st, i);
	n = sqlite3_column_bytes(st, i);
	if (!s || n <= 0 || (size_t)n > max)
		return -1;
	for (k = 0; k < n; k++)
		if (s[k] < 0x20 || s[k] == 0x7F)
			return -1;
	*out = (const char *)s;
	return 0;
}

/* the row of url in c->get, stepped: 1 (its url matches), 0, -1 not valid */
static int row_of(struct cache *c, const char *url, const unsigned char key[16])
{
	const char *u;

	sqlite3_reset(c->get);
	sqlite3_bind_blob(c->get, 1, key, 16, SQLITE_STATIC);
	if (sqlite3_step(c->get) != SQLITE_ROW)
		return 0;
	if (text_col(c->get, 0, URL_MAX, &u) < 0 || !u || strcmp(u, url))
		return -1;
	return 1;
}

int cache_lookup(struct cache *c, const char *url, struct fetch_cond *cond)
{
	unsigned char key[16];
	const char *etag, *lm;
	int found = 0;

	memset(cond, 0, sizeof(*cond));
	key_of(url, key);
	if (row_of(c, url, key) == 1 &&
	    text_col(c->get, 1, VALUE_MAX, &etag) == 0 &&
	    text_col(c->get, 2, VALUE_MAX, &lm) == 0 && (etag || lm)) {
		cond->etag = etag ? strdup(etag) : NULL;
		cond->last_modified = lm ? strdup(lm) : NULL;
		found = (!etag || cond->etag) && (!lm || cond->last_modified);
		if (!found)
			cache_cond_release(cond);
	}
	sqlite3_reset(c->get);
	return found;
}

void cache_cond_release(struct fetch_cond *cond)
{
	free((char *)cond->etag);
	free((char *)cond->last_modified);
	memset(cond, 0, sizeof(*cond));
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* a JSON string of at most max bytes, or null when nullable: 0, else -1 */
static int jstring(json_t *j, size_t max, int nullable, const char **out)
{
	*out = NULL;
	if (json_is_null(j) && nullable)
		return 0;
	if (!json_is_string(j) || json_string_length(j) > max)
		return -1;
	*out = json_string_value(j);
	return 0;
}

static enum fc_format format_of(const char *name)
{
	int f;

	for (f = FC_FORMAT_UNKNOWN; f <= FC_FORMAT_JSONFEED; f++)
		if (!strcmp(fc_format_name((enum fc_format)f), name))
			return (enum fc_format)f;
	return (enum fc_format)-1;
}

/* one stored finding [severity, rule, line, column, message, path,
 * element] into dl, named name: 0, or -1 when it is not one */
static int finding_in(json_t *a, const char *name, struct diag_list *dl)
{
	json_t *sev = json_array_get(a, 0), *line = json_array_get(a, 2);
	json_t *col = json_array_get(a, 3);
	const char *rule, *msg, *path, *el;
	const struct fc_rule *r;
	struct diag *d;

	if (!json_is_array(a) || json_array_size(a) != 7 || !json_is_integer(sev) ||
	    json_integer_value(sev) < DIAG_INFO || json_integer_value(sev) > DIAG_ERROR ||
	    !json_is_integer(line) || json_integer_value(line) < 0 ||
	    json_integer_value(line) > LONG_MAX || !json_is_integer(col) ||
	    json_integer_value(col) < 0 || json_integer_value(col) > LONG_MAX ||
	    jstring(json_array_get(a, 1), 128, 0, &rule) < 0 ||
	    !(r = fc_rule_find(rule)) ||
	    jstring(json_array_get(a, 4), STRING_MAX, 0, &msg) < 0 ||
	    jstring(json_array_get(a, 5), STRING_MAX, 1, &path) < 0 ||
	    jstring(json_array_get(a, 6), STRING_MAX, 1, &el) < 0)
		return -1;
	/* the rule id is the table's own string, never the file's */
	d = ft_diag_add(dl, (enum diag_severity)json_integer_value(sev), r->id, name,
			(long)json_integer_value(line), (long)json_integer_value(col),
			"%s", msg);
	if (d && path && !(d->path = strdup(path)))
		return -1;
	if (d && el && !(d->element = strdup(el)))
		return -1;
	return 0;
}

int cache_restore(struct cache *c, const char *url, const struct fetch_cond *sent,
		  const char *name, struct fc_result *res, struct fetch_result *fr,
		  long long *checked)
{
	unsigned char key[16];
	const char *etag, *lm, *text, *fmt, *ver, *ct, *fu;
	json_t *j = NULL, *arr;
	struct diag_list dl;
	enum fc_format f;
	size_t i;
	int rc = -1;

	ft_diag_list_init(&dl);
	key_of(url, key);
	if (row_of(c, url, key) != 1 ||
	    text_col(c->get, 1, VALUE_MAX, &etag) < 0 ||
	    text_col(c->get, 2, VALUE_MAX, &lm) < 0 ||
	    !same(etag, sent->etag) || !same(lm, sent->last_modified) ||
	    sqlite3_column_type(c->get, 3) != SQLITE_INTEGER ||
	    sqlite3_column_type(c->get, 4) != SQLITE_TEXT ||
	    sqlite3_column_bytes(c->get, 4) > REPORT_MAX)
		goto done;
	*checked = sqlite3_column_int64(c->get, 3);
	text = (const char *)sqlite3_column_text(c->get, 4);
	if (!text || !(j = json_loads(text, JSON_REJECT_DUPLICATES, NULL)) ||
	    !json_is_object(j) || json_object_size(j) != 5 ||
	    jstring(json_object_get(j, "format"), 32, 0, &fmt) < 0 ||
	    (int)(f = format_of(fmt)) < 0 ||
	    jstring(json_object_get(j, "version"), 32, 1, &ver) < 0 ||
	    jstring(json_object_get(j, "content_type"), VALUE_MAX, 1, &ct) < 0 ||
	    jstring(json_object_get(j, "final_url"), URL_MAX, 1, &fu) < 0 ||
	    !json_is_array(arr = json_object_get(j, "findings")) ||
	    json_array_size(arr) > FINDINGS_MAX)
		goto done;
	for (i = 0; i < json_array_size(arr); i++)
		if (finding_in(json_array_get(arr, i), name, &dl) < 0)
			goto done;
	res->format = f;
	free(res->version);
	res->version = ver ? strdup(ver) : NULL;
	ft_diag_list_move(&res->diags, &dl);
	if (ct && !fr->content_type)
		fr->content_type = strdup(ct);
	if (fu && (!fr->final_url || strcmp(fr->final_url, fu))) {
		free(fr->final_url);
		fr->final_url = strdup(fu);
	}
	sqlite3_reset(c->get);
	sqlite3_reset(c->touch);
	sqlite3_bind_int64(c->touch, 1, (sqlite3_int64)time(NULL));
	sqlite3_bind_blob(c->touch, 2, key, 16, SQLITE_STATIC);
	sqlite3_step(c->touch);
	sqlite3_reset(c->touch);
	rc = 0;
done:
	sqlite3_reset(c->get);
	ft_diag_list_release(&dl);
	json_decref(j);
	return rc;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

void cache_store(struct cache *c, const char *url, const struct fetch_result *fr,
		 const struct fc_result *res)
{
	unsigned char key[16];
	json_t *j = NULL, *arr = NULL;
	char *text = NULL;
	const char *etag = fr->etag, *lm = fr->last_modified;
	long long now = (long long)time(NULL);
	size_t i;

	if ((!etag && !lm) || strlen(url) > URL_MAX)
		return;
	if (res->diags.dropped || res->diags.n > FINDINGS_MAX ||
	    !(arr = json_array()))
		goto done;
	for (i = 0; i < res->diags.n; i++) {
		const struct diag *d = &res->diags.v[i];
		json_t *a = json_pack("[i, s, I, I, o, o, o]", (int)d->severity, d->rule,
				      (json_int_t)(d->line > 0 ? d->line : 0),
				      (json_int_t)(d->column > 0 ? d->column : 0),
				      json_string(d->message ? d->message : ""),
				      str_or_null(d->path), str_or_null(d->element));
		/* json_string() refuses bytes that are not UTF-8: not kept then */
		if (!a || json_array_append_new(arr, a) < 0)
			goto done;
	}
	j = json_pack("{s:s, s:o, s:o, s:o, s:O}", "format", fc_format_name(res->format),
		      "version", str_or_null(res->version),
		      "content_type", str_or_null(fr->content_type),
		      "final_url", str_or_null(fr->final_url), "findings", arr);
	if (!j || !(text = json_dumps(j, JSON_COMPACT)) || strlen(text) > REPORT_MAX)
		goto done;
	key_of(url, key);
	sqlite3_reset(c->put);
	sqlite3_bind_blob(c->put, 1, key, 16, SQLITE_STATIC);
	sqlite3_bind_text(c->put, 2, url, -1, SQLITE_STATIC);
	if (etag)
		sqlite3_bind_text(c->put, 3, etag, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(c->put, 3);
	if (lm)
		sqlite3_bind_text(c->put, 4, lm, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(c->put, 4);
	sqlite3_bind_int64(c->put, 5, now);
	sqlite3_bind_int64(c->put, 6, now);
	sqlite3_bind_text(c->put, 7, text, -1, SQLITE_STATIC);
	/* its own transaction: done once this returns (WAL) */
	sqlite3_step(c->put);
	sqlite3_reset(c->put);
	sqlite3_clear_bindings(c->put);
done:
	free(text);
	json_decref(j);
	json_decref(arr);
}
