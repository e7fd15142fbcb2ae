/*
 * Queries of the model on hand-made packets: top-N copies and their
 * comparators, flow and talker rates, the full order --stats prints, and
 * --stats text and JSON.
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

/* Packets ascending, then port (descending both if *arg is -1): a
   caller's order that reads its context from arg. */
static int
by_packets(const struct flow_view *a, const struct flow_view *b, void *arg)
{
	int dir = *(const int *)arg;
	uint64_t pa = a->packets + a->packets_rev;
	uint64_t pb = b->packets + b->packets_rev;

	if (pa != pb)
		return pa < pb ? -dir : dir;
	return dir * (a->sport < b->sport ? -1 : a->sport > b->sport);
}

static void
test_topn(void)
{
	struct model		*m = mk(0, 0, 0, 0, 0);
	struct pkt_info		 pi;
	struct flow_view	 v[64];
	struct talker_view	 tv[64];
	unsigned		 i, k, order[50];
	size_t			 n;
	int			 dir;
	bool			 ok;

	/* 50 flows; flow i gets (i % 7 + 1) packets of 10 * i + 100 bytes,
	   added in a shuffled order. */
	for (i = 0; i < 50; i++)
		order[i] = (i * 37) % 50;
	model_batch_begin(m);
	for (i = 0; i < 50; i++) {
		unsigned f = order[i];

		pi = pk(17, "10.2.0.1", (uint16_t)(1000 + f), "10.2.0.2", 53,
		    0);
		for (k = 0; k <= f % 7; k++)
			add_at(m, &pi, 100 + 10 * f, now_sec * SEC + i);
	}
	model_batch_end(m);
	model_lock(m);
	CHECK_INT(model_flow_count(m), 50);
	/* Top 5 by bytes: the flows whose bytes are largest, in order. */
	n = model_flows(m, v, 5, NULL, NULL);
	CHECK_INT(n, 5);
	{
		uint64_t want[50];
		unsigned j, best;

		for (i = 0; i < 50; i++)
			want[i] = (uint64_t)(i % 7 + 1) * (100 + 10 * i);
		for (j = 0; j < 5; j++) {
			best = 0;
			for (i = 1; i < 50; i++)
				if (want[i] > want[best])
					best = i;
			CHECK_INT(v[j].bytes, want[best]);
			CHECK_INT(v[j].sport, 1000 + best);
			want[best] = 0;
		}
	}
	/* Max beyond the count: everything, sorted. */
	n = model_flows(m, v, 64, NULL, NULL);
	CHECK_INT(n, 50);
	ok = true;
	for (i = 1; i < n; i++)
		if (v[i - 1].bytes + v[i - 1].bytes_rev <
		    v[i].bytes + v[i].bytes_rev)
			ok = false;
	CHECK(ok);
	/* A caller's order: fewest packets first, then port; the same
	   comparator with another argument, the other way round. */
	dir = 1;
	n = model_flows(m, v, 3, by_packets, &dir);
	CHECK_INT(n, 3);
	CHECK_INT(v[0].sport, 1000);
	CHECK_INT(v[1].sport, 1007);
	CHECK_INT(v[2].sport, 1014);
	dir = -1;
	n = model_flows(m, v, 3, by_packets, &dir);
	CHECK_INT(n, 3);
	CHECK_INT(v[0].sport, 1048);
	CHECK_INT(v[1].sport, 1041);
	CHECK_INT(v[2].sport, 1034);
	/* And over the whole table (one sort, no heap). */
	n = model_flows(m, v, 64, by_packets, &dir);
	CHECK_INT(n, 50);
	CHECK_INT(v[0].sport, 1048);
	CHECK_INT(v[49].sport, 1000);
	CHECK_INT(model_flows(m, v, 0, NULL, NULL), 0);
	CHECK_INT(model_talkers(m, tv, 1, NULL, NULL), 1);
	model_unlock(m);
	model_free(m);
}

