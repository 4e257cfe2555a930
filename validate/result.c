/*
 * result.c - the public view of a result (feedcheck.h): a result made and
 * freed by the library, and read through functions, so that a program
 * outside the project needs neither lib/diag.h nor the layout of struct
 * fc_result.
 */
#include <stdio.h>
#include <stdlib.h>

#include <string.h>

#include "diag.h"
#include "feedcheck.h"

/* A finding's severity is handed over as it is stored: the two enums
 * must keep the same values (a compile error here when they part). */
typedef char fc_severity_values_agree[
	(int)FC_INFO == (int)DIAG_INFO && (int)FC_WARNING == (int)DIAG_WARNING &&
	(int)FC_ERROR == (int)DIAG_ERROR &&
	sizeof(enum fc_severity) == sizeof(enum diag_severity) ? 1 : -1];

struct fc_result *fc_result_new(void)
{
	struct fc_result *r = malloc(sizeof(*r));

	if (r)
		fc_result_init(r);
	return r;
}

void fc_result_free(struct fc_result *r)
{
	if (!r)
		return;
	fc_result_release(r);
	free(r);
}

void fc_result_clear(struct fc_result *r)
{
	fc_result_release(r);
}

enum fc_format fc_result_format(const struct fc_result *r)
{
	return r->format;
}

const char *fc_result_version(const struct fc_result *r)
{
	return r->version;
}

const struct fc_encoding *fc_result_encoding(const struct fc_result *r)
{
	return &r->enc;
}

size_t fc_result_count(const struct fc_result *r)
{
	return r->diags.n;
}

int fc_result_finding(const struct fc_result *r, size_t i, struct fc_finding *f)
{
	const struct diag *d;

	if (i >= r->diags.n)
		return -1;
	d = &r->diags.v[i];
	f->severity = (enum fc_severity)d->severity;
	f->rule = d->rule;
	f->message = d->message;
	f->file = d->file;
	f->line = d->line;
	f->column = d->column;
	f->offset = d->offset;
	f->path = d->path;
	f->element = d->element;
	return 0;
}

size_t fc_result_total(const struct fc_result *r, enum fc_severity s)
{
	return (unsigned)s <= FC_ERROR ? r->diags.count[s] : 0;
}

size_t fc_result_dropped(const struct fc_result *r)
{
	return r->diags.dropped;
}

/* the rules of ft_diag_print() (lib/diag.c), which the programs print with */
int fc_finding_format(const struct fc_finding *f, char *buf, size_t size)
{
	/* the one form, as ft_diag_print writes it for the project's own */
	struct diag d;

	memset(&d, 0, sizeof(d));
	d.severity = (enum diag_severity)f->severity;
	d.rule = f->rule;
	d.message = (char *)f->message;
	d.file = (char *)f->file;
	d.line = f->line;
	d.column = f->column;
	d.offset = f->offset;
	d.path = (char *)f->path;
	d.element = (char *)f->element;
	return ft_diag_format(&d, buf, size);
}

const char *fc_severity_name(enum fc_severity s)
{
	return ft_diag_severity_name((enum diag_severity)s);
}

const char *fc_version(void)
{
	return FEED_VERSION;
}
