/*
 * decode.c - a page's bytes to UTF-8 text: BOMs, UTF-16, the fallback
 * encoding, line ends, characters XML forbids (decode.h).
 */
#include "decode.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"

/* A decoded page is at most four times its bytes (GB18030 to UTF-8 needs
 * at most 2x; UTF-16 at most 1.5x). */
#define DECODE_GROWTH 4

/* Line and column (in characters) of byte offset off of UTF-8-ish text,
 * counting CRLF, CR and LF each as one line end. */
static void position(const unsigned char *s, size_t off, long *line,
		     long *col)
{
	size_t i;
	long l = 1, c = 1;

	for (i = 0; i < off; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && !(i + 1 < off && s[i + 1] == '\n'))) {
			l++;
			c = 1;
		} else if ((s[i] & 0xC0) != 0x80 && s[i] != '\r') {
			c++;
		}
	}
	*line = l;
	*col = c;
}

int decode_encoding_known(const char *enc)
{
	iconv_t cd = iconv_open("UTF-8", enc);
	if (cd == (iconv_t)-1)
		return -1;
	iconv_close(cd);
	return 0;
}

/*
 * What iconv refused in UTF-16, said as a UTF-16 fault: a code unit, not
 * its first byte (which for most of them is 0x00).  The one code unit
 * UTF-16 can hold and not decode is a surrogate without its other half
 * (Unicode 15.0, section 3.9, D91).
 */
static struct diag *utf16_fault(struct diag_list *dl, const char *file,
				long line, long col, const char *from,
				const unsigned char *p, size_t at)
{
	unsigned u = from[6] == 'L' ? (unsigned)p[0] | (unsigned)p[1] << 8
				    : (unsigned)p[0] << 8 | (unsigned)p[1];

	if (u >= 0xD800 && u <= 0xDFFF)
		return ft_diag_add(dl, DIAG_ERROR, "page-invalid-encoding", file,
				   line, col,
				   "a lone UTF-16 surrogate, U+%04X, at byte %zu: %s; page skipped",
				   u, at, u < 0xDC00 ?
				   "a high surrogate without the low one that must follow it" :
				   "a low surrogate without the high one that must come before it");
	return ft_diag_add(dl, DIAG_ERROR, "page-invalid-encoding", file, line,
			   col, "invalid %s code unit 0x%04X at byte %zu; page skipped",
			   from, u, at);
}

/*
 * Convert with iconv.  On failure adds an error naming the position of the
 * offending input byte: its line and column are counted on what was
 * already converted, so they are right for the text the user sees; its
 * byte offset counts from the start of the file (bom: the bytes of a byte
 * order mark before in).
 */
static int convert(const char *file, const char *from, size_t bom,
		   const unsigned char *in, size_t n, struct diag_list *dl,
		   struct buf *out)
{
	iconv_t cd = iconv_open("UTF-8", from);
	char *ip = (char *)in, *op;
	size_t il = n, ol, cap;
	long line, col;
	struct diag *d;
	int err;

