/*
 * Link-layer decoders: Ethernet (with padding, trailer and FCS as tshark
 * reports them), 802.3/LLC/SNAP/STP, 802.1Q and 802.1ad tags, Linux
 * cooked v1 and v2, BSD loopback, raw IP, and ARP.  Expected strings are
 * what tshark 4.0 printed for the same bytes (-T fields -E occurrence=a).
 * Payloads end in undecoded data, or only link fields are checked, so
 * that these tests do not depend on the IP decoders.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "decode/decoders.h"
#include "testlib.h"

#define BCAST	"ffffffffffff"
#define MAC1	"001122334455"
#define ARP_REQ	"0001 0800 06 04 0001 001122334455 0a000001 " \
		"000000000000 0a000002"
/* IPv6 with payload length 0, then a hop-by-hop header's first bytes. */
#define IP6_HBH	"86dd 60000000 0000 00 40" \
		"00000000000000000000000000000001" \
		"00000000000000000000000000000001 3b00 "

/* Load a hex frame and dissect it fully (no prefix runs). */
static const struct tl_result *
decode(int link, const char *hex)
{
	tl_load(hex);
	return tl_dissect(link, tl_frame, tl_frame_len, 0);
}

static void
test_eth_arp(void)
{
	static const struct tl_want req[] = {
		{ "eth.dst", "ff:ff:ff:ff:ff:ff" },
		{ "eth.src", "00:11:22:33:44:55" }, { "eth.type", "0x0806" },
		{ "eth.dst.lg", "1" }, { "eth.dst.ig", "1" },
		{ "eth.src.lg", "0" }, { "eth.src.ig", "0" },
		{ "eth.padding", NULL }, { "eth.trailer", NULL },
		{ "arp.hw.type", "1" }, { "arp.proto.type", "0x0800" },
		{ "arp.hw.size", "6" }, { "arp.proto.size", "4" },
		{ "arp.opcode", "1" }, { "arp.src.hw_mac", "00:11:22:33:44:55" },
		{ "arp.src.proto_ipv4", "10.0.0.1" },
		{ "arp.dst.hw_mac", "00:00:00:00:00:00" },
		{ "arp.dst.proto_ipv4", "10.0.0.2" },
		{ "arp.isgratuitous", NULL },
	};
	/* Reply, padded to 60 bytes with zeros. */
	static const struct tl_want padded[] = {
		{ "eth.padding", "000000000000000000000000000000000000" },
		{ "eth.trailer", NULL }, { "eth.fcs", NULL },
		{ "eth.src.lg", "1" },
	};
	static const uint8_t mac1[6] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };
	const struct tl_result *r;
	struct pkt_info pi;

	r = tl_run(LINK_ETHERNET, BCAST MAC1 "0806" ARP_REQ);
	CHECK_INT(r->errors, 0);
	CHECK_FIELDS(r, req);
	CHECK_STR(tl_all(r, "eth.addr"),
	    "ff:ff:ff:ff:ff:ff,00:11:22:33:44:55");
	CHECK_STR(r->pi.info, "Who has 10.0.0.2? Tell 10.0.0.1");
	CHECK_INT(r->pi.top, P_ARP);
	CHECK_INT(tl_status(r, P_ETH), LAYER_OK);
	CHECK_INT(tl_status(r, P_ARP), LAYER_OK);
	/* The address bits are children of the address. */
	CHECK_INT(tl_find(r, "eth.dst.lg")->depth, 1);
	CHECK_INT(tl_find(r, "eth.dst")->depth, 0);

	/* Fast pass: the summary the model keeps. */
	tl_fast(LINK_ETHERNET, tl_frame, tl_frame_len, &pi);
	CHECK(pi.has_mac);
	CHECK(memcmp(pi.macsrc, mac1, 6) == 0);
	CHECK(pi.macdst[0] == 0xff && pi.macdst[5] == 0xff);
	CHECK(pi.protos & (1u << P_ETH));
	CHECK(pi.protos & (1u << P_ARP));
	CHECK_INT(pi.top, P_ARP);
	CHECK_INT(pi.ipver, 0);
	CHECK_INT(pi.status, LAYER_OK);

	r = tl_run(LINK_ETHERNET, MAC1 "02aabbccddee 0806 0001 0800 06 04 0002 "
	    "02aabbccddee 0a000002 001122334455 0a000001"
	    "000000000000000000000000000000000000");
	CHECK_FIELDS(r, padded);
	CHECK_STR(r->pi.info, "10.0.0.2 is at 02:aa:bb:cc:dd:ee");
	/* The padding belongs to the Ethernet layer, after the ARP layer. */
	CHECK_INT(r->layers[tl_find(r, "eth.padding")->layer].proto, P_ETH);
}

