/* Writing packets to a pcap file (-w, and the TUI's save key). */
#ifndef WIRETOP_DUMP_H
#define WIRETOP_DUMP_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/packet.h"

struct dump;

/* Open path for writing pcap with nanosecond timestamps ("-": stdout),
   replacing a file of that name if replace, else failing with EEXIST
   (and never through a symbolic link).  NULL with *cause (caller frees)
   on failure. */
struct dump	*dump_open(const char *path, int link, int snaplen,
		     bool replace, char **cause);
/* Append one packet; -1 with *cause set if the write failed. */
int		 dump_write(struct dump *d, const struct frame_meta *m,
		     const uint8_t *data, char **cause);
/* The file's length once everything written is flushed: right before
   dump_write(), where that record starts (frame_meta.file_pos). */
uint64_t	 dump_offset(const struct dump *d);
/* Write out what is buffered (whole records); -1 with *cause on
   failure. */
int		 dump_flush(struct dump *d, char **cause);
/* Flush and close; -1 with *cause set if the final write failed. */
int		 dump_close(struct dump *d, char **cause);

#endif
