/*
 * date.c - civil dates, RFC 3339 and RFC 822 forms, time zones (date.h).
 */
#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "ascii.h"

/* Howard Hinnant's civil-from-days algorithms (public domain). */
long long ft_days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void ft_civil_from_days(long long z, long long *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

int ft_days_in_month(long long y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static int digits(const char *s, int n, int *v)
{
	int i, r = 0;
	for (i = 0; i < n; i++) {
		if (!IS_DIGIT(s[i]))
			return -1;
		r = r * 10 + (s[i] - '0');
	}
	*v = r;
	return 0;
}

int ft_date_parse_rfc3339(const char *s, long long *local, int *off,
		       int *has_off)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, oh, om;
	const char *p;
	size_t n;

	while (IS_SPACE(*s))
		s++;
	n = strlen(s);
	while (n && IS_SPACE(s[n - 1]))
		n--;
	if (n < 10 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
	    s[7] != '-' || digits(s + 8, 2, &d))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > ft_days_in_month(y, mo))
		return -1;
	p = s + 10;
	*has_off = 0;
	*off = 0;
	if (p < s + n) {
		if (*p != 'T' && *p != 't' && *p != ' ')
			return -1;
		p++;
		if (s + n - p < 5 || digits(p, 2, &h) || p[2] != ':' ||
		    digits(p + 3, 2, &mi))
			return -1;
		p += 5;
		if (p < s + n && *p == ':') {
			if (s + n - p < 3 || digits(p + 1, 2, &sec))
				return -1;
			p += 3;
			if (p < s + n && *p == '.') {
				p++;
				if (p >= s + n || !IS_DIGIT(*p))
					return -1;
				while (p < s + n && IS_DIGIT(*p))
					p++;
			}
		}
		/* RFC 3339 section 5.6 allows a leap second, 60 */
		if (h > 23 || mi > 59 || sec > 60)
			return -1;
		if (p < s + n) {
			if ((*p == 'Z' || *p == 'z') && p + 1 == s + n) {
				*has_off = 1;
			} else if ((*p == '+' || *p == '-') && s + n - p == 6 &&
				   !digits(p + 1, 2, &oh) && p[3] == ':' &&
				   !digits(p + 4, 2, &om) && oh < 24 && om < 60) {
				*has_off = 1;
				*off = (oh * 3600 + om * 60) * (*p == '-' ? -1 : 1);
			} else {
				return -1;
			}
		}
	}
	*local = ft_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 +
		 (sec == 60 ? 59 : sec);
	return 0;
}

static void split(const struct fdate *d, long long *y, int *mo, int *dd,
		  int *h, int *mi, int *s, int *wday)
{
	long long local = d->t + d->off;
	long long days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	long long rem = local - days * 86400;

	ft_civil_from_days(days, y, mo, dd);
	*h = (int)(rem / 3600);
	*mi = (int)(rem % 3600 / 60);
	*s = (int)(rem % 60);
	/* 1970-01-01 was a Thursday */
	*wday = (int)(((days % 7) + 11) % 7);
}

/* Digits written by hand: snprintf() with nine fields costs some 4,000
 * instructions, and a feed writes two dates an entry.  Years outside
 * 0000-9999 go through snprintf(). */
static char *put2(char *p, int v)
{
	*p++ = (char)('0' + v / 10 % 10);
	*p++ = (char)('0' + v % 10);
	return p;
}

/* YYYY-MM-DD, for a year 0000-9999 */
static char *put_ymd(char *p, long long y, int mo, int dd)
{
	p = put2(p, (int)(y / 100));
	p = put2(p, (int)(y % 100));
	*p++ = '-';
	p = put2(p, mo);
	*p++ = '-';
	return put2(p, dd);
}

static char *put_off(char *p, int off, int colon)
{
	int a = off < 0 ? -off : off;

	*p++ = off < 0 ? '-' : '+';
	p = put2(p, a / 3600 % 100);
	if (colon)
		*p++ = ':';
	return put2(p, a % 3600 / 60);
}

void ft_date_format_rfc3339(const struct fdate *d, char out[32])
{
	long long y;
	int mo, dd, h, mi, s, wd, a = d->off < 0 ? -d->off : d->off;
	char *p = out;

	split(d, &y, &mo, &dd, &h, &mi, &s, &wd);
	if (y < 0 || y > 9999 || a >= 100 * 3600) {
		if (d->off == 0)
			snprintf(out, 32, "%04lld-%02d-%02dT%02d:%02d:%02dZ", y, mo, dd,
				 h, mi, s);
		else
			snprintf(out, 32, "%04lld-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
				 y, mo, dd, h, mi, s, d->off < 0 ? '-' : '+', a / 3600,
				 a % 3600 / 60);
		return;
	}
	p = put_ymd(p, y, mo, dd);
	*p++ = 'T';
	p = put2(p, h);
	*p++ = ':';
	p = put2(p, mi);
	*p++ = ':';
	p = put2(p, s);
	if (d->off == 0)
		*p++ = 'Z';
	else
		p = put_off(p, d->off, 1);
	*p = '\0';
}