	if (cd == (iconv_t)-1) {
		/* from is a byte order mark's, or --input-encoding, which
		 * iconv knew when the run began (decode_encoding_known): what
		 * fails now is loading it (glibc says EINVAL for that too) */
		ft_diag_add(dl, DIAG_ERROR, "page-unreadable", file, 0, 0,
			    "cannot decode the page from '%s': iconv could not open the conversion (%s)",
			    from, errno == EINVAL || errno == ENOMEM ?
			    "out of memory, or its module could not be loaded" : strerror(errno));
		return -1;
	}
	if (n > (out->max - 1) / DECODE_GROWTH) {
		iconv_close(cd);
		errno = EFBIG;
		return -1;
	}
	cap = n * DECODE_GROWTH + 1;
	if (ft_buf_add(out, "", 0) < 0 || !(out->data = realloc(out->data, cap))) {
		iconv_close(cd);
		return -1;
	}
	out->alloc = cap;
	op = out->data;
	ol = cap - 1;
	if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 &&
	    iconv(cd, NULL, NULL, &op, &ol) != (size_t)-1) {
		iconv_close(cd);
		out->len = (size_t)(op - out->data);
		out->data[out->len] = '\0';
		return 0;
	}
	err = errno;
	iconv_close(cd);
	out->len = (size_t)(op - out->data);
	out->data[out->len] = '\0';
	position((const unsigned char *)out->data, out->len, &line, &col);
	if (err == EINVAL)
		d = ft_diag_add(dl, DIAG_ERROR, "page-truncated", file, line, col,
			     "page ends inside a %s character (byte %zu)", from,
			     bom + (size_t)(ip - (char *)in));
	else if (!strncmp(from, "UTF-16", 6) && il >= 2)
		d = utf16_fault(dl, file, line, col, from,
				(const unsigned char *)ip,
				bom + (size_t)(ip - (char *)in));
	else
		d = ft_diag_add(dl, DIAG_ERROR, "page-invalid-encoding", file,
			     line, col,
			     "invalid %s byte sequence 0x%02x at byte %zu; page skipped",
			     from, (unsigned char)*ip, bom + (size_t)(ip - (char *)in));
	if (d)
		d->offset = (long long)(bom + (size_t)(ip - (char *)in));
	return -1;
}

/*
 * Is this invalid UTF-8 really UTF-8 with a few bad bytes, or text in a
 * legacy encoding?  glibc's GB18030 decoder accepts almost any byte
 * sequence, so falling back blindly would turn a damaged UTF-8 page into
 * mojibake.  Text in a legacy CJK encoding rarely forms valid UTF-8
 * multi-byte sequences (a GBK pair does so about one time in twelve, so
 * such text has ten times more bad bytes than valid sequences), while
 * damaged UTF-8 has more valid sequences than bad bytes.
 */
static int mostly_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0, valid = 0, bad = 0, k;
	uint32_t cp;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		k = ft_utf8_decode(s + i, n - i, &cp);
		if (k) {
			valid++;
			i += k;
		} else {
			bad++;
			i++;
		}
	}
	return valid > 0 && valid >= bad;
}

/*
 * Is the page valid UTF-8, and does it need normalise() at all?  One pass:
 * lib/utf8.c's scanner passes the plain text (Han, the full-width
 * punctuation of every Chinese page); what it stops at is looked at here.
 * Something to change is a control character other than tab and line
 * feed (CR among them), a BOM (U+FEFF) or the non-characters U+FFFE and
 * U+FFFF; nearly every page has none.  1 when valid (*norm set when there
 * is something to change), else 0 with the first bad byte's offset in
 * *bad (bad may be NULL).
 */
#define PLAIN (FT_UTF8_XML | FT_UTF8_NO_BOM)

static int scan_page(const unsigned char *p, size_t n, size_t *bad, int *norm)
{
	size_t i = 0, k;
	uint32_t cp;

	*norm = 0;
	while ((i = ft_utf8_span(p, i, n, n, PLAIN, NULL)) < n) {
		if (p[i] < 0x20) {
			if (p[i] != '\n' && p[i] != '\t')
				*norm = 1;
			i++;
			continue;
		}
		if (!(k = ft_utf8_decode(p + i, n - i, &cp))) {
			if (bad)
				*bad = i;
			return 0;
		}
		if (cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF)
			*norm = 1;
		i += k;
	}
	return 1;
}

/* CRLF and CR to LF; drop what XML 1.0 forbids, one warning a line.
 * Runs of good bytes are copied in one piece. */
