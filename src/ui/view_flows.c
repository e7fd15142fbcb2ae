/*
 * The flows view: one row per 5-tuple flow, sorted by bytes, packets, rate
 * or last seen; also the flows of one talker (Enter in the talkers view).
 * Only the rows down to the bottom of the screen are copied from the model
 * (a top-N selection there), never the whole table.  The snapshot thread
 * makes the copy (struct ui_job), so a frame never waits for it: frames
 * draw the newest finished copy, which is taken again when the model
 * changed (at most once a second when the table is large, never while the
 * display is paused), when the sort changes, or when the rows run out.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decoders.h"
#include "ui/resolver.h"
#include "ui/views.h"
#include "util.h"

#define COPY_ROUND	64	/* rows copied beyond the screen, rounded */

/* What a copy is of. */
struct flows_req {
	enum ui_sort	 sort;
	bool		 reverse;
	bool		 talker;	/* only the flows of one talker */
	uint8_t		 tver, taddr[16];
	uint32_t	 tflows;	/* its flows as the talkers view said */
	size_t		 want;		/* rows */
};

/* A finished copy: the first rows of the table in the request's order. */
struct flows_copy {
	struct flows_req req;
	struct flow_view *v;
	size_t		 cap, n;
	size_t		 total;		/* flows in the table (or the talker's) */
	uint64_t	 gen;		/* the model's generation copied */
	int64_t		 at, cost;	/* when it was made, how long it took */
	bool		 valid;
};

/* The snapshot thread's job: the request and the copy it fills. */
struct flows_job {
	struct ui_job	 job;		/* first: run() gets its address */
	struct flows_req req;
	struct flows_copy copy;
};

static struct flows_job fj;		/* out, or idle with nothing in it */
static bool fj_out;			/* posted and not taken back yet */
static struct flows_copy front;		/* what frames draw */

/* The request model_flows() compares under: it takes no argument, and
   only the snapshot thread sorts. */
static _Thread_local const struct flows_req *cmp_req;

static const char *const sort_names[] = { "bytes", "packets", "rate",
	"last seen" };

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

/* Does flow f involve the talker of request r? */
static bool
flow_of_talker(const struct flows_req *r, const struct flow_view *f)
{
	size_t n = r->tver == 6 ? 16 : 4;

	return f->ipver == r->tver && (memcmp(f->src, r->taddr, n) == 0 ||
	    memcmp(f->dst, r->taddr, n) == 0);
}

/* The request's order; a talker's flows sort before all others, so the
   top-N selection finds them without copying the table. */
static int
flow_cmp(const struct flow_view *a, const struct flow_view *b)
{
	const struct flows_req *r = cmp_req;

	if (r->talker) {
		bool x = flow_of_talker(r, a), y = flow_of_talker(r, b);

		if (x != y)
			return x ? -1 : 1;
	}
	return flow_cmp_for(r->sort, r->reverse, a, b);
}

/* On the snapshot thread: copy the rows the request wants. */
static void
flows_run(struct ui_job *j, struct model *m)
{
	struct flows_job *job = (struct flows_job *)j;
	const struct flows_req *r = &job->req;
	struct flows_copy *c = &job->copy;
	size_t i, count;
	int64_t t0;

	if (r->want > c->cap) {
		c->v = xrealloc(c->v, r->want * sizeof *c->v);
		c->cap = r->want;
	}
	cmp_req = r;
	t0 = ui_now_ns();
	model_lock(m);
	count = model_flow_count(m);
	c->n = model_flows(m, c->v, r->want, flow_cmp);
	c->gen = model_generation(m);
	model_unlock(m);
	c->at = ui_now_ns();
	c->cost = c->at - t0;
	cmp_req = NULL;
	c->total = count;
	if (r->talker) {
		for (i = 0; i < c->n && flow_of_talker(r, &c->v[i]); i++)
			;
		/* All its flows were found, or there are more than copied. */
		c->total = i < c->n || c->n < r->want ? i :
		    (r->tflows > i ? r->tflows : i);
		c->n = i;
	}
	c->req = *r;
	c->valid = true;
}

