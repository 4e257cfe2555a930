/*
 * json_reader.c - JSON read from the stream with the place of every
 * value: the engine of JSON Feed (vocab/jsonfeed.c), as the SAX parse is
 * of the XML vocabularies, but driven by the vocabulary.  jansson
 * reads each string, number and literal (a value at a position,
 * JSON_DISABLE_EOF_CHECK); only the punctuation between them is looked at
 * here, and the place (offset, then line and column) of each value of an
 * object is kept, so that every finding about it can say where it is.  Of
 * the objects JSON Feed defines, only the members it defines are kept;
 * the others are read for their syntax and dropped, so memory does not
 * grow with their number.
 */
#include "json_reader.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "grow.h"





const char *const fc_json_root_members[] = { "version", "title",
	"home_page_url", "feed_url", "description", "user_comment",
	"next_url", "icon", "favicon", "author", "authors", "language",
	"expired", "hubs", "items", NULL };
static const char *const defined_item[] = { "id", "url", "external_url",
	"title", "content_html", "content_text", "summary", "image",
	"banner_image", "date_published", "date_modified", "author",
	"authors", "tags", "language", "attachments", NULL };
static const char *const defined_author[] = { "name", "url", "avatar", NULL };
static const char *const defined_attachment[] = { "url", "mime_type",
	"title", "size_in_bytes", "duration_in_seconds", NULL };
static const char *const defined_hub[] = { "type", "url", NULL };

static const char *const *defined(enum jkind k)
{
	switch (k) {
	case K_ROOT: return fc_json_root_members;
	case K_ITEM: return defined_item;
	case K_AUTHOR: return defined_author;
	case K_ATTACHMENT: return defined_attachment;
	case K_HUB: return defined_hub;
	default: return NULL;
	}
}

int fc_json_in_set(const char *k, const char *const *l)
{
	for (; *l; l++)
		if (!strcmp(k, *l))
			return 1;
	return 0;
}

/* ---- positions ---- */

void fc_json_pos_add(struct jstream *js, const json_t *v, size_t off)
{
	struct jpostab *t = js->cur;

	if (!t || !v || t->n >= MAX_POS || js->deeper)
		return;
	if (t->n == t->alloc) {
		struct jpos *nv = ft_grow(t->v, &t->alloc, t->n + 1, sizeof(*nv));
		if (!nv)
			return;
		t->v = nv;
	}
	t->v[t->n].v = v;
	t->v[t->n++].off = off;
}

size_t fc_json_pos_of(const struct jstream *js, const json_t *v, size_t dflt)
{
	const struct jpostab *tabs[2] = { &js->item, &js->root };
	size_t i, k;

	for (k = 0; v && k < 2; k++)
		for (i = 0; i < tabs[k]->n; i++)
			if (tabs[k]->v[i].v == v)
				return tabs[k]->v[i].off;
	return dflt;
}

/* line (from 1) and column (characters, from 1) of a byte offset */
void fc_json_linecol(struct jstream *js, size_t at, long *line, long *col)
{
	size_t i;

	if (at > js->len)
		at = js->len;
	if (at < js->lc_off) {
		js->lc_off = 0;
		js->lc_line = 1;
		js->lc_col = 1;
	}
	for (i = js->lc_off; i < at; i++) {
		if (js->b[i] == '\n') {
			js->lc_line++;
			js->lc_col = 1;
		} else if (((unsigned char)js->b[i] & 0xC0) != 0x80) {
			js->lc_col++;
		}
	}
	js->lc_off = at;
	*line = js->lc_line;
	*col = js->lc_col;
}

/* a finding about the value v (or, without one, at off), at path */
struct diag *fc_json_report(struct jstream *js, const char *rule,
			    const char *path, const json_t *v, size_t off,
			    const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	long line, col;
	struct diag *d;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fc_json_linecol(js, fc_json_pos_of(js, v, off), &line, &col);
	d = fc_report(js->fc, rule, line, col, "%s", msg);
	if (d) {
		d->path = strdup(path);
		d->offset = (long long)fc_json_pos_of(js, v, off);
	}
	return d;
}

/* RFC 6901 §3: "~" is written "~0" and "/" "~1" */
void fc_json_ptr_add(char *out, size_t sz, const char *base, const char *key)
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

