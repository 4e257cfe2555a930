/*
 * page_read.c - a page of the collection: its file as the walk found it,
 * and its reading into articles: read (by its name in its open folder),
 * decoded, split, hashed, rendered once, its links made absolute and its
 * photos described (page_read.h).
 */
/* AT_EMPTY_PATH: _GNU_SOURCE, given by the Makefile (FEATURES_) */
#include "page_read.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ascii.h"
#include "body.h"
#include "buf.h"
#include "decode.h"
#include "feedcheck.h"
#include "fsutil.h"
#include "ident.h"
#include "media.h"
#include "options.h"
#include "render.h"
#include "utf8.h"

/* An article's HTML and summary are bounded like the page they come from. */
#define HTML_MAX ((size_t)256 << 20)

void page_file_release(struct page_file *pf)
{
	free(pf->path);
	free(pf->dir);
	free(pf->name);
	free(pf->stem);
	free(pf->page);
	free(pf->edition_dir);
	memset(pf, 0, sizeof(*pf));
}

long page_number(const char *name)
{
	long n = 0;
	size_t k = 0;

	while (k < 9 && IS_DIGIT(name[k]))
		n = n * 10 + (name[k++] - '0');
	return k ? n : LONG_MAX;
}

int page_file_init(struct page_file *pf, const struct collection_dir *d,
		   const struct collection_entry *e)
{
	const char *name = e->name, *dot = strrchr(name, '.');
	size_t k = 0;

	memset(pf, 0, sizeof(*pf));
	pf->path = ft_asprintf("%s/%s", d->path, name);
	pf->dir = strdup(d->path);
	pf->name = strdup(name);
	pf->stem = dot ? strndup(name, (size_t)(dot - name)) : strdup(name);
	while (k < 9 && IS_DIGIT(name[k]))
		k++;
	pf->page = k ? strndup(name, k) : (pf->stem ? strdup(pf->stem) : NULL);
	pf->page_no = page_number(name);
	pf->has_edition = d->has_edition;
	pf->edition_days = d->edition_days;
	pf->edition_dir = d->edition_dir ? strdup(d->edition_dir) : NULL;
	pf->mtime = e->mtime;
	pf->mtime_ns = e->mtime_ns;
	pf->size = e->size;
	if (!pf->path || !pf->dir || !pf->name || !pf->stem || !pf->page ||
	    (d->edition_dir && !pf->edition_dir)) {
		page_file_release(pf);
		return -1;
	}
	return 0;
}

void page_folder_close(struct page_folder *f)
{
	if (f->fd >= 0)
		close(f->fd);
	free(f->dir);
	f->dir = NULL;
	f->fd = -1;
}

/*
 * The page's folder, for openat(): opened from the collection's root one
 * name at a time without following a link (ft_open_dir), so that a
 * folder swapped for a link after the walk listed it leads nowhere.  A
 * descriptor, or -1 (errno).
 */
static int folder_of(struct page_folder *f, const struct page_file *pf,
		     const char *root)
{
	size_t n = strlen(root);
	const char *rel = pf->dir;
	int rootfd;

	if (f->dir && !strcmp(f->dir, pf->dir))
		return f->fd;
	page_folder_close(f);
	/* the walk names every folder root/rel */
	if (!strncmp(pf->dir, root, n) && (pf->dir[n] == '/' || !pf->dir[n]))
		rel = pf->dir + n + (pf->dir[n] == '/');
	else
		root = ".";
	rootfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		return -1;
	f->fd = ft_open_dir(rootfd, rel, 0, 0);
	close(rootfd);
	if (f->fd < 0)
		return -1;
	if (!(f->dir = strdup(pf->dir))) {
		page_folder_close(f);
		errno = ENOMEM;
		return -1;
	}
	return f->fd;
}

/*
 * The page's file, open: a regular file of its folder, or a symbolic link
 * that leads to a regular file inside the collection (ft_open_inside: the
 * file opened is what is checked).  A descriptor, or -1 (errno; EXDEV for
 * a link out of the collection).
 */
