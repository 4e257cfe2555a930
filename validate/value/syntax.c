/*
 * syntax.c - checkers for the syntax of single values, each pure
 * (0 valid): URIs and IRIs (RFC 3986/3987), tag: (RFC 4151) and urn:
 * (RFC 2141) identifiers, UUIDs, e-mail addresses (RFC 2822 §3.4.1, and
 * the RSS "addr (name)" forms), language tags (RFC 3066), media types
 * (RFC 2045), integers, NPT and iTunes durations; and the small string
 * helpers the other value files share.
 */
#include "value.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "date.h"

int fc_is_blank(const char *s)
{
	for (; *s; s++)
		if (!IS_SPACE(*s))
			return 0;
	return 1;
}

int fc_ndigits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!IS_DIGIT(s[i]))
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

int fc_strncase_eq(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (TO_LOWER((unsigned char)a[i]) != TO_LOWER((unsigned char)b[i]))
			return 0;
	return 1;
}

/* A malloc'd copy of t without leading and trailing white space. */
size_t fc_copy(char *dst, size_t size, const char *s)
{
	size_t n = strnlen(s, size - 1);

	memcpy(dst, s, n);
	dst[n] = '\0';
	return n;
}

char *fc_trim_dup(const char *t)
{
	size_t n;

	while (IS_SPACE(*t))
		t++;
	n = strlen(t);
	while (n && IS_SPACE(t[n - 1]))
		n--;
	return strndup(t, n);
}

/* ---- URIs (RFC 3986 §2, §3) and IRIs (RFC 3987 §2.2) ---- */

static int uri_char(unsigned char c)
{
	return IS_ALNUM(c) || strchr("-._~:/?#[]@!$&'()*+,;=", c) != NULL;
}

/*
 * Returns URI_OK, URI_BAD_CHAR (*badc the character), URI_RELATIVE (a
 * relative reference where need_absolute) or URI_BAD.
 */
int fc_uri_check(const char *s, int need_absolute, int iri, char *badc)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *colon = NULL;
	size_t i;

	if (badc)
		*badc = 0;
	for (i = 0; p[i]; i++) {
		if (p[i] == '%') {
			if (!IS_XDIGIT(p[i + 1]) || !IS_XDIGIT(p[i + 2]))
				return URI_BAD;
			i += 2;
		} else if (p[i] >= 0x80) {
			if (!iri) {
				if (badc)
					*badc = (char)p[i];
				return URI_BAD_CHAR;
			}
		} else if (!uri_char(p[i])) {
			if (badc)
				*badc = (char)p[i];
			return URI_BAD_CHAR;
		}
	}
	/* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) */
	if (IS_ALPHA(p[0])) {
		for (i = 1; IS_ALNUM(p[i]) || p[i] == '+' || p[i] == '-' ||
			    p[i] == '.'; i++)
			;
		if (p[i] == ':')
			colon = p + i;
	}
	if (!colon)
		return need_absolute ? URI_RELATIVE : URI_OK;
	/* an authority must not be empty for the hierarchical schemes */
	if (colon[1] == '/' && colon[2] == '/') {
		const unsigned char *a = colon + 3;
		if ((fc_strncase_eq(s, "http:", 5) || fc_strncase_eq(s, "https:", 6) ||
		     fc_strncase_eq(s, "ftp:", 4)) &&
		    (*a == '/' || *a == '\0' || *a == '?' || *a == '#'))
			return URI_BAD;
		/* skip userinfo "...@", then the port is digits */
		{
			const unsigned char *q = a, *at = NULL;
			while (*q && *q != '/' && *q != '?' && *q != '#') {
				if (*q == '@')
					at = q;
				q++;
			}
			if (at)
				a = at + 1;
		}
		while (*a && *a != '/' && *a != '?' && *a != '#' && *a != ':' &&
		       *a != '[')
			a++;
		if (*a == ':') {
			a++;
			while (IS_DIGIT(*a))
				a++;
			if (*a && *a != '/' && *a != '?' && *a != '#')
				return URI_BAD;
		}
	} else if ((fc_strncase_eq(s, "http:", 5) && colon - p == 4) ||
		   (fc_strncase_eq(s, "https:", 6) && colon - p == 5)) {
		return URI_BAD;
	}
	return URI_OK;
}

