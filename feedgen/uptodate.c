/*
 * uptodate.c - the fingerprint that lets a run with nothing changed stop
 * at once: the options and every page's size and mtime, and the published
 * files as the last run left them; and the parse key, which decides
 * whether pages fresh in the state may be taken from there.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "options.h"
#include "run.h"
#include "state.h"

/* FNV-1a, for fingerprints */
static void fp_add(unsigned long long *h, const char *s)
{
	for (; s && *s; s++) {
		*h ^= (unsigned char)*s;
		*h *= 0x100000001b3ULL;
	}
	*h ^= 0xFF;
	*h *= 0x100000001b3ULL;
}

/* What decides how pages are read: a change re-reads every page. */
void uptodate_parse_key(const struct run *r, char out[17])
{
	unsigned long long h = 0xcbf29ce484222325ULL;
	fp_add(&h, FEED_VERSION);
	fp_add(&h, r->host);
	fp_add(&h, opt_get(&r->opt, OPT_TZ));
	fp_add(&h, r->encoding);
	snprintf(out, 17, "%016llx", h);
}

/* What decides the output: options and every page's size and mtime. */
void uptodate_fingerprint(const struct run *r, char out[17])
{
	unsigned long long h = 0xcbf29ce484222325ULL;
	char num[64];
	size_t i;
	int k;

	for (k = 0; k < OPT__COUNT; k++)
		if (k != OPT_QUIET && k != OPT_DRY_RUN && k != OPT_WAIT &&
		    k != OPT_CONFIG && k != OPT_HELP && k != OPT_VERSION)
			fp_add(&h, opt_get(&r->opt, (enum opt_id)k) ?
				   opt_get(&r->opt, (enum opt_id)k) : "\x01");
	for (i = 0; i < r->opt.nmap; i++) {
		fp_add(&h, r->opt.map_key[i]);
		fp_add(&h, r->opt.map_value[i]);
	}
	fp_add(&h, FEED_VERSION);
	for (i = 0; i < r->pages.n; i++) {
		fp_add(&h, r->pages.v[i].path);
		snprintf(num, sizeof(num), "%lld %lld", r->pages.v[i].size,
			 r->pages.v[i].mtime_ns);
		fp_add(&h, num);
	}
	snprintf(out, 17, "%016llx", h);
}

/* "rel size mtime_ns" lines of the published files, as they are now */
static char *outputs_now(const struct run *r, const char *list)
{
	struct buf b = BUF_INIT((size_t)16 << 20);
	const char *p = list;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *rel = strndup(p, n), *path;
		struct stat st;
		if (!rel)
			break;
		path = ft_xasprintf("%s/%s", r->outdir, rel);
		if (path && stat(path, &st) == 0)
			ft_buf_addf(&b, "%s %lld %lld\n", rel, (long long)st.st_size,
				 (long long)st.st_mtim.tv_sec * 1000000000LL +
				 st.st_mtim.tv_nsec);
		else
			ft_buf_addf(&b, "%s missing\n", rel);
		free(path);
		free(rel);
		p = nl ? nl + 1 : NULL;
	}
	return ft_buf_detach(&b);
}

int uptodate_remember(struct run *r, struct outsets *sets, const char *fp)
{
	struct buf names = BUF_INIT((size_t)16 << 20);
	char *sig;
	size_t s;
	int i, rc = -1;

	for (s = 0; s < sets->n; s++)
		for (i = 0; i < 3; i++)
			if (sets->v[s].f[i].fp)
				ft_buf_addf(&names, "%s\n", sets->v[s].f[i].rel);
	sig = outputs_now(r, names.data);
	if (sig && state_begin(r->st) == 0) {
		if (state_set(r->st, "fingerprint", fp) == 0 &&
		    state_set(r->st, "outputs", names.data ? names.data : "") == 0 &&
		    state_set(r->st, "outputs-sig", sig) == 0 &&
		    state_commit(r->st) == 0)
			rc = 0;
		else
			state_rollback(r->st);
	}
	free(sig);
	ft_buf_release(&names);
	return rc;
}

/* Nothing changed since the last run and the files are as it left them? */
int uptodate_nothing_to_do(struct run *r, const char *fp)
{
	char *old = state_get(r->st, "fingerprint");
	char *errs = state_get(r->st, "page-errors");
	char *list = NULL, *sig = NULL, *now = NULL;
	int same = 0;

	if (old && !strcmp(old, fp) && errs && !strcmp(errs, "0")) {
		list = state_get(r->st, "outputs");
		sig = state_get(r->st, "outputs-sig");
		now = list ? outputs_now(r, list) : NULL;
		same = sig && now && *list && !strcmp(sig, now);
	}
	free(old);
	free(errs);
	free(list);
	free(sig);
	free(now);
	return same;
}
