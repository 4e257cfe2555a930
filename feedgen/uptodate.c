/*
 * uptodate.c - what lets a run with nothing changed stop at once: the
 * output key (every option that shapes the feeds), the published files
 * as the last run left them, and the clock (no article's release come, no
 * correction leaving the corrections feed); and the parse key, which
 * decides whether pages unchanged since the last run may be taken from
 * the state.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "options.h"
#include "fnv.h"
#include "run.h"
#include "state.h"

/* What decides how pages are read: a change re-reads every page. */
void uptodate_parse_key(const struct run *r, char out[17])
{
	uint64_t h = FT_FNV_INIT;
	size_t i;

	h = ft_fnv1a_str(h, FEED_VERSION);
	/* the ids' authority (the state's, whatever the base URL's host) */
	h = ft_fnv1a_str(h, r->authority ? r->authority : r->host);
	/* what an article's relative URLs are resolved against */
	h = ft_fnv1a_str(h, r->base);
	h = ft_fnv1a_str(h, r->tmpl);
	h = ft_fnv1a_str(h, r->asset_tmpl ? r->asset_tmpl : "\x01");
	h = ft_fnv1a_str(h, opt_get(&r->opt, OPT_TZ));
	/* what an article's date and release are made of */
	h = ft_fnv1a_str(h, opt_get(&r->opt, OPT_PUBLISH_TIME));
	h = ft_fnv1a_str(h, r->embargo ? "embargo" : "no embargo");
	h = ft_fnv1a_str(h, r->encoding);
	/* a photo's thumbnail is looked for when its page is read; pages
	 * and sections left out are not stored */
	h = ft_fnv1a_str(h, r->thumb_pattern ? r->thumb_pattern : "\x01");
	for (i = 0; i < r->nexclude; i++)
		h = ft_fnv1a_str(h, r->exclude[i]);
	/* the page-to-section map is applied as pages are stored */
	for (i = 0; i < r->opt.nmap; i++)
		if (!strncmp(r->opt.map_key[i], "section.", 8)) {
			h = ft_fnv1a_str(h, r->opt.map_key[i]);
			h = ft_fnv1a_str(h, r->opt.map_value[i]);
		}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* What decides the output besides the pages: the options (not where the
 * feeds go: the state is the absolute output folder's own). */
void uptodate_output_key(const struct run *r, char out[17])
{
	uint64_t h = FT_FNV_INIT;
	size_t i;
	int k;

	for (k = 0; k < OPT__COUNT; k++)
		if (k != OPT_QUIET && k != OPT_DRY_RUN && k != OPT_WAIT &&
		    k != OPT_CONFIG && k != OPT_HELP && k != OPT_VERSION &&
		    k != OPT_STATE && k != OPT_OUTPUT && k != OPT_ACCEPT_NEW_IDS &&
		    k != OPT_ID_AUTHORITY)
			h = ft_fnv1a_str(h, opt_get(&r->opt, (enum opt_id)k) ?
				   opt_get(&r->opt, (enum opt_id)k) : "\x01");
	for (i = 0; i < r->opt.nmap; i++) {
		h = ft_fnv1a_str(h, r->opt.map_key[i]);
		h = ft_fnv1a_str(h, r->opt.map_value[i]);
	}
	for (k = 0; k < r->opt.nargs; k++)
		h = ft_fnv1a_str(h, r->opt.args[k]);
	h = ft_fnv1a_str(h, FEED_VERSION);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static long long mtime_ns(const struct stat *st)
{
	return (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
}

/* state_outputs_each: is the file as the last run left it? */
static int intact(void *arg, const char *rel, const struct state_output *o)
{
	const struct run *r = arg;
	struct stat st;

	if (o->size < 0 || r->outfd < 0 ||
	    fstatat(r->outfd, rel, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
	    !S_ISREG(st.st_mode) || st.st_size != o->size || mtime_ns(&st) != o->mtime)
		return 1;
	return 0;
}

static int count_output(void *arg, const char *rel, const struct state_output *o)
{
	(void)rel;
	(void)o;
	(*(long long *)arg)++;
	return 0;
}

/* Does time passing change a feed: a correction older than the
 * corrections feed's days since the last run that published (the
 * releases are r->released)?  1 or 0 (an error: 1, the run does it). */
static int clock_moved(struct run *r)
{
	char *v;
	long long last, days = r->corrections_days * 86400LL;

	if (!r->corrections_days || !(v = state_get(r->st, "clock")))
		return 0;
	last = strtoll(v, NULL, 10);
	free(v);
	return state_corrections_between(r->st, last - days, r->now.t - days) != 0;
}

long long uptodate_outputs(struct run *r)
{
	long long n = 0;

	return state_outputs_each(r->st, count_output, &n) != 0 ? -1 : n;
}

int uptodate_nothing_to_do(struct run *r, const char *key)
{
	char *old;
	int same;

	if (r->pages_changed || r->released)
		return 0;
	old = state_get(r->st, "output-key");
	same = old && !strcmp(old, key);
	free(old);
	if (!same || uptodate_outputs(r) <= 0)
		return 0;
	/* files a run killed before their removal left */
	old = state_get(r->st, "stale");
	same = !old || !*old;
	free(old);
	if (!same || clock_moved(r))
		return 0;
	return state_outputs_each(r->st, intact, r) == 0;
}

int uptodate_remember(struct run *r, struct outsets *sets, const char *key)
{
	size_t s;
	int i;

	if (state_begin(r->st) < 0)
		return -1;
	for (s = 0; s < sets->n; s++)
		for (i = 0; i < 3; i++) {
			struct outfile *f = &sets->v[s].f[i];
			struct state_output so;
			struct stat st;
			if (!f->rel || sets->v[s].skip)
				continue;
			if (state_output_get(r->st, f->rel, &so) != 1)
				goto fail;
			if (fstatat(r->outfd, f->rel, &st, AT_SYMLINK_NOFOLLOW) == 0) {
				so.size = (long long)st.st_size;
				so.mtime = mtime_ns(&st);
			}
			if (state_output_set(r->st, f->rel, &so) < 0)
				goto fail;
		}
	if (state_set(r->st, "output-key", key) < 0 ||
	    (r->stale && state_set(r->st, "stale", "") < 0) || state_commit(r->st) < 0)
		goto fail;
	return 0;
fail:
	state_rollback(r->st);
	return -1;
}
