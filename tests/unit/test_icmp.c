/*
 * Unit tests for the ICMP, ICMPv6 and IGMP decoders.
 *
 * The packets below are Ethernet frames crafted with correct checksums
 * (unless a test says otherwise); every expected value is what tshark 4.0
 * prints for the same bytes with -T fields -E occurrence=a.  The error
 * messages quote IPv4/IPv6 packets, so the nested checks also depend on
 * the IP, UDP and TCP decoders.
 */
#include "config.h"

#include <string.h>

#include "testlib.h"

#include "decode/decoders.h"

#define PKT_ECHO_REQ \
	    "00112233445566778899aabb08004500002c11110000400155be0a00" \
	    "00010a00000208008360123400016162636465666768313233343536" \
	    "3738"
#define PKT_ECHO_REP \
	    "00112233445566778899aabb08004500002c111100003f0156be0a00" \
	    "00020a00000100008b60123400016162636465666768313233343536" \
	    "3738"
#define PKT_UNREACH_UDP \
	    "00112233445566778899aabb08004500003811110000400155b20a00" \
	    "00010a000002030354f0000000004500002111110000401155b90a00" \
	    "00020a00000114e90035000d92e1"
#define PKT_FRAGNEEDED \
	    "00112233445566778899aabb08004500003d11110000400155ad0a00" \
	    "00010a00000203040ba5000005784500002111110000401155b90a00" \
	    "00020a00000114e90035000d92e168656c6c6f"
#define PKT_TIMXCEED_TCP \
	    "00112233445566778899aabb08004500003811110000400155b20a00" \
	    "00010a0000020b00586e000000004500002811110000400655bd0a00" \
	    "00020a0000019c40005000000001"
#define PKT_REDIRECT \
	    "00112233445566778899aabb08004500003811110000400155b20a00" \
	    "00010a000002050147f40a0000fe4500002111110000401155b90a00" \
	    "00020a00000114e90035000d92e1"
#define PKT_PARAMPROB \
	    "00112233445566778899aabb08004500003811110000400155b20a00" \
	    "00010a0000020c0037f3140000004500002111110000401155b90a00" \
	    "00020a00000114e90035000d92e1"
#define PKT_BADSUM \
	    "00112233445566778899aabb08004500002c11110000400155be0a00" \
	    "00010a00000208009271123400016162636465666768313233343536" \
	    "3738"
#define PKT_TSTAMP \
	    "00112233445566778899aabb08004500002811110000400155c20a00" \
	    "00010a0000020e00da4600420007000003e8000007d000000bb8"
#define PKT_RTRADV \
	    "00112233445566778899aabb08004500002c11110000400155be0a00" \
	    "00010a0000020900d7f5020207080a0000fe000000050a0000fdffff" \
	    "ffff"
#define PKT_DEEP \
	    "00112233445566778899aabb08004500016c111100004001547e0a00" \
	    "00020a0000010b00f4ff0000000045000150111100004001549a0a00" \
	    "00020a0000010b00f4ff000000004500013411110000400154b60a00" \
	    "00020a0000010b00f4ff000000004500011811110000400154d20a00" \
	    "00020a0000010b00f4ff00000000450000fc11110000400154ee0a00" \
	    "00020a0000010b00f4ff00000000450000e0111100004001550a0a00" \
	    "00020a0000010b00f4ff00000000450000c411110000400155260a00" \
	    "00020a0000010b00f4ff00000000450000a811110000400155420a00" \
	    "00020a0000010b00f4ff000000004500008c111100004001555e0a00" \
	    "00020a0000010b00f4ff0000000045000070111100004001557a0a00" \
	    "00020a0000010b00f4ff000000004500005411110000400155960a00" \
	    "00020a0000010b00f4ff000000004500003811110000400155b20a00" \
	    "00020a0000010b00f4ff000000004500001c11110000400155ce0a00" \
	    "00020a0000010800f7fd00010001"
#define PKT_E6_ECHO \
	    "00112233445566778899aabb86dd6000000000103afffe8000000000" \
	    "00000000000000000001fe8000000000000000000000000000028000" \
	    "dee5123400016162636465666768"
