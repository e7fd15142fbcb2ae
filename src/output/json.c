/*
 * -T json: the packets as tshark 4.0's -T json prints them, byte for
 * byte where wiretop decodes the same fields:
 *
 *   [
 *     {
 *       "_index": "packets-2023-11-14",
 *       "_type": "doc",
 *       "_score": null,
 *       "_source": {
 *         "layers": {
 *           "frame": {
 *             "frame.number": "1",
 *           ...
 *
 * Every value is a string, as tshark shows it.  A field with children is
 * its value, then "<name>_tree" holding the children; a text line of the
 * tree ("Queries", "www.example.com: type A, class IN") is a key whose
 * value is an object of its children, or "" when it has none; a layer
 * with no field is its name ("raw": "Raw packet data").  Hidden fields
 * (ip.addr, tcp.port) are there, as in tshark.  A key that occurs twice
 * in an object is printed twice, as tshark does (--no-duplicate-keys:
 * once, with an array of the values).  Layers follow one another in
 * "layers", except those an ICMP or ICMPv6 message carries (the packet
 * an error quotes, an echo's data): tshark puts them inside its object.
 * wiretop's own notes in the tree ("[truncated]", "[malformed: ...]")
 * are not printed: tshark has no such keys.
 *
 * -j and -J filter as tshark's do: an object whose key the -j list does
 * not name is printed as {"filtered": "<key>"} (its plain values stay);
 * -J looks only at the layers and prints a named one whole.
 *
 * The sink's calls open inner layers before the outer ones have ended,
 * so a packet's tree is built first (nodes in an array, their text in an
 * arena) and printed when the dissection is done.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "escape.h"
#include "output/output.h"
#include "util.h"

#define JSON_MAX_DEPTH	32	/* subtree levels kept within a layer */

enum jnode_kind {
	JN_LAYER,	/* a protocol: key its filter name */
	JN_FIELD,	/* a field: key its name, a value */
	JN_MARK,	/* a field without a value: "" or its children */
	JN_TEXT		/* a text line of the tree: key the text */
};

/* One key of the tree.  Links are node indexes; 0 (the root, "layers")
   is never anyone's child or sibling, so 0 means none. */
struct jnode {
	uint32_t	 key;		/* arena offsets */
	uint32_t	 value;		/* JN_FIELD's value, JN_LAYER's name */
	uint32_t	 child, last;	/* first and last child */
	uint32_t	 next;		/* next sibling */
	uint8_t		 kind;
	bool		 omit;		/* a note of wiretop's: not printed */
	bool		 merged;	/* printed with an earlier same key */
	uint32_t	 same;		/* --no-duplicate-keys: the next
					   sibling with this key */
};

/* A layer being decoded: where its fields go. */
struct jopen {
	uint32_t	 node;
	uint32_t	 parent[JSON_MAX_DEPTH];	/* [depth]: fields go here */
	int		 depth;
	int		 over;		/* pushes past JSON_MAX_DEPTH */
	uint32_t	 last;		/* last field at parent[depth]: the
					   node a push opens */
	bool		 icmp;		/* its inner layers are its children */
	bool		 udp;		/* its payload's are not (see
					   sink_layer_open) */
};

struct json_printer {
	/* The -j / -J list, split at spaces (NULL: no filter). */
	char		**filter;
	size_t		  nfilter;
	bool		  top_only;	/* -J */
	bool		  merge;	/* --no-duplicate-keys */
	uint64_t	  printed;	/* packets so far: a comma is due */

	/* The packet being built. */
	struct jnode	 *nodes;
	size_t		  nnodes, capnodes;
	char		 *text;
	size_t		  ntext, captext;
	struct jopen	  open[DISSECT_MAX_LAYERS];
	int		  nopen;
};

