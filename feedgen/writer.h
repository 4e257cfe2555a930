/*
 * writer.h - Atom 1.0, RSS 2.0 and JSON Feed 1.1 from the feed model.
 *
 * XML is written with libxml2's xmlTextWriter and JSON with jansson.
 * xmlTextWriter does not make its output well-formed by itself (it writes
 * control characters raw), so every string is cleaned of what XML 1.0
 * forbids on its way in.  An article's HTML is written as CDATA, split
 * where it holds "]]>".  Articles come one at a time from an entry source
 * (the state, in feed order) with their HTML already rendered and cleaned
 * (pages.c), and each is written to the streams in turn, so memory stays
 * flat however many entries there are.
 */
#ifndef FEEDGEN_WRITER_H
#define FEEDGEN_WRITER_H

#include <stdio.h>

#include "article.h"
#include "date.h"

struct feed_meta {
	const char *title;
	const char *subtitle;     /* may be NULL */
	const char *author;       /* feed-level author name */
	const char *lang;
	const char *home_url;     /* alternate link */
	const char *atom_url;     /* self links */
	const char *rss_url;
	const char *json_url;
	const char *id;           /* feed id (Atom) */
	struct fdate updated;     /* newest entry's updated */
	const char *hub;          /* WebSub hub, or NULL */
	/* RFC 5005 feed history, per format (0 Atom, 1 RSS); NULL when none */
	int archive;              /* this is an archive document (fh:archive) */
	const char *current[2];   /* archives: the subscription feed */
	const char *prev_archive[2];
	const char *next_archive[2];
	/* the newsroom's settings (feedgen(1)) */
	int summary_only;         /* no content: the summary alone */
	const char *icon, *logo;  /* http(s) URLs, or NULL */
	const char *rights;       /* or NULL */
};

/*
 * Where each entry of each format ends in its stream (bytes from the
 * start), and where the document after the last ends: what a byte budget
 * needs to know to leave the oldest entries out.  The writer fills it.
 */
struct feed_measure {
	long long *end[3];        /* owned: [format][entry] */
	long long total[3];       /* the whole document; -1: not written */
	size_t n, alloc;          /* entries */
	char *first_id;           /* owned: the first (newest) entry's id */
};

void feed_measure_release(struct feed_measure *ms);

enum { FMT_ATOM = 0, FMT_RSS = 1, FMT_JSON = 2 };

/*
 * Where the entries come from, in feed order: next sets *a to the next
 * article (its html, html_len, summary and link set; valid until the next
 * call) and returns 1, 0 after the last, or -1.
 */
struct entry_source {
	int (*next)(void *arg, const struct article **a);
	void *arg;
};

/* The errmsg of write_feeds when the source failed. */
extern const char writer_err_source[];

/*
 * Write the feeds of the articles src gives.  A NULL stream is skipped.
 * Returns 0, or -1 (errno from the stream, or ENOMEM); errmsg gets a
 * static description.
 */
int write_feeds(const struct feed_meta *m, const struct entry_source *src,
		FILE *atom, FILE *rss, FILE *json, const char **errmsg);
/* ... measuring where each entry ends into ms (NULL: not measured). */
int write_feeds_measured(const struct feed_meta *m, const struct entry_source *src,
			 FILE *atom, FILE *rss, FILE *json, const char **errmsg,
			 struct feed_measure *ms);

#endif
