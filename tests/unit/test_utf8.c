/*
 * test_utf8.c - the UTF-8 scanner (lib/utf8.h) against a plain reference
 * that decodes one character at a time: the span of plain text with each
 * of its flags and a stop, validation, the sixteen-byte skip, text
 * cleaned for XML, the maximal subparts of Unicode section 3.9 and the
 * step over a character or a fault.  Random text is drawn from
 * pieces real feeds hold (Han, full-width punctuation, Hangul, Devanagari,
 * Latin accents, emoji, controls) and from bytes that are not UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "utf8.h"

static const char *const pieces[] = {
	"a", "Z", "0", " ", ".", "<", "&", "\n", "\t", "\r", "\x01", "\x7f",
	"\xe6\xb1\x9f", "\xe6\xb4\xa5", "\xef\xbc\x8c", "\xe2\x80\x9c",  /* 江津，“ */
	"\xea\xb0\x80", "\xed\x9e\xa3", "\xe0\xa4\xb9",  /* 가 힣 ह */
	"\xc3\xa9", "\xc2\x80", "\xf0\x9f\x98\x80",      /* é, U+0080, 😀 */
	"\xef\xbb\xbf", "\xef\xbf\xbe", "\xef\xbf\xbd",  /* BOM, U+FFFE, U+FFFD */
	"\xed\xa0\x80", "\xe0\x80\xaf", "\xc0\xaf",      /* surrogate, overlongs */
	"\xe6\xb1", "\x80", "\xff", "\xf4\x90\x80\x80",  /* cut, stray, past 10FFFF */
};
#define NPIECES (sizeof(pieces) / sizeof(pieces[0]))
/* the first 19 pieces are plain or ASCII; the rest are rarer or faults */
#define COMMON 19

static uint32_t seed = 12345;

static uint32_t rnd(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

/* Random text of up to max bytes into out; its length. */
static size_t make_text(unsigned char *out, size_t max, unsigned rare_in)
{
	size_t n = 0, want = rnd() % max;

	while (n < want) {
		unsigned k = rnd() % rare_in ? rnd() % COMMON : rnd() % NPIECES;
		size_t l = strlen(pieces[k]);
		if (n + l > max)
			break;
		memcpy(out + n, pieces[k], l);
		n += l;
	}
	return n;
}

/* The reference: valid, and the first bad offset. */
static int ref_valid(const unsigned char *s, size_t n, size_t *bad)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		if (!(k = ft_utf8_decode(s + i, n - i, &cp))) {
			*bad = i;
			return 0;
		}
		i += k;
	}
	return 1;
}

/* Is s[0..j) plain text by the reference, ending at a character boundary? */
static int ref_plain(const unsigned char *s, size_t j, int ctrl_ok)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < j) {
		if (!(k = ft_utf8_decode(s + i, j - i, &cp)))
			return 0;
		if ((cp < 0x20 && !ctrl_ok) || (cp >= 0x80 && cp < 0x800) ||
		    cp >= 0x10000 || (cp >= 0xFEC0 && cp <= 0xFEFF) || cp >= 0xFFC0)
			return 0;
		i += k;
	}
	return i == j;
}

/*
 * The reference span: whether ft_utf8_span(s, 0, n, stop, flags) may
 * return j, with *high said of what it passed.  Each character before j
 * is plain (ASCII, its controls only with FT_UTF8_CONTROLS; a well-formed
 * three-byte one, but U+FFFE and U+FFFF with FT_UTF8_XML and U+FEFF with
 * FT_UTF8_NO_BOM), j is at a
 * character, and the one there is left to the caller for a reason: it is
 * not plain, or a three-byte one of an E0 or ED lead (taken only in the
 * sixteen-byte blocks), or j is at or past the stop (within a block).
 */
static int ref_span_ok(const unsigned char *s, size_t n, size_t stop,
		       unsigned flags, size_t j, int high)
{
	size_t i = 0, k;
	uint32_t cp;
	int any = 0, plain;

	for (;;) {
		if (i > j || i > n)
			return 0;
		k = i < n ? ft_utf8_decode(s + i, n - i, &cp) : 0;
		plain = k && (cp < 0x80 ? cp >= 0x20 || (flags & FT_UTF8_CONTROLS) :
			      k == 3 && !((flags & FT_UTF8_XML) && cp >= 0xFFFE) &&
			      !((flags & FT_UTF8_NO_BOM) && cp == 0xFEFF));
		if (i == j)
			break;
		if (!plain)
			return 0;
		any |= cp >= 0x80;
		i += k;
	}
	if (any != high)
		return 0;
	return j >= n || !plain || (j >= stop && j < stop + 16) ||
	       s[j] == 0xE0 || s[j] == 0xED;
}

/* The reference cleaning: what ft_xml_clean_append must give. */
static size_t ref_clean(const unsigned char *s, size_t n, unsigned char *out,
			long *dropped)
{
	size_t i = 0, o = 0, k;
	uint32_t cp;

	*dropped = 0;
	while (i < n) {
		k = ft_utf8_decode(s + i, n - i, &cp);
		if (k && ft_xml_char_ok(cp)) {
			memcpy(out + o, s + i, k);
			o += k;
			i += k;
		} else {
			(*dropped)++;
			i += k ? k : 1;
		}
	}
	return o;
}

