/*
 * podcast.c - the podcast namespace, https://podcastindex.org/namespace/1.0
 * ("RSS Namespace Extension for Podcasting", docs/tags/<tag>.md of the
 * podcast-namespace repository): where each tag goes and how often, its
 * required attributes and their value types and lists, its node value,
 * the children a container needs, and the lengths the tag documents ask
 * aggregators not to be given more than.  A tag in the wrong parent and a
 * tag the namespace does not define are warnings: the namespace keeps
 * growing.  podcast:liveItem is read as an item ("all tags that are valid
 * as children of a standard <item> tag are also valid as children here").
 */
#include "vocab.h"
#include "value.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "utf8.h"

#define CH BIT(CX_CHANNEL)
#define IT BIT(CX_ITEM)
#define P NS_PODCAST

static const struct elrule podcast_rules[] = {
	{ IT, P, "transcript", CX_LEAF, 0, 0, VT_EMPTY },
	{ CH, P, "locked", CX_LEAF, 0, 1, VT_ANY },
	{ CH | IT, P, "funding", CX_LEAF, 0, 0, VT_ANY },
	{ IT, P, "chapters", CX_LEAF, 0, 1, VT_EMPTY },
	{ IT, P, "soundbite", CX_LEAF, 0, 0, VT_ANY },
	{ CH | IT, P, "person", CX_LEAF, 0, 0, VT_ANY },
	{ CH | IT, P, "location", CX_LEAF, 0, 0, VT_ANY },
	{ IT, P, "season", CX_LEAF, 0, 1, VT_ANY },
	{ IT, P, "episode", CX_LEAF, 0, 1, VT_ANY },
	{ CH, P, "trailer", CX_LEAF, 0, 0, VT_ANY },
	{ CH | IT, P, "license", CX_LEAF, 0, 1, VT_ANY },
	{ IT, P, "alternateEnclosure", CX_PC_ALTENC, 0, 0, VT_NONE },
	{ BIT(CX_PC_ALTENC), P, "source", CX_LEAF, 0, 0, VT_EMPTY },
	{ BIT(CX_PC_ALTENC), P, "integrity", CX_LEAF, 0, 1, VT_EMPTY },
	{ CH, P, "guid", CX_LEAF, 0, 1, VT_ANY },
	{ CH | IT, P, "value", CX_PC_VALUE, 0, 0, VT_NONE },
	{ BIT(CX_PC_VALUE) | BIT(CX_PC_VTS), P, "valueRecipient", CX_LEAF, 0, 0,
	  VT_EMPTY },
	{ BIT(CX_PC_VALUE), P, "valueTimeSplit", CX_PC_VTS, 0, 0, VT_NONE },
	{ CH, P, "medium", CX_LEAF, 0, 1, VT_ANY },
	{ CH | IT, P, "images", CX_LEAF, 0, 1, VT_EMPTY },
	{ CH, P, "liveItem", CX_ITEM, 0, 0, VT_NONE },
	{ IT, P, "contentLink", CX_LEAF, 0, 0, VT_ANY },
	{ CH | IT, P, "socialInteract", CX_LEAF, 0, 0, VT_EMPTY },
	{ CH, P, "block", CX_LEAF, 0, 0, VT_ANY },
	{ CH | IT, P, "txt", CX_LEAF, 0, 0, VT_ANY },
	{ CH | BIT(CX_PC_REMOTES) | BIT(CX_PC_VTS), P, "remoteItem", CX_LEAF, 0, 0,
	  VT_EMPTY },
	{ CH, P, "podroll", CX_PC_REMOTES, 0, 1, VT_NONE },
	{ CH, P, "publisher", CX_PC_REMOTES, 0, 1, VT_NONE },
	{ CH, P, "updateFrequency", CX_LEAF, 0, 1, VT_ANY },
	{ CH, P, "podping", CX_LEAF, 0, 1, VT_EMPTY },
	{ CH | IT, P, "chat", CX_LEAF, 0, 1, VT_EMPTY },
	{ CH | IT, P, "image", CX_LEAF, 0, 0, VT_EMPTY },
	{ 0, 0, NULL, 0, 0, 0, 0 }
};

/* ---- value lists ---- */

