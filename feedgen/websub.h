/*
 * websub.h - tell a WebSub hub that a feed changed (W3C WebSub section 7:
 * a publisher's hub.mode=publish notification, as hubs commonly accept).
 */
#ifndef FEEDGEN_WEBSUB_H
#define FEEDGEN_WEBSUB_H

/* How long a ping may take: to connect, and in all (seconds). */
#define WEBSUB_CONNECT_TIMEOUT 3L
#define WEBSUB_TIMEOUT 10L

/*
 * POST hub.mode=publish&hub.url=TOPIC to hub.  Returns 0 when the hub
 * answered 2xx; -2 when it could not be reached at all (no connection,
 * no name, out of time); -1 otherwise; with a message in err (errlen
 * bytes).
 */
int websub_ping(const char *hub, const char *topic, char *err, size_t errlen);

/* What the pings started (libcurl's global state), at the program's end. */
void websub_cleanup(void);

#endif
