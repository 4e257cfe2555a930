/*
 * page_read.h - one page of the collection read into its articles: read,
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
