/*
 * Literals of the display-filter language converted to the type of the
 * field they meet, once, when the filter is compiled: what tshark 4.0
 * accepts for each type, and its reasons when it does not.
 *
 *   integers   123, 0x7b, 0173, 0b1111011, 'c', -5, value names ("TCP")
 *   booleans   an integer (non-zero is true), True/False, Set/"Not set"
 *   IPv4/IPv6  10.0.0.1, 10.0.0.0/8, fe80::1, 2001:db8::/32
 *   MAC        00:1a:11:22:33:44, 00-1a-11-22-33-44, 001a.1122.3344,
 *              001a11223344
 *   bytes      aa:bb:cc, aa-bb, aa.bb, aabbcc, 0xaa (one byte), "text"
 *   strings    "text" or a bare word
 *   numbers    1.5 for doubles and relative times, seconds since the
 *              epoch for absolute times
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dfilter/dfilter_impl.h"
#include "util.h"

enum df_kind
df_kind_of(int ft)
{
	switch (ft) {
	case FT_UINT:
		return K_UINT;
	case FT_INT:
		return K_INT;
	case FT_BOOL:
		return K_BOOL;
	case FT_IPV4:
		return K_IPV4;
	case FT_IPV6:
		return K_IPV6;
	case FT_ETHER:
		return K_ETHER;
	case FT_STRING:
		return K_STRING;
	case FT_BYTES:
		return K_BYTES;
	case FT_DOUBLE:
		return K_DOUBLE;
	case FT_TIME:
		return K_TIME;
	case FT_RELTIME:
		return K_RELTIME;
	default:
		return K_NONE;
	}
}

const char *
df_kind_name(enum df_kind k, const struct field_def *def)
{
	static const char *const uints[] = {
		"unsigned integer (1 byte)", "unsigned integer (2 bytes)",
		"unsigned integer (3 bytes)", "unsigned integer (4 bytes)",
	};

	switch (k) {
	case K_UINT:
		if (def != NULL && def->bits >= 8 && def->bits <= 32 &&
		    def->bits % 8 == 0)
			return uints[def->bits / 8 - 1];
		return "unsigned integer";
	case K_INT:
		return "signed integer";
	case K_BOOL:
		return "boolean";
	case K_DOUBLE:
		return "floating point number";
	case K_TIME:
		return "date and time";
	case K_RELTIME:
		return "time offset";
	case K_IPV4:
		return "IPv4 address";
	case K_IPV6:
		return "IPv6 address";
	case K_ETHER:
		return "Ethernet address";
	case K_BYTES:
		return "byte sequence";
	case K_STRING:
		return "character string";
	case K_PROTO:
		return "protocol";
	default:
		return "label";
	}
}

void *
df_pool_alloc(struct df_pool *pool, size_t n)
{
	pool->blocks = xrealloc(pool->blocks,
	    (size_t)(pool->n + 1) * sizeof *pool->blocks);
	return pool->blocks[pool->n++] = xcalloc(1, n ? n : 1);
}

void
df_pool_free(struct df_pool *pool)
{
	int i;

	for (i = 0; i < pool->n; i++)
		free(pool->blocks[i]);
	free(pool->blocks);
	pool->blocks = NULL;
	pool->n = 0;
}

static int
hexdigit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * Bytes written as hex: groups of one, two or four digits, separated by
 * ':', '-' or '.' or not at all ("aabbcc").  Returns how many bytes, or
 * -1 if s is not such a string.  out has room for strlen(s) bytes.
 */
static long
parse_hex_bytes(const char *s, uint8_t *out)
{
	long n = 0;
	int run;

	if (*s == '\0')
		return -1;
	while (*s != '\0') {
		for (run = 0; hexdigit((unsigned char)s[run]) >= 0; run++)
			;
		if (run == 0)
			return -1;
		if (run % 2 == 1 && run > 1)
			return -1;
		if (run == 1) {
			out[n++] = (uint8_t)hexdigit((unsigned char)*s);
			s++;
		} else
			for (; run > 0; run -= 2, s += 2)
				out[n++] = (uint8_t)(hexdigit((unsigned char)s[0]) << 4 |
				    hexdigit((unsigned char)s[1]));
		if (*s == '\0')
			break;
		if (*s != ':' && *s != '-' && *s != '.')
			return -1;
		s++;
		if (*s == '\0')
			return -1;
	}
	return n;
}

/*
 * An integer: [-](decimal | 0x hex | 0b binary | 0 octal), with a k, M
 * or G suffix when sizes may.  *neg says whether it had a minus sign;
 * *mag is the magnitude.  0 ok, -1 not a number, -2 too large.
 */
