#include "collection.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ascii.h"
#include "buf.h"
#include "date.h"

void page_set_release(struct page_set *ps)
{
	size_t i;
	for (i = 0; i < ps->n; i++) {
		free(ps->v[i].path);
		free(ps->v[i].stem);
		free(ps->v[i].page);
	}
	free(ps->v);
	ps->v = NULL;
	ps->n = ps->alloc = 0;
}

/* by path, then by place in the set (the pointers are into one array) */
static int cmp_page_ptr(const void *a, const void *b)
{
	const struct page_file *x = *(const struct page_file *const *)a;
	const struct page_file *y = *(const struct page_file *const *)b;
	int c = strcmp(x->path, y->path);

	return c ? c : (x < y ? -1 : x > y);
}

int page_set_dedupe(struct page_set *ps)
{
	const struct page_file **ix;
	size_t i, out = 0;
	char *dup;

	if (ps->n < 2)
		return 0;
	ix = malloc(ps->n * sizeof(*ix));
	dup = calloc(ps->n, 1);
	if (!ix || !dup) {
		free(ix);
		free(dup);
		return -1;
	}
	for (i = 0; i < ps->n; i++)
		ix[i] = &ps->v[i];
	qsort(ix, ps->n, sizeof(*ix), cmp_page_ptr);
	for (i = 1; i < ps->n; i++)
		if (!strcmp(ix[i]->path, ix[i - 1]->path))
			dup[ix[i] - ps->v] = 1;     /* a later one: the first stays */
	for (i = 0; i < ps->n; i++) {
		if (dup[i]) {
			free(ps->v[i].path);
			free(ps->v[i].stem);
			free(ps->v[i].page);
			continue;
		}
		ps->v[out++] = ps->v[i];
	}
	ps->n = out;
	free(ix);
	free(dup);
	return 0;
}

int edition_date(const char *name, long long *days)
{
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
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > ft_days_in_month(y, m))
		return -1;
	*days = ft_days_from_civil(y, m, d);
	return 0;
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

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_page(struct page_set *ps, char *path, const char *name,
		    int has_edition, long long days, const struct stat *st)
{
	struct page_file *p;
	const char *dot = strrchr(name, '.');
	size_t k = 0;

	if (ps->n >= (ps->max ? ps->max : COLLECTION_MAX_PAGES)) {
		errno = EFBIG;
		return -1;
	}
	if (ps->n == ps->alloc) {
		size_t na = ps->alloc ? ps->alloc * 2 : 64;
		struct page_file *nv = realloc(ps->v, na * sizeof(*nv));
		if (!nv)
			return -1;
		ps->v = nv;
		ps->alloc = na;
	}
	p = &ps->v[ps->n];
	memset(p, 0, sizeof(*p));
	p->path = path;
	p->stem = strndup(name, (size_t)(dot - name));
	while (k < 9 && IS_DIGIT(name[k]))
		k++;
	p->page = k ? strndup(name, k) : strdup(p->stem ? p->stem : "");
	p->page_no = k ? strtol(name, NULL, 10) : LONG_MAX;
	p->has_edition = has_edition;
	p->edition_days = days;
	p->mtime = (long long)st->st_mtime;
	p->mtime_ns = (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
	p->size = (long long)st->st_size;
	if (!p->stem || !p->page) {
		free(p->stem);
		free(p->page);
		return -1;
	}
	ps->n++;
	return 0;
}

static int walk(const char *dir, int depth, int has_edition, long long days,
		struct page_set *ps, struct diag_list *dl)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, alloc = 0, i;
	int r = 0;

	if (!d) {
		if (depth == 0)
			ft_diag_add(dl, DIAG_ERROR, "collection-unreadable", dir, 0, 0,
				 "cannot open collection: %s", strerror(errno));
		else
			ft_diag_add(dl, DIAG_WARNING, "folder-unreadable", dir, 0, 0,
				 "cannot open folder: %s; skipped", strerror(errno));
		return depth == 0 ? -1 : 0;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == alloc) {
			size_t na = alloc ? alloc * 2 : 32;
			char **nv = realloc(names, na * sizeof(*nv));
			if (!nv)
				break;
			names = nv;
			alloc = na;
		}
		if (!(names[n] = strdup(e->d_name)))
			break;
		n++;
	}
	closedir(d);
	/* readdir order is the file system's; sort for runs that repeat */
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		struct stat st;
		char *path = ft_xasprintf("%s/%s", dir, names[i]);
		long long ed;

		if (!path) {
			r = -1;
			break;
		}
		if (lstat(path, &st) < 0) {
			free(path);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (depth + 1 >= COLLECTION_MAX_DEPTH) {
				ft_diag_add(dl, DIAG_WARNING, "folder-too-deep", path, 0, 0,
					 "folders nested deeper than %d levels; skipped",
					 COLLECTION_MAX_DEPTH);
			} else if (edition_date(names[i], &ed) == 0) {
				r = walk(path, depth + 1, 1, ed, ps, dl);
			} else {
				r = walk(path, depth + 1, has_edition, days, ps, dl);
			}
			free(path);
			if (r < 0)
				break;
			continue;
		}
		if (S_ISLNK(st.st_mode) && stat(path, &st) < 0) {
			free(path);
			continue;
		}
		if (!S_ISREG(st.st_mode) || !is_page_name(names[i])) {
			free(path);
			continue;
		}
		if (add_page(ps, path, names[i], has_edition, days, &st) < 0) {
			free(path);
			ft_diag_add(dl, DIAG_ERROR, "collection-too-large", dir, 0, 0,
				 "too many pages (at most %zu; see --max-pages)",
				 ps->max ? ps->max : (size_t)COLLECTION_MAX_PAGES);
			r = -1;
			break;
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return r;
}

static int cmp_pages(const void *a, const void *b)
{
	const struct page_file *x = a, *y = b;

	if (x->has_edition != y->has_edition)
		return y->has_edition - x->has_edition;
	if (x->edition_days != y->edition_days)
		return x->edition_days < y->edition_days ? -1 : 1;
	if (x->page_no != y->page_no)
		return x->page_no < y->page_no ? -1 : 1;
	return strcmp(x->path, y->path);
}

int collection_scan(const char *root, struct page_set *ps,
		    struct diag_list *dl)
{
	size_t first = ps->n;
	struct stat st;
	char *r;
	size_t n = strlen(root);
	long long ed;
	const char *base;
	int rc;

	/* "samples/" and "samples" name the same folder */
	while (n > 1 && root[n - 1] == '/')
		n--;
	if (!(r = strndup(root, n)))
		return -1;
	if (stat(r, &st) < 0 || !S_ISDIR(st.st_mode)) {
		const char *why = "not a folder";
		if (stat(r, &st) < 0)
			why = strerror(errno);
		ft_diag_add(dl, DIAG_ERROR, "collection-unreadable", r, 0, 0,
			 "cannot open collection: %s", why);
		free(r);
		return -1;
	}
	/* the root itself may be an edition folder */
	base = strrchr(r, '/');
	base = base ? base + 1 : r;
	if (edition_date(base, &ed) == 0)
		rc = walk(r, 0, 1, ed, ps, dl);
	else
		rc = walk(r, 0, 0, 0, ps, dl);
	free(r);
	if (ps->n > first)
		qsort(ps->v + first, ps->n - first, sizeof(*ps->v), cmp_pages);
	return rc;
}
