/*
 * families.h - the rule table's families, each a file of rules/ (rules.c
 * holds the document's own and looks them all up, in this order: the
 * document, the W3C catalogue's, the encoding, the transport, podcasts,
 * the sources, --diff, the feed readers).  A family is an array of rows and its length.
 */
#ifndef FEED_FAMILIES_H
#define FEED_FAMILIES_H

#include <stddef.h>

#include "feedcheck.h"

/* rules_catalogue.c: the W3C catalogue's classes, JSON Feed, XML bounds */
extern const struct fc_rule fc_rules_catalogue[];
extern const size_t fc_rules_catalogue_n;
/* rules_transport.c: the encoding, the HTTP transport, the sources */
extern const struct fc_rule fc_rules_charset[], fc_rules_transport[], fc_rules_io[];
extern const size_t fc_rules_charset_n, fc_rules_transport_n, fc_rules_io_n;
/* rules_delivery.c: how a feed is served (the delivery audit), --cache */
extern const struct fc_rule fc_rules_delivery[];
extern const size_t fc_rules_delivery_n;
/* rules_podcast.c: Apple, PSP-1, Spotify, podcast:, --check-media, pages */
extern const struct fc_rule fc_rules_podcast[];
extern const size_t fc_rules_podcast_n;
/* rules_diff.c: feedcheck --diff, what a change does to subscribers */
extern const struct fc_rule fc_rules_diff[];
extern const size_t fc_rules_diff_n;
/* rules_readers.c: --profile readers, what feed readers do with a feed */
extern const struct fc_rule fc_rules_readers[];
extern const size_t fc_rules_readers_n;

#endif
