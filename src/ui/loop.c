/*
 * The UI loop: input, layout, and a frame at most every FRAME_MS while
 * packets arrive (none while nothing changes).  It sleeps in poll() until
 * there is something to do: a key, the feeder saying the model changed,
 * the snapshot thread finishing a copy, a signal, or a frame that is due.
 * The model is read under its lock only to copy what a frame draws.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "decode/decoders.h"
#include "decode/field.h"
#include "filter.h"
#include "ui/resolver.h"
#include "ui/text.h"
#include "ui/ui.h"
#include "ui/views.h"
#include "util.h"

#define FRAME_MS	100	/* at most 10 frames a second */
#define FRAME_NS	(FRAME_MS * NS_PER_MS)
#define MIN_COLS	60	/* below this: "terminal too small" */
#define MIN_ROWS	12
#define MATCH_SLICE_NS	(4 * NS_PER_MS)	/* display-filter work between
					   two looks at the keyboard */
#define KEY_WAIT_MS	10	/* for the rest of what was typed */

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

/* Ask for a frame at monotonic time t (the earliest request wins). */
void
ui_redraw_at(struct ui *u, int64_t t)
{
	if (u->redraw_at == 0 || t < u->redraw_at)
		u->redraw_at = t;
}

/* The rates of the counters over complete seconds (status.c keeps their
   history), and the times the ring's packets span for the status line. */
static void
refresh_rates(struct ui *u)
{
	rates_sample(u);
	if (u->is_live && model_trylock(u->m)) {
		rates_ring_span(u);
		model_unlock(u->m);
	}
}

/* Copy the feeder's status, the counters and the ring's span; update the
   rates. */
