/*
 * addr.h - the address policy of feedcheck's fetches (no libcurl here:
 * fetch_guard.c applies it when libcurl connects).
 *
 * A URL the user names (the command line, --urls, standard input's list)
 * is fetched as named, wherever it is.  A request made on the word of a
 * server or a document (a redirect, the feed a web page announces, the
 * media of --check-media) is a hop, and a hop may reach an address that
 * is not public (loopback, private, shared, unspecified, multicast,
 * reserved) only when it is one the named URL connected to (its origin),
 * or with --allow-private; a link-local or cloud metadata address never.
 */
#ifndef FEED_ADDR_H
#define FEED_ADDR_H

#include <stddef.h>
#include <sys/socket.h>

enum addr_class {
	ADDR_PUBLIC,
	ADDR_LOOPBACK,        /* 127/8, ::1 */
	ADDR_PRIVATE,         /* 10/8, 172.16/12, 192.168/16, 192.0.0/24,
				 fc00::/7, fec0::/10, 64:ff9b:1::/48 */
	ADDR_SHARED,          /* 100.64/10 (RFC 6598, carrier-grade NAT) */
	ADDR_UNSPECIFIED,     /* 0/8, :: */
	ADDR_MULTICAST,       /* 224/4, ff00::/8 */
	ADDR_RESERVED,        /* 240/4 and the broadcast address */
	ADDR_LINK_LOCAL,      /* 169.254/16, fe80::/10 */
	ADDR_METADATA         /* a cloud's metadata service */
};

/* One address: IPv4 (family AF_INET, 4 bytes) or IPv6 (16); an
 * IPv4-mapped IPv6 address (::ffff:a.b.c.d) is kept as the IPv4 one. */
struct fetch_addr {
	int family;
	unsigned char a[16];
};

#define FETCH_ORIGIN_MAX 8

/* The addresses a named URL's first request connected to. */
struct fetch_addrs {
	struct fetch_addr v[FETCH_ORIGIN_MAX];
	size_t n;
};

/* From a socket address, or from text ("10.0.0.1", "::1", "[fe80::1%eth0]");
 * 0, or -1 when it is neither an IPv4 nor an IPv6 address. */
int addr_from_sockaddr(const struct sockaddr *sa, size_t len, struct fetch_addr *out);
int addr_from_string(const char *s, struct fetch_addr *out);

enum addr_class addr_classify(const struct fetch_addr *a);
/* "a loopback address", "a link-local address", ... */
const char *addr_class_name(enum addr_class c);
/* The address as text (IPv6 without brackets) into buf. */
void addr_format(const struct fetch_addr *a, char *buf, size_t n);

/* Add a to set (once; FETCH_ORIGIN_MAX at most). */
void addr_add(struct fetch_addrs *set, const struct fetch_addr *a);

/*
 * Whether a hop may connect to a: 1, or 0 with *why its class (for the
 * message).  origin may be NULL (a document read from a file: no address
 * was named).
 */
int addr_hop_allowed(const struct fetch_addr *a, const struct fetch_addrs *origin,
		     int allow_private, enum addr_class *why);

#endif
