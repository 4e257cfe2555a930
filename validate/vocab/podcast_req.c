/*
 * podcast_req.c - what the directories ask of a podcast's RSS, beyond the
 * syntax of its tags (itunes.c, podcast.c): Apple Podcasts ("A Podcaster's
 * Guide to RSS", Podcasts Connect help), PSP-1 ("The Podcast RSS
 * Standard") and Spotify (Podcast Delivery Specification).  Every episode
 * has a guid, a title and an enclosure of a type Apple plays, of a real
 * length, not shared with another episode; descriptions fit in 4,000
 * bytes; a serial show numbers its episodes; the show names its owner's
 * e-mail, its artwork, category, explicitness and language, its own URL;
 * the feed is UTF-8.  Run on an RSS document only when it is a podcast
 * (fc_podcast), and on an Atom one to say that Apple takes RSS only; the
 * findings are warnings or info, errors under the
 * --profile of a directory that requires them (rules.c).  It also records
 * the enclosures and the artwork for --check-media (fc_ref_add).
 */
#include "vocab.h"
#include "value.h"
#include "idset.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"

/* what a podcast's RSS shows across its items, for the channel's end */
struct podreq_state {
	int serial;                /* itunes:type serial */
	int utf8_said;             /* podcast-not-utf8 reported */
	unsigned long noep;        /* items without itunes:episode */
	long noep_line, noep_col;  /* the first of them */
	int atom_media;            /* an Atom entry links audio or video */
};

static const struct elrule podreq_rules[] = {
	{ 0, 0, NULL, 0, 0, 0, 0 }
};

/* ---- enclosures ---- */

/*
 * Apple, enclosure: "audio/x-m4a, audio/mpeg, video/quicktime, video/mp4,
 * video/x-m4v, application/pdf" for M4A, MP3, MOV, MP4, M4V and PDF;
 * PSP-1, Required item, enclosure: audio/mpeg, audio/m4a, video/m4v,
 * video/mp4.  Both spellings are accepted.
 */
static const struct {
	const char *ext, *type;
} formats[] = {
	{ "mp3", "audio/mpeg" },
	{ "m4a", "audio/x-m4a" }, { "m4a", "audio/m4a" },
	{ "mov", "video/quicktime" },
	{ "mp4", "video/mp4" },
	{ "m4v", "video/x-m4v" }, { "m4v", "video/m4v" },
	{ "pdf", "application/pdf" },
};
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

/* media file extensions Apple does not take */
static const char *const other_media[] = {
	"aac", "aif", "aiff", "avi", "flac", "flv", "mkv", "mpg", "mpeg", "oga",
	"ogg", "ogv", "opus", "wav", "webm", "wma", "wmv", "3gp", NULL
};

/* The extension of the last path segment of url, lower case, into buf
 * (at most n - 1 characters); "" when it has none. */
static void url_ext(const char *url, char *buf, size_t n)
{
	const char *end = url + strcspn(url, "?#"), *seg = url, *dot = NULL, *p;
	size_t k = 0;

	for (p = url; p < end; p++)
		if (*p == '/')
			seg = p + 1;
	for (p = seg; p < end; p++)
		if (*p == '.')
			dot = p;
	buf[0] = '\0';
	if (!dot || end - dot - 1 >= (long)n || end == dot + 1)
		return;
	for (p = dot + 1; p < end; p++)
		buf[k++] = (char)TO_LOWER(*p);
	buf[k] = '\0';
}

