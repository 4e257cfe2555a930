/*
 * types.c - checkers for the values feeds carry: dates (RFC 822, RFC 3339,
 * W3C-DTF), URIs and IRIs (RFC 3986/3987), tag: (RFC 4151) and urn:
 * (RFC 2141) identifiers, e-mail addresses (RFC 2822 §3.4.1), language
 * tags (RFC 3066), media types (RFC 2045), integers; plus the HTML-in-text
 * checks.
 */
#include "value.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "ascii.h"
#include "date.h"

int fc_is_blank(const char *s)
{
	for (; *s; s++)
		if (!IS_SPACE(*s))
			return 0;
	return 1;
}

static int ndigits(const char *s, int n, int *v)
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

static int strncase_eq(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (TO_LOWER((unsigned char)a[i]) != TO_LOWER((unsigned char)b[i]))
			return 0;
	return 1;
}

/* ---- RFC 822 (RFC 1123) dates, RSS 2.0 "pubDate" ---- */

static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May",
	"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
static const char *const wdays[] = { "Thu", "Fri", "Sat", "Sun", "Mon",
	"Tue", "Wed" };   /* 1970-01-01 was a Thursday */

/*
 * RFC 822 §5.1: [day ","] date time zone; date = 1*2DIGIT month 2DIGIT
 * (RFC 1123 §5.2.14: four-digit years); time = hh:mm[:ss]; zone = UT / GMT
 * / EST / EDT / CST / CDT / MST / MDT / PST / PDT / 1ALPHA / (+|-)hhmm.
 * Returns 0 valid, -1 invalid, -2 valid except the day of the week.
 * *problem is set when the date is valid but uses a form readers misread.
 */
static int rfc822_parse(const char *s, long long *t, int *problem);

int fc_rfc822_check(const char *s, long long *t, int *problem)
{
	char buf[256];
	size_t i, n = 0;
	int depth = 0, rc;

	/* RFC 822 §3.4.3: comments and folding white space may appear
	 * between tokens */
	if (!strchr(s, '(') && !strchr(s, '\t') && !strchr(s, '\n') &&
	    !strchr(s, '\r'))
		return rfc822_parse(s, t, problem);
	if (strlen(s) >= sizeof(buf))
		return -1;
	for (i = 0; s[i] && n + 1 < sizeof(buf); i++) {
		if (s[i] == '\\' && depth && s[i + 1]) {
			i++;
			continue;
		}
		if (s[i] == '(') {
			if (!depth++)
				buf[n++] = ' ';
		} else if (s[i] == ')' && depth) {
			depth--;
		} else if (!depth) {
			buf[n++] = IS_SPACE(s[i]) ? ' ' : s[i];
		}
	}
	buf[n] = '\0';
	if (depth)
		return -1;
	rc = rfc822_parse(buf, t, problem);
	if (strchr(s, '('))
		*problem = 1;
	return rc;
}

