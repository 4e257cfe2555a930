/*
 * run.h - one feedgen run: its working set and the stages that take it,
 * each what the one before made (docs/ARCHITECTURE.md, feedgen/: which
 * file holds which stage).
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

/* One run's working set: the settings (config.c), the state and what the
 * walk over the collection found (pages.c).  Everything owned is released
 * by main(). */
struct run {
	struct options opt;
	int quiet, dry_run;
	long limit;
	struct tzspec tz;
	const char *base;       /* without trailing '/' */
	char *base_owned;
	char *host;             /* --base-url's */
	char *authority;        /* the tag: ids' (config_authority) */
	int authority_new;      /* ... to be kept in the state */
	int accept_new_ids;     /* the churn guard is off */
	const char *encoding;
	const char *tmpl;
	const char *asset_tmpl; /* --asset-base, or NULL */
	const char *outdir;
	int outfd;              /* OUTDIR, -1 when not open (a dry run) */
	int want[3];            /* atom, rss, json */
	int allow_shrink, per_section, archive;
	double wait;
	const char *hub;
	char *state_path;       /* where the state is (config_state) */
	int state_given;        /* by --state, not chosen by feedgen */
	int state_in_outdir;    /* ... inside OUTDIR: a warning */
	char *lock_path;        /* beside the state */
	struct state *st;
	int state_created;      /* this run made the state file */
	int lockfd;
	size_t max_page;        /* --max-page-size */
	size_t max_pages;       /* --max-pages */
	struct fdate now;
	long long latest;       /* the latest run's time the state has seen */
	size_t page_errors;     /* folders that could not be read */
	size_t pages_changed;   /* pages read, or gone, in this run */
	long long articles;     /* how many the state has, once read */
	long long pages_in_error;   /* pages in error, as the state has them */
	/* the paper's clock (feedgen(5)) */
	long publish_s;             /* --publish-time, seconds after midnight */
	int embargo;                /* articles wait for their release */
	long settle;                /* --settle, seconds; 0: none */
	int settle_off;             /* this run takes every page (a new state) */
	const char *ready_marker;   /* --ready-marker, or NULL */
	long corrections_days;      /* 0: no corrections feed */
	long long released;         /* articles whose release came in this run */
	struct state_ping *pings;   /* WebSub pings to try again (hub.c) */
	size_t npings;
	/* photos and the newsroom's settings (config_news.c) */
	const char *thumb_pattern;  /* --thumbnail-pattern, or NULL */
	int summary_only;           /* --content summary */
	const char *icon, *logo, *rights;   /* or NULL */
	char **exclude;             /* --exclude's patterns, owned */
	size_t nexclude;
	long long max_bytes;        /* --max-bytes; 0: none */
	int today;                  /* --today */
	char *stale;                /* files published and no longer written:
				       "REL\tSIZE\tMTIME" lines (publish.c) */
};

/* ---- config.c ------------------------------------------------------------ */

/*
 * Load the config file (--config, else COLLECTION/feed.conf) and check
 * every option into r.  Returns EXIT_OK, or the exit status: EXIT_USAGE
 * having printed why, EXIT_IO when the config could not be read (printed)
 * or memory ran out.
 */
int config_apply(struct run *r, struct diag_list *dl);
/* config_news.c: the photos' and the newsroom's settings into r (called
 * by config_apply); EXIT_OK, or EXIT_USAGE / EXIT_IO having printed why. */
int config_news(struct run *r, struct diag_list *dl);
void config_news_release(struct run *r);
/* Is a page (its file name) or a section left out by --exclude? */
int config_excluded(const struct run *r, const char *name);
/* privdrop.c: run as root on a state folder that another user owns (the
 * service's), go on as that user; EXIT_OK, or EXIT_IO having said why. */
int privdrop(struct run *r);
/* Print dl and the hint to --help; returns EXIT_USAGE. */
int config_usage_error(struct diag_list *dl);
/* Print dl at the level the settings ask (--quiet: errors only). */
void config_show(const struct run *r, struct diag_list *dl);
/*
 * Where the state and the lock live (after OUTDIR exists): --state, else
 * a folder a web server does not serve, one state per absolute OUTDIR
 * (STATE_DIRECTORY, /var/lib/feedgen, $XDG_STATE_HOME/feedgen,
 * ~/.local/state/feedgen; never one under OUTDIR).  Returns EXIT_OK, or
 * EXIT_USAGE / EXIT_IO having printed why.
 */
int config_state(struct run *r);
/* How many threads read, write and check: 1 to 8. */
size_t config_threads(void);
/*
 * The tag: authority of the entries' ids (after the state is open): the
 * state's, fixed when it was made; for a new state --id-authority, else
 * the host of --base-url (authority_new: kept when the run publishes).
 * EXIT_OK, EXIT_USAGE having said why (--id-authority is not the state's),
 * or EXIT_IO (no memory).
 */
int config_authority(struct run *r);

/* ---- pages.c ------------------------------------------------------------- */

/*
 * Walk every collection and bring the state (in its transaction) up to
 * date: new and changed pages are read (decoded, split, rendered) on the
 * reader threads and stored in walk order, pages gone are forgotten,
 * unchanged ones are not read (fresh_ok: they were read the same way last
 * time).  What the pages have to say is printed page by page (-q: only what
 * was not said before).  r->pages_changed counts the pages read or gone.
 * Returns 0; -1 when the state could not be written or memory ran out (not
 * printed: state_error()); -2 when a collection could not be read
 * (printed).
 */
