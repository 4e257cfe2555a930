/*
 * state_int.h - what state.c, state_file.c, state_pages.c and
 * state_window.c share: the connection and its prepared statements, what
 * a file is.  Not for the rest of feedgen.
 */
#ifndef FEEDGEN_STATE_INT_H
#define FEEDGEN_STATE_INT_H

#include <sqlite3.h>

#include "likeness.h"
#include "state.h"

enum {
	STMT_DIR_PAGES, STMT_GET_ART, STMT_PAGE_AIDS, STMT_DEL_ART,
	STMT_DEL_BODY, STMT_DEL_SECTIONS, STMT_PUT_ART, STMT_PUT_BODY,
	STMT_PUT_SECTION, STMT_PUT_PAGE, STMT_KEEP_PAGE, STMT_DEL_PAGE,
	STMT_GET_OUTPUT, STMT_PUT_OUTPUT, STMT_GET_META, STMT_PUT_META,
	STMT_ART_AT, STMT_MAX_AID,
	/* state_ident.c's */
	STMT_PAGE_ROWS, STMT_LIMBO_PUT, STMT_LIMBO_GET, STMT_LIMBO_DEL,
	STMT_PENDING_PUT, STMT_ID_USED, STMT_RETIRE, STMT_SET_ID,
	STMT_SET_SEC_NPUB, STMT_LIMBO_DIR, STMT_PENDING_DIR,
	STMT_PENDING_DEL, STMT_ROW_OF, STMT_RETIRED_GET, STMT_RETIRED_DEL,
	STMT_LIMBO_BACK, STMT_PAGE_AGAIN,
	/* the paper's clock (state_clock.c's state_clock_sql[], the last) */
	STMT_EMB_GET, STMT_EMB_PUT, STMT_EMB_DEL, STMT_CLOCK_TAKEN,
	/* the photo files pages show (state_photos.c's state_photos_sql[]) */
	STMT_PHOTO_DEL, STMT_PHOTO_PUT, STMT_PHOTO_DIR,
	STMT__COUNT
};

/* Every id a state ever issued is an article's (articles.id) or in this
 * table: the ids whose articles went, never issued again (state_ident.c). */
#define STATE_RETIRED_TABLE \
	"CREATE TABLE retired(id TEXT PRIMARY KEY, run INTEGER NOT NULL," \
	" title TEXT NOT NULL, page TEXT NOT NULL, page_no INTEGER NOT NULL," \
	" pos INTEGER NOT NULL, inwin INTEGER NOT NULL, hash TEXT NOT NULL," \
	" published INTEGER NOT NULL, published_off INTEGER NOT NULL," \
	" updated INTEGER NOT NULL, updated_off INTEGER NOT NULL," \
	" issued INTEGER NOT NULL) WITHOUT ROWID;"

/* state_schema.c: a new state's schema (its page size, version and
 * application id); a state of an older version (1 or 2) made this
 * version's.  0 or -1. */
int state_schema_create(struct state *st);
int state_migrate(struct state *st, long long version);

struct state {
	sqlite3 *db;
	int readonly;           /* a dry run: nothing reaches the file */
	int in_tx;
	int migrated;           /* the version it was migrated from, or 0 */
	int pre_tx;             /* a dry run's migration left its
				   transaction open: the run's own */
	int foreign;            /* the tables are not a state's */
	long long run;          /* this run's number */
	long long next_aid;     /* the next article row; 0: not known yet */
	int hide;               /* some articles wait for their release:
				   every window leaves them out */
	enum state_failure fail;
	char msg[512];          /* why the last call failed */
	sqlite3_stmt *stmt[STMT__COUNT];
	/* a run's identity work (state_ident.c) */
	long long retired_now;  /* ids retired in this run ... */
	long long retired_win;  /* ... that the last main feed showed */
	int wend_known;         /* the last main feed's last entry: */
	int wend_all;           /* ... every article (no window) */
	struct state_key wend;  /* ... or this one (page owned) */
	int few_used;           /* no id retired, none in limbo: an id not
				   an article's is free */
	long long ident_run;    /* the run they are ready for */
};

/* A feedgen state says so in SQLite's header (PRAGMA application_id):
 * "fgen". */
#define STATE_APPLICATION_ID 0x6667656eUL

/* What a file where the state should be is, from its first 100 bytes. */
enum state_kind {
	STATE_KIND_NONE,        /* missing or empty: a new state may be made */
	STATE_KIND_OURS,        /* feedgen's application id */
	STATE_KIND_OLD,         /* no application id, a feedgen schema version
				   (a state from before the id was set) */
	STATE_KIND_FOREIGN,     /* not an SQLite database, or another
				   program's: why says which */
	STATE_KIND_UNKNOWN      /* cannot be read (errno), or not a regular
				   file */
};
enum state_kind state_file_kind(const char *path, char *why, size_t whylen);

/* ---- state_ident.c: ids that follow the article ---- */

/* Ready for this run's identity work, the first time it is called in a
 * run: nothing in limbo, nothing retired yet, the last main feed's end.
 * 0 or -1. */
int state_ident_ready(struct state *st);
/* The id a new article gets: first (its place) when no article ever had
 * it, else first with the first free suffix "-2", "-3"...; malloc'd, NULL
 * on failure. */
