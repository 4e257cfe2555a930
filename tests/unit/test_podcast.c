/*
 * test_podcast.c - the parts of the podcast checks a shell case cannot
 * see: the engine's index holds every rule row of every context (a row
 * past its capacity would make an element undefined without a word), the
 * profile table names only rules that exist, a --profile turns a
 * directory's warning into an error and leaves the others alone, and the
 * enclosures, artwork and page links are recorded in fc_result.refs.
 */
#include <stdlib.h>
#include <string.h>

#include "feedcheck.h"
#include "fcint.h"
#include "test.h"
#include "xml.h"

static const char podcast[] =
	"<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">"
	"<channel><title>t</title><link>https://x.example/</link>"
	"<description>d</description>"
	"<itunes:image href=\"https://x.example/a.jpg\"/>"
	"<item><title>e</title>"
	"<enclosure url=\"https://x.example/1.mp3\" length=\"12\" type=\"audio/mpeg\"/>"
	"</item></channel></rss>";

/* the severity of the first finding of rule, -1 when there is none */
static int severity_of(const struct fc_result *r, const char *rule)
{
	size_t i;

	for (i = 0; i < r->diags.n; i++)
		if (!strcmp(r->diags.v[i].rule, rule))
			return (int)r->diags.v[i].severity;
	return -1;
}

static void check_doc(const char *doc, const char *url, unsigned profiles,
		      int want_media, struct fc_result *r)
{
	struct fc_options o;
	struct fc_transport t;

	memset(&o, 0, sizeof(o));
	memset(&t, 0, sizeof(t));
	o.profiles = profiles;
	o.want_media = want_media;
	t.url = url;
	fc_result_init(r);
	CHECK_INT(fc_check((const unsigned char *)doc, strlen(doc), "t",
			   url ? &t : NULL, &o, r), 0, "fc_check runs");
}

int main(void)
{
	struct fc_result r;
	size_t i;
	int c, all = 1;
	const char *const prof[] = { "podcast-missing-guid", "itunes-missing-email",
		"media-check-no-range", "artwork-size", "podcast-taxonomy", NULL };

	fc_init();
	for (c = 0; c < CX_COUNT; c++)
		if (fc_xml_rows_indexed(fc_vocabs_index(), c) !=
		    fc_xml_rows_wanted(fc_vocabs, c)) {
			all = 0;
			printf("# context %d: %zu rows of %zu indexed\n", c,
			       fc_xml_rows_indexed(fc_vocabs_index(), c),
			       fc_xml_rows_wanted(fc_vocabs, c));
		}
	CHECK(all, "the engine indexes every rule row of every context");
	CHECK(fc_xml_rows_wanted(fc_vocabs, CX_CHANNEL) > 160,
	      "the channel has more than the 160 rows of the old index");
	for (i = 0; prof[i]; i++)
		CHECK(fc_rule_find(prof[i]) && fc_rule_profiles(prof[i]),
		      "%s exists and has profiles", prof[i]);
	CHECK_INT(fc_rule_profiles("rss-duplicate-guid"), 0,
		  "a rule of the formats has no profile");
	CHECK(fc_rule_profiles("media-check-no-range") == FC_PROFILE_APPLE,
	      "byte ranges are Apple's requirement alone");

	/* the item has no guid: a warning, an error for Apple */
	check_doc(podcast, NULL, 0, 0, &r);
	CHECK_INT(severity_of(&r, "podcast-missing-guid"), DIAG_WARNING,
		  "no guid: a warning without a profile");
	CHECK_INT(r.refs.n, 0, "no refs unless asked for");
	fc_result_release(&r);
	check_doc(podcast, NULL, FC_PROFILE_APPLE, 0, &r);
	CHECK_INT(severity_of(&r, "podcast-missing-guid"), DIAG_ERROR,
		  "no guid: an error under --profile apple");
	CHECK_INT(severity_of(&r, "podcast-namespace-missing"), DIAG_INFO,
		  "the podcast namespace stays info under --profile apple");
	fc_result_release(&r);
	check_doc(podcast, NULL, FC_PROFILE_PODCASTINDEX, 0, &r);
	CHECK_INT(severity_of(&r, "podcast-namespace-missing"), DIAG_ERROR,
		  "the podcast namespace: an error under --profile podcastindex");
	fc_result_release(&r);

	/* --check-media: the enclosure and the artwork, with the base */
	check_doc(podcast, "https://x.example/feed.xml", 0, 1, &r);
	CHECK_INT(r.refs.n, 2, "two refs: the artwork and the enclosure");
	if (r.refs.n == 2) {
		CHECK_INT(r.refs.v[0].kind, FC_REF_ARTWORK, "first the artwork");
		CHECK_INT(r.refs.v[1].kind, FC_REF_ENCLOSURE, "then the enclosure");
		CHECK_STR(r.refs.v[1].url, "https://x.example/1.mp3", "its url");
		CHECK_STR(r.refs.v[1].type, "audio/mpeg", "its type");
		CHECK_INT(r.refs.v[1].length, 12, "its length");
		CHECK_STR(r.refs.v[1].base, "https://x.example/feed.xml",
			  "the base is the transport's URL");
		CHECK(r.refs.v[1].line == 1 && r.refs.v[1].col > 1,
		      "its line and column");
	}
	fc_result_release(&r);

	/* a plain RSS feed is no podcast: none of it is checked */
	check_doc("<rss version=\"2.0\"><channel><title>t</title>"
		  "<link>https://x.example/</link><description>d</description>"
		  "<item><title>e</title></item></channel></rss>", NULL, 0, 0, &r);
	CHECK_INT(severity_of(&r, "podcast-missing-guid"), -1,
		  "no podcast check on a feed that is no podcast");
	fc_result_release(&r);
	check_doc("<rss version=\"2.0\"><channel><title>t</title>"
		  "<link>https://x.example/</link><description>d</description>"
		  "<item><title>e</title></item></channel></rss>", NULL,
		  FC_PROFILE_SPOTIFY, 0, &r);
	CHECK_INT(severity_of(&r, "itunes-namespace-missing"), DIAG_ERROR,
		  "--profile spotify checks any RSS as a podcast");
	fc_result_release(&r);

	/* a web page: its feed links, resolved against <base> */
	check_doc("<!DOCTYPE html><html><head><base href=\"/b/\">"
		  "<link rel=\"alternate\" type=\"application/atom+xml\" "
		  "title=\"T\" href=\"a.xml\"></head><body></body></html>",
		  "https://x.example/p/index.html", 0, 0, &r);
	CHECK_INT(severity_of(&r, "html-page"), DIAG_ERROR, "an HTML page");
	CHECK_INT(r.refs.n, 1, "one feed link");
	if (r.refs.n == 1) {
		CHECK_INT(r.refs.v[0].kind, FC_REF_FEED, "a feed ref");
		CHECK_STR(r.refs.v[0].url, "https://x.example/b/a.xml",
			  "resolved against the base, resolved against the page");
		CHECK_STR(r.refs.v[0].title, "T", "its title");
	}
	CHECK_INT(severity_of(&r, "xml-not-well-formed"), -1,
		  "the XML parse's findings are gone");
	fc_result_release(&r);
	return TEST_DONE();
}
