/*
 * googleplay.c - the Google Play podcast tags (the googleplay: namespace
 * of Google's "Podcast RSS feed requirements"): the channel and episode
 * elements, their required attributes and values.  Google Podcasts has
 * closed, so little rests on them, but an unknown googleplay: element is
 * still a typo.
 */
#include "vocab.h"
#include "value.h"

#include <string.h>

#define CH (BIT(CX_CHANNEL) | BIT(CX_RCHANNEL))
#define IT (BIT(CX_ITEM) | BIT(CX_RITEM))

static const struct elrule googleplay_rules[] = {
	{ CH | IT, NS_GOOGLEPLAY, "author", CX_LEAF, 0, 1, VT_TEXT },
	{ CH | IT, NS_GOOGLEPLAY, "block", CX_LEAF, 0, 1, VT_YESNO },
	{ CH, NS_GOOGLEPLAY, "category", CX_LEAF, 0, 0, VT_EMPTY },
	{ CH | IT, NS_GOOGLEPLAY, "description", CX_LEAF, 0, 1, VT_TEXT },
	{ CH, NS_GOOGLEPLAY, "email", CX_LEAF, 0, 1, VT_EMAIL },
	{ CH | IT, NS_GOOGLEPLAY, "explicit", CX_LEAF, 0, 1, VT_ANY },
	{ CH | IT, NS_GOOGLEPLAY, "image", CX_LEAF, 0, 1, VT_EMPTY },
	{ CH, NS_GOOGLEPLAY, "new-feed-url", CX_LEAF, 0, 1, VT_URL },
	{ CH, NS_GOOGLEPLAY, "owner", CX_LEAF, 0, 1, VT_EMAIL },
	{ 0, 0, NULL, 0, 0, 0, 0 }
};

static void googleplay_start(struct fc *fc, struct frame *f, void *state)
{
	const char *v;

	(void)state;
	if (f->ns != NS_GOOGLEPLAY || f->ctx != CX_LEAF)
		return;
	if (!strcmp(f->local, "category") && !fc_attr(f, NS_NONE, "text"))
		fc_report_at(fc, f, "missing-attribute",
			     "missing '%s' attribute: 'text'", f->qname);
	if (!strcmp(f->local, "image")) {
		if (!(v = fc_attr(f, NS_NONE, "href")))
			fc_report_at(fc, f, "missing-attribute",
				     "missing '%s' attribute: 'href'", f->qname);
		else
			fc_check_attr_value(fc, f, "href", VT_URL, v);
	}
}

static void googleplay_end(struct fc *fc, struct frame *f, void *state)
{
	const char *t = f->text.data ? f->text.data : "";

	(void)state;
	/* Google: explicit is "yes", "no" or "clean" (true/false read too) */
	if (f->ns == NS_GOOGLEPLAY && f->ctx == CX_LEAF &&
	    !strcmp(f->local, "explicit") && !fc_strncase_eq(t, "yes", 4) &&
	    !fc_strncase_eq(t, "no", 3) && !fc_strncase_eq(t, "clean", 6) &&
	    !fc_strncase_eq(t, "true", 5) && !fc_strncase_eq(t, "false", 6))
		fc_report_at(fc, f, "invalid-yes-no",
			     "'%s' must be yes, no or clean: '%.20s'", f->qname, t);
}

const struct fc_vocab fc_vocab_googleplay = {
	.name = "googleplay",
	.ns = BIT(NS_GOOGLEPLAY),
	.rules = googleplay_rules,
	.late = { googleplay_start, googleplay_end, NULL },
};
