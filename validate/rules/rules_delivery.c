/*
 * rules_delivery.c - how a feed is served to the readers that poll it:
 * the delivery audit of feedcheck's fetcher (one conditional request,
 * compression, caching, https), bot-protection challenges, and --cache.
 * A family of the rule table (rules.c).  Findings about a response have
 * no line or column: they are placed on the URL, line 0, as every
 * transport finding is.
 */
#include "families.h"

#define E DIAG_ERROR
#define W DIAG_WARNING
#define I DIAG_INFO

const struct fc_rule fc_rules_delivery[] = {
{ "http-bot-challenge", E, "a bot-protection service answered instead of the feed",
  "The answer is a challenge or block page of a bot-protection service "
  "(Cloudflare, AWS WAF, Vercel, Akamai, Sucuri, Imperva Incapsula, "
  "DataDome, PerimeterX/HUMAN, DDoS-Guard), named with the signal that "
  "gave it away: feed readers cannot solve a CAPTCHA or run its "
  "JavaScript, so they get this page instead of the feed, as feedcheck "
  "did.  A header the vendor sets only on a challenge (cf-mitigated: "
  "challenge, x-amzn-waf-action: challenge or captcha, x-vercel-mitigated, "
  "x-sucuri-block) is enough; the vendors' challenge pages are recognised "
  "on a blocking status (401, 403, 405, 429, 503) or an HTML answer; "
  "headers and cookies present on every answer through the service "
  "(Server: cloudflare, CF-Ray, X-Iinfo, ...) do not make it one: with "
  "both, the finding stays http-status and its message names the service "
  "as probably blocking.  Exempt the feed's URL from the "
  "challenge (a rule that skips it for feed paths or for readers' user "
  "agents).  Sources: Cloudflare's documentation (\"Detect a Challenge "
  "Page response\": cf-mitigated: challenge), AWS WAF's (x-amzn-waf-action), "
  "w3c/feedvalidator issues 27, 143, 187 and 196, Miniflux's detector; "
  "the list is in feedcheck(1), DELIVERY AUDIT." },
{ "delivery-conditional-ignored", W, "the server ignores conditional requests",
  "The feed carries an ETag or a Last-Modified, so readers send it back "
  "(If-None-Match, If-Modified-Since) on their next poll; this server "
  "answered that request with 200 and the whole feed instead of 304 Not "
  "Modified, so every poll of every reader downloads everything.  RFC "
  "9110 §13.1.2: a server that evaluates If-None-Match MUST answer 304 "
  "to a GET whose tag matches (§13.1.3: SHOULD, for If-Modified-Since).  "
  "A changing ETag (one per request, or Apache mod_deflate's -gzip "
  "suffix) has the same effect.  The message gives the bytes each poll "
  "costs.  feedcheck makes this one request only for URLs named on the "
  "command line (--http-audit for --urls lists)." },
{ "delivery-304-validator-changed", W, "a 304 Not Modified carries other validators than the feed",
  "The server answered the conditional request with 304 Not Modified but "
  "with an ETag (or Last-Modified) other than those of the feed it had "
  "just sent, or without the ETag: RFC 9110 §15.4.5 says a 304 MUST carry "
  "the ETag a 200 would, and RFC 9111 §4.3.4 forbids caches to use a 304 "
  "whose strong validators match none they hold.  Servers that answer 304 "
  "to any conditional request keep readers on a stale copy (NetNewsWire "
  "drops its validators every 8 days to work around them).  ETags are "
  "compared weakly (§8.8.3.2)." },
{ "delivery-uncompressed", W, "a feed over 10 KB sent uncompressed although gzip was asked",
  "feedcheck asks for gzip (Accept-Encoding) as readers do, and the server "
  "sent the feed without a Content-Encoding.  Compression is not a MUST "
  "(RFC 9110 §12.5.3), but feeds compress several times over and are "
  "polled all day: the message gives the size gzip makes of this one "
  "(measured with zlib) and the ratio.  Sources: rss-parser issue 287 "
  "(9.6 times the bytes without gzip), nextcloud/news pull request 2269, "
  "Earth Notes' \"RSS Podcast Feed Inefficiency\".  Turn on gzip for the "
  "feed's media type in the server." },
{ "delivery-cache-disabled", I, "Cache-Control forbids keeping the feed (no-store or max-age=0)",
  "With no-store (RFC 9111 §5.2.2.5) a cache MUST NOT keep the answer, "
  "so the copy a conditional request would revalidate is gone; max-age=0 "
  "(§5.2.2.1) makes it stale at once, so every cache between readers and "
  "the server asks again on every poll.  Feeds change every few minutes "
  "at most: a max-age of some minutes (and no-cache at worst, §5.2.2.4, "
  "which still allows conditional requests) costs nothing." },
{ "delivery-https-downgrade", W, "an https feed redirects to http",
  "A redirect from an https URL to an http one (RFC 9110 §4.2.2: the "
  "http scheme has no protection) delivers the feed in clear text, where "
  "anyone on the path can read or change it, and readers that refuse "
  "such downgrades fail.  Serve the feed over https at the end of the "
  "chain too." },
{ "cache-unchanged", I, "the feed answered 304 Not Modified: the findings are those remembered (--cache)",
  "With --cache DIR feedcheck remembers, per URL, the validators (ETag, "
  "Last-Modified) of the last answer and its findings, and sends them "
  "back (RFC 9110 §13.1.2, §13.1.3).  This feed answered 304 Not Modified: "
  "it was not downloaded or checked again, and the findings reported with "
  "this one are those of the check that is remembered, whose time the "
  "message gives.  Every output format carries this finding; JSON's "
  "\"http\" member also has \"unchanged\": true." },
{ "cache-unusable", E, "the --cache folder or a remembered check cannot be used",
  "The folder given to --cache (or its feedcheck-cache.sqlite) belongs "
  "to another user, may be written by others, is not a folder, or holds "
  "a database that is not feedcheck's cache: feedcheck does not read or "
  "write it (exit status 2), because whoever can write it could make a "
  "later run report what they like.  Or a feed answered 304 Not Modified "
  "but the check remembered for it was replaced by another run, or is not "
  "valid, since its validators were read: the source is reported as not "
  "checked; run again.  Source: feedcheck's own cache (feedcheck(1), "
  "--cache)." },
};

const size_t fc_rules_delivery_n = sizeof(fc_rules_delivery) / sizeof(fc_rules_delivery[0]);
