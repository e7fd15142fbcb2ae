/*
 * Capture times (src/decode/wtime.c): the saturating nanosecond count at
 * both ends of int64, differences of pairs at the extremes, the sign of a
 * negative difference, and formatting as tshark prints relative times
 * (frame.time_relative, frame.time_delta through field_format()); the -t
 * names, pcapng resolutions, the -t columns and frame.time's text.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decode/field.h"
#include "decode/packet.h"
#include "decode/wtime.h"
#include "testlib.h"

#define NS	1000000000LL

/* A difference as text with nine decimals (static). */
static const char *
rel9(struct wtime_rel r)
{
	static char buf[48];

	wtime_rel_format(r, 9, buf, sizeof buf);
	return buf;
}

/* seconds + ns to a saturated count, through zero and both ends. */
static void
test_ns(void)
{
	CHECK_INT(wtime_ns(0, 0), 0);
	CHECK_INT(wtime_ns(1700000000, 123456789), 1700000000123456789LL);
	CHECK_INT(wtime_ns(-1, 500000000), -500000000);
	CHECK_INT(wtime_ns(-2, 250000000), -1750000000);
	/* The largest count that fits, and one nanosecond more. */
	CHECK(wtime_ns(9223372036, 854775807) == INT64_MAX);
	CHECK(wtime_ns(9223372036, 854775806) == INT64_MAX - 1);
	CHECK(wtime_ns(9223372036, 854775808) == INT64_MAX);
	CHECK(wtime_ns(9223372037, 0) == INT64_MAX);
	CHECK(wtime_ns((int64_t)1 << 62, 0) == INT64_MAX);
	CHECK(wtime_ns(INT64_MAX, 999999999) == INT64_MAX);
	/* The smallest: -9223372037 s + 145224192 ns is INT64_MIN. */
	CHECK(wtime_ns(-9223372037, 145224192) == INT64_MIN);
	CHECK(wtime_ns(-9223372037, 145224193) == INT64_MIN + 1);
	CHECK(wtime_ns(-9223372037, 145224191) == INT64_MIN);
	CHECK(wtime_ns(-9223372036, 0) == -9223372036000000000LL);
	CHECK(wtime_ns(-9223372038, 999999999) == INT64_MIN);
	CHECK(wtime_ns(INT64_MIN, 0) == INT64_MIN);
	CHECK(wtime_ns(-((int64_t)1 << 62), 0) == INT64_MIN);
	/* 10^9 ns or more carry into the seconds. */
	CHECK_INT(wtime_ns(1, 1500000000u), 2500000000LL);
	CHECK(wtime_ns(INT64_MAX, UINT32_MAX) == INT64_MAX);
	CHECK_INT(wtime_ns(-5, 4000000000u), -1 * NS);
}

/* Saturating subtraction of counts. */
static void
test_ns_sub(void)
{
	CHECK_INT(wtime_ns_sub(5, 7), -2);
	CHECK(wtime_ns_sub(INT64_MAX, INT64_MIN) == INT64_MAX);
	CHECK(wtime_ns_sub(INT64_MIN, INT64_MAX) == INT64_MIN);
	CHECK(wtime_ns_sub(INT64_MIN, 1) == INT64_MIN);
	CHECK(wtime_ns_sub(INT64_MAX, -1) == INT64_MAX);
	CHECK(wtime_ns_sub(INT64_MIN, INT64_MIN) == 0);
	CHECK(wtime_ns_sub(-1, INT64_MAX) == INT64_MIN);
	CHECK(wtime_ns_sub(0, INT64_MIN + 1) == INT64_MAX);
}

