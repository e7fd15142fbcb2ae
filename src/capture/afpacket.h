/*
 * Live capture on Linux: an AF_PACKET socket with a TPACKET_V3 receive
 * ring (see the kernel's Documentation/networking/packet_mmap.rst).
 * One ring block is one batch of source_next_batch().
 */
#ifndef WIRETOP_AFPACKET_H
#define WIRETOP_AFPACKET_H

#include <stdbool.h>
#include <stddef.h>

#include "capture/source.h"

/* -B default: survives a stall of a second or two of small packets at
   the rates a veth pair reaches on a small machine. */
#define AFPACKET_DEFAULT_MB	64
/* A block is handed to us after this long even if not full (ms). */
#define AFPACKET_RETIRE_MS	10

/* The start of a cause that says we lack CAP_NET_RAW. */
#define AFPACKET_NO_PERMISSION	"permission denied"

struct afpacket_config {
	const char	*iface;		/* a name, or "any" */
	const char	*filter;	/* tcpdump expression, or NULL */
	int		 snaplen;	/* bytes kept per packet */
	int		 buffer_mb;	/* ring size; 0: the default */
	bool		 promisc;
};

/*
 * Open a live capture: the socket, its kernel filter, its ring, bound to
 * the interface.  Needs CAP_NET_RAW (only here: drop it afterwards).  On
 * failure NULL and *cause (caller frees) says why; a cause starting with
 * SOURCE_BAD_FILTER is a usage error.
 */
struct source	*source_open_live(const struct afpacket_config *cfg,
		     char **cause);
/*
 * Wait up to timeout_ms (-1: no limit) for a block to read, watching the
 * interface go down and come back meanwhile.  1 when a block is ready (the
 * next source_next_batch() takes it without waiting), 0 on timeout, -2 on
 * an error (source_error() says what).  Lets the caller wait without
 * holding the model's lock.
 */
int		 afpacket_wait(struct source *s, int timeout_ms);
/*
 * A message about the interface (went down, came back, was deleted) since
 * the last call, copied into buf; false if none.  Called from the thread
 * that calls source_next_batch().
 */
bool		 afpacket_notice(struct source *s, char *buf, size_t len);
/* Is the interface down (or gone) at the moment? */
bool		 afpacket_is_down(struct source *s);

#endif