/*
 * A small JSON checker: skips one value, returns the position after it or
 * NULL if the text is not valid JSON there.
 */
static const char *json_value(const char *p);

static const char *
json_ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static const char *
json_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p != '"') {
		if (*p == '\0' || (unsigned char)*p < 0x20)
			return NULL;
		if (*p == '\\')
			p++;
		p++;
	}
	return p + 1;
}

static const char *
json_value(const char *p)
{
	p = json_ws(p);
	if (*p == '{' || *p == '[') {
		char close = *p == '{' ? '}' : ']';

		p = json_ws(p + 1);
		if (*p == close)
			return p + 1;
		for (;;) {
			if (close == '}') {
				if ((p = json_string(json_ws(p))) == NULL)
					return NULL;
				p = json_ws(p);
				if (*p++ != ':')
					return NULL;
			}
			if ((p = json_value(p)) == NULL)
				return NULL;
			p = json_ws(p);
			if (*p == close)
				return p + 1;
			if (*p++ != ',')
				return NULL;
		}
	}
	if (*p == '"')
		return json_string(p);
	if (*p == '-' || (*p >= '0' && *p <= '9')) {
		char *end;

		strtod(p, &end);
		if (p[0] == '0' && p[1] >= '0' && p[1] <= '9')
			return NULL;
		if (end[-1] == '.')
			return NULL;
		return end;
	}
	if (strncmp(p, "true", 4) == 0 || strncmp(p, "null", 4) == 0)
		return p + 4;
	if (strncmp(p, "false", 5) == 0)
		return p + 5;
	return NULL;
}

/* Is s one valid JSON value and nothing else? */
static bool
json_valid(const char *s)
{
	const char *p = json_value(s);

	return p != NULL && *json_ws(p) == '\0';
}

/* Capture a printer's output in a malloc'd string. */
static char *
capture(struct model *m, bool json, size_t top)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&buf, &len);

	if (f == NULL)
		return NULL;
	if (json)
		stats_print_json(m, f, NULL);
	else
		stats_print_text(m, f, top, NULL);
	fclose(f);
	return buf;
}

