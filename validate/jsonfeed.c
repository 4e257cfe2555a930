/*
 * jsonfeed.c - JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1),
 * parsed with jansson.  Syntax errors carry line and column; every other
 * finding carries a JSON Pointer (RFC 6901) in diag.path, and the line and
 * column of the value it names (lib/jsonpos.c).  Not XML, so not
 * in the registry of vocabularies: check.c calls fc_check_json().  Calls
 * doc.c (fc_report), the value checkers (value_date.c, value_syntax.c),
 * idset.c and jansson only.
 */
#include "vocab.h"
#include "value.h"
#include "idset.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ascii.h"
#include "jsonpos.h"

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
static void check_item(struct fc *fc, json_t *it, size_t i, struct fc_idset *ids)
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
		if (fc_idset_add(ids, id))
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
 * (fc_options.consumed).  A syntax error is reported as jansson reports
 * it for the whole document, and then alone, as before: the items'
 * findings are kept aside until the document has been read.
 */
struct jstream {
	struct fc *fc;
	const char *b;
	size_t len, pos;
	int failed;                 /* a syntax error was found: */
	long err_line, err_col;
	char err_msg[200];
};

static int js_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void js_ws(struct jstream *js)
{
	while (js->pos < js->len && js_space(js->b[js->pos]))
		js->pos++;
}

/* the syntax error at byte offset at, with the line and column jansson
 * would give (column: characters from the line's start to the offset) */
static void js_error(struct jstream *js, size_t at, const char *msg)
{
	long line = 1, col = 0;
	size_t i, ls = 0;

	if (js->failed)
		return;
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
	js->failed = 1;
	js->err_line = line;
	js->err_col = col;
	snprintf(js->err_msg, sizeof(js->err_msg), "%s", msg);
}

/* jansson's value at js->pos; NULL after a syntax error */
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

/*
 * "WHAT expected near 'TOKEN'", placed at the token's end, for the token
 * at js->pos: jansson's lexer decides what the token is (it is run on
 * it), so the words and the place are those of a whole-document parse;
 * where the lexer itself fails (a byte that is not UTF-8, a newline in a
 * string) its own message is the error, as it would be there.
 */
