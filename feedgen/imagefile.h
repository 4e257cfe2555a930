/*
 * imagefile.h - a photo's file as a browser would take it: whether its format
 * is one that every browser shows, and its size in pixels, read with the
 * format's own library (libjpeg, libpng, giflib, libwebp).
 */
#ifndef FEEDGEN_IMAGEFILE_H
#define FEEDGEN_IMAGEFILE_H

/* What image_probe found. */
enum image_probe {
	IMAGE_SIZED = 1,        /* shown by browsers, its size read */
	IMAGE_UNSIZED = 0,      /* shown by browsers (AVIF, SVG): no size read */
	IMAGE_UNKNOWN = -1,     /* a format browsers do not show (TIFF, BMP,
				   HEIC, ...), or no image at all */
	IMAGE_DAMAGED = -2      /* its format's header cannot be read */
};

/*
 * The photo open on fd (read from its start), whose bytes libmagic named
 * type (NULL when not known: the type the name's extension says, ext, is
 * taken; both NULL is IMAGE_UNKNOWN).  *width and *height are set for
 * IMAGE_SIZED, else 0.  *why says what was wrong with a damaged one.
 */
enum image_probe image_probe(int fd, const char *type, int *width, int *height,
			     const char **why);

#endif
