/*
 * The -z tables (tshark's -z conv,..., endpoints,..., io,phs): fed every
 * packet the headless pass reads (whatever -Y keeps, as tshark's taps
 * see them all), printed at the end in tshark 4.0's layout, the table of
 * the last -z first as tshark prints them.
 */
#ifndef WIRETOP_ZTABLES_H
#define WIRETOP_ZTABLES_H

#include <stdint.h>
#include <stdio.h>

#include "decode/packet.h"
#include "output/zspec.h"

struct ztables;

/* The tables of specs[0..n) for packets of link type link; NULL with
   *cause (caller frees) if a table's filter is bad (a usage error). */
struct ztables	*ztables_new(const struct zspec *specs, int n, int link,
		     int snaplen, char **cause);
/* Count one packet in every table whose filter it passes. */
void		 ztables_packet(struct ztables *z, const struct frame_meta *m,
		     const uint8_t *data);
/* Print every table to out; what a full table could not count is said
   on stderr. */
void		 ztables_print(struct ztables *z, FILE *out);
void		 ztables_free(struct ztables *z);

#endif
