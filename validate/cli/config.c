/*
 * config.c - the configuration file, as .shellcheckrc is for shellcheck
 * and .curlrc for curl: --config FILE, or the first .feedcheckrc found in
 * the current folder or one above it (none with --no-config).  Each line
 * is "key = value" or "key" alone, key a long option (ignore, only,
 * severity, strict, format, max-time, ...); the options come out as
 * "--key=value" for options.c to read with the command line's table, the
 * file's first, so that the command line has the last word.
 */
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ascii.h"
#include "buf.h"
#include "grow.h"
#include "setting.h"
#include "cli.h"

#define RC_NAME ".feedcheckrc"
#define RC_MAX_LINE 4096
#define RC_MAX_ARGS 4096

void cli_config_release(struct rcargs *rc)
{
	int i;

	for (i = 0; i < rc->argc; i++)
		free(rc->argv[i]);
	free(rc->argv);
	free(rc->line);
	free(rc->path);
	memset(rc, 0, sizeof(*rc));
}

static int rc_push(struct rcargs *rc, char *arg, long line)
{
	char **nv;
	long *nl;

	if (!arg || rc->argc >= RC_MAX_ARGS) {
		free(arg);
		return -1;
	}
	nv = ft_reallocarray(rc->argv, (size_t)rc->argc + 2, sizeof(*nv));
	if (!nv) {
		free(arg);
		return -1;
	}
	rc->argv = nv;
	nl = ft_reallocarray(rc->line, (size_t)rc->argc + 2, sizeof(*nl));
	if (!nl) {
		free(arg);
		return -1;
	}
	rc->line = nl;
	rc->argv[rc->argc] = arg;
	rc->line[rc->argc] = line;
	rc->argc++;
	rc->argv[rc->argc] = NULL;
	return 0;
}

/* the file named by --config, or none (--no-config); found: 1 */
static int from_argv(int argc, char **argv, const char **path, int *none)
{
	int i;

	*path = NULL;
	*none = 0;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--no-config"))
			*none = 1;
		else if (!strcmp(argv[i], "--config") && i + 1 < argc)
			*path = argv[++i];
		else if (!strncmp(argv[i], "--config=", 9))
			*path = argv[i] + 9;
	}
	return *path != NULL;
}

/*
 * Why the .feedcheckrc found at path (in folder dir) is not to be read,
 * into why, or NULL when it may be: a file that another user than the
 * caller and root owns, or may replace, could silence every rule or
 * turn fetching on for whoever runs feedcheck below it (as git ignores
 * a repository of another user, safe.directory).  --config FILE names a
 * file the caller chose and is read whatever it is.
 */
static const char *unsafe_rc(const char *path, const char *dir, char *why,
			     size_t n)
{
	struct stat f, d;
	uid_t me = geteuid();

	if (stat(path, &f) != 0 || stat(dir, &d) != 0)
		return NULL;       /* fopen() says what is wrong */
	if (f.st_uid != me && f.st_uid != 0)
		snprintf(why, n, "it belongs to another user (uid %lu), not to "
			 "you or root", (unsigned long)f.st_uid);
	else if (f.st_mode & (S_IWGRP | S_IWOTH))
		snprintf(why, n, "others may write it (mode %04o)",
			 (unsigned)(f.st_mode & 07777));
	else if (d.st_uid != me && d.st_uid != 0)
		snprintf(why, n, "its folder belongs to another user (uid %lu), "
			 "not to you or root", (unsigned long)d.st_uid);
	else if ((d.st_mode & (S_IWGRP | S_IWOTH)) && !(d.st_mode & S_ISVTX))
		snprintf(why, n, "others may write its folder (mode %04o), so "
			 "they may replace it", (unsigned)(d.st_mode & 07777));
	else
		return NULL;
	return why;
}

