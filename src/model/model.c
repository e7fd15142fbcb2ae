/*
 * The model: the ring, the flow table, the talkers and the totals behind
 * one mutex.
 *
 * Invariants:
 * - Only the writer (the thread calling model_batch_begin/model_add/
 *   model_batch_end) changes the model, and only with the lock held: once
 *   per batch, or once per call outside a batch.  in_batch is touched by
 *   the writer alone, so it needs no lock of its own.
 * - Totals count every packet ever added; the ring, the flow table and the
 *   talkers forget (bounded), the totals do not.
 * - Nothing on the per-packet path allocates, formats or sorts: one hash
 *   lookup (the flow's), and no talker (new flows link their talkers
 *   in groups by the end of the batch and hand them their counts when
 *   they go; readers add the live flows' counts: talkers_add_live()).
 * - The talker table has room for both talkers of every flow, so a new
 *   flow always finds its talkers a slot (only talkers in no live flow
 *   are evicted).
 */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode/wtime.h"
#include "flow.h"
#include "model.h"
#include "ring.h"
#include "talkers.h"

#define NS_PER_SEC	1000000000LL
#define MAX_IFNAMES	4096
#define SORT_PREFETCH	8	/* entries loaded ahead in walks in random
				   order (sorted output, flows' talkers) */
#define FLOW_STAGE	3	/* packets between bucket and flow loads */
#define FLOW_PIPE	(2 * FLOW_STAGE) /* packets prepared ahead of the
					   flow table */

struct model {
	pthread_mutex_t		 lock;
	bool			 in_batch;
	/* Packets prepared for the flow table, applied FLOW_PIPE later. */
	struct flow_pending	 pending[FLOW_PIPE];
	unsigned		 pend_first, pend_count;
	uint64_t		 generation;
	struct model_totals	 tot;		/* packets, bytes, protocols, time */
	bool			 have_time;
	int64_t			 clock_ns;	/* model_tick(); 0: none */
	struct ring		 ring;		/* empty with no_records */
	bool			 no_records;
	struct flow_table	 flows;
	struct talker_table	 talkers;

	/* Protocol counting: a packet's protos mask, with aliases folded
	   into the id that carries their --stats name (802.1ad -> vlan),
	   and'ed with the ids that are counted. */
	uint64_t		 counted;
	uint64_t		 aliased;
	uint8_t			 alias[P_MAX];

	char			**ifnames;	/* index i + 1 is ifnames[i] */
	size_t			 nif, ifcap;
	const char		*last_ifname;	/* cache for model_add */
	uint16_t		 last_ifindex;
};

/* Out of memory where there is no way to fail softly. */
static void
fatal_oom(void)
{
	fprintf(stderr, "wiretop: out of memory\n");
	abort();
}

/* Set *cause to a formatted message (NULL if even that fails). */
static void
set_cause(char **cause, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Set *cause to a formatted message (NULL if even that fails). */
static void
set_cause(char **cause, const char *fmt, ...)
{
	va_list	ap;

	if (cause == NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(cause, fmt, ap) < 0)
		*cause = NULL;
	va_end(ap);
}

/* a * b + c into *out, false on overflow. */
static bool
size_muladd(size_t a, size_t b, size_t c, size_t *out)
{
	if (b != 0 && a > (SIZE_MAX - c) / b)
		return false;
	*out = a * b + c;
	return true;
}

/* Check that the sizes asked for fit in this machine's memory. */
static int
check_sizes(const struct model_config *c, char **cause)
{
	size_t	total, phys;
	long	pages, psize;

	total = 0;
	if (!size_muladd(c->ring_packets, sizeof(struct ring_slot), total,
	    &total) ||
	    !size_muladd(c->ring_bytes, 1, total, &total) ||
	    !size_muladd(c->max_flows + 1, sizeof(struct flow), total,
	    &total) || c->max_flows == SIZE_MAX ||
	    !size_muladd(c->max_talkers + 1, sizeof(struct talker), total,
	    &total) || c->max_talkers == SIZE_MAX) {
		set_cause(cause, "model sizes too large (ring %zu packets, "
		    "%zu bytes; %zu flows; %zu talkers)", c->ring_packets,
		    c->ring_bytes, c->max_flows, c->max_talkers);
		return -1;
	}
	pages = sysconf(_SC_PHYS_PAGES);
	psize = sysconf(_SC_PAGE_SIZE);
	if (pages > 0 && psize > 0 &&
	    size_muladd((size_t)pages, (size_t)psize, 0, &phys) &&
	    total > phys) {
		set_cause(cause, "model needs %zu MB (ring %zu packets, %zu "
		    "bytes; %zu flows; %zu talkers), more than the %zu MB of "
		    "memory", total >> 20, c->ring_packets, c->ring_bytes,
		    c->max_flows, c->max_talkers, phys >> 20);
		return -1;
	}
	return 0;
}

/* Fold protocol aliases: each id counts under the first id that has its
   --stats name. */
static void
init_protocols(struct model *m)
{
	int p, q;

	for (p = 0; p < P_MAX; p++) {
		m->alias[p] = (uint8_t)p;
		if (proto_defs[p].stats == NULL)
			continue;
		for (q = 0; q < p; q++)
			if (proto_defs[q].stats != NULL &&
			    strcmp(proto_defs[q].stats, proto_defs[p].stats) == 0)
				break;
		m->alias[p] = (uint8_t)q;
		if (q == p)
			m->counted |= 1ULL << p;
		else
			m->aliased |= 1ULL << p;
	}
}

/* A new empty model; NULL with *cause set (caller frees) on failure.
   Zero sizes in cfg (or a NULL cfg) mean the defaults; a negative
   flow_idle_ns means flows never expire. */
struct model *
model_new(const struct model_config *cfg, char **cause)
{
	struct model_config	 c;
	struct model		*m;

	if (cause != NULL)
		*cause = NULL;
	if (cfg != NULL)
		c = *cfg;
	else
		memset(&c, 0, sizeof c);
	if (c.ring_packets == 0)
		c.ring_packets = MODEL_DEFAULT_RING_PACKETS;
	if (c.ring_bytes == 0)
		c.ring_bytes = MODEL_DEFAULT_RING_BYTES;
	if (c.max_flows == 0)
		c.max_flows = MODEL_DEFAULT_MAX_FLOWS;
	if (c.max_talkers == 0)
		c.max_talkers = MODEL_DEFAULT_MAX_TALKERS;
	/* Room for both talkers of every flow (see the invariants: a new
	   flow links its two after a full table has let one go); an
	   impossible bound fails check_sizes(). */
	if (c.max_flows > SIZE_MAX / 2)
		c.max_talkers = SIZE_MAX;
	else if (c.max_talkers < 2 * c.max_flows)
		c.max_talkers = 2 * c.max_flows;
	if (c.flow_idle_ns == 0)
		c.flow_idle_ns = MODEL_DEFAULT_FLOW_IDLE_NS;
	if (c.no_records)
		c.ring_packets = c.ring_bytes = 0;	/* none allocated */
	if (check_sizes(&c, cause) != 0)
		return NULL;

	m = calloc(1, sizeof *m);
	if (m == NULL) {
		set_cause(cause, "out of memory");
		return NULL;
	}
	if (pthread_mutex_init(&m->lock, NULL) != 0) {
		set_cause(cause, "cannot create the model lock");
		free(m);
		return NULL;
	}
	init_protocols(m);
	m->no_records = c.no_records;
	if (!m->no_records &&
	    ring_init(&m->ring, c.ring_packets, c.ring_bytes, cause) != 0)
		goto fail;
	if (talkers_init(&m->talkers, c.max_talkers, cause) != 0)
		goto fail;
	if (flow_init(&m->flows, c.max_flows, c.flow_idle_ns, &m->talkers,
	    cause) != 0)
		goto fail;
	return m;

fail:
	model_free(m);
	return NULL;
}

/* Free the model and everything it holds. */
void
model_free(struct model *m)
{
	size_t i;

	if (m == NULL)
		return;
	if (m->flows.pool != NULL)
		flow_free(&m->flows);
	if (m->talkers.pool != NULL)
		talkers_free(&m->talkers);
	ring_free(&m->ring);
	for (i = 0; i < m->nif; i++)
		free(m->ifnames[i]);
	free(m->ifnames);
	pthread_mutex_destroy(&m->lock);
	free(m);
}

/* Start a batch of additions: takes the lock until model_batch_end(). */
void
model_batch_begin(struct model *m)
{
	pthread_mutex_lock(&m->lock);
	m->in_batch = true;
}

/* The model's present: the newest packet or model_tick(), if later. */
static int64_t
now_ns(const struct model *m)
{
	if (!m->have_time || m->clock_ns > m->tot.last_ns)
		return m->clock_ns;
	return m->tot.last_ns;
}

/* The second of now_ns() (floor, for times before 1970 too). */
static int64_t
now_sec(const struct model *m)
{
	int64_t ns = now_ns(m);

	/* -(ns + 1): -ns overflows at INT64_MIN (a saturated time). */
	return ns >= 0 ? ns / NS_PER_SEC : -(-(ns + 1) / NS_PER_SEC) - 1;
}

/* Apply every prepared packet to the flow table, oldest first. */
static void
pending_drain(struct model *m)
{
	while (m->pend_count > 0) {
		flow_apply(&m->flows, &m->pending[m->pend_first]);
		m->pend_first = (m->pend_first + 1) % FLOW_PIPE;
		m->pend_count--;
	}
}

/*
 * Queue a packet for the flow table.  Its bucket starts loading now, its
 * flow FLOW_STAGE packets later, and it is applied FLOW_PIPE packets
 * later: the misses of several lookups overlap instead of adding up.
 */
static void
pending_add(struct model *m, const struct pkt_info *pi, int64_t ts,
    int64_t sec, uint32_t wirelen)
{
	unsigned slot;

	if (m->pend_count == FLOW_PIPE) {
		flow_apply(&m->flows, &m->pending[m->pend_first]);
		m->pend_first = (m->pend_first + 1) % FLOW_PIPE;
		m->pend_count--;
	}
	slot = (m->pend_first + m->pend_count) % FLOW_PIPE;
	flow_prepare(&m->flows, pi, ts, sec, wirelen, &m->pending[slot]);
	m->pend_count++;
	/* Each stage waits a few packets for the previous one's loads. */
	if (m->pend_count > FLOW_STAGE)
		flow_prefetch(&m->flows, &m->pending[(m->pend_first +
		    m->pend_count - 1 - FLOW_STAGE) % FLOW_PIPE]);
}

/* Work done once per batch with the lock held: the flow table brought up
   to date, expiry, generation. */
static void
batch_close(struct model *m)
{
	pending_drain(m);
	flow_link_new(&m->flows);
	if (m->have_time || m->clock_ns != 0)
		flow_expire(&m->flows, now_ns(m));
	m->generation++;
}

/* End a batch: expire idle flows, publish, release the lock. */
void
model_batch_end(struct model *m)
{
	batch_close(m);
	m->in_batch = false;
	pthread_mutex_unlock(&m->lock);
}

/* Count a packet once for each protocol of its dissection. */
static void
count_protocols(struct model *m, uint64_t protos, uint32_t wirelen)
{
	uint64_t	 al;
	int		 p;

	for (al = protos & m->aliased; al != 0; al &= al - 1)
		protos |= 1ULL << m->alias[__builtin_ctzll(al)];
	for (protos &= m->counted; protos != 0; protos &= protos - 1) {
		p = __builtin_ctzll(protos);
		m->tot.proto[p].packets++;
		m->tot.proto[p].bytes += wirelen;
	}
}

/* The index of an interface name; the lock is held. */
static uint16_t
ifindex_locked(struct model *m, const char *name)
{
	char	**n;
	size_t	  i;

	for (i = 0; i < m->nif; i++)
		if (strcmp(m->ifnames[i], name) == 0)
			return (uint16_t)(i + 1);
	if (m->nif >= MAX_IFNAMES)
		return 0;
	if (m->nif == m->ifcap) {
		n = reallocarray(m->ifnames, m->ifcap ? m->ifcap * 2 : 8,
		    sizeof *n);
		if (n == NULL)
			return 0;
		m->ifnames = n;
		m->ifcap = m->ifcap ? m->ifcap * 2 : 8;
	}
	if ((m->ifnames[m->nif] = strdup(name)) == NULL)
		return 0;
	m->nif++;
	return (uint16_t)m->nif;
}

/* Keep a packet's record and bytes in the ring; its number. */
static uint64_t
ring_add(struct model *m, const struct frame_meta *fm, const uint8_t *data,
    const struct pkt_info *pi)
{
	struct pkt_rec	 rec;

	rec.number = 0;
	rec.ts_sec = fm->ts_sec;
	rec.ts_nsec = fm->ts_nsec;
	rec.caplen = fm->caplen;
	rec.wirelen = fm->wirelen;
	rec.link = (uint16_t)fm->link;
	rec.ifindex = 0;
	if (fm->ifname != NULL) {
		if (fm->ifname != m->last_ifname) {
			m->last_ifindex = ifindex_locked(m, fm->ifname);
			m->last_ifname = fm->ifname;
		}
		rec.ifindex = m->last_ifindex;
	}
	rec.protos = pi->protos;
	rec.top = pi->top;
	rec.status = pi->status;
	rec.ipver = pi->ipver;
	rec.l4proto = pi->l4proto;
	memcpy(rec.src, pi->src, sizeof rec.src);
	memcpy(rec.dst, pi->dst, sizeof rec.dst);
	rec.sport = pi->sport;
	rec.dport = pi->dport;
	rec.tcpflags = pi->tcpflags;
	return ring_push(&m->ring, &rec, data);
}

/* Add one decoded packet; returns its record number. */
uint64_t
model_add(struct model *m, const struct frame_meta *fm, const uint8_t *data,
    const struct pkt_info *pi)
{
	uint64_t	 n;
	int64_t		 ts, sec;
	bool		 alone;

	alone = !m->in_batch;
	if (alone)
		pthread_mutex_lock(&m->lock);

	/* Any int64 seconds may come from a file: the model's times are
	   nanosecond counts, saturated, and the rates' second is that
	   count's (floor), so that both stay in step. */
	ts = wtime_ns(fm->ts_sec, fm->ts_nsec);
	sec = ts >= 0 ? ts / NS_PER_SEC : -((-(ts + 1)) / NS_PER_SEC) - 1;

	m->tot.packets++;
	m->tot.bytes += fm->wirelen;
	if (!m->have_time) {
		m->tot.first_ns = m->tot.last_ns = ts;
		m->tot.t0_sec = fm->ts_sec;
		m->tot.t0_nsec = fm->ts_nsec;
		m->have_time = true;
	} else if (ts < m->tot.first_ns)
		m->tot.first_ns = ts;
	else if (ts > m->tot.last_ns)
		m->tot.last_ns = ts;
	count_protocols(m, pi->protos, fm->wirelen);

	if (pi->ipver == 4 || pi->ipver == 6)
		pending_add(m, pi, ts, sec, fm->wirelen);
	n = m->no_records ? m->tot.packets : ring_add(m, fm, data, pi);

	if (alone) {
		batch_close(m);
		pthread_mutex_unlock(&m->lock);
	}
	return n;
}


/* Kernel drop counter: total so far (the caller accumulates). */
void
model_set_dropped(struct model *m, uint64_t dropped)
{
	if (m->in_batch) {
		m->tot.dropped = dropped;
		return;
	}
	pthread_mutex_lock(&m->lock);
	if (m->tot.dropped != dropped) {
		m->tot.dropped = dropped;
		m->generation++;
	}
	pthread_mutex_unlock(&m->lock);
}

/* Interface names for -i any: index for a name (added if new); 0 if the
   table is full or out of memory. */
uint16_t
model_ifindex(struct model *m, const char *name)
{
	uint16_t i;

	if (m->in_batch)
		return ifindex_locked(m, name);
	pthread_mutex_lock(&m->lock);
	i = ifindex_locked(m, name);
	pthread_mutex_unlock(&m->lock);
	return i;
}

/* The time is now_ns (live capture, epoch ns) even if no packet comes:
   rates decay and idle flows expire.  Writer side, like model_add(). */
void
model_tick(struct model *m, int64_t now)
{
	bool alone = !m->in_batch;

	if (alone)
		pthread_mutex_lock(&m->lock);
	if (now > m->clock_ns)
		m->clock_ns = now;
	if (alone) {
		batch_close(m);
		pthread_mutex_unlock(&m->lock);
	}
}

/* Take the model's lock (readers). */
void
model_lock(struct model *m)
{
	pthread_mutex_lock(&m->lock);
}

/* Take the model's lock if nobody holds it; false if someone does. */
bool
model_trylock(struct model *m)
{
	return pthread_mutex_trylock(&m->lock) == 0;
}

/* Release the model's lock. */
void
model_unlock(struct model *m)
{
	pthread_mutex_unlock(&m->lock);
}

/* A change counter bumped by every batch. */
uint64_t
model_generation(const struct model *m)
{
	return m->generation;
}

/* Copy the totals, with the forgetting counters of the parts. */
void
model_totals(const struct model *m, struct model_totals *out)
{
	*out = m->tot;
	out->ring_overwritten = m->ring.overwritten;
	out->flows_evicted = m->flows.evicted;
	out->flows_expired = m->flows.expired;
	out->talkers_evicted = m->talkers.evicted;
}

/* Packets in the ring: numbers first..last (0, 0 when empty). */
void
model_ring_span(const struct model *m, uint64_t *first, uint64_t *last)
{
	ring_span(&m->ring, first, last);
}

/* Copy record number n and up to cap of its bytes into buf; false if gone. */
bool
model_ring_get(const struct model *m, uint64_t n, struct pkt_rec *rec,
    uint8_t *buf, size_t cap)
{
	return ring_get(&m->ring, n, rec, buf, cap);
}

/* The name of an interface index, NULL for 0 or unknown. */
const char *
model_ifname(const struct model *m, uint16_t ifindex)
{
	if (ifindex == 0 || ifindex > m->nif)
		return NULL;
	return m->ifnames[ifindex - 1];
}

/*
 * Top-N selection: a heap of at most max elements in the caller's array
 * whose root is the element that sorts last, so each candidate costs one
 * comparison unless it belongs in the top N; the heap is sorted at the end.
 */
#define TOPN_MAX_ELT	512

struct topn {
	unsigned char	*base;
	size_t		 size, max, n;
	int		(*cmp)(const void *, const void *, const void *);
	const void	*ctx;
};

/* Element i of the heap. */
static unsigned char *
topn_elt(const struct topn *h, size_t i)
{
	return h->base + i * h->size;
}

/* Swap elements i and j. */
static void
topn_swap(struct topn *h, size_t i, size_t j)
{
	unsigned char tmp[TOPN_MAX_ELT];

	memcpy(tmp, topn_elt(h, i), h->size);
	memcpy(topn_elt(h, i), topn_elt(h, j), h->size);
	memcpy(topn_elt(h, j), tmp, h->size);
}

/* Does element i sort after element j? */
static bool
topn_after(const struct topn *h, size_t i, size_t j)
{
	return h->cmp(topn_elt(h, i), topn_elt(h, j), h->ctx) > 0;
}

/* Restore the heap below i, among the first n elements. */
static void
topn_down(struct topn *h, size_t i, size_t n)
{
	size_t l, r, w;

	for (;;) {
		l = 2 * i + 1;
		r = l + 1;
		w = i;
		if (l < n && topn_after(h, l, w))
			w = l;
		if (r < n && topn_after(h, r, w))
			w = r;
		if (w == i)
			return;
		topn_swap(h, i, w);
		i = w;
	}
}

/* Offer a candidate: kept if the heap has room or it beats the root. */
static void
topn_offer(struct topn *h, const void *x)
{
	size_t i, p;

	if (h->n < h->max) {
		memcpy(topn_elt(h, h->n), x, h->size);
		for (i = h->n++; i > 0; i = p) {
			p = (i - 1) / 2;
			if (!topn_after(h, i, p))
				break;
			topn_swap(h, i, p);
		}
	} else if (h->cmp(x, topn_elt(h, 0), h->ctx) < 0) {
		memcpy(topn_elt(h, 0), x, h->size);
		topn_down(h, 0, h->n);
	}
}

/* Sort the heap in place, first element first; returns the count. */
static size_t
topn_finish(struct topn *h)
{
	size_t end;

	for (end = h->n; end > 1; end--) {
		topn_swap(h, 0, end - 1);
		topn_down(h, 0, end - 1);
	}
	return h->n;
}

/* Compare two unsigned counters, larger first. */
static int
desc64(uint64_t a, uint64_t b)
{
	return a > b ? -1 : a < b;
}

/* Default flow order: total bytes, total packets (descending), first seen,
   then the key, so that ties sort the same way every time. */
static int
flow_cmp_default(const struct flow_view *a, const struct flow_view *b)
{
	int c;

	if ((c = desc64(a->bytes + a->bytes_rev, b->bytes + b->bytes_rev)))
		return c;
	if ((c = desc64(a->packets + a->packets_rev,
	    b->packets + b->packets_rev)))
		return c;
	if (a->first_ns != b->first_ns)
		return a->first_ns < b->first_ns ? -1 : 1;
	if (a->ipver != b->ipver)
		return a->ipver < b->ipver ? -1 : 1;
	if (a->proto != b->proto)
		return a->proto < b->proto ? -1 : 1;
	if ((c = memcmp(a->src, b->src, sizeof a->src)))
		return c;
	if ((c = memcmp(a->dst, b->dst, sizeof a->dst)))
		return c;
	if (a->sport != b->sport)
		return a->sport < b->sport ? -1 : 1;
	if (a->dport != b->dport)
		return a->dport < b->dport ? -1 : 1;
	return 0;
}

/* Default talker order: total bytes, total packets, then the address. */
static int
talker_cmp_default(const struct talker_view *a, const struct talker_view *b)
{
	int c;

	if ((c = desc64(a->tx_bytes + a->rx_bytes, b->tx_bytes + b->rx_bytes)))
		return c;
	if ((c = desc64(a->tx_packets + a->rx_packets,
	    b->tx_packets + b->rx_packets)))
		return c;
	if (a->ipver != b->ipver)
		return a->ipver < b->ipver ? -1 : 1;
	return memcmp(a->addr, b->addr, sizeof a->addr);
}

struct flow_cmp_ctx {
	int	(*cmp)(const struct flow_view *, const struct flow_view *);
};

struct talker_cmp_ctx {
	int	(*cmp)(const struct talker_view *, const struct talker_view *);
};

/* The heap's view of a flow comparison. */
static int
flow_cmp_thunk(const void *a, const void *b, const void *ctx)
{
	const struct flow_cmp_ctx *c = ctx;

	return c->cmp(a, b);
}

/* qsort_r's view of a flow comparison. */
static int
flow_cmp_qsort(const void *a, const void *b, void *ctx)
{
	return flow_cmp_thunk(a, b, ctx);
}

/* The heap's view of a talker comparison. */
static int
talker_cmp_thunk(const void *a, const void *b, const void *ctx)
{
	const struct talker_cmp_ctx *c = ctx;

	return c->cmp(a, b);
}

/* qsort_r's view of a talker comparison. */
static int
talker_cmp_qsort(const void *a, const void *b, void *ctx)
{
	return talker_cmp_thunk(a, b, ctx);
}

/* Number of live flows. */
size_t
model_flow_count(const struct model *m)
{
	return m->flows.count;
}

/* Copy the top max flows by cmp (NULL: total bytes, descending). */
size_t
model_flows(const struct model *m, struct flow_view *out, size_t max,
    int (*cmp)(const struct flow_view *, const struct flow_view *))
{
	struct flow_cmp_ctx	 ctx;
	struct topn		 h;
	struct flow_view	 v;
	const struct flow	*f;
	int64_t			 now;
	size_t			 n, i;

	_Static_assert(sizeof(struct flow_view) <= TOPN_MAX_ELT,
	    "flow_view too large for the top-N heap");
	if (max == 0 || out == NULL)
		return 0;
	ctx.cmp = cmp != NULL ? cmp : flow_cmp_default;
	now = now_sec(m);
	if (max >= m->flows.count) {
		/* All of them: copy, then one sort. */
		n = 0;
		for (i = 0; i < m->flows.unused; i++)
			if ((f = flow_slot(&m->flows, i)) != NULL)
				flow_view(f, now, &out[n++]);
		qsort_r(out, n, sizeof *out, flow_cmp_qsort, &ctx);
		return n;
	}
	h = (struct topn){ (unsigned char *)out, sizeof *out, max, 0,
	    flow_cmp_thunk, &ctx };
	/* The pool in memory order: a 100k-flow table walks several times
	   faster than along the LRU list's pointers. */
	for (i = 0; i < m->flows.unused; i++) {
		if ((f = flow_slot(&m->flows, i)) == NULL)
			continue;
		flow_view(f, now, &v);
		topn_offer(&h, &v);
	}
	return topn_finish(&h);
}

/* Number of talkers kept. */
size_t
model_talker_count(const struct model *m)
{
	return m->talkers.count;
}

/* A talker's share of its live flows' rates, for ordering by them. */
struct talker_acc {
	double		 rate[3];	/* 2 s, 10 s, 40 s */
	uint64_t	 now_bytes;	/* in the current second */
};

_Static_assert(RATE_SECS >= sizeof(((struct talker_view *)0)->history) /
    sizeof(uint64_t), "flows keep the seconds of the talker history");

/*
 * Add every live flow's counts into its talkers (add), or take them out
 * again: between the two, a talker's counts are its whole traffic.  A
 * reader does this with the lock held; packets never touch talkers.  With
 * acc (one entry per talker slot) the same walk sums the flows' rates
 * into it, both sides (a flow's bytes are sent by one, received by the
 * other), for an order that needs them.
 */
static void
talkers_add_live(struct model *m, bool add, struct talker_acc *acc,
    int64_t now)
{
	const struct flow	*f, *ahead;
	struct talker		*t;
	struct talker_counts	 c;
	struct talker_acc	*a;
	double			 r[3];
	uint64_t		 cur = 0;
	size_t			 i;
	int			 side, k;

	for (i = 0; i < m->flows.unused; i++) {
		/* The flows are walked in memory order, their talkers are
		   anywhere: start loading those of a flow further on. */
		if (i + SORT_PREFETCH < m->flows.unused &&
		    (ahead = flow_slot(&m->flows, i + SORT_PREFETCH)) != NULL)
			for (side = 0; side < 2; side++)
				if (ahead->talker[side].slot != 0)
					prefetch_span(&m->talkers.pool[
					    ahead->talker[side].slot - 1],
					    TALKER_COUNTED_BYTES);
		if ((f = flow_slot(&m->flows, i)) == NULL)
			continue;
		if (acc != NULL) {
			rate_get(&f->rate, now, r);
			cur = rate_at(&f->rate, now);
		}
		for (side = 0; side < 2; side++) {
			/* Both sides of a flow from an address to itself
			   link one talker: it sent and received it all. */
			if ((t = talker_ref_get(&m->talkers,
			    &f->talker[side])) == NULL)
				continue;
			flow_side_counts(f, side, &c);
			talker_counts_add(&t->counts, &c, add);
			if (acc == NULL)
				continue;
			a = &acc[t - m->talkers.pool];
			for (k = 0; k < 3; k++)
				a->rate[k] += r[k];
			a->now_bytes += cur;
		}
	}
}

/* The talker a flow's side links to, as a pool index; false if none. */
static bool
flow_side_talker(const struct model *m, const struct flow *f, int side,
    size_t *slot)
{
	const struct talker *t = talker_ref_get(&m->talkers, &f->talker[side]);

	if (t == NULL)
		return false;
	*slot = (size_t)(t - m->talkers.pool);
	return true;
}

/* Fill the rates and per-second history of the n talkers in out from
   their flows (one walk over the flows for all of them). */
static void
talker_fill_rates(const struct model *m, struct talker_view *out, size_t n,
    int64_t now)
{
	const struct talker	*t;
	const struct flow	*f;
	struct talker_view	*v;
	uint32_t		*pick;		/* by talker slot: row + 1 */
	double			 r[3];
	size_t			 i, slot, nh, s;
	int			 side, k;

	if (n == 0)
		return;
	if ((pick = calloc(m->talkers.unused + 1, sizeof *pick)) == NULL)
		fatal_oom();
	nh = sizeof out->history / sizeof out->history[0];
	for (i = 0; i < n; i++) {
		memset(out[i].rate, 0, sizeof out[i].rate);
		memset(out[i].history, 0, sizeof out[i].history);
		t = talker_find(&m->talkers, out[i].ipver, out[i].addr);
		if (t != NULL)
			pick[t - m->talkers.pool] = (uint32_t)i + 1;
	}
	for (i = 0; i < m->flows.unused; i++) {
		if ((f = flow_slot(&m->flows, i)) == NULL)
			continue;
		for (side = 0; side < 2; side++) {
			if (!flow_side_talker(m, f, side, &slot) ||
			    pick[slot] == 0)
				continue;
			v = &out[pick[slot] - 1];
			rate_get(&f->rate, now, r);
			for (k = 0; k < 3; k++)
				v->rate[k] += r[k];
			for (s = 0; s < nh; s++)
				v->history[s] += rate_at(&f->rate,
				    now - (int64_t)(nh - 1 - s));
		}
	}
	free(pick);
}

/* A talker's view with what its rates add up to, for a caller's order:
   the rates and the newest second of the history (talker_fill_rates()
   fills the rest for the rows chosen). */
static void
talker_view_rated(const struct talker *t, const struct talker_acc *a,
    struct talker_view *v)
{
	talker_view(t, v);
	memcpy(v->rate, a->rate, sizeof v->rate);
	v->history[sizeof v->history / sizeof v->history[0] - 1] =
	    a->now_bytes;
}

/*
 * Copy the top max talkers by cmp (NULL: total bytes, descending).  A
 * caller's order may use the rates, so they are summed for every talker
 * first; the default order needs only the counters, and rates are then
 * summed for the rows chosen alone.
 */
size_t
model_talkers(struct model *m, struct talker_view *out, size_t max,
    int (*cmp)(const struct talker_view *, const struct talker_view *))
{
	static const struct talker_acc none;
	struct talker_cmp_ctx	 ctx;
	struct talker_acc	*acc = NULL;
	struct topn		 h;
	struct talker_view	 v;
	const struct talker	*t;
	int64_t			 now;
	size_t			 n, i;

	_Static_assert(sizeof(struct talker_view) <= TOPN_MAX_ELT,
	    "talker_view too large for the top-N heap");
	if (max == 0 || out == NULL)
		return 0;
	ctx.cmp = cmp != NULL ? cmp : talker_cmp_default;
	now = now_sec(m);
	/* A caller's order may use the rates: summed in the same walk. */
	if (cmp != NULL &&
	    (acc = calloc(m->talkers.unused + 1, sizeof *acc)) == NULL)
		fatal_oom();
	talkers_add_live(m, true, acc, now);
	if (max >= m->talkers.count) {
		/* All of them: copy, then one sort. */
		n = 0;
		for (i = 0; i < m->talkers.unused; i++)
			if ((t = talker_slot(&m->talkers, i)) != NULL)
				talker_view_rated(t, acc != NULL ? &acc[i] :
				    &none, &out[n++]);
		qsort_r(out, n, sizeof *out, talker_cmp_qsort, &ctx);
	} else {
		h = (struct topn){ (unsigned char *)out, sizeof *out, max, 0,
		    talker_cmp_thunk, &ctx };
		for (i = 0; i < m->talkers.unused; i++) {
			if ((t = talker_slot(&m->talkers, i)) == NULL)
				continue;
			talker_view_rated(t, acc != NULL ? &acc[i] : &none,
			    &v);
			topn_offer(&h, &v);
		}
		n = topn_finish(&h);
	}
	talkers_add_live(m, false, NULL, 0);
	free(acc);
	talker_fill_rates(m, out, n, now);
	return n;
}


/*
 * A flow or talker to sort by its totals without touching it: 16 bytes,
 * as --stats=json sorts every one of them at the end of a run.  The
 * entries are sorted by totals alone first; only runs of equal totals
 * are then put in the full order, which has to read the flows.
 */
struct sort_ent {
	uint64_t	 bytes;
	uint32_t	 packets;	/* saturated: equal only in a run */
	uint32_t	 slot;		/* pool index */
};

/* Totals, larger first. */
static int
sort_ent_totals(const void *a, const void *b)
{
	const struct sort_ent *x = a, *y = b;
	int c;

	if ((c = desc64(x->bytes, y->bytes)))
		return c;
	return x->packets > y->packets ? -1 : x->packets < y->packets;
}

/* Flows in a run of equal totals: the full default order. */
static int
flow_ent_cmp(const void *a, const void *b, void *arg)
{
	const struct sort_ent	*x = a, *y = b;
	const struct model	*m = arg;
	struct flow_view	 vx, vy;

	flow_view_counts(flow_slot(&m->flows, x->slot), &vx);
	flow_view_counts(flow_slot(&m->flows, y->slot), &vy);
	return flow_cmp_default(&vx, &vy);
}

/* Talkers in a run of equal totals: the full default order. */
static int
talker_ent_cmp(const void *a, const void *b, void *arg)
{
	const struct sort_ent	*x = a, *y = b;
	const struct model	*m = arg;
	struct talker_view	 vx, vy;

	talker_view(talker_slot(&m->talkers, x->slot), &vx);
	talker_view(talker_slot(&m->talkers, y->slot), &vy);
	return talker_cmp_default(&vx, &vy);
}

/* Byte d of an entry's sort key, least significant first: the key is
   (bytes, packets) complemented, so that ascending is largest first. */
static unsigned
sort_ent_digit(const struct sort_ent *x, int d)
{
	if (d < 4)
		return (unsigned)(~x->packets >> (8 * d)) & 0xff;
	return (unsigned)(~x->bytes >> (8 * (d - 4))) & 0xff;
}

/*
 * Sort by totals (sort_ent_totals() order) with a least-significant-digit
 * radix sort, a byte at a time, skipping the bytes every entry shares
 * (the high bytes of real counts): a few linear passes instead of the
 * n log n comparisons of qsort, which were most of --stats=json's sort.
 * False if there is no memory for the second buffer.
 */
static bool
radix_sort_totals(struct sort_ent *e, size_t n)
{
	struct sort_ent	*buf, *from = e, *to, *t;
	size_t		 count[256], sum, c, i;
	int		 d;

	if (n < 2)
		return true;
	if ((buf = malloc(n * sizeof *buf)) == NULL)
		return false;
	to = buf;
	for (d = 0; d < 12; d++) {
		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[sort_ent_digit(&from[i], d)]++;
		if (count[sort_ent_digit(&from[0], d)] == n)
			continue;
		for (sum = 0, i = 0; i < 256; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			to[count[sort_ent_digit(&from[i], d)]++] = from[i];
		t = from;
		from = to;
		to = t;
	}
	if (from != e)
		memcpy(e, from, n * sizeof *e);
	free(buf);
	return true;
}

/* Sort n entries by totals, then each run of equal totals by cmp. */
static void
sort_ents(struct sort_ent *e, size_t n,
    int (*cmp)(const void *, const void *, void *), const struct model *m)
{
	size_t i, j;

	if (!radix_sort_totals(e, n))
		qsort(e, n, sizeof *e, sort_ent_totals);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && sort_ent_totals(&e[i], &e[j]) == 0;
		    j++)
			;
		if (j - i > 1)
			qsort_r(e + i, j - i, sizeof *e, cmp, (void *)m);
	}
}

/* A sort entry for the totals of a pool slot. */
static struct sort_ent
sort_ent_of(uint64_t bytes, uint64_t packets, size_t slot)
{
	return (struct sort_ent){ bytes, packets > UINT32_MAX ? UINT32_MAX :
	    (uint32_t)packets, (uint32_t)slot };
}

/* Flows or talkers in the default order: pool slots, sorted. */
struct model_order {
	struct sort_ent	*e;
	size_t		 n;
};

static struct model_order *
order_new(size_t count)
{
	struct model_order *o;

	if ((o = calloc(1, sizeof *o)) == NULL ||
	    (o->e = calloc(count + 1, sizeof *o->e)) == NULL)
		fatal_oom();
	return o;
}

/* The flows in the default order; see model.h. */
struct model_order *
model_flows_sort(const struct model *m)
{
	struct model_order	*o = order_new(m->flows.count);
	const struct flow	*f;
	size_t			 i;

	for (i = 0; i < m->flows.unused; i++)
		if ((f = flow_slot(&m->flows, i)) != NULL)
			o->e[o->n++] = sort_ent_of(f->bytes[0] + f->bytes[1],
			    f->packets[0] + f->packets[1], i);
	sort_ents(o->e, o->n, flow_ent_cmp, m);
	return o;
}

/* Call fn for the flows from..to - 1 of o; see model.h. */
void
model_flows_range(const struct model *m, const struct model_order *o,
    size_t from, size_t to, void (*fn)(const struct flow_view *, void *),
    void *arg)
{
	struct flow_view	 v;
	size_t			 i;

	for (i = from; i < to && i < o->n; i++) {
		/* Sorted order is random order in the pool: load ahead. */
		if (i + SORT_PREFETCH < to && i + SORT_PREFETCH < o->n)
			prefetch_span(&m->flows.pool[o->e[i +
			    SORT_PREFETCH].slot], sizeof(struct flow));
		flow_view_counts(flow_slot(&m->flows, o->e[i].slot), &v);
		fn(&v, arg);
	}
}

/* The talkers in the default order, live flows' counts added; see
   model.h. */
struct model_order *
model_talkers_sort(struct model *m)
{
	struct model_order	*o = order_new(m->talkers.count);
	const struct talker	*t;
	size_t			 i;

	talkers_add_live(m, true, NULL, 0);
	for (i = 0; i < m->talkers.unused; i++)
		if ((t = talker_slot(&m->talkers, i)) != NULL)
			o->e[o->n++] = sort_ent_of(t->counts.tx_bytes +
			    t->counts.rx_bytes, t->counts.tx_packets +
			    t->counts.rx_packets, i);
	sort_ents(o->e, o->n, talker_ent_cmp, m);
	return o;
}

/* Call fn for the talkers from..to - 1 of o; see model.h. */
void
model_talkers_range(const struct model *m, const struct model_order *o,
    size_t from, size_t to, void (*fn)(const struct talker_view *, void *),
    void *arg)
{
	struct talker_view	 v;
	size_t			 i;

	for (i = from; i < to && i < o->n; i++) {
		if (i + SORT_PREFETCH < to && i + SORT_PREFETCH < o->n)
			prefetch_span(&m->talkers.pool[o->e[i +
			    SORT_PREFETCH].slot], sizeof(struct talker));
		talker_view(talker_slot(&m->talkers, o->e[i].slot), &v);
		fn(&v, arg);
	}
}

/* How many flows or talkers o orders. */
size_t
model_order_count(const struct model_order *o)
{
	return o->n;
}

void
model_flows_done(struct model_order *o)
{
	free(o->e);
	free(o);
}

/* Take the live flows' counts out of the talkers again, free o. */
void
model_talkers_done(struct model *m, struct model_order *o)
{
	talkers_add_live(m, false, NULL, 0);
	model_flows_done(o);
}

/* Call fn for every flow in the default order; see model.h. */
void
model_flows_each(const struct model *m,
    void (*fn)(const struct flow_view *, void *), void *arg)
{
	struct model_order *o = model_flows_sort(m);

	model_flows_range(m, o, 0, o->n, fn, arg);
	model_flows_done(o);
}

/* The --stats names of a flow state ("established"). */
const char *
flow_state_name(int state)
{
	static const char *const names[] = {
		[FS_ACTIVE] = "active",
		[FS_NONE] = "none",
		[FS_SYN_SENT] = "syn_sent",
		[FS_SYN_RECEIVED] = "syn_received",
		[FS_ESTABLISHED] = "established",
		[FS_CLOSING] = "closing",
		[FS_CLOSED] = "closed",
		[FS_RESET] = "reset",
	};

	if (state < 0 || (size_t)state >= sizeof names / sizeof names[0])
		return "unknown";
	return names[state];
}

/* --stats names of IP protocols in flows: the decoders' --stats names,
   plus a few Wireshark short names for protocols we do not decode. */
static const struct {
	uint8_t		 proto;
	const char	*name;
} flow_protos[] = {
	{ 1, "icmp" },
	{ 2, "igmp" },
	{ 4, "ipv4" },
	{ 6, "tcp" },
	{ 9, "igrp" },
	{ 17, "udp" },
	{ 33, "dccp" },
	{ 41, "ipv6" },
	{ 46, "rsvp" },
	{ 47, "gre" },
	{ 50, "esp" },
	{ 51, "ah" },
	{ 58, "icmpv6" },
	{ 88, "eigrp" },
	{ 89, "ospf" },
	{ 103, "pim" },
	{ 112, "vrrp" },
	{ 115, "l2tp" },
	{ 132, "sctp" },
	{ 136, "udplite" },
	{ 0, NULL }
};

/* The --stats name of a flow's IP protocol ("tcp"), NULL if unknown. */
const char *
flow_proto_name(uint8_t proto)
{
	size_t i;

	for (i = 0; flow_protos[i].name != NULL; i++)
		if (flow_protos[i].proto == proto)
			return flow_protos[i].name;
	return NULL;
}
