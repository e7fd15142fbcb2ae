/*
 * The talkers view: one row per address with its traffic each way, rate,
 * flow count and a sparkline of the last seconds; Enter shows its flows.
 * As in the flows view, only the rows down to the bottom of the screen are
 * copied (top-N), by the snapshot thread, and frames draw the newest
 * finished copy.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/resolver.h"
#include "ui/views.h"
#include "util.h"

#define COPY_ROUND	64	/* rows copied beyond the screen, rounded */

/* What a copy is of. */
struct talkers_req {
	enum ui_sort	 sort;
	bool		 reverse;
	size_t		 want;		/* rows */
};

/* A finished copy: the first rows of the table in the request's order. */
struct talkers_copy {
	struct talkers_req req;
	struct talker_view *v;
	size_t		 cap, n, total;
	uint64_t	 gen;		/* the model's generation copied */
	int64_t		 at, cost;	/* when it was made, how long it took */
	bool		 valid;
};

/* The snapshot thread's job: the request and the copy it fills. */
struct talkers_job {
	struct ui_job	 job;		/* first: run() gets its address */
	struct talkers_req req;
	struct talkers_copy copy;
};

static struct talkers_job tj;		/* out, or idle with nothing in it */
static bool tj_out;			/* posted and not taken back yet */
static struct talkers_copy front;	/* what frames draw */

/* The request model_talkers() compares under: it takes no argument, and
   only the snapshot thread sorts. */
static _Thread_local const struct talkers_req *cmp_req;

/* Order two talkers by the request's sort key, largest first. */
static int
talker_cmp(const struct talker_view *a, const struct talker_view *b)
{
	double x, y;
	int r;

	switch (cmp_req->sort) {
	case SORT_PACKETS:
		x = (double)(a->tx_packets + a->rx_packets);
		y = (double)(b->tx_packets + b->rx_packets);
		break;
	case SORT_RATE:
		x = a->rate[0];
		y = b->rate[0];
		break;
	case SORT_LAST:
		x = (double)a->history[15];
		y = (double)b->history[15];
		break;
	default:
		x = (double)(a->tx_bytes + a->rx_bytes);
		y = (double)(b->tx_bytes + b->rx_bytes);
		break;
	}
	r = x > y ? -1 : x < y ? 1 : 0;
	return cmp_req->reverse ? -r : r;
}

/* A sparkline of 16 one-second byte counts, scaled to the largest
   (ASCII when the terminal cannot show UTF-8). */
static void
sparkline(const uint64_t *h, bool utf8, char *buf, size_t size)
{
	static const char *const ubars[] = { " ", "▁", "▂", "▃", "▄", "▅",
		"▆", "▇", "█" };
	static const char *const abars[] = { " ", ".", ":", "-", "=", "+",
		"*", "#", "@" };
	const char *const *bars = utf8 ? ubars : abars;
	uint64_t max = 0;
	size_t used = 0;
	int i, level;

	for (i = 0; i < 16; i++)
		if (h[i] > max)
			max = h[i];
	buf[0] = '\0';
	for (i = 0; i < 16; i++) {
		level = max ? (int)((h[i] * 8 + max - 1) / max) : 0;
		used += (size_t)snprintf(buf + used, size - used, "%s",
		    bars[level]);
		if (used >= size)
			break;
	}
}

/* On the snapshot thread: copy the rows the request wants. */
static void
talkers_run(struct ui_job *j, struct model *m)
{
	struct talkers_job *job = (struct talkers_job *)j;
	const struct talkers_req *r = &job->req;
	struct talkers_copy *c = &job->copy;
	int64_t t0;

	if (r->want > c->cap) {
		c->v = xrealloc(c->v, r->want * sizeof *c->v);
		c->cap = r->want;
	}
	cmp_req = r;
	t0 = ui_now_ns();
	model_lock(m);
	c->total = model_talker_count(m);
	c->n = model_talkers(m, c->v, r->want, talker_cmp);
	c->gen = model_generation(m);
	model_unlock(m);
	c->at = ui_now_ns();
	c->cost = c->at - t0;
	cmp_req = NULL;
	c->req = *r;
	c->valid = true;
}

/* Take a finished copy back as the one drawn. */
static bool
talkers_take(struct ui *u)
{
	struct talkers_copy t;

	if (!tj_out || !ui_job_take(u, &tj.job))
		return false;
	tj_out = false;
	t = front;
	front = tj.copy;
	tj.copy = t;		/* its buffer, for the next job */
	return true;
}

/*
 * Make sure a copy with the first need rows is drawn or on its way (as
 * flows_copy() does for the flows view).
 */