static int open_page(int dirfd, const struct page_file *pf, const char *root_real)
{
	struct stat st;
	int fd = openat(dirfd, pf->name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0 && errno == ELOOP)
		return root_real ? ft_open_inside(dirfd, pf->name, root_real) :
				   (errno = ENOTSUP, -1);
	if (fd >= 0 && (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	return fd;
}

void (*page_read_hook)(const char *path);

/* Is the open page still the file the walk saw (its size and time)?
 * Asked as the walk asks (fstatat), so that both see the same times. */
static int as_walked(int fd, const struct page_file *pf)
{
	struct stat st;

	return fstatat(fd, "", &st, AT_EMPTY_PATH) == 0 && (long long)st.st_size == pf->size &&
	       (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec == pf->mtime_ns;
}

/* Read the page pf: 0, or -1 having said why in dl (*unreadable when it
 * could not be read at all; *skipped when it is a link that is not
 * followed, a warning; *unsettled when it changed since the walk saw it
 * or while it was read: a converter still writing it). */
static int read_page(const struct run *r, struct page_folder *folder,
		     const struct page_file *pf, const char *root,
		     const char *root_real, char **data, size_t *len,
		     struct diag_list *dl, int *unreadable, int *skipped,
		     int *unsettled)
{
	int dirfd = folder_of(folder, pf, root), fd = -1, rc = -1, e;

	if (dirfd >= 0 && (fd = open_page(dirfd, pf, root_real)) >= 0) {
		if (!as_walked(fd, pf)) {
			close(fd);
			*unsettled = 1;
			return -1;
		}
		rc = ft_read_fd(fd, r->max_page, pf->size > 0 ? (size_t)pf->size : 0,
				data, len);
		if (rc == 0 && page_read_hook)
			page_read_hook(pf->path);
		if (rc == 0 && !as_walked(fd, pf)) {
			free(*data);
			close(fd);
			*unsettled = 1;
			return -1;
		}
	}
	e = errno;
	if (fd >= 0)
		close(fd);
	if (rc == 0)
		return 0;
	if (e == EXDEV || e == ENOTSUP) {
		/* as a link to a folder is not walked: never read, said */
		ft_diag_add(dl, DIAG_WARNING, "page-link-outside", pf->path, 0, 0,
			    e == EXDEV ? "a symbolic link to a file outside the collection; not read" :
			    "a symbolic link, and where it leads cannot be checked (no /proc); not read");
		*skipped = 1;
	} else if (e == EFBIG) {
		ft_diag_add(dl, DIAG_ERROR, "page-too-large", pf->path, 0, 0,
			    "page is larger than %zu bytes (--max-page-size); skipped",
			    r->max_page);
	} else {
		ft_diag_add(dl, DIAG_ERROR, "page-unreadable", pf->path, 0, 0,
			    "cannot read page: %s", e == ELOOP || e == ENOTDIR ?
			    "its folder is now a symbolic link or not a folder; not followed" :
			    e == EINVAL || e == EISDIR ? "not a regular file" : strerror(e));
		*unreadable = 1;
	}
	return -1;
}

/*
 * An article's links and images made absolute, its photos put in their
 * figures and the first named in a->extra, or the photo its front matter
 * names (media.h): only for an article whose Markdown can hold a link or
 * an image, or that names a photo.  0, or -1 (no memory).
 */
static int article_media(const struct run *r, struct media_sniffer *sniff,
			 const struct page_file *pf, const char *root,
			 const char *root_real, const char *text, size_t len,
			 struct article *a,
			 struct buf *html, struct diag_list *dl)
{
	struct media_where w;
	const char *why;
	char *link, *assets = NULL;
	int rc = -1;

	if (!(link = a->url ? strdup(a->url) : expand_link(r->tmpl, r->base, a, &why)) ||
	    (r->asset_tmpl && !(assets = expand_link(r->asset_tmpl, r->base, a, &why))))
		goto done;
	/* --asset-base names a folder */
	if (assets && *assets && assets[strlen(assets) - 1] != '/') {
		char *s = ft_asprintf("%s/", assets);
		free(assets);
		if (!(assets = s))
			goto done;
	}
	memset(&w, 0, sizeof(w));
	w.link = link;
	w.asset_base = assets;
	w.root = root;
	w.root_real = root_real;
	w.page_dir = pf->dir;
	w.file = pf->path;
	w.text = text;
	w.text_len = len;
	w.line = a->line;
	w.credits = &a->photo_credits;
	w.sniff = sniff;
	w.thumb_pattern = r->thumb_pattern;
	w.seen = &a->photo_files;
	rc = 0;
	if (media_wanted(a->body, a->body ? strlen(a->body) : 0))
		rc = media_rewrite(&w, html, &a->extra, dl);
	if (rc == 0 && a->image)
		rc = media_photo_of(&w, a->image, &a->extra, dl);
done:
	free(link);
	free(assets);
	return rc;
}

/*
 * An article's id (a new article's, from its place; or the one its front
 * matter gives) and its link when its front matter gives one: a path on
 * the site made absolute against the base URL.  0, or -1 (no memory).
 */
static int article_ids(const struct run *r, struct article *a,
		       struct diag_list *dl)
{
	if (a->given_id) {
		a->id = id_from_given(r->authority, a);
		a->id_given = 1;
	} else {
		a->id = make_tag_id(r->authority, a);
	}
	if (!a->id)
		return -1;
	if (a->url) {
		char *base = ft_asprintf("%s/", r->base), *abs = NULL, *clean;
		const char *why;
		int k = base ? media_resolve(base, a->url, &abs, &why) : -1;
		free(base);
		if (k < 0)
			return -1;
		clean = url_clean(abs ? abs : a->url);
		free(abs);
		if (!clean)
			return -1;
		free(a->url);
		a->url = clean;
		if (k == MEDIA_UNRESOLVED || !url_is_http(a->url, &why)) {
			ft_diag_add(dl, DIAG_WARNING, "front-matter-bad-value", a->file, a->line, 0,
				    "front-matter url '%s' is not an http or https URL once made absolute; the link template gives the entry's link",
				    a->url);
			free(a->url);
			a->url = NULL;
		}
	}
	return 0;
}

/* Is one of the article's sections left out by --exclude? */
static int excluded_section(const struct run *r, const struct article *a)
{
	size_t k;

	for (k = 0; r->nexclude && k < a->categories.n; k++)
		if (config_excluded(r, a->categories.v[k]))
			return 1;
	return 0;
}

int page_read(const struct run *r, struct media_sniffer *sniff,
	      struct page_folder *folder, const struct page_file *pf,
	      const char *root, const char *root_real, struct article_list *arts,
	      struct diag_list *dl, int *unreadable, int *unsettled)
{
	struct decoded dec = { 0 };
	struct page_info pi;
	struct buf raw = BUF_INIT(HTML_MAX), html = BUF_INIT(HTML_MAX);
	struct buf sum = BUF_INIT(HTML_MAX);
	char *data;
	size_t len, i;
	int n, skipped = 0, rc = -1;

	if (read_page(r, folder, pf, root, root_real, &data, &len, dl, unreadable,
		      &skipped, unsettled) < 0)
		return skipped ? 0 : -1;        /* a link not followed: no articles */
	if (decode_page(pf->path, (const unsigned char *)data, len, r->encoding,
			dl, &dec) < 0) {
		free(data);
		return -1;
	}
	free(data);
	pi.file = pf->path;
	pi.stem = pf->stem;
	pi.has_edition = pf->has_edition;
	pi.edition_days = pf->edition_days;
	pi.mtime = pf->mtime;
	pi.tz = &r->tz;
	pi.publish_s = r->publish_s;
	n = article_split(&pi, dec.text, dec.len, dl, arts);
	if (n < 0)
		goto fail;
	for (i = 0; i < arts->n; i++) {
		struct article *a = &arts->v[i];
		const char *sec;
		size_t blen = a->body ? strlen(a->body) : 0;

		a->file = pf->path;
		a->edition = pf->edition_dir;
		a->tz = &r->tz;
		a->page_no = pf->page_no;
		free(a->page);
		a->page = strdup(pf->page);
		/* the config's page-to-section mapping, for articles whose
		 * front matter names none */
		if (!a->categories.n && (sec = opt_map(&r->opt, "section", pf->page)))
			strlist_add_unique(&a->categories, sec, strlen(sec));
		if (!a->page)
			goto oom;
		/* --exclude: an article of a section left out is not stored
		 * (the others keep their places on the page) */
		if (excluded_section(r, a)) {
			article_release(a);
			memmove(a, a + 1, (arts->n - i - 1) * sizeof(*a));
			arts->n--;
			i--;
			continue;
		}
		/* the hash of what the page says (its link as written) */
		article_hash(a, a->hash);
		if (article_ids(r, a, dl) < 0)
			goto oom;
		/* rendered once, here, for every format.  The page's text is
		 * already clean of what XML forbids (decode.c), but md4c turns
		 * numeric references such as &#1; into the raw character: a
		 * body with an '&' has its HTML cleaned again */
		ft_buf_reset(&raw);
		ft_buf_reset(&html);
		ft_buf_reset(&sum);
		if (render_html(a->body ? a->body : "", blen,
				a->body && memchr(a->body, '&', blen) ? &raw : &html) < 0 ||
		    (raw.len && ft_xml_clean_append(&html, raw.data, raw.len) < 0) ||
		    (!a->summary_given &&
		     render_summary(a->body ? a->body : "", blen, SUMMARY_CHARS, &sum) < 0) ||
		    ((media_wanted(a->body, blen) || a->image) &&
		     article_media(r, sniff, pf, root, root_real, dec.text, dec.len, a,
				   &html, dl) < 0)) {
			if (errno == ENOMEM)
				ft_diag_add(dl, DIAG_ERROR, "out-of-memory", pf->path, a->line, 0,
					    "cannot render the article: out of memory");
			else
				ft_diag_add(dl, DIAG_ERROR, "article-too-large", pf->path,
					    a->line, 0, "cannot render the article: it is too large");
			goto fail;
		}
		/* what feedgen writes, its self-check must be able to read:
		 * an article larger than the check's ceiling on one element's
		 * text would stop every feed, on every run */
		if (html.len > FC_MAX_TEXT_DEFAULT - 4096) {
			ft_diag_add(dl, DIAG_ERROR, "page-too-large", pf->path, a->line, 0,
				    "the article is %zu bytes once rendered, more than a feed's entry may hold (%zu); page skipped",
				    html.len, (size_t)FC_MAX_TEXT_DEFAULT - 4096);
			goto fail;
		}
		/* the agency whose copy it is, for the writers (body.h) */
		if (a->source && body_extra_source(&a->extra, a->source) < 0)
			goto oom;
		a->html_len = html.len;
		a->html = html.data ? ft_buf_detach(&html) : strdup("");
		if (!a->summary_given)
			a->summary = sum.data ? ft_buf_detach(&sum) : strdup("");
		if (!a->html || !a->summary)
			goto oom;
		/* the Markdown stays until the page is stored: an article
		 * a state from before 0.2 has is compared by its text
		 * (article_hash_same) */
	}
	rc = 0;
	goto fail;
oom:
	ft_diag_add(dl, DIAG_ERROR, "out-of-memory", pf->path, 0, 0,
		    "out of memory");
fail:
	free(dec.text);
	ft_buf_release(&raw);
	ft_buf_release(&html);
	ft_buf_release(&sum);
	return rc;
}
