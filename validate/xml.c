/*
 * xml.c - the streaming XML engine: the xmlTextReader loop, the stack of
 * frames it pushes and pops, the rule lookup (the vocabularies' tables,
 * indexed by parent context), the root element that decides the format,
 * and the vocabularies' handlers, reached through the registry
 * (fc_vocabs[], vocab.c) only.  Calls doc.c, vocab.c, xml_pos.c,
 * xml_error.c, value.c (fc_check_value) and libxml2.
 *
 * The XML is read with libxml2's xmlTextReader, one node at a time, with
 * no network (XML_PARSE_NONET), no entity substitution (no XML_PARSE_NOENT)
 * and no DTD loading; an external entity loader that refuses everything is
 * installed for the duration of a parse.  Only the path from the root to
 * the current element is kept (struct frame), so memory stays flat
 * whatever the size of the feed.
 */
#include "xml.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include "ascii.h"
#include "value.h"
#include "vocab.h"

/* bytes the parse goes on between two fc_options.consumed calls */
#define CONSUMED_STEP ((size_t)1 << 20)

static int count_kid(struct frame *p, const struct elrule *r)
{
	size_t i;

	for (i = 0; i < p->nkids; i++)
		if (p->kids[i].ns == r->ns && p->kids[i].name == r->name)
			return (int)(p->kids[i].n < 1000 ? ++p->kids[i].n
							: p->kids[i].n);
	if (p->nkids == p->akids) {
		size_t na = p->akids ? p->akids * 2 : 8;
		struct kidcount *nk = realloc(p->kids, na * sizeof(*nk));
		if (!nk)
			return 1;
		p->kids = nk;
		p->akids = na;
	}
	p->kids[p->nkids].ns = r->ns;
	p->kids[p->nkids].name = r->name;
	p->kids[p->nkids].n = 1;
	p->nkids++;
	return 1;
}

/*
 * The rows of the tables that apply to each parent context, built once:
 * the tables are constant, so the index is too.
 */
#define MAX_ROWS_PER_CTX 320
static const struct elrule *ctx_rows[CX_COUNT][MAX_ROWS_PER_CTX];
static unsigned short ctx_nrows[CX_COUNT];
static int ctx_indexed;

void fc_xml_index_rules(void)
{
	size_t t, c;
	const struct elrule *r;

	if (ctx_indexed)
		return;
	for (t = 0; fc_vocabs[t]; t++)
		for (r = fc_vocabs[t]->rules; r && r->name; r++)
			for (c = 0; c < CX_COUNT; c++)
				if ((r->parents & BIT(c)) &&
				    ctx_nrows[c] < MAX_ROWS_PER_CTX)
					ctx_rows[c][ctx_nrows[c]++] = r;
	ctx_indexed = 1;
}

size_t fc_xml_rows_indexed(int ctx)
{
	fc_xml_index_rules();
	return ctx >= 0 && ctx < CX_COUNT ? ctx_nrows[ctx] : 0;
}

size_t fc_xml_rows_wanted(int ctx)
{
	size_t t, n = 0;
	const struct elrule *r;

	for (t = 0; fc_vocabs[t]; t++)
		for (r = fc_vocabs[t]->rules; r && r->name; r++)
			if (ctx >= 0 && ctx < CX_COUNT && (r->parents & BIT(ctx)))
				n++;
	return n;
}

static const struct elrule *lookup(int pctx, int ns, const char *name)
{
	size_t i;
	const struct elrule *r;

	for (i = 0; i < ctx_nrows[pctx]; i++) {
		r = ctx_rows[pctx][i];
		if (r->ns == ns && r->name[0] == name[0] && !strcmp(r->name, name))
			return r;
	}
	return NULL;
}

