/*
 * The flow table.
 *
 * Invariants:
 * - Every flow in use is in the hash and in the LRU list; free slots are
 *   on the free list or past pool[unused] (never touched, so unused
 *   capacity costs no memory).
 * - The LRU list is ordered by the last second seen: a flow moves to the
 *   newest end when it is seen in a later second than before, not on every
 *   packet (that would cost two cache misses per packet).  So eviction
 *   takes a flow of the oldest second, and expiry, which stops at the
 *   first flow not idle, is late by at most a second.
 * - The sentinel (pool[max], key all zero: no real flow has ipver 0) stays
 *   in the hash for the table's life, so uthash never frees and
 *   reallocates its buckets when the table empties.
 * - A flow holds one talker link per address (one when both sides are the
 *   same address), taken by flow_link_new() by the end of the batch it
 *   started in (or when it goes, if sooner); removing the flow hands its
 *   counts to those talkers and releases exactly those links.
 * - Nothing is allocated per packet: slots come from the pool, buckets
 *   are sized up front for the default bound.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An add that cannot get memory fails softly: we see f->oom. */
#define HASH_NONFATAL_OOM	1
#define uthash_nonfatal_oom(obj)	((obj)->oom = true)

#include "decode/wtime.h"
#include "flow.h"

/* Enough buckets for MODEL_DEFAULT_MAX_FLOWS: no rehash below it.
   uthash 2.3 defines these unconditionally, hence after the include. */
#undef HASH_INITIAL_NUM_BUCKETS
#undef HASH_INITIAL_NUM_BUCKETS_LOG2
#define HASH_INITIAL_NUM_BUCKETS_LOG2	17U
#define HASH_INITIAL_NUM_BUCKETS	(1U << HASH_INITIAL_NUM_BUCKETS_LOG2)

/*
 * Every packet hashes its flow key.  uthash's Jenkins hash mixes it a
 * byte at a time in a long dependent chain (a third of the flow table's
 * CPU per packet); this takes it as five words, multiplies them in
 * parallel and mixes the sum with the MurmurHash3 finaliser, whose low
 * bits (the bucket index) depend on every bit of the key.  It reads the
 * packet's fields, not the key just stored: loading those bytes back in
 * wider words would stall on store forwarding.
 */
static unsigned
flow_hash(uint8_t ipver, uint8_t proto, uint16_t port_a, uint16_t port_b,
    const uint8_t *a, const uint8_t *b)
{
	uint64_t	 w[4] = { 0, 0, 0, 0 }, h;
	uint32_t	 a4, b4;

	if (ipver == 4) {
		memcpy(&a4, a, 4);
		memcpy(&b4, b, 4);
		w[0] = a4;
		w[2] = b4;
	} else {
		memcpy(&w[0], a, 16);
		memcpy(&w[2], b, 16);
	}
	h = (w[0] * 0x9e3779b97f4a7c15ULL) ^ (w[1] * 0xc2b2ae3d27d4eb4fULL) ^
	    (w[2] * 0x165667b19e3779f9ULL) ^ (w[3] * 0xd6e8feb86659fd93ULL) ^
	    ((ipver | (uint64_t)proto << 8 | (uint64_t)port_a << 16 |
	    (uint64_t)port_b << 32) * 0xff51afd7ed558ccdULL);
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return (unsigned)h;
}

/* The same of a key in memory (uthash hashes the sentinel's with it). */
static unsigned
flow_key_hash(const void *key)
{
	const struct flow_key *k = key;

	return flow_hash(k->ipver, k->proto, k->port_a, k->port_b, k->a, k->b);
}

#undef HASH_FUNCTION
#define HASH_FUNCTION(keyptr, keylen, hashv)	\
	((hashv) = flow_key_hash(keyptr))

#define TCP_FIN		0x01
#define TCP_SYN		0x02
#define TCP_RST		0x04
#define TCP_ACK		0x10
#define IPPROTO_TCP_NUM	6


/* Allocate a table of at most max flows; 0 / -1 with *cause set. */
int
flow_init(struct flow_table *ft, size_t max, int64_t idle_ns,
    struct talker_table *talkers, char **cause)
{
	struct flow	*s;

