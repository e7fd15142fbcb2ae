/*
 * The talkers view: one row per address with its traffic each way, rate,
 * flow count and a sparkline of the last seconds; Enter shows its flows.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/resolver.h"
#include "ui/views.h"
#include "util.h"

static enum ui_sort cmp_sort;
static bool cmp_reverse;

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

void
talkers_draw(struct ui *u, WINDOW *w)
{
	int height = getmaxy(w), width = getmaxx(w), y;
	size_t count, want, got, i, page;
	struct talker_view *tv;
	char line[512], host[128], tx[16], rx[16], rate[16], spark[80];

	werase(w);
	page = height > 2 ? (size_t)height - 2 : 1;
	cmp_sort = u->sort;
	cmp_reverse = u->sort_reverse;
	model_lock(u->m);
	count = model_talker_count(u->m);
	want = u->talkers_scroll.top + page;
	if (want > count)
		want = count;
	tv = xcalloc(want ? want : 1, sizeof *tv);
	got = model_talkers(u->m, tv, want, talker_cmp);
	model_unlock(u->m);
	scroll_fit(&u->talkers_scroll, count, page);
	wattron(w, A_BOLD);
	mvwprintw(w, 0, 0, "Talkers: %zu  sort: %s%s  (Enter: its flows)",
	    count, (const char *[]){ "bytes", "packets", "rate",
	    "last seen" }[u->sort], u->sort_reverse ? " (reversed)" : "");
	mvwprintw(w, 1, 0, "%-40s %9s %9s %8s %8s %10s %5s  %s", "Address",
	    "Tx bytes", "Rx bytes", "Tx pkts", "Rx pkts", "Rate 2s", "Flows",
	    "Last 16 s");
	wattrset(w, A_NORMAL);
	for (i = u->talkers_scroll.top, y = 2; i < got && y < height;
	    i++, y++) {
		const struct talker_view *t = &tv[i];

		addr_format(t->ipver == 6 ? FT_IPV6 : FT_IPV4, t->addr, host,
		    sizeof host);
		if (u->resolve)
			resolver_name(t->ipver, t->addr, host, sizeof host);
		human(tx, sizeof tx, (double)t->tx_bytes, "B");
		human(rx, sizeof rx, (double)t->rx_bytes, "B");
		human(rate, sizeof rate, t->rate[0] * 8, "b/s");
		sparkline(t->history, u->utf8, spark, sizeof spark);
		snprintf(line, sizeof line, "%-40.40s %9s %9s %8llu %8llu %10s "
		    "%5u  %s", host, tx, rx,
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
	if (u->talkers_scroll.sel < got) {
		u->talker_ver = tv[u->talkers_scroll.sel].ipver;
		memcpy(u->talker_addr, tv[u->talkers_scroll.sel].addr, 16);
	}
	free(tv);
}

bool
talkers_key(struct ui *u, int key)
{
	size_t count, page = u->rows > 5 ? (size_t)u->rows - 5 : 1;

	model_lock(u->m);
	count = model_talker_count(u->m);
	model_unlock(u->m);
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
