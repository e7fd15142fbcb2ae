/*
 * The flows view: one row per 5-tuple flow, sorted by bytes, packets, rate
 * or last seen; also the flows of one talker (Enter in the talkers view).
 * Only the rows down to the bottom of the screen are copied from the model
 * (a top-N selection there), never the whole table.  The snapshot thread
 * makes the copy (struct ui_rows), so a frame never waits for it: frames
 * draw the newest finished copy, which is taken again when the model
 * changed (at most once a second when the table is large, never while the
 * display is paused), when the sort changes, or when the rows run out.
 *
 * Layout: the columns are chosen from the width and the rows on screen.
 * Both endpoints always show with their ports (A right-aligned against
 * the arrow, B after it, each as wide as the widest visible, an address
 * cut keeps its port and shows an ellipsis); Proto is never cut; from 120
 * columns on the 2 s / 10 s / 40 s rates all show; what else fits (counts
 * each way, packets, state) comes in the order the sets below say.  As in
 * iftop, a bar behind each row (underlined) is its 2 s rate against the
 * top visible one, and a footer adds up every flow each way: cumulative
 * counts, peak and rates.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decoders.h"
#include "decode/wtime.h"
#include "ui/resolver.h"
#include "ui/text.h"
#include "ui/views.h"
#include "util.h"

#define FOOTER_ROWS	4	/* a heading and TX / RX / total */
#define EP_MAX		47	/* "[v6 address]:port" at most */
#define EP_MIN		12	/* an endpoint cut to less says little */
#define NUM_W		7	/* a count or a rate column */

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

/* The snapshot thread's: the row filter compiled, and every flow in
   order for it to look at. */
static struct ui_rows_filter row_filter;
static struct flow_view *all;
static size_t all_cap;

/*
 * Under the model's lock: the flows r wants (a talker's first).  Through
 * a row filter, every flow is copied in order and looked at: only then is
 * it known which are the first that match, and how many do.  *total is
 * then the number matching (of the talker's flows, for those).
 */
static size_t
flows_fill(const struct ui_rows_req *r, struct model *m, void *v,
    size_t *total)
{
	struct flow_view *out = v;
	struct rowfilter *rf;
	size_t count, n, i, k = 0;
	int64_t now;

	count = model_flow_count(m);
	if (r->filter[0] == '\0') {
		*total = count;
		return model_flows(m, v, r->want, flow_cmp, (void *)r);
	}
	*total = 0;
	if ((rf = ui_rows_filter(&row_filter, r, ROWS_FLOWS)) == NULL ||
	    count == 0)
		return 0;
	if (count > all_cap) {
		all = xrealloc(all, count * sizeof *all);
		all_cap = count;
	}
	n = model_flows(m, all, count, flow_cmp, (void *)r);
	now = ui_rows_now(r, m);
	for (i = 0; i < n; i++) {
		if (r->talker && !flow_of_talker(r, &all[i]))
			break;		/* its flows come first */
		if (!rowfilter_match_flow(rf, &all[i], now))
			continue;
		if (k < r->want)
			out[k] = all[i];
		k++;
	}
	*total = k;
	return k < r->want ? k : r->want;
}

/* On the snapshot thread: copy the rows the request wants, and of a
   talker's flows keep only its own; then the footer's sums. */
