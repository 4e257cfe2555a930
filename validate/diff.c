/*
 * diff.c - what a change from one version of a feed to the next does to
 * its subscribers (fc_diff, feedcheck.h): the entries fc_check() read
 * (fc_result.entries) matched as readers match them, and the rules
 * diff-* (rules/rules_diff.c) about what they will see.
 *
 * Readers identify an entry by its id exactly as written, by its link
 * when it has none (rules_diff.c names them).  So a new entry whose
 * article was there before under another id (the same link, else the
 * same title and publication date) is shown twice; when most of the
 * articles both versions carry changed id, the feed was re-issued, one
 * finding for all.  Entries matched by id are compared: the publication
 * date moved, the update date gone back, the content changed under the
 * same update date.  Entries of the old version that the new lacks while
 * it has nothing new are a notice: a feed that only moves its window on
 * drops its oldest entries as it adds new ones.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "feedcheck.h"
#include "fnv.h"

/* a version's entries indexed by one of their keys */
struct slot {
	uint64_t h;
	size_t i;
};

struct index {
	struct slot *v;
	size_t n;
};

/* what identifies an entry to a reader: its id, else its link */
static const char *key_of(const struct fc_entry *e)
{
	return e->id ? e->id : e->link;
}

static int by_hash(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static uint64_t title_date(const struct fc_entry *e)
{
	uint64_t h = ft_fnv1a_str(FT_FNV_INIT, e->title);

	return ft_fnv1a_field(h, &e->pub_t, sizeof(e->pub_t));
}

/* which: 'k' key, 'l' link, 't' title and publication date */
static int index_build(struct index *x, const struct fc_entries *l, int which)
{
	size_t i;

	x->n = 0;
	x->v = malloc((l->n ? l->n : 1) * sizeof(*x->v));
	if (!x->v)
		return -1;
	for (i = 0; i < l->n; i++) {
		const struct fc_entry *e = &l->v[i];
		const char *s = which == 'k' ? key_of(e) : which == 'l' ? e->link : e->title;
		if (!s || (which == 't' && !e->has_pub))
			continue;
		x->v[x->n].h = which == 't' ? title_date(e) : ft_fnv1a_str(FT_FNV_INIT, s);
		x->v[x->n++].i = i;
	}
	qsort(x->v, x->n, sizeof(*x->v), by_hash);
	return 0;
}

static int same(const struct fc_entry *a, const struct fc_entry *b, int which)
{
	if (which == 'k')
		return !strcmp(key_of(a), key_of(b));
	if (which == 'l')
		return !strcmp(a->link, b->link);
	return !strcmp(a->title, b->title) && a->pub_t == b->pub_t;
}

/*
 * The first entry of old (in document order) equal to e by which and not
 * taken (taken[i] == 0 when any): its number, or -1.
 */
static long index_find(const struct index *x, const struct fc_entries *old,
		       const struct fc_entry *e, int which,
		       const unsigned char *taken, int any)
{
	const char *s = which == 'k' ? key_of(e) : which == 'l' ? e->link : e->title;
	struct slot want;
	size_t lo = 0, hi = x->n;

	if (!s || (which == 't' && !e->has_pub))
		return -1;
	want.h = which == 't' ? title_date(e) : ft_fnv1a_str(FT_FNV_INIT, s);
	want.i = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (by_hash(&x->v[mid], &want) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < x->n && x->v[lo].h == want.h; lo++) {
		const struct fc_entry *o = &old->v[x->v[lo].i];
		if ((any || !taken[x->v[lo].i]) && same(o, e, which))
			return (long)x->v[lo].i;
	}
	return -1;
}

static enum diag_severity severity(const char *rule)
{
	const struct fc_rule *r = fc_rule_find(rule);

	return r ? r->severity : DIAG_ERROR;
}

/* a finding at an entry (JSON Feed: its path, with member when given) */
static struct diag *add(struct diag_list *l, const char *rule, const char *file,
			const struct fc_entry *e, long line, long col,
			const char *member, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));

static struct diag *add(struct diag_list *l, const char *rule, const char *file,
			const struct fc_entry *e, long line, long col,
			const char *member, const char *fmt, ...)
{
	struct diag *d;
	va_list ap;

	va_start(ap, fmt);
	d = ft_diag_vadd(l, severity(rule), rule, file, line, col, fmt, ap);
	va_end(ap);
	if (d && e && e->path) {
		size_t n = strlen(e->path) + (member ? strlen(member) + 1 : 0) + 1;
		if ((d->path = malloc(n)) != NULL)
			snprintf(d->path, n, "%s%s%s", e->path, member ? "/" : "",
				 member ? member : "");
	}
	return d;
}

/* how an entry is named in a message */
static const char *name_of(const struct fc_entry *e)
{
	return e->id ? e->id : e->link ? e->link : e->title ? e->title : "(no id)";
}

enum { NEW_ONLY = 0, BY_ID, BY_LINK, BY_TITLE };

struct pairs {
	long *old_of;             /* new entry -> old entry, or -1 */
	unsigned char *how;       /* new entry -> NEW_ONLY, BY_* */
	unsigned char *taken;     /* old entry -> matched */
	size_t by_id, moved, fresh;
	long first_moved;         /* the first new entry under a new id */
};

