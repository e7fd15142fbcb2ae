/* The names of every protocol wiretop decodes, by enum proto_id. */
#include "config.h"

#include <string.h>

#include "proto.h"

const struct proto_def proto_defs[P_MAX] = {
	[P_FRAME] = { "frame", NULL, "Frame", "Frame" },
	[P_ETH] = { "eth", "eth", "Ethernet", "Ethernet II" },
	[P_LLC] = { "llc", "llc", "LLC", "Logical-Link Control" },
	[P_SLL] = { "sll", "sll", "SLL", "Linux cooked capture" },
	[P_NULL] = { "null", "null", "NULL", "Null/Loopback" },
	[P_RAW] = { "raw", NULL, "Raw", "Raw packet data" },
	[P_VLAN] = { "vlan", "vlan", "802.1Q", "802.1Q Virtual LAN" },
	[P_IEEE8021AD] = { "ieee8021ad", "vlan", "802.1ad",
	    "IEEE 802.1ad" },
	[P_ARP] = { "arp", "arp", "ARP", "Address Resolution Protocol" },
	[P_IPV4] = { "ip", "ipv4", "IPv4", "Internet Protocol Version 4" },
	[P_IPV6] = { "ipv6", "ipv6", "IPv6", "Internet Protocol Version 6" },
	[P_TCP] = { "tcp", "tcp", "TCP", "Transmission Control Protocol" },
	[P_UDP] = { "udp", "udp", "UDP", "User Datagram Protocol" },
	[P_ICMP] = { "icmp", "icmp", "ICMP",
	    "Internet Control Message Protocol" },
	[P_ICMPV6] = { "icmpv6", "icmpv6", "ICMPv6",
	    "Internet Control Message Protocol v6" },
	[P_IGMP] = { "igmp", "igmp", "IGMP",
	    "Internet Group Management Protocol" },
	[P_GRE] = { "gre", "gre", "GRE", "Generic Routing Encapsulation" },
	[P_VXLAN] = { "vxlan", "vxlan", "VXLAN",
	    "Virtual eXtensible Local Area Network" },
	[P_GENEVE] = { "geneve", "geneve", "Geneve",
	    "Generic Network Virtualization Encapsulation" },
	[P_DNS] = { "dns", "dns", "DNS", "Domain Name System" },
	[P_MDNS] = { "mdns", "mdns", "MDNS", "Multicast Domain Name System" },
	[P_LLMNR] = { "llmnr", "llmnr", "LLMNR",
	    "Link-local Multicast Name Resolution" },
	[P_ESP] = { "esp", "esp", "ESP", "Encapsulating Security Payload" },
	[P_AH] = { "ah", "ah", "AH", "Authentication Header" },
	[P_OSPF] = { "ospf", "ospf", "OSPF", "Open Shortest Path First" },
	[P_SCTP] = { "sctp", "sctp", "SCTP",
	    "Stream Control Transmission Protocol" },
	[P_EIGRP] = { "eigrp", "eigrp", "EIGRP",
	    "Enhanced Interior Gateway Routing Protocol" },
	[P_IGRP] = { "igrp", "igrp", "IGRP",
	    "Cisco Interior Gateway Routing Protocol" },
	[P_L2TP] = { "l2tp", "l2tp", "L2TP", "Layer 2 Tunneling Protocol" },
	[P_PIM] = { "pim", "pim", "PIM", "Protocol Independent Multicast" },
	[P_VRRP] = { "vrrp", "vrrp", "VRRP",
	    "Virtual Router Redundancy Protocol" },
	[P_STP] = { "stp", "stp", "STP", "Spanning Tree Protocol" },
	[P_DATA] = { "data", NULL, "Data", "Data" },
};

int
proto_by_stats_name(const char *name)
{
	int p;

	for (p = 0; p < P_MAX; p++)
		if (proto_defs[p].stats != NULL &&
		    strcmp(proto_defs[p].stats, name) == 0)
			return p;
	return -1;
}
