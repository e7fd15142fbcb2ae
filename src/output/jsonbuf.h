/*
 * Building --stats=json's lists: objects go into a buffer with
 * hand-written number formatting (the lists run to hundreds of thousands
 * of objects, and printf's format parsing was most of the cost), and the
 * buffer goes to its stream when full, or stays in memory (out NULL, the
 * buffer sized for what it will hold).
 */
#ifndef WIRETOP_JSONBUF_H
#define WIRETOP_JSONBUF_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "decode/field.h"

#define JSON_OBJ_MAX	512	/* an object: keys, 7 numbers, 2 addresses */

struct json_out {
	FILE	*out;		/* NULL: the buffer holds everything */
	char	*buf;
	size_t	 cap, len;
	size_t	 n;		/* objects so far: a comma is due if > 0 */
};

/* Append a string (the caller knows it fits). */
static inline void
jput(struct json_out *j, const char *s)
{
	size_t n = strlen(s);

	memcpy(j->buf + j->len, s, n);
	j->len += n;
}

/* Append an unsigned number in decimal. */
static inline void
jput_u64(struct json_out *j, uint64_t v)
{
	j->len += u64_to_dec(j->buf + j->len, v);
}

/* Append `"key": ` and a number. */
static inline void
jput_key_u64(struct json_out *j, const char *key, uint64_t v)
{
	jput(j, key);
	jput_u64(j, v);
}

/* Write what the buffer holds to the stream. */
static inline void
jflush(struct json_out *j)
{
	if (j->out != NULL && j->len > 0)
		fwrite(j->buf, 1, j->len, j->out);
	j->len = 0;
}

/* Start an object of a list: a comma after the previous one. */
static inline void
jstart(struct json_out *j)
{
	if (j->out != NULL && j->len > j->cap - JSON_OBJ_MAX)
		jflush(j);
	jput(j, j->n++ > 0 ? ",\n    {" : "\n    {");
}

/*
 * Print a list of count objects to out; fill(j, from, to, arg) puts the
 * objects from..to - 1 into j.  Large lists are built on two threads, a
 * chunk each in turn, and written in order; the objects must not depend
 * on one another.  Returns count.
 */
size_t	json_list_print(FILE *out, size_t count,
	    void (*fill)(struct json_out *, size_t, size_t, void *), void *arg);

#endif
