/*
 * report_text.c - the report for people and for editors: one line per
 * finding in the one form (SOURCE:LINE:COL: SEVERITY: MESSAGE [RULE]),
 * with the line of the source and a caret under the character (its
 * display column: wide characters count two, tabs expand), the --explain
 * hint of each rule's first finding, the verdict of each source and the
 * total of a batch.  --format gcc is the finding lines alone.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "excerpt.h"
#include "grow.h"

#define BOLD "\033[1m"
#define DIM "\033[2m"
#define OFF "\033[0m"
#define GREEN "\033[1;32m"
#define RED "\033[1;31m"

static const char *sev_color(enum diag_severity s)
{
	return s == DIAG_ERROR ? RED : s == DIAG_WARNING ?
	       "\033[1;33m" : "\033[1;36m";
}

static void show_excerpt(FILE *fp, const struct source *s,
			 const struct diag *d, int color,
			 struct line_cursor *cur, struct excerpt *e)
{
	long k;

	if (d->line <= 0 ||
	    excerpt_line(s, cur, d->line, d->column > 0 ? d->column : 0,
			 d->offset, e) < 0)
		return;
	fprintf(fp, "    %s\n", e->text.data);
	if (e->mark < 0)
		return;
	fputs("    ", fp);
	for (k = 0; k < e->mark_col; k++)
		fputc(' ', fp);
	fprintf(fp, "%s^%s\n", color ? GREEN : "", color ? OFF : "");
}

void hint_marks_release(struct hint_marks *h)
{
	free(h->v);
	memset(h, 0, sizeof(*h));
}

/* a hint may follow the report's bytes so far: -1 when memory ran out */
static int hint_mark(FILE *fp, struct hint_marks *h, const char *rule)
{
	struct hint_mark *nv;
	long at = ftell(fp);

	if (at < 0)
		return -1;
	if (!(nv = ft_grow(h->v, &h->alloc, h->n + 1, sizeof(*nv))))
		return -1;
	h->v = nv;
	h->v[h->n].at = (size_t)at;
	h->v[h->n++].rule = rule;
	return 0;
}

int report_text(FILE *fp, const struct source *s, const struct report_opts *o,
		struct hint_marks *hints)
{
	struct line_cursor cur = LINE_CURSOR_INIT, bcur = LINE_CURSOR_INIT;
	struct excerpt e;
	size_t i;
	int rc = 0;

	excerpt_init(&e);
	for (i = 0; i < s->res.diags.n; i++) {
		const struct diag *d = &s->res.diags.v[i];
		if (d->severity < o->min)
			continue;
		if (o->color)
			fputs(BOLD, fp);
		ft_put_escaped(fp, s->name);
		fputc(':', fp);
		if (d->line > 0) {
			long col = d->column > 0 ? d->column : 1;
			if (o->byte_columns)
				col = excerpt_byte_column(s, &bcur, d->line, col);
			fprintf(fp, "%ld:%ld:", d->line, col);
		}
		if (o->color)
			fprintf(fp, OFF " %s%s:" OFF " ", sev_color(d->severity),
				ft_diag_severity_name(d->severity));
		else
			fprintf(fp, " %s: ", ft_diag_severity_name(d->severity));
		ft_put_escaped(fp, d->message);
		if (d->path && d->path[0]) {
			/* JSON Feed: the JSON Pointer too (RFC 6901) */
			fputs(" (at ", fp);
			ft_put_escaped(fp, d->path);
			fputc(')', fp);
		}
		fprintf(fp, " %s[%s]%s\n", o->color ? DIM : "", d->rule,
			o->color ? OFF : "");
		if (o->excerpt)
			show_excerpt(fp, s, d, o->color, &cur, &e);
		if (hints && hint_mark(fp, hints, d->rule) < 0)
			rc = -1;
	}
	excerpt_release(&e);
	if (s->res.diags.dropped) {
		ft_put_escaped(fp, s->name);
		fprintf(fp, ": info: %zu more diagnostics not shown "
			"[validator-limit]\n", s->res.diags.dropped);
	}
	if (o->chatty) {
		struct buf b = BUF_INIT(4096);
		enum verdict v = source_verdict(s, o->strict);

		verdict_text(s, o->strict, &b);
		ft_put_escaped(fp, s->name);
		fprintf(fp, ": %s%s%s\n", o->color ? (v == VERDICT_VALID || v == VERDICT_SKIPPED ?
						       GREEN : RED) : "",
			b.data ? b.data : "", o->color ? OFF : "");
		ft_buf_release(&b);
	}
	return rc;
}

void report_hint(FILE *fp, const char *rule, int color)
{
	fprintf(fp, "    %shelp: feedcheck --explain %s%s\n", color ? DIM : "",
		rule, color ? OFF : "");
}

void report_total(FILE *fp, size_t nsrc, const size_t verdicts[VERDICT_COUNT],
		  const size_t counts[3], int color)
{
	struct buf b = BUF_INIT(4096);
	size_t bad = verdicts[VERDICT_INVALID] + verdicts[VERDICT_STRICT_FAIL];

	ft_buf_addf(&b, "%zu sources: %zu valid, %zu invalid", nsrc,
		    verdicts[VERDICT_VALID], bad);
	if (verdicts[VERDICT_UNREAD])
		ft_buf_addf(&b, ", %zu not checked", verdicts[VERDICT_UNREAD]);
	if (verdicts[VERDICT_SKIPPED])
		ft_buf_addf(&b, ", %zu skipped", verdicts[VERDICT_SKIPPED]);
	ft_buf_adds(&b, "; ");
	counts_text(&b, counts[DIAG_ERROR], counts[DIAG_WARNING],
		    counts[DIAG_INFO], ", ", 1);
	fprintf(fp, "%s%s%s\n", color ? BOLD : "", b.data ? b.data : "",
		color ? OFF : "");
	ft_buf_release(&b);
}
