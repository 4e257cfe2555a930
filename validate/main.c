/*
 * feedcheck - validate RSS, Atom and JSON feeds.
 *
 * A thin layer over fc_check(): read each SOURCE (a file or "-"), filter
 * the findings (--ignore, --only, -q), print them in the chosen format and
 * exit 0 (no errors), 1 (errors; warnings too with --strict), 2 (usage) or
 * 3 (a source could not be read).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/parser.h>

#include "buf.h"
#include "feedcheck.h"
#include "report.h"

#define MAX_SOURCE ((size_t)1 << 30)   /* 1 GiB per source */
#define MAX_RULE_ARGS 256

enum { OUT_TEXT, OUT_JSON, OUT_JUNIT, OUT_GITHUB };

static const char usage_text[] =
"usage: feedcheck [options] SOURCE...\n"
"\n"
"Validate RSS 0.90-2.0, Atom 1.0 and JSON Feed documents.  SOURCE is a\n"
"file, or - for standard input.\n"
"\n"
"  --format FORMAT     text (default), json, junit or github\n"
"  --color WHEN        auto (default), always or never\n"
"  --strict            warnings fail too (exit status 1)\n"
"  -q, --quiet         print only errors\n"
"  --ignore RULE       do not report RULE (repeatable)\n"
"  --only RULE         report only RULE (repeatable)\n"
"  --list-rules        list every rule with its severity and exit\n"
"  --explain RULE      explain RULE and how to fix it, and exit\n"
"  -h, --help          show this help and exit\n"
"  --version           show the version and exit\n"
"\n"
"Long options take their value as --opt VALUE or --opt=VALUE.\n"
"Exit status: 0 no errors, 1 errors found, 2 usage, 3 a source could not\n"
"be read.\n";

static const char oom_json[] =
	"{\"source\": null, \"format\": null, \"encoding\": {\"bom\": null, "
	"\"http\": null, \"declared\": null, \"used\": null}, \"diagnostics\": "
	"[], \"summary\": {\"errors\": 1, \"warnings\": 0, \"infos\": 0}}\n";

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

/*
 * fc_options.consumed for a mapped file: give the pages the parse has
 * passed back to the page cache, so the resident size stays flat however
 * big the feed is.  A page touched again is simply read again.
 */
struct mapping {
	unsigned char *base;
	size_t len, released;
};

#define RELEASE_STEP ((size_t)8 << 20)

static void release_behind(void *arg, size_t offset)
{
	struct mapping *m = arg;
	size_t page = (size_t)sysconf(_SC_PAGESIZE), upto;

	if (offset < m->released + 2 * RELEASE_STEP)
		return;
	upto = (offset - RELEASE_STEP) / page * page;   /* keep a margin */
	if (upto > m->released && upto <= m->len &&
	    madvise(m->base + m->released, upto - m->released,
		    MADV_DONTNEED) == 0)
		m->released = upto;
}

/* Read all of fd into *out (a ceiling of MAX_SOURCE).  0, or errno. */
static int read_all(int fd, struct buf *out)
{
	char tmp[65536];
	ssize_t n;

	for (;;) {
		n = read(fd, tmp, sizeof(tmp));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (n == 0)
			return 0;
		if (buf_add(out, tmp, (size_t)n) < 0)
			return errno ? errno : EFBIG;
	}
}

/*
 * Get the bytes of s: a regular file is mapped (the page cache holds it,
 * not the heap), anything else is read into b.  *map and *maplen are set
 * when the file was mapped.
 */
static void read_source(struct fc_source *s, struct buf *b, char **err,
			void **map, size_t *maplen)
{
	int fd, e;
	struct stat st;

	*err = NULL;
	*map = NULL;
	*maplen = 0;
	if (!strcmp(s->name, "-")) {
		fd = STDIN_FILENO;
	} else {
		fd = open(s->name, O_RDONLY);
		if (fd < 0) {
			*err = xasprintf("cannot open '%s': %s", s->name,
					 strerror(errno));
			s->read_failed = 1;
			return;
		}
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
		    (unsigned long long)st.st_size <= MAX_SOURCE) {
			void *m = mmap(NULL, (size_t)st.st_size, PROT_READ,
				       MAP_PRIVATE, fd, 0);
			if (m != MAP_FAILED) {
				/* the parser reads it once, front to back */
				posix_madvise(m, (size_t)st.st_size,
					      POSIX_MADV_SEQUENTIAL);
				*map = m;
				*maplen = (size_t)st.st_size;
				close(fd);
				return;
			}
		}
	}
	e = read_all(fd, b);
	if (fd != STDIN_FILENO)
		close(fd);
	if (e) {
		*err = xasprintf("cannot read '%s': %s", s->name,
				 e == EFBIG ? "larger than 1 GiB" : strerror(e));
		s->read_failed = 1;
	}
}

static void list_rules(void)
{
	size_t n, i;
	const struct fc_rule *r = fc_rules(&n);

	for (i = 0; i < n; i++)
		printf("%-36s %-7s %s\n", r[i].id,
		       diag_severity_name(r[i].severity), r[i].summary);
}

