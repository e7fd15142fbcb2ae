/*
 * tshark's conversation indices, tcp.stream and udp.stream: 0, 1, 2, ...
 * in the order each TCP or UDP conversation (both addresses and ports,
 * either direction) first appears.  Every TCP and UDP layer counts, in
 * packet order: tunnelled ones, and the headers an ICMP error quotes
 * (UDP: its 8 bytes, TCP: 16).
 *
 * A TCP conversation starts again with a new index, as in tshark 4.0,
 * when a SYN (without ACK) carries a sequence number other than the base
 * of its direction: that direction's first SYN, or one below the first
 * segment seen when the connection was caught mid-stream.  A FIN or RST
 * before it does not matter, nor does a SYN/ACK.
 *
 * The indices need every packet in capture order, so only the headless
 * printer numbers packets (streams_number() on each); the TUI reads
 * packets back out of order and leaves the fields out.  The table holds
 * at most STREAMS_MAX conversations; past that a new conversation gets
 * no index (its fields are left out, never wrong).
 */
#ifndef WIRETOP_STREAMS_H
#define WIRETOP_STREAMS_H

#include <stdbool.h>
#include <stdint.h>

#include "packet.h"

#define STREAMS_MAX	(1u << 20)

struct streams;

/* An empty table; NULL when out of memory. */
struct streams	*streams_new(void);
void		 streams_free(struct streams *s);
/* Number the TCP and UDP layers of m, the next packet in capture order,
   into m->streams. */
void		 streams_number(struct streams *s, struct frame_meta *m,
		     const uint8_t *data);
/* Does text (a field name, a display filter) name tcp.stream or
   udp.stream?  A filter can only use them by writing their names. */
bool		 streams_named(const char *text);

#endif
