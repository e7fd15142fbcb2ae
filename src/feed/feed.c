/*
 * The feeder: source -> decode -> model -> -w -> tap, the one packet path.
 *
 * Two shapes of the same path, chosen by the source:
 * - a capture file is read and decoded ahead on a second thread
 *   (readahead.c), so that a run uses both cores; the feeder's thread
 *   takes the decoded batches in order;
 * - an interface is read inline, one ring block at a time, on the
 *   feeder's thread: the kernel ring is the queue, and a slow tap leaves
 *   the backlog there (and what overflows it is counted as dropped).
 * Either way every packet goes through feed_packet(), between one
 * model_batch_begin() and model_batch_end() per batch.
 *
 * Threads and what they own: the feeder's thread owns the source (while
 * the read-ahead thread reads it), -w and the tap, and is the only writer
 * of the model.  Other threads ask through feed_status(), feed_notice()
 * and feed_stop(); the status is published under f->lock once per batch.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/afpacket.h"
#include "decode/dissect.h"
#include "output/dump.h"
#include "capture/source.h"
#include "feed/feed.h"
#include "feed/readahead.h"
#include "model/model.h"
#include "util.h"

#define LIVE_WAIT_MS	100	/* longest wait for a ring block */
#define STATS_EVERY_NS	(100 * NS_PER_MS)	/* kernel counters */
#define DRAIN_BLOCKS	4096	/* ring blocks read after a stop, at most */

struct feed {
	struct feed_config	 cfg;
	pthread_t		 thread;
	bool			 threaded;
	atomic_bool		 stop;

	/* The feeder's thread only. */
	bool			 enough;	/* -c reached, or -w failed */
	uint64_t		 fed;		/* last packet number fed */
	char			*failure;	/* malloc'd: -w failed */
	int64_t			 last_stats_ns;	/* monotonic */
	int64_t			 last_tick_ns;
	bool			 changed;	/* the model, since the last
						   publish */
	struct source_stats	 ss;
	uint64_t		 file_pos;	/* of the last packet fed */
	uint64_t		 file_size;	/* the source's, 0: unknown */

	/* Published under lock. */
	pthread_mutex_t		 lock;
	struct feed_status	 st;
	char			 notice[256];
	bool			 have_notice;

	/* feed_wake_fd(): written once per feed_wake_ack(). */
	int			 wake[2];
	atomic_bool		 wake_armed;
};

/* A new feeder; see feed.h. */
struct feed *
feed_new(const struct feed_config *cfg)
{
	struct feed *f = xcalloc(1, sizeof *f);

	f->cfg = *cfg;
	f->file_size = cfg->live ? 0 : source_size(cfg->src);
	atomic_init(&f->stop, false);
	atomic_init(&f->wake_armed, true);
	pthread_mutex_init(&f->lock, NULL);
	if (pipe2(f->wake, O_CLOEXEC | O_NONBLOCK) != 0)
		fatal("cannot make a pipe: %s", strerror(errno));
	return f;
}

/*
 * The one place a packet enters the model: then -w, then the tap.  -c and
 * a -w failure end the run here (f->enough), whatever the source.
 */
/* Write a packet to -w; false if it was not (a failure ends the run). */
static bool
feed_dump(struct feed *f, const struct frame_meta *m, const uint8_t *data)
{
	if (f->cfg.dump == NULL || f->failure != NULL)
		return false;
	if (dump_write(f->cfg.dump, m, data, &f->failure) != 0) {
		f->enough = true;
		return false;
	}
	return true;
}

