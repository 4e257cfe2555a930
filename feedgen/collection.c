/*
 * collection.c - the walk over a collection's folders (collection.h):
 * one folder at a time, its pages in name order, then its sub-folders;
 * and the page files the rest of feedgen reads.
 */
#include "collection.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ascii.h"
#include "buf.h"
#include "date.h"
#include "grow.h"

int edition_date(const char *name, long long *days, char *why, size_t whylen)
{
	static const char *const months[12] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"
	};
	int y = 0, m = 0, d = 0, i;
	size_t n = strlen(name);
	char digits[8];

	if (n == 10 && name[4] == '-' && name[7] == '-') {
		memcpy(digits, name, 4);
		memcpy(digits + 4, name + 5, 2);
		memcpy(digits + 6, name + 8, 2);
	} else if (n == 8) {
		memcpy(digits, name, 8);
	} else {
		return -1;
	}
	for (i = 0; i < 8; i++)
		if (!IS_DIGIT(digits[i]))
			return -1;
	for (i = 0; i < 4; i++)
		y = y * 10 + digits[i] - '0';
	m = (digits[4] - '0') * 10 + digits[5] - '0';
	d = (digits[6] - '0') * 10 + digits[7] - '0';
	/* named as a date, and not one: said, never taken for a plain folder
	 * (its pages would be dated by their files' times) */
	if (m < 1 || m > 12)
		snprintf(why, whylen, "there is no month %d", m);
	else if (d < 1)
		snprintf(why, whylen, "there is no day 0");
	else if (d > ft_days_in_month(y, m))
		snprintf(why, whylen, "%s %04d has %d days", months[m - 1], y,
			 ft_days_in_month(y, m));
	else {
		/* any year RFC 3339 can show, 0000 to 9999 (feedgen(1), LIMITS) */
		*days = ft_days_from_civil(y, m, d);
		return 0;
	}
	return -2;
}

static int is_page_name(const char *name)
{
	size_t n = strlen(name);
	const char *dot = strrchr(name, '.');

	if (!dot || dot == name || n < 4)
		return 0;
	return !strcmp(dot, ".txt") || !strcmp(dot, ".md") ||
	       !strcmp(dot, ".TXT") || !strcmp(dot, ".MD");
}

struct walker {
	const struct collection_visit *v;
	struct diag_list *dl;
	size_t pages, max;
};

/* One folder's listing: its pages and its sub-folders' names. */
struct listing {
	struct collection_entry *files;
	size_t nfiles, afiles;
	char **dirs;
	size_t ndirs, adirs;
};

static void listing_release(struct listing *l)
{
	size_t i;

	for (i = 0; i < l->nfiles; i++)
		free((char *)l->files[i].name);
	for (i = 0; i < l->ndirs; i++)
		free(l->dirs[i]);
	free(l->files);
	free(l->dirs);
}

static int add_dir(struct listing *l, const char *name)
{
	if (l->ndirs == l->adirs) {
		char **nv = ft_grow(l->dirs, &l->adirs, l->ndirs + 1, sizeof(*nv));
		if (!nv)
			return -1;
		l->dirs = nv;
	}
	if (!(l->dirs[l->ndirs] = strdup(name)))
		return -1;
	l->ndirs++;
	return 0;
}

