/*
 * outsets.c - which feed sets a run writes, and the names and URLs of
 * their files: the main set (the newest articles, newest first), RFC 5005
 * archives (--archive; those as the last run left them are not written
 * again), one set per section (--per-section) and the corrections feed
 * (--corrections-days).  A set is a window on the state's articles, read
 * when it is written (publish.c).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "article.h"
#include "ascii.h"
#include "buf.h"
#include "fsutil.h"
#include "grow.h"
#include "options.h"
#include "run.h"
#include "state.h"
#include "writer.h"

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
		if (o->f[i].opened)
			ft_atomic_abort(&o->f[i].af);
		free(o->f[i].rel);
		free(o->f[i].url);
	}
	for (i = 0; i < 8; i++)
		free(o->owned[i]);
	free(o->section);
	free(o->from.page);
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
		struct outset *nv = ft_grow(s->v, &s->alloc, s->n + 1, sizeof(*nv));
		if (!nv)
			return NULL;
		s->v = nv;
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
			o->f[i].rel = ft_asprintf("%s%s-%ld.xml", dir,
						i == FMT_ATOM ? "atom" : "rss", archive_no);
		else
			o->f[i].rel = ft_asprintf("%s%s", dir, fmt_name[i]);
		if (!o->f[i].rel ||
		    !(o->f[i].url = ft_asprintf("%s/%s", r->base, o->f[i].rel)))
			return -1;
	}
	o->m.atom_url = o->f[FMT_ATOM].url ? o->f[FMT_ATOM].url : "";
	o->m.rss_url = o->f[FMT_RSS].url ? o->f[FMT_RSS].url : "";
	o->m.json_url = o->f[FMT_JSON].url ? o->f[FMT_JSON].url : "";
	return 0;
}

/* A set of its own beside the main one: its title "TITLE — what" and its
 * id, the URL of its first file.  0, or -1 (no memory). */
static int outset_named(struct run *r, struct outset *o,
			const struct feed_meta *base, const char *what)
{
	o->owned[0] = ft_asprintf("%s \xe2\x80\x94 %s", base->title, what);
	o->owned[1] = ft_asprintf("%s/%s", r->base, o->f[0].rel ? o->f[0].rel :
				o->f[1].rel ? o->f[1].rel : o->f[2].rel);
	if (!o->owned[0] || !o->owned[1])
		return -1;
	o->m.title = o->owned[0];
	o->m.id = o->owned[1];
	return 0;
}

/* The set's feed date: its newest entry's updated, else the run's time. */
static int outset_dates(struct run *r, struct outset *o, const struct fdate *fallback)
{
	int k = state_window_updated(r->st, &o->w, &o->m.updated);

	if (k < 0)
		return -1;
	if (k > 0)
		o->m.updated = *fallback;
	return 0;
}

/* Is every file of archive set o as the last run left it, with the same
 * entries?  Then it is not written again. */