static int match(struct pairs *p, const struct fc_entries *o, const struct fc_entries *n)
{
	struct index ik = { NULL, 0 }, il = { NULL, 0 }, it = { NULL, 0 };
	size_t j;
	int rc = -1;

	p->old_of = malloc((n->n ? n->n : 1) * sizeof(*p->old_of));
	p->how = calloc(n->n ? n->n : 1, 1);
	p->taken = calloc(o->n ? o->n : 1, 1);
	if (!p->old_of || !p->how || !p->taken || index_build(&ik, o, 'k') < 0 ||
	    index_build(&il, o, 'l') < 0 || index_build(&it, o, 't') < 0)
		goto out;
	/* by id first: an id present in both is the same entry to a reader */
	for (j = 0; j < n->n; j++) {
		long i = index_find(&ik, o, &n->v[j], 'k', p->taken, 0);
		if (i < 0)
			i = index_find(&ik, o, &n->v[j], 'k', p->taken, 1);
		p->old_of[j] = i;
		if (i >= 0) {
			p->how[j] = BY_ID;
			p->taken[i] = 1;
			p->by_id++;
		}
	}
	/* then the articles under a new id, among the old entries left */
	p->first_moved = -1;
	for (j = 0; j < n->n; j++) {
		long i;
		if (p->how[j])
			continue;
		if ((i = index_find(&il, o, &n->v[j], 'l', p->taken, 0)) >= 0)
			p->how[j] = BY_LINK;
		else if ((i = index_find(&it, o, &n->v[j], 't', p->taken, 0)) >= 0)
			p->how[j] = BY_TITLE;
		p->old_of[j] = i;
		if (i < 0) {
			p->fresh++;
			continue;
		}
		p->taken[i] = 1;
		p->moved++;
		if (p->first_moved < 0)
			p->first_moved = (long)j;
	}
	rc = 0;
out:
	free(ik.v);
	free(il.v);
	free(it.v);
	return rc;
}

/* what changed in an entry both versions carry under one id */
static void compare(const struct fc_entry *a, const struct fc_entry *b,
		    const char *new_name, struct diag_list *out)
{
	if (a->has_pub && b->has_pub && a->pub_t != b->pub_t)
		add(out, "diff-published-moved", new_name, b, b->pub_line, b->pub_col,
		    b->path ? "date_published" : NULL,
		    "entry '%.200s': its publication date moved from '%.64s' to "
		    "'%.64s'", name_of(b), a->published, b->published);
	if (a->has_upd && b->has_upd && b->upd_t < a->upd_t)
		add(out, "diff-updated-backwards", new_name, b, b->upd_line, b->upd_col,
		    b->path ? "date_modified" : NULL,
		    "entry '%.200s': its update date went back from '%.64s' to "
		    "'%.64s'", name_of(b), a->updated, b->updated);
	if (a->has_upd && b->has_upd && b->upd_t == a->upd_t &&
	    a->content != b->content && (a->has_content || b->has_content))
		add(out, "diff-content-silent", new_name, b, b->line, b->col, NULL,
		    "entry '%.200s': its content changed but its update date "
		    "'%.64s' did not", name_of(b), b->updated);
}

static int not_a_feed(const struct fc_result *r, const char *name, struct diag_list *out)
{
	if (r->format != FC_FORMAT_UNKNOWN)
		return 0;
	ft_diag_add(out, severity("diff-not-a-feed"), "diff-not-a-feed", name, 0, 0,
		    "'%s' is not a feed whose entries could be read; check it "
		    "without --diff", name);
	return 1;
}

int fc_diff(const struct fc_result *old_r, const char *old_name,
	    const struct fc_result *new_r, const char *new_name,
	    struct diag_list *old_out, struct diag_list *new_out)
{
	const struct fc_entries *o = &old_r->entries, *n = &new_r->entries;
	struct pairs p;
	size_t j, i;
	int bad;

	bad = not_a_feed(old_r, old_name, old_out);
	bad |= not_a_feed(new_r, new_name, new_out);
	if (bad)
		return 0;
	memset(&p, 0, sizeof(p));
	if (match(&p, o, n) < 0) {
		free(p.old_of);
		free(p.how);
		free(p.taken);
		return -1;
	}
	for (j = 0; j < n->n; j++) {
		const struct fc_entry *b = &n->v[j];
		const struct fc_entry *a = p.old_of[j] >= 0 ? &o->v[p.old_of[j]] : NULL;

		if (p.how[j] == BY_ID) {
			compare(a, b, new_name, new_out);
			continue;
		}
		if (!a)
			continue;
		/* most of what both carry moved: one finding for the feed */
		if (p.moved >= 2 && p.moved >= p.by_id) {
			if ((long)j == p.first_moved)
				add(new_out, "diff-ids-reissued", new_name, b, b->line,
				    b->col, NULL,
				    "%zu of the %zu articles both versions carry have "
				    "new ids (this one was '%.200s', now '%.200s'): "
				    "every reader shows them again as new", p.moved,
				    p.moved + p.by_id, name_of(a), name_of(b));
			continue;
		}
		add(new_out, "diff-id-changed", new_name, b, b->line, b->col, NULL,
		    "the article of entry '%.200s' (%s line %ld) has a new id "
		    "'%.200s' (%s): readers show it twice", name_of(a), old_name,
		    a->line, name_of(b), p.how[j] == BY_LINK ? "same link" :
		    "same title and publication date");
	}
	/* entries only the old version has, when the new one has nothing new */
	for (i = 0; !p.fresh && i < o->n; i++) {
		const struct fc_entry *a = &o->v[i];
		if (p.taken[i])
			continue;
		add(old_out, "diff-entries-dropped", old_name, a, a->line, a->col, NULL,
		    "entry '%.200s' is gone from %s, which has no new entry",
		    name_of(a), new_name);
	}
	free(p.old_of);
	free(p.how);
	free(p.taken);
	return 0;
}
