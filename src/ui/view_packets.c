/*
 * The packets view: a scrolling list of the packets in the ring (those the
 * display filter matches), following the newest until the user moves, and
 * with Enter the detail pane (field tree over hex) of the selected packet.
 * Only the visible rows are copied and decoded each frame.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "decode/decoders.h"
#include "decode/wtime.h"
#include "output/output.h"
#include "ui/resolver.h"
#include "ui/text.h"
#include "ui/views.h"

#define ROW_BYTES	4096	/* bytes of a packet decoded for its row */
#define MAX_ROWS	256	/* rows drawn at most (a very tall terminal) */
#define ADDR_CAP	39	/* widest address column: a full IPv6 address */
#define ADDR_TEXT	256	/* bytes of an address or a resolved name */
#define INFO_MIN	12	/* Info keeps this many columns at least */
#define SPLIT_LIST_MIN	4	/* list rows with the detail open (heading
				   and 3 packets) ... */
#define SPLIT_DETAIL_MIN 6	/* ... and detail rows at least */

struct row {
	struct frame_meta fm;
	bool		ok;
	uint8_t		bytes[ROW_BYTES];
};

/* The texts of one visible row, made before the columns are sized. */
struct row_text {
	uint64_t	number;
	bool		ok;		/* still in the ring */
	int		attr;		/* colour by protocol and status */
	char		time[32];
	char		src[ADDR_TEXT], dst[ADDR_TEXT];
	const char	*proto;
	char		len[12];
	char		info[INFO_MAX];
};

/* The columns of the list: start and width of each (the mark column sits
   between No. and Time). */
struct list_cols {
	int	no, mark, time, src, dst, proto, len, info;	/* x */
	int	now, timew, srcw, dstw, protow, lenw, infow;
};

static struct row rows_buf[MAX_ROWS];
static struct row_text texts[MAX_ROWS];

/* Clamp a selection to count rows and keep it on a page of rows. */
void
scroll_fit(struct ui_scroll *s, size_t count, size_t page)
{
	if (count == 0) {
		s->sel = s->top = 0;
		return;
	}
	if (s->sel >= count)
		s->sel = count - 1;
	if (page == 0)
		page = 1;
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + page)
		s->top = s->sel - page + 1;
	if (s->top + page > count)
		s->top = count > page ? count - page : 0;
}

/* Move a list selection for a movement key. */
void
scroll_key(struct ui_scroll *s, int key, size_t count, size_t page)
{
	if (count == 0)
		return;
	switch (key) {
	case KEY_UP:
	case 'k':
		if (s->sel > 0)
			s->sel--;
		break;
	case KEY_DOWN:
	case 'j':
		if (s->sel + 1 < count)
			s->sel++;
		break;
	case KEY_PPAGE:
		s->sel = s->sel > page ? s->sel - page : 0;
		break;
	case KEY_NPAGE:
		s->sel = s->sel + page < count ? s->sel + page : count - 1;
		break;
	case KEY_HOME:
		s->sel = 0;
		break;
	case KEY_END:
		s->sel = count - 1;
		break;
	}
	scroll_fit(s, count, page);
}

/* The colour of a row by its top protocol and status. */
static int
row_attr(const struct ui *u, const struct pkt_info *pi)
{
	int pair;

	if (pi->status & (LAYER_MALFORMED | LAYER_BADSUM))
		return u->colors ? COLOR_PAIR(C_BAD) : A_BOLD | A_UNDERLINE;
	if (!u->colors)
		return A_NORMAL;
	switch (pi->top) {
	case P_TCP:
		pair = C_TCP;
		break;
	case P_UDP:
	case P_VXLAN:
	case P_GENEVE:
		pair = C_UDP;
		break;
	case P_ICMP:
	case P_ICMPV6:
	case P_IGMP:
		pair = C_ICMP;
		break;
	case P_ARP:
		pair = C_ARP;
		break;
	case P_DNS:
	case P_MDNS:
	case P_LLMNR:
		pair = C_DNS;
		break;
	default:
		return A_NORMAL;
	}
	return COLOR_PAIR(pair);
}

/*
 * The time column of a row, as tshark's -t formats print it (wtime.h),
 * with the file's resolution.  t cycles through -t's format (relative by
 * default), the time of day and the delta.  dd shows d: the list is read
 * back by row, not in order, so the previous displayed packet is not
 * known here (without a display filter the two are the same).  A time
 * with no calendar date (a file may say 2^62 s) shows as --:--:--, not
 * blank.
 */
