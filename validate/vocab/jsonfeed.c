/*
 * jsonfeed.c - JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1):
 * every member, to the letter.  Every finding carries a JSON Pointer (RFC
 * 6901) in diag.path and the line and column of the value it is about.
 * The document is read a member at a time and the items one at a time
 * (engine/json_reader.c), so memory holds one item and the members JSON
 * Feed defines, not the document's tree, and the bytes passed are handed
 * back (fc_options.consumed).  A syntax error is reported alone, as
 * jansson reports it for the whole document.  Not XML, so not in the
 * registry of vocabularies: check.c calls fc_check_json().
 */
#include "jsonfeed.h"

#include "entry.h"
#include "idset.h"
#include "json_reader.h"
#include "names.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ascii.h"
#include "grow.h"

int fc_looks_json(const unsigned char *b, size_t n)
{
	size_t i = 0;

	while (i < n && IS_SPACE(b[i]))
		i++;
	return i < n && (b[i] == '{' || b[i] == '[');
}


/* ---- the checks ---- */

static const char *const type_name[] = { "an object", "an array", "a string",
	"an integer", "a number", "true or false", "true or false", "null" };

/* member key of obj (at off) has type; 1 when it is there and has it */
static int want(struct jstream *js, json_t *obj, size_t off, const char *base,
		const char *key, json_type type, int required)
{
	char path[512];
	json_t *v = json_object_get(obj, key);

	fc_json_ptr_add(path, sizeof(path), base, key);
	if (!v) {
		if (required)
			fc_json_report(js, "json-missing-member", base, obj, off,
				"missing required member '%s'", key);
		return 0;
	}
	if (json_typeof(v) == type ||
	    (type == JSON_TRUE && json_typeof(v) == JSON_FALSE) ||
	    (type == JSON_REAL && json_typeof(v) == JSON_INTEGER))
		return 1;
	fc_json_report(js, "json-wrong-type", path, v, off, "'%s' must be %s", key,
		type_name[type]);
	return 0;
}

