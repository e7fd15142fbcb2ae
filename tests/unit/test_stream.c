/*
 * Follow stream's reassembly (src/ui/stream.c) on crafted segments: in
 * order, out of order, retransmissions overlapping what was seen, SYN and
 * FIN, sequence numbers wrapping, holes and bytes a snap length cut off,
 * UDP datagrams, the byte cap; and the payload found in crafted frames,
 * whole and cut short.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/stream.h"
#include "testlib.h"

#define C	STREAM_CLIENT
#define S	STREAM_SERVER
#define SYN	STREAM_SYN
#define ACK	STREAM_ACK
#define FIN	STREAM_FIN

/* The stream as text: each chunk "<dir><bytes>" or "<dir>[gap N]",
   joined by "|" (static). */
static const char *
dump(const struct stream *s)
{
	static char buf[8192];
	size_t n = 0, i;

	buf[0] = '\0';
	for (i = 0; i < s->nchunks && n + 64 < sizeof buf; i++) {
		const struct stream_chunk *c = &s->chunks[i];

		if (i > 0)
			buf[n++] = '|';
		buf[n++] = c->dir == C ? '>' : '<';
		if (c->gap) {
			n += (size_t)snprintf(buf + n, sizeof buf - n,
			    "[gap %llu]", (unsigned long long)c->len);
		} else {
			size_t k = c->len < sizeof buf - n - 64 ? c->len :
			    sizeof buf - n - 64;

			memcpy(buf + n, s->data + c->off, k);
			n += k;
		}
		buf[n] = '\0';
	}
	return buf;
}

/* A segment with text payload. */
static void
seg(struct stream *s, int dir, uint64_t num, uint32_t seq, uint8_t flags,
    const char *text)
{
	size_t n = strlen(text);

	stream_tcp(s, dir, num, seq, 0, flags, (const uint8_t *)text, n, n);
}

/* The same acknowledging ack. */
static void
seg_ack(struct stream *s, int dir, uint64_t num, uint32_t seq, uint32_t ack,
    const char *text)
{
	size_t n = strlen(text);

	stream_tcp(s, dir, num, seq, ack, ACK, (const uint8_t *)text, n, n);
}

/* Both directions in order, SYN and FIN, chunks per run. */
static void
test_in_order(void)
{
	struct stream s;

	stream_init(&s, true, 0);
	seg(&s, C, 1, 1000, SYN, "");
	seg(&s, S, 2, 5000, SYN | ACK, "");
	seg(&s, C, 3, 1001, ACK, "");
	seg(&s, C, 4, 1001, ACK, "GET / ");
	seg(&s, C, 5, 1007, ACK, "HTTP/1.1\r\n\r\n");
	seg(&s, S, 6, 5001, ACK, "HTTP/1.1 200 OK\r\n");
	seg(&s, S, 7, 5018, ACK, "\r\nbody");
	seg(&s, C, 8, 1019, FIN | ACK, "");
	seg(&s, S, 9, 5024, FIN | ACK, "");
	stream_finish(&s);
	/* One chunk per run of one direction, packet of its first byte. */
	CHECK_STR(dump(&s), ">GET / HTTP/1.1\r\n\r\n|<HTTP/1.1 200 OK\r\n"
	    "\r\nbody");
	CHECK_INT(s.nchunks, 2);
	CHECK_INT(s.chunks[0].number, 4);
	CHECK_INT(s.chunks[1].number, 6);
	CHECK_INT(s.chunks[1].pos, 0);
	CHECK_INT(s.dir[C].bytes, 18);
	CHECK_INT(s.dir[S].bytes, 23);
	CHECK_INT(s.dir[C].packets, 5);
	CHECK_INT(s.dir[C].dup + s.dir[S].dup, 0);
	CHECK_INT(s.len, 41);
	stream_free(&s);
}

