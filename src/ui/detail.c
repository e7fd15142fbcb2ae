/*
 * The detail pane of one packet: its field tree (layers expand and
 * collapse) above a hex + ASCII pane in which the selected field's bytes
 * are highlighted.  The packet's bytes are copied out of the ring once,
 * when the pane opens, and decoded fully with a collecting sink.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "decode/dissect.h"
#include "ui/text.h"
#include "ui/views.h"
#include "util.h"

#define DETAIL_MAX_NODES	4096

struct node {
	int		 layer;		/* index of its layer heading node */
	int		 depth;		/* 0: a layer heading; 1+: fields */
	bool		 heading;
	bool		 expanded;	/* headings only */
	signed char	 sum;		/* checksum verdict: 1 good, -1 bad */
	uint32_t	 off, len;
	char		*text;
};

struct detail {
	uint64_t	 number;
	uint8_t		*bytes;
	uint32_t	 caplen;
	struct node	*nodes;
	int		 nnodes;
	int		 sel;		/* selected node */
	int		 top;		/* first visible line of the tree */
	int		 hex_top;	/* first visible line of the hex */
	/* Collecting state. */
	int		 stack[DISSECT_MAX_LAYERS];
	int		 sp;
	int		 sub;		/* subtree depth inside the layer */
	const struct frame_meta *m;
};

/* Append a node (silently stops at the cap: the tree is then cut). */
static struct node *
add_node(struct detail *d, const char *text)
{
	struct node *n;

	if (d->nnodes >= DETAIL_MAX_NODES)
		return NULL;
	n = &d->nodes[d->nnodes++];
	memset(n, 0, sizeof *n);
	n->text = xstrdup(text);
	return n;
}

/* Sink: a layer opens; its heading node starts a group. */
static void
sink_layer_open(void *arg, enum proto_id p, uint32_t off)
{
	struct detail *d = arg;
	struct node *n;
	char text[160];

	if (p == P_FRAME)
		snprintf(text, sizeof text, "Frame %llu: %u bytes on wire, %u "
		    "captured", (unsigned long long)d->m->number,
		    d->m->wirelen, d->m->caplen);
	else
		snprintf(text, sizeof text, "%s", p < P_MAX ?
		    proto_defs[p].label : "?");
	n = add_node(d, text);
	if (n == NULL)
		return;
	n->heading = true;
	n->layer = d->nnodes - 1;
	n->off = off;
	n->len = 0;
	if (d->sp < DISSECT_MAX_LAYERS)
		d->stack[d->sp++] = d->nnodes - 1;
	d->sub = 0;
}

/* Sink: a layer closes; its length and status go on its heading. */
static void
sink_layer_close(void *arg, uint32_t off, int status)
{
	struct detail *d = arg;
	struct node *n;
	char *t;

	if (d->sp <= 0)
		return;
	n = &d->nodes[d->stack[--d->sp]];
	n->len = off >= n->off ? off - n->off : 0;
	if (status != LAYER_OK) {
		t = xasprintf("%s  [%s%s%s]", n->text,
		    status & LAYER_TRUNCATED ? "truncated " : "",
		    status & LAYER_MALFORMED ? "malformed " : "",
		    status & LAYER_BADSUM ? "bad checksum" : "");
		free(n->text);
		n->text = t;
		if (status & LAYER_BADSUM)
			n->sum = -1;
	}
	d->sub = 0;
}

/* Sink: one field, as a tree line under the open layer. */
static void
sink_field(void *arg, const struct field_value *v)
{
	struct detail *d = arg;
	struct node *n;
	char text[512];

	field_format_tree(v, text, sizeof text);
	n = add_node(d, text);
	if (n == NULL)
		return;
	n->layer = d->sp > 0 ? d->stack[d->sp - 1] : 0;
	n->depth = 1 + d->sub;
	n->off = v->off;
	n->len = v->len;
	n->sum = v->verdict;	/* the decoder's, not read from the text */
}

/* Sink: following fields are children of the last one. */
static void
sink_push(void *arg)
{
	((struct detail *)arg)->sub++;
}

/* Sink: back up one level of children. */
static void
sink_pop(void *arg)
{
	struct detail *d = arg;

	if (d->sub > 0)
		d->sub--;
}

/* Copy packet number from the ring and build its field tree; NULL if
   the ring no longer has it.  The caller closes it. */
