/*
 * A followed stream: the payload of one TCP connection or UDP conversation,
 * both directions, as the receivers saw it.  Pure logic, no curses and no
 * model, so that unit tests feed it crafted segments.
 *
 * TCP: each direction is put in sequence order from its SYN's ISN (or the
 * first sequence number seen with data): every byte once (retransmitted
 * and overlapping bytes are dropped), segments ahead of the next expected
 * byte wait until the hole fills.  A hole the capture never fills (the
 * peer acknowledged past it, too much waits behind it, or the end) becomes
 * a gap chunk saying how many bytes are missing; so do bytes a snap length
 * cut off.  UDP: each datagram's payload, in packet order.
 *
 * The bytes of both directions sit in one buffer in the order they became
 * available, cut into chunks of one direction; consecutive TCP bytes of
 * one direction form one chunk.  Memory is bounded: at most max bytes
 * (then truncated is set and nothing more is kept), STREAM_MAX_CHUNKS
 * chunks, and STREAM_MAX_PENDING bytes waiting behind a hole.
 */
#ifndef WIRETOP_STREAM_H
#define WIRETOP_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/packet.h"

#define STREAM_MAX_BYTES	(16u << 20)	/* kept, both ways */
#define STREAM_MAX_CHUNKS	(1u << 20)
#define STREAM_MAX_PENDING	(4u << 20)	/* per direction */
#define STREAM_MAX_PENDSEGS	4096		/* per direction */

/* Directions: the side that sent the first packet is the client. */
#define STREAM_CLIENT		0
#define STREAM_SERVER		1

/* TCP flags the reassembly looks at. */
#define STREAM_FIN		0x01
#define STREAM_SYN		0x02
#define STREAM_RST		0x04
#define STREAM_ACK		0x10

struct stream_chunk {
	uint8_t		 dir;		/* STREAM_CLIENT or STREAM_SERVER */
	bool		 gap;		/* len bytes missing, no data */
	uint64_t	 off;		/* its bytes: data[off, off + len) */
	uint64_t	 len;
	uint64_t	 pos;		/* its first byte's offset in its
					   direction (bytes and gaps) */
	uint64_t	 number;	/* the packet of its first byte */
};

/* A segment ahead of the next expected byte, waiting. */
struct stream_pend {
	int64_t		 abs;		/* offset in the direction */
	uint64_t	 number;
	uint32_t	 caplen;	/* bytes held */
	uint32_t	 wirelen;	/* bytes on the wire */
	uint8_t		*data;
};

struct stream_dir {
	bool		 started;	/* next_seq is known */
	bool		 syn;		/* a SYN was seen, isn is its seq */
	uint32_t	 isn;
	uint32_t	 next_seq;	/* the next byte expected ... */
	uint64_t	 next_abs;	/* ... and its offset there */
	uint64_t	 bytes;		/* payload kept */
	uint64_t	 missing;	/* bytes in gaps */
	uint64_t	 dup;		/* bytes seen again and dropped */
	uint64_t	 packets;	/* packets of this direction */
	struct stream_pend *pend;	/* by abs, ascending */
	size_t		 npend, cappend, pend_bytes;
};

struct stream {
	bool		 tcp;
	size_t		 max;		/* bytes kept at most */
	uint8_t		*data;
	size_t		 len, cap;
	struct stream_chunk *chunks;
	size_t		 nchunks, capchunks;
	struct stream_dir dir[2];
	bool		 truncated;	/* max (or the chunk cap) was hit */
};

/* What follow needs of one frame: its flow key and transport payload. */
struct stream_seg {
	uint8_t		 ipver, proto;	/* 4 or 6; 6 (TCP) or 17 (UDP) */
	uint8_t		 src[16], dst[16];
	uint16_t	 sport, dport;
	bool		 has_payload;	/* the transport header was whole */
	uint32_t	 seq, ack;	/* TCP */
	uint8_t		 flags;		/* TCP flags (STREAM_*, low byte) */
	uint32_t	 off;		/* payload: frame offset, */
	uint32_t	 caplen;	/* captured bytes, */
	uint32_t	 wirelen;	/* bytes on the wire */
};

/*
 * Decode a frame's flow key (the outermost IP header and the transport
 * right after it, as the flow table keys it) into seg, which it clears.
 * False if that transport is not TCP or UDP.
 */
bool	stream_seg_of(const struct frame_meta *fm, const uint8_t *data,
	    struct stream_seg *seg);
/*
 * Then the payload of that transport (a full pass of the decoders, so
 * every link type and encapsulation they know): seq, ack, flags, off,
 * caplen, wirelen, has_payload.  False if its header is not whole.
 */
bool	stream_seg_payload(const struct frame_meta *fm, const uint8_t *data,
	    struct stream_seg *seg);
/* Is seg of the flow (ipver, proto, a:pa, b:pb), either way?  *dir says
   which: STREAM_CLIENT when it goes from a to b. */
bool	stream_seg_match(const struct stream_seg *seg, uint8_t ipver,
	    uint8_t proto, const uint8_t *a, uint16_t pa, const uint8_t *b,
	    uint16_t pb, int *dir);

/* An empty stream keeping at most max bytes (0: STREAM_MAX_BYTES). */
void	stream_init(struct stream *s, bool tcp, size_t max);
void	stream_free(struct stream *s);
/* A TCP segment of direction dir: caplen bytes of payload at p of wirelen
   on the wire. */
void	stream_tcp(struct stream *s, int dir, uint64_t number, uint32_t seq,
	    uint32_t ack, uint8_t flags, const uint8_t *p, size_t caplen,
	    size_t wirelen);
/* Would a TCP segment of direction dir start another connection on the
   same ports (a SYN without ACK from a side already under way, not a
   retransmitted SYN)?  The caller then starts another stream. */
bool	stream_tcp_new_conn(const struct stream *s, int dir, uint8_t flags,
	    uint32_t seq);
/* A UDP datagram's payload. */
void	stream_udp(struct stream *s, int dir, uint64_t number,
	    const uint8_t *p, size_t caplen, size_t wirelen);
/* No more segments: what still waits behind a hole follows a gap. */
void	stream_finish(struct stream *s);

#endif
