/*
 * xml.h - the XML parse: libxml2's SAX2 push parser (xml_sax.c) feeding
 * the element engine (xml.c); positions in xml_pos.c, libxml2's errors
 * in xml_error.c.  For check.c.  Internal to validate/.
 */
#ifndef FEED_XML_H
#define FEED_XML_H

#include <stddef.h>

#include <libxml/xmlerror.h>

#include "doc.h"
#include "names.h"
#include "vocab.h"

/*
 * Parse fc->bytes, which are UTF-8, and check every element against the
 * vocabularies of fc->index; the findings go to fc->r.  0, or -1 when
 * memory ran out or libxml2 could not start.  fc_xml_init() first.
 */
int fc_xml_parse(struct fc *fc);
/* libxml2 set up for every thread: its parser, and an external entity
 * loader that refuses everything.  Once, before any thread parses. */
void fc_xml_init(void);

/*
 * The vocabularies as the engine reads them: their rows by parent context
 * (at most FC_XML_ROWS_PER_CTX each; tests/unit/test_podcast.c checks
 * that none is left out), the rows a context requires (min > 0), and
 * their hooks by family of document (struct fc.family: none yet, 'r',
 * 'd', 'a'): the first round's in the registry's order, then the late
 * round's, each with the place of its vocabulary in the registry, whose
 * state (fc->vstate) it is given.  Built once from a registry (a
 * NULL-ended list of at most FC_MAX_VOCABS descriptors) and constant
 * after, so every thread reads it as it checks.
 */
#define FC_XML_ROWS_PER_CTX 320
#define FC_XML_HOOKS 64
#define FC_XML_FAMILIES 4
struct fc_xml_hook {
	fc_hook_fn fn;
	uint64_t ns;               /* its vocabulary's namespaces (0: all) */
	unsigned char vocab;       /* its vocabulary's place in the registry */
};
struct fc_xml_hooks {
	struct fc_xml_hook start[FC_XML_HOOKS], end[FC_XML_HOOKS],
			   foreign[FC_XML_HOOKS];
	unsigned char nstart, nend, nforeign;
};
struct fc_xml_index {
	const struct elrule *rows[CX_COUNT][FC_XML_ROWS_PER_CTX];
	unsigned short nrows[CX_COUNT];
	const struct elrule *req[CX_COUNT][FC_XML_ROWS_PER_CTX];
	unsigned short nreq[CX_COUNT];
	struct fc_xml_hooks by_family[FC_XML_FAMILIES];
};
void fc_xml_index_build(struct fc_xml_index *x,
			const struct fc_vocab *const *vocabs);
/* For the tests: the rows x holds for parent context ctx, and the rows of
 * the tables that apply there (the two differ when a context has more
 * rows than the index keeps). */
size_t fc_xml_rows_indexed(const struct fc_xml_index *x, int ctx);
size_t fc_xml_rows_wanted(const struct fc_vocab *const *vocabs, int ctx);

/*
 * The element engine (xml.c), driven by the parse (xml_sax.c).  Names
 * are the parser's (its dictionary's) and must live until
 * fc_xml_release().
 *
 * fc_xml_open pushes the frame of a start tag whose end is at (line,
 * col), byte offset end ((size_t)-1 when unknown): 0 and *out, 1 when it is nested deeper than fc->max_depth (a
 * finding; the parse should stop), -1 when memory ran out.  Its
 * attributes follow (fc_xml_attr takes value, which is malloc'ed), then
 * fc_xml_opened, which checks the element and calls the vocabularies.
 */
int fc_xml_open(struct fc *fc, const char *local, const char *qname,
		const char *nsuri, long line, long col, size_t end,
		struct frame **out);
int fc_xml_attr(struct fc *fc, struct frame *f, const char *local,
		const char *nsuri, char *value);
void fc_xml_opened(struct fc *fc, struct frame *f);
/* A namespace the document declares (fc->ns_declared). */
void fc_xml_declared(struct fc *fc, const char *uri);
/* Text of the current element (characters, CDATA, white space). */
void fc_xml_text(struct fc *fc, const char *s, size_t n);
/* The end tag of the current element: its text and children checked. */
void fc_xml_close(struct fc *fc);
/*
 * A reference to entity name (n bytes) at (line, col), in an element's
 * text (in_text: its replacement text joins the text) or in an attribute
 * value; -1 when the references so far expand past the bound (a finding;
 * the parse should stop).
 */
int fc_xml_entity(struct fc *fc, const char *name, size_t n, long line,
		  long col, int in_text);
/* The end of a parse: the frames' memory goes. */
void fc_xml_release(struct fc *fc);

/*
 * Column of the '<' of the start tag named qname on line `line` (pline,
 * pcol: libxml2's parse position, the fallback); *at its byte offset, or
 * -1.  The cursor in fc only moves forward: tags in document order.
 */
long fc_xml_locate(struct fc *fc, long line, long pline, long pcol,
		   const char *qname, long long *at);
/* The same from the end of the start tag: its byte offset end (the
 * parse position, (size_t)-1 when unknown), line and column; *tag_line
 * is the line of its '<'. */
long fc_xml_locate_end(struct fc *fc, size_t end, long line, long col,
		       const char *qname, long *tag_line, long long *at);
/* Move the cursor to byte offset upto, which the parse has gone past. */
void fc_xml_advance(struct fc *fc, size_t upto);
/* Byte offset of (line, col) at or past the cursor; -1 when unknown. */
long long fc_xml_byte_offset(struct fc *fc, long line, long col);

/* libxml2's structured error handler: arg is the struct fc. */
void fc_xml_error(void *arg, xmlErrorPtr e);

#endif
