/*
 * The readers' copies: model_flows() and model_talkers(), the rows a view
 * shows in a caller's order, by partial selection (a heap of the top N,
 * never a sort of the whole table), and the sums that make a talker's
 * counts and rates out of its live flows'.  The lock is held throughout.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model_impl.h"

/*
 * Top-N selection: a heap of at most max elements in the caller's array
 * whose root is the element that sorts last, so each candidate costs one
 * comparison unless it belongs in the top N; the heap is sorted at the end.
 * When max holds every candidate there is no heap: they are copied in
 * and sorted once.  Candidates are built where topn_next() says, in the
 * array itself while there is room, so most are never copied.
 */
#define TOPN_MAX_ELT	512

_Static_assert(sizeof(struct flow_view) <= TOPN_MAX_ELT &&
    sizeof(struct talker_view) <= TOPN_MAX_ELT,
    "views too large for the top-N heap");

struct topn {
	unsigned char	*base;
	size_t		 size, max, n;
	bool		 all;		/* max holds every candidate */
	int		(*cmp)(const void *, const void *, void *);
	void		*ctx;
	unsigned char	 spare[TOPN_MAX_ELT];	/* a candidate once full */
};

/* Start a selection of the first max of count candidates by cmp. */
static void
topn_init(struct topn *h, void *base, size_t size, size_t max, size_t count,
    int (*cmp)(const void *, const void *, void *), void *ctx)
{
	h->base = base;
	h->size = size;
	h->max = max;
	h->n = 0;
	h->all = max >= count;
	h->cmp = cmp;
	h->ctx = ctx;
}

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

/* Where to build the next candidate. */
static void *
topn_next(struct topn *h)
{
	return h->n < h->max ? topn_elt(h, h->n) : h->spare;
}

/* Offer the candidate built at topn_next(): kept if the heap has room or
   it beats the root. */
static void
topn_offer(struct topn *h)
{
	size_t i, p;

	if (h->n < h->max) {
		i = h->n++;
		if (h->all)
			return;
		for (; i > 0; i = p) {
			p = (i - 1) / 2;
			if (!topn_after(h, i, p))
				break;
			topn_swap(h, i, p);
		}
	} else if (h->cmp(h->spare, topn_elt(h, 0), h->ctx) < 0) {
		memcpy(topn_elt(h, 0), h->spare, h->size);
		topn_down(h, 0, h->n);
	}
}

/* Sort what was kept, first element first; returns the count. */
static size_t
topn_finish(struct topn *h)
{
	size_t end;

	if (h->all) {
		qsort_r(h->base, h->n, h->size, h->cmp, h->ctx);
		return h->n;
	}
	for (end = h->n; end > 1; end--) {
		topn_swap(h, 0, end - 1);
		topn_down(h, 0, end - 1);
	}
	return h->n;
}

/* A caller's flow order and its argument. */
struct flow_cmp_ctx {
	int	(*cmp)(const struct flow_view *, const struct flow_view *,
		    void *);
	void	*arg;
};

/* A caller's talker order and its argument. */
struct talker_cmp_ctx {
	int	(*cmp)(const struct talker_view *, const struct talker_view *,
		    void *);
	void	*arg;
};

/* The heap's and qsort_r's view of a flow comparison. */
static int
flow_cmp_thunk(const void *a, const void *b, void *ctx)
{
	const struct flow_cmp_ctx *c = ctx;

	return c->cmp(a, b, c->arg);
}

/* The heap's and qsort_r's view of a talker comparison. */
static int
talker_cmp_thunk(const void *a, const void *b, void *ctx)
{
	const struct talker_cmp_ctx *c = ctx;

	return c->cmp(a, b, c->arg);
}

/*
 * Rates end at the newest complete second: the one before the newest
 * packet's (files, and live while packets come), or, on a quiet live link,
 * before the clock's (model_tick()) less RATE_LATE_NS, time for the
 * packets of the second just gone to reach the model.
 */
#define RATE_LATE_NS	(50 * 1000000LL)

struct rate_clock {
	int64_t		 end;		/* the second rates end at (excluded) */
	int64_t		 start_ns;	/* the capture's first packet */
};

/* The window every rate of this copy ends at. */
static void
rate_clock(const struct model *m, struct rate_clock *c)
{
	int64_t t = m->have_time ? m->tot.last_ns : INT64_MIN;

	if (m->clock_ns != 0 && m->clock_ns - RATE_LATE_NS > t)
		t = m->clock_ns - RATE_LATE_NS;
	c->end = t == INT64_MIN ? 0 : model_ns_sec(t);
	c->start_ns = m->have_time ? m->tot.first_ns : INT64_MIN;
}

/* A flow's rates (both ways and the reverse part) and its peak. */
static void
flow_rates(const struct flow *f, const struct rate_clock *c,
    struct flow_view *v)
{
	rate_get_since(&f->rate, c->end, c->start_ns, RATE_BOTH, v->rate);
	rate_get_since(&f->rate, c->end, c->start_ns, 1, v->rate_rev);
	v->peak = (double)rate_peak(&f->rate, c->end);
}

