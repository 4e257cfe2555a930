/*
 * rss.c - RSS 0.91, 0.92 and 2.0 (RSS 2.0 specification, RSS Advisory
 * Board) and RSS 0.90 / 1.0 (RDF Site Summary 1.0): the element tables
 * and the checks that need more than one element; in the late round, what
 * the W3C validator checks beyond them: the attributes of the core
 * elements, the version against the Netscape DOCTYPE, permalinks, guids,
 * enclosure URLs, raw IRIs where URLs are required, RDF/XML misuse in RSS
 * 1.0, and the RSS Best Practices Profile's warnings (image, item order,
 * description before content:encoded, real names, textInput).
 */
#include "vocab.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "idset.h"
#include "utf8.h"

#define CH BIT(CX_CHANNEL)
#define IT BIT(CX_ITEM)

static const struct elrule rss_rules[] = {
	{ BIT(CX_RSS), NS_NONE, "channel", CX_CHANNEL, 1, 1, VT_NONE },
	/* RSS 2.0 "Required channel elements" */
	{ CH, NS_NONE, "title", CX_LEAF, 1, 1, VT_TEXT },
	{ CH, NS_NONE, "link", CX_LEAF, 1, 1, VT_URL },
	{ CH, NS_NONE, "description", CX_LEAF, 1, 1, VT_HTML },
	/* "Optional channel elements" */
	{ CH, NS_NONE, "language", CX_LEAF, 0, 1, VT_LANG },
	{ CH, NS_NONE, "copyright", CX_LEAF, 0, 1, VT_ANY },
	{ CH, NS_NONE, "managingEditor", CX_LEAF, 0, 1, VT_EMAIL_RSS },
	{ CH, NS_NONE, "webMaster", CX_LEAF, 0, 1, VT_EMAIL_RSS },
	{ CH, NS_NONE, "pubDate", CX_LEAF, 0, 1, VT_RFC822 },
	{ CH, NS_NONE, "lastBuildDate", CX_LEAF, 0, 1, VT_RFC822 },
	{ CH | IT, NS_NONE, "category", CX_CATEGORY, 0, 0, VT_ANY },
	{ CH, NS_NONE, "generator", CX_LEAF, 0, 1, VT_ANY },
	{ CH, NS_NONE, "docs", CX_LEAF, 0, 1, VT_URL },
	{ CH, NS_NONE, "cloud", CX_CLOUD, 0, 1, VT_EMPTY },
	{ CH, NS_NONE, "ttl", CX_LEAF, 0, 1, VT_POSINT },
	{ CH, NS_NONE, "image", CX_IMAGE, 0, 1, VT_NONE },
	{ CH, NS_NONE, "rating", CX_LEAF, 0, 1, VT_ANY },
	{ CH, NS_NONE, "textInput", CX_TEXTINPUT, 0, 1, VT_NONE },
	{ CH, NS_NONE, "skipHours", CX_SKIPHOURS, 0, 1, VT_NONE },
	{ CH, NS_NONE, "skipDays", CX_SKIPDAYS, 0, 1, VT_NONE },
	{ CH, NS_NONE, "item", CX_ITEM, 0, 0, VT_NONE },
	/* "Elements of <item>" */
	{ IT, NS_NONE, "title", CX_LEAF, 0, 1, VT_TEXT },
	{ IT, NS_NONE, "link", CX_LEAF, 0, 1, VT_URL },
	{ IT, NS_NONE, "description", CX_LEAF, 0, 1, VT_HTML },
	{ IT, NS_NONE, "author", CX_LEAF, 0, 1, VT_EMAIL_RSS },
	{ IT, NS_NONE, "comments", CX_LEAF, 0, 1, VT_URL },
	{ IT, NS_NONE, "enclosure", CX_ENCLOSURE, 0, 0, VT_EMPTY },
	{ IT, NS_NONE, "guid", CX_GUID, 0, 1, VT_ANY },
	{ IT, NS_NONE, "pubDate", CX_LEAF, 0, 1, VT_RFC822 },
	{ IT, NS_NONE, "source", CX_SOURCE, 0, 1, VT_ANY },
	/* "<image> sub-element of <channel>" */
	{ BIT(CX_IMAGE), NS_NONE, "url", CX_LEAF, 1, 1, VT_URL },
	{ BIT(CX_IMAGE), NS_NONE, "title", CX_LEAF, 1, 1, VT_TEXT },
	{ BIT(CX_IMAGE), NS_NONE, "link", CX_LEAF, 1, 1, VT_URL },
	{ BIT(CX_IMAGE), NS_NONE, "width", CX_LEAF, 0, 1, VT_ANY },
	{ BIT(CX_IMAGE), NS_NONE, "height", CX_LEAF, 0, 1, VT_ANY },
	{ BIT(CX_IMAGE), NS_NONE, "description", CX_LEAF, 0, 1, VT_TEXT },
	/* "<textInput> sub-element of <channel>" */
	{ BIT(CX_TEXTINPUT), NS_NONE, "title", CX_LEAF, 1, 1, VT_TEXT },
	{ BIT(CX_TEXTINPUT), NS_NONE, "description", CX_LEAF, 1, 1, VT_TEXT },
	{ BIT(CX_TEXTINPUT), NS_NONE, "name", CX_LEAF, 1, 1, VT_ANY },
	{ BIT(CX_TEXTINPUT), NS_NONE, "link", CX_LEAF, 1, 1, VT_URL },
	{ BIT(CX_SKIPHOURS), NS_NONE, "hour", CX_LEAF, 1, 24, VT_HOUR },
	{ BIT(CX_SKIPDAYS), NS_NONE, "day", CX_LEAF, 1, 7, VT_DAY },
	/* RSS 1.0 §5 */
	{ BIT(CX_RDF), NS_RSS10, "channel", CX_RCHANNEL, 1, 1, VT_NONE },
	{ BIT(CX_RDF), NS_RSS10, "image", CX_RIMAGE, 0, 1, VT_NONE },
	{ BIT(CX_RDF), NS_RSS10, "item", CX_RITEM, 0, 0, VT_NONE },
	{ BIT(CX_RDF), NS_RSS10, "textinput", CX_RTEXTINPUT, 0, 1, VT_NONE },
	{ BIT(CX_RCHANNEL), NS_RSS10, "title", CX_LEAF, 1, 1, VT_TEXT },
	{ BIT(CX_RCHANNEL), NS_RSS10, "link", CX_LEAF, 1, 1, VT_URL },
	{ BIT(CX_RCHANNEL), NS_RSS10, "description", CX_LEAF, 1, 1, VT_ANY },
	{ BIT(CX_RCHANNEL), NS_RSS10, "image", CX_RRES, 0, 1, VT_EMPTY },
	{ BIT(CX_RCHANNEL), NS_RSS10, "items", CX_RITEMS, 0, 1, VT_NONE },
	{ BIT(CX_RCHANNEL), NS_RSS10, "textinput", CX_RRES, 0, 1, VT_EMPTY },
	{ BIT(CX_RITEMS), NS_RDF, "Seq", CX_RSEQ, 1, 1, VT_NONE },
	{ BIT(CX_RSEQ), NS_RDF, "li", CX_RLI, 0, 0, VT_EMPTY },
	{ BIT(CX_RITEM), NS_RSS10, "title", CX_LEAF, 1, 1, VT_TEXT },
	{ BIT(CX_RITEM), NS_RSS10, "link", CX_LEAF, 1, 1, VT_URL },
	{ BIT(CX_RITEM), NS_RSS10, "description", CX_LEAF, 0, 1, VT_HTML },
	{ BIT(CX_RIMAGE), NS_RSS10, "title", CX_LEAF, 1, 1, VT_TEXT },
	{ BIT(CX_RIMAGE), NS_RSS10, "url", CX_LEAF, 1, 1, VT_URL },
	{ BIT(CX_RIMAGE), NS_RSS10, "link", CX_LEAF, 1, 1, VT_URL },
	{ BIT(CX_RTEXTINPUT), NS_RSS10, "title", CX_LEAF, 1, 1, VT_TEXT },
	{ BIT(CX_RTEXTINPUT), NS_RSS10, "description", CX_LEAF, 1, 1, VT_TEXT },
	{ BIT(CX_RTEXTINPUT), NS_RSS10, "name", CX_LEAF, 1, 1, VT_ANY },
	{ BIT(CX_RTEXTINPUT), NS_RSS10, "link", CX_LEAF, 1, 1, VT_URL },
	{ 0, 0, NULL, 0, 0, 0, 0 }
};

