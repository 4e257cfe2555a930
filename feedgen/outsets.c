/*
 * outsets.c - which feed sets a run writes, and the names and URLs of
 * their files: the main set (the newest articles, newest first), RFC 5005
 * archives (--archive) and one set per section (--per-section).
 */
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "ascii.h"
#include "buf.h"
#include "fsutil.h"
#include "options.h"
#include "run.h"
#include "writer.h"

/* Newest first; ties by page number, then position on the page. */
static int cmp_articles(const void *x, const void *y)
{
	const struct article *a = x, *b = y;
	int c;

	if (a->published.t != b->published.t)
		return a->published.t > b->published.t ? -1 : 1;
	if (a->page_no != b->page_no)
		return a->page_no < b->page_no ? -1 : 1;
	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	c = strcmp(a->file, b->file);
	return c;
}

void outsets_order(struct run *r)
{
	if (r->arts.n)
		qsort(r->arts.v, r->arts.n, sizeof(*r->arts.v), cmp_articles);
}

char *outsets_default_title(const char *collection)
{
	char *c = strdup(collection), *base;
	size_t n;

	if (!c)
		return NULL;
	n = strlen(c);
	while (n > 1 && c[n - 1] == '/')
		c[--n] = '\0';
	base = strrchr(c, '/');
	base = base && base[1] ? base + 1 : c;
	memmove(c, base, strlen(base) + 1);
	return c;
}

static void outset_release(struct outset *o)
{
	int i;
	for (i = 0; i < 3; i++) {
		if (o->f[i].af.target || o->f[i].af.tmp)
			ft_atomic_abort(&o->f[i].af);
		free(o->f[i].rel);
		free(o->f[i].url);
	}
	for (i = 0; i < 8; i++)
		free(o->owned[i]);
	free(o->v);
}

