/*
 * The packet ring.
 *
 * Invariants:
 * - Records are numbered 1, 2, 3, ... in the order pushed; the ring keeps
 *   the count newest, numbers last - count + 1 .. last, and record n lives
 *   in slot (n - 1) % nslots, so a lookup by number is O(1).
 * - Frame bytes go to the arena one after the other at absolute positions
 *   (head only grows); position p is stored at arena[p % arena_size], a
 *   frame may wrap around the end.  A record's bytes [pos, pos + caplen)
 *   are intact while pos >= head - arena_size.
 * - A record is dropped (and counted in overwritten) when its slot is
 *   needed or when the next frame's bytes would overwrite any of its bytes;
 *   both happen oldest first, so the kept records stay contiguous and every
 *   kept record's bytes are intact.
 * - Nothing is allocated after ring_init().
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ring.h"

/* Allocate a ring of nslots records and nbytes of frame bytes; 0 / -1. */
int
ring_init(struct ring *r, size_t nslots, size_t nbytes, char **cause)
{
	memset(r, 0, sizeof *r);
	if (nslots == 0 || nbytes == 0) {
		if (asprintf(cause, "packet ring must not be empty") < 0)
			*cause = NULL;
		return -1;
	}
	r->slots = calloc(nslots, sizeof *r->slots);
	r->arena = malloc(nbytes);
	if (r->slots == NULL || r->arena == NULL) {
		if (asprintf(cause, "cannot allocate a packet ring of %zu "
		    "packets and %zu bytes", nslots, nbytes) < 0)
			*cause = NULL;
		ring_free(r);
		return -1;
	}
	r->nslots = nslots;
	r->arena_size = nbytes;
	return 0;
}

/* Free the ring's memory (the struct itself is the caller's). */
void
ring_free(struct ring *r)
{
	free(r->slots);
	free(r->arena);
	memset(r, 0, sizeof *r);
}

/* Store rec and its rec->caplen bytes; numbers it and returns the number. */
uint64_t
ring_push(struct ring *r, const struct pkt_rec *rec, const uint8_t *data)
{
	struct ring_slot	*s;
	size_t			 len, at, first;
	uint64_t		 end;

	/* A frame larger than the arena keeps only what fits. */
	len = data != NULL ? rec->caplen : 0;
	if (len > r->arena_size)
		len = r->arena_size;
	end = r->head + len;

	while (r->count > 0) {
		s = &r->slots[r->oldest];
		if (r->count < r->nslots && s->pos + r->arena_size >= end)
			break;
		r->count--;
		r->overwritten++;
		if (++r->oldest == r->nslots)
			r->oldest = 0;
	}

	s = &r->slots[r->next];
	s->rec = *rec;
	s->rec.number = ++r->last;
	s->rec.caplen = (uint32_t)len;
	s->pos = r->head;
	if (len > 0) {
		at = r->head_off;
		first = r->arena_size - at;
		if (first >= len)
			memcpy(r->arena + at, data, len);
		else {
			memcpy(r->arena + at, data, first);
			memcpy(r->arena, data + first, len - first);
		}
		r->head_off = len >= first ? len - first : at + len;
	}
	r->head = end;
	r->count++;
	if (++r->next == r->nslots)
		r->next = 0;
	return r->last;
}

/* The numbers kept, first..last; 0, 0 when empty. */
void
ring_span(const struct ring *r, uint64_t *first, uint64_t *last)
{
	if (r->count == 0) {
		*first = *last = 0;
		return;
	}
	*first = r->last - r->count + 1;
	*last = r->last;
}

/* Copy record n and up to cap of its bytes; false if n is not kept. */
bool
ring_get(const struct ring *r, uint64_t n, struct pkt_rec *rec, uint8_t *buf,
    size_t cap)
{
	const struct ring_slot	*s;
	size_t			 len, at, first;

	if (r->count == 0 || n > r->last || n <= r->last - r->count)
		return false;
	s = &r->slots[(n - 1) % r->nslots];
	if (rec != NULL)
		*rec = s->rec;
	if (buf == NULL || cap == 0)
		return true;
	len = s->rec.caplen;
	if (len > cap)
		len = cap;
	at = (size_t)(s->pos % r->arena_size);
	first = r->arena_size - at;
	if (first >= len)
		memcpy(buf, r->arena + at, len);
	else {
		memcpy(buf, r->arena + at, first);
		memcpy(buf + first, r->arena, len - first);
	}
	return true;
}
