/*
 * state.h - feedgen's memory between runs, in SQLite.
 *
 * For each page: its size and mtime when last read, so an unchanged page
 * is not decoded again.  For each article: everything the feeds need, a
 * hash of its content, its published date (pinned on first sight) and its
 * updated date (moved to the run's time when the content changes).  The
 * schema carries a version (PRAGMA user_version); a missing, corrupt or
 * foreign database is rebuilt with a warning.
 */
#ifndef FEEDGEN_STATE_H
#define FEEDGEN_STATE_H

#include "article.h"
#include "diag.h"

#define STATE_SCHEMA_VERSION 1

struct state;

/*
 * Open (or create) the state at path; ":memory:" gives a throw-away one.
 * A database that cannot be used is moved aside to PATH.corrupt and a new
 * one made, with a warning.  Returns NULL with an error in dl when even
 * that fails.
 */
struct state *state_open(const char *path, struct diag_list *dl);
void state_close(struct state *st);

int state_begin(struct state *st);
int state_commit(struct state *st);
void state_rollback(struct state *st);

/* 1 when the page is known with this size and mtime, 0 when not, -1 error */
int state_page_fresh(struct state *st, const char *path, long long size,
		     long long mtime_ns);

/* Append the stored articles of page path to out, without their bodies
 * (a->row says where they are); 0 or -1. */
int state_load_page(struct state *st, const char *path,
		    struct article_list *out);

/*
 * Record that page path (size, mtime) holds articles v[0..n) (with ids
 * set).  For an article already known, its stored published date wins,
 * and its updated date stays unless its content hash changed, in which
 * case it becomes now.  The articles' dates are set accordingly.  Articles
 * the page no longer holds are forgotten.  Returns 0 or -1.
 */
int state_store_page(struct state *st, const char *path, long long size,
		     long long mtime_ns, struct article *v, size_t n,
		     const struct fdate *now);
/* Each stored article's row is set in v[i].row; an article whose id is
 * that of another page's article seen in this run is not stored, and its
 * row is -1. */

/*
 * Bodies read back from the state, by the threads that write: each opens
 * its own reader (the connection is shared; SQLite serializes it).  The
 * rows of the open transaction are seen.
 */
/* The page (owned by the caller) and line of the stored article id; 0, or
 * -1 when there is none. */
int state_article_at(struct state *st, const char *id, char **page, long *line);

struct state_bodies;
struct state_bodies *state_bodies_open(struct state *st);
/* The body stored in row; valid until the next call; NULL on error. */
const char *state_body(struct state_bodies *b, long long row, size_t *len);
void state_bodies_close(struct state_bodies *b);

/* Start writing out what the open transaction has already handed to the
 * file, so that the commit's sync has less left to wait for. */
void state_writeback(struct state *st);

/* Mark page path as seen in this run (kept even when not re-read). */
int state_touch_page(struct state *st, const char *path);
/* Forget pages (and their articles) not seen since state_begin(). */
int state_sweep(struct state *st);

/* Small key/value store for fingerprints and counts; value malloc'd. */
char *state_get(struct state *st, const char *key);
int state_set(struct state *st, const char *key, const char *value);

/* The last SQLite error message. */
const char *state_error(struct state *st);

#endif
