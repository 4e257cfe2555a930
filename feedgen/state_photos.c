/*
 * state_photos.c - the photo files each page's articles show, as they
 * were when the page was read (length and time, or not there): a later
 * run reads a page again when one of them was replaced, added or removed,
 * though the page did not change.  A folder's rows are one range of the
 * key, read once as its listing is.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "state_int.h"

const char *const state_photos_sql[3] = {
	"DELETE FROM photos WHERE dir=?1 AND name=?2",
	"INSERT OR REPLACE INTO photos(dir, name, path, length, mtime)"
	" VALUES (?1, ?2, ?3, ?4, ?5)",
	"SELECT name, path, length, mtime FROM photos WHERE dir=?1",
};

int state_photos_forget(struct state *st, const char *dir, const char *name)
{
	sqlite3_stmt *s = st->stmt[STMT_PHOTO_DEL];

	sqlite3_bind_text(s, 1, dir, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	return state_done(st, s);
}

int state_photos_put(struct state *st, const char *dir, const char *name,
		     const struct article *v, size_t n)
{
	sqlite3_stmt *s = st->stmt[STMT_PHOTO_PUT];
	size_t i, j;

	if (state_photos_forget(st, dir, name) < 0)
		return -1;
	for (i = 0; i < n; i++)
		for (j = 0; j < v[i].photo_files.n; j++) {
			/* "LENGTH MTIME PATH" (photo_seen_line) */
			const char *l = v[i].photo_files.v[j], *p;
			char *end;
			long long len = strtoll(l, &end, 10), mt;
			mt = strtoll(end, &end, 10);
			if (*end != ' ')
				continue;
			p = end + 1;
			sqlite3_bind_text(s, 1, dir, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 3, p, -1, SQLITE_STATIC);
			sqlite3_bind_int64(s, 4, len);
			sqlite3_bind_int64(s, 5, mt);
			if (state_done(st, s) < 0)
				return -1;
		}
	return 0;
}

int state_photos_each(struct state *st, const char *dir,
		      int (*cb)(void *arg, const char *name, const char *path,
				long long length, long long mtime),
		      void *arg)
{
	sqlite3_stmt *s = st->stmt[STMT_PHOTO_DIR];
	int rc, r = 0;

	if (!s)
		return 0;
	sqlite3_bind_text(s, 1, dir, -1, SQLITE_STATIC);
	while (r == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW)
		r = cb(arg, (const char *)sqlite3_column_text(s, 0),
		       (const char *)sqlite3_column_text(s, 1),
		       sqlite3_column_int64(s, 2), sqlite3_column_int64(s, 3));
	if (r == 0 && rc != SQLITE_DONE)
		r = state_fail(st);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return r;
}
