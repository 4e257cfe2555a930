/*
 * frontmatter.h - the YAML block at the top of a page, read with libyaml.
 *
 * A page may start with "---" on its first line, a YAML mapping of the
 * keys feedgen(5) lists, and "---" (or "...") alone on a line.  What the
 * keys say is kept here for article_split() (article.c); what they mean for
 * an entry is decided there and in page_read.c.
 */
#ifndef FEEDGEN_FRONTMATTER_H
#define FEEDGEN_FRONTMATTER_H

#include <stddef.h>

#include "article.h"
#include "diag.h"

/* Where a value stands in the page (1-based; 0 when it has none). */
struct fm_where {
	long line, col;
};

struct front_matter {
	int present;            /* the page has a block */
	char *title;            /* each owned; NULL when not given */
	char *id;
	char *url;
	char *date;             /* as written, a YAML timestamp made RFC 3339 */
	char *summary;
	char *image;
	char *lang;             /* a BCP 47 tag (checked) */
	struct fm_where title_at, id_at, url_at, date_at, summary_at, image_at,
			lang_at;
	struct strlist authors;
	struct strlist sections;
};

void fm_release(struct front_matter *fm);

/*
 * Read the front matter at the top of text[0..len) into fm.  Returns the
 * offset of what follows the block (0 when the page has none), or -1 when
 * the block is never closed or is not YAML, or not a mapping of keys
 * (an error in dl at its line and column).  A key feedgen does not know,
 * or a value of the wrong kind, is a warning naming it; the rest is read.
 */
long fm_parse(const char *file, const char *text, size_t len,
	      struct front_matter *fm, struct diag_list *dl);

#endif
