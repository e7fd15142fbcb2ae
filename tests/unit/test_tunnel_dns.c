/*
 * Unit tests for the tunnel decoders (GRE, VXLAN, Geneve) and DNS (with
 * mDNS and LLMNR), on whole Ethernet frames.  Expected values are what
 * tshark 4.0 printed for the same bytes (-T fields -E occurrence=a).
 * The frames were built with a few lines of python3; the inner layers
 * (Ethernet, IP, UDP, TCP) are the other decoders' work, so these tests
 * also check that the tunnels hand them the right bytes.
 */
#include "config.h"

#include <string.h>

#include "testlib.h"

static const char GRE_CKS[] =
    "00112233445500112233446608004500004500010000402f66870a0000010a00"
    "0002b0000800e62c0000000012340000000745000021000100004011f977c0a8"
    "0001c0a8000203e807d0000d000068656c6c6f";
static const char GRE_BADCK[] =
    "00112233445500112233446608004500003d00010000402f668f0a0000010a00"
    "000280000800dead000045000021000100004011f977c0a80001c0a8000203e8"
    "07d0000d000068656c6c6f";
static const char GRE_PPTP[] =
    "00112233445500112233446608004500004900010000402f66830a0000010a00"
    "00023081880b002500550000000900000008ff03002145000021000100004011"
    "f977c0a80001c0a8000203e807d0000d000068656c6c6f";
static const char GRE_DEEP[] =
    "00112233445500112233446608004500014100010000402f658b0a0000010a00"
    "0002000008004500012900010000402f65a30a0000010a000002000008004500"
    "011100010000402f65bb0a0000010a00000200000800450000f900010000402f"
    "65d30a0000010a00000200000800450000e100010000402f65eb0a0000010a00"
    "000200000800450000c900010000402f66030a0000010a000002000008004500"
    "00b100010000402f661b0a0000010a000002000008004500009900010000402f"
    "66330a0000010a000002000008004500008100010000402f664b0a0000010a00"
    "0002000008004500006900010000402f66630a0000010a000002000008004500"
    "005100010000402f667b0a0000010a000002000008004500003900010000402f"
    "66930a0000010a0000020000080045000021000100004011f977c0a80001c0a8"
    "000203e807d0000d000068656c6c6f";
static const char GRE_TEB[] =
    "00112233445500112233446608004500004b00010000402f66810a0000010a00"
    "0002200065580000000500112233445500112233446608004500002100010000"
    "4011f977c0a80001c0a8000203e807d0000d000068656c6c6f";
static const char GRE_TRUNC[] =
    "00112233445500112233446608004500001a00010000402f66b20a0000010a00"
    "0002200008000001";
static const char GRE_ROUTE[] =
    "00112233445500112233446608004500004900010000402f66830a0000010a00"
    "0002400008000000000008000004010203040000000045000021000100004011"
    "f977c0a80001c0a8000203e807d0000d000068656c6c6f";
static const char GENEVE_OPTS[] =
    "00112233445500112233446608004500005c000100004011668e0a0000010a00"
    "0002045717c10048000003ff65581234565a01027fe101020304013281000200"
    "0000000102000000000208004500001e000100004011f97ac0a80001c0a80002"
    "00010002000a00006869";
static const char GENEVE_V1[] =
    "00112233445500112233446608004500004200010000401166a80a0000010a00"
    "0002045717c1002e0000400008000000015a4500001e000100004011f97ac0a8"
    "0001c0a8000200010002000a00006869";
static const char GENEVE_BADOPT[] =
    "001122334455001122334466080045000050000100004011669a0a0000010a00"
    "0002045717c1003c0000010086dd0000015a0102010360000000000000000000"
    "000000000000000000000000000000000000000000000000000000000000";
static const char VXLAN_ALL[] =
    "001122334455001122334466080045000050000100004011669a0a0000010a00"
    "0002045712b5003c0000ffff1234abcdef770200000000010200000000020800"
    "4500001e000100004011f97ac0a80001c0a8000200010002000a00006869";
