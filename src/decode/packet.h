/*
 * What the decoders and the model share about a packet, and nothing of the
 * decoders' insides: the frame's facts (struct frame_meta), the fast
 * pass's summary the model is built from (struct pkt_info), layer status
 * bits, link types and the largest snapshot length.  The model includes
 * this header, never dissect.h.
 */
#ifndef WIRETOP_PACKET_H
#define WIRETOP_PACKET_H

#include <stdbool.h>
#include <stdint.h>

#include "wtime.h"

/* The largest snapshot length (tcpdump's): -s, the rings, stored frames. */
#define SNAPLEN_MAX		262144

#define INFO_MAX		160	/* bytes of the one-line summary */

/* Layer status, reported when a layer closes. */
#define LAYER_OK		0
#define LAYER_TRUNCATED		0x1	/* the capture ended inside it */
#define LAYER_MALFORMED		0x2	/* its fields contradict each other */
#define LAYER_BADSUM		0x4	/* a checksum in it is wrong */

/* Link types (pcap LINKTYPE_* values). */
#define LINK_NULL		0
#define LINK_ETHERNET		1
#define LINK_RAW		101
#define LINK_LOOP		108
#define LINK_LINUX_SLL		113
#define LINK_IPV4		228
#define LINK_IPV6		229
#define LINK_LINUX_SLL2		276
#define DLT_RAW_BSD		12	/* DLT_RAW on most BSDs and Linux */
#define DLT_RAW_OPENBSD		14

/* What the fast pass learns about a packet: enough for the model. */
struct pkt_info {
	uint64_t	 protos;	/* bit (1 << enum proto_id) per protocol */
	uint8_t		 top;		/* highest protocol decoded */
	uint8_t		 status;	/* LAYER_* bits of every layer, or-ed */
	/* Flow key: the outermost IP header and the transport right after. */
	uint8_t		 ipver;		/* 0: no IP, 4 or 6 */
	uint8_t		 l4proto;	/* IP protocol after extension headers */
	uint8_t		 src[16];	/* IPv4 in the first 4 bytes */
	uint8_t		 dst[16];
	uint16_t	 sport, dport;	/* 0 unless TCP/UDP directly follows */
	uint8_t		 tcpflags;	/* of that TCP header */
	bool		 has_mac;	/* outermost Ethernet/SLL addresses */
	uint8_t		 macsrc[6], macdst[6];
	/* Set only when want_info: the Info column, highest layer wins. */
	char		 info[INFO_MAX];
};

/*
 * tshark's conversation index of each TCP and UDP layer of a packet
 * (tcp.stream, udp.stream): tunnels and ICMP quotes may hold several.
 * Filled by streams_number() (decode/streams.h); a layer is known by
 * where its header starts in the frame, so that a dissection which skips
 * layers still finds the right one.  A layer not listed has no index (a
 * quote cut inside the header, or more layers than FRAME_STREAMS_MAX).
 */
#define FRAME_STREAMS_MAX	8
struct frame_streams {
	uint8_t		 n;
	struct {
		uint32_t	 off;		/* the header's frame offset */
		uint32_t	 index;		/* tcp.stream / udp.stream */
		bool		 udp;		/* a UDP layer, else TCP */
	}		 layer[FRAME_STREAMS_MAX];
};

/* Per-frame facts the frame layer reports (frame.* fields). */
struct frame_meta {
	uint64_t	 number;	/* 1-based */
	int64_t		 ts_sec;
	uint32_t	 ts_nsec;
	struct wtime_rel rel;		/* since the first packet */
	struct wtime_rel delta;		/* since the previous packet */
	uint32_t	 caplen;
	uint32_t	 wirelen;
	int		 link;		/* LINK_* */
	const char	*ifname;	/* NULL when unknown (files) */
	uint64_t	 file_pos;	/* a capture file's: where its record
					   starts in the file (0: unknown) */
	uint8_t		 ts_res;	/* WTIME_RES(decimals) of the time
					   stamp; WTIME_RES_DEFAULT: usec */
	/* Set by the headless printer, which sees every packet in order
	   (0 / false elsewhere: the TUI reads packets back out of order, and
	   the fields are then left out, not shown wrong). */
	bool		 has_delta_dis;
	struct wtime_rel delta_dis;	/* since the previous displayed packet */
	struct frame_streams streams;	/* tcp.stream, udp.stream */
};

#endif