struct json_printer *
json_printer_new(const char *filter, bool top_only, bool merge)
{
	struct json_printer *jp = xcalloc(1, sizeof *jp);
	char *copy, *word, *save = NULL;

	jp->top_only = top_only;
	jp->merge = merge;
	if (filter != NULL) {
		copy = xstrdup(filter);
		for (word = strtok_r(copy, " ", &save); word != NULL;
		    word = strtok_r(NULL, " ", &save)) {
			jp->filter = xrealloc(jp->filter,
			    (jp->nfilter + 1) * sizeof *jp->filter);
			jp->filter[jp->nfilter++] = xstrdup(word);
		}
		free(copy);
	}
	return jp;
}

void
json_printer_free(struct json_printer *jp)
{
	size_t i;

	if (jp == NULL)
		return;
	for (i = 0; i < jp->nfilter; i++)
		free(jp->filter[i]);
	free(jp->filter);
	free(jp->nodes);
	free(jp->text);
	free(jp);
}

/* Room for n more bytes of text; returns where they go. */
static char *
text_room(struct json_printer *jp, size_t n)
{
	if (jp->captext - jp->ntext < n) {
		while (jp->captext - jp->ntext < n)
			jp->captext = jp->captext ? jp->captext * 2 : 4096;
		jp->text = xrealloc(jp->text, jp->captext);
	}
	return jp->text + jp->ntext;
}

/* Keep a string in the arena; returns its offset. */
static uint32_t
text_add(struct json_printer *jp, const char *s)
{
	size_t n = strlen(s) + 1;
	uint32_t at = (uint32_t)jp->ntext;

	memcpy(text_room(jp, n), s, n);
	jp->ntext += n;
	return at;
}

static const char *
text_at(const struct json_printer *jp, uint32_t off)
{
	return jp->text + off;
}

/* A new node, the last child of parent. */
static uint32_t
node_add(struct json_printer *jp, uint32_t parent, enum jnode_kind kind)
{
	struct jnode *n, *p;
	uint32_t id;

	if (jp->nnodes == jp->capnodes) {
		jp->capnodes = jp->capnodes ? jp->capnodes * 2 : 256;
		jp->nodes = xrealloc(jp->nodes,
		    jp->capnodes * sizeof *jp->nodes);
	}
	id = (uint32_t)jp->nnodes++;
	n = &jp->nodes[id];
	memset(n, 0, sizeof *n);
	n->kind = (uint8_t)kind;
	p = &jp->nodes[parent];
	if (p->last != 0)
		jp->nodes[p->last].next = id;
	else
		p->child = id;
	p->last = id;
	return id;
}

static void
sink_layer_open(void *arg, enum proto_id p, uint32_t off)
{
	struct json_printer *jp = arg;
	struct jopen *o;
	uint32_t parent = 0, id;
	int i;

	(void)off;
	if (jp->nopen >= DISSECT_MAX_LAYERS)
		return;
	/* Inside an ICMP message, in its object; but what a UDP header
	   it quotes carries goes with the packet's layers, as tshark has
	   it (tshark's UDP hands its payload the packet's tree). */
	for (i = jp->nopen - 1; i >= 0; i--) {
		if (jp->open[i].icmp) {
			if (!jp->open[jp->nopen - 1].udp)
				parent = jp->open[i].node;
			break;
		}
	}
	id = node_add(jp, parent, JN_LAYER);
	jp->nodes[id].key = text_add(jp, p < P_MAX ? proto_defs[p].filter :
	    "?");
	jp->nodes[id].value = text_add(jp, p < P_MAX ? proto_defs[p].label :
	    "?");
	o = &jp->open[jp->nopen++];
	memset(o, 0, sizeof *o);
	o->node = o->parent[0] = id;
	o->icmp = p == P_ICMP || p == P_ICMPV6;
	o->udp = p == P_UDP;
}

static void
sink_layer_close(void *arg, uint32_t off, int status)
{
	struct json_printer *jp = arg;

	(void)off;
	(void)status;
	if (jp->nopen > 0)
		jp->nopen--;
}

