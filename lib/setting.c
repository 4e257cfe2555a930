/*
 * setting.c - sizes and "key = value" lines, as both programs read them
 * (setting.h).
 */
#include "setting.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"

int ft_parse_size(const char *s, unsigned long long max, unsigned long long *v)
{
	char *end;
	unsigned long long n;
	unsigned shift = 0;

	if (!IS_DIGIT(*s))
		return -1;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || end == s)
		return -1;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	default: break;
	}
	if (*end == 'B' || *end == 'b')
		end++;
	/* n << shift <= max, without the shift wrapping */
	if (*end || n == 0 || n > max >> shift)
		return -1;
	*v = n << shift;
	return 0;
}

/* s without the white space at its end (NULs written over it) */
static void trim_end(char *s)
{
	char *end = s + strlen(s);

	while (end > s && IS_SPACE(end[-1]))
		*--end = '\0';
}

int ft_kv_split(char *line, char **key, char **value)
{
	char *s = line, *eq;

	while (IS_SPACE(*s))
		s++;
	if (!*s || *s == '#')
		return 0;
	trim_end(s);
	*key = s;
	*value = NULL;
	if ((eq = strchr(s, '=')) != NULL) {
		*eq = '\0';
		for (eq++; IS_SPACE(*eq); eq++)
			;
		*value = eq;
	}
	trim_end(*key);
	return 1;
}