#define PKT_E6_TOOBIG \
	    "00112233445566778899aabb86dd60000000003d3afffe8000000000" \
	    "00000000000000000001fe8000000000000000000000000000020200" \
	    "89950000050060000000000d11fffe80000000000000000000000000" \
	    "0002fe80000000000000000000000000000114e90035000da9df6865" \
	    "6c6c6f"
#define PKT_E6_NS \
	    "00112233445566778899aabb86dd6000000000203afffe8000000000" \
	    "00000000000000000001fe8000000000000000000000000000028700" \
	    "e5b30000000020010db8000000000000000000000099010100112233" \
	    "4455"
#define PKT_E6_NA \
	    "00112233445566778899aabb86dd6000000000203afffe8000000000" \
	    "00000000000000000001fe8000000000000000000000000000028800" \
	    "03b3e000000020010db8000000000000000000000099020100112233" \
	    "4455"
#define PKT_E6_RA \
	    "00112233445566778899aabb86dd6000000000403afffe8000000000" \
	    "00000000000000000001fe8000000000000000000000000000028600" \
	    "c7b94008070800000000000000000101001122334455030440c00001" \
	    "5180000038400000000020010db80000000000000000000000000501" \
	    "0000000005dc"
#define PKT_E6_ZERO \
	    "00112233445566778899aabb86dd6000000000203afffe8000000000" \
	    "00000000000000000001fe8000000000000000000000000000028700" \
	    "4c4e0000000020010db8000000000000000000000099010000000000" \
	    "0000"
#define PKT_E6_MLDV2 \
	    "00112233445566778899aabb86dd60000000002c3afffe8000000000" \
	    "00000000000000000001fe8000000000000000000000000000028f00" \
	    "423b0000000104000001ff0200000000000000000000000000022001" \
	    "0db8000000000000000000000099"
#define PKT_IGMP3_REPORT \
	    "00112233445566778899aabb08004500004c1111000040027f880a00" \
	    "0001e00000162200553a0000000404000000ef01020301010002ef01" \
	    "02030a0000050a0000064155584405000001ef0102030a0000050300" \
	    "0000ef010203"
#define PKT_IGMP3_QUERY \
	    "00112233445566778899aabb08004500002811110000400255c10a00" \
	    "00010a000002118adee6ef0102030a7d00020a0000050a000006"
#define PKT_IGMP2_BAD \
	    "00112233445566778899aabb08004500001c11110000400255cd0a00" \
	    "00010a0000021600e9ebef010203"
#define PKT_IGMP2_QUERY \
	    "00112233445566778899aabb08004500001c11110000400255cd0a00" \
	    "00010a0000021164fd96ef010203"
#define PKT_IGMP1_REPORT \
	    "00112233445566778899aabb08004500001c11110000400255cd0a00" \
	    "00010a0000021200fcfaef010203"
#define PKT_IGMP3_BIGCOUNT \
	    "00112233445566778899aabb08004500004c111100004002559d0a00" \
	    "00010a000002220055390000000504000000ef01020301010002ef01" \
	    "02030a0000050a0000064155584405000001ef0102030a0000050300" \
	    "0000ef010203"
#define PKT_IGMP3_Q_BIGCOUNT \
	    "00112233445566778899aabb08004500002811110000400255c10a00" \
	    "00010a000002110adf5fef0102030a7d00090a0000050a000006"

/* Dissect a hex Ethernet frame fully; also runs every prefix. */
static const struct tl_result *
run(const char *hex)
{
	return tl_run(LINK_ETHERNET, hex);
}

/* The Info column of the fast pass. */
static const char *
info(const char *hex)
{
	return tl_summary(LINK_ETHERNET, hex)->info;
}

