/*
 * serve_page.c - what feedcheck --serve shows a person: the form of GET /
 * (a URL to fetch, or a document pasted or uploaded; the answer is the
 * report --format html writes), a constant page that works without
 * JavaScript and on a phone, and the Content-Security-Policy of every
 * HTML answer: no script at all, nothing loaded from anywhere, the inline
 * <style> of this page and of the report allowed by their SHA-256 (CSP
 * Level 3, "hash-source", computed with Nettle), forms sent here only.
 */
#include "serve.h"

#include <stdio.h>
#include <string.h>

#include <nettle/base64.h>
#include <nettle/sha2.h>

#include "report.h"

#define PAGE_STYLE \
"body{font-family:system-ui,'Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif;" \
"margin:0 auto;max-width:48em;padding:1em;color:#1b1b1b;background:#fff;" \
"line-height:1.45}h1{font-size:1.5em;margin:.2em 0}" \
"form{border:1px solid #ccc;border-radius:4px;padding:.6em 1em;margin:1em 0}" \
"label{display:block;font-weight:bold;margin:.4em 0 .2em}" \
"input[type=url],textarea{box-sizing:border-box;width:100%;font:inherit;" \
"padding:.3em}textarea{font-family:monospace;min-height:12em}" \
"button{font:inherit;padding:.3em 1.2em;margin-top:.6em}" \
"p.or{text-align:center;color:#555;margin:.2em 0}" \
"code,pre{font-family:monospace}pre{background:#f7f7f7;border:1px solid #e3e3e3;" \
"padding:.4em .6em;overflow-x:auto}footer{color:#777;font-size:.85em}"

static const char style[] = PAGE_STYLE;

static const char form[] =
"<!DOCTYPE html>\n"
"<html lang=\"en\"><head><meta charset=\"utf-8\">"
"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
"<title>feedcheck</title><style>" PAGE_STYLE "</style></head>\n"
"<body><h1>feedcheck</h1>\n"
"<p>Checks RSS, Atom and JSON Feed documents: their encoding, their "
"structure and what readers and directories expect of them.</p>\n"
"<form method=\"get\" action=\"/check\">"
"<label for=\"url\">The address of a feed</label>"
"<input type=\"url\" id=\"url\" name=\"url\" required "
"placeholder=\"https://example.com/feed.xml\">"
"<button type=\"submit\">Check</button></form>\n"
"<p class=\"or\">or</p>\n"
"<form method=\"post\" action=\"/check\" enctype=\"multipart/form-data\">"
"<label for=\"doc\">A document, pasted</label>"
"<textarea id=\"doc\" name=\"doc\" spellcheck=\"false\"></textarea>"
"<label for=\"file\">or a file</label>"
"<input type=\"file\" id=\"file\" name=\"file\">"
"<br><button type=\"submit\">Check</button></form>\n"
"<h2>For programs</h2>\n"
"<pre>curl 'http://HOST/check?url=https://example.com/feed.xml'\n"
"curl -H 'Content-Type: application/rss+xml' --data-binary @feed.xml "
"http://HOST/check</pre>\n"
"<p>The answer is feedcheck's JSON (<code>--format json</code>); "
"<code>?format=</code> asks for text, gcc, jsonl, junit, sarif, github "
"or html.  A posted document's Content-Type is read as a server's.</p>\n"
"<footer>feedcheck " FEED_VERSION "</footer>\n"
"</body></html>\n";

const char *page_form(size_t *len)
{
	*len = sizeof(form) - 1;
	return form;
}

/* "'sha256-BASE64'" of s into out (at least 64 bytes) */
static void hash_source(const char *s, char *out)
{
	struct sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];
	char b64[BASE64_ENCODE_RAW_LENGTH(SHA256_DIGEST_SIZE) + 1];

	sha256_init(&c);
	sha256_update(&c, strlen(s), (const uint8_t *)s);
	sha256_digest(&c, sizeof(d), d);
	base64_encode_raw(b64, sizeof(d), d);
	b64[sizeof(b64) - 1] = '\0';
	snprintf(out, 64, "'sha256-%s'", b64);
}

int page_csp(char *buf, size_t n)
{
	char mine[64], report[64];
	int k;

	hash_source(style, mine);
	hash_source(html_css(), report);
	k = snprintf(buf, n, "default-src 'none'; style-src %s %s; img-src data:; "
		     "script-src 'none'; base-uri 'none'; form-action 'self'; "
		     "frame-ancestors 'none'", mine, report);
	return k < 0 || (size_t)k >= n ? -1 : 0;
}