static int
parse_integer(const char *s, bool sizes, bool *neg, uint64_t *mag)
{
	uint64_t v = 0, base = 10, mult = 1, d;
	size_t len = strlen(s);
	int digit;

	*neg = false;
	if (*s == '-') {
		*neg = true;
		s++;
		len--;
	}
	if (sizes && len > 1) {
		switch (s[len - 1]) {
		case 'k': case 'K': mult = 1000; break;
		case 'M': mult = 1000000; break;
		case 'G': mult = 1000000000; break;
		}
		if (mult != 1)
			len--;
	}
	if (len == 0)
		return -1;
	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		len -= 2;
	} else if (len > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
		base = 2;
		s += 2;
		len -= 2;
	} else if (len > 1 && s[0] == '0')
		base = 8;
	for (; len > 0; s++, len--) {
		digit = hexdigit((unsigned char)*s);
		if (digit < 0 || (uint64_t)digit >= base)
			return -1;
		d = (uint64_t)digit;
		if (v > (UINT64_MAX - d) / base)
			return -2;
		v = v * base + d;
	}
	if (v > UINT64_MAX / mult)
		return -2;
	*mag = v * mult;
	return 0;
}

/* Parse "seconds[.fraction]" with an optional sign into s and ns. */
static bool
parse_time(const char *str, int64_t *sec, int32_t *ns)
{
	const char *p = str;
	bool neg = false;
	int64_t s = 0;
	int32_t frac = 0;
	int digits = 0, k;

	if (*p == '-') {
		neg = true;
		p++;
	}
	if (!isdigit((unsigned char)*p) && !(*p == '.' &&
	    isdigit((unsigned char)p[1])))
		return false;
	for (; isdigit((unsigned char)*p); p++) {
		if (s > (INT64_MAX - 9) / 10)
			return false;
		s = s * 10 + (*p - '0');
	}
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p); p++, digits++)
			if (digits < 9)
				frac = frac * 10 + (*p - '0');
		for (k = digits; k < 9; k++)
			frac *= 10;
	}
	if (*p != '\0')
		return false;
	*sec = neg ? -s : s;
	*ns = neg ? -frac : frac;
	return true;
}

/* A name of one of def's values (as the namespace knows them). */
static bool
value_by_name(const struct df_names *ns, const struct field_def *def,
    const char *name, uint64_t *v)
{
	return ns != NULL && ns->value != NULL && def != NULL &&
	    ns->value(def, name, v, ns->arg);
}

/* Fail: *cause = the message. */
static int
fail(char **cause, const char *fmt, const char *a, const char *b)
{
	*cause = xasprintf(fmt, a, b);
	return -1;
}

/* An integer literal for an integer field (or slice-free operand). */
static int
literal_int(const struct df_token *t, enum df_kind k,
    const struct field_def *def, const struct df_names *ns,
    struct df_val *out, char **cause)
{
	const char *s = t->text;
	unsigned bits = def != NULL && def->bits > 0 && def->bits < 64 ?
	    def->bits : 64;
	uint64_t mag, max;
	char buf[32];
	bool neg;
	int rc;

	if (t->type == T_CHAR) {
		out->kind = (uint8_t)k;
		out->u = t->u;
		out->i = (int64_t)t->u;
		return 0;
	}
	if (t->type == T_STRING) {
		if (value_by_name(ns, def, s, &mag))
			goto named;
		if (def != NULL && def->vals != NULL)
			return fail(cause, "'%s' cannot be found among the "
			    "possible values for %s", s, def->name);
		return fail(cause, "%s cannot be converted from a string "
		    "(\"%s\")", df_kind_name(k, def), s);
	}
	rc = parse_integer(s, ns != NULL && ns->size_suffixes, &neg, &mag);
	if (rc == -2)
		return fail(cause, "'%s' is too large a number%s", s, "");
	if (rc != 0) {
		if (value_by_name(ns, def, s, &mag))
			goto named;
		if (def != NULL && def->vals != NULL)
			return fail(cause, "'%s' cannot be found among the "
			    "possible values for %s", s, def->name);
		return fail(cause, "'%s' is not a valid number%s", s, "");
	}
	if (k == K_UINT) {
		max = bits >= 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;
		if (neg && mag != 0) {
			/* tshark takes it, and it equals no unsigned value. */
			out->kind = K_INT;
			out->i = mag > (uint64_t)INT64_MAX ? INT64_MIN :
			    -(int64_t)mag;
			return 0;
		}
		if (mag > max) {
			snprintf(buf, sizeof buf, "%" PRIu64, max);
			return fail(cause, "'%s' is too big for this field "
			    "(maximum %s)", s, buf);
		}
		out->kind = K_UINT;
		out->u = mag;
		return 0;
	}
	/* Signed. */
	max = bits >= 64 ? (uint64_t)INT64_MAX : ((uint64_t)1 << (bits - 1)) - 1;
	if (!neg && mag > max) {
		snprintf(buf, sizeof buf, "%" PRIu64, max);
		return fail(cause, "'%s' is too big for this field (maximum "
		    "%s)", s, buf);
	}
	if (neg && mag > max + 1) {
		snprintf(buf, sizeof buf, "-%" PRIu64, max + 1);
		return fail(cause, "'%s' is too small for this field "
		    "(minimum %s)", s, buf);
	}
	out->kind = K_INT;
	out->i = neg ? (int64_t)(0 - mag) : (int64_t)mag;
	return 0;
named:
	out->kind = (uint8_t)k;
	out->u = mag;
	out->i = (int64_t)mag;
	return 0;
}

