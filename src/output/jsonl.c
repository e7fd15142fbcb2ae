/*
 * -T jsonl: one JSON object per packet, on one line (wiretop's own shape,
 * with each field's offset, length and depth; -T json is tshark's):
 *   {"frame":N,"layers":[{"proto":"eth","off":0,"end":14,"status":"ok",
 *     "fields":[{"name":"eth.dst","value":"…","show":"…","off":0,"len":6,
 *                "depth":0}, …]}, …]}
 * Layers are listed in the order they start; a layer's fields are
 * collected in its own buffer because inner layers open before the outer
 * one has finished.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output/output.h"
#include "util.h"

struct jsonl_layer {
	enum proto_id	 proto;
	uint32_t	 off, end;
	int		 status;
	char		*buf;
	size_t		 size;
	FILE		*fields;	/* memstream of ",{...}" items */
	int		 nfields;
};

struct jsonl_state {
	struct jsonl_layer	 layers[DISSECT_MAX_LAYERS];
	int			 nlayers;
	int			 stack[DISSECT_MAX_LAYERS];
	int			 sp;
	int			 depth;
};

static void
jsonl_layer_open(void *arg, enum proto_id p, uint32_t off)
{
	struct jsonl_state *j = arg;
	struct jsonl_layer *l;

	if (j->nlayers >= DISSECT_MAX_LAYERS)
		return;
	l = &j->layers[j->nlayers];
	memset(l, 0, sizeof *l);
	l->proto = p;
	l->off = l->end = off;
	l->fields = open_memstream(&l->buf, &l->size);
	if (l->fields == NULL)
		fatal("out of memory");
	j->stack[j->sp++] = j->nlayers++;
	j->depth = 0;
}

static void
jsonl_layer_close(void *arg, uint32_t off, int status)
{
	struct jsonl_state *j = arg;
	struct jsonl_layer *l;

	if (j->sp <= 0)
		return;
	l = &j->layers[j->stack[--j->sp]];
	l->end = off;
	l->status = status;
	j->depth = 0;
}

static void
jsonl_field(void *arg, const struct field_value *v)
{
	struct jsonl_state *j = arg;
	struct jsonl_layer *l;
	char *text;
	size_t size = v->n * 4 + 512;

	if (j->sp <= 0)
		return;
	l = &j->layers[j->stack[j->sp - 1]];
	text = xmalloc(size);
	fprintf(l->fields, "%s{\"name\":", l->nfields++ ? "," : "");
	json_string(l->fields, v->def->name);
	if (v->def->type != FT_NONE) {
		field_format(v, text, size);
		fputs(",\"value\":", l->fields);
		json_string(l->fields, text);
	}
	field_format_tree(v, text, size);
	fputs(",\"show\":", l->fields);
	json_string(l->fields, text);
	fprintf(l->fields, ",\"off\":%u,\"len\":%u,\"depth\":%d}", v->off,
	    v->len, j->depth);
	free(text);
}

static void
jsonl_push(void *arg)
{
	((struct jsonl_state *)arg)->depth++;
}

static void
jsonl_pop(void *arg)
{
	struct jsonl_state *j = arg;

	if (j->depth > 0)
		j->depth--;
}

/* The status word of a layer as text. */
static const char *
status_name(int status)
{
	if (status & LAYER_MALFORMED)
		return "malformed";
	if (status & LAYER_TRUNCATED)
		return "truncated";
	if (status & LAYER_BADSUM)
		return "bad_checksum";
	return "ok";
}

void
print_jsonl(FILE *out, const struct frame_meta *m, const uint8_t *data)
{
	struct jsonl_state *j = xcalloc(1, sizeof *j);
	struct field_sink sink = {
		jsonl_layer_open, jsonl_layer_close, jsonl_field, jsonl_push,
		jsonl_pop, j
	};
	struct pkt_info pi;
	int i;

	dissect_frame(m, data, &pi, &sink, false);
	fprintf(out, "{\"frame\":%llu,\"layers\":[",
	    (unsigned long long)m->number);
	for (i = 0; i < j->nlayers; i++) {
		struct jsonl_layer *l = &j->layers[i];

		fclose(l->fields);
		fprintf(out, "%s{\"proto\":\"%s\",\"off\":%u,\"end\":%u,"
		    "\"status\":\"%s\",\"fields\":[", i ? "," : "",
		    l->proto < P_MAX ? proto_defs[l->proto].filter : "?",
		    l->off, l->end, status_name(l->status));
		fwrite(l->buf, 1, l->size, out);
		fputs("]}", out);
		free(l->buf);
	}
	fputs("]}\n", out);
	free(j);
}
