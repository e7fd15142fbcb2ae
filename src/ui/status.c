/*
 * The status line (source, filters, counts, drops, history, rates, marks,
 * search) and the rates of everything captured.
 *
 * Rates are over complete seconds, as the flows' are (model/rate.c): each
 * frame samples the counters at the newest packet's time, and the
 * cumulative counts at every second boundary are kept for the last
 * HIST_SECS seconds, from the samples either side of it (a steady stream
 * is exact; a burst between two frames is spread over them).  Live, a
 * boundary is final once the wall clock is RATE_LATE_NS past it (the
 * packets of the second gone have reached the model); for a file, once a
 * packet after it was read: rates are in capture time.
 *
 * The line abbreviates instead of being cut: each part has a long, a short
 * and a tiny form, and the parts that matter least go first.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui/text.h"
#include "ui/views.h"
#include "util.h"

#define HIST_SECS	42	/* boundaries kept: 40 s windows and slack */
#define RATE_LATE_NS	(50 * NS_PER_MS)
#define TIME_MAX_NS	(INT64_MAX / 4)	/* rates for times within this of
					   1970 (about 73 years): no
					   overflow in their arithmetic */

/* Cumulative counts at a moment. */
struct cum {
	double	 packets, bytes;
	double	 pp[P_MAX], pb[P_MAX];	/* by protocol */
};

static struct {
	bool		 started;
	int64_t		 first_ns;	/* the capture's first packet */
	int64_t		 next;		/* the next boundary (second) */
	int64_t		 newest;	/* the newest recorded (0: none) */
	int64_t		 prev_t;	/* the last sample, ns */
	struct cum	 prev;
	struct cum	 at[HIST_SECS];	/* by boundary % HIST_SECS */
	int64_t		 at_sec[HIST_SECS];
	double		 peak_bps;	/* the busiest second */
	double		 pps[3], bps[3];
	/* A file's loading speed, by wall clock. */
	int64_t		 load_t;
	uint64_t	 load_packets;
	double		 load_pps;
	/* The history the ring holds (live). */
	double		 ring_first, ring_last;	/* seconds */
} hist;

/* The counts of totals t. */
static void
cum_of(const struct model_totals *t, struct cum *c)
{
	int p;

	c->packets = (double)t->packets;
	c->bytes = (double)t->bytes;
	for (p = 0; p < P_MAX; p++) {
		c->pp[p] = (double)t->proto[p].packets;
		c->pb[p] = (double)t->proto[p].bytes;
	}
}

/* a + (b - a) * f, counter by counter. */
static void
cum_mix(const struct cum *a, const struct cum *b, double f, struct cum *out)
{
	int p;

	out->packets = a->packets + (b->packets - a->packets) * f;
	out->bytes = a->bytes + (b->bytes - a->bytes) * f;
	for (p = 0; p < P_MAX; p++) {
		out->pp[p] = a->pp[p] + (b->pp[p] - a->pp[p]) * f;
		out->pb[p] = a->pb[p] + (b->pb[p] - a->pb[p]) * f;
	}
}

/* The slot of boundary s. */
static size_t
slot_of(int64_t s)
{
	int64_t r = s % HIST_SECS;

	return (size_t)(r < 0 ? r + HIST_SECS : r);
}

/* The second of a time (floor). */
static int64_t
sec_of(int64_t ns)
{
	return ns >= 0 ? ns / NS_PER_SEC : -((-ns - 1) / NS_PER_SEC) - 1;
}

/* The counts at boundary s, NULL if not kept. */
static const struct cum *
cum_at(int64_t s)
{
	size_t i = slot_of(s);

	return hist.at_sec[i] == s ? &hist.at[i] : NULL;
}

/* Record the counts at boundary s. */
static void
record(int64_t s, const struct cum *c)
{
	size_t i = slot_of(s);
	const struct cum *before = cum_at(s - 1);

	hist.at[i] = *c;
	hist.at_sec[i] = s;
	hist.newest = s;
	if (before != NULL && (c->bytes - before->bytes) * 8 > hist.peak_bps)
		hist.peak_bps = (c->bytes - before->bytes) * 8;
}

/* The rates of window len seconds before the newest boundary, from the
   first packet on when the capture is younger; false if none yet. */
