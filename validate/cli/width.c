/*
 * width.c - how many terminal columns a character takes: wcwidth() in a
 * UTF-8 locale of the program's own (newlocale, used around the call
 * only, so that nothing else in the program ever sees a locale: parsing
 * stays ASCII, sfeed's habit).  East Asian wide and fullwidth characters
 * take two columns, combining marks none (Unicode UAX #11, as glibc's
 * tables give them).
 *
 * wcwidth is X/Open: _XOPEN_SOURCE=700 (the Makefile).
 */
#include <locale.h>
#include <wchar.h>

#include "cli.h"

static locale_t utf8_locale;
static int tried;

int cli_cp_width(uint32_t cp)
{
	locale_t old;
	int w;

	if (cp < 0x7F)
		return cp >= 0x20;
	if (!tried) {
		static const char *const names[] = { "C.UTF-8", "C.utf8",
			"en_US.UTF-8", "en_GB.UTF-8" };
		size_t i;

		tried = 1;
		for (i = 0; !utf8_locale && i < sizeof(names) / sizeof(names[0]); i++)
			utf8_locale = newlocale(LC_CTYPE_MASK, names[i], (locale_t)0);
	}
	if (!utf8_locale)
		return 1;      /* no UTF-8 locale on this system: one each */
	old = uselocale(utf8_locale);
	w = wcwidth((wchar_t)cp);
	uselocale(old);
	return w < 0 ? 1 : w;
}

void cli_width_release(void)
{
	if (utf8_locale)
		freelocale(utf8_locale);
	utf8_locale = (locale_t)0;
	tried = 0;
}
