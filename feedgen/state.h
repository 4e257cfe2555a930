/*
 * state.h - feedgen's memory between runs, in SQLite.
 *
 * For each page: its folder, name, size and mtime when last read (so an
 * unchanged page is not read again), and what it had to say (its
 * diagnostics, so that -q does not repeat them).  For each article: what
 * the feeds need besides its text (metadata, in a table whose rows are
 * small, so that looking at every page or picking the newest entries never
 * reads an article's text), a hash of its content, its published date
 * (pinned on first sight) and its updated date (moved to the run's time
 * when the content changes); its rendered HTML and summary in a table of
 * their own, read only for the entries a run writes.  What the last run
 * published: each feed file's entry count, size, mtime and a digest of its
 * entries.
 *
 * The schema carries a version (PRAGMA user_version); versions 1 and 2
 * are migrated with every id and pinned date (state_schema.c).  Every id
 * the state ever issued is kept (an article's, or retired), so that none
 * is ever given to another article (state_ident.c).  The owner is the run (main.c); the
 * connection is serialized, so the threads that write feeds may read
 * through it at the same time (state_cursor).
 *
 * Errors: functions return 0 or -1; state_error() says why, and
 * state_failure() whether the database was busy, damaged or could not be
 * written (the run's exit status depends on it).
 */
#ifndef FEEDGEN_STATE_H
#define FEEDGEN_STATE_H

#include <stddef.h>

#include "article.h"
#include "date.h"
#include "diag.h"

#define STATE_SCHEMA_VERSION 3

struct state;

/* Why the last call failed. */
enum state_failure {
	STATE_FAIL_NONE = 0,
	STATE_FAIL_IO,          /* could not read or write (disk full, EIO...) */
	STATE_FAIL_BUSY,        /* another process holds the database */
	STATE_FAIL_DAMAGED,     /* SQLite says it is malformed, or not ours */
	STATE_FAIL_NOMEM
};

/*
 * Open (or create) the state at path; ":memory:" gives a throw-away one.
 * A database that SQLite reports as damaged, or that is not a feedgen
 * state, is moved aside to PATH.corrupt and a new one made, with a
 * warning in dl naming why; a version 1 state is migrated.  When the path
 * is named (--state, a config) rather than chosen by feedgen in its own
 * folder, only a file that is recognisably a feedgen state (SQLite's
 * header with feedgen's application id; before feedgen set one, a
 * feedgen schema version and its tables) is ever moved aside or written:
 * another file, or another program's database, is left as it is (NULL,
 * an error state-foreign in dl).  An empty file is taken as a new state.
 * A database that is busy (another process has it) is not touched: NULL,
 * with *why = STATE_FAIL_BUSY, after waiting up to wait_s seconds.
 *
 * readonly (--dry-run): the file is neither created, moved nor written,
 * and no journal is made: the run's changes stay in memory and are
 * dropped (state_commit fails).  A missing file gives an empty state in
 * memory.  *created is set when a new database file was made.
 * Returns NULL with an error in dl and *why set.
 */
struct state *state_open(const char *path, int named, int readonly,
			 double wait_s, struct diag_list *dl, int *created,
			 enum state_failure *why);
void state_close(struct state *st);
/* 1 when the file at path is there and is not a feedgen state (not an
 * SQLite database, or another program's; why says which), else 0: for a
 * named state, before its lock is made beside it. */
int state_is_foreign(const char *path, char *why, size_t whylen);
/*
 * Move the state at from to to (which must not exist), by SQLite's backup
 * (so a hot journal is rolled back first and every date kept), then remove
 * from and its journal.  0, or -1 with why in err.
 */
int state_move(const char *from, const char *to, char *err, size_t errlen);
/* Move a state found damaged in the middle of a run to PATH.corrupt (it
 * must be closed); 0 or -1 (errno). */
int state_move_aside(const char *path);
/* Remove the state file at path and its journal (a run that published
 * nothing leaves none behind). */
void state_remove(const char *path);

int state_begin(struct state *st);
int state_commit(struct state *st);
void state_rollback(struct state *st);

