/*
 * report_html.c - --format html: one self-contained page (no script, no
 * external style or font; a Content-Security-Policy that allows none),
 * for a person in a browser or a CI job's artifact, as the W3C
 * validator's page is used.  Per source: a verdict, the encoding
 * decision, the HTTP hops (and, with -v, the exchange), the findings by
 * severity, each with the lines around it, its column marked and its
 * --explain text; for several sources an index, worst first.
 *
 * Every piece of the page is a node of a libxml2 HTML tree, serialized by
 * libxml2 (htmlNodeDumpFormatOutput), which escapes what it writes: the
 * feed's text, names and messages are text nodes and attribute values,
 * never markup.  Each source's section is serialized as soon as it is
 * checked (run.c keeps the string, not the document's bytes); the page is
 * put together at the end, the only text written around the serialized
 * nodes being the constant <!DOCTYPE>, <html>, <body> and their ends.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlIO.h>

#include "excerpt.h"
#include "utf8.h"

#define MAX_SHOWN 200          /* findings shown in full per source */
#define CONTEXT 2              /* lines shown before and after a finding */

static const char css[] =
"body{font-family:system-ui,'Noto Sans CJK SC','WenQuanYi Micro Hei',"
"'Microsoft YaHei',sans-serif;margin:0 auto;max-width:72em;padding:1em;"
"color:#1b1b1b;background:#fff;line-height:1.45}"
"h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin:0 0 .3em;"
"overflow-wrap:anywhere}h3{font-size:1.05em;margin:1em 0 .4em}"
"section{border:1px solid #ccc;border-left:.5em solid #888;border-radius:4px;"
"padding:.6em 1em;margin:1.2em 0}"
"section.invalid,section.unread{border-left-color:#c62828}"
"section.strict{border-left-color:#ef6c00}section.valid{border-left-color:#2e7d32}"
".verdict{font-weight:bold;margin:.2em 0 .6em}.invalid .verdict,.unread .verdict,"
"td.invalid,td.unread{color:#b71c1c}.strict .verdict,td.strict{color:#e65100}"
".valid .verdict,td.valid{color:#1b5e20}section.skipped{border-left-color:#757575}"
"table{border-collapse:collapse;margin:.4em 0}td,th{border:1px solid #ddd;"
"padding:.2em .6em;text-align:left;vertical-align:top}td{overflow-wrap:anywhere}"
"th{background:#f3f3f3;white-space:nowrap}td.n{text-align:right;white-space:nowrap}"
"dl.meta{display:grid;grid-template-columns:max-content auto;gap:.1em 1em;margin:.4em 0}"
"dl.meta dt{font-weight:bold}dl.meta dd{margin:0;overflow-wrap:anywhere}"
"ol.findings{padding-left:1.4em}ol.findings li{margin:.6em 0}"
".sev{font-weight:bold;text-transform:uppercase;font-size:.8em;padding:0 .3em;"
"border-radius:3px;color:#fff}.sev.error{background:#c62828}"
".sev.warning{background:#ef6c00}.sev.info{background:#1565c0}"
".loc{font-family:monospace;color:#555}code.rule{color:#555}"
"pre{background:#f7f7f7;border:1px solid #e3e3e3;padding:.4em .6em;overflow-x:auto;"
"font-family:'Noto Sans Mono CJK SC','WenQuanYi Micro Hei Mono',monospace;"
"margin:.3em 0;line-height:1.35}"
"pre .ln{color:#999;display:inline-block;min-width:3em;user-select:none}"
"pre .at{background:#fff3cd;display:inline-block;min-width:100%}"
"mark{background:#ffb300;color:#000;outline:1px solid #c77c00}"
"p.explain{margin:.2em 0 .2em 1em;color:#333;font-size:.95em}"
"summary{cursor:pointer;color:#444}footer{color:#777;font-size:.85em;margin-top:2em}";

const char *html_css(void)
{
	return css;
}

struct page {
	xmlDocPtr doc;
};

