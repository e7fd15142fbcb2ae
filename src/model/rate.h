/* The byte-rate history of a flow (struct rate). */
#ifndef WIRETOP_RATE_H
#define WIRETOP_RATE_H

#include <stdint.h>

/*
 * Recent bytes: one slot per second for the last RATE_SECS seconds (the
 * 2 s and 10 s rates and the talkers' 16-second history are exact), and
 * one per 8-second block for the last RATE_BLOCKS blocks (the 40 s rate,
 * its oldest block prorated).  Counts saturate at UINT32_MAX.
 */
#define RATE_SECS		16
#define RATE_BLOCKS		6
#define RATE_BLOCK_SHIFT	3	/* 8-second blocks */

struct rate {
	int64_t		 last;		/* newest second counted */
	uint32_t	 sec[RATE_SECS];	/* by second % RATE_SECS */
	uint32_t	 blk[RATE_BLOCKS];	/* by block % RATE_BLOCKS */
};

/* Start a history at second sec. */
void	rate_init(struct rate *r, int64_t sec);
/* Count len bytes in second sec (late seconds count while kept). */
void	rate_add(struct rate *r, int64_t sec, uint32_t len);
/* Bytes per second over the last 2, 10 and 40 seconds up to now. */
void	rate_get(const struct rate *r, int64_t now, double out[3]);
/* Bytes in second s, 0 if not kept. */
uint64_t rate_at(const struct rate *r, int64_t s);

#endif
