/*
 * date.c - date checkers, each pure (0 valid): RFC 822 (RFC 1123) dates
 * of RSS, RFC 3339 §5.6 date-times of Atom, W3C-DTF of Dublin Core.
 */
#include "value.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ascii.h"
#include "date.h"

/* ---- RFC 822 (RFC 1123) dates, RSS 2.0 "pubDate" ---- */

static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May",
	"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
static const char *const wdays[] = { "Thu", "Fri", "Sat", "Sun", "Mon",
	"Tue", "Wed" };   /* 1970-01-01 was a Thursday */

/*
 * RFC 822 §5.1: [day ","] date time zone; date = 1*2DIGIT month 2DIGIT
 * (RFC 1123 §5.2.14: four-digit years); time = hh:mm[:ss]; zone = UT / GMT
 * / EST / EDT / CST / CDT / MST / MDT / PST / PDT / 1ALPHA / (+|-)hhmm.
 * Returns 0 valid, -1 invalid, -2 valid except the day of the week.
 * *problem is set when the date is valid but uses a form readers misread.
 */
static int rfc822_parse(const char *s, long long *t, int *problem);

int fc_rfc822_check(const char *s, long long *t, int *problem)
{
	char buf[256];
	size_t i, n = 0;
	int depth = 0, rc;

	/* RFC 822 §3.4.3: comments and folding white space may appear
	 * between tokens */
	if (!strchr(s, '(') && !strchr(s, '\t') && !strchr(s, '\n') &&
	    !strchr(s, '\r'))
		return rfc822_parse(s, t, problem);
	if (strlen(s) >= sizeof(buf))
		return -1;
	for (i = 0; s[i] && n + 1 < sizeof(buf); i++) {
		if (s[i] == '\\' && depth && s[i + 1]) {
			i++;
			continue;
		}
		if (s[i] == '(') {
			if (!depth++)
				buf[n++] = ' ';
		} else if (s[i] == ')' && depth) {
			depth--;
		} else if (!depth) {
			buf[n++] = IS_SPACE(s[i]) ? ' ' : s[i];
		}
	}
	buf[n] = '\0';
	if (depth)
		return -1;
	rc = rfc822_parse(buf, t, problem);
	if (strchr(s, '('))
		*problem = 1;
	return rc;
}

