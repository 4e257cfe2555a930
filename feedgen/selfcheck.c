#include "selfcheck.h"

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* Feeds are checked in memory; past this they are reported as too large. */
#define SELFCHECK_MAX ((size_t)1 << 30)

static int read_back(FILE *fp, struct buf *b)
{
	char chunk[65536];
	size_t n;

	if (fflush(fp) != 0)
		return -1;
	rewind(fp);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (buf_add(b, chunk, n) < 0)
			return -1;
	return ferror(fp) ? -1 : 0;
}

int selfcheck_file(FILE *fp, const char *dir, const char *rel)
{
	struct buf b = BUF_INIT(SELFCHECK_MAX);
	xmlTextReaderPtr reader;
	int r = -1, rc;
	size_t n = strlen(rel);

	if (read_back(fp, &b) < 0) {
		fprintf(stderr, "%s/%s: error: cannot read back the new feed [selfcheck-io]\n",
			dir, rel);
		goto done;
	}
	if (n > 5 && !strcmp(rel + n - 5, ".json")) {
		r = 0;
		goto done;
	}
	/* streaming, so memory does not grow with the feed */
	reader = xmlReaderForMemory(b.data ? b.data : "", (int)b.len, rel, NULL,
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
	buf_release(&b);
	return r;
}
