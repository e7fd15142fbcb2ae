/*
 * The display-filter engine: the lexer and parser (precedence, every
 * operator and literal kind, every error with its column), evaluation on
 * crafted records (several occurrences, absent fields, slices, sets,
 * bitwise tests, regular expressions), and the packet filter on crafted
 * frames.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "decode/proto.h"
#include "dfilter/dfilter.h"
#include "filter.h"
#include "testlib.h"

/* A namespace of its own: a few fields of every type and two protocols. */
static const struct value_name colours[] = {
	{ 1, "Red" }, { 2, "Green" }, { 0, NULL }
};
static const struct field_def defs[] = {
	{ "t.u8", "U8", FT_UINT, BASE_DEC, 8, NULL },
	{ "t.u16", "U16", FT_UINT, BASE_HEX, 16, NULL },
	{ "t.i32", "I32", FT_INT, BASE_DEC, 32, NULL },
	{ "t.flag", "Flag", FT_BOOL, BASE_DEC, 0, NULL },
	{ "t.ip", "IPv4", FT_IPV4, BASE_DEC, 0, NULL },
	{ "t.ip6", "IPv6", FT_IPV6, BASE_DEC, 0, NULL },
	{ "t.mac", "MAC", FT_ETHER, BASE_DEC, 0, NULL },
	{ "t.str", "Str", FT_STRING, BASE_DEC, 0, NULL },
	{ "t.bytes", "Bytes", FT_BYTES, BASE_DEC, 0, NULL },
	{ "t.dbl", "Dbl", FT_DOUBLE, BASE_DEC, 0, NULL },
	{ "t.rel", "Rel", FT_RELTIME, BASE_DEC, 0, NULL },
	{ "t.colour", "Colour", FT_UINT, BASE_DEC, 8, colours },
	{ "t.source", "Source", FT_UINT, BASE_DEC, 16, NULL },
};
enum { U8, U16, I32, FLAG, IP, IP6, MAC, STR, BYTES, DBL, REL, COLOUR,
	SOURCE, NDEFS };
static const char *const protos[] = { "tp", "tq" };

static const struct field_def *
t_field(const char *name, void *arg)
{
	size_t i;

	(void)arg;
	for (i = 0; i < NDEFS; i++)
		if (strcmp(defs[i].name, name) == 0)
			return &defs[i];
	return NULL;
}

static int
t_proto(const char *name, void *arg)
{
	(void)arg;
	return strcmp(name, protos[0]) == 0 ? 0 :
	    strcmp(name, protos[1]) == 0 ? 1 : -1;
}

static void
t_each(void (*fn)(const char *, void *), void *fnarg, void *arg)
{
	size_t i;

	(void)arg;
	for (i = 0; i < NDEFS; i++)
		fn(defs[i].name, fnarg);
	fn(protos[0], fnarg);
	fn(protos[1], fnarg);
}

static bool
t_value(const struct field_def *def, const char *name, uint64_t *v,
    void *arg)
{
	const struct value_name *t;

	(void)arg;
	for (t = def->vals; t != NULL && t->name != NULL; t++)
		if (strcasecmp(t->name, name) == 0) {
			*v = t->value;
			return true;
		}
	return false;
}

static const struct df_names names = {
	.field = t_field, .proto = t_proto, .each = t_each,
	.value = t_value
};

/* The record every evaluation below reads. */
struct item {
	int		 nu8;
	uint64_t	 u8[4];
	bool		 has_ip;
	uint8_t		 ip[2][4];
	int		 nip;
	const char	*str;
	const uint8_t	*bytes;
	size_t		 nbytes;
	int		 ntp;		/* tp layers (bytes "tp-data") */
};

static void
add(struct df_record *r, const struct dfilter *df, const struct field_def *d,
    uint64_t u, const uint8_t *p, size_t n)
{
	struct field_value v;
	int slot = dfilter_field_slot(df, d);

	if (slot < 0)
		return;
	memset(&v, 0, sizeof v);
	v.def = d;
	v.u = u;
	v.p = p;
	v.n = n;
	v.len = d->type == FT_UINT ? d->bits / 8 : (uint32_t)n;
	df_record_add(r, slot, &v);
}