static void
feed_packet(struct feed *f, const struct frame_meta *m, const uint8_t *data,
    const struct pkt_info *pi)
{
	const struct feed_tap *tap = f->cfg.tap;
	struct frame_meta at;

	/* Live with -w and the UI, the model indexes the file: the record
	   goes there first, so that the index knows where it starts. */
	if (f->cfg.index_dump) {
		at = *m;
		at.file_pos = f->failure == NULL ? dump_offset(f->cfg.dump) :
		    0;
		if (!feed_dump(f, m, data))
			at.file_pos = 0;
		m = &at;
	}
	model_add(f->cfg.model, m, f->cfg.keep_bytes ? data : NULL, pi);
	f->fed = m->number;
	f->file_pos = m->file_pos;
	f->changed = true;
	if (!f->cfg.index_dump)
		(void)feed_dump(f, m, data);
	if (tap != NULL && tap->packet != NULL)
		tap->packet(tap->arg, m, data, pi);
	if (f->cfg.count != 0 && m->number >= f->cfg.count)
		f->enough = true;
}

/* Can the tap not go on (nobody reads its output any more)? */
static bool
feed_tap_failed(struct feed *f)
{
	const struct feed_tap *tap = f->cfg.tap;

	return tap != NULL && tap->failed != NULL && tap->failed(tap->arg);
}

/* Has anything asked the run to end? */
static bool
feed_ending(struct feed *f)
{
	return f->enough || feed_tap_failed(f) ||
	    atomic_load_explicit(&f->stop, memory_order_relaxed);
}

/* Wake a reader sleeping on feed_wake_fd(), once per ack. */
static void
feed_wake(struct feed *f)
{
	ssize_t n;

	if (!atomic_exchange(&f->wake_armed, false))
		return;
	n = write(f->wake[1], "", 1);
	(void)n;	/* full: it is awake already */
}

/* Publish the counters after a batch (done: the last time); wake a
   reader only if something changed, so that an idle link costs an idle
   UI at most the clock's tick a second. */
static void
feed_publish(struct feed *f, bool done)
{
	struct feed_status old;
	char notice[256];
	bool have_notice = false, down = false, wake;

	if (f->cfg.live) {
		have_notice = afpacket_notice(f->cfg.src, notice,
		    sizeof notice);
		down = afpacket_is_down(f->cfg.src);
	}
	/* A file cut short or damaged: a reader of the model (the UI) is
	   told as the headless run is at its end (the reader has stopped,
	   so its words can be read). */
	if (done && !f->cfg.live && f->cfg.tap == NULL) {
		const char *w = source_error(f->cfg.src);

		if (w == NULL)
			w = source_warning(f->cfg.src);
		if (w != NULL) {
			snprintf(notice, sizeof notice, "warning: %s", w);
			have_notice = true;
		}
	}
	if (have_notice && f->cfg.tap != NULL && f->cfg.tap->notice != NULL) {
		f->cfg.tap->notice(f->cfg.tap->arg, notice);
		have_notice = false;
	}
	/* What the index points at must be in the file before a reader
	   looks for it. */
	if (f->cfg.index_dump && f->failure == NULL &&
	    dump_flush(f->cfg.dump, &f->failure) != 0)
		f->enough = true;
	pthread_mutex_lock(&f->lock);
	old = f->st;
	f->st.received = f->cfg.live ? f->ss.received : f->fed;
	f->st.dropped = f->ss.dropped;
	f->st.down = down;
	f->st.finished = done;
	f->st.file_read = f->file_pos;
	f->st.file_size = f->file_size;
	if (have_notice) {
		memcpy(f->notice, notice, sizeof f->notice);
		f->have_notice = true;
	}
	wake = f->changed || have_notice || old.received != f->st.received ||
	    old.dropped != f->st.dropped || old.down != f->st.down ||
	    old.finished != f->st.finished;
	pthread_mutex_unlock(&f->lock);
	f->changed = false;
	if (wake)
		feed_wake(f);
}