static int add_file(struct listing *l, const char *name, const struct stat *st)
{
	struct collection_entry *e;

	if (l->nfiles == l->afiles) {
		struct collection_entry *nv = ft_grow(l->files, &l->afiles, l->nfiles + 1, sizeof(*nv));
		if (!nv)
			return -1;
		l->files = nv;
	}
	e = &l->files[l->nfiles];
	if (!(e->name = strdup(name)))
		return -1;
	e->size = (long long)st->st_size;
	e->mtime = (long long)st->st_mtime;
	e->mtime_ns = (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
	l->nfiles++;
	return 0;
}

static int cmp_entries(const void *a, const void *b)
{
	return strcmp(((const struct collection_entry *)a)->name,
		      ((const struct collection_entry *)b)->name);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read folder fd into l: 0, or -1 with errno (a read error, no memory). */
static int list_dir(int fd, struct listing *l)
{
	DIR *d = fdopendir(fd);
	struct dirent *e;
	int r = 0;

	if (!d) {
		close(fd);
		return -1;
	}
	for (;;) {
		struct stat st;
		int isdir = 0, isreg = 0;
		errno = 0;
		if (!(e = readdir(d))) {
			if (errno)
				r = -1;
			break;
		}
		if (e->d_name[0] == '.')
			continue;
		/* what readdir says spares a stat for folders; a page is
		 * looked at itself, a link to one followed */
		if (e->d_type == DT_DIR) {
			isdir = 1;
		} else if (e->d_type == DT_REG || e->d_type == DT_LNK ||
			   e->d_type == DT_UNKNOWN) {
			if (e->d_type != DT_UNKNOWN && !is_page_name(e->d_name))
				continue;
			if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
				continue;
			if (S_ISLNK(st.st_mode) &&
			    (fstatat(dirfd(d), e->d_name, &st, 0) < 0 || S_ISDIR(st.st_mode)))
				continue;       /* dangling, or a link to a folder */
			isdir = S_ISDIR(st.st_mode);
			isreg = S_ISREG(st.st_mode) && is_page_name(e->d_name);
		}
		if ((isdir && add_dir(l, e->d_name) < 0) ||
		    (isreg && add_file(l, e->d_name, &st) < 0)) {
			r = -1;
			break;
		}
	}
	{
		int err = errno;
		closedir(d);
		errno = err;
	}
	return r;
}

/*
 * Walk folder dir: the root (parent AT_FDCWD, name dir, opened as given),
 * or name in the open folder parent, opened without following a link, so
 * that a folder swapped for a link after its parent was listed is not
 * entered.  The folder stays open while its sub-folders are walked: at
 * most COLLECTION_MAX_DEPTH descriptors.
 */
static int walk(struct walker *w, int parent, const char *name, const char *dir,
		int depth, int has_edition, long long days, const char *edir)
{
	struct listing l;
	struct collection_dir cd;
	size_t i;
	int fd, lfd = -1, r, k;
	char why[64];

	memset(&l, 0, sizeof(l));
	fd = parent == AT_FDCWD ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) :
	     openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || (lfd = dup(fd)) < 0 || list_dir(lfd, &l) < 0) {
		int err = errno;
		if (fd >= 0)
			close(fd);
		listing_release(&l);
		if (depth == 0) {
			ft_diag_add(w->dl, DIAG_ERROR, "collection-unreadable", dir, 0, 0,
				    "cannot open collection: %s", strerror(err));
			return -1;
		}
		if (err == ENOMEM)
			return -1;
		return w->v->unreadable ? w->v->unreadable(w->v->arg, dir, err) : 0;
	}
	w->pages += l.nfiles;
	if (w->pages > w->max) {
		ft_diag_add(w->dl, DIAG_ERROR, "collection-too-large", dir, 0, 0,
			    "too many pages (at most %zu; see --max-pages)", w->max);
		close(fd);
		listing_release(&l);
		return -1;
	}
	/* readdir order is the file system's; sort for runs that repeat */
	if (l.nfiles)
		qsort(l.files, l.nfiles, sizeof(*l.files), cmp_entries);
	if (l.ndirs)
		qsort(l.dirs, l.ndirs, sizeof(*l.dirs), cmp_names);
	cd.path = dir;
	cd.has_edition = has_edition;
	cd.edition_days = days;
	cd.edition_dir = edir;
	cd.v = l.files;
	cd.n = l.nfiles;
	r = w->v->dir(w->v->arg, &cd);
	for (i = 0; r == 0 && i < l.ndirs; i++) {
		char *path = ft_asprintf("%s/%s", dir, l.dirs[i]);
		long long ed;
		if (!path) {
			r = -1;
			break;
		}
		if (depth + 1 >= COLLECTION_MAX_DEPTH) {
			ft_diag_add(w->dl, DIAG_WARNING, "folder-too-deep", path, 0, 0,
				    "folders nested deeper than %d levels; skipped",
				    COLLECTION_MAX_DEPTH);
		} else if ((k = edition_date(l.dirs[i], &ed, why, sizeof(why))) == 0) {
			r = walk(w, fd, l.dirs[i], path, depth + 1, 1, ed, path);
		} else if (k == -2) {
			ft_diag_add(w->dl, DIAG_ERROR, "edition-bad-date", path, 0, 0,
				    "an edition folder whose name is not a date: %s; its pages are not read (what was published of them stays)",
				    why);
			r = w->v->kept ? w->v->kept(w->v->arg, path) : 0;
		} else {
			r = walk(w, fd, l.dirs[i], path, depth + 1, has_edition, days, edir);
		}
		free(path);
	}
	close(fd);
	listing_release(&l);
	return r;
}

int collection_walk(const char *root, const struct collection_visit *v,
		    struct diag_list *dl)
{
	struct walker w;
	struct stat st;
	char *r;
	size_t n = strlen(root);
	long long ed;
	const char *base;
	char why[64];
	int rc, k;

	w.v = v;
	w.dl = dl;
	w.pages = 0;
	w.max = v->max_pages ? v->max_pages : COLLECTION_MAX_PAGES;
	/* "samples/" and "samples" name the same folder */
	while (n > 1 && root[n - 1] == '/')
		n--;
	if (!(r = strndup(root, n)))
		return -1;
	if (stat(r, &st) < 0 || !S_ISDIR(st.st_mode)) {
		const char *cause = "not a folder";
		if (stat(r, &st) < 0)
			cause = strerror(errno);
		ft_diag_add(dl, DIAG_ERROR, "collection-unreadable", r, 0, 0,
			    "cannot open collection: %s", cause);
		free(r);
		return -1;
	}
	/* the root itself may be an edition folder */
	base = strrchr(r, '/');
	base = base ? base + 1 : r;
	if ((k = edition_date(base, &ed, why, sizeof(why))) == 0) {
		rc = walk(&w, AT_FDCWD, r, r, 0, 1, ed, r);
	} else if (k == -2) {
		ft_diag_add(dl, DIAG_ERROR, "edition-bad-date", r, 0, 0,
			    "an edition folder whose name is not a date: %s; not read", why);
		rc = -1;
	} else {
		rc = walk(&w, AT_FDCWD, r, r, 0, 0, 0, NULL);
	}
	free(r);
	return rc;
}
