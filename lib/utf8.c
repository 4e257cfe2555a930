/*
 * utf8.c - the UTF-8 scanner, decoding, encoding and validation; text
 * cleaned of what XML 1.0 forbids (utf8.h).
 */
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* the high bit of each byte of a word */
#define ASCII_HIGH 0x8080808080808080ULL

size_t ft_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	size_t len, i;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		c &= 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* RFC 3629 section 4: no overlongs, no surrogates, nothing past 10FFFF */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

size_t ft_utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t ft_utf8_span(const unsigned char *s, size_t i, size_t n, size_t stop,
		    unsigned flags, int *high)
{
	int ctrl = (flags & FT_UTF8_CONTROLS) != 0, xml = (flags & FT_UTF8_XML) != 0;
	int nobom = (flags & FT_UTF8_NO_BOM) != 0;

	if (stop > n)
		stop = n;
	while (i < stop) {
		if ((i = ft_utf8_skip_plain(s, i, n, stop, ctrl, high)) >= stop)
			break;
		if (s[i] < 0x80) {
			if (s[i] < 0x20 && !ctrl)
				return i;
			/* ASCII: the rest of its run a word at a time (each
			 * byte at least 0x20, unless controls are plain:
			 * adding 0x60 then sets its high bit) */
			i++;
			while (i < stop && i + 8 <= n) {
				uint64_t w;
				memcpy(&w, s + i, 8);
				if ((w & ASCII_HIGH) ||
				    (!ctrl && ((w + 0x6060606060606060ULL) & ASCII_HIGH) != ASCII_HIGH))
					break;
				i += 8;
			}
			continue;
		}
		if (!ft_utf8_is_bmp3(s, i, n) || (xml && ft_utf8_is_nonchar3(s, i)) ||
		    (nobom && s[i] == 0xEF && s[i + 1] == 0xBB && s[i + 2] == 0xBF))
			return i;
		if (high)
			*high = 1;
		/* Han and the like: the rest of the run, one test of both
		 * continuation bytes a character (U+FFFE, U+FFFF and U+FEFF
		 * checked one at a time when they are not plain) */
		i = xml || nobom ? i + 3 : ft_utf8_skip_bmp3(s, i + 3, n, stop);
	}
	return i;
}

size_t ft_utf8_subpart(const unsigned char *s, size_t n, int *end)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	size_t need, k;

	*end = 0;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 3;
		if (c == 0xE0)
			lo = 0xA0;       /* no overlong forms */
		else if (c == 0xED)
			hi = 0x9F;       /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4;
		if (c == 0xF0)
			lo = 0x90;       /* no overlong forms */
		else if (c == 0xF4)
			hi = 0x8F;       /* nothing past U+10FFFF */
	} else {
		return 1;                /* C0, C1, F5-FF, a lone trail byte */
	}
	for (k = 1; k < need; k++) {
		if (k == n) {
			*end = 1;
			return k;
		}
		if (s[k] < lo || s[k] > hi)
			return k;
		lo = 0x80;
		hi = 0xBF;
	}
	return need;    /* well-formed after all: not reached */
}

size_t ft_utf8_step(const unsigned char *s, size_t n)
{
	uint32_t cp;
	size_t k;
	int end;

	if (s[0] < 0x80)
		return 1;
	if (ft_utf8_is_bmp3(s, 0, n))
		return 3;
	if ((k = ft_utf8_decode(s, n, &cp)) != 0)
		return k;
	return ft_utf8_subpart(s, n, &end);
}

int ft_utf8_valid(const char *s, size_t n, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;
	uint32_t cp;

	while ((i = ft_utf8_span(p, i, n, n, FT_UTF8_CONTROLS, NULL)) < n) {
		if (!(k = ft_utf8_decode(p + i, n - i, &cp))) {
			if (bad)
				*bad = i;
			return 0;
		}
		i += k;
	}
	return 1;
}

int ft_xml_char_ok(uint32_t c)
{
	/* Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
	 *          [#x10000-#x10FFFF] */
	if (c == 0x9 || c == 0xA || c == 0xD)
		return 1;
	if (c >= 0x20 && c <= 0xD7FF)
		return 1;
	if (c >= 0xE000 && c <= 0xFFFD)
		return 1;
	return c >= 0x10000 && c <= 0x10FFFF;
}

long ft_xml_clean_append(struct buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = 0, k;
	long dropped = 0;
	uint32_t cp;

	while ((i = ft_utf8_span(p, i, n, n, FT_UTF8_XML, NULL)) < n) {
		k = ft_utf8_decode(p + i, n - i, &cp);
		if (k && ft_xml_char_ok(cp)) {
			i += k;
			continue;
		}
		if (ft_buf_add(out, s + start, i - start) < 0)
			return -1;
		dropped++;
		i += k ? k : 1;
		start = i;
	}
	if (ft_buf_add(out, s + start, n - start) < 0)
		return -1;
	return dropped;
}

char *ft_xml_clean_dup(const char *s)
{
	struct buf b = BUF_INIT((size_t)-1 / 2);

	if (!s)
		s = "";
	if (ft_xml_clean_append(&b, s, strlen(s)) < 0) {
		ft_buf_release(&b);
		return NULL;
	}
	return ft_buf_detach(&b);
}

size_t ft_utf8_chars(const char *s, size_t n)
{
	size_t i, c = 0;
	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}
