/*
 * feedcheck - validate RSS, Atom and JSON feeds, from files or over HTTP.
 *
 * A thin layer over fc_check() and the fetcher: read each SOURCE (a file,
 * "-", or a URL, fetched with fetch_many() at most -j at once), filter the
 * findings (--ignore, --only, -q), print them in the chosen format, in the
 * order of the sources, and exit 0 (no errors), 1 (errors; warnings too
 * with --strict), 2 (usage) or 3 (a source's bytes could not be obtained).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/parser.h>

#include "buf.h"
#include "cli.h"
#include "feedcheck.h"
#include "fetch.h"
#include "fsutil.h"
#include "report.h"

#define MAX_RULE_ARGS 256
#define MAX_HEADERS 64
#define MAX_TIMEOUT_S 86400L

enum { OUT_TEXT, OUT_JSON, OUT_JSONL, OUT_JUNIT, OUT_GITHUB };

static const char usage_text[] =
"usage: feedcheck [options] SOURCE...\n"
"       feedcheck [options] --urls FILE [SOURCE...]\n"
"\n"
"Validate RSS 0.90-2.0, Atom 1.0 and JSON Feed documents.  SOURCE is a\n"
"file, - for standard input, or an http://, https:// or file:// URL.\n"
"\n"
"  --format FORMAT     text (default), json, jsonl, junit or github\n"
"  --color WHEN        auto (default), always or never\n"
"  --strict            warnings fail too (exit status 1)\n"
"  -q, --quiet         print only errors\n"
"  --ignore RULE       do not report RULE (repeatable)\n"
"  --only RULE         report only RULE (repeatable)\n"
"  --list-rules        list every rule with its severity and exit\n"
"  --explain RULE      explain RULE and how to fix it, and exit\n"
"\n"
"Fetching:\n"
"  --urls FILE         also check the URLs in FILE, one a line (- reads\n"
"                      standard input; blank lines and # comments skipped)\n"
"  -j, --jobs N        fetch N URLs at once (default 8; 2 per host)\n"
"  --shard I/N         check only sources I, I+N, I+2N, ... (1 <= I <= N)\n"
"  --cacert FILE       trust the certificates in FILE for https\n"
"  -k, --insecure      do not check certificates (every report says so)\n"
"  --connect-timeout S give up connecting after S seconds (default 10)\n"
"  --max-time S        give up on a URL after S seconds (default 30)\n"
"  --stall-timeout S   give up when no data comes for S seconds (default 10)\n"
"  --max-size BYTES    largest body, on the wire and decompressed\n"
"                      (default 50M; K, M and G suffixes)\n"
"  --header 'N: V'     send this header too (repeatable)\n"
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

static const char oom_json[] =
	"{\"source\": null, \"format\": null, \"encoding\": {\"bom\": null, "
	"\"http\": null, \"declared\": null, \"used\": null}, \"http\": null, "
	"\"diagnostics\": [], \"summary\": {\"errors\": 1, \"warnings\": 0, "
	"\"infos\": 0}}";

struct rulelist {
	const char *v[MAX_RULE_ARGS];
	size_t n;
};

static int in_list(const struct rulelist *l, const char *id)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], id))
			return 1;
	return 0;
}

struct filter {
	const struct rulelist *ignore, *only;
};

static int keep(const struct diag *d, void *arg)
{
	const struct filter *f = arg;

	if (in_list(f->ignore, d->rule))
		return 0;
	if (f->only->n && !in_list(f->only, d->rule))
		return 0;
	return 1;
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("feedcheck: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'feedcheck --help' for more information.\n", stderr);
	return 2;
}

static int add_rule(struct rulelist *l, const char *id)
{
	if (!fc_rule_find(id))
		return usage_error("unknown rule '%s' (see --list-rules)", id);
	if (l->n == MAX_RULE_ARGS)
		return usage_error("too many rules given with '%s'", id);
	l->v[l->n++] = id;
	return 0;
}

static void list_rules(void)
{
	size_t i;
	const struct fc_rule *r;

	for (i = 0; (r = fc_rule_at(i)); i++)
		printf("%-36s %-7s %s\n", r->id,
		       ft_diag_severity_name(r->severity), r->summary);
}

static void explain(const struct fc_rule *r)
{
	const char *p = r->explain;
	size_t col = 0;

	printf("%s (%s): %s\n\n", r->id, ft_diag_severity_name(r->severity),
	       r->summary);
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

static int finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "feedcheck: error writing standard output: %s\n",
			strerror(errno));
		return status > 2 ? status : 3;
	}
	return status;
}

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

/* ---- one run: checking, reporting in order, the progress bar ---- */

