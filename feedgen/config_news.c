/*
 * config_news.c - the settings a newsroom expects (feedgen(5), "Photos"
 * and "The newsroom's settings"): a photo's thumbnail beside it, a
 * summary-only feed, the feed's icon, logo and rights, pages and sections
 * left out, a byte budget for every feed file, the today's-paper set.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "ascii.h"
#include "ident.h"
#include "options.h"
#include "run.h"
#include "setting.h"

static int bad(struct diag_list *dl, const char *opt, const char *val,
	       const char *why)
{
	/* said by config_apply, which tells every usage error alike */
	options_invalid(dl, opt, val, why);
	return EXIT_USAGE;
}

/* An image URL setting: http or https, as every URL setting is. */
static int url_setting(struct diag_list *dl, const char *opt, const char **out,
		       const char *v)
{
	const char *why;
	char *h;

	*out = NULL;
	if (!v || !*v)
		return EXIT_OK;
	if (!url_is_http(v, &why) || !(h = base_url_host(v, &why)))
		return bad(dl, opt, v, why);
	free(h);
	*out = v;
	return EXIT_OK;
}

/* The patterns of --exclude, split at white space. */
static int split_patterns(struct run *r, const char *v)
{
	while (*v) {
		size_t n;
		char **nv;
		while (IS_SPACE(*v))
			v++;
		if (!*v)
			break;
		for (n = 0; v[n] && !IS_SPACE(v[n]); n++)
			;
		if (!(nv = ft_reallocarray(r->exclude, r->nexclude + 1, sizeof(*nv))))
			return -1;
		r->exclude = nv;
		if (!(nv[r->nexclude] = strndup(v, n)))
			return -1;
		r->nexclude++;
		v += n;
	}
	return 0;
}

int config_news(struct run *r, struct diag_list *dl)
{
	const char *v;
	int rc;

	r->thumb_pattern = opt_get(&r->opt, OPT_THUMBNAIL_PATTERN);
	if (r->thumb_pattern && (!*r->thumb_pattern ||
				 strpbrk(r->thumb_pattern, "/\\?#") ||
				 !strstr(r->thumb_pattern, "{stem}")))
		return bad(dl, "thumbnail-pattern", r->thumb_pattern,
			   "expected a file name beside the photo holding {stem} (and {ext}), such as {stem}_thumb.{ext}");
	v = opt_get(&r->opt, OPT_CONTENT);
	if (strcmp(v, "full") && strcmp(v, "summary"))
		return bad(dl, "content", v, "expected full or summary");
	r->summary_only = !strcmp(v, "summary");
	if ((rc = url_setting(dl, "icon", &r->icon, opt_get(&r->opt, OPT_ICON))) ||
	    (rc = url_setting(dl, "logo", &r->logo, opt_get(&r->opt, OPT_LOGO))))
		return rc;
	r->rights = opt_get(&r->opt, OPT_RIGHTS);
	if (r->rights && !*r->rights)
		r->rights = NULL;
	if ((v = opt_get(&r->opt, OPT_EXCLUDE)) && split_patterns(r, v) < 0) {
		ft_message(stderr, "feedgen", 0, 0, DIAG_ERROR, "out-of-memory",
			   "cannot read the options: out of memory");
		return EXIT_IO;
	}
	if ((v = opt_get(&r->opt, OPT_MAX_BYTES)) && *v) {
		unsigned long long x;
		/* a feed's head alone is about a kilobyte */
		if (ft_parse_size(v, 1ULL << 32, &x) < 0 || x < 4096)
			return bad(dl, "max-bytes", v,
				   "expected a size in bytes, with K, M or G, from 4K to 4G");
		r->max_bytes = (long long)x;
	}
	r->today = opt_flag(&r->opt, OPT_TODAY);
	return EXIT_OK;
}

void config_news_release(struct run *r)
{
	size_t i;

	for (i = 0; i < r->nexclude; i++)
		free(r->exclude[i]);
	free(r->exclude);
	r->exclude = NULL;
	r->nexclude = 0;
}

int config_excluded(const struct run *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nexclude; i++)
		if (fnmatch(r->exclude[i], name, 0) == 0)
			return 1;
	return 0;
}
