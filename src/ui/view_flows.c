/*
 * The flows view: one row per 5-tuple flow, sorted by bytes, packets, rate
 * or last seen; also the flows of one talker (Enter in the talkers view).
 * Only the rows down to the bottom of the screen are copied from the model
 * (a top-N selection there), never the whole table, and the copy is kept
 * between frames: taken again when the model changed, at most once a
 * second when the table is large, and never while the display is paused.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decode/decoders.h"
#include "ui/resolver.h"
#include "ui/views.h"
#include "util.h"

#define COPY_ROUND	64	/* rows copied beyond the screen, rounded */

/* The comparison model_flows() uses: statics, as it takes no argument. */
static enum ui_sort cmp_sort;
static bool cmp_reverse;
static bool cmp_talker;		/* the talker's flows first */
static uint8_t cmp_tver;
static uint8_t cmp_taddr[16];

/* The rows copied for the last frames. */
static struct {
	struct flow_view *v;
	size_t		 cap, n;	/* n copied of the want asked for */
	size_t		 want;
	size_t		 total;		/* flows in the table (or the talker's) */
	enum ui_sort	 sort;
	bool		 reverse, talker, valid;
	uint8_t		 tver, taddr[16];
	uint64_t	 gen;
	int64_t		 at, cost;
} fc;

static const char *const sort_names[] = { "bytes", "packets", "rate",
	"last seen" };

/* Monotonic nanoseconds. */
static int64_t
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Order two flows by a sort key, largest first (reverse: smallest). */
int
flow_cmp_for(enum ui_sort s, bool reverse, const struct flow_view *a,
    const struct flow_view *b)
{
	double x, y;
	int r;

	switch (s) {
	case SORT_PACKETS:
		x = (double)(a->packets + a->packets_rev);
		y = (double)(b->packets + b->packets_rev);
		break;
	case SORT_RATE:
		x = a->rate[0];
		y = b->rate[0];
		break;
	case SORT_LAST:
		x = (double)a->last_ns;
		y = (double)b->last_ns;
		break;
	default:
		x = (double)(a->bytes + a->bytes_rev);
		y = (double)(b->bytes + b->bytes_rev);
		break;
	}
	r = x > y ? -1 : x < y ? 1 : 0;
	return reverse ? -r : r;
}

/* Does flow f involve the talker cmp_taddr? */
static bool
flow_of_talker(const struct flow_view *f)
{
	size_t n = cmp_tver == 6 ? 16 : 4;

	return f->ipver == cmp_tver && (memcmp(f->src, cmp_taddr, n) == 0 ||
	    memcmp(f->dst, cmp_taddr, n) == 0);
}

/* The view's order; a talker's flows sort before all others, so the
   top-N selection finds them without copying the table. */
static int
flow_cmp(const struct flow_view *a, const struct flow_view *b)
{
	if (cmp_talker) {
		bool x = flow_of_talker(a), y = flow_of_talker(b);

		if (x != y)
			return x ? -1 : 1;
	}
	return flow_cmp_for(cmp_sort, cmp_reverse, a, b);
}

/* Copy the top rows again if the ones kept do not fit this frame. */
static void
flows_copy(struct ui *u, size_t need)
{
	size_t want, i, count;
	int64_t t0;
	bool same;

	same = fc.valid && fc.sort == u->sort && fc.reverse ==
	    u->sort_reverse && fc.talker == u->talker_flows &&
	    (!fc.talker || (fc.tver == u->talker_ver &&
	    memcmp(fc.taddr, u->talker_addr, 16) == 0));
	if (same && (need <= fc.want || fc.n < fc.want) &&
	    !ui_copy_due(u, fc.gen, fc.at, fc.cost))
		return;
	want = (need + COPY_ROUND) / COPY_ROUND * COPY_ROUND;
	if (want > fc.cap) {
		fc.v = xrealloc(fc.v, want * sizeof *fc.v);
		fc.cap = want;
	}
	cmp_sort = u->sort;
	cmp_reverse = u->sort_reverse;
	cmp_talker = u->talker_flows;
	cmp_tver = u->talker_ver;
	memcpy(cmp_taddr, u->talker_addr, 16);
	t0 = mono_ns();
	model_lock(u->m);
	count = model_flow_count(u->m);
	fc.n = model_flows(u->m, fc.v, want, flow_cmp);
	fc.gen = model_generation(u->m);
	model_unlock(u->m);
	fc.at = mono_ns();
	fc.cost = fc.at - t0;
	fc.want = want;
	fc.total = count;
	if (u->talker_flows) {
		for (i = 0; i < fc.n && flow_of_talker(&fc.v[i]); i++)
			;
		/* All its flows were found, or there are more than copied. */
		fc.total = i < fc.n || fc.n < want ? i :
		    (u->talker_nflows > i ? u->talker_nflows : i);
		fc.n = i;
	}
	fc.sort = u->sort;
	fc.reverse = u->sort_reverse;
	fc.talker = u->talker_flows;
	fc.tver = u->talker_ver;
	memcpy(fc.taddr, u->talker_addr, 16);
	fc.valid = true;
}

/* "10.0.0.1:443", with names (host, service) when resolution is on. */
static void
endpoint(const struct ui *u, int ver, uint8_t proto, const uint8_t *addr,
    uint16_t port, char *buf, size_t size)
{
	char host[128];
	const char *svc;

	addr_format(ver == 6 ? FT_IPV6 : FT_IPV4, addr, host, sizeof host);
	if (u->resolve)
		resolver_name(ver, addr, host, sizeof host);
	if (proto != 6 && proto != 17) {
		snprintf(buf, size, "%s", host);
		return;
	}
	svc = u->resolve ? port_service(port, proto) : NULL;
	if (svc != NULL)
		snprintf(buf, size, ver == 6 ? "[%s]:%s" : "%s:%s", host, svc);
	else
		snprintf(buf, size, ver == 6 ? "[%s]:%u" : "%s:%u", host, port);
}

