/*
 * The headless printer: what -P, -V, -x, -T and -Y ask for, applied to one
 * packet at a time.  File reading and live capture both feed it.
 */
#ifndef WIRETOP_PRINTER_H
#define WIRETOP_PRINTER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "decode/dissect.h"
#include "options.h"

struct printer;

/* A printer for packets of link type link; NULL with *cause (caller
   frees) if the display filter is bad (a usage error). */
struct printer	*printer_new(const struct options *o, int link, int snaplen,
		     FILE *out, char **cause);
/* Print one packet if it passes the display filter.  pi, when not NULL,
   is the packet's summary already decoded with its Info (so -P need not
   decode it again); NULL makes the printer decode it if it needs it. */
void		 printer_packet(struct printer *p, const struct frame_meta *m,
		     const uint8_t *data, const struct pkt_info *pi);
/* Does the printer look at no packet (only --stats, if any)? */
bool		 printer_idle(const struct printer *p);
/* Does the printer want the Info column (-P)? */
bool		 printer_wants_info(const struct printer *p);
/* After the last packet: end what the output opened (-T json's array),
   print the -z tables. */
void		 printer_finish(struct printer *p);
/* Did writing fail (a closed pipe)? */
bool		 printer_failed(const struct printer *p);
void		 printer_free(struct printer *p);

#endif