/* .feedcheckrc in the current folder or the nearest one above it */
static char *find_rc(void)
{
	char dir[PATH_MAX];
	size_t n;

	if (!getcwd(dir, sizeof(dir)))
		return NULL;
	for (;;) {
		char *p = ft_asprintf("%s%s%s", dir,
				      dir[strlen(dir) - 1] == '/' ? "" : "/", RC_NAME);
		if (!p)
			return NULL;
		if (access(p, F_OK) == 0) {
			char why[160];
			if (!unsafe_rc(p, dir, why, sizeof(why)))
				return p;
			cli_warning(p, "config-ignored", "not read: %s; name it "
				    "with --config to read it anyway", why);
			free(p);
			return NULL;
		}
		free(p);
		n = strlen(dir);
		if (n <= 1)
			return NULL;
		while (n > 1 && dir[n - 1] != '/')
			n--;
		dir[n > 1 ? n - 1 : 1] = '\0';
	}
}

/* the options whose value may be a list: "ignore = a, b c" */
static int is_list(const char *key)
{
	return !strcmp(key, "ignore") || !strcmp(key, "only") ||
	       !strcmp(key, "severity");
}

static int bad_line(const char *path, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* a usage error at a line of the file: 2 */
static int bad_line(const char *path, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ft_vmessage(stderr, path, line, 1, DIAG_ERROR, "usage", fmt, ap);
	va_end(ap);
	fputs("Try 'feedcheck --help' for more information.\n", stderr);
	return 2;
}

static int parse_line(struct rcargs *rc, char *s, long line,
		      int (*allows)(const char *key))
{
	char *key, *val;

	if (!ft_kv_split(s, &key, &val))
		return 0;
	if (!*key || strpbrk(key, " \t"))
		return bad_line(rc->path, line, "expected 'key = value', not '%s'", key);
	if (!allows(key))
		return bad_line(rc->path, line, "unknown key '%s' (a key is a long "
				"option of the command line; help, version, list-rules, "
				"explain, urls, shard, config, no-config, "
				"stdin-filename and allow-private cannot be set here)", key);
	if (!val || !strcmp(val, "true") || !strcmp(val, "yes") || !strcmp(val, "on"))
		return rc_push(rc, ft_asprintf("--%s", key), line) < 0 ? -1 : 0;
	if (!strcmp(val, "false") || !strcmp(val, "no") || !strcmp(val, "off"))
		return 0;
	if (!is_list(key))
		return rc_push(rc, ft_asprintf("--%s=%s", key, val), line) < 0 ? -1 : 0;
	for (;;) {
		size_t n;
		while (*val == ',' || IS_SPACE(*val))
			val++;
		if (!*val)
			return 0;
		n = strcspn(val, ", \t");
		if (rc_push(rc, ft_asprintf("--%s=%.*s", key, (int)n, val), line) < 0)
			return -1;
		val += n;
	}
}

int cli_config_read(int argc, char **argv, int (*allows)(const char *key),
		    struct rcargs *rc)
{
	const char *given;
	char line[RC_MAX_LINE + 2];
	int none, rc_code = 0;
	long lineno = 0;
	FILE *fp;

	memset(rc, 0, sizeof(*rc));
	from_argv(argc, argv, &given, &none);
	if (none)
		return 0;
	rc->path = given ? strdup(given) : find_rc();
	if (!rc->path)
		return 0;
	if (rc_push(rc, strdup("feedcheck"), 0) < 0)
		goto nomem;
	if (!(fp = fopen(rc->path, "r"))) {
		cli_usage_file = rc->path;
		cli_usage_line = 0;
		cli_usage_error("cannot read the configuration file: %s", strerror(errno));
		cli_usage_file = NULL;
		return 2;
	}
	while (fgets(line, sizeof(line), fp)) {
		size_t n = strlen(line);
		lineno++;
		if (n == sizeof(line) - 1 && line[n - 1] != '\n') {
			rc_code = bad_line(rc->path, lineno, "%s", "line too long");
			break;
		}
		if (lineno == 1 && !strncmp(line, "\xEF\xBB\xBF", 3))
			memmove(line, line + 3, n - 2);     /* a UTF-8 BOM */
		if ((rc_code = parse_line(rc, line, lineno, allows)) != 0)
			break;
	}
	if (!rc_code && ferror(fp)) {
		cli_usage_file = rc->path;
		cli_usage_line = 0;
		cli_usage_error("cannot read the configuration file: %s", strerror(errno));
		cli_usage_file = NULL;
		rc_code = 2;
	}
	fclose(fp);
	if (rc_code == -1)
		goto nomem;
	return rc_code;
nomem:
	cli_error("fetch-internal", "%s", "out of memory");
	return 2;
}