static void
test_eth_trailer(void)
{
	/* 64 bytes: padding to 60, then the last 4 taken as an FCS. */
	static const struct tl_want fcs[] = {
		{ "eth.padding", "000000000000000000000000000000000000" },
		{ "eth.trailer", NULL }, { "eth.fcs", "0x11223344" },
		{ "eth.fcs.status", "2" },
	};
	/* Non-zero bytes up to 60 are a trailer, not padding. */
	static const struct tl_want nonzero[] = {
		{ "eth.padding", NULL },
		{ "eth.trailer", "0102030405060708090a0b0c0d0e0f101112" },
		{ "eth.fcs", NULL },
	};
	/* 67 zero-padded bytes: padding, 3 trailer bytes, FCS. */
	static const struct tl_want all3[] = {
		{ "eth.padding", "000000000000000000000000000000000000" },
		{ "eth.trailer", "000000" }, { "eth.fcs", "0x00000000" },
	};
	/* Short frames have no padding: 8 zero bytes are a trailer. */
	static const struct tl_want shortf[] = {
		{ "eth.padding", NULL }, { "eth.trailer", "0000000000000000" },
	};
	/* Cut by the snapshot (61 of 70): no FCS guess; the padding not
	   captured in full (50 of 70) shows nothing at all. */
	static const struct tl_want cut61[] = {
		{ "eth.padding", "000000000000000000000000000000000000" },
		{ "eth.trailer", "00" }, { "eth.fcs", NULL },
	};
	static const struct tl_want cut50[] = {
		{ "eth.padding", NULL }, { "eth.trailer", NULL },
	};
	/* IPv6 payload length 0 with a hop-by-hop header: a valid Jumbo
	   option's length bounds the packet (here past the end: no
	   trailer); without one (or with one below 65536) the packet is
	   the 40-byte header, and the rest is trailer and FCS. */
	static const struct tl_want small_jumbo[] = {
		{ "eth.trailer", "3b00c2040000ffff01020304" },
		{ "eth.fcs", "0x05060708" },
	};
	const struct tl_result *r;

	CHECK_FIELDS(tl_run(LINK_ETHERNET, BCAST MAC1 "0806" ARP_REQ
	    "000000000000000000000000000000000000 11223344"), fcs);
	CHECK_FIELDS(decode(LINK_ETHERNET, BCAST MAC1 "0806" ARP_REQ
	    "0102030405060708090a0b0c0d0e0f101112"), nonzero);
	CHECK_FIELDS(decode(LINK_ETHERNET, BCAST MAC1 "0806" ARP_REQ
	    "00000000000000000000000000000000000000000000000000"), all3);
	CHECK_FIELDS(decode(LINK_ETHERNET, BCAST MAC1 "0806" ARP_REQ
	    "0000000000000000"), shortf);

	tl_load(BCAST MAC1 "0806" ARP_REQ
	    "00000000000000000000000000000000000000");
	CHECK_FIELDS(tl_dissect(LINK_ETHERNET, tl_frame, tl_frame_len, 70),
	    cut61);
	CHECK_FIELDS(tl_dissect(LINK_ETHERNET, tl_frame, 50, 70), cut50);

	/* An undecoded EtherType takes everything: no trailer; Info names
	   the EtherType. */
	r = decode(LINK_ETHERNET, BCAST MAC1 "88b5 01020304050607080900");
	CHECK(tl_find(r, "eth.trailer") == NULL);
	CHECK_STR(tl_get(r, "data.len"), "10");
	CHECK_STR(r->pi.info, "Local Experimental Ethertype 1");
	r = tl_run(LINK_ETHERNET, BCAST MAC1 "1234 0102");
	CHECK_STR(r->pi.info, "Ethernet II");

	/* Truncated Ethernet headers: like tshark, no field until the
	   whole header is there; no MACs in the summary either. */
	r = tl_dissect(LINK_ETHERNET, tl_frame, 5, 0);
	CHECK_INT(tl_status(r, P_ETH), LAYER_TRUNCATED);
	CHECK(tl_find(r, "eth.dst") == NULL);
	r = tl_dissect(LINK_ETHERNET, tl_frame, 13, 0);
	CHECK_INT(tl_status(r, P_ETH), LAYER_TRUNCATED);
	CHECK(tl_find(r, "eth.src") == NULL);
	CHECK(!r->pi.has_mac);
	r = tl_dissect(LINK_ETHERNET, tl_frame, 14, 0);
	CHECK_INT(tl_status(r, P_ETH), LAYER_OK);
	CHECK_STR(tl_get(r, "eth.type"), "0x1234");

	/* RARP's EtherType goes to the ARP decoder too. */
	r = decode(LINK_ETHERNET, BCAST MAC1 "8035 0001 0800 06 04 0003 "
	    "001122334455 0a000001 001122334455 00000000");
	CHECK_STR(tl_get(r, "arp.opcode"), "3");
	CHECK_STR(r->pi.info,
	    "Who is 00:11:22:33:44:55? Tell 00:11:22:33:44:55");

	r = decode(LINK_ETHERNET, BCAST MAC1 IP6_HBH "c204 00010000 "
	    "0102030405060708");
	CHECK(tl_find(r, "eth.trailer") == NULL);
	CHECK_FIELDS(decode(LINK_ETHERNET, BCAST MAC1 IP6_HBH "c204 0000ffff "
	    "0102030405060708"), small_jumbo);
	r = tl_run(LINK_ETHERNET, BCAST MAC1 IP6_HBH "0104 00000000 "
	    "0102030405060708");
	CHECK_STR(tl_get(r, "eth.trailer"), "3b0001040000000001020304");
}