static const char VXLAN_STD[] =
    "001122334455001122334466080045000050000100004011669a0a0000010a00"
    "0002045712b5003c000008000000000005000200000000010200000000020800"
    "4500001e000100004011f97ac0a80001c0a8000200010002000a00006869";
static const char DNS_QUERY[] =
    "00112233445500112233446608004500003900010000401166b10a0000010a00"
    "00023039003500250000123401000001000000000000076578616d706c650363"
    "6f6d0000010001";
static const char DNS_RESP[] =
    "001122334455001122334466080045000180000100004011656a0a0000010a00"
    "000200353039016c0000123481800001000900020001076578616d706c650363"
    "6f6d0000010001c00c000500010000012c000603777777c00cc00c0001000100"
    "00003c00045db8d822c00c001c00010000003c0010000102030405060708090a"
    "0b0c0d0e0fc00c000f00010000003c0009000a046d61696cc00cc00c00100001"
    "0000003c000d0568656c6c6f05776f726c6400c00c000c00010000003c001103"
    "707472076578616d706c65036f726700c00c002100010000003c001700010002"
    "13c403736970076578616d706c6503636f6d00045f736970045f746370076578"
    "616d706c6503636f6d00002100010000003c00170001000213c4037369700765"
    "78616d706c6503636f6d00c00cff0000010000003c0002deadc00c0002000100"
    "000e100005026e73c00cc00c0006000100000e100021026e73c00c0561646d69"
    "6ec00c000007e700001c2000000e10001275000000012c00002904d000008000"
    "000c000a00083132333435363738";
static const char DNS_LOOP[] =
    "00112233445500112233446608004500003200010000401166b80a0000010a00"
    "000230390035001e000000020100000100000000000003616263c00c00010001";
static const char DNS_LONG[] =
    "00112233445500112233446608004500016d000100004011657d0a0000010a00"
    "000230390035015900000003010000010000000000003f616161616161616161"
    "6161616161616161616161616161616161616161616161616161616161616161"
    "616161616161616161616161616161616161616161613f616161616161616161"
    "6161616161616161616161616161616161616161616161616161616161616161"
    "616161616161616161616161616161616161616161613f616161616161616161"
    "6161616161616161616161616161616161616161616161616161616161616161"
    "616161616161616161616161616161616161616161613f616161616161616161"
    "6161616161616161616161616161616161616161616161616161616161616161"
    "616161616161616161616161616161616161616161613f616161616161616161"
    "6161616161616161616161616161616161616161616161616161616161616161"
    "616161616161616161616161616161616161616161610000010001";
static const char DNS_COUNTS[] =
    "00112233445500112233446608004500004900010000401166a10a0000010a00"
    "00023039003500350000000481800001000500000000076578616d706c650363"
    "6f6d0000010001c00c000100010000003c000401020304";
static const char MDNS_QUERY[] =
    "0011223344550011223344660800450000380001000040118fb80a000001e000"
    "00fb14e914e90024000000000000000100000000000004686f7374056c6f6361"
    "6c0000ff8001";
static const char MDNS_RESP[] =
    "0011223344550011223344660800450000420001000040118fae0a000001e000"
    "00fb14e914e9002e000000008400000000010000000004686f7374056c6f6361"
    "6c00000180010000007800040a000009";
static const char LLMNR_QUERY[] =
    "0011223344550011223344660800450000320001000040118fbd0a000001e000"
    "00fcc35014eb001e000000550000000100000000000004777061640000010001";
static const char LLMNR_RESP[] =
    "00112233445500112233446608004500004200010000401166a80a0000010a00"
    "000214ebc350002e000000558500000100010000000004777061640000010001"
    "c00c000100010000001e00040a000007";
static const char DNS_TCP[] =
    "00112233445500112233446608004500004700010000400666ae0a0000010a00"
    "00023039003500000001000000005018200000000000001d0077010000010000"
    "00000000076578616d706c6503636f6d00001c0001";
static const char DNS_NXDOMAIN[] =
    "00112233445500112233446608004500002d00010000401166bd0a0000010a00"
    "0002003503e8001900000099818300010000000000000000020001";
