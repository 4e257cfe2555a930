/*
 * fuzz.h - helpers shared by the libFuzzer targets under tests/fuzz/.
 *
 * A broken invariant is reported on stderr and turned into abort(), which
 * libFuzzer records as a crash and saves the input for.
 */
#ifndef FEED_FUZZ_H
#define FEED_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond, what) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, \
			__LINE__, (what)); \
		abort(); \
	} \
} while (0)

/* A NUL-terminated malloc'd copy of data (which may hold NULs itself). */
static inline char *fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* 1 when s[0..n) is well-formed UTF-8 and holds only XML 1.0 characters. */
static inline int fuzz_xml_text_ok(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		k = ft_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (!k || !ft_xml_char_ok(cp))
			return 0;
		i += k;
	}
	return 1;
}

/* Characters in well-formed UTF-8 s[0..n). */
static inline size_t fuzz_chars(const char *s, size_t n)
{
	size_t i = 0, k, c = 0;
	uint32_t cp;

	while (i < n) {
		k = ft_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		i += k ? k : 1;
		c++;
	}
	return c;
}

#endif
