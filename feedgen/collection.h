/*
 * collection.h - find the pages of an article collection.
 *
 * A collection is a folder walked recursively.  A page is any *.txt or
 * *.md file; its edition is the nearest enclosing folder named YYYY-MM-DD
 * or YYYYMMDD (a real date).  Hidden files and folders are skipped, and
 * symbolic links to folders are not followed.
 */
#ifndef FEEDGEN_COLLECTION_H
#define FEEDGEN_COLLECTION_H

#include <stddef.h>

#include "diag.h"

#define COLLECTION_MAX_DEPTH 16
#define COLLECTION_MAX_PAGES 1000000

struct page_file {
	char *path;             /* owned: as opened (root/rel) */
	char *stem;             /* owned: file name without extension */
	char *page;             /* owned: page number as written ("001"), or stem */
	long page_no;           /* numeric page; LONG_MAX when none */
	int has_edition;
	long long edition_days; /* days since the epoch */
	long long mtime;        /* seconds */
	long long mtime_ns;     /* nanoseconds, for change detection */
	long long size;
};

struct page_set {
	struct page_file *v;
	size_t n, alloc;
	size_t max;             /* ceiling on pages; 0: COLLECTION_MAX_PAGES */
};

void page_set_release(struct page_set *ps);

/*
 * Add root's pages to ps, ordered by edition, then page number, then name.
 * Returns 0, or -1 when root itself cannot be read (diagnostic added).
 * Unreadable sub-folders are warnings.
 */
int collection_scan(const char *root, struct page_set *ps,
		    struct diag_list *dl);

/* Parse an edition folder name; 0 and *days, or -1. Exposed for tests. */
/* Drop the pages whose path an earlier page has (a folder given twice, or
 * inside another given one), keeping the order; 0 or -1 (no memory). */
int page_set_dedupe(struct page_set *ps);

int edition_date(const char *name, long long *days);

#endif
