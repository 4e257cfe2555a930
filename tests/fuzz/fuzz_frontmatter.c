/*
 * fuzz_frontmatter.c - article_split() on "---\n" followed by arbitrary
 * bytes, so that every input exercises the front-matter reader
 * (frontmatter.c, libyaml: quoting, escapes, lists, aliases, tags,
 * timestamps).  The text is passed as decode_page() would hand it over
 * (NUL-terminated), but not cleaned: article_split() must not crash on any
 * bytes.  Where the input is clean UTF-8 what comes out must be too, the
 * escapes a YAML string may hold ("\x01", "\0") included.  A page that
 * fails says why at a line and column inside the page.  The page is
 * outside an edition folder, so dates come from front matter or the
 * mtime.
 */
#include "article.h"
#include "diag.h"
#include "fuzz.h"
#include "fuzz_article.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct tzspec tz = { 1, 8 * 3600, "" };
	struct page_info pi = { "fuzz/page.md", "page", 0, 0, FUZZ_MTIME, &tz };
	struct diag_list dl;
	struct article_list al = { NULL, 0, 0 };
	char *text = malloc(size + 5);
	int r;

	if (!text)
		return 0;
	memcpy(text, "---\n", 4);
	if (size)
		memcpy(text + 4, data, size);
	text[size + 4] = '\0';
	ft_diag_list_init(&dl);
	r = article_split(&pi, text, size + 4, &dl, &al);
	if (r < 0) {
		size_t i, lines = 1;
		FUZZ_CHECK(al.n == 0, "articles left after a failed split");
		FUZZ_CHECK(dl.count[DIAG_ERROR] > 0, "failed split without an error");
		for (i = 0; i < size + 4; i++)
			lines += text[i] == '\n';
		for (i = 0; i < dl.n; i++)
			FUZZ_CHECK(dl.v[i].line >= 0 && (size_t)dl.v[i].line <= lines &&
				   dl.v[i].column >= 0, "a diagnostic outside the page");
	} else {
		FUZZ_CHECK((size_t)r == al.n, "split count differs from the list");
		fuzz_check_articles(&al, fuzz_xml_text_ok(text, size + 4));
		/* what only a page of one article has */
		FUZZ_CHECK(r == 1 || (al.n == 0 || (!al.v[0].given_id && !al.v[0].url &&
						   !al.v[0].image && !al.v[0].lang)),
			   "a page of several articles with one article's keys");
	}
	article_list_release(&al);
	ft_diag_list_release(&dl);
	free(text);
	return 0;
}
