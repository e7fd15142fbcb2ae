/*
 * --stats: totals, protocols, flows and talkers at the end of a run, as
 * JSON (the DESIGN.md contract: every flow and talker) or as text (top N).
 * Both take the model's lock only to copy, then print without it.
 */
#ifndef WIRETOP_STATS_H
#define WIRETOP_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "model/model.h"

/* Which flows --stats lists (--flow-filter): those flow(f, arg) keeps. */
struct stats_select {
	bool		(*flow)(const struct flow_view *f, void *arg);
	void		*arg;
};

/* Print the --stats=json object (with a final newline) to out; sel NULL:
   every flow. */
void	stats_print_json(struct model *m, FILE *out,
	    const struct stats_select *sel);
/* Print the --stats=text summary, top rows of flows and talkers, to out
   (sel NULL: of every flow). */
void	stats_print_text(struct model *m, FILE *out, size_t top,
	    const struct stats_select *sel);

#endif