static bool
window(int len, const struct cum **hi, struct cum *lo, double *span)
{
	const struct cum *l;
	int64_t a;

	if (hist.newest == 0 || (*hi = cum_at(hist.newest)) == NULL)
		return false;
	a = hist.newest - len;
	if ((double)a * 1e9 < (double)hist.first_ns ||
	    (l = cum_at(a)) == NULL) {
		memset(lo, 0, sizeof *lo);
		*span = (double)hist.newest - (double)hist.first_ns / 1e9;
		if (*span < 1)
			*span = 1;
		return true;
	}
	*lo = *l;
	*span = len;
	return true;
}

/* Take this frame's sample of the counters and update the rates (u->pps,
   u->bps, the protocols'); see the top of the file. */
void
rates_sample(struct ui *u)
{
	static const int len[3] = { 2, 10, 40 };
	const struct model_totals *t = &u->live;
	struct cum now, b, lo;
	const struct cum *hi;
	int64_t tn = t->last_ns, limit, wall = 0, e, from;
	double span, f;
	int k, p;

	/* A file's loading speed, once a second by wall clock. */
	if (u->now - hist.load_t >= NS_PER_SEC) {
		if (hist.load_t != 0)
			hist.load_pps = (double)(t->packets -
			    hist.load_packets) * 1e9 /
			    (double)(u->now - hist.load_t);
		hist.load_t = u->now;
		hist.load_packets = t->packets;
	}
	/* No rates for times far from 1970 (a broken capture's). */
	if (t->packets == 0 || tn > TIME_MAX_NS || tn < -TIME_MAX_NS ||
	    t->first_ns > TIME_MAX_NS || t->first_ns < -TIME_MAX_NS)
		return;
	cum_of(t, &now);
	if (!hist.started) {
		hist.started = true;
		hist.first_ns = t->first_ns;
		hist.next = sec_of(t->first_ns) + 1;
		hist.prev_t = t->first_ns;
		memset(&hist.prev, 0, sizeof hist.prev);
	}
	limit = tn;
	if (u->is_live) {
		wall = wall_ns();
		if (wall - RATE_LATE_NS > limit)
			limit = wall - RATE_LATE_NS;
	}
	/* Boundaries older than the history are not worth computing. */
	from = sec_of(limit) - HIST_SECS;
	if (hist.next < from)
		hist.next = from;
	for (; hist.next * NS_PER_SEC <= limit; hist.next++) {
		e = hist.next * NS_PER_SEC;
		if (e >= tn || tn <= hist.prev_t)
			b = now;	/* every packet before e is in */
		else {
			f = e <= hist.prev_t ? 0 : (double)(e - hist.prev_t) /
			    (double)(tn - hist.prev_t);
			cum_mix(&hist.prev, &now, f, &b);
		}
		record(hist.next, &b);
		hist.prev = b;
		hist.prev_t = e;
	}
	if (tn > hist.prev_t) {
		hist.prev = now;
		hist.prev_t = tn;
	}
	for (k = 0; k < 3; k++) {
		hist.pps[k] = hist.bps[k] = 0;
		if (!window(len[k], &hi, &lo, &span))
			continue;
		hist.pps[k] = (hi->packets - lo.packets) / span;
		hist.bps[k] = (hi->bytes - lo.bytes) * 8 / span;
		if (k != 0)
			continue;
		for (p = 0; p < P_MAX; p++) {
			u->proto_pps[p] = (hi->pp[p] - lo.pp[p]) / span;
			u->proto_bps[p] = (hi->pb[p] - lo.pb[p]) * 8 / span;
		}
	}
	u->pps = hist.pps[0];
	u->bps = hist.bps[0];
	/* Live: a frame when the next second is final, while anything
	   moves (the rates decay to zero when traffic stops). */
	if (u->is_live && (u->pps != 0 || u->bps != 0 ||
	    t->packets != u->rate_prev.packets))
		ui_redraw_at(u, u->now + (hist.next * NS_PER_SEC +
		    RATE_LATE_NS - wall) + NS_PER_MS);
	u->rate_prev = *t;
	u->rate_clock_ns = u->now;
}

/* Packets and bits per second of everything over the last 2, 10 and 40
   complete seconds, and the bits of the busiest second. */
void
rates_total(double pps[3], double bps[3], double *peak_bps)
{
	memcpy(pps, hist.pps, sizeof hist.pps);
	memcpy(bps, hist.bps, sizeof hist.bps);
	*peak_bps = hist.peak_bps;
}

/* The times of the first and last packets the ring holds (u->first ..
   u->last), with the model's lock held; kept for the status line. */
