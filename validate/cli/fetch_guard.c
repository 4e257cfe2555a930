/*
 * fetch_guard.c - the address policy (addr.h) where libcurl connects, so
 * that what is judged is the address really used, whatever a name
 * resolved to before (DNS rebinding): libcurl's open-socket callback
 * refuses the socket of a hop before it exists, so no connection is
 * attempted, and its pre-request callback refuses a hop that would reuse
 * a connection another transfer opened.  A hop whose host is an IP
 * address is judged before the request is even queued.  Part of the
 * fetcher (fetch_int.h): one of the three files that name libcurl.
 */
#include "fetch_int.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "addr.h"

/* x's hop to url is refused: the finding (the first failure of x) */
static void refuse(struct xfer *x, const char *url, const struct fetch_addr *a,
		   enum addr_class c)
{
	char ip[64];

	addr_format(a, ip, sizeof(ip));
	if (c == ADDR_LINK_LOCAL || c == ADDR_METADATA)
		snprintf(x->refused, sizeof(x->refused), "'%.300s' is at %s, %s: "
			 "not fetched, because a server or a document chose it "
			 "(feedcheck never goes to a link-local or cloud metadata "
			 "address so)", url, ip, addr_class_name(c));
	else
		snprintf(x->refused, sizeof(x->refused), "'%.300s' is at %s, %s: "
			 "not fetched, because a server or a document chose it "
			 "(only public addresses and those of the URL named are "
			 "reached so; --allow-private allows it)", url, ip,
			 addr_class_name(c));
}

int fetch_guard_url(struct xfer *x, const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL;
	struct fetch_addr a;
	enum addr_class c;
	int rc = 0;

	if (!u) {
		fetch_fail(x, "fetch-internal", "out of memory");
		return -1;
	}
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) {
		fetch_fail(x, "fetch-bad-url", "'%s' is not a URL", url);
		rc = -1;
	} else if (strcasecmp(scheme, "http") && strcasecmp(scheme, "https")) {
		fetch_fail(x, "fetch-scheme-refused", "'%s' is not an http or https "
			   "URL: a URL that a server or a document names is never "
			   "opened unless it is one", url);
		rc = -1;
	} else if (curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
		   addr_from_string(host, &a) == 0 &&
		   !addr_hop_allowed(&a, &x->origin, x->allow_private, &c)) {
		refuse(x, url, &a, c);
		fetch_fail(x, "fetch-address-refused", "%s", x->refused);
		rc = -1;
	}
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return rc;
}

/* the connection of x is to a: 1 when it may be made (or used) */
static int judge(struct xfer *x, const struct fetch_addr *a)
{
	enum addr_class c;

	if (!x->guarded) {
		/* the URL as named: where it leads is its origin */
		addr_add(&x->origin, a);
		return 1;
	}
	if (addr_hop_allowed(a, &x->origin, x->allow_private, &c))
		return 1;
	refuse(x, x->url, a, c);
	return 0;
}

static curl_socket_t open_cb(void *ud, curlsocktype purpose,
			     struct curl_sockaddr *sa)
{
	struct xfer *x = ud;
	struct fetch_addr a;

	(void)purpose;
	if (addr_from_sockaddr(&sa->addr, sa->addrlen, &a) < 0) {
		/* neither IPv4 nor IPv6 (libcurl opens no other here) */
		if (x->guarded) {
			snprintf(x->refused, sizeof(x->refused), "'%.300s' is not "
				 "at an IP address: not fetched", x->url);
			return CURL_SOCKET_BAD;
		}
	} else if (!judge(x, &a)) {
		return CURL_SOCKET_BAD;
	}
	return socket(sa->family, sa->socktype | SOCK_CLOEXEC, sa->protocol);
}

static int prereq_cb(void *ud, char *ip, char *local_ip, int port, int local_port)
{
	struct xfer *x = ud;
	struct fetch_addr a;

	(void)local_ip;
	(void)port;
	(void)local_port;
	if (addr_from_string(ip, &a) < 0)
		return x->guarded ? CURL_PREREQFUNC_ABORT : CURL_PREREQFUNC_OK;
	return judge(x, &a) ? CURL_PREREQFUNC_OK : CURL_PREREQFUNC_ABORT;
}

int fetch_guard_setup(struct xfer *x, CURL *e)
{
	x->refused[0] = '\0';
	if (curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, open_cb) != CURLE_OK ||
	    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, (void *)x) != CURLE_OK ||
	    curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, prereq_cb) != CURLE_OK ||
	    curl_easy_setopt(e, CURLOPT_PREREQDATA, (void *)x) != CURLE_OK)
		return -1;
	return 0;
}
