/*
 * lock.h - one run at a time per output folder.
 *
 * flock() on OUTDIR/.feedgen.lock: the kernel drops the lock when the
 * process dies, however it dies, so a run killed with kill -9 never blocks
 * the next one.  The holder's pid is written into the file for the
 * message the next run prints.
 */
#ifndef FEEDGEN_LOCK_H
#define FEEDGEN_LOCK_H

/*
 * Lock path, waiting up to wait_seconds (0: do not wait).  Returns the
 * lock's file descriptor (keep it open for the run), -2 when another
 * process holds the lock (*holder set to its pid, or 0 when unknown), or
 * -1 with errno set.
 */
int lock_acquire(const char *path, double wait_seconds, long *holder);
void lock_release(int fd);

#endif
