/*
 * jsonpos.c - the line and column of the values JSON Pointers name
 * (RFC 6901), found in one pass over the JSON text (RFC 8259).  See
 * jsonpos.h.  The text has been read by a real parser before (jansson, in
 * validate/jsonfeed.c): this pass only walks its structure, and stops
 * quietly at anything it does not expect.
 */
#include "jsonpos.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define PTR_MAX 4096              /* longest pointer followed */
#define DEPTH_MAX 1024            /* deepest nesting followed */
#define REPORT_EVERY ((size_t)1 << 20)

struct want {
	const char *path;
	size_t i;                 /* index in the diagnostic list */
};

struct frame {
	char type;                /* '{' or '[' */
	size_t saved;             /* pointer length before this container's part */
	unsigned long index;      /* arrays: the element being read */
};

struct jp {
	const unsigned char *b;
	size_t len, pos;
	long line;                /* line of pos ... */
	size_t col_at;            /* ... a position on it already counted ... */
	long col;                 /* ... and its column */
	char ptr[PTR_MAX + 1];
	size_t plen;
	size_t over;              /* depth whose pointer is too long, or 0 */
	struct frame st[DEPTH_MAX];
	size_t depth;
	struct want *w;
	size_t nw, left;
	struct diag_list *l;
	void (*consumed)(void *, size_t);
	void *arg;
	size_t reported;
};

static int want_cmp(const void *a, const void *b)
{
	const struct want *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

static void ws(struct jp *j)
{
	while (j->pos < j->len) {
		unsigned char c = j->b[j->pos];
		if (c == '\n') {
			j->line++;
			j->col_at = j->pos + 1;
			j->col = 1;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			break;
		}
		j->pos++;
	}
	if (j->consumed && j->pos - j->reported >= REPORT_EVERY) {
		j->consumed(j->arg, j->pos);
		j->reported = j->pos;
	}
}

/* the column of j->pos: characters counted on from the last one known */
static long column(struct jp *j)
{
	size_t p;

	for (p = j->col_at; p < j->pos; p++)
		if ((j->b[p] & 0xC0) != 0x80)
			j->col++;
	j->col_at = j->pos;
	return j->col;
}

/* a value starts at j->pos: the findings whose pointer names it */
static void match(struct jp *j)
{
	size_t lo = 0, hi = j->nw, k;
	long col = 0;

	if (j->over || !j->left)
		return;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(j->w[mid].path, j->ptr) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < j->nw && !strcmp(j->w[k].path, j->ptr); k++) {
		struct diag *d = &j->l->v[j->w[k].i];
		if (d->line > 0)
			continue;
		if (!col)
			col = column(j);
		d->line = j->line;
		d->column = col;
		j->left--;
	}
}

/* append n bytes to the pointer; -1 when it would be too long */
static int ptr_add(struct jp *j, const char *s, size_t n)
{
	if (j->plen + n > PTR_MAX)
		return -1;
	memcpy(j->ptr + j->plen, s, n);
	j->plen += n;
	j->ptr[j->plen] = '\0';
	return 0;
}

/* a reference token (RFC 6901 §3: "~" is "~0", "/" is "~1") */
static int ptr_add_token(struct jp *j, const char *s, size_t n)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < n && !rc; i++) {
		if (s[i] == '~')
			rc = ptr_add(j, "~0", 2);
		else if (s[i] == '/')
			rc = ptr_add(j, "~1", 2);
		else
			rc = ptr_add(j, s + i, 1);
	}
	return rc;
}

static void ptr_cut(struct jp *j, size_t to)
{
	j->plen = to;
	j->ptr[to] = '\0';
}

static int hex4(const unsigned char *p, uint32_t *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		unsigned c = p[i];
		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= c - '0';
		else if ((c | 32) >= 'a' && (c | 32) <= 'f')
			*v |= (c | 32) - 'a' + 10;
		else
			return -1;
	}
	return 0;
}

/*
 * The string at j->pos (its opening quote), skipped; when key, its
 * decoded text goes onto the pointer as one token (-1 in *toolong when it
 * did not fit).  Returns -1 when it is not a string.
 */
static int string(struct jp *j, int key, int *toolong)
{
	const unsigned char *b = j->b;
	size_t p = j->pos + 1;

	if (j->pos >= j->len || b[j->pos] != '"')
		return -1;
	while (p < j->len && b[p] != '"') {
		if (b[p] == '\\') {
			char out[4];
			size_t n = 1;
			uint32_t cp, lo;
			if (p + 1 >= j->len)
				return -1;
			switch (b[p + 1]) {
			case 'b': out[0] = '\b'; break;
			case 'f': out[0] = '\f'; break;
			case 'n': out[0] = '\n'; break;
			case 'r': out[0] = '\r'; break;
			case 't': out[0] = '\t'; break;
			case 'u':
				if (p + 6 > j->len || hex4(b + p + 2, &cp) < 0)
					return -1;
				if (cp >= 0xD800 && cp < 0xDC00 && p + 12 <= j->len &&
				    b[p + 6] == '\\' && b[p + 7] == 'u' &&
				    hex4(b + p + 8, &lo) == 0 && lo >= 0xDC00 && lo < 0xE000) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					p += 6;
				} else if (cp >= 0xD800 && cp < 0xE000) {
					cp = 0xFFFD;
				}
				n = ft_utf8_encode(cp, out);
				p += 4;
				break;
			default:
				out[0] = (char)b[p + 1];
				break;
			}
			if (key && !*toolong && ptr_add_token(j, out, n) < 0)
				*toolong = 1;
			p += 2;
		} else {
			if (key && !*toolong && ptr_add_token(j, (const char *)b + p, 1) < 0)
				*toolong = 1;
			p++;
		}
	}
	if (p >= j->len)
		return -1;
	j->pos = p + 1;
	return 0;
}

