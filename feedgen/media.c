/*
 * media.c - an article's URLs made absolute, its photos probed, and its
 * first photo named for feed readers (media.h).
 */
#include "media.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ascii.h"
#include "body.h"
#include "fsutil.h"
#include "grow.h"
#include "htmltree.h"
#include "photofile.h"

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

void media_quiet_libxml(void)
{
	xmlSetGenericErrorFunc(NULL, quiet);
}

/* ---- resolving ------------------------------------------------------------ */

/* RFC 3986 section 3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ),
 * then ":"; a relative reference's first segment has no ":" (4.2). */
static int has_scheme(const char *s)
{
	size_t i = 0;

	if (!IS_ALPHA(s[0]))
		return 0;
	while (IS_ALNUM(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')
		i++;
	return s[i] == ':';
}

static int is_http(const char *s)
{
	return !strncmp(s, "http://", 7) || !strncmp(s, "https://", 8);
}

/* Printable ASCII only: what RFC 3986 section 2 lets a URI hold. */
static int ascii_url(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f)
			return 0;
	return 1;
}

int media_resolve(const char *base, const char *ref, char **out,
		  const char **why)
{
	CURLU *u;
	CURLUcode c;
	char *url = NULL;

	*out = NULL;
	*why = NULL;
	/* kept as written: absolute (mailto: among them) and fragment-only
	 * references, which name a place in the entry itself */
	if (ref[0] == '#' || has_scheme(ref))
		return MEDIA_KEPT;
	/* RFC 3986 section 5.2.2: an empty reference is the base itself */
	if (!ref[0]) {
		const char *hash = strchr(base, '#');
		*out = hash ? strndup(base, (size_t)(hash - base)) : strdup(base);
		return *out ? MEDIA_RESOLVED : -1;
	}
	if (!(u = curl_url()))
		return -1;
	c = curl_url_set(u, CURLUPART_URL, base, 0);
	if (c == CURLUE_OK)
		c = curl_url_set(u, CURLUPART_URL, ref, 0);
	if (c == CURLUE_OK)
		c = curl_url_get(u, CURLUPART_URL, &url, 0);
	curl_url_cleanup(u);
	if (c != CURLUE_OK) {
		*why = curl_url_strerror(c);
		return MEDIA_UNRESOLVED;
	}
	/* libcurl decodes a host ("//b%C3%BCcher.de/"): what a feed holds
	 * is ASCII (RFC 3986 section 2), so such a host must be written in
	 * punycode */
	if (!ascii_url(url)) {
		curl_free(url);
		*why = "the host is not ASCII (write it in punycode)";
		return MEDIA_UNRESOLVED;
	}
	*out = strdup(url);
	curl_free(url);
	return *out ? MEDIA_RESOLVED : -1;
}

/* ---- the photo's file in the collection ------------------------------------ */

static const struct { const char *ext, *type; } ext_types[] = {
	{ "jpg", "image/jpeg" }, { "jpeg", "image/jpeg" }, { "png", "image/png" },
	{ "gif", "image/gif" }, { "webp", "image/webp" }, { "avif", "image/avif" },
	{ "svg", "image/svg+xml" },
};

/* The media type the name's extension says, or NULL. */
static const char *type_from_name(const char *ref)
{
	size_t n = strcspn(ref, "?#"), i, k;
	const char *dot;

	for (dot = ref + n; dot > ref && dot[-1] != '.' && dot[-1] != '/'; dot--)
		;
	if (dot == ref || dot[-1] != '.')
		return NULL;
	k = (size_t)(ref + n - dot);
	for (i = 0; i < sizeof(ext_types) / sizeof(ext_types[0]); i++)
		if (strlen(ext_types[i].ext) == k &&
		    !strncasecmp(dot, ext_types[i].ext, k))
			return ext_types[i].type;
	return NULL;
}

/* A photo's media type: its bytes', else its name's. */
static const char *photo_type(const struct photo_file *pf, const char *ref)
{
	return pf->type ? pf->type : type_from_name(ref);
}

/* The file a path-relative reference names beside the page, as a path
 * inside the collection (malloc'd); NULL when it names none. */
static char *file_of(const struct media_where *w, const char *ref)
{
	size_t rl = strlen(w->root);
	const char *rel = w->page_dir + rl;
	CURLU *u;
	char *dir = NULL, *path = NULL, *r = NULL;

	/* only path-relative references: a path from the site's root is not
	 * a path from the collection's */
	if (!ref[0] || ref[0] == '/' || ref[0] == '?' || ref[0] == '#' ||
	    has_scheme(ref) || strncmp(w->page_dir, w->root, rl) ||
	    (*rel && *rel != '/'))
		return NULL;
	if (!(u = curl_url()))
		return NULL;
	/* resolved as on the site (RFC 3986 section 5.2), in a space of its
	 * own whose root is the collection's: ".." never leaves it */
	if (!(dir = ft_asprintf("%s/", rel)) ||
	    curl_url_set(u, CURLUPART_URL, "http://collection.invalid/", 0) ||
	    curl_url_set(u, CURLUPART_PATH, dir, CURLU_URLENCODE) ||
	    curl_url_set(u, CURLUPART_URL, ref, 0) ||
	    curl_url_get(u, CURLUPART_PATH, &path, CURLU_URLDECODE))
		goto done;
	r = ft_asprintf("%s%s", w->root, path);
done:
	curl_free(path);
	free(dir);
	curl_url_cleanup(u);
	return r;
}

/* ---- the HTML ------------------------------------------------------------ */

/* What the walk over the article's HTML found and did. */
struct walk {
	const struct media_where *w;
	struct diag_list *dl;
	int changed;
	int failed;             /* no memory */
	xmlNodePtr photo;       /* the first <img> with an http(s) URL */
	char *photo_ref;        /* ... its src as written */
	struct photo_file photo_file;   /* ... its file in the collection */
	char *thumb;            /* ... its thumbnail's absolute URL, or NULL */
	struct photo_file thumb_file;
	xmlNodePtr *drop;       /* images whose file cannot be shown */
	size_t ndrop, adrop;
};

/* Where s[0..n) is first written in the page at or after byte p: its
 * line, counting from line (p's), or 0 when it is not there. */
static long find_line(const char *p, const char *end, long line,
		      const char *s, size_t n)
{
	if (!n)
		return 0;
	for (; p + n <= end; p++) {
		if (*p == '\n')
			line++;
		else if (!memcmp(p, s, n))
			return line;
	}
	return 0;
}

/* The line of the page where ref is written, at or after the article's
 * heading (as written, or as the HTML has it percent-encoded); the
 * heading's when it is not found. */
static long ref_line(const struct media_where *w, const char *ref)
{
	const char *p = w->text, *end = p ? p + w->text_len : NULL;
	char *dec;
	long line = 1, at;
	int k;

	if (!p)
		return w->line;
	for (; p < end && line < w->line; p++)
		if (*p == '\n')
			line++;
	if ((at = find_line(p, end, line, ref, strlen(ref))))
		return at;
	dec = curl_easy_unescape(NULL, ref, 0, &k);
	at = dec ? find_line(p, end, line, dec, strlen(dec)) : 0;
	curl_free(dec);
	return at ? at : w->line;
}

/* A photo file seen, for the state: a later run reads the page again when
 * it is replaced, added or removed. */
static int seen(const struct media_where *w, const char *path,
		const struct photo_file *pf)
{
	char *line;
	int r = -1;

	if (!w->seen)
		return 0;
	if ((line = photo_seen_line(path, pf)))
		r = strlist_add_unique(w->seen, line, strlen(line)) < 0 ? -1 : 0;
	free(line);
	return r;
}

/*
 * The file a photo's reference names in the collection, probed into *pf:
 * 1 when it may be shown (an image browsers show, or no file of the
 * collection: an absolute URL), 0 when not (said in dl), -1 when memory
 * ran out.
 */
static int probe_ref(const struct media_where *w, const char *ref,
		     struct photo_file *pf, struct diag_list *dl)
{
	char *path = w->root_real ? file_of(w, ref) : NULL;
	int k;

	memset(pf, 0, sizeof(*pf));
	pf->length = -1;
	if (!path)
		return 1;
	k = photo_probe(w->sniff, w->root_real, path, type_from_name(ref), pf);
	if (k >= 0 && seen(w, path, pf) < 0)
		k = -1;
	if (k == PHOTO_MISSING)
		ft_diag_add(dl, DIAG_WARNING, "photo-missing", w->file, ref_line(w, ref), 0,
			    "the photo '%s' is not in the collection (or not a regular file in it); not shown",
			    path);
	else if (k == PHOTO_NOT_IMAGE)
		ft_diag_add(dl, DIAG_WARNING, "photo-not-an-image", w->file, ref_line(w, ref), 0,
			    "the photo '%s' is %s, not an image; not shown", path, pf->type);
	else if (k == PHOTO_UNKNOWN)
		ft_diag_add(dl, DIAG_WARNING, "photo-unknown-format", w->file, ref_line(w, ref), 0,
			    "the photo '%s' is %s, which browsers do not show (use JPEG, PNG, GIF or WebP); not shown",
			    path, pf->type ? pf->type : "of no known image format");
	else if (k == PHOTO_DAMAGED)
		ft_diag_add(dl, DIAG_WARNING, "photo-unreadable", w->file, ref_line(w, ref), 0,
			    "the photo '%s' cannot be read: %s; not shown", path, pf->why);
	free(path);
	if (k < 0)
		return -1;
	if (k != PHOTO_OK)
		photo_file_release(pf);
	return k == PHOTO_OK;
}

/* A photo's thumbnail (pf the photo's file, ref as written): a smaller
 * image beside it that the thumbnail pattern names, never the photo
 * itself; its absolute URL in *url (NULL when there is none), its file in
 * *tf.  0, or -1 when memory ran out. */
static int thumb_of(const struct media_where *w, const char *base,
		    const char *ref, const struct photo_file *pf, char **url,
		    struct photo_file *tf)
{
	char *tref = photo_thumb_ref(w->thumb_pattern, ref), *abs = NULL, *path = NULL;
	const char *why;
	int k, r = 0;

	*url = NULL;
	memset(tf, 0, sizeof(*tf));
	tf->length = -1;
	if (!tref || !w->root_real || !(path = file_of(w, tref)))
		goto done;
	k = photo_probe(w->sniff, w->root_real, path, type_from_name(tref), tf);
	if (k < 0 || seen(w, path, tf) < 0) {
		r = -1;
		goto done;
	}
	/* smaller: fewer pixels across, or fewer bytes when no size is known */
	if (k == PHOTO_OK && (pf->width && tf->width ? tf->width < pf->width :
			      tf->length < pf->length) &&
	    media_resolve(base, tref, &abs, &why) == MEDIA_RESOLVED && is_http(abs)) {
		*url = abs;
		abs = NULL;
	}
done:
	if (!*url)
		photo_file_release(tf);
	free(path);
	free(abs);
	free(tref);
	return r;
}

static int drop_later(struct walk *wk, xmlNodePtr n)
{
	if (wk->ndrop == wk->adrop) {
		xmlNodePtr *nv = ft_grow(wk->drop, &wk->adrop, wk->ndrop + 1, sizeof(*nv));
		if (!nv)
			return -1;
		wk->drop = nv;
	}
	wk->drop[wk->ndrop++] = n;
	return 0;
}

/* Resolve the attribute attr of n against base. */
static void resolve_attr(struct walk *wk, xmlNodePtr n, const char *attr,
			 const char *base, int is_img)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST attr);
	char *abs = NULL;
	const char *why, *now;
	struct photo_file pf;
	int k;

	if (!v)
		return;
	if (is_img) {
		if ((k = probe_ref(wk->w, (const char *)v, &pf, wk->dl)) <= 0) {
			if (k < 0 || drop_later(wk, n) < 0)
				wk->failed = 1;
			xmlFree(v);
			return;
		}
		if (pf.width) {
			char num[16];
			snprintf(num, sizeof(num), "%d", pf.width);
			xmlSetProp(n, BAD_CAST "width", BAD_CAST num);
			snprintf(num, sizeof(num), "%d", pf.height);
			xmlSetProp(n, BAD_CAST "height", BAD_CAST num);
			wk->changed = 1;
		}
	}
	k = media_resolve(base, (const char *)v, &abs, &why);
	if (k < 0) {
		wk->failed = 1;
	} else if (k == MEDIA_UNRESOLVED) {
		ft_diag_add(wk->dl, DIAG_WARNING, "unresolvable-ref", wk->w->file,
			    ref_line(wk->w, (const char *)v), 0,
			    "cannot make '%s' absolute against '%s': %s; kept as written",
			    (const char *)v, base, why);
	} else if (k == MEDIA_RESOLVED) {
		if (!xmlSetProp(n, BAD_CAST attr, BAD_CAST abs))
			wk->failed = 1;
		wk->changed = 1;
	}
	now = abs ? abs : (const char *)v;
	if (is_img && !wk->photo && is_http(now)) {
		wk->photo = n;
		wk->photo_file = pf;
		memset(&pf, 0, sizeof(pf));
		if (!(wk->photo_ref = strdup((const char *)v)) ||
		    thumb_of(wk->w, base, wk->photo_ref, &wk->photo_file,
			     &wk->thumb, &wk->thumb_file) < 0)
			wk->failed = 1;
	}
	if (is_img)
		photo_file_release(&pf);
	free(abs);
	xmlFree(v);
}

