/*
 * The feeder: wiretop's one packet path.
 *
 *   source (capture file or AF_PACKET ring) -> decode -> model -> -w -> tap
 *
 * feed_packet() in feed.c is the only place a packet enters the model; -c,
 * --duration, a stop request and -w are handled here once, for every
 * combination of file or live and headless or TUI (run.c wires them).
 *
 * Followers come in two kinds:
 * - the tap (the headless printers; later the flow exporter) is lossless:
 *   it is called for every packet, in order, on the feeder's thread, so a
 *   slow tap holds the source back.  Live, that backpressure lands in the
 *   kernel ring; what the kernel still drops is counted (feed_status()).
 * - readers of the model (the TUI) are lossy: they copy the newest state at
 *   their own pace under the model's lock and never slow the feeder.  They
 *   learn that something changed from feed_wake_fd().
 *
 * Nothing here knows about curses; the UI includes this header for the
 * handle it asks things of (status, stop), never the capture headers.
 */
#ifndef WIRETOP_FEED_H
#define WIRETOP_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/packet.h"

struct feed;
struct model;
struct source;
struct dump;

/* A lossless follower: called for each packet after the model and -w. */
struct feed_tap {
	/* pi->info is filled when want_info; data is NULL unless
	   want_bytes.  NULL: the follower only wants notices. */
	void	(*packet)(void *arg, const struct frame_meta *m,
		    const uint8_t *data, const struct pkt_info *pi);
	/* The source said something about itself (the interface went
	   down): the headless run prints it.  May be NULL. */
	void	(*notice)(void *arg, const char *text);
	/* The source waits for input: push out what is buffered. */
	void	(*idle)(void *arg);
	/* True once the tap cannot go on (a closed pipe): the run ends. */
	bool	(*failed)(void *arg);
	bool	 want_info;
	bool	 want_bytes;
	void	*arg;
};

struct feed_config {
	struct source	*src;		/* the feeder closes it */
	struct model	*model;		/* must outlive the feeder */
	struct dump	*dump;		/* -w, NULL: none; the feeder closes
					   it */
	const struct feed_tap *tap;	/* NULL: none */
	bool		 live;		/* src is an interface */
	bool		 keep_bytes;	/* the model's ring keeps frames
					   (someone reads them back) */
	bool		 index_dump;	/* live: the model indexes the -w
					   file (each record's place in it,
					   flushed every batch) */
	uint64_t	 count;		/* -c, 0: no limit */
	double		 duration;	/* --duration seconds (live), 0: none */
};

/* What a reader of the feeder may ask while it runs (any thread). */
struct feed_status {
	uint64_t	received;	/* packets the source handed over */
	uint64_t	dropped;	/* kernel drops so far (live) */
	bool		down;		/* the interface is down or gone */
	bool		finished;	/* the feeder ended (end of file, -c,
					   --duration, stop, error) */
	uint64_t	file_read;	/* a file: bytes read so far, of */
	uint64_t	file_size;	/* its size (0: unknown, a pipe) */
};

/* A feeder for cfg (copied); nothing is read until feed_run() or
   feed_start(). */
struct feed	*feed_new(const struct feed_config *cfg);
/* Run on the calling thread until the source ends, -c, --duration, a
   tap failure or feed_stop() (headless). */
void		 feed_run(struct feed *f);
/* Run on a thread of its own (TUI); 0, or -1 with *cause. */
int		 feed_start(struct feed *f, char **cause);
/* Ask the feeder to stop soon.  Async-signal-safe: a stop signal's
   handler calls it. */
void		 feed_stop(struct feed *f);
/*
 * Wait for the feeder's thread (after feed_start()), close -w and the
 * source, put the final kernel counters into the model, free f.  Returns
 * 0, or -1 with *cause (caller frees) naming what failed: the source (a
 * read error), a write to -w.  *warning (caller frees, may be NULL on
 * return) says a file was cut short.
 */
int		 feed_finish(struct feed *f, char **cause, char **warning);

/* Counters and state as of the last batch. */
void		 feed_status(struct feed *f, struct feed_status *st);
/* The latest message about the source (the interface went down), once;
   false if there is none new. */
bool		 feed_notice(struct feed *f, char *buf, size_t len);
/*
 * A descriptor that is readable once the model changed (or the status or
 * a notice did) since feed_wake_ack(): a lossy reader sleeps in poll() on
 * it.  The feeder writes it at most once per ack, so a reader costs it
 * nothing per packet.
 */
int		 feed_wake_fd(struct feed *f);
void		 feed_wake_ack(struct feed *f);

/* What the packets are: for the status line, filters and saving. */
const char	*feed_source_name(const struct feed *f);
int		 feed_link(const struct feed *f);
int		 feed_snaplen(const struct feed *f);
bool		 feed_is_live(const struct feed *f);

#endif
