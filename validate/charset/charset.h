/*
 * charset.h - decide a feed's character encoding as a consumer must, and
 * report what the sources got wrong (RFC 7303 §3, XML 1.0 §4.3.3).
 *
 * Pure: no I/O, no printing; iconv (glibc) for every legacy encoding.
 * The order (RFC 7303 §3.2): a BOM is authoritative; without one the HTTP
 * charset parameter is; without one the XML declaration; else UTF-8.
 * Findings have rule ids "charset-*"; rules.c holds them.  charset.c
 * decides and decodes, scan.c makes the passes over the bytes and their
 * findings, label.c knows the labels, whatwg.c the WHATWG's.  Internal to
 * validate/ (the unit tests and fuzzers use it too).
 */
#ifndef FEED_CHARSET_H
#define FEED_CHARSET_H

#include <stddef.h>

#include "diag.h"

struct fc_rule;

/* Every string is owned by the struct (fc_charset_info_release), NULL when absent. */
struct fc_charset_info {
	char *bom;          /* "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE" */
	char *http;         /* the HTTP charset parameter, lower case */
	char *declared;     /* encoding= of the XML declaration, as written */
	char *used;         /* the encoding the bytes are read in: a BOM name or a label */
	size_t bom_len;     /* bytes of the BOM, to skip before decoding in used */
	int decodes;        /* 1 when every byte after the BOM is valid in used */
	int unknown;        /* 1 when used names an encoding iconv does not know */
};

void fc_charset_info_init(struct fc_charset_info *ci);
void fc_charset_info_release(struct fc_charset_info *ci);

/*
 * Decide and check the encoding of b[0..n).  http_charset and media_type
 * come from the transport (NULL when there was none; media_type lower
 * case, without parameters); source names the document in diagnostics.
 * out must have been initialised (it is released first).  Appends the
 * findings to dl.  Returns 0 when the bytes decode in out->used, 1 when
 * they do not (or the label is unknown; errors are in dl), -1 when memory
 * ran out.
 */
int fc_charset_resolve(const unsigned char *b, size_t n, const char *http_charset,
		       const char *media_type, const char *source,
		       struct fc_charset_info *out, struct diag_list *dl);

/*
 * fc_charset_resolve() with a progress hook: consumed(arg, offset) is called
 * now and then while a pass over the bytes runs, with an offset the pass
 * has gone past (a caller that mapped a file may drop those pages; each
 * pass starts again from the beginning).  consumed may be NULL.
 */
int fc_charset_resolve_ex(const unsigned char *b, size_t n, const char *http_charset,
			  const char *media_type, const char *source,
			  void (*consumed)(void *arg, size_t offset), void *arg,
			  struct fc_charset_info *out, struct diag_list *dl);

/*
 * Decode b[0..n) (the BOM, if any, already skipped) from the encoding enc
 * to UTF-8 with iconv, every invalid or truncated sequence replaced by
 * U+FFFD (they are reported by fc_charset_resolve()).  *out is malloc'd,
 * owned by the caller, NUL-terminated; *outlen excludes the NUL.
 * Returns 0, -1 when memory ran out or the result would pass max bytes,
 * -2 when iconv does not know enc.
 */
int fc_charset_decode(const unsigned char *b, size_t n, const char *enc,
		      size_t max, unsigned char **out, size_t *outlen);

/*
 * The invalid and truncated sequences of b[skip..n) in enc (a lone UTF-16
 * surrogate among them) as charset-invalid-bytes findings on src, as
 * fc_charset_resolve() reports those of an XML document: for a JSON Feed
 * in UTF-16 or UTF-32.  1 when there were some, 0 when none, -1 when iconv
 * does not know enc.
 */
int fc_charset_report_faults(const unsigned char *b, size_t n, size_t skip,
			     const char *enc, const char *src, struct diag_list *dl);

/* 1 when label is one of the WHATWG Encoding Standard's (any case;
 * whatwg.c). */
int fc_charset_whatwg(const char *label);

/* Labels (label.c). */

#define CHARSET_LABEL_MAX 64   /* longest encoding label looked at */

/* 1 when label names UTF-8 (any spelling). */
int fc_charset_is_utf8(const char *label);

/*
 * 1 when the two labels name the same encoding (case, '-', '_' and the
 * common aliases ignored: "latin1" = "ISO-8859-1", "cp936" = "GBK").
 */
int fc_charset_same(const char *a, const char *b);

/* label in lower case without '-', '_', ' ', the common aliases folded. */
void fc_charset_canon(const char *label, char out[CHARSET_LABEL_MAX]);
/* Bytes in a code unit of enc: 2 for UTF-16 (UCS-2), 4 for UTF-32, else 1. */
size_t fc_charset_code_unit(const char *enc);
/* 1 when s is an XML EncName / RFC 2978 mime-charset fit for iconv. */
int fc_charset_label_ok(const char *s);

#endif