static void
flows_run(struct ui_job *j, struct model *m)
{
	struct ui_rows *fr = (struct ui_rows *)j;
	const struct ui_rows_req *r = &fr->req;
	struct ui_rows_copy *c = &fr->copy;
	const struct flow_view *v;
	size_t i;

	ui_rows_run(j, m);
	flows_footer_take(m, r->talker, r->tver, r->taddr);
	/* Through a row filter the fill kept the talker's flows alone. */
	if (!r->talker || r->filter[0] != '\0')
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

/* Rows of the list the last frame had (for the page keys). */
static size_t last_page = 1;

/*
 * The footer's sums: taken on the snapshot thread (with the flows or the
 * talkers), drawn by the UI thread, so under a lock of their own.  The
 * peaks are the busiest complete second seen each way since the set of
 * flows summed (all, or one talker's) last changed.
 */
static struct {
	pthread_mutex_t	 lock;
	bool		 valid, talker;
	uint8_t		 ver, addr[16];
	struct flow_sums s;
	int64_t		 peak_upto;	/* seconds up to this are in peak */
	double		 peak[3];	/* bytes: [0], [1], both */
} foot = { .lock = PTHREAD_MUTEX_INITIALIZER };

/* On the snapshot thread: the sums of every flow (talker: of the talker
   ver/addr). */
void
flows_footer_take(struct model *m, bool talker, uint8_t ver,
    const uint8_t *addr)
{
	struct flow_sums s;
	int64_t sec;
	double b[3];
	int i, d;

	model_lock(m);
	model_flows_sum(m, talker ? ver : 0, addr, &s);
	model_unlock(m);
	pthread_mutex_lock(&foot.lock);
	if (!foot.valid || foot.talker != talker || (talker &&
	    (foot.ver != ver || memcmp(foot.addr, addr, 16) != 0))) {
		foot.talker = talker;
		foot.ver = ver;
		memset(foot.addr, 0, 16);
		if (talker)
			memcpy(foot.addr, addr, 16);
		memset(foot.peak, 0, sizeof foot.peak);
		foot.peak_upto = INT64_MIN;
	}
	for (i = 0; i < 16; i++) {
		sec = s.end - 16 + i;
		if (sec <= foot.peak_upto)
			continue;
		b[0] = (double)s.history[0][i];
		b[1] = (double)s.history[1][i];
		b[2] = b[0] + b[1];
		for (d = 0; d < 3; d++)
			if (b[d] > foot.peak[d])
				foot.peak[d] = b[d];
	}
	if (s.end - 1 > foot.peak_upto)
		foot.peak_upto = s.end - 1;
	foot.s = s;
	foot.valid = true;
	pthread_mutex_unlock(&foot.lock);
}

/* Draw the footer: TX / RX / total of the flows summed (talker: its
   flows, TX what it sent; else A -> B is from the side that sent first),
   at rows y .. y + 3 of w. */
void
flows_footer(struct ui *u, WINDOW *w, int y, bool talker)
{
	static const char *const lab_all[] = { "A->B", "B->A", "total" };
	static const char *const lab_talker[] = { "TX", "RX", "total" };
	const char *const *lab = talker ? lab_talker : lab_all;
	int width = getmaxx(w), k, d;
	bool exact = width >= 100, ok;
	char line[256], pk[32], by[32], pe[16], r[3][16];
	struct flow_sums s;
	double peak[3], rate[3];
	uint64_t packets, bytes;

	pthread_mutex_lock(&foot.lock);
	ok = foot.valid && foot.talker == talker && (!talker ||
	    (foot.ver == u->talker_ver &&
	    memcmp(foot.addr, u->talker_addr, 16) == 0));
	s = foot.s;
	memcpy(peak, foot.peak, sizeof peak);
	pthread_mutex_unlock(&foot.lock);
	mvwhline(w, y, 0, ' ', width);
	wattron(w, A_BOLD);
	snprintf(line, sizeof line, "%-6s %*s %*s %7s %7s %7s %7s",
	    talker ? "Talker" : "Flows", exact ? 12 : 7, "packets",
	    exact ? 15 : 7, "bytes", "peak", "2s", "10s", "40s");
	ui_text(w, y, 0, line, width);
	wattrset(w, A_NORMAL);
	for (d = 0; d < 3; d++) {
		mvwhline(w, y + 1 + d, 0, ' ', width);
		if (!ok)
			continue;
		packets = d < 2 ? s.packets[d] : s.packets[0] + s.packets[1];
		bytes = d < 2 ? s.bytes[d] : s.bytes[0] + s.bytes[1];
		for (k = 0; k < 3; k++) {
			rate[k] = d < 2 ? s.rate[d][k] : s.rate[0][k] +
			    s.rate[1][k];
			human_short(r[k], sizeof r[k], rate[k] * 8);
		}
		human_short(pe, sizeof pe, peak[d] * 8);
		if (exact) {
			snprintf(pk, sizeof pk, "%12llu",
			    (unsigned long long)packets);
			snprintf(by, sizeof by, "%15llu",
			    (unsigned long long)bytes);
		} else {
			human_short(pk, sizeof pk, (double)packets);
			human_short(by, sizeof by, (double)bytes);
		}
		snprintf(line, sizeof line, "%-6s %*s %*s %7s %7s %7s %7s",
		    lab[d], exact ? 12 : 7, pk, exact ? 15 : 7, by, pe, r[0],
		    r[1], r[2]);
		ui_text(w, y + 1 + d, 0, line, width);
	}
}

/* The host part of an endpoint: a name when resolution is on. */
static void
ep_host(const struct ui *u, int ver, const uint8_t *addr, char *buf,
    size_t size)
{
	addr_format(ver == 6 ? FT_IPV6 : FT_IPV4, addr, buf, size);
	if (u->resolve)
		resolver_name(ver, addr, buf, size);
}

/* The port part of an endpoint (":443", ":https"); "" without ports. */
static void
ep_port(const struct ui *u, uint8_t proto, uint16_t port, char *buf,
    size_t size)
{
	const char *svc;

	buf[0] = '\0';
	if (proto != 6 && proto != 17)
		return;
	svc = u->port_names ? port_service(port, proto) : NULL;
	if (svc != NULL)
		snprintf(buf, size, ":%s", svc);
	else
		snprintf(buf, size, ":%u", port);
}

/*
 * An endpoint in at most cols columns: "10.0.0.1:443", "[2001:db8::1]:80"
 * for IPv6 with a port.  When it does not fit, a service name becomes its
 * number, then the host is cut with an ellipsis and the port kept whole.  Returns the columns it takes.
 */
static int
ep_text(const struct ui *u, int ver, uint8_t proto, const uint8_t *addr,
    uint16_t port, int cols, char *buf, size_t size)
{
	char host[160], pt[48], cut[200];
	const char *ell = u->utf8 ? "\xe2\x80\xa6" : "~";
	bool br;
	int pw, room, n, i;

	ep_host(u, ver, addr, host, sizeof host);
	ep_port(u, proto, port, pt, sizeof pt);
	br = ver == 6 && pt[0] != '\0';
	snprintf(buf, size, br ? "[%s]%s" : "%s%s", host, pt);
	if (cols <= 0 || ui_text_width(buf) <= cols)
		return ui_text_width(buf);
	/* Short of room, the port's number before any of the host: an
	   address says more than a service name. */
	if (pt[0] != '\0' && (proto == 6 || proto == 17)) {
		snprintf(pt, sizeof pt, ":%u", port);
		snprintf(buf, size, br ? "[%s]%s" : "%s%s", host, pt);
		if (ui_text_width(buf) <= cols)
			return ui_text_width(buf);
	}
	/* Cut the host: what is left after the port, the brackets and the
	   ellipsis, whole characters (the text is escaped when drawn, so
	   measure it the same way). */
	pw = ui_text_width(pt) + (br ? 2 : 0);
	room = cols - pw - 1;
	if (room < 1) {
		/* Not even the port fits with one character: cut all. */
		room = cols - 1;
		pt[0] = '\0';
		br = false;
	}
	n = (int)strlen(host);
	for (i = n; i > 0; i--) {
		if (((unsigned char)host[i] & 0xc0) == 0x80)
			continue;
		memcpy(cut, host, (size_t)i);
		cut[i] = '\0';
		if (ui_text_width(cut) <= room)
			break;
	}
	if (i <= 0)
		cut[0] = '\0';
	snprintf(buf, size, br ? "[%s%s]%s" : "%s%s%s", cut, ell, pt);
	return ui_text_width(buf);
}

/* The columns a layout can have. */
enum fcol {
	FC_PKT_AB, FC_BYTE_AB, FC_PKT_BA, FC_BYTE_BA,
	FC_PKTS, FC_BYTES, FC_R2, FC_R10, FC_R40, FC_PEAK, FC_STATE,
	FC_MAX
};

static const struct {
	const char	*head;
	int		 w;
} fcols[FC_MAX] = {
	[FC_PKT_AB] = { "Pkt>", NUM_W }, [FC_BYTE_AB] = { "Byte>", NUM_W },
	[FC_PKT_BA] = { "Pkt<", NUM_W }, [FC_BYTE_BA] = { "Byte<", NUM_W },
	[FC_PKTS] = { "Pkts", NUM_W }, [FC_BYTES] = { "Bytes", NUM_W },
	[FC_R2] = { "b/s 2s", NUM_W }, [FC_R10] = { "10s", NUM_W },
	[FC_R40] = { "40s", NUM_W }, [FC_PEAK] = { "Peak", NUM_W },
	[FC_STATE] = { "State", 11 },
};

#define L(c)	(1u << (c))
/* Column sets, richest first; narrow: allowed under 120 columns only. */
static const struct {
	unsigned	 cols;
	bool		 narrow;
} layouts[] = {
	{ L(FC_PKT_AB) | L(FC_BYTE_AB) | L(FC_PKT_BA) | L(FC_BYTE_BA) |
	    L(FC_R2) | L(FC_R10) | L(FC_R40) | L(FC_PEAK) | L(FC_STATE), false },
	{ L(FC_PKTS) | L(FC_BYTES) | L(FC_R2) | L(FC_R10) | L(FC_R40) |
	    L(FC_PEAK) | L(FC_STATE), false },
	{ L(FC_PKTS) | L(FC_BYTES) | L(FC_R2) | L(FC_R10) | L(FC_R40) |
	    L(FC_PEAK), false },
	{ L(FC_BYTES) | L(FC_R2) | L(FC_R10) | L(FC_R40) | L(FC_PEAK), false },
	{ L(FC_PKTS) | L(FC_BYTES) | L(FC_R2) | L(FC_PEAK), true },
	{ L(FC_BYTES) | L(FC_R2) | L(FC_PEAK), true },
};
#define NLAYOUTS	(sizeof layouts / sizeof layouts[0])

/* The columns of set cols. */
static int
layout_width(unsigned cols)
{
	int c, w = 0;

	for (c = 0; c < FC_MAX; c++)
		if (cols & L(c))
			w += 1 + fcols[c].w;
	return w;
}

/* The text of column c of flow f. */
static void
fcol_text(enum fcol c, const struct flow_view *f, char *buf, size_t size)
{
	switch (c) {
	case FC_PKT_AB:
		human_short(buf, size, (double)f->packets);
		break;
	case FC_BYTE_AB:
		human_short(buf, size, (double)f->bytes);
		break;
	case FC_PKT_BA:
		human_short(buf, size, (double)f->packets_rev);
		break;
	case FC_BYTE_BA:
		human_short(buf, size, (double)f->bytes_rev);
		break;
	case FC_PKTS:
		human_short(buf, size, (double)(f->packets + f->packets_rev));
		break;
	case FC_BYTES:
		human_short(buf, size, (double)(f->bytes + f->bytes_rev));
		break;
	case FC_R2:
	case FC_R10:
	case FC_R40:
		human_short(buf, size, f->rate[c - FC_R2] * 8);
		break;
	case FC_PEAK:
		human_short(buf, size, f->peak * 8);
		break;
	case FC_STATE:
		snprintf(buf, size, "%s", flow_state_name(f->state));
		break;
	default:
		buf[0] = '\0';
	}
}

/* A protocol's name for the Proto column. */
static const char *
proto_text(uint8_t proto)
{
	const char *p = ipproto_name(proto);

	return p != NULL ? p : "?";
}

/* Draw the flows view (or one talker's flows) into w. */
static void
flows_draw(struct ui *u, WINDOW *w)
{
	int height = getmaxy(w), width = getmaxx(w), by, bx, y, x;
	int pw = 5, aw = 1, bw = 1, fixed, li, c, n, bar;
	size_t count, nrows, i, page;
	char line[1024], a[256], b[256], cell[64], title[200], num[40];
	struct ui_rows_req r;
	const struct flow_view *v;
	unsigned cols;
	double top = 0;
	bool fits, footer;

	werase(w);
	getbegyx(w, by, bx);
	footer = height >= 2 + FOOTER_ROWS + 3;
	page = height - 2 - (footer ? FOOTER_ROWS : 0) > 0 ?
	    (size_t)(height - 2 - (footer ? FOOTER_ROWS : 0)) : 1;
	last_page = page;
	ui_rows_req(u, VIEW_FLOWS, &r);
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
		snprintf(num, sizeof num, "%zu%s", count,
		    r.filter[0] != '\0' ? " matching" : "");
	else
		snprintf(num, sizeof num, "...");

	if (u->talker_flows) {
		ep_host(u, u->talker_ver, u->talker_addr, a, sizeof a);
		snprintf(title, sizeof title, "Flows of %.64s: %s  (Esc: back)",
		    a, num);
	} else
		snprintf(title, sizeof title, "Flows: %s  (%llu evicted, %llu "
		    "expired)", num,
		    (unsigned long long)u->tot.flows_evicted,
		    (unsigned long long)u->tot.flows_expired);
	if (u->flow_filter[0] != '\0')
		snprintf(line, sizeof line, "%s  sort: %s%s  filter: %s",
		    title, sort_names[u->sort], u->sort_reverse ?
		    " (reversed)" : "", u->flow_filter);
	else
		snprintf(line, sizeof line, "%s  sort: %s%s", title,
		    sort_names[u->sort], u->sort_reverse ? " (reversed)" : "");
	wattron(w, A_BOLD);
	ui_text_cut(w, 0, 0, line, width);
	wattrset(w, A_NORMAL);

	/* The widths the visible rows want. */
	for (i = u->flows_scroll.top; i < nrows && i < u->flows_scroll.top +
	    page; i++) {
		const struct flow_view *f = &v[i];

		if ((n = (int)strlen(proto_text(f->proto))) > pw)
			pw = n;
		n = ep_text(u, f->ipver, f->proto, f->src, f->sport, 0, a,
		    sizeof a);
		if (n > aw)
			aw = n;
		n = ep_text(u, f->ipver, f->proto, f->dst, f->dport, 0, b,
		    sizeof b);
		if (n > bw)
			bw = n;
		if (f->rate[0] > top)
			top = f->rate[0];
	}
	if (aw > EP_MAX)
		aw = EP_MAX;
	if (bw > EP_MAX)
		bw = EP_MAX;
	/* The richest set the endpoints fit beside; else the leanest
	   allowed, the endpoints cut to share what is left. */
	fixed = pw + 5;		/* Proto and its space, " -> " */
	for (li = 0; li < (int)NLAYOUTS; li++) {
		if (layouts[li].narrow && width >= 120)
			continue;
		if (fixed + aw + bw + layout_width(layouts[li].cols) <= width)
			break;
	}
	if (li == (int)NLAYOUTS) {
		int room;

		li = width >= 120 ? 3 : (int)NLAYOUTS - 1;
		room = width - fixed - layout_width(layouts[li].cols);
		if (aw + bw > room) {
			int half = room / 2;

			if (aw <= half)
				bw = room - aw;
			else if (bw <= room - half)
				aw = room - bw;
			else {
				aw = half;
				bw = room - half;
			}
			if (aw < EP_MIN)
				aw = EP_MIN;
			if (bw < EP_MIN)
				bw = EP_MIN;
		}
	}
	cols = layouts[li].cols;

	/* The heading. */
	n = snprintf(line, sizeof line, "%-*s %*s    %-*s", pw, "Proto", aw,
	    "A", bw, "B");
	for (c = 0; c < FC_MAX; c++)
		if (cols & L(c))
			n += snprintf(line + n, sizeof line - (size_t)n, " %*s",
			    fcols[c].w, fcols[c].head);
	wattron(w, A_BOLD);
	ui_text(w, 1, 0, line, width);
	wattrset(w, A_NORMAL);

	for (i = u->flows_scroll.top, y = 2; i < nrows && y < 2 + (int)page;
	    i++, y++) {
		const struct flow_view *f = &v[i];
		int attr = i == u->flows_scroll.sel ? A_REVERSE : A_NORMAL;

		ep_text(u, f->ipver, f->proto, f->src, f->sport, aw, a,
		    sizeof a);
		ep_text(u, f->ipver, f->proto, f->dst, f->dport, bw, b,
		    sizeof b);
		wattrset(w, attr);
		mvwhline(w, y, 0, ' ', width);
		/* The bar: the 2 s rate against the top one on screen. */
		bar = top > 0 ? (int)((double)width * f->rate[0] / top + 0.5) :
		    0;
		x = 0;
		mvwprintw(w, y, x, "%-*s ", pw, proto_text(f->proto));
		x += pw + 1;
		x += aw - ui_text_width(a);
		ui_text(w, y, x, a, aw);
		x += ui_text_width(a);
		mvwaddstr(w, y, x, " -> ");
		x += 4;
		ui_text(w, y, x, b, bw);
		x += bw;
		for (c = 0; c < FC_MAX && x < width; c++) {
			if (!(cols & L(c)))
				continue;
			fcol_text((enum fcol)c, f, cell, sizeof cell);
			snprintf(line, sizeof line, c == FC_STATE ? " %-*s" :
			    " %*s", fcols[c].w, cell);
			ui_text(w, y, x, line, width - x);
			x += 1 + fcols[c].w;
		}
		if (bar > 0)
			mvwchgat(w, y, 0, bar > width ? width : bar,
			    attr | A_UNDERLINE, 0, NULL);
		wattrset(w, A_NORMAL);
	}
	u->list_rect = (struct ui_rect){ by + 2, bx, (int)page, width };
	if (!fits)
		mvwaddnstr(w, 2, 0, "reading the flow table...", width);
	else if (count == 0 && u->flow_filter[0] != '\0')
		mvwaddnstr(w, 2, 0, "no flows match the filter (/ changes it)",
		    width);
	else if (count == 0)
		mvwaddnstr(w, 2, 0, u->talker_flows ? "no live flows" :
		    "no flows yet", width);
	if (footer)
		flows_footer(u, w, height - FOOTER_ROWS, u->talker_flows);
}

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

/* Keys of the flows view: movement, Enter a flow's packets, f follow its
   stream, Esc / Backspace back (p, port names, is global). */
static bool
flows_key(struct ui *u, int key)
{
	struct ui_rows_req r;
	struct flow_view f;
	size_t count;

	ui_rows_req(u, VIEW_FLOWS, &r);
	count = ui_rows_shows(&rows, &r) ? rows.front.total : 0;
	switch (key) {
	case KEY_UP: case 'k': case KEY_DOWN: case 'j':
	case KEY_PPAGE: case KEY_NPAGE: case KEY_HOME: case KEY_END:
		scroll_key(&u->flows_scroll, key, count, last_page);
		return true;
	case '\n':
	case '\r':
	case KEY_ENTER:
		if (ui_rows_shows(&rows, &r) && flows_selected(u, &f))
			ui_open_flow(u, &f);
		return true;
	case 'f':
		if (ui_rows_shows(&rows, &r) && flows_selected(u, &f))
			follow_open_flow(u, &f);
		return true;
	case 27:		/* Esc */
	case KEY_BACKSPACE:
	case 127:
	case 8:
		if (ui_back(u))
			return true;
		if (u->talker_flows) {	/* no step to go back to */
			u->talker_flows = false;
			u->view = VIEW_TALKERS;
			return true;
		}
		return false;
	}
	return false;
}

const struct ui_view_ops view_flows = { "flows", flows_draw, flows_key };
