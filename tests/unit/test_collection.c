/*
 * test_collection.c - edition folders' names (collection.h): dates in the
 * years 0000 to 9999, names that are not dates, and names that look like
 * dates that do not exist, each said why.
 */
#include <string.h>

#include "collection.h"
#include "date.h"
#include "test.h"

int main(void)
{
	static const struct {
		const char *name;
		int want;
		const char *why;
	} cases[] = {
		{ "2022-07-15", 0, NULL },
		{ "20220715", 0, NULL },
		{ "2024-02-29", 0, NULL },
		{ "0000-01-01", 0, NULL },
		{ "9999-12-31", 0, NULL },
		{ "1899-12-31", 0, NULL },
		{ "2023-02-29", -2, "February 2023 has 28 days" },
		{ "2023-02-30", -2, "February 2023 has 28 days" },
		{ "2024-04-31", -2, "April 2024 has 30 days" },
		{ "2024-13-01", -2, "there is no month 13" },
		{ "20240001", -2, "there is no month 0" },
		{ "2024-01-00", -2, "there is no day 0" },
		{ "images", -1, NULL },
		{ "2024-1-01", -1, NULL },
		{ "2024_01_01", -1, NULL },
		{ "202401011", -1, NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long long days = -1;
		char why[64] = "";
		int r = edition_date(cases[i].name, &days, why, sizeof(why));
		CHECK(r == cases[i].want, "%s: %d", cases[i].name, r);
		if (cases[i].why)
			CHECK_STR(why, cases[i].why, cases[i].name);
	}
	{
		long long days;
		char why[64];
		long long y;
		int m, d;
		edition_date("0000-01-01", &days, why, sizeof(why));
		ft_civil_from_days(days, &y, &m, &d);
		CHECK(y == 0 && m == 1 && d == 1, "0000-01-01 is the first day of year 0");
	}
	return TEST_DONE();
}
