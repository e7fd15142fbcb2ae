/*
 * The model on hand-made packets, as it is written: the ring's wrap-around
 * by count and by bytes, records read back as frames, flows (both
 * directions, src choice, TCP state, LRU eviction, idle expiry), talkers,
 * per-protocol totals, the configuration and interface names.  Queries
 * (top-N, rates, the --stats order and output) are test_model_query.c's.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decoders.h"
#include "decode/dissect.h"
#include "model/model.h"
#include "modellib.h"
#include "testlib.h"

#include "output/stats.h"

static void
test_ring_count(void)
{
	struct model		*m = mk(4, 1 << 20, 0, 0, 0);
	struct pkt_info		 pi = pk(17, "10.0.0.1", 1, "10.0.0.2", 2, 0);
	struct model_totals	 t;
	uint64_t		 first, last, n, i;
	int64_t			 t0 = now_sec * SEC;

	model_ring_span(m, &first, &last);
	CHECK(first == 0 && last == 0);
	CHECK(!model_ring_get(m, 1, NULL, NULL, 0));
	model_batch_begin(m);
	for (i = 1; i <= 10; i++) {
		n = add_at(m, &pi, 60 + (uint32_t)i, t0 + (int64_t)i);
		CHECK_INT(n, i);
	}
	model_batch_end(m);
	model_lock(m);
	model_ring_span(m, &first, &last);
	CHECK_INT(first, 7);
	CHECK_INT(last, 10);
	CHECK(!model_ring_get(m, 6, NULL, NULL, 0));
	CHECK(!model_ring_get(m, 11, NULL, NULL, 0));
	CHECK(!model_ring_get(m, 0, NULL, NULL, 0));
	/* The add_at() fill byte is its own call counter: read it back. */
	for (i = 7; i <= 10; i++) {
		struct pkt_rec rec;
		uint8_t b[1];

		CHECK(model_ring_get(m, i, &rec, b, 1));
		CHECK(rec_intact(m, i, 60 + (uint32_t)i, b[0]));
		CHECK_INT(rec.ts_nsec, (t0 + (int64_t)i) % SEC);
		CHECK_INT(rec.ipver, 4);
		CHECK_INT(rec.sport, 1);
	}
	model_totals(m, &t);
	CHECK_INT(t.ring_overwritten, 6);
	CHECK_INT(t.packets, 10);
	model_unlock(m);
	model_free(m);
}

static void
test_ring_bytes(void)
{
	struct model		*m = mk(100, 100, 0, 0, 0);
	struct pkt_info		 pi = pk(17, "10.0.0.1", 1, "10.0.0.2", 2, 0);
	struct model_totals	 t;
	struct pkt_rec		 rec;
	uint8_t			 fills[32], buf[200];
	uint64_t		 first, last, i;

	/* 30-byte frames in a 100-byte arena: three fit, frames wrap. */
	model_batch_begin(m);
	for (i = 1; i <= 10; i++) {
		add_at(m, &pi, 30, now_sec * SEC);
		model_ring_get(m, i, NULL, &fills[i], 1);
	}
	model_batch_end(m);
	model_lock(m);
	model_ring_span(m, &first, &last);
	CHECK_INT(first, 8);
	CHECK_INT(last, 10);
	for (i = 1; i <= 7; i++)
		CHECK(!model_ring_get(m, i, NULL, NULL, 0));
	/* Packet 10 sits at arena positions 270..299: wraps at 300 % 100. */
	for (i = 8; i <= 10; i++)
		CHECK(rec_intact(m, i, 30, fills[i]));
	model_totals(m, &t);
	CHECK_INT(t.ring_overwritten, 7);
	model_unlock(m);

	/* A 70-byte frame pushes out the two oldest (8 and 9). */
	add1(m, &pi, 70, now_sec * SEC);
	model_lock(m);
	model_ring_span(m, &first, &last);
	CHECK_INT(first, 10);
	CHECK_INT(last, 11);
	CHECK(rec_intact(m, 10, 30, fills[10]));
	model_totals(m, &t);
	CHECK_INT(t.ring_overwritten, 9);
	model_unlock(m);

	/* A frame larger than the arena keeps its first 100 bytes alone. */
	add1(m, &pi, 150, now_sec * SEC);
	model_lock(m);
	model_ring_span(m, &first, &last);
	CHECK_INT(first, 12);
	CHECK(model_ring_get(m, 12, &rec, buf, sizeof buf));
	CHECK_INT(rec.caplen, 100);
	CHECK_INT(rec.wirelen, 150);
	/* A short buffer gets a prefix. */
	memset(buf, 0, sizeof buf);
	CHECK(model_ring_get(m, 12, &rec, buf, 5));
	CHECK(buf[4] == buf[0] && buf[5] == 0);
	model_totals(m, &t);
	CHECK_INT(t.ring_overwritten, 11);
	CHECK_INT(t.packets, 12);
	CHECK_INT(t.bytes, 10 * 30 + 70 + 150);
	model_unlock(m);
	model_free(m);
}

