/*
 * render.c - an article's Markdown to HTML with md4c, its captions as
 * figures (figure.c), and its summary (render.h).
 */
#include "render.h"

#include <md4c-html.h>
#include <md4c.h>
#include <string.h>

#include "article.h"
#include "byline.h"
#include "figure.h"
#include "utf8.h"

/* CommonMark, with raw HTML shown as text: a page is not trusted to carry
 * markup.  A line ending in two spaces is a line break (<br />). */
#define MD_FLAGS MD_FLAG_NOHTML
#define HTML_FLAGS MD_HTML_FLAG_XHTML

struct sink {
	struct buf *b;
	int failed;
};

static void to_buf(const MD_CHAR *text, MD_SIZE size, void *ud)
{
	struct sink *s = ud;
	if (!s->failed && ft_buf_add(s->b, text, size) < 0)
		s->failed = 1;
}

int render_html(const char *body, size_t len, struct buf *html)
{
	struct sink sink = { html, 0 };
	size_t from = html->len;

	if (md_html(body, (MD_SIZE)len, to_buf, &sink, MD_FLAGS, HTML_FLAGS) != 0 ||
	    sink.failed)
		return -1;
	return figure_build(html, from) < 0 ? -1 : 0;
}

/* ---- summary ---------------------------------------------------------- */

static int is_caption(const char *p, size_t n)
{
	return n >= 3 && !memcmp(p, CAPTION_MARK, 3);
}

/* next paragraph of body: [*start, *end), paragraphs split by "\n\n" */
static int next_para(const char *body, size_t len, size_t *pos,
		     size_t *start, size_t *end)
{
	const char *sep;

	while (*pos < len && body[*pos] == '\n')
		(*pos)++;
	if (*pos >= len)
		return 0;
	*start = *pos;
	sep = strstr(body + *pos, "\n\n");
	*end = sep && (size_t)(sep - body) < len ? (size_t)(sep - body) : len;
	*pos = *end;
	return 1;
}

struct text_sink {
	struct buf *b;
	int failed;
	int skip;       /* inside a heading, code or an image */
};

static int on_enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct text_sink *t = ud;
	(void)detail;
	if (type == MD_BLOCK_H || type == MD_BLOCK_CODE)
		t->skip++;
	return 0;
}

static int on_leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct text_sink *t = ud;
	(void)detail;
	if (type == MD_BLOCK_H || type == MD_BLOCK_CODE)
		t->skip--;
	else if (type == MD_BLOCK_P && t->b->len)
		return 1;       /* the first paragraph is all we want */
	return 0;
}

/* an image's alt text is not the article's text: a paragraph that holds
 * only a photo gives no summary */
static int on_enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct text_sink *t = ud;
	(void)detail;
	if (type == MD_SPAN_IMG)
		t->skip++;
	return 0;
}

static int on_leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct text_sink *t = ud;
	(void)detail;
	if (type == MD_SPAN_IMG)
		t->skip--;
	return 0;
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size,
		   void *ud)
{
	struct text_sink *t = ud;

	if (t->skip || t->failed)
		return 0;
	switch (type) {
	case MD_TEXT_NULLCHAR:
		return 0;
	case MD_TEXT_BR:
	case MD_TEXT_SOFTBR:
		/* no space between Han characters; one between words */
		if (t->b->len && (unsigned char)t->b->data[t->b->len - 1] < 0x80 &&
		    t->b->data[t->b->len - 1] != ' ')
			t->failed |= ft_buf_addc(t->b, ' ') < 0;
		return 0;
	case MD_TEXT_ENTITY:
		/* the few a page may hold; others are kept as written */
		if (size == 5 && !memcmp(text, "&amp;", 5))
			t->failed |= ft_buf_addc(t->b, '&') < 0;
		else if (size == 4 && !memcmp(text, "&lt;", 4))
			t->failed |= ft_buf_addc(t->b, '<') < 0;
		else if (size == 4 && !memcmp(text, "&gt;", 4))
			t->failed |= ft_buf_addc(t->b, '>') < 0;
		else if (size == 6 && !memcmp(text, "&quot;", 6))
			t->failed |= ft_buf_addc(t->b, '"') < 0;
		else
			t->failed |= ft_buf_add(t->b, text, size) < 0;
		return 0;
	default:
		t->failed |= ft_buf_add(t->b, text, size) < 0;
		return 0;
	}
}

