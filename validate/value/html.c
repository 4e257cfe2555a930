/*
 * html.c - HTML inside text: whether escaped text looks like HTML, and the
 * checks of that HTML (scripts and other risky elements and attributes,
 * relative links), read with libxml2's HTML push parser; XHTML content
 * elements.
 */
#include "value.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "ascii.h"
#include "names.h"

/* ---- HTML in text ---- */

static const char *const html_tags[] = {
	"a", "abbr", "acronym", "address", "b", "big", "blockquote", "br",
	"center", "cite", "code", "dd", "div", "dl", "dt", "em", "font", "h1",
	"h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre",
	"q", "s", "small", "span", "strike", "strong", "sub", "sup", "table",
	"td", "th", "tr", "tt", "u", "ul", "script", "iframe", "object",
	"embed", "style", "form", "input", "meta", "link", "blink", NULL
};

/* Does plain text contain something that looks like an HTML tag? */
int fc_looks_like_html(const char *s)
{
	const char *p;

	for (p = strchr(s, '<'); p; p = strchr(p + 1, '<')) {
		const char *q = p + 1;
		size_t n, i;
		if (*q == '/')
			q++;
		for (n = 0; IS_ALNUM(q[n]); n++)
			;
		if (!n || (q[n] != '>' && q[n] != ' ' && q[n] != '/' &&
			   q[n] != '\t' && q[n] != '\n'))
			continue;
		for (i = 0; html_tags[i]; i++)
			if (strlen(html_tags[i]) == n &&
			    fc_strncase_eq(q, html_tags[i], n))
				return 1;
	}
	/*
	 * A character reference in plain text ("AT&amp;amp;T" read as
	 * "AT&amp;T"): the text was escaped twice, or is HTML; readers that
	 * treat the field as HTML and those that do not show different text
	 * (W3C ContainsHTML: &name; &#NN; &#xNN;).
	 */
	for (p = strchr(s, '&'); p; p = strchr(p + 1, '&')) {
		const char *q = p + 1;
		size_t n;
		if (*q == '#') {
			q++;
			if (*q == 'x' || *q == 'X') {
				q++;
				if (IS_XDIGIT(*q))
					return 1;
			} else if (IS_DIGIT(*q)) {
				return 1;
			}
			continue;
		}
		for (n = 0; IS_ALNUM(q[n]) && n < 32; n++)
			;
		if (n >= 2 && q[n] == ';' && IS_ALPHA(q[0]))
			return 1;
	}
	return 0;
}

struct html_ctx {
	struct fc *fc;
	struct frame *f;
	int relative_warn;
	int risk, riskattr, style, relref, badref, nothtml;
	int mixed, nosrc;   /* --profile readers: said once per text */
	int foreign;    /* inside svg or math, whose elements HTML lacks */
};

/* An element name HTML defines (libxml2's HTML 4 table and HTML5's). */
static int html_known(const char *name)
{
	static const char *const html5[] = { "article", "aside", "audio",
		"bdi", "canvas", "data", "datalist", "details", "dialog",
		"figcaption", "figure", "footer", "header", "main", "mark",
		"meter", "nav", "output", "picture", "progress", "rp", "rt",
		"ruby", "section", "source", "summary", "template", "time",
		"track", "video", "wbr", "svg", "math", NULL };
	char low[32];
	size_t i, n = strlen(name);

	static const char *const common[] = { "p", "a", "b", "i", "br", "em",
		"strong", "div", "span", "img", "ul", "ol", "li", "h1", "h2",
		"h3", "h4", "h5", "h6", "blockquote", "pre", "code", "hr",
		"html", "body", NULL };

	if (!n || n >= sizeof(low) || strchr(name, ':'))
		return 1;   /* namespaced: not HTML's to judge */
	for (i = 0; common[i]; i++)   /* the usual ones, before the table */
		if (common[i][0] == TO_LOWER((unsigned char)name[0]) &&
		    strlen(common[i]) == n && fc_strncase_eq(common[i], name, n))
			return 1;
	for (i = 0; i < n; i++)
		low[i] = (char)TO_LOWER((unsigned char)name[i]);
	low[n] = '\0';
	if (htmlTagLookup((const xmlChar *)low))
		return 1;
	for (i = 0; html5[i]; i++)
		if (!strcmp(low, html5[i]))
			return 1;
	return 0;
}

