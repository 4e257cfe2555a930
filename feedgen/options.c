/*
 * options.c - the option table: the command line, the config file, the
 * defaults, --help (options.h).
 */
#include "options.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ascii.h"
#include "buf.h"
#include "fsutil.h"
#include "grow.h"
#include "utf8.h"

#define CONFIG_MAX ((size_t)1 << 20)

static const struct optdef {
	const char *name;
	char shortopt;
	int has_arg;          /* 0: flag */
	int in_config;
	const char *def;
	int writes;           /* names where feedgen writes */
} defs[OPT__COUNT] = {
	[OPT_BASE_URL] = { "base-url", 0, 1, 1, NULL },
	[OPT_TITLE] = { "title", 0, 1, 1, NULL },
	[OPT_SUBTITLE] = { "subtitle", 0, 1, 1, NULL },
	[OPT_AUTHOR] = { "author", 0, 1, 1, NULL },
	[OPT_LANG] = { "lang", 0, 1, 1, DEFAULT_LANG },
	[OPT_LIMIT] = { "limit", 0, 1, 1, DEFAULT_LIMIT },
	[OPT_TZ] = { "tz", 0, 1, 1, DEFAULT_TZ },
	[OPT_INPUT_ENCODING] = { "input-encoding", 0, 1, 1, DEFAULT_INPUT_ENCODING },
	[OPT_LINK_TEMPLATE] = { "link-template", 0, 1, 1, DEFAULT_LINK_TEMPLATE },
	[OPT_ASSET_BASE] = { "asset-base", 0, 1, 1, NULL },
	[OPT_FORMATS] = { "formats", 0, 1, 1, DEFAULT_FORMATS },
	[OPT_OUTPUT] = { "output", 'o', 1, 1, ".", 1 },
	[OPT_STATE] = { "state", 0, 1, 1, NULL, 1 },
	[OPT_WAIT] = { "wait", 0, 1, 1, "0" },
	[OPT_ALLOW_SHRINK] = { "allow-shrink", 0, 0, 1, NULL },
	[OPT_PER_SECTION] = { "per-section", 0, 0, 1, NULL },
	[OPT_ARCHIVE] = { "archive", 0, 0, 1, NULL },
	[OPT_HUB] = { "hub", 0, 1, 1, NULL },
	[OPT_MAX_PAGE_SIZE] = { "max-page-size", 0, 1, 1, "16M" },
	[OPT_MAX_PAGES] = { "max-pages", 0, 1, 1, "1000000" },
	[OPT_ID_AUTHORITY] = { "id-authority", 0, 1, 1, NULL },
	[OPT_ACCEPT_NEW_IDS] = { "accept-new-ids", 0, 0, 1, NULL },
	[OPT_PUBLISH_TIME] = { "publish-time", 0, 1, 1, DEFAULT_PUBLISH_TIME },
	/* "embargo = off" in a config; --no-embargo on the command line */
	[OPT_EMBARGO] = { "embargo", 0, 1, 1, "on" },
	[OPT_SETTLE] = { "settle", 0, 1, 1, DEFAULT_SETTLE },
	[OPT_READY_MARKER] = { "ready-marker", 0, 1, 1, NULL },
	[OPT_CORRECTIONS_DAYS] = { "corrections-days", 0, 1, 1, DEFAULT_CORRECTIONS_DAYS },
	[OPT_THUMBNAIL_PATTERN] = { "thumbnail-pattern", 0, 1, 1, NULL },
	[OPT_CONTENT] = { "content", 0, 1, 1, "full" },
	[OPT_ICON] = { "icon", 0, 1, 1, NULL },
	[OPT_LOGO] = { "logo", 0, 1, 1, NULL },
	[OPT_RIGHTS] = { "rights", 0, 1, 1, NULL },
	[OPT_EXCLUDE] = { "exclude", 0, 1, 1, NULL },
	[OPT_MAX_BYTES] = { "max-bytes", 0, 1, 1, NULL },
	[OPT_TODAY] = { "today", 0, 0, 1, NULL },
	[OPT_CONFIG] = { "config", 'c', 1, 0, NULL },
	[OPT_DRY_RUN] = { "dry-run", 0, 0, 1, NULL },
	[OPT_QUIET] = { "quiet", 'q', 0, 1, NULL },
	[OPT_HELP] = { "help", 'h', 0, 0, NULL },
	[OPT_VERSION] = { "version", 0, 0, 0, NULL },
};