/* RFC 4151 §2.1: tag:authorityName,date:specific[#fragment] */
int fc_tag_check(const char *s)
{
	const char *p = s + 4, *c;
	int y, m, d, n;

	if (strncmp(s, "tag:", 4))
		return -1;
	c = strchr(p, ',');
	if (!c || c == p)
		return -1;
	/* DNSname or emailAddress */
	for (; p < c; p++)
		if (!IS_ALNUM(*p) && *p != '-' && *p != '.' && *p != '@' &&
		    *p != '_' && *p != '+')
			return -1;
	p = c + 1;
	for (n = 0; IS_DIGIT(p[n]); n++)
		;
	if (n != 4 || fc_ndigits(p, 4, &y))
		return -1;
	p += 4;
	if (*p == '-') {
		if (fc_ndigits(p + 1, 2, &m) || m < 1 || m > 12)
			return -1;
		p += 3;
		if (*p == '-') {
			if (fc_ndigits(p + 1, 2, &d) || d < 1 ||
			    d > ft_days_in_month(y, m))
				return -1;
			p += 3;
		}
	}
	if (*p != ':')
		return -1;
	/* specific = *( pchar / "/" / "?" ), then an optional fragment */
	for (p++; *p && *p != '#'; p++) {
		if (*p == '%') {
			if (!IS_XDIGIT(p[1]) || !IS_XDIGIT(p[2]))
				return -1;
			p += 2;
		} else if (!IS_ALNUM(*p) && !strchr("-._~!$&'()*+,;=:@/?", *p)) {
			return -1;
		}
	}
	if (*p == '#')
		for (p++; *p; p++)
			if (!uri_char((unsigned char)*p) || *p == '#')
				return -1;
	return 0;
}

/* RFC 2141 §2: urn:NID:NSS */
int fc_urn_check(const char *s)
{
	const char *p = s + 4;
	int n = 0;

	if (!fc_strncase_eq(s, "urn:", 4))
		return -1;
	if (!IS_ALNUM(*p))
		return -1;
	while (IS_ALNUM(p[n]) || p[n] == '-')
		n++;
	if (n > 32 || p[n] != ':' || fc_strncase_eq(p, "urn:", 4))
		return -1;
	p += n + 1;
	if (!*p)
		return -1;
	for (; *p; p++) {
		if (*p == '%') {
			if (!IS_XDIGIT(p[1]) || !IS_XDIGIT(p[2]) ||
			    (p[1] == '0' && p[2] == '0'))
				return -1;
			p += 2;
		} else if (!IS_ALNUM(*p) && !strchr("()+,-.:=@;$_!*'/?#", *p)) {
			return -1;
		}
	}
	return 0;
}

/* RFC 2822 §3.4.1 addr-spec with dot-atom parts */
int fc_email_check(const char *s)
{
	const char *at = strchr(s, '@'), *p;
	int dots = 0;

	if (!at || at == s || !at[1] || strchr(at + 1, '@'))
		return -1;
	for (p = s; p < at; p++)
		if (!IS_ALNUM(*p) && !strchr("!#$%&'*+-/=?^_`{|}~.", *p))
			return -1;
	if (*s == '.' || at[-1] == '.')
		return -1;
	for (p = at + 1; *p; p++) {
		if (*p == '.') {
			if (p[1] == '.' || p[1] == '\0' || p == at + 1)
				return -1;
			dots++;
		} else if (!IS_ALNUM(*p) && *p != '-' && *p != '_') {
			return -1;
		}
	}
	(void)dots;
	return 0;
}

/* RFC 4122 §3: 8-4-4-4-12 hex digits */
int fc_uuid_check(const char *s)
{
	static const int groups[] = { 8, 4, 4, 4, 12 };
	int g, i;

	for (g = 0; g < 5; g++) {
		for (i = 0; i < groups[g]; i++, s++)
			if (!IS_XDIGIT(*s))
				return -1;
		if (g < 4 && *s++ != '-')
			return -1;
	}
	return *s ? -1 : 0;
}

/*
 * RSS 2.0 author, managingEditor, webMaster: "addr" or "addr (Name)".
 * mailto: URIs are accepted.  Returns 0 valid, 1 when an address is there
 * but in another form ("Name <addr>"), -1 when there is no address outside
 * parentheses.
 */
int fc_rss_email_check(const char *s)
{
	char *a = strdup(s), *p, *w;
	int depth = 0, rc = -1;

	if (!a)
		return 0;
	/* drop parenthesised comments */
	for (p = w = a; *p; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth)
			depth--;
		else if (!depth)
			*w++ = *p;
	}
	*w = '\0';
	for (p = a; IS_SPACE(*p); p++)
		;
	for (w = p + strlen(p); w > p && IS_SPACE(w[-1]); w--)
		;
	*w = '\0';
	if (!strncmp(p, "mailto:", 7) || !fc_email_check(p)) {
		rc = 0;
	} else {
		/* any word of the rest that is an address */
		char *tok, *save = NULL;
		for (tok = strtok_r(p, " \t<>,;\"", &save); tok;
		     tok = strtok_r(NULL, " \t<>,;\"", &save))
			if (strchr(tok, '@') && !fc_email_check(tok))
				rc = 1;
	}
	free(a);
	return rc;
}

