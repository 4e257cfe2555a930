/*
 * options.c - feedcheck's command line read into a struct cli: the
 * getopt_long table, the values of the options (seconds, sizes, headers,
 * formats) and the --ignore/--only/--severity rule lists.  The options of
 * the configuration file (config.c) are read first, the command line's
 * after them, through the same table.  It stops at the first --help,
 * --version or --explain (main() prints them), and at the first usage
 * error, which it reports with cli_usage_error().
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "feedcheck.h"
#include "fetch.h"
#include "setting.h"

#define MAX_TIMEOUT_S 86400L

/* ---- option values ---- */

/* "rule=warning" (or "rule:warning") for --severity */
static int add_severity(struct sevlist *l, const char *arg)
{
	static char rule[128];
	const char *sep = strpbrk(arg, "=:");
	const struct fc_rule *r;
	size_t n;
	int sev;

	if (!sep || (n = (size_t)(sep - arg)) >= sizeof(rule))
		return cli_usage_error("--severity takes RULE=LEVEL, not '%s'", arg);
	memcpy(rule, arg, n);
	rule[n] = '\0';
	if (!(r = fc_rule_find(rule)))
		return cli_usage_error("unknown rule '%s' (see --list-rules)", rule);
	if (!strcmp(sep + 1, "error"))
		sev = DIAG_ERROR;
	else if (!strcmp(sep + 1, "warning"))
		sev = DIAG_WARNING;
	else if (!strcmp(sep + 1, "info"))
		sev = DIAG_INFO;
	else
		return cli_usage_error("a severity is error, warning or info, not '%s'",
				       sep + 1);
	if (l->n == MAX_RULE_ARGS)
		return cli_usage_error("too many rules given with '%s'", arg);
	l->rule[l->n] = r->id;      /* the table's own string */
	l->sev[l->n++] = (enum diag_severity)sev;
	return 0;
}

/* "30" -> 30; 1..MAX_TIMEOUT_S seconds.  -1 when not. */
static long parse_seconds(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > MAX_TIMEOUT_S)
		return -1;
	return v;
}

/* the largest --max-size and --max-text: 1 TiB */
#define MAX_SIZE_ARG (1ULL << 40)

/* "50M" -> 52428800 (lib/setting.h, at most MAX_SIZE_ARG); 0 when not a
 * size */
static size_t parse_size(const char *s)
{
	unsigned long long v;

	return ft_parse_size(s, MAX_SIZE_ARG, &v) < 0 || v > SIZE_MAX ? 0 : (size_t)v;
}

/* RFC 9110 §5.1: field-name ":" field-value, one line */
static int header_ok(const char *h)
{
	const char *c = strchr(h, ':');

	return c && c > h && !strpbrk(h, "\r\n");
}

/* --ignore RULE, --only RULE: a rule that exists, MAX_RULE_ARGS at most */
static int add_rule(struct rulelist *l, const char *id)
{
	if (!fc_rule_find(id))
		return cli_usage_error("unknown rule '%s' (see --list-rules)", id);
	if (l->n == MAX_RULE_ARGS)
		return cli_usage_error("too many rules given with '%s'", id);
	l->v[l->n++] = id;
	return 0;
}

/* --profile NAME[,NAME...]: the FC_PROFILE_* bits, 0 when one is unknown */
static unsigned parse_profiles(const char *s)
{
	static const struct {
		const char *name;
		unsigned bit;
	} names[] = {
		{ "apple", FC_PROFILE_APPLE },
		{ "spotify", FC_PROFILE_SPOTIFY },
		{ "podcastindex", FC_PROFILE_PODCASTINDEX },
		{ "readers", FC_PROFILE_READERS },
	};
	unsigned bits = 0;
	size_t i, n;

	while (*s) {
		n = strcspn(s, ",");
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strlen(names[i].name) == n && !strncmp(s, names[i].name, n))
				break;
		if (i == sizeof(names) / sizeof(names[0]))
			return 0;
		bits |= names[i].bit;
		s += n;
		if (*s == ',')
			s++;
	}
	return bits;
}

/* ---- the command line ---- */