struct detail *
detail_open(struct ui *u, uint64_t number)
{
	struct field_sink sink = {
		sink_layer_open, sink_layer_close, sink_field, sink_push,
		sink_pop, NULL
	};
	struct frame_meta fm;
	struct pkt_info pi;
	struct detail *d;
	bool ok;
	int i, last_heading = 0;

	d = xcalloc(1, sizeof *d);
	d->bytes = xmalloc(SNAPLEN_MAX);
	model_lock(u->m);
	ok = model_ring_frame(u->m, number, &fm, d->bytes, SNAPLEN_MAX);
	model_unlock(u->m);
	if (!ok) {
		free(d->bytes);
		free(d);
		return NULL;
	}
	d->number = number;
	d->caplen = fm.caplen;
	d->nodes = xcalloc(DETAIL_MAX_NODES, sizeof *d->nodes);
	d->m = &fm;
	sink.arg = d;
	dissect_frame(&fm, d->bytes, &pi, &sink, false);
	d->m = NULL;
	/* The highest layer starts expanded, the others collapsed. */
	for (i = 0; i < d->nnodes; i++)
		if (d->nodes[i].heading)
			last_heading = i;
	d->nodes[last_heading].expanded = true;
	d->sel = last_heading;
	return d;
}

/* Free a detail pane. */
void
detail_close(struct detail *d)
{
	int i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nnodes; i++)
		free(d->nodes[i].text);
	free(d->nodes);
	free(d->bytes);
	free(d);
}

/* The packet number a detail pane shows. */
uint64_t
detail_number(const struct detail *d)
{
	return d->number;
}

/* Is node i shown (its layer expanded, or a heading)? */
static bool
visible(const struct detail *d, int i)
{
	const struct node *n = &d->nodes[i];

	return n->heading || d->nodes[n->layer].expanded;
}

/* The visible node before/after i in direction dir, or i if none. */
static int
step(const struct detail *d, int i, int dir)
{
	int j;

	for (j = i + dir; j >= 0 && j < d->nnodes; j += dir)
		if (visible(d, j))
			return j;
	return i;
}

/* Line number of node i among the visible nodes. */
static int
line_of(const struct detail *d, int i)
{
	int j, line = 0;

	for (j = 0; j < i && j < d->nnodes; j++)
		if (visible(d, j))
			line++;
	return line;
}

/* Draw the visible part of the field tree, the selection highlighted. */
void
detail_draw_tree(struct detail *d, WINDOW *w, bool focused, bool colors)
{
	int height = getmaxy(w), width = getmaxx(w), i, y, line, sel_line;

	werase(w);
	wattron(w, colors ? COLOR_PAIR(C_TITLE) : A_REVERSE);
	mvwhline(w, 0, 0, ' ', width);
	mvwprintw(w, 0, 0, " Packet %llu%s", (unsigned long long)d->number,
	    focused ? "  [tree: Up/Down select, Enter expand/collapse]" : "");
	wattrset(w, A_NORMAL);
	height--;
	if (height <= 0)
		return;
	sel_line = line_of(d, d->sel);
	if (sel_line < d->top)
		d->top = sel_line;
	if (sel_line >= d->top + height)
		d->top = sel_line - height + 1;
	for (i = 0, line = 0, y = 1; i < d->nnodes && y <= height; i++) {
		const struct node *n = &d->nodes[i];

		if (!visible(d, i))
			continue;
		if (line++ < d->top)
			continue;
		/* Checksums: red (bold, underlined in monochrome) when bad,
		   green when good. */
		if (n->sum < 0)
			wattron(w, colors ? COLOR_PAIR(C_BAD) | A_BOLD :
			    A_BOLD | A_UNDERLINE);
		else if (n->sum > 0 && colors)
			wattron(w, COLOR_PAIR(C_GOOD));
		if (i == d->sel)
			wattron(w, focused ? A_REVERSE : A_BOLD);
		else if (n->heading)
			wattron(w, A_BOLD);
		if (n->heading) {
			mvwaddstr(w, y, 0, n->expanded ? "v " : "> ");
			ui_text(w, y, 2, n->text, width - 2);
		} else if (width > 2 + 2 * n->depth) {
			wmove(w, y, 0);
			wprintw(w, "%*s", 2 + 2 * n->depth, "");
			ui_text(w, y, 2 + 2 * n->depth, n->text,
			    width - 2 - 2 * n->depth);
		}
		wattrset(w, A_NORMAL);
		y++;
	}
}

