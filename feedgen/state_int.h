/*
 * state_int.h - what state.c, state_file.c, state_pages.c and
 * state_window.c share: the connection and its prepared statements, what
 * a file is.  Not for the rest of feedgen.
 */
#ifndef FEEDGEN_STATE_INT_H
#define FEEDGEN_STATE_INT_H

#include <pthread.h>
#include <sqlite3.h>

#include "state.h"

enum {
	STMT_DIR_PAGES, STMT_GET_ART, STMT_PAGE_AIDS, STMT_DEL_ART,
	STMT_DEL_BODY, STMT_DEL_SECTIONS, STMT_PUT_ART, STMT_PUT_BODY,
	STMT_PUT_SECTION, STMT_PUT_PAGE, STMT_KEEP_PAGE, STMT_DEL_PAGE,
	STMT_GET_OUTPUT, STMT_PUT_OUTPUT, STMT_GET_META, STMT_PUT_META,
	STMT_ART_AT, STMT_MAX_AID,
	/* the paper's clock (state_clock.c) */
	STMT_EMB_GET, STMT_EMB_PUT, STMT_EMB_DEL, STMT_CLOCK_TAKEN,
	STMT__COUNT
};

struct state {
	sqlite3 *db;
	int readonly;           /* a dry run: nothing reaches the file */
	int in_tx, migrated;
	int foreign;            /* the tables are not a state's */
	long long run;          /* this run's number */
	long long next_aid;     /* the next article row; 0: not known yet */
	int hide;               /* some articles wait for their release:
				   every window leaves them out */
	enum state_failure fail;
	char msg[512];          /* why the last call failed */
	sqlite3_stmt *stmt[STMT__COUNT];
	pthread_t wb;           /* state_writeback's thread ... */
	int wb_started;         /* ... while it runs */
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

/* Set st->fail and st->msg from the connection's last error; -1. */
int state_fail(struct state *st);
int state_prepare(struct state *st, sqlite3_stmt **s, const char *sql);
int state_exec(struct state *st, const char *sql);
/* Step a statement that returns no row, reset it; 0 or -1. */
int state_done(struct state *st, sqlite3_stmt *s);
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