	memset(ft, 0, sizeof *ft);
	TAILQ_INIT(&ft->lru);
	if (max < 1)
		max = 1;
	if (max >= UINT32_MAX || max >= SIZE_MAX / sizeof *ft->pool)
		ft->pool = NULL;
	else
		ft->pool = calloc(max + 1, sizeof *ft->pool);
	if (ft->pool == NULL)
		goto fail;
	ft->max = max;
	ft->idle_ns = idle_ns;
	ft->talkers = talkers;
	s = &ft->pool[max];
	HASH_ADD(hh, ft->hash, key, sizeof s->key, s);
	if (s->oom) {
		ft->hash = NULL;
		goto fail;
	}
	return 0;

fail:
	if (asprintf(cause, "cannot allocate a flow table of %zu flows",
	    max) < 0)
		*cause = NULL;
	free(ft->pool);
	memset(ft, 0, sizeof *ft);
	return -1;
}

/* Free the table's memory (the struct itself is the caller's). */
void
flow_free(struct flow_table *ft)
{
	HASH_CLEAR(hh, ft->hash);
	free(ft->pool);
	memset(ft, 0, sizeof *ft);
}

/* Start the talker lookups of a new flow's addresses (one when both are
   the same). */
static void
probe_talkers(const struct flow_table *ft, const struct flow *f,
    struct talker_probe pr[2])
{
	talker_probe_start(ft->talkers, &pr[0], f->key.ipver, f->key.a);
	if (!f->same_addr)
		talker_probe_start(ft->talkers, &pr[1], f->key.ipver,
		    f->key.b);
}

/* Link a new flow to the talkers of its probes. */
static void
link_probed(struct flow_table *ft, struct flow *f,
    const struct talker_probe pr[2])
{
	talker_link(ft->talkers, &f->talker[0], &pr[0]);
	if (f->same_addr)
		f->talker[1] = f->talker[0];
	else
		talker_link(ft->talkers, &f->talker[1], &pr[1]);
	f->linked = true;
}

/* Link one new flow's talkers now. */
static void
link_talkers(struct flow_table *ft, struct flow *f)
{
	struct talker_probe pr[2];

	probe_talkers(ft, f, pr);
	link_probed(ft, f, pr);
}

/*
 * Link the talkers of the flows started since the last call: every
 * bucket first, then every bucket's first talker, then the links, so that
 * a batch of lookups costs about one miss, not two per flow.  An entry
 * whose flow has gone (linked then, see flow_remove()) or whose slot now
 * holds a flow linked already is skipped.
 */
void
flow_link_new(struct flow_table *ft)
{
	struct talker_probe	 pr[FLOW_LINK_BATCH][2];
	struct flow		*f;
	unsigned		 i, n = ft->nunlinked;

	ft->nunlinked = 0;
	for (i = 0; i < n; i++) {
		f = &ft->pool[ft->unlinked[i]];
		if (f->key.ipver != 0 && !f->linked)
			probe_talkers(ft, f, pr[i]);
	}
	for (i = 0; i < n; i++) {
		f = &ft->pool[ft->unlinked[i]];
		if (f->key.ipver == 0 || f->linked)
			continue;
		talker_probe_chain(ft->talkers, &pr[i][0]);
		if (!f->same_addr)
			talker_probe_chain(ft->talkers, &pr[i][1]);
	}
	for (i = 0; i < n; i++) {
		f = &ft->pool[ft->unlinked[i]];
		if (f->key.ipver != 0 && !f->linked)
			link_probed(ft, f, pr[i]);
	}
}

/* Remove a flow in use and put its slot on the free list. */
static void
flow_remove(struct flow_table *ft, struct flow *f)
{
	struct talker_counts	 a, b;

	TAILQ_REMOVE(&ft->lru, f, lru);
	HASH_DELETE(hh, ft->hash, f);
	if (!f->linked)
		link_talkers(ft, f);	/* gone before its batch ended */
	flow_side_counts(f, 0, &a);
	flow_side_counts(f, 1, &b);
	if (f->same_addr) {
		/* One talker sent and received every packet. */
		talker_counts_add(&a, &b, true);
		talker_unlink(ft->talkers, &f->talker[0], &a);
	} else {
		talker_unlink(ft->talkers, &f->talker[0], &a);
		talker_unlink(ft->talkers, &f->talker[1], &b);
	}
	ft->count--;
	f->key.ipver = 0;	/* a free slot, for walks over the pool */
	TAILQ_NEXT(f, lru) = ft->free;
	ft->free = f;
}