/* Segments ahead wait until the hole before them fills. */
static void
test_out_of_order(void)
{
	struct stream s;

	stream_init(&s, true, 0);
	seg(&s, C, 1, 100, SYN, "");
	/* "bbb" comes before "aaa"; "ccc" after both; the server answers
	   between them without changing the client's order. */
	seg(&s, C, 2, 104, ACK, "bbb");
	CHECK_STR(dump(&s), "");
	seg(&s, S, 3, 900, ACK, "x");
	seg(&s, C, 4, 101, ACK, "aaa");
	seg(&s, C, 5, 107, ACK, "ccc");
	stream_finish(&s);
	CHECK_STR(dump(&s), "<x|>aaabbbccc");
	CHECK_INT(s.chunks[1].number, 4);
	CHECK_INT(s.dir[C].missing, 0);
	stream_free(&s);

	/* Three out of order, waiting in the right order. */
	stream_init(&s, true, 0);
	seg(&s, C, 1, 0, SYN, "");
	seg(&s, C, 2, 6, ACK, "d");
	seg(&s, C, 3, 5, ACK, "c");
	seg(&s, C, 4, 4, ACK, "b");
	CHECK_INT(s.dir[C].npend, 3);
	seg(&s, C, 5, 1, ACK, "012");
	CHECK_INT(s.dir[C].npend, 0);
	stream_finish(&s);
	CHECK_STR(dump(&s), ">012bcd");
	stream_free(&s);
}

/* Bytes seen before are dropped, whole or in part. */
static void
test_retransmission(void)
{
	struct stream s;

	stream_init(&s, true, 0);
	seg(&s, C, 1, 10, SYN, "");
	seg(&s, C, 2, 11, ACK, "hello ");
	seg(&s, C, 3, 11, ACK, "hello ");	/* the same again */
	seg(&s, C, 4, 14, ACK, "lo world");	/* overlaps 3 bytes */
	seg(&s, C, 5, 17, ACK, "world");	/* inside what was seen */
	seg(&s, C, 6, 11, ACK, "hello world!");	/* longer retransmission */
	stream_finish(&s);
	CHECK_STR(dump(&s), ">hello world!");
	CHECK_INT(s.dir[C].bytes, 12);
	CHECK_INT(s.dir[C].dup, 6 + 3 + 5 + 11);
	stream_free(&s);

	/* Out of order segments overlapping each other and the hole. */
	stream_init(&s, true, 0);
	seg(&s, C, 1, 0, SYN, "");
	seg(&s, C, 2, 6, ACK, "56789");
	seg(&s, C, 3, 4, ACK, "3456");
	seg(&s, C, 4, 1, ACK, "0123");
	stream_finish(&s);
	CHECK_STR(dump(&s), ">0123456789");
	CHECK_INT(s.dir[C].bytes, 10);
	stream_free(&s);
}

/* Where a direction starts; FIN takes no byte. */
static void
test_syn_fin(void)
{
	struct stream s;

	/* Without a SYN the first sequence number with data starts it;
	   pure ACKs before do not. */
	stream_init(&s, true, 0);
	seg(&s, C, 1, 77777, ACK, "");
	seg(&s, C, 2, 500, ACK, "abc");
	seg(&s, C, 3, 503, FIN | ACK, "def");
	seg(&s, C, 4, 509, ACK, "");	/* after the FIN */
	seg(&s, C, 5, 503, FIN | ACK, "def");	/* FIN retransmitted */
	stream_finish(&s);
	CHECK_STR(dump(&s), ">abcdef");
	stream_free(&s);

	/* A SYN carrying data (TCP Fast Open): the data follows the ISN. */
	stream_init(&s, true, 0);
	seg(&s, C, 1, 41, SYN, "tfo");
	seg(&s, C, 2, 45, ACK, "!");
	stream_finish(&s);
	CHECK_STR(dump(&s), ">tfo!");
	stream_free(&s);

	/* Data before the SYN's ISN (bogus) is dropped. */
	stream_init(&s, true, 0);
	seg(&s, C, 1, 999, SYN, "");
	seg(&s, C, 2, 990, ACK, "0123456789");
	seg(&s, C, 3, 995, ACK, "56789ABCDE");
	stream_finish(&s);
	CHECK_STR(dump(&s), ">ABCDE");
	stream_free(&s);
}

/* Sequence numbers past 2^32. */
static void
test_wraparound(void)
{
	struct stream s;

	stream_init(&s, true, 0);
	seg(&s, C, 1, 0xfffffff9u, SYN, "");
	seg(&s, C, 2, 0xfffffffau, ACK, "abc");
	seg(&s, C, 3, 0x00000001u, ACK, "ghi");	/* ahead, past zero */
	seg(&s, C, 4, 0xfffffffdu, ACK, "def");	/* ends at zero */
	seg(&s, C, 5, 0xfffffffeu, ACK, "efghij");	/* overlaps both */
	seg(&s, C, 6, 0xfffffff0u, ACK, "old");	/* long before */
	stream_finish(&s);
	CHECK_STR(dump(&s), ">abcdefghij");
	CHECK_INT(s.dir[C].bytes, 10);
	stream_free(&s);
}

