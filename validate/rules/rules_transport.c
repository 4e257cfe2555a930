/*
 * rules_transport.c - the rules of what comes before a document is read:
 * the encoding of its bytes (RFC 7303, XML 1.0 §4.3.3; charset/ reports
 * them), the HTTP transport (feedcheck's fetcher reports them), and the
 * sources and the command line (feedcheck's program).  Three families of
 * the rule table (rules.c).
 */
#include "families.h"

#define E DIAG_ERROR
#define W DIAG_WARNING
#define I DIAG_INFO

/* The encoding rules (charset.c reports them): RFC 7303, XML 1.0 §4.3.3. */
const struct fc_rule fc_rules_charset[] = {
{ "charset-invalid-bytes", E, "bytes invalid in the document's encoding",
  "XML 1.0 §4.3.3 makes bytes that are not legal in the encoding a fatal "
  "error. The message gives the position and the bytes in hex; fix the "
  "generator or the label." },
{ "charset-label-too-narrow", E, "the label names a subset of the real encoding",
  "Text labelled gb2312 that uses GBK characters (or Big5 that needs "
  "CP950, Shift_JIS that needs CP932, EUC-KR that needs CP949) fails in "
  "strict decoders. Use the label the message names." },
{ "charset-unknown-label", E, "an unknown or unsupported encoding label",
  "The HTTP charset or the XML declaration names an encoding this "
  "system's iconv does not know. Use an IANA name such as UTF-8." },
{ "charset-bom-conflict", E, "the BOM contradicts a label",
  "A byte order mark is authoritative (RFC 7303 §3.2); a declaration or "
  "HTTP charset naming another encoding is an error (XML 1.0 §4.3.3). "
  "Remove the BOM or correct the label." },
{ "charset-bom-with-endian-label", W, "a BOM under a utf-16le/be label",
  "RFC 7303 §3.3: content labelled utf-16le or utf-16be MUST NOT begin "
  "with a BOM; label it utf-16." },
{ "charset-utf16-no-bom", W, "utf-16 without a BOM",
  "RFC 7303 §3.3: content labelled utf-16 MUST begin with a BOM." },
{ "charset-utf32", W, "UTF-32",
  "RFC 7303 §2.2: UTF-32 is NOT RECOMMENDED for XML; many readers cannot "
  "read it. Use UTF-8." },
{ "charset-c1-controls", W, "C1 control bytes under an ISO-8859 label",
  "Bytes 0x80-0x9F are C1 controls in ISO-8859-x; in practice they are "
  "Windows code page characters (curly quotes, dashes, the euro). Label "
  "the document with the windows-125x name the message gives." },
{ "charset-double-encoded", W, "UTF-8 encoded twice (mojibake)",
  "Text such as 'CafÃ©' is UTF-8 that was read as Latin-1 or "
  "Windows-1252 and encoded to UTF-8 again. Fix the step that decoded it." },
{ "charset-utf8-mislabelled", W, "UTF-8 bytes under a legacy label",
  "The bytes are valid UTF-8 but the label names another encoding, so "
  "readers show mojibake. Label the document utf-8." },
{ "charset-text-xml-no-charset", W, "text/xml without a charset",
  "RFC 3023 §3.1 made us-ascii the default for text/xml; RFC 7303 §4.1 "
  "dropped it, but older readers still apply it. Add charset=utf-8 or "
  "serve application/rss+xml or application/atom+xml." },
{ "charset-http-declaration-mismatch", W, "the HTTP charset and the declaration disagree",
  "The HTTP charset wins (RFC 7303 §3.2, §8.8) but readers that save "
  "the file lose it. Make the server and the document agree (RFC 7303 "
  "§3.1 says servers should not add a charset they do not know)." },
};

