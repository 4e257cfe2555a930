/*
 * htmltree.c - an article's HTML as a libxml2 tree, read and written back
 * (htmltree.h).
 */
#include "htmltree.h"

#include <libxml/xmlsave.h>
#include <limits.h>
#include <string.h>

#include "ascii.h"

htmlDocPtr htmltree_read(const struct buf *html, xmlNodePtr *body)
{
	static const char open_tags[] = "<html><body>", close_tags[] = "</body></html>";
	struct buf doc = BUF_INIT(html->max + 64);
	htmlDocPtr d = NULL;
	xmlNodePtr n;

	*body = NULL;
	if (ft_buf_adds(&doc, open_tags) < 0 ||
	    ft_buf_add(&doc, html->data ? html->data : "", html->len) < 0 ||
	    ft_buf_adds(&doc, close_tags) < 0 || doc.len > INT_MAX)
		goto done;
	d = htmlReadMemory(doc.data, (int)doc.len, NULL, "UTF-8",
			   HTML_PARSE_NONET | HTML_PARSE_NOERROR |
			   HTML_PARSE_NOWARNING | HTML_PARSE_NODEFDTD);
	n = d ? xmlDocGetRootElement(d) : NULL;
	for (n = n ? n->children : NULL; n && !htmltree_is(n, "body"); n = n->next)
		;
	if (!n) {
		if (d)
			xmlFreeDoc(d);
		d = NULL;
	}
	*body = n;
done:
	ft_buf_release(&doc);
	return d;
}

int htmltree_write(xmlNodePtr body, struct buf *html)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlSaveCtxtPtr s = b ? xmlSaveToBuffer(b, "UTF-8",
					       XML_SAVE_XHTML | XML_SAVE_NO_DECL) : NULL;
	xmlNodePtr c;
	int r = -1;

	if (!s)
		goto done;
	for (c = body->children; c; c = c->next)
		if (xmlSaveTree(s, c) < 0)
			goto done;
	if (xmlSaveClose(s) < 0) {
		s = NULL;
		goto done;
	}
	s = NULL;
	ft_buf_reset(html);
	r = ft_buf_add(html, (const char *)xmlBufferContent(b),
		       (size_t)xmlBufferLength(b));
done:
	if (s)
		xmlSaveClose(s);
	if (b)
		xmlBufferFree(b);
	return r;
}

int htmltree_is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

int htmltree_blank(xmlNodePtr n)
{
	const xmlChar *p;

	if (!n || n->type != XML_TEXT_NODE)
		return 0;
	for (p = n->content; p && *p; p++)
		if (!IS_SPACE(*p))
			return 0;
	return 1;
}

xmlNodePtr htmltree_next(xmlNodePtr n, xmlNodePtr top, int into)
{
	if (into && n->type == XML_ELEMENT_NODE && n->children)
		return n->children;
	while (n && n != top) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}
