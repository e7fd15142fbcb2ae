/*
 * The terminal: the keys' descriptor (opened before privileges go),
 * curses set up and given back on every way out, the signals that end or
 * resize the UI, and the per-frame statistics file.
 *
 * The loop sleeps in poll(), so a signal must wake it whichever thread
 * takes it: the handlers write the loop's wake pipe (the self-pipe trick).
 */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/text.h"
#include "ui/ui.h"
#include "ui/views.h"
#include "util.h"

static volatile sig_atomic_t term_signal;
static volatile sig_atomic_t curses_up;
static int term_wake = -1;	/* the loop's wake pipe, write end */
static SCREEN *term_screen;	/* from newterm() */
static FILE *term_tty;		/* the keys: /dev/tty, never stdin */
static FILE *frame_stats;	/* WIRETOP_FRAME_STATS */
static struct sigaction winch_curses;	/* ncurses' own SIGWINCH handler */

/* Restore the terminal (also from fatal() and signal exits). */
static void
term_restore(void)
{
	if (curses_up) {
		curses_up = false;
		endwin();
	}
}

/* Wake the loop from a handler; a full pipe means it is awake already. */
static void
term_wake_loop(void)
{
	int saved = errno;
	ssize_t n;

	if (term_wake != -1) {
		n = write(term_wake, "", 1);
		(void)n;
	}
	errno = saved;
}

/* A stop signal: the loop ends within a wakeup. */
static void
term_on_stop(int sig)
{
	term_signal = sig;
	term_wake_loop();
}

/* A new window size: ncurses' handler queues KEY_RESIZE, the loop reads
   it once woken. */
static void
term_on_winch(int sig)
{
	if (winch_curses.sa_handler != SIG_DFL &&
	    winch_curses.sa_handler != SIG_IGN &&
	    winch_curses.sa_handler != NULL)
		winch_curses.sa_handler(sig);
	term_wake_loop();
}

/*
 * A crash: give the terminal back before dying, then die of the same
 * signal (default action) so the exit status and core dump stay honest.
 * endwin() is not async-signal-safe, but the process is lost anyway and a
 * wrecked terminal is worse.
 */
