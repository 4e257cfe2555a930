/*
 * entry.c - the entries of a feed as readers tell them apart, recorded
 * into fc_result.entries for feedcheck --diff (entry.h).  Only what a
 * reader matches entries by is kept (id, link, title, the dates as
 * written) and a 64-bit digest of the content: two versions of an 11 MB
 * feed cost kilobytes per hundred entries, not their text.
 */
#include "entry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fnv.h"
#include "grow.h"
#include "value.h"

int fc_entries_wanted(const struct fc *fc)
{
	return fc->r->entries.want && !fc->oom;
}

long fc_entry_open(struct fc *fc, long line, long col)
{
	struct fc_entries *l = &fc->r->entries;
	struct fc_entry *e;

	if (!fc_entries_wanted(fc))
		return -1;
	if (l->n >= FC_MAX_ENTRIES) {
		l->dropped++;
		return -1;
	}
	if (l->n == l->alloc) {
		struct fc_entry *nv = ft_grow(l->v, &l->alloc, l->n + 1, sizeof(*nv));
		if (!nv) {
			fc->oom = 1;
			return -1;
		}
		l->v = nv;
	}
	e = &l->v[l->n];
	memset(e, 0, sizeof(*e));
	e->line = line;
	e->col = col;
	e->content = FT_FNV_INIT;
	return (long)l->n++;
}

struct fc_entry *fc_entry_at(struct fc *fc, long k)
{
	if (k < 0 || (size_t)k >= fc->r->entries.n)
		return NULL;
	return &fc->r->entries.v[k];
}

static char **slot(struct fc_entry *e, enum fc_entry_field which)
{
	switch (which) {
	case FC_ENTRY_ID: return &e->id;
	case FC_ENTRY_LINK: return &e->link;
	default: return &e->title;
	}
}

void fc_entry_text(struct fc *fc, long k, enum fc_entry_field which,
		   const char *text)
{
	struct fc_entry *e = fc_entry_at(fc, k);
	char **p;

	if (!e || !text)
		return;
	p = slot(e, which);
	if (*p)
		return;
	if (!(*p = fc_trim_dup(text)))
		fc->oom = 1;
	else if (!**p) {
		/* blank is absent: a reader falls back as if it were */
		free(*p);
		*p = NULL;
	}
}

void fc_entry_date(struct fc *fc, long k, enum fc_entry_date which,
		   const char *text, long line, long col)
{
	struct fc_entry *e = fc_entry_at(fc, k);
	char **p;
	long long t;
	int problem, ok;

	if (!e || !text)
		return;
	p = which == FC_ENTRY_PUBLISHED ? &e->published : &e->updated;
	if (*p)
		return;
	if (!(*p = fc_trim_dup(text))) {
		fc->oom = 1;
		return;
	}
	ok = fc_rfc3339_check(*p, &t) == 0 || fc_rfc822_check(*p, &t, &problem) == 0 ||
	     fc_w3cdtf_check(*p, &t) == 0;
	if (which == FC_ENTRY_PUBLISHED) {
		e->has_pub = (unsigned char)ok;
		e->pub_t = ok ? t : 0;
		e->pub_line = line;
		e->pub_col = col;
	} else {
		e->has_upd = (unsigned char)ok;
		e->upd_t = ok ? t : 0;
		e->upd_line = line;
		e->upd_col = col;
	}
}

void fc_entry_content(struct fc *fc, long k, const char *tag,
		      const char *text, size_t n)
{
	struct fc_entry *e = fc_entry_at(fc, k);

	if (!e)
		return;
	e->content = ft_fnv1a_str(e->content, tag);
	e->content = ft_fnv1a_field(e->content, text ? text : "", text ? n : 0);
	e->has_content = 1;
}

static const char *jstr(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

void fc_entry_json(struct fc *fc, const json_t *item, long line, long col,
		   const char *path)
{
	static const char *const content[] = { "content_html", "content_text",
					       "summary", NULL };
	struct fc_entry *e;
	const char *s;
	size_t i;
	long k;

	if (!json_is_object(item) || (k = fc_entry_open(fc, line, col)) < 0)
		return;
	e = fc_entry_at(fc, k);
	if (!(e->path = strdup(path))) {
		fc->oom = 1;
		return;
	}
	/* JSON Feed 1.1: id is a string; 1.0 feeds often wrote a number,
	 * which readers take as its text */
	if (json_is_integer(json_object_get(item, "id"))) {
		char num[32];
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
			 json_integer_value(json_object_get(item, "id")));
		fc_entry_text(fc, k, FC_ENTRY_ID, num);
	}
	fc_entry_text(fc, k, FC_ENTRY_ID, jstr(item, "id"));
	fc_entry_text(fc, k, FC_ENTRY_LINK, jstr(item, "url"));
	fc_entry_text(fc, k, FC_ENTRY_TITLE, jstr(item, "title"));
	fc_entry_date(fc, k, FC_ENTRY_PUBLISHED, jstr(item, "date_published"), line, col);
	fc_entry_date(fc, k, FC_ENTRY_UPDATED, jstr(item, "date_modified"), line, col);
	for (i = 0; content[i]; i++)
		if ((s = jstr(item, content[i])))
			fc_entry_content(fc, k, i == 2 ? "summary" : "content", s,
					 strlen(s));
}