/* The namespace whose unknown elements are errors in a context. */
static int core_ns(struct fc *fc, int ctx)
{
	switch (ctx) {
	case CX_FEED: case CX_ENTRY: case CX_ASOURCE: case CX_PERSON:
	case CX_ALINK: case CX_ACAT: case CX_GENERATOR: case CX_TEXT:
	case CX_CONTENT:
		return NS_ATOM;
	case CX_RDF: case CX_RCHANNEL: case CX_RITEM: case CX_RIMAGE:
	case CX_RTEXTINPUT: case CX_RITEMS:
		return fc->fmt == FC_FORMAT_RSS090 ? NS_RSS090 : NS_RSS10;
	case CX_LEAF: case CX_OPAQUE: case CX_NONE:
		return -1;
	default:
		return fc->family == 'a' ? NS_ATOM :
		       fc->family == 'd' ? NS_RSS10 : NS_NONE;
	}
}

/* Whether vocabulary v serves the document (its family, struct fc). */
static int serves(const struct fc_vocab *v, const struct fc *fc)
{
	return !v->family || (fc->family && strchr(v->family, fc->family));
}

/* The vocabularies' handlers, in the registry's order (vocab.c). */
static void dispatch_start(struct fc *fc, struct frame *f)
{
	size_t i;

	for (i = 0; fc_vocabs[i]; i++)
		if (fc_vocabs[i]->start && serves(fc_vocabs[i], fc))
			fc_vocabs[i]->start(fc, f);
}

static void dispatch_foreign(struct fc *fc, struct frame *f)
{
	size_t i;

	for (i = 0; fc_vocabs[i]; i++)
		if (fc_vocabs[i]->foreign && serves(fc_vocabs[i], fc))
			fc_vocabs[i]->foreign(fc, f);
}

static void dispatch_end(struct fc *fc, struct frame *f)
{
	size_t i;

	for (i = 0; fc_vocabs[i]; i++)
		if (fc_vocabs[i]->end && serves(fc_vocabs[i], fc))
			fc_vocabs[i]->end(fc, f);
}

/* The root element decides the format. */
static void root_start(struct fc *fc, struct frame *f)
{
	const char *v;

	if (f->ns == NS_NONE && !strcmp(f->local, "rss")) {
		fc->family = 'r';
		f->ctx = CX_RSS;
		v = fc_attr(f, NS_NONE, "version");
		fc->fmt = FC_FORMAT_RSS20;
		if (v && (!strcmp(v, "0.91") || !strcmp(v, "0.9")))
			fc->fmt = FC_FORMAT_RSS091;
		else if (v && (!strcmp(v, "0.92") || !strcmp(v, "0.93") ||
			       !strcmp(v, "0.94")))
			fc->fmt = FC_FORMAT_RSS092;
		if (v)
			fc->r->version = strdup(v);
	} else if (f->ns == NS_RDF && !strcmp(f->local, "RDF")) {
		fc->family = 'd';
		f->ctx = CX_RDF;
		fc->fmt = FC_FORMAT_RSS10;
		fc->r->version = strdup("1.0");
	} else if (f->ns == NS_ATOM && (!strcmp(f->local, "feed") ||
					!strcmp(f->local, "entry"))) {
		fc->family = 'a';
		fc->fmt = FC_FORMAT_ATOM10;
		f->ctx = f->local[0] == 'f' ? CX_FEED : CX_ENTRY;
		fc->r->version = strdup("1.0");
	} else if (f->ns == NS_ATOM03 && !strcmp(f->local, "feed")) {
		fc->fmt = FC_FORMAT_ATOM03;
		fc->r->version = strdup("0.3");
		f->ctx = CX_OPAQUE;
		f->opaque = 1;
		fc_report_at(fc, f, "atom03-obsolete",
			     "the Atom 0.3 namespace is obsolete: use Atom 1.0 "
			     "(RFC 4287)");
		return;
	} else if (f->ns == NS_NONE && (!strcmp(f->local, "feed") ||
					!strcmp(f->local, "entry"))) {
		/* RFC 4287 §2: Atom elements are in the Atom namespace */
		fc_report_at(fc, f, "atom-missing-namespace",
			     "'%s' is not in the Atom namespace "
			     "'http://www.w3.org/2005/Atom'", f->local);
		fc->atom_nons = 1;
		f->ns = NS_ATOM;
		fc->family = 'a';
		fc->fmt = FC_FORMAT_ATOM10;
		f->ctx = f->local[0] == 'f' ? CX_FEED : CX_ENTRY;
	} else {
		fc_report_at(fc, f, "not-a-feed",
			     "root element '%s' is not rss, rdf:RDF or an Atom "
			     "feed: this is not a feed", f->qname);
		f->ctx = CX_OPAQUE;
		f->opaque = 1;
		return;
	}
	dispatch_start(fc, f);
}