static int only_blank(xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c; c = c->next)
		if (!htmltree_blank(c))
			return 0;
	return 1;
}

/* An image whose file cannot be shown goes, with the link and the
 * paragraph that held only it. */
static void drop_image(xmlNodePtr body, xmlNodePtr img)
{
	xmlNodePtr p = img->parent;

	xmlUnlinkNode(img);
	xmlFreeNode(img);
	while (p && p != body && (htmltree_is(p, "a") || htmltree_is(p, "p")) && only_blank(p)) {
		xmlNodePtr up = p->parent;
		/* with the line break that followed it */
		if (htmltree_is(p, "p") && htmltree_blank(p->next)) {
			xmlNodePtr nl = p->next;
			xmlUnlinkNode(nl);
			xmlFreeNode(nl);
		}
		xmlUnlinkNode(p);
		xmlFreeNode(p);
		p = up;
	}
}

static void resolve_all(struct walk *wk, xmlNodePtr body)
{
	const char *img_base = wk->w->asset_base ? wk->w->asset_base : wk->w->link;
	xmlNodePtr n;
	size_t i;

	for (n = body->children; n && !wk->failed; n = htmltree_next(n, body, 1)) {
		if (htmltree_is(n, "a"))
			resolve_attr(wk, n, "href", wk->w->link, 0);
		else if (htmltree_is(n, "img"))
			resolve_attr(wk, n, "src", img_base, 1);
	}
	for (i = 0; i < wk->ndrop; i++)
		drop_image(body, wk->drop[i]);
	wk->changed |= wk->ndrop > 0;
}

