/*
 * IP protocol numbers (IANA "Assigned Internet Protocol Numbers"): the
 * decoder each one goes to, and the names shown for them.  This is the
 * one table of those names: the tree and the Info column show the ones
 * tshark 4.0 prints ("Protocol: UDP (17)"), not the IANA keywords, so
 * that our output matches it; --stats names a flow's protocol by the
 * second column (the decoders' --stats names, plus Wireshark's short
 * names of a few protocols we do not decode), or by its number where
 * that is NULL.
 */
#include "config.h"

#include <stddef.h>

#include "decoders.h"

struct ipproto_name {
	uint8_t		 value;
	const char	*name;		/* as tshark shows it */
	const char	*stats;		/* in --stats flows; NULL: the number */
};

/* Sorted by value: ipproto_find() searches it by bisection. */
static const struct ipproto_name ipproto_names[] = {
	{ 0, "IPv6 Hop-by-Hop Option", NULL },
	{ 1, "ICMP", "icmp" },
	{ 2, "IGMP", "igmp" },
	{ 3, "GGP", NULL },
	{ 4, "IPIP", "ipv4" },
	{ 5, "Stream", NULL },
	{ 6, "TCP", "tcp" },
	{ 7, "CBT", NULL },
	{ 8, "EGP", NULL },
	{ 9, "IGRP", "igrp" },
	{ 10, "BBN RCC", NULL },
	{ 11, "Network Voice", NULL },
	{ 12, "PUP", NULL },
	{ 13, "ARGUS", NULL },
	{ 14, "EMCON", NULL },
	{ 15, "XNET", NULL },
	{ 16, "CHAOS", NULL },
	{ 17, "UDP", "udp" },
	{ 18, "Multiplex", NULL },
	{ 19, "DCN Measurement", NULL },
	{ 20, "Host Monitoring", NULL },
	{ 21, "Packet radio", NULL },
	{ 22, "IDP", NULL },
	{ 23, "Trunk-1", NULL },
	{ 24, "Trunk-2", NULL },
	{ 25, "Leaf-1", NULL },
	{ 26, "Leaf-2", NULL },
	{ 27, "Reliable Data", NULL },
	{ 28, "IRT", NULL },
	{ 29, "ISO TP4", NULL },
	{ 30, "Bulk Data", NULL },
	{ 31, "MFE NSP", NULL },
	{ 32, "Merit Internodal", NULL },
	{ 33, "Datagram Congestion Control Protocol", "dccp" },
	{ 34, "3rd Party Connect", NULL },
	{ 35, "Inter-Domain Policy Routing Protocol", NULL },
	{ 36, "XTP", NULL },
	{ 37, "Datagram delivery", NULL },
	{ 38, "Control Message", NULL },
	{ 39, "TP++", NULL },
	{ 40, "IL", NULL },
	{ 41, "IPv6", "ipv6" },
	{ 42, "Source demand routing", NULL },
	{ 43, "Routing Header for IPv6", NULL },
	{ 44, "Fragment Header for IPv6", NULL },
	{ 45, "Inter-Domain Routing Protocol", NULL },
	{ 46, "Reservation Protocol", "rsvp" },
	{ 47, "Generic Routing Encapsulation", "gre" },
	{ 48, "Dynamic source routing", NULL },
	{ 49, "BNA", NULL },
	{ 50, "Encap Security Payload", "esp" },
	{ 51, "Authentication Header", "ah" },
	{ 52, "INSLP", NULL },
	{ 53, "SWIPE", NULL },
	{ 54, "NBMA ARP", NULL },
	{ 55, "IP Mobility", NULL },
	{ 56, "TLSP Kryptonet", NULL },
	{ 57, "SKIP", NULL },
	{ 58, "ICMPv6", "icmpv6" },
	{ 59, "No Next Header for IPv6", NULL },
	{ 60, "Destination Options for IPv6", NULL },
	{ 61, "any host internal protocol", NULL },
	{ 62, "Mobile IPv6 (old)", NULL },
	{ 63, "any local network", NULL },
	{ 64, "SATNET EXPAK", NULL },
	{ 65, "Kryptolan", NULL },
	{ 66, "Remote Virtual Disk", NULL },
	{ 67, "IPPC", NULL },
	{ 68, "any distributed file system", NULL },
	{ 69, "SATNET Monitoring", NULL },
	{ 70, "VISA", NULL },
	{ 71, "IPCV", NULL },
	{ 72, "CPNX", NULL },
	{ 73, "CPHB", NULL },
	{ 74, "Wang Span", NULL },
	{ 75, "Packet Video", NULL },
	{ 76, "Backroom SATNET Mon", NULL },
	{ 77, "Sun ND Protocol", NULL },
	{ 78, "Wideband Mon", NULL },
	{ 79, "Wideband Expak", NULL },
	{ 80, "ISO Internet Protocol", NULL },
	{ 81, "VMTP", NULL },
	{ 82, "Secure VMTP", NULL },
	{ 83, "VINES", NULL },
	{ 84, "TTP", NULL },
	{ 85, "NSFNET IGP", NULL },
	{ 86, "Dissimilar Gateway", NULL },
	{ 87, "TCF", NULL },
	{ 88, "EIGRP", "eigrp" },
	{ 89, "OSPF IGP", "ospf" },
	{ 90, "Sprite RPC", NULL },
	{ 91, "Locus ARP", NULL },
	{ 92, "Multicast Transport", NULL },
	{ 93, "AX.25 Frames", NULL },
	{ 94, "IP in IP", NULL },
	{ 95, "MICP", NULL },
	{ 96, "Semaphore", NULL },
	{ 97, "Ether in IP", NULL },
	{ 98, "ENCAP", NULL },
	{ 99, "any private encryption scheme", NULL },
	{ 100, "GMTP", NULL },
	{ 101, "Ipsilon Flow", NULL },
	{ 102, "PNNI over IP", NULL },
	{ 103, "PIM", "pim" },
	{ 104, "ARIS", NULL },
	{ 105, "SCPS", NULL },
	{ 106, "QNX", NULL },
	{ 107, "Active Networks", NULL },
	{ 108, "IPComp", NULL },
	{ 109, "Sitara Networks", NULL },
	{ 110, "Compaq Peer", NULL },
	{ 111, "IPX IN IP", NULL },
	{ 112, "VRRP", "vrrp" },
	{ 113, "PGM", NULL },
	{ 114, "any 0-hop protocol", NULL },
	{ 115, "Layer 2 Tunneling", "l2tp" },
	{ 116, "DDX", NULL },
	{ 117, "IATP", NULL },
	{ 118, "STP", NULL },
	{ 119, "SpectraLink", NULL },
	{ 120, "UTI", NULL },
	{ 121, "SMP", NULL },
	{ 122, "SM", NULL },
	{ 123, "PTP", NULL },
	{ 124, "ISIS over IP", NULL },
	{ 125, "FIRE", NULL },
	{ 126, "CRTP", NULL },
	{ 127, "CRUDP", NULL },
	{ 128, "SSCOPMCE", NULL },
	{ 129, "IPLT", NULL },
	{ 130, "Secure Packet", NULL },
	{ 131, "PIPE", NULL },
	{ 132, "SCTP", "sctp" },
	{ 133, "Fibre Channel", NULL },
	{ 134, "RSVP E2EI", NULL },
	{ 135, "Mobile IPv6", NULL },
	{ 136, "UDPLite", "udplite" },
	{ 137, "MPLS in IP", NULL },
	{ 138, "MANET", NULL },
	{ 139, "HIP", NULL },
	{ 140, "Shim6 header", NULL },
	{ 141, "WESP", NULL },
	{ 142, "ROHC", NULL },
	{ 143, "Ethernet", NULL },
	{ 173, "AX/4000 Testframe", NULL },
	{ 224, "Novell NCS Heartbeat", NULL },
	{ 0, NULL, NULL }
};

