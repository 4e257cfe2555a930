#include "selfcheck.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

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

static void unmap_back(const char *p, size_t len)
{
	if (p && len)
		munmap((void *)p, len);
}

int selfcheck_file(FILE *fp, const char *dir, const char *rel)
{
	struct fc_result res;
	size_t len = 0, i;
	const char *data = map_back(fp, &len);
	char *name = xasprintf("%s/%s", dir, rel);
	int r = -1;

	fc_result_init(&res);
	if (!data || !name) {
		fprintf(stderr, "%s/%s: error: cannot read back the new feed [selfcheck-io]\n",
			dir, rel);
		goto done;
	}
	/* the same rules feedcheck applies, in-process */
	if (fc_check((const unsigned char *)data, len, name, NULL, NULL, &res) < 0) {
		fprintf(stderr, "%s: error: out of memory while checking [selfcheck-io]\n",
			name);
		goto done;
	}
	for (i = 0; i < res.diags.n; i++)
		if (res.diags.v[i].severity == DIAG_ERROR)
			diag_print(stderr, &res.diags.v[i]);
	r = res.diags.count[DIAG_ERROR] ? -1 : 0;
done:
	fc_result_release(&res);
	free(name);
	unmap_back(data, len);
	return r;
}
