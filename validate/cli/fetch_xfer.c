/*
 * fetch_xfer.c - what a transfer keeps of itself, for the files of the
 * fetcher that run it (fetch.c), judge its response (fetch_response.c)
 * and its connections (fetch_guard.c): its one failure, and the key of
 * its host for the per-host limit (fetch_int.h).
 */
#include "fetch_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "diag.h"

void fetch_fail(struct xfer *x, const char *rule, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (x->r.error)
		return;
	va_start(ap, fmt);
	msg = ft_vasprintf(fmt, ap);
	va_end(ap);
	x->r.error_rule = rule;
	x->r.error = msg ? msg : strdup("out of memory");
	ft_diag_add(&x->dl, DIAG_ERROR, rule, x->r.url, 0, 0, "%s",
		 msg ? msg : "out of memory");
}

/*
 * "scheme://host:port" for the per-host limit, or NULL (and *bad set) when
 * the URL is not one we fetch.  allow_file: file: is allowed for the URL the
 * user gave, never as a redirect target.
 */
char *fetch_host_key(const char *url, int allow_file, int *bad)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *key = NULL;

	*bad = 0;
	if (!u)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) {
		*bad = 1;
		goto abort;
	}
	if (!strcasecmp(scheme, "file") && allow_file) {
		key = strdup("file:");
		goto abort;
	}
	if (strcasecmp(scheme, "http") && strcasecmp(scheme, "https")) {
		*bad = 1;
		goto abort;
	}
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK) {
		*bad = 1;
		goto abort;
	}
	key = ft_asprintf("%s://%s:%s", scheme, host, port);
abort:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return key;
}
