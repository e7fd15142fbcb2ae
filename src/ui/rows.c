/*
 * A view's copy of the first rows of the flow or talker table, in the
 * view's order: asked of the snapshot thread when the rows, their order or
 * the model changed, so that a frame draws the newest finished copy and
 * never waits for one.  Also the views' row filters (/ in the flows and
 * talkers views): the UI thread keeps their text and checks it compiles;
 * the snapshot thread compiles its own copy, so nothing compiled is
 * shared between the two.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/views.h"
#include "util.h"

#define COPY_FAST_NS	NS_PER_MS	/* a table copy this quick: every
					   frame */
#define COPY_ROUND	64	/* table rows copied beyond the screen, rounded */

/*
 * A view copied a table (flows, talkers) at copied_at, of generation
 * copied_gen, in copy_ns.  Copy again if the model changed since, at once
 * when copying is cheap, else a second after the last copy (asking for a
 * frame then, so an idle UI does not keep stale rows).  Paused: never.
 */
bool
ui_copy_due(struct ui *u, uint64_t copied_gen, int64_t copied_at,
    int64_t copy_ns)
{
	if (u->paused || copied_gen == u->gen)
		return false;
	if (copy_ns < COPY_FAST_NS || u->now - copied_at >= NS_PER_SEC)
		return true;
	ui_redraw_at(u, copied_at + NS_PER_SEC);
	return false;
}

/* The request for the rows view v shows now (want aside): in the sort
   the UI says, through its row filter, of one talker for the flows of
   one. */
void
ui_rows_req(const struct ui *u, enum ui_view v, struct ui_rows_req *r)
{
	bool talker = v == VIEW_FLOWS && u->talker_flows;

	memset(r, 0, sizeof *r);
	r->sort = u->sort;
	r->reverse = u->sort_reverse;
	r->talker = talker;
	if (talker) {
		r->tver = u->talker_ver;
		memcpy(r->taddr, u->talker_addr, 16);
		r->tflows = u->talker_nflows;
	}
	snprintf(r->filter, sizeof r->filter, "%s", ui_rows_filter_text(u, v));
	r->live = u->is_live;
}

/* The row filter of view v ("": none). */
const char *
ui_rows_filter_text(const struct ui *u, enum ui_view v)
{
	if (v == VIEW_FLOWS)
		return u->flow_filter;
	if (v == VIEW_TALKERS)
		return u->talker_filter;
	return "";
}

/* Apply a row filter typed after / in view v; "" clears it, a bad one
   says why (inline, on the message line) and the previous one stays. */
void
ui_rows_filter_set(struct ui *u, enum ui_view v, const char *text)
{
	enum rowfilter_kind kind = v == VIEW_TALKERS ? ROWS_TALKERS :
	    ROWS_FLOWS;
	const char *what = kind == ROWS_TALKERS ? "talker" : "flow";
	char *dst = kind == ROWS_TALKERS ? u->talker_filter : u->flow_filter;
	struct ui_scroll *s = kind == ROWS_TALKERS ? &u->talkers_scroll :
	    &u->flows_scroll;
	struct rowfilter *rf;
	char *cause = NULL;

	if (text[0] == '\0') {
		dst[0] = '\0';
		ui_message(u, false, "%s filter cleared", what);
	} else if ((rf = rowfilter_compile(text, kind, &cause)) == NULL) {
		ui_message(u, true, "%s", cause);
		free(cause);
		return;
	} else {
		rowfilter_free(rf);
		if (strlen(text) >= UI_ROW_FILTER_MAX) {
			ui_message(u, true, "%s filter: longer than %d "
			    "characters", what, UI_ROW_FILTER_MAX - 1);
			return;
		}
		snprintf(dst, UI_ROW_FILTER_MAX, "%s", text);
		ui_message(u, false, "%s filter: %s", what, text);
	}
	s->sel = s->top = 0;
}

/* On the snapshot thread: r's row filter, compiled into c when its text
   changed; NULL when r has none (or it does not compile: the UI thread
   checked it does). */
struct rowfilter *
ui_rows_filter(struct ui_rows_filter *c, const struct ui_rows_req *r,
    enum rowfilter_kind kind)
{
	char *cause = NULL;

	if (r->filter[0] == '\0')
		return NULL;
	if (c->rf != NULL && strcmp(c->text, r->filter) == 0)
		return c->rf;
	rowfilter_free(c->rf);
	snprintf(c->text, sizeof c->text, "%s", r->filter);
	if ((c->rf = rowfilter_compile(r->filter, kind, &cause)) == NULL)
		free(cause);
	return c->rf;
}

