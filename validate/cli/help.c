/*
 * help.c - what feedcheck says about itself and its rules: --help (the
 * usage text, which man/feedcheck.1 follows), --version, --list-rules,
 * --explain RULE, and the one format of a usage error.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "diag.h"
#include "feedcheck.h"
#include "report.h"

static const char usage_text[] =
"usage: feedcheck [options] SOURCE...\n"
"       feedcheck [options] --urls FILE [SOURCE...]\n"
"       feedcheck [options] --diff OLD NEW\n"
"       feedcheck [options] --serve [ADDR:]PORT\n"
"\n"
"Validate RSS 0.90-2.0, Atom 1.0 and JSON Feed documents.  SOURCE is a\n"
"file, a folder (the *.xml, *.rss, *.atom and *.json files below it), -\n"
"for standard input, or an http://, https:// or file:// URL.  A web page\n"
"is reported as one, with the feeds it announces; given as a URL, the first\n"
"of them is checked instead.\n"
"\n"
"  --format FORMAT     text (default), gcc, json, jsonl, junit, sarif,\n"
"                      github or html\n"
"  --color WHEN        auto (default), always or never\n"
"  --no-excerpt        text: no source line and caret under the findings\n"
"  --strict            warnings fail too (exit status 1)\n"
"  -q, --quiet         print only errors: no verdicts, hints or total\n"
"  --ignore RULE       do not report RULE (repeatable)\n"
"  --only RULE         report only RULE (repeatable)\n"
"  --severity RULE=LEVEL\n"
"                      report RULE as error, warning or info (repeatable)\n"
"  -r, --recursive     check the feed files below a folder (a folder is\n"
"                      always checked so; -r is accepted as grep takes it)\n"
"  --stdin-filename NAME\n"
"                      name standard input NAME in the reports\n"
"  --config FILE       read options from FILE instead of the .feedcheckrc\n"
"                      of the current folder or the nearest one above it\n"
"  --no-config         read no configuration file\n"
"  -v, --verbose       show each HTTP request and response (lines and\n"
"                      headers, every hop) on standard error, as curl -v\n"
"  --list-rules        list every rule with its severity and exit (with\n"
"                      --format json: a JSON array)\n"
"  --explain RULE      explain RULE and how to fix it, and exit\n"
"\n"
"What a change does to subscribers:\n"
"  --diff OLD          compare the one SOURCE (NEW) with OLD, another version\n"
"                      of the feed (a file or URL, any format): entries\n"
"                      under new ids, moved dates, silent edits, dropped\n"
"                      entries (the rules diff-*); not their validity\n"
"  --diff-against URL  --diff with OLD fetched from URL, the published feed\n"
"\n"
"Fetching:\n"
"  --urls FILE         also check the URLs in FILE, one a line (- reads\n"
"                      standard input; blank lines and # comments skipped)\n"
"  -j, --jobs N        fetch N URLs at once (default 8; 2 per host)\n"
"  --shard I/N         check only sources I, I+N, I+2N, ... (1 <= I <= N)\n"
"  --cacert FILE       trust the certificates in FILE for https\n"
"  -k, --insecure      do not check certificates (every report says so)\n"
"  --connect-timeout S give up connecting after S seconds (default 10)\n"
"  --max-time S        give up on a URL (or a pipe or FIFO) after S\n"
"                      seconds (default 30)\n"
"  --stall-timeout S   give up when no data comes for S seconds (default 10)\n"
"  --max-size BYTES    largest body, on the wire and decompressed\n"
"                      (default 50M; K, M and G suffixes)\n"
"  --header 'N: V'     send this header too (repeatable)\n"
"  --allow-private     let redirects, a page's feed and --check-media's media\n"
"                      reach loopback and private addresses (never link-local\n"
"                      or cloud metadata ones); not in .feedcheckrc\n"
"  --per-host-delay S  start requests to one host at least S seconds apart\n"
"                      (0.5 is half a second; beside the 2 at once per host)\n"
"\n";

/* the rest: C99 promises string literals of 4095 bytes only */
static const char usage_more[] =
"Delivery and polling:\n"
"  --no-http-audit     no delivery audit (by default each URL named on the\n"
"                      command line gets one conditional request, and how\n"
"                      it is served is checked: delivery-* rules)\n"
"  --http-audit        audit the URLs of --urls too\n"
"  --cache DIR         remember each URL's validators and findings in DIR;\n"
"                      a feed that answers 304 is reported with them,\n"
"                      marked unchanged (cache-unchanged); not in .feedcheckrc\n"
"  --cache-max N       URLs remembered at most, the least recently used\n"
"                      evicted (default 100000)\n"
"\n"
"Serving (a form at /, GET /check?url=URL, POST /check; feedcheck(1)):\n"
"  --serve [ADDR:]PORT serve checks over HTTP (127.0.0.1 unless ADDR;\n"
"                      [::1]:PORT for IPv6) until SIGTERM or SIGINT\n"
"  --max-body SIZE     largest document a request may post (default\n"
"                      --max-size)\n"
"  --max-checks N      checks at once, then 503 (default 16)\n"
"  --rate N            checks a minute from one client, then 429\n"
"                      (default 60; 0: no limit)\n"
"\n"
"Podcasts:\n"
"  --profile NAME      what the directory NAME requires is an error, and any\n"
"                      RSS feed is checked as a podcast: apple, spotify or\n"
"                      podcastindex (repeatable, or NAME,NAME)\n"
"  --profile readers   also what feed readers do with the feed: dates they\n"
"                      hide or reorder, items they merge, URLs they resolve\n"
"                      differently (the readers-* rules, warnings and info)\n"
"  --check-media       fetch each enclosure and the artwork once (a ranged\n"
"                      GET) and check them against the feed\n"
"\n"
"Limits:\n"
"  --max-depth N       deepest element nesting checked (default 256)\n"
"  --max-text SIZE     longest text of one element (default 4M)\n"
"\n"
"  -h, --help          show this help and exit\n"
"  --version           show the version and exit\n"
"\n"
"Long options take their value as --opt VALUE or --opt=VALUE.\n"
"Exit status: 0 no errors, 1 errors found, 2 usage, 3 a source could not\n"
"be read or fetched.\n";

