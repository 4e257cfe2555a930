/*
 * content_type.c - what a Content-Type field says: the media type and the
 * charset parameter (RFC 9110 §8.3, RFC 2045 §5.1), and whether the media
 * type is one a feed may be served as.  No libcurl here: fetch.c hands
 * over the header value as a string.
 */
#include "content_type.h"

#include <string.h>
#include <strings.h>

#include "ascii.h"
#include "buf.h"
#include "diag.h"

#define CT_MAX 1024               /* media type or charset value */

/* RFC 9110 §5.6.2 tchar */
static int is_tchar(int c)
{
	return IS_ALNUM(c) || (c && strchr("!#$%&'*+-.^_`|~", c));
}

static const char *skip_ows(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Append [s, e) lower-cased; -1 past the ceiling. */
static int add_lower(struct buf *b, const char *s, const char *e)
{
	for (; s < e; s++)
		if (ft_buf_addc(b, TO_LOWER((unsigned char)*s)) < 0)
			return -1;
	return 0;
}

int fetch_parse_content_type(const char *value, char **media, char **charset)
{
	struct buf m = BUF_INIT(CT_MAX), cs = BUF_INIT(CT_MAX), val = BUF_INIT(CT_MAX);
	const char *p = value, *s;
	int bad = 0, have_cs = 0, ret = 0;

	*media = *charset = NULL;
	if (!p)
		return -1;
	/* media-type = type "/" subtype (RFC 9110 §8.3.1) */
	p = skip_ows(p);
	for (s = p; is_tchar((unsigned char)*p); p++)
		;
	if (p == s || *p != '/')
		bad = 1;
	else {
		const char *t = p++;
		for (; is_tchar((unsigned char)*p); p++)
			;
		if (p == t + 1 || add_lower(&m, s, p) < 0)
			bad = 1;
	}
	/* parameters = *( OWS ";" OWS [ parameter ] ) (RFC 9110 §5.6.6) */
	while (!bad) {
		const char *n0, *n1;

		p = skip_ows(p);
		if (!*p)
			break;
		if (*p != ';') {
			bad = 1;
			break;
		}
		p = skip_ows(p + 1);
		if (!*p || *p == ';')
			continue;
		for (n0 = p; is_tchar((unsigned char)*p); p++)
			;
		n1 = p;
		if (n0 == n1 || *p != '=') {
			bad = 1;
			break;
		}
		p++;
		ft_buf_reset(&val);
		if (*p == '"') {
			/* quoted-string with quoted-pair (RFC 9110 §5.6.4) */
			for (p++; *p && *p != '"'; p++) {
				if (*p == '\\' && p[1])
					p++;
				if (ft_buf_addc(&val, (unsigned char)*p) < 0)
					break;
			}
			if (*p != '"') {
				bad = 1;
				break;
			}
			p++;
		} else {
			for (s = p; is_tchar((unsigned char)*p); p++)
				;
			if (p == s || ft_buf_add(&val, s, (size_t)(p - s)) < 0) {
				bad = 1;
				break;
			}
		}
		if (n1 - n0 == 7 && !strncasecmp(n0, "charset", 7) && !have_cs) {
			have_cs = 1;
			if (add_lower(&cs, val.data, val.data + val.len) < 0)
				bad = 1;
		}
	}
	if (m.len && !(*media = ft_buf_detach(&m)))
		ret = -2;
	if (ret == 0 && have_cs && cs.len && !(*charset = ft_buf_detach(&cs)))
		ret = -2;
	ft_buf_release(&m);
	ft_buf_release(&cs);
	ft_buf_release(&val);
	if (ret == 0 && bad)
		ret = -1;
	return ret;
}

int fetch_is_feed_type(const char *mt)
{
	static const char *const types[] = {
		"application/rss+xml", "application/atom+xml", "application/xml",
		"text/xml", "application/feed+json", "application/json",
		"application/rdf+xml",    /* RSS 1.0 */
	};
	size_t i;

	if (!mt)
		return 0;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcasecmp(mt, types[i]))
			return 1;
	return 0;
}

int fetch_type_findings(const char *ct, const char *name, const char *shown,
			char **media, char **charset, struct diag_list *dl)
{
	int rc;

	*media = *charset = NULL;
	if (!ct) {
		ft_diag_add(dl, DIAG_WARNING, "http-content-type-missing", name, 0, 0,
			    "'%s' was served without a Content-Type", shown);
		return 0;
	}
	rc = fetch_parse_content_type(ct, media, charset);
	if (rc == -1)
		ft_diag_add(dl, DIAG_WARNING, "http-content-type-invalid", name,
			    0, 0, "malformed Content-Type '%s'", ct);
	if (rc != -2 && *media && !fetch_is_feed_type(*media))
		ft_diag_add(dl, DIAG_WARNING, "http-content-type-not-feed",
			    name, 0, 0,
			    "'%s' is not a feed media type: serve application/rss+xml, "
			    "application/atom+xml or application/feed+json", *media);
	return rc == -2 ? -2 : 0;
}
