/*
 * The detail pane of one packet: its field tree above a hex + ASCII pane
 * in which the selected field's bytes are highlighted.  The packet's bytes
 * are copied out of the ring once, when the pane opens, and decoded fully
 * with a collecting sink.
 *
 * The tree's nodes are in the order the decoders report them (a parent
 * before its children).  Layer headings are the top level; a field's
 * parent is its layer's heading or, in a subtree, the field before it one
 * level up.  A node is shown when every ancestor is expanded, so the
 * selection always is: collapsing moves it up to the collapsed node.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "decode/dissect.h"
#include "ui/text.h"
#include "ui/views.h"
#include "util.h"

#define DETAIL_MAX_NODES	4096

struct node {
	int		 layer;		/* index of its layer heading node */
	int		 parent;	/* index of its parent node, -1: none */
	int		 depth;		/* 0: a layer heading; 1+: fields */
	bool		 heading;
	bool		 kids;		/* has children */
	bool		 expanded;	/* its children are shown */
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
	n->kids = true;		/* even when empty: it opens and closes */
	n->parent = -1;
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
	int i;

	if (field_hidden(v->def))	/* as -V: filter fields, not the tree's */
		return;
	field_format_tree(v, text, sizeof text);
	n = add_node(d, text);
	if (n == NULL)
		return;
	n->layer = d->sp > 0 ? d->stack[d->sp - 1] : 0;
	n->depth = 1 + d->sub;
	/* The parent: the last node of its layer one level up. */
	n->parent = n->layer;
	for (i = d->nnodes - 2; n->depth > 1 && i > n->layer; i--)
		if (d->nodes[i].layer == n->layer &&
		    d->nodes[i].depth == n->depth - 1) {
			n->parent = i;
			break;
		}
	if (n->parent == n->layer)
		n->depth = 1;
	d->nodes[n->parent].kids = true;
	d->nodes[n->parent].expanded = !d->nodes[n->parent].heading;
	n->off = v->off;
	n->len = v->len;
	n->sum = v->verdict;	/* the decoder's, not read from the text */
	n->expanded = false;
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
	/* The highest layer starts expanded, the others collapsed; the
	   subtrees in them expanded. */
	for (i = 0; i < d->nnodes; i++)
		if (d->nodes[i].heading)
			last_heading = i;
	if (d->nnodes > 0)
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

/* Is node i shown (every ancestor expanded)? */
static bool
visible(const struct detail *d, int i)
{
	for (i = d->nodes[i].parent; i >= 0; i = d->nodes[i].parent)
		if (!d->nodes[i].expanded)
			return false;
	return true;
}

/* Is node j below node i in the tree? */
static bool
below(const struct detail *d, int j, int i)
{
	for (j = d->nodes[j].parent; j >= 0; j = d->nodes[j].parent)
		if (j == i)
			return true;
	return false;
}

/* Keep the selection shown: up to its nearest shown ancestor. */
static void
sel_fix(struct detail *d)
{
	int i;

	for (i = d->sel; i >= 0; i = d->nodes[i].parent)
		if (visible(d, i)) {
			d->sel = i;
			return;
		}
	d->sel = 0;
}

/* Expand or collapse node i and everything below it. */
static void
set_subtree(struct detail *d, int i, bool expanded)
{
	int j;

	d->nodes[i].expanded = expanded && d->nodes[i].kids;
	for (j = i + 1; j < d->nnodes; j++)
		if (d->nodes[j].kids && below(d, j, i))
			d->nodes[j].expanded = expanded;
	sel_fix(d);
}

/* Expand (E) or collapse (C) every node. */
static void
set_all(struct detail *d, bool expanded)
{
	int i;

	for (i = 0; i < d->nnodes; i++)
		d->nodes[i].expanded = expanded && d->nodes[i].kids;
	sel_fix(d);
}

/* The number of nodes shown. */
static int
shown_lines(const struct detail *d)
{
	int i, n = 0;

	for (i = 0; i < d->nnodes; i++)
		if (visible(d, i))
			n++;
	return n;
}

