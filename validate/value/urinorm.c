/*
 * urinorm.c - whether two URIs name the same resource by their syntax
 * (RFC 3986 section 6.2.2, syntax-based normalisation, and for http and
 * https section 6.2.3, scheme-based): wherever feedcheck compares two URIs
 * that locate something (the self link against the URL fetched), not where
 * a specification compares identifiers character by character (atom:id,
 * RFC 4287 section 4.2.6.1; guids).
 */
#include "value.h"

#include <string.h>

#include "ascii.h"

#define NORM_MAX 4096   /* a longer URI is compared as it is */

struct out {
	char *b;
	size_t n, cap;
	int full;
};

static void put(struct out *o, char c)
{
	if (o->n + 1 < o->cap)
		o->b[o->n++] = c;
	else
		o->full = 1;
}

static int hexval(char c)
{
	return IS_DIGIT(c) ? c - '0' : (c | 0x20) - 'a' + 10;
}

/*
 * s[0..n) with its percent-encodings normalised (section 6.2.2.1: hex
 * digits in upper case; 6.2.2.2: an octet that is an unreserved character
 * decoded), lower-cased when lower (the scheme and the host).
 */
static void put_norm(struct out *o, const char *s, size_t n, int lower)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && IS_XDIGIT(s[i + 1]) &&
		    IS_XDIGIT(s[i + 2])) {
			char c = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			if (IS_ALNUM(c) || c == '-' || c == '.' || c == '_' || c == '~') {
				put(o, lower ? (char)TO_LOWER((unsigned char)c) : c);
			} else {
				put(o, '%');
				put(o, (char)(s[i + 1] >= 'a' ? s[i + 1] - 32 : s[i + 1]));
				put(o, (char)(s[i + 2] >= 'a' ? s[i + 2] - 32 : s[i + 2]));
			}
			i += 2;
		} else {
			put(o, lower ? (char)TO_LOWER((unsigned char)s[i]) : s[i]);
		}
	}
}

/* RFC 3986 section 5.2.4, remove_dot_segments, on o->b from `from` on */
static void remove_dots(struct out *o, size_t from)
{
	char in[NORM_MAX];
	size_t n = o->n - from, i = 0;

	memcpy(in, o->b + from, n);
	o->n = from;
	while (i < n) {
		const char *p = in + i;
		size_t left = n - i;
		if (left >= 3 && !memcmp(p, "../", 3)) {
			i += 3;
		} else if (left >= 2 && !memcmp(p, "./", 2)) {
			i += 2;
		} else if (left >= 3 && !memcmp(p, "/./", 3)) {
			i += 2;
		} else if (left == 2 && !memcmp(p, "/.", 2)) {
			in[++i] = '/';
		} else if ((left >= 4 && !memcmp(p, "/../", 4)) ||
			   (left == 3 && !memcmp(p, "/..", 3))) {
			i += 3;
			if (left == 3)
				in[--i] = '/';
			while (o->n > from && o->b[o->n - 1] != '/')
				o->n--;
			if (o->n > from)
				o->n--;
		} else if ((left == 1 && p[0] == '.') ||
			   (left == 2 && !memcmp(p, "..", 2))) {
			i = n;
		} else {
			do
				put(o, in[i++]);
			while (i < n && in[i] != '/');
		}
	}
}

/* s normalised into buf (cap bytes); 0 when it does not fit */
static int normalise(const char *s, char *buf, size_t cap)
{
	struct out o = { buf, 0, cap, 0 };
	const char *p = s, *e;
	size_t scheme = 0, path;
	int http = 0, https = 0;

	if (IS_ALPHA(*p)) {
		for (e = p; IS_ALNUM(*e) || *e == '+' || *e == '-' || *e == '.'; e++)
			;
		if (*e == ':') {
			scheme = (size_t)(e - p);
			put_norm(&o, p, scheme + 1, 1);
			http = scheme == 4 && fc_strncase_eq(p, "http", 4);
			https = scheme == 5 && fc_strncase_eq(p, "https", 5);
			p = e + 1;
		}
	}
	if (p[0] == '/' && p[1] == '/') {
		const char *at, *port, *end = p + 2 + strcspn(p + 2, "/?#");
		put(&o, '/');
		put(&o, '/');
		p += 2;
		/* the user information keeps its case; the host not */
		for (at = end; at > p && at[-1] != '@'; at--)
			;
		put_norm(&o, p, (size_t)(at - p), 0);
		for (port = end; port > at && port[-1] != ':' && port[-1] != ']'; port--)
			;
		if (port > at && port[-1] == ':')
			port--;
		else
			port = end;
		put_norm(&o, at, (size_t)(port - at), 1);
		/* section 6.2.3: an empty or default port is no port */
		if (port < end && port + 1 < end &&
		    !((http && end - port == 3 && !memcmp(port, ":80", 3)) ||
		      (https && end - port == 4 && !memcmp(port, ":443", 4))))
			put_norm(&o, port, (size_t)(end - port), 0);
		p = end;
		/* section 6.2.3: an empty path is "/" */
		if ((http || https) && *p != '/')
			put(&o, '/');
	}
	path = o.n;
	e = p + strcspn(p, "?#");
	put_norm(&o, p, (size_t)(e - p), 0);
	if (!o.full && scheme)
		remove_dots(&o, path);
	put_norm(&o, e, strlen(e), 0);
	if (o.full)
		return 0;
	o.b[o.n] = '\0';
	return 1;
}

int fc_uri_same(const char *a, const char *b)
{
	char na[NORM_MAX], nb[NORM_MAX];

	if (!strcmp(a, b))
		return 1;
	if (!normalise(a, na, sizeof(na)) || !normalise(b, nb, sizeof(nb)))
		return 0;
	return !strcmp(na, nb);
}
