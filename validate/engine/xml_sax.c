/*
 * xml_sax.c - the XML parse: libxml2's SAX2 push parser, given fc->bytes
 * 64 KB at a time, its events handed to the element engine (xml.c).
 *
 * No network (XML_PARSE_NONET), no entity substitution (no
 * XML_PARSE_NOENT), no DTD loading, and an external entity loader that
 * refuses everything.  libxml2 builds no tree: its own SAX2 handlers are
 * kept for the DOCTYPE only (the entities it declares live in the
 * document libxml2 keeps for that); the content's events are ours.  An
 * entity's content, which libxml2 parses with a parser context of its own
 * at each reference, is not read twice: the reference is counted
 * (fc_xml_entity) and its replacement text joins the element's.
 */
#include "xml.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/dict.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

/* what libxml2 is given at a time */
#define CHUNK ((size_t)1 << 16)
/* bytes the parse goes on between two fc_options.consumed calls */
#define CONSUMED_STEP ((size_t)1 << 20)
#define LIBXML_MAX_DEPTH 256u                   /* xmlParserMaxDepth */
#define LIBXML_MAX_TEXT_NODE ((size_t)10000000) /* XML_MAX_TEXT_LENGTH */

struct parse {
	struct fc *fc;
	xmlParserCtxtPtr ctxt;
	int rc;          /* -1: memory ran out */
	int stopped;     /* the engine stopped the parse */
	int root_seen;
	int quiet;       /* decoding a value again: its errors were reported */
	int last;        /* the last chunk was given: libxml2 reads to the end */
	int cut_tag;     /* the document ends inside a start tag */
	size_t bom;      /* bytes of a UTF-8 byte order mark */
};

/* The parse an event belongs to; NULL for an entity's content, which
 * libxml2 parses with another context (its _private is ours too). */
static struct parse *ours(void *ctx)
{
	xmlParserCtxtPtr c = ctx;
	struct parse *p = c ? c->_private : NULL;

	return p && p->ctxt == c && !p->stopped ? p : NULL;
}

static void stop(struct parse *p, int rc)
{
	p->stopped = 1;
	if (rc < 0)
		p->rc = -1;
	xmlStopParser(p->ctxt);
}

static long line_of(xmlParserCtxtPtr c)
{
	return c->input ? c->input->line : 0;
}

static long col_of(xmlParserCtxtPtr c)
{
	return c->input ? c->input->col : 0;
}

/*
 * The byte offset of the parse position in fc->bytes: libxml2 counts what
 * it has read of its UTF-8 (the same bytes, less a byte order mark it
 * dropped); (size_t)-1 when unknown.
 */
static size_t offset_of(struct parse *p)
{
	xmlParserInputPtr in = p->ctxt->input;

	if (!in || !in->cur || !in->base || in->cur < in->base)
		return (size_t)-1;
	return (size_t)in->consumed + (size_t)(in->cur - in->base) + p->bom;
}

/*
 * An attribute's value as libxml2 passes it without entity substitution:
 * every '&' in it starts either "&#38;" (an ampersand the document
 * escaped) or "&name;" (a reference to an entity it declares).  Those are
 * counted against the expansion bound and decoded by libxml2.  The value
 * is malloc'ed; NULL when memory ran out or the bound was passed (*over).
 */
static char *attr_value(struct parse *p, const xmlChar *v, const xmlChar *end,
			int *over)
{
	size_t n = (size_t)(end - v), i;
	char *s = malloc(n + 1);
	xmlChar *d;

	*over = 0;
	if (!s)
		return NULL;
	memcpy(s, v, n);
	s[n] = '\0';
	if (!memchr(s, '&', n))
		return s;
	for (i = 0; i < n; i++) {
		const char *semi;
		if (s[i] != '&' || s[i + 1] == '#')
			continue;
		semi = strchr(s + i + 1, ';');
		if (!semi)
			break;
		if (fc_xml_entity(p->fc, s + i + 1, (size_t)(semi - s - i - 1),
				  line_of(p->ctxt), col_of(p->ctxt), 0) < 0) {
			free(s);
			*over = 1;
			return NULL;
		}
	}
	p->quiet = 1;
	d = xmlStringDecodeEntities(p->ctxt, (const xmlChar *)s,
				    XML_SUBSTITUTE_REF, 0, 0, 0);
	p->quiet = 0;
	if (d) {
		char *t = strdup((const char *)d);
		xmlFree(d);
		free(s);
		return t;
	}
	return s;
}

