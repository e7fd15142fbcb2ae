/*
 * tcp.stream and udp.stream (src/decode/streams.c): numbering in order of
 * first appearance, both directions one conversation, TCP and UDP counted
 * apart; tshark 4.0's new TCP index for a SYN with another sequence number
 * (not after FIN or RST with the same one, not for a SYN/ACK), the base of
 * a connection caught mid-stream (one below its first segment); ICMP
 * quotes (UDP's 8 bytes count, TCP needs 16); every prefix of a frame.
 * tests/tshark_output.sh compares the same rules with tshark.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "decode/streams.h"
#include "testlib.h"

#define SYN	0x02
#define FIN	0x01
#define RST	0x04
#define ACK	0x10

static uint8_t frame[128];
static size_t frame_len;

/* An IPv4 header from 10.0.0.a to 10.0.0.b carrying proto, len bytes of
   payload after it, at p; returns 20. */
static size_t
ip4(uint8_t *p, int a, int b, int proto, size_t len)
{
	memset(p, 0, 20);
	p[0] = 0x45;
	p[2] = (uint8_t)((20 + len) >> 8);
	p[3] = (uint8_t)(20 + len);
	p[8] = 64;
	p[9] = (uint8_t)proto;
	p[12] = 10, p[15] = (uint8_t)a;
	p[16] = 10, p[19] = (uint8_t)b;
	return 20;
}

/* A TCP header at p. */
static size_t
tcp(uint8_t *p, int sport, int dport, uint32_t seq, int flags)
{
	memset(p, 0, 20);
	p[0] = (uint8_t)(sport >> 8), p[1] = (uint8_t)sport;
	p[2] = (uint8_t)(dport >> 8), p[3] = (uint8_t)dport;
	p[4] = (uint8_t)(seq >> 24), p[5] = (uint8_t)(seq >> 16);
	p[6] = (uint8_t)(seq >> 8), p[7] = (uint8_t)seq;
	p[12] = 0x50;
	p[13] = (uint8_t)flags;
	p[14] = 0xff;
	return 20;
}

/* A UDP header at p (no payload). */
static size_t
udp(uint8_t *p, int sport, int dport)
{
	memset(p, 0, 8);
	p[0] = (uint8_t)(sport >> 8), p[1] = (uint8_t)sport;
	p[2] = (uint8_t)(dport >> 8), p[3] = (uint8_t)dport;
	p[5] = 8;
	return 8;
}

/* Build a raw IPv4 TCP segment into frame. */
static void
seg(int a, int b, int sport, int dport, uint32_t seq, int flags)
{
	frame_len = ip4(frame, a, b, 6, 20);
	frame_len += tcp(frame + frame_len, sport, dport, seq, flags);
}

/* Build a raw IPv4 UDP datagram into frame. */
static void
dgram(int a, int b, int sport, int dport)
{
	frame_len = ip4(frame, a, b, 17, 8);
	frame_len += udp(frame + frame_len, sport, dport);
}

/* An ICMP port unreachable from 10.0.0.9 quoting n bytes of the frame
   built last (its IP header and the start of its transport). */
static void
quote(size_t n)
{
	uint8_t inner[64];

	memcpy(inner, frame, 20 + n);
	frame_len = ip4(frame, 9, 1, 1, 8 + 20 + n);
	memset(frame + 20, 0, 8);
	frame[20] = 3, frame[21] = 3;
	memcpy(frame + 28, inner, 20 + n);
	frame_len = 28 + 20 + n;
}

static struct streams *st;
static struct frame_meta meta;

/* Number the frame; the index of its layer i, or -1 for none. */
static long long
number(int i, bool want_udp)
{
	memset(&meta, 0, sizeof meta);
	meta.caplen = meta.wirelen = (uint32_t)frame_len;
	meta.link = LINK_RAW;
	streams_number(st, &meta, frame);
	if (i >= meta.streams.n || meta.streams.layer[i].udp != want_udp)
		return -1;
	return meta.streams.layer[i].index;
}

#define TCP_IDX()	number(0, false)
#define UDP_IDX()	number(0, true)