static const char DNS_UPDATE[] =
    "00112233445500112233446608004500003900010000401166b10a0000010a00"
    "00023039003500250000009828000001000000000000076578616d706c650363"
    "6f6d0000060001";
static const char DNS_BADLABEL[] =
    "00112233445500112233446608004500003600010000401166b40a0000010a00"
    "0002303900350022000000970100000100000000000004612e62010378207900"
    "00010001";

/* Decode a hex frame fully; also runs every prefix of it. */
static const struct tl_result *
dissect_hex(const char *hex)
{
	return tl_run(LINK_ETHERNET, hex);
}

/* The fast pass's summary of a hex frame. */
static const struct pkt_info *
summary(const char *hex)
{
	return tl_summary(LINK_ETHERNET, hex);
}

/* GRE with checksum, key and sequence number around IPv4/UDP. */
static void
test_gre_optional_fields(void)
{
	static const struct tl_want cks[] = {
		{ "gre.flags_and_version", "0xb000" },
		{ "gre.flags.checksum", "1" }, { "gre.flags.routing", "0" },
		{ "gre.flags.key", "1" }, { "gre.flags.sequence_number", "1" },
		{ "gre.flags.recursion_control", "0" },
		{ "gre.flags.reserved", "0" }, { "gre.flags.version", "0" },
		{ "gre.flags.ack", NULL },	/* version 0 */
		{ "gre.proto", "0x0800" }, { "gre.checksum", "0xe62c" },
		{ "gre.checksum.status", "1" }, { "gre.offset", "0" },
		{ "gre.key", "0x00001234" }, { "gre.sequence_number", "7" },
	};
	static const struct tl_want badck[] = {
		{ "gre.checksum", "0xdead" }, { "gre.checksum.status", "0" },
		{ "gre.key", NULL },
	};
	const struct tl_result *r = dissect_hex(GRE_CKS);

	CHECK(tl_has(r, P_GRE));
	CHECK_FIELDS(r, cks);
	CHECK_INT(tl_status(r, P_GRE), LAYER_OK);
	/* The inner IPv4 and UDP nest inside GRE. */
	CHECK_INT(tl_count(r, "ip.src"), 2);
	CHECK_STR(tl_all(r, "ip.dst"), "10.0.0.2,192.168.0.2");
	CHECK(tl_has(r, P_UDP));

	r = dissect_hex(GRE_BADCK);
	CHECK_FIELDS(r, badck);
	CHECK(tl_status(r, P_GRE) & LAYER_BADSUM);
}

/* Enhanced GRE (PPTP, version 1): payload length, call id, ack. */
static void
test_gre_pptp(void)
{
	static const struct tl_want want[] = {
		{ "gre.flags_and_version", "0x3081" },
		{ "gre.flags.ack", "1" }, { "gre.flags.version", "1" },
		{ "gre.proto", "0x880b" }, { "gre.key.payload_length", "37" },
		{ "gre.key.call_id", "85" }, { "gre.key", NULL },
		{ "gre.sequence_number", "9" }, { "gre.ack_number", "8" },
	};
	const struct tl_result *r = dissect_hex(GRE_PPTP);

	CHECK_FIELDS(r, want);
	CHECK_INT(tl_status(r, P_GRE), LAYER_OK);
}

/* Routing (RFC 1701 SREs), bridged Ethernet, and a cut header. */
static void
test_gre_routing_teb_trunc(void)
{
	static const struct tl_want route[] = {
		{ "gre.checksum", "0x0000" }, { "gre.checksum.status", "2" },
	};
	static const struct tl_want sres[] = {
		{ "gre.routing.address_family", "2048,0" },
		{ "gre.routing.src_length", "4,0" },
		{ "gre.routing.information", "01020304" },
	};
	static const struct tl_want teb[] = {
		{ "gre.proto", "0x6558" }, { "gre.key", "0x00000005" },
	};
	static const struct tl_want trunc[] = {
		{ "gre.flags.key", "1" }, { "gre.proto", "0x0800" },
		{ "gre.key", NULL },
	};
	const struct tl_result *r = dissect_hex(GRE_ROUTE);

	CHECK_FIELDS(r, route);
	CHECK_JOINED(r, sres);
	CHECK_INT(tl_count(r, "ip.src"), 2);

	r = dissect_hex(GRE_TEB);
	CHECK_FIELDS(r, teb);
	CHECK_INT(tl_count(r, "eth.src"), 2);
	CHECK(tl_has(r, P_UDP));

	r = dissect_hex(GRE_TRUNC);
	CHECK_FIELDS(r, trunc);
	CHECK(tl_status(r, P_GRE) & LAYER_TRUNCATED);
}

