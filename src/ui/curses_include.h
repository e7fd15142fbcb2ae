/* The one place that decides which curses header wiretop uses: the
   wide-character ncurses. */
#ifndef WIRETOP_CURSES_INCLUDE_H
#define WIRETOP_CURSES_INCLUDE_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <ncursesw/curses.h>

#endif
