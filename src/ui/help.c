/*
 * The help overlay: every key, as DESIGN.md lists them, over the main
 * view.  Taller than the window it scrolls (help_top is its first line
 * drawn); the last row then says where the user is and how to move.
 */
#include "config.h"

#include <stdio.h>

#include "ui/text.h"
#include "ui/views.h"

static const char *const help_lines[] = {
	"wiretop keys",
	"",
	"Views",
	"  1 2 3 4            packets, flows, talkers, protocols view",
	"  ? or F1            this help (scroll it with the keys below;",
	"                     any other key closes it)",
	"  q                  quit",
	"",
	"Moving",
	"  Up/Down j/k        move the selection",
	"  PgUp/PgDn          move by a page",
	"  Home/End           to the first / last row",
	"  Enter              open a packet's detail; in the tree:",
	"                     expand/collapse the selected layer",
	"  Enter (flows,      drill down: talker -> its flows -> a flow's",
	"    talkers)         packets -> a packet's fields and hex",
	"  Esc / Backspace    close the detail pane; else back one step",
	"  Tab / Shift-Tab    focus: list, field tree, hex pane",
	"",
	"Packets and the detail pane",
	"  (tree) Up/Down     select a field: its bytes are highlighted",
	"  Right / Left       expand / collapse the selected node",
	"  E / C              expand / collapse every layer",
	"  + / -              more / fewer rows for the list over the detail",
	"  m                  mark / unmark the packet (marked rows: * and bold)",
	"  f                  follow the packet's TCP/UDP stream (also on a flow)",
	"  t                  time column: relative, absolute, delta",
	"  F                  follow the newest packet (tail -F)",
	"  space              pause / resume the display (capture goes on)",
	"",
	"Filter and search",
	"  /                  display filter (Wireshark syntax: ip.addr ==",
	"                     10.0.0.0/8 && !dns); empty clears it",
	"  / (flows, talkers) filter the rows, the same language on row",
	"                     fields: bytes > 10M and proto == udp,",
	"                     addr == 10.0.0.0/8 and state == reset, port in",
	"                     {53, 443}, rate > 1M, age < 5 (man wiretop:",
	"                     ROW FILTERS); a bad one keeps the previous",
	"  Ctrl-F             search: a text that compiles as a display",
	"                     filter finds the packets it matches (dns,",
	"                     udp.length > 1000); else hex bytes (ff:ff,",
	"                     0xdead); else text; \"in quotes\": always text",
	"  n / N              next / previous match, wrapping (after Ctrl-F)",
	"  s / S              next sort key / reverse order (flows, talkers)",
	"                     sort keys: bytes, packets, rate, last seen",
	"",
	"Names and saving",
	"  n                  toggle name resolution (no search active;",
	"                     off by default for files, on for live)",
	"  p                  toggle port names (services) in every view",
	"  w                  save shown / marked packets or the selected",
	"                     flow to a pcap file (asks; never overwrites",
	"                     silently)",
	"",
	"Mouse (off with --no-mouse)",
	"  click              select a row or a tree node",
	"  wheel              scroll",
	"  click on a name    of the bottom bar: switch to that view",
	"",
	"The terminal can be resized at any time; 60x12 at least.",
};

#define HELP_LINES	((int)(sizeof help_lines / sizeof help_lines[0]))

static int help_top;	/* first line drawn */
static int help_page;	/* lines the last frame showed */

/* The first line of the last page of help. */
static int
help_last_top(void)
{
	return HELP_LINES > help_page ? HELP_LINES - help_page : 0;
}

/* Draw the key list over the main view. */
void
help_draw(struct ui *u, WINDOW *w)
{
	int i, rows = getmaxy(w), cols = getmaxx(w) - 2;
	char where[128];

	(void)u;
	werase(w);
	/* Taller than the window: its last row says where the user is. */
	help_page = HELP_LINES > rows && rows > 1 ? rows - 1 : rows;
	if (help_top > help_last_top())
		help_top = help_last_top();
	if (help_top < 0)
		help_top = 0;
	for (i = 0; i < help_page && help_top + i < HELP_LINES; i++) {
		const char *s = help_lines[help_top + i];

		if (help_top + i == 0 || (s[0] != ' ' && s[0] != '\0'))
			wattron(w, A_BOLD);
		ui_text_cut(w, i, 1, s, cols);
		wattrset(w, A_NORMAL);
	}
	if (help_page < HELP_LINES) {
		snprintf(where, sizeof where, "-- lines %d-%d of %d -- arrows "
		    "PgUp PgDn Home End scroll; other keys close",
		    help_top + 1, help_top + i, HELP_LINES);
		wattron(w, A_REVERSE);
		ui_text_cut(w, rows - 1, 1, where, cols);
		wattrset(w, A_NORMAL);
	}
}

/* A key while the help is shown: scroll it, or close it (false: not
   taken, for the keys that toggle it, quit or resize). */
bool
help_key(struct ui *u, int key)
{
	int page = help_page > 1 ? help_page : 1;

	switch (key) {
	case '?':
	case KEY_F(1):
		help_top = 0;	/* it closes: the next opens at the top */
		return false;
	case 'q':
	case KEY_RESIZE:
		return false;
	case KEY_UP:
	case 'k':
		help_top--;
		break;
	case KEY_DOWN:
	case 'j':
		help_top++;
		break;
	case KEY_PPAGE:
		help_top -= page;
		break;
	case KEY_NPAGE:
		help_top += page;
		break;
	case KEY_HOME:
		help_top = 0;
		break;
	case KEY_END:
		help_top = help_last_top();
		break;
#ifdef KEY_MOUSE
	case KEY_MOUSE: {
		MEVENT ev;
		mmask_t b = getmouse(&ev) == OK ? ev.bstate : 0;

		if (b & BUTTON4_PRESSED)
			help_top -= 3;
#ifdef BUTTON5_PRESSED
		else if (b & BUTTON5_PRESSED)
			help_top += 3;
#endif
		else {
			u->show_help = false;
			help_top = 0;
		}
		break;
	}
#endif
	default:
		u->show_help = false;
		help_top = 0;
		return true;
	}
	if (help_top > help_last_top())
		help_top = help_last_top();
	if (help_top < 0)
		help_top = 0;
	return true;
}
