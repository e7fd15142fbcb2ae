/*
 * Fields: what a decoder reports about a header, and how values print.
 *
 * Each decoder file owns a table of field definitions named as Wireshark's
 * display filters name them ("ip.ttl").  Decoders report values through
 * the d_*() helpers of dissect.h; a sink (tree printer, -T fields, the TUI
 * detail pane) receives a struct field_value and formats it with
 * field_format(), which prints exactly as tshark 4.0 -T fields does.
 */
#ifndef WIRETOP_FIELD_H
#define WIRETOP_FIELD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum field_type {
	FT_NONE,	/* a text line in the tree, no value */
	FT_UINT,	/* unsigned integer, printed in its base */
	FT_INT,		/* signed integer (stored in u as two's complement) */
	FT_BOOL,	/* prints "1" / "0" like tshark -T fields */
	FT_IPV4,	/* 4 bytes at p */
	FT_IPV6,	/* 16 bytes at p */
	FT_ETHER,	/* 6 bytes at p */
	FT_STRING,	/* n text bytes at p (not NUL-terminated) */
	FT_BYTES,	/* n raw bytes at p, printed as lowercase hex pairs */
	FT_DOUBLE,	/* dbl, printed with %.9f trimmed as tshark does */
	FT_TIME,	/* absolute time: u = seconds, dbl unused, ns in aux */
	FT_RELTIME	/* relative time: signed seconds in u, signed ns in aux
			   (struct wtime_rel), printed s.nnnnnnnnn */
};

enum field_base {
	BASE_DEC,	/* 123 */
	BASE_HEX,	/* 0x7b, zero-padded to the field width */
	BASE_OCT,	/* 0173 */
	BASE_TIME_TEXT	/* FT_TIME as a local date and time (frame.time:
			   "Nov 14, 2023 22:13:20.000000000 UTC"), not as
			   seconds since 1970 */
};

struct field_def {
	const char	*name;	/* display-filter name: "tcp.srcport" */
	const char	*label;	/* human label: "Source Port" */
	uint8_t		 type;	/* enum field_type */
	uint8_t		 base;	/* enum field_base, for FT_UINT / FT_INT */
	uint8_t		 bits;	/* Wireshark's integer width: 8, 16, 24, 32, 64;
				   gives the hex padding (0x%02x for 8) */
	/* Names of its values a display filter takes ("eth.type == ARP");
	   NULL when Wireshark has none for the field. */
	const struct value_name *vals;
};

/* Or-ed into base: a field Wireshark keeps out of the tree (ip.addr,
   tcp.port): -T fields prints it, -V and the detail pane do not. */
#define FIELD_HIDDEN	0x80
/* Or-ed into base: tshark prints this field "<none>" when it is empty
   (other empty byte fields print "<MISSING>"). */
#define FIELD_EMPTY_NONE 0x40
#define BASE_MASK	0x0f

/* Is f one of the hidden fields? */
#define field_hidden(f)	(((f)->base & FIELD_HIDDEN) != 0)

/*
 * A decoder's table of field definitions: n of them at defs.  Each
 * decoder numbers its fields with an enum ending in F_COUNT, fills the
 * table with designated initialisers and asserts that it holds F_COUNT
 * entries, so that an id and its entry cannot drift apart.
 */
struct field_table {
	const struct field_def	*defs;
	size_t			 n;
};

/* One reported value.  Pointers are valid only during the sink call. */
struct field_value {
	const struct field_def	*def;
	uint32_t		 off;	/* first byte in the frame */
	uint32_t		 len;	/* bytes covered (0 for generated fields) */
	uint64_t		 u;	/* FT_UINT, FT_INT, FT_BOOL, FT_TIME and
					   FT_RELTIME seconds */
	uint32_t		 aux;	/* FT_TIME: nanoseconds; FT_RELTIME:
					   signed (int32_t) nanoseconds */
	double			 dbl;	/* FT_DOUBLE */
	const uint8_t		*p;	/* FT_IPV4/6, FT_ETHER, FT_STRING, FT_BYTES */
	size_t			 n;	/* bytes at p */
	const char		*shown;	/* optional tree text for the value
					   ("Echo (ping) request"); NULL if none */
	int8_t			 verdict; /* a checksum's: 1 good, -1 bad,
					   0 none (the UI marks by it) */
};

/* Format v as tshark -T fields prints it; returns the length written. */
size_t	field_format(const struct field_value *v, char *buf, size_t size);

/* Format v for the tree: "Label: value (shown)"; returns length written. */
size_t	field_format_tree(const struct field_value *v, char *buf, size_t size);

/* Format an address of the given type (FT_IPV4, FT_IPV6, FT_ETHER). */
size_t	addr_format(int type, const uint8_t *a, char *buf, size_t size);

/*
 * A set of field definitions, each with a small value (the -T fields
 * column it feeds).  Open addressing keyed by the definition's address:
 * a decoder asks "is this field wanted?" for every field it could report,
 * so a lookup must cost a multiply and a compare or two.
 */
struct field_set {
	const struct field_def	**key;		/* NULL marks an empty slot */
	int			 *val;
	uint32_t		  mask;		/* slots - 1 */
	uint32_t		  tables;	/* bit per field table touched */
};

/* An empty set with room for n definitions; NULL when out of memory
   (the decoders link without util.c's x*alloc). */
struct field_set *field_set_new(size_t n);
/* Add f with value val (a definition already in keeps its value). */
void	field_set_add(struct field_set *s, const struct field_def *f, int val);
/* Does the set hold a field of table t? */
bool	field_set_has_table(const struct field_set *s,
	    const struct field_table *t);
void	field_set_free(struct field_set *s);

/* The slot a definition hashes to. */
static inline uint32_t
field_set_hash(const struct field_set *s, const struct field_def *f)
{
	uint64_t h = (uint64_t)(uintptr_t)f * 0x9e3779b97f4a7c15ull;

	return (uint32_t)(h >> 40) & s->mask;
}

/* f's value in the set, or -1 when f is not in it. */
static inline int
field_set_get(const struct field_set *s, const struct field_def *f)
{
	uint32_t i = field_set_hash(s, f);

	for (;;) {
		if (s->key[i] == f)
			return s->val[i];
		if (s->key[i] == NULL)
			return -1;
		i = (i + 1) & s->mask;
	}
}

/* A name for a value ("Echo (ping) request" for ICMP type 8).  Tables end
   with an entry whose name is NULL. */
struct value_name {
	unsigned	 value;
	const char	*name;
};

/* The name of value in table t, or NULL when it has none. */
const char *field_value_name(const struct value_name *t, unsigned value);
/* The name of value in table t, or "Unknown (value)" written to buf. */
const char *field_value_name_buf(const struct value_name *t, unsigned value,
	    char *buf, size_t size);

/* The definition of a field name, or NULL if wiretop does not know it. */
const struct field_def *field_lookup(const char *name);

/* Call fn for every known field definition (for --list-fields). */
void	field_foreach(void (*fn)(const struct field_def *, void *), void *arg);

/* Decimal digits of v at buf (no NUL); returns how many.  buf needs 20. */
size_t	u64_to_dec(char *buf, uint64_t v);

#endif
