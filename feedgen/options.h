/*
 * options.h - feedgen's settings: command line, config file, defaults.
 *
 * Long options take "--opt VALUE" and "--opt=VALUE"; a config file holds
 * "key = value" lines with '#' comments, the keys being the long options'
 * names.  The command line overrides the config; the last of a repeated
 * option wins.
 */
#ifndef FEEDGEN_OPTIONS_H
#define FEEDGEN_OPTIONS_H

#include "diag.h"

enum opt_id {
	OPT_BASE_URL, OPT_TITLE, OPT_SUBTITLE, OPT_AUTHOR, OPT_LANG, OPT_LIMIT,
	OPT_TZ, OPT_INPUT_ENCODING, OPT_LINK_TEMPLATE, OPT_ASSET_BASE, OPT_FORMATS,
	OPT_OUTPUT,
	OPT_STATE, OPT_WAIT, OPT_ALLOW_SHRINK, OPT_PER_SECTION, OPT_ARCHIVE,
	OPT_HUB, OPT_MAX_PAGE_SIZE, OPT_MAX_PAGES, OPT_ID_AUTHORITY,
	OPT_ACCEPT_NEW_IDS,
	/* the paper's clock (feedgen(5)) */
	OPT_PUBLISH_TIME, OPT_EMBARGO, OPT_SETTLE, OPT_READY_MARKER,
	OPT_CORRECTIONS_DAYS,
	/* photos and the newsroom's settings (config_news.c) */
	OPT_THUMBNAIL_PATTERN, OPT_CONTENT, OPT_ICON, OPT_LOGO, OPT_RIGHTS,
	OPT_EXCLUDE, OPT_MAX_BYTES, OPT_TODAY,
	OPT_CONFIG,
	OPT_DRY_RUN, OPT_QUIET, OPT_HELP, OPT_VERSION, OPT__COUNT
};

struct options {
	char *value[OPT__COUNT];      /* owned; NULL when not set */
	int from_cmdline[OPT__COUNT];
	/* config-only maps: "section.NNN = name" (page number to section)
	 * and "slug.NAME = file-name" (a section's folder name) */
	char **map_key, **map_value;  /* owned */
	size_t nmap;
	char **args;                  /* COLLECTION operands (argv pointers) */
	int nargs;
};

#define DEFAULT_LANG "zh-CN"
#define DEFAULT_LIMIT "50"
#define DEFAULT_TZ "+08:00"
#define DEFAULT_INPUT_ENCODING "GB18030"
#define DEFAULT_LINK_TEMPLATE "{base}/{date}/{page}-{pos}.html"
#define DEFAULT_FORMATS "atom,rss,json"
#define DEFAULT_PUBLISH_TIME "00:00"
#define DEFAULT_SETTLE "60"
#define DEFAULT_CORRECTIONS_DAYS "30"

void options_init(struct options *o);
void options_release(struct options *o);

/*
 * Parse argv.  Returns 0, or -1 with a usage error in dl.  args points
 * into argv.
 */
int options_parse_argv(struct options *o, int argc, char **argv,
		       struct diag_list *dl);

/*
 * Read a config file (path; fd when it is open already, else -1); its
 * values fill only what the command line did not set.  untrusted: the
 * config lies in a collection, which another program writes, so the
 * keys that say where feedgen writes (output, state) are refused
 * (config-untrusted-key).  Returns 0, -1 for a syntax error, an unknown
 * or refused key (in dl), or -2 when the file cannot be read (in dl).
 */
int options_load_config(struct options *o, const char *path, int fd,
			int untrusted, struct diag_list *dl);

/* The option's value, or its default (NULL when none). */
const char *opt_get(const struct options *o, enum opt_id id);
/* 1 when a boolean option is set to a true value */
int opt_flag(const struct options *o, enum opt_id id);

/* The value of map key "prefix.name", or NULL. */
const char *opt_map(const struct options *o, const char *prefix,
		    const char *name);

/* Is v a section's folder name the config may give (slug.NAME = v): one
 * name of ASCII letters, digits, '-', '_' and '.', not starting with '.',
 * at most 64 bytes? */
int options_slug_ok(const char *v);

/* The usage error for a value of --opt that cannot be taken, in dl: "invalid
 * --opt 'val': why".  The caller says it with the others. */
void options_invalid(struct diag_list *dl, const char *opt, const char *val,
		     const char *why);

/* Help text (every option) for --help. */
extern const char *const feedgen_usage[];   /* NULL-terminated parts */

#endif
