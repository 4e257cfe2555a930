/*
 * value.c - checking the value of an element or attribute against its
 * value type (enum vtype): the dispatch to the checkers of date.c,
 * syntax.c and html.c, and the findings they lead to.
 */
#include "value.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"

/* ---- value dispatch ---- */


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
	/* §6.2.3: an empty http path is "/" */
	if ((!strncmp(s, "http:", 5) || !strncmp(s, "https:", 6)) && !*e)
		return 1;
	/* §6.2.2.3: no dot-segments */
	for (p = e; *p && *p != '?' && *p != '#'; p++)
		if (*p == '/' && p[1] == '.' &&
		    (p[2] == '/' || !p[2] || p[2] == '?' || p[2] == '#' ||
		     (p[2] == '.' && (p[3] == '/' || !p[3] || p[3] == '?' ||
				      p[3] == '#'))))
			return 1;
	return 0;
}

/* RFC 7595: a scheme IANA has registered (http and https at once) */
static void scheme(struct fc *fc, struct frame *f, const char *what,
		   const char *s)
{
	size_t n = 0;

	while (IS_ALNUM(s[n]) || s[n] == '+' || s[n] == '-' || s[n] == '.')
		n++;
	if (!n || s[n] != ':' || !IS_ALPHA(s[0]) ||
	    (n == 4 && fc_strncase_eq(s, "http", 4)) ||
	    (n == 5 && fc_strncase_eq(s, "https", 5)) || fc_uri_scheme_known(s, n))
		return;
	fc_report_at(fc, f, "uri-scheme-unregistered",
		     "%s uses the scheme '%.*s', which IANA has not registered",
		     what, (int)(n > 30 ? 30 : n), s);
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
	/* a copy only when the end was trimmed (an article's text is most
	 * of a feed, and seldom ends in white space) */
	if (raw[n]) {
		if (!(v = strndup(raw, n)))
			return;
		s = v;
	} else {
		s = raw;
	}
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
		if (st != -1 && !fc_date_plausible(x))
			fc_report_at(fc, f, "implausible-date",
				     "implausible date '%.100s'", s);
		break;
	case VT_RFC3339:
		if (fc_rfc3339_check(s, &x))
			fc_report_at(fc, f, "invalid-rfc3339-date",
				     "%s must be an RFC 3339 date-time: '%.100s'",
				     what, s);
		else if (!fc_date_plausible(x))
			fc_report_at(fc, f, "implausible-date",
				     "implausible date '%.100s'", s);
		break;
	case VT_W3CDTF:
		if (fc_w3cdtf_check(s, &x))
			fc_report_at(fc, f, "invalid-w3cdtf-date",
				     "%s must be a W3C-DTF date: '%.100s'", what, s);
		else if (!fc_date_plausible(x))
			fc_report_at(fc, f, "implausible-date",
				     "implausible date '%.100s'", s);
		break;
	case VT_URL:
	case VT_FULLIRI:
		st = fc_uri_check(s, 1, 1, &c);
		if (st)
			bad_uri(fc, f, what, s, st, c);
		else
			scheme(fc, f, what, s);
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
		else
			scheme(fc, f, what, s);
		break;
	case VT_ID:
		if (!strncmp(s, "tag:", 4)) {
			if (fc_tag_check(s))
				fc_report_at(fc, f, "invalid-tag-uri",
					     "'%.200s' is not a valid tag: URI", s);
		} else if (fc_strncase_eq(s, "urn:uuid:", 9)) {
			if (fc_uuid_check(s + 9))
				fc_report_at(fc, f, "invalid-uuid",
					     "'%.200s' is not a valid urn:uuid", s);
		} else if (fc_strncase_eq(s, "urn:", 4)) {
			if (fc_urn_check(s))
				fc_report_at(fc, f, "invalid-urn",
					     "'%.200s' is not a valid URN", s);
		} else {
			st = fc_uri_check(s, 1, 1, &c);
			if (st)
				bad_uri(fc, f, what, s, st, c);
			else
				scheme(fc, f, what, s);
			if (!st && non_canonical(s))
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
		if (fc_lang_check(s)) {
			fc_report_at(fc, f, "invalid-language",
				     "invalid language code '%.50s'", s);
		} else {
			/* RFC 5646 §2.2.1: the primary subtag is ISO 639 */
			size_t k = strcspn(s, "-");
			if (k >= 2 && !fc_language_known(s, k))
				fc_report_at(fc, f, "invalid-language",
					     "'%.*s' in '%.50s' is not an ISO 639 "
					     "language code", (int)k, s, s);
		}
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
		/* Apple: itunes:block, itunes:complete and isClosedCaptioned
		 * alike: "Yes" has an effect, "No" none, in any case */
		if (!fc_strncase_eq(s, "yes", 4) && !fc_strncase_eq(s, "no", 3))
			fc_report_at(fc, f, "invalid-yes-no",
				     "%s must be yes or no: '%.20s'", what, s);
		break;
	case VT_EXPLICIT:
		/* Apple Podcasts: "true" or "false" (yes, no and clean
		 * retired); Apple's guide writes "True", and the W3C
		 * validator compares without case */
		if (!fc_strncase_eq(s, "true", 5) && !fc_strncase_eq(s, "false", 6))
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

/* An IRI attribute: no white space around it (RFC 3987), then the IRI. */
void fc_check_iri_attr(struct fc *fc, struct frame *f, const char *name,
		       const char *v, int full)
{
	size_t n = strlen(v);

	if (n && (IS_SPACE(v[0]) || IS_SPACE(v[n - 1])))
		fc_report_at(fc, f, "unexpected-whitespace",
			     "unexpected white space in attribute '%s' of '%s'",
			     name, f->qname);
	else
		fc_check_attr_value(fc, f, name, full ? VT_FULLIRI : VT_IRI, v);
}
