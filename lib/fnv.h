/*
 * fnv.h - FNV-1a, 64 bits: the short stable hashes kept across runs and
 * compared (state names, link tokens, option keys, archive digests, the
 * content hash of states before 0.2) and feedcheck's id sets.
 */
#ifndef FEED_FNV_H
#define FEED_FNV_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define FT_FNV_INIT 0xcbf29ce484222325ULL      /* the offset basis */

/* h with the n bytes at p hashed in */
static inline uint64_t ft_fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}

/* One field of several: its bytes, then 0xFF (no UTF-8 text holds that
 * byte), so that two fields cannot run into one another. */
static inline uint64_t ft_fnv1a_field(uint64_t h, const void *p, size_t n)
{
	return (ft_fnv1a(h, p, n) ^ 0xFF) * 0x100000001b3ULL;
}

/* ... of a string, NULL as empty */
static inline uint64_t ft_fnv1a_str(uint64_t h, const char *s)
{
	return ft_fnv1a_field(h, s, s ? strlen(s) : 0);
}

#endif