/* medium.md: the mediums, their "L" list forms, and mixed */
static const char *const mediums[] = {
	"podcast", "music", "video", "film", "audiobook", "newsletter", "blog",
	"publisher", "course", "podcastL", "musicL", "videoL", "filmL",
	"audiobookL", "newsletterL", "blogL", "publisherL", "courseL", "mixed",
	NULL
};
static const char *const truefalse[] = { "true", "false", NULL };
static const char *const livestatus[] = { "pending", "live", "ended", NULL };
static const char *const integrity[] = { "sri", "pgp-signature", NULL };
static const char *const locrel[] = { "subject", "creator", NULL };
/* person.md: the Podcast Taxonomy Project's groups and roles
 * (taxonomy.json), compared without case */
static const char *const groups[] = {
	"creative direction", "cast", "writing", "audio production",
	"audio post-production", "administration", "visuals", "community",
	"misc.", "video production", "video post-production", NULL
};
static const char *const roles[] = {
	"director", "assistant director", "executive producer",
	"senior producer", "producer", "associate producer",
	"development producer", "creative director", "host", "co-host",
	"guest host", "guest", "voice actor", "narrator", "announcer",
	"reporter", "author", "editorial director", "co-writer", "writer",
	"songwriter", "guest writer", "story editor", "managing editor",
	"script editor", "script coordinator", "researcher", "editor",
	"fact checker", "translator", "translater", "transcriber", "logger",
	"studio coordinator", "technical director", "technical manager",
	"audio engineer", "remote recording engineer",
	"post production engineer", "audio editor", "sound designer",
	"foley artist", "composer", "theme music", "music production",
	"music contributor", "production coordinator", "booking coordinator",
	"production assistant", "content manager", "marketing manager",
	"sales representative", "sales manager", "graphic designer",
	"cover art designer", "social media manager", "consultant", "intern",
	"camera operator", "lighting designer", "camera grip",
	"assistant camera", "assistant editor", NULL
};

/* ---- attributes ---- */

enum akind {
	A_ANY, A_URL, A_URI, A_MIME, A_LANG, A_EMAIL, A_NNINT, A_INT, A_NUM,
	A_LIST, A_TAXONOMY, A_UUID, A_RFC822, A_ISO8601, A_RATIO, A_GEO, A_OSM,
	A_COUNTRY
};

struct pattr {
	const char *elem, *attr;
	unsigned char required;   /* 1 required */
	unsigned char kind;       /* enum akind */
	unsigned char max;        /* characters the tag docs ask for, 0 any */
	const char *const *list;  /* A_LIST, A_TAXONOMY */
};

