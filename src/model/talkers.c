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

/* Enough buckets for MODEL_DEFAULT_MAX_TALKERS: no rehash below it.
   uthash 2.3 defines these unconditionally, hence after the include. */
#undef HASH_INITIAL_NUM_BUCKETS
#undef HASH_INITIAL_NUM_BUCKETS_LOG2
#define HASH_INITIAL_NUM_BUCKETS_LOG2	17U
#define HASH_INITIAL_NUM_BUCKETS	(1U << HASH_INITIAL_NUM_BUCKETS_LOG2)

_Static_assert(RATE_SECS >= 10 && RATE_SECS >= sizeof(((struct talker_view *)
    0)->history) / sizeof(uint64_t), "per-second slots cover 10 s and the "
    "talker history");
_Static_assert((RATE_BLOCKS - 1) << RATE_BLOCK_SHIFT >= 40,
    "blocks cover 40 s");

/* x mod n, in 0..n-1 for negative x too. */
static size_t
mod(int64_t x, int64_t n)
{
	int64_t r = x % n;

	return (size_t)(r < 0 ? r + n : r);
}

/* The 8-second block of second s (floor). */
static int64_t
block_of(int64_t s)
{
	return s >= 0 ? s >> RATE_BLOCK_SHIFT :
	    -((-s - 1) >> RATE_BLOCK_SHIFT) - 1;
}

/* Saturating add. */
static void
sat_add(uint32_t *p, uint32_t v)
{
	*p = *p > UINT32_MAX - v ? UINT32_MAX : *p + v;
}

/* Start a history at second sec. */
void
rate_init(struct rate *r, int64_t sec)
{
	memset(r, 0, sizeof *r);
	r->last = sec;
}

/* Count len bytes in second sec (late seconds count while kept). */
void
rate_add(struct rate *r, int64_t sec, uint32_t len)
{
	int64_t	s, b, lb;

	if (sec > r->last) {
		/* Clear the slots of the seconds and blocks skipped. */
		if (sec - r->last >= RATE_SECS)
			memset(r->sec, 0, sizeof r->sec);
		else
			for (s = r->last + 1; s <= sec; s++)
				r->sec[mod(s, RATE_SECS)] = 0;
		lb = block_of(r->last);
		b = block_of(sec);
		if (b - lb >= RATE_BLOCKS)
			memset(r->blk, 0, sizeof r->blk);
		else
			for (s = lb + 1; s <= b; s++)
				r->blk[mod(s, RATE_BLOCKS)] = 0;
		r->last = sec;
	}
	if (sec > r->last - RATE_SECS)
		sat_add(&r->sec[mod(sec, RATE_SECS)], len);
	if (block_of(sec) > block_of(r->last) - RATE_BLOCKS)
		sat_add(&r->blk[mod(block_of(sec), RATE_BLOCKS)], len);
}

/* Bytes in second s, 0 if not kept. */
uint64_t
rate_at(const struct rate *r, int64_t s)
{
	if (s > r->last || s <= r->last - RATE_SECS)
		return 0;
	return r->sec[mod(s, RATE_SECS)];
}

/* Bytes per second over the last 2, 10 and 40 seconds up to now. */
void
rate_get(const struct rate *r, int64_t now, double out[3])
{
	uint64_t	 sum;
	double		 sum40;
	int64_t		 s, b, first, lb;

	sum = 0;
	for (s = now; s > now - 2; s--)
		sum += rate_at(r, s);
	out[0] = (double)sum / 2;
	for (; s > now - 10; s--)
		sum += rate_at(r, s);
	out[1] = (double)sum / 10;

	/* Blocks overlapping (now - 40, now]; the oldest counts for the
	   part of it inside the window. */
	first = now - 39;
	lb = block_of(r->last);
	sum40 = 0;
	for (b = block_of(first); b <= block_of(now); b++) {
		double part;

		if (b > lb || b <= lb - RATE_BLOCKS)
			continue;
		part = 1;
		if (b * (1 << RATE_BLOCK_SHIFT) < first)
			part = (double)((b + 1) * (1 << RATE_BLOCK_SHIFT) - first) /
			    (1 << RATE_BLOCK_SHIFT);
		sum40 += part * r->blk[mod(b, RATE_BLOCKS)];
	}
	out[2] = sum40 / 40;
}

