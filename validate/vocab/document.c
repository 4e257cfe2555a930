/*
 * document.c - the document against what the transport said: a media type
 * that names another feed format or only "XML" (W3C UnexpectedContentType,
 * NonSpecificMediaType), and a self link that is not the URL the feed was
 * fetched from (SelfDoesntMatchLocation; only for fetched URLs).
 */
#include "vocab.h"
#include "value.h"

#include <string.h>
#include <strings.h>

#include "ascii.h"

struct document_state {
	int self_said;             /* self-not-location said */
};

static void media_type(struct fc *fc, struct frame *f)
{
	const char *mt = fc->t ? fc->t->media_type : NULL;
	int rss = fc->family == 'r' || fc->family == 'd';

	if (!mt || !*mt)
		return;
	if ((rss && !strcasecmp(mt, "application/atom+xml")) ||
	    (fc->family == 'a' && (!strcasecmp(mt, "application/rss+xml") ||
				   !strcasecmp(mt, "application/rdf+xml"))) ||
	    !strcasecmp(mt, "application/feed+json") ||
	    !strcasecmp(mt, "application/json"))
		fc_report_at(fc, f, "content-type-mismatch",
			     "served as %.60s, but the document is %s", mt,
			     fc_format_name(fc->fmt));
	else if (!strcasecmp(mt, "application/xml") || !strcasecmp(mt, "text/xml"))
		fc_report_at(fc, f, "content-type-not-specific",
			     "served as %.60s: serve %s", mt,
			     rss ? "application/rss+xml" : "application/atom+xml");
}

static void document_start(struct fc *fc, struct frame *f, void *state)
{
	struct document_state *st = state;
	const char *rel, *href;

	if (!fc_parent(fc, f)) {
		if (fc->family)
			media_type(fc, f);
		return;
	}
	if (f->ctx != CX_ALINK || f->ns != NS_ATOM || st->self_said ||
	    !fc->t || !fc->t->url || !(href = fc_attr(f, NS_NONE, "href")))
		return;
	rel = fc_attr(f, NS_NONE, "rel");
	while (rel && IS_SPACE(*rel))
		rel++;
	if (!rel || strncmp(rel, "self", 4) || (rel[4] && !IS_SPACE(rel[4])))
		return;
	/* a relative self is atom-relative-self's; compare absolute ones */
	/* RFC 3986 section 6.2.2: HTTP://Example.COM/%7efeed is the same */
	if (fc_uri_check(href, 1, 1, NULL) == URI_OK &&
	    !fc_uri_same(href, fc->t->url)) {
		st->self_said = 1;
		fc_report_at(fc, f, "self-not-location",
			     "the self link '%.100s' is not the URL the feed was "
			     "fetched from, '%.100s'", href, fc->t->url);
	}
}

const struct fc_vocab fc_vocab_document = {
	.name = "document",
	.size = sizeof(struct document_state),
	.late = { document_start, NULL, NULL },
};