void
ui_time_text(const struct ui *u, const struct frame_meta *fm, char *buf,
    size_t size)
{
	int f;

	switch (u->time_mode) {
	case TIME_ABSOLUTE:
		f = WTIME_ABS;
		break;
	case TIME_DELTA:
		f = WTIME_DELTA;
		break;
	default:
		f = u->o->time_format;
		break;
	}
	if (f == WTIME_DELTA_DIS)
		f = WTIME_DELTA;
	if (wtime_column(f, fm, buf, size) == 0)
		snprintf(buf, size, "--:--:--");
}

/* Replace the UTF-8 arrows of Info with ASCII for a non-UTF-8 terminal. */
static void
ascii_arrows(char *s)
{
	static const char arrow[] = "\xe2\x86\x92";	/* U+2192 */
	char *p;

	while ((p = strstr(s, arrow)) != NULL) {
		p[0] = '>';
		memmove(p + 1, p + 3, strlen(p + 3) + 1);
	}
}

/* Info that starts with the ports ("51514 → 443 ...", TCP and UDP): the
   ports with a service name by that name ("51514 → https ...", key p). */
static void
info_port_names(const struct pkt_info *pi, char *info, size_t size)
{
	char head[32], sp[8], dp[8], out[INFO_MAX];
	const char *sn, *dn;
	size_t n;

	if (pi->l4proto != 6 && pi->l4proto != 17)
		return;
	snprintf(sp, sizeof sp, "%u", pi->sport);
	snprintf(dp, sizeof dp, "%u", pi->dport);
	n = (size_t)snprintf(head, sizeof head, "%s \xe2\x86\x92 %s", sp, dp);
	if (strncmp(info, head, n) != 0 || (info[n] != '\0' && info[n] != ' '))
		return;
	sn = port_service(pi->sport, pi->l4proto);
	dn = port_service(pi->dport, pi->l4proto);
	if (sn == NULL && dn == NULL)
		return;
	snprintf(out, sizeof out, "%s \xe2\x86\x92 %s%s", sn ? sn : sp,
	    dn ? dn : dp, info + n);
	snprintf(info, size, "%s", out);
}

/* Source/destination text, with names when resolution is on. */
static void
row_addrs(const struct ui *u, const struct pkt_info *pi, char *src,
    size_t ssize, char *dst, size_t dsize)
{
	summary_addrs(pi, src, ssize, dst, dsize);
	if (!u->resolve || pi->ipver == 0)
		return;
	resolver_name(pi->ipver, pi->src, src, ssize);
	resolver_name(pi->ipver, pi->dst, dst, dsize);
}

/* The larger of two ints. */
static int
imax(int a, int b)
{
	return a > b ? a : b;
}

/* Make the texts of a visible row (r decoded, or gone from the ring). */
static void
row_text_make(struct ui *u, const struct row *r, uint64_t number,
    struct row_text *t)
{
	struct pkt_info pi;

	t->number = number;
	t->ok = r->ok;
	if (!r->ok)
		return;
	dissect_frame(&r->fm, r->bytes, &pi, NULL, true);
	if (u->port_names)
		info_port_names(&pi, pi.info, sizeof pi.info);
	if (!u->utf8)
		ascii_arrows(pi.info);
	ui_time_text(u, &r->fm, t->time, sizeof t->time);
	row_addrs(u, &pi, t->src, sizeof t->src, t->dst, sizeof t->dst);
	t->proto = summary_proto(&pi);
	snprintf(t->len, sizeof t->len, "%u", r->fm.wirelen);
	snprintf(t->info, sizeof t->info, "%s",
	    pi.info[0] ? pi.info : t->proto);
	t->attr = row_attr(u, &pi);
}

/*
 * Place the columns in a list width columns wide.  c comes with the width
 * each column's visible texts need (at least its heading); No., Time,
 * Proto and Len keep theirs.  Source and Destination share what is left
 * after INFO_MIN columns of Info: each at most ADDR_CAP (a quarter of the
 * width on a terminal wider than 4 * ADDR_CAP), a narrow one
 * leaving the rest to the other, never narrower than its heading.  Info
 * gets every column that remains.
 */
