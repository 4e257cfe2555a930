/*
 * serve_rate.c - how many checks a client of feedcheck --serve may ask a
 * minute: a token bucket per client (per_minute tokens, refilled at
 * per_minute a minute), in one open-addressed table of a fixed size, the
 * only memory the service keeps between requests.  A bucket that has
 * refilled is as good as none, so its place is taken again; when every
 * place holds a client seen within the minute, the one seen longest ago
 * gives its place up.
 */
#include "serve.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fnv.h"

struct bucket {
	unsigned char key[17];     /* family, then the address (a /64) */
	int used;
	double tokens;
	double last;               /* when tokens was reckoned */
};

struct rate_table {
	pthread_mutex_t lock;
	double per_s, cap_tokens;
	struct bucket *v;
	size_t n;                  /* a power of two */
};

struct rate_table *rate_new(long per_minute, size_t cap)
{
	struct rate_table *t = calloc(1, sizeof(*t));
	size_t n = 64;

	if (!t)
		return NULL;
	while (n < cap && n < ((size_t)1 << 24))
		n <<= 1;
	t->v = calloc(n, sizeof(*t->v));
	if (!t->v || pthread_mutex_init(&t->lock, NULL)) {
		free(t->v);
		free(t);
		return NULL;
	}
	t->n = n;
	t->cap_tokens = (double)per_minute;
	t->per_s = (double)per_minute / 60.0;
	return t;
}

void rate_free(struct rate_table *t)
{
	if (!t)
		return;
	pthread_mutex_destroy(&t->lock);
	free(t->v);
	free(t);
}

/* the bucket's tokens now */
static double refill(const struct rate_table *t, const struct bucket *b,
		     double now)
{
	double v = b->tokens + (now - b->last) * t->per_s;

	return v > t->cap_tokens ? t->cap_tokens : v;
}

static void key_of(const struct fetch_addr *a, unsigned char key[17])
{
	memset(key, 0, 17);
	key[0] = (unsigned char)(a->family == AF_INET6 ? 6 : 4);
	/* IPv4: the address; IPv6: its /64 (RFC 6177: a site's prefix) */
	memcpy(key + 1, a->a, a->family == AF_INET6 ? 8 : 4);
}

/* the place of key: its bucket, a free or refilled one, or the oldest */
static struct bucket *place(struct rate_table *t, const unsigned char key[17],
			    double now)
{
	size_t mask = t->n - 1, i = (size_t)ft_fnv1a(FT_FNV_INIT, key, 17) & mask;
	size_t k, probes = t->n < 64 ? t->n : 64;
	struct bucket *spare = NULL, *oldest = NULL;

	for (k = 0; k < probes; k++) {
		struct bucket *b = &t->v[(i + k) & mask];
		if (b->used && !memcmp(b->key, key, 17))
			return b;
		if (!spare && (!b->used || refill(t, b, now) >= t->cap_tokens))
			spare = b;
		if (!oldest || b->last < oldest->last)
			oldest = b;
	}
	/* a key stays within its probe window: a later lookup finds it */
	return spare ? spare : oldest;
}

int rate_take(struct rate_table *t, const struct fetch_addr *a, double now,
	      long *retry_after)
{
	unsigned char key[17];
	struct bucket *b;
	double have;
	int ok;

	key_of(a, key);
	pthread_mutex_lock(&t->lock);
	b = place(t, key, now);
	if (!b->used || memcmp(b->key, key, 17)) {
		memcpy(b->key, key, 17);
		b->used = 1;
		b->tokens = t->cap_tokens;
		b->last = now;
	}
	have = refill(t, b, now);
	b->last = now;
	ok = have >= 1.0;
	b->tokens = ok ? have - 1.0 : have;
	if (!ok)
		*retry_after = (long)ceil((1.0 - have) / t->per_s);
	pthread_mutex_unlock(&t->lock);
	return ok;
}
