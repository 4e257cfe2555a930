/*
 * media.c - --check-media: fetch the artwork and each enclosure of a
 * checked podcast once (the fetcher, fetch.c: bounded in size and time,
 * a ranged GET that keeps only the first bytes), and say where the
 * server disagrees with the feed: a status that is not 2xx, a
 * Content-Type or size that is not the enclosure's, no byte ranges, and
 * artwork that is not a 1400-3000 px square JPEG or PNG in RGB (its header
 * read by image.c with libjpeg and libpng).  The findings go into the
 * source's result at the position of the element that names the file,
 * with the rule table's severity (a --profile's error).  Never runs
 * without the option.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ascii.h"
#include "cli.h"
#include "fetch.h"
#include "image.h"

#define MEDIA_MAX 200                   /* enclosures of one feed */
#define ENCLOSURE_RANGE "0-1023"
#define ENCLOSURE_KEEP 1024
#define ARTWORK_RANGE "0-524287"        /* a JPEG's frame header follows its */
#define ARTWORK_KEEP ((size_t)512 << 10) /* Exif and ICC data */
#define ARTWORK_MIN 1400                /* Apple, itunes:image */
#define ARTWORK_MAX 3000

struct mitem {
	const struct fc_ref *ref;       /* the first element naming it */
	char *url;                      /* resolved; owned */
};

struct mctx {
	struct source *s;
	struct mitem *v;
	unsigned profiles;
};

