/*
 * ident.c - entry ids (tag: URIs) and links from the template (ident.h).
 */
#include "ident.h"

#include <curl/curl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ascii.h"
#include "fnv.h"

char *base_url_host(const char *base, const char **why)
{
	CURLU *u = curl_url();
	char *host = NULL, *scheme = NULL, *r = NULL;
	size_t i;

	*why = "not an absolute URL";
	if (!u)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, base, 0) != CURLUE_OK)
		goto done;
	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    (strcmp(scheme, "http") && strcmp(scheme, "https"))) {
		*why = "scheme must be http or https";
		goto done;
	}
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !*host) {
		*why = "no host";
		goto done;
	}
	r = strdup(host);
	for (i = 0; r && r[i]; i++)
		r[i] = (char)TO_LOWER(r[i]);
done:
	curl_free(host);
	curl_free(scheme);
	curl_url_cleanup(u);
	return r;
}

int url_is_folder(const char *url, const char **why)
{
	CURLU *u = curl_url();
	char *part = NULL;
	int ok = 0;

	*why = "not an absolute URL";
	if (!u)
		return 0;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK)
		goto done;
	/* everything made from it is appended to it: {base}/2022-07-01/...
	 * after "?q" or "#f" is the same page for every entry */
	if (curl_url_get(u, CURLUPART_QUERY, &part, 0) == CURLUE_OK) {
		*why = "a query ('?...') would make every link the same page: give the folder the site lives in";
		goto done;
	}
	if (curl_url_get(u, CURLUPART_FRAGMENT, &part, 0) == CURLUE_OK) {
		*why = "a fragment ('#...') would make every link the same page: give the folder the site lives in";
		goto done;
	}
	if (curl_url_get(u, CURLUPART_USER, &part, 0) == CURLUE_OK) {
		*why = "a user name or password would be published in every link";
		goto done;
	}
	ok = 1;
done:
	curl_free(part);
	curl_url_cleanup(u);
	return ok;
}