static void
test_llc_stp(void)
{
	static const struct tl_want conf[] = {
		{ "eth.len", "38" }, { "eth.type", NULL },
		{ "eth.padding", "0000000000000000" },
		{ "llc.dsap", "0x42" }, { "llc.dsap.sap", "33" },
		{ "llc.dsap.ig", "0" }, { "llc.ssap", "0x42" },
		{ "llc.ssap.cr", "0" }, { "llc.control", "0x0003" },
		{ "llc.control.u_modifier_cmd", "0x00" },
		{ "llc.control.ftype", "0x03" }, { "llc.control.p", NULL },
		{ "stp.protocol", "0x0000" }, { "stp.version", "0" },
		{ "stp.type", "0x00" }, { "stp.flags", "0x00" },
		{ "stp.root.prio", "32768" },
		{ "stp.root.hw", "00:11:22:33:44:55" },
		{ "stp.root.cost", "0" }, { "stp.port", "0x8001" },
		{ "stp.max_age", "20" }, { "stp.forward", "15" },
		{ "stp.version_1_length", NULL },
	};
	/* RST BPDU cut by its 802.3 length before the v1 length byte. */
	static const struct tl_want rst[] = {
		{ "stp.flags", "0x3c" }, { "stp.flags.forwarding", "1" },
		{ "stp.flags.port_role", "3" }, { "eth.trailer", "000f0000" },
	};
	/* I, S and U frames. */
	static const struct tl_want iframe[] = {
		{ "llc.control", "0x050a" }, { "llc.control.n_r", "2" },
		{ "llc.control.n_s", "5" }, { "llc.control.p", "1" },
	};
	static const struct tl_want sframe[] = {
		{ "llc.control", "0x0501" }, { "llc.control.f", "1" },
		{ "llc.control.s_ftype", "0x0000" },
	};
	static const struct tl_want uframe[] = {
		{ "llc.control", "0x00f3" },
		{ "llc.control.u_modifier_cmd", "0x38" },
		{ "llc.control.p", "1" },
	};
	/* P/F is shown only when set; an I frame without it. */
	static const struct tl_want iframe_nopf[] = {
		{ "llc.control", "0x3400" }, { "llc.control.n_r", "26" },
		{ "llc.control.p", NULL },
	};
	/* PVST+: Cisco SNAP PID 0x010b carries a BPDU. */
	static const struct tl_want pvst[] = {
		{ "llc.cisco_pid", "0x010b" }, { "stp.version", "2" },
		{ "stp.root.ext", "1" }, { "stp.version_1_length", "0" },
	};
	/* SNAP with a Cisco OUI. */
	static const struct tl_want cisco[] = {
		{ "llc.oui", "12" }, { "llc.cisco_pid", "0x2000" },
		{ "llc.pid", NULL }, { "eth.trailer", "0102" },
	};
	const struct tl_result *r;

	/* 802.3 frame with an STP configuration BPDU, padded to 60. */
	r = tl_run(LINK_ETHERNET, "0180c2000000" MAC1 "0026 424203 0000 00 00 "
	    "00 8000001122334455 00000000 8000001122334455 8001 0000 1400 "
	    "0200 0f00 0000000000000000");
	CHECK_INT(r->errors, 0);
	CHECK_FIELDS(r, conf);
	CHECK_STR(r->pi.info, "Conf. Root = 32768/0/00:11:22:33:44:55  "
	    "Cost = 0  Port = 0x8001");
	CHECK_INT(r->pi.top, P_STP);

	r = decode(LINK_ETHERNET, BCAST MAC1 "0023 424203 0000 02 02 3c "
	    "8000001122334455 00000000 8000001122334455 8001 0000 1400 0200 "
	    "0f00 00");
	CHECK_FIELDS(r, rst);
	CHECK_INT(tl_status(r, P_STP), LAYER_TRUNCATED);

	r = tl_run(LINK_ETHERNET, BCAST MAC1 "0008 f0f0 0a05 01020304");
	CHECK_FIELDS(r, iframe);
	CHECK_STR(r->pi.info, "I P, N(R)=2, N(S)=5; DSAP NetBIOS Individual, "
	    "SSAP NetBIOS Command");
	r = decode(LINK_ETHERNET, BCAST MAC1 "0006 f0f1 0105 0102");
	CHECK_FIELDS(r, sframe);
	CHECK_STR(r->pi.info, "S F, func=RR, N(R)=2; DSAP NetBIOS "
	    "Individual, SSAP NetBIOS Response");
	r = decode(LINK_ETHERNET, BCAST MAC1 "0006 f0f0 f3 010203");
	CHECK_FIELDS(r, uframe);
	CHECK_STR(r->pi.info, "U P, func=TEST; DSAP NetBIOS Individual, "
	    "SSAP NetBIOS Command");
	CHECK_FIELDS(decode(LINK_ETHERNET, BCAST MAC1 "0008 f0f0 0034 "
	    "01020304"), iframe_nopf);

	/* A configuration BPDU too short for tshark to read up to the port
	   shows no STP field; a TCN needs only the 4-byte header. */
	r = decode(LINK_ETHERNET, "0180c2000000" MAC1 "0017 424203 0000 00 "
	    "00 00 8000001122334455 00000000 8000");
	CHECK(tl_has(r, P_STP));
	CHECK(tl_find(r, "stp.protocol") == NULL);
	CHECK_INT(tl_status(r, P_STP), LAYER_TRUNCATED);
	r = tl_run(LINK_ETHERNET, "0180c2000000" MAC1 "0007 424203 0000 00 "
	    "80");
	CHECK_STR(tl_get(r, "stp.type"), "0x80");
	CHECK_STR(r->pi.info, "Topology Change Notification");

	CHECK_FIELDS(tl_run(LINK_ETHERNET, "01000ccccccd" MAC1 "0032 aaaa03 "
	    "00000c 010b 0000 02 02 0e 8001001f6d96ec00 00000000 "
	    "8001001f6d96ec00 8004 0000 1400 0200 0f00 00 0000 0002 0001"),
	    pvst);
	CHECK_FIELDS(tl_run(LINK_ETHERNET, BCAST MAC1 "0008 aaaa03 00000c "
	    "2000 0102"), cisco);

	/* An 802.3 length past the end of the frame: malformed, and LLC
	   still decodes what there is. */
	r = tl_run(LINK_ETHERNET, BCAST MAC1 "0100 e0e003 "
	    "0102030405060708090a0b0c0d");
	CHECK_STR(tl_get(r, "eth.len"), "256");
	CHECK_INT(tl_status(r, P_ETH), LAYER_MALFORMED);
	CHECK_STR(tl_get(r, "llc.dsap"), "0xe0");
	CHECK_INT(tl_status(r, P_LLC), LAYER_OK);
	/* The same length in a capture cut by the snapshot: truncated. */
	r = tl_dissect(LINK_ETHERNET, tl_frame, tl_frame_len, 300);
	CHECK_INT(tl_status(r, P_ETH), LAYER_TRUNCATED);
}

