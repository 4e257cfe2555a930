/*
 * churn.c - the churn guard, beside the shrink guard (publish.c): a run
 * that would publish many entries of the main feed under new ids while as
 * many ids it published before are gone is not published, because feed
 * readers, which tell entries by id, would show each of those articles
 * twice (a collection rebuilt, an edition folder renamed, a converter
 * that rewrote every page).  What counts (feedgen(1), "The churn guard"):
 *
 *   new   entries of the new main feed whose ids this run issued;
 *   gone  ids this run retired (their articles not recognised anywhere in
 *         their edition folder) that the last published main feed held,
 *         by its place in feed order (state_window_mark);
 *
 * and the guard trips when min(new, gone) is at least 5 and at least a
 * fifth of the new main feed's entries.  A new edition adds new ids and
 * pushes older entries out of the feed, but those are still in the state:
 * none is gone, and it never trips.
 */
#include <stdio.h>

#include "fsutil.h"
#include "run.h"
#include "state.h"

#define CHURN_MIN 5
#define CHURN_EXAMPLES 5

static void example(void *arg, const char *title, const char *old_id,
		    const char *new_id)
{
	const struct run *r = arg;

	if (*new_id)
		ft_message(stderr, r->outdir, 0, 0, DIAG_INFO, "churn-guard",
			   "'%s' was %s, would be %s",
			   title, old_id, new_id);
	else
		ft_message(stderr, r->outdir, 0, 0, DIAG_INFO, "churn-guard",
			   "'%s' was %s, is gone",
			   title, old_id);
}

int churn_guard(struct run *r, const struct outsets *sets)
{
	const struct outset *o = &sets->v[0];
	long long gone, fresh, c;

	if (r->accept_new_ids || !sets->n)
		return 0;
	if ((gone = state_retired_in_window(r->st)) < CHURN_MIN)
		return 0;
	if ((fresh = state_new_in_window(r->st, o->n)) < 0)
		return -2;
	c = fresh < gone ? fresh : gone;
	if (c < CHURN_MIN || c * 5 < o->n)
		return 0;
	ft_message(stderr, r->outdir, 0, 0, DIAG_ERROR, "churn-guard",
		   "%lld of the feed's %lld entries would have new ids while %lld ids it published are gone: feed readers would show those articles twice; not published (--accept-new-ids to publish them)",
		   fresh, o->n, gone);
	if (state_churn_examples(r->st, example, r, CHURN_EXAMPLES) < 0)
		return -2;
	return -1;
}

int churn_remember(struct run *r, const struct outsets *sets)
{
	return sets->n ? state_window_mark(r->st, sets->v[0].n, r->articles) : 0;
}