/* Allocate a table of at most max talkers; 0 / -1 with *cause set. */
int
talkers_init(struct talker_table *tt, size_t max, char **cause)
{
	struct talker	*s;

	memset(tt, 0, sizeof *tt);
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

/* Take t out of the LRU list. */
static void
lru_unlink(struct talker_table *tt, struct talker *t)
{
	if (t->older != NULL)
		t->older->newer = t->newer;
	else
		tt->oldest = t->newer;
	if (t->newer != NULL)
		t->newer->older = t->older;
	else
		tt->newest = t->older;
	t->older = t->newer = NULL;
}

/* Put t at the newest end of the LRU list. */
static void
lru_append(struct talker_table *tt, struct talker *t)
{
	t->older = tt->newest;
	t->newer = NULL;
	if (tt->newest != NULL)
		tt->newest->newer = t;
	else
		tt->oldest = t;
	tt->newest = t;
}

/* t is seen in second sec: newest end of the LRU list if sec is new. */
static void
touch(struct talker_table *tt, struct talker *t, int64_t sec)
{
	if (sec > t->rate.last && tt->newest != t) {
		lru_unlink(tt, t);
		lru_append(tt, t);
	}
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
		tt->free = t->newer;
	} else if (tt->unused < tt->max)
		t = &tt->pool[tt->unused++];
	else {
		t = tt->oldest;
		if (t == keep)
			t = t->newer;	/* max >= 2: there is one */
		lru_unlink(tt, t);
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
		rate_init(&t->rate, sec);
		HASH_ADD_BYHASHVALUE(hh, tt->hash, key, sizeof key, hashv, t);
		if (t->oom) {
			t->key.ipver = 0;	/* free: see talker_slot() */
			t->newer = tt->free;
			tt->free = t;
			ref->slot = 0;
			return false;
		}
		lru_append(tt, t);
		tt->count++;
	} else
		touch(tt, t, sec);
	t->flows++;
	ref->slot = (uint32_t)(t - tt->pool) + 1;
	ref->gen = t->gen;
	return true;
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

/* Count a packet of len bytes at second sec, sent (tx) or received. */
void
talker_count(struct talker *t, int64_t sec, bool tx, uint32_t len)
{
	if (tx) {
		t->tx_packets++;
		t->tx_bytes += len;
	} else {
		t->rx_packets++;
		t->rx_bytes += len;
	}
	rate_add(&t->rate, sec, len);
}

/* Iterate from the least to the most recently seen (t->newer). */
const struct talker *
talkers_oldest(const struct talker_table *tt)
{
	return tt->oldest;
}

/* Fill a reader's copy of t; rates and history end at second now. */
void
talker_view(const struct talker *t, int64_t now, struct talker_view *out)
{
	size_t i, nh;

	out->ipver = t->key.ipver;
	memcpy(out->addr, t->key.addr, sizeof out->addr);
	out->tx_packets = t->tx_packets;
	out->tx_bytes = t->tx_bytes;
	out->rx_packets = t->rx_packets;
	out->rx_bytes = t->rx_bytes;
	out->flows = t->flows;
	rate_get(&t->rate, now, out->rate);
	nh = sizeof out->history / sizeof out->history[0];
	for (i = 0; i < nh; i++)
		out->history[i] = rate_at(&t->rate, now - (int64_t)(nh - 1 - i));
}

/* The talker in pool slot i, or NULL if that slot is free. */
const struct talker *
talker_slot(const struct talker_table *tt, size_t i)
{
	const struct talker *t = &tt->pool[i];

	return i < tt->unused && t->key.ipver != 0 ? t : NULL;
}
