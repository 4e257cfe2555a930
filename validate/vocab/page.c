/*
 * page.c - documents that are not feeds: a web page, as libxml2's HTML
 * parser reads it (an html DOCTYPE or an HTML first element), with the
 * feeds it announces by <link rel="alternate"> (HTML Living Standard, the
 * alternate link type; RSS Autodiscovery), and plain text, which is
 * neither XML nor JSON.  libxml2's HTML parser reads the page through
 * SAX, so no tree is built; xmlBuildURI resolves the links (RFC 3986).
 * See page.h.
 */
#include "page.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/uri.h>

#include "ascii.h"
#include "value.h"

#define MAX_LINKS 32              /* feed links kept from one page */
/* bytes of the page read at most: its head, where the feed links are (and
 * few enough that libxml2's check of an element's attributes, quadratic
 * in their number, stays short) */
#define MAX_HEAD ((size_t)512 << 10)

struct link {
	char *href, *type, *title;
	long line, col;
};

struct page {
	htmlParserCtxtPtr ctxt;
	int elements;             /* start tags seen */
	int html;                 /* the HTML parser says it is a page */
	int doctype;              /* a DOCTYPE was read: it decides */
	long line, col;           /* of the first element */
	char *base;               /* the first <base href> */
	struct link links[MAX_LINKS];
	size_t nlinks;
	int oom;
};

/* the feed types of RSS Autodiscovery, Atom (RFC 4287 section 7) and JSON
 * Feed ("application/feed+json"; version 1 said application/json) */
static const char *const feed_types[] = {
	"application/rss+xml", "application/atom+xml", "application/rdf+xml",
	"application/feed+json", "application/json", NULL
};

static int eq_ci(const char *a, const char *b)
{
	size_t n = strlen(b);

	return strlen(a) == n && fc_strncase_eq(a, b, n);
}

/* rel is a set of space-separated tokens, compared without case */
static int has_token(const char *rel, const char *tok)
{
	size_t n = strlen(tok), k;

	while (*rel) {
		while (IS_SPACE(*rel))
			rel++;
		for (k = 0; rel[k] && !IS_SPACE(rel[k]); k++)
			;
		if (k == n && fc_strncase_eq(rel, tok, n))
			return 1;
		rel += k;
	}
	return 0;
}

static const char *att(const xmlChar **atts, const char *name)
{
	size_t i;

	for (i = 0; atts && atts[i]; i += 2)
		if (eq_ci((const char *)atts[i], name))
			return atts[i + 1] ? (const char *)atts[i + 1] : "";
	return NULL;
}

static char *dup(struct page *pg, const char *s)
{
	char *d;

	if (!s)
		return NULL;
	if (!(d = strdup(s)))
		pg->oom = 1;
	return d;
}

/*
 * Line and column of the '<' of the tag just read: the parser stands past
 * its '>', in the bytes it was given (one chunk, so its buffer is the
 * whole of what was read).
 */
static void tag_pos(struct page *pg, long *line, long *col)
{
	xmlParserInputPtr in = pg->ctxt->input;
	const xmlChar *p, *lt;
	long l = xmlSAX2GetLineNumber(pg->ctxt);

	*line = l > 0 ? l : 1;
	*col = 1;
	if (!in || !in->base || !in->cur || in->cur <= in->base)
		return;
	for (p = in->cur - 1; p > in->base && *p != '<'; p--)
		if (*p == '\n' && *line > 1)
			(*line)--;
	if (*p != '<')
		return;
	lt = p;
	while (p > in->base && p[-1] != '\n')
		p--;
	for (; p < lt; p++)
		if ((*p & 0xC0) != 0x80)
			(*col)++;
}

static void sax_subset(void *ud, const xmlChar *name, const xmlChar *ext,
		       const xmlChar *sys)
{
	struct page *pg = ud;

	(void)ext;
	(void)sys;
	pg->doctype = 1;
	pg->html = name && eq_ci((const char *)name, "html");
}

static void sax_start(void *ud, const xmlChar *xname, const xmlChar **atts)
{
	struct page *pg = ud;
	const char *name = (const char *)xname, *v, *type;
	char tbuf[64];
	size_t k, i;

	if (!pg->elements++) {
		tag_pos(pg, &pg->line, &pg->col);
		/* its first element is one HTML defines (html, head, body ...) */
		if (!pg->doctype && htmlTagLookup(xname))
			pg->html = 1;
	}
	if (eq_ci(name, "body")) {
		/* the feed links are in the head */
		xmlStopParser(pg->ctxt);
		return;
	}
	if (eq_ci(name, "base") && !pg->base && (v = att(atts, "href")))
		pg->base = dup(pg, v);
	if (!eq_ci(name, "link") || pg->nlinks == MAX_LINKS ||
	    !(v = att(atts, "rel")) || !has_token(v, "alternate") ||
	    !(type = att(atts, "type")) || !(v = att(atts, "href")))
		return;
	/* the media type, parameters aside */
	for (k = 0; type[k] && type[k] != ';' && !IS_SPACE(type[k]) &&
		    k < sizeof(tbuf) - 1; k++)
		tbuf[k] = (char)TO_LOWER(type[k]);
	tbuf[k] = '\0';
	for (i = 0; feed_types[i] && strcmp(tbuf, feed_types[i]); i++)
		;
	if (!feed_types[i])
		return;
	pg->links[pg->nlinks].href = dup(pg, v);
	pg->links[pg->nlinks].type = dup(pg, tbuf);
	pg->links[pg->nlinks].title = dup(pg, att(atts, "title"));
	tag_pos(pg, &pg->links[pg->nlinks].line, &pg->links[pg->nlinks].col);
	pg->nlinks++;
}