/* Holes never filled, acknowledged past, cut by a snap length. */
static void
test_holes(void)
{
	struct stream s;
	uint8_t big[100];

	/* A hole nothing fills: the rest follows a gap at the end. */
	stream_init(&s, true, 0);
	seg(&s, C, 1, 0, SYN, "");
	seg(&s, C, 2, 1, ACK, "aa");
	seg(&s, C, 3, 6, ACK, "bb");
	seg(&s, S, 4, 50, ACK, "zz");
	stream_finish(&s);
	CHECK_STR(dump(&s), ">aa|<zz|>[gap 3]|>bb");
	CHECK_INT(s.dir[C].missing, 3);
	stream_free(&s);

	/* The peer acknowledges past the hole: the capture lost it, the
	   data behind comes at once. */
	stream_init(&s, true, 0);
	seg(&s, C, 1, 0, SYN, "");
	seg(&s, C, 2, 1, ACK, "aa");
	seg(&s, C, 3, 6, ACK, "bb");
	seg_ack(&s, S, 4, 50, 8, "zz");
	stream_finish(&s);
	CHECK_STR(dump(&s), ">aa|>[gap 3]|>bb|<zz");
	stream_free(&s);

	/* A duplicate ACK at the hole gives up nothing. */
	stream_init(&s, true, 0);
	seg(&s, C, 1, 0, SYN, "");
	seg(&s, C, 2, 1, ACK, "aa");
	seg(&s, C, 3, 6, ACK, "bb");
	seg_ack(&s, S, 4, 50, 3, "");
	seg(&s, C, 5, 3, ACK, "ccc");
	stream_finish(&s);
	CHECK_STR(dump(&s), ">aacccbb");
	stream_free(&s);

	/* A snap length cut the payload: the rest is a gap, and the next
	   segment follows it. */
	stream_init(&s, true, 0);
	memset(big, 'q', sizeof big);
	seg(&s, C, 1, 0, SYN, "");
	stream_tcp(&s, C, 2, 1, 0, ACK, big, 10, 100);
	seg(&s, C, 3, 101, ACK, "next");
	stream_finish(&s);
	CHECK_STR(dump(&s), ">qqqqqqqqqq|>[gap 90]|>next");
	CHECK_INT(s.dir[C].bytes, 14);
	CHECK_INT(s.dir[C].missing, 90);
	CHECK_INT(s.chunks[2].pos, 100);
	stream_free(&s);
}

/* The byte cap and the bound on waiting segments. */
static void
test_caps(void)
{
	struct stream s;
	uint8_t buf[64];
	int i;

	/* The byte cap: what fits is kept, the rest is not, and it says
	   so. */
	stream_init(&s, true, 10);
	seg(&s, C, 1, 0, SYN, "");
	seg(&s, C, 2, 1, ACK, "0123456");
	seg(&s, S, 3, 0, ACK, "abcdef");
	seg(&s, C, 4, 8, ACK, "789");
	stream_finish(&s);
	CHECK_STR(dump(&s), ">0123456|<abc");
	CHECK(s.truncated);
	CHECK_INT(s.len, 10);
	stream_free(&s);

	/* Too many segments waiting behind a hole: the oldest hole is given
	   up (memory stays bounded). */
	stream_init(&s, true, 0);
	memset(buf, 'w', sizeof buf);
	seg(&s, C, 1, 0, SYN, "");
	for (i = 0; i < STREAM_MAX_PENDSEGS + 10; i++)
		stream_tcp(&s, C, 2 + (uint64_t)i, 2 + 2 * (uint32_t)i, 0, ACK,
		    buf, 1, 1);
	CHECK(s.dir[C].npend <= STREAM_MAX_PENDSEGS);
	CHECK(s.dir[C].missing > 0);
	stream_finish(&s);
	CHECK_INT(s.dir[C].npend, 0);
	CHECK_INT(s.dir[C].bytes, STREAM_MAX_PENDSEGS + 10);
	stream_free(&s);
}