static const char *str(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* a URL member: valid, and absolute (JSON Feed has no base URI) */
static void url_member(struct jstream *js, json_t *obj, size_t off,
		       const char *base, const char *key)
{
	char path[512], c;
	const char *s;

	if (!want(js, obj, off, base, key, JSON_STRING, 0))
		return;
	s = str(obj, key);
	fc_json_ptr_add(path, sizeof(path), base, key);
	if (fc_uri_check(s, 0, 1, &c))
		fc_json_report(js, "invalid-uri", path, json_object_get(obj, key), off,
			"'%s' is not a valid URL: '%.100s'", key, s);
	else if (fc_uri_check(s, 1, 1, NULL) == URI_RELATIVE)
		fc_json_report(js, "json-relative-url", path, json_object_get(obj, key),
			off, "'%s' is relative ('%.100s'), and JSON Feed has no "
			"base URI", key, s);
}

/*
 * RFC 3339 section 5.6, NOTE: "the "T" and "Z" characters in this syntax
 * may alternatively be lower case "t" or "z" respectively".  JSON Feed
 * 1.1 asks for "RFC 3339 format" and limits it no further (Atom does:
 * RFC 4287 section 3.3), so s is a date when it is one in upper case.
 */
static int lower_case_date(const char *s, long long *t)
{
	char up[64];
	size_t n = strlen(s);

	if (n < 20 || n >= sizeof(up) || (s[10] != 't' && s[n - 1] != 'z'))
		return 0;
	memcpy(up, s, n + 1);
	if (up[10] == 't')
		up[10] = 'T';
	if (up[n - 1] == 'z')
		up[n - 1] = 'Z';
	return !fc_rfc3339_check(up, t);
}

static int date_member(struct jstream *js, json_t *obj, size_t off,
		       const char *base, const char *key, long long *t)
{
	char path[512];
	json_t *v = json_object_get(obj, key);

	if (!want(js, obj, off, base, key, JSON_STRING, 0))
		return 0;
	fc_json_ptr_add(path, sizeof(path), base, key);
	if (fc_rfc3339_check(json_string_value(v), t)) {
		if (!lower_case_date(json_string_value(v), t)) {
			fc_json_report(js, "invalid-rfc3339-date", path, v, off,
				"'%s' must be an RFC 3339 date-time", key);
			return 0;
		}
		fc_json_report(js, "json-date-lower-case", path, v, off,
			"'%s' has a lower-case 't' or 'z': valid, but RFC 3339 "
			"asks for upper case", key);
	}
	if (!fc_date_plausible(*t))
		fc_json_report(js, "implausible-date", path, v, off,
			"implausible date '%.60s'", json_string_value(v));
	return 1;
}

/* plain text: "The only place HTML is allowed in this format is in
 * content_html" */
static void text_member(struct jstream *js, json_t *obj, size_t off,
			const char *base, const char *key)
{
	char path[512];

	if (!json_is_string(json_object_get(obj, key)) ||
	    !fc_looks_like_html(str(obj, key)))
		return;
	fc_json_ptr_add(path, sizeof(path), base, key);
	fc_json_report(js, "contains-html", path, json_object_get(obj, key), off,
		"'%s' is plain text but holds HTML: HTML belongs in "
		"content_html", key);
}

static void language(struct jstream *js, json_t *obj, size_t off,
		     const char *base)
{
	char path[512];
	const char *s;
	size_t k;

	if (!want(js, obj, off, base, "language", JSON_STRING, 0))
		return;
	s = str(obj, "language");
	k = strcspn(s, "-");
	fc_json_ptr_add(path, sizeof(path), base, "language");
	if (fc_lang_check(s) || (k >= 2 && !fc_language_known(s, k)))
		fc_json_report(js, "invalid-language", path, json_object_get(obj, "language"),
			off, "'%.50s' is not an RFC 5646 language tag with an "
			"ISO 639 language", s);
}

/* content_html: the checks of HTML in RSS and Atom (html.c), placed */
static void html_member(struct jstream *js, json_t *obj, size_t off,
			const char *base)
{
	struct frame f;
	char path[512];
	size_t i, before = js->fc->r->diags.n;
	long line, col;
	const json_t *v = json_object_get(obj, "content_html");

	if (!want(js, obj, off, base, "content_html", JSON_STRING, 0))
		return;
	fc_json_ptr_add(path, sizeof(path), base, "content_html");
	memset(&f, 0, sizeof(f));
	fc_json_linecol(js, fc_json_pos_of(js, v, off), &line, &col);
	f.qname = f.local = "content_html";
	f.line = line;
	f.col = col;
	f.off = (long long)fc_json_pos_of(js, v, off);
	fc_check_html(js->fc, &f, json_string_value(v), 1);
	for (i = before; i < js->fc->r->diags.n; i++)
		if (!js->fc->r->diags.v[i].path)
			js->fc->r->diags.v[i].path = strdup(path);
}

static void authors(struct jstream *js, json_t *obj, size_t off,
		    const char *base)
{
	char path[512], ap[560];
	json_t *a;
	size_t i;

	if (json_object_get(obj, "author") && js->fc->r->version &&
	    !strcmp(js->fc->r->version, "1.1")) {
		fc_json_ptr_add(path, sizeof(path), base, "author");
		fc_json_report(js, "json-deprecated", path, json_object_get(obj, "author"),
			off, "'author' is deprecated in JSON Feed 1.1: use authors");
	}
	if (!want(js, obj, off, base, "authors", JSON_ARRAY, 0))
		return;
	fc_json_ptr_add(path, sizeof(path), base, "authors");
	json_array_foreach(json_object_get(obj, "authors"), i, a) {
		snprintf(ap, sizeof(ap), "%s/%zu", path, i);
		if (!json_is_object(a)) {
			fc_json_report(js, "json-wrong-type", ap, a, off,
				"an author must be an object");
			continue;
		}
		/* "at least one is required" */
		if (!json_object_get(a, "name") && !json_object_get(a, "url") &&
		    !json_object_get(a, "avatar"))
			fc_json_report(js, "json-empty-author", ap, a, off,
				"an author object needs name, url or avatar");
		want(js, a, off, ap, "name", JSON_STRING, 0);
		url_member(js, a, off, ap, "url");
		url_member(js, a, off, ap, "avatar");
	}
}

/* hubs: objects "with type and url, both of which are required" */
static void hubs(struct jstream *js, json_t *root)
{
	json_t *h;
	size_t i;
	char hp[64];

	if (!want(js, root, 0, "", "hubs", JSON_ARRAY, 0))
		return;
	json_array_foreach(json_object_get(root, "hubs"), i, h) {
		snprintf(hp, sizeof(hp), "/hubs/%zu", i);
		if (!json_is_object(h)) {
			fc_json_report(js, "json-wrong-type", hp, h, 0,
				"a hub must be an object");
			continue;
		}
		want(js, h, fc_json_pos_of(js, h, 0), hp, "type", JSON_STRING, 1);
		if (want(js, h, fc_json_pos_of(js, h, 0), hp, "url", JSON_STRING, 1))
			url_member(js, h, fc_json_pos_of(js, h, 0), hp, "url");
	}
}

static const char *version_of(const char *s)
{
	if (!s)
		return NULL;
	if (!strcmp(s, "https://jsonfeed.org/version/1"))
		return "1.0";
	if (!strcmp(s, "https://jsonfeed.org/version/1.1"))
		return "1.1";
	return NULL;
}

/* The root's members, checked once the whole object has been read. */
static void check_root(struct jstream *js, json_t *root)
{
	struct fc *fc = js->fc;
	const char *mt = fc->t ? fc->t->media_type : NULL;
	json_t *v;

	if (want(js, root, 0, "", "version", JSON_STRING, 1)) {
		const char *ver = str(root, "version");
		if (version_of(ver))
			fc->r->version = strdup(version_of(ver));
		else
			fc_json_report(js, "json-invalid-version", "/version",
				json_object_get(root, "version"), 0,
				"unknown version '%.100s'", ver);
	}
	text_member(js, root, 0, "", "title");
	want(js, root, 0, "", "title", JSON_STRING, 1);
	if (json_is_string(json_object_get(root, "title")) &&
	    fc_is_blank(str(root, "title")))
		fc_json_report(js, "not-blank", "/title", json_object_get(root, "title"),
			0, "'title' is empty");
	url_member(js, root, 0, "", "home_page_url");
	url_member(js, root, 0, "", "feed_url");
	if (!json_object_get(root, "home_page_url") || !json_object_get(root, "feed_url"))
		fc_json_report(js, "json-missing-recommended", "", root, 0,
			"%s is missing: it is strongly recommended",
			!json_object_get(root, "feed_url") ? "feed_url" : "home_page_url");
	want(js, root, 0, "", "description", JSON_STRING, 0);
	text_member(js, root, 0, "", "description");
	want(js, root, 0, "", "user_comment", JSON_STRING, 0);
	url_member(js, root, 0, "", "next_url");
	if (str(root, "next_url") && str(root, "feed_url") &&
	    !strcmp(str(root, "next_url"), str(root, "feed_url")))
		fc_json_report(js, "json-next-url-loop", "/next_url",
			json_object_get(root, "next_url"), 0,
			"next_url is the feed's own feed_url: an endless loop");
	url_member(js, root, 0, "", "icon");
	url_member(js, root, 0, "", "favicon");
	language(js, root, 0, "");
	if ((v = json_object_get(root, "expired")) && !json_is_boolean(v))
		fc_json_report(js, "json-not-boolean", "/expired", v, 0,
			"'expired' must be true or false");
	authors(js, root, 0, "");
	hubs(js, root);
	if (fc_readers(fc) && fc->len > ((size_t)5 << 20))
		fc_json_report(js, "readers-feed-too-large", "", root, 0,
			"the feed is %zu bytes: %s", fc->len,
			fc->len > ((size_t)15 << 20) ? "Miniflux refuses a feed "
			"over 15 MiB, CommaFeed one over 5 MiB" :
			"CommaFeed refuses a feed over 5 MiB");
	if (mt && (!strcmp(mt, "application/rss+xml") ||
		   !strcmp(mt, "application/atom+xml") ||
		   !strcmp(mt, "application/xml") || !strcmp(mt, "text/xml")))
		fc_json_report(js, "content-type-mismatch", "", root, 0,
			"served as %.60s, but the document is a JSON Feed", mt);
}

/*
 * --profile readers (rules/rules_readers.c; vocab/readers.c does XML's):
 * dates readers hide or replace, and an id that will change.
 */
static void readers_item(struct jstream *js, json_t *it, size_t off,
			 const char *base, int has_pub, long long pub,
			 int has_mod, long long mod)
{
	char path[128];
	long long ahead = (long long)time(NULL) + 24 * 60 * 60;
	const char *id = str(it, "id");
	json_t *v;
	size_t k;

	if (!has_pub) {
		fc_json_report(js, "readers-missing-date", base, it, off,
			"an item without date_published: Miniflux, newsboat "
			"and FreshRSS give it the time they fetched it");
	}
	for (k = 0; k < 2; k++) {
		const char *key = k ? "date_modified" : "date_published";
		if (!(k ? has_mod && mod > ahead : has_pub && pub > ahead))
			continue;
		snprintf(path, sizeof(path), "%s/%s", base, key);
		v = json_object_get(it, key);
		fc_json_report(js, "readers-future-date", path, v, off,
			"'%.60s' is more than a day ahead: NetNewsWire drops "
			"the date and Miniflux keeps the item on top until then",
			json_string_value(v));
	}
	if (id && fc_readers_volatile(id)) {
		snprintf(path, sizeof(path), "%s/id", base);
		fc_json_report(js, "readers-volatile-id", path,
			json_object_get(it, "id"), off,
			"the id '%.100s' carries '%s', which changes from one "
			"generator run or visit to the next: readers show the "
			"item again under its new id", id, fc_readers_volatile(id));
	}
}

/* One item, /items/i, at off. */
static void check_item(struct jstream *js, json_t *it, size_t i, size_t off,
		       struct fc_idset *ids)
{
	char base[64], path[128];
	json_t *id, *a;
	long long pub = 0, mod = 0;
	int has_pub, has_mod;
	size_t k;

	snprintf(base, sizeof(base), "/items/%zu", i);
	if (!json_is_object(it)) {
		fc_json_report(js, "json-wrong-type", base, it, off, "an item must be an object");
		return;
	}
	snprintf(path, sizeof(path), "%s/id", base);
	id = json_object_get(it, "id");
	if (json_is_number(id)) {
		/* readers "should coerce" a number (Suggestions for Feed Readers) */
		char num[64];
		fc_json_report(js, "json-id-number", path, id, off,
			"'id' should be a string, not a number");
		if (json_is_integer(id))
			snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(id));
		else
			snprintf(num, sizeof(num), "%.17g", json_real_value(id));
		if (fc_idset_add(ids, num) == 1)
			fc_json_report(js, "json-duplicate-id", path, id, off,
				"duplicate item id '%s'", num);
	} else if (want(js, it, off, base, "id", JSON_STRING, 1)) {
		const char *s = json_string_value(id);
		if (fc_is_blank(s))
			fc_json_report(js, "json-blank-id", path, id, off,
				"'id' is blank: readers discard the item");
		else if (fc_idset_add(ids, s) == 1)
			fc_json_report(js, "json-duplicate-id", path, id, off,
				"duplicate item id '%.100s'", s);
	}
	url_member(js, it, off, base, "url");
	url_member(js, it, off, base, "external_url");
	want(js, it, off, base, "title", JSON_STRING, 0);
	text_member(js, it, off, base, "title");
	want(js, it, off, base, "summary", JSON_STRING, 0);
	text_member(js, it, off, base, "summary");
	url_member(js, it, off, base, "image");
	url_member(js, it, off, base, "banner_image");
	has_pub = date_member(js, it, off, base, "date_published", &pub);
	has_mod = date_member(js, it, off, base, "date_modified", &mod);
	if (fc_readers(js->fc))
		readers_item(js, it, off, base, has_pub, pub, has_mod, mod);
	if (has_pub && has_mod && mod < pub) {
		snprintf(path, sizeof(path), "%s/date_modified", base);
		fc_json_report(js, "json-modified-before-published", path,
			json_object_get(it, "date_modified"), off,
			"date_modified is earlier than date_published");
	}
	if (want(js, it, off, base, "tags", JSON_ARRAY, 0))
		json_array_foreach(json_object_get(it, "tags"), k, a)
			if (!json_is_string(a)) {
				snprintf(path, sizeof(path), "%s/tags/%zu", base, k);
				fc_json_report(js, "json-wrong-type", path, a, off,
					"a tag must be a string");
			}
	language(js, it, off, base);
	authors(js, it, off, base);
	html_member(js, it, off, base);
	want(js, it, off, base, "content_text", JSON_STRING, 0);
	text_member(js, it, off, base, "content_text");
	if (!json_object_get(it, "content_html") &&
	    !json_object_get(it, "content_text"))
		fc_json_report(js, "json-missing-content", base, it, off,
			"item has neither content_html nor content_text");
	if (!want(js, it, off, base, "attachments", JSON_ARRAY, 0))
		return;
	json_array_foreach(json_object_get(it, "attachments"), k, a) {
		static const char *const num[] = { "size_in_bytes",
			"duration_in_seconds" };
		char ap[160], np[200];
		size_t m;
		snprintf(ap, sizeof(ap), "%s/attachments/%zu", base, k);
		if (!json_is_object(a)) {
			fc_json_report(js, "json-wrong-type", ap, a, off,
				"an attachment must be an object");
			continue;
		}
		if (want(js, a, off, ap, "url", JSON_STRING, 1))
			url_member(js, a, off, ap, "url");
		if (want(js, a, off, ap, "mime_type", JSON_STRING, 1) &&
		    fc_mime_check(str(a, "mime_type"))) {
			snprintf(np, sizeof(np), "%s/mime_type", ap);
			fc_json_report(js, "invalid-mime-type", np,
				json_object_get(a, "mime_type"), off, "invalid MIME type");
		}
		want(js, a, off, ap, "title", JSON_STRING, 0);
		for (m = 0; m < 2; m++) {
			/* "(optional, number)": 10.0 and 1e6 are numbers too */
			json_t *n = json_object_get(a, num[m]);
			double d;
			if (!want(js, a, off, ap, num[m], JSON_REAL, 0))
				continue;
			d = json_number_value(n);
			snprintf(np, sizeof(np), "%s/%s", ap, num[m]);
			/* a double from 2^53 up is whole (and a cast of one
			 * past LLONG_MAX undefined) */
			if (d < 0 || (m == 0 && d < 9007199254740992.0 &&
				      d != (double)(long long)d))
				fc_json_report(js, "json-number-range", np, n, off,
					"'%s' must be %s", num[m], m == 0 ?
					"a whole number of bytes, not negative" :
					"a number of seconds, not negative");
		}
	}
}

