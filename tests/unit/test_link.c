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

static uint8_t buf[2048];

/* Parse hex into buf; returns the length. */
static size_t
hex(const char *h)
{
	return tl_hex(h, buf, sizeof buf);
}

static void
test_eth_arp(void)
{
	const struct tl_result *r;
	struct pkt_info pi;
	static const uint8_t mac1[6] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };
	size_t n;

	n = hex(BCAST MAC1 "0806" ARP_REQ);
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_INT(r->errors, 0);
	CHECK_STR(tl_get(r, "eth.dst"), "ff:ff:ff:ff:ff:ff");
	CHECK_STR(tl_get(r, "eth.src"), "00:11:22:33:44:55");
	CHECK_STR(tl_get(r, "eth.type"), "0x0806");
	CHECK_STR(tl_all(r, "eth.addr"),
	    "ff:ff:ff:ff:ff:ff,00:11:22:33:44:55");
	CHECK_STR(tl_get(r, "eth.dst.lg"), "1");
	CHECK_STR(tl_get(r, "eth.dst.ig"), "1");
	CHECK_STR(tl_get(r, "eth.src.lg"), "0");
	CHECK_STR(tl_get(r, "eth.src.ig"), "0");
	CHECK(tl_find(r, "eth.padding") == NULL);
	CHECK(tl_find(r, "eth.trailer") == NULL);
	CHECK_STR(tl_get(r, "arp.hw.type"), "1");
	CHECK_STR(tl_get(r, "arp.proto.type"), "0x0800");
	CHECK_STR(tl_get(r, "arp.hw.size"), "6");
	CHECK_STR(tl_get(r, "arp.proto.size"), "4");
	CHECK_STR(tl_get(r, "arp.opcode"), "1");
	CHECK_STR(tl_get(r, "arp.src.hw_mac"), "00:11:22:33:44:55");
	CHECK_STR(tl_get(r, "arp.src.proto_ipv4"), "10.0.0.1");
	CHECK_STR(tl_get(r, "arp.dst.hw_mac"), "00:00:00:00:00:00");
	CHECK_STR(tl_get(r, "arp.dst.proto_ipv4"), "10.0.0.2");
	CHECK(tl_find(r, "arp.isgratuitous") == NULL);
	CHECK_STR(r->pi.info, "Who has 10.0.0.2? Tell 10.0.0.1");
	CHECK_INT(r->pi.top, P_ARP);
	CHECK_INT(tl_status(r, P_ETH), LAYER_OK);
	CHECK_INT(tl_status(r, P_ARP), LAYER_OK);
	/* The address bits are children of the address. */
	CHECK_INT(tl_find(r, "eth.dst.lg")->depth, 1);
	CHECK_INT(tl_find(r, "eth.dst")->depth, 0);
	tl_prefixes(LINK_ETHERNET, buf, n);

	/* Fast pass: the summary the model keeps. */
	tl_fast(LINK_ETHERNET, buf, n, &pi);
	CHECK(pi.has_mac);
	CHECK(memcmp(pi.macsrc, mac1, 6) == 0);
	CHECK(pi.macdst[0] == 0xff && pi.macdst[5] == 0xff);
	CHECK(pi.protos & (1u << P_ETH));
	CHECK(pi.protos & (1u << P_ARP));
	CHECK_INT(pi.top, P_ARP);
	CHECK_INT(pi.ipver, 0);
	CHECK_INT(pi.status, LAYER_OK);

	/* Reply, padded to 60 bytes with zeros. */
	n = hex(MAC1 "02aabbccddee 0806 0001 0800 06 04 0002 02aabbccddee "
	    "0a000002 001122334455 0a000001"
	    "000000000000000000000000000000000000");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "eth.padding"),
	    "000000000000000000000000000000000000");
	CHECK(tl_find(r, "eth.trailer") == NULL);
	CHECK(tl_find(r, "eth.fcs") == NULL);
	CHECK_STR(tl_get(r, "eth.src.lg"), "1");
	CHECK_STR(r->pi.info, "10.0.0.2 is at 02:aa:bb:cc:dd:ee");
	/* The padding belongs to the Ethernet layer, after the ARP layer. */
	CHECK_INT(r->layers[tl_find(r, "eth.padding")->layer].proto, P_ETH);
	tl_prefixes(LINK_ETHERNET, buf, n);
}

