/*
 * strlist.h - a list of strings, each owned: an article's names and
 * sections, a photo's credits.
 */
#ifndef FEEDGEN_STRLIST_H
#define FEEDGEN_STRLIST_H

#include <stddef.h>

struct strlist {
	char **v;       /* each owned */
	size_t n, alloc;
};

void strlist_release(struct strlist *l);
/* Append a copy of s[0..n) unless an equal string is there; 0 or -1. */
int strlist_add_unique(struct strlist *l, const char *s, size_t n);
/* Append a copy of s[0..n), even when an equal string is there; 0 or -1. */
int strlist_add(struct strlist *l, const char *s, size_t n);

#endif
