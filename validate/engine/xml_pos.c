/*
 * xml_pos.c - positions for the engine: the column and byte offset of a
 * start tag (libxml2 gives lines, and columns only of the parse position),
 * and the byte offset of an error's line and column.  A cursor in struct
 * fc moves forward only, so a document costs one pass however many
 * positions are asked for.
 */
#include "xml.h"

#include <string.h>

#include "ascii.h"
#include "utf8.h"

/* ---- positions ---- */

/*
 * Move the line cursor to the next line.  The search starts at col_off,
 * not at the start of the line: the bytes between hold no newline, and
 * they may have been released (fc_options.consumed).  -1 at the end.
 */
static int next_line(struct fc *fc)
{
	const char *b = (const char *)fc->bytes;
	const char *nl = memchr(b + fc->col_off, '\n', fc->len - fc->col_off);

	if (!nl)
		return -1;
	fc->line_off = (size_t)(nl - b) + 1;
	fc->line_cur++;
	fc->col_off = fc->line_off;
	fc->col_at = 1;
	return 0;
}

/*
 * Column of the '<' that starts the element named qname on line `line`.
 * Start tags come in document order, so the search runs forward from the
 * end of the previous one: linear in the size of the document, and exact
 * even when a whole feed is on one line.  Only done when the bytes are
 * ASCII-compatible; columns count characters.
 */
long fc_xml_locate(struct fc *fc, long line, long pline, long pcol,
		   const char *qname, long long *at)
{
	const char *b = (const char *)fc->bytes, *le, *p;
	size_t qlen = strlen(qname), from;

	*at = -1;
	if (!fc->utf8ish || line <= 0)
		return line == pline ? pcol : 0;
	if ((size_t)line < fc->line_cur)
		return line == pline ? pcol : 0;
	while (fc->line_cur < (size_t)line)
		if (next_line(fc) < 0)
			return 0;
	/* forward from the last start tag to this one, never to the end of
	 * the line first: a feed on one line of a gigabyte stays linear and
	 * only the bytes up to the tag are touched */
	le = b + fc->len;
	from = fc->tag_pos > fc->line_off ? fc->tag_pos : fc->line_off;
	for (p = b + from; p < le && *p != '\n'; p++) {
		if (*p != '<')
			continue;
		if ((size_t)(le - p) > qlen && !memcmp(p + 1, qname, qlen) &&
		    (p + 1 + qlen == le || IS_SPACE(p[1 + qlen]) ||
		     p[1 + qlen] == '>' || p[1 + qlen] == '/')) {
			size_t off = (size_t)(p - b);
			if (off < fc->col_off) {
				fc->col_off = fc->line_off;
				fc->col_at = 1;
			}
			fc->col_at += (long)ft_utf8_chars(b + fc->col_off,
						       off - fc->col_off);
			fc->col_off = off;
			fc->tag_pos = off + 1;
			*at = (long long)off;
			return fc->col_at;
		}
	}
	return line == pline ? pcol : 1;
}

/*
 * The same from the parse position at the end of the start tag (its
 * attributes read): byte offset end, on line `line`.  A start tag holds
 * no '<' (not even in its attribute values), so its '<' is the last one
 * before end, and its line is `line` less the newlines between: exact for
 * a tag over several lines too.  Falls back to fc_xml_locate() when the
 * bytes there do not hold the tag (end unknown: (size_t)-1).
 */
long fc_xml_locate_end(struct fc *fc, size_t end, long line, long col,
		       const char *qname, long *tag_line, long long *at)
{
	const char *b = (const char *)fc->bytes;
	size_t qlen = strlen(qname), p, i;
	long l = line;

	*tag_line = line;
	if (!fc->utf8ish || end > fc->len || end <= fc->col_off)
		return fc_xml_locate(fc, line, line, col, qname, at);
	for (p = end; p > fc->col_off && b[p - 1] != '<'; p--)
		;
	if (p == fc->col_off || b[p - 1] != '<' || end - p < qlen ||
	    memcmp(b + p, qname, qlen) != 0)
		return fc_xml_locate(fc, line, line, col, qname, at);
	p--;
	for (i = p; i < end; i++)
		if (b[i] == '\n')
			l--;
	if (l < (long)fc->line_cur)
		return fc_xml_locate(fc, line, line, col, qname, at);
	while (fc->line_cur < (size_t)l)
		if (next_line(fc) < 0)
			return fc_xml_locate(fc, line, line, col, qname, at);
	if (p < fc->col_off) {
		fc->col_off = fc->line_off;
		fc->col_at = 1;
	}
	fc->col_at += (long)ft_utf8_chars(b + fc->col_off, p - fc->col_off);
	fc->col_off = p;
	fc->tag_pos = p + 1;
	*at = (long long)p;
	*tag_line = l;
	return fc->col_at;
}

/*
 * Move the cursor to byte offset upto, which the parse has gone past: no
 * position asked for later is before it (libxml2 reports at its parse
 * position, and a start tag begins at or after it), so the bytes before
 * it may be released, however long the text node they are in.
 */
void fc_xml_advance(struct fc *fc, size_t upto)
{
	const char *b = (const char *)fc->bytes, *nl;

	if (!fc->utf8ish || upto > fc->len || upto <= fc->col_off)
		return;
	while ((nl = memchr(b + fc->col_off, '\n', upto - fc->col_off))) {
		fc->line_off = (size_t)(nl - b) + 1;
		fc->line_cur++;
		fc->col_off = fc->line_off;
		fc->col_at = 1;
	}
	fc->col_at += (long)ft_utf8_chars(b + fc->col_off, upto - fc->col_off);
	fc->col_off = upto;
	if (fc->tag_pos < upto)
		fc->tag_pos = upto;
}

/*
 * Byte offset of (line, column) for positions at or after the line cursor
 * (libxml2's errors are at the parse position); -1 when unknown.
 */
long long fc_xml_byte_offset(struct fc *fc, long line, long col)
{
	const char *b = (const char *)fc->bytes, *p, *le;
	long c;

	if (!fc->utf8ish || line <= 0 || (size_t)line < fc->line_cur)
		return -1;
	while (fc->line_cur < (size_t)line)
		if (next_line(fc) < 0)
			return -1;
	/* from the last start tag found when the position is past it: the
	 * bytes before it may have been released (fc_options.consumed) */
	if (col >= fc->col_at) {
		p = b + fc->col_off;
		c = fc->col_at;
	} else {
		p = b + fc->line_off;
		c = 1;
	}
	le = b + fc->len;
	for (; c < col && p < le && *p != '\n'; c++) {
		uint32_t cp;
		size_t k = ft_utf8_decode((const unsigned char *)p,
				       (size_t)(le - p), &cp);
		p += k ? k : 1;
	}
	return (long long)(p - b);
}