/* RFC 3986 section 5.2: ref against base (NULL: ref as it is); malloc'd */
static char *resolve(const char *ref, const char *base)
{
	xmlChar *u;
	char *s;

	if (!base)
		return strdup(ref);
	u = xmlBuildURI((const xmlChar *)ref, (const xmlChar *)base);
	if (!u)
		return strdup(ref);
	s = strdup((const char *)u);
	xmlFree(u);
	return s;
}

/* Drop the findings from first on: they are the XML parse's. */
static void drop_from(struct diag_list *l, size_t first)
{
	size_t i;

	for (i = first; i < l->n; i++) {
		l->count[l->v[i].severity]--;
		free(l->v[i].message);
		free(l->v[i].file);
		free(l->v[i].path);
		free(l->v[i].element);
	}
	if (first < l->n)
		l->n = first;
}

/*
 * Could the document be a web page at all?  Its first tag, past the white
 * space, comments and processing instructions before it, is a DOCTYPE or
 * an element HTML defines.  A cheap look before libxml2's HTML parser is
 * given a document that is plainly a broken feed.
 */
static int may_be_html(const unsigned char *b, size_t n)
{
	size_t i = 0, k;
	char name[16];

	while (i < n) {
		while (i < n && (IS_SPACE(b[i]) || b[i] == 0xEF || b[i] == 0xBB || b[i] == 0xBF))
			i++;
		if (i + 1 >= n || b[i] != '<')
			return 0;
		if (b[i + 1] == '?' || (i + 3 < n && !memcmp(b + i, "<!--", 4))) {
			const char *end = b[i + 1] == '?' ? "?>" : "-->";
			const unsigned char *e = NULL;
			size_t j;
			for (j = i + 2; j + strlen(end) <= n; j++)
				if (!memcmp(b + j, end, strlen(end))) {
					e = b + j;
					break;
				}
			if (!e)
				return 0;
			i = (size_t)(e - b) + strlen(end);
			continue;
		}
		if (b[i + 1] == '!')
			return 1;       /* a DOCTYPE: the parser says which */
		for (k = 0; k + 1 < sizeof(name) && i + 1 + k < n &&
		     IS_ALNUM(b[i + 1 + k]); k++)
			name[k] = (char)b[i + 1 + k];
		name[k] = '\0';
		return k && htmlTagLookup((const xmlChar *)name) != NULL;
	}
	return 0;
}

int fc_page_check(struct fc *fc, size_t first)
{
	htmlSAXHandler sax;
	struct page pg;
	const char *url = fc->t ? fc->t->url : NULL;
	char *base = NULL;
	size_t i, n = fc->len < MAX_HEAD ? fc->len : MAX_HEAD;
	int rc = 0;

	if (!may_be_html(fc->bytes, n))
		return 0;
	memset(&sax, 0, sizeof(sax));
	memset(&pg, 0, sizeof(pg));
	sax.internalSubset = sax_subset;
	sax.startElement = sax_start;
	pg.ctxt = htmlCreatePushParserCtxt(&sax, &pg, NULL, 0, url,
					   XML_CHAR_ENCODING_UTF8);
	if (!pg.ctxt)
		return -1;
	/* the bytes are UTF-8 already (check.c decoded them) */
	htmlCtxtUseOptions(pg.ctxt, HTML_PARSE_NOIMPLIED | HTML_PARSE_NOERROR |
			   HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
			   HTML_PARSE_IGNORE_ENC);
	htmlParseChunk(pg.ctxt, (const char *)fc->bytes, (int)n, 1);
	htmlFreeParserCtxt(pg.ctxt);
	if (pg.oom) {
		rc = -1;
		goto abort;
	}
	if (!pg.html)
		goto abort;
	rc = 1;
	drop_from(&fc->r->diags, first);
	if (pg.base)
		base = resolve(pg.base, url);
	else if (url)
		base = strdup(url);
	fc_report(fc, "html-page", pg.line > 0 ? pg.line : 1, pg.col,
		  "this is an HTML page, not a feed%s", pg.nlinks ? "" :
		  " (it announces none with <link rel=\"alternate\">)");
	for (i = 0; i < pg.nlinks; i++) {
		struct link *l = &pg.links[i];
		char *abs = resolve(l->href, base);
		if (!abs) {
			rc = -1;
			break;
		}
		fc_report(fc, "html-feed-link", l->line, l->col,
			  "the page announces a feed: '%.300s' (%s%s%.80s%s)", abs,
			  l->type, l->title ? ", \"" : "", l->title ? l->title : "",
			  l->title ? "\"" : "");
		if (fc_ref_add(fc, FC_REF_FEED, NULL, l->line, l->col, abs, NULL,
			       l->type, l->title, -1) < 0)
			rc = -1;
		free(abs);
	}
abort:
	for (i = 0; i < pg.nlinks; i++) {
		free(pg.links[i].href);
		free(pg.links[i].type);
		free(pg.links[i].title);
	}
	free(pg.base);
	free(base);
	return rc;
}