static void not_html(struct html_ctx *h, const char *name)
{
	if (h->nothtml || h->foreign || html_known(name))
		return;
	h->nothtml = 1;
	fc_report_at(h->fc, h->f, "not-html",
		     "'%s' contains the element '%.40s', which HTML does not "
		     "define", h->f->qname, name);
}

static int name_in(const char *n, const char *const *list)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (!strcmp(n, list[i]))
			return 1;
	return 0;
}

static int style_dangerous(const char *v)
{
	char low[256];
	size_t i;

	for (i = 0; v[i] && i + 1 < sizeof(low); i++)
		low[i] = (char)TO_LOWER((unsigned char)v[i]);
	low[i] = '\0';
	/* what can overlay, hide or run script (RFC 4287 §8.1); not every
	 * property outside a whitelist, as the W3C validator flags */
	return strstr(low, "expression") || strstr(low, "behavior") ||
	       strstr(low, "behaviour") || strstr(low, "javascript") ||
	       strstr(low, "vbscript") || strstr(low, "position") ||
	       strstr(low, "z-index") || strstr(low, "@import") ||
	       strstr(low, "-moz-binding");
}

static const char *const risky[] = { "script", "applet", "embed",
	"object", "iframe", "frame", "frameset", "meta", "link", "base",
	"form", "input", "button", "textarea", "select", "style", "blink",
	"marquee", NULL };

/*
 * An href or src that is no URL: HTML's "valid URL potentially surrounded
 * by spaces" (HTML Living Standard, 2.4.5), so white space around it is
 * fine, but a space inside ("a b.html"), a character URLs lack or a
 * broken percent-encoding is a validation error of the URL Standard that
 * each reader repairs in its own way (or drops the link).
 */
static int bad_ref(const char *v)
{
	char buf[2048];
	size_t n;
	int st;

	while (IS_SPACE(*v))
		v++;
	n = strlen(v);
	while (n && IS_SPACE(v[n - 1]))
		n--;
	if (!n)
		return 0;
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;   /* the first 2 KB decide */
	memcpy(buf, v, n);
	buf[n] = '\0';
	st = fc_uri_check(buf, 0, 1, NULL);
	return st == URI_BAD_CHAR || st == URI_BAD;
}

static int prefix_ci(const char *s, const char *p);

/*
 * --profile readers: what web readers do with embedded resources (the
 * rules are rules/rules_readers.c's): an http: one in an https: feed is
 * mixed content; an <img> with neither src nor srcset is dropped by
 * Miniflux's sanitizer.  Plain links (a href) load nothing.
 */
static void readers_element(struct html_ctx *h, const char *name,
			    const char *const *atts)
{
	static const char *const embeds[] = { "img", "video", "audio",
		"source", "iframe", "embed", "track", NULL };
	int img = !strcmp(name, "img"), src = 0;
	size_t i;

	if (!name_in(name, embeds))
		return;
	for (i = 0; atts && atts[i]; i += 2) {
		const char *a = atts[i], *v = atts[i + 1] ? atts[i + 1] : "";
		if (!strcmp(a, "src") || !strcmp(a, "srcset"))
			src = 1;
		if (!h->mixed && h->fc->feed_https &&
		    (!strcmp(a, "src") || !strcmp(a, "srcset") ||
		     !strcmp(a, "poster")) &&
		    (fc_strncase_eq(v, "http:", 5) || strstr(v, " http:"))) {
			h->mixed = 1;
			fc_report_at(h->fc, h->f, "readers-mixed-content",
				     "'%s' embeds <%s %s=\"%.80s\"> over http: "
				     "in an https: feed: web readers block it "
				     "or warn (mixed content)", h->f->qname,
				     name, a, v);
		}
	}
	if (img && !src && !h->nosrc) {
		h->nosrc = 1;
		fc_report_at(h->fc, h->f, "readers-img-without-src",
			     "'%s' has an <img> without src or srcset: "
			     "Miniflux drops it", h->f->qname);
	}
}

/* --profile readers: could html hold what readers_element() reports? */
static int readers_interesting(const struct fc *fc, const char *html)
{
	const char *p;

	if (!fc_readers(fc))
		return 0;
	for (p = strchr(html, '<'); p; p = strchr(p + 1, '<'))
		if (prefix_ci(p + 1, "img") ||
		    (fc->feed_https && (prefix_ci(p + 1, "video") ||
		     prefix_ci(p + 1, "audio") || prefix_ci(p + 1, "source") ||
		     prefix_ci(p + 1, "iframe") || prefix_ci(p + 1, "embed") ||
		     prefix_ci(p + 1, "track"))))
			return 1;
	return 0;
}

