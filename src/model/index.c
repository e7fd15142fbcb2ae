/* The packet index of a capture file (index.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "model_impl.h"

#define CHUNK_SHIFT	16		/* 65536 entries, 2 MB, a chunk */
#define CHUNK_ENTRIES	((size_t)1 << CHUNK_SHIFT)

_Static_assert(sizeof(struct index_entry) == 32, "an entry is 32 bytes");

uint64_t
index_push(struct pkt_index *x, const struct index_entry *e)
{
	size_t c = (size_t)((x->count - x->base) >> CHUNK_SHIFT);

	if (c == x->nchunks) {
		if (x->nchunks == x->capchunks) {
			size_t cap = x->capchunks ? x->capchunks * 2 : 16;
			void *p = realloc(x->chunks, cap * sizeof *x->chunks);

			if (p == NULL)
				model_fatal_oom();
			x->chunks = p;
			x->capchunks = cap;
		}
		if ((x->chunks[x->nchunks] = malloc(CHUNK_ENTRIES *
		    sizeof **x->chunks)) == NULL)
			model_fatal_oom();
		x->nchunks++;
	}
	x->chunks[c][(x->count - x->base) & (CHUNK_ENTRIES - 1)] = *e;
	x->count++;
	/* Bounded (live, the -w file): the oldest chunk goes once a whole
	   chunk more than the bound is kept. */
	if (x->max != 0 && x->count - x->base >= x->max + CHUNK_ENTRIES &&
	    x->nchunks > 1) {
		free(x->chunks[0]);
		memmove(x->chunks, x->chunks + 1,
		    (x->nchunks - 1) * sizeof *x->chunks);
		x->nchunks--;
		x->base += CHUNK_ENTRIES;
	}
	return x->count;
}

const struct index_entry *
index_get(const struct pkt_index *x, uint64_t n)
{
	if (n <= x->base || n > x->count)
		return NULL;
	n -= x->base + 1;
	return &x->chunks[n >> CHUNK_SHIFT][n & (CHUNK_ENTRIES - 1)];
}

size_t
index_bytes(const struct pkt_index *x)
{
	return x->nchunks * CHUNK_ENTRIES * sizeof **x->chunks +
	    x->capchunks * sizeof *x->chunks;
}

void
index_free(struct pkt_index *x)
{
	size_t i;

	for (i = 0; i < x->nchunks; i++)
		free(x->chunks[i]);
	free(x->chunks);
	memset(x, 0, sizeof *x);
}
