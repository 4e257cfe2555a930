/*
 * excerpt.c - the lines of a document shown around a finding.  See
 * excerpt.h.  Only the bytes of the window are read (and, without an
 * offset, those before it on the line): a document of one line of a
 * gigabyte is not paged in again to show a finding (the file is mapped;
 * see sources.c).
 */
#include "excerpt.h"

#include <string.h>

#include "cli.h"
#include "utf8.h"

#define SHOW_CHARS 160
#define SHOW_LONG 100     /* a line is windowed from this column on ... */
#define SHOW_BEFORE 59    /* ... starting this many characters before it */
#define TAB_STOP 8
#define BACK_MAX ((size_t)1 << 20)   /* a line start looked for backwards */

void excerpt_init(struct excerpt *e)
{
	memset(e, 0, sizeof(*e));
	ft_buf_init(&e->text, 64 * 1024);
	e->mark = -1;
}

void excerpt_release(struct excerpt *e)
{
	ft_buf_release(&e->text);
	e->mark = -1;
}

/* the end of the line's text at q: a newline, a CR before one, the end */
static int at_eol(const char *q, const char *end)
{
	return q >= end || *q == '\n' || (*q == '\r' && (q + 1 == end || q[1] == '\n'));
}

/*
 * The text lines and columns count in: the decoded text when there is
 * one (then a byte offset, which is into the original bytes, is of no
 * use), else the bytes, unless they are UTF-16 or UTF-32.
 */
static const char *text_of(const struct source *s, size_t *len,
			   long long *offset)
{
	const char *b = (const char *)s->bytes;

	if (s->res.text) {
		*len = s->res.text_len;
		*offset = -1;
		return (const char *)s->res.text;
	}
	*len = s->len;
	if (!b || !s->len)
		return NULL;
	if (s->len >= 2 && (!b[0] || !b[1] || (b[0] == '\xFF' && b[1] == '\xFE') ||
			    (b[0] == '\xFE' && b[1] == '\xFF')))
		return NULL;
	if (*offset > (long long)s->len)
		*offset = -1;
	return b;
}

/* the start of line `line`, from the cursor (forwards, or a few back) */
static const char *line_start(struct line_cursor *cur, const char *b,
			      size_t len, long line)
{
	const char *p;

	if (cur->line != line)
		cur->cq = NULL;
	if (cur->base != b || cur->line <= 0 || line < cur->line - 4) {
		cur->base = b;
		cur->p = b;
		cur->line = 1;
	}
	while (cur->line > line) {
		/* back over the line before: its newline, then its text */
		const char *q = cur->p - 1;
		size_t n = 0;
		while (q > b && q[-1] != '\n' && n < BACK_MAX) {
			q--;
			n++;
		}
		if (q > b && q[-1] != '\n')
			return NULL;
		cur->p = q;
		cur->line--;
	}
	p = cur->p;
	while (cur->line < line) {
		p = memchr(p, '\n', len - (size_t)(p - b));
		if (!p)
			return NULL;
		p++;
		cur->line++;
		cur->p = p;
	}
	return p;
}

/* what is shown of code point cp: '?' for controls, bidi overrides, BOM */
static int shown_as_is(uint32_t cp)
{
	return !(cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
		 (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
		 cp == 0xFEFF);
}

int excerpt_line(const struct source *s, struct line_cursor *cur, long line,
		 long col, long long offset, struct excerpt *e)
{
	const char *b, *p, *q, *end, *at = NULL;
	size_t len;
	long c, skip = 0, shown = 0, width = 0;

	ft_buf_reset(&e->text);
	e->mark = -1;
	e->mark_len = 0;
	e->mark_col = 0;
	e->cut_left = e->cut_right = 0;
	b = text_of(s, &len, &offset);
	if (!b || line <= 0 || len == 0)
		return -1;
	end = b + len;
	if (offset >= 0 && col > 0) {
		/*
		 * Back from the finding to the start of the window: the start
		 * of the line when it is less than SHOW_LONG characters back,
		 * else SHOW_BEFORE characters back; the mark goes on the byte
		 * at the offset.
		 */
		const char *w = NULL;
		long back = 0;

		at = p = b + offset;
		while (p > b && p[-1] != '\n' && back < SHOW_LONG &&
		       (size_t)(at - p) < 4 * SHOW_LONG) {
			p--;
			if (((unsigned char)*p & 0xC0) != 0x80 &&
			    ++back == SHOW_BEFORE)
				w = p;
		}
		if (p > b && p[-1] != '\n' && w) {
			p = w;
			e->cut_left = 1;
		}
	} else {
		if (!(p = line_start(cur, b, len, line)))
			return -1;
		if (p == b + len && col <= 0 && line > 1)
			return -1;    /* after the last newline: no line to show */
		/* a long line is shown as a window around the column */
		if (col > SHOW_LONG) {
			skip = col - SHOW_BEFORE - 1;
			e->cut_left = 1;
		}
	}
	for (q = p, c = 1; !at_eol(q, end); c++) {
		uint32_t cp;
		size_t k = ft_utf8_decode((const unsigned char *)q, (size_t)(end - q), &cp);
		int here = at ? q == at : c == col;

		if (!k) {
			cp = 0xFFFD;      /* a byte that is not UTF-8 */
			k = 1;
		}
		if (c > skip) {
			size_t before = e->text.len;
			if (shown >= SHOW_CHARS && !here && (at ? q >= at : c > col)) {
				e->cut_right = 1;
				break;
			}
			if (here) {
				e->mark = (long)before;
				e->mark_col = width;
			}
			if (cp == '\t') {
				int n = TAB_STOP - (int)(width % TAB_STOP);
				width += n;
				while (n--)
					ft_buf_addc(&e->text, ' ');
			} else if (!shown_as_is(cp)) {
				ft_buf_addc(&e->text, '?');
				width++;
			} else {
				char u[4];
				ft_buf_add(&e->text, u, ft_utf8_encode(cp, u));
				width += cli_cp_width(cp);
			}
			if (here)
				e->mark_len = (long)(e->text.len - before);
			shown++;
		}
		q += k;
	}
	if (e->mark < 0 && col > 0 && (at ? q == at : c == col)) {
		/* the column just past the end of the line */
		e->mark = (long)e->text.len;
		e->mark_col = width;
	}
	ft_buf_addc(&e->text, '\0');
	e->text.len--;
	return 0;
}

long excerpt_byte_column(const struct source *s, struct line_cursor *cur,
			 long line, long col)
{
	long long offset = -1;
	size_t len;
	const char *b = text_of(s, &len, &offset), *p, *q, *end;
	long c, extra;

	if (!b || line <= 0 || col <= 1 || !(p = line_start(cur, b, len, line)))
		return col;
	end = b + len;
	/* findings come in order: go on from the last column of this line */
	if (cur->cq && cur->cq >= p && cur->cc <= col) {
		q = cur->cq;
		c = cur->cc;
		extra = cur->cextra;
	} else {
		q = p;
		c = 1;
		extra = 0;
	}
	for (; c < col && !at_eol(q, end); c++) {
		uint32_t cp;
		size_t k = ft_utf8_decode((const unsigned char *)q, (size_t)(end - q), &cp);
		/* a byte that is not UTF-8 is U+FFFD, three bytes, to an editor */
		q += k ? k : 1;
		if (!k)
			extra += 2;
	}
	cur->cq = q;
	cur->cc = c;
	cur->cextra = extra;
	return (long)(q - p) + 1 + extra + (c < col ? col - c : 0);
}
