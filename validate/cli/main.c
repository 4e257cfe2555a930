/*
 * feedcheck - validate RSS, Atom and JSON feeds, from files, folders,
 * pipes or over HTTP.
 *
 * main.c is the orchestration: read the configuration file and the command
 * line (config.c, options.c), list the sources (a folder gives the feed
 * files below it) and keep this shard's (sources.c), check the files,
 * then fetch the URLs with fetch_many() at most -j at once (fetch.c) and
 * check each as it comes; run.c filters the findings (--ignore, --only,
 * --severity, -q) and prints them in the chosen format (report*.c), in
 * the order of the sources.  Every finding, a source that cannot be read
 * or fetched included, goes to standard output in the report; only usage
 * errors (and a report that cannot be written) go to standard error.  The
 * exit status is 0 (no errors), 1 (errors; warnings too with --strict), 2
 * (usage) or 3 (a source's bytes could not be obtained).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/parser.h>

#include "cache.h"
#include "cli.h"
#include "feedcheck.h"
#include "fetch.h"
#include "report.h"

/*
 * The exit status once standard output is flushed: a report that could
 * not be written all (a full disk, a closed pipe: feedcheck | head) is
 * status 3, said on standard error, but for a reader that stopped
 * reading (EPIPE), which chose to.
 */
static int finish(int status)
{
	int e = cli_stdout_errno();

	if (!e)
		return status;
	if (e != EPIPE)
		cli_error("io-write-failed", "cannot write standard output: %s",
			  strerror(e));
	return status > 2 ? status : 3;
}

/* the SOURCE arguments and --urls FILE into all (*nargs the sources of
 * the arguments, before the list's); 0, 2 or 3 */
static int list_sources(const struct cli *cli, int argc, char **argv,
			struct srclist *all, size_t *nargs)
{
	int i, rc, stdin_src = 0;
	char *err;

	/* --diff: OLD is the first source, NEW the second */
	if (cli->diff_old && src_add(all, (char *)cli->diff_old, 0) < 0)
		goto nomem;
	for (i = cli->first; i < argc; i++) {
		if (!strcmp(argv[i], "-"))
			stdin_src = 1;
		rc = src_is_dir(argv[i]) ? src_add_dir(all, argv[i])
					 : src_add(all, argv[i], 0);
		if (rc < 0)
			goto nomem;
	}
	*nargs = all->n;
	if (!cli->urls_file)
		return 0;
	if (stdin_src && !strcmp(cli->urls_file, "-"))
		return cli_usage_error("%s", "standard input cannot be both "
				       "--urls - and a SOURCE");
	if ((rc = src_read_urls(cli->urls_file, all, &err)) == 0)
		return 0;
	if (rc == 2) {
		rc = cli_usage_error("bad --urls file: %s", err ? err : "");
		free(err);
		return rc;
	}
	if (err) {
		/* a list that cannot be read is a source that cannot be read */
		return src_add_error(all, cli->urls_file, "io-error", err) < 0 ? 3 : 0;
	}
nomem:
	cli_error("fetch-internal", "%s", "out of memory");
	return 3;
}