/* Number of live flows. */
size_t
model_flow_count(const struct model *m)
{
	return m->flows.count;
}

/* Copy the top max flows by cmp(a, b, arg) (NULL: total bytes,
   descending). */
size_t
model_flows(const struct model *m, struct flow_view *out, size_t max,
    int (*cmp)(const struct flow_view *, const struct flow_view *, void *),
    void *arg)
{
	struct flow_cmp_ctx	 ctx;
	struct topn		 h;
	const struct flow	*f;
	struct flow_view	*v;
	struct rate_clock	 rc;
	size_t			 i;

	if (max == 0 || out == NULL)
		return 0;
	ctx.cmp = cmp != NULL ? cmp : model_flow_cmp_default;
	ctx.arg = arg;
	rate_clock(m, &rc);
	topn_init(&h, out, sizeof *out, max, m->flows.count, flow_cmp_thunk,
	    &ctx);
	/* The pool in memory order: a 100k-flow table walks several times
	   faster than along the LRU list's pointers. */
	for (i = 0; i < m->flows.unused; i++) {
		if ((f = flow_slot(&m->flows, i)) == NULL)
			continue;
		v = topn_next(&h);
		flow_view_counts(f, v);
		flow_rates(f, &rc, v);
		topn_offer(&h);
	}
	return topn_finish(&h);
}

/* Add up every live flow, or (ver != 0) those of the talker at addr, whose
   side [0] is then what the talker sent. */
void
model_flows_sum(const struct model *m, uint8_t ver, const uint8_t *addr,
    struct flow_sums *out)
{
	const struct flow	*f;
	struct flow_view	 v;
	struct rate_clock	 rc;
	double			 r[2][3];
	size_t			 i, n = ver == 6 ? 16 : 4;
	int			 d, k, s, flip;

	memset(out, 0, sizeof *out);
	rate_clock(m, &rc);
	out->end = rc.end;
	for (i = 0; i < m->flows.unused; i++) {
		if ((f = flow_slot(&m->flows, i)) == NULL)
			continue;
		flow_view_counts(f, &v);
		flip = 0;
		if (ver != 0) {
			if (v.ipver != ver)
				continue;
			if (memcmp(v.src, addr, n) == 0)
				flip = 0;
			else if (memcmp(v.dst, addr, n) == 0)
				flip = 1;
			else
				continue;
		}
		out->flows++;
		out->packets[flip] += v.packets;
		out->bytes[flip] += v.bytes;
		out->packets[!flip] += v.packets_rev;
		out->bytes[!flip] += v.bytes_rev;
		for (d = 0; d < 2; d++)
			rate_get_since(&f->rate, rc.end, rc.start_ns, d, r[d]);
		for (d = 0; d < 2; d++) {
			for (k = 0; k < 3; k++)
				out->rate[d ^ flip][k] += r[d][k];
			for (s = 0; s < 16; s++)
				out->history[d ^ flip][s] += rate_at_dir(
				    &f->rate, rc.end - 16 + s, d);
		}
	}
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
	uint64_t	 now_bytes;	/* in the last complete second */
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
void
model_talkers_live(struct model *m, bool add, struct talker_acc *acc,
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
			rate_get_since(&f->rate, now, m->tot.first_ns,
			    RATE_BOTH, r);
			cur = rate_at(&f->rate, now - 1);
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
		model_fatal_oom();
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
			rate_get_since(&f->rate, now, m->tot.first_ns,
			    RATE_BOTH, r);
			for (k = 0; k < 3; k++)
				v->rate[k] += r[k];
			for (s = 0; s < nh; s++)
				v->history[s] += rate_at(&f->rate,
				    now - (int64_t)(nh - s));
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
    int (*cmp)(const struct talker_view *, const struct talker_view *,
    void *), void *arg)
{
	static const struct talker_acc none;
	struct talker_cmp_ctx	 ctx;
	struct talker_acc	*acc = NULL;
	struct topn		 h;
	const struct talker	*t;
	struct rate_clock	 rc;
	int64_t			 now;
	size_t			 n, i;

	if (max == 0 || out == NULL)
		return 0;
	ctx.cmp = cmp != NULL ? cmp : model_talker_cmp_default;
	ctx.arg = arg;
	rate_clock(m, &rc);
	now = rc.end;
	/* A caller's order may use the rates: summed in the same walk. */
	if (cmp != NULL &&
	    (acc = calloc(m->talkers.unused + 1, sizeof *acc)) == NULL)
		model_fatal_oom();
	model_talkers_live(m, true, acc, now);
	topn_init(&h, out, sizeof *out, max, m->talkers.count,
	    talker_cmp_thunk, &ctx);
	for (i = 0; i < m->talkers.unused; i++) {
		if ((t = talker_slot(&m->talkers, i)) == NULL)
			continue;
		talker_view_rated(t, acc != NULL ? &acc[i] : &none,
		    topn_next(&h));
		topn_offer(&h);
	}
	n = topn_finish(&h);
	model_talkers_live(m, false, NULL, 0);
	free(acc);
	talker_fill_rates(m, out, n, now);
	return n;
}
