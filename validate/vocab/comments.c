/*
 * comments.c - the Comment API (http://wellformedweb.org/CommentAPI/, the
 * wfw: namespace): wfw:comment and wfw:commentRss, full URLs; the misspelt
 * wfw:commentRSS is read as it, with a warning.
 */
#include "vocab.h"
#include "value.h"

#include <string.h>


#define IT (BIT(CX_ITEM) | BIT(CX_RITEM) | BIT(CX_ENTRY))

/* wellformedweb.org/CommentAPI: full URLs */
static const struct elrule comments_rules[] = {
	{ IT, NS_WFW, "comment", CX_LEAF, 0, 1, VT_URL },
	{ IT, NS_WFW, "commentRss", CX_LEAF, 0, 1, VT_URL },
	{ IT, NS_WFW, "commentRSS", CX_LEAF, 0, 1, VT_URL },
	{ 0, 0, NULL, 0, 0, 0, 0 }
};

static void comments_start(struct fc *fc, struct frame *f, void *state)
{
	(void)state;
	if (f->ns == NS_WFW && !strcmp(f->local, "commentRSS"))
		fc_report_at(fc, f, "wfw-comment-rss-case",
			     "wfw:commentRSS is spelt wfw:commentRss");
}

const struct fc_vocab fc_vocab_comments = {
	.name = "comments",
	.ns = BIT(NS_WFW),
	.rules = comments_rules,
	.late = { comments_start, NULL, NULL },
};
