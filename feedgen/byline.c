/*
 * byline.c - what a newspaper page holds besides the article text, line by
 * line: bylines ("本报记者 孙宁") give authors, photo credits ("摄") give
 * contributors, and a lead ("本报讯 (记者 X)") names authors before the
 * text.  The splitter (article.c) asks it about each line, and keeps with
 * it which credit belongs to which caption.
 */
#include "byline.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "utf8.h"

/* White space between byline tokens: ASCII, U+3000 and U+00A0. */
size_t byline_space_len(const char *s, size_t n)
{
	if (n >= 1 && (s[0] == ' ' || s[0] == '\t'))
		return 1;
	if (n >= 3 && !memcmp(s, "\xe3\x80\x80", 3))
		return 3;
	if (n >= 2 && !memcmp(s, "\xc2\xa0", 2))
		return 2;
	return 0;
}

static int ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n >= k && !memcmp(s + n - k, suffix, k);
}

static int starts_with(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && !memcmp(s, prefix, k);
}

static int mem_contains(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;
	for (i = 0; i + k <= n; i++)
		if (!memcmp(s + i, needle, k))
			return 1;
	return 0;
}

/* A role: 本报记者, 首席记者, 见习记者, 通讯员, 视觉重庆签约摄影师 ... */
static int is_role(const char *s, size_t n)
{
	static const char *const roles[] = {
		"记者", "通讯员", "实习生", "摄影师", "摄影", "撰稿人",
		"评论员", "特约撰稿", NULL
	};
	size_t i;

	/* at most 12 characters: "视觉重庆签约摄影师" is 9 */
	if (ft_utf8_chars(s, n) > 12)
		return 0;
	for (i = 0; roles[i]; i++)
		if (ends_with(s, n, roles[i]))
			return 1;
	return 0;
}