/* A zeroed free slot, evicting the least recently seen flow if needed. */
static struct flow *
flow_alloc(struct flow_table *ft)
{
	struct flow	*f;

	if (ft->free == NULL && ft->unused < ft->max)
		f = &ft->pool[ft->unused++];
	else {
		if (ft->free == NULL) {
			flow_remove(ft, TAILQ_FIRST(&ft->lru));
			ft->evicted++;
		}
		f = ft->free;
		ft->free = TAILQ_NEXT(f, lru);
	}
	memset(f, 0, sizeof *f);
	return f;
}


/* Key a packet's flow and start loading its hash bucket; see flow.h. */
void
flow_prepare(struct flow_table *ft, const struct pkt_info *pi, int64_t ts_ns,
    int64_t sec, uint32_t wirelen, struct flow_pending *p)
{
	const uint8_t	*sa, *sb;
	size_t		 alen;
	int		 c;

	alen = pi->ipver == 4 ? 4 : 16;
	memset(&p->key, 0, sizeof p->key);
	p->key.ipver = pi->ipver;
	p->key.proto = pi->l4proto;
	c = memcmp(pi->src, pi->dst, alen);
	if (c == 0)
		c = (int)pi->sport - (int)pi->dport;
	p->from_a = c <= 0;
	sa = p->from_a ? pi->src : pi->dst;
	sb = p->from_a ? pi->dst : pi->src;
	memcpy(p->key.a, sa, alen);
	memcpy(p->key.b, sb, alen);
	p->key.port_a = p->from_a ? pi->sport : pi->dport;
	p->key.port_b = p->from_a ? pi->dport : pi->sport;
	p->tcpflags = pi->tcpflags;
	p->ts_ns = ts_ns;
	p->sec = sec;
	p->wirelen = wirelen;
	p->hashv = flow_hash(pi->ipver, pi->l4proto, p->key.port_a,
	    p->key.port_b, sa, sb);
	/* The table always holds its sentinel, so tbl exists. */
	__builtin_prefetch(&ft->hash->hh.tbl->buckets[p->hashv &
	    (ft->hash->hh.tbl->num_buckets - 1)]);
}

/* Start loading the first flow of a pending packet's bucket. */
void
flow_prefetch(const struct flow_table *ft, const struct flow_pending *p)
{
	const UT_hash_handle *hh;

	hh = ft->hash->hh.tbl->buckets[p->hashv &
	    (ft->hash->hh.tbl->num_buckets - 1)].hh_head;
	/* hh is the flow's first member: the whole flow starts there. */
	if (hh != NULL)
		prefetch_span(hh, sizeof(struct flow));
}

/* Count a prepared packet in its flow (its talkers count it when the
   flow goes, and readers add it until then). */
void
flow_apply(struct flow_table *ft, const struct flow_pending *p)
{
	struct flow_key	 key = p->key;
	struct flow	*f;
	unsigned	 hashv = p->hashv;
	int64_t		 ts_ns = p->ts_ns, sec = p->sec;
	uint32_t	 wirelen = p->wirelen;
	int		 dir;
	bool		 from_a = p->from_a;

	HASH_FIND_BYHASHVALUE(hh, ft->hash, &key, sizeof key, hashv, f);
	if (f == NULL) {
		f = flow_alloc(ft);
		f->key = key;
		f->src_is_b = !from_a;
		f->same_addr = memcmp(key.a, key.b, sizeof key.a) == 0;
		f->first_ns = f->last_ns = ts_ns;
		rate_init(&f->rate, sec);
		HASH_ADD_BYHASHVALUE(hh, ft->hash, key, sizeof key, hashv, f);
		if (f->oom) {
			f->key.ipver = 0;
			TAILQ_NEXT(f, lru) = ft->free;
			ft->free = f;
			return;
		}
		TAILQ_INSERT_TAIL(&ft->lru, f, lru);
		ft->count++;
		/* Its talkers are looked up with other new flows'. */
		ft->unlinked[ft->nunlinked++] = (uint32_t)(f - ft->pool);
		if (ft->nunlinked == FLOW_LINK_BATCH)
			flow_link_new(ft);
	} else if (sec > f->rate.last && TAILQ_NEXT(f, lru) != NULL) {
		TAILQ_REMOVE(&ft->lru, f, lru);
		TAILQ_INSERT_TAIL(&ft->lru, f, lru);
	}

	dir = from_a == !f->src_is_b ? 0 : 1;
	f->packets[dir]++;
	f->bytes[dir] += wirelen;
	if (ts_ns < f->first_ns)
		f->first_ns = ts_ns;
	if (ts_ns > f->last_ns)
		f->last_ns = ts_ns;
	rate_add(&f->rate, sec, wirelen, dir);

	if (key.proto == IPPROTO_TCP_NUM) {
		uint8_t fl = p->tcpflags;

		if (fl & TCP_RST)
			f->seen |= FLOW_SEEN_RST;
		if (fl & TCP_FIN)
			f->seen |= dir == 0 ? FLOW_SEEN_FIN_SRC :
			    FLOW_SEEN_FIN_DST;
		if ((fl & (TCP_SYN | TCP_ACK)) == TCP_ACK)
			f->seen |= FLOW_SEEN_ACK;
		else if ((fl & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK))
			f->seen |= FLOW_SEEN_SYNACK;
		else if (fl & TCP_SYN)
			f->seen |= FLOW_SEEN_SYN;
	}

}

