/*
 * The packet ring: the newest packets, as compact records plus the bytes
 * captured, in memory allocated once.
 */
#ifndef WIRETOP_RING_H
#define WIRETOP_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

struct ring_slot {
	struct pkt_rec	 rec;
	uint64_t	 pos;		/* absolute arena position of its bytes */
};

struct ring {
	struct ring_slot *slots;	/* nslots records */
	size_t		 nslots;
	uint8_t		*arena;		/* arena_size bytes, used circularly */
	size_t		 arena_size;
	uint64_t	 head;		/* absolute position of the next byte */
	size_t		 head_off;	/* head % arena_size */
	uint64_t	 last;		/* number of the newest record; 0: none */
	size_t		 count;		/* records kept: last - count + 1 .. last */
	size_t		 next;		/* slot the next record goes to */
	size_t		 oldest;	/* slot of the oldest record kept */
	uint64_t	 overwritten;	/* records pushed out, by count or bytes */
};

/* Allocate a ring of nslots records and nbytes of frame bytes; 0 / -1. */
int	ring_init(struct ring *r, size_t nslots, size_t nbytes, char **cause);
void	ring_free(struct ring *r);
/* Store rec and its rec->caplen bytes; numbers it and returns the number. */
uint64_t ring_push(struct ring *r, const struct pkt_rec *rec,
	    const uint8_t *data);
/* The numbers kept, first..last; 0, 0 when empty. */
void	ring_span(const struct ring *r, uint64_t *first, uint64_t *last);
/* Copy record n and up to cap of its bytes; false if n is not kept. */
bool	ring_get(const struct ring *r, uint64_t n, struct pkt_rec *rec,
	    uint8_t *buf, size_t cap);

#endif
