/*
 * body.h - an article's body from its lines on the page (body.c): text
 * paragraphs kept, bylines taken out as authors, photo credits kept in
 * sight and named, an agency's dateline kept and its agency named as the
 * article's source; and that source as the writers read it.
 */
#ifndef FEEDGEN_BODY_H
#define FEEDGEN_BODY_H

#include <stddef.h>

#include "article.h"
#include "diag.h"

/*
 * Build a->body from text[start..end) (text is the whole page, for the
 * lines of diagnostics), and a->authors, a->contributors,
 * a->photo_credits, a->source.  A byline without a name is a warning
 * (byline-empty) in dl, and leaves the body.  0, or -1 (no memory).
 */
int body_build(struct article *a, const char *text, size_t start,
	       size_t end, struct diag_list *dl);

/* The lines of a page, for the splitter: the next line of text[0..len)
 * from *pos (1, 0 at the end); a line of nothing but white space
 * (U+3000 too); a string with the white space at its ends left out. */
int text_next_line(const char *text, size_t len, size_t *pos,
		   const char **line, size_t *n);
int text_blank(const char *l, size_t n);
void text_trim(const char **s, size_t *n);

/* In a->photo_credits, a line naming an agency (not a person) starts with
 * this mark; names are Han characters and never do. */
#define CREDIT_AGENCY_MARK '@'

/* The article's source (an agency) added to its extra, the JSON object
 * the state keeps for the writers ({"source": NAME}).  0, -1 (no memory). */
int body_extra_source(char **extra, const char *source);
/* The source an extra names, malloc'd; NULL when none (or no memory). */
char *body_source_of(const char *extra);

#endif
