/*
 * Talkers: per-address counters, bounded, least recently seen evicted.
 *
 * Invariants:
 * - Every talker in use is in the hash and in the LRU list; free slots
 *   are on the free list or past pool[unused] (never touched, so unused
 *   capacity costs no memory).
 * - The LRU list is ordered by the last second seen: a talker moves to the
 *   newest end when it is seen in a later second than before, not on every
 *   packet (that would cost two cache misses per packet).  Eviction takes
 *   a talker of the oldest second.
 * - A packet touches only the talker's first cache line (gen, last,
 *   counters): the rate history lives in the flows, and a talker's rate
 *   is the sum of its flows' (see model_talkers()).
 * - The sentinel (pool[max], key all zero: no real address has ipver 0)
 *   stays in the hash for the table's life, so uthash never frees and
 *   reallocates its buckets when the table empties.
 * - A slot's gen only grows; a talker_ref is valid while gens match, so a
 *   flow never counts into a slot that now holds another address.
 * - Nothing is allocated per packet: slots come from the pool, buckets
 *   are sized up front for the default bound.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An add that cannot get memory fails softly: we see t->oom. */
#define HASH_NONFATAL_OOM	1
#define uthash_nonfatal_oom(obj)	((obj)->oom = true)

#include "talkers.h"

/*
 * Half as many buckets as MODEL_DEFAULT_MAX_TALKERS (an average chain of
 * two when full: lookups happen only when a flow starts), and a chain
 * limit no real hash reaches, so that uthash never doubles the table in
 * the capture thread.  uthash 2.3 defines these unconditionally, hence
 * after the include.
 */
#undef HASH_INITIAL_NUM_BUCKETS
#undef HASH_INITIAL_NUM_BUCKETS_LOG2
#undef HASH_BKT_CAPACITY_THRESH
#define HASH_INITIAL_NUM_BUCKETS_LOG2	17U
#define HASH_INITIAL_NUM_BUCKETS	(1U << HASH_INITIAL_NUM_BUCKETS_LOG2)
#define HASH_BKT_CAPACITY_THRESH	64U

/* Allocate a table of at most max talkers; 0 / -1 with *cause set. */
int
talkers_init(struct talker_table *tt, size_t max, char **cause)
{
	struct talker	*s;

	memset(tt, 0, sizeof *tt);
	TAILQ_INIT(&tt->lru);
	if (max < 2)
		max = 2;	/* a flow links two talkers at once */
	if (max >= UINT32_MAX || max >= SIZE_MAX / sizeof *tt->pool)
		tt->pool = NULL;
	else
		tt->pool = calloc(max + 1, sizeof *tt->pool);
	if (tt->pool == NULL)
		goto fail;
	tt->max = max;
	s = &tt->pool[max];
	HASH_ADD(hh, tt->hash, key, sizeof s->key, s);
	if (s->oom) {
		tt->hash = NULL;
		goto fail;
	}
	return 0;

fail:
	if (asprintf(cause, "cannot allocate a talker table of %zu entries",
	    max) < 0)
		*cause = NULL;
	free(tt->pool);
	memset(tt, 0, sizeof *tt);
	return -1;
}

/* Free the table's memory (the struct itself is the caller's). */
void
talkers_free(struct talker_table *tt)
{
	HASH_CLEAR(hh, tt->hash);
	free(tt->pool);
	memset(tt, 0, sizeof *tt);
}

/* t is seen in second sec: newest end of the LRU list if sec is new. */
static void
touch(struct talker_table *tt, struct talker *t, int64_t sec)
{
	if (sec > t->last && TAILQ_NEXT(t, lru) != NULL) {
		TAILQ_REMOVE(&tt->lru, t, lru);
		TAILQ_INSERT_TAIL(&tt->lru, t, lru);
	}
	if (sec > t->last)
		t->last = sec;
}

/* A free slot, evicting the least recently seen talker (other than
   keep) if there is none. */