/* Echo request and reply: header fields, both byte orders, data, Info. */
static void
test_echo(void)
{
	static const struct tl_want req[] = {
		{ "icmp.type", "8" }, { "icmp.code", "0" },
		{ "icmp.checksum", "0x8360" }, { "icmp.checksum.status", "1" },
		{ "icmp.ident", "4660" }, { "icmp.ident_le", "13330" },
		{ "icmp.seq", "1" }, { "icmp.seq_le", "256" },
		{ "data.data", "61626364656667683132333435363738" },
		{ "data.len", "16" },
	};
	static const struct tl_want rep[] = {
		{ "icmp.type", "0" }, { "icmp.checksum", "0x8b60" },
		{ "icmp.checksum.status", "1" },
	};
	const struct tl_result *r = run(PKT_ECHO_REQ);

	CHECK(tl_has(r, P_ICMP));
	CHECK_FIELDS(r, req);
	CHECK_INT(tl_status(r, P_ICMP), LAYER_OK);
	CHECK_INT(r->pi.top, P_ICMP);
	CHECK_INT(r->pi.l4proto, 1);
	CHECK_INT(r->pi.sport, 0);
	CHECK_INT(r->pi.dport, 0);
	CHECK_STR(info(PKT_ECHO_REQ),
	    "Echo (ping) request  id=0x1234, seq=1/256, ttl=64");

	CHECK_FIELDS(run(PKT_ECHO_REP), rep);
	CHECK_STR(info(PKT_ECHO_REP),
	    "Echo (ping) reply    id=0x1234, seq=1/256, ttl=63");
}

/* A bad checksum is reported as status 0 and marks the layer. */
static void
test_badsum(void)
{
	static const struct tl_want want[] = {
		{ "icmp.checksum", "0x9271" }, { "icmp.checksum.status", "0" },
	};
	const struct tl_result *r = run(PKT_BADSUM);

	CHECK_FIELDS(r, want);
	CHECK(tl_status(r, P_ICMP) & LAYER_BADSUM);
}

/* Port unreachable quoting a UDP header: nested IPv4 and UDP layers. */
static void
test_unreach_udp(void)
{
	static const struct tl_want unreach[] = {
		{ "icmp.type", "3" }, { "icmp.code", "3" },
		{ "icmp.checksum", "0x54f0" }, { "icmp.checksum.status", "1" },
		{ "icmp.unused", "00000000" }, { "udp.srcport", "5353" },
		/* The quote holds 8 of UDP's 13 bytes: not verifiable. */
		{ "udp.checksum.status", "2" },
	};
	/* Fragmentation needed: MTU, and the whole UDP datagram quoted. */
	static const struct tl_want fragneeded[] = {
		{ "icmp.unused", "0000" }, { "icmp.mtu", "1400" },
		{ "udp.checksum.status", "1" },
	};
	const struct tl_result *r = run(PKT_UNREACH_UDP);

	CHECK_FIELDS(r, unreach);
	CHECK_STR(tl_all(r, "ip.src"), "10.0.0.1,10.0.0.2");
	CHECK_STR(tl_all(r, "ip.checksum.status"), "1,1");
	CHECK(tl_has(r, P_UDP));
	/* The flow key and the top protocol stay with the outer packet. */
	CHECK_INT(r->pi.ipver, 4);
	CHECK_INT(r->pi.l4proto, 1);
	CHECK_INT(r->pi.sport, 0);
	CHECK_INT(r->pi.dport, 0);
	CHECK_INT(r->pi.src[3], 1);
	CHECK_INT(r->pi.dst[3], 2);
	CHECK_INT(r->pi.top, P_ICMP);
	CHECK_STR(info(PKT_UNREACH_UDP),
	    "Destination unreachable (Port unreachable)");

	r = run(PKT_FRAGNEEDED);
	CHECK_FIELDS(r, fragneeded);
	CHECK_STR(tl_all(r, "ip.src"), "10.0.0.1,10.0.0.2");
	CHECK_STR(info(PKT_FRAGNEEDED),
	    "Destination unreachable (Fragmentation needed)");
}

/* Time exceeded quoting a TCP header; redirect; parameter problem. */
static void
test_errors(void)
{
	static const struct tl_want timxceed[] = {
		{ "icmp.type", "11" }, { "icmp.unused", "00000000" },
		{ "tcp.srcport", "40000" },
	};
	static const struct tl_want redirect[] = {
		{ "icmp.redir_gw", "10.0.0.254" }, { "icmp.unused", NULL },
	};
	static const struct tl_want paramprob[] = {
		{ "icmp.pointer", "20" }, { "icmp.unused", "000000" },
		{ "udp.srcport", "5353" },
	};
	const struct tl_result *r = run(PKT_TIMXCEED_TCP);

	CHECK_FIELDS(r, timxceed);
	CHECK_STR(tl_all(r, "ip.src"), "10.0.0.1,10.0.0.2");
	CHECK(tl_has(r, P_TCP));
	CHECK_INT(r->pi.l4proto, 1);
	CHECK_INT(r->pi.sport, 0);
	CHECK_INT(r->pi.tcpflags, 0);
	CHECK_INT(r->pi.top, P_ICMP);
	CHECK_STR(info(PKT_TIMXCEED_TCP),
	    "Time-to-live exceeded (Time to live exceeded in transit)");

	r = run(PKT_REDIRECT);
	CHECK_FIELDS(r, redirect);
	CHECK_STR(tl_all(r, "ip.src"), "10.0.0.1,10.0.0.2");
	CHECK_STR(info(PKT_REDIRECT),
	    "Redirect             (Redirect for host)");

	CHECK_FIELDS(run(PKT_PARAMPROB), paramprob);
}

