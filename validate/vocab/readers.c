/*
 * readers.c - --profile readers: what feed readers (NetNewsWire, Feedly,
 * Inoreader, Miniflux, FreshRSS, newsboat, feedparser) are documented to
 * do with a feed that its specification allows, or leaves open, and that
 * a reader of the feed would not expect: dates they hide or reorder,
 * items they merge or show twice, URLs they resolve against different
 * bases, titles they read as HTML or as text, feeds they refuse as too
 * large.  Each readers-* rule cites the reader's own documentation or
 * issue (rules/rules_readers.c: source and checked).  Runs only under
 * the profile (fc_readers); JSON Feed's share is in jsonfeed.c, HTML
 * content's in value/html.c.
 *
 * Memory: what is kept across items is a 64-bit digest per item at most
 * (the instants and links seen, in bounded id sets), never a string.
 */
#include "vocab.h"
#include "value.h"
#include "idset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ascii.h"

/* NetNewsWire drops a date more than about 24 hours ahead of now */
#define FUTURE_AHEAD (24LL * 60 * 60)
/* Miniflux refuses a body over 15 MiB by default; CommaFeed over 5 MiB */
#define TOO_LARGE ((size_t)15 << 20)
#define LARGE ((size_t)5 << 20)

/* what one item or entry showed, until its end */
struct item_seen {
	long long pub, dc, published, updated;
	unsigned char has_pub, has_dc, has_published, has_updated;
	unsigned char has_guid;
	char *link;          /* its link (RSS link, Atom alternate), owned */
};

struct readers_state {
	struct item_seen it;
	struct fc_idset *instants;   /* primary dates seen, as digests */
	struct fc_idset *links;      /* links of every item */
	struct fc_idset *bare_links; /* links of the items without a guid */
	unsigned long items, dated;
	long long first_instant;
	long first_line, first_col;  /* the first dated item */
	int differ;                  /* dated items with different instants */
	unsigned long same;          /* items sharing an earlier one's date */
	long same_line, same_col;
	unsigned long undated, noguid;
	long undated_line, undated_col, noguid_line, noguid_col;
	int base_said, https_known;
};

static const struct elrule readers_rules[] = {
	{ 0, 0, NULL, 0, 0, 0, 0 }
};

static void readers_release(void *state)
{
	struct readers_state *st = state;

	free(st->it.link);
	fc_idset_free(st->instants);
	fc_idset_free(st->links);
	fc_idset_free(st->bare_links);
}

static int is_item(int ctx)
{
	return ctx == CX_ITEM || ctx == CX_RITEM || ctx == CX_ENTRY;
}

static int https(const char *u)
{
	return u && fc_strncase_eq(u, "https:", 6);
}

static int http(const char *u)
{
	while (u && IS_SPACE(*u))
		u++;
	return u && fc_strncase_eq(u, "http:", 5);
}

static void check_volatile_id(struct fc *fc, struct frame *f, const char *id)
{
	const char *p = fc_readers_volatile(id);

	if (p)
		fc_report_at(fc, f, "readers-volatile-id",
			     "the id '%.100s' carries '%s', which changes from "
			     "one generator run or visit to the next: readers "
			     "show the item again under its new id", id, p);
}

