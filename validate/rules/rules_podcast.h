/*
 * rules_podcast.h - the podcast family of the rule table (rules_podcast.c),
 * for rules.c.
 */
#ifndef FEED_RULES_PODCAST_H
#define FEED_RULES_PODCAST_H

#include <stddef.h>

#include "feedcheck.h"

extern const struct fc_rule fc_rules_podcast[];
extern const size_t fc_rules_podcast_n;

#endif
