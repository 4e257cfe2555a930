/*
 * cli.h - the parts of the feedcheck program, file by file.  They are
 * the program, not a library: only main.c decides what is printed and
 * with which exit status (0, 1, 2 usage, 3 could not read or fetch).
 */
#ifndef FEED_CLI_H
#define FEED_CLI_H

#include <stddef.h>

struct buf;
struct fc_source;
struct mapped_file;

/* ---- sources.c: the list of sources, --shard, reading the bytes ---- */

#define MAX_SOURCE ((size_t)1 << 30)   /* 1 GiB per source */

struct srclist {
	char **v;                  /* names; owned when own[i] */
	unsigned char *own;
	size_t n, alloc;
};

/* Append name (taken over when own); -1 when out of memory. */
int src_add(struct srclist *l, char *name, int own);
/* Free the owned names and the list; l is left empty, ready for reuse. */
void src_release(struct srclist *l);

/*
 * --urls FILE ("-": standard input): one URL a line, appended to l;
 * leading and trailing white space, blank lines and lines starting with
 * '#' are skipped.  Returns 0, 2 (a usage problem) or 3 (cannot read, or
 * out of memory); then *err is what went wrong (malloc'd, the caller's),
 * NULL when memory ran out.
 */
int src_read_urls(const char *path, struct srclist *l, char **err);

/* 1 when s is a URL (has "://"), 0 when it is a file or "-". */
int src_is_url(const char *s);

/*
 * "--shard I/N": 1 <= I <= N.  URL number k (0-based, in list order)
 * belongs to shard (k % N) + 1.  Returns 0, or -1 when s is not I/N.
 */
int src_parse_shard(const char *s, unsigned long *i, unsigned long *n);
int src_in_shard(size_t k, unsigned long i, unsigned long n);

/*
 * Get the bytes of s (a file, "-" for standard input): a regular file
 * (standard input too) is mapped (the page cache holds it, not the heap),
 * anything else is read into b (its ceiling MAX_SOURCE), or spooled to a
 * temporary file and mapped when it is big: then map->base is set.  On
 * failure s->read_failed is set and *err says why (malloc'd, may be NULL).
 */
void src_read(struct fc_source *s, struct buf *b, char **err,
	      struct mapped_file *map);

#endif
