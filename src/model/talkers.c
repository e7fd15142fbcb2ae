/*
 * Talkers: per-address counters, bounded, idle ones evicted.
 *
 * Invariants:
 * - Every talker in use is in the hash; it is in the LRU list exactly
 *   when it is in no live flow (flows == 0), in the order its last flow
 *   went.  Free slots are on the free list or past pool[unused] (never
 *   touched, so unused capacity costs no memory).
 * - Only a talker in no live flow is evicted, so a flow's talker_ref stays
 *   valid for the flow's life.
 * - A packet touches no talker: a talker's counts are those of its flows
 *   gone, folded in by talker_unlink(); readers add the live flows'.
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
 * the feeder's thread.  uthash 2.3 defines these unconditionally, hence
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

/* A free slot, evicting the talker longest in no live flow if there is
   none; NULL if every talker is in a live flow. */
static struct talker *
talker_alloc(struct talker_table *tt)
{
	struct talker	*t;
	uint32_t	 gen;

	if (tt->free != NULL) {
		t = tt->free;
		tt->free = TAILQ_NEXT(t, lru);
	} else if (tt->unused < tt->max)
		t = &tt->pool[tt->unused++];
	else {
		if ((t = TAILQ_FIRST(&tt->lru)) == NULL)
			return NULL;
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

/* The bucket of a hash value (the table always holds its sentinel). */
static UT_hash_bucket *
talker_bucket(const struct talker_table *tt, unsigned hashv)
{
	return &tt->hash->hh.tbl->buckets[hashv &
	    (tt->hash->hh.tbl->num_buckets - 1)];
}

/* Key and hash the address, and start loading its bucket. */
void
talker_probe_start(const struct talker_table *tt, struct talker_probe *p,
    uint8_t ipver, const uint8_t *addr)
{
	memset(&p->key, 0, sizeof p->key);
	p->key.ipver = ipver;
	memcpy(p->key.addr, addr, ipver == 4 ? 4 : 16);
	HASH_VALUE(&p->key, sizeof p->key, p->hashv);
	__builtin_prefetch(talker_bucket(tt, p->hashv));
}

/* The bucket is loaded by now: start loading its first talker. */
void
talker_probe_chain(const struct talker_table *tt,
    const struct talker_probe *p)
{
	const UT_hash_handle *hh = talker_bucket(tt, p->hashv)->hh_head;

	/* The lookup reads hh and the key after it. */
	if (hh != NULL) {
		__builtin_prefetch(hh);
		__builtin_prefetch((const char *)hh + 64);
	}
}

/* Link a new flow's ref to the talker of a probe; see talkers.h. */
bool
talker_link(struct talker_table *tt, struct talker_ref *ref,
    const struct talker_probe *p)
{
	struct talker		*t;

	ref->slot = 0;
	HASH_FIND_BYHASHVALUE(hh, tt->hash, &p->key, sizeof p->key, p->hashv,
	    t);
	if (t == NULL) {
		if ((t = talker_alloc(tt)) == NULL)
			return false;
		t->key = p->key;
		HASH_ADD_BYHASHVALUE(hh, tt->hash, key, sizeof t->key, p->hashv,
		    t);
		if (t->oom) {
			t->key.ipver = 0;	/* free: see talker_slot() */
			TAILQ_NEXT(t, lru) = tt->free;
			tt->free = t;
			return false;
		}
		tt->count++;
	} else if (t->flows == 0)
		TAILQ_REMOVE(&tt->lru, t, lru);
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

/* A flow holding ref is gone: keep its counts c, one flow fewer. */
void
talker_unlink(struct talker_table *tt, struct talker_ref *ref,
    const struct talker_counts *c)
{
	struct talker *t = talker_ref_get(tt, ref);

	ref->slot = 0;
	if (t == NULL || t->flows == 0)
		return;
	talker_counts_add(&t->counts, c, true);
	if (--t->flows == 0)
		TAILQ_INSERT_TAIL(&tt->lru, t, lru);
}

/* Add c to (add) or take it from *to. */
void
talker_counts_add(struct talker_counts *to, const struct talker_counts *c,
    bool add)
{
	if (add) {
		to->tx_packets += c->tx_packets;
		to->tx_bytes += c->tx_bytes;
		to->rx_packets += c->rx_packets;
		to->rx_bytes += c->rx_bytes;
	} else {
		to->tx_packets -= c->tx_packets;
		to->tx_bytes -= c->tx_bytes;
		to->rx_packets -= c->rx_packets;
		to->rx_bytes -= c->rx_bytes;
	}
}

/* Fill a reader's copy of t: its counters (rates and history zero). */
void
talker_view(const struct talker *t, struct talker_view *out)
{
	memset(out, 0, sizeof *out);
	out->ipver = t->key.ipver;
	memcpy(out->addr, t->key.addr, sizeof out->addr);
	out->tx_packets = t->counts.tx_packets;
	out->tx_bytes = t->counts.tx_bytes;
	out->rx_packets = t->counts.rx_packets;
	out->rx_bytes = t->counts.rx_bytes;
	out->flows = t->flows;
}

/* The talker in pool slot i, or NULL if that slot is free. */
const struct talker *
talker_slot(const struct talker_table *tt, size_t i)
{
	const struct talker *t = &tt->pool[i];

	return i < tt->unused && t->key.ipver != 0 ? t : NULL;
}
