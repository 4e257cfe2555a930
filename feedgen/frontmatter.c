/*
 * frontmatter.c - the YAML block at the top of a page, read with libyaml
 * (frontmatter.h): quoting, escapes, flow and block lists, YAML 1.1
 * timestamps.  libyaml's document model is walked two levels deep (the
 * mapping, and a value's list), so an alias cannot make the walk grow.
 */
#include "frontmatter.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "ascii.h"
#include "buf.h"
#include "ident.h"
#include "utf8.h"

/* A value longer than this is cut (on a character boundary); a list holds
 * at most FM_LIST_MAX names; a block longer than FM_BLOCK_MAX is not
 * read. */
#define FM_VALUE_MAX 4096
#define FM_LIST_MAX 256
#define FM_BLOCK_MAX ((size_t)1 << 20)

void fm_release(struct front_matter *fm)
{
	free(fm->title);
	free(fm->id);
	free(fm->url);
	free(fm->date);
	free(fm->summary);
	free(fm->image);
	free(fm->lang);
	strlist_release(&fm->authors);
	strlist_release(&fm->sections);
	memset(fm, 0, sizeof(*fm));
}

/* "---" (or, closing, "...") alone on a line, spaces after it allowed */
static int is_marker(const char *l, size_t n, const char *m)
{
	while (n && (l[n - 1] == ' ' || l[n - 1] == '\t' || l[n - 1] == '\r'))
		n--;
	return n == 3 && !memcmp(l, m, 3);
}

/* a plain scalar YAML takes as null: the key is as good as absent */
static int is_null(const yaml_node_t *v)
{
	const char *s = (const char *)v->data.scalar.value;

	return v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	       (!*s || !strcmp(s, "~") || !strcmp(s, "null") ||
		!strcmp(s, "Null") || !strcmp(s, "NULL"));
}

/* s[0..n) as a value: without white space around it (the line end a
 * block scalar keeps), cut at FM_VALUE_MAX on a character boundary, and
 * without what XML forbids (a "\x01" or "\0" escape); NULL: no memory. */
static char *value_dup(const char *s, size_t n)
{
	struct buf b = BUF_INIT(FM_VALUE_MAX + 1);

	while (n && IS_SPACE(*s))
		s++, n--;
	while (n && IS_SPACE(s[n - 1]))
		n--;
	if (n > FM_VALUE_MAX) {
		n = FM_VALUE_MAX;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	if (ft_xml_clean_append(&b, s, n) < 0) {
		ft_buf_release(&b);
		return NULL;
	}
	return b.data ? ft_buf_detach(&b) : strdup("");
}

/* n digits at s into *v; 0, or -1 */
static int digits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!IS_DIGIT(s[i]))
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/*
 * A YAML 1.1 timestamp ("2001-12-14 21:59:43.10 -5", "2001-12-14t21:59:43Z",
 * "2002-12-14") written as RFC 3339 ("2001-12-14T21:59:43.10-05:00"), which
 * lib/date.c reads; anything else as it is, for article_date() to refuse.
 */
static char *timestamp(const char *s)
{
	const char *p = s;
	int oh, om = 0;
	char out[64];
	size_t k;

	if (strlen(s) < 10 || strlen(s) > 40)
		return value_dup(s, strlen(s));
	memcpy(out, s, 10);
	k = 10;
	p = s + 10;
	if (!*p)
		goto done;
	if (*p != 'T' && *p != 't' && *p != ' ' && *p != '\t')
		return value_dup(s, strlen(s));
	while (*p == ' ' || *p == '\t' || ((*p == 'T' || *p == 't') && p == s + 10))
		p++;
	/* the hour may have one digit */
	out[k++] = 'T';
	if (IS_DIGIT(p[0]) && p[1] == ':') {
		out[k++] = '0';
		out[k++] = *p++;
	} else if (IS_DIGIT(p[0]) && IS_DIGIT(p[1])) {
		out[k++] = *p++;
		out[k++] = *p++;
	} else {
		return value_dup(s, strlen(s));
	}
	while (*p && (IS_DIGIT(*p) || *p == ':' || *p == '.') && k < 40)
		out[k++] = *p++;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == 'Z' || *p == 'z') {
		out[k++] = 'Z';
		p++;
	} else if (*p == '+' || *p == '-') {
		char sign = *p++;
		if (IS_DIGIT(p[0]) && IS_DIGIT(p[1]) && !digits(p, 2, &oh))
			p += 2;
		else if (IS_DIGIT(p[0]) && !digits(p, 1, &oh))
			p += 1;
		else
			return value_dup(s, strlen(s));
		if (*p == ':' && !digits(p + 1, 2, &om))
			p += 3;
		else if (IS_DIGIT(p[0]) && !digits(p, 2, &om))
			p += 2;
		if (oh > 23 || om > 59)
			return value_dup(s, strlen(s));
		out[k++] = sign;
		out[k++] = (char)('0' + oh / 10);
		out[k++] = (char)('0' + oh % 10);
		out[k++] = ':';
		out[k++] = (char)('0' + om / 10);
		out[k++] = (char)('0' + om % 10);
	}
	if (*p)
		return value_dup(s, strlen(s));