static void check_enclosure(struct fc *fc, struct frame *f)
{
	const char *url = fc_attr(f, NS_NONE, "url");
	const char *type = fc_attr(f, NS_NONE, "type");
	const char *len = fc_attr(f, NS_NONE, "length");
	char ext[8], tbuf[64], *key;
	size_t i, k;
	int type_ok = 0, ext_known = 0, ext_ok = 0;
	long long n;

	if (fc->o->want_media && url)
		fc_ref_add(fc, FC_REF_ENCLOSURE, f, 0, 0, url, NULL, type, NULL,
			   len && !fc_int_check(len, 0, LLONG_MAX, &n) ? n : -1);
	if (!fc_podcast(fc))
		return;
	/* the media type without parameters, lower case */
	for (k = 0; type && type[k] && type[k] != ';' && !IS_SPACE(type[k]) &&
		    k < sizeof(tbuf) - 1; k++)
		tbuf[k] = (char)TO_LOWER(type[k]);
	tbuf[k] = '\0';
	url_ext(url ? url : "", ext, sizeof(ext));
	for (i = 0; i < NFORMATS; i++) {
		if (!strcmp(tbuf, formats[i].type))
			type_ok = 1;
		if (!strcmp(ext, formats[i].ext)) {
			ext_known = 1;
			if (!strcmp(tbuf, formats[i].type))
				ext_ok = 1;
		}
	}
	if (type && !type_ok)
		fc_report_at(fc, f, "podcast-enclosure-type",
			     "enclosure type '%.60s' is not one Apple Podcasts "
			     "plays (audio/mpeg, audio/x-m4a, video/mp4, "
			     "video/x-m4v, video/quicktime, application/pdf)", type);
	else if (type && ext_known && !ext_ok)
		fc_report_at(fc, f, "podcast-enclosure-type",
			     "enclosure type '%.60s' does not match the file's "
			     "extension '.%s'", type, ext);
	else if (!ext_known && *ext)
		for (i = 0; other_media[i]; i++)
			if (!strcmp(ext, other_media[i]))
				fc_report_at(fc, f, "podcast-enclosure-type",
					     "enclosure file '.%s' is not a format "
					     "Apple Podcasts plays (MP3, M4A, MP4, "
					     "M4V, MOV, PDF)", ext);
	/* RSS Best Practices allow 0 for an unknown length; the directories
	 * want the file's size in bytes */
	if (len && !fc_int_check(len, 0, 0, &n))
		fc_report_at(fc, f, "podcast-enclosure-length",
			     "enclosure length is 0: give the file's size in "
			     "bytes");
	if (url && *url) {
		/* the guids' set, under a prefix of its own (rss.c uses \001
		 * and \002 for skipHours and skipDays) */
		size_t ul = strlen(url);
		if ((key = malloc(ul + 2))) {
			key[0] = '\003';
			memcpy(key + 1, url, ul + 1);
			if (fc_idset_add(fc->ids, key))
				fc_report_at(fc, f, "podcast-enclosure-reused",
					     "enclosure URL '%.100s' is used by an "
					     "earlier episode too", url);
			free(key);
		}
	}
}

/* ---- titles, copyright ---- */

/* n digits at s, at least one */
static size_t digits(const char *s)
{
	size_t n = 0;

	while (IS_DIGIT(s[n]))
		n++;
	return n;
}

/*
 * Apple, title: "Don't specify the episode number or season number in
 * this tag"; PSP-1, Required item, title.  A heuristic: "Episode 12",
 * "Ep. 12", "#12", "S02E04", "Season 2", or a title that starts "12." or
 * "12:" (not a year).  Returns what it saw, or NULL.
 */
static const char *numbered(const char *t)
{
	static const char *const words[] = { "episode", "season", "ep", NULL };
	const char *p, *q;
	size_t i, n, w;

	while (IS_SPACE(*t))
		t++;
	n = digits(t);
	/* "12. Title", "012: Title"; not "2024: the year in review" */
	if (n && n <= 4 && (t[n] == '.' || t[n] == ':') &&
	    (IS_SPACE(t[n + 1]) || !t[n + 1]) &&
	    !(n == 4 && (!strncmp(t, "19", 2) || !strncmp(t, "20", 2))))
		return "a leading number";
	if (*t == '#' && digits(t + 1))
		return "'#' and a number";
	for (p = t; *p; p++) {
		if (p > t && IS_ALNUM(p[-1]))
			continue;
		if ((*p == 'S' || *p == 's') && (n = digits(p + 1)) &&
		    (p[1 + n] == 'E' || p[1 + n] == 'e') && digits(p + 2 + n))
			return "a season and episode code";
		for (i = 0; words[i]; i++) {
			w = strlen(words[i]);
			if (!fc_strncase_eq(p, words[i], w) || IS_ALPHA(p[w]))
				continue;
			for (q = p + w; *q == ' ' || *q == '#' || *q == '.'; q++)
				;
			if (digits(q))
				return words[i][0] == 's' ? "a season number" :
							    "an episode number";
		}
	}
	return NULL;
}

/* PSP-1, Situational channel, copyright: "Should not include the word
 * 'Copyright', the (c) symbol, and/or a year." */