static void
test_vlan(void)
{
	static const struct tl_want tagged[] = {
		{ "eth.type", "0x8100" }, { "vlan.priority", "7" },
		{ "vlan.dei", "0" }, { "vlan.id", "5" },
		{ "vlan.etype", "0x1234" },
	};
	static const struct tl_want dei[] = {
		{ "vlan.priority", "1" }, { "vlan.dei", "1" },
	};
	/* 802.3 length inside a tag, past the end: LLC and SNAP anyway. */
	static const struct tl_want snap[] = {
		{ "vlan.len", "48" }, { "llc.type", "0x88b5" },
		{ "llc.oui", "0" },
	};
	/* 802.1ad_QinQ.pcap frame 1: S-tag 200, C-tag 2001, ARP, padding
	   under Ethernet's name and the trailer under 802.1Q's. */
	static const struct tl_want qinq[] = {
		{ "eth.type", "0x88a8" }, { "ieee8021ad.priority", "0" },
		{ "ieee8021ad.dei", "0" }, { "ieee8021ad.id", "200" },
		{ "ieee8021ah.etype", "0x8100" }, { "vlan.id", "2001" },
		{ "vlan.etype", "0x0806" },
		{ "eth.padding", "00000000000000000000" },
		{ "vlan.trailer", "00000000" }, { "eth.fcs", NULL },
		{ "arp.src.proto_ipv4", "172.21.79.97" },
	};
	/* Two 0x88a8 tags are one 802.1ad layer with S-VID and C-VID. */
	static const struct tl_want two_stags[] = {
		{ "ieee8021ad.svid", "5" }, { "ieee8021ad.cvid", "6" },
		{ "ieee8021ad.id", NULL }, { "ieee8021ah.etype", "0x88b5" },
	};
	static const struct tl_want two_stags_each[] = {
		{ "ieee8021ad.priority", "7,0" }, { "ieee8021ad.dei", "1,0" },
	};
	/* A lone S-tag then ARP: the trailer is ieee8021ah.trailer. */
	static const struct tl_want stag_arp[] = {
		{ "eth.padding", "0000000000000000000000000000" },
		{ "ieee8021ah.trailer", "000000000000" },
	};
	/* An 802.3 length inside a tag: padding, then vlan.trailer. */
	static const struct tl_want len_in_tag[] = {
		{ "eth.padding", "00000000000000000000000000000000"
		    "0000000000000000000000000000000000000000" },
		{ "vlan.trailer", "000000000000" }, { "eth.fcs", NULL },
	};
	const struct tl_result *r;
	size_t i;
	char h[512];
	int vlans;

	r = tl_run(LINK_ETHERNET, BCAST MAC1 "8100 e005 1234 0102");
	CHECK_FIELDS(r, tagged);
	CHECK_STR(r->pi.info, "PRI: 7  DEI: 0  ID: 5");

	r = decode(LINK_ETHERNET, BCAST MAC1 "8100 3005 88b5 01");
	CHECK_FIELDS(r, dei);
	CHECK_STR(r->pi.info, "Local Experimental Ethertype 1");

	r = tl_run(LINK_ETHERNET, BCAST MAC1 "8100 e005 0030 aaaa03 000000 "
	    "88b5 01020304");
	CHECK_FIELDS(r, snap);
	CHECK_INT(tl_status(r, P_VLAN), LAYER_MALFORMED);
	CHECK_STR(r->pi.info, "U, func=UI; SNAP, OUI 0x000000 (Officially "
	    "Xerox, but 0:0:0:0:0:0 is more common), PID 0x88B5");

	r = tl_run(LINK_ETHERNET, "ffffffffffff0020d25afb3f88a800c8810007d1"
	    "08060001080006040001"
	    "0020d25afb3fac154f61000000000000ac154f64000000000000000000000000"
	    "0000");
	CHECK_FIELDS(r, qinq);
	CHECK_STR(r->pi.info, "Who has 172.21.79.100? Tell 172.21.79.97");
	CHECK(tl_has(r, P_IEEE8021AD) && tl_has(r, P_VLAN));

	r = tl_run(LINK_ETHERNET, BCAST MAC1 "88a8 f005 88a8 0006 88b5 01");
	CHECK_JOINED(r, two_stags_each);
	CHECK_FIELDS(r, two_stags);

	r = decode(LINK_ETHERNET, BCAST MAC1 "88a8 e005 0806" ARP_REQ
	    "0000000000000000000000000000000000000000");
	CHECK_STR(r->pi.info, "Who has 10.0.0.2? Tell 10.0.0.1");
	CHECK_FIELDS(r, stag_arp);

	CHECK_FIELDS(tl_run(LINK_ETHERNET, BCAST MAC1 "8100 0005 0006 f0f0 "
	    "03 010203"
	    "000000000000000000000000000000000000000000000000000000000000"
	    "000000000000000000000000"), len_in_tag);

	/* A tag cut after one byte. */
	r = decode(LINK_ETHERNET, BCAST MAC1 "8100 e0");
	CHECK_INT(tl_status(r, P_VLAN), LAYER_TRUNCATED);
	CHECK(tl_find(r, "vlan.id") == NULL);

	/* Twenty stacked tags: nesting stops at the cap, the rest is data. */
	strcpy(h, BCAST MAC1);
	for (i = 1; i <= 20; i++)
		snprintf(h + strlen(h), sizeof h - strlen(h), "8100%04zx", i);
	strcat(h, "88b5 01020304");
	r = tl_run(LINK_ETHERNET, h);
	CHECK_INT(r->errors, 0);
	vlans = tl_count(r, "vlan.id");
	CHECK(vlans >= 2 && vlans <= DISSECT_MAX_NEST + 1);
	CHECK(r->nlayers < DISSECT_MAX_LAYERS);
	CHECK(tl_has(r, P_DATA));
}

