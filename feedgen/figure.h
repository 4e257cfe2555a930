/*
 * figure.h - a page's photo captions as figures, in md4c's HTML.
 *
 * A caption is a paragraph that starts with the caption mark (article.h's
 * CAPTION_MARK).  md4c renders it as it renders any paragraph; here each
 * such paragraph of the body becomes <figure><figcaption>, without the mark
 * and the blanks after it, and a paragraph just before it that holds only
 * an image (or a linked image) is its photo: it goes into the figure,
 * before the caption.  A paragraph that md4c read as part of a list, a
 * quote or code is left as Markdown made it.
 *
 * This is the one place that builds a figure.  It reads md4c's XHTML, not
 * HTML at large: md4c escapes every '<', '>' and '"' of text and attribute
 * values, closes every element it opens and ends each void element with
 * "/>", so a tag runs from a '<' to the next '>' and the body's blocks are
 * what lies at nesting depth 0.  (Reading the HTML back with libxml2 to
 * build the figures there costs 15% of a first run: bench/README.md.)
 */
#ifndef FEEDGEN_FIGURE_H
#define FEEDGEN_FIGURE_H

#include <stddef.h>

#include "buf.h"

/*
 * The figures of html[from..), which md4c wrote, built in place.  The
 * number built; 0 also when the text is not md4c's (a tag left open),
 * which is then left as it is; -1 when memory ran out or html's ceiling
 * was reached.
 */
int figure_build(struct buf *html, size_t from);

#endif