/* libxml2 has read every byte (the last chunk was given) */
static int at_end(struct parse *p)
{
	size_t pos = offset_of(p);

	return p->last && pos != (size_t)-1 && pos >= p->fc->len;
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
		     const xmlChar *uri, int nns, const xmlChar **ns,
		     int nattrs, int ndefaulted, const xmlChar **attrs)
{
	struct parse *p = ours(ctx);
	struct frame *f;
	const xmlChar *qname;
	int i, r, over;

	if (!p)
		return;
	if (at_end(p) && p->fc->len && p->fc->bytes[p->fc->len - 1] != '>') {
		/* "<lin" and nothing more: libxml2 hands over the start of a
		 * tag the document was cut inside; it is no element (the
		 * error that follows says the document was cut short) */
		p->cut_tag = 1;
		return;
	}
	p->root_seen = 1;
	qname = prefix ? xmlDictQLookup(p->ctxt->dict, prefix, local) : local;
	if (!qname) {
		stop(p, -1);
		return;
	}
	/* a prefix never declared: the name is the whole qualified name, in
	 * no namespace, as in libxml2's own tree */
	if (prefix && !uri)
		local = qname;
	r = fc_xml_open(p->fc, (const char *)local, (const char *)qname,
			(const char *)uri, line_of(p->ctxt), col_of(p->ctxt),
			offset_of(p), &f);
	if (r) {
		stop(p, r);
		return;
	}
	/* the namespaces the document declares, for the vocabularies that
	 * apply to a whole document (a podcast: fc_podcast) */
	for (i = 0; i < nns; i++)
		fc_xml_declared(p->fc, (const char *)ns[2 * i + 1]);
	/* attributes defaulted by the DOCTYPE are left out, as libxml2's own
	 * tree leaves them out without XML_PARSE_DTDATTR */
	for (i = 0; i < nattrs - ndefaulted; i++) {
		const xmlChar **a = attrs + 5 * i;
		const xmlChar *name = a[0];
		char *v = attr_value(p, a[3], a[4], &over);
		if (a[1] && !a[2] &&
		    !(name = xmlDictQLookup(p->ctxt->dict, a[1], a[0])))
			name = a[0];
		if (!v || fc_xml_attr(p->fc, f, (const char *)name,
				      (const char *)a[2], v) < 0) {
			stop(p, over ? 0 : -1);
			return;
		}
	}
	fc_xml_opened(p->fc, f);
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
		   const xmlChar *uri)
{
	struct parse *p = ours(ctx);

	(void)local;
	(void)prefix;
	(void)uri;
	if (p)
		fc_xml_close(p->fc);
}

static void on_text(void *ctx, const xmlChar *s, int n)
{
	struct parse *p = ours(ctx);

	if (p && n > 0)
		fc_xml_text(p->fc, (const char *)s, (size_t)n);
}

static void on_reference(void *ctx, const xmlChar *name)
{
	struct parse *p = ours(ctx);

	if (p && name &&
	    fc_xml_entity(p->fc, (const char *)name, strlen((const char *)name),
			  line_of(p->ctxt), col_of(p->ctxt), 1) < 0)
		stop(p, 0);
}

/* the document's last '<' opens a tag (a comment, a CDATA section) it
 * does not close: its offset plus one, else 0 */
static size_t unfinished_tag(const struct fc *fc)
{
	size_t k = fc->len;

	while (k > 0 && fc->bytes[k - 1] != '<' && fc->bytes[k - 1] != '>')
		k--;
	return k > 0 && fc->bytes[k - 1] == '<' ? k : 0;
}

