/*
 * byline.h - recognising bylines, photo credits and leads on a page's
 * lines (byline.c), for the splitter; exposed for the unit tests.
 */
#ifndef FEEDGEN_BYLINE_H
#define FEEDGEN_BYLINE_H

#include <stddef.h>

#include "article.h"

/*
 * Byline and credit recognition, exposed for the unit tests.
 * Returns BYLINE_NONE, BYLINE_AUTHORS or BYLINE_CREDIT and appends the
 * names found to names.  *rest is set past a "本报讯 (记者 X)" lead.
 */
enum byline_kind { BYLINE_NONE = 0, BYLINE_AUTHORS, BYLINE_CREDIT };
enum byline_kind byline_parse(const char *line, size_t n,
			      struct strlist *names);
/* "本报讯 (记者 孙宁)7月12日..." -> names, and the offset of the text after it (0 if none) */
size_t byline_lead(const char *line, size_t n, struct strlist *names);

/* White space between byline tokens: ASCII, U+3000 and U+00A0; its length
 * in bytes at s, 0 if none. */
size_t byline_space_len(const char *s, size_t n);

#endif
