/*
 * Inside the model: struct model and what its files share.  Only
 * src/model/model*.c include this; everyone else sees model.h.
 *
 *   model.c        creation, the lock, the generation, totals, the ring
 *   model_write.c  the writer: batches, model_add, ticks and expiry
 *   model_query.c  top-N copies of flows and talkers, talker sums
 *   model_order.c  the default order and the full sort of --stats
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
 *   they go; readers add the live flows' counts: model_talkers_live()).
 * - The talker table has room for both talkers of every flow, so a new
 *   flow always finds its talkers a slot (only talkers in no live flow
 *   are evicted).
 */
#ifndef WIRETOP_MODEL_IMPL_H
#define WIRETOP_MODEL_IMPL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "flow.h"
#include "index.h"
#include "model.h"
#include "ring.h"
#include "talkers.h"
#include "util.h"

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
	/* A file browsed whole: an index of every packet instead of the
	   ring, its bytes read back through backing. */
	const struct model_backing *backing;
	struct pkt_index	 index;
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

/* The second of a nanosecond count (floor, for times before 1970 too).
   -(ns + 1): -ns overflows at INT64_MIN (a saturated time). */
static inline int64_t
model_ns_sec(int64_t ns)
{
	return ns >= 0 ? ns / NS_PER_SEC : -(-(ns + 1) / NS_PER_SEC) - 1;
}

/* model.c: out of memory where there is no way to fail softly. */
void	model_fatal_oom(void) __attribute__((noreturn));
/* model.c: the model's present, the newest packet or model_tick() if
   later (epoch ns), and its second. */
int64_t	model_now_ns(const struct model *m);
int64_t	model_now_sec(const struct model *m);

/* model_query.c: add every live flow's counts into its talkers (add), or
   take them out again; with acc (one per talker slot), sum the flows'
   rates into it in the same walk. */
struct talker_acc;
void	model_talkers_live(struct model *m, bool add, struct talker_acc *acc,
	    int64_t now);

/* model_order.c: the default orders (arg unused), as model_flows() and
   model_talkers() take them. */
int	model_flow_cmp_default(const struct flow_view *a,
	    const struct flow_view *b, void *arg);
int	model_talker_cmp_default(const struct talker_view *a,
	    const struct talker_view *b, void *arg);

#endif
