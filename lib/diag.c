/*
 * diag.c - diagnostics and their one printed form,
 * file:line:col: severity: message [rule] (diag.h).
 */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

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
	size_t na;
	struct diag *nv;

	if (l->n < l->alloc)
		return 0;
	na = l->alloc ? l->alloc * 2 : 16;
	nv = realloc(l->v, na * sizeof(*nv));
	if (!nv)
		return -1;
	l->v = nv;
	l->alloc = na;
	return 0;
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
	d->message = ft_xvasprintf(fmt, ap);
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

	for (i = 0; i < src->n; i++) {
		struct diag *s = &src->v[i];

		if (dst->n >= dst->max || diag_list_grow(dst) < 0) {
			dst->dropped++;
			diag_release(s);
			continue;
		}
		dst->v[dst->n++] = *s;
	}
	/* src->count covers stored and dropped ones alike */
	for (i = 0; i < 3; i++)
		dst->count[i] += src->count[i];
	dst->dropped += src->dropped;
	free(src->v);
	ft_diag_list_init(src);
}

const char *ft_diag_severity_name(enum diag_severity sev)
{
	switch (sev) {
	case DIAG_ERROR: return "error";
	case DIAG_WARNING: return "warning";
	default: return "info";
	}
}

void ft_diag_print(FILE *fp, const struct diag *d)
{
	const char *file = d->file ? d->file : "-";

	if (d->line > 0 && d->column > 0)
		fprintf(fp, "%s:%ld:%ld: ", file, d->line, d->column);
	else if (d->line > 0)
		fprintf(fp, "%s:%ld: ", file, d->line);
	else if (d->path)   /* JSON: where, as a JSON Pointer (RFC 6901) */
		fprintf(fp, "%s:%s: ", file, *d->path ? d->path : "/");
	else if (d->offset >= 0)
		fprintf(fp, "%s: byte %lld: ", file, d->offset);
	else
		fprintf(fp, "%s: ", file);
	if (d->line > 0 && d->path)   /* JSON: the place, then the pointer */
		fprintf(fp, "%s: %s (at %s) [%s]\n", ft_diag_severity_name(d->severity),
			d->message, *d->path ? d->path : "/", d->rule);
	else
		fprintf(fp, "%s: %s [%s]\n", ft_diag_severity_name(d->severity),
			d->message, d->rule);
}

void ft_diag_list_print(FILE *fp, const struct diag_list *l,
		     enum diag_severity min)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		if (l->v[i].severity >= min)
			ft_diag_print(fp, &l->v[i]);
}

void ft_diag_list_append(struct diag_list *dst, struct diag_list *src)
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
	for (k = 0; k < 3; k++)
		dst->count[k] += src->count[k];
	dst->dropped += src->dropped;
	free(src->v);
	src->v = NULL;
	src->n = src->alloc = 0;
	src->dropped = 0;
	memset(src->count, 0, sizeof(src->count));
}
