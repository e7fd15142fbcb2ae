/* The byte-rate history of a flow (struct rate). */
#ifndef WIRETOP_RATE_H
#define WIRETOP_RATE_H

#include <stdint.h>

/*
 * Recent bytes each way: one slot per second for the last RATE_SECS
 * seconds (the 2 s and 10 s rates and the talkers' 16-second history of
 * complete seconds are exact), and one per 8-second block for the last
 * RATE_BLOCKS blocks (the 40 s rate, its oldest block prorated).  Counts
 * saturate at UINT32_MAX.
 *
 * Rates are over complete seconds only: a reader names the second its
 * window ends at (end, not counted), never the second still filling.
 */
#define RATE_SECS		18
#define RATE_BLOCKS		7
#define RATE_BLOCK_SHIFT	3	/* 8-second blocks */
#define RATE_BOTH		(-1)	/* dir: both ways */

struct rate {
	int64_t		 last;		/* newest second counted */
	uint32_t	 peak;		/* busiest second before last, both
					   ways */
	uint32_t	 sec[2][RATE_SECS];	/* by dir, second % RATE_SECS */
	uint32_t	 blk[2][RATE_BLOCKS];	/* by dir, block % RATE_BLOCKS */
};

/* Start a history at second sec. */
void	rate_init(struct rate *r, int64_t sec);
/* Count len bytes in second sec, direction dir (0: src -> dst, 1: the
   reverse); late seconds count while kept. */
void	rate_add(struct rate *r, int64_t sec, uint32_t len, int dir);
/* Bytes per second both ways over the complete seconds of the last 2, 10
   and 40 seconds before second end. */
void	rate_get(const struct rate *r, int64_t end, double out[3]);
/*
 * Bytes per second in direction dir (RATE_BOTH: both) over the 2, 10 and
 * 40 seconds before second end, each window starting no earlier than
 * start_ns (epoch ns: the capture's first packet; nothing was counted
 * before it), so that a capture younger than a window reads its true
 * rate, not a share of it.
 */
void	rate_get_since(const struct rate *r, int64_t end, int64_t start_ns,
	    int dir, double out[3]);
/* Bytes in second s both ways, 0 if not kept. */
uint64_t rate_at(const struct rate *r, int64_t s);
/* Bytes in second s in direction dir (RATE_BOTH: both), 0 if not kept. */
uint64_t rate_at_dir(const struct rate *r, int64_t s, int dir);
/* Bytes of the busiest complete second before second end, both ways. */
uint64_t rate_peak(const struct rate *r, int64_t end);

#endif