/* Under the model's lock: the time a row's age is measured to, the
   newest packet's (a file), or the clock's (live). */
int64_t
ui_rows_now(const struct ui_rows_req *r, struct model *m)
{
	struct model_totals tot;
	int64_t now;

	model_totals(m, &tot);
	now = r->live ? wall_ns() : tot.last_ns;
	return now > tot.last_ns ? now : tot.last_ns;
}

/* On the snapshot thread: copy the rows the job's request wants. */
void
ui_rows_run(struct ui_job *j, struct model *m)
{
	struct ui_rows *rows = (struct ui_rows *)j;
	const struct ui_rows_req *r = &rows->req;
	struct ui_rows_copy *c = &rows->copy;
	int64_t t0;

	if (r->want > c->cap) {
		c->v = xrealloc(c->v, r->want * rows->size);
		c->cap = r->want;
	}
	t0 = mono_ns();
	model_lock(m);
	c->n = rows->fill(r, m, c->v, &c->total);
	c->gen = model_generation(m);
	model_unlock(m);
	c->at = mono_ns();
	c->cost = c->at - t0;
	c->req = *r;
	c->valid = true;
}

/* Is the copy drawn of the rows r asks for? */
bool
ui_rows_shows(const struct ui_rows *rows, const struct ui_rows_req *r)
{
	const struct ui_rows_req *f = &rows->front.req;

	return rows->front.valid && f->talker == r->talker &&
	    (!r->talker || (f->tver == r->tver &&
	    memcmp(f->taddr, r->taddr, 16) == 0)) &&
	    strcmp(f->filter, r->filter) == 0;
}

/* Take a finished copy back as the one drawn. */
static void
rows_take(struct ui *u, struct ui_rows *rows)
{
	struct ui_rows_copy t;

	if (!rows->out || !ui_job_take(u, &rows->job))
		return;
	rows->out = false;
	t = rows->front;
	rows->front = rows->copy;
	rows->copy = t;		/* its buffer, for the next job */
}

/*
 * Make sure a copy of the first need rows r asks for is drawn or on its
 * way: ask the snapshot thread for one if the rows or their order changed,
 * rows are missing (or soon will be), or the model changed
 * (ui_copy_due()).  The frame draws what it has; a new order or missing
 * rows get a frame of their own as soon as the copy is done (urgent), a
 * refresh waits for the next one.
 */
static void
rows_copy(struct ui *u, struct ui_rows *rows, const struct ui_rows_req *req,
    size_t need)
{
	const struct ui_rows_copy *f = &rows->front;
	struct ui_rows_req r = *req;
	bool more, urgent;

	rows_take(u, rows);
	r.want = (need / COPY_ROUND + 2) * COPY_ROUND;
	/* More rows than copied may exist only if the copy is full. */
	more = f->valid && f->n == f->req.want;
	if (!ui_rows_shows(rows, &r) || f->req.sort != r.sort ||
	    f->req.reverse != r.reverse || (more && need > f->req.want))
		urgent = true;
	else if ((more && need + COPY_ROUND > f->req.want) ||
	    ui_copy_due(u, f->gen, f->at, f->cost))
		urgent = false;
	else
		return;
	if (rows->out) {
		/* The copy out may be of something else: take it, then ask
		   again (a frame follows it at once). */
		if (urgent)
			ui_job_hurry(u, &rows->job);
		return;
	}
	rows->req = r;
	ui_job_post(u, &rows->job, urgent);
	rows->out = true;
}

/* For a frame of page rows of list s: take a finished copy, ask for the
   next where needed, and fit s to the rows.  True if rows->front is what
   r asks for. */
bool
ui_rows_frame(struct ui *u, struct ui_rows *rows, const struct ui_rows_req *r,
    struct ui_scroll *s, size_t page)
{
	const struct ui_rows_copy *f = &rows->front;
	bool fits;

	rows_copy(u, rows, r, s->top + page);
	scroll_fit(s, ui_rows_shows(rows, r) ? f->total : 0, page);
	if (ui_rows_shows(rows, r) && s->top + page > f->n && f->n < f->total)
		rows_copy(u, rows, r, s->top + page);
	/* The copy may have changed in rows_copy(): look again. */
	fits = ui_rows_shows(rows, r);
	scroll_fit(s, fits ? f->total : 0, page);
	return fits;
}

