/*
 * The writer's path: batches, model_add(), the drop counter, interface
 * names, ticks and idle expiry.  One thread writes, with the lock held
 * once per batch; a packet costs one flow lookup, and that lookup is
 * pipelined (pending_add()) so that the misses of several packets
 * overlap.  See model_impl.h for the invariants.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "decode/wtime.h"
#include "model_impl.h"

#define MAX_IFNAMES	4096

/* Start a batch of additions: takes the lock until model_batch_end(). */
void
model_batch_begin(struct model *m)
{
	pthread_mutex_lock(&m->lock);
	m->in_batch = true;
}

/* Apply the oldest prepared packet to the flow table. */
static void
pending_apply_oldest(struct model *m)
{
	flow_apply(&m->flows, &m->pending[m->pend_first]);
	m->pend_first = (m->pend_first + 1) % FLOW_PIPE;
	m->pend_count--;
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

	if (m->pend_count == FLOW_PIPE)
		pending_apply_oldest(m);
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
	while (m->pend_count > 0)
		pending_apply_oldest(m);
	flow_link_new(&m->flows);
	if (m->have_time || m->clock_ns != 0)
		flow_expire(&m->flows, model_now_ns(m));
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

/* A writer's call outside a batch is a batch of its own: take the lock
   unless a batch holds it; true if taken (give it to alone_end()). */
static bool
alone_begin(struct model *m)
{
	if (m->in_batch)
		return false;
	pthread_mutex_lock(&m->lock);
	return true;
}

/* Close the batch of one call if alone_begin() opened it. */
static void
alone_end(struct model *m, bool alone)
{
	if (!alone)
		return;
	batch_close(m);
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

/* The interface index of a packet's name (0: none). */
static uint16_t
packet_ifindex(struct model *m, const struct frame_meta *fm)
{
	if (fm->ifname == NULL)
		return 0;
	if (fm->ifname != m->last_ifname) {
		m->last_ifindex = ifindex_locked(m, fm->ifname);
		m->last_ifname = fm->ifname;
	}
	return m->last_ifindex;
}

/* Index a packet of a file browsed whole; its number. */
static uint64_t
index_add(struct model *m, const struct frame_meta *fm)
{
	struct index_entry e;

	e.file_pos = fm->file_pos;
	e.ts_sec = fm->ts_sec;
	e.ts_nsec = fm->ts_nsec;
	e.caplen = fm->caplen;
	e.wirelen = fm->wirelen;
	e.link = (uint16_t)fm->link;
	e.ifindex = packet_ifindex(m, fm);
	return index_push(&m->index, &e);
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
	rec.ifindex = packet_ifindex(m, fm);
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
	bool		 alone = alone_begin(m);

	/* Any int64 seconds may come from a file: the model's times are
	   nanosecond counts, saturated, and the rates' second is that
	   count's (floor), so that both stay in step. */
	ts = wtime_ns(fm->ts_sec, fm->ts_nsec);
	sec = model_ns_sec(ts);

	m->tot.packets++;
	m->tot.bytes += fm->wirelen;
	if (!m->have_time) {
		m->tot.first_ns = m->tot.last_ns = ts;
		m->tot.t0_sec = fm->ts_sec;
		m->tot.t0_nsec = fm->ts_nsec;
		m->tot.ts_res = fm->ts_res;
		m->have_time = true;
	} else if (ts < m->tot.first_ns)
		m->tot.first_ns = ts;
	else if (ts > m->tot.last_ns)
		m->tot.last_ns = ts;
	count_protocols(m, pi->protos, fm->wirelen);

	if (pi->ipver == 4 || pi->ipver == 6)
		pending_add(m, pi, ts, sec, fm->wirelen);
	n = m->no_records ? m->tot.packets : m->backing != NULL ?
	    index_add(m, fm) : ring_add(m, fm, data, pi);

	alone_end(m, alone);
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

/* The time is now (live capture, epoch ns) even if no packet comes:
   rates decay and idle flows expire.  Writer side, like model_add(). */
void
model_tick(struct model *m, int64_t now)
{
	bool alone = alone_begin(m);

	if (now > m->clock_ns)
		m->clock_ns = now;
	alone_end(m, alone);
}
