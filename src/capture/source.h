/*
 * A packet source: a capture file (pcapfile.c) or a live interface
 * (afpacket.c).  Sources hand packets over in batches: one TPACKET_V3
 * block, or up to SOURCE_FILE_BATCH packets of a file, so that the model
 * is locked once per batch.
 */
#ifndef WIRETOP_SOURCE_H
#define WIRETOP_SOURCE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "decode/dissect.h"

#define SOURCE_FILE_BATCH	256
/* How long a file source waits for input before it calls its idle hook,
   so that a slow or stalled pipe's packets are shown within 100 ms. */
#define SOURCE_IDLE_MS		50

/* The start of a cause that reports a bad filter expression: a usage
   error (exit 2) rather than a runtime failure. */
#define SOURCE_BAD_FILTER	"bad filter expression"

struct source;

struct source_stats {
	uint64_t	received;	/* packets handed over */
	uint64_t	dropped;	/* kernel drops, running total */
};


/* Called for each packet of a batch; data holds m->caplen bytes and is
   valid only during the call. */
typedef void (*source_packet_fn)(void *arg, const struct frame_meta *m,
    const uint8_t *data);
/* Called by a file source each SOURCE_IDLE_MS it waits for input, on the
   thread that reads it (inside source_next_batch()). */
typedef void (*source_idle_fn)(void *arg);

/* What each kind of source implements (for pcapfile.c, afpacket.c). */
struct source_ops {
	int	(*next_batch)(struct source *s, source_packet_fn fn, void *arg,
		    int timeout_ms);
	void	(*stats)(struct source *s, struct source_stats *st);
	void	(*close)(struct source *s);
};

/* The common part of every source; impl is the kind's own state. */
struct source {
	const struct source_ops	*ops;
	void			*impl;
	char			 name[256];
	int			 link;		/* LINK_* */
	int			 snaplen;
	uint64_t		 size;		/* a regular file's, else 0 */
	char			 error[512];
	char			 warning[512];
	/* Numbering and relative times, stamped by source_next_batch(). */
	uint64_t		 number;
	int64_t			 first_sec, prev_sec;
	uint32_t		 first_nsec, prev_nsec;
	source_packet_fn	 user_fn;
	void			*user_arg;
	/* Ending a batch or the whole source early. */
	bool			 brk;		/* reader only: end the batch */
	atomic_int		 interrupted;	/* any thread, a signal handler */
	source_idle_fn		 idle_fn;
	void			*idle_arg;
};

/* Open a capture file ("-": standard input).  filter (may be NULL) is a
   tcpdump expression applied before packets are handed over.  On failure
   NULL and *cause (caller frees) says why, for "wiretop: <cause>". */
struct source	*source_open_file(const char *path, const char *filter,
		     int snaplen, char **cause);

/*
 * Deliver the next batch to fn.  Each packet's frame_meta carries its
 * number (1-based) and its times since the first and the previous packet.  Returns the number of packets delivered,
 * 0 if none arrived within timeout_ms (live only), -1 at the end of the
 * source, -2 on an error (then source_error() says what).
 */
int		 source_next_batch(struct source *s, source_packet_fn fn,
		     void *arg, int timeout_ms);

/*
 * End the source: the batch ends after the packet being delivered, a wait
 * for input within SOURCE_IDLE_MS, and the next batch returns -1 with no
 * error and no warning (a stop is not a truncated file).  Callable from
 * any thread while the source is open.
 */
void		 source_interrupt(struct source *s);
/*
 * A descriptor that ends every file source once it is readable: the read
 * end of a signal handler's self-pipe, so that a signal ends a wait for
 * input at once (the source ends as if interrupted).  -1: none.
 */
void		 source_set_stop_fd(int fd);
/* From the packet callback: end this batch after the present packet. */
void		 source_break(struct source *s);
/* Call fn(arg) while a file source waits for input (NULL: nothing). */
void		 source_set_idle(struct source *s, source_idle_fn fn,
		     void *arg);

/* The descriptor of a capture file that can be read by position (a
   regular file: frame_meta.file_pos says where each packet starts), else -1
   (standard input, a pipe, an interface).  Valid while s is open. */
int		 source_file_fd(const struct source *s);

/*
 * Packets read back from a capture file by position (readback.c), for the
 * UI's index of a whole file: its own descriptor (a dup of fd), so it
 * outlives the source.  NULL with *cause if the file cannot be read so.
 */
struct readback	*readback_open(int fd, char **cause);
/* Copy up to cap of the caplen bytes of the packet whose record starts
   at pos (its time sec.nsec, checked in pcap); false if the record there
   is not such a packet (model_backing's read). */
bool		 readback_read(void *rb, uint64_t pos, uint32_t caplen,
		     int64_t sec, uint32_t nsec, uint8_t *buf, size_t cap);
void		 readback_close(struct readback *rb);

/* A regular capture file's size in bytes; 0 for anything else. */
uint64_t	 source_size(const struct source *s);

/* A warning to print at the end (a file cut short), or NULL. */
const char	*source_warning(const struct source *s);
const char	*source_error(const struct source *s);
/* The link type (LINK_*) of the packets, and the snapshot length. */
int		 source_link(const struct source *s);
int		 source_snaplen(const struct source *s);
/* A name for the status line: the file or interface. */
const char	*source_name(const struct source *s);
void		 source_stats(struct source *s, struct source_stats *st);
void		 source_close(struct source *s);

#endif
