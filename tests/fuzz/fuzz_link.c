/*
 * fuzz_link.c - expand_link() with an arbitrary link template, and
 * make_tag_id() with an arbitrary page stem.
 *
 * Input: the template, then optionally a NUL and the page file's stem.
 */
#include "article.h"
#include "ascii.h"
#include "fuzz.h"
#include "ident.h"

/* RFC 3986 section 2: what may appear unencoded in a tag: URI's specific part */
static int uri_char_ok(unsigned char c)
{
	return IS_ALNUM(c) || (c && strchr("-._~!$&'()*+,;=:@/?%", c));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *tmpl = fuzz_strndup(data, size);
	size_t tl = strlen(tmpl);
	const char *stem = tl < size ? tmpl + tl + 1 : "001_0123456789abcdef";
	char page[] = "001", id[] = "tag:news.example.com,2022-07-15:001_0123456789abcdef/2";
	struct article a;
	const char *why = NULL;
	char *link, *tag;
	size_t i;

	memset(&a, 0, sizeof(a));
	memcpy(a.ymd, "2022-07-15", 11);
	a.page = page;
	a.page_key = (char *)stem;
	a.id = id;
	a.pos = 2;

	link = expand_link(tmpl, "https://news.example.com/epaper", &a, &why);
	if (link) {
		FUZZ_CHECK(!strchr(link, '{') && !strchr(link, '}'),
			   "a brace left in an expanded link");
		free(link);
	} else {
		FUZZ_CHECK(why != NULL, "expand_link failed without a reason");
	}

	tag = make_tag_id("news.example.com", &a);
	if (tag) {
		FUZZ_CHECK(strncmp(tag, "tag:news.example.com,2022-07-15:", 32) == 0,
			   "tag URI does not start with the authority and date");
		for (i = 0; tag[i]; i++)
			FUZZ_CHECK(uri_char_ok((unsigned char)tag[i]),
				   "tag URI holds a character URIs do not allow");
		free(tag);
	}
	free(tmpl);
	return 0;
}
