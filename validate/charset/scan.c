/*
 * scan.c - the passes over the bytes of a document in an encoding:
 * invalid and truncated sequences (with their lines and columns), UTF-8
 * encoded twice, C1 controls that betray a Windows code page, and the
 * findings each of them makes (ENCODING-RULES.md section 5), for
 * charset.c.  UTF-8 is read with lib/utf8.h's scanner, the rest with
 * iconv.
 */
#include "scan.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "charset.h"
#include "utf8.h"

#define HOOK_STEP ((size_t)1 << 20)   /* bytes between two progress calls */

/* Tell the hook that the pass is past offset, once per HOOK_STEP. */
static void tick(const struct hook *hk, size_t offset, size_t *last)
{
	if (hk && hk->fn && offset >= *last + HOOK_STEP) {
		*last = offset;
		hk->fn(hk->arg, offset);
	}
}

/* ---------------------------------------------------------- decoding */

static void scan_bad(struct scan *sc, size_t off, long line, long col, int trunc)
{
	if (sc->nbad < REPORT_MAX) {
		sc->bad[sc->nbad].off = off;
		sc->bad[sc->nbad].line = line;
		sc->bad[sc->nbad].col = col;
		sc->bad[sc->nbad].truncated = trunc;
	}
	sc->nbad++;
}

/* Lines and columns (in characters) over UTF-8 output. */
static void advance(const char *s, size_t n, long *line, long *col, int *nonascii)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n') {
			(*line)++;
			*col = 1;
		} else if ((c & 0xC0) != 0x80) {
			(*col)++;
			if (c >= 0x80)
				*nonascii = 1;
		}
	}
}

