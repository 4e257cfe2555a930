/*
 * collection.h - find the pages of an article collection.
 *
 * A collection is a folder walked recursively.  A page is any *.txt or
 * *.md file; its edition is the nearest enclosing folder named YYYY-MM-DD
 * or YYYYMMDD (a real date; a folder so named whose date does not exist
 * is an error, and not read).  Hidden files and folders are skipped, and
 * symbolic links to folders are not followed.
 *
 * The walk hands over one folder at a time, its pages in byte order of
 * their names, so that memory does not grow with the collection: only the
 * names of the sub-folders still to visit are kept.
 */
#ifndef FEEDGEN_COLLECTION_H
#define FEEDGEN_COLLECTION_H

#include <stddef.h>

#include "diag.h"

#define COLLECTION_MAX_DEPTH 16
#define COLLECTION_MAX_PAGES 1000000

/* A page file as the walk found it (valid during the callback). */
struct collection_entry {
	const char *name;
	long long size;
	long long mtime;        /* seconds */
	long long mtime_ns;     /* nanoseconds, for change detection */
};

/* A folder with its pages. */
struct collection_dir {
	const char *path;       /* as opened: root/rel, no final '/' */
	int has_edition;
	long long edition_days; /* days since the epoch */
	const char *edition_dir;/* the edition folder it is (in), or NULL */
	const struct collection_entry *v;
	size_t n;
};

struct collection_visit {
	/* each readable folder, with its pages (maybe none); non-zero stops
	 * the walk, and is returned */
	int (*dir)(void *arg, const struct collection_dir *d);
	/* a folder below the root that cannot be opened (errno says why);
	 * non-zero stops the walk */
	int (*unreadable)(void *arg, const char *path, int err);
	/* a folder below the root that is not read, a diagnostic having
	 * said why (an edition folder whose name is not a date): what the
	 * state has of it stays; non-zero stops the walk */
	int (*kept)(void *arg, const char *path);
	void *arg;
	size_t max_pages;       /* 0: COLLECTION_MAX_PAGES */
};

/*
 * Walk root: v->dir for every folder in it, the root first, each folder's
 * sub-folders in byte order of their names after its own pages.  Returns 0,
 * -1 when root itself cannot be read or holds more than max_pages pages
 * (diagnostic added), or what a callback returned.
 */
int collection_walk(const char *root, const struct collection_visit *v,
		    struct diag_list *dl);

/* Parse an edition folder name (YYYY-MM-DD or YYYYMMDD, years 0000 to
 * 9999): 0 and *days; -1 when it is not named as a date; -2 when it is
 * and the date does not exist, with why ("February 2023 has 28 days").
 * Exposed for tests. */
int edition_date(const char *name, long long *days, char *why, size_t whylen);

#endif