/* A date of an item or entry: its instant into the item's record. */
static void item_date(struct fc *fc, struct frame *f, struct readers_state *st,
		      const char *t)
{
	char *s = fc_trim_dup(t);
	long long x = 0;
	int ok = 0, prob, which;

	if (!s)
		return;
	if (f->ns == NS_NONE && !strcmp(f->local, "pubDate")) {
		ok = fc_rfc822_check(s, &x, &prob) != -1;
		which = 0;
	} else if (f->ns == NS_DC && !strcmp(f->local, "date")) {
		ok = !fc_w3cdtf_check(s, &x);
		which = 1;
	} else if (f->ns == NS_ATOM && !strcmp(f->local, "published")) {
		ok = !fc_rfc3339_check(s, &x);
		which = 2;
	} else if (f->ns == NS_ATOM && !strcmp(f->local, "updated")) {
		ok = !fc_rfc3339_check(s, &x);
		which = 3;
	} else {
		free(s);
		return;
	}
	if (ok && x > (long long)time(NULL) + FUTURE_AHEAD)
		fc_report_at(fc, f, "readers-future-date",
			     "'%.60s' is more than a day ahead: NetNewsWire "
			     "drops the date and Miniflux keeps the item on top "
			     "until then", s);
	free(s);
	if (!ok)
		return;
	switch (which) {
	case 0: st->it.pub = x; st->it.has_pub = 1; break;
	case 1: st->it.dc = x; st->it.has_dc = 1; break;
	case 2: st->it.published = x; st->it.has_published = 1; break;
	default: st->it.updated = x; st->it.has_updated = 1; break;
	}
}

/* A title's text: RSS says nothing of markup in it, and readers differ. */
static void check_title(struct fc *fc, struct frame *f, const char *t)
{
	const char *type = f->ns == NS_ATOM ? fc_attr(f, NS_NONE, "type") : NULL;
	const char *p;

	if (type && !strcmp(type, "xhtml"))
		return;
	if (type && !strcmp(type, "html")) {
		/* HTML: a '<' that starts no tag is cut by an HTML reading
		 * (newsboat shows an empty title) */
		for (p = strchr(t, '<'); p; p = strchr(p + 1, '<'))
			if (!IS_ALPHA(p[1]) && p[1] != '/' && p[1] != '!' &&
			    p[1] != '?') {
				fc_report_at(fc, f, "readers-html-in-title",
					     "this HTML title has a '<' that starts "
					     "no tag: an HTML reader drops the rest "
					     "(write &amp;lt;)");
				return;
			}
		return;
	}
	/* plain text: known HTML is contains-html's; a '<' that is not
	 * still reads as markup to readers that take RSS titles as HTML */
	if (!strchr(t, '<') || fc_looks_like_html(t))
		return;
	fc_report_at(fc, f, "readers-html-in-title",
		     "the title has a '<': feedparser and FreshRSS read RSS "
		     "titles as HTML and drop what looks like a tag, newsboat "
		     "and Miniflux show it as text");
}

/* A URL of embedded media in an https: feed. */
static void check_mixed(struct fc *fc, struct frame *f, const char *url)
{
	if (fc->feed_https && http(url))
		fc_report_at(fc, f, "readers-mixed-content",
			     "'%.100s' is http: in an https: feed: web readers "
			     "served over https block it or warn (mixed content)",
			     url);
}

static struct fc_idset *set(struct fc_idset **h)
{
	if (!*h)
		*h = fc_idset_new();
	return *h;
}

