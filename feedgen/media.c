/*
 * media.c - an article's URLs made absolute, its photos as figures, and
 * its first photo named for feed readers (media.h).
 */
#include "media.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <limits.h>
#include <magic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ascii.h"
#include "body.h"
#include "fsutil.h"

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

void media_quiet_libxml(void)
{
	xmlSetGenericErrorFunc(NULL, quiet);
}

/* What the sniffer reads of a photo: enough for every image signature. */
#define SNIFF_BYTES 4096

/* ---- the sniffer ---------------------------------------------------------- */

void media_sniffer_init(struct media_sniffer *s)
{
	memset(s, 0, sizeof(*s));
	pthread_mutex_init(&s->mu, NULL);
}

void media_sniffer_release(struct media_sniffer *s)
{
	if (s->cookie)
		magic_close(s->cookie);
	pthread_mutex_destroy(&s->mu);
	memset(s, 0, sizeof(*s));
}

/* The media type of the bytes b[0..n), malloc'd; NULL when libmagic is
 * not usable (or memory ran out). */
static char *sniff(struct media_sniffer *s, const void *b, size_t n)
{
	const char *t;
	char *r = NULL;

	if (!s)
		return NULL;
	pthread_mutex_lock(&s->mu);
	if (s->state == 0) {
		/* only what a photo can be: no looking into archives,
		 * executables or text */
		s->cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS |
				       MAGIC_NO_CHECK_TAR | MAGIC_NO_CHECK_ELF |
				       MAGIC_NO_CHECK_CDF | MAGIC_NO_CHECK_CSV |
				       MAGIC_NO_CHECK_APPTYPE);
		s->state = s->cookie && magic_load(s->cookie, NULL) == 0 ? 1 : -1;
	}
	if (s->state == 1 && (t = magic_buffer(s->cookie, b, n)))
		r = strdup(t);
	pthread_mutex_unlock(&s->mu);
	return r;
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
};

static int is_el(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static int is_blank(xmlNodePtr n)
{
	const xmlChar *p;

	if (!n || n->type != XML_TEXT_NODE)
		return 0;
	for (p = n->content; p && *p; p++)
		if (!IS_SPACE(*p))
			return 0;
	return 1;
}

/* The next node in document order under top, children first. */
static xmlNodePtr next_node(xmlNodePtr n, xmlNodePtr top, int into)
{
	if (into && n->type == XML_ELEMENT_NODE && n->children)
		return n->children;
	while (n && n != top) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

/* A paragraph that holds one image and nothing else (the image may be a
 * link): that element, else NULL. */
static xmlNodePtr lone_image(xmlNodePtr p)
{
	xmlNodePtr c, el = NULL, in;

	if (!is_el(p, "p"))
		return NULL;
	for (c = p->children; c; c = c->next) {
		if (is_blank(c))
			continue;
		if (c->type != XML_ELEMENT_NODE || el)
			return NULL;
		el = c;
	}
	if (is_el(el, "img"))
		return el;
	if (!is_el(el, "a"))
		return NULL;
	for (in = NULL, c = el->children; c; c = c->next) {
		if (is_blank(c))
			continue;
		if (!is_el(c, "img") || in)
			return NULL;
		in = c;
	}
	return in ? el : NULL;
}

/*
 * render.c writes a caption as <figure><figcaption>...</figcaption>
 * </figure>: a paragraph holding only an image just before it is that
 * caption's photo, and goes into the figure.
 */
static void merge_figures(struct walk *wk, xmlNodePtr body)
{
	xmlNodePtr n, prev, img;

	for (n = body->children; n; n = n->next) {
		if (!is_el(n, "figure"))
			continue;
		if (!is_el(n->children, "figcaption"))
			continue;
		for (prev = n->prev; is_blank(prev); prev = prev->prev)
			;
		if (!(img = lone_image(prev)))
			continue;
		while (n->prev != prev) {
			xmlNodePtr b = n->prev;
			xmlUnlinkNode(b);
			xmlFreeNode(b);
		}
		xmlUnlinkNode(img);
		xmlAddPrevSibling(n->children, img);
		xmlUnlinkNode(prev);
		xmlFreeNode(prev);
		wk->changed = 1;
	}
}

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

/* Resolve the attribute attr of n against base. */
static void resolve_attr(struct walk *wk, xmlNodePtr n, const char *attr,
			 const char *base, int is_img)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST attr);
	char *abs = NULL;
	const char *why, *now;
	int k;

	if (!v)
		return;
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
		if (!(wk->photo_ref = strdup((const char *)v)))
			wk->failed = 1;
	}
	free(abs);
	xmlFree(v);
}

