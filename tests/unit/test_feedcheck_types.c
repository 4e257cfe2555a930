/*
 * test_feedcheck_types.c - table-driven tests of feedcheck's value
 * checkers (validate/types.c) and of fc_check() on small documents.
 */
#include <stdlib.h>
#include <string.h>

#include "fcint.h"
#include "feedcheck.h"
#include "test.h"

struct vcase {
	const char *in;
	int want;   /* 0 valid; otherwise the checker's non-zero result */
};

static void rfc822(void)
{
	static const struct vcase c[] = {
		{ "Sat, 07 Sep 2002 09:42:31 GMT", 0 },
		{ "Sat, 07 Sep 2002 09:42:31 +0800", 0 },
		{ "07 Sep 2002 09:42 EST", 0 },
		{ "Sat, 7 Sep 2002 09:42:31 PDT", 0 },
		{ "Thu(a comment), 9(th) Feb(ruary) 2006 23:59:45 +0000", 0 },
		{ "\tThu ,  09  Feb\t2006  23:59:45\t +0000", 0 },
		{ "Sun, 07 Sep 2002 09:42:31 GMT", -2 },   /* wrong day */
		{ "2002-09-07T09:42:31Z", -1 },
		{ "Sat, 31 Feb 2002 09:42:31 GMT", -1 },
		{ "Sat, 07 Sep 2002 25:42:31 GMT", -1 },
		{ "Sat, 07 Sep 2002 09:42:31 XYZ", -1 },
		{ "Sat, 07 Sept 2002 09:42:31 GMT", -1 },
		{ "", -1 },
	};
	size_t i;
	int prob;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		CHECK_INT(fc_rfc822_check(c[i].in, NULL, &prob), c[i].want,
			  c[i].in);
	CHECK(fc_rfc822_check("Sat, 07 Sep 02 09:42:31 GMT", NULL, &prob) == 0 &&
	      prob, "two-digit year is valid but problematic");
}

static void rfc3339(void)
{
	static const struct vcase c[] = {
		{ "2003-12-13T18:30:02Z", 0 },
		{ "2003-12-13T18:30:02.25Z", 0 },
		{ "2003-12-13T18:30:02+01:00", 0 },
		{ "2003-12-13T18:30:02-05:30", 0 },
		{ "2003-12-13", -1 },
		{ "2003-12-13T18:30Z", -1 },
		{ "2003-12-13 18:30:02Z", -1 },
		{ "2003-12-13t18:30:02z", -1 },
		{ "2003-12-13T18:30:02-0500", -1 },
		{ "2003-02-29T18:30:02Z", -1 },
		{ "2003-12-13T18:30:02 Z", -1 },
		{ "Mon, 31 Dec 2002 14:20:20 GMT", -1 },
	};
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		CHECK_INT(fc_rfc3339_check(c[i].in, NULL), c[i].want, c[i].in);
}

static void w3cdtf(void)
{
	static const struct vcase c[] = {
		{ "2002", 0 }, { "2002-10", 0 }, { "2002-10-02", 0 },
		{ "2002-10-02T10:00-05:00", 0 },
		{ "2002-10-02T10:00:00Z", 0 },
		{ "2002-10-02T10:00:00.5+08:00", 0 },
		{ "2002-10-02T10:00:00", -1 },   /* a time needs a zone */
		{ "2002-13", -1 }, { "02-10-02", -1 }, { "2002-10-32", -1 },
	};
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		CHECK_INT(fc_w3cdtf_check(c[i].in, NULL), c[i].want, c[i].in);
}

static void uris(void)
{
	static const struct {
		const char *in;
		int absolute, iri, want;
	} c[] = {
		{ "http://example.com/a?b=c#d", 1, 0, URI_OK },
		{ "http://www.wired.com/news/0,1383,54916,00.html", 1, 0, URI_OK },
		{ "mailto:me@example.com", 1, 0, URI_OK },
		{ "http://:@example.org/id/1234", 1, 0, URI_OK },
		{ "/relative/path", 0, 0, URI_OK },
		{ "/relative/path", 1, 0, URI_RELATIVE },
		{ "http://example.com/a b", 1, 0, URI_BAD_CHAR },
		{ "http://example.com/%zz", 1, 0, URI_BAD },
		{ "http://例子.测试/", 1, 1, URI_OK },
		{ "http://例子.测试/", 1, 0, URI_BAD_CHAR },
		{ "http:///nohost", 1, 0, URI_BAD },
		{ "http://example.com:80x/", 1, 0, URI_BAD },
	};
	size_t i;
	char bad;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		CHECK_INT(fc_uri_check(c[i].in, c[i].absolute, c[i].iri, &bad),
			  c[i].want, c[i].in);
}

