/*
 * addr.c - what kind of address an IP address is, and whether a hop may
 * go there (addr.h says the policy).  The ranges are those RFC 6890 and
 * the IANA special-purpose registries mark as not globally reachable;
 * the metadata services are the addresses their clouds document.  No
 * libcurl, no I/O: fetch_guard.c asks when libcurl is about to connect.
 */
#include "addr.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

/* a cloud's instance metadata: never reached on a server's word */
static const struct {
	int family;
	const char *text;
} metadata[] = {
	{ AF_INET, "169.254.169.254" },   /* AWS, Azure, GCP, OCI, OpenStack, ... */
	{ AF_INET, "169.254.170.2" },     /* AWS ECS task metadata */
	{ AF_INET, "100.100.100.200" },   /* Alibaba Cloud */
	{ AF_INET, "192.0.0.192" },       /* Oracle Cloud */
	{ AF_INET, "168.63.129.16" },     /* Azure's WireServer */
	{ AF_INET6, "fd00:ec2::254" },    /* AWS IMDS over IPv6 */
	{ AF_INET6, "fd20:ce::254" },     /* Google Cloud over IPv6 */
};

static const unsigned char v4mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

static void set_v4(struct fetch_addr *out, const unsigned char *b)
{
	memset(out, 0, sizeof(*out));
	out->family = AF_INET;
	memcpy(out->a, b, 4);
}

static void set_v6(struct fetch_addr *out, const unsigned char *b)
{
	/* ::ffff:a.b.c.d is a.b.c.d (RFC 4291 section 2.5.5.2) */
	if (!memcmp(b, v4mapped, sizeof(v4mapped))) {
		set_v4(out, b + 12);
		return;
	}
	memset(out, 0, sizeof(*out));
	out->family = AF_INET6;
	memcpy(out->a, b, 16);
}

int addr_from_sockaddr(const struct sockaddr *sa, size_t len, struct fetch_addr *out)
{
	if (!sa)
		return -1;
	if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *s4 = (const struct sockaddr_in *)(const void *)sa;
		set_v4(out, (const unsigned char *)&s4->sin_addr);
		return 0;
	}
	if (sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)(const void *)sa;
		set_v6(out, (const unsigned char *)&s6->sin6_addr);
		return 0;
	}
	return -1;
}

int addr_from_string(const char *s, struct fetch_addr *out)
{
	char buf[64];
	unsigned char b[16];
	size_t n;

	if (!s)
		return -1;
	if (*s == '[')
		s++;
	n = strcspn(s, "]%");
	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET, buf, b) == 1) {
		set_v4(out, b);
		return 0;
	}
	if (inet_pton(AF_INET6, buf, b) == 1) {
		set_v6(out, b);
		return 0;
	}
	return -1;
}

static int is_metadata(const struct fetch_addr *a)
{
	unsigned char b[16];
	size_t i;

	for (i = 0; i < sizeof(metadata) / sizeof(metadata[0]); i++)
		if (metadata[i].family == a->family &&
		    inet_pton(metadata[i].family, metadata[i].text, b) == 1 &&
		    !memcmp(b, a->a, a->family == AF_INET ? 4 : 16))
			return 1;
	return 0;
}

static enum addr_class classify4(const unsigned char *b)
{
	if (b[0] == 0)
		return ADDR_UNSPECIFIED;          /* "this network", RFC 791 */
	if (b[0] == 127)
		return ADDR_LOOPBACK;
	if (b[0] == 10 || (b[0] == 172 && (b[1] & 0xf0) == 16) ||
	    (b[0] == 192 && b[1] == 168) ||
	    (b[0] == 192 && b[1] == 0 && b[2] == 0))   /* RFC 6890 */
		return ADDR_PRIVATE;
	if (b[0] == 100 && (b[1] & 0xc0) == 64)
		return ADDR_SHARED;
	if (b[0] == 169 && b[1] == 254)
		return ADDR_LINK_LOCAL;
	if ((b[0] & 0xf0) == 224)
		return ADDR_MULTICAST;
	if ((b[0] & 0xf0) == 240)
		return ADDR_RESERVED;             /* and 255.255.255.255 */
	return ADDR_PUBLIC;
}

