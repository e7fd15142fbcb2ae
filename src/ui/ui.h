/*
 * The terminal UI: a lossy reader of the model.  It copies the newest
 * state at its own frame rate and never slows the feeder (feed.h), which
 * fills the model on a thread of its own.  The UI asks the feeder for its
 * status and sleeps on its wake descriptor; it opens no source and writes
 * no capture of its own except the packets the user saves.
 */
#ifndef WIRETOP_UI_H
#define WIRETOP_UI_H

#include "feed/feed.h"
#include "model/model.h"
#include "options.h"

/* Open what the UI needs as the user who started wiretop (the terminal
   to read keys from, WIRETOP_FRAME_STATS), before privileges are
   dropped.  0, or -1 with *cause (caller frees). */
int	ui_prepare(char **cause);

/* Where w saves, decided as the user who started wiretop (save.c): the
   current directory, or when root hands over to an unprivileged user, a
   directory of that user's made now in /tmp if it cannot write the
   current one.  0, or -1 with *cause (caller frees). */
int	ui_prepare_save(const struct options *o, char **cause);
/* Remove that directory if nothing was saved in it. */
void	ui_save_cleanup(void);

/* Run the UI until the user quits or a stop signal; returns the exit
   status.  The terminal is restored on every way out. */
int	ui_run(const struct options *o, struct model *m, struct feed *f);

#endif
