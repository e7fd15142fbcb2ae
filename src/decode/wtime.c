/* Capture times: saturating nanosecond counts, exact differences, text. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "packet.h"
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

static const char *const format_names[WTIME_FORMATS] = {
	[WTIME_RELATIVE] = "r", [WTIME_ABS] = "a", [WTIME_ABS_YMD] = "ad",
	[WTIME_ABS_YDOY] = "adoy", [WTIME_DELTA] = "d",
	[WTIME_DELTA_DIS] = "dd", [WTIME_EPOCH] = "e", [WTIME_UTC] = "u",
	[WTIME_UTC_YMD] = "ud", [WTIME_UTC_YDOY] = "udoy",
};

int
wtime_format_parse(const char *s)
{
	int f;

	for (f = 0; f < WTIME_FORMATS; f++)
		if (strcmp(s, format_names[f]) == 0)
			return f;
	return -1;
}

const char *
wtime_format_name(int f)
{
	return f >= 0 && f < WTIME_FORMATS ? format_names[f] : "?";
}

int
wtime_res_digits(uint8_t res)
{
	return res == WTIME_RES_DEFAULT || res > 10 ? 6 : res - 1;
}

uint8_t
wtime_res_tsresol(uint8_t tsresol)
{
	unsigned exp = tsresol & 0x7f;
	uint64_t units, u;
	int digits = 0;

	/* The decimals whose unit the resolution reaches: 10^-exp s, or
	   2^-exp s (2^-10 s reaches milliseconds, 2^-20 s microseconds). */
	if (tsresol & 0x80) {
		units = exp >= 63 ? UINT64_MAX : (uint64_t)1 << exp;
		for (u = 10; u <= units && digits < 9; u *= 10)
			digits++;
	} else
		digits = exp > 9 ? 9 : (int)exp;
	/* tshark shows seconds, tenths, hundredths, milli-, micro- or
	   nanoseconds: a resolution between two shows the coarser. */
	if (digits >= 4 && digits <= 5)
		digits = 3;
	else if (digits >= 7 && digits <= 8)
		digits = 6;
	return WTIME_RES(digits);
}

/*
 * nsec cut to digits decimals (truncated, as tshark does).  tshark holds
 * it as a signed int and prints a file's nonsense (10^9 or more) as it
 * is: so do we, negative past 2^31 (timestamp_invalid_nano.pcap).
 */
static int32_t
frac_digits(uint32_t nsec, int digits)
{
	int32_t f = (int32_t)nsec;
	int i;

	for (i = digits; i < 9; i++)
		f /= 10;
	return f;
}

/* Clamp a length snprintf() returned to what buf holds. */
static size_t
put_len(int n, char *buf, size_t size)
{
	if (n < 0) {
		buf[0] = '\0';
		return 0;
	}
	return (size_t)n < size ? (size_t)n : size - 1;
}

/* The broken-down local (or UTC) time of sec; false when the year does
   not fit (a file may say 2^62 s). */
static bool
wtime_tm(int64_t sec, bool utc, struct tm *tm)
{
	time_t t = (time_t)sec;

	if ((int64_t)t != sec)
		return false;
	return (utc ? gmtime_r(&t, tm) : localtime_r(&t, tm)) != NULL;
}

size_t
wtime_abs_format(int f, int64_t sec, uint32_t nsec, int digits, char *buf,
    size_t size)
{
	bool utc = f == WTIME_UTC || f == WTIME_UTC_YMD || f == WTIME_UTC_YDOY;
	struct tm tm;
	char date[48];
	int n;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	if (digits < 0 || digits > 9)
		digits = 6;
	if (!wtime_tm(sec, utc, &tm))
		return 0;
	date[0] = '\0';
	if (f == WTIME_ABS_YMD || f == WTIME_UTC_YMD)
		snprintf(date, sizeof date, "%04ld-%02d-%02d ",
		    (long)tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	else if (f == WTIME_ABS_YDOY || f == WTIME_UTC_YDOY)
		snprintf(date, sizeof date, "%04ld/%03d ",
		    (long)tm.tm_year + 1900, tm.tm_yday + 1);
	if (digits == 0)
		n = snprintf(buf, size, "%s%02d:%02d:%02d", date, tm.tm_hour,
		    tm.tm_min, tm.tm_sec);
	else
		n = snprintf(buf, size, "%s%02d:%02d:%02d.%0*" PRId32, date,
		    tm.tm_hour, tm.tm_min, tm.tm_sec, digits,
		    frac_digits(nsec, digits));
	return put_len(n, buf, size);
}

size_t
wtime_epoch_format(int64_t sec, uint32_t nsec, int digits, char *buf,
    size_t size)
{
	const char *sign = "";
	int32_t frac;
	int n;

	if (size == 0)
		return 0;
	if (digits < 0 || digits > 9)
		digits = 6;
	/* A fraction below zero (a file's nonsense, see frac_digits())
	   shows as tshark shows it: a minus sign in front. */
	frac = frac_digits(nsec, digits);
	if (frac < 0) {
		frac = (int32_t)(0u - (uint32_t)frac);
		if (sec >= 0)
			sign = "-";
	}
	/* tshark's column goes through a double for the seconds (its
	   difftime()): 2^63 - 1 s shows as 9223372036854775808. */
	if (digits == 0)
		n = snprintf(buf, size, "%.0f", (double)sec);
	else
		n = snprintf(buf, size, "%s%.0f.%0*" PRId32, sign, (double)sec,
		    digits, frac);
	return put_len(n, buf, size);
}

size_t
wtime_text_format(int64_t sec, uint32_t nsec, char *buf, size_t size)
{
	static const char months[12][4] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
		"Oct", "Nov", "Dec"
	};
	struct tm tm;
	int n;

	if (size == 0)
		return 0;
	if (!wtime_tm(sec, false, &tm) || tm.tm_mon < 0 || tm.tm_mon > 11)
		n = snprintf(buf, size, "Not representable");
	else
		n = snprintf(buf, size, "%s %2d, %ld %02d:%02d:%02d.%09" PRId32
		    " %s", months[tm.tm_mon], tm.tm_mday,
		    (long)tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
		    frac_digits(nsec, 9), tm.tm_zone != NULL ? tm.tm_zone : "");
	return put_len(n, buf, size);
}

size_t
wtime_column(int f, const struct frame_meta *m, char *buf, size_t size)
{
	int digits = wtime_res_digits(m->ts_res);

	if (size == 0)
		return 0;
	buf[0] = '\0';
	switch (f) {
	case WTIME_RELATIVE:
		return wtime_rel_format(m->rel, digits, buf, size);
	case WTIME_DELTA:
		return wtime_rel_format(m->delta, digits, buf, size);
	case WTIME_DELTA_DIS:
		if (!m->has_delta_dis)
			return 0;
		return wtime_rel_format(m->delta_dis, digits, buf, size);
	case WTIME_EPOCH:
		return wtime_epoch_format(m->ts_sec, m->ts_nsec, digits, buf,
		    size);
	default:
		return wtime_abs_format(f, m->ts_sec, m->ts_nsec, digits, buf,
		    size);
	}
}
