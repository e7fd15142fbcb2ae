/*
 * Field values as text, and the registry of every field name wiretop
 * knows.  field_format() is the -T fields contract: it prints exactly as
 * tshark 4.0 prints the same field.
 */
#include "config.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decoders.h"
#include "escape.h"
#include "field.h"
#include "wtime.h"

/* Every decoder's table; field_lookup() searches them in this order. */
static const struct field_table *const field_tables[] = {
	&frame_field_table, &eth_field_table, &llc_field_table,
	&sll_field_table, &null_field_table, &vlan_field_table,
	&arp_field_table, &ipv4_field_table, &ipv6_field_table,
	&ipsec_field_table, &tcp_field_table, &udp_field_table,
	&icmp_field_table, &icmp6_field_table, &igmp_field_table,
	&gre_field_table, &vxlan_field_table, &geneve_field_table,
	&dns_field_table, &data_field_table,
};
#define NTABLES	(sizeof field_tables / sizeof field_tables[0])

const struct field_def *
field_lookup(const char *name)
{
	const struct field_table *t;
	size_t i, j;

	for (i = 0; i < NTABLES; i++) {
		t = field_tables[i];
		for (j = 0; j < t->n; j++)
			if (strcmp(t->defs[j].name, name) == 0)
				return &t->defs[j];
	}
	return NULL;
}

/* A linear search: the tables are short and most lookups are for Info. */
const char *
field_value_name(const struct value_name *t, unsigned value)
{
	for (; t->name != NULL; t++)
		if (t->value == value)
			return t->name;
	return NULL;
}

/* The Wireshark wording for a value its table does not name. */
const char *
field_value_name_buf(const struct value_name *t, unsigned value, char *buf,
    size_t size)
{
	const char *n = field_value_name(t, value);

	if (n != NULL)
		return n;
	snprintf(buf, size, "Unknown (%u)", value);
	return buf;
}

void
field_foreach(void (*fn)(const struct field_def *, void *), void *arg)
{
	const struct field_table *t;
	size_t i, j;

	for (i = 0; i < NTABLES; i++) {
		t = field_tables[i];
		for (j = 0; j < t->n; j++)
			fn(&t->defs[j], arg);
	}
}

/* Room the printf-free integer formatting needs: "0x" and 64 hex digits
   (the widest padding a field's bits give), or 20 decimal digits. */
#define FIELD_FAST_ROOM	80

/* The index in field_tables of the table holding f, or -1. */
static int
field_table_index(const struct field_def *f)
{
	const struct field_table *t;
	size_t i, j;

	/* Equality only: ordering pointers into different arrays is
	   undefined. */
	for (i = 0; i < NTABLES; i++) {
		t = field_tables[i];
		for (j = 0; j < t->n; j++)
			if (&t->defs[j] == f)
				return (int)i;
	}
	return -1;
}

struct field_set *
field_set_new(size_t n)
{
	struct field_set *s;
	size_t size = 16;

	/* At most a quarter full: probes stay short. */
	if (n > UINT32_MAX / 8)
		return NULL;
	while (size < n * 4)
		size *= 2;
	if ((s = calloc(1, sizeof *s)) == NULL)
		return NULL;
	s->key = calloc(size, sizeof *s->key);
	s->val = calloc(size, sizeof *s->val);
	if (s->key == NULL || s->val == NULL) {
		field_set_free(s);
		return NULL;
	}
	s->mask = (uint32_t)size - 1;
	return s;
}

void
field_set_add(struct field_set *s, const struct field_def *f, int val)
{
	uint32_t i = field_set_hash(s, f);
	int t;

	while (s->key[i] != NULL) {
		if (s->key[i] == f)
			return;
		i = (i + 1) & s->mask;
	}
	s->key[i] = f;
	s->val[i] = val;
	t = field_table_index(f);
	if (t >= 0)
		s->tables |= (uint32_t)1 << t;
}

bool
field_set_has_table(const struct field_set *s, const struct field_table *t)
{
	size_t i;

	for (i = 0; i < NTABLES; i++)
		if (field_tables[i] == t)
			return (s->tables & (uint32_t)1 << i) != 0;
	return false;
}

void
field_set_free(struct field_set *s)
{
	if (s == NULL)
		return;
	free(s->key);
	free(s->val);
	free(s);
}

/* Decimal digits of v at buf (no NUL); returns how many.  buf needs 20. */
size_t
u64_to_dec(char *buf, uint64_t v)
{
	char tmp[20];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	return n;
}

