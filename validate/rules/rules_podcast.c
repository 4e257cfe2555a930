/*
 * rules_podcast.c - the podcast rules as data: Apple Podcasts, PSP-1,
 * Spotify, the podcast namespace, --check-media and web pages; and under
 * which --profile each is an error.  Part of the rule table (rules.c).
 */
#include <string.h>

#include "families.h"

#define E DIAG_ERROR
#define W DIAG_WARNING
#define I DIAG_INFO

/*
 * Podcasts (itunes.c, podcast.c, podcast_req.c), --check-media (the
 * feedcheck program's media.c) and web pages (page.c).  Sources: Apple
 * Podcasts Connect, "A Podcaster's Guide to RSS"
 * (help.apple.com/itc/podcasts_connect/#/itcb54353390); PSP-1, "The Podcast
 * RSS Standard" (github.com/Podcast-Standards-Project); Spotify, Podcast
 * Delivery Specification; the podcast namespace
 * (github.com/Podcastindex-org/podcast-namespace, docs/tags/<tag>.md).
 * Directory requirements are warnings or info; podcast_profiles below
 * says under which --profile each is an error.
 */
const struct fc_rule fc_rules_podcast[] = {
/* Apple, PSP-1, Spotify: the RSS of a podcast */
{ "podcast-missing-guid", W, "an episode without a guid",
  "Apple Podcasts (A Podcaster's Guide to RSS, episode tags, guid): every "
  "episode needs a globally unique identifier that never changes; without "
  "one Apple falls back to the enclosure URL, and a moved file becomes a new "
  "episode.  PSP-1 (Required item: guid) and Spotify require it too (W3C "
  "MissingGuid).  Add <guid isPermaLink=\"false\">...</guid>." },
{ "podcast-missing-enclosure", W, "an episode without an enclosure",
  "Apple Podcasts (episode tags: enclosure is required), PSP-1 (Required "
  "item: enclosure) and Spotify (Podcast Delivery Specification section "
  "5.17): every episode carries its media file in <enclosure url length "
  "type>." },
{ "podcast-missing-title", W, "an episode without a title",
  "Apple Podcasts (episode tags: title is required) and PSP-1 (Required "
  "item: title).  RSS 2.0 alone is content with a description." },
{ "podcast-enclosure-type", W, "an enclosure Apple Podcasts does not play",
  "Apple Podcasts (episode tags, enclosure) takes M4A, MP3, MOV, MP4, M4V "
  "and PDF files, typed audio/x-m4a, audio/mpeg, video/quicktime, "
  "video/mp4, video/x-m4v and application/pdf; PSP-1 (Required item: "
  "enclosure) also spells them audio/m4a and video/m4v.  The type must "
  "also match the file's extension.  W3C's UnsupportedItunesFormat looks "
  "at the first enclosure only; feedcheck at each one." },
{ "podcast-enclosure-length", W, "an enclosure whose length is 0",
  "Apple Podcasts (episode tags, enclosure) and Spotify (Podcast Delivery "
  "Specification section 5.17): length is the file's size in bytes.  The "
  "RSS Best Practices Profile allows 0 when the size is unknown, so this "
  "is never an error without a --profile." },
{ "podcast-enclosure-reused", W, "two episodes with the same enclosure URL",
  "Apple Podcasts (episode tags, guid) identifies an episode by its guid "
  "and else by its enclosure URL; hosts such as PRX (feed requirements) "
  "refuse feeds that reuse a media URL for another episode.  Give every "
  "episode its own file URL." },
{ "podcast-description-too-long", W, "a description over 4000 bytes",
  "Apple Podcasts (show and episode tags, description: \"The maximum "
  "amount of text allowed for this tag is 4000 bytes\") and PSP-1 "
  "(Required channel: description).  The bytes counted are those of the "
  "text in UTF-8, markup in it included." },
{ "podcast-serial-episode", W, "a serial show with an unnumbered episode",
  "Apple Podcasts (show tags, itunes:type): a serial show is listened to "
  "in order, oldest first, and \"itunes:episode numbers must be given for "
  "each episode\"; PSP-1 (Situational channel: itunes:type)." },
{ "podcast-not-utf8", W, "a podcast feed not in UTF-8",
  "Apple Podcasts (technical notes: \"use plain text UTF-8 encoding for "
  "your feed\") and PSP-1 (Namespace Declarations: \"Feeds must be plain "
  "text UTF-8 encoded\"); W3C NotUTF8.  Convert the feed to UTF-8 and say "
  "so in the XML declaration." },
{ "podcast-missing-self-link", W, "a podcast without atom:link rel=\"self\"",
  "PSP-1 (Required channel: atom:link rel=\"self\"): \"The declared "
  "canonical feed URL for the podcast\" (RFC 4287 section 4.2.7).  It is "
  "how apps follow a show that moves." },
{ "itunes-missing-email", W, "no itunes:owner with an itunes:email",
  "Spotify for Creators verifies that a show is yours by the e-mail "
  "address of itunes:owner/itunes:email (\"Diese E-Mail-Adresse beziehen "
  "wir aus dem RSS-Feed\": we take this address from the RSS feed); "
  "YouTube too mails a code to the feed's address.  Apple no longer uses "
  "it (technical updates, 2022: \"The owner tag (<itunes:owner>) and its "
  "contact information, including email, will no longer be recommended\"), "
  "and PSP-1 does not list it, so it is an error under --profile spotify "
  "only (W3C MissingItunesEmail, MissingElement).  Add "
  "<itunes:owner><itunes:name>...</itunes:name><itunes:email>...</itunes:email></itunes:owner>." },
{ "podcast-atom-not-supported", W, "an Atom podcast: Apple takes RSS only",
  "Apple Podcasts (technical updates for hosting providers, 2022): \"Atom "
  "feeds -- No longer supported -- New shows in Atom feed format will no "
  "longer be accepted and any remaining shows will no longer be "
  "updated\"; its podcast requirements: \"RSS feed URLs must adhere to RSS "
  "2.0 specifications\".  Reported for an Atom feed that declares the "
  "iTunes or podcast namespace or links audio or video with "
  "rel=\"enclosure\", and for any Atom feed under --profile apple, where "
  "it is an error.  Publish the show as RSS 2.0." },
{ "itunes-namespace-missing", W, "a podcast feed without the iTunes namespace",
  "Apple Podcasts (technical notes): without "
  "xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" (case "
  "sensitive) \"Podcasts Connect ignores all tags specific to Apple "
  "Podcasts\"; PSP-1 (Namespace Declarations) requires it." },
{ "podcast-namespace-missing", I, "a podcast feed without the podcast namespace",
  "PSP-1 (Namespace Declarations): podcast feeds declare the itunes, "
  "podcast and atom namespaces; the podcast one is "
  "xmlns:podcast=\"https://podcastindex.org/namespace/1.0\"." },
{ "podcast-recommended-missing", I, "a channel element PSP-1 recommends is missing",
  "PSP-1 (Recommended channel): podcast:locked (may other platforms import "
  "the feed), podcast:guid (the show's identity when it moves) and "
  "itunes:author." },
{ "podcast-copyright-format", I, "a copyright with the word, the sign or a year",
  "PSP-1 (Situational channel: copyright) \"Should not include the word "
  "'Copyright', the (c) symbol, and/or a year\": name the holder." },
{ "podcast-title-numbering", I, "an episode title with an episode or season number",
  "Apple Podcasts (episode tags, title: \"Don't specify the episode number "
  "or season number in this tag\") and PSP-1 (Required item: title): put "
  "them in itunes:episode and itunes:season, which apps show on their own.  "
  "A heuristic: \"Episode 12\", \"Ep. 12\", \"#12\", \"S02E04\", a leading "
  "\"12.\"." },
{ "itunes-padded-value", W, "an iTunes value with white space around it",
  "Apple Podcasts (technical notes): \"Don't add leading or trailing "
  "spaces to your values\"; PSP-1 (Namespace Declarations) says node "
  "values \"should have no leading or trailing spaces\"." },
/* the podcast namespace */
{ "podcast-missing-attribute", W, "a podcast: element without an attribute it requires",
  "The podcast namespace (docs/1.0.md, \"All attributes are required unless "
  "explicitly specified as optional\"; each tag's page under docs/tags/): "
  "transcript needs url and type, funding url, chapters url and type, "
  "soundbite startTime and duration, trailer url and pubdate, "
  "alternateEnclosure type, source uri, integrity type and value, value "
  "type and method, valueRecipient type, address and split, valueTimeSplit "
  "startTime and duration, liveItem status and start, contentLink href, "
  "socialInteract protocol and uri, remoteItem feedGuid, chat server and "
  "protocol, image href, images srcset; updateFrequency dtstart when its "
  "rrule has a COUNT." },
{ "podcast-invalid-value", W, "a podcast: value of the wrong form",
  "The podcast namespace's tag pages give each value its form: yes or no "
  "(locked, block), true or false (default, fee, complete, usesPodping), "
  "the medium list (podcast, music, video, film, audiobook, newsletter, "
  "blog, publisher, course, their L forms, mixed), liveItem status "
  "(pending, live, ended), integrity type (sri, pgp-signature), location "
  "rel (subject, creator), numbers (season an integer, episode a decimal, "
  "split a non-negative integer, times in seconds), ISO 8601 times, a "
  "geo: URI (RFC 5870), an OpenStreetMap id, an ISO 3166-1 country code, "
  "a ratio such as 16/9, a UUID for remoteItem feedGuid." },
{ "podcast-invalid-guid", W, "a podcast:guid that is not a version 5 UUID",
  "The podcast namespace (docs/tags/guid.md): \"The value is a UUIDv5\", "
  "made from the feed URL without its scheme and trailing slashes in the "
  "namespace ead4c236-bf58-58c6-a2c6-a6b28d128cb6; 36 characters, the "
  "version digit (the 15th) 5.  It is not required to match the current "
  "URL: it follows the show when it moves." },
{ "podcast-blank-value", W, "a podcast: element whose text cannot be blank",
  "The podcast namespace: the node value of person, location, trailer and "
  "license is required (person.md: \"This value cannot be blank\")." },
{ "podcast-too-long", W, "a podcast: value longer than aggregators keep",
  "The podcast namespace's tag pages ask for at most 128 characters in "
  "funding, soundbite, person, location, trailer and updateFrequency text, "
  "season name, txt purpose and image purpose; 32 in episode display and "
  "alternateEnclosure title and rel; 4000 in txt: \"or it may be truncated "
  "by aggregators\"." },
{ "podcast-taxonomy", W, "a podcast:person role or group outside the taxonomy",
  "The podcast namespace (docs/tags/person.md): role and group \"should be "
  "a reference to an official role within the Podcast Taxonomy Project "
  "list\" (taxonomy.json), compared without case." },
{ "podcast-missing-child", W, "a podcast: element without the children it needs",
  "The podcast namespace: value needs at least one valueRecipient, "
  "alternateEnclosure at least one source, podroll at least one "
  "remoteItem, publisher exactly one, valueTimeSplit one remoteItem or "
  "valueRecipients, liveItem a contentLink (live-item.md: \"also required "
  "to be present\")." },
{ "podcast-misplaced", W, "a podcast: element in the wrong parent",
  "Each tag of the podcast namespace names its parents (transcript, "
  "chapters, soundbite, season, episode and alternateEnclosure in an item; "
  "locked, guid, medium, trailer, block, podroll in the channel ...).  "
  "Apps look for it there only." },
{ "podcast-unknown-element", W, "an element the podcast namespace does not define",
  "The podcast namespace does not define this element (yet: it keeps "
  "growing, so this is a warning).  Check its spelling against "
  "docs/tags/ of the namespace." },
{ "podcast-deprecated", W, "a deprecated podcast: element",
  "podcast:images is deprecated (docs/tags/images.md): use one "
  "podcast:image per picture." },
/* --check-media (feedcheck's media.c fetches; the rules library never does) */
{ "media-check-status", E, "an enclosure or the artwork does not answer 2xx",
  "feedcheck --check-media fetched the file with a ranged GET and got a "
  "status other than 2xx (RFC 9110 section 15): apps cannot play or show "
  "it." },
{ "media-check-failed", E, "an enclosure or the artwork could not be fetched",
  "feedcheck --check-media could not connect, or the transfer failed or "
  "took longer than --max-time." },
{ "media-check-type", W, "a Content-Type that disagrees with the feed",
  "The server's Content-Type for the enclosure is not the type the feed "
  "gives it (Apple Podcasts, episode tags, enclosure; Spotify section "
  "5.17).  Apps and directories may believe the server." },
{ "media-check-length", W, "a file size that disagrees with the feed",
  "The size the server gives (Content-Range, else Content-Length) is not "
  "the enclosure's length (Apple Podcasts, enclosure: \"length: the file "
  "size in bytes\"; Spotify section 5.17)." },
{ "media-check-no-range", W, "a media server without byte-range requests",
  "Apple Podcasts requires the servers of episodes to support byte-range "
  "requests (RFC 9110 section 14): apps seek and resume with them.  The "
  "server answered a Range request with the whole file." },
{ "artwork-format", W, "artwork that is not a JPEG or PNG",
  "Apple Podcasts (show tags, itunes:image) and PSP-1 (Required channel): "
  "JPEG or PNG, with a .jpg or .png extension that matches the real type.  "
  "Read from the file's header with libjpeg and libpng." },
{ "artwork-size", W, "artwork outside 1400 to 3000 pixels",
  "Apple Podcasts (itunes:image: \"a minimum size of 1400 x 1400 pixels and "
  "a maximum size of 3000 x 3000 pixels\") and PSP-1." },
{ "artwork-not-square", W, "artwork that is not square",
  "Apple Podcasts (itunes:image) shows show artwork square: width and "
  "height must be equal." },
{ "artwork-colorspace", W, "artwork that is not RGB",
  "Apple Podcasts (itunes:image) and PSP-1: artwork \"in the RGB "
  "colorspace\"; a CMYK or grayscale image is refused or shown wrongly." },
{ "artwork-alpha", W, "artwork with an alpha channel or transparency",
  "Apple Podcasts (artwork requirements, show cover): \"Should not contain "
  "an Alpha channel\"; JPG or PNG, and only the Channel Logo is \"a "
  "transparent PNG\".  Read from the PNG's header with libpng: colour "
  "type 4 or 6 (grey or RGB with alpha), or a tRNS chunk (a transparent "
  "colour or palette entry).  A JPEG has no alpha.  Save the cover "
  "without transparency." },
{ "media-check-skipped", I, "media beyond the limit were not fetched",
  "feedcheck --check-media fetches at most 200 enclosures of one feed, "
  "each URL once." },
/* web pages and plain text (page.c; the following is the program's) */
{ "html-page", E, "this is an HTML page, not a feed",
  "libxml2's HTML parser reads the document as a web page (an html "
  "DOCTYPE, or an HTML root element).  A page announces its feeds with "
  "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"...\"> (HTML "
  "Living Standard, link type alternate; RSS Autodiscovery): feedcheck "
  "lists them, and given a URL checks the first, as the W3C validator "
  "does." },
{ "html-feed-link", I, "a feed the page announces",
  "An HTML <link rel=\"alternate\"> whose type is application/rss+xml, "
  "application/atom+xml, application/rdf+xml, application/feed+json or "
  "application/json, resolved against the page's URL and its <base "
  "href>." },
{ "html-feed-followed", I, "the feed a page announces was checked instead",
  "The URL given is a web page; feedcheck followed its first <link "
  "rel=\"alternate\"> feed (one hop) and reports on that feed." },
{ "not-xml-or-json", E, "the document is neither XML nor JSON",
  "A feed is an XML document (it starts with '<', after an optional BOM "
  "and white space; XML 1.0 section 2.1) or a JSON Feed (a JSON object, RFC "
  "8259).  This document is text of another kind." },
{ "not-text", E, "the document is binary data (an image, an archive, ...)",
  "The bytes start with the signature of a binary format (WHATWG MIME "
  "Sniffing Standard, section 6: gzip, JPEG, PNG, GIF, WebP, PDF, zip, MP3, "
  "MP4, ...), so they are no feed and no text at all, and are not checked "
  "further.  gzip-compressed data from a server was compressed once more "
  "than its Content-Encoding header says (or compressed without saying "
  "so): readers get gzip where the feed should be.  A file: decompress it, "
  "or check the feed it should hold." },
};

/*
 * Under which --profile a podcast rule is an error (fc_rule_profiles):
 * what the directory's own documents require.
 */
#define A FC_PROFILE_APPLE
#define S FC_PROFILE_SPOTIFY
#define X FC_PROFILE_PODCASTINDEX
static const struct {
	const char *id;
	unsigned profiles;
} podcast_profiles[] = {
	{ "podcast-missing-guid", A | S | X },
	{ "podcast-missing-enclosure", A | S | X },
	{ "podcast-missing-title", A | X },
	{ "podcast-enclosure-type", A | S | X },
	{ "podcast-enclosure-length", A | S | X },
	{ "podcast-enclosure-reused", A | X },
	{ "podcast-description-too-long", A | X },
	{ "podcast-serial-episode", A | X },
	{ "podcast-not-utf8", A | X },
	{ "podcast-missing-self-link", X },
	{ "itunes-missing-element", A | S | X },
	{ "itunes-missing-email", S },
	{ "podcast-atom-not-supported", A },
	{ "itunes-namespace-missing", A | S | X },
	{ "itunes-image-format", A | X },
	{ "itunes-padded-value", A | X },
	{ "podcast-namespace-missing", X },
	{ "podcast-recommended-missing", X },
	{ "podcast-copyright-format", X },
	{ "podcast-title-numbering", A | X },
	{ "podcast-missing-attribute", X },
	{ "podcast-invalid-value", X },
	{ "podcast-invalid-guid", X },
	{ "podcast-missing-child", X },
	{ "podcast-blank-value", X },
	{ "podcast-too-long", X },
	{ "podcast-taxonomy", X },
	{ "podcast-misplaced", X },
	{ "podcast-deprecated", X },
	{ "media-check-no-range", A },
	{ "media-check-type", A | S },
	{ "media-check-length", A | S },
	{ "artwork-format", A | S | X },
	{ "artwork-size", A | S | X },
	{ "artwork-not-square", A | S | X },
	{ "artwork-colorspace", A | X },
	{ "artwork-alpha", A },
};
#undef A
#undef S
#undef X

const size_t fc_rules_podcast_n = sizeof(fc_rules_podcast) / sizeof(fc_rules_podcast[0]);

unsigned fc_rule_profiles(const char *id)
{
	size_t i;

	for (i = 0; i < sizeof(podcast_profiles) / sizeof(podcast_profiles[0]); i++)
		if (!strcmp(podcast_profiles[i].id, id))
			return podcast_profiles[i].profiles;
	return 0;
}
