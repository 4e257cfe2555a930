/*
 * utf8.h - UTF-8: the one scanner every pass over text uses
 * (ft_utf8_span, the plain text skipped fast; ft_utf8_step, a character
 * or a fault at a time), decoding and encoding, and the XML 1.0 character
 * rules.  The static inline helpers below are the scanner's parts; code
 * that scans should call ft_utf8_span() rather than loop over them.
 */
#ifndef FEED_UTF8_H
#define FEED_UTF8_H

#include <stddef.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

/*
 * Past the 16-byte blocks of plain text from s[i], a character boundary,
 * while a block fits before n and starts before stop: blocks of ASCII and
 * of well-formed three-byte characters (U+0800-U+FFFF but the surrogates),
 * with a character cut by the block's end left to the next.  Plain text is
 * also free of the ASCII controls (unless ctrl_ok: any ASCII), and, to be
 * safe for every caller, of U+FEC0-U+FEFF (the BOM) and U+FFC0-U+FFFF
 * (U+FFFE and U+FFFF).  The new offset, at
 * a character boundary; where a block is not plain, the caller reads on a
 * character at a time.  *high, when given, is set when a block skipped
 * holds a character past ASCII.  Without SSE2 (not an x86-64), i itself.
 */
static inline size_t ft_utf8_skip_plain(const unsigned char *s, size_t i,
					size_t n, size_t stop, int ctrl_ok,
					int *high)
{
#if defined(__SSE2__)
	const __m128i c0 = _mm_set1_epi8((char)0xC0), c80 = _mm_set1_epi8((char)0x80);
	const __m128i f0 = _mm_set1_epi8((char)0xF0), e0 = _mm_set1_epi8((char)0xE0);
	const __m128i ed = _mm_set1_epi8((char)0xED), ef = _mm_set1_epi8((char)0xEF);
	const __m128i sp = _mm_set1_epi8(0x20), b20 = _mm_set1_epi8(0x20);
	const __m128i b04 = _mm_set1_epi8(0x04), xbf = _mm_set1_epi8((char)0xBF);

	while (i < stop && n - i >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		unsigned hi = (unsigned)_mm_movemask_epi8(x), cont, lead, step;

		if (!ctrl_ok &&
		    _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(x, sp), x)) != 0xFFFF)
			break;
		if (!hi) {
			i += 16;
			continue;
		}
		/* 10xxxxxx, and the leads 1110xxxx: nothing else above ASCII,
		 * and two continuation bytes after each lead, no more, no
		 * fewer */
		cont = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(x, c0), c80));
		lead = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(x, f0), e0));
		if ((cont | lead) != hi || cont != (((lead << 1) | (lead << 2)) & 0xFFFF))
			break;
		{
			/* E0 80-9F (overlong), ED A0-BF (surrogates), EF BB
			 * and EF BF: the byte after each such lead (a lead in
			 * the last byte is the next block's, unless E0) */
			__m128i is_e0 = _mm_cmpeq_epi8(x, e0), is_ed = _mm_cmpeq_epi8(x, ed);
			__m128i is_ef = _mm_cmpeq_epi8(x, ef);
			if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(is_e0, is_ed), is_ef))) {
				__m128i nx = _mm_srli_si128(x, 1);
				__m128i b5 = _mm_cmpeq_epi8(_mm_and_si128(nx, b20), b20);
				__m128i bad = _mm_or_si128(
					_mm_or_si128(_mm_andnot_si128(b5, is_e0),
						     _mm_and_si128(b5, is_ed)),
					_mm_and_si128(is_ef, _mm_cmpeq_epi8(_mm_or_si128(nx, b04), xbf)));
				if (_mm_movemask_epi8(bad))
					break;
			}
		}
		/* a lead in the last two bytes is the next block's */
		step = (lead & 0x8000) ? 15 : (lead & 0x4000) ? 14 : 16;
		if (high && (hi & ((1u << step) - 1)))
			*high = 1;
		i += step;
	}
#else
	(void)s; (void)n; (void)stop; (void)ctrl_ok; (void)high;
#endif
	return i;
}

/* U+FFFE or U+FFFF (not XML characters) at a three-byte sequence */
static inline int ft_utf8_is_nonchar3(const unsigned char *s, size_t i)
{
	return s[i] == 0xEF && s[i + 1] == 0xBF && s[i + 2] >= 0xBE;
}

/* What ft_utf8_span() takes for plain text besides ASCII and the
 * three-byte characters: */
#define FT_UTF8_CONTROLS 1u   /* the ASCII controls (below 0x20) too */
#define FT_UTF8_XML 2u        /* but not U+FFFE, U+FFFF (XML 1.0 Char) */
#define FT_UTF8_NO_BOM 4u     /* nor U+FEFF (a BOM inside text) */

/*
 * The one UTF-8 scanner: past the plain text from s[i], a character
 * boundary, while a character starts before stop and ends by n: ASCII
 * (its controls only with FT_UTF8_CONTROLS) and well-formed three-byte
 * characters (with FT_UTF8_XML, not U+FFFE, U+FFFF; with FT_UTF8_NO_BOM,
 * not U+FEFF).  The offset of a
 * character the caller reads itself, with ft_utf8_decode() or
 * ft_utf8_step(): one that is not plain (a two- or four-byte one, a
 * control, a fault), or a three-byte one of an E0 or ED lead, which only
 * the sixteen-byte blocks take; or n, or stop (up to 15 bytes past it: a
 * block or a word begun before it).  16 bytes at a time with SSE2, a word
 * at a time through ASCII, a character at a time through three-byte
 * runs.  *high (may be NULL) is set when a character past ASCII was
 * passed.
 */
size_t ft_utf8_span(const unsigned char *s, size_t i, size_t n, size_t stop,
		    unsigned flags, int *high);

/*
 * The length of the maximal subpart at s (n > 0) that does not start a
 * well-formed sequence: the longest prefix of one that is there, or its
 * first byte alone (Unicode section 3.9, "U+FFFD Substitution of Maximal
 * Subparts", Table 3-7; the WHATWG Encoding Standard's UTF-8 decoder
 * agrees).  *end is 1 when it is a valid prefix cut short by the end of
 * the bytes.
 */
size_t ft_utf8_subpart(const unsigned char *s, size_t n, int *end);

/* What the next character at s (n > 0) takes: its length when it is
 * well-formed, else that of its maximal subpart (one U+FFFD). */
size_t ft_utf8_step(const unsigned char *s, size_t n);

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
