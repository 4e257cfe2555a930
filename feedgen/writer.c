/*
 * writer.c - Atom 1.0, RSS 2.0 and JSON Feed 1.1 from the feed model, with
 * libxml2's xmlTextWriter and jansson (writer.h).
 */
#include "writer.h"

#include <errno.h>
#include <jansson.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "media.h"
#include "utf8.h"

#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_FH "http://purl.org/syndication/history/1.0"
#define NS_MEDIA "http://search.yahoo.com/mrss/"
/* Media RSS 1.5.0, media:credit: the European Broadcasting Union's role
 * codes, the default scheme, named so that no reader has to know that */
#define CREDIT_SCHEME "urn:ebu"
#define JSONFEED_VERSION "https://jsonfeed.org/version/1.1"
#define GENERATOR "feedgen"

/* An article's HTML is bounded like the page it came from. */
#define HTML_MAX ((size_t)256 << 20)

struct out {
	xmlTextWriterPtr atom, rss;
	xmlOutputBufferPtr atom_out, rss_out;   /* theirs (xmlNewTextWriter) */
	FILE *json;
	struct buf tmp;     /* scratch for cleaned strings */
	struct buf esc;     /* ... and for their escaped form */
	struct buf html;    /* plain text as HTML (html_el) */
	int failed;
};

/* s cleaned of what XML forbids, in o->tmp (valid until the next call) */
static const xmlChar *clean(struct out *o, const char *s)
{
	ft_buf_reset(&o->tmp);
	if (!s)
		s = "";
	if (ft_xml_clean_append(&o->tmp, s, strlen(s)) < 0) {
		o->failed = 1;
		return BAD_CAST "";
	}
	return BAD_CAST(o->tmp.data ? o->tmp.data : "");
}

#define W(call) do { if ((call) < 0) o->failed = 1; } while (0)

/* s into b (reset first), each character of set written as its
 * reference: & < > " and CR.  0, or -1 (b's ceiling, or no memory). */
static int escape_into(struct buf *b, const char *s, const char *set)
{
	const char *q;

	ft_buf_reset(b);
	while (*(q = s + strcspn(s, set))) {
		const char *e = *q == '&' ? "&amp;" : *q == '<' ? "&lt;" :
				*q == '>' ? "&gt;" : *q == '"' ? "&quot;" : "&#13;";
		if (ft_buf_add(b, s, (size_t)(q - s)) < 0 || ft_buf_adds(b, e) < 0)
			return -1;
		s = q + 1;
	}
	return ft_buf_adds(b, s);
}

/*
 * An element of text.  The text is escaped here, as xmlTextWriterWriteString
 * would (xmlEncodeSpecialChars: & < > " and CR), and written raw: most text
 * has nothing to escape and is written as it was cleaned, without the copy
 * xmlEncodeSpecialChars makes a byte at a time.
 */
static void el(struct out *o, xmlTextWriterPtr w, const char *name,
	       const char *text)
{
	const char *c = (const char *)clean(o, text);
	size_t n = o->tmp.data ? o->tmp.len : 0;

	if (c[strcspn(c, "&<>\"\r")]) {
		if (escape_into(&o->esc, c, "&<>\"\r") < 0) {
			o->failed = 1;
			return;
		}
		c = o->esc.data;
		n = o->esc.len;
	}
	W(xmlTextWriterStartElement(w, BAD_CAST name));
	W(xmlTextWriterWriteRawLen(w, BAD_CAST c, (int)n));
	W(xmlTextWriterEndElement(w));
}

/*
 * An element whose text readers take as HTML (RSS's description, RSS 2.0
 * and the RSS Best Practices Profile: "entity-encoded HTML") from text
 * that is plain: escaped as HTML first, so that what it holds reaches the
 * reader as text ("<script>" shown, never run), then as XML by el().
 */
static void html_el(struct out *o, xmlTextWriterPtr w, const char *name,
		    const char *text)
{
	if (escape_into(&o->html, text ? text : "", "&<>") < 0) {
		o->failed = 1;
		return;
	}
	el(o, w, name, o->html.data ? o->html.data : "");
}