static void
term_on_crash(int sig)
{
	term_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Restore the terminal on every way out: quit keys, signals, crashes. */
static void
term_signals(void)
{
	static const int crash[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = term_on_stop;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = term_on_winch;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGWINCH, &sa, &winch_curses);
	for (i = 0; i < sizeof crash / sizeof crash[0]; i++)
		signal(crash[i], term_on_crash);
}

/*
 * Open the controlling terminal to read the keys from, as less(1) does.
 * Not stdin: with -r - it carries the capture, and no byte of a capture
 * may act on the UI (a crafted one could type "w", a path and Enter).
 * Also the frame statistics file: one line per frame, "VIEW MICROSECONDS
 * SEEN DROPPED SHOWN CPU" (CPU: the UI thread's CPU time in the frame,
 * microseconds, which other processes on a busy machine do not inflate;
 * bench/tui.sh reads it).
 */
int
ui_prepare(char **cause)
{
	const char *path = getenv("WIRETOP_FRAME_STATS");

	if (term_tty == NULL && (term_tty = fopen("/dev/tty", "re")) == NULL) {
		*cause = xasprintf("cannot open /dev/tty to read keys from: %s "
		    "(no controlling terminal? -P prints without the UI)",
		    strerror(errno));
		return -1;
	}
	if (frame_stats == NULL && path != NULL && *path != '\0') {
		if ((frame_stats = fopen(path, "w")) == NULL) {
			*cause = xasprintf("cannot write %s: %s", path,
			    strerror(errno));
			return -1;
		}
		setvbuf(frame_stats, NULL, _IOLBF, 0);
	}
	return 0;
}

/* Colour pairs, unless the terminal has none or NO_COLOR is set. */
static void
term_colors(struct ui *u)
{
	if (!has_colors() || getenv("NO_COLOR") != NULL)
		return;
	start_color();
	use_default_colors();
	init_pair(C_STATUS, COLOR_BLACK, COLOR_CYAN);
	init_pair(C_TCP, COLOR_GREEN, -1);
	init_pair(C_UDP, COLOR_CYAN, -1);
	init_pair(C_ICMP, COLOR_MAGENTA, -1);
	init_pair(C_ARP, COLOR_YELLOW, -1);
	init_pair(C_DNS, COLOR_BLUE, -1);
	init_pair(C_BAD, COLOR_RED, -1);
	init_pair(C_HIGHLIGHT, COLOR_BLACK, COLOR_YELLOW);
	init_pair(C_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(C_ERROR, COLOR_RED, -1);
	init_pair(C_GOOD, COLOR_GREEN, -1);
	u->colors = true;
}

/*
 * Key sequences terminals send whatever their TERM entry says (an xterm
 * entry on an rxvt, the linux console under tmux): ncurses reads only the
 * terminfo's, so define the common ones too, as htop does.  Ctrl+Right and
 * Ctrl+Left (expand/collapse a subtree in the tree) get codes of their own.
 */
static void
term_keys(void)
{
	static const struct {
		const char	*seq;
		int		 code;
	} keys[] = {
		{ "\033[1~", KEY_HOME },	/* linux, rxvt, screen, tmux */
		{ "\033[7~", KEY_HOME },	/* rxvt */
		{ "\033[H", KEY_HOME },	/* xterm, normal cursor keys */
		{ "\033OH", KEY_HOME },	/* xterm, application mode */
		{ "\033[4~", KEY_END },
		{ "\033[8~", KEY_END },
		{ "\033[F", KEY_END },
		{ "\033OF", KEY_END },
		{ "\033[5~", KEY_PPAGE },
		{ "\033[6~", KEY_NPAGE },
		{ "\033[2~", KEY_IC },
		{ "\033[3~", KEY_DC },
		{ "\033[1;5C", KEY_CTRL_RIGHT },	/* xterm and most */
		{ "\033[1;5D", KEY_CTRL_LEFT },
		{ "\033[5C", KEY_CTRL_RIGHT },	/* old xterm */
		{ "\033[5D", KEY_CTRL_LEFT },
		{ "\033Oc", KEY_CTRL_RIGHT },		/* rxvt */
		{ "\033Od", KEY_CTRL_LEFT },
	};
	size_t i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		define_key(keys[i].seq, keys[i].code);
}

/* Clicks and the wheel, unless --no-mouse. */
static void
term_mouse(struct ui *u)
{
	if (!u->mouse)
		return;
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED |
	    BUTTON5_PRESSED, NULL);
	/* Presses as they come: no wait to tell a click from a drag. */
	mouseinterval(0);
}

/* Keys from the terminal, output to stdout. */
void
term_start(struct ui *u, int wake_fd)
{
	char *cause = NULL;

	if (ui_prepare(&cause) != 0)
		fatal("%s", cause);
	setlocale(LC_ALL, "");
	u->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	ui_text_init(u->utf8);
	if ((term_screen = newterm(NULL, stdout, term_tty)) == NULL)
		fatal("cannot start the terminal UI (is TERM set?)");
	curses_up = true;
	util_set_fatal_hook(term_restore);
	term_wake = wake_fd;
	term_signals();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	term_keys();
	term_mouse(u);
	set_escdelay(25);
	curs_set(0);
	/* No look at the keyboard inside a frame's output (ncurses' poll
	   per update): the loop reads keys right after it anyway. */
	typeahead(-1);
	term_colors(u);
	u->frame_stats = frame_stats;
}

/* Give the terminal back and close what ui_prepare() opened. */
void
term_stop(void)
{
	term_restore();
	util_set_fatal_hook(NULL);
	term_wake = -1;
	if (frame_stats != NULL)
		fclose(frame_stats);
	frame_stats = NULL;
	if (term_screen != NULL)
		delscreen(term_screen);
	term_screen = NULL;
	if (term_tty != NULL)
		fclose(term_tty);
	term_tty = NULL;
}

bool
term_stopped(void)
{
	return term_signal != 0;
}

int
term_fd(void)
{
	return fileno(term_tty);
}
