/*
 * Live capture: the capture thread, and headless live mode on top of it.
 *
 * Threads and what they own:
 * - the capture thread owns the source (the socket and its ring) and the
 *   -w file, and is the only writer of the model.  Per ring block it takes
 *   the model's lock once (model_batch_begin/end), then publishes the last
 *   packet number and its counters under c->lock and wakes waiters;
 * - readers (main thread) never touch the source: they learn what is new
 *   from capture_wait()/capture_stats() and copy packets from the model
 *   under the model's lock.
 * The capture thread waits for the next block without holding any lock,
 * so a slow reader can cost ring space but never block the kernel.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "capture/afpacket.h"
#include "output/dump.h"
#include "capture/iflist.h"
#include "capture/privs.h"
#include "capture/source.h"
#include "decode/dissect.h"
#include "live.h"
#include "output/printer.h"
#include "output/stats.h"
#include "util.h"

#define STATS_EVERY_NS	(100 * 1000000LL)	/* kernel counters */
#define TICK_EVERY_NS	(1000 * 1000000LL)	/* model_tick() */
#define WAIT_MS		100	/* longest sleep of either thread */
#define READ_BATCH	256	/* packets a reader copies per lock */
#define READ_BYTES	(4u << 20)
#define DRAIN_BLOCKS	4096	/* ring blocks read after a stop, at most */

struct capture {
	const struct options	*o;
	struct source		*src;
	struct dump		*dump;
	struct model		*model;
	pthread_t		 thread;
	bool			 running;
	atomic_bool		 stop;

	/* Owned by the capture thread while it runs. */
	uint64_t		 added;		/* last number added */
	int64_t			 first_ns;	/* of packet 1 */
	int64_t			 last_stats_ns;
	int64_t			 last_tick_ns;	/* model_tick() */
	char			*failure;	/* malloc'd */
	bool			 count_reached;
	bool			 keep_bytes;	/* the ring keeps frame bytes */

	/* Published: under lock. */
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	unsigned		 waiters;	/* in capture_wait() */
	uint64_t		 want;		/* the lowest seen they wait past */
	struct capture_stats	 st;
	char			 notice[256];
	bool			 have_notice;
};

static volatile sig_atomic_t live_signal;

/* SIGINT/SIGTERM/SIGHUP: ask the main loop to stop. */
static void
on_live_signal(int sig)
{
	live_signal = sig;
}

/* Capture thread: decode one packet, add it to the model and to -w. */
static void
capture_packet(void *arg, const struct frame_meta *m, const uint8_t *data)
{
	struct capture *c = arg;
	struct pkt_info pi;

	if (c->count_reached)
		return;
	if (m->number == 1)
		c->first_ns = wtime_ns(m->ts_sec, m->ts_nsec);
	dissect_frame(m, data, &pi, NULL, false);
	c->added = model_add(c->model, m, c->keep_bytes ? data : NULL, &pi);
	if (c->dump != NULL && c->failure == NULL)
		(void)dump_write(c->dump, m, data, &c->failure);
	if (c->o->count != 0 && m->number >= c->o->count)
		c->count_reached = true;
}

/* Capture thread: publish what the last block added, and the counters. */
static void
capture_publish(struct capture *c, const struct source_stats *ss, bool done)
{
	char notice[256];
	bool have_notice;

	have_notice = afpacket_notice(c->src, notice, sizeof notice);
	pthread_mutex_lock(&c->lock);
	c->st.published = c->added;
	c->st.first_ns = c->first_ns;
	c->st.received = ss->received;
	c->st.dropped = ss->dropped;
	c->st.down = afpacket_is_down(c->src);
	c->st.done = done;
	if (have_notice) {
		memcpy(c->notice, notice, sizeof c->notice);
		c->have_notice = true;
	}
	/* Wake a waiter only for what it waits for: a reader that does not
	   follow packets must not be woken once per block. */
	if (c->waiters > 0 && (c->added > c->want || done || have_notice))
		pthread_cond_broadcast(&c->cond);
	pthread_mutex_unlock(&c->lock);
}

