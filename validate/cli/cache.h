/*
 * cache.h - --cache DIR: per URL, the validators (ETag, Last-Modified) of
 * the last answer and the findings of its check, so that the next run
 * sends conditional requests and reports a feed that answers 304 Not
 * Modified with what it found before (cache-unchanged).
 *
 * One SQLite database, DIR/feedcheck-cache.sqlite, in WAL mode: each URL
 * is stored by a transaction of its own as soon as it is checked, so a
 * run that is killed loses nothing it finished, and processes that share
 * the folder (--shard) wait for each other's writes (busy timeout) rather
 * than lose them.  Keys are hashes of the URL (XXH3-128; the URL is kept
 * beside and compared); every value read back is checked strictly (the
 * schema is exactly feedcheck's, rule ids must be in the rule table,
 * numbers in range, strings bounded), and the database's own SQL never
 * runs (no triggers, no views, defensive mode).  At most max entries:
 * the least recently used are evicted when the run ends.
 *
 * No output, no exit: errors come back as messages for main().
 */
#ifndef FEED_CACHE_H
#define FEED_CACHE_H

#include "feedcheck.h"
#include "fetch.h"

#define CACHE_DEFAULT_MAX 100000UL
#define CACHE_FILE "feedcheck-cache.sqlite"
#define CACHE_LOCK "feedcheck-cache.lock"   /* held while a run opens the cache */

struct cache;

/*
 * Open (and make, mode 0700/0600) the cache in dir.  0, or -1 with *err
 * (malloc'd) saying why: dir or its database belongs to another user or
 * may be written by others, is not feedcheck's, or cannot be opened.
 */
int cache_open(const char *dir, unsigned long max, struct cache **out, char **err);
/* Evict past max, close.  NULL is fine. */
void cache_close(struct cache *c);

/*
 * The validators remembered for url, malloc'd into cond (members NULL when
 * absent); 1 when there are some, 0 when none (or the entry is not valid).
 */
int cache_lookup(struct cache *c, const char *url, struct fetch_cond *cond);
void cache_cond_release(struct fetch_cond *cond);

/*
 * url answered 304 to the validators sent: its remembered check into res
 * (its findings named name, its format) and fr (Content-Type, final URL
 * when fr has none), and *checked the time of that check (epoch seconds).
 * 0, or -1 when the entry is gone, is for other validators or is not
 * valid.
 */
int cache_restore(struct cache *c, const char *url, const struct fetch_cond *sent,
		  const char *name, struct fc_result *res, struct fetch_result *fr,
		  long long *checked);

/* Remember the check of url (fr with a validator, res its findings). */
void cache_store(struct cache *c, const char *url, const struct fetch_result *fr,
		 const struct fc_result *res);

#endif
