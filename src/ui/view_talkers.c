/*
 * The talkers view: one row per address with its traffic each way, rates
 * (2 s, 10 s, 40 s from 120 columns on), the busiest of its last 16
 * complete seconds, flow count and a sparkline of them; a bar behind each
 * row (underlined) is its 2 s rate against the top visible one, and the
 * footer adds up every flow as the flows view's does.  The address column
 * is as wide as the widest visible address, an ellipsis where cut.  Enter
 * shows its flows (Esc there comes back).
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

/* The snapshot thread's: the row filter compiled, and every talker in
   order for it to look at. */
static struct ui_rows_filter row_filter;
static struct talker_view *all;
static size_t all_cap;

/* Under the model's lock: the talkers r wants; through a row filter,
   the first that match of every talker copied in order (*total: how
   many match). */
static size_t
talkers_fill(const struct ui_rows_req *r, struct model *m, void *v,
    size_t *total)
{
	struct talker_view *out = v;
	struct rowfilter *rf;
	size_t count, n, i, k = 0;

	count = model_talker_count(m);
	if (r->filter[0] == '\0') {
		*total = count;
		return model_talkers(m, v, r->want, talker_cmp, (void *)r);
	}
	*total = 0;
	if ((rf = ui_rows_filter(&row_filter, r, ROWS_TALKERS)) == NULL ||
	    count == 0)
		return 0;
	if (count > all_cap) {
		all = xrealloc(all, count * sizeof *all);
		all_cap = count;
	}
	n = model_talkers(m, all, count, talker_cmp, (void *)r);
	for (i = 0; i < n; i++) {
		if (!rowfilter_match_talker(rf, &all[i]))
			continue;
		if (k < r->want)
			out[k] = all[i];
		k++;
	}
	*total = k;
	return k < r->want ? k : r->want;
}

/* On the snapshot thread: the talkers, then the footer's sums. */
static void
talkers_run(struct ui_job *j, struct model *m)
{
	ui_rows_run(j, m);
	flows_footer_take(m, false, 0, NULL);
}

/* The talkers drawn, and the job that copies the next ones. */
static struct ui_rows rows = { .job.run = talkers_run,
	.size = sizeof(struct talker_view), .fill = talkers_fill };

/* Rows of the list the last frame had (for the page keys). */
static size_t last_page = 1;

#define FOOTER_ROWS	4
#define ADDR_MAX	39	/* an IPv6 address */
#define ADDR_MIN	12

/* The busiest of a talker's last 16 complete seconds, bytes. */
static double
talker_peak(const struct talker_view *t)
{
	uint64_t max = 0;
	int i;

	for (i = 0; i < 16; i++)
		if (t->history[i] > max)
			max = t->history[i];
	return (double)max;
}

/* The columns a layout can have. */
enum tcol {
	TC_TXB, TC_RXB, TC_TXP, TC_RXP, TC_R2, TC_R10, TC_R40, TC_PEAK,
	TC_FLOWS, TC_SPARK, TC_MAX
};

static const struct {
	const char	*head;
	int		 w;
} tcols[TC_MAX] = {
	[TC_TXB] = { "Tx bytes", 8 }, [TC_RXB] = { "Rx bytes", 8 },
	[TC_TXP] = { "Tx pkts", 7 }, [TC_RXP] = { "Rx pkts", 7 },
	[TC_R2] = { "b/s 2s", 7 }, [TC_R10] = { "10s", 7 },
	[TC_R40] = { "40s", 7 }, [TC_PEAK] = { "Peak16s", 7 },
	[TC_FLOWS] = { "Flows", 5 }, [TC_SPARK] = { "Last 16 s", 16 },
};

#define L(c)	(1u << (c))
/* Column sets, richest first; narrow: allowed under 120 columns only. */
static const struct {
	unsigned	 cols;
	bool		 narrow;
} layouts[] = {
	{ L(TC_TXB) | L(TC_RXB) | L(TC_TXP) | L(TC_RXP) | L(TC_R2) |
	    L(TC_R10) | L(TC_R40) | L(TC_PEAK) | L(TC_FLOWS) | L(TC_SPARK),
	    false },
	{ L(TC_TXB) | L(TC_RXB) | L(TC_R2) | L(TC_R10) | L(TC_R40) |
	    L(TC_PEAK) | L(TC_FLOWS) | L(TC_SPARK), false },
	{ L(TC_TXB) | L(TC_RXB) | L(TC_R2) | L(TC_R10) | L(TC_R40) |
	    L(TC_PEAK) | L(TC_FLOWS), false },
	{ L(TC_TXB) | L(TC_RXB) | L(TC_R2) | L(TC_PEAK) | L(TC_FLOWS) |
	    L(TC_SPARK), true },
	{ L(TC_TXB) | L(TC_RXB) | L(TC_R2) | L(TC_PEAK) | L(TC_FLOWS), true },
	{ L(TC_TXB) | L(TC_RXB) | L(TC_R2) | L(TC_PEAK), true },
};
#define NLAYOUTS	(sizeof layouts / sizeof layouts[0])