static void
cols_fit(struct list_cols *c, int width)
{
	int fixed, avail, s = c->srcw, d = c->dstw, half, cap;

	/* No. _ mark _ Time _ Source _ Destination _ Proto _ Len _ Info */
	fixed = c->now + 3 + c->timew + 1 + 1 + 1 + c->protow + 1 +
	    c->lenw + 1;
	avail = width - fixed - INFO_MIN;
	/* A name longer than an IPv6 address may use a quarter of a wide
	   terminal. */
	cap = imax(ADDR_CAP, width / 4);
	if (s > cap)
		s = cap;
	if (d > cap)
		d = cap;
	if (s + d > avail) {
		half = avail / 2;
		if (s <= half)
			d = avail - s;
		else if (d <= half)
			s = avail - d;
		else {
			s = half;
			d = avail - half;
		}
	}
	c->srcw = imax(s, (int)strlen("Source"));
	c->dstw = imax(d, (int)strlen("Destination"));
	c->no = 0;
	c->mark = c->now + 1;
	c->time = c->mark + 2;
	c->src = c->time + c->timew + 1;
	c->dst = c->src + c->srcw + 1;
	c->proto = c->dst + c->dstw + 1;
	c->len = c->proto + c->protow + 1;
	c->info = c->len + c->lenw + 1;
	c->infow = imax(width - c->info, 0);
}

/* The widths the visible rows need, then their columns. */
static void
cols_measure(struct list_cols *c, const struct row_text *t, size_t n,
    int width)
{
	char no[24];
	size_t i;

	memset(c, 0, sizeof *c);
	c->now = (int)strlen("No.");
	c->timew = (int)strlen("Time");
	c->srcw = (int)strlen("Source");
	c->dstw = (int)strlen("Destination");
	c->protow = (int)strlen("Proto");
	c->lenw = (int)strlen("Len");
	for (i = 0; i < n; i++) {
		snprintf(no, sizeof no, "%llu", (unsigned long long)t[i].number);
		c->now = imax(c->now, (int)strlen(no));
		if (!t[i].ok)
			continue;
		c->timew = imax(c->timew, ui_text_width(t[i].time));
		c->srcw = imax(c->srcw, ui_text_width(t[i].src));
		c->dstw = imax(c->dstw, ui_text_width(t[i].dst));
		c->protow = imax(c->protow, ui_text_width(t[i].proto));
		c->lenw = imax(c->lenw, (int)strlen(t[i].len));
	}
	cols_fit(c, width);
}

/* Draw text in a column, or what of it fits in the window. */
static void
col_text(WINDOW *w, int y, int x, int cols, const char *s, bool cut)
{
	int room = getmaxx(w) - x;

	if (cols > room)
		cols = room;
	if (cut)
		ui_text_cut(w, y, x, s, cols);
	else
		ui_text(w, y, x, s, cols);
}

/* Draw the heading of the columns. */
static void
heading_draw(WINDOW *w, const struct list_cols *c)
{
	wattron(w, A_BOLD);
	col_text(w, 0, c->no, c->now, "No.", false);
	col_text(w, 0, c->time, c->timew, "Time", false);
	col_text(w, 0, c->src, c->srcw, "Source", false);
	col_text(w, 0, c->dst, c->dstw, "Destination", false);
	col_text(w, 0, c->proto, c->protow, "Proto", false);
	col_text(w, 0, c->len + c->lenw - 3, 3, "Len", false);
	col_text(w, 0, c->info, c->infow, "Info", false);
	wattrset(w, A_NORMAL);
}

/* Draw one row at y (marked: a '*' in the mark column; indexed: a row
   that cannot be had was not read back from the file, not
   overwritten). */
static void
row_draw(WINDOW *w, int y, const struct list_cols *c,
    const struct row_text *t, bool marked, bool indexed)
{
	char no[24];
	int lw;

	snprintf(no, sizeof no, "%llu", (unsigned long long)t->number);
	col_text(w, y, c->no, c->now, no, false);
	if (marked)
		col_text(w, y, c->mark, 1, "*", false);
	if (!t->ok) {
		col_text(w, y, c->time, getmaxx(w), indexed ?
		    "(cannot be read back from the file)" : "(overwritten)",
		    true);
		return;
	}
	col_text(w, y, c->time, c->timew, t->time, false);
	col_text(w, y, c->src, c->srcw, t->src, true);
	col_text(w, y, c->dst, c->dstw, t->dst, true);
	col_text(w, y, c->proto, c->protow, t->proto, false);
	lw = (int)strlen(t->len);
	col_text(w, y, c->len + c->lenw - lw, lw, t->len, false);
	col_text(w, y, c->info, c->infow, t->info, true);
}

