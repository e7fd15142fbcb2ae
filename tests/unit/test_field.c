/*
 * The shared decoding machinery: the cursor's bounds, value formatting as
 * tshark prints it, the field registry, the Internet checksum, and the
 * dissection context's layer bookkeeping.
 */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include "decode/decoders.h"
#include "decode/field.h"
#include "testlib.h"

static const char *
fmt(const struct field_def *f, uint64_t u, const uint8_t *p, size_t n)
{
	static char buf[256];
	struct field_value v;

	memset(&v, 0, sizeof v);
	v.def = f;
	v.u = u;
	v.p = p;
	v.n = n;
	field_format(&v, buf, sizeof buf);
	return buf;
}

static void
test_cursor(void)
{
	static const uint8_t b[] = { 1, 2, 3, 4, 5, 6, 7 };
	struct cursor c = cur_make(b, sizeof b), s;
	uint32_t v32;
	uint16_t v16;
	uint8_t v8, out[8];
	bool cut;

	CHECK(cur_u8(&c, &v8) && v8 == 1);
	CHECK(cur_be16(&c, &v16) && v16 == 0x0203);
	CHECK(cur_be32(&c, &v32) && v32 == 0x04050607);
	CHECK_INT(cur_left(&c), 0);
	/* Reads past the end fail, zero the output and do not move. */
	v8 = 9;
	CHECK(!cur_u8(&c, &v8) && v8 == 0);
	CHECK_INT(c.pos, 7);
	c = cur_make(b, sizeof b);
	CHECK(!cur_bytes(&c, out, 8));
	CHECK_INT(c.pos, 0);
	CHECK(!cur_skip(&c, 8));
	CHECK(cur_skip(&c, 7));
	/* A sub-cursor is clamped to what exists and says so. */
	c = cur_make(b, sizeof b);
	cur_skip(&c, 2);
	s = cur_sub(&c, 100, &cut);
	CHECK(cut);
	CHECK_INT(s.end, 7);
	s = cur_sub(&c, 3, &cut);
	CHECK(!cut);
	CHECK_INT(s.end, 5);
	CHECK(!cur_be32(&s, &v32));
	CHECK(cur_peek16(&s, 1, &v16) && v16 == 0x0405);
	CHECK(!cur_peek16(&s, 2, &v16));
	CHECK(!cur_peek16(&s, SIZE_MAX, &v16));
	CHECK(!cur_peek8(&s, SIZE_MAX, &v8));
	cur_limit(&c, 1);
	CHECK_INT(cur_left(&c), 1);
	cur_limit(&c, 50);
	CHECK_INT(cur_left(&c), 1);
}

