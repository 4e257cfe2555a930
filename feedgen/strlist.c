/*
 * strlist.c - a list of strings, each owned (strlist.h).
 */
#include "strlist.h"
#include "grow.h"

#include <stdlib.h>
#include <string.h>

void strlist_release(struct strlist *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

int strlist_add_unique(struct strlist *l, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strlen(l->v[i]) == n && !memcmp(l->v[i], s, n))
			return 0;
	return strlist_add(l, s, n);
}

int strlist_add(struct strlist *l, const char *s, size_t n)
{
	char *c;

	if (l->n == l->alloc) {
		char **nv = ft_grow(l->v, &l->alloc, l->n + 1, sizeof(*nv));
		if (!nv)
			return -1;
		l->v = nv;
	}
	c = malloc(n + 1);
	if (!c)
		return -1;
	memcpy(c, s, n);
	c[n] = '\0';
	l->v[l->n++] = c;
	return 0;
}