static char *xdup(const xmlChar *s)
{
	return strdup(s ? (const char *)s : "");
}

/* names come from the parser's dictionary and live as long as the reader */
static const char *dictname(const xmlChar *s)
{
	return s ? (const char *)s : "";
}

static int el_start(struct fc *fc, xmlTextReaderPtr rd)
{
	struct frame *f, *p;
	const xmlChar *nsuri = xmlTextReaderConstNamespaceUri(rd);
	long pline = xmlTextReaderGetParserLineNumber(rd);
	long pcol = xmlTextReaderGetParserColumnNumber(rd);
	xmlNodePtr node = xmlTextReaderCurrentNode(rd);
	const struct elrule *r;
	size_t na = 0;

	if (fc->depth >= fc->max_depth) {
		fc_report(fc, "validator-limit", pline, pcol,
			  "elements nested deeper than %u levels (feedcheck's "
			  "--max-depth raises the limit)", fc->max_depth);
		return -1;
	}
	if (fc->depth == fc->alloc) {
		size_t n = fc->alloc ? fc->alloc * 2 : 32;
		struct frame *ns = realloc(fc->st, n * sizeof(*ns));
		if (!ns)
			return -1;
		memset(ns + fc->alloc, 0, (n - fc->alloc) * sizeof(*ns));
		fc->st = ns;
		fc->alloc = n;
	}
	f = &fc->st[fc->depth];
	p = fc->depth ? &fc->st[fc->depth - 1] : NULL;
	fc->depth++;
	if (!f->text.max)
		ft_buf_init(&f->text, fc->max_text);
	f->local = dictname(xmlTextReaderConstLocalName(rd));
	f->qname = dictname(xmlTextReaderConstName(rd));
	f->nsuri = nsuri ? dictname(nsuri) : NULL;
	{
		int near;
		f->ns = (unsigned char)fc_ns_ex(fc, f->nsuri, &near);
		f->near_miss = (unsigned char)near;
	}
	f->line = node ? xmlGetLineNo(node) : pline;
	if (f->line <= 0)
		f->line = pline;
	f->col = fc_xml_locate(fc, f->line, pline, pcol, f->qname, &f->off);

	/* attributes, namespace declarations aside */
	if (xmlTextReaderHasAttributes(rd)) {
		int n = xmlTextReaderAttributeCount(rd);
		if (n > 0 && (size_t)n > f->aattrs) {
			struct fc_attr *nv = realloc(f->attrs,
						     (size_t)n * sizeof(*nv));
			if (!nv)
				return -1;
			f->attrs = nv;
			f->aattrs = (size_t)n;
		}
		while (n > 0 && xmlTextReaderMoveToNextAttribute(rd) == 1 &&
		       na < (size_t)n) {
			struct fc_attr *a = &f->attrs[na];
			const xmlChar *au = xmlTextReaderConstNamespaceUri(rd);
			memset(a, 0, sizeof(*a));
			if (xmlTextReaderIsNamespaceDecl(rd)) {
				/* the namespaces the document declares, for the
				 * vocabularies that apply to a whole document
				 * (a podcast: fc_podcast) */
				const xmlChar *u = xmlTextReaderConstValue(rd);
				int dn = fc_ns(fc, u ? (const char *)u : NULL);
				fc->ns_declared |= BIT(dn);
				continue;
			}
			a->nsuri = au ? dictname(au) : NULL;
			a->local = dictname(xmlTextReaderConstLocalName(rd));
			a->value = xdup(xmlTextReaderConstValue(rd));
			if (!a->value)
				return -1;
			/* unprefixed attributes are in no namespace */
			a->ns = au ? (unsigned char)fc_ns(fc, a->nsuri) : NS_NONE;
			na++;
			f->nattrs = na;
		}
		xmlTextReaderMoveToElement(rd);
	}
	{
		const char *b = fc_attr(f, NS_XML, "base");
		if (b)
			f->base = strdup(b);
		else if (p && p->base)
			f->base = strdup(p->base);
	}

	if (!p) {
		root_start(fc, f);
		return 0;
	}
	p->nelem++;
	if (p->opaque) {
		f->opaque = 1;
		f->ctx = CX_OPAQUE;
		f->xhtml = p->xhtml;
		if (p->xhtml)
			dispatch_start(fc, f);
		else
			dispatch_foreign(fc, f);
		return 0;
	}
	if (f->ns == NS_RSS090 && fc->family == 'd') {
		/* RSS 0.90 has the RSS 1.0 vocabulary's core */
		fc->fmt = FC_FORMAT_RSS090;
		f->ns = NS_RSS10;
		free(fc->r->version);
		fc->r->version = strdup("0.90");
	}
	if (f->ns == NS_MEDIA_OLD) {
		fc_report_at(fc, f, "media-namespace",
			     "Media RSS namespace is "
			     "'http://search.yahoo.com/mrss/', with the slash");
		f->ns = NS_MEDIA;
	}
	r = lookup(p->ctx, f->ns, f->local);
	if (r) {
		int n = count_kid(p, r);
		f->rule = r;
		f->ctx = r->ctx;
		f->vt = r->vt;
		if (r->max == 1 && n == 2)
			fc_report_at(fc, f, "duplicate-element",
				     "'%s' contains more than one '%s'",
				     p->qname, f->qname);
		else if (r->max && n == r->max + 1)
			fc_report_at(fc, f, "duplicate-element",
				     "'%s' contains more than %d '%s' elements",
				     p->qname, r->max, f->qname);
		if (f->ctx == CX_OPAQUE)
			f->opaque = 1;
	} else {
		int core = core_ns(fc, p->ctx);
		f->ctx = CX_OPAQUE;
		f->opaque = 1;
		int leafcore = fc->family == 'a' ? NS_ATOM :
			       fc->family == 'd' ? NS_RSS10 : NS_NONE;
		if (f->ns == core || (p->ctx == CX_LEAF && f->ns == leafcore) ||
		    (fc_ns_known(f->ns) && !(f->ns == NS_ATOM && fc->family != 'a')))
			fc_report_at(fc, f, "undefined-element",
				     "undefined '%s' element: '%s'", p->qname,
				     f->qname);
	}
	dispatch_start(fc, f);
	return 0;
}

