/*
 * test_addr.c - the address policy of feedcheck's hops (validate/cli/addr.c):
 * every range a hop may not reach on a server's or a document's word,
 * written the ways an attacker writes them (IPv4-mapped, NAT64, 6to4,
 * IPv4-compatible IPv6, zone ids), the cloud metadata addresses that a
 * range alone would let through, the allowance for the named URL's own
 * address, and --allow-private, which never opens link-local or
 * metadata addresses.  No network: the addresses are only parsed.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include "addr.h"
#include "test.h"

static const struct {
	const char *text;
	enum addr_class want;
} cases[] = {
	{ "93.184.216.34", ADDR_PUBLIC },
	{ "8.8.8.8", ADDR_PUBLIC },
	{ "2606:4700::6810:85e5", ADDR_PUBLIC },
	{ "127.0.0.1", ADDR_LOOPBACK },
	{ "127.0.0.2", ADDR_LOOPBACK },
	{ "127.255.255.254", ADDR_LOOPBACK },
	{ "::1", ADDR_LOOPBACK },
	{ "[::1]", ADDR_LOOPBACK },
	{ "10.0.0.1", ADDR_PRIVATE },
	{ "172.16.0.1", ADDR_PRIVATE },
	{ "172.31.255.255", ADDR_PRIVATE },
	{ "172.32.0.1", ADDR_PUBLIC },
	{ "172.15.255.255", ADDR_PUBLIC },
	{ "192.168.1.1", ADDR_PRIVATE },
	{ "192.0.0.8", ADDR_PRIVATE },
	{ "100.64.0.1", ADDR_SHARED },
	{ "100.127.255.255", ADDR_SHARED },
	{ "100.128.0.1", ADDR_PUBLIC },
	{ "fc00::1", ADDR_PRIVATE },
	{ "fd12:3456::1", ADDR_PRIVATE },
	{ "fec0::1", ADDR_PRIVATE },
	{ "169.254.0.1", ADDR_LINK_LOCAL },
	{ "fe80::1", ADDR_LINK_LOCAL },
	{ "[fe80::1%eth0]", ADDR_LINK_LOCAL },
	{ "febf::1", ADDR_LINK_LOCAL },
	{ "169.254.169.254", ADDR_METADATA },
	{ "169.254.170.2", ADDR_METADATA },
	{ "100.100.100.200", ADDR_METADATA },
	{ "168.63.129.16", ADDR_METADATA },
	{ "fd00:ec2::254", ADDR_METADATA },
	{ "fd20:ce::254", ADDR_METADATA },
	{ "0.0.0.0", ADDR_UNSPECIFIED },
	{ "0.1.2.3", ADDR_UNSPECIFIED },
	{ "::", ADDR_UNSPECIFIED },
	{ "224.0.0.1", ADDR_MULTICAST },
	{ "239.255.255.250", ADDR_MULTICAST },
	{ "ff02::1", ADDR_MULTICAST },
	{ "240.0.0.1", ADDR_RESERVED },
	{ "255.255.255.255", ADDR_RESERVED },
	{ "100::1", ADDR_RESERVED },
	/* IPv4 inside IPv6: judged as the IPv4 address */
	{ "::ffff:127.0.0.1", ADDR_LOOPBACK },
	{ "::ffff:10.0.0.1", ADDR_PRIVATE },
	{ "::ffff:169.254.169.254", ADDR_METADATA },
	{ "::ffff:a9fe:a9fe", ADDR_METADATA },
	{ "::ffff:8.8.8.8", ADDR_PUBLIC },
	{ "64:ff9b::a9fe:a9fe", ADDR_LINK_LOCAL },
	{ "64:ff9b::10.1.2.3", ADDR_PRIVATE },
	{ "64:ff9b::8.8.8.8", ADDR_PUBLIC },
	{ "64:ff9b:1::1", ADDR_PRIVATE },
	{ "2002:a9fe:a9fe::1", ADDR_LINK_LOCAL },
	{ "2002:7f00:1::1", ADDR_LOOPBACK },
	{ "2002:808:808::1", ADDR_PUBLIC },
	{ "::127.0.0.1", ADDR_LOOPBACK },
	{ "::8.8.8.8", ADDR_RESERVED },
};