/*
 * Fields tshark types FT_NONE (a mark with no value: "" in its JSON, or
 * the object of its children) that wiretop reports as 1 because tshark's
 * -T fields prints them so.
 */
static const char *const tshark_marks[] = {
	"icmpv6.opt", "icmpv6.mldr.mar", "icmpv6.opt.reserved",
	"icmpv6.invalid_option_length", "ipv6.opt.pad1", NULL
};

/* Is f a field with no value in tshark's JSON? */
static bool
field_is_mark(const struct field_def *f)
{
	size_t i;

	if (f->type == FT_NONE)
		return true;
	for (i = 0; tshark_marks[i] != NULL; i++)
		if (strcmp(f->name, tshark_marks[i]) == 0)
			return true;
	return false;
}

/* A field's value as tshark's JSON shows it, kept in the arena. */
static uint32_t
value_add(struct json_printer *jp, const struct field_value *v)
{
	static const char hex[] = "0123456789abcdef";
	uint32_t at = (uint32_t)jp->ntext;
	size_t i, size;
	char *p;

	switch (v->def->type) {
	case FT_BYTES:
		/* Bytes are colon-separated pairs (-T fields has none). */
		p = text_room(jp, v->n * 3 + 1);
		for (i = 0; i < v->n; i++) {
			if (i > 0)
				*p++ = ':';
			*p++ = hex[v->p[i] >> 4];
			*p++ = hex[v->p[i] & 0xf];
		}
		*p = '\0';
		jp->ntext += (size_t)(p - (jp->text + at)) + 1;
		return at;
	default:
		size = v->n * ESCAPE_MAX_GROWTH + 128;
		p = text_room(jp, size);
		jp->ntext += field_format(v, p, size) + 1;
		return at;
	}
}

static void
sink_field(void *arg, const struct field_value *v)
{
	struct json_printer *jp = arg;
	struct jopen *o;
	struct jnode *n;
	enum jnode_kind kind = JN_FIELD;
	uint32_t id, key, value = 0;
	bool text = v->def->name[0] == '\0';

	if (jp->nopen <= 0)
		return;
	o = &jp->open[jp->nopen - 1];
	/* The text first: the node's address moves when the array grows. */
	if (text) {
		kind = JN_TEXT;
		key = text_add(jp, v->shown != NULL ? v->shown : "");
	} else if (field_is_mark(v->def)) {
		kind = JN_MARK;
		key = text_add(jp, v->def->name);
	} else {
		key = text_add(jp, v->def->name);
		value = value_add(jp, v);
	}
	id = node_add(jp, o->parent[o->depth], kind);
	n = &jp->nodes[id];
	n->key = key;
	n->value = value;
	n->omit = text && text_at(jp, key)[0] == '[';
	o->last = id;
}

static void
sink_push(void *arg)
{
	struct json_printer *jp = arg;
	struct jopen *o;

	if (jp->nopen <= 0)
		return;
	o = &jp->open[jp->nopen - 1];
	if (o->depth + 1 >= JSON_MAX_DEPTH) {
		o->over++;
		return;
	}
	o->depth++;
	o->parent[o->depth] = o->last != 0 ? o->last : o->parent[o->depth - 1];
	o->last = 0;
}

static void
sink_pop(void *arg)
{
	struct json_printer *jp = arg;
	struct jopen *o;

	if (jp->nopen <= 0)
		return;
	o = &jp->open[jp->nopen - 1];
	if (o->over > 0) {
		o->over--;
		return;
	}
	if (o->depth > 0) {
		o->last = o->parent[o->depth];
		o->depth--;
	}
}

/* Does the -j / -J list name key? */
static bool
filter_names(const struct json_printer *jp, const char *key)
{
	size_t i;

	for (i = 0; i < jp->nfilter; i++)
		if (strcmp(jp->filter[i], key) == 0)
			return true;
	return false;
}