static struct talker *
talker_alloc(struct talker_table *tt, const struct talker *keep)
{
	struct talker	*t;
	uint32_t	 gen;

	if (tt->free != NULL) {
		t = tt->free;
		tt->free = TAILQ_NEXT(t, lru);
	} else if (tt->unused < tt->max)
		t = &tt->pool[tt->unused++];
	else {
		t = TAILQ_FIRST(&tt->lru);
		if (t == keep)
			t = TAILQ_NEXT(t, lru);	/* max >= 2: there is one */
		TAILQ_REMOVE(&tt->lru, t, lru);
		HASH_DELETE(hh, tt->hash, t);
		tt->count--;
		tt->evicted++;
	}
	gen = t->gen + 1;
	memset(t, 0, sizeof *t);
	t->gen = gen;
	return t;
}

/* Make ref point at the talker for (ipver, addr); see talkers.h. */
bool
talker_link(struct talker_table *tt, struct talker_ref *ref, uint8_t ipver,
    const uint8_t *addr, int64_t sec, const struct talker_ref *keep)
{
	struct talker_key	 key;
	struct talker		*t;
	unsigned		 hashv;

	if ((t = talker_ref_get(tt, ref)) != NULL) {
		touch(tt, t, sec);
		return true;
	}
	memset(&key, 0, sizeof key);
	key.ipver = ipver;
	memcpy(key.addr, addr, ipver == 4 ? 4 : 16);
	HASH_VALUE(&key, sizeof key, hashv);
	HASH_FIND_BYHASHVALUE(hh, tt->hash, &key, sizeof key, hashv, t);
	if (t == NULL) {
		t = talker_alloc(tt, keep != NULL ? talker_ref_get(tt, keep) :
		    NULL);
		t->key = key;
		t->last = sec;
		HASH_ADD_BYHASHVALUE(hh, tt->hash, key, sizeof key, hashv, t);
		if (t->oom) {
			t->key.ipver = 0;	/* free: see talker_slot() */
			TAILQ_NEXT(t, lru) = tt->free;
			tt->free = t;
			ref->slot = 0;
			return false;
		}
		TAILQ_INSERT_TAIL(&tt->lru, t, lru);
		tt->count++;
	} else
		touch(tt, t, sec);
	t->flows++;
	ref->slot = (uint32_t)(t - tt->pool) + 1;
	ref->gen = t->gen;
	return true;
}

/* The talker of (ipver, addr), NULL if none is kept. */
const struct talker *
talker_find(const struct talker_table *tt, uint8_t ipver, const uint8_t *addr)
{
	struct talker_key	 key;
	struct talker		*t;

	memset(&key, 0, sizeof key);
	key.ipver = ipver;
	memcpy(key.addr, addr, ipver == 4 ? 4 : 16);
	HASH_FIND(hh, tt->hash, &key, sizeof key, t);
	return t;
}

/* A flow holding ref is gone: decrement the flow count if still valid. */
void
talker_unlink(struct talker_table *tt, struct talker_ref *ref)
{
	struct talker *t = talker_ref_get(tt, ref);

	if (t != NULL && t->flows > 0)
		t->flows--;
	ref->slot = 0;
}

/* Count a packet of len bytes, sent (tx) or received. */
void
talker_count(struct talker *t, bool tx, uint32_t len)
{
	if (tx) {
		t->tx_packets++;
		t->tx_bytes += len;
	} else {
		t->rx_packets++;
		t->rx_bytes += len;
	}
}

/* Fill a reader's copy of t: its counters (rates and history zero). */
void
talker_view(const struct talker *t, struct talker_view *out)
{
	memset(out, 0, sizeof *out);
	out->ipver = t->key.ipver;
	memcpy(out->addr, t->key.addr, sizeof out->addr);
	out->tx_packets = t->tx_packets;
	out->tx_bytes = t->tx_bytes;
	out->rx_packets = t->rx_packets;
	out->rx_bytes = t->rx_bytes;
	out->flows = t->flows;
}

/* The talker in pool slot i, or NULL if that slot is free. */
const struct talker *
talker_slot(const struct talker_table *tt, size_t i)
{
	const struct talker *t = &tt->pool[i];

	return i < tt->unused && t->key.ipver != 0 ? t : NULL;
}