static int rfc822_parse(const char *s, long long *t, int *problem)
{
	const char *p = s;
	int dow = -1, d, mo = -1, y, h, mi, sec = 0, i, off = 0, n;
	long long days;

	*problem = 0;
	while (IS_SPACE(*p))
		p++;
	if (IS_ALPHA(p[0]) && IS_ALPHA(p[1]) && IS_ALPHA(p[2]) &&
	    !IS_ALPHA(p[3])) {
		for (i = 0; i < 7; i++)
			if (!strncmp(p, wdays[i], 3))
				dow = i;
		if (dow < 0) {
			for (i = 0; i < 7; i++)
				if (strncase_eq(p, wdays[i], 3))
					dow = i;
			if (dow < 0)
				return -1;
			*problem = 1;
		}
		p += 3;
		while (*p == ' ')
			p++;
		if (*p != ',')
			return -1;
		p++;
		while (*p == ' ')
			p++;
	}
	while (*p == ' ')
		p++;
	for (n = 0; IS_DIGIT(p[n]); n++)
		;
	if (n < 1 || n > 2 || ndigits(p, n, &d))
		return -1;
	p += n;
	if (*p != ' ')
		return -1;
	while (*p == ' ')
		p++;
	for (i = 0; i < 12; i++)
		if (!strncmp(p, months[i], 3))
			mo = i + 1;
	if (mo < 0) {
		for (i = 0; i < 12; i++)
			if (strncase_eq(p, months[i], 3))
				mo = i + 1;
		if (mo < 0)
			return -1;
		*problem = 1;
	}
	p += 3;
	if (*p != ' ')
		return -1;
	while (*p == ' ')
		p++;
	for (n = 0; IS_DIGIT(p[n]); n++)
		;
	if ((n != 2 && n != 4) || ndigits(p, n, &y))
		return -1;
	if (n == 2) {
		*problem = 1;
		y += y < 50 ? 2000 : 1900;
	}
	p += n;
	if (*p != ' ')
		return -1;
	while (*p == ' ')
		p++;
	if (IS_DIGIT(p[0]) && p[1] == ':') {
		/* one-digit hour */
		*problem = 1;
		h = p[0] - '0';
		p--;
	} else if (ndigits(p, 2, &h))
		return -1;
	if (0 || p[2] != ':' || ndigits(p + 3, 2, &mi))
		return -1;
	p += 5;
	if (*p == ':') {
		if (ndigits(p + 1, 2, &sec))
			return -1;
		p += 3;
	}
	if (h > 23 || mi > 59 || sec > 60)
		return -1;
	if (*p != ' ')
		return -1;
	while (*p == ' ')
		p++;
	if ((*p == '+' || *p == '-') && IS_DIGIT(p[1])) {
		int oh, om;
		if (ndigits(p + 1, 2, &oh) || ndigits(p + 3, 2, &om) || om > 59)
			return -1;
		off = (oh * 60 + om) * (*p == '-' ? -60 : 60);
		p += 5;
	} else {
		static const struct { const char *z; int h; } zones[] = {
			{ "UT", 0 }, { "GMT", 0 }, { "EST", -5 }, { "EDT", -4 },
			{ "CST", -6 }, { "CDT", -5 }, { "MST", -7 },
			{ "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
		};
		size_t zl = 0;
		while (IS_ALPHA(p[zl]))
			zl++;
		for (i = 0; i < 10; i++)
			if (strlen(zones[i].z) == zl && !strncmp(p, zones[i].z, zl))
				break;
		if (i == 10) {
			for (i = 0; i < 10; i++)
				if (strlen(zones[i].z) == zl &&
				    strncase_eq(p, zones[i].z, zl))
					break;
			if (i < 10)
				*problem = 1;
		}
		if (i < 10) {
			off = zones[i].h * 3600;
		} else if (zl == 1 && *p != 'J' && *p != 'j' &&
			   (unsigned char)*p < 128) {
			*problem = 1;   /* military zones: RFC 1123 says unreliable */
		} else {
			return -1;
		}
		p += zl;
	}
	while (IS_SPACE(*p))
		p++;
	if (*p)
		return -1;
	if (mo < 1 || d < 1 || d > ft_days_in_month(y, mo))
		return -1;
	days = ft_days_from_civil(y, mo, d);
	if (t)
		*t = days * 86400 + h * 3600 + mi * 60 + sec - off;
	if (dow >= 0 && (int)(((days % 7) + 7) % 7) != dow)
		return -2;
	return 0;
}

/* A malloc'd copy of t without leading and trailing white space. */
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

/* ---- RFC 3339 §5.6 date-time, strictly (Atom, RFC 4287 §3.3) ---- */

/*
 * The tail both date-time forms share: optional ".fraction" (dropped),
 * then "Z" or "+hh:mm"/"-hh:mm" (RFC 3339 §5.6 time-offset).  Advances *p;
 * *off is the offset in seconds.  -1 when the tail is malformed.
 */
static int frac_and_zone(const char **pp, int *off)
{
	const char *p = *pp;
	int oh, om;

	if (*p == '.') {
		p++;
		if (!IS_DIGIT(*p))
			return -1;
		while (IS_DIGIT(*p))
			p++;
	}
	if (*p == 'Z') {
		*off = 0;
		p++;
	} else if (*p == '+' || *p == '-') {
		if (ndigits(p + 1, 2, &oh) || p[3] != ':' ||
		    ndigits(p + 4, 2, &om) || oh > 23 || om > 59)
			return -1;
		*off = (oh * 3600 + om * 60) * (*p == '-' ? -1 : 1);
		p += 6;
	} else {
		return -1;
	}
	*pp = p;
	return 0;
}

int fc_rfc3339_check(const char *s, long long *t)
{
	int y, mo, d, h, mi, sec, off = 0;
	const char *p;

	if (ndigits(s, 4, &y) || s[4] != '-' || ndigits(s + 5, 2, &mo) ||
	    s[7] != '-' || ndigits(s + 8, 2, &d) || s[10] != 'T' ||
	    ndigits(s + 11, 2, &h) || s[13] != ':' || ndigits(s + 14, 2, &mi) ||
	    s[16] != ':' || ndigits(s + 17, 2, &sec))
		return -1;
	p = s + 19;
	if (frac_and_zone(&p, &off) < 0 || *p)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > ft_days_in_month(y, mo) ||
	    h > 23 || mi > 59 || sec > 60)
		return -1;
	if (t)
		*t = ft_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 +
		     sec - off;
	return 0;
}

