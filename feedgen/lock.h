/*
 * lock.h - one run at a time per state.
 *
 * flock() on a file beside the state (STATE.lock): the kernel drops the
 * lock when the process dies, however it dies, so a run killed with
 * kill -9 never blocks the next one.  A run takes it exclusively and
 * writes its pid into it for the message the next run prints; a dry run
 * takes it shared and writes nothing.  The file is opened without
 * following a link, and must be a regular file.
 */
#ifndef FEEDGEN_LOCK_H
#define FEEDGEN_LOCK_H

/*
 * Lock path, waiting up to wait_seconds (0: do not wait).  Returns the
 * lock's file descriptor (keep it open for the run), -2 when another
 * process holds the lock (*holder set to its pid, or 0 when unknown), or
 * -1 with errno set (ELOOP: a symbolic link; EINVAL: not a regular file),
 * or -3 for a shared lock whose file does not exist (nothing to wait for:
 * no run has made it).
 */
int lock_acquire(const char *path, double wait_seconds, int shared, long *holder);
void lock_release(int fd, int shared);

#endif