static void resolve_all(struct walk *wk, xmlNodePtr body)
{
	const char *img_base = wk->w->asset_base ? wk->w->asset_base : wk->w->link;
	xmlNodePtr n;

	for (n = body->children; n && !wk->failed; n = next_node(n, body, 1)) {
		if (is_el(n, "a"))
			resolve_attr(wk, n, "href", wk->w->link, 0);
		else if (is_el(n, "img"))
			resolve_attr(wk, n, "src", img_base, 1);
	}
}

/* The figure the photo is in (its index among the figures), or -1. */
static long figure_of(xmlNodePtr body, xmlNodePtr img, xmlNodePtr *fig)
{
	xmlNodePtr n, f = img->parent;
	long k = 0;

	if (is_el(f, "a"))
		f = f->parent;
	if (!is_el(f, "figure") || f->parent != body)
		return -1;
	for (n = body->children; n && n != f; n = n->next)
		k += is_el(n, "figure");
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

	for (c = fig->children; c && !is_el(c, "figcaption"); c = c->next)
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

/*
 * A photo as a JSON object for the writers, in *extra: src its absolute
 * URL, ref as the page wrote it (for its file in the collection), its
 * caption (or NULL) and the index of its caption's credits (or -1).
 */
static int photo_json(const struct media_where *w, struct diag_list *dl,
		      const char *src, const char *ref, const char *caption,
		      long k, char **extra)
{
	json_t *root = json_object(), *ph = json_object();
	char *path = file_of(w, ref), *type = NULL;
	const char *ext = type_from_name(ref);
	long long length = -1;
	/* a regular file inside the collection, once links are followed:
	 * the file opened is what is checked, never a device or a FIFO */
	int r = -1, fd = path && w->root_real ? ft_open_inside(AT_FDCWD, path, w->root_real) : -1;

	if (fd >= 0) {
		unsigned char head[SNIFF_BYTES];
		struct stat st;
		ssize_t got = read(fd, head, sizeof(head));
		if (fstat(fd, &st) == 0 && got >= 0) {
			length = (long long)st.st_size;
			type = sniff(w->sniff, head, (size_t)got);
		}
		close(fd);
		if (type && strncmp(type, "image/", 6)) {
			/* named as a photo it must be one */
			ft_diag_add(dl, DIAG_WARNING, "photo-not-an-image", w->file,
				    ref_line(w, ref), 0,
				    "the photo '%s' is %s, not an image; not named for readers",
				    path, type);
			r = 0;
			goto done;
		}
	}
	if (!type && ext)
		type = strdup(ext);
	if (!root || !ph)
		goto done;
	json_object_set_new(ph, "url", json_string(src));
	if (type)
		json_object_set_new(ph, "type", json_string(type));
	if (length >= 0)
		json_object_set_new(ph, "length", json_integer(length));
	if (caption)
		json_object_set_new(ph, "caption", json_string(caption));
	if (k >= 0 && w->credits && (size_t)k < w->credits->n && *w->credits->v[k]) {
		/* photographers, and the agencies marked as such (body.h) */
		json_t *cr = json_array(), *ag = json_array();
		const char *p = w->credits->v[k];
		while (cr && ag && *p) {
			size_t n = strcspn(p, "\n");
			if (*p == CREDIT_AGENCY_MARK)
				json_array_append_new(ag, json_stringn(p + 1, n - 1));
			else
				json_array_append_new(cr, json_stringn(p, n));
			p += n + (p[n] == '\n');
		}
		json_object_set_new(ph, "credits", cr);
		if (json_array_size(ag))
			json_object_set_new(ph, "agencies", ag);
		else
			json_decref(ag);
	}
	json_object_set_new(root, "photo", ph);
	ph = NULL;
	*extra = json_dumps(root, JSON_COMPACT);
	r = *extra ? 0 : -1;
done:
	json_decref(ph);
	json_decref(root);
	free(path);
	free(type);
	return r;
}

/* The first photo of the article's HTML, in *extra. */
static int describe_photo(struct walk *wk, xmlNodePtr body, char **extra)
{
	xmlChar *src = xmlGetProp(wk->photo, BAD_CAST "src");
	xmlNodePtr fig = NULL;
	long k = figure_of(body, wk->photo, &fig);
	char *caption = fig ? caption_text(fig) : NULL;
	int r = src ? photo_json(wk->w, wk->dl, (const char *)src, wk->photo_ref,
				 caption, k, extra) : -1;

	xmlFree(src);
	free(caption);
	return r;
}

int media_photo_of(const struct media_where *w, const char *ref, char **extra,
		   struct diag_list *dl)
{
	const char *base = w->asset_base ? w->asset_base : w->link, *why;
	char *abs = NULL;
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
	free(*extra);
	*extra = NULL;
	r = photo_json(w, dl, abs ? abs : ref, ref, NULL, -1, extra);
	free(abs);
	return r;
}

int media_wanted(const char *body, size_t len)
{
	return body && memchr(body, '[', len) != NULL;
}

/* The parsed article's body element. */
static xmlNodePtr body_of(htmlDocPtr doc)
{
	xmlNodePtr n = xmlDocGetRootElement(doc);

	for (n = n ? n->children : NULL; n && !is_el(n, "body"); n = n->next)
		;
	return n;
}

static int serialize(xmlNodePtr body, struct buf *html)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlSaveCtxtPtr s = b ? xmlSaveToBuffer(b, "UTF-8",
					       XML_SAVE_XHTML | XML_SAVE_NO_DECL) : NULL;
	xmlNodePtr c;
	int r = -1;

	if (!s)
		goto done;
	for (c = body->children; c; c = c->next)
		if (xmlSaveTree(s, c) < 0)
			goto done;
	if (xmlSaveClose(s) < 0) {
		s = NULL;
		goto done;
	}
	s = NULL;
	ft_buf_reset(html);
	r = ft_buf_add(html, (const char *)xmlBufferContent(b),
		       (size_t)xmlBufferLength(b));
done:
	if (s)
		xmlSaveClose(s);
	if (b)
		xmlBufferFree(b);
	return r;
}