static const struct pattr attrs[] = {
	{ "transcript", "url", 1, A_URL, 0, NULL },
	{ "transcript", "type", 1, A_MIME, 0, NULL },
	{ "transcript", "language", 0, A_LANG, 0, NULL },
	{ "locked", "owner", 0, A_EMAIL, 0, NULL },
	{ "funding", "url", 1, A_URL, 0, NULL },
	{ "chapters", "url", 1, A_URL, 0, NULL },
	{ "chapters", "type", 1, A_MIME, 0, NULL },
	{ "soundbite", "startTime", 1, A_NUM, 0, NULL },
	{ "soundbite", "duration", 1, A_NUM, 0, NULL },
	{ "person", "role", 0, A_TAXONOMY, 0, roles },
	{ "person", "group", 0, A_TAXONOMY, 0, groups },
	{ "person", "img", 0, A_URL, 0, NULL },
	{ "person", "href", 0, A_URL, 0, NULL },
	{ "location", "rel", 0, A_LIST, 0, locrel },
	{ "location", "geo", 0, A_GEO, 0, NULL },
	{ "location", "osm", 0, A_OSM, 0, NULL },
	{ "location", "country", 0, A_COUNTRY, 0, NULL },
	{ "season", "name", 0, A_ANY, 128, NULL },
	{ "episode", "display", 0, A_ANY, 32, NULL },
	{ "trailer", "url", 1, A_URL, 0, NULL },
	{ "trailer", "pubdate", 1, A_RFC822, 0, NULL },
	{ "trailer", "length", 0, A_NNINT, 0, NULL },
	{ "trailer", "type", 0, A_MIME, 0, NULL },
	{ "trailer", "season", 0, A_NNINT, 0, NULL },
	{ "license", "url", 0, A_URL, 0, NULL },
	{ "alternateEnclosure", "type", 1, A_MIME, 0, NULL },
	{ "alternateEnclosure", "length", 0, A_NNINT, 0, NULL },
	{ "alternateEnclosure", "bitrate", 0, A_NUM, 0, NULL },
	{ "alternateEnclosure", "height", 0, A_NNINT, 0, NULL },
	{ "alternateEnclosure", "lang", 0, A_LANG, 0, NULL },
	{ "alternateEnclosure", "title", 0, A_ANY, 32, NULL },
	{ "alternateEnclosure", "rel", 0, A_ANY, 32, NULL },
	{ "alternateEnclosure", "default", 0, A_LIST, 0, truefalse },
	{ "source", "uri", 1, A_URI, 0, NULL },
	{ "source", "contentType", 0, A_MIME, 0, NULL },
	{ "integrity", "type", 1, A_LIST, 0, integrity },
	{ "integrity", "value", 1, A_ANY, 0, NULL },
	{ "value", "type", 1, A_ANY, 0, NULL },
	{ "value", "method", 1, A_ANY, 0, NULL },
	{ "value", "suggested", 0, A_NUM, 0, NULL },
	{ "valueRecipient", "type", 1, A_ANY, 0, NULL },
	{ "valueRecipient", "address", 1, A_ANY, 0, NULL },
	{ "valueRecipient", "split", 1, A_NNINT, 0, NULL },
	{ "valueRecipient", "fee", 0, A_LIST, 0, truefalse },
	{ "valueTimeSplit", "startTime", 1, A_NUM, 0, NULL },
	{ "valueTimeSplit", "duration", 1, A_NUM, 0, NULL },
	{ "valueTimeSplit", "remoteStartTime", 0, A_NUM, 0, NULL },
	{ "valueTimeSplit", "remotePercentage", 0, A_NUM, 0, NULL },
	{ "images", "srcset", 1, A_ANY, 0, NULL },
	{ "liveItem", "status", 1, A_LIST, 0, livestatus },
	{ "liveItem", "start", 1, A_ISO8601, 0, NULL },
	{ "liveItem", "end", 0, A_ISO8601, 0, NULL },
	{ "contentLink", "href", 1, A_URI, 0, NULL },
	{ "socialInteract", "protocol", 1, A_ANY, 0, NULL },
	{ "socialInteract", "priority", 0, A_INT, 0, NULL },
	{ "socialInteract", "accountUrl", 0, A_URL, 0, NULL },
	{ "txt", "purpose", 0, A_ANY, 128, NULL },
	{ "remoteItem", "feedGuid", 1, A_UUID, 0, NULL },
	{ "remoteItem", "feedUrl", 0, A_URL, 0, NULL },
	{ "remoteItem", "medium", 0, A_LIST, 0, mediums },
	{ "updateFrequency", "complete", 0, A_LIST, 0, truefalse },
	{ "updateFrequency", "dtstart", 0, A_ISO8601, 0, NULL },
	{ "podping", "usesPodping", 0, A_LIST, 0, truefalse },
	{ "chat", "server", 1, A_ANY, 0, NULL },
	{ "chat", "protocol", 1, A_ANY, 0, NULL },
	{ "image", "href", 1, A_URL, 0, NULL },
	{ "image", "width", 0, A_NNINT, 0, NULL },
	{ "image", "height", 0, A_NNINT, 0, NULL },
	{ "image", "type", 0, A_MIME, 0, NULL },
	{ "image", "aspect-ratio", 0, A_RATIO, 0, NULL },
	{ "image", "purpose", 0, A_ANY, 128, NULL },
};
#define NATTRS (sizeof(attrs) / sizeof(attrs[0]))

/* ---- node values ---- */

enum tkind { T_TEXT, T_REQUIRED, T_YESNO, T_LIST, T_INT, T_NUM, T_UUID5 };

struct ptext {
	const char *elem;
	unsigned char kind;       /* enum tkind */
	unsigned short max;       /* characters, 0 any */
	const char *const *list;
};

