/*
 * dcslash.c - Dublin Core and Slash beside RSS's core elements: a channel
 * or item that says the same thing twice, in a core element and in its
 * extension twin (W3C DuplicateSemantics, DuplicateItemSemantics), and
 * slash:comments without the lastBuildDate that tells readers a comment
 * arrived (SlashDate).  DCMI elements may repeat, so no duplicate-element
 * for them (the W3C validator's DuplicateElement on dc: is wrong).  RSS
 * and RDF documents only; late, after RSS's own checks.
 */
#include "vocab.h"
#include "value.h"

#include <string.h>

/* twins of which the extension is in no table (atom: in RSS, cc:): seen
 * at their start, kept in the channel's or item's frame flags */
#define SEEN_ATOM_ID 0x10000u
#define SEEN_ATOM_PUBLISHED 0x20000u
#define SEEN_CC_LICENSE 0x40000u

struct twin {
	const char *core; int cns;
	const char *ext; int ens; unsigned seen;   /* seen: or kids of ext */
};

struct dcslash_state {
	int slash_comments;        /* an item has slash:comments */
};

static const struct twin channel_twins[] = {
	{ "copyright", NS_NONE, "rights", NS_DC, 0 },
	{ "pubDate", NS_NONE, "date", NS_DC, 0 },
	{ "language", NS_NONE, "language", NS_DC, 0 },
	{ "generator", NS_NONE, "generatorAgent", NS_ADMIN, 0 },
	{ "lastBuildDate", NS_NONE, "modified", NS_DCTERMS, 0 },
	{ "managingEditor", NS_NONE, "creator", NS_DC, 0 },
	{ "license", NS_CREATIVECOMMONS, "cc:license", NS_CC, SEEN_CC_LICENSE },
	{ NULL, 0, NULL, 0, 0 }
};

static const struct twin item_twins[] = {
	{ "author", NS_NONE, "creator", NS_DC, 0 },
	{ "pubDate", NS_NONE, "date", NS_DC, 0 },
	{ "category", NS_NONE, "subject", NS_DC, 0 },
	{ "source", NS_NONE, "source", NS_DC, 0 },
	{ "guid", NS_NONE, "atom:id", NS_ATOM, SEEN_ATOM_ID },
	{ "pubDate", NS_NONE, "atom:published", NS_ATOM, SEEN_ATOM_PUBLISHED },
	{ "license", NS_CREATIVECOMMONS, "cc:license", NS_CC, SEEN_CC_LICENSE },
	{ NULL, 0, NULL, 0, 0 }
};

static void dcslash_start(struct fc *fc, struct frame *f, void *state)
{
	struct dcslash_state *st = state;
	struct frame *p;

	if (f->ns == NS_SLASH && !strcmp(f->local, "comments"))
		st->slash_comments = 1;
	if (f->ctx != CX_OPAQUE || !(p = fc_parent(fc, f)) ||
	    (p->ctx != CX_CHANNEL && p->ctx != CX_ITEM))
		return;
	if (f->ns == NS_ATOM && !strcmp(f->local, "id"))
		p->flags |= SEEN_ATOM_ID;
	else if (f->ns == NS_ATOM && !strcmp(f->local, "published"))
		p->flags |= SEEN_ATOM_PUBLISHED;
	else if (f->ns == NS_CC && !strcmp(f->local, "license"))
		p->flags |= SEEN_CC_LICENSE;
}

static void dcslash_end(struct fc *fc, struct frame *f, void *state)
{
	struct dcslash_state *st = state;
	const struct twin *t;

	if (f->ctx == CX_CHANNEL)
		t = channel_twins;
	else if (f->ctx == CX_ITEM)
		t = item_twins;
	else
		return;
	for (; t->core; t++) {
		if (!fc_kids(f, t->cns, t->core))
			continue;
		if (t->seen ? !(f->flags & t->seen) : !fc_kids(f, t->ens, t->ext))
			continue;
		fc_report_at(fc, f, f->ctx == CX_CHANNEL ? "rss-duplicate-semantics"
				    : "rss-duplicate-item-semantics",
			     "'%s' has both %s%s and %s%s, which mean the same",
			     f->qname, t->cns == NS_CREATIVECOMMONS ?
					       "creativeCommons:" : "", t->core,
			     t->ens == NS_DC ? "dc:" : t->ens == NS_DCTERMS ?
			     "dcterms:" : t->ens == NS_ADMIN ? "admin:" : "",
			     t->ext);
	}
	if (f->ctx == CX_CHANNEL && st->slash_comments &&
	    !fc_kids(f, NS_NONE, "lastBuildDate"))
		fc_report_at(fc, f, "slash-missing-build-date",
			     "items carry slash:comments, but the channel has no "
			     "lastBuildDate");
}

const struct fc_vocab fc_vocab_dcslash = {
	.name = "dcslash",
	.family = "rd",
	.size = sizeof(struct dcslash_state),
	.late = { dcslash_start, dcslash_end, NULL },
};
