/*
 * Drill-down: talkers -> a talker's flows -> a flow's packets -> a packet,
 * each step with Enter, back with Esc or Backspace.  The views to go back
 * to are a short stack; the breadcrumb line (loop.c) says where the user
 * is.
 */
#include "config.h"

#include <string.h>

#include "ui/views.h"

void
ui_push_view(struct ui *u, enum ui_view v)
{
	if (u->nback == sizeof u->back / sizeof u->back[0])
		memmove(u->back, u->back + 1,
		    (u->nback - 1) * sizeof u->back[0]), u->nback--;
	u->back[u->nback++] = u->view;
	u->view = v;
}

/* Show the packets of flow f: the packets view limited to it. */
void
ui_open_flow(struct ui *u, const struct flow_view *f)
{
	u->flow_sel = *f;
	u->flow_only = true;
	shown_refilter(u);
	u->sel_number = u->top_number = 0;
	u->follow = false;
	ui_push_view(u, VIEW_PACKETS);
}

bool
ui_back(struct ui *u)
{
	enum ui_view to;

	if (u->nback == 0)
		return false;
	to = u->back[--u->nback];
	if (u->view == VIEW_PACKETS && u->flow_only) {
		if (u->detail != NULL) {
			detail_close(u->detail);
			u->detail = NULL;
			u->focus = FOCUS_LIST;
		}
		u->flow_only = false;
		shown_refilter(u);
	}
	if (to == VIEW_TALKERS)
		u->talker_flows = false;
	u->view = to;
	return true;
}