static void html_element(struct html_ctx *h, const char *name,
			 const char *const *atts)
{
	size_t i;

	if (fc_readers(h->fc))
		readers_element(h, name, atts);

	if (name_in(name, risky) && !h->risk) {
		h->risk = 1;
		fc_report_at(h->fc, h->f, "security-risk",
			     "'%s' contains '%s', which readers remove",
			     h->f->qname, name);
	}
	for (i = 0; atts && atts[i]; i += 2) {
		const char *a = atts[i], *v = atts[i + 1] ? atts[i + 1] : "";
		if ((a[0] == 'o' || a[0] == 'O') && (a[1] == 'n' || a[1] == 'N') &&
		    a[2] && !h->riskattr) {
			h->riskattr = 1;
			fc_report_at(h->fc, h->f, "security-risk-attr",
				     "'%s' contains the attribute '%s' on '%s'",
				     h->f->qname, a, name);
		} else if (!strcmp(a, "style") && style_dangerous(v) &&
			   !h->style) {
			h->style = 1;
			fc_report_at(h->fc, h->f, "dangerous-style",
				     "'%s' contains a style attribute readers "
				     "remove", h->f->qname);
		} else if (!h->badref &&
			   (!strcmp(a, "href") || !strcmp(a, "src")) &&
			   bad_ref(v)) {
			h->badref = 1;
			fc_report_at(h->fc, h->f, "contains-invalid-ref",
				     "'%s' contains '%s' with an invalid URL "
				     "'%.80s'", h->f->qname, a, v);
		} else if (h->relative_warn && !h->relref &&
			   (!strcmp(a, "href") || !strcmp(a, "src")) &&
			   fc_uri_check(v, 1, 1, NULL) == URI_RELATIVE &&
			   !h->f->base) {
			h->relref = 1;
			fc_report_at(h->fc, h->f, "contains-relative-ref",
				     "'%s' contains a relative URL '%.80s'",
				     h->f->qname, v);
		} else if ((!strcmp(a, "href") || !strcmp(a, "src")) &&
			   !h->risk && fc_strncase_eq(v, "javascript:", 11)) {
			h->risk = 1;
			fc_report_at(h->fc, h->f, "security-risk",
				     "'%s' contains a javascript: URL",
				     h->f->qname);
		}
	}
}

static int svg_or_math(const char *n)
{
	return !strcmp(n, "svg") || !strcmp(n, "math");
}

static void sax_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct html_ctx *h = ctx;

	not_html(h, (const char *)name);
	if (svg_or_math((const char *)name))
		h->foreign++;
	html_element(ctx, (const char *)name, (const char *const *)atts);
}

static void sax_end(void *ctx, const xmlChar *name)
{
	struct html_ctx *h = ctx;

	if (svg_or_math((const char *)name) && h->foreign)
		h->foreign--;
}

static int prefix_ci(const char *s, const char *p)
{
	for (; *p; s++, p++)
		if (TO_LOWER((unsigned char)*s) != *p)
			return 0;
	return 1;
}

/*
 * Could html hold anything html_element() reports?  One pass over the
 * tags: a risky element name, an on* or style attribute, or an href or
 * src that is not plainly absolute makes it "yes".  A "no" is certain and
 * spares the HTML parser; a "yes" may be wrong, and the parser decides.
 */
