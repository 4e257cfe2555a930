/*
 * test_setting.c - what both programs read the same way (lib/setting.h):
 * sizes with their suffixes and bounds, and "key = value" lines.
 */
#include <stdio.h>
#include <string.h>

#include "setting.h"
#include "test.h"

static void size_is(const char *s, unsigned long long max, int rc,
		    unsigned long long want)
{
	unsigned long long v = 7;
	int got = ft_parse_size(s, max, &v);

	CHECK(got == rc && (rc < 0 ? v == 7 : v == want), "size '%s' (max %llu): %s",
	      s, max, rc < 0 ? "refused" : "read");
}

static void kv_is(const char *line, int rc, const char *key, const char *value)
{
	char buf[128], *k = NULL, *v = NULL;
	int got;

	snprintf(buf, sizeof(buf), "%s", line);
	got = ft_kv_split(buf, &k, &v);
	CHECK(got == rc && (!rc || (!strcmp(k, key) &&
		((!v && !value) || (v && value && !strcmp(v, value))))),
	      "line '%s': %s", line, !rc ? "nothing" : value ? "key and value" : "key alone");
}

int main(void)
{
	size_is("512", 1 << 20, 0, 512);
	size_is("4k", 1 << 20, 0, 4096);
	size_is("50M", 1ULL << 40, 0, 50ULL << 20);
	size_is("1GB", 1ULL << 40, 0, 1ULL << 30);
	size_is("2b", 100, 0, 2);
	size_is("1024G", 1ULL << 40, 0, 1ULL << 40);
	size_is("1025G", 1ULL << 40, -1, 0);
	size_is("0", 100, -1, 0);
	size_is("12Q", 1ULL << 40, -1, 0);
	size_is("-1", 1ULL << 40, -1, 0);
	size_is(" 5", 100, -1, 0);
	size_is("5 ", 100, -1, 0);
	size_is("", 100, -1, 0);
	size_is("99999999999999999999", ~0ULL, -1, 0);
	size_is("17179869184G", ~0ULL, -1, 0);     /* 2^34 G: 2^64, wraps */

	kv_is("", 0, NULL, NULL);
	kv_is("   \t ", 0, NULL, NULL);
	kv_is("# a comment = no", 0, NULL, NULL);
	kv_is("  # indented", 0, NULL, NULL);
	kv_is("strict", 1, "strict", NULL);
	kv_is("  key = value  \r", 1, "key", "value");
	kv_is("k=v=w", 1, "k", "v=w");
	kv_is("key =   ", 1, "key", "");
	kv_is("ignore = a, b # not a comment", 1, "ignore", "a, b # not a comment");
	kv_is("two words = x", 1, "two words", "x");
	return TEST_DONE();
}