static void
test_format(void)
{
	static const struct field_def u8hex = { "x.a", "A", FT_UINT, BASE_HEX, 8, NULL };
	static const struct field_def u16hex = { "x.b", "B", FT_UINT, BASE_HEX, 16, NULL };
	static const struct field_def u32hex = { "x.c", "C", FT_UINT, BASE_HEX, 32, NULL };
	static const struct field_def dec = { "x.d", "D", FT_UINT, BASE_DEC, 32, NULL };
	static const struct field_def bl = { "x.e", "E", FT_BOOL, 0, 0, NULL };
	static const struct field_def v4 = { "x.f", "F", FT_IPV4, 0, 0, NULL };
	static const struct field_def v6 = { "x.g", "G", FT_IPV6, 0, 0, NULL };
	static const struct field_def eth = { "x.h", "H", FT_ETHER, 0, 0, NULL };
	static const struct field_def by = { "x.i", "I", FT_BYTES, 0, 0, NULL };
	static const struct field_def st = { "x.j", "J", FT_STRING, 0, 0, NULL };
	static const struct field_def rel = { "x.k", "K", FT_RELTIME, 0, 0, NULL };
	static const uint8_t a4[] = { 192, 0, 2, 1 };
	static const uint8_t a6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	static const uint8_t mac[] = { 0, 0x1b, 0x21, 0xaa, 0xbb, 0xcc };
	static const uint8_t raw[] = { 0x02, 0x04, 0x05, 0xb4 };
	static const uint8_t text[] = { 'a', '.', 0x01, '\\', 'z' };
	static const uint8_t ctl[] = { '\t', 0x7f, 0xc3, 0xa9, 0xff, 'x' };
	struct field_value v;
	char buf[64];

	CHECK_STR(fmt(&u8hex, 2, NULL, 0), "0x02");
	CHECK_STR(fmt(&u16hex, 0x12, NULL, 0), "0x0012");
	CHECK_STR(fmt(&u32hex, 0xdeadbeef, NULL, 0), "0xdeadbeef");
	CHECK_STR(fmt(&dec, 443, NULL, 0), "443");
	CHECK_STR(fmt(&bl, 5, NULL, 0), "1");
	CHECK_STR(fmt(&bl, 0, NULL, 0), "0");
	CHECK_STR(fmt(&v4, 0, a4, 4), "192.0.2.1");
	CHECK_STR(fmt(&v6, 0, a6, 16), "2001:db8::1");
	CHECK_STR(fmt(&eth, 0, mac, 6), "00:1b:21:aa:bb:cc");
	CHECK_STR(fmt(&by, 0, raw, 4), "020405b4");
	CHECK_STR(fmt(&by, 0, raw, 0), "<MISSING>");
	CHECK_STR(fmt(&st, 0, text, sizeof text), "a.\\001\\z");
	CHECK_STR(fmt(&st, 0, ctl, sizeof ctl), "\\t\\177\xc3\xa9\xef\xbf\xbdx");
	/* Relative times: signed seconds in u, signed ns in aux. */
	memset(&v, 0, sizeof v);
	v.def = &rel;
	v.aux = 268000;
	field_format(&v, buf, sizeof buf);
	CHECK_STR(buf, "0.000268000");
	v.u = (uint64_t)-1;
	v.aux = (uint32_t)-500000000;
	field_format(&v, buf, sizeof buf);
	CHECK_STR(buf, "-1.500000000");

	/* The tree shows the label, the name and the raw value. */
	memset(&v, 0, sizeof v);
	v.def = &dec;
	v.u = 6;
	v.shown = "TCP";
	field_format_tree(&v, buf, sizeof buf);
	CHECK_STR(buf, "D: TCP (6)");
	/* A tiny buffer is never overrun and stays terminated. */
	CHECK_INT(field_format(&v, buf, 1), 0);
	CHECK_STR(buf, "");
}

static void
test_registry(void)
{
	const struct field_def *f = field_lookup("frame.len");

	CHECK(f != NULL && f->type == FT_UINT);
	CHECK(field_lookup("no.such.field") == NULL);
	CHECK(field_lookup("data.data") != NULL);
}

/* Every IPv6 text wiretop writes is inet_ntop()'s (what tshark shows). */
static void
test_ipv6_text(void)
{
	static const char *const texts[] = {
		"::", "::1", "::2", "1::", "1::1", "::ffff:192.0.2.1",
		"::192.0.2.1", "::1:0:0:0:1", "1:0:0:1::", "1:0:0:1:0:0:1:1",
		"1:0:1:0:1:0:1:0", "::ffff:0:1", "0:0:0:0:1:ffff:1:1",
		"2001:db8:0:0:1:0:0:1", "fe80::abcd:ef01", "ffff:ffff::",
		"::fffe:1.2.3.4", "1:2:3:4:5:6:7:8", "0:0:0:0:0:1:0:0"
	};
	uint8_t a[16];
	char want[64], got[64];
	size_t i;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		CHECK(inet_pton(AF_INET6, texts[i], a) == 1);
		CHECK(inet_ntop(AF_INET6, a, want, sizeof want) != NULL);
		CHECK_INT(addr_format(FT_IPV6, a, got, sizeof got),
		    strlen(want));
		CHECK_STR(got, want);
	}
	/* Too small for the text: "?" as before, never a cut address. */
	CHECK(inet_pton(AF_INET6, "2001:db8::1:0:0:1", a) == 1);
	CHECK_INT(addr_format(FT_IPV6, a, got, 8), 1);
	CHECK_STR(got, "?");
	CHECK_INT(addr_format(FT_IPV4, a, got, 4), 3);
	CHECK_INT(addr_format(FT_IPV4, a, got, 0), 0);
}