int url_is_http(const char *url, const char **why)
{
	const char *p = url;

	/* RFC 3986 section 3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-"
	 * / "." ); only the scheme and a host are judged here, so that a
	 * link that is otherwise broken reaches the self-check, which says
	 * where */
	while (IS_ALNUM(*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	if (p == url || *p != ':' || !IS_ALPHA(*url)) {
		*why = "not an absolute URL: it must start with http:// or https://";
		return 0;
	}
	if (!((p - url == 4 && !strncasecmp(url, "http", 4)) ||
	      (p - url == 5 && !strncasecmp(url, "https", 5)))) {
		*why = "the scheme must be http or https (what a feed reader opens), not another";
		return 0;
	}
	if (strncmp(p, "://", 3) || !p[3] || strchr("/?#", p[3])) {
		*why = "no host after the scheme";
		return 0;
	}
	return 1;
}

/* RFC 4151 section 2.1: DNScomp = alphaNum [*(alphaNum / "-") alphaNum],
 * DNSname = DNScomp *( "." DNScomp ) */
static int dns_name_ok(const char *s, size_t n)
{
	size_t i, start = 0;

	if (!n || n > 253)
		return 0;
	for (i = 0; i <= n; i++) {
		if (i == n || s[i] == '.') {
			if (i == start || s[start] == '-' || s[i - 1] == '-')
				return 0;
			start = i + 1;
		} else if (!IS_ALNUM(s[i]) && s[i] != '-') {
			return 0;
		}
	}
	return 1;
}

int tag_authority_ok(const char *s)
{
	const char *at = strchr(s, '@');
	const char *p;

	if (!at)
		return dns_name_ok(s, strlen(s));
	/* emailAddress = 1*(alphaNum / "-" / "." / "_") "@" DNSname */
	if (at == s)
		return 0;
	for (p = s; p < at; p++)
		if (!IS_ALNUM(*p) && !strchr("-._", *p))
			return 0;
	return dns_name_ok(at + 1, strlen(at + 1));
}

int lang_tag_ok(const char *s)
{
	size_t n = 0;
	int first = 1;

	for (;; s++) {
		if (IS_ALNUM(*s) && n < 8) {
			if (first && !IS_ALPHA(*s))
				return 0;
			n++;
		} else if ((*s == '-' || !*s) && n > 0) {
			if (!*s)
				return 1;
			n = 0;
			first = 0;
		} else {
			return 0;
		}
	}
}

/* RFC 4151 section 2.1: specific = *( pchar / "/" / "?" ); anything else
 * is percent-encoded (RFC 3986 section 2.1). */
static int add_pchars(struct buf *b, const char *s)
{
	static const char ok[] = "-._~!$&'()*+,;=:@/";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (IS_ALNUM(c) || strchr(ok, c)) {
			if (ft_buf_addc(b, c) < 0)
				return -1;
		} else if (ft_buf_addf(b, "%%%02X", c) < 0) {
			return -1;
		}
	}
	return 0;
}

char *make_tag_id(const char *host, const struct article *a)
{
	struct buf b = BUF_INIT(4096);

	if (ft_buf_addf(&b, "tag:%s,%s:", host, a->ymd) < 0 ||
	    add_pchars(&b, a->page_key) < 0 || ft_buf_addf(&b, "/%d", a->pos) < 0) {
		ft_buf_release(&b);
		return NULL;
	}
	return ft_buf_detach(&b);
}

/* a scheme and its ':' at the start of s (RFC 3986 section 3.1) */
static int has_scheme(const char *s)
{
	const char *p = s;

	if (!IS_ALPHA(*p))
		return 0;
	while (IS_ALNUM(*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return *p == ':' && p[1];
}

char *url_clean(const char *s)
{
	struct buf b = BUF_INIT(16384);

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		int bad = c <= 0x20 || c >= 0x7f || strchr("<>\"{}|\\^`", c);
		if ((bad ? ft_buf_addf(&b, "%%%02X", c) : ft_buf_addc(&b, c)) < 0) {
			ft_buf_release(&b);
			return NULL;
		}
	}
	return b.data ? ft_buf_detach(&b) : strdup("");
}

char *id_from_given(const char *authority, const struct article *a)
{
	struct buf b = BUF_INIT(16384);

	if (has_scheme(a->given_id))
		return url_clean(a->given_id);
	if (ft_buf_addf(&b, "tag:%s,%s:", authority, a->ymd) < 0 ||
	    add_pchars(&b, a->given_id) < 0) {
		ft_buf_release(&b);
		return NULL;
	}
	return ft_buf_detach(&b);
}

char *expand_link(const char *tmpl, const char *base, const struct article *a,
		  const char **why)
{
	struct buf b = BUF_INIT(8192);
	const char *p = tmpl;

	while (*p) {
		const char *close;
		size_t n;
		int r = 0;

		if (*p != '{') {
			const char *q = strchr(p, '{');
			n = q ? (size_t)(q - p) : strlen(p);
			if (memchr(p, '}', n)) {
				*why = "'}' without '{'";
				goto fail;
			}
			if (ft_buf_add(&b, p, n) < 0)
				goto oom;
			p += n;
			continue;
		}
		close = strchr(p, '}');
		if (!close) {
			*why = "'{' without '}'";
			goto fail;
		}
		n = (size_t)(close - p - 1);
#define IS(k) (n == strlen(k) && !memcmp(p + 1, k, n))
		if (IS("base"))
			r = ft_buf_adds(&b, base);
		else if (IS("date"))
			r = ft_buf_adds(&b, a->ymd);
		else if (IS("yyyy"))
			r = ft_buf_add(&b, a->ymd, 4);
		else if (IS("mm"))
			r = ft_buf_add(&b, a->ymd + 5, 2);
		else if (IS("dd"))
			r = ft_buf_add(&b, a->ymd + 8, 2);
		else if (IS("page"))
			r = add_pchars(&b, a->page ? a->page : "");
		else if (IS("pos"))
			r = ft_buf_addf(&b, "%d", a->pos);
		else if (IS("stem"))
			r = add_pchars(&b, a->page_key ? a->page_key : "");
		else if (IS("id"))
			r = ft_buf_addf(&b, "%016llx",
				     (unsigned long long)ft_fnv1a(FT_FNV_INIT, a->id ? a->id : "",
							   a->id ? strlen(a->id) : 0));
		else {
			*why = "unknown placeholder";
			goto fail;
		}
#undef IS
		if (r < 0)
			goto oom;
		p = close + 1;
	}
	return ft_buf_detach(&b);
oom:
	*why = "out of memory";
fail:
	ft_buf_release(&b);
	return NULL;
}
