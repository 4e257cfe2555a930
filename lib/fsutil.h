/*
 * fsutil.h - reading files with a ceiling, mkdir -p, and atomic replacement.
 */
#ifndef FEED_FSUTIL_H
#define FEED_FSUTIL_H

#include <stdio.h>
#include <sys/types.h>

/*
 * Read the whole of path into a malloc'd buffer (NUL-terminated, *len
 * excludes the NUL).  Returns 0, or -1 with errno set (EFBIG when the file
 * is larger than max).
 */
int ft_read_file(const char *path, size_t max, char **data, size_t *len);

/* Create dir and its missing parents, like mkdir -p.  0 or -1 (errno). */
int ft_mkdir_p(const char *dir, mode_t mode);

/*
 * Atomic replacement of one file: the new content is written to a
 * temporary file beside the target and renamed over it, so a reader (or a
 * crash) sees either the whole old file or the whole new one.
 */
struct atomic_file {
	char *target;   /* owned */
	char *tmp;      /* owned; NULL once committed or aborted */
	FILE *fp;       /* write the content here */
};

int ft_atomic_open(struct atomic_file *af, const char *target);
/*
 * Flush and sync the temporary file.  If its bytes equal the target's,
 * remove it and leave the target untouched (*changed = 0); otherwise rename
 * it into place and sync the directory (*changed = 1).  With dry_run the
 * temporary file is always removed and *changed says what would happen.
 * Returns 0 or -1 (errno); on -1 the target is untouched.
 */
int ft_atomic_commit(struct atomic_file *af, int dry_run, int *changed);
/*
 * Flush the temporary file and ask the kernel to start writing it out
 * (Linux's sync_file_range; elsewhere nothing), so that the sync in
 * ft_atomic_commit, later, has little left to wait for.  Returns 0 or -1.
 */
int ft_atomic_writeback(struct atomic_file *af);
/* The same for a file by name (one another library writes).  Returns 0 or
 * -1; advice only. */
int ft_writeback_path(const char *path);
void ft_atomic_abort(struct atomic_file *af);

/*
 * A file mapped read-only and read front to back in passes (as feedcheck
 * does: fc_options.consumed): what a pass has gone past goes back to the
 * page cache a step at a time, a step behind, so the resident size stays
 * flat however big the file.  A page touched again is read again.
 */
struct mapped_file {
	const unsigned char *base;  /* NULL when nothing is mapped */
	size_t len;
	size_t step;                /* given back at a time, and kept behind;
				       ft_mapped_open sets 8 MiB, which a caller
				       with several mappings at once may lower */
	size_t released, last;
};

/* Map the first len (> 0) bytes of fd; 0, or -1 (errno). */
int ft_mapped_open(struct mapped_file *m, int fd, size_t len);
/* fc_options.consumed, arg being a struct mapped_file: the pass is at
 * offset (a new pass when it is lower than the last one). */
void ft_mapped_release_behind(void *arg, size_t offset);
void ft_mapped_close(struct mapped_file *m);

/* 1 when the two streams / files hold the same bytes. */
int ft_same_content(FILE *a, const char *path);

#endif