static void
test_flow_directions(void)
{
	struct model		*m = mk(0, 0, 0, 0, 0);
	struct pkt_info		 ab = pk(6, "10.0.0.9", 40000, "10.0.0.1", 80,
	    TCP_A);
	struct pkt_info		 ba = pk(6, "10.0.0.1", 80, "10.0.0.9", 40000,
	    TCP_A);
	struct flow_view	 v;
	int64_t			 t0 = now_sec * SEC;

	/* The first packet comes from the larger address: it is src. */
	add1(m, &ab, 100, t0 + 5);
	add1(m, &ba, 1000, t0 + 7);
	add1(m, &ba, 1000, t0 + 9);
	add1(m, &ab, 60, t0 + 11);
	model_lock(m);
	CHECK_INT(model_flow_count(m), 1);
	CHECK(find_flow(m, "10.0.0.9", 40000, &v));
	CHECK_INT(v.dport, 80);
	CHECK_INT(v.packets, 2);
	CHECK_INT(v.bytes, 160);
	CHECK_INT(v.packets_rev, 2);
	CHECK_INT(v.bytes_rev, 2000);
	CHECK_INT(v.first_ns, t0 + 5);
	CHECK_INT(v.last_ns, t0 + 11);
	CHECK_INT(v.proto, 6);
	model_unlock(m);

	/* Same addresses, other ports: another flow; non-TCP: "active". */
	ab = pk(17, "10.0.0.1", 53, "10.0.0.9", 5353, 0);
	add1(m, &ab, 80, t0 + 12);
	ab = pk(1, "10.0.0.1", 0, "10.0.0.9", 0, 0);
	add1(m, &ab, 98, t0 + 13);
	ab = pk(1, "10.0.0.9", 0, "10.0.0.1", 0, 0);
	add1(m, &ab, 98, t0 + 14);
	/* IPv6 flows key on all 16 bytes. */
	ab = pk(17, "2001:db8::2", 9, "2001:db8::1", 7, 0);
	add1(m, &ab, 90, t0 + 15);
	ab = pk(17, "2001:db8::1", 7, "2001:db8::2", 9, 0);
	add1(m, &ab, 90, t0 + 16);
	model_lock(m);
	CHECK_INT(model_flow_count(m), 4);
	CHECK(find_flow(m, "10.0.0.1", 53, &v));
	CHECK_INT(v.state, FS_ACTIVE);
	CHECK(find_flow(m, "10.0.0.1", 0, &v));
	CHECK_INT(v.proto, 1);
	CHECK_INT(v.packets, 1);
	CHECK_INT(v.packets_rev, 1);
	CHECK(find_flow(m, "2001:db8::2", 9, &v));
	CHECK_INT(v.ipver, 6);
	CHECK_INT(v.packets, 1);
	CHECK_INT(v.packets_rev, 1);
	model_unlock(m);
	model_free(m);
}

/* The state of a TCP flow after packets with these flags (s: from src). */
static int
state_after(const char *dirs, const uint8_t *flags, size_t n)
{
	struct model		*m = mk(0, 0, 0, 0, 0);
	struct pkt_info		 pi;
	struct flow_view	 v;
	size_t			 i;
	int			 st;

	for (i = 0; i < n; i++) {
		if (dirs[i] == 's')
			pi = pk(6, "192.168.1.2", 5555, "192.168.1.1", 22,
			    flags[i]);
		else
			pi = pk(6, "192.168.1.1", 22, "192.168.1.2", 5555,
			    flags[i]);
		add1(m, &pi, 60, now_sec * SEC + (int64_t)i);
	}
	model_lock(m);
	st = model_flows(m, &v, 1, NULL, NULL) == 1 ? v.state : -1;
	model_unlock(m);
	model_free(m);
	return st;
}