static void need_attr(struct fc *fc, struct frame *f, int ns, const char *name,
		      int vt)
{
	const char *v = fc_attr(f, ns, name);

	if (!v)
		fc_report_at(fc, f, "missing-attribute",
			     "missing '%s' attribute: '%s%s'", f->qname,
			     ns == NS_RDF ? "rdf:" : "", name);
	else if (vt != VT_ANY)
		fc_check_attr_value(fc, f, name, vt, v);
}

static void rss_start(struct fc *fc, struct frame *f, void *state)
{
	const char *v;

	(void)state;
	switch (f->ctx) {
	case CX_RSS:
		v = fc_attr(f, NS_NONE, "version");
		if (!v)
			fc_report_at(fc, f, "missing-attribute",
				     "missing 'rss' attribute: 'version'");
		/* RSS 2.0: "the version attribute must be 2.0"; 0.91 and
		 * 0.92 are the older published versions (0.90 and 1.0 are
		 * RDF); 0.93, 0.94 were drafts, 2.0.1 and 2.01 revisions of
		 * the spec's text, not versions */
		else if (strcmp(v, "2.0") && strcmp(v, "0.91") &&
			 strcmp(v, "0.92"))
			fc_report_at(fc, f, "rss-invalid-version",
				     "invalid RSS version '%.20s'", v);
		break;
	case CX_ENCLOSURE:
		need_attr(fc, f, NS_NONE, "url", VT_URL);
		need_attr(fc, f, NS_NONE, "length", VT_NNINT);
		need_attr(fc, f, NS_NONE, "type", VT_MIME);
		if (fc_kids(fc_parent(fc, f), NS_NONE, "enclosure") == 2)
			fc_report_at(fc, f, "rss-duplicate-enclosure",
				     "item contains more than one enclosure");
		break;
	case CX_GUID:
		for (size_t i = 0; i < f->nattrs; i++)
			if (f->attrs[i].ns == NS_NONE &&
			    strcmp(f->attrs[i].local, "isPermaLink"))
				fc_report_at(fc, f, "unexpected-attribute",
					     "unexpected attribute '%s' on '%s'",
					     f->attrs[i].local, f->qname);
		v = fc_attr(f, NS_NONE, "isPermaLink");
		if (v && strcmp(v, "true") && strcmp(v, "false"))
			fc_report_at(fc, f, "invalid-boolean",
				     "isPermaLink must be true or false: '%.20s'",
				     v);
		break;
	case CX_SOURCE:
		need_attr(fc, f, NS_NONE, "url", VT_URL);
		break;
	case CX_CATEGORY:
		break;
	case CX_CLOUD:
		need_attr(fc, f, NS_NONE, "domain", VT_ANY);
		need_attr(fc, f, NS_NONE, "port", VT_POSINT);
		need_attr(fc, f, NS_NONE, "path", VT_ANY);
		need_attr(fc, f, NS_NONE, "registerProcedure", VT_ANY);
		need_attr(fc, f, NS_NONE, "protocol", VT_ANY);
		break;
	case CX_RCHANNEL:
	case CX_RITEM:
	case CX_RIMAGE:
	case CX_RTEXTINPUT:
		if (fc->fmt == FC_FORMAT_RSS10)
			need_attr(fc, f, NS_RDF, "about", VT_URI);
		break;
	case CX_RRES:
		need_attr(fc, f, NS_RDF, "resource", VT_URI);
		break;
	case CX_RLI:
		/* RDF/XML §2.4 also allows an unqualified resource */
		if (!fc_attr(f, NS_NONE, "resource"))
			need_attr(fc, f, NS_RDF, "resource", VT_URI);
		break;
	default:
		break;
	}
}

