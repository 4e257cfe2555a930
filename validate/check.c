/*
 * check.c - feedcheck's entry point: encoding and XML level, the streaming
 * element engine, and dispatch to the format rules (atom.c, rss.c, ext.c,
 * jsonfeed.c).
 *
 * The XML is read with libxml2's xmlTextReader, one node at a time, with
 * no network (XML_PARSE_NONET), no entity substitution (no XML_PARSE_NOENT)
 * and no DTD loading; an external entity loader that refuses everything is
 * installed for the duration of a parse.  Only the path from the root to
 * the current element is kept (struct frame), so memory stays flat
 * whatever the size of the feed.
 */
#include "vocab.h"
#include "value.h"
#include "idset.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/encoding.h>

#include "ascii.h"
#include "charset.h"
#include "doctype.h"
#include "utf8.h"

#define MAX_TEXT_DEFAULT ((size_t)4 << 20)
#define MAX_DEPTH_DEFAULT 256u
/* bytes the parse goes on between two fc_options.consumed calls */
#define CONSUMED_STEP ((size_t)1 << 20)
/* libxml2's XML_MAX_TEXT_LENGTH (parserInternals.h, whose ctype macros
 * clash with ascii.h): the longest text node without XML_PARSE_HUGE */
#define LIBXML_MAX_TEXT 10000000

/* ---- positions ---- */

/*
 * Move the line cursor to the next line.  The search starts at col_off,
 * not at the start of the line: the bytes between hold no newline, and
 * they may have been released (fc_options.consumed).  -1 at the end.
 */
static int next_line(struct fc *fc)
{
	const char *b = (const char *)fc->bytes;
	const char *nl = memchr(b + fc->col_off, '\n', fc->len - fc->col_off);

	if (!nl)
		return -1;
	fc->line_off = (size_t)(nl - b) + 1;
	fc->line_cur++;
	fc->col_off = fc->line_off;
	fc->col_at = 1;
	return 0;
}

/*
 * Column of the '<' that starts the element named qname on line `line`.
 * Start tags come in document order, so the search runs forward from the
 * end of the previous one: linear in the size of the document, and exact
 * even when a whole feed is on one line.  Only done when the bytes are
 * ASCII-compatible; columns count characters.
 */
static long locate(struct fc *fc, long line, long pline, long pcol,
		   const char *qname, long long *at)
{
	const char *b = (const char *)fc->bytes, *le, *p;
	size_t qlen = strlen(qname), from;

	*at = -1;
	if (!fc->utf8ish || line <= 0)
		return line == pline ? pcol : 0;
	if ((size_t)line < fc->line_cur)
		return line == pline ? pcol : 0;
	while (fc->line_cur < (size_t)line)
		if (next_line(fc) < 0)
			return 0;
	/* forward from the last start tag to this one, never to the end of
	 * the line first: a feed on one line of a gigabyte stays linear and
	 * only the bytes up to the tag are touched */
	le = b + fc->len;
	from = fc->tag_pos > fc->line_off ? fc->tag_pos : fc->line_off;
	for (p = b + from; p < le && *p != '\n'; p++) {
		if (*p != '<')
			continue;
		if ((size_t)(le - p) > qlen && !memcmp(p + 1, qname, qlen) &&
		    (p + 1 + qlen == le || IS_SPACE(p[1 + qlen]) ||
		     p[1 + qlen] == '>' || p[1 + qlen] == '/')) {
			size_t off = (size_t)(p - b);
			if (off < fc->col_off) {
				fc->col_off = fc->line_off;
				fc->col_at = 1;
			}
			fc->col_at += (long)ft_utf8_chars(b + fc->col_off,
						       off - fc->col_off);
			fc->col_off = off;
			fc->tag_pos = off + 1;
			*at = (long long)off;
			return fc->col_at;
		}
	}
	return line == pline ? pcol : 1;
}

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
#define MAX_ROWS_PER_CTX 160
static const struct elrule *ctx_rows[CX_COUNT][MAX_ROWS_PER_CTX];
static unsigned char ctx_nrows[CX_COUNT];
static int ctx_indexed;

