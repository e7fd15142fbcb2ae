/*
 * The flows view: one row per 5-tuple flow, sorted by bytes, packets, rate
 * or last seen; also the flows of one talker (Enter in the talkers view).
 * Only the rows up to the bottom of the screen are copied from the model
 * (a partial selection there), never the whole table.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decoders.h"
#include "ui/resolver.h"
#include "ui/views.h"
#include "util.h"

static enum ui_sort cmp_sort;
static bool cmp_reverse;

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
	r = x > y ? -1 : x < y ? 1 : 0;	/* largest first */
	return reverse ? -r : r;
}

static int
flow_cmp(const struct flow_view *a, const struct flow_view *b)
{
	return flow_cmp_for(cmp_sort, cmp_reverse, a, b);
}

static const char *const sort_names[] = { "bytes", "packets", "rate",
	"last seen" };

/* "10.0.0.1:443 (https)" or a name when resolution is on. */
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

/* Does flow f involve the talker the view is limited to? */
static bool
flow_of_talker(const struct ui *u, const struct flow_view *f)
{
	size_t n = u->talker_ver == 6 ? 16 : 4;

	return f->ipver == u->talker_ver &&
	    (memcmp(f->src, u->talker_addr, n) == 0 ||
	    memcmp(f->dst, u->talker_addr, n) == 0);
}

void
flows_draw(struct ui *u, WINDOW *w)
{
	int height = getmaxy(w), width = getmaxx(w), y;
	size_t count, want, got, i, page, kept;
	struct flow_view *fv;
	char line[640], a[160], b[160], by1[16], by2[16], rate[3][16], title[128];
	const char *pname;
	int64_t now = u->tot.last_ns;

	werase(w);
	page = height > 2 ? (size_t)height - 2 : 1;
	cmp_sort = u->sort;
	cmp_reverse = u->sort_reverse;
	model_lock(u->m);
	count = model_flow_count(u->m);
	/* A talker's flows need the whole table to filter; else the top. */
	want = u->talker_flows ? count : u->flows_scroll.top + page;
	if (want > count)
		want = count;
	fv = xcalloc(want ? want : 1, sizeof *fv);
	got = model_flows(u->m, fv, want, flow_cmp);
	model_unlock(u->m);
	if (u->talker_flows) {
		for (i = 0, kept = 0; i < got; i++)
			if (flow_of_talker(u, &fv[i]))
				fv[kept++] = fv[i];
		got = kept;
		count = kept;
	}
	scroll_fit(&u->flows_scroll, count, page);

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
	wattron(w, A_BOLD);
	mvwprintw(w, 0, 0, "%s  sort: %s%s", title, sort_names[u->sort],
	    u->sort_reverse ? " (reversed)" : "");
	mvwprintw(w, 1, 0, "%-6s %-44s %7s %7s %7s %7s %23s %-12s %s", "Proto",
	    "Endpoints (A -> B)", "Pkt>", "Byte>", "Pkt<", "Byte<",
	    "Rate 2s / 10s / 40s", "State", "Age");
	wattrset(w, A_NORMAL);
	for (i = u->flows_scroll.top, y = 2; i < got && y < height; i++, y++) {
		const struct flow_view *f = &fv[i];
		char ab[352];
		int k;

		endpoint(u, f->ipver, f->proto, f->src, f->sport, a, sizeof a);
		endpoint(u, f->ipver, f->proto, f->dst, f->dport, b, sizeof b);
		snprintf(ab, sizeof ab, "%s -> %s", a, b);
		human(by1, sizeof by1, (double)f->bytes, "");
		human(by2, sizeof by2, (double)f->bytes_rev, "");
		for (k = 0; k < 3; k++)
			human(rate[k], sizeof rate[k], f->rate[k] * 8, "");
		pname = ipproto_name(f->proto);
		snprintf(line, sizeof line, "%-6.6s %-44.44s %7llu %7s %7llu "
		    "%7s %7s/%7s/%7s %-12s %llds", pname ? pname : "?", ab,
		    (unsigned long long)f->packets, by1,
		    (unsigned long long)f->packets_rev, by2, rate[0], rate[1],
		    rate[2], flow_state_name(f->state),
		    (long long)((now - f->first_ns) / 1000000000LL));
		if (i == u->flows_scroll.sel)
			wattron(w, A_REVERSE);
		mvwaddnstr(w, y, 0, line, width);
		if (i == u->flows_scroll.sel && (int)strlen(line) < width)
			mvwhline(w, y, (int)strlen(line), ' ',
			    width - (int)strlen(line));
		wattrset(w, A_NORMAL);
	}
	if (count == 0)
		mvwaddnstr(w, 2, 0, "no flows yet", width);
	free(fv);
}

bool
flows_key(struct ui *u, int key)
{
	size_t count, page = u->rows > 5 ? (size_t)u->rows - 5 : 1;

	if (key == 27 && u->talker_flows) {	/* Esc: back to talkers */
		u->talker_flows = false;
		u->view = VIEW_TALKERS;
		return true;
	}
	model_lock(u->m);
	count = model_flow_count(u->m);
	model_unlock(u->m);
	switch (key) {
	case KEY_UP: case 'k': case KEY_DOWN: case 'j':
	case KEY_PPAGE: case KEY_NPAGE: case KEY_HOME: case KEY_END:
		scroll_key(&u->flows_scroll, key, count, page);
		return true;
	}
	return false;
}