static int html_interesting(const char *html, int relative_warn)
{
	const char *p = html;
	size_t i;
	char quote;

	while ((p = strchr(p, '<')) != NULL) {
		const char *name = ++p;
		size_t n;
		if (*p == '/' || *p == '!' || *p == '?')
			continue;
		for (n = 0; IS_ALNUM(name[n]); n++)
			;
		/* strlen() only for a name that matched; the first letter
		 * first, as most tags (p, a, div) start none of them */
		for (i = 0; n && risky[i]; i++)
			if (risky[i][0] == TO_LOWER((unsigned char)*name) &&
			    prefix_ci(name, risky[i]) && strlen(risky[i]) == n)
				return 1;
		if (n && n < 32 && name[n] != ':') {
			/* a name HTML lacks is not-html's */
			char tag[32];
			memcpy(tag, name, n);
			tag[n] = '\0';
			if (!html_known(tag))
				return 1;
		}
		/* attributes up to the end of the tag */
		for (p = name + n; *p && *p != '>' && *p != '<'; p++) {
			const char *v;
			if (!IS_SPACE(*p) && *p != '/' && *p != '"' && *p != '\'')
				continue;
			v = p + 1;
			if (prefix_ci(v, "on") && IS_ALPHA(v[2]))
				return 1;
			if (prefix_ci(v, "style"))
				return 1;
			if (prefix_ci(v, "href") || prefix_ci(v, "src")) {
				const char *q;
				v += TO_LOWER((unsigned char)*v) == 'h' ? 4 : 3;
				while (IS_SPACE(*v))
					v++;
				if (*v != '=')
					continue;
				v++;
				while (IS_SPACE(*v))
					v++;
				quote = *v == '"' || *v == '\'' ? *v++ : 0;
				while (IS_SPACE(*v))
					v++;
				if (prefix_ci(v, "javascript") || prefix_ci(v, "vbscript"))
					return 1;
				/* a character no URL has (a space inside): bad_ref */
				for (q = v; *q && *q != quote && *q != '>' &&
					    (quote || !IS_SPACE(*q)); q++)
					if ((unsigned char)*q < 0x80 && !IS_ALNUM(*q) &&
					    !strchr("-._~:/?#[]@!$&'()*+,;=", *q) &&
					    !(*q == '%' && IS_XDIGIT(q[1]) &&
					      IS_XDIGIT(q[2])))
						return 1;
				for (q = v; IS_ALNUM(*q) || *q == '+' || *q == '-' ||
					    *q == '.'; q++)
					;
				if (relative_warn &&
				    (q == v || *q != ':' || !IS_ALPHA(*v)))
					return 1;
			}
		}
	}
	return 0;
}

void fc_check_html(struct fc *fc, struct frame *f, const char *html,
		   int relative_warn)
{
	htmlSAXHandler sax;   /* copied into the parser context */
	htmlParserCtxtPtr ctxt = fc->html;
	struct html_ctx h;

	if (!strchr(html, '<') || (!html_interesting(html, relative_warn) &&
				   !readers_interesting(fc, html)))
		return;
	memset(&h, 0, sizeof(h));
	h.fc = fc;
	h.f = f;
	h.relative_warn = relative_warn;
	if (!ctxt) {
		/* one push parser per check, reset for every fragment */
		memset(&sax, 0, sizeof(sax));
		sax.startElement = sax_start;
		sax.endElement = sax_end;
		ctxt = htmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL,
						XML_CHAR_ENCODING_UTF8);
		if (!ctxt)
			return;
		fc->html = ctxt;
	} else if (xmlCtxtResetPush(ctxt, NULL, 0, NULL, "UTF-8")) {
		return;
	}
	/*
	 * Not HTML_PARSE_NOIMPLIED: with it libxml2 ends the document after
	 * the first top-level element of a fragment, and nothing after it
	 * ("<p>x</p><script>") was seen.  The implied html and body elements
	 * are harmless to the scan.
	 */
	htmlCtxtUseOptions(ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR |
			   HTML_PARSE_NOWARNING);
	ctxt->userData = &h;
	htmlParseChunk(ctxt, html, (int)strlen(html), 1);
	ctxt->userData = NULL;
	if (ctxt->myDoc) {
		xmlFreeDoc(ctxt->myDoc);
		ctxt->myDoc = NULL;
	}
}

void fc_html_release(struct fc *fc)
{
	if (fc->html)
		htmlFreeParserCtxt(fc->html);
	fc->html = NULL;
}

/* XHTML elements inside Atom xhtml content (called by atom.c) */
void fc_check_xhtml_element(struct fc *fc, struct frame *f, struct frame *root)
{
	struct html_ctx h;
	const char *atts[2 * 16 + 1];
	size_t i, n = 0;

	memset(&h, 0, sizeof(h));
	h.fc = fc;
	h.f = root;
	h.relative_warn = 1;
	h.risk = (root->flags & 0x100) != 0;
	for (i = 0; i < f->nattrs && n < 2 * 16; i++) {
		atts[n++] = f->attrs[i].local;
		atts[n++] = f->attrs[i].value;
	}
	atts[n] = NULL;
	h.nothtml = (root->flags & 0x800) != 0;
	if (f->ns == NS_XHTML)
		not_html(&h, f->local);
	html_element(&h, f->local, atts);
	if (h.risk)
		root->flags |= 0x100;
	if (h.nothtml)
		root->flags |= 0x800;
}