static void index_rules(void)
{
	size_t t, c;
	const struct elrule *r;

	if (ctx_indexed)
		return;
	for (t = 0; fc_vocabs[t]; t++)
		for (r = fc_vocabs[t]->rules; r->name; r++)
			for (c = 0; c < CX_COUNT; c++)
				if ((r->parents & BIT(c)) &&
				    ctx_nrows[c] < MAX_ROWS_PER_CTX)
					ctx_rows[c][ctx_nrows[c]++] = r;
	ctx_indexed = 1;
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
			  "elements nested deeper than %u", fc->max_depth);
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
	f->ns = (unsigned char)fc_ns(fc, f->nsuri);
	f->line = node ? xmlGetLineNo(node) : pline;
	if (f->line <= 0)
		f->line = pline;
	f->col = locate(fc, f->line, pline, pcol, f->qname, &f->off);

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
			if (xmlTextReaderIsNamespaceDecl(rd))
				continue;
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
		if (r->max && n == r->max + 1)
			fc_report_at(fc, f, "duplicate-element",
				     "'%s' contains more than one '%s'",
				     p->qname, f->qname);
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

/*
 * Byte offset of (line, column) for positions at or after the line cursor
 * (libxml2's errors are at the parse position); -1 when unknown.
 */
static long long byte_offset(struct fc *fc, long line, long col)
{
	const char *b = (const char *)fc->bytes, *p, *le;
	long c;

	if (!fc->utf8ish || line <= 0 || (size_t)line < fc->line_cur)
		return -1;
	while (fc->line_cur < (size_t)line)
		if (next_line(fc) < 0)
			return -1;
	/* from the last start tag found when the position is past it: the
	 * bytes before it may have been released (fc_options.consumed) */
	if (col >= fc->col_at) {
		p = b + fc->col_off;
		c = fc->col_at;
	} else {
		p = b + fc->line_off;
		c = 1;
	}
	le = b + fc->len;
	for (; c < col && p < le && *p != '\n'; c++) {
		uint32_t cp;
		size_t k = ft_utf8_decode((const unsigned char *)p,
				       (size_t)(le - p), &cp);
		p += k ? k : 1;
	}
	return (long long)(p - b);
}

/* ---- libxml2 errors ---- */