/* The transport rules (feedcheck's fetcher reports them): RFC 9110, TLS. */
const struct fc_rule fc_rules_transport[] = {
{ "fetch-bad-url", E, "not an http, https or file URL",
  "Only http://, https:// and file:// URLs can be fetched. Check the "
  "spelling and give the scheme." },
{ "fetch-read-failed", E, "a file: URL could not be read",
  "The file named by the file: URL does not exist or is not readable." },
{ "fetch-address-refused", E, "a hop a server or a document chose leads to a non-public address",
  "feedcheck fetches a URL you name wherever it is, but a request made on "
  "the word of a server or a document (a redirect, the feed a web page "
  "announces, the artwork and enclosures of --check-media) may reach a "
  "loopback, private, shared, multicast, unspecified or reserved address "
  "only when it is the address the URL you named connected to, and never a "
  "link-local (169.254.0.0/16, fe80::/10) or cloud metadata address "
  "(169.254.169.254, fd00:ec2::254, ...): otherwise anyone who writes a "
  "feed or runs a server could make feedcheck reach into the network it "
  "runs in (server-side request forgery).  The address is judged when "
  "the connection would be made, so a name that resolves to another "
  "address later changes nothing, and the refused connection is never "
  "attempted.  --allow-private lets hops reach loopback and private "
  "addresses (not link-local or metadata ones); it cannot be set in "
  ".feedcheckrc.  Source: RFC 6890 and the IANA special-purpose address "
  "registries (the ranges)." },
{ "fetch-scheme-refused", E, "a document names a URL that is not http or https",
  "A URL that a web page announces, or the artwork or an enclosure of "
  "--check-media, is fetched only when it is an http or https URL: a "
  "file: URL (or ftp:, dict:, ...) that a document names is never opened, "
  "so that no document can make feedcheck read a file of the machine it "
  "runs on and show it in the report.  Files and file: URLs you name "
  "yourself are read.  A redirect to such a URL is http-redirect-bad." },
{ "fetch-internal", E, "the fetcher ran out of memory or libcurl failed",
  "Nothing is known about the feed itself; try again with fewer jobs." },
{ "http-connect-failed", E, "the server could not be reached",
  "The host name did not resolve, the connection was refused or it did "
  "not complete within --connect-timeout." },
{ "http-timeout", E, "the fetch took longer than --max-time",
  "The whole fetch, redirects and retries included, has a time limit. "
  "A feed that needs longer to serve also fails in feed readers." },
{ "http-stall", E, "no data arrived for --stall-timeout seconds",
  "The server stopped sending in the middle of the response." },
{ "http-too-large", E, "the response is larger than --max-size",
  "The cap applies to the bytes on the wire and to the decompressed "
  "body alike, so a compression bomb stops early. Split the feed into "
  "pages (RFC 5005) or publish fewer items." },
{ "http-truncated", E, "the response ended before its announced length",
  "The server announced a Content-Length (RFC 9112 §6.3) and closed the "
  "connection before sending that many bytes, or sent a broken chunked "
  "body." },
{ "http-bad-encoding", E, "the Content-Encoding could not be decoded",
  "The body is not what its Content-Encoding header (RFC 9110 §8.4) "
  "says, e.g. a plain body labelled gzip." },
{ "http-transfer-failed", E, "the transfer failed",
  "The connection broke or the server sent no valid HTTP response.  "
  "Source: RFC 9112 (HTTP/1.1 message syntax)." },
{ "http-status", E, "the server answered with an error status",
  "A 4xx or 5xx status (RFC 9110 §15) means there is no feed at this URL "
  "for now." },
{ "http-redirect-loop", E, "the redirects lead back to a URL already visited",
  "Fix the server configuration so that the chain ends in a 200 response." },
{ "http-too-many-redirects", E, "more redirects than the limit",
  "Readers give up after a few hops; point the subscription at the final "
  "URL." },
{ "http-redirect-bad", E, "a redirect without a usable Location",
  "A 3xx response needs a Location header (RFC 9110 §10.2.2) naming an "
  "http or https URL." },
{ "http-permanent-redirect", W, "the feed has moved permanently",
  "A 301 or 308 (RFC 9110 §15.4.2, §15.4.9) tells subscribers to update "
  "the URL they poll: use the URL named in the message." },
{ "http-retry", I, "the server asked to retry later (429 or 503)",
  "The fetch was retried after the Retry-After delay (RFC 9110 §10.2.3)." },
{ "http-content-type-missing", W, "the response has no Content-Type",
  "Without a media type readers must guess; serve application/rss+xml, "
  "application/atom+xml or application/feed+json." },
{ "http-content-type-invalid", W, "the Content-Type value is malformed",
  "The value must be type/subtype with ;name=value parameters "
  "(RFC 9110 §8.3.1)." },
{ "http-content-type-not-feed", W, "the media type is not a feed type",
  "Feeds are served as application/rss+xml, application/atom+xml, "
  "application/xml, text/xml, application/feed+json or application/json; "
  "text/html makes browsers and some readers treat the feed as a page.  "
  "Source: RFC 4287 section 7 and the RSS media type application/rss+xml; JSON Feed 1.1 (application/feed+json)." },
{ "http-no-validators", I, "neither ETag nor Last-Modified",
  "Without a validator (RFC 9110 §8.8) readers cannot make conditional "
  "requests and download the whole feed on every poll." },
{ "tls-not-verified", W, "the certificate was not checked (-k)",
  "--insecure was given, so nothing proves the bytes came from this host." },
{ "tls-failed", E, "the TLS connection or certificate check failed",
  "The certificate is not trusted, has expired or names another host; a "
  "private CA can be given with --cacert.  "
  "Source: RFC 8446 (TLS 1.3), RFC 6125 (the name in a certificate)." },
};