/* Draw the flows view (or one talker's flows) into w. */
void
flows_draw(struct ui *u, WINDOW *w)
{
	int height = getmaxy(w), width = getmaxx(w), y, ew;
	size_t count, i, page;
	char line[640], a[160], b[160], ab[352], by1[16], by2[16], rate[3][16];
	char title[160], age[24];
	const char *pname;
	bool wide = width >= 132;
	int64_t now = u->tot.last_ns;

	werase(w);
	page = height > 2 ? (size_t)height - 2 : 1;
	scroll_fit(&u->flows_scroll, fc.valid ? fc.total : 0, page);
	flows_copy(u, u->flows_scroll.top + page);
	count = fc.total;
	scroll_fit(&u->flows_scroll, count, page);
	if (u->flows_scroll.top + page > fc.n && fc.n < count)
		flows_copy(u, u->flows_scroll.top + page);

	if (u->talker_flows) {
		addr_format(u->talker_ver == 6 ? FT_IPV6 : FT_IPV4,
		    u->talker_addr, a, sizeof a);
		snprintf(title, sizeof title, "Flows of %.64s: %zu  (Esc: back)",
		    a, count);
	} else
		snprintf(title, sizeof title, "Flows: %zu  (%llu evicted, %llu "
		    "expired)", count,
		    (unsigned long long)u->tot.flows_evicted,
		    (unsigned long long)u->tot.flows_expired);
	ew = wide ? 44 : width - 51 > 24 ? width - 51 : 24;
	wattron(w, A_BOLD);
	mvwprintw(w, 0, 0, "%s  sort: %s%s", title, sort_names[u->sort],
	    u->sort_reverse ? " (reversed)" : "");
	if (wide)
		mvwprintw(w, 1, 0, "%-6s %-44s %7s %7s %7s %7s %23s %-12s %s",
		    "Proto", "Endpoints (A -> B)", "Pkt>", "Byte>", "Pkt<",
		    "Byte<", "bit/s 2s / 10s / 40s", "State", "Age");
	else
		mvwprintw(w, 1, 0, "%-5s %-*s %7s %7s %7s %7s %s", "Proto",
		    ew, "Endpoints (A -> B)", "Pkts", "Byte>", "Byte<",
		    "bit/s", "State");
	wattrset(w, A_NORMAL);
	for (i = u->flows_scroll.top, y = 2; i < fc.n && y < height;
	    i++, y++) {
		const struct flow_view *f = &fc.v[i];
		int k;

		endpoint(u, f->ipver, f->proto, f->src, f->sport, a, sizeof a);
		endpoint(u, f->ipver, f->proto, f->dst, f->dport, b, sizeof b);
		snprintf(ab, sizeof ab, "%s -> %s", a, b);
		human(by1, sizeof by1, (double)f->bytes, "");
		human(by2, sizeof by2, (double)f->bytes_rev, "");
		for (k = 0; k < 3; k++)
			human(rate[k], sizeof rate[k], f->rate[k] * 8, "");
		pname = ipproto_name(f->proto);
		snprintf(age, sizeof age, "%llds", now > f->first_ns ?
		    (long long)((now - f->first_ns) / 1000000000LL) : 0LL);
		if (wide)
			snprintf(line, sizeof line, "%-6.6s %-44.44s %7llu %7s "
			    "%7llu %7s %7s/%7s/%7s %-12s %s",
			    pname ? pname : "?", ab,
			    (unsigned long long)f->packets, by1,
			    (unsigned long long)f->packets_rev, by2, rate[0],
			    rate[1], rate[2], flow_state_name(f->state), age);
		else
			snprintf(line, sizeof line, "%-5.5s %-*.*s %7llu %7s "
			    "%7s %7s %s", pname ? pname : "?", ew, ew, ab,
			    (unsigned long long)(f->packets + f->packets_rev),
			    by1, by2, rate[0], flow_state_name(f->state));
		if (i == u->flows_scroll.sel)
			wattron(w, A_REVERSE);
		mvwaddnstr(w, y, 0, line, width);
		if (i == u->flows_scroll.sel && (int)strlen(line) < width)
			mvwhline(w, y, (int)strlen(line), ' ',
			    width - (int)strlen(line));
		wattrset(w, A_NORMAL);
	}
	if (count == 0)
		mvwaddnstr(w, 2, 0, u->talker_flows ? "no live flows" :
		    "no flows yet", width);
}

/* Keys of the flows view: movement, and Esc back to the talkers. */
bool
flows_key(struct ui *u, int key)
{
	size_t count = fc.valid ? fc.total : 0;
	size_t page = u->rows > 5 ? (size_t)u->rows - 5 : 1;

	if (key == 27 && u->talker_flows) {	/* Esc: back to talkers */
		u->talker_flows = false;
		u->view = VIEW_TALKERS;
		return true;
	}
	switch (key) {
	case KEY_UP: case 'k': case KEY_DOWN: case 'j':
	case KEY_PPAGE: case KEY_NPAGE: case KEY_HOME: case KEY_END:
		scroll_key(&u->flows_scroll, key, count, page);
		return true;
	}
	return false;
}
