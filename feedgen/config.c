/*
 * config.c - the run's settings: the config file (feed.conf) and every
 * option, checked into struct run; a bad value is a usage error that says
 * which option and why.  Also how the diagnostics of a run are shown
 * (--quiet) and how many threads it may use.
 */
/* sched_getaffinity: _GNU_SOURCE, given by the Makefile (FEATURES_) */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "ascii.h"
#include "buf.h"
#include "decode.h"
#include "diag.h"
#include "fnv.h"
#include "fsutil.h"
#include "ident.h"
#include "options.h"
#include "run.h"
#include "setting.h"
#include "state.h"

void config_show(const struct run *r, struct diag_list *dl)
{
	ft_diag_list_print(stderr, dl, r->quiet ? DIAG_ERROR : DIAG_WARNING);
	if (dl->dropped)
		ft_message(stderr, "feedgen", 0, 0, DIAG_INFO, "diagnostic-limit",
			   "%zu more diagnostics not shown", dl->dropped);
}

int config_usage_error(struct diag_list *dl)
{
	if (!ft_diag_stored(dl, DIAG_ERROR)) {
		/* an error that memory could not hold, or none made */
		ft_diag_list_print(stderr, dl, DIAG_INFO);
		ft_message(stderr, "feedgen", 0, 0, DIAG_ERROR, "out-of-memory",
			   "cannot read the options and the config: out of memory");
		return EXIT_IO;
	}
	ft_diag_list_print(stderr, dl, DIAG_INFO);
	ft_printf_escaped(stderr, "try 'feedgen --help' for more information\n");
	return EXIT_USAGE;
}

static int bad_value(struct diag_list *dl, const char *opt, const char *val,
		     const char *why)
{
	options_invalid(dl, opt, val, why);
	return config_usage_error(dl);
}

/* dir lies under base, or is it (both absolute) */
static int lies_under(const char *dir, const char *base);
static char *absolute(const char *path);

/* Does the config file path lie in one of the collections (by its name,
 * or where its links lead)?  Then another program writes it. */
static int in_collection(const struct run *r, const char *path)
{
	char *named = absolute(path), *real = realpath(path, NULL), *root;
	int k, in = 0;

	for (k = 0; k < r->opt.nargs && !in; k++) {
		if (!(root = realpath(r->opt.args[k], NULL)) &&
		    !(root = absolute(r->opt.args[k])))
			continue;
		in = (named && lies_under(named, root)) || (real && lies_under(real, root));
		free(root);
	}
	free(named);
	free(real);
	return in;
}

/*
 * The first collection's feed.conf, when there is one: the collection's
 * own (untrusted: it may not say where feedgen writes), read as a page is
 * (a link is followed only to a file inside the collection).  As
 * options_load_config(); 0 when there is none.
 */
static int load_collection_config(struct run *r, struct diag_list *dl)
{
	const char *root = r->opt.args[0];
	char *conf = ft_asprintf("%s/feed.conf", root), *real = realpath(root, NULL);
	int dfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC), fd = -1, rc = 0, e;

	if (!conf) {
		free(real);
		if (dfd >= 0)
			close(dfd);
		return -1;
	}
	if (dfd >= 0) {
		fd = openat(dfd, "feed.conf", O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0 && errno == ELOOP)
			fd = real ? ft_open_inside(dfd, "feed.conf", real) : (errno = ENOTSUP, -1);
	}
	e = errno;
	if (fd >= 0) {
		rc = options_load_config(&r->opt, conf, fd, 1, dl);
		close(fd);
	} else if (dfd >= 0 && e != ENOENT) {
		ft_diag_add(dl, DIAG_ERROR, "config-unreadable", conf, 0, 0,
			    "cannot read config: %s", e == EXDEV ?
			    "a symbolic link to a file outside the collection; not followed" :
			    e == ENOTSUP ? "a symbolic link, and where it leads cannot be checked (no /proc); not followed" :
			    e == EINVAL || e == EISDIR ? "not a regular file (a FIFO, a device or a folder)" :
			    strerror(e));
		rc = -2;
	}
	if (dfd >= 0)
		close(dfd);
	free(conf);
	free(real);
	return rc;
}

/* A whole number from lo to hi, as the option's value: 0, or -1. */
static int whole(const char *v, long lo, long hi, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(v, &end, 10);
	return IS_DIGIT(*v) && !*end && !errno && *out >= lo && *out <= hi ? 0 : -1;
}