static void
test_eth_trailer(void)
{
	const struct tl_result *r;
	size_t n;

	/* 64 bytes: padding to 60, then the last 4 taken as an FCS. */
	n = hex(BCAST MAC1 "0806" ARP_REQ
	    "000000000000000000000000000000000000 11223344");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "eth.padding"),
	    "000000000000000000000000000000000000");
	CHECK(tl_find(r, "eth.trailer") == NULL);
	CHECK_STR(tl_get(r, "eth.fcs"), "0x11223344");
	CHECK_STR(tl_get(r, "eth.fcs.status"), "2");
	tl_prefixes(LINK_ETHERNET, buf, n);

	/* Non-zero bytes up to 60 are a trailer, not padding. */
	n = hex(BCAST MAC1 "0806" ARP_REQ
	    "0102030405060708090a0b0c0d0e0f101112");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK(tl_find(r, "eth.padding") == NULL);
	CHECK_STR(tl_get(r, "eth.trailer"),
	    "0102030405060708090a0b0c0d0e0f101112");
	CHECK(tl_find(r, "eth.fcs") == NULL);

	/* 67 zero-padded bytes: padding, 3 trailer bytes, FCS. */
	n = hex(BCAST MAC1 "0806" ARP_REQ
	    "00000000000000000000000000000000000000000000000000");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "eth.padding"),
	    "000000000000000000000000000000000000");
	CHECK_STR(tl_get(r, "eth.trailer"), "000000");
	CHECK_STR(tl_get(r, "eth.fcs"), "0x00000000");

	/* Short frames have no padding: 8 zero bytes are a trailer. */
	n = hex(BCAST MAC1 "0806" ARP_REQ "0000000000000000");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK(tl_find(r, "eth.padding") == NULL);
	CHECK_STR(tl_get(r, "eth.trailer"), "0000000000000000");

	/* Cut by the snapshot (61 of 70): no FCS guess; the padding not
	   captured in full (50 of 70) shows nothing at all. */
	n = hex(BCAST MAC1 "0806" ARP_REQ
	    "00000000000000000000000000000000000000");
	r = tl_dissect(LINK_ETHERNET, buf, n, 70);
	CHECK_STR(tl_get(r, "eth.padding"),
	    "000000000000000000000000000000000000");
	CHECK_STR(tl_get(r, "eth.trailer"), "00");
	CHECK(tl_find(r, "eth.fcs") == NULL);
	r = tl_dissect(LINK_ETHERNET, buf, 50, 70);
	CHECK(tl_find(r, "eth.padding") == NULL);
	CHECK(tl_find(r, "eth.trailer") == NULL);

	/* An undecoded EtherType takes everything: no trailer; Info names
	   the EtherType. */
	n = hex(BCAST MAC1 "88b5 01020304050607080900");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK(tl_find(r, "eth.trailer") == NULL);
	CHECK_STR(tl_get(r, "data.len"), "10");
	CHECK_STR(r->pi.info, "Local Experimental Ethertype 1");
	n = hex(BCAST MAC1 "1234 0102");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(r->pi.info, "Ethernet II");
	tl_prefixes(LINK_ETHERNET, buf, n);

	/* Truncated Ethernet headers: like tshark, no field until the
	   whole header is there; no MACs in the summary either. */
	r = tl_dissect(LINK_ETHERNET, buf, 5, 0);
	CHECK_INT(tl_status(r, P_ETH), LAYER_TRUNCATED);
	CHECK(tl_find(r, "eth.dst") == NULL);
	r = tl_dissect(LINK_ETHERNET, buf, 13, 0);
	CHECK_INT(tl_status(r, P_ETH), LAYER_TRUNCATED);
	CHECK(tl_find(r, "eth.src") == NULL);
	CHECK(!r->pi.has_mac);
	r = tl_dissect(LINK_ETHERNET, buf, 14, 0);
	CHECK_INT(tl_status(r, P_ETH), LAYER_OK);
	CHECK_STR(tl_get(r, "eth.type"), "0x1234");

	/* RARP's EtherType goes to the ARP decoder too. */
	n = hex(BCAST MAC1 "8035 0001 0800 06 04 0003 001122334455 0a000001 "
	    "001122334455 00000000");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "arp.opcode"), "3");
	CHECK_STR(r->pi.info,
	    "Who is 00:11:22:33:44:55? Tell 00:11:22:33:44:55");

	/* IPv6 payload length 0 with a hop-by-hop header: a valid Jumbo
	   option's length bounds the packet (here past the end: no
	   trailer); without one (or with one below 65536) the packet is
	   the 40-byte header, and the rest is trailer and FCS. */
	n = hex(BCAST MAC1 "86dd 60000000 0000 00 40"
	    "00000000000000000000000000000001"
	    "00000000000000000000000000000001"
	    "3b00 c204 00010000 0102030405060708");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK(tl_find(r, "eth.trailer") == NULL);
	n = hex(BCAST MAC1 "86dd 60000000 0000 00 40"
	    "00000000000000000000000000000001"
	    "00000000000000000000000000000001"
	    "3b00 c204 0000ffff 0102030405060708");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "eth.trailer"), "3b00c2040000ffff01020304");
	CHECK_STR(tl_get(r, "eth.fcs"), "0x05060708");
	n = hex(BCAST MAC1 "86dd 60000000 0000 00 40"
	    "00000000000000000000000000000001"
	    "00000000000000000000000000000001"
	    "3b00 0104 00000000 0102030405060708");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "eth.trailer"), "3b0001040000000001020304");
	tl_prefixes(LINK_ETHERNET, buf, n);
}

