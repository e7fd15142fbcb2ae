/*
 * Talkers: IP address -> packets and bytes sent and received, and the
 * number of live flows the address is in.  Bounded: the least recently
 * seen address makes room for a new one.
 *
 * Flows hold a talker_ref to each of their two addresses so that a packet
 * costs one hash lookup (the flow's), not three.  A reference stays valid
 * until its talker is evicted; the generation number tells.
 */
#ifndef WIRETOP_TALKERS_H
#define WIRETOP_TALKERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <uthash.h>

#include "model.h"

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
	int64_t		 hist_sec;	/* the second hist[] ends at */
	uint64_t	 hist[MODEL_RATE_SECONDS]; /* bytes per second, by
					   second % MODEL_RATE_SECONDS */
};

struct talker_ref {
	struct talker	*t;		/* NULL: none */
	uint32_t	 gen;		/* t->gen when linked */
};

struct talker_table {
	struct talker	*hash;		/* uthash head: the sentinel */
	struct talker	*pool;		/* max + 1 entries, allocated once */
	struct talker	*free;
	struct talker	*oldest, *newest;
	size_t		 max, count;
	uint64_t	 evicted;
};

/* Allocate a table of at most max talkers; 0 / -1 with *cause set. */
int	talkers_init(struct talker_table *tt, size_t max, char **cause);
void	talkers_free(struct talker_table *tt);
/*
 * Make ref point at the talker for (ipver, addr) and mark it seen now:
 * a valid ref is only touched; otherwise the talker is found or created
 * (evicting the least recently seen one when full) and its flow count
 * incremented.  False (ref->t NULL) if it could not be created.
 */
bool	talker_link(struct talker_table *tt, struct talker_ref *ref,
	    uint8_t ipver, const uint8_t *addr);
/* A flow holding ref is gone: decrement the flow count if still valid. */
void	talker_unlink(struct talker_table *tt, struct talker_ref *ref);
/* Is ref still pointing at the talker it was linked to? */
static inline bool
talker_ref_valid(const struct talker_ref *ref)
{
	return ref->t != NULL && ref->t->gen == ref->gen;
}
/* Count a packet of len bytes at second sec, sent (tx) or received. */
void	talker_count(struct talker *t, int64_t sec, bool tx, uint32_t len);
/* Iterate from the least to the most recently seen. */
const struct talker *talkers_oldest(const struct talker_table *tt);
/* Fill a reader's copy of t; rates and history end at second now. */
void	talker_view(const struct talker *t, int64_t now,
	    struct talker_view *out);

/* The history slot of second sec (seconds may be negative). */
static inline size_t
hist_slot(int64_t sec)
{
	int64_t i = sec % MODEL_RATE_SECONDS;

	return (size_t)(i < 0 ? i + MODEL_RATE_SECONDS : i);
}

#endif