/* The paper's clock (feedgen(5)): when editions go out, the embargo, how
 * long a page settles, the ready marker, the corrections feed. */
static int clock_settings(struct run *r, struct diag_list *dl)
{
	const char *v = opt_get(&r->opt, OPT_PUBLISH_TIME);
	long x;

	if (strlen(v) != 5 || !IS_DIGIT(v[0]) || !IS_DIGIT(v[1]) || v[2] != ':' ||
	    !IS_DIGIT(v[3]) || !IS_DIGIT(v[4]) ||
	    (v[0] - '0') * 10 + v[1] - '0' > 23 || (v[3] - '0') * 10 + v[4] - '0' > 59)
		return bad_value(dl, "publish-time", v, "expected HH:MM, 00:00 to 23:59");
	r->publish_s = ((v[0] - '0') * 10 + v[1] - '0') * 3600 +
		       ((v[3] - '0') * 10 + v[4] - '0') * 60;
	v = opt_get(&r->opt, OPT_EMBARGO);
	if (!strcmp(v, "on") || !strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "1"))
		r->embargo = 1;
	else if (!strcmp(v, "off") || !strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "0"))
		r->embargo = 0;
	else
		return bad_value(dl, "embargo", v, "expected on or off");
	v = opt_get(&r->opt, OPT_SETTLE);
	if (whole(v, 0, 86400, &x) < 0)
		return bad_value(dl, "settle", v, "expected seconds, 0 to 86400");
	r->settle = x;
	v = opt_get(&r->opt, OPT_CORRECTIONS_DAYS);
	if (whole(v, 0, 3660, &x) < 0)
		return bad_value(dl, "corrections-days", v, "expected days, 0 to 3660");
	r->corrections_days = x;
	r->ready_marker = opt_get(&r->opt, OPT_READY_MARKER);
	if (r->ready_marker && *r->ready_marker) {
		/* a file of the edition folder itself: one name, never a path
		 * that could lead out of it */
		v = r->ready_marker;
		if (strchr(v, '/') || !strcmp(v, ".") || !strcmp(v, "..") || strlen(v) > 255)
			return bad_value(dl, "ready-marker", v,
					 "expected a file name (no '/', not '.' or '..')");
	} else {
		r->ready_marker = NULL;
	}
	return EXIT_OK;
}

