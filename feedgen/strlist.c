/*
 * strlist.c - a list of strings, each owned (strlist.h).
 */
#include "strlist.h"

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
		size_t na = l->alloc ? l->alloc * 2 : 4;
		char **nv = realloc(l->v, na * sizeof(*nv));
		if (!nv)
			return -1;
		l->v = nv;
		l->alloc = na;
	}
	c = malloc(n + 1);
	if (!c)
		return -1;
	memcpy(c, s, n);
	c[n] = '\0';
	l->v[l->n++] = c;
	return 0;
}
