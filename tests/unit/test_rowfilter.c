/*
 * Row filters (dfilter/rowfilter.c): every flow and talker field, size
 * suffixes, address prefixes of both families, the either-end fields and
 * their != rule, and errors.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dfilter/rowfilter.h"
#include "testlib.h"

#define SEC	1000000000LL
#define T0	(1700000000 * SEC)

/* A UDP flow 10.1.2.3:5353 -> 192.168.0.9:53: 3 packets and 1200 bytes
   one way, 2 and 800 back; last packet at T0 + 5 s, first at T0. */
static struct flow_view
udp_flow(void)
{
	struct flow_view f;

	memset(&f, 0, sizeof f);
	f.ipver = 4;
	f.proto = 17;
	inet_pton(AF_INET, "10.1.2.3", f.src);
	inet_pton(AF_INET, "192.168.0.9", f.dst);
	f.sport = 5353;
	f.dport = 53;
	f.packets = 3;
	f.bytes = 1200;
	f.packets_rev = 2;
	f.bytes_rev = 800;
	f.first_ns = T0;
	f.last_ns = T0 + 5 * SEC;
	f.state = FS_ACTIVE;
	f.rate[0] = 1000;	/* bytes/s: 8000 bit/s */
	f.rate_rev[0] = 250;	/* 2000 bit/s of it from dst */
	f.peak = 1500;		/* 12000 bit/s */
	return f;
}

/* A TCP flow over IPv6, reset: [2001:db8::1]:40000 -> [2001:db8:1::2]:443,
   12M bytes one way. */
static struct flow_view
tcp6_flow(void)
{
	struct flow_view f;

	memset(&f, 0, sizeof f);
	f.ipver = 6;
	f.proto = 6;
	inet_pton(AF_INET6, "2001:db8::1", f.src);
	inet_pton(AF_INET6, "2001:db8:1::2", f.dst);
	f.sport = 40000;
	f.dport = 443;
	f.packets = 9000;
	f.bytes = 12000000;
	f.packets_rev = 4000;
	f.bytes_rev = 300000;
	f.first_ns = T0 - 60 * SEC;
	f.last_ns = T0;
	f.state = FS_RESET;
	return f;
}

/* An ICMP flow (no ports) 10.9.9.9 -> 8.8.8.8. */
static struct flow_view
icmp_flow(void)
{
	struct flow_view f;

	memset(&f, 0, sizeof f);
	f.ipver = 4;
	f.proto = 1;
	inet_pton(AF_INET, "10.9.9.9", f.src);
	inet_pton(AF_INET, "8.8.8.8", f.dst);
	f.packets = 1;
	f.bytes = 98;
	f.first_ns = f.last_ns = T0 + 5 * SEC;
	return f;
}

static int nfail_compile;

/* Does flow f match expr, with age measured to now? */
static int
flow_match(const char *expr, const struct flow_view *f, int64_t now)
{
	struct rowfilter *rf;
	char *cause = NULL;
	bool m;

	if ((rf = rowfilter_compile(expr, ROWS_FLOWS, &cause)) == NULL) {
		printf("  does not compile: %s: %s\n", expr, cause);
		free(cause);
		nfail_compile++;
		return -1;
	}
	m = rowfilter_match_flow(rf, f, now);
	rowfilter_free(rf);
	return m;
}

#define FLOW_YES(expr, f)	tl_check(flow_match((expr), &(f), now) == 1, \
	"matches: " expr, __FILE__, __LINE__)
#define FLOW_NO(expr, f)	tl_check(flow_match((expr), &(f), now) == 0, \
	"does not match: " expr, __FILE__, __LINE__)