/* Does expr match the item?  -1 when it does not compile. */
static int
match(const char *expr, const struct item *it)
{
	static const uint8_t mac[6] = { 0x00, 0x1a, 0x11, 0x22, 0x33, 0x44 };
	static const uint8_t ip6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	static const uint8_t tpdata[] = "tp-header+payload";
	struct df_record *r;
	struct dfilter *df;
	struct field_value v;
	char *cause = NULL;
	int i, slot;
	bool ok;

	if ((df = dfilter_compile(expr, &names, &cause)) == NULL) {
		free(cause);
		return -1;
	}
	r = df_record_new(df);
	/* Twice: a reset record must give the same answer. */
	for (int pass = 0; pass < 2; pass++) {
		df_record_reset(r);
		for (i = 0; i < it->nu8; i++)
			add(r, df, &defs[U8], it->u8[i], NULL, 0);
		for (i = 0; i < it->nip; i++)
			add(r, df, &defs[IP], 0, it->ip[i], 4);
		if (it->str != NULL)
			add(r, df, &defs[STR], 0, (const uint8_t *)it->str,
			    strlen(it->str));
		if (it->bytes != NULL)
			add(r, df, &defs[BYTES], 0, it->bytes, it->nbytes);
		add(r, df, &defs[U16], 0x1234, NULL, 0);
		add(r, df, &defs[I32], (uint64_t)-5, NULL, 0);
		add(r, df, &defs[FLAG], 1, NULL, 0);
		add(r, df, &defs[MAC], 0, mac, 6);
		add(r, df, &defs[IP6], 0, ip6, 16);
		add(r, df, &defs[COLOUR], 2, NULL, 0);
		if ((slot = dfilter_field_slot(df, &defs[DBL])) >= 0) {
			memset(&v, 0, sizeof v);
			v.def = &defs[DBL];
			v.dbl = 2.5;
			df_record_add(r, slot, &v);
		}
		if ((slot = dfilter_field_slot(df, &defs[REL])) >= 0) {
			memset(&v, 0, sizeof v);
			v.def = &defs[REL];
			v.u = 1;
			v.aux = 500000000;
			df_record_add(r, slot, &v);
		}
		slot = dfilter_proto_slot(df, 0);
		for (i = 0; i < it->ntp; i++) {
			df_record_layer(r, i + 1);
			df_record_add_proto_in(r, slot, tpdata, 9,
			    sizeof tpdata - 1);
		}
		df_record_layer(r, 1);
		ok = dfilter_eval(df, r);
		if (pass == 1)
			break;
	}
	df_record_free(r);
	dfilter_free(df);
	return ok;
}

/* The error message of expr ("" when it compiles). */
static const char *
error_of(const char *expr)
{
	static char buf[512];
	struct dfilter *df;
	char *cause = NULL;

	df = dfilter_compile(expr, &names, &cause);
	if (df != NULL) {
		dfilter_free(df);
		return "";
	}
	snprintf(buf, sizeof buf, "%s", cause);
	free(cause);
	return buf;
}

#define MATCH(e, it)	CHECK_INT(match((e), (it)), 1)
#define NOMATCH(e, it)	CHECK_INT(match((e), (it)), 0)
#define ERROR(e, want)	CHECK_STR(error_of(e), (want))

static struct item two_u8 = { 2, { 3, 7 }, false, { { 0 } }, 0, NULL, NULL,
	0, 0 };
static struct item no_u8 = { 0, { 0 }, false, { { 0 } }, 0, NULL, NULL, 0,
	0 };
static struct item one_u8 = { 1, { 7 }, false, { { 0 } }, 0, NULL, NULL, 0,
	0 };

