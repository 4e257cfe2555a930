/*
 * fetch_audit.c - how a feed is served, as readers poll it: conditional
 * requests (RFC 9110 §13.1.2, §13.1.3) for --cache and for the delivery
 * audit, the audit itself (one conditional request at most, and what the
 * feed's own answer shows: compression, Cache-Control, an https feed
 * redirected to http), and bot-protection challenges named with their
 * vendor.  Part of the fetcher (fetch_int.h); it calls no other file of
 * it but fetch_xfer.c.
 */
#include "fetch_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "buf.h"
#include "diag.h"

/* a feed at least this long is worth compressing (the audit's bound) */
#define COMPRESS_MIN 10240
/* the body searched for a challenge page's markers */
#define CHALLENGE_SCAN (64 * 1024)
/* a validator longer than this is not kept or sent back */
#define VALIDATOR_MAX 1024

/* the value of header name in x's last response, or NULL */
static const char *hval(const struct xfer *x, const char *name)
{
	struct curl_header *h;

	if (curl_easy_header(x->easy, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
		return NULL;
	return h->value;
}

/* a header value fit to be sent back: bounded, no control character */
static int value_ok(const char *v)
{
	size_t n = 0;

	if (!v || !*v)
		return 0;
	for (; v[n]; n++)
		if ((unsigned char)v[n] < 0x20 || v[n] == 0x7F || n >= VALIDATOR_MAX)
			return 0;
	return 1;
}

/* ------------------------------------------------- conditional requests */

/* "Name: value" appended to *l; -1 when out of memory */
static int header_add(struct curl_slist **l, const char *name, const char *value)
{
	char *line = ft_asprintf("%s: %s", name, value);
	struct curl_slist *nl = line ? curl_slist_append(*l, line) : NULL;

	free(line);
	if (!nl)
		return -1;
	*l = nl;
	return 0;
}

int fetch_cond_headers(struct ctx *c, struct xfer *x, struct curl_slist **out)
{
	const char *etag = NULL, *lm = NULL;
	struct curl_slist *l = NULL, *t, *nl;

	curl_slist_free_all(x->hdrs);
	x->hdrs = NULL;
	if (x->audit == AUDIT_SENT) {
		etag = x->r.etag;
		lm = x->r.last_modified;
	} else if (x->cond) {
		etag = x->cond->etag;
		lm = x->cond->last_modified;
	}
	if (!value_ok(etag))
		etag = NULL;
	if (!value_ok(lm))
		lm = NULL;
	if (!etag && !lm) {
		*out = c->headers;
		return 0;
	}
	for (t = c->headers; t; t = t->next) {
		if (!(nl = curl_slist_append(l, t->data)))
			goto nomem;
		l = nl;
	}
	/* as readers send them (RFC 9110 §13.1.2: the entity tag as received) */
	if ((etag && header_add(&l, "If-None-Match", etag) < 0) ||
	    (lm && header_add(&l, "If-Modified-Since", lm) < 0))
		goto nomem;
	x->hdrs = l;
	*out = l;
	return 0;
nomem:
	curl_slist_free_all(l);
	return -1;
}

/* ------------------------------------------------------------ challenges */

/*
 * The signatures of bot-protection services (docs/DELIVERY.md lists them
 * with their sources).  HDR: a header (with a value that starts so, or
 * any value); COOKIE: a Set-Cookie whose name starts so; BODY: text of
 * the page.  Strong: the vendor sets it on a challenge or a block only.
 */
enum sig_kind { HDR, COOKIE, BODY };

struct sig {
	const char *vendor;
	enum sig_kind kind;
	int strong;
	const char *name;          /* header, cookie prefix or body text */
	const char *value;         /* HDR: the value's start, or NULL */
};

static const struct sig sigs[] = {
	/* strong headers: the vendors' own word */
	{ "Cloudflare", HDR, 1, "cf-mitigated", "challenge" },
	{ "AWS WAF", HDR, 1, "x-amzn-waf-action", "challenge" },
	{ "AWS WAF", HDR, 1, "x-amzn-waf-action", "captcha" },
	{ "Vercel", HDR, 1, "x-vercel-mitigated", "challenge" },
	{ "Vercel", HDR, 1, "x-vercel-mitigated", "deny" },
	{ "Sucuri", HDR, 1, "x-sucuri-block", NULL },
	/* the challenge and block pages */
	{ "Cloudflare", BODY, 1, "<title>Just a moment...</title>", NULL },
	{ "Cloudflare", BODY, 1, "/cdn-cgi/challenge-platform/", NULL },
	{ "Cloudflare", BODY, 1, "__cf_chl_", NULL },
	{ "Cloudflare", BODY, 1, "_cf_chl_opt", NULL },
	{ "Cloudflare", BODY, 1, "Attention Required! | Cloudflare", NULL },
	{ "Cloudflare", BODY, 1, "class=\"cf-error-code\"", NULL },
	{ "Vercel", BODY, 1, "<title>Vercel Security Checkpoint</title>", NULL },
	{ "Akamai", BODY, 1, "Reference #18.", NULL },
	{ "Akamai", BODY, 1, "Reference&#32;&#35;18", NULL },
	{ "Sucuri", BODY, 1, "Sucuri WebSite Firewall", NULL },
	{ "Sucuri", BODY, 1, "cdn.sucuri.net/sucuri-firewall-block.css", NULL },
	{ "Sucuri", BODY, 1, "cloudproxy@sucuri.net", NULL },
	{ "Imperva Incapsula", BODY, 1, "Incapsula incident ID", NULL },
	{ "Imperva Incapsula", BODY, 1, "/_Incapsula_Resource", NULL },
	{ "DataDome", BODY, 1, "geo.captcha-delivery.com", NULL },
	{ "PerimeterX (HUMAN)", BODY, 1, "perimeterx.net/whywasiblocked", NULL },
	{ "PerimeterX (HUMAN)", BODY, 1, "client.perimeterx.net", NULL },
	{ "PerimeterX (HUMAN)", BODY, 1, "denied because we believe you are using automation tools", NULL },
	{ "PerimeterX (HUMAN)", BODY, 1, "<title>Access to this page has been denied.</title>", NULL },
	{ "DDoS-Guard", BODY, 1, "<title>DDoS-Guard</title>", NULL },
	{ "DDoS-Guard", BODY, 1, "id=\"link-ddg\"", NULL },
	/* weak: on every answer through the service */
	{ "Cloudflare", HDR, 0, "server", "cloudflare" },
	{ "Cloudflare", HDR, 0, "cf-ray", NULL },
	{ "Cloudflare", COOKIE, 0, "__cf_bm=", NULL },
	{ "AWS WAF", HDR, 0, "x-amzn-waf-action", NULL },
	{ "Vercel", HDR, 0, "server", "Vercel" },
	{ "Akamai", HDR, 0, "server", "AkamaiGHost" },
	{ "Akamai", COOKIE, 0, "_abck=", NULL },
	{ "Akamai", COOKIE, 0, "bm_sz=", NULL },
	{ "Akamai", COOKIE, 0, "ak_bmsc=", NULL },
	{ "Sucuri", HDR, 0, "x-sucuri-id", NULL },
	{ "Sucuri", HDR, 0, "x-sucuri-cache", NULL },
	{ "Sucuri", HDR, 0, "server", "Sucuri" },
	{ "Imperva Incapsula", HDR, 0, "x-iinfo", NULL },
	{ "Imperva Incapsula", COOKIE, 0, "visid_incap_", NULL },
	{ "Imperva Incapsula", COOKIE, 0, "incap_ses_", NULL },
	{ "Imperva Incapsula", COOKIE, 0, "reese84=", NULL },
	{ "DataDome", HDR, 0, "x-datadome", NULL },
	{ "DataDome", HDR, 0, "x-dd-b", NULL },
	{ "DataDome", COOKIE, 0, "datadome=", NULL },
	{ "PerimeterX (HUMAN)", COOKIE, 0, "_px", NULL },
	{ "DDoS-Guard", HDR, 0, "server", "ddos-guard" },
	{ "DDoS-Guard", COOKIE, 0, "__ddg", NULL },
};

/* case-insensitive search of needle in the first n bytes of hay */
static int has_text(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle), i, j;

	for (i = 0; k && i + k <= n; i++) {
		for (j = 0; j < k; j++)
			if (tolower((unsigned char)hay[i + j]) !=
			    tolower((unsigned char)needle[j]))
				break;
		if (j == k)
			return 1;
	}
	return 0;
}

/* 1 when a header (HDR) or a Set-Cookie (COOKIE) of x matches s */
static int has_header(const struct xfer *x, const struct sig *s)
{
	struct curl_header *h;
	const char *name = s->kind == COOKIE ? "Set-Cookie" : s->name;
	size_t i, amount = 1;

	for (i = 0; i < amount; i++) {
		const char *v;
		if (curl_easy_header(x->easy, name, i, CURLH_HEADER, -1, &h) != CURLHE_OK)
			return 0;
		amount = h->amount;
		v = h->value;
		while (*v == ' ' || *v == '\t')
			v++;
		if (s->kind == COOKIE) {
			if (!strncmp(v, s->name, strlen(s->name)))
				return 1;
		} else if (!s->value || !strncasecmp(v, s->value, strlen(s->value))) {
			return 1;
		}
	}
	return 0;
}

/* the answer is a web page: its type, else its first bytes say so */
static int html_body(const struct xfer *x)
{
	char *ct = NULL;
	const char *b = x->body.data;
	size_t n = x->body.len, i = 0;

	curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ct);
	if (ct && !strncasecmp(ct, "text/html", 9))
		return 1;
	while (b && i < n && isspace((unsigned char)b[i]))
		i++;
	return b && (has_text(b + i, n - i < 15 ? n - i : 15, "<!doctype html") ||
		     has_text(b + i, n - i < 5 ? n - i : 5, "<html"));
}