enum { O_FORMAT = 256, O_COLOR, O_STRICT, O_IGNORE, O_ONLY,
       O_LIST, O_EXPLAIN, O_VERSION, O_URLS, O_SHARD, O_CACERT,
       O_CONNECT_TIMEOUT, O_MAX_TIME, O_STALL_TIMEOUT, O_MAX_SIZE,
       O_HEADER, O_MAX_DEPTH, O_MAX_TEXT, O_NO_EXCERPT, O_SEVERITY,
       O_STDIN_FILENAME, O_CONFIG, O_NO_CONFIG, O_PROFILE, O_CHECK_MEDIA,
       O_ALLOW_PRIVATE, O_DIFF, O_DIFF_AGAINST,
       O_HTTP_AUDIT, O_NO_HTTP_AUDIT, O_CACHE, O_CACHE_MAX, O_PER_HOST_DELAY,
       O_SERVE, O_MAX_BODY, O_MAX_CHECKS, O_RATE };

static const struct option longopts[] = {
	{ "format", required_argument, NULL, O_FORMAT },
	{ "color", required_argument, NULL, O_COLOR },
	{ "no-excerpt", no_argument, NULL, O_NO_EXCERPT },
	{ "strict", no_argument, NULL, O_STRICT },
	{ "quiet", no_argument, NULL, 'q' },
	{ "ignore", required_argument, NULL, O_IGNORE },
	{ "only", required_argument, NULL, O_ONLY },
	{ "severity", required_argument, NULL, O_SEVERITY },
	{ "recursive", no_argument, NULL, 'r' },
	{ "stdin-filename", required_argument, NULL, O_STDIN_FILENAME },
	{ "config", required_argument, NULL, O_CONFIG },
	{ "no-config", no_argument, NULL, O_NO_CONFIG },
	{ "verbose", no_argument, NULL, 'v' },
	{ "list-rules", no_argument, NULL, O_LIST },
	{ "explain", required_argument, NULL, O_EXPLAIN },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, O_VERSION },
	{ "urls", required_argument, NULL, O_URLS },
	{ "jobs", required_argument, NULL, 'j' },
	{ "shard", required_argument, NULL, O_SHARD },
	{ "cacert", required_argument, NULL, O_CACERT },
	{ "insecure", no_argument, NULL, 'k' },
	{ "connect-timeout", required_argument, NULL, O_CONNECT_TIMEOUT },
	{ "max-time", required_argument, NULL, O_MAX_TIME },
	{ "stall-timeout", required_argument, NULL, O_STALL_TIMEOUT },
	{ "max-size", required_argument, NULL, O_MAX_SIZE },
	{ "header", required_argument, NULL, O_HEADER },
	{ "max-depth", required_argument, NULL, O_MAX_DEPTH },
	{ "max-text", required_argument, NULL, O_MAX_TEXT },
	{ "profile", required_argument, NULL, O_PROFILE },
	{ "check-media", no_argument, NULL, O_CHECK_MEDIA },
	{ "allow-private", no_argument, NULL, O_ALLOW_PRIVATE },
	{ "diff", required_argument, NULL, O_DIFF },
	{ "diff-against", required_argument, NULL, O_DIFF_AGAINST },
	{ "http-audit", no_argument, NULL, O_HTTP_AUDIT },
	{ "no-http-audit", no_argument, NULL, O_NO_HTTP_AUDIT },
	{ "cache", required_argument, NULL, O_CACHE },
	{ "cache-max", required_argument, NULL, O_CACHE_MAX },
	{ "per-host-delay", required_argument, NULL, O_PER_HOST_DELAY },
	{ "serve", required_argument, NULL, O_SERVE },
	{ "max-body", required_argument, NULL, O_MAX_BODY },
	{ "max-checks", required_argument, NULL, O_MAX_CHECKS },
	{ "rate", required_argument, NULL, O_RATE },
	{ NULL, 0, NULL, 0 }
};

/*
 * the options a configuration file may not set: actions and sources, and
 * --allow-private, which lifts a protection of the person who runs
 * feedcheck, not a project's setting (git likewise honours
 * safe.directory only in the user's own configuration), and --cache,
 * which names a folder feedcheck writes in
 */
