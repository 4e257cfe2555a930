/*
 * date.h - calendar arithmetic, RFC 3339 dates read and written, RFC 822
 * dates written, time zones.
 *
 * Dates are kept as an instant (seconds since 1970-01-01T00:00:00Z) plus
 * the UTC offset they are shown in, so a date read as +08:00 is written as
 * +08:00 and never turned into UTC.  The arithmetic is done here, so that
 * results never depend on the machine's zone; the C library (localtime_r)
 * is asked only for the offsets of a zone name.
 */
#ifndef FEED_DATE_H
#define FEED_DATE_H

struct fdate {
	long long t;    /* instant, seconds since the epoch */
	int off;        /* offset east of UTC, seconds */
};

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
long long ft_days_from_civil(long long y, int m, int d);
void ft_civil_from_days(long long days, long long *y, int *m, int *d);
int ft_days_in_month(long long y, int m);

/*
 * Parse an RFC 3339 date-time ("2022-07-15T06:30:00+08:00", fractions
 * allowed and dropped, "Z" or a numeric offset), or a full date
 * "2022-07-15", or a date-time without an offset.  The whole string must
 * match, surrounding white space aside.  On success returns 0 and fills
 * *local with the wall-clock time as seconds since the epoch (as if it were
 * UTC) and *off with the offset, or *has_off = 0 when none was given.
 * Returns -1 when s is not such a date.
 */
int ft_date_parse_rfc3339(const char *s, long long *local, int *off,
		       int *has_off);

/* "2022-07-15T06:30:00+08:00" ("Z" when off is 0). */
void ft_date_format_rfc3339(const struct fdate *d, char out[32]);
/* "Fri, 15 Jul 2022 00:00:00 +0800" (RFC 822 as updated by RFC 1123) */
void ft_date_format_rfc822(const struct fdate *d, char out[40]);
/* "2022-07-15" of the date's own wall clock */
void ft_date_format_ymd(const struct fdate *d, char out[11]);

/*
 * A time zone: a fixed offset ("+08:00", "-0530", "Z", "UTC") or a zone
 * name from the tz database ("Asia/Shanghai").  Zone names are served by
 * the C library: ft_tz_parse() sets TZ for the whole process.
 */
struct tzspec {
	int fixed;      /* 1: off is the offset; 0: zone name in TZ */
	int off;
	char name[64];
};

/* Returns 0, or -1 when s is neither an offset nor a known zone name. */
int ft_tz_parse(const char *s, struct tzspec *tz);
/* Offset in force at the wall-clock time local (seconds, as if UTC). */
int ft_tz_offset_local(const struct tzspec *tz, long long local);
/* Offset in force at instant t. */
int ft_tz_offset_utc(const struct tzspec *tz, long long t);

#endif
