/*
 * scan.h - the passes over a document's bytes (scan.c),
 * for charset.c.  Internal to the charset module.
 */
#ifndef FEED_CHARSET_SCAN_H
#define FEED_CHARSET_SCAN_H

#include <stddef.h>

#include "diag.h"

#define REPORT_MAX 5        /* invalid sequences reported one by one */

/* The caller's progress hook (fc_charset_resolve_ex). */
struct hook {
	void (*fn)(void *arg, size_t offset);
	void *arg;
};

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

/*
 * Decode b[0..n) from enc, counting invalid and truncated sequences in sc
 * (their offsets relative to base; want_double: a UTF-8 pass also looks
 * for text encoded twice).  hk may be NULL.  0, or -1 when iconv does not
 * know enc.
 */
int fc_charset_scan(const unsigned char *b, size_t n, size_t base,
		    const char *enc, struct scan *sc, int want_double,
		    const struct hook *hk);
/* 1 when b[0..n) decodes in enc without a fault. */
int fc_charset_decodes(const unsigned char *b, size_t n, const char *enc,
		       const struct hook *hk);

/* ft_diag_vadd() with a byte offset (-1 unknown). */
struct diag *fc_charset_add_at(struct diag_list *dl, enum diag_severity sev,
			       const char *rule, const char *src, long line,
			       long col, long long off, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));

/*
 * The findings of the passes.  report_invalid: the faults sc found in
 * used (b[0..n) the whole document, skip the BOM's bytes), or the encoding
 * the text needs instead; check_c1: C1 controls in an ISO-8859 label that
 * a Windows code page would read as text; report_double: the text encoded
 * twice that a UTF-8 pass found (b the bytes it read, base their offset).
 */
void fc_charset_report_invalid(const unsigned char *b, size_t n, size_t skip,
			       const char *used, const char *src,
			       const struct scan *sc, struct diag_list *dl,
			       const struct hook *hk);
void fc_charset_check_c1(const unsigned char *b, size_t n, size_t base,
			 const char *used, const char *src,
			 struct diag_list *dl, const struct hook *hk);
void fc_charset_report_double(const unsigned char *b, size_t base,
			      const char *src, struct diag_list *dl,
			      const struct dbl *d);

#endif
