/*
 * test_threads.c - libfeedcheck from several threads at once, as
 * feedcheck.h and feedcheck(3) promise after fc_init(): each thread
 * checks every document of a set many times, through the public API
 * only, and each result must be the one a single thread got before.  The
 * set goes through every part of the library that could hold state: a
 * byte order mark on a document that is not XML (the message made for
 * it), RSS, Atom, JSON Feed (jansson), a web page (libxml2's HTML parser),
 * plain text, GB18030 and UTF-16 (iconv), bytes invalid in their
 * encoding, a DOCTYPE with an entity, HTML inside content, dates, and a
 * document cut short.  Run under `make check-tsan` (ThreadSanitizer) it
 * proves there is no data race; without it, that the results agree.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feedcheck.h"
#include "test.h"

#define THREADS 4
#define ROUNDS 12

struct doc {
	const char *name;
	const char *bytes;
	size_t len;               /* 0: strlen(bytes) */
};

static const struct doc docs[] = {
	/* a UTF-8 byte order mark before text that is not markup */
	{ "bom-text", "\xEF\xBB\xBFHello, this is not XML\n", 0 },
	/* a UTF-16LE byte order mark before bytes that are not UTF-16 '<' */
	{ "bom16-text", "\xFF\xFEh\0i\0 \0t\0h\0e\0r\0e\0", 18 },
	{ "rss", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	  "<rss version=\"2.0\"><channel><title>t</title>"
	  "<link>https://example.com/</link><description>d</description>"
	  "<item><title>a</title><pubDate>Sat, 16 Jul 2022 00:00:00 +0800</pubDate>"
	  "<description>&lt;script&gt;x()&lt;/script&gt;&lt;img src=\"/a.png\"&gt;"
	  "</description><guid>urn:x</guid></item>"
	  "<item><title>b</title><pubDate>星期六, 16 Jul 2022</pubDate></item>"
	  "</channel></rss>\n", 0 },
	{ "atom", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>"
	  "<id>urn:x</id><updated>2022-07-16T00:00:00Z</updated>"
	  "<entry><title>e</title><id>urn:e</id><updated>bad</updated>"
	  "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
	  "<p onclick=\"x\">x</p></div></content></entry></feed>", 0 },
	{ "json", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"t\","
	  "\"items\": [{\"id\": \"1\", \"content_html\": \"<p>x</p>\","
	  "\"date_published\": \"yesterday\"}]}", 0 },
	{ "page", "<!DOCTYPE html><html><head><title>h</title>"
	  "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\">"
	  "</head><body><p>x</p></body></html>", 0 },
	{ "text", "User-agent: *\nDisallow:\n", 0 },
	{ "gb18030", "<?xml version=\"1.0\" encoding=\"gb18030\"?>"
	  "<rss version=\"2.0\"><channel><title>\xD6\xD0\xCE\xC4</title>"
	  "<link>https://example.com/</link><description>\x81\x30</description>"
	  "</channel></rss>", 0 },
	{ "utf16", "\xFF\xFE<\0r\0s\0s\0 \0v\0e\0r\0s\0i\0o\0n\0=\0\"\0"
	  "2\0.\0\x30\0\"\0>\0<\0c\0h\0a\0n\0n\0e\0l\0>\0\x00\xD8<\0/\0"
	  "c\0h\0a\0n\0n\0e\0l\0>\0<\0/\0r\0s\0s\0>\0", 64 },
	{ "latin1", "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>"
	  "<rss version=\"2.0\"><channel><title>\x93quoted\x94 caf\xE9</title>"
	  "<link>https://example.com/</link><description>d</description>"
	  "</channel></rss>", 0 },
	{ "doctype", "<!DOCTYPE rss [<!ENTITY e \"x\"> <!ENTITY f SYSTEM "
	  "\"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>&e;&f;"
	  "</title></channel></rss>", 0 },
	{ "cut", "<rss version=\"2.0\"><channel><title>t</title><item><ti", 0 },
	{ "bad-utf8", "<rss version=\"2.0\"><channel><title>a\xC0\xAF\xE4\xB8"
	  "b</title></channel></rss>", 0 },
};

