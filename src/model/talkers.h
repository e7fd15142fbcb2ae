/*
 * Talkers: IP address -> packets and bytes sent and received, the number
 * of live flows the address is in, and recent rates.
 *
 * A packet never touches a talker.  A talker holds the counts of its
 * flows that are gone; the counts of its live flows are in the flows, and
 * a reader adds them (model.c, talkers_with_live()).  Its rates are its
 * live flows' rates summed the same way (a flow evicted from a full table
 * takes its share of the recent rate with it; its bytes stay counted).
 *
 * Flows hold a talker_ref to each of their two addresses, taken by the
 * end of the batch the flow started in.  A talker in a live flow is never evicted, so a reference
 * stays valid for the flow's life (the generation number checks it).
 * Bounded: when the table is full, the talker that has been without a
 * live flow the longest makes room.  The model sizes the table at two
 * talkers per flow and more, so there always is one.
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

/* Packets and bytes an address sent and received. */
struct talker_counts {
	uint64_t	 tx_packets, tx_bytes;
	uint64_t	 rx_packets, rx_bytes;
};

struct talker {
	uint32_t	 gen;		/* bumped when the slot is reused */
	uint32_t	 flows;		/* live flows linked to it */
	struct talker_counts counts;	/* of its flows removed so far */
	UT_hash_handle	 hh;
	struct talker_key key;
	bool		 oom;		/* set by uthash when an add failed */
	TAILQ_ENTRY(talker) lru;	/* while in no live flow: by when it
					   left the last; a free slot chains
					   the free list through it */
};

/* The part of a talker a reader adds live counts to (gen and counts). */
#define TALKER_COUNTED_BYTES	offsetof(struct talker, hh)

struct talker_ref {
	uint32_t	 slot;		/* pool index + 1; 0: none */
	uint32_t	 gen;		/* the talker's gen when linked */
};

struct talker_table {
	struct talker	*hash;		/* uthash head: the sentinel */
	struct talker	*pool;		/* max + 1 entries, allocated once */
	size_t		 unused;	/* pool[unused..max) never used yet */
	struct talker	*free;
	TAILQ_HEAD(talker_lru, talker) lru; /* in no live flow, longest first */
	size_t		 max, count;
	uint64_t	 evicted;
};

/* Allocate a table of at most max talkers; 0 / -1 with *cause set. */
int	talkers_init(struct talker_table *tt, size_t max, char **cause);
void	talkers_free(struct talker_table *tt);
/*
 * A talker lookup under way: its key and hash.  Starting one loads its
 * hash bucket, talker_probe_chain() then the first talker in it, so that
 * the lookups of many new flows overlap their misses (flow.c links new
 * flows' talkers in batches).
 */
struct talker_probe {
	struct talker_key key;
	unsigned	 hashv;
};

void	talker_probe_start(const struct talker_table *tt,
	    struct talker_probe *p, uint8_t ipver, const uint8_t *addr);
void	talker_probe_chain(const struct talker_table *tt,
	    const struct talker_probe *p);
/*
 * A new flow links ref to the talker of probe p: found or created
 * (evicting the one longest in no live flow when full), its flow count
 * incremented.  False (ref cleared) if it could not be created.
 */
bool	talker_link(struct talker_table *tt, struct talker_ref *ref,
	    const struct talker_probe *p);
/* The talker of (ipver, addr), NULL if none is kept. */
const struct talker *talker_find(const struct talker_table *tt, uint8_t ipver,
	    const uint8_t *addr);
/* A flow holding ref is gone, and c is what it counted for ref's
   address: keep c, decrement the flow count. */
void	talker_unlink(struct talker_table *tt, struct talker_ref *ref,
	    const struct talker_counts *c);
/* Add c to (add) or take it from *to. */
void	talker_counts_add(struct talker_counts *to,
	    const struct talker_counts *c, bool add);
/* The talker in pool slot i (0 .. tt->unused - 1), NULL if free: a walk
   in memory order, for when order does not matter. */
const struct talker *talker_slot(const struct talker_table *tt, size_t i);
/* Fill a reader's copy of t: t->counts (those of its flows gone, and
   of the live ones while a reader has added them), rates and history
   zero. */
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
