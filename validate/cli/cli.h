/*
 * cli.h - the parts of the feedcheck program, file by file.  They are
 * the program, not a library: only main.c decides what is printed and
 * with which exit status (0, 1, 2 usage, 3 could not read or fetch).
 */
#ifndef FEED_CLI_H
#define FEED_CLI_H

#include <stddef.h>

#include <jansson.h>

#include "feedcheck.h"
#include "fetch.h"
#include "report.h"

struct buf;
struct fc_source;
struct mapped_file;

/* ---- options.c: the command line ---- */

enum { OUT_TEXT, OUT_JSON, OUT_JSONL, OUT_JUNIT, OUT_GITHUB };

#define MAX_RULE_ARGS 256
#define MAX_HEADERS 64

struct rulelist {
	const char *v[MAX_RULE_ARGS];
	size_t n;
};

/* What the command line asks for once it is read. */
enum cli_action {
	CLI_RUN,                   /* check the sources */
	CLI_HELP,                  /* -h, --help */
	CLI_VERSION,               /* --version */
	CLI_LIST_RULES,            /* --list-rules */
	CLI_EXPLAIN                /* --explain RULE: explain */
};

/*
 * The settings of one invocation.  Every string points into argv;
 * fo.headers points into headers, so a struct cli is not copied.
 */
struct cli {
	enum cli_action action;
	const struct fc_rule *explain;   /* --explain RULE */
	int out;                   /* --format: OUT_* */
	int color;                 /* --color: -1 auto, 0 never, 1 always */
	int strict, quiet;         /* --strict, -q */
	struct rulelist ignore, only;    /* --ignore, --only */
	const char *urls_file;     /* --urls FILE, or NULL */
	int jobs;                  /* -j */
	unsigned long shard_i, shard_n;  /* --shard I/N; 1/1 by default */
	struct fetch_opts fo;      /* --cacert, -k, timeouts, --max-size, --header */
	const char *headers[MAX_HEADERS];
	size_t nheaders;
	struct fc_options limits;  /* --max-depth, --max-text, --profile */
	int check_media;           /* --check-media */
	int first;                 /* argv[first] to argv[argc - 1]: the SOURCEs */
};

/*
 * Read the command line into *o.  Returns 0 (then see o->action), or 2
 * after reporting a usage error.  Never exits, never prints but that.
 */
int cli_parse(struct cli *o, int argc, char **argv);

/* ---- help.c: what feedcheck says about itself ---- */

/*
 * "feedcheck: " fmt (with arg) and the hint to try --help, on standard
 * error.  Returns 2, the exit status of a usage error.
 */
int cli_usage_error(const char *fmt, const char *arg);
void cli_help(void);                     /* the usage text, to stdout */
void cli_version(void);
void cli_list_rules(void);
void cli_explain(const struct fc_rule *r);

/* ---- sources.c: the list of sources, --shard, reading the bytes ---- */

#define MAX_SOURCE ((size_t)1 << 30)   /* 1 GiB per source */

struct srclist {
	char **v;                  /* names; owned when own[i] */
	unsigned char *own;
	size_t n, alloc;
};

/* Append name (taken over when own); -1 when out of memory. */
int src_add(struct srclist *l, char *name, int own);
/* Free the owned names and the list; l is left empty, ready for reuse. */
void src_release(struct srclist *l);

/*
 * --urls FILE ("-": standard input): one URL a line, appended to l;
 * leading and trailing white space, blank lines and lines starting with
 * '#' are skipped.  Returns 0, 2 (a usage problem) or 3 (cannot read, or
 * out of memory); then *err is what went wrong (malloc'd, the caller's),
 * NULL when memory ran out.
 */
int src_read_urls(const char *path, struct srclist *l, char **err);

/* 1 when s is a URL (has "://"), 0 when it is a file or "-". */
int src_is_url(const char *s);

/*
 * "--shard I/N": 1 <= I <= N.  URL number k (0-based, in list order)
 * belongs to shard (k % N) + 1.  Returns 0, or -1 when s is not I/N.
 */
