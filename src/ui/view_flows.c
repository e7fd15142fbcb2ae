/*
 * The flows view: one row per 5-tuple flow, sorted by bytes, packets, rate
 * or last seen; also the flows of one talker (Enter in the talkers view).
 * Only the rows down to the bottom of the screen are copied from the model
 * (a top-N selection there), never the whole table.  The snapshot thread
 * makes the copy (struct ui_rows), so a frame never waits for it: frames
 * draw the newest finished copy, which is taken again when the model
 * changed (at most once a second when the table is large, never while the
 * display is paused), when the sort changes, or when the rows run out.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decoders.h"
#include "decode/wtime.h"
#include "ui/resolver.h"
#include "ui/text.h"
#include "ui/views.h"
#include "util.h"

static const char *const sort_names[] = { "bytes", "packets", "rate",
	"last seen" };

/* A flow's value for a sort key. */
static double
flow_key(enum ui_sort s, const struct flow_view *f)
{
	switch (s) {
	case SORT_PACKETS:
		return (double)(f->packets + f->packets_rev);
	case SORT_RATE:
		return f->rate[0];
	case SORT_LAST:
		return (double)f->last_ns;
	default:
		return (double)(f->bytes + f->bytes_rev);
	}
}

/* Order two flows by a sort key, largest first (reverse: smallest). */
int
flow_cmp_for(enum ui_sort s, bool reverse, const struct flow_view *a,
    const struct flow_view *b)
{
	return ui_rows_order(flow_key(s, a), flow_key(s, b), reverse);
}

/* Does flow f involve the talker of request r? */
static bool
flow_of_talker(const struct ui_rows_req *r, const struct flow_view *f)
{
	size_t n = r->tver == 6 ? 16 : 4;

	return f->ipver == r->tver && (memcmp(f->src, r->taddr, n) == 0 ||
	    memcmp(f->dst, r->taddr, n) == 0);
}

/* The order of request arg; a talker's flows sort before all others, so
   the top-N selection finds them without copying the table. */
static int
flow_cmp(const struct flow_view *a, const struct flow_view *b, void *arg)
{
	const struct ui_rows_req *r = arg;

	if (r->talker) {
		bool x = flow_of_talker(r, a), y = flow_of_talker(r, b);

		if (x != y)
			return x ? -1 : 1;
	}
	return flow_cmp_for(r->sort, r->reverse, a, b);
}

/* Under the model's lock: the flows r wants (a talker's first). */
static size_t
flows_fill(const struct ui_rows_req *r, struct model *m, void *v,
    size_t *total)
{
	*total = model_flow_count(m);
	return model_flows(m, v, r->want, flow_cmp, (void *)r);
}

/* On the snapshot thread: copy the rows the request wants, and of a
   talker's flows keep only its own. */
static void
flows_run(struct ui_job *j, struct model *m)
{
	struct ui_rows *fr = (struct ui_rows *)j;
	const struct ui_rows_req *r = &fr->req;
	struct ui_rows_copy *c = &fr->copy;
	const struct flow_view *v;
	size_t i;

	ui_rows_run(j, m);
	if (!r->talker)
		return;
	v = c->v;
	for (i = 0; i < c->n && flow_of_talker(r, &v[i]); i++)
		;
	/* All its flows were found, or there are more than copied. */
	c->total = i < c->n || c->n < r->want ? i :
	    (r->tflows > i ? r->tflows : i);
	c->n = i;
}

/* The flows drawn, and the job that copies the next ones. */
static struct ui_rows rows = { .job.run = flows_run,
	.size = sizeof(struct flow_view), .fill = flows_fill };

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
static void
flows_draw(struct ui *u, WINDOW *w)
{
	int height = getmaxy(w), width = getmaxx(w), y, ew;
	size_t count, nrows, i, page;
	char line[640], a[160], b[160], ab[352], by1[16], by2[16], rate[3][16];
	char title[160], age[24], num[24];
	const char *pname;
	bool wide = width >= 132, fits;
	int64_t now = u->tot.last_ns;
	struct ui_rows_req r;
	const struct flow_view *v;

	werase(w);
	page = height > 2 ? (size_t)height - 2 : 1;
	ui_rows_req(u, u->talker_flows, &r);
	/* Fit to the copy drawn before asking for rows: another talker's
	   flows, or a new height, move where they start. */
	scroll_fit(&u->flows_scroll, ui_rows_shows(&rows, &r) ?
	    rows.front.total : 0, page);
	fits = ui_rows_frame(u, &rows, &r, &u->flows_scroll, page);
	v = rows.front.v;
	count = fits ? rows.front.total : 0;
	nrows = fits ? rows.front.n : 0;
	/* Until the first copy of these flows is done: no count. */
	if (fits)
		snprintf(num, sizeof num, "%zu", count);
	else
		snprintf(num, sizeof num, "...");

	if (u->talker_flows) {
		addr_format(u->talker_ver == 6 ? FT_IPV6 : FT_IPV4,
		    u->talker_addr, a, sizeof a);
		snprintf(title, sizeof title, "Flows of %.64s: %s  (Esc: back)",
		    a, num);
	} else
		snprintf(title, sizeof title, "Flows: %s  (%llu evicted, %llu "
		    "expired)", num,
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
	for (i = u->flows_scroll.top, y = 2; i < nrows && y < height;
	    i++, y++) {
		const struct flow_view *f = &v[i];
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
		    (long long)(wtime_ns_sub(now, f->first_ns) /
		    NS_PER_SEC) : 0LL);
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
		ui_text(w, y, 0, line, width);
		if (i == u->flows_scroll.sel && (int)strlen(line) < width)
			mvwhline(w, y, (int)strlen(line), ' ',
			    width - (int)strlen(line));
		wattrset(w, A_NORMAL);
	}
	if (!fits)
		mvwaddnstr(w, 2, 0, "reading the flow table...", width);
	else if (count == 0)
		mvwaddnstr(w, 2, 0, u->talker_flows ? "no live flows" :
		    "no flows yet", width);
}

/* Keys of the flows view: movement, and Esc back to the talkers. */
static bool
flows_key(struct ui *u, int key)
{
	size_t count, page = u->rows > 5 ? (size_t)u->rows - 5 : 1;
	struct ui_rows_req r;

	ui_rows_req(u, u->talker_flows, &r);
	count = ui_rows_shows(&rows, &r) ? rows.front.total : 0;
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

const struct ui_view_ops view_flows = { "flows", flows_draw, flows_key };

/* The flow of the selected row (w saves it); false if none is drawn. */
bool
flows_selected(struct ui *u, struct flow_view *f)
{
	const struct flow_view *v = rows.front.v;

	if (!rows.front.valid || v == NULL ||
	    u->flows_scroll.sel >= rows.front.n)
		return false;
	*f = v[u->flows_scroll.sel];
	return true;
}
