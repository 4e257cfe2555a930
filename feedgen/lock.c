/*
 * lock.c - one run at a time per state (lock.h).
 */
#include "lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long read_pid(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

int lock_acquire(const char *path, double wait_seconds, int shared, long *holder)
{
	/* never through a link, never a FIFO or a device: a planted one is
	 * refused, not followed or opened */
	/* a shared lock (a dry run) makes no file: without one, no run has
	 * written the state yet */
	int fd = open(path, (shared ? O_RDONLY : O_RDWR | O_CREAT) | O_NOFOLLOW |
		      O_NONBLOCK | O_CLOEXEC, 0600);
	double deadline = now_s() + wait_seconds;
	struct stat st;
	char pid[32];
	int n;

	*holder = 0;
	if (fd < 0)
		return shared && errno == ENOENT ? -3 : -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	while (flock(fd, (shared ? LOCK_SH : LOCK_EX) | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		if (now_s() >= deadline) {
			*holder = read_pid(fd);
			close(fd);
			return -2;
		}
		{
			struct timespec ts = { 0, 50 * 1000 * 1000 };
			nanosleep(&ts, NULL);
		}
	}
	if (!shared) {
		n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
		if (ftruncate(fd, 0) < 0 || pwrite(fd, pid, (size_t)n, 0) != n) {
			/* the pid is only for the message; the lock is what counts */
		}
	}
	return fd;
}

void lock_release(int fd, int shared)
{
	if (fd >= 0) {
		if (!shared && ftruncate(fd, 0) < 0) {
			/* nothing to do: closing drops the lock anyway */
		}
		close(fd);
	}
}
