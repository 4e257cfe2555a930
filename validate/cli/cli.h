/*
 * cli.h - the parts of the feedcheck program, file by file.  They are
 * the program, not a library: only main.c decides what is printed and
 * with which exit status (0, 1, 2 usage, 3 could not read or fetch).
 */
#ifndef FEED_CLI_H
#define FEED_CLI_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "feedcheck.h"
#include "fetch.h"
#include "report.h"

struct buf;
struct source;
struct mapped_file;

/* ---- options.c: the command line ---- */

#define SERVE_DEFAULT_MAX_CHECKS 16
#define SERVE_DEFAULT_RATE 60L

enum { OUT_TEXT, OUT_GCC, OUT_JSON, OUT_JSONL, OUT_JUNIT, OUT_GITHUB,
       OUT_SARIF, OUT_HTML };

#define MAX_RULE_ARGS 256
#define MAX_HEADERS 64

struct rulelist {
	const char *v[MAX_RULE_ARGS];
	size_t n;
};

/* --severity RULE=LEVEL */
struct sevlist {
	const char *rule[MAX_RULE_ARGS];
	enum diag_severity sev[MAX_RULE_ARGS];
	size_t n;
};

/* The configuration file as options: "--key=value", owned. */
struct rcargs {
	char *path;                /* the file read, or NULL */
	char **argv;               /* argv[0] is "feedcheck" */
	long *line;                /* the line of each */
	int argc;
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
 * The settings of one invocation.  Every string points into argv or into
 * rc (the configuration file's options, owned: cli_release() frees them);
 * fo.headers points into headers, so a struct cli is not copied.
 */
struct cli {
	enum cli_action action;
	const struct fc_rule *explain;   /* --explain RULE */
	int out;                   /* --format: OUT_* */
	int color;                 /* --color: -1 auto, 0 never, 1 always */
	int strict, quiet;         /* --strict, -q */
	int excerpt;               /* text: the source line (--no-excerpt: 0) */
	int verbose;               /* -v: the HTTP exchange on standard error */
	int list_json;             /* --list-rules --format json */
	const char *stdin_filename;      /* --stdin-filename NAME */
	struct rulelist ignore, only;    /* --ignore, --only */
	struct sevlist sev;        /* --severity RULE=LEVEL */
	struct rcargs rc;          /* --config FILE or the .feedcheckrc found */
	const char *urls_file;     /* --urls FILE, or NULL */
	int jobs;                  /* -j */
	unsigned long shard_i, shard_n;  /* --shard I/N; 1/1 by default */
	struct fetch_opts fo;      /* --cacert, -k, timeouts, --max-size, --header */
	const char *headers[MAX_HEADERS];
	size_t nheaders;
	struct fc_options limits;  /* --max-depth, --max-text, --profile */
	int check_media;           /* --check-media */
	const char *diff_old;      /* --diff OLD, --diff-against URL: OLD */
	int audit;                 /* the delivery audit: -1 for the URLs named
				      on the command line, 1 --http-audit (all),
				      0 --no-http-audit */
	const char *cache_dir;     /* --cache DIR, or NULL */
	unsigned long cache_max;   /* --cache-max N; 0: the default */
	const char *serve;         /* --serve [ADDR:]PORT, or NULL */
	size_t max_body;           /* --max-body: a request's document */
	int max_checks;            /* --max-checks: checks at once */
	long rate;                 /* --rate: checks a minute a client; 0 none */
	int first;                 /* argv[first] to argv[argc - 1]: the SOURCEs */
};

/*
 * Read the command line into *o.  Returns 0 (then see o->action), or 2
 * after reporting a usage error.  Never exits, never prints but that.
 */
int cli_parse(struct cli *o, int argc, char **argv);
/* Free what cli_parse() allocated (the configuration's strings). */
void cli_release(struct cli *o);

/* ---- config.c: .feedcheckrc ---- */

/*
 * The configuration file: --config FILE when argv has it, none with
 * --no-config, else the first .feedcheckrc in the current folder or one
 * above it, unless it or its folder belongs to another user than the
 * caller and root or may be written by others (then it is ignored with
 * a warning, config-ignored, as git ignores a repository of another
 * user).  Each line "key = value" (or "key" alone) becomes the long
 * option --key=value in rc (a list value such as "ignore = a, b" one
 * option per item); blank lines and lines starting with '#' are skipped.
 * A key that allows() refuses is a usage error at its line (the caller's
 * option table says which may be set).  Returns 0, or 2 after reporting a
 * usage error (or a file that cannot be read).
 */
int cli_config_read(int argc, char **argv, int (*allows)(const char *key),
		    struct rcargs *rc);
void cli_config_release(struct rcargs *rc);

/* ---- width.c: display columns ---- */

#include <stdint.h>
/* Terminal columns of code point cp: 0, 1 or 2 (wcwidth, UTF-8 locale). */
int cli_cp_width(uint32_t cp);
void cli_width_release(void);

/* ---- help.c: what feedcheck says about itself ---- */

/*
 * The one form of the program's own messages (lib/diag.h, ft_message),
 * on standard error.  A usage error: "feedcheck: error: MESSAGE [usage]"
 * (or "FILE:LINE:1: ..." while the configuration file is read: see
 * cli_usage_file) and the hint to try --help; returns 2, the exit
 * status of a usage error.
 */
int cli_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* Where a usage error is while the configuration file is read: its path
 * and line (0: the file as a whole); NULL for the command line. */
extern const char *cli_usage_file;
extern long cli_usage_line;
/* "feedcheck: error: MESSAGE [RULE]" */
void cli_error(const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* "WHERE: warning: MESSAGE [RULE]" */
void cli_warning(const char *where, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/*
 * Standard output flushed: 1 when all went out, 0 when a write failed
 * (a full disk, a closed pipe); the first failure's errno is kept for
 * cli_stdout_errno(), 0 while there is none.
 */
int cli_stdout_ok(void);
int cli_stdout_errno(void);
void cli_help(void);                     /* the usage text, to stdout */
void cli_version(void);
void cli_list_rules(int json);
void cli_explain(const struct fc_rule *r);

/* ---- sources.c: the list of sources, --shard, reading the bytes ---- */

#define MAX_SOURCE ((size_t)1 << 30)   /* 1 GiB per source */

enum {
	SRC_NOFOLLOW = 1,          /* found by a folder's walk: a symbolic
				      link in its place is not followed */
	SRC_NOTE = 2               /* err is an info: the source is skipped */
};

struct srclist {
	char **v;                  /* names; owned when own[i] */
	unsigned char *own;
	unsigned char *flags;      /* SRC_* */
	char **err;                /* a problem found before reading, or NULL */
	const char **err_rule;
	size_t n, alloc;
};

/* Append name (taken over when own); -1 when out of memory. */
int src_add(struct srclist *l, char *name, int own);
/*
 * Append a source that cannot be checked: name (copied), with the rule
 * and message (taken over) of what is wrong; -1 when out of memory.
 */
int src_add_error(struct srclist *l, const char *name, const char *rule,
		  char *msg);
/*
 * The feed files below folder dir (*.xml, *.rss, *.atom, *.json, in any
 * case), in name order, recursively, hidden entries skipped: appended to
 * l (SRC_NOFOLLOW); a folder with none is one source in error
 * (io-empty-folder).  A symbolic link below dir is not followed, as grep
 * -r does: one with a feed file's name, or to a folder, is a source
 * skipped (SRC_NOTE, io-link-skipped).  -1 when out of memory.
 */
int src_add_dir(struct srclist *l, const char *dir);
/* 1 when path names a folder */
int src_is_dir(const char *path);
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
/* 1 when s is a file: URL */
int src_is_file_url(const char *s);

/*
 * "--shard I/N": 1 <= I <= N.  URL number k (0-based, in list order)
 * belongs to shard (k % N) + 1.  Returns 0, or -1 when s is not I/N.
 */
int src_parse_shard(const char *s, unsigned long *i, unsigned long *n);
int src_in_shard(size_t k, unsigned long i, unsigned long n);

/* How long a source that is not a regular file may take (not a terminal). */
struct src_bounds {
	long max_time_s;           /* --max-time: the whole source */
	long stall_s;              /* --stall-timeout: without a byte */
	const char *rule_open;     /* the rule of an open or read error */
};

/*
 * Get the bytes of s->path (a file, "-" for standard input): a regular
 * file (standard input too) is mapped (the page cache holds it, not the
 * heap), anything else (a pipe, a FIFO, a device) is read into b (its
 * ceiling MAX_SOURCE), or spooled to a temporary file and mapped when it
 * is big: then map->base is set.  A FIFO is opened without waiting for a
 * writer, and what is not a terminal is read within bd's times.  On
 * failure s->read_failed is set, *err says why (malloc'd, may be NULL)
 * and the rule is returned (io-*, or bd->rule_open); NULL on success.
 */
const char *src_read(struct source *s, const struct src_bounds *bd,
		     struct buf *b, char **err, struct mapped_file *map);

/* ---- media.c: --check-media ---- */

/*
 * Fetch the artwork and the enclosures s->res.refs names (each URL once,
 * at most 200 enclosures, jobs at once), with fo's bounds and a ranged
 * GET; add what disagrees with the feed to s->res.diags, in document
 * order, errors for a directory in profiles (FC_PROFILE_*).
 * fetch_global_init() first.
 */
void media_check(struct source *s, const struct fetch_opts *fo, int jobs,
		 unsigned profiles);

/* ---- run.c: one run over the sources, the output in order ---- */

struct filter {
	const struct rulelist *ignore, *only;
	const struct sevlist *sev;
	const char *keep_rule;     /* the failure of an unread source: kept */
};

struct report_slot {
	int done;
	char *out;                 /* what goes to standard output, or NULL */
	size_t outlen;
	struct hint_marks hints;   /* text: where --explain hints may go */
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

struct check_run {
	int out, strict, progress, verbose;
	struct filter filt;
	struct report_opts ro;
	struct source *src;        /* the sources of this shard */
	struct report_slot *slot;
	struct html_entry *html;   /* --format html: one per source */
	size_t n, next, ndone;
	size_t *url_src;           /* URL number -> source number */
	FILE *fp;                  /* where the reports go; NULL: stdout */
	int status;                /* 0, 1 or 3 */
	int oom;
	int stop;                  /* standard output failed: check no more */
	struct fc_options limits;  /* --max-depth, --max-text */
	int check_media;           /* --check-media */
	const struct fetch_opts *fo;
	int jobs;
	struct held *held;         /* one per source, or NULL */
	struct cache *cache;       /* --cache, or NULL */
	const struct fetch_cond *cond; /* per URL: what --cache sent */
	struct src_bounds bounds;  /* --max-time, --stall-timeout for files */
	size_t verdicts[VERDICT_COUNT];  /* sources per enum verdict */
	size_t counts[3];          /* findings per severity, all sources */
	const char **hinted;       /* rules whose --explain hint was given (the
				      rule table's strings) */
	size_t nhinted, ahinted;
	double start;              /* when the run began (epoch seconds) */
};

/*
 * Source i was checked (or could not be read): filter its findings, count
 * them into r->status, render its report into its slot, print what is
 * ready and release what is no longer needed.
 */
void run_finish_source(struct check_run *r, size_t i);
/* Read the file source i, check it, finish it. */
void run_check_file(struct check_run *r, size_t i);
/* fetch_done_fn for fetch_many(): check URL number index, finish it. */
void run_url_done(size_t index, int ok, struct fetch_result *fr,
		  struct diag_list *dl, void *ud);
/* After the URLs: follow the feeds pages announce, check media, finish
 * each source held back (in order). */
void run_pending(struct check_run *r);
/* Free what the held sources still own (at the end of main). */
void run_held_release(struct check_run *r);

/* ---- discover.c: a page's feed, followed ---- */

/*
 * Source i is a web page (html-page) that announces feeds (FC_REF_FEED in
 * its refs): fetch the first, one hop, and make its check the source's
 * report (named by the feed's URL; html-feed-followed says so and lists
 * the other feeds).  When the feed cannot be fetched, the page's report
 * stays, with why.  0, or -1 when memory ran out.
 */
int discover_follow(struct check_run *r, size_t i);
/* 1 when source i's result is a web page with a feed to follow. */
int discover_wanted(const struct fc_result *res);

/* ---- diff_run.c: --diff OLD NEW ---- */

/*
 * The run's two sources, OLD then NEW (urls: those to fetch, url_src
 * mapping them, fetch_global_init() done when fetching): read or fetched,
 * checked with their entries, compared (fc_diff), and finished with the
 * comparison's findings only.  0, or -1 when memory ran out.
 */
int diff_run(struct check_run *r, const char *const *urls, size_t nurls,
	     int fetching);

/* Print the reports that are ready, in the order of the sources. */
void run_emit_ready(struct check_run *r);
/* Take the progress bar off standard error (when there is one). */
void run_progress_clear(struct check_run *r);
/* --format json at the end: one array (many) or the one object. */
void run_print_json(struct check_run *r, int many);
/* The reports made at the end (total, JUnit, SARIF, HTML); 0 or -1. */
int run_print_end(struct check_run *r);
/* Free what the run holds. */
void run_release(struct check_run *r);
/* Seconds since the epoch, with a fraction (wall clock). */
double run_now(void);

/* ---- serve.c: feedcheck --serve ---- */

/*
 * Serve checks over HTTP on cli->serve until SIGTERM or SIGINT: 0 then,
 * 2 when the address is not one, 3 when it cannot be served.
 */
int serve_main(const struct cli *cli);

#endif
