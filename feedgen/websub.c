/*
 * websub.c - the WebSub ping (libcurl's easy interface) (websub.h).
 */
#include <stddef.h>

#include "websub.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

static size_t discard(char *p, size_t size, size_t n, void *ud)
{
	(void)p;
	(void)ud;
	return size * n;
}

static int started;

void websub_cleanup(void)
{
	if (started)
		curl_global_cleanup();
	started = 0;
}

int websub_ping(const char *hub, const char *topic, char *err, size_t errlen)
{
	CURL *c;
	char cerr[CURL_ERROR_SIZE] = "";
	char *enc = NULL, *body = NULL;
	long status = 0;
	CURLcode rc;
	int r = -1;

	if (errlen)
		*err = '\0';
	/* libcurl's global start, the first time: the pings come one after
	 * another, from the thread that runs main() */
	if (!started && curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK)
		started = 1;
	c = curl_easy_init();
	if (!c) {
		snprintf(err, errlen, "cannot start libcurl");
		return -1;
	}
	enc = curl_easy_escape(c, topic, 0);
	if (!enc)
		goto done;
	body = ft_asprintf("hub.mode=publish&hub.url=%s", enc);
	if (!body)
		goto done;
	curl_easy_setopt(c, CURLOPT_COPYPOSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_URL, hub);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	/* a hub that does not answer must not hold up the cron tick */
	curl_easy_setopt(c, CURLOPT_TIMEOUT, WEBSUB_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, WEBSUB_CONNECT_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "feedgen/" FEED_VERSION);
	rc = curl_easy_perform(c);
	if (rc != CURLE_OK) {
		snprintf(err, errlen, "%s", *cerr ? cerr : curl_easy_strerror(rc));
		if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
		    rc == CURLE_COULDNT_RESOLVE_PROXY || rc == CURLE_OPERATION_TIMEDOUT)
			r = -2;
		goto done;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (status < 200 || status > 299) {
		snprintf(err, errlen, "hub answered HTTP %ld", status);
		goto done;
	}
	r = 0;
done:
	if (r < 0 && errlen && !*err)
		snprintf(err, errlen, "out of memory");
	free(body);
	curl_free(enc);
	curl_easy_cleanup(c);
	return r;
}