void outsets_release(struct outsets *s)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		outset_release(&s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static struct outset *outset_new(struct outsets *s)
{
	if (s->n == s->alloc) {
		size_t na = s->alloc ? s->alloc * 2 : 8;
		struct outset *nv = realloc(s->v, na * sizeof(*nv));
		if (!nv)
			return NULL;
		s->v = nv;
		s->alloc = na;
	}
	memset(&s->v[s->n], 0, sizeof(s->v[0]));
	return &s->v[s->n++];
}

static const char *const fmt_name[3] = { "atom.xml", "rss.xml", "feed.json" };

/* Name the set's files: DIR/atom.xml ... or, for archives, DIR/atom-K.xml */
static int outset_files(struct run *r, struct outset *o, const char *dir,
			long archive_no)
{
	int i;

	for (i = 0; i < 3; i++) {
		if (!r->want[i] || (archive_no && i == FMT_JSON))
			continue;
		o->f[i].fmt = i;
		if (archive_no)
			o->f[i].rel = ft_xasprintf("%s%s-%ld.xml", dir,
						i == FMT_ATOM ? "atom" : "rss", archive_no);
		else
			o->f[i].rel = ft_xasprintf("%s%s", dir, fmt_name[i]);
		if (!o->f[i].rel ||
		    !(o->f[i].url = ft_xasprintf("%s/%s", r->base, o->f[i].rel)))
			return -1;
	}
	o->m.atom_url = o->f[FMT_ATOM].url ? o->f[FMT_ATOM].url : "";
	o->m.rss_url = o->f[FMT_RSS].url ? o->f[FMT_RSS].url : "";
	o->m.json_url = o->f[FMT_JSON].url ? o->f[FMT_JSON].url : "";
	return 0;
}

static void outset_dates(struct outset *o, const struct fdate *fallback)
{
	size_t i;
	o->m.updated = o->n ? o->v[0]->updated : *fallback;
	for (i = 1; i < o->n; i++)
		if (o->v[i]->updated.t > o->m.updated.t)
			o->m.updated = o->v[i]->updated;
}

/* A section's folder name: the config's "slug.NAME", else NAME itself when
 * it is plain ASCII letters, digits, '-' and '_', else the hex of its UTF-8
 * bytes: safe on any file system and in any URL. */
static char *section_slug(const struct run *r, const char *name)
{
	const char *m = opt_map(&r->opt, "slug", name);
	struct buf b = BUF_INIT(1024);
	const char *p;
	int plain = *name != '\0' && strlen(name) <= 64;

	if (m && *m && !strchr(m, '/') && strcmp(m, ".") && strcmp(m, ".."))
		return strdup(m);
	for (p = name; *p; p++)
		if (!IS_ALNUM(*p) && *p != '-' && *p != '_')
			plain = 0;
	if (plain) {
		for (p = name; *p; p++)
			ft_buf_addc(&b, TO_LOWER(*p));
		return ft_buf_detach(&b);
	}
	for (p = name; *p && b.len < 200; p++)
		ft_buf_addf(&b, "%02x", (unsigned char)*p);
	return ft_buf_detach(&b);
}

static int has_category(const struct article *a, const char *c)
{
	size_t i;
	for (i = 0; i < a->categories.n; i++)
		if (!strcmp(a->categories.v[i], c))
			return 1;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The sets to publish: the main feed; with --archive, RFC 5005 archive
 * documents of --limit entries each, oldest first, so that a full archive
 * never changes while newer entries arrive (the main feed holds the
 * newest --limit entries and those not yet filling an archive); with
 * --per-section, one set per section.
 */
int outsets_build(struct run *r, const struct feed_meta *base,
		  struct outsets *sets, const struct fdate *now)
{
	size_t total = r->arts.n, cur = total, i, k, narch = 0;
	struct outset *o;

	if (r->limit && (size_t)r->limit < total) {
		if (r->archive) {
			narch = (total - (size_t)r->limit) / (size_t)r->limit;
			cur = total - narch * (size_t)r->limit;
		} else {
			cur = (size_t)r->limit;
		}
	}
	if (!(o = outset_new(sets)))
		return -1;
	o->m = *base;
	o->n = cur;
	if (!(o->v = calloc(cur ? cur : 1, sizeof(*o->v))))
		return -1;
	for (i = 0; i < cur; i++)
		o->v[i] = &r->arts.v[i];
	if (outset_files(r, o, "", 0) < 0)
		return -1;
	outset_dates(o, now);
	if (narch) {
		o->owned[0] = ft_xasprintf("%s/archive/atom-%zu.xml", r->base, narch);
		o->owned[1] = ft_xasprintf("%s/archive/rss-%zu.xml", r->base, narch);
		o->m.prev_archive[FMT_ATOM] = o->owned[0];
		o->m.prev_archive[FMT_RSS] = o->owned[1];
	}
	for (k = 1; k <= narch; k++) {
		/* archive k holds entries [total - k*limit, total - (k-1)*limit)
		 * in newest-first order: archive 1 is the oldest */
		size_t lim = (size_t)r->limit, first = total - k * lim;
		struct outset *a = outset_new(sets);
		const struct outset *mainset = &sets->v[0];
		if (!a)
			return -1;
		a->m = *base;
		a->is_archive = 1;
		a->n = lim;
		if (!(a->v = calloc(lim, sizeof(*a->v))))
			return -1;
		for (i = 0; i < lim; i++)
			a->v[i] = &r->arts.v[first + i];
		if (outset_files(r, a, "archive/", (long)k) < 0)
			return -1;
		a->m.archive = 1;
		a->owned[0] = ft_xasprintf("%s#archive-%zu", base->id, k);
		a->m.id = a->owned[0];
		a->m.current[FMT_ATOM] = mainset->f[FMT_ATOM].url;
		a->m.current[FMT_RSS] = mainset->f[FMT_RSS].url;
		if (k > 1) {
			a->owned[1] = ft_xasprintf("%s/archive/atom-%zu.xml", r->base, k - 1);
			a->owned[2] = ft_xasprintf("%s/archive/rss-%zu.xml", r->base, k - 1);
			a->m.prev_archive[FMT_ATOM] = a->owned[1];
			a->m.prev_archive[FMT_RSS] = a->owned[2];
		}
		if (k < narch) {
			a->owned[3] = ft_xasprintf("%s/archive/atom-%zu.xml", r->base, k + 1);
			a->owned[4] = ft_xasprintf("%s/archive/rss-%zu.xml", r->base, k + 1);
			a->m.next_archive[FMT_ATOM] = a->owned[3];
			a->m.next_archive[FMT_RSS] = a->owned[4];
		}
		outset_dates(a, now);
	}
	if (r->per_section) {
		struct strlist names = { 0 };
		char **sorted;
		for (i = 0; i < total; i++)
			for (k = 0; k < r->arts.v[i].categories.n; k++)
				strlist_add_unique(&names, r->arts.v[i].categories.v[k],
						   strlen(r->arts.v[i].categories.v[k]));
		sorted = names.v;
		if (names.n)
			qsort(sorted, names.n, sizeof(*sorted), cmp_str);
		for (k = 0; k < names.n; k++) {
			struct outset *s = outset_new(sets);
			char *slug, *dir;
			size_t cnt = 0;
			if (!s) {
				strlist_release(&names);
				return -1;
			}
			s->m = *base;
			s->is_section = 1;
			if (!(s->v = calloc(total, sizeof(*s->v)))) {
				strlist_release(&names);
				return -1;
			}
			for (i = 0; i < total; i++)
				if (has_category(&r->arts.v[i], sorted[k]) &&
				    (!r->limit || cnt < (size_t)r->limit))
					s->v[cnt++] = &r->arts.v[i];
			s->n = cnt;
			slug = section_slug(r, sorted[k]);
			dir = slug ? ft_xasprintf("sections/%s/", slug) : NULL;
			free(slug);
			if (!dir || outset_files(r, s, dir, 0) < 0) {
				free(dir);
				strlist_release(&names);
				return -1;
			}
			free(dir);
			s->owned[0] = ft_xasprintf("%s \xe2\x80\x94 %s", base->title, sorted[k]);
			s->owned[1] = ft_xasprintf("%s/%s", r->base, s->f[0].rel ? s->f[0].rel :
						s->f[1].rel ? s->f[1].rel : s->f[2].rel);
			s->m.title = s->owned[0];
			s->m.id = s->owned[1];
			outset_dates(s, now);
		}
		strlist_release(&names);
	}
	return 0;
}
