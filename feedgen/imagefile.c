/*
 * imagefile.c - a photo's format and size in pixels (imagefile.h): JPEG with
 * libjpeg (jpeg_read_header), PNG with libpng (png_read_info), GIF with
 * giflib (the logical screen of DGifOpen), WebP with libwebp
 * (WebPGetInfo).  Only the header is read, never the pixels.  libjpeg and
 * libpng report errors by longjmp from their handlers, which land back
 * here and never exit.
 */
#include "imagefile.h"

#include <setjmp.h>
#include <stdio.h>

#include <gif_lib.h>
#include <jpeglib.h>
#include <png.h>
#include <string.h>
#include <unistd.h>
#include <webp/decode.h>

/* The formats every browser shows; those after the first four have no
 * size read here. */
static const char *const web_types[] = {
	"image/jpeg", "image/png", "image/gif", "image/webp",
	"image/avif", "image/svg+xml",
};

/* ---- JPEG ---------------------------------------------------------------- */

struct jpeg_err {
	struct jpeg_error_mgr pub;
	jmp_buf jump;
};

static void jpeg_fail(j_common_ptr c)
{
	longjmp(((struct jpeg_err *)c->err)->jump, 1);
}

static void jpeg_silent(j_common_ptr c, int level)
{
	(void)c;
	(void)level;
}

static int jpeg_size(FILE *fp, int *w, int *h)
{
	struct jpeg_decompress_struct d;
	struct jpeg_err e;

	memset(&d, 0, sizeof(d));
	d.err = jpeg_std_error(&e.pub);
	e.pub.error_exit = jpeg_fail;
	e.pub.emit_message = jpeg_silent;
	if (setjmp(e.jump)) {
		jpeg_destroy_decompress(&d);
		return -1;
	}
	jpeg_create_decompress(&d);
	jpeg_stdio_src(&d, fp);
	if (jpeg_read_header(&d, TRUE) != JPEG_HEADER_OK || !d.image_width ||
	    !d.image_height) {
		jpeg_destroy_decompress(&d);
		return -1;
	}
	*w = (int)d.image_width;
	*h = (int)d.image_height;
	jpeg_destroy_decompress(&d);
	return 0;
}

/* ---- PNG ----------------------------------------------------------------- */

static void png_fail(png_structp p, png_const_charp msg)
{
	(void)msg;
	png_longjmp(p, 1);
}

static void png_silent(png_structp p, png_const_charp msg)
{
	(void)p;
	(void)msg;
}

static int png_size(FILE *fp, int *w, int *h)
{
	png_structp p = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL,
					       png_fail, png_silent);
	png_infop info = p ? png_create_info_struct(p) : NULL;
	png_uint_32 pw, ph;

	if (!info) {
		png_destroy_read_struct(&p, NULL, NULL);
		return -1;
	}
	if (setjmp(png_jmpbuf(p))) {
		png_destroy_read_struct(&p, &info, NULL);
		return -1;
	}
	png_init_io(p, fp);
	png_read_info(p, info);
	pw = png_get_image_width(p, info);
	ph = png_get_image_height(p, info);
	png_destroy_read_struct(&p, &info, NULL);
	if (!pw || !ph || pw > 0x7fffffff || ph > 0x7fffffff)
		return -1;
	*w = (int)pw;
	*h = (int)ph;
	return 0;
}

/* ---- GIF ----------------------------------------------------------------- */

static int gif_size(int fd, int *w, int *h)
{
	int err = 0, dfd = dup(fd), r = -1;
	GifFileType *g;

	if (dfd < 0)
		return -1;
	/* giflib owns dfd from here, closed by DGifCloseFile or on failure */
	if (!(g = DGifOpenFileHandle(dfd, &err)))
		return -1;
	if (g->SWidth > 0 && g->SHeight > 0) {
		*w = g->SWidth;
		*h = g->SHeight;
		r = 0;
	}
	DGifCloseFile(g, &err);
	return r;
}

/* ---- WebP ---------------------------------------------------------------- */

/* RIFF's header and the first chunk's (VP8, VP8L or VP8X) hold the size */
#define WEBP_HEAD 64

static int webp_size(int fd, int *w, int *h)
{
	uint8_t b[WEBP_HEAD];
	ssize_t n = pread(fd, b, sizeof(b), 0);

	if (n <= 0 || !WebPGetInfo(b, (size_t)n, w, h) || *w <= 0 || *h <= 0)
		return -1;
	return 0;
}

enum image_probe image_probe(int fd, const char *type, int *width, int *height,
			     const char **why)
{
	size_t i, k = sizeof(web_types) / sizeof(web_types[0]);
	FILE *fp = NULL;
	int r = -1, dfd;

	*width = *height = 0;
	*why = NULL;
	for (i = 0; type && i < k; i++)
		if (!strcmp(type, web_types[i]))
			break;
	if (!type || i == k)
		return IMAGE_UNKNOWN;
	if (i >= 4)
		return IMAGE_UNSIZED;
	if (lseek(fd, 0, SEEK_SET) < 0) {
		*why = "cannot read it again";
		return IMAGE_DAMAGED;
	}
	if (i == 2)
		r = gif_size(fd, width, height);
	else if (i == 3)
		r = webp_size(fd, width, height);
	else if ((dfd = dup(fd)) >= 0 && !(fp = fdopen(dfd, "rb")))
		close(dfd);
	if (fp) {
		r = i == 0 ? jpeg_size(fp, width, height) : png_size(fp, width, height);
		fclose(fp);
	}
	if (r < 0) {
		*width = *height = 0;
		*why = "its header cannot be read (a damaged or cut-short file)";
		return IMAGE_DAMAGED;
	}
	return IMAGE_SIZED;
}