/* Items with an 'author' met before the version was known. */
struct late {
	size_t *v, n, alloc;
	size_t *off;
};

static int late_author(struct late *l, size_t i, size_t off)
{
	if (l->n == l->alloc) {
		size_t na = ft_grow_room(l->alloc, l->n + 1);
		size_t *nv = ft_reallocarray(l->v, na, sizeof(*nv));
		size_t *no;
		if (!nv)
			return -1;
		l->v = nv;
		if (!(no = ft_reallocarray(l->off, na, sizeof(*no))))
			return -1;
		l->off = no;
		l->alloc = na;
	}
	l->off[l->n] = off;
	l->v[l->n++] = i;
	return 0;
}

/* The items array, from just after its '['.  Their findings go to the
 * current list (the caller's aside list).  0, or -1 when memory ran out;
 * a syntax error is in js. */
static int read_items(struct jstream *js, struct fc_idset *ids, struct late *late)
{
	struct fc *fc = js->fc;
	size_t nitems = 0;

	fc_json_ws(js);
	if (js->pos < js->len && js->b[js->pos] == ']') {
		js->pos++;
		return 0;
	}
	js->cur = &js->item;
	for (;;) {
		json_t *it;
		char base[64];
		size_t at;
		fc_json_ws(js);
		at = js->pos;
		if (js->pos >= js->len) {
			fc_json_unexpected(js, "']' expected");
			break;
		}
		js->item.n = 0;
		snprintf(base, sizeof(base), "/items/%zu", nitems);
		if (!(it = fc_json_read(js, K_ITEM, 1, base)))
			break;
		if (!fc->r->version && json_object_get(it, "author") &&
		    late_author(late, nitems, fc_json_pos_of(js, json_object_get(it, "author"), at)) < 0) {
			json_decref(it);
			js->cur = &js->root;
			return -1;
		}
		check_item(js, it, nitems, at, ids);
		if (fc_entries_wanted(fc)) {
			long line, col;
			fc_json_linecol(js, at, &line, &col);
			fc_entry_json(fc, it, line, col, base);
		}
		nitems++;
		json_decref(it);
		js->item.n = 0;
		if (fc->o->consumed)
			fc->o->consumed(fc->o->consumed_arg, js->pos);
		if (fc_json_more(js, ']'))
			continue;
		break;
	}
	js->cur = &js->root;
	return 0;
}

