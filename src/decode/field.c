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
		if (f->base == BASE_HEX)
			put(buf, size, &used, "0x%0*" PRIx64,
			    f->bits ? f->bits / 4 : 1, v->u);
		else if (f->base == BASE_OCT)
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
		for (i = 0; i < v->n; i++) {
			uint8_t ch = v->p[i];

			if (ch >= 0x20 && ch < 0x7f && ch != '\\')
				put(buf, size, &used, "%c", ch);
			else if (ch == '\\')
				put(buf, size, &used, "\\\\");
			else
				put(buf, size, &used, "\\x%02x", ch);
		}
		break;
	case FT_BYTES:
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