/* The node on line l of the tree as shown, -1 if none. */
static int
node_at_line(const struct detail *d, int l)
{
	int i;

	for (i = 0; i < d->nnodes; i++)
		if (visible(d, i) && l-- == 0)
			return i;
	return -1;
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

	char title[160];

	werase(w);
	wattron(w, colors ? COLOR_PAIR(C_TITLE) : A_REVERSE);
	mvwhline(w, 0, 0, ' ', width);
	snprintf(title, sizeof title, " Packet %llu%s",
	    (unsigned long long)d->number, focused ? "  [tree: Up/Down "
	    "select, Right/Left open/close, E/C all, Tab hex]" : "");
	ui_text(w, 0, 0, title, width);
	wattrset(w, A_NORMAL);
	height--;
	if (height <= 0)
		return;
	sel_line = line_of(d, d->sel);
	/* No blank rows under the tree while lines above are scrolled off
	   (after a collapse). */
	line = shown_lines(d);
	if (d->top > line - height)
		d->top = line - height > 0 ? line - height : 0;
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
			/* A field with children: its marker left of it. */
			if (n->kids)
				mvwaddstr(w, y, 2 * n->depth,
				    n->expanded ? "v" : ">");
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

/* Keys of the tree: move the selection, expand and collapse nodes. */
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
	case KEY_RIGHT:
	case 'l':
		/* Open it; once open, go to its first child. */
		if (!n->kids)
			return true;
		if (!n->expanded)
			n->expanded = true;
		else if (d->sel + 1 < d->nnodes &&
		    d->nodes[d->sel + 1].parent == d->sel)
			d->sel++;
		return true;
	case KEY_LEFT:
	case 'h':
		/* Close it; closed (or a leaf), go to its parent. */
		if (n->kids && n->expanded)
			n->expanded = false;
		else if (n->parent >= 0)
			d->sel = n->parent;
		return true;
	case KEY_CTRL_RIGHT:
	case KEY_CTRL_LEFT:
		/* The whole subtree (of a leaf: its parent's). */
		if (!n->kids && n->parent >= 0)
			d->sel = n->parent;
		set_subtree(d, d->sel, key == KEY_CTRL_RIGHT);
		return true;
	case 'E':
		set_all(d, true);
		return true;
	case 'C':
		set_all(d, false);
		return true;
	case '\n':
	case '\r':
	case KEY_ENTER:
		/* Toggle it, or a leaf's layer (which then closes). */
		if (!n->kids)
			n = &d->nodes[n->layer];
		n->expanded = !n->expanded;
		sel_fix(d);
		return true;
	}
	return false;
}

/* A click on the tree pane as last drawn (see views.h). */
void
detail_click(struct detail *d, int y, int x)
{
	const struct node *n;
	int i;

	if (y < 1 || (i = node_at_line(d, d->top + y - 1)) < 0)
		return;
	d->sel = i;
	n = &d->nodes[i];
	/* On its marker ("v " / "> "): open or close it. */
	if (n->kids && x >= 2 * n->depth && x < 2 * n->depth + 2) {
		d->nodes[i].expanded = !n->expanded;
		sel_fix(d);
	}
}

/* Select the smallest node holding frame bytes [off, off + len) (see
   views.h); the nodes above it open so that it shows. */
bool
detail_select_bytes(struct detail *d, uint32_t off, uint32_t len)
{
	int i, best = -1;

	for (i = 0; i < d->nnodes; i++) {
		const struct node *n = &d->nodes[i];

		if (n->len == 0 || n->off > off || off - n->off > n->len ||
		    n->len - (off - n->off) < len)
			continue;
		/* Ties: the later one, a child as wide as its parent. */
		if (best < 0 || n->len <= d->nodes[best].len)
			best = i;
	}
	if (best < 0)
		return false;
	for (i = d->nodes[best].parent; i >= 0; i = d->nodes[i].parent)
		d->nodes[i].expanded = true;
	d->sel = best;
	return true;
}

