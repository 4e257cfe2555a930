/*
 * report.h - feedcheck's reporters, one file each: text and gcc
 * (report_text.c: the findings with the source line and a caret, the
 * verdict of each source, the total), JSON (report.c, through jansson),
 * JUnit XML (report_junit.c, xmlTextWriter), SARIF 2.1.0 (report_sarif.c,
 * jansson), GitHub workflow commands (report.c) and HTML
 * (report_html.c, libxml2's HTML serializer).  They write to a FILE or
 * return what they made, and never exit.
 */
#ifndef FEED_REPORT_H
#define FEED_REPORT_H

#include <stdio.h>

#include <jansson.h>

#include "buf.h"
#include "feedcheck.h"
#include "fetch.h"

/* One checked source.  bytes may be NULL (read failure or not kept). */
struct source {
	const char *name;          /* how the reports name it */
	const char *path;          /* what was opened or fetched */
	const unsigned char *bytes;
	size_t len;
	int read_failed;           /* the bytes could not be obtained */
	int skipped;               /* not read on purpose (a link below a
				      folder): its one finding says why */
	int nofollow;              /* found by a folder's walk: a symbolic
				      link in its place is not followed */
	const struct fetch_result *fetch;   /* what HTTP said, or NULL (files) */
	struct fc_result res;      /* owned */
	double seconds;            /* reading or fetching, and checking */
	const char *fail_rule;     /* why the bytes could not be had, or NULL */
};

struct report_opts {
	int color;                 /* ANSI colours in text output */
	enum diag_severity min;    /* print only diagnostics >= min */
	int excerpt;               /* text: the source line and a caret */
	int chatty;                /* text: the --explain hints and the verdict */
	int strict;                /* --strict: a warning fails the source */
	int trace;                 /* HTML: show the HTTP exchange (-v) */
	int byte_columns;          /* gcc: columns in bytes of the UTF-8 line */
};

/* Keep only the diagnostics for which keep() returns non-zero; counts follow. */
void report_filter(struct diag_list *l, int (*keep)(const struct diag *, void *),
		   void *arg);

/* ---- what a source came to (report.c) ---- */

enum verdict {
	VERDICT_VALID,             /* no error (warnings allowed) */
	VERDICT_STRICT_FAIL,       /* no error, but warnings under --strict */
	VERDICT_INVALID,           /* errors */
	VERDICT_UNREAD,            /* the bytes could not be obtained */
	VERDICT_SKIPPED,           /* not read on purpose (struct source) */
	VERDICT_COUNT
};

enum verdict source_verdict(const struct source *s, int strict);
/* "RSS 2.0", "Atom 1.0", "JSON Feed 1.1"; NULL when it is not a feed */
const char *format_title(const struct fc_result *r, char *buf, size_t n);
/*
 * The one-line verdict of s, without its name: "valid RSS 2.0, 2
 * warnings", "invalid Atom 1.0, 1 error", "not checked: could not be
 * fetched, 1 error".  Appended to b.
 */
void verdict_text(const struct source *s, int strict, struct buf *b);
/* "2 errors", "1 warning", "3 infos", appended with sep before each */
void counts_text(struct buf *b, size_t e, size_t w, size_t i,
		 const char *sep, int zeros);

/* ---- the reporters ---- */

/*
 * Where a text report may give a rule's --explain hint: after its finding
 * that ends at byte at of the report.  Only the rule's first finding of
 * the run gets it, and the run knows which that is only when it prints
 * the reports in order (run.c), so the reporter says where each could go.
 * rule is the finding's (the rule table's, static).
 */
struct hint_mark {
	size_t at;
	const char *rule;
};
struct hint_marks {
	struct hint_mark *v;
	size_t n, alloc;
};
void hint_marks_release(struct hint_marks *h);

/*
 * Text: each finding as SOURCE:LINE:COL: SEVERITY: MESSAGE [RULE] (or
 * SOURCE: ... without a place), with o->excerpt the line and a caret,
 * with o->chatty the verdict, and the place of a hint after each finding
 * in hints (may be NULL).  o->excerpt and o->chatty off is --format gcc.
 * 0, or -1 when memory for hints ran out.
 */
int report_text(FILE *fp, const struct source *s, const struct report_opts *o,
		struct hint_marks *hints);
/* The total of a batch: "3 sources: 1 valid, 2 invalid; 4 errors" */
void report_total(FILE *fp, size_t nsrc, const size_t verdicts[VERDICT_COUNT],
		  const size_t counts[3], int color);
/* The hint that a rule's first finding gets */
void report_hint(FILE *fp, const char *rule, int color);

/*
 * A new reference to the JSON object of one source; NULL on no memory.
 * It has "http": {"status", "content_type", "final_url", "redirects",
 * "certificate_checked"} when s->fetch is set (an http(s) or file URL),
 * null for files.
 */
json_t *report_json(const struct source *s,
		    const struct report_opts *o);
/* --list-rules --format json: every rule; NULL on no memory */
json_t *rules_json(void);

/* JUnit XML over every source; start is when the run began (epoch s).
 * Returns 0, or -1 when the writer failed. */
int report_junit(FILE *fp, const struct source *v, size_t n,
		 const struct report_opts *o, double start, double seconds);

/* SARIF 2.1.0, one run; exit_status is the run's.  0, or -1 on no memory. */
int report_sarif(FILE *fp, const struct source *v, size_t n,
		 const struct report_opts *o, int exit_status);

/* GitHub workflow commands, one per finding, as @actions/core writes them */
void report_github(FILE *fp, const struct source *s,
		   const struct report_opts *o);

/* ---- HTML (report_html.c) ---- */

/* What the index of the HTML report keeps of a source. */
struct html_entry {
	char *name;                /* owned */
	char *verdict;             /* owned: verdict_text() */
	enum verdict v;
	size_t count[3];
	char *section;             /* owned: the source's HTML, serialized */
	size_t section_len;
	size_t order;              /* position in the list of sources */
};

/* The section of one source (its findings, encoding, HTTP) into e;
 * -1 when memory ran out. */
int html_section(const struct source *s, const struct report_opts *o,
		 size_t order, struct html_entry *e);
/* The whole document: head, index (worst first), the sections in that
 * order.  The entries are sorted in place.  0, or -1 when it failed. */
int html_document(FILE *fp, struct html_entry *v, size_t n,
		  const struct report_opts *o, double start);
void html_entry_release(struct html_entry *e);
/* The text of the page's one <style> element (a service hashes it for
 * its Content-Security-Policy header) */
const char *html_css(void);

#endif
