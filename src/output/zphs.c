/*
 * The protocol hierarchy (see zphs.h).  tshark builds it from the
 * protocols at the top of each packet's tree, each nested under the one
 * before: eth, ip, udp, dns.  wiretop's layers open in the same order;
 * what tshark keeps inside another protocol's subtree stays out: the
 * layers an ICMP error quotes, except the data a quoted UDP header
 * carries, which tshark's tree has at its top.
 *
 * Nodes live in one array, node 0 the root (not printed); children are
 * chained in the order they first appeared, which is the print order.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "decode/proto.h"
#include "output/zphs.h"
#include "util.h"

/* Tree items tshark adds where a dissector failed, as protocols. */
enum {
	ZPHS_SHORT = P_MAX,	/* the capture ended inside a header */
	ZPHS_MALFORMED		/* the fields contradict each other */
};

struct zphs_node {
	uint8_t		 proto;		/* enum proto_id, or ZPHS_* */
	uint32_t	 child;		/* first child's index, 0 none */
	uint32_t	 last;		/* last child's index, 0 none */
	uint32_t	 next;		/* next sibling's index, 0 none */
	uint64_t	 frames, bytes;
};

struct zphs {
	struct zphs_node *nodes;
	uint32_t	 n, cap;
	uint64_t	 missed;
};

struct zphs *
zphs_new(void)
{
	struct zphs *h = xcalloc(1, sizeof *h);

	h->cap = 64;
	h->nodes = xcalloc(h->cap, sizeof *h->nodes);
	h->n = 1;
	return h;
}

/* The child of node parent for protocol p, made if need be; 0 when the
   tree is full. */
static uint32_t
zphs_child(struct zphs *h, uint32_t parent, uint8_t p)
{
	struct zphs_node *c;
	uint32_t i;

	for (i = h->nodes[parent].child; i != 0; i = h->nodes[i].next)
		if (h->nodes[i].proto == p)
			return i;
	if (h->n >= ZPHS_MAX_NODES)
		return 0;
	if (h->n == h->cap) {
		h->cap *= 2;
		h->nodes = xrealloc(h->nodes, (size_t)h->cap * sizeof *h->nodes);
	}
	i = h->n++;
	c = &h->nodes[i];
	memset(c, 0, sizeof *c);
	c->proto = p;
	if (h->nodes[parent].last != 0)
		h->nodes[h->nodes[parent].last].next = i;
	else
		h->nodes[parent].child = i;
	h->nodes[parent].last = i;
	return i;
}

/* Is layer l of p one of tshark's top-level protocols? */
static bool
zphs_top(const struct zpacket *p, const struct zlayer *l)
{
	if (l->proto == P_FRAME)
		return false;
	if (!l->quoted)
		return true;
	return l->proto == P_DATA && l->parent >= 0 &&
	    p->layers[l->parent].proto == P_UDP;
}

/* Count the packet at the child p of *node, which becomes *node; false
   when the tree is full. */
static bool
zphs_count(struct zphs *h, uint32_t *node, uint8_t p, uint32_t wirelen)
{
	uint32_t next;

	if ((next = zphs_child(h, *node, p)) == 0) {
		h->missed++;
		return false;
	}
	*node = next;
	h->nodes[next].frames++;
	h->nodes[next].bytes += wirelen;
	return true;
}

void
zphs_add(struct zphs *h, const struct zpacket *p)
{
	const struct zlayer *l, *last = NULL;
	uint32_t node = 0;
	int i;

	/* An empty frame: tshark's frame dissector fails at once. */
	if (p->caplen == 0 && p->wirelen == 0) {
		(void)zphs_count(h, &node, ZPHS_MALFORMED, 0);
		return;
	}
	for (i = 0; i < p->nlayers; i++) {
		l = &p->layers[i];
		if (!zphs_top(p, l) || (l->proto == P_IPV4 && l->not_v4))
			continue;
		if (!zphs_count(h, &node, l->proto, p->wirelen))
			return;
		last = l;
		if (l->cut) {
			(void)zphs_count(h, &node, ZPHS_SHORT, p->wirelen);
			return;
		}
	}
	/* A DNS message contradicting itself makes tshark's DNS fail (other
	   dissectors say so and go on). */
	if (last != NULL && (last->status & LAYER_MALFORMED) != 0 &&
	    (last->proto == P_DNS || last->proto == P_MDNS ||
	    last->proto == P_LLMNR))
		(void)zphs_count(h, &node, ZPHS_MALFORMED, p->wirelen);
}

/* Print node i and its subtree at depth levels of indent. */
static void
zphs_print_node(const struct zphs *h, uint32_t i, int depth, FILE *out)
{
	const struct zphs_node *nd;
	char name[128];

	for (; i != 0; i = nd->next) {
		nd = &h->nodes[i];
		snprintf(name, sizeof name, "%*s%s", depth * 2, "",
		    nd->proto == ZPHS_SHORT ? "_ws.short" :
		    nd->proto == ZPHS_MALFORMED ? "_ws.malformed" :
		    proto_defs[nd->proto].filter);
		fprintf(out, "%-40s frames:%llu bytes:%llu\n", name,
		    (unsigned long long)nd->frames,
		    (unsigned long long)nd->bytes);
		/* Depth is bounded by DISSECT_MAX_LAYERS. */
		zphs_print_node(h, nd->child, depth + 1, out);
	}
}

#define ZPHS_RULE \
"===================================================================\n"

void
zphs_print(const struct zphs *h, FILE *out, const char *filter)
{
	fprintf(out, "\n" ZPHS_RULE "Protocol Hierarchy Statistics\n"
	    "Filter: %s\n\n", filter != NULL ? filter : "");
	zphs_print_node(h, h->nodes[0].child, 0, out);
	fputs(ZPHS_RULE, out);
}

uint64_t
zphs_missed(const struct zphs *h)
{
	return h->missed;
}

void
zphs_free(struct zphs *h)
{
	if (h == NULL)
		return;
	free(h->nodes);
	free(h);
}
