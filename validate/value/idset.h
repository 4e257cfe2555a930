/*
 * idset.h - a bounded set of strings (idset.c), for the duplicate id and
 * guid checks.  Internal to validate/.
 */
#ifndef FEED_IDSET_H
#define FEED_IDSET_H

struct fc_idset;

/* the most ids a set remembers (1,048,576; id-set-full says when) */
#define FC_IDSET_CAP (1u << 20)

/* A new empty set, owned by the caller (fc_idset_free); NULL on ENOMEM. */
struct fc_idset *fc_idset_new(void);
/*
 * Add s; 1 if s was already there (or a string with the same 64-bit hash),
 * else 0.  A full set (2^24 slots) or a NULL one stops remembering: 0.
 */
int fc_idset_add(struct fc_idset *h, const char *s);
/* 1 once an id was refused because the set was full (or memory ran out):
 * duplicates of the ids after it are not found. */
int fc_idset_full(const struct fc_idset *h);
/* Free h and everything in it; NULL is fine. */
void fc_idset_free(struct fc_idset *h);

#endif
