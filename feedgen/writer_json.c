/*
 * writer_json.c - JSON Feed 1.1 from the feed model, with jansson
 * (writer_int.h); the Atom and RSS writers are writer.c.
 */
#include <jansson.h>
#include <string.h>

#include "date.h"
#include "media.h"
#include "writer_int.h"

#define JSONFEED_VERSION "https://jsonfeed.org/version/1.1"

/* jansson wants valid UTF-8; cleaned strings are */
static json_t *jstr(struct out *o, const char *s)
{
	const xmlChar *c = writer_clean(o, s);
	json_t *j = json_stringn((const char *)c, o->tmp.len);
	if (!j)
		o->failed = 1;
	return j;
}

static json_t *jpeople(struct out *o, const struct strlist *l)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < l->n; i++) {
		json_t *p = json_object();
		json_object_set_new(p, "name", jstr(o, l->v[i]));
		json_array_append_new(arr, p);
	}
	return arr;
}

static int json_write(struct out *o, json_t *j)
{
	int r;
	if (!j)
		return -1;
	r = json_dumpf(j, o->json, JSON_COMPACT);
	json_decref(j);
	if (r < 0)
		o->failed = 1;
	return r;
}

void writer_json_head(struct out *o, const struct feed_meta *m)
{
	json_t *root = json_object(), *authors = json_array(), *a = json_object();
	char *dump;
	size_t len;

	json_object_set_new(root, "version", json_string(JSONFEED_VERSION));
	json_object_set_new(root, "title", jstr(o, m->title));
	json_object_set_new(root, "home_page_url", jstr(o, m->home_url));
	json_object_set_new(root, "feed_url", jstr(o, m->json_url));
	if (m->subtitle && *m->subtitle)
		json_object_set_new(root, "description", jstr(o, m->subtitle));
	json_object_set_new(root, "language", jstr(o, m->lang));
	/* JSON Feed 1.1: icon (large, square) and favicon (small, square) */
	if (m->icon) {
		json_object_set_new(root, "icon", jstr(o, m->icon));
		json_object_set_new(root, "favicon", jstr(o, m->icon));
	}
	/* JSON Feed has no rights: feedgen's extension object carries them */
	if (m->rights) {
		json_t *ext = json_object();
		json_object_set_new(ext, "rights", jstr(o, m->rights));
		json_object_set_new(root, "_feedgen", ext);
	}
	json_object_set_new(a, "name", jstr(o, m->author));
	json_array_append_new(authors, a);
	json_object_set_new(root, "authors", authors);
	if (m->hub) {
		json_t *hubs = json_array(), *h = json_object();
		json_object_set_new(h, "type", json_string("WebSub"));
		json_object_set_new(h, "url", jstr(o, m->hub));
		json_array_append_new(hubs, h);
		json_object_set_new(root, "hubs", hubs);
	}
	/* the items are streamed one by one after the head: dump the head
	 * without its closing brace */
	dump = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	if (!dump) {
		o->failed = 1;
		return;
	}
	len = strlen(dump);
	if (len < 2 || fwrite(dump, 1, len - 1, o->json) != len - 1 ||
	    fputs(",\"items\":[", o->json) < 0)
		o->failed = 1;
	free(dump);
}

static json_t *jname(struct out *o, const char *name, const char *role)
{
	json_t *p = json_object();

	if (!p) {
		o->failed = 1;
		return NULL;
	}
	json_object_set_new(p, "name", jstr(o, name));
	if (role)
		json_object_set_new(p, "role", json_string(role));
	return p;
}

/* The photo's credits, each with its role (as Media RSS names them). */
static json_t *jcredits(struct out *o, const struct media_photo *ph)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < ph->credits.n; i++)
		json_array_append_new(arr, jname(o, ph->credits.v[i], "photographer"));
	for (i = 0; arr && i < ph->agencies.n; i++)
		json_array_append_new(arr, jname(o, ph->agencies.v[i], "distributor"));
	return arr;
}

void writer_json_item(struct out *o, const struct article *a,
		      const char *html, const char *summary,
		      const struct media_photo *ph, const char *source, int first)
{
	json_t *it = json_object();
	char d[32];

	if (!it) {
		o->failed = 1;
		return;
	}
	json_object_set_new(it, "id", jstr(o, a->id));
	json_object_set_new(it, "url", jstr(o, a->link));
	json_object_set_new(it, "title", jstr(o, a->title));
	/* JSON Feed 1.1: an item's language */
	if (a->lang)
		json_object_set_new(it, "language", jstr(o, a->lang));
	/* JSON Feed 1.1: an item has content_html or content_text; a
	 * summary-only feed's is the summary, as plain text */
	if (!o->summary_only)
		json_object_set_new(it, "content_html", json_stringn_nocheck(html, a->html_len));
	else
		json_object_set_new(it, "content_text", jstr(o, *summary ? summary : a->title));
	if (*summary)
		json_object_set_new(it, "summary", jstr(o, summary));
	if (ph && ph->url)
		json_object_set_new(it, "image", jstr(o, ph->url));
	ft_date_format_rfc3339(&a->published, d);
	json_object_set_new(it, "date_published", json_string(d));
	ft_date_format_rfc3339(&a->updated, d);
	json_object_set_new(it, "date_modified", json_string(d));
	if (a->authors.n) {
		json_object_set_new(it, "authors", jpeople(o, &a->authors));
	} else if (source) {
		json_t *au = json_array();
		json_array_append_new(au, jname(o, source, NULL));
		json_object_set_new(it, "authors", au);
	}
	if (a->categories.n) {
		json_t *tags = json_array();
		size_t i;
		for (i = 0; i < a->categories.n; i++)
			json_array_append_new(tags, jstr(o, a->categories.v[i]));
		json_object_set_new(it, "tags", tags);
	}
	/* JSON Feed has no contributors, captions or credits; an extension
	 * object carries them (JSON Feed 1.1, "Extensions": keys starting
	 * with an underscore; feedgen(5) documents this one) */
	if (a->contributors.n || (ph && ph->url) || source) {
		json_t *ext = json_object();
		if (a->contributors.n)
			json_object_set_new(ext, "contributors",
					    jpeople(o, &a->contributors));
		if (source)
			json_object_set_new(ext, "source", jname(o, source, NULL));
		if (ph && ph->url) {
			json_t *p = json_object();
			json_object_set_new(p, "url", jstr(o, ph->url));
			/* JSON Feed's image is a URL alone */
			if (ph->width > 0 && ph->height > 0) {
				json_object_set_new(p, "width", json_integer(ph->width));
				json_object_set_new(p, "height", json_integer(ph->height));
			}
			if (ph->thumb)
				json_object_set_new(p, "thumbnail", jstr(o, ph->thumb));
			if (ph->caption)
				json_object_set_new(p, "caption", jstr(o, ph->caption));
			if (ph->credits.n || ph->agencies.n)
				json_object_set_new(p, "credits", jcredits(o, ph));
			json_object_set_new(ext, "photo", p);
		}
		json_object_set_new(it, "_feedgen", ext);
	}
	if (fputs(first ? "\n" : ",\n", o->json) < 0)
		o->failed = 1;
	json_write(o, it);
}