static void
refresh_snapshot(struct ui *u)
{
	struct feed_status st;
	char notice[256];

	feed_status(u->feed, &st);
	u->dropped = st.dropped;
	u->finished = st.finished;
	u->file_read = st.file_read;
	u->file_size = st.file_size;
	if (feed_notice(u->feed, notice, sizeof notice)) {
		/* A file cut short stays said until x dismisses it. */
		if (!u->is_live)
			snprintf(u->warning, sizeof u->warning, "%s", notice);
		else
			ui_message(u, true, "%s", notice);
	}
	/* The snapshot thread may hold the lock for a top-N over the whole
	   flow table: rather than wait for it, draw this frame with the
	   counts of the last one and look again a frame later. */
	if (!model_trylock(u->m)) {
		ui_redraw_at(u, u->now + FRAME_NS);
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
	refresh_rates(u);
	/* Rates decay to zero when traffic stops: one more frame then. */
	if (u->pps != 0 || u->bps != 0 || u->live.packets !=
	    u->rate_prev.packets)
		ui_redraw_at(u, u->rate_clock_ns + NS_PER_SEC);
	if (u->display != NULL && !u->paused)
		shown_prune(u);
}

/* The views the bottom line names, and where: clicks switch to them. */
static const struct {
	const char	*label;
	enum ui_view	 view;
} bar_views[] = {
	{ "1 packets", VIEW_PACKETS },
	{ "2 flows", VIEW_FLOWS },
	{ "3 talkers", VIEW_TALKERS },
	{ "4 protocols", VIEW_PROTOCOLS },
};
#define BAR_GAP		2	/* spaces between two items */
static const char bar_rest[] = "/ filter  ^F search  w save  "
    "space pause  Enter open  Esc back  ? help  q quit";

/* The view whose name the bottom line shows at column x, or -1. */
int
ui_bar_view_at(struct ui *u, int x)
{
	size_t i;
	int col = 0, len;

	if (u->input != INPUT_NONE || u->message[0] != '\0')
		return -1;
	for (i = 0; i < sizeof bar_views / sizeof bar_views[0]; i++) {
		len = (int)strlen(bar_views[i].label);
		if (x >= col && x < col + len)
			return (int)bar_views[i].view;
		col += len + BAR_GAP;
	}
	return -1;
}

/* The bottom line: the input being typed, a message, or key hints. */
static void
bottom_draw(struct ui *u, WINDOW *w)
{
	char prompt[512];
	size_t i;
	int col = 0;

	werase(w);
	u->bar_rect = (struct ui_rect){ getbegy(w), getbegx(w), 1, u->cols };
	if (u->input == INPUT_SAVE_WHAT || u->input == INPUT_SAVE_CONFIRM) {
		save_prompt(u, prompt, sizeof prompt);
		ui_text(w, 0, 0, prompt, u->cols);
		return;
	}
	if (u->input != INPUT_NONE) {
		if (u->input == INPUT_SAVE)
			save_prompt(u, prompt, sizeof prompt);
		else
			snprintf(prompt, sizeof prompt, "%s",
			    u->input != INPUT_FILTER ?
			    "search (text, hex bytes or a filter): " :
			    u->view == VIEW_FLOWS ? "flow filter: " :
			    u->view == VIEW_TALKERS ? "talker filter: " :
			    "display filter: ");
		u->line[u->line_len] = '\0';
		col = ui_text(w, 0, 0, prompt, u->cols);
		ui_text(w, 0, col, u->line, u->cols - col);
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
	for (i = 0; i < sizeof bar_views / sizeof bar_views[0]; i++) {
		wattrset(w, bar_views[i].view == u->view ? A_BOLD : A_DIM);
		col += ui_text(w, 0, col, bar_views[i].label, u->cols - col);
		col += BAR_GAP;
		if (col >= u->cols)
			break;
	}
	wattrset(w, A_DIM);
	if (col < u->cols)
		ui_text(w, 0, col, bar_rest, u->cols - col);
	wattrset(w, A_NORMAL);
}

/* A flow as the breadcrumb says it: proto a:p <-> b:q. */
static void
crumb_flow(const struct flow_view *f, char *buf, size_t size)
{
	char a[64], b[64];

	addr_format(f->ipver == 6 ? FT_IPV6 : FT_IPV4, f->src, a, sizeof a);
	addr_format(f->ipver == 6 ? FT_IPV6 : FT_IPV4, f->dst, b, sizeof b);
	snprintf(buf, size, f->ipver == 6 ? "%s [%s]:%u <-> [%s]:%u" :
	    "%s %s:%u <-> %s:%u", ipproto_stats_name(f->proto), a, f->sport,
	    b, f->dport);
}

/*
 * The breadcrumb of a drill-down (talkers > 10.0.0.1 > tcp ... > packet
 * 812), or "" when the user is at a top view.
 */
static void
breadcrumb(struct ui *u, char *buf, size_t size)
{
	static const char *const names[] = {
		[VIEW_PACKETS] = "packets", [VIEW_FLOWS] = "flows",
		[VIEW_TALKERS] = "talkers", [VIEW_PROTOCOLS] = "protocols",
		[VIEW_FOLLOW] = "stream",
	};
	char part[160];
	size_t i, len;

	buf[0] = '\0';
	if (u->nback == 0)
		return;
	len = (size_t)snprintf(buf, size, "%s", names[u->back[0]]);
	for (i = 1; i <= u->nback && len < size; i++) {
		enum ui_view v = i < u->nback ? u->back[i] : u->view;

		part[0] = '\0';
		if (v == VIEW_FLOWS && u->talker_flows)
			addr_format(u->talker_ver == 6 ? FT_IPV6 : FT_IPV4,
			    u->talker_addr, part, sizeof part);
		else if (v == VIEW_PACKETS && u->flow_only)
			crumb_flow(&u->flow_sel, part, sizeof part);
		else
			snprintf(part, sizeof part, "%s", names[v]);
		len += (size_t)snprintf(buf + len, size - len, " > %s", part);
	}
	if (u->view == VIEW_PACKETS && u->detail != NULL && len < size)
		snprintf(buf + len, size - len, " > packet %llu",
		    (unsigned long long)detail_number(u->detail));
}

/* Draw one whole frame into the off-screen buffers, then update once;
   returns what was drawn (for the frame statistics). */
static const char *
draw_frame(struct ui *u)
{
	const struct ui_view_ops *view = ui_view_of(u->view);
	WINDOW *status, *main_w, *bottom;
	char crumbs[512], line[600];
	const char *what;
	int top;

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
	    u->detail != NULL ? "detail" : view->name;
	/* Under the status line: a warning about the source until it is
	   dismissed, then the breadcrumb of a drill-down. */
	breadcrumb(u, crumbs, sizeof crumbs);
	top = 1;
	if (u->warning[0] != '\0') {
		snprintf(line, sizeof line, "[x] %s", u->warning);
		attrset(u->colors ? COLOR_PAIR(C_ERROR) | A_BOLD : A_BOLD);
		ui_text(stdscr, top++, 0, line, u->cols);
		attrset(A_NORMAL);
	}
	if (crumbs[0] != '\0') {
		attrset(A_BOLD);
		ui_text(stdscr, top++, 0, crumbs, u->cols);
		attrset(A_NORMAL);
	}
	wnoutrefresh(stdscr);
	status = newwin(1, u->cols, 0, 0);
	main_w = newwin(u->rows - 1 - top, u->cols, top, 0);
	bottom = newwin(1, u->cols, u->rows - 1, 0);
	if (status == NULL || main_w == NULL || bottom == NULL)
		fatal("cannot create curses windows");
	status_draw(u, status);
	if (u->show_help)
		help_draw(u, main_w);
	else
		view->draw(u, main_w);
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

/* The calling thread's CPU time in nanoseconds. */
static int64_t
thread_cpu_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
		return 0;
	return (int64_t)ts.tv_sec * NS_PER_SEC + ts.tv_nsec;
}

/* One frame: copy from the model, draw, and time it. */
static void
frame(struct ui *u)
{
	const char *what;
	int64_t t0, t1, c0 = 0;

	if (u->frame_stats != NULL)
		c0 = thread_cpu_ns();
	t0 = u->now = mono_ns();
	if (u->redraw_at != 0 && u->redraw_at <= t0)
		u->redraw_at = 0;
	refresh_snapshot(u);
	what = draw_frame(u);
	worker_kick(u->worker);
	if (u->frame_stats != NULL) {
		t1 = mono_ns();
		fprintf(u->frame_stats, "%s %lld %llu %llu %llu %lld\n", what,
		    (long long)((t1 - t0) / 1000),
		    (unsigned long long)u->live.packets,
		    (unsigned long long)u->live.dropped,
		    (unsigned long long)ui_shown_count(u),
		    (long long)((thread_cpu_ns() - c0) / 1000));
	}
}

/* Milliseconds from now until t, rounded up (poll()'s timeout). */
static int
ms_until(int64_t now, int64_t t)
{
	return t > now ? (int)((t - now + NS_PER_MS - 1) / NS_PER_MS) : 0;
}

/*
 * How long the loop may sleep: not at all while a display filter or a
 * search has work, until the next frame when one is wanted, until a view's redraw
 * time, else until something wakes it (-1).
 */
static int
loop_wait(struct ui *u, bool dirty, int64_t next_frame)
{
	int64_t t = mono_ns();

	if (shown_pending(u) || search_pending(u))
		return 0;
	if (dirty)
		return ms_until(t, next_frame);
	if (u->redraw_at != 0)
		return ms_until(t, u->redraw_at);
	return -1;
}

/* Read what was typed (and a pending KEY_RESIZE); true if any key. */
static bool
loop_keys(struct ui *u, bool typed)
{
	bool any = false;
	int key;

	/* A wakeup that was not the keyboard may still be a resize, which
	   getch() returns at once; typed keys may end in an escape
	   sequence whose rest is a few ms behind (a held key must not hold
	   the frame back either). */
	timeout(typed ? KEY_WAIT_MS : 0);
	while (!u->quit && (key = getch()) != ERR) {
		keys_handle(u, key);
		any = true;
		timeout(KEY_WAIT_MS);
	}
	return any;
}

/* Empty a non-blocking descriptor. */
static void
drain(int fd)
{
	char buf[64];

	while (read(fd, buf, sizeof buf) > 0)
		;
}

/*
 * The loop.  Frames: at once after a key (the user waits for it), else at
 * most one every FRAME_MS while the model changes, and none while nothing
 * does (redraw_at wakes it for rates decaying to zero and stale copies).
 * While a frame is due anyway, the feeder's wakeups are not listened to:
 * the loop wakes at most once per frame for them.
 */
static void
loop_run(struct ui *u)
{
	struct model_totals tot;
	struct pollfd fds[3];
	uint64_t gen = 0, g, seen = 0;
	int64_t t, next_frame = 0;
	bool dirty = true, keyed = true, urgent, typed, fed;
	int nfds, n;

	while (!u->quit && !term_stopped()) {
		fds[0] = (struct pollfd){ .fd = term_fd(), .events = POLLIN };
		fds[1] = (struct pollfd){ .fd = u->wake[0], .events = POLLIN };
		fds[2] = (struct pollfd){ .fd = feed_wake_fd(u->feed),
		    .events = POLLIN };
		nfds = dirty ? 2 : 3;
		n = poll(fds, (nfds_t)nfds, loop_wait(u, dirty, next_frame));
		if (n < 0 && errno != EINTR)
			fatal("poll: %s", strerror(errno));
		typed = n > 0 && fds[0].revents != 0;
		if (n > 0 && fds[1].revents != 0)
			drain(u->wake[0]);
		fed = nfds == 3 && n > 0 && fds[2].revents != 0;
		if (fed)
			feed_wake_ack(u->feed);
		if ((typed || (n > 0 && fds[1].revents != 0)) &&
		    loop_keys(u, typed))
			keyed = true;
		if (u->quit || term_stopped())
			break;
		if (shown_pending(u) && shown_step(u, MATCH_SLICE_NS))
			dirty = true;
		/* A search past its budget goes on the same way, between
		   frames (a moved selection stops it). */
		if (search_pending(u)) {
			search_step(u, MATCH_SLICE_NS);
			dirty = true;
		}
		model_lock(u->m);
		g = model_generation(u->m);
		model_totals(u->m, &tot);
		model_unlock(u->m);
		/* A finished copy: drawn at once if the view waits for it
		   (a new sort, more rows) or no packet came since the last
		   frame (a clock tick's copy: one wakeup, not two), else with
		   the next frame. */
		if (worker_poll(u->worker, &urgent)) {
			dirty = true;
			if (urgent || tot.packets == seen)
				keyed = true;
		}
		/* A clock tick without packets (live, idle) changes only
		   the views that show times and rates. */
		if (g != gen) {
			gen = g;
			if (tot.packets != seen || u->view == VIEW_FLOWS ||
			    u->view == VIEW_TALKERS || u->pps != 0)
				dirty = true;
		} else if (fed)
			dirty = true;	/* the status: loaded, drops, a notice */
		/* A name the resolver found: shown with the next frame. */
		if (resolver_fresh())
			dirty = true;
		t = mono_ns();
		if (u->redraw_at != 0 && t >= u->redraw_at)
			dirty = true;
		if (keyed || (dirty && t >= next_frame)) {
			frame(u);
			seen = u->live.packets;
			next_frame = t + FRAME_NS;
			dirty = keyed = false;
		}
	}
}

/* Run the UI on the model the feeder fills; see ui.h. */
int
ui_run(const struct options *o, struct model *m, struct feed *f)
{
	struct ui u;

	memset(&u, 0, sizeof u);
	u.o = o;
	u.m = m;
	u.feed = f;
	u.source_name = feed_source_name(f);
	u.is_live = feed_is_live(f);
	u.link = feed_link(f);
	u.snaplen = feed_snaplen(f);
	/* Live, the list follows the newest packet; a file opens at its
	   first.  A file's addresses go to no resolver unless asked (n). */
	u.follow = u.is_live;
	u.resolve = o->resolve && u.is_live;
	u.mouse = o->mouse;
	u.port_names = true;
	model_lock(m);
	u.indexed = model_indexed(m, NULL);
	model_unlock(m);
	if (!u.is_live && !u.indexed)
		ui_message(&u, false, "%s cannot be read again: the ring "
		    "keeps its newest packets (--ring)", u.source_name);
	if (pipe2(u.wake, O_CLOEXEC | O_NONBLOCK) != 0)
		fatal("cannot make a pipe: %s", strerror(errno));
	if (o->display_filter != NULL)
		shown_filter(&u, o->display_filter);
	if (o->flow_filter != NULL)
		ui_rows_filter_set(&u, VIEW_FLOWS, o->flow_filter);
	term_start(&u, u.wake[1]);
	resolver_set_wake(u.wake[1]);
	u.worker = worker_start(m, u.wake[1]);

	loop_run(&u);

	term_stop();
	worker_stop(u.worker);
	u.worker = NULL;
	resolver_stop();
	if (u.detail != NULL)
		detail_close(u.detail);
	filter_free(u.display);
	free(u.match);
	free(u.marks);
	ui_save_cleanup();
	close(u.wake[0]);
	close(u.wake[1]);
	return 0;
}
