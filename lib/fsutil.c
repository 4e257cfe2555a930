/* sync_file_range, memfd_create, O_TMPFILE: _GNU_SOURCE (the Makefile) */
#include "fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"

int ft_read_fd(int fd, size_t max, size_t size, char **data, size_t *len)
{
	/* room for one byte past max (to tell a file too large) and the NUL;
	 * at first for one byte past the size expected, or 64 KB */
	size_t limit = max < (size_t)-1 / 2 ? max + 2 : (size_t)-1 / 2;
	size_t cap = (size && size < limit - 1 ? size : 65535) + 2, n = 0;
	char *p;
	int saved;

	if (cap > limit)
		cap = limit;
	if (!(p = malloc(cap)))
		goto fail;
	for (;;) {
		ssize_t r;
		if (n + 1 >= cap) {
			char *q;
			if (n > max || cap >= limit) {
				errno = EFBIG;
				goto fail;
			}
			cap = cap > limit / 2 ? limit : cap * 2;
			if (!(q = realloc(p, cap)))
				goto fail;
			p = q;
		}
		r = read(fd, p + n, cap - 1 - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		n += (size_t)r;
		/* a regular file's short read is its end: the size known
		 * from the walk saves the read that would return 0 */
		if (r == 0 || (size && n < cap - 1))
			break;
	}
	if (n > max) {
		errno = EFBIG;
		goto fail;
	}
	p[n] = '\0';
	*len = n;
	*data = p;
	return 0;
fail:
	saved = errno;
	free(p);
	errno = saved;
	return -1;
}

int ft_read_file_at(int dirfd, const char *path, size_t max, size_t size,
		    char **data, size_t *len)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC), r, saved;

	if (fd < 0)
		return -1;
	r = ft_read_fd(fd, max, size, data, len);
	saved = errno;
	close(fd);
	errno = saved;
	return r;
}

int ft_read_file(const char *path, size_t max, char **data, size_t *len)
{
	return ft_read_file_at(AT_FDCWD, path, max, 0, data, len);
}

/* dir is root or lies under it (both absolute, without links) */
static int path_under(const char *dir, const char *root)
{
	size_t n = strlen(root);

	while (n > 1 && root[n - 1] == '/')
		n--;
	if (n == 1 && root[0] == '/')
		return 1;
	return !strncmp(dir, root, n) && (dir[n] == '\0' || dir[n] == '/');
}

int ft_open_inside(int dirfd, const char *path, const char *root_real)
{
#ifdef O_PATH
	char proc[64], *where = NULL;
	struct stat st;
	ssize_t n;
	size_t cap = 256;
	int fd, rfd = -1, e = 0;

	/* the links followed to a file that is only named, not opened: no
	 * device is opened, no FIFO waited on, before it is known to be a
	 * regular file below root */
	fd = openat(dirfd, path, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0) {
		e = errno;
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		e = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		goto done;
	}
	/* where the file opened is, as the kernel has it: what is checked is
	 * the file itself, not a name a link could be swapped under */
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	for (;;) {
		char *w = realloc(where, cap);
		if (!w) {
			e = ENOMEM;
			goto done;
		}
		where = w;
		n = readlink(proc, where, cap);
		if (n < 0) {
			e = ENOTSUP;        /* no /proc: where it leads is not known */
			goto done;
		}
		if ((size_t)n < cap)
			break;
		if (cap >= 65536) {
			e = ENAMETOOLONG;
			goto done;
		}
		cap *= 2;
	}
	where[n] = '\0';
	if (where[0] != '/' || !path_under(where, root_real)) {
		e = EXDEV;
		goto done;
	}
	/* the same file, opened for reading */
	rfd = open(proc, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (rfd < 0)
		e = errno;
done:
	free(where);
	close(fd);
	errno = e;
	return rfd;
#else
	(void)dirfd;
	(void)path;
	(void)root_real;
	errno = ENOTSUP;
	return -1;
#endif
}

int ft_mkdir_p(const char *dir, mode_t mode)
{
	char *p, *s = strdup(dir);
	struct stat st;
	int r = 0;

	if (!s)
		return -1;
	for (p = s + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(s, mode) < 0 && errno != EEXIST) {
				r = -1;
				break;
			}
			*p = c;
			if (!c)
				break;
		}
	}
	if (r == 0 && (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))) {
		if (errno == 0 || r == 0)
			errno = ENOTDIR;
		r = -1;
	}
	free(s);
	return r;
}