static void readers_start(struct fc *fc, struct frame *f, void *state)
{
	struct readers_state *st = state;
	const char *b;
	char rel[64];
	struct frame *p;

	if (!fc_readers(fc))
		return;
	if (fc->depth == 1) {
		if (fc->len > LARGE)
			fc_report_at(fc, f, "readers-feed-too-large",
				     "the feed is %zu bytes: %s", fc->len,
				     fc->len > TOO_LARGE ? "Miniflux refuses a "
				     "feed over 15 MiB, CommaFeed one over 5 MiB" :
				     "CommaFeed refuses a feed over 5 MiB");
		if (fc->t && fc->t->url) {
			st->https_known = 1;
			fc->feed_https = https(fc->t->url);
		}
	}
	if ((b = fc_attr(f, NS_XML, "base"))) {
		if (fc->family != 'a')
			fc_report_at(fc, f, "readers-xml-base",
				     "xml:base in RSS: Miniflux ignores it and "
				     "NetNewsWire honours it in Atom only, so "
				     "relative URLs below resolve differently");
		else if (!https(b) && !fc_strncase_eq(b, "http:", 5) &&
			 fc_uri_check(b, 1, 0, NULL) == 0)
			fc_report_at(fc, f, "readers-xml-base",
				     "xml:base '%.100s' is not http(s): "
				     "NetNewsWire ignores such a base", b);
		else if (!st->base_said) {
			st->base_said = 1;
			fc_report_at(fc, f, "readers-xml-base",
				     "xml:base: Miniflux ignores it and resolves "
				     "relative URLs against the site's URL");
		}
	}
	if (is_item(f->ctx)) {
		free(st->it.link);
		memset(&st->it, 0, sizeof(st->it));
		return;
	}
	p = fc_parent(fc, f);
	if (f->ctx == CX_ALINK) {
		const char *href = fc_attr(f, NS_NONE, "href");
		const char *r = fc_link_rel(f, rel, sizeof(rel));
		if (!href)
			return;
		if (!strcmp(r, "self") && p &&
		    (p->ctx == CX_CHANNEL || p->ctx == CX_FEED) &&
		    !st->https_known) {
			st->https_known = 1;
			fc->feed_https = https(href);
		}
		if (!strcmp(r, "enclosure"))
			check_mixed(fc, f, href);
		if (fc->family == 'a' &&
		    fc_uri_check(href, 1, 1, NULL) == URI_RELATIVE)
			fc_report_at(fc, f, "readers-relative-link",
				     "the link '%.100s' is relative: feedparser "
				     "resolves it against xml:base or the feed's "
				     "URL, Miniflux and newsboat against the "
				     "site's link, so readers open different "
				     "pages", href);
		if (p && is_item(p->ctx) && !strcmp(r, "alternate") &&
		    !st->it.link)
			st->it.link = fc_trim_dup(href);
		return;
	}
	if (f->ctx == CX_ENCLOSURE || f->ctx == CX_MEDIA_CONTENT)
		check_mixed(fc, f, fc_attr(f, NS_NONE, "url"));
	else if (f->ns == NS_MEDIA && !strcmp(f->local, "thumbnail"))
		check_mixed(fc, f, fc_attr(f, NS_NONE, "url"));
	else if (f->ns == NS_ITUNES && f->ctx == CX_IT_IMAGE)
		check_mixed(fc, f, fc_attr(f, NS_NONE, "href"));
}

/* the primary date of the item that ended: published first, as readers
 * sort by it (NetNewsWire: datePublished, else dateModified) */
static int primary(const struct item_seen *it, long long *x)
{
	if (it->has_pub)
		*x = it->pub;
	else if (it->has_dc)
		*x = it->dc;
	else if (it->has_published)
		*x = it->published;
	else if (it->has_updated)
		*x = it->updated;
	else
		return 0;
	return 1;
}

static void item_end(struct fc *fc, struct frame *f, struct readers_state *st)
{
	struct item_seen *it = &st->it;
	long long x;
	char key[32];

	st->items++;
	if (it->has_pub && it->has_dc && it->pub != it->dc)
		fc_report_at(fc, f, "readers-conflicting-dates",
			     "pubDate and dc:date differ: Miniflux shows dc:date, "
			     "newsboat pubDate");
	if (primary(it, &x)) {
		if (!st->dated++) {
			st->first_instant = x;
			st->first_line = f->line;
			st->first_col = f->col;
		}
		else if (x != st->first_instant)
			st->differ = 1;
		snprintf(key, sizeof(key), "%lld", x);
		if (fc_idset_add(set(&st->instants), key) == 1 && !st->same++) {
			st->same_line = f->line;
			st->same_col = f->col;
		}
	} else if (f->ctx != CX_ENTRY && !st->undated++) {
		st->undated_line = f->line;
		st->undated_col = f->col;
	}
	if (f->ctx == CX_ITEM) {
		it->has_guid = fc_kids(f, NS_NONE, "guid") != 0;
		if (!it->has_guid && fc->fmt == FC_FORMAT_RSS20 &&
		    !fc_podcast(fc) && !st->noguid++) {
			st->noguid_line = f->line;
			st->noguid_col = f->col;
		}
		if (it->link && *it->link) {
			int seen = fc_idset_add(set(&st->links), it->link) == 1;
			int bare = 0;
			if (!it->has_guid)
				bare = fc_idset_add(set(&st->bare_links), it->link) == 1;
			if (seen && (!it->has_guid || bare))
				fc_report_at(fc, f, "readers-shared-link",
					     "this item shares its link '%.100s' "
					     "with an earlier one, and one of them "
					     "has no guid: readers that key such an "
					     "item on its link (Miniflux, FreshRSS) "
					     "keep one of the two", it->link);
		}
	}
}