/* Twelve GRE-in-IPv4 levels: decoding stops at the nesting cap. */
static void
test_gre_nest_cap(void)
{
	const struct tl_result *r = dissect_hex(GRE_DEEP);
	const struct pkt_info *pi;
	int n = tl_count(r, "gre.proto");

	CHECK(n >= 1);
	CHECK(n <= DISSECT_MAX_NEST + 1);
	CHECK(!tl_has(r, P_UDP));
	CHECK(r->nlayers <= DISSECT_MAX_LAYERS);
	CHECK_INT(r->errors, 0);
	pi = summary(GRE_DEEP);
	CHECK_INT(pi->ipver, 4);
	CHECK_INT(pi->l4proto, 47);
	CHECK_INT(pi->sport, 0);
}

/* VXLAN: flags, GBP, VNI, then the inner Ethernet frame. */
static void
test_vxlan(void)
{
	static const struct tl_want std[] = {
		{ "vxlan.flags", "0x0800" }, { "vxlan.flag_g", "0" },
		{ "vxlan.flag_i", "1" }, { "vxlan.flag_d", "0" },
		{ "vxlan.flag_a", "0" }, { "vxlan.flags_reserved", "0x0000" },
		{ "vxlan.gbp", "0" }, { "vxlan.vni", "5" },
		{ "vxlan.reserved8", "0" },
	};
	static const struct tl_want inner[] = {
		{ "eth.src", "00:11:22:33:44:66,02:00:00:00:00:02" },
		{ "ip.src", "10.0.0.1,192.168.0.1" },
	};
	static const struct tl_want all_flags[] = {
		{ "vxlan.flags", "0xffff" }, { "vxlan.flag_g", "1" },
		{ "vxlan.flag_a", "1" }, { "vxlan.flags_reserved", "0x77b7" },
		{ "vxlan.gbp", "4660" }, { "vxlan.vni", "11259375" },
		{ "vxlan.reserved8", "119" },
	};
	const struct tl_result *r = dissect_hex(VXLAN_STD);
	const struct pkt_info *pi;

	CHECK(tl_has(r, P_VXLAN));
	CHECK_FIELDS(r, std);
	CHECK_JOINED(r, inner);
	CHECK_INT(tl_count(r, "udp.srcport"), 2);
	CHECK_INT(tl_status(r, P_VXLAN), LAYER_OK);
	/* The flow key stays the outer header's. */
	pi = summary(VXLAN_STD);
	CHECK_INT(pi->ipver, 4);
	CHECK_INT(pi->src[3], 1);
	CHECK_INT(pi->dport, 4789);
	CHECK(pi->protos & (1ull << P_VXLAN));

	CHECK_FIELDS(dissect_hex(VXLAN_ALL), all_flags);
}