struct slot {
	int done;
	char *out;                 /* what goes to standard output, or NULL */
	size_t outlen;
	json_t *json;              /* --format json: the object */
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
};

static void progress_clear(struct run *r)
{
	if (r->progress)
		fputs("\r\033[K", stderr);
}

/* A bar on standard error (a terminal): [#####     ] 12/40 */
static void progress_show(struct run *r)
{
	char bar[31];
	size_t k, fill;

	if (!r->progress)
		return;
	fill = r->n ? r->ndone * 30 / r->n : 30;
	for (k = 0; k < 30; k++)
		bar[k] = k < fill ? '#' : ' ';
	bar[30] = '\0';
	fprintf(stderr, "\r[%s] %zu/%zu", bar, r->ndone, r->n);
	fflush(stderr);
}

/* Print what is ready, in the order of the sources. */
static void emit_ready(struct run *r)
{
	while (r->next < r->n && r->slot[r->next].done) {
		struct slot *sl = &r->slot[r->next];
		if (sl->out) {
			progress_clear(r);
			fwrite(sl->out, 1, sl->outlen, stdout);
			free(sl->out);
			sl->out = NULL;
		}
		r->next++;
	}
	fflush(stdout);
}

/*
 * A source was checked (or could not be read): filter, count, render into
 * its slot.  The bytes are needed only here; the result is kept for JUnit.
 */
static void finish_source(struct run *r, size_t i)
{
	struct fc_source *s = &r->src[i];
	struct slot *sl = &r->slot[i];
	FILE *mf = NULL;

	fc_filter(&s->res.diags, keep, &r->filt);
	if (s->read_failed)
		r->status = 3;
	else if (r->status != 3 && (s->res.diags.count[DIAG_ERROR] ||
				    (r->strict && s->res.diags.count[DIAG_WARNING])))
		r->status = 1;
	if (r->out == OUT_TEXT || r->out == OUT_GITHUB || r->out == OUT_JSONL) {
		mf = open_memstream(&sl->out, &sl->outlen);
		if (!mf)
			r->oom = 1;
	}
	switch (r->out) {
	case OUT_TEXT:
		if (s->read_failed) {
			/* why the bytes could not be had goes to standard error */
			size_t k;
			progress_clear(r);
			if (!s->fetch)
				fprintf(stderr, "feedcheck: %s\n", s->res.diags.n ?
					s->res.diags.v[0].message : "cannot read");
			else if (!s->res.diags.count[DIAG_ERROR])
				/* --ignore hid it: still say why, the status is 3 */
				fprintf(stderr, "feedcheck: %s\n", s->fetch->error ?
					s->fetch->error : "cannot fetch");
			else
				for (k = 0; k < s->res.diags.n; k++)
					if (s->res.diags.v[k].severity == DIAG_ERROR)
						fprintf(stderr, "feedcheck: %s [%s]\n",
							s->res.diags.v[k].message,
							s->res.diags.v[k].rule);
			if (s->fetch && mf)
				fc_report_text(mf, s, &r->ro);
		} else if (mf) {
			fc_report_text(mf, s, &r->ro);
		}
		break;
	case OUT_GITHUB:
		if (mf)
			fc_report_github(mf, s, &r->ro);
		break;
	case OUT_JSON:
	case OUT_JSONL: {
		json_t *o = fc_report_json(s, &r->ro);
		if (!o)
			r->oom = 1;
		if (r->out == OUT_JSON) {
			sl->json = o;
		} else if (mf) {
			/* one compact object per line */
			if (!o || json_dumpf(o, mf, JSON_COMPACT |
					     JSON_PRESERVE_ORDER) < 0)
				fputs(oom_json, mf);
			fputc('\n', mf);
			json_decref(o);
		} else {
			json_decref(o);
		}
		break;
	}
	default:
		break;
	}
	if (mf)
		fclose(mf);
	/* JUnit needs the findings at the end, nothing needs the rest */
	if (r->out != OUT_JUNIT)
		fc_result_release(&s->res);
	s->bytes = NULL;
	s->len = 0;
	s->fetch = NULL;
	sl->done = 1;
	r->ndone++;
	emit_ready(r);
	progress_show(r);
}

