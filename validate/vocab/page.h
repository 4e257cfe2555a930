/*
 * page.h - a document that is not a feed but a web page or plain text
 * (page.c), for check.c.  Internal to validate/.
 */
#ifndef FEED_PAGE_H
#define FEED_PAGE_H

#include <stddef.h>

#include "doc.h"

/*
 * Called when the XML parse found no feed (fc->fmt unknown).  When
 * libxml2's HTML parser reads fc->bytes as a web page, the findings from
 * r->diags.v[first] on (the XML parse's) are replaced by html-page and one
 * html-feed-link per feed the page announces (<link rel="alternate">),
 * each also recorded in r->refs (FC_REF_FEED) with its URL made absolute
 * against the page's <base href> and URL.  Returns 1 then, 0 when the
 * document is not HTML (the findings stay), -1 when memory ran out.
 */
int fc_page_check(struct fc *fc, size_t first);

/*
 * 1 when the document, white space aside, does not start with '<': then
 * it is neither XML (XML 1.0 section 2.1, the prolog) nor, having been
 * tried first, JSON; not-xml-or-json is reported.
 */
int fc_page_text(struct fc *fc, size_t start);

/*
 * 1 when fc->bytes start with the signature of a binary format (gzip, a
 * JPEG or PNG image, a PDF, a zip archive, ...): not-text names it, once,
 * instead of a heap of encoding errors.  0 when they do not.
 */
int fc_page_binary(struct fc *fc);

#endif
