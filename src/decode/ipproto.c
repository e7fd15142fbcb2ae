/*
 * IP protocol numbers (IANA "Assigned Internet Protocol Numbers"): the
 * decoder each one goes to, and the names the tree and the Info column
 * show for them.  The names are the ones tshark 4.0 prints ("Protocol:
 * UDP (17)"), not the IANA keywords, so that our output matches it.
 */
#include "config.h"

#include <stddef.h>

#include "decoders.h"

struct ipproto_name {
	uint8_t		 value;
	const char	*name;
};

/* Sorted by value: ipproto_name() searches it by bisection. */
static const struct ipproto_name ipproto_names[] = {
	{ 0, "IPv6 Hop-by-Hop Option" },
	{ 1, "ICMP" },
	{ 2, "IGMP" },
	{ 3, "GGP" },
	{ 4, "IPIP" },
	{ 5, "Stream" },
	{ 6, "TCP" },
	{ 7, "CBT" },
	{ 8, "EGP" },
	{ 9, "IGRP" },
	{ 10, "BBN RCC" },
	{ 11, "Network Voice" },
	{ 12, "PUP" },
	{ 13, "ARGUS" },
	{ 14, "EMCON" },
	{ 15, "XNET" },
	{ 16, "CHAOS" },
	{ 17, "UDP" },
	{ 18, "Multiplex" },
	{ 19, "DCN Measurement" },
	{ 20, "Host Monitoring" },
	{ 21, "Packet radio" },
	{ 22, "IDP" },
	{ 23, "Trunk-1" },
	{ 24, "Trunk-2" },
	{ 25, "Leaf-1" },
	{ 26, "Leaf-2" },
	{ 27, "Reliable Data" },
	{ 28, "IRT" },
	{ 29, "ISO TP4" },
	{ 30, "Bulk Data" },
	{ 31, "MFE NSP" },
	{ 32, "Merit Internodal" },
	{ 33, "Datagram Congestion Control Protocol" },
	{ 34, "3rd Party Connect" },
	{ 35, "Inter-Domain Policy Routing Protocol" },
	{ 36, "XTP" },
	{ 37, "Datagram delivery" },
	{ 38, "Control Message" },
	{ 39, "TP++" },
	{ 40, "IL" },
	{ 41, "IPv6" },
	{ 42, "Source demand routing" },
	{ 43, "Routing Header for IPv6" },
	{ 44, "Fragment Header for IPv6" },
	{ 45, "Inter-Domain Routing Protocol" },
	{ 46, "Reservation Protocol" },
	{ 47, "Generic Routing Encapsulation" },
	{ 48, "Dynamic source routing" },
	{ 49, "BNA" },
	{ 50, "Encap Security Payload" },
	{ 51, "Authentication Header" },
	{ 52, "INSLP" },
	{ 53, "SWIPE" },
	{ 54, "NBMA ARP" },
	{ 55, "IP Mobility" },
	{ 56, "TLSP Kryptonet" },
	{ 57, "SKIP" },
	{ 58, "ICMPv6" },
	{ 59, "No Next Header for IPv6" },
	{ 60, "Destination Options for IPv6" },
	{ 61, "any host internal protocol" },
	{ 62, "Mobile IPv6 (old)" },
	{ 63, "any local network" },
	{ 64, "SATNET EXPAK" },
	{ 65, "Kryptolan" },
	{ 66, "Remote Virtual Disk" },
	{ 67, "IPPC" },
	{ 68, "any distributed file system" },
	{ 69, "SATNET Monitoring" },
	{ 70, "VISA" },
	{ 71, "IPCV" },
	{ 72, "CPNX" },
	{ 73, "CPHB" },
	{ 74, "Wang Span" },
	{ 75, "Packet Video" },
	{ 76, "Backroom SATNET Mon" },
	{ 77, "Sun ND Protocol" },
	{ 78, "Wideband Mon" },
	{ 79, "Wideband Expak" },
	{ 80, "ISO Internet Protocol" },
	{ 81, "VMTP" },
	{ 82, "Secure VMTP" },
	{ 83, "VINES" },
	{ 84, "TTP" },
	{ 85, "NSFNET IGP" },
	{ 86, "Dissimilar Gateway" },
	{ 87, "TCF" },
	{ 88, "EIGRP" },
	{ 89, "OSPF IGP" },
	{ 90, "Sprite RPC" },
	{ 91, "Locus ARP" },
	{ 92, "Multicast Transport" },
	{ 93, "AX.25 Frames" },
	{ 94, "IP in IP" },
	{ 95, "MICP" },
	{ 96, "Semaphore" },
	{ 97, "Ether in IP" },
	{ 98, "ENCAP" },
	{ 99, "any private encryption scheme" },
	{ 100, "GMTP" },
	{ 101, "Ipsilon Flow" },
	{ 102, "PNNI over IP" },
	{ 103, "PIM" },
	{ 104, "ARIS" },
	{ 105, "SCPS" },
	{ 106, "QNX" },
	{ 107, "Active Networks" },
	{ 108, "IPComp" },
	{ 109, "Sitara Networks" },
	{ 110, "Compaq Peer" },
	{ 111, "IPX IN IP" },
	{ 112, "VRRP" },
	{ 113, "PGM" },
	{ 114, "any 0-hop protocol" },
	{ 115, "Layer 2 Tunneling" },
	{ 116, "DDX" },
	{ 117, "IATP" },
	{ 118, "STP" },
	{ 119, "SpectraLink" },
	{ 120, "UTI" },
	{ 121, "SMP" },
	{ 122, "SM" },
	{ 123, "PTP" },
	{ 124, "ISIS over IP" },
	{ 125, "FIRE" },
	{ 126, "CRTP" },
	{ 127, "CRUDP" },
	{ 128, "SSCOPMCE" },
	{ 129, "IPLT" },
	{ 130, "Secure Packet" },
	{ 131, "PIPE" },
	{ 132, "SCTP" },
	{ 133, "Fibre Channel" },
	{ 134, "RSVP E2EI" },
	{ 135, "Mobile IPv6" },
	{ 136, "UDPLite" },
	{ 137, "MPLS in IP" },
	{ 138, "MANET" },
	{ 139, "HIP" },
	{ 140, "Shim6 header" },
	{ 141, "WESP" },
	{ 142, "ROHC" },
	{ 143, "Ethernet" },
	{ 173, "AX/4000 Testframe" },
	{ 224, "Novell NCS Heartbeat" },
	{ 0, NULL }
};

#define IPPROTO_NNAMES	(sizeof ipproto_names / sizeof ipproto_names[0] - 1)

/* The name tshark gives an IP protocol number, or NULL if it has none. */
const char *
ipproto_name(uint8_t proto)
{
	size_t lo = 0, hi = IPPROTO_NNAMES, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ipproto_names[mid].value == proto)
			return ipproto_names[mid].name;
		if (ipproto_names[mid].value < proto)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* IANA leaves 144-252 unassigned; tshark says so for most of them. */
	if (proto >= 144 && proto <= 223)
		return "Unassigned";
	return NULL;
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
