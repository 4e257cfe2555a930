/*
 * sources.c - the sources feedcheck checks: the list of them (the command
 * line and --urls FILE), --shard arithmetic, and the bytes of a file or of
 * standard input (mapped when they are a regular file, else read, spooled
 * to an unlinked temporary file and mapped when they are big).  Nothing
 * here prints: problems come back as a status and a message.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ascii.h"
#include "buf.h"
#include "cli.h"
#include "fsutil.h"
#include "report.h"

#define SPOOL_AT ((size_t)16 << 20)    /* standard input past it is spooled */
#define MAX_URL_LINE 8192              /* --urls: longest line */
#define MAX_URLS ((size_t)1 << 20)     /* --urls: most URLs */

/*
 * An unlinked temporary file in $TMPDIR (or /tmp) for standard input past
 * SPOOL_AT bytes; -1 when none can be made.
 */
static int spool_open(void)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
	path = ft_xasprintf("%s/feedcheck.XXXXXX", dir);
	if (!path)
		return -1;
	fd = mkstemp(path);
	if (fd >= 0)
		unlink(path);
	free(path);
	return fd;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/*
 * Read all of fd (a pipe, a terminal) into *out, to a ceiling of
 * MAX_SOURCE.  Past SPOOL_AT bytes the rest goes to an unlinked temporary
 * file instead, so that a big document is mapped and released as it is
 * checked (ft_mapped_release_behind) rather than held on the heap: then *spool is
 * that file's descriptor and *spooled its size, and out is empty.
 * 0, or errno (EFBIG past MAX_SOURCE).
 */
static int read_all(int fd, struct buf *out, int *spool, size_t *spooled)
{
	char tmp[65536];
	ssize_t n;
	int e;

	*spool = -1;
	*spooled = 0;
	for (;;) {
		n = read(fd, tmp, sizeof(tmp));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (n == 0)
			return 0;
		if (*spool < 0 && out->len + (size_t)n > SPOOL_AT &&
		    (*spool = spool_open()) >= 0) {
			if ((e = write_all(*spool, out->data, out->len)) != 0)
				return e;
			*spooled = out->len;
			ft_buf_release(out);
			ft_buf_init(out, MAX_SOURCE);
		}
		if (*spool >= 0) {
			if (*spooled + (size_t)n > MAX_SOURCE)
				return EFBIG;
			if ((e = write_all(*spool, tmp, (size_t)n)) != 0)
				return e;
			*spooled += (size_t)n;
		} else if (ft_buf_add(out, tmp, (size_t)n) < 0) {
			return errno ? errno : EFBIG;
		}
	}
}

void src_read(struct fc_source *s, struct buf *b, char **err,
	      struct mapped_file *map)
{
	int fd, e, spool = -1;
	struct stat st;
	size_t spooled = 0;

	*err = NULL;
	memset(map, 0, sizeof(*map));
	if (!strcmp(s->name, "-")) {
		fd = STDIN_FILENO;
	} else {
		fd = open(s->name, O_RDONLY);
		if (fd < 0) {
			*err = ft_xasprintf("cannot open '%s': %s", s->name,
					 strerror(errno));
			s->read_failed = 1;
			return;
		}
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (fd != STDIN_FILENO || lseek(fd, 0, SEEK_CUR) == 0)) {
		if ((unsigned long long)st.st_size > MAX_SOURCE) {
			/* refuse at once rather than read a gigabyte first */
			*err = ft_xasprintf("'%s' is larger than %zu bytes; not checked",
					 s->name, MAX_SOURCE);
			s->read_failed = 1;
			if (fd != STDIN_FILENO)
				close(fd);
			return;
		}
		if (st.st_size > 0 && ft_mapped_open(map, fd, (size_t)st.st_size) == 0) {
			if (fd != STDIN_FILENO)
				close(fd);
			return;
		}
	}
	e = read_all(fd, b, &spool, &spooled);
	if (fd != STDIN_FILENO)
		close(fd);
	if (!e && spool >= 0) {
		/* the file goes when it is unmapped */
		if (ft_mapped_open(map, spool, spooled) < 0)
			e = errno;
	}
	if (spool >= 0)
		close(spool);
	if (e) {
		*err = ft_xasprintf("cannot read '%s': %s", s->name,
				 e == EFBIG ? "larger than 1 GiB" : strerror(e));
		s->read_failed = 1;
	}
}

int src_add(struct srclist *l, char *name, int own)
{
	if (l->n == l->alloc) {
		size_t na = l->alloc ? l->alloc * 2 : 64;
		char **nv = realloc(l->v, na * sizeof(*nv));
		unsigned char *no;
		if (!nv)
			return -1;
		l->v = nv;
		no = realloc(l->own, na);
		if (!no)
			return -1;
		l->own = no;
		l->alloc = na;
	}
	l->v[l->n] = name;
	l->own[l->n] = (unsigned char)own;
	l->n++;
	return 0;
}

void src_release(struct srclist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->own[i])
			free(l->v[i]);
	free(l->v);
	free(l->own);
	memset(l, 0, sizeof(*l));
}

int src_read_urls(const char *path, struct srclist *l, char **err)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char line[MAX_URL_LINE + 2];
	unsigned long lineno = 0;
	int rc = 0;

	*err = NULL;
	if (!fp) {
		*err = ft_xasprintf("cannot open '%s': %s", path,
				    strerror(errno));
		return 3;
	}
	while (fgets(line, sizeof(line), fp)) {
		size_t n = strlen(line);
		char *p = line, *dup;

		lineno++;
		if (n == sizeof(line) - 1 && line[n - 1] != '\n') {
			*err = ft_xasprintf("%s:%lu: line longer than %d bytes",
					    path, lineno, MAX_URL_LINE);
			rc = 2;
			break;
		}
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' ||
			     line[n - 1] == ' ' || line[n - 1] == '\t'))
			line[--n] = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#')
			continue;
		if (l->n >= MAX_URLS) {
			*err = ft_xasprintf("%s: more than %zu URLs", path,
					    MAX_URLS);
			rc = 2;
			break;
		}
		if (!(dup = strdup(p)) || src_add(l, dup, 1) < 0) {
			free(dup);
			rc = 3;     /* *err NULL: out of memory */
			break;
		}
	}
	if (!rc && ferror(fp)) {
		*err = ft_xasprintf("cannot read '%s': %s", path,
				    strerror(errno));
		rc = 3;
	}
	if (fp != stdin)
		fclose(fp);
	return rc;
}

int src_is_url(const char *s)
{
	return strstr(s, "://") != NULL;
}

static int parse_ulong(const char *s, const char **end, unsigned long *v)
{
	unsigned long x = 0;
	const char *p = s;

	for (; IS_DIGIT(*p); p++) {
		if (x > 100000000UL)
			return -1;
		x = x * 10 + (unsigned long)(*p - '0');
	}
	if (p == s)
		return -1;
	*end = p;
	*v = x;
	return 0;
}

int src_parse_shard(const char *s, unsigned long *i, unsigned long *n)
{
	const char *p;

	if (!s || parse_ulong(s, &p, i) < 0 || *p != '/' ||
	    parse_ulong(p + 1, &p, n) < 0 || *p)
		return -1;
	return *i >= 1 && *i <= *n ? 0 : -1;
}

int src_in_shard(size_t k, unsigned long i, unsigned long n)
{
	return n == 0 || (k % n) + 1 == i;
}