static const struct ptext texts[] = {
	{ "locked", T_YESNO, 0, NULL },
	{ "funding", T_TEXT, 128, NULL },
	{ "soundbite", T_TEXT, 128, NULL },
	{ "person", T_REQUIRED, 128, NULL },
	{ "location", T_REQUIRED, 128, NULL },
	{ "season", T_INT, 0, NULL },
	{ "episode", T_NUM, 0, NULL },
	{ "trailer", T_REQUIRED, 128, NULL },
	{ "license", T_REQUIRED, 0, NULL },
	{ "guid", T_UUID5, 0, NULL },
	{ "medium", T_LIST, 0, mediums },
	{ "block", T_YESNO, 0, NULL },
	{ "txt", T_TEXT, 4000, NULL },
	{ "updateFrequency", T_TEXT, 128, NULL },
	{ "contentLink", T_TEXT, 0, NULL },
};
#define NTEXTS (sizeof(texts) / sizeof(texts[0]))

/* ---- value syntax ---- */

static int in_list(const char *v, const char *const *l, int nocase)
{
	size_t n = strlen(v);

	for (; *l; l++)
		if (nocase ? strlen(*l) == n && fc_strncase_eq(v, *l, n)
			   : !strcmp(v, *l))
			return 1;
	return 0;
}

/* A decimal number, not negative: 1*DIGIT ["." *DIGIT] or "." 1*DIGIT. */
static int num_ok(const char *s)
{
	size_t a = 0, b = 0;

	while (IS_DIGIT(s[a]))
		a++;
	if (s[a] == '.')
		while (IS_DIGIT(s[a + 1 + b]))
			b++;
	return (a || b) && !s[a + (s[a] == '.' ? 1 + b : 0)];
}

/* A signed decimal within [-lim, lim], up to the end or a delimiter in
 * end; *pp moves past it. */
static int coord(const char **pp, double lim, const char *end)
{
	const char *p = *pp;
	char *q;
	double v;

	if (*p == '-' || *p == '+')
		p++;
	if (!IS_DIGIT(*p))
		return 0;
	v = strtod(*pp, &q);
	if (q == *pp || (*q && !strchr(end, *q)) || v < -lim || v > lim)
		return 0;
	*pp = q;
	return 1;
}

/* RFC 5870 §3.3: "geo:" coordinates [";" params], lat and lon in range */
static int geo_ok(const char *s)
{
	const char *p = s + 4;

	if (!fc_strncase_eq(s, "geo:", 4) || !coord(&p, 90, ",") || *p++ != ',' ||
	    !coord(&p, 180, ",;"))
		return 0;
	if (*p == ',') {
		p++;
		if (!coord(&p, 1e9, ";"))
			return 0;
	}
	return !*p || *p == ';';
}

/* location.md: an OpenStreetMap type letter and id, "R113314", with an
 * optional "#" revision */
static int osm_ok(const char *s)
{
	size_t n;

	if (*s != 'N' && *s != 'W' && *s != 'R')
		return 0;
	if (!(n = strspn(s + 1, "0123456789")))
		return 0;
	s += 1 + n;
	if (*s == '#')
		return strspn(s + 1, "0123456789") && !s[1 + strspn(s + 1, "0123456789")];
	return !*s;
}

/* CSS <ratio>: a positive number, optionally "/" and another */
static int ratio_ok(const char *s)
{
	const char *slash = strchr(s, '/');
	char a[32];
	size_t n = slash ? (size_t)(slash - s) : strlen(s);

	while (n && s[n - 1] == ' ')
		n--;
	if (!n || n >= sizeof(a))
		return 0;
	memcpy(a, s, n);
	a[n] = '\0';
	if (!num_ok(a) || strtod(a, NULL) <= 0)
		return 0;
	if (!slash)
		return 1;
	for (s = slash + 1; *s == ' '; s++)
		;
	return num_ok(s) && strtod(s, NULL) > 0;
}

static int two(const char *s)
{
	return IS_DIGIT(s[0]) && IS_DIGIT(s[1]);
}