/* The figure the photo is in (its index among the figures), or -1. */
static long figure_of(xmlNodePtr body, xmlNodePtr img, xmlNodePtr *fig)
{
	xmlNodePtr n, f = img->parent;
	long k = 0;

	if (htmltree_is(f, "a"))
		f = f->parent;
	if (!htmltree_is(f, "figure") || f->parent != body)
		return -1;
	for (n = body->children; n && n != f; n = n->next)
		k += htmltree_is(n, "figure");
	*fig = f;
	return k;
}

/* The caption's text, white space folded. */
static char *caption_text(xmlNodePtr fig)
{
	xmlNodePtr c;
	xmlChar *t;
	char *r, *o;
	const char *p;
	int space = 0;

	for (c = fig->children; c && !htmltree_is(c, "figcaption"); c = c->next)
		;
	if (!c || !(t = xmlNodeGetContent(c)))
		return NULL;
	r = o = malloc(strlen((const char *)t) + 1);
	for (p = (const char *)t; r && *p; p++) {
		if (IS_SPACE(*p)) {
			space = o > r;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = 0;
		*o++ = *p;
	}
	if (r)
		*o = '\0';
	xmlFree(t);
	if (r && !*r) {
		free(r);
		r = NULL;
	}
	return r;
}

/* The first photo of the article's HTML, in *extra. */
static int describe_photo(struct walk *wk, xmlNodePtr body, char **extra)
{
	xmlChar *src = xmlGetProp(wk->photo, BAD_CAST "src");
	xmlNodePtr fig = NULL;
	long k = figure_of(body, wk->photo, &fig);
	char *caption = fig ? caption_text(fig) : NULL;
	const struct strlist *cr = wk->w->credits;
	int r = src ? media_photo_json((const char *)src,
				       photo_type(&wk->photo_file, wk->photo_ref),
				       &wk->photo_file, wk->thumb, &wk->thumb_file, caption,
				       k >= 0 && cr && (size_t)k < cr->n ? cr->v[k] : NULL,
				       extra) : -1;

	xmlFree(src);
	free(caption);
	return r;
}

int media_photo_of(const struct media_where *w, const char *ref, char **extra,
		   struct diag_list *dl)
{
	const char *base = w->asset_base ? w->asset_base : w->link, *why;
	struct photo_file pf, tf;
	char *abs = NULL, *thumb = NULL;
	int k = media_resolve(base, ref, &abs, &why), r;

	if (k < 0)
		return -1;
	if (k == MEDIA_UNRESOLVED || !is_http(abs ? abs : ref)) {
		ft_diag_add(dl, DIAG_WARNING, "front-matter-bad-value", w->file,
			    ref_line(w, ref), 0,
			    "front-matter image '%s' is not an http or https URL once made absolute%s%s; not named for readers",
			    ref, why ? ": " : "", why ? why : "");
		free(abs);
		return 0;
	}
	if ((k = probe_ref(w, ref, &pf, dl)) <= 0 ||
	    (r = thumb_of(w, base, ref, &pf, &thumb, &tf)) < 0) {
		photo_file_release(&pf);
		free(abs);
		return k < 0 ? -1 : k == 0 ? 0 : -1;
	}
	free(*extra);
	*extra = NULL;
	r = media_photo_json(abs ? abs : ref, photo_type(&pf, ref), &pf, thumb, &tf,
			     NULL, NULL, extra);
	photo_file_release(&pf);
	photo_file_release(&tf);
	free(thumb);
	free(abs);
	return r;
}

int media_wanted(const char *body, size_t len)
{
	return body && memchr(body, '[', len) != NULL;
}

int media_rewrite(const struct media_where *w, struct buf *html, char **extra,
		  struct diag_list *dl)
{
	struct walk wk;
	htmlDocPtr d;
	xmlNodePtr body;
	int r = -1;

	*extra = NULL;
	memset(&wk, 0, sizeof(wk));
	wk.w = w;
	wk.dl = dl;
	if (!(d = htmltree_read(html, &body)))
		goto done;
	resolve_all(&wk, body);
	if (wk.failed)
		goto done;
	if (wk.photo && describe_photo(&wk, body, extra) < 0)
		goto done;
	/* untouched, md4c's own text stays */
	r = wk.changed ? htmltree_write(body, html) : 0;
done:
	if (r < 0) {
		free(*extra);
		*extra = NULL;
	}
	free(wk.photo_ref);
	free(wk.thumb);
	free(wk.drop);
	photo_file_release(&wk.photo_file);
	photo_file_release(&wk.thumb_file);
	if (d)
		xmlFreeDoc(d);
	return r;
}
