/*
 * selfcheck.c - a new feed checked with feedcheck's rules, in-process,
 * before it is published (selfcheck.h).
 */
#include "selfcheck.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "diag.h"
#include "feedcheck.h"
#include "fsutil.h"

/* Feeds larger than this are not checked in one piece. */
#define SELFCHECK_MAX ((size_t)1 << 31)

/* Map the new file rather than copy it: its pages are the page cache's,
 * handed back as the check goes past them, and gone at ft_mapped_close.
 * 0, or -1 with errno (EFBIG past SELFCHECK_MAX). */
static int map_back(FILE *fp, struct mapped_file *m)
{
	struct stat st;

	memset(m, 0, sizeof(*m));
	if (fflush(fp) != 0 || fstat(fileno(fp), &st) < 0)
		return -1;
	if ((unsigned long long)st.st_size > SELFCHECK_MAX) {
		errno = EFBIG;
		return -1;
	}
	return st.st_size == 0 ? 0 : ft_mapped_open(m, fileno(fp), (size_t)st.st_size);
}

/* One finding in the usual form (fc_finding_format, as feedcheck prints). */
static void print_finding(FILE *err, const struct fc_finding *f)
{
	char small[512], *big = NULL;
	int n = fc_finding_format(f, small, sizeof(small));

	if (n < 0)
		return;
	if ((size_t)n >= sizeof(small)) {
		big = malloc((size_t)n + 1);
		if (!big || fc_finding_format(f, big, (size_t)n + 1) < 0) {
			free(big);
			return;
		}
	}
	fprintf(err, "%s\n", big ? big : small);
	free(big);
}

/* markup or an attribute readers strip as a risk (feedcheck's
 * security-risk, security-risk-attr) */
static int is_security(const struct fc_finding *f)
{
	return f->rule && !strncmp(f->rule, "security-risk", 13);
}

int selfcheck_file(FILE *fp, const char *dir, const char *rel, int quiet,
		   FILE *err)
{
	struct fc_result *res = fc_result_new();
	struct fc_options opt;
	struct fc_finding f;
	struct mapped_file map;
	size_t i, security = 0;
	int mapped = map_back(fp, &map) == 0, e = errno;
	char name[PATH_MAX];    /* as no file's name could be longer */
	int r = -1;

	snprintf(name, sizeof(name), "%s/%s", dir, rel);
	if (!res) {
		ft_message(err, name, 0, 0, DIAG_ERROR, "selfcheck-io",
			   "cannot check the new feed: out of memory");
		goto done;
	}
	if (!mapped) {
		/* mmap's ENOMEM under a memory limit is the address space */
		ft_message(err, name, 0, 0, DIAG_ERROR, "selfcheck-io",
			   "cannot read back the new feed: %s",
			   e == EFBIG ? "larger than 2 GiB, more than the check reads" :
			   e == ENOMEM ? "out of memory (mapping it)" : strerror(e));
		goto done;
	}
	/* the same rules feedcheck applies, in-process */
	memset(&opt, 0, sizeof(opt));
	if (map.base) {
		/* the feeds are checked on several threads at once */
		map.step = (size_t)64 << 10;
		opt.consumed = ft_mapped_release_behind;
		opt.consumed_arg = &map;
	}
	if (fc_check(map.base ? map.base : (const unsigned char *)"", map.len, name,
		     NULL, &opt, res) < 0) {
		ft_message(err, name, 0, 0, DIAG_ERROR, "selfcheck-io",
			   "cannot check the new feed: out of memory");
		goto done;
	}
	/* through feedcheck.h alone, as any program outside the project; in
	 * the order the check found them: errors, and what a reader may
	 * stumble on (a relative URL, a bad date) unless -q.  What feedcheck
	 * calls a warning in a feed found on the web, markup that readers
	 * strip as a risk, is an error in feedgen's own output: feedgen never
	 * writes it, and never publishes a feed that has it */
	for (i = 0; fc_result_finding(res, i, &f) == 0; i++) {
		if (is_security(&f)) {
			f.severity = FC_ERROR;
			security++;
		}
		if (f.severity == FC_ERROR || (!quiet && f.severity == FC_WARNING))
			print_finding(err, &f);
	}
	r = fc_result_total(res, FC_ERROR) || security ? -1 : 0;
done:
	fc_result_free(res);
	ft_mapped_close(&map);
	return r;
}
