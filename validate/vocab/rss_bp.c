/*
 * rss_bp.c - what the W3C validator checks in RSS beyond rss.c's tables:
 * the attributes of the core elements, the version against the Netscape
 * DOCTYPE, permalinks, guids, enclosure URLs, raw IRIs where URLs are
 * required, RDF/XML misuse in RSS 1.0, and the RSS Best Practices
 * Profile's warnings (image, item order, description before
 * content:encoded, real names, textInput).  One vocabulary, for RSS and
 * RDF documents: the engine reaches it through fc_vocab_rss_bp
 * (vocab.c).  Calls doc.c, the value checkers and idset.c only.
 */
#include "vocab.h"
#include "value.h"
#include "idset.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"

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

static void rss_bp_start(struct fc *fc, struct frame *f)
{
	struct frame *p;
	const char *v;

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
		if (fc->cat.netscape_dtd && v && strcmp(v, "0.91"))
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

static void rss_bp_end(struct fc *fc, struct frame *f)
{
	const char *t = f->text.data ? f->text.data : "";
	struct frame *p;

	if (f->ctx == CX_OPAQUE)
		return;
	p = fc_parent(fc, f);
	if (f->ctx == CX_ALINK && f->ns == NS_ATOM) {
		/* RFC 4287 §4.2.7: atom:link is empty, in RSS as in Atom */
		if (!fc_is_blank(t) || f->nelem)
			fc_report_at(fc, f, "atom-link-not-empty",
				     "'%s' should be empty", f->qname);
		return;
	}
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
			keep(fc->cat.ch_title, &fc->cat.ch_title_set, t);
		else if (p->ctx == CX_CHANNEL && !strcmp(f->local, "link"))
			keep(fc->cat.ch_link, &fc->cat.ch_link_set, t);
		else if (p->ctx == CX_IMAGE && !strcmp(f->local, "title"))
			keep(fc->cat.im_title, &fc->cat.im_title_set, t);
		else if (p->ctx == CX_IMAGE && !strcmp(f->local, "link"))
			keep(fc->cat.im_link, &fc->cat.im_link_set, t);
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
		if (fc_idset_full(fc->ids) && !fc->cat.idfull_said++)
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
		    !fc->cat.no_guid++) {
			fc->cat.no_guid_line = f->line;
			fc->cat.no_guid_col = f->col;
		}
		break;
	case CX_CHANNEL:
		if (fc->cat.no_guid) {
			struct diag *d = fc_report(fc, "rss-missing-guid",
				fc->cat.no_guid_line, fc->cat.no_guid_col,
				"%lu item%s without a guid (this is the first)",
				fc->cat.no_guid, fc->cat.no_guid == 1 ? "" : "s");
			if (d)
				d->element = strdup("item");
		}
		if (fc->cat.im_title_set && fc->cat.ch_title_set &&
		    strcmp(fc->cat.im_title, fc->cat.ch_title))
			fc_report_at(fc, f, "rss-image-title-mismatch",
				     "image title '%.60s' is not the channel's "
				     "'%.60s'", fc->cat.im_title, fc->cat.ch_title);
		if (fc->cat.im_link_set && fc->cat.ch_link_set &&
		    strcmp(fc->cat.im_link, fc->cat.ch_link))
			fc_report_at(fc, f, "rss-image-link-mismatch",
				     "image link '%.80s' is not the channel's "
				     "'%.80s'", fc->cat.im_link, fc->cat.ch_link);
		break;
	default:
		break;
	}
}

/* RSS 2.0 "Extending RSS": an un-namespaced element inside an extension */
static void rss_bp_foreign(struct fc *fc, struct frame *f)
{
	struct frame *p = fc_parent(fc, f);

	if (fc->family == 'r' && f->ns == NS_NONE && p && p->ns != NS_NONE)
		fc_report_at(fc, f, "rss-not-in-namespace",
			     "'%s' inside the extension element '%s' has no "
			     "namespace", f->qname, p->qname);
}

/* RSS best practice: the engine reaches this file through this row (vocab.c) */
const struct fc_vocab fc_vocab_rss_bp = {
	NULL, "rd", rss_bp_start, rss_bp_end, rss_bp_foreign
};