static void
test_tcp_state(void)
{
	static const uint8_t hs[] = { TCP_S, TCP_S | TCP_A, TCP_A,
	    TCP_F | TCP_A, TCP_A, TCP_F | TCP_A, TCP_R };

	CHECK_INT(state_after("", hs, 0), -1);
	CHECK_INT(state_after("s", hs, 1), FS_SYN_SENT);
	CHECK_INT(state_after("sd", hs, 2), FS_SYN_RECEIVED);
	CHECK_INT(state_after("sds", hs, 3), FS_ESTABLISHED);
	CHECK_INT(state_after("sdss", hs, 4), FS_CLOSING);
	CHECK_INT(state_after("sdssd", hs, 5), FS_CLOSING);
	/* FIN twice from the same side is still closing. */
	CHECK_INT(state_after("sdsss", (const uint8_t[]){ TCP_S,
	    TCP_S | TCP_A, TCP_A, TCP_F | TCP_A, TCP_F | TCP_A }, 5),
	    FS_CLOSING);
	CHECK_INT(state_after("sdssdd", hs, 6), FS_CLOSED);
	CHECK_INT(state_after("sdssdds", hs, 7), FS_RESET);
	/* Order does not matter: the sets of flags seen decide. */
	CHECK_INT(state_after("s", (const uint8_t[]){ TCP_A }, 1),
	    FS_ESTABLISHED);
	CHECK_INT(state_after("ds", (const uint8_t[]){ TCP_S | TCP_A, TCP_S },
	    2), FS_SYN_RECEIVED);
	CHECK_INT(state_after("ss", (const uint8_t[]){ TCP_R, TCP_S }, 2),
	    FS_RESET);
	CHECK_INT(state_after("d", (const uint8_t[]){ 0x08 }, 1), FS_NONE);
	CHECK_INT(state_after("ds", (const uint8_t[]){ TCP_F, TCP_F }, 2),
	    FS_CLOSED);

	CHECK_STR(flow_state_name(FS_ACTIVE), "active");
	CHECK_STR(flow_state_name(FS_NONE), "none");
	CHECK_STR(flow_state_name(FS_SYN_SENT), "syn_sent");
	CHECK_STR(flow_state_name(FS_SYN_RECEIVED), "syn_received");
	CHECK_STR(flow_state_name(FS_ESTABLISHED), "established");
	CHECK_STR(flow_state_name(FS_CLOSING), "closing");
	CHECK_STR(flow_state_name(FS_CLOSED), "closed");
	CHECK_STR(flow_state_name(FS_RESET), "reset");
	CHECK_STR(ipproto_stats_name(6), "tcp");
	CHECK_STR(ipproto_stats_name(58), "icmpv6");
	CHECK_STR(ipproto_stats_name(136), "udplite");
	CHECK(ipproto_stats_name(3) == NULL);	/* a name, no --stats one */
	CHECK(ipproto_stats_name(250) == NULL);
}

static void
test_flow_eviction(void)
{
	struct model		*m = mk(0, 0, 3, 0, 0);
	struct pkt_info		 f1 = pk(17, "10.0.0.1", 1, "10.0.0.100", 53, 0);
	struct pkt_info		 f2 = pk(17, "10.0.0.2", 2, "10.0.0.100", 53, 0);
	struct pkt_info		 f3 = pk(17, "10.0.0.3", 3, "10.0.0.100", 53, 0);
	struct pkt_info		 f4 = pk(17, "10.0.0.4", 4, "10.0.0.100", 53, 0);
	struct pkt_info		 f5 = pk(17, "10.0.0.5", 5, "10.0.0.100", 53, 0);
	struct model_totals	 t;
	struct flow_view	 v;
	struct talker_view	 tv;
	int64_t			 t0 = now_sec * SEC;

	add1(m, &f1, 100, t0 + 1 * SEC);
	add1(m, &f2, 100, t0 + 2 * SEC);
	add1(m, &f3, 100, t0 + 3 * SEC);
	add1(m, &f1, 100, t0 + 4 * SEC);	/* f1 is now newer than f2 */
	add1(m, &f4, 100, t0 + 5 * SEC);	/* evicts f2 */
	model_lock(m);
	CHECK_INT(model_flow_count(m), 3);
	CHECK(!find_flow(m, "10.0.0.2", 2, &v));
	CHECK(find_flow(m, "10.0.0.1", 1, &v) && v.packets == 2);
	CHECK(find_flow(m, "10.0.0.3", 3, &v));
	CHECK(find_flow(m, "10.0.0.4", 4, &v));
	model_totals(m, &t);
	CHECK_INT(t.flows_evicted, 1);
	model_unlock(m);

	add1(m, &f5, 100, t0 + 6 * SEC);	/* evicts f3 */
	add1(m, &f2, 100, t0 + 7 * SEC);	/* f2 again: new flow, evicts f1 */
	model_lock(m);
	CHECK(!find_flow(m, "10.0.0.3", 3, &v));
	CHECK(!find_flow(m, "10.0.0.1", 1, &v));
	CHECK(find_flow(m, "10.0.0.2", 2, &v) && v.packets == 1 &&
	    v.first_ns == t0 + 7 * SEC);
	model_totals(m, &t);
	CHECK_INT(t.flows_evicted, 3);
	CHECK_INT(t.packets, 7);
	CHECK_INT(t.bytes, 700);
	CHECK_INT(t.proto[P_UDP].packets, 7);
	/* Talkers count everything, evicted flows included. */
	CHECK(find_talker(m, "10.0.0.100", &tv));
	CHECK_INT(tv.rx_packets, 7);
	CHECK_INT(tv.rx_bytes, 700);
	CHECK_INT(tv.tx_packets, 0);
	CHECK_INT(tv.flows, 3);		/* f4, f5, f2 live */
	CHECK(find_talker(m, "10.0.0.1", &tv));
	CHECK_INT(tv.tx_packets, 2);
	CHECK_INT(tv.flows, 0);
	CHECK(find_talker(m, "10.0.0.2", &tv));
	CHECK_INT(tv.tx_packets, 2);
	CHECK_INT(tv.flows, 1);
	CHECK_INT(model_talker_count(m), 6);
	model_unlock(m);
	model_free(m);
}

