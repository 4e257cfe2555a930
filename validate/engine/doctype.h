/*
 * doctype.h - the prolog scan (doctype.c), for check.c.  Internal to
 * validate/.
 */
#ifndef FEED_DOCTYPE_H
#define FEED_DOCTYPE_H

#include <stddef.h>

#include "doc.h"

/*
 * Look at the DOCTYPE of b[0..n), the UTF-8 of the document, before
 * libxml2 parses it: report the external DTD it names and the external
 * entities it declares (neither is ever read), and entities whose
 * expansion would pass 64 KiB or that refer to themselves.  Returns 1
 * when the document must not be parsed, else 0.
 */
int fc_doctype_scan(struct fc *fc, const unsigned char *b, size_t n);

#endif
