/*
 * The display filter (-Y, / in the TUI): Wireshark's display-filter
 * language as tshark 4.0 takes it, over the fields wiretop decodes.
 * Capture filters (-f) stay BPF and are compiled where they are used.
 */
#ifndef WIRETOP_FILTER_H
#define WIRETOP_FILTER_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/dissect.h"

struct filter;

/* Compile expr (link and snaplen are the capture's; the language does
   not need them).  NULL with *cause (caller frees, one line naming what
   is wrong and its column) when the expression is bad. */
struct filter	*filter_new(const char *expr, int link, int snaplen,
		     char **cause);
/* Does the packet match? */
bool		 filter_match(const struct filter *f, const struct frame_meta *m,
		     const uint8_t *data);
const char	*filter_text(const struct filter *f);
void		 filter_free(struct filter *f);

#endif
