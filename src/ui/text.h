/*
 * The one way the TUI puts text on the screen: every string a view, pane,
 * status line or dialog draws goes through ui_text(), which applies the
 * escaping rule of escape.h (so text from the wire, a file or the
 * resolver cannot drive the terminal) and cuts at whole characters within
 * the given number of columns.
 */
#ifndef WIRETOP_UI_TEXT_H
#define WIRETOP_UI_TEXT_H

#include <stdbool.h>

#include "ui/curses_include.h"

/* Say whether the terminal shows UTF-8 (else non-ASCII becomes '?'). */
void	ui_text_init(bool utf8);
/*
 * Draw s at (y, x) of w in at most cols columns, escaped, never cutting a
 * character (a wide character that does not fit whole is left out).
 * Returns the columns drawn.
 */
int	ui_text(WINDOW *w, int y, int x, const char *s, int cols);
/* The screen columns s takes once escaped (what ui_text() would draw). */
int	ui_text_width(const char *s);
/*
 * Like ui_text(), but text that does not fit ends with an ellipsis (U+2026
 * on a UTF-8 terminal, '~' otherwise) in the last column: never cut
 * silently.  Returns the columns drawn.
 */
int	ui_text_cut(WINDOW *w, int y, int x, const char *s, int cols);

#endif