int src_parse_shard(const char *s, unsigned long *i, unsigned long *n);
int src_in_shard(size_t k, unsigned long i, unsigned long n);

/*
 * Get the bytes of s (a file, "-" for standard input): a regular file
 * (standard input too) is mapped (the page cache holds it, not the heap),
 * anything else is read into b (its ceiling MAX_SOURCE), or spooled to a
 * temporary file and mapped when it is big: then map->base is set.  On
 * failure s->read_failed is set and *err says why (malloc'd, may be NULL).
 */
void src_read(struct fc_source *s, struct buf *b, char **err,
	      struct mapped_file *map);

/* ---- media.c: --check-media ---- */

/*
 * Fetch the artwork and the enclosures s->res.refs names (each URL once,
 * at most 200 enclosures, jobs at once), with fo's bounds and a ranged
 * GET; add what disagrees with the feed to s->res.diags, in document
 * order, errors for a directory in profiles (FC_PROFILE_*).
 * fetch_global_init() first.
 */
void media_check(struct fc_source *s, const struct fetch_opts *fo, int jobs,
		 unsigned profiles);

/* ---- run.c: one run over the sources, the output in order ---- */

struct filter {
	const struct rulelist *ignore, *only;
};

struct slot {
	int done;
	char *out;                 /* what goes to standard output, or NULL */
	size_t outlen;
	json_t *json;              /* --format json: the object */
};

/*
 * A source that waits, after the URLs are fetched, for the feed its page
 * announces to be followed (discover.c) or for its media (--check-media):
 * the fetch results its report needs, owned.
 */
struct held {
	int pending;
	struct fetch_result page;  /* the URL as fetched */
	struct fetch_result feed;  /* the feed a page announced, followed */
	char *name;                /* the followed feed's URL: the source's
				      name from then on; freed at the end */
};

struct run {
	int out, strict, progress;
	struct filter filt;
	struct fc_report_opts ro;
	struct fc_source *src;     /* the sources of this shard */
	struct slot *slot;
	size_t n, next, ndone;
	size_t *url_src;           /* URL number -> source number */
	int status;                /* 0, 1 or 3 */
	int oom;
	struct fc_options limits;  /* --max-depth, --max-text */
	int check_media;           /* --check-media */
	const struct fetch_opts *fo;
	int jobs;
	struct held *held;         /* one per source, or NULL */
};

/*
 * Source i was checked (or could not be read): filter its findings, count
 * them into r->status, render its report into its slot, print what is
 * ready and release what is no longer needed.
 */
void run_finish_source(struct run *r, size_t i);
/* Read the file source i, check it, finish it. */
void run_check_file(struct run *r, size_t i);
/* fetch_done_fn for fetch_many(): check URL number index, finish it. */
void run_url_done(size_t index, int ok, struct fetch_result *fr,
		  struct diag_list *dl, void *ud);
/* After the URLs: follow the feeds pages announce, check media, finish
 * each source held back (in order). */
void run_pending(struct run *r);
/* Free what the held sources still own (at the end of main). */
void run_held_release(struct run *r);

/* ---- discover.c: a page's feed, followed ---- */

/*
 * Source i is a web page (html-page) that announces feeds (FC_REF_FEED in
 * its refs): fetch the first, one hop, and make its check the source's
 * report (named by the feed's URL; html-feed-followed says so and lists
 * the other feeds).  When the feed cannot be fetched, the page's report
 * stays, with why.  0, or -1 when memory ran out.
 */
int discover_follow(struct run *r, size_t i);
/* 1 when source i's result is a web page with a feed to follow. */
int discover_wanted(const struct fc_result *res);

/* Print the reports that are ready, in the order of the sources. */
void run_emit_ready(struct run *r);
/* Take the progress bar off standard error (when there is one). */
void run_progress_clear(struct run *r);
/* --format json at the end: one array (many) or the one object. */
void run_print_json(struct run *r, int many);

#endif