static int config_allows(const char *name)
{
	static const char *const no[] = { "help", "version", "list-rules",
		"explain", "urls", "shard", "config", "no-config",
		"stdin-filename", "allow-private", "diff", "diff-against", "cache",
		"serve" };
	size_t i;

	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (!strcmp(name, no[i]))
			return 0;
	for (i = 0; longopts[i].name; i++)
		if (!strcmp(name, longopts[i].name))
			return 1;
	return 0;
}

static int set_format(struct cli *o, const char *v)
{
	static const char *const names[] = { [OUT_TEXT] = "text",
		[OUT_GCC] = "gcc", [OUT_JSON] = "json", [OUT_JSONL] = "jsonl",
		[OUT_JUNIT] = "junit", [OUT_GITHUB] = "github",
		[OUT_SARIF] = "sarif", [OUT_HTML] = "html" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(v, names[i])) {
			o->out = (int)i;
			return 0;
		}
	return cli_usage_error("unknown format '%s'", v);
}

/* One option c with its value; 0, 1 when an action ends the parse, 2. */
static int apply(struct cli *o, int c, const char *arg, const char *opt)
{
	long v;

	switch (c) {
	case O_FORMAT:
		return set_format(o, arg);
	case O_COLOR:
		if (!strcmp(arg, "auto"))
			o->color = -1;
		else if (!strcmp(arg, "always"))
			o->color = 1;
		else if (!strcmp(arg, "never"))
			o->color = 0;
		else
			return cli_usage_error("--color takes auto, always "
					       "or never, not '%s'", arg);
		return 0;
	case O_NO_EXCERPT:
		o->excerpt = 0;
		return 0;
	case O_STRICT:
		o->strict = 1;
		return 0;
	case 'q':
		o->quiet = 1;
		return 0;
	case O_IGNORE:
		return add_rule(&o->ignore, arg);
	case O_ONLY:
		return add_rule(&o->only, arg);
	case O_SEVERITY:
		return add_severity(&o->sev, arg);
	case 'r':
		return 0;       /* a folder is always walked */
	case O_STDIN_FILENAME:
		if (!*arg || strpbrk(arg, "\r\n"))
			return cli_usage_error("--stdin-filename takes a name on "
					       "one line, not '%s'", arg);
		o->stdin_filename = arg;
		return 0;
	case O_CONFIG:
	case O_NO_CONFIG:
		return 0;       /* config.c has read it */
	case 'v':
		o->verbose = 1;
		return 0;
	case O_LIST:
		o->action = CLI_LIST_RULES;
		return 0;
	case O_EXPLAIN: {
		const struct fc_rule *r = fc_rule_find(arg);
		if (!r)
			return cli_usage_error("unknown rule '%s' (see "
					       "--list-rules)", arg);
		o->explain = r;
		o->action = CLI_EXPLAIN;
		return 1;
	}
	case 'h':
		o->action = CLI_HELP;
		return 1;
	case O_VERSION:
		o->action = CLI_VERSION;
		return 1;
	case O_URLS:
		o->urls_file = arg;
		return 0;
	case 'j':
		/* the same range as a timeout, then at most 1000 */
		if ((v = parse_seconds(arg)) < 0 || v > 1000)
			return cli_usage_error("-j takes a number from 1 to "
					       "1000, not '%s'", arg);
		o->jobs = (int)v;
		return 0;
	case O_SHARD:
		if (src_parse_shard(arg, &o->shard_i, &o->shard_n) < 0)
			return cli_usage_error("--shard takes I/N with 1 <= I "
					       "<= N, not '%s'", arg);
		return 0;
	case O_CACERT:
		o->fo.cacert = arg;
		return 0;
	case 'k':
		o->fo.insecure = 1;
		return 0;
	case O_CONNECT_TIMEOUT:
	case O_MAX_TIME:
	case O_STALL_TIMEOUT:
		if ((v = parse_seconds(arg)) < 0)
			return cli_usage_error("a timeout is a whole number of "
					       "seconds from 1 to 86400, not "
					       "'%s'", arg);
		if (c == O_CONNECT_TIMEOUT)
			o->fo.connect_timeout_s = v;
		else if (c == O_MAX_TIME)
			o->fo.max_time_s = v;
		else
			o->fo.stall_timeout_s = v;
		return 0;
	case O_MAX_SIZE:
		if (!(o->fo.max_size = parse_size(arg)))
			return cli_usage_error("--max-size takes a size such as "
					       "50M, not '%s'", arg);
		return 0;
	case O_MAX_DEPTH:
		if ((v = parse_seconds(arg)) < 0 || v > 10000)
			return cli_usage_error("--max-depth takes a number of "
					       "levels from 1 to 10000, not '%s'",
					       arg);
		o->limits.max_depth = (unsigned)v;
		return 0;
	case O_MAX_TEXT:
		if (!(o->limits.max_text = parse_size(arg)))
			return cli_usage_error("--max-text takes a size such as "
					       "4M, not '%s'", arg);
		return 0;
	case O_PROFILE: {
		unsigned b = parse_profiles(arg);
		if (!b)
			return cli_usage_error("--profile takes apple, spotify "
					       "or podcastindex (podcasts), or "
					       "readers, not '%s'", arg);
		o->limits.profiles |= b;
		return 0;
	}
	case O_CHECK_MEDIA:
		o->check_media = 1;
		o->limits.want_media = 1;
		return 0;
	case O_ALLOW_PRIVATE:
		o->fo.allow_private = 1;
		return 0;
	case O_DIFF_AGAINST:
		if (!src_is_url(arg) || src_is_file_url(arg))
			return cli_usage_error("--diff-against takes the URL the "
					       "feed is published at, not '%s'", arg);
		/* fall through */
	case O_DIFF:
		o->diff_old = arg;
		return 0;
	case O_HTTP_AUDIT:
	case O_NO_HTTP_AUDIT:
		o->audit = c == O_HTTP_AUDIT;
		return 0;
	case O_CACHE:
		if (!*arg)
			return cli_usage_error("%s", "--cache takes a folder");
		o->cache_dir = arg;
		return 0;
	case O_CACHE_MAX: {
		char *end;
		unsigned long n;
		errno = 0;
		n = strtoul(arg, &end, 10);
		if (errno || end == arg || *end || *arg == '-' || n < 1 || n > 1000000)
			return cli_usage_error("--cache-max takes a number of "
					       "URLs from 1 to 1000000, not '%s'",
					       arg);
		o->cache_max = n;
		return 0;
	}
	case O_PER_HOST_DELAY: {
		char *end;
		double d;
		errno = 0;
		d = strtod(arg, &end);
		if (errno || end == arg || *end || !(d >= 0 && d <= 3600))
			return cli_usage_error("--per-host-delay takes seconds "
					       "from 0 to 3600 (0.5 is half a "
					       "second), not '%s'", arg);
		o->fo.per_host_delay_ms = (long)(d * 1000 + 0.5);
		return 0;
	}
	case O_SERVE:
		o->serve = arg;
		return 0;
	case O_MAX_BODY:
		if (!(o->max_body = parse_size(arg)))
			return cli_usage_error("--max-body takes a size such as "
					       "10M, not '%s'", arg);
		return 0;
	case O_MAX_CHECKS:
		if ((v = parse_seconds(arg)) < 0 || v > 4096)
			return cli_usage_error("--max-checks takes a number from "
					       "1 to 4096, not '%s'", arg);
		o->max_checks = (int)v;
		return 0;
	case O_RATE:
		/* 0: no limit (a service behind a proxy that limits) */
		if (strcmp(arg, "0") && ((v = parse_seconds(arg)) < 0 || v > 60000))
			return cli_usage_error("--rate takes a number of checks a "
					       "minute from 0 (no limit) to 60000, "
					       "not '%s'", arg);
		o->rate = strcmp(arg, "0") ? v : 0;
		return 0;
	case O_HEADER:
		if (!header_ok(arg))
			return cli_usage_error("--header takes 'Name: value', "
					       "not '%s'", arg);
		if (o->nheaders == MAX_HEADERS)
			return cli_usage_error("too many headers given with "
					       "'%s'", arg);
		o->headers[o->nheaders++] = arg;
		return 0;
	case ':':
		return cli_usage_error("option '%s' needs a value", opt);
	default:
		return cli_usage_error("unknown option '%s'", opt);
	}
}