static int ws_only(const char *s)
{
	for (; *s; s++)
		if (!IS_SPACE(*s))
			return 0;
	return 1;
}

static void check_missing(struct fc *fc, struct frame *f)
{
	size_t i;
	const struct elrule *r;

	for (i = 0; i < ctx_nrows[f->ctx]; i++) {
		r = ctx_rows[f->ctx][i];
		if (r->min && fc_kids(f, r->ns, r->name) < r->min)
			fc_report_at(fc, f, "missing-element",
				     "missing '%s' element: '%s'", f->qname,
				     r->name);
	}
}

static void el_end(struct fc *fc)
{
	struct frame *f = &fc->st[fc->depth - 1];

	if (!f->opaque && f->ctx != CX_NONE) {
		const char *text = f->text.data ? f->text.data : "";
		if (f->overflow)
			fc_report_at(fc, f, "validator-limit",
				     "text of '%s' longer than %zu bytes; "
				     "the rest was not checked", f->qname,
				     fc->max_text);
		if (f->vt == VT_NONE) {
			if (!ws_only(text))
				fc_report_at(fc, f, "unexpected-text",
					     "unexpected text in '%s'",
					     f->qname);
		} else {
			fc_check_value(fc, f, f->vt, text);
		}
		check_missing(fc, f);
	}
	dispatch_end(fc, f);
	fc_frame_clear(f);
	fc->depth--;
}