static void explain(const struct fc_rule *r)
{
	const char *p = r->explain;
	size_t col = 0;

	printf("%s (%s): %s\n\n", r->id, diag_severity_name(r->severity),
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

int main(int argc, char **argv)
{
	enum { O_FORMAT = 256, O_COLOR, O_STRICT, O_IGNORE, O_ONLY,
	       O_LIST, O_EXPLAIN, O_VERSION };
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
		{ NULL, 0, NULL, 0 }
	};
	struct rulelist ignore = { { NULL }, 0 }, only = { { NULL }, 0 };
	struct filter filt = { &ignore, &only };
	struct fc_report_opts ro = { 0, DIAG_INFO };
	int out = OUT_TEXT, color = -1, strict = 0, quiet = 0, c, status = 0;
	int nsrc, i, rc;
	struct fc_source *src;
	json_t *jarr = NULL;
	const char *nc;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hq", longopts, NULL)) != -1) {
		switch (c) {
		case O_FORMAT:
			if (!strcmp(optarg, "text"))
				out = OUT_TEXT;
			else if (!strcmp(optarg, "json"))
				out = OUT_JSON;
			else if (!strcmp(optarg, "junit"))
				out = OUT_JUNIT;
			else if (!strcmp(optarg, "github"))
				out = OUT_GITHUB;
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
			strict = 1;
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
		case ':':
			return usage_error("option '%s' needs a value",
					   argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'",
					   argv[optind - 1]);
		}
	}
	nsrc = argc - optind;
	if (nsrc < 1)
		return usage_error("%s", "no SOURCE given");
	nc = getenv("NO_COLOR");
	if (color < 0)
		color = out == OUT_TEXT && (!nc || !*nc) && isatty(STDOUT_FILENO);
	ro.color = color && out == OUT_TEXT;
	ro.min = quiet ? DIAG_ERROR : DIAG_INFO;

	src = calloc((size_t)nsrc, sizeof(*src));
	if (!src) {
		fputs("feedcheck: out of memory\n", stderr);
		return 3;
	}
	if (out == OUT_JSON && nsrc > 1)
		jarr = json_array();
	xmlInitParser();
	for (i = 0; i < nsrc; i++) {
		struct fc_source *s = &src[i];
		struct buf b;
		char *err;
		void *map;
		size_t maplen;

		s->name = argv[optind + i];
		fc_result_init(&s->res);
		buf_init(&b, MAX_SOURCE);
		read_source(s, &b, &err, &map, &maplen);
		if (s->read_failed) {
			diag_add(&s->res.diags, DIAG_ERROR, "io-error", s->name,
				 0, 0, "%s", err ? err : "cannot read");
			free(err);
			status = 3;
		} else {
			struct fc_options fo;
			struct mapping mp;
			memset(&fo, 0, sizeof(fo));
			s->bytes = map ? map : (const unsigned char *)(b.data ?
								b.data : "");
			s->len = map ? maplen : b.len;
			if (map) {
				mp.base = map;
				mp.len = maplen;
				mp.released = 0;
				fo.consumed = release_behind;
				fo.consumed_arg = &mp;
			}
			if (fc_check(s->bytes, s->len, s->name, NULL, &fo,
				     &s->res) < 0)
				diag_add(&s->res.diags, DIAG_ERROR,
					 "validator-limit", s->name, 0, 0,
					 "out of memory");
			fc_filter(&s->res.diags, keep, &filt);
		}
		if (status != 3 && (s->res.diags.count[DIAG_ERROR] ||
				    (strict && s->res.diags.count[DIAG_WARNING])))
			status = 1;
		switch (out) {
		case OUT_TEXT:
			if (s->read_failed)
				fprintf(stderr, "feedcheck: %s\n",
					s->res.diags.n ? s->res.diags.v[0].message
						       : "cannot read");
			else
				fc_report_text(stdout, s, &ro);
			break;
		case OUT_GITHUB:
			fc_report_github(stdout, s, &ro);
			break;
		case OUT_JSON: {
			json_t *o = fc_report_json(s, &ro);
			if (!o) {
				/* out of memory: still one document */
				o = json_loads(oom_json, 0, NULL);
				status = 3;
			}
			if (!o) {
				if (!jarr)
					fputs(oom_json, stdout);
				break;
			}
			if (jarr) {
				json_array_append_new(jarr, o);
			} else {
				json_dumpf(o, stdout, JSON_INDENT(2) |
					   JSON_PRESERVE_ORDER);
				fputc('\n', stdout);
				json_decref(o);
			}
			break;
		}
		default:
			break;
		}
		/* the bytes are needed only while reporting this source */
		if (out != OUT_JUNIT) {
			fc_result_release(&s->res);
			s->bytes = NULL;
		}
		buf_release(&b);
		if (map)
			munmap(map, maplen);
		s->bytes = NULL;
	}
	if (jarr) {
		json_dumpf(jarr, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
		json_decref(jarr);
	}
	if (out == OUT_JUNIT && fc_report_junit(stdout, src, (size_t)nsrc, &ro) < 0)
		fputs("feedcheck: cannot write the JUnit report\n", stderr);
	for (i = 0; i < nsrc; i++)
		fc_result_release(&src[i].res);
	free(src);
	xmlCleanupParser();
	return finish(status);
}