/* Geneve: header, options (bounded), inner frame by protocol type. */
static void
test_geneve(void)
{
	static const struct tl_want opts[] = {
		{ "geneve.version", "0" }, { "geneve.flags", "0xff" },
		{ "geneve.flags.oam", "1" }, { "geneve.flags.critical", "1" },
		{ "geneve.flags.reserved", "1" },
		{ "geneve.proto_type", "0x6558" }, { "geneve.vni", "0x123456" },
		{ "geneve.reserved", "0x5a" },
		{ "geneve.options", "01027fe10102030401328100" },
		{ "geneve.option.unknown.data", "01020304" },
	};
	static const struct tl_want each_opt[] = {
		{ "geneve.option.length", "12,8,4" },
		{ "geneve.option.class", "0x0102,0x0132" },
		{ "geneve.option.type", "0x7f,0x81" },
		{ "geneve.option.type.critical", "0,1" },
		{ "geneve.option.flags", "0x07,0x00" },
		{ "geneve.option.flags.reserved", "1,0" },
	};
	/* Version 1 is reported and decoded on; IPv4 follows directly. */
	static const struct tl_want v1[] = {
		{ "geneve.version", "1" }, { "geneve.proto_type", "0x0800" },
		{ "geneve.vni", "0x000001" },
	};
	/* An option longer than the options area: malformed, payload on. */
	static const struct tl_want badopt[] = {
		{ "geneve.option.length", "4" }, { "geneve.option.class", NULL },
	};
	const struct tl_result *r = dissect_hex(GENEVE_OPTS);

	CHECK(tl_has(r, P_GENEVE));
	CHECK_FIELDS(r, opts);
	CHECK_JOINED(r, each_opt);
	CHECK_INT(tl_count(r, "geneve.option.unknown.data"), 2);
	CHECK_INT(tl_count(r, "eth.src"), 2);
	CHECK_INT(tl_status(r, P_GENEVE), LAYER_OK);

	r = dissect_hex(GENEVE_V1);
	CHECK_FIELDS(r, v1);
	CHECK_INT(tl_count(r, "ip.src"), 2);

	r = dissect_hex(GENEVE_BADOPT);
	CHECK_FIELDS(r, badopt);
	CHECK(tl_status(r, P_GENEVE) & LAYER_MALFORMED);
	CHECK(tl_has(r, P_IPV6));
}

/* A standard query and a response using every decoded RR type. */
static void
test_dns_query_response(void)
{
	static const struct tl_want query[] = {
		{ "dns.id", "0x1234" }, { "dns.flags", "0x0100" },
		{ "dns.flags.response", "0" }, { "dns.flags.recdesired", "1" },
		/* Query: no AA, RA, AD (when clear) or rcode. */
		{ "dns.flags.authoritative", NULL },
		{ "dns.flags.recavail", NULL },
		{ "dns.flags.authenticated", NULL },
		{ "dns.flags.rcode", NULL },
		{ "dns.count.queries", "1" }, { "dns.count.add_rr", "0" },
		{ "dns.qry.name", "example.com" }, { "dns.qry.name.len", "11" },
		{ "dns.count.labels", "2" }, { "dns.qry.type", "1" },
		{ "dns.qry.class", "0x0001" },
	};
	static const struct tl_want resp[] = {
		{ "dns.flags.rcode", "0" }, { "dns.flags.recavail", "1" },
		{ "dns.count.answers", "9" }, { "dns.cname", "www.example.com" },
		{ "dns.a", "93.184.216.34" },
		{ "dns.aaaa", "1:203:405:607:809:a0b:c0d:e0f" },
		{ "dns.mx.preference", "10" },
		{ "dns.mx.mail_exchange", "mail.example.com" },
		{ "dns.ptr.domain_name", "ptr.example.org" },
		{ "dns.data", "dead" }, { "dns.ns", "ns.example.com" },
		{ "dns.soa.mname", "ns.example.com" },
		{ "dns.soa.rname", "admin.example.com" },
		{ "dns.soa.serial_number", "2023" },
		{ "dns.soa.expire_limit", "1209600" },
		{ "dns.soa.minimum_ttl", "300" },
		{ "dns.rr.udp_payload_size", "1232" },
		{ "dns.resp.ext_rcode", "0x00" }, { "dns.resp.z", "0x8000" },
		{ "dns.resp.z.do", "1" }, { "dns.resp.z.reserved", "0x0000" },
		{ "dns.opt.code", "10" }, { "dns.opt.len", "8" },
		{ "dns.opt.cookie.client", "3132333435363738" },
	};
	static const struct tl_want resp_rrs[] = {
		{ "dns.resp.name", "example.com,example.com,example.com,"
		    "example.com,example.com,example.com,example.com,"
		    "example.com,example.com,<Root>" },
		{ "dns.resp.type", "5,1,28,15,16,12,33,33,65280,2,6,41" },
		{ "dns.txt.length", "5,5,0" }, { "dns.txt", "hello,world," },
		{ "dns.srv.service", "example,_sip" },
		{ "dns.srv.proto", "com,_tcp" },
		{ "dns.srv.name", "example.com" },
		{ "dns.srv.port", "5060,5060" },
		{ "dns.srv.target", "sip.example.com,sip.example.com" },
		{ "dns.resp.ttl", "300,60,60,60,60,60,60,60,60,3600,3600" },
	};
	const struct tl_result *r = dissect_hex(DNS_QUERY);
	const struct pkt_info *pi;

	CHECK(tl_has(r, P_DNS));
	CHECK_FIELDS(r, query);
	CHECK_INT(tl_status(r, P_DNS), LAYER_OK);
	pi = summary(DNS_QUERY);
	CHECK_STR(pi->info, "Standard query 0x1234 A example.com");
	CHECK_INT(pi->top, P_DNS);

	r = dissect_hex(DNS_RESP);
	CHECK_FIELDS(r, resp);
	CHECK_JOINED(r, resp_rrs);
	CHECK_INT(tl_count(r, "dns.opt.cookie.server"), 1);
	CHECK_INT(tl_status(r, P_DNS), LAYER_OK);
	CHECK_STR(summary(DNS_RESP)->info, "Standard query response 0x1234 A "
	    "example.com CNAME www.example.com A 93.184.216.34 AAAA "
	    "1:203:405:607:809:a0b:c0d:e0f MX 10 mail.example.com TXT "
	    "PTR ptr.exampl");	/* cut at INFO_MAX */
}

