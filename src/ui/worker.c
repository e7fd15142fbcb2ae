/*
 * The snapshot thread: runs the views' jobs (top-N copies of the flow and
 * talker tables) one at a time, so that the UI thread never holds the
 * model's lock for longer than a counter copy.  A finished job writes the
 * loop's wake pipe: the loop sleeps until then instead of looking.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "ui/views.h"
#include "util.h"

#define WORKER_NICE	10	/* the snapshot thread yields to frames */
#define JOB_QUEUE	4	/* jobs out at once, at most (one per view) */

struct ui_worker {
	struct model	*m;
	int		 wake_fd;	/* the loop's wake pipe */
	pthread_t	 thread;
	pthread_mutex_t	 lock;
	pthread_cond_t	 wake;		/* a job was posted, or stop */
	struct ui_job	*queue[JOB_QUEUE];
	size_t		 nqueue;
	bool		 finished;	/* one finished since worker_poll() */
	bool		 urgent;	/* one that wants a frame at once */
	bool		 stop;
};

/* The snapshot thread's loop: the oldest job first, until told to stop. */
static void *
worker_main(void *arg)
{
	struct ui_worker *w = arg;
	struct ui_job *j;
	ssize_t n;

	/* Background work: on a busy machine (two cores shared with the
	   feeder and the terminal) the frame should get the CPU first.
	   Per-thread niceness is Linux's; failure is harmless. */
	(void)setpriority(PRIO_PROCESS, (id_t)gettid(), WORKER_NICE);
	pthread_mutex_lock(&w->lock);
	while (!w->stop) {
		if (w->nqueue == 0) {
			pthread_cond_wait(&w->wake, &w->lock);
			continue;
		}
		j = w->queue[0];
		memmove(w->queue, w->queue + 1,
		    --w->nqueue * sizeof *w->queue);
		j->state = JOB_RUNNING;
		pthread_mutex_unlock(&w->lock);
		j->run(j, w->m);
		pthread_mutex_lock(&w->lock);
		j->state = JOB_DONE;
		w->finished = true;
		if (j->urgent)
			w->urgent = true;
		n = write(w->wake_fd, "", 1);	/* full: awake already */
		(void)n;
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

/* Start the snapshot thread for model m, with the signals blocked in it
   (they are the loop's). */
struct ui_worker *
worker_start(struct model *m, int wake_fd)
{
	struct ui_worker *w = xcalloc(1, sizeof *w);
	sigset_t all, old;
	int rc;

	w->m = m;
	w->wake_fd = wake_fd;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&w->thread, NULL, worker_main, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		fatal("cannot start the snapshot thread: %s", strerror(rc));
	return w;
}

/* Stop the snapshot thread (after its running job) and free it. */
void
worker_stop(struct ui_worker *w)
{
	pthread_mutex_lock(&w->lock);
	w->stop = true;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_cond_destroy(&w->wake);
	pthread_mutex_destroy(&w->lock);
	free(w);
}

/* Did a job finish since the last call (and did one want a frame at
   once)? */
bool
worker_poll(struct ui_worker *w, bool *urgent)
{
	bool finished;

	pthread_mutex_lock(&w->lock);
	finished = w->finished;
	*urgent = w->urgent;
	w->finished = w->urgent = false;
	pthread_mutex_unlock(&w->lock);
	return finished;
}

/* Hand an idle job to the snapshot thread; it starts after the frame
   (worker_kick()), not competing with the frame for a CPU. */
void
ui_job_post(struct ui *u, struct ui_job *j, bool urgent)
{
	struct ui_worker *w = u->worker;

	pthread_mutex_lock(&w->lock);
	if (j->state != JOB_IDLE || w->nqueue == JOB_QUEUE)
		fatal("snapshot job posted twice");
	j->state = JOB_QUEUED;
	j->urgent = urgent;
	w->queue[w->nqueue++] = j;
	pthread_mutex_unlock(&w->lock);
}

/* A frame is on the screen: start the jobs it posted. */
void
worker_kick(struct ui_worker *w)
{
	pthread_mutex_lock(&w->lock);
	if (w->nqueue > 0)
		pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
}

/* A job that is out is needed urgently after all: a frame when done (or
   at once if it is done already). */
void
ui_job_hurry(struct ui *u, struct ui_job *j)
{
	struct ui_worker *w = u->worker;
	ssize_t n;

	pthread_mutex_lock(&w->lock);
	j->urgent = true;
	if (j->state == JOB_DONE) {
		w->finished = w->urgent = true;
		n = write(w->wake_fd, "", 1);
		(void)n;
	}
	pthread_mutex_unlock(&w->lock);
}

/* Take a finished job back (true once per post). */
bool
ui_job_take(struct ui *u, struct ui_job *j)
{
	struct ui_worker *w = u->worker;
	bool done;

	pthread_mutex_lock(&w->lock);
	done = j->state == JOB_DONE;
	if (done)
		j->state = JOB_IDLE;
	pthread_mutex_unlock(&w->lock);
	return done;
}
