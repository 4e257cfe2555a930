/*
 * grow.h - arrays that grow: their room doubled as they fill, the bytes
 * that room takes (count times element size) checked before the
 * allocation, so that a count from hostile input cannot wrap around to a
 * small allocation.
 */
#ifndef FEED_GROW_H
#define FEED_GROW_H

#include <stddef.h>

/*
 * realloc(v, n * size), but NULL (errno ENOMEM, v left as it was) when
 * n * size would pass SIZE_MAX, as OpenBSD's reallocarray().
 */
void *ft_reallocarray(void *v, size_t n, size_t size);

/* The room an array of alloc elements grows to that holds need: alloc
 * (16 at first) doubled until it does. */
size_t ft_grow_room(size_t alloc, size_t need);

/*
 * Room for need elements of size bytes in the array v, which has room for
 * *alloc: v itself when it has, else v reallocated to ft_grow_room() and
 * *alloc set to that.  NULL when the bytes would pass SIZE_MAX or memory
 * ran out: v and *alloc are then as they were.  The usual call:
 *
 *	if (!(nv = ft_grow(l->v, &l->alloc, l->n + 1, sizeof(*nv))))
 *		return -1;
 *	l->v = nv;
 */
void *ft_grow(void *v, size_t *alloc, size_t need, size_t size);

#endif
