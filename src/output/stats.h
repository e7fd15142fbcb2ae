/*
 * --stats: totals, protocols, flows and talkers at the end of a run, as
 * JSON (the DESIGN.md contract: every flow and talker) or as text (top N).
 * Both take the model's lock only to copy, then print without it.
 */
#ifndef WIRETOP_STATS_H
#define WIRETOP_STATS_H

#include <stddef.h>
#include <stdio.h>

#include "model/model.h"

/* Print the --stats=json object (with a final newline) to out. */
void	stats_print_json(struct model *m, FILE *out);
/* Print the --stats=text summary, top rows of flows and talkers, to out. */
void	stats_print_text(struct model *m, FILE *out, size_t top);

#endif
