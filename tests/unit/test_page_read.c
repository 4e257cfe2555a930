/*
 * test_page_read.c - what a run does with a folder and a page, as far as
 * the paper's clock goes (feedgen(5)): a page that changes while it is
 * read, or since the walk saw it, is not taken (page_read.c, through the
 * hook tests have between the reading and the second look); a folder's
 * pages in printed order, those changed too recently waiting, an edition
 * without its ready marker waiting whole (folder_plan.c).
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collection.h"
#include "folder_plan.h"
#include "media.h"
#include "options.h"
#include "page_read.h"
#include "run.h"
#include "test.h"

static char page_path[600];

/* The converter writes on while feedgen reads. */
static void grow(const char *path)
{
	FILE *fp = fopen(page_path, "a");

	(void)path;
	if (fp) {
		fputs("\n更多的字。\n", fp);
		fclose(fp);
	}
}

static void init_run(struct run *r)
{
	memset(r, 0, sizeof(*r));
	options_init(&r->opt);
	r->base = "https://x.example";
	r->host = (char *)"x.example";
	r->encoding = "GB18030";
	r->tmpl = "{base}/{date}/{page}-{pos}.html";
	r->max_page = 1 << 20;
	r->publish_s = 6 * 3600;
	ft_tz_parse("+08:00", &r->tz);
}

/* The walk's view of the page now. */
static void walked(const char *dir, const char *name, struct collection_entry *e,
		   struct collection_dir *d, long long days)
{
	struct stat st;

	stat(page_path, &st);
	e->name = name;
	e->size = (long long)st.st_size;
	e->mtime = (long long)st.st_mtime;
	e->mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
	memset(d, 0, sizeof(*d));
	d->path = dir;
	d->has_edition = 1;
	d->edition_days = days;
	d->edition_dir = dir;
	d->v = e;
	d->n = 1;
}

static int read_it(const struct run *r, const char *root, const char *dir,
		   struct collection_entry *e, struct collection_dir *d, int refresh,
		   int *unsettled, size_t *n)
{
	struct page_file pf;
	struct page_folder folder = PAGE_FOLDER_INIT;
	struct media_sniffer sniff;
	struct article_list arts = { 0 };
	struct diag_list dl;
	int unreadable = 0, rc;

	if (refresh)
		walked(dir, e->name, e, d, d->edition_days);
	ft_diag_list_init(&dl);
	media_sniffer_init(&sniff);
	page_file_init(&pf, d, e);
	*unsettled = 0;
	rc = page_read(r, &sniff, &folder, &pf, root, NULL, &arts, &dl, &unreadable,
		       unsettled);
	*n = arts.n;
	if (arts.n) {
		CHECK(arts.v[0].clocked, "an edition's article without a date is dated by its edition");
		/* 2022-07-15 at 06:00 +08:00 */
		CHECK_INT(arts.v[0].clock, 1657836000LL, "... counted back from its publish time");
		CHECK_INT(arts.v[0].release, 1657836000LL, "... and not out before it");
		CHECK_INT(arts.v[1].rank, 1, "the second article is one second before the first");
	}
	article_list_release(&arts);
	page_file_release(&pf);
	page_folder_close(&folder);
	media_sniffer_release(&sniff);
	ft_diag_list_release(&dl);
	return rc;
}

static void test_page_read(const char *root)
{
	struct run r;
	struct collection_entry e;
	struct collection_dir d;
	char dir[512];
	int unsettled, rc;
	size_t n;
	FILE *fp;

	init_run(&r);
	snprintf(dir, sizeof(dir), "%s/2022-07-15", root);
	mkdir(dir, 0700);
	snprintf(page_path, sizeof(page_path), "%s/001_aa.txt", dir);
	fp = fopen(page_path, "w");
	fputs("# 甲\n\n正文甲。\n\n# 乙\n\n正文乙。\n", fp);
	fclose(fp);
	e.name = "001_aa.txt";
	d.edition_days = 19188;
	rc = read_it(&r, root, dir, &e, &d, 1, &unsettled, &n);
	CHECK(rc == 0 && !unsettled && n == 2, "a page as the walk saw it is read: %d %d %zu",
	      rc, unsettled, n);

	page_read_hook = grow;
	rc = read_it(&r, root, dir, &e, &d, 1, &unsettled, &n);
	page_read_hook = NULL;
	CHECK(rc < 0 && unsettled && n == 0,
	      "a page that grows while it is read is not taken: %d %d %zu", rc, unsettled, n);

	/* the walk saw it before the converter wrote more */
	grow(page_path);
	rc = read_it(&r, root, dir, &e, &d, 0, &unsettled, &n);
	CHECK(rc < 0 && unsettled && n == 0,
	      "a page that changed since the walk saw it is not taken: %d %d %zu", rc, unsettled, n);
	rc = read_it(&r, root, dir, &e, &d, 1, &unsettled, &n);
	CHECK(rc == 0 && !unsettled && n == 2, "once it is still, it is read");
	options_release(&r.opt);
}

