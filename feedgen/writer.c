/*
 * writer.c - Atom 1.0 and RSS 2.0 from the feed model with libxml2's
 * xmlTextWriter, and the run over the articles that feeds all three
 * writers (writer.h; JSON Feed's items are writer_json.c's).
 */
#include "writer.h"

#include <errno.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "body.h"
#include "buf.h"
#include "grow.h"
#include "media.h"
#include "writer_int.h"

#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_FH "http://purl.org/syndication/history/1.0"
#define NS_MEDIA "http://search.yahoo.com/mrss/"
/* Media RSS 1.5.0, media:credit: the European Broadcasting Union's role
 * codes, the default scheme, named so that no reader has to know that */
#define CREDIT_SCHEME "urn:ebu"
#define GENERATOR "feedgen"

#define W(call) do { if ((call) < 0) o->failed = 1; } while (0)

/* An element of text, escaped by libxml2 (xmlTextWriterWriteString: & < >
 * " and CR as references). */
static void el(struct out *o, xmlTextWriterPtr w, const char *name,
	       const char *text)
{
	W(xmlTextWriterWriteElement(w, BAD_CAST name, writer_clean(o, text)));
}

/*
 * An element whose text readers take as HTML (RSS's description, RSS 2.0
 * and the RSS Best Practices Profile: "entity-encoded HTML") from text
 * that is plain: escaped as HTML first (libxml2's xmlEncodeSpecialChars),
 * so that what it holds reaches the reader as text ("<script>" shown,
 * never run), then as XML by el().
 */
static void html_el(struct out *o, xmlTextWriterPtr w, const char *name,
		    const char *text)
{
	xmlChar *h = xmlEncodeSpecialChars(NULL, writer_clean(o, text));

	if (!h) {
		o->failed = 1;
		return;
	}
	el(o, w, name, (const char *)h);
	xmlFree(h);
}

