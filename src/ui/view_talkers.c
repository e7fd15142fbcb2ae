/*
 * The talkers view: one row per address with its traffic each way, rate,
 * flow count and a sparkline of the last seconds; Enter shows its flows.
 * As in the flows view, only the rows down to the bottom of the screen are
 * copied (top-N), and the copy is kept between frames.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/resolver.h"
#include "ui/views.h"
#include "util.h"

#define COPY_ROUND	64	/* rows copied beyond the screen, rounded */

/* The comparison model_talkers() uses: statics, as it takes no argument. */
static enum ui_sort cmp_sort;
static bool cmp_reverse;

/* The rows copied for the last frames. */
static struct {
	struct talker_view *v;
	size_t		 cap, n, want, total;
	enum ui_sort	 sort;
	bool		 reverse, valid;
	uint64_t	 gen;
	int64_t		 at, cost;
} tc;

/* Monotonic nanoseconds. */
static int64_t
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Order two talkers by the view's sort key, largest first. */
static int
talker_cmp(const struct talker_view *a, const struct talker_view *b)
{
	double x, y;
	int r;

	switch (cmp_sort) {
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
	return cmp_reverse ? -r : r;
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

/* Copy the top rows again if the ones kept do not fit this frame. */
static void
talkers_copy(struct ui *u, size_t need)
{
	size_t want;
	int64_t t0;
	bool same;

	same = tc.valid && tc.sort == u->sort && tc.reverse == u->sort_reverse;
	if (same && (need <= tc.want || tc.n < tc.want) &&
	    !ui_copy_due(u, tc.gen, tc.at, tc.cost))
		return;
	want = (need + COPY_ROUND) / COPY_ROUND * COPY_ROUND;
	if (want > tc.cap) {
		tc.v = xrealloc(tc.v, want * sizeof *tc.v);
		tc.cap = want;
	}
	cmp_sort = u->sort;
	cmp_reverse = u->sort_reverse;
	t0 = mono_ns();
	model_lock(u->m);
	tc.total = model_talker_count(u->m);
	tc.n = model_talkers(u->m, tc.v, want, talker_cmp);
	tc.gen = model_generation(u->m);
	model_unlock(u->m);
	tc.at = mono_ns();
	tc.cost = tc.at - t0;
	tc.want = want;
	tc.sort = u->sort;
	tc.reverse = u->sort_reverse;
	tc.valid = true;
}

/* Draw the talkers view into w. */
void
talkers_draw(struct ui *u, WINDOW *w)
{
	static const char *const sort_names[] = { "bytes", "packets", "rate",
		"last second" };
	int height = getmaxy(w), width = getmaxx(w), y, aw;
	size_t count, i, page;
	char line[512], host[128], tx[16], rx[16], rate[16], spark[80];

	werase(w);
	page = height > 2 ? (size_t)height - 2 : 1;
	talkers_copy(u, u->talkers_scroll.top + page);
	count = tc.total;
	scroll_fit(&u->talkers_scroll, count, page);
	if (u->talkers_scroll.top + page > tc.n && tc.n < count)
		talkers_copy(u, u->talkers_scroll.top + page);
	/* The address column gives way on narrow terminals. */
	aw = width >= 120 ? 40 : width - 80 > 15 ? width - 80 : 15;
	wattron(w, A_BOLD);
	mvwprintw(w, 0, 0, "Talkers: %zu  sort: %s%s  (Enter: its flows)",
	    count, sort_names[u->sort], u->sort_reverse ? " (reversed)" : "");
	mvwprintw(w, 1, 0, "%-*s %9s %9s %8s %8s %10s %5s  %s", aw, "Address",
	    "Tx bytes", "Rx bytes", "Tx pkts", "Rx pkts", "Rate 2s", "Flows",
	    "Last 16 s");
	wattrset(w, A_NORMAL);
	for (i = u->talkers_scroll.top, y = 2; i < tc.n && y < height;
	    i++, y++) {
		const struct talker_view *t = &tc.v[i];

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
	if (count == 0)
		mvwaddnstr(w, 2, 0, "no IP traffic yet", width);
	/* Remember the selected talker for Enter. */
	if (u->talkers_scroll.sel < tc.n) {
		u->talker_ver = tc.v[u->talkers_scroll.sel].ipver;
		memcpy(u->talker_addr, tc.v[u->talkers_scroll.sel].addr, 16);
		u->talker_nflows = tc.v[u->talkers_scroll.sel].flows;
	}
}

/* Keys of the talkers view: movement, and Enter for a talker's flows. */
bool
talkers_key(struct ui *u, int key)
{
	size_t count = tc.valid ? tc.total : 0;
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
