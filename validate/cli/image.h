/*
 * image.h - what the header of an image says (image.c), for the artwork
 * checks of --check-media: read with libpng and libjpeg (libjpeg-turbo),
 * never by hand.  Nothing is decoded past the header.
 */
#ifndef FEED_IMAGE_H
#define FEED_IMAGE_H

#include <stddef.h>

enum image_format { IMAGE_UNKNOWN = 0, IMAGE_PNG, IMAGE_JPEG };

enum image_color {
	IMAGE_RGB,                /* RGB, RGBA, palette, YCbCr */
	IMAGE_GRAY,               /* grayscale, with or without alpha */
	IMAGE_CMYK,               /* CMYK or YCCK (JPEG) */
	IMAGE_OTHER
};

struct image_info {
	enum image_format format;
	unsigned long width, height;
	enum image_color color;
	int alpha;                /* PNG: an alpha channel (colour type 4 or
				     6) or transparency (a tRNS chunk) */
	char error[128];          /* the library's message when the header
				     could not be read; "" else */
};

/*
 * Read the header of the n bytes at b (the start of the file, perhaps not
 * all of it).  Returns 0 when the header was read (info filled in), -1
 * when b is a PNG or JPEG whose header could not be read (info->error),
 * 1 when it is neither.
 */
int image_probe(const unsigned char *b, size_t n, struct image_info *info);

const char *image_format_name(enum image_format f);
const char *image_color_name(enum image_color c);

#endif