static void on_xml_error(void *arg, xmlErrorPtr e)
{
	struct fc *fc = arg;
	const char *rule = "xml-not-well-formed";
	char msg[512];
	size_t n;

	if (!e)
		return;
	if (e->level == XML_ERR_WARNING && e->code != XML_WAR_UNDECLARED_ENTITY)
		return;
	if (fc->fatal_seen)
		return;
	/*
	 * libxml2 raises "out of memory" (its 10,000,000-byte text-node limit,
	 * XML_MAX_TEXT_LENGTH, among them) as a plain error, but stops the
	 * parse there all the same: it is the one finding, not followed by a
	 * second "not well-formed" at the same place.
	 */
	if (e->level == XML_ERR_FATAL || e->code == XML_ERR_NO_MEMORY)
		fc->fatal_seen = 1;
	if (e->code == XML_ERR_NO_MEMORY && e->message &&
	    strstr(e->message, "huge text node")) {
		struct diag *d = fc_report(fc, rule, e->line, e->int2,
					   "a text node longer than %d bytes "
					   "(libxml2's limit); the rest of the "
					   "document was not read",
					   LIBXML_MAX_TEXT);
		if (d)
			d->offset = byte_offset(fc, e->line, e->int2);
		return;
	}
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "error");
	/* one line: libxml2 puts the offending bytes on a second one */
	{
		char *p, *w;
		for (p = w = msg; *p; p++) {
			char c = *p == '\n' || *p == '\t' ? ' ' : *p;
			if (c == ' ' && (w == msg || w[-1] == ' '))
				continue;
			if (c == '!' && w > msg && w[-1] == ' ') {
				w--;   /* "indicate encoding !" */
				continue;
			}
			*w++ = c;
		}
		*w = '\0';
	}
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (strstr(msg, "not proper UTF-8")) {
		/* RFC 3629: say which bytes, and what to do */
		const char *b = strstr(msg, "Bytes:");
		char tmp[512];
		snprintf(tmp, sizeof(tmp), "bytes are not valid UTF-8; declare "
			 "the encoding they are in%s%s", b ? ": " : "",
			 b ? b + 7 : "");
		memcpy(msg, tmp, sizeof(msg));
		n = strlen(msg);
	}
	if (n)
		msg[0] = (char)TO_LOWER((unsigned char)msg[0]);
	switch (e->code) {
	case XML_ERR_UNDECLARED_ENTITY:
	case XML_WAR_UNDECLARED_ENTITY:
		rule = "xml-undefined-entity";
		break;
	case XML_ERR_UNSUPPORTED_ENCODING:
	case XML_ERR_UNKNOWN_ENCODING:
		rule = "xml-unknown-encoding";
		break;
	case XML_ERR_INVALID_CHAR:
	case XML_ERR_INVALID_CHARREF:
		rule = strstr(msg, "encoding") || strstr(msg, "UTF")
			       ? "xml-invalid-encoding" : "xml-invalid-char";
		if (!strcmp(rule, "xml-invalid-char")) {
			const char *v = strstr(msg, "value ");
			if (v) {
				/* XML 1.0 §2.2 Char */
				unsigned long cp = strtoul(v + 6, NULL, 10);
				snprintf(msg, sizeof(msg), "character U+%04lX is not "
					 "allowed in XML", cp);
			}
		}
		break;
	default:
		if (e->domain == XML_FROM_NAMESPACE)
			rule = "xml-namespace-error";
		else if (e->domain == XML_FROM_I18N ||
			 e->domain == XML_FROM_IO ||
			 e->code == XML_I18N_CONV_FAILED)
			rule = "xml-invalid-encoding";
		break;
	}
	{
		struct diag *d = fc_report(fc, rule, e->line, e->int2, "%s", msg);
		if (d)
			d->offset = byte_offset(fc, e->line, e->int2);
	}
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
	index_rules();
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_entity);
	loader_for_good = 1;
}

/* ---- the parse ---- */

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

