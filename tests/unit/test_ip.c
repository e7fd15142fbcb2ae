/*
 * Unit tests for IPv4 (options, fragments, checksum, malformed lengths),
 * IPv6 and its extension headers, AH / ESP, and IP-in-IP / 6in4 nesting.
 * Expected values are what tshark 4.0 printed for the same bytes with
 * -o ip.check_checksum:TRUE -o ip.defragment:FALSE -o ipv6.defragment:FALSE.
 * Payloads use protocol 253 (experimental) where a stable result is
 * needed, so that the TCP/UDP decoders do not change what is checked.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "testlib.h"

static const char pkt_opts_hex[] =
    "0001020304050a0b0c0d0e0f08004c0000341234400040fd95f0c0a80001c0a8"
    "000201070b080a0000010000000094040000440c09000000123400000000dead"
    "beef"
    ;
static const char pkt_pad_hex[] =
    "0001020304050a0b0c0d0e0f08004500001c04d2000040fd61110a0000010a00"
    "00020102030405060708000000000000000000000000000000000000"
    ;
static const char pkt_frag1_hex[] =
    "0001020304050a0b0c0d0e0f08004500002404d22000401141f50a0000010a00"
    "000212340035001000000102030405060708"
    ;
static const char pkt_frag2_hex[] =
    "0001020304050a0b0c0d0e0f08004500001c04d200b9401161440a0000010a00"
    "00020102030405060708"
    ;
static const char pkt_badsum_hex[] =
    "0001020304050a0b0c0d0e0f08004500001c04d2000040fd12340a0000010a00"
    "00020102030405060708"
    ;
static const char pkt_ihl_hex[] =
    "0001020304050a0b0c0d0e0f08004300001c04d2000040fd77140a0000010a00"
    "00020102030405060708"
    ;
static const char pkt_totlen_hex[] =
    "0001020304050a0b0c0d0e0f08004500001004d2000040fd611d0a0000010a00"
    "00020102030405060708"
    ;
static const char pkt_optlen0_hex[] =
    "0001020304050a0b0c0d0e0f08004600002004d2000040fdd80c0a0000010a00"
    "0002880000000102030405060708"
    ;
static const char pkt_optbig_hex[] =
    "0001020304050a0b0c0d0e0f08004600002004d2000040fdd8030a0000010a00"
    "0002880900000102030405060708"
    ;
static const char pkt_lsr_hex[] =
    "0001020304050a0b0c0d0e0f08004800002c04d2000040fdd3f50a0000010a00"
    "0002830b0400000001000000020000000000deadbeefdeadbeef"
    ;
static const char pkt_tso_hex[] =
    "0001020304050a0b0c0d0e0f08004500000004d2000040fd612d0a0000010a00"
    "00020102030405060708"
    ;
static const char pkt_ipip_hex[] =
    "0001020304050a0b0c0d0e0f08004500003000010000400466c70a0000010a00"
    "00024500001c0002000040fdf88fc0a80001c0a800020102030405060708"
    ;
static const char pkt_sixin4_hex[] =
    "0001020304050a0b0c0d0e0f08004500003d00010000402966950a0000010a00"
    "00026b9123450001fd4020010db800000000000000000000000120010db80000"
    "0000000000000000000201"
    ;
static const char pkt_ah_hex[] =
    "0001020304050a0b0c0d0e0f08004500003400010000403366940a0000010a00"
    "0002fd04000000001000000000050102030405060708090a0b0caabbccdd"
    ;
static const char pkt_esp_hex[] =
    "0001020304050a0b0c0d0e0f08004500002800010000403266a10a0000010a00"
    "000200001000000000050102030405060708090a0b0c0d0e0f10"
    ;
static const char pkt_v6ext_hex[] =
    "0001020304050a0b0c0d0e0f86dd60012345003c004020010db8000000000000"
    "00000000000120010db80000000000000000000000022b010502000001020000"
    "0104000000003c0200010000000020010db80000000000000000000000992c00"
    "1e04aabbccddfd000001deadbeef01020304"
    ;
static const char pkt_v6frag2_hex[] =
    "0001020304050a0b0c0d0e0f86dd6001234500102c4020010db8000000000000"
    "00000000000120010db8000000000000000000000002110005c8deadbeef0102"
    "030405060708"
    ;
static const char pkt_v6srh_hex[] =
    "0001020304050a0b0c0d0e0f86dd60012345002a2b4020010db8000000000000"
    "00000000000120010db8000000000000000000000002fd040401010000002001"
    "0db800000000000000000000000a20010db800000000000000000000000baabb"
    ;
static const char pkt_v6addr_hex[] =
    "0001020304050a0b0c0d0e0f86dd600123450001fd40fe800000000000000211"
    "22fffe3344552002c00002010000000000000000000101"
    ;
static const char pkt_v6teredo_hex[] =
    "0001020304050a0b0c0d0e0f86dd600123450001fd40200100004136e3788000"
    "63bf3ffffdd2000000000000000000005efe0a00000101"
    ;
static const char pkt_v6embed_hex[] =
    "0001020304050a0b0c0d0e0f86dd600123450001fd400064ff9b000000000000"
    "0000c0000221ff02000000000000000000000000000101"
    ;
static const char pkt_v6ah_hex[] =
    "0001020304050a0b0c0d0e0f86dd600123450018334020010db8000000000000"
    "00000000000120010db80000000000000000000000023b040000000001010000"
    "00070102030405060708090a0b0c"
    ;
static const char pkt_v6esp_hex[] =
    "0001020304050a0b0c0d0e0f86dd60012345000c324020010db8000000000000"
    "00000000000120010db800000000000000000000000200000202000000090102"
    "0304"
    ;
static const char pkt_v6pad1_hex[] =
    "0001020304050a0b0c0d0e0f86dd60012345000c004020010db8000000000000"
    "00000000000120010db8000000000000000000000002fd000001000000000102"
    "0304"
    ;
static const char pkt_v6jumbo_hex[] =
    "0001020304050a0b0c0d0e0f86dd600123450000004020010db8000000000000"
    "00000000000120010db8000000000000000000000002fd00c204000100000102"
    "0304"
    ;
static const char pkt_v6chain_hex[] =
    "0001020304050a0b0c0d0e0f86dd6001234501923c4020010db8000000000000"
    "00000000000120010db80000000000000000000000023c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c00010400000000fd00"
    "0104000000000102"
    ;
static const char pkt_v6plen_hex[] =
    "0001020304050a0b0c0d0e0f86dd600123450009fd4020010db8000000000000"
    "00000000000120010db800000000000000000000000201020304"
    ;
static const char pkt_v6chain100_hex[] =
    "0001020304050a0b0c0d0e0f86dd6001234503223c4020010db8000000000000"
    "00000000000120010db80000000000000000000000023c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c000104000000003c000104000000003c000104000000003c00"
    "0104000000003c00010400000000fd000104000000000102"
    ;
static const char pkt_v6badopt_hex[] =
    "0001020304050a0b0c0d0e0f86dd6001234500093c4020010db8000000000000"
    "00000000000120010db8000000000000000000000002fd0001090000000001"
    ;

/* Decode a packet from hex (Ethernet framing), fully; also every prefix. */
static const struct tl_result *
run(const char *hex)
{
	return tl_run(LINK_ETHERNET, hex);
}

