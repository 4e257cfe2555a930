#include "selfcheck.h"

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

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
	xmlTextReaderPtr reader;
	int r = -1, rc;
	size_t n = strlen(rel), len = 0;
	const char *data = map_back(fp, &len);

	if (!data) {
		fprintf(stderr, "%s/%s: error: cannot read back the new feed [selfcheck-io]\n",
			dir, rel);
		goto done;
	}
	if (n > 5 && !strcmp(rel + n - 5, ".json")) {
		r = 0;
		goto done;
	}
	/* streaming, so memory does not grow with the feed */
	reader = xmlReaderForMemory(data, (int)len, rel, NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR |
				    XML_PARSE_NOWARNING | XML_PARSE_HUGE);
	if (!reader)
		goto done;
	while ((rc = xmlTextReaderRead(reader)) == 1)
		;
	if (rc < 0) {
		const xmlError *e = xmlGetLastError();
		fprintf(stderr, "%s/%s:%d:%d: error: %s [xml-not-well-formed]\n", dir,
			rel, e ? e->line : 0, e ? e->int2 : 0,
			e && e->message ? e->message : "not well-formed");
	} else {
		r = 0;
	}
	xmlFreeTextReader(reader);
done:
	unmap_back(data, len);
	return r;
}