static void
test_sll(void)
{
	/* v1, sent by us, ARP with a 10-byte trailer. */
	static const struct tl_want v1[] = {
		{ "sll.pkttype", "4" }, { "sll.hatype", "1" },
		{ "sll.halen", "6" }, { "sll.src.eth", "00:11:22:33:44:55" },
		{ "sll.unused", "0000" }, { "sll.etype", "0x0806" },
		{ "sll.trailer", "00000000000000000000" },
		{ "eth.padding", NULL },
	};
	/* Padded to 64: padding to 60, then the trailer (no FCS). */
	static const struct tl_want padded[] = {
		{ "eth.padding", "00000000000000000000000000000000" },
		{ "sll.trailer", "00000000" },
	};
	/* A 4-byte address prints as IPv4. */
	static const struct tl_want ipv4addr[] = {
		{ "sll.src.ipv4", "10.0.0.1" }, { "sll.unused", "00000000" },
	};
	/* halen > 8: the 8 bytes there are shown, the header is malformed. */
	static const struct tl_want longaddr[] = {
		{ "sll.halen", "10" }, { "sll.src.other", "0102030405060708" },
		{ "sll.unused", NULL }, { "data.len", "4" },
	};
	/* Linux protocol 4: 802.2 LLC follows. */
	static const struct tl_want llc[] = {
		{ "sll.ltype", "0x0004" }, { "sll.etype", NULL },
		{ "llc.dsap", "0xf0" },
	};
	static const struct tl_want v2[] = {
		{ "sll.etype", "0x0806" }, { "sll.ifindex", "3" },
		{ "sll.hatype", "1" }, { "sll.pkttype", "4" },
		{ "sll.halen", "6" }, { "sll.src.eth", "00:11:22:33:44:55" },
		{ "sll.unused", "0000" },
		{ "eth.padding", "000000000000000000000000" },
		{ "sll.trailer", "0000000000000000" },
		{ "arp.dst.proto_ipv4", "10.0.0.2" },
	};
	const struct tl_result *r;
	struct pkt_info pi;

	r = tl_run(LINK_LINUX_SLL, "0004 0001 0006 001122334455 0000 0806"
	    ARP_REQ "00000000000000000000");
	CHECK_INT(r->errors, 0);
	CHECK_FIELDS(r, v1);
	CHECK_STR(r->pi.info, "Who has 10.0.0.2? Tell 10.0.0.1");
	CHECK_INT(tl_status(r, P_SLL), LAYER_OK);
	tl_fast(LINK_LINUX_SLL, tl_frame, tl_frame_len, &pi);
	CHECK(pi.has_mac);
	CHECK(pi.macsrc[1] == 0x11 && pi.macsrc[5] == 0x55);
	CHECK(pi.protos & (1u << P_SLL));

	CHECK_FIELDS(decode(LINK_LINUX_SLL, "0004 0001 0006 001122334455 0000 "
	    "0806" ARP_REQ "0000000000000000000000000000000000000000"),
	    padded);

	/* Undecoded type: Info names the EtherType. */
	r = decode(LINK_LINUX_SLL, "0003 ffff 0004 0a000001 00000000 88b5 "
	    "01020304");
	CHECK_FIELDS(r, ipv4addr);
	CHECK_STR(r->pi.info, "Local Experimental Ethertype 1");
	r = decode(LINK_LINUX_SLL, "0004 0001 0006 001122334455 0000 1234 "
	    "0102");
	CHECK_STR(r->pi.info, "Sent by us");

	r = tl_run(LINK_LINUX_SLL, "0003 0304 000a 0102030405060708 88b5 "
	    "01020304");
	CHECK_FIELDS(r, longaddr);
	CHECK_INT(tl_status(r, P_SLL), LAYER_MALFORMED);
	tl_fast(LINK_LINUX_SLL, tl_frame, tl_frame_len, &pi);
	CHECK(!pi.has_mac);

	CHECK_FIELDS(decode(LINK_LINUX_SLL, "0001 0001 0006 001122334455 0000 "
	    "0004 f0f0 03 0102"), llc);

	r = tl_dissect(LINK_LINUX_SLL, tl_frame, 15, 0);
	CHECK_INT(tl_status(r, P_SLL), LAYER_TRUNCATED);

	/* v2. */
	r = tl_run(LINK_LINUX_SLL2, "0806 0000 00000003 0001 04 06 "
	    "001122334455 0000" ARP_REQ
	    "0000000000000000000000000000000000000000");
	CHECK_INT(r->errors, 0);
	CHECK_FIELDS(r, v2);
	r = tl_run(LINK_LINUX_SLL2, "0800 0000 00000003 0304 00 0c "
	    "001122334455 0000 4500");
	CHECK_STR(tl_get(r, "sll.src.other"), "0011223344550000");
	CHECK_INT(tl_status(r, P_SLL), LAYER_MALFORMED);
}