/* Timestamp reply and router advertisement bodies. */
static void
test_other_types(void)
{
	static const struct tl_want tstamp[] = {
		{ "icmp.ident", "66" }, { "icmp.originate_timestamp", "1000" },
		{ "icmp.receive_timestamp", "2000" },
		{ "icmp.transmit_timestamp", "3000" },
	};
	static const struct tl_want rtradv[] = {
		{ "icmp.num_addrs", "2" }, { "icmp.lifetime", "1800" },
	};
	static const struct tl_want rtradv_addrs[] = {
		{ "icmp.router_address", "10.0.0.254,10.0.0.253" },
		{ "icmp.pref_level", "5,-1" },
	};
	const struct tl_result *r;

	CHECK_FIELDS(run(PKT_TSTAMP), tstamp);
	CHECK_STR(info(PKT_TSTAMP),
	    "Timestamp reply      id=0x0042, seq=7/1792, ttl=64");

	r = run(PKT_RTRADV);
	CHECK_FIELDS(r, rtradv);
	CHECK_JOINED(r, rtradv_addrs);
	CHECK_STR(info(PKT_RTRADV),
	    "Mobile IP Advertisement (Normal router advertisement)");
}

/* ICMP quoting ICMP quoting ...: decoding stops at the nesting cap. */
static void
test_deep_nesting(void)
{
	const struct tl_result *r = run(PKT_DEEP);

	/* Outer ICMP plus at most DISSECT_MAX_NEST quoted ones. */
	CHECK(tl_count(r, "icmp.type") >= 2);
	CHECK(tl_count(r, "icmp.type") <= DISSECT_MAX_NEST + 1);
	CHECK(tl_count(r, "ip.src") <= DISSECT_MAX_NEST + 1);
	CHECK(tl_has(r, P_DATA));
	/* Quoted ICMP checksums are not verified (the quote is cut). */
	CHECK_STR(tl_get(r, "icmp.checksum.status"), "1");
	CHECK(strncmp(tl_all(r, "icmp.checksum.status"), "1,2,2", 5) == 0);
	CHECK_INT(r->pi.l4proto, 1);
	CHECK_INT(r->pi.top, P_ICMP);
	CHECK_STR(info(PKT_DEEP),
	    "Time-to-live exceeded (Time to live exceeded in transit)");
}

