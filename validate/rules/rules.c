/*
 * rules.c - the rule table: every diagnostic feedcheck can give, with its
 * stable id, its severity and what it means.  Severity follows the specs:
 * error where they say MUST, warning where they say SHOULD or where common
 * readers break, info for the rest.  Pure data and the look-ups over it
 * (fc_rule_find, fc_rule_at, fc_rules).
 */
#include <string.h>

#include "families.h"

#define E DIAG_ERROR
#define W DIAG_WARNING
#define I DIAG_INFO

static const struct fc_rule rules[] = {
/* XML level */
{ "xml-not-well-formed", E, "the document is not well-formed XML",
  "XML 1.0 requires every document to be well-formed: tags nested and "
  "closed, attribute values quoted, '&' and '<' escaped in text.  A reader "
  "must stop at the first such error (XML 1.0 section 1.2), so nothing "
  "after it is seen.  Fix the markup at the position shown." },
{ "xml-truncated", E, "the document ends before it is complete",
  "The document stops in the middle: elements are still open (or a tag is "
  "cut) where the bytes end.  A file that was being written when it was "
  "read, a disk that filled up, or a transfer that broke off leaves such a "
  "document; XML 1.0 section 2.1 makes it not well-formed, and readers "
  "drop it whole.  Publish the whole file, by writing it aside and "
  "renaming it into place, and check that the server sends it all." },
{ "xml-namespace-error", E, "a namespace prefix is not declared or is misused",
  "Namespaces in XML 1.0: every prefix used on an element or attribute "
  "must be declared with xmlns:prefix on that element or an ancestor.  "
  "Declare the prefix, or remove it." },
{ "xml-undefined-entity", E, "an entity reference names no defined entity",
  "XML defines only &amp; &lt; &gt; &quot; and &apos;.  HTML names such as "
  "&nbsp; or &eacute; are undefined in a feed: write the character itself "
  "or a numeric reference (&#160;)." },
{ "xml-invalid-char", E, "a character XML forbids",
  "XML 1.0 section 2.2: control characters other than tab, newline and "
  "carriage return, surrogates, U+FFFE and U+FFFF may not appear, not even "
  "as numeric references.  Remove them." },
{ "xml-invalid-encoding", E, "bytes invalid in the document's encoding",
  "The bytes cannot be decoded in the encoding the document declares (or "
  "UTF-8 when it declares none; XML 1.0 section 4.3.3).  Either declare "
  "the encoding the bytes are really in, or convert them." },
{ "xml-unknown-encoding", E, "the declared encoding is unknown",
  "The encoding named in the XML declaration (or by the transport) is not "
  "a known character set label.  Use a registered name such as UTF-8." },
{ "xml-external-entity", E, "the DOCTYPE declares an external entity",
  "An external entity (SYSTEM or PUBLIC) asks the reader to fetch a file "
  "or URL and paste it into the feed: a classic way to steal files from "
  "servers (XXE).  Readers refuse them; feedcheck never opens the target.  "
  "Remove the declaration." },
{ "xml-external-dtd", W, "the DOCTYPE refers to an external DTD",
  "A DOCTYPE with SYSTEM or PUBLIC names a DTD file or URL (XML 1.0 "
  "section 2.8).  Feed readers do not fetch it, and feedcheck never opens "
  "it, so the entities and default attribute values it may define are not "
  "seen: an entity such as &uuml; that only the DTD defines is undefined "
  "to the readers that do not fetch it (nearly all), and a reader that did "
  "would be open to the same attacks as with an external entity (XXE).  "
  "RSS 2.0 and Atom have "
  "no DTD, and the Netscape RSS 0.91 DTD (my.netscape.com) has not been "
  "served for many years: remove the DOCTYPE." },
{ "xml-entity-expansion", E, "entity declarations that expand without bound",
  "Entities that refer to each other can expand to gigabytes from a few "
  "hundred bytes (the \"billion laughs\").  feedcheck refuses any entity "
  "that would expand past 64 KiB or refers to itself, and does not parse the "
  "document.  Remove the DOCTYPE's entity declarations." },
{ "not-a-feed", E, "the document is not a feed",
  "The root element must be rss (RSS 0.91-2.0), rdf:RDF (RSS 0.90/1.0), "
  "feed or entry in the Atom namespace, or the document must be a JSON "
  "Feed object." },
{ "validator-limit", E, "a bound of the validator was reached",
  "feedcheck bounds nesting depth and the text of one element so that "
  "hostile input cannot exhaust memory.  The rest was not checked.  "
  "Source: XML 1.0 sets no bound; these are feedcheck's and libxml2's own (--max-depth, --max-text raise them)." },
{ "io-error", E, "the source could not be read",
  "The file could not be opened or read (it does not exist, or permission "
  "was denied).  feedcheck exits with status 3." },
/* structure */
{ "duplicate-element", E, "an element appears more than once",
  "Only one occurrence of this element is allowed in this context (for "
  "example a channel has one title, an Atom entry one id).  Delete the "
  "extra one." },
{ "missing-element", E, "a required element is missing",
  "The specification requires this element here (RSS 2.0: channel title, "
  "link, description; RFC 4287 section 4.1.1: feed id, title, updated; "
  "...).  Add it." },
{ "undefined-element", E, "an element the specification does not define here",
  "Element names are case-sensitive and belong to a namespace.  This name "
  "is not defined in this context by the format or by the extension whose "
  "namespace it is in: a typo, a wrong namespace, or a misplaced element.  "
  "Extension elements need their own namespace." },
{ "unexpected-text", E, "text where only elements are allowed",
  "This element contains child elements only; text directly inside it is "
  "an error (often an unescaped '&' or a stray character).  Move the text "
  "into the right child element.  "
  "Source: RSS 2.0 and RFC 4287 define these as elements with element content." },
{ "missing-attribute", E, "a required attribute is missing",
  "The specification requires this attribute (for example enclosure url, "
  "length and type; Atom link href; category term).  Add it." },
{ "unexpected-attribute", E, "an attribute not defined on this element",
  "This attribute is not defined on this element by its specification.  "
  "Remove it, or put extension attributes in their own namespace." },
{ "not-blank", W, "an element that should have content is empty",
  "This element is present but empty.  Give it content or remove it.  "
  "Source: W3C NotBlank; RFC 4287 section 4.1.1.1 (\"non-empty\" title, summary and content)." },
{ "atom03-obsolete", E, "Atom 0.3 is obsolete",
  "Atom 0.3 was a draft; Atom 1.0 (RFC 4287, 2005) replaced it.  Many "
  "readers no longer read 0.3.  Convert the feed to Atom 1.0." },
{ "atom-missing-namespace", E, "Atom elements outside the Atom namespace",
  "RFC 4287 section 2: Atom elements are in the namespace "
  "http://www.w3.org/2005/Atom.  Add xmlns=\"http://www.w3.org/2005/Atom\" "
  "to the root element." },
/* values */
{ "invalid-rfc822-date", E, "a date that is not RFC 822",
  "RSS dates are RFC 822 dates (with four-digit years, RFC 1123): "
  "\"Sat, 07 Sep 2002 09:42:31 GMT\".  The zone is a numeric offset "
  "(+0800), UT, GMT, a US zone (EST, EDT, CST, CDT, MST, MDT, PST, PDT) or "
  "a military letter." },
{ "incorrect-day-of-week", E, "the day of the week does not match the date",
  "The day-name in an RFC 822 date must be the day that date falls on.  "
  "Fix the day, or drop it (it is optional)." },
{ "problematic-rfc822-date", W, "an RFC 822 date readers may misread",
  "The date is valid RFC 822 but uses a form readers often get wrong: a "
  "two-digit year, a one-digit day or hour, more than one space between "
  "tokens (RFC 822 section 3.4.2 folds white space, but many readers "
  "split on one space), a comment, a military zone letter, or odd "
  "capitalisation.  Use \"Sat, 07 Sep 2002 09:42:31 +0000\"." },
{ "invalid-rfc3339-date", E, "a date that is not RFC 3339",
  "RFC 4287 section 3.3: Atom dates are RFC 3339 date-times with an upper "
  "case 'T' and 'Z', and a time zone: \"2003-12-13T18:30:02Z\" or "
  "\"2003-12-13T18:30:02+01:00\"." },
{ "invalid-w3cdtf-date", E, "a date that is not W3C-DTF",
  "Dublin Core dates (dc:date) are W3C-DTF (ISO 8601 profile): YYYY, "
  "YYYY-MM, YYYY-MM-DD, or a date and time with minutes and a zone: "
  "\"2002-10-02T10:00:00-05:00\"." },
{ "implausible-date", W, "a date far in the past or future",
  "The date is well-formed but implausible: before 1990, or more than a "
  "year after the time of the check (W3C ImplausibleDate: a software "
  "error or a wrong clock, such as a zero time or a two-digit year read "
  "as 0103).  Readers sort by it, and an item dated in the future stays "
  "on top.  Checked for every date: RFC 822, RFC 3339, W3C-DTF and JSON "
  "Feed's." },
{ "invalid-uri", E, "a malformed URI",
  "RFC 3986 (and RFC 3987 for IRIs) define what a URI may contain.  Spaces, "
  "quotes, '<', '>', '\\\\' and a bad percent-escape are not allowed: escape "
  "them as %XX." },
{ "unexpected-whitespace", E, "white space around a value that allows none",
  "RFC 4287 section 3.3 and 4.2.6: Atom dates, ids and IRIs are written "
  "without leading or trailing white space." },
{ "invalid-full-uri", E, "a relative reference where a full URI is required",
  "This element must hold an absolute URI with a scheme (\"https://...\"), "
  "not a relative reference.  "
  "Source: RFC 3986 section 4.3 (absolute-URI); RSS 2.0 and RFC 4287 name the elements that need one." },
{ "invalid-tag-uri", E, "an invalid tag: URI",
  "RFC 4151: tag:authority,date:specific, where authority is a domain name "
  "or e-mail address and date is YYYY, YYYY-MM or YYYY-MM-DD." },
{ "invalid-urn", E, "an invalid URN",
  "RFC 2141: urn:NID:NSS, NID of letters, digits and hyphens (not starting "
  "with a hyphen, at most 32), NSS of URN characters or %XX escapes." },
{ "non-canonical-uri", W, "a URI not in canonical form",
  "Identifiers are compared character by character; write schemes and host "
  "names in lower case, without the default port, so the same identifier is "
  "always spelled the same.  "
  "Source: RFC 3986 sections 6.2.2 and 6.2.3 (case, percent-encoding, dot-segments, default port, an empty path)." },
{ "invalid-email", E, "an invalid e-mail address",
  "An addr-spec (RFC 2822 section 3.4.1): local-part@domain.  RSS 2.0 "
  "author, managingEditor and webMaster hold an address optionally "
  "followed by a name in parentheses: \"jo@example.com (Jo Smith)\"." },
{ "invalid-language", E, "an invalid language code",
  "Languages are RFC 3066 / BCP 47 tags: \"en\", \"en-us\", \"zh-Hans\".  "
  "The primary subtag is an ISO 639 code (RFC 5646 section 2.2.1; RSS "
  "2.0 language points to the same list), so a charset name such as "
  "euc-kr is not a language (Apple: \"Invalid language codes will cause "
  "your feed to fail Apple validation\")." },
{ "invalid-integer", E, "an invalid integer",
  "The value must be a whole number written with digits only.  "
  "Source: GeoRSS (georss:floor); RFC 4685 (thr:total); the syndication module (sy:updateFrequency)." },
{ "invalid-positive-integer", E, "an invalid positive integer",
  "The value must be a whole number greater than zero.  "
  "Source: RSS 2.0 (ttl, cloud port), Media RSS 1.5 (sizes), Apple (itunes:episode, itunes:season)." },
{ "invalid-nonnegative-integer", E, "an invalid non-negative integer",
  "The value must be a whole number, zero or more (RSS 2.0 ttl, enclosure "
  "length)." },
{ "invalid-mime-type", E, "an invalid media type",
  "A MIME media type (RFC 2045): type/subtype, with optional parameters, "
  "e.g. \"audio/mpeg\"." },
{ "invalid-hour", E, "an invalid skipHours hour",
  "RSS 2.0: an hour is an integer 0 to 23 (GMT)." },
{ "use-zero-for-midnight", W, "24 used for midnight",
  "RSS 2.0 skipHours counts 0 to 23; use 0 for midnight." },
{ "invalid-day", E, "an invalid skipDays day",
  "RSS 2.0: a day is Monday, Tuesday, Wednesday, Thursday, Friday, "
  "Saturday or Sunday, capitalised." },
{ "duplicate-value", E, "the same value listed twice",
  "A value (hour, day, category) appears twice in a list where each may "
  "appear once.  "
  "Source: RSS 2.0 skipHours and skipDays (each hour or day once); RDF/XML (one rdf:about per resource)." },
{ "invalid-boolean", E, "an invalid boolean",
  "The value must be \"true\" or \"false\".  "
  "Source: RSS 2.0 guid isPermaLink; Media RSS 1.5 isDefault." },
{ "invalid-yes-no", E, "an invalid yes/no value",
  "Apple, \"A Podcaster's Guide to RSS\": itunes:block, itunes:complete "
  "and itunes:isClosedCaptioned take \"Yes\"; \"Specifying any value "
  "other than Yes has no effect\".  feedcheck accepts yes and no in any "
  "case and treats the three alike; another value (the retired \"clean\", "
  "\"maybe\") is an error, as the W3C validator's InvalidYesNoClean is, "
  "since it is almost always a tag that was meant to do something." },
{ "invalid-width", E, "an image width out of range",
  "RSS 2.0 image: width is a number of pixels, at most 144 (default "
  "88); 0 is no image." },
{ "invalid-height", E, "an image height out of range",
  "RSS 2.0 image: height is a number of pixels, at most 400 (default "
  "31); 0 is no image." },
{ "too-long", E, "a value longer than the format allows",
  "RSS 0.91 bounds titles to 100 characters and descriptions and links "
  "to 500 (counted in characters, not bytes; RSS 0.92 dropped the "
  "limits).  Apple Podcasts limits every iTunes text value to 255 "
  "characters (technical notes) and itunes:summary to 4000." },
{ "invalid-float", E, "an invalid number",
  "The value must be a decimal number.  "
  "Source: Media RSS 1.5.1 (bitrate, framerate, samplingrate); GeoRSS (elev, radius); W3C wgs84_pos (geo:alt)." },
{ "invalid-latitude", E, "a latitude outside -90..90", "Latitude is a decimal number from -90 to 90." },
{ "invalid-longitude", E, "a longitude outside -180..180", "Longitude is a decimal number from -180 to 180." },
/* HTML in content */
{ "contains-html", W, "plain text that contains HTML",
  "This element holds plain text, but its content looks like HTML markup; "
  "readers will show the tags literally." },
{ "security-risk", W, "HTML that readers strip as a security risk",
  "The HTML contains an element readers remove for safety (script, "
  "object, embed, iframe, frame, applet, meta, link, form...).  It will "
  "not appear, and may get the feed flagged." },
{ "security-risk-attr", W, "an HTML attribute readers strip",
  "Event handler attributes (onclick, onload...) run script and are "
  "removed by readers." },
{ "dangerous-style", W, "a style attribute readers strip",
  "Style attributes that position or layer an element (position, "
  "z-index: it can cover the reader's own page) or run script "
  "(expression(), behavior, -moz-binding, javascript: URLs, @import) are "
  "removed by most readers: the markup will not look as intended.  "
  "Source: RFC 4287 section 8.1 (unsafe markup); W3C DangerousStyleAttr, "
  "narrowed to these: W3C flags every property outside a short list, "
  "harmless ones such as background-repeat too." },
{ "contains-invalid-ref", W, "an href or src inside HTML content that is no URL",
  "HTML Living Standard 2.4.5: href and src hold \"a valid URL potentially "
  "surrounded by spaces\"; a space inside the URL (\"my page.html\"), a "
  "character URLs do not have (< > \" { } | \\ ^ `) or a % not followed "
  "by two hexadecimal digits is a validation error of the URL Standard "
  "(WHATWG URL, 4.4; RFC 3986 section 2), which each reader repairs its "
  "own way or not at all.  Percent-encode it: a space is %20." },
{ "contains-relative-ref", W, "a relative link inside HTML content",
  "Relative URLs in content are resolved against xml:base or the feed's "
  "URL, which many readers get wrong.  Prefer absolute URLs." },
/* RSS */
{ "rss-invalid-version", E, "an unknown RSS version",
  "rss version must be 0.91, 0.92 or 2.0." },
{ "rss-item-title-or-description", E, "an item with neither title nor description",
  "RSS 2.0 \"item\": all elements of an item are optional, but an item must "
  "contain at least a title or a description." },
{ "rss-invalid-guid", E, "a permalink guid that is not a full URL",
  "RSS 2.0 guid: unless isPermaLink=\"false\", the guid is a URL that "
  "points to the item.  Write a full URL, or add isPermaLink=\"false\"." },
{ "rss-duplicate-guid", E, "two items with the same guid",
  "RSS 2.0 guid: a string that uniquely identifies the item; readers "
  "drop or merge items that share one." },
{ "rss-duplicate-enclosure", W, "more than one enclosure in an item",
  "Most readers use only the first enclosure of an item.  "
  "Source: RSS 2.0 enclosure; the RSS Best Practices Profile: readers take only one." },
{ "missing-atom-self-link", I, "no atom:link rel=\"self\"",
  "A feed should say its own URL with atom:link rel=\"self\" so readers "
  "can find it again.  "
  "Source: RFC 4287 section 4.2.7.2 (rel=\"self\"); the RSS Best Practices Profile recommends atom:link rel=\"self\" in RSS 2.0." },
/* Atom */
{ "atom-invalid-text-type", E, "an invalid text construct type",
  "RFC 4287 section 3.1.1: type is \"text\", \"html\" or \"xhtml\"." },
{ "atom-missing-xhtml-div", E, "xhtml content without its div",
  "RFC 4287 section 3.1.1.3: the content of an xhtml text construct is one "
  "XHTML div element, which is not part of the content." },
{ "atom-invalid-content-type", E, "an invalid content type",
  "RFC 4287 section 4.1.3.1: type is text, html, xhtml or a MIME media "
  "type (not a composite type such as multipart/*)." },
{ "atom-content-src-not-empty", E, "content with src and text",
  "RFC 4287 section 4.1.3.2: content with a src attribute MUST be empty." },
{ "atom-missing-summary", E, "an entry that needs a summary lacks one",
  "RFC 4287 section 4.1.1.1: an entry MUST have a summary when its content "
  "has src, or is Base64-encoded (a non-XML, non-text media type)." },
{ "atom-missing-content-or-alternate", E, "an entry with neither content nor an alternate link",
  "RFC 4287 section 4.1.2: an entry without content MUST have a link with "
  "rel=\"alternate\"." },
{ "atom-missing-author", E, "an entry without an author",
  "RFC 4287 section 4.1.1: unless the feed has an author, every entry MUST "
  "have one (directly or in its source)." },
{ "atom-duplicate-alternate", E, "two alternate links with the same type and hreflang",
  "RFC 4287 section 4.1.1: a feed or entry MUST NOT have more than one "
  "rel=\"alternate\" link with the same type and hreflang." },
{ "atom-duplicate-id", E, "every one of ten or more entries has the same id",
  "RFC 4287 section 4.1.1: \"If multiple atom:entry elements with the same "
  "atom:id value appear in an Atom Feed Document, they represent the same "
  "entry.  Their atom:updated timestamps SHOULD be different.\"  Versions "
  "of one entry are allowed (with the same updated they are "
  "atom-duplicate-entry, a warning; with different ones, nothing), but a "
  "feed of ten or more entries that all share one id holds one entry, "
  "nearly always an id that is not per entry (the feed's own, a "
  "constant).  The W3C validator's DuplicateIds draws the same line.  "
  "Give each entry its own id." },
{ "atom-invalid-rel", E, "an invalid link relation",
  "RFC 4287 section 4.2.7.2: rel is a registered name or an IRI." },
{ "atom-unregistered-rel", W, "an unregistered link relation",
  "This rel is neither a registered name nor an IRI readers know.  "
  "Source: RFC 4287 section 4.2.7.2; the IANA Link Relations registry (RFC 8288)." },
{ "atom-link-not-empty", W, "an atom:link with content",
  "RFC 4287 section 4.2.7: atom:link is an empty element." },
{ "atom-published-after-updated", W, "published later than updated",
  "RFC 4287 section 4.2.9/4.2.15: updated is the last significant change; "
  "it cannot come before published." },
{ "atom-missing-self", W, "a feed without a self link",
  "RFC 4287 section 4.1.1: a feed SHOULD contain a link with rel=\"self\" "
  "giving its own URL." },
{ "atom-relative-self", W, "a relative self link",
  "The self link should be the feed's absolute URL.  "
  "Source: RFC 4287 section 4.2.7.2; RFC 3986 section 5.1 (the base a relative reference needs)." },
{ "atom-feed-rel-in-complete", E, "archive links in a complete feed",
  "RFC 5005 section 2: a complete feed (fh:complete) MUST NOT contain "
  "prev-archive, next-archive, previous or next links." },
{ "atom-fh-rel-in-entry", W, "feed history links in an entry",
  "RFC 5005 links (prev-archive, current, ...) belong to the feed, not to "
  "an entry." },
{ "atom-undeclared-html", W, "text that contains HTML without type=\"html\"",
  "The content looks like escaped HTML, but the element does not say "
  "type=\"html\"; readers will show the tags." },
{ "atom-misplaced-metadata", E, "feed metadata after the entries",
  "RFC 4287 section 4.1.1: readers expect the feed's own elements before "
  "its entries; a streaming reader has already shown the entries when it "
  "sees them.  Move them before the first entry." },
{ "atom-current-not-self", E, "rel=\"current\" differs from self in a complete feed",
  "RFC 5005 section 2: a complete feed is the whole feed, so its current "
  "link, if any, must be its self link." },
{ "atom-link-past-end", E, "a next link in the last page or previous in the first",
  "RFC 5005 section 3: when a page is the last (or first) one of a paged "
  "feed, it has no next (or previous) link." },
{ "atom-not-base64", E, "content that is not Base64",
  "RFC 4287 section 4.1.3.3: content of a non-XML, non-text media type is "
  "Base64-encoded." },
{ "invalid-uuid", E, "an invalid urn:uuid",
  "RFC 4122: urn:uuid: is followed by 8-4-4-4-12 hexadecimal digits." },
{ "email-format", W, "an unusual form of contact",
  "RSS 2.0: the e-mail address comes first, then the name in parentheses: "
  "\"jo@example.com (Jo Smith)\"." },
{ "invalid-form-name", E, "an invalid textInput name",
  "The name of a text input is a form control name: a letter or '_' "
  "followed by letters, digits, '_', '-', '.' or ':'.  "
  "Source: RSS 2.0 textInput name; HTML 4.01 section 6.2 (NAME token)." },
{ "unknown-namespace", W, "an element in a namespace readers do not know",
  "Readers ignore elements in namespaces they do not know; inside xhtml "
  "content, only XHTML, MathML and SVG are rendered." },
/* Extensions */
{ "media-namespace", E, "the wrong Media RSS namespace",
  "Media RSS is http://search.yahoo.com/mrss/ with the trailing slash; "
  "without it the elements are in another namespace." },
{ "media-group-of-one", E, "a media:group with fewer than two media:content",
  "Media RSS: a group holds alternatives of one object: two or more "
  "media:content elements." },
{ "media-invalid-rating", E, "an invalid media:rating",
  "Ratings follow their scheme: urn:simple adult or nonadult; urn:mpaa g, "
  "pg, pg-13, r, nc-17; urn:v-chip tv-y ... tv-ma; urn:icra an ICRA label "
  "such as r (cz 1 lz 1 nz 1 oz 1 vz 1) made of ICRA's own codes (the 2005 "
  "vocabulary's na-nc, sa-sf, va-vj, la-lc, oa-oh, ca-cb, xa-xe, and the "
  "2000 vocabulary's nd-ni, nr-nt, vk, vr-vu; each with 1, and each "
  "category's z code with 0 or 1; ICRA's label decoder); other schemes "
  "are full URIs.  "
  "Source: Media RSS 1.5.1, media:rating (urn:simple, urn:mpaa, urn:v-chip, urn:icra)." },
{ "media-invalid-hash", E, "an invalid media:hash",
  "An md5 hash is 32 hexadecimal digits, a sha-1 hash 40.  "
  "Source: Media RSS 1.5.1, media:hash (md5 or sha-1)." },
{ "media-invalid-restriction", E, "an invalid media:restriction",
  "Without a type, a restriction is all or none; type country takes ISO "
  "3166 codes separated by spaces." },
{ "media-invalid-credit-role", E, "an invalid media:credit role",
  "Roles are lower case, from the scheme's list (urn:ebu by default).  "
  "Source: Media RSS 1.5.1, media:credit (roles in lower case)." },
{ "invalid-comma-integers", E, "an invalid list of integers",
  "The value is integers separated by commas.  "
  "Source: the Slash RSS module, slash:hit_parade." },
{ "itunes-invalid-category", E, "not an Apple Podcasts category",
  "itunes:category text must be one of Apple's categories, with "
  "subcategories nested under their own category." },
{ "itunes-obsolete-category", W, "an obsolete Apple Podcasts category",
  "Apple retired this category; choose a current one." },
{ "itunes-invalid-explicit", E, "an itunes:explicit that is not true or false",
  "Apple Podcasts: itunes:explicit is \"true\" or \"false\" (Apple's "
  "guide writes \"True\" and \"False\"; any case is accepted) without "
  "white space; the older yes, no and clean are no longer accepted." },
{ "itunes-invalid-duration", E, "an invalid itunes:duration",
  "itunes:duration is seconds, or H:MM:SS / MM:SS.  "
  "Source: Apple, \"A Podcaster's Guide to RSS\", itunes:duration." },
{ "itunes-missing-element", W, "an element Apple requires is missing",
  "Apple Podcasts (A Podcaster's Guide to RSS, required show tags) requires "
  "itunes:image, itunes:category, itunes:explicit and language on the "
  "channel of a podcast; PSP-1 (Required channel) and Spotify too." },
{ "itunes-image-format", W, "an itunes:image that is not JPEG or PNG",
  "itunes:image href should end in .jpg or .png." },
{ "itunes-invalid-value", E, "an invalid iTunes value",
  "itunes:type is episodic or serial; itunes:episodeType is full, trailer "
  "or bonus.  "
  "Source: Apple, \"A Podcaster's Guide to RSS\" (itunes:type, itunes:episodeType)." },
{ "media-invalid-value", E, "an invalid Media RSS value",
  "Media RSS restricts these attributes: medium (image, audio, video, "
  "document, executable), expression (sample, full, nonstop), hash algo "
  "(md5, sha-1), text type (plain, html), restriction relationship (allow, "
  "deny) and type (country, uri, sharing)." },
{ "media-invalid-npt-time", E, "an invalid Normal Play Time",
  "RFC 2326 section 3.6: seconds (12.5) or H:MM:SS.fff." },
{ "invalid-update-period", E, "an invalid sy:updatePeriod",
  "sy:updatePeriod is hourly, daily, weekly, monthly or yearly." },
{ "json-syntax", E, "not valid JSON",
  "RFC 8259: the document must be one JSON value.  Fix the syntax at the "
  "position shown." },
{ "json-missing-member", E, "a required JSON Feed member is missing",
  "JSON Feed 1.1: the top level needs version, title and items; every item "
  "needs id." },
{ "json-wrong-type", E, "a JSON Feed member of the wrong type",
  "The member must have the type JSON Feed 1.1 gives it (string, array, "
  "object, boolean, number)." },
{ "json-invalid-version", E, "an unknown JSON Feed version",
  "version is https://jsonfeed.org/version/1 or https://jsonfeed.org/version/1.1." },
{ "json-missing-content", E, "an item with neither content_html nor content_text",
  "JSON Feed 1.1: an item must have content_html, content_text or both." },
{ "json-duplicate-id", W, "two items with the same id",
  "Item ids should be unique within a feed." },
{ "json-deprecated", W, "a member deprecated in JSON Feed 1.1",
  "author is replaced by authors in JSON Feed 1.1." },
};

