/*
 * rss.c - RSS 0.91, 0.92 and 2.0 (RSS 2.0 specification, RSS Advisory
 * Board) and RSS 0.90 / 1.0 (RDF Site Summary 1.0) rules.  One
 * vocabulary: the engine reaches it through fc_vocab_rss (vocab.c).
 * Calls doc.c, the value checkers (value*.c) and idset.c only.
 */
#include "vocab.h"
#include "value.h"
#include "idset.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "utf8.h"

#define CH BIT(CX_CHANNEL)
#define IT BIT(CX_ITEM)

const struct elrule fc_rss_rules[] = {
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

static void rss_start(struct fc *fc, struct frame *f)
{
	const char *v;

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

static void rss_end(struct fc *fc, struct frame *f)
{
	struct frame *p = fc_parent(fc, f);
	const char *t = f->text.data ? f->text.data : "";

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
		 * has no namespaces to carry atom:link (D11) */
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

/* RSS 0.90-2.0 and RSS 1.0 (RDF): the engine reaches this file through this row (vocab.c) */
const struct fc_vocab fc_vocab_rss = {
	fc_rss_rules, "rd", rss_start, rss_end, NULL
};