/* An IPv4 header with NOP, record route, router alert and time stamp. */
static void
test_ipv4_options(void)
{
	static const struct tl_want e[] = {
		{ "ip.version", "4" }, { "ip.hdr_len", "48" },
		{ "ip.dsfield", "0x00" }, { "ip.dsfield.dscp", "0" },
		{ "ip.dsfield.ecn", "0" }, { "ip.len", "52" },
		{ "ip.id", "0x1234" }, { "ip.flags", "0x02" },
		{ "ip.flags.rb", "0" }, { "ip.flags.df", "1" },
		{ "ip.flags.mf", "0" }, { "ip.frag_offset", "0" },
		{ "ip.ttl", "64" }, { "ip.proto", "253" },
		{ "ip.checksum", "0x95f0" }, { "ip.checksum.status", "1" },
		{ "ip.checksum_calculated", "0x95f0" },
		{ "ip.src", "192.168.0.1" }, { "ip.dst", "192.168.0.2" },
		{ "ip.addr", "192.168.0.1,192.168.0.2" },
		{ "ip.host", "192.168.0.1,192.168.0.2" },
		{ "ip.src_host", "192.168.0.1" },
		{ "ip.dst_host", "192.168.0.2" },
		{ "ip.opt.type", "1,7,148,68" },
		{ "ip.opt.type.copy", "0,0,1,0" },
		{ "ip.opt.type.class", "0,0,0,2" },
		{ "ip.opt.type.number", "1,7,20,4" },
		{ "ip.opt.len", "11,4,12" }, { "ip.opt.ptr", "8,9" },
		{ "ip.rec_rt", "10.0.0.1" }, { "ip.rec_rt_host", "10.0.0.1" },
		{ "ip.empty_rt", "0.0.0.0" }, { "ip.empty_rt_host", "0.0.0.0" },
		{ "ip.opt.ra", "0" }, { "ip.opt.time_stamp", "4660,0" },
		{ "ip.opt.overflow", "0" }, { "ip.opt.flag", "0x00" },
		{ "data.len", "4" },
	};
	const struct tl_result *r = run(pkt_opts_hex);
	struct pkt_info pi;

	CHECK_JOINED(r, e);
	CHECK_INT(tl_status(r, P_IPV4), LAYER_OK);
	CHECK_INT(r->errors, 0);
	CHECK_STR(r->pi.info, "Unknown (253)");
	CHECK_INT(r->pi.ipver, 4);
	CHECK_INT(r->pi.l4proto, 253);
	CHECK(memcmp(r->pi.src, "\xc0\xa8\x00\x01", 4) == 0);
	CHECK(memcmp(r->pi.dst, "\xc0\xa8\x00\x02", 4) == 0);
	CHECK_INT(r->pi.top, P_IPV4);

	/* The fast pass fills the same summary. */
	tl_fast(LINK_ETHERNET, tl_frame, tl_frame_len, &pi);
	CHECK_INT(pi.ipver, 4);
	CHECK_INT(pi.l4proto, 253);
	CHECK(memcmp(pi.dst, "\xc0\xa8\x00\x02", 4) == 0);
	CHECK_STR(pi.info, "Unknown (253)");
}

