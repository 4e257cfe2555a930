/*
 * diag.c - diagnostics and their one printed form,
 * file:line:col: severity: message [rule] (diag.h).
 */
#include "diag.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "grow.h"
#include "utf8.h"

void ft_diag_list_init(struct diag_list *l)
{
	memset(l, 0, sizeof(*l));
	l->max = DIAG_LIST_DEFAULT_MAX;
}

static void diag_release(struct diag *d)
{
	free(d->message);
	free(d->file);
	free(d->path);
	free(d->element);
}

void ft_diag_list_release(struct diag_list *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		diag_release(&l->v[i]);
	free(l->v);
	ft_diag_list_init(l);
}

static int diag_list_grow(struct diag_list *l)
{
	struct diag *nv = ft_grow(l->v, &l->alloc, l->n + 1, sizeof(*nv));

	if (!nv)
		return -1;
	l->v = nv;
	return 0;
}

size_t ft_diag_stored(const struct diag_list *l, enum diag_severity sev)
{
	size_t i, n = 0;

	for (i = 0; i < l->n; i++)
		n += l->v[i].severity == sev;
	return n;
}

struct diag *ft_diag_vadd(struct diag_list *l, enum diag_severity sev,
		       const char *rule, const char *file, long line,
		       long column, const char *fmt, va_list ap)
{
	struct diag *d;

	l->count[sev]++;
	if (l->n >= l->max) {
		l->dropped++;
		return NULL;
	}
	if (diag_list_grow(l) < 0) {
		l->dropped++;
		return NULL;
	}
	d = &l->v[l->n];
	memset(d, 0, sizeof(*d));
	d->severity = sev;
	d->rule = rule;
	d->line = line;
	d->column = column;
	d->offset = -1;
	d->message = ft_vasprintf(fmt, ap);
	d->file = file ? strdup(file) : NULL;
	if (!d->message || (file && !d->file)) {
		diag_release(d);
		l->dropped++;
		return NULL;
	}
	l->n++;
	return d;
}

struct diag *ft_diag_add(struct diag_list *l, enum diag_severity sev,
		      const char *rule, const char *file, long line,
		      long column, const char *fmt, ...)
{
	struct diag *d;
	va_list ap;

	va_start(ap, fmt);
	d = ft_diag_vadd(l, sev, rule, file, line, column, fmt, ap);
	va_end(ap);
	return d;
}

void ft_diag_list_move(struct diag_list *dst, struct diag_list *src)
{
	size_t i;
	int k;

	for (i = 0; i < src->n; i++) {
		if (dst->n >= dst->max || diag_list_grow(dst) < 0) {
			diag_release(&src->v[i]);
			dst->dropped++;
			continue;
		}
		dst->v[dst->n++] = src->v[i];
	}
	/* src->count covers stored and dropped ones alike */
	for (k = 0; k < 3; k++)
		dst->count[k] += src->count[k];
	dst->dropped += src->dropped;
	free(src->v);
	src->v = NULL;
	src->n = src->alloc = 0;
	src->dropped = 0;
	memset(src->count, 0, sizeof(src->count));
}

const char *ft_diag_severity_name(enum diag_severity sev)
{
	switch (sev) {
	case DIAG_ERROR: return "error";
	case DIAG_WARNING: return "warning";
	default: return "info";
	}
}

/*
 * The one escaper: what the next character of s (n bytes left) is shown
 * as.  Returns how many bytes of s it takes, with *esc set to its escape
 * (NUL-terminated, in a buffer of 12) or to "" when it is shown as it is.
 */
static size_t escape_next(const char *s, size_t n, char esc[12])
{
	uint32_t cp;
	size_t k = ft_utf8_decode((const unsigned char *)s, n, &cp);

	esc[0] = '\0';
	if (!k) {
		snprintf(esc, 12, "\\x%02x", (unsigned char)s[0]);
		return 1;
	}
	if (cp == '\n')
		memcpy(esc, "\\n", 3);
	else if (cp == '\t')
		memcpy(esc, "\\t", 3);
	else if (cp == '\r')
		memcpy(esc, "\\r", 3);
	else if (cp < 0x20 || cp == 0x7F)
		snprintf(esc, 12, "\\x%02x", (unsigned)cp);
	/* C1 controls drive a terminal as ESC does; the bidirectional
	 * embeddings, overrides and isolates reorder what is shown
	 * (Unicode TR #9; "Trojan Source", CVE-2021-42574) */
	else if ((cp >= 0x80 && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
		 (cp >= 0x2066 && cp <= 0x2069))
		snprintf(esc, 12, "\\u%04x", (unsigned)cp);
	return k;
}

void ft_buf_add_escaped(struct buf *b, const char *s)
{
	size_t n = strlen(s), i = 0;
	char esc[12];

	while (i < n) {
		size_t k = escape_next(s + i, n - i, esc);
		if (esc[0])
			ft_buf_adds(b, esc);
		else
			ft_buf_add(b, s + i, k);
		i += k;
	}
}

void ft_put_escaped(FILE *fp, const char *s)
{
	size_t n = strlen(s), i = 0, plain = 0;
	char esc[12];

	/* runs of what needs no escape written in one piece: no memory
	 * needed, whatever the length */
	while (i < n) {
		size_t k;
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) {
			i++;
			continue;
		}
		k = escape_next(s + i, n - i, esc);
		if (esc[0]) {
			fwrite(s + plain, 1, i - plain, fp);
			fputs(esc, fp);
			plain = i + k;
		}
		i += k;
	}
	fwrite(s + plain, 1, n - plain, fp);
}