int fetch_challenge(struct xfer *x, long status)
{
	/* how a blocking service answers a client it does not let through */
	int blocking = status == 401 || status == 403 || status == 405 ||
		       status == 429 || status == 503;
	int html = html_body(x);
	size_t scan = x->body.len < CHALLENGE_SCAN ? x->body.len : CHALLENGE_SCAN;
	const struct sig *hit = NULL;
	size_t i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]) && !hit; i++) {
		const struct sig *s = &sigs[i];
		if (s->kind == BODY) {
			if ((blocking || html) && x->body.data &&
			    has_text(x->body.data, scan, s->name))
				hit = s;
		} else if ((s->strong || (blocking && html)) && has_header(x, s)) {
			hit = s;
		}
	}
	if (!hit)
		return 0;
	if (hit->strong)
		fetch_fail(x, "http-bot-challenge",
			   "'%s' answered %ld with a bot-protection challenge of %s "
			   "(%s%s%s): readers and validators get this page, not "
			   "the feed; exempt the feed's URL from the challenge",
			   x->url, status, hit->vendor,
			   hit->kind == BODY ? "its page says '" : hit->name,
			   hit->kind == BODY ? hit->name : (hit->value ? ": " : ""),
			   hit->kind == BODY ? "'" : (hit->value ? hit->value : ""));
	else
		/* not sure: the status stays the finding, the vendor is named */
		fetch_fail(x, "http-status",
			   "'%s' answered HTTP status %ld, a web page through %s (%s%s%s%s): "
			   "probably its bot protection blocking readers and "
			   "validators; exempt the feed's URL from it",
			   x->url, status, hit->vendor,
			   hit->kind == COOKIE ? "the cookie " : "the header ",
			   hit->name, hit->value ? ": " : "",
			   hit->value ? hit->value : "");
	return 1;
}