int ft_open_dir(int base, const char *rel, int create, mode_t mode)
{
	char *s = strdup(rel), *p, *next;
	int fd = base, nfd;

	if (!s)
		return -1;
	for (p = s; p && *p; p = next) {
		next = strchr(p, '/');
		if (next)
			*next++ = '\0';
		if (!*p || !strcmp(p, "."))
			continue;
		nfd = openat(fd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (nfd < 0 && errno == ENOENT && create) {
			if (mkdirat(fd, p, mode) < 0 && errno != EEXIST)
				goto fail;
			nfd = openat(fd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		}
		if (nfd < 0)
			goto fail;
		if (fd != base)
			close(fd);
		fd = nfd;
	}
	free(s);
	if (fd == base) {
		/* rel named base itself */
		fd = openat(base, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	}
	return fd;
fail:
	{
		int e = errno;
		if (fd != base)
			close(fd);
		free(s);
		errno = e;
	}
	return -1;
}

/* The new file's stream buffer. */
#define ATOMIC_BUF ((size_t)256 << 10)

static mode_t file_mode(void)
{
	/* a feed is meant to be read by the web server: what creat() would
	 * give, 0666 less the umask */
	mode_t um = umask(022);
	umask(um);
	return 0666 & ~um;
}

/* A hidden name beside name for a new file: ".NAME.tmpXXXXXX". */
static char *temp_name(const char *name)
{
	static const char chars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	unsigned long long x;
	struct timespec ts;
	char suffix[7];
	int i;

	clock_gettime(CLOCK_REALTIME, &ts);
	x = (unsigned long long)ts.tv_nsec ^ ((unsigned long long)getpid() << 20) ^
	    (unsigned long long)(uintptr_t)&ts ^ (unsigned long long)rand();
	for (i = 0; i < 6; i++) {
		suffix[i] = chars[x % 36];
		x /= 36;
	}
	suffix[6] = '\0';
	return ft_asprintf(".%s.tmp%s", name, suffix);
}

void ft_atomic_abort(struct atomic_file *af)
{
	if (af->fp)
		fclose(af->fp);
	else if (af->fd >= 0)
		close(af->fd);
	free(af->buf);
	if (af->tmp && af->dirfd >= 0)
		unlinkat(af->dirfd, af->tmp, 0);
	if (af->dirfd >= 0)
		close(af->dirfd);
	free(af->tmp);
	free(af->name);
	free(af->shown);
	memset(af, 0, sizeof(*af));
	af->fd = af->dirfd = -1;
}

int ft_atomic_open(struct atomic_file *af, int dirfd, const char *name,
		   const char *shown, int dry_run)
{
	int e, tries;

	memset(af, 0, sizeof(*af));
	af->fd = -1;
	af->dirfd = dirfd;
	af->memory = dry_run;
	af->name = strdup(name);
	af->shown = strdup(shown);
	if (!af->name || !af->shown)
		goto fail;
	if (dry_run) {
		/* nothing anywhere: the content lives in memory */
		af->fd = memfd_create("feedgen-dry-run", MFD_CLOEXEC);
	} else {
		af->fd = openat(dirfd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, file_mode());
		if (af->fd < 0 && errno != EOPNOTSUPP && errno != EISDIR &&
		    errno != EINVAL && errno != ENOENT)
			goto fail;
		if (af->fd >= 0)
			(void)fchmod(af->fd, file_mode());
		/* no O_TMPFILE here: a hidden name, removed by the commit
		 * or, after a crash, by the next run */
		for (tries = 0; af->fd < 0 && tries < 100; tries++) {
			free(af->tmp);
			if (!(af->tmp = temp_name(name)))
				goto fail;
			af->fd = openat(dirfd, af->tmp, O_CREAT | O_EXCL | O_RDWR |
					O_NOFOLLOW | O_CLOEXEC, file_mode());
			if (af->fd < 0 && errno != EEXIST)
				goto fail;
		}
	}
	if (af->fd < 0)
		goto fail;
	af->fp = fdopen(af->fd, "w+");
	if (!af->fp)
		goto fail;
	if ((af->buf = malloc(ATOMIC_BUF)))
		setvbuf(af->fp, af->buf, _IOFBF, ATOMIC_BUF);
	return 0;
fail:
	e = errno;
	ft_atomic_abort(af);
	errno = e;
	return -1;
}

int ft_atomic_park(struct atomic_file *af)
{
	int fd, e;

	if (!af->fp)
		return 0;
	if (fflush(af->fp) != 0 || ferror(af->fp))
		return -1;
	fd = dup(af->fd);
	if (fd < 0)
		return -1;
	e = fclose(af->fp);
	af->fp = NULL;
	free(af->buf);
	af->buf = NULL;
	af->fd = fd;
	return e == 0 ? 0 : -1;
}

int ft_same_content(int fd, int dirfd, const char *name)
{
	char x[65536], y[65536];
	off_t off = 0;
	ssize_t nx, ny;
	int b, same = 1;

	if (dirfd < 0)
		return 0;
	b = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (b < 0)
		return 0;
	for (;;) {
		nx = pread(fd, x, sizeof(x), off);
		ny = pread(b, y, sizeof(y), off);
		if (nx < 0 || ny < 0 || nx != ny || memcmp(x, y, (size_t)nx)) {
			same = 0;
			break;
		}
		if (nx == 0)
			break;
		off += nx;
	}
	close(b);
	return same;
}

int ft_atomic_commit(struct atomic_file *af, int dry_run, int *changed)
{
	char proc[64];
	int saved, tries;

	if (af->fp && (fflush(af->fp) != 0 || ferror(af->fp)))
		goto fail;
	*changed = !ft_same_content(af->fd, af->dirfd, af->name);
	if (dry_run || af->memory || !*changed) {
		ft_atomic_abort(af);
		return 0;
	}
	if (fsync(af->fd) < 0)
		goto fail;
	if (!af->tmp) {
		/* give the nameless file a hidden name, then the target's */
		snprintf(proc, sizeof(proc), "/proc/self/fd/%d", af->fd);
		for (tries = 0; tries < 100; tries++) {
			if (!(af->tmp = temp_name(af->name)))
				goto fail;
			if (linkat(AT_FDCWD, proc, af->dirfd, af->tmp, AT_SYMLINK_FOLLOW) == 0)
				break;
			free(af->tmp);
			af->tmp = NULL;
			if (errno != EEXIST)
				goto fail;
		}
		if (!af->tmp)
			goto fail;
	}
	if (renameat(af->dirfd, af->tmp, af->dirfd, af->name) < 0)
		goto fail;
	free(af->tmp);
	af->tmp = NULL;
	fsync(af->dirfd);
	ft_atomic_abort(af);
	return 0;
fail:
	saved = errno;
	ft_atomic_abort(af);
	errno = saved;
	return -1;
}

static int start_writeback(int fd)
{
#ifdef SYNC_FILE_RANGE_WRITE
	return sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
	(void)fd;
	return 0;
#endif
}

int ft_atomic_writeback(struct atomic_file *af)
{
	if (af->memory)
		return 0;
	if (af->fp && (fflush(af->fp) != 0 || ferror(af->fp)))
		return -1;
	(void)start_writeback(af->fd);
	return 0;
}

int ft_writeback_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), r;

	if (fd < 0)
		return -1;
	r = start_writeback(fd);
	close(fd);
	return r;
}

int ft_mapped_open(struct mapped_file *m, int fd, size_t len)
{
	void *p;

	memset(m, 0, sizeof(*m));
	p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		return -1;
	/* the passes read it front to back */
	posix_madvise(p, len, POSIX_MADV_SEQUENTIAL);
	m->base = p;
	m->len = len;
	/* 1 MiB: at most two resident behind the pass (a 120 MB feed costs
	 * about 120 madvise calls); 8 MiB kept up to 16 MiB of a big feed
	 * in memory, half of feedcheck's 32 MB */
	m->step = (size_t)1 << 20;
	return 0;
}

void ft_mapped_release_behind(void *arg, size_t offset)
{
	struct mapped_file *m = arg;
	unsigned char *base = (unsigned char *)m->base;
	size_t page = (size_t)sysconf(_SC_PAGESIZE), upto;

	/* at a new pass (the charset passes and the parse each start from
	 * the beginning), drop all the previous one kept */
	if (offset < m->last) {
		madvise(base, m->len, MADV_DONTNEED);
		m->released = 0;
	}
	m->last = offset;
	if (offset < m->released + 2 * m->step)
		return;
	upto = (offset - m->step) / page * page;        /* keep a margin */
	if (upto > m->released && upto <= m->len &&
	    madvise(base + m->released, upto - m->released, MADV_DONTNEED) == 0)
		m->released = upto;
}

void ft_mapped_close(struct mapped_file *m)
{
	if (m->base)
		munmap((void *)m->base, m->len);
	memset(m, 0, sizeof(*m));
}