static void
test_flow_expiry(void)
{
	struct model		*m = mk(0, 0, 0, 0, 10 * SEC);
	struct pkt_info		 a = pk(17, "10.0.0.1", 1, "10.0.0.2", 2, 0);
	struct pkt_info		 b = pk(17, "10.0.0.3", 3, "10.0.0.4", 4, 0);
	struct pkt_info		 c = pk(17, "10.0.0.5", 5, "10.0.0.6", 6, 0);
	struct model_totals	 t;
	struct talker_view	 tv;
	struct flow_view	 v;
	int64_t			 t0 = now_sec * SEC;

	add1(m, &a, 100, t0);
	add1(m, &b, 100, t0 + 5 * SEC);
	add1(m, &a, 100, t0 + 8 * SEC);	/* a is fresh again */
	add1(m, &c, 100, t0 + 10 * SEC);
	model_lock(m);
	CHECK_INT(model_flow_count(m), 3);
	model_unlock(m);
	/* At 15 s, b has been idle exactly 10 s: kept. */
	add1(m, &c, 100, t0 + 15 * SEC);
	model_lock(m);
	CHECK_INT(model_flow_count(m), 3);
	model_unlock(m);
	/* At 15 s + 1 ns, b has been idle longer than 10 s, a has not. */
	model_batch_begin(m);
	add_at(m, &c, 100, t0 + 15 * SEC + 1);
	model_batch_end(m);
	model_lock(m);
	CHECK_INT(model_flow_count(m), 2);
	CHECK(!find_flow(m, "10.0.0.3", 3, &v));
	CHECK(find_flow(m, "10.0.0.1", 1, &v) && v.packets == 2);
	model_totals(m, &t);
	CHECK_INT(t.flows_expired, 1);
	CHECK_INT(t.flows_evicted, 0);
	CHECK(find_talker(m, "10.0.0.3", &tv));
	CHECK_INT(tv.flows, 0);
	CHECK_INT(tv.tx_packets, 1);
	CHECK(find_talker(m, "10.0.0.1", &tv));
	CHECK_INT(tv.flows, 1);
	model_unlock(m);
	/* A whole minute later, everything is idle. */
	add1(m, &c, 100, t0 + 60 * SEC);
	model_lock(m);
	CHECK_INT(model_flow_count(m), 1);
	model_totals(m, &t);
	CHECK_INT(t.flows_expired, 2);
	CHECK_INT(t.packets, 7);
	CHECK_INT(t.first_ns, t0);
	CHECK_INT(t.last_ns, t0 + 60 * SEC);
	model_unlock(m);
	model_free(m);

	/* A negative idle time: flows never expire. */
	m = mk(0, 0, 0, 0, -1);
	add1(m, &a, 100, t0);
	add1(m, &b, 100, t0 + 1000000 * SEC);
	model_lock(m);
	CHECK_INT(model_flow_count(m), 2);
	model_unlock(m);
	model_free(m);
}

/*
 * Talkers: counts of live flows (added by the reader) and of flows gone
 * (kept by the talker) make one total; only a talker in no live flow is
 * evicted, the one that has been so longest first.
 */
