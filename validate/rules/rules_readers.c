/*
 * rules_readers.c - the readers-* rules as data: what feed readers are
 * documented to do with a feed (vocab/readers.c; JSON Feed's in
 * jsonfeed.c, HTML content's in value/html.c).  Reported only under
 * --profile readers, at the severity given here.  The reader's own
 * documentation, issue or source file each rests on, and the date that
 * text was last read, are rules_sources.c's, as every platform rule's.
 * Part of the rule table (rules.c).
 */
#include "families.h"

#define W DIAG_WARNING
#define I DIAG_INFO

const struct fc_rule fc_rules_readers[] = {
{ "readers-future-date", W, "a date more than a day ahead",
  "NetNewsWire drops an item's date when it is more than about 24 hours "
  "ahead of the time it reads the feed (ArticlesDatabase, "
  "Article+Database.swift: \"Allow dates up to about 24 hours ahead of "
  "now\"; issue 538); Miniflux pins future-dated entries to the top of "
  "the list (miniflux/v2 issue 2971) and its rules filter them out "
  "(EntryDate=future).  RSS 2.0 lets aggregators hold such an item back "
  "until its date.  Publish the item when it is due, or give it the time "
  "it was published.  implausible-date stays for dates over a year "
  "ahead." },
{ "readers-identical-dates", W, "items that share one date and time",
  "NetNewsWire sorts by the item's date only and keeps no feed order "
  "(issue 3527: \"we sort by the pubDate. We do not, and will not, "
  "attempt to also store feed sequence\"): items with the same instant "
  "come in any order (issue 2928); FreshRSS orders by retrieval and shows "
  "the declared date (issue 1935).  A date without a time is midnight to "
  "feedparser, so items of one day collide.  Give each item the time it "
  "was published, to the second.  One finding: at the first item that "
  "repeats an earlier instant, or for all items when every one shares "
  "it." },
{ "readers-missing-date", W, "items without a date",
  "Miniflux (rss/adapter.go, findEntryDate: time.Now()), newsboat "
  "(rssparser.cpp: set_pubDate(::time(nullptr))) and FreshRSS (Feed.php: "
  "$date ?: time()) give an item without pubDate or dc:date the time they "
  "fetched it, so each reader shows another date, and NetNewsWire leaves "
  "undated items unordered \"by design\" (issue 3527).  JSON Feed 1.1's "
  "suggestions for readers say the same of date_published.  Give every "
  "item pubDate (RSS), dc:date (RSS 1.0) or date_published (JSON Feed).  "
  "One finding for an XML feed, at the first such item." },
{ "readers-conflicting-dates", I, "pubDate and dc:date disagree",
  "An item has both pubDate and dc:date, and they are different instants: "
  "Miniflux shows dc:date when there is one (rss/adapter.go, "
  "findEntryDate), "
  "newsboat pubDate (rss09xparser.cpp takes dc:date only without one), "
  "feedparser maps pubDate to published and dc:date to updated.  W3C's "
  "DuplicateItemSemantics: an item should not carry both.  Keep one." },
{ "readers-mixed-content", W, "http: media in an https: feed",
  "The feed's own URL (the one it was fetched from, else its self link) "
  "is https:, and an image or media file it embeds (an enclosure, "
  "media:content, media:thumbnail, itunes:image, an <img>, <video>, "
  "<audio>, <source> or <iframe> in HTML content) is http:.  Web readers "
  "served over https: show such a resource as mixed content: browsers "
  "block it or warn; Miniflux proxies http: images by default for that "
  "reason (MEDIA_PROXY_MODE=http-only), FreshRSS users see \"not secure\" "
  "warnings (issue 1826).  Serve the media over https:.  Plain links "
  "(<a href>) are not mixed content." },
{ "readers-missing-guid", W, "RSS items without a guid",
  "Without a guid every reader makes its own id, each differently: "
  "NetNewsWire an MD5 of the permalink and the date (RSSItem.swift), "
  "newsboat the link and pubDate (rssparser.cpp, get_guid: \"it makes it "
  "impossible to recognize duplicates when the title or the link "
  "changes\"), FreshRSS sha1 of the link and the date, Miniflux the "
  "link.  A corrected date or link shows the item again as new.  Give "
  "each item <guid isPermaLink=\"false\">, stable for its life.  A "
  "podcast gets podcast-missing-guid instead.  One finding, at the first "
  "such item." },
{ "readers-empty-guid", W, "an empty guid",
  "A <guid> present but empty or white space: FreshRSS counts it as an "
  "invalid guid (issue 1552: \"the case of empty GUID (which is "
  "invalid)\"), and when more than about 5% of a feed's guids are "
  "invalid or repeated it keys every item of the feed on its link "
  "instead (Feed.php, loadGuids; issue 5329, where all but one article "
  "were lost).  Give the item its guid, or leave the element out." },
{ "readers-shared-link", W, "items that share a link, one without a guid",
  "Two items have the same link and at least one of them has no guid: "
  "readers that key such an item on its link keep one of the two "
  "(Miniflux: SHA-256 of the link, rss/adapter.go; FreshRSS issue 5329: "
  "\"all the articles have the same link\").  Feedly does not "
  "deduplicate within a source because sources reuse one URL for many "
  "articles (Feedly, \"How does deduplication work\").  Give each item "
  "its own link, or a guid.  Items that share a link and all have guids "
  "(a podcast's show page) are not reported." },
{ "readers-volatile-id", I, "an id with a tracking or session parameter",
  "The guid, atom:id or JSON Feed id carries a query parameter that "
  "changes from one generator run or visit to the next (utm_*, fbclid, "
  "gclid, dclid, msclkid, mc_cid, mc_eid, _ga, igshid, sessionid, sid, "
  "PHPSESSID, JSESSIONID).  Readers key items on the id; when a generator "
  "rewrites it, \"hundred of past entries (and already read) reappear\" "
  "(miniflux/v2 issue 3390; FreshRSS issue 5909).  Use an id without "
  "them.  The parameter list is feedcheck's: the sources document the "
  "effect, not the parameters." },
{ "readers-relative-link", W, "a relative Atom link",
  "RFC 4287 allows a relative href (resolved against xml:base or the "
  "document's URI), but readers pick different bases: feedparser the "
  "xml:base, else the Content-Location, else the feed's final URL "
  "(\"Resolving relative links\"); Miniflux and newsboat the site's "
  "link (rss/adapter.go: ResolveToAbsoluteURL(feed.SiteURL, ...); "
  "rssparser.cpp: absolute_url(feed->link(), item.link)).  A feed whose "
  "site and feed URL sit in different folders sends readers to different "
  "pages.  Write absolute URLs.  (In RSS a relative URL is "
  "invalid-full-uri already.)" },
{ "readers-xml-base", I, "xml:base that readers honour differently",
  "Miniflux ignores xml:base (its Atom reader resolves against the site "
  "URL); NetNewsWire honours it in Atom only, since 2026, and ignores a "
  "base that is not http(s) (issue 5088: \"A garbage or non-http base "
  "(tag:, urn:) would poison resolution\"); feedparser and FreshRSS "
  "honour it.  Reported once per Atom document, and for every xml:base "
  "in RSS or with a base that is not http(s).  Write absolute URLs "
  "instead." },
{ "readers-html-in-title", W, "a title that readers read as HTML or as text",
  "Readers disagree on whether a title is text or HTML: feedparser "
  "treats RSS titles as HTML and sanitises them (\"HTML Sanitization\": "
  "entry.title), FreshRSS strips tags from every title, newsboat and "
  "Miniflux show RSS titles as text.  A '<' in a text title is markup to "
  "some and text to others; in an Atom type=\"html\" title, a '<' that "
  "starts no tag (\"&lt;3 Deno\") leaves newsboat an empty title "
  "(matklad.github.io issue 108).  Write the character as &amp;lt; in "
  "HTML, or reword.  Known HTML tags in a text title are contains-html." },
{ "readers-feed-too-large", W, "a feed larger than readers fetch",
  "Miniflux refuses a response body over 15 MiB by default "
  "(HTTP_CLIENT_MAX_BODY_SIZE; issue 2374: \"response body too large\"), "
  "CommaFeed over 5 MiB (issue 1580); Inoreader failed on a very big "
  "feed (kagisearch/smallweb issue 72).  Reported over 5 MiB of the "
  "document as checked (a fetched feed's body after Content-Encoding).  "
  "Publish fewer items, or shorter content, and page older ones with RFC "
  "5005." },
{ "readers-img-without-src", I, "an <img> without src or srcset",
  "Miniflux's sanitizer drops an <img> that has neither src nor srcset "
  "(sanitizer.go, hasRequiredAttributes), as lazy-loading markup writes "
  "them (data-src, data-original), unless the user adds a rewrite rule; "
  "readers without the page's script show nothing.  Give the image its "
  "src." },
};

const size_t fc_rules_readers_n = sizeof(fc_rules_readers) / sizeof(fc_rules_readers[0]);