/* Lowercase hex digits of v, zero-padded to width (no NUL); buf needs
   max(16, width). */
static size_t
put_hex(char *buf, uint64_t v, size_t width)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[16];
	size_t n = 0, i, pad;

	do {
		tmp[n++] = digits[v & 15];
		v >>= 4;
	} while (v != 0);
	pad = width > n ? width - n : 0;
	for (i = 0; i < pad; i++)
		buf[i] = '0';
	for (i = 0; i < n; i++)
		buf[pad + i] = tmp[n - 1 - i];
	return pad + n;
}

/* An IPv4 address in dotted quad (no NUL); buf needs 15. */
static size_t
put_ipv4(char *buf, const uint8_t *a)
{
	size_t n = 0;
	int i;

	for (i = 0; i < 4; i++) {
		if (i > 0)
			buf[n++] = '.';
		if (a[i] >= 100)
			buf[n++] = (char)('0' + a[i] / 100);
		if (a[i] >= 10)
			buf[n++] = (char)('0' + a[i] / 10 % 10);
		buf[n++] = (char)('0' + a[i] % 10);
	}
	return n;
}

/* A MAC address as six colon-separated hex pairs (no NUL); buf needs 17. */
static size_t
put_ether(char *buf, const uint8_t *a)
{
	static const char digits[] = "0123456789abcdef";
	size_t n = 0;
	int i;

	for (i = 0; i < 6; i++) {
		if (i > 0)
			buf[n++] = ':';
		buf[n++] = digits[a[i] >> 4];
		buf[n++] = digits[a[i] & 15];
	}
	return n;
}

/*
 * An IPv6 address as inet_ntop() writes it (RFC 5952 without its
 * exceptions): the longest run of two or more zero groups (the first of
 * equal runs) becomes "::", groups in lowercase hex without leading
 * zeros, and the last four bytes dotted when the address is IPv4-mapped
 * (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d, not :: or ::1 that
 * have a run of seven or eight).  No NUL; buf needs 45.
 */
