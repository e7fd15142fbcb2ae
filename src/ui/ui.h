/*
 * The terminal UI: a thread that reads the model (filled by a capture or
 * file-loading thread) and draws it at a bounded frame rate.
 */
#ifndef WIRETOP_UI_H
#define WIRETOP_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/model.h"
#include "options.h"

/* Where the packets come from; the UI only ever reads the model. */
struct ui_feed {
	const char	*source_name;	/* interface or file */
	const char	*capture_filter; /* NULL: none */
	bool		 live;
	int		 link;		/* pcap link type of the packets */
	int		 snaplen;
	/* Kernel drops so far, and whether the source has ended. */
	void		(*poll)(void *arg, uint64_t *dropped, bool *finished);
	/* A new message about the source (interface down), once; may be
	   NULL. */
	bool		(*notice)(void *arg, char *buf, size_t len);
	void		*arg;
};

/* Run the UI until the user quits; returns the exit status.  The terminal
   is restored on every way out. */
int	ui_run(const struct options *o, struct model *m,
	    const struct ui_feed *feed);

/* -r FILE with a terminal: load the file in a thread while the UI runs. */
int	ui_run_file(const struct options *o);

/* Live capture with a terminal: the capture thread fills the model. */
int	ui_run_live(const struct options *o);

#endif
