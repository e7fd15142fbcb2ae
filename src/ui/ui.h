/*
 * The terminal UI: a lossy reader of the model.  It copies what a frame
 * shows under the model's lock at a bounded frame rate and never slows the
 * feeder; it asks the feeder (feed.h) only for its status and to stop.
 * Sources, capture threads and privileges are wired above it (run.c).
 */
#ifndef WIRETOP_UI_H
#define WIRETOP_UI_H

#include "feed/feed.h"
#include "model/model.h"
#include "options.h"

/*
 * Open what the UI needs from the user's identity before privileges are
 * dropped: the terminal to read keys from (/dev/tty, never stdin) and the
 * WIRETOP_FRAME_STATS file.  0, or -1 with *cause (caller frees); nothing
 * on the screen has changed then.
 */
int	ui_prepare(char **cause);

/* Run the UI on model m, fed by f (already started), until the user quits
   or a stop signal; returns the exit status.  The terminal is restored on
   every way out. */
int	ui_run(const struct options *o, struct model *m, struct feed *f);

#endif