static int is_han(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x20000 && cp <= 0x2FFFF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

/* A personal name: 2-4 Han characters, or up to 12 with a middle dot
 * (names such as 买买提·艾力). */
static int is_name(const char *s, size_t n)
{
	size_t i = 0, k, chars = 0, dots = 0;
	uint32_t cp;

	while (i < n) {
		k = ft_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (!k)
			return 0;
		if (cp == 0x00B7 || cp == 0x30FB || cp == 0x2022) {
			if (i == 0 || i + k == n)
				return 0;
			dots++;
		} else if (!is_han(cp)) {
			return 0;
		}
		chars++;
		i += k;
	}
	if (dots)
		return chars >= 3 && chars <= 12;
	return chars >= 2 && chars <= 4;
}

/* Markers a byline may start with: □ ■ ◇ ◆ */
static size_t marker_len(const char *s, size_t n)
{
	static const char *const marks[] = { "\xe2\x96\xa1", "\xe2\x96\xa0",
					     "\xe2\x97\x87", "\xe2\x97\x86",
					     NULL };
	size_t i;
	for (i = 0; marks[i]; i++)
		if (starts_with(s, n, marks[i]))
			return 3;
	return 0;
}

#define PHOTO "\xe6\x91\x84"            /* 摄 */

enum byline_kind byline_parse(const char *line, size_t n,
			      struct strlist *names)
{
	const char *tok[16];
	size_t len[16], nt = 0, i, k, p = 0, nroles = 0, nnames = 0;
	int credit = 0, photo_role = 0;
	struct strlist found = { 0 };
	enum byline_kind kind = BYLINE_NONE;

	/* a byline is short: most lines are paragraphs, turned away here */
	if (n > 200)
		return BYLINE_NONE;
	while (p < n && (k = byline_space_len(line + p, n - p)))
		p += k;
	while (n > p && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		n--;
	if (n - p > 160 || n == p)
		return BYLINE_NONE;
	p += marker_len(line + p, n - p);
	while (p < n) {
		size_t start;
		while (p < n && (k = byline_space_len(line + p, n - p)))
			p += k;
		if (p >= n)
			break;
		start = p;
		while (p < n && !byline_space_len(line + p, n - p))
			p++;
		if (nt == 16)
			return BYLINE_NONE;
		tok[nt] = line + start;
		len[nt++] = p - start;
	}
	if (!nt)
		return BYLINE_NONE;
	/* a trailing 摄, 摄/视觉重庆, or a name glued to 摄 ("黄祖伟摄") */
	if ((len[nt - 1] == 3 && starts_with(tok[nt - 1], 3, PHOTO)) ||
	    starts_with(tok[nt - 1], len[nt - 1], PHOTO "/") ||
	    starts_with(tok[nt - 1], len[nt - 1], PHOTO "\xef\xbc\x8f")) {
		credit = 1;
		nt--;
	} else if (ends_with(tok[nt - 1], len[nt - 1], PHOTO) &&
		   is_name(tok[nt - 1], len[nt - 1] - 3)) {
		credit = 1;
		len[nt - 1] -= 3;
	}
	for (i = 0; i < nt; i++) {
		if (is_role(tok[i], len[i])) {
			nroles++;
			/* tokens are not NUL-terminated: search within len */
			if (mem_contains(tok[i], len[i], "摄影"))
				photo_role = 1;
		} else if (is_name(tok[i], len[i])) {
			nnames++;
			if (strlist_add_unique(&found, tok[i], len[i]) < 0)
				goto done;
		} else {
			goto done;
		}
	}
	if (!nnames)
		goto done;
	if (credit || photo_role)
		kind = BYLINE_CREDIT;
	else if (nroles)
		kind = BYLINE_AUTHORS;
	else
		goto done;
	for (i = 0; i < found.n; i++)
		if (strlist_add_unique(names, found.v[i], strlen(found.v[i])) < 0)
			break;
done:
	strlist_release(&found);
	return kind;
}

size_t byline_lead(const char *line, size_t n, struct strlist *names)
{
	size_t p = 0, open, close, k, chars = 0;
	const char *xun = "\xe8\xae\xaf", *dian = "\xe7\x94\xb5"; /* 讯 电 */

	/* the dateline: up to 30 characters without spaces, ending in 讯/电.
	 * Every paragraph's first line comes here: the bytes are compared
	 * in place, without a call per byte */
	for (; p < n; p++) {
		unsigned char c = (unsigned char)line[p];
		if (c == ' ' || c == '\t' || c == '(')
			break;
		if ((c == 0xE3 || c == 0xC2 || c == 0xEF) &&
		    (byline_space_len(line + p, n - p) ||
		     starts_with(line + p, n - p, "\xef\xbc\x88")))
			break;
		if ((c & 0xC0) != 0x80 && ++chars > 30)
			return 0;
	}
	if (chars < 2 || chars > 30 ||
	    !(ends_with(line, p, xun) || ends_with(line, p, dian)))
		return 0;
	while (p < n && (k = byline_space_len(line + p, n - p)))
		p += k;
	if (p < n && line[p] == '(')
		open = p + 1;
	else if (starts_with(line + p, n - p, "\xef\xbc\x88"))
		open = p + 3;
	else
		return 0;
	for (close = open; close < n; close++)
		if (line[close] == ')' ||
		    starts_with(line + close, n - close, "\xef\xbc\x89"))
			break;
	if (close >= n)
		return 0;
	{
		struct strlist tmp = { 0 };
		size_t i;
		enum byline_kind kind = byline_parse(line + open, close - open, &tmp);
		if (kind != BYLINE_AUTHORS) {
			strlist_release(&tmp);
			return 0;
		}
		for (i = 0; i < tmp.n; i++)
			strlist_add_unique(names, tmp.v[i], strlen(tmp.v[i]));
		strlist_release(&tmp);
	}
	p = close + (line[close] == ')' ? 1 : 3);
	while (p < n && (k = byline_space_len(line + p, n - p)))
		p += k;
	return p;
}

/* ---- photo credits by caption ------------------------------------------ */

void credits_release(struct credits *c)
{
	strlist_release(&c->own);
	strlist_release(&c->block);
	free(c->block_at);
}

/* names appended to *s, one a line */
static int join_names(char **s, const struct strlist *names)
{
	size_t i, len = strlen(*s), add = 0;
	char *n;

	for (i = 0; i < names->n; i++)
		add += strlen(names->v[i]) + 1;
	if (!(n = realloc(*s, len + add + 1)))
		return -1;
	for (i = 0; i < names->n; i++) {
		if (len)
			n[len++] = '\n';
		memcpy(n + len, names->v[i], strlen(names->v[i]));
		len += strlen(names->v[i]);
	}
	n[len] = '\0';
	*s = n;
	return 0;
}

int credits_caption(struct credits *c)
{
	return strlist_add(&c->own, "", 0);
}

static int credits_block(struct credits *c, const struct strlist *names,
			 int more)
{
	if (!more) {
		if (c->block.n == c->ablock) {
			size_t *nv = ft_grow(c->block_at, &c->ablock, c->block.n + 1, sizeof(*nv));
			if (!nv)
				return -1;
			c->block_at = nv;
		}
		if (strlist_add(&c->block, "", 0) < 0)
			return -1;
		c->block_at[c->block.n - 1] = c->own.n;
	}
	return join_names(&c->block.v[c->block.n - 1], names);
}

int credits_add(struct credits *c, const struct strlist *names,
		int in_caption, int more)
{
	if (in_caption && c->own.n)
		return join_names(&c->own.v[c->own.n - 1], names);
	return credits_block(c, names, more);
}

int credits_resolve(const struct credits *c, struct strlist *out)
{
	size_t i, j;

	for (i = 0; i < c->own.n; i++) {
		const char *v = c->own.v[i];
		if (!*v) {
			for (j = c->block.n; j > 0 && c->block_at[j - 1] > i; j--)
				;
			if (j > 0)
				v = c->block.v[j - 1];
			else if (j < c->block.n)
				v = c->block.v[j];
		}
		if (strlist_add(out, v, strlen(v)) < 0)
			return -1;
	}
	return 0;
}
