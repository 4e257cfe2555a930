/*
 * feedcheck - validate RSS, Atom and JSON feeds, from files or over HTTP.
 *
 * main.c is the orchestration: read the command line (options.c), list the
 * sources and keep this shard's (sources.c), check the files, then fetch
 * the URLs with fetch_many() at most -j at once (fetch.c) and check each
 * as it comes; run.c filters the findings (--ignore, --only, -q) and
 * prints them in the chosen format (report.c), in the order of the
 * sources.  The exit status is 0 (no errors), 1 (errors; warnings too with
 * --strict), 2 (usage) or 3 (a source's bytes could not be obtained).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/parser.h>

#include "cli.h"
#include "feedcheck.h"
#include "fetch.h"
#include "report.h"

static int finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "feedcheck: error writing standard output: %s\n",
			strerror(errno));
		return status > 2 ? status : 3;
	}
	return status;
}

int main(int argc, char **argv)
{
	struct cli cli;
	struct run run;
	struct srclist all = { NULL, NULL, 0, 0 };
	const char **urls = NULL;
	size_t i, nurls = 0;
	int color, rc, stdin_src = 0;
	int fetching = 0, status;
	const char *nc;
	char *err;

	if ((rc = cli_parse(&cli, argc, argv)) != 0)
		return rc;
	switch (cli.action) {
	case CLI_HELP:
		cli_help();
		return finish(0);
	case CLI_VERSION:
		cli_version();
		return finish(0);
	case CLI_LIST_RULES:
		cli_list_rules();
		return finish(0);
	case CLI_EXPLAIN:
		cli_explain(cli.explain);
		return finish(0);
	case CLI_RUN:
		break;
	}
	memset(&run, 0, sizeof(run));
	run.out = cli.out;
	run.strict = cli.strict;
	run.filt.ignore = &cli.ignore;
	run.filt.only = &cli.only;
	run.limits = cli.limits;
	run.check_media = cli.check_media;
	run.fo = &cli.fo;
	run.jobs = cli.jobs;
	for (i = (size_t)cli.first; i < (size_t)argc; i++) {
		if (!strcmp(argv[i], "-"))
			stdin_src = 1;
		if (src_add(&all, argv[i], 0) < 0) {
			src_release(&all);
			fputs("feedcheck: out of memory\n", stderr);
			return 3;
		}
	}
	if (cli.urls_file) {
		if (stdin_src && !strcmp(cli.urls_file, "-")) {
			src_release(&all);
			return cli_usage_error("%s", "standard input cannot be both "
					       "--urls - and a SOURCE");
		}
		if ((rc = src_read_urls(cli.urls_file, &all, &err)) != 0) {
			fprintf(stderr, "feedcheck: %s\n", err ? err : "out of memory");
			free(err);
			src_release(&all);
			return rc == 2 ? cli_usage_error("bad --urls file '%s'",
							 cli.urls_file) : rc;
		}
	}
	nc = getenv("NO_COLOR");
	color = cli.color;
	if (color < 0)
		color = run.out == OUT_TEXT && (!nc || !*nc) && isatty(STDOUT_FILENO);
	run.ro.color = color && run.out == OUT_TEXT;
	run.ro.min = cli.quiet ? DIAG_ERROR : DIAG_INFO;

	/* this shard's sources, in list order */
	run.src = calloc(all.n ? all.n : 1, sizeof(*run.src));
	run.slot = calloc(all.n ? all.n : 1, sizeof(*run.slot));
	run.url_src = calloc(all.n ? all.n : 1, sizeof(*run.url_src));
	run.held = calloc(all.n ? all.n : 1, sizeof(*run.held));
	urls = calloc(all.n ? all.n : 1, sizeof(*urls));
	if (!run.src || !run.slot || !run.url_src || !run.held || !urls) {
		fputs("feedcheck: out of memory\n", stderr);
		status = 3;
		goto abort;
	}
	for (i = 0; i < all.n; i++) {
		if (!src_in_shard(i, cli.shard_i, cli.shard_n))
			continue;
		run.src[run.n].name = all.v[i];
		fc_result_init(&run.src[run.n].res);
		if (src_is_url(all.v[i])) {
			run.url_src[nurls] = run.n;
			urls[nurls++] = all.v[i];
		}
		run.n++;
	}
	run.progress = isatty(STDERR_FILENO) && run.n > 1;
	xmlInitParser();
	/* --check-media fetches for files too */
	if (nurls || cli.check_media)
		fetching = fetch_global_init() == 0;
	/* the files first: their reports wait for the URLs before them */
	for (i = 0; i < run.n; i++)
		if (!src_is_url(run.src[i].name))
			run_check_file(&run, i);
	if (nurls) {
		if (!fetching || fetch_many(urls, nurls, cli.jobs, &cli.fo,
					    run_url_done, &run) < 0) {
			/* every URL not reported yet could not be fetched */
			for (i = 0; i < run.n; i++)
				if (!run.slot[i].done && !run.held[i].pending) {
					struct fc_source *s = &run.src[i];
					s->read_failed = 1;
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
	run_progress_clear(&run);
	run_emit_ready(&run);
	if (run.out == OUT_JSON)
		run_print_json(&run, all.n != 1 || cli.urls_file);
	if (run.out == OUT_JUNIT &&
	    fc_report_junit(stdout, run.src, run.n, &run.ro) < 0)
		fputs("feedcheck: cannot write the JUnit report\n", stderr);
	if (run.oom) {
		fputs("feedcheck: out of memory while reporting\n", stderr);
		run.status = 3;
	}
	status = run.status;
	xmlCleanupParser();
abort:
	if (fetching)
		fetch_global_cleanup();
	for (i = 0; run.src && i < run.n; i++)
		fc_result_release(&run.src[i].res);
	for (i = 0; run.slot && i < run.n; i++) {
		free(run.slot[i].out);
		json_decref(run.slot[i].json);
	}
	free(run.src);
	free(run.slot);
	free(run.url_src);
	run_held_release(&run);
	free(urls);
	src_release(&all);
	return finish(status);
}