/* The last SQLite error message, with the system's cause when there is
 * one ("disk I/O error: No space left on device"). */
const char *state_error(struct state *st);
enum state_failure state_failure(struct state *st);

/* ---- pages -------------------------------------------------------------- */

/* A page as the state knows it. */
struct state_page {
	char *name;             /* owned: the file's name in its folder */
	long long size, mtime;  /* size -1: read it again next run */
	int errors;             /* problems that make the page count as in error */
	int retry;              /* read again every run (unreadable, left-out
				   articles) */
	char *diags;            /* owned, may be NULL: what it had to say,
				   one printed diagnostic a line */
};

struct state_page_list {
	struct state_page *v;
	size_t n, alloc;
};

void state_page_list_release(struct state_page_list *l);

/* The pages the state has directly in folder dir, by name (byte order). */
int state_dir_pages(struct state *st, const char *dir,
		    struct state_page_list *out);
/* Call cb for every folder the state has pages in, in byte order; stops
 * when cb returns non-zero (which is returned). */
int state_dirs(struct state *st, int (*cb)(void *arg, const char *dir),
	       void *arg);

/* What is stored of a page that was read. */
struct state_pagerec {
	const char *dir, *name; /* the page is dir/name ... */
	const char *path;       /* ... which is this */
	long long size, mtime;
	int errors, retry;
	const char *diags;      /* may be NULL */
};

/*
 * Record that page p (in folder p->dir) holds articles v[0..n) (first-time
 * ids, or ids their front matter gives, hashes, html and summary set),
 * giving each its id and dates (feedgen(5), "Entry identity"):
 *   - an id its front matter gives is its own: the article that had it
 *     (on this page, in limbo, or on a page that has gone) gives it its
 *     dates; an article of another page still in the collection (alive)
 *     keeps it, and this one is left out (row -1);
 *   - an article of the page as it was, with the same content, is this
 *     one: its id and dates are kept;
 *   - an article whose id as a new one (its place) an article had, gone
 *     with its page or retired, with the same content, is that one;
 *   - an article whose id as a new one another page with the same name
 *     has (a page of the same date in another folder, alive) is left out
 *     (row -1), as a duplicate;
 *   - the rest are new to the page: with matching (the folder has pages
 *     that changed or went in this run) they wait (pending) for the
 *     folder's state_match_folder(), else they get their ids now.
 * The page's articles as they were that are not taken wait in limbo
 * (matching) or are retired.  An article whose content changed gets now
 * as its updated date (never earlier than it was).  A page with a
 * left-out article is read again next run.  Returns 0 or -1: any failure
 * ends the run, which rolls the whole transaction back (SQLite may have
 * done so already, on a full disk).
 */
int state_store_page(struct state *st, const struct state_pagerec *p,
		     struct article *v, size_t n, const struct fdate *now,
		     int (*alive)(void *arg, const char *page), void *arg,
		     int matching);
/*
 * Folder dir has been read: each of its new articles waiting for an id
 * (state_store_page) that is one of its articles in limbo gets that one's
 * id and dates (the best pairs first, one to one: the same content, the
 * same text, the same title and first paragraph, the same title and much
 * of the text, most of the text, the same page and position and some of
 * the text); the articles in limbo left over are retired (unsure: a page
 * of the folder could not be read in this run, so they may be there:
 * they are kept as they were, their pages read again next run), and the
 * new ones left over get new ids.  0 or -1.
 */
int state_match_folder(struct state *st, const char *dir, const struct fdate *now,
		       int unsure);
/* Keep page p's articles as they are (the page could not be read, or has
 * an error) and record what it had to say, and its size and time (size -1:
 * read it again next run). */
int state_keep_page(struct state *st, const struct state_pagerec *p);
/* Forget page dir/name (it has gone); its articles wait in limbo for
 * their folder's matching (matching), or are retired. */
int state_forget_page(struct state *st, const char *dir, const char *name,
		      int matching);
/*
 * The photo files the articles v[0..n) of page dir/name show (each
 * article's photo_files), remembered in place of what was; forgotten.
 * Call cb for each row of folder dir (stops when cb returns non-zero,
 * which is returned).  0 or -1.
 */