static void
test_llc_stp(void)
{
	const struct tl_result *r;
	size_t n;

	/* 802.3 frame with an STP configuration BPDU, padded to 60. */
	n = hex("0180c2000000" MAC1 "0026 424203 0000 00 00 00 "
	    "8000001122334455 00000000 8000001122334455 8001 0000 1400 "
	    "0200 0f00 0000000000000000");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_INT(r->errors, 0);
	CHECK_STR(tl_get(r, "eth.len"), "38");
	CHECK(tl_find(r, "eth.type") == NULL);
	CHECK_STR(tl_get(r, "eth.padding"), "0000000000000000");
	CHECK_STR(tl_get(r, "llc.dsap"), "0x42");
	CHECK_STR(tl_get(r, "llc.dsap.sap"), "33");
	CHECK_STR(tl_get(r, "llc.dsap.ig"), "0");
	CHECK_STR(tl_get(r, "llc.ssap"), "0x42");
	CHECK_STR(tl_get(r, "llc.ssap.cr"), "0");
	CHECK_STR(tl_get(r, "llc.control"), "0x0003");
	CHECK_STR(tl_get(r, "llc.control.u_modifier_cmd"), "0x00");
	CHECK_STR(tl_get(r, "llc.control.ftype"), "0x03");
	CHECK(tl_find(r, "llc.control.p") == NULL);
	CHECK_STR(tl_get(r, "stp.protocol"), "0x0000");
	CHECK_STR(tl_get(r, "stp.version"), "0");
	CHECK_STR(tl_get(r, "stp.type"), "0x00");
	CHECK_STR(tl_get(r, "stp.flags"), "0x00");
	CHECK_STR(tl_get(r, "stp.root.prio"), "32768");
	CHECK_STR(tl_get(r, "stp.root.hw"), "00:11:22:33:44:55");
	CHECK_STR(tl_get(r, "stp.root.cost"), "0");
	CHECK_STR(tl_get(r, "stp.port"), "0x8001");
	CHECK_STR(tl_get(r, "stp.max_age"), "20");
	CHECK_STR(tl_get(r, "stp.forward"), "15");
	CHECK(tl_find(r, "stp.version_1_length") == NULL);
	CHECK_STR(r->pi.info, "Conf. Root = 32768/0/00:11:22:33:44:55  "
	    "Cost = 0  Port = 0x8001");
	CHECK_INT(r->pi.top, P_STP);
	tl_prefixes(LINK_ETHERNET, buf, n);

	/* RST BPDU cut by its 802.3 length before the v1 length byte. */
	n = hex(BCAST MAC1 "0023 424203 0000 02 02 3c 8000001122334455 "
	    "00000000 8000001122334455 8001 0000 1400 0200 0f00 00");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "stp.flags"), "0x3c");
	CHECK_STR(tl_get(r, "stp.flags.forwarding"), "1");
	CHECK_STR(tl_get(r, "stp.flags.port_role"), "3");
	CHECK_STR(tl_get(r, "eth.trailer"), "000f0000");
	CHECK_INT(tl_status(r, P_STP), LAYER_TRUNCATED);

	/* I, S and U frames. */
	n = hex(BCAST MAC1 "0008 f0f0 0a05 01020304");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "llc.control"), "0x050a");
	CHECK_STR(tl_get(r, "llc.control.n_r"), "2");
	CHECK_STR(tl_get(r, "llc.control.n_s"), "5");
	CHECK_STR(tl_get(r, "llc.control.p"), "1");
	CHECK_STR(r->pi.info, "I P, N(R)=2, N(S)=5; DSAP NetBIOS Individual, "
	    "SSAP NetBIOS Command");
	tl_prefixes(LINK_ETHERNET, buf, n);
	n = hex(BCAST MAC1 "0006 f0f1 0105 0102");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "llc.control"), "0x0501");
	CHECK_STR(tl_get(r, "llc.control.f"), "1");
	CHECK_STR(tl_get(r, "llc.control.s_ftype"), "0x0000");
	CHECK_STR(r->pi.info, "S F, func=RR, N(R)=2; DSAP NetBIOS "
	    "Individual, SSAP NetBIOS Response");
	n = hex(BCAST MAC1 "0006 f0f0 f3 010203");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "llc.control"), "0x00f3");
	CHECK_STR(tl_get(r, "llc.control.u_modifier_cmd"), "0x38");
	CHECK_STR(tl_get(r, "llc.control.p"), "1");
	CHECK_STR(r->pi.info, "U P, func=TEST; DSAP NetBIOS Individual, "
	    "SSAP NetBIOS Command");

	/* P/F is shown only when set; an I frame without it. */
	n = hex(BCAST MAC1 "0008 f0f0 0034 01020304");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "llc.control"), "0x3400");
	CHECK_STR(tl_get(r, "llc.control.n_r"), "26");
	CHECK(tl_find(r, "llc.control.p") == NULL);

	/* A configuration BPDU too short for tshark to read up to the port
	   shows no STP field; a TCN needs only the 4-byte header. */
	n = hex("0180c2000000" MAC1 "0017 424203 0000 00 00 00 "
	    "8000001122334455 00000000 8000");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK(tl_has(r, P_STP));
	CHECK(tl_find(r, "stp.protocol") == NULL);
	CHECK_INT(tl_status(r, P_STP), LAYER_TRUNCATED);
	n = hex("0180c2000000" MAC1 "0007 424203 0000 00 80");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "stp.type"), "0x80");
	CHECK_STR(r->pi.info, "Topology Change Notification");
	tl_prefixes(LINK_ETHERNET, buf, n);

	/* PVST+: Cisco SNAP PID 0x010b carries a BPDU. */
	n = hex("01000ccccccd" MAC1 "0032 aaaa03 00000c 010b 0000 02 02 0e "
	    "8001001f6d96ec00 00000000 8001001f6d96ec00 8004 0000 1400 0200 "
	    "0f00 00 0000 0002 0001");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "llc.cisco_pid"), "0x010b");
	CHECK_STR(tl_get(r, "stp.version"), "2");
	CHECK_STR(tl_get(r, "stp.root.ext"), "1");
	CHECK_STR(tl_get(r, "stp.version_1_length"), "0");
	tl_prefixes(LINK_ETHERNET, buf, n);

	/* SNAP with a Cisco OUI. */
	n = hex(BCAST MAC1 "0008 aaaa03 00000c 2000 0102");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "llc.oui"), "12");
	CHECK_STR(tl_get(r, "llc.cisco_pid"), "0x2000");
	CHECK(tl_find(r, "llc.pid") == NULL);
	CHECK_STR(tl_get(r, "eth.trailer"), "0102");
	tl_prefixes(LINK_ETHERNET, buf, n);

	/* An 802.3 length past the end of the frame: malformed, and LLC
	   still decodes what there is. */
	n = hex(BCAST MAC1 "0100 e0e003 0102030405060708090a0b0c0d");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "eth.len"), "256");
	CHECK_INT(tl_status(r, P_ETH), LAYER_MALFORMED);
	CHECK_STR(tl_get(r, "llc.dsap"), "0xe0");
	CHECK_INT(tl_status(r, P_LLC), LAYER_OK);
	/* The same length in a capture cut by the snapshot: truncated. */
	r = tl_dissect(LINK_ETHERNET, buf, n, 300);
	CHECK_INT(tl_status(r, P_ETH), LAYER_TRUNCATED);
	tl_prefixes(LINK_ETHERNET, buf, n);
}