/*
 * ISO 8601 as the tag docs use it (liveItem start and end,
 * updateFrequency dtstart): YYYY-MM-DD, optionally "T" hh:mm[:ss[.frac]]
 * and "Z" or an offset +hh[:]mm ("2021-09-26T07:30:00.000-0600").
 */
static int iso8601_ok(const char *s)
{
	const char *p;

	if (strspn(s, "0123456789") != 4 || s[4] != '-' || !two(s + 5) ||
	    s[7] != '-' || !two(s + 8))
		return 0;
	p = s + 10;
	if (!*p)
		return 1;
	if (*p != 'T' && *p != 't')
		return 0;
	if (!two(p + 1) || p[3] != ':' || !two(p + 4))
		return 0;
	p += 6;
	if (*p == ':') {
		if (!two(p + 1))
			return 0;
		p += 3;
		if (*p == '.' || *p == ',') {
			if (!IS_DIGIT(p[1]))
				return 0;
			for (p++; IS_DIGIT(*p); p++)
				;
		}
	}
	if (*p == 'Z' || *p == 'z')
		return !p[1];
	if (*p != '+' && *p != '-')
		return !*p;
	if (!two(p + 1))
		return 0;
	p += 3;
	if (*p == ':')
		p++;
	return !*p || (two(p) && !p[2]);
}

/* guid.md: "The value is a UUIDv5": 8-4-4-4-12 hexadecimal digits, the
 * version digit 5, the variant bits 10 (RFC 4122 §4.1.1, §4.1.3) */
static int uuid5_ok(const char *s)
{
	return !fc_uuid_check(s) && s[14] == '5' && strchr("89abAB", s[19]);
}

/* ---- the checks ---- */

static void check_attrs(struct fc *fc, struct frame *f)
{
	size_t i;
	const char *v;
	const struct pattr *a;
	long long x;

	for (i = 0; i < NATTRS; i++) {
		a = &attrs[i];
		if (strcmp(a->elem, f->local))
			continue;
		if (!(v = fc_attr(f, NS_NONE, a->attr))) {
			/* socialInteract.md: protocol "disabled", nothing else */
			if (a->required && !(!strcmp(f->local, "socialInteract") &&
					     !strcmp(a->attr, "uri")))
				fc_report_at(fc, f, "podcast-missing-attribute",
					     "'%s' needs the attribute '%s'",
					     f->qname, a->attr);
			continue;
		}
		if (a->max && ft_utf8_chars(v, strlen(v)) > a->max)
			fc_report_at(fc, f, "podcast-too-long",
				     "'%s' of '%s' is longer than %u characters",
				     a->attr, f->qname, (unsigned)a->max);
		switch (a->kind) {
		case A_URL:
			fc_check_attr_value(fc, f, a->attr, VT_URL, v);
			break;
		case A_MIME:
			fc_check_attr_value(fc, f, a->attr, VT_MIME, v);
			break;
		case A_LANG:
			fc_check_attr_value(fc, f, a->attr, VT_LANG, v);
			break;
		case A_EMAIL:
			fc_check_attr_value(fc, f, a->attr, VT_EMAIL, v);
			break;
		case A_RFC822:
			fc_check_attr_value(fc, f, a->attr, VT_RFC822, v);
			break;
		case A_URI:
			/* any scheme: ipfs:, magnet:, https: */
			if (fc_uri_check(v, 1, 1, NULL) != URI_OK)
				fc_report_at(fc, f, "podcast-invalid-value",
					     "'%s' of '%s' must be an absolute URI: "
					     "'%.80s'", a->attr, f->qname, v);
			break;
		case A_NNINT:
		case A_INT:
			if (fc_int_check(v, a->kind == A_NNINT ? 0 : LLONG_MIN,
					 LLONG_MAX, &x))
				fc_report_at(fc, f, "podcast-invalid-value",
					     "'%s' of '%s' must be a%s integer: "
					     "'%.40s'", a->attr, f->qname,
					     a->kind == A_NNINT ? " non-negative" : "n",
					     v);
			break;
		case A_NUM:
			if (!num_ok(v))
				fc_report_at(fc, f, "podcast-invalid-value",
					     "'%s' of '%s' must be a non-negative "
					     "number: '%.40s'", a->attr, f->qname, v);
			break;
		case A_LIST:
		case A_TAXONOMY:
			if (!in_list(v, a->list, a->kind == A_TAXONOMY))
				fc_report_at(fc, f, a->kind == A_TAXONOMY ?
					     "podcast-taxonomy" : "podcast-invalid-value",
					     "'%s' of '%s' is not one of the %s: "
					     "'%.60s'", a->attr, f->qname,
					     a->kind == A_TAXONOMY ?
					     "Podcast Taxonomy's" : "values defined", v);
			break;
		case A_UUID:
			if (fc_uuid_check(v))
				fc_report_at(fc, f, "podcast-invalid-value",
					     "'%s' of '%s' must be a podcast:guid "
					     "(a UUID): '%.60s'", a->attr, f->qname, v);
			break;
		case A_ISO8601:
			if (!iso8601_ok(v))
				fc_report_at(fc, f, "podcast-invalid-value",
					     "'%s' of '%s' must be an ISO 8601 date "
					     "and time: '%.60s'", a->attr, f->qname, v);
			break;
		case A_RATIO:
			if (!ratio_ok(v))
				fc_report_at(fc, f, "podcast-invalid-value",
					     "'%s' of '%s' must be a ratio such as "
					     "1/1 or 16/9: '%.40s'", a->attr, f->qname, v);
			break;
		case A_GEO:
			if (!geo_ok(v))
				fc_report_at(fc, f, "podcast-invalid-value",
					     "'%s' of '%s' must be a geo URI "
					     "(RFC 5870) such as geo:30.2672,97.7431: "
					     "'%.60s'", a->attr, f->qname, v);
			break;
		case A_OSM:
			if (!osm_ok(v))
				fc_report_at(fc, f, "podcast-invalid-value",
					     "'%s' of '%s' must be an OpenStreetMap "
					     "type and id such as R113314: '%.40s'",
					     a->attr, f->qname, v);
			break;
		case A_COUNTRY:
			if (!IS_ALPHA(v[0]) || !IS_ALPHA(v[1]) || v[2])
				fc_report_at(fc, f, "podcast-invalid-value",
					     "'%s' of '%s' must be an ISO 3166-1 "
					     "alpha-2 country code: '%.40s'", a->attr,
					     f->qname, v);
			break;
		default:
			break;
		}
	}
}