done:
	out[k] = '\0';
	return value_dup(out, k);
}

/*
 * Counting places in a block: libyaml counts characters (a mark's index),
 * and takes CR, NEL, LS and PS for line ends too; feedgen's lines end at
 * LF alone, and its columns count characters, so a place is counted again,
 * on from the last one asked (the marks of a mapping come in order).
 */
struct cursor {
	size_t c, i;            /* characters and bytes from the start */
	struct fm_where w;
};

/* Where libyaml's mark m stands in the page, whose line line0 is the
 * block text[0..n)'s first; *cur the last place counted (or zeroed). */
static struct fm_where place(const char *text, size_t n, long line0,
			     struct cursor *cur, const yaml_mark_t *m)
{
	if (!cur->w.line || m->index < cur->c) {
		cur->c = cur->i = 0;
		cur->w.line = line0;
		cur->w.col = 1;
	}
	/* a character is a byte that is not a UTF-8 continuation byte (the
	 * block is UTF-8: libyaml read it up to the mark) */
	while (cur->i < n && (cur->c < m->index ||
			      ((unsigned char)text[cur->i] & 0xC0) == 0x80)) {
		unsigned char b = (unsigned char)text[cur->i++];
		if ((b & 0xC0) == 0x80)
			continue;
		cur->c++;
		if (b == '\n') {
			cur->w.line++;
			cur->w.col = 1;
		} else {
			cur->w.col++;
		}
	}
	return cur->w;
}

/* Reading one block: the document, where it stands in the page, what is
 * said. */
struct reader {
	const char *file;
	const char *text;       /* the block */
	size_t n;
	long line0;             /* the page's line of the block's first */
	struct cursor cur;      /* the last place counted */
	yaml_document_t *doc;
	struct front_matter *fm;
	struct diag_list *dl;
	int oom;
};

static struct fm_where where_of(struct reader *rd, const yaml_node_t *n)
{
	return place(rd->text, rd->n, rd->line0, &rd->cur, &n->start_mark);
}

