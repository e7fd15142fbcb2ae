/*
 * The wiring: the four ways wiretop runs (a capture file or an interface,
 * headless or with the terminal UI), each opening what it needs as the
 * caller, dropping privileges, then starting the one feeder (feed.h).
 */
#ifndef WIRETOP_RUN_H
#define WIRETOP_RUN_H

#include "options.h"

/* Each returns the exit status: 0, 1 runtime failure, 2 usage error. */
int	run_file_headless(const struct options *o);
int	run_live_headless(const struct options *o);
int	run_file_tui(const struct options *o);
int	run_live_tui(const struct options *o);

/* A stop signal arrived: end the run cleanly (what was read is still fed,
   saved and counted).  Async-signal-safe. */
void	run_stop(void);

#endif
