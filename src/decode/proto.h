/*
 * Protocols wiretop decodes: one id each, with the names every face uses.
 * A packet's protocol set is a 64-bit mask of these ids, so there are at
 * most 64 of them.
 */
#ifndef WIRETOP_PROTO_H
#define WIRETOP_PROTO_H

#include <stdint.h>

enum proto_id {
	P_FRAME,
	P_ETH,
	P_LLC,
	P_SLL,		/* Linux cooked v1 and v2 share the id: "sll" */
	P_NULL,		/* BSD loopback */
	P_RAW,		/* raw IP link: no header, not counted */
	P_VLAN,		/* 802.1Q tag (vlan.*) */
	P_IEEE8021AD,	/* 802.1ad S-tag (ieee8021ad.*); counted as "vlan" */
	P_ARP,
	P_IPV4,
	P_IPV6,
	P_TCP,
	P_UDP,
	P_ICMP,
	P_ICMPV6,
	P_IGMP,
	P_GRE,
	P_VXLAN,
	P_GENEVE,
	P_DNS,
	P_MDNS,
	P_LLMNR,
	P_ESP,
	P_AH,
	P_OSPF,
	P_SCTP,
	P_EIGRP,
	P_IGRP,
	P_L2TP,
	P_PIM,
	P_VRRP,
	P_STP,
	P_DATA,		/* undecoded payload: not counted in totals */
	P_MAX
};

struct proto_def {
	const char	*filter;	/* Wireshark's filter name: "ip" */
	const char	*stats;		/* --stats key: "ipv4"; NULL: not counted */
	const char	*column;	/* Protocol column: "IPv4" */
	const char	*label;		/* tree heading: "Internet Protocol Version 4" */
};

extern const struct proto_def proto_defs[P_MAX];

#endif