/*
 * A fatal error at the end of the bytes with the document unfinished
 * (elements still open, a tag cut, no root element yet): it was cut short
 * (a file half written, a transfer that ended early).  libxml2 says what
 * it expected next ("expected '>'", "extra content at the end of the
 * document"); say what happened, and which elements were left open,
 * innermost first.
 */
static int truncated(struct parse *p, xmlErrorPtr e)
{
	struct fc *fc = p->fc;
	char open[512];
	size_t k, n = 0, shown = 0;
	struct diag *d;
	int cut;

	if (e->level != XML_ERR_FATAL || fc->fatal_seen || !p->last ||
	    e->domain == XML_FROM_NAMESPACE)
		return 0;
	if (e->code == XML_ERR_DOCUMENT_END) {
		/* raised when the bytes end in the middle (and for content
		 * after the root element, when none is open) */
		cut = fc->depth || !p->root_seen;
	} else {
		size_t lt = unfinished_tag(fc);
		long long at = fc_xml_byte_offset(fc, e->line, e->int2);
		/* libxml2 has read all, or stumbled inside the tag cut */
		cut = (at_end(p) && (fc->depth || p->cut_tag || lt)) ||
		      (lt && at >= (long long)lt - 1);
	}
	if (!cut)
		return 0;
	open[0] = '\0';
	for (k = fc->depth; k > 0 && shown < 4; k--, shown++) {
		const struct frame *f = &fc->st[k - 1];
		int w = snprintf(open + n, sizeof(open) - n, "%s<%.60s> (line %ld)",
				 n ? ", " : "", f->qname ? f->qname : "?", f->line);
		if (w < 0 || (size_t)w >= sizeof(open) - n)
			break;
		n += (size_t)w;
	}
	fc->fatal_seen = 1;
	if (fc->depth)
		d = fc_report(fc, "xml-truncated", e->line, e->int2,
			      "the document ends before it is complete: %s%s %s "
			      "still open; it was cut short (a file half written, "
			      "or a transfer that ended early)", open,
			      fc->depth > shown ? " and more" : "",
			      fc->depth == 1 ? "is" : "are");
	else
		d = fc_report(fc, "xml-truncated", e->line, e->int2,
			      "the document ends before its root element %s; it "
			      "was cut short (a file half written, or a transfer "
			      "that ended early)", p->root_seen || p->cut_tag ||
			      unfinished_tag(fc) ? "is complete" : "begins");
	if (d)
		d->offset = fc_xml_byte_offset(fc, e->line, e->int2);
	return 1;
}

/* errors come from the entities' contexts too: theirs are ours */
static void on_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr c = ctx;
	struct parse *p = c ? c->_private : NULL;

	if (p && !p->quiet && !(e && p->ctxt == c && truncated(p, e)))
		fc_xml_error(p->fc, e);
}

static xmlParserInputPtr refuse_entity(const char *url, const char *id,
				       xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

/* set by fc_xml_init, before any thread checks: the refusing loader is
 * then installed for good, and fc_check leaves it alone */
static int loader_for_good;

void fc_xml_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_entity);
	loader_for_good = 1;
}

static void quiet_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/*
 * Parse fc->bytes, which are UTF-8 (the charset module decided so, or
 * decoded them): libxml2 is told so and ignores the declaration's label,
 * which the charset module has already judged (RFC 7303 §3.2).
 */