static xmlNodePtr el(struct page *pg, xmlNodePtr parent, const char *name,
		     const char *cls)
{
	xmlNodePtr n = xmlNewDocNode(pg->doc, NULL, BAD_CAST name, NULL);

	if (!n)
		return NULL;
	if (cls)
		xmlSetProp(n, BAD_CAST "class", BAD_CAST cls);
	if (parent)
		xmlAddChild(parent, n);
	return n;
}

/* text, from wherever it comes: only characters XML allows, as text */
static void txt(struct page *pg, xmlNodePtr parent, const char *s)
{
	char *clean;

	if (!parent || !s)
		return;
	if ((clean = ft_xml_clean_dup(s))) {
		xmlAddChild(parent, xmlNewDocText(pg->doc, BAD_CAST clean));
		free(clean);
	}
}

static void txtn(struct page *pg, xmlNodePtr parent, const char *s, size_t n)
{
	char *c = malloc(n + 1);

	if (!c)
		return;
	memcpy(c, s, n);
	c[n] = '\0';
	txt(pg, parent, c);
	free(c);
}

static xmlNodePtr el_text(struct page *pg, xmlNodePtr parent, const char *name,
			  const char *cls, const char *s)
{
	xmlNodePtr n = el(pg, parent, name, cls);

	txt(pg, n, s);
	return n;
}

static void attr(xmlNodePtr n, const char *name, const char *value)
{
	char *clean = ft_xml_clean_dup(value);

	if (n && clean)
		xmlSetProp(n, BAD_CAST name, BAD_CAST clean);
	free(clean);
}

static const char *verdict_class(enum verdict v)
{
	return v == VERDICT_VALID ? "valid" : v == VERDICT_STRICT_FAIL ? "strict" :
	       v == VERDICT_INVALID ? "invalid" : v == VERDICT_SKIPPED ? "skipped" : "unread";
}

/* node serialized by libxml2's HTML writer, appended to out */
static int serialize(struct page *pg, xmlNodePtr node, struct buf *out)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlOutputBufferPtr ob = b ? xmlOutputBufferCreateBuffer(b, NULL) : NULL;
	int rc = -1;

	if (ob) {
		htmlNodeDumpFormatOutput(ob, pg->doc, node, "UTF-8", 0);
		if (xmlOutputBufferFlush(ob) >= 0 &&
		    ft_buf_add(out, xmlBufferContent(b), (size_t)xmlBufferLength(b)) == 0)
			rc = 0;
		xmlOutputBufferClose(ob);
	}
	if (b)
		xmlBufferFree(b);
	return rc;
}

static int page_open(struct page *pg)
{
	pg->doc = htmlNewDocNoDtD(NULL, NULL);
	if (!pg->doc)
		return -1;
	/* characters written as they are (UTF-8), not as references */
	pg->doc->encoding = xmlStrdup(BAD_CAST "UTF-8");
	return 0;
}

/* ---- one source ---- */

static void dt_dd(struct page *pg, xmlNodePtr dl, const char *term,
		  const char *value)
{
	el_text(pg, dl, "dt", NULL, term);
	el_text(pg, dl, "dd", NULL, value);
}

/* RFC 7303 §3.2's decision, in words */
static void encoding(struct page *pg, xmlNodePtr dl, const struct source *s)
{
	const struct fc_encoding *e = &s->res.enc;
	struct buf b = BUF_INIT(4096);

	if (!e->used) {
		ft_buf_adds(&b, "not decided (not read)");
	} else {
		ft_buf_addf(&b, "read as %s, from ", e->used);
		if (s->res.format == FC_FORMAT_JSONFEED)
			ft_buf_adds(&b, "JSON, which is UTF-8 (RFC 8259 \xC2\xA7" "8.1)");
		else if (e->bom)
			ft_buf_addf(&b, "the byte order mark (%s)", e->bom);
		else if (e->http)
			ft_buf_addf(&b, "the HTTP charset (%s)", e->http);
		else if (e->declared)
			ft_buf_addf(&b, "the XML declaration (%s)", e->declared);
		else
			ft_buf_adds(&b, "no label: XML's default, UTF-8");
		ft_buf_addf(&b, "; byte order mark: %s, HTTP charset: %s, "
			    "declaration: %s", e->bom ? e->bom : "none",
			    e->http ? e->http : "none",
			    e->declared ? e->declared : "none");
	}
	dt_dd(pg, dl, "Encoding", b.data ? b.data : "");
	ft_buf_release(&b);
}

