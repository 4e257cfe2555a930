/*
 * feedgen - turn a newspaper's article collection into Atom 1.0, RSS 2.0
 * and JSON Feed 1.1.
 *
 * main() and run(): the pipeline and the exit status.  collection -> pages
 * (decode) -> articles (split, extract) -> state -> feed sets -> render ->
 * writers -> self-check -> publish, each stage in a file of its own that
 * takes the run's working set (run.h).  Only this file exits; the stages
 * print the run's messages, the modules below them (article, decode,
 * state, writer...) only return errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "article.h"
#include "buf.h"
#include "collection.h"
#include "date.h"
#include "diag.h"
#include "feedcheck.h"
#include "fsutil.h"
#include "ident.h"
#include "lock.h"
#include "media.h"
#include "options.h"
#include "run.h"
#include "state.h"
#include "websub.h"
#include "writer.h"

/* What failed for want of memory, said: EXIT_IO. */
static int no_memory(const char *what)
{
	ft_message(stderr, "feedgen", 0, 0, DIAG_ERROR, "out-of-memory",
		   "cannot %s: out of memory",
		   what);
	return EXIT_IO;
}

/* OUTDIR, made when missing (not by a dry run), opened for the files of
 * the run.  0, or the exit status having said why. */
static int open_outdir(struct run *r)
{
	if (!r->dry_run && ft_mkdir_p(r->outdir, 0777) < 0) {
		ft_message(stderr, r->outdir, 0, 0, DIAG_ERROR, "output-unwritable",
			   "cannot create output folder: %s",
			   strerror(errno));
		return EXIT_IO;
	}
	r->outfd = open(r->outdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (r->outfd < 0 && !(r->dry_run && errno == ENOENT)) {
		ft_message(stderr, r->outdir, 0, 0, DIAG_ERROR, "output-unwritable",
			   "cannot open output folder: %s",
			   strerror(errno));
		return EXIT_IO;
	}
	return EXIT_OK;
}

/* The lock beside the state: one run at a time; a dry run shares it.
 * 0, or the exit status having said why (-q: nothing for 75). */
static int take_lock(struct run *r)
{
	char *dir = strdup(r->state_path), *slash;
	long holder;
	struct stat st;

	if (!dir)
		return no_memory("lock the state");
	slash = strrchr(dir, '/');
	if (slash && slash != dir)
		*slash = '\0';
	else if (slash)
		slash[1] = '\0';
	else {
		free(dir);
		if (!(dir = strdup(".")))
			return no_memory("lock the state");
	}
	if (r->dry_run && stat(dir, &st) < 0) {
		free(dir);      /* no state yet, nothing to keep from changing */
		return EXIT_OK;
	}
	/* the state's folder holds every article's text: only its owner
	 * reads it */
	if (!r->dry_run && ft_mkdir_p(dir, 0700) < 0) {
		ft_message(stderr, dir, 0, 0, DIAG_ERROR, "state-unusable",
			   "cannot create the state's folder: %s",
			   strerror(errno));
		free(dir);
		return EXIT_IO;
	}
	free(dir);
	r->lockfd = lock_acquire(r->lock_path, r->wait, r->dry_run, &holder);
	if (r->lockfd == -3) {
		r->lockfd = -1;
		return EXIT_OK;
	}
	if (r->lockfd == -2) {
		if (r->quiet)
			return EXIT_LOCKED;
		if (holder)
			ft_message(stderr, "feedgen", 0, 0, DIAG_ERROR, "state-locked",
				   "'%s' is locked by pid %ld; try again later", r->outdir, holder);
		else
			ft_message(stderr, "feedgen", 0, 0, DIAG_ERROR, "state-locked",
				   "'%s' is locked by another run; try again later", r->outdir);
		return EXIT_LOCKED;
	}
	if (r->lockfd < 0) {
		ft_message(stderr, r->lock_path, 0, 0, DIAG_ERROR, "state-unusable",
			   "cannot lock: %s",
			   errno == ELOOP ? "it is a symbolic link; not followed" :
			   errno == EINVAL ? "not a regular file" : strerror(errno));
		return EXIT_IO;
	}
	return EXIT_OK;
}

/*
 * Earlier versions kept the state in OUTDIR, where the web server serves
 * it.  Move it to where it belongs now, once, every date kept, under the
 * lock the earlier versions took (so none of them runs meanwhile).
 * 0, or the exit status having said why.
 */
static int migrate_from_outdir(struct run *r)
{
	struct stat st;
	char *old = NULL, *oldlock = NULL, err[512];
	long holder;
	int fd = -1, rc = EXIT_OK;

	if (r->state_given || r->dry_run || r->outfd < 0 ||
	    fstatat(r->outfd, ".feedgen.db", &st, AT_SYMLINK_NOFOLLOW) < 0 ||
	    !S_ISREG(st.st_mode))
		return EXIT_OK;
	if (!(old = ft_asprintf("%s/.feedgen.db", r->outdir)) ||
	    !(oldlock = ft_asprintf("%s/.feedgen.lock", r->outdir))) {
		rc = no_memory("move the old state");
		goto done;
	}
	if (stat(r->state_path, &st) == 0) {
		if (!r->quiet)
			ft_message(stderr, old, 0, 0, DIAG_WARNING, "state-in-outdir",
				   "an old state in the output folder, which the web server may serve; the state is %s: remove it",
				   r->state_path);
		goto done;
	}
	fd = lock_acquire(oldlock, r->wait, 0, &holder);
	if (fd == -2) {
		rc = EXIT_LOCKED;
		if (!r->quiet)
			ft_message(stderr, "feedgen", 0, 0, DIAG_ERROR, "state-locked",
				   "'%s' is locked by pid %ld; try again later", r->outdir, holder);
		goto done;
	}
	if (state_move(old, r->state_path, err, sizeof(err)) < 0) {
		ft_message(stderr, old, 0, 0, DIAG_ERROR, "state-unusable",
			   "cannot move the state to %s: %s",
			   r->state_path, err);
		rc = EXIT_IO;
		goto done;
	}
	unlinkat(r->outfd, ".feedgen.lock", 0);
	unlinkat(r->outfd, ".feedgen.db.lock", 0);
	ft_message(stderr, old, 0, 0, DIAG_WARNING, "state-moved",
		   "state moved out of the output folder (which the web server serves) to %s; every date kept",
		   r->state_path);
done:
	if (fd >= 0)
		lock_release(fd, 0);
	free(old);
	free(oldlock);
	return rc;
}

static int open_state(struct run *r)
{
	struct diag_list dl;
	enum state_failure why;

	ft_diag_list_init(&dl);
	r->st = state_open(r->state_path, r->state_given, r->dry_run, r->wait,
			   &dl, &r->state_created, &why);
	if (!r->st && why == STATE_FAIL_BUSY) {
		/* another process has it: like a lock, "try later" */
		if (!r->quiet)
			ft_diag_list_print(stderr, &dl, DIAG_INFO);
		ft_diag_list_release(&dl);
		return EXIT_LOCKED;
	}
	/* a state rebuilt or migrated is a warning: -q leaves it out */
	ft_diag_list_print(stderr, &dl, !r->st ? DIAG_INFO :
			   r->quiet ? DIAG_ERROR : DIAG_WARNING);
	/* an error memory could not hold is none: say why all the same */
	if (!r->st && !ft_diag_stored(&dl, DIAG_ERROR)) {
		ft_diag_list_release(&dl);
		return no_memory("open the state");
	}
	ft_diag_list_release(&dl);
	if (!r->st)
		return EXIT_IO;
	if (r->state_in_outdir && (!r->quiet || r->state_created))
		ft_message(stderr, r->state_path, 0, 0, DIAG_WARNING, "state-in-outdir",
			   "the state is inside the output folder, where the web server may serve it (every article's text, every page's path)");
	return EXIT_OK;
}

/* Time only moves forward: a clock behind the latest time the state has
 * seen is said (changed entries are then dated after what was published,
 * state_store_page), and that latest time is kept. */
static void clock_check(struct run *r)
{
	char *v = state_get(r->st, "clock"), d1[32], d2[32];
	struct fdate last;

	if (v) {
		last.t = strtoll(v, NULL, 10);
		last.off = r->now.off;
		if (last.t > r->now.t + 1 && !r->quiet) {
			ft_date_format_rfc3339(&r->now, d1);
			ft_date_format_rfc3339(&last, d2);
			ft_message(stderr, "feedgen", 0, 0, DIAG_WARNING, "clock-behind",
				   "the clock (%s) is behind the last run's (%s); an entry whose text changes is dated after what was published",
				   d1, d2);
		}
		if (last.t > r->now.t)
			r->latest = last.t;
	} else {
		/* a state that never published: someone trying feedgen on a
		 * fresh copy of a collection takes every page at once */
		r->settle_off = 1;
	}
	if (!r->latest)
		r->latest = r->now.t;
	free(v);
}

/* A run that publishes nothing leaves no state it made behind. */
static void drop_new_state(struct run *r)
{
	if (!r->state_created || r->dry_run)
		return;
	state_close(r->st);
	r->st = NULL;
	state_remove(r->state_path);
}

static int state_failed(struct run *r)
{
	enum state_failure why = state_failure(r->st);

	if (why == STATE_FAIL_DAMAGED && !r->dry_run) {
		/* found in the middle of the run: nothing of it is trusted */
		ft_message(stderr, r->state_path, 0, 0, DIAG_ERROR, "state-rebuilt",
			   "the state is damaged (%s); nothing published; it is moved to %s.corrupt and the next run starts a new one",
			   state_error(r->st), r->state_path);
		state_rollback(r->st);
		state_close(r->st);
		r->st = NULL;
		if (state_move_aside(r->state_path) < 0)
			ft_message(stderr, r->state_path, 0, 0, DIAG_ERROR, "state-unusable",
				   "cannot move the damaged state aside: %s",
				   strerror(errno));
		return EXIT_IO;
	}
	if (why == STATE_FAIL_NONE) {
		/* not the state's failure: the run's own memory */
		ft_message(stderr, r->state_path, 0, 0, DIAG_ERROR, "out-of-memory",
			   "cannot update the state: out of memory; nothing published, the state is as it was");
		return EXIT_IO;
	}
	ft_message(stderr, r->state_path, 0, 0, DIAG_ERROR, "state-write",
		   "cannot update the state: %s; nothing published, the state is as it was",
		   state_error(r->st));
	return why == STATE_FAIL_BUSY ? EXIT_LOCKED : EXIT_IO;
}

/* Articles waiting for their release, said (not with -q): how many, and
 * when the next goes out. */
static void say_held(struct run *r, const char *what)
{
	long long next = 0, held;
	struct fdate d;
	char when[32];

	if (r->quiet || (held = state_held(r->st, &next)) <= 0)
		return;
	d.t = next;
	d.off = ft_tz_offset_utc(&r->tz, next);
	ft_date_format_rfc3339(&d, when);
	ft_printf_escaped(stdout, "%s: %lld article%s wait%s for %s publish time; the next goes out at %s%s\n",
			  r->outdir, held, held == 1 ? "" : "s", held == 1 ? "s" : "",
			  held == 1 ? "its" : "their", when, what);
}

/*
 * Every article read waits for its release and nothing was ever published
 * (the first edition of a new install, prepared the night before): the
 * state is kept, so that the run at the release is cheap, and nothing is
 * written.  1 when that is so (the transaction committed), 0 when not, -1
 * when the state could not be written.
 */
static int all_held(struct run *r)
{
	long long next = 0;
	char num[32];

	if (state_held(r->st, &next) <= 0 || uptodate_outputs(r) != 0)
		return 0;
	snprintf(num, sizeof(num), "%lld", r->latest);
	if (r->dry_run)
		state_rollback(r->st);
	else if (state_set(r->st, "clock", num) < 0 || state_commit(r->st) < 0)
		return -1;
	say_held(r, "; nothing published yet");
	return 1;
}

static int run(struct run *r)
{
	struct feed_meta m;
	struct outsets sets = { 0 };
	char *title = NULL, key[17], pk[17], *old_pk = NULL;
	long long total;
	int rc, fresh_ok, k;

	memset(&m, 0, sizeof(m));
	/* an unmounted share or a wrong path: nothing is made or written */
	for (k = 0; k < r->opt.nargs; k++) {
		struct stat st;
		int bad = stat(r->opt.args[k], &st) < 0;
		if (bad || !S_ISDIR(st.st_mode)) {
			ft_message(stderr, r->opt.args[k], 0, 0, DIAG_ERROR, "collection-unreadable",
				   "cannot open collection: %s",
				   bad ? strerror(errno) : "not a folder");
			return EXIT_IO;
		}
	}
	if ((rc = privdrop(r)) != EXIT_OK ||
	    (rc = open_outdir(r)) != EXIT_OK || (rc = config_state(r)) != EXIT_OK ||
	    (rc = take_lock(r)) != EXIT_OK || (rc = migrate_from_outdir(r)) != EXIT_OK ||
	    (rc = open_state(r)) != EXIT_OK || (rc = config_authority(r)) != EXIT_OK)
		return rc;
	rc = EXIT_IO;
	if (!r->dry_run)
		publish_remove_stale_temps(r);
	r->now.t = (long long)time(NULL);
	r->now.off = ft_tz_offset_utc(&r->tz, r->now.t);

	clock_check(r);
	uptodate_parse_key(r, pk);
	old_pk = state_get(r->st, "parse-key");
	fresh_ok = old_pk && !strcmp(old_pk, pk);
	free(old_pk);
	if (state_begin(r->st) < 0 ||
	    (r->authority_new && !r->dry_run &&
	     state_set(r->st, "id-authority", r->authority) < 0))
		return state_failed(r);
	k = pages_sync(r, fresh_ok);
	if (k == -2) {
		state_rollback(r->st);
		drop_new_state(r);
		return EXIT_IO;
	}
	/* articles whose release has come go out (all of them without the
	 * embargo): after the pages are stored, so that a change made before
	 * the release is no correction */
	if (k < 0 || (!r->dry_run && state_set(r->st, "parse-key", pk) < 0) ||
	    (r->released = state_release(r->st, r->embargo ? r->now.t : LLONG_MAX)) < 0 ||
	    (r->pages_in_error = state_pages_in_error(r->st)) < 0 ||
	    (total = state_count(r->st, NULL)) < 0 || hub_load(r) < 0) {
		rc = state_failed(r);
		goto out;
	}
	r->articles = total;
	uptodate_output_key(r, key);
	if (uptodate_nothing_to_do(r, key)) {
		if (!r->quiet || r->dry_run)
			ft_printf_escaped(stdout, "%s: nothing changed since the last run\n", r->outdir);
		say_held(r, "");
		state_rollback(r->st);
		/* a ping the hub did not take is tried again all the same */
		if (r->npings)
			hub_ping(r, NULL);
		return r->pages_in_error || r->page_errors ? EXIT_PAGES : EXIT_OK;
	}
	if (!total && (k = all_held(r)) != 0) {
		if (k < 0) {
			rc = state_failed(r);
			goto out;
		}
		return r->pages_in_error || r->page_errors ? EXIT_PAGES : EXIT_OK;
	}
	if (!total && !r->allow_shrink) {
		ft_message(stderr, "feedgen", 0, 0, DIAG_ERROR, "no-articles",
			   "no articles in %s%s; nothing published",
			   r->opt.args[0], r->opt.nargs > 1 ? " and the other collections" : "");
		state_rollback(r->st);
		drop_new_state(r);
		return EXIT_PAGES;
	}
	if (!total)
		ft_message(stderr, "feedgen", 0, 0, DIAG_WARNING, "no-articles",
			   "no articles in %s%s",
			   r->opt.args[0], r->opt.nargs > 1 ? " and the other collections" : "");
	if (!r->dry_run)
		state_writeback(r->st);

	m.title = opt_get(&r->opt, OPT_TITLE);
	if (!m.title || !*m.title)
		m.title = title = outsets_default_title(r->opt.args[0]);
	m.subtitle = opt_get(&r->opt, OPT_SUBTITLE);
	m.author = opt_get(&r->opt, OPT_AUTHOR);
	if (!m.author || !*m.author)
		m.author = m.title;
	m.lang = opt_get(&r->opt, OPT_LANG);
	m.home_url = ft_asprintf("%s/", r->base);
	m.id = m.home_url;
	m.hub = r->hub;
	m.summary_only = r->summary_only;
	m.icon = r->icon;
	m.logo = r->logo;
	m.rights = r->rights;
	if (!m.title || !m.home_url) {
		rc = no_memory("make the feeds' metadata");
		goto out;
	}
	if (outsets_build(r, &m, total, &sets, &r->now) < 0) {
		rc = state_failure(r->st) != STATE_FAIL_NONE ? state_failed(r) :
		     no_memory("choose the feeds to write");
		goto out;
	}
	if (publish_write(r, &sets) < 0) {
		if (state_failure(r->st) == STATE_FAIL_DAMAGED)
			rc = state_failed(r);
		goto out;
	}
	if ((k = publish_guard(r, &sets)) < 0) {
		if (k == -2) {
			rc = state_failed(r);
			goto out;
		}
		rc = EXIT_NOT_PUBLISHED;
		ft_message(stderr, "feedgen", 0, 0, DIAG_ERROR, "not-published",
			   "nothing published; the feeds in '%s' are as they were", r->outdir);
		goto out;
	}
	/* the state first: if the run dies before the renames, the next run
	 * sees files that do not match what the state says and writes again */
	{
		char num[32];
		snprintf(num, sizeof(num), "%lld", r->latest);
		if (!r->dry_run && state_set(r->st, "clock", num) < 0) {
			rc = state_failed(r);
			goto out;
		}
	}
	if (publish_remember(r, &sets) < 0) {
		rc = state_failed(r);
		goto out;
	}
	if (r->dry_run) {
		state_rollback(r->st);
	} else if (state_commit(r->st) < 0) {
		rc = state_failed(r);
		goto out;
	}
	if (publish_commit(r, &sets) < 0)
		goto out;
	publish_report(r, &sets);
	/* the feeds no set writes now go once the new ones are in place */
	publish_remove_stale(r, &sets);
	if (!r->dry_run)
		uptodate_remember(r, &sets, key);
	say_held(r, "");
	hub_ping(r, &sets);
	rc = r->pages_in_error || r->page_errors ? EXIT_PAGES : EXIT_OK;
	outsets_release(&sets);
	free(title);
	free((char *)m.home_url);
	return rc;
out:
	state_rollback(r->st);
	publish_abort(r, &sets);
	outsets_release(&sets);
	drop_new_state(r);
	free(title);
	free((char *)m.home_url);
	return rc;
}

/* Every new file of a run is open until it is published, and --archive
 * makes one per LIMIT entries: the soft limit on open files goes up to
 * the hard one (as many servers do). */
static void raise_open_files(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
}

int main(int argc, char **argv)
{
	struct run r;
	struct diag_list dl;
	int rc;

	memset(&r, 0, sizeof(r));
	r.lockfd = -1;
	r.outfd = -1;
	ft_diag_list_init(&dl);
	/* libcurl's global start (TLS and its configuration, some
	 * milliseconds) only for a WebSub ping (websub.c); its URL API,
	 * which the readers use, needs none */
	options_init(&r.opt);
	fc_init();          /* before the threads that check */
	media_quiet_libxml();
	raise_open_files();
	if (options_parse_argv(&r.opt, argc, argv, &dl) < 0) {
		rc = config_usage_error(&dl);
		goto out;
	}
	if (opt_flag(&r.opt, OPT_HELP)) {
		for (const char *const *u = feedgen_usage; *u; u++)
			fputs(*u, stdout);
		rc = EXIT_OK;
		goto out;
	}
	if (opt_flag(&r.opt, OPT_VERSION)) {
		printf("feedgen %s\n", FEED_VERSION);
		rc = EXIT_OK;
		goto out;
	}
	if (r.opt.nargs == 0) {
		ft_diag_add(&dl, DIAG_ERROR, "usage", "feedgen", 0, 0,
			 "no COLLECTION given");
		rc = config_usage_error(&dl);
		goto out;
	}
	rc = config_apply(&r, &dl);
	if (rc == EXIT_OK)
		rc = run(&r);
out:
	state_close(r.st);
	lock_release(r.lockfd, r.dry_run);
	if (r.outfd >= 0)
		close(r.outfd);
	free(r.state_path);
	free(r.lock_path);
	state_pings_release(r.pings, r.npings);
	free(r.stale);
	websub_cleanup();
	free(r.host);
	free(r.authority);
	free(r.base_owned);
	config_news_release(&r);
	options_release(&r.opt);
	ft_diag_list_release(&dl);
	xmlCleanupParser();
	/* a full disk or a closed pipe must not go unnoticed */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		ft_message(stderr, "feedgen", 0, 0, DIAG_ERROR, "output-unwritable",
			   "cannot write to standard output");
		if (rc == EXIT_OK)
			rc = EXIT_IO;
	}
	return rc;
}
