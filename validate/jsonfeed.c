/*
 * jsonfeed.c - JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1),
 * parsed with jansson.  Syntax errors carry line and column; every other
 * finding carries a JSON Pointer (RFC 6901) in diag.path.
 */
#include "fcint.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ascii.h"

int fc_looks_json(const unsigned char *b, size_t n)
{
	size_t i = 0;

	while (i < n && IS_SPACE(b[i]))
		i++;
	return i < n && (b[i] == '{' || b[i] == '[');
}

static void jreport(struct fc *fc, const char *rule, const char *path,
		    const char *fmt, const char *a)
{
	struct diag *d = fc_report(fc, rule, 0, 0, fmt, a);

	if (d)
		d->path = strdup(path);
}

/* RFC 6901 §3: "~" is written "~0" and "/" "~1" */
static void ptr_add(char *out, size_t sz, const char *base, const char *key)
{
	size_t n;

	snprintf(out, sz, "%s/", base);
	n = strlen(out);
	for (; *key && n + 3 < sz; key++) {
		if (*key == '~' || *key == '/') {
			out[n++] = '~';
			out[n++] = *key == '~' ? '0' : '1';
		} else {
			out[n++] = *key;
		}
	}
	out[n] = '\0';
}

static int want(struct fc *fc, json_t *obj, const char *base, const char *key,
		json_type type, int required)
{
	char path[512];
	json_t *v = json_object_get(obj, key);
	static const char *const tn[] = { "an object", "an array", "a string",
		"an integer", "a number", "true or false", "true or false",
		"null" };

	ptr_add(path, sizeof(path), base, key);
	if (!v) {
		if (required)
			jreport(fc, "json-missing-member", base[0] ? base : "",
				"missing required member '%s'", key);
		return 0;
	}
	if (json_typeof(v) == type ||
	    (type == JSON_TRUE && json_typeof(v) == JSON_FALSE) ||
	    (type == JSON_REAL && json_typeof(v) == JSON_INTEGER))
		return 1;
	{
		struct diag *d = fc_report(fc, "json-wrong-type", 0, 0,
					   "'%s' must be %s", key, tn[type]);
		if (d)
			d->path = strdup(path);
	}
	return 0;
}

static void url_member(struct fc *fc, json_t *obj, const char *base,
		       const char *key)
{
	char path[512], c;
	json_t *v = json_object_get(obj, key);
	int st;

	if (!want(fc, obj, base, key, JSON_STRING, 0))
		return;
	ptr_add(path, sizeof(path), base, key);
	st = fc_uri_check(json_string_value(v), 0, 1, &c);
	if (st)
		jreport(fc, "invalid-uri", path, "'%s' is not a valid URL", key);
}

static void date_member(struct fc *fc, json_t *obj, const char *base,
			const char *key)
{
	char path[512];

	if (!want(fc, obj, base, key, JSON_STRING, 0))
		return;
	ptr_add(path, sizeof(path), base, key);
	if (fc_rfc3339_check(json_string_value(json_object_get(obj, key)), NULL))
		jreport(fc, "invalid-rfc3339-date", path,
			"'%s' must be an RFC 3339 date-time", key);
}

static void authors(struct fc *fc, json_t *obj, const char *base)
{
	char path[512], ap[560];
	json_t *a;
	size_t i;

	if (json_object_get(obj, "author") && fc->r->version &&
	    !strcmp(fc->r->version, "1.1")) {
		ptr_add(path, sizeof(path), base, "author");
		jreport(fc, "json-deprecated", path,
			"'%s' is deprecated in JSON Feed 1.1: use authors",
			"author");
	}
	if (!want(fc, obj, base, "authors", JSON_ARRAY, 0))
		return;
	ptr_add(path, sizeof(path), base, "authors");
	json_array_foreach(json_object_get(obj, "authors"), i, a) {
		snprintf(ap, sizeof(ap), "%s/%zu", path, i);
		if (!json_is_object(a)) {
			jreport(fc, "json-wrong-type", ap, "%s must be an object",
				"an author");
			continue;
		}
		want(fc, a, ap, "name", JSON_STRING, 0);
		url_member(fc, a, ap, "url");
		url_member(fc, a, ap, "avatar");
	}
}