int fc_page_text(struct fc *fc, size_t start)
{
	char show[24];
	size_t k = 0;
	const unsigned char *p = fc->bytes + start;
	long line = 1, col = 1;

	if (start >= fc->len || *p == '<')
		return 0;
	for (k = 0; k < start; k++, col++)
		if (fc->bytes[k] == '\n')
			line++, col = 0;
	k = 0;
	/* what it starts with, printable ASCII only */
	while (k < sizeof(show) - 1 && start + k < fc->len &&
	       p[k] >= 0x20 && p[k] < 0x7F)
		show[k] = (char)p[k], k++;
	show[k] = '\0';
	fc_report(fc, "not-xml-or-json", line, col,
		  "the document is neither XML nor JSON%s%s%s", k ? ": it starts "
		  "with '" : "", show, k ? "'" : "");
	return 1;
}

/*
 * What bytes that are no text are, by their first bytes: the signatures
 * of the WHATWG MIME Sniffing Standard (section 6: images, audio and
 * video, archives) and a few more that end up where a feed should be.
 */
static const struct magic {
	size_t at, n;
	const char *bytes;
	const char *what;
	const char *hint;
} magic[] = {
	{ 0, 3, "\x1F\x8B\x08", "gzip-compressed data",
	  "decompress it; a server that sent it compressed it once more than "
	  "its Content-Encoding says" },
	{ 0, 3, "\xFF\xD8\xFF", "a JPEG image", NULL },
	{ 0, 8, "\x89PNG\r\n\x1A\n", "a PNG image", NULL },
	{ 0, 6, "GIF87a", "a GIF image", NULL },
	{ 0, 6, "GIF89a", "a GIF image", NULL },
	{ 8, 4, "WEBP", "a WebP image", NULL },          /* after "RIFF" */
	{ 0, 5, "%PDF-", "a PDF document", NULL },
	{ 0, 4, "PK\x03\x04", "a zip archive", NULL },
	{ 0, 3, "BZh", "bzip2-compressed data", "decompress it" },
	{ 0, 6, "\xFD" "7zXZ\x00", "xz-compressed data", "decompress it" },
	{ 0, 4, "\x28\xB5\x2F\xFD", "zstd-compressed data", "decompress it" },
	{ 0, 6, "Rar!\x1A\x07", "a RAR archive", NULL },
	{ 0, 6, "7z\xBC\xAF\x27\x1C", "a 7-Zip archive", NULL },
	{ 0, 3, "ID3", "an MP3 file", NULL },
	{ 4, 4, "ftyp", "an MP4 (ISO media) file", NULL },
	{ 0, 4, "OggS", "an Ogg file", NULL },
	{ 0, 4, "\x1A\x45\xDF\xA3", "a WebM or Matroska file", NULL },
	{ 0, 4, "\x7F" "ELF", "an ELF program", NULL },
	{ 0, 16, "SQLite format 3\0", "an SQLite database", NULL },
};

int fc_page_binary(struct fc *fc)
{
	size_t i, k, n = 0;
	char hex[3 * 8 + 1];

	for (i = 0; i < sizeof(magic) / sizeof(magic[0]); i++) {
		const struct magic *m = &magic[i];
		if (fc->len < m->at + m->n ||
		    memcmp(fc->bytes + m->at, m->bytes, m->n))
			continue;
		if (m->at == 8 && memcmp(fc->bytes, "RIFF", 4))
			continue;
		for (k = 0; k < 8 && k < fc->len && n < sizeof(hex) - 3; k++)
			n += (size_t)snprintf(hex + n, sizeof(hex) - n, "%s%02x",
					      k ? " " : "", fc->bytes[k]);
		fc_report(fc, "not-text", 1, 1, "the document is %s (it starts with "
			  "the bytes %s), not a feed%s%s", m->what, hex,
			  m->hint ? ": " : "", m->hint ? m->hint : "");
		return 1;
	}
	return 0;
}
