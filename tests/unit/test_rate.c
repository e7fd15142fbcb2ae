/*
 * struct rate: a steady stream reads its true rate in every window from
 * the first complete second on, the second still filling never counts,
 * each direction apart and both together, the 40 s window across blocks,
 * a capture younger than a window, quiet seconds decaying, the peak.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "model/rate.h"
#include "testlib.h"

#define SEC	1000000000LL

/* Within a share tol of want? */
static bool
near_by(double got, double want, double tol)
{
	if (fabs(got - want) <= want * tol + 1e-9)
		return true;
	fprintf(stderr, "got %.3f, want %.3f\n", got, want);
	return false;
}

/* Within 0.1% of want? */
static bool
near(double got, double want)
{
	return near_by(got, want, 0.001);
}

/*
 * Steady: 100 packets of 125 bytes a second (100 kbit/s), every other one
 * the other way, from 0.37 s into a second.  Checked 30 packets into
 * every second (the second filling holds 30 of them): from 2 s after the
 * start on, every reading is exact, whatever the phase of the window in
 * a block (the reverse within 1%: while the window reaches back to the
 * start, its first partial second holds a whole number of packets).
 */
static void
test_steady(void)
{
	struct rate r;
	double out[3], rev[3];
	int64_t s0 = 1700000003, start = s0 * SEC + 370000000, t;
	int i, bad = 0, checked = 0;

	rate_init(&r, s0);
	for (i = 0; i < 100 * 100; i++) {
		t = start + (int64_t)i * (SEC / 100);
		if (t % SEC / (SEC / 100) == 30 && t / SEC >= s0 + 2) {
			rate_get_since(&r, t / SEC, start, RATE_BOTH, out);
			rate_get_since(&r, t / SEC, start, 1, rev);
			checked++;
			if (!near(out[0], 12500) || !near(out[1], 12500) ||
			    !near(out[2], 12500) || !near_by(rev[0], 6250, 0.01) ||
			    !near_by(rev[1], 6250, 0.01) ||
			    !near_by(rev[2], 6250, 0.01))
				bad++;
		}
		rate_add(&r, t / SEC, 125, i % 2);
	}
	CHECK(checked >= 95);
	CHECK(bad == 0);
}

/* The second filling is left out; so is everything after end. */
static void
test_partial(void)
{
	struct rate r;
	double out[3];
	int64_t s = 1000;

	rate_init(&r, s);
	rate_add(&r, s, 1000, 0);
	rate_add(&r, s + 1, 3000, 0);
	rate_add(&r, s + 2, 5000, 1);	/* filling */
	rate_get(&r, s + 2, out);
	CHECK(out[0] == 2000);
	CHECK(out[1] == 400);
	CHECK(out[2] == 100);
	CHECK(rate_at(&r, s + 2) == 5000);
	CHECK(rate_at_dir(&r, s + 2, 0) == 0);
	CHECK(rate_at_dir(&r, s + 2, 1) == 5000);
	/* Quiet seconds: the window moves on without packets. */
	rate_get(&r, s + 4, out);
	CHECK(out[0] == 2500);		/* s + 2, s + 3 */
	rate_get(&r, s + 6, out);
	CHECK(out[0] == 0);
	CHECK(out[1] == 900);
}

/* A capture younger than a window reads its rate, not a share of it. */
static void
test_young(void)
{
	struct rate r;
	double out[3];
	int64_t s = 5000, start = s * SEC + SEC / 2;

	rate_init(&r, s);
	rate_add(&r, s, 500, 0);	/* half a second at 1000 B/s */
	rate_add(&r, s + 1, 1000, 0);
	rate_add(&r, s + 2, 1000, 0);
	rate_add(&r, s + 3, 77, 0);	/* filling */
	rate_get_since(&r, s + 3, start, RATE_BOTH, out);
	CHECK(near(out[0], 1000));
	CHECK(near(out[1], 1000));	/* 2500 B over 2.5 s */
	CHECK(near(out[2], 1000));
	/* Nothing complete yet: 0. */
	rate_get_since(&r, s, start, RATE_BOTH, out);
	CHECK(out[0] == 0 && out[2] == 0);
}

/* The peak: the busiest complete second, not the one filling. */
static void
test_peak(void)
{
	struct rate r;
	int64_t s = 200;

	rate_init(&r, s);
	rate_add(&r, s, 100, 0);
	CHECK(rate_peak(&r, s) == 0);
	CHECK(rate_peak(&r, s + 1) == 100);
	rate_add(&r, s + 1, 700, 0);
	rate_add(&r, s + 1, 800, 1);
	rate_add(&r, s + 2, 9000, 0);	/* filling */
	CHECK(rate_peak(&r, s + 2) == 1500);
	rate_add(&r, s + 30, 10, 0);
	CHECK(rate_peak(&r, s + 30) == 9000);
}

int
main(void)
{
	test_steady();
	test_partial();
	test_young();
	test_peak();
	return tl_done();
}
