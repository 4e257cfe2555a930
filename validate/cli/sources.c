/*
 * sources.c - the sources feedcheck checks: the list of them (the command
 * line and --urls FILE), --shard arithmetic, and the bytes of a file or of
 * standard input (mapped when they are a regular file, else read, spooled
 * to an unlinked temporary file and mapped when they are big).  Nothing
 * here prints: problems come back as a status and a message.
 */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ascii.h"
#include "buf.h"
#include "cli.h"
#include "fsutil.h"
#include "grow.h"
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
	path = ft_asprintf("%s/feedcheck.XXXXXX", dir);
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

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* When a read may go on (a pipe, a FIFO, a device; not a terminal). */
struct deadline {
	long long end_ms, stall_ms, last_ms;   /* 0: no bound */
	int timed_out;              /* 1 --max-time, 2 --stall-timeout */
};

/*
 * Wait until fd can be read without blocking, within d: 0, or ETIMEDOUT
 * (d->timed_out says which bound).  A FIFO with no writer yet waits here
 * (poll reports nothing until a writer came and went), not in open().
 */
static int wait_readable(int fd, struct deadline *d)
{
	struct pollfd pf;

	if (!d->end_ms)
		return 0;
	for (;;) {
		long long now = mono_ms(), left = d->end_ms - now;
		long long stall = d->last_ms + d->stall_ms - now;
		int r;
		if (left <= 0 || stall <= 0) {
			d->timed_out = left <= 0 ? 1 : 2;
			return ETIMEDOUT;
		}
		pf.fd = fd;
		pf.events = POLLIN;
		pf.revents = 0;
		r = poll(&pf, 1, (int)(left < stall ? left : stall));
		if (r > 0)
			return 0;
		if (r < 0 && errno != EINTR)
			return errno;
	}
}

/*
 * Read all of fd (a pipe, a terminal) into *out, to a ceiling of
 * MAX_SOURCE.  Past SPOOL_AT bytes the rest goes to an unlinked temporary
 * file instead, so that a big document is mapped and released as it is
 * checked (ft_mapped_release_behind) rather than held on the heap: then *spool is
 * that file's descriptor and *spooled its size, and out is empty.
 * 0, or errno (EFBIG past MAX_SOURCE, ETIMEDOUT past a bound of d).
 */
static int read_all(int fd, struct buf *out, int *spool, size_t *spooled,
		    struct deadline *d)
{
	char tmp[65536];
	ssize_t n;
	int e;