static void
test_flow_fields(void)
{
	struct flow_view u = udp_flow(), t = tcp6_flow(), i = icmp_flow();
	int64_t now = T0 + 5 * SEC;

	FLOW_YES("proto == \"udp\"", u);
	FLOW_YES("proto == udp", u);
	FLOW_NO("proto == udp", t);
	FLOW_YES("proto == tcp", t);
	FLOW_YES("proto == icmp", i);
	FLOW_YES("proto contains \"ud\"", u);
	FLOW_YES("state == \"active\"", u);
	FLOW_YES("state == reset", t);
	FLOW_NO("state == reset", u);

	FLOW_YES("src == 10.1.2.3", u);
	FLOW_NO("src == 192.168.0.9", u);
	FLOW_YES("dst == 192.168.0.9", u);
	FLOW_YES("addr == 10.1.2.3", u);
	FLOW_YES("addr == 192.168.0.9", u);
	FLOW_NO("addr == 10.1.2.4", u);
	/* != on an either-end field: neither end equals (tshark's rule) */
	FLOW_NO("addr != 10.1.2.3", u);
	FLOW_YES("addr != 10.1.2.4", u);
	FLOW_YES("!(addr == 10.1.2.4)", u);

	FLOW_YES("sport == 5353", u);
	FLOW_YES("dport == 53", u);
	FLOW_YES("port == 53", u);
	FLOW_YES("port == 5353", u);
	FLOW_NO("port == 54", u);
	FLOW_NO("port != 53", u);
	FLOW_YES("port in {53, 443}", u);
	FLOW_YES("port in {440..450}", t);
	FLOW_YES("dport >= 443 && sport > 1024", t);
	/* ICMP has no ports: comparisons need the field, which it lacks */
	FLOW_NO("port == 0", i);
	FLOW_NO("port != 53", i);
	FLOW_YES("!port", i);
	FLOW_YES("port", u);

	FLOW_YES("packets == 5", u);
	FLOW_YES("bytes == 2000", u);
	FLOW_YES("src.packets == 3 and dst.packets == 2", u);
	FLOW_YES("src.bytes == 1200 and dst.bytes == 800", u);
	FLOW_NO("src.bytes == 2000", u);

	FLOW_YES("rate == 8000", u);
	FLOW_YES("rate > 7999.5 && rate < 8000.5", u);
	FLOW_YES("src.rate == 6000 and dst.rate == 2000", u);
	FLOW_YES("peak == 12000", u);
	FLOW_YES("rate == 0", t);

	FLOW_YES("age == 0", u);
	FLOW_YES("age == 5", t);
	FLOW_YES("age > 4.5", t);
	FLOW_YES("duration == 5", u);
	FLOW_YES("duration == 60", t);
	FLOW_YES("duration == 0", i);
	now = T0 + 65 * SEC;
	FLOW_YES("age == 60", u);
	FLOW_YES("age > 64.9 and age < 65.1", t);
}

static void
test_suffixes(void)
{
	struct flow_view u = udp_flow(), t = tcp6_flow();
	int64_t now = T0;

	/* x1000, like the views' counts */
	FLOW_YES("bytes > 1k", u);
	FLOW_YES("bytes == 2k", u);
	FLOW_NO("bytes > 2k", u);
	FLOW_YES("bytes >= 2k", u);
	FLOW_YES("bytes > 10M", t);
	FLOW_YES("src.bytes == 12M", t);
	FLOW_NO("bytes > 1G", t);
	FLOW_YES("bytes < 1G", t);
	FLOW_YES("packets > 10k and packets < 14k", t);
	FLOW_YES("bytes > 1k and proto == udp", u);
	FLOW_NO("bytes > 1k and proto == udp", t);
	FLOW_YES("bytes > 10M and proto == tcp", t);
}

static void
test_prefixes(void)
{
	struct flow_view u = udp_flow(), t = tcp6_flow(), i = icmp_flow();
	int64_t now = T0;

	FLOW_YES("addr == 10.0.0.0/8", u);
	FLOW_YES("addr == 192.168.0.0/16", u);
	FLOW_YES("src == 10.1.2.0/24 and dst == 192.168.0.0/24", u);
	FLOW_NO("src == 192.168.0.0/16", u);
	FLOW_NO("addr == 172.16.0.0/12", u);
	FLOW_NO("addr == 10.0.0.0/8 and state == \"reset\"", u);
	u.state = FS_RESET;
	FLOW_YES("addr == 10.0.0.0/8 and state == \"reset\"", u);
	FLOW_YES("addr == 2001:db8::/32", t);
	FLOW_YES("dst == 2001:db8:1::/48", t);
	FLOW_NO("src == 2001:db8:1::/48", t);
	FLOW_YES("addr == 2001:db8::1", t);
	/* An IPv4 literal never matches IPv6 rows; IPv4 rows compare with
	   IPv6 literals as their IPv4-mapped form. */
	FLOW_NO("addr == 2001:db8::/32", u);
	FLOW_NO("addr == 0.0.0.0/0", t);
	FLOW_YES("addr == ::ffff:0:0/96", u);
	FLOW_YES("src == ::ffff:10.1.2.3", u);
	FLOW_NO("addr == ::ffff:0:0/96", t);
	FLOW_YES("addr == 0.0.0.0/0", i);
	FLOW_YES("addr == ::/0", t);
	FLOW_YES("addr == 10.0.0.0/8 or addr == 2001:db8::/32", t);
	FLOW_YES("addr == 10.0.0.0/8 or addr == 2001:db8::/32", u);
	FLOW_NO("addr == 172.16.0.0/12 or addr == 2001:db8::/32", i);
	FLOW_YES("addr == 10.0.0.0/8 or addr == 2001:db8::/32", i);
}

