/*
 * entries.c - the entries of an XML feed as readers tell them apart,
 * read for feedcheck --diff (value/entry.h: recorded only when the
 * caller asked, fc_result.entries.want).  No table and no finding: it
 * reads the elements the formats' own vocabularies checked.
 *
 * What identifies an entry is what the readers match it by (Miniflux's
 * and SimplePie's adapters): Atom's id, RSS 2.0's guid, RSS 1.0's
 * rdf:about, with the link as the fallback (diff.c); its link is Atom's
 * alternate link (a link without rel is one, RFC 4287 §4.2.7.2) or RSS's
 * link.  The content digest is of Atom's content and summary, RSS's
 * description and content:encoded, XHTML content's markup and text.
 */
#include <string.h>

#include "entry.h"
#include "registry.h"

struct entries_state {
	long k1;                  /* the entry being read, plus one; 0: none
				     (a state starts zero) */
	size_t edepth;            /* its frame's place on the stack */
	size_t cdepth;            /* a content element's place, or 0 */
};

static size_t place(const struct fc *fc, const struct frame *f)
{
	return (size_t)(f - fc->st);
}

static int is_entry(const struct frame *f)
{
	return f->ctx == CX_ENTRY || f->ctx == CX_ITEM || f->ctx == CX_RITEM;
}

/* a child of an entry that holds content: its tag for the digest */
static const char *content_tag(const struct frame *f)
{
	if ((f->ns == NS_ATOM || f->ns == NS_ATOM03) &&
	    (!strcmp(f->local, "content") || !strcmp(f->local, "summary")))
		return f->local;
	if ((f->ns == NS_NONE || f->ns == NS_RSS10) && !strcmp(f->local, "description"))
		return "description";
	if (f->ns == NS_CONTENT && !strcmp(f->local, "encoded"))
		return "content";
	return NULL;
}

static void entries_start(struct fc *fc, struct frame *f, void *state)
{
	struct entries_state *s = state;
	long k;

	if (!fc_entries_wanted(fc))
		return;
	if (!s->k1) {
		if (is_entry(f) && (k = fc_entry_open(fc, f->line, f->col)) >= 0) {
			s->k1 = k + 1;
			s->edepth = place(fc, f);
			if (f->ctx == CX_RITEM)
				fc_entry_text(fc, k, FC_ENTRY_ID,
					      fc_attr(f, NS_RDF, "about"));
		}
		return;
	}
	if (s->cdepth && place(fc, f) > s->cdepth) {
		/* XHTML content: its markup is part of it */
		fc_entry_content(fc, s->k1 - 1, "<", f->local, strlen(f->local));
		return;
	}
	if (place(fc, f) == s->edepth + 1 && content_tag(f))
		s->cdepth = place(fc, f);
}

static void child_end(struct fc *fc, struct frame *f, long k)
{
	const char *text = f->text.data ? f->text.data : "";
	const char *rel;
	int atom = f->ns == NS_ATOM || f->ns == NS_ATOM03;
	int rss = f->ns == NS_NONE || f->ns == NS_RSS10;

	if ((atom && !strcmp(f->local, "id")) || (rss && !strcmp(f->local, "guid")))
		fc_entry_text(fc, k, FC_ENTRY_ID, text);
	else if (rss && !strcmp(f->local, "link"))
		fc_entry_text(fc, k, FC_ENTRY_LINK, text);
	else if (atom && !strcmp(f->local, "link") &&
		 (!(rel = fc_attr(f, NS_NONE, "rel")) || !strcmp(rel, "alternate")))
		fc_entry_text(fc, k, FC_ENTRY_LINK, fc_attr(f, NS_NONE, "href"));
	else if ((atom || rss) && !strcmp(f->local, "title"))
		fc_entry_text(fc, k, FC_ENTRY_TITLE, text);
	else if ((atom && (!strcmp(f->local, "published") || !strcmp(f->local, "issued"))) ||
		 (rss && !strcmp(f->local, "pubDate")) ||
		 (f->ns == NS_DC && !strcmp(f->local, "date")))
		fc_entry_date(fc, k, FC_ENTRY_PUBLISHED, text, f->line, f->col);
	else if ((atom && (!strcmp(f->local, "updated") || !strcmp(f->local, "modified"))) ||
		 (f->ns == NS_DCTERMS && !strcmp(f->local, "modified")))
		fc_entry_date(fc, k, FC_ENTRY_UPDATED, text, f->line, f->col);
}

static void entries_end(struct fc *fc, struct frame *f, void *state)
{
	struct entries_state *s = state;
	size_t at = place(fc, f);
	const char *tag;

	if (!s->k1 || !fc_entries_wanted(fc))
		return;
	if (at == s->edepth) {
		s->k1 = 0;
		s->cdepth = 0;
		return;
	}
	if (s->cdepth && at >= s->cdepth) {
		tag = at == s->cdepth ? content_tag(f) : ">";
		if (f->text.data)
			fc_entry_content(fc, s->k1 - 1, tag, f->text.data, f->text.len);
		else
			fc_entry_content(fc, s->k1 - 1, tag, "", 0);
		if (at == s->cdepth)
			s->cdepth = 0;
		return;
	}
	if (at == s->edepth + 1)
		child_end(fc, f, s->k1 - 1);
}

const struct fc_vocab fc_vocab_entries = {
	.name = "entries",
	.size = sizeof(struct entries_state),
	.hooks = { entries_start, entries_end, entries_start },
};
