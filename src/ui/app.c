/*
 * The UI loop: input, layout, and a frame at most every FRAME_MS while
 * packets arrive (none while nothing changes).  The model is read under
 * its lock only to copy what a frame draws; copies that grow with the
 * flow and talker tables are made by the snapshot thread, between frames.
 */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "output/dump.h"
#include "capture/privs.h"
#include "capture/source.h"
#include "filter.h"
#include "live.h"
#include "ui/resolver.h"
#include "ui/text.h"
#include "ui/views.h"
#include "util.h"

#define FRAME_MS	100	/* at most 10 frames a second */
#define FRAME_NS	(FRAME_MS * 1000000LL)
#define SECOND_NS	1000000000LL
#define WORKER_NICE	10	/* the snapshot thread yields to frames */
#define MIN_COLS	60	/* below this: "terminal too small" */
#define MIN_ROWS	12
#define MATCH_CHUNK	256	/* packets filtered per hold of the lock */
#define MATCH_SLICE_NS	4000000	/* display-filter work between two looks
				   at the keyboard */
#define COPY_FAST_NS	1000000	/* a table copy this quick: every frame */
#define JOB_POLL_MS	2	/* keyboard wait while a job is out */
#define JOB_QUEUE	4	/* jobs out at once, at most (one per view) */
#define COPY_ROUND	64	/* table rows copied beyond the screen, rounded */

static volatile sig_atomic_t ui_signal;
static bool curses_up;
static SCREEN *ui_screen;	/* from newterm(), freed by ui_run() */
static FILE *ui_tty;		/* the keys: /dev/tty, never stdin */

/* Restore the terminal (also from fatal() and signal exits). */
static void
ui_restore_terminal(void)
{
	if (curses_up) {
		curses_up = false;
		endwin();
	}
}

/*
 * Open the controlling terminal to read the keys from, as less(1) does.
 * Not stdin: with -r - it carries the capture, and no byte of a capture
 * may act on the UI (a crafted one could type "w", a path and Enter).
 * Opened before privileges are dropped; closed by ui_run().  0, or -1 with
 * cause when there is no terminal (nothing has touched it then).
 */