int main(void)
{
	struct fetch_addr a, b;
	struct fetch_addrs origin;
	struct sockaddr_in6 s6;
	struct sockaddr_in s4;
	enum addr_class why;
	char buf[64];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int ok = addr_from_string(cases[i].text, &a) == 0;
		CHECK(ok && addr_classify(&a) == cases[i].want, "%s is %s",
		      cases[i].text, addr_class_name(cases[i].want));
		if (ok && addr_classify(&a) != cases[i].want)
			printf("#   got %s\n", addr_class_name(addr_classify(&a)));
	}
	CHECK(addr_from_string("example.com", &a) < 0, "a name is not an address");
	CHECK(addr_from_string("", &a) < 0, "nothing is not an address");
	CHECK(addr_from_string(NULL, &a) < 0, "NULL is not an address");
	CHECK(addr_from_string("1.2.3", &a) < 0, "1.2.3 is not an address (inet_pton)");

	/* a socket address, the IPv4-mapped IPv6 form kept as IPv4 */
	memset(&s6, 0, sizeof(s6));
	s6.sin6_family = AF_INET6;
	inet_pton(AF_INET6, "::ffff:127.0.0.1", &s6.sin6_addr);
	CHECK(addr_from_sockaddr((struct sockaddr *)&s6, sizeof(s6), &a) == 0 &&
	      a.family == AF_INET, "::ffff:127.0.0.1 from a socket address is IPv4");
	addr_format(&a, buf, sizeof(buf));
	CHECK_STR(buf, "127.0.0.1", "and prints so");
	memset(&s4, 0, sizeof(s4));
	s4.sin_family = AF_INET;
	inet_pton(AF_INET, "10.9.8.7", &s4.sin_addr);
	CHECK(addr_from_sockaddr((struct sockaddr *)&s4, sizeof(s4), &b) == 0 &&
	      addr_classify(&b) == ADDR_PRIVATE, "10.9.8.7 from a socket address");
	CHECK(addr_from_sockaddr((struct sockaddr *)&s4, 4, &b) < 0,
	      "a socket address too short is refused");

	/* the policy */
	memset(&origin, 0, sizeof(origin));
	addr_from_string("127.0.0.1", &a);
	addr_add(&origin, &a);
	addr_add(&origin, &a);
	CHECK_INT(origin.n, 1, "an address is in the origin once");
	CHECK(addr_hop_allowed(&a, &origin, 0, &why), "a hop to the named URL's own address");
	addr_from_string("::ffff:127.0.0.1", &b);
	CHECK(addr_hop_allowed(&b, &origin, 0, &why), "... also written IPv4-mapped");
	addr_from_string("127.0.0.2", &b);
	CHECK(!addr_hop_allowed(&b, &origin, 0, &why) && why == ADDR_LOOPBACK,
	      "a hop to another loopback address is refused");
	CHECK(!addr_hop_allowed(&b, NULL, 0, &why), "without an origin (a file) too");
	CHECK(addr_hop_allowed(&b, NULL, 1, &why), "--allow-private lets it through");
	addr_from_string("8.8.8.8", &b);
	CHECK(addr_hop_allowed(&b, NULL, 0, &why), "a public address is always reached");
	addr_from_string("169.254.169.254", &b);
	addr_add(&origin, &b);
	CHECK(!addr_hop_allowed(&b, &origin, 1, &why) && why == ADDR_METADATA,
	      "a metadata address never, not even when named and with --allow-private");
	addr_from_string("fe80::1", &b);
	CHECK(!addr_hop_allowed(&b, &origin, 1, &why) && why == ADDR_LINK_LOCAL,
	      "a link-local address never, not even with --allow-private");
	addr_from_string("fd00:ec2::254", &b);
	CHECK(!addr_hop_allowed(&b, NULL, 1, &why) && why == ADDR_METADATA,
	      "AWS's IPv6 metadata address is not just a private one");
	for (i = 0; i < 20; i++) {
		b.family = AF_INET;
		b.a[0] = 10;
		b.a[1] = (unsigned char)i;
		addr_add(&origin, &b);
	}
	CHECK_INT(origin.n, FETCH_ORIGIN_MAX, "the origin holds at most FETCH_ORIGIN_MAX");
	return TEST_DONE();
}
