/* The help overlay: every key, as DESIGN.md lists them. */
#include "config.h"

#include "ui/views.h"

static const char *const help_lines[] = {
	"wiretop keys",
	"",
	"  1 2 3 4            packets, flows, talkers, protocols view",
	"  Up/Down j/k        move the selection",
	"  PgUp/PgDn Home/End move by a page, to the first / last",
	"  Enter              open a packet's detail; in the tree: expand/collapse",
	"                     (talkers view: show the talker's flows)",
	"  Tab                focus: list, field tree, hex pane",
	"  Esc                close the detail pane (or the talker's flows)",
	"  space              pause / resume the display (capture goes on)",
	"  F                  follow the newest packet",
	"  t                  time column: relative, absolute, delta",
	"  s / S              next sort key / reverse order (flows, talkers)",
	"                     sort keys: bytes, packets, rate, last seen",
	"  /                  display filter (tcpdump syntax); empty clears it",
	"  n                  toggle name resolution",
	"  w                  save the packets shown to a pcap file",
	"  ? or F1            this help (any key closes it)",
	"  q                  quit",
};

/* Draw the key list over the main view. */
void
help_draw(struct ui *u, WINDOW *w)
{
	int i, rows = getmaxy(w);

	(void)u;
	werase(w);
	for (i = 0; i < (int)(sizeof help_lines / sizeof help_lines[0]) &&
	    i < rows; i++) {
		if (i == 0)
			wattron(w, A_BOLD);
		mvwaddnstr(w, i, 1, help_lines[i], getmaxx(w) - 2);
		wattrset(w, A_NORMAL);
	}
}