static int
ui_tty_open(char **cause)
{
	if (ui_tty != NULL)
		return 0;
	if ((ui_tty = fopen("/dev/tty", "re")) == NULL) {
		*cause = xasprintf("cannot open /dev/tty to read keys from: %s "
		    "(no controlling terminal? -P prints without the UI)",
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* Note a terminating signal; the loop sees it within a frame. */
static void
ui_on_signal(int sig)
{
	ui_signal = sig;
}

/*
 * A crash: give the terminal back before dying, then die of the same
 * signal (default action) so the exit status and core dump stay honest.
 * endwin() is not async-signal-safe, but the process is lost anyway and a
 * wrecked terminal is worse.
 */
static void
ui_on_crash(int sig)
{
	if (curses_up) {
		curses_up = false;
		endwin();
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Restore the terminal on every way out: quit keys, signals, crashes. */
static void
ui_install_signals(void)
{
	static const int crash[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	size_t i;

	signal(SIGINT, ui_on_signal);
	signal(SIGTERM, ui_on_signal);
	signal(SIGHUP, ui_on_signal);
	for (i = 0; i < sizeof crash / sizeof crash[0]; i++)
		signal(crash[i], ui_on_crash);
}

/* Show a one-line message (an error in red/bold) under the view. */
void
ui_message(struct ui *u, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(u->message, sizeof u->message, fmt, ap);
	va_end(ap);
	u->message_error = error;
}

/* Monotonic nanoseconds. */
int64_t
ui_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Ask for a frame at monotonic time t (the earliest request wins). */
void
ui_redraw_at(struct ui *u, int64_t t)
{
	if (u->redraw_at == 0 || t < u->redraw_at)
		u->redraw_at = t;
}

/*
 * A view copied a table (flows, talkers) at copied_at, of generation
 * copied_gen, in copy_ns.  Copy again if the model changed since, at once
 * when copying is cheap, else a second after the last copy (asking for a
 * frame then, so an idle UI does not keep stale rows).  Paused: never.
 */
bool
ui_copy_due(struct ui *u, uint64_t copied_gen, int64_t copied_at,
    int64_t copy_ns)
{
	if (u->paused || copied_gen == u->gen)
		return false;
	if (copy_ns < COPY_FAST_NS || u->now - copied_at >= SECOND_NS)
		return true;
	ui_redraw_at(u, copied_at + SECOND_NS);
	return false;
}

/*
 * The snapshot thread: runs the views' jobs (top-N copies of the flow and
 * talker tables) one at a time, so the UI thread never holds the model's
 * lock for longer than a counter copy.  The UI loop looks at finished and
 * urgent between waits for the keyboard, a few ms apart while a job is out.
 */
struct ui_worker {
	struct model	*m;
	pthread_t	 thread;
	pthread_mutex_t	 lock;
	pthread_cond_t	 wake;		/* a job was posted, or stop */
	struct ui_job	*queue[JOB_QUEUE];
	size_t		 nqueue;
	size_t		 out;		/* jobs queued or running */
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

	/* Background work: on a busy machine (two cores shared with the
	   capture thread and the terminal) the frame should get the CPU
	   first.  Per-thread niceness is Linux's; failure is harmless. */
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
		w->out--;
		w->finished = true;
		if (j->urgent)
			w->urgent = true;
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

/* Start the snapshot thread for model m. */
static struct ui_worker *
worker_start(struct model *m)
{
	struct ui_worker *w = xcalloc(1, sizeof *w);

	w->m = m;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	if ((errno = pthread_create(&w->thread, NULL, worker_main, w)) != 0)
		fatal("cannot start the snapshot thread: %s", strerror(errno));
	return w;
}

/* Stop the snapshot thread (after its running job) and free it. */
static void
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

/* Is a job queued or running? */
static bool
worker_busy(struct ui_worker *w)
{
	bool busy;

	pthread_mutex_lock(&w->lock);
	busy = w->out > 0;
	pthread_mutex_unlock(&w->lock);
	return busy;
}

/* Did a job finish since the last call (and did one want a frame at
   once)? */
static bool
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
	w->out++;
	pthread_mutex_unlock(&w->lock);
}

/* A frame is on the screen: start the jobs it posted. */
static void
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

	pthread_mutex_lock(&w->lock);
	j->urgent = true;
	if (j->state == JOB_DONE)
		w->finished = w->urgent = true;
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

/* The request for the rows a view shows now (want aside): in the sort
   the UI says, of one talker if talker. */
void
ui_rows_req(const struct ui *u, bool talker, struct ui_rows_req *r)
{
	memset(r, 0, sizeof *r);
	r->sort = u->sort;
	r->reverse = u->sort_reverse;
	r->talker = talker;
	if (talker) {
		r->tver = u->talker_ver;
		memcpy(r->taddr, u->talker_addr, 16);
		r->tflows = u->talker_nflows;
	}
}

/* Set by ui_rows_run() for the comparators while the copy is made. */
_Thread_local const struct ui_rows_req *ui_rows_sorting;

/* On the snapshot thread: copy the rows the job's request wants. */
void
ui_rows_run(struct ui_job *j, struct model *m)
{
	struct ui_rows *rows = (struct ui_rows *)j;
	const struct ui_rows_req *r = &rows->req;
	struct ui_rows_copy *c = &rows->copy;
	int64_t t0;

	if (r->want > c->cap) {
		c->v = xrealloc(c->v, r->want * rows->size);
		c->cap = r->want;
	}
	ui_rows_sorting = r;
	t0 = ui_now_ns();
	model_lock(m);
	c->n = rows->fill(r, m, c->v, &c->total);
	c->gen = model_generation(m);
	model_unlock(m);
	c->at = ui_now_ns();
	c->cost = c->at - t0;
	ui_rows_sorting = NULL;
	c->req = *r;
	c->valid = true;
}

/* Is the copy drawn of the rows r asks for? */
bool
ui_rows_shows(const struct ui_rows *rows, const struct ui_rows_req *r)
{
	const struct ui_rows_req *f = &rows->front.req;

	return rows->front.valid && f->talker == r->talker &&
	    (!r->talker || (f->tver == r->tver &&
	    memcmp(f->taddr, r->taddr, 16) == 0));
}

/* Take a finished copy back as the one drawn. */
static void
rows_take(struct ui *u, struct ui_rows *rows)
{
	struct ui_rows_copy t;

	if (!rows->out || !ui_job_take(u, &rows->job))
		return;
	rows->out = false;
	t = rows->front;
	rows->front = rows->copy;
	rows->copy = t;		/* its buffer, for the next job */
}

/*
 * Make sure a copy of the first need rows r asks for is drawn or on its
 * way: ask the snapshot thread for one if the rows or their order changed,
 * rows are missing (or soon will be), or the model changed
 * (ui_copy_due()).  The frame draws what it has; a new order or missing
 * rows get a frame of their own as soon as the copy is done (urgent), a
 * refresh waits for the next one.
 */
static void
rows_copy(struct ui *u, struct ui_rows *rows, const struct ui_rows_req *req,
    size_t need)
{
	const struct ui_rows_copy *f = &rows->front;
	struct ui_rows_req r = *req;
	bool more, urgent;

	rows_take(u, rows);
	r.want = (need / COPY_ROUND + 2) * COPY_ROUND;
	/* More rows than copied may exist only if the copy is full. */
	more = f->valid && f->n == f->req.want;
	if (!ui_rows_shows(rows, &r) || f->req.sort != r.sort ||
	    f->req.reverse != r.reverse || (more && need > f->req.want))
		urgent = true;
	else if ((more && need + COPY_ROUND > f->req.want) ||
	    ui_copy_due(u, f->gen, f->at, f->cost))
		urgent = false;
	else
		return;
	if (rows->out) {
		/* The copy out may be of something else: take it, then ask
		   again (a frame follows it at once). */
		if (urgent)
			ui_job_hurry(u, &rows->job);
		return;
	}
	rows->req = r;
	ui_job_post(u, &rows->job, urgent);
	rows->out = true;
}

/* For a frame of page rows of list s: take a finished copy, ask for the
   next where needed, and fit s to the rows.  True if rows->front is what
   r asks for. */
bool
ui_rows_frame(struct ui *u, struct ui_rows *rows, const struct ui_rows_req *r,
    struct ui_scroll *s, size_t page)
{
	const struct ui_rows_copy *f = &rows->front;
	bool fits;

	rows_copy(u, rows, r, s->top + page);
	scroll_fit(s, ui_rows_shows(rows, r) ? f->total : 0, page);
	if (ui_rows_shows(rows, r) && s->top + page > f->n && f->n < f->total)
		rows_copy(u, rows, r, s->top + page);
	/* The copy may have changed in rows_copy(): look again. */
	fits = ui_rows_shows(rows, r);
	scroll_fit(s, fits ? f->total : 0, page);
	return fits;
}

/* The number of packets shown (matching the display filter). */
size_t
ui_shown_count(struct ui *u)
{
	if (u->display != NULL)
		return u->nmatch - u->match_start;
	if (u->last == 0 || u->last < u->first)
		return 0;
	return (size_t)(u->last - u->first + 1);
}

/* The number of the i-th packet shown. */
uint64_t
ui_shown_number(struct ui *u, size_t i)
{
	if (u->display != NULL)
		return u->match[u->match_start + i];
	return u->first + i;
}

/* The index of a packet number among those shown (or the nearest). */
size_t
ui_shown_index(struct ui *u, uint64_t number)
{
	size_t lo, hi, mid, n = ui_shown_count(u);

	if (n == 0)
		return 0;
	if (u->display == NULL) {
		if (number < u->first)
			return 0;
		return number > u->last ? n - 1 : (size_t)(number - u->first);
	}
	lo = 0;
	hi = n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ui_shown_number(u, mid) < number)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n ? lo : n - 1;
}

/* Forget the packets matched so far (a new filter, or none). */
static void
match_reset(struct ui *u)
{
	u->nmatch = u->match_start = 0;
	u->scanned = 0;
	u->scan_from = u->first;
}

/* Is there display-filter work left (packets not yet looked at)? */
static bool
match_pending(const struct ui *u)
{
	return u->display != NULL && u->last != 0 && u->scanned < u->last;
}

/* Forget matched numbers the ring has overwritten (cheap: the front). */
static void
match_prune(struct ui *u)
{
	while (u->match_start < u->nmatch &&
	    u->match[u->match_start] < u->first)
		u->match_start++;
	if (u->match_start > 4096 && u->match_start * 2 > u->nmatch) {
		memmove(u->match, u->match + u->match_start,
		    (u->nmatch - u->match_start) * sizeof *u->match);
		u->nmatch -= u->match_start;
		u->match_start = 0;
	}
}

/*
 * Run the display filter over packets not yet looked at, MATCH_CHUNK per
 * hold of the model's lock, for at most budget_ns (0: until done).  The
 * work is done between frames, never inside one, so a filter over a full
 * ring neither slows the frame rate nor blocks the keyboard for long.
 * Returns whether anything was looked at.
 */
static bool
match_step(struct ui *u, int64_t budget_ns)
{
	static uint8_t buf[262144];
	struct frame_meta fm;
	struct pkt_rec rec;
	uint64_t n, end;
	int64_t start = ui_now_ns();
	bool did = false;
	int i = 0;

	while (match_pending(u)) {
		n = u->scanned + 1 > u->first ? u->scanned + 1 : u->first;
		end = u->last;
		if (end - n >= MATCH_CHUNK)
			end = n + MATCH_CHUNK - 1;
		model_lock(u->m);
		for (; n <= end; n++) {
			u->scanned = n;
			if (!model_ring_get(u->m, n, &rec, buf, sizeof buf))
				continue;
			memset(&fm, 0, sizeof fm);
			fm.caplen = rec.caplen < sizeof buf ? rec.caplen :
			    (uint32_t)sizeof buf;
			fm.wirelen = rec.wirelen;
			if (!filter_match(u->display, &fm, buf))
				continue;
			if (u->nmatch == u->capmatch) {
				u->capmatch = u->capmatch ? u->capmatch * 2 :
				    1024;
				u->match = xrealloc(u->match,
				    u->capmatch * sizeof *u->match);
			}
			u->match[u->nmatch++] = n;
		}
		model_unlock(u->m);
		did = true;
		/* Look at the clock every few chunks only. */
		if (budget_ns != 0 && (++i & 3) == 0 &&
		    ui_now_ns() - start >= budget_ns)
			break;
	}
	return did;
}

/* Copy the counters and the ring's span, and update the rates. */
static void
refresh_snapshot(struct ui *u)
{
	int64_t now = u->now, dt;
	char notice[256];
	int p;

	if (u->feed->poll != NULL)
		u->feed->poll(u->feed->arg, &u->dropped, &u->finished);
	if (u->feed->notice != NULL &&
	    u->feed->notice(u->feed->arg, notice, sizeof notice))
		ui_message(u, true, "%s", notice);
	/* The snapshot thread may hold the lock for a top-N over the whole
	   flow table: rather than wait for it, draw this frame with the
	   counts of the last one and look again a frame later. */
	if (!model_trylock(u->m)) {
		ui_redraw_at(u, now + FRAME_NS);
		return;
	}
	model_totals(u->m, &u->live);
	if (!u->paused) {
		u->tot = u->live;
		u->gen = model_generation(u->m);
		model_ring_span(u->m, &u->first, &u->last);
	}
	model_unlock(u->m);
	u->live.dropped = u->dropped;
	u->tot.dropped = u->dropped;
	dt = now - u->rate_clock_ns;
	if (u->rate_clock_ns == 0 || dt >= SECOND_NS) {
		if (u->rate_clock_ns != 0) {
			double s = (double)dt / 1e9;

			u->pps = (double)(u->live.packets -
			    u->rate_prev.packets) / s;
			u->bps = (double)(u->live.bytes -
			    u->rate_prev.bytes) * 8 / s;
			for (p = 0; p < P_MAX; p++) {
				u->proto_pps[p] = (double)
				    (u->live.proto[p].packets -
				    u->rate_prev.proto[p].packets) / s;
				u->proto_bps[p] = (double)
				    (u->live.proto[p].bytes -
				    u->rate_prev.proto[p].bytes) * 8 / s;
			}
		}
		u->rate_prev = u->live;
		u->rate_clock_ns = now;
	}
	/* Rates decay to zero when traffic stops: one more frame then. */
	if (u->pps != 0 || u->bps != 0 || u->live.packets !=
	    u->rate_prev.packets)
		ui_redraw_at(u, u->rate_clock_ns + SECOND_NS);
	if (u->display != NULL && !u->paused)
		match_prune(u);
}

/* Apply the display filter typed after '/'; an empty line clears it. */
static void
apply_display_filter(struct ui *u, const char *text)
{
	struct filter *f;
	char *cause = NULL;

	if (text[0] == '\0') {
		filter_free(u->display);
		u->display = NULL;
		u->display_text[0] = '\0';
		match_reset(u);
		ui_message(u, false, "display filter cleared");
		return;
	}
	f = filter_new(text, u->feed->link, u->feed->snaplen, &cause);
	if (f == NULL) {
		ui_message(u, true, "%s", cause);
		free(cause);
		return;
	}
	filter_free(u->display);
	u->display = f;
	snprintf(u->display_text, sizeof u->display_text, "%s", text);
	match_reset(u);
	u->follow = true;
	ui_message(u, false, "display filter: %s", text);
}

/* Save the packets shown (display filter applied) to a pcap file. */
static void
save_shown(struct ui *u, const char *path)
{
	static uint8_t buf[262144];
	struct frame_meta fm;
	struct pkt_rec rec;
	struct dump *d;
	char *cause = NULL;
	size_t i, n, saved = 0;

	/* Every packet the filter would show, not only those matched yet. */
	match_step(u, 0);
	n = ui_shown_count(u);
	d = dump_open(path, u->feed->link, u->feed->snaplen, &cause);
	if (d == NULL) {
		ui_message(u, true, "%s", cause);
		free(cause);
		return;
	}
	for (i = 0; i < n; i++) {
		bool ok;

		model_lock(u->m);
		ok = model_ring_get(u->m, ui_shown_number(u, i), &rec, buf,
		    sizeof buf);
		model_unlock(u->m);
		if (!ok)
			continue;
		memset(&fm, 0, sizeof fm);
		fm.ts_sec = rec.ts_sec;
		fm.ts_nsec = rec.ts_nsec;
		fm.caplen = rec.caplen < sizeof buf ? rec.caplen :
		    (uint32_t)sizeof buf;
		fm.wirelen = rec.wirelen;
		if (dump_write(d, &fm, buf, &cause) != 0)
			break;
		saved++;
	}
	if (cause == NULL)
		dump_close(d, &cause);
	else {
		char *ignored = NULL;

		dump_close(d, &ignored);
		free(ignored);
	}
	if (cause != NULL) {
		ui_message(u, true, "%s", cause);
		free(cause);
	} else
		ui_message(u, false, "saved %zu packets to %s", saved, path);
}

/* Keys typed into the input line (filter or file name). */
static void
input_key(struct ui *u, int key)
{
	switch (key) {
	case 27:	/* Esc */
		u->input = INPUT_NONE;
		return;
	case '\n':
	case '\r':
	case KEY_ENTER:
		u->line[u->line_len] = '\0';
		if (u->input == INPUT_FILTER)
			apply_display_filter(u, u->line);
		else if (u->line_len > 0)
			save_shown(u, u->line);
		u->input = INPUT_NONE;
		return;
	case 21:	/* ^U: clear the line */
		u->line_len = 0;
		return;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		if (u->line_len > 0)
			u->line_len--;
		return;
	default:
		if (key >= 0x20 && key < 0x7f &&
		    u->line_len + 1 < sizeof u->line)
			u->line[u->line_len++] = (char)key;
	}
}

/* Keys every view shares; false if the key was not one of them. */
static bool
global_key(struct ui *u, int key)
{
	switch (key) {
	case 'q':
		u->quit = true;
		return true;
	case '1':
		u->view = VIEW_PACKETS;
		return true;
	case '2':
		u->view = VIEW_FLOWS;
		u->talker_flows = false;
		return true;
	case '3':
		u->view = VIEW_TALKERS;
		return true;
	case '4':
		u->view = VIEW_PROTOCOLS;
		return true;
	case '?':
	case KEY_F(1):
		u->show_help = !u->show_help;
		return true;
	case ' ':
		u->paused = !u->paused;
		ui_message(u, false, u->paused ? "paused: capture goes on" :
		    "resumed");
		return true;
	case 'F':
		u->follow = true;
		u->paused = false;
		return true;
	case 'n':
		u->resolve = !u->resolve;
		ui_message(u, false, "name resolution %s",
		    u->resolve ? "on" : "off");
		return true;
	case 't':
		u->time_mode = (u->time_mode + 1) % 3;
		return true;
	case 's':
		u->sort = (u->sort + 1) % SORT_MAX;
		return true;
	case 'S':
		u->sort_reverse = !u->sort_reverse;
		return true;
	case '/':
		u->input = INPUT_FILTER;
		u->line_len = (size_t)snprintf(u->line, sizeof u->line, "%s",
		    u->display_text);
		return true;
	case 'w':
		u->input = INPUT_SAVE;
		u->line_len = (size_t)snprintf(u->line, sizeof u->line,
		    "wiretop-saved.pcap");
		return true;
	}
	return false;
}

/* Dispatch one key: the input line, help, the view, then global keys. */
static void
handle_key(struct ui *u, int key)
{
	if (u->input != INPUT_NONE) {
		input_key(u, key);
		return;
	}
	if (u->show_help && key != '?' && key != KEY_F(1) && key != 'q') {
		u->show_help = false;
		return;
	}
	if (key == KEY_RESIZE)
		return;
	/* Views first: Enter, Tab and Esc mean different things in each. */
	switch (u->view) {
	case VIEW_PACKETS:
		if (packets_key(u, key))
			return;
		break;
	case VIEW_FLOWS:
		if (flows_key(u, key))
			return;
		break;
	case VIEW_TALKERS:
		if (talkers_key(u, key))
			return;
		break;
	case VIEW_PROTOCOLS:
		if (protocols_key(u, key))
			return;
		break;
	}
	global_key(u, key);
}

/* The bottom line: the input being typed, a message, or key hints. */
static void
bottom_draw(struct ui *u, WINDOW *w)
{
	werase(w);
	if (u->input != INPUT_NONE) {
		const char *prompt = u->input == INPUT_FILTER ?
		    "display filter: " : "save shown packets to: ";

		u->line[u->line_len] = '\0';
		mvwaddstr(w, 0, 0, prompt);
		ui_text(w, 0, (int)strlen(prompt), u->line,
		    u->cols - (int)strlen(prompt));
		return;
	}
	if (u->message[0] != '\0') {
		if (u->message_error)
			wattron(w, u->colors ? COLOR_PAIR(C_ERROR) | A_BOLD :
			    A_BOLD);
		ui_text(w, 0, 0, u->message, u->cols);
		wattrset(w, A_NORMAL);
		return;
	}
	wattron(w, A_DIM);
	mvwaddnstr(w, 0, 0, "1 packets  2 flows  3 talkers  4 protocols  "
	    "/ filter  space pause  Enter detail  ? help  q quit", u->cols);
	wattrset(w, A_NORMAL);
}

/* Draw one whole frame into the off-screen buffers, then update once;
   returns what was drawn (for the frame statistics). */
static const char *
draw_frame(struct ui *u)
{
	static const char *const names[] = { "packets", "flows", "talkers",
		"protocols" };
	WINDOW *status, *main_w, *bottom;
	const char *what;

	getmaxyx(stdscr, u->rows, u->cols);
	erase();
	wnoutrefresh(stdscr);
	if (u->cols < MIN_COLS || u->rows < MIN_ROWS) {
		mvaddnstr(0, 0, "terminal too small", u->cols);
		mvprintw(1 < u->rows ? 1 : 0, 0, "need %dx%d", MIN_COLS,
		    MIN_ROWS);
		wnoutrefresh(stdscr);
		doupdate();
		return "small";
	}
	what = u->show_help ? "help" : u->view == VIEW_PACKETS &&
	    u->detail != NULL ? "detail" : names[u->view];
	status = newwin(1, u->cols, 0, 0);
	main_w = newwin(u->rows - 2, u->cols, 1, 0);
	bottom = newwin(1, u->cols, u->rows - 1, 0);
	if (status == NULL || main_w == NULL || bottom == NULL)
		fatal("cannot create curses windows");
	status_draw(u, status);
	if (u->show_help)
		help_draw(u, main_w);
	else
		switch (u->view) {
		case VIEW_PACKETS:
			packets_draw(u, main_w);
			break;
		case VIEW_FLOWS:
			flows_draw(u, main_w);
			break;
		case VIEW_TALKERS:
			talkers_draw(u, main_w);
			break;
		case VIEW_PROTOCOLS:
			protocols_draw(u, main_w);
			break;
		}
	bottom_draw(u, bottom);
	wnoutrefresh(status);
	wnoutrefresh(main_w);
	wnoutrefresh(bottom);
	doupdate();
	delwin(status);
	delwin(main_w);
	delwin(bottom);
	return what;
}

/* Open the per-frame statistics file WIRETOP_FRAME_STATS names, if any:
   one line per frame, "VIEW MICROSECONDS SEEN DROPPED SHOWN CPU" (CPU: the
   UI thread's CPU time in the frame, microseconds, which other processes
   on a busy machine do not inflate; bench/tui.sh reads it). */
static FILE *frame_stats;

/* Opened before privileges are dropped; closed by ui_run(). */
static void
frame_stats_open(void)
{
	const char *path = getenv("WIRETOP_FRAME_STATS");

	if (frame_stats != NULL || path == NULL || *path == '\0')
		return;
	if ((frame_stats = fopen(path, "w")) == NULL)
		fatal("cannot write %s: %s", path, strerror(errno));
	setvbuf(frame_stats, NULL, _IOLBF, 0);
}

/* The calling thread's CPU time in nanoseconds. */
static int64_t
thread_cpu_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
		return 0;
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* One frame: copy from the model, draw, and time it. */
static void
frame(struct ui *u)
{
	const char *what;
	int64_t t0, t1, c0 = 0;

	if (u->frame_stats != NULL)
		c0 = thread_cpu_ns();
	t0 = u->now = ui_now_ns();
	if (u->redraw_at != 0 && u->redraw_at <= t0)
		u->redraw_at = 0;
	refresh_snapshot(u);
	what = draw_frame(u);
	worker_kick(u->worker);
	if (u->frame_stats != NULL) {
		t1 = ui_now_ns();
		fprintf(u->frame_stats, "%s %lld %llu %llu %llu %lld\n", what,
		    (long long)((t1 - t0) / 1000),
		    (unsigned long long)u->live.packets,
		    (unsigned long long)u->live.dropped,
		    (unsigned long long)ui_shown_count(u),
		    (long long)((thread_cpu_ns() - c0) / 1000));
	}
}

/* Colour pairs, unless the terminal has none or NO_COLOR is set. */
static void
colors_init(struct ui *u)
{
	if (!has_colors() || getenv("NO_COLOR") != NULL)
		return;
	start_color();
	use_default_colors();
	init_pair(C_STATUS, COLOR_BLACK, COLOR_CYAN);
	init_pair(C_TCP, COLOR_GREEN, -1);
	init_pair(C_UDP, COLOR_CYAN, -1);
	init_pair(C_ICMP, COLOR_MAGENTA, -1);
	init_pair(C_ARP, COLOR_YELLOW, -1);
	init_pair(C_DNS, COLOR_BLUE, -1);
	init_pair(C_BAD, COLOR_RED, -1);
	init_pair(C_HIGHLIGHT, COLOR_BLACK, COLOR_YELLOW);
	init_pair(C_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(C_ERROR, COLOR_RED, -1);
	init_pair(C_GOOD, COLOR_GREEN, -1);
	u->colors = true;
}

/*
 * Run the UI.  Frames: at once after a key (the user waits for it), else at
 * most one every FRAME_MS while the model changes, and none while nothing
 * does (redraw_at wakes us for rates decaying to zero and stale copies).
 */
int
ui_run(const struct options *o, struct model *m, const struct ui_feed *feed)
{
	struct ui u;
	uint64_t gen = 0, g, seen = 0;
	int64_t t, next_frame = 0, wait;
	char *cause = NULL;
	int key;
	bool dirty = true, keyed = true, urgent;

	memset(&u, 0, sizeof u);
	u.o = o;
	u.m = m;
	u.feed = feed;
	u.follow = true;
	u.resolve = o->resolve;
	frame_stats_open();
	u.frame_stats = frame_stats;
	if (o->display_filter != NULL)
		apply_display_filter(&u, o->display_filter);

	setlocale(LC_ALL, "");
	u.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	ui_text_init(u.utf8);
	/* Keys from the terminal, output to stdout (ui_tty_open()). */
	if (ui_tty_open(&cause) != 0)
		fatal("%s", cause);
	if ((ui_screen = newterm(NULL, stdout, ui_tty)) == NULL)
		fatal("cannot start the terminal UI (is TERM set?)");
	curses_up = true;
	util_set_fatal_hook(ui_restore_terminal);
	ui_install_signals();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	colors_init(&u);
	if (u.resolve)
		resolver_start();
	u.worker = worker_start(m);

	while (!u.quit && !ui_signal) {
		t = ui_now_ns();
		if (match_pending(&u))
			wait = 0;
		else if (dirty)
			wait = next_frame > t ? (next_frame - t) / 1000000 : 0;
		else if (u.redraw_at != 0)
			wait = u.redraw_at > t ? (u.redraw_at - t) / 1000000 +
			    1 : 0;
		else
			wait = FRAME_MS;
		/* Nothing else wakes us when the snapshot thread is done. */
		if (wait > JOB_POLL_MS && worker_busy(u.worker))
			wait = JOB_POLL_MS;
		timeout((int)(wait < FRAME_MS ? wait : FRAME_MS));
		if ((key = getch()) != ERR) {
			handle_key(&u, key);
			/* Take every key already typed, waiting only a few
			   ms for more (a held key must not hold the frame
			   back; 0 would cut escape sequences). */
			timeout(10);
			while (!u.quit && (key = getch()) != ERR)
				handle_key(&u, key);
			keyed = true;
		}
		if (u.quit)
			break;
		if (match_pending(&u) && match_step(&u, MATCH_SLICE_NS))
			dirty = true;
		/* A finished copy: drawn at once if the view waits for it
		   (a new sort, more rows), else with the next frame. */
		if (worker_poll(u.worker, &urgent)) {
			dirty = true;
			if (urgent)
				keyed = true;
		}
		model_lock(m);
		g = model_generation(m);
		model_unlock(m);
		if (g != gen) {
			gen = g;
			/* A clock tick without packets (live, idle) changes
			   only the time-dependent views. */
			if (u.live.packets != seen || u.view == VIEW_FLOWS ||
			    u.view == VIEW_TALKERS || u.pps != 0)
				dirty = true;
			else
				ui_redraw_at(&u, ui_now_ns() + SECOND_NS);
		}
		t = ui_now_ns();
		if (u.redraw_at != 0 && t >= u.redraw_at)
			dirty = true;
		if (keyed || (dirty && t >= next_frame)) {
			frame(&u);
			seen = u.live.packets;
			next_frame = t + FRAME_NS;
			dirty = keyed = false;
		}
	}
	ui_restore_terminal();
	util_set_fatal_hook(NULL);
	worker_stop(u.worker);
	u.worker = NULL;
	resolver_stop();
	if (u.detail != NULL)
		detail_close(u.detail);
	filter_free(u.display);
	free(u.match);
	if (frame_stats != NULL)
		fclose(frame_stats);
	frame_stats = NULL;
	delscreen(ui_screen);
	ui_screen = NULL;
	fclose(ui_tty);
	ui_tty = NULL;
	return 0;
}

/* A file loaded by a thread while the UI shows what has arrived. */
struct file_feed {
	struct source	*src;
	struct model	*m;
	uint64_t	 limit;		/* -c */
	pthread_t	 thread;
	pthread_mutex_t	 lock;
	bool		 finished;	/* under lock */
	bool		 stop;		/* under lock */
	char		*error;		/* under lock */
	bool		 in_batch;	/* loader only: holds the model */
};

/* Decode one file packet (fast pass) into the model, up to -c. */
static void
file_feed_packet(void *arg, const struct frame_meta *m, const uint8_t *data)
{
	struct file_feed *ff = arg;
	struct pkt_info pi;

	if (ff->limit != 0 && m->number > ff->limit)
		return;
	/* The model is taken when a packet comes, not while waiting. */
	if (!ff->in_batch) {
		model_batch_begin(ff->m);
		ff->in_batch = true;
	}
	dissect_frame(m, data, &pi, NULL, false);
	model_add(ff->m, m, data, &pi);
	if (ff->limit != 0 && m->number == ff->limit)
		source_interrupt(ff->src);	/* -c: read no further */
}

/*
 * The source waits for input (a slow pipe): publish what the batch holds
 * and let the UI have the model meanwhile; end the wait if told to stop.
 */
static void
file_feed_idle(void *arg)
{
	struct file_feed *ff = arg;
	bool stop;

	if (ff->in_batch) {
		model_batch_end(ff->m);
		ff->in_batch = false;
	}
	pthread_mutex_lock(&ff->lock);
	stop = ff->stop;
	pthread_mutex_unlock(&ff->lock);
	if (stop)
		source_interrupt(ff->src);
}

/* The file reader thread: batches into the model until the end or stop. */
static void *
file_feed_main(void *arg)
{
	struct file_feed *ff = arg;
	bool stop = false;
	int n;

	source_set_idle(ff->src, file_feed_idle, ff);
	while (!stop) {
		n = source_next_batch(ff->src, file_feed_packet, ff, -1);
		if (ff->in_batch) {
			model_batch_end(ff->m);
			ff->in_batch = false;
		}
		pthread_mutex_lock(&ff->lock);
		stop = ff->stop || n < 0;
		pthread_mutex_unlock(&ff->lock);
	}
	pthread_mutex_lock(&ff->lock);
	ff->finished = true;
	if (source_error(ff->src) != NULL)
		ff->error = xstrdup(source_error(ff->src));
	pthread_mutex_unlock(&ff->lock);
	return NULL;
}

/* ui_feed poll for files: never drops; finished at end of file. */
static void
file_feed_poll(void *arg, uint64_t *dropped, bool *finished)
{
	struct file_feed *ff = arg;

	pthread_mutex_lock(&ff->lock);
	*dropped = 0;
	*finished = ff->finished;
	pthread_mutex_unlock(&ff->lock);
}

/* -r FILE with a terminal: load the file in a thread while the UI runs. */
int
ui_run_file(const struct options *o)
{
	struct model_config cfg;
	struct file_feed ff;
	struct ui_feed feed;
	char *cause = NULL;
	int status;

	/* The terminal, the statistics file and the capture are opened as
	   the caller; then privileges go, before the first packet is
	   decoded (as a live start does). */
	if (ui_tty_open(&cause) != 0) {
		fprintf(stderr, "wiretop: %s\n", cause);
		free(cause);
		return 1;
	}
	frame_stats_open();
	memset(&ff, 0, sizeof ff);
	ff.src = source_open_file(o->read_file, o->capture_filter, o->snaplen,
	    &cause);
	if (ff.src == NULL) {
		fprintf(stderr, "wiretop: %s\n", cause);
		status = strncmp(cause, SOURCE_BAD_FILTER,
		    strlen(SOURCE_BAD_FILTER)) == 0 ? 2 : 1;
		free(cause);
		return status;
	}
	if (o->display_filter != NULL) {
		struct filter *f = filter_new(o->display_filter,
		    source_link(ff.src), source_snaplen(ff.src), &cause);

		if (f == NULL) {
			fprintf(stderr, "wiretop: %s\n", cause);
			free(cause);
			source_close(ff.src);
			return 2;
		}
		filter_free(f);
	}
	options_model_config(o, true, &cfg);
	cfg.flow_idle_ns = -1;	/* a file's flows stay (see main.c) */
	ff.m = model_new(&cfg, &cause);
	if (ff.m == NULL) {
		fprintf(stderr, "wiretop: %s\n", cause);
		free(cause);
		source_close(ff.src);
		return 1;
	}
	/* Before the reader thread: capabilities are per thread. */
	if (privs_drop(o->user, &cause) != 0) {
		fprintf(stderr, "wiretop: %s\n", cause);
		free(cause);
		model_free(ff.m);
		source_close(ff.src);
		return 1;
	}
	ff.limit = o->count;
	pthread_mutex_init(&ff.lock, NULL);
	if ((errno = pthread_create(&ff.thread, NULL, file_feed_main, &ff))
	    != 0)
		fatal("cannot start the file reader thread: %s",
		    strerror(errno));

	memset(&feed, 0, sizeof feed);
	feed.source_name = source_name(ff.src);
	feed.capture_filter = o->capture_filter;
	feed.link = source_link(ff.src);
	feed.snaplen = source_snaplen(ff.src);
	feed.poll = file_feed_poll;
	feed.arg = &ff;
	status = ui_run(o, ff.m, &feed);

	pthread_mutex_lock(&ff.lock);
	ff.stop = true;
	pthread_mutex_unlock(&ff.lock);
	pthread_join(ff.thread, NULL);
	if (ff.error != NULL) {
		fprintf(stderr, "wiretop: %s\n", ff.error);
		free(ff.error);
		status = 1;
	}
	pthread_mutex_destroy(&ff.lock);
	model_free(ff.m);
	source_close(ff.src);
	return status;
}

/* ui_feed poll for live capture: the kernel's drops, thread ended. */
static void
live_feed_poll(void *arg, uint64_t *dropped, bool *finished)
{
	struct capture_stats st;

	capture_stats(arg, &st);
	*dropped = st.dropped;
	*finished = st.done;
}

/* ui_feed notice for live capture: interface down/up messages. */
static bool
live_feed_notice(void *arg, char *buf, size_t len)
{
	return capture_notice(arg, buf, len);
}

/* Live capture with a terminal: the capture thread fills the model. */
int
ui_run_live(const struct options *o)
{
	struct model_config cfg;
	struct ui_feed feed;
	struct capture *cap;
	struct model *m;
	char *cause = NULL;
	int status;

	/* Open the terminal, the socket and drop privileges before
	   anything else. */
	if (ui_tty_open(&cause) != 0) {
		fprintf(stderr, "wiretop: %s\n", cause);
		free(cause);
		return 1;
	}
	frame_stats_open();
	cap = capture_open(o, &cause, &status);
	if (cap == NULL) {
		fprintf(stderr, "wiretop: %s\n", cause);
		free(cause);
		return status;
	}
	options_model_config(o, true, &cfg);
	m = model_new(&cfg, &cause);
	if (m == NULL) {
		fprintf(stderr, "wiretop: %s\n", cause);
		free(cause);
		capture_stop(cap, &cause);
		free(cause);
		return 1;
	}
	capture_run(cap, m);
	memset(&feed, 0, sizeof feed);
	feed.source_name = capture_name(cap);
	feed.capture_filter = o->capture_filter;
	feed.live = true;
	feed.link = capture_link(cap);
	feed.snaplen = capture_snaplen(cap);
	feed.poll = live_feed_poll;
	feed.notice = live_feed_notice;
	feed.arg = cap;
	status = ui_run(o, m, &feed);
	if (capture_stop(cap, &cause) != 0) {
		fprintf(stderr, "wiretop: %s\n", cause);
		free(cause);
		status = 1;
	}
	model_free(m);
	return status;
}