static int zeros(const unsigned char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i])
			return 0;
	return 1;
}

enum addr_class addr_classify(const struct fetch_addr *a)
{
	const unsigned char *b = a->a;
	static const unsigned char nat64[12] = { 0, 0x64, 0xff, 0x9b };

	if (is_metadata(a))
		return ADDR_METADATA;
	if (a->family == AF_INET)
		return classify4(b);
	if (zeros(b, 16))
		return ADDR_UNSPECIFIED;
	if (zeros(b, 15) && b[15] == 1)
		return ADDR_LOOPBACK;
	if (!memcmp(b, v4mapped, sizeof(v4mapped)))
		return classify4(b + 12);
	if (zeros(b, 12)) {
		/* IPv4-compatible (RFC 4291 section 2.5.5.1): deprecated */
		enum addr_class c = classify4(b + 12);
		return c == ADDR_PUBLIC ? ADDR_RESERVED : c;
	}
	/* NAT64 (RFC 6052): the gateway connects to the IPv4 inside */
	if (!memcmp(b, nat64, sizeof(nat64)))
		return classify4(b + 12);
	if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b &&
	    b[4] == 0 && b[5] == 1)
		return ADDR_PRIVATE;              /* 64:ff9b:1::/48, RFC 8215 */
	/* 6to4 (RFC 3056): 2002:AABB:CCDD::/48 is the IPv4 AA.BB.CC.DD */
	if (b[0] == 0x20 && b[1] == 0x02)
		return classify4(b + 2);
	if ((b[0] & 0xfe) == 0xfc)
		return ADDR_PRIVATE;              /* unique local, RFC 4193 */
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
		return ADDR_LINK_LOCAL;
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)
		return ADDR_PRIVATE;              /* site-local, RFC 3879 */
	if (b[0] == 0xff)
		return ADDR_MULTICAST;
	if (b[0] == 0x01 && zeros(b + 1, 7))
		return ADDR_RESERVED;             /* discard-only, RFC 6666 */
	return ADDR_PUBLIC;
}

const char *addr_class_name(enum addr_class c)
{
	switch (c) {
	case ADDR_PUBLIC: return "a public address";
	case ADDR_LOOPBACK: return "a loopback address";
	case ADDR_PRIVATE: return "a private address";
	case ADDR_SHARED: return "a shared (carrier-grade NAT) address";
	case ADDR_UNSPECIFIED: return "an unspecified address";
	case ADDR_MULTICAST: return "a multicast address";
	case ADDR_RESERVED: return "a reserved address";
	case ADDR_LINK_LOCAL: return "a link-local address";
	case ADDR_METADATA: return "a cloud metadata address";
	}
	return "an address";
}

void addr_format(const struct fetch_addr *a, char *buf, size_t n)
{
	if (!n)
		return;
	if (!inet_ntop(a->family, a->a, buf, (socklen_t)n))
		snprintf(buf, n, "?");
}

static int same(const struct fetch_addr *x, const struct fetch_addr *y)
{
	return x->family == y->family &&
	       !memcmp(x->a, y->a, x->family == AF_INET ? 4 : 16);
}

void addr_add(struct fetch_addrs *set, const struct fetch_addr *a)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (same(&set->v[i], a))
			return;
	if (set->n < FETCH_ORIGIN_MAX)
		set->v[set->n++] = *a;
}

int addr_hop_allowed(const struct fetch_addr *a, const struct fetch_addrs *origin,
		     int allow_private, enum addr_class *why)
{
	enum addr_class c = addr_classify(a);
	size_t i;

	*why = c;
	if (c == ADDR_PUBLIC)
		return 1;
	if (c == ADDR_LINK_LOCAL || c == ADDR_METADATA)
		return 0;
	if (allow_private)
		return 1;
	for (i = 0; origin && i < origin->n; i++)
		if (same(&origin->v[i], a))
			return 1;
	return 0;
}