/* The columns of set cols. */
static int
layout_width(unsigned cols)
{
	int c, w = 0;

	for (c = 0; c < TC_MAX; c++)
		if (cols & L(c))
			w += (c == TC_SPARK ? 2 : 1) + tcols[c].w;
	return w;
}

/* The text of column c of talker t. */
static void
tcol_text(const struct ui *u, enum tcol c, const struct talker_view *t,
    char *buf, size_t size)
{
	switch (c) {
	case TC_TXB:
		human_short(buf, size, (double)t->tx_bytes);
		break;
	case TC_RXB:
		human_short(buf, size, (double)t->rx_bytes);
		break;
	case TC_TXP:
		human_short(buf, size, (double)t->tx_packets);
		break;
	case TC_RXP:
		human_short(buf, size, (double)t->rx_packets);
		break;
	case TC_R2:
	case TC_R10:
	case TC_R40:
		human_short(buf, size, t->rate[c - TC_R2] * 8);
		break;
	case TC_PEAK:
		human_short(buf, size, talker_peak(t) * 8);
		break;
	case TC_FLOWS:
		snprintf(buf, size, "%u", t->flows);
		break;
	case TC_SPARK:
		sparkline(t->history, u->utf8, buf, size);
		break;
	default:
		buf[0] = '\0';
	}
}

/* A talker's address (or name) in at most cols columns, an ellipsis
   where cut; cols 0: whole. */
static void
addr_text(const struct ui *u, const struct talker_view *t, int cols,
    char *buf, size_t size)
{
	const char *ell = u->utf8 ? "\xe2\x80\xa6" : "~";
	char host[160];
	int i;

	addr_format(t->ipver == 6 ? FT_IPV6 : FT_IPV4, t->addr, host,
	    sizeof host);
	if (u->resolve)
		resolver_name(t->ipver, t->addr, host, sizeof host);
	snprintf(buf, size, "%s", host);
	if (cols <= 0 || ui_text_width(buf) <= cols)
		return;
	for (i = (int)strlen(host); i > 0; i--) {
		if (((unsigned char)host[i] & 0xc0) == 0x80)
			continue;
		host[i] = '\0';
		if (ui_text_width(host) <= cols - 1)
			break;
	}
	snprintf(buf, size, "%s%s", host, ell);
}