int config_apply(struct run *r, struct diag_list *dl)
{
	const char *v, *why;
	char *end;
	int rc;

	if ((v = opt_get(&r->opt, OPT_CONFIG)))
		rc = options_load_config(&r->opt, v, -1, in_collection(r, v), dl);
	else
		rc = load_collection_config(r, dl);
	if (rc == -2) {
		ft_diag_list_print(stderr, dl, DIAG_INFO);
		/* the config-unreadable error memory could not hold */
		if (!ft_diag_stored(dl, DIAG_ERROR))
			ft_message(stderr, "feedgen", 0, 0, DIAG_ERROR, "out-of-memory",
				   "cannot read the config: out of memory");
		return EXIT_IO;
	}
	if (rc < 0)
		return config_usage_error(dl);

	r->quiet = opt_flag(&r->opt, OPT_QUIET);
	r->dry_run = opt_flag(&r->opt, OPT_DRY_RUN);

	v = opt_get(&r->opt, OPT_BASE_URL);
	if (!v || !*v) {
		ft_diag_add(dl, DIAG_ERROR, "usage", "feedgen", 0, 0,
			 "--base-url is required (on the command line or as 'base-url' in the config)");
		return config_usage_error(dl);
	}
	if (!url_is_http(v, &why) || !(r->host = base_url_host(v, &why)) ||
	    !url_is_folder(v, &why))
		return bad_value(dl, "base-url", v, why);
	r->base_owned = strdup(v);
	if (!r->base_owned) {
		ft_message(stderr, "feedgen", 0, 0, DIAG_ERROR, "out-of-memory",
			   "cannot read the options: out of memory");
		return EXIT_IO;
	}
	while (*r->base_owned && r->base_owned[strlen(r->base_owned) - 1] == '/')
		r->base_owned[strlen(r->base_owned) - 1] = '\0';
	r->base = r->base_owned;

	v = opt_get(&r->opt, OPT_LIMIT);
	errno = 0;
	r->limit = strtol(v, &end, 10);
	if (!IS_DIGIT(*v) || *end || errno || r->limit < 0)
		return bad_value(dl, "limit", v, "expected a whole number, 0 for all");

	v = opt_get(&r->opt, OPT_TZ);
	if (ft_tz_parse(v, &r->tz) < 0)
		return bad_value(dl, "tz", v,
				 "expected an offset such as +08:00 or a zone name such as Asia/Shanghai");

	r->encoding = opt_get(&r->opt, OPT_INPUT_ENCODING);
	if (decode_encoding_known(r->encoding) < 0)
		/* glibc says EINVAL for a module it cannot load, too */
		return bad_value(dl, "input-encoding", r->encoding, errno == EINVAL ?
				 "iconv does not know this encoding (or could not load its module: out of memory?)" :
				 strerror(errno));

	v = opt_get(&r->opt, OPT_LANG);
	if (!lang_tag_ok(v))
		return bad_value(dl, "lang", v, "expected a language tag such as zh-CN");

	r->tmpl = opt_get(&r->opt, OPT_LINK_TEMPLATE);
	{
		struct article probe;
		char *link;
		memset(&probe, 0, sizeof(probe));
		memcpy(probe.ymd, "2000-01-01", 11);
		probe.page = (char *)"001";
		probe.page_key = (char *)"001";
		probe.id = (char *)"tag:x,2000-01-01:001/1";
		probe.pos = 1;
		link = expand_link(r->tmpl, r->base, &probe, &why);
		if (!link)
			return bad_value(dl, "link-template", r->tmpl, why);
		/* every URL setting is http or https, as --base-url is: no
		 * javascript: or data: link is ever published */
		if (!url_is_http(link, &why)) {
			ft_diag_add(dl, DIAG_ERROR, "usage", "feedgen", 0, 0,
				    "invalid --link-template '%s': an entry's link must be an http or https URL, and this one gives '%s': %s",
				    r->tmpl, link, why);
			free(link);
			return config_usage_error(dl);
		}
		free(link);
		/* the photos' folder: an absolute http(s) URL once expanded */
		r->asset_tmpl = opt_get(&r->opt, OPT_ASSET_BASE);
		if (r->asset_tmpl && !*r->asset_tmpl)
			r->asset_tmpl = NULL;
		if (r->asset_tmpl) {
			char *host;
			if (!(link = expand_link(r->asset_tmpl, r->base, &probe, &why)))
				return bad_value(dl, "asset-base", r->asset_tmpl, why);
			host = url_is_http(link, &why) ? base_url_host(link, &why) : NULL;
			if (host && !url_is_folder(link, &why)) {
				free(host);
				host = NULL;
			}
			free(link);
			if (!host)
				return bad_value(dl, "asset-base", r->asset_tmpl, why);
			free(host);
		}
	}
	v = opt_get(&r->opt, OPT_FORMATS);
	{
		const char *p = v;
		while (*p) {
			size_t n = strcspn(p, ",");
			if (n == 4 && !memcmp(p, "atom", 4))
				r->want[0] = 1;
			else if (n == 3 && !memcmp(p, "rss", 3))
				r->want[1] = 1;
			else if (n == 4 && !memcmp(p, "json", 4))
				r->want[2] = 1;
			else
				return bad_value(dl, "formats", v,
						 "expected a list of atom, rss and json");
			p += n + (p[n] == ',');
		}
		if (!r->want[0] && !r->want[1] && !r->want[2])
			return bad_value(dl, "formats", v, "no format chosen");
	}
	r->outdir = opt_get(&r->opt, OPT_OUTPUT);
	if ((v = opt_get(&r->opt, OPT_STATE))) {
		/* another program's file is left as it is: nothing made
		 * beside it (not even a lock), no output folder made */
		char what[160];
		if (state_is_foreign(v, what, sizeof(what))) {
			ft_diag_add(dl, DIAG_ERROR, "state-foreign", v, 0, 0,
				    "not a feedgen state (%s); left as it is: remove it, or name another --state",
				    what);
			ft_diag_list_print(stderr, dl, DIAG_INFO);
			return EXIT_IO;
		}
	}
	r->allow_shrink = opt_flag(&r->opt, OPT_ALLOW_SHRINK);
	r->accept_new_ids = opt_flag(&r->opt, OPT_ACCEPT_NEW_IDS);
	if ((v = opt_get(&r->opt, OPT_ID_AUTHORITY)) && *v && !tag_authority_ok(v))
		return bad_value(dl, "id-authority", v,
				 "expected a host name such as news.example.com, or an e-mail address (RFC 4151)");
	r->per_section = opt_flag(&r->opt, OPT_PER_SECTION);
	r->archive = opt_flag(&r->opt, OPT_ARCHIVE);
	if (r->archive && r->limit == 0)
		return bad_value(dl, "limit", "0",
				 "--archive needs a --limit: archives hold what the feed does not");
	v = opt_get(&r->opt, OPT_WAIT);
	r->wait = strtod(v, &end);
	if (!*v || *end || !isfinite(r->wait) || r->wait < 0 || r->wait > 86400)
		return bad_value(dl, "wait", v, "expected seconds, 0 to 86400");
	r->hub = opt_get(&r->opt, OPT_HUB);
	if (r->hub) {
		char *h = url_is_http(r->hub, &why) ? base_url_host(r->hub, &why) : NULL;
		if (!h)
			return bad_value(dl, "hub", r->hub, why);
		free(h);
	}
	v = opt_get(&r->opt, OPT_MAX_PAGE_SIZE);
	{
		unsigned long long x;
		if (ft_parse_size(v, 1ULL << 32, &x) < 0)
			return bad_value(dl, "max-page-size", v,
					 "expected a size in bytes, with K, M or G, up to 4G");
		r->max_page = (size_t)x;
	}
	v = opt_get(&r->opt, OPT_MAX_PAGES);
	{
		unsigned long long x;
		errno = 0;
		x = strtoull(v, &end, 10);
		if (!IS_DIGIT(*v) || *end || errno || x == 0 || x > 100000000ULL)
			return bad_value(dl, "max-pages", v, "expected a number from 1 to 100000000");
		r->max_pages = (size_t)x;
	}
	if ((rc = config_news(r, dl)) != EXIT_OK)
		return rc == EXIT_USAGE ? config_usage_error(dl) : rc;
	return clock_settings(r, dl);
}

