/*
 * Follow stream (f on a packet or a flow): find the stream's packets among
 * those the model holds and reassemble their payload (stream.c) on the
 * snapshot thread, a slice at a time, so that neither a frame nor the
 * feeder waits for a scan of a million packets.  One stream at a time:
 * opening another while a slice is out asks for the slice back first.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "decode/dissect.h"
#include "ui/follow.h"
#include "util.h"

#define FOLLOW_SLICE_NS	(20 * NS_PER_MS)	/* one job's work at most */
#define FOLLOW_LIVE_NS	(2 * NS_PER_MS)	/* live: per frame, UI thread */
#define FOLLOW_BATCH	64		/* frames per hold of the lock */
#define FOLLOW_BUF	((size_t)1 << 20)	/* ... and their bytes */

static struct follow {
	struct follow_job *j;		/* NULL: no stream yet */
	bool		 out;		/* posted, not taken back */
	bool		 restart;	/* then start want instead */
	struct follow_req want;
	/* The UI thread's copies, taken while the job is back. */
	struct follow_req req;
	uint64_t	 next;
} fw;

/* Make the side that sent seg the client (the stream's first packet). */
static void
sides_from(struct follow_job *j, int *dir)
{
	struct follow_req *r = &j->req;
	uint8_t t[16];
	uint16_t tp;

	if (*dir == STREAM_SERVER) {
		memcpy(t, r->a, 16);
		memcpy(r->a, r->b, 16);
		memcpy(r->b, t, 16);
		tp = r->pa;
		r->pa = r->pb;
		r->pb = tp;
		*dir = STREAM_CLIENT;
	}
	j->sides_known = true;
}

/*
 * One frame: into the stream if it is one of its packets.  A TCP SYN
 * that opens another connection on the same ports ends the stream unless
 * the packet asked for (req.target) comes later: then the stream starts
 * again from it.  False when the stream is over.
 */
static bool
take(struct follow_job *j, const struct frame_meta *fm, const uint8_t *data)
{
	struct follow_req *r = &j->req;
	struct stream_seg seg;
	bool payload;
	int dir;

	if (!stream_seg_of(fm, data, &seg) || !stream_seg_match(&seg,
	    r->ipver, r->proto, r->a, r->pa, r->b, r->pb, &dir))
		return true;
	payload = stream_seg_payload(fm, data, &seg);
	if (payload && r->proto == 6 && j->sides_known &&
	    stream_tcp_new_conn(&j->st, dir, seg.flags, seg.seq)) {
		if (r->target == 0 || fm->number > r->target) {
			j->more = true;
			return false;
		}
		stream_free(&j->st);
		stream_init(&j->st, true, STREAM_MAX_BYTES);
		j->sides_known = false;
		j->matched = 0;
		j->conn++;
	}
	if (!j->sides_known) {
		sides_from(j, &dir);
		j->first_pkt = fm->number;
	}
	j->matched++;
	if (!payload)
		return true;
	if (r->proto == 6)
		stream_tcp(&j->st, dir, fm->number, seg.seq, seg.ack,
		    seg.flags, data + seg.off, seg.caplen, seg.wirelen);
	else
		stream_udp(&j->st, dir, fm->number, data + seg.off,
		    seg.caplen, seg.wirelen);
	return true;
}

/*
 * Look at the next packets up to r->last for at most budget_ns: on the
 * snapshot thread while the job is out, on the UI thread for the packets
 * a live capture adds once the job has caught up.  A file's stream is
 * finished at its last packet (what waits behind a hole follows a gap);
 * a live one stays open until another connection takes its ports.
 */
static void
scan(struct follow_job *j, struct model *m, int64_t budget_ns)
{
	struct frame_meta fm[FOLLOW_BATCH];
	size_t at[FOLLOW_BATCH], used, n, i;
	struct follow_req *r = &j->req;
	int64_t start = mono_ns();

	while (j->next <= r->last && !j->st.truncated) {
		/* Copy a batch of frames under the lock, decode without. */
		n = used = 0;
		model_lock(m);
		for (; j->next <= r->last && n < FOLLOW_BATCH &&
		    FOLLOW_BUF - used >= SNAPLEN_MAX; j->next++) {
			if (!model_ring_frame(m, j->next, &fm[n], j->buf + used,
			    SNAPLEN_MAX))
				continue;
			at[n] = used;
			used += fm[n].caplen;
			n++;
		}
		model_unlock(m);
		for (i = 0; i < n; i++) {
			if (!take(j, &fm[i], j->buf + at[i])) {
				/* The connection is over. */
				r->live = false;
				j->next = r->last + 1;
				break;
			}
		}
		if (mono_ns() - start >= budget_ns)
			break;
	}
	if (j->next > r->last || j->st.truncated) {
		if (!r->live)
			stream_finish(&j->st);
		j->done = true;
	}
}

/* The snapshot thread: a slice of the scan. */
static void
follow_run(struct ui_job *jj, struct model *m)
{
	scan((struct follow_job *)jj, m, FOLLOW_SLICE_NS);
}

