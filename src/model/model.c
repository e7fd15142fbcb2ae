/*
 * The model's frame: creation and freeing, the lock, the generation, the
 * totals, the ring read back, and the small accessors.  The writer's path
 * is in model_write.c, the readers' copies in model_query.c and
 * model_order.c; struct model and the invariants all of them keep are in
 * model_impl.h.
 */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode/wtime.h"
#include "model_impl.h"

/* Out of memory where there is no way to fail softly. */
void
model_fatal_oom(void)
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
	if (c.no_records || c.backing != NULL)
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
	m->backing = c.no_records ? NULL : c.backing;
	m->index.max = c.index_max;
	if (!m->no_records && m->backing == NULL &&
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
	index_free(&m->index);
	for (i = 0; i < m->nif; i++)
		free(m->ifnames[i]);
	free(m->ifnames);
	pthread_mutex_destroy(&m->lock);
	free(m);
}

/* The model's present: the newest packet or model_tick(), if later. */
int64_t
model_now_ns(const struct model *m)
{
	if (!m->have_time || m->clock_ns > m->tot.last_ns)
		return m->clock_ns;
	return m->tot.last_ns;
}

/* The second of model_now_ns(). */
int64_t
model_now_sec(const struct model *m)
{
	return model_ns_sec(model_now_ns(m));
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
	out->ring_overwritten = m->backing != NULL ? m->index.base :
	    m->ring.overwritten;
	out->flows_evicted = m->flows.evicted;
	out->flows_expired = m->flows.expired;
	out->talkers_evicted = m->talkers.evicted;
}

/* Does the model index a whole file? */
bool
model_indexed(const struct model *m, size_t *bytes)
{
	if (bytes != NULL)
		*bytes = index_bytes(&m->index);
	return m->backing != NULL;
}

/* Packets in the ring (or the index): numbers first..last (0, 0 when
   empty). */
void
model_ring_span(const struct model *m, uint64_t *first, uint64_t *last)
{
	if (m->backing != NULL) {
		*first = m->index.count > m->index.base ? m->index.base + 1 :
		    0;
		*last = m->index.count > m->index.base ? m->index.count : 0;
		return;
	}
	ring_span(&m->ring, first, last);
}

/* Record n of the index as the ring would give it (times and lengths;
   what the decoders said is not kept), its bytes read back from the
   file; false if there is no such packet or the read fails. */
static bool
index_rec(const struct model *m, uint64_t n, struct pkt_rec *rec,
    uint8_t *buf, size_t cap)
{
	const struct index_entry *e = index_get(&m->index, n);

	if (e == NULL)
		return false;
	memset(rec, 0, sizeof *rec);
	rec->number = n;
	rec->ts_sec = e->ts_sec;
	rec->ts_nsec = e->ts_nsec;
	rec->caplen = e->caplen;
	rec->wirelen = e->wirelen;
	rec->link = e->link;
	rec->ifindex = e->ifindex;
	if (buf == NULL || cap == 0)
		return true;
	return m->backing->read(m->backing->arg, e->file_pos, e->caplen,
	    e->ts_sec, e->ts_nsec, buf, cap);
}

/* Record n and up to cap of its bytes, from the ring or the index. */
static bool
rec_get(const struct model *m, uint64_t n, struct pkt_rec *rec,
    uint8_t *buf, size_t cap)
{
	if (m->backing != NULL)
		return index_rec(m, n, rec, buf, cap);
	return ring_get(&m->ring, n, rec, buf, cap);
}

/* Copy record number n and up to cap of its bytes into buf; false if gone. */
bool
model_ring_get(const struct model *m, uint64_t n, struct pkt_rec *rec,
    uint8_t *buf, size_t cap)
{
	return rec_get(m, n, rec, buf, cap);
}

/*
 * Rebuild the frame_meta of record n, as the packet was when it was added,
 * for a decoder or a writer: its time relative to packet 1 (the model's
 * t0, as read, so that tshark's relative times come out), its delta to
 * record n - 1 (0 for packet 1, and as -V says, when the ring lost the
 * previous one), its interface name (the model's, valid while the model
 * lives).  Up to cap bytes go to buf, and caplen says how many.  False if
 * the ring no longer has n.
 */
bool
model_ring_frame(const struct model *m, uint64_t n, struct frame_meta *fm,
    uint8_t *buf, size_t cap)
{
	struct pkt_rec rec, prev;

	if (!rec_get(m, n, &rec, buf, cap))
		return false;
	memset(fm, 0, sizeof *fm);
	fm->number = n;
	fm->ts_sec = rec.ts_sec;
	fm->ts_nsec = rec.ts_nsec;
	fm->rel = wtime_sub(rec.ts_sec, rec.ts_nsec, m->tot.t0_sec,
	    m->tot.t0_nsec);
	if (n > 1 && rec_get(m, n - 1, &prev, NULL, 0))
		fm->delta = wtime_sub(rec.ts_sec, rec.ts_nsec, prev.ts_sec,
		    prev.ts_nsec);
	fm->caplen = buf == NULL || rec.caplen < cap ? rec.caplen :
	    (uint32_t)cap;
	fm->wirelen = rec.wirelen;
	fm->link = rec.link;
	fm->ts_res = m->tot.ts_res;
	fm->ifname = model_ifname(m, rec.ifindex);
	return true;
}

/* The name of an interface index, NULL for 0 or unknown. */
const char *
model_ifname(const struct model *m, uint16_t ifindex)
{
	if (ifindex == 0 || ifindex > m->nif)
		return NULL;
	return m->ifnames[ifindex - 1];
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