/* Ethernet padding after the datagram is not payload; TSO length 0. */
static void
test_ipv4_lengths(void)
{
	static const struct tl_want pad[] = {
		{ "data.len", "8" }, { "ip.checksum_calculated", "0x6111" },
	};
	static const struct tl_want tso[] = {
		{ "ip.len", "28" }, { "data.len", "8" },
		{ "ip.checksum.status", "1" },
	};
	const struct tl_result *r = run(pkt_pad_hex);

	CHECK_JOINED(r, pad);
	CHECK_INT(tl_status(r, P_IPV4), LAYER_OK);
	CHECK_JOINED(run(pkt_tso_hex), tso);
}

/* First fragment is decoded; a later one is data with tshark's Info. */
static void
test_ipv4_fragments(void)
{
	static const struct tl_want first[] = {
		{ "ip.flags", "0x01" }, { "ip.flags.mf", "1" },
		{ "ip.checksum", "0x41f5" },
	};
	static const struct tl_want later[] = {
		{ "ip.frag_offset", "185" }, { "ip.flags", "0x00" },
		{ "ip.checksum", "0x6144" }, { "data.len", "8" },
	};
	const struct tl_result *r = run(pkt_frag1_hex);

	CHECK_JOINED(r, first);
	CHECK(tl_has(r, P_UDP));
	CHECK_INT(r->pi.l4proto, 17);

	r = run(pkt_frag2_hex);
	CHECK_JOINED(r, later);
	CHECK(!tl_has(r, P_UDP));
	CHECK_STR(r->pi.info,
	    "Fragmented IP protocol (proto=UDP 17, off=1480, ID=04d2)");
	CHECK_INT(r->pi.l4proto, 17);
	CHECK_INT(r->pi.sport, 0);
	CHECK_INT(r->pi.top, P_IPV4);
}

