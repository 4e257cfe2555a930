/*
 * report.h - feedcheck's reporters: text (with the source line and a
 * caret), JSON (through jansson), JUnit XML (through xmlTextWriter) and
 * GitHub workflow commands.  They write to a FILE and never exit.
 */
#ifndef FEED_REPORT_H
#define FEED_REPORT_H

#include <stdio.h>

#include <jansson.h>

#include "feedcheck.h"
#include "fetch.h"

/* One checked source.  bytes may be NULL (read failure or not kept). */
struct fc_source {
	const char *name;
	const unsigned char *bytes;
	size_t len;
	int read_failed;           /* the bytes could not be obtained */
	const struct fetch_result *fetch;   /* what HTTP said, or NULL (files) */
	struct fc_result res;      /* owned */
};

struct fc_report_opts {
	int color;                 /* ANSI colours in text output */
	enum diag_severity min;    /* print only diagnostics >= min */
};

/* Keep only the diagnostics for which keep() returns non-zero; counts follow. */
void fc_filter(struct diag_list *l, int (*keep)(const struct diag *, void *),
	       void *arg);

void fc_report_text(FILE *fp, const struct fc_source *s,
		    const struct fc_report_opts *o);
/*
 * A new reference to the JSON object of one source; NULL on no memory.
 * It has "http": {"status", "content_type", "final_url", "redirects"} when
 * s->fetch is set (an http(s) or file URL), null for files.
 */
json_t *fc_report_json(const struct fc_source *s,
		       const struct fc_report_opts *o);
/* Returns 0, or -1 when the writer failed. */
int fc_report_junit(FILE *fp, const struct fc_source *v, size_t n,
		    const struct fc_report_opts *o);
void fc_report_github(FILE *fp, const struct fc_source *s,
		      const struct fc_report_opts *o);

#endif