static void warn(struct reader *rd, const char *rule, const yaml_node_t *n,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void warn(struct reader *rd, const char *rule, const yaml_node_t *n,
		 const char *fmt, ...)
{
	struct fm_where w = where_of(rd, n);
	va_list ap;

	va_start(ap, fmt);
	ft_diag_vadd(rd->dl, DIAG_WARNING, rule, rd->file, w.line, w.col, fmt, ap);
	va_end(ap);
}

/* A key of one value: *to gets it (a later one replaces an earlier). */
static void one_value(struct reader *rd, const char *key, yaml_node_t *v,
		      char **to, struct fm_where *at, int is_date)
{
	const char *s;

	if (v->type != YAML_SCALAR_NODE) {
		warn(rd, "front-matter-bad-value", v,
		     "front-matter '%s' must be one value, not a list or a mapping; ignored", key);
		return;
	}
	if (is_null(v))
		return;
	s = (const char *)v->data.scalar.value;
	free(*to);
	*to = is_date ? timestamp(s) : value_dup(s, v->data.scalar.length);
	*at = where_of(rd, v);
	if (!*to)
		rd->oom = 1;
}

/* One name of a list into l: a scalar, or a mapping's "name" (JSON Feed's
 * and Hugo's author objects). */
static void add_name(struct reader *rd, const char *key, struct strlist *l,
		     yaml_node_t *v)
{
	yaml_node_pair_t *p;
	char *s;

	if (v->type == YAML_MAPPING_NODE) {
		for (p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(rd->doc, p->key);
			yaml_node_t *x = yaml_document_get_node(rd->doc, p->value);
			if (k && x && k->type == YAML_SCALAR_NODE &&
			    !strcmp((const char *)k->data.scalar.value, "name") &&
			    x->type == YAML_SCALAR_NODE) {
				v = x;
				break;
			}
		}
	}
	if (v->type != YAML_SCALAR_NODE) {
		warn(rd, "front-matter-bad-value", v,
		     "an item of front-matter '%s' must be a name; ignored", key);
		return;
	}
	if (is_null(v))
		return;
	if (l->n >= FM_LIST_MAX) {
		warn(rd, "front-matter-bad-value", v,
		     "front-matter '%s' lists more than 256 names; the rest are ignored", key);
		return;
	}
	s = value_dup((const char *)v->data.scalar.value, v->data.scalar.length);
	if (!s || (*s && strlist_add_unique(l, s, strlen(s)) < 0))
		rd->oom = 1;
	free(s);
}

/* A key of a name or a list of names. */
static void list_value(struct reader *rd, const char *key, yaml_node_t *v,
		       struct strlist *l)
{
	yaml_node_item_t *it;

	if (v->type != YAML_SEQUENCE_NODE) {
		add_name(rd, key, l, v);
		return;
	}
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top &&
	     it - v->data.sequence.items.start < FM_LIST_MAX; it++) {
		yaml_node_t *x = yaml_document_get_node(rd->doc, *it);
		if (x)
			add_name(rd, key, l, x);
	}
	if (it < v->data.sequence.items.top)
		warn(rd, "front-matter-bad-value", v,
		     "front-matter '%s' lists more than 256 items; the rest are ignored", key);
}

/* The keys feedgen(5) lists. */
static void take(struct reader *rd, const yaml_node_t *k, yaml_node_t *v)
{
	struct front_matter *fm = rd->fm;
	const char *key = (const char *)k->data.scalar.value;

	if (!strcmp(key, "title")) {
		one_value(rd, key, v, &fm->title, &fm->title_at, 0);
		/* a title given as null is an empty title, as before */
		if (!fm->title && v->type == YAML_SCALAR_NODE && !(fm->title = strdup("")))
			rd->oom = 1;
	} else if (!strcmp(key, "id")) {
		one_value(rd, key, v, &fm->id, &fm->id_at, 0);
	} else if (!strcmp(key, "url")) {
		one_value(rd, key, v, &fm->url, &fm->url_at, 0);
	} else if (!strcmp(key, "date")) {
		one_value(rd, key, v, &fm->date, &fm->date_at, 1);
	} else if (!strcmp(key, "summary")) {
		one_value(rd, key, v, &fm->summary, &fm->summary_at, 0);
	} else if (!strcmp(key, "image")) {
		one_value(rd, key, v, &fm->image, &fm->image_at, 0);
	} else if (!strcmp(key, "lang")) {
		one_value(rd, key, v, &fm->lang, &fm->lang_at, 0);
		if (fm->lang && !lang_tag_ok(fm->lang)) {
			ft_diag_add(rd->dl, DIAG_WARNING, "front-matter-bad-value", rd->file,
				    fm->lang_at.line, fm->lang_at.col,
				    "front-matter 'lang' is not a language tag such as zh-CN or en; ignored");
			free(fm->lang);
			fm->lang = NULL;
		}
	} else if (!strcmp(key, "author") || !strcmp(key, "authors")) {
		list_value(rd, key, v, &fm->authors);
	} else if (!strcmp(key, "section") || !strcmp(key, "sections") ||
		   !strcmp(key, "categories") || !strcmp(key, "tags")) {
		list_value(rd, key, v, &fm->sections);
	} else {
		warn(rd, "front-matter-unknown-key", k,
		     "unknown front-matter key '%s'; ignored (feedgen(5) lists the keys)", key);
	}
}

/* The block text[0..n), its first line the page's line0: 0, or -1 with
 * an error in dl. */