static void check_file(struct run *r, size_t i)
{
	struct fc_source *s = &r->src[i];
	struct buf b;
	char *err;
	struct mapped_file map;

	ft_buf_init(&b, MAX_SOURCE);
	src_read(s, &b, &err, &map);
	if (s->read_failed) {
		ft_diag_add(&s->res.diags, DIAG_ERROR, "io-error", s->name, 0, 0,
			 "%s", err ? err : "cannot read");
		free(err);
	} else {
		struct fc_options fo = r->limits;

		s->bytes = map.base ? map.base : (const unsigned char *)(b.data ? b.data : "");
		s->len = map.base ? map.len : b.len;
		if (map.base) {
			fo.consumed = ft_mapped_release_behind;
			fo.consumed_arg = &map;
		}
		if (fc_check(s->bytes, s->len, s->name, NULL, &fo, &s->res) < 0)
			ft_diag_add(&s->res.diags, DIAG_ERROR, "validator-limit",
				 s->name, 0, 0, "out of memory");
	}
	finish_source(r, i);
	ft_buf_release(&b);
	ft_mapped_close(&map);
}

/* fetch_done_fn: check what came, with what the transport said about it */
static void url_done(size_t index, int ok, struct fetch_result *fr,
		     struct diag_list *dl, void *ud)
{
	struct run *r = ud;
	size_t i = r->url_src[index];
	struct fc_source *s = &r->src[i];

	s->fetch = fr;
	/* the transport's findings first: fc_check() keeps them in front */
	ft_diag_list_move(&s->res.diags, dl);
	if (ok < 0) {
		s->read_failed = 1;
	} else {
		struct fc_transport t;

		t.media_type = fr->media_type;
		t.charset = fr->charset;
		t.url = fr->final_url;
		s->bytes = fr->body ? fr->body : (const unsigned char *)"";
		s->len = fr->len;
		if (fc_check(s->bytes, s->len, s->name, &t, &r->limits, &s->res) < 0)
			ft_diag_add(&s->res.diags, DIAG_ERROR, "validator-limit",
				 s->name, 0, 0, "out of memory");
	}
	finish_source(r, i);
}

/*
 * --format json: one document whatever happened.  An array (in the order
 * of the list) with --urls or several sources, else the one object.
 */
static void print_json(struct run *r, int many)
{
	json_t *arr = many ? json_array() : NULL;
	size_t i;

	if (many && !arr) {
		fputs("[]\n", stdout);
		r->oom = 1;
		return;
	}
	for (i = 0; i < r->n; i++) {
		json_t *o = r->slot[i].json;

		r->slot[i].json = NULL;
		if (!o)
			o = json_loads(oom_json, 0, NULL);
		if (arr) {
			if (!o || json_array_append_new(arr, o) < 0)
				r->oom = 1;
		} else if (o) {
			json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			fputc('\n', stdout);
			json_decref(o);
		} else {
			printf("%s\n", oom_json);
		}
	}
	if (arr) {
		json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
		json_decref(arr);
	} else if (r->n == 0) {
		/* the one source is in another shard */
		fputs("[]\n", stdout);
	}
}