/* Hostile names and counts. */
static void
test_dns_malformed(void)
{
	static const struct tl_want loop[] = {
		{ "dns.qry.name", "<Name contains a pointer that loops>" },
		{ "dns.qry.name.len", "36" }, { "dns.count.labels", "1" },
		{ "dns.qry.type", "1" },
	};
	static const struct tl_want toolong[] = {
		{ "dns.qry.name", "<Name too long>" },
		{ "dns.qry.name.len", "15" }, { "dns.count.labels", "1" },
		{ "dns.qry.type", "1" },	/* still in step */
		{ "dns.qry.class", "0x0001" },
	};
	/* Five answers announced, one present: stop at the data. */
	static const struct tl_want counts[] = {
		{ "dns.count.answers", "5" }, { "dns.a", "1.2.3.4" },
	};
	/* Odd bytes in labels: lengths as raw bytes, dots counted. */
	static const struct tl_want badlabel[] = {
		{ "dns.qry.name.len", "8" }, { "dns.count.labels", "3" },
	};
	static const struct tl_want nxdomain[] = {
		{ "dns.qry.name", "<Root>" }, { "dns.qry.name.len", "6" },
		{ "dns.flags.rcode", "3" },
	};
	static const struct tl_want update[] = {
		{ "dns.flags.opcode", "5" }, { "dns.count.zones", "1" },
		{ "dns.count.prerequisites", "0" },
		{ "dns.count.updates", "0" }, { "dns.count.queries", NULL },
	};
	const struct tl_result *r;

	CHECK_FIELDS(dissect_hex(DNS_LOOP), loop);
	CHECK_STR(summary(DNS_LOOP)->info,
	    "Standard query 0x0002 A <Name contains a pointer that loops>");

	CHECK_FIELDS(dissect_hex(DNS_LONG), toolong);

	r = dissect_hex(DNS_COUNTS);
	CHECK_FIELDS(r, counts);
	CHECK_INT(tl_count(r, "dns.a"), 1);
	CHECK(tl_status(r, P_DNS) & LAYER_MALFORMED);

	CHECK_FIELDS(dissect_hex(DNS_BADLABEL), badlabel);
	CHECK_STR(summary(DNS_BADLABEL)->info,
	    "Standard query 0x0097 A a.b\\001.x y");

	CHECK_FIELDS(dissect_hex(DNS_NXDOMAIN), nxdomain);
	CHECK_STR(summary(DNS_NXDOMAIN)->info,
	    "Standard query response 0x0099 No such name NS <Root>");

	CHECK_FIELDS(dissect_hex(DNS_UPDATE), update);
	CHECK_STR(summary(DNS_UPDATE)->info,
	    "Dynamic update 0x0098 SOA example.com");
}