static void
test_talkers(void)
{
	struct model		*m = mk(0, 0, 2, 4, -1);
	struct pkt_info		 pi;
	struct talker_view	 tv, v[8];
	struct model_totals	 t;
	int64_t			 t0 = now_sec * SEC;

	pi = pk(6, "10.1.0.1", 1000, "10.1.0.2", 80, TCP_S);
	add1(m, &pi, 60, t0);
	pi = pk(6, "10.1.0.2", 80, "10.1.0.1", 1000, TCP_S | TCP_A);
	add1(m, &pi, 1500, t0 + 1 * SEC);
	pi = pk(17, "10.1.0.1", 5000, "10.1.0.2", 53, 0);
	add1(m, &pi, 80, t0 + 2 * SEC);
	model_lock(m);
	CHECK(find_talker(m, "10.1.0.1", &tv));
	CHECK_INT(tv.tx_packets, 2);
	CHECK_INT(tv.tx_bytes, 140);
	CHECK_INT(tv.rx_packets, 1);
	CHECK_INT(tv.rx_bytes, 1500);
	CHECK_INT(tv.flows, 2);
	CHECK(find_talker(m, "10.1.0.2", &tv));
	CHECK_INT(tv.tx_packets, 1);
	CHECK_INT(tv.rx_packets, 2);
	CHECK_INT(tv.flows, 2);
	/* Sorted by total bytes: .2 and .1 tie at 1640; packets tie too,
	   so the address decides. */
	CHECK_INT(model_talkers(m, v, 8, NULL, NULL), 2);
	CHECK_INT(v[0].addr[3], 1);
	/* A reader's sum is taken out again: the same twice. */
	CHECK(find_talker(m, "10.1.0.1", &tv) && tv.tx_bytes == 140);
	model_unlock(m);

	/* One address on both sides (loopback): tx and rx, one flow.  The
	   table is full: the TCP flow goes, and its counts stay with .1
	   and .2. */
	pi = pk(17, "127.0.0.1", 4000, "127.0.0.1", 53, 0);
	add1(m, &pi, 70, t0 + 3 * SEC);
	pi = pk(17, "127.0.0.1", 53, "127.0.0.1", 4000, 0);
	add1(m, &pi, 90, t0 + 4 * SEC);
	model_lock(m);
	CHECK(find_talker(m, "127.0.0.1", &tv));
	CHECK_INT(tv.tx_packets, 2);
	CHECK_INT(tv.rx_packets, 2);
	CHECK_INT(tv.tx_bytes, 160);
	CHECK_INT(tv.rx_bytes, 160);
	CHECK_INT(tv.flows, 1);
	CHECK(find_talker(m, "10.1.0.1", &tv));
	CHECK_INT(tv.tx_packets, 2);
	CHECK_INT(tv.tx_bytes, 140);
	CHECK_INT(tv.rx_bytes, 1500);
	CHECK_INT(tv.flows, 1);
	CHECK(find_talker(m, "10.1.0.2", &tv) && tv.tx_bytes == 1500 &&
	    tv.rx_bytes == 140 && tv.flows == 1);
	CHECK_INT(model_talker_count(m), 3);
	model_totals(m, &t);
	CHECK_INT(t.flows_evicted, 1);
	CHECK_INT(t.talkers_evicted, 0);
	model_unlock(m);

	/* A new flow evicts the DNS flow: .1 and .2 are in no live flow
	   now, .1 first.  Its first address takes the fourth slot, its
	   second evicts .1; .2 keeps what it counted. */
	pi = pk(17, "10.9.9.9", 1, "10.8.8.8", 2, 0);
	add1(m, &pi, 100, t0 + 5 * SEC);
	model_lock(m);
	CHECK_INT(model_talker_count(m), 4);
	CHECK(!find_talker(m, "10.1.0.1", &tv));
	CHECK(find_talker(m, "10.1.0.2", &tv));
	CHECK_INT(tv.rx_packets, 2);
	CHECK_INT(tv.tx_packets, 1);
	CHECK_INT(tv.flows, 0);
	CHECK(find_talker(m, "10.9.9.9", &tv) && tv.tx_packets == 1);
	CHECK(find_talker(m, "10.8.8.8", &tv) && tv.rx_packets == 1);
	model_totals(m, &t);
	CHECK_INT(t.talkers_evicted, 1);
	model_unlock(m);

	/* The evicted address comes back in a new flow with the loopback
	   address: a new entry, counted from now.  The loopback flow goes
	   (its talker stays, in a live flow again); .2 is the only talker
	   in no live flow and makes room.  10.9.9.9 and 10.8.8.8 are in a
	   live flow and stay. */
	pi = pk(17, "10.1.0.1", 5000, "127.0.0.1", 53, 0);
	add1(m, &pi, 80, t0 + 6 * SEC);
	model_lock(m);
	CHECK(find_talker(m, "10.1.0.1", &tv));
	CHECK_INT(tv.tx_packets, 1);
	CHECK_INT(tv.rx_packets, 0);
	CHECK_INT(tv.flows, 1);
	CHECK(!find_talker(m, "10.1.0.2", &tv));
	CHECK(find_talker(m, "127.0.0.1", &tv));
	CHECK_INT(tv.rx_packets, 3);
	CHECK_INT(tv.tx_packets, 2);
	CHECK_INT(tv.flows, 1);
	CHECK(find_talker(m, "10.9.9.9", &tv) && tv.flows == 1);
	CHECK(find_talker(m, "10.8.8.8", &tv) && tv.flows == 1);
	CHECK_INT(model_talker_count(m), 4);
	model_totals(m, &t);
	CHECK_INT(t.talkers_evicted, 2);
	model_unlock(m);
	model_free(m);
}