int pages_sync(struct run *r, int fresh_ok);

/* ---- outsets.c ----------------------------------------------------------- */

/* A set's files are f[FMT_ATOM], f[FMT_RSS] and f[FMT_JSON]: rel is NULL
 * for a format the set does not have. */
struct outfile {
	char *rel;              /* path under OUTDIR: "atom.xml", "archive/rss-2.xml" */
	char *url;              /* where it is served */
	int fmt;
	struct atomic_file af;
	int opened;             /* af holds the new file */
	int existed, changed;
	int check_failed;       /* the self-check found errors */
	int trimmed;            /* --max-bytes left its oldest entries out: */
	long long entries;      /* ... it holds these, not its set's n */
};

struct outset {
	struct feed_meta m;
	struct state_window w;      /* its articles, from the state */
	struct state_key from;      /* an archive's first (newest) entry */
	long long n;                /* how many entries */
	int is_archive, is_section;
	int skip;                   /* as the last run left it: not written */
	char digest[17];            /* what its entries show ("" for none) */
	struct outfile f[3];
	char *owned[8];             /* strings m points into */
	char *section;              /* owned: w.section */
};

struct outsets {
	struct outset *v;
	size_t n, alloc;
};

/* The feed's title when --title gives none: the collection folder's name;
 * malloc'd, NULL when memory ran out. */
char *outsets_default_title(const char *collection);
/*
 * The sets to publish, each with base's metadata, its window on the
 * state's articles and its own files: the main set first, then the
 * archives (those whose entries and files are as the last run left them
 * are marked skip), then the sections.  total is how many articles there
 * are.  Returns 0, or -1 when memory ran out or the state failed (sets
 * holds what was made: outsets_release() it either way).
 */
int outsets_build(struct run *r, const struct feed_meta *base, long long total,
		  struct outsets *sets, const struct fdate *now);
void outsets_release(struct outsets *s);

/* ---- publish.c ----------------------------------------------------------- */

/*
 * Open, write and check every file of every set but those to skip, on the
 * job pool (with --dry-run, in memory).  What the jobs have to say is
 * printed in job order.  Returns -1 when a file could not be written
 * (printed why); the check's findings are in each file's check_failed.
 */
int publish_write(struct run *r, struct outsets *sets);
/* The checks before anything is published: the self-check's findings, the
 * shrink guard and the churn guard.  Returns 0, -1 having printed why, or
 * -2 when the state failed (not printed). */
int publish_guard(struct run *r, struct outsets *sets);
/* Each file's entry count and digest into the state (in its transaction),
 * for the next run's shrink guard, churn guard and archives; the files the
 * last run published that no set writes now into r->stale (and the state,
 * until they are removed).  0 or -1. */
int publish_remember(struct run *r, struct outsets *sets);
/* Replace the published files by the new ones, by rename (a dry run only
 * compares).  Returns 0, or -1 having printed why. */
int publish_commit(struct run *r, struct outsets *sets);
/* A run that publishes nothing: every new file dropped, and every folder
 * under OUTDIR the sets' files would be in removed when it is empty (as
 * one this run made is). */
void publish_abort(struct run *r, struct outsets *sets);
/* What was created, updated or left unchanged, on standard output. */
void publish_report(struct run *r, struct outsets *sets);
/* After the commit: remove r->stale's files from OUTDIR (only those as
 * feedgen left them, and none a set of sets writes), and their empty folders,
 * saying so on standard output (not with -q; a dry run only says). */
void publish_remove_stale(struct run *r, const struct outsets *sets);
/* Remove the temporary files of runs that were killed from OUTDIR; only
 * under the lock, so that no live run owns them. */
void publish_remove_stale_temps(const struct run *r);

/* ---- hub.c --------------------------------------------------------------- */

/* The WebSub pings to try again, from the state (in its transaction; those
 * for another hub forgotten): r->pings.  0 or -1. */
int hub_load(struct run *r);
/* Tell the hub (--hub) of every changed feed of sets (NULL: none) and of
 * every ping it did not take before (r->pings); what it does not take now
 * is remembered in the state (a transaction of its own) and said once. */
void hub_ping(struct run *r, struct outsets *sets);

/* ---- churn.c ------------------------------------------------------------- */

/* The churn guard (churn.c says what counts): 0, -1 having said why the
 * run is not published, -2 when the state failed (not said). */
int churn_guard(struct run *r, const struct outsets *sets);
/* Where the main feed published ends, for the next run's guard: 0 or -1. */
int churn_remember(struct run *r, const struct outsets *sets);

/* ---- uptodate.c ---------------------------------------------------------- */

/* What decides how pages are read (version, host, zone, encoding, the
 * page-to-section map, the base URL, link template and asset base that
 * relative URLs are resolved against), as 16 hex digits: a change
 * re-reads every page. */
void uptodate_parse_key(const struct run *r, char out[17]);
/* What decides the output besides the pages: the options, as 16 hex
 * digits. */
void uptodate_output_key(const struct run *r, char out[17]);
/* How many files the state says were published; -1 on error. */
long long uptodate_outputs(struct run *r);
/* 1 when no page changed, the output key is the last run's, every file
 * it published is as it left it, and no article's release nor a
 * correction's end in the corrections feed came since: nothing to do;
 * else 0. */
int uptodate_nothing_to_do(struct run *r, const char *key);
/* After publishing: the key and the files as they are now, into the state
 * (a transaction of its own).  Returns 0 or -1. */
int uptodate_remember(struct run *r, struct outsets *sets, const char *key);

#endif