static void attr(struct out *o, xmlTextWriterPtr w, const char *name,
		 const char *value)
{
	W(xmlTextWriterWriteAttribute(w, BAD_CAST name, clean(o, value)));
}

/*
 * An article's HTML as CDATA: nothing to escape, for the writer or for the
 * reader's parser.  xmlTextWriter does not split "]]>", so it is split
 * here: "a]]>b" becomes <![CDATA[a]]]]><![CDATA[>b]]>.  The text is
 * already cleaned of what XML forbids.
 */
static void cdata(struct out *o, xmlTextWriterPtr w, const char *text)
{
	const char *p = text, *end;

	do {
		end = strstr(p, "]]>");
		W(xmlTextWriterStartCDATA(w));
		if (end) {
			W(xmlTextWriterWriteRawLen(w, BAD_CAST p, (int)(end + 2 - p)));
			p = end + 2;
		} else {
			W(xmlTextWriterWriteRaw(w, BAD_CAST p));
		}
		W(xmlTextWriterEndCDATA(w));
	} while (end);
}

static void atom_link(struct out *o, xmlTextWriterPtr w, const char *rel,
		      const char *type, const char *href)
{
	W(xmlTextWriterStartElement(w, BAD_CAST "link"));
	attr(o, w, "rel", rel);
	if (type)
		attr(o, w, "type", type);
	attr(o, w, "href", href);
	W(xmlTextWriterEndElement(w));
}

static void person(struct out *o, xmlTextWriterPtr w, const char *kind,
		   const char *name)
{
	W(xmlTextWriterStartElement(w, BAD_CAST kind));
	el(o, w, "name", name);
	W(xmlTextWriterEndElement(w));
}

static xmlTextWriterPtr open_xml(FILE *fp, xmlOutputBufferPtr *out)
{
	xmlOutputBufferPtr ob;
	xmlTextWriterPtr w;

	*out = ob = xmlOutputBufferCreateFile(fp, NULL);
	if (!ob)
		return NULL;
	/* the writer owns ob once made (xmlwriter.h: "if the call
	 * succeed"); when it fails, ob is still ours to close */
	w = xmlNewTextWriter(ob);
	if (!w) {
		xmlOutputBufferClose(ob);
		return NULL;
	}
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	return w;
}

/*
 * The XML declaration, with encoding="UTF-8".  Told an encoding, libxml2
 * passes all that follows through that encoding's converter, which for
 * UTF-8 is one more copy of every byte; what feedgen writes is UTF-8
 * already (cleaned of what XML forbids), so once the declaration is out
 * the output buffer goes on without one.
 */