static void
talkers_copy(struct ui *u, size_t need)
{
	struct talkers_req r;
	bool more, same, urgent;

	talkers_take(u);
	memset(&r, 0, sizeof r);
	r.sort = u->sort;
	r.reverse = u->sort_reverse;
	r.want = (need / COPY_ROUND + 2) * COPY_ROUND;
	more = front.valid && front.n == front.req.want;
	same = front.valid && front.req.sort == r.sort &&
	    front.req.reverse == r.reverse;
	if (!same || (more && need > front.req.want))
		urgent = true;
	else if ((more && need + COPY_ROUND > front.req.want) ||
	    ui_copy_due(u, front.gen, front.at, front.cost))
		urgent = false;
	else
		return;
	if (tj_out) {
		if (urgent)
			ui_job_hurry(u, &tj.job);
		return;
	}
	tj.job.run = talkers_run;
	tj.req = r;
	ui_job_post(u, &tj.job, urgent);
	tj_out = true;
}

/* Draw the talkers view into w. */
void
talkers_draw(struct ui *u, WINDOW *w)
{
	static const char *const sort_names[] = { "bytes", "packets", "rate",
		"last second" };
	int height = getmaxy(w), width = getmaxx(w), y, aw;
	size_t count, nrows, i, page;
	char line[512], host[128], tx[16], rx[16], rate[16], spark[80];
	char num[24];

	werase(w);
	page = height > 2 ? (size_t)height - 2 : 1;
	talkers_copy(u, u->talkers_scroll.top + page);
	scroll_fit(&u->talkers_scroll, front.valid ? front.total : 0, page);
	if (front.valid && u->talkers_scroll.top + page > front.n &&
	    front.n < front.total)
		talkers_copy(u, u->talkers_scroll.top + page);
	/* The copy may have changed in talkers_copy(): look again. */
	count = front.valid ? front.total : 0;
	nrows = front.valid ? front.n : 0;
	scroll_fit(&u->talkers_scroll, count, page);
	/* The address column gives way on narrow terminals. */
	aw = width >= 120 ? 40 : width - 80 > 15 ? width - 80 : 15;
	wattron(w, A_BOLD);
	if (front.valid)
		snprintf(num, sizeof num, "%zu", count);
	else
		snprintf(num, sizeof num, "...");
	mvwprintw(w, 0, 0, "Talkers: %s  sort: %s%s  (Enter: its flows)",
	    num, sort_names[u->sort], u->sort_reverse ? " (reversed)" : "");
	mvwprintw(w, 1, 0, "%-*s %9s %9s %8s %8s %10s %5s  %s", aw, "Address",
	    "Tx bytes", "Rx bytes", "Tx pkts", "Rx pkts", "Rate 2s", "Flows",
	    "Last 16 s");
	wattrset(w, A_NORMAL);
	for (i = u->talkers_scroll.top, y = 2; i < nrows && y < height;
	    i++, y++) {
		const struct talker_view *t = &front.v[i];

		addr_format(t->ipver == 6 ? FT_IPV6 : FT_IPV4, t->addr, host,
		    sizeof host);
		if (u->resolve)
			resolver_name(t->ipver, t->addr, host, sizeof host);
		human(tx, sizeof tx, (double)t->tx_bytes, "B");
		human(rx, sizeof rx, (double)t->rx_bytes, "B");
		human(rate, sizeof rate, t->rate[0] * 8, "b/s");
		sparkline(t->history, u->utf8, spark, sizeof spark);
		snprintf(line, sizeof line, "%-*.*s %9s %9s %8llu %8llu %10s "
		    "%5u  %s", aw, aw, host, tx, rx,
		    (unsigned long long)t->tx_packets,
		    (unsigned long long)t->rx_packets, rate, t->flows, spark);
		if (i == u->talkers_scroll.sel)
			wattron(w, A_REVERSE);
		mvwaddnstr(w, y, 0, line, width);
		wattrset(w, A_NORMAL);
	}
	if (!front.valid)
		mvwaddnstr(w, 2, 0, "reading the talker table...", width);
	else if (count == 0)
		mvwaddnstr(w, 2, 0, "no IP traffic yet", width);
	/* Remember the selected talker for Enter. */
	if (u->talkers_scroll.sel < nrows) {
		u->talker_ver = front.v[u->talkers_scroll.sel].ipver;
		memcpy(u->talker_addr, front.v[u->talkers_scroll.sel].addr,
		    16);
		u->talker_nflows = front.v[u->talkers_scroll.sel].flows;
	}
}

/* Keys of the talkers view: movement, and Enter for a talker's flows. */
bool
talkers_key(struct ui *u, int key)
{
	size_t count = front.valid ? front.total : 0;
	size_t page = u->rows > 5 ? (size_t)u->rows - 5 : 1;

	switch (key) {
	case KEY_UP: case 'k': case KEY_DOWN: case 'j':
	case KEY_PPAGE: case KEY_NPAGE: case KEY_HOME: case KEY_END:
		scroll_key(&u->talkers_scroll, key, count, page);
		return true;
	case '\n':
	case '\r':
	case KEY_ENTER:
		if (count == 0 || u->talker_ver == 0)
			return true;
		u->talker_flows = true;
		u->flows_scroll.sel = u->flows_scroll.top = 0;
		u->view = VIEW_FLOWS;
		return true;
	}
	return false;
}