/* A wrong header checksum: status 0, the right value, LAYER_BADSUM. */
static void
test_ipv4_badsum(void)
{
	static const struct tl_want e[] = {
		{ "ip.checksum", "0x1234" }, { "ip.checksum.status", "0" },
		{ "ip.checksum_calculated", "0x6111" }, { "data.len", "8" },
	};
	const struct tl_result *r = run(pkt_badsum_hex);

	CHECK_JOINED(r, e);
	CHECK_INT(tl_status(r, P_IPV4), LAYER_BADSUM);
	CHECK(r->pi.status & LAYER_BADSUM);
	CHECK_INT(r->pi.ipver, 4);
}

/* IHL < 5, total length < IHL, bad option lengths, truncation. */
static void
test_ipv4_malformed(void)
{
	static const struct tl_want ihl[] = {
		{ "ip.version", "4" }, { "ip.hdr_len", "12" }, { "ip.src", "" },
	};
	static const struct tl_want totlen[] = {
		{ "ip.hdr_len", "20" }, { "ip.len", "16" }, { "ip.id", "" },
	};
	/* Option length 0: the walk stops, the payload is still there. */
	static const struct tl_want optlen0[] = {
		{ "ip.opt.type", "" }, { "ip.checksum.status", "1" },
		{ "data.len", "8" },
	};
	/* Option length past the options. */
	static const struct tl_want optbig[] = {
		{ "ip.opt.type", "" }, { "data.len", "8" },
	};
	/* Captured bytes end inside the fixed header (after ip.proto). */
	static const struct tl_want cut_fixed[] = {
		{ "ip.ttl", "64" }, { "ip.proto", "253" },
		{ "ip.checksum", "" }, { "ip.src", "" },
	};
	/* ... and inside the options. */
	static const struct tl_want cut_opts[] = {
		{ "ip.dst", "10.0.0.2" }, { "ip.checksum.status", "2" },
	};
	const struct tl_result *r = run(pkt_ihl_hex);

	CHECK_JOINED(r, ihl);
	CHECK_INT(tl_status(r, P_IPV4), LAYER_MALFORMED);
	CHECK_STR(r->pi.info, "Bogus IP header length (12, must be at least 20)");
	CHECK_INT(r->pi.ipver, 0);
	CHECK(!tl_has(r, P_DATA));

	r = run(pkt_totlen_hex);
	CHECK_JOINED(r, totlen);
	CHECK_INT(tl_status(r, P_IPV4), LAYER_MALFORMED);
	CHECK_STR(r->pi.info, "Bogus IP length (16, less than header length 20)");

	r = run(pkt_optlen0_hex);
	CHECK_JOINED(r, optlen0);
	CHECK(tl_status(r, P_IPV4) & LAYER_MALFORMED);

	r = run(pkt_optbig_hex);
	CHECK_JOINED(r, optbig);
	CHECK(tl_status(r, P_IPV4) & LAYER_MALFORMED);

	r = tl_dissect(LINK_ETHERNET, tl_frame, 14 + 11, tl_frame_len);
	CHECK_JOINED(r, cut_fixed);
	CHECK_INT(tl_status(r, P_IPV4), LAYER_TRUNCATED);
	CHECK_INT(r->pi.ipver, 0);
	CHECK_INT(r->errors, 0);

	r = tl_dissect(LINK_ETHERNET, tl_frame, 14 + 22, tl_frame_len);
	CHECK_JOINED(r, cut_opts);
	CHECK(tl_status(r, P_IPV4) & LAYER_TRUNCATED);
	CHECK_INT(r->pi.ipver, 4);
}