/* In parts: C99 promises string literals of 4095 bytes only. */
const char *const feedgen_usage[] = {
"usage: feedgen [options] COLLECTION...\n"
"\n"
"Turn an article collection (edition folders of page files) into\n"
"OUTDIR/atom.xml, OUTDIR/rss.xml and OUTDIR/feed.json.\n"
"\n"
"options:\n"
"      --base-url URL        where the site lives (required; command line or config)\n"
"      --title TEXT          feed title (default: the first collection's folder name)\n"
"      --subtitle TEXT       feed subtitle / RSS description\n"
"      --author NAME         feed author (default: the title)\n"
"      --lang TAG            language of the feed (default: " DEFAULT_LANG ")\n"
"      --limit N             newest N entries; 0 means all (default: " DEFAULT_LIMIT ")\n"
"      --tz ZONE             offset such as +08:00, or a zone name such as\n"
"                            Asia/Shanghai (default: " DEFAULT_TZ ")\n"
"      --input-encoding ENC  encoding of pages that are not UTF-8\n"
"                            (default: " DEFAULT_INPUT_ENCODING ")\n"
"      --link-template T     an entry's link; placeholders {base} {date} {yyyy}\n"
"                            {mm} {dd} {page} {pos} {stem} {id}\n"
"                            (default: " DEFAULT_LINK_TEMPLATE ")\n"
"      --asset-base T        where an article's photos are served, a folder\n"
"                            (the link template's placeholders; default: the\n"
"                            folder of the article's link)\n"
"      --formats LIST        which feeds to write, of atom,rss,json\n"
"                            (default: " DEFAULT_FORMATS ")\n"
"  -o, --output DIR          write the feeds here, creating it (default: .)\n"
"      --state FILE          remembered dates and pages (default: a file of its own\n"
"                            outside OUTDIR; see feedgen(1), FILES)\n"
"      --wait SECONDS        wait this long for another run on OUTDIR to end\n"
"                            (default: 0, exit 75 at once)\n"
"      --allow-shrink        publish even an empty feed, or one with fewer than\n"
"                            half the entries of the feed it replaces\n"
"      --per-section         also write one feed set per section under\n"
"                            OUTDIR/sections/NAME/\n"
"      --archive             put entries past --limit into RFC 5005 archive\n"
"                            documents under OUTDIR/archive/\n"
"      --hub URL             announce a WebSub hub and ping it after a change\n",
"      --id-authority NAME   the host (or e-mail address) the entries' tag: ids\n"
"                            name, fixed when the state is made (default:\n"
"                            the host of --base-url then)\n"
"      --accept-new-ids      publish even when many entries of the feed would\n"
"                            change ids at once (the churn guard)\n"
"                            (a failed ping is tried again on the next runs)\n"
"      --publish-time HH:MM  when an edition goes out, on its date in --tz\n"
"                            (default: " DEFAULT_PUBLISH_TIME ")\n"
"      --no-embargo          publish every article when it is read, even\n"
"                            before its edition's publish time or its date\n"
"      --settle SECONDS      a page changed less than this long ago waits for\n"
"                            a later run; 0: none (default: " DEFAULT_SETTLE ")\n"
"      --ready-marker NAME   an edition folder without a file NAME waits\n"
"      --corrections-days N  OUTDIR/corrections/ holds the articles corrected\n"
"                            in the last N days; 0: none (default: " DEFAULT_CORRECTIONS_DAYS ")\n"
"      --thumbnail-pattern P a photo's smaller copy beside it, {stem} and {ext}\n"
"                            of the photo's name (such as {stem}_thumb.{ext})\n"
"      --content MODE        full (the article's text) or summary (no content)\n"
"      --icon URL, --logo URL  the feed's square icon and its wide logo\n"
"      --rights TEXT         the feed's copyright statement\n"
"      --exclude PATTERNS    pages (file name globs) and sections left out\n"
"      --max-bytes SIZE      every feed file within SIZE bytes (K, M, G suffixes):\n"
"                            the oldest entries left out, with a notice\n"
"      --today               also write OUTDIR/today/: the latest published\n"
"                            edition, whole, in printed order\n"
"      --max-page-size SIZE  skip, with an error, pages larger than SIZE bytes\n"
"                            (K, M, G suffixes; default: 16M)\n"
"      --max-pages N         refuse collections of more than N pages\n"
"                            (default: 1000000)\n"
"  -c, --config FILE         read settings from FILE (default: feed.conf at\n"
"                            the first collection's root, when present)\n"
"      --dry-run             build and check, write nothing, say what would change\n"
"  -q, --quiet               print nothing unless something went wrong\n"
"  -h, --help                show this help and exit\n"
"      --version             show the version and exit\n"
"\n"
"exit status: 0 done (pages that wait to settle, or for their publish time,\n"
"are not errors), 1 some pages had errors (feeds written from the rest),\n"
"2 usage, 3 could not read or write, 4 not published (self-check failed,\n"
"the feed would shrink, or many entries would change ids), 75 OUTDIR locked\n"
"by another run.\n",
NULL
};

