/* The status line: source, filters, counts, drops, rates, mode. */
#include "config.h"

#include <stdio.h>

#include "ui/views.h"

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

void
status_draw(struct ui *u, WINDOW *w)
{
	char line[512], pps[32], bps[32], cf[80], df[80];
	size_t shown = ui_shown_count(u);

	snprintf(cf, sizeof cf, "%.79s", u->feed->capture_filter != NULL ?
	    u->feed->capture_filter : "-");
	snprintf(df, sizeof df, "%.79s", u->display != NULL ? u->display_text :
	    "-");
	human(pps, sizeof pps, u->pps, "pkt/s");
	human(bps, sizeof bps, u->bps, "bit/s");
	snprintf(line, sizeof line, " %s%s | cf: %s | df: %s | seen %llu shown "
	    "%zu | drop %llu ovw %llu | %s %s | %s", u->feed->source_name,
	    u->finished && !u->feed->live ? " (loaded)" : "", cf, df,
	    (unsigned long long)u->tot.packets, shown,
	    (unsigned long long)u->tot.dropped,
	    (unsigned long long)u->tot.ring_overwritten, pps, bps,
	    u->paused ? "PAUSED" : u->follow ? "FOLLOW" : "");
	wbkgd(w, u->colors ? COLOR_PAIR(C_STATUS) : A_REVERSE);
	mvwaddnstr(w, 0, 0, line, getmaxx(w));
}
