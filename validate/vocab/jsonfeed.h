/*
 * jsonfeed.h - JSON Feed 1.1 (jsonfeed.c), for check.c: not XML, so not
 * in the registry.  Internal to validate/.
 */
#ifndef FEED_JSONFEED_H
#define FEED_JSONFEED_H

#include <stddef.h>

#include "doc.h"

/* Check fc->bytes (fc->len, UTF-8) as a JSON Feed; the findings go to
 * fc->r.  0, or -1 when memory ran out. */
int fc_check_json(struct fc *fc);
/* 1 when b[0..n), white space aside, starts as JSON does ('{' or '[') */
int fc_looks_json(const unsigned char *b, size_t n);

#endif
