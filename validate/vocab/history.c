/*
 * history.c - Feed Paging and Archiving (RFC 5005, the fh: namespace):
 * a complete feed (§2) and its links, the pages of a paged feed (§3),
 * and an archive document (§4) with its current and prev-archive or
 * next-archive links, in Atom and in RSS (atom:link).
 */
#include "vocab.h"

#include <stdlib.h>
#include <string.h>

#define CH (BIT(CX_CHANNEL) | BIT(CX_RCHANNEL) | BIT(CX_FEED))

static const struct elrule history_rules[] = {
	{ CH, NS_FH, "complete", CX_LEAF, 0, 1, VT_EMPTY },
	{ CH, NS_FH, "archive", CX_LEAF, 0, 1, VT_EMPTY },
	{ 0, 0, NULL, 0, 0, 0, 0 }
};

/* the links of an Atom feed that RFC 5005 looks at, in this order */
static const char *const paging_rels[] = { "self", "current", "first",
	"last", "next", "previous", "prev-archive", "next-archive" };
#define NPAGING (sizeof(paging_rels) / sizeof(paging_rels[0]))

#define ARCHIVE 1u      /* fh:archive */
#define CURRENT 2u      /* a link rel="current" of the feed or channel */
#define NEIGHBOUR 4u    /* ... rel="prev-archive" or "next-archive" */

struct history_state {
	int complete;              /* fh:complete in the Atom feed */
	unsigned archive;          /* ARCHIVE, CURRENT, NEIGHBOUR seen */
	char *link[NPAGING];       /* the Atom feed's first href of each rel
				      of paging_rels (owned) */
};

static void history_release(void *state)
{
	struct history_state *st = state;
	size_t i;

	for (i = 0; i < NPAGING; i++)
		free(st->link[i]);
}

/* an atom:link: the pages of the feed, and what an entry cannot have */
static void link_start(struct fc *fc, struct frame *f, struct history_state *st)
{
	char buf[256];
	const char *rel = fc_link_rel(f, buf, sizeof(buf));
	const char *href = fc_attr(f, NS_NONE, "href");
	struct frame *p = fc_parent(fc, f);
	size_t i;

	if (!p)
		return;
	if (p->ctx == CX_FEED || p->ctx == CX_CHANNEL || p->ctx == CX_RCHANNEL) {
		if (!strcmp(rel, "current"))
			st->archive |= CURRENT;
		else if (!strcmp(rel, "prev-archive") || !strcmp(rel, "next-archive"))
			st->archive |= NEIGHBOUR;
	}
	if (fc->family != 'a')
		return;
	rel = fc_link_rel_name(rel);
	if (p->ctx == CX_FEED && href)
		for (i = 0; i < NPAGING; i++)
			if (!strcmp(rel, paging_rels[i]) && !st->link[i])
				st->link[i] = strdup(href);
	if (p->ctx == CX_ENTRY)
		for (i = 1; i < NPAGING; i++)
			if (!strcmp(rel, paging_rels[i])) {
				fc_report_at(fc, f, "atom-fh-rel-in-entry",
					     "feed history link rel '%s' in an "
					     "entry", rel);
				break;
			}
}

static void history_start(struct fc *fc, struct frame *f, void *state)
{
	struct history_state *st = state;
	struct frame *p;

	if (f->ns == NS_FH && !strcmp(f->local, "archive"))
		st->archive |= ARCHIVE;
	else if (f->ns == NS_FH && !strcmp(f->local, "complete") &&
		 (p = fc_parent(fc, f)) && p->ctx == CX_FEED)
		st->complete = 1;
	else if (f->ctx == CX_ALINK && f->ns == NS_ATOM)
		link_start(fc, f, st);
}

/* RFC 5005 §2 (complete feeds) and §3 (paged feeds), at the feed's end */
static void history_end(struct fc *fc, struct frame *f, void *state)
{
	struct history_state *st = state;
	char **l = st->link;   /* in the order of paging_rels */
	size_t i;

	if (fc->family != 'a' || f->ns != NS_ATOM || f->ctx != CX_FEED)
		return;
	if (st->complete) {
		if (l[1] && (!l[0] || strcmp(l[0], l[1])))
			fc_report_at(fc, f, "atom-current-not-self",
				     "the current link of a complete feed must "
				     "be its self link");
		for (i = 2; i < NPAGING; i++)
			if (l[i])
				fc_report_at(fc, f, "atom-feed-rel-in-complete",
					     "link rel '%s' in a complete feed",
					     paging_rels[i]);
	}
	if (l[0] && l[3] && !strcmp(l[0], l[3]) && l[4])
		fc_report_at(fc, f, "atom-link-past-end",
			     "the last page must not have a next link");
	if (l[0] && l[2] && !strcmp(l[0], l[2]) && l[5])
		fc_report_at(fc, f, "atom-link-past-end",
			     "the first page must not have a previous link");
	for (i = 0; i < NPAGING; i++) {
		free(l[i]);
		l[i] = NULL;
	}
}

/* RFC 5005 §4: an archive document, at the end of its feed or channel */
static void archive_end(struct fc *fc, struct frame *f, void *state)
{
	struct history_state *st = state;

	if ((f->ctx != CX_FEED && f->ctx != CX_CHANNEL && f->ctx != CX_RCHANNEL) ||
	    !(st->archive & ARCHIVE))
		return;
	if (!(st->archive & CURRENT))
		fc_report_at(fc, f, "fh-archive-missing-current",
			     "an archive document without a link "
			     "rel=\"current\"");
	if (!(st->archive & NEIGHBOUR))
		fc_report_at(fc, f, "fh-archive-incomplete",
			     "an archive document with neither "
			     "prev-archive nor next-archive");
}

const struct fc_vocab fc_vocab_history = {
	.name = "history",
	.rules = history_rules,
	.size = sizeof(struct history_state),
	.release = history_release,
	.hooks = { history_start, history_end, NULL },
	.late = { NULL, archive_end, NULL },
};
