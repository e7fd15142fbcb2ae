/*
 * The flow table: (ipver, protocol, address pair, port pair) -> counters,
 * both directions in one flow.  Bounded: idle flows expire, and when the
 * table is full the least recently seen flow (to the second) makes room.
 */
#ifndef WIRETOP_FLOW_H
#define WIRETOP_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/queue.h>

#include <uthash.h>

#include "model.h"
#include "rate.h"
#include "talkers.h"

/* Start loading size bytes at p, a cache line at a time (for the
   flow table's pipeline and the model's walks in random order). */
static inline void
prefetch_span(const void *p, size_t size)
{
	const char	*c = p, *end = c + size;
	uintptr_t	 line = (uintptr_t)c & ~(uintptr_t)63;

	for (c = (const char *)line; c < end; c += 64)
		__builtin_prefetch(c);
}

/* The canonical key: side a is the smaller (address, port) pair, so both
   directions of a conversation find the same flow. */
struct flow_key {
	uint8_t		 ipver, proto;
	uint16_t	 port_a, port_b;
	uint8_t		 a[16], b[16];	/* IPv4 in the first 4, rest zero */
	uint8_t		 pad[2];	/* always zero: the key is hashed whole */
};

/* TCP flags seen so far, the input of the flow state. */
#define FLOW_SEEN_RST		0x01
#define FLOW_SEEN_FIN_SRC	0x02	/* FIN from the flow's src */
#define FLOW_SEEN_FIN_DST	0x04
#define FLOW_SEEN_ACK		0x08	/* ACK without SYN */
#define FLOW_SEEN_SYNACK	0x10
#define FLOW_SEEN_SYN		0x20	/* SYN without ACK */

struct flow {
	UT_hash_handle	 hh;
	struct flow_key	 key;
	bool		 oom;		/* set by uthash when an add failed */
	bool		 src_is_b;	/* the first packet came from side b */
	bool		 same_addr;	/* a and b are one address: one talker */
	bool		 linked;	/* talker[] is set (see flow_link_new()) */
	uint8_t		 seen;		/* FLOW_SEEN_* */
	TAILQ_ENTRY(flow) lru;		/* by last second seen; a free slot
					   chains the free list through it */
	uint64_t	 packets[2];	/* [0]: src -> dst, [1]: reverse */
	uint64_t	 bytes[2];
	int64_t		 first_ns, last_ns;
	struct talker_ref talker[2];	/* side a, side b */
	struct rate	 rate;		/* both ways; rate.last: last second */
};

/* New flows whose talker lookups are made together (their misses
   overlap); flow_link_new() must run before anyone reads talkers. */
#define FLOW_LINK_BATCH		64

struct flow_table {
	struct flow	*hash;		/* uthash head: the sentinel */
	struct flow	*pool;		/* max + 1 entries, allocated once */
	size_t		 unused;	/* pool[unused..max) never used yet */
	struct flow	*free;
	TAILQ_HEAD(flow_lru, flow) lru;	/* least recently seen first */
	size_t		 max, count;
	int64_t		 idle_ns;	/* <= 0: flows never expire */
	uint64_t	 evicted, expired;
	struct talker_table *talkers;	/* linked for each flow's addresses */
	/* New flows whose talkers are not linked yet: pool indices. */
	uint32_t	 unlinked[FLOW_LINK_BATCH];
	unsigned	 nunlinked;
};

/* Allocate a table of at most max flows; 0 / -1 with *cause set. */
int	flow_init(struct flow_table *ft, size_t max, int64_t idle_ns,
	    struct talker_table *talkers, char **cause);
void	flow_free(struct flow_table *ft);
/*
 * A packet on its way into the table.  The writer (the feeder) prepares each
 * packet (key, hash, bucket prefetched) a few packets before it applies
 * it, so that the cache misses of several lookups overlap instead of
 * adding up; the order of updates is unchanged.
 */
struct flow_pending {
	struct flow_key	 key;
	unsigned	 hashv;
	bool		 from_a;	/* the sender is side a */
	uint8_t		 tcpflags;
	int64_t		 ts_ns, sec;
	uint32_t	 wirelen;
};

void	flow_prepare(struct flow_table *ft, const struct pkt_info *pi,
	    int64_t ts_ns, int64_t sec, uint32_t wirelen,
	    struct flow_pending *p);
/* Start loading the flow a prepared packet will update. */
void	flow_prefetch(const struct flow_table *ft,
	    const struct flow_pending *p);
void	flow_apply(struct flow_table *ft, const struct flow_pending *p);
/* Link the talkers of the flows started since the last call (the model
   calls it at the end of every batch). */
void	flow_link_new(struct flow_table *ft);

/* Drop flows idle for longer than idle_ns before now_ns. */
void	flow_expire(struct flow_table *ft, int64_t now_ns);
/*
 * Walk the pool instead of the LRU list when order does not matter: slots
 * 0 .. ft->unused - 1 in memory order, which the hardware prefetches; a
 * free slot gives NULL.
 */
const struct flow *flow_slot(const struct flow_table *ft, size_t i);
/* What flow f counted for the address of its side (0: a, 1: b). */
static inline void
flow_side_counts(const struct flow *f, int side, struct talker_counts *c)
{
	int sent = (side == 0) == !f->src_is_b ? 0 : 1;	/* its direction */

	c->tx_packets = f->packets[sent];
	c->tx_bytes = f->bytes[sent];
	c->rx_packets = f->packets[!sent];
	c->rx_bytes = f->bytes[!sent];
}

/* Fill a reader's copy of f but its rates (left zero). */
void	flow_view_counts(const struct flow *f, struct flow_view *out);
/* Fill a reader's copy of f; rates end at second now. */
void	flow_view(const struct flow *f, int64_t now, struct flow_view *out);
/* The state of a flow from the flags seen (enum flow_state). */
int	flow_state(uint8_t proto, uint8_t seen);

#endif