static void image_size(struct fc *fc, struct frame *f, const char *t,
		       long long max, const char *rule)
{
	long long x;

	while (IS_SPACE(*t))
		t++;
	if (fc_int_check(t, 1, max, &x))
		fc_report_at(fc, f, rule, "'%s' must be an integer 1 to %lld: "
			     "'%.20s'", f->qname, max, t);
}

static void rss_end(struct fc *fc, struct frame *f, void *state)
{
	struct frame *p = fc_parent(fc, f);
	const char *t = f->text.data ? f->text.data : "";

	(void)state;
	switch (f->ctx) {
	case CX_LEAF:
		if (p && (p->ctx == CX_SKIPHOURS || p->ctx == CX_SKIPDAYS)) {
			/* each hour or day once */
			char key[80];
			long long h;
			while (IS_SPACE(*t))
				t++;
			if (p->ctx == CX_SKIPHOURS && !fc_int_check(t, 0, 24, &h))
				snprintf(key, sizeof(key), "\001%lld", h % 24);
			else
				snprintf(key, sizeof(key), "\002%.60s", t);
			if (fc_idset_add(fc->ids, key))
				fc_report_at(fc, f, "duplicate-value",
					     "'%s' appears twice: '%.40s'",
					     f->qname, t);
			break;
		}
		if (p && (p->ctx == CX_TEXTINPUT || p->ctx == CX_RTEXTINPUT) &&
		    !strcmp(f->local, "name")) {
			/* HTML 4.01 §6.2 name token */
			const char *q = t;
			int ok = IS_ALPHA(*q) || *q == '_';
			for (; *q && ok; q++)
				if (!IS_ALNUM(*q) && !strchr("_-.:", *q))
					ok = 0;
			if (!ok)
				fc_report_at(fc, f, "invalid-form-name",
					     "invalid text input name '%.40s'", t);
			break;
		}
		if (p && p->ctx == CX_IMAGE && !strcmp(f->local, "width"))
			image_size(fc, f, t, 144, "invalid-width");
		else if (p && p->ctx == CX_IMAGE && !strcmp(f->local, "height"))
			image_size(fc, f, t, 400, "invalid-height");
		else if (fc->fmt == FC_FORMAT_RSS091 && f->ns == NS_NONE) {
			/* RSS 0.91 length limits */
			size_t lim = !strcmp(f->local, "title") ? 100 :
				     !strcmp(f->local, "description") ? 500 :
				     !strcmp(f->local, "link") ||
				     !strcmp(f->local, "url") ? 500 : 0;
			/* characters, not bytes (RSS 0.91 counts characters) */
			if (lim && strlen(t) > lim &&
			    ft_utf8_chars(t, strlen(t)) > lim)
				fc_report_at(fc, f, "too-long",
					     "'%s' is longer than %zu characters",
					     f->qname, lim);
		}
		break;
	case CX_GUID: {
		const char *pl = fc_attr(f, NS_NONE, "isPermaLink");
		char *s = fc_trim_dup(t);
		if (!s)
			break;
		if ((!pl || !strcmp(pl, "true")) &&
		    (!*s || fc_uri_check(s, 1, 1, NULL) != URI_OK))
			fc_report_at(fc, f, "rss-invalid-guid",
				     "guid must be a full URL, unless "
				     "isPermaLink is false: '%.100s'", s);
		if (*s && fc_idset_add(fc->ids, s))
			fc_report_at(fc, f, "rss-duplicate-guid",
				     "duplicate guid '%.100s'", s);
		free(s);
		break;
	}
	case CX_ITEM:
		if (fc->fmt == FC_FORMAT_RSS091) {
			if (!fc_kids(f, NS_NONE, "title"))
				fc_report_at(fc, f, "missing-element",
					     "missing 'item' element: 'title'");
			if (!fc_kids(f, NS_NONE, "link"))
				fc_report_at(fc, f, "missing-element",
					     "missing 'item' element: 'link'");
		} else if (!fc_kids(f, NS_NONE, "title") &&
			   !fc_kids(f, NS_NONE, "description")) {
			fc_report_at(fc, f, "rss-item-title-or-description",
				     "item must contain either title or "
				     "description");
		}
		break;
	case CX_CHANNEL:
		/* a podcast's is a warning (PSP-1), podcast_req.c's; RSS 0.91
		 * has no namespaces to carry atom:link */
		if (!fc->feed_has_self && !fc_podcast(fc) && fc->fmt != FC_FORMAT_RSS091)
			fc_report_at(fc, f, "missing-atom-self-link",
				     "missing atom:link rel=\"self\"");
		break;
	case CX_RCHANNEL:
		if (fc->fmt == FC_FORMAT_RSS10 && !fc_kids(f, NS_RSS10, "items"))
			fc_report_at(fc, f, "missing-element",
				     "missing 'channel' element: 'items'");
		break;
	default:
		break;
	}
}