static void http(struct page *pg, xmlNodePtr sec, const struct source *s,
		 const struct report_opts *o)
{
	const struct fetch_result *f = s->fetch;
	xmlNodePtr t, tr;
	char num[32];
	size_t i;

	if (!f || !f->url || strncmp(f->url, "http", 4))
		return;
	el_text(pg, sec, "h3", NULL, "HTTP");
	t = el(pg, sec, "table", "hops");
	tr = el(pg, t, "tr", NULL);
	el_text(pg, tr, "th", NULL, "status");
	el_text(pg, tr, "th", NULL, "URL");
	el_text(pg, tr, "th", NULL, "then");
	for (i = 0; i < f->nhops; i++) {
		tr = el(pg, t, "tr", NULL);
		snprintf(num, sizeof(num), "%ld", f->hops[i].status);
		el_text(pg, tr, "td", NULL, num);
		el_text(pg, tr, "td", NULL, f->hops[i].url);
		el_text(pg, tr, "td", NULL, f->hops[i].location);
	}
	tr = el(pg, t, "tr", NULL);
	snprintf(num, sizeof(num), "%ld", f->status);
	el_text(pg, tr, "td", NULL, f->status ? num : "none");
	el_text(pg, tr, "td", NULL, f->final_url ? f->final_url : f->url);
	{
		struct buf b = BUF_INIT(4096);
		if (f->error)
			ft_buf_adds(&b, f->error);
		else
			ft_buf_addf(&b, "Content-Type: %s%s%s",
				    f->content_type ? f->content_type : "none",
				    f->tls ? (f->insecure ? "; certificate not checked (-k)"
						: "; certificate checked") : "",
				    f->retries ? "; retried" : "");
		el_text(pg, tr, "td", NULL, b.data ? b.data : "");
		ft_buf_release(&b);
	}
	if (o->trace && f->trace) {
		xmlNodePtr d = el(pg, sec, "details", NULL);
		el_text(pg, d, "summary", NULL, "the exchange, as curl -v shows it");
		el_text(pg, d, "pre", NULL, f->trace);
	}
}

/* the lines around a finding, its column marked */
static void context(struct page *pg, xmlNodePtr li, const struct source *s,
		    const struct diag *d, struct line_cursor *cur,
		    struct excerpt *e)
{
	xmlNodePtr pre = NULL;
	long l, from = d->line > CONTEXT ? d->line - CONTEXT : 1;
	char num[32];

	for (l = from; l <= d->line + CONTEXT; l++) {
		int at = l == d->line;
		xmlNodePtr line;
		if (excerpt_line(s, cur, l, at && d->column > 0 ? d->column : 0,
				 at ? d->offset : -1, e) < 0) {
			if (l < d->line)
				continue;
			break;
		}
		if (!pre)
			pre = el(pg, li, "pre", "src");
		line = el(pg, pre, "span", at ? "at" : NULL);
		snprintf(num, sizeof(num), "%ld", l);
		el_text(pg, line, "span", "ln", num);
		if (at && e->mark >= 0) {
			const char *t = e->text.data;
			txtn(pg, line, t, (size_t)e->mark);
			if (e->mark_len)
				txtn(pg, el(pg, line, "mark", NULL), t + e->mark,
				     (size_t)e->mark_len);
			else
				el_text(pg, line, "mark", "eol", " ");
			txt(pg, line, t + e->mark + e->mark_len);
		} else {
			txt(pg, line, e->text.data);
		}
		txt(pg, pre, "\n");
	}
}

