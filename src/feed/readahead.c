/*
 * Read-ahead: the reader thread fills batches of decoded packets, the
 * feeder's thread (feed.c) consumes them in order.
 *
 * RA_BATCHES batches go round: the reader fills batch[filled % N] while
 * fewer than N are filled and not yet handed back; the consumer holds
 * batch[consumed % N] between two readahead_next() calls.  One mutex and
 * one condition variable guard the two counters, taken once per batch of
 * up to RA_PACKETS packets, so the handover costs nothing per packet.
 * Packet bytes are copied into the batch's arena: the source's buffer is
 * only valid during its callback.  A batch is handed over when full, at
 * the end, or when the source has waited SOURCE_IDLE_MS for input (its
 * idle hook): a slow pipe's packets do not wait for 255 more.
 */
#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "feed/readahead.h"
#include "util.h"

#define RA_BATCHES	3
#define RA_PACKETS	SOURCE_FILE_BATCH
#define RA_ARENA	(256u << 10)	/* bytes per batch; grows for a
					   bigger packet */

struct ra_batch {
	struct ra_packet	 pkts[RA_PACKETS];
	size_t			 n;
	uint8_t			*arena;
	size_t			 used, cap;
};

struct readahead {
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	struct source		*src;
	bool			 want_info;
	bool			 keep_bytes;
	uint64_t		 count;
	struct ra_batch		 batch[RA_BATCHES];
	/* Guarded by lock. */
	uint64_t		 filled;	/* batches published */
	uint64_t		 consumed;	/* batches handed back */
	bool			 stop;		/* the consumer is done */
	bool			 done;		/* the reader is done */
	/* Reader only. */
	struct ra_batch		*cur;		/* being filled, NULL: stop */
	bool			 enough;	/* count packets read */
	/* Consumer only. */
	bool			 holding;
};

/* Reader: an empty batch to fill, waiting for one; NULL if told to stop. */
static struct ra_batch *
ra_acquire(struct readahead *ra)
{
	struct ra_batch *b = NULL;

	pthread_mutex_lock(&ra->lock);
	while (!ra->stop && ra->filled - ra->consumed == RA_BATCHES)
		pthread_cond_wait(&ra->cond, &ra->lock);
	if (!ra->stop)
		b = &ra->batch[ra->filled % RA_BATCHES];
	pthread_mutex_unlock(&ra->lock);
	if (b != NULL)
		b->n = b->used = 0;
	return b;
}

/* Reader: hand the current batch over (if it holds anything). */
static void
ra_publish(struct readahead *ra)
{
	if (ra->cur == NULL || ra->cur->n == 0)
		return;
	pthread_mutex_lock(&ra->lock);
	ra->filled++;
	pthread_cond_broadcast(&ra->cond);
	pthread_mutex_unlock(&ra->lock);
}

/* Reader: copy and decode one packet from the source into the batch. */
static void
ra_on_packet(void *arg, const struct frame_meta *m, const uint8_t *data)
{
	struct readahead	*ra = arg;
	struct ra_batch		*b = ra->cur;
	struct ra_packet	*p;
	uint32_t		 len;

	if (b == NULL || ra->enough)
		return;
	if (ra->count != 0 && m->number > ra->count) {
		ra->enough = true;
		source_break(ra->src);
		return;
	}
	len = ra->keep_bytes ? m->caplen : 0;
	if (b->n == RA_PACKETS || b->cap - b->used < len) {
		ra_publish(ra);
		if ((b = ra->cur = ra_acquire(ra)) == NULL)
			return;
		if (b->cap < len) {
			b->arena = xrealloc(b->arena, len);
			b->cap = len;
		}
	}
	p = &b->pkts[b->n++];
	p->m = *m;
	p->data = NULL;
	if (ra->keep_bytes) {
		memcpy(b->arena + b->used, data, len);
		p->data = b->arena + b->used;
		b->used += len;
	}
	dissect_frame(&p->m, data, &p->pi, NULL, ra->want_info);
	/* The last packet -c wants: hand it over without reading on. */
	if (ra->count != 0 && m->number == ra->count) {
		ra->enough = true;
		source_break(ra->src);
	}
}

