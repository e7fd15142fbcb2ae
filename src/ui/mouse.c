/*
 * The mouse (off with --no-mouse): a click selects a list row, a tree
 * node, or in the hex pane the field of that byte, or on the bottom bar
 * switches views; the wheel scrolls what it is over.  Where things are
 * comes from the rectangles the last frame drew (struct ui's list_rect,
 * tree_rect, hex_rect, bar_rect), so a click acts on what the user saw.
 */
#include "config.h"

#include "ui/views.h"

#define WHEEL_ROWS	3	/* rows one notch of the wheel scrolls */

/* Is screen position (y, x) inside r? */
static bool
inside(const struct ui_rect *r, int y, int x)
{
	return r->h > 0 && y >= r->y && y < r->y + r->h && x >= r->x &&
	    x < r->x + r->w;
}

/* The list view's scroll state, NULL for the packets view (numbers). */
static struct ui_scroll *
view_scroll(struct ui *u)
{
	switch (u->view) {
	case VIEW_FLOWS:
		return &u->flows_scroll;
	case VIEW_TALKERS:
		return &u->talkers_scroll;
	case VIEW_PROTOCOLS:
		return &u->protos_scroll;
	default:
		return NULL;
	}
}

/* The detail pane follows the selected packet once it is open. */
static void
detail_follow(struct ui *u)
{
	if (u->detail == NULL || detail_number(u->detail) == u->sel_number)
		return;
	detail_close(u->detail);
	u->detail = detail_open(u, u->sel_number);
	if (u->detail == NULL)
		u->focus = FOCUS_LIST;
}

/* Select row `row` of the list as drawn (0: the first under the heading). */
static void
list_click(struct ui *u, int row)
{
	struct ui_scroll *s = view_scroll(u);
	size_t count, i;

	if (s != NULL) {
		s->sel = s->top + (size_t)row;	/* the view clamps it */
		return;
	}
	if (u->view != VIEW_PACKETS || (count = ui_shown_count(u)) == 0)
		return;
	i = ui_shown_index(u, u->top_number) + (size_t)row;
	if (i >= count)
		return;
	u->sel_number = ui_shown_number(u, i);
	u->follow = false;
	u->focus = FOCUS_LIST;
	detail_follow(u);
}

/* Move a size_t by d, staying within [0, count). */
static size_t
move_by(size_t v, int d, size_t count)
{
	if (d < 0)
		return v > (size_t)-d ? v - (size_t)-d : 0;
	v += (size_t)d;
	return count > 0 && v >= count ? count - 1 : v;
}

/* The wheel over the list: the selection and the rows move together. */
static void
list_wheel(struct ui *u, int d)
{
	struct ui_scroll *s = view_scroll(u);
	size_t count, sel, top;

	if (s != NULL) {
		/* Counts are the view's: it clamps what is past the end. */
		s->top = move_by(s->top, d, 0);
		s->sel = move_by(s->sel, d, 0);
		return;
	}
	if (u->view != VIEW_PACKETS || (count = ui_shown_count(u)) == 0)
		return;
	sel = move_by(ui_shown_index(u, u->sel_number), d, count);
	top = move_by(ui_shown_index(u, u->top_number), d, count);
	u->sel_number = ui_shown_number(u, sel);
	u->top_number = ui_shown_number(u, top);
	u->follow = false;
	detail_follow(u);
}

/* Repeat a key of a detail pane n times (the wheel over it). */
static void
pane_wheel(struct ui *u, bool tree, int d)
{
	int i, key = d < 0 ? KEY_UP : KEY_DOWN;

	for (i = 0; i < (d < 0 ? -d : d); i++)
		if (tree)
			detail_key_tree(u->detail, key, 1);
		else
			detail_key_hex(u->detail, key, 1);
}

/* A KEY_MOUSE event: read it and act on it (true: taken). */
bool
mouse_key(struct ui *u)
{
	MEVENT ev;
	int v, d = 0;

	if (getmouse(&ev) != OK)
		return false;
	if (ev.bstate & BUTTON4_PRESSED)
		d = -WHEEL_ROWS;
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		d = WHEEL_ROWS;
#endif
	if (d != 0) {
		if (u->show_help || u->input != INPUT_NONE)
			return true;
		if (u->detail != NULL && u->view == VIEW_PACKETS &&
		    inside(&u->tree_rect, ev.y, ev.x))
			pane_wheel(u, true, d);
		else if (u->detail != NULL && u->view == VIEW_PACKETS &&
		    inside(&u->hex_rect, ev.y, ev.x))
			pane_wheel(u, false, d);
		else
			list_wheel(u, d);
		return true;
	}
	if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return true;	/* releases, other buttons */
	if (u->input != INPUT_NONE)
		return true;
	if (u->show_help) {
		u->show_help = false;
		return true;
	}
	if (inside(&u->bar_rect, ev.y, ev.x)) {
		v = ui_bar_view_at(u, ev.x - u->bar_rect.x);
		if (v >= VIEW_PACKETS && v <= VIEW_PROTOCOLS)
			keys_handle(u, '1' + v);	/* as its key does */
		return true;
	}
	if (u->detail != NULL && u->view == VIEW_PACKETS &&
	    inside(&u->tree_rect, ev.y, ev.x)) {
		detail_click(u->detail, ev.y - u->tree_rect.y,
		    ev.x - u->tree_rect.x);
		u->focus = FOCUS_TREE;
		return true;
	}
	if (u->detail != NULL && u->view == VIEW_PACKETS &&
	    inside(&u->hex_rect, ev.y, ev.x)) {
		detail_click_hex(u->detail, ev.y - u->hex_rect.y,
		    ev.x - u->hex_rect.x);
		u->focus = FOCUS_HEX;
		return true;
	}
	if (inside(&u->list_rect, ev.y, ev.x))
		list_click(u, ev.y - u->list_rect.y);
	return true;
}
