/*
 * Recent bytes of a flow, by second and direction: what its rates, the
 * 2 s / 10 s / 40 s averages iftop shows, are computed from.  Only
 * complete seconds count: a window ends where the reader says (the second
 * still filling is never part of it), so a steady stream reads steady.
 */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "rate.h"

#define BLOCK_SECS	(1 << RATE_BLOCK_SHIFT)

_Static_assert(RATE_SECS >= 18, "per-second slots cover 16 complete "
    "seconds and the one filling, a second late");
_Static_assert((RATE_BLOCKS - 1) * BLOCK_SECS >= 41 + BLOCK_SECS - 1,
    "blocks cover 40 complete seconds and the one filling");

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

/* Is second s kept? */
static bool
sec_kept(const struct rate *r, int64_t s)
{
	return s <= r->last && s > r->last - RATE_SECS;
}

/* Is block b kept? */
static bool
blk_kept(const struct rate *r, int64_t b)
{
	int64_t lb = block_of(r->last);

	return b <= lb && b > lb - RATE_BLOCKS;
}

/* Bytes in second s in direction dir (RATE_BOTH: both), 0 if not kept. */
uint64_t
rate_at_dir(const struct rate *r, int64_t s, int dir)
{
	size_t i = mod(s, RATE_SECS);

	if (!sec_kept(r, s))
		return 0;
	if (dir == RATE_BOTH)
		return (uint64_t)r->sec[0][i] + r->sec[1][i];
	return r->sec[dir][i];
}

/* Bytes in second s both ways, 0 if not kept. */
uint64_t
rate_at(const struct rate *r, int64_t s)
{
	return rate_at_dir(r, s, RATE_BOTH);
}

/* Bytes in block b in direction dir, 0 if not kept. */
static uint64_t
blk_at(const struct rate *r, int64_t b, int dir)
{
	size_t i = mod(b, RATE_BLOCKS);

	if (!blk_kept(r, b))
		return 0;
	if (dir == RATE_BOTH)
		return (uint64_t)r->blk[0][i] + r->blk[1][i];
	return r->blk[dir][i];
}

/* Count len bytes in second sec, direction dir; late seconds count while
   kept. */
void
rate_add(struct rate *r, int64_t sec, uint32_t len, int dir)
{
	int64_t	s, b, lb;
	uint64_t done;
	int	d;

	dir = dir != 0;
	if (sec > r->last) {
		/* The newest second is complete: the peak may be it. */
		done = rate_at(r, r->last);
		if (done > r->peak)
			r->peak = done > UINT32_MAX ? UINT32_MAX :
			    (uint32_t)done;
		/* Clear the slots of the seconds and blocks skipped. */
		for (d = 0; d < 2; d++) {
			if (sec - r->last >= RATE_SECS)
				memset(r->sec[d], 0, sizeof r->sec[d]);
			else
				for (s = r->last + 1; s <= sec; s++)
					r->sec[d][mod(s, RATE_SECS)] = 0;
			lb = block_of(r->last);
			b = block_of(sec);
			if (b - lb >= RATE_BLOCKS)
				memset(r->blk[d], 0, sizeof r->blk[d]);
			else
				for (s = lb + 1; s <= b; s++)
					r->blk[d][mod(s, RATE_BLOCKS)] = 0;
		}
		r->last = sec;
	}
	if (sec_kept(r, sec))
		sat_add(&r->sec[dir][mod(sec, RATE_SECS)], len);
	if (blk_kept(r, block_of(sec)))
		sat_add(&r->blk[dir][mod(block_of(sec), RATE_BLOCKS)], len);
}

/*
 * Bytes in direction dir in seconds a..b-1, where nothing was counted
 * before second lo (fractional: the capture's first packet).  Exact from
 * the per-second slots when a is kept there; else from the blocks, less
 * the seconds of the newest block from b on (kept by the second), and the
 * oldest block prorated for its part before a (of its part after lo).
 */
static double
span_bytes(const struct rate *r, int dir, int64_t a, int64_t b, double lo)
{
	double	 sum = 0, v, from, whole;
	int64_t	 blk, bs, be, s;

	if (b <= a)
		return 0;
	if (a > r->last - RATE_SECS) {
		for (s = a; s < b; s++)
			sum += (double)rate_at_dir(r, s, dir);
		return sum;
	}
	for (blk = block_of(a); blk <= block_of(b - 1); blk++) {
		if (!blk_kept(r, blk))
			continue;
		bs = blk * BLOCK_SECS;
		be = bs + BLOCK_SECS;
		v = (double)blk_at(r, blk, dir);
		if (be > b) {
			/* Seconds from b on in this block: exact if kept,
			   else its share. */
			if (b > r->last - RATE_SECS) {
				for (s = b; s < be; s++)
					v -= (double)rate_at_dir(r, s, dir);
				if (v < 0)
					v = 0;
			} else
				v = v * (double)(b - bs) / BLOCK_SECS;
			be = b;
		}
		if (bs < a) {
			from = (double)bs > lo ? (double)bs : lo;
			whole = (double)be - from;
			if (whole > 0 && (double)a > from)
				v *= ((double)be - (double)a) / whole;
		}
		sum += v;
	}
	return sum;
}

/* The second of a nanosecond count (floor). */
static int64_t
ns_sec(int64_t ns)
{
	return ns >= 0 ? ns / 1000000000 : -(-(ns + 1) / 1000000000) - 1;
}

/* Bytes per second in direction dir over the 2, 10 and 40 seconds before
   second end, each window starting no earlier than start_ns. */
void
rate_get_since(const struct rate *r, int64_t end, int64_t start_ns, int dir,
    double out[3])
{
	static const int len[3] = { 2, 10, 40 };
	double	 lo, span;
	int64_t	 a;
	int	 k;

	lo = start_ns == INT64_MIN ? -1e300 : (double)start_ns / 1e9;
	for (k = 0; k < 3; k++) {
		a = end - len[k];
		span = len[k];
		if ((double)a < lo) {
			/* Younger than the window: from the first packet
			   on (nothing came before it); under a second, per
			   second. */
			a = ns_sec(start_ns);
			if (end <= a) {
				out[k] = 0;
				continue;
			}
			span = (double)end - lo;
			if (span < 1)
				span = 1;
		}
		out[k] = span_bytes(r, dir, a, end, lo) / span;
	}
}

/* Bytes per second both ways over the 2, 10 and 40 seconds before second
   end. */
void
rate_get(const struct rate *r, int64_t end, double out[3])
{
	rate_get_since(r, end, INT64_MIN, RATE_BOTH, out);
}

/* Bytes of the busiest complete second before second end, both ways. */
uint64_t
rate_peak(const struct rate *r, int64_t end)
{
	uint64_t p = r->peak, v;

	if (r->last < end && (v = rate_at(r, r->last)) > p)
		p = v;
	return p;
}