/* mDNS (QU bit, cache flush) and LLMNR (C and T flags). */
static void
test_mdns_llmnr(void)
{
	static const struct tl_want mquery[] = {
		{ "dns.qry.type", "255" }, { "dns.qry.class", "0x0001" },
		{ "dns.qry.qu", "1" },
	};
	static const struct tl_want mresp[] = {
		{ "dns.flags.authoritative", "1" },
		{ "dns.resp.name", "host.local" },
		{ "dns.resp.class", "0x0001" }, { "dns.resp.cache_flush", "1" },
		{ "dns.a", "10.0.0.9" },
	};
	static const struct tl_want lquery[] = {
		{ "dns.flags.conflict", "0" }, { "dns.flags.tentative", "0" },
		{ "dns.flags.recdesired", NULL }, { "dns.flags.z", NULL },
		{ "dns.qry.name", "wpad" },
	};
	static const struct tl_want lresp[] = {
		{ "dns.flags.conflict", "1" }, { "dns.flags.tentative", "1" },
		{ "dns.flags.rcode", "0" },
		{ "dns.flags.authoritative", NULL }, { "dns.a", "10.0.0.7" },
	};
	const struct tl_result *r = dissect_hex(MDNS_QUERY);

	CHECK(tl_has(r, P_MDNS));
	CHECK(!tl_has(r, P_DNS));
	CHECK_FIELDS(r, mquery);
	CHECK_STR(summary(MDNS_QUERY)->info,
	    "Standard query 0x0000 ANY host.local, \"QU\" question");

	CHECK_FIELDS(dissect_hex(MDNS_RESP), mresp);
	CHECK_STR(summary(MDNS_RESP)->info,
	    "Standard query response 0x0000 A, cache flush 10.0.0.9");

	r = dissect_hex(LLMNR_QUERY);
	CHECK(tl_has(r, P_LLMNR));
	CHECK_FIELDS(r, lquery);

	CHECK_FIELDS(dissect_hex(LLMNR_RESP), lresp);
	CHECK_STR(summary(LLMNR_RESP)->info,
	    "Standard query response 0x0055 A wpad A 10.0.0.7");
}

/* DNS over TCP: the length prefix, then the message. */
static void
test_dns_tcp(void)
{
	static const struct tl_want want[] = {
		{ "dns.length", "29" }, { "dns.id", "0x0077" },
		{ "dns.qry.name", "example.com" }, { "dns.qry.type", "28" },
	};
	const struct tl_result *r = dissect_hex(DNS_TCP);

	CHECK(tl_has(r, P_DNS));
	CHECK_FIELDS(r, want);
	CHECK_INT(tl_status(r, P_DNS), LAYER_OK);
}

/* A DNS message cut in the capture is truncated, not malformed. */
static void
test_dns_cut_capture(void)
{
	static const struct tl_want want[] = {
		{ "dns.count.answers", "9" }, { "dns.qry.name", "example.com" },
	};
	size_t len = tl_load(DNS_RESP);
	const struct tl_result *r = tl_dissect(LINK_ETHERNET, tl_frame, 120,
	    len);

	CHECK(tl_has(r, P_DNS));
	CHECK_FIELDS(r, want);
	CHECK(tl_status(r, P_DNS) & LAYER_TRUNCATED);
	CHECK(!(tl_status(r, P_DNS) & LAYER_MALFORMED));
}

int
main(void)
{
	test_gre_optional_fields();
	test_gre_pptp();
	test_gre_routing_teb_trunc();
	test_gre_nest_cap();
	test_vxlan();
	test_geneve();
	test_dns_query_response();
	test_dns_malformed();
	test_mdns_llmnr();
	test_dns_tcp();
	test_dns_cut_capture();
	return tl_done();
}