void
rates_ring_span(struct ui *u)
{
	struct frame_meta fm;

	hist.ring_first = hist.ring_last = 0;
	if (u->first == 0)
		return;
	if (model_ring_frame(u->m, u->first, &fm, NULL, 0))
		hist.ring_first = (double)fm.ts_sec + fm.ts_nsec / 1e9;
	if (model_ring_frame(u->m, u->last, &fm, NULL, 0))
		hist.ring_last = (double)fm.ts_sec + fm.ts_nsec / 1e9;
}

/* A human number: 1.2k, 3.4M (powers of 1000). */
void
human(char *buf, size_t size, double v, const char *unit)
{
	static const char *const prefix[] = { "", "k", "M", "G", "T" };
	size_t i = 0;

	while (v >= 999.95 && i + 1 < sizeof prefix / sizeof prefix[0]) {
		v /= 1000;
		i++;
	}
	if (i == 0)
		snprintf(buf, size, "%.0f%s%s", v, *unit ? " " : "", unit);
	else
		snprintf(buf, size, "%.1f %s%s", v, prefix[i], unit);
}

/* A rate or count in at most 6 characters, 3 significant digits: 834k,
   1.23M, 12.3G, 999. */
void
human_short(char *buf, size_t size, double v)
{
	static const char *const prefix[] = { "", "k", "M", "G", "T", "P" };
	size_t i = 0;

	while (v >= 999.5 && i + 1 < sizeof prefix / sizeof prefix[0]) {
		v /= 1000;
		i++;
	}
	if (i == 0)
		snprintf(buf, size, "%.0f", v);
	else
		snprintf(buf, size, v < 9.995 ? "%.2f%s" : v < 99.95 ?
		    "%.1f%s" : "%.0f%s", v, prefix[i]);
}

/* Like human(), with no space before the prefix: 1.2k, 834k, 12. */
static void
terse(char *buf, size_t size, double v)
{
	static const char *const prefix[] = { "", "k", "M", "G", "T" };
	size_t i = 0;

	while (v >= 999.5 && i + 1 < sizeof prefix / sizeof prefix[0]) {
		v /= 1000;
		i++;
	}
	snprintf(buf, size, i > 0 && v < 9.95 ? "%.1f%s" : "%.0f%s", v,
	    prefix[i]);
}

/* A duration: 0.022s, 12.3s, 4m05s, 2h03m, 7521h. */
static void
duration(char *buf, size_t size, double s)
{
	if (s < 1)
		snprintf(buf, size, "%.3fs", s);
	else if (s < 60)
		snprintf(buf, size, "%.1fs", s);
	else if (s < 3600)
		snprintf(buf, size, "%dm%02ds", (int)(s / 60), (int)s % 60);
	else if (s < 100 * 3600)
		snprintf(buf, size, "%dh%02dm", (int)(s / 3600),
		    (int)s / 60 % 60);
	else
		snprintf(buf, size, "%.0fh", s / 3600);
}

#define FORMS	3	/* long, short, tiny */
#define PARTS	12

/* The parts of the line: forms[0] long .. forms[2] tiny (""; the next
   longer); drop: the order they go in when short of room (0: never): a
   zero drop count, the ring's history, the capture filter, the search,
   the marks, the display filter. */
struct part {
	char	 forms[FORMS][160];
	int	 drop;
};

/* Add a part; its forms are printf'd by the caller. */
static struct part *
part_add(struct part *p, int *n, int drop)
{
	struct part *q = &p[(*n)++];

	memset(q, 0, sizeof *q);
	q->drop = drop;
	return q;
}

/* The line with each part at level lv (or its longest form not longer),
   without those whose drop is at most dropped; the separator sep. */
static void
status_join(const struct part *p, int n, int lv, int dropped,
    const char *sep, char *out, size_t size)
{
	size_t used = 0;
	int i, l;
	const char *s;

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (p[i].drop != 0 && p[i].drop <= dropped)
			continue;
		for (l = lv; l > 0 && p[i].forms[l][0] == '\0'; l--)
			;
		s = p[i].forms[l];
		if (s[0] == '\0')
			continue;
		used += (size_t)snprintf(out + used, size - used, "%s%s",
		    used > 0 ? sep : "", s);
		if (used >= size)
			return;
	}
}

/*
 * Draw the status line.  Its counters (seen, drops, history, rates) keep
 * going while the display is paused: only the views freeze.
 */