static void
test_tcp(void)
{
	st = streams_new();
	CHECK(st != NULL);
	if (st == NULL)
		return;
	seg(1, 2, 1001, 80, 100, SYN);
	CHECK_INT(TCP_IDX(), 0);
	seg(2, 1, 80, 1001, 500, SYN | ACK);
	CHECK_INT(TCP_IDX(), 0);
	seg(1, 2, 1002, 80, 100, SYN);
	CHECK_INT(TCP_IDX(), 1);
	/* Closed, then the same ISN: the same conversation. */
	seg(1, 2, 1001, 80, 101, FIN | ACK);
	CHECK_INT(TCP_IDX(), 0);
	seg(2, 1, 80, 1001, 501, RST);
	CHECK_INT(TCP_IDX(), 0);
	seg(1, 2, 1001, 80, 100, SYN);
	CHECK_INT(TCP_IDX(), 0);
	/* A new ISN: a new index, which the later segments take. */
	seg(1, 2, 1001, 80, 200, SYN);
	CHECK_INT(TCP_IDX(), 2);
	seg(2, 1, 80, 1001, 900, SYN | ACK);
	CHECK_INT(TCP_IDX(), 2);
	seg(2, 1, 80, 1001, 901, ACK);
	CHECK_INT(TCP_IDX(), 2);
	/* A SYN/ACK with a new ISN does not start one. */
	seg(2, 1, 80, 1001, 77, SYN | ACK);
	CHECK_INT(TCP_IDX(), 2);
	/* Mid-stream: the base is one below the first segment. */
	seg(1, 2, 1003, 80, 5000, ACK);
	CHECK_INT(TCP_IDX(), 3);
	seg(1, 2, 1003, 80, 4999, SYN);
	CHECK_INT(TCP_IDX(), 3);
	seg(1, 2, 1004, 80, 6000, ACK);
	CHECK_INT(TCP_IDX(), 4);
	seg(1, 2, 1004, 80, 6000, SYN);
	CHECK_INT(TCP_IDX(), 5);
	/* The other side's first SYN sets its own base. */
	seg(2, 1, 80, 1002, 300, SYN);
	CHECK_INT(TCP_IDX(), 1);
	seg(2, 1, 80, 1002, 301, SYN);
	CHECK_INT(TCP_IDX(), 6);
	/* Other hosts, same ports. */
	seg(1, 3, 1001, 80, 200, SYN);
	CHECK_INT(TCP_IDX(), 7);
	streams_free(st);
}

static void
test_udp_and_quotes(void)
{
	size_t i, n;

	st = streams_new();
	CHECK(st != NULL);
	if (st == NULL)
		return;
	seg(1, 2, 1001, 80, 100, SYN);
	CHECK_INT(TCP_IDX(), 0);
	/* UDP counts apart from TCP. */
	dgram(1, 2, 2000, 53);
	CHECK_INT(UDP_IDX(), 0);
	dgram(2, 1, 53, 2000);
	CHECK_INT(UDP_IDX(), 0);
	dgram(1, 2, 2001, 53);
	CHECK_INT(UDP_IDX(), 1);
	/* A quoted UDP header (8 bytes) is its conversation's. */
	dgram(1, 2, 2001, 53);
	quote(8);
	CHECK_INT(UDP_IDX(), 1);
	CHECK_INT(meta.streams.n, 1);
	CHECK_INT(meta.streams.layer[0].off, 48);
	dgram(1, 2, 3000, 3001);
	quote(8);
	CHECK_INT(UDP_IDX(), 2);
	dgram(1, 2, 3002, 3001);
	quote(7);
	CHECK_INT(UDP_IDX(), -1);
	/* A quoted TCP header: 14 bytes are not enough, 16 are. */
	seg(1, 2, 4000, 80, 1, ACK);
	quote(14);
	CHECK_INT(TCP_IDX(), -1);
	seg(1, 2, 4000, 80, 1, ACK);
	quote(16);
	CHECK_INT(TCP_IDX(), 1);
	seg(1, 2, 4000, 80, 1, ACK);
	CHECK_INT(TCP_IDX(), 1);
	/* Every prefix numbers without reading past it. */
	dgram(1, 2, 2000, 53);
	n = frame_len;
	for (i = 0; i <= n; i++) {
		memset(&meta, 0, sizeof meta);
		meta.caplen = meta.wirelen = (uint32_t)i;
		meta.link = LINK_RAW;
		streams_number(st, &meta, frame);
		CHECK(meta.streams.n == (i == n ? 1 : 0));
	}
	streams_free(st);
}

static void
test_named(void)
{
	CHECK(streams_named("tcp.stream"));
	CHECK(streams_named("udp.stream == 3 and ip"));
	CHECK(!streams_named("tcp.port"));
	CHECK(!streams_named(NULL));
}

int
main(void)
{
	test_tcp();
	test_udp_and_quotes();
	test_named();
	return tl_done();
}