static void
test_stats_output(void)
{
	struct model	*m = mk(0, 0, 0, 0, 0);
	struct pkt_info	 pi;
	char		*s;
	int64_t		 t0 = 1700000000LL * SEC + 123456000;

	/* Empty model: still valid JSON with empty lists. */
	s = capture(m, true, 0);
	CHECK(s != NULL && json_valid(s));
	CHECK(s != NULL && strstr(s, "\"flows\": []") != NULL);
	CHECK(s != NULL && strstr(s, "\"protocols\": {}") != NULL);
	CHECK(s != NULL && strstr(s, "\"duration_s\": 0,") != NULL);
	free(s);

	pi = pk(6, "10.0.0.1", 51514, "10.0.0.2", 443, TCP_S);
	add1(m, &pi, 100, t0);
	pi = pk(6, "10.0.0.2", 443, "10.0.0.1", 51514, TCP_S | TCP_A);
	add1(m, &pi, 900, t0 + 3376544000LL);
	pi = pk(17, "2001:db8::1", 5353, "ff02::fb", 5353, 0);
	pi.protos |= PROTO_BIT(P_MDNS);
	add1(m, &pi, 200, t0 + 1);
	pi = pk(132, "10.0.0.3", 0, "10.0.0.4", 0, 0);
	add1(m, &pi, 50, t0 + 2);
	pi = pk(253, "10.0.0.3", 0, "10.0.0.4", 0, 0);
	add1(m, &pi, 40, t0 + 3);
	model_set_dropped(m, 7);

	s = capture(m, true, 0);
	CHECK(s != NULL && json_valid(s));
	if (s == NULL)
		return;
	CHECK(strstr(s, "\"packets\": 5, \"bytes\": 1290, \"dropped\": 7, "
	    "\"duration_s\": 3.376544,") != NULL);
	CHECK(strstr(s, "\"tcp\": {\"packets\": 2, \"bytes\": 1000}") != NULL);
	CHECK(strstr(s, "\"mdns\": {\"packets\": 1, \"bytes\": 200}") != NULL);
	CHECK(strstr(s, "\"ipv6\": {\"packets\": 1, \"bytes\": 200}") != NULL);
	CHECK(strstr(s, "\"eth\": {\"packets\": 5, \"bytes\": 1290}") != NULL);
	CHECK(strstr(s, "\"frame\"") == NULL);
	CHECK(strstr(s, "{\"proto\": \"tcp\", \"src\": \"10.0.0.1\", "
	    "\"sport\": 51514, \"dst\": \"10.0.0.2\", \"dport\": 443, "
	    "\"packets\": 1, \"bytes\": 100, \"packets_rev\": 1, "
	    "\"bytes_rev\": 900, \"first\": 1700000000.123456, "
	    "\"last\": 1700000003.5, \"state\": \"syn_received\"}") != NULL);
	CHECK(strstr(s, "{\"proto\": \"udp\", \"src\": \"2001:db8::1\", "
	    "\"sport\": 5353, \"dst\": \"ff02::fb\", \"dport\": 5353, ")
	    != NULL);
	CHECK(strstr(s, "\"first\": 1700000000.123456001,") != NULL);
	CHECK(strstr(s, "\"proto\": \"sctp\"") != NULL);
	CHECK(strstr(s, "\"proto\": \"253\"") != NULL);
	CHECK(strstr(s, "\"state\": \"active\"") != NULL);
	/* Flows by total bytes: tcp (1000) before udp (200) before sctp. */
	CHECK(strstr(s, "\"tcp\", \"src\"") < strstr(s, "\"udp\", \"src\""));
	CHECK(strstr(s, "\"udp\", \"src\"") < strstr(s, "\"sctp\", \"src\""));
	CHECK(strstr(s, "{\"addr\": \"10.0.0.1\", \"packets\": 2, "
	    "\"bytes\": 1000, \"tx_packets\": 1, \"tx_bytes\": 100, "
	    "\"rx_packets\": 1, \"rx_bytes\": 900}") != NULL);
	CHECK(strstr(s, "{\"addr\": \"ff02::fb\", \"packets\": 1, "
	    "\"bytes\": 200, \"tx_packets\": 0, \"tx_bytes\": 0, "
	    "\"rx_packets\": 1, \"rx_bytes\": 200}") != NULL);
	CHECK(strstr(s, "\"ring_overwritten\": 0") != NULL);
	free(s);

	s = capture(m, false, 2);
	CHECK(s != NULL && strstr(s, "Packets: 5") != NULL);
	CHECK(s != NULL && strstr(s, "10.0.0.1:51514") != NULL);
	CHECK(s != NULL && strstr(s, "[2001:db8::1]:5353") != NULL);
	CHECK(s != NULL && strstr(s, "sctp") == NULL);	/* not in the top 2 */
	CHECK(s != NULL && strstr(s, "Top flows by bytes (2 of 4)") != NULL);
	free(s);
	model_free(m);
}

/*
 * Lists longer than a chunk are built on two threads (json_list.c): every
 * flow and talker once, in order, commas right.  Flow i sends i + 1
 * packets of 100 bytes from 10.8.x.y, all to 10.9.0.1: sorted, the sport
 * runs down from the last flow's and the talkers' byte counts fall.
 */