/* Pair differences: exact wherever int64 seconds hold them. */
static void
test_sub(void)
{
	struct wtime_rel r;

	r = wtime_sub(5, 0, (int64_t)1 << 62, 0);
	CHECK(r.sec == -4611686018427387899LL && r.nsec == 0);
	CHECK_STR(rel9(r), "-4611686018427387899.000000000");
	/* The 2^64-1 ms stamp against an ordinary one. */
	r = wtime_sub(1700000000, 0, 18446744073709551LL, 615000000);
	CHECK_STR(rel9(r), "-18446742373709551.615000000");
	r = wtime_sub(18446744073709551LL, 615000000, 1700000000, 0);
	CHECK_STR(rel9(r), "18446742373709551.615000000");
	/* Negative differences: nsec takes the sign of sec. */
	r = wtime_sub(-1, 0, -1, 500000000);
	CHECK(r.sec == 0 && r.nsec == -500000000);
	CHECK_STR(rel9(r), "-0.500000000");
	r = wtime_sub(-2, 250000000, -1, 500000000);
	CHECK(r.sec == -1 && r.nsec == -250000000);
	CHECK_STR(rel9(r), "-1.250000000");
	r = wtime_sub(1, 750000000, -1, 500000000);
	CHECK(r.sec == 2 && r.nsec == 250000000);
	r = wtime_sub(3, 100000000, 1, 900000000);
	CHECK(r.sec == 1 && r.nsec == 200000000);
	r = wtime_sub(1, 900000000, 3, 100000000);
	CHECK(r.sec == -1 && r.nsec == -200000000);
	r = wtime_sub(7, 5, 7, 5);
	CHECK(r.sec == 0 && r.nsec == 0);
	CHECK_STR(rel9(r), "0.000000000");
	/* A seconds difference of 2^63 fits once the borrow is taken. */
	r = wtime_sub(INT64_MAX, 0, -1, 1);
	CHECK(r.sec == INT64_MAX && r.nsec == 999999999);
	r = wtime_sub(-1, 1, INT64_MAX, 0);
	CHECK(r.sec == INT64_MIN + 1 && r.nsec == -999999999);
	r = wtime_sub(INT64_MIN, 0, 0, 0);
	CHECK(r.sec == INT64_MIN && r.nsec == 0);
	CHECK_STR(rel9(r), "-9223372036854775808.000000000");
	r = wtime_sub(-1, 0, INT64_MAX, 0);
	CHECK(r.sec == INT64_MIN && r.nsec == 0);
	/* Beyond int64 seconds: saturated at either end. */
	r = wtime_sub(INT64_MAX, 0, INT64_MIN, 0);
	CHECK(r.sec == INT64_MAX && r.nsec == 999999999);
	r = wtime_sub(INT64_MIN, 0, INT64_MAX, 0);
	CHECK(r.sec == INT64_MIN && r.nsec == -999999999);
	CHECK_STR(rel9(r), "-9223372036854775808.999999999");
	r = wtime_sub(INT64_MAX, 999999999, INT64_MIN, 0);
	CHECK(r.sec == INT64_MAX && r.nsec == 999999999);
	r = wtime_sub(0, 0, INT64_MIN, 0);
	CHECK(r.sec == INT64_MAX && r.nsec == 999999999);
	/* Carried nanoseconds. */
	r = wtime_sub(1, 2500000000u, 0, 0);
	CHECK(r.sec == 3 && r.nsec == 500000000);
}

/* Counts as pairs, and the shorter formats of -P and the TUI. */
static void
test_format(void)
{
	struct wtime_rel r;
	char buf[48];

	/* INT64_MIN and INT64_MAX nanoseconds, then -268 us. */
	r = (struct wtime_rel){ -9223372036, -854775808 };
	CHECK_STR(rel9(r), "-9223372036.854775808");
	r = (struct wtime_rel){ 9223372036, 854775807 };
	CHECK_STR(rel9(r), "9223372036.854775807");
	r = (struct wtime_rel){ 0, -268000 };
	CHECK(wtime_rel_neg(r));
	CHECK_STR(rel9(r), "-0.000268000");
	wtime_rel_format(r, 6, buf, sizeof buf);
	CHECK_STR(buf, "-0.000268");
	r = wtime_sub(5, 0, (int64_t)1 << 62, 0);
	wtime_rel_format(r, 6, buf, sizeof buf);
	CHECK_STR(buf, "-4611686018427387899.000000");
	wtime_rel_format(r, 0, buf, sizeof buf);
	CHECK_STR(buf, "-4611686018427387899");
	r.sec = 1;
	r.nsec = 999999999;
	wtime_rel_format(r, 3, buf, sizeof buf);
	CHECK_STR(buf, "1.999");
	/* A short buffer is cut, never overrun. */
	CHECK_INT(wtime_rel_format(r, 9, buf, 4), 3);
	CHECK_STR(buf, "1.9");
	CHECK_INT(wtime_rel_format(r, 9, buf, 0), 0);
}

