/* Writing packets to a pcap file (-w, and the TUI's save key). */
#ifndef WIRETOP_DUMP_H
#define WIRETOP_DUMP_H

#include <stdint.h>

#include "decode/packet.h"

struct dump;

/* Open path for writing pcap with nanosecond timestamps ("-": stdout).
   NULL with *cause (caller frees) on failure. */
struct dump	*dump_open(const char *path, int link, int snaplen,
		     char **cause);
/* Append one packet; -1 with *cause set if the write failed. */
int		 dump_write(struct dump *d, const struct frame_meta *m,
		     const uint8_t *data, char **cause);
/* Flush and close; -1 with *cause set if the final write failed. */
int		 dump_close(struct dump *d, char **cause);

#endif