/* RFC 3066 §2.1: primary 1*8ALPHA (2-3 letters, or i / x), subtags 1*8 alnum */
int fc_lang_check(const char *s)
{
	const char *p = s;
	int n = 0;

	while (IS_ALPHA(p[n]))
		n++;
	if (!((n == 2 || n == 3) ||
	      (n == 1 && (TO_LOWER(*p) == 'i' || TO_LOWER(*p) == 'x'))))
		return -1;
	p += n;
	while (*p == '-') {
		p++;
		for (n = 0; IS_ALNUM(p[n]); n++)
			;
		if (n < 1 || n > 8)
			return -1;
		p += n;
	}
	return *p ? -1 : 0;
}

static int tchar(int c)
{
	return IS_ALNUM(c) || (c > 32 && c < 127 &&
			       !strchr("()<>@,;:\\\"/[]?=", c));
}

/* RFC 2045 §5.1: type "/" subtype *(";" parameter) */
int fc_mime_check(const char *s)
{
	const char *p = s;
	int n;

	for (n = 0; tchar((unsigned char)p[n]); n++)
		;
	if (!n || p[n] != '/')
		return -1;
	p += n + 1;
	for (n = 0; tchar((unsigned char)p[n]); n++)
		;
	if (!n)
		return -1;
	p += n;
	while (*p) {
		while (*p == ' ')
			p++;
		if (*p != ';')
			return -1;
		p++;
		while (*p == ' ')
			p++;
		for (n = 0; tchar((unsigned char)p[n]); n++)
			;
		if (!n || p[n] != '=')
			return -1;
		p += n + 1;
		if (*p == '"') {
			p = strchr(p + 1, '"');
			if (!p)
				return -1;
			p++;
		} else {
			for (n = 0; tchar((unsigned char)p[n]); n++)
				;
			if (!n)
				return -1;
			p += n;
		}
		while (*p == ' ')
			p++;
	}
	return 0;
}

/* digits only, within [lo, hi]; returns -1 not an integer, -2 out of range */
int fc_int_check(const char *s, long long lo, long long hi, long long *v)
{
	long long x = 0;
	int neg = 0;
	const char *p = s;

	if (*p == '-') {
		neg = 1;
		p++;
	}
	if (!IS_DIGIT(*p))
		return -1;
	for (; IS_DIGIT(*p); p++) {
		if (x > 100000000000000000LL)
			return -2;
		x = x * 10 + (*p - '0');
	}
	if (*p)
		return -1;
	if (neg)
		x = -x;
	if (v)
		*v = x;
	return x < lo || x > hi ? -2 : 0;
}

/* RFC 2326 §3.6: npt-sec = 1*DIGIT [ "." *DIGIT ]; npt-hhmmss; "now" */
int fc_npt_check(const char *s)
{
	const char *p = s;
	int n, v;

	if (!strcmp(s, "now"))
		return 0;
	for (n = 0; IS_DIGIT(p[n]); n++)
		;
	if (!n)
		return -1;
	p += n;
	if (*p == ':') {
		if (fc_ndigits(p + 1, 2, &v) || v > 59 || p[3] != ':' ||
		    fc_ndigits(p + 4, 2, &v) || v > 59)
			return -1;
		p += 6;
	}
	if (*p == '.') {
		p++;
		while (IS_DIGIT(*p))
			p++;
	}
	return *p ? -1 : 0;
}

/* iTunes: seconds, or [H:]MM:SS (also H:M:S) */
int fc_itunes_duration_check(const char *s)
{
	const char *p = s;
	int parts = 0, n, v;

	for (;;) {
		for (n = 0; IS_DIGIT(p[n]); n++)
			;
		if (!n)
			return -1;
		/* minutes and seconds: one or two digits, at most 59 */
		if (parts > 0 && (n > 2 || fc_ndigits(p, n, &v) < 0 || v > 59))
			return -1;
		p += n;
		parts++;
		if (*p == '.' && parts > 1) {
			p++;
			while (IS_DIGIT(*p))
				p++;
		}
		if (*p != ':')
			break;
		p++;
	}
	return *p || parts > 3 ? -1 : 0;
}
