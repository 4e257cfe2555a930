/* Dates: RFC 3339 parsing, RFC 822 / RFC 3339 output, zones. */
#include <stdlib.h>

#include "date.h"
#include "test.h"

int main(void)
{
	long long local;
	int off, has;
	struct fdate d;
	struct tzspec tz;
	char out[40];

	CHECK(ft_date_parse_rfc3339("2022-07-15T06:30:00+08:00", &local, &off, &has) == 0,
	      "RFC 3339 with offset parses");
	CHECK(has && off == 8 * 3600, "offset +08:00");
	CHECK_INT(local, 1657866600, "wall clock seconds");
	CHECK(ft_date_parse_rfc3339("2022-07-15T06:30:00.123Z", &local, &off, &has) == 0 &&
	      has && off == 0, "fractions and Z");
	CHECK(ft_date_parse_rfc3339(" 2022-07-15 ", &local, &off, &has) == 0 && !has,
	      "a full date, no offset");
	CHECK(ft_date_parse_rfc3339("2022-07-15T06:30", &local, &off, &has) == 0 && !has,
	      "date-time without seconds or offset");
	CHECK(ft_date_parse_rfc3339("2022-02-29", &local, &off, &has) < 0, "2022-02-29 rejected");
	CHECK(ft_date_parse_rfc3339("2024-02-29", &local, &off, &has) == 0, "2024-02-29 accepted");
	CHECK(ft_date_parse_rfc3339("2022-07-15T25:00:00Z", &local, &off, &has) < 0, "hour 25 rejected");
	CHECK(ft_date_parse_rfc3339("2022-07-15T06:30:00+0800", &local, &off, &has) < 0,
	      "offset without colon is not RFC 3339");
	CHECK(ft_date_parse_rfc3339("15 Jul 2022", &local, &off, &has) < 0, "not RFC 3339");
	CHECK(ft_date_parse_rfc3339("2022-07-15x", &local, &off, &has) < 0, "trailing junk");

	d.t = 1657866600 - 8 * 3600;
	d.off = 8 * 3600;
	ft_date_format_rfc3339(&d, out);
	CHECK_STR(out, "2022-07-15T06:30:00+08:00", "RFC 3339 keeps the zone");
	ft_date_format_rfc822(&d, out);
	CHECK_STR(out, "Fri, 15 Jul 2022 06:30:00 +0800", "RFC 822, English names, numeric zone");
	d.off = -(5 * 3600 + 30 * 60);
	ft_date_format_rfc822(&d, out);
	CHECK_STR(out, "Thu, 14 Jul 2022 17:00:00 -0530", "negative offset with minutes");
	d.off = 0;
	ft_date_format_rfc3339(&d, out);
	CHECK_STR(out, "2022-07-14T22:30:00Z", "UTC as Z");
	d.t = -86400;
	ft_date_format_rfc822(&d, out);
	CHECK_STR(out, "Wed, 31 Dec 1969 00:00:00 +0000", "before the epoch");

	CHECK(ft_tz_parse("+08:00", &tz) == 0 && tz.fixed && tz.off == 28800, "+08:00");
	CHECK(ft_tz_parse("-0530", &tz) == 0 && tz.off == -19800, "-0530");
	CHECK(ft_tz_parse("UTC", &tz) == 0 && tz.off == 0, "UTC");
	CHECK(ft_tz_parse("Mars/Olympus", &tz) < 0, "unknown zone name rejected");
	CHECK(ft_tz_parse("../../etc/passwd", &tz) < 0, "path in a zone name rejected");
	CHECK(ft_tz_parse("+25:00", &tz) < 0, "offset out of range rejected");
	if (ft_tz_parse("Asia/Shanghai", &tz) == 0) {
		CHECK_INT(ft_tz_offset_utc(&tz, 1657843200), 28800, "Asia/Shanghai is +08:00");
		CHECK(ft_tz_parse("America/New_York", &tz) == 0, "America/New_York");
		CHECK_INT(ft_tz_offset_utc(&tz, 1657843200), -4 * 3600, "EDT in July");
		CHECK_INT(ft_tz_offset_local(&tz, ft_days_from_civil(2022, 1, 15) * 86400), -5 * 3600,
			  "EST for a January wall clock");
	} else {
		CHECK(0, "tzdata is installed (Asia/Shanghai)");
	}
	CHECK_INT(ft_days_from_civil(1970, 1, 1), 0, "epoch day");
	CHECK_INT(ft_days_from_civil(2022, 7, 15), 19188, "2022-07-15");
	return TEST_DONE();
}
