/* sync_file_range */
#define _GNU_SOURCE
#include "fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

int ft_read_file(const char *path, size_t max, char **data, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct buf b = BUF_INIT(max);
	char chunk[65536];
	ssize_t r;
	int saved;

	if (fd < 0)
		return -1;
	for (;;) {
		r = read(fd, chunk, sizeof(chunk));
		if (r < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (r == 0)
			break;
		if (ft_buf_add(&b, chunk, (size_t)r) < 0)
			goto fail;
	}
	close(fd);
	*len = b.len;
	*data = ft_buf_detach(&b);
	return *data ? 0 : -1;
fail:
	saved = errno;
	close(fd);
	ft_buf_release(&b);
	errno = saved;
	return -1;
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

int ft_atomic_open(struct atomic_file *af, const char *target)
{
	const char *slash = strrchr(target, '/');
	int fd;

	memset(af, 0, sizeof(*af));
	af->target = strdup(target);
	if (slash)
		af->tmp = ft_xasprintf("%.*s/.%s.tmpXXXXXX", (int)(slash - target),
				    target, slash + 1);
	else
		af->tmp = ft_xasprintf(".%s.tmpXXXXXX", target);
	if (!af->target || !af->tmp)
		goto fail;
	fd = mkstemp(af->tmp);
	if (fd < 0)
		goto fail;
	/* mkstemp gives 0600; a feed is meant to be read by the web server,
	 * so give it what creat() would have: 0666 less the umask */
	{
		mode_t um = umask(022);
		umask(um);
		(void)fchmod(fd, 0666 & ~um);
	}
	af->fp = fdopen(fd, "w+");
	if (!af->fp) {
		close(fd);
		unlink(af->tmp);
		goto fail;
	}
	return 0;
fail:
	free(af->target);
	free(af->tmp);
	memset(af, 0, sizeof(*af));
	return -1;
}

void ft_atomic_abort(struct atomic_file *af)
{
	if (af->fp)
		fclose(af->fp);
	if (af->tmp)
		unlink(af->tmp);
	free(af->tmp);
	free(af->target);
	memset(af, 0, sizeof(*af));
}

int ft_same_content(FILE *a, const char *path)
{
	FILE *b = fopen(path, "rb");
	char x[65536], y[65536];
	size_t nx, ny;
	int same = 1;

	if (!b)
		return 0;
	rewind(a);
	do {
		nx = fread(x, 1, sizeof(x), a);
		ny = fread(y, 1, sizeof(y), b);
		if (nx != ny || memcmp(x, y, nx)) {
			same = 0;
			break;
		}
	} while (nx == sizeof(x));
	if (ferror(a) || ferror(b))
		same = 0;
	fclose(b);
	return same;
}

static void sync_dir(const char *target)
{
	const char *slash = strrchr(target, '/');
	char *dir = slash ? strndup(target, (size_t)(slash - target)) :
			    strdup(".");
	int fd;

	if (!dir)
		return;
	fd = open(*dir ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Start writing fd's dirty pages out (Linux's sync_file_range); advice
 * only: where it cannot be had, a later sync does the work.  0 or -1. */
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
	if (!af->fp || fflush(af->fp) != 0 || ferror(af->fp))
		return -1;
	(void)start_writeback(fileno(af->fp));
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

int ft_atomic_commit(struct atomic_file *af, int dry_run, int *changed)
{
	int saved;

	if (fflush(af->fp) != 0 || ferror(af->fp))
		goto fail;
	*changed = !ft_same_content(af->fp, af->target);
	if (dry_run || !*changed) {
		ft_atomic_abort(af);
		return 0;
	}
	if (fsync(fileno(af->fp)) < 0)
		goto fail;
	if (fclose(af->fp) != 0) {
		af->fp = NULL;
		goto fail;
	}
	af->fp = NULL;
	if (rename(af->tmp, af->target) < 0)
		goto fail;
	sync_dir(af->target);
	free(af->tmp);
	af->tmp = NULL;
	ft_atomic_abort(af);
	return 0;
fail:
	saved = errno;
	ft_atomic_abort(af);
	errno = saved;
	return -1;
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
	m->step = (size_t)8 << 20;
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