static void
test_vlan(void)
{
	const struct tl_result *r;
	size_t n, i;
	char h[512];
	int vlans;

	n = hex(BCAST MAC1 "8100 e005 1234 0102");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "eth.type"), "0x8100");
	CHECK_STR(tl_get(r, "vlan.priority"), "7");
	CHECK_STR(tl_get(r, "vlan.dei"), "0");
	CHECK_STR(tl_get(r, "vlan.id"), "5");
	CHECK_STR(tl_get(r, "vlan.etype"), "0x1234");
	CHECK_STR(r->pi.info, "PRI: 7  DEI: 0  ID: 5");
	tl_prefixes(LINK_ETHERNET, buf, n);

	n = hex(BCAST MAC1 "8100 3005 88b5 01");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "vlan.priority"), "1");
	CHECK_STR(tl_get(r, "vlan.dei"), "1");
	CHECK_STR(r->pi.info, "Local Experimental Ethertype 1");

	/* 802.3 length inside a tag, past the end: LLC and SNAP anyway. */
	n = hex(BCAST MAC1 "8100 e005 0030 aaaa03 000000 88b5 01020304");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "vlan.len"), "48");
	CHECK_INT(tl_status(r, P_VLAN), LAYER_MALFORMED);
	CHECK_STR(tl_get(r, "llc.type"), "0x88b5");
	CHECK_STR(tl_get(r, "llc.oui"), "0");
	CHECK_STR(r->pi.info, "U, func=UI; SNAP, OUI 0x000000 (Officially "
	    "Xerox, but 0:0:0:0:0:0 is more common), PID 0x88B5");
	tl_prefixes(LINK_ETHERNET, buf, n);

	/* 802.1ad_QinQ.pcap frame 1: S-tag 200, C-tag 2001, ARP, padding
	   under Ethernet's name and the trailer under 802.1Q's. */
	n = hex("ffffffffffff0020d25afb3f88a800c8810007d108060001080006040001"
	    "0020d25afb3fac154f61000000000000ac154f64000000000000000000000000"
	    "0000");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "eth.type"), "0x88a8");
	CHECK_STR(tl_get(r, "ieee8021ad.priority"), "0");
	CHECK_STR(tl_get(r, "ieee8021ad.dei"), "0");
	CHECK_STR(tl_get(r, "ieee8021ad.id"), "200");
	CHECK_STR(tl_get(r, "ieee8021ah.etype"), "0x8100");
	CHECK_STR(tl_get(r, "vlan.id"), "2001");
	CHECK_STR(tl_get(r, "vlan.etype"), "0x0806");
	CHECK_STR(tl_get(r, "eth.padding"), "00000000000000000000");
	CHECK_STR(tl_get(r, "vlan.trailer"), "00000000");
	CHECK(tl_find(r, "eth.fcs") == NULL);
	CHECK_STR(tl_get(r, "arp.src.proto_ipv4"), "172.21.79.97");
	CHECK_STR(r->pi.info, "Who has 172.21.79.100? Tell 172.21.79.97");
	CHECK(tl_has(r, P_IEEE8021AD) && tl_has(r, P_VLAN));
	tl_prefixes(LINK_ETHERNET, buf, n);

	/* Two 0x88a8 tags are one 802.1ad layer with S-VID and C-VID. */
	n = hex(BCAST MAC1 "88a8 f005 88a8 0006 88b5 01");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_all(r, "ieee8021ad.priority"), "7,0");
	CHECK_STR(tl_all(r, "ieee8021ad.dei"), "1,0");
	CHECK_STR(tl_get(r, "ieee8021ad.svid"), "5");
	CHECK_STR(tl_get(r, "ieee8021ad.cvid"), "6");
	CHECK(tl_find(r, "ieee8021ad.id") == NULL);
	CHECK_STR(tl_get(r, "ieee8021ah.etype"), "0x88b5");
	tl_prefixes(LINK_ETHERNET, buf, n);

	/* A lone S-tag then ARP: the trailer is ieee8021ah.trailer. */
	n = hex(BCAST MAC1 "88a8 e005 0806" ARP_REQ
	    "0000000000000000000000000000000000000000");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(r->pi.info, "Who has 10.0.0.2? Tell 10.0.0.1");
	CHECK_STR(tl_get(r, "eth.padding"), "0000000000000000000000000000");
	CHECK_STR(tl_get(r, "ieee8021ah.trailer"), "000000000000");

	/* An 802.3 length inside a tag: padding, then vlan.trailer. */
	n = hex(BCAST MAC1 "8100 0005 0006 f0f0 03 010203"
	    "000000000000000000000000000000000000000000000000000000000000"
	    "000000000000000000000000");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "eth.padding"), "00000000000000000000000000000000"
	    "0000000000000000000000000000000000000000");
	CHECK_STR(tl_get(r, "vlan.trailer"), "000000000000");
	CHECK(tl_find(r, "eth.fcs") == NULL);
	tl_prefixes(LINK_ETHERNET, buf, n);

	/* A tag cut after one byte. */
	n = hex(BCAST MAC1 "8100 e0");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_INT(tl_status(r, P_VLAN), LAYER_TRUNCATED);
	CHECK(tl_find(r, "vlan.id") == NULL);

	/* Twenty stacked tags: nesting stops at the cap, the rest is data. */
	strcpy(h, BCAST MAC1);
	for (i = 1; i <= 20; i++)
		snprintf(h + strlen(h), sizeof h - strlen(h), "8100%04zx", i);
	strcat(h, "88b5 01020304");
	n = hex(h);
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_INT(r->errors, 0);
	vlans = tl_count(r, "vlan.id");
	CHECK(vlans >= 2 && vlans <= DISSECT_MAX_NEST + 1);
	CHECK(r->nlayers < DISSECT_MAX_LAYERS);
	CHECK(tl_has(r, P_DATA));
	tl_prefixes(LINK_ETHERNET, buf, n);
}

