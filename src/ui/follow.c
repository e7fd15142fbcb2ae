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
#define FOLLOW_BATCH	256		/* frames per hold of the lock */
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

/* The snapshot thread: look at the next packets for a slice. */
static void
follow_run(struct ui_job *jj, struct model *m)
{
	struct follow_job *j = (struct follow_job *)jj;
	struct frame_meta fm[FOLLOW_BATCH];
	size_t at[FOLLOW_BATCH], used, n, i;
	struct stream_seg seg;
	struct follow_req *r = &j->req;
	int64_t start = mono_ns();
	uint8_t t[16];
	uint16_t tp;
	int dir;

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
			const uint8_t *data = j->buf + at[i];

			if (!stream_seg_of(&fm[i], data, &seg) ||
			    !stream_seg_match(&seg, r->ipver, r->proto, r->a,
			    r->pa, r->b, r->pb, &dir))
				continue;
			if (!j->sides_known) {
				/* The first packet's sender is the client. */
				if (dir == STREAM_SERVER) {
					memcpy(t, r->a, 16);
					memcpy(r->a, r->b, 16);
					memcpy(r->b, t, 16);
					tp = r->pa;
					r->pa = r->pb;
					r->pb = tp;
					dir = STREAM_CLIENT;
				}
				j->sides_known = true;
				j->first_pkt = fm[i].number;
			}
			j->matched++;
			if (!stream_seg_payload(&fm[i], data, &seg))
				continue;
			if (r->proto == 6)
				stream_tcp(&j->st, dir, fm[i].number, seg.seq,
				    seg.ack, seg.flags, data + seg.off,
				    seg.caplen, seg.wirelen);
			else
				stream_udp(&j->st, dir, fm[i].number,
				    data + seg.off, seg.caplen, seg.wirelen);
		}
		if (mono_ns() - start >= FOLLOW_SLICE_NS)
			break;
	}
	if (j->next > r->last || j->st.truncated) {
		stream_finish(&j->st);
		j->done = true;
	}
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

/* Follow r: now, or once the slice out comes back. */
static void
open_req(struct ui *u, struct follow_req *r)
{
	r->first = u->first;
	r->last = u->last;
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
	open_req(u, &r);
}

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

const struct stream *
follow_stream(struct ui *u, const struct follow_req **req,
    const struct follow_job **job, double *progress)
{
	const struct follow_req *r;
	uint64_t span;

	poll_job(u);
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
