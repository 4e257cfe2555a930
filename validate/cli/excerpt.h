/*
 * excerpt.h - a line of a checked document as people see it: valid UTF-8
 * decoded from the document (the decoded text when it was decoded, else
 * the bytes), tabs expanded, control characters shown as '?', a long line
 * cut to a window around the column, and the column marked by its byte
 * offset in the excerpt and its display column (wide characters count
 * two).  The text reporter draws a caret under it; the HTML report marks
 * it.
 */
#ifndef FEED_EXCERPT_H
#define FEED_EXCERPT_H

#include "buf.h"
#include "report.h"

/*
 * Where the last line was found: findings come sorted by line, so looking
 * for the next one goes on from there rather than from the start.
 */
struct line_cursor {
	const char *base;
	const char *p;             /* start of line `line` */
	long line;
	const char *cq;            /* excerpt_byte_column(): where column cc ... */
	long cc, cextra;           /* ... of line `line` is, U+FFFD bytes added */
};

#define LINE_CURSOR_INIT { NULL, NULL, 0, NULL, 0, 0 }

struct excerpt {
	struct buf text;           /* the line (its window); NUL-terminated */
	long mark;                 /* byte offset in text of the column, -1: none */
	long mark_len;             /* its bytes; 0 past the end of the line */
	long mark_col;             /* display columns before it */
	int cut_left, cut_right;   /* the window leaves text out on that side */
};

void excerpt_init(struct excerpt *e);
void excerpt_release(struct excerpt *e);

/*
 * Line `line` (1-based) of s into e, with column col (characters, 1-based;
 * 0: nothing marked) marked; offset is the byte offset of the finding in
 * s->bytes or -1.  Returns 0, or -1 when there is no such line to show
 * (no text, a UTF-16 document, a line past the end).
 */
int excerpt_line(const struct source *s, struct line_cursor *cur, long line,
		 long col, long long offset, struct excerpt *e);

/*
 * The byte column (1-based) in the UTF-8 text of line `line` of the
 * character at column col (characters), as Vim's quickfix counts (%c);
 * col when the line cannot be found.
 */
long excerpt_byte_column(const struct source *s, struct line_cursor *cur,
			 long line, long col);

#endif