static const size_t rules_n = sizeof(rules) / sizeof(rules[0]);

const struct fc_rule *fc_rules(size_t *n)
{
	*n = rules_n;
	return rules;
}

/* Every family, in the order --list-rules shows them (families.h). */
static const struct family {
	const struct fc_rule *v;
	const size_t *n;
} families[] = {
	{ rules, &rules_n },
	{ fc_rules_catalogue, &fc_rules_catalogue_n },
	{ fc_rules_charset, &fc_rules_charset_n },
	{ fc_rules_transport, &fc_rules_transport_n },
	{ fc_rules_delivery, &fc_rules_delivery_n },
	{ fc_rules_podcast, &fc_rules_podcast_n },
	{ fc_rules_io, &fc_rules_io_n },
	{ fc_rules_diff, &fc_rules_diff_n },
	{ fc_rules_readers, &fc_rules_readers_n },
};
#define NFAMILIES (sizeof(families) / sizeof(families[0]))

const struct fc_rule *fc_rule_find(const char *id)
{
	size_t i, k;

	if (!id)
		return NULL;
	for (k = 0; k < NFAMILIES; k++)
		for (i = 0; i < *families[k].n; i++)
			if (!strcmp(families[k].v[i].id, id))
				return &families[k].v[i];
	return NULL;
}

const struct fc_rule *fc_rule_at(size_t i)
{
	size_t k;

	for (k = 0; k < NFAMILIES; k++) {
		if (i < *families[k].n)
			return &families[k].v[i];
		i -= *families[k].n;
	}
	return NULL;
}
