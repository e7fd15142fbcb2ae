/*
 * Talkers: per-address counters, bounded, least recently seen evicted.
 *
 * Invariants:
 * - Every talker in use is in the hash and in the LRU list (oldest ..
 *   newest by last packet); free slots are only on the free list.
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

/* Allocate a table of at most max talkers; 0 / -1 with *cause set. */
int
talkers_init(struct talker_table *tt, size_t max, char **cause)
{
	struct talker	*s;
	size_t		 i;

	memset(tt, 0, sizeof *tt);
	if (max < 2)
		max = 2;	/* a flow links two talkers at once */
	if (max >= SIZE_MAX / sizeof *tt->pool)
		tt->pool = NULL;
	else
		tt->pool = calloc(max + 1, sizeof *tt->pool);
	if (tt->pool == NULL)
		goto fail;
	tt->max = max;
	for (i = max; i-- > 0;) {
		tt->pool[i].newer = tt->free;
		tt->free = &tt->pool[i];
	}
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

/* Mark t seen now. */
static void
touch(struct talker_table *tt, struct talker *t)
{
	if (tt->newest != t) {
		lru_unlink(tt, t);
		lru_append(tt, t);
	}
}

/* A free slot, evicting the least recently seen talker if there is none. */
static struct talker *
talker_alloc(struct talker_table *tt)
{
	struct talker	*t;
	uint32_t	 gen;

	if (tt->free == NULL) {
		t = tt->oldest;
		lru_unlink(tt, t);
		HASH_DELETE(hh, tt->hash, t);
		tt->count--;
		tt->evicted++;
	} else {
		t = tt->free;
		tt->free = t->newer;
	}
	gen = t->gen + 1;
	memset(t, 0, sizeof *t);
	t->gen = gen;
	return t;
}

/* Make ref point at the talker for (ipver, addr); see talkers.h. */
bool
talker_link(struct talker_table *tt, struct talker_ref *ref, uint8_t ipver,
    const uint8_t *addr)
{
	struct talker_key	 key;
	struct talker		*t;
	unsigned		 hashv;

	if (talker_ref_valid(ref)) {
		touch(tt, ref->t);
		return true;
	}
	memset(&key, 0, sizeof key);
	key.ipver = ipver;
	memcpy(key.addr, addr, ipver == 4 ? 4 : 16);
	HASH_VALUE(&key, sizeof key, hashv);
	HASH_FIND_BYHASHVALUE(hh, tt->hash, &key, sizeof key, hashv, t);
	if (t == NULL) {
		t = talker_alloc(tt);
		t->key = key;
		HASH_ADD_BYHASHVALUE(hh, tt->hash, key, sizeof key, hashv, t);
		if (t->oom) {
			t->newer = tt->free;
			tt->free = t;
			ref->t = NULL;
			return false;
		}
		lru_append(tt, t);
		tt->count++;
	} else
		touch(tt, t);
	t->flows++;
	ref->t = t;
	ref->gen = t->gen;
	return true;
}

/* A flow holding ref is gone: decrement the flow count if still valid. */
void
talker_unlink(struct talker_table *tt, struct talker_ref *ref)
{
	(void)tt;
	if (talker_ref_valid(ref) && ref->t->flows > 0)
		ref->t->flows--;
	ref->t = NULL;
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
	if (t->tx_packets + t->rx_packets == 1)
		t->hist_sec = sec;	/* first packet */
	if (sec > t->hist_sec) {
		if (sec - t->hist_sec >= MODEL_RATE_SECONDS)
			memset(t->hist, 0, sizeof t->hist);
		else
			while (t->hist_sec < sec)
				t->hist[hist_slot(++t->hist_sec)] = 0;
		t->hist_sec = sec;
	}
	/* Late packets count only while their second is still kept. */
	if (sec > t->hist_sec - MODEL_RATE_SECONDS)
		t->hist[hist_slot(sec)] += len;
}

/* Bytes in second s, 0 when it is not kept. */
static uint64_t
hist_at(const struct talker *t, int64_t s)
{
	if (s > t->hist_sec || s <= t->hist_sec - MODEL_RATE_SECONDS)
		return 0;
	return t->hist[hist_slot(s)];
}

/* Iterate from the least to the most recently seen. */
const struct talker *
talkers_oldest(const struct talker_table *tt)
{
	return tt->oldest;
}

/* Fill a reader's copy of t; rates and history end at second now. */
void
talker_view(const struct talker *t, int64_t now, struct talker_view *out)
{
	static const int	 win[3] = { 2, 10, 40 };
	uint64_t		 sum;
	size_t			 i, nh;
	int64_t			 s;
	int			 w;

	out->ipver = t->key.ipver;
	memcpy(out->addr, t->key.addr, sizeof out->addr);
	out->tx_packets = t->tx_packets;
	out->tx_bytes = t->tx_bytes;
	out->rx_packets = t->rx_packets;
	out->rx_bytes = t->rx_bytes;
	out->flows = t->flows;

	/* Sums over the windows (now - w, now], growing w. */
	nh = sizeof out->history / sizeof out->history[0];
	sum = 0;
	s = now;
	for (i = 0, w = 0; i < 3; i++) {
		for (; w < win[i]; w++, s--)
			sum += hist_at(t, s);
		out->rate[i] = (double)sum / win[i];
	}
	for (i = 0; i < nh; i++)
		out->history[i] = hist_at(t, now - (int64_t)(nh - 1 - i));
}