static void start_doc(struct out *o, xmlTextWriterPtr w)
{
	xmlOutputBufferPtr ob = w == o->atom ? o->atom_out : o->rss_out;

	W(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
	if (xmlTextWriterFlush(w) < 0) {
		o->failed = 1;
		return;
	}
	if (ob->encoder) {
		xmlCharEncCloseFunc(ob->encoder);
		ob->encoder = NULL;
	}
}

/* RFC 5005 section 4: <fh:archive/> */
static void fh_archive(struct out *o, xmlTextWriterPtr w)
{
	W(xmlTextWriterStartElement(w, BAD_CAST "fh:archive"));
	W(xmlTextWriterEndElement(w));
}

static void rss_atom_link(struct out *o, xmlTextWriterPtr w, const char *rel,
			  const char *type, const char *href)
{
	W(xmlTextWriterStartElement(w, BAD_CAST "atom:link"));
	attr(o, w, "href", href);
	attr(o, w, "rel", rel);
	if (type)
		attr(o, w, "type", type);
	W(xmlTextWriterEndElement(w));
}

typedef void link_fn(struct out *o, xmlTextWriterPtr w, const char *rel,
		     const char *type, const char *href);

/* The WebSub hub, and RFC 5005 section 4's links and fh:archive marker. */
static void hub_and_history(struct out *o, xmlTextWriterPtr w,
			    const struct feed_meta *m, int fmt, link_fn *link)
{
	const char *type = fmt == FMT_ATOM ? "application/atom+xml" :
					     "application/rss+xml";

	if (m->hub)
		link(o, w, "hub", NULL, m->hub);
	if (m->current[fmt])
		link(o, w, "current", type, m->current[fmt]);
	if (m->prev_archive[fmt])
		link(o, w, "prev-archive", type, m->prev_archive[fmt]);
	if (m->next_archive[fmt])
		link(o, w, "next-archive", type, m->next_archive[fmt]);
	if (m->archive)
		fh_archive(o, w);
}

/*
 * The entry's first photo for readers (Media RSS 1.5.0), in RSS and Atom
 * alike: media:content with its caption, its photographers and a
 * thumbnail (the photo itself: feedgen makes no smaller copy).
 */
static void media_content(struct out *o, xmlTextWriterPtr w,
			  const struct media_photo *ph)
{
	char len[32];
	size_t i;

	W(xmlTextWriterStartElement(w, BAD_CAST "media:content"));
	attr(o, w, "url", ph->url);
	attr(o, w, "medium", "image");
	if (ph->type)
		attr(o, w, "type", ph->type);
	if (ph->length >= 0) {
		snprintf(len, sizeof(len), "%lld", ph->length);
		attr(o, w, "fileSize", len);
	}
	if (ph->caption) {
		W(xmlTextWriterStartElement(w, BAD_CAST "media:description"));
		attr(o, w, "type", "plain");
		W(xmlTextWriterWriteString(w, clean(o, ph->caption)));
		W(xmlTextWriterEndElement(w));
	}
	for (i = 0; i < ph->credits.n; i++) {
		W(xmlTextWriterStartElement(w, BAD_CAST "media:credit"));
		attr(o, w, "role", "photographer");
		attr(o, w, "scheme", CREDIT_SCHEME);
		W(xmlTextWriterWriteString(w, clean(o, ph->credits.v[i])));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterStartElement(w, BAD_CAST "media:thumbnail"));
	attr(o, w, "url", ph->url);
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndElement(w));
}

/* An enclosure only where its length is known (the file is in the
 * collection) and its type too: a wrong length is worse than none. */
static int has_enclosure(const struct media_photo *ph)
{
	return ph && ph->url && ph->type && ph->length >= 0;
}

static void atom_head(struct out *o, const struct feed_meta *m)
{
	xmlTextWriterPtr w = o->atom;
	char d[32];

	start_doc(o, w);
	W(xmlTextWriterStartElementNS(w, NULL, BAD_CAST "feed", BAD_CAST NS_ATOM));
	if (m->archive)
		attr(o, w, "xmlns:fh", NS_FH);
	attr(o, w, "xmlns:media", NS_MEDIA);
	attr(o, w, "xml:lang", m->lang);
	el(o, w, "id", m->id);
	el(o, w, "title", m->title);
	if (m->subtitle && *m->subtitle)
		el(o, w, "subtitle", m->subtitle);
	ft_date_format_rfc3339(&m->updated, d);
	el(o, w, "updated", d);
	person(o, w, "author", m->author);
	atom_link(o, w, "self", "application/atom+xml", m->atom_url);
	atom_link(o, w, "alternate", "text/html", m->home_url);
	hub_and_history(o, w, m, FMT_ATOM, atom_link);
	W(xmlTextWriterStartElement(w, BAD_CAST "generator"));
	attr(o, w, "version", FEED_VERSION);
	W(xmlTextWriterWriteString(w, BAD_CAST GENERATOR));
	W(xmlTextWriterEndElement(w));
}

