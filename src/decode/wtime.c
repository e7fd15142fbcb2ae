/* Capture times: saturating nanosecond counts and exact differences. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "wtime.h"

#define NS	WTIME_NS_PER_SEC

/* Carry whole seconds out of nsec (libpcap gives less than 10^9, a
   caller's record may not), saturating the seconds. */
static void
wtime_carry(int64_t *sec, uint32_t *nsec)
{
	int64_t carry;

	if (*nsec < NS)
		return;
	carry = *nsec / NS;
	*nsec %= NS;
	*sec = *sec > INT64_MAX - carry ? INT64_MAX : *sec + carry;
}

int64_t
wtime_ns(int64_t sec, uint32_t nsec)
{
	int64_t ns, frac;

	wtime_carry(&sec, &nsec);
	if (sec >= 0) {
		if (sec > (INT64_MAX - (int64_t)nsec) / NS)
			return INT64_MAX;
		return sec * NS + (int64_t)nsec;
	}
	/* Below zero the sum may fit when sec * 10^9 alone does not: go
	   through sec + 1 and a negative fraction. */
	if (sec < INT64_MIN / NS - 1)
		return INT64_MIN;
	ns = (sec + 1) * NS;
	frac = (int64_t)nsec - NS;
	if (ns < INT64_MIN - frac)
		return INT64_MIN;
	return ns + frac;
}

int64_t
wtime_ns_sub(int64_t a, int64_t b)
{
	if (b < 0 && a > INT64_MAX + b)
		return INT64_MAX;
	if (b > 0 && a < INT64_MIN + b)
		return INT64_MIN;
	return a - b;
}

struct wtime_rel
wtime_sub(int64_t asec, uint32_t ansec, int64_t bsec, uint32_t bnsec)
{
	struct wtime_rel r;
	uint64_t mag;
	int32_t dn;

	wtime_carry(&asec, &ansec);
	wtime_carry(&bsec, &bnsec);
	dn = (int32_t)ansec - (int32_t)bnsec;
	/* The seconds' difference as a sign and a 64-bit magnitude (it
	   may need all 64 bits), then a borrow to give nsec its sign. */
	if (asec >= bsec) {
		mag = (uint64_t)asec - (uint64_t)bsec;
		if (dn < 0 && mag > 0) {
			mag--;
			dn += NS;
		}
		if (mag > (uint64_t)INT64_MAX) {
			r.sec = INT64_MAX;
			r.nsec = NS - 1;
		} else {
			r.sec = (int64_t)mag;
			r.nsec = dn;
		}
		return r;
	}
	mag = (uint64_t)bsec - (uint64_t)asec;
	if (dn > 0) {
		mag--;
		dn -= NS;
	}
	if (mag > (uint64_t)INT64_MAX + 1) {
		r.sec = INT64_MIN;
		r.nsec = -(NS - 1);
	} else {
		r.sec = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN :
		    -(int64_t)mag;
		r.nsec = dn;
	}
	return r;
}

bool
wtime_rel_neg(struct wtime_rel r)
{
	return r.sec < 0 || r.nsec < 0;
}

size_t
wtime_rel_format(struct wtime_rel r, int digits, char *buf, size_t size)
{
	uint64_t sec;
	uint32_t frac;
	int i, n;

	if (size == 0)
		return 0;
	sec = r.sec < 0 ? (uint64_t)0 - (uint64_t)r.sec : (uint64_t)r.sec;
	frac = r.nsec < 0 ? (uint32_t)-(int64_t)r.nsec : (uint32_t)r.nsec;
	if (digits < 0)
		digits = 0;
	if (digits > 9)
		digits = 9;
	for (i = digits; i < 9; i++)
		frac /= 10;
	if (digits == 0)
		n = snprintf(buf, size, "%s%" PRIu64,
		    wtime_rel_neg(r) ? "-" : "", sec);
	else
		n = snprintf(buf, size, "%s%" PRIu64 ".%0*" PRIu32,
		    wtime_rel_neg(r) ? "-" : "", sec, digits, frac);
	if (n < 0) {
		buf[0] = '\0';
		return 0;
	}
	return (size_t)n < size ? (size_t)n : size - 1;
}