/* What the late round keeps across a document. */
struct rss_state {
	char ch_title[256], ch_link[256];   /* the channel's, for its image */
	char im_title[256], im_link[256];   /* its image's */
	int ch_title_set, ch_link_set, im_title_set, im_link_set;
	unsigned long no_guid;      /* RSS 2.0 items without a guid */
	long no_guid_line, no_guid_col;   /* the first of them */
};

/* ---- the late round: beyond the tables ---- */

/* RSS 2.0: the attributes each core element defines */
static int core_attr(const struct frame *f, const char *a)
{
	switch (f->ctx) {
	case CX_RSS:
		return !strcmp(a, "version");
	case CX_ENCLOSURE:
		return !strcmp(a, "url") || !strcmp(a, "length") ||
		       !strcmp(a, "type");
	case CX_SOURCE:
		return !strcmp(a, "url");
	case CX_CATEGORY:
		return !strcmp(a, "domain");
	case CX_CLOUD:
		return !strcmp(a, "domain") || !strcmp(a, "port") ||
		       !strcmp(a, "path") || !strcmp(a, "registerProcedure") ||
		       !strcmp(a, "protocol");
	case CX_GUID:
		return 1;   /* rss.c checks guid's */
	default:
		return 0;
	}
}

static void attributes(struct fc *fc, struct frame *f)
{
	size_t i;
	int ext = 0;

	for (i = 0; i < f->nattrs; i++) {
		const struct fc_attr *a = &f->attrs[i];
		if (a->ns == NS_XML)
			continue;
		if (a->ns == NS_NONE) {
			if (!core_attr(f, a->local))
				fc_report_at(fc, f, "unexpected-attribute",
					     "unexpected attribute '%s' on '%s'",
					     a->local, f->qname);
		} else if (a->ns == NS_RDF && fc->family == 'r') {
			fc_report_at(fc, f, "unexpected-attribute",
				     "unexpected attribute 'rdf:%s' on '%s': RSS "
				     "2.0 is not RDF", a->local, f->qname);
		} else if (!ext++) {
			fc_report_at(fc, f, "rss-extension-attribute",
				     "'%s' carries the extension attribute '%s'",
				     f->qname, a->local);
		}
	}
}

