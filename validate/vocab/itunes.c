/*
 * itunes.c - Apple's itunes: tags (Apple Podcasts Connect, "A Podcaster's
 * Guide to RSS": show tags, episode tags, technical notes): their places
 * and counts, Apple's category list, the artwork link, and the limits on
 * every iTunes text (255 characters, itunes:summary 4000, no padding).
 * What Apple asks of the RSS around these tags (guids, enclosures, the
 * owner's e-mail) is podcast_req.c's.
 */
#include "vocab.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "utf8.h"

#define CH (BIT(CX_CHANNEL) | BIT(CX_RCHANNEL) | BIT(CX_FEED))
#define IT (BIT(CX_ITEM) | BIT(CX_RITEM) | BIT(CX_ENTRY))

static const struct elrule itunes_rules[] = {
	/* iTunes (Apple Podcasts RSS feed requirements) */
	{ CH | IT, NS_ITUNES, "author", CX_LEAF, 0, 1, VT_ANY },
	{ CH | IT, NS_ITUNES, "block", CX_LEAF, 0, 1, VT_YESNO },
	{ CH, NS_ITUNES, "category", CX_IT_CATEGORY, 0, 0, VT_NONE },
	{ BIT(CX_IT_CATEGORY), NS_ITUNES, "category", CX_IT_CATEGORY, 0, 0, VT_NONE },
	{ CH | IT, NS_ITUNES, "image", CX_IT_IMAGE, 0, 1, VT_ANY },
	{ CH | IT, NS_ITUNES, "explicit", CX_LEAF, 0, 1, VT_EXPLICIT },
	{ CH, NS_ITUNES, "complete", CX_LEAF, 0, 1, VT_YESNO },
	{ CH, NS_ITUNES, "new-feed-url", CX_LEAF, 0, 1, VT_URL },
	{ CH, NS_ITUNES, "owner", CX_IT_OWNER, 0, 1, VT_NONE },
	{ CH | IT, NS_ITUNES, "subtitle", CX_LEAF, 0, 1, VT_ANY },
	{ CH | IT, NS_ITUNES, "summary", CX_LEAF, 0, 1, VT_ANY },
	{ CH | IT, NS_ITUNES, "keywords", CX_LEAF, 0, 1, VT_ANY },
	{ CH, NS_ITUNES, "type", CX_LEAF, 0, 1, VT_ITUNES_TYPE },
	{ CH | IT, NS_ITUNES, "title", CX_LEAF, 0, 1, VT_ANY },
	{ IT, NS_ITUNES, "duration", CX_LEAF, 0, 1, VT_DURATION },
	{ IT, NS_ITUNES, "isClosedCaptioned", CX_LEAF, 0, 1, VT_YESNO },
	{ IT, NS_ITUNES, "order", CX_LEAF, 0, 1, VT_ANY },
	{ IT, NS_ITUNES, "episode", CX_LEAF, 0, 1, VT_POSINT },
	{ IT, NS_ITUNES, "season", CX_LEAF, 0, 1, VT_POSINT },
	{ IT, NS_ITUNES, "episodeType", CX_LEAF, 0, 1, VT_EPISODE_TYPE },
	{ BIT(CX_IT_OWNER), NS_ITUNES, "name", CX_LEAF, 0, 1, VT_ANY },
	{ BIT(CX_IT_OWNER), NS_ITUNES, "email", CX_LEAF, 0, 1, VT_EMAIL },
	{ 0, 0, NULL, 0, 0, 0, 0 }
};

/* Apple Podcasts categories and their subcategories */
static const char *const it_cats[] = {
	"Arts", "|Books", "|Design", "|Fashion & Beauty", "|Food",
	"|Performing Arts", "|Visual Arts",
	"Business", "|Careers", "|Entrepreneurship", "|Investing",
	"|Management", "|Marketing", "|Non-Profit",
	"Comedy", "|Comedy Interviews", "|Improv", "|Stand-Up",
	"Education", "|Courses", "|How To", "|Language Learning",
	"|Self-Improvement",
	"Fiction", "|Comedy Fiction", "|Drama", "|Science Fiction",
	"Government",
	"History",
	"Health & Fitness", "|Alternative Health", "|Fitness", "|Medicine",
	"|Mental Health", "|Nutrition", "|Sexuality",
	"Kids & Family", "|Education for Kids", "|Parenting",
	"|Pets & Animals", "|Stories for Kids",
	"Leisure", "|Animation & Manga", "|Automotive", "|Aviation",
	"|Crafts", "|Games", "|Hobbies", "|Home & Garden", "|Video Games",
	"Music", "|Music Commentary", "|Music History", "|Music Interviews",
	"News", "|Business News", "|Daily News", "|Entertainment News",
	"|News Commentary", "|Politics", "|Sports News", "|Tech News",
	"Religion & Spirituality", "|Buddhism", "|Christianity", "|Hinduism",
	"|Islam", "|Judaism", "|Religion", "|Spirituality",
	"Science", "|Astronomy", "|Chemistry", "|Earth Sciences",
	"|Life Sciences", "|Mathematics", "|Natural Sciences", "|Nature",
	"|Physics", "|Social Sciences",
	"Society & Culture", "|Documentary", "|Personal Journals",
	"|Philosophy", "|Places & Travel", "|Relationships",
	"Sports", "|Baseball", "|Basketball", "|Cricket", "|Fantasy Sports",
	"|Football", "|Golf", "|Hockey", "|Rugby", "|Running", "|Soccer",
	"|Swimming", "|Tennis", "|Volleyball", "|Wilderness", "|Wrestling",
	"Technology",
	"True Crime",
	"TV & Film", "|After Shows", "|Film History", "|Film Interviews",
	"|Film Reviews", "|TV Reviews",
	NULL
};