int state_photos_put(struct state *st, const char *dir, const char *name,
		     const struct article *v, size_t n);
int state_photos_forget(struct state *st, const char *dir, const char *name);
int state_photos_each(struct state *st, const char *dir,
		      int (*cb)(void *arg, const char *name, const char *path,
				long long length, long long mtime),
		      void *arg);

/* The page (owned by the caller) and line of the stored article id; 0, or
 * -1 when there is none. */
int state_article_at(struct state *st, const char *id, char **page, long *line);

/* Call cb with the stored diagnostics of every page that has some, in
 * byte order of folder and name. */
int state_each_diags(struct state *st, void (*cb)(void *arg, const char *diags),
		     void *arg);
/* How many pages are in error. */
long long state_pages_in_error(struct state *st);

/* ---- what the feeds hold ------------------------------------------------ */

/* Where an article stands in feed order. */
struct state_key {
	long long npub;         /* -published */
	long long page_no;
	int pos;
	char *page;             /* the page's path (in a callback: valid
				   during the call; kept: the keeper's) */
};

/* Articles in feed order (newest first; ties by page number, position on
 * the page, page path): all of them, or one section's; or the corrections
 * feed's, newest correction first.  Articles waiting for their release
 * are in none (state_release). */
struct state_window {
	const char *section;    /* NULL: every article */
	const struct state_key *from;   /* NULL, or the first one (an archive's
					   newest, state_archive_digests) */
	long long count;        /* at most this many */
	int corrections;        /* those whose text changed after they went
				   out (updated after published) ... */
	long long since;        /* ... at this time or later */
	const char *edition;    /* or those of this edition (YYYY-MM-DD), in
				   printed order */
};

/* The latest edition that has articles out (YYYY-MM-DD, malloc'd, in
 * *ymd; NULL when none) and how many it has.  0 or -1. */
int state_latest_edition(struct state *st, char **ymd, long long *count);

/* How many articles there are (in a section, or all), of those out. */
long long state_count(struct state *st, const char *section);
/* The section names, in byte order, into out. */
int state_sections(struct state *st, struct strlist *out);
/* The newest updated date among the window's articles; 0 and *out, or 1
 * when the window is empty, or -1. */
int state_window_updated(struct state *st, const struct state_window *w,
			 struct fdate *out);

/*
 * A cursor over a window's articles, for one thread that writes.  Each
 * state_cursor_next() fills a (its strings, the text included, owned by
 * the cursor and valid until the next call) and returns 1, 0 at the end,
 * or -1.  Rows are read in batches, so threads that share the connection
 * seldom wait for each other.
 */
struct state_cursor;
struct state_cursor *state_cursor_open(struct state *st,
				       const struct state_window *w);
int state_cursor_next(struct state_cursor *c, struct article *a);
void state_cursor_close(struct state_cursor *c);

/*
 * Archive documents (RFC 5005) hold fixed slices of the articles counted
 * from the oldest: archive k (from 1) holds feed-order positions
 * [total - k*size, total - (k-1)*size).  One pass from the oldest article
 * gives each slice a digest of what its entries show (ids, hashes, dates,
 * what links are made of) and the key of its newest entry, by calling
 * cb(arg, k, digest, key) for k = 1..narch.  Returns 0 or -1 (or what cb
 * returned, when not 0).
 */
int state_archive_digests(struct state *st, long long size, long long narch,
			  int (*cb)(void *arg, long long k, const char *digest,
				    const struct state_key *key),
			  void *arg);

/* ---- the paper's clock (feedgen(5)) ------------------------------------- */

/*
 * Articles whose release has come (at or before now) go out: they are in
 * the windows from now on.  Returns how many, or -1.  Until this is called
 * in a run, every article stored is in the windows.
 */
long long state_release(struct state *st, long long now);
/* How many articles wait for their release, and when the first goes out
 * (*next, when there is one); -1 on error. */
long long state_held(struct state *st, long long *next);
/* Has the state no article in edition folder edition (or below)?  1, 0,
 * or -1. */