static void test_plan(const char *root)
{
	static const char *const names[] = { "10_c.txt", "1_a.txt", "2_b.txt", "2_z.txt", "x.txt" };
	struct collection_entry e[5];
	struct collection_dir d;
	struct state_page_list known = { 0 };
	struct state_page kp[2];
	struct marker_seen ms = { NULL, 0 };
	struct folder_plan p;
	struct run r;
	char dir[512], path[600];
	size_t i;
	int fd;

	init_run(&r);
	r.now.t = 2000000000LL;
	r.settle = 60;
	snprintf(dir, sizeof(dir), "%s/2022-07-16", root);
	mkdir(dir, 0700);
	memset(&d, 0, sizeof(d));
	d.path = dir;
	d.has_edition = 1;
	d.edition_dir = dir;
	d.v = e;
	d.n = 5;
	/* in byte order of names, as the walk gives them */
	for (i = 0; i < 5; i++) {
		e[i].name = names[i];
		e[i].size = 10;
		e[i].mtime = r.now.t - 3600;
		e[i].mtime_ns = e[i].mtime * 1000000000LL;
	}
	e[3].mtime = r.now.t - 10;       /* 2_z.txt: changed 10 s ago */
	e[3].mtime_ns = e[3].mtime * 1000000000LL;
	/* the state has 1_a.txt as it is, and a page gone */
	memset(kp, 0, sizeof(kp));
	kp[0].name = (char *)"1_a.txt";
	kp[0].size = 10;
	kp[0].mtime = e[1].mtime_ns;
	kp[1].name = (char *)"3_gone.txt";
	known.v = kp;
	known.n = 2;
	CHECK(folder_plan(&r, &d, &known, 1, &ms, &p) == 0, "a folder planned");
	CHECK_INT(p.n, 3, "three pages to read (one as it was, one settling)");
	if (p.n == 3) {
		CHECK_STR(p.v[0].e->name, "2_b.txt", "page 2 first ...");
		CHECK_STR(p.v[1].e->name, "10_c.txt", "... page 10 after it (page numbers, not names)");
		CHECK_STR(p.v[2].e->name, "x.txt", "... a page without a number last");
		CHECK(p.v[0].prev == PREV_OTHER, "page 2 follows page 1, which is not read: the state counts");
		CHECK(p.v[1].prev == PREV_OTHER, "page 10 follows 2_z.txt, which waits");
		CHECK(p.v[2].prev == PREV_READ, "x.txt follows page 10, read too: counted as it is stored");
	}
	CHECK_INT(p.waiting, 1, "the page changed 10 s ago waits (--settle 60)");
	CHECK(p.ngone == 1 && !strcmp(p.gone[0], "3_gone.txt"), "the page gone is forgotten");
	folder_plan_release(&p);

	r.settle_off = 1;
	folder_plan(&r, &d, &known, 1, &ms, &p);
	CHECK(p.n == 4 && p.waiting == 0 && p.v[0].prev == PREV_OTHER,
	      "the first run of a new state takes every page");
	folder_plan_release(&p);
	r.settle_off = 0;

	known.n = 0;
	folder_plan(&r, &d, &known, 1, &ms, &p);
	CHECK(p.n == 4 && p.v[0].prev == PREV_NONE && !strcmp(p.v[0].e->name, "1_a.txt"),
	      "a new folder: page 1 starts the printed order");
	folder_plan_release(&p);

	r.ready_marker = "READY.txt";
	folder_plan(&r, &d, &known, 1, &ms, &p);
	CHECK(p.not_ready && p.n == 0, "no ready marker: the edition waits whole");
	folder_plan_release(&p);
	snprintf(path, sizeof(path), "%s/READY.txt", dir);
	fd = open(path, O_CREAT | O_WRONLY, 0600);
	close(fd);
	e[4].name = "READY.txt";        /* named like a page, and listed */
	folder_plan(&r, &d, &known, 1, &ms, &p);
	CHECK(p.not_ready, "the marker is looked for once an edition in a run (its folders agree)");
	folder_plan_release(&p);
	marker_seen_release(&ms);
	folder_plan(&r, &d, &known, 1, &ms, &p);
	CHECK(!p.not_ready && p.n == 3, "with its marker the edition is read ...");
	for (i = 0; i < p.n; i++)
		CHECK(strcmp(p.v[i].e->name, "READY.txt"), "... and the marker is no page");
	folder_plan_release(&p);
	marker_seen_release(&ms);
	unlink(path);
	options_release(&r.opt);
}

int main(void)
{
	char root[] = "/tmp/feedtools-page-read.XXXXXX";

	if (!mkdtemp(root)) {
		printf("not ok 1 - cannot make a temporary folder\n1..1\n");
		return 1;
	}
	test_page_read(root);
	test_plan(root);
	{
		char cmd[600];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", root);
	}
	return TEST_DONE();
}