/* The capture thread: read blocks until told to stop, -c, or an error. */
static void *
capture_main(void *arg)
{
	struct capture *c = arg;
	struct source_stats ss;
	int64_t now;
	int rc, drain = DRAIN_BLOCKS;

	memset(&ss, 0, sizeof ss);
	while (!atomic_load_explicit(&c->stop, memory_order_relaxed) &&
	    !c->count_reached && c->failure == NULL) {
		/* Wait without the model's lock; then take it per block. */
		rc = afpacket_wait(c->src, WAIT_MS);
		if (rc < 0)
			break;
		now = mono_ns();
		if (rc > 0) {
			model_batch_begin(c->model);
			rc = source_next_batch(c->src, capture_packet, c, 0);
			if (now - c->last_stats_ns >= STATS_EVERY_NS) {
				source_stats(c->src, &ss);
				model_set_dropped(c->model, ss.dropped);
				c->last_stats_ns = now;
			}
			model_batch_end(c->model);
			if (rc < 0)
				break;
		} else if (now - c->last_stats_ns >= STATS_EVERY_NS) {
			source_stats(c->src, &ss);
			model_set_dropped(c->model, ss.dropped);
			c->last_stats_ns = now;
		}
		/* Time passes on a quiet link too: rates decay, idle flows
		   expire. */
		if (now - c->last_tick_ns >= TICK_EVERY_NS) {
			model_tick(c->model, wall_ns());
			c->last_tick_ns = now;
		}
		capture_publish(c, &ss, false);
	}
	/* Stopped: take what the kernel already handed over, so that a
	   run ended by a signal still counts every packet it captured. */
	while (atomic_load_explicit(&c->stop, memory_order_relaxed) &&
	    !c->count_reached && c->failure == NULL && drain-- > 0 &&
	    afpacket_wait(c->src, 0) > 0) {
		model_batch_begin(c->model);
		rc = source_next_batch(c->src, capture_packet, c, 0);
		model_batch_end(c->model);
		if (rc < 0)
			break;
	}
	if (source_error(c->src) != NULL && c->failure == NULL)
		c->failure = xstrdup(source_error(c->src));
	source_stats(c->src, &ss);
	model_set_dropped(c->model, ss.dropped);
	capture_publish(c, &ss, true);
	return NULL;
}

/* Open the source and -w, then drop privileges (see live.h). */
struct capture *
capture_open(const struct options *o, char **cause, int *status)
{
	struct afpacket_config cfg;
	struct capture *c;
	char *iface = NULL;

	*status = 1;
	memset(&cfg, 0, sizeof cfg);
	if (o->iface != NULL)
		cfg.iface = o->iface;
	else {
		if ((iface = iflist_default(cause)) == NULL)
			return NULL;
		cfg.iface = iface;
	}
	cfg.filter = o->capture_filter;
	cfg.snaplen = o->snaplen > 0 ? o->snaplen : 262144;
	cfg.buffer_mb = o->buffer_mb;
	cfg.promisc = o->promisc;

	c = xcalloc(1, sizeof *c);
	c->o = o;
	c->keep_bytes = true;
	c->src = source_open_live(&cfg, cause);
	free(iface);
	if (c->src == NULL) {
		if (strncmp(*cause, SOURCE_BAD_FILTER,
		    strlen(SOURCE_BAD_FILTER)) == 0)
			*status = 2;
		free(c);
		return NULL;
	}
	if (o->write_file != NULL) {
		/* Before giving up the identity that may write there. */
		c->dump = dump_open(o->write_file, source_link(c->src),
		    source_snaplen(c->src), cause);
		if (c->dump == NULL)
			goto fail;
	}
	if (privs_drop(o->user, cause) != 0)
		goto fail;
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->cond, NULL);
	atomic_init(&c->stop, false);
	return c;
fail:
	if (c->dump != NULL) {
		char *ignored = NULL;

		if (dump_close(c->dump, &ignored) != 0)
			free(ignored);
	}
	source_close(c->src);
	free(c);
	return NULL;
}

/* The link type of captured packets. */
int
capture_link(const struct capture *c)
{
	return source_link(c->src);
}

/* The snapshot length of captured packets. */
int
capture_snaplen(const struct capture *c)
{
	return source_snaplen(c->src);
}

/* The interface captured on. */
const char *
capture_name(const struct capture *c)
{
	return source_name(c->src);
}

