/*
 * volatile.c - query parameters whose value changes from one visit or one
 * generator run to the next (analytics and session ids), for --profile
 * readers: an id or permalink that holds one is rewritten, and readers,
 * which key items on it, show the item again (rules/rules_readers.c,
 * readers-volatile-id).  The list is feedcheck's own.
 */
#include <string.h>

#include "value.h"

const char *fc_readers_volatile(const char *s)
{
	static const char *const names[] = { "fbclid", "gclid", "dclid",
		"msclkid", "mc_cid", "mc_eid", "_ga", "igshid", "sessionid",
		"phpsessid", "jsessionid", "sid", NULL };
	const char *q = strpbrk(s, "?;");
	size_t i, n;

	/* the parameters of the query, and ";jsessionid=" in the path */
	while (q && *q && *q != '#') {
		q++;
		n = strcspn(q, "=&;#");
		if (n > 4 && fc_strncase_eq(q, "utm_", 4))
			return "utm_*";
		for (i = 0; names[i]; i++)
			if (strlen(names[i]) == n && fc_strncase_eq(q, names[i], n))
				return names[i];
		q += strcspn(q, "&;#");
	}
	return NULL;
}