/* ICMPv6 echo, packet too big, neighbour discovery with options. */
static void
test_icmp6(void)
{
	static const struct tl_want echo[] = {
		{ "icmpv6.type", "128" }, { "icmpv6.checksum", "0xdee5" },
		{ "icmpv6.checksum.status", "1" },
		{ "icmpv6.echo.identifier", "0x1234" },
		{ "icmpv6.echo.sequence_number", "1" },
		{ "data.data", "6162636465666768" },
	};
	static const struct tl_want toobig[] = {
		{ "icmpv6.mtu", "1280" }, { "udp.srcport", "5353" },
	};
	static const struct tl_want ns[] = {
		{ "icmpv6.reserved", "00000000" },
		{ "icmpv6.nd.ns.target_address", "2001:db8::99" },
		{ "icmpv6.opt.type", "1" }, { "icmpv6.opt.length", "1" },
		{ "icmpv6.opt.linkaddr", "00:11:22:33:44:55" },
		{ "icmpv6.opt.src_linkaddr", "00:11:22:33:44:55" },
		{ "icmpv6.checksum.status", "1" },
	};
	static const struct tl_want na[] = {
		{ "icmpv6.nd.na.flag", "0xe0000000" },
		{ "icmpv6.nd.na.flag.r", "1" },
		{ "icmpv6.nd.na.flag.rsv", "0" },
		{ "icmpv6.nd.na.target_address", "2001:db8::99" },
		{ "icmpv6.opt.target_linkaddr", "00:11:22:33:44:55" },
	};
	static const struct tl_want ra[] = {
		{ "icmpv6.nd.ra.cur_hop_limit", "64" },
		{ "icmpv6.nd.ra.flag", "0x08" },
		{ "icmpv6.nd.ra.flag.prf", "1" },
		{ "icmpv6.nd.ra.router_lifetime", "1800" },
		{ "icmpv6.opt.prefix", "2001:db8::" },
		{ "icmpv6.opt.prefix.flag", "0xc0" },
		{ "icmpv6.opt.prefix.valid_lifetime", "86400" },
		{ "icmpv6.opt.mtu", "1500" },
	};
	static const struct tl_want ra_opts[] = {
		{ "icmpv6.opt", "1,1,1" }, { "icmpv6.opt.type", "1,3,5" },
		{ "icmpv6.opt.length", "1,4,1" },
		{ "icmpv6.opt.reserved", "1,1" },
	};
	/* An option of length 0 is malformed and ends the option walk. */
	static const struct tl_want zero[] = {
		{ "icmpv6.opt.length", "0" },
		{ "icmpv6.invalid_option_length", "1" },
	};
	static const struct tl_want mldv2[] = {
		{ "icmpv6.mldr.nb_mcast_records", "1" },
		{ "icmpv6.mldr.mar.record_type", "4" },
		{ "icmpv6.mldr.mar.multicast_address", "ff02::2" },
		{ "icmpv6.mldr.mar.source_address", "2001:db8::99" },
	};
	const struct tl_result *r = run(PKT_E6_ECHO);

	CHECK(tl_has(r, P_ICMPV6));
	CHECK_FIELDS(r, echo);
	CHECK_INT(r->pi.l4proto, 58);
	CHECK_STR(info(PKT_E6_ECHO),
	    "Echo (ping) request id=0x1234, seq=1, hop limit=255");

	r = run(PKT_E6_TOOBIG);
	CHECK_FIELDS(r, toobig);
	CHECK_STR(tl_all(r, "ipv6.src"), "fe80::1,fe80::2");
	CHECK_INT(r->pi.l4proto, 58);
	CHECK_INT(r->pi.sport, 0);
	CHECK_INT(r->pi.top, P_ICMPV6);
	CHECK_STR(info(PKT_E6_TOOBIG), "Packet Too Big");

	CHECK_FIELDS(run(PKT_E6_NS), ns);
	CHECK_STR(info(PKT_E6_NS),
	    "Neighbor Solicitation for 2001:db8::99 from 00:11:22:33:44:55");

	CHECK_FIELDS(run(PKT_E6_NA), na);
	CHECK_STR(info(PKT_E6_NA), "Neighbor Advertisement 2001:db8::99 "
	    "(rtr, sol, ovr) is at 00:11:22:33:44:55");

	r = run(PKT_E6_RA);
	CHECK_FIELDS(r, ra);
	CHECK_JOINED(r, ra_opts);
	CHECK_INT(tl_status(r, P_ICMPV6), LAYER_OK);

	r = run(PKT_E6_ZERO);
	CHECK_FIELDS(r, zero);
	CHECK(tl_status(r, P_ICMPV6) & LAYER_MALFORMED);
	CHECK_STR(info(PKT_E6_ZERO), "Neighbor Solicitation for 2001:db8::99");

	CHECK_FIELDS(run(PKT_E6_MLDV2), mldv2);
}