/* ---- W3C-DTF (https://www.w3.org/TR/NOTE-datetime) ---- */

int fc_w3cdtf_check(const char *s, long long *t)
{
	int y, mo = 1, d = 1, h = 0, mi = 0, sec = 0, off = 0;
	const char *p = s;

	if (ndigits(p, 4, &y))
		return -1;
	p += 4;
	if (*p == '-') {
		if (ndigits(p + 1, 2, &mo) || mo < 1 || mo > 12)
			return -1;
		p += 3;
		if (*p == '-') {
			if (ndigits(p + 1, 2, &d) || d < 1 ||
			    d > ft_days_in_month(y, mo))
				return -1;
			p += 3;
			if (*p == 'T') {
				if (ndigits(p + 1, 2, &h) || p[3] != ':' ||
				    ndigits(p + 4, 2, &mi) || h > 23 || mi > 59)
					return -1;
				p += 6;
				if (*p == ':') {
					if (ndigits(p + 1, 2, &sec) || sec > 60)
						return -1;
					p += 3;
				} else if (*p == '.') {
					return -1;   /* a fraction needs seconds */
				}
				if (frac_and_zone(&p, &off) < 0)
					return -1;
			}
		}
	}
	if (*p)
		return -1;
	if (t)
		*t = ft_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 +
		     sec - off;
	return 0;
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
		if ((strncase_eq(s, "http:", 5) || strncase_eq(s, "https:", 6) ||
		     strncase_eq(s, "ftp:", 4)) &&
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
	} else if ((strncase_eq(s, "http:", 5) && colon - p == 4) ||
		   (strncase_eq(s, "https:", 6) && colon - p == 5)) {
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
	if (n != 4 || ndigits(p, 4, &y))
		return -1;
	p += 4;
	if (*p == '-') {
		if (ndigits(p + 1, 2, &m) || m < 1 || m > 12)
			return -1;
		p += 3;
		if (*p == '-') {
			if (ndigits(p + 1, 2, &d) || d < 1 ||
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

	if (!strncase_eq(s, "urn:", 4))
		return -1;
	if (!IS_ALNUM(*p))
		return -1;
	while (IS_ALNUM(p[n]) || p[n] == '-')
		n++;
	if (n > 32 || p[n] != ':' || strncase_eq(p, "urn:", 4))
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
		if (ndigits(p + 1, 2, &v) || v > 59 || p[3] != ':' ||
		    ndigits(p + 4, 2, &v) || v > 59)
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
	int parts = 0, n;

	for (;;) {
		for (n = 0; IS_DIGIT(p[n]); n++)
			;
		if (!n)
			return -1;
		if (parts > 0 && (n > 2 || atoi(p) > 59))
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

/* ---- HTML in text ---- */

static const char *const html_tags[] = {
	"a", "abbr", "acronym", "address", "b", "big", "blockquote", "br",
	"center", "cite", "code", "dd", "div", "dl", "dt", "em", "font", "h1",
	"h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre",
	"q", "s", "small", "span", "strike", "strong", "sub", "sup", "table",
	"td", "th", "tr", "tt", "u", "ul", "script", "iframe", "object",
	"embed", "style", "form", "input", "meta", "link", "blink", NULL
};

/* Does plain text contain something that looks like an HTML tag? */
int fc_looks_like_html(const char *s)
{
	const char *p;

	for (p = strchr(s, '<'); p; p = strchr(p + 1, '<')) {
		const char *q = p + 1;
		size_t n, i;
		if (*q == '/')
			q++;
		for (n = 0; IS_ALNUM(q[n]); n++)
			;
		if (!n || (q[n] != '>' && q[n] != ' ' && q[n] != '/' &&
			   q[n] != '\t' && q[n] != '\n'))
			continue;
		for (i = 0; html_tags[i]; i++)
			if (strlen(html_tags[i]) == n &&
			    strncase_eq(q, html_tags[i], n))
				return 1;
	}
	if (strstr(s, "&lt;") || strstr(s, "&amp;") || strstr(s, "&#"))
		return 0;
	return 0;
}

struct html_ctx {
	struct fc *fc;
	struct frame *f;
	int relative_warn;
	int risk, riskattr, style, relref;
};

static int name_in(const char *n, const char *const *list)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (!strcmp(n, list[i]))
			return 1;
	return 0;
}

static int style_dangerous(const char *v)
{
	char low[256];
	size_t i;

	for (i = 0; v[i] && i + 1 < sizeof(low); i++)
		low[i] = (char)TO_LOWER((unsigned char)v[i]);
	low[i] = '\0';
	return strstr(low, "url(") || strstr(low, "expression") ||
	       strstr(low, "behavior") || strstr(low, "behaviour") ||
	       strstr(low, "javascript") || strstr(low, "position") ||
	       strstr(low, "@import") || strstr(low, "-moz-binding");
}

static const char *const risky[] = { "script", "applet", "embed",
	"object", "iframe", "frame", "frameset", "meta", "link", "base",
	"form", "input", "button", "textarea", "select", "style", "blink",
	"marquee", NULL };

static void html_element(struct html_ctx *h, const char *name,
			 const char *const *atts)
{
	size_t i;

	if (name_in(name, risky) && !h->risk) {
		h->risk = 1;
		fc_report_at(h->fc, h->f, "security-risk",
			     "'%s' contains '%s', which readers remove",
			     h->f->qname, name);
	}
	for (i = 0; atts && atts[i]; i += 2) {
		const char *a = atts[i], *v = atts[i + 1] ? atts[i + 1] : "";
		if ((a[0] == 'o' || a[0] == 'O') && (a[1] == 'n' || a[1] == 'N') &&
		    a[2] && !h->riskattr) {
			h->riskattr = 1;
			fc_report_at(h->fc, h->f, "security-risk-attr",
				     "'%s' contains the attribute '%s' on '%s'",
				     h->f->qname, a, name);
		} else if (!strcmp(a, "style") && style_dangerous(v) &&
			   !h->style) {
			h->style = 1;
			fc_report_at(h->fc, h->f, "dangerous-style",
				     "'%s' contains a style attribute readers "
				     "remove", h->f->qname);
		} else if (h->relative_warn && !h->relref &&
			   (!strcmp(a, "href") || !strcmp(a, "src")) &&
			   fc_uri_check(v, 1, 1, NULL) == URI_RELATIVE &&
			   !h->f->base) {
			h->relref = 1;
			fc_report_at(h->fc, h->f, "contains-relative-ref",
				     "'%s' contains a relative URL '%.80s'",
				     h->f->qname, v);
		} else if ((!strcmp(a, "href") || !strcmp(a, "src")) &&
			   !h->risk && strncase_eq(v, "javascript:", 11)) {
			h->risk = 1;
			fc_report_at(h->fc, h->f, "security-risk",
				     "'%s' contains a javascript: URL",
				     h->f->qname);
		}
	}
}

static void sax_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	html_element(ctx, (const char *)name, (const char *const *)atts);
}

static int prefix_ci(const char *s, const char *p)
{
	for (; *p; s++, p++)
		if (TO_LOWER((unsigned char)*s) != *p)
			return 0;
	return 1;
}

/*
 * Could html hold anything html_element() reports?  One pass over the
 * tags: a risky element name, an on* or style attribute, or an href or
 * src that is not plainly absolute makes it "yes".  A "no" is certain and
 * spares the HTML parser; a "yes" may be wrong, and the parser decides.
 */
static int html_interesting(const char *html, int relative_warn)
{
	const char *p = html;
	size_t i;

	while ((p = strchr(p, '<')) != NULL) {
		const char *name = ++p;
		size_t n;
		if (*p == '/' || *p == '!' || *p == '?')
			continue;
		for (n = 0; IS_ALNUM(name[n]); n++)
			;
		for (i = 0; risky[i]; i++)
			if (strlen(risky[i]) == n && prefix_ci(name, risky[i]))
				return 1;
		/* attributes up to the end of the tag */
		for (p = name + n; *p && *p != '>' && *p != '<'; p++) {
			const char *v;
			if (!IS_SPACE(*p) && *p != '/' && *p != '"' && *p != '\'')
				continue;
			v = p + 1;
			if (prefix_ci(v, "on") && IS_ALPHA(v[2]))
				return 1;
			if (prefix_ci(v, "style"))
				return 1;
			if (prefix_ci(v, "href") || prefix_ci(v, "src")) {
				const char *q;
				v += TO_LOWER((unsigned char)*v) == 'h' ? 4 : 3;
				while (IS_SPACE(*v))
					v++;
				if (*v != '=')
					continue;
				v++;
				while (IS_SPACE(*v) || *v == '"' || *v == '\'')
					v++;
				if (prefix_ci(v, "javascript") || prefix_ci(v, "vbscript"))
					return 1;
				for (q = v; IS_ALNUM(*q) || *q == '+' || *q == '-' ||
					    *q == '.'; q++)
					;
				if (relative_warn &&
				    (q == v || *q != ':' || !IS_ALPHA(*v)))
					return 1;
			}
		}
	}
	return 0;
}

void fc_check_html(struct fc *fc, struct frame *f, const char *html,
		   int relative_warn)
{
	htmlSAXHandler sax;   /* copied into the parser context */
	htmlParserCtxtPtr ctxt = fc->html;
	struct html_ctx h;

	if (!strchr(html, '<') || !html_interesting(html, relative_warn))
		return;
	memset(&h, 0, sizeof(h));
	h.fc = fc;
	h.f = f;
	h.relative_warn = relative_warn;
	if (!ctxt) {
		/* one push parser per check, reset for every fragment */
		memset(&sax, 0, sizeof(sax));
		sax.startElement = sax_start;
		ctxt = htmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL,
						XML_CHAR_ENCODING_UTF8);
		if (!ctxt)
			return;
		fc->html = ctxt;
	} else if (xmlCtxtResetPush(ctxt, NULL, 0, NULL, "UTF-8")) {
		return;
	}
	htmlCtxtUseOptions(ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR |
			   HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED);
	ctxt->userData = &h;
	htmlParseChunk(ctxt, html, (int)strlen(html), 1);
	ctxt->userData = NULL;
	if (ctxt->myDoc) {
		xmlFreeDoc(ctxt->myDoc);
		ctxt->myDoc = NULL;
	}
}

void fc_html_release(struct fc *fc)
{
	if (fc->html)
		htmlFreeParserCtxt(fc->html);
	fc->html = NULL;
}

/* XHTML elements inside Atom xhtml content (called by atom.c) */
void fc_check_xhtml_element(struct fc *fc, struct frame *f, struct frame *root);
void fc_check_xhtml_element(struct fc *fc, struct frame *f, struct frame *root)
{
	struct html_ctx h;
	const char *atts[2 * 16 + 1];
	size_t i, n = 0;

	memset(&h, 0, sizeof(h));
	h.fc = fc;
	h.f = root;
	h.relative_warn = 1;
	h.risk = (root->flags & 0x100) != 0;
	for (i = 0; i < f->nattrs && n < 2 * 16; i++) {
		atts[n++] = f->attrs[i].local;
		atts[n++] = f->attrs[i].value;
	}
	atts[n] = NULL;
	html_element(&h, f->local, atts);
	if (h.risk)
		root->flags |= 0x100;
}

/* ---- value dispatch ---- */

/* Dates before 1980 in a feed are almost always a bug (a zero time). */
#define IMPLAUSIBLE_BEFORE 315532800LL   /* 1980-01-01T00:00:00Z */

/*
 * RFC 3986 §6.2.2: scheme and host are case-insensitive and a default
 * port is redundant; an id spelled otherwise compares unequal to the
 * same id spelled canonically.
 */
static int non_canonical(const char *s)
{
	const char *p, *h, *e;

	for (p = s; *p && *p != ':'; p++)
		if ((unsigned)*p - 'A' < 26u)
			return 1;
	if (strncmp(p, "://", 3))
		return 0;
	h = p + 3;
	for (e = h; *e && *e != '/' && *e != '?' && *e != '#'; e++)
		if ((unsigned)*e - 'A' < 26u)
			return 1;
	if ((!strncmp(s, "http:", 5) && e - h > 3 && !strncmp(e - 3, ":80", 3)) ||
	    (!strncmp(s, "https:", 6) && e - h > 4 && !strncmp(e - 4, ":443", 4)))
		return 1;
	return 0;
}

static void bad_uri(struct fc *fc, struct frame *f, const char *what,
		    const char *v, int st, char c)
{
	if (st == URI_BAD_CHAR)
		fc_report_at(fc, f, "invalid-uri",
			     "%s must be a valid URI: invalid character '%c' "
			     "in '%.200s'", what, c, v);
	else if (st == URI_RELATIVE)
		fc_report_at(fc, f, "invalid-full-uri",
			     "%s must be a full URI: '%.200s'", what, v);
	else
		fc_report_at(fc, f, "invalid-uri",
			     "%s must be a valid URI: '%.200s'", what, v);
}

static void check_value(struct fc *fc, struct frame *f, const char *what,
			int vt, const char *raw)
{
	char *v = NULL, c;
	const char *s;
	size_t n;
	int st, prob;
	long long x;

	/* most values are tokens: leading and trailing white space ignored */
	n = strlen(raw);
	if (vt != VT_EXPLICIT && vt != VT_YESNO) {
		while (IS_SPACE(*raw))
			raw++;
		n = strlen(raw);
		while (n && IS_SPACE(raw[n - 1]))
			n--;
	}
	v = strndup(raw, n);
	if (!v)
		return;
	s = v;
	switch (vt) {
	case VT_ANY: case VT_NONE:
		break;
	case VT_TEXT:
		if (fc_looks_like_html(s))
			fc_report_at(fc, f, "contains-html",
				     "%s should not contain HTML", what);
		break;
	case VT_HTML:
		fc_check_html(fc, f, s, 1);
		break;
	case VT_NONBLANK:
		if (!*s)
			fc_report_at(fc, f, "not-blank", "%s should not be blank",
				     what);
		break;
	case VT_RFC822:
		st = fc_rfc822_check(s, &x, &prob);
		if (st == -1)
			fc_report_at(fc, f, "invalid-rfc822-date",
				     "%s must be an RFC 822 date: '%.100s'", what, s);
		else if (st == -2)
			fc_report_at(fc, f, "incorrect-day-of-week",
				     "incorrect day of the week in '%.100s'", s);
		else if (prob)
			fc_report_at(fc, f, "problematic-rfc822-date",
				     "problematic RFC 822 date: '%.100s'", s);
		if (st != -1 && x < IMPLAUSIBLE_BEFORE)
			fc_report_at(fc, f, "implausible-date",
				     "implausible date '%.100s'", s);
		break;
	case VT_RFC3339:
		if (fc_rfc3339_check(s, &x))
			fc_report_at(fc, f, "invalid-rfc3339-date",
				     "%s must be an RFC 3339 date-time: '%.100s'",
				     what, s);
		else if (x < IMPLAUSIBLE_BEFORE)
			fc_report_at(fc, f, "implausible-date",
				     "implausible date '%.100s'", s);
		break;
	case VT_W3CDTF:
		if (fc_w3cdtf_check(s, &x))
			fc_report_at(fc, f, "invalid-w3cdtf-date",
				     "%s must be a W3C-DTF date: '%.100s'", what, s);
		break;
	case VT_URL:
		st = fc_uri_check(s, 1, 1, &c);
		if (st)
			bad_uri(fc, f, what, s, st, c);
		break;
	case VT_FULLIRI:
		st = fc_uri_check(s, 1, 1, &c);
		if (st)
			bad_uri(fc, f, what, s, st, c);
		break;
	case VT_COMMAINTS: {
		const char *q = s;
		int ok = IS_DIGIT(*q);
		for (; *q && ok; q++)
			if (!IS_DIGIT(*q) && !(*q == ',' && IS_DIGIT(q[1])))
				ok = 0;
		if (!ok)
			fc_report_at(fc, f, "invalid-comma-integers",
				     "%s must be integers separated by commas",
				     what);
		break;
	}
	case VT_URI: case VT_IRI:
		st = fc_uri_check(s, 0, vt == VT_IRI, &c);
		if (st)
			bad_uri(fc, f, what, s, st, c);
		break;
	case VT_ID:
		if (!strncmp(s, "tag:", 4)) {
			if (fc_tag_check(s))
				fc_report_at(fc, f, "invalid-tag-uri",
					     "'%.200s' is not a valid tag: URI", s);
		} else if (strncase_eq(s, "urn:uuid:", 9)) {
			if (fc_uuid_check(s + 9))
				fc_report_at(fc, f, "invalid-uuid",
					     "'%.200s' is not a valid urn:uuid", s);
		} else if (strncase_eq(s, "urn:", 4)) {
			if (fc_urn_check(s))
				fc_report_at(fc, f, "invalid-urn",
					     "'%.200s' is not a valid URN", s);
		} else {
			st = fc_uri_check(s, 1, 1, &c);
			if (st)
				bad_uri(fc, f, what, s, st, c);
			else if (non_canonical(s))
				fc_report_at(fc, f, "non-canonical-uri",
					     "identifier '%.200s' is not in "
					     "canonical form", s);
		}
		break;
	case VT_EMAIL:
		if (fc_email_check(s))
			fc_report_at(fc, f, "invalid-email",
				     "%s must be an e-mail address: '%.100s'",
				     what, s);
		break;
	case VT_EMAIL_RSS:
		st = fc_rss_email_check(s);
		if (st < 0)
			fc_report_at(fc, f, "invalid-email",
				     "%s must begin with an e-mail address: "
				     "'%.100s'", what, s);
		else if (st > 0)
			fc_report_at(fc, f, "email-format",
				     "%s should be \"address (Name)\": '%.100s'",
				     what, s);
		break;
	case VT_LANG:
		if (fc_lang_check(s))
			fc_report_at(fc, f, "invalid-language",
				     "invalid language code '%.50s'", s);
		break;
	case VT_INT:
		if (fc_int_check(s, -999999999999LL, 999999999999LL, NULL) == -1)
			fc_report_at(fc, f, "invalid-integer",
				     "%s must be an integer: '%.50s'", what, s);
		break;
	case VT_POSINT:
		if (fc_int_check(s, 1, 999999999999LL, NULL))
			fc_report_at(fc, f, "invalid-positive-integer",
				     "%s must be a positive integer: '%.50s'",
				     what, s);
		break;
	case VT_NNINT:
		if (fc_int_check(s, 0, 999999999999999LL, NULL))
			fc_report_at(fc, f, "invalid-nonnegative-integer",
				     "%s must be a non-negative integer: "
				     "'%.50s'", what, s);
		break;
	case VT_EMPTY:
		if (*s)
			fc_report_at(fc, f, "unexpected-text",
				     "%s must be empty", what);
		break;
	case VT_MIME:
		if (fc_mime_check(s))
			fc_report_at(fc, f, "invalid-mime-type",
				     "%s must be a MIME type: '%.100s'", what, s);
		break;
	case VT_HOUR:
		if (fc_int_check(s, 0, 24, &x))
			fc_report_at(fc, f, "invalid-hour",
				     "'%.20s' is not an hour 0-23", s);
		else if (x == 24)
			fc_report_at(fc, f, "use-zero-for-midnight",
				     "use 0 for midnight, not 24");
		break;
	case VT_DAY:
		if (strcmp(s, "Monday") && strcmp(s, "Tuesday") &&
		    strcmp(s, "Wednesday") && strcmp(s, "Thursday") &&
		    strcmp(s, "Friday") && strcmp(s, "Saturday") &&
		    strcmp(s, "Sunday"))
			fc_report_at(fc, f, "invalid-day",
				     "'%.20s' is not a day of the week", s);
		break;
	case VT_TRUEFALSE:
		if (strcmp(s, "true") && strcmp(s, "false"))
			fc_report_at(fc, f, "invalid-boolean",
				     "%s must be true or false: '%.20s'", what, s);
		break;
	case VT_YESNO:
		if (strcmp(s, "yes") && strcmp(s, "no") && strcmp(s, "Yes") &&
		    strcmp(s, "No"))
			fc_report_at(fc, f, "invalid-yes-no",
				     "%s must be yes or no: '%.20s'", what, s);
		break;
	case VT_EXPLICIT:
		/* Apple Podcasts: "true" or "false" (yes, no and clean retired) */
		if (strcmp(s, "true") && strcmp(s, "false"))
			fc_report_at(fc, f, "itunes-invalid-explicit",
				     "%s must be true or false: '%.20s'", what, s);
		break;
	case VT_DURATION:
		if (fc_itunes_duration_check(s))
			fc_report_at(fc, f, "itunes-invalid-duration",
				     "invalid duration '%.40s'", s);
		break;
	case VT_UPDATEPERIOD:
		if (strcmp(s, "hourly") && strcmp(s, "daily") &&
		    strcmp(s, "weekly") && strcmp(s, "monthly") &&
		    strcmp(s, "yearly"))
			fc_report_at(fc, f, "invalid-update-period",
				     "invalid update period '%.40s'", s);
		break;
	case VT_FLOAT: case VT_LAT: case VT_LON: {
		char *e;
		double d = strtod(s, &e);
		if (!*s || *e || !(IS_DIGIT(*s) || *s == '-' || *s == '+' ||
				   *s == '.'))
			fc_report_at(fc, f, "invalid-float",
				     "%s must be a number: '%.40s'", what, s);
		else if (vt == VT_LAT && (d < -90 || d > 90))
			fc_report_at(fc, f, "invalid-latitude",
				     "invalid latitude '%.40s'", s);
		else if (vt == VT_LON && (d < -180 || d > 180))
			fc_report_at(fc, f, "invalid-longitude",
				     "invalid longitude '%.40s'", s);
		break;
	}
	case VT_NPT:
		if (fc_npt_check(s))
			fc_report_at(fc, f, "media-invalid-npt-time",
				     "invalid NPT time '%.40s'", s);
		break;
	case VT_ITUNES_TYPE:
		if (strcmp(s, "episodic") && strcmp(s, "serial"))
			fc_report_at(fc, f, "itunes-invalid-value",
				     "itunes:type must be episodic or serial");
		break;
	case VT_EPISODE_TYPE:
		if (strcmp(s, "full") && strcmp(s, "trailer") &&
		    strcmp(s, "bonus"))
			fc_report_at(fc, f, "itunes-invalid-value",
				     "itunes:episodeType must be full, trailer "
				     "or bonus");
		break;
	default:
		break;
	}
	free(v);
}

/* what = "'qname'" or "'qname' attribute 'attr'", without printf's cost */
static void mkwhat(char *what, size_t sz, const char *qname, const char *attr)
{
	size_t n = 0;
	const char *parts[5];
	size_t i, np = 0;

	parts[np++] = "'";
	parts[np++] = qname;
	parts[np++] = attr ? "' attribute '" : "'";
	if (attr) {
		parts[np++] = attr;
		parts[np++] = "'";
	}
	for (i = 0; i < np; i++) {
		size_t k = strlen(parts[i]);
		if (k > sz - 1 - n)
			k = sz - 1 - n;
		memcpy(what + n, parts[i], k);
		n += k;
	}
	what[n] = '\0';
}

void fc_check_value(struct fc *fc, struct frame *f, int vt, const char *v)
{
	char what[160];

	if (vt == VT_ANY || vt == VT_NONE)
		return;
	mkwhat(what, sizeof(what), f->qname, NULL);
	check_value(fc, f, what, vt, v);
}

void fc_check_attr_value(struct fc *fc, struct frame *f, const char *attr,
			 int vt, const char *v)
{
	char what[160];

	mkwhat(what, sizeof(what), f->qname, attr);
	check_value(fc, f, what, vt, v);
}