static const char *scheme_end(const char *s)
{
	const char *p = s;

	if (!IS_ALPHA(*p))
		return NULL;
	while (IS_ALNUM(*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return *p == ':' ? p : NULL;
}

static int is_http(const char *s)
{
	return fc_strncase_eq(s, "http:", 5) || fc_strncase_eq(s, "https:", 6);
}

/* RFC 3986 §2: a URI is ASCII; an IRI must be mapped first */
static void url_ascii(struct fc *fc, struct frame *f, const char *what,
		      const char *v)
{
	const unsigned char *p;

	for (p = (const unsigned char *)v; *p; p++)
		if (*p >= 0x80) {
			fc_report_at(fc, f, "uri-not-iri",
				     "%s holds raw non-ASCII characters: "
				     "'%.100s' (percent-encode them)", what, v);
			return;
		}
}

static void advice_start(struct fc *fc, struct frame *f, void *state)
{
	struct frame *p;
	const char *v;

	(void)state;
	if (f->ctx == CX_OPAQUE) {
		p = fc_parent(fc, f);
		/* an element in another vocabulary that means description */
		if (p && p->ctx == CX_ITEM &&
		    ((f->ns == NS_ATOM && !strcmp(f->local, "content") &&
		      !fc_attr(f, NS_NONE, "src")) ||
		     (f->ns == NS_XHTML && !strcmp(f->local, "body"))))
			fc_report_at(fc, f, "rss-duplicate-description",
				     "'%s' duplicates the item's description",
				     f->qname);
		else if (p && p->ctx == CX_CHANNEL && fc_kids(p, NS_NONE, "item"))
			fc_report_at(fc, f, "rss-misplaced-item",
				     "'%s' comes after the first item", f->qname);
		return;
	}
	if (f->ns == NS_NONE && fc->family == 'r')
		attributes(fc, f);
	p = fc_parent(fc, f);
	if (p && p->ctx == CX_CHANNEL && fc_kids(p, NS_NONE, "item") &&
	    !(f->ns == NS_NONE && !strcmp(f->local, "item")))
		fc_report_at(fc, f, "rss-misplaced-item",
			     "'%s' comes after the first item", f->qname);
	switch (f->ctx) {
	case CX_RSS:
		v = fc_attr(f, NS_NONE, "version");
		if (fc->netscape_dtd && v && strcmp(v, "0.91"))
			fc_report_at(fc, f, "rss-invalid-doctype",
				     "the Netscape RSS 0.91 DOCTYPE on an RSS %.10s "
				     "feed", v);
		break;
	case CX_TEXTINPUT:
		fc_report_at(fc, f, "rss-avoid-textinput",
			     "most readers ignore textInput");
		break;
	case CX_ENCLOSURE:
		if ((v = fc_attr(f, NS_NONE, "url")) != NULL) {
			url_ascii(fc, f, "enclosure url", v);
			if (scheme_end(v) && !is_http(v))
				fc_report_at(fc, f, "rss-enclosure-not-http",
					     "enclosure url must be http or "
					     "https: '%.100s'", v);
		}
		break;
	case CX_LEAF:
		if (f->ns == NS_CONTENT && !strcmp(f->local, "encoded") &&
		    p && p->ctx == CX_ITEM && !fc_kids(p, NS_NONE, "description"))
			fc_report_at(fc, f, "rss-content-before-description",
				     "content:encoded without a description "
				     "before it");
		break;
	case CX_RITEM:
		/* RDF: each item is one resource */
		if ((v = fc_attr(f, NS_RDF, "about")) != NULL && *v) {
			size_t n = strlen(v) + 2;
			char *k = malloc(n);
			if (k) {
				k[0] = '\003';
				memcpy(k + 1, v, n - 1);
				if (fc_idset_add(fc->ids, k))
					fc_report_at(fc, f, "duplicate-value",
						     "two items are rdf:about "
						     "'%.100s'", v);
				free(k);
			}
		}
		break;
	default:
		break;
	}
	/* RDF/XML §7.2: rdf:about is for node elements */
	if (fc->family == 'd' && f->ctx == CX_LEAF && fc_attr(f, NS_RDF, "about"))
		fc_report_at(fc, f, "rss10-invalid-rdf",
			     "rdf:about on the property element '%s'", f->qname);
}

/* an RSS 2.0 core element the channel's image compares with */
static void keep(char *dst, int *set, const char *t)
{
	char *s = fc_trim_dup(t);

	if (!s)
		return;
	snprintf(dst, 256, "%s", s);
	*set = 1;
	free(s);
}

static int small_integer(const char *s)
{
	size_t n = 0;

	while (IS_SPACE(*s))
		s++;
	while (IS_DIGIT(s[n]))
		n++;
	if (!n || n > 6)
		return 0;
	for (s += n; IS_SPACE(*s); s++)
		;
	return !*s;
}

static void advice_end(struct fc *fc, struct frame *f, void *state)
{
	struct rss_state *st = state;
	const char *t = f->text.data ? f->text.data : "";
	struct frame *p;

	if (f->ctx == CX_OPAQUE)
		return;
	p = fc_parent(fc, f);
	if (f->ctx == CX_ALINK && f->ns == NS_ATOM)
		return;     /* atom.c's */
	/* RDF/XML §7.2.21: emptyPropertyElt */
	if (fc->family == 'd' && fc_attr(f, NS_RDF, "resource") &&
	    (f->nelem || !fc_is_blank(t)) && f->ctx != CX_RITEM)
		fc_report_at(fc, f, "rss10-invalid-rdf",
			     "'%s' has rdf:resource and content", f->qname);
	if (f->ns != NS_NONE && f->ns != NS_RSS10)
		return;
	switch (f->ctx) {
	case CX_LEAF:
		if (!p)
			break;
		if (f->vt == VT_URL)
			url_ascii(fc, f, f->qname, t);
		if (p->ctx == CX_CHANNEL && !strcmp(f->local, "title"))
			keep(st->ch_title, &st->ch_title_set, t);
		else if (p->ctx == CX_CHANNEL && !strcmp(f->local, "link"))
			keep(st->ch_link, &st->ch_link_set, t);
		else if (p->ctx == CX_IMAGE && !strcmp(f->local, "title"))
			keep(st->im_title, &st->im_title_set, t);
		else if (p->ctx == CX_IMAGE && !strcmp(f->local, "link"))
			keep(st->im_link, &st->im_link_set, t);
		else if (p->ctx == CX_IMAGE && !strcmp(f->local, "url")) {
			/* RSS 2.0 image: "a GIF, JPEG or PNG image" */
			char *s = fc_trim_dup(t);
			size_t n;
			const char *dot, *slash;
			if (!s)
				break;
			n = strcspn(s, "?#");
			s[n] = '\0';
			dot = strrchr(s, '.');
			slash = strrchr(s, '/');
			if (dot && (!slash || dot > slash) && n - (size_t)(dot - s) <= 6 &&
			    !fc_strncase_eq(dot, ".gif", 5) && !fc_strncase_eq(dot, ".jpg", 5) &&
			    !fc_strncase_eq(dot, ".jpeg", 6) && !fc_strncase_eq(dot, ".png", 5))
				fc_report_at(fc, f, "rss-image-format",
					     "the channel image '%.100s' is not a GIF, "
					     "JPEG or PNG", s);
			free(s);
		} else if ((!strcmp(f->local, "author") ||
			    !strcmp(f->local, "managingEditor") ||
			    !strcmp(f->local, "webMaster")) &&
			   fc_rss_email_check(t) == 0) {
			char *s = fc_trim_dup(t);
			if (s && (!strchr(s, '(') || !strncmp(s, "mailto:", 7)))
				fc_report_at(fc, f, "rss-missing-real-name",
					     "'%s' gives an address without a name: "
					     "write \"address (Name)\"", f->qname);
			free(s);
		}
		break;
	case CX_GUID: {
		const char *pl = fc_attr(f, NS_NONE, "isPermaLink");
		if (fc_idset_full(fc->ids) && !fc->ids_full_said++)
			fc_report_at(fc, f, "id-set-full", "more than %u ids: "
				     "duplicates from here on are not looked for",
				     FC_IDSET_CAP);
		char *s = fc_trim_dup(t);
		const char *e;
		if (!s)
			break;
		if (!pl || !strcmp(pl, "true")) {
			url_ascii(fc, f, "a permalink guid", s);
			if ((e = scheme_end(s)) && !is_http(s) &&
			    !fc_strncase_eq(s, "ftp:", 4) &&
			    fc_uri_check(s, 1, 1, NULL) == URI_OK)
				fc_report_at(fc, f, "rss-invalid-permalink",
					     "guid '%.100s' is a %.*s: identifier, "
					     "not a URL a browser can open: add "
					     "isPermaLink=\"false\"", s,
					     (int)(e - s > 20 ? 20 : e - s), s);
		} else if (small_integer(s)) {
			fc_report_at(fc, f, "rss-guid-small-integer",
				     "guid '%s' is only a small integer", s);
		}
		free(s);
		break;
	}
	case CX_ITEM:
		/* counted, and said once at the channel's end */
		if (fc->fmt == FC_FORMAT_RSS20 && !fc_kids(f, NS_NONE, "guid") &&
		    !st->no_guid++) {
			st->no_guid_line = f->line;
			st->no_guid_col = f->col;
		}
		break;
	case CX_CHANNEL:
		if (st->no_guid) {
			struct diag *d = fc_report(fc, "rss-missing-guid",
				st->no_guid_line, st->no_guid_col,
				"%lu item%s without a guid (this is the first)",
				st->no_guid, st->no_guid == 1 ? "" : "s");
			if (d)
				d->element = strdup("item");
		}
		if (st->im_title_set && st->ch_title_set &&
		    strcmp(st->im_title, st->ch_title))
			fc_report_at(fc, f, "rss-image-title-mismatch",
				     "image title '%.60s' is not the channel's "
				     "'%.60s'", st->im_title, st->ch_title);
		if (st->im_link_set && st->ch_link_set &&
		    strcmp(st->im_link, st->ch_link))
			fc_report_at(fc, f, "rss-image-link-mismatch",
				     "image link '%.80s' is not the channel's "
				     "'%.80s'", st->im_link, st->ch_link);
		break;
	default:
		break;
	}
}

/* RSS 2.0 "Extending RSS": an un-namespaced element inside an extension */
static void advice_foreign(struct fc *fc, struct frame *f, void *state)
{
	struct frame *p = fc_parent(fc, f);

	(void)state;
	if (fc->family == 'r' && f->ns == NS_NONE && p && p->ns != NS_NONE)
		fc_report_at(fc, f, "rss-not-in-namespace",
			     "'%s' inside the extension element '%s' has no "
			     "namespace", f->qname, p->qname);
}

const struct fc_vocab fc_vocab_rss = {
	.name = "rss",
	.rules = rss_rules,
	.family = "rd",
	.size = sizeof(struct rss_state),
	.hooks = { rss_start, rss_end, NULL },
	.late = { advice_start, advice_end, advice_foreign },
};