int state_clock_edition_new(struct state *st, const char *edition);
/* How many articles the state has on the pages of folder dir (not its
 * sub-folders) that come before page path (page number page_no) in
 * printed order: page number, then path.  -1 on error. */
long long state_clock_before(struct state *st, const char *dir, long page_no,
			     const char *path);
/* How many articles out were corrected (their text changed after they
 * went out) at since or later: the corrections feed's; -1 on error. */
long long state_count_corrections(struct state *st, long long since);
/* The corrections feed's date when it has no entry: the last correction's,
 * else the oldest article's (dates that move only when something happens
 * to the corrections, so that a run with nothing new gives the same file).
 * 0 and *out, 1 when the state has no article, -1. */
int state_corrections_date(struct state *st, struct fdate *out);
/* 1 when an article corrected at a time in [from, to) is in the state (a
 * correction that leaves the corrections feed), 0 when none, -1. */
int state_corrections_between(struct state *st, long long from, long long to);

/* ---- WebSub pings to try again ------------------------------------------ */

struct state_ping {
	char *topic;            /* owned: the feed's URL */
	long long since;        /* the first failure */
	int tries;              /* failures so far */
	int said;               /* what was printed of it (publish.c) */
};

/* The pings to hub that failed and are to be tried again (those for
 * another hub are forgotten); *v malloc'd, state_pings_release() it. */
int state_pings(struct state *st, const char *hub, struct state_ping **v,
		size_t *n);
void state_pings_release(struct state_ping *v, size_t n);
/* Remember a failed ping (tries and said as given), or forget one that
 * went through (p NULL: topic done).  0 or -1. */
int state_ping_set(struct state *st, const char *hub, const char *topic,
		   const struct state_ping *p);

/* ---- the churn guard ------------------------------------------------------ */

/* After publishing: where the main feed of count entries (of total)
 * ends, for the next run's churn guard.  0 or -1. */
int state_window_mark(struct state *st, long long count, long long total);
/* How many ids this run retired whose articles the last main feed held. */
long long state_retired_in_window(struct state *st);
/* How many of the newest count articles (0: all) have ids this run
 * issued; -1 on error. */
long long state_new_in_window(struct state *st, long long count);
/* Call cb for at most max of the ids this run retired from the last main
 * feed, each with the title it had and the id this run issued most like
 * it (its title, folder, page and place; "" when there is none).  How
 * many, or -1. */
int state_churn_examples(struct state *st,
			 void (*cb)(void *arg, const char *title, const char *old_id,
				    const char *new_id),
			 void *arg, int max);

/* ---- what the last run published ---------------------------------------- */

struct state_output {
	long long entries;      /* -1: unknown */
	long long size, mtime;  /* as left by the last run; -1: unknown */
	char digest[17];        /* of its entries, "" when not kept */
};

/* 1 and *o when rel is known, 0 when not, -1 on error. */
int state_output_get(struct state *st, const char *rel, struct state_output *o);
int state_output_set(struct state *st, const char *rel,
		     const struct state_output *o);
/* Forget every output not marked with state_output_set since
 * state_begin(). */
int state_outputs_sweep(struct state *st);
/* Call cb for every known output; stops when cb returns non-zero. */
int state_outputs_each(struct state *st,
		       int (*cb)(void *arg, const char *rel,
				 const struct state_output *o),
		       void *arg);
/* The same for the outputs not marked since state_begin(): what the last
 * run published and this one does not (state_outputs_sweep forgets them). */
int state_outputs_stale(struct state *st,
			int (*cb)(void *arg, const char *rel,
				  const struct state_output *o),
			void *arg);

/* ---- small key/value store ---------------------------------------------- */

/* value malloc'd, NULL when absent */
char *state_get(struct state *st, const char *key);
int state_set(struct state *st, const char *key, const char *value);

/* Start writing out what the open transaction has already handed to the
 * file, so that the commit's sync has less left to wait for.  It only
 * starts the kernel's write-out (sync_file_range), which goes on while
 * the feeds are written; it does not wait for it. */
void state_writeback(struct state *st);

#endif
