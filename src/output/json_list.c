/*
 * --stats=json's lists on two threads (see jsonbuf.h).
 *
 * At the end of a headless run the second core is idle, and formatting
 * the flows and talkers is most of what is left to do.  The list is cut
 * into chunks: this thread builds the even ones and writes them straight
 * out, a helper builds the odd ones into one of two buffers, which this
 * thread writes in their turn.  So the output is the one a single thread
 * would write, memory stays at two chunks, and neither thread waits long
 * as long as chunks cost about the same.
 */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "jsonbuf.h"

#define CHUNK		1024	/* objects */
#define SLOTS		2	/* chunks the helper can be ahead by */
#define WRITE_BUF	(64 * 1024)

struct list_job {
	size_t		 count, nchunks;
	void		(*fill)(struct json_out *, size_t, size_t, void *);
	void		*arg;

	pthread_mutex_t	 lock;
	pthread_cond_t	 cond;
	struct json_out	 slot[SLOTS];	/* the helper's chunks */
	bool		 ready[SLOTS];	/* built, not written yet */
};

/* Build chunk k into j: the first object of every chunk but the first
   needs its comma. */
static void
build_chunk(struct list_job *lj, size_t k, struct json_out *j)
{
	size_t from = k * CHUNK, to = from + CHUNK;

	j->n = k > 0;
	lj->fill(j, from, to < lj->count ? to : lj->count, lj->arg);
}

/* The helper: the odd chunks, each into the next free slot. */
static void *
helper_run(void *arg)
{
	struct list_job *lj = arg;
	struct json_out *j;
	size_t k;
	int s;

	for (k = 1; k < lj->nchunks; k += 2) {
		s = (int)(k / 2 % SLOTS);
		j = &lj->slot[s];
		pthread_mutex_lock(&lj->lock);
		while (lj->ready[s])
			pthread_cond_wait(&lj->cond, &lj->lock);
		pthread_mutex_unlock(&lj->lock);
		j->len = 0;
		build_chunk(lj, k, j);
		pthread_mutex_lock(&lj->lock);
		lj->ready[s] = true;
		pthread_cond_broadcast(&lj->cond);
		pthread_mutex_unlock(&lj->lock);
	}
	return NULL;
}

/* Write the helper's chunk k when it is built, and free its slot. */
static void
write_helper_chunk(struct list_job *lj, size_t k, FILE *out)
{
	int s = (int)(k / 2 % SLOTS);

	pthread_mutex_lock(&lj->lock);
	while (!lj->ready[s])
		pthread_cond_wait(&lj->cond, &lj->lock);
	pthread_mutex_unlock(&lj->lock);
	fwrite(lj->slot[s].buf, 1, lj->slot[s].len, out);
	pthread_mutex_lock(&lj->lock);
	lj->ready[s] = false;
	pthread_cond_broadcast(&lj->cond);
	pthread_mutex_unlock(&lj->lock);
}

size_t
json_list_print(FILE *out, size_t count,
    void (*fill)(struct json_out *, size_t, size_t, void *), void *arg)
{
	struct list_job	 lj;
	struct json_out	 mine = { out, NULL, WRITE_BUF, 0, 0 };
	pthread_t	 helper;
	bool		 helped = false;
	size_t		 k;
	int		 s;

	memset(&lj, 0, sizeof lj);
	lj.count = count;
	lj.nchunks = (count + CHUNK - 1) / CHUNK;
	lj.fill = fill;
	lj.arg = arg;
	if ((mine.buf = malloc(mine.cap)) == NULL) {
		fprintf(stderr, "wiretop: out of memory\n");
		abort();
	}
	/* Without a helper (a short list, no memory, no thread) this
	   thread builds every chunk. */
	if (lj.nchunks > 1) {
		pthread_mutex_init(&lj.lock, NULL);
		pthread_cond_init(&lj.cond, NULL);
		helped = true;
		for (s = 0; s < SLOTS; s++) {
			lj.slot[s].cap = (size_t)CHUNK * JSON_OBJ_MAX;
			if ((lj.slot[s].buf = malloc(lj.slot[s].cap)) == NULL)
				helped = false;
		}
		helped = helped &&
		    pthread_create(&helper, NULL, helper_run, &lj) == 0;
	}
	for (k = 0; k < lj.nchunks; k++) {
		if (helped && k % 2 == 1) {
			jflush(&mine);
			write_helper_chunk(&lj, k, out);
		} else
			build_chunk(&lj, k, &mine);
	}
	jflush(&mine);
	if (helped)
		pthread_join(helper, NULL);
	if (lj.nchunks > 1) {
		pthread_cond_destroy(&lj.cond);
		pthread_mutex_destroy(&lj.lock);
	}
	for (s = 0; s < SLOTS; s++)
		free(lj.slot[s].buf);
	free(mine.buf);
	return count;
}
