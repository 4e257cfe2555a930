/*
 * article.c - the article model and its content hash; splitting a decoded
 * page into articles, with what its front matter says (article.h).  The
 * front matter is frontmatter.c's, bylines and credits are byline.c's.
 */
#include "article.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define XXH_STATIC_LINKING_ONLY  /* XXH3_state_t, for a hash on the stack */
#include <xxhash.h>

#include "ascii.h"
#include "buf.h"
#include "body.h"
#include "fnv.h"
#include "frontmatter.h"
#include "grow.h"

struct article *article_list_slot(struct article_list *l)
{
	if (l->n == l->alloc) {
		struct article *nv = ft_grow(l->v, &l->alloc, l->n + 1, sizeof(*nv));
		if (!nv)
			return NULL;
		l->v = nv;
	}
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	return &l->v[l->n];
}

void article_release(struct article *a)
{
	free(a->title);
	strlist_release(&a->authors);
	strlist_release(&a->contributors);
	strlist_release(&a->photo_credits);
	strlist_release(&a->photo_files);
	strlist_release(&a->categories);
	free(a->body);
	free(a->html);
	free(a->summary);
	free(a->extra);
	free(a->page);
	free(a->page_key);
	free(a->id);
	free(a->given_id);
	free(a->url);
	free(a->image);
	free(a->lang);
	free(a->link);
	free(a->source);
	memset(a, 0, sizeof(*a));
}

void article_list_release(struct article_list *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		article_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/*
 * The content hash: XXH3 (libxxhash) over the fields that make an
 * article's content, each followed by a byte that no UTF-8 text holds, as
 * "x" and 16 hex digits.  States written before 0.2 hold 16 hex digits of
 * FNV-1a over the same fields: such a hash still tells an article that
 * did not change (article_hash_same), so that moving to XXH3 moves no
 * article's updated date.
 */
static void xxh_str(XXH3_state_t *h, const char *s)
{
	static const unsigned char sep = 0xFF;

	if (s && *s)
		XXH3_64bits_update(h, s, strlen(s));
	XXH3_64bits_update(h, &sep, 1);
}

static void fnv_str(uint64_t *h, const char *s)
{
	*h = ft_fnv1a_str(*h, s);
}

/* Each field of a in the hash's order, to put(h, field); NULL ends a list. */
#define HASH_FIELDS(put, h, a) do { \
	size_t i_; \
	put(h, (a)->title); \
	for (i_ = 0; i_ < (a)->authors.n; i_++) \
		put(h, (a)->authors.v[i_]); \
	put(h, ""); \
	for (i_ = 0; i_ < (a)->contributors.n; i_++) \
		put(h, (a)->contributors.v[i_]); \
	put(h, ""); \
	for (i_ = 0; i_ < (a)->categories.n; i_++) \
		put(h, (a)->categories.v[i_]); \
	put(h, ""); \
	put(h, (a)->body); \
	/* only when given, so that an article without them keeps the \
	 * hash it had before they were read */ \
	if ((a)->summary_given || (a)->url || (a)->image || (a)->lang) { \
		put(h, "\x01"); \
		put(h, (a)->summary_given ? (a)->summary : ""); \
		put(h, (a)->url); \
		put(h, (a)->image); \
		put(h, (a)->lang); \
	} \
} while (0)

void article_hash(const struct article *a, char out[ARTICLE_HASH_SIZE])
{
	XXH3_state_t h;

	XXH3_64bits_reset(&h);
	HASH_FIELDS(xxh_str, &h, a);
	snprintf(out, ARTICLE_HASH_SIZE, "x%016llx",
		 (unsigned long long)XXH3_64bits_digest(&h));
}

int article_hash_same(const struct article *a, const char *stored)
{
	uint64_t h = FT_FNV_INIT;
	char old[17];
	size_t i;

	if (!strcmp(stored, a->hash))
		return 1;
	/* the hash of a state before 0.2 */
	for (i = 0; i < 16; i++)
		if (!IS_XDIGIT((unsigned char)stored[i]))
			return 0;
	if (stored[16])
		return 0;
	HASH_FIELDS(fnv_str, &h, a);
	snprintf(old, sizeof(old), "%016llx", (unsigned long long)h);
	return !strcmp(old, stored);
}

/* ---- splitting -------------------------------------------------------- */

/* "# Title" (up to three spaces of indent, closing #s dropped) */
static int heading1(const char *l, size_t n, const char **title, size_t *tn)
{
	size_t i = 0;

	while (i < 3 && i < n && l[i] == ' ')
		i++;
	if (i >= n || l[i] != '#')
		return 0;
	i++;
	if (i < n && l[i] != ' ' && l[i] != '\t')
		return 0;
	*title = l + i;
	*tn = n - i;
	text_trim(title, tn);
	while (*tn && (*title)[*tn - 1] == '#')
		(*tn)--;
	text_trim(title, tn);
	return 1;
}

