/*
 * The packet index: for a capture file the UI browses whole, one compact
 * entry per packet (its times, lengths, interface and where its record
 * starts in the file) instead of the ring's bytes, which are read back from
 * the file when a row, the detail pane, a stream or a save needs them.
 * Entries live in chunks allocated as the file is read, so the index
 * never moves what it holds and costs 32 bytes a packet.
 */
#ifndef WIRETOP_INDEX_H
#define WIRETOP_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct index_entry {
	uint64_t	 file_pos;	/* frame_meta.file_pos */
	int64_t		 ts_sec;
	uint32_t	 ts_nsec;
	uint32_t	 caplen, wirelen;
	uint16_t	 link, ifindex;
};

struct pkt_index {
	struct index_entry **chunks;
	size_t		 nchunks, capchunks;
	uint64_t	 count;		/* entries base + 1 .. count */
	uint64_t	 base;		/* entries let go (a bound) */
	uint64_t	 max;		/* keep about this many (0: all) */
};

/* Append an entry: its number (count after the call).  Past x->max the
   oldest chunk of entries goes. */
uint64_t	index_push(struct pkt_index *x, const struct index_entry *e);
/* Entry n (1-based), or NULL if there is none or it was let go. */
const struct index_entry *index_get(const struct pkt_index *x, uint64_t n);
/* Bytes the index holds (the status line, memory checks). */
size_t		index_bytes(const struct pkt_index *x);
void		index_free(struct pkt_index *x);

#endif