/* Start the capture thread with every signal blocked in it. */
void
capture_run(struct capture *c, struct model *model)
{
	sigset_t all, old;
	int rc;

	c->model = model;
	/* Signals are for the main thread: the capture thread blocks them. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&c->thread, NULL, capture_main, c);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		fatal("cannot start the capture thread: %s", strerror(rc));
	c->running = true;
}

/* Open and start a capture in one call. */
struct capture *
capture_start(const struct options *o, struct model *model, char **cause)
{
	struct capture *c;
	int status;

	if ((c = capture_open(o, cause, &status)) == NULL)
		return NULL;
	capture_run(c, model);
	return c;
}

/* Sleep until something new is published (see live.h). */
uint64_t
capture_wait(struct capture *c, uint64_t seen, int timeout_ms)
{
	struct timespec ts;
	uint64_t last;
	int rc = 0;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += timeout_ms / 1000;
	ts.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&c->lock);
	if (c->waiters++ == 0 || seen < c->want)
		c->want = seen;
	while (c->st.published <= seen && !c->st.done && !c->have_notice &&
	    rc != ETIMEDOUT && !live_signal)
		rc = pthread_cond_timedwait(&c->cond, &c->lock, &ts);
	c->waiters--;
	last = c->st.published;
	pthread_mutex_unlock(&c->lock);
	return last;
}

/* Copy the counters published with the last block. */
void
capture_stats(struct capture *c, struct capture_stats *st)
{
	pthread_mutex_lock(&c->lock);
	*st = c->st;
	pthread_mutex_unlock(&c->lock);
}

/* Take the latest interface message, once. */
bool
capture_notice(struct capture *c, char *buf, size_t len)
{
	bool have;

	pthread_mutex_lock(&c->lock);
	have = c->have_notice;
	if (have)
		snprintf(buf, len, "%s", c->notice);
	c->have_notice = false;
	pthread_mutex_unlock(&c->lock);
	return have;
}

/* Tell the capture thread to stop and wait for it. */
void
capture_halt(struct capture *c)
{
	if (c->running) {
		atomic_store(&c->stop, true);
		pthread_join(c->thread, NULL);
		c->running = false;
	}
}

/* Stop capturing and release everything (see live.h). */
int
capture_stop(struct capture *c, char **cause)
{
	char *why = NULL;
	int rc = 0;

	capture_halt(c);
	/* The thread is gone: its fields are ours now. */
	if (c->dump != NULL && dump_close(c->dump, &why) != 0) {
		if (c->failure == NULL)
			c->failure = why;
		else
			free(why);
	}
	if (c->failure != NULL) {
		*cause = c->failure;
		rc = -1;
	}
	source_close(c->src);
	pthread_cond_destroy(&c->cond);
	pthread_mutex_destroy(&c->lock);
	free(c);
	return rc;
}

/* What the headless reader keeps between batches. */
struct reader {
	struct model		*model;
	struct printer		*printer;
	uint64_t		 next;		/* next number to print */
	int64_t			 prev_ns;
	struct pkt_rec		 recs[READ_BATCH];
	const char		*ifnames[READ_BATCH];
	size_t			 offs[READ_BATCH];
	uint8_t			*bytes;
};

/*
 * Print the packets published up to last: copy a batch under the model's
 * lock, print it without.  Packets the ring has overwritten meanwhile are
 * skipped (the model counts them as ring overwrites).
 */
static void
reader_follow(struct reader *r, uint64_t last, int64_t first_ns)
{
	struct frame_meta m;
	uint64_t first, top;
	size_t n, i, used;
	int64_t ts;

	while (r->next <= last) {
		n = used = 0;
		model_lock(r->model);
		model_ring_span(r->model, &first, &top);
		if (top < last)
			last = top;
		if (r->next < first)
			r->next = first;
		while (n < READ_BATCH && r->next <= last) {
			if (!model_ring_get(r->model, r->next, &r->recs[n],
			    NULL, 0))
				break;
			if (used + r->recs[n].caplen > READ_BYTES && n > 0)
				break;
			model_ring_get(r->model, r->next, &r->recs[n],
			    r->bytes + used, READ_BYTES - used);
			if (r->recs[n].caplen > READ_BYTES - used)
				r->recs[n].caplen = (uint32_t)(READ_BYTES -
				    used);
			r->ifnames[n] = model_ifname(r->model,
			    r->recs[n].ifindex);
			r->offs[n] = used;
			used += r->recs[n].caplen;
			n++;
			r->next++;
		}
		model_unlock(r->model);
		if (n == 0)
			break;
		for (i = 0; i < n; i++) {
			memset(&m, 0, sizeof m);
			m.number = r->recs[i].number;
			m.ts_sec = r->recs[i].ts_sec;
			m.ts_nsec = r->recs[i].ts_nsec;
			ts = wtime_ns(m.ts_sec, m.ts_nsec);
			m.rel = wtime_rel_ns(wtime_ns_sub(ts, first_ns));
			m.delta = wtime_rel_ns(m.number == 1 ? 0 :
			    wtime_ns_sub(ts, r->prev_ns));
			r->prev_ns = ts;
			m.caplen = r->recs[i].caplen;
			m.wirelen = r->recs[i].wirelen;
			m.link = r->recs[i].link;
			m.ifname = r->ifnames[i];
			printer_packet(r->printer, &m, r->bytes + r->offs[i],
			    NULL);
		}
	}
}