/* n items without what, reported once, at the first of them */
static void items_without(struct fc *fc, const char *rule, unsigned long n,
			  long line, long col, const char *what, const char *why)
{
	if (n)
		fc_report(fc, rule, line, col, "%lu item%s without %s (this is "
			  "the first): %s", n, n == 1 ? "" : "s", what, why);
}

static void document_end(struct fc *fc, struct frame *f, struct readers_state *st)
{
	if (st->dated >= 3 && !st->differ && st->dated == st->items)
		fc_report(fc, "readers-identical-dates", st->first_line,
			  st->first_col, "all %lu items have the same date: readers that sort "
			  "by date (NetNewsWire) show them in no set order",
			  st->items);
	else if (st->same)
		fc_report(fc, "readers-identical-dates", st->same_line, st->same_col,
			  "%lu item%s the date of an earlier one (this is the "
			  "first): readers sort them in no set order", st->same,
			  st->same == 1 ? " has" : "s have");
	items_without(fc, "readers-missing-date", st->undated, st->undated_line,
		      st->undated_col, "a date", "Miniflux, newsboat and "
		      "FreshRSS give each the time they fetched it");
	items_without(fc, "readers-missing-guid", st->noguid, st->noguid_line,
		      st->noguid_col, "a guid", "each reader makes its own id "
		      "from the link and the date, and a changed one shows the "
		      "item again");
	(void)f;
}

static void readers_end(struct fc *fc, struct frame *f, void *state)
{
	struct readers_state *st = state;
	const char *t = f->text.data ? f->text.data : "";
	struct frame *p;

	if (!fc_readers(fc))
		return;
	if (fc->depth == 1) {
		document_end(fc, f, st);
		return;
	}
	if (is_item(f->ctx)) {
		item_end(fc, f, st);
		return;
	}
	if (!(p = fc_parent(fc, f)))
		return;
	if (f->ctx == CX_GUID) {
		char *s = fc_trim_dup(t);
		if (s && !*s)
			fc_report_at(fc, f, "readers-empty-guid",
				     "an empty guid: FreshRSS counts it invalid and, "
				     "past 5%% of items, keys the whole feed on "
				     "links instead");
		else if (s)
			check_volatile_id(fc, f, s);
		free(s);
		return;
	}
	if (!is_item(p->ctx) && p->ctx != CX_CHANNEL && p->ctx != CX_FEED &&
	    p->ctx != CX_RCHANNEL)
		return;
	if (!strcmp(f->local, "title") &&
	    (f->ns == NS_NONE || f->ns == NS_ATOM || f->ns == NS_RSS10)) {
		check_title(fc, f, t);
		return;
	}
	if (!is_item(p->ctx))
		return;
	if (f->ns == NS_ATOM && !strcmp(f->local, "id")) {
		char *s = fc_trim_dup(t);
		if (s)
			check_volatile_id(fc, f, s);
		free(s);
		return;
	}
	if ((f->ns == NS_NONE || f->ns == NS_RSS10) && !strcmp(f->local, "link") &&
	    !st->it.link) {
		st->it.link = fc_trim_dup(t);
		return;
	}
	item_date(fc, f, st, t);
}

const struct fc_vocab fc_vocab_readers = {
	.name = "readers",
	.rules = readers_rules,
	.family = NULL,
	.size = sizeof(struct readers_state),
	.release = readers_release,
	.late = { readers_start, readers_end, NULL },
};