int config_authority(struct run *r)
{
	char *stored = state_get(r->st, "id-authority");
	const char *given = opt_get(&r->opt, OPT_ID_AUTHORITY);
	size_t i;

	if (given && !*given)
		given = NULL;
	if (stored) {
		if (given && strcasecmp(given, stored)) {
			ft_message(stderr, "feedgen", 0, 0, DIAG_ERROR, "usage",
				   "invalid --id-authority '%s': the state's ids name '%s', fixed when it was made, so that they stay when the site moves; give '%s' or none (a new --state starts new ids)",
				   given, stored, stored);
			free(stored);
			return EXIT_USAGE;
		}
		r->authority = stored;
		return EXIT_OK;
	}
	if (!(r->authority = strdup(given ? given : r->host))) {
		ft_message(stderr, "feedgen", 0, 0, DIAG_ERROR, "out-of-memory",
			   "cannot read the options: out of memory");
		return EXIT_IO;
	}
	for (i = 0; r->authority[i]; i++)
		r->authority[i] = (char)TO_LOWER(r->authority[i]);
	r->authority_new = 1;
	return EXIT_OK;
}

/* The absolute form of path, its links resolved as far as it exists (the
 * rest appended as given); malloc'd, NULL on error. */
static char *absolute(const char *path)
{
	char *copy = strdup(path), *rest = NULL, *real, *out;
	char *slash;

	if (!copy)
		return NULL;
	for (;;) {
		real = realpath(*copy ? copy : "/", NULL);
		if (real)
			break;
		slash = strrchr(copy, '/');
		if (!slash || slash == copy) {
			/* relative, nothing of it exists yet: from here */
			real = realpath(".", NULL);
			if (!real) {
				free(copy);
				free(rest);
				return NULL;
			}
			if (slash == copy)
				memmove(copy, copy + 1, strlen(copy));
			out = rest ? ft_asprintf("%s/%s/%s", real, copy, rest) :
				     ft_asprintf("%s/%s", real, copy);
			free(real);
			free(copy);
			free(rest);
			return out;
		}
		*slash = '\0';
		out = rest ? ft_asprintf("%s/%s", slash + 1, rest) : strdup(slash + 1);
		free(rest);
		if (!(rest = out)) {
			free(copy);
			return NULL;
		}
	}
	out = rest ? ft_asprintf("%s/%s", strcmp(real, "/") ? real : "", rest) : strdup(real);
	free(real);
	free(copy);
	free(rest);
	return out;
}

