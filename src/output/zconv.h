/*
 * Conversation and endpoint tables (-z conv,TYPE and -z endpoints,TYPE):
 * rows keyed by addresses (and ports), counting frames and frame bytes in
 * each direction, printed sorted by frames as tshark 4.0 prints them.
 *
 * Memory: at most ZCONV_MAX_ROWS rows a table (about 96 bytes each, and
 * 8 for the hash); a packet that would need a row more is not counted,
 * and the table says how many were not.
 */
#ifndef WIRETOP_ZCONV_H
#define WIRETOP_ZCONV_H

#include <stdint.h>
#include <stdio.h>

#include "output/zpacket.h"
#include "output/zspec.h"

#define ZCONV_MAX_ROWS	(1u << 20)

struct zconv;

/* An empty table of kind (a conversation or an endpoint table). */
struct zconv	*zconv_new(enum zkind kind);
/* Count the packet's layers of the table's protocol. */
void		 zconv_add(struct zconv *t, const struct zpacket *p);
/* Print the table; filter is the -z filter's text or NULL. */
void		 zconv_print(const struct zconv *t, FILE *out,
		     const char *filter);
/* Packets a full table could not count. */
uint64_t	 zconv_missed(const struct zconv *t);
void		 zconv_free(struct zconv *t);

#endif
