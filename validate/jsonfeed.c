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

/* The root's members, checked once the whole object has been read. */
static void check_root(struct fc *fc, json_t *root)
{
	const char *ver;

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
}

/* One item, /items/i. */
static void check_item(struct fc *fc, json_t *it, size_t i, struct hashset *ids)
{
	char base[64], path[128];

	snprintf(base, sizeof(base), "/items/%zu", i);
	if (!json_is_object(it)) {
		jreport(fc, "json-wrong-type", base, "%s must be an object",
			"an item");
		return;
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
	want(fc, it, base, "content_html", JSON_STRING, 0);
	want(fc, it, base, "content_text", JSON_STRING, 0);
	if (!json_object_get(it, "content_html") &&
	    !json_object_get(it, "content_text"))
		jreport(fc, "json-missing-content", base,
			"%s", "item has neither content_html nor content_text");
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

/*
 * The document is read a member at a time, and the items one at a time,
 * each by jansson (a value at a position, JSON_DISABLE_EOF_CHECK); only
 * the punctuation between them is looked at here.  So memory holds one
 * item, not the document's tree, and the bytes passed are handed back
 * (fc_options.consumed).
 */
struct jstream {
	struct fc *fc;
	const char *b;
	size_t len, pos;
	int failed;                 /* a syntax error was reported */
};

static void js_ws(struct jstream *js)
{
	while (js->pos < js->len && (js->b[js->pos] == ' ' || js->b[js->pos] == '\t' ||
				     js->b[js->pos] == '\n' || js->b[js->pos] == '\r'))
		js->pos++;
}

/* json-syntax at byte offset at (the line and column jansson would give:
 * column = characters from the line's start to the offset) */
static void js_error(struct jstream *js, size_t at, const char *msg)
{
	long line = 1, col = 0;
	size_t i, ls = 0;

	if (at > js->len)
		at = js->len;
	for (i = 0; i < at; i++)
		if (js->b[i] == '\n') {
			line++;
			ls = i + 1;
		}
	for (i = ls; i < at; i++)
		if (((unsigned char)js->b[i] & 0xC0) != 0x80)
			col++;
	fc_report(js->fc, "json-syntax", line, col, "%s", msg);
	js->failed = 1;
}

/* jansson's value at js->pos; NULL after a syntax error was reported */
static json_t *js_value(struct jstream *js)
{
	json_error_t err;
	json_t *v = json_loadb(js->b + js->pos, js->len - js->pos,
			       JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK |
			       JSON_REJECT_DUPLICATES, &err);

	if (!v) {
		js_error(js, js->pos + (size_t)(err.position > 0 ? err.position : 0),
			 err.text);
		return NULL;
	}
	js->pos += (size_t)err.position;
	return v;
}

/* "WHAT expected near 'TOKEN'" at the end of the token at js->pos, as
 * jansson words and places its own errors */
static void js_unexpected(struct jstream *js, const char *what)
{
	const char *b = js->b;
	size_t p = js->pos, e = p;
	char msg[200];

	if (p >= js->len) {
		snprintf(msg, sizeof(msg), "%s near end of file", what);
		js_error(js, js->len, msg);
		return;
	}
	if (b[p] == '"') {
		for (e = p + 1; e < js->len && b[e] != '"'; e++)
			if (b[e] == '\\' && e + 1 < js->len)
				e++;
		if (e < js->len)
			e++;
	} else if (strchr("{}[],:", b[p])) {
		e = p + 1;
	} else {
		while (e < js->len && !strchr("{}[],:\" \t\r\n", b[e]))
			e++;
		if (e == p)
			e = p + 1;
	}
	snprintf(msg, sizeof(msg), "%s near '%.*s'", what,
		 (int)(e - p > 64 ? 64 : e - p), b + p);
	js_error(js, e, msg);
}

/* the next character is c (after white space): skip it, or report */
static int js_expect(struct jstream *js, char c, const char *what)
{
	js_ws(js);
	if (js->pos < js->len && js->b[js->pos] == c) {
		js->pos++;
		return 1;
	}
	js_unexpected(js, what);
	return 0;
}

/* Move the diagnostics [from, mid) after [mid, n): the root's findings
 * come before the items', as a reader of the document expects. */
static void rotate_diags(struct diag_list *l, size_t from, size_t mid)
{
	size_t k = mid - from, m = l->n - mid;
	struct diag *tmp;

	if (!k || !m || !(tmp = malloc(k * sizeof(*tmp))))
		return;
	memcpy(tmp, l->v + from, k * sizeof(*tmp));
	memmove(l->v + from, l->v + mid, m * sizeof(*tmp));
	memcpy(l->v + from + m, tmp, k * sizeof(*tmp));
	free(tmp);
}

/* Items with an 'author' met before the version was known. */
struct late {
	size_t *v, n, alloc;
};

static int late_author(struct late *l, size_t i)
{
	if (l->n == l->alloc) {
		size_t na = l->alloc ? l->alloc * 2 : 16;
		size_t *nv = realloc(l->v, na * sizeof(*nv));
		if (!nv)
			return -1;
		l->v = nv;
		l->alloc = na;
	}
	l->v[l->n++] = i;
	return 0;
}

/* fc->r->version from a "version" member, quietly (check_root reports) */
static void set_version(struct fc *fc, json_t *v)
{
	const char *s = json_string_value(v);

	if (!s || fc->r->version)
		return;
	if (!strcmp(s, "https://jsonfeed.org/version/1"))
		fc->r->version = strdup("1.0");
	else if (!strcmp(s, "https://jsonfeed.org/version/1.1"))
		fc->r->version = strdup("1.1");
}

static int check_object(struct fc *fc, size_t start)
{
	struct jstream js = { fc, (const char *)fc->bytes, fc->len, start, 0 };
	json_t *root = json_object(), *key, *v;
	struct hashset *ids = hashset_new();
	size_t nitems = 0, first_item_diag = 0;
	struct late late = { NULL, 0, 0 };
	int items_seen = 0;

	if (!root || !ids)
		goto done;
	js.pos++;                           /* '{' */
	js_ws(&js);
	if (js.pos < js.len && js.b[js.pos] == '}') {
		js.pos++;
		goto closed;
	}
	for (;;) {
		const char *k;
		js_ws(&js);
		if (js.pos >= js.len || js.b[js.pos] != '"') {
			js_unexpected(&js, "string or '}' expected");
			goto done;
		}
		if (!(key = js_value(&js)))
			goto done;
		k = json_string_value(key);
		if (json_object_get(root, k) || (items_seen && !strcmp(k, "items"))) {
			char msg[160];
			snprintf(msg, sizeof(msg), "duplicate object key near '\"%.100s\"'", k);
			js_error(&js, js.pos, msg);
			json_decref(key);
			goto done;
		}
		if (!js_expect(&js, ':', "':' expected")) {
			json_decref(key);
			goto done;
		}
		js_ws(&js);
		if (!strcmp(k, "items") && js.pos < js.len && js.b[js.pos] == '[') {
			/* the version decides an item's deprecated 'author'; it
			 * is known when it came first, as it usually does */
			set_version(fc, json_object_get(root, "version"));
			/* the items, one at a time */
			items_seen = 1;
			first_item_diag = fc->r->diags.n;
			js.pos++;
			js_ws(&js);
			if (js.pos < js.len && js.b[js.pos] == ']') {
				js.pos++;
			} else if (js.pos >= js.len) {
				js_unexpected(&js, "']' expected");
				json_decref(key);
				goto done;
			} else {
				for (;;) {
					json_t *it;
					js_ws(&js);
					if (js.pos >= js.len) {
						js_unexpected(&js, "']' expected");
						json_decref(key);
						goto done;
					}
					if (!(it = js_value(&js))) {
						json_decref(key);
						goto done;
					}
					if (!fc->r->version && json_object_get(it, "author") &&
					    late_author(&late, nitems) < 0) {
						json_decref(it);
						json_decref(key);
						goto done;
					}
					check_item(fc, it, nitems++, ids);
					json_decref(it);
					if (fc->o->consumed)
						fc->o->consumed(fc->o->consumed_arg, js.pos);
					js_ws(&js);
					if (js.pos < js.len && js.b[js.pos] == ',') {
						js.pos++;
						continue;
					}
					if (!js_expect(&js, ']', "']' expected")) {
						json_decref(key);
						goto done;
					}
					break;
				}
			}
			v = json_array();   /* there is an items array */
		} else if (!(v = js_value(&js))) {
			json_decref(key);
			goto done;
		}
		json_object_set_new(root, k, v);
		json_decref(key);
		js_ws(&js);
		if (js.pos < js.len && js.b[js.pos] == ',') {
			js.pos++;
			continue;
		}
		if (!js_expect(&js, '}', "'}' expected"))
			goto done;
		break;
	}
closed:
	js_ws(&js);
	if (js.pos < js.len) {
		js_unexpected(&js, "end of file expected");
		goto done;
	}
	/* the items were checked as they came; 1.1's deprecation of an
	 * item's 'author' needs the version, which may come after them */
	{
		size_t before_root = fc->r->diags.n, i;
		free(fc->r->version);
		fc->r->version = NULL;
		check_root(fc, root);
		if (items_seen)
			rotate_diags(&fc->r->diags, first_item_diag, before_root);
		for (i = 0; i < late.n && fc->r->version &&
			    !strcmp(fc->r->version, "1.1"); i++) {
			char path[96];
			snprintf(path, sizeof(path), "/items/%zu/author", late.v[i]);
			jreport(fc, "json-deprecated", path,
				"'%s' is deprecated in JSON Feed 1.1: use authors",
				"author");
		}
	}
	want(fc, root, "", "items", JSON_ARRAY, 1);
done:
	free(late.v);
	hashset_free(ids);
	json_decref(root);
	return 0;
}

int fc_check_json(struct fc *fc)
{
	json_error_t err;
	json_t *root, *items, *it;
	size_t i, start = 0;
	struct hashset *ids;

	while (start < fc->len && (fc->bytes[start] == ' ' || fc->bytes[start] == '\t' ||
				   fc->bytes[start] == '\n' || fc->bytes[start] == '\r'))
		start++;
	if (start < fc->len && fc->bytes[start] == '{')
		return check_object(fc, start);
	/* not an object: jansson says what it is */
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
	check_root(fc, root);
	if (!want(fc, root, "", "items", JSON_ARRAY, 1)) {
		json_decref(root);
		return 0;
	}
	ids = hashset_new();
	items = json_object_get(root, "items");
	json_array_foreach(items, i, it)
		check_item(fc, it, i, ids);
	hashset_free(ids);
	json_decref(root);
	return 0;
}