static int unchanged(struct run *r, const struct outset *o, int same_key)
{
	int i, any = 0;

	if (!same_key || !o->digest[0])
		return 0;
	for (i = 0; i < 3; i++) {
		const struct outfile *f = &o->f[i];
		struct state_output so;
		struct stat st;
		if (!f->rel)
			continue;
		if (state_output_get(r->st, f->rel, &so) != 1 ||
		    strcmp(so.digest, o->digest) || so.size < 0 ||
		    r->outfd < 0 || fstatat(r->outfd, f->rel, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISREG(st.st_mode) || st.st_size != so.size ||
		    (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec != so.mtime)
			return 0;
		any = 1;
	}
	return any;
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

	/* refused when the config was read (config-slug) */
	if (m && options_slug_ok(m))
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

/*
 * The sets to publish: the main feed; with --archive, RFC 5005 archive
 * documents of --limit entries each, oldest first, so that a full archive
 * never changes while newer entries arrive (the main feed holds the
 * newest --limit entries and those not yet filling an archive); with
 * --per-section, one set per section.
 */
/* Building the archive sets, from the digest pass. */
struct archives {
	struct run *r;
	struct outsets *sets;
	const struct feed_meta *base;
	const struct fdate *now;
	long long narch;
	int same_key;
};

static int add_archive(void *arg, long long k, const char *digest,
		       const struct state_key *key)
{
	struct archives *ar = arg;
	struct run *r = ar->r;
	struct outset *a = outset_new(ar->sets);
	const struct outset *mainset = &ar->sets->v[0];
	unsigned long long h = 0;
	const char *p;

	if (!a)
		return -1;
	a->m = *ar->base;
	a->is_archive = 1;
	a->n = r->limit;
	a->from = *key;
	if (!(a->from.page = strdup(key->page ? key->page : "")))
		return -1;
	a->w.count = r->limit;
	/* what the document shows besides its entries: whether a newer
	 * archive follows it */
	for (p = digest; *p; p++)
		h = h * 16 + (unsigned long long)(*p <= '9' ? *p - '0' : *p - 'a' + 10);
	if (k < ar->narch)
		h ^= 0x9e3779b97f4a7c15ULL;
	snprintf(a->digest, sizeof(a->digest), "%016llx", h);
	if (outset_files(r, a, "archive/", (long)k) < 0)
		return -1;
	a->m.archive = 1;
	a->owned[0] = ft_asprintf("%s#archive-%lld", ar->base->id, k);
	a->m.id = a->owned[0];
	a->m.current[FMT_ATOM] = mainset->f[FMT_ATOM].url;
	a->m.current[FMT_RSS] = mainset->f[FMT_RSS].url;
	if (k > 1) {
		a->owned[1] = ft_asprintf("%s/archive/atom-%lld.xml", r->base, k - 1);
		a->owned[2] = ft_asprintf("%s/archive/rss-%lld.xml", r->base, k - 1);
		a->m.prev_archive[FMT_ATOM] = a->owned[1];
		a->m.prev_archive[FMT_RSS] = a->owned[2];
	}
	if (k < ar->narch) {
		a->owned[3] = ft_asprintf("%s/archive/atom-%lld.xml", r->base, k + 1);
		a->owned[4] = ft_asprintf("%s/archive/rss-%lld.xml", r->base, k + 1);
		a->m.next_archive[FMT_ATOM] = a->owned[3];
		a->m.next_archive[FMT_RSS] = a->owned[4];
	}
	if (!a->owned[0] || (k > 1 && (!a->owned[1] || !a->owned[2])) ||
	    (k < ar->narch && (!a->owned[3] || !a->owned[4])))
		return -1;
	a->w.from = &a->from;       /* set again below: the array may move */
	a->skip = unchanged(r, a, ar->same_key);
	if (!a->skip && outset_dates(r, a, ar->now) < 0)
		return -1;
	a->w.from = NULL;
	return 0;
}

/*
 * The corrections feed (feedgen(5)): the articles whose text changed after
 * they went out, in the last corrections-days, newest correction first,
 * at most --limit; whether or not the main feed still holds them.
 */
static int add_corrections(struct run *r, const struct feed_meta *base,
			   struct outsets *sets, const struct fdate *now)
{
	struct outset *c = outset_new(sets);
	int k;

	if (!c)
		return -1;
	c->m = *base;
	c->is_section = 1;      /* no shrink guard: it empties as days pass */
	c->w.corrections = 1;
	c->w.since = now->t - r->corrections_days * 86400LL;
	if ((c->n = state_count_corrections(r->st, c->w.since)) < 0)
		return -1;
	if (r->limit && c->n > r->limit)
		c->n = r->limit;
	c->w.count = c->n;
	if (outset_files(r, c, "corrections/", 0) < 0 ||
	    outset_named(r, c, base, "corrections") < 0)
		return -1;
	if (c->n)
		return outset_dates(r, c, now);
	/* with no entry, a date that moves only with the corrections: not
	 * the run's time, so that a run with nothing new gives the same file */
	k = state_corrections_date(r->st, &c->m.updated);
	if (k > 0)
		c->m.updated = *now;
	return k < 0 ? -1 : 0;
}

/*
 * The today's-paper set (--today): the latest edition that has articles
 * out (those still waiting for their release are in no window), whole,
 * in printed order.
 */
static int add_today(struct run *r, const struct feed_meta *base,
		     struct outsets *sets, const struct fdate *now)
{
	struct outset *t = outset_new(sets);
	char *ymd = NULL;
	long long n;

	if (!t || state_latest_edition(r->st, &ymd, &n) < 0)
		return -1;
	t->m = *base;
	t->is_section = 1;      /* no shrink guard: a new day's paper is
				   another paper */
	t->section = ymd;       /* owned here; the window's edition */
	t->w.edition = ymd ? ymd : "";
	t->n = n;
	t->w.count = n;
	if (outset_files(r, t, "today/", 0) < 0 ||
	    outset_named(r, t, base, ymd ? ymd : "today") < 0)
		return -1;
	return outset_dates(r, t, now);
}

/*
 * The sets to publish: the main feed; with --archive, RFC 5005 archive
 * documents of --limit entries each, oldest first, so that a full archive
 * never changes while newer entries arrive (the main feed holds the
 * newest --limit entries and those not yet filling an archive); with
 * --per-section, one set per section; the corrections feed; the today's
 * paper.
 */
int outsets_build(struct run *r, const struct feed_meta *base, long long total,
		  struct outsets *sets, const struct fdate *now)
{
	long long cur = total, narch = 0, k;
	struct outset *o;
	size_t i;
	char key[17], *old;
	int same_key;

	uptodate_output_key(r, key);
	old = state_get(r->st, "output-key");
	same_key = old && !strcmp(old, key);
	free(old);
	if (r->limit && r->limit < total) {
		if (r->archive) {
			narch = (total - r->limit) / r->limit;
			cur = total - narch * r->limit;
		} else {
			cur = r->limit;
		}
	}
	if (!(o = outset_new(sets)))
		return -1;
	o->m = *base;
	o->n = cur;
	o->w.count = cur;
	if (outset_files(r, o, "", 0) < 0 || outset_dates(r, o, now) < 0)
		return -1;
	if (narch) {
		struct archives ar = { r, sets, base, now, narch, same_key };
		o->owned[0] = ft_asprintf("%s/archive/atom-%lld.xml", r->base, narch);
		o->owned[1] = ft_asprintf("%s/archive/rss-%lld.xml", r->base, narch);
		if (!o->owned[0] || !o->owned[1])
			return -1;
		o->m.prev_archive[FMT_ATOM] = o->owned[0];
		o->m.prev_archive[FMT_RSS] = o->owned[1];
		if (state_archive_digests(r->st, r->limit, narch, add_archive, &ar) != 0)
			return -1;
		if ((long long)sets->n != narch + 1)
			return -1;
	}
	if (r->per_section) {
		struct strlist names = { 0 };
		if (state_sections(r->st, &names) < 0) {
			strlist_release(&names);
			return -1;
		}
		for (k = 0; k < (long long)names.n; k++) {
			struct outset *s = outset_new(sets);
			const char *name = names.v[k];
			long long cnt;
			char *slug, *dir;
			if (!s || !(s->section = strdup(name)) ||
			    (cnt = state_count(r->st, name)) < 0) {
				strlist_release(&names);
				return -1;
			}
			s->m = *base;
			s->is_section = 1;
			s->w.section = s->section;
			s->n = r->limit && cnt > r->limit ? r->limit : cnt;
			s->w.count = s->n;
			slug = section_slug(r, name);
			dir = slug ? ft_asprintf("sections/%s/", slug) : NULL;
			free(slug);
			if (!dir || outset_files(r, s, dir, 0) < 0) {
				free(dir);
				strlist_release(&names);
				return -1;
			}
			free(dir);
			if (outset_named(r, s, base, name) < 0 || outset_dates(r, s, now) < 0) {
				strlist_release(&names);
				return -1;
			}
		}
		strlist_release(&names);
	}
	if (r->corrections_days && add_corrections(r, base, sets, now) < 0)
		return -1;
	if (r->today && add_today(r, base, sets, now) < 0)
		return -1;
	/* the windows' keys point into the array, which has stopped moving */
	for (i = 0; i < sets->n; i++)
		if (sets->v[i].is_archive)
			sets->v[i].w.from = &sets->v[i].from;
	return 0;
}