/* Draw the hex + ASCII pane with the selected field's bytes highlighted. */
void
detail_draw_hex(struct detail *d, WINDOW *w, bool focused, bool colors)
{
	int height = getmaxy(w), width = getmaxx(w), y, i, lines;
	const struct node *n = d->nnodes > 0 ? &d->nodes[d->sel] : NULL;
	uint32_t hl_off = n ? n->off : 0, hl_len = n ? n->len : 0;
	int hl_attr = colors ? COLOR_PAIR(C_HIGHLIGHT) : A_REVERSE;

	werase(w);
	wattron(w, colors ? COLOR_PAIR(C_TITLE) : A_REVERSE);
	mvwhline(w, 0, 0, ' ', width);
	mvwprintw(w, 0, 0, " %u bytes%s", d->caplen,
	    focused ? "  [hex: Up/Down scroll]" : "");
	wattrset(w, A_NORMAL);
	height--;
	lines = (int)((d->caplen + 15) / 16);
	/* Bring the highlighted bytes into view unless the user scrolls. */
	if (!focused && hl_len > 0) {
		int l = (int)(hl_off / 16);

		if (l < d->hex_top || l >= d->hex_top + height)
			d->hex_top = l;
	}
	if (d->hex_top > lines - height)
		d->hex_top = lines - height > 0 ? lines - height : 0;
	for (y = 0; y < height && d->hex_top + y < lines; y++) {
		uint32_t off = (uint32_t)(d->hex_top + y) * 16;

		mvwprintw(w, y + 1, 0, "%04x ", off);
		for (i = 0; i < 16 && off + (uint32_t)i < d->caplen; i++) {
			uint32_t b = off + (uint32_t)i;
			bool hl = b >= hl_off && b < hl_off + hl_len;
			uint8_t c = d->bytes[b];
			int x = 5 + i * 3 + (i >= 8);

			if (x + 3 > width)
				break;
			if (hl)
				wattron(w, hl_attr);
			mvwprintw(w, y + 1, x, "%02x", c);
			if (hl)
				wattroff(w, hl_attr);
			if (5 + 16 * 3 + 2 + i < width) {
				if (hl)
					wattron(w, hl_attr);
				mvwaddch(w, y + 1, 5 + 16 * 3 + 2 + i,
				    c >= 0x20 && c < 0x7f ? c : '.');
				if (hl)
					wattroff(w, hl_attr);
			}
		}
	}
}

/* Keys of the tree: move the selection, expand/collapse a layer. */
bool
detail_key_tree(struct detail *d, int key, int page)
{
	struct node *n;
	int i;

	if (d->nnodes == 0)
		return false;
	n = &d->nodes[d->sel];
	switch (key) {
	case KEY_UP:
	case 'k':
		d->sel = step(d, d->sel, -1);
		return true;
	case KEY_DOWN:
	case 'j':
		d->sel = step(d, d->sel, 1);
		return true;
	case KEY_PPAGE:
		for (i = 0; i < page; i++)
			d->sel = step(d, d->sel, -1);
		return true;
	case KEY_NPAGE:
		for (i = 0; i < page; i++)
			d->sel = step(d, d->sel, 1);
		return true;
	case KEY_HOME:
		d->sel = 0;
		return true;
	case KEY_END:
		for (i = d->nnodes - 1; i > 0 && !visible(d, i); i--)
			;
		d->sel = i;
		return true;
	case '\n':
	case '\r':
	case KEY_ENTER:
	case KEY_RIGHT:
	case KEY_LEFT:
		/* Enter toggles the layer the selection is in. */
		n = &d->nodes[n->layer];
		n->expanded = key == KEY_RIGHT ? true : key == KEY_LEFT ?
		    false : !n->expanded;
		d->sel = n->layer == d->sel || !n->expanded ? n->layer : d->sel;
		if (!n->expanded)
			d->sel = (int)(n - d->nodes);
		return true;
	}
	return false;
}

/* Keys of the hex pane: scrolling. */
bool
detail_key_hex(struct detail *d, int key, int page)
{
	switch (key) {
	case KEY_UP:
	case 'k':
		if (d->hex_top > 0)
			d->hex_top--;
		return true;
	case KEY_DOWN:
	case 'j':
		d->hex_top++;
		return true;
	case KEY_PPAGE:
		d->hex_top = d->hex_top > page ? d->hex_top - page : 0;
		return true;
	case KEY_NPAGE:
		d->hex_top += page;
		return true;
	}
	return false;
}

/* Draw the tree over the hex pane in w (see views.h). */
void
detail_draw(struct ui *u, struct detail *d, WINDOW *w)
{
	int height = getmaxy(w), width = getmaxx(w), tree_h, hex_h;
	int y0 = getbegy(w), x0 = getbegx(w);
	WINDOW *tree, *hex;

	hex_h = height / 2;
	tree_h = height - hex_h;
	tree = derwin(w, tree_h, width, 0, 0);
	hex = derwin(w, hex_h, width, tree_h, 0);
	if (tree == NULL || hex == NULL) {
		if (tree != NULL)
			delwin(tree);
		if (hex != NULL)
			delwin(hex);
		return;
	}
	detail_draw_tree(d, tree, u->focus == FOCUS_TREE, u->colors);
	detail_draw_hex(d, hex, u->focus == FOCUS_HEX, u->colors);
	u->tree_rect = (struct ui_rect){ y0, x0, tree_h, width };
	u->hex_rect = (struct ui_rect){ y0 + tree_h, x0, hex_h, width };
	delwin(tree);
	delwin(hex);
}
