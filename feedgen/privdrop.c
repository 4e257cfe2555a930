/*
 * privdrop.c - feedgen run by hand as root on a service's state: it goes on
 * as the user who owns the state's folder (the packaged service's
 * feedgen), so that the state, its lock, the output folder and the feeds
 * it makes stay that user's and the service keeps working (feedgen(1),
 * STATE).  A root-owned state folder, or none, leaves root as it is.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run.h"

/* The folder the state will be in, before OUTDIR exists: --state's, else
 * the service's ($STATE_DIRECTORY, /var/lib/feedgen), as config_state
 * chooses it; NULL when neither (malloc'd). */
static char *state_folder(const struct run *r)
{
	const char *v = opt_get(&r->opt, OPT_STATE), *env;
	struct stat st;

	if (v && *v) {
		const char *slash = strrchr(v, '/');
		return slash == v ? strdup("/") : slash ? strndup(v, (size_t)(slash - v)) :
		       strdup(".");
	}
	if ((env = getenv("STATE_DIRECTORY")) && *env == '/') {
		/* systemd may name several, separated by ':' */
		return strndup(env, strcspn(env, ":"));
	}
	if (stat("/var/lib/feedgen", &st) == 0 && S_ISDIR(st.st_mode))
		return strdup("/var/lib/feedgen");
	return NULL;
}

int privdrop(struct run *r)
{
	struct passwd *pw;
	struct stat st;
	char *dir;
	char who[160];
	uid_t uid;
	gid_t gid;
	int e;

	if (geteuid() != 0 || !(dir = state_folder(r)))
		return EXIT_OK;
	e = stat(dir, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid == 0;
	if (e) {
		free(dir);
		return EXIT_OK;
	}
	uid = st.st_uid;
	pw = getpwuid(uid);
	gid = pw ? pw->pw_gid : st.st_gid;
	if (pw)
		snprintf(who, sizeof(who), "user '%s'", pw->pw_name);
	else
		snprintf(who, sizeof(who), "uid %lu", (unsigned long)uid);
	if ((pw ? initgroups(pw->pw_name, gid) : setgroups(0, NULL)) < 0 ||
	    setgid(gid) < 0 || setuid(uid) < 0 || setuid(0) == 0) {
		e = errno;
		ft_message(stderr, dir, 0, 0, DIAG_ERROR, "privileges-not-dropped",
			   "run as root on a state folder that belongs to %s; cannot become that user: %s; nothing done (run feedgen as that user)",
			   who, e ? strerror(e) : "still root");
		free(dir);
		return EXIT_IO;
	}
	if (!r->quiet)
		ft_message(stderr, dir, 0, 0, DIAG_INFO, "privileges-dropped",
			   "run as root on a state folder that belongs to %s; feedgen goes on as that user, so that what it makes stays the service's",
			   who);
	free(dir);
	return EXIT_OK;
}
