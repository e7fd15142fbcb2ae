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
#include "ui/text.h"
#include "ui/views.h"
#include "util.h"

/* A talker's value for a sort key. */
static double
talker_key(enum ui_sort s, const struct talker_view *t)
{
	switch (s) {
	case SORT_PACKETS:
		return (double)(t->tx_packets + t->rx_packets);
	case SORT_RATE:
		return t->rate[0];
	case SORT_LAST:
		return (double)t->history[15];
	default:
		return (double)(t->tx_bytes + t->rx_bytes);
	}
}

/* Order two talkers by the sort key of request arg, largest first. */
static int
talker_cmp(const struct talker_view *a, const struct talker_view *b,
    void *arg)
{
	const struct ui_rows_req *r = arg;

	return ui_rows_order(talker_key(r->sort, a), talker_key(r->sort, b),
	    r->reverse);
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

/* Under the model's lock: the talkers r wants. */
static size_t
talkers_fill(const struct ui_rows_req *r, struct model *m, void *v,
    size_t *total)
{
	*total = model_talker_count(m);
	return model_talkers(m, v, r->want, talker_cmp, (void *)r);
}

/* The talkers drawn, and the job that copies the next ones. */
static struct ui_rows rows = { .job.run = ui_rows_run,
	.size = sizeof(struct talker_view), .fill = talkers_fill };

/* Draw the talkers view into w. */
static void
talkers_draw(struct ui *u, WINDOW *w)
{
	static const char *const sort_names[] = { "bytes", "packets", "rate",
		"last second" };
	int height = getmaxy(w), width = getmaxx(w), y, aw;
	size_t count, nrows, i, page;
	char line[512], host[128], tx[16], rx[16], rate[16], spark[80];
	char num[24];
	struct ui_rows_req r;
	const struct talker_view *v;
	bool fits;

	werase(w);
	page = height > 2 ? (size_t)height - 2 : 1;
	ui_rows_req(u, false, &r);
	fits = ui_rows_frame(u, &rows, &r, &u->talkers_scroll, page);
	v = rows.front.v;
	count = fits ? rows.front.total : 0;
	nrows = fits ? rows.front.n : 0;
	/* The address column gives way on narrow terminals. */
	aw = width >= 120 ? 40 : width - 80 > 15 ? width - 80 : 15;
	wattron(w, A_BOLD);
	if (fits)
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
		const struct talker_view *t = &v[i];

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
		ui_text(w, y, 0, line, width);
		wattrset(w, A_NORMAL);
	}
	if (!fits)
		mvwaddnstr(w, 2, 0, "reading the talker table...", width);
	else if (count == 0)
		mvwaddnstr(w, 2, 0, "no IP traffic yet", width);
	/* Remember the selected talker for Enter. */
	if (u->talkers_scroll.sel < nrows) {
		u->talker_ver = v[u->talkers_scroll.sel].ipver;
		memcpy(u->talker_addr, v[u->talkers_scroll.sel].addr, 16);
		u->talker_nflows = v[u->talkers_scroll.sel].flows;
	}
}

/* Keys of the talkers view: movement, and Enter for a talker's flows. */
static bool
talkers_key(struct ui *u, int key)
{
	size_t count = rows.front.valid ? rows.front.total : 0;
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

const struct ui_view_ops view_talkers = { "talkers", talkers_draw, talkers_key };