int main(int argc, char **argv)
{
	enum { O_FORMAT = 256, O_COLOR, O_STRICT, O_IGNORE, O_ONLY,
	       O_LIST, O_EXPLAIN, O_VERSION, O_URLS, O_SHARD, O_CACERT,
	       O_CONNECT_TIMEOUT, O_MAX_TIME, O_STALL_TIMEOUT, O_MAX_SIZE,
	       O_HEADER, O_MAX_DEPTH, O_MAX_TEXT };
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
		{ NULL, 0, NULL, 0 }
	};
	struct rulelist ignore = { { NULL }, 0 }, only = { { NULL }, 0 };
	struct run run;
	struct fetch_opts fo;
	struct srclist all = { NULL, NULL, 0, 0 };
	const char *headers[MAX_HEADERS];
	const char *urls_file = NULL;
	const char **urls = NULL;
	size_t nheaders = 0, i, nurls = 0;
	unsigned long shard_i = 1, shard_n = 1;
	int color = -1, quiet = 0, c, rc, jobs = FETCH_DEFAULT_JOBS, stdin_src = 0;
	int fetching = 0, status;
	const char *nc;
	char *err;
	long v;

	memset(&run, 0, sizeof(run));
	run.out = OUT_TEXT;
	run.filt.ignore = &ignore;
	run.filt.only = &only;
	fetch_opts_init(&fo);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hqkj:", longopts, NULL)) != -1) {
		switch (c) {
		case O_FORMAT:
			if (!strcmp(optarg, "text"))
				run.out = OUT_TEXT;
			else if (!strcmp(optarg, "json"))
				run.out = OUT_JSON;
			else if (!strcmp(optarg, "jsonl"))
				run.out = OUT_JSONL;
			else if (!strcmp(optarg, "junit"))
				run.out = OUT_JUNIT;
			else if (!strcmp(optarg, "github"))
				run.out = OUT_GITHUB;
			else
				return usage_error("unknown format '%s'", optarg);
			break;
		case O_COLOR:
			if (!strcmp(optarg, "auto"))
				color = -1;
			else if (!strcmp(optarg, "always"))
				color = 1;
			else if (!strcmp(optarg, "never"))
				color = 0;
			else
				return usage_error("--color takes auto, always "
						   "or never, not '%s'", optarg);
			break;
		case O_STRICT:
			run.strict = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case O_IGNORE:
			if ((rc = add_rule(&ignore, optarg)) != 0)
				return rc;
			break;
		case O_ONLY:
			if ((rc = add_rule(&only, optarg)) != 0)
				return rc;
			break;
		case O_LIST:
			list_rules();
			return finish(0);
		case O_EXPLAIN: {
			const struct fc_rule *r = fc_rule_find(optarg);
			if (!r)
				return usage_error("unknown rule '%s' (see "
						   "--list-rules)", optarg);
			explain(r);
			return finish(0);
		}
		case 'h':
			fputs(usage_text, stdout);
			return finish(0);
		case O_VERSION:
			printf("feedcheck %s\n", FEED_VERSION);
			return finish(0);
		case O_URLS:
			urls_file = optarg;
			break;
		case 'j':
			/* the same range as a timeout, then at most 1000 */
			if ((v = parse_seconds(optarg)) < 0 || v > 1000)
				return usage_error("-j takes a number from 1 to "
						   "1000, not '%s'", optarg);
			jobs = (int)v;
			break;
		case O_SHARD:
			if (src_parse_shard(optarg, &shard_i, &shard_n) < 0)
				return usage_error("--shard takes I/N with 1 <= I "
						   "<= N, not '%s'", optarg);
			break;
		case O_CACERT:
			fo.cacert = optarg;
			break;
		case 'k':
			fo.insecure = 1;
			break;
		case O_CONNECT_TIMEOUT:
		case O_MAX_TIME:
		case O_STALL_TIMEOUT:
			if ((v = parse_seconds(optarg)) < 0)
				return usage_error("a timeout is a whole number of "
						   "seconds from 1 to 86400, not "
						   "'%s'", optarg);
			if (c == O_CONNECT_TIMEOUT)
				fo.connect_timeout_s = v;
			else if (c == O_MAX_TIME)
				fo.max_time_s = v;
			else
				fo.stall_timeout_s = v;
			break;
		case O_MAX_SIZE:
			if (!(fo.max_size = parse_size(optarg)))
				return usage_error("--max-size takes a size such as "
						   "50M, not '%s'", optarg);
			break;
		case O_MAX_DEPTH:
			if ((v = parse_seconds(optarg)) < 0 || v > 10000)
				return usage_error("--max-depth takes a number of "
						   "levels from 1 to 10000, not '%s'",
						   optarg);
			run.limits.max_depth = (unsigned)v;
			break;
		case O_MAX_TEXT:
			if (!(run.limits.max_text = parse_size(optarg)))
				return usage_error("--max-text takes a size such as "
						   "4M, not '%s'", optarg);
			break;
		case O_HEADER:
			if (!header_ok(optarg))
				return usage_error("--header takes 'Name: value', "
						   "not '%s'", optarg);
			if (nheaders == MAX_HEADERS)
				return usage_error("too many headers given with "
						   "'%s'", optarg);
			headers[nheaders++] = optarg;
			break;
		case ':':
			return usage_error("option '%s' needs a value",
					   argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'",
					   argv[optind - 1]);
		}
	}
	if (optind >= argc && !urls_file)
		return usage_error("%s", "no SOURCE given");
	for (i = (size_t)optind; i < (size_t)argc; i++) {
		if (!strcmp(argv[i], "-"))
			stdin_src = 1;
		if (src_add(&all, argv[i], 0) < 0) {
			src_release(&all);
			fputs("feedcheck: out of memory\n", stderr);
			return 3;
		}
	}
	if (urls_file) {
		if (stdin_src && !strcmp(urls_file, "-")) {
			src_release(&all);
			return usage_error("%s", "standard input cannot be both "
					   "--urls - and a SOURCE");
		}
		if ((rc = src_read_urls(urls_file, &all, &err)) != 0) {
			fprintf(stderr, "feedcheck: %s\n", err ? err : "out of memory");
			free(err);
			src_release(&all);
			return rc == 2 ? usage_error("bad --urls file '%s'",
						     urls_file) : rc;
		}
	}
	fo.headers = headers;
	fo.nheaders = nheaders;
	nc = getenv("NO_COLOR");
	if (color < 0)
		color = run.out == OUT_TEXT && (!nc || !*nc) && isatty(STDOUT_FILENO);
	run.ro.color = color && run.out == OUT_TEXT;
	run.ro.min = quiet ? DIAG_ERROR : DIAG_INFO;

	/* this shard's sources, in list order */
	run.src = calloc(all.n ? all.n : 1, sizeof(*run.src));
	run.slot = calloc(all.n ? all.n : 1, sizeof(*run.slot));
	run.url_src = calloc(all.n ? all.n : 1, sizeof(*run.url_src));
	urls = calloc(all.n ? all.n : 1, sizeof(*urls));
	if (!run.src || !run.slot || !run.url_src || !urls) {
		fputs("feedcheck: out of memory\n", stderr);
		status = 3;
		goto abort;
	}
	for (i = 0; i < all.n; i++) {
		if (!src_in_shard(i, shard_i, shard_n))
			continue;
		run.src[run.n].name = all.v[i];
		fc_result_init(&run.src[run.n].res);
		if (src_is_url(all.v[i])) {
			run.url_src[nurls] = run.n;
			urls[nurls++] = all.v[i];
		}
		run.n++;
	}
	run.progress = isatty(STDERR_FILENO) && run.n > 1;
	xmlInitParser();
	/* the files first: their reports wait for the URLs before them */
	for (i = 0; i < run.n; i++)
		if (!src_is_url(run.src[i].name))
			check_file(&run, i);
	if (nurls) {
		fetching = fetch_global_init() == 0;
		if (!fetching || fetch_many(urls, nurls, jobs, &fo, url_done,
					    &run) < 0) {
			/* every URL not reported yet could not be fetched */
			for (i = 0; i < run.n; i++)
				if (!run.slot[i].done) {
					struct fc_source *s = &run.src[i];
					s->read_failed = 1;
					ft_diag_add(&s->res.diags, DIAG_ERROR,
						 "fetch-internal", s->name, 0, 0,
						 "cannot fetch '%s': out of memory "
						 "or libcurl failed", s->name);
					finish_source(&run, i);
				}
		}
	}
	progress_clear(&run);
	emit_ready(&run);
	if (run.out == OUT_JSON)
		print_json(&run, all.n != 1 || urls_file);
	if (run.out == OUT_JUNIT &&
	    fc_report_junit(stdout, run.src, run.n, &run.ro) < 0)
		fputs("feedcheck: cannot write the JUnit report\n", stderr);
	if (run.oom) {
		fputs("feedcheck: out of memory while reporting\n", stderr);
		run.status = 3;
	}
	status = run.status;
	xmlCleanupParser();
abort:
	if (fetching)
		fetch_global_cleanup();
	for (i = 0; run.src && i < run.n; i++)
		fc_result_release(&run.src[i].res);
	for (i = 0; run.slot && i < run.n; i++) {
		free(run.slot[i].out);
		json_decref(run.slot[i].json);
	}
	free(run.src);
	free(run.slot);
	free(run.url_src);
	free(urls);
	src_release(&all);
	return finish(status);
}
