/*
 * fuzz_split.c - decode_page() then article_split() on arbitrary bytes, as
 * feedgen reads a page of an edition folder; every article found is
 * rendered to HTML and summarised.
 */
#include "article.h"
#include "decode.h"
#include "diag.h"
#include "fuzz.h"
#include "fuzz_article.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct tzspec tz = { 1, 8 * 3600, "" };
	struct page_info pi = { "2022-07-15/001_0123456789abcdef.txt",
				"001_0123456789abcdef", 1, FUZZ_EDITION_DAYS,
				FUZZ_MTIME, &tz };
	struct diag_list dl;
	struct decoded dec = { NULL, 0, NULL };
	struct article_list al = { NULL, 0, 0 };
	int r;

	ft_diag_list_init(&dl);
	if (decode_page(pi.file, data, size, "GB18030", &dl, &dec) < 0)
		goto done;
	r = article_split(&pi, dec.text, dec.len, &dl, &al);
	if (r < 0) {
		FUZZ_CHECK(al.n == 0, "articles left after a failed split");
		FUZZ_CHECK(dl.count[DIAG_ERROR] > 0, "failed split without an error");
	} else {
		FUZZ_CHECK((size_t)r == al.n, "split count differs from the list");
		fuzz_check_articles(&al, 1);
	}
done:
	article_list_release(&al);
	free(dec.text);
	ft_diag_list_release(&dl);
	return 0;
}
