/*
 * Read-ahead, the feeder's first stage for capture files (headless or
 * with the UI): a second thread reads the file and runs the fast decode
 * while the feeder's thread updates the model, writes -w and feeds the
 * tap, so a run uses both cores of a machine.
 */
#ifndef WIRETOP_READAHEAD_H
#define WIRETOP_READAHEAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/source.h"
#include "decode/dissect.h"

/* A packet read and decoded ahead: data holds m.caplen bytes, or is
   NULL if the bytes were not kept. */
struct ra_packet {
	struct frame_meta	 m;
	const uint8_t		*data;
	struct pkt_info		 pi;	/* pi.info filled if asked for */
};

struct readahead;

/*
 * Start reading src on a new thread: every packet is decoded (the fast
 * pass, with the Info column when want_info) and handed over in batches,
 * with its bytes if keep_bytes (not copying them is most of the reader's
 * work when only the model needs the packets).  count > 0 stops after
 * that many packets.  NULL with *cause set if the thread cannot start.
 */
struct readahead *readahead_start(struct source *src, bool want_info,
		     bool keep_bytes, uint64_t count, char **cause);
/*
 * The next batch (*n packets, n > 0), valid until the next call; the
 * previous batch is handed back.  NULL at the end of the file (or after
 * an error: source_error() says which, once readahead_stop() returned).
 * A slow source's packets are handed over within about SOURCE_IDLE_MS.
 */
const struct ra_packet *readahead_next(struct readahead *ra, size_t *n);
/* Would readahead_next() return at once (not wait for the reader)? */
bool		 readahead_ready(struct readahead *ra);
/* Stop reading (early or at the end), join the thread, free it all.  A
   reader waiting for input is interrupted (source_interrupt()). */
void		 readahead_stop(struct readahead *ra);

#endif