static void
test_sll(void)
{
	const struct tl_result *r;
	struct pkt_info pi;
	size_t n;

	/* v1, sent by us, ARP with a 10-byte trailer. */
	n = hex("0004 0001 0006 001122334455 0000 0806" ARP_REQ
	    "00000000000000000000");
	r = tl_dissect(LINK_LINUX_SLL, buf, n, 0);
	CHECK_INT(r->errors, 0);
	CHECK_STR(tl_get(r, "sll.pkttype"), "4");
	CHECK_STR(tl_get(r, "sll.hatype"), "1");
	CHECK_STR(tl_get(r, "sll.halen"), "6");
	CHECK_STR(tl_get(r, "sll.src.eth"), "00:11:22:33:44:55");
	CHECK_STR(tl_get(r, "sll.unused"), "0000");
	CHECK_STR(tl_get(r, "sll.etype"), "0x0806");
	CHECK_STR(tl_get(r, "sll.trailer"), "00000000000000000000");
	CHECK(tl_find(r, "eth.padding") == NULL);
	CHECK_STR(r->pi.info, "Who has 10.0.0.2? Tell 10.0.0.1");
	CHECK_INT(tl_status(r, P_SLL), LAYER_OK);
	tl_prefixes(LINK_LINUX_SLL, buf, n);
	tl_fast(LINK_LINUX_SLL, buf, n, &pi);
	CHECK(pi.has_mac);
	CHECK(pi.macsrc[1] == 0x11 && pi.macsrc[5] == 0x55);
	CHECK(pi.protos & (1u << P_SLL));

	/* Padded to 64: padding to 60, then the trailer (no FCS). */
	n = hex("0004 0001 0006 001122334455 0000 0806" ARP_REQ
	    "0000000000000000000000000000000000000000");
	r = tl_dissect(LINK_LINUX_SLL, buf, n, 0);
	CHECK_STR(tl_get(r, "eth.padding"),
	    "00000000000000000000000000000000");
	CHECK_STR(tl_get(r, "sll.trailer"), "00000000");

	/* A 4-byte address prints as IPv4; undecoded type: Info names the
	   EtherType. */
	n = hex("0003 ffff 0004 0a000001 00000000 88b5 01020304");
	r = tl_dissect(LINK_LINUX_SLL, buf, n, 0);
	CHECK_STR(tl_get(r, "sll.src.ipv4"), "10.0.0.1");
	CHECK_STR(tl_get(r, "sll.unused"), "00000000");
	CHECK_STR(r->pi.info, "Local Experimental Ethertype 1");
	n = hex("0004 0001 0006 001122334455 0000 1234 0102");
	r = tl_dissect(LINK_LINUX_SLL, buf, n, 0);
	CHECK_STR(r->pi.info, "Sent by us");

	/* halen > 8: the 8 bytes there are shown, the header is malformed. */
	n = hex("0003 0304 000a 0102030405060708 88b5 01020304");
	r = tl_dissect(LINK_LINUX_SLL, buf, n, 0);
	CHECK_STR(tl_get(r, "sll.halen"), "10");
	CHECK_STR(tl_get(r, "sll.src.other"), "0102030405060708");
	CHECK(tl_find(r, "sll.unused") == NULL);
	CHECK_INT(tl_status(r, P_SLL), LAYER_MALFORMED);
	CHECK_STR(tl_get(r, "data.len"), "4");
	tl_prefixes(LINK_LINUX_SLL, buf, n);
	tl_fast(LINK_LINUX_SLL, buf, n, &pi);
	CHECK(!pi.has_mac);

	/* Linux protocol 4: 802.2 LLC follows. */
	n = hex("0001 0001 0006 001122334455 0000 0004 f0f0 03 0102");
	r = tl_dissect(LINK_LINUX_SLL, buf, n, 0);
	CHECK_STR(tl_get(r, "sll.ltype"), "0x0004");
	CHECK(tl_find(r, "sll.etype") == NULL);
	CHECK_STR(tl_get(r, "llc.dsap"), "0xf0");

	r = tl_dissect(LINK_LINUX_SLL, buf, 15, 0);
	CHECK_INT(tl_status(r, P_SLL), LAYER_TRUNCATED);

	/* v2. */
	n = hex("0806 0000 00000003 0001 04 06 001122334455 0000" ARP_REQ
	    "0000000000000000000000000000000000000000");
	r = tl_dissect(LINK_LINUX_SLL2, buf, n, 0);
	CHECK_INT(r->errors, 0);
	CHECK_STR(tl_get(r, "sll.etype"), "0x0806");
	CHECK_STR(tl_get(r, "sll.ifindex"), "3");
	CHECK_STR(tl_get(r, "sll.hatype"), "1");
	CHECK_STR(tl_get(r, "sll.pkttype"), "4");
	CHECK_STR(tl_get(r, "sll.halen"), "6");
	CHECK_STR(tl_get(r, "sll.src.eth"), "00:11:22:33:44:55");
	CHECK_STR(tl_get(r, "sll.unused"), "0000");
	CHECK_STR(tl_get(r, "eth.padding"), "000000000000000000000000");
	CHECK_STR(tl_get(r, "sll.trailer"), "0000000000000000");
	CHECK_STR(tl_get(r, "arp.dst.proto_ipv4"), "10.0.0.2");
	tl_prefixes(LINK_LINUX_SLL2, buf, n);
	n = hex("0800 0000 00000003 0304 00 0c 001122334455 0000 4500");
	r = tl_dissect(LINK_LINUX_SLL2, buf, n, 0);
	CHECK_STR(tl_get(r, "sll.src.other"), "0011223344550000");
	CHECK_INT(tl_status(r, P_SLL), LAYER_MALFORMED);
	tl_prefixes(LINK_LINUX_SLL2, buf, n);
}

