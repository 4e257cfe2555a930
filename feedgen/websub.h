/*
 * websub.h - tell a WebSub hub that a feed changed (W3C WebSub section 7:
 * a publisher's hub.mode=publish notification, as hubs commonly accept).
 */
#ifndef FEEDGEN_WEBSUB_H
#define FEEDGEN_WEBSUB_H

/*
 * POST hub.mode=publish&hub.url=TOPIC to hub.  Returns 0 when the hub
 * answered 2xx, -1 otherwise with a message in err (errlen bytes).
 */
int websub_ping(const char *hub, const char *topic, long timeout_s,
		char *err, size_t errlen);

/* What the pings started (libcurl's global state), at the program's end. */
void websub_cleanup(void);

#endif