/*
 * The options of argv[1..] through the table; rc: they are the
 * configuration file's (each "--key=value", its line in line[]).
 * 0, 1 when an action ends the parse, 2 on a usage error.
 */
static int parse_pass(struct cli *o, int argc, char **argv, const long *line,
		      const char *file)
{
	int c, idx, rc;

	optind = 0;        /* glibc: start afresh */
	opterr = 0;
	for (;;) {
		idx = -1;
		c = getopt_long(argc, argv, ":hqkrvj:", longopts, &idx);
		if (c == -1)
			break;
		if (file) {
			int at = optind - 1 < argc ? optind - 1 : argc - 1;
			cli_usage_file = file;
			cli_usage_line = line[at];
			if (c == '?' || c == ':' ||
			    (idx >= 0 && !config_allows(longopts[idx].name))) {
				char key[256];
				const char *a = argv[at] + 2;
				size_t n = strcspn(a, "=");
				snprintf(key, sizeof(key), "%.*s", (int)n, a);
				rc = cli_usage_error(c == ':' ? "'%s' needs a value" :
						     idx >= 0 ? "'%s' cannot be set in a "
						     "configuration file" :
						     "unknown key '%s'", key);
				cli_usage_file = NULL;
				return rc;
			}
		}
		rc = apply(o, c, optarg, argv[optind - 1 < argc ? optind - 1 : argc - 1]);
		cli_usage_file = NULL;
		if (rc)
			return rc;
	}
	return 0;
}