/*
 * New flows' talkers are linked in groups, at the end of a batch or when
 * a group is full: a batch of many new flows, flows evicted before their
 * batch ended, and one address in many of them all count exactly.
 */
static void
test_talkers_linked_late(void)
{
	struct model		*m = mk(0, 0, 50, 100, -1);
	struct pkt_info		 pi;
	struct talker_view	 tv;
	struct model_totals	 t;
	char			 a[32];
	int			 i;

	/* 200 flows in one batch, each from its own address to 10.6.0.1:
	   150 are evicted (most before any group of links was made), and
	   101 of the 201 addresses with them; 10.6.0.1, always in a live
	   flow, keeps every packet. */
	model_batch_begin(m);
	for (i = 0; i < 200; i++) {
		snprintf(a, sizeof a, "10.7.%d.%d", i / 250, 1 + i % 250);
		pi = pk(17, a, 1000, "10.6.0.1", 53, 0);
		add_at(m, &pi, 100, (now_sec + i / 10) * SEC);
	}
	model_batch_end(m);
	model_lock(m);
	model_totals(m, &t);
	CHECK_INT(t.flows_evicted, 150);
	CHECK_INT(model_flow_count(m), 50);
	CHECK_INT(model_talker_count(m), 100);
	CHECK_INT(t.talkers_evicted, 101);
	CHECK(find_talker(m, "10.6.0.1", &tv));
	CHECK_INT(tv.rx_packets, 200);
	CHECK_INT(tv.rx_bytes, 20000);
	CHECK_INT(tv.flows, 50);
	model_unlock(m);
	model_free(m);
}

/* The talker table is sized for both talkers of every flow, whatever
   bound was asked for: a full flow table never leaves a flow without
   its talkers. */
static void
test_talker_room(void)
{
	struct model		*m = mk(0, 0, 3, 1, -1);
	struct pkt_info		 pi;
	struct talker_view	 tv;
	char			 a[32], b[32];
	int			 i;

	for (i = 0; i < 10; i++) {
		snprintf(a, sizeof a, "10.5.0.%d", 2 * i + 1);
		snprintf(b, sizeof b, "10.5.0.%d", 2 * i + 2);
		pi = pk(17, a, 1, b, 2, 0);
		add1(m, &pi, 100, (now_sec + i) * SEC);
	}
	model_lock(m);
	CHECK_INT(model_flow_count(m), 3);
	CHECK_INT(model_talker_count(m), 6);
	for (i = 7; i < 10; i++) {
		snprintf(a, sizeof a, "10.5.0.%d", 2 * i + 1);
		snprintf(b, sizeof b, "10.5.0.%d", 2 * i + 2);
		CHECK(find_talker(m, a, &tv) && tv.tx_bytes == 100 &&
		    tv.flows == 1);
		CHECK(find_talker(m, b, &tv) && tv.rx_bytes == 100 &&
		    tv.flows == 1);
	}
	model_unlock(m);
	model_free(m);
}