/* Forget the stream (its job is back). */
static void
job_free(struct follow_job *j)
{
	if (j == NULL)
		return;
	stream_free(&j->st);
	free(j->buf);
	free(j);
}

/* Start following r: a new job, posted. */
static void
start(struct ui *u, const struct follow_req *r)
{
	struct follow_job *j;

	job_free(fw.j);
	j = xcalloc(1, sizeof *j);
	j->job.run = follow_run;
	j->req = *r;
	j->next = r->first;
	j->conn = 1;
	j->buf = xmalloc(FOLLOW_BUF);
	stream_init(&j->st, r->proto == 6, STREAM_MAX_BYTES);
	fw.j = j;
	fw.req = *r;
	fw.next = r->first;
	fw.restart = false;
	ui_job_post(u, &j->job, true);
	fw.out = true;
	follow_view_reset();
}

/* Take a finished slice back; post the next one (or the stream asked for
   meanwhile). */
static void
poll_job(struct ui *u)
{
	if (!fw.out || !ui_job_take(u, &fw.j->job))
		return;
	fw.out = false;
	fw.req = fw.j->req;
	fw.next = fw.j->next;
	if (fw.restart) {
		start(u, &fw.want);
		return;
	}
	if (!fw.j->done) {
		ui_job_post(u, &fw.j->job, true);
		fw.out = true;
	}
}

/* Live, once the job has caught up: the packets added since, a few at a
   time on this thread (a frame's worth of them is short work). */
static void
follow_live(struct ui *u)
{
	struct follow_job *j = fw.j;

	if (fw.out || j == NULL || !j->req.live || j->st.truncated)
		return;
	if (u->last > j->req.last) {
		j->req.last = u->last;
		j->done = false;
	}
	if (j->done)
		return;
	if (j->next < u->first)
		j->next = u->first;	/* the ring dropped the rest */
	scan(j, u->m, FOLLOW_LIVE_NS);
	fw.req = j->req;
	fw.next = j->next;
	if (!j->done)
		ui_redraw_at(u, u->now + FOLLOW_LIVE_NS);
}

/* Follow r: now, or once the slice out comes back. */
static void
open_req(struct ui *u, struct follow_req *r)
{
	r->first = u->first;
	r->last = u->last;
	r->live = u->is_live;
	poll_job(u);
	if (fw.out) {
		fw.want = *r;
		fw.restart = true;
	} else {
		start(u, r);
	}
	if (u->view != VIEW_FOLLOW)
		ui_push_view(u, VIEW_FOLLOW);
}

/* f on a packet: follow its TCP connection or UDP conversation. */
void
follow_open_packet(struct ui *u, uint64_t number)
{
	static uint8_t buf[SNAPLEN_MAX];
	struct frame_meta fm;
	struct stream_seg seg;
	struct follow_req r;
	bool ok;

	model_lock(u->m);
	ok = model_ring_frame(u->m, number, &fm, buf, sizeof buf);
	model_unlock(u->m);
	if (!ok) {
		ui_message(u, true, "follow: packet %llu is gone",
		    (unsigned long long)number);
		return;
	}
	if (!stream_seg_of(&fm, buf, &seg)) {
		ui_message(u, true, "follow: packet %llu is not TCP or UDP",
		    (unsigned long long)number);
		return;
	}
	memset(&r, 0, sizeof r);
	r.ipver = seg.ipver;
	r.proto = seg.proto;
	memcpy(r.a, seg.src, 16);
	memcpy(r.b, seg.dst, 16);
	r.pa = seg.sport;
	r.pb = seg.dport;
	r.target = number;
	open_req(u, &r);
}

/* f on a flow: follow its (first) connection. */
void
follow_open_flow(struct ui *u, const struct flow_view *f)
{
	struct follow_req r;

	if ((f->ipver != 4 && f->ipver != 6) ||
	    (f->proto != 6 && f->proto != 17)) {
		ui_message(u, true, "follow: only TCP and UDP flows");
		return;
	}
	memset(&r, 0, sizeof r);
	r.ipver = f->ipver;
	r.proto = f->proto;
	memcpy(r.a, f->src, 16);
	memcpy(r.b, f->dst, 16);
	r.pa = f->sport;
	r.pb = f->dport;
	open_req(u, &r);
}

/* The stream to draw, once read (follow.h); takes back a finished slice. */
const struct stream *
follow_stream(struct ui *u, const struct follow_req **req,
    const struct follow_job **job, double *progress)
{
	const struct follow_req *r;
	uint64_t span;

	poll_job(u);
	follow_live(u);
	*progress = 0;
	*job = NULL;
	*req = NULL;
	if (fw.j == NULL)
		return NULL;
	r = fw.restart ? &fw.want : &fw.req;
	*req = r;
	if (fw.out || fw.restart) {
		span = r->last >= r->first ? r->last - r->first + 1 : 1;
		if (!fw.restart && fw.next > r->first)
			*progress = (double)(fw.next - r->first) /
			    (double)span;
		return NULL;
	}
	*job = fw.j;
	return &fw.j->st;
}
