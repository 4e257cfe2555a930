/*
 * test.h - a tiny table-friendly test harness.  Each check prints a TAP
 * line ("ok N - what" / "not ok N - what"); tests/run.sh counts them.
 */
#ifndef FEED_TEST_H
#define FEED_TEST_H

#include <stdio.h>
#include <string.h>

static int t_count, t_failed;

#define CHECK(cond, ...) do { \
	t_count++; \
	if (cond) { \
		printf("ok %d - ", t_count); \
	} else { \
		t_failed++; \
		printf("not ok %d - %s:%d: ", t_count, __FILE__, __LINE__); \
	} \
	printf(__VA_ARGS__); \
	putchar('\n'); \
} while (0)

#define CHECK_STR(got, want, what) do { \
	const char *g_ = (got), *w_ = (want); \
	int ok_ = g_ && w_ && !strcmp(g_, w_); \
	CHECK(ok_, "%s", what); \
	if (!ok_) \
		printf("#   got:  '%s'\n#   want: '%s'\n", g_ ? g_ : "(null)", \
		       w_ ? w_ : "(null)"); \
} while (0)

#define CHECK_INT(got, want, what) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	CHECK(g_ == w_, "%s", what); \
	if (g_ != w_) \
		printf("#   got:  %lld\n#   want: %lld\n", g_, w_); \
} while (0)

#define TEST_DONE() (printf("1..%d\n", t_count), t_failed ? 1 : 0)

#endif