int fc_xml_parse(struct fc *fc)
{
	xmlSAXHandler sax;
	struct parse p;
	xmlParserCtxtPtr ctxt;
	xmlCharEncodingHandlerPtr utf8;
	xmlExternalEntityLoader old;
	xmlGenericErrorFunc old_generic;
	void *old_generic_ctx;
	size_t off, pos, told = 0;   /* the offset at the last consumed call */

	memset(&sax, 0, sizeof(sax));
	xmlSAXVersion(&sax, 2);
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_text;
	sax.ignorableWhitespace = on_text;
	sax.cdataBlock = on_text;
	sax.reference = on_reference;
	sax.comment = NULL;
	sax.processingInstruction = NULL;
	sax.warning = NULL;
	sax.error = NULL;
	sax.serror = on_error;

	old = xmlGetExternalEntityLoader();
	if (!loader_for_good)
		xmlSetExternalEntityLoader(refuse_entity);
	/* some of libxml2's I/O-layer messages (an encoder error) go to the
	 * generic error handler, which prints to stderr: a library must not */
	old_generic = xmlGenericError;
	old_generic_ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, quiet_generic);

	/* the first four bytes tell libxml2 their encoding family, as its
	 * xmlTextReader does; then it is told UTF-8 */
	off = fc->len < 4 ? 0 : 4;
	ctxt = xmlCreatePushParserCtxt(&sax, NULL, (const char *)fc->bytes,
				       (int)off, fc->t ? fc->t->url : NULL);
	if (!ctxt) {
		if (!loader_for_good)
			xmlSetExternalEntityLoader(old);
		xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
		return -1;
	}
	memset(&p, 0, sizeof(p));
	p.fc = fc;
	p.ctxt = ctxt;
	if (fc->len >= 3 && !memcmp(fc->bytes, "\xEF\xBB\xBF", 3))
		p.bom = 3;
	ctxt->_private = &p;
	/*
	 * libxml2 nests at most 256 elements and reads at most 10,000,000
	 * bytes in one text node or tag unless told XML_PARSE_HUGE; asked for
	 * more (--max-depth, --max-text), feedcheck's own bounds answer
	 * instead (the depth in fc_xml_open, the text in fc_xml_close, the
	 * document's size).
	 */
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES |
			  XML_PARSE_IGNORE_ENC |
			  (fc->max_depth > LIBXML_MAX_DEPTH ||
			   fc->max_text > LIBXML_MAX_TEXT_NODE ? XML_PARSE_HUGE : 0));
	/* UTF-8 is libxml2's own: only bytes it took for another encoding
	 * (UTF-16 or UCS-4 by their first four) get the UTF-8 "converter",
	 * which would copy every byte once more */
	if (ctxt->input && ctxt->input->buf && ctxt->input->buf->encoder &&
	    (utf8 = xmlFindCharEncodingHandler("UTF-8")))
		xmlSwitchToEncoding(ctxt, utf8);

	for (;;) {
		size_t n = fc->len - off;
		int last = n <= CHUNK;
		if (!last)
			n = CHUNK;
		p.last = last;
		xmlParseChunk(ctxt, (const char *)fc->bytes + off, (int)n, last);
		off += n;
		if (last || p.stopped || ctxt->disableSAX)
			break;
		pos = offset_of(&p);
		if (fc->o->consumed && pos != (size_t)-1 &&
		    pos >= told + CONSUMED_STEP) {
			/*
			 * What libxml2 has been given is behind it for good, and
			 * positions are counted from the cursor on: the bytes
			 * before the parse position can go, even in the middle of
			 * a text node of a gigabyte.
			 */
			fc_xml_advance(fc, pos);
			told = pos;
			fc->o->consumed(fc->o->consumed_arg, fc->col_off);
		}
	}
	if (!p.stopped && !fc->fatal_seen) {
		if (!ctxt->wellFormed || ctxt->disableSAX)
			fc_report(fc, "xml-not-well-formed", line_of(ctxt),
				  col_of(ctxt),
				  "the document is not well-formed XML");
		else if (!p.root_seen)
			fc_report(fc, "xml-not-well-formed", 1, 1,
				  "the document has no root element");
	}
	fc_xml_release(fc);
	if (ctxt->myDoc)
		xmlFreeDoc(ctxt->myDoc);
	ctxt->myDoc = NULL;
	xmlFreeParserCtxt(ctxt);
	if (!loader_for_good)
		xmlSetExternalEntityLoader(old);
	xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
	return p.rc;
}