struct seen {
	const char *rule[512];
	size_t n;
};

static int seen_before(struct seen *sn, const char *rule)
{
	size_t i;

	for (i = 0; i < sn->n; i++)
		if (!strcmp(sn->rule[i], rule))
			return 1;
	if (sn->n < sizeof(sn->rule) / sizeof(sn->rule[0]))
		sn->rule[sn->n++] = rule;
	return 0;
}

static void finding(struct page *pg, xmlNodePtr ol, const struct source *s,
		    const struct diag *d, struct seen *sn,
		    struct line_cursor *cur, struct excerpt *e)
{
	const struct fc_rule *r = fc_rule_find(d->rule);
	xmlNodePtr li = el(pg, ol, "li", NULL), head = el(pg, li, "div", NULL);
	const char *sev = ft_diag_severity_name(d->severity);
	char loc[96];

	el_text(pg, head, "span", d->severity == DIAG_ERROR ? "sev error" :
		d->severity == DIAG_WARNING ? "sev warning" : "sev info", sev);
	txt(pg, head, " ");
	if (d->line > 0) {
		snprintf(loc, sizeof(loc), "%ld:%ld", d->line, d->column > 0 ? d->column : 1);
		el_text(pg, head, "span", "loc", loc);
		txt(pg, head, " ");
	}
	txt(pg, head, d->message);
	if (d->path && d->path[0]) {
		txt(pg, head, " (at ");
		el_text(pg, head, "code", NULL, d->path);
		txt(pg, head, ")");
	}
	txt(pg, head, " ");
	el_text(pg, head, "code", "rule", d->rule);
	if (d->line > 0)
		context(pg, li, s, d, cur, e);
	if (r) {
		/* the explanation in full at the rule's first finding here */
		if (!seen_before(sn, d->rule)) {
			el_text(pg, li, "p", "explain", r->explain);
		} else {
			xmlNodePtr det = el(pg, li, "details", NULL);
			struct buf b = BUF_INIT(256);
			ft_buf_addf(&b, "feedcheck --explain %s", d->rule);
			el_text(pg, det, "summary", NULL, b.data);
			el_text(pg, det, "p", "explain", r->explain);
			ft_buf_release(&b);
		}
	}
}

