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
};

struct fields_printer {
	struct column	*cols;
	int		 ncols;
};

struct fields_printer *
fields_new(const struct field_def *const *defs, int n)
{
	struct fields_printer *fp = xcalloc(1, sizeof *fp);
	int i;

	fp->cols = xcalloc((size_t)n, sizeof *fp->cols);
	fp->ncols = n;
	for (i = 0; i < n; i++) {
		fp->cols[i].def = defs[i];
		fp->cols[i].cap = 64;
		fp->cols[i].buf = xmalloc(fp->cols[i].cap);
	}
	return fp;
}

/* Append text to a column, with a comma before every later occurrence. */
static void
column_add(struct column *c, const char *text, size_t n)
{
	size_t need = c->len + n + 2;

	if (need > c->cap) {
		while (c->cap < need)
			c->cap *= 2;
		c->buf = xrealloc(c->buf, c->cap);
	}
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
	char *text = NULL;
	char small[512];
	size_t n = 0, size;
	int i;

	for (i = 0; i < fp->ncols; i++) {
		if (fp->cols[i].def != v->def)
			continue;
		if (text == NULL) {
			/* Bytes and strings can be long: size for them. */
			size = v->n * 4 + 64;
			text = size <= sizeof small ? small : xmalloc(size);
			n = field_format(v, text, size);
		}
		column_add(&fp->cols[i], text, n);
	}
	if (text != NULL && text != small)
		free(text);
}

void
fields_print(struct fields_printer *fp, FILE *out, const struct frame_meta *m,
    const uint8_t *data)
{
	struct field_sink sink = {
		fields_layer_open, fields_layer_close, fields_field, NULL, NULL,
		fp
	};
	struct pkt_info pi;
	int i;

	for (i = 0; i < fp->ncols; i++) {
		fp->cols[i].len = 0;
		fp->cols[i].buf[0] = '\0';
	}
	dissect_frame(m, data, &pi, &sink, false);
	for (i = 0; i < fp->ncols; i++) {
		if (i > 0)
			fputc('\t', out);
		fwrite(fp->cols[i].buf, 1, fp->cols[i].len, out);
	}
	fputc('\n', out);
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
	free(fp);
}