int main(void)
{
	static unsigned char text[512], want[512];
	static const unsigned char han[] =
		"\xe6\xb1\x9f\xe6\xb4\xa5\xe5\x8c\xba 2021 \xe5\xb9\xb4\xef\xbc\x8c"
		"\xe6\xb1\x9f\xe6\xb4\xa5\xe5\x8c\xba\xe6\xb1\x9f\xe6\xb4\xa5\xe5\x8c\xba"
		"\xe2\x80\x9c\xe6\xb1\x9f\xe2\x80\x9d abc \xe6\xb1\x9f\xe6\xb4\xa5";
	int i, valid_diff = 0, bad_diff = 0, plain_wrong = 0, clean_diff = 0;
	int skipped = 0, high_wrong = 0, span_wrong = 0, stop_wrong = 0;
	static const unsigned flags[] = { 0, FT_UTF8_CONTROLS, FT_UTF8_XML,
		FT_UTF8_CONTROLS | FT_UTF8_XML, FT_UTF8_NO_BOM,
		FT_UTF8_XML | FT_UTF8_NO_BOM, FT_UTF8_CONTROLS | FT_UTF8_NO_BOM,
		FT_UTF8_CONTROLS | FT_UTF8_XML | FT_UTF8_NO_BOM };
	/* Unicode 15, Table 3-7: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64 */
	static const unsigned char t37[] = "a\xf1\x80\x80\xe1\x80\xc2" "b\x80" "c\x80\xbf" "d";
	static const size_t t37_len[] = { 1, 3, 2, 1, 1, 1, 1, 1, 1, 1 };
	size_t at;
	int end, steps_ok = 1;

	for (i = 0; i < 300000; i++) {
		size_t n = make_text(text, sizeof(text), i % 2 ? 8 : 200), bad = 0, rbad = 0, j;
		int v = ft_utf8_valid((const char *)text, n, &bad);
		int rv = ref_valid(text, n, &rbad);
		int ctrl_ok = i % 3 == 0, high = 0;
		struct buf b = BUF_INIT(4096);
		long dropped, rdropped;
		size_t rn;

		valid_diff += v != rv;
		bad_diff += !v && !rv && bad != rbad;
		j = ft_utf8_skip_plain(text, 0, n, n, ctrl_ok, &high);
		plain_wrong += j > n || !ref_plain(text, j, ctrl_ok);
		skipped += j > 0;
		if (j > 0) {
			size_t k;
			int any = 0;
			for (k = 0; k < j; k++)
				any |= text[k] >= 0x80;
			high_wrong += any != high;
		}
		{
			unsigned fl = flags[i % 8];
			int h = 0;
			size_t stop = n ? rnd() % n : 0;
			j = ft_utf8_span(text, 0, n, n, fl, &h);
			span_wrong += !ref_span_ok(text, n, n, fl, j, h);
			h = 0;
			j = ft_utf8_span(text, 0, n, stop, fl, &h);
			stop_wrong += !ref_span_ok(text, n, stop, fl, j, h);
		}
		dropped = ft_xml_clean_append(&b, (const char *)text, n);
		rn = ref_clean(text, n, want, &rdropped);
		clean_diff += dropped != rdropped || b.len != rn ||
			      (rn && memcmp(b.data, want, rn));
		ft_buf_release(&b);
	}
	CHECK_INT(span_wrong, 0, "ft_utf8_span passes plain text only, and stops at a character the caller must read, with each flag, on 300,000 texts");
	CHECK_INT(stop_wrong, 0, "... and, given a stop, at it (or within a block past it) or before it at such a character");
	CHECK_INT(valid_diff, 0, "ft_utf8_valid agrees with the reference on 300,000 texts");
	CHECK_INT(bad_diff, 0, "... and names the same first bad byte");
	CHECK_INT(plain_wrong, 0, "ft_utf8_skip_plain never skips past what is not plain text");
	CHECK_INT(high_wrong, 0, "... and says when what it skipped was past ASCII");
	CHECK_INT(clean_diff, 0, "ft_xml_clean_append keeps and drops what the reference does");
	for (at = 0, i = 0; at < sizeof(t37) - 1; i++) {
		size_t k = ft_utf8_step(t37 + at, sizeof(t37) - 1 - at);
		steps_ok &= i < 10 && k == t37_len[i];
		at += k;
	}
	CHECK(steps_ok && i == 10, "ft_utf8_step: a character or a maximal subpart at a time (Unicode Table 3-7)");
	CHECK(ft_utf8_subpart((const unsigned char *)"\xf1\x80\x80\xe1", 4, &end) == 3 && !end,
	      "ft_utf8_subpart: F1 80 80 before E1 is one fault of three bytes");
	CHECK(ft_utf8_subpart((const unsigned char *)"\xe6\xb1", 2, &end) == 2 && end,
	      "... and a sequence cut by the end is said to be");
	CHECK(ft_utf8_subpart((const unsigned char *)"\xed\xa0\x80", 3, &end) == 1 && !end,
	      "... a surrogate's lead is a fault alone (ED A0)");
	CHECK(ft_utf8_subpart((const unsigned char *)"\xe0\x80\xaf", 3, &end) == 1 &&
	      ft_utf8_subpart((const unsigned char *)"\xf4\x90\x80\x80", 4, &end) == 1,
	      "... as are an overlong form's and one past U+10FFFF");
#if defined(__SSE2__)
	CHECK(skipped > 1000, "the skip takes blocks of random plain text (%d texts)", skipped);
	CHECK(ft_utf8_skip_plain(han, 0, sizeof(han) - 1, sizeof(han) - 1, 0, NULL) >=
	      sizeof(han) - 1 - 15, "Han, digits and full-width punctuation are skipped whole");
	CHECK_INT(ft_utf8_skip_plain((const unsigned char *)"abcdefgh\nijklmnopq", 0, 18, 18, 0, NULL),
		  0, "a line feed is not plain unless controls are");
	CHECK_INT(ft_utf8_skip_plain((const unsigned char *)"abcdefgh\nijklmnopq", 0, 18, 18, 1, NULL),
		  16, "... and is with them");
#endif
	return t_failed ? 1 : 0;
}