static int rfc822_parse(const char *s, long long *t, int *problem)
{
	const char *p = s;
	int dow = -1, d, mo = -1, y, h, mi, sec = 0, i, off = 0, n;
	long long days;

	/* RFC 822 §3.4.2: one space between tokens; more is legal folding
	 * white space, but readers that split on one space misread it */
	*problem = strstr(s, "  ") != NULL;
	while (IS_SPACE(*p))
		p++;
	if (IS_ALPHA(p[0]) && IS_ALPHA(p[1]) && IS_ALPHA(p[2]) &&
	    !IS_ALPHA(p[3])) {
		for (i = 0; i < 7; i++)
			if (!strncmp(p, wdays[i], 3))
				dow = i;
		if (dow < 0) {
			for (i = 0; i < 7; i++)
				if (fc_strncase_eq(p, wdays[i], 3))
					dow = i;
			if (dow < 0)
				return -1;
			*problem = 1;
		}
		p += 3;
		while (*p == ' ')
			p++;
		if (*p != ',')
			return -1;
		p++;
		while (*p == ' ')
			p++;
	}
	while (*p == ' ')
		p++;
	for (n = 0; IS_DIGIT(p[n]); n++)
		;
	if (n < 1 || n > 2 || fc_ndigits(p, n, &d))
		return -1;
	if (n == 1)
		*problem = 1;   /* "1 Feb": readers that expect two digits */
	p += n;
	if (*p != ' ')
		return -1;
	while (*p == ' ')
		p++;
	for (i = 0; i < 12; i++)
		if (!strncmp(p, months[i], 3))
			mo = i + 1;
	if (mo < 0) {
		for (i = 0; i < 12; i++)
			if (fc_strncase_eq(p, months[i], 3))
				mo = i + 1;
		if (mo < 0)
			return -1;
		*problem = 1;
	}
	p += 3;
	if (*p != ' ')
		return -1;
	while (*p == ' ')
		p++;
	for (n = 0; IS_DIGIT(p[n]); n++)
		;
	if ((n != 2 && n != 4) || fc_ndigits(p, n, &y))
		return -1;
	if (n == 2) {
		*problem = 1;
		y += y < 50 ? 2000 : 1900;
	}
	p += n;
	if (*p != ' ')
		return -1;
	while (*p == ' ')
		p++;
	if (IS_DIGIT(p[0]) && p[1] == ':') {
		/* one-digit hour */
		*problem = 1;
		h = p[0] - '0';
		p--;
	} else if (fc_ndigits(p, 2, &h))
		return -1;
	if (0 || p[2] != ':' || fc_ndigits(p + 3, 2, &mi))
		return -1;
	p += 5;
	if (*p == ':') {
		if (fc_ndigits(p + 1, 2, &sec))
			return -1;
		p += 3;
	}
	if (h > 23 || mi > 59 || sec > 60)
		return -1;
	if (*p != ' ')
		return -1;
	while (*p == ' ')
		p++;
	if ((*p == '+' || *p == '-') && IS_DIGIT(p[1])) {
		int oh, om;
		if (fc_ndigits(p + 1, 2, &oh) || fc_ndigits(p + 3, 2, &om) || om > 59)
			return -1;
		off = (oh * 60 + om) * (*p == '-' ? -60 : 60);
		p += 5;
	} else {
		static const struct { const char *z; int h; } zones[] = {
			{ "UT", 0 }, { "GMT", 0 }, { "EST", -5 }, { "EDT", -4 },
			{ "CST", -6 }, { "CDT", -5 }, { "MST", -7 },
			{ "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
		};
		size_t zl = 0;
		while (IS_ALPHA(p[zl]))
			zl++;
		for (i = 0; i < 10; i++)
			if (strlen(zones[i].z) == zl && !strncmp(p, zones[i].z, zl))
				break;
		if (i == 10) {
			for (i = 0; i < 10; i++)
				if (strlen(zones[i].z) == zl &&
				    fc_strncase_eq(p, zones[i].z, zl))
					break;
			if (i < 10)
				*problem = 1;
		}
		if (i < 10) {
			off = zones[i].h * 3600;
		} else if (zl == 1 && *p != 'J' && *p != 'j' &&
			   (unsigned char)*p < 128) {
			*problem = 1;   /* military zones: RFC 1123 says unreliable */
		} else {
			return -1;
		}
		p += zl;
	}
	while (IS_SPACE(*p))
		p++;
	if (*p)
		return -1;
	if (mo < 1 || d < 1 || d > ft_days_in_month(y, mo))
		return -1;
	days = ft_days_from_civil(y, mo, d);
	if (t)
		*t = days * 86400 + h * 3600 + mi * 60 + sec - off;
	if (dow >= 0 && (int)(((days % 7) + 7) % 7) != dow)
		return -2;
	return 0;
}

/*
 * Plausible: not before 1990 and not more than a year after now (W3C
 * ImplausibleDate: a software error or a wrong clock).  Time-dependent by
 * nature; the tests use dates centuries away from either bound.
 */
#define PLAUSIBLE_FROM 631152000LL      /* 1990-01-01T00:00:00Z */
#define PLAUSIBLE_AHEAD (366LL * 86400)

int fc_date_plausible(long long t)
{
	return t >= PLAUSIBLE_FROM && t <= (long long)time(NULL) + PLAUSIBLE_AHEAD;
}

/* ---- RFC 3339 §5.6 date-time, strictly (Atom, RFC 4287 §3.3) ---- */

/*
 * The tail both date-time forms share: optional ".fraction" (dropped),
 * then "Z" or "+hh:mm"/"-hh:mm" (RFC 3339 §5.6 time-offset).  Advances *p;
 * *off is the offset in seconds.  -1 when the tail is malformed.
 */
static int frac_and_zone(const char **pp, int *off)
{
	const char *p = *pp;
	int oh, om;

	if (*p == '.') {
		p++;
		if (!IS_DIGIT(*p))
			return -1;
		while (IS_DIGIT(*p))
			p++;
	}
	if (*p == 'Z') {
		*off = 0;
		p++;
	} else if (*p == '+' || *p == '-') {
		if (fc_ndigits(p + 1, 2, &oh) || p[3] != ':' ||
		    fc_ndigits(p + 4, 2, &om) || oh > 23 || om > 59)
			return -1;
		*off = (oh * 3600 + om * 60) * (*p == '-' ? -1 : 1);
		p += 6;
	} else {
		return -1;
	}
	*pp = p;
	return 0;
}

int fc_rfc3339_check(const char *s, long long *t)
{
	int y, mo, d, h, mi, sec, off = 0;
	const char *p;

	if (fc_ndigits(s, 4, &y) || s[4] != '-' || fc_ndigits(s + 5, 2, &mo) ||
	    s[7] != '-' || fc_ndigits(s + 8, 2, &d) || s[10] != 'T' ||
	    fc_ndigits(s + 11, 2, &h) || s[13] != ':' || fc_ndigits(s + 14, 2, &mi) ||
	    s[16] != ':' || fc_ndigits(s + 17, 2, &sec))
		return -1;
	p = s + 19;
	if (frac_and_zone(&p, &off) < 0 || *p)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > ft_days_in_month(y, mo) ||
	    h > 23 || mi > 59 || sec > 60)
		return -1;
	if (t)
		*t = ft_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 +
		     sec - off;
	return 0;
}

/* ---- W3C-DTF (https://www.w3.org/TR/NOTE-datetime) ---- */

int fc_w3cdtf_check(const char *s, long long *t)
{
	int y, mo = 1, d = 1, h = 0, mi = 0, sec = 0, off = 0;
	const char *p = s;

	if (fc_ndigits(p, 4, &y))
		return -1;
	p += 4;
	if (*p == '-') {
		if (fc_ndigits(p + 1, 2, &mo) || mo < 1 || mo > 12)
			return -1;
		p += 3;
		if (*p == '-') {
			if (fc_ndigits(p + 1, 2, &d) || d < 1 ||
			    d > ft_days_in_month(y, mo))
				return -1;
			p += 3;
			if (*p == 'T') {
				if (fc_ndigits(p + 1, 2, &h) || p[3] != ':' ||
				    fc_ndigits(p + 4, 2, &mi) || h > 23 || mi > 59)
					return -1;
				p += 6;
				if (*p == ':') {
					if (fc_ndigits(p + 1, 2, &sec) || sec > 60)
						return -1;
					p += 3;
				} else if (*p == '.') {
					return -1;   /* a fraction needs seconds */
				}
				if (frac_and_zone(&p, &off) < 0)
					return -1;
			}
		}
	}
	if (*p)
		return -1;
	if (t)
		*t = ft_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 +
		     sec - off;
	return 0;
}
