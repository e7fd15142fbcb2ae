/*
 * Capture times without overflow.
 *
 * A packet's time is int64 seconds since the epoch and nanoseconds.  A
 * pcapng file may put it anywhere in that range (if_tsresol 0 with a
 * stamp of 2^62, a large negative if_tsoffset), so seconds * 10^9 does
 * not fit: every conversion to a nanosecond count goes through
 * wtime_ns(), which saturates at INT64_MIN / INT64_MAX.
 *
 * Relative and delta times print as tshark prints them even when they
 * exceed a nanosecond count (2^62 s, then 5 s: -4611686018427387899 s),
 * so they are kept as a seconds + nanoseconds pair, Wireshark's nstime:
 * nsec has the sign of sec (either sign when sec is 0) and |nsec| < 10^9.
 * Only a difference beyond int64 seconds saturates.
 */
#ifndef WIRETOP_WTIME_H
#define WIRETOP_WTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WTIME_NS_PER_SEC	1000000000

/* A signed time difference; see above for its normal form. */
struct wtime_rel {
	int64_t		sec;
	int32_t		nsec;
};

/* Nanoseconds of sec + nsec, saturated to the int64 range. */
int64_t			wtime_ns(int64_t sec, uint32_t nsec);
/* a - b for nanosecond counts, saturated to the int64 range. */
int64_t			wtime_ns_sub(int64_t a, int64_t b);
/* The time (asec, ansec) - (bsec, bnsec), saturated past int64 seconds. */
struct wtime_rel	wtime_sub(int64_t asec, uint32_t ansec, int64_t bsec,
			    uint32_t bnsec);
/* Is r below zero? */
bool			wtime_rel_neg(struct wtime_rel r);
/* r as "[-]s.fraction" with digits (0..9) decimals, truncated as tshark
   does; returns the length written (buf stays NUL-terminated). */
size_t			wtime_rel_format(struct wtime_rel r, int digits,
			    char *buf, size_t size);

#endif
