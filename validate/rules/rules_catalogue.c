/*
 * rules_catalogue.c - the rules of the W3C Feed Validation Service's
 * catalogue (../shared/docs/RULES-GAPS.md part 1), a block per family, with
 * the JSON Feed 1.1 points and the XML bounds (entity expansion, depth).
 * Pure data, found through rules.c's families (which --list-rules,
 * --explain and the severities read).  Where the W3C validator is wrong
 * or out of date the text follows the spec and says so.  tests/coverage.tsv maps each W3C class to these ids.
 */
#include "families.h"

#define E DIAG_ERROR
#define W DIAG_WARNING
#define I DIAG_INFO

const struct fc_rule fc_rules_catalogue[] = {
/* ---- XML, encoding and the document (document.c, xml_error.c, doctype.c) */
{ "xml-bad-version", E, "the XML declaration names a version other than 1.0",
  "RSS 2.0: \"All RSS files must conform to the XML 1.0 specification\"; "
  "RFC 4287 section 2 serializes Atom as XML 1.0.  XML 1.1 changed which "
  "characters names and line ends may hold, and most feed readers' parsers "
  "refuse it.  Write version=\"1.0\"." },
{ "xml-external-entity-unused", W, "an external entity is declared but never used",
  "XML 1.0 section 4.2.2 permits external entities, and nothing is read "
  "unless the entity is referenced (section 5.1: a non-validating processor "
  "need not read external parameter entities).  This one never is, so it "
  "is harmless, but a reader that expands entities would fetch it if it "
  "were: remove the declaration.  (The W3C validator makes every external "
  "entity an error; a declaration alone does nothing.)" },
{ "charset-obscure-label", I, "an encoding label outside the WHATWG Encoding Standard",
  "The WHATWG Encoding Standard lists the labels browsers and most feed "
  "readers know; this one is not among them, so some readers will not read "
  "the feed.  Use utf-8.  (The W3C validator's ObscureEncoding uses a "
  "popularity list of 2004, which calls common labels obscure; feedcheck "
  "uses the Encoding Standard instead, and only as information.)" },
{ "content-type-mismatch", W, "the served media type names another feed format",
  "The Content-Type (RFC 9110 section 8.3) says one feed format and the "
  "document is another: RSS served as application/atom+xml, Atom as "
  "application/rss+xml, a JSON Feed as an XML type or the reverse.  "
  "Readers that trust the header parse the wrong format.  Serve RSS as "
  "application/rss+xml, Atom as application/atom+xml, JSON Feed as "
  "application/feed+json (JSON Feed 1.1, \"Suggestions for Publishers\")." },
{ "content-type-not-specific", W, "the feed is served as a generic XML type",
  "application/xml and text/xml (RFC 7303) say only \"XML\": a browser "
  "shows the tree, and a reader must sniff the format.  Serve RSS as "
  "application/rss+xml and Atom as application/atom+xml (RFC 4287 "
  "section 7)." },
{ "self-not-location", W, "the self link is not the URL the feed was fetched from",
  "RFC 4287 section 4.2.7.2: rel=\"self\" names \"a resource equivalent to "
  "the containing element\"; readers and hubs (WebSub) subscribe to it.  "
  "When it differs from the URL the feed was fetched from (after "
  "redirects), subscribers may end up on another feed.  Only checked for "
  "fetched URLs: on a local file there is no location to compare.  The "
  "two are compared after RFC 3986 section 6.2.2 normalisation (scheme "
  "and host case, percent-encoding case and unreserved characters, dot "
  "segments) and section 6.2.3's for http and https (the default port, an "
  "empty path): HTTP://Example.com:80/%7Efeed is http://example.com/~feed." },
/* ---- namespaces (ns.c) */
{ "reserved-prefix", W, "a well-known prefix is bound to another namespace",
  "Prefixes mean nothing in XML Namespaces, but many readers look for "
  "itunes:, dc:, content:, media: and the like by prefix.  Here a "
  "well-known prefix is bound to a different URI, so those readers read "
  "the elements as the vocabulary they expect, and namespace-aware ones do "
  "not (Namespaces in XML 1.0 section 4; W3C ReservedPrefix).  Bind the "
  "prefix to its own namespace, or use another prefix." },
{ "namespace-near-miss", W, "a namespace URI that is almost a known one",
  "Namespace URIs are compared character by character (Namespaces in XML "
  "section 2.3): a wrong case or a missing trailing slash is another "
  "namespace, and readers ignore the elements (Apple: the iTunes namespace "
  "\"is case sensitive\", and without it \"Podcasts Connect ignores all "
  "tags specific to Apple Podcasts\").  feedcheck warns and checks the "
  "elements as the vocabulary meant, as the W3C validator does.  Write the "
  "URI exactly." },
{ "unknown-extension", I, "an element in a namespace feedcheck does not know",
  "RSS 2.0 (\"Extending RSS\") and RFC 4287 section 6 allow elements in "
  "any namespace; readers that do not know it ignore them.  Said once per "
  "namespace, so that a typo in a namespace URI does not pass unseen." },
/* ---- text in any vocabulary (text.c) */
{ "attr-not-blank", W, "an attribute that should have a value is empty",
  "The attribute is present but empty (link title=\"\", a type=\"\").  An "
  "empty type is not a type (RFC 4287 section 4.1.3.1), an empty title "
  "says nothing.  Give it a value or remove it." },
{ "bad-characters", W, "control characters or U+FFFD suggest a wrong encoding",
  "XML 1.0 section 2.2 discourages the C1 controls U+0080-U+009F; in a "
  "feed they are nearly always windows-1252 bytes (curly quotes, dashes, "
  "the euro sign) read as ISO-8859-1, or numeric references computed from "
  "windows-1252 code points.  U+FFFD, the replacement character, is a sign "
  "that text was converted with losses before it was published.  Fix the "
  "conversion, or declare the encoding the bytes are really in." },
{ "character-data", I, "plain text escapes '&' or '<' with named references",
  "The RSS Best Practices Profile (\"Character Data\"): readers disagree on "
  "whether plain-text elements are HTML, so \"&amp;lt;\" may show as \"<\" "
  "or as \"&lt;\".  In plain text, the form that works in the most readers "
  "is the hexadecimal reference: &#x26; for '&' and &#x3C; for '<'." },
{ "not-html", W, "markup that is not HTML in an HTML field",
  "The field is HTML (RSS description, content:encoded, Atom type=\"html\" "
  "or xhtml), but holds an element no HTML version defines.  Readers drop "
  "it or show its text.  feedcheck reports only element names HTML does "
  "not know, not every strict parse error as the W3C validator's NotHtml "
  "does (too noisy: 86 of 415 real feeds)." },
{ "uri-scheme-unregistered", W, "a URI scheme IANA has not registered",
  "RFC 3986 section 3.1 and RFC 7595: a scheme should be one registered "
  "with IANA (permanent or provisional); readers do not know what to do "
  "with others (foo:bar).  Check the spelling, or use http or https." },
{ "same-document-reference", W, "an empty or '#' reference resolved against a foreign xml:base",
  "RFC 3986 section 4.4: an empty reference or one that is only a "
  "fragment refers to the current document, but with an xml:base that is "
  "not the document's own URI, readers disagree on whether it means the "
  "document or the base.  Write the full URI." },
{ "uri-not-iri", E, "raw non-ASCII characters in a URL",
  "RSS link, guid, enclosure url, comments, docs and image url hold URLs, "
  "and RFC 3986 section 2 allows only ASCII in a URI.  An IRI (RFC 3987) "
  "must be mapped to a URI (section 3.1: UTF-8, then %XX) before it is "
  "published; in a legacy encoding the bytes give another URL than the "
  "characters suggest.  Percent-encode the characters (and write the host "
  "in Punycode)." },
/* ---- RSS (rss.c) */
{ "rss-invalid-doctype", W, "the Netscape RSS 0.91 DOCTYPE on another RSS version",
  "The Netscape DOCTYPE (\"-//Netscape Communications//DTD RSS 0.91//EN\") "
  "belongs to RSS 0.91 only; on another version it contradicts the "
  "version attribute.  A non-validating reader ignores it (XML 1.0 "
  "section 5.1), so a warning: remove the DOCTYPE." },
{ "rss-not-in-namespace", W, "an element without a namespace inside an extension",
  "RSS 2.0, \"Extending RSS\": \"an RSS feed may contain elements not "
  "described on this page, only if those elements are defined in a "
  "namespace\".  This element inside an extension element has none (often "
  "a missing xmlns on the extension's own children).  Put it in the "
  "extension's namespace." },
{ "rss-extension-attribute", I, "a namespaced attribute on an RSS core element",
  "RSS 2.0 was silent on namespaced attributes on core elements; the RSS "
  "Advisory Board allowed them in 2007.  Readers ignore those they do not "
  "know.  Information only (the W3C validator's UseOfExtensionAttr is a "
  "warning from before that clarification)." },
{ "rss-invalid-permalink", E, "a permalink guid that is not a URL a browser can open",
  "RSS 2.0 guid: with isPermaLink true (the default) the guid \"is a url "
  "that can be opened in a Web browser, that points to the full item\".  "
  "A tag:, urn: or other identifier only identifies; it does not locate.  "
  "Add isPermaLink=\"false\", or give the item's http(s) URL." },
{ "rss-guid-small-integer", W, "a guid that is only a small integer",
  "RSS 2.0 guid: \"a string that uniquely identifies the item\"; readers "
  "compare guids across every feed they read, and 1, 2, 3 are used by "
  "many feeds.  Prefix them with something of your own, such as your "
  "domain name, or use a tag: URI (RFC 4151)." },
{ "rss-missing-guid", W, "an item without a guid",
  "RSS 2.0 guid: \"It's recommended that you provide the guid, and if "
  "possible make it a permalink\".  Without one, readers guess from the "
  "link or the title whether an item is new, and show edited items again "
  "(Apple Podcasts falls back to the enclosure URL)." },
{ "rss-enclosure-not-http", E, "an enclosure URL that is not http or https",
  "RSS 2.0 enclosure: \"url says where the enclosure is located\" and "
  "\"The url must be an http url\".  Readers download enclosures over HTTP "
  "only; https is accepted everywhere today." },
{ "rss-missing-real-name", W, "an e-mail address without the person's name",
  "The RSS Best Practices Profile (author, managingEditor, webMaster): "
  "\"the e-mail address ... followed by the name in parentheses\", such as "
  "\"jo@example.com (Jo Bloggs)\"; readers show the name." },
{ "rss-image-link-mismatch", W, "the image link differs from the channel link",
  "RSS 2.0 image: \"in practice the image <title> and <link> should have "
  "the same value as the channel's <title> and <link>\"." },
{ "rss-image-title-mismatch", W, "the image title differs from the channel title",
  "RSS 2.0 image: \"in practice the image <title> and <link> should have "
  "the same value as the channel's <title> and <link>\"." },
{ "rss-image-format", W, "the channel image is not GIF, JPEG or PNG",
  "RSS 2.0 image: \"<url> is the URL of a GIF, JPEG or PNG image that "
  "represents the channel\"; judged by the file name extension." },
{ "rss-avoid-textinput", I, "textInput is ignored by most readers",
  "RSS 2.0 itself says of textInput: \"The purpose of the <textInput> "
  "element is something of a mystery ... Most aggregators ignore it.\"" },
{ "rss-misplaced-item", W, "a channel element after the first item",
  "The RSS Best Practices Profile: \"all item elements should appear "
  "after all of the other elements in a channel\"; streaming readers may "
  "miss channel elements that come after the items." },
{ "rss-content-before-description", W, "content:encoded without a description before it",
  "The RSS Best Practices Profile (content:encoded): the description is "
  "more widely supported, and some readers take the last of the two; "
  "publish the summary (or, without one, the content) in description and "
  "put it before content:encoded." },
{ "rss-duplicate-description", W, "an extension element that duplicates description",
  "An item element from another vocabulary (atom:content, xhtml:body) "
  "means the same as description; readers behave unpredictably: some "
  "prefer it, some ignore it, some take whichever comes last.  Keep the "
  "content in description (and content:encoded): RSS 2.0 item "
  "description is \"the item synopsis\"." },
{ "rss10-invalid-rdf", E, "RSS 1.0 that is not valid RDF/XML",
  "RSS 1.0 and 0.90 are RDF/XML (RDF/XML Syntax Specification section "
  "7.2): a property element with rdf:resource must be empty, and "
  "rdf:about belongs on node elements (channel, item, image, textinput), "
  "not on property elements.  RDF readers reject the document." },
/* ---- Dublin Core and Slash (dcslash.c) */
{ "rss-duplicate-semantics", W, "a channel element and its Dublin Core twin",
  "The channel has both a core element and an extension that means the "
  "same (copyright and dc:rights, pubDate and dc:date, language and "
  "dc:language, generator and admin:generatorAgent, ...).  Readers "
  "disagree on which one wins; keep one (RSS 2.0 and the Dublin Core "
  "module define both)." },
{ "rss-duplicate-item-semantics", W, "an item element and its extension twin",
  "The item has both a core element and an extension that means the same "
  "(author and dc:creator, pubDate and dc:date, category and dc:subject, "
  "source and dc:source, guid and atom:id, ...).  Readers disagree on "
  "which one wins; keep one (RSS 2.0 and the Dublin Core module define "
  "both)." },
{ "slash-missing-build-date", W, "slash:comments without a channel lastBuildDate",
  "The RSS Best Practices Profile: a feed whose items carry comment counts "
  "(slash:comments) changes when a comment arrives; lastBuildDate tells "
  "readers that it did." },
/* ---- Atom (atom.c; RFC 5005, history.c) */
{ "atom-namespace-prefix", I, "Atom or XHTML elements with a namespace prefix",
  "Namespaces in XML allows any prefix, and RFC 4287 does not mind, but "
  "prefixed atom: and xhtml: elements have a poor record with readers "
  "that match names as text.  Information only: the default namespace "
  "works best." },
{ "atom-name-contains-email", W, "a person's name holds an e-mail address",
  "RFC 4287 section 3.2: a person has atom:name (\"a human-readable "
  "name\") and a separate atom:email.  Move the address to atom:email." },
{ "atom-not-inline", W, "xhtml content holding escaped markup",
  "type=\"xhtml\" content is XHTML elements (RFC 4287 section 4.1.3.3), "
  "but this holds escaped markup such as &lt;b&gt;, which readers show as "
  "text.  Unescape it, or use type=\"html\" without the div." },
{ "atom-html-fragment", W, "a MIME type of a whole document on a fragment",
  "RFC 4287 section 4.1.3.1: a MIME media type in type (text/html, "
  "application/xhtml+xml) names a complete document of that type; an HTML "
  "fragment is type=\"html\" (or xhtml).  Change the type." },
{ "atom-content-src-no-type", W, "content with src but without type",
  "RFC 4287 section 4.1.3.2: with src, \"the type attribute SHOULD be "
  "provided\" and is a MIME media type, so that readers know what the "
  "remote content is before they fetch it." },
{ "self-not-feed-type", W, "a self link whose type is not a feed",
  "RFC 4287 section 4.2.7.2: rel=\"self\" identifies \"a resource "
  "equivalent to the containing element\", the feed itself; a type such "
  "as text/html usually means rel=\"alternate\" was meant." },
{ "atom-source-incomplete", W, "atom:source without id, title or updated",
  "RFC 4287 section 4.2.11: when an entry is copied into another feed, "
  "\"such metadata SHOULD be preserved\", and the source \"SHOULD include "
  "at least\" the feed's atom:id, atom:title and atom:updated." },
{ "atom-missing-textual-content", W, "an entry with neither summary nor content",
  "RFC 4287 section 4.1.1.1: \"it is advisable that each atom:entry "
  "element contain a non-empty atom:title element, a non-empty "
  "atom:content element when that element is present, and a non-empty "
  "atom:summary element when the entry contains no atom:content "
  "element\"; readers show nothing but the title." },
{ "atom-duplicate-entry", W, "two entries with the same id and updated",
  "RFC 4287 section 4.1.1: entries with the same atom:id \"represent the "
  "same entry\", and \"Their atom:updated timestamps SHOULD be "
  "different\".  Drop the older copy, or give the versions their own "
  "updated." },
{ "atom-duplicate-updated", I, "two entries with the same updated",
  "Readers sort by atom:updated; entries with the same timestamp keep an "
  "order of the reader's choosing.  Information only: the W3C validator's "
  "own page says this cannot be judged well automatically." },
{ "atom-undeterminable-vocabulary", W, "foreign markup without a namespace",
  "RFC 4287 section 6 allows foreign markup, but this element has no "
  "namespace (xmlns=\"\"), so no reader can tell which vocabulary it "
  "belongs to.  Give it, or the element around it, a namespace." },
{ "misplaced-xhtml", W, "XHTML elements outside the content elements",
  "RFC 4287 section 6 and RSS 2.0 allow extension elements, but readers "
  "look for text in the elements made for it (atom:content, atom:summary, "
  "description, content:encoded); XHTML elsewhere is usually lost.  Move "
  "it into one of those, if that was meant." },
{ "fh-archive-missing-current", W, "an archive document without a current link",
  "RFC 5005 section 4: archive documents (fh:archive) \"SHOULD contain a "
  "link with the relation \"current\"\" to the subscription document." },
{ "fh-archive-incomplete", W, "an archive document without prev-archive or next-archive",
  "RFC 5005 section 4: an archive document links to its neighbours with "
  "prev-archive and next-archive; with neither, a reader cannot walk the "
  "archive (unless it is the only one)." },
/* ---- iTunes (itunes.c; the rest of Apple's requirements are the podcast
 * family's, rules_podcast.c: itunes-missing-email, podcast-enclosure-type,
 * podcast-not-utf8) */
{ "itunes-keywords-format", I, "itunes:keywords separated by spaces",
  "Apple asked for comma-separated keywords; older guides said spaces.  "
  "Apple dropped the tag in 2017 and ignores it, so this is information "
  "only." },
/* ---- Media RSS (media.c) */
{ "media-invalid-country", E, "a restriction names a code that is no country",
  "Media RSS 1.5.1, media:restriction type=\"country\": a space-separated "
  "list of ISO 3166-1 alpha-2 country codes.  This one is not assigned "
  "(XX, UK for GB).  Use the assigned code." },
{ "media-adult-deprecated", W, "media:adult is deprecated",
  "Media RSS 1.5 replaced media:adult with media:rating (scheme "
  "urn:simple, \"adult\" or \"nonadult\").  Readers may not read "
  "media:adult any more." },
/* ---- Threading and the Comment API (thread.c, comments.c) */
{ "wfw-comment-rss-case", W, "wfw:commentRSS, a misspelling of wfw:commentRss",
  "The Comment API defines wfw:commentRss (lower-case ss); names are "
  "case-sensitive, so readers do not find wfw:commentRSS.  It is checked "
  "as commentRss all the same." },
/* ---- GeoRSS (georss.c) */
{ "georss-invalid-coord", E, "a GeoRSS point that is not a latitude and a longitude",
  "GeoRSS Simple (georss:point) and GeoRSS GML (gml:pos): two numbers, "
  "the latitude (-90 to 90) first, then the longitude (-180 to 180), in "
  "decimal degrees (WGS84); a circle adds a radius in metres." },
{ "georss-invalid-coord-list", E, "a GeoRSS line, polygon or box with a bad list of points",
  "GeoRSS Simple: a line is at least two latitude-longitude pairs, a "
  "polygon at least four and closed (its last pair is its first), a box "
  "two pairs (lower corner, upper corner); gml:posList likewise.  Every "
  "number pairs up, latitude first." },
{ "georss-coord-comma", I, "GeoRSS coordinates separated by commas",
  "GeoRSS Simple permits commas, and \"parsers should just treat commas "
  "as whitespace\"; some readers do not.  Information only (the W3C "
  "validator's CoordComma warning asks for a change the spec does not "
  "need)." },
/* ---- JSON Feed 1.1 (jsonfeed.c) */
{ "json-duplicate-key", W, "a name appears twice in one JSON object",
  "RFC 8259 section 4: the names within an object \"SHOULD be unique\"; "
  "with duplicates, \"the behavior of software that receives such an "
  "object is unpredictable\" (most keep the last, as feedcheck does).  "
  "Remove one." },
{ "json-encoding", W, "a JSON Feed in UTF-16 or UTF-32",
  "JSON Feed 1.1: it \"should be encoded using UTF-8 - but any encoding "
  "that's legal JSON is legal\"; RFC 7159 allowed UTF-16 and UTF-32, but "
  "RFC 8259 section 8.1 now requires UTF-8 for JSON exchanged between "
  "systems, and many readers read nothing else.  feedcheck decodes it and "
  "checks the rest.  Save the feed as UTF-8." },
{ "json-bom", W, "a byte order mark before a JSON Feed",
  "RFC 8259 section 8.1: implementations \"MUST NOT add a byte order mark "
  "(U+FEFF) to the beginning of a networked-transmitted JSON text\"; "
  "parsers \"MAY ignore\" it, and many fail instead.  Remove the three "
  "bytes EF BB BF." },
{ "json-blank-id", E, "an item id that is blank",
  "JSON Feed 1.1, items: id is required and unique; \"if an id is "
  "presented as an empty string or is missing, the item must be "
  "discarded\" by readers (Suggestions for Feed Readers).  Give every "
  "item an id." },
{ "json-id-number", W, "an item id written as a number",
  "JSON Feed 1.1: id is \"a string\"; readers \"should coerce\" numbers "
  "(Suggestions for Feed Readers), so a number still works, but 1.0 and "
  "1 may become different strings.  Quote it." },
{ "json-empty-author", E, "an author object with no member",
  "JSON Feed 1.1, authors: \"if you provide an author object, then at "
  "least one [of name, url, avatar] is required\"." },
{ "json-next-url-loop", E, "next_url is the feed's own feed_url",
  "JSON Feed 1.1, next_url: it \"must not be the same as the feed_url, "
  "and it must not be the same as a previous next_url (to avoid infinite "
  "loops)\"." },
{ "json-relative-url", W, "a relative URL in a JSON Feed",
  "JSON Feed has no base URI (unlike xml:base or the document's address "
  "in RSS and Atom), so a relative reference cannot be resolved the same "
  "way by every reader.  Write full URLs." },
{ "json-missing-recommended", W, "home_page_url or feed_url is missing",
  "JSON Feed 1.1: home_page_url and feed_url are \"optional but strongly "
  "recommended\"; feed_url \"should be considered required\" for feeds on "
  "the public web, as readers use it to follow a moved feed." },
{ "json-number-range", W, "a size or duration below zero or not whole",
  "JSON Feed 1.1, attachments: size_in_bytes (\"how large the file is\") "
  "and duration_in_seconds (\"how long it takes to listen to or watch\") "
  "are numbers (RFC 8259 section 6 has one number type, so 10.0 and 1e6 "
  "are fine); a negative size or duration means nothing, and a size is a "
  "count of bytes." },
{ "json-date-lower-case", I, "a JSON Feed date with a lower-case t or z",
  "RFC 3339 section 5.6, NOTE: \"Per [ABNF] and ISO8601, the \"T\" and \"Z\" "
  "characters in this syntax may alternatively be lower case \"t\" or \"z\" "
  "respectively\" - so 2010-02-07t14:04:00z is a valid JSON Feed date "
  "(JSON Feed 1.1 asks for \"RFC 3339 format\" and no more) - but "
  "\"Applications that generate this format SHOULD use upper case "
  "letters\".  In Atom it is an error: RFC 4287 section 3.3 requires the "
  "upper case." },
{ "json-number-interop", W, "a number beyond what IEEE 754 doubles hold exactly",
  "RFC 8259 section 6: the grammar has no limit, so this is valid JSON, but "
  "\"A JSON number such as 1E400 or 3.141592653589793238462643383279 may "
  "indicate potential interoperability problems\", and \"numbers that are "
  "integers and are in the range [-(2**53)+1, (2**53)-1] are interoperable\".  "
  "A number beyond binary64 becomes infinity or an error in most readers; "
  "a larger integer is rounded (JavaScript's JSON.parse).  Write an "
  "identifier as a string, and a size or duration in range." },
{ "json-lone-surrogate", W, "a \\u escape of a lone UTF-16 surrogate",
  "RFC 8259 section 7 lets a string escape any code unit, so \"\\uDEAD\" is "
  "valid JSON; but section 8.2: such a value \"cannot encode Unicode "
  "characters\" and \"The behavior of software that receives JSON texts "
  "containing such values is unpredictable\".  A surrogate must come as a "
  "pair, high (D800-DBFF) then low (DC00-DFFF), as in \"\\uD834\\uDD1E\".  "
  "feedcheck reads the lone one as U+FFFD." },
{ "json-not-boolean", W, "expired is not true or false",
  "JSON Feed 1.1, expired: \"(optional, boolean)\"; \"any other value, or "
  "the absence of expired, means the feed may continue to update\", so "
  "readers read this as false.  Write true or false." },
{ "json-modified-before-published", W, "date_modified is earlier than date_published",
  "JSON Feed 1.1: date_modified is \"the modification date\" of an item "
  "published at date_published; a modification before publication is "
  "almost always a wrong time zone or swapped fields." },
{ "json-extension-name", W, "a member that is neither defined nor a valid extension",
  "JSON Feed 1.1, Extensions: custom members start with an underscore and "
  "a letter (_blue_shed), and contain no '.'; readers ignore unknown "
  "members, so one misspelled or invented without the underscore (an "
  "item 'content', a feed 'subtitle') is lost.  Use the defined name, or "
  "prefix an extension with '_'.  In the feed, its items, authors, "
  "attachments and hubs alike (\"Custom objects can appear anywhere in a "
  "feed\").  Inside an extension object, \"The extension name, and only "
  "the extension name, must begin with an _ character\", and its member "
  "keys hold no '.' either." },
{ "id-set-full", I, "too many ids to look for duplicates among",
  "feedcheck remembers the ids it has seen (Atom ids, RSS guids, JSON Feed "
  "item ids; RFC 4287 section 4.1.1, RSS 2.0 guid and JSON Feed 1.1 id ask "
  "them to be unique) to find duplicates, up to 1,048,576 (a table of 16 "
  "MiB), so that its memory stays flat; past that, duplicates are no longer "
  "looked for, and this says where that began." },
};

const size_t fc_rules_catalogue_n =
	sizeof(fc_rules_catalogue) / sizeof(fc_rules_catalogue[0]);
