/*
 * fuzz_media.c - an article body (valid UTF-8 of XML characters, as pages
 * are once decoded) through render_html() and media_rewrite(): links and
 * images made absolute, photos put in their figures, the first photo
 * described.  The HTML stays XML text; the photo, when one is named, reads
 * back with an absolute http(s) URL.  The collection does not exist, so no
 * input reaches a file.
 */
#include "article.h"
#include "fuzz.h"
#include "media.h"
#include "render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf raw = BUF_INIT((size_t)1 << 24), html = BUF_INIT((size_t)1 << 24);
	struct strlist credits = { 0 };
	struct diag_list dl;
	struct media_where w;
	struct media_photo ph;
	char *extra = NULL, *body;

	if (!fuzz_xml_text_ok((const char *)data, size) || memchr(data, 0, size))
		return 0;
	/* a body is a string, as article.c makes it */
	body = fuzz_strndup(data, size);
	ft_diag_list_init(&dl);
	strlist_add(&credits, "王晓峰", strlen("王晓峰"));
	strlist_add(&credits, "", 0);
	memset(&w, 0, sizeof(w));
	w.link = "https://news.example.com/epaper/2022-07-17/001-1.html";
	w.asset_base = size && data[0] == 'A' ? "https://img.example.com/2022/0717/" : NULL;
	w.root = "/nonexistent-feedtools-fuzz";
	w.page_dir = "/nonexistent-feedtools-fuzz/2022-07-17";
	w.file = "p.txt";
	w.text = body;
	w.text_len = size;
	w.line = 1;
	w.credits = &credits;
	if (render_html(body, size, &raw) == 0 &&
	    ft_xml_clean_append(&html, raw.data ? raw.data : "", raw.len) == 0 &&
	    media_rewrite(&w, &html, &extra, &dl) == 0) {
		FUZZ_CHECK(fuzz_xml_text_ok(html.data ? html.data : "", html.len),
			   "the rewritten HTML is not XML text");
		if (extra) {
			FUZZ_CHECK(media_photo_parse(extra, &ph) == 1,
				   "the photo described does not read back");
			FUZZ_CHECK(!strncmp(ph.url, "http://", 7) || !strncmp(ph.url, "https://", 8),
				   "the photo's URL is not absolute http(s)");
			FUZZ_CHECK(ph.length == -1, "a length for a file that does not exist");
			media_photo_release(&ph);
		}
	}
	free(extra);
	free(body);
	strlist_release(&credits);
	ft_diag_list_release(&dl);
	ft_buf_release(&raw);
	ft_buf_release(&html);
	return 0;
}
