/*
 * photofile.c - a photo's file in the collection (photofile.h).
 */
#include "photofile.h"

#include <fcntl.h>
#include <magic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"
#include "imagefile.h"

/* What the sniffer reads of a photo: enough for every image signature. */
#define SNIFF_BYTES 4096

void media_sniffer_init(struct media_sniffer *s)
{
	memset(s, 0, sizeof(*s));
	pthread_mutex_init(&s->mu, NULL);
}

void media_sniffer_release(struct media_sniffer *s)
{
	if (s->cookie)
		magic_close(s->cookie);
	pthread_mutex_destroy(&s->mu);
	memset(s, 0, sizeof(*s));
}

/* The media type of the bytes b[0..n), malloc'd; NULL when libmagic is
 * not usable (or memory ran out). */
static char *sniff(struct media_sniffer *s, const void *b, size_t n)
{
	const char *t;
	char *r = NULL;

	if (!s)
		return NULL;
	pthread_mutex_lock(&s->mu);
	if (s->state == 0) {
		/* only what a photo can be: no looking into archives,
		 * executables or text */
		s->cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS |
				       MAGIC_NO_CHECK_TAR | MAGIC_NO_CHECK_ELF |
				       MAGIC_NO_CHECK_CDF | MAGIC_NO_CHECK_CSV |
				       MAGIC_NO_CHECK_APPTYPE);
		s->state = s->cookie && magic_load(s->cookie, NULL) == 0 ? 1 : -1;
	}
	if (s->state == 1 && (t = magic_buffer(s->cookie, b, n)))
		r = strdup(t);
	pthread_mutex_unlock(&s->mu);
	return r;
}

static long long mtime_ns(const struct stat *st)
{
	return (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
}

int photo_probe(struct media_sniffer *s, const char *root_real,
		const char *path, const char *ext_type, struct photo_file *out)
{
	unsigned char head[SNIFF_BYTES];
	struct stat st;
	ssize_t got;
	int fd, r = PHOTO_MISSING;

	memset(out, 0, sizeof(*out));
	out->length = -1;
	/* a regular file inside the collection, once links are followed:
	 * the file opened is what is checked, never a device or a FIFO */
	if ((fd = ft_open_inside(AT_FDCWD, path, root_real)) < 0)
		return PHOTO_MISSING;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (got = read(fd, head, sizeof(head))) < 0)
		goto done;
	out->length = (long long)st.st_size;
	out->mtime = mtime_ns(&st);
	out->type = sniff(s, head, (size_t)got);
	if (!out->type && ext_type && !(out->type = strdup(ext_type))) {
		r = -1;
		goto done;
	}
	if (out->type && strncmp(out->type, "image/", 6)) {
		r = PHOTO_NOT_IMAGE;
		goto done;
	}
	switch (image_probe(fd, out->type, &out->width, &out->height, &out->why)) {
	case IMAGE_SIZED:
	case IMAGE_UNSIZED:
		r = PHOTO_OK;
		break;
	case IMAGE_DAMAGED:
		r = PHOTO_DAMAGED;
		break;
	default:
		r = PHOTO_UNKNOWN;
	}
done:
	close(fd);
	return r;
}

void photo_file_release(struct photo_file *p)
{
	free(p->type);
	memset(p, 0, sizeof(*p));
	p->length = -1;
}

/* The reference of photo ref's thumbnail, by the thumbnail pattern
 * ({stem} and {ext} of its name, beside it), malloc'd; NULL when there is
 * no pattern or ref has no name. */
char *photo_thumb_ref(const char *pattern, const char *ref)
{
	size_t n = strcspn(ref, "?#"), dir, stem;
	struct buf b = BUF_INIT(4096);
	const char *p;

	for (dir = n; dir > 0 && ref[dir - 1] != '/'; dir--)
		;
	for (stem = n; stem > dir && ref[stem - 1] != '.'; stem--)
		;
	if (!pattern || dir == n)
		return NULL;
	stem = stem > dir ? stem - 1 : n;
	if (ft_buf_add(&b, ref, dir) < 0)
		goto fail;
	for (p = pattern; *p; p++) {
		int k = 0;
		if (!strncmp(p, "{stem}", 6))
			k = ft_buf_add(&b, ref + dir, stem - dir), p += 5;
		else if (!strncmp(p, "{ext}", 5))
			k = ft_buf_add(&b, ref + stem + (stem < n), n - stem - (stem < n)), p += 4;
		else
			k = ft_buf_add(&b, p, 1);
		if (k < 0)
			goto fail;
	}
	if (ft_buf_add(&b, "", 1) < 0)
		goto fail;
	return b.data;
fail:
	ft_buf_release(&b);
	return NULL;
}

char *photo_seen_line(const char *path, const struct photo_file *p)
{
	return ft_asprintf("%lld %lld %s", p->length, p->length < 0 ? 0 : p->mtime,
			    path);
}

int photo_seen_same(const char *path, long long length, long long mtime)
{
	struct stat st;

	/* the file as photo_probe saw it: links followed */
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return length < 0;
	return (long long)st.st_size == length && mtime_ns(&st) == mtime;
}