char *state_id_issue(struct state *st, const char *first);
/* An article's updated date when its content changed: now, not before
 * it was published, and after the old one. */
struct fdate state_bump_updated(const struct fdate *now, const struct fdate *pub,
				const struct fdate *old);
/* Article row aid has gone for good: its id retired, its row forgotten. */
int state_retire_row(struct state *st, long long aid);
/* An article of an edition as it was (in limbo) or as it is (waiting for
 * its id): what its matching and its retirement need. */
struct state_was {
	long long aid, page_no, issued;
	int pos;
	char *id;               /* as it was: its id; waiting: its id as a new one */
	char *page, *title;
	char hash[ARTICLE_HASH_SIZE];
	struct fdate pub, upd;
	struct likeness lk;
	int taken;
};
/* The id of article w, which went: never to be issued again (but to that
 * article, should it come back as it was, state_retired_get).  0 or -1. */
int state_retire(struct state *st, const struct state_was *w);
/* Article row aid of folder dir waits in limbo for its edition's
 * matching: its row out of the feeds, its text and sections kept (so that
 * it can be given back as it was). */
int state_detach(struct state *st, long long aid, const char *dir);
/* An article in limbo that an id claims. */
struct state_claim {
	long long aid, issued;
	char hash[ARTICLE_HASH_SIZE];
	struct fdate pub, upd;
};
/* The claim of the row s is on: its hash and dates in columns col to
 * col + 4 (hash, published, its offset, updated, its offset), issued in
 * issued_col.  0, or -1 when a date is out of range (damage). */
int state_claim_of(struct state *st, sqlite3_stmt *s, int col, int issued_col,
		   struct state_claim *c);
/* Article aid of limbo is done with: its text, its sections, its place
 * in limbo (its id is another's now, or retired).  0 or -1. */
int state_limbo_drop(struct state *st, long long aid);
/* Article aid of limbo (of folder dir, on page path page) given back as it
 * was, its page read again next run (found gone again, if it has gone):
 * what the folder holds is not known yet.  0 or -1. */
int state_limbo_back(struct state *st, long long aid, const char *dir,
		     const char *page);
/* The article in limbo with id into c (with claim, taken out of limbo: it
 * is the claimer's): 1, 0 when there is none, or -1. */
int state_limbo_claim(struct state *st, const char *id, struct state_claim *c,
		      int claim);
/* The article that had the retired id: 1 and c (its hash and dates), 0
 * when the id is not retired, or -1.  With revive, the id is not retired
 * any more (an article that is that one has it again). */
int state_retired_get(struct state *st, const char *id, struct state_claim *c,
		      int revive);
/* Forget article row aid: the row, its text and its sections. */
int state_forget_article(struct state *st, long long aid);

/* Set st->fail and st->msg from the connection's last error; -1. */
int state_fail(struct state *st);
int state_prepare(struct state *st, sqlite3_stmt **s, const char *sql);
int state_exec(struct state *st, const char *sql);
/* Step a statement that returns no row, reset it; 0 or -1. */
int state_done(struct state *st, sqlite3_stmt *s);
/* Step s: SQLite's code, st->fail set when it is neither a row nor the
 * end. */
int state_step(struct state *st, sqlite3_stmt *s);
/* Reset s and its bindings, for its next use. */
void state_reset(sqlite3_stmt *s);
/* A date read back from the state: within the years 0000-9999 in any zone.
 * 0, or -1 with st->fail = STATE_FAIL_DAMAGED (a state that holds nonsense
 * is damaged, not trusted). */
int state_check_date(struct state *st, long long t, long long off);
/* The number a one-row query gives (sql, with text ?1 bound when arg is
 * not NULL): 0 for an empty state, the number, or -1. */
long long state_count_of(struct state *st, const char *sql, const char *arg);
/* The number the one row of prepared statement s gives (column 0), which
 * is finalized; -1 on error. */
long long state_number(struct state *st, sqlite3_stmt *s);
/* Column i as a malloc'd string ("" for NULL); NULL when memory ran out. */
char *state_col_dup(sqlite3_stmt *s, int i);

/* state_clock.c: what this schema version gained without a new number
 * (the paper's clock, the corrections feed, WebSub pings to retry):
 * tables and an index made when missing (a dry run's in memory); the SQL
 * of the statements prepared for the clock.  0 or -1. */
int state_added_schema(struct state *st);
extern const char *const state_clock_sql[4];
extern const char *const state_photos_sql[3];
/* Is article row aid waiting for its release?  1, 0, or -1. */
int state_clock_embargoed(struct state *st, long long aid);
/* Keep article row aid out of every window until release; 0 or -1. */
int state_clock_hold(struct state *st, long long aid, long long release);
/*
 * The times of the articles of page path that the state dates (clock_new
 * and clocked): each its printed-order time, clock - rank, or the first
 * second before it that no other article of its edition holds (nor one
 * given here).  Called before the page's rows go, so that the articles it
 * keeps hold their seconds.  0 or -1.
 */
int state_clock_assign(struct state *st, const char *path, struct article *v,
		       size_t n);

#endif
