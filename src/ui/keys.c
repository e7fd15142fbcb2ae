/*
 * Keys: the input line (a display filter, a file name), the help overlay,
 * then the view's own keys, then those every view shares.  Also the view
 * table the keys switch between.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui/views.h"

/* The views by enum ui_view: keys 1-4 pick one. */
static const struct ui_view_ops *const views[] = {
	[VIEW_PACKETS] = &view_packets,
	[VIEW_FLOWS] = &view_flows,
	[VIEW_TALKERS] = &view_talkers,
	[VIEW_PROTOCOLS] = &view_protocols,
	[VIEW_FOLLOW] = &view_follow,
};

const struct ui_view_ops *
ui_view_of(enum ui_view v)
{
	return views[v];
}

/* Keys typed into the input line (a filter, a file name, a search). */
static void
input_key(struct ui *u, int key)
{
	enum ui_input what = u->input;

	switch (key) {
	case 27:	/* Esc */
		u->input = INPUT_NONE;
		return;
	case '\n':
	case '\r':
	case KEY_ENTER:
		u->line[u->line_len] = '\0';
		u->input = INPUT_NONE;
		if (what == INPUT_FILTER && (u->view == VIEW_FLOWS ||
		    u->view == VIEW_TALKERS))
			ui_rows_filter_set(u, u->view, u->line);
		else if (what == INPUT_FILTER)
			shown_filter(u, u->line);
		else if (what == INPUT_SAVE)
			save_path_done(u, u->line);
		else if (what == INPUT_SEARCH) {
			search_set(u, u->line);
			if (u->searching)
				search_next(u, false);
		}
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
	case 'N':
	case KEY_F(3):
		/* After a search, n and N go to the next and previous
		   match; before one, n toggles names (DESIGN.md). */
		if (u->searching || key == KEY_F(3)) {
			search_next(u, key == 'N');
			return true;
		}
		if (key == 'N')
			return false;
		u->resolve = !u->resolve;
		ui_message(u, false, "name resolution %s",
		    u->resolve ? "on" : "off");
		return true;
	case 6:		/* ^F */
		u->input = INPUT_SEARCH;
		u->line_len = (size_t)snprintf(u->line, sizeof u->line, "%s",
		    u->search_text);
		return true;
	case 'p':
		u->port_names = !u->port_names;
		ui_message(u, false, "port names %s",
		    u->port_names ? "on" : "off");
		return true;
	case 'x':
		if (u->warning[0] == '\0')
			return false;
		u->warning[0] = '\0';
		return true;
	case 27:	/* Esc, Backspace: back one drill-down step */
	case KEY_BACKSPACE:
	case 127:
	case 8:
		if (u->searching && key == 27) {
			u->searching = false;
			ui_message(u, false, "search ended");
			return true;
		}
		return ui_back(u);
	case KEY_MOUSE:
		return mouse_key(u);
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
		/* The flows and talkers views filter their rows, the others
		   the packets. */
		u->input = INPUT_FILTER;
		u->line_len = (size_t)snprintf(u->line, sizeof u->line, "%s",
		    u->view == VIEW_FLOWS || u->view == VIEW_TALKERS ?
		    ui_rows_filter_text(u, u->view) : u->display_text);
		return true;
	case 'w':
		save_begin(u);
		return true;
	}
	return false;
}

/* Dispatch one key: the input line, help, the view, then global keys. */
void
keys_handle(struct ui *u, int key)
{
	if (u->input == INPUT_SAVE_WHAT || u->input == INPUT_SAVE_CONFIRM) {
		save_key(u, key);
		return;
	}
	if (u->input != INPUT_NONE) {
		input_key(u, key);
		return;
	}
	if (u->show_help && help_key(u, key))
		return;
	if (key == KEY_RESIZE)
		return;
	/* Views first: Enter, Tab and Esc mean different things in each. */
	if (!views[u->view]->key(u, key))
		(void)global_key(u, key);
}

