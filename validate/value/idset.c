/*
 * idset.c - a bounded set of ids (Atom ids, RSS guids, JSON Feed item ids
 * already seen), for the duplicate checks.  Owns nothing but the set.
 */
#include "idset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fnv.h"

/*
 * Only a 64-bit hash of each string is kept (FNV-1a), in an open-addressing
 * table: 8 bytes per string however long the ids are.  Two different
 * strings share a hash with a probability of about n^2 / 2^65 (1e-9 for a
 * million items), which would show as a false duplicate.
 */

/* at most FC_IDSET_CAP ids, in a table of twice as many slots (16 MiB):
 * memory stays flat whatever the number of items */
#define HS_MAX ((size_t)FC_IDSET_CAP * 2)
/*
 * The table grows (doubles) when it would be more than 4/5 full: 10 to 20
 * bytes an id, where half full was 16 to 32 (a feed of 200,000 entries
 * keeps two sets).  Linear probing with a 64-bit hash stays short at that
 * load: about 3 slots looked at for a new id on average, 13 at the most
 * loaded, in one or two cache lines.
 */
#define HS_FULL(n, cap) ((n) * 5 > (cap) * 4)

struct fc_idset {
	uint64_t *v;      /* 0: empty slot */
	size_t n, cap;
	int full;         /* an id was refused: it is no longer complete */
};

struct fc_idset *fc_idset_new(void)
{
	struct fc_idset *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	h->cap = 1024;
	h->v = calloc(h->cap, sizeof(*h->v));
	if (!h->v) {
		free(h);
		return NULL;
	}
	return h;
}

static uint64_t hs_hash(const char *s)
{
	uint64_t x = ft_fnv1a(FT_FNV_INIT, s, strlen(s));

	return x ? x : 1;
}

static int hs_grow(struct fc_idset *h)
{
	size_t i, nc = h->cap * 2;
	uint64_t *nv;

	if (nc > HS_MAX)
		return -1;
	nv = calloc(nc, sizeof(*nv));
	if (!nv)
		return -1;
	for (i = 0; i < h->cap; i++) {
		size_t j;
		if (!h->v[i])
			continue;
		for (j = h->v[i] & (nc - 1); nv[j]; j = (j + 1) & (nc - 1))
			;
		nv[j] = h->v[i];
	}
	free(h->v);
	h->v = nv;
	h->cap = nc;
	return 0;
}

int fc_idset_add(struct fc_idset *h, const char *s)
{
	uint64_t x = hs_hash(s);
	size_t j;

	if (!h)
		return 0;
	for (j = x & (h->cap - 1); h->v[j]; j = (j + 1) & (h->cap - 1))
		if (h->v[j] == x)
			return 1;
	if (h->n >= FC_IDSET_CAP) {
		h->full = 1;   /* full: stop remembering, never fail */
		return 0;
	}
	if (HS_FULL(h->n + 1, h->cap)) {
		if (hs_grow(h) < 0) {
			h->full = 1;
			return 0;
		}
		for (j = x & (h->cap - 1); h->v[j]; j = (j + 1) & (h->cap - 1))
			;
	}
	h->v[j] = x;
	h->n++;
	return 0;
}

int fc_idset_full(const struct fc_idset *h)
{
	return h && h->full;
}

void fc_idset_free(struct fc_idset *h)
{
	if (!h)
		return;
	free(h->v);
	free(h);
}