int fc_check_json(struct fc *fc)
{
	json_error_t err;
	json_t *root, *items, *it;
	const char *ver;
	size_t i;
	struct hashset *ids;

	root = json_loadb((const char *)fc->bytes, fc->len,
			  JSON_REJECT_DUPLICATES, &err);
	if (!root) {
		fc_report(fc, "json-syntax", err.line, err.column, "%s", err.text);
		return 0;
	}
	if (!json_is_object(root)) {
		jreport(fc, "not-a-feed", "", "%s", "the top level is not an object");
		json_decref(root);
		return 0;
	}
	if (want(fc, root, "", "version", JSON_STRING, 1)) {
		ver = json_string_value(json_object_get(root, "version"));
		if (!strcmp(ver, "https://jsonfeed.org/version/1"))
			fc->r->version = strdup("1.0");
		else if (!strcmp(ver, "https://jsonfeed.org/version/1.1"))
			fc->r->version = strdup("1.1");
		else
			jreport(fc, "json-invalid-version", "/version",
				"unknown version '%.100s'", ver);
	}
	want(fc, root, "", "title", JSON_STRING, 1);
	url_member(fc, root, "", "home_page_url");
	url_member(fc, root, "", "feed_url");
	want(fc, root, "", "description", JSON_STRING, 0);
	want(fc, root, "", "user_comment", JSON_STRING, 0);
	url_member(fc, root, "", "next_url");
	url_member(fc, root, "", "icon");
	url_member(fc, root, "", "favicon");
	want(fc, root, "", "language", JSON_STRING, 0);
	want(fc, root, "", "expired", JSON_TRUE, 0);
	authors(fc, root, "");
	if (!want(fc, root, "", "items", JSON_ARRAY, 1)) {
		json_decref(root);
		return 0;
	}
	ids = hashset_new();
	items = json_object_get(root, "items");
	json_array_foreach(items, i, it) {
		char base[64], path[128];
		snprintf(base, sizeof(base), "/items/%zu", i);
		if (!json_is_object(it)) {
			jreport(fc, "json-wrong-type", base, "%s must be an object",
				"an item");
			continue;
		}
		if (json_is_integer(json_object_get(it, "id")) ||
		    json_is_real(json_object_get(it, "id"))) {
			/* 1.0 feeds often use numbers; 1.1 says string */
			snprintf(path, sizeof(path), "%s/id", base);
			jreport(fc, "json-wrong-type", path,
				"'%s' must be a string", "id");
		} else if (want(fc, it, base, "id", JSON_STRING, 1)) {
			const char *id = json_string_value(json_object_get(it, "id"));
			snprintf(path, sizeof(path), "%s/id", base);
			if (hashset_add(ids, id))
				jreport(fc, "json-duplicate-id", path,
					"duplicate item id '%.100s'", id);
		}
		url_member(fc, it, base, "url");
		url_member(fc, it, base, "external_url");
		want(fc, it, base, "title", JSON_STRING, 0);
		want(fc, it, base, "summary", JSON_STRING, 0);
		url_member(fc, it, base, "image");
		url_member(fc, it, base, "banner_image");
		date_member(fc, it, base, "date_published");
		date_member(fc, it, base, "date_modified");
		want(fc, it, base, "tags", JSON_ARRAY, 0);
		want(fc, it, base, "language", JSON_STRING, 0);
		authors(fc, it, base);
		{
			int h = want(fc, it, base, "content_html", JSON_STRING, 0);
			int t = want(fc, it, base, "content_text", JSON_STRING, 0);
			if (!json_object_get(it, "content_html") &&
			    !json_object_get(it, "content_text"))
				jreport(fc, "json-missing-content", base,
					"%s", "item has neither content_html nor "
					"content_text");
			(void)t;
			(void)h;
		}
		if (want(fc, it, base, "attachments", JSON_ARRAY, 0)) {
			json_t *a;
			size_t k;
			json_array_foreach(json_object_get(it, "attachments"), k, a) {
				char ap[160];
				snprintf(ap, sizeof(ap), "%s/attachments/%zu", base, k);
				if (!json_is_object(a))
					continue;
				want(fc, a, ap, "url", JSON_STRING, 1);
				url_member(fc, a, ap, "url");
				if (want(fc, a, ap, "mime_type", JSON_STRING, 1) &&
				    fc_mime_check(json_string_value(
					    json_object_get(a, "mime_type")))) {
					char mp[200];
					snprintf(mp, sizeof(mp), "%s/mime_type", ap);
					jreport(fc, "invalid-mime-type", mp,
						"%s", "invalid MIME type");
				}
				want(fc, a, ap, "size_in_bytes", JSON_INTEGER, 0);
				want(fc, a, ap, "duration_in_seconds", JSON_REAL, 0);
			}
		}
	}
	hashset_free(ids);
	json_decref(root);
	return 0;
}