static void
test_protocols(void)
{
	struct model		*m = mk(0, 0, 0, 0, 0);
	struct pkt_info		 pi;
	struct model_totals	 t;

	/* QinQ: an 802.1ad tag and an 802.1Q tag count once as vlan. */
	memset(&pi, 0, sizeof pi);
	pi.protos = PROTO_BIT(P_FRAME) | PROTO_BIT(P_ETH) |
	    PROTO_BIT(P_IEEE8021AD) | PROTO_BIT(P_VLAN) | PROTO_BIT(P_ARP);
	add1(m, &pi, 64, now_sec * SEC);
	/* 802.1ad alone counts as vlan too. */
	pi.protos = PROTO_BIT(P_ETH) | PROTO_BIT(P_IEEE8021AD) |
	    PROTO_BIT(P_ARP) | PROTO_BIT(P_DATA);
	add1(m, &pi, 100, now_sec * SEC);
	/* ICMP quoting UDP: both counted; raw and data are not. */
	pi = pk(1, "10.0.0.1", 0, "10.0.0.2", 0, 0);
	pi.protos = PROTO_BIT(P_FRAME) | PROTO_BIT(P_RAW) | PROTO_BIT(P_IPV4) |
	    PROTO_BIT(P_ICMP) | PROTO_BIT(P_UDP) | PROTO_BIT(P_DATA);
	add1(m, &pi, 70, now_sec * SEC);
	model_lock(m);
	model_totals(m, &t);
	CHECK_INT(t.packets, 3);
	CHECK_INT(t.bytes, 234);
	CHECK_INT(t.proto[P_VLAN].packets, 2);
	CHECK_INT(t.proto[P_VLAN].bytes, 164);
	CHECK_INT(t.proto[P_IEEE8021AD].packets, 0);
	CHECK_INT(t.proto[P_ETH].packets, 2);
	CHECK_INT(t.proto[P_ARP].packets, 2);
	CHECK_INT(t.proto[P_FRAME].packets, 0);
	CHECK_INT(t.proto[P_DATA].packets, 0);
	CHECK_INT(t.proto[P_RAW].packets, 0);
	CHECK_INT(t.proto[P_IPV4].packets, 1);
	CHECK_INT(t.proto[P_ICMP].bytes, 70);
	CHECK_INT(t.proto[P_UDP].packets, 1);
	/* Non-IP packets make no flows and no talkers. */
	CHECK_INT(model_flow_count(m), 1);
	CHECK_INT(model_talker_count(m), 2);
	model_unlock(m);
	model_free(m);
}

static void
test_config_and_ifnames(void)
{
	struct model_config	 c;
	struct model		*m;
	char			*cause = NULL;
	struct pkt_info		 pi;
	struct frame_meta	 fm;
	struct pkt_rec		 rec;
	uint8_t			 b[4] = { 1, 2, 3, 4 };

	/* Absurd sizes fail cleanly with a reason. */
	memset(&c, 0, sizeof c);
	c.ring_packets = SIZE_MAX / 2;
	CHECK((m = model_new(&c, &cause)) == NULL);
	CHECK(cause != NULL);
	free(cause);
	cause = NULL;
	memset(&c, 0, sizeof c);
	c.ring_bytes = SIZE_MAX / 4;
	CHECK(model_new(&c, &cause) == NULL && cause != NULL);
	free(cause);
	cause = NULL;
	memset(&c, 0, sizeof c);
	c.max_flows = SIZE_MAX;
	CHECK(model_new(&c, &cause) == NULL && cause != NULL);
	free(cause);
	cause = NULL;
	memset(&c, 0, sizeof c);
	c.max_talkers = (size_t)1 << 50;
	CHECK(model_new(&c, &cause) == NULL && cause != NULL);
	free(cause);

	/* NULL config: the defaults. */
	m = model_new(NULL, NULL);
	CHECK(m != NULL);
	if (m == NULL)
		return;
	CHECK_INT(model_ifindex(m, "eth0"), 1);
	CHECK_INT(model_ifindex(m, "wlan0"), 2);
	CHECK_INT(model_ifindex(m, "eth0"), 1);
	memset(&pi, 0, sizeof pi);
	memset(&fm, 0, sizeof fm);
	fm.caplen = fm.wirelen = 4;
	fm.ifname = "lo";
	fm.ts_sec = now_sec;
	model_batch_begin(m);
	model_add(m, &fm, b, &pi);
	fm.ifname = "wlan0";
	model_add(m, &fm, b, &pi);
	model_batch_end(m);
	/* Outside a batch, model_add locks by itself. */
	fm.ifname = NULL;
	CHECK_INT(model_add(m, &fm, b, &pi), 3);
	model_lock(m);
	CHECK(model_ring_get(m, 1, &rec, NULL, 0) && rec.ifindex == 3);
	CHECK_STR(model_ifname(m, rec.ifindex), "lo");
	CHECK(model_ring_get(m, 2, &rec, NULL, 0) && rec.ifindex == 2);
	CHECK(model_ring_get(m, 3, &rec, NULL, 0) && rec.ifindex == 0);
	CHECK(model_ifname(m, 0) == NULL);
	CHECK(model_ifname(m, 9) == NULL);
	CHECK(model_generation(m) >= 2);
	model_unlock(m);
	model_free(m);
}