static void atom_entry(struct out *o, const struct article *a,
		       const char *html, const char *summary,
		       const struct media_photo *ph)
{
	xmlTextWriterPtr w = o->atom;
	char d[32];
	size_t i;

	W(xmlTextWriterStartElement(w, BAD_CAST "entry"));
	/* the entry's own language, when its front matter gives one (RFC
	 * 4287 section 2: xml:lang on any element) */
	if (a->lang)
		attr(o, w, "xml:lang", a->lang);
	el(o, w, "id", a->id);
	el(o, w, "title", a->title);
	atom_link(o, w, "alternate", "text/html", a->link);
	if (has_enclosure(ph)) {
		/* RFC 4287 section 4.2.7.2 */
		W(xmlTextWriterStartElement(w, BAD_CAST "link"));
		attr(o, w, "rel", "enclosure");
		attr(o, w, "type", ph->type);
		snprintf(d, sizeof(d), "%lld", ph->length);
		attr(o, w, "length", d);
		attr(o, w, "href", ph->url);
		W(xmlTextWriterEndElement(w));
	}
	ft_date_format_rfc3339(&a->published, d);
	el(o, w, "published", d);
	ft_date_format_rfc3339(&a->updated, d);
	el(o, w, "updated", d);
	for (i = 0; i < a->authors.n; i++)
		person(o, w, "author", a->authors.v[i]);
	for (i = 0; i < a->contributors.n; i++)
		person(o, w, "contributor", a->contributors.v[i]);
	for (i = 0; i < a->categories.n; i++) {
		W(xmlTextWriterStartElement(w, BAD_CAST "category"));
		attr(o, w, "term", a->categories.v[i]);
		W(xmlTextWriterEndElement(w));
	}
	if (*summary)
		el(o, w, "summary", summary);
	W(xmlTextWriterStartElement(w, BAD_CAST "content"));
	attr(o, w, "type", "html");
	cdata(o, w, html);
	W(xmlTextWriterEndElement(w));
	if (ph && ph->url)
		media_content(o, w, ph);
	W(xmlTextWriterEndElement(w));
}

static void rss_head(struct out *o, const struct feed_meta *m)
{
	xmlTextWriterPtr w = o->rss;
	char d[40];

	start_doc(o, w);
	W(xmlTextWriterStartElement(w, BAD_CAST "rss"));
	attr(o, w, "version", "2.0");
	attr(o, w, "xmlns:atom", NS_ATOM);
	attr(o, w, "xmlns:content", NS_CONTENT);
	attr(o, w, "xmlns:dc", NS_DC);
	if (m->archive)
		attr(o, w, "xmlns:fh", NS_FH);
	attr(o, w, "xmlns:media", NS_MEDIA);
	W(xmlTextWriterStartElement(w, BAD_CAST "channel"));
	el(o, w, "title", m->title);
	el(o, w, "link", m->home_url);
	el(o, w, "description",
	   m->subtitle && *m->subtitle ? m->subtitle : m->title);
	el(o, w, "language", m->lang);
	ft_date_format_rfc822(&m->updated, d);
	el(o, w, "lastBuildDate", d);
	el(o, w, "generator", GENERATOR " " FEED_VERSION);
	rss_atom_link(o, w, "self", "application/rss+xml", m->rss_url);
	hub_and_history(o, w, m, FMT_RSS, rss_atom_link);
}

static void rss_item(struct out *o, const struct article *a,
		     const char *html, const char *summary,
		     const struct media_photo *ph)
{
	xmlTextWriterPtr w = o->rss;
	char d[40];
	size_t i;

	W(xmlTextWriterStartElement(w, BAD_CAST "item"));
	el(o, w, "title", a->title);
	el(o, w, "link", a->link);
	W(xmlTextWriterStartElement(w, BAD_CAST "guid"));
	attr(o, w, "isPermaLink", "false");
	W(xmlTextWriterWriteString(w, clean(o, a->id)));
	W(xmlTextWriterEndElement(w));
	ft_date_format_rfc822(&a->published, d);
	el(o, w, "pubDate", d);
	/* RSS 2.0 has a channel's language only: an item's is Dublin Core's
	 * (dc:language, RFC 5646 tags), which the channel already declares */
	if (a->lang)
		el(o, w, "dc:language", a->lang);
	for (i = 0; i < a->authors.n; i++)
		el(o, w, "dc:creator", a->authors.v[i]);
	/* the photographers, as Atom's contributors */
	for (i = 0; i < a->contributors.n; i++)
		el(o, w, "dc:contributor", a->contributors.v[i]);
	for (i = 0; i < a->categories.n; i++)
		el(o, w, "category", a->categories.v[i]);
	html_el(o, w, "description", summary);
	W(xmlTextWriterStartElement(w, BAD_CAST "content:encoded"));
	cdata(o, w, html);
	W(xmlTextWriterEndElement(w));
	if (has_enclosure(ph)) {
		char len[32];
		snprintf(len, sizeof(len), "%lld", ph->length);
		W(xmlTextWriterStartElement(w, BAD_CAST "enclosure"));
		attr(o, w, "url", ph->url);
		attr(o, w, "length", len);
		attr(o, w, "type", ph->type);
		W(xmlTextWriterEndElement(w));
	}
	if (ph && ph->url)
		media_content(o, w, ph);
	W(xmlTextWriterEndElement(w));
}