int media_rewrite(const struct media_where *w, struct buf *html, char **extra,
		  struct diag_list *dl)
{
	static const char open_tags[] = "<html><body>", close_tags[] = "</body></html>";
	struct buf doc = BUF_INIT(html->max + 64);
	struct walk wk;
	htmlDocPtr d = NULL;
	xmlNodePtr body;
	int r = -1;

	*extra = NULL;
	memset(&wk, 0, sizeof(wk));
	wk.w = w;
	wk.dl = dl;
	/* a fragment: parsed as the body of a document, so that its blocks
	 * stay siblings */
	if (ft_buf_adds(&doc, open_tags) < 0 ||
	    ft_buf_add(&doc, html->data ? html->data : "", html->len) < 0 ||
	    ft_buf_adds(&doc, close_tags) < 0 || doc.len > INT_MAX)
		goto done;
	d = htmlReadMemory(doc.data, (int)doc.len, NULL, "UTF-8",
			   HTML_PARSE_NONET | HTML_PARSE_NOERROR |
			   HTML_PARSE_NOWARNING | HTML_PARSE_NODEFDTD);
	if (!d || !(body = body_of(d)))
		goto done;
	merge_figures(&wk, body);
	resolve_all(&wk, body);
	if (wk.failed)
		goto done;
	if (wk.photo && describe_photo(&wk, body, extra) < 0)
		goto done;
	/* untouched, md4c's own text stays */
	r = wk.changed ? serialize(body, html) : 0;
done:
	if (r < 0) {
		free(*extra);
		*extra = NULL;
	}
	free(wk.photo_ref);
	if (d)
		xmlFreeDoc(d);
	ft_buf_release(&doc);
	return r;
}

/* ---- the writers' side ------------------------------------------------------ */

void media_photo_release(struct media_photo *p)
{
	free(p->url);
	free(p->type);
	free(p->caption);
	strlist_release(&p->credits);
	strlist_release(&p->agencies);
	memset(p, 0, sizeof(*p));
}

static char *dup_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? strdup(json_string_value(v)) : NULL;
}

/* The strings of the array v (may be NULL) into l.  0 or -1. */
static int names_of(json_t *v, struct strlist *l)
{
	size_t i;

	for (i = 0; json_is_array(v) && i < json_array_size(v); i++) {
		json_t *c = json_array_get(v, i);
		if (json_is_string(c) &&
		    strlist_add(l, json_string_value(c),
				strlen(json_string_value(c))) < 0)
			return -1;
	}
	return 0;
}

int media_photo_parse(const char *extra, struct media_photo *p)
{
	json_t *root, *ph, *v;
	int r = -1;

	memset(p, 0, sizeof(*p));
	p->length = -1;
	if (!extra || !*extra)
		return 0;
	if (!(root = json_loads(extra, 0, NULL)))
		return -1;
	ph = json_object_get(root, "photo");
	if (!ph) {
		r = 0;
		goto done;
	}
	if (!json_is_object(ph) || !(p->url = dup_str(ph, "url")))
		goto done;
	p->type = dup_str(ph, "type");
	p->caption = dup_str(ph, "caption");
	v = json_object_get(ph, "length");
	if (json_is_integer(v) && json_integer_value(v) >= 0)
		p->length = (long long)json_integer_value(v);
	if (names_of(json_object_get(ph, "credits"), &p->credits) < 0 ||
	    names_of(json_object_get(ph, "agencies"), &p->agencies) < 0)
		goto done;
	r = 1;
done:
	json_decref(root);
	if (r != 1) {
		media_photo_release(p);
		p->length = -1;
	}
	return r;
}