/* A loose source route with hops to go: ip.dst is the final hop. */
static void
test_ipv4_source_route(void)
{
	static const struct tl_want e[] = {
		{ "ip.src", "10.0.0.1" }, { "ip.dst", "0.0.0.2" },
		{ "ip.cur_rt", "10.0.0.2" }, { "ip.cur_rt_host", "10.0.0.2" },
		{ "ip.src_rt", "0.0.0.1" }, { "ip.src_rt_host", "0.0.0.1" },
		{ "ip.addr", "10.0.0.1,0.0.0.2" },
		{ "ip.host", "10.0.0.1,0.0.0.2" },
		{ "ip.dst_host", "0.0.0.2" }, { "ip.opt.ptr", "4" },
		{ "ip.opt.type", "131,0" }, { "ip.checksum", "0xd3f5" },
		{ "ip.checksum.status", "1" }, { "data.len", "12" },
	};
	const struct tl_result *r = run(pkt_lsr_hex);

	CHECK_JOINED(r, e);
	CHECK_INT(tl_status(r, P_IPV4), LAYER_OK);
	CHECK(memcmp(r->pi.dst, "\x00\x00\x00\x02", 4) == 0);
}

/* IP in IP and IPv6 in IPv4: the flow key holds the outer header. */
static void
test_nesting(void)
{
	static const struct tl_want ipip[] = {
		{ "ip.src", "10.0.0.1,192.168.0.1" },
		{ "ip.dst", "10.0.0.2,192.168.0.2" },
		{ "ip.proto", "4,253" }, { "ip.len", "48,28" },
		{ "ip.checksum.status", "1,1" }, { "data.len", "8" },
	};
	static const struct tl_want sixin4[] = {
		{ "ip.src", "10.0.0.1" }, { "ip.version", "4,6" },
		{ "ipv6.src", "2001:db8::1" }, { "ipv6.tclass", "0x000000b9" },
		{ "ipv6.tclass.dscp", "46" }, { "ipv6.tclass.ecn", "1" },
		{ "data.len", "1" },
	};
	const struct tl_result *r = run(pkt_ipip_hex);

	CHECK_JOINED(r, ipip);
	CHECK_INT(r->pi.ipver, 4);
	CHECK_INT(r->pi.l4proto, 4);
	CHECK(memcmp(r->pi.src, "\x0a\x00\x00\x01", 4) == 0);
	CHECK(memcmp(r->pi.dst, "\x0a\x00\x00\x02", 4) == 0);
	CHECK_STR(r->pi.info, "Unknown (253)");
	CHECK_INT(r->errors, 0);

	r = run(pkt_sixin4_hex);
	CHECK_JOINED(r, sixin4);
	CHECK(tl_has(r, P_IPV6));
	CHECK_INT(r->pi.ipver, 4);
	CHECK_INT(r->pi.l4proto, 41);
	CHECK_INT(r->pi.top, P_IPV6);
	CHECK_STR(r->pi.info, "Unknown IP Protocol: Unknown (253)");
}

