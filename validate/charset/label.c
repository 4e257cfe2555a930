/*
 * label.c - encoding labels: one spelling for the many of a label
 * (case, '-', '_', ' ' and the common aliases folded), whether two labels
 * name the same encoding, whether one names UTF-8, its code unit, and
 * whether it is fit to hand to iconv.
 */
#include "charset.h"

#include <string.h>

#include "ascii.h"

/* ------------------------------------------------------------- labels */

/* Lower case without '-', '_', ' ' and with the common aliases folded. */
void fc_charset_canon(const char *label, char out[CHARSET_LABEL_MAX])
{
	static const char *const alias[][2] = {
		{ "latin1", "iso88591" }, { "l1", "iso88591" },
		{ "cp819", "iso88591" }, { "ibm819", "iso88591" },
		{ "csisolatin1", "iso88591" }, { "iso885911987", "iso88591" },
		{ "ascii", "usascii" }, { "iso646us", "usascii" },
		{ "ansix3.41968", "usascii" }, { "csascii", "usascii" },
		{ "sjis", "shiftjis" }, { "mskanji", "shiftjis" },
		{ "csshiftjis", "shiftjis" }, { "euccn", "gb2312" },
		{ "csgb2312", "gb2312" }, { "cp936", "gbk" }, { "windows936", "gbk" },
		{ "ucs2", "utf16" }, { "iso10646ucs2", "utf16" },
		{ "csunicode", "utf16" }, { "unicode", "utf16" },
		{ "ucs4", "utf32" }, { "iso10646ucs4", "utf32" },
		{ "cp1250", "windows1250" }, { "cp1251", "windows1251" },
		{ "cp1252", "windows1252" }, { "cp1253", "windows1253" },
		{ "cp1254", "windows1254" }, { "cp1255", "windows1255" },
		{ "cp1256", "windows1256" }, { "cp1257", "windows1257" },
		{ "cp1258", "windows1258" }, { "cp874", "windows874" },
		{ "ksc56011987", "euckr" }, { "cseuckr", "euckr" },
		{ "cp950", "big5" }, { "xeucjp", "eucjp" }, { "xsjis", "shiftjis" },
	};
	size_t i, j = 0;

	for (i = 0; label[i] && j < CHARSET_LABEL_MAX - 1; i++) {
		unsigned char c = (unsigned char)label[i];
		if (c == '-' || c == '_' || c == ' ')
			continue;
		out[j++] = (char)TO_LOWER(c);
	}
	out[j] = '\0';
	for (i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (!strcmp(out, alias[i][0])) {
			snprintf(out, CHARSET_LABEL_MAX, "%s", alias[i][1]);
			break;
		}
}

int fc_charset_same(const char *a, const char *b)
{
	char ca[CHARSET_LABEL_MAX], cb[CHARSET_LABEL_MAX];

	fc_charset_canon(a, ca);
	fc_charset_canon(b, cb);
	return !strcmp(ca, cb);
}

static int is_utf8(const char *label)
{
	char c[CHARSET_LABEL_MAX];

	fc_charset_canon(label, c);
	return !strcmp(c, "utf8");
}

int fc_charset_is_utf8(const char *label)
{
	return label && is_utf8(label);
}

/* Bytes in a code unit of enc: 2 for UTF-16 (UCS-2), 4 for UTF-32, else 1. */
size_t fc_charset_code_unit(const char *enc)
{
	char c[CHARSET_LABEL_MAX];

	fc_charset_canon(enc, c);
	if (!strncmp(c, "utf16", 5) || !strncmp(c, "ucs2", 4))
		return 2;
	if (!strncmp(c, "utf32", 5) || !strncmp(c, "ucs4", 4))
		return 4;
	return 1;
}

/* XML 1.0 EncName and RFC 2978 mime-charset characters; no '/' for iconv. */
int fc_charset_label_ok(const char *s)
{
	size_t n = 0;

	if (!IS_ALPHA((unsigned char)*s) && !IS_DIGIT((unsigned char)*s))
		return 0;
	for (; *s; s++, n++)
		if (!IS_ALNUM((unsigned char)*s) && !strchr("._-:+()", *s))
			return 0;
	return n < CHARSET_LABEL_MAX;
}

