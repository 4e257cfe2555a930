/*
 * run.h - one feedgen run: its working set and the stages that take it.
 *
 * main.c runs the pipeline: config.c checks the options into the settings;
 * collection.c finds the pages; pages.c reads them (decode, split) into
 * the articles and the state; outsets.c chooses the feed sets; publish.c
 * writes, checks and publishes them; uptodate.c lets a run with nothing
 * changed stop at once.  Each stage takes what the one before made.
 */
#ifndef FEEDGEN_RUN_H
#define FEEDGEN_RUN_H

#include <stddef.h>
#include <stdio.h>

#include "article.h"
#include "collection.h"
#include "date.h"
#include "diag.h"
#include "fsutil.h"
#include "options.h"
#include "state.h"
#include "writer.h"

/* The exit status (feedgen(1)). */
enum { EXIT_OK = 0, EXIT_PAGES = 1, EXIT_USAGE = 2, EXIT_IO = 3,
       EXIT_NOT_PUBLISHED = 4, EXIT_LOCKED = 75 };

/* One run's working set: the settings (config.c), the pages (collection.c)
 * and the articles read from them (pages.c), the state.  Everything owned
 * is released by main(). */
struct run {
	struct options opt;
	int quiet, dry_run;
	long limit;
	struct tzspec tz;
	const char *base;       /* without trailing '/' */
	char *base_owned;
	char *host;
	const char *encoding;
	const char *tmpl;
	const char *outdir;
	int want[3];            /* atom, rss, json */
	int allow_shrink, per_section, archive;
	double wait;
	const char *hub;
	char *state_path;
	struct state *st;
	int lockfd;
	size_t max_page;        /* --max-page-size */
	struct fdate now;
	struct page_set pages;
	struct article_list arts;
	size_t page_errors;
};

/* ---- config.c ------------------------------------------------------------ */

/*
 * Load the config file (--config, else COLLECTION/feed.conf) and check
 * every option into r.  Returns EXIT_OK, or the exit status: EXIT_USAGE
 * having printed why, EXIT_IO when the config could not be read (printed)
 * or memory ran out.
 */
int config_apply(struct run *r, struct diag_list *dl);
/* Print dl and the hint to --help; returns EXIT_USAGE. */
int config_usage_error(struct diag_list *dl);
/* Print dl at the level the settings ask (--quiet: errors only). */
void config_show(const struct run *r, struct diag_list *dl);
/* How many threads read, write and check: 1 to 8. */
size_t config_threads(void);

/* ---- pages.c ------------------------------------------------------------- */

/*
 * Read every page of r->pages, in page order, into r->arts and the state
 * (in its transaction): fresh ones (fresh_ok: read the same way last time)
 * from the state, the others from their files, on the reader threads.
 * What the pages have to say is printed page by page; r->page_errors
 * counts the pages in error and the articles left out as duplicates.  Returns 0, or -1 when memory ran out.
 */
int pages_read(struct run *r, int fresh_ok);

/* ---- outsets.c ----------------------------------------------------------- */

/* A set's files are f[FMT_ATOM], f[FMT_RSS] and f[FMT_JSON]: rel is NULL
 * for a format the set does not have, fp NULL until publish.c opens it. */
struct outfile {
	char *rel;              /* path under OUTDIR: "atom.xml", "archive/rss-2.xml" */
	char *url;              /* where it is served */
	int fmt;
	struct atomic_file af;
	FILE *fp;
	int existed, changed;
	int check_failed;       /* the self-check found errors */
};

struct outset {
	struct feed_meta m;
	const struct article **v;   /* owned array; the articles are r->arts' */
	size_t n;
	int is_archive, is_section;
	struct outfile f[3];
	char *owned[8];             /* strings m points into */
};

struct outsets {
	struct outset *v;
	size_t n, alloc;
};

/* Sort r->arts into feed order: newest first; ties by page number, then
 * position on the page. */
void outsets_order(struct run *r);
/* The feed's title when --title gives none: the collection folder's name;
 * malloc'd, NULL when memory ran out. */
char *outsets_default_title(const char *collection);
/*
 * The sets to publish from r->arts (in feed order), each with base's
 * metadata and its own files: the main set first, then the archives, then
 * the sections.  Returns 0, or -1 when memory ran out (sets holds what was
 * made: outsets_release() it either way).
 */
int outsets_build(struct run *r, const struct feed_meta *base,
		  struct outsets *sets, const struct fdate *now);
void outsets_release(struct outsets *s);

/* ---- publish.c ----------------------------------------------------------- */

/*
 * Open, write and check every file of every set, on the job pool (with
 * --dry-run, scratch files away from OUTDIR).  What the jobs have to say is
 * printed in job order.  Returns -1 when a file could not be written
 * (printed why); the check's findings are in each file's check_failed.
 */
int publish_write(struct run *r, struct outsets *sets);
/* The checks before anything is published: the self-check's findings and
 * the shrink guard.  Returns 0, or -1 having printed why. */
int publish_guard(struct run *r, struct outsets *sets);
/* Each file's entry count into the state (in its transaction), for the
 * next run's shrink guard. */
void publish_remember(struct run *r, struct outsets *sets);
/* Replace the published files by the new ones, by rename (a dry run only
 * compares).  Returns 0, or -1 having printed why. */
int publish_commit(struct run *r, struct outsets *sets);
/* What was created, updated or left unchanged, on standard output. */
void publish_report(struct run *r, struct outsets *sets);
/* Tell the WebSub hub (--hub) of every changed feed; failure is a warning. */
void publish_ping_hub(struct run *r, struct outsets *sets);
/* Remove the temporary files of runs that were killed from OUTDIR; only
 * under the lock, so that no live run owns them. */
void publish_remove_stale_temps(const struct run *r);

/* ---- uptodate.c ---------------------------------------------------------- */

/* What decides how pages are read (version, host, zone, encoding), as 16
 * hex digits: a change re-reads every page. */
void uptodate_parse_key(const struct run *r, char out[17]);
/* What decides the output: the options and every page's size and mtime,
 * as 16 hex digits. */
void uptodate_fingerprint(const struct run *r, char out[17]);
/* 1 when fp is the last run's, that run had no page errors and its files
 * are as it left them: nothing to do; else 0. */
int uptodate_nothing_to_do(struct run *r, const char *fp);
/* After publishing: fp and the published files as they are now, into the
 * state (a transaction of its own).  Returns 0 or -1. */
int uptodate_remember(struct run *r, struct outsets *sets, const char *fp);

#endif
