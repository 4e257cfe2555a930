/*
 * comments.c - the Comment API (wfw:comment, wfw:commentRss; the
 * misspelt wfw:commentRSS is read as it, with a warning) and RFC 4685's
 * thr: attributes on atom:link wherever it is (ext.c checks them in Atom;
 * here in RSS, and thr:count only on rel="replies").  One vocabulary, in
 * every feed: the engine reaches it through fc_vocab_comments (vocab.c).
 * Calls doc.c and the value checkers only.
 */
#include "vocab.h"
#include "value.h"

#include <string.h>

#include "ascii.h"

#define IT (BIT(CX_ITEM) | BIT(CX_RITEM) | BIT(CX_ENTRY))

/* wellformedweb.org/CommentAPI: full URLs */
const struct elrule fc_comments_rules[] = {
	{ IT, NS_WFW, "comment", CX_LEAF, 0, 1, VT_URL },
	{ IT, NS_WFW, "commentRss", CX_LEAF, 0, 1, VT_URL },
	{ IT, NS_WFW, "commentRSS", CX_LEAF, 0, 1, VT_URL },
	{ 0, 0, NULL, 0, 0, 0, 0 }
};

static void comments_start(struct fc *fc, struct frame *f)
{
	const char *v, *rel;
	size_t i;

	if (f->ns == NS_WFW && !strcmp(f->local, "commentRSS")) {
		fc_report_at(fc, f, "wfw-comment-rss-case",
			     "wfw:commentRSS is spelt wfw:commentRss");
		return;
	}
	if (f->ctx != CX_ALINK || f->ns != NS_ATOM)
		return;
	rel = fc_attr(f, NS_NONE, "rel");
	while (rel && IS_SPACE(*rel))
		rel++;
	/* RFC 4685 §4: thr:count and thr:updated belong to rel="replies" */
	if ((fc_attr(f, NS_THR, "count") || fc_attr(f, NS_THR, "updated")) &&
	    (!rel || strncmp(rel, "replies", 7)))
		fc_report_at(fc, f, "unexpected-attribute",
			     "thr:count and thr:updated belong on a link "
			     "rel=\"replies\" (RFC 4685 section 4)");
	if (fc->family == 'a')
		return;   /* ext.c checks them in Atom */
	if ((v = fc_attr(f, NS_THR, "count")))
		fc_check_attr_value(fc, f, "thr:count", VT_NNINT, v);
	if ((v = fc_attr(f, NS_THR, "updated")))
		fc_check_attr_value(fc, f, "thr:updated", VT_RFC3339, v);
	for (i = 0; i < f->nattrs; i++)
		if (f->attrs[i].ns == NS_THR && strcmp(f->attrs[i].local, "count") &&
		    strcmp(f->attrs[i].local, "updated"))
			fc_report_at(fc, f, "unexpected-attribute",
				     "thr:%s is not defined (RFC 4685 section 4)",
				     f->attrs[i].local);
}

/* Comment API and threading: the engine reaches this file through this row (vocab.c) */
const struct fc_vocab fc_vocab_comments = {
	fc_comments_rules, NULL, comments_start, NULL, NULL
};