/* Read-ahead: feed each decoded batch, in order, until the end. */
static void
feed_file(struct feed *f)
{
	const struct feed_tap *tap = f->cfg.tap;
	const struct ra_packet *batch;
	struct readahead *ra;
	char *cause = NULL;
	size_t n, i;

	/* The reader copies a packet's bytes only if someone reads them
	   after its decode. */
	ra = readahead_start(f->cfg.src, tap != NULL && tap->want_info,
	    f->cfg.keep_bytes || f->cfg.dump != NULL ||
	    (tap != NULL && tap->want_bytes), f->cfg.count, &cause);
	if (ra == NULL) {
		f->failure = cause;
		return;
	}
	/* After a stop the reader ends at its next packet or wait; what it
	   has read is still fed (so the stop is not among the reasons to
	   end this loop). */
	while (!f->enough && !feed_tap_failed(f) &&
	    (batch = readahead_next(ra, &n)) != NULL) {
		model_batch_begin(f->cfg.model);
		for (i = 0; i < n && !f->enough; i++)
			feed_packet(f, &batch[i].m, batch[i].data,
			    &batch[i].pi);
		model_batch_end(f->cfg.model);
		feed_publish(f, false);
		if (atomic_load_explicit(&f->stop, memory_order_relaxed))
			source_interrupt(f->cfg.src);
		/* A slow or stalled source: show what it gave meanwhile. */
		if (tap != NULL && tap->idle != NULL && !readahead_ready(ra))
			tap->idle(tap->arg);
	}
	readahead_stop(ra);
}

/* Live, per packet of a ring block: decode, then feed. */
static void
feed_live_packet(void *arg, const struct frame_meta *m, const uint8_t *data)
{
	struct feed *f = arg;
	const struct feed_tap *tap = f->cfg.tap;
	struct pkt_info pi;

	if (f->enough) {
		source_break(f->cfg.src);
		return;
	}
	dissect_frame(m, data, &pi, NULL, tap != NULL && tap->want_info);
	feed_packet(f, m, data, &pi);
}

/* Read one ring block into the model (ready: afpacket_wait() said so). */
static int
feed_block(struct feed *f)
{
	int rc;

	model_batch_begin(f->cfg.model);
	rc = source_next_batch(f->cfg.src, feed_live_packet, f, 0);
	model_batch_end(f->cfg.model);
	return rc;
}

/* Live, now and then: the kernel's counters, and the clock for a quiet
   link (rates decay, idle flows expire). */
static void
feed_live_clock(struct feed *f, int64_t now)
{
	if (now - f->last_stats_ns >= STATS_EVERY_NS) {
		source_stats(f->cfg.src, &f->ss);
		model_set_dropped(f->cfg.model, f->ss.dropped);
		f->last_stats_ns = now;
	}
	if (now - f->last_tick_ns >= NS_PER_SEC) {
		model_tick(f->cfg.model, wall_ns());
		f->last_tick_ns = now;
		f->changed = true;
	}
}

/* Live: a block at a time until stopped, -c, --duration or an error. */
static void
feed_live(struct feed *f)
{
	const struct feed_tap *tap = f->cfg.tap;
	int64_t deadline = 0, left, now;
	int rc, wait, drain = DRAIN_BLOCKS;

	if (f->cfg.duration > 0)
		deadline = mono_ns() + (int64_t)(f->cfg.duration * 1e9);
	while (!feed_ending(f)) {
		wait = LIVE_WAIT_MS;
		if (deadline != 0) {
			left = deadline - mono_ns();
			if (left <= 0)
				break;
			if (left / NS_PER_MS < wait)
				wait = (int)(left / NS_PER_MS) + 1;
		}
		/* Wait without the model's lock; then take it per block. */
		if ((rc = afpacket_wait(f->cfg.src, wait)) < 0)
			break;
		if (rc > 0 && feed_block(f) < 0)
			break;
		if (rc == 0 && tap != NULL && tap->idle != NULL)
			tap->idle(tap->arg);	/* a quiet link: show it all */
		feed_live_clock(f, mono_ns());
		feed_publish(f, false);
	}
	/* Stopped or out of time: take what the kernel already handed
	   over, so that the run counts every packet it captured. */
	now = mono_ns();
	if (!f->enough && source_error(f->cfg.src) == NULL &&
	    (atomic_load(&f->stop) || (deadline != 0 && now >= deadline)))
		while (!f->enough && drain-- > 0 &&
		    afpacket_wait(f->cfg.src, 0) > 0)
			if (feed_block(f) < 0)
				break;
	source_stats(f->cfg.src, &f->ss);
	model_set_dropped(f->cfg.model, f->ss.dropped);
}