void ft_date_format_rfc822(const struct fdate *d, char out[40])
{
	static const char *const wdn[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
					   "Fri", "Sat" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
					   "Jun", "Jul", "Aug", "Sep", "Oct",
					   "Nov", "Dec" };
	long long y;
	int mo, dd, h, mi, s, wd, a = d->off < 0 ? -d->off : d->off;
	char *p = out;

	split(d, &y, &mo, &dd, &h, &mi, &s, &wd);
	if (y < 0 || y > 9999 || a >= 100 * 3600) {
		snprintf(out, 40, "%s, %02d %s %04lld %02d:%02d:%02d %c%02d%02d",
			 wdn[wd], dd, mon[mo - 1], y, h, mi, s, d->off < 0 ? '-' : '+',
			 a / 3600, a % 3600 / 60);
		return;
	}
	memcpy(p, wdn[wd], 3);
	p += 3;
	*p++ = ',';
	*p++ = ' ';
	p = put2(p, dd);
	*p++ = ' ';
	memcpy(p, mon[mo - 1], 3);
	p += 3;
	*p++ = ' ';
	p = put2(p, (int)(y / 100));
	p = put2(p, (int)(y % 100));
	*p++ = ' ';
	p = put2(p, h);
	*p++ = ':';
	p = put2(p, mi);
	*p++ = ':';
	p = put2(p, s);
	*p++ = ' ';
	p = put_off(p, d->off, 0);
	*p = '\0';
}

void ft_date_format_ymd(const struct fdate *d, char out[11])
{
	long long y;
	int mo, dd, h, mi, s, wd;
	char *p = out;

	split(d, &y, &mo, &dd, &h, &mi, &s, &wd);
	if (y < 0 || y > 9999) {
		snprintf(out, 11, "%04lld-%02d-%02d", y, mo, dd);
		return;
	}
	p = put_ymd(p, y, mo, dd);
	*p = '\0';
}

int ft_tz_parse(const char *s, struct tzspec *tz)
{
	int oh, om;
	size_t n = strlen(s);
	char path[128];
	struct stat st;

	memset(tz, 0, sizeof(*tz));
	if (!strcmp(s, "Z") || !strcmp(s, "UTC") || !strcmp(s, "GMT")) {
		tz->fixed = 1;
		return 0;
	}
	if ((s[0] == '+' || s[0] == '-') &&
	    ((n == 6 && !digits(s + 1, 2, &oh) && s[3] == ':' &&
	      !digits(s + 4, 2, &om)) ||
	     (n == 5 && !digits(s + 1, 2, &oh) && !digits(s + 3, 2, &om)) ||
	     (n == 3 && !digits(s + 1, 2, &oh) && !(om = 0))) &&
	    oh < 24 && om < 60) {
		tz->fixed = 1;
		tz->off = (oh * 3600 + om * 60) * (s[0] == '-' ? -1 : 1);
		return 0;
	}
	/* A zone name: letters, digits, '/', '_', '-', '+'; no "..". */
	if (n == 0 || n >= sizeof(tz->name) || s[0] == '/' || strstr(s, ".."))
		return -1;
	for (const char *p = s; *p; p++)
		if (!IS_ALNUM(*p) && *p != '/' && *p != '_' && *p != '-' &&
		    *p != '+')
			return -1;
	/* glibc silently treats an unknown TZ as UTC, so look first */
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", s);
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return -1;
	memcpy(tz->name, s, n + 1);
	if (setenv("TZ", s, 1) < 0)
		return -1;
	tzset();
	return 0;
}

int ft_tz_offset_utc(const struct tzspec *tz, long long t)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (tz->fixed)
		return tz->off;
	if (!localtime_r(&tt, &tm))
		return 0;
	return (int)tm.tm_gmtoff;
}

int ft_tz_offset_local(const struct tzspec *tz, long long local)
{
	int off;

	if (tz->fixed)
		return tz->off;
	/* Guess with the offset at local-as-UTC, then correct once: right
	 * everywhere but inside a transition's gap or overlap, where it picks
	 * one of the two readings as mktime would. */
	off = ft_tz_offset_utc(tz, local);
	off = ft_tz_offset_utc(tz, local - off);
	return off;
}
