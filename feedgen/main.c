/*
 * feedgen - turn a newspaper's article collection into Atom 1.0, RSS 2.0
 * and JSON Feed 1.1.
 *
 * collection -> pages (decode) -> articles (split, extract) -> feed model
 * -> writers.  Only this file prints or exits.
 */
#include <errno.h>
#include <libxml/parser.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "ascii.h"
#include "collection.h"
#include "decode.h"
#include "diag.h"
#include "fsutil.h"
#include "ident.h"
#include "options.h"
#include "utf8.h"
#include "writer.h"

#define PAGE_MAX ((size_t)16 << 20)

enum { EXIT_OK = 0, EXIT_PAGES = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

struct run {
	struct options opt;
	int quiet, dry_run;
	long limit;
	struct tzspec tz;
	const char *base;       /* without trailing '/' */
	char *base_owned;
	char *host;
	const char *encoding;
	const char *tmpl;
	const char *outdir;
	int want[3];            /* atom, rss, json */
	struct page_set pages;
	struct article_list arts;
	size_t page_errors;
};

static void show(const struct run *r, struct diag_list *dl)
{
	diag_list_print(stderr, dl, r->quiet ? DIAG_ERROR : DIAG_WARNING);
	if (dl->dropped)
		fprintf(stderr, "feedgen: %zu more diagnostics not shown\n",
			dl->dropped);
}

static int usage_error(struct diag_list *dl)
{
	diag_list_print(stderr, dl, DIAG_INFO);
	fprintf(stderr, "try 'feedgen --help' for more information\n");
	return EXIT_USAGE;
}

static int bad_value(struct diag_list *dl, const char *opt, const char *val,
		     const char *why)
{
	diag_add(dl, DIAG_ERROR, "usage", "feedgen", 0, 0,
		 "invalid --%s '%s': %s", opt, val, why);
	return usage_error(dl);
}

/* BCP 47 in outline (RFC 5646 section 2.1): letters, then subtags. */
static int lang_ok(const char *s)
{
	size_t n = 0;
	int first = 1;

	for (;; s++) {
		if (IS_ALNUM(*s) && n < 8) {
			if (first && !IS_ALPHA(*s))
				return 0;
			n++;
		} else if ((*s == '-' || !*s) && n > 0) {
			if (!*s)
				return 1;
			n = 0;
			first = 0;
		} else {
			return 0;
		}
	}
}

static int configure(struct run *r, struct diag_list *dl)
{
	const char *v, *why;
	char *end, *conf = NULL;
	struct stat st;
	int rc;

	if ((v = opt_get(&r->opt, OPT_CONFIG))) {
		rc = options_load_config(&r->opt, v, dl);
	} else if ((conf = xasprintf("%s/feed.conf", r->opt.args[0])) &&
		   stat(conf, &st) == 0) {
		rc = options_load_config(&r->opt, conf, dl);
	} else {
		rc = 0;
	}
	free(conf);
	if (rc == -2) {
		diag_list_print(stderr, dl, DIAG_INFO);
		return EXIT_IO;
	}
	if (rc < 0)
		return usage_error(dl);

	r->quiet = opt_flag(&r->opt, OPT_QUIET);
	r->dry_run = opt_flag(&r->opt, OPT_DRY_RUN);

	v = opt_get(&r->opt, OPT_BASE_URL);
	if (!v || !*v) {
		diag_add(dl, DIAG_ERROR, "usage", "feedgen", 0, 0,
			 "--base-url is required (on the command line or as 'base-url' in the config)");
		return usage_error(dl);
	}
	if (!(r->host = base_url_host(v, &why)))
		return bad_value(dl, "base-url", v, why);
	r->base_owned = strdup(v);
	if (!r->base_owned)
		return EXIT_IO;
	while (*r->base_owned && r->base_owned[strlen(r->base_owned) - 1] == '/')
		r->base_owned[strlen(r->base_owned) - 1] = '\0';
	r->base = r->base_owned;

	v = opt_get(&r->opt, OPT_LIMIT);
	errno = 0;
	r->limit = strtol(v, &end, 10);
	if (!IS_DIGIT(*v) || *end || errno || r->limit < 0)
		return bad_value(dl, "limit", v, "expected a whole number, 0 for all");

	v = opt_get(&r->opt, OPT_TZ);
	if (tz_parse(v, &r->tz) < 0)
		return bad_value(dl, "tz", v,
				 "expected an offset such as +08:00 or a zone name such as Asia/Shanghai");

	r->encoding = opt_get(&r->opt, OPT_INPUT_ENCODING);
	if (decode_encoding_known(r->encoding) < 0)
		return bad_value(dl, "input-encoding", r->encoding,
				 "iconv does not know this encoding");

	v = opt_get(&r->opt, OPT_LANG);
	if (!lang_ok(v))
		return bad_value(dl, "lang", v, "expected a language tag such as zh-CN");

	r->tmpl = opt_get(&r->opt, OPT_LINK_TEMPLATE);
	{
		struct article probe;
		char *link;
		memset(&probe, 0, sizeof(probe));
		memcpy(probe.ymd, "2000-01-01", 11);
		probe.page = (char *)"001";
		probe.page_key = (char *)"001";
		probe.id = (char *)"tag:x,2000-01-01:001/1";
		probe.pos = 1;
		link = expand_link(r->tmpl, r->base, &probe, &why);
		if (!link)
			return bad_value(dl, "link-template", r->tmpl, why);
		free(link);
	}
	v = opt_get(&r->opt, OPT_FORMATS);
	{
		const char *p = v;
		while (*p) {
			size_t n = strcspn(p, ",");
			if (n == 4 && !memcmp(p, "atom", 4))
				r->want[0] = 1;
			else if (n == 3 && !memcmp(p, "rss", 3))
				r->want[1] = 1;
			else if (n == 4 && !memcmp(p, "json", 4))
				r->want[2] = 1;
			else
				return bad_value(dl, "formats", v,
						 "expected a list of atom, rss and json");
			p += n + (p[n] == ',');
		}
		if (!r->want[0] && !r->want[1] && !r->want[2])
			return bad_value(dl, "formats", v, "no format chosen");
	}
	r->outdir = opt_get(&r->opt, OPT_OUTPUT);
	return EXIT_OK;
}

static void read_page(struct run *r, const struct page_file *pf)
{
	struct diag_list dl;
	struct decoded dec = { 0 };
	struct page_info pi;
	char *data;
	size_t len, before = r->arts.n, i;
	int n;

	diag_list_init(&dl);
	if (read_file(pf->path, PAGE_MAX, &data, &len) < 0) {
		if (errno == EFBIG)
			diag_add(&dl, DIAG_ERROR, "page-too-large", pf->path, 0, 0,
				 "page is larger than %zu MiB; skipped", PAGE_MAX >> 20);
		else
			diag_add(&dl, DIAG_ERROR, "page-unreadable", pf->path, 0, 0,
				 "cannot read page: %s", strerror(errno));
		r->page_errors++;
		goto done;
	}
	if (page_decode(pf->path, (const unsigned char *)data, len, r->encoding,
			&dl, &dec) < 0) {
		free(data);
		r->page_errors++;
		goto done;
	}
	free(data);
	pi.file = pf->path;
	pi.stem = pf->stem;
	pi.has_edition = pf->has_edition;
	pi.edition_days = pf->edition_days;
	pi.mtime = pf->mtime;
	pi.tz = &r->tz;
	n = page_split(&pi, dec.text, dec.len, &dl, &r->arts);
	free(dec.text);
	if (n < 0) {
		r->page_errors++;
		goto done;
	}
	for (i = before; i < r->arts.n; i++) {
		r->arts.v[i].page = strdup(pf->page);
		r->arts.v[i].page_no = pf->page_no;
	}
done:
	show(r, &dl);
	diag_list_release(&dl);
}

/* Newest first; ties by page number, then position on the page. */
static int cmp_articles(const void *x, const void *y)
{
	const struct article *a = x, *b = y;
	int c;

	if (a->published.t != b->published.t)
		return a->published.t > b->published.t ? -1 : 1;
	if (a->page_no != b->page_no)
		return a->page_no < b->page_no ? -1 : 1;
	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	c = strcmp(a->file, b->file);
	return c;
}

static char *default_title(const char *collection)
{
	char *c = strdup(collection), *base;
	size_t n;

	if (!c)
		return NULL;
	n = strlen(c);
	while (n > 1 && c[n - 1] == '/')
		c[--n] = '\0';
	base = strrchr(c, '/');
	base = base && base[1] ? base + 1 : c;
	memmove(c, base, strlen(base) + 1);
	return c;
}

struct target {
	const char *name;
	struct atomic_file af;
	FILE *fp;
	int changed;
	int existed;
};

static int publish(struct run *r, const struct feed_meta *m, size_t n)
{
	struct target t[3] = { { "atom.xml", { 0 }, NULL, 0, 0 },
			       { "rss.xml", { 0 }, NULL, 0, 0 },
			       { "feed.json", { 0 }, NULL, 0, 0 } };
	const char *errmsg;
	char *path;
	int i, rc = EXIT_IO;
	struct stat st;

	if (!r->dry_run && mkdir_p(r->outdir, 0777) < 0) {
		fprintf(stderr, "%s: error: cannot create output folder: %s [output-unwritable]\n",
			r->outdir, strerror(errno));
		return EXIT_IO;
	}
	for (i = 0; i < 3; i++) {
		if (!r->want[i])
			continue;
		path = xasprintf("%s/%s", r->outdir, t[i].name);
		if (!path)
			goto done;
		t[i].existed = stat(path, &st) == 0;
		if (r->dry_run) {
			/* a scratch file away from OUTDIR: nothing is written there */
			t[i].af.target = path;
			t[i].fp = t[i].af.fp = tmpfile();
			path = NULL;
		} else if (atomic_open(&t[i].af, path) == 0) {
			t[i].fp = t[i].af.fp;
		}
		if (!t[i].fp) {
			fprintf(stderr, "%s/%s: error: cannot write: %s [output-unwritable]\n",
				r->outdir, t[i].name, strerror(errno));
			free(path);
			goto done;
		}
		free(path);
	}
	if (write_feeds(m, r->arts.v, n, t[0].fp, t[1].fp, t[2].fp, &errmsg) < 0) {
		fprintf(stderr, "%s: error: %s: %s [output-unwritable]\n", r->outdir,
			errmsg, strerror(errno));
		goto done;
	}
	for (i = 0; i < 3; i++) {
		if (!t[i].fp)
			continue;
		if (atomic_commit(&t[i].af, r->dry_run, &t[i].changed) < 0) {
			fprintf(stderr, "%s/%s: error: cannot replace: %s [output-unwritable]\n",
				r->outdir, t[i].name, strerror(errno));
			goto done;
		}
	}
	rc = EXIT_OK;
	if (!r->quiet || r->dry_run) {
		for (i = 0; i < 3; i++) {
			if (!t[i].fp)
				continue;
			const char *what = !t[i].changed ? "unchanged" :
					   t[i].existed ? "updated" : "created";
			printf("%s%s/%s: %s (%zu entries)\n",
			       r->dry_run ? "would be " : "", r->outdir, t[i].name,
			       r->dry_run && !t[i].changed ? "left unchanged" :
			       r->dry_run && t[i].existed ? "updated" :
			       r->dry_run ? "created" : what, n);
		}
	}
done:
	for (i = 0; i < 3; i++)
		if (t[i].af.tmp || t[i].af.fp || t[i].af.target)
			atomic_abort(&t[i].af);
	return rc;
}

static int run(struct run *r)
{
	struct diag_list dl;
	struct feed_meta m;
	char *title = NULL;
	size_t i, n;
	int c, rc;

	diag_list_init(&dl);
	for (c = 0; c < r->opt.nargs; c++) {
		if (collection_scan(r->opt.args[c], &r->pages, &dl) < 0) {
			diag_list_print(stderr, &dl, DIAG_INFO);
			diag_list_release(&dl);
			return EXIT_IO;
		}
	}
	show(r, &dl);
	diag_list_release(&dl);

	for (i = 0; i < r->pages.n; i++)
		read_page(r, &r->pages.v[i]);
	if (!r->arts.n) {
		fprintf(stderr, "feedgen: error: no articles in %s%s; nothing published [no-articles]\n",
			r->opt.args[0], r->opt.nargs > 1 ? " and the other collections" : "");
		return EXIT_PAGES;
	}
	qsort(r->arts.v, r->arts.n, sizeof(*r->arts.v), cmp_articles);
	n = r->limit && (size_t)r->limit < r->arts.n ? (size_t)r->limit : r->arts.n;
	for (i = 0; i < n; i++) {
		struct article *a = &r->arts.v[i];
		const char *why;
		if (!a->page && !(a->page = strdup("")))
			return EXIT_IO;
		if (!(a->id = make_tag_id(r->host, a)) ||
		    !(a->link = expand_link(r->tmpl, r->base, a, &why))) {
			fprintf(stderr, "feedgen: error: out of memory\n");
			return EXIT_IO;
		}
	}

	memset(&m, 0, sizeof(m));
	m.title = opt_get(&r->opt, OPT_TITLE);
	if (!m.title || !*m.title)
		m.title = title = default_title(r->opt.args[0]);
	m.subtitle = opt_get(&r->opt, OPT_SUBTITLE);
	m.author = opt_get(&r->opt, OPT_AUTHOR);
	if (!m.author || !*m.author)
		m.author = m.title;
	m.lang = opt_get(&r->opt, OPT_LANG);
	m.home_url = xasprintf("%s/", r->base);
	m.atom_url = xasprintf("%s/atom.xml", r->base);
	m.rss_url = xasprintf("%s/rss.xml", r->base);
	m.json_url = xasprintf("%s/feed.json", r->base);
	m.id = m.home_url;
	m.updated = r->arts.v[0].updated;
	for (i = 1; i < n; i++)
		if (r->arts.v[i].updated.t > m.updated.t)
			m.updated = r->arts.v[i].updated;
	if (!m.title || !m.home_url || !m.atom_url || !m.rss_url || !m.json_url)
		rc = EXIT_IO;
	else
		rc = publish(r, &m, n);
	free(title);
	free((char *)m.home_url);
	free((char *)m.atom_url);
	free((char *)m.rss_url);
	free((char *)m.json_url);
	if (rc == EXIT_OK && r->page_errors)
		rc = EXIT_PAGES;
	return rc;
}

int main(int argc, char **argv)
{
	struct run r;
	struct diag_list dl;
	int rc;

	memset(&r, 0, sizeof(r));
	diag_list_init(&dl);
	options_init(&r.opt);
	xmlInitParser();
	if (options_parse_argv(&r.opt, argc, argv, &dl) < 0) {
		rc = usage_error(&dl);
		goto out;
	}
	if (opt_flag(&r.opt, OPT_HELP)) {
		fputs(feedgen_usage, stdout);
		rc = EXIT_OK;
		goto out;
	}
	if (opt_flag(&r.opt, OPT_VERSION)) {
		printf("feedgen %s\n", FEED_VERSION);
		rc = EXIT_OK;
		goto out;
	}
	if (r.opt.nargs == 0) {
		diag_add(&dl, DIAG_ERROR, "usage", "feedgen", 0, 0,
			 "no COLLECTION given");
		rc = usage_error(&dl);
		goto out;
	}
	rc = configure(&r, &dl);
	if (rc == EXIT_OK)
		rc = run(&r);
out:
	article_list_release(&r.arts);
	page_set_release(&r.pages);
	free(r.host);
	free(r.base_owned);
	options_release(&r.opt);
	diag_list_release(&dl);
	xmlCleanupParser();
	/* a full disk or a closed pipe must not go unnoticed */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "feedgen: error: cannot write to standard output\n");
		if (rc == EXIT_OK)
			rc = EXIT_IO;
	}
	return rc;
}
