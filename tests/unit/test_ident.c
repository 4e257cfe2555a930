/* Entry ids (tag: URIs), link templates, base URLs. */
#include <stdlib.h>
#include <string.h>

#include "ident.h"
#include "test.h"

int main(void)
{
	struct article a;
	const char *why = NULL;
	char *s;

	memset(&a, 0, sizeof(a));
	memcpy(a.ymd, "2022-07-15", 11);
	a.page = (char *)"001";
	a.page_key = (char *)"001_49b6abffcf894de6";
	a.pos = 2;

	s = base_url_host("https://News.Example.com:8443/epaper/", &why);
	CHECK_STR(s, "news.example.com", "host, lower case, no port");
	free(s);
	CHECK(base_url_host("ftp://example.com/", &why) == NULL, "ftp rejected");
	CHECK(base_url_host("/relative", &why) == NULL, "relative rejected");
	CHECK(base_url_host("not a url", &why) == NULL, "garbage rejected");

	/* every URL setting: http or https with a host, nothing else */
	CHECK(url_is_http("https://x.cn/e/{date}", &why), "https");
	CHECK(url_is_http("HTTP://x.cn/e", &why), "HTTP, any case");
	CHECK(url_is_http("https://x.cn/2022 1.html", &why),
	      "only the scheme and host are judged (the self-check judges the rest)");
	CHECK(!url_is_http("javascript:alert(1)", &why), "javascript: refused");
	CHECK(!url_is_http("JavaScript://%0aalert(1)", &why), "javascript:// refused");
	CHECK(!url_is_http("data:text/html,<b>", &why), "data: refused");
	CHECK(!url_is_http("file:///etc/passwd", &why), "file: refused");
	CHECK(!url_is_http("/2022/1.html", &why), "a relative reference refused");
	CHECK(!url_is_http("https:/x.cn/", &why), "https: without // refused");
	CHECK(!url_is_http("https:///x", &why), "https: without a host refused");
	CHECK(!url_is_http("", &why), "nothing refused");
	/* a folder that links are made from */
	CHECK(url_is_folder("https://x.cn/e", &why), "a folder");
	CHECK(!url_is_folder("https://x.cn/e?edition=1", &why), "a query refused");
	CHECK(why && strstr(why, "same page"), "... saying why: %s", why);
	CHECK(!url_is_folder("https://x.cn/e#top", &why), "a fragment refused");
	CHECK(!url_is_folder("https://user:pw@x.cn/e", &why), "a password refused");

	s = make_tag_id("news.example.com", &a);
	CHECK_STR(s, "tag:news.example.com,2022-07-15:001_49b6abffcf894de6/2",
		  "tag URI from host, edition date, page, position");
	a.id = s;
	a.page_key = (char *)"头版 1";
	s = make_tag_id("h", &a);
	CHECK_STR(s, "tag:h,2022-07-15:%E5%A4%B4%E7%89%88%201/2",
		  "non-ASCII page names are percent-encoded");
	free(s);
	a.page_key = (char *)"001_49b6abffcf894de6";

	s = expand_link("{base}/{date}/{page}-{pos}.html", "https://x.cn/e", &a, &why);
	CHECK_STR(s, "https://x.cn/e/2022-07-15/001-2.html", "default template");
	free(s);
	s = expand_link("{base}/{yyyy}{mm}/{dd}/{stem}.htm#{pos}", "https://x.cn", &a, &why);
	CHECK_STR(s, "https://x.cn/202207/15/001_49b6abffcf894de6.htm#2", "date parts and stem");
	free(s);
	s = expand_link("{base}/a/{id}", "https://x.cn", &a, &why);
	CHECK(s && strlen(s) == strlen("https://x.cn/a/") + 16, "{id} is 16 hex digits");
	free(s);
	CHECK(expand_link("{base}/{nope}", "b", &a, &why) == NULL, "unknown placeholder rejected");
	CHECK(expand_link("{base", "b", &a, &why) == NULL, "unclosed brace rejected");
	CHECK(expand_link("base}", "b", &a, &why) == NULL, "stray closing brace rejected");
	free(a.id);
	return TEST_DONE();
}