/* A SYN reusing the ports starts another connection. */
static void
test_new_conn(void)
{
	struct stream s;

	stream_init(&s, true, 0);
	CHECK(!stream_tcp_new_conn(&s, C, SYN, 100));	/* the first SYN */
	seg(&s, C, 1, 100, SYN, "");
	CHECK(!stream_tcp_new_conn(&s, C, SYN, 100));	/* retransmitted */
	CHECK(!stream_tcp_new_conn(&s, S, SYN | ACK, 700));
	CHECK(!stream_tcp_new_conn(&s, S, SYN, 700));	/* simultaneous */
	seg(&s, S, 2, 700, SYN | ACK, "");
	seg(&s, C, 3, 101, ACK, "data");
	CHECK(!stream_tcp_new_conn(&s, C, ACK, 9999));
	CHECK(stream_tcp_new_conn(&s, C, SYN, 5000));	/* ports reused */
	CHECK(stream_tcp_new_conn(&s, S, SYN, 5000));	/* the other way */
	stream_free(&s);

	/* Without the first SYN: any SYN from a side under way. */
	stream_init(&s, true, 0);
	seg(&s, C, 1, 42, ACK, "mid");
	CHECK(stream_tcp_new_conn(&s, C, SYN, 42));
	stream_free(&s);
}

/* UDP: every datagram, in packet order. */
static void
test_udp(void)
{
	struct stream s;

	stream_init(&s, false, 0);
	stream_udp(&s, C, 1, (const uint8_t *)"ping", 4, 4);
	stream_udp(&s, C, 2, (const uint8_t *)"ping", 4, 4);
	stream_udp(&s, S, 3, (const uint8_t *)"pong", 4, 4);
	stream_udp(&s, S, 4, (const uint8_t *)"cut", 3, 10);
	stream_finish(&s);
	/* Every datagram, each a chunk, repeats kept. */
	CHECK_STR(dump(&s), ">ping|>ping|<pong|<cut|<[gap 7]");
	CHECK_INT(s.dir[S].bytes, 7);
	stream_free(&s);
}

/* An Ethernet + IPv4 + TCP frame with payload p (n bytes); returns its
   length. */
static size_t
tcp_frame(uint8_t *f, uint32_t seq, uint8_t flags, const char *p, size_t n)
{
	static const uint8_t head[] = {
		/* Ethernet */
		0x00, 0x11, 0x22, 0x33, 0x44, 0x55,
		0x00, 0x66, 0x77, 0x88, 0x99, 0xaa, 0x08, 0x00,
		/* IPv4: total length filled in below */
		0x45, 0x00, 0x00, 0x00, 0x12, 0x34, 0x40, 0x00,
		0x40, 0x06, 0x00, 0x00, 10, 0, 0, 1, 10, 0, 0, 2,
		/* TCP 1234 -> 80, header 20 bytes */
		0x04, 0xd2, 0x00, 0x50, 0, 0, 0, 0, 0, 0, 0, 0,
		0x50, 0x00, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
	};
	size_t ip = 20 + 20 + n;

	memcpy(f, head, sizeof head);
	f[16] = (uint8_t)(ip >> 8);
	f[17] = (uint8_t)ip;
	f[38] = (uint8_t)(seq >> 24);
	f[39] = (uint8_t)(seq >> 16);
	f[40] = (uint8_t)(seq >> 8);
	f[41] = (uint8_t)seq;
	f[47] = flags;
	memcpy(f + sizeof head, p, n);
	return sizeof head + n;
}

