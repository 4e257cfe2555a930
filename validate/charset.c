/*
 * charset.c - encoding resolution and encoding faults (see charset.h and
 * ../shared/docs/ENCODING-RULES.md section 5 for the fault taxonomy).
 */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "buf.h"
#include "diag.h"
#include "feedcheck.h"
#include "utf8.h"

#define LABEL_MAX 64        /* longest encoding label looked at */
#define DECL_MAX 256        /* characters of the XML declaration read */
#define REPORT_MAX 5        /* invalid sequences reported one by one */
#define HOOK_STEP ((size_t)1 << 20)   /* bytes between two progress calls */

/* The caller's progress hook (charset_resolve_ex). */
struct hook {
	void (*fn)(void *arg, size_t offset);
	void *arg;
};

/* Tell the hook that the pass is past offset, once per HOOK_STEP. */
static void tick(const struct hook *hk, size_t offset, size_t *last)
{
	if (hk && hk->fn && offset >= *last + HOOK_STEP) {
		*last = offset;
		hk->fn(hk->arg, offset);
	}
}

void charset_info_init(struct charset_info *ci)
{
	memset(ci, 0, sizeof(*ci));
}

void charset_info_release(struct charset_info *ci)
{
	free(ci->bom);
	free(ci->http);
	free(ci->declared);
	free(ci->used);
	charset_info_init(ci);
}

/* ------------------------------------------------------------- labels */