#define NDOCS (sizeof(docs) / sizeof(docs[0]))
#define OUT_MAX 16384

/* every finding of one check, formatted, one a line; NULL on no memory */
static char *check_one(const struct doc *d)
{
	struct fc_result *r = fc_result_new();
	size_t len = d->len ? d->len : strlen(d->bytes), i, used = 0;
	struct fc_finding f;
	char *out = malloc(OUT_MAX);
	int n;

	if (!r || !out)
		goto fail;
	if (fc_check((const unsigned char *)d->bytes, len, d->name, NULL, NULL, r) < 0)
		goto fail;
	n = snprintf(out, OUT_MAX, "%s %s\n", fc_format_name(fc_result_format(r)),
		     fc_result_encoding(r)->used ? fc_result_encoding(r)->used : "-");
	used = n > 0 ? (size_t)n : 0;
	for (i = 0; fc_result_finding(r, i, &f) == 0 && used < OUT_MAX - 1; i++) {
		n = fc_finding_format(&f, out + used, OUT_MAX - used);
		if (n < 0)
			goto fail;
		used += (size_t)n;
		if (used >= OUT_MAX - 1)
			break;
		out[used++] = '\n';
		out[used] = '\0';
	}
	fc_result_free(r);
	return out;
fail:
	fc_result_free(r);
	free(out);
	return NULL;
}

static char *want[NDOCS];

struct worker {
	int id;
	size_t mismatches;
	const char *first_bad;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	size_t round, k;

	for (round = 0; round < ROUNDS; round++)
		for (k = 0; k < NDOCS; k++) {
			/* each thread walks the set from its own place */
			size_t i = (k + (size_t)w->id * 3 + round) % NDOCS;
			char *got = check_one(&docs[i]);
			if (!got || strcmp(got, want[i])) {
				if (!w->mismatches)
					w->first_bad = docs[i].name;
				w->mismatches++;
			}
			free(got);
		}
	return NULL;
}

int main(void)
{
	pthread_t tid[THREADS];
	struct worker w[THREADS];
	size_t i, bad = 0;
	int started = 0, t;

	fc_init();
	for (i = 0; i < NDOCS; i++) {
		want[i] = check_one(&docs[i]);
		CHECK(want[i] != NULL, "%s: checked in one thread", docs[i].name);
		if (!want[i])
			return TEST_DONE();
	}
	/* the documents reach the parts of the library they are meant for */
	CHECK(strstr(want[0], "does not start with '<'") != NULL,
	      "bom-text: the byte order mark's message");
	CHECK(strstr(want[5], "[html-page]") != NULL, "page: a web page");
	CHECK(strstr(want[7], "gb18030") || strstr(want[7], "GB18030"),
	      "gb18030: decoded with iconv");
	CHECK(strstr(want[8], "UTF-16") != NULL, "utf16: decoded with iconv");
	CHECK(strstr(want[10], "[xml-external-entity]") != NULL,
	      "doctype: the external entity refused");

	for (t = 0; t < THREADS; t++) {
		w[t].id = t;
		w[t].mismatches = 0;
		w[t].first_bad = NULL;
		if (pthread_create(&tid[t], NULL, work, &w[t]) != 0)
			break;
		started++;
	}
	CHECK_INT(started, THREADS, "the threads start");
	for (t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	for (t = 0; t < started; t++) {
		if (w[t].mismatches)
			printf("# thread %d: %zu results differ, the first of '%s'\n",
			       t, w[t].mismatches, w[t].first_bad);
		bad += w[t].mismatches;
	}
	CHECK(bad == 0, "%d threads x %d rounds x %zu documents: every result as "
	      "in one thread", THREADS, ROUNDS, NDOCS);
	for (i = 0; i < NDOCS; i++)
		free(want[i]);
	return TEST_DONE();
}