	*spool = -1;
	*spooled = 0;
	for (;;) {
		if ((e = wait_readable(fd, d)) != 0)
			return e;
		n = read(fd, tmp, sizeof(tmp));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (n == 0)
			return 0;
		d->last_ms = mono_ms();
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

static const char *fail(struct source *s, char **err, const char *rule,
			char *msg)
{
	*err = msg;
	s->read_failed = 1;
	return rule;
}

const char *src_read(struct source *s, const struct src_bounds *bd,
		     struct buf *b, char **err, struct mapped_file *map)
{
	int fd, e, spool = -1;
	struct stat st;
	size_t spooled = 0;
	const char *name = s->path;
	const char *open_rule = bd && bd->rule_open ? bd->rule_open : "io-error";
	struct deadline d;

	*err = NULL;
	memset(map, 0, sizeof(*map));
	memset(&d, 0, sizeof(d));
	if (!strcmp(name, "-")) {
		fd = STDIN_FILENO;
	} else {
		/* O_NONBLOCK: a FIFO is opened without waiting for a writer;
		 * O_NOFOLLOW: a file of a folder's walk that became a link
		 * since is not followed either */
		fd = open(name, O_RDONLY | O_NONBLOCK | O_NOCTTY |
			  (s->nofollow ? O_NOFOLLOW : 0));
		if (fd < 0 && errno == ELOOP && s->nofollow)
			return fail(s, err, open_rule, ft_asprintf("'%s' became a "
					"symbolic link after its folder was read: not "
					"followed", name));
		if (fd < 0)
			return fail(s, err, open_rule, ft_asprintf("cannot open '%s': %s",
					name, strerror(errno)));
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (fd != STDIN_FILENO)
			close(fd);
		return fail(s, err, "io-not-a-file", ft_asprintf("'%s' is a folder, "
				"not a feed file", name));
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (fd != STDIN_FILENO || lseek(fd, 0, SEEK_CUR) == 0)) {
		if ((unsigned long long)st.st_size > MAX_SOURCE) {
			/* refuse at once rather than read a gigabyte first */
			if (fd != STDIN_FILENO)
				close(fd);
			return fail(s, err, "io-too-large", ft_asprintf("'%s' is larger "
					"than %zu bytes (1 GiB); not checked", name,
					MAX_SOURCE));
		}
		if (st.st_size > 0 && ft_mapped_open(map, fd, (size_t)st.st_size) == 0) {
			if (fd != STDIN_FILENO)
				close(fd);
			return NULL;
		}
	} else if (bd && !isatty(fd)) {
		/* a pipe, a FIFO, a device: bounded as a URL is */
		d.end_ms = mono_ms() + bd->max_time_s * 1000;
		d.stall_ms = bd->stall_s * 1000;
		d.last_ms = mono_ms();
	}
	e = read_all(fd, b, &spool, &spooled, &d);
	if (fd != STDIN_FILENO)
		close(fd);
	if (!e && spool >= 0) {
		/* the file goes when it is unmapped */
		if (ft_mapped_open(map, spool, spooled) < 0)
			e = errno;
	}
	if (spool >= 0)
		close(spool);
	if (e == ETIMEDOUT && d.timed_out == 1)
		return fail(s, err, "io-timeout", ft_asprintf("'%s' took longer than "
				"%ld s (--max-time)", name, bd->max_time_s));
	if (e == ETIMEDOUT)
		return fail(s, err, "io-timeout", ft_asprintf("'%s' gave no data for "
				"%ld s (--stall-timeout)", name, bd->stall_s));
	if (e == EFBIG)
		return fail(s, err, "io-too-large", ft_asprintf("'%s' is larger than "
				"%zu bytes (1 GiB); not checked", name, MAX_SOURCE));
	if (e == EISDIR)
		return fail(s, err, "io-not-a-file", ft_asprintf("'%s' is a folder, "
				"not a feed file", name));
	if (e)
		return fail(s, err, open_rule, ft_asprintf("cannot read '%s': %s",
				name, strerror(e)));
	return NULL;
}

int src_add(struct srclist *l, char *name, int own)
{
	if (l->n == l->alloc) {
		/* five arrays of one room: each grows to it, then the room */
		size_t na = ft_grow_room(l->alloc, l->n + 1);
		char **nv = ft_reallocarray(l->v, na, sizeof(*nv));
		unsigned char *no;
		const char **nr;
		if (!nv)
			return -1;
		l->v = nv;
		if (!(no = ft_reallocarray(l->own, na, 1)))
			return -1;
		l->own = no;
		if (!(nv = ft_reallocarray(l->err, na, sizeof(*nv))))
			return -1;
		l->err = nv;
		if (!(nr = ft_reallocarray(l->err_rule, na, sizeof(*nr))))
			return -1;
		l->err_rule = nr;
		if (!(no = ft_reallocarray(l->flags, na, 1)))
			return -1;
		l->flags = no;
		l->alloc = na;
	}
	l->v[l->n] = name;
	l->own[l->n] = (unsigned char)own;
	l->flags[l->n] = 0;
	l->err[l->n] = NULL;
	l->err_rule[l->n] = NULL;
	l->n++;
	return 0;
}

int src_add_error(struct srclist *l, const char *name, const char *rule,
		  char *msg)
{
	char *dup = strdup(name);

	if (!dup || !msg || src_add(l, dup, 1) < 0) {
		free(dup);
		free(msg);
		return -1;
	}
	l->err[l->n - 1] = msg;
	l->err_rule[l->n - 1] = rule;
	return 0;
}

int src_is_dir(const char *path)
{
	struct stat st;

	return strcmp(path, "-") && !src_is_url(path) && stat(path, &st) == 0 &&
	       S_ISDIR(st.st_mode);
}

/* *.xml, *.rss, *.atom, *.json, in any case */
static int feed_name(const char *n)
{
	static const char *const ext[] = { ".xml", ".rss", ".atom", ".json" };
	size_t len = strlen(n), i, k;

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		size_t el = strlen(ext[i]);
		if (len <= el)
			continue;
		for (k = 0; k < el && TO_LOWER(n[len - el + k]) == ext[i][k]; k++)
			;
		if (k == el)
			return 1;
	}
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

#define WALK_DEPTH 64

/* the entries of dir, sorted; -1 when out of memory, 0 when unreadable */
/* the folder dir opened; below the folder named (depth > 0) a folder
 * that became a symbolic link since it was seen is not followed */
static DIR *open_dir(const char *dir, int depth)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC |
		      (depth ? O_NOFOLLOW : 0));
	DIR *dp = fd >= 0 ? fdopendir(fd) : NULL;

