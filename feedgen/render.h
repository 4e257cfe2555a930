/*
 * render.h - an article body (Markdown) to HTML with md4c, and its summary.
 *
 * The HTML is md4c's, in one pass over the whole body; then each photo
 * caption's paragraph becomes a figure, with its photo (figure.h).
 */
#ifndef FEEDGEN_RENDER_H
#define FEEDGEN_RENDER_H

#include <stddef.h>

#include "buf.h"

/* About how many characters a summary has at most. */
#define SUMMARY_CHARS 140

/* Render body[0..len) as HTML, appended to html.  0, or -1 (ceiling/oom). */
int render_html(const char *body, size_t len, struct buf *html);

/*
 * The summary: the first ordinary paragraph as plain text (not a caption,
 * nor a paragraph of credit lines), else the first caption's (a photo
 * alone), cut at about max characters on a character boundary, preferring
 * the end of a sentence (。！？).  Appended to out.  0 or -1.
 */
int render_summary(const char *body, size_t len, size_t max, struct buf *out);

/* Cut plain UTF-8 text s[0..n) as render_summary does; exposed for tests. */
int summary_cut(const char *s, size_t n, size_t max, struct buf *out);

#endif