static void
test_null_raw(void)
{
	const struct tl_result *r;
	size_t n;

	/* Family in either byte order on NULL. */
	n = hex("07000000 0102");
	r = tl_dissect(LINK_NULL, buf, n, 0);
	CHECK_STR(tl_get(r, "null.family"), "7");
	CHECK_STR(tl_get(r, "data.len"), "2");
	CHECK_INT(tl_status(r, P_NULL), LAYER_OK);
	tl_prefixes(LINK_NULL, buf, n);
	n = hex("00000018 60000000");
	r = tl_dissect(LINK_NULL, buf, n, 0);
	CHECK_STR(tl_get(r, "null.family"), "24");
	n = hex("02000000 4500");
	r = tl_dissect(LINK_NULL, buf, n, 0);
	CHECK_STR(tl_get(r, "null.family"), "2");
	CHECK(tl_find(r, "null.type") == NULL);
	/* Linux AF_INET6 (10) is not decoded as IPv6 by tshark. */
	n = hex("0a000000 60000000");
	r = tl_dissect(LINK_NULL, buf, n, 0);
	CHECK_STR(tl_get(r, "null.family"), "10");
	CHECK(tl_has(r, P_DATA));
	/* An EtherType instead of a family. */
	n = hex("0000 0800 4500");
	r = tl_dissect(LINK_NULL, buf, n, 0);
	CHECK_STR(tl_get(r, "null.type"), "0x0800");
	CHECK(tl_find(r, "null.family") == NULL);
	n = hex("86dd 0000 01");
	r = tl_dissect(LINK_NULL, buf, n, 0);
	CHECK_STR(tl_get(r, "null.type"), "0xdd86");
	CHECK_STR(tl_get(r, "data.len"), "1");
	r = tl_dissect(LINK_NULL, buf, 3, 0);
	CHECK_INT(tl_status(r, P_NULL), LAYER_TRUNCATED);

	/* LOOP is network order, always a family. */
	n = hex("02000000 0102");
	r = tl_dissect(LINK_LOOP, buf, n, 0);
	CHECK_STR(tl_get(r, "null.family"), "33554432");
	CHECK(tl_has(r, P_DATA));
	n = hex("0000001e 0102");
	r = tl_dissect(LINK_LOOP, buf, n, 0);
	CHECK_STR(tl_get(r, "null.family"), "30");
	tl_prefixes(LINK_LOOP, buf, n);

	/* Raw IP: neither 4 nor 6 is data; under two bytes is cut short. */
	n = hex("5500112233445566778899");
	r = tl_dissect(LINK_RAW, buf, n, 0);
	CHECK(tl_has(r, P_RAW));
	CHECK_STR(tl_get(r, "data.len"), "11");
	CHECK_STR(r->pi.info, "Raw packet data");
	tl_prefixes(LINK_RAW, buf, n);
	r = tl_dissect(DLT_RAW_BSD, buf, 1, 0);
	CHECK(tl_has(r, P_RAW));
	CHECK_INT(tl_status(r, P_RAW), LAYER_TRUNCATED);
	r = tl_dissect(DLT_RAW_OPENBSD, buf, n, 0);
	CHECK(tl_has(r, P_DATA));

	/* Unknown link types are data. */
	r = tl_dissect(9999, buf, n, 0);
	CHECK(tl_has(r, P_DATA));
	CHECK(!tl_has(r, P_ETH));
}

