/*
 * state_sql.c - what every part of the state does with SQLite: run a
 * statement, step one to its end, read a number or a column, check a date
 * read back, and say why the last call failed (state_int.h).
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "state_int.h"

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

int state_step(struct state *st, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		state_fail(st);
	return rc;
}

void state_reset(sqlite3_stmt *s)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}
