/*
 * buf.c - growable byte buffers with a ceiling, and printf into them (buf.h).
 */
#include "buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

void ft_buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = b->alloc = 0;
	b->max = max;
}

void ft_buf_release(struct buf *b)
{
	free(b->data);
	ft_buf_init(b, b->max);
}

char *ft_buf_detach(struct buf *b)
{
	char *p = b->data;
	if (!p)
		p = calloc(1, 1);
	else if (b->alloc > b->len + 1 + b->len / 8) {
		/* give back the slack of doubling: detached strings live long */
		char *q = realloc(p, b->len + 1);
		if (q)
			p = q;
	}
	ft_buf_init(b, b->max);
	return p;
}

void ft_buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static int buf_grow(struct buf *b, size_t extra)
{
	size_t need, na;
	char *nd;

	if (extra > b->max || b->len > b->max - extra) {
		errno = EFBIG;
		return -1;
	}
	need = b->len + extra + 1;
	if (need <= b->alloc)
		return 0;
	na = ft_grow_room(b->alloc ? b->alloc : 64, need);
	nd = realloc(b->data, na);
	if (!nd) {
		errno = ENOMEM;
		return -1;
	}
	b->data = nd;
	b->alloc = na;
	return 0;
}

int ft_buf_add(struct buf *b, const void *p, size_t n)
{
	if (buf_grow(b, n) < 0)
		return -1;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int ft_buf_adds(struct buf *b, const char *s)
{
	return ft_buf_add(b, s, strlen(s));
}

int ft_buf_addc(struct buf *b, int c)
{
	char ch = (char)c;
	return ft_buf_add(b, &ch, 1);
}

int ft_buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int r;

	va_start(ap, fmt);
	s = ft_vasprintf(fmt, ap);
	va_end(ap);
	if (!s)
		return -1;
	r = ft_buf_adds(b, s);
	free(s);
	return r;
}

char *ft_vasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *s;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NULL;
	s = malloc((size_t)n + 1);
	if (!s)
		return NULL;
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *ft_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = ft_vasprintf(fmt, ap);
	va_end(ap);
	return s;
}