/* A click on the hex pane as last drawn (see views.h). */
void
detail_click_hex(struct detail *d, int y, int x)
{
	uint32_t off;
	int i, col;

	if (y < 1)
		return;
	for (i = 0; i < 16; i++) {
		col = 5 + i * 3 + (i >= 8);
		if ((x >= col && x < col + 2) || x == 5 + 16 * 3 + 2 + i)
			break;
	}
	off = (uint32_t)(d->hex_top + y - 1) * 16 + (uint32_t)i;
	if (i < 16 && off < d->caplen)
		(void)detail_select_bytes(d, off, 1);
}

/* Does text hold needle, ASCII case ignored? */
static bool
has_text(const char *text, const char *needle)
{
	size_t n = strlen(needle), i;

	if (n == 0)
		return true;
	for (; *text != '\0'; text++) {
		for (i = 0; i < n && text[i] != '\0'; i++)
			if (tolower((unsigned char)text[i]) !=
			    tolower((unsigned char)needle[i]))
				break;
		if (i == n)
			return true;
	}
	return false;
}

/* Select the first node from the selection on with text (see views.h);
   the nodes above it open so that it shows. */
bool
detail_find(struct detail *d, const char *text)
{
	int i, j, k;

	for (k = 0; k < d->nnodes; k++) {
		i = (d->sel + k) % d->nnodes;
		if (!has_text(d->nodes[i].text, text))
			continue;
		for (j = d->nodes[i].parent; j >= 0; j = d->nodes[j].parent)
			d->nodes[j].expanded = true;
		d->sel = i;
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

/*
 * The rows of the hex pane when the tree and the hex pane share height
 * rows (each with its title row): the tree needs tree_need rows, the hex
 * pane hex_need.  Neither gets rows it leaves blank while the other is
 * clipped: a pane whose content fits in half gets just what it needs and
 * the other the rest; when both are clipped they split evenly.  When both
 * fit, the spare rows go to the tree (the hex pane stays put as layers
 * open).
 */
static int
hex_rows(int height, int tree_need, int hex_need)
{
	int half = height / 2;

	if (tree_need + hex_need <= height || hex_need <= half)
		return hex_need;
	if (tree_need <= height - half)
		return height - tree_need;
	return half;
}

/* Rows the tree and hex panes take when neither is clipped (each with
   its title). */
int
detail_rows(const struct detail *d)
{
	return 1 + shown_lines(d) + 1 + (int)((d->caplen + 15) / 16);
}

/* Draw the tree over the hex pane in w (see views.h). */
void
detail_draw(struct ui *u, struct detail *d, WINDOW *w)
{
	int height = getmaxy(w), width = getmaxx(w), tree_h, hex_h;
	int y0 = getbegy(w), x0 = getbegx(w);
	WINDOW *tree, *hex;

	u->tree_rect = u->hex_rect = (struct ui_rect){ 0, 0, 0, 0 };
	if (height < 2 || width < 1)
		return;
	hex_h = hex_rows(height, 1 + shown_lines(d),
	    1 + (int)((d->caplen + 15) / 16));
	tree_h = height - hex_h;
	/* Each keeps its title and a line at least. */
	if (tree_h < 2 && height >= 4) {
		tree_h = 2;
		hex_h = height - 2;
	} else if (hex_h < 2 && height >= 4) {
		hex_h = 2;
		tree_h = height - 2;
	}
	tree = derwin(w, tree_h, width, 0, 0);
	hex = hex_h > 0 ? derwin(w, hex_h, width, tree_h, 0) : NULL;
	if (tree == NULL || (hex_h > 0 && hex == NULL)) {
		if (tree != NULL)
			delwin(tree);
		if (hex != NULL)
			delwin(hex);
		return;
	}
	detail_draw_tree(d, tree, u->focus == FOCUS_TREE, u->colors);
	u->tree_rect = (struct ui_rect){ y0, x0, tree_h, width };
	if (hex != NULL) {
		detail_draw_hex(d, hex, u->focus == FOCUS_HEX, u->colors);
		u->hex_rect = (struct ui_rect){ y0 + tree_h, x0, hex_h,
		    width };
		delwin(hex);
	}
	delwin(tree);
}