/* Draw the list part into w (its rows are all the list has). */
static void
list_draw(struct ui *u, WINDOW *w)
{
	size_t count = ui_shown_count(u), first, i, n, nrows;
	int height = getmaxy(w), width = getmaxx(w), y;
	struct list_cols c;

	werase(w);
	u->list_rows = height > 1 ? (size_t)height - 1 : 1;
	nrows = u->list_rows < MAX_ROWS ? u->list_rows : MAX_ROWS;
	/* Keep the selection on screen; following pins it to the newest,
	   and a file opens at its first packet. */
	if (count > 0 && u->follow)
		u->sel_number = ui_shown_number(u, count - 1);
	else if (count > 0 && u->sel_number == 0)
		u->sel_number = u->top_number = ui_shown_number(u, 0);
	{
		struct ui_scroll s;

		s.sel = count ? ui_shown_index(u, u->sel_number) : 0;
		s.top = count ? ui_shown_index(u, u->top_number) : 0;
		if (u->top_number < (count ? ui_shown_number(u, 0) : 0))
			s.top = 0;
		scroll_fit(&s, count, nrows);
		if (count > 0) {
			u->sel_number = ui_shown_number(u, s.sel);
			u->top_number = ui_shown_number(u, s.top);
		}
		first = s.top;
	}

	/* Copy the visible rows under one lock, decode them without it. */
	model_lock(u->m);
	for (n = 0; n < nrows && first + n < count; n++) {
		struct row *r = &rows_buf[n];

		r->ok = model_ring_frame(u->m, ui_shown_number(u, first + n),
		    &r->fm, r->bytes, sizeof r->bytes);
	}
	model_unlock(u->m);
	for (i = 0; i < n; i++)
		row_text_make(u, &rows_buf[i], ui_shown_number(u, first + i),
		    &texts[i]);

	cols_measure(&c, texts, n, width);
	heading_draw(w, &c);
	for (i = 0, y = 1; i < n; i++, y++) {
		const struct row_text *t = &texts[i];
		bool marked = marks_has(u, t->number);
		int attr = t->ok ? t->attr : (int)A_NORMAL;

		if (t->number == u->sel_number)
			attr = (u->focus == FOCUS_LIST ? A_REVERSE : A_BOLD) |
			    (attr & ~A_COLOR);
		if (marked)
			attr |= A_BOLD;
		wattrset(w, attr);
		if (t->number == u->sel_number && u->focus == FOCUS_LIST)
			mvwhline(w, y, 0, ' ', width);	/* the selection bar */
		row_draw(w, y, &c, t, marked, u->indexed);
		wattrset(w, A_NORMAL);
	}
	u->list_rect = (struct ui_rect){ getbegy(w) + 1, getbegx(w), (int)n,
	    width };
	if (count == 0)
		mvwaddnstr(w, 1, 0, u->display != NULL ?
		    "no packet matches the display filter" :
		    "waiting for packets ...", width);
}

/* Rows of the main window at the last frame (the split's bounds). */
static int main_rows;

/* The list's rows (its heading too) with the detail open, in a main
   window of height rows: u->split or a third, within the bounds. */
static int
split_rows(const struct ui *u, int height)
{
	int h = u->split > 0 ? u->split : height / 3;

	if (h > height - SPLIT_DETAIL_MIN)
		h = height - SPLIT_DETAIL_MIN;
	if (h < SPLIT_LIST_MIN)
		h = SPLIT_LIST_MIN;
	return h;
}