static size_t
put_ipv6(char *buf, const uint8_t *a)
{
	static const char digits[] = "0123456789abcdef";
	unsigned w[8];
	int i, run = -1, runlen = 0, cur = -1, curlen = 0, shift;
	size_t n = 0;
	bool lead;

	for (i = 0; i < 8; i++) {
		w[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
		if (w[i] == 0) {
			if (cur < 0)
				cur = i;
			curlen = i - cur + 1;
			if (curlen > runlen) {
				run = cur;
				runlen = curlen;
			}
		} else
			cur = -1;
	}
	if (runlen < 2)
		run = -1;
	for (i = 0; i < 8; i++) {
		if (run >= 0 && i >= run && i < run + runlen) {
			if (i == run)
				buf[n++] = ':';
			continue;
		}
		if (i != 0)
			buf[n++] = ':';
		if (i == 6 && run == 0 &&
		    (runlen == 6 || (runlen == 5 && w[5] == 0xffff)))
			return n + put_ipv4(buf + n, a + 12);
		lead = true;
		for (shift = 12; shift >= 0; shift -= 4) {
			unsigned dg = (w[i] >> shift) & 15;

			if (dg == 0 && lead && shift > 0)
				continue;
			lead = false;
			buf[n++] = digits[dg];
		}
	}
	if (run >= 0 && run + runlen == 8)
		buf[n++] = ':';
	return n;
}

size_t
addr_format(int type, const uint8_t *a, char *buf, size_t size)
{
	char tmp[48];
	size_t len;

	if (size == 0)
		return 0;
	switch (type) {
	case FT_IPV4:
		len = put_ipv4(tmp, a);
		break;
	case FT_ETHER:
		len = put_ether(tmp, a);
		break;
	case FT_IPV6:
		len = put_ipv6(tmp, a);
		/* As inet_ntop() fails when the text does not fit. */
		if (len >= size) {
			tmp[0] = '?';
			len = 1;
		}
		break;
	default:
		tmp[0] = '?';
		len = 1;
		break;
	}
	if (len >= size)
		len = size - 1;
	memcpy(buf, tmp, len);
	buf[len] = '\0';
	return len;
}

/* Append to buf at *used, never past size; keeps buf NUL-terminated. */
static void
put(char *buf, size_t size, size_t *used, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
put(char *buf, size_t size, size_t *used, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*used + 1 >= size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *used, size - *used, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < size - *used)
		*used += (size_t)n;
	else {
		/* Cut short: never inside a UTF-8 sequence. */
		*used = escape_utf8_boundary(buf, size - 1);
		buf[*used] = '\0';
	}
}

/* A time difference as seconds with nine decimals. */
static void
put_reltime(char *buf, size_t size, size_t *used, struct wtime_rel r)
{
	char text[32];

	wtime_rel_format(r, 9, text, sizeof text);
	put(buf, size, used, "%s", text);
}

/*
 * Text from the wire as tshark shows it, through the one escaping rule
 * (escape.h); a value too long for buf ends before a whole character.
 */
static void
put_text(char *buf, size_t size, size_t *used, const uint8_t *p, size_t n)
{
	if (*used + 1 >= size)
		return;
	*used += escape_text(buf + *used, size - *used, p, n);
}

size_t
field_format(const struct field_value *v, char *buf, size_t size)
{
	const struct field_def *f = v->def;
	size_t used = 0, i;
	struct wtime_rel rel;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	/* The common integers without printf when they surely fit. */
	if (size >= FIELD_FAST_ROOM) {
		switch (f->type) {
		case FT_UINT:
			if ((f->base & BASE_MASK) == BASE_DEC)
				used = u64_to_dec(buf, v->u);
			else if ((f->base & BASE_MASK) == BASE_HEX) {
				buf[0] = '0';
				buf[1] = 'x';
				used = 2 + put_hex(buf + 2, v->u,
				    f->bits ? f->bits / 4u : 1u);
			} else
				break;
			buf[used] = '\0';
			return used;
		case FT_BOOL:
			buf[0] = v->u ? '1' : '0';
			buf[1] = '\0';
			return 1;
		default:
			break;
		}
	}
	switch (f->type) {
	case FT_NONE:
		break;
	case FT_UINT:
		if ((f->base & BASE_MASK) == BASE_HEX)
			put(buf, size, &used, "0x%0*" PRIx64,
			    f->bits ? f->bits / 4 : 1, v->u);
		else if ((f->base & BASE_MASK) == BASE_OCT)
			put(buf, size, &used, "0%" PRIo64, v->u);
		else
			put(buf, size, &used, "%" PRIu64, v->u);
		break;
	case FT_INT:
		put(buf, size, &used, "%" PRId64, (int64_t)v->u);
		break;
	case FT_BOOL:
		put(buf, size, &used, "%d", v->u ? 1 : 0);
		break;
	case FT_IPV4:
	case FT_IPV6:
	case FT_ETHER:
		used = addr_format(f->type, v->p, buf, size);
		break;
	case FT_STRING:
		put_text(buf, size, &used, v->p, v->n);
		break;
	case FT_BYTES:
		if (v->n == 0)
			put(buf, size, &used, "%s", f->base & FIELD_EMPTY_NONE ?
			    "<none>" : "<MISSING>");
		for (i = 0; i < v->n; i++)
			put(buf, size, &used, "%02x", v->p[i]);
		break;
	case FT_DOUBLE:
		put(buf, size, &used, "%g", v->dbl);
		break;
	case FT_TIME:
		if ((f->base & BASE_MASK) == BASE_TIME_TEXT)
			used = wtime_text_format((int64_t)v->u, v->aux, buf,
			    size);
		else
			put(buf, size, &used, "%" PRId64 ".%09u",
			    (int64_t)v->u, v->aux);
		break;
	case FT_RELTIME:
		rel.sec = (int64_t)v->u;
		rel.nsec = (int32_t)v->aux;
		put_reltime(buf, size, &used, rel);
		break;
	}
	return used;
}

size_t
field_format_tree(const struct field_value *v, char *buf, size_t size)
{
	const struct field_def *f = v->def;
	size_t used = 0;
	char val[512];

	if (size == 0)
		return 0;
	buf[0] = '\0';
	if (f->type == FT_NONE) {
		put(buf, size, &used, "%s", v->shown != NULL ? v->shown : "");
		return used;
	}
	if (f->type == FT_TIME || f->type == FT_RELTIME) {
		field_format(v, val, sizeof val);
		put(buf, size, &used, "%s: %s%s", f->label, val,
		    (f->base & BASE_MASK) == BASE_TIME_TEXT ? "" : " seconds");
		return used;
	}
	field_format(v, val, sizeof val);
	if (v->shown != NULL && f->type == FT_BOOL)
		put(buf, size, &used, "%s: %s", f->label, v->shown);
	else if (v->shown != NULL)
		put(buf, size, &used, "%s: %s (%s)", f->label, v->shown, val);
	else
		put(buf, size, &used, "%s: %s", f->label, val);
	return used;
}