void
status_draw(struct ui *u, WINDOW *w)
{
	struct part p[PARTS], *q;
	char line[1024], a[32], b[32], c[32], d[32], e[32], prog[32];
	const char *src = u->source_name, *base;
	size_t shown = ui_shown_count(u);
	int n = 0, width = getmaxx(w), lv;
	size_t i;
	bool loaded = u->finished && !u->is_live;
	static const char *const seps[] = { " | ", " | ", "|" };
	/* (level, parts left out): see the drop order of each part. */
	static const int tries[][2] = { { 0, 0 }, { 1, 0 }, { 1, 1 },
		{ 1, 2 }, { 2, 2 }, { 2, 3 }, { 2, 4 }, { 2, 5 }, { 2, 6 } };

	/* The mode. */
	if (u->paused || u->follow) {
		q = part_add(p, &n, 0);
		snprintf(q->forms[0], sizeof q->forms[0], "%s",
		    u->paused ? "PAUSED" : "FOLLOW");
	}
	/* The source: a file by its base name when short of room. */
	q = part_add(p, &n, 0);
	base = strrchr(src, '/') != NULL && strrchr(src, '/')[1] != '\0' ?
	    strrchr(src, '/') + 1 : src;
	/* A regular file being read: how far, by its bytes. */
	if (!u->is_live && !loaded && u->file_size > 0)
		snprintf(prog, sizeof prog, " (loading %d%%)",
		    (int)(100.0 * (double)u->file_read /
		    (double)u->file_size));
	else
		snprintf(prog, sizeof prog, "%s", u->is_live ? "" : loaded ?
		    " (loaded)" : " (loading)");
	/* A long path would push every other part to its short form:
	   the file's base name then, whole forms for the rest. */
	snprintf(q->forms[0], sizeof q->forms[0], "%.100s%s",
	    strlen(src) > 48 ? base : src, prog);
	snprintf(q->forms[1], sizeof q->forms[1], "%.40s%s", base, prog);
	snprintf(q->forms[2], sizeof q->forms[2], "%.24s%s", base,
	    u->is_live || loaded ? "" : "...");
	/* Filters, when there are. */
	if (u->o->capture_filter != NULL) {
		q = part_add(p, &n, 3);
		snprintf(q->forms[0], sizeof q->forms[0], "cf: %.100s",
		    u->o->capture_filter);
		snprintf(q->forms[1], sizeof q->forms[1], "cf: %.30s",
		    u->o->capture_filter);
	}
	if (u->display != NULL) {
		q = part_add(p, &n, 6);
		snprintf(q->forms[0], sizeof q->forms[0], "df: %.100s",
		    u->display_text);
		snprintf(q->forms[1], sizeof q->forms[1], "df: %.30s",
		    u->display_text);
		snprintf(q->forms[2], sizeof q->forms[2], "df: %.12s",
		    u->display_text);
	}
	/* Seen and shown, and the display filter's progress. */
	q = part_add(p, &n, 0);
	terse(a, sizeof a, (double)u->live.packets);
	terse(b, sizeof b, (double)shown);
	c[0] = '\0';
	if (u->display != NULL && u->last != 0 && u->scanned < u->last) {
		uint64_t from = u->scan_from ? u->scan_from : 1;
		uint64_t done = u->scanned >= from ? u->scanned - from : 0;

		snprintf(c, sizeof c, " (filtering %d%%)", (int)(100.0 *
		    (double)done / (double)(u->last - from + 1)));
	}
	snprintf(q->forms[0], sizeof q->forms[0], "seen %llu shown %zu%s",
	    (unsigned long long)u->live.packets, shown, c);
	snprintf(q->forms[2], sizeof q->forms[2], "%s/%s", b, a);
	/* Drops (live, always: none is news too) and overwritten records. */
	if (u->is_live || u->live.dropped != 0 ||
	    u->live.ring_overwritten != 0) {
		q = part_add(p, &n, u->live.dropped != 0 ? 0 : 1);
		terse(a, sizeof a, (double)u->live.dropped);
		terse(b, sizeof b, (double)u->live.ring_overwritten);
		if (u->live.ring_overwritten != 0) {
			snprintf(q->forms[0], sizeof q->forms[0],
			    "drop %llu ovw %llu",
			    (unsigned long long)u->live.dropped,
			    (unsigned long long)u->live.ring_overwritten);
			snprintf(q->forms[1], sizeof q->forms[1],
			    "drop %s ovw %s", a, b);
			snprintf(q->forms[2], sizeof q->forms[2], "d%s o%s",
			    a, b);
		} else {
			snprintf(q->forms[0], sizeof q->forms[0], "drop %llu",
			    (unsigned long long)u->live.dropped);
			snprintf(q->forms[1], sizeof q->forms[1], "drop %s", a);
			snprintf(q->forms[2], sizeof q->forms[2], "d%s", a);
		}
	}
	/* Live: the history the ring holds. */
	if (u->is_live && u->first != 0) {
		q = part_add(p, &n, 2);
		terse(a, sizeof a, (double)(u->last - u->first + 1));
		duration(b, sizeof b, hist.ring_last > hist.ring_first ?
		    hist.ring_last - hist.ring_first : 0);
		snprintf(q->forms[0], sizeof q->forms[0],
		    "history %llu pkts %s",
		    (unsigned long long)(u->last - u->first + 1), b);
		snprintf(q->forms[1], sizeof q->forms[1], "hist %s %s", a, b);
		snprintf(q->forms[2], sizeof q->forms[2], "h%s", b);
	}
	/* Rates: live over the last 2 s; a file loaded, its duration and
	   averages; a file loading, the speed. */
	q = part_add(p, &n, 0);
	if (loaded) {
		double s = u->live.last_ns > u->live.first_ns ?
		    ((double)u->live.last_ns - (double)u->live.first_ns) /
		    1e9 : 0;
		double pps = s > 0 ? (double)u->live.packets / s : 0;
		double bps = s > 0 ? (double)u->live.bytes * 8 / s : 0;

		duration(a, sizeof a, s);
		human(b, sizeof b, pps, "pkt/s");
		human(c, sizeof c, bps, "bit/s");
		terse(d, sizeof d, pps);
		terse(e, sizeof e, bps);
		snprintf(q->forms[0], sizeof q->forms[0],
		    "%s, avg %s %s", a, b, c);
		snprintf(q->forms[1], sizeof q->forms[1], "%s avg %s p/s "
		    "%sb/s", a, d, e);
		snprintf(q->forms[2], sizeof q->forms[2], "%s %sp/s %sb/s", a,
		    d, e);
	} else if (!u->is_live) {
		human(b, sizeof b, hist.load_pps, "pkt/s");
		terse(d, sizeof d, hist.load_pps);
		snprintf(q->forms[0], sizeof q->forms[0], "reading %s", b);
		snprintf(q->forms[1], sizeof q->forms[1], "read %s p/s", d);
	} else {
		human(b, sizeof b, u->pps, "pkt/s");
		human(c, sizeof c, u->bps, "bit/s");
		terse(d, sizeof d, u->pps);
		terse(e, sizeof e, u->bps);
		snprintf(q->forms[0], sizeof q->forms[0], "%s %s", b, c);
		snprintf(q->forms[1], sizeof q->forms[1], "%s p/s %sb/s", d,
		    e);
		snprintf(q->forms[2], sizeof q->forms[2], "%sp/s %sb/s", d, e);
	}
	/* Marks and the search, when there are. */
	if (marks_count(u) != 0) {
		q = part_add(p, &n, 5);
		terse(a, sizeof a, (double)marks_count(u));
		snprintf(q->forms[0], sizeof q->forms[0], "marked %zu",
		    marks_count(u));
		snprintf(q->forms[1], sizeof q->forms[1], "marked %s", a);
		snprintf(q->forms[2], sizeof q->forms[2], "m%s", a);
	}
	if (u->searching) {
		q = part_add(p, &n, 4);
		snprintf(q->forms[0], sizeof q->forms[0], "search: %.100s",
		    u->search_text);
		snprintf(q->forms[1], sizeof q->forms[1], "search: %.20s",
		    u->search_text);
		snprintf(q->forms[2], sizeof q->forms[2], "/%.10s",
		    u->search_text);
	}

	/* The longest forms that fit: short labels, then without a zero
	   drop count and the history, then tiny, then without the rest. */
	for (i = 0; i < sizeof tries / sizeof tries[0]; i++) {
		lv = tries[i][0];
		status_join(p, n, lv, tries[i][1], seps[lv], line + 1,
		    sizeof line - 1);
		line[0] = ' ';
		if (ui_text_width(line) <= width)
			break;
	}
	wbkgd(w, u->colors ? COLOR_PAIR(C_STATUS) : A_REVERSE);
	ui_text_cut(w, 0, 0, line, width);
}