static const char *copyright_says(const char *t)
{
	const char *p;

	for (p = t; *p; p++) {
		if (fc_strncase_eq(p, "copyright", 9))
			return "the word 'Copyright'";
		if (!strncmp(p, "\xC2\xA9", 2) || fc_strncase_eq(p, "(c)", 3))
			return "the copyright sign";
		if ((p == t || !IS_DIGIT(p[-1])) && digits(p) == 4 &&
		    (p[0] == '1' || p[0] == '2'))
			return "a year";
	}
	return NULL;
}

/* ---- the handlers ---- */

static int in_channel(struct fc *fc, const struct frame *f)
{
	const struct frame *p = fc_parent(fc, f);

	return p && p->ctx == CX_CHANNEL;
}

static void podreq_start(struct fc *fc, struct frame *f, void *state)
{
	const char *v;

	struct podreq_state *st = state;

	if (fc->family == 'a') {
		/* RFC 4287 section 4.2.7.2: rel="enclosure" */
		if (f->ctx == CX_ALINK && f->ns == NS_ATOM &&
		    (v = fc_attr(f, NS_NONE, "rel")) && !strcmp(v, "enclosure") &&
		    (v = fc_attr(f, NS_NONE, "type")) &&
		    (fc_strncase_eq(v, "audio/", 6) || fc_strncase_eq(v, "video/", 6)))
			st->atom_media = 1;
		return;
	}
	if (f->ctx == CX_ENCLOSURE) {
		check_enclosure(fc, f);
	} else if (f->ns == NS_ITUNES && f->ctx == CX_IT_IMAGE &&
		   in_channel(fc, f) && fc->o->want_media &&
		   (v = fc_attr(f, NS_NONE, "href"))) {
		fc_ref_add(fc, FC_REF_ARTWORK, f, 0, 0, v, NULL, NULL, NULL, -1);
	}
}

static void item_end(struct fc *fc, struct frame *f, struct podreq_state *st)
{
	/* Apple, guid: without one Apple falls back to the enclosure URL */
	if (!fc_kids(f, NS_NONE, "guid"))
		fc_report_at(fc, f, "podcast-missing-guid",
			     "episode without a guid: give every episode a "
			     "guid that never changes");
	if (!fc_kids(f, NS_NONE, "enclosure"))
		fc_report_at(fc, f, "podcast-missing-enclosure",
			     "episode without an enclosure: no media to play");
	if (!fc_kids(f, NS_NONE, "title"))
		fc_report_at(fc, f, "podcast-missing-title",
			     "episode without a title");
	if (!fc_kids(f, NS_ITUNES, "episode")) {
		if (!st->noep++) {
			st->noep_line = f->line;
			st->noep_col = f->col;
		}
	}
}

static void channel_end(struct fc *fc, struct frame *f, struct podreq_state *st)
{
	static const char *const need[] = { "image", "category", "explicit",
		NULL };
	const char *used = fc->r->enc.used;
	const char *missing[3];
	size_t i, n = 0;

	/* Apple, show tags: required */
	for (i = 0; need[i]; i++)
		if (!fc_kids(f, NS_ITUNES, need[i]))
			fc_report_at(fc, f, "itunes-missing-element",
				     "a podcast channel needs itunes:%s", need[i]);
	if (!fc_kids(f, NS_NONE, "language"))
		fc_report_at(fc, f, "itunes-missing-element",
			     "a podcast channel needs language");
	if (!fc_kids(f, NS_ITUNES, "owner"))
		fc_report_at(fc, f, "itunes-missing-email",
			     "no itunes:owner with an itunes:email: Spotify "
			     "verifies the show's owner by it");
	if (st->serial && st->noep)
		fc_report(fc, "podcast-serial-episode", st->noep_line,
			  st->noep_col, "itunes:type is serial, but %lu "
			  "episode%s no itunes:episode (the first here)",
			  st->noep, st->noep == 1 ? " has" : "s have");
	if (!fc->feed_has_self)
		fc_report_at(fc, f, "podcast-missing-self-link",
			     "a podcast channel needs atom:link rel=\"self\" "
			     "with the feed's own URL");
	if (!(fc->ns_declared & BIT(NS_ITUNES)) && !fc->itunes_seen)
		fc_report_at(fc, f, "itunes-namespace-missing",
			     "the iTunes namespace "
			     "'http://www.itunes.com/dtds/podcast-1.0.dtd' is "
			     "not declared: Apple reads no itunes: tag without it");
	if (!(fc->ns_declared & BIT(NS_PODCAST)))
		fc_report_at(fc, f, "podcast-namespace-missing",
			     "the podcast namespace "
			     "'https://podcastindex.org/namespace/1.0' is not "
			     "declared");
	/* PSP-1, Recommended channel */
	if (!fc_kids(f, NS_PODCAST, "locked"))
		missing[n++] = "podcast:locked";
	if (!fc_kids(f, NS_PODCAST, "guid"))
		missing[n++] = "podcast:guid";
	if (!fc_kids(f, NS_ITUNES, "author"))
		missing[n++] = "itunes:author";
	if (n)
		fc_report_at(fc, f, "podcast-recommended-missing",
			     "recommended for a podcast and missing: %s%s%s%s%s",
			     missing[0], n > 1 ? ", " : "", n > 1 ? missing[1] : "",
			     n > 2 ? ", " : "", n > 2 ? missing[2] : "");
	if (used && !st->utf8_said &&
	    !(fc_strncase_eq(used, "utf-8", 5) && !used[5])) {
		st->utf8_said = 1;
		fc_report_at(fc, f, "podcast-not-utf8",
			     "the feed is in %s: a podcast feed is UTF-8", used);
	}
}

