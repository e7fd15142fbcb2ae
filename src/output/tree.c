/*
 * -V: the field tree of a packet, one layer heading then its fields
 * indented, children of a field indented further, as tshark -V shows it.
 */
#include "config.h"

#include <stdio.h>

#include "escape.h"
#include "output/output.h"

struct tree_state {
	FILE			*out;
	const struct frame_meta	*m;
	int			 depth;		/* subtree depth in the layer */
};

/* Print a layer heading. */
static void
tree_layer_open(void *arg, enum proto_id p, uint32_t off)
{
	struct tree_state *t = arg;

	(void)off;
	t->depth = 0;
	if (p == P_FRAME) {
		fprintf(t->out, "Frame %llu: %u bytes on wire (%u bits), %u "
		    "bytes captured (%u bits)\n",
		    (unsigned long long)t->m->number, t->m->wirelen,
		    t->m->wirelen * 8, t->m->caplen, t->m->caplen * 8);
		return;
	}
	fprintf(t->out, "%s\n", p < P_MAX ? proto_defs[p].label : "?");
}

/* Say how a layer ended when it did not end well. */
static void
tree_layer_close(void *arg, uint32_t off, int status)
{
	struct tree_state *t = arg;

	(void)off;
	t->depth = 0;
	if (status & LAYER_TRUNCATED)
		fprintf(t->out, "    [Packet truncated: the capture ends inside "
		    "this layer]\n");
	if (status & LAYER_MALFORMED)
		fprintf(t->out, "    [Malformed: its fields contradict each "
		    "other]\n");
	if (status & LAYER_BADSUM)
		fprintf(t->out, "    [Bad checksum]\n");
}

static void
tree_field(void *arg, const struct field_value *v)
{
	struct tree_state *t = arg;
	char buf[1024];

	if (field_hidden(v->def))
		return;
	field_format_tree(v, buf, sizeof buf);
	fprintf(t->out, "%*s", 4 + 4 * t->depth, "");
	escape_fputs(t->out, buf);	/* a decoder's text holds wire text */
	fputc('\n', t->out);
}

static void
tree_push(void *arg)
{
	struct tree_state *t = arg;

	t->depth++;
}

static void
tree_pop(void *arg)
{
	struct tree_state *t = arg;

	if (t->depth > 0)
		t->depth--;
}

void
print_tree(FILE *out, const struct frame_meta *m, const uint8_t *data)
{
	struct tree_state t = { out, m, 0 };
	struct field_sink sink = {
		tree_layer_open, tree_layer_close, tree_field, tree_push,
		tree_pop, &t
	};
	struct pkt_info pi;

	dissect_frame(m, data, &pi, &sink, false);
	fputc('\n', out);
}
