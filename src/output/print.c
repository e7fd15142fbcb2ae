/* -P: one line per packet, tshark's columns with tcpdump's brevity. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "decode/wtime.h"
#include "escape.h"
#include "output/output.h"

void
summary_addrs(const struct pkt_info *pi, char *src, size_t srcsize,
    char *dst, size_t dstsize)
{
	int type = pi->ipver == 6 ? FT_IPV6 : FT_IPV4;

	if (pi->ipver != 0) {
		addr_format(type, pi->src, src, srcsize);
		addr_format(type, pi->dst, dst, dstsize);
	} else if (pi->has_mac) {
		addr_format(FT_ETHER, pi->macsrc, src, srcsize);
		addr_format(FT_ETHER, pi->macdst, dst, dstsize);
	} else {
		snprintf(src, srcsize, "-");
		snprintf(dst, dstsize, "-");
	}
}

const char *
summary_proto(const struct pkt_info *pi)
{
	if (pi->top == P_FRAME || pi->top >= P_MAX)
		return "Frame";
	return proto_defs[pi->top].column;
}

void
print_summary(FILE *out, const struct frame_meta *m, const struct pkt_info *pi,
    int time_format)
{
	char src[64], dst[64], when[64];

	summary_addrs(pi, src, sizeof src, dst, sizeof dst);
	/* -i any: every packet says which interface it came in on.  The
	   name and the Info text may hold text from the wire or a file:
	   they go out through the escaping rule. */
	fprintf(out, "%" PRIu64, m->number);
	if (m->ifname != NULL) {
		fputc(' ', out);
		escape_fputs(out, m->ifname);
	}
	/* tshark's time column; empty when the time has no date (the
	   line then holds two spaces, as tshark's column is blank). */
	wtime_column(time_format, m, when, sizeof when);
	fprintf(out, " %s %s → %s %s %u ", when, src, dst, summary_proto(pi),
	    m->wirelen);
	escape_fputs(out, pi->info[0] != '\0' ? pi->info : summary_proto(pi));
	fputc('\n', out);
}
