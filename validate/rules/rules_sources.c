/*
 * rules_sources.c - where each platform rule comes from: the document of
 * Apple Podcasts, Spotify or Podcast Index (PSP-1 and the podcast
 * namespace) that asks for it, and the day its text was last read.  A
 * directory's requirements change (Apple dropped Atom and the owner
 * e-mail in 2022), so a rule says which text it follows and how fresh its
 * reading is; --explain and --list-rules --format json show both, and
 * docs/COVERAGE.md lists them.  Part of the rule table (rules.c).
 *
 * Each note says how the text was read (from a stored copy of that day,
 * not live) and what the current page could not confirm.
 */
#include <string.h>

#include "families.h"

/* the documents */
#define APPLE_REQ "https://podcasters.apple.com/support/823-podcast-requirements"
#define APPLE_UPD "https://podcasters.apple.com/4115-technical-updates-for-hosting-providers"
#define APPLE_ART "https://podcasters.apple.com/support/896-artwork-requirements"
#define APPLE_GUIDE "https://help.apple.com/itc/podcasts_connect/#/itcb54353390"
#define APPLE_REJECT "https://help.soundcloud.com/hc/en-us/articles/31405611938459-Ensuring-Podcast-Artwork-Meets-Apple-Podcasts-Requirements"
#define SPOTIFY_SPEC "https://support.spotify.com/bh-en/podcasters/article/podcast-specification-doc/"
#define SPOTIFY_EMAIL "https://support.spotify.com/de/creators/article/adding-your-email-address-to-your-rss-feed"
#define PSP1 "https://github.com/Podcast-Standards-Project/PSP-1-Podcast-RSS-Specification"
#define PC_NS "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
#define PC_TAGS "https://github.com/Podcastindex-org/podcast-namespace/tree/main/docs/tags"
#define PC_RECS "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/other-recommendations.md"

#define CHECKED "2026-12-06"
/* what could not be read again */
#define OLD_GUIDE "; Apple's older guide; the current requirements page does not state it"
#define SPOTIFY_V16 "; the specification v1.6 (2019) as read; v1.9 not re-read"
#define PSP1_REV "; PSP-1 at df4772b (2023-08-07)"
#define PC_REV "; the podcast namespace at c0ff5caa (2026-05-13)"

#define READ "read from a stored copy"
#define A(id, url, note) { id, "apple", url, CHECKED, READ note }
#define S(id, url, note) { id, "spotify", url, CHECKED, READ note }
#define X(id, url, note) { id, "podcastindex", url, CHECKED, READ note }

/* the feed readers (--profile readers): their documentation, an issue
 * where their authors say what they do, or the source file at a commit */
#define READER_READ "read from a stored copy of the page or the repository"
#define R(id, reader, url) { id, reader, url, CHECKED, READER_READ }