/* Does node n have a child that is printed? */
static bool
has_children(const struct json_printer *jp, const struct jnode *n)
{
	uint32_t c;

	for (c = n->child; c != 0; c = jp->nodes[c].next)
		if (!jp->nodes[c].omit)
			return true;
	return false;
}

static void
indent(FILE *out, int level)
{
	fprintf(out, "%*s", 2 * level, "");
}

static void
put_string(FILE *out, const char *s)
{
	escape_json(out, s, strlen(s));
}

/* What the -j / -J list does to the objects of a level: JF_ANY (-j)
   filters every object, JF_TOP (-J) the layers, and what it lets
   through is printed whole. */
enum jfilter { JF_NONE, JF_ANY, JF_TOP };

static void	print_object(struct json_printer *, FILE *, uint32_t, int,
		    enum jfilter);

/*
 * The object of node id's children, its braces at level, or what the
 * filter leaves of it: {"filtered": "<name>"}, name being the key the
 * filter looked for (a field's, for its _tree).
 */
static void
print_children(struct json_printer *jp, FILE *out, uint32_t id, int level,
    const char *name, enum jfilter f)
{
	if (f != JF_NONE && !filter_names(jp, name)) {
		fputs("{\n", out);
		indent(out, level + 1);
		fputs("\"filtered\": ", out);
		put_string(out, name);
		fputc('\n', out);
		indent(out, level);
		fputc('}', out);
		return;
	}
	print_object(jp, out, id, level, f == JF_TOP ? JF_NONE : f);
}

/* Node id's value as its key's (tree: the children of a field, the
   value of its "<name>_tree"). */
static void
print_value(struct json_printer *jp, FILE *out, uint32_t id, int level,
    enum jfilter f, bool tree)
{
	const struct jnode *n = &jp->nodes[id];
	const char *key = text_at(jp, n->key);

	if (tree || (n->kind != JN_FIELD && has_children(jp, n)))
		print_children(jp, out, id, level, key, f);
	else if (n->kind == JN_TEXT || n->kind == JN_MARK)
		fputs("\"\"", out);
	else
		put_string(out, text_at(jp, n->value));
}

/* One member: key, then the value of the node in group[0..count), or
   an array of their values. */
static void
print_member(struct json_printer *jp, FILE *out, const char *key,
    const uint32_t *group, size_t count, int level, enum jfilter f,
    bool tree)
{
	size_t i;

	indent(out, level);
	put_string(out, key);
	fputs(": ", out);
	if (count == 1) {
		print_value(jp, out, group[0], level, f, tree);
		return;
	}
	fputs("[\n", out);
	for (i = 0; i < count; i++) {
		indent(out, level + 1);
		print_value(jp, out, group[i], level + 1, f, tree);
		fputs(i + 1 < count ? ",\n" : "\n", out);
	}
	indent(out, level);
	fputc(']', out);
}

/* The member of the nodes in group[0..count), which share a key; a
   field's children follow as "<name>_tree". */
static void
print_key(struct json_printer *jp, FILE *out, uint32_t *group, size_t count,
    int level, enum jfilter f)
{
	const struct jnode *first = &jp->nodes[group[0]];
	const char *key = text_at(jp, first->key);
	size_t i, trees = 0;
	char *tree_key;

	print_member(jp, out, key, group, count, level, f, false);
	if (first->kind != JN_FIELD)
		return;
	/* Those with children, in place (group is the caller's). */
	for (i = 0; i < count; i++)
		if (has_children(jp, &jp->nodes[group[i]]))
			group[trees++] = group[i];
	if (trees == 0)
		return;
	fputs(",\n", out);
	tree_key = xasprintf("%s_tree", key);
	print_member(jp, out, tree_key, group, trees, level, f, true);
	free(tree_key);
}

/* A child of an object by its key, then by its place. */
struct keyed {
	const char	*key;
	uint32_t	 id;	/* siblings are made in order: ids rise */
};

static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * --no-duplicate-keys: chain the children of node id that share a key
 * (same) and mark all but the first merged.  Sorting keeps it n log n:
 * an object may hold many thousand keys.
 */
