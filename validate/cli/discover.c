/*
 * discover.c - a URL that is a web page: follow the first feed it
 * announces (<link rel="alternate">, found by the rules library's page.c),
 * one hop, as the W3C validator does, and report on that feed instead,
 * saying so (html-feed-followed, info) and listing the page's other
 * feeds.  Files are not followed: their feeds are only listed.  Fetches
 * with the fetcher (fetch.c) after the run's URLs are in (run_pending).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "feedcheck.h"
#include "fetch.h"

static const struct fc_ref *first_feed(const struct fc_result *res)
{
	size_t i;

	for (i = 0; i < res->refs.n; i++)
		if (res->refs.v[i].kind == FC_REF_FEED)
			return &res->refs.v[i];
	return NULL;
}

int discover_wanted(const struct fc_result *res)
{
	size_t i;

	if (!first_feed(res))
		return 0;
	for (i = 0; i < res->diags.n; i++)
		if (!strcmp(res->diags.v[i].rule, "html-page"))
			return 1;
	return 0;
}

int discover_follow(struct check_run *r, size_t i)
{
	struct source *s = &r->src[i];
	struct held *h = &r->held[i];
	const struct fc_ref *ref = first_feed(&s->res);
	struct fc_result nr;
	struct fc_transport t;
	struct diag_list dl, head;
	const char *page = s->fetch && s->fetch->final_url ? s->fetch->final_url
							   : s->name;
	struct fetch_opts fo = *r->fo;
	char *url;
	size_t k;
	int rc = 0;

	/* absolute already, unless the page had no URL to resolve against */
	if (!(url = fetch_resolve(page, ref->url)) && !(url = strdup(ref->url)))
		return -1;
	if (strncmp(url, "http://", 7) && strncmp(url, "https://", 8)) {
		/* file: and the like: never opened on a page's word */
		ft_diag_add(&s->res.diags, DIAG_ERROR, "fetch-scheme-refused", s->name,
			    ref->line, ref->col, "the page announces '%s', which is not "
			    "an http or https URL: not followed (a URL that a document "
			    "names is never opened unless it is one)", url);
		free(url);
		return 0;
	}
	/* the page chose it: a hop of the address policy (addr.h) */
	fo.guard = 1;
	fo.origin = s->fetch ? &s->fetch->origin : NULL;
	ft_diag_list_init(&dl);
	if (fetch_url(url, &fo, &h->feed, &dl) < 0) {
		/* the page's report stays, with why its feed could not be had,
		 * a refusal at the <link> that announced it */
		for (k = 0; k < dl.n; k++)
			if (!strcmp(dl.v[k].rule, "fetch-address-refused") ||
			    !strcmp(dl.v[k].rule, "fetch-scheme-refused") ||
			    !strcmp(dl.v[k].rule, "http-redirect-bad")) {
				dl.v[k].line = ref->line;
				dl.v[k].column = ref->col;
			}
		ft_diag_list_move(&s->res.diags, &dl);
		ft_diag_list_release(&dl);
		free(url);
		return 0;
	}
	free(h->name);
	h->name = strdup(h->feed.final_url ? h->feed.final_url : url);
	if (!h->name) {
		ft_diag_list_release(&dl);
		free(url);
		return -1;
	}
	/* what the page says comes first: the hop, then the other feeds */
	ft_diag_list_init(&head);
	ft_diag_add(&head, DIAG_INFO, "html-feed-followed", h->name, 0, 0,
		    "'%s' is an HTML page: checked the feed it announces, '%s'",
		    page, h->name);
	for (k = 0; k < s->res.refs.n; k++) {
		const struct fc_ref *o = &s->res.refs.v[k];
		if (o->kind == FC_REF_FEED && o != ref)
			ft_diag_add(&head, DIAG_INFO, "html-feed-link", h->name, 0, 0,
				    "the page also announces '%s' (%s): not checked",
				    o->url, o->type ? o->type : "");
	}
	ft_diag_list_move(&head, &dl);
	ft_diag_list_release(&dl);
	fc_result_init(&nr);
	ft_diag_list_release(&nr.diags);
	nr.diags = head;
	t.media_type = h->feed.media_type;
	t.charset = h->feed.charset;
	t.url = h->feed.final_url;
	if (fc_check(h->feed.body ? h->feed.body : (const unsigned char *)"",
		     h->feed.len, h->name, &t, &r->limits, &nr) < 0) {
		ft_diag_add(&nr.diags, DIAG_ERROR, "validator-limit", h->name, 0, 0,
			    "out of memory");
		rc = -1;
	}
	/* the page's result and bytes give way to the feed's */
	fc_result_release(&s->res);
	s->res = nr;
	s->name = h->name;
	s->fetch = &h->feed;
	s->bytes = h->feed.body ? h->feed.body : (const unsigned char *)"";
	s->len = h->feed.len;
	fetch_result_release(&h->page);
	free(url);
	return rc;
}