/* A boolean: an integer, True/False, Set/Not set. */
static int
literal_bool(const struct df_token *t, const struct field_def *def,
    struct df_val *out, char **cause)
{
	static const char *const trues[] = { "True", "TRUE" };
	static const char *const falses[] = { "False", "FALSE" };
	const char *s = t->text;
	uint64_t mag;
	bool neg;
	size_t i;

	out->kind = K_BOOL;
	if (t->type == T_CHAR) {
		out->u = t->u != 0;
		return 0;
	}
	if (strcasecmp(s, "set") == 0) {
		out->u = 1;
		return 0;
	}
	if (strcasecmp(s, "not set") == 0) {
		out->u = 0;
		return 0;
	}
	if (t->type == T_WORD) {
		for (i = 0; i < nitems(trues); i++) {
			if (strcmp(s, trues[i]) == 0) {
				out->u = 1;
				return 0;
			}
			if (strcmp(s, falses[i]) == 0) {
				out->u = 0;
				return 0;
			}
		}
		if (parse_integer(s, false, &neg, &mag) == 0 && !neg) {
			out->u = mag != 0;
			return 0;
		}
	}
	return fail(cause, "'%s' cannot be found among the possible values "
	    "for %s", s, def != NULL ? def->name : "this field");
}

/* Bytes for a byte field, a slice or a protocol. */
static int
literal_bytes(const struct df_token *t, enum df_kind k,
    struct df_pool *pool, struct df_val *out, char **cause)
{
	const char *s = t->text;
	uint8_t *b;
	long n;

	out->kind = (uint8_t)k;
	if (t->type == T_STRING) {
		b = df_pool_alloc(pool, t->n);
		memcpy(b, s, t->n);
		out->p = b;
		out->n = t->n;
		out->all = t->n;
		return 0;
	}
	if (t->type == T_CHAR) {
		b = df_pool_alloc(pool, 1);
		b[0] = (uint8_t)t->u;
		out->p = b;
		out->n = out->all = 1;
		return 0;
	}
	b = df_pool_alloc(pool, strlen(s) + 1);
	/* One byte may be written 0xhh. */
	if (strlen(s) == 4 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
	    hexdigit((unsigned char)s[2]) >= 0 &&
	    hexdigit((unsigned char)s[3]) >= 0) {
		b[0] = (uint8_t)(hexdigit((unsigned char)s[2]) << 4 |
		    hexdigit((unsigned char)s[3]));
		n = 1;
	} else if ((n = parse_hex_bytes(s, b)) < 0)
		return fail(cause, "'%s' is not a valid byte string%s", s, "");
	out->p = b;
	out->n = out->all = (size_t)n;
	return 0;
}

/* A MAC address: six bytes in any byte-string form. */
static int
literal_ether(const struct df_token *t, struct df_pool *pool,
    struct df_val *out, char **cause)
{
	const char *s = t->text;
	uint8_t *b;
	long n;

	if (t->type != T_WORD)
		return fail(cause, "a MAC address cannot be converted from a "
		    "string (\"%s\")%s", s, "");
	b = df_pool_alloc(pool, strlen(s) + 1);
	n = parse_hex_bytes(s, b);
	if (n < 0)
		return fail(cause, "'%s' is not a valid MAC address%s", s, "");
	if (n < 6)
		return fail(cause, "'%s' has too few bytes for a MAC address%s",
		    s, "");
	if (n > 6)
		return fail(cause, "'%s' has too many bytes for a MAC "
		    "address%s", s, "");
	out->kind = K_ETHER;
	out->p = b;
	out->n = 6;
	return 0;
}