void options_init(struct options *o)
{
	memset(o, 0, sizeof(*o));
}

void options_release(struct options *o)
{
	int i;
	size_t k;
	for (i = 0; i < OPT__COUNT; i++)
		free(o->value[i]);
	for (k = 0; k < o->nmap; k++) {
		free(o->map_key[k]);
		free(o->map_value[k]);
	}
	free(o->map_key);
	free(o->map_value);
	free(o->args);
	memset(o, 0, sizeof(*o));
}

static int set(struct options *o, enum opt_id id, const char *v, int cmdline)
{
	char *c = strdup(v);
	if (!c)
		return -1;
	free(o->value[id]);
	o->value[id] = c;
	o->from_cmdline[id] = cmdline;
	return 0;
}

static int find_long(const char *name, size_t n)
{
	int i;
	for (i = 0; i < OPT__COUNT; i++)
		if (strlen(defs[i].name) == n && !memcmp(defs[i].name, name, n))
			return i;
	return -1;
}

int options_parse_argv(struct options *o, int argc, char **argv,
		       struct diag_list *dl)
{
	int i, only_args = 0;

	o->args = calloc((size_t)argc + 1, sizeof(*o->args));
	if (!o->args)
		return -1;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *val = NULL;
		int id = -1;

		if (only_args || a[0] != '-' || !a[1]) {
			o->args[o->nargs++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = 1;
			continue;
		}
		if (!strcmp(a, "--no-embargo")) {
			/* the flag form of "embargo = off" */
			if (set(o, OPT_EMBARGO, "off", 1) < 0)
				return -1;
			continue;
		}
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			id = find_long(a + 2, n);
			if (id < 0) {
				ft_diag_add(dl, DIAG_ERROR, "usage", "feedgen", 0, 0,
					 "unknown option '%.*s'", (int)n + 2, a);
				return -1;
			}
			if (eq) {
				if (!defs[id].has_arg) {
					ft_diag_add(dl, DIAG_ERROR, "usage", "feedgen", 0, 0,
						 "option '--%s' takes no value", defs[id].name);
					return -1;
				}
				val = eq + 1;
			}
		} else {
			int k;
			for (k = 0; k < OPT__COUNT; k++)
				if (defs[k].shortopt && defs[k].shortopt == a[1])
					id = k;
			if (id < 0) {
				ft_diag_add(dl, DIAG_ERROR, "usage", "feedgen", 0, 0,
					 "unknown option '-%c'", a[1]);
				return -1;
			}
			if (a[2]) {
				if (!defs[id].has_arg) {
					/* bundled flags such as -qh are not offered */
					ft_diag_add(dl, DIAG_ERROR, "usage", "feedgen", 0, 0,
						 "unknown option '%s'", a);
					return -1;
				}
				val = a + 2;
			}
		}
		if (defs[id].has_arg && !val) {
			if (i + 1 >= argc) {
				ft_diag_add(dl, DIAG_ERROR, "usage", "feedgen", 0, 0,
					 "option '--%s' needs a value", defs[id].name);
				return -1;
			}
			val = argv[++i];
		}
		if (set(o, (enum opt_id)id, val ? val : "true", 1) < 0)
			return -1;
	}
	return 0;
}

