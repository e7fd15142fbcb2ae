/*
 * Display filters in Wireshark's language (tshark 4.0's -Y), compiled once
 * and evaluated on records of field occurrences.
 *
 * The language knows nothing of packets: names resolve through a struct
 * df_names, so the same parser serves the packet filter (field and
 * protocol names of the decoders, filter.c) and the filter on flow and
 * talker rows (row fields such as "bytes" and "state", rowfilter.c).
 *
 * Evaluation reads a struct df_record: for each field the filter names (a
 * "slot"), the occurrences of that field in the item, in order.  The
 * caller fills the record (the packet filter from a dissection that
 * decodes only the filter's fields, the row filter from a flow row), then
 * asks dfilter_eval().
 */
#ifndef WIRETOP_DFILTER_H
#define WIRETOP_DFILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/field.h"

struct dfilter;
struct df_record;

/* How the names of an expression resolve. */
struct df_names {
	/* The field called name, or NULL. */
	const struct field_def *(*field)(const char *name, void *arg);
	/* The protocol called name ("tcp"), as an id >= 0, or -1; NULL
	   when the namespace has no protocols (rows). */
	int	(*proto)(const char *name, void *arg);
	/* Every name, for "did you mean" (fn gets each in turn). */
	void	(*each)(void (*fn)(const char *name, void *fnarg),
		    void *fnarg, void *arg);
	void	*arg;
	/* Integer literals may end in k, M or G (x1000, as row sizes). */
	bool	 size_suffixes;
	/* The value of integer field def called name ("TCP" for ip.proto),
	   compared without case; NULL or false when it has no such name. */
	bool	(*value)(const struct field_def *def, const char *name,
		    uint64_t *v, void *arg);
	/* An IPv4 literal a.b.c.d/n on an FT_IPV6 field means
	   ::ffff:a.b.c.d/(96+n) (rows, whose addresses are either family). */
	bool	 mapped_v4;
};

/*
 * Compile expr.  NULL with *cause (caller frees) on an error: one line
 * naming what is wrong and where, without a "wiretop:" prefix, e.g.
 * "display filter: 'ip.sorce' is not a field (did you mean ip.src?) at
 * column 1".
 */
struct dfilter	*dfilter_compile(const char *expr, const struct df_names *ns,
		     char **cause);
void		 dfilter_free(struct dfilter *df);
const char	*dfilter_text(const struct dfilter *df);

/*
 * The slots of a compiled filter: slot i is a field (dfilter_slot_field()
 * not NULL) or a protocol (dfilter_slot_proto() >= 0).  Slots are
 * numbered 0 .. dfilter_slots() - 1, one per distinct name.
 */
int		 dfilter_slots(const struct dfilter *df);
const struct field_def *dfilter_slot_field(const struct dfilter *df, int i);
int		 dfilter_slot_proto(const struct dfilter *df, int i);
/* The slot of field def / protocol p, or -1 when the filter names none. */
int		 dfilter_field_slot(const struct dfilter *df,
		     const struct field_def *def);
int		 dfilter_proto_slot(const struct dfilter *df, int p);

/* A record for evaluating df (reused from item to item). */
struct df_record *df_record_new(const struct dfilter *df);
void		 df_record_free(struct df_record *r);
/* Forget every occurrence (before the next item). */
void		 df_record_reset(struct df_record *r);
/* An occurrence of slot's field; v's bytes are copied. */
void		 df_record_add(struct df_record *r, int slot,
		     const struct field_value *v);
/* An occurrence of slot's protocol: its bytes (for slices and
   comparisons of the protocol as bytes), copied. */
void		 df_record_add_proto(struct df_record *r, int slot,
		     const uint8_t *p, size_t n);
/* The same when the layer's data goes on past its item (tshark's udp is
   its 8-byte header, but "udp contains" searches the payload too): p[0..n)
   is the item (len(), slices, ==), p[0..all) what contains and matches
   search.  all < n: the data ends inside the item (a raw IP frame that
   the datagram's length cuts), slices past all are empty. */
void		 df_record_add_proto_in(struct df_record *r, int slot,
		     const uint8_t *p, size_t n, size_t all);
/* The same without the copy: p stays valid until the record is reset
   (the packet filter's frame bytes). */
void		 df_record_add_proto_ref(struct df_record *r, int slot,
		     const uint8_t *p, size_t n, size_t all);
/* Occurrences added from now on belong to layer n (from 1) of their
   protocol: "ip.src#2" is the inner header's.  Reset makes it 1. */
void		 df_record_layer(struct df_record *r, int n);

/* Does the record match? */
bool		 dfilter_eval(const struct dfilter *df,
		     const struct df_record *r);

#endif