/* jansson wants valid UTF-8; cleaned strings are */
static json_t *jstr(struct out *o, const char *s)
{
	const xmlChar *c = clean(o, s);
	json_t *j = json_stringn((const char *)c, o->tmp.len);
	if (!j)
		o->failed = 1;
	return j;
}

static json_t *jpeople(struct out *o, const struct strlist *l)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < l->n; i++) {
		json_t *p = json_object();
		json_object_set_new(p, "name", jstr(o, l->v[i]));
		json_array_append_new(arr, p);
	}
	return arr;
}

static int json_write(struct out *o, json_t *j)
{
	int r;
	if (!j)
		return -1;
	r = json_dumpf(j, o->json, JSON_COMPACT);
	json_decref(j);
	if (r < 0)
		o->failed = 1;
	return r;
}

static void json_head(struct out *o, const struct feed_meta *m)
{
	json_t *root = json_object(), *authors = json_array(), *a = json_object();
	char *dump;
	size_t len;

	json_object_set_new(root, "version", json_string(JSONFEED_VERSION));
	json_object_set_new(root, "title", jstr(o, m->title));
	json_object_set_new(root, "home_page_url", jstr(o, m->home_url));
	json_object_set_new(root, "feed_url", jstr(o, m->json_url));
	if (m->subtitle && *m->subtitle)
		json_object_set_new(root, "description", jstr(o, m->subtitle));
	json_object_set_new(root, "language", jstr(o, m->lang));
	json_object_set_new(a, "name", jstr(o, m->author));
	json_array_append_new(authors, a);
	json_object_set_new(root, "authors", authors);
	if (m->hub) {
		json_t *hubs = json_array(), *h = json_object();
		json_object_set_new(h, "type", json_string("WebSub"));
		json_object_set_new(h, "url", jstr(o, m->hub));
		json_array_append_new(hubs, h);
		json_object_set_new(root, "hubs", hubs);
	}
	/* the items are streamed one by one after the head: dump the head
	 * without its closing brace */
	dump = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	if (!dump) {
		o->failed = 1;
		return;
	}
	len = strlen(dump);
	if (len < 2 || fwrite(dump, 1, len - 1, o->json) != len - 1 ||
	    fputs(",\"items\":[", o->json) < 0)
		o->failed = 1;
	free(dump);
}