static void add_text(struct fc *fc, xmlTextReaderPtr rd)
{
	struct frame *f;
	const xmlChar *v;

	if (!fc->depth)
		return;
	f = &fc->st[fc->depth - 1];
	if (f->opaque && !f->xhtml && !f->keep_text)
		return;
	v = xmlTextReaderConstValue(rd);
	if (!v || f->overflow)
		return;
	if (ft_buf_adds(&f->text, (const char *)v) < 0)
		f->overflow = 1;
}

static xmlParserInputPtr refuse_entity(const char *url, const char *id,
				       xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

/* set by fc_init, before any thread checks: the refusing loader is then
 * installed for good, and fc_check leaves it alone */
static int loader_for_good;

void fc_init(void)
{
	fc_xml_index_rules();
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_entity);
	loader_for_good = 1;
}

/* ---- the parse ---- */

#define LIBXML_MAX_DEPTH 256u                 /* xmlParserMaxDepth */
#define LIBXML_MAX_TEXT_NODE ((size_t)10000000) /* XML_MAX_TEXT_LENGTH */

/*
 * A reference to an internal entity: what it expands to is added up
 * (doctype.c measured each), and past a bound the document is refused, as
 * libxml2 and expat do for the readers that substitute entities: a 60 KB
 * entity used 60,000 times is 3.6 GB (the quadratic blowup).  The bound
 * is 1 MB and ten times the document.  -1 when it was passed.
 */
static int entity_expansion(struct fc *fc, xmlTextReaderPtr rd)
{
	const char *name = (const char *)xmlTextReaderConstLocalName(rd);
	unsigned long long bound = 10ULL * fc->len + (1ULL << 20);
	size_t i, n;

	if (!name || !fc->nentsz)
		return 0;
	n = strlen(name);
	for (i = 0; i < fc->nentsz; i++)
		if (fc->entsz[i].nlen == n && !memcmp(fc->entsz[i].name, name, n))
			break;
	if (i == fc->nentsz)
		return 0;
	fc->expanded += fc->entsz[i].size;
	if (fc->expanded <= bound) {
		/* the element's text holds the replacement text (as declared:
		 * references inside it stay as written), so that it is not
		 * empty to the checks of its value */
		struct frame *f = fc->depth ? &fc->st[fc->depth - 1] : NULL;
		if (f && fc->entsz[i].val && !f->overflow &&
		    (!f->opaque || f->xhtml || f->keep_text) &&
		    ft_buf_add(&f->text, fc->entsz[i].val, fc->entsz[i].vlen) < 0)
			f->overflow = 1;
		return 0;
	}
	fc_report(fc, "xml-entity-expansion", xmlTextReaderGetParserLineNumber(rd),
		  xmlTextReaderGetParserColumnNumber(rd),
		  "entity references expand to more than %llu bytes (ten times "
		  "the document and 1 MB); the rest was not parsed", bound);
	return -1;
}

/*
 * Parse fc->bytes, which are UTF-8 (the charset module decided so, or
 * decoded them): libxml2 is told so and ignores the declaration's label,
 * which the charset module has already judged (RFC 7303 §3.2).
 */
