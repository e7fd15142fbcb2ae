/*
 * Recent bytes of a flow, by second: what its current rate and the
 * 2 s / 10 s / 40 s averages iftop shows are computed from.
 */
#include "config.h"

#include <string.h>

#include "rate.h"

_Static_assert(RATE_SECS >= 10, "per-second slots cover 10 s");
_Static_assert((RATE_BLOCKS - 1) << RATE_BLOCK_SHIFT >= 40,
    "blocks cover 40 s");

/* x mod n, in 0..n-1 for negative x too. */
static size_t
mod(int64_t x, int64_t n)
{
	int64_t r = x % n;

	return (size_t)(r < 0 ? r + n : r);
}

/* The 8-second block of second s (floor). */
static int64_t
block_of(int64_t s)
{
	return s >= 0 ? s >> RATE_BLOCK_SHIFT :
	    -((-s - 1) >> RATE_BLOCK_SHIFT) - 1;
}

/* Saturating add. */
static void
sat_add(uint32_t *p, uint32_t v)
{
	*p = *p > UINT32_MAX - v ? UINT32_MAX : *p + v;
}

/* Start a history at second sec. */
void
rate_init(struct rate *r, int64_t sec)
{
	memset(r, 0, sizeof *r);
	r->last = sec;
}

/* Count len bytes in second sec (late seconds count while kept). */
void
rate_add(struct rate *r, int64_t sec, uint32_t len)
{
	int64_t	s, b, lb;

	if (sec > r->last) {
		/* Clear the slots of the seconds and blocks skipped. */
		if (sec - r->last >= RATE_SECS)
			memset(r->sec, 0, sizeof r->sec);
		else
			for (s = r->last + 1; s <= sec; s++)
				r->sec[mod(s, RATE_SECS)] = 0;
		lb = block_of(r->last);
		b = block_of(sec);
		if (b - lb >= RATE_BLOCKS)
			memset(r->blk, 0, sizeof r->blk);
		else
			for (s = lb + 1; s <= b; s++)
				r->blk[mod(s, RATE_BLOCKS)] = 0;
		r->last = sec;
	}
	if (sec > r->last - RATE_SECS)
		sat_add(&r->sec[mod(sec, RATE_SECS)], len);
	if (block_of(sec) > block_of(r->last) - RATE_BLOCKS)
		sat_add(&r->blk[mod(block_of(sec), RATE_BLOCKS)], len);
}

/* Bytes in second s, 0 if not kept. */
uint64_t
rate_at(const struct rate *r, int64_t s)
{
	if (s > r->last || s <= r->last - RATE_SECS)
		return 0;
	return r->sec[mod(s, RATE_SECS)];
}

/* Bytes per second over the last 2, 10 and 40 seconds up to now. */
void
rate_get(const struct rate *r, int64_t now, double out[3])
{
	uint64_t	 sum;
	double		 sum40;
	int64_t		 s, b, first, lb;

	sum = 0;
	for (s = now; s > now - 2; s--)
		sum += rate_at(r, s);
	out[0] = (double)sum / 2;
	for (; s > now - 10; s--)
		sum += rate_at(r, s);
	out[1] = (double)sum / 10;

	/* Blocks overlapping (now - 40, now]; the oldest counts for the
	   part of it inside the window. */
	first = now - 39;
	lb = block_of(r->last);
	sum40 = 0;
	for (b = block_of(first); b <= block_of(now); b++) {
		double part;

		if (b > lb || b <= lb - RATE_BLOCKS)
			continue;
		part = 1;
		if (b * (1 << RATE_BLOCK_SHIFT) < first)
			part = (double)((b + 1) * (1 << RATE_BLOCK_SHIFT) - first) /
			    (1 << RATE_BLOCK_SHIFT);
		sum40 += part * r->blk[mod(b, RATE_BLOCKS)];
	}
	out[2] = sum40 / 40;
}

