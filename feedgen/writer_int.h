/*
 * writer_int.h - what the feed writers share (writer.c: Atom and RSS with
 * libxml2's xmlTextWriter; writer_json.c: JSON Feed with jansson).
 */
#ifndef FEEDGEN_WRITER_INT_H
#define FEEDGEN_WRITER_INT_H

#include <libxml/xmlwriter.h>
#include <stdio.h>

#include "buf.h"
#include "writer.h"

struct media_photo;

/* An article's HTML is bounded like the page it came from. */
#define HTML_MAX ((size_t)256 << 20)

struct out {
	xmlTextWriterPtr atom, rss;
	FILE *json;
	struct buf tmp;     /* scratch for cleaned strings */
	int summary_only;
	int failed;
};

/* s cleaned of what XML forbids (JSON Feed wants the same), in o->tmp:
 * valid until the next call; "" and o->failed set when it cannot be */
const xmlChar *writer_clean(struct out *o, const char *s);

/* The JSON Feed document's head, and one item (first: the first) */
void writer_json_head(struct out *o, const struct feed_meta *m);
void writer_json_item(struct out *o, const struct article *a,
		      const char *html, const char *summary,
		      const struct media_photo *ph, const char *source, int first);

#endif