/* Windows-1252 0x80-0x9F; 0 where it has no character. */
static const uint16_t cp1252_c1[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* The byte a Latin-1 or Windows-1252 reader made cp from; -1 if none. */
static int byte_of(uint32_t cp)
{
	int i;

	if (cp >= 0x80 && cp <= 0xff)
		return (int)cp;
	for (i = 0; i < 32; i++)
		if (cp1252_c1[i] && cp1252_c1[i] == cp)
			return 0x80 + i;
	return -1;
}

/*
 * Double-encoded UTF-8 (ENCODING-RULES.md section 5.5): characters that,
 * taken back to Latin-1/Windows-1252 bytes, form one UTF-8 sequence, such
 * as "Ã©" (C3 A9, 'é') or "â€™" (E2 80 99, '’').  The character cp
 * (U+00C2-U+00F4, k bytes) at b[i], at line and col, is looked at with
 * the ones after it; d counts the sequences and keeps the first.  Called
 * by scan_utf8(), and reported (report_double) only when all the bytes
 * are valid UTF-8.
 */
static void double_at(const unsigned char *b, size_t n, size_t i, uint32_t cp,
		      size_t k, long line, long col, struct dbl *d)
{
	size_t need = cp >= 0xf0 ? 4 : cp >= 0xe0 ? 3 : 2, j, p;
	unsigned char seq[4];
	uint32_t c2;

	seq[0] = (unsigned char)cp;
	for (j = 1, p = i + k; j < need; j++) {
		size_t kk = ft_utf8_decode(b + p, n - p, &c2);
		int by = kk ? byte_of(c2) : -1;

		if (by < 0x80 || by > 0xbf)
			return;
		seq[j] = (unsigned char)by;
		p += kk;
	}
	if (ft_utf8_decode(seq, need, &c2) != need)
		return;
	if (!d->count++) {
		d->first = i;
		d->flen = p - i;
		d->line = line;
		d->col = col;
	}
}

/* Where a UTF-8 pass stands: the line and column of byte i, found by
 * stepping as the pass does (a fault is one column, as one U+FFFD). */
struct where {
	size_t i;
	long line, col;
};

static void advance_to(const unsigned char *b, size_t n, struct where *w, size_t to)
{
	while (w->i < to) {
		if (b[w->i] == '\n') {
			w->line++;
			w->col = 1;
			w->i++;
			continue;
		}
		w->col++;
		w->i += ft_utf8_step(b + w->i, n - w->i);
	}
}

/*
 * The UTF-8 pass.  Most of a feed is ASCII or three-byte characters, and
 * nearly every feed is valid: the bytes are only checked on the way, a
 * word at a time where they are ASCII, and lines and columns are counted
 * only for what is reported.
 */
static void scan_utf8(const unsigned char *b, size_t n, size_t base, struct scan *sc,
		      const struct hook *hk)
{
	struct where w = { 0, 1, 1 };
	size_t i = 0, last = 0, next_tick = 0;

	while (i < n) {
		uint32_t cp;
		size_t k;

		if (i >= next_tick) {
			tick(hk, base + i, &last);
			next_tick = i + 0x10000;
		}
		/* the plain text up to the next tick, so the pages behind go
		 * back as the pass goes on */
		if ((i = ft_utf8_span(b, i, n, next_tick, FT_UTF8_CONTROLS,
				      &sc->nonascii)) >= n)
			break;
		if (i >= next_tick)
			continue;
		k = ft_utf8_decode(b + i, n - i, &cp);
		if (k == 0) {
			int end;

			k = ft_utf8_subpart(b + i, n - i, &end);
			if (sc->nbad < REPORT_MAX)
				advance_to(b, n, &w, i);
			scan_bad(sc, base + i, w.line, w.col, end);
			i += k;
			continue;
		}
		/* the same pass looks for double encoding: one read of the
		 * bytes, not two (only U+00C2-U+00F4 can stand for a lead) */
		if (sc->want_double && cp >= 0xC2 && cp <= 0xF4) {
			if (!sc->dbl.count)
				advance_to(b, n, &w, i);
			double_at(b, n, i, cp, k, w.line, w.col, &sc->dbl);
		}
		if (cp >= 0x80)
			sc->nonascii = 1;
		i += k;
	}
}

/*
 * Decode b[0..n) from enc, counting invalid and truncated sequences (their
 * offsets are reported relative to base).  Returns 0, or -1 when iconv
 * does not know enc.
 */
int fc_charset_scan(const unsigned char *b, size_t n, size_t base,
		    const char *enc, struct scan *sc, int want_double,
		    const struct hook *hk)
{
	iconv_t cd;
	char out[4096];
	char *in = (char *)b;
	size_t inleft = n, last = 0, unit = fc_charset_code_unit(enc), step;
	long line = 1, col = 1;

	memset(sc, 0, sizeof(*sc));
	sc->want_double = want_double;
	if (fc_charset_is_utf8(enc)) {
		scan_utf8(b, n, base, sc, hk);
		return 0;
	}
	if (!fc_charset_label_ok(enc) || (cd = iconv_open("UTF-8", enc)) == (iconv_t)-1)
		return -1;
	while (inleft > 0) {
		char *op = out;
		size_t oleft = sizeof(out), r;
		int e;

		r = iconv(cd, &in, &inleft, &op, &oleft);
		e = errno;
		advance(out, (size_t)(op - out), &line, &col, &sc->nonascii);
		tick(hk, base + (n - inleft), &last);
		if (r != (size_t)-1 || e == E2BIG)
			continue;
		if (e != EILSEQ && e != EINVAL)
			break;
		scan_bad(sc, base + (size_t)((unsigned char *)in - b), line, col,
			 e == EINVAL);
		if (e == EINVAL)   /* incomplete sequence at the end */
			break;
		/* past the bad code unit: a byte in most encodings, but two in
		 * UTF-16 (a lone surrogate) and four in UTF-32, or the rest
		 * would be read out of step */
		step = unit < inleft ? unit : inleft;
		in += step;
		inleft -= step;
		col++;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	return 0;
}

int fc_charset_decodes(const unsigned char *b, size_t n, const char *enc,
		       const struct hook *hk)
{
	struct scan sc;

	return fc_charset_scan(b, n, 0, enc, &sc, 0, hk) == 0 && sc.nbad == 0;
}

/* "e9 95 bb" for up to 4 bytes at off */
static void hex_at(const unsigned char *b, size_t n, size_t off, char out[16])
{
	size_t i, k = 0;

	out[0] = '\0';
	for (i = off; i < n && i < off + 4; i++)
		k += (size_t)snprintf(out + k, 16 - k, "%s%02x", k ? " " : "", b[i]);
}

struct diag *fc_charset_add_at(struct diag_list *dl, enum diag_severity sev,
			       const char *rule, const char *src, long line, long col,
			       long long off, const char *fmt, ...)
{
	va_list ap;
	struct diag *d;

	va_start(ap, fmt);
	d = ft_diag_vadd(dl, sev, rule, src, line, col, fmt, ap);
	va_end(ap);
	if (d)
		d->offset = off;
	return d;
}

/* Supersets that strict decoders know (ENCODING-RULES.md section 5.2). */
static const char *const *supersets(const char *label)
{
	static const char *const gb[] = { "GBK", "GB18030", NULL };
	static const char *const big5[] = { "CP950", "BIG5-HKSCS", NULL };
	static const char *const sjis[] = { "CP932", NULL };
	static const char *const eucjp[] = { "EUC-JP-MS", NULL };
	static const char *const euckr[] = { "CP949", NULL };
	static const char *const tis[] = { "CP874", NULL };
	static const char *const gbk[] = { "GB18030", NULL };
	char c[CHARSET_LABEL_MAX];

	fc_charset_canon(label, c);
	if (!strcmp(c, "gb2312"))
		return gb;
	if (!strcmp(c, "gbk"))
		return gbk;
	if (!strcmp(c, "big5"))
		return big5;
	if (!strcmp(c, "shiftjis"))
		return sjis;
	if (!strcmp(c, "eucjp"))
		return eucjp;
	if (!strcmp(c, "euckr"))
		return euckr;
	if (!strcmp(c, "tis620"))
		return tis;
	return NULL;
}

/*
 * The UTF-16 code unit at off, when used is UTF-16 and it is a surrogate
 * (U+D800-DFFF, RFC 2781 section 2.2); else 0.  The byte order is the
 * label's, or the byte order mark's (big-endian without one).
 */
static unsigned surrogate_at(const unsigned char *b, size_t n, size_t off,
			     const char *used)
{
	char c[CHARSET_LABEL_MAX];
	unsigned u;
	int le;

	if (fc_charset_code_unit(used) != 2 || off + 2 > n)
		return 0;
	fc_charset_canon(used, c);
	le = strstr(c, "le") ? 1 : strstr(c, "be") ? 0 :
	     (n >= 2 && b[0] == 0xFF && b[1] == 0xFE);
	u = le ? (unsigned)b[off] | (unsigned)b[off + 1] << 8
	       : (unsigned)b[off] << 8 | (unsigned)b[off + 1];
	return u >= 0xD800 && u <= 0xDFFF ? u : 0;
}

/* b[0..n) is the whole document, skip the BOM; offsets in sc are absolute. */
void fc_charset_report_invalid(const unsigned char *b, size_t n, size_t skip,
			       const char *used, const char *src,
			       const struct scan *sc, struct diag_list *dl,
			       const struct hook *hk)
{
	const char *const *sup = supersets(used);
	const char *better = NULL;
	size_t i, start = sc->bad[0].off;
	char hex[16];

	int utf8 = !fc_charset_is_utf8(used) && fc_charset_decodes(b + skip, n - skip, "UTF-8", hk);

	/* UTF-8 first: GB18030 decodes nearly any bytes, UTF-8 among them */
	for (; !utf8 && sup && *sup && !better; sup++)
		if (fc_charset_decodes(b + skip, n - skip, *sup, hk))
			better = *sup;
	hex_at(b, n, start, hex);
	if (better) {
		fc_charset_add_at(dl, DIAG_ERROR, "charset-label-too-narrow", src, sc->bad[0].line,
				  sc->bad[0].col, (long long)start,
				  "the text is labelled '%s' but needs '%s' (%zu sequence%s "
				  "outside '%s', the first at byte %zu: %s): label it '%s'%s",
				  used, better, sc->nbad, sc->nbad == 1 ? "" : "s", used, start,
				  hex, !strcmp(better, "GBK") ? "gbk" : better,
				  !strcmp(better, "GBK") ? " (or 'gb18030')" : "");
		return;
	}
	for (i = 0; i < sc->nbad && i < REPORT_MAX; i++) {
		const struct bad *bd = &sc->bad[i];
		unsigned u = surrogate_at(b, n, bd->off, used);

		hex_at(b, n, bd->off, hex);
		if (u) {
			/* one half of a character (RFC 2781 section 2.2) */
			fc_charset_add_at(dl, DIAG_ERROR, "charset-invalid-bytes", src,
					  bd->line, bd->col, (long long)bd->off,
					  "a lone UTF-16 surrogate, U+%04X, in '%s' at byte "
					  "%zu: %s: a %s surrogate %s, so it is no character%s",
					  u, used, bd->off, hex, u < 0xDC00 ? "high" : "low",
					  u < 0xDC00 ? (bd->truncated ? "at the end of the "
						       "document, without the low one that must "
						       "follow it" : "without the low one that must "
						       "follow it")
						     : "without the high one that must come "
						       "before it",
					  bd->truncated ? " (the document was cut short)" : "");
			continue;
		}
		fc_charset_add_at(dl, DIAG_ERROR, "charset-invalid-bytes", src, bd->line, bd->col,
				  (long long)bd->off, "%s in '%s' at byte %zu: %s%s",
				  bd->truncated ? "truncated sequence" : "invalid bytes", used,
				  bd->off, hex,
				  i == 0 && utf8 ?
				  " (the bytes are valid UTF-8: label them 'utf-8')" : "");
	}
	if (sc->nbad > REPORT_MAX)
		fc_charset_add_at(dl, DIAG_ERROR, "charset-invalid-bytes", src, 0, 0, -1,
				  "%zu more invalid sequences in '%s'", sc->nbad - REPORT_MAX, used);
}

/* The Windows code page an ISO-8859 label stands for in practice. */
static const char *windows_for(const char *label)
{
	static const char *const map[][2] = {
		{ "iso88591", "windows-1252" }, { "iso885915", "windows-1252" },
		{ "iso88592", "windows-1250" }, { "iso88595", "windows-1251" },
		{ "iso88596", "windows-1256" }, { "iso88597", "windows-1253" },
		{ "iso88598", "windows-1255" }, { "iso88599", "windows-1254" },
		{ "iso88594", "windows-1257" }, { "iso885913", "windows-1257" },
	};
	char c[CHARSET_LABEL_MAX];
	size_t i;

	fc_charset_canon(label, c);
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(c, map[i][0]))
			return map[i][1];
	return strncmp(c, "iso8859", 7) ? NULL : "windows-125x";
}

/* ISO-8859-x has C1 controls at 0x80-0x9F; Windows code pages put text there. */
void fc_charset_check_c1(const unsigned char *b, size_t n, size_t base,
			 const char *used, const char *src, struct diag_list *dl,
			 const struct hook *hk)
{
	const char *win = windows_for(used);
	size_t i, count = 0, first = 0, line_start = 0, last = 0;
	long line = 1, fline = 0, fcol = 0;

	if (!win)
		return;
	for (i = 0; i < n; i++) {
		if (!(i & 0xFFFF))
			tick(hk, base + i, &last);
		if (b[i] == '\n') {
			line++;
			line_start = i + 1;
		} else if (b[i] >= 0x80 && b[i] <= 0x9f) {
			if (!count++) {
				first = i;
				fline = line;
				fcol = (long)(i - line_start) + 1;
			}
		}
	}
	if (count)
		fc_charset_add_at(dl, DIAG_WARNING, "charset-c1-controls", src, fline, fcol,
				  (long long)(base + first),
				  "byte 0x%02x is a C1 control in '%s' (%zu such byte%s): the "
				  "text is probably '%s', label it so", b[first], used, count,
				  count == 1 ? "" : "s", win);
}

/* b is the valid UTF-8 that d was found in, at offset base of the document */
void fc_charset_report_double(const unsigned char *b, size_t base, const char *src,
			      struct diag_list *dl, const struct dbl *d)
{
	uint32_t cp;
	char orig[5];
	unsigned char seq[4];
	size_t q = d->first, m = 0, len;

	if (!d->count)
		return;
	/* the character it stands for, for the message */
	while (q < d->first + d->flen && m < 4) {
		len = ft_utf8_decode(b + q, d->first + d->flen - q, &cp);
		seq[m] = (unsigned char)(m == 0 ? (int)cp : byte_of(cp));
		m++;
		q += len;
	}
	len = ft_utf8_decode(seq, m, &cp);
	memcpy(orig, seq, len);
	orig[len] = '\0';
	fc_charset_add_at(dl, DIAG_WARNING, "charset-double-encoded", src, d->line, d->col,
			  (long long)(base + d->first),
			  "'%.*s' is '%s' encoded as UTF-8 twice (%zu such sequence%s)",
			  (int)d->flen, (const char *)b + d->first, orig, d->count,
			  d->count == 1 ? "" : "s");
}