/* AH then data, ESP over IPv4 and IPv6. */
static void
test_ipsec(void)
{
	static const struct tl_want ah[] = {
		{ "ah.next_header", "253" }, { "ah.length", "4" },
		{ "ah.reserved", "0000" }, { "ah.spi", "0x00001000" },
		{ "ah.sequence", "5" }, { "ah.icv", "0102030405060708090a0b0c" },
		{ "data.len", "4" }, { "ip.proto", "51" },
	};
	static const struct tl_want esp[] = {
		{ "esp.spi", "0x00001000" }, { "esp.sequence", "5" },
	};
	static const struct tl_want ah6[] = {
		{ "ah.next_header", "59" }, { "ah.spi", "0x00000101" },
		{ "ah.sequence", "7" },
	};
	static const struct tl_want esp6[] = {
		{ "esp.spi", "0x00000202" }, { "esp.sequence", "9" },
	};
	const struct tl_result *r = run(pkt_ah_hex);

	CHECK_JOINED(r, ah);
	CHECK(tl_has(r, P_AH));
	CHECK_INT(tl_status(r, P_AH), LAYER_OK);
	CHECK_STR(r->pi.info, "AH (SPI=0x00001000)");
	CHECK_INT(r->pi.l4proto, 51);

	r = run(pkt_esp_hex);
	CHECK_JOINED(r, esp);
	CHECK(!tl_has(r, P_DATA));
	CHECK_STR(r->pi.info, "ESP (SPI=0x00001000)");
	CHECK_INT(r->pi.top, P_ESP);

	r = run(pkt_v6ah_hex);
	CHECK_JOINED(r, ah6);
	CHECK_STR(r->pi.info, "IPv6 no next header");
	CHECK_INT(r->pi.l4proto, 51);

	r = run(pkt_v6esp_hex);
	CHECK_JOINED(r, esp6);
	CHECK_INT(r->pi.ipver, 6);
	CHECK_INT(r->pi.l4proto, 50);
}