#define IPPROTO_NNAMES	(sizeof ipproto_names / sizeof ipproto_names[0] - 1)

/* The entry of an IP protocol number, NULL if it has none. */
static const struct ipproto_name *
ipproto_find(uint8_t proto)
{
	size_t lo = 0, hi = IPPROTO_NNAMES, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ipproto_names[mid].value == proto)
			return &ipproto_names[mid];
		if (ipproto_names[mid].value < proto)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The name tshark gives an IP protocol number, or NULL if it has none. */
const char *
ipproto_name(uint8_t proto)
{
	const struct ipproto_name *e = ipproto_find(proto);

	if (e != NULL)
		return e->name;
	/* IANA leaves 144-252 unassigned; tshark says so for most of them. */
	if (proto >= 144 && proto <= 223)
		return "Unassigned";
	return NULL;
}

/* The --stats name of an IP protocol number ("tcp"), NULL if it has none. */
const char *
ipproto_stats_name(uint8_t proto)
{
	const struct ipproto_name *e = ipproto_find(proto);

	return e != NULL ? e->stats : NULL;
}

/* Open a layer for a protocol we recognise but do not decode. */
static void
ident_only(struct dissect *d, enum proto_id p, struct cursor c)
{
	if (!d_open(d, p, c.pos))
		return;
	d_close(d, c.end, LAYER_OK);
}

/* Decode an encapsulated packet one level deeper, within the cap:
   IPv4 (4), IPv6 (6) or an Ethernet frame (143, RFC 8986). */
static void
nested(struct dissect *d, int what, struct cursor c)
{
	if (d->nest >= DISSECT_MAX_NEST) {
		data_decode(d, c);
		return;
	}
	d->nest++;
	if (what == 4)
		ipv4_decode(d, c);
	else if (what == 6)
		ipv6_decode(d, c);
	else
		eth_decode(d, c);
	d->nest--;
}

/* Hand a payload to the decoder for its IP protocol number. */
void
ipproto_dispatch(struct dissect *d, uint8_t proto, struct cursor c)
{
	switch (proto) {
	case 1:
		icmp_decode(d, c);
		break;
	case 2:
		igmp_decode(d, c);
		break;
	case 4:
		nested(d, 4, c);
		break;
	case 6:
		tcp_decode(d, c);
		break;
	case 17:
		udp_decode(d, c);
		break;
	case 41:
		nested(d, 6, c);
		break;
	case 47:
		gre_decode(d, c);
		break;
	case 50:
		esp_decode(d, c);
		break;
	case 51:
		ah_decode(d, c);
		break;
	case 58:
		icmp6_decode(d, c);
		break;
	case 9:
		ident_only(d, P_IGRP, c);
		break;
	case 88:
		ident_only(d, P_EIGRP, c);
		break;
	case 89:
		ident_only(d, P_OSPF, c);
		break;
	case 103:
		ident_only(d, P_PIM, c);
		break;
	case 112:
		ident_only(d, P_VRRP, c);
		break;
	case 115:
		ident_only(d, P_L2TP, c);
		break;
	case 132:
		ident_only(d, P_SCTP, c);
		break;
	case 143:
		nested(d, 143, c);
		break;
	case 59:
		/* tshark names it so whichever header points here, and
		   still shows any bytes that follow as data. */
		d_info(d, "IPv6 no next header");
		data_decode(d, c);
		break;
	default:
		data_decode(d, c);
		break;
	}
}