/* Lower case without '-', '_', ' ' and with the common aliases folded. */
static void canon(const char *label, char out[LABEL_MAX])
{
	static const char *const alias[][2] = {
		{ "latin1", "iso88591" }, { "l1", "iso88591" },
		{ "cp819", "iso88591" }, { "ibm819", "iso88591" },
		{ "csisolatin1", "iso88591" }, { "iso885911987", "iso88591" },
		{ "ascii", "usascii" }, { "iso646us", "usascii" },
		{ "ansix3.41968", "usascii" }, { "csascii", "usascii" },
		{ "sjis", "shiftjis" }, { "mskanji", "shiftjis" },
		{ "csshiftjis", "shiftjis" }, { "euccn", "gb2312" },
		{ "csgb2312", "gb2312" }, { "cp936", "gbk" }, { "windows936", "gbk" },
		{ "ucs2", "utf16" }, { "iso10646ucs2", "utf16" },
		{ "csunicode", "utf16" }, { "unicode", "utf16" },
		{ "ucs4", "utf32" }, { "iso10646ucs4", "utf32" },
		{ "cp1250", "windows1250" }, { "cp1251", "windows1251" },
		{ "cp1252", "windows1252" }, { "cp1253", "windows1253" },
		{ "cp1254", "windows1254" }, { "cp1255", "windows1255" },
		{ "cp1256", "windows1256" }, { "cp1257", "windows1257" },
		{ "cp1258", "windows1258" }, { "cp874", "windows874" },
		{ "ksc56011987", "euckr" }, { "cseuckr", "euckr" },
		{ "cp950", "big5" }, { "xeucjp", "eucjp" }, { "xsjis", "shiftjis" },
	};
	size_t i, j = 0;

	for (i = 0; label[i] && j < LABEL_MAX - 1; i++) {
		unsigned char c = (unsigned char)label[i];
		if (c == '-' || c == '_' || c == ' ')
			continue;
		out[j++] = (char)TO_LOWER(c);
	}
	out[j] = '\0';
	for (i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (!strcmp(out, alias[i][0])) {
			strcpy(out, alias[i][1]);
			break;
		}
}

int charset_same(const char *a, const char *b)
{
	char ca[LABEL_MAX], cb[LABEL_MAX];

	canon(a, ca);
	canon(b, cb);
	return !strcmp(ca, cb);
}

static int is_utf8(const char *label)
{
	char c[LABEL_MAX];

	canon(label, c);
	return !strcmp(c, "utf8");
}

int charset_is_utf8(const char *label)
{
	return label && is_utf8(label);
}

/* Bytes in a code unit of enc: 2 for UTF-16 (UCS-2), 4 for UTF-32, else 1. */
static size_t code_unit(const char *enc)
{
	char c[LABEL_MAX];

	canon(enc, c);
	if (!strncmp(c, "utf16", 5) || !strncmp(c, "ucs2", 4))
		return 2;
	if (!strncmp(c, "utf32", 5) || !strncmp(c, "ucs4", 4))
		return 4;
	return 1;
}

/* XML 1.0 EncName and RFC 2978 mime-charset characters; no '/' for iconv. */
static int label_ok(const char *s)
{
	size_t n = 0;

	if (!IS_ALPHA((unsigned char)*s) && !IS_DIGIT((unsigned char)*s))
		return 0;
	for (; *s; s++, n++)
		if (!IS_ALNUM((unsigned char)*s) && !strchr("._-:+()", *s))
			return 0;
	return n < LABEL_MAX;
}

/* ------------------------------------------------ BOM and declaration */

struct sniff {
	const char *bom;        /* BOM name, or NULL */
	size_t bom_len;
	const char *pattern;    /* XML 1.0 App. F without a BOM */
	int unit, le;           /* code unit size and order, for the declaration */
};

/* XML 1.0 Appendix F; RFC 7303 §3.3.  UTF-32 is tested first. */
static void sniff(const unsigned char *b, size_t n, struct sniff *s)
{
	memset(s, 0, sizeof(*s));
	s->unit = 1;
	if (n >= 4 && !memcmp(b, "\0\0\xfe\xff", 4))
		s->bom = "UTF-32BE", s->bom_len = 4, s->unit = 4;
	else if (n >= 4 && !memcmp(b, "\xff\xfe\0\0", 4))
		s->bom = "UTF-32LE", s->bom_len = 4, s->unit = 4, s->le = 1;
	else if (n >= 2 && !memcmp(b, "\xfe\xff", 2))
		s->bom = "UTF-16BE", s->bom_len = 2, s->unit = 2;
	else if (n >= 2 && !memcmp(b, "\xff\xfe", 2))
		s->bom = "UTF-16LE", s->bom_len = 2, s->unit = 2, s->le = 1;
	else if (n >= 3 && !memcmp(b, "\xef\xbb\xbf", 3))
		s->bom = "UTF-8", s->bom_len = 3;
	else if (n >= 4 && !memcmp(b, "\0\0\0<", 4))
		s->pattern = "UTF-32BE", s->unit = 4;
	else if (n >= 4 && !memcmp(b, "<\0\0\0", 4))
		s->pattern = "UTF-32LE", s->unit = 4, s->le = 1;
	else if (n >= 4 && !memcmp(b, "\0<\0?", 4))
		s->pattern = "UTF-16BE", s->unit = 2;
	else if (n >= 4 && !memcmp(b, "<\0?\0", 4))
		s->pattern = "UTF-16LE", s->unit = 2, s->le = 1;
}

/*
 * The ASCII characters at the start of the document, read in code units of
 * s->unit bytes; stops at the first non-ASCII character.
 */
static size_t narrow(const unsigned char *b, size_t n, const struct sniff *s,
		     char *out, size_t cap)
{
	size_t i, k = 0, u = (size_t)s->unit;

	for (i = s->bom_len; i + u <= n && k < cap - 1; i += u) {
		uint32_t c = 0;
		size_t j;

		for (j = 0; j < u; j++)
			c |= (uint32_t)b[i + j] << (8 * (s->le ? j : u - 1 - j));
		if (c == 0 || c > 0x7f)
			break;
		out[k++] = (char)c;
	}
	out[k] = '\0';
	return k;
}

#define IS_S(c) ((c) == ' ' || (c) == '\t' || (c) == '\r' || (c) == '\n')

/*
 * encoding= of an XML declaration at the start (XML 1.0 §2.8, §4.3.3):
 *   EncodingDecl ::= S 'encoding' Eq ('"' EncName '"' | "'" EncName "'")
 *   Eq ::= S? '=' S?
 * Returns a malloc'd copy, or NULL (and *nomem when malloc failed).
 */
static char *declared_encoding(const unsigned char *b, size_t n,
			       const struct sniff *s, int *nomem, size_t *at)
{
	char d[DECL_MAX + 1], *p, *end, *q;
	char quote;

	*nomem = 0;
	*at = 0;
	narrow(b, n, s, d, sizeof(d));
	if (strncmp(d, "<?xml", 5) || !IS_S(d[5]))
		return NULL;
	if ((end = strstr(d, "?>")))
		*end = '\0';
	for (p = d + 5; (p = strstr(p, "encoding")); p += 8) {
		if (!IS_S(p[-1]))
			continue;
		q = p + 8;
		while (IS_S(*q))
			q++;
		if (*q++ != '=')
			continue;
		while (IS_S(*q))
			q++;
		if (*q != '"' && *q != '\'')
			return NULL;
		quote = *q++;
		if (!(end = strchr(q, quote)))
			return NULL;
		*end = '\0';
		*at = (size_t)(q - d);    /* characters before the label */
		if (!(p = strdup(q)))
			*nomem = 1;
		return p;
	}
	return NULL;
}

/* ---------------------------------------------------------- decoding */

struct bad {
	size_t off;
	long line, col;
	int truncated;
};

/* UTF-8 encoded twice, as a UTF-8 scan finds it (double_at) */
struct dbl {
	size_t count;            /* such sequences */
	size_t first, flen;      /* offset and length of the first one */
	long line, col;          /* its position */
};

struct scan {
	size_t nbad;             /* invalid or truncated sequences */
	struct bad bad[REPORT_MAX];
	int nonascii;            /* a character past U+007F was seen */
	int want_double;         /* a UTF-8 scan also fills dbl */
	struct dbl dbl;
};

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

/*
 * The length of the maximal subpart at s, which does not start a
 * well-formed UTF-8 sequence (n > 0): the longest prefix of one that is
 * there, or its first byte alone (Unicode §3.9 "U+FFFD Substitution of
 * Maximal Subparts", Table 3-7; the WHATWG Encoding Standard's UTF-8
 * decoder agrees).  An invalid lead byte, a lead whose next byte cannot
 * follow it, and a sequence cut short are one fault each.  *end is 1 when
 * the subpart is a valid prefix cut short by the end of the bytes.
 */
static size_t utf8_subpart(const unsigned char *s, size_t n, int *end)
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

static void scan_utf8(const unsigned char *b, size_t n, size_t base, struct scan *sc,
		      const struct hook *hk)
{
	size_t i = 0, last = 0;
	long line = 1, col = 1;

	while (i < n) {
		uint32_t cp;
		size_t k;

		if (b[i] < 0x80) {
			/* ASCII: the common case, without a decode */
			if (b[i] == '\n') {
				line++;
				col = 1;
			} else {
				col++;
			}
			i++;
			if (!(i & 0xFFFF))
				tick(hk, base + i, &last);
			continue;
		}
		if (ft_utf8_is_bmp3(b, i, n)) {
			sc->nonascii = 1;
			col++;
			if (((i + 3) ^ i) & ~(size_t)0xFFFF)
				tick(hk, base + i + 3, &last);
			i += 3;
			continue;
		}
		k = ft_utf8_decode(b + i, n - i, &cp);

		if (k == 0) {
			/* one fault, one column: as one U+FFFD stands for it */
			int end;

			k = utf8_subpart(b + i, n - i, &end);
			scan_bad(sc, base + i, line, col, end);
			i += k;
			col++;
			continue;
		}
		/* the same pass looks for double encoding: one read of the
		 * bytes, not two (only U+00C2-U+00F4 can stand for a lead) */
		if (sc->want_double && cp >= 0xC2 && cp <= 0xF4)
			double_at(b, n, i, cp, k, line, col, &sc->dbl);
		if (cp == '\n') {
			line++;
			col = 1;
		} else {
			col++;
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
static int scan_decode(const unsigned char *b, size_t n, size_t base,
		       const char *enc, struct scan *sc, int want_double,
		       const struct hook *hk)
{
	iconv_t cd;
	char out[4096];
	char *in = (char *)b;
	size_t inleft = n, last = 0, unit = code_unit(enc), step;
	long line = 1, col = 1;

	memset(sc, 0, sizeof(*sc));
	sc->want_double = want_double;
	if (is_utf8(enc)) {
		scan_utf8(b, n, base, sc, hk);
		return 0;
	}
	if (!label_ok(enc) || (cd = iconv_open("UTF-8", enc)) == (iconv_t)-1)
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

static int decodes(const unsigned char *b, size_t n, const char *enc,
		   const struct hook *hk)
{
	struct scan sc;

	return scan_decode(b, n, 0, enc, &sc, 0, hk) == 0 && sc.nbad == 0;
}

/* "e9 95 bb" for up to 4 bytes at off */
static void hex_at(const unsigned char *b, size_t n, size_t off, char out[16])
{
	size_t i, k = 0;

	out[0] = '\0';
	for (i = off; i < n && i < off + 4; i++)
		k += (size_t)snprintf(out + k, 16 - k, "%s%02x", k ? " " : "", b[i]);
}

static struct diag *add_at(struct diag_list *dl, enum diag_severity sev,
			   const char *rule, const char *src, long line, long col,
			   long long off, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));

static struct diag *add_at(struct diag_list *dl, enum diag_severity sev,
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
	char c[LABEL_MAX];

	canon(label, c);
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

/* b[0..n) is the whole document, skip the BOM; offsets in sc are absolute. */
static void report_invalid(const unsigned char *b, size_t n, size_t skip,
			   const char *used, const char *src,
			   const struct scan *sc, struct diag_list *dl,
			   const struct hook *hk)
{
	const char *const *sup = supersets(used);
	const char *better = NULL;
	size_t i, start = sc->bad[0].off;
	char hex[16];

	int utf8 = !is_utf8(used) && decodes(b + skip, n - skip, "UTF-8", hk);

	/* UTF-8 first: GB18030 decodes nearly any bytes, UTF-8 among them */
	for (; !utf8 && sup && *sup && !better; sup++)
		if (decodes(b + skip, n - skip, *sup, hk))
			better = *sup;
	hex_at(b, n, start, hex);
	if (better) {
		add_at(dl, DIAG_ERROR, "charset-label-too-narrow", src, sc->bad[0].line,
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

		hex_at(b, n, bd->off, hex);
		add_at(dl, DIAG_ERROR, "charset-invalid-bytes", src, bd->line, bd->col,
		       (long long)bd->off, "%s in '%s' at byte %zu: %s%s",
		       bd->truncated ? "truncated sequence" : "invalid bytes", used,
		       bd->off, hex,
		       i == 0 && utf8 ?
		       " (the bytes are valid UTF-8: label them 'utf-8')" : "");
	}
	if (sc->nbad > REPORT_MAX)
		add_at(dl, DIAG_ERROR, "charset-invalid-bytes", src, 0, 0, -1,
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
	char c[LABEL_MAX];
	size_t i;

	canon(label, c);
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(c, map[i][0]))
			return map[i][1];
	return strncmp(c, "iso8859", 7) ? NULL : "windows-125x";
}

/* ISO-8859-x has C1 controls at 0x80-0x9F; Windows code pages put text there. */
static void check_c1(const unsigned char *b, size_t n, size_t base,
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
		add_at(dl, DIAG_WARNING, "charset-c1-controls", src, fline, fcol,
		       (long long)(base + first),
		       "byte 0x%02x is a C1 control in '%s' (%zu such byte%s): the "
		       "text is probably '%s', label it so", b[first], used, count,
		       count == 1 ? "" : "s", win);
}

/* b is the valid UTF-8 that d was found in, at offset base of the document */
static void report_double(const unsigned char *b, size_t base, const char *src,
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
	add_at(dl, DIAG_WARNING, "charset-double-encoded", src, d->line, d->col,
	       (long long)(base + d->first),
	       "'%.*s' is '%s' encoded as UTF-8 twice (%zu such sequence%s)",
	       (int)d->flen, (const char *)b + d->first, orig, d->count,
	       d->count == 1 ? "" : "s");
}

static int media_is_json(const char *mt)
{
	return mt && (!strcmp(mt, "application/json") ||
		      !strcmp(mt, "application/feed+json"));
}

static int media_is_text_xml(const char *mt)
{
	size_t n;

	if (!mt || strncmp(mt, "text/", 5))
		return 0;
	n = strlen(mt);
	return !strcmp(mt, "text/xml") || (n > 9 && !strcmp(mt + n - 4, "+xml"));
}

/* A label agrees with a BOM: same family; *endian when it also names the order. */
static int bom_agrees(const char *bom, const char *label, int *endian)
{
	char c[LABEL_MAX], cb[LABEL_MAX];

	canon(label, c);
	canon(bom, cb);          /* "utf8", "utf16le", ... */
	*endian = 0;
	if (!strcmp(c, cb)) {
		*endian = strcmp(cb, "utf8") != 0;
		return 1;
	}
	return !strncmp(cb, c, strlen(c)) && (!strcmp(c, "utf16") || !strcmp(c, "utf32"));
}

static int dupl(char **dst, const char *s)
{
	if (!s)
		return 0;
	return (*dst = strdup(s)) ? 0 : -1;
}

int charset_resolve(const unsigned char *b, size_t n, const char *http_charset,
		    const char *media_type, const char *src,
		    struct charset_info *out, struct diag_list *dl)
{
	return charset_resolve_ex(b, n, http_charset, media_type, src, NULL, NULL,
				  out, dl);
}

int charset_resolve_ex(const unsigned char *b, size_t n, const char *http_charset,
		       const char *media_type, const char *src,
		       void (*consumed)(void *arg, size_t offset), void *arg,
		       struct charset_info *out, struct diag_list *dl)
{
	struct sniff s;
	struct scan sc;
	const char *used;
	char *declared = NULL;
	int nomem = 0, endian;
	size_t i, decl_at = 0;
	struct hook hook, *hk = &hook;

	hook.fn = consumed;
	hook.arg = arg;
	charset_info_release(out);
	sniff(b, n, &s);
	if (!media_is_json(media_type))
		declared = declared_encoding(b, n, &s, &nomem, &decl_at);
	if (nomem)
		return -1;
	out->declared = declared;
	out->bom_len = s.bom_len;
	if (dupl(&out->bom, s.bom) < 0 || dupl(&out->http, http_charset) < 0)
		return -1;
	for (i = 0; out->http && out->http[i]; i++)
		out->http[i] = (char)TO_LOWER((unsigned char)out->http[i]);

	/* RFC 7303 §3.2: BOM, then charset, then the declaration, then UTF-8 */
	used = s.bom ? s.bom : out->http ? out->http : declared ? declared :
	       s.pattern ? s.pattern : "UTF-8";
	if (used == declared && s.pattern) {
		/* "utf-16" without a BOM: the App. F pattern gives the order */
		char c[LABEL_MAX];

		canon(declared, c);
		if (!strcmp(c, "utf16") || !strcmp(c, "utf32"))
			used = s.pattern;
	}
	if (dupl(&out->used, used) < 0)
		return -1;

	if (media_is_text_xml(media_type) && !http_charset)
		add_at(dl, DIAG_WARNING, "charset-text-xml-no-charset", src, 0, 0, -1,
		       "'%s' without a charset: RFC 3023 readers take it as us-ascii; "
		       "add charset=utf-8", media_type);
	if (s.bom) {
		const char *lab[2] = { out->http, declared };
		const char *what[2] = { "the HTTP charset", "the XML declaration" };

		for (i = 0; i < 2; i++) {
			if (!lab[i])
				continue;
			if (!bom_agrees(s.bom, lab[i], &endian))
				add_at(dl, DIAG_ERROR, "charset-bom-conflict", src, 1, 1, 0,
				       "the byte order mark says %s but %s says '%s'; the "
				       "BOM wins (RFC 7303 §3.2)", s.bom, what[i], lab[i]);
			else if (endian)
				add_at(dl, DIAG_WARNING, "charset-bom-with-endian-label", src,
				       1, 1, 0, "%s '%s' with a byte order mark (RFC 7303 "
				       "§3.3: label it '%s')", what[i], lab[i],
				       s.unit == 2 ? "utf-16" : "utf-32");
		}
	} else {
		const char *lab = out->http ? out->http : declared;
		char c[LABEL_MAX];

		if (lab) {
			canon(lab, c);
			if (!strcmp(c, "utf16"))
				add_at(dl, DIAG_WARNING, "charset-utf16-no-bom", src, 1, 1, 0,
				       "'%s' without a byte order mark (RFC 7303 §3.3)", lab);
		}
	}
	if (s.unit == 4)
		add_at(dl, DIAG_WARNING, "charset-utf32", src, 1, 1, 0,
		       "%s is not recommended for XML (RFC 7303 §2.2): use UTF-8",
		       s.bom ? s.bom : s.pattern);

	/* labels iconv does not know, wherever they came from */
	if (out->http && !s.bom && scan_decode(b, 0, 0, out->http, &sc, 0, NULL) < 0)
		add_at(dl, DIAG_ERROR, "charset-unknown-label", src, 0, 0, -1,
		       "unknown or unsupported encoding '%s' (HTTP charset)", out->http);
	if (declared && scan_decode(b, 0, 0, declared, &sc, 0, NULL) < 0)
		/* the position of the label in the declaration, XML 1.0 §4.3.3 */
		add_at(dl, DIAG_ERROR, "charset-unknown-label", src, 1,
		       (long)decl_at + 1 + (s.bom ? 1 : 0),
		       (long long)(s.bom_len + decl_at * (size_t)s.unit),
		       "unknown or unsupported encoding '%s' (XML declaration)", declared);

	if (!s.bom && out->http && declared && !charset_same(out->http, declared)) {
		int h = decodes(b, n, out->http, hk), d = decodes(b, n, declared, hk);

		add_at(dl, DIAG_WARNING, "charset-http-declaration-mismatch", src, 0, 0, -1,
		       "the HTTP charset '%s' and the XML declaration '%s' disagree; "
		       "'%s' wins (RFC 7303 §3.2)%s", out->http, declared, out->http,
		       h && d ? ": the bytes decode either way, check which is right" :
		       !h && d ? ": the bytes are valid in the declared encoding" : "");
	}

	if (scan_decode(b + s.bom_len, n - s.bom_len, s.bom_len, used, &sc, 1,
			hk) < 0) {
		out->unknown = 1;
		return 1;     /* reported above as an unknown label */
	}
	if (sc.nbad) {
		report_invalid(b, n, s.bom_len, used, src, &sc, dl, hk);
		return 1;
	}
	out->decodes = 1;
	if (!is_utf8(used) && s.unit == 1 && sc.nonascii &&
	    decodes(b + s.bom_len, n - s.bom_len, "UTF-8", hk))
		add_at(dl, DIAG_WARNING, "charset-utf8-mislabelled", src, 0, 0, -1,
		       "the bytes are valid UTF-8 but are read as '%s': label them "
		       "'utf-8'", used);
	else
		check_c1(b + s.bom_len, n - s.bom_len, s.bom_len, used, src, dl, hk);
	if (is_utf8(used))   /* found by the scan above (scan_utf8) */
		report_double(b + s.bom_len, s.bom_len, src, dl, &sc.dbl);
	return 0;
}

/* ---------------------------------------------------------- conversion */

#define REPLACEMENT "\xef\xbf\xbd"     /* U+FFFD */

/* UTF-8 to UTF-8 with every invalid sequence replaced (RFC 3629 §3). */
static int repair_utf8(const unsigned char *b, size_t n, struct buf *o)
{
	size_t i = 0, run = 0;
	int end;

	while (i < n) {
		uint32_t cp;
		size_t k = b[i] < 0x80 ? 1 : ft_utf8_decode(b + i, n - i, &cp);

		if (k) {
			i += k;
			run += k;
			continue;
		}
		if (ft_buf_add(o, b + i - run, run) < 0 || ft_buf_adds(o, REPLACEMENT) < 0)
			return -1;
		run = 0;
		/* one U+FFFD per maximal subpart, as scan_utf8() counts them */
		i += utf8_subpart(b + i, n - i, &end);
	}
	return ft_buf_add(o, b + i - run, run);
}

int charset_decode(const unsigned char *b, size_t n, const char *enc,
		   size_t max, unsigned char **out, size_t *outlen)
{
	struct buf o = BUF_INIT(max);
	char tmp[16384];
	char *in = (char *)b;
	size_t inleft = n, unit = code_unit(enc), step;
	iconv_t cd;
	int rc = 0;

	*out = NULL;
	*outlen = 0;
	if (is_utf8(enc)) {
		rc = repair_utf8(b, n, &o);
	} else {
		if (!label_ok(enc) || (cd = iconv_open("UTF-8", enc)) == (iconv_t)-1)
			return -2;
		while (inleft > 0 && rc == 0) {
			char *op = tmp;
			size_t oleft = sizeof(tmp), r;
			int e;

			r = iconv(cd, &in, &inleft, &op, &oleft);
			e = errno;
			if (ft_buf_add(&o, tmp, (size_t)(op - tmp)) < 0) {
				rc = -1;
				break;
			}
			if (r != (size_t)-1 || e == E2BIG)
				continue;
			if (e != EILSEQ && e != EINVAL) {
				rc = -1;
				break;
			}
			/* reported by charset_resolve(); keep going after it,
			 * one code unit on (scan_decode) */
			if (ft_buf_adds(&o, REPLACEMENT) < 0)
				rc = -1;
			if (e == EINVAL)
				break;
			step = unit < inleft ? unit : inleft;
			in += step;
			inleft -= step;
			iconv(cd, NULL, NULL, NULL, NULL);
		}
		if (rc == 0) {
			/* the shift state back to the initial one (stateful encodings) */
			char *op = tmp;
			size_t oleft = sizeof(tmp);

			if (iconv(cd, NULL, NULL, &op, &oleft) != (size_t)-1 &&
			    ft_buf_add(&o, tmp, (size_t)(op - tmp)) < 0)
				rc = -1;
		}
		iconv_close(cd);
	}
	if (rc == 0) {
		/* data is NUL-terminated past len (buf.h) */
		*outlen = o.len;
		if (!(*out = (unsigned char *)ft_buf_detach(&o)))
			rc = -1;
	}
	ft_buf_release(&o);
	return rc;
}