/* Add a packet of caplen bytes filled with fill, on interface ifname. */
static void
add_frame(struct model *m, int64_t sec, uint32_t nsec, uint32_t caplen,
    uint8_t fill, const char *ifname)
{
	static uint8_t		 data[256];
	struct frame_meta	 fm;
	struct pkt_info		 pi;

	memset(&pi, 0, sizeof pi);
	memset(&fm, 0, sizeof fm);
	fm.ts_sec = sec;
	fm.ts_nsec = nsec;
	fm.caplen = caplen;
	fm.wirelen = caplen + 10;
	fm.link = LINK_ETHERNET;
	fm.ifname = ifname;
	memset(data, fill, caplen);
	model_add(m, &fm, data, &pi);
}

/*
 * model_ring_frame(): a record back as the frame_meta it was added with,
 * times relative to packet 1 and to the record before it (0 for packet 1
 * and once that is gone), its bytes cut to the buffer.
 */
static void
test_ring_frame(void)
{
	struct model		*m = mk(3, 0, 0, 0, -1);
	struct frame_meta	 fm;
	uint8_t			 buf[64];
	uint64_t		 first, last;

	add_frame(m, now_sec, 500000000, 40, 0xa1, "eth0");
	add_frame(m, now_sec + 2, 250000000, 60, 0xa2, NULL);
	model_lock(m);
	/* Packet 1: relative and delta 0, all its bytes. */
	CHECK(model_ring_frame(m, 1, &fm, buf, sizeof buf));
	CHECK_INT(fm.number, 1);
	CHECK_INT(fm.ts_sec, now_sec);
	CHECK_INT(fm.ts_nsec, 500000000);
	CHECK(fm.rel.sec == 0 && fm.rel.nsec == 0);
	CHECK(fm.delta.sec == 0 && fm.delta.nsec == 0);
	CHECK_INT(fm.caplen, 40);
	CHECK_INT(fm.wirelen, 50);
	CHECK_INT(fm.link, LINK_ETHERNET);
	CHECK_STR(fm.ifname, "eth0");
	CHECK(buf[0] == 0xa1 && buf[39] == 0xa1);
	/* Packet 2: 1.75 s after packet 1, no interface; cut to 16 bytes. */
	memset(buf, 0, sizeof buf);
	CHECK(model_ring_frame(m, 2, &fm, buf, 16));
	CHECK_INT(fm.number, 2);
	CHECK(fm.rel.sec == 1 && fm.rel.nsec == 750000000);
	CHECK(fm.delta.sec == 1 && fm.delta.nsec == 750000000);
	CHECK_INT(fm.caplen, 16);
	CHECK_INT(fm.wirelen, 70);
	CHECK(fm.ifname == NULL);
	CHECK(buf[15] == 0xa2 && buf[16] == 0);
	/* No buffer: the meta alone, caplen as stored. */
	CHECK(model_ring_frame(m, 2, &fm, NULL, 0));
	CHECK_INT(fm.caplen, 60);
	/* Not added yet. */
	CHECK(!model_ring_frame(m, 3, &fm, buf, sizeof buf));
	model_unlock(m);

	/* Two more push packet 1 out of a ring of 3: gone; packet 2 keeps
	   its times, packet 3's delta is to packet 2. */
	add_frame(m, now_sec + 3, 0, 8, 0xa3, NULL);
	add_frame(m, now_sec + 1, 0, 8, 0xa4, NULL);
	model_lock(m);
	model_ring_span(m, &first, &last);
	CHECK_INT(first, 2);
	CHECK_INT(last, 4);
	CHECK(!model_ring_frame(m, 1, &fm, buf, sizeof buf));
	CHECK(model_ring_frame(m, 2, &fm, buf, sizeof buf));
	CHECK(fm.rel.sec == 1 && fm.rel.nsec == 750000000);
	CHECK(fm.delta.sec == 0 && fm.delta.nsec == 0);
	CHECK(model_ring_frame(m, 3, &fm, buf, sizeof buf));
	CHECK(fm.delta.sec == 0 && fm.delta.nsec == 750000000);
	CHECK(fm.rel.sec == 2 && fm.rel.nsec == 500000000);
	/* Back in time: negative relative and delta. */
	CHECK(model_ring_frame(m, 4, &fm, buf, sizeof buf));
	CHECK(fm.rel.sec == 0 && fm.rel.nsec == 500000000);
	CHECK(fm.delta.sec == -2 && fm.delta.nsec == 0);
	model_unlock(m);
	model_free(m);
}

int
main(void)
{
	test_ring_count();
	test_ring_bytes();
	test_flow_directions();
	test_tcp_state();
	test_flow_eviction();
	test_flow_expiry();
	test_talkers();
	test_talker_room();
	test_talkers_linked_late();
	test_protocols();
	test_ring_frame();
	test_config_and_ifnames();
	return tl_done();
}
