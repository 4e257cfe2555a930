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
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include <curl/curl.h>

#include "article.h"
#include "buf.h"
#include "collection.h"
#include "date.h"
#include "diag.h"
#include "feedcheck.h"
#include "fsutil.h"
#include "ident.h"
#include "lock.h"
#include "options.h"
#include "run.h"
#include "state.h"
#include "writer.h"

static int open_state(struct run *r)
{
	struct diag_list dl;
	struct stat st;
	const char *path = r->state_path;

	/* a dry run leaves no state behind where there was none */
	if (r->dry_run && stat(path, &st) < 0)
		path = ":memory:";
	ft_diag_list_init(&dl);
	r->st = state_open(path, &dl);
	config_show(r, &dl);
	ft_diag_list_release(&dl);
	return r->st ? 0 : -1;
}

static int run(struct run *r)
{
	struct diag_list dl;
	struct feed_meta m;
	struct outsets sets = { 0 };
	char *title = NULL, fp[17], pk[17], *old_pk = NULL;
	size_t i;
	int c, rc = EXIT_IO, fresh_ok, in_tx = 0;
	long holder;

	ft_diag_list_init(&dl);
	for (c = 0; c < r->opt.nargs; c++) {
		if (collection_scan(r->opt.args[c], &r->pages, &dl) < 0) {
			ft_diag_list_print(stderr, &dl, DIAG_INFO);
			ft_diag_list_release(&dl);
			return EXIT_IO;
		}
	}
	config_show(r, &dl);
	ft_diag_list_release(&dl);
	if (page_set_dedupe(&r->pages) < 0)
		return EXIT_IO;

	if (!r->dry_run) {
		char *lockpath = ft_xasprintf("%s/.feedgen.lock", r->outdir);
		if (ft_mkdir_p(r->outdir, 0777) < 0 || !lockpath) {
			fprintf(stderr, "%s: error: cannot create output folder: %s [output-unwritable]\n",
				r->outdir, strerror(errno));
			free(lockpath);
			return EXIT_IO;
		}
		r->lockfd = lock_acquire(lockpath, r->wait, &holder);
		free(lockpath);
		if (r->lockfd == -2) {
			if (holder)
				fprintf(stderr, "feedgen: '%s' is locked by pid %ld\n", r->outdir, holder);
			else
				fprintf(stderr, "feedgen: '%s' is locked by another run\n", r->outdir);
			return EXIT_LOCKED;
		}
		if (r->lockfd < 0) {
			fprintf(stderr, "%s: error: cannot lock: %s [output-unwritable]\n",
				r->outdir, strerror(errno));
			return EXIT_IO;
		}
	}
	if (!r->dry_run)
		publish_remove_stale_temps(r);
	if (open_state(r) < 0)
		return EXIT_IO;
	r->now.t = (long long)time(NULL);
	r->now.off = ft_tz_offset_utc(&r->tz, r->now.t);

	uptodate_fingerprint(r, fp);
	if (uptodate_nothing_to_do(r, fp)) {
		if (!r->quiet || r->dry_run)
			printf("%s: nothing changed since the last run\n", r->outdir);
		return EXIT_OK;
	}
	uptodate_parse_key(r, pk);
	old_pk = state_get(r->st, "parse-key");
	fresh_ok = old_pk && !strcmp(old_pk, pk);
	free(old_pk);
	if (state_begin(r->st) < 0) {
		fprintf(stderr, "%s: error: cannot use the state: %s [state-unusable]\n",
			r->state_path, state_error(r->st));
		return EXIT_IO;
	}
	in_tx = 1;
	if (pages_read(r, fresh_ok) < 0)
		goto out;
	if (state_sweep(r->st) < 0 || state_set(r->st, "parse-key", pk) < 0)
		goto state_fail;
	if (!r->dry_run)
		state_writeback(r->st);
	outsets_order(r);
	for (i = 0; i < r->arts.n; i++) {
		struct article *a = &r->arts.v[i];
		const char *why;
		free(a->link);
		if (!(a->link = expand_link(r->tmpl, r->base, a, &why)))
			goto out;
	}

	memset(&m, 0, sizeof(m));
	m.title = opt_get(&r->opt, OPT_TITLE);
	if (!m.title || !*m.title)
		m.title = title = outsets_default_title(r->opt.args[0]);
	m.subtitle = opt_get(&r->opt, OPT_SUBTITLE);
	m.author = opt_get(&r->opt, OPT_AUTHOR);
	if (!m.author || !*m.author)
		m.author = m.title;
	m.lang = opt_get(&r->opt, OPT_LANG);
	m.home_url = ft_xasprintf("%s/", r->base);
	m.id = m.home_url;
	m.hub = r->hub;
	if (!m.title || !m.home_url)
		goto out;
	if (!r->arts.n)
		fprintf(stderr, "feedgen: %s: no articles in %s%s [no-articles]\n",
			r->allow_shrink ? "warning" : "error", r->opt.args[0],
			r->opt.nargs > 1 ? " and the other collections" : "");
	if (outsets_build(r, &m, &sets, &r->now) < 0 || publish_write(r, &sets) < 0)
		goto out;
	if (publish_guard(r, &sets) < 0) {
		rc = EXIT_NOT_PUBLISHED;
		fprintf(stderr, "feedgen: nothing published; the feeds in '%s' are as they were\n",
			r->outdir);
		goto out;
	}
	/* the state first: if the run dies before the renames, the next run
	 * sees files that do not match what the state says and writes again */
	publish_remember(r, &sets);
	{
		char num[32];
		snprintf(num, sizeof(num), "%zu", r->page_errors);
		state_set(r->st, "page-errors", num);
	}
	if (r->dry_run) {
		state_rollback(r->st);
		in_tx = 0;
	} else if (state_commit(r->st) < 0) {
		goto state_fail;
	} else {
		in_tx = 0;
	}
	if (publish_commit(r, &sets) < 0)
		goto out;
	if (!r->dry_run)
		uptodate_remember(r, &sets, fp);
	publish_report(r, &sets);
	publish_ping_hub(r, &sets);
	rc = r->page_errors ? EXIT_PAGES : EXIT_OK;
	goto out;
state_fail:
	fprintf(stderr, "%s: error: cannot update the state: %s [state-unusable]\n",
		r->state_path, state_error(r->st));
out:
	if (in_tx)
		state_rollback(r->st);
	outsets_release(&sets);
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
	ft_diag_list_init(&dl);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	options_init(&r.opt);
	fc_init();          /* before the threads that check */
	raise_open_files();
	if (options_parse_argv(&r.opt, argc, argv, &dl) < 0) {
		rc = config_usage_error(&dl);
		goto out;
	}
	if (opt_flag(&r.opt, OPT_HELP)) {
		fputs(feedgen_usage, stdout);
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
	lock_release(r.lockfd);
	free(r.state_path);
	article_list_release(&r.arts);
	page_set_release(&r.pages);
	curl_global_cleanup();
	free(r.host);
	free(r.base_owned);
	options_release(&r.opt);
	ft_diag_list_release(&dl);
	xmlCleanupParser();
	/* a full disk or a closed pipe must not go unnoticed */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "feedgen: error: cannot write to standard output\n");
		if (rc == EXIT_OK)
			rc = EXIT_IO;
	}
	return rc;
}