/* RFC 3986 section 6.2.2 (and 6.2.3 for http and https) */
static void uri_same(void)
{
	static const struct {
		const char *a, *b;
		int want;
	} c[] = {
		/* section 6.2.2's own example */
		{ "example://a/b/c/%7Bfoo%7D", "eXAMPLE://a/./b/../b/%63/%7bfoo%7d", 1 },
		{ "HTTP://www.EXAMPLE.com/", "http://www.example.com/", 1 },
		{ "http://example.com/%7Euser/feed", "http://example.com/~user/feed", 1 },
		{ "http://example.com", "http://example.com/", 1 },
		{ "http://example.com:80/feed", "http://example.com/feed", 1 },
		{ "https://example.com:443/feed", "https://example.com/feed", 1 },
		{ "http://example.com:/feed", "http://example.com/feed", 1 },
		{ "http://example.com/a/./b/../c", "http://example.com/a/c", 1 },
		{ "http://example.com/a/b/..", "http://example.com/a/", 1 },
		{ "http://example.com/a/.", "http://example.com/a/", 1 },
		/* what stays different */
		{ "http://example.com/Feed", "http://example.com/feed", 0 },
		{ "http://User@example.com/", "http://user@example.com/", 0 },
		{ "http://example.com/a%2Fb", "http://example.com/a/b", 0 },
		{ "http://example.com:8080/", "http://example.com/", 0 },
		{ "https://example.com:80/", "https://example.com/", 0 },
		{ "http://example.com/", "https://example.com/", 0 },
		{ "http://example.com/?q=%41", "http://example.com/?q=A", 1 },
		{ "http://example.com/#F", "http://example.com/#f", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		CHECK_INT(fc_uri_same(c[i].a, c[i].b), c[i].want, c[i].a);
		CHECK_INT(fc_uri_same(c[i].b, c[i].a), c[i].want, c[i].b);
	}
}

static void ids(void)
{
	static const struct vcase tags[] = {
		{ "tag:diveintomark.org,2003:3.2397", 0 },
		{ "tag:mark@example.com,2003-11-30:foo/bar#x", 0 },
		{ "tag:diveintomark.org,2003-09-:foo", -1 },
		{ "tag:diveintomark org,2003:foo", -1 },
		{ "tag:diveintomark.org,03:foo", -1 },
		{ "tag:diveintomark.org:foo", -1 },
		{ "tag:diveintomark.org,2003:[foo", -1 },
	};
	static const struct vcase urns[] = {
		{ "urn:isbn:0451450523", 0 },
		{ "urn:example-a:foo%2Fbar", 0 },
		{ "urn:diveintomark.org:1", -1 },
		{ "urn:-diveintomark:1", -1 },
		{ "urn:foo:bad%00", -1 },
	};
	size_t i;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		CHECK_INT(fc_tag_check(tags[i].in), tags[i].want, tags[i].in);
	for (i = 0; i < sizeof(urns) / sizeof(urns[0]); i++)
		CHECK_INT(fc_urn_check(urns[i].in), urns[i].want, urns[i].in);
	CHECK_INT(fc_uuid_check("1225c695-cfb8-4ebb-aaaa-80da344efa6a"), 0,
		  "uuid");
	CHECK_INT(fc_uuid_check("cdef5c6d5-gff8-4ebb-assa-80dwe44efkjo"), -1,
		  "bad uuid");
}

static void contacts(void)
{
	static const struct vcase rss[] = {
		{ "me@example.com", 0 },
		{ "me@example.com (Mark Pilgrim)", 0 },
		{ "me+folder@example.com (Me)", 0 },
		{ "mailto:user%40example.com", 0 },
		{ "John Smith <jsmith@example.org>", 1 },
		{ "John Smith, jsmith@example.org", 1 },
		{ "Mark Pilgrim", -1 },
		{ "Me (me@example.com)", -1 },
	};
	size_t i;

	for (i = 0; i < sizeof(rss) / sizeof(rss[0]); i++)
		CHECK_INT(fc_rss_email_check(rss[i].in), rss[i].want, rss[i].in);
	CHECK_INT(fc_email_check("jane@example"), 0, "addr-spec without a dot");
	CHECK_INT(fc_email_check("invalid at example.com"), -1, "no @");
	CHECK_INT(fc_email_check("a@b@c"), -1, "two @");
}

static void misc(void)
{
	long long v;

	CHECK_INT(fc_lang_check("en"), 0, "en");
	CHECK_INT(fc_lang_check("zh-Hans-CN"), 0, "zh-Hans-CN");
	CHECK_INT(fc_lang_check("English"), -1, "English");
	CHECK_INT(fc_lang_check("en_US"), -1, "en_US");
	CHECK_INT(fc_lang_check(""), -1, "empty language");
	CHECK_INT(fc_mime_check("audio/mpeg"), 0, "audio/mpeg");
	CHECK_INT(fc_mime_check("text/html; charset=\"utf-8\""), 0, "parameter");
	CHECK_INT(fc_mime_check("audio"), -1, "no subtype");
	CHECK_INT(fc_mime_check("audio/mp3 x"), -1, "junk");
	CHECK_INT(fc_int_check("42", 0, 100, &v), 0, "42");
	CHECK_INT(v, 42, "42 value");
	CHECK_INT(fc_int_check("0", 1, 100, &v), -2, "0 not positive");
	CHECK_INT(fc_int_check("4.2", 0, 100, &v), -1, "4.2");
	CHECK_INT(fc_int_check("", 0, 100, &v), -1, "empty integer");
	CHECK_INT(fc_npt_check("12.5"), 0, "npt seconds");
	CHECK_INT(fc_npt_check("1:02:03.5"), 0, "npt hms");
	CHECK_INT(fc_npt_check("now"), 0, "npt now");
	CHECK_INT(fc_npt_check("1:2:3"), -1, "npt short fields");
	CHECK_INT(fc_itunes_duration_check("3600"), 0, "duration seconds");
	CHECK_INT(fc_itunes_duration_check("1:02:03"), 0, "duration h:mm:ss");
	CHECK_INT(fc_itunes_duration_check("00:07:74"), -1, "74 seconds");
	CHECK_INT(fc_itunes_duration_check("1:2:3:4"), -1, "four fields");
	CHECK(fc_looks_like_html("a <b>bold</b> word"), "html detected");
	CHECK(!fc_looks_like_html("1 < 2 and 3 > 2"), "comparison is not html");
}

/* fc_check on whole documents: the format and the first rule reported */
static void documents(void)
{
	static const struct {
		const char *doc, *format, *rule;   /* rule NULL: no error */
	} c[] = {
		{ "<rss version=\"2.0\"><channel><title>t</title><link>http://x/</link>"
		  "<description>d</description></channel></rss>", "rss2.0", NULL },
		{ "<rss version=\"2.0\"><channel><title>t</title>"
		  "<description>d</description></channel></rss>", "rss2.0",
		  "missing-element" },
		{ "<rss version=\"2.0\"><channel><title>t</title><link>http://x/</link>"
		  "<description>d</description><item><link>http://x/1</link></item>"
		  "</channel></rss>", "rss2.0", "rss-item-title-or-description" },
		{ "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>"
		  "<id>urn:x:1</id><updated>2003-12-13T18:30:02Z</updated>"
		  "<author><name>a</name></author></feed>", "atom1.0", NULL },
		{ "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>"
		  "<id>urn:x:1</id><updated>2003-12-13</updated>"
		  "<author><name>a</name></author></feed>", "atom1.0",
		  "invalid-rfc3339-date" },
		{ "<rss version=\"2.0\"><channel>", "rss2.0", "xml-truncated" },
		{ "<rss version=\"2.0\"><channel><title>t</title><link>http://x/</link>"
		  "<description>d</description></channel></rss><rss>", "rss2.0",
		  "xml-not-well-formed" },
		{ "<opml version=\"2.0\"><body/></opml>", "unknown", "not-a-feed" },
		{ "<html><body/></html>", "unknown", "html-page" },
		{ "<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;"
		  "&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
		  "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;"
		  "&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;"
		  "&e;&e;\">]><rss>&f;</rss>", "unknown", "xml-entity-expansion" },
		{ "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"t\","
		  " \"items\": [{\"id\": \"1\", \"content_text\": \"x\"}]}",
		  "jsonfeed", NULL },
		{ "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}",
		  "jsonfeed", "json-missing-member" },
		{ "{\"version\": 1,", "jsonfeed", "json-syntax" },
	};
	size_t i, k;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct fc_result r;
		const char *got = NULL;
		fc_result_init(&r);
		CHECK_INT(fc_check((const unsigned char *)c[i].doc,
				   strlen(c[i].doc), "t", NULL, NULL, &r), 0,
			  "fc_check runs");
		for (k = 0; k < r.diags.n && !got; k++)
			if (r.diags.v[k].severity == DIAG_ERROR)
				got = r.diags.v[k].rule;
		CHECK_STR(fc_format_name(r.format), c[i].format, c[i].doc);
		if (c[i].rule)
			CHECK_STR(got, c[i].rule, c[i].doc);
		else
			CHECK(got == NULL, "no error: %s (got %s)", c[i].doc,
			      got ? got : "");
		fc_result_release(&r);
	}
}

static void rule_table(void)
{
	size_t n, i, j;
	const struct fc_rule *r = fc_rules(&n);
	int dup = 0, bad = 0;

	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++)
			if (!strcmp(r[i].id, r[j].id))
				dup = 1;
		if (!r[i].summary[0] || !r[i].explain[0] ||
		    strspn(r[i].id, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
			    strlen(r[i].id))
			bad = 1;
	}
	CHECK(!dup, "rule ids are unique");
	CHECK(!bad, "rule ids are lower-case with hyphens and explained");
	CHECK(fc_rule_find("missing-element") != NULL, "rule lookup");
	CHECK(fc_rule_find("no-such-rule") == NULL, "unknown rule");
	CHECK(fc_rule_find(NULL) == NULL, "fc_rule_find(NULL) is NULL, not a crash");
}

int main(void)
{
	rfc822();
	rfc3339();
	w3cdtf();
	uris();
	uri_same();
	ids();
	contacts();
	misc();
	documents();
	rule_table();
	return TEST_DONE();
}