/* IGMP v1, v2 and v3, and counts that promise more than the data. */
static void
test_igmp(void)
{
	static const struct tl_want v3report[] = {
		{ "igmp.version", "3" }, { "igmp.type", "0x22" },
		{ "igmp.checksum", "0x553a" }, { "igmp.checksum.status", "1" },
		{ "igmp.num_grp_recs", "4" }, { "igmp.aux_data", "41555844" },
	};
	static const struct tl_want v3records[] = {
		{ "igmp.record_type", "4,1,5,3" },
		{ "igmp.aux_data_len", "0,1,0,0" },
		{ "igmp.num_src", "0,2,1,0" },
		{ "igmp.saddr", "10.0.0.5,10.0.0.6,10.0.0.5" },
	};
	static const struct tl_want v3query[] = {
		{ "igmp.version", "3" }, { "igmp.max_resp", "208" },
		{ "igmp.max_resp.exp", "0x00" },
		{ "igmp.max_resp.mant", "0x0a" },
		{ "igmp.s", "1" }, { "igmp.qrv", "2" }, { "igmp.qqic", "125" },
		{ "igmp.num_src", "2" },
	};
	static const struct tl_want v2bad[] = {
		{ "igmp.version", "2" }, { "igmp.checksum.status", "0" },
	};
	static const struct tl_want v2query[] = {
		{ "igmp.version", "2" }, { "igmp.max_resp", "100" },
		{ "igmp.maddr", "239.1.2.3" },
	};
	static const struct tl_want v1report[] = {
		{ "igmp.version", "1" }, { "igmp.type", "0x12" },
		{ "igmp.reserved", "00" }, { "igmp.checksum.status", "1" },
		{ "igmp.max_resp", NULL },
	};
	const struct tl_result *r = run(PKT_IGMP3_REPORT);

	CHECK(tl_has(r, P_IGMP));
	CHECK_FIELDS(r, v3report);
	CHECK_JOINED(r, v3records);
	CHECK_INT(tl_status(r, P_IGMP), LAYER_OK);
	CHECK_INT(r->pi.l4proto, 2);
	CHECK(strncmp(info(PKT_IGMP3_REPORT), "Membership Report / Join group"
	    " 239.1.2.3 for any sources / Join group 239.1.2.3 for sources in"
	    " {10.0.0.5, 10.0.0.6}", 100) == 0);

	r = run(PKT_IGMP3_QUERY);
	CHECK_FIELDS(r, v3query);
	CHECK_STR(tl_all(r, "igmp.saddr"), "10.0.0.5,10.0.0.6");
	CHECK_STR(info(PKT_IGMP3_QUERY), "Membership Query, specific for "
	    "group 239.1.2.3, sources {10.0.0.5, 10.0.0.6}");

	r = run(PKT_IGMP2_BAD);
	CHECK_FIELDS(r, v2bad);
	CHECK(tl_status(r, P_IGMP) & LAYER_BADSUM);
	CHECK_STR(info(PKT_IGMP2_BAD), "Membership Report group 239.1.2.3");

	CHECK_FIELDS(run(PKT_IGMP2_QUERY), v2query);
	CHECK_FIELDS(run(PKT_IGMP1_REPORT), v1report);

	/* Five records declared, four present: truncated, no overrun. */
	r = run(PKT_IGMP3_BIGCOUNT);
	CHECK_STR(tl_get(r, "igmp.num_grp_recs"), "5");
	CHECK_INT(tl_count(r, "igmp.record_type"), 4);
	CHECK(tl_status(r, P_IGMP) & LAYER_TRUNCATED);

	/* Nine sources declared, two present. */
	r = run(PKT_IGMP3_Q_BIGCOUNT);
	CHECK_STR(tl_get(r, "igmp.num_src"), "9");
	CHECK_INT(tl_count(r, "igmp.saddr"), 2);
	CHECK(tl_status(r, P_IGMP) & LAYER_TRUNCATED);
}

/* Snaplen cuts: the checksum becomes unverified, never "bad". */
static void
test_snaplen(void)
{
	const struct tl_result *r;
	size_t n = tl_load(PKT_ECHO_REQ);

	r = tl_dissect(LINK_ETHERNET, tl_frame, n - 4, n);
	CHECK_STR(tl_get(r, "icmp.checksum.status"), "2");
	CHECK_INT(tl_status(r, P_ICMP) & LAYER_BADSUM, 0);

	n = tl_load(PKT_E6_NS);
	r = tl_dissect(LINK_ETHERNET, tl_frame, n - 8, n);
	CHECK_STR(tl_get(r, "icmpv6.checksum.status"), "2");
	CHECK_INT(tl_status(r, P_ICMPV6) & LAYER_BADSUM, 0);
}

int
main(void)
{
	test_echo();
	test_badsum();
	test_unreach_udp();
	test_errors();
	test_other_types();
	test_deep_nesting();
	test_icmp6();
	test_igmp();
	test_snaplen();
	return tl_done();
}
