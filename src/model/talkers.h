/*
 * Talkers: IP address -> packets and bytes sent and received, the number
 * of live flows the address is in, and recent rates.  Bounded: the least
 * recently seen address (to the second) makes room for a new one.
 *
 * Flows hold a talker_ref to each of their two addresses so that a packet
 * costs one hash lookup (the flow's), not three.  A reference stays valid
 * until its talker is evicted; the generation number tells.
 *
 * A talker keeps no rate history of its own: its rates are the sum of its
 * live flows' (a flow evicted from a full table takes its share of the
 * recent rate with it; its bytes stay counted here).  That keeps a talker
 * small and a packet's update to one cache line.
 */
#ifndef WIRETOP_TALKERS_H
#define WIRETOP_TALKERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/queue.h>

#include <uthash.h>

#include "model.h"

struct talker_key {
	uint8_t		 ipver;
	uint8_t		 addr[16];	/* IPv4 in the first 4, rest zero */
};

struct talker {
	/* What every packet touches, first: one cache line. */
	uint32_t	 gen;		/* bumped when the slot is reused */
	uint32_t	 flows;		/* live flows linked to it */
	int64_t		 last;		/* last second seen */
	uint64_t	 tx_packets, tx_bytes;
	uint64_t	 rx_packets, rx_bytes;
	/* What a lookup, an eviction or a reader touches. */
	UT_hash_handle	 hh;
	struct talker_key key;
	bool		 oom;		/* set by uthash when an add failed */
	TAILQ_ENTRY(talker) lru;	/* by last second seen; a free slot
					   chains the free list through it */
};

/* The part of a talker a packet updates (prefetched ahead). */
#define TALKER_HOT_BYTES	offsetof(struct talker, hh)

struct talker_ref {
	uint32_t	 slot;		/* pool index + 1; 0: none */
	uint32_t	 gen;		/* the talker's gen when linked */
};

struct talker_table {
	struct talker	*hash;		/* uthash head: the sentinel */
	struct talker	*pool;		/* max + 1 entries, allocated once */
	size_t		 unused;	/* pool[unused..max) never used yet */
	struct talker	*free;
	TAILQ_HEAD(talker_lru, talker) lru; /* least recently seen first */
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
/* The talker of (ipver, addr), NULL if none is kept. */
const struct talker *talker_find(const struct talker_table *tt, uint8_t ipver,
	    const uint8_t *addr);
/* A flow holding ref is gone: decrement the flow count if still valid. */
void	talker_unlink(struct talker_table *tt, struct talker_ref *ref);
/* Count a packet of len bytes, sent (tx) or received. */
void	talker_count(struct talker *t, bool tx, uint32_t len);
/* The talker in pool slot i (0 .. tt->unused - 1), NULL if free: a walk
   in memory order, for when order does not matter. */
const struct talker *talker_slot(const struct talker_table *tt, size_t i);
/* Fill a reader's copy of t: its counters (rates and history zero). */
void	talker_view(const struct talker *t, struct talker_view *out);

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
