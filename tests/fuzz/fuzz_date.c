/*
 * fuzz_date.c - ft_date_parse_rfc3339() and the formatters, and ft_tz_parse().
 *
 * A parsed date formatted as RFC 3339 and parsed again must be the same
 * instant with the same offset; its RFC 822 form must show the same wall
 * clock.  ft_tz_parse() may set TZ for names found under /usr/share/zoneinfo.
 */
#include <stdio.h>

#include "date.h"
#include "fuzz.h"

static void check_rfc822(const struct fdate *d, const char *r3339,
			 const char *r822)
{
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
					   "Jun", "Jul", "Aug", "Sep", "Oct",
					   "Nov", "Dec" };
	static const char *const wdn[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
					   "Fri", "Sat" };
	long long y, y2, days;
	int mo, dd, h, mi, s, sign, oh, om, wd;
	char want[40], wday[4], mname[4];
	int a = d->off < 0 ? -d->off : d->off;

	FUZZ_CHECK(sscanf(r3339, "%lld-%d-%dT%d:%d:%d", &y, &mo, &dd, &h, &mi,
			  &s) == 6, "RFC 3339 form does not scan");
	FUZZ_CHECK(mo >= 1 && mo <= 12, "month out of range");
	/* an independent weekday: days since the epoch, 1970-01-01 a Thursday */
	days = ft_days_from_civil(y, mo, dd);
	wd = (int)(((days % 7) + 7 + 4) % 7);
	sign = d->off < 0 ? '-' : '+';
	oh = a / 3600;
	om = a % 3600 / 60;
	snprintf(want, sizeof(want), "%s, %02d %s %04lld %02d:%02d:%02d %c%02d%02d",
		 wdn[wd], dd, mon[mo - 1], y, h, mi, s, sign, oh, om);
	FUZZ_CHECK(strcmp(want, r822) == 0, "RFC 822 form disagrees with RFC 3339 form");
	FUZZ_CHECK(sscanf(r822, "%3s, %*d %3s %lld", wday, mname, &y2) == 3 && y2 == y,
		   "RFC 822 form does not scan");
}

static void round_trip(const char *s)
{
	long long local, local2;
	int off, has_off, off2, has_off2;
	struct fdate d;
	char r3339[32], r822[40], ymd[11];

	if (ft_date_parse_rfc3339(s, &local, &off, &has_off) < 0)
		return;
	FUZZ_CHECK(has_off || off == 0, "offset set without one in the text");
	FUZZ_CHECK(off > -86400 && off < 86400, "offset of a day or more");
	d.t = local - off;
	d.off = off;
	ft_date_format_rfc3339(&d, r3339);
	FUZZ_CHECK(ft_date_parse_rfc3339(r3339, &local2, &off2, &has_off2) == 0,
		   "formatted date does not parse");
	FUZZ_CHECK(has_off2, "formatted date has no offset");
	FUZZ_CHECK(off2 == off, "offset changed in a round trip");
	FUZZ_CHECK(local2 - off2 == d.t, "instant changed in a round trip");
	ft_date_format_rfc822(&d, r822);
	check_rfc822(&d, r3339, r822);
	ft_date_format_ymd(&d, ymd);
	FUZZ_CHECK(strncmp(ymd, r3339, 10) == 0, "YYYY-MM-DD differs from RFC 3339 form");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size);
	struct tzspec tz;

	round_trip(s);
	if (ft_tz_parse(s, &tz) == 0) {
		unsigned long long h = 0;
		long long t;
		int off;
		size_t i;

		FUZZ_CHECK(tz.fixed || (tz.name[0] && strlen(tz.name) < sizeof(tz.name)),
			   "zone without a name");
		if (tz.fixed)
			FUZZ_CHECK(tz.off > -86400 && tz.off < 86400, "fixed offset of a day or more");
		/* an instant from the input's bytes, within years 0 to 9999 */
		for (i = 0; i < size; i++)
			h = h * 31 + data[i];
		t = (long long)(h % (253402300800ULL + 62167219200ULL)) -
		    62167219200LL;
		off = ft_tz_offset_utc(&tz, t);
		FUZZ_CHECK(off > -86400 && off < 86400, "zone offset of a day or more");
		off = ft_tz_offset_local(&tz, t);
		FUZZ_CHECK(off > -86400 && off < 86400, "zone offset of a day or more");
	}
	free(s);
	return 0;
}
