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
#include <string.h>

#include "decoders.h"
#include "field.h"

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

const struct field_def *
field_lookup(const char *name)
{
	const struct field_def *f;
	size_t i;

	for (i = 0; i < sizeof field_tables / sizeof field_tables[0]; i++) {
		if (field_tables[i]->defs == NULL)
			continue;
		for (f = field_tables[i]->defs; f->name != NULL; f++)
			if (strcmp(f->name, name) == 0)
				return f;
	}
	return NULL;
}

void
field_foreach(void (*fn)(const struct field_def *, void *), void *arg)
{
	const struct field_def *f;
	size_t i;

	for (i = 0; i < sizeof field_tables / sizeof field_tables[0]; i++) {
		if (field_tables[i]->defs == NULL)
			continue;
		for (f = field_tables[i]->defs; f->name != NULL; f++)
			fn(f, arg);
	}
}

size_t
addr_format(int type, const uint8_t *a, char *buf, size_t size)
{
	int n;

	switch (type) {
	case FT_IPV4:
		n = snprintf(buf, size, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
		break;
	case FT_IPV6:
		if (inet_ntop(AF_INET6, a, buf, (socklen_t)size) == NULL)
			n = snprintf(buf, size, "?");
		else
			n = (int)strlen(buf);
		break;
	case FT_ETHER:
		n = snprintf(buf, size, "%02x:%02x:%02x:%02x:%02x:%02x",
		    a[0], a[1], a[2], a[3], a[4], a[5]);
		break;
	default:
		n = snprintf(buf, size, "?");
		break;
	}
	if (n < 0)
		return 0;
	return (size_t)n < size ? (size_t)n : size - 1;
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
	*used += (size_t)n < size - *used ? (size_t)n : size - *used - 1;
}

/* A signed nanosecond count as seconds with nine decimals. */
static void
put_reltime(char *buf, size_t size, size_t *used, int64_t ns)
{
	uint64_t mag = ns < 0 ? (uint64_t)0 - (uint64_t)ns : (uint64_t)ns;

	put(buf, size, used, "%s%" PRIu64 ".%09" PRIu64, ns < 0 ? "-" : "",
	    mag / 1000000000u, mag % 1000000000u);
}

/* Length of the valid UTF-8 sequence at p (at most n bytes), or 0. */
static size_t
utf8_len(const uint8_t *p, size_t n)
{
	size_t len, i;
	uint32_t cp;

	if (p[0] < 0xc2 || p[0] > 0xf4)
		return 0;
	len = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : 2;
	if (len > n)
		return 0;
	cp = p[0] & (0xff >> (len + 1));
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are invalid. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/*
 * Text from the wire as tshark shows it: printable ASCII and valid UTF-8
 * as they are, C escapes for the usual control characters, three-digit
 * octal for other control bytes, U+FFFD for bytes that are not UTF-8.
 */
static void
put_text(char *buf, size_t size, size_t *used, const uint8_t *p, size_t n)
{
	static const char esc[] = "\\a\\b\\t\\n\\v\\f\\r";
	size_t i, len;

	for (i = 0; i < n; i += len) {
		uint8_t ch = p[i];

		len = 1;
		if (ch >= 0x20 && ch < 0x7f)
			put(buf, size, used, "%c", ch);
		else if (ch >= 7 && ch <= 13)
			put(buf, size, used, "%.2s", esc + 2 * (ch - 7));
		else if (ch < 0x80)
			put(buf, size, used, "\\%03o", ch);
		else if ((len = utf8_len(p + i, n - i)) > 0)
			put(buf, size, used, "%.*s", (int)len,
			    (const char *)p + i);
		else {
			len = 1;
			put(buf, size, used, "\xef\xbf\xbd");
		}
	}
}

size_t
field_format(const struct field_value *v, char *buf, size_t size)
{
	const struct field_def *f = v->def;
	size_t used = 0, i;

	if (size == 0)
		return 0;
	buf[0] = '\0';
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
		put(buf, size, &used, "%" PRId64 ".%09u", (int64_t)v->u,
		    v->aux);
		break;
	case FT_RELTIME:
		put_reltime(buf, size, &used, (int64_t)v->u);
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
		put(buf, size, &used, "%s: %s seconds", f->label, val);
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
