/*
 * jsonpos.h - where a JSON Pointer (RFC 6901) points in the text of a JSON
 * document: the line and column of the value it names, for the findings
 * that a checker gave by pointer only.
 */
#ifndef FEED_JSONPOS_H
#define FEED_JSONPOS_H

#include <stddef.h>

#include "diag.h"

/*
 * Give every diagnostic of l that has a path (a JSON Pointer) and no line
 * the line and column (1-based, columns in characters) of the first
 * character of the value the pointer names in the JSON text b[0..len):
 * the '{' of an object whose member is missing, the '"' of a string that
 * is wrong.  One pass over the text, however many findings; a pointer
 * that names nothing (or text that is not JSON past some point) leaves
 * its findings as they were.  consumed, when not NULL, is called now and
 * then with an offset the pass has left behind (fc_options.consumed), so
 * a mapped document is given back as it is read.  Returns 0, or -1 when
 * memory ran out (nothing is changed then).
 */
int ft_json_locate(struct diag_list *l, const char *b, size_t len,
		   void (*consumed)(void *arg, size_t offset), void *arg);

#endif