	if (!dp && fd >= 0)
		close(fd);
	return dp;
}

/* found[0]: the feed files appended, found[1]: the links skipped */
static int walk(struct srclist *l, const char *dir, int depth, size_t *found)
{
	DIR *dp;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, alloc = 0, i;
	int rc = 0;

	if (depth > WALK_DEPTH || !(dp = open_dir(dir, depth))) {
		if (depth <= WALK_DEPTH)
			return src_add_error(l, dir, "io-error", ft_asprintf(
				"cannot read the folder '%s': %s", dir, strerror(errno)));
		return 0;
	}
	while ((de = readdir(dp))) {
		char *p;
		if (de->d_name[0] == '.')
			continue;      /* ., .., and hidden entries (.git) */
		if (n == alloc) {
			char **nv = ft_grow(names, &alloc, n + 1, sizeof(*nv));
			if (!nv) {
				rc = -1;
				break;
			}
			names = nv;
		}
		p = ft_asprintf("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
				de->d_name);
		if (!p) {
			rc = -1;
			break;
		}
		names[n++] = p;
	}
	closedir(dp);
	if (n)
		qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		struct stat st;
		if (rc < 0 || lstat(names[i], &st) != 0) {
			free(names[i]);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			rc = walk(l, names[i], depth + 1, found);
			free(names[i]);
		} else if (S_ISLNK(st.st_mode)) {
			/* not followed (grep -r): where it leads is not the
			 * folder's, and may be any file of the machine */
			struct stat to;
			int todir = stat(names[i], &to) == 0 && S_ISDIR(to.st_mode);
			if (todir || feed_name(names[i])) {
				if (l->n >= MAX_URLS || src_add_error(l, names[i],
					"io-link-skipped", ft_asprintf("'%s' is a "
					"symbolic link%s below a folder: not followed "
					"(name it to check it)", names[i],
					todir ? " to a folder" : "")) < 0)
					rc = -1;
				else {
					l->flags[l->n - 1] |= SRC_NOTE;
					found[1]++;
				}
			}
			free(names[i]);
		} else if (feed_name(names[i]) && S_ISREG(st.st_mode)) {
			if (l->n >= MAX_URLS || src_add(l, names[i], 1) < 0) {
				free(names[i]);
				rc = -1;
			} else {
				l->flags[l->n - 1] |= SRC_NOFOLLOW;
				found[0]++;
			}
		} else {
			free(names[i]);
		}
	}
	free(names);
	return rc;
}

int src_add_dir(struct srclist *l, const char *dir)
{
	size_t found[2] = { 0, 0 };

	if (walk(l, dir, 0, found) < 0)
		return -1;
	if (!found[0] && found[1])
		return src_add_error(l, dir, "io-empty-folder", ft_asprintf(
			"no feed file (*.xml, *.rss, *.atom, *.json) below '%s' but "
			"%zu symbolic link%s, not followed", dir, found[1],
			found[1] == 1 ? "" : "s"));
	if (!found[0])
		return src_add_error(l, dir, "io-empty-folder", ft_asprintf(
			"no feed file (*.xml, *.rss, *.atom, *.json) below '%s'", dir));
	return 0;
}

void src_release(struct srclist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (l->own[i])
			free(l->v[i]);
		free(l->err[i]);
	}
	free(l->v);
	free(l->own);
	free(l->err);
	free(l->err_rule);
	free(l->flags);
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
		*err = ft_asprintf("cannot open '%s': %s", path,
				   strerror(errno));
		return 3;
	}
	while (fgets(line, sizeof(line), fp)) {
		size_t n = strlen(line);
		char *p = line, *dup;

		lineno++;
		if (n == sizeof(line) - 1 && line[n - 1] != '\n') {
			*err = ft_asprintf("%s:%lu: line longer than %d bytes",
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
			*err = ft_asprintf("%s: more than %zu URLs", path,
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
		*err = ft_asprintf("cannot read '%s': %s", path,
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

int src_is_file_url(const char *s)
{
	return !strncasecmp(s, "file://", 7);
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