int html_section(const struct source *s, const struct report_opts *o,
		 size_t order, struct html_entry *e)
{
	static const char *const heading[] = { "Infos", "Warnings", "Errors" };
	struct page pg;
	struct buf b = BUF_INIT((size_t)1 << 30), vb = BUF_INIT(4096);
	struct line_cursor cur = LINE_CURSOR_INIT;
	struct excerpt ex;
	struct seen sn;
	xmlNodePtr sec, dl;
	char id[32], tb[64];
	const char *title;
	int sev, rc = -1;
	size_t i, shown = 0;

	memset(e, 0, sizeof(*e));
	sn.n = 0;
	if (page_open(&pg) < 0)
		return -1;
	excerpt_init(&ex);
	e->v = source_verdict(s, o->strict);
	e->order = order;
	memcpy(e->count, s->res.diags.count, sizeof(e->count));
	verdict_text(s, o->strict, &vb);
	e->verdict = ft_xml_clean_dup(vb.data ? vb.data : "");
	e->name = ft_xml_clean_dup(s->name);
	if (!e->verdict || !e->name)
		goto abort;
	sec = el(&pg, NULL, "section", verdict_class(e->v));
	xmlDocSetRootElement(pg.doc, sec);
	snprintf(id, sizeof(id), "s%zu", order + 1);
	attr(sec, "id", id);
	el_text(&pg, sec, "h2", NULL, s->name);
	el_text(&pg, sec, "p", "verdict", e->verdict);
	dl = el(&pg, sec, "dl", "meta");
	title = format_title(&s->res, tb, sizeof(tb));
	dt_dd(&pg, dl, "Format", title ? title : s->read_failed ? "not read" :
	      "not a feed");
	encoding(&pg, dl, s);
	snprintf(tb, sizeof(tb), "%.3f s", s->seconds);
	dt_dd(&pg, dl, "Time", tb);
	http(&pg, sec, s, o);
	for (sev = DIAG_ERROR; sev >= (int)o->min; sev--) {
		xmlNodePtr ol;
		if (!s->res.diags.count[sev])
			continue;
		snprintf(tb, sizeof(tb), "%s (%zu)", heading[sev], s->res.diags.count[sev]);
		el_text(&pg, sec, "h3", NULL, tb);
		ol = el(&pg, sec, "ol", "findings");
		for (i = 0; i < s->res.diags.n; i++) {
			const struct diag *d = &s->res.diags.v[i];
			if ((int)d->severity != sev)
				continue;
			if (shown++ == MAX_SHOWN) {
				el_text(&pg, sec, "p", NULL, "More findings are not shown "
					"here: the text, JSON or SARIF report has them all.");
				break;
			}
			if (shown <= MAX_SHOWN)
				finding(&pg, ol, s, d, &sn, &cur, &ex);
		}
	}
	if (s->res.diags.dropped) {
		snprintf(tb, sizeof(tb), "%zu more findings not kept", s->res.diags.dropped);
		el_text(&pg, sec, "p", NULL, tb);
	}
	if (serialize(&pg, sec, &b) < 0)
		goto abort;
	ft_buf_addc(&b, '\n');
	e->section_len = b.len;
	e->section = ft_buf_detach(&b);
	rc = 0;
abort:
	excerpt_release(&ex);
	ft_buf_release(&b);
	ft_buf_release(&vb);
	xmlFreeDoc(pg.doc);
	return rc;
}

void html_entry_release(struct html_entry *e)
{
	free(e->name);
	free(e->verdict);
	free(e->section);
	memset(e, 0, sizeof(*e));
}

/* ---- the page ---- */

static int rank(const struct html_entry *e)
{
	return e->v == VERDICT_UNREAD ? 0 : e->v == VERDICT_INVALID ? 1 :
	       e->v == VERDICT_STRICT_FAIL ? 2 : e->v == VERDICT_VALID ? 3 : 4;
}