/* dir is base or lies under it (both absolute) */
static int lies_under(const char *dir, const char *base)
{
	size_t n = strlen(base);

	if (n == 1 && base[0] == '/')
		return 1;
	return !strncmp(dir, base, n) && (dir[n] == '\0' || dir[n] == '/');
}

/* The state file's name for an output folder: its absolute path made a
 * name ("/var/www/feeds" gives "var-www-feeds"), and a hash of it, so that
 * two folders never share a state. */
static char *state_name(const char *abs_out)
{
	uint64_t h = ft_fnv1a(FT_FNV_INIT, abs_out, strlen(abs_out));
	struct buf b = BUF_INIT(4096);
	const char *p;

	for (p = abs_out; *p == '/'; p++)
		;
	for (; *p && b.len < 96; p++)
		ft_buf_addc(&b, *p == '/' ? '-' :
			    IS_ALNUM(*p) || *p == '.' || *p == '_' || *p == '-' ? *p : '_');
	if (!b.len)
		ft_buf_adds(&b, "root");
	ft_buf_addf(&b, "-%08llx.db", (unsigned long long)(h & 0xffffffffULL));
	return ft_buf_detach(&b);
}

int config_state(struct run *r)
{
	const char *v = opt_get(&r->opt, OPT_STATE), *env;
	char *abs_out = absolute(r->outdir), *cand[4] = { NULL, NULL, NULL, NULL };
	char *abs_state = NULL, *name = NULL;
	struct stat st;
	int i, rc = EXIT_IO;

	if (!abs_out)
		goto done;
	if (v) {
		r->state_given = 1;
		if (!(r->state_path = strdup(v)) || !(abs_state = absolute(v)))
			goto done;
		r->state_in_outdir = lies_under(abs_state, abs_out);
	} else {
		/* a folder that a web server does not serve, in the order a
		 * service expects: systemd's StateDirectory=, the system's
		 * folder when this user may write it, the user's */
		if ((env = getenv("STATE_DIRECTORY")) && *env == '/')
			cand[0] = strndup(env, strcspn(env, ":"));
		if (stat("/var/lib/feedgen", &st) == 0 && S_ISDIR(st.st_mode) &&
		    access("/var/lib/feedgen", W_OK | X_OK) == 0)
			cand[1] = strdup("/var/lib/feedgen");
		if ((env = getenv("XDG_STATE_HOME")) && *env == '/')
			cand[2] = ft_asprintf("%s/feedgen", env);
		if ((env = getenv("HOME")) && *env == '/')
			cand[3] = ft_asprintf("%s/.local/state/feedgen", env);
		for (i = 0; i < 4 && !r->state_path; i++) {
			char *abs;
			if (!cand[i] || !(abs = absolute(cand[i])))
				continue;
			/* www-data's home is /var/www: never a state the web
			 * server would serve */
			if (!lies_under(abs, abs_out) && (name = state_name(abs_out)))
				r->state_path = ft_asprintf("%s/%s", abs, name);
			free(abs);
		}
		if (!r->state_path) {
			ft_message(stderr, r->outdir, 0, 0, DIAG_ERROR, "state-location",
				   "no folder for the state outside the output folder (STATE_DIRECTORY, /var/lib/feedgen, $XDG_STATE_HOME, ~/.local/state); give --state FILE");
			rc = EXIT_USAGE;
			goto done;
		}
	}
	if (!(r->lock_path = ft_asprintf("%s.lock", r->state_path)))
		goto done;
	rc = EXIT_OK;
done:
	if (rc == EXIT_IO)
		ft_message(stderr, r->outdir, 0, 0, DIAG_ERROR, "state-location",
			   "cannot tell where the state goes: %s",
			   errno ? strerror(errno) : "out of memory");
	for (i = 0; i < 4; i++)
		free(cand[i]);
	free(abs_out);
	free(abs_state);
	free(name);
	return rc;
}

/* How many threads read, write and check: the processors this process may run
 * on (taskset, cgroup cpusets), at most 8. */
size_t config_threads(void)
{
	long n = 0;
#ifdef CPU_COUNT
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		n = CPU_COUNT(&set);
#endif
	if (n < 1)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 8 ? 8 : (size_t)n;
}