/* ----------------------------------------------------------------- audit */

/* "max-age=0" or "no-store" among the Cache-Control directives, or NULL */
static const char *cache_disabled(const char *cc)
{
	while (cc && *cc) {
		size_t n;
		while (*cc == ' ' || *cc == '\t' || *cc == ',')
			cc++;
		n = strcspn(cc, ",");
		while (n && (cc[n - 1] == ' ' || cc[n - 1] == '\t'))
			n--;
		if (n == 8 && !strncasecmp(cc, "no-store", 8))
			return "no-store";
		if (n >= 9 && !strncasecmp(cc, "max-age=", 8) &&
		    strspn(cc + 8, "0") == n - 8)
			return "max-age=0";
		cc += strcspn(cc, ",");
	}
	return NULL;
}

/* the size of body deflated as gzip's default level would, or 0 */
static unsigned long gzip_size(const unsigned char *body, size_t len)
{
	uLongf out = compressBound((uLong)len);
	unsigned char *z;

	if (len > 0xFFFFFFFFUL || !(z = malloc(out)))
		return 0;
	if (compress2(z, &out, body, (uLong)len, Z_DEFAULT_COMPRESSION) != Z_OK)
		out = 0;
	free(z);
	return out;
}

/* an https URL of the chain redirected to http (RFC 9110 §4.2.2) */
static void downgrade(struct xfer *x)
{
	size_t i;

	for (i = 0; i < x->r.nhops; i++) {
		const struct fetch_hop *h = &x->r.hops[i];
		if (!strncasecmp(h->url, "https:", 6) &&
		    !strncasecmp(h->location, "http:", 5)) {
			ft_diag_add(&x->dl, DIAG_WARNING, "delivery-https-downgrade",
				    x->r.url, 0, 0, "'%s' redirects (%ld) to '%s': "
				    "the https feed is delivered over plain http, "
				    "where anyone on the way can read and change it",
				    h->url, h->status, h->location);
			return;
		}
	}
}

/* the directive of every Cache-Control field (RFC 9111 §5.2: a list,
 * which may come in several fields) that disables caching, or NULL */
static const char *cache_control(const struct xfer *x)
{
	struct curl_header *h;
	const char *why;
	size_t i, amount = 1;

	for (i = 0; i < amount; i++) {
		if (curl_easy_header(x->easy, "Cache-Control", i, CURLH_HEADER, -1,
				     &h) != CURLHE_OK)
			return NULL;
		amount = h->amount;
		if ((why = cache_disabled(h->value)))
			return why;
	}
	return NULL;
}