/* frame.time_relative as field_format() prints it for -T fields, -V. */
static void
test_field(void)
{
	struct wtime_rel r;
	struct field_value v;
	char buf[64];

	memset(&v, 0, sizeof v);
	v.def = field_lookup("frame.time_relative");
	CHECK(v.def != NULL && v.def->type == FT_RELTIME);
	if (v.def == NULL)
		return;
	r = wtime_sub(5, 0, (int64_t)1 << 62, 0);
	v.u = (uint64_t)r.sec;
	v.aux = (uint32_t)r.nsec;
	field_format(&v, buf, sizeof buf);
	CHECK_STR(buf, "-4611686018427387899.000000000");
	r = wtime_sub(-1, 0, -1, 500000000);
	v.u = (uint64_t)r.sec;
	v.aux = (uint32_t)r.nsec;
	field_format(&v, buf, sizeof buf);
	CHECK_STR(buf, "-0.500000000");
	field_format_tree(&v, buf, sizeof buf);
	CHECK(strstr(buf, ": -0.500000000 seconds") != NULL);
}

/* tshark's -t names, and the resolutions of pcapng's if_tsresol. */
static void
test_names(void)
{
	static const char *const names[] = {
		"r", "a", "ad", "adoy", "d", "dd", "e", "u", "ud", "udoy"
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		CHECK_INT(wtime_format_parse(names[i]), (long long)i);
		CHECK_STR(wtime_format_name((int)i), names[i]);
	}
	CHECK_INT(wtime_format_parse("r.3"), -1);
	CHECK_INT(wtime_format_parse(""), -1);
	CHECK_INT(wtime_format_parse("A"), -1);
	CHECK_INT(wtime_res_digits(WTIME_RES_DEFAULT), 6);
	CHECK_INT(wtime_res_digits(wtime_res_tsresol(0)), 0);
	CHECK_INT(wtime_res_digits(wtime_res_tsresol(1)), 1);
	CHECK_INT(wtime_res_digits(wtime_res_tsresol(2)), 2);
	CHECK_INT(wtime_res_digits(wtime_res_tsresol(3)), 3);
	CHECK_INT(wtime_res_digits(wtime_res_tsresol(5)), 3);
	CHECK_INT(wtime_res_digits(wtime_res_tsresol(6)), 6);
	CHECK_INT(wtime_res_digits(wtime_res_tsresol(8)), 6);
	CHECK_INT(wtime_res_digits(wtime_res_tsresol(9)), 9);
	CHECK_INT(wtime_res_digits(wtime_res_tsresol(19)), 9);
	/* Base 2: 2^-10 s reaches milliseconds, 2^-20 s microseconds. */
	CHECK_INT(wtime_res_digits(wtime_res_tsresol(0x80 | 3)), 0);
	CHECK_INT(wtime_res_digits(wtime_res_tsresol(0x80 | 10)), 3);
	CHECK_INT(wtime_res_digits(wtime_res_tsresol(0x80 | 20)), 6);
	CHECK_INT(wtime_res_digits(wtime_res_tsresol(0x80 | 30)), 9);
	CHECK_INT(wtime_res_digits(wtime_res_tsresol(0xff)), 9);
}

