/*
 * The protocol hierarchy (-z io,phs): a tree of the protocol chains the
 * packets' dissections open, frames and frame bytes at every node, printed
 * as tshark 4.0 prints it.
 *
 * Memory: at most ZPHS_MAX_NODES nodes (24 bytes each); a packet whose
 * chain needs a node more counts up to the last node that exists.
 */
#ifndef WIRETOP_ZPHS_H
#define WIRETOP_ZPHS_H

#include <stdint.h>
#include <stdio.h>

#include "output/zpacket.h"

#define ZPHS_MAX_NODES	65536

struct zphs;

struct zphs	*zphs_new(void);
/* Count the packet along its chain of protocols. */
void		 zphs_add(struct zphs *h, const struct zpacket *p);
/* Print the tree; filter is the -z filter's text or NULL. */
void		 zphs_print(const struct zphs *h, FILE *out,
		     const char *filter);
/* Packets whose chain a full tree cut short. */
uint64_t	 zphs_missed(const struct zphs *h);
void		 zphs_free(struct zphs *h);

#endif
