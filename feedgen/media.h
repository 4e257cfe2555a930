/*
 * media.h - an article's URLs made absolute, its photos probed, and its
 * first photo named for feed readers.
 *
 * The article's HTML, as render.c made it (figures included), is read back
 * as a tree (htmltree.h): every <a href> and <img src> that is a relative
 * reference is resolved (RFC 3986 section 5.2, with libcurl's URL API),
 * every image of the collection probed, and the first image is described
 * in a JSON object kept with the article (its extra) for the writers.
 * Articles without a '[' in their Markdown can hold neither a link nor an
 * image with a relative URL: media_wanted() says so at the cost of one
 * memchr, and they are not read again.
 */
#ifndef FEEDGEN_MEDIA_H
#define FEEDGEN_MEDIA_H

#include <pthread.h>
#include <stddef.h>

#include "article.h"
#include "buf.h"
#include "diag.h"
#include "photofile.h"
#include "strlist.h"

/* Where an article lives, on the site and in the collection. */
struct media_where {
	const char *link;       /* the article's link: what its links are
				   resolved against */
	const char *asset_base; /* what its images are resolved against:
				   --asset-base expanded, or NULL for the link */
	const char *root;       /* its collection, no final '/' */
	const char *root_real;  /* ... absolute, without links; NULL: a
				   photo's file is never opened */
	const char *page_dir;   /* the page's folder: root, or root/REL */
	const char *file;       /* the page, for diagnostics */
	const char *text;       /* the page's decoded text (may be NULL), */
	size_t text_len;        /* to find the line of a bad reference */
	long line;              /* the article's heading */
	const struct strlist *credits;  /* a->photo_credits */
	struct media_sniffer *sniff;    /* may be NULL: types from names */
	const char *thumb_pattern;      /* a photo's thumbnail beside it
					   ({stem}, {ext}), or NULL */
	struct strlist *seen;   /* may be NULL: the photo files looked at,
				   as photo_seen_line() writes them */
};

/* libxml2's own messages on standard error ("Memory allocation failed :
 * creating buffer") silenced for the calling thread (libxml2 keeps its
 * handler per thread): what failed is said by feedgen, in the one form. */
void media_quiet_libxml(void);

/* Can body[0..len) hold a link or an image?  (Markdown writes both with
 * '['; an autolink is absolute.) */
int media_wanted(const char *body, size_t len);

/*
 * Rewrite html (an article's, cleaned of what XML forbids) in place: URLs
 * absolute, images that cannot be shown taken out, sizes set.  *extra gets a malloc'd JSON object
 * naming the first photo ({"photo":{...}}, see feedgen(5)), or NULL when
 * there is none.  A reference that cannot be resolved is kept as written,
 * with a warning in dl.  Returns 0, or -1 when memory ran out (or html is
 * past its ceiling).
 */
int media_rewrite(const struct media_where *w, struct buf *html, char **extra,
		  struct diag_list *dl);

/*
 * The entry's photo that its front matter names (ref, as written): made
 * absolute against the asset base (else the link) and described as the
 * first photo is, in *extra (replacing what was there).  One that is not
 * http(s) once absolute is a warning (front-matter-bad-value), and *extra
 * stays.  0, or -1 when memory ran out.
 */
int media_photo_of(const struct media_where *w, const char *ref, char **extra,
		   struct diag_list *dl);

/*
 * Resolve ref against base (an absolute URL).  Returns MEDIA_KEPT (ref is
 * absolute, or only a fragment: *out NULL), MEDIA_RESOLVED (*out the
 * absolute URL, malloc'd), MEDIA_UNRESOLVED (*why says why), or -1 when
 * memory ran out.
 */
enum { MEDIA_KEPT = 0, MEDIA_RESOLVED = 1, MEDIA_UNRESOLVED = 2 };
int media_resolve(const char *base, const char *ref, char **out,
		  const char **why);

/* An entry's first photo, as the writers show it (from the article's
 * extra). */
struct media_photo {
	char *url;              /* absolute */
	char *type;             /* media type, or NULL when not known */
	long long length;       /* bytes of the file in the collection; -1
				   when it is not there (no enclosure) */
	int width, height;      /* in pixels, 0 when not known */
	char *thumb;            /* a smaller copy's absolute URL, or NULL */
	int thumb_width, thumb_height;
	char *caption;          /* plain text, or NULL */
	struct strlist credits; /* the photographers' names */
	struct strlist agencies;/* the agencies the credit names */
};

/*
 * The first photo as a JSON object ({"photo":{...}}, feedgen(5)) in
 * *extra, malloc'd: src its absolute URL, type its media type (or NULL),
 * pf its file (length and size), thumb its thumbnail's URL (or NULL) and
 * tf its file, its caption (or NULL) and its credits (names one a line,
 * or NULL).  0, or -1 when memory ran out.
 */
int media_photo_json(const char *src, const char *type,
		     const struct photo_file *pf, const char *thumb,
		     const struct photo_file *tf, const char *caption,
		     const char *credits, char **extra);

/* Read the photo from extra (may be NULL).  Returns 1 with p filled, 0
 * when there is none, -1 when extra is not what media_rewrite writes. */
int media_photo_parse(const char *extra, struct media_photo *p);
void media_photo_release(struct media_photo *p);

#endif
