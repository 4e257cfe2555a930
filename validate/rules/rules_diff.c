/*
 * rules_diff.c - the rules of feedcheck --diff: what a change from one
 * version of a feed to the next does to its subscribers (validate/diff.c
 * reports them).  A family of the rule table (rules.c).
 *
 * Readers identify an entry by its id as written, the link only when
 * there is none: Miniflux hashes Atom's id (else the link), RSS's guid
 * (else the link) and JSON Feed's id (the adapters of internal/reader/);
 * FreshRSS and SimplePie take the id (Item::get_id); NetNewsWire
 * matches by guid.  None of them normalises it, so http: to https:, a
 * trailing slash or a new permalink scheme is a new entry.
 */
#include "families.h"

#define E DIAG_ERROR
#define W DIAG_WARNING
#define I DIAG_INFO

const struct fc_rule fc_rules_diff[] = {
{ "diff-id-changed", E, "the same article under a new id",
  "An entry of the new feed has the link (or the title and the publication "
  "date) of an entry of the old one, but another id. Readers identify "
  "entries by their id exactly as written (Miniflux, FreshRSS and "
  "SimplePie, NetNewsWire: 'a new guid means a new article', NetNewsWire "
  "#324), so every subscriber sees the article twice (Miniflux #3120, "
  "#2358; feedbin/support #515). Keep the old id: an id is a name for the "
  "article, not its address (RFC 4287 §4.2.6: it must not change when the "
  "entry is moved or edited)." },
{ "diff-ids-reissued", E, "the whole feed re-issued under new ids",
  "Most of the articles the old and the new feed share have new ids: a "
  "rebuild (a new site generator, http: to https:, a new permalink "
  "scheme) changed how ids are made, and every reader will show every "
  "article again as new (LeaVerou/blog #18: '~230 posts in my feed "
  "reader'; elixir-lang/elixir-lang.github.com #1843; FreshRSS #3571; "
  "Miniflux #797). Make the generator write the old ids again before you "
  "publish; once subscribers have fetched the new ids, going back floods "
  "them a second time (as José Valim noted in #1843)." },
{ "diff-published-moved", W, "an entry's publication date moved",
  "The same entry (same id) has another publication date. Readers that "
  "sort by date move it, some show it again as new, and a reader that "
  "matches entries by link and date (FreshRSS's 'sha1:link_published' "
  "policy) treats it as a new article. A publication date should be set "
  "once (RFC 4287 §4.2.9: the time of the initial creation or first "
  "availability)." },
{ "diff-updated-backwards", W, "an entry's update date went backwards",
  "The same entry's updated date (date_modified, dcterms:modified) is "
  "earlier than in the old feed. RFC 4287 §4.2.15 says updated is the "
  "most recent time the entry was modified in a way the publisher "
  "considers significant; going back usually means a rebuild stamped "
  "dates from another clock or from the files' times." },
{ "diff-content-silent", W, "content changed while the update date stayed",
  "The same entry's content (or summary) changed but its updated date did "
  "not. Readers disagree about such an entry: FreshRSS compares a hash of "
  "link, title, authors and content and may mark it unread as updated, "
  "Miniflux keeps the old text unless told to update entries, Atom's "
  "updated (RFC 4287 §4.2.15) is how a publisher says a change is "
  "significant. Change updated when the change matters, or not the text." },
{ "diff-entries-dropped", I, "entries dropped from a feed that got none",
  "An entry of the old feed is not in the new one, although the new feed "
  "has no entry the old one lacked: the feed did not just move its window "
  "on. Readers keep what they fetched, so subscribers keep the entry, but "
  "those who subscribe now will not see it; check that it was removed on "
  "purpose." },
{ "diff-not-a-feed", E, "a version of the feed has no entries to compare",
  "feedcheck --diff reads the entries of both versions; this one is not a "
  "feed it can read (not Atom, RSS or JSON Feed, or not well-formed "
  "before its first entry). Check it without --diff to see why." },
};

const size_t fc_rules_diff_n = sizeof(fc_rules_diff) / sizeof(fc_rules_diff[0]);
