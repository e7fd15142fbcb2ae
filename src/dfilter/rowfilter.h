/*
 * Filters on flow and talker rows: the display-filter language
 * (dfilter.h) over the fields of a row, for `/` in the flows and talkers
 * views and --flow-filter.
 *
 * Flows:   proto state (strings as --stats=json prints them), src dst
 *          addr (either end), sport dport port (either end; TCP and UDP
 *          flows only), packets bytes (both ways), src.packets src.bytes
 *          (what src sent: --stats=json's packets, bytes), dst.packets
 *          dst.bytes (what dst sent: packets_rev, bytes_rev), rate
 *          src.rate dst.rate peak (bit/s: the 2 s rate the views show,
 *          and the busiest second), age (seconds since its last packet),
 *          duration (seconds from its first packet to its last).
 * Talkers: addr, packets bytes (both ways), tx_packets tx_bytes
 *          rx_packets rx_bytes, rate (bit/s, 2 s), flows (live flows).
 *
 * Integers take k, M and G suffixes (x1000, like the views' counts).
 * An address field holds IPv4 or IPv6 rows and compares with literals
 * of either family, with a /prefix: an IPv4 literal matches IPv4 rows
 * only, an IPv6 literal sees an IPv4 row as ::ffff:a.b.c.d.
 */
#ifndef WIRETOP_ROWFILTER_H
#define WIRETOP_ROWFILTER_H

#include <stdbool.h>
#include <stdint.h>

#include "model/model.h"

enum rowfilter_kind {
	ROWS_FLOWS,
	ROWS_TALKERS
};

struct rowfilter;

/*
 * Compile text over the fields of kind.  NULL with *cause (caller frees)
 * on an error: one line, "flow filter: ..." or "talker filter: ...".
 */
struct rowfilter *rowfilter_compile(const char *text, enum rowfilter_kind kind,
		    char **cause);
void		 rowfilter_free(struct rowfilter *rf);
const char	*rowfilter_text(const struct rowfilter *rf);
enum rowfilter_kind rowfilter_kind(const struct rowfilter *rf);

/*
 * Does flow f match?  now_ns (epoch) is what age is measured to: the
 * newest packet's time for a file, the clock for a live capture.  Not
 * for two threads at once (the filter keeps its record).
 */
bool		 rowfilter_match_flow(struct rowfilter *rf,
		     const struct flow_view *f, int64_t now_ns);
/* Does talker t match? */
bool		 rowfilter_match_talker(struct rowfilter *rf,
		     const struct talker_view *t);

/* Call fn for each field name of kind (the help, the man page's list). */
void		 rowfilter_each_field(enum rowfilter_kind kind,
		     void (*fn)(const char *name, const char *label, void *),
		     void *arg);

#endif
