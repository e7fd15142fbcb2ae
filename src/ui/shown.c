/*
 * The packets shown: all those in the ring, or with a display filter (or
 * the drill-down to one flow) the numbers matched so far, ascending.  Matching is done in slices
 * between frames (shown_step()), never inside one, so that a filter over
 * a full ring neither slows the frame rate nor holds the keyboard back.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/dissect.h"
#include "filter.h"
#include "ui/views.h"
#include "util.h"

#define MATCH_CHUNK	256	/* packets filtered per hold of the lock */

/* Are the packets shown a selection (a display filter, one flow)? */
static bool
selecting(const struct ui *u)
{
	return u->display != NULL || u->flow_only;
}

/* The number of packets shown (matching the display filter). */
size_t
ui_shown_count(struct ui *u)
{
	if (selecting(u))
		return u->nmatch - u->match_start;
	if (u->last == 0 || u->last < u->first)
		return 0;
	return (size_t)(u->last - u->first + 1);
}

/* The number of the i-th packet shown. */
uint64_t
ui_shown_number(struct ui *u, size_t i)
{
	if (selecting(u))
		return u->match[u->match_start + i];
	return u->first + i;
}

/* The index of a packet number among those shown (or the nearest). */
size_t
ui_shown_index(struct ui *u, uint64_t number)
{
	size_t lo, hi, mid, n = ui_shown_count(u);

	if (n == 0)
		return 0;
	if (!selecting(u)) {
		if (number < u->first)
			return 0;
		return number > u->last ? n - 1 : (size_t)(number - u->first);
	}
	lo = 0;
	hi = n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ui_shown_number(u, mid) < number)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n ? lo : n - 1;
}

/* Forget the packets matched so far (a new filter, or none). */
static void
match_reset(struct ui *u)
{
	u->nmatch = u->match_start = 0;
	u->scanned = 0;
	u->scan_from = u->first;
}

/* Is there display-filter work left (packets not yet looked at)? */
bool
shown_pending(const struct ui *u)
{
	return selecting(u) && u->last != 0 && u->scanned < u->last;
}

/* Forget matched numbers the ring has overwritten (cheap: the front). */
void
shown_prune(struct ui *u)
{
	while (u->match_start < u->nmatch &&
	    u->match[u->match_start] < u->first)
		u->match_start++;
	if (u->match_start > 4096 && u->match_start * 2 > u->nmatch) {
		memmove(u->match, u->match + u->match_start,
		    (u->nmatch - u->match_start) * sizeof *u->match);
		u->nmatch -= u->match_start;
		u->match_start = 0;
	}
}

/* Is packet fm (bytes buf) of flow f, in either direction? */
bool
shown_of_flow(const struct flow_view *f, const struct frame_meta *fm,
    const uint8_t *buf)
{
	struct pkt_info pi;
	size_t n = f->ipver == 6 ? 16 : 4;

	dissect_frame(fm, buf, &pi, NULL, false);
	if (pi.ipver != f->ipver || pi.l4proto != f->proto)
		return false;
	if (memcmp(pi.src, f->src, n) == 0 && memcmp(pi.dst, f->dst, n) == 0)
		return pi.sport == f->sport && pi.dport == f->dport;
	if (memcmp(pi.src, f->dst, n) == 0 && memcmp(pi.dst, f->src, n) == 0)
		return pi.sport == f->dport && pi.dport == f->sport;
	return false;
}

/*
 * Run the display filter over packets not yet looked at, MATCH_CHUNK per
 * hold of the model's lock, for at most budget_ns (0: until done).  The
 * work is done between frames, never inside one, so a filter over a full
 * ring neither slows the frame rate nor blocks the keyboard for long.
 * Returns whether anything was looked at.
 */
bool
shown_step(struct ui *u, int64_t budget_ns)
{
	static uint8_t buf[SNAPLEN_MAX];
	struct frame_meta fm;
	uint64_t n, end;
	int64_t start = mono_ns();
	bool did = false;
	int i = 0;

	while (shown_pending(u)) {
		n = u->scanned + 1 > u->first ? u->scanned + 1 : u->first;
		end = u->last;
		if (end - n >= MATCH_CHUNK)
			end = n + MATCH_CHUNK - 1;
		model_lock(u->m);
		for (; n <= end; n++) {
			u->scanned = n;
			if (!model_ring_frame(u->m, n, &fm, buf, sizeof buf))
				continue;
			if (u->flow_only && !shown_of_flow(&u->flow_sel, &fm,
			    buf))
				continue;
			if (u->display != NULL &&
			    !filter_match(u->display, &fm, buf))
				continue;
			if (u->nmatch == u->capmatch) {
				u->capmatch = u->capmatch ? u->capmatch * 2 :
				    1024;
				u->match = xrealloc(u->match,
				    u->capmatch * sizeof *u->match);
			}
			u->match[u->nmatch++] = n;
		}
		model_unlock(u->m);
		did = true;
		/* Look at the clock every few chunks only. */
		if (budget_ns != 0 && (++i & 3) == 0 &&
		    mono_ns() - start >= budget_ns)
			break;
	}
	return did;
}

/* Apply the display filter typed after '/'; an empty line clears it. */
void
shown_filter(struct ui *u, const char *text)
{
	struct filter *f;
	char *cause = NULL;

	if (text[0] == '\0') {
		filter_free(u->display);
		u->display = NULL;
		u->display_text[0] = '\0';
		match_reset(u);
		ui_message(u, false, "display filter cleared");
		return;
	}
	f = filter_new(text, u->link, u->snaplen, &cause);
	if (f == NULL) {
		ui_message(u, true, "%s", cause);
		free(cause);
		return;
	}
	filter_free(u->display);
	u->display = f;
	snprintf(u->display_text, sizeof u->display_text, "%s", text);
	match_reset(u);
	u->follow = true;
	ui_message(u, false, "display filter: %s", text);
}


/* Match again from the start (the flow drill-down changed). */
void
shown_refilter(struct ui *u)
{
	match_reset(u);
}

/* The flow (its 5-tuple) of packet number n; false if it has none. */
bool
shown_flow_of(struct ui *u, uint64_t n, struct flow_view *f)
{
	static uint8_t buf[SNAPLEN_MAX];
	struct frame_meta fm;
	struct pkt_info pi;
	bool ok;

	model_lock(u->m);
	ok = model_ring_frame(u->m, n, &fm, buf, sizeof buf);
	model_unlock(u->m);
	if (!ok)
		return false;
	dissect_frame(&fm, buf, &pi, NULL, false);
	if (pi.ipver != 4 && pi.ipver != 6)
		return false;
	memset(f, 0, sizeof *f);
	f->ipver = pi.ipver;
	f->proto = pi.l4proto;
	memcpy(f->src, pi.src, sizeof f->src);
	memcpy(f->dst, pi.dst, sizeof f->dst);
	f->sport = pi.sport;
	f->dport = pi.dport;
	return true;
}
