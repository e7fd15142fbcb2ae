/* The status line: source, filters, counts, drops, rates, mode. */
#include "config.h"

#include <stdio.h>

#include "ui/text.h"
#include "ui/views.h"

/* A human number: 1.2k, 3.4M (powers of 1000). */
void
human(char *buf, size_t size, double v, const char *unit)
{
	static const char *const prefix[] = { "", "k", "M", "G", "T" };
	size_t i = 0;

	while (v >= 1000 && i + 1 < sizeof prefix / sizeof prefix[0]) {
		v /= 1000;
		i++;
	}
	if (i == 0)
		snprintf(buf, size, "%.0f%s%s", v, *unit ? " " : "", unit);
	else
		snprintf(buf, size, "%.1f %s%s", v, prefix[i], unit);
}

/*
 * Draw the status line.  Its counters (seen, drops, overwrites, rates)
 * keep going while the display is paused: only the views freeze.
 */
void
status_draw(struct ui *u, WINDOW *w)
{
	char line[512], pps[32], bps[32], cf[80], df[80], prog[32];
	size_t shown = ui_shown_count(u);

	snprintf(cf, sizeof cf, "%.79s", u->o->capture_filter != NULL ?
	    u->o->capture_filter : "-");
	snprintf(df, sizeof df, "%.79s", u->display != NULL ? u->display_text :
	    "-");
	prog[0] = '\0';
	if (u->display != NULL && u->last != 0 && u->scanned < u->last) {
		uint64_t from = u->scan_from ? u->scan_from : 1;
		uint64_t done = u->scanned >= from ? u->scanned - from : 0;

		snprintf(prog, sizeof prog, " (filtering %d%%)",
		    (int)(100.0 * (double)done / (double)(u->last - from + 1)));
	}
	human(pps, sizeof pps, u->pps, "pkt/s");
	human(bps, sizeof bps, u->bps, "bit/s");
	/* The mode first: at 80 columns the end of the line is cut. */
	snprintf(line, sizeof line, " %s%s%s%s | cf: %s | df: %s | seen %llu "
	    "shown %zu%s | drop %llu ovw %llu | %s %s",
	    u->paused ? "PAUSED" : u->follow ? "FOLLOW" : "",
	    u->paused || u->follow ? " | " : "", u->source_name,
	    u->finished && !u->is_live ? " (loaded)" : "", cf, df,
	    (unsigned long long)u->live.packets, shown, prog,
	    (unsigned long long)u->live.dropped,
	    (unsigned long long)u->live.ring_overwritten, pps, bps);
	wbkgd(w, u->colors ? COLOR_PAIR(C_STATUS) : A_REVERSE);
	ui_text(w, 0, 0, line, getmaxx(w));
}
