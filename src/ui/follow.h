/*
 * Follow stream (f): follow.c finds a stream's packets and reassembles
 * them on the snapshot thread, view_follow.c shows the result.  The job
 * looks at the packets in slices of at most FOLLOW_SLICE_NS, taking the
 * model's lock for one batch of frames at a time; while a slice is out
 * the UI thread touches nothing of the job but asks for it back.
 */
#ifndef WIRETOP_FOLLOW_H
#define WIRETOP_FOLLOW_H

#include <stdbool.h>
#include <stdint.h>

#include "ui/stream.h"
#include "ui/views.h"

/* Which stream: a is the client (the first packet's sender, once seen). */
struct follow_req {
	uint8_t		 ipver, proto;
	uint8_t		 a[16], b[16];
	uint16_t	 pa, pb;
	uint64_t	 first, last;	/* packets to look at */
	uint64_t	 target;	/* the connection with this packet
					   (0: the first) */
	bool		 live;		/* more come: look at them too, and
					   keep holes open */
};

struct follow_job {
	struct ui_job	 job;		/* first: run() gets its address */
	struct follow_req req;
	bool		 sides_known;	/* a is the first packet's sender */
	uint64_t	 next;		/* the next packet to look at */
	uint64_t	 first_pkt;	/* the first of the stream's packets */
	uint64_t	 matched;	/* packets of the stream */
	uint32_t	 conn;		/* which connection on its ports */
	bool		 more;		/* another one follows */
	bool		 done;		/* every packet looked at */
	struct stream	 st;
	uint8_t		*buf;		/* a batch of frames */
};

/*
 * The stream the follow view shows: NULL while its packets are still
 * being looked at (*progress says how far, 0 to 1) or when there is none;
 * *req (if there is a stream at all) says which one.
 */
const struct stream *follow_stream(struct ui *u, const struct follow_req **req,
	    const struct follow_job **job, double *progress);

/* view_follow.c: a new stream is shown, start at its top. */
void	follow_view_reset(void);

#endif
