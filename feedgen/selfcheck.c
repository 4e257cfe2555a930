#include "selfcheck.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "feedcheck.h"

/* Feeds larger than this are not checked in one piece. */
#define SELFCHECK_MAX ((size_t)1 << 31)

/* Map the new file rather than copy it: its pages are the page cache's,
 * and they are gone again at munmap. */
static const char *map_back(FILE *fp, size_t *len)
{
	struct stat st;
	void *p;

	if (fflush(fp) != 0 || fstat(fileno(fp), &st) < 0 ||
	    (size_t)st.st_size > SELFCHECK_MAX)
		return NULL;
	*len = (size_t)st.st_size;
	if (*len == 0)
		return "";
	p = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fileno(fp), 0);
	if (p == MAP_FAILED)
		return NULL;
	madvise(p, *len, MADV_SEQUENTIAL);
	return p;
}

/* fc_options.consumed: the pages a pass over the bytes has passed leave
 * memory (they are the page cache's; a rare second look, or the next
 * pass, faults them back in) */
struct mapped {
	const char *base;
	size_t dropped;
};

static void drop_consumed(void *arg, size_t offset)
{
	struct mapped *m = arg;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t upto = offset / page * page;

	if (offset < m->dropped)
		m->dropped = 0;         /* the next pass over the bytes began */
	if (upto > m->dropped) {
		madvise((void *)(m->base + m->dropped), upto - m->dropped,
			MADV_DONTNEED);
		m->dropped = upto;
	}
}

static void unmap_back(const char *p, size_t len)
{
	if (p && len)
		munmap((void *)p, len);
}

int selfcheck_file(FILE *fp, const char *dir, const char *rel, FILE *err)
{
	struct fc_result res;
	struct fc_options opt;
	struct mapped mp;
	size_t len = 0, i;
	const char *data = map_back(fp, &len);
	char *name = xasprintf("%s/%s", dir, rel);
	int r = -1;

	fc_result_init(&res);
	if (!data || !name) {
		fprintf(err, "%s/%s: error: cannot read back the new feed [selfcheck-io]\n",
			dir, rel);
		goto done;
	}
	/* the same rules feedcheck applies, in-process */
	memset(&opt, 0, sizeof(opt));
	mp.base = data;
	mp.dropped = 0;
	if (len) {
		opt.consumed = drop_consumed;
		opt.consumed_arg = &mp;
	}
	if (fc_check((const unsigned char *)data, len, name, NULL, &opt, &res) < 0) {
		fprintf(err, "%s: error: out of memory while checking [selfcheck-io]\n",
			name);
		goto done;
	}
	for (i = 0; i < res.diags.n; i++)
		if (res.diags.v[i].severity == DIAG_ERROR)
			diag_print(err, &res.diags.v[i]);
	r = res.diags.count[DIAG_ERROR] ? -1 : 0;
done:
	fc_result_release(&res);
	free(name);
	unmap_back(data, len);
	return r;
}
