/*
 * buf.h - a growable byte buffer with a ceiling.
 *
 * Every buffer is created with a maximum size; an append that would pass it
 * fails with -1 (errno = EFBIG) and leaves the buffer as it was.  data is
 * always NUL-terminated after a successful append (the NUL is not counted
 * in len).  The buffer owns data until ft_buf_detach().
 */
#ifndef FEED_BUF_H
#define FEED_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t alloc;
	size_t max;
};

#define BUF_INIT(m) { NULL, 0, 0, (m) }

void ft_buf_init(struct buf *b, size_t max);
void ft_buf_release(struct buf *b);
/* Hand data to the caller (never NULL: an empty string when nothing was added). */
char *ft_buf_detach(struct buf *b);
void ft_buf_reset(struct buf *b);
int ft_buf_add(struct buf *b, const void *p, size_t n);
int ft_buf_adds(struct buf *b, const char *s);
int ft_buf_addc(struct buf *b, int c);
int ft_buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* malloc'd printf; NULL when memory runs out */
char *ft_vasprintf(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));
char *ft_asprintf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#endif
