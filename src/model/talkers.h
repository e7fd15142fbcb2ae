/*
 * Talkers: IP address -> packets and bytes sent and received, the number
 * of live flows the address is in, and recent rates.  Bounded: the least
 * recently seen address (to the second) makes room for a new one.
 *
 * Flows hold a talker_ref to each of their two addresses so that a packet
 * costs one hash lookup (the flow's), not three.  A reference stays valid
 * until its talker is evicted; the generation number tells.
 *
 * Also here: the byte-rate history flows and talkers share (struct rate).
 */
#ifndef WIRETOP_TALKERS_H
#define WIRETOP_TALKERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <uthash.h>

#include "model.h"

/*
 * Recent bytes: one slot per second for the last RATE_SECS seconds (the
 * 2 s and 10 s rates and the talkers' 16-second history are exact), and
 * one per 8-second block for the last RATE_BLOCKS blocks (the 40 s rate,
 * its oldest block prorated).  Counts saturate at UINT32_MAX.
 */
#define RATE_SECS		16
#define RATE_BLOCKS		6
#define RATE_BLOCK_SHIFT	3	/* 8-second blocks */

struct rate {
	int64_t		 last;		/* newest second counted */
	uint32_t	 sec[RATE_SECS];	/* by second % RATE_SECS */
	uint32_t	 blk[RATE_BLOCKS];	/* by block % RATE_BLOCKS */
};

/* Start a history at second sec. */
void	rate_init(struct rate *r, int64_t sec);
/* Count len bytes in second sec (late seconds count while kept). */
void	rate_add(struct rate *r, int64_t sec, uint32_t len);
/* Bytes per second over the last 2, 10 and 40 seconds up to now. */
void	rate_get(const struct rate *r, int64_t now, double out[3]);
/* Bytes in second s, 0 if not kept. */
uint64_t rate_at(const struct rate *r, int64_t s);

struct talker_key {
	uint8_t		 ipver;
	uint8_t		 addr[16];	/* IPv4 in the first 4, rest zero */
};

struct talker {
	UT_hash_handle	 hh;
	struct talker_key key;
	bool		 oom;		/* set by uthash when an add failed */
	uint32_t	 gen;		/* bumped when the slot is reused */
	uint32_t	 flows;		/* live flows linked to it */
	struct talker	*older, *newer;	/* LRU list; free list uses newer */
	uint64_t	 tx_packets, tx_bytes;
	uint64_t	 rx_packets, rx_bytes;
	struct rate	 rate;		/* rate.last: last second seen */
};

struct talker_ref {
	uint32_t	 slot;		/* pool index + 1; 0: none */
	uint32_t	 gen;		/* the talker's gen when linked */
};

struct talker_table {
	struct talker	*hash;		/* uthash head: the sentinel */
	struct talker	*pool;		/* max + 1 entries, allocated once */
	size_t		 unused;	/* pool[unused..max) never used yet */
	struct talker	*free;
	struct talker	*oldest, *newest;
	size_t		 max, count;
	uint64_t	 evicted;
};

/* Allocate a table of at most max talkers; 0 / -1 with *cause set. */
int	talkers_init(struct talker_table *tt, size_t max, char **cause);
void	talkers_free(struct talker_table *tt);
/*
 * Make ref point at the talker for (ipver, addr), seen in second sec:
 * a valid ref is only touched; otherwise the talker is found or created
 * (evicting the least recently seen one when full, but never keep's) and
 * its flow count incremented.  False (ref cleared) if it could not be
 * created.
 */
bool	talker_link(struct talker_table *tt, struct talker_ref *ref,
	    uint8_t ipver, const uint8_t *addr, int64_t sec,
	    const struct talker_ref *keep);
/* A flow holding ref is gone: decrement the flow count if still valid. */
void	talker_unlink(struct talker_table *tt, struct talker_ref *ref);
/* Count a packet of len bytes at second sec, sent (tx) or received. */
void	talker_count(struct talker *t, int64_t sec, bool tx, uint32_t len);
/* Iterate from the least to the most recently seen (t->newer). */
const struct talker *talkers_oldest(const struct talker_table *tt);
/* The talker in pool slot i (0 .. tt->unused - 1), NULL if free: a walk
   in memory order, for when order does not matter. */
const struct talker *talker_slot(const struct talker_table *tt, size_t i);
/* Fill a reader's copy of t; rates and history end at second now. */
void	talker_view(const struct talker *t, int64_t now,
	    struct talker_view *out);

/* The talker ref points at, or NULL if none or evicted since. */
static inline struct talker *
talker_ref_get(const struct talker_table *tt, const struct talker_ref *ref)
{
	struct talker *t;

	if (ref->slot == 0)
		return NULL;
	t = &tt->pool[ref->slot - 1];
	return t->gen == ref->gen ? t : NULL;
}

#endif
