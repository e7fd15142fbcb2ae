/*
 * Bounds-safe reads over a captured frame.
 *
 * A cursor is a window [pos, end) into the frame [frame, frame + caplen).
 * Every getter checks the window first and fails (returns false) instead of
 * reading past it; on failure the output is zeroed and the cursor does not
 * move.  Offsets reported to the field sink are absolute (from the frame
 * start) so the hex pane can highlight them.  Invariant: pos <= end <= caplen.
 */
#ifndef WIRETOP_CURSOR_H
#define WIRETOP_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct cursor {
	const uint8_t	*frame;		/* start of the captured frame */
	size_t		 pos;		/* next byte to read, from frame start */
	size_t		 end;		/* one past the last readable byte */
};

/* Big-endian reads from bytes a caller has checked are captured (a
   header read whole after one bounds check). */
static inline uint16_t
be16_at(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t
be32_at(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* A cursor over a whole frame of caplen captured bytes. */
static inline struct cursor
cur_make(const uint8_t *frame, size_t caplen)
{
	struct cursor c = { frame, 0, caplen };
	return c;
}

/* Bytes left to read. */
static inline size_t
cur_left(const struct cursor *c)
{
	return c->end - c->pos;
}

/* Is there room for n more bytes? */
static inline bool
cur_has(const struct cursor *c, size_t n)
{
	return n <= c->end - c->pos;
}

/* Pointer to the next byte (valid only if cur_has(c, n) said so). */
static inline const uint8_t *
cur_ptr(const struct cursor *c)
{
	return c->frame + c->pos;
}

/*
 * A sub-cursor over the next n bytes, clamped to what was captured: a length
 * from the wire that points past the data yields the part that exists.
 * *clamped (if not NULL) is set when the declared length was cut.
 */
static inline struct cursor
cur_sub(const struct cursor *c, size_t n, bool *clamped)
{
	struct cursor s = *c;
	bool cut = n > cur_left(c);

	if (!cut)
		s.end = c->pos + n;
	if (clamped != NULL)
		*clamped = cut;
	return s;
}

/* Shrink the window so that at most n bytes remain (never grows it). */
static inline void
cur_limit(struct cursor *c, size_t n)
{
	if (n < cur_left(c))
		c->end = c->pos + n;
}

static inline bool
cur_skip(struct cursor *c, size_t n)
{
	if (!cur_has(c, n))
		return false;
	c->pos += n;
	return true;
}

static inline bool
cur_u8(struct cursor *c, uint8_t *v)
{
	if (!cur_has(c, 1)) {
		*v = 0;
		return false;
	}
	*v = c->frame[c->pos++];
	return true;
}

/*
 * Read an n-byte unsigned number (n <= 4), big- or little-endian, and move
 * past it; 0 and false if fewer than n bytes are left.  The typed readers
 * below call it with constants, so each compiles to its own few loads.
 */
static inline bool
cur_uint(struct cursor *c, size_t n, bool big_endian, uint32_t *v)
{
	const uint8_t	*p;
	uint32_t	 x = 0;
	size_t		 i;

	if (!cur_has(c, n)) {
		*v = 0;
		return false;
	}
	p = c->frame + c->pos;
	for (i = 0; i < n; i++)
		x |= (uint32_t)p[i] << (8 * (big_endian ? n - 1 - i : i));
	c->pos += n;
	*v = x;
	return true;
}

static inline bool
cur_be16(struct cursor *c, uint16_t *v)
{
	uint32_t	x;
	bool		ok = cur_uint(c, 2, true, &x);

	*v = (uint16_t)x;
	return ok;
}

static inline bool
cur_be24(struct cursor *c, uint32_t *v)
{
	return cur_uint(c, 3, true, v);
}

static inline bool
cur_be32(struct cursor *c, uint32_t *v)
{
	return cur_uint(c, 4, true, v);
}

static inline bool
cur_le16(struct cursor *c, uint16_t *v)
{
	uint32_t	x;
	bool		ok = cur_uint(c, 2, false, &x);

	*v = (uint16_t)x;
	return ok;
}

static inline bool
cur_le32(struct cursor *c, uint32_t *v)
{
	return cur_uint(c, 4, false, v);
}

/* Copy n bytes out. */
static inline bool
cur_bytes(struct cursor *c, void *out, size_t n)
{
	if (!cur_has(c, n)) {
		memset(out, 0, n);
		return false;
	}
	memcpy(out, c->frame + c->pos, n);
	c->pos += n;
	return true;
}

/* Peek at the byte at pos + i without moving. */
static inline bool
cur_peek8(const struct cursor *c, size_t i, uint8_t *v)
{
	if (!cur_has(c, i + 1) || i + 1 == 0) {
		*v = 0;
		return false;
	}
	*v = c->frame[c->pos + i];
	return true;
}

/* Peek at a big-endian 16-bit value at pos + i without moving. */
static inline bool
cur_peek16(const struct cursor *c, size_t i, uint16_t *v)
{
	if (i > SIZE_MAX - 2 || !cur_has(c, i + 2)) {
		*v = 0;
		return false;
	}
	*v = (uint16_t)(c->frame[c->pos + i] << 8 | c->frame[c->pos + i + 1]);
	return true;
}

#endif