/* Does talker t match expr? */
static int
talker_match(const char *expr, const struct talker_view *t)
{
	struct rowfilter *rf;
	char *cause = NULL;
	bool m;

	if ((rf = rowfilter_compile(expr, ROWS_TALKERS, &cause)) == NULL) {
		printf("  does not compile: %s: %s\n", expr, cause);
		free(cause);
		nfail_compile++;
		return -1;
	}
	m = rowfilter_match_talker(rf, t);
	rowfilter_free(rf);
	return m;
}

#define TALKER_YES(expr, t)	tl_check(talker_match((expr), &(t)) == 1, \
	"matches: " expr, __FILE__, __LINE__)
#define TALKER_NO(expr, t)	tl_check(talker_match((expr), &(t)) == 0, \
	"does not match: " expr, __FILE__, __LINE__)

static void
test_talker_fields(void)
{
	struct talker_view t, t6;

	memset(&t, 0, sizeof t);
	t.ipver = 4;
	inet_pton(AF_INET, "10.1.2.3", t.addr);
	t.tx_packets = 10;
	t.tx_bytes = 1500;
	t.rx_packets = 20;
	t.rx_bytes = 30000;
	t.flows = 3;
	t.rate[0] = 125;	/* 1000 bit/s */
	memset(&t6, 0, sizeof t6);
	t6.ipver = 6;
	inet_pton(AF_INET6, "fe80::1", t6.addr);
	t6.tx_packets = 1;
	t6.tx_bytes = 70;

	TALKER_YES("addr == 10.1.2.3", t);
	TALKER_YES("addr == 10.0.0.0/8", t);
	TALKER_NO("addr == fe80::/10", t);
	TALKER_YES("addr == fe80::/10", t6);
	TALKER_NO("addr == 10.0.0.0/8", t6);
	TALKER_YES("packets == 30 and bytes == 31500", t);
	TALKER_YES("tx_packets == 10 && tx_bytes == 1500", t);
	TALKER_YES("rx_packets == 20 && rx_bytes == 30k", t);
	TALKER_YES("bytes > 30k", t);
	TALKER_NO("bytes > 30k", t6);
	TALKER_YES("rate == 1000", t);
	TALKER_YES("rate == 0", t6);
	TALKER_YES("flows == 3", t);
	TALKER_YES("flows == 0", t6);
}

/* Compiling expr as kind fails with a cause that starts with prefix and
   holds want. */
static void
check_error(const char *expr, enum rowfilter_kind kind, const char *prefix,
    const char *want, int line)
{
	struct rowfilter *rf;
	char *cause = NULL;
	bool ok;

	rf = rowfilter_compile(expr, kind, &cause);
	ok = rf == NULL && cause != NULL &&
	    strncmp(cause, prefix, strlen(prefix)) == 0 &&
	    strstr(cause, want) != NULL && strchr(cause, '\n') == NULL;
	if (!ok)
		printf("  %s: cause %s\n", expr, cause != NULL ? cause :
		    "(none)");
	tl_check(ok, expr, __FILE__, line);
	rowfilter_free(rf);
	free(cause);
}

static void
test_errors(void)
{
	check_error("bytez > 1", ROWS_FLOWS, "flow filter: ", "bytez",
	    __LINE__);
	check_error("tx_bytes > 1", ROWS_FLOWS, "flow filter: ", "tx_bytes",
	    __LINE__);
	check_error("sport > 1", ROWS_TALKERS, "talker filter: ", "sport",
	    __LINE__);
	check_error("ip.src == 10.0.0.1", ROWS_FLOWS, "flow filter: ",
	    "ip.src", __LINE__);
	check_error("bytes >", ROWS_FLOWS, "flow filter: ", "", __LINE__);
	check_error("(bytes > 1", ROWS_FLOWS, "flow filter: ", "", __LINE__);
	check_error("addr == 10.0.0.300", ROWS_FLOWS, "flow filter: ", "",
	    __LINE__);
	check_error("bytes > 1X", ROWS_FLOWS, "flow filter: ", "", __LINE__);
	check_error("port == \"http\"x", ROWS_FLOWS, "flow filter: ", "",
	    __LINE__);
}

int
main(void)
{
	test_flow_fields();
	test_suffixes();
	test_prefixes();
	test_talker_fields();
	test_errors();
	CHECK_INT(nfail_compile, 0);
	return tl_done();
}