/* The name of a podcast: element that is defined, in some parent. */
static const struct elrule *defined(const char *local)
{
	const struct elrule *r;

	for (r = podcast_rules; r->name; r++)
		if (!strcmp(r->name, local))
			return r;
	return NULL;
}

static void podcast_start(struct fc *fc, struct frame *f, void *state)
{
	struct frame *p;
	const char *v;

	(void)state;
	if (f->ns != NS_PODCAST)
		return;
	if (!f->rule) {
		p = fc_parent(fc, f);
		if (defined(f->local))
			fc_report_at(fc, f, "podcast-misplaced",
				     "'%s' does not belong in '%s'", f->qname,
				     p ? p->qname : "");
		else
			fc_report_at(fc, f, "podcast-unknown-element",
				     "'%s' is not an element of the podcast "
				     "namespace", f->qname);
		return;
	}
	check_attrs(fc, f);
	if (!strcmp(f->local, "images"))
		fc_report_at(fc, f, "podcast-deprecated",
			     "podcast:images is deprecated: use podcast:image");
	else if (!strcmp(f->local, "remoteItem") &&
		 (p = fc_parent(fc, f)) && !strcmp(p->local, "publisher") &&
		 (!(v = fc_attr(f, NS_NONE, "medium")) || strcmp(v, "publisher")))
		fc_report_at(fc, f, "podcast-invalid-value",
			     "the podcast:remoteItem of podcast:publisher needs "
			     "medium=\"publisher\"");
	else if (!strcmp(f->local, "updateFrequency") &&
		 (v = fc_attr(f, NS_NONE, "rrule"))) {
		/* RFC 5545 §3.3.10: "The FREQ rule part is REQUIRED" */
		if (!strstr(v, "FREQ="))
			fc_report_at(fc, f, "podcast-invalid-value",
				     "rrule of '%s' has no FREQ (RFC 5545 "
				     "section 3.3.10): '%.60s'", f->qname, v);
		if (strstr(v, "COUNT=") && !fc_attr(f, NS_NONE, "dtstart"))
			fc_report_at(fc, f, "podcast-missing-attribute",
				     "'%s' with a COUNT in its rrule needs the "
				     "attribute 'dtstart'", f->qname);
	}
}