static void quiet_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int fc_xml_parse(struct fc *fc)
{
	xmlTextReaderPtr rd;
	xmlExternalEntityLoader old;
	xmlGenericErrorFunc old_generic;
	void *old_generic_ctx;
	int ret, rc = 0, root_seen = 0;
	size_t told = 0;     /* col_off at the last fc_options.consumed call */

	old = xmlGetExternalEntityLoader();
	if (!loader_for_good)
		xmlSetExternalEntityLoader(refuse_entity);
	/* some of libxml2's I/O-layer messages (an encoder error) go to the
	 * generic error handler, which prints to stderr: a library must not */
	old_generic = xmlGenericError;
	old_generic_ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, quiet_generic);
	/*
	 * libxml2 nests at most 256 elements and reads at most 10,000,000
	 * bytes in one text node or tag unless told XML_PARSE_HUGE; asked for
	 * more (--max-depth, --max-text), feedcheck's own bounds answer
	 * instead (the depth here, the text in el_end, the document's size).
	 */
	rd = xmlReaderForMemory((const char *)fc->bytes, (int)fc->len,
				fc->t ? fc->t->url : NULL, "UTF-8",
				XML_PARSE_NONET | XML_PARSE_COMPACT |
				XML_PARSE_BIG_LINES | XML_PARSE_IGNORE_ENC |
				(fc->max_depth > LIBXML_MAX_DEPTH ||
				 fc->max_text > LIBXML_MAX_TEXT_NODE ? XML_PARSE_HUGE : 0));
	if (!rd) {
		if (!loader_for_good)
			xmlSetExternalEntityLoader(old);
		xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
		return -1;
	}
	xmlTextReaderSetStructuredErrorHandler(rd, fc_xml_error, fc);
	while ((ret = xmlTextReaderRead(rd)) == 1) {
		int type = xmlTextReaderNodeType(rd);
		if (fc->o->consumed && fc->col_off >= told + CONSUMED_STEP) {
			/*
			 * What libxml2 has been given is behind it for good; of
			 * the rest, fc_xml_locate() and fc_xml_byte_offset()
			 * count columns from the last start tag found (col_off),
			 * never from further back, so a document on one line is
			 * released as it goes (a text node between two tags is at
			 * most 10 MB).
			 */
			long c = xmlTextReaderByteConsumed(rd);
			size_t upto = c > 0 ? (size_t)c : 0;
			if (upto > fc->col_off)
				upto = fc->col_off;
			told = fc->col_off;
			fc->o->consumed(fc->o->consumed_arg, upto);
		}
		switch (type) {
		case XML_READER_TYPE_ELEMENT:
			root_seen = 1;
			if (el_start(fc, rd) < 0) {
				rc = fc->depth >= fc->max_depth ? 0 : -1;
				goto done;
			}
			if (xmlTextReaderIsEmptyElement(rd))
				el_end(fc);
			break;
		case XML_READER_TYPE_END_ELEMENT:
			if (fc->depth)
				el_end(fc);
			break;
		case XML_READER_TYPE_ENTITY_REFERENCE:
			if (entity_expansion(fc, rd) < 0)
				goto done;
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_WHITESPACE:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
			add_text(fc, rd);
			break;
		default:
			break;
		}
	}
	if (ret < 0 && !fc->fatal_seen)
		fc_report(fc, "xml-not-well-formed",
			  xmlTextReaderGetParserLineNumber(rd),
			  xmlTextReaderGetParserColumnNumber(rd),
			  "the document is not well-formed XML");
	if (!root_seen && !fc->fatal_seen && ret >= 0)
		fc_report(fc, "xml-not-well-formed", 1, 1,
			  "the document has no root element");
done:
	{
		size_t k;
		for (k = 0; k < fc->alloc; k++)
			fc_frame_release(&fc->st[k]);
		fc->depth = 0;
	}
	xmlFreeTextReader(rd);
	if (!loader_for_good)
		xmlSetExternalEntityLoader(old);
	xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
	return rc;
}