static int check_object(struct fc *fc, size_t start)
{
	struct jstream js;
	json_t *root = json_object(), *key, *v;
	struct fc_idset *ids = fc_idset_new();
	struct diag_list aside;     /* the items' findings */
	struct late late = { NULL, 0, 0, NULL };
	int items_seen = 0, rc = -1, said = 0;
	size_t told = 0;

	memset(&js, 0, sizeof(js));
	js.fc = fc;
	js.b = (const char *)fc->bytes;
	js.len = fc->len;
	js.pos = start + 1;                 /* past '{' */
	js.lc_line = js.lc_col = 1;
	js.cur = &js.root;
	js.keys = fc_idset_new();
	ft_diag_list_init(&aside);
	aside.max = fc->r->diags.max;
	if (!root || !ids || !js.keys)
		goto done;
	/* --profile readers: mixed content in content_html (value/html.c) */
	if (fc_readers(fc) && fc->t && fc->t->url)
		fc->feed_https = fc_strncase_eq(fc->t->url, "https:", 6);
	fc_json_pos_add(&js, root, start);
	fc_json_ws(&js);
	if (js.pos < js.len && js.b[js.pos] == '}') {
		js.pos++;
		goto closed;
	}
	for (;;) {
		const char *k;
		size_t key_at;
		char path[300];
		fc_json_ws(&js);
		if (js.pos >= js.len || js.b[js.pos] != '"') {
			fc_json_unexpected(&js, "string or '}' expected");
			break;
		}
		key_at = js.pos;
		if (!(key = fc_json_value(&js, "")))
			break;
		k = json_string_value(key);
		fc_json_ptr_add(path, sizeof(path), "", k);
		if (!fc_json_expect(&js, ':', "':' expected")) {
			json_decref(key);
			break;
		}
		fc_json_ws(&js);
		if ((json_object_get(root, k) || (items_seen && !strcmp(k, "items")) ||
		     (!fc_json_in_set(k, fc_json_root_members) && fc_idset_add(js.keys, k) == 1)))
			fc_json_report(&js, "json-duplicate-key", path, NULL, key_at,
				"'%.60s' appears twice in the feed object; the last "
				"is kept", k);
		if (!strcmp(k, "items") && js.pos < js.len && js.b[js.pos] == '[') {
			struct diag_list main_list = fc->r->diags;
			int r;
			/* the version decides an item's deprecated 'author'; it
			 * is known when it came first, as it usually does */
			if (!fc->r->version &&
			    version_of(str(root, "version")))
				fc->r->version = strdup(version_of(str(root, "version")));
			items_seen = 1;
			fc_json_pos_add(&js, root, key_at);
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
		} else if (!fc_json_in_set(k, fc_json_root_members)) {
			fc_json_undefined(&js, k, key_at, "", path, &said);
			v = NULL;
			json_decref(key);
			if (js.failed)
				break;
			goto next;
		} else {
			v = fc_json_read(&js, !strcmp(k, "hubs") ? K_HUB :
					    !strcmp(k, "authors") || !strcmp(k, "author")
					    ? K_AUTHOR : K_KEEP, 1, path);
		}
		if (!v) {
			json_decref(key);
			break;
		}
		json_object_set_new(root, k, v);
		json_decref(key);
next:
		/* the bytes behind are not needed again (a mapped file's pages
		 * can go), every megabyte or so */
		if (fc->o->consumed && js.pos >= told + ((size_t)1 << 20)) {
			told = js.pos;
			fc->o->consumed(fc->o->consumed_arg, js.pos);
		}
		if (fc_json_more(&js, '}'))
			continue;
		break;
	}
closed:
	if (!js.failed) {
		fc_json_ws(&js);
		if (js.pos < js.len)
			fc_json_unexpected(&js, "end of file expected");
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
		check_root(&js, root);
		ft_diag_list_move(&fc->r->diags, &aside);
		/* an item's 'author' when the version came after the items */
		for (i = 0; i < late.n && fc->r->version &&
			    !strcmp(fc->r->version, "1.1"); i++) {
			char path[96];
			snprintf(path, sizeof(path), "/items/%zu/author", late.v[i]);
			fc_json_report(&js, "json-deprecated", path, NULL, late.off[i],
				"'author' is deprecated in JSON Feed 1.1: use authors");
		}
	}
	if (!json_object_get(root, "items") && !items_seen)
		fc_json_report(&js, "json-missing-member", "", root, start,
			"missing required member 'items'");
	else if (!items_seen)
		want(&js, root, start, "", "items", JSON_ARRAY, 1);
	if (fc_idset_full(ids))
		fc_json_report(&js, "id-set-full", "/items", root, start,
			"more item ids than feedcheck remembers (%u): duplicates "
			"past them were not looked for", FC_IDSET_CAP);
	rc = 0;
done:
	ft_diag_list_release(&aside);
	free(late.v);
	free(late.off);
	free(js.root.v);
	free(js.item.v);
	fc_idset_free(ids);
	fc_idset_free(js.keys);
	json_decref(root);
	return rc;
}

int fc_check_json(struct fc *fc)
{
	json_error_t err;
	json_t *root;
	size_t start = 0;

	while (start < fc->len && fc_json_space((char)fc->bytes[start]))
		start++;
	if (start < fc->len && fc->bytes[start] == '{')
		return check_object(fc, start);
	/* not an object (an array, or something jansson cannot read): jansson
	 * says which */
	root = json_loadb((const char *)fc->bytes, fc->len, JSON_ALLOW_NUL, &err);
	if (!root) {
		fc_report(fc, "json-syntax", err.line, err.column, "%s", err.text);
	} else {
		struct diag *d = fc_report(fc, "not-a-feed", 1, (long)start + 1, "%s",
					   "the top level is not an object");
		if (d)
			d->path = strdup("");
	}
	json_decref(root);
	return 0;
}
