/*
 * json_reader.h - the JSON stream reader (json_reader.c) that jsonfeed.c
 * checks a JSON Feed with: values read one at a time with jansson, and
 * the place of each.  Internal to validate/.
 */
#ifndef FEED_JSON_READER_H
#define FEED_JSON_READER_H

#include <stddef.h>

#include <jansson.h>

#include "doc.h"

#define MAX_POS 4096     /* positions kept for one item (or the root) */
#define MAX_NEST 64      /* objects and arrays read here; deeper: jansson */
#define MAX_DEEPER 4     /* times a value read whole is walked again */
#define JFLAGS (JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL)
struct jpos { const json_t *v; size_t off; };
struct jpostab { struct jpos *v; size_t n, alloc; };
/* the kinds of object whose members JSON Feed 1.1 defines */
enum jkind { K_KEEP, K_ROOT, K_ITEM, K_AUTHOR, K_ATTACHMENT, K_HUB };
struct jstream {
	struct fc *fc;
	const char *b;
	size_t len, pos;
	int failed;                 /* a syntax error was found: */
	long err_line, err_col;
	char err_msg[200];
	struct jpostab root, item, *cur;   /* where the values are */
	size_t lc_off;              /* line and column of lc_off, cached */
	long lc_line, lc_col;
	struct fc_idset *keys;      /* the root's undefined keys, for duplicates */
	int deeper;                 /* walking a value jansson could not read
				       whole: no places kept */
};

/* the members JSON Feed 1.1 defines at the top level, NULL-ended */
extern const char *const fc_json_root_members[];
int fc_json_in_set(const char *k, const char *const *l);

/* positions: keep where v is; where it is (dflt when unknown); the line
 * and column of an offset */
void fc_json_pos_add(struct jstream *js, const json_t *v, size_t off);
size_t fc_json_pos_of(const struct jstream *js, const json_t *v, size_t dflt);
void fc_json_linecol(struct jstream *js, size_t at, long *line, long *col);
/* a finding about v (or, without it, at off), with the JSON Pointer path */
struct diag *fc_json_report(struct jstream *js, const char *rule,
			    const char *path, const json_t *v, size_t off,
			    const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* out = base + "/" + key, escaped (RFC 6901 §3) */
void fc_json_ptr_add(char *out, size_t sz, const char *base, const char *key);

/* the stream: white space; a value by jansson; a syntax error worded as
 * jansson would; the character c next; any value (objects of kind keep
 * only the members JSON Feed defines for it), its place kept; the name of
 * an undefined member (JSON Feed 1.1 Extensions), said once per object */
int fc_json_space(char c);
void fc_json_ws(struct jstream *js);
json_t *fc_json_value(struct jstream *js, const char *path);
void fc_json_unexpected(struct jstream *js, const char *what);
int fc_json_expect(struct jstream *js, char c, const char *what);
/* after a member or an element: 1 past a ',' (another follows), else 0,
 * past close or with the syntax error "'close' expected" reported */
int fc_json_more(struct jstream *js, char close);
json_t *fc_json_read(struct jstream *js, enum jkind kind, int depth,
		     const char *path);
void fc_json_extension_name(struct jstream *js, const char *k, size_t at,
			    const char *base, int *said);
/* a member JSON Feed does not define for its object: its name, and an
 * extension object's member keys, checked; the value read and dropped */
void fc_json_undefined(struct jstream *js, const char *k, size_t key_at,
		       const char *base, const char *path, int *said);

#endif