/* A link header and what the link-layer decoder must show for it. */
struct link_case {
	int		 link;
	const char	*hex;
	const char	*field;		/* its first value must be value */
	const char	*value;
	const char	*absent;	/* a field that must be absent, or NULL */
	bool		 data;		/* the rest must be data */
};

static void
test_null_raw(void)
{
	static const struct link_case cases[] = {
		/* Family in either byte order on NULL. */
		{ LINK_NULL, "00000018 60000000", "null.family", "24",
		    NULL, false },
		{ LINK_NULL, "02000000 4500", "null.family", "2", "null.type",
		    false },
		/* Linux AF_INET6 (10) is not decoded as IPv6 by tshark. */
		{ LINK_NULL, "0a000000 60000000", "null.family", "10", NULL,
		    true },
		/* An EtherType instead of a family. */
		{ LINK_NULL, "0000 0800 4500", "null.type", "0x0800",
		    "null.family", false },
		/* LOOP is network order, always a family. */
		{ LINK_LOOP, "02000000 0102", "null.family", "33554432", NULL,
		    true },
	};
	const struct link_case *c;
	const struct tl_result *r;

	r = tl_run(LINK_NULL, "07000000 0102");
	CHECK_STR(tl_get(r, "null.family"), "7");
	CHECK_STR(tl_get(r, "data.len"), "2");
	CHECK_INT(tl_status(r, P_NULL), LAYER_OK);
	for (c = cases; c < cases + sizeof cases / sizeof cases[0]; c++) {
		r = decode(c->link, c->hex);
		CHECK_STR(tl_get(r, c->field), c->value);
		if (c->absent != NULL)
			CHECK(tl_find(r, c->absent) == NULL);
		if (c->data)
			CHECK(tl_has(r, P_DATA));
	}
	r = decode(LINK_NULL, "86dd 0000 01");
	CHECK_STR(tl_get(r, "null.type"), "0xdd86");
	CHECK_STR(tl_get(r, "data.len"), "1");
	r = tl_dissect(LINK_NULL, tl_frame, 3, 0);
	CHECK_INT(tl_status(r, P_NULL), LAYER_TRUNCATED);

	r = tl_run(LINK_LOOP, "0000001e 0102");
	CHECK_STR(tl_get(r, "null.family"), "30");

	/* Raw IP: neither 4 nor 6 is data; under two bytes is cut short. */
	r = tl_run(LINK_RAW, "5500112233445566778899");
	CHECK(tl_has(r, P_RAW));
	CHECK_STR(tl_get(r, "data.len"), "11");
	CHECK_STR(r->pi.info, "Raw packet data");
	r = tl_dissect(DLT_RAW_BSD, tl_frame, 1, 0);
	CHECK(tl_has(r, P_RAW));
	CHECK_INT(tl_status(r, P_RAW), LAYER_TRUNCATED);
	r = tl_dissect(DLT_RAW_OPENBSD, tl_frame, tl_frame_len, 0);
	CHECK(tl_has(r, P_DATA));

	/* Unknown link types are data. */
	r = tl_dissect(9999, tl_frame, tl_frame_len, 0);
	CHECK(tl_has(r, P_DATA));
	CHECK(!tl_has(r, P_ETH));
}

