/*
 * -T fields: tshark -T fields -E occurrence=a output.  Each chosen field
 * gets a buffer; every occurrence in packet order is appended, joined by
 * commas; the buffers are printed tab-separated, empty when absent.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "output/output.h"
#include "util.h"

struct column {
	const struct field_def	*def;
	char			*buf;
	size_t			 len, cap;
	int			 next;		/* next column of the same field,
						   -1 for none */
};

struct fields_printer {
	struct column		*cols;
	int			 ncols;
	struct field_set	*want;		/* def -> first column */
	char			*line;		/* the output line */
	size_t			 linecap;
};

struct fields_printer *
fields_new(const struct field_def *const *defs, int n)
{
	struct fields_printer *fp = xcalloc(1, sizeof *fp);
	int i, j;

	fp->cols = xcalloc((size_t)n, sizeof *fp->cols);
	fp->ncols = n;
	if ((fp->want = field_set_new((size_t)n)) == NULL)
		fatal("out of memory");
	fp->linecap = 1024;
	fp->line = xmalloc(fp->linecap);
	for (i = 0; i < n; i++) {
		fp->cols[i].def = defs[i];
		fp->cols[i].cap = 256;
		fp->cols[i].buf = xmalloc(fp->cols[i].cap);
		fp->cols[i].next = -1;
		field_set_add(fp->want, defs[i], i);
	}
	/* A field asked for twice fills both columns (as tshark does). */
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (fp->cols[j].def == defs[i]) {
				fp->cols[i].next = j;
				break;
			}
	return fp;
}

/* Make room for need more bytes (and a NUL) in a column. */
static void
column_reserve(struct column *c, size_t need)
{
	need += c->len + 1;
	if (need > c->cap) {
		while (c->cap < need)
			c->cap *= 2;
		c->buf = xrealloc(c->buf, c->cap);
	}
}

/* Append text to a column, with a comma before every later occurrence. */
static void
column_add(struct column *c, const char *text, size_t n)
{
	column_reserve(c, n + 1);
	if (c->len > 0)
		c->buf[c->len++] = ',';
	memcpy(c->buf + c->len, text, n);
	c->len += n;
	c->buf[c->len] = '\0';
}

static void
fields_layer_open(void *arg, enum proto_id p, uint32_t off)
{
	(void)arg;
	(void)p;
	(void)off;
}

static void
fields_layer_close(void *arg, uint32_t off, int status)
{
	(void)arg;
	(void)off;
	(void)status;
}

static void
fields_field(void *arg, const struct field_value *v)
{
	struct fields_printer *fp = arg;
	struct column *c;
	size_t size, n;
	int i = field_set_get(fp->want, v->def);

	if (i < 0)
		return;
	/* Format straight into the first column; bytes and strings can be
	   long (four characters a byte at most): size for them. */
	c = &fp->cols[i];
	size = v->n * 4 + 96;
	column_reserve(c, size + 1);
	if (c->len > 0)
		c->buf[c->len++] = ',';
	n = field_format(v, c->buf + c->len, size);
	for (i = c->next; i >= 0; i = fp->cols[i].next)
		column_add(&fp->cols[i], c->buf + c->len, n);
	c->len += n;
}

/* Decode a packet into the columns. */
static void
fields_decode(struct fields_printer *fp, const struct frame_meta *m,
    const uint8_t *data, struct pkt_info *pi)
{
	struct field_sink sink = {
		fields_layer_open, fields_layer_close, fields_field, NULL, NULL,
		fp
	};
	int i;

	for (i = 0; i < fp->ncols; i++) {
		fp->cols[i].len = 0;
		fp->cols[i].buf[0] = '\0';
	}
	dissect_frame_want(m, data, pi, &sink, false, fp->want);
}

/* Print the columns as one line. */
static void
fields_emit(struct fields_printer *fp, FILE *out)
{
	size_t n;
	int i;

	/* One write a line: stdio's per-call locking costs more than the
	   copy. */
	n = (size_t)fp->ncols + 1;
	for (i = 0; i < fp->ncols; i++)
		n += fp->cols[i].len;
	if (n > fp->linecap) {
		while (fp->linecap < n)
			fp->linecap *= 2;
		fp->line = xrealloc(fp->line, fp->linecap);
	}
	n = 0;
	for (i = 0; i < fp->ncols; i++) {
		memcpy(fp->line + n, fp->cols[i].buf, fp->cols[i].len);
		n += fp->cols[i].len;
		fp->line[n++] = i + 1 < fp->ncols ? '\t' : '\n';
	}
	if (fp->ncols == 0)
		fp->line[n++] = '\n';
	fwrite(fp->line, 1, n, out);
}

void
fields_print(struct fields_printer *fp, FILE *out, const struct frame_meta *m,
    const uint8_t *data)
{
	struct pkt_info pi;

	fields_decode(fp, m, data, &pi);
	fields_emit(fp, out);
}

void
fields_free(struct fields_printer *fp)
{
	int i;

	if (fp == NULL)
		return;
	for (i = 0; i < fp->ncols; i++)
		free(fp->cols[i].buf);
	free(fp->cols);
	field_set_free(fp->want);
	free(fp->line);
	free(fp);
}