static void attr(struct out *o, xmlTextWriterPtr w, const char *name,
		 const char *value)
{
	W(xmlTextWriterWriteAttribute(w, BAD_CAST name, writer_clean(o, value)));
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

static xmlTextWriterPtr open_xml(FILE *fp)
{
	xmlOutputBufferPtr ob;
	xmlTextWriterPtr w;

	ob = xmlOutputBufferCreateFile(fp, NULL);
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
 * The XML declaration, with encoding="UTF-8".  libxml2 then passes the
 * output through its UTF-8 encoder (one more copy of each byte, which
 * bench/README.md measures) and, knowing the document's encoding, writes
 * attributes' characters as they are rather than as references.
 */
static void start_doc(struct out *o, xmlTextWriterPtr w)
{
	W(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
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

/* A media:credit for each name: the EBU role codes' "photographer" for
 * the people, "distributor" for the agency that sent the photo */
static void media_credits(struct out *o, xmlTextWriterPtr w,
			  const struct strlist *names, const char *role)
{
	size_t i;

	for (i = 0; i < names->n; i++) {
		W(xmlTextWriterStartElement(w, BAD_CAST "media:credit"));
		attr(o, w, "role", role);
		attr(o, w, "scheme", CREDIT_SCHEME);
		W(xmlTextWriterWriteString(w, writer_clean(o, names->v[i])));
		W(xmlTextWriterEndElement(w));
	}
}

/* Media RSS 1.5.0's width and height, when known. */
static void size_attrs(struct out *o, xmlTextWriterPtr w, int width, int height)
{
	char n[16];

	if (width <= 0 || height <= 0)
		return;
	snprintf(n, sizeof(n), "%d", width);
	attr(o, w, "width", n);
	snprintf(n, sizeof(n), "%d", height);
	attr(o, w, "height", n);
}

/*
 * The entry's first photo for readers (Media RSS 1.5.0), in RSS and Atom
 * alike: media:content with its size, its caption, its photographers and
 * a thumbnail when a smaller copy is there (never the photo itself).
 */
static void media_content(struct out *o, xmlTextWriterPtr w,
			  const struct media_photo *ph)
{
	char len[32];

	W(xmlTextWriterStartElement(w, BAD_CAST "media:content"));
	attr(o, w, "url", ph->url);
	attr(o, w, "medium", "image");
	if (ph->type)
		attr(o, w, "type", ph->type);
	if (ph->length >= 0) {
		snprintf(len, sizeof(len), "%lld", ph->length);
		attr(o, w, "fileSize", len);
	}
	size_attrs(o, w, ph->width, ph->height);
	if (ph->caption) {
		W(xmlTextWriterStartElement(w, BAD_CAST "media:description"));
		attr(o, w, "type", "plain");
		W(xmlTextWriterWriteString(w, writer_clean(o, ph->caption)));
		W(xmlTextWriterEndElement(w));
	}
	media_credits(o, w, &ph->credits, "photographer");
	media_credits(o, w, &ph->agencies, "distributor");
	if (ph->thumb) {
		W(xmlTextWriterStartElement(w, BAD_CAST "media:thumbnail"));
		attr(o, w, "url", ph->thumb);
		size_attrs(o, w, ph->thumb_width, ph->thumb_height);
		W(xmlTextWriterEndElement(w));
	}
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
	attr(o, w, "xmlns:dc", NS_DC);
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
	/* RFC 4287 sections 4.2.5, 4.2.8, 4.2.10 */
	if (m->icon)
		el(o, w, "icon", m->icon);
	if (m->logo)
		el(o, w, "logo", m->logo);
	if (m->rights)
		el(o, w, "rights", m->rights);
}

static void atom_entry(struct out *o, const struct article *a,
		       const char *html, const char *summary,
		       const struct media_photo *ph, const char *source)
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
	/* an agency's copy without a byline of the paper's is the agency's,
	 * not the feed's author's */
	if (!a->authors.n && source)
		person(o, w, "author", source);
	for (i = 0; i < a->contributors.n; i++)
		person(o, w, "contributor", a->contributors.v[i]);
	/* Atom's <source> is the feed an entry was copied from; the agency
	 * is named as Dublin Core's source, as in RSS */
	if (source)
		el(o, w, "dc:source", source);
	for (i = 0; i < a->categories.n; i++) {
		W(xmlTextWriterStartElement(w, BAD_CAST "category"));
		attr(o, w, "term", a->categories.v[i]);
		W(xmlTextWriterEndElement(w));
	}
	/* RFC 4287 section 4.1.2: an entry without content has a summary */
	if (*summary || o->summary_only)
		el(o, w, "summary", *summary ? summary : a->title);
	if (!o->summary_only) {
		W(xmlTextWriterStartElement(w, BAD_CAST "content"));
		attr(o, w, "type", "html");
		cdata(o, w, html);
		W(xmlTextWriterEndElement(w));
	}
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
	if (m->rights)
		el(o, w, "copyright", m->rights);
	/* RSS 2.0's <image>: its url, and the channel's title and link */
	if (m->logo || m->icon) {
		W(xmlTextWriterStartElement(w, BAD_CAST "image"));
		el(o, w, "url", m->logo ? m->logo : m->icon);
		el(o, w, "title", m->title);
		el(o, w, "link", m->home_url);
		W(xmlTextWriterEndElement(w));
	}
	rss_atom_link(o, w, "self", "application/rss+xml", m->rss_url);
	hub_and_history(o, w, m, FMT_RSS, rss_atom_link);
}

static void rss_item(struct out *o, const struct article *a,
		     const char *html, const char *summary,
		     const struct media_photo *ph, const char *source)
{
	xmlTextWriterPtr w = o->rss;
	char d[40];
	size_t i;

	W(xmlTextWriterStartElement(w, BAD_CAST "item"));
	el(o, w, "title", a->title);
	el(o, w, "link", a->link);
	W(xmlTextWriterStartElement(w, BAD_CAST "guid"));
	attr(o, w, "isPermaLink", "false");
	W(xmlTextWriterWriteString(w, writer_clean(o, a->id)));
	W(xmlTextWriterEndElement(w));
	ft_date_format_rfc822(&a->published, d);
	el(o, w, "pubDate", d);
	/* RSS 2.0 has a channel's language only: an item's is Dublin Core's
	 * (dc:language, RFC 5646 tags), which the channel already declares */
	if (a->lang)
		el(o, w, "dc:language", a->lang);
	for (i = 0; i < a->authors.n; i++)
		el(o, w, "dc:creator", a->authors.v[i]);
	if (!a->authors.n && source)
		el(o, w, "dc:creator", source);
	/* the photographers and an agency's reporters, as Atom's
	 * contributors */
	for (i = 0; i < a->contributors.n; i++)
		el(o, w, "dc:contributor", a->contributors.v[i]);
	/* RSS 2.0's <source> names a feed by its URL, which an agency's copy
	 * does not have: Dublin Core's source names the agency */
	if (source)
		el(o, w, "dc:source", source);
	for (i = 0; i < a->categories.n; i++)
		el(o, w, "category", a->categories.v[i]);
	html_el(o, w, "description", summary);
	if (!o->summary_only) {
		W(xmlTextWriterStartElement(w, BAD_CAST "content:encoded"));
		cdata(o, w, html);
		W(xmlTextWriterEndElement(w));
	}
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

const char writer_err_source[] = "cannot read an article back from the state";

void feed_measure_release(struct feed_measure *ms)
{
	int i;

	for (i = 0; i < 3; i++)
		free(ms->end[i]);
	free(ms->first_id);
	memset(ms, 0, sizeof(*ms));
}

/* Where the streams stand now: after an entry (i >= 0) or at the end. */
static void measure(struct out *o, struct feed_measure *ms, FILE *fp[3], int end)
{
	int f;

	if (!ms)
		return;
	if (!end && ms->n == ms->alloc) {
		/* three arrays share one room */
		size_t na = ft_grow_room(ms->alloc, ms->n + 1);
		for (f = 0; f < 3; f++) {
			long long *nv = na ? ft_reallocarray(ms->end[f], na, sizeof(*nv)) : NULL;
			if (!nv) {
				o->failed = 1;
				return;
			}
			ms->end[f] = nv;
		}
		ms->alloc = na;
	}
	for (f = 0; f < 3; f++) {
		long long at = -1;
		xmlTextWriterPtr w = f == FMT_ATOM ? o->atom : f == FMT_RSS ? o->rss : NULL;
		if (fp[f]) {
			if (w && xmlTextWriterFlush(w) < 0)
				o->failed = 1;
			at = (long long)ftello(fp[f]);
		}
		if (end)
			ms->total[f] = at;
		else
			ms->end[f][ms->n] = at;
	}
	ms->n += !end;
}

int write_feeds(const struct feed_meta *m, const struct entry_source *src,
		FILE *atom, FILE *rss, FILE *json, const char **errmsg)
{
	return write_feeds_measured(m, src, atom, rss, json, errmsg, NULL);
}

int write_feeds_measured(const struct feed_meta *m, const struct entry_source *src,
			 FILE *atom, FILE *rss, FILE *json, const char **errmsg,
			 struct feed_measure *ms)
{
	struct out o;
	const struct article *a;
	FILE *fp[3] = { atom, rss, json };
	int r = -1, k, first = 1;

	memset(&o, 0, sizeof(o));
	o.summary_only = m->summary_only;
	ft_buf_init(&o.tmp, HTML_MAX);
	o.json = json;
	*errmsg = "write failed";
	if ((atom && !(o.atom = open_xml(atom))) ||
	    (rss && !(o.rss = open_xml(rss)))) {
		*errmsg = "cannot start the XML writer";
		goto done;
	}
	if (o.atom)
		atom_head(&o, m);
	if (o.rss)
		rss_head(&o, m);
	if (o.json)
		writer_json_head(&o, m);
	while (!o.failed && (k = src->next(src->arg, &a)) != 0) {
		const char *html, *summary;
		char *source;
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
		source = body_source_of(a->extra);
		if (o.atom)
			atom_entry(&o, a, html, summary, has_photo ? &ph : NULL, source);
		if (o.rss)
			rss_item(&o, a, html, summary, has_photo ? &ph : NULL, source);
		if (o.json)
			writer_json_item(&o, a, html, summary, has_photo ? &ph : NULL, source,
				  first);
		free(source);
		if (has_photo)
			media_photo_release(&ph);
		if (ms && first && !(ms->first_id = strdup(a->id ? a->id : "")))
			o.failed = 1;
		first = 0;
		measure(&o, ms, fp, 0);
	}
	if (o.atom)
		if (xmlTextWriterEndDocument(o.atom) < 0) o.failed = 1;
	if (o.rss)
		if (xmlTextWriterEndDocument(o.rss) < 0) o.failed = 1;
	if (o.json && fputs("\n]}\n", o.json) < 0)
		o.failed = 1;
	if (!o.failed && ms) {
		if (o.atom && xmlTextWriterFlush(o.atom) < 0)
			o.failed = 1;
		if (o.rss && xmlTextWriterFlush(o.rss) < 0)
			o.failed = 1;
		measure(&o, ms, fp, 1);
	}
	r = o.failed ? -1 : 0;
done:
	if (o.atom)
		xmlFreeTextWriter(o.atom);
	if (o.rss)
		xmlFreeTextWriter(o.rss);
	ft_buf_release(&o.tmp);
	if (r == 0 && ((atom && (fflush(atom) || ferror(atom))) ||
		       (rss && (fflush(rss) || ferror(rss))) ||
		       (json && (fflush(json) || ferror(json)))))
		r = -1;
	return r;
}
