/*
 * Saving what is shown: the packets the display filter matches (all of
 * the ring without one) written to a pcap file through the same writer as
 * -w.  The file is written as the user wiretop runs as by then (after the
 * privilege drop).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output/dump.h"
#include "ui/views.h"
#include "util.h"

/* Save the packets shown (display filter applied) to a pcap file. */
void
save_shown(struct ui *u, const char *path)
{
	static uint8_t buf[SNAPLEN_MAX];
	struct frame_meta fm;
	struct dump *d;
	char *cause = NULL;
	size_t i, n, saved = 0;

	/* Every packet the filter would show, not only those matched yet. */
	shown_step(u, 0);
	n = ui_shown_count(u);
	d = dump_open(path, u->link, u->snaplen, &cause);
	if (d == NULL) {
		ui_message(u, true, "%s", cause);
		free(cause);
		return;
	}
	for (i = 0; i < n; i++) {
		bool ok;

		model_lock(u->m);
		ok = model_ring_frame(u->m, ui_shown_number(u, i), &fm, buf,
		    sizeof buf);
		model_unlock(u->m);
		if (!ok)
			continue;
		if (dump_write(d, &fm, buf, &cause) != 0)
			break;
		saved++;
	}
	if (cause == NULL)
		dump_close(d, &cause);
	else {
		char *ignored = NULL;

		dump_close(d, &ignored);
		free(ignored);
	}
	if (cause != NULL) {
		ui_message(u, true, "%s", cause);
		free(cause);
	} else
		ui_message(u, false, "saved %zu packets to %s", saved, path);
}

