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

/*
 * Time stamps as text, the one place they are turned into text: tshark's
 * -t formats (-P's time column, the TUI's), frame.time, and the
 * resolution a time stamp is shown with.
 */

/* tshark's -t formats. */
enum wtime_format {
	WTIME_RELATIVE,		/* r: since the first packet */
	WTIME_ABS,		/* a: local time of day */
	WTIME_ABS_YMD,		/* ad: local date (YYYY-MM-DD) and time */
	WTIME_ABS_YDOY,		/* adoy: local date (YYYY/DOY) and time */
	WTIME_DELTA,		/* d: since the previous packet */
	WTIME_DELTA_DIS,	/* dd: since the previous displayed packet */
	WTIME_EPOCH,		/* e: seconds since 1970 */
	WTIME_UTC,		/* u: UTC time of day */
	WTIME_UTC_YMD,		/* ud */
	WTIME_UTC_YDOY,		/* udoy */
	WTIME_FORMATS
};

/* The format -t names s ("ad"), or -1. */
int			wtime_format_parse(const char *s);
/* The letters of format f ("ad"). */
const char		*wtime_format_name(int f);

/*
 * A time stamp's resolution, as the decimals tshark shows it with
 * (tshark 4.0 picks them from the file: 6 for microsecond pcap, 9 for
 * nanosecond, a pcapng interface's if_tsresol rounded down to 0, 1, 2,
 * 3, 6 or 9).  Held as decimals + 1 so that 0, what a zeroed frame_meta
 * holds, means "not known": microseconds, as live capture.
 */
#define WTIME_RES_DEFAULT	0
#define WTIME_RES(digits)	((uint8_t)((digits) + 1))
/* The decimals resolution res is shown with. */
int			wtime_res_digits(uint8_t res);
/* The resolution of a pcapng if_tsresol option value. */
uint8_t			wtime_res_tsresol(uint8_t tsresol);

/* The absolute time (sec, nsec) as tshark's -t a/ad/adoy (utc false) or
   u/ud/udoy column, with digits decimals; empty (0) when the time has no
   calendar date (localtime fails).  f is one of the absolute formats. */
size_t			wtime_abs_format(int f, int64_t sec, uint32_t nsec,
			    int digits, char *buf, size_t size);
/* (sec, nsec) as tshark's -t e column, digits decimals. */
size_t			wtime_epoch_format(int64_t sec, uint32_t nsec,
			    int digits, char *buf, size_t size);
/* (sec, nsec) as frame.time: "Nov 14, 2023 22:13:20.000000000 UTC" in the
   local time zone, or "Not representable". */
size_t			wtime_text_format(int64_t sec, uint32_t nsec,
			    char *buf, size_t size);

struct frame_meta;
/* The time column of packet m in format f, with the packet's resolution
   (-P, the TUI).  WTIME_DELTA_DIS is empty unless m->has_delta_dis. */
size_t			wtime_column(int f, const struct frame_meta *m,
			    char *buf, size_t size);

#endif
