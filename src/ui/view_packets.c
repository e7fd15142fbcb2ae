/*
 * The packets view: a scrolling list of the packets in the ring (those the
 * display filter matches), following the newest until the user moves, and
 * with Enter the detail pane (field tree over hex) of the selected packet.
 * Only the visible rows are copied and decoded each frame.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "decode/decoders.h"
#include "decode/wtime.h"
#include "output/output.h"
#include "ui/resolver.h"
#include "ui/text.h"
#include "ui/views.h"

#define ROW_BYTES	4096	/* bytes of a packet decoded for its row */
#define MAX_ROWS	256	/* rows drawn at most (a very tall terminal) */

struct row {
	struct frame_meta fm;
	bool		ok;
	uint8_t		bytes[ROW_BYTES];
};

static struct row rows_buf[MAX_ROWS];

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

/* The time column of a row. */
static void
format_time(const struct ui *u, const struct row *r, char *buf, size_t size)
{
	struct tm tm;
	time_t sec;

	switch (u->time_mode) {
	case TIME_ABSOLUTE:
		sec = (time_t)r->fm.ts_sec;
		/* A file's time may be past any year localtime knows. */
		if (localtime_r(&sec, &tm) == NULL) {
			snprintf(buf, size, "--:--:--.%06u",
			    r->fm.ts_nsec / 1000);
			return;
		}
		snprintf(buf, size, "%02d:%02d:%02d.%06u", tm.tm_hour,
		    tm.tm_min, tm.tm_sec, r->fm.ts_nsec / 1000);
		return;
	case TIME_DELTA:
		wtime_rel_format(r->fm.delta, 6, buf, size);
		return;
	default:
		wtime_rel_format(r->fm.rel, 6, buf, size);
		return;
	}
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

/* Draw the list part into w (its rows are all the list has). */
static void
list_draw(struct ui *u, WINDOW *w)
{
	size_t count = ui_shown_count(u), first, i, nrows;
	int height = getmaxy(w), width = getmaxx(w), y, addrw;
	int timew = u->time_mode == TIME_ABSOLUTE ? 15 : 10;
	struct pkt_info pi;
	char line[1024], tbuf[32], src[80], dst[80];

	werase(w);
	u->list_rows = height > 1 ? (size_t)height - 1 : 1;
	nrows = u->list_rows < MAX_ROWS ? u->list_rows : MAX_ROWS;
	/* Keep the selection on screen; following pins it to the newest. */
	if (count > 0 && (u->follow || u->sel_number == 0))
		u->sel_number = ui_shown_number(u, count - 1);
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
	addrw = width >= 120 ? 24 : width >= 100 ? 20 : 15;
	wattron(w, A_BOLD);
	mvwprintw(w, 0, 0, "%-7s %-15s %-*s %-*s %-7s %5s %s", "No.", "Time",
	    addrw, "Source", addrw, "Destination", "Proto", "Len", "Info");
	wattrset(w, A_NORMAL);

	/* Copy the visible rows under one lock, decode them without it. */
	model_lock(u->m);
	for (i = 0; i < nrows && first + i < count; i++) {
		struct row *r = &rows_buf[i];

		r->ok = model_ring_frame(u->m, ui_shown_number(u, first + i),
		    &r->fm, r->bytes, sizeof r->bytes);
	}
	model_unlock(u->m);

	for (i = 0, y = 1; i < nrows && first + i < count; i++, y++) {
		struct row *r = &rows_buf[i];
		uint64_t n = ui_shown_number(u, first + i);
		int attr;

		if (!r->ok) {
			mvwprintw(w, y, 0, "%-7llu (overwritten)",
			    (unsigned long long)n);
			continue;
		}
		dissect_frame(&r->fm, r->bytes, &pi, NULL, true);
		if (!u->utf8)
			ascii_arrows(pi.info);
		format_time(u, r, tbuf, sizeof tbuf);
		row_addrs(u, &pi, src, sizeof src, dst, sizeof dst);
		snprintf(line, sizeof line, "%-7llu %-*s %-*.*s %-*.*s %-7.7s "
		    "%5u %s", (unsigned long long)n, timew, tbuf, addrw, addrw,
		    src, addrw, addrw, dst, summary_proto(&pi), r->fm.wirelen,
		    pi.info[0] ? pi.info : summary_proto(&pi));
		attr = row_attr(u, &pi);
		if (n == u->sel_number)
			attr = (u->focus == FOCUS_LIST ? A_REVERSE : A_BOLD) |
			    (attr & ~A_COLOR);
		wattrset(w, attr);
		ui_text(w, y, 0, line, width);
		if (n == u->sel_number && u->focus == FOCUS_LIST) {
			/* Fill the selection bar to the right edge. */
			int len = (int)strlen(line);

			if (len < width)
				mvwhline(w, y, len, ' ', width - len);
		}
		wattrset(w, A_NORMAL);
	}
	if (count == 0)
		mvwaddnstr(w, 1, 0, u->display != NULL ?
		    "no packet matches the display filter" :
		    "waiting for packets ...", width);
}

/* Draw the packets view: the list, and the detail panes when open. */
static void
packets_draw(struct ui *u, WINDOW *w)
{
	int height = getmaxy(w), width = getmaxx(w), list_h, tree_h, hex_h;
	WINDOW *list, *tree, *hex;

	if (u->detail == NULL) {
		list_draw(u, w);
		return;
	}
	/* List on top, field tree in the middle, hex at the bottom. */
	list_h = height / 3 < 4 ? 4 : height / 3;
	hex_h = (height - list_h) / 2;
	tree_h = height - list_h - hex_h;
	list = derwin(w, list_h, width, 0, 0);
	tree = derwin(w, tree_h, width, list_h, 0);
	hex = derwin(w, hex_h, width, list_h + tree_h, 0);
	if (list == NULL || tree == NULL || hex == NULL) {
		list_draw(u, w);
		return;
	}
	list_draw(u, list);
	detail_draw_tree(u->detail, tree, u->focus == FOCUS_TREE, u->colors);
	detail_draw_hex(u->detail, hex, u->focus == FOCUS_HEX, u->colors);
	delwin(list);
	delwin(tree);
	delwin(hex);
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

/* Keys of the packets view, the detail panes' keys when open. */
static bool
packets_key(struct ui *u, int key)
{
	size_t count = ui_shown_count(u);
	size_t page = u->list_rows ? u->list_rows : 1;
	struct ui_scroll s;
	int tree_page = u->rows / 3 > 1 ? u->rows / 3 : 1;

	if (u->detail != NULL) {
		if (key == 27) {	/* Esc */
			detail_close(u->detail);
			u->detail = NULL;
			u->focus = FOCUS_LIST;
			return true;
		}
		if (key == '\t') {
			u->focus = (u->focus + 1) % 3;
			return true;
		}
		if (key == KEY_BTAB) {
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
		if (count == 0)
			return true;
		s.sel = ui_shown_index(u, u->sel_number);
		s.top = ui_shown_index(u, u->top_number);
		scroll_key(&s, key, count, page);
		u->sel_number = ui_shown_number(u, s.sel);
		u->top_number = ui_shown_number(u, s.top);
		u->follow = false;
		if (u->detail != NULL)
			open_detail(u);
		return true;
	case '\n':
	case '\r':
	case KEY_ENTER:
		u->follow = false;
		open_detail(u);
		if (u->detail != NULL)
			u->focus = FOCUS_TREE;
		return true;
	}
	return false;
}

const struct ui_view_ops view_packets = { "packets", packets_draw, packets_key };