static void
test_stats_json_long(void)
{
	enum { NFLOWS = 5000 };
	struct model	*m = mk(0, 0, 0, 0, -1);
	struct pkt_info	 pi;
	char		*s, *p, a[32];
	uint64_t	 prev = UINT64_MAX, bytes;
	int		 i, k, n, port, want;
	bool		 order = true;

	model_batch_begin(m);
	for (i = 0; i < NFLOWS; i++) {
		snprintf(a, sizeof a, "10.8.%d.%d", i / 250, 1 + i % 250);
		pi = pk(17, a, (uint16_t)(10000 + i), "10.9.0.1", 53, 0);
		for (k = 0; k <= i % 7; k++)
			add_at(m, &pi, 100, now_sec * SEC + k);
	}
	model_batch_end(m);
	s = capture(m, true, 0);
	CHECK(s != NULL && json_valid(s));
	if (s == NULL) {
		model_free(m);
		return;
	}
	/* Flows: by bytes (k + 1 packets), ties by the full order. */
	n = 0;
	for (p = strstr(s, "\"sport\": "); p != NULL;
	    p = strstr(p + 1, "\"sport\": ")) {
		port = atoi(p + 9);
		want = (port - 10000) % 7;
		if (n > 0 && (uint64_t)(want + 1) * 100 > prev)
			order = false;
		prev = (uint64_t)(want + 1) * 100;
		n++;
	}
	CHECK_INT(n, NFLOWS);
	CHECK(order);
	/* Talkers: 10.9.0.1 first, then falling byte counts. */
	p = strstr(s, "\"talkers\": [\n    {\"addr\": \"10.9.0.1\"");
	CHECK(p != NULL);
	n = 0;
	prev = UINT64_MAX;
	order = true;
	for (p = p != NULL ? strstr(p, "\"bytes\": ") : NULL; p != NULL;
	    p = strstr(p + 1, "\"bytes\": ")) {
		bytes = strtoull(p + 9, NULL, 10);
		if (bytes > prev)
			order = false;
		prev = bytes;
		n++;
	}
	CHECK_INT(n, NFLOWS + 1);
	CHECK(order);
	free(s);
	model_free(m);
}

static void
test_rates(void)
{
	struct model		*m = mk(0, 0, 0, 0, -1);
	struct pkt_info		 ab = pk(6, "10.3.0.1", 1, "10.3.0.2", 2, TCP_A);
	struct pkt_info		 ba = pk(6, "10.3.0.2", 2, "10.3.0.1", 1, TCP_A);
	struct flow_view	 v;
	struct talker_view	 tv;
	int64_t			 S = now_sec;
	int			 i;

	add1(m, &ab, 8000, (S - 45) * SEC);	/* gone from every window */
	add1(m, &ab, 4000, (S - 30) * SEC + 5);
	add1(m, &ba, 2000, (S - 5) * SEC);
	add1(m, &ab, 500, (S - 1) * SEC + 999999999);
	add1(m, &ab, 600, S * SEC);
	add1(m, &ba, 400, S * SEC + 7);
	model_lock(m);
	CHECK(model_flows(m, &v, 1, NULL, NULL) == 1);
	/* Complete seconds only: second S is still filling. */
	CHECK(v.rate[0] == 250.0);
	CHECK(v.rate[1] == 250.0);
	CHECK(v.rate_rev[0] == 0.0);
	CHECK(v.rate_rev[1] == 200.0);
	CHECK(v.rate[2] >= 162.5 && v.rate[2] <= 362.5);	/* 6500 / 40 and
								   the 8000's
								   block's part */
	CHECK(v.peak == 8000.0);
	CHECK(find_talker(m, "10.3.0.1", &tv));
	CHECK(tv.rate[0] == 250.0);
	CHECK_INT(tv.history[15], 500);
	CHECK_INT(tv.history[14], 0);
	CHECK_INT(tv.history[11], 2000);
	for (i = 0; i < 11; i++)
		CHECK_INT(tv.history[i], 0);
	CHECK_INT(tv.history[13], 0);
	model_unlock(m);

	/* Three seconds later with no packets (live): rates decay. */
	model_tick(m, (S + 3) * SEC + 100000000);
	model_lock(m);
	CHECK(model_flows(m, &v, 1, NULL, NULL) == 1);
	CHECK(v.rate[0] == 0.0);
	CHECK(v.rate[1] == 350.0);
	CHECK(v.peak == 8000.0);
	CHECK(find_talker(m, "10.3.0.1", &tv));
	CHECK_INT(tv.history[13], 1000);
	CHECK_INT(tv.history[15], 0);
	model_unlock(m);

	/* A late packet counts in its own second while that is kept. */
	add1(m, &ab, 300, (S - 1) * SEC);
	model_lock(m);
	CHECK(find_talker(m, "10.3.0.1", &tv));
	CHECK_INT(tv.history[12], 800);
	model_unlock(m);
	model_free(m);
}

