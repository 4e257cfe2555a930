/*
 * render.c - an article's Markdown to HTML with md4c, captions as figures,
 * and its summary (render.h).
 */
#include "render.h"

#include <md4c-html.h>
#include <md4c.h>
#include <string.h>

#include "article.h"
#include "byline.h"
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

static int md_to_buf(const char *s, size_t n, struct buf *out)
{
	struct sink sink = { out, 0 };
	if (md_html(s, (MD_SIZE)n, to_buf, &sink, MD_FLAGS, HTML_FLAGS) != 0)
		return -1;
	return sink.failed ? -1 : 0;
}

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

static int render_caption(const char *s, size_t n, struct buf *html)
{
	struct buf inner = BUF_INIT(html->max);
	int r = -1;

	if (md_to_buf(s, n, &inner) < 0)
		goto done;
	/* md4c wraps plain text in <p>...</p>\n; a caption is phrasing
	 * content, so unwrap it when that is all there is */
	if (inner.len >= 8 && !memcmp(inner.data, "<p>", 3) &&
	    !memcmp(inner.data + inner.len - 5, "</p>\n", 5) &&
	    !strstr(inner.data + 3, "<p>")) {
		memmove(inner.data, inner.data + 3, inner.len - 3);
		inner.len -= 8;
		inner.data[inner.len] = '\0';
	}
	if (ft_buf_adds(html, "<figure><figcaption>") < 0 ||
	    ft_buf_add(html, inner.data ? inner.data : "", inner.len) < 0 ||
	    ft_buf_adds(html, "</figcaption></figure>\n") < 0)
		goto done;
	r = 0;
done:
	ft_buf_release(&inner);
	return r;
}

/*
 * A caption that one md_html() pass over the whole body renders as the
 * per-part passes below would: its first character after the mark is a
 * letter or not ASCII (no block or inline syntax can start there, and no
 * leading space can make it code).
 */
static int plain_start(unsigned char c)
{
	return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int plain_caption(const char *p, size_t n)
{
	size_t i;

	if (n <= 3 || !plain_start((unsigned char)p[3]))
		return 0;
	/* nor can a line after the first start a block (a heading, a list,
	 * a rule) that would end the caption's paragraph */
	for (i = 3; i < n; i++)
		if (p[i] == '\n') {
			while (i + 1 < n && (p[i + 1] == ' ' || p[i + 1] == '\t'))
				i++;
			if (i + 1 < n && !plain_start((unsigned char)p[i + 1]))
				return 0;
		}
	return 1;
}

/*
 * The whole body in one md_html() call (each call builds md4c's escape
 * tables anew, 512 strchr() calls: a fifth of its cost), captions
 * turned into figures afterwards: each "<p>" CAPTION_MARK at a line's
 * start up to its "</p>\n".  0 when done; 1 when the output does not
 * show exactly the captions the source has (a caption in a list, a quote
 * or code), and the caller renders part by part; -1 on error.
 */
static int render_one_pass(const char *body, size_t len, size_t captions,
			   struct buf *html)
{
	static const char open[] = "<p>" CAPTION_MARK;
	struct buf out = BUF_INIT(html->max);
	size_t found = 0, at = 0;
	const char *d, *p, *q;
	int r = -1;

	if (md_to_buf(body, len, &out) < 0)
		goto done;
	d = out.data ? out.data : "";
	/* count first: a mismatch changes nothing */
	for (p = d; (p = strstr(p, open)) != NULL; p += sizeof(open) - 1)
		if (p == d || p[-1] == '\n')
			found++;
	if (found != captions) {
		r = 1;
		goto done;
	}
	for (p = d; (p = strstr(p, open)) != NULL; ) {
		if (p != d && p[-1] != '\n') {
			p += sizeof(open) - 1;
			continue;
		}
		q = strstr(p, "</p>\n");
		if (!q) {
			r = 1;
			goto done;
		}
		if (ft_buf_add(html, d + at, (size_t)(p - d) - at) < 0 ||
		    ft_buf_adds(html, "<figure><figcaption>") < 0 ||
		    ft_buf_add(html, p + sizeof(open) - 1,
			       (size_t)(q - p) - (sizeof(open) - 1)) < 0 ||
		    ft_buf_adds(html, "</figcaption></figure>\n") < 0)
			goto done;
		p = q + 5;
		at = (size_t)(p - d);
	}
	if (ft_buf_add(html, d + at, out.len - at) < 0)
		goto done;
	r = 0;
done:
	ft_buf_release(&out);
	return r;
}

int render_html(const char *body, size_t len, struct buf *html)
{
	size_t pos = 0, start, end, run_start = 0, run_end = 0, captions = 0;
	size_t mark = html->len;
	int in_run = 0, plain = 1, k;

	while (next_para(body, len, &pos, &start, &end))
		if (is_caption(body + start, end - start)) {
			captions++;
			plain = plain && plain_caption(body + start, end - start);
		}
	if (!captions)
		return md_to_buf(body, len, html);
	if (plain) {
		if ((k = render_one_pass(body, len, captions, html)) <= 0)
			return k;
		html->len = mark;       /* as it was */
		if (html->data)
			html->data[mark] = '\0';
	}
	pos = 0;

	while (next_para(body, len, &pos, &start, &end)) {
		if (!is_caption(body + start, end - start)) {
			if (!in_run)
				run_start = start;
			run_end = end;
			in_run = 1;
			continue;
		}
		if (in_run && md_to_buf(body + run_start, run_end - run_start,
					html) < 0)
			return -1;
		in_run = 0;
		if (render_caption(body + start + 3, end - start - 3, html) < 0)
			return -1;
	}
	if (in_run && md_to_buf(body + run_start, run_end - run_start, html) < 0)
		return -1;
	return 0;
}

/* ---- summary ---------------------------------------------------------- */

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
