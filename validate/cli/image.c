/*
 * image.c - the header of a PNG (libpng: png_sig_cmp, png_read_info) or a
 * JPEG (libjpeg-turbo: jpeg_read_header from memory), for the artwork of
 * --check-media: its size and colour space.  Both libraries report errors
 * by longjmp from their error handlers, which here land back in this file
 * and never exit.  See image.h.
 */
#include "image.h"

#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

const char *image_format_name(enum image_format f)
{
	return f == IMAGE_PNG ? "PNG" : f == IMAGE_JPEG ? "JPEG" : "unknown";
}

const char *image_color_name(enum image_color c)
{
	switch (c) {
	case IMAGE_RGB: return "RGB";
	case IMAGE_GRAY: return "grayscale";
	case IMAGE_CMYK: return "CMYK";
	default: return "another colour space";
	}
}

/* ---- PNG ---- */

struct png_mem {
	const unsigned char *b;
	size_t n, at;
	struct image_info *info;
};

static void png_read_mem(png_structp p, png_bytep out, png_size_t len)
{
	struct png_mem *m = png_get_io_ptr(p);

	if (len > m->n - m->at)
		png_error(p, "the image ends inside its header");
	memcpy(out, m->b + m->at, len);
	m->at += len;
}

static void png_err(png_structp p, png_const_charp msg)
{
	struct png_mem *m = png_get_error_ptr(p);

	snprintf(m->info->error, sizeof(m->info->error), "%s", msg);
	png_longjmp(p, 1);
}

static void png_warn(png_structp p, png_const_charp msg)
{
	(void)p;
	(void)msg;
}

static int probe_png(const unsigned char *b, size_t n, struct image_info *info)
{
	struct png_mem m = { b, n, 0, info };
	png_structp p;
	png_infop pi = NULL;
	png_uint_32 w, h;
	int depth, type;
	volatile int rc = -1;

	info->format = IMAGE_PNG;
	p = png_create_read_struct(PNG_LIBPNG_VER_STRING, &m, png_err, png_warn);
	if (!p) {
		snprintf(info->error, sizeof(info->error), "out of memory");
		return -1;
	}
	pi = png_create_info_struct(p);
	if (!pi) {
		snprintf(info->error, sizeof(info->error), "out of memory");
		goto abort;
	}
	if (setjmp(png_jmpbuf(p)))
		goto abort;
	/* a header of a million by a million pixels is read, not refused */
	png_set_user_limits(p, 0x7fffffffL, 0x7fffffffL);
	png_set_read_fn(p, &m, png_read_mem);
	png_read_info(p, pi);
	png_get_IHDR(p, pi, &w, &h, &depth, &type, NULL, NULL, NULL);
	info->width = w;
	info->height = h;
	info->color = (type & PNG_COLOR_MASK_COLOR) ? IMAGE_RGB : IMAGE_GRAY;
	/* png_read_info() read up to the first IDAT, past any tRNS */
	info->alpha = (type & PNG_COLOR_MASK_ALPHA) ||
		      png_get_valid(p, pi, PNG_INFO_tRNS);
	rc = 0;
abort:
	png_destroy_read_struct(&p, pi ? &pi : NULL, NULL);
	return rc;
}

/* ---- JPEG ---- */

struct jpeg_err {
	struct jpeg_error_mgr mgr;
	jmp_buf jb;
	struct image_info *info;
};

static void jpeg_fail(j_common_ptr c)
{
	struct jpeg_err *e = (struct jpeg_err *)c->err;

	c->err->format_message(c, e->info->error);
	longjmp(e->jb, 1);
}

static void jpeg_quiet(j_common_ptr c, int level)
{
	(void)c;
	(void)level;
}

static int probe_jpeg(const unsigned char *b, size_t n, struct image_info *info)
{
	struct jpeg_decompress_struct d;
	struct jpeg_err e;
	volatile int rc = -1;

	info->format = IMAGE_JPEG;
	memset(&d, 0, sizeof(d));
	d.err = jpeg_std_error(&e.mgr);
	e.mgr.error_exit = jpeg_fail;
	e.mgr.emit_message = jpeg_quiet;
	e.info = info;
	if (setjmp(e.jb))
		goto abort;
	jpeg_create_decompress(&d);
	jpeg_mem_src(&d, b, (unsigned long)n);
	/* up to the first scan: the frame header (SOF) is before it */
	if (jpeg_read_header(&d, TRUE) != JPEG_HEADER_OK) {
		snprintf(info->error, sizeof(info->error), "no image in the file");
		goto abort;
	}
	info->width = d.image_width;
	info->height = d.image_height;
	switch (d.jpeg_color_space) {
	case JCS_RGB: case JCS_YCbCr: info->color = IMAGE_RGB; break;
	case JCS_GRAYSCALE: info->color = IMAGE_GRAY; break;
	case JCS_CMYK: case JCS_YCCK: info->color = IMAGE_CMYK; break;
	default: info->color = IMAGE_OTHER; break;
	}
	rc = 0;
abort:
	jpeg_destroy_decompress(&d);
	return rc;
}

int image_probe(const unsigned char *b, size_t n, struct image_info *info)
{
	memset(info, 0, sizeof(*info));
	if (n >= 8 && !png_sig_cmp(b, 0, 8))
		return probe_png(b, n, info);
	/* JPEG: SOI, then a marker (ITU T.81 annex B.1.1.3) */
	if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
		return probe_jpeg(b, n, info);
	return 1;
}