static void check_text(struct fc *fc, struct frame *f, const struct ptext *t,
		       const char *s)
{
	long long x;

	if (t->max && ft_utf8_chars(s, strlen(s)) > t->max)
		fc_report_at(fc, f, "podcast-too-long",
			     "'%s' is longer than %u characters", f->qname,
			     (unsigned)t->max);
	switch (t->kind) {
	case T_REQUIRED:
		if (!*s)
			fc_report_at(fc, f, "podcast-blank-value",
				     "'%s' cannot be blank", f->qname);
		break;
	case T_YESNO:
		if (strcmp(s, "yes") && strcmp(s, "no"))
			fc_report_at(fc, f, "podcast-invalid-value",
				     "'%s' must be yes or no: '%.40s'", f->qname, s);
		break;
	case T_LIST:
		if (!in_list(s, t->list, 0))
			fc_report_at(fc, f, "podcast-invalid-value",
				     "'%s' is not one of the values defined: "
				     "'%.60s'", f->qname, s);
		break;
	case T_INT:
		if (fc_int_check(s, 0, LLONG_MAX, &x))
			fc_report_at(fc, f, "podcast-invalid-value",
				     "'%s' must be an integer: '%.40s'", f->qname, s);
		break;
	case T_NUM:
		if (!num_ok(s))
			fc_report_at(fc, f, "podcast-invalid-value",
				     "'%s' must be a decimal number: '%.40s'",
				     f->qname, s);
		break;
	case T_UUID5:
		if (!uuid5_ok(s))
			fc_report_at(fc, f, "podcast-invalid-guid",
				     "'%s' must be a version 5 UUID: '%.60s'",
				     f->qname, s);
		break;
	default:
		break;
	}
}

/* The children a container needs (tag docs, "Node value"). */
static void check_children(struct fc *fc, struct frame *f)
{
	unsigned long ri = fc_kids(f, NS_PODCAST, "remoteItem");
	unsigned long vr = fc_kids(f, NS_PODCAST, "valueRecipient");
	const char *need = NULL;

	if (!strcmp(f->local, "value") && !vr)
		need = "at least one podcast:valueRecipient";
	else if (!strcmp(f->local, "alternateEnclosure") &&
		 !fc_kids(f, NS_PODCAST, "source"))
		need = "at least one podcast:source";
	else if (!strcmp(f->local, "podroll") && !ri)
		need = "at least one podcast:remoteItem";
	else if (!strcmp(f->local, "publisher") && ri != 1)
		need = "exactly one podcast:remoteItem";
	else if (!strcmp(f->local, "valueTimeSplit") &&
		 (ri > 1 || (ri && vr) || (!ri && !vr)))
		need = "one podcast:remoteItem or podcast:valueRecipient elements";
	else if (!strcmp(f->local, "liveItem") &&
		 !fc_kids(f, NS_PODCAST, "contentLink"))
		need = "a podcast:contentLink, for the apps that cannot play "
		       "the stream";
	if (need)
		fc_report_at(fc, f, "podcast-missing-child", "'%s' needs %s",
			     f->qname, need);
}

static void podcast_end(struct fc *fc, struct frame *f, void *state)
{
	size_t i;
	char *s;

	(void)state;
	if (f->ns != NS_PODCAST || !f->rule || f->opaque)
		return;
	if (f->ctx != CX_LEAF) {
		check_children(fc, f);
		return;
	}
	for (i = 0; i < NTEXTS; i++)
		if (!strcmp(texts[i].elem, f->local))
			break;
	if (i == NTEXTS || !(s = fc_trim_dup(f->text.data ? f->text.data : "")))
		return;
	check_text(fc, f, &texts[i], s);
	free(s);
}

const struct fc_vocab fc_vocab_podcast = {
	.name = "podcast",
	.ns = BIT(NS_PODCAST),
	.rules = podcast_rules,
	.hooks = { podcast_start, podcast_end, NULL },
};