static int read_block(const char *file, long line0, const char *text,
		      size_t n, struct front_matter *fm, struct diag_list *dl)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	yaml_node_pair_t *p;
	struct reader rd;
	int r = 0;

	if (!yaml_parser_initialize(&parser))
		goto oom;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, n);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	if (!yaml_parser_load(&parser, &doc)) {
		if (parser.error == YAML_MEMORY_ERROR) {
			yaml_parser_delete(&parser);
			goto oom;
		}
		/* libyaml's problem, and what it was reading: "found unexpected
		 * end of stream while scanning a quoted scalar (from line 2,
		 * column 8)" */
		struct cursor c1 = { 0, 0, { 0, 0 } }, c2 = c1;
		struct fm_where at = place(text, n, line0, &c1, &parser.problem_mark);
		struct fm_where from = place(text, n, line0, &c2, &parser.context_mark);
		if (parser.context)
			ft_diag_add(dl, DIAG_ERROR, "front-matter-syntax", file, at.line, at.col,
				    "front matter is not valid YAML: %s %s (from line %ld, column %ld); page skipped",
				    parser.problem ? parser.problem : "cannot be read",
				    parser.context, from.line, from.col);
		else
			ft_diag_add(dl, DIAG_ERROR, "front-matter-syntax", file, at.line, at.col,
				    "front matter is not valid YAML: %s; page skipped",
				    parser.problem ? parser.problem : "cannot be read");
		yaml_parser_delete(&parser);
		return -1;
	}
	yaml_parser_delete(&parser);
	memset(&rd, 0, sizeof(rd));
	rd.file = file;
	rd.text = text;
	rd.n = n;
	rd.line0 = line0;
	rd.doc = &doc;
	rd.fm = fm;
	rd.dl = dl;
	root = yaml_document_get_root_node(&doc);
	if (root && !(root->type == YAML_SCALAR_NODE && is_null(root)) &&
	    root->type != YAML_MAPPING_NODE) {
		struct fm_where w = where_of(&rd, root);
		ft_diag_add(dl, DIAG_ERROR, "front-matter-syntax", file, w.line, w.col,
			    "front matter must be 'key: value' lines (a YAML mapping); page skipped");
		yaml_document_delete(&doc);
		return -1;
	}
	for (p = root && root->type == YAML_MAPPING_NODE ? root->data.mapping.pairs.start : NULL;
	     p && p < root->data.mapping.pairs.top && !rd.oom; p++) {
		yaml_node_t *k = yaml_document_get_node(&doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&doc, p->value);
		if (!k || !v)
			continue;
		if (k->type != YAML_SCALAR_NODE) {
			warn(&rd, "front-matter-unknown-key", k,
			     "a front-matter key must be a name%s; ignored", "");
			continue;
		}
		take(&rd, k, v);
	}
	yaml_document_delete(&doc);
	if (rd.oom)
		goto oom;
	return r;
oom:
	ft_diag_add(dl, DIAG_ERROR, "out-of-memory", file, line0, 0,
		    "cannot read the front matter: out of memory");
	return -1;
}

/* The line at *pos (its length without the '\n'), *pos past it; 0 at the
 * end of the text. */
static int line_at(const char *text, size_t len, size_t *pos, size_t *n)
{
	const char *nl;

	if (*pos >= len)
		return 0;
	nl = memchr(text + *pos, '\n', len - *pos);
	*n = nl ? (size_t)(nl - text) - *pos : len - *pos;
	*pos += *n + (nl != NULL);
	return 1;
}

long fm_parse(const char *file, const char *text, size_t len,
	      struct front_matter *fm, struct diag_list *dl)
{
	size_t pos = 0, start, end, n;

	if (!line_at(text, len, &pos, &n) || !is_marker(text, n, "---"))
		return 0;
	fm->present = 1;
	start = pos;
	while (end = pos, line_at(text, len, &pos, &n)) {
		if (!is_marker(text + end, n, "---") && !is_marker(text + end, n, "..."))
			continue;
		if (end - start > FM_BLOCK_MAX) {
			ft_diag_add(dl, DIAG_ERROR, "front-matter-syntax", file, 2, 1,
				    "front matter is longer than 1 MB; page skipped");
			return -1;
		}
		return read_block(file, 2, text + start, end - start, fm, dl) < 0 ?
		       -1 : (long)pos;
	}
	ft_diag_add(dl, DIAG_ERROR, "front-matter-unterminated", file, 1, 1,
		    "front matter opened with '---' is never closed; page skipped");
	return -1;
}