/* ---- the stream ---- */

int fc_json_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void fc_json_ws(struct jstream *js)
{
	while (js->pos < js->len && fc_json_space(js->b[js->pos]))
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

/*
 * RFC 8259 section 6: "This specification allows implementations to set
 * limits on the range and precision of numbers accepted" - jansson's
 * limits (a long long, a finite double) are not the grammar's, so a
 * number beyond them is valid JSON that readers may not hold: read as the
 * nearest double (the largest, for one beyond it) and reported as what it
 * is.  The token is jansson's number: digits, sign, point and exponent.
 */
static json_t *number_beyond(struct jstream *js, const char *path, size_t at)
{
	size_t n = 0;
	char *tok;
	double d;

	while (at + n < js->len && js->b[at + n] &&
	       strchr("+-0123456789.eE", js->b[at + n]))
		n++;
	if (!n || !(tok = malloc(n + 1)))
		return NULL;
	memcpy(tok, js->b + at, n);
	tok[n] = '\0';
	d = strtod(tok, NULL);
	js->pos = at + n;
	if (isinf(d))
		fc_json_report(js, "json-number-interop", path, NULL, at,
			"the number %.40s%s is beyond IEEE 754 binary64 (about "
			"1.8e308): readers get infinity or refuse it", tok,
			n > 40 ? "..." : "");
	else
		fc_json_report(js, "json-number-interop", path, NULL, at,
			"the integer %.40s%s is beyond 2^53: readers round it",
			tok, n > 40 ? "..." : "");
	free(tok);
	return json_real(isinf(d) ? (d > 0 ? DBL_MAX : -DBL_MAX) : d);
}

static int hex4(const char *p, unsigned *cp)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = p[i];
		if (!IS_XDIGIT(c))
			return 0;
		v = v * 16 + (unsigned)(IS_DIGIT(c) ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	*cp = v;
	return 1;
}

/*
 * RFC 8259 section 7 lets a string escape any code unit, and section 8.2
 * says "\uDEAD" (an unpaired surrogate) is allowed by the grammar though
 * it is no character; jansson refuses it.  The string at `at` read again
 * with each lone surrogate as U+FFFD, and reported as what it is.
 */
static json_t *lone_surrogate(struct jstream *js, const char *path, size_t at)
{
	const char *b = js->b;
	size_t end = at + 1, i, n;
	char *s;
	json_error_t err;
	json_t *v;
	unsigned cp, lo;

	while (end < js->len && b[end] != '"')
		end += b[end] == '\\' ? 2 : 1;
	if (end >= js->len || !(s = malloc(end - at + 2)))
		return NULL;
	n = end - at + 1;
	memcpy(s, b + at, n);
	s[n] = '\0';
	for (i = 1; i + 1 < n; i++) {
		if (s[i] != '\\')
			continue;
		if (s[i + 1] != 'u' || i + 6 > n || !hex4(s + i + 2, &cp)) {
			i++;
			continue;
		}
		if (cp >= 0xD800 && cp <= 0xDBFF && i + 12 <= n &&
		    s[i + 6] == '\\' && s[i + 7] == 'u' && hex4(s + i + 8, &lo) &&
		    lo >= 0xDC00 && lo <= 0xDFFF) {
			i += 11;   /* a pair: one character */
			continue;
		}
		if (cp >= 0xD800 && cp <= 0xDFFF)
			memcpy(s + i + 2, "FFFD", 4);
		i += 5;
	}
	v = json_loadb(s, n, JFLAGS, &err);
	free(s);
	if (!v)
		return NULL;
	js->pos = end + 1;
	fc_json_report(js, "json-lone-surrogate", path, NULL, at,
		"a \\u escape of a lone UTF-16 surrogate: no character; "
		"read as U+FFFD");
	return v;
}

static json_t *read_object(struct jstream *js, enum jkind kind, int depth,
			   const char *base);
static json_t *read_array(struct jstream *js, enum jkind kind, int depth,
			  const char *base);

/* jansson's value at js->pos (path: where it is); NULL after a syntax
 * error */
json_t *fc_json_value(struct jstream *js, const char *path)
{
	json_error_t err;
	size_t at = js->pos;
	json_t *v = json_loadb(js->b + at, js->len - at, JFLAGS, &err);
	int numeric = !v && json_error_code(&err) == json_error_numeric_overflow,
	    unicode = !v && !strncmp(err.text, "invalid Unicode", 15);

	if ((numeric || unicode) && (js->b[at] == '{' || js->b[at] == '[') &&
	    js->deeper < MAX_DEEPER) {
		/* a value read whole (an extension's, or past MAX_NEST)
		 * holds one of the two: walked here to find it, its places
		 * not kept (the value is dropped), its depth bounded */
		js->deeper++;
		v = js->b[at] == '{' ? read_object(js, K_KEEP, 0, path)
				     : read_array(js, K_KEEP, 0, path);
		js->deeper--;
		return v;
	}
	if (numeric)
		v = number_beyond(js, path, at);
	else if (unicode && js->b[at] == '"')
		v = lone_surrogate(js, path, at);
	else if (v)
		js->pos += (size_t)err.position;
	if (!v) {
		js_error(js, at + (size_t)(err.position > 0 ? err.position : 0),
			 err.text);
		return NULL;
	}
	/* RFC 8259 section 6: integers in [-(2**53)+1, (2**53)-1] are
	 * interoperable */
	if (json_is_integer(v) && (json_integer_value(v) > 9007199254740991LL ||
				   json_integer_value(v) < -9007199254740991LL))
		fc_json_report(js, "json-number-interop", path, NULL, at,
			"the integer %" JSON_INTEGER_FORMAT " is beyond 2^53: "
			"readers round it", json_integer_value(v));
	return v;
}

/*
 * "WHAT expected near 'TOKEN'", placed at the token's end, for the token
 * at js->pos: jansson's lexer decides what the token is (it is run on
 * it), so the words and the place are those of a whole-document parse.
 */
void fc_json_unexpected(struct jstream *js, const char *what)
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
	v = json_loadb(b + p, js->len - p, JFLAGS, &err);
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
int fc_json_expect(struct jstream *js, char c, const char *what)
{
	fc_json_ws(js);
	if (js->pos < js->len && js->b[js->pos] == c) {
		js->pos++;
		return 1;
	}
	fc_json_unexpected(js, what);
	return 0;
}

int fc_json_more(struct jstream *js, char close)
{
	fc_json_ws(js);
	if (js->pos < js->len && js->b[js->pos] == ',') {
		js->pos++;
		return 1;
	}
	fc_json_expect(js, close, close == '}' ? "'}' expected" : "']' expected");
	return 0;
}

json_t *fc_json_read(struct jstream *js, enum jkind kind, int depth,
			  const char *path);

/* JSON Feed 1.1, Extensions: "_" and a letter, no "." */
void fc_json_extension_name(struct jstream *js, const char *k, size_t at,
			   const char *base, int *said)
{
	char path[300];

	if (k[0] == '_' && IS_ALPHA(k[1]) && !strchr(k, '.'))
		return;
	if ((*said)++)
		return;
	fc_json_ptr_add(path, sizeof(path), base, k);
	fc_json_report(js, "json-extension-name", path, NULL, at,
		k[0] == '_' ? "extension '%.60s' must start with '_' and a letter "
			      "and hold no '.'"
			    : "'%.60s' is not a JSON Feed member: readers ignore it "
			      "(an extension starts with '_')", k);
}

/*
 * JSON Feed 1.1, Extensions: "the extension name and its member keys must
 * not contain any . characters.  The extension name, and only the
 * extension name, must begin with an _ character."  The first level of
 * the extension object at `at` (deeper keys the spec does not name); one
 * finding per extension.
 */
static void extension_members(struct jstream *js, const char *name,
			      json_t *ext, const char *base, size_t at)
{
	const char *k;
	json_t *v;
	char path[300];

	json_object_foreach(ext, k, v) {
		if (k[0] != '_' && !strchr(k, '.'))
			continue;
		fc_json_ptr_add(path, sizeof(path), base, k);
		fc_json_report(js, "json-extension-name", path, NULL, at,
			"'%.60s', a member of extension '%.60s', must %s", k,
			name, k[0] == '_' ? "not start with '_' (only the "
			"extension's name does)" : "hold no '.'");
		return;
	}
}

void fc_json_undefined(struct jstream *js, const char *k, size_t key_at,
		       const char *base, const char *path, int *said)
{
	size_t at;
	json_t *v;

	fc_json_extension_name(js, k, key_at, base, said);
	fc_json_ws(js);
	at = js->pos;
	/* read for its syntax (and an extension's keys), then dropped:
	 * memory stays flat whatever the number of members */
	v = fc_json_read(js, K_KEEP, MAX_NEST, path);
	if (v && k[0] == '_' && json_is_object(v))
		extension_members(js, k, v, path, at);
	json_decref(v);
}

/*
 * The object at js->pos ('{'): its members, those JSON Feed defines for
 * kind only (K_KEEP: all), each read with fc_json_read; a repeated name is
 * json-duplicate-key (RFC 8259 §4: SHOULD be unique), the last one kept.
 */
static json_t *read_object(struct jstream *js, enum jkind kind, int depth,
			   const char *base)
{
	json_t *obj = json_object();
	const char *const *def = defined(kind);
	int said = 0;

	js->pos++;
	if (!obj)
		return NULL;
	fc_json_ws(js);
	if (js->pos < js->len && js->b[js->pos] == '}') {
		js->pos++;
		return obj;
	}
	for (;;) {
		json_t *key, *v;
		const char *k;
		size_t key_at;
		char path[300];
		enum jkind sub = K_KEEP;

		fc_json_ws(js);
		if (js->pos >= js->len || js->b[js->pos] != '"') {
			fc_json_unexpected(js, "string or '}' expected");
			break;
		}
		key_at = js->pos;
		if (!(key = fc_json_value(js, base)))
			break;
		k = json_string_value(key);
		fc_json_ptr_add(path, sizeof(path), base, k);
		if (!fc_json_expect(js, ':', "':' expected")) {
			json_decref(key);
			break;
		}
		if (def && !fc_json_in_set(k, def)) {
			fc_json_undefined(js, k, key_at, base, path, &said);
		} else {
			if (json_object_get(obj, k))
				fc_json_report(js, "json-duplicate-key", path, NULL, key_at,
					"'%.60s' appears twice in one object; the "
					"last is kept", k);
			if (kind == K_ITEM && (!strcmp(k, "authors") || !strcmp(k, "author")))
				sub = K_AUTHOR;
			else if (kind == K_ITEM && !strcmp(k, "attachments"))
				sub = K_ATTACHMENT;
			v = fc_json_read(js, sub, depth + 1, path);
			if (v)
				json_object_set_new(obj, k, v);
		}
		json_decref(key);
		if (js->failed)
			break;
		if (fc_json_more(js, '}'))
			continue;
		break;
	}
	if (js->failed) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

static json_t *read_array(struct jstream *js, enum jkind kind, int depth,
			  const char *base)
{
	json_t *arr = json_array();
	size_t i = 0;

	js->pos++;
	if (!arr)
		return NULL;
	fc_json_ws(js);
	if (js->pos < js->len && js->b[js->pos] == ']') {
		js->pos++;
		return arr;
	}
	for (;;) {
		char path[320];
		json_t *v;
		snprintf(path, sizeof(path), "%s/%zu", base, i++);
		if (!(v = fc_json_read(js, kind, depth + 1, path)))
			break;
		json_array_append_new(arr, v);
		if (fc_json_more(js, ']'))
			continue;
		break;
	}
	if (js->failed) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

/* any value; its position is kept (for the reports about it) */
json_t *fc_json_read(struct jstream *js, enum jkind kind, int depth,
			  const char *path)
{
	json_t *v;
	size_t at;

	fc_json_ws(js);
	at = js->pos;
	if (at >= js->len) {
		fc_json_unexpected(js, "value expected");
		return NULL;
	}
	if (depth < MAX_NEST && js->b[at] == '{')
		v = read_object(js, kind, depth, path);
	else if (depth < MAX_NEST && js->b[at] == '[')
		v = read_array(js, kind, depth, path);
	else
		v = fc_json_value(js, path);
	if (v && depth < MAX_NEST)
		fc_json_pos_add(js, v, at);
	return v;
}
