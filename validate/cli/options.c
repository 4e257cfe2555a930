/*
 * options.c - feedcheck's command line read into a struct cli: the
 * getopt_long table, the values of the options (seconds, sizes, headers,
 * formats) and the --ignore/--only rule lists.  It stops at the first
 * --help, --version, --list-rules or --explain (main() prints them), and
 * at the first usage error, which it reports with cli_usage_error().
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "feedcheck.h"
#include "fetch.h"

#define MAX_TIMEOUT_S 86400L

/* ---- option values ---- */

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

/* "50M" -> 52428800; K, M, G are powers of 1024.  0 when not a size. */
static size_t parse_size(const char *s)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return 0;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	default: break;
	}
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end || v == 0 || v > (SIZE_MAX >> shift) || v > (1ULL << 40) >> shift)
		return 0;
	return (size_t)(v << shift);
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

int cli_parse(struct cli *o, int argc, char **argv)
{
	enum { O_FORMAT = 256, O_COLOR, O_STRICT, O_IGNORE, O_ONLY,
	       O_LIST, O_EXPLAIN, O_VERSION, O_URLS, O_SHARD, O_CACERT,
	       O_CONNECT_TIMEOUT, O_MAX_TIME, O_STALL_TIMEOUT, O_MAX_SIZE,
	       O_HEADER, O_MAX_DEPTH, O_MAX_TEXT, O_PROFILE, O_CHECK_MEDIA };
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, O_FORMAT },
		{ "color", required_argument, NULL, O_COLOR },
		{ "strict", no_argument, NULL, O_STRICT },
		{ "quiet", no_argument, NULL, 'q' },
		{ "ignore", required_argument, NULL, O_IGNORE },
		{ "only", required_argument, NULL, O_ONLY },
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
		{ NULL, 0, NULL, 0 }
	};
	int c, rc;
	long v;

	memset(o, 0, sizeof(*o));
	o->out = OUT_TEXT;
	o->color = -1;
	o->jobs = FETCH_DEFAULT_JOBS;
	o->shard_i = o->shard_n = 1;
	fetch_opts_init(&o->fo);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hqkj:", longopts, NULL)) != -1) {
		switch (c) {
		case O_FORMAT:
			if (!strcmp(optarg, "text"))
				o->out = OUT_TEXT;
			else if (!strcmp(optarg, "json"))
				o->out = OUT_JSON;
			else if (!strcmp(optarg, "jsonl"))
				o->out = OUT_JSONL;
			else if (!strcmp(optarg, "junit"))
				o->out = OUT_JUNIT;
			else if (!strcmp(optarg, "github"))
				o->out = OUT_GITHUB;
			else
				return cli_usage_error("unknown format '%s'", optarg);
			break;
		case O_COLOR:
			if (!strcmp(optarg, "auto"))
				o->color = -1;
			else if (!strcmp(optarg, "always"))
				o->color = 1;
			else if (!strcmp(optarg, "never"))
				o->color = 0;
			else
				return cli_usage_error("--color takes auto, always "
						       "or never, not '%s'", optarg);
			break;
		case O_STRICT:
			o->strict = 1;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case O_IGNORE:
			if ((rc = add_rule(&o->ignore, optarg)) != 0)
				return rc;
			break;
		case O_ONLY:
			if ((rc = add_rule(&o->only, optarg)) != 0)
				return rc;
			break;
		case O_LIST:
			o->action = CLI_LIST_RULES;
			return 0;
		case O_EXPLAIN: {
			const struct fc_rule *r = fc_rule_find(optarg);
			if (!r)
				return cli_usage_error("unknown rule '%s' (see "
						       "--list-rules)", optarg);
			o->explain = r;
			o->action = CLI_EXPLAIN;
			return 0;
		}
		case 'h':
			o->action = CLI_HELP;
			return 0;
		case O_VERSION:
			o->action = CLI_VERSION;
			return 0;
		case O_URLS:
			o->urls_file = optarg;
			break;
		case 'j':
			/* the same range as a timeout, then at most 1000 */
			if ((v = parse_seconds(optarg)) < 0 || v > 1000)
				return cli_usage_error("-j takes a number from 1 to "
						       "1000, not '%s'", optarg);
			o->jobs = (int)v;
			break;
		case O_SHARD:
			if (src_parse_shard(optarg, &o->shard_i, &o->shard_n) < 0)
				return cli_usage_error("--shard takes I/N with 1 <= I "
						       "<= N, not '%s'", optarg);
			break;
		case O_CACERT:
			o->fo.cacert = optarg;
			break;
		case 'k':
			o->fo.insecure = 1;
			break;
		case O_CONNECT_TIMEOUT:
		case O_MAX_TIME:
		case O_STALL_TIMEOUT:
			if ((v = parse_seconds(optarg)) < 0)
				return cli_usage_error("a timeout is a whole number of "
						       "seconds from 1 to 86400, not "
						       "'%s'", optarg);
			if (c == O_CONNECT_TIMEOUT)
				o->fo.connect_timeout_s = v;
			else if (c == O_MAX_TIME)
				o->fo.max_time_s = v;
			else
				o->fo.stall_timeout_s = v;
			break;
		case O_MAX_SIZE:
			if (!(o->fo.max_size = parse_size(optarg)))
				return cli_usage_error("--max-size takes a size such as "
						       "50M, not '%s'", optarg);
			break;
		case O_MAX_DEPTH:
			if ((v = parse_seconds(optarg)) < 0 || v > 10000)
				return cli_usage_error("--max-depth takes a number of "
						       "levels from 1 to 10000, not '%s'",
						       optarg);
			o->limits.max_depth = (unsigned)v;
			break;
		case O_MAX_TEXT:
			if (!(o->limits.max_text = parse_size(optarg)))
				return cli_usage_error("--max-text takes a size such as "
						       "4M, not '%s'", optarg);
			break;
		case O_PROFILE: {
			unsigned b = parse_profiles(optarg);
			if (!b)
				return cli_usage_error("--profile takes apple, spotify "
						       "or podcastindex, not '%s'", optarg);
			o->limits.profiles |= b;
			break;
		}
		case O_CHECK_MEDIA:
			o->check_media = 1;
			o->limits.want_media = 1;
			break;
		case O_HEADER:
			if (!header_ok(optarg))
				return cli_usage_error("--header takes 'Name: value', "
						       "not '%s'", optarg);
			if (o->nheaders == MAX_HEADERS)
				return cli_usage_error("too many headers given with "
						       "'%s'", optarg);
			o->headers[o->nheaders++] = optarg;
			break;
		case ':':
			return cli_usage_error("option '%s' needs a value",
					       argv[optind - 1]);
		default:
			return cli_usage_error("unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (optind >= argc && !o->urls_file)
		return cli_usage_error("%s", "no SOURCE given");
	o->first = optind;
	o->fo.headers = o->headers;
	o->fo.nheaders = o->nheaders;
	return 0;
}
