/*
 * grow.c - arrays that grow, their size checked (grow.h).
 */
#include "grow.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

void *ft_reallocarray(void *v, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	n *= size;
	return realloc(v, n ? n : 1);
}

size_t ft_grow_room(size_t alloc, size_t need)
{
	size_t na = alloc ? alloc : 16;

	while (na < need)
		na = na > SIZE_MAX / 2 ? need : na * 2;
	return na;
}

void *ft_grow(void *v, size_t *alloc, size_t need, size_t size)
{
	size_t na;
	void *nv;

	if (v && need <= *alloc)
		return v;
	na = ft_grow_room(*alloc, need);
	if (!(nv = ft_reallocarray(v, na, size)))
		return NULL;
	*alloc = na;
	return nv;
}