/* Are two requests for the same rows in the same order (want aside)? */
static bool
same_order(const struct flows_req *a, const struct flows_req *b)
{
	return a->sort == b->sort && a->reverse == b->reverse &&
	    a->talker == b->talker && (!a->talker || (a->tver == b->tver &&
	    memcmp(a->taddr, b->taddr, 16) == 0));
}

/* Are the rows of the copy drawn the flows the view shows (the order may
   still be an older one for a frame or two)? */
static bool
front_fits(const struct ui *u)
{
	return front.valid && front.req.talker == u->talker_flows &&
	    (!u->talker_flows || (front.req.tver == u->talker_ver &&
	    memcmp(front.req.taddr, u->talker_addr, 16) == 0));
}

/* Take a finished copy back as the one drawn. */
static bool
flows_take(struct ui *u)
{
	struct flows_copy t;

	if (!fj_out || !ui_job_take(u, &fj.job))
		return false;
	fj_out = false;
	t = front;
	front = fj.copy;
	fj.copy = t;		/* its buffer, for the next job */
	return true;
}

/*
 * Make sure a copy with the first need rows is drawn or on its way: ask
 * the snapshot thread for one if the order changed, rows are missing (or
 * soon will be), or the model changed (ui_copy_due()).  The frame draws
 * what it has; a new order or missing rows get a frame of their own as
 * soon as the copy is done (urgent), a refresh waits for the next one.
 */
static void
flows_copy(struct ui *u, size_t need)
{
	struct flows_req r;
	bool more, urgent;

	flows_take(u);
	memset(&r, 0, sizeof r);
	r.sort = u->sort;
	r.reverse = u->sort_reverse;
	r.talker = u->talker_flows;
	if (r.talker) {
		r.tver = u->talker_ver;
		memcpy(r.taddr, u->talker_addr, 16);
		r.tflows = u->talker_nflows;
	}
	r.want = (need / COPY_ROUND + 2) * COPY_ROUND;
	/* More rows than copied may exist only if the copy is full. */
	more = front.valid && front.n == front.req.want;
	if (!front.valid || !same_order(&front.req, &r) ||
	    (more && need > front.req.want))
		urgent = true;
	else if ((more && need + COPY_ROUND > front.req.want) ||
	    ui_copy_due(u, front.gen, front.at, front.cost))
		urgent = false;
	else
		return;
	if (fj_out) {
		/* The copy out may be of something else: take it, then ask
		   again (a frame follows it at once). */
		if (urgent)
			ui_job_hurry(u, &fj.job);
		return;
	}
	fj.job.run = flows_run;
	fj.req = r;
	ui_job_post(u, &fj.job, urgent);
	fj_out = true;
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
	size_t count, nrows, i, page;
	char line[640], a[160], b[160], ab[352], by1[16], by2[16], rate[3][16];
	char title[160], age[24], num[24];
	const char *pname;
	bool wide = width >= 132, fits;
	int64_t now = u->tot.last_ns;

	werase(w);
	page = height > 2 ? (size_t)height - 2 : 1;
	scroll_fit(&u->flows_scroll, front_fits(u) ? front.total : 0, page);
	flows_copy(u, u->flows_scroll.top + page);
	scroll_fit(&u->flows_scroll, front_fits(u) ? front.total : 0, page);
	if (front_fits(u) && u->flows_scroll.top + page > front.n &&
	    front.n < front.total)
		flows_copy(u, u->flows_scroll.top + page);
	/* The copy may have changed in flows_copy(): look again. */
	fits = front_fits(u);
	count = fits ? front.total : 0;
	nrows = fits ? front.n : 0;
	scroll_fit(&u->flows_scroll, count, page);
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
		const struct flow_view *f = &front.v[i];
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
	if (!fits)
		mvwaddnstr(w, 2, 0, "reading the flow table...", width);
	else if (count == 0)
		mvwaddnstr(w, 2, 0, u->talker_flows ? "no live flows" :
		    "no flows yet", width);
}

/* Keys of the flows view: movement, and Esc back to the talkers. */
bool
flows_key(struct ui *u, int key)
{
	size_t count = front_fits(u) ? front.total : 0;
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