static int set_seq, set_bad;

/* field_foreach callbacks: count, add in order, look up in order. */
static void
count_def(const struct field_def *f, void *arg)
{
	(void)f;
	(*(int *)arg)++;
}

static void
add_def(const struct field_def *f, void *arg)
{
	field_set_add(arg, f, set_seq++);
}

static void
find_def(const struct field_def *f, void *arg)
{
	/* A name defined twice keeps the first definition's value. */
	if (field_set_get(arg, f) != set_seq &&
	    field_lookup(f->name) == f)
		set_bad++;
	set_seq++;
}

/* The chosen-field set -T fields hands the decoders. */
static void
test_field_set(void)
{
	const struct field_def *src = field_lookup("ip.src");
	const struct field_def *port = field_lookup("tcp.srcport");
	struct field_set *s = field_set_new(2);
	int n = 0;

	CHECK(s != NULL);
	field_set_add(s, src, 3);
	field_set_add(s, port, 5);
	field_set_add(s, src, 9);	/* keeps its first value */
	CHECK_INT(field_set_get(s, src), 3);
	CHECK_INT(field_set_get(s, port), 5);
	CHECK_INT(field_set_get(s, field_lookup("ip.dst")), -1);
	CHECK(field_set_has_table(s, &ipv4_field_table));
	CHECK(field_set_has_table(s, &tcp_field_table));
	CHECK(!field_set_has_table(s, &dns_field_table));
	field_set_free(s);
	/* Every known field: each found with its own value. */
	field_foreach(count_def, &n);
	s = field_set_new((size_t)n);
	CHECK(s != NULL);
	set_seq = 0;
	field_foreach(add_def, s);
	set_seq = 0;
	set_bad = 0;
	field_foreach(find_def, s);
	CHECK_INT(set_bad, 0);
	CHECK_INT(set_seq, n);
	field_set_free(s);
}

static void
test_checksum(void)
{
	/* RFC 1071's example bytes sum to 0xddf2; the checksum is ~that. */
	static const uint8_t b[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5,
	    0xf6, 0xf7 };
	static const uint8_t odd[] = { 0x01 };

	CHECK_INT(cksum_fold(cksum_add(0, b, sizeof b)), (uint16_t)~0xddf2);
	CHECK_INT(cksum_fold(cksum_add(0, odd, 1)), (uint16_t)~0x0100);
	CHECK_INT(cksum_fold(0), 0xffff);
}

static void
test_frame_layer(void)
{
	static const uint8_t junk[] = { 1, 2, 3 };
	const struct tl_result *r;

	/* An unknown link type: frame fields, then the bytes as data. */
	r = tl_dissect(9999, junk, sizeof junk, 60);
	CHECK_STR(tl_get(r, "frame.len"), "60");
	CHECK_STR(tl_get(r, "frame.cap_len"), "3");
	CHECK_STR(tl_get(r, "frame.time_epoch"), "1700000000.000000000");
	CHECK_STR(tl_get(r, "data.data"), "010203");
	CHECK(tl_has(r, P_FRAME) && tl_has(r, P_DATA));
	CHECK_INT(r->pi.top, P_FRAME);
	CHECK_INT(r->errors, 0);
	tl_prefixes(9999, junk, sizeof junk);
}

int
main(void)
{
	test_cursor();
	test_format();
	test_registry();
	test_ipv6_text();
	test_field_set();
	test_checksum();
	test_frame_layer();
	return tl_done();
}