static void json_item(struct out *o, const struct article *a,
		      const char *html, const char *summary,
		      const struct media_photo *ph, int first)
{
	json_t *it = json_object();
	char d[32];

	if (!it) {
		o->failed = 1;
		return;
	}
	json_object_set_new(it, "id", jstr(o, a->id));
	json_object_set_new(it, "url", jstr(o, a->link));
	json_object_set_new(it, "title", jstr(o, a->title));
	/* JSON Feed 1.1: an item's language */
	if (a->lang)
		json_object_set_new(it, "language", jstr(o, a->lang));
	json_object_set_new(it, "content_html", json_stringn_nocheck(html, a->html_len));
	if (*summary)
		json_object_set_new(it, "summary", jstr(o, summary));
	if (ph && ph->url)
		json_object_set_new(it, "image", jstr(o, ph->url));
	ft_date_format_rfc3339(&a->published, d);
	json_object_set_new(it, "date_published", json_string(d));
	ft_date_format_rfc3339(&a->updated, d);
	json_object_set_new(it, "date_modified", json_string(d));
	if (a->authors.n)
		json_object_set_new(it, "authors", jpeople(o, &a->authors));
	if (a->categories.n) {
		json_t *tags = json_array();
		size_t i;
		for (i = 0; i < a->categories.n; i++)
			json_array_append_new(tags, jstr(o, a->categories.v[i]));
		json_object_set_new(it, "tags", tags);
	}
	/* JSON Feed has no contributors, captions or credits; an extension
	 * object carries them (JSON Feed 1.1, "Extensions": keys starting
	 * with an underscore; feedgen(5) documents this one) */
	if (a->contributors.n || (ph && ph->url)) {
		json_t *ext = json_object();
		if (a->contributors.n)
			json_object_set_new(ext, "contributors",
					    jpeople(o, &a->contributors));
		if (ph && ph->url) {
			json_t *p = json_object();
			json_object_set_new(p, "url", jstr(o, ph->url));
			if (ph->caption)
				json_object_set_new(p, "caption", jstr(o, ph->caption));
			if (ph->credits.n)
				json_object_set_new(p, "credits", jpeople(o, &ph->credits));
			json_object_set_new(ext, "photo", p);
		}
		json_object_set_new(it, "_feedgen", ext);
	}
	if (fputs(first ? "\n" : ",\n", o->json) < 0)
		o->failed = 1;
	json_write(o, it);
}

const char writer_err_source[] = "cannot read an article back from the state";

int write_feeds(const struct feed_meta *m, const struct entry_source *src,
		FILE *atom, FILE *rss, FILE *json, const char **errmsg)
{
	struct out o;
	const struct article *a;
	int r = -1, k, first = 1;

	memset(&o, 0, sizeof(o));
	ft_buf_init(&o.tmp, HTML_MAX);
	ft_buf_init(&o.esc, 6 * HTML_MAX);
	ft_buf_init(&o.html, 6 * HTML_MAX);
	o.json = json;
	*errmsg = "write failed";
	if ((atom && !(o.atom = open_xml(atom, &o.atom_out))) ||
	    (rss && !(o.rss = open_xml(rss, &o.rss_out)))) {
		*errmsg = "cannot start the XML writer";
		goto done;
	}
	if (o.atom)
		atom_head(&o, m);
	if (o.rss)
		rss_head(&o, m);
	if (o.json)
		json_head(&o, m);
	while (!o.failed && (k = src->next(src->arg, &a)) != 0) {
		const char *html, *summary;
		struct media_photo ph;
		int has_photo;
		if (k < 0) {
			*errmsg = writer_err_source;
			errno = EIO;
			goto done;
		}
		html = a->html ? a->html : "";
		summary = a->summary ? a->summary : "";
		/* what the state keeps with the article: feedgen wrote it,
		 * so what cannot be read is shown without a photo */
		has_photo = media_photo_parse(a->extra, &ph) == 1;
		if (o.atom)
			atom_entry(&o, a, html, summary, has_photo ? &ph : NULL);
		if (o.rss)
			rss_item(&o, a, html, summary, has_photo ? &ph : NULL);
		if (o.json)
			json_item(&o, a, html, summary, has_photo ? &ph : NULL, first);
		if (has_photo)
			media_photo_release(&ph);
		first = 0;
	}
	if (o.atom)
		if (xmlTextWriterEndDocument(o.atom) < 0) o.failed = 1;
	if (o.rss)
		if (xmlTextWriterEndDocument(o.rss) < 0) o.failed = 1;
	if (o.json && fputs("\n]}\n", o.json) < 0)
		o.failed = 1;
	r = o.failed ? -1 : 0;
done:
	if (o.atom)
		xmlFreeTextWriter(o.atom);
	if (o.rss)
		xmlFreeTextWriter(o.rss);
	ft_buf_release(&o.tmp);
	ft_buf_release(&o.esc);
	ft_buf_release(&o.html);
	if (r == 0 && ((atom && (fflush(atom) || ferror(atom))) ||
		       (rss && (fflush(rss) || ferror(rss))) ||
		       (json && (fflush(json) || ferror(json)))))
		r = -1;
	return r;
}