static void podreq_end(struct fc *fc, struct frame *f, void *state)
{
	struct podreq_state *st = state;
	const char *t = f->text.data ? f->text.data : "";
	const char *why;
	struct frame *p;

	if (fc->family == 'a') {
		/* Apple (technical updates, 2022): "Atom feeds -- No longer
		 * supported"; its requirements: "RSS feed URLs must adhere to
		 * RSS 2.0 specifications".  Under --profile apple any Atom
		 * feed, else one that looks like a podcast. */
		if (f->ctx == CX_FEED && !fc_parent(fc, f) &&
		    ((fc->o && (fc->o->profiles & FC_PROFILE_APPLE)) ||
		     fc->itunes_seen || st->atom_media ||
		     (fc->ns_declared & (BIT(NS_ITUNES) | BIT(NS_PODCAST)))))
			fc_report_at(fc, f, "podcast-atom-not-supported",
				     "an Atom podcast: Apple Podcasts accepts "
				     "RSS 2.0 feeds only");
		return;
	}
	if (fc->family != 'r' || !fc_podcast(fc))
		return;
	if (f->ctx == CX_ITEM) {
		item_end(fc, f, st);
		return;
	}
	if (f->ctx == CX_CHANNEL) {
		channel_end(fc, f, st);
		return;
	}
	if (f->ns == NS_ITUNES && f->ctx == CX_IT_OWNER) {
		if (!fc_kids(f, NS_ITUNES, "email"))
			fc_report_at(fc, f, "itunes-missing-email",
				     "itunes:owner without itunes:email: Spotify "
				     "verifies the show's owner by it");
		return;
	}
	if (f->ctx != CX_LEAF || !(p = fc_parent(fc, f)))
		return;
	if (f->ns == NS_ITUNES && p->ctx == CX_CHANNEL &&
	    !strcmp(f->local, "type")) {
		char *s = fc_trim_dup(t);
		if (s && !strcmp(s, "serial"))
			st->serial = 1;
		free(s);
		return;
	}
	if (f->ns != NS_NONE || (p->ctx != CX_CHANNEL && p->ctx != CX_ITEM))
		return;
	if (!strcmp(f->local, "description") && strlen(t) > 4000)
		fc_report_at(fc, f, "podcast-description-too-long",
			     "description is %zu bytes: Apple and PSP-1 take at "
			     "most 4000", strlen(t));
	else if (p->ctx == CX_ITEM && !strcmp(f->local, "title") &&
		 (why = numbered(t)))
		fc_report_at(fc, f, "podcast-title-numbering",
			     "the title has %s: give the number in "
			     "itunes:episode (and itunes:season) instead", why);
	else if (p->ctx == CX_CHANNEL && !strcmp(f->local, "copyright") &&
		 (why = copyright_says(t)))
		fc_report_at(fc, f, "podcast-copyright-format",
			     "copyright has %s: PSP-1 asks for the holder only",
			     why);
}

const struct fc_vocab fc_vocab_podreq = {
	.name = "podreq",
	.rules = podreq_rules,
	.family = "ra",
	.size = sizeof(struct podreq_state),
	.hooks = { podreq_start, podreq_end, NULL },
};
