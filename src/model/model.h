/*
 * The model: what wiretop knows about the traffic so far.
 *
 *   packet ring   the newest packets: compact records plus stored bytes
 *   flow table    5-tuple -> counters, bounded, idle flows evicted first
 *   totals        packets/bytes per protocol and overall (never forget)
 *   talkers       IP address -> counters
 *
 * One writer (the feeder, src/feed/feed.c, whatever the source) adds
 * packets between model_batch_begin() and model_batch_end(), which take and
 * release the lock once per batch, never per packet.  Readers take the lock
 * with model_lock(), copy what they will show, and release it before any
 * slow work (drawing, printing).  Nothing here knows about curses or pcap.
 */
#ifndef WIRETOP_MODEL_H
#define WIRETOP_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/packet.h"
#include "decode/proto.h"

/*
 * Where packets' bytes are read back from when the model keeps only an
 * index of them (a capture file the UI browses whole): read(arg, pos,
 * caplen, sec, nsec, buf, cap) copies up to cap of the caplen bytes of the
 * packet with time sec.nsec whose record starts at file position pos
 * (frame_meta.file_pos); false if that fails.  Called with the model's
 * lock held, from readers.
 */
struct model_backing {
	bool		(*read)(void *arg, uint64_t pos, uint32_t caplen,
			    int64_t sec, uint32_t nsec, uint8_t *buf,
			    size_t cap);
	void		*arg;
};

struct model_config {
	size_t		ring_packets;	/* records kept (--ring) */
	size_t		ring_bytes;	/* byte arena for stored frames */
	size_t		max_flows;	/* flow table bound (--max-flows) */
	size_t		max_talkers;	/* talker table bound (raised to
					   2 * max_flows) */
	int64_t		flow_idle_ns;	/* idle flows older than this expire */
	bool		no_records;	/* nobody reads packets back (headless
					   runs): keep no ring at all */
	/* Non-NULL: index every packet and keep no bytes (no ring); the
	   backing must outlive the model. */
	const struct model_backing *backing;
	size_t		 index_max;	/* with backing: entries kept at
					   most (0: every packet) */
};

#define MODEL_DEFAULT_RING_PACKETS	65536
#define MODEL_DEFAULT_RING_BYTES	(16u << 20)
#define MODEL_DEFAULT_MAX_FLOWS		131072
#define MODEL_DEFAULT_MAX_TALKERS	262144
#define MODEL_DEFAULT_FLOW_IDLE_NS	(300 * 1000000000LL)	/* 300 s */

/* A packet as the ring keeps it. */
struct pkt_rec {
	uint64_t	number;		/* 1-based, over the whole capture */
	int64_t		ts_sec;
	uint32_t	ts_nsec;
	uint32_t	caplen;		/* stored bytes (may be < wire) */
	uint32_t	wirelen;
	uint16_t	link;		/* LINK_* */
	uint16_t	ifindex;	/* model_ifname() index; 0: none */
	uint64_t	protos;		/* pkt_info.protos */
	uint8_t		top;		/* pkt_info.top */
	uint8_t		status;		/* pkt_info.status */
	uint8_t		ipver, l4proto;
	uint8_t		src[16], dst[16];
	uint16_t	sport, dport;
	uint8_t		tcpflags;
};

/* TCP state of a flow, from the flags seen so far. */
enum flow_state {
	FS_ACTIVE,	/* not TCP */
	FS_NONE,	/* TCP, none of SYN/ACK/FIN/RST seen */
	FS_SYN_SENT,	/* SYN without ACK seen */
	FS_SYN_RECEIVED, /* SYN+ACK seen */
	FS_ESTABLISHED,	/* ACK without SYN seen */
	FS_CLOSING,	/* FIN seen from one side */
	FS_CLOSED,	/* FIN seen from both sides */
	FS_RESET	/* RST seen */
};

/* A flow as readers copy it. */
struct flow_view {
	uint8_t		ipver, proto;
	uint8_t		src[16], dst[16];	/* src sent the first packet */
	uint16_t	sport, dport;
	uint64_t	packets, bytes;		/* src -> dst */
	uint64_t	packets_rev, bytes_rev;	/* dst -> src */
	int64_t		first_ns, last_ns;	/* epoch nanoseconds */
	uint8_t		state;			/* enum flow_state */
	double		rate[3];		/* bytes/s, both ways, over the
						   last 2 s, 10 s, 40 s (iftop) */
	double		rate_rev[3];		/* the dst -> src part of it */
	double		peak;			/* bytes in its busiest second */
};

/* Seconds of per-second history kept for rates and sparklines. */
#define MODEL_RATE_SECONDS	40

struct talker_view {
	uint8_t		ipver;
	uint8_t		addr[16];
	uint64_t	tx_packets, tx_bytes;
	uint64_t	rx_packets, rx_bytes;
	uint32_t	flows;			/* live flows it is in */
	double		rate[3];		/* bytes/s over 2 s, 10 s, 40 s */
	uint64_t	history[16];		/* bytes in each of the last 16
						   complete seconds, oldest
						   first */
};

/* What every live flow (or those of one talker) adds up to. */
struct flow_sums {
	size_t		flows;
	uint64_t	packets[2], bytes[2];	/* [0]: src -> dst (the
						   talker's: what it sent) */
	double		rate[2][3];		/* bytes/s each way, as
						   flow_view.rate */
	uint64_t	history[2][16];		/* bytes each way in the last
						   16 complete seconds */
	int64_t		end;			/* the second they end at */
};

struct proto_count {
	uint64_t	packets, bytes;
};

