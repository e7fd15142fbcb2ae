/*
 * Filters in tcpdump syntax, compiled with libpcap into BPF and run on
 * stored bytes (the display filter -Y, and capture filters on files).
 */
#ifndef WIRETOP_FILTER_H
#define WIRETOP_FILTER_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/dissect.h"

struct filter;

/* Compile expr for the link type (pcap DLT) and snaplen.  NULL with
   *cause (caller frees) when the expression is bad. */
struct filter	*filter_new(const char *expr, int link, int snaplen,
		     char **cause);
/* Does the packet match? */
bool		 filter_match(const struct filter *f, const struct frame_meta *m,
		     const uint8_t *data);
const char	*filter_text(const struct filter *f);
void		 filter_free(struct filter *f);

#endif
