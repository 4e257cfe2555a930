/*
 * hub.c - WebSub that is not lost: after a run, the hub (--hub) is told of
 * every feed that changed and of every ping it did not take before; a
 * ping it does not take is remembered in the state and tried again on the
 * next runs (those with nothing else to do too) until it does.  A failure
 * is said once: at its first run without -q, or, with -q, once it has
 * lasted a day.  websub.c sends each ping.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "run.h"
#include "state.h"
#include "websub.h"

/* A failure that lasts this long is said even with -q. */
#define HUB_DOWN_LONG 86400

int hub_load(struct run *r)
{
	state_pings_release(r->pings, r->npings);
	r->pings = NULL;
	r->npings = 0;
	if (!r->hub || r->dry_run)
		return 0;
	return state_pings(r->st, r->hub, &r->pings, &r->npings);
}

/* One topic to ping, and what became of it. */
struct topic {
	const char *url;
	struct state_ping was;          /* .topic NULL: not pending before */
	struct state_ping now;
	int done;                       /* the hub took it */
};

static int add_topic(struct topic **v, size_t *n, size_t *alloc, const char *url)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (!strcmp((*v)[i].url, url))
			return 0;
	if (*n == *alloc) {
		struct topic *nv = ft_grow(*v, alloc, *n + 1, sizeof(*nv));
		if (!nv)
			return -1;
		*v = nv;
	}
	memset(&(*v)[*n], 0, sizeof(**v));
	(*v)[(*n)++].url = url;
	return 0;
}

void hub_ping(struct run *r, struct outsets *sets)
{
	struct topic *t = NULL;
	size_t n = 0, alloc = 0, i, s, failed = 0, said = 0;
	char err[CURL_ERROR_SIZE + 64], down[CURL_ERROR_SIZE + 64] = "";
	char first_err[CURL_ERROR_SIZE + 64] = "";
	const char *first = NULL;
	long long since = r->now.t;
	int k, f, unreachable = 0, write = 0;

	if (!r->hub || r->dry_run)
		return;
	for (s = 0; sets && s < sets->n; s++)
		for (f = 0; f < 3; f++) {
			struct outfile *o = &sets->v[s].f[f];
			if (o->rel && o->changed && !sets->v[s].is_archive &&
			    add_topic(&t, &n, &alloc, o->url) < 0)
				goto oom;
		}
	for (i = 0; i < r->npings; i++)
		if (add_topic(&t, &n, &alloc, r->pings[i].topic) < 0)
			goto oom;
	for (i = 0; i < n; i++) {
		size_t j;
		for (j = 0; j < r->npings; j++)
			if (!strcmp(r->pings[j].topic, t[i].url))
				t[i].was = r->pings[j];
		/* a hub that cannot be reached is not asked again in this
		 * run: the rest wait for the next */
		int tried = !unreachable;
		k = tried ? websub_ping(r->hub, t[i].url, err, sizeof(err)) : -2;
		if (k == 0) {
			t[i].done = 1;
			write |= t[i].was.topic != NULL;
			continue;
		}
		if (k == -2 && tried) {
			unreachable = 1;
			snprintf(down, sizeof(down), "%s", err);
		}
		t[i].now = t[i].was;
		if (!t[i].was.topic)
			t[i].now.since = r->now.t;
		t[i].now.tries += tried;
		/* said once: at the first failure, or with -q once it has
		 * lasted a day */
		if (!t[i].now.said && (!r->quiet || r->now.t - t[i].now.since >= HUB_DOWN_LONG)) {
			t[i].now.said = 1;
			if (!said++) {
				first = t[i].url;
				since = t[i].now.since;
				snprintf(first_err, sizeof(first_err), "%s", tried ? err : down);
			}
		}
		failed++;
		write = 1;
	}
	if (said) {
		char d[32];
		struct fdate sd = { since, r->now.off };
		ft_date_format_rfc3339(&sd, d);
		if (since < r->now.t)
			ft_message(stderr, r->hub, 0, 0, DIAG_WARNING, "websub-ping-failed",
				   "WebSub pings have failed since %s: %s (%s%s); tried again on the next runs until the hub takes them",
				   d, first_err, first, failed > 1 ? " and others" : "");
		else
			ft_message(stderr, r->hub, 0, 0, DIAG_WARNING, "websub-ping-failed",
				   "WebSub ping for %s failed: %s%s; tried again on the next runs until the hub takes it",
				   first, first_err, failed > 1 ? " (and others)" : "");
	}
	if (write) {
		/* what became of them, in a transaction of its own: the
		 * feeds are out already */
		int bad = state_begin(r->st) < 0;
		for (i = 0; !bad && i < n; i++) {
			if (t[i].done)
				bad = t[i].was.topic && state_ping_set(r->st, r->hub, t[i].url, NULL) < 0;
			else
				bad = state_ping_set(r->st, r->hub, t[i].url, &t[i].now) < 0;
		}
		if (bad || state_commit(r->st) < 0) {
			ft_message(stderr, r->state_path, 0, 0, DIAG_WARNING, "state-write",
				   "cannot remember the WebSub pings to try again: %s",
				   state_error(r->st));
			state_rollback(r->st);
		}
	}
	free(t);
	return;
oom:
	free(t);
	ft_message(stderr, r->hub, 0, 0, DIAG_WARNING, "out-of-memory",
		   "cannot ping the WebSub hub: out of memory");
}