/* Counters, all exact over the whole capture. */
struct model_totals {
	uint64_t	packets, bytes;		/* bytes: frame lengths */
	uint64_t	dropped;		/* kernel drops (live) */
	uint64_t	ring_overwritten;	/* records pushed out */
	uint64_t	flows_evicted;		/* flows dropped for room */
	uint64_t	flows_expired;		/* flows dropped for idleness */
	uint64_t	talkers_evicted;
	int64_t		first_ns, last_ns;	/* epoch ns of first/last */
	int64_t		t0_sec;			/* packet 1's time as read: */
	uint32_t	t0_nsec;		/* relative times (wtime_sub) */
	uint8_t		ts_res;			/* its resolution (wtime.h):
						   the TUI's times show it */
	struct proto_count proto[P_MAX];
};

struct model;

/* A new empty model; NULL with *cause set (caller frees) on failure. */
struct model	*model_new(const struct model_config *cfg, char **cause);
void		 model_free(struct model *m);

/* Writer side. */
void		 model_batch_begin(struct model *m);
/* Add one decoded packet; returns its record number.  data may be NULL
   when nobody reads packets back (headless --stats): the ring then keeps
   the record without its bytes. */
uint64_t	 model_add(struct model *m, const struct frame_meta *fm,
		     const uint8_t *data, const struct pkt_info *pi);
void		 model_batch_end(struct model *m);
/* Kernel drop counter: total so far (the caller accumulates). */
void		 model_set_dropped(struct model *m, uint64_t dropped);
/* Interface names for -i any: index for a name (added if new). */
uint16_t	 model_ifindex(struct model *m, const char *name);
/* The time is now (epoch ns) even without packets (live, once a second):
   rates decay, idle flows expire.  Without it, "now" is the newest
   packet's time (files). */
void		 model_tick(struct model *m, int64_t now_ns);

/* Reader side: every call below needs the lock held. */
void		 model_lock(struct model *m);
/* model_lock() unless someone holds the lock: false then (the UI thread
   does not wait for a reader that sorts the flow table). */
bool		 model_trylock(struct model *m);
void		 model_unlock(struct model *m);
/* A change counter bumped by every batch: nothing to redraw if unchanged. */
uint64_t	 model_generation(const struct model *m);
void		 model_totals(const struct model *m, struct model_totals *out);
/* Does the model index every packet of a file (model_config.backing)
   rather than keep the newest in a ring?  How many bytes the index
   takes. */
bool		 model_indexed(const struct model *m, size_t *bytes);
/* Packets in the ring: numbers first..last (0, 0 when empty). */
void		 model_ring_span(const struct model *m, uint64_t *first,
		     uint64_t *last);
/* Copy record number n and up to cap of its bytes into buf; false if gone. */
bool		 model_ring_get(const struct model *m, uint64_t n,
		     struct pkt_rec *rec, uint8_t *buf, size_t cap);
/* Record n as the frame_meta it was added with, for decoding or writing
   it again: times relative to packet 1 and to record n - 1 (0 if that is
   gone), the interface name (valid while the model lives), and up to cap
   of its bytes in buf, caplen saying how many (buf NULL: none, caplen as
   stored).  False if gone. */
bool		 model_ring_frame(const struct model *m, uint64_t n,
		     struct frame_meta *fm, uint8_t *buf, size_t cap);
const char	*model_ifname(const struct model *m, uint16_t ifindex);
size_t		 model_flow_count(const struct model *m);
/* Copy up to max flows into out, sorted by cmp(a, b, arg) (NULL: total
   bytes, descending); top-N by partial selection.  Returns the number
   copied. */
size_t		 model_flows(const struct model *m, struct flow_view *out,
		     size_t max, int (*cmp)(const struct flow_view *,
		     const struct flow_view *, void *), void *arg);
/* Add up every live flow, or (ver != 0) those of the talker at addr. */
void		 model_flows_sum(const struct model *m, uint8_t ver,
		     const uint8_t *addr, struct flow_sums *out);
size_t		 model_talker_count(const struct model *m);
/* Like model_flows(), for talkers.  Not const: the live flows' counts
   are added into their talkers for the call (talkers keep only those of
   flows gone), with the lock held so that nobody sees it. */
size_t		 model_talkers(struct model *m, struct talker_view *out,
		     size_t max, int (*cmp)(const struct talker_view *,
		     const struct talker_view *, void *), void *arg);

/*
 * Every flow or talker in the default order of model_flows() (total bytes
 * descending, ties broken the same way every time), without copying them
 * all, as --stats=json prints them on two threads: sort, then call fn for
 * ranges of the order (from..to - 1, any number of times, from any
 * thread), then done.  Views are valid during the call only and carry
 * counters only (rates and history zero).
 * model_talkers_sort() adds the live flows' counts into the talkers and
 * model_talkers_done() takes them out: between the two the talkers must
 * not be read otherwise.  Nothing else changes the model meanwhile:
 * model_talkers_sort() writes only the talkers and reads only the flows,
 * the rest only read.  The lock is held throughout.
 */
struct model_order;
struct model_order *model_flows_sort(const struct model *m);
struct model_order *model_talkers_sort(struct model *m);
size_t		 model_order_count(const struct model_order *o);
void		 model_flows_range(const struct model *m,
		     const struct model_order *o, size_t from, size_t to,
		     void (*fn)(const struct flow_view *, void *), void *arg);
void		 model_talkers_range(const struct model *m,
		     const struct model_order *o, size_t from, size_t to,
		     void (*fn)(const struct talker_view *, void *), void *arg);
void		 model_flows_done(struct model_order *o);
void		 model_talkers_done(struct model *m, struct model_order *o);

/* The --stats names of a flow state ("established"). */
const char	*flow_state_name(int state);

#endif