/* An IPv4 or IPv6 address, with an optional /prefix. */
static int
literal_ip(const struct df_token *t, enum df_kind k, bool mapped_v4,
    struct df_pool *pool,
    struct df_val *out, char **cause)
{
	const char *s = t->text, *slash;
	unsigned maxbits = k == K_IPV4 ? 32 : 128;
	char addr[64], bits[8];
	unsigned long prefix;
	bool v4 = false;
	uint8_t a[16], *b;
	char *end;

	if (t->type != T_WORD)
		return fail(cause, "%s cannot be converted from a string "
		    "(\"%s\")", k == K_IPV4 ? "an IPv4 address" :
		    "an IPv6 address", s);
	slash = strchr(s, '/');
	if ((slash != NULL ? (size_t)(slash - s) : strlen(s)) >= sizeof addr)
		goto bad;
	snprintf(addr, sizeof addr, "%.*s",
	    (int)(slash != NULL ? slash - s : (long)strlen(s)), s);
	if (k == K_IPV6 && mapped_v4 && inet_pton(AF_INET, addr, a + 12) == 1) {
		memset(a, 0, 10);
		a[10] = a[11] = 0xff;
		maxbits = 32;
		v4 = true;
	} else if (inet_pton(k == K_IPV4 ? AF_INET : AF_INET6, addr, a) != 1)
		goto bad;
	prefix = maxbits;
	if (slash != NULL) {
		errno = 0;
		if (!isdigit((unsigned char)slash[1]))
			goto bad;
		prefix = strtoul(slash + 1, &end, 10);
		if (*end != '\0' || errno != 0)
			goto bad;
		if (prefix > maxbits) {
			snprintf(bits, sizeof bits, "%lu",
			    prefix > 999 ? 999 : prefix);
			return fail(cause, "the prefix of '%s' is longer than "
			    "the address (/%s)", s, bits);
		}
	}
	if (v4)
		prefix += 96;
	out->kind = (uint8_t)k;
	out->prefix = (uint8_t)prefix;
	if (k == K_IPV4)
		out->u = (uint64_t)a[0] << 24 | (uint64_t)a[1] << 16 |
		    (uint64_t)a[2] << 8 | a[3];
	else {
		b = df_pool_alloc(pool, 16);
		memcpy(b, a, 16);
		out->p = b;
		out->n = 16;
	}
	return 0;
bad:
	return fail(cause, "'%s' is not a valid %s", s, k == K_IPV4 ?
	    "IPv4 address" : "IPv6 address");
}

int
df_literal(const struct df_token *t, enum df_kind k,
    const struct field_def *def, const struct df_names *ns,
    struct df_pool *pool, struct df_val *out, char **cause)
{
	const char *s = t->text;
	char *end;
	uint8_t *b;

	memset(out, 0, sizeof *out);
	out->layer = 0;
	switch (k) {
	case K_UINT:
	case K_INT:
		return literal_int(t, k, def, ns, out, cause);
	case K_BOOL:
		return literal_bool(t, def, out, cause);
	case K_BYTES:
	case K_PROTO:
		return literal_bytes(t, k == K_PROTO ? K_BYTES : k, pool, out,
		    cause);
	case K_ETHER:
		return literal_ether(t, pool, out, cause);
	case K_IPV4:
	case K_IPV6:
		return literal_ip(t, k, ns != NULL && ns->mapped_v4, pool, out, cause);
	case K_STRING:
		if (t->type == T_CHAR)
			return fail(cause, "a character constant cannot be "
			    "compared with a string%s%s", "", "");
		b = df_pool_alloc(pool, t->type == T_STRING ? t->n :
		    strlen(s));
		out->n = t->type == T_STRING ? t->n : strlen(s);
		memcpy(b, s, out->n);
		out->kind = K_STRING;
		out->p = b;
		return 0;
	case K_DOUBLE:
		if (t->type != T_WORD)
			return fail(cause, "a floating point number cannot be "
			    "converted from a string (\"%s\")%s", s, "");
		errno = 0;
		out->d = strtod(s, &end);
		if (*s == '\0' || *end != '\0' || errno != 0 ||
		    !isfinite(out->d))
			return fail(cause, "'%s' is not a valid number%s", s,
			    "");
		out->kind = K_DOUBLE;
		return 0;
	case K_TIME:
	case K_RELTIME:
		if (t->type != T_WORD)
			return fail(cause, "%s cannot be converted from a "
			    "string (\"%s\")", k == K_TIME ? "a date and time" :
			    "a time offset", s);
		if (!parse_time(s, &out->i, &out->ns))
			return fail(cause, "'%s' is not a valid %s", s,
			    k == K_TIME ? "time (seconds since the epoch)" :
			    "time offset (seconds)");
		out->kind = (uint8_t)k;
		return 0;
	default:
		return fail(cause, "'%s' cannot be compared with this "
		    "field%s", s, "");
	}
}
