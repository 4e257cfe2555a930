/*
 * photofile.h - a photo's file in the collection: opened inside it, its
 * media type told from its bytes (libmagic), its format one that browsers
 * show and its size in pixels (imagefile.h); what a later run compares to
 * tell that it was replaced, added or removed.
 */
#ifndef FEEDGEN_PHOTOFILE_H
#define FEEDGEN_PHOTOFILE_H

#include <pthread.h>

/*
 * libmagic, which tells a photo's media type from its bytes: loaded the
 * first time a photo is found in the collection, shared by the reader
 * threads under its lock.
 */
struct media_sniffer {
	pthread_mutex_t mu;
	void *cookie;           /* magic_t, or NULL */
	int state;              /* 0 not loaded yet, 1 loaded, -1 unusable */
};

void media_sniffer_init(struct media_sniffer *s);
void media_sniffer_release(struct media_sniffer *s);

/* What photo_probe found of a file. */
enum photo_status {
	PHOTO_OK = 0,           /* an image browsers show */
	PHOTO_MISSING,          /* not there, not a regular file, or outside
				   the collection */
	PHOTO_NOT_IMAGE,        /* no image at all (type says what) */
	PHOTO_UNKNOWN,          /* an image browsers do not show (TIFF, ...) */
	PHOTO_DAMAGED           /* its header cannot be read (why) */
};

struct photo_file {
	char *type;             /* owned: its media type, or NULL */
	long long length;       /* bytes; -1 when it is not there */
	long long mtime;        /* nanoseconds; 0 when it is not there */
	int width, height;      /* 0 when not known */
	const char *why;        /* PHOTO_DAMAGED: what is wrong */
};

/*
 * The file path (inside the collection, whose real path is root_real),
 * whose name's extension says ext_type (or NULL).  Returns a status, or
 * -1 when memory ran out; *out is filled either way (release it).
 */
int photo_probe(struct media_sniffer *s, const char *root_real,
		const char *path, const char *ext_type, struct photo_file *out);
void photo_file_release(struct photo_file *p);

/* The reference of photo ref's thumbnail by pattern ({stem} and {ext} of
 * its name, beside it), malloc'd; NULL when there is no pattern, ref has
 * no name, or memory ran out. */
char *photo_thumb_ref(const char *pattern, const char *ref);

/*
 * A photo file as the state remembers it: "LENGTH MTIME PATH", malloc'd
 * (length -1 for one that was not there); and whether the file at path is
 * still so (1), or was replaced, added or removed since (0).
 */
char *photo_seen_line(const char *path, const struct photo_file *p);
int photo_seen_same(const char *path, long long length, long long mtime);

#endif