/* Draw the talkers view into w. */
static void
talkers_draw(struct ui *u, WINDOW *w)
{
	static const char *const sort_names[] = { "bytes", "packets", "rate",
		"last second" };
	int height = getmaxy(w), width = getmaxx(w), by, bx, y, x, aw = 7, n;
	int li, c, bar;
	size_t count, nrows, i, page;
	char line[1024], host[256], cell[128], num[40];
	struct ui_rows_req r;
	const struct talker_view *v;
	unsigned cols;
	double top = 0;
	bool fits, footer;

	werase(w);
	getbegyx(w, by, bx);
	footer = height >= 2 + FOOTER_ROWS + 3;
	page = height - 2 - (footer ? FOOTER_ROWS : 0) > 0 ?
	    (size_t)(height - 2 - (footer ? FOOTER_ROWS : 0)) : 1;
	last_page = page;
	ui_rows_req(u, VIEW_TALKERS, &r);
	fits = ui_rows_frame(u, &rows, &r, &u->talkers_scroll, page);
	v = rows.front.v;
	count = fits ? rows.front.total : 0;
	nrows = fits ? rows.front.n : 0;
	if (fits)
		snprintf(num, sizeof num, "%zu%s", count,
		    r.filter[0] != '\0' ? " matching" : "");
	else
		snprintf(num, sizeof num, "...");
	snprintf(line, sizeof line, "Talkers: %s  sort: %s%s  (Enter: its "
	    "flows)%s%s", num, sort_names[u->sort], u->sort_reverse ?
	    " (reversed)" : "", r.filter[0] != '\0' ? "  filter: " : "",
	    r.filter);
	wattron(w, A_BOLD);
	ui_text_cut(w, 0, 0, line, width);
	wattrset(w, A_NORMAL);

	/* The address column: as wide as the widest visible. */
	for (i = u->talkers_scroll.top; i < nrows && i <
	    u->talkers_scroll.top + page; i++) {
		addr_text(u, &v[i], 0, host, sizeof host);
		if ((n = ui_text_width(host)) > aw)
			aw = n;
		if (v[i].rate[0] > top)
			top = v[i].rate[0];
	}
	if (aw > ADDR_MAX)
		aw = ADDR_MAX;
	for (li = 0; li < (int)NLAYOUTS; li++) {
		if (layouts[li].narrow && width >= 120)
			continue;
		if (aw + layout_width(layouts[li].cols) <= width)
			break;
	}
	if (li == (int)NLAYOUTS) {
		li = width >= 120 ? 2 : (int)NLAYOUTS - 1;
		aw = width - layout_width(layouts[li].cols);
		if (aw < ADDR_MIN)
			aw = ADDR_MIN;
	}
	cols = layouts[li].cols;

	n = snprintf(line, sizeof line, "%-*s", aw, "Address");
	for (c = 0; c < TC_MAX; c++)
		if (cols & L(c))
			n += snprintf(line + n, sizeof line - (size_t)n,
			    c == TC_SPARK ? "  %-*s" : " %*s", tcols[c].w,
			    tcols[c].head);
	wattron(w, A_BOLD);
	ui_text(w, 1, 0, line, width);
	wattrset(w, A_NORMAL);

	for (i = u->talkers_scroll.top, y = 2; i < nrows && y < 2 + (int)page;
	    i++, y++) {
		const struct talker_view *t = &v[i];
		int attr = i == u->talkers_scroll.sel ? A_REVERSE : A_NORMAL;

		wattrset(w, attr);
		mvwhline(w, y, 0, ' ', width);
		addr_text(u, t, aw, host, sizeof host);
		ui_text(w, y, 0, host, aw);
		x = aw;
		for (c = 0; c < TC_MAX && x < width; c++) {
			if (!(cols & L(c)))
				continue;
			tcol_text(u, (enum tcol)c, t, cell, sizeof cell);
			snprintf(line, sizeof line, c == TC_SPARK ? "  %-*s" :
			    " %*s", tcols[c].w, cell);
			ui_text(w, y, x, line, width - x);
			x += (c == TC_SPARK ? 2 : 1) + tcols[c].w;
		}
		bar = top > 0 ? (int)((double)width * t->rate[0] / top + 0.5) :
		    0;
		if (bar > 0)
			mvwchgat(w, y, 0, bar > width ? width : bar,
			    attr | A_UNDERLINE, 0, NULL);
		wattrset(w, A_NORMAL);
	}
	u->list_rect = (struct ui_rect){ by + 2, bx, (int)page, width };
	if (!fits)
		mvwaddnstr(w, 2, 0, "reading the talker table...", width);
	else if (count == 0 && r.filter[0] != '\0')
		mvwaddnstr(w, 2, 0, "no talkers match the filter (/ changes "
		    "it)", width);
	else if (count == 0)
		mvwaddnstr(w, 2, 0, "no IP traffic yet", width);
	/* Remember the selected talker for Enter. */
	if (u->talkers_scroll.sel < nrows) {
		u->talker_ver = v[u->talkers_scroll.sel].ipver;
		memcpy(u->talker_addr, v[u->talkers_scroll.sel].addr, 16);
		u->talker_nflows = v[u->talkers_scroll.sel].flows;
	}
	if (footer)
		flows_footer(u, w, height - FOOTER_ROWS, false);
}

/* Keys of the talkers view: movement, Enter for a talker's flows (Esc
   there comes back). */
static bool
talkers_key(struct ui *u, int key)
{
	size_t count = rows.front.valid ? rows.front.total : 0;

	switch (key) {
	case KEY_UP: case 'k': case KEY_DOWN: case 'j':
	case KEY_PPAGE: case KEY_NPAGE: case KEY_HOME: case KEY_END:
		scroll_key(&u->talkers_scroll, key, count, last_page);
		return true;
	case '\n':
	case '\r':
	case KEY_ENTER:
		if (count == 0 || u->talker_ver == 0)
			return true;
		u->talker_flows = true;
		u->flows_scroll.sel = u->flows_scroll.top = 0;
		ui_push_view(u, VIEW_FLOWS);
		return true;
	case 27:		/* Esc */
	case KEY_BACKSPACE:
	case 127:
	case 8:
		return ui_back(u);
	}
	return false;
}

const struct ui_view_ops view_talkers = { "talkers", talkers_draw, talkers_key };
