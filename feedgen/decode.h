/*
 * decode.h - turn a page file's bytes into clean UTF-8 text.
 *
 * UTF-8 (with or without BOM) and UTF-16LE/BE with a BOM are recognised;
 * a page that is not UTF-8 is decoded from the fallback encoding through
 * iconv, with a warning.  Line ends are normalised to LF and characters XML
 * 1.0 forbids are dropped with a warning naming the line.
 */
#ifndef FEEDGEN_DECODE_H
#define FEEDGEN_DECODE_H

#include <stddef.h>

#include "diag.h"

struct decoded {
	char *text;             /* owned, NUL-terminated UTF-8, LF line ends */
	size_t len;
	const char *encoding;   /* static: "UTF-8", "UTF-16LE", or the fallback */
};

/*
 * Decode bytes[0..n) of the page named file.  fallback is an iconv
 * encoding name (e.g. "GB18030").  Returns 0 on success (warnings may have
 * been added to dl), -1 when the page cannot be decoded (an error was
 * added; out is untouched).
 */
int decode_page(const char *file, const unsigned char *bytes, size_t n,
		const char *fallback, struct diag_list *dl,
		struct decoded *out);

/* 0 when iconv knows enc as a source encoding, -1 otherwise. */
int decode_encoding_known(const char *enc);

#endif