/*
 * The article date: front matter (a date without a time: that day at the
 * publish time), else its edition's publish time (the printed order
 * counts back from it: *clocked), else the file's mtime.  Always shown in
 * the configured zone.  *release is when it may go out: an edition's
 * article not before the edition's publish time.
 */
static int article_date(const struct page_info *pi,
			const struct front_matter *fm, struct diag_list *dl,
			struct fdate *d, char ymd[11], long long *release,
			int *clocked)
{
	long long local, edition = 0;
	int off, has_off;

	*clocked = 0;
	if (pi->has_edition) {
		local = pi->edition_days * 86400 + pi->publish_s;
		edition = local - ft_tz_offset_local(pi->tz, local);
	}
	if (fm->date) {
		if (ft_date_parse_rfc3339(fm->date, &local, &off, &has_off) < 0) {
			ft_diag_add(dl, DIAG_ERROR, "front-matter-bad-date", pi->file,
				 fm->date_at.line, fm->date_at.col,
				 "date '%s' is not RFC 3339 or YYYY-MM-DD; page skipped",
				 fm->date);
			return -1;
		}
		if (strlen(fm->date) == 10)
			local += pi->publish_s;     /* a day: at the publish time */
		if (has_off)
			d->t = local - off;
		else
			d->t = local - ft_tz_offset_local(pi->tz, local);
	} else if (pi->has_edition) {
		d->t = edition;
		*clocked = 1;
	} else {
		d->t = pi->mtime;
		ft_diag_add(dl, DIAG_WARNING, "article-date-from-mtime", pi->file, 0, 0,
			 "no front-matter date and no edition folder; using the file's modification time");
	}
	*release = pi->has_edition && edition > d->t ? edition : d->t;
	d->off = ft_tz_offset_utc(pi->tz, d->t);
	{
		/* RFC 3339 has four-digit years: the date as shown must stay in
		 * 0000-9999 */
		long long y, local_s = d->t + d->off;
		int mo, dd;
		long long days = local_s >= 0 ? local_s / 86400 : -((-local_s + 86399) / 86400);
		ft_civil_from_days(days, &y, &mo, &dd);
		if (y < 0 || y > 9999) {
			ft_diag_add(dl, DIAG_ERROR, "article-date-out-of-range", pi->file,
				 fm->date ? fm->date_at.line : 0, fm->date ? fm->date_at.col : 0,
				 "the article's date falls outside the years 0000-9999; page skipped");
			return -1;
		}
	}
	if (pi->has_edition) {
		struct fdate e = { pi->edition_days * 86400, 0 };
		ft_date_format_ymd(&e, ymd);
	} else {
		ft_date_format_ymd(d, ymd);
	}
	return 0;
}

/* When an article of the page may go out, and whether its edition's
 * clock dates it (article_date). */
struct page_clock {
	long long release;
	int clocked;
};

/*
 * An article of the page into out: 0, or 1 when it is left out (neither
 * text nor a photo: a warning), or -1 (no memory).
 */
static int add_article(struct article_list *out, const struct page_info *pi,
		       const struct front_matter *fm, const struct fdate *date,
		       const struct page_clock *ck,
		       const char *ymd, const char *title, size_t tn,
		       long line, const char *text, size_t start, size_t end,
		       int pos, struct diag_list *dl)
{
	struct article *a = article_list_slot(out);
	size_t i;

	if (!a)
		return -1;
	a->title = strndup(title, tn);
	for (i = 0; i < fm->authors.n; i++)
		strlist_add_unique(&a->authors, fm->authors.v[i],
				   strlen(fm->authors.v[i]));
	for (i = 0; i < fm->sections.n; i++)
		strlist_add_unique(&a->categories, fm->sections.v[i],
				   strlen(fm->sections.v[i]));
	a->published = a->updated = *date;
	a->release = ck->release;
	a->clocked = ck->clocked;
	a->clock = date->t;
	a->rank = pos - 1;
	memcpy(a->ymd, ymd, 11);
	a->file = pi->file;
	a->line = line;
	a->pos = pos;
	a->page_key = strdup(pi->stem);
	if (!a->title || !a->page_key || body_build(a, text, start, end, dl) < 0) {
		article_release(a);
		return -1;
	}
	/* nothing a reader could be shown: no text, no photo, no summary
	 * (a heading alone, or a heading and its byline) */
	if (!*a->body && !fm->image && !fm->summary) {
		ft_diag_add(dl, DIAG_WARNING, "article-empty", pi->file, line, 1,
			    "article '%.*s' has neither text nor a photo; not published",
			    (int)tn, title);
		article_release(a);
		return 1;
	}
	out->n++;
	return 0;
}

/*
 * What the front matter says of one article (its id, link, summary, photo
 * and language) goes to the page's article when it has one; a page of
 * several has them said of none, with a warning.  0, or -1 (no memory).
 */
