/*
 * Live capture: the capture thread and the headless live mode.
 *
 * The capture thread is the only writer of the model.  It reads one ring
 * block at a time, decodes each packet (fast pass), adds it to the model
 * and to the -w file, and publishes once per block.  Readers (the headless
 * printer here, the TUI) wait with capture_wait(), then copy from the
 * model under its lock.
 */
#ifndef WIRETOP_LIVE_H
#define WIRETOP_LIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/model.h"
#include "options.h"

struct capture;

struct capture_stats {
	uint64_t	published;	/* last packet number in the model */
	uint64_t	received;	/* packets the kernel handed over */
	uint64_t	dropped;	/* kernel drops (ring full), total */
	int64_t		first_ns;	/* epoch ns of packet 1 (rel times) */
	bool		down;		/* the interface is down or gone */
	bool		done;		/* the thread ended (-c, error) */
};

/*
 * Open the capture o asks for (-i, default interface when NULL, -f, -s,
 * -B, -p), open -w, then drop every privilege (-Z): from here on nothing
 * can regain them.  No packet is decoded yet.  On failure NULL, *cause
 * (caller frees) and *status the exit status (2: bad filter, else 1).
 */
struct capture	*capture_open(const struct options *o, char **cause,
		     int *status);
/* The link type and snapshot length of the packets, the source's name. */
int		 capture_link(const struct capture *c);
int		 capture_snaplen(const struct capture *c);
const char	*capture_name(const struct capture *c);
/* Start the capture thread, writing into model (which must outlive it). */
void		 capture_run(struct capture *c, struct model *model);
/* capture_open() then capture_run(): NULL with *cause on failure. */
struct capture	*capture_start(const struct options *o, struct model *model,
		     char **cause);
/*
 * Wait until a packet numbered after seen is published, the thread ends,
 * or timeout_ms passes.  Returns the last published number.
 */
uint64_t	 capture_wait(struct capture *c, uint64_t seen, int timeout_ms);
/* Counters as of the last published block. */
void		 capture_stats(struct capture *c, struct capture_stats *st);
/* The latest message about the interface, once; false if none new. */
bool		 capture_notice(struct capture *c, char *buf, size_t len);
/* Stop the capture thread and wait for it; capture_stats() then gives the
   final counters.  Safe to call more than once. */
void		 capture_halt(struct capture *c);
/*
 * Stop the thread, read the final kernel counters into the model, close
 * the -w file and the socket, free c.  0, or -1 with *cause (caller frees)
 * if capture failed on the way (a write error, the socket broke).
 */
int		 capture_stop(struct capture *c, char **cause);

/* Headless live capture (-P, -V, -T, --stats): the exit status. */
int		 run_live(const struct options *o);

#endif
