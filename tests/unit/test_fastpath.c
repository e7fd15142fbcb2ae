/*
 * The capture pass's fast path (src/decode/fastpath.c): it must take the
 * plain TCP/UDP frames it is for, give exactly the decoders' summary for
 * them (testlib checks that for every frame and prefix it takes), and
 * refuse every frame the decoders would mark or hand elsewhere.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "decode/decoders.h"
#include "testlib.h"

#define TCP_F	0x01
#define TCP_S	0x02
#define TCP_R	0x04
#define TCP_P	0x08
#define TCP_A	0x10
#define BIT(p)	((uint64_t)1 << (p))

/* A frame under construction. */
struct frame {
	uint8_t	 b[TL_MAX_FRAME];
	size_t	 len;
};

static void
put(struct frame *f, const void *p, size_t n)
{
	if (n > 0)
		memcpy(f->b + f->len, p, n);
	f->len += n;
}

static void
put16(struct frame *f, uint16_t v)
{
	uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	put(f, b, 2);
}

static void
fill(struct frame *f, size_t n, uint8_t byte)
{
	memset(f->b + f->len, byte, n);
	f->len += n;
}

/* What goes on top of IP: a TCP segment or a UDP datagram. */
struct l4 {
	uint8_t		 b[1600];
	size_t		 len;
};

static struct l4
tcp(uint16_t sport, uint16_t dport, uint8_t flags, const uint8_t *opt,
    size_t olen, size_t payload)
{
	struct l4	 s;
	struct frame	 f;

	f.len = 0;
	put16(&f, sport);
	put16(&f, dport);
	put(&f, "\x00\x00\x10\x00\x00\x00\x20\x00", 8);	/* seq, ack */
	f.b[f.len++] = (uint8_t)(((20 + olen) / 4) << 4);
	f.b[f.len++] = flags;
	put(&f, "\xfa\xf0\x12\x34\x00\x00", 6);	/* window, sum, urgent */
	put(&f, opt, olen);
	fill(&f, payload, 0x61);
	memcpy(s.b, f.b, f.len);
	s.len = f.len;
	return s;
}

static struct l4
udp(uint16_t sport, uint16_t dport, size_t payload, uint16_t cksum)
{
	struct l4	 s;
	struct frame	 f;

	f.len = 0;
	put16(&f, sport);
	put16(&f, dport);
	put16(&f, (uint16_t)(8 + payload));
	put16(&f, cksum);
	fill(&f, payload, 0x62);
	memcpy(s.b, f.b, f.len);
	s.len = f.len;
	return s;
}

/* Ethernet II with type, then IPv4 (fragment word frag, opt option
   bytes) carrying x. */
static void
v4(struct frame *f, uint8_t proto, const struct l4 *x, uint16_t frag,
    size_t opt)
{
	f->len = 0;
	put(f, "\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01", 12);
	put16(f, 0x0800);
	f->b[f->len++] = (uint8_t)(0x40 | (20 + opt) / 4);
	f->b[f->len++] = 0;
	put16(f, (uint16_t)(20 + opt + x->len));
	put16(f, 0x1234);
	put16(f, frag);
	f->b[f->len++] = 64;
	f->b[f->len++] = proto;
	put16(f, 0);
	put(f, "\x0a\x00\x00\x01\x0a\x00\x00\x02", 8);
	fill(f, opt, 0x01);		/* NOPs */
	put(f, x->b, x->len);
}