/* Drop flows idle for longer than idle_ns before now_ns. */
void
flow_expire(struct flow_table *ft, int64_t now_ns)
{
	struct flow *f;

	if (ft->idle_ns <= 0)
		return;
	while ((f = TAILQ_FIRST(&ft->lru)) != NULL &&
	    wtime_ns_sub(now_ns, f->last_ns) > ft->idle_ns) {
		flow_remove(ft, f);
		ft->expired++;
	}
}

/* The state of a flow from the flags seen (enum flow_state). */
int
flow_state(uint8_t proto, uint8_t seen)
{
	if (proto != IPPROTO_TCP_NUM)
		return FS_ACTIVE;
	if (seen & FLOW_SEEN_RST)
		return FS_RESET;
	if ((seen & (FLOW_SEEN_FIN_SRC | FLOW_SEEN_FIN_DST)) ==
	    (FLOW_SEEN_FIN_SRC | FLOW_SEEN_FIN_DST))
		return FS_CLOSED;
	if (seen & (FLOW_SEEN_FIN_SRC | FLOW_SEEN_FIN_DST))
		return FS_CLOSING;
	if (seen & FLOW_SEEN_ACK)
		return FS_ESTABLISHED;
	if (seen & FLOW_SEEN_SYNACK)
		return FS_SYN_RECEIVED;
	if (seen & FLOW_SEEN_SYN)
		return FS_SYN_SENT;
	return FS_NONE;
}

/* Fill a reader's copy of f but its rates (left zero). */
void
flow_view_counts(const struct flow *f, struct flow_view *out)
{
	const struct flow_key	*k = &f->key;

	out->ipver = k->ipver;
	out->proto = k->proto;
	if (f->src_is_b) {
		memcpy(out->src, k->b, sizeof out->src);
		memcpy(out->dst, k->a, sizeof out->dst);
		out->sport = k->port_b;
		out->dport = k->port_a;
	} else {
		memcpy(out->src, k->a, sizeof out->src);
		memcpy(out->dst, k->b, sizeof out->dst);
		out->sport = k->port_a;
		out->dport = k->port_b;
	}
	out->packets = f->packets[0];
	out->bytes = f->bytes[0];
	out->packets_rev = f->packets[1];
	out->bytes_rev = f->bytes[1];
	out->first_ns = f->first_ns;
	out->last_ns = f->last_ns;
	out->state = (uint8_t)flow_state(k->proto, f->seen);
	memset(out->rate, 0, sizeof out->rate);
}

/* Fill a reader's copy of f; rates end at second now. */
void
flow_view(const struct flow *f, int64_t now, struct flow_view *out)
{
	flow_view_counts(f, out);
	rate_get(&f->rate, now, out->rate);
}

/* The flow in pool slot i, or NULL if that slot is free. */
const struct flow *
flow_slot(const struct flow_table *ft, size_t i)
{
	const struct flow *f = &ft->pool[i];

	return i < ft->unused && f->key.ipver != 0 ? f : NULL;
}