/* The -t columns and frame.time, in UTC and in India (+05:30). */
static void
test_text(void)
{
	struct frame_meta m;
	char buf[96];

	setenv("TZ", "UTC", 1);
	tzset();
	wtime_abs_format(WTIME_ABS_YMD, 1700000000, 123456789, 6, buf,
	    sizeof buf);
	CHECK_STR(buf, "2023-11-14 22:13:20.123456");
	wtime_abs_format(WTIME_UTC_YDOY, 1700000000, 123456789, 3, buf,
	    sizeof buf);
	CHECK_STR(buf, "2023/318 22:13:20.123");
	wtime_abs_format(WTIME_UTC, -1, 0, 0, buf, sizeof buf);
	CHECK_STR(buf, "23:59:59");
	/* No calendar date: the column is empty. */
	CHECK_INT(wtime_abs_format(WTIME_ABS, (int64_t)1 << 62, 0, 6, buf,
	    sizeof buf), 0);
	CHECK_STR(buf, "");
	wtime_text_format(1700000000, 5000000, buf, sizeof buf);
	CHECK_STR(buf, "Nov 14, 2023 22:13:20.005000000 UTC");
	wtime_text_format(-1, 0, buf, sizeof buf);
	CHECK_STR(buf, "Dec 31, 1969 23:59:59.000000000 UTC");
	wtime_text_format((int64_t)1 << 62, 0, buf, sizeof buf);
	CHECK_STR(buf, "Not representable");
	/* The epoch column's seconds go through a double, as tshark's. */
	wtime_epoch_format(INT64_MAX, 0, 0, buf, sizeof buf);
	CHECK_STR(buf, "9223372036854775808");
	wtime_epoch_format(-1, 500000000, 1, buf, sizeof buf);
	CHECK_STR(buf, "-1.5");
	/* A file's nanoseconds past 2^31 print as tshark prints them. */
	wtime_epoch_format(5, 2147483648u, 9, buf, sizeof buf);
	CHECK_STR(buf, "-5.-2147483648");
	setenv("TZ", "Asia/Kolkata", 1);
	tzset();
	wtime_abs_format(WTIME_ABS, 1700000000, 0, 0, buf, sizeof buf);
	CHECK_STR(buf, "03:43:20");
	wtime_abs_format(WTIME_UTC, 1700000000, 0, 0, buf, sizeof buf);
	CHECK_STR(buf, "22:13:20");
	wtime_text_format(1700000000, 0, buf, sizeof buf);
	CHECK_STR(buf, "Nov 15, 2023 03:43:20.000000000 IST");
	setenv("TZ", "UTC", 1);
	tzset();

	/* A packet's column: its resolution, dd only when known. */
	memset(&m, 0, sizeof m);
	m.ts_sec = 1700000000;
	m.ts_nsec = 987654321;
	m.rel.sec = 2;
	m.rel.nsec = 5000;
	m.delta.sec = 1;
	wtime_column(WTIME_RELATIVE, &m, buf, sizeof buf);
	CHECK_STR(buf, "2.000005");
	m.ts_res = WTIME_RES(9);
	wtime_column(WTIME_RELATIVE, &m, buf, sizeof buf);
	CHECK_STR(buf, "2.000005000");
	m.ts_res = WTIME_RES(0);
	wtime_column(WTIME_EPOCH, &m, buf, sizeof buf);
	CHECK_STR(buf, "1700000000");
	wtime_column(WTIME_DELTA, &m, buf, sizeof buf);
	CHECK_STR(buf, "1");
	CHECK_INT(wtime_column(WTIME_DELTA_DIS, &m, buf, sizeof buf), 0);
	m.has_delta_dis = true;
	m.delta_dis.sec = 7;
	wtime_column(WTIME_DELTA_DIS, &m, buf, sizeof buf);
	CHECK_STR(buf, "7");
	m.ts_res = WTIME_RES(3);
	wtime_column(WTIME_UTC_YMD, &m, buf, sizeof buf);
	CHECK_STR(buf, "2023-11-14 22:13:20.987");
	/* frame.time through the field formatter, and its tree line. */
	{
		struct field_value v;

		memset(&v, 0, sizeof v);
		v.def = field_lookup("frame.time");
		CHECK(v.def != NULL && v.def->type == FT_TIME);
		if (v.def == NULL)
			return;
		v.u = 1700000000;
		v.aux = 1;
		field_format(&v, buf, sizeof buf);
		CHECK_STR(buf, "Nov 14, 2023 22:13:20.000000001 UTC");
		field_format_tree(&v, buf, sizeof buf);
		CHECK_STR(buf,
		    "Arrival Time: Nov 14, 2023 22:13:20.000000001 UTC");
	}
}

int
main(void)
{
	test_ns();
	test_ns_sub();
	test_sub();
	test_format();
	test_field();
	test_names();
	test_text();
	return tl_done();
}
