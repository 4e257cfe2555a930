/*
 * test_selfcheck.c - feedgen's check of its own output (selfcheck.h):
 * markup that readers strip as a security risk stops a feed, as an
 * error, whatever severity feedcheck gives it for feeds found on the
 * web; warnings do not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feedcheck.h"
#include "selfcheck.h"
#include "test.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>" \
	"<title>t</title><link>https://x.example/</link><description>d</description>" \
	"<atom:link rel=\"self\" type=\"application/rss+xml\" href=\"https://x.example/rss.xml\"/>\n" \
	"<item><title>i</title><link>https://x.example/1</link>" \
	"<guid isPermaLink=\"false\">tag:x.example,2022-07-01:1</guid>" \
	"<pubDate>Fri, 01 Jul 2022 00:00:00 +0800</pubDate>"
#define TAIL "</item></channel></rss>\n"

/* selfcheck_file on text; what it printed in *said */
static int check(const char *text, int quiet, char **said)
{
	FILE *fp = tmpfile(), *err;
	size_t len = 0;
	int r;

	*said = NULL;
	if (!fp || !(err = open_memstream(said, &len)))
		return -2;
	fputs(text, fp);
	r = selfcheck_file(fp, "out", "rss.xml", quiet, err);
	fclose(err);
	fclose(fp);
	return r;
}

int main(void)
{
	char *said;
	int r;

	fc_init();
	r = check(HEAD "<description>plain text &amp;lt;script&amp;gt; shown</description>" TAIL, 0, &said);
	CHECK_INT(r, 0, "a description whose markup is text passes");
	CHECK(!strstr(said, "security-risk"), "no security finding (%s)", said);
	free(said);

	r = check(HEAD "<description>x &lt;script&gt;alert(1)&lt;/script&gt;</description>" TAIL, 0, &said);
	CHECK_INT(r, -1, "a live <script> in a description stops the feed");
	CHECK(strstr(said, "out/rss.xml:") && strstr(said, ": error: ") &&
	      strstr(said, "[security-risk]"), "said as an error naming the file (%s)", said);
	free(said);

	r = check(HEAD "<description>&lt;img src=\"https://x.example/a.png\" onerror=\"alert(2)\"&gt;</description>" TAIL,
		  1, &said);
	CHECK_INT(r, -1, "an onerror attribute stops the feed, with -q too");
	CHECK(strstr(said, ": error: ") && strstr(said, "[security-risk-attr]"),
	      "said as an error under -q (%s)", said);
	free(said);

	r = check(HEAD "<description>see &lt;a href=\"#x\"&gt;x&lt;/a&gt;</description>" TAIL, 0, &said);
	CHECK_INT(r, 0, "a warning (a relative URL) does not stop the feed");
	CHECK(strstr(said, ": warning: ") != NULL, "but is said (%s)", said);
	free(said);
	return TEST_DONE();
}