static const struct fc_rule_source sources[] = {
	A("podcast-missing-guid", APPLE_REQ, ""),
	S("podcast-missing-guid", SPOTIFY_SPEC, SPOTIFY_V16),
	X("podcast-missing-guid", PSP1, PSP1_REV),
	A("podcast-missing-enclosure", APPLE_REQ, ""),
	S("podcast-missing-enclosure", SPOTIFY_SPEC, SPOTIFY_V16),
	X("podcast-missing-enclosure", PSP1, PSP1_REV),
	A("podcast-missing-title", APPLE_GUIDE, OLD_GUIDE),
	X("podcast-missing-title", PSP1, PSP1_REV),
	A("podcast-enclosure-type", APPLE_GUIDE, OLD_GUIDE),
	S("podcast-enclosure-type", SPOTIFY_SPEC, SPOTIFY_V16),
	X("podcast-enclosure-type", PSP1, PSP1_REV),
	A("podcast-enclosure-length", APPLE_REQ, ""),
	S("podcast-enclosure-length", SPOTIFY_SPEC, SPOTIFY_V16),
	X("podcast-enclosure-length", PSP1, PSP1_REV),
	A("podcast-enclosure-reused", APPLE_REQ, ""),
	X("podcast-enclosure-reused", PC_RECS, PC_REV),
	A("podcast-description-too-long", APPLE_GUIDE, OLD_GUIDE),
	X("podcast-description-too-long", PSP1, PSP1_REV),
	A("podcast-serial-episode", APPLE_GUIDE, OLD_GUIDE),
	X("podcast-serial-episode", PSP1, PSP1_REV),
	A("podcast-not-utf8", APPLE_GUIDE, OLD_GUIDE),
	X("podcast-not-utf8", PSP1, PSP1_REV),
	X("podcast-missing-self-link", PSP1, PSP1_REV),
	A("podcast-atom-not-supported", APPLE_UPD, ""),
	A("podcast-atom-not-supported", APPLE_REQ, ""),
	A("itunes-missing-element", APPLE_GUIDE, OLD_GUIDE),
	S("itunes-missing-element", SPOTIFY_SPEC, SPOTIFY_V16),
	X("itunes-missing-element", PSP1, PSP1_REV),
	S("itunes-missing-email", SPOTIFY_EMAIL, ""),
	A("itunes-namespace-missing", APPLE_REQ, ""),
	S("itunes-namespace-missing", SPOTIFY_SPEC, SPOTIFY_V16),
	X("itunes-namespace-missing", PSP1, PSP1_REV),
	A("itunes-image-format", APPLE_ART, ""),
	X("itunes-image-format", PSP1, PSP1_REV),
	A("itunes-padded-value", APPLE_GUIDE, OLD_GUIDE),
	X("itunes-padded-value", PSP1, PSP1_REV),
	A("itunes-invalid-category", APPLE_REQ, ""),
	A("itunes-obsolete-category", APPLE_GUIDE, OLD_GUIDE),
	A("itunes-invalid-explicit", APPLE_GUIDE, OLD_GUIDE),
	X("itunes-invalid-explicit", PSP1, PSP1_REV),
	A("itunes-invalid-duration", APPLE_GUIDE, OLD_GUIDE),
	A("itunes-invalid-value", APPLE_GUIDE, OLD_GUIDE),
	A("itunes-keywords-format", APPLE_GUIDE, OLD_GUIDE),
	X("podcast-namespace-missing", PSP1, PSP1_REV),
	X("podcast-recommended-missing", PSP1, PSP1_REV),
	X("podcast-copyright-format", PSP1, PSP1_REV),
	A("podcast-title-numbering", APPLE_GUIDE, OLD_GUIDE),
	X("podcast-title-numbering", PSP1, PSP1_REV),
	X("podcast-missing-attribute", PC_NS, PC_REV),
	X("podcast-invalid-value", PC_TAGS, PC_REV),
	X("podcast-invalid-guid", PC_TAGS, PC_REV),
	X("podcast-blank-value", PC_TAGS, PC_REV),
	X("podcast-too-long", PC_TAGS, PC_REV),
	X("podcast-taxonomy", PC_TAGS, PC_REV),
	X("podcast-missing-child", PC_TAGS, PC_REV),
	X("podcast-misplaced", PC_TAGS, PC_REV),
	X("podcast-unknown-element", PC_NS, PC_REV),
	X("podcast-deprecated", PC_NS, PC_REV),
	A("media-check-no-range", APPLE_REQ, ""),
	A("media-check-type", APPLE_REQ, ""),
	S("media-check-type", SPOTIFY_SPEC, SPOTIFY_V16),
	A("media-check-length", APPLE_REQ, ""),
	S("media-check-length", SPOTIFY_SPEC, SPOTIFY_V16),
	A("artwork-format", APPLE_ART, ""),
	S("artwork-format", SPOTIFY_SPEC, SPOTIFY_V16),
	X("artwork-format", PSP1, PSP1_REV),
	A("artwork-size", APPLE_ART, ""),
	S("artwork-size", SPOTIFY_SPEC, SPOTIFY_V16),
	X("artwork-size", PSP1, PSP1_REV),
	A("artwork-not-square", APPLE_ART, ""),
	S("artwork-not-square", SPOTIFY_SPEC, SPOTIFY_V16),
	X("artwork-not-square", PSP1, PSP1_REV),
	A("artwork-alpha", APPLE_ART, ""),
	A("artwork-colorspace", APPLE_REJECT,
	  "; Apple's rejection message as SoundCloud quotes it; the artwork "
	  "page itself states no colour space"),
	X("artwork-colorspace", PSP1, PSP1_REV),
	R("readers-future-date", "netnewswire",
	  "https://github.com/Ranchero-Software/NetNewsWire/issues/538"),
	R("readers-identical-dates", "netnewswire",
	  "https://github.com/Ranchero-Software/NetNewsWire/issues/2928"),
	R("readers-missing-date", "netnewswire",
	  "https://github.com/Ranchero-Software/NetNewsWire/issues/3527"),
	R("readers-conflicting-dates", "miniflux",
	  "https://github.com/miniflux/v2/blob/106cdd09e1557222303f3ed1376e1dadf0638621/internal/reader/rss/adapter.go"),
	R("readers-mixed-content", "miniflux",
	  "https://miniflux.app/docs/configuration.html#media-proxy-mode"),
	R("readers-missing-guid", "newsboat",
	  "https://github.com/newsboat/newsboat/blob/1ee1e83d7f10b1787f8814a9ed3dc678f15e5f93/src/rssparser.cpp"),
	R("readers-empty-guid", "freshrss",
	  "https://github.com/FreshRSS/FreshRSS/issues/1552"),
	R("readers-shared-link", "freshrss",
	  "https://github.com/FreshRSS/FreshRSS/issues/5329"),
	R("readers-volatile-id", "miniflux",
	  "https://github.com/miniflux/v2/issues/3390"),
	R("readers-relative-link", "feedparser",
	  "https://feedparser.readthedocs.io/en/latest/resolving-relative-links.html"),
	R("readers-xml-base", "netnewswire",
	  "https://github.com/Ranchero-Software/NetNewsWire/issues/5088"),
	R("readers-html-in-title", "feedparser",
	  "https://feedparser.readthedocs.io/en/latest/html-sanitization.html"),
	R("readers-feed-too-large", "miniflux",
	  "https://miniflux.app/docs/configuration.html#http-client-max-body-size"),
	R("readers-img-without-src", "miniflux",
	  "https://github.com/miniflux/v2/blob/106cdd09e1557222303f3ed1376e1dadf0638621/internal/reader/sanitizer/sanitizer.go"),
};

#undef A
#undef S
#undef X

const struct fc_rule_source *fc_rule_source(const char *id, size_t i)
{
	size_t k;

	if (!id)
		return NULL;
	for (k = 0; k < sizeof(sources) / sizeof(sources[0]); k++)
		if (!strcmp(sources[k].id, id) && i-- == 0)
			return &sources[k];
	return NULL;
}
