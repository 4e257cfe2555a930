/*
 * htmltree.h - an article's HTML (as md4c wrote it) as a libxml2 tree:
 * read with libxml2's HTML parser, walked, and written back as XHTML.
 *
 * The fragment is read as the body of a document, so that its blocks stay
 * siblings; what is written back is that body's children.
 */
#ifndef FEEDGEN_HTMLTREE_H
#define FEEDGEN_HTMLTREE_H

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "buf.h"

/* html read as a tree: the document (the caller frees it with xmlFreeDoc)
 * and its body in *body; NULL when memory ran out. */
htmlDocPtr htmltree_read(const struct buf *html, xmlNodePtr *body);

/* The children of body as XHTML, replacing html's text.  0, or -1 (no
 * memory, or past html's ceiling). */
int htmltree_write(xmlNodePtr body, struct buf *html);

/* Is n the element name? */
int htmltree_is(xmlNodePtr n, const char *name);

/* Is n a text node of white space only? */
int htmltree_blank(xmlNodePtr n);

/* The node after n in document order under top: its first child when into
 * and it has one, else its next sibling or an ancestor's; NULL at the end. */
xmlNodePtr htmltree_next(xmlNodePtr n, xmlNodePtr top, int into);

#endif