int main(int argc, char **argv)
{
	struct cli cli;
	struct check_run run;
	struct srclist all;
	const char **urls = NULL;
	size_t i, nurls = 0, nargs = 0;
	unsigned char *audit = NULL;
	struct fetch_cond *cond = NULL;
	int color, rc;
	int fetching = 0, status;
	const char *nc;

	/* a reader that stops reading is a failed write (status 3), not a
	 * death by SIGPIPE; libcurl's own sockets are NOSIGNAL already */
	signal(SIGPIPE, SIG_IGN);
	memset(&all, 0, sizeof(all));
	memset(&run, 0, sizeof(run));
	if ((rc = cli_parse(&cli, argc, argv)) != 0) {
		cli_release(&cli);
		return rc;
	}
	switch (cli.action) {
	case CLI_HELP:
		cli_help();
		goto done_action;
	case CLI_VERSION:
		cli_version();
		goto done_action;
	case CLI_LIST_RULES:
		cli_list_rules(cli.list_json);
		goto done_action;
	case CLI_EXPLAIN:
		cli_explain(cli.explain);
		goto done_action;
	case CLI_RUN:
		break;
	}
	if (cli.serve) {
		rc = serve_main(&cli);
		cli_release(&cli);
		cli_width_release();
		return rc;
	}
	run.start = run_now();
	run.out = cli.out;
	run.strict = cli.strict;
	run.verbose = cli.verbose;
	run.filt.ignore = &cli.ignore;
	run.filt.only = &cli.only;
	run.filt.sev = &cli.sev;
	run.limits = cli.limits;
	run.check_media = cli.check_media;
	run.fo = &cli.fo;
	run.jobs = cli.jobs;
	run.bounds.max_time_s = cli.fo.max_time_s;
	run.bounds.stall_s = cli.fo.stall_timeout_s;
	if ((rc = list_sources(&cli, argc, argv, &all, &nargs)) != 0) {
		src_release(&all);
		cli_release(&cli);
		return rc;
	}
	nc = getenv("NO_COLOR");
	color = cli.color;
	if (color < 0)
		color = run.out == OUT_TEXT && (!nc || !*nc) && isatty(STDOUT_FILENO);
	run.ro.color = color && run.out == OUT_TEXT;
	run.ro.min = cli.quiet ? DIAG_ERROR : DIAG_INFO;
	run.ro.excerpt = run.out == OUT_TEXT && cli.excerpt;
	run.ro.chatty = run.out == OUT_TEXT && !cli.quiet;
	run.ro.strict = cli.strict;
	run.ro.byte_columns = run.out == OUT_GCC;
	run.ro.trace = cli.verbose || run.out == OUT_HTML;

	/* this shard's sources, in list order */
	run.src = calloc(all.n ? all.n : 1, sizeof(*run.src));
	run.slot = calloc(all.n ? all.n : 1, sizeof(*run.slot));
	run.url_src = calloc(all.n ? all.n : 1, sizeof(*run.url_src));
	run.html = calloc(all.n ? all.n : 1, sizeof(*run.html));
	run.held = calloc(all.n ? all.n : 1, sizeof(*run.held));
	urls = calloc(all.n ? all.n : 1, sizeof(*urls));
	audit = calloc(all.n ? all.n : 1, sizeof(*audit));
	cond = calloc(all.n ? all.n : 1, sizeof(*cond));
	if (!run.src || !run.slot || !run.url_src || !run.html || !run.held || !urls ||
	    !audit || !cond) {
		cli_error("fetch-internal", "%s", "out of memory");
		status = 3;
		goto abort;
	}
	for (i = 0; i < all.n; i++) {
		struct source *s;
		if (!src_in_shard(i, cli.shard_i, cli.shard_n))
			continue;
		s = &run.src[run.n];
		s->path = s->name = all.v[i];
		if (!strcmp(all.v[i], "-") && cli.stdin_filename)
			s->name = cli.stdin_filename;
		fc_result_init(&s->res);
		s->nofollow = (all.flags[i] & SRC_NOFOLLOW) != 0;
		if (all.err[i] && (all.flags[i] & SRC_NOTE)) {
			/* not read on purpose: a link below a folder */
			s->skipped = 1;
			ft_diag_add(&s->res.diags, DIAG_INFO, all.err_rule[i], s->name,
				    0, 0, "%s", all.err[i]);
		} else if (all.err[i]) {
			/* a problem found before reading: a folder, the list */
			s->read_failed = 1;
			s->fail_rule = all.err_rule[i];
			ft_diag_add(&s->res.diags, DIAG_ERROR, all.err_rule[i], s->name,
				    0, 0, "%s", all.err[i]);
		} else if (src_is_url(all.v[i]) && !src_is_file_url(all.v[i])) {
			run.url_src[nurls] = run.n;
			/* the audit's extra request: for the URLs named, not a
			 * list's polls, unless asked (feedcheck.1) */
			audit[nurls] = cli.audit == 1 || (cli.audit < 0 && i < nargs);
			urls[nurls++] = all.v[i];
		}
		run.n++;
	}
	run.progress = isatty(STDERR_FILENO) && run.n > 1;
	xmlInitParser();
	/* --check-media fetches for files too */
	if (nurls || cli.check_media)
		fetching = fetch_global_init() == 0;
	if (nurls && cli.cache_dir) {
		char *err;
		if (cache_open(cli.cache_dir, cli.cache_max, &run.cache, &err) < 0) {
			cli_error("cache-unusable", "%s", err ? err : "out of memory");
			free(err);
			status = 2;
			goto abort;
		}
		for (i = 0; i < nurls; i++)
			cache_lookup(run.cache, urls[i], &cond[i]);
		cli.fo.cond = run.cond = cond;
	}
	cli.fo.audit = audit;
	/* the files first: their reports wait for the URLs before them */
	cli.fo.cancel = &run.stop;
	if (cli.diff_old) {
		if (diff_run(&run, urls, nurls, fetching) < 0)
			run.oom = 1;
		goto reported;
	}
	/* the files first: their reports wait for the URLs before them */
	for (i = 0; i < run.n && !run.stop; i++) {
		struct source *s = &run.src[i];
		if (s->read_failed || s->skipped)
			run_finish_source(&run, i);
		else if (!src_is_url(s->path) || src_is_file_url(s->path))
			run_check_file(&run, i);
	}
	if (nurls && !run.stop) {
		if ((!fetching || fetch_many(urls, nurls, cli.jobs, &cli.fo,
					     run_url_done, &run) < 0) && !run.stop) {
			/* every URL not reported yet could not be fetched */
			for (i = 0; i < run.n; i++)
				if (!run.slot[i].done && !run.held[i].pending) {
					struct source *s = &run.src[i];
					s->read_failed = 1;
					s->fail_rule = "fetch-internal";
					ft_diag_add(&s->res.diags, DIAG_ERROR,
						 "fetch-internal", s->name, 0, 0,
						 "cannot fetch '%s': out of memory "
						 "or libcurl failed", s->name);
					run_finish_source(&run, i);
				}
		}
		/* the pages whose feed is followed, the media of the feeds */
		run_pending(&run);
	}
reported:
	run_progress_clear(&run);
	run_emit_ready(&run);
	if (run.out == OUT_JSON)
		run_print_json(&run, all.n != 1 || cli.urls_file);
	/* a report that could not be written is not memory that ran out:
	 * finish() says which write failed */
	if (run_print_end(&run) < 0 && cli_stdout_ok())
		run.oom = 1;
	if (run.oom) {
		cli_error("fetch-internal", "%s", "out of memory while reporting");
		run.status = 3;
	}
	status = run.status;
	xmlCleanupParser();
abort:
	cache_close(run.cache);
	for (i = 0; cond && i < nurls; i++)
		cache_cond_release(&cond[i]);
	free(cond);
	free(audit);
	if (fetching)
		fetch_global_cleanup();
	run_held_release(&run);
	run_release(&run);
	free(urls);
	src_release(&all);
	cli_release(&cli);
	cli_width_release();
	return finish(status);
done_action:
	cli_release(&cli);
	return finish(0);
}