/*
 * The sources and the command line (feedcheck's program reports them, not
 * the checks): what kept a source from being read, and usage errors.
 * io-error, the first of them, is in the document table (rules.c).
 */
const struct fc_rule fc_rules_io[] = {
{ "io-not-a-file", E, "the source is a folder or another thing with no document",
  "A folder given as a file: URL or on standard input, or a socket, has no "
  "document to check.  Give the path of a feed file, or give the folder "
  "itself as a SOURCE: feedcheck then checks the *.xml, *.rss, *.atom and "
  "*.json files below it.  feedcheck exits with status 3." },
{ "io-too-large", E, "the source is larger than feedcheck reads (1 GiB)",
  "A file, a pipe or standard input is read up to 1 GiB (a file larger "
  "than that is refused before a byte is read; an endless device such as "
  "/dev/zero stops there).  Check a feed that size in parts.  feedcheck "
  "exits with status 3." },
{ "io-timeout", E, "a pipe or FIFO gave no data in time",
  "A source that is not a regular file (a pipe, a FIFO, a device; not a "
  "terminal) is read within the bounds of a URL: --stall-timeout seconds "
  "without a byte (default 10), --max-time seconds in all (default 30).  "
  "A FIFO that nobody writes to is ended so.  feedcheck exits with "
  "status 3." },
{ "io-empty-folder", E, "a folder holds no feed file",
  "A folder given as a SOURCE is checked file by file: the *.xml, *.rss, "
  "*.atom and *.json files below it (names in any case; hidden entries are "
  "skipped, and symbolic links are not followed: io-link-skipped).  This "
  "one has none, so nothing was checked.  feedcheck exits with status 3." },
{ "io-link-skipped", I, "a symbolic link below a folder was not followed",
  "A folder given as a SOURCE is walked as grep -r walks it: a symbolic "
  "link below it (with a feed file's name, or to a folder) is not followed, "
  "because it may lead anywhere on the machine, and a feed in the folder "
  "that is a link to /proc/self/environ or a private file would print what "
  "it holds in the report.  The link is listed as skipped, not read.  Name "
  "the link (or its target) as a SOURCE of its own to check it: a file "
  "named is read even when it is a link." },
{ "io-write-failed", E, "the report could not be written",
  "Standard output could not be written (a full disk, a closed pipe): the "
  "report is incomplete.  feedcheck exits with status 3." },
{ "config-ignored", W, "a .feedcheckrc another user may control was not read",
  "The .feedcheckrc found in the current folder or a folder above it is "
  "read only when it and its folder belong to you or to root and nobody "
  "else may write them: otherwise whoever controls it could silence every "
  "rule, or turn fetching on, for anyone who runs feedcheck below it (as "
  "git ignores a repository that belongs to another user, safe.directory).  "
  "It is ignored, with this warning on standard error, and no other file "
  "is looked for.  Fix its owner or mode, or name it with --config FILE, "
  "which reads the file given whoever owns it." },
{ "usage", E, "the command line or the configuration file is wrong",
  "An unknown option or rule, a missing or bad value, no SOURCE, or a bad "
  "line in .feedcheckrc (or the --config FILE).  The message says which; "
  "feedcheck --help lists the options.  feedcheck exits with status 2 and "
  "checks nothing." },
};

const size_t fc_rules_charset_n = sizeof(fc_rules_charset) / sizeof(fc_rules_charset[0]);
const size_t fc_rules_transport_n = sizeof(fc_rules_transport) / sizeof(fc_rules_transport[0]);
const size_t fc_rules_io_n = sizeof(fc_rules_io) / sizeof(fc_rules_io[0]);