int fetch_audit_first(struct ctx *c, struct xfer *x)
{
	const char *why, *ce = hval(x, "Content-Encoding");
	curl_off_t wire = 0;

	if (!c->o.audit || !c->o.audit[x->index] || c->o.guard || c->o.media)
		return 0;
	curl_easy_getinfo(x->easy, CURLINFO_SIZE_DOWNLOAD_T, &wire);
	x->wire = (long long)wire;
	downgrade(x);
	if ((why = cache_control(x)))
		ft_diag_add(&x->dl, DIAG_INFO, "delivery-cache-disabled", x->r.url, 0, 0,
			    "'%s' is served with Cache-Control: %s: caches between "
			    "the readers and the server must fetch it whole again "
			    "on every poll", x->url, why);
	if (x->body.len >= COMPRESS_MIN && (!ce || !*ce || !strcasecmp(ce, "identity"))) {
		unsigned long z = gzip_size((const unsigned char *)x->body.data,
					    x->body.len);
		if (z)
			ft_diag_add(&x->dl, DIAG_WARNING, "delivery-uncompressed",
				    x->r.url, 0, 0, "'%s' sent %zu bytes uncompressed "
				    "although gzip was asked for (Accept-Encoding): "
				    "gzip makes them %lu bytes, %.1f times fewer on "
				    "every poll", x->url, x->body.len, z,
				    (double)x->body.len / (double)z);
	}
	/* one conditional request, as a reader's next poll makes it, within
	 * --max-time */
	if ((!x->r.etag && !x->r.last_modified) || x->not_before_ms >= x->deadline_ms ||
	    now_ms() >= x->deadline_ms - 100)
		return 0;
	x->kept = x->body;
	ft_buf_init(&x->body, x->kept.max);
	x->audit = AUDIT_SENT;
	x->not_before_ms = now_ms();
	return 1;
}

/* RFC 9110 §8.8.3.2: weak comparison (the opaque tags match) */
static int etag_weak_equal(const char *a, const char *b)
{
	if (!strncmp(a, "W/", 2))
		a += 2;
	if (!strncmp(b, "W/", 2))
		b += 2;
	return !strcmp(a, b);
}

void fetch_audit_done(struct xfer *x, CURLcode rc)
{
	long status = 0;
	const char *etag, *lm;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	/* a 200 is stopped at its first byte (write_cb): the status is known */
	if ((rc == CURLE_OK || (rc == CURLE_WRITE_ERROR && status == 200)) &&
	    !x->refused[0]) {
		etag = hval(x, "ETag");
		lm = hval(x, "Last-Modified");
		if (status == 304) {
			/* RFC 9110 §15.4.5: the ETag the 200 would carry */
			if (x->r.etag && (!etag || !etag_weak_equal(etag, x->r.etag)))
				ft_diag_add(&x->dl, DIAG_WARNING,
					    "delivery-304-validator-changed", x->r.url, 0, 0,
					    "'%s' answered 304 Not Modified with %s%s, "
					    "not the ETag %s of the feed it sent: readers "
					    "keep a stale copy or never match again",
					    x->url, etag ? "ETag " : "no ETag",
					    etag ? etag : "", x->r.etag);
			else if (x->r.last_modified && lm && strcmp(lm, x->r.last_modified))
				ft_diag_add(&x->dl, DIAG_WARNING,
					    "delivery-304-validator-changed", x->r.url, 0, 0,
					    "'%s' answered 304 Not Modified with "
					    "Last-Modified %s, not the %s of the feed it "
					    "sent", x->url, lm, x->r.last_modified);
		} else if (status >= 200 && status < 300) {
			ft_diag_add(&x->dl, DIAG_WARNING, "delivery-conditional-ignored",
				    x->r.url, 0, 0, "'%s' answered a conditional request "
				    "(%s%s%s) with %ld and the whole feed, not 304 Not "
				    "Modified: every poll of every reader downloads %lld "
				    "bytes", x->url,
				    x->r.etag ? "If-None-Match: " : "If-Modified-Since: ",
				    x->r.etag ? x->r.etag : x->r.last_modified,
				    etag && x->r.etag && !etag_weak_equal(etag, x->r.etag) ?
				    ", answered with a new ETag" : "", status,
				    x->wire > 0 ? x->wire : (long long)x->kept.len);
		}
	}
	/* nothing else of the audit's request is the feed's: the body back */
	ft_buf_release(&x->body);
	x->body = x->kept;
	ft_buf_init(&x->kept, 0);
	x->audit = AUDIT_NONE;
	x->refused[0] = '\0';
}
