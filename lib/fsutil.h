/*
 * fsutil.h - reading files with a ceiling, mkdir -p, folders opened
 * without following links, atomic replacement, mapped files.
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

/* The same, with path relative to the folder dirfd (openat; AT_FDCWD for
 * none), for a regular file expected to hold size bytes (0: unknown):
 * read in one piece into a buffer of that size, and a short read taken
 * for its end, so that an unchanged file costs one read(). */
int ft_read_file_at(int dirfd, const char *path, size_t max, size_t size,
		    char **data, size_t *len);

/* The same from an open file (not closed), read from where it is. */
int ft_read_fd(int fd, size_t max, size_t size, char **data, size_t *len);

/*
 * Open path (relative to the folder dirfd, or AT_FDCWD) for reading,
 * following symbolic links, but only when the file it leads to is a
 * regular file that lies below root_real (an absolute path without
 * links): what is checked is the file opened (its place as the kernel
 * has it, in /proc/self/fd), so a link swapped after a check cannot
 * lead elsewhere, and nothing that is not a regular file is ever opened.
 * Returns a descriptor (O_NONBLOCK), or -1 with errno: EXDEV when the
 * file lies outside root, EISDIR or EINVAL when it is not a regular
 * file, ENOTSUP when where it lies cannot be told (no /proc), or the
 * system's error.
 */
int ft_open_inside(int dirfd, const char *path, const char *root_real);

/* Create dir and its missing parents, like mkdir -p.  0 or -1 (errno). */
int ft_mkdir_p(const char *dir, mode_t mode);

/*
 * A folder below base (a descriptor, or AT_FDCWD), rel being one or more
 * names joined by '/': each is opened without following a symbolic link
 * (a planted link is ELOOP or ENOTDIR, never followed), and made when
 * missing if create.  Returns a descriptor, or -1 with errno.
 */
int ft_open_dir(int base, const char *rel, int create, mode_t mode);

/*
 * Atomic replacement of one file: the new content is written to a file
 * with no name in the target's folder (O_TMPFILE; a hidden temporary name
 * where the file system has none), given the target's name by rename at
 * the commit, so a reader (or a crash) sees either the whole old file or
 * the whole new one, and a run that dies leaves nothing behind.  Nothing
 * is opened through a symbolic link: a link planted at the target is
 * replaced, not followed.
 */
struct atomic_file {
	char *shown;    /* owned: the target as messages name it */
	char *name;     /* owned: its name in dirfd */
	char *tmp;      /* owned: the temporary name, when there is one */
	int dirfd;      /* owned, -1 when none: the target's folder */
	int fd;         /* owned, -1 when none: the new content */
	int memory;     /* a dry run: the content is in memory only */
	FILE *fp;       /* write the content here; NULL once parked */
	char *buf;      /* owned: fp's buffer, large (few writes, each
			   big), freed when parked */
};

/*
 * Start replacing name in folder dirfd (which af takes: closed with it);
 * shown names it in messages.  With dry_run the new content goes to memory
 * (memfd) and nothing in the folder is touched; dirfd may then be -1.
 * Returns 0 or -1 (errno).
 */
int ft_atomic_open(struct atomic_file *af, int dirfd, const char *name,
		   const char *shown, int dry_run);
/* Flush and close the stream, keeping the file: its buffer's memory goes
 * back while it waits for the commit.  0 or -1 (errno). */
int ft_atomic_park(struct atomic_file *af);
/*
 * Flush and sync the new file.  If its bytes equal the target's, drop it
 * and leave the target untouched (*changed = 0); otherwise give it the
 * target's name and sync the folder (*changed = 1).  A dry run only
 * compares.  Returns 0 or -1 (errno); on -1 the target is untouched.
 */
int ft_atomic_commit(struct atomic_file *af, int dry_run, int *changed);
/*
 * Flush the new file and ask the kernel to start writing it out (Linux's
 * sync_file_range; elsewhere nothing), so that the sync in
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
				       ft_mapped_open sets 1 MiB, which a caller
				       with several mappings at once may lower */
	size_t released, last;
};

/* Map the first len (> 0) bytes of fd; 0, or -1 (errno). */
int ft_mapped_open(struct mapped_file *m, int fd, size_t len);
/* fc_options.consumed, arg being a struct mapped_file: the pass is at
 * offset (a new pass when it is lower than the last one). */
void ft_mapped_release_behind(void *arg, size_t offset);
void ft_mapped_close(struct mapped_file *m);

/* 1 when the file fd and the file name in folder dirfd (not followed if
 * a link) hold the same bytes. */
int ft_same_content(int fd, int dirfd, const char *name);

#endif
