/*
 * xml.h - the streaming XML engine (xml.c; positions in xml_pos.c,
 * libxml2's errors in xml_error.c), for check.c.  Internal to validate/.
 */
#ifndef FEED_XML_H
#define FEED_XML_H

#include <stddef.h>

#include <libxml/xmlerror.h>

#include "doc.h"

/*
 * Parse fc->bytes, which are UTF-8, and check every element against the
 * vocabularies; the findings go to fc->r.  0, or -1 when memory ran out
 * or libxml2 could not start.  fc_init() or fc_xml_index_rules() first.
 */
int fc_xml_parse(struct fc *fc);
/* Index the vocabularies' rule tables by parent context, once (the
 * tables are constant, so the index is too). */
void fc_xml_index_rules(void);
/* For the tests: the rows the index holds for parent context ctx, and the
 * rows of the tables that apply there (the two differ when a context has
 * more rows than the index keeps). */
size_t fc_xml_rows_indexed(int ctx);
size_t fc_xml_rows_wanted(int ctx);

/*
 * Column of the '<' of the start tag named qname on line `line` (pline,
 * pcol: libxml2's parse position, the fallback); *at its byte offset, or
 * -1.  The cursor in fc only moves forward: tags in document order.
 */
long fc_xml_locate(struct fc *fc, long line, long pline, long pcol,
		   const char *qname, long long *at);
/* Byte offset of (line, col) at or past the cursor; -1 when unknown. */
long long fc_xml_byte_offset(struct fc *fc, long line, long col);

/* libxml2's structured error handler: arg is the struct fc. */
void fc_xml_error(void *arg, xmlErrorPtr e);

#endif