/*
 * printf's text of fmt into small (size bytes), or, when it is longer, a
 * malloc'd copy (free it when it is not small); cut to small's size when
 * memory runs out, rather than nothing said.
 */
static char *vformat(char *small, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
static char *vformat(char *small, size_t size, const char *fmt, va_list ap)
{
	va_list ap2;
	char *text;
	int len;

	va_copy(ap2, ap);
	len = vsnprintf(small, size, fmt, ap2);
	va_end(ap2);
	if (len < 0)
		small[0] = '\0';
	else if ((size_t)len >= size && (text = ft_vasprintf(fmt, ap)) != NULL)
		return text;
	return small;
}

void ft_printf_escaped(FILE *fp, const char *fmt, ...)
{
	char small[1024], *line;
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	line = vformat(small, sizeof(small), fmt, ap);
	va_end(ap);
	n = strlen(line);
	if (n && line[n - 1] == '\n') {
		line[n - 1] = '\0';
		ft_put_escaped(fp, line);
		fputc('\n', fp);
	} else {
		ft_put_escaped(fp, line);
	}
	if (line != small)
		free(line);
}

/* "WHERE:LINE:COL" (or ":LINE", or nothing more), WHERE escaped */
static void put_place(FILE *fp, const char *where, long line, long col)
{
	ft_put_escaped(fp, where ? where : "-");
	if (line > 0 && col > 0)
		fprintf(fp, ":%ld:%ld", line, col);
	else if (line > 0)
		fprintf(fp, ":%ld", line);
}

void ft_vmessage(FILE *fp, const char *where, long line, long col,
		 enum diag_severity sev, const char *rule, const char *fmt,
		 va_list ap)
{
	char small[1024], *msg = vformat(small, sizeof(small), fmt, ap);

	put_place(fp, where, line, col);
	fprintf(fp, ": %s: ", ft_diag_severity_name(sev));
	ft_put_escaped(fp, msg);
	fprintf(fp, " [%s]\n", rule);
	if (msg != small)
		free(msg);
}

void ft_message(FILE *fp, const char *where, long line, long col,
		enum diag_severity sev, const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ft_vmessage(fp, where, line, col, sev, rule, fmt, ap);
	va_end(ap);
}

void ft_diag_print(FILE *fp, const struct diag *d)
{
	if (d->line > 0) {
		put_place(fp, d->file, d->line, d->column);
		fputs(": ", fp);
	} else if (d->path) { /* JSON: where, as a JSON Pointer (RFC 6901) */
		put_place(fp, d->file, 0, 0);
		fputc(':', fp);
		ft_put_escaped(fp, *d->path ? d->path : "/");
		fputs(": ", fp);
	} else if (d->offset >= 0) {
		put_place(fp, d->file, 0, 0);
		fprintf(fp, ": byte %lld: ", d->offset);
	} else {
		put_place(fp, d->file, 0, 0);
		fputs(": ", fp);
	}
	fprintf(fp, "%s: ", ft_diag_severity_name(d->severity));
	ft_put_escaped(fp, d->message);
	if (d->path && *d->path && d->line > 0) {
		fputs(" (at ", fp);      /* and where in the tree */
		ft_put_escaped(fp, d->path);
		fputc(')', fp);
	}
	fprintf(fp, " [%s]\n", d->rule);
}

int ft_diag_format(const struct diag *d, char *buf, size_t size)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	int n;

	if (!fp)
		return -1;
	ft_diag_print(fp, d);
	if (fclose(fp) != 0 || !text) {
		free(text);
		return -1;
	}
	if (len && text[len - 1] == '\n')
		text[--len] = '\0';
	n = snprintf(buf, size, "%s", text);
	free(text);
	return n;
}

void ft_diag_list_print(FILE *fp, const struct diag_list *l,
		     enum diag_severity min)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		if (l->v[i].severity >= min)
			ft_diag_print(fp, &l->v[i]);
}