/* Talkers by 2-second rate, largest first (an order that needs rates). */
static int
talker_by_rate(const struct talker_view *a, const struct talker_view *b,
    void *arg)
{
	(void)arg;
	return a->rate[0] > b->rate[0] ? -1 : a->rate[0] < b->rate[0];
}

/*
 * A talker's rates and history are the sum of its live flows': two flows
 * from one address add up; a flow evicted from the full table takes its
 * share of the rate with it while the talker's byte counts keep it.
 */
static void
test_talker_rates_from_flows(void)
{
	struct model		*m = mk(0, 0, 2, 0, -1);
	struct pkt_info		 f1 = pk(6, "10.4.0.1", 1, "10.4.0.2", 2, TCP_A);
	struct pkt_info		 f2 = pk(17, "10.4.0.1", 3, "10.4.0.3", 4, 0);
	struct pkt_info		 f3 = pk(17, "10.4.0.9", 5, "10.4.0.8", 6, 0);
	struct talker_view	 tv, two[2];
	int64_t			 S = now_sec;

	add1(m, &f1, 1000, (S - 2) * SEC);
	add1(m, &f2, 300, (S - 1) * SEC);
	add1(m, &f1, 500, S * SEC + 1);		/* second S: still filling */
	model_lock(m);
	CHECK(find_talker(m, "10.4.0.1", &tv));
	CHECK(tv.rate[0] == 650.0);		/* (1000 + 300) / 2 */
	CHECK_INT(tv.history[15], 300);
	CHECK_INT(tv.history[14], 1000);
	CHECK_INT(tv.flows, 2);
	CHECK(find_talker(m, "10.4.0.3", &tv));
	CHECK(tv.rate[0] == 150.0);
	CHECK_INT(tv.history[15], 300);
	/* Ordered by rate: 10.4.0.1 (650), then 10.4.0.2 (500, f1 only). */
	CHECK(model_talkers(m, two, 2, talker_by_rate, NULL) == 2);
	CHECK(two[0].rate[0] == 650.0 && two[0].addr[3] == 1);
	CHECK_INT(two[0].history[14], 1000);
	CHECK_INT(two[0].history[15], 300);
	CHECK(two[1].rate[0] == 500.0 && two[1].addr[3] == 2);
	CHECK_INT(two[1].history[15], 0);
	CHECK_INT(two[1].history[14], 1000);
	model_unlock(m);

	/* A third flow evicts f2 (f1 moved to the newest end later). */
	add1(m, &f3, 100, S * SEC + 2);
	model_lock(m);
	CHECK(find_talker(m, "10.4.0.1", &tv));
	CHECK(tv.rate[0] == 500.0);		/* f1 only */
	CHECK_INT(tv.history[15], 0);
	CHECK_INT(tv.history[14], 1000);
	CHECK_INT(tv.tx_bytes, 1800);		/* counts keep f2 */
	CHECK_INT(tv.flows, 1);
	CHECK(find_talker(m, "10.4.0.3", &tv));
	CHECK(tv.rate[0] == 0.0);
	CHECK_INT(tv.history[15], 0);
	CHECK_INT(tv.rx_bytes, 300);
	CHECK_INT(tv.flows, 0);
	model_unlock(m);
	model_free(m);
}