static void
v6(struct frame *f, uint8_t nh, const struct l4 *x)
{
	static const uint8_t a[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	static const uint8_t b[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };

	f->len = 0;
	put(f, "\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01", 12);
	put16(f, 0x86dd);
	put(f, "\x60\x00\x00\x00", 4);
	put16(f, (uint16_t)x->len);
	f->b[f->len++] = nh;
	f->b[f->len++] = 64;
	put(f, a, 16);
	put(f, b, 16);
	put(f, x->b, x->len);
}

/* Is frame f taken by the fast path (caplen cap, 0: all of it)? */
static bool
taken(const struct frame *f, size_t cap, struct pkt_info *pi)
{
	struct frame_meta m;

	memset(&m, 0, sizeof m);
	m.number = 1;
	m.caplen = (uint32_t)(cap ? cap : f->len);
	m.wirelen = (uint32_t)f->len;
	m.link = LINK_ETHERNET;
	return fastpath_decode(&m, f->b, pi);
}

/* Check f with the decoders on it and on every prefix (testlib compares
   the fast path wherever it takes one). */
static void
decoders_agree(const struct frame *f)
{
	tl_prefixes(LINK_ETHERNET, f->b, f->len);
	(void)tl_dissect(LINK_ETHERNET, f->b, f->len, 0);
}

static const uint8_t ts_opts[12] = {
	1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2		/* NOP NOP TS */
};

static void
test_taken(void)
{
	struct frame	 f;
	struct l4	 x;
	struct pkt_info	 pi;
	static const uint8_t syn_opts[20] = {
		2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0,
		1, 3, 3, 7				/* MSS SACKP TS NOP WS */
	};
	static const uint8_t sack[12] = {
		1, 1, 5, 10, 0, 0, 0x10, 0, 0, 0, 0x20, 0
	};
	static const uint8_t eol_pad[4] = { 0, 0x55, 0, 0 };
	int before = tl_fastpath_taken;

	/* IPv4 TCP with timestamps and data: the common segment. */
	x = tcp(40000, 443, TCP_P | TCP_A, ts_opts, sizeof ts_opts, 100);
	v4(&f, 6, &x, 0x4000, 0);
	CHECK(taken(&f, 0, &pi));
	CHECK_INT(pi.protos, BIT(P_FRAME) | BIT(P_ETH) | BIT(P_IPV4) |
	    BIT(P_TCP) | BIT(P_DATA));
	CHECK_INT(pi.top, P_TCP);
	CHECK_INT(pi.status, LAYER_OK);
	CHECK_INT(pi.ipver, 4);
	CHECK_INT(pi.l4proto, 6);
	CHECK_INT(pi.src[3], 1);
	CHECK_INT(pi.dst[3], 2);
	CHECK_INT(pi.sport, 40000);
	CHECK_INT(pi.dport, 443);
	CHECK_INT(pi.tcpflags, TCP_P | TCP_A);
	CHECK(pi.has_mac && pi.macsrc[5] == 1 && pi.macdst[5] == 2);
	decoders_agree(&f);

	/* A SYN's options, no data; a SACK; an EOL followed by junk (only
	   shown, not marked). */
	x = tcp(40000, 80, TCP_S, syn_opts, sizeof syn_opts, 0);
	v4(&f, 6, &x, 0, 0);
	CHECK(taken(&f, 0, &pi) && !(pi.protos & BIT(P_DATA)));
	decoders_agree(&f);
	x = tcp(40000, 80, TCP_A, sack, sizeof sack, 0);
	v4(&f, 6, &x, 0, 0);
	CHECK(taken(&f, 0, &pi));
	decoders_agree(&f);
	x = tcp(40000, 80, TCP_A, eol_pad, sizeof eol_pad, 5);
	v4(&f, 6, &x, 0, 0);
	CHECK(taken(&f, 0, &pi));
	decoders_agree(&f);

	/* IPv6 UDP with data; IPv6 TCP. */
	x = udp(5000, 5001, 300, 0xbeef);
	v6(&f, 17, &x);
	CHECK(taken(&f, 0, &pi));
	CHECK_INT(pi.protos, BIT(P_FRAME) | BIT(P_ETH) | BIT(P_IPV6) |
	    BIT(P_UDP) | BIT(P_DATA));
	CHECK_INT(pi.top, P_UDP);
	CHECK_INT(pi.ipver, 6);
	CHECK_INT(pi.src[15], 1);
	CHECK_INT(pi.sport, 5000);
	decoders_agree(&f);
	x = tcp(22, 50000, TCP_A | TCP_F, NULL, 0, 0);
	v6(&f, 6, &x);
	CHECK(taken(&f, 0, &pi) && pi.tcpflags == (TCP_A | TCP_F));
	decoders_agree(&f);

	/* IPv4 UDP without a checksum (allowed there); a datagram on a
	   DNS port without data goes to no decoder; a UDP length short of
	   the IP payload and Ethernet padding after a short packet. */
	x = udp(5000, 6000, 10, 0);
	v4(&f, 17, &x, 0, 0);
	CHECK(taken(&f, 0, &pi));
	decoders_agree(&f);
	x = udp(5000, 53, 0, 0x1111);
	v4(&f, 17, &x, 0, 0);
	CHECK(taken(&f, 0, &pi) && !(pi.protos & BIT(P_DATA)));
	decoders_agree(&f);
	x = udp(5000, 6000, 4, 0x1111);
	x.b[5] = 8;				/* length 8 of 12 bytes */
	v4(&f, 17, &x, 0, 0);
	CHECK(taken(&f, 0, &pi) && !(pi.protos & BIT(P_DATA)));
	decoders_agree(&f);
	x = udp(5000, 6000, 2, 0x1111);
	v4(&f, 17, &x, 0, 0);
	fill(&f, 60 - f.len, 0);
	CHECK(taken(&f, 0, &pi));
	decoders_agree(&f);

	CHECK(tl_fastpath_taken > before);
}

/* Frames the decoders would mark, or hand to another decoder. */
static void
test_refused(void)
{
	struct frame	 f;
	struct l4	 x;
	struct pkt_info	 pi;
	static const uint8_t bad_len[4] = { 2, 1, 0, 0 };	/* length 1 */
	static const uint8_t past[4] = { 1, 8, 10, 0 };		/* runs past */
	static const uint8_t sack2[4] = { 5, 2, 1, 1 };		/* no block */

	x = tcp(40000, 443, TCP_A, ts_opts, sizeof ts_opts, 20);
	v4(&f, 6, &x, 0, 0);
	CHECK(!taken(&f, f.len - 1, &pi));	/* cut by the snap length */
	v4(&f, 6, &x, 0, 4);
	CHECK(!taken(&f, 0, &pi));		/* IPv4 options */
	decoders_agree(&f);
	v4(&f, 6, &x, 0x2000, 0);
	CHECK(!taken(&f, 0, &pi));		/* first fragment */
	v4(&f, 6, &x, 0x0010, 0);
	CHECK(!taken(&f, 0, &pi));		/* later fragment */
	decoders_agree(&f);
	v4(&f, 6, &x, 0, 0);
	f.b[16] = f.b[17] = 0;
	CHECK(!taken(&f, 0, &pi));		/* total length 0 (TSO) */
	v4(&f, 6, &x, 0, 0);
	f.b[17]++;
	CHECK(!taken(&f, 0, &pi));		/* past the frame */
	decoders_agree(&f);
	v4(&f, 1, &x, 0, 0);
	CHECK(!taken(&f, 0, &pi));		/* not TCP or UDP */

	x = tcp(40000, 53, TCP_A, NULL, 0, 20);
	v4(&f, 6, &x, 0, 0);
	CHECK(!taken(&f, 0, &pi));		/* DNS over TCP */
	x = tcp(40000, 80, TCP_R | TCP_A, NULL, 0, 20);
	v4(&f, 6, &x, 0, 0);
	CHECK(!taken(&f, 0, &pi));		/* a reset's cause */
	decoders_agree(&f);
	x = tcp(40000, 80, TCP_A, bad_len, sizeof bad_len, 0);
	v4(&f, 6, &x, 0, 0);
	CHECK(!taken(&f, 0, &pi));
	decoders_agree(&f);
	x = tcp(40000, 80, TCP_A, past, sizeof past, 0);
	v4(&f, 6, &x, 0, 0);
	CHECK(!taken(&f, 0, &pi));
	x = tcp(40000, 80, TCP_A, sack2, sizeof sack2, 0);
	v4(&f, 6, &x, 0, 0);
	CHECK(!taken(&f, 0, &pi));
	decoders_agree(&f);
	x = tcp(40000, 80, TCP_A, NULL, 0, 0);
	x.b[12] = 0x40;				/* header length 16 */
	v4(&f, 6, &x, 0, 0);
	CHECK(!taken(&f, 0, &pi));
	x.b[12] = 0x60;				/* 24, past the segment */
	v4(&f, 6, &x, 0, 0);
	CHECK(!taken(&f, 0, &pi));
	decoders_agree(&f);

	x = udp(53, 33000, 20, 0x1111);
	v4(&f, 17, &x, 0, 0);
	CHECK(!taken(&f, 0, &pi));		/* DNS */
	x = udp(33000, 4789, 20, 0x1111);
	v4(&f, 17, &x, 0, 0);
	CHECK(!taken(&f, 0, &pi));		/* VXLAN */
	x = udp(5000, 6000, 20, 0);
	v6(&f, 17, &x);
	CHECK(!taken(&f, 0, &pi));		/* zero sum over IPv6 */
	decoders_agree(&f);
	x = udp(5000, 6000, 20, 0x1111);
	x.b[5] = 7;				/* length below 8 */
	v4(&f, 17, &x, 0, 0);
	CHECK(!taken(&f, 0, &pi));
	x.b[5] = 40;				/* past the IP payload */
	v4(&f, 17, &x, 0, 0);
	CHECK(!taken(&f, 0, &pi));
	decoders_agree(&f);

	x = udp(5000, 6000, 20, 0x1111);
	v6(&f, 0, &x);
	CHECK(!taken(&f, 0, &pi));		/* hop-by-hop header */
	v6(&f, 17, &x);
	f.b[18] = f.b[19] = 0;
	CHECK(!taken(&f, 0, &pi));		/* jumbo payload length */
	v6(&f, 17, &x);
	f.b[12] = 0x81;				/* an 802.1Q tag */
	f.b[13] = 0x00;
	CHECK(!taken(&f, 0, &pi));
}

int
main(void)
{
	test_taken();
	test_refused();
	return tl_done();
}