static void
test_precedence(void)
{
	/* not > and > or, as tshark 4.0. */
	MATCH("t.u8 == 3 or t.u8 == 9 and t.u8 == 10", &two_u8);
	NOMATCH("(t.u8 == 3 or t.u8 == 9) and t.u8 == 10", &two_u8);
	MATCH("t.u8 == 9 and t.u8 == 10 or t.u8 == 3", &two_u8);
	NOMATCH("not t.u8 == 3 and t.u8 == 7", &two_u8);
	MATCH("not (t.u8 == 3 and t.u8 == 9)", &two_u8);
	MATCH("!t.u8 == 9 && t.u8 == 7 || t.str", &two_u8);
	MATCH("not not t.u8", &two_u8);
	MATCH("((((t.u8))))", &two_u8);
	MATCH("", &no_u8);
}

static void
test_occurrences(void)
{
	/* == any; != all differ; === all equal; !== any differs. */
	MATCH("t.u8 == 7", &two_u8);
	NOMATCH("t.u8 != 7", &two_u8);
	MATCH("t.u8 != 8", &two_u8);
	NOMATCH("t.u8 != 8", &no_u8);
	MATCH("!(t.u8 == 8)", &no_u8);
	NOMATCH("t.u8 === 7", &two_u8);
	MATCH("t.u8 === 7", &one_u8);
	NOMATCH("t.u8 === 7", &no_u8);
	MATCH("t.u8 !== 7", &two_u8);
	NOMATCH("t.u8 !== 7", &one_u8);
	MATCH("t.u8 ~= 7", &two_u8);
	MATCH("t.u8 any_ne 7 and t.u8 all_ne 8", &two_u8);
	MATCH("t.u8 eq 3 and t.u8 ne 4", &two_u8);
	MATCH("t.u8 > 6 and t.u8 < 4", &two_u8);
	MATCH("t.u8 ge 7 and t.u8 le 3 and t.u8 gt 2 and t.u8 lt 8",
	    &two_u8);
	NOMATCH("t.u8 > 7", &two_u8);
	NOMATCH("t.u8 < 0", &no_u8);
	MATCH("count(t.u8) == 2", &two_u8);
	NOMATCH("count(t.u8) == 0", &no_u8);
	MATCH("len(t.u8) == 1", &one_u8);
	/* Field against field: any pair. */
	MATCH("t.u8 == t.u8", &two_u8);
	MATCH("t.u8 < t.u8", &two_u8);
	NOMATCH("t.u8 != t.u8", &two_u8);
}

static void
test_integers(void)
{
	MATCH("t.u16 == 0x1234", &no_u8);
	MATCH("t.u16 == 4660", &no_u8);
	MATCH("t.u16 == 011064", &no_u8);
	MATCH("t.u16 == 0b1001000110100", &no_u8);
	MATCH("t.u8 == '\\a'", &one_u8);
	MATCH("t.i32 == -5 and t.i32 < 0 and t.i32 > -6", &no_u8);
	/* A negative literal for an unsigned field equals nothing. */
	NOMATCH("t.u8 == -1", &one_u8);
	NOMATCH("t.u8 > -1", &one_u8);
	NOMATCH("t.u8 < -1", &one_u8);
	MATCH("t.u8 != -1", &one_u8);
	MATCH("t.colour == Green and t.colour == \"green\"", &no_u8);
	MATCH("t.colour != red", &no_u8);
	MATCH("t.flag == 1 and t.flag == True and t.flag == 5", &no_u8);
	MATCH("t.flag != 0 and t.flag != FALSE", &no_u8);
	MATCH("t.flag == Set and t.flag != \"Not set\"", &no_u8);
	/* Bitwise: a test alone, a value when compared. */
	MATCH("t.u16 & 0x0004", &no_u8);
	NOMATCH("t.u16 & 0x0001", &no_u8);
	MATCH("t.u16 & 0xff == 0x34", &no_u8);
	MATCH("!(t.u16 & 0x8000)", &no_u8);
	/* Sets. */
	MATCH("t.u8 in {1, 2, 7}", &two_u8);
	MATCH("t.u8 in {5..8}", &two_u8);
	NOMATCH("t.u8 in {4..6, 8}", &two_u8);
	MATCH("t.u8 not in {4..6, 8}", &two_u8);
	MATCH("t.u8 not in {4}", &no_u8);
	NOMATCH("t.u8 in {4}", &no_u8);
	MATCH("t.dbl == 2.5 and t.dbl > 2 and t.dbl < 2.51", &no_u8);
	MATCH("t.rel == 1.5 and t.rel > 1.4999 and t.rel < 1.5001", &no_u8);
}

