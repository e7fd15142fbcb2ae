/*
 * A small harness for decoder and model unit tests: a sink that collects
 * the field tree of one frame, lookups by field name, every-prefix runs,
 * and CHECK macros that count failures.  main() ends with tl_done().
 */
#ifndef WIRETOP_TESTLIB_H
#define WIRETOP_TESTLIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/dissect.h"

#define TL_MAX_FIELDS	1024

struct tl_field {
	const char	*name;		/* def->name; "" for text lines */
	char		 value[256];	/* field_format() text */
	char		 tree[300];	/* field_format_tree() text */
	uint32_t	 off, len;
	int		 layer;		/* index into layers[] */
	int		 depth;		/* subtree depth inside the layer */
	int		 verdict;	/* a checksum's: 1 good, -1 bad, 0 */
};

struct tl_layer {
	enum proto_id	 proto;
	uint32_t	 off, end;
	int		 status;	/* LAYER_* at close */
	int		 parent;	/* enclosing layer, -1 for frame */
};

struct tl_result {
	struct pkt_info	 pi;
	int		 nfields;
	struct tl_field	 fields[TL_MAX_FIELDS];
	int		 nlayers;
	struct tl_layer	 layers[DISSECT_MAX_LAYERS];
	uint32_t	 caplen;
	int		 errors;	/* sink invariant violations */
};

extern int tl_failed, tl_passed;
/* Frames the capture pass's fast path took (each checked against the
   decoders by tl_dissect() and tl_prefixes()). */
extern int tl_fastpath_taken;

#define CHECK(cond) tl_check((cond), #cond, __FILE__, __LINE__)
#define CHECK_STR(got, want) tl_check_str((got), (want), __FILE__, __LINE__)
#define CHECK_INT(got, want) tl_check_int((long long)(got), (long long)(want), \
	#got, __FILE__, __LINE__)

void	tl_check(bool ok, const char *what, const char *file, int line);
void	tl_check_str(const char *got, const char *want, const char *file,
	    int line);
void	tl_check_int(long long got, long long want, const char *what,
	    const char *file, int line);

/* Full dissection of buf (len captured bytes, wirelen on the wire; 0 means
   len) with the collecting sink.  The result is static: valid until the
   next call. */
const struct tl_result *tl_dissect(int link, const uint8_t *buf, size_t len,
	    size_t wirelen);
/* The fast pass only (no sink, with info). */
void	tl_fast(int link, const uint8_t *buf, size_t len, struct pkt_info *pi);

/* First value of a field, or NULL if absent. */
const char *tl_get(const struct tl_result *r, const char *name);
/* All values joined by commas as tshark -E occurrence=a, "" if absent. */
const char *tl_all(const struct tl_result *r, const char *name);
/* The field entry (first occurrence), or NULL. */
const struct tl_field *tl_find(const struct tl_result *r, const char *name);
/* Number of occurrences of a field. */
int	tl_count(const struct tl_result *r, const char *name);
/* Was protocol p opened?  And its status (or-ed over occurrences). */
bool	tl_has(const struct tl_result *r, enum proto_id p);
int	tl_status(const struct tl_result *r, enum proto_id p);

/*
 * Decode every prefix buf[0..i) for i in 0..len, fast and full: each must
 * finish with every field inside the captured bytes (checked here; ASan
 * checks the reads).  Counts as one check.
 */
void	tl_prefixes(int link, const uint8_t *buf, size_t len);

/* Parse "00 11 22 ..." / "001122" hex into buf; returns bytes written. */
size_t	tl_hex(const char *hex, uint8_t *buf, size_t cap);

/*
 * The frame the helpers below parsed last: tests cut it short or decode
 * it again with tl_dissect(link, tl_frame, n, tl_frame_len).
 */
#define TL_MAX_FRAME	2048
extern uint8_t	tl_frame[TL_MAX_FRAME];
extern size_t	tl_frame_len;

/* Parse hex into tl_frame; returns its length. */
size_t	tl_load(const char *hex);
/* Load a hex frame, decode every prefix of it, then dissect it fully. */
const struct tl_result *tl_run(int link, const char *hex);
/* Load a hex frame and return the fast pass's summary (static). */
const struct pkt_info *tl_summary(int link, const char *hex);

/* One field a dissected frame must show; a NULL value means "absent". */
struct tl_want {
	const char	*name;
	const char	*value;
};

/* Check each wanted field's first value; every row counts as one check. */
#define CHECK_FIELDS(r, want) tl_check_fields((r), (want), \
	sizeof (want) / sizeof (want)[0], false, __FILE__, __LINE__)
/* The same comparing all values joined, as tl_all() gives them. */
#define CHECK_JOINED(r, want) tl_check_fields((r), (want), \
	sizeof (want) / sizeof (want)[0], true, __FILE__, __LINE__)

void	tl_check_fields(const struct tl_result *r, const struct tl_want *want,
	    size_t n, bool joined, const char *file, int line);

/* Print the summary line and return main()'s exit status. */
int	tl_done(void);

#endif
