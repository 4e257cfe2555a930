/*
 * charset.c - a feed's character encoding, decided as a consumer must
 * (RFC 7303 §3.2: BOM, HTTP charset, XML declaration, UTF-8), what the
 * sources got wrong about it, and the decoding to UTF-8 (see charset.h
 * and ../shared/docs/ENCODING-RULES.md section 5 for the fault taxonomy).
 */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "buf.h"
#include "scan.h"
#include "diag.h"
#include "feedcheck.h"
#include "utf8.h"

#define DECL_MAX 256        /* characters of the XML declaration read */

void fc_charset_info_init(struct fc_charset_info *ci)
{
	memset(ci, 0, sizeof(*ci));
}

void fc_charset_info_release(struct fc_charset_info *ci)
{
	free(ci->bom);
	free(ci->http);
	free(ci->declared);
	free(ci->used);
	fc_charset_info_init(ci);
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
	char c[CHARSET_LABEL_MAX], cb[CHARSET_LABEL_MAX];

	fc_charset_canon(label, c);
	fc_charset_canon(bom, cb);          /* "utf8", "utf16le", ... */
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

int fc_charset_resolve(const unsigned char *b, size_t n, const char *http_charset,
		       const char *media_type, const char *src,
		       struct fc_charset_info *out, struct diag_list *dl)
{
	return fc_charset_resolve_ex(b, n, http_charset, media_type, src, NULL, NULL,
				     out, dl);
}

int fc_charset_resolve_ex(const unsigned char *b, size_t n, const char *http_charset,
			  const char *media_type, const char *src,
			  void (*consumed)(void *arg, size_t offset), void *arg,
			  struct fc_charset_info *out, struct diag_list *dl)
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
	fc_charset_info_release(out);
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
		char c[CHARSET_LABEL_MAX];

		fc_charset_canon(declared, c);
		if (!strcmp(c, "utf16") || !strcmp(c, "utf32"))
			used = s.pattern;
	}
	if (dupl(&out->used, used) < 0)
		return -1;

	if (media_is_text_xml(media_type) && !http_charset)
		fc_charset_add_at(dl, DIAG_WARNING, "charset-text-xml-no-charset", src, 0, 0, -1,
				  "'%s' without a charset: RFC 3023 readers take it as us-ascii; "
				  "add charset=utf-8", media_type);
	if (s.bom) {
		const char *lab[2] = { out->http, declared };
		const char *what[2] = { "the HTTP charset", "the XML declaration" };

		for (i = 0; i < 2; i++) {
			if (!lab[i])
				continue;
			if (!bom_agrees(s.bom, lab[i], &endian))
				fc_charset_add_at(dl, DIAG_ERROR, "charset-bom-conflict", src, 1, 1, 0,
						  "the byte order mark says %s but %s says '%s'; the "
						  "BOM wins (RFC 7303 §3.2)", s.bom, what[i], lab[i]);
			else if (endian)
				fc_charset_add_at(dl, DIAG_WARNING, "charset-bom-with-endian-label", src,
						  1, 1, 0, "%s '%s' with a byte order mark (RFC 7303 "
						  "§3.3: label it '%s')", what[i], lab[i],
						  s.unit == 2 ? "utf-16" : "utf-32");
		}
	} else {
		const char *lab = out->http ? out->http : declared;
		char c[CHARSET_LABEL_MAX];

		if (lab) {
			fc_charset_canon(lab, c);
			if (!strcmp(c, "utf16"))
				fc_charset_add_at(dl, DIAG_WARNING, "charset-utf16-no-bom", src, 1, 1, 0,
						  "'%s' without a byte order mark (RFC 7303 §3.3)", lab);
		}
	}
	if (s.unit == 4)
		fc_charset_add_at(dl, DIAG_WARNING, "charset-utf32", src, 1, 1, 0,
				  "%s is not recommended for XML (RFC 7303 §2.2): use UTF-8",
				  s.bom ? s.bom : s.pattern);

	/* labels iconv does not know, wherever they came from */
	if (out->http && !s.bom && fc_charset_scan(b, 0, 0, out->http, &sc, 0, NULL) < 0)
		fc_charset_add_at(dl, DIAG_ERROR, "charset-unknown-label", src, 0, 0, -1,
				  "unknown or unsupported encoding '%s' (HTTP charset)", out->http);
	if (declared && fc_charset_scan(b, 0, 0, declared, &sc, 0, NULL) < 0)
		/* the position of the label in the declaration, XML 1.0 §4.3.3 */
		fc_charset_add_at(dl, DIAG_ERROR, "charset-unknown-label", src, 1,
				  (long)decl_at + 1 + (s.bom ? 1 : 0),
				  (long long)(s.bom_len + decl_at * (size_t)s.unit),
				  "unknown or unsupported encoding '%s' (XML declaration)", declared);

	if (!s.bom && out->http && declared && !fc_charset_same(out->http, declared)) {
		int h = fc_charset_decodes(b, n, out->http, hk), d = fc_charset_decodes(b, n, declared, hk);

		fc_charset_add_at(dl, DIAG_WARNING, "charset-http-declaration-mismatch", src, 0, 0, -1,
				  "the HTTP charset '%s' and the XML declaration '%s' disagree; "
				  "'%s' wins (RFC 7303 §3.2)%s", out->http, declared, out->http,
				  h && d ? ": the bytes decode either way, check which is right" :
				  !h && d ? ": the bytes are valid in the declared encoding" : "");
	}

	if (fc_charset_scan(b + s.bom_len, n - s.bom_len, s.bom_len, used, &sc, 1,
			    hk) < 0) {
		out->unknown = 1;
		return 1;     /* reported above as an unknown label */
	}
	if (sc.nbad) {
		fc_charset_report_invalid(b, n, s.bom_len, used, src, &sc, dl, hk);
		return 1;
	}
	out->decodes = 1;
	if (!fc_charset_is_utf8(used) && s.unit == 1 && sc.nonascii &&
	    fc_charset_decodes(b + s.bom_len, n - s.bom_len, "UTF-8", hk))
		fc_charset_add_at(dl, DIAG_WARNING, "charset-utf8-mislabelled", src, 0, 0, -1,
				  "the bytes are valid UTF-8 but are read as '%s': label them "
				  "'utf-8'", used);
	else
		fc_charset_check_c1(b + s.bom_len, n - s.bom_len, s.bom_len, used, src, dl, hk);
	if (fc_charset_is_utf8(used))   /* found by the scan above (scan_utf8) */
		fc_charset_report_double(b + s.bom_len, s.bom_len, src, dl, &sc.dbl);
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
		size_t j = ft_utf8_span(b, i, n, n, FT_UTF8_CONTROLS, NULL), k;

		run += j - i;
		if ((i = j) >= n)
			break;
		if ((k = ft_utf8_decode(b + i, n - i, &cp)) != 0) {
			i += k;
			run += k;
			continue;
		}
		if (ft_buf_add(o, b + i - run, run) < 0 || ft_buf_adds(o, REPLACEMENT) < 0)
			return -1;
		run = 0;
		/* one U+FFFD per maximal subpart, as scan_utf8() counts them */
		i += ft_utf8_subpart(b + i, n - i, &end);
	}
	return ft_buf_add(o, b + i - run, run);
}

int fc_charset_decode(const unsigned char *b, size_t n, const char *enc,
		      size_t max, unsigned char **out, size_t *outlen)
{
	struct buf o = BUF_INIT(max);
	char tmp[16384];
	char *in = (char *)b;
	size_t inleft = n, unit = fc_charset_code_unit(enc), step;
	iconv_t cd;
	int rc = 0;

	*out = NULL;
	*outlen = 0;
	if (fc_charset_is_utf8(enc)) {
		rc = repair_utf8(b, n, &o);
	} else {
		if (!fc_charset_label_ok(enc) || (cd = iconv_open("UTF-8", enc)) == (iconv_t)-1)
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
			/* reported by fc_charset_resolve(); keep going after it,
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

int fc_charset_report_faults(const unsigned char *b, size_t n, size_t skip,
			     const char *enc, const char *src, struct diag_list *dl)
{
	struct scan sc;

	if (fc_charset_scan(b + skip, n - skip, skip, enc, &sc, 0, NULL) < 0)
		return -1;
	if (!sc.nbad)
		return 0;
	fc_charset_report_invalid(b, n, skip, enc, src, &sc, dl, NULL);
	return 1;
}