static int parse_bool(const char *v, int *b)
{
	if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "1") ||
	    !strcmp(v, "on"))
		*b = 1;
	else if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "0") ||
		 !strcmp(v, "off"))
		*b = 0;
	else
		return -1;
	return 0;
}

int options_slug_ok(const char *v)
{
	size_t n = strlen(v), i;

	if (!n || n > 64 || v[0] == '.')
		return 0;
	for (i = 0; i < n; i++)
		if (!IS_ALNUM(v[i]) && v[i] != '-' && v[i] != '_' && v[i] != '.')
			return 0;
	return 1;
}

void options_invalid(struct diag_list *dl, const char *opt, const char *val,
		     const char *why)
{
	ft_diag_add(dl, DIAG_ERROR, "usage", "feedgen", 0, 0,
		    "invalid --%s '%s': %s", opt, val, why);
}

int options_load_config(struct options *o, const char *path, int fd,
			int untrusted, struct diag_list *dl)
{
	char *data, *line, *next;
	size_t len;
	long lineno = 0;
	int r = 0, own = fd < 0, rd;

	struct stat st;

	/* never a FIFO, a device or a folder: opened without waiting for a
	 * writer, and refused unless it is a regular file */
	if (own)
		fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		int e = fd < 0 ? errno : 0;
		if (fd >= 0 && own)
			close(fd);
		ft_diag_add(dl, DIAG_ERROR, "config-unreadable", path, 0, 0,
			    "cannot read config: %s", e ? strerror(e) :
			    "not a regular file (a FIFO, a device or a folder)");
		return -2;
	}
	/* the file checked is the file read */
	rd = ft_read_fd(fd, CONFIG_MAX, (size_t)st.st_size, &data, &len);
	if (own)
		close(fd);
	if (rd < 0) {
		ft_diag_add(dl, DIAG_ERROR, "config-unreadable", path, 0, 0,
			 "cannot read config: %s", errno == EFBIG ?
			 "larger than 1 MiB" : strerror(errno));
		return -2;
	}
	if (memchr(data, '\0', len)) {
		/* everything after it would be lost without a word */
		const char *z = memchr(data, '\0', len), *q;
		long at = 1;
		for (q = data; q < z; q++)
			at += *q == '\n';
		ft_diag_add(dl, DIAG_ERROR, "config-syntax", path, at, 0,
			    "a NUL byte in the config file");
		free(data);
		return -1;
	}
	line = data;
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		line += 3;      /* a UTF-8 BOM, as editors on Windows write */
	for (; line && line <= data + len; line = next) {
		char *eq, *key, *val, *end;
		int id, b;

		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if ((end = strchr(line, '\r')) && end[1] == '\0')
			*end = '\0';
		while (IS_SPACE(*line))
			line++;
		if (!*line || *line == '#')
			continue;
		eq = strchr(line, '=');
		if (!eq) {
			ft_diag_add(dl, DIAG_ERROR, "config-syntax", path, lineno, 1,
				 "expected 'key = value'");
			r = -1;
			continue;
		}
		key = line;
		end = eq;
		while (end > key && IS_SPACE(end[-1]))
			end--;
		*end = '\0';
		val = eq + 1;
		while (IS_SPACE(*val))
			val++;
		end = val + strlen(val);
		while (end > val && IS_SPACE(end[-1]))
			end--;
		*end = '\0';
		/* a value may be double-quoted to keep its spaces or a '#' */
		if (end - val >= 2 && val[0] == '"' && end[-1] == '"') {
			end[-1] = '\0';
			val++;
		}
		if (!strncmp(key, "slug.", 5) && key[5] && !options_slug_ok(val)) {
			/* a folder under OUTDIR/sections/ and a part of its
			 * feeds' URLs: never "..", a '/', a hidden name */
			ft_diag_add(dl, DIAG_ERROR, "config-slug", path, lineno,
				    (long)ft_utf8_chars(line, (size_t)(val - line)) + 1,
				    "unsafe slug '%s' for section '%s': a slug is one folder name of ASCII letters, digits, '-', '_' and '.', not starting with '.', at most 64 bytes",
				    val, key + 5);
			r = -1;
			continue;
		}
		if ((!strncmp(key, "section.", 8) && key[8]) ||
		    (!strncmp(key, "slug.", 5) && key[5])) {
			char **nk = ft_reallocarray(o->map_key, o->nmap + 1, sizeof(*nk));
			char **nv;
			if (nk)
				o->map_key = nk;
			nv = nk ? ft_reallocarray(o->map_value, o->nmap + 1, sizeof(*nv)) : NULL;
			if (!nv) {
				r = -1;
				continue;
			}
			o->map_value = nv;
			o->map_key[o->nmap] = strdup(key);
			o->map_value[o->nmap] = strdup(val);
			o->nmap++;
			continue;
		}
		id = find_long(key, strlen(key));
		if (id < 0 || !defs[id].in_config) {
			ft_diag_add(dl, DIAG_ERROR, "config-unknown-key", path, lineno, 1,
				 "unknown key '%s'", key);
			r = -1;
			continue;
		}
		if (untrusted && defs[id].writes) {
			/* the collection is another program's: where feedgen
			 * writes is the operator's to say */
			ft_diag_add(dl, DIAG_ERROR, "config-untrusted-key", path, lineno, 1,
				    "'%s' names where feedgen writes, and this config lies in the collection, which another program writes: give --%s on the command line, or in a config outside the collection",
				    key, key);
			r = -1;
			continue;
		}
		if (!defs[id].has_arg && parse_bool(val, &b) < 0) {
			ft_diag_add(dl, DIAG_ERROR, "config-syntax", path, lineno,
				 (long)ft_utf8_chars(line, (size_t)(val - line)) + 1,
				 "'%s' takes true or false, not '%s'", key, val);
			r = -1;
			continue;
		}
		if (o->from_cmdline[id])
			continue;
		if (!defs[id].has_arg && !b) {
			free(o->value[id]);
			o->value[id] = NULL;
			continue;
		}
		if (set(o, (enum opt_id)id, defs[id].has_arg ? val : "true", 0) < 0)
			r = -1;
	}
	free(data);
	return r;
}

const char *opt_get(const struct options *o, enum opt_id id)
{
	return o->value[id] ? o->value[id] : defs[id].def;
}

const char *opt_map(const struct options *o, const char *prefix,
		    const char *name)
{
	size_t k, pl = strlen(prefix);
	const char *v = NULL;

	for (k = 0; k < o->nmap; k++)
		if (o->map_key[k] && !strncmp(o->map_key[k], prefix, pl) &&
		    o->map_key[k][pl] == '.' && !strcmp(o->map_key[k] + pl + 1, name))
			v = o->map_value[k];     /* the last one wins */
	return v;
}

int opt_flag(const struct options *o, enum opt_id id)
{
	return o->value[id] != NULL;
}
