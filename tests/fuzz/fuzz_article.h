/*
 * fuzz_article.h - invariants of article_split()'s articles, shared by
 * fuzz_split and fuzz_frontmatter; every body is also rendered.
 */
#ifndef FEED_FUZZ_ARTICLE_H
#define FEED_FUZZ_ARTICLE_H

#include "article.h"
#include "ascii.h"
#include "buf.h"
#include "date.h"
#include "fuzz.h"
#include "render.h"

/* A page from an edition folder of 2022-07-15, shown at +08:00. */
#define FUZZ_EDITION_DAYS 19188LL
#define FUZZ_MTIME 1657836000LL

static inline void fuzz_check_strlist(const struct strlist *l, int utf8)
{
	size_t i;

	FUZZ_CHECK(l->n <= l->alloc, "strlist n past alloc");
	for (i = 0; i < l->n; i++) {
		FUZZ_CHECK(l->v[i] != NULL, "NULL name in a strlist");
		FUZZ_CHECK(l->v[i][0] != '\0', "empty name in a strlist");
		if (utf8)
			FUZZ_CHECK(fuzz_xml_text_ok(l->v[i], strlen(l->v[i])),
				   "name is not XML-clean UTF-8");
	}
}

/* The shape "YYYY-MM-DD" that tag: URIs (RFC 4151) and links expect. */
static inline int fuzz_ymd_ok(const char *s)
{
	int i;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !IS_DIGIT(s[i]))
			return 0;
	return s[10] == '\0';
}

/* A date as the writers show it must be RFC 3339 and mean the same instant. */
static inline void fuzz_check_fdate(const struct fdate *d)
{
	char s[32];
	long long local;
	int off, has_off;

	ft_date_format_rfc3339(d, s);
	FUZZ_CHECK(ft_date_parse_rfc3339(s, &local, &off, &has_off) == 0,
		   "article date does not format as RFC 3339");
	FUZZ_CHECK(has_off && local - off == d->t, "article date changes in a round trip");
}

/*
 * Raw HTML on a page is shown as text (MD_FLAG_NOHTML), so every tag in
 * the rendered HTML must be one md4c or the caption code writes.
 */
static inline int fuzz_html_tags_ok(const char *h, size_t n)
{
	static const char *const tags[] = {
		"p", "em", "strong", "code", "pre", "a", "img", "h1", "h2", "h3",
		"h4", "h5", "h6", "ul", "ol", "li", "blockquote", "hr", "br",
		"figure", "figcaption", NULL
	};
	size_t i, j, k;

	for (i = 0; i < n; i++) {
		if (h[i] != '<')
			continue;
		j = i + 1;
		if (j < n && h[j] == '/')
			j++;
		for (k = j; k < n && IS_ALNUM(h[k]); k++)
			;
		for (j = 0; tags[j]; j++)
			if (strlen(tags[j]) == k - i - 1 - (h[i + 1] == '/') &&
			    !memcmp(tags[j], h + k - strlen(tags[j]), strlen(tags[j])))
				break;
		if (!tags[j] || k >= n || (h[k] != '>' && h[k] != ' ' && h[k] != '/'))
			return 0;
	}
	return 1;
}

/*
 * Check every article of l; utf8 says whether the page text was clean
 * UTF-8 (as decode_page() makes it), so that what comes out must be too.
 */
static inline void fuzz_check_articles(const struct article_list *l, int utf8)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct article *a = &l->v[i];
		struct buf html = BUF_INIT((size_t)256 << 20);
		struct buf sum = BUF_INIT((size_t)1 << 20);
		struct buf clean = BUF_INIT((size_t)256 << 20);
		size_t blen;

		FUZZ_CHECK(a->title && a->body && a->page_key, "article field is NULL");
		/* an article left out (nothing to show) keeps its place */
		FUZZ_CHECK(a->pos >= (int)i + 1 && (i == 0 || a->pos > l->v[i - 1].pos),
			   "article positions not increasing from 1");
		FUZZ_CHECK(*a->body || a->image || a->summary_given,
			   "an article with nothing to show");
		FUZZ_CHECK(fuzz_ymd_ok(a->ymd), "article ymd is not YYYY-MM-DD");
		fuzz_check_fdate(&a->published);
		fuzz_check_fdate(&a->updated);
		blen = strlen(a->body);
		if (utf8) {
			FUZZ_CHECK(fuzz_xml_text_ok(a->title, strlen(a->title)),
				   "title is not XML-clean UTF-8");
			FUZZ_CHECK(fuzz_xml_text_ok(a->body, blen),
				   "body is not XML-clean UTF-8");
		}
		fuzz_check_strlist(&a->authors, utf8);
		fuzz_check_strlist(&a->contributors, utf8);
		fuzz_check_strlist(&a->categories, utf8);

		FUZZ_CHECK(render_html(a->body, blen, &html) == 0, "render_html failed");
		FUZZ_CHECK(render_summary(a->body, blen, SUMMARY_CHARS, &sum) == 0,
			   "render_summary failed");
		/* md4c turns &#1; or &#xD800; into raw bytes; the writers
		 * clean its output with ft_xml_clean_append(), as done here */
		FUZZ_CHECK(ft_xml_clean_append(&clean, html.data ? html.data : "",
					    html.len) >= 0, "cleaning the HTML failed");
		FUZZ_CHECK(fuzz_xml_text_ok(clean.data ? clean.data : "", clean.len),
			   "cleaned HTML is not XML-clean UTF-8");
		FUZZ_CHECK(fuzz_html_tags_ok(html.data ? html.data : "", html.len),
			   "HTML holds a tag the page wrote itself");
		if (utf8) {
			FUZZ_CHECK(fuzz_xml_text_ok(sum.data ? sum.data : "", sum.len),
				   "summary is not XML-clean UTF-8");
			FUZZ_CHECK(fuzz_chars(sum.data ? sum.data : "", sum.len) <=
				   SUMMARY_CHARS + 1, "summary longer than 141 characters");
		}
		ft_buf_release(&html);
		ft_buf_release(&sum);
		ft_buf_release(&clean);
	}
}

#endif
