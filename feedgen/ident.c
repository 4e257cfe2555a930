/*
 * ident.c - entry ids (tag: URIs) and links from the template (ident.h).
 */
#include "ident.h"

#include <curl/curl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