static int parse_xml(struct fc *fc)
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
	rd = xmlReaderForMemory((const char *)fc->bytes, (int)fc->len,
				fc->t ? fc->t->url : NULL, "UTF-8",
				XML_PARSE_NONET | XML_PARSE_COMPACT |
				XML_PARSE_BIG_LINES | XML_PARSE_IGNORE_ENC);
	if (!rd) {
		if (!loader_for_good)
			xmlSetExternalEntityLoader(old);
		xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
		return -1;
	}
	xmlTextReaderSetStructuredErrorHandler(rd, on_xml_error, fc);
	while ((ret = xmlTextReaderRead(rd)) == 1) {
		int type = xmlTextReaderNodeType(rd);
		if (fc->o->consumed && fc->col_off >= told + CONSUMED_STEP) {
			/*
			 * What libxml2 has been given is behind it for good; of
			 * the rest, locate() and byte_offset() count columns from
			 * the last start tag found (col_off), never from further
			 * back, so a document on one line is released as it goes
			 * (a text node between two tags is at most 10 MB).
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

/* order of findings: by position, then as found (a stable merge sort) */
static int diag_before(const struct diag *x, const struct diag *y)
{
	if (x->line != y->line)
		return x->line < y->line;
	return x->column < y->column;
}

static void sort_diags(struct diag_list *l)
{
	struct diag *tmp, *src, *dst, *t;
	size_t w, i;

	if (l->n < 2)
		return;
	for (i = 1; i < l->n && !diag_before(&l->v[i], &l->v[i - 1]); i++)
		;
	if (i == l->n)
		return;   /* already in order */
	tmp = malloc(l->n * sizeof(*tmp));
	if (!tmp)
		return;   /* unsorted is still correct */
	src = l->v;
	dst = tmp;
	for (w = 1; w < l->n; w *= 2) {
		for (i = 0; i < l->n; i += 2 * w) {
			size_t a = i, am = i + w < l->n ? i + w : l->n;
			size_t b = am, bm = i + 2 * w < l->n ? i + 2 * w : l->n;
			size_t k = i;
			while (a < am && b < bm)
				dst[k++] = diag_before(&src[b], &src[a]) ? src[b++]
									 : src[a++];
			while (a < am)
				dst[k++] = src[a++];
			while (b < bm)
				dst[k++] = src[b++];
		}
		t = src;
		src = dst;
		dst = t;
	}
	if (src != l->v)
		memcpy(l->v, src, l->n * sizeof(*tmp));
	free(tmp);
}

/* fc_options.consumed, for the passes of the charset module */
static void charset_consumed(void *arg, size_t offset)
{
	const struct fc_options *o = arg;

	o->consumed(o->consumed_arg, offset);
}

/* fc_options.consumed for a parse of bytes that start past a BOM */
struct shifted {
	const struct fc_options *o;
	size_t by;
};

static void shifted_consumed(void *arg, size_t offset)
{
	const struct shifted *sh = arg;

	sh->o->consumed(sh->o->consumed_arg, offset + sh->by);
}

/* Hand the strings of ci over to r->enc. */
static void take_encoding(struct fc_result *r, struct fc_charset_info *ci)
{
	r->enc.bom = ci->bom;
	r->enc.http = ci->http;
	r->enc.declared = ci->declared;
	r->enc.used = ci->used;
	ci->bom = ci->http = ci->declared = ci->used = NULL;
}

#define MAX_DECODED ((size_t)1 << 30)

int fc_check(const unsigned char *bytes, size_t len, const char *source,
	     const struct fc_transport *t, const struct fc_options *o,
	     struct fc_result *r)
{
	struct fc fc;
	struct fc_options dflt;
	struct fc_charset_info ci;
	size_t i, first_parse_diag;
	int rc = 0, crc, decoded = 0;

	memset(&dflt, 0, sizeof(dflt));
	if (!o)
		o = &dflt;
	memset(&fc, 0, sizeof(fc));
	fc.r = r;
	fc.o = o;
	fc.t = t;
	fc.source = source;
	fc.bytes = bytes;
	fc.len = len;
	fc.max_text = o->max_text ? o->max_text : MAX_TEXT_DEFAULT;
	fc.max_depth = o->max_depth ? o->max_depth : MAX_DEPTH_DEFAULT;
	fc.line_cur = 1;
	fc.col_at = 1;
	if (o->max_diags)
		r->diags.max = o->max_diags;
	index_rules();

	{
		size_t skip = len >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3) ? 3 : 0;
		if (fc_looks_json(bytes + skip, len - skip)) {
			/* RFC 8259 §8.1: JSON is UTF-8; jsonfeed.c checks it */
			if (skip && !(r->enc.bom = strdup("UTF-8")))
				return -1;
			if (t && t->charset && !(r->enc.http = strdup(t->charset)))
				return -1;
			fc.fmt = FC_FORMAT_JSONFEED;
			r->enc.used = strdup("UTF-8");
			rc = fc_check_json(&fc);
			r->format = fc.fmt;
			return rc;
		}
	}
	if (len > INT32_MAX) {
		fc_report(&fc, "validator-limit", 0, 0,
			  "document larger than 2 GiB");
		return 0;
	}

	/*
	 * The encoding, as a consumer must decide it (RFC 7303 §3.2: BOM,
	 * HTTP charset, XML declaration, UTF-8), and every fault of the bytes
	 * in it; see charset.c.
	 */
	fc_charset_info_init(&ci);
	crc = fc_charset_resolve_ex(bytes, len, t ? t->charset : NULL,
				    t ? t->media_type : NULL, source,
				    o->consumed ? charset_consumed : NULL, (void *)o,
				    &ci, &r->diags);
	if (crc < 0) {
		fc_charset_info_release(&ci);
		return -1;
	}
	if (ci.unknown) {
		/* XML 1.0 §4.3.3: nothing can be read in an unknown encoding */
		take_encoding(r, &ci);
		goto out;
	}
	if (!fc_charset_is_utf8(ci.used) || !ci.decodes) {
		/*
		 * A legacy encoding, UTF-16/32, or bytes invalid in the encoding
		 * (already reported, with their positions, by the charset
		 * module): decode with iconv, the bad sequences as U+FFFD, and
		 * parse the UTF-8, so that the rest of the document is checked
		 * and libxml2 does not report the same bytes again.
		 */
		int drc = fc_charset_decode(bytes + ci.bom_len, len - ci.bom_len,
					    ci.used, MAX_DECODED, &r->text,
					    &r->text_len);
		if (drc == -1) {
			fc_report(&fc, "validator-limit", 0, 0,
				  "the document decoded to UTF-8 is larger than "
				  "1 GiB or memory ran out");
			take_encoding(r, &ci);
			goto out;
		}
		if (drc == -2) {
			take_encoding(r, &ci);
			goto out;
		}
		decoded = 1;
		fc.bytes = r->text;
		fc.len = r->text_len;
	} else if (ci.bom_len) {
		fc.bytes = bytes + ci.bom_len;
		fc.len = len - ci.bom_len;
	}
	take_encoding(r, &ci);
	fc_charset_info_release(&ci);
	fc.utf8ish = 1;
	for (i = 0; i < fc.len && IS_SPACE(fc.bytes[i]); i++)
		;
	if (fc.len == 0 || i == fc.len) {
		fc_report(&fc, "not-a-feed", 0, 0, "the document is empty");
		goto out;
	}
	first_parse_diag = r->diags.n;
	if (fc_doctype_scan(&fc, fc.bytes, fc.len))
		goto offsets;
	fc.ids = fc_idset_new();
	if (!fc.ids)
		return -1;
	{
		/* the mapped pages are those of the original bytes only */
		struct fc_options po = *o;
		const struct fc_options *keep = fc.o;
		struct shifted sh;
		if (decoded || !o->consumed) {
			po.consumed = NULL;
		} else {
			/* the parse is a new pass: the charset module's pages
			 * can go; its offsets are past the BOM */
			o->consumed(o->consumed_arg, 0);
			sh.o = o;
			sh.by = (size_t)(fc.bytes - bytes);
			po.consumed = shifted_consumed;
			po.consumed_arg = &sh;
		}
		fc.o = &po;
		rc = parse_xml(&fc);
		fc.o = keep;
	}
offsets:
	if (decoded) {
		/* byte offsets of the parse are in r->text, not in bytes */
		for (i = first_parse_diag; i < r->diags.n; i++)
			r->diags.v[i].offset = -1;
	} else if (fc.bytes != bytes) {
		for (i = first_parse_diag; i < r->diags.n; i++)
			if (r->diags.v[i].offset >= 0)
				r->diags.v[i].offset += (long long)(fc.bytes - bytes);
	}
out:
	fc_charset_info_release(&ci);
	sort_diags(&r->diags);
	for (i = 0; i < sizeof(fc.flink) / sizeof(fc.flink[0]); i++)
		free(fc.flink[i]);
	r->format = fc.fmt;
	free(fc.st);
	fc_idset_free(fc.ids);
	fc_html_release(&fc);
	return rc;
}