/* a number, true, false or null: up to the next delimiter */
static int scalar(struct jp *j)
{
	size_t p = j->pos;

	while (p < j->len && !strchr(",]} \t\r\n", j->b[p]))
		p++;
	if (p == j->pos)
		return -1;
	j->pos = p;
	return 0;
}

/* a member's key onto the pointer of the object on top; -1 when not one */
static int key(struct jp *j)
{
	struct frame *f = &j->st[j->depth - 1];
	int toolong = 0;

	ptr_cut(j, f->saved);
	if (j->over == j->depth)
		j->over = 0;
	if (!j->over && ptr_add(j, "/", 1) < 0)
		toolong = 1;
	if (string(j, !j->over && !toolong, &toolong) < 0)
		return -1;
	if (toolong) {
		ptr_cut(j, f->saved);
		j->over = j->depth;
	}
	ws(j);
	if (j->pos >= j->len || j->b[j->pos] != ':')
		return -1;
	j->pos++;
	return 0;
}

/* an array's element index onto the pointer of the array on top */
static void element(struct jp *j)
{
	struct frame *f = &j->st[j->depth - 1];
	char num[24];
	int n;

	ptr_cut(j, f->saved);
	if (j->over == j->depth)
		j->over = 0;
	if (j->over)
		return;
	n = snprintf(num, sizeof(num), "/%lu", f->index);
	if (ptr_add(j, num, (size_t)n) < 0) {
		ptr_cut(j, f->saved);
		j->over = j->depth;
	}
}

static void walk(struct jp *j)
{
	for (;;) {
		unsigned char c;

		/* a value */
		ws(j);
		if (j->pos >= j->len)
			return;
		match(j);
		if (!j->left)
			return;
		c = j->b[j->pos];
		if (c == '{' || c == '[') {
			struct frame *f;
			if (j->depth == DEPTH_MAX)
				return;
			f = &j->st[j->depth++];
			f->type = (char)c;
			f->saved = j->plen;
			f->index = 0;
			j->pos++;
			ws(j);
			if (j->pos < j->len && j->b[j->pos] == (c == '{' ? '}' : ']')) {
				j->pos++;
				j->depth--;
			} else if (c == '{') {
				if (key(j) < 0)
					return;
				continue;
			} else {
				element(j);
				continue;
			}
		} else if (c == '"') {
			int unused = 0;
			if (string(j, 0, &unused) < 0)
				return;
		} else if (scalar(j) < 0) {
			return;
		}
		/* after a value: a comma, or the end of containers */
		for (;;) {
			struct frame *f;
			if (!j->depth)
				return;
			f = &j->st[j->depth - 1];
			ws(j);
			if (j->pos >= j->len)
				return;
			c = j->b[j->pos];
			if (c == ',') {
				j->pos++;
				ws(j);
				if (f->type == '{') {
					if (key(j) < 0)
						return;
				} else {
					f->index++;
					element(j);
				}
				break;
			}
			if (c != (f->type == '{' ? '}' : ']'))
				return;
			j->pos++;
			ptr_cut(j, f->saved);
			if (j->over == j->depth)
				j->over = 0;
			j->depth--;
		}
	}
}

int ft_json_locate(struct diag_list *l, const char *b, size_t len,
		   void (*consumed)(void *arg, size_t offset), void *arg)
{
	struct jp *j;
	size_t i, n = 0;

	for (i = 0; i < l->n; i++)
		if (l->v[i].path && l->v[i].line <= 0)
			n++;
	if (!n)
		return 0;
	if (!(j = calloc(1, sizeof(*j))))
		return -1;
	if (!(j->w = malloc(n * sizeof(*j->w)))) {
		free(j);
		return -1;
	}
	for (i = 0; i < l->n; i++)
		if (l->v[i].path && l->v[i].line <= 0) {
			j->w[j->nw].path = l->v[i].path;
			j->w[j->nw].i = i;
			j->nw++;
		}
	qsort(j->w, j->nw, sizeof(*j->w), want_cmp);
	j->left = j->nw;
	j->l = l;
	j->b = (const unsigned char *)b;
	j->len = len;
	j->line = 1;
	j->col = 1;
	j->consumed = consumed;
	j->arg = arg;
	/* a byte order mark is not a character of the text (RFC 8259 §8.1) */
	if (len >= 3 && !memcmp(b, "\xEF\xBB\xBF", 3))
		j->pos = j->col_at = 3;
	walk(j);
	if (consumed)
		consumed(arg, len);
	free(j->w);
	free(j);
	return 0;
}