/* categories of the older list, still read but retired */
static const char *const it_old[] = {
	"Games & Hobbies", "|Automotive", "|Aviation", "|Hobbies",
	"|Other Games", "|Video Games",
	"Government & Organizations", "|Local", "|National", "|Non-Profit",
	"|Regional",
	"Science & Medicine", "|Medicine", "|Natural Sciences",
	"|Social Sciences",
	"Society & Culture", "|History", "|Personal Journals", "|Philosophy",
	"|Places & Travel",
	"Sports & Recreation", "|Amateur", "|College & High School",
	"|Outdoor", "|Professional",
	"Technology", "|Gadgets", "|Tech News", "|Podcasting",
	"|Software How-To",
	"Education", "|Educational Technology", "|Higher Education",
	"|K-12", "|Language Courses", "|Training",
	"Health", "|Alternative Health", "|Fitness & Nutrition",
	"|Self-Help", "|Sexuality", "Kids & Family", "Music", "News & Politics",
	"Religion & Spirituality", "|Buddhism", "|Christianity", "|Hinduism",
	"|Islam", "|Judaism", "|Other", "|Spirituality",
	"Technology", "|Computers", "|Information Technology", "Travel",
	"TV & Film", "Arts", "|Design", "|Fashion & Beauty", "|Food",
	"|Literature", "|Performing Arts", "|Visual Arts",
	"Business", "|Business News", "|Careers", "|Investing",
	"|Management & Marketing", "|Shopping", "Comedy",
	NULL
};

/* 1 if (parent, text) is in list; parent NULL for a top-level category */
static int cat_in(const char *const *list, const char *parent,
		  const char *text)
{
	const char *top = NULL;
	size_t i;

	for (i = 0; list[i]; i++) {
		if (list[i][0] != '|') {
			top = list[i];
			if (!parent && !strcmp(top, text))
				return 1;
		} else if (parent && top && !strcmp(top, parent) &&
			   !strcmp(list[i] + 1, text)) {
			return 1;
		}
	}
	return 0;
}

static void itunes_start(struct fc *fc, struct frame *f, void *state)
{
	const char *v;
	struct frame *p;

	(void)state;
	if (f->ns != NS_ITUNES)
		return;
	fc->itunes_seen = 1;
	if (f->ctx == CX_IT_CATEGORY) {
		if (!(v = fc_attr(f, NS_NONE, "text"))) {
			fc_report_at(fc, f, "missing-attribute",
				     "missing '%s' attribute: 'text'",
				     f->qname);
		} else {
			p = fc_parent(fc, f);
			const char *pt = p && p->ctx == CX_IT_CATEGORY
				? fc_attr(p, NS_NONE, "text") : NULL;
			if (p && p->ctx == CX_IT_CATEGORY && !pt)
				return;
			if (cat_in(it_cats, pt, v))
				return;
			if (cat_in(it_old, pt, v))
				fc_report_at(fc, f, "itunes-obsolete-category",
					     "obsolete category '%.60s'", v);
			else
				fc_report_at(fc, f, "itunes-invalid-category",
					     "'%.60s' is not an Apple "
					     "Podcasts category", v);
		}
	} else if (f->ctx == CX_IT_IMAGE) {
		if (!(v = fc_attr(f, NS_NONE, "href"))) {
			fc_report_at(fc, f, "missing-attribute",
				     "missing '%s' attribute: 'href'",
				     f->qname);
		} else {
			size_t n = strlen(v);
			fc_check_attr_value(fc, f, "href", VT_URL, v);
			if (n < 4 || (strcmp(v + n - 4, ".jpg") &&
				      strcmp(v + n - 4, ".png") &&
				      strcmp(v + n - 4, ".JPG") &&
				      strcmp(v + n - 4, ".PNG") &&
				      (n < 5 || strcmp(v + n - 5, ".jpeg"))))
				fc_report_at(fc, f, "itunes-image-format",
					     "itunes:image should be a "
					     ".jpg or .png");
		}
	}
}

/*
 * Apple, technical notes: "Tag values are limited to 255 characters,
 * except for itunes:summary, which can be up to 4000 characters.  Don't
 * add leading or trailing spaces to your values."  (PSP-1, Namespace
 * Declarations, says the same.)
 */
static void itunes_end(struct fc *fc, struct frame *f, void *state)
{
	const char *t = f->text.data ? f->text.data : "";
	size_t n = strlen(t), lim;

	(void)state;
	if (f->ns != NS_ITUNES || f->ctx != CX_LEAF)
		return;
	lim = !strcmp(f->local, "summary") ? 4000 : 255;
	if (ft_utf8_chars(t, n) > lim)
		fc_report_at(fc, f, "too-long",
			     "'%s' is longer than %zu characters", f->qname, lim);
	if (n && !fc_is_blank(t) && (IS_SPACE(t[0]) || IS_SPACE(t[n - 1])))
		fc_report_at(fc, f, "itunes-padded-value",
			     "'%s' has white space %s its value", f->qname,
			     IS_SPACE(t[0]) && IS_SPACE(t[n - 1]) ? "around" :
			     IS_SPACE(t[0]) ? "before" : "after");
	/* W3C's InvalidKeywords: comma-separated, not spaces */
	if (!strcmp(f->local, "keywords") && !strchr(t, ',')) {
		char *k = fc_trim_dup(t);
		if (k && strchr(k, ' '))
			fc_report_at(fc, f, "itunes-keywords-format",
				     "itunes:keywords separated by spaces: use commas");
		free(k);
	}
}

const struct fc_vocab fc_vocab_itunes = {
	.name = "itunes",
	.ns = BIT(NS_ITUNES),
	.rules = itunes_rules,
	.hooks = { itunes_start, itunes_end, NULL },
};
