/*
 * page_read.h - a page of the collection: its file as the walk found it
 * (name, page number, edition), and its reading into articles: read,
 * decoded, split, hashed, rendered once, links made absolute, photos
 * described; for the reading threads of pages.c.
 */
#ifndef FEEDGEN_PAGE_READ_H
#define FEEDGEN_PAGE_READ_H

#include "article.h"
#include "collection.h"
#include "diag.h"
#include "media.h"
#include "run.h"

/* A page of a folder, as the rest of feedgen sees it. */
struct page_file {
	char *path;             /* owned: dir/name */
	char *dir, *name;       /* owned */
	char *stem;             /* owned: file name without extension */
	char *page;             /* owned: page number as written ("001"), or stem */
	long page_no;           /* numeric page; LONG_MAX when none */
	int has_edition;
	long long edition_days; /* days since the epoch */
	char *edition_dir;      /* owned: its edition folder, or NULL */
	long long mtime;        /* seconds */
	long long mtime_ns;     /* nanoseconds, for change detection */
	long long size;
};

/* The page number a page file's name begins with (up to 9 digits), or
 * LONG_MAX when it begins with none: printed order is page number, then
 * name. */
long page_number(const char *name);

/* Fill pf from a folder and one of its entries; 0, or -1 (no memory). */
int page_file_init(struct page_file *pf, const struct collection_dir *d,
		   const struct collection_entry *e);
void page_file_release(struct page_file *pf);

/*
 * A reading thread's folder: the one its last page was in, open, so that
 * the next page of the same folder is opened by its name alone (the walk
 * gives a folder's pages one after another) rather than by the whole path
 * looked up again.  dir NULL: none.
 */
struct page_folder {
	char *dir;
	int fd;
};
#define PAGE_FOLDER_INIT { NULL, -1 }

void page_folder_close(struct page_folder *f);

/*
 * The page pf, of the collection root (root_real: its absolute path
 * without links, NULL when not known), into arts, and what it says into
 * dl; nothing shared is touched but the photo sniffer, which has its lock.
 * The page's folder is opened from root without following a link; a page
 * that is a symbolic link is read only when the file it leads to is a
 * regular file inside the collection, else it has no articles and a
 * warning (page-link-outside).  Returns 0, or -1 when the page is left
 * out (*unreadable set when it could not be read at all; *unsettled when
 * its size or time was not the walk's before or after it was read: a
 * converter is writing it, and it is read again next run).
 */
int page_read(const struct run *r, struct media_sniffer *sniff,
	      struct page_folder *folder, const struct page_file *pf,
	      const char *root, const char *root_real, struct article_list *arts,
	      struct diag_list *dl, int *unreadable, int *unsettled);

/* Called, when set, with each page's path between its reading and the
 * look at its size and time that follows: for tests, which change the
 * page there.  NULL in feedgen. */
extern void (*page_read_hook)(const char *path);

#endif