/* Add a packet of wirelen bytes on the wire, 64 of them captured. */
static void
add_wire(struct model *m, const struct pkt_info *pi, uint32_t wirelen,
    int64_t t)
{
	static const uint8_t	 data[64];
	struct frame_meta	 fm;

	memset(&fm, 0, sizeof fm);
	fm.ts_sec = t / SEC;
	fm.ts_nsec = (uint32_t)(t % SEC);
	fm.caplen = sizeof data;
	fm.wirelen = wirelen;
	fm.link = LINK_ETHERNET;
	model_batch_begin(m);
	model_add(m, &fm, data, pi);
	model_batch_end(m);
}

/* Collect the packets of each flow model_flows_range() visits. */
static void
collect_packets(const struct flow_view *v, void *arg)
{
	uint64_t **next = arg;

	*(*next)++ = v->packets + v->packets_rev;
}

/* Collect the bytes of each flow model_flows_range() visits. */
static void
collect_bytes(const struct flow_view *v, void *arg)
{
	uint64_t **next = arg;

	*(*next)++ = v->bytes + v->bytes_rev;
}

/*
 * The order of model_flows_sort(): total bytes, larger first, over the
 * whole 64-bit range (counts past 2^32), ties by packets, larger first;
 * model_flows_range() walks any part of it, as often as asked.
 */
static void
test_flows_order(void)
{
	struct model		*m = mk(0, 0, 0, 0, -1);
	struct pkt_info		 a = pk(6, "10.5.0.1", 1, "10.5.0.2", 2, TCP_A);
	struct pkt_info		 b = pk(6, "10.5.0.3", 1, "10.5.0.4", 2, TCP_A);
	struct pkt_info		 c = pk(17, "10.5.0.5", 1, "10.5.0.6", 2, 0);
	struct pkt_info		 d = pk(17, "10.5.0.7", 1, "10.5.0.8", 2, 0);
	struct pkt_info		 e = pk(17, "10.5.1.9", 1, "10.5.0.9", 2, 0);
	struct flow_view	 v[5];
	struct model_order	*o;
	uint64_t		 got[5], *next = got;
	int64_t			 t = now_sec * SEC;
	int			 i;

	add_wire(m, &e, 200, t);
	add_wire(m, &d, 300, t);
	for (i = 0; i < 3; i++)
		add_wire(m, &c, 100, t);
	add_wire(m, &b, 4000000000u, t);
	add_wire(m, &a, 3000000000u, t);
	add_wire(m, &a, 3000000000u, t);
	model_lock(m);
	o = model_flows_sort(m);
	CHECK_INT(model_order_count(o), 5);
	/* In two ranges, the second running past the end. */
	model_flows_range(m, o, 0, 2, collect_bytes, &next);
	model_flows_range(m, o, 2, 9, collect_bytes, &next);
	CHECK_INT(next - got, 5);
	CHECK_INT(got[0], 6000000000ULL);
	CHECK_INT(got[1], 4000000000ULL);
	CHECK_INT(got[2], 300);
	CHECK_INT(got[3], 300);
	CHECK_INT(got[4], 200);
	/* The tie: c (3 packets) before d (1 packet), as model_flows(). */
	CHECK(model_flows(m, v, 5, NULL, NULL) == 5);
	CHECK_INT(v[2].packets, 3);
	CHECK_INT(v[3].packets, 1);
	next = got;
	model_flows_range(m, o, 2, 4, collect_packets, &next);
	CHECK_INT(next - got, 2);
	CHECK_INT(got[0], 3);
	CHECK_INT(got[1], 1);
	/* An empty range calls nothing. */
	model_flows_range(m, o, 5, 5, collect_packets, &next);
	CHECK_INT(next - got, 2);
	model_flows_done(o);
	model_unlock(m);
	model_free(m);
}

int
main(void)
{
	test_topn();
	test_rates();
	test_talker_rates_from_flows();
	test_flows_order();
	test_stats_output();
	test_stats_json_long();
	return tl_done();
}