static int normalise(const char *file, const char *s, size_t n,
		     struct diag_list *dl, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0, k;
	long line = 1, dropped_here = 0, warned = 0;
	uint32_t cp, first = 0;

#define FLUSH() do { \
	if (i > run && ft_buf_add(out, s + run, i - run) < 0) \
		return -1; \
} while (0)
	while (i < n) {
		unsigned char c;

		/* past ASCII and BMP characters (Han among them) that are
		 * XML characters and not a stray BOM */
		if ((i = ft_utf8_span(p, i, n, n, PLAIN, NULL)) >= n)
			break;
		c = p[i];
		if (c == '\r' || c == '\n') {
			FLUSH();
			if (dropped_here && warned++ < 20)
				ft_diag_add(dl, DIAG_WARNING, "page-forbidden-char",
					 file, line, 0,
					 "dropped %ld character%s that XML 1.0 forbids (first U+%04X)",
					 dropped_here, dropped_here > 1 ? "s" : "",
					 (unsigned)first);
			dropped_here = 0;
			if (ft_buf_addc(out, '\n') < 0)
				return -1;
			i += (c == '\r' && i + 1 < n && p[i + 1] == '\n') ? 2 : 1;
			run = i;
			line++;
			continue;
		}
		k = ft_utf8_decode(p + i, n - i, &cp);
		if (!k) {	/* cannot happen after validation; be safe */
			k = 1;
			cp = 0xFFFE;    /* dropped below */
		}
		if (ft_xml_char_ok(cp) && cp != 0xFEFF) {
			i += k;
			continue;
		}
		FLUSH();
		if (cp != 0xFEFF && !dropped_here++)
			first = cp;
		i += k;
		run = i;
	}
	FLUSH();
#undef FLUSH
	if (dropped_here && warned < 20)
		ft_diag_add(dl, DIAG_WARNING, "page-forbidden-char", file, line, 0,
			 "dropped %ld character%s that XML 1.0 forbids (first U+%04X)",
			 dropped_here, dropped_here > 1 ? "s" : "",
			 (unsigned)first);
	return 0;
}

int decode_page(const char *file, const unsigned char *bytes, size_t n,
		const char *fallback, struct diag_list *dl,
		struct decoded *out)
{
	struct buf utf8 = BUF_INIT((size_t)1 << 30);
	struct buf norm = BUF_INIT((size_t)1 << 30);
	const char *enc = "UTF-8";
	const char *src;
	size_t srclen, bad;
	int r = -1, fix = 1;

	if (n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) {
		bytes += 3;
		n -= 3;
		if (!scan_page(bytes, n, &bad, &fix))
			goto bad_utf8;
		src = (const char *)bytes;
		srclen = n;
	} else if (n >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) ||
			      (bytes[0] == 0xFE && bytes[1] == 0xFF))) {
		enc = bytes[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
		if (convert(file, enc, 2, bytes + 2, n - 2, dl, &utf8) < 0)
			goto done;
		src = utf8.data;
		srclen = utf8.len;
		if (!scan_page((const unsigned char *)src, srclen, NULL, &fix))
			fix = 1;
	} else if (scan_page(bytes, n, &bad, &fix)) {
		src = (const char *)bytes;
		srclen = n;
	} else if (mostly_utf8(bytes, n)) {
		long line, col;
		struct diag *d;
bad_utf8:
		position(bytes, bad, &line, &col);
		d = ft_diag_add(dl, DIAG_ERROR, "page-invalid-utf8", file, line, col,
			     "invalid UTF-8 byte 0x%02x in a page that is otherwise UTF-8; page skipped",
			     bytes[bad]);
		if (d)
			d->offset = (long long)bad;
		goto done;
	} else {
		enc = fallback;
		if (convert(file, fallback, 0, bytes, n, dl, &utf8) < 0)
			goto done;
		ft_diag_add(dl, DIAG_WARNING, "page-fallback-encoding", file, 0, 0,
			 "page is not UTF-8; decoded as %s", fallback);
		src = utf8.data;
		srclen = utf8.len;
		if (!scan_page((const unsigned char *)src, srclen, NULL, &fix))
			fix = 1;
	}
	if (!fix) {
		if (ft_buf_add(&norm, src, srclen) < 0 ||
		    (!norm.data && ft_buf_adds(&norm, "") < 0))
			goto done;
	} else if (normalise(file, src, srclen, dl, &norm) < 0) {
		goto done;
	}
	out->len = norm.len;
	out->text = ft_buf_detach(&norm);
	out->encoding = enc;
	r = out->text ? 0 : -1;
done:
	ft_buf_release(&utf8);
	ft_buf_release(&norm);
	return r;
}
