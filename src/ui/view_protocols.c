/*
 * The protocols view: the protocol hierarchy (link, network, transport,
 * application) with packets, bytes, share of all packets and current rate.
 * A packet counts once in every protocol of its dissection, so a tunnelled
 * TCP segment counts in tcp under the tunnel too.  The model keeps one
 * counter per protocol, not per path, so the tree is by layer: each
 * protocol sits under the layer that carries it (tcp under ipv4/ipv6,
 * dns under udp), with its total over every path.
 *
 * Rates: live, over the last 2 complete seconds (as the status line's,
 * status.c); a file once loaded, its averages over the capture's duration.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui/text.h"
#include "ui/views.h"

static const struct {
	enum proto_id	p;
	int		depth;
} hierarchy[] = {
	{ P_ETH, 0 }, { P_SLL, 0 }, { P_NULL, 0 },
	{ P_LLC, 1 }, { P_STP, 2 },
	{ P_VLAN, 1 }, { P_IEEE8021AD, 1 },
	{ P_ARP, 1 },
	{ P_IPV4, 1 }, { P_IPV6, 1 },
	{ P_TCP, 2 },
	{ P_UDP, 2 },
	{ P_DNS, 3 }, { P_MDNS, 3 }, { P_LLMNR, 3 }, { P_VXLAN, 3 },
	{ P_GENEVE, 3 }, { P_L2TP, 3 },
	{ P_ICMP, 2 }, { P_ICMPV6, 2 }, { P_IGMP, 2 }, { P_GRE, 2 },
	{ P_ESP, 2 }, { P_AH, 2 }, { P_OSPF, 2 }, { P_SCTP, 2 },
	{ P_EIGRP, 2 }, { P_IGRP, 2 }, { P_PIM, 2 }, { P_VRRP, 2 },
};

/* Draw the protocol tree with its counters into w. */
static void
protocols_draw(struct ui *u, WINDOW *w)
{
	int height = getmaxy(w), width = getmaxx(w), y = 2, by, bx;
	size_t i, rows = 0, page;
	char line[256], bytes[16], rate[16], brate[16];
	double share, pps, bps, span = 0;
	bool avg = u->finished && !u->is_live;

	werase(w);
	getbegyx(w, by, bx);
	page = height > 2 ? (size_t)height - 2 : 1;
	if (avg && u->tot.last_ns > u->tot.first_ns)
		span = ((double)u->tot.last_ns - (double)u->tot.first_ns) /
		    1e9;
	wattron(w, A_BOLD);
	mvwprintw(w, 0, 0, "Protocol hierarchy: %llu packets, %llu bytes",
	    (unsigned long long)u->tot.packets,
	    (unsigned long long)u->tot.bytes);
	mvwprintw(w, 1, 0, "%-24s %10s %10s %7s %9s %9s", "Protocol",
	    "Packets", "Bytes", "Share", avg ? "pkt/s avg" : "pkt/s 2s",
	    avg ? "bit/s avg" : "bit/s 2s");
	wattrset(w, A_NORMAL);
	for (i = 0; i < sizeof hierarchy / sizeof hierarchy[0]; i++) {
		const struct proto_count *c = &u->tot.proto[hierarchy[i].p];
		char name[64];

		if (c->packets == 0)
			continue;
		if (rows++ < u->protos_scroll.top || y >= height)
			continue;
		share = u->tot.packets ? 100.0 * (double)c->packets /
		    (double)u->tot.packets : 0;
		human(bytes, sizeof bytes, (double)c->bytes, "B");
		if (avg) {
			pps = span > 0 ? (double)c->packets / span : 0;
			bps = span > 0 ? (double)c->bytes * 8 / span : 0;
		} else {
			pps = u->proto_pps[hierarchy[i].p];
			bps = u->proto_bps[hierarchy[i].p];
		}
		human_short(rate, sizeof rate, pps);
		human_short(brate, sizeof brate, bps);
		snprintf(name, sizeof name, "%*s%s", 2 * hierarchy[i].depth, "",
		    proto_defs[hierarchy[i].p].filter);
		snprintf(line, sizeof line, "%-24s %10llu %10s %6.1f%% %9s "
		    "%9s", name, (unsigned long long)c->packets, bytes, share,
		    rate, brate);
		ui_text(w, y++, 0, line, width);
	}
	u->list_rect = (struct ui_rect){ by + 2, bx, (int)page, width };
	if (rows == 0)
		mvwaddnstr(w, 2, 0, "no packets yet", width);
	scroll_fit(&u->protos_scroll, rows, page);
}

/* Keys of the protocols view: scrolling. */
static bool
protocols_key(struct ui *u, int key)
{
	switch (key) {
	case KEY_UP: case 'k':
		if (u->protos_scroll.top > 0)
			u->protos_scroll.top--;
		return true;
	case KEY_DOWN: case 'j':
		u->protos_scroll.top++;
		return true;
	}
	return false;
}

const struct ui_view_ops view_protocols = { "protocols", protocols_draw, protocols_key };
