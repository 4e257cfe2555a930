/*
 * state_file.c - the state as a file: what a file found where the state
 * should be is (feedgen's, another program's database, or not a database
 * at all), read from SQLite's header alone, so that nothing but a
 * feedgen state is ever moved aside or written over; moving a damaged
 * state aside, moving a state to a new place, removing one.
 */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "state.h"
#include "state_int.h"

/* SQLite's file header (https://www.sqlite.org/fileformat.html, section
 * 1.3): the magic string, the user version at offset 60 and the
 * application id at offset 68, both big-endian. */
#define HEADER_SIZE 100
static const char magic[16] = "SQLite format 3";

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	       (unsigned long)p[2] << 8 | (unsigned long)p[3];
}

enum state_kind state_file_kind(const char *path, char *why, size_t whylen)
{
	unsigned char h[HEADER_SIZE];
	struct stat st;
	ssize_t n = 0, r;
	unsigned long app, version;
	int fd;

	*why = '\0';
	/* never through a link, never waiting on a FIFO */
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? STATE_KIND_NONE : STATE_KIND_UNKNOWN;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return STATE_KIND_UNKNOWN;
	}
	while (n < HEADER_SIZE && (r = read(fd, h + n, HEADER_SIZE - (size_t)n)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			close(fd);
			return STATE_KIND_UNKNOWN;
		}
		n += r;
	}
	close(fd);
	if (n == 0)
		return STATE_KIND_NONE;         /* empty: SQLite makes it new */
	if (n < HEADER_SIZE || memcmp(h, magic, sizeof(magic))) {
		snprintf(why, whylen, "not an SQLite database");
		return STATE_KIND_FOREIGN;
	}
	app = be32(h + 68);
	version = be32(h + 60);
	if (app == STATE_APPLICATION_ID)
		return STATE_KIND_OURS;
	if (app != 0) {
		snprintf(why, whylen, "the SQLite database of another program (application id %#lx)",
			 app);
		return STATE_KIND_FOREIGN;
	}
	/* before feedgen set its application id: its schema versions */
	if (version >= 1 && version <= STATE_SCHEMA_VERSION)
		return STATE_KIND_OLD;
	snprintf(why, whylen, "an SQLite database that is not a feedgen state (schema version %lu)",
		 version);
	return STATE_KIND_FOREIGN;
}

int state_is_foreign(const char *path, char *why, size_t whylen)
{
	return state_file_kind(path, why, whylen) == STATE_KIND_FOREIGN;
}

/* Move a damaged database aside, with its journal. */
int state_move_aside(const char *path)
{
	char *aside, *j;
	int r = -1;

	if (!strcmp(path, ":memory:"))
		return 0;
	aside = ft_asprintf("%s.corrupt", path);
	j = ft_asprintf("%s-journal", path);
	if (aside && j) {
		r = rename(path, aside);
		if (r == 0)
			unlink(j);
	} else {
		errno = ENOMEM;
	}
	free(aside);
	free(j);
	return r;
}

int state_move(const char *from, const char *to, char *err, size_t errlen)
{
	sqlite3 *src = NULL, *dst = NULL;
	sqlite3_backup *b;
	int rc = -1;

	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_open_v2(to, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			    NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(src && !dst ? src : dst));
		goto done;
	}
	sqlite3_busy_timeout(src, 5000);
	if (!(b = sqlite3_backup_init(dst, "main", src, "main"))) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(dst));
		goto done;
	}
	sqlite3_backup_step(b, -1);
	if (sqlite3_backup_finish(b) != SQLITE_OK) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(dst));
		goto done;
	}
	rc = 0;
done:
	sqlite3_close(src);
	sqlite3_close(dst);
	if (rc == 0)
		state_remove(from);
	else
		state_remove(to);       /* a half copy is no state */
	return rc;
}

void state_remove(const char *path)
{
	char *j = ft_asprintf("%s-journal", path);

	if (strcmp(path, ":memory:")) {
		unlink(path);
		if (j)
			unlink(j);
	}
	free(j);
}
