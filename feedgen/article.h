/*
 * article.h - the feed model, and splitting a decoded page into articles.
 *
 * A page is split at "# " headings; its front matter (frontmatter.h) may
 * give the date, title, authors and sections, and for a page of one
 * article its id, link, summary, photo and language.  What a newspaper page holds besides the article text
 * is extracted (byline.h): bylines give authors, photo credits give
 * contributors, and "▲" captions are marked for the renderer.
 */
#ifndef FEEDGEN_ARTICLE_H
#define FEEDGEN_ARTICLE_H

#include <stddef.h>

#include "date.h"
#include "diag.h"
#include "strlist.h"

/* "x", 16 hex digits and the NUL (article_hash) */
#define ARTICLE_HASH_SIZE 18

struct article {
	char *title;                /* owned */
	struct strlist authors;     /* names, roles dropped */
	struct strlist contributors;/* photographers, and the reporters of
				       an agency's copy */
	struct strlist photo_credits;/* one for each caption paragraph of
				       the body, in order: the names its
				       credit gives, one a line ("" for
				       none); not part of the hash (the
				       contributors are) */
	struct strlist categories;  /* sections */
	char *body;                 /* owned: Markdown; caption paragraphs
				       start with the caption mark "▲" */
	char *html;                 /* owned: the body rendered (render.h),
				       cleaned of what XML forbids */
	size_t html_len;
	char *summary;              /* owned: plain text; the front
				       matter's when summary_given */
	int summary_given;
	char *extra;                /* owned, may be NULL: what the writers
				       show besides the text (JSON) */
	struct strlist photo_files; /* the photo files in the collection it
				       shows, as they were read
				       (photo_seen_line, media.h) */
	struct fdate published;
	struct fdate updated;
	char ymd[11];               /* date used in the tag URI */
	const char *file;           /* page file, as shown in diagnostics */
	long line;                  /* line of the heading in the page */
	char *page;                 /* page number as in the file name ("001") */
	long page_no;               /* numeric page, for ordering */
	int pos;                    /* 1-based position on the page */
	char *page_key;             /* owned: stem of the page file, for ids */
	char *id;                   /* owned: tag: URI (its id as a new
				       article), or the front matter's made
				       a URI (id_given) */
	char *given_id;             /* owned: the front matter's id as
				       written, or NULL */
	int id_given;
	char *url;                  /* owned: the front matter's link as
				       written (page_read: made absolute),
				       or NULL */
	char *image;                /* owned: the front matter's photo as
				       written, or NULL */
	char *lang;                 /* owned: the front matter's language
				       (BCP 47), or NULL */
	char *link;                 /* owned */
	char *source;               /* owned, may be NULL: the agency whose
				       copy it is (body.h; the state keeps
				       it in extra) */
	char hash[ARTICLE_HASH_SIZE]; /* content hash (article_hash) */
	long long row;              /* set by state_store_page: its row in
				       the state, -1 when it was left out */
	/* the paper's clock (feedgen(5)) */
	long long release;          /* when it may go out (the embargo) */
	int clocked;                /* dated by its edition: its time is
				       counted back from clock, rank seconds
				       (article_split: its position on the page;
				       pages.c adds the articles before) */
	long long clock;
	long rank;
	const char *edition;        /* its edition folder (not owned) */
	const struct tzspec *tz;    /* the zone its dates are shown in */
	int clock_new;              /* the state gives it its time (first
				       sight, or not yet released) */
	int clock_alone;            /* no other article of its edition can
				       hold its second (a folder of an edition
				       new to the state): not looked for */
	long long issued;           /* state_store_page: the run that first
				       gave it its id (0: before runs were
				       counted) */
	int pending;                /* state_store_page: its id is given
				       when its edition has been read
				       (state_match_folder) */
};

void article_release(struct article *a);
/* The content hash of an article (title, names, sections, body, and what
 * its front matter says of its summary, link, photo and language), as "x"
 * and 16 hex digits: what the state compares to tell a changed article. */
void article_hash(const struct article *a, char out[ARTICLE_HASH_SIZE]);
/* Is stored, a hash from the state, that of a's content: a->hash itself, or
 * the hash a state before 0.2 kept (16 hex digits of FNV-1a), which needs
 * a->body?  1 or 0. */
int article_hash_same(const struct article *a, const char *stored);

/* What the page parser needs to know about the page. */
struct page_info {
	const char *file;           /* for diagnostics */
	const char *stem;           /* file name without extension */
	int has_edition;            /* the page sits in an edition folder */
	long long edition_days;     /* its date, days since the epoch */
	long long mtime;            /* file's modification time */
	const struct tzspec *tz;
	long publish_s;             /* an edition's publish time, seconds
				       after its midnight */
};

struct article_list {
	struct article *v;
	size_t n, alloc;
};

void article_list_release(struct article_list *l);
/* Room for one more article: the zeroed slot l->v[l->n], which the caller
 * fills and then counts (l->n++); NULL when memory ran out. */
struct article *article_list_slot(struct article_list *l);

/*
 * Split the decoded page text into articles appended to out.  Returns the
 * number of articles added, or -1 when the page has an error (diagnostic
 * added; nothing is appended).
 */
int article_split(const struct page_info *pi, const char *text, size_t len,
		  struct diag_list *dl, struct article_list *out);

/* The caption mark, U+25B2 BLACK UP-POINTING TRIANGLE. */
#define CAPTION_MARK "\xe2\x96\xb2"

#endif
