/*
 * -T fields: tshark -T fields output, with its -E options.  Each chosen
 * field gets a buffer; the occurrences -E occurrence= keeps (all of them
 * by default, in packet order) are appended, joined by the aggregator
 * (a comma); the buffers are printed joined by the separator (a tab),
 * empty when absent.  -E quote= wraps every value present (an absent one
 * stays empty) and escapes nothing, as tshark.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "output/output.h"
#include "util.h"

struct column {
	const struct field_def	*def;
	char			*buf;
	size_t			 len, cap;
	unsigned		 count;		/* occurrences kept */
};

struct fields_printer {
	struct column		*cols;
	int			 ncols;
	struct field_set	*want;		/* def -> first column */
	char			*line;		/* the output line */
	size_t			 linecap;
	struct fields_format	 fmt;		/* -E */
};

struct fields_printer *
fields_new(const struct field_def *const *defs, int n,
    const struct fields_format *fmt)
{
	struct fields_printer *fp = xcalloc(1, sizeof *fp);
	int i;

	fp->fmt = *fmt;
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
	}
	/* A field asked for twice fills only its last column, the others
	   stay empty (as tshark 4.0 does): the set keeps the first value
	   added, so add from the last. */
	for (i = n - 1; i >= 0; i--)
		field_set_add(fp->want, defs[i], i);
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

/*
 * Make room in a column for an occurrence of up to n bytes, if -E
 * occurrence= keeps it: then the aggregator is written (before all but
 * the first) and true returned.  The last occurrence replaces the one
 * before it.
 */
static bool
column_begin(const struct fields_printer *fp, struct column *c, size_t n)
{
	if (fp->fmt.occurrence == OCCURRENCE_FIRST && c->count > 0)
		return false;
	if (fp->fmt.occurrence == OCCURRENCE_LAST)
		c->len = 0;
	column_reserve(c, n + 1);
	if (c->count > 0 && fp->fmt.occurrence == OCCURRENCE_ALL)
		c->buf[c->len++] = fp->fmt.aggregator;
	c->count++;
	return true;
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
	/* Format straight into the column; bytes and strings can be
	   long (four characters a byte at most): size for them. */
	c = &fp->cols[i];
	size = v->n * 4 + 96;
	if (!column_begin(fp, c, size + 1))
		return;
	n = field_format(v, c->buf + c->len, size);
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
		fp->cols[i].count = 0;
		fp->cols[i].buf[0] = '\0';
	}
	dissect_frame_want(m, data, pi, &sink, false, fp->want);
}

/* Print the columns as one line. */
static void
fields_emit(struct fields_printer *fp, FILE *out)
{
	size_t n;
	char quote;
	int i;

	/* One write a line: stdio's per-call locking costs more than the
	   copy. */
	n = (size_t)fp->ncols * 3 + 1;
	for (i = 0; i < fp->ncols; i++)
		n += fp->cols[i].len;
	if (n > fp->linecap) {
		while (fp->linecap < n)
			fp->linecap *= 2;
		fp->line = xrealloc(fp->line, fp->linecap);
	}
	n = 0;
	for (i = 0; i < fp->ncols; i++) {
		quote = fp->cols[i].count > 0 ? fp->fmt.quote : '\0';
		if (quote != '\0')
			fp->line[n++] = quote;
		memcpy(fp->line + n, fp->cols[i].buf, fp->cols[i].len);
		n += fp->cols[i].len;
		if (quote != '\0')
			fp->line[n++] = quote;
		fp->line[n++] = i + 1 < fp->ncols ? fp->fmt.separator : '\n';
	}
	if (fp->ncols == 0)
		fp->line[n++] = '\n';
	fwrite(fp->line, 1, n, out);
}

void
fields_begin(const struct fields_printer *fp, FILE *out)
{
	int i;

	if (fp->fmt.bom)
		fputs("\xef\xbb\xbf", out);
	if (!fp->fmt.header)
		return;
	/* The names as given, unquoted, joined by the separator. */
	for (i = 0; i < fp->ncols; i++) {
		fputs(fp->cols[i].def->name, out);
		fputc(i + 1 < fp->ncols ? fp->fmt.separator : '\n', out);
	}
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