/* Run on the calling thread; see feed.h. */
void
feed_run(struct feed *f)
{
	if (f->cfg.live)
		feed_live(f);
	else
		feed_file(f);
	feed_publish(f, true);
}

static void *
feed_main(void *arg)
{
	feed_run(arg);
	return NULL;
}

/* Run on a thread of its own, with every signal blocked in it (they are
   the main thread's). */
int
feed_start(struct feed *f, char **cause)
{
	sigset_t all, old;
	int rc;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&f->thread, NULL, feed_main, f);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		*cause = xasprintf("cannot start the feeder thread: %s",
		    strerror(rc));
		return -1;
	}
	f->threaded = true;
	return 0;
}

/* Ask for a stop: two atomic stores, safe in a signal handler. */
void
feed_stop(struct feed *f)
{
	atomic_store(&f->stop, true);
	source_interrupt(f->cfg.src);
}

/* Join, close, report and free; see feed.h. */
int
feed_finish(struct feed *f, char **cause, char **warning)
{
	char *why = NULL;
	int rc = 0;

	*cause = *warning = NULL;
	if (f->threaded) {
		feed_stop(f);
		pthread_join(f->thread, NULL);
	}
	/* The source's own failure first: it is why the run ended. */
	if (source_error(f->cfg.src) != NULL) {
		*cause = xstrdup(source_error(f->cfg.src));
		free(f->failure);
		f->failure = NULL;
	} else if (source_warning(f->cfg.src) != NULL)
		*warning = xstrdup(source_warning(f->cfg.src));
	if (f->cfg.dump != NULL && dump_close(f->cfg.dump, &why) != 0) {
		if (f->failure == NULL)
			f->failure = why;
		else
			free(why);
	}
	if (*cause == NULL)
		*cause = f->failure;
	else
		free(f->failure);
	if (*cause != NULL)
		rc = -1;
	source_close(f->cfg.src);
	close(f->wake[0]);
	close(f->wake[1]);
	pthread_mutex_destroy(&f->lock);
	free(f);
	return rc;
}

/* Counters as of the last batch. */
void
feed_status(struct feed *f, struct feed_status *st)
{
	pthread_mutex_lock(&f->lock);
	*st = f->st;
	pthread_mutex_unlock(&f->lock);
}

/* The latest interface message, once. */
bool
feed_notice(struct feed *f, char *buf, size_t len)
{
	bool have;

	pthread_mutex_lock(&f->lock);
	have = f->have_notice;
	if (have)
		snprintf(buf, len, "%s", f->notice);
	f->have_notice = false;
	pthread_mutex_unlock(&f->lock);
	return have;
}

int
feed_wake_fd(struct feed *f)
{
	return f->wake[0];
}

/* The reader has looked: empty the pipe, then wake it on the next
   change. */
void
feed_wake_ack(struct feed *f)
{
	char buf[64];

	while (read(f->wake[0], buf, sizeof buf) > 0)
		;
	atomic_store(&f->wake_armed, true);
}

const char *
feed_source_name(const struct feed *f)
{
	return source_name(f->cfg.src);
}

int
feed_link(const struct feed *f)
{
	return source_link(f->cfg.src);
}

int
feed_snaplen(const struct feed *f)
{
	return source_snaplen(f->cfg.src);
}

bool
feed_is_live(const struct feed *f)
{
	return f->cfg.live;
}