/* Flow keys and payloads decoded from crafted frames. */
static void
test_frames(void)
{
	static const uint8_t a[4] = { 10, 0, 0, 1 }, b[4] = { 10, 0, 0, 2 };
	struct frame_meta fm;
	struct stream_seg sg;
	uint8_t f[256];
	size_t len, i;
	int dir = -1;

	len = tcp_frame(f, 0x01020304, 0x18, "GET / HTTP/1.1\r\n", 16);
	memset(&fm, 0, sizeof fm);
	fm.number = 1;
	fm.caplen = fm.wirelen = (uint32_t)len;
	fm.link = LINK_ETHERNET;
	CHECK(stream_seg_of(&fm, f, &sg));
	CHECK_INT(sg.ipver, 4);
	CHECK_INT(sg.proto, 6);
	CHECK_INT(sg.sport, 1234);
	CHECK_INT(sg.dport, 80);
	CHECK(stream_seg_match(&sg, 4, 6, a, 1234, b, 80, &dir));
	CHECK_INT(dir, C);
	CHECK(stream_seg_match(&sg, 4, 6, b, 80, a, 1234, &dir));
	CHECK_INT(dir, S);
	CHECK(!stream_seg_match(&sg, 4, 6, a, 1234, b, 81, &dir));
	CHECK(!stream_seg_match(&sg, 4, 17, a, 1234, b, 80, &dir));
	CHECK(stream_seg_payload(&fm, f, &sg));
	CHECK_INT(sg.seq, 0x01020304);
	CHECK_INT(sg.flags, 0x18);
	CHECK_INT(sg.off, 54);
	CHECK_INT(sg.caplen, 16);
	CHECK_INT(sg.wirelen, 16);

	/* Ethernet padding is no payload. */
	len = tcp_frame(f, 7, 0x10, "", 0);
	memset(f + len, 0, 6);
	fm.caplen = fm.wirelen = (uint32_t)len + 6;
	CHECK(stream_seg_of(&fm, f, &sg) && stream_seg_payload(&fm, f, &sg));
	CHECK_INT(sg.caplen, 0);
	CHECK_INT(sg.wirelen, 0);

	/* Cut by a snap length: the captured part, the length on the
	   wire. */
	len = tcp_frame(f, 7, 0x18, "0123456789", 10);
	fm.wirelen = (uint32_t)len;
	fm.caplen = (uint32_t)len - 6;
	CHECK(stream_seg_of(&fm, f, &sg) && stream_seg_payload(&fm, f, &sg));
	CHECK_INT(sg.caplen, 4);
	CHECK_INT(sg.wirelen, 10);

	/* Every shorter prefix: never past the captured bytes (ASan), no
	   payload without a whole header. */
	len = tcp_frame(f, 7, 0x18, "0123456789", 10);
	for (i = 0; i <= len; i++) {
		fm.caplen = (uint32_t)i;
		fm.wirelen = (uint32_t)len;
		if (stream_seg_of(&fm, f, &sg) &&
		    stream_seg_payload(&fm, f, &sg)) {
			CHECK(i >= 54);
			CHECK(sg.off + sg.caplen <= i);
			CHECK_INT(sg.wirelen, 10);
		} else {
			CHECK(i < 54);
		}
	}

	/* UDP over IPv6: the datagram's payload, its length from the
	   header. */
	{
		static const uint8_t v6[] = {
			0x00, 0x11, 0x22, 0x33, 0x44, 0x55,
			0x00, 0x66, 0x77, 0x88, 0x99, 0xaa, 0x86, 0xdd,
			0x60, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x11, 0x40,
			0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0,
			0, 0, 0, 1,
			0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0,
			0, 0, 0, 2,
			0x13, 0x88, 0x00, 0x35, 0x00, 0x0c, 0x00, 0x00,
			'p', 'i', 'n', 'g',
		};
		uint8_t a6[16] = { 0x20, 0x01, 0x0d, 0xb8 }, b6[16];

		a6[15] = 1;
		memcpy(b6, a6, 16);
		b6[15] = 2;
		fm.caplen = fm.wirelen = sizeof v6;
		CHECK(stream_seg_of(&fm, v6, &sg));
		CHECK_INT(sg.ipver, 6);
		CHECK_INT(sg.proto, 17);
		CHECK(stream_seg_match(&sg, 6, 17, b6, 53, a6, 5000, &dir));
		CHECK_INT(dir, S);
		CHECK(stream_seg_payload(&fm, v6, &sg));
		CHECK_INT(sg.off, 62);
		CHECK_INT(sg.caplen, 4);
		CHECK_INT(sg.wirelen, 4);
		CHECK(memcmp(v6 + sg.off, "ping", 4) == 0);
	}

	/* A reset's payload is no stream data. */
	len = tcp_frame(f, 7, 0x04, "reason", 6);
	fm.caplen = fm.wirelen = (uint32_t)len;
	CHECK(stream_seg_of(&fm, f, &sg) && stream_seg_payload(&fm, f, &sg));
	CHECK_INT(sg.wirelen, 0);
}

int
main(void)
{
	test_in_order();
	test_out_of_order();
	test_retransmission();
	test_syn_fin();
	test_wraparound();
	test_holes();
	test_caps();
	test_new_conn();
	test_udp();
	test_frames();
	return tl_done();
}