/* Install the stop handlers (no SA_RESTART: waits end early).  Headless,
   a hangup stops the run cleanly too: -w whole, counters printed. */
static void
live_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_live_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* Headless live capture: capture thread writes, this thread prints. */
int
run_live(const struct options *o)
{
	struct model_config cfg;
	struct capture_stats st;
	struct capture *c;
	struct reader r;
	char notice[256], *cause = NULL;
	int64_t deadline = 0, left;
	uint64_t last;
	bool follow;
	int status = 0, open_status, wait;

	live_signals();
	memset(&r, 0, sizeof r);
	if ((c = capture_open(o, &cause, &open_status)) == NULL) {
		fprintf(stderr, "wiretop: %s\n", cause);
		free(cause);
		return open_status;
	}
	r.printer = printer_new(o, capture_link(c), capture_snaplen(c),
	    stdout, &cause);
	if (r.printer == NULL) {
		fprintf(stderr, "wiretop: %s\n", cause);
		free(cause);
		cause = NULL;
		if (capture_stop(c, &cause) != 0)
			free(cause);
		return 2;
	}
	/* Printing follows the ring; with --stats alone nothing reads it
	   back, and its records keep no frame bytes (keep_bytes). */
	follow = !printer_idle(r.printer);
	options_model_config(o, follow, &cfg);
	r.model = model_new(&cfg, &cause);
	if (r.model == NULL) {
		fprintf(stderr, "wiretop: %s\n", cause);
		free(cause);
		cause = NULL;
		if (capture_stop(c, &cause) != 0)
			free(cause);
		printer_free(r.printer);
		return 1;
	}
	r.bytes = xmalloc(READ_BYTES);
	r.next = 1;
	/* Nobody reads the frames back: the ring keeps records alone, and
	   frame bytes are not copied (nor pulled from the other CPU). */
	c->keep_bytes = follow;
	if (o->duration > 0)
		deadline = mono_ns() + (int64_t)(o->duration * 1e9);
	capture_run(c, r.model);

	while (!live_signal) {
		wait = WAIT_MS;
		if (deadline != 0) {
			left = deadline - mono_ns();
			if (left <= 0)
				break;
			if (left / 1000000 < wait)
				wait = (int)(left / 1000000) + 1;
		}
		/* Without per-packet output only the end or a notice
		   matters: do not wait for packets. */
		last = capture_wait(c, follow ? r.next - 1 : UINT64_MAX, wait);
		while (capture_notice(c, notice, sizeof notice))
			fprintf(stderr, "wiretop: %s\n", notice);
		capture_stats(c, &st);
		if (follow)
			reader_follow(&r, last, st.first_ns);
		else
			r.next = last + 1;
		if (follow && printer_failed(r.printer))
			break;	/* a closed pipe: nobody reads any more */
		if (st.done && r.next > st.published)
			break;
	}
	/* Print what was captured before the stop, then the counters. */
	capture_halt(c);
	capture_stats(c, &st);
	if (follow && !printer_failed(r.printer))
		reader_follow(&r, st.published, st.first_ns);
	if (capture_stop(c, &cause) != 0) {
		fprintf(stderr, "wiretop: %s\n", cause);
		free(cause);
		status = 1;
	}
	fflush(stdout);
	if (o->stats == STATS_JSON)
		stats_print_json(r.model, stdout);
	else if (o->stats == STATS_TEXT)
		stats_print_text(r.model, stdout, o->top);
	fflush(stdout);
	printer_free(r.printer);
	model_free(r.model);
	free(r.bytes);
	return status;
}