void cli_help(void)
{
	fputs(usage_text, stdout);
	fputs(usage_more, stdout);
}

void cli_version(void)
{
	printf("feedcheck %s\n", FEED_VERSION);
}

const char *cli_usage_file;
long cli_usage_line;

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ft_vmessage(stderr, cli_usage_file ? cli_usage_file : "feedcheck",
		    cli_usage_file ? cli_usage_line : 0, 1, DIAG_ERROR, "usage",
		    fmt, ap);
	va_end(ap);
	fputs("Try 'feedcheck --help' for more information.\n", stderr);
	return 2;
}

void cli_error(const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ft_vmessage(stderr, "feedcheck", 0, 0, DIAG_ERROR, rule, fmt, ap);
	va_end(ap);
}

void cli_warning(const char *where, const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ft_vmessage(stderr, where, 0, 0, DIAG_WARNING, rule, fmt, ap);
	va_end(ap);
}

/* the first error writing standard output, 0 while there is none */
static int out_errno;

int cli_stdout_ok(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 1;
	if (!out_errno)
		out_errno = errno ? errno : EIO;
	return 0;
}

int cli_stdout_errno(void)
{
	cli_stdout_ok();
	return out_errno;
}

void cli_list_rules(int json)
{
	size_t i;
	const struct fc_rule *r;

	if (json) {
		json_t *a = rules_json();
		if (!a)
			cli_error("fetch-internal", "%s", "out of memory");
		else if (json_dumpf(a, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0)
			putchar('\n');
		/* a failed write: main() says so (cli_stdout_errno) */
		json_decref(a);
		return;
	}
	for (i = 0; (r = fc_rule_at(i)); i++)
		printf("%-36s %-7s %s\n", r->id,
		       ft_diag_severity_name(r->severity), r->summary);
}

void cli_explain(const struct fc_rule *r)
{
	const char *p = r->explain;
	size_t col = 0, i;
	const struct fc_rule_source *src;
	unsigned pb = fc_rule_profiles(r->id);

	printf("%s (%s): %s\n\n", r->id, ft_diag_severity_name(r->severity),
	       r->summary);
	if (pb)
		printf("An error under --profile %s%s%s%s%s.\n\n",
		       pb & FC_PROFILE_APPLE ? "apple" : "",
		       (pb & FC_PROFILE_APPLE) && (pb & ~FC_PROFILE_APPLE) ? ", " : "",
		       pb & FC_PROFILE_SPOTIFY ? "spotify" : "",
		       (pb & FC_PROFILE_SPOTIFY) && (pb & FC_PROFILE_PODCASTINDEX) ? ", " : "",
		       pb & FC_PROFILE_PODCASTINDEX ? "podcastindex" : "");
	for (i = 0; (src = fc_rule_source(r->id, i)); i++)
		printf("%s%s: %s (last checked %s, %s)\n", i ? "" : "Sources:\n",
		       src->platform, src->url, src->checked, src->note);
	if (i)
		putchar('\n');
	if (!strncmp(r->id, "readers-", 8))
		printf("Reported only under --profile readers.\n\n");
	/* wrap at 72 columns */
	while (*p) {
		size_t w = strcspn(p, " ");
		if (col && col + w + 1 > 72) {
			putchar('\n');
			col = 0;
		} else if (col) {
			putchar(' ');
			col++;
		}
		fwrite(p, 1, w, stdout);
		col += w;
		p += w;
		while (*p == ' ')
			p++;
	}
	putchar('\n');
}

