/*
 * body.c - an article's body from its lines on the page (body.h).  What a
 * reader sees stays: a photo's credit line is kept in its caption, in
 * full-width parentheses ("▲外国代表团…（首席记者 龙帆 摄/视觉重庆）"), and
 * an agency's dateline stays at the start of its paragraph.  What is
 * metadata goes: a byline leaves the body for the authors, and so does
 * the paper's own lead ("本报讯 (记者 孙宁)").
 */
#include "body.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "buf.h"
#include "byline.h"
#include "grow.h"

#define BODY_MAX ((size_t)64 << 20)

void text_trim(const char **s, size_t *n)
{
	while (*n && IS_SPACE(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && IS_SPACE((*s)[*n - 1]))
		(*n)--;
}

int text_next_line(const char *text, size_t len, size_t *pos,
		   const char **line, size_t *n)
{
	const char *nl;

	if (*pos >= len)
		return 0;
	*line = text + *pos;
	nl = memchr(*line, '\n', len - *pos);
	*n = nl ? (size_t)(nl - *line) : len - *pos;
	*pos += *n + (nl ? 1 : 0);
	return 1;
}

int text_blank(const char *l, size_t n)
{
	size_t k;
	while (n) {
		if (IS_SPACE(*l)) {
			l++;
			n--;
		} else if ((k = byline_space_len(l, n))) {
			l += k;
			n -= k;
		} else {
			return 0;
		}
	}
	return 1;
}

static int starts_with(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && !memcmp(s, prefix, k);
}

static void rtrim(const char *l, size_t *n)
{
	while (*n && (l[*n - 1] == ' ' || l[*n - 1] == '\t'))
		(*n)--;
}

/* ---- photo credits by caption ------------------------------------------- */

/*
 * Photo credits by caption, as the lines come: the names under each
 * caption, and the credit blocks that stand alone (photographers named
 * once above or below the captions of their photos, such as
 * "山城视觉签约摄影师 李红光" / "黄祖伟 摄" before two captions), each with
 * how many captions came before it.  Names are joined one a line.  Each
 * caption's credit (credits_resolve) is its own; else the nearest block
 * before it; else the first block after it; else "".
 */
struct credits {
	struct strlist own;         /* per caption */
	struct strlist block;
	size_t *block_at;
	size_t ablock;
};

static void credits_release(struct credits *c)
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

static int credits_caption(struct credits *c)
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

static int credits_add(struct credits *c, const struct strlist *names,
		int in_caption, int more)
{
	if (in_caption && c->own.n)
		return join_names(&c->own.v[c->own.n - 1], names);
	return credits_block(c, names, more);
}

static int credits_resolve(const struct credits *c, struct strlist *out)
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

/* ---- the body --------------------------------------------------------------- */

/* The line of the page at p. */
static long line_of(const char *text, const char *p)
{
	long line = 1;
	for (; text < p; text++)
		line += *text == '\n';
	return line;
}

/* What the lines of an article have given so far. */
struct lines {
	struct article *a;
	struct buf body;
	struct credits cr;
	size_t para_lines;
	int in_caption, in_block;
};

/* Start a new line of the body: a new paragraph, or the next line of the
 * current one.  0 or -1. */
static int new_line(struct lines *L)
{
	struct buf *b = &L->body;

	if (b->len && !L->para_lines) {
		rtrim(b->data, &b->len);
		return ft_buf_adds(b, "\n\n");
	}
	return L->para_lines ? ft_buf_addc(b, '\n') : 0;
}

/*
 * A credit under a caption stays in the caption's text, in full-width
 * parentheses unless it has its own: the caption is one line, and the
 * credit reads as part of it in every format (the figure's caption, Media
 * RSS's description, a summary made of the caption).
 */
static int credit_in_caption(struct lines *L, const char *t, size_t tn)
{
	struct buf *b = &L->body;
	int own = starts_with(t, tn, "(") || starts_with(t, tn, "\xef\xbc\x88");

	rtrim(b->data, &b->len);
	if ((!own && ft_buf_adds(b, "\xef\xbc\x88") < 0) ||
	    ft_buf_add(b, t, tn) < 0 ||
	    (!own && ft_buf_adds(b, "\xef\xbc\x89") < 0))
		return -1;
	return 0;
}

/* Names added to to, each once.  0 or -1. */
static int add_all(struct strlist *to, const struct strlist *names)
{
	size_t i;
	for (i = 0; i < names->n; i++)
		if (strlist_add_unique(to, names->v[i], strlen(names->v[i])) < 0)
			return -1;
	return 0;
}

/* A byline or a credit: 1 when the line is done with (out of the body, or
 * into the caption), 0 when it stays as text, -1 (no memory). */
static int name_line(struct lines *L, enum byline_kind k, const char *t,
		     size_t tn, const struct strlist *names,
		     const struct strlist *agencies)
{
	struct article *a = L->a;
	struct strlist both = { 0 };
	size_t i;
	int r = -1;

	/* under a caption every name line is a photo credit */
	if (k == BYLINE_AUTHORS && !L->in_caption) {
		L->in_block = 0;
		return add_all(&a->authors, names) < 0 ? -1 : 1;
	}
	if (add_all(&a->contributors, names) < 0 || add_all(&both, names) < 0)
		goto done;
	for (i = 0; i < agencies->n; i++) {
		char *m = ft_asprintf("%c%s", CREDIT_AGENCY_MARK, agencies->v[i]);
		if (!m)
			goto done;
		r = strlist_add_unique(&both, m, strlen(m));
		free(m);
		if (r < 0)
			goto done;
	}
	if (credits_add(&L->cr, &both, L->in_caption, L->in_block) < 0)
		goto done;
	if (L->in_caption) {
		L->in_block = 0;
		r = credit_in_caption(L, t, tn) < 0 ? -1 : 1;
	} else {
		/* a credit standing alone stays as printed */
		L->in_block = 1;
		r = 0;
	}
done:
	strlist_release(&both);
	return r;
}

/*
 * Group the lines into paragraphs, take bylines out, keep captions marked
 * and credits in sight.  A caption starts a paragraph of its own even
 * without a blank line before it (a photo on the line above it), and
 * starts with its mark.
 */
int body_build(struct article *a, const char *text, size_t start,
	       size_t end, struct diag_list *dl)
{
	struct lines L;
	size_t pos = start, n, lead;
	const char *line;
	int r;

	memset(&L, 0, sizeof(L));
	L.a = a;
	ft_buf_init(&L.body, BODY_MAX);
	while (pos < end && text_next_line(text, end, &pos, &line, &n)) {
		const char *t = line;
		size_t tn = n;
		struct strlist names = { 0 }, agencies = { 0 };
		enum byline_kind k;
		int in_block = L.in_block;

		if (text_blank(line, n)) {
			L.para_lines = 0;
			L.in_caption = 0;
			continue;
		}
		text_trim(&t, &tn);
		L.in_block = 0;
		if (starts_with(t, tn, CAPTION_MARK)) {
			L.para_lines = 0;
			L.in_caption = 1;
			n -= (size_t)(t - line);
			line = t;
			if (credits_caption(&L.cr) < 0)
				goto fail;
		} else if ((k = byline_parse(line, n, &names, &agencies)) != BYLINE_NONE) {
			if (k == BYLINE_EMPTY) {
				ft_diag_add(dl, DIAG_WARNING, "byline-empty", a->file,
					    line_of(text, line), 1,
					    "byline '%.*s' names no one; left out",
					    (int)tn, t);
				r = 1;
			} else {
				L.in_block = in_block;
				r = name_line(&L, k, t, tn, &names, &agencies);
			}
			strlist_release(&names);
			strlist_release(&agencies);
			if (r < 0)
				goto fail;
			if (r)
				continue;
		} else if (!L.para_lines && !L.in_caption) {
			r = byline_dateline(t, tn, &names, &agencies);
			if (r > 0 && !a->source)
				a->source = strdup(agencies.v[0]);
			/* the agency's reporters are its, never the paper's */
			if (r < 0 || (r > 0 && (!a->source ||
						add_all(&a->contributors, &names) < 0))) {
				strlist_release(&names);
				strlist_release(&agencies);
				goto fail;
			}
			strlist_release(&agencies);
			/* "本报讯 (记者 孙宁)7月12日..." keeps its text */
			if (!r && (lead = byline_lead(t, tn, &a->authors))) {
				line = t + lead;
				n = tn - lead;
			}
			strlist_release(&names);
			if (!n)
				continue;
		}
		if (new_line(&L) < 0 || ft_buf_add(&L.body, line, n) < 0)
			goto fail;
		L.para_lines++;
	}
	if (L.body.data) {
		rtrim(L.body.data, &L.body.len);
		L.body.data[L.body.len] = '\0';
	}
	if (credits_resolve(&L.cr, &a->photo_credits) < 0)
		goto fail;
	credits_release(&L.cr);
	a->body = ft_buf_detach(&L.body);
	return a->body ? 0 : -1;
fail:
	credits_release(&L.cr);
	ft_buf_release(&L.body);
	return -1;
}

/* ---- the source, kept for the writers ------------------------------------ */

int body_extra_source(char **extra, const char *source)
{
	json_t *root = *extra && **extra ? json_loads(*extra, 0, NULL) : json_object();
	char *s;

	if (!root || !json_is_object(root) ||
	    json_object_set_new(root, "source", json_string(source)) < 0 ||
	    !(s = json_dumps(root, JSON_COMPACT))) {
		json_decref(root);
		return -1;
	}
	json_decref(root);
	free(*extra);
	*extra = s;
	return 0;
}

char *body_source_of(const char *extra)
{
	json_t *root, *v;
	char *s = NULL;

	/* most entries name none: no parse for them */
	if (!extra || !strstr(extra, "\"source\""))
		return NULL;
	if (!(root = json_loads(extra, 0, NULL)))
		return NULL;
	v = json_object_get(root, "source");
	if (json_is_string(v))
		s = strdup(json_string_value(v));
	json_decref(root);
	return s;
}