/* worst first: unread, invalid (most errors first), --strict, valid */
static int worst_first(const void *a, const void *b)
{
	const struct html_entry *x = a, *y = b;
	int k;

	if (rank(x) != rank(y))
		return rank(x) - rank(y);
	for (k = DIAG_ERROR; k >= DIAG_INFO; k--)
		if (x->count[k] != y->count[k])
			return x->count[k] > y->count[k] ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static xmlNodePtr head(struct page *pg)
{
	xmlNodePtr h = el(pg, NULL, "head", NULL), m;

	m = el(pg, h, "meta", NULL);
	attr(m, "charset", "utf-8");
	m = el(pg, h, "meta", NULL);
	attr(m, "http-equiv", "Content-Security-Policy");
	/* nothing may run or be loaded: the feed's text is only ever text */
	attr(m, "content", "default-src 'none'; style-src 'unsafe-inline'; "
	     "img-src data:; script-src 'none'; base-uri 'none'; form-action 'none'");
	m = el(pg, h, "meta", NULL);
	attr(m, "name", "viewport");
	attr(m, "content", "width=device-width, initial-scale=1");
	el_text(pg, h, "title", NULL, "feedcheck report");
	el_text(pg, h, "style", NULL, css);
	return h;
}

static void index_table(struct page *pg, xmlNodePtr parent,
			const struct html_entry *v, size_t n)
{
	xmlNodePtr t = el(pg, parent, "table", "index"), tr;
	static const char *const cols[] = { "source", "verdict", "errors",
		"warnings", "infos" };
	size_t i;
	int k;

	tr = el(pg, t, "tr", NULL);
	for (k = 0; k < 5; k++)
		el_text(pg, tr, "th", NULL, cols[k]);
	for (i = 0; i < n; i++) {
		char id[32], num[32];
		xmlNodePtr a;
		tr = el(pg, t, "tr", NULL);
		a = el(pg, el(pg, tr, "td", NULL), "a", NULL);
		snprintf(id, sizeof(id), "#s%zu", v[i].order + 1);
		attr(a, "href", id);
		txt(pg, a, v[i].name);
		el_text(pg, tr, "td", verdict_class(v[i].v), v[i].verdict);
		for (k = DIAG_ERROR; k >= DIAG_INFO; k--) {
			snprintf(num, sizeof(num), "%zu", v[i].count[k]);
			el_text(pg, tr, "td", "n", num);
		}
	}
}

int html_document(FILE *fp, struct html_entry *v, size_t n,
		  const struct report_opts *o, double start)
{
	struct page pg;
	struct buf b = BUF_INIT((size_t)1 << 30), sum = BUF_INIT(4096);
	xmlNodePtr top, hd;
	size_t i, c[VERDICT_COUNT] = { 0 }, f[3] = { 0, 0, 0 };
	char stamp[64];
	time_t t = (time_t)start;
	struct tm tm;
	int rc = -1, k;

	(void)o;
	if (page_open(&pg) < 0)
		return -1;
	qsort(v, n, sizeof(*v), worst_first);
	for (i = 0; i < n; i++) {
		c[v[i].v]++;
		for (k = 0; k < 3; k++)
			f[k] += v[i].count[k];
	}
	if (!gmtime_r(&t, &tm))
		memset(&tm, 0, sizeof(tm));
	strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S UTC", &tm);
	ft_buf_adds(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n");
	hd = head(&pg);
	xmlDocSetRootElement(pg.doc, hd);
	if (serialize(&pg, hd, &b) < 0)
		goto abort;
	ft_buf_adds(&b, "\n<body>\n");
	top = el(&pg, NULL, "header", NULL);
	el_text(&pg, top, "h1", NULL, "feedcheck report");
	ft_buf_addf(&sum, "%zu source%s: %zu valid, %zu invalid", n, n == 1 ? "" : "s",
		    c[VERDICT_VALID], c[VERDICT_INVALID] + c[VERDICT_STRICT_FAIL]);
	if (c[VERDICT_UNREAD])
		ft_buf_addf(&sum, ", %zu not checked", c[VERDICT_UNREAD]);
	if (c[VERDICT_SKIPPED])
		ft_buf_addf(&sum, ", %zu skipped", c[VERDICT_SKIPPED]);
	ft_buf_adds(&sum, "; ");
	counts_text(&sum, f[DIAG_ERROR], f[DIAG_WARNING], f[DIAG_INFO], ", ", 1);
	el_text(&pg, top, "p", "summary", sum.data);
	if (n > 1)
		index_table(&pg, top, v, n);
	xmlFreeNode(xmlDocSetRootElement(pg.doc, top));
	if (serialize(&pg, top, &b) < 0)
		goto abort;
	ft_buf_addc(&b, '\n');
	for (i = 0; i < n; i++)
		if (v[i].section && ft_buf_add(&b, v[i].section, v[i].section_len) < 0)
			goto abort;
	top = el(&pg, NULL, "footer", NULL);
	ft_buf_reset(&sum);
	ft_buf_addf(&sum, "feedcheck %s, %s. feedcheck --explain RULE says more about "
		    "a rule; --format json or sarif gives every finding.",
		    FEED_VERSION, stamp);
	txt(&pg, top, sum.data);
	xmlFreeNode(xmlDocSetRootElement(pg.doc, top));
	if (serialize(&pg, top, &b) < 0)
		goto abort;
	ft_buf_adds(&b, "\n</body>\n</html>\n");
	if (fwrite(b.data, 1, b.len, fp) == b.len)
		rc = 0;
abort:
	ft_buf_release(&b);
	ft_buf_release(&sum);
	xmlFreeDoc(pg.doc);
	return rc;
}
