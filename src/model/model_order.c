/*
 * The order --stats prints flows and talkers in: the default order (total
 * bytes, total packets, then the key, so that ties sort the same way every
 * time), and the full sort of every flow or talker that --stats=json
 * walks in ranges from two threads.  The lock is held throughout.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model_impl.h"

/* Compare two unsigned counters, larger first. */
static int
desc64(uint64_t a, uint64_t b)
{
	return a > b ? -1 : a < b;
}

/* Default flow order: total bytes, total packets (descending), first seen,
   then the key, so that ties sort the same way every time. */
int
model_flow_cmp_default(const struct flow_view *a, const struct flow_view *b,
    void *arg)
{
	int c;

	(void)arg;
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
int
model_talker_cmp_default(const struct talker_view *a,
    const struct talker_view *b, void *arg)
{
	int c;

	(void)arg;
	if ((c = desc64(a->tx_bytes + a->rx_bytes, b->tx_bytes + b->rx_bytes)))
		return c;
	if ((c = desc64(a->tx_packets + a->rx_packets,
	    b->tx_packets + b->rx_packets)))
		return c;
	if (a->ipver != b->ipver)
		return a->ipver < b->ipver ? -1 : 1;
	return memcmp(a->addr, b->addr, sizeof a->addr);
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
	return model_flow_cmp_default(&vx, &vy, NULL);
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
	return model_talker_cmp_default(&vx, &vy, NULL);
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

/* An order with room for count entries. */
static struct model_order *
order_new(size_t count)
{
	struct model_order *o;

	if ((o = calloc(1, sizeof *o)) == NULL ||
	    (o->e = calloc(count + 1, sizeof *o->e)) == NULL)
		model_fatal_oom();
	return o;
}

/* In a walk of o up to to, at i: start loading the pool entry (of size
   bytes) a few further on, as sorted order is random order in the pool. */
static void
order_prefetch(const struct model_order *o, size_t i, size_t to,
    const void *pool, size_t size)
{
	size_t ahead = i + SORT_PREFETCH;

	if (ahead < to && ahead < o->n)
		prefetch_span((const char *)pool + o->e[ahead].slot * size,
		    size);
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
		order_prefetch(o, i, to, m->flows.pool, sizeof(struct flow));
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

	model_talkers_live(m, true, NULL, 0);
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
		order_prefetch(o, i, to, m->talkers.pool,
		    sizeof(struct talker));
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

/* Free o. */
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
	model_talkers_live(m, false, NULL, 0);
	model_flows_done(o);
}
