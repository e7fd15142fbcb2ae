/*
 * The link layer of a frame, by pcap LINKTYPE_* (see pcap-linktype(7)),
 * and the BSD loopback ("null") header.
 *
 * LINKTYPE_NULL / LINKTYPE_LOOP: a 4-byte address family.
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Address family (AF_INET 2, AF_INET6 24/28/30)      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * LINKTYPE_NULL holds the family in the byte order of the host that
 * captured it, which the file does not say: as tshark does, a value with
 * its upper 16 bits set is taken as byte-swapped, and a value above 1500
 * is an EtherType (some systems put one there).  LINKTYPE_LOOP is always
 * network byte order.  Raw IP links carry no header; the version nibble
 * picks IPv4 or IPv6.
 */
#include "config.h"

#include <stdint.h>

#include "decoders.h"

#define NULL_HDR_LEN		4
#define NULL_MAX_FAMILY		1500	/* larger values are EtherTypes */
#define BSD_AF_INET		2
#define BSD_AF_INET6_BSD	24	/* NetBSD, OpenBSD, BSD/OS */
#define BSD_AF_INET6_FREEBSD	28	/* FreeBSD, DragonFly */
#define BSD_AF_INET6_DARWIN	30	/* macOS, iOS */
#define RAW_MIN_LEN		2	/* tshark reads two bytes first */

enum {
	F_FAMILY, F_TYPE, F_COUNT
};

static const struct field_def null_fields[] = {
	[F_FAMILY] = { "null.family", "Family", FT_UINT, BASE_DEC, 32 },
	[F_TYPE] = { "null.type", "Type", FT_UINT, BASE_HEX, 16 },
};
_Static_assert(sizeof null_fields / sizeof null_fields[0] == F_COUNT,
    "null_fields: one entry per field id");
const struct field_table null_field_table = { null_fields, F_COUNT };

struct null_af {
	uint32_t	 af;
	const char	*name;
};

/* The families tshark names. */
static const struct null_af null_afs[] = {
	{ 2, "IP" },
	{ 7, "OSI" },
	{ 16, "Appletalk" },
	{ 23, "Netware IPX/SPX" },
	{ 24, "IPv6" },
	{ 28, "IPv6" },
	{ 30, "IPv6" },
	{ 0, NULL }
};

/* The name of an address family, "Unknown" if tshark has none. */
static const char *
null_af_name(uint32_t af)
{
	const struct null_af *a;

	for (a = null_afs; a->name != NULL; a++)
		if (a->af == af)
			return a->name;
	return "Unknown";
}

/* Swap the bytes of a 32-bit value. */
static uint32_t
null_swap32(uint32_t v)
{
	return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) |
	    (v << 24);
}

/* Decode a BSD loopback header and the packet it carries. */
void
null_decode(struct dissect *d, int link, struct cursor c)
{
	uint32_t v;
	size_t start = c.pos;
	bool ok;

	if (!d_open(d, P_NULL, start))
		return;
	/* NULL: host order, guessed; LOOP: network order. */
	ok = link == LINK_LOOP ? cur_be32(&c, &v) : cur_le32(&c, &v);
	if (!ok) {
		d_text(d, start, cur_left(&c), "[truncated]");
		d_close(d, c.end, LAYER_TRUNCATED);
		return;
	}
	d_info(d, "Null/Loopback");
	if (link != LINK_LOOP) {
		if ((v & 0xffff0000u) != 0)
			v = null_swap32(v);
		if (v > NULL_MAX_FAMILY) {
			d_uint(d, &null_fields[F_TYPE], start, NULL_HDR_LEN,
			    v & 0xffff, ethertype_name(v & 0xffff));
			ethertype_dispatch(d, (uint16_t)v, c);
			d_close(d, c.end, LAYER_OK);
			return;
		}
	}
	d_uint(d, &null_fields[F_FAMILY], start, NULL_HDR_LEN, v,
	    null_af_name(v));
	switch (v) {
	case BSD_AF_INET:
		ipv4_decode(d, c);
		break;
	case BSD_AF_INET6_BSD:
	case BSD_AF_INET6_FREEBSD:
	case BSD_AF_INET6_DARWIN:
		ipv6_decode(d, c);
		break;
	default:
		/* Linux AF_INET6 (10) is not a BSD family: tshark shows
		   the payload as data, and so do we. */
		data_decode(d, c);
		break;
	}
	d_close(d, c.end, LAYER_OK);
}

/* A raw IP link: IPv4 or IPv6 by the version nibble, else data. */
static void
raw_decode(struct dissect *d, struct cursor c)
{
	uint8_t b0;

	if (!d_open(d, P_RAW, c.pos))
		return;
	d_info(d, "Raw packet data");
	if (cur_left(&c) < RAW_MIN_LEN) {
		d_text(d, c.pos, cur_left(&c), "[truncated]");
		d_close(d, c.end, LAYER_TRUNCATED);
		return;
	}
	(void)cur_peek8(&c, 0, &b0);
	if (b0 >> 4 == 4)
		ipv4_decode(d, c);
	else if (b0 >> 4 == 6)
		ipv6_decode(d, c);
	else
		data_decode(d, c);
	d_close(d, c.end, LAYER_OK);
}

/* Decode the link layer of a frame by its LINK_* type. */
void
link_decode(struct dissect *d, int link, struct cursor c)
{
	switch (link) {
	case LINK_ETHERNET:
		eth_decode(d, c);
		break;
	case LINK_LINUX_SLL:
		sll_decode(d, c);
		break;
	case LINK_LINUX_SLL2:
		sll2_decode(d, c);
		break;
	case LINK_NULL:
	case LINK_LOOP:
		null_decode(d, link, c);
		break;
	case LINK_RAW:
	case DLT_RAW_BSD:
	case DLT_RAW_OPENBSD:
		raw_decode(d, c);
		break;
	case LINK_IPV4:
		ipv4_decode(d, c);
		break;
	case LINK_IPV6:
		ipv6_decode(d, c);
		break;
	default:
		data_decode(d, c);
		break;
	}
}