static void
test_addresses(void)
{
	struct item it = { 0, { 0 }, true, { { 10, 1, 2, 3 },
	    { 192, 168, 0, 1 } }, 2, NULL, NULL, 0, 0 };

	MATCH("t.ip == 10.1.2.3", &it);
	MATCH("t.ip == 10.1.0.0/16", &it);
	NOMATCH("t.ip == 10.2.0.0/16", &it);
	MATCH("t.ip != 10.2.0.0/16", &it);
	NOMATCH("t.ip != 10.0.0.0/8", &it);
	MATCH("t.ip in {172.16.0.0/12, 192.168.0.0/16}", &it);
	MATCH("t.ip in {10.1.2.0..10.1.2.5}", &it);
	MATCH("t.ip > 192.167.255.255", &it);
	MATCH("t.ip[0] == 0a and t.ip[0:2] == c0:a8", &it);
	MATCH("t.ip6 == 2001:db8::1 and t.ip6 == 2001:db8::/32", &no_u8);
	NOMATCH("t.ip6 == 2001:db9::/32", &no_u8);
	MATCH("t.mac == 00:1a:11:22:33:44", &no_u8);
	MATCH("t.mac == 00-1a-11-22-33-44", &no_u8);
	MATCH("t.mac == 001a.1122.3344", &no_u8);
	MATCH("t.mac == 001a11223344", &no_u8);
	MATCH("t.mac[0:3] == 00:1a:11", &no_u8);
	MATCH("t.mac[-2:] == 33:44 and t.mac[4:] == 33:44", &no_u8);
	MATCH("t.mac[1-2] == 1a:11 and t.mac[:2] == 00:1a", &no_u8);
	MATCH("t.mac[0:2,4] == 00:1a:33", &no_u8);
	MATCH("t.mac[5] == 44 and t.mac[5] == 0x44", &no_u8);
	NOMATCH("t.mac[5:3] == 44", &no_u8);
	MATCH("t.mac contains 11:22", &no_u8);
	MATCH("t.mac[0] & 0x01 == 00", &no_u8);
	NOMATCH("t.mac[1] & 0x01", &no_u8);
}

static void
test_strings_bytes(void)
{
	static const uint8_t b[] = { 0xde, 0xad, 0xbe, 0xef, 0x00, 0x41 };
	struct item it = { 0, { 0 }, false, { { 0 } }, 0, "www.Example.org",
	    b, sizeof b, 2 };

	MATCH("t.str == \"www.Example.org\"", &it);
	MATCH("t.str == www.Example.org", &it);
	NOMATCH("t.str == \"www.example.org\"", &it);
	MATCH("t.str contains \"Exam\" and t.str contains Exam", &it);
	MATCH("t.str matches \"EXAMPLE\\\\.ORG$\"", &it);
	NOMATCH("t.str matches \"(?-i)EXAMPLE\"", &it);
	MATCH("t.str ~ \"^w{3}\\\\.\"", &it);
	MATCH("t.str > \"m\" and t.str < \"x\"", &it);
	MATCH("t.str[0:3] == \"www\" and t.str[0:3] == 77:77:77", &it);
	MATCH("t.str in {\"a\", \"www.Example.org\"}", &it);
	MATCH("len(t.str) == 15", &it);
	MATCH("t.str == \"w\\x77\\167.Example.org\"", &it);
	MATCH("t.str == r\"www.Example.org\"", &it);
	MATCH("t.bytes == de:ad:be:ef:00:41", &it);
	MATCH("t.bytes == de-ad-be-ef-00-41 and t.bytes == deadbeef0041",
	    &it);
	MATCH("t.bytes == dead.beef.0041", &it);
	MATCH("t.bytes contains be:ef and t.bytes contains \"A\"", &it);
	MATCH("t.bytes[0] == 0xde and t.bytes[-1] == 41", &it);
	MATCH("t.bytes matches \"\\\\xef\\\\x00A\"", &it);
	MATCH("t.bytes > 00 and t.bytes < ff:ff:ff:ff:ff:ff:ff", &it);
	/* Protocols: the item for ==, len and slices, more for contains. */
	MATCH("tp and not tq", &it);
	MATCH("tp[0:2] == \"tp\" and len(tp) == 9", &it);
	NOMATCH("tp[9:1] == \"+\"", &it);
	MATCH("tp contains \"payload\" and tp matches \"PAYLOAD$\"", &it);
	MATCH("count(tp) == 2", &it);
	MATCH("t.str#1 and tp#2", &it);
	NOMATCH("tp#3", &it);
	MATCH("tp == \"tp-header\"", &it);
}