/* Draw the packets view: the list, and under it the detail when open. */
static void
packets_draw(struct ui *u, WINDOW *w)
{
	int height = getmaxy(w), width = getmaxx(w), list_h;
	WINDOW *list, *pane;

	main_rows = height;
	if (u->detail == NULL) {
		u->tree_rect = u->hex_rect = (struct ui_rect){ 0, 0, 0, 0 };
		list_draw(u, w);
		return;
	}
	list_h = split_rows(u, height);
	/* Unless the user moved the split: rows the detail does not need
	   (its tree and dump both shown whole) go to the list. */
	if (u->split == 0 && height - detail_rows(u->detail) > list_h)
		list_h = height - detail_rows(u->detail);
	if (list_h >= height) {
		list_draw(u, w);
		return;
	}
	list = derwin(w, list_h, width, 0, 0);
	pane = derwin(w, height - list_h, width, list_h, 0);
	if (list == NULL || pane == NULL) {
		if (list != NULL)
			delwin(list);
		if (pane != NULL)
			delwin(pane);
		list_draw(u, w);
		return;
	}
	list_draw(u, list);
	detail_draw(u, u->detail, pane);
	delwin(list);
	delwin(pane);
}

/* + / -: one row more or less for the list over the detail pane. */
static void
split_move(struct ui *u, int by)
{
	int h = split_rows(u, main_rows) + by;

	if (h < SPLIT_LIST_MIN || h > main_rows - SPLIT_DETAIL_MIN)
		return;
	u->split = h;
}

/* Open (or re-open, for a new selection) the detail pane. */
static void
open_detail(struct ui *u)
{
	if (u->sel_number == 0)
		return;
	if (u->detail != NULL && detail_number(u->detail) == u->sel_number)
		return;
	if (u->detail != NULL)
		detail_close(u->detail);
	u->detail = detail_open(u, u->sel_number);
	if (u->detail == NULL)
		ui_message(u, true, "packet %llu is no longer in the ring",
		    (unsigned long long)u->sel_number);
}

/* Move the selection of the list for a movement key. */
static void
list_move(struct ui *u, int key)
{
	size_t count = ui_shown_count(u);
	size_t page = u->list_rows ? u->list_rows : 1;
	struct ui_scroll s;

	if (count == 0)
		return;
	s.sel = ui_shown_index(u, u->sel_number);
	s.top = ui_shown_index(u, u->top_number);
	scroll_key(&s, key, count, page);
	u->sel_number = ui_shown_number(u, s.sel);
	u->top_number = ui_shown_number(u, s.top);
	u->follow = false;
	if (u->detail != NULL)
		open_detail(u);
}

/* Close the detail pane. */
static void
close_detail(struct ui *u)
{
	detail_close(u->detail);
	u->detail = NULL;
	u->focus = FOCUS_LIST;
}

/* Keys of the packets view, the detail panes' keys when open. */
static bool
packets_key(struct ui *u, int key)
{
	int tree_page = u->rows / 3 > 1 ? u->rows / 3 : 1;

	/* Whatever has the focus: marks, follow, the split. */
	switch (key) {
	case 'm':
		if (u->sel_number != 0) {
			marks_toggle(u, u->sel_number);
			list_move(u, KEY_DOWN);
		}
		return true;
	case 'f':
		if (u->sel_number != 0)
			follow_open_packet(u, u->sel_number);
		return true;
	case '+':
	case '-':
		if (u->detail == NULL)
			return false;
		split_move(u, key == '+' ? 1 : -1);
		return true;
	}
	if (u->detail != NULL) {
		switch (key) {
		case 27:	/* Esc */
		case KEY_BACKSPACE:
		case 127:
		case 8:
			close_detail(u);
			return true;
		case '\t':
			u->focus = (u->focus + 1) % 3;
			return true;
		case KEY_BTAB:
			u->focus = (u->focus + 2) % 3;
			return true;
		}
		if (u->focus == FOCUS_TREE)
			return detail_key_tree(u->detail, key, tree_page);
		if (u->focus == FOCUS_HEX)
			return detail_key_hex(u->detail, key, tree_page);
	}
	switch (key) {
	case KEY_UP: case 'k': case KEY_DOWN: case 'j':
	case KEY_PPAGE: case KEY_NPAGE: case KEY_HOME: case KEY_END:
		list_move(u, key);
		return true;
	case '\n':
	case '\r':
	case KEY_ENTER:
		u->follow = false;
		open_detail(u);
		if (u->detail != NULL)
			u->focus = FOCUS_TREE;
		return true;
	case 27:	/* Esc, Backspace: back where the user came from */
	case KEY_BACKSPACE:
	case 127:
	case 8:
		if (u->searching)
			return false;	/* Esc ends the search first */
		return ui_back(u);
	}
	return false;
}

const struct ui_view_ops view_packets = { "packets", packets_draw, packets_key };
