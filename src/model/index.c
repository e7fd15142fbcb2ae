/* The packet index of a capture file (index.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "util.h"

#define CHUNK_SHIFT	16		/* 65536 entries, 2 MB, a chunk */
#define CHUNK_ENTRIES	((size_t)1 << CHUNK_SHIFT)

_Static_assert(sizeof(struct index_entry) == 32, "an entry is 32 bytes");

uint64_t
index_push(struct pkt_index *x, const struct index_entry *e)
{
	size_t c = (size_t)(x->count >> CHUNK_SHIFT);

	if (c == x->nchunks) {
		if (x->nchunks == x->capchunks) {
			x->capchunks = x->capchunks ? x->capchunks * 2 : 16;
			x->chunks = xrealloc(x->chunks,
			    x->capchunks * sizeof *x->chunks);
		}
		x->chunks[x->nchunks++] = xmalloc(CHUNK_ENTRIES *
		    sizeof **x->chunks);
	}
	x->chunks[c][x->count & (CHUNK_ENTRIES - 1)] = *e;
	return ++x->count;
}

const struct index_entry *
index_get(const struct pkt_index *x, uint64_t n)
{
	if (n == 0 || n > x->count)
		return NULL;
	n--;
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