/* Reader: the source waits for input; hand over what the batch holds. */
static void
ra_on_idle(void *arg)
{
	struct readahead *ra = arg;

	if (ra->cur == NULL || ra->cur->n == 0)
		return;
	ra_publish(ra);
	/* Told to stop: end the source, which waits no more. */
	if ((ra->cur = ra_acquire(ra)) == NULL)
		source_interrupt(ra->src);
}

/* The reader thread: the whole file, or until told to stop. */
static void *
ra_main(void *arg)
{
	struct readahead *ra = arg;

	ra->cur = ra_acquire(ra);
	source_set_idle(ra->src, ra_on_idle, ra);
	while (ra->cur != NULL && !ra->enough)
		if (source_next_batch(ra->src, ra_on_packet, ra, -1) < 0)
			break;	/* the end, or an error the source keeps */
	source_set_idle(ra->src, NULL, NULL);
	ra_publish(ra);
	pthread_mutex_lock(&ra->lock);
	ra->done = true;
	pthread_cond_broadcast(&ra->cond);
	pthread_mutex_unlock(&ra->lock);
	return NULL;
}

/* Start reading src on a new thread; see readahead.h. */
struct readahead *
readahead_start(struct source *src, bool want_info, bool keep_bytes,
    uint64_t count, char **cause)
{
	struct readahead	*ra = xcalloc(1, sizeof *ra);
	sigset_t		 all, old;
	int			 i, rc;

	ra->src = src;
	ra->want_info = want_info;
	ra->keep_bytes = keep_bytes;
	ra->count = count;
	for (i = 0; keep_bytes && i < RA_BATCHES; i++) {
		ra->batch[i].arena = xmalloc(RA_ARENA);
		ra->batch[i].cap = RA_ARENA;
	}
	pthread_mutex_init(&ra->lock, NULL);
	pthread_cond_init(&ra->cond, NULL);
	/* Signals stay with the main thread, which handles them. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&ra->thread, NULL, ra_main, ra);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		*cause = xasprintf("cannot start the reader thread: %s",
		    strerror(rc));
		pthread_mutex_destroy(&ra->lock);
		pthread_cond_destroy(&ra->cond);
		for (i = 0; i < RA_BATCHES; i++)
			free(ra->batch[i].arena);
		free(ra);
		return NULL;
	}
	return ra;
}

/* The next batch of packets; see readahead.h. */
const struct ra_packet *
readahead_next(struct readahead *ra, size_t *n)
{
	const struct ra_batch *b = NULL;

	pthread_mutex_lock(&ra->lock);
	if (ra->holding) {
		ra->consumed++;
		ra->holding = false;
		pthread_cond_broadcast(&ra->cond);
	}
	while (!ra->done && ra->filled == ra->consumed)
		pthread_cond_wait(&ra->cond, &ra->lock);
	if (ra->filled > ra->consumed) {
		b = &ra->batch[ra->consumed % RA_BATCHES];
		ra->holding = true;
	}
	pthread_mutex_unlock(&ra->lock);
	if (b == NULL)
		return NULL;
	*n = b->n;
	return b->pkts;
}

/* Would readahead_next() return without waiting? */
bool
readahead_ready(struct readahead *ra)
{
	bool ready;

	pthread_mutex_lock(&ra->lock);
	ready = ra->done || ra->filled - ra->consumed > (ra->holding ? 1 : 0);
	pthread_mutex_unlock(&ra->lock);
	return ready;
}

/* Stop reading, join the thread, free it all. */
void
readahead_stop(struct readahead *ra)
{
	int i;

	if (ra == NULL)
		return;
	/* A reader waiting for input sees this within SOURCE_IDLE_MS. */
	source_interrupt(ra->src);
	pthread_mutex_lock(&ra->lock);
	ra->stop = true;
	pthread_cond_broadcast(&ra->cond);
	pthread_mutex_unlock(&ra->lock);
	pthread_join(ra->thread, NULL);
	pthread_mutex_destroy(&ra->lock);
	pthread_cond_destroy(&ra->cond);
	for (i = 0; i < RA_BATCHES; i++)
		free(ra->batch[i].arena);
	free(ra);
}