static void
test_errors(void)
{
	ERROR("t.sorce == 1", "display filter: 't.sorce' is not a field (did "
	    "you mean t.source?) at column 1");
	ERROR("t.u8 == 1 and t.u16 == 2 and tq.x", "display filter: 'tq.x' is "
	    "neither a field nor a protocol at column 30");
	ERROR("t.u8 ==", "display filter: unexpected end of expression at "
	    "column 8");
	ERROR("t.u8 and and", "display filter: 'and' was unexpected at column "
	    "10");
	ERROR("(t.u8 or t.str", "display filter: the parenthesis opened here "
	    "is not closed at column 1");
	ERROR("t.u8)", "display filter: ')' closes no parenthesis at column 5");
	ERROR("t.u8 = 1", "display filter: '=' was unexpected at column 6");
	ERROR("t.u8 == 256", "display filter: '256' is too big for this field "
	    "(maximum 255) at column 9");
	ERROR("t.u8 == abc", "display filter: 'abc' is not a valid number at "
	    "column 9");
	ERROR("t.colour == Blue", "display filter: 'Blue' cannot be found "
	    "among the possible values for t.colour at column 13");
	ERROR("t.u8 == \"1\"", "display filter: unsigned integer (1 byte) "
	    "cannot be converted from a string (\"1\") at column 9");
	ERROR("t.ip == 1.2.3", "display filter: '1.2.3' is not a valid IPv4 "
	    "address at column 9");
	ERROR("t.ip == 10.0.0.0/33", "display filter: the prefix of "
	    "'10.0.0.0/33' is longer than the address (/33) at column 9");
	ERROR("t.mac == 00:11:22", "display filter: '00:11:22' has too few "
	    "bytes for a MAC address at column 10");
	ERROR("t.bytes contains GET", "display filter: 'GET' is not a valid "
	    "byte string at column 18");
	ERROR("t.u8 matches \"x\"", "display filter: 't.u8' (unsigned integer "
	    "(1 byte)) cannot be used with 'matches' at column 1");
	ERROR("t.u8 contains 1", "display filter: 't.u8' (unsigned integer "
	    "(1 byte)) cannot be used with 'contains' at column 1");
	ERROR("t.str matches \"((\"", "display filter: bad regular expression: "
	    "missing closing parenthesis (at offset 2) at column 15");
	ERROR("t.str matches x", "display filter: 'matches' takes a quoted "
	    "string at column 15");
	ERROR("t.u8[0] == 1", "display filter: 't.u8' is unsigned integer "
	    "(1 byte) and cannot be sliced at column 1");
	ERROR("t.u8 == t.ip", "display filter: 't.u8' (unsigned integer "
	    "(1 byte)) and 't.ip' (IPv4 address) cannot be compared at column "
	    "9");
	ERROR("1 == t.u8", "display filter: the left side of '==' must be a "
	    "field or function, not '1' at column 1");
	ERROR("\"foo\"", "display filter: a test must be a field or function, "
	    "not '\"foo\"' at column 1");
	ERROR("t.str == \"abc", "display filter: the string has no closing "
	    "quote at column 10");
	ERROR("t.str == \"a\\qc\"", "display filter: bad escape sequence in a "
	    "string at column 12");
	ERROR("t.u8 in {1 2}", "display filter: '2' was unexpected at column "
	    "12");
	ERROR("t.u8 in {}", "display filter: '}' was unexpected at column 10");
	ERROR("len(t.u8)", "display filter: a function's value cannot be "
	    "tested alone (compare it: len(x) > 2) at column 1");
	ERROR("foo(t.u8)", "display filter: 'foo' is not a function (there "
	    "are len() and count()) at column 1");
	ERROR("t.mac[1:2", "display filter: bad slice (want [i:j], [i-j], [i], "
	    "[i:] or [:j]) at column 6");
	ERROR("t.u8 + 1 == 2", "display filter: arithmetic is not supported "
	    "at column 6");
	ERROR("t.flag == yes", "display filter: 'yes' cannot be found among "
	    "the possible values for t.flag at column 11");
	ERROR("t.ip & 1", "display filter: 't.ip' is IPv4 address and cannot "
	    "be used with '&' at column 1");
}