int cli_parse(struct cli *o, int argc, char **argv)
{
	int rc;

	memset(o, 0, sizeof(*o));
	o->out = OUT_TEXT;
	o->color = -1;
	o->excerpt = 1;
	o->jobs = FETCH_DEFAULT_JOBS;
	o->shard_i = o->shard_n = 1;
	o->audit = -1;
	o->max_checks = SERVE_DEFAULT_MAX_CHECKS;
	o->rate = SERVE_DEFAULT_RATE;
	fetch_opts_init(&o->fo);
	if ((rc = cli_config_read(argc, argv, config_allows, &o->rc)) != 0)
		return rc;
	if (o->rc.argc > 1) {
		rc = parse_pass(o, o->rc.argc, o->rc.argv, o->rc.line, o->rc.path);
		if (rc == 2)
			return 2;
		/* an action in the configuration is refused above */
		if (optind < o->rc.argc)
			return cli_usage_error("%s", "stray text in the configuration file");
	}
	rc = parse_pass(o, argc, argv, NULL, NULL);
	if (rc == 2)
		return 2;
	if (rc == 1)
		return 0;
	if (o->action == CLI_LIST_RULES) {
		o->list_json = o->out == OUT_JSON;
		return 0;
	}
	if (o->serve && (optind < argc || o->urls_file))
		return cli_usage_error("%s", "--serve takes no SOURCE: the "
				       "documents come with the requests");
	if (!o->serve && optind >= argc && !o->urls_file)
		return cli_usage_error("%s", "no SOURCE given");
	o->first = optind;
	if (o->diff_old && (argc - optind != 1 || o->urls_file || o->check_media ||
			    o->shard_n > 1))
		return cli_usage_error("%s", "--diff OLD compares one NEW SOURCE "
				       "with OLD (without --urls, --shard or "
				       "--check-media)");
	o->fo.headers = o->headers;
	o->fo.nheaders = o->nheaders;
	o->fo.trace = o->verbose || o->out == OUT_HTML;
	if (!o->max_body)
		o->max_body = o->fo.max_size;   /* the ceiling of a fetch */
	return 0;
}

void cli_release(struct cli *o)
{
	cli_config_release(&o->rc);
}