static void
test_arp_sizes(void)
{
	const struct tl_result *r;
	size_t n;

	/* IEEE 802 hardware with 8-byte addresses: bytes, not MACs. */
	n = hex(BCAST MAC1 "0806 0006 0800 08 04 0001 0011223344556677 "
	    "0a000001 0000000000000000 0a000002");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "arp.hw.size"), "8");
	CHECK_STR(tl_get(r, "arp.src.hw"), "0011223344556677");
	CHECK(tl_find(r, "arp.src.hw_mac") == NULL);
	CHECK_STR(tl_get(r, "arp.src.proto_ipv4"), "10.0.0.1");
	CHECK_STR(r->pi.info, "Who has 10.0.0.2? Tell 10.0.0.1");
	tl_prefixes(LINK_ETHERNET, buf, n);

	/* IPv6 protocol addresses print as bytes; gratuitous announcement. */
	n = hex(BCAST MAC1 "0806 0001 86dd 06 10 0001 001122334455 "
	    "20010db8000000000000000000000001 000000000000 "
	    "20010db8000000000000000000000001");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "arp.src.proto"),
	    "20010db8000000000000000000000001");
	CHECK_STR(tl_get(r, "arp.isgratuitous"), "1");
	CHECK_STR(tl_get(r, "arp.isannouncement"), "1");
	CHECK(tl_find(r, "arp.isprobe") == NULL);
	CHECK_STR(r->pi.info,
	    "ARP Announcement for 20010db8000000000000000000000001");

	/* Probe, gratuitous reply, RARP, DRARP error, unknown opcode. */
	n = hex(BCAST MAC1 "0806 0001 0800 06 04 0001 001122334455 00000000 "
	    "000000000000 0a000001");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "arp.isprobe"), "1");
	CHECK_STR(r->pi.info, "Who has 10.0.0.1? (ARP Probe)");
	n = hex(BCAST MAC1 "0806 0001 0800 06 04 0002 001122334455 0a000001 "
	    "ffffffffffff 0a000001");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(r->pi.info, "Gratuitous ARP for 10.0.0.1 (Reply)");
	n = hex(BCAST MAC1 "0806 0001 0800 06 04 0003 001122334455 0a000001 "
	    "665544332211 0a000002");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(r->pi.info,
	    "Who is 66:55:44:33:22:11? Tell 00:11:22:33:44:55");
	n = hex(BCAST MAC1 "0806 0001 0800 06 04 0007 001122334455 0a000001 "
	    "665544332211 03040506");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "arp.dst.drarp_error_status"), "3");
	CHECK(tl_find(r, "arp.dst.proto_ipv4") == NULL);
	CHECK_STR(r->pi.info, "DRARP Error");
	n = hex(BCAST MAC1 "0806 0001 0800 06 04 0063 001122334455 0a000001 "
	    "665544332211 0a000002");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(r->pi.info, "Unknown ARP opcode 0x0063");

	/* No addresses at all. */
	n = hex(BCAST MAC1 "0806 0001 0800 00 00 0001");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(r->pi.info, "Who has <No address>? Tell <No address>");
	CHECK(tl_find(r, "arp.isgratuitous") == NULL);
	CHECK_INT(tl_status(r, P_ARP), LAYER_OK);

	/* Absurd sizes: the fixed part, no addresses, malformed; in a
	   capture cut by the snapshot, truncated. */
	n = hex(BCAST MAC1 "0806 0001 0800 ff ff 0001 001122334455");
	r = tl_dissect(LINK_ETHERNET, buf, n, 0);
	CHECK_STR(tl_get(r, "arp.hw.size"), "255");
	CHECK_STR(tl_get(r, "arp.opcode"), "1");
	CHECK(tl_find(r, "arp.src.hw_mac") == NULL);
	CHECK(tl_find(r, "arp.src.hw") == NULL);
	CHECK_INT(tl_status(r, P_ARP), LAYER_MALFORMED);
	CHECK_STR(r->pi.info, "");
	r = tl_dissect(LINK_ETHERNET, buf, n, 2000);
	CHECK_INT(tl_status(r, P_ARP), LAYER_TRUNCATED);
	tl_prefixes(LINK_ETHERNET, buf, n);
	r = tl_dissect(LINK_ETHERNET, buf, 19, 0);
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