/* Add a finding of rule at ref's element, with the table's severity. */
static void add(struct mctx *m, const struct fc_ref *ref, const char *rule,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void add(struct mctx *m, const struct fc_ref *ref, const char *rule,
		const char *fmt, ...)
{
	const struct fc_rule *r = fc_rule_find(rule);
	enum diag_severity sev;
	va_list ap;

	if (!r)
		return;
	sev = r->severity;
	if (m->profiles & fc_rule_profiles(r->id))
		sev = DIAG_ERROR;
	va_start(ap, fmt);
	ft_diag_vadd(&m->s->res.diags, sev, r->id, m->s->name, ref ? ref->line : 0,
		     ref ? ref->col : 0, fmt, ap);
	va_end(ap);
}

/* the media type of a type attribute: no parameters, lower case */
static void bare_type(const char *t, char *buf, size_t n)
{
	size_t k = 0;

	while (t && IS_SPACE(*t))
		t++;
	for (; t && t[k] && t[k] != ';' && !IS_SPACE(t[k]) && k < n - 1; k++)
		buf[k] = (char)TO_LOWER(t[k]);
	buf[k] = '\0';
}

/* what the artwork's name says it is */
static enum image_format named_format(const char *url)
{
	const char *end = url + strcspn(url, "?#"), *dot = NULL, *p;
	size_t n;

	for (p = url; p < end; p++)
		if (*p == '.')
			dot = p + 1;
		else if (*p == '/')
			dot = NULL;
	if (!dot)
		return IMAGE_UNKNOWN;
	n = (size_t)(end - dot);
	if ((n == 3 && !strncasecmp(dot, "jpg", 3)) ||
	    (n == 4 && !strncasecmp(dot, "jpeg", 4)))
		return IMAGE_JPEG;
	if (n == 3 && !strncasecmp(dot, "png", 3))
		return IMAGE_PNG;
	return IMAGE_UNKNOWN;
}

static void check_artwork(struct mctx *m, const struct fc_ref *ref,
			  const struct fetch_result *r)
{
	struct image_info ii;
	enum image_format named = named_format(ref->url);
	int rc = image_probe(r->body, r->len, &ii);

	if (rc > 0) {
		add(m, ref, "artwork-format", "the artwork '%.200s' is not "
		    "a JPEG or PNG image (Content-Type '%.60s')", ref->url,
		    r->media_type ? r->media_type : "none");
		return;
	}
	if (rc < 0) {
		add(m, ref, "artwork-format", "the %s header of the artwork "
		    "cannot be read: %s", image_format_name(ii.format), ii.error);
		return;
	}
	if (named != IMAGE_UNKNOWN && named != ii.format)
		add(m, ref, "artwork-format", "the artwork is a %s, but its "
		    "name says %s", image_format_name(ii.format),
		    image_format_name(named));
	if (ii.width < ARTWORK_MIN || ii.height < ARTWORK_MIN ||
	    ii.width > ARTWORK_MAX || ii.height > ARTWORK_MAX)
		add(m, ref, "artwork-size", "the artwork is %lux%lu pixels: "
		    "Apple takes 1400x1400 to 3000x3000", ii.width, ii.height);
	if (ii.width != ii.height)
		add(m, ref, "artwork-not-square", "the artwork is %lux%lu "
		    "pixels, not square", ii.width, ii.height);
	if (ii.color != IMAGE_RGB)
		add(m, ref, "artwork-colorspace", "the artwork is %s, not RGB",
		    image_color_name(ii.color));
	if (ii.alpha)
		add(m, ref, "artwork-alpha", "the artwork PNG has %s",
		    ii.color == IMAGE_RGB || ii.color == IMAGE_GRAY ?
		    "an alpha channel or transparency" : "transparency");
}

static void check_enclosure(struct mctx *m, const struct fc_ref *ref,
			    const struct fetch_result *r)
{
	char want[80];

	bare_type(ref->type, want, sizeof(want));
	if (*want && r->media_type && strcmp(want, r->media_type))
		add(m, ref, "media-check-type", "the server says '%.60s' is "
		    "'%.60s'; the feed says '%s'", ref->url, r->media_type, want);
	if (ref->length > 0 && r->size >= 0 && r->size != ref->length)
		add(m, ref, "media-check-length", "the server says '%.100s' is "
		    "%lld bytes; the feed says %lld", ref->url, r->size,
		    ref->length);
	if (!r->partial)
		add(m, ref, "media-check-no-range", "'%.200s' answered a Range request "
		    "with status %ld and the whole file: no byte ranges", ref->url,
		    r->status);
}

static void media_done(size_t index, int ok, struct fetch_result *r,
		       struct diag_list *dl, void *ud)
{
	struct mctx *m = ud;
	const struct mitem *it = &m->v[index];
	const char *what = it->ref->kind == FC_REF_ARTWORK ? "the artwork" :
			   "the enclosure";

	(void)dl;   /* the fetcher's own findings say what the ones below do */
	if (ok < 0) {
		if (r->error_rule && (!strcmp(r->error_rule, "fetch-address-refused") ||
				      !strcmp(r->error_rule, "fetch-scheme-refused") ||
				      !strcmp(r->error_rule, "http-redirect-bad")))
			/* a refusal (addr.h; a redirect to file:), under its own
			 * rule */
			add(m, it->ref, r->error_rule, "%s: %s", what,
			    r->error ? r->error : "refused");
		else if (r->error_rule && !strcmp(r->error_rule, "http-status"))
			add(m, it->ref, "media-check-status", "%s '%.200s' answered "
			    "HTTP status %ld", what, it->url, r->status);
		else
			add(m, it->ref, "media-check-failed", "%s: %s", what,
			    r->error ? r->error : "cannot fetch");
		return;
	}
	if (it->ref->kind == FC_REF_ARTWORK)
		check_artwork(m, it->ref, r);
	else
		check_enclosure(m, it->ref, r);
}

/* stable order by position: media findings join those of the check */
static int by_pos(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/*
 * Fetch the urls of kind (ARTWORK or ENCLOSURE) with their bounds, each a
 * hop of the address policy (addr.h): the document chose them.
 */
static void fetch_kind(struct mctx *m, size_t n, const struct fetch_opts *fo,
		       int jobs, int artwork)
{
	struct fetch_opts o = *fo;
	const char **urls;
	size_t i;

	if (!n)
		return;
	if (!(urls = calloc(n, sizeof(*urls))))
		return;
	for (i = 0; i < n; i++)
		urls[i] = m->v[i].url;
	o.range = artwork ? ARTWORK_RANGE : ENCLOSURE_RANGE;
	o.keep = artwork ? ARTWORK_KEEP : ENCLOSURE_KEEP;
	o.media = 1;
	o.guard = 1;
	o.origin = m->s->fetch ? &m->s->fetch->origin : NULL;
	if (fetch_many(urls, n, jobs, &o, media_done, m) < 0)
		add(m, NULL, "media-check-failed", "cannot fetch the media: out of "
		    "memory or libcurl failed");
	free(urls);
}

void media_check(struct source *s, const struct fetch_opts *fo, int jobs,
		 unsigned profiles)
{
	const struct fc_refs *refs = &s->res.refs;
	struct mctx m;
	struct mitem *art = NULL, *enc = NULL;
	size_t i, k, nart = 0, nenc = 0, skipped = 0, first = s->res.diags.n;
	long long *keep;

	memset(&m, 0, sizeof(m));
	m.s = s;
	m.profiles = profiles;
	art = calloc(1, sizeof(*art));
	enc = calloc(MEDIA_MAX, sizeof(*enc));
	if (!art || !enc)
		goto abort;
	for (i = 0; i < refs->n; i++) {
		const struct fc_ref *ref = &refs->v[i];
		struct mitem *v = ref->kind == FC_REF_ARTWORK ? art : enc;
		size_t *nv = ref->kind == FC_REF_ARTWORK ? &nart : &nenc;
		size_t cap = ref->kind == FC_REF_ARTWORK ? 1 : MEDIA_MAX;
		char *u;

		if (ref->kind != FC_REF_ARTWORK && ref->kind != FC_REF_ENCLOSURE)
			continue;
		if (!(u = fetch_resolve(ref->base, ref->url)))
			continue;   /* not a URL: the check has said so */
		if (strncmp(u, "http://", 7) && strncmp(u, "https://", 8)) {
			/* file: and the like: never opened on a document's word */
			add(&m, ref, "fetch-scheme-refused", "%s '%.200s' is not an "
			    "http or https URL: not fetched (a URL that a document "
			    "names is never opened unless it is one)",
			    ref->kind == FC_REF_ARTWORK ? "the artwork" : "the enclosure",
			    u);
			free(u);
			continue;
		}
		for (k = 0; k < *nv && strcmp(v[k].url, u); k++)
			;
		if (k < *nv || *nv == cap) {
			skipped += k == *nv && ref->kind == FC_REF_ENCLOSURE;
			free(u);
			continue;
		}
		v[*nv].ref = ref;
		v[(*nv)++].url = u;
	}
	m.v = art;
	fetch_kind(&m, nart, fo, jobs, 1);
	m.v = enc;
	fetch_kind(&m, nenc, fo, jobs, 0);
	if (skipped || refs->dropped)
		add(&m, NULL, "media-check-skipped", "%zu enclosures not fetched: "
		    "--check-media fetches at most %d of one feed",
		    skipped + refs->dropped, MEDIA_MAX);
	/* in document order, stable: the offset field carries the order
	 * the findings came in, and is given back afterwards */
	keep = malloc((s->res.diags.n + 1) * sizeof(*keep));
	if (keep && s->res.diags.n > first) {
		struct diag_list *l = &s->res.diags;
		for (i = 0; i < l->n; i++) {
			keep[i] = l->v[i].offset;
			l->v[i].offset = (long long)i;
		}
		qsort(l->v, l->n, sizeof(l->v[0]), by_pos);
		for (i = 0; i < l->n; i++)
			l->v[i].offset = keep[l->v[i].offset];
	}
	free(keep);
abort:
	for (i = 0; art && i < nart; i++)
		free(art[i].url);
	for (i = 0; enc && i < nenc; i++)
		free(enc[i].url);
	free(art);
	free(enc);
}