static int one_article_keys(struct front_matter *fm, struct article *v,
			    int count, const char *file, struct diag_list *dl)
{
	static const char *const names[] = { "id", "url", "summary", "image", "lang" };
	char **keys[5];
	const struct fm_where *at[5];
	int k;

	keys[0] = &fm->id; keys[1] = &fm->url; keys[2] = &fm->summary;
	keys[3] = &fm->image; keys[4] = &fm->lang;
	at[0] = &fm->id_at; at[1] = &fm->url_at; at[2] = &fm->summary_at;
	at[3] = &fm->image_at; at[4] = &fm->lang_at;
	for (k = 0; k < 5; k++) {
		if (!*keys[k])
			continue;
		if (count != 1) {
			ft_diag_add(dl, DIAG_WARNING, "front-matter-one-article", file,
				    at[k]->line, at[k]->col,
				    "front-matter '%s' is said of a page of one article, and this page has %d; ignored",
				    names[k], count);
			continue;
		}
		switch (k) {
		case 0: v->given_id = *keys[k]; break;
		case 1: v->url = *keys[k]; break;
		case 2:
			free(v->summary);
			v->summary = *keys[k];
			v->summary_given = 1;
			break;
		case 3: v->image = *keys[k]; break;
		default: v->lang = *keys[k]; break;
		}
		*keys[k] = NULL;
	}
	return 0;
}

int article_split(const struct page_info *pi, const char *text, size_t len,
		  struct diag_list *dl, struct article_list *out)
{
	struct front_matter fm = { 0 };
	struct fdate date;
	struct page_clock ck;
	char ymd[11];
	long body_off, lineno = 0, head_line = 0;
	size_t pos, n, head_start = 0, before = out->n;
	const char *line, *title = NULL, *t;
	size_t title_n = 0, tn;
	int count = 0, place = 0, k;
	long orphan = 0;

	body_off = fm_parse(pi->file, text, len, &fm, dl);
	if (body_off < 0)
		goto fail;
	if (article_date(pi, &fm, dl, &date, ymd, &ck.release, &ck.clocked) < 0)
		goto fail;
	/* count the front matter's lines so headings get their real line */
	for (pos = 0; pos < (size_t)body_off; pos++)
		if (text[pos] == '\n')
			lineno++;
	pos = (size_t)body_off;

	if (fm.title) {
		/* the whole page is one article; a first "# " heading is its
		 * title again and is dropped */
		size_t p2 = pos, start = pos;
		long l2 = lineno;
		while (text_next_line(text, len, &p2, &line, &n)) {
			l2++;
			if (text_blank(line, n))
				continue;
			if (heading1(line, n, &t, &tn))
				start = p2;
			break;
		}
		if (!*fm.title)
			ft_diag_add(dl, DIAG_WARNING, "article-empty-title", pi->file,
				 fm.title_at.line ? fm.title_at.line : 1,
				 fm.title_at.line ? fm.title_at.col : 1,
				 "front-matter title is empty");
		k = add_article(out, pi, &fm, &date, &ck, ymd, fm.title,
				strlen(fm.title), lineno + 1, text, start, len,
				1, dl);
		if (k < 0)
			goto oom;
		count = k == 0;
		place = 1;
		goto done;
	}

	while (1) {
		size_t line_start = pos;
		int more = text_next_line(text, len, &pos, &line, &n);

		if (more)
			lineno++;
		if (!more || heading1(line, n, &t, &tn)) {
			if (title) {
				/* one left out keeps its place: the printed
				 * order of the others is as before */
				k = add_article(out, pi, &fm, &date, &ck, ymd, title,
						title_n, head_line, text, head_start,
						line_start, ++place, dl);
				if (k < 0)
					goto oom;
				count += k == 0;
				if (!title_n)
					ft_diag_add(dl, DIAG_WARNING, "article-empty-title",
						 pi->file, head_line, 1,
						 "article heading has no text");
			}
			if (!more)
				break;
			title = t;
			title_n = tn;
			head_line = lineno;
			head_start = pos;
		} else if (!title && !text_blank(line, n) && !orphan) {
			orphan = lineno;
		}
	}
	if (place && orphan)
		ft_diag_add(dl, DIAG_WARNING, "page-text-before-heading", pi->file,
			 orphan, 1,
			 "text before the first '# ' heading is not part of any article; ignored");
	if (!place) {
		if (orphan)
			ft_diag_add(dl, DIAG_WARNING, "page-no-article", pi->file, 0, 0,
				 "page has no '# ' heading and no front-matter title; not an article");
		else
			ft_diag_add(dl, DIAG_WARNING, "page-empty", pi->file, 0, 0,
				 "page is empty");
	}
done:
	if (count && one_article_keys(&fm, out->v + before, place, pi->file, dl) < 0)
		goto oom;
	fm_release(&fm);
	return count;
oom:
	ft_diag_add(dl, DIAG_ERROR, "out-of-memory", pi->file, 0, 0,
		 "out of memory; page skipped");
fail:
	while (out->n > before)
		article_release(&out->v[--out->n]);
	fm_release(&fm);
	return -1;
}