static int is_sentence_end(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '!' ||
	       cp == '?' || cp == 0xFF0E;
}

/* The character at s[i] (n bytes in all) into *cp: its length, 1 for a
 * byte that is not UTF-8.  ASCII and the BMP's three-byte characters (the
 * text of a Chinese paper) without a call. */
static size_t next_char(const unsigned char *s, size_t i, size_t n, uint32_t *cp)
{
	size_t k;

	if (s[i] < 0x80) {
		*cp = s[i];
		return 1;
	}
	if (ft_utf8_is_bmp3(s, i, n)) {
		*cp = (uint32_t)(s[i] & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 |
		      (uint32_t)(s[i + 2] & 0x3F);
		return 3;
	}
	k = ft_utf8_decode(s + i, n - i, cp);
	return k ? k : 1;
}

int summary_cut(const char *s, size_t n, size_t max, struct buf *out)
{
	size_t i = 0, k, chars = 0, cut = 0, best = 0;
	uint32_t cp = 0;

	while (i < n && chars < max) {
		k = next_char((const unsigned char *)s, i, n, &cp);
		i += k;
		chars++;
		if (is_sentence_end(cp)) {
			/* a closing quote right after the stop belongs to it */
			size_t k2;
			uint32_t cp2;
			while (i < n && (k2 = ft_utf8_decode((const unsigned char *)s + i,
							 n - i, &cp2)) &&
			       (cp2 == 0x201D || cp2 == 0x300D || cp2 == 0x300F ||
				cp2 == '"' || cp2 == 0xFF09 || cp2 == ')') &&
			       chars < max) {
				i += k2;
				chars++;
			}
			best = i;
		}
	}
	cut = i;
	if (i >= n)
		return ft_buf_add(out, s, n);
	/* prefer a sentence end, unless it leaves too little */
	if (best && ft_utf8_chars(s, best) >= max / 3)
		return ft_buf_add(out, s, best);
	if (ft_buf_add(out, s, cut) < 0)
		return -1;
	return ft_buf_adds(out, "\xe2\x80\xa6");       /* … */
}

/* A paragraph of credit lines standing alone ("视觉重庆签约摄影师 李红光" /
 * "黄祖伟 摄"): shown, but not the article's text. */
static int credit_para(const char *p, size_t n)
{
	size_t i = 0, k;
	struct strlist names = { 0 };
	enum byline_kind kind;

	while (i < n) {
		k = i;
		while (k < n && p[k] != '\n')
			k++;
		kind = byline_parse(p + i, k - i, &names, NULL);
		strlist_release(&names);
		if (kind == BYLINE_NONE)
			return 0;
		i = k + 1;
	}
	return 1;
}

int render_summary(const char *body, size_t len, size_t max, struct buf *out)
{
	size_t pos = 0, start, end, cap = 0, cap_end = 0;
	struct buf text = BUF_INIT(out->max);
	struct text_sink t = { &text, 0, 0 };
	MD_PARSER parser;
	int r = -1;

	memset(&parser, 0, sizeof(parser));
	parser.flags = MD_FLAGS;
	parser.enter_block = on_enter_block;
	parser.leave_block = on_leave_block;
	parser.enter_span = on_enter_span;
	parser.leave_span = on_leave_span;
	parser.text = on_text;

	while (next_para(body, len, &pos, &start, &end)) {
		if (is_caption(body + start, end - start)) {
			if (!cap_end) {
				cap = start + 3;
				cap_end = end;
			}
			continue;
		}
		if (credit_para(body + start, end - start))
			continue;
		ft_buf_reset(&text);
		t.skip = 0;
		md_parse(body + start, (MD_SIZE)(end - start), &parser, &t);
		if (t.failed)
			goto done;
		if (text.len)
			break;
	}
	/* a photo alone: its caption is what there is to say */
	if (!text.len && cap_end) {
		t.skip = 0;
		md_parse(body + cap, (MD_SIZE)(cap_end - cap), &parser, &t);
		if (t.failed)
			goto done;
	}
	{
		/* trim */
		const char *s = text.data ? text.data : "";
		size_t n = text.len;
		while (n && (*s == ' ' || *s == '\t')) {
			s++;
			n--;
		}
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		r = summary_cut(s, n, max, out);
	}
done:
	ft_buf_release(&text);
	return r;
}