static void js_unexpected(struct jstream *js, const char *what)
{
	const char *b = js->b;
	size_t p = js->pos;
	json_error_t err;
	json_t *v;
	char msg[200];

	if (p >= js->len) {
		snprintf(msg, sizeof(msg), "%s near end of file", what);
		js_error(js, js->len, msg);
		return;
	}
	if (b[p] && strchr("{}[],:", b[p])) {
		snprintf(msg, sizeof(msg), "%s near '%c'", what, b[p]);
		js_error(js, p + 1, msg);
		return;
	}
	v = json_loadb(b + p, js->len - p, JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK,
		       &err);
	if (v) {
		size_t n = (size_t)err.position;
		json_decref(v);
		/* jansson names a token of up to 20 bytes only */
		if (n <= 20)
			snprintf(msg, sizeof(msg), "%s near '%.*s'", what, (int)n, b + p);
		else
			snprintf(msg, sizeof(msg), "%s", what);
		js_error(js, p + n, msg);
	} else if (!strncmp(err.text, "invalid token near ", 19)) {
		snprintf(msg, sizeof(msg), "%s near %s", what, err.text + 19);
		js_error(js, p + (size_t)(err.position > 0 ? err.position : 0), msg);
	} else {
		js_error(js, p + (size_t)(err.position > 0 ? err.position : 0),
			 err.text);
	}
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

/* The items array, from just after its '['.  Their findings go to the
 * current list (the caller's aside list).  0, or -1 when memory ran out;
 * a syntax error is in js. */
static int read_items(struct jstream *js, struct fc_idset *ids, struct late *late)
{
	struct fc *fc = js->fc;
	size_t nitems = 0;

	js_ws(js);
	if (js->pos < js->len && js->b[js->pos] == ']') {
		js->pos++;
		return 0;
	}
	for (;;) {
		json_t *it;
		js_ws(js);
		if (js->pos >= js->len) {
			js_unexpected(js, "']' expected");
			return 0;
		}
		if (!(it = js_value(js)))
			return 0;
		if (!fc->r->version && json_object_get(it, "author") &&
		    late_author(late, nitems) < 0) {
			json_decref(it);
			return -1;
		}
		check_item(fc, it, nitems++, ids);
		json_decref(it);
		if (fc->o->consumed)
			fc->o->consumed(fc->o->consumed_arg, js->pos);
		js_ws(js);
		if (js->pos < js->len && js->b[js->pos] == ',') {
			js->pos++;
			continue;
		}
		js_expect(js, ']', "']' expected");
		return 0;
	}
}

static int check_object(struct fc *fc, size_t start)
{
	struct jstream js;
	json_t *root = json_object(), *key, *v;
	struct fc_idset *ids = fc_idset_new();
	struct diag_list aside;     /* the items' findings */
	struct late late = { NULL, 0, 0 };
	int items_seen = 0, rc = -1;

	memset(&js, 0, sizeof(js));
	js.fc = fc;
	js.b = (const char *)fc->bytes;
	js.len = fc->len;
	js.pos = start + 1;                 /* past '{' */
	ft_diag_list_init(&aside);
	aside.max = fc->r->diags.max;
	if (!root || !ids)
		goto done;
	js_ws(&js);
	if (js.pos < js.len && js.b[js.pos] == '}') {
		js.pos++;
		goto closed;
	}
	for (;;) {
		const char *k;
		size_t key_at;
		js_ws(&js);
		if (js.pos >= js.len || js.b[js.pos] != '"') {
			js_unexpected(&js, "string or '}' expected");
			break;
		}
		key_at = js.pos;
		if (!(key = js_value(&js))) {
			/* a key read alone is a string value to jansson, which
			 * words a NUL in it for values */
			const char *nul = "\\u0000 is not allowed without JSON_ALLOW_NUL";
			if (!strncmp(js.err_msg, nul, strlen(nul))) {
				char msg[200];
				snprintf(msg, sizeof(msg), "NUL byte in object key not supported%s",
					 js.err_msg + strlen(nul));
				snprintf(js.err_msg, sizeof(js.err_msg), "%s", msg);
			}
			break;
		}
		k = json_string_value(key);
		if (json_object_get(root, k) || (items_seen && !strcmp(k, "items"))) {
			char msg[200];
			size_t n = js.pos - key_at;
			if (n <= 20)
				snprintf(msg, sizeof(msg), "duplicate object key near '%.*s'",
					 (int)n, js.b + key_at);
			else
				snprintf(msg, sizeof(msg), "duplicate object key");
			js_error(&js, js.pos, msg);
			json_decref(key);
			break;
		}
		if (!js_expect(&js, ':', "':' expected")) {
			json_decref(key);
			break;
		}
		js_ws(&js);
		if (!strcmp(k, "items") && js.pos < js.len && js.b[js.pos] == '[') {
			struct diag_list main_list = fc->r->diags;
			int r;
			/* the version decides an item's deprecated 'author'; it
			 * is known when it came first, as it usually does */
			set_version(fc, json_object_get(root, "version"));
			items_seen = 1;
			js.pos++;
			fc->r->diags = aside;
			r = read_items(&js, ids, &late);
			aside = fc->r->diags;
			fc->r->diags = main_list;
			if (r < 0) {
				json_decref(key);
				goto done;
			}
			v = js.failed ? NULL : json_array();   /* there is an array */
		} else {
			v = js_value(&js);
		}
		if (!v) {
			json_decref(key);
			break;
		}
		json_object_set_new(root, k, v);
		json_decref(key);
		js_ws(&js);
		if (js.pos < js.len && js.b[js.pos] == ',') {
			js.pos++;
			continue;
		}
		js_expect(&js, '}', "'}' expected");
		break;
	}
closed:
	if (!js.failed) {
		js_ws(&js);
		if (js.pos < js.len)
			js_unexpected(&js, "end of file expected");
	}
	if (js.failed) {
		/* as for a document jansson could not read: that alone */
		fc_report(fc, "json-syntax", js.err_line, js.err_col, "%s", js.err_msg);
		rc = 0;
		goto done;
	}
	{
		size_t i;
		free(fc->r->version);
		fc->r->version = NULL;
		check_root(fc, root);
		ft_diag_list_append(&fc->r->diags, &aside);
		/* an item's 'author' when the version came after the items */
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
	rc = 0;
done:
	ft_diag_list_release(&aside);
	free(late.v);
	fc_idset_free(ids);
	json_decref(root);
	return rc;
}

int fc_check_json(struct fc *fc)
{
	json_error_t err;
	json_t *root;
	size_t start = 0;

	while (start < fc->len && js_space((char)fc->bytes[start]))
		start++;
	if (start < fc->len && fc->bytes[start] == '{') {
		/* the findings by JSON Pointer get the line and column too */
		if (check_object(fc, start) < 0 ||
		    ft_json_locate(&fc->r->diags, (const char *)fc->bytes, fc->len,
				   fc->o->consumed, fc->o->consumed_arg) < 0)
			return -1;
		return 0;
	}
	/* not an object (an array, or something jansson cannot read, such
	 * as a byte order mark): jansson says which */
	root = json_loadb((const char *)fc->bytes, fc->len,
			  JSON_REJECT_DUPLICATES, &err);
	if (!root)
		fc_report(fc, "json-syntax", err.line, err.column, "%s", err.text);
	else
		jreport(fc, "not-a-feed", "", "%s", "the top level is not an object");
	json_decref(root);
	return 0;
}
