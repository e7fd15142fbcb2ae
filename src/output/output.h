/*
 * Headless printers: -P summary lines, -V field trees, -x hex dumps,
 * -T fields, -T json and -T jsonl.  Each takes one packet at a time; the
 * full dissection they need is run here, not in the capture pass.
 */
#ifndef WIRETOP_OUTPUT_H
#define WIRETOP_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "decode/dissect.h"
#include "decode/field.h"

/* The Source and Destination columns of a packet: outermost IP addresses,
   else link-layer addresses, else "-". */
void	summary_addrs(const struct pkt_info *pi, char *src, size_t srcsize,
	    char *dst, size_t dstsize);
/* The Protocol column. */
const char *summary_proto(const struct pkt_info *pi);
/* One -P line (pi must have been filled with want_info), its time in
   time_format (-t: enum wtime_format). */
void	print_summary(FILE *out, const struct frame_meta *m,
	    const struct pkt_info *pi, int time_format);
/* The -V field tree of one packet. */
void	print_tree(FILE *out, const struct frame_meta *m, const uint8_t *data);
/* A hex + ASCII dump of len bytes, 16 a line. */
void	print_hex(FILE *out, const uint8_t *data, size_t len);
/* One -T jsonl object (a line) with every field of the packet. */
void	print_jsonl(FILE *out, const struct frame_meta *m, const uint8_t *data);

/*
 * -T json: tshark's array of packets.  filter is -j's or -J's list of
 * keys (top_only: -J), NULL for none; merge: --no-duplicate-keys.
 */
struct json_printer;
struct json_printer *json_printer_new(const char *filter, bool top_only,
	    bool merge);
void	json_printer_packet(struct json_printer *jp, FILE *out,
	    const struct frame_meta *m, const uint8_t *data);
/* The end of the array (after the last packet, or none). */
void	json_printer_end(struct json_printer *jp, FILE *out);
void	json_printer_free(struct json_printer *jp);

/* -T fields: the values of the chosen fields, tab-separated. */
struct fields_printer;
struct fields_format;
/* A printer of the n fields defs, formatted as fmt (-E) says. */
struct fields_printer *fields_new(const struct field_def *const *defs, int n,
	    const struct fields_format *fmt);
/* What comes before the first packet: -E bom=y's BOM, header=y's names. */
void	fields_begin(const struct fields_printer *fp, FILE *out);
void	fields_print(struct fields_printer *fp, FILE *out,
	    const struct frame_meta *m, const uint8_t *data);
void	fields_free(struct fields_printer *fp);

/* Write s as a JSON string (quoted, escaped). */
void	json_string(FILE *out, const char *s);

#endif
