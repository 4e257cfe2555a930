/*
 * media_photo.c - an entry's first photo as JSON, kept with the article
 * (its extra): made when its page is read, read back by the writers
 * (media.h).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "body.h"
#include "media.h"

/* Width and height into a JSON object, when known. */
static void json_size(json_t *o, const struct photo_file *pf)
{
	if (pf->width) {
		json_object_set_new(o, "width", json_integer(pf->width));
		json_object_set_new(o, "height", json_integer(pf->height));
	}
}

int media_photo_json(const char *src, const char *type,
		     const struct photo_file *pf, const char *thumb,
		     const struct photo_file *tf, const char *caption,
		     const char *credits, char **extra)
{
	json_t *root = json_object(), *ph = json_object();
	int r = -1;

	if (!root || !ph)
		goto done;
	json_object_set_new(ph, "url", json_string(src));
	if (type)
		json_object_set_new(ph, "type", json_string(type));
	if (pf->length >= 0)
		json_object_set_new(ph, "length", json_integer(pf->length));
	json_size(ph, pf);
	if (thumb) {
		json_t *t = json_object();
		json_object_set_new(t, "url", json_string(thumb));
		json_size(t, tf);
		json_object_set_new(ph, "thumbnail", t);
	}
	if (caption)
		json_object_set_new(ph, "caption", json_string(caption));
	if (credits && *credits) {
		/* photographers, and the agencies marked as such (body.h) */
		json_t *cr = json_array(), *ag = json_array();
		const char *p = credits;
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
	return r;
}

/* ---- the writers' side ------------------------------------------------------ */

void media_photo_release(struct media_photo *p)
{
	free(p->url);
	free(p->thumb);
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

/* A size in pixels, 0 when not there. */
static int json_int(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	json_int_t n = json_is_integer(v) ? json_integer_value(v) : 0;
	return n > 0 && n <= 0x7fffffff ? (int)n : 0;
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
	p->width = json_int(ph, "width");
	p->height = json_int(ph, "height");
	v = json_object_get(ph, "thumbnail");
	if (json_is_object(v) && (p->thumb = dup_str(v, "url"))) {
		p->thumb_width = json_int(v, "width");
		p->thumb_height = json_int(v, "height");
	}
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
