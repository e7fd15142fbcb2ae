/*
 * One packet as the -z tables see it: the layers of its dissection in
 * the order they open, each with the addresses and ports the tables key
 * on.  ztables.c fills it once a packet; zconv.c and zphs.c read it.
 *
 * A layer inside an ICMP or ICMPv6 error's quote is marked quoted: tshark
 * counts none of them in its conversations (its taps skip the packet in
 * error), and only their payload's "data" in its hierarchy.
 */
#ifndef WIRETOP_ZPACKET_H
#define WIRETOP_ZPACKET_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/dissect.h"

struct zlayer {
	uint8_t		 proto;		/* enum proto_id */
	bool		 tapped;	/* tshark's conversation tap sees it:
					   its header whole (see ztables.c) */
	bool		 cut;		/* the capture ends inside its header:
					   tshark stops there, "_ws.short" */
	bool		 not_v4;	/* IPv4 by its link or type carrying
					   another version: tshark shows only
					   what it carries */
	uint8_t		 status;	/* LAYER_* it closed with */
	bool		 quoted;	/* inside an ICMP error's quote */
	int8_t		 parent;	/* index of the enclosing layer, -1 */
	bool		 has_child;	/* a layer opened inside it */
	uint32_t	 off;		/* where it starts in the frame */
	uint32_t	 hdr_len;	/* IPv4, TCP: the header length field */
	bool		 has_len;	/* TCP: tcp.len (the header fits the
					   segment); UDP: udp.checksum (the
					   header is whole and sane) */
	uint8_t		 alen;		/* address bytes: 6, 4, 16; 0 none */
	bool		 has_src, has_dst, has_sport, has_dport;
	uint8_t		 src[16], dst[16];
	uint16_t	 sport, dport;
	/* IPv6: a routing header's final destination (TCP and UDP key on
	   it, as tshark's pinfo->dst), and a fragment past the first (its
	   conversation tables skip). */
	bool		 has_final, later_frag;
	uint8_t		 final_dst[16];
	bool		 has_seq, has_flags;
	uint32_t	 seq;		/* TCP: the raw sequence number */
	uint16_t	 flags;		/* TCP: the flag bits */
};

struct zpacket {
	uint32_t	 wirelen;	/* frame.len: what every table counts */
	uint32_t	 caplen;
	struct wtime_rel rel;		/* since the first packet */
	int		 nlayers;
	struct zlayer	 layers[DISSECT_MAX_LAYERS];
};

#endif
