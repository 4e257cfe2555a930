/*
 * utf8.h - UTF-8 decoding and the XML 1.0 character rules.
 */
#ifndef FEED_UTF8_H
#define FEED_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/*
 * Decode one UTF-8 sequence at s (n bytes available).  Returns its length
 * (1-4) and sets *cp, or 0 when the bytes are not well-formed UTF-8
 * (overlong forms, surrogates, values past U+10FFFF and truncated sequences
 * are all rejected, RFC 3629 section 4).
 */
size_t ft_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/*
 * A well-formed three-byte sequence at s[i] (n bytes in all) whose lead is
 * E1-EC or EE-EF: such leads cannot be overlong or surrogates (RFC 3629
 * section 4), so two continuation bytes suffice.  Han and most BMP text
 * take this path in every scan, without a full decode.  U+FFFE, U+FFFF and
 * U+FEFF are among them: callers that care check for those.
 */
static inline int ft_utf8_is_bmp3(const unsigned char *s, size_t i, size_t n)
{
	return s[i] >= 0xE1 && s[i] <= 0xEF && s[i] != 0xED && n - i >= 3 &&
	       (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80;
}

/* Past a run of such sequences from s[i], each starting before stop (and
 * ending by n): the new offset.  One test of both continuation bytes a
 * character, for the scans of Chinese text. */
static inline size_t ft_utf8_skip_bmp3(const unsigned char *s, size_t i,
				       size_t n, size_t stop)
{
	while (i < stop && i + 3 <= n && (unsigned char)(s[i] - 0xE1) <= 0x0E &&
	       s[i] != 0xED && (((s[i + 1] ^ 0x80) | (s[i + 2] ^ 0x80)) & 0xC0) == 0)
		i += 3;
	return i;
}

/* U+FFFE or U+FFFF (not XML characters) at a three-byte sequence */
static inline int ft_utf8_is_nonchar3(const unsigned char *s, size_t i)
{
	return s[i] == 0xEF && s[i + 1] == 0xBF && s[i + 2] >= 0xBE;
}

/* Encode cp (must be <= U+10FFFF) into out; returns its length. */
size_t ft_utf8_encode(uint32_t cp, char out[4]);

/*
 * Check that s[0..n) is well-formed UTF-8.  Returns 1 if so; otherwise 0,
 * with *bad set to the offset of the first byte that is not.
 */
int ft_utf8_valid(const char *s, size_t n, size_t *bad);

/* XML 1.0 section 2.2 Char production. */
int ft_xml_char_ok(uint32_t cp);

/*
 * Append s[0..n) to out, keeping only well-formed UTF-8 characters that
 * XML 1.0 allows.  Returns the number of characters dropped, or -1 when
 * out's ceiling was reached.
 */
long ft_xml_clean_append(struct buf *out, const char *s, size_t n);

/* A malloc'd copy of s cleaned as above; NULL when memory runs out. */
char *ft_xml_clean_dup(const char *s);

/* Number of characters in s[0..n) (invalid bytes count one each). */
size_t ft_utf8_chars(const char *s, size_t n);

#endif