/* Hop-by-hop, routing type 0, destination options, fragment. */
static void
test_ipv6_ext(void)
{
	static const struct tl_want e[] = {
		{ "ipv6.version", "6" }, { "ip.version", "6" },
		{ "ipv6.tclass", "0x00000000" }, { "ipv6.flow", "0x012345" },
		{ "ipv6.plen", "60" }, { "ipv6.nxt", "0" },
		{ "ipv6.hlim", "64" }, { "ipv6.src", "2001:db8::1" },
		{ "ipv6.dst", "2001:db8::2" },
		{ "ipv6.addr", "2001:db8::1,2001:db8::2" },
		{ "ipv6.host", "2001:db8::1,2001:db8::2" },
		{ "ipv6.src_host", "2001:db8::1" },
		{ "ipv6.hopopts.nxt", "43" }, { "ipv6.hopopts.len", "1" },
		{ "ipv6.hopopts.len_oct", "16" },
		{ "ipv6.opt.type", "0x05,0x01,0x01,0x1e" },
		{ "ipv6.opt.type.action", "0,0,0,0" },
		{ "ipv6.opt.type.change", "0,0,0,0" },
		{ "ipv6.opt.type.rest", "0x05,0x01,0x01,0x1e" },
		{ "ipv6.opt.length", "2,2,4,4" },
		{ "ipv6.opt.router_alert", "0" },
		{ "ipv6.opt.padn", "0000,00000000" },
		{ "ipv6.opt.experimental", "aabbccdd" },
		{ "ipv6.routing.nxt", "60" }, { "ipv6.routing.len", "2" },
		{ "ipv6.routing.len_oct", "24" }, { "ipv6.routing.type", "0" },
		{ "ipv6.routing.segleft", "1" },
		{ "ipv6.routing.src.reserved", "00000000" },
		{ "ipv6.routing.src.addr", "2001:db8::99" },
		{ "ipv6.dstopts.nxt", "44" }, { "ipv6.dstopts.len", "0" },
		{ "ipv6.dstopts.len_oct", "8" },
		{ "ipv6.fraghdr.nxt", "253" },
		{ "ipv6.fraghdr.reserved_octet", "0x00" },
		{ "ipv6.fraghdr.offset", "0" },
		{ "ipv6.fraghdr.reserved_bits", "0" },
		{ "ipv6.fraghdr.more", "1" },
		{ "ipv6.fraghdr.ident", "0xdeadbeef" },
		{ "data.len", "4" },
	};
	static const struct tl_want frag2[] = {
		{ "ipv6.fraghdr.offset", "185" }, { "ipv6.fraghdr.more", "0" },
		{ "data.len", "8" },
	};
	static const struct tl_want srh[] = {
		{ "ipv6.routing.type", "4" }, { "ipv6.routing.segleft", "1" },
		{ "ipv6.routing.srh.last_entry", "1" },
		{ "ipv6.routing.srh.flags", "0x00" },
		{ "ipv6.routing.srh.tag", "0000" },
		{ "ipv6.routing.srh.addr", "2001:db8::a,2001:db8::b" },
		{ "data.len", "2" },
	};
	static const struct tl_want pad1[] = {
		{ "ipv6.opt.type", "0x00,0x01,0x00,0x00,0x00" },
		{ "ipv6.opt.pad1", "1,1,1,1" }, { "ipv6.opt.length", "0" },
		{ "data.len", "4" },
	};
	/* Payload length 0 with a Jumbo Payload option. */
	static const struct tl_want jumbo[] = {
		{ "ipv6.plen", "0" }, { "ipv6.opt.jumbo", "65536" },
		{ "data.len", "4" },
	};
	const struct tl_result *r = run(pkt_v6ext_hex);

	CHECK_JOINED(r, e);
	CHECK_INT(tl_status(r, P_IPV6), LAYER_OK);
	CHECK_INT(r->pi.ipver, 6);
	CHECK_INT(r->pi.l4proto, 253);
	CHECK(memcmp(r->pi.dst, "\x20\x01\x0d\xb8", 4) == 0 &&
	    r->pi.dst[15] == 2);
	CHECK_STR(r->pi.info, "Unknown IP Protocol: Unknown (253)");
	CHECK_INT(r->errors, 0);

	r = run(pkt_v6frag2_hex);
	CHECK_JOINED(r, frag2);
	CHECK(!tl_has(r, P_UDP));
	CHECK_INT(r->pi.l4proto, 17);
	CHECK_STR(r->pi.info,
	    "IPv6 fragment (off=1480 more=n ident=0xdeadbeef nxt=17)");

	CHECK_JOINED(run(pkt_v6srh_hex), srh);
	CHECK_JOINED(run(pkt_v6pad1_hex), pad1);
	CHECK_JOINED(run(pkt_v6jumbo_hex), jumbo);
}

/* Structured addresses: 6to4, Teredo, SLAAC, ISATAP, NAT64 prefix. */
static void
test_ipv6_addresses(void)
{
	static const struct tl_want slaac_6to4[] = {
		{ "ipv6.src_slaac_mac", "00:11:22:33:44:55" },
		{ "ipv6.slaac_mac", "00:11:22:33:44:55" },
		{ "ipv6.dst_6to4_gw_ipv4", "192.0.2.1" },
		{ "ipv6.6to4_gw_ipv4", "192.0.2.1" },
		{ "ipv6.dst_6to4_sla_id", "0" },
		{ "ipv6.src_6to4_gw_ipv4", "" },
	};
	static const struct tl_want teredo_isatap[] = {
		{ "ipv6.src_ts_ipv4", "65.54.227.120" },
		{ "ipv6.src_tc_port", "40000" },
		{ "ipv6.src_tc_ipv4", "192.0.2.45" },
		{ "ipv6.dst_isatap_ipv4", "10.0.0.1" },
		{ "ipv6.isatap_ipv4", "10.0.0.1" },
		{ "ipv6.dst", "::5efe:a00:1" },
	};
	static const struct tl_want embed[] = {
		{ "ipv6.src_embed_ipv4", "192.0.2.33" },
		{ "ipv6.embed_ipv4", "192.0.2.33" },
		{ "ipv6.embed_ipv4_prefix", "0064ff9b0000000000000000" },
	};

	tl_load(pkt_v6addr_hex);
	CHECK_JOINED(tl_dissect(LINK_ETHERNET, tl_frame, tl_frame_len, 0),
	    slaac_6to4);
	tl_load(pkt_v6teredo_hex);
	CHECK_JOINED(tl_dissect(LINK_ETHERNET, tl_frame, tl_frame_len, 0),
	    teredo_isatap);
	tl_load(pkt_v6embed_hex);
	CHECK_JOINED(tl_dissect(LINK_ETHERNET, tl_frame, tl_frame_len, 0),
	    embed);
}