/* Nesting past the parser's bound is an error, not a crash. */
static void
test_limits(void)
{
	char deep[2000];
	size_t i;

	for (i = 0; i < 900; i++)
		deep[i] = '(';
	strcpy(deep + 900, "t.u8");
	CHECK(strstr(error_of(deep), "nests too deep") != NULL);
	for (i = 0; i < 600; i++)
		memcpy(deep + i * 3, "!! ", 3);
	strcpy(deep + 1800, "t.u8");
	CHECK(strstr(error_of(deep), "nests too deep") != NULL);
}

/* The packet filter on a crafted Ethernet/IPv4/UDP/DNS-port frame. */
static void
test_packet(void)
{
	static const char hex[] =
	    "66 77 88 99 aa bb 00 11 22 33 44 55 08 00"
	    "45 00 00 21 12 34 40 00 40 11 00 00 0a 00 00 01 0a 00 00 02"
	    "c9 3a 00 35 00 0d 00 00 68 65 6c 6c 6f";
	uint8_t frame[128];
	struct frame_meta m;
	struct filter *f;
	char *cause = NULL;
	size_t n = tl_hex(hex, frame, sizeof frame);
	static const struct {
		const char	*expr;
		bool		 want;
	} cases[] = {
		{ "udp", true },
		{ "tcp", false },
		{ "udp.dstport == 53 && ip.src == 10.0.0.1", true },
		{ "udp.port != 53", false },
		{ "ip.addr == 10.0.0.0/24 and not icmp", true },
		{ "udp[0:2] == c9:3a", true },
		{ "udp[8:1]", false },		/* the item is the header */
		{ "udp contains \"hello\"", true },
		{ "len(udp) == 8 and len(ip) == 20 and len(eth) == 14", true },
		{ "frame.len == 47 && frame matches \"HELLO$\"", true },
		{ "eth.src[0:3] == 00:11:22", true },
		{ "ip.proto == UDP and eth.type == IPv4", true },
		{ "ip.ttl in {1..63}", false },
		{ "ip.flags.df == 1", true },
	};
	size_t i;

	memset(&m, 0, sizeof m);
	m.number = 1;
	m.caplen = m.wirelen = (uint32_t)n;
	m.link = LINK_ETHERNET;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		f = filter_new(cases[i].expr, LINK_ETHERNET, 262144, &cause);
		CHECK(f != NULL);
		if (f == NULL) {
			fprintf(stderr, "  %s: %s\n", cases[i].expr, cause);
			free(cause);
			cause = NULL;
			continue;
		}
		CHECK_STR(filter_text(f), cases[i].expr);
		if (filter_match(f, &m, frame) != cases[i].want)
			fprintf(stderr, "  wrong answer: %s\n", cases[i].expr);
		CHECK(filter_match(f, &m, frame) == cases[i].want);
		filter_free(f);
	}
	f = filter_new("ip.sorce == 1", LINK_ETHERNET, 262144, &cause);
	CHECK(f == NULL);
	CHECK_STR(cause, "display filter: 'ip.sorce' is not a field (did you "
	    "mean ip.src?) at column 1");
	free(cause);
}

int
main(void)
{
	test_precedence();
	test_occurrences();
	test_integers();
	test_addresses();
	test_strings_bytes();
	test_errors();
	test_limits();
	test_packet();
	return tl_done();
}