static void
merge_keys(struct json_printer *jp, uint32_t id)
{
	struct keyed *k;
	size_t n = 0, i;
	uint32_t c;

	for (c = jp->nodes[id].child; c != 0; c = jp->nodes[c].next)
		n += !jp->nodes[c].omit;
	if (n < 2)
		return;
	k = xcalloc(n, sizeof *k);
	n = 0;
	for (c = jp->nodes[id].child; c != 0; c = jp->nodes[c].next) {
		if (jp->nodes[c].omit)
			continue;
		k[n].key = text_at(jp, jp->nodes[c].key);
		k[n++].id = c;
	}
	qsort(k, n, sizeof *k, keyed_cmp);
	for (i = 1; i < n; i++) {
		if (strcmp(k[i - 1].key, k[i].key) != 0)
			continue;
		jp->nodes[k[i - 1].id].same = k[i].id;
		jp->nodes[k[i].id].merged = true;
	}
	free(k);
}

/*
 * The object of node id's children: braces at level, members one level
 * in.  Keys repeat as they come, or (--no-duplicate-keys) gather at the
 * first one's place.
 */
static void
print_object(struct json_printer *jp, FILE *out, uint32_t id, int level,
    enum jfilter f)
{
	uint32_t c, d, *group = NULL;
	size_t count, cap = 0, members = 0;

	if (jp->merge)
		merge_keys(jp, id);
	for (c = jp->nodes[id].child; c != 0; c = jp->nodes[c].next) {
		if (jp->nodes[c].omit || jp->nodes[c].merged)
			continue;
		fputs(members++ > 0 ? ",\n" : "{\n", out);
		count = 0;
		for (d = c; d != 0; d = jp->nodes[d].same) {
			if (count == cap)
				group = xrealloc(group, (cap = cap ? cap * 2 :
				    16) * sizeof *group);
			group[count++] = d;
		}
		print_key(jp, out, group, count, level + 1, f);
	}
	free(group);
	if (members == 0) {
		fputs("{}", out);
		return;
	}
	fputc('\n', out);
	indent(out, level);
	fputc('}', out);
}

void
json_printer_packet(struct json_printer *jp, FILE *out,
    const struct frame_meta *m, const uint8_t *data)
{
	struct field_sink sink = {
		sink_layer_open, sink_layer_close, sink_field, sink_push,
		sink_pop, jp
	};
	struct pkt_info pi;
	char day[32];
	time_t t = (time_t)m->ts_sec;
	struct tm tm;

	jp->nnodes = 0;
	jp->ntext = 0;
	jp->nopen = 0;
	node_add(jp, 0, JN_LAYER);	/* the root, its own parent */
	jp->nodes[0].child = jp->nodes[0].last = 0;
	dissect_frame(m, data, &pi, &sink, false);

	/* tshark names the day in local time (XXXX-XX-XX when the time
	   has no date). */
	if ((int64_t)t != m->ts_sec || localtime_r(&t, &tm) == NULL ||
	    strftime(day, sizeof day, "%Y-%m-%d", &tm) == 0)
		strcpy(day, "XXXX-XX-XX");
	fputs(jp->printed++ > 0 ? ",\n" : "[\n", out);
	fprintf(out, "  {\n"
	    "    \"_index\": \"packets-%s\",\n"
	    "    \"_type\": \"doc\",\n"
	    "    \"_score\": null,\n"
	    "    \"_source\": {\n"
	    "      \"layers\": ", day);
	print_object(jp, out, 0, 3, jp->filter == NULL ? JF_NONE :
	    jp->top_only ? JF_TOP : JF_ANY);
	fputs("\n    }\n  }", out);
}

void
json_printer_end(struct json_printer *jp, FILE *out)
{
	fputs(jp->printed > 0 ? "\n]\n" : "[]\n", out);
}

void
json_string(FILE *out, const char *s)
{
	put_string(out, s);
}