/* Long chains of extension headers, bad option lengths, short captures. */
static void
test_ipv6_malformed(void)
{
	static const struct tl_want plen[] = {
		{ "ipv6.plen", "9" }, { "data.len", "4" },
	};
	static const struct tl_want badopt[] = {
		{ "ipv6.dstopts.nxt", "253" }, { "ipv6.opt.length", "9" },
		{ "ipv6.opt.type", "0x01" },
	};
	static const struct tl_want cut_fixed[] = {
		{ "ipv6.nxt", "0" }, { "ipv6.src", "" },
	};
	const struct tl_result *r = run(pkt_v6chain_hex);

	/* 50 headers: tshark walks them all, so do we. */
	CHECK_INT(tl_count(r, "ipv6.dstopts.nxt"), 50);
	CHECK_STR(tl_all(r, "data.len"), "2");
	CHECK_INT(r->pi.l4proto, 253);
	CHECK_INT(tl_status(r, P_IPV6), LAYER_OK);

	/* 100 headers: the walk stops at its bound. */
	r = run(pkt_v6chain100_hex);
	CHECK(tl_count(r, "ipv6.dstopts.nxt") <= 64);
	CHECK(tl_status(r, P_IPV6) & LAYER_MALFORMED);
	CHECK_INT(r->errors, 0);

	/* Payload length past the data, capture complete. */
	r = run(pkt_v6plen_hex);
	CHECK_JOINED(r, plen);
	CHECK(!(tl_status(r, P_IPV6) & LAYER_TRUNCATED));
	/* The same cut short by the snapshot length: truncated. */
	r = tl_dissect(LINK_ETHERNET, tl_frame, tl_frame_len, tl_frame_len + 5);
	CHECK(tl_status(r, P_IPV6) & LAYER_TRUNCATED);

	/* An option longer than its header. */
	r = run(pkt_v6badopt_hex);
	CHECK_JOINED(r, badopt);
	CHECK(tl_status(r, P_IPV6) & LAYER_MALFORMED);
	CHECK_INT(r->errors, 0);

	/* Capture ends inside the fixed header. */
	tl_load(pkt_v6ext_hex);
	r = tl_dissect(LINK_ETHERNET, tl_frame, 14 + 20, tl_frame_len);
	CHECK_JOINED(r, cut_fixed);
	CHECK_INT(tl_status(r, P_IPV6), LAYER_TRUNCATED);
	CHECK_INT(r->pi.ipver, 0);
	/* ... and inside the routing header: key from what was walked. */
	r = tl_dissect(LINK_ETHERNET, tl_frame, 14 + 40 + 16 + 10,
	    tl_frame_len);
	CHECK_STR(tl_all(r, "ipv6.routing.nxt"), "60");
	CHECK_INT(tl_status(r, P_IPV6), LAYER_TRUNCATED);
	CHECK_INT(r->pi.ipver, 6);
	CHECK_INT(r->pi.l4proto, 43);
}

int
main(void)
{
	test_ipv4_options();
	test_ipv4_lengths();
	test_ipv4_fragments();
	test_ipv4_badsum();
	test_ipv4_malformed();
	test_ipv4_source_route();
	test_nesting();
	test_ipsec();
	test_ipv6_ext();
	test_ipv6_addresses();
	test_ipv6_malformed();
	return tl_done();
}