/* A frame and the Info line tshark gives it. */
struct frame_info {
	const char	*hex;
	const char	*info;
};

static void
test_arp_sizes(void)
{
	/* IEEE 802 hardware with 8-byte addresses: bytes, not MACs. */
	static const struct tl_want hw8[] = {
		{ "arp.hw.size", "8" }, { "arp.src.hw", "0011223344556677" },
		{ "arp.src.hw_mac", NULL },
		{ "arp.src.proto_ipv4", "10.0.0.1" },
	};
	/* IPv6 protocol addresses print as bytes; gratuitous announcement. */
	static const struct tl_want ipv6[] = {
		{ "arp.src.proto", "20010db8000000000000000000000001" },
		{ "arp.isgratuitous", "1" }, { "arp.isannouncement", "1" },
		{ "arp.isprobe", NULL },
	};
	/* Gratuitous reply, RARP, unknown opcode: Info only. */
	static const struct frame_info infos[] = {
		{ BCAST MAC1 "0806 0001 0800 06 04 0002 001122334455 0a000001 "
		    "ffffffffffff 0a000001",
		    "Gratuitous ARP for 10.0.0.1 (Reply)" },
		{ BCAST MAC1 "0806 0001 0800 06 04 0003 001122334455 0a000001 "
		    "665544332211 0a000002",
		    "Who is 66:55:44:33:22:11? Tell 00:11:22:33:44:55" },
		{ BCAST MAC1 "0806 0001 0800 06 04 0063 001122334455 0a000001 "
		    "665544332211 0a000002", "Unknown ARP opcode 0x0063" },
	};
	const struct frame_info *f;
	const struct tl_result *r;

	r = tl_run(LINK_ETHERNET, BCAST MAC1 "0806 0006 0800 08 04 0001 "
	    "0011223344556677 0a000001 0000000000000000 0a000002");
	CHECK_FIELDS(r, hw8);
	CHECK_STR(r->pi.info, "Who has 10.0.0.2? Tell 10.0.0.1");

	r = decode(LINK_ETHERNET, BCAST MAC1 "0806 0001 86dd 06 10 0001 "
	    "001122334455 20010db8000000000000000000000001 000000000000 "
	    "20010db8000000000000000000000001");
	CHECK_FIELDS(r, ipv6);
	CHECK_STR(r->pi.info,
	    "ARP Announcement for 20010db8000000000000000000000001");

	/* Probe and DRARP error. */
	r = decode(LINK_ETHERNET, BCAST MAC1 "0806 0001 0800 06 04 0001 "
	    "001122334455 00000000 000000000000 0a000001");
	CHECK_STR(tl_get(r, "arp.isprobe"), "1");
	CHECK_STR(r->pi.info, "Who has 10.0.0.1? (ARP Probe)");
	r = decode(LINK_ETHERNET, BCAST MAC1 "0806 0001 0800 06 04 0007 "
	    "001122334455 0a000001 665544332211 03040506");
	CHECK_STR(tl_get(r, "arp.dst.drarp_error_status"), "3");
	CHECK(tl_find(r, "arp.dst.proto_ipv4") == NULL);
	CHECK_STR(r->pi.info, "DRARP Error");
	for (f = infos; f < infos + sizeof infos / sizeof infos[0]; f++)
		CHECK_STR(decode(LINK_ETHERNET, f->hex)->pi.info, f->info);

	/* No addresses at all. */
	r = decode(LINK_ETHERNET, BCAST MAC1 "0806 0001 0800 00 00 0001");
	CHECK_STR(r->pi.info, "Who has <No address>? Tell <No address>");
	CHECK(tl_find(r, "arp.isgratuitous") == NULL);
	CHECK_INT(tl_status(r, P_ARP), LAYER_OK);

	/* Absurd sizes: the fixed part, no addresses, malformed; in a
	   capture cut by the snapshot, truncated. */
	r = tl_run(LINK_ETHERNET, BCAST MAC1 "0806 0001 0800 ff ff 0001 "
	    "001122334455");
	CHECK_STR(tl_get(r, "arp.hw.size"), "255");
	CHECK_STR(tl_get(r, "arp.opcode"), "1");
	CHECK(tl_find(r, "arp.src.hw_mac") == NULL);
	CHECK(tl_find(r, "arp.src.hw") == NULL);
	CHECK_INT(tl_status(r, P_ARP), LAYER_MALFORMED);
	CHECK_STR(r->pi.info, "");
	r = tl_dissect(LINK_ETHERNET, tl_frame, tl_frame_len, 2000);
	CHECK_INT(tl_status(r, P_ARP), LAYER_TRUNCATED);
	r = tl_dissect(LINK_ETHERNET, tl_frame, 19, 0);
	CHECK_INT(tl_status(r, P_ARP), LAYER_TRUNCATED);
	CHECK(tl_find(r, "arp.opcode") == NULL);
}

int
main(void)
{
	test_eth_arp();
	test_eth_trailer();
	test_llc_stp();
	test_vlan();
	test_sll();
	test_null_raw();
	test_arp_sizes();
	return tl_done();
}
