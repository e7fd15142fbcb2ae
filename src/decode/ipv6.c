/*
 * Internet Protocol version 6 (RFC 8200) and its extension headers:
 * hop-by-hop and destination options, routing (type 0, RFC 5095; type 2,
 * RFC 6275; segment routing, RFC 8754) and fragment.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Version| Traffic Class |           Flow Label                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Payload Length        |  Next Header  |   Hop Limit   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  Source Address (128 bits)                    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |               Destination Address (128 bits)                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Options and routing headers (length in 8-octet units, not counting
 * the first 8):                        Fragment header:
 *  +-------------+-------------+---     +--------+--------+-----------+--+-+
 *  | Next Header | Hdr Ext Len | ...    |Next Hdr|Reserved|  Offset   |Rs|M|
 *  +-------------+-------------+---     +--------+--------+-----------+--+-+
 *                                       |          Identification         |
 *                                       +---------------------------------+
 *
 * tshark shows the extension headers as protocols of their own
 * (ipv6.hopopts, ipv6.routing, ipv6.fraghdr, ipv6.dstopts); we keep them
 * inside the IPv6 layer under their own subtree, with tshark's names.
 * The addresses get tshark's hidden companions (ipv6.addr, ipv6.*_host,
 * the 6to4 / Teredo / SLAAC / ISATAP / embedded-IPv4 decodings).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "decoders.h"

enum {
	F_VERSION, F_TCLASS, F_DSCP, F_ECN, F_FLOW, F_PLEN, F_NXT, F_HLIM,
	F_SRC, F_ADDR, F_SRC_HOST, F_HOST, F_DST, F_DST_HOST, F_SLAAC_SRC,
	F_SLAAC_DST, F_SLAAC_ANY, F_ISATAP_SRC, F_ISATAP_DST, F_ISATAP_ANY,
	F_6TO4_GW_SRC, F_6TO4_GW_DST, F_6TO4_GW_ANY, F_6TO4_SLA_SRC,
	F_6TO4_SLA_DST, F_6TO4_SLA_ANY, F_TS_IPV4_SRC, F_TS_IPV4_DST,
	F_TS_IPV4_ANY, F_TC_PORT_SRC, F_TC_PORT_DST, F_TC_PORT_ANY,
	F_TC_IPV4_SRC, F_TC_IPV4_DST, F_TC_IPV4_ANY, F_EMBED_SRC, F_EMBED_DST,
	F_EMBED_ANY, F_EMBED_PREFIX, F_HBH_NXT, F_HBH_LEN, F_HBH_LEN_OCT,
	F_DST_NXT, F_DST_LEN, F_DST_LEN_OCT, F_OPT_TYPE, F_OPT_ACTION,
	F_OPT_CHANGE, F_OPT_REST, F_OPT_LEN, F_OPT_PAD1, F_OPT_PADN, F_OPT_RA,
	F_OPT_TEL, F_OPT_JUMBO, F_OPT_HOA, F_OPT_EXP, F_OPT_UNKNOWN, F_RT_NXT,
	F_RT_LEN, F_RT_LEN_OCT, F_RT_TYPE, F_RT_SEGLEFT, F_RT_SRC_RSV,
	F_RT_SRC_ADDR, F_RT_MIP_RSV, F_RT_MIP_HOA, F_RT_SRH_LAST,
	F_RT_SRH_FLAGS, F_RT_SRH_TAG, F_RT_SRH_ADDR, F_RT_UNKNOWN, F_FR_NXT,
	F_FR_RSV, F_FR_OFFSET, F_FR_RSV_BITS, F_FR_MORE, F_FR_IDENT, F_COUNT
};

static const struct field_def ipv6_fields[] = {
	[F_VERSION] = { "ipv6.version", "Version", FT_UINT, BASE_DEC, 8 },
	[F_TCLASS] = { "ipv6.tclass", "Traffic Class", FT_UINT, BASE_HEX, 32 },
	[F_DSCP] = { "ipv6.tclass.dscp", "Differentiated Services Codepoint",
	    FT_UINT, BASE_DEC, 32 },
	[F_ECN] = { "ipv6.tclass.ecn", "Explicit Congestion Notification",
	    FT_UINT, BASE_DEC, 32 },
	[F_FLOW] = { "ipv6.flow", "Flow Label", FT_UINT, BASE_HEX, 24 },
	[F_PLEN] = { "ipv6.plen", "Payload Length", FT_UINT, BASE_DEC, 16 },
	[F_NXT] = { "ipv6.nxt", "Next Header", FT_UINT, BASE_DEC, 8 },
	[F_HLIM] = { "ipv6.hlim", "Hop Limit", FT_UINT, BASE_DEC, 8 },
	[F_SRC] = { "ipv6.src", "Source Address", FT_IPV6, BASE_DEC, 0 },
	[F_ADDR] = { "ipv6.addr", "Source or Destination Address", FT_IPV6,
	    BASE_DEC | FIELD_HIDDEN, 0 },
	[F_SRC_HOST] = { "ipv6.src_host", "Source Host", FT_STRING,
	    BASE_DEC | FIELD_HIDDEN, 0 },
	[F_HOST] = { "ipv6.host", "Source or Destination Host", FT_STRING,
	    BASE_DEC | FIELD_HIDDEN, 0 },
	[F_DST] = { "ipv6.dst", "Destination Address", FT_IPV6, BASE_DEC, 0 },
	[F_DST_HOST] = { "ipv6.dst_host", "Destination Host", FT_STRING,
	    BASE_DEC | FIELD_HIDDEN, 0 },
	/* Decodings of special addresses, each kind three in a row:
	   source, destination, either (see ipv6_special_addr()). */
	[F_SLAAC_SRC] = { "ipv6.src_slaac_mac", "Source SLAAC MAC", FT_ETHER,
	    BASE_DEC, 0 },
	[F_SLAAC_DST] = { "ipv6.dst_slaac_mac", "Destination SLAAC MAC",
	    FT_ETHER, BASE_DEC, 0 },
	[F_SLAAC_ANY] = { "ipv6.slaac_mac", "SLAAC MAC", FT_ETHER, BASE_DEC,
	    0 },
	[F_ISATAP_SRC] = { "ipv6.src_isatap_ipv4", "Source ISATAP IPv4",
	    FT_IPV4, BASE_DEC, 0 },
	[F_ISATAP_DST] = { "ipv6.dst_isatap_ipv4", "Destination ISATAP IPv4",
	    FT_IPV4, BASE_DEC, 0 },
	[F_ISATAP_ANY] = { "ipv6.isatap_ipv4", "ISATAP IPv4", FT_IPV4,
	    BASE_DEC, 0 },
	[F_6TO4_GW_SRC] = { "ipv6.src_6to4_gw_ipv4",
	    "Source 6to4 Gateway IPv4", FT_IPV4, BASE_DEC, 0 },
	[F_6TO4_GW_DST] = { "ipv6.dst_6to4_gw_ipv4",
	    "Destination 6to4 Gateway IPv4", FT_IPV4, BASE_DEC, 0 },
	[F_6TO4_GW_ANY] = { "ipv6.6to4_gw_ipv4", "6to4 Gateway IPv4", FT_IPV4,
	    BASE_DEC, 0 },
	[F_6TO4_SLA_SRC] = { "ipv6.src_6to4_sla_id", "Source 6to4 SLA ID",
	    FT_UINT, BASE_DEC, 16 },
	[F_6TO4_SLA_DST] = { "ipv6.dst_6to4_sla_id", "Destination 6to4 SLA ID",
	    FT_UINT, BASE_DEC, 16 },
	[F_6TO4_SLA_ANY] = { "ipv6.6to4_sla_id", "6to4 SLA ID", FT_UINT,
	    BASE_DEC, 16 },
	[F_TS_IPV4_SRC] = { "ipv6.src_ts_ipv4", "Source Teredo Server IPv4",
	    FT_IPV4, BASE_DEC, 0 },
	[F_TS_IPV4_DST] = { "ipv6.dst_ts_ipv4",
	    "Destination Teredo Server IPv4", FT_IPV4, BASE_DEC, 0 },
	[F_TS_IPV4_ANY] = { "ipv6.ts_ipv4", "Teredo Server IPv4", FT_IPV4,
	    BASE_DEC, 0 },
	[F_TC_PORT_SRC] = { "ipv6.src_tc_port", "Source Teredo Port", FT_UINT,
	    BASE_DEC, 16 },
	[F_TC_PORT_DST] = { "ipv6.dst_tc_port", "Destination Teredo Port",
	    FT_UINT, BASE_DEC, 16 },
	[F_TC_PORT_ANY] = { "ipv6.tc_port", "Teredo Port", FT_UINT, BASE_DEC,
	    16 },
	[F_TC_IPV4_SRC] = { "ipv6.src_tc_ipv4", "Source Teredo Client IPv4",
	    FT_IPV4, BASE_DEC, 0 },
	[F_TC_IPV4_DST] = { "ipv6.dst_tc_ipv4",
	    "Destination Teredo Client IPv4", FT_IPV4, BASE_DEC, 0 },
	[F_TC_IPV4_ANY] = { "ipv6.tc_ipv4", "Teredo Client IPv4", FT_IPV4,
	    BASE_DEC, 0 },
	[F_EMBED_SRC] = { "ipv6.src_embed_ipv4", "Source Embedded IPv4",
	    FT_IPV4, BASE_DEC, 0 },
	[F_EMBED_DST] = { "ipv6.dst_embed_ipv4", "Destination Embedded IPv4",
	    FT_IPV4, BASE_DEC, 0 },
	[F_EMBED_ANY] = { "ipv6.embed_ipv4", "Embedded IPv4", FT_IPV4,
	    BASE_DEC, 0 },
	[F_EMBED_PREFIX] = { "ipv6.embed_ipv4_prefix", "Embedded IPv4 Prefix",
	    FT_BYTES, BASE_DEC, 0 },
	/* Hop-by-hop and destination options headers. */
	[F_HBH_NXT] = { "ipv6.hopopts.nxt", "Next Header", FT_UINT, BASE_DEC,
	    8 },
	[F_HBH_LEN] = { "ipv6.hopopts.len", "Length", FT_UINT, BASE_DEC, 8 },
	[F_HBH_LEN_OCT] = { "ipv6.hopopts.len_oct", "Length", FT_UINT,
	    BASE_DEC, 16 },
	[F_DST_NXT] = { "ipv6.dstopts.nxt", "Next Header", FT_UINT, BASE_DEC,
	    8 },
	[F_DST_LEN] = { "ipv6.dstopts.len", "Length", FT_UINT, BASE_DEC, 8 },
	[F_DST_LEN_OCT] = { "ipv6.dstopts.len_oct", "Length", FT_UINT,
	    BASE_DEC, 16 },
	[F_OPT_TYPE] = { "ipv6.opt.type", "Type", FT_UINT, BASE_HEX, 8 },
	[F_OPT_ACTION] = { "ipv6.opt.type.action", "Action", FT_UINT, BASE_DEC,
	    8 },
	[F_OPT_CHANGE] = { "ipv6.opt.type.change", "May Change", FT_BOOL,
	    BASE_DEC, 8 },
	[F_OPT_REST] = { "ipv6.opt.type.rest", "Low-Order Bits", FT_UINT,
	    BASE_HEX, 8 },
	[F_OPT_LEN] = { "ipv6.opt.length", "Length", FT_UINT, BASE_DEC, 8 },
	[F_OPT_PAD1] = { "ipv6.opt.pad1", "Pad1", FT_BOOL, BASE_DEC, 0 },
	[F_OPT_PADN] = { "ipv6.opt.padn", "PadN", FT_BYTES,
	    BASE_DEC | FIELD_EMPTY_NONE, 0 },
	[F_OPT_RA] = { "ipv6.opt.router_alert", "Router Alert", FT_UINT,
	    BASE_DEC, 16 },
	[F_OPT_TEL] = { "ipv6.opt.tel", "Tunnel Encapsulation Limit", FT_UINT,
	    BASE_DEC, 8 },
	[F_OPT_JUMBO] = { "ipv6.opt.jumbo", "Payload Length", FT_UINT,
	    BASE_DEC, 32 },
	[F_OPT_HOA] = { "ipv6.opt.mipv6.home_address", "MIPv6 Home Address",
	    FT_IPV6, BASE_DEC, 0 },
	[F_OPT_EXP] = { "ipv6.opt.experimental", "Experimental Option",
	    FT_BYTES, BASE_DEC, 0 },
	[F_OPT_UNKNOWN] = { "ipv6.opt.unknown", "Unknown Option Payload",
	    FT_BYTES, BASE_DEC, 0 },
	/* Routing header. */
	[F_RT_NXT] = { "ipv6.routing.nxt", "Next Header", FT_UINT, BASE_DEC,
	    8 },
	[F_RT_LEN] = { "ipv6.routing.len", "Length", FT_UINT, BASE_DEC, 8 },
	[F_RT_LEN_OCT] = { "ipv6.routing.len_oct", "Length", FT_UINT, BASE_DEC,
	    16 },
	[F_RT_TYPE] = { "ipv6.routing.type", "Type", FT_UINT, BASE_DEC, 8 },
	[F_RT_SEGLEFT] = { "ipv6.routing.segleft", "Segments Left", FT_UINT,
	    BASE_DEC, 8 },
	[F_RT_SRC_RSV] = { "ipv6.routing.src.reserved", "Reserved", FT_BYTES,
	    BASE_DEC, 0 },
	[F_RT_SRC_ADDR] = { "ipv6.routing.src.addr", "Address", FT_IPV6,
	    BASE_DEC, 0 },
	[F_RT_MIP_RSV] = { "ipv6.routing.mipv6.reserved", "Reserved", FT_BYTES,
	    BASE_DEC, 0 },
	[F_RT_MIP_HOA] = { "ipv6.routing.mipv6.home_address", "Home Address",
	    FT_IPV6, BASE_DEC, 0 },
	[F_RT_SRH_LAST] = { "ipv6.routing.srh.last_entry", "Last Entry",
	    FT_UINT, BASE_DEC, 8 },
	[F_RT_SRH_FLAGS] = { "ipv6.routing.srh.flags", "Flags", FT_UINT,
	    BASE_HEX, 8 },
	[F_RT_SRH_TAG] = { "ipv6.routing.srh.tag", "Tag", FT_BYTES, BASE_DEC,
	    0 },
	[F_RT_SRH_ADDR] = { "ipv6.routing.srh.addr", "Address", FT_IPV6,
	    BASE_DEC, 0 },
	[F_RT_UNKNOWN] = { "ipv6.routing.unknown_data", "Type-Specific Data",
	    FT_BYTES, BASE_DEC, 0 },
	/* Fragment header. */
	[F_FR_NXT] = { "ipv6.fraghdr.nxt", "Next header", FT_UINT, BASE_DEC,
	    8 },
	[F_FR_RSV] = { "ipv6.fraghdr.reserved_octet", "Reserved octet",
	    FT_UINT, BASE_HEX, 8 },
	[F_FR_OFFSET] = { "ipv6.fraghdr.offset", "Offset", FT_UINT, BASE_DEC,
	    16 },
	[F_FR_RSV_BITS] = { "ipv6.fraghdr.reserved_bits", "Reserved bits",
	    FT_UINT, BASE_DEC, 16 },
	[F_FR_MORE] = { "ipv6.fraghdr.more", "More Fragments", FT_BOOL,
	    BASE_DEC, 16 },
	[F_FR_IDENT] = { "ipv6.fraghdr.ident", "Identification", FT_UINT,
	    BASE_HEX, 32 },
};
_Static_assert(sizeof ipv6_fields / sizeof ipv6_fields[0] == F_COUNT,
    "ipv6_fields: one entry per field id");
const struct field_table ipv6_field_table = { ipv6_fields, F_COUNT };

/* ip.version, hidden in every IPv6 header by tshark; ipv4.c keeps it
   first in its table. */
#define IP_VERSION_DEF	(&ipv4_field_table.defs[0])

#define IPV6_HDR	40
#define IPV6_MAX_EXT	64	/* extension headers followed at most */

#define NH_HOPOPTS	0
#define NH_ROUTING	43
#define NH_FRAGMENT	44
#define NH_NONE		59
#define NH_DSTOPTS	60

/* Option types (IANA "Destination Options and Hop-by-Hop Options"). */
#define OPT6_PAD1	0x00
#define OPT6_PADN	0x01
#define OPT6_TEL	0x04
#define OPT6_RA		0x05
#define OPT6_JUMBO	0xc2
#define OPT6_HOA	0xc9

static const struct value_name ipv6_opt_names[] = {
	{ OPT6_PAD1, "Pad1" },
	{ OPT6_PADN, "PadN" },
	{ OPT6_TEL, "Tunnel Encapsulation Limit" },
	{ OPT6_RA, "Router Alert" },
	{ OPT6_JUMBO, "Jumbo Payload" },
	{ OPT6_HOA, "Home Address" },
	{ 0, NULL }
};

static const struct value_name ipv6_rt_names[] = {
	{ 0, "Source Route" },
	{ 1, "Nimrod" },
	{ 2, "Type 2 Routing" },
	{ 3, "RPL Source Route" },
	{ 4, "Segment Routing" },
	{ 5, "Compact Routing Header 16" },
	{ 6, "Compact Routing Header 32" },
	{ 0, NULL }
};

static const char *const ipv6_opt_actions[4] = {
	"Skip and continue", "Discard",
	"Discard and send ICMP Parameter Problem",
	"Discard and send ICMP if not multicast"
};

static const char *const ipv6_ecn_names[4] = {
	"Not ECN-Capable Transport",
	"ECN-Capable Transport codepoint '10'",
	"ECN-Capable Transport codepoint '01'",
	"Congestion Experienced"
};

/* A tree length from off, clamped to the captured frame. */
static size_t
cap_len(const struct dissect *d, size_t off, size_t len)
{
	if (off >= d->caplen)
		return 0;
	return len < d->caplen - off ? len : d->caplen - off;
}

/* The tshark name of an option type (experimental ones end in 11110). */
static const char *
ipv6_opt_name(uint8_t type, char *buf, size_t size)
{
	const char *n = field_value_name(ipv6_opt_names, type);

	if (n != NULL)
		return n;
	if ((type & 0x1f) == 0x1e)
		snprintf(buf, size, "Experimental (0x%02X)", type);
	else
		snprintf(buf, size, "Unknown IPv6 Option (0x%02x)", type);
	return buf;
}

/* Name of a next-header value for the tree. */
static const char *
nh_name(uint8_t nxt)
{
	const char *n = ipproto_name(nxt);

	return n != NULL ? n : "Unknown";
}

/* An address with its hidden ipv6.addr / *_host / ipv6.host twins. */
static void
ipv6_addr_report(struct dissect *d, int f, int host_f, size_t off,
    const uint8_t *a)
{
	char text[48];
	size_t n;

	if (d->sink == NULL)
		return;
	n = addr_format(FT_IPV6, a, text, sizeof text);
	d_addr(d, &ipv6_fields[f], off, 16, a);
	d_addr(d, &ipv6_fields[F_ADDR], off, 16, a);
	d_string(d, &ipv6_fields[host_f], off, 16, text, n);
	d_string(d, &ipv6_fields[F_HOST], off, 16, text, n);
}

/* A special-address decoding: the src/dst field (base + which) and then
   the either-side field (base + 2). */
static void
ipv6_special_addr(struct dissect *d, int base, int which, size_t off,
    size_t len, const uint8_t *p)
{
	d_addr(d, &ipv6_fields[base + which], off, len, p);
	d_addr(d, &ipv6_fields[base + 2], off, len, p);
}

/* Same for a 16-bit number (SLA id, Teredo port). */
static void
ipv6_special_uint(struct dissect *d, int base, int which, size_t off,
    uint16_t v)
{
	d_uint(d, &ipv6_fields[base + which], off, 2, v, NULL);
	d_uint(d, &ipv6_fields[base + 2], off, 2, v, NULL);
}

/*
 * What tshark reads out of structured addresses (6to4, Teredo, SLAAC,
 * ISATAP, IPv4-embedded), in its order: each kind for the source, then
 * for the destination.
 */
static void
ipv6_special(struct dissect *d, size_t off, const uint8_t *src,
    const uint8_t *dst)
{
	static const uint8_t wkp[12] = { 0x00, 0x64, 0xff, 0x9b };
	const uint8_t *a[2] = { src, dst };
	size_t o[2] = { off + 8, off + 24 };
	uint8_t tmp[6];
	int i;

	if (d->sink == NULL)
		return;
	for (i = 0; i < 2; i++)
		if (a[i][0] == 0x20 && a[i][1] == 0x02) {
			ipv6_special_addr(d, F_6TO4_GW_SRC, i, o[i] + 2, 4,
			    a[i] + 2);
			ipv6_special_uint(d, F_6TO4_SLA_SRC, i, o[i] + 6,
			    be16_at(a[i] + 6));
		}
	for (i = 0; i < 2; i++)
		if (be32_at(a[i]) == 0x20010000) {
			ipv6_special_addr(d, F_TS_IPV4_SRC, i, o[i] + 4, 4,
			    a[i] + 4);
			ipv6_special_uint(d, F_TC_PORT_SRC, i, o[i] + 10,
			    (uint16_t)~be16_at(a[i] + 10));
			tmp[0] = (uint8_t)~a[i][12];
			tmp[1] = (uint8_t)~a[i][13];
			tmp[2] = (uint8_t)~a[i][14];
			tmp[3] = (uint8_t)~a[i][15];
			ipv6_special_addr(d, F_TC_IPV4_SRC, i, o[i] + 12, 4,
			    tmp);
		}
	for (i = 0; i < 2; i++)
		/* Only interface ids made from a universal MAC (the u bit
		   set in the id), as tshark decides. */
		if ((a[i][8] & 0x02) && a[i][11] == 0xff && a[i][12] == 0xfe) {
			tmp[0] = a[i][8] ^ 0x02;
			tmp[1] = a[i][9];
			tmp[2] = a[i][10];
			tmp[3] = a[i][13];
			tmp[4] = a[i][14];
			tmp[5] = a[i][15];
			ipv6_special_addr(d, F_SLAAC_SRC, i, o[i] + 8, 8, tmp);
		}
	for (i = 0; i < 2; i++)
		if ((a[i][8] & 0xfd) == 0x00 && a[i][9] == 0x00 &&
		    a[i][10] == 0x5e && a[i][11] == 0xfe)
			ipv6_special_addr(d, F_ISATAP_SRC, i, o[i] + 12, 4,
			    a[i] + 12);
	for (i = 0; i < 2; i++)
		if (memcmp(a[i], wkp, sizeof wkp) == 0) {
			d_bytes(d, &ipv6_fields[F_EMBED_PREFIX], o[i], 12);
			ipv6_special_addr(d, F_EMBED_SRC, i, o[i] + 12, 4,
			    a[i] + 12);
		}
}

/* The value fields of one hop-by-hop / destination option. */
static void
ipv6_opt_value(struct dissect *d, uint8_t type, const uint8_t *v,
    size_t off, uint8_t len, uint32_t *jumbo)
{
	uint16_t ra;

	switch (type) {
	case OPT6_PADN:
		d_bytes(d, &ipv6_fields[F_OPT_PADN], off, len);
		return;
	case OPT6_RA:
		if (len != 2)
			break;
		ra = be16_at(v);
		d_uint(d, &ipv6_fields[F_OPT_RA], off, 2, ra, ra == 0 ?
		    "MLD" : ra == 1 ? "RSVP" : ra == 2 ? "Active Networks" :
		    NULL);
		return;
	case OPT6_TEL:
		if (len != 1)
			break;
		d_uint(d, &ipv6_fields[F_OPT_TEL], off, 1, v[0], NULL);
		return;
	case OPT6_JUMBO:
		if (len != 4)
			break;
		*jumbo = be32_at(v);
		d_uint(d, &ipv6_fields[F_OPT_JUMBO], off, 4, *jumbo, NULL);
		return;
	case OPT6_HOA:
		if (len != 16)
			break;
		d_addr(d, &ipv6_fields[F_OPT_HOA], off, 16, v);
		return;
	default:
		if ((type & 0x1f) == 0x1e) {
			d_bytes(d, &ipv6_fields[F_OPT_EXP], off, len);
			return;
		}
		break;
	}
	if (len > 0)
		d_bytes(d, &ipv6_fields[F_OPT_UNKNOWN], off, len);
}

/* An option type byte and its action / may-change / low-order bits. */
static void
ipv6_opt_type(struct dissect *d, uint8_t type, const char *name, size_t off)
{
	d_uint(d, &ipv6_fields[F_OPT_TYPE], off, 1, type, name);
	d_push(d);
	d_uint(d, &ipv6_fields[F_OPT_ACTION], off, 1, type >> 6,
	    ipv6_opt_actions[type >> 6]);
	d_bool(d, &ipv6_fields[F_OPT_CHANGE], off, 1, type & 0x20,
	    type & 0x20 ? "Yes" : "No");
	d_uint(d, &ipv6_fields[F_OPT_REST], off, 1, type & 0x1f, NULL);
	d_pop(d);
}

/*
 * The options in oc (the body of a hop-by-hop or destination options
 * header, all captured).  Sets *jumbo from a Jumbo Payload option.
 * Returns LAYER_MALFORMED if an option runs past the header.
 */
static int
ipv6_options(struct dissect *d, struct cursor oc, uint32_t *jumbo)
{
	uint8_t type, len = 0;
	size_t start;
	const char *name;
	char buf[40];
	int status;

	/* Each pass consumes at least one byte: the loop is bounded by the
	   header length (at most 2048 bytes). */
	while (cur_left(&oc) > 0) {
		start = oc.pos;
		cur_u8(&oc, &type);
		name = ipv6_opt_name(type, buf, sizeof buf);
		if (type != OPT6_PAD1 && !cur_u8(&oc, &len)) {
			return d_malformed(d, start, 1, "%s without a length",
			    name);
		}
		if (type != OPT6_PAD1 && len > cur_left(&oc)) {
			/* tshark still shows the type and the length. */
			d_text(d, start, 2, "%s", name);
			d_push(d);
			ipv6_opt_type(d, type, name, start);
			d_uint(d, &ipv6_fields[F_OPT_LEN], start + 1, 1, len,
			    NULL);
			status = d_malformed(d, start + 1, 1, "option length "
			    "past the header");
			d_pop(d);	/* after: the line is the option's */
			return status;
		}
		d_text(d, start, type == OPT6_PAD1 ? 1 : 2u + len, "%s", name);
		d_push(d);
		if (type == OPT6_PAD1) {
			/* tshark splits no bits out of a Pad1 type. */
			d_uint(d, &ipv6_fields[F_OPT_TYPE], start, 1, type,
			    name);
			d_bool(d, &ipv6_fields[F_OPT_PAD1], start, 1, true,
			    NULL);
			d_pop(d);
			continue;
		}
		ipv6_opt_type(d, type, name, start);
		d_uint(d, &ipv6_fields[F_OPT_LEN], start + 1, 1, len, NULL);
		ipv6_opt_value(d, type, cur_ptr(&oc), oc.pos, len, jumbo);
		d_pop(d);
		cur_skip(&oc, len);
	}
	return LAYER_OK;
}

/* The body of a routing header after its first four bytes. */
static void
ipv6_routing_body(struct dissect *d, uint8_t type, struct cursor b)
{
	size_t i, last;

	switch (type) {
	case 0:
	case 2:
		if (!cur_has(&b, 4))
			return;
		d_bytes(d, &ipv6_fields[type == 0 ? F_RT_SRC_RSV :
		    F_RT_MIP_RSV], b.pos, 4);
		cur_skip(&b, 4);
		for (i = 0; i < 128 && cur_has(&b, 16); i++) {
			d_addr(d, &ipv6_fields[type == 0 ? F_RT_SRC_ADDR :
			    F_RT_MIP_HOA], b.pos, 16, cur_ptr(&b));
			cur_skip(&b, 16);
		}
		return;
	case 4:
		if (!cur_has(&b, 4))
			return;
		last = cur_ptr(&b)[0];
		d_uint(d, &ipv6_fields[F_RT_SRH_LAST], b.pos, 1, last, NULL);
		d_uint(d, &ipv6_fields[F_RT_SRH_FLAGS], b.pos + 1, 1,
		    cur_ptr(&b)[1], NULL);
		d_bytes(d, &ipv6_fields[F_RT_SRH_TAG], b.pos + 2, 2);
		cur_skip(&b, 4);
		/* The segment list; TLVs may follow it. */
		for (i = 0; i <= last && cur_has(&b, 16); i++) {
			d_addr(d, &ipv6_fields[F_RT_SRH_ADDR], b.pos, 16,
			    cur_ptr(&b));
			cur_skip(&b, 16);
		}
		return;
	default:
		break;
	}
	if (cur_left(&b) > 0)
		d_bytes(d, &ipv6_fields[F_RT_UNKNOWN], b.pos, cur_left(&b));
}

/* What the extension-header walk found. */
struct ipv6_walk {
	uint8_t		 nxt;		/* protocol after the headers */
	uint32_t	 jumbo;		/* Jumbo Payload length, 0 if none */
	bool		 later_frag;	/* a fragment with offset > 0 */
	uint16_t	 frag_off;	/* in 8-byte units */
	bool		 frag_more;
	uint32_t	 frag_id;
	int		 status;
	bool		 have_final;	/* a routing header names the final
					   destination (pseudo-header) */
	uint8_t		 final_dst[16];
};

/*
 * The final destination a routing header with segments left names (RFC
 * 8200 8.1: it goes into the upper-layer pseudo-header): the last address
 * of type 0, the home address of type 2, segment 0 of a segment routing
 * header (RFC 8754).  b is the header after its first four bytes.
 */
static bool
ipv6_final_dst(uint8_t type, uint8_t segleft, struct cursor b, uint8_t *out)
{
	size_t n;

	if (segleft == 0)
		return false;
	switch (type) {
	case 0:
	case 2:
		if (!cur_skip(&b, 4))
			return false;
		n = cur_left(&b) / 16;
		if (n == 0)
			return false;
		cur_skip(&b, (n - 1) * 16);
		return cur_bytes(&b, out, 16);
	case 4:
		return cur_skip(&b, 4) && cur_bytes(&b, out, 16);
	default:
		return false;
	}
}

/*
 * Walk one extension header at c (options, routing or fragment).
 * Returns false when the capture or the declared lengths end inside it
 * (status already set).
 */
static bool
ipv6_ext(struct dissect *d, struct cursor *c, struct ipv6_walk *w)
{
	size_t start = c->pos, hlen;
	uint8_t nxt, len, kind = w->nxt;
	uint16_t fo;
	int f_nxt, f_len, opt_status;
	struct cursor b;
	const char *title;
	bool cut;

	if (kind == NH_FRAGMENT) {
		/* tshark shows nothing of a fragment header cut short. */
		if (!cur_has(c, 8)) {
			w->status |= LAYER_TRUNCATED;
			return false;
		}
		cur_u8(c, &nxt);
		cur_u8(c, &len);
		cur_be16(c, &fo);
		cur_be32(c, &w->frag_id);
		w->frag_off = fo >> 3;
		w->frag_more = fo & 1;
		d_text(d, start, 8, "Fragment Header for IPv6");
		d_push(d);
		d_uint(d, &ipv6_fields[F_FR_NXT], start, 1, nxt,
		    nh_name(nxt));
		d_uint(d, &ipv6_fields[F_FR_RSV], start + 1, 1, len, NULL);
		d_uint(d, &ipv6_fields[F_FR_OFFSET], start + 2, 2, fo >> 3,
		    NULL);
		d_uint(d, &ipv6_fields[F_FR_RSV_BITS], start + 2, 2,
		    (fo >> 1) & 3, NULL);
		d_bool(d, &ipv6_fields[F_FR_MORE], start + 2, 2, fo & 1,
		    fo & 1 ? "Yes" : "No");
		d_uint(d, &ipv6_fields[F_FR_IDENT], start + 4, 4, w->frag_id,
		    NULL);
		d_pop(d);
		if (w->frag_off > 0)
			w->later_frag = true;
		w->nxt = nxt;
		return true;
	}
	if (kind == NH_ROUTING) {
		title = "Routing Header for IPv6";
		f_nxt = F_RT_NXT;
		f_len = F_RT_LEN;
	} else if (kind == NH_HOPOPTS) {
		title = "IPv6 Hop-by-Hop Option";
		f_nxt = F_HBH_NXT;
		f_len = F_HBH_LEN;
	} else {
		title = "Destination Options for IPv6";
		f_nxt = F_DST_NXT;
		f_len = F_DST_LEN;
	}
	/* Like tshark, show each field that was captured, in order. */
	if (!cur_u8(c, &nxt)) {
		w->status |= LAYER_TRUNCATED;
		return false;
	}
	len = 0;
	cur_peek8(c, 0, &len);
	hlen = ((size_t)len + 1) * 8;
	d_text(d, start, cap_len(d, start, hlen), "%s", title);
	d_push(d);
	d_uint(d, &ipv6_fields[f_nxt], start, 1, nxt, nh_name(nxt));
	if (!cur_u8(c, &len)) {
		d_pop(d);
		w->status |= LAYER_TRUNCATED;
		return false;
	}
	d_uint(d, &ipv6_fields[f_len], start + 1, 1, len, NULL);
	/* len_oct follows len in each table. */
	d_uint(d, &ipv6_fields[f_len + 1], start + 1, 0, hlen, NULL);
	b = cur_sub(c, hlen - 2, &cut);
	if (kind == NH_ROUTING) {
		uint8_t type, segleft;
		const char *tn;

		if (cur_u8(&b, &type)) {
			tn = field_value_name(ipv6_rt_names, type);
			d_uint(d, &ipv6_fields[F_RT_TYPE], start + 2, 1, type,
			    tn != NULL ? tn : "Unknown");
		}
		if (cur_u8(&b, &segleft)) {
			d_uint(d, &ipv6_fields[F_RT_SEGLEFT], start + 3, 1,
			    segleft, NULL);
			if (ipv6_final_dst(type, segleft, b, w->final_dst))
				w->have_final = true;
			ipv6_routing_body(d, type, b);
		}
	} else {
		opt_status = ipv6_options(d, b, &w->jumbo);
		/* An option running past a header that was cut short is
		   the capture's doing, not the packet's. */
		if (!cut)
			w->status |= opt_status;
	}
	if (cut) {
		d_text(d, c->end, 0, "[truncated]");
		d_pop(d);
		w->status |= LAYER_TRUNCATED;
		return false;
	}
	d_pop(d);
	cur_skip(c, hlen - 2);
	w->nxt = nxt;
	return true;
}

/*
 * Look in the hop-by-hop header at c for a Jumbo Payload option (RFC
 * 2675), needed before the walk to know where the payload ends.
 */
static bool
ipv6_find_jumbo(struct cursor c, uint32_t *jumbo)
{
	uint8_t nxt, len, type, olen;
	struct cursor o;

	if (!cur_u8(&c, &nxt) || !cur_u8(&c, &len))
		return false;
	o = cur_sub(&c, (size_t)len * 8 + 6, NULL);
	while (cur_u8(&o, &type)) {
		if (type == OPT6_PAD1)
			continue;
		if (!cur_u8(&o, &olen) || !cur_has(&o, olen))
			return false;
		if (type == OPT6_JUMBO && olen == 4) {
			cur_be32(&o, jumbo);
			return true;
		}
		cur_skip(&o, olen);
	}
	return false;
}

/* Fill the flow key from this header if no outer IP header did. */
static void
ipv6_set_key(struct dissect *d, int layer, const uint8_t *src,
    const uint8_t *dst, uint8_t proto)
{
	if (d->pi->ipver != 0)
		return;
	d->pi->ipver = 6;
	d->pi->l4proto = proto;
	memcpy(d->pi->src, src, 16);
	memcpy(d->pi->dst, dst, 16);
	d->key_layer = layer;
}

/* Is nxt an extension header we walk through? */
static bool
is_ext_header(uint8_t nxt)
{
	return nxt == NH_HOPOPTS || nxt == NH_ROUTING ||
	    nxt == NH_FRAGMENT || nxt == NH_DSTOPTS;
}

/* Decode an IPv6 header, its extension headers, then its payload. */
void
ipv6_decode(struct dissect *d, struct cursor c)
{
	size_t start = c.pos, avail;
	uint32_t w32;
	uint16_t plen;
	uint8_t hlim, src[16], dst[16], tc;
	struct ipv6_walk w;
	struct ip_ctx saved;
	struct cursor body;
	bool cut;
	int layer, n;

	if (!d_open(d, P_IPV6, start))
		return;
	layer = d->layers - 1;
	memset(&w, 0, sizeof w);
	if (!cur_be32(&c, &w32)) {
		/* Show the version if the first byte is there. */
		if (cur_has(&c, 1)) {
			d_uint(d, &ipv6_fields[F_VERSION], start, 1,
			    cur_ptr(&c)[0] >> 4, NULL);
			d_uint(d, IP_VERSION_DEF, start, 1,
			    cur_ptr(&c)[0] >> 4, NULL);
		}
		d_text(d, start, 0, "[truncated]");
		d_close(d, c.end, LAYER_TRUNCATED);
		return;
	}
	d_uint(d, &ipv6_fields[F_VERSION], start, 1, w32 >> 28, NULL);
	d_uint(d, IP_VERSION_DEF, start, 1, w32 >> 28, NULL);
	if (w32 >> 28 != 6) {
		d_close(d, c.pos, d_malformed(d, start, 1,
		    "bogus IPv6 version %u", w32 >> 28));
		return;
	}
	tc = (uint8_t)(w32 >> 20);
	d_uint(d, &ipv6_fields[F_TCLASS], start, 4, tc, NULL);
	d_push(d);
	d_uint(d, &ipv6_fields[F_DSCP], start, 4, tc >> 2, NULL);
	d_uint(d, &ipv6_fields[F_ECN], start, 4, tc & 3,
	    ipv6_ecn_names[tc & 3]);
	d_pop(d);
	d_uint(d, &ipv6_fields[F_FLOW], start + 1, 3, w32 & 0xfffff, NULL);
	if (!cur_be16(&c, &plen))
		goto trunc;
	d_uint(d, &ipv6_fields[F_PLEN], start + 4, 2, plen, NULL);
	if (!cur_u8(&c, &w.nxt))
		goto trunc;
	d_uint(d, &ipv6_fields[F_NXT], start + 6, 1, w.nxt, nh_name(w.nxt));
	if (!cur_u8(&c, &hlim))
		goto trunc;
	d_uint(d, &ipv6_fields[F_HLIM], start + 7, 1, hlim, NULL);
	if (!cur_bytes(&c, src, 16))
		goto trunc;
	ipv6_addr_report(d, F_SRC, F_SRC_HOST, start + 8, src);
	if (!cur_bytes(&c, dst, 16))
		goto trunc;
	ipv6_addr_report(d, F_DST, F_DST_HOST, start + 24, dst);
	ipv6_special(d, start, src, dst);

	/*
	 * The payload: plen bytes, clamped to what was captured.  A zero
	 * length means "see the Jumbo Payload option" when a hop-by-hop
	 * header follows; it is resolved after the walk.
	 */
	avail = cur_left(&c);
	body = c;
	cut = false;
	if (plen != 0) {
		body = cur_sub(&c, plen, &cut);
		if (cut) {
			if (d->caplen < d->wirelen)
				w.status |= LAYER_TRUNCATED;
			else
				w.status |= d_malformed(d, start + 4, 2,
				    "payload length %u exceeds the packet "
				    "(%zu bytes)", plen, avail);
		}
	} else if (w.nxt != NH_HOPOPTS || !ipv6_find_jumbo(body, &w.jumbo)) {
		/* No payload, unless a Jumbo Payload option says so. */
		cur_limit(&body, 0);
		if (w.nxt == NH_HOPOPTS) {
			w.status |= d_malformed(d, start + 4, 2, "payload "
			    "length 0 without a Jumbo Payload option");
			ipv6_set_key(d, layer, src, dst, w.nxt);
			d_close(d, body.end, w.status);
			return;
		}
	} else
		cur_limit(&body, w.jumbo);

	for (n = 0; is_ext_header(w.nxt) && !w.later_frag; n++) {
		if (n >= IPV6_MAX_EXT) {
			w.status |= d_malformed(d, body.pos, 0, "more than %d "
			    "extension headers", IPV6_MAX_EXT);
			break;
		}
		if (!ipv6_ext(d, &body, &w)) {
			ipv6_set_key(d, layer, src, dst, w.nxt);
			d_text(d, body.pos, 0, "[truncated]");
			d_close(d, body.end, w.status);
			return;
		}
	}
	ipv6_set_key(d, layer, src, dst, w.nxt);

	if (w.later_frag) {
		d_info(d, "IPv6 fragment (off=%u more=%c ident=0x%08x nxt=%u)",
		    w.frag_off * 8u, w.frag_more ? 'y' : 'n', w.frag_id,
		    w.nxt);
		data_decode(d, body);
	} else if (is_ext_header(w.nxt)) {
		data_decode(d, body);
	} else {
		if (w.nxt == NH_NONE)
			d_info(d, "IPv6 no next header");
		else
			d_info(d, "Unknown IP Protocol: %s (%u)",
			    nh_name(w.nxt), w.nxt);
		saved = d->ip;
		d->ip.ver = 6;
		d->ip.ttl = hlim;
		d->ip.frag = w.frag_more;
		d->ip.end = start + IPV6_HDR + (plen != 0 ? plen : w.jumbo);
		memcpy(d->ip.src, src, 16);
		memcpy(d->ip.dst, w.have_final ? w.final_dst : dst, 16);
		ipproto_dispatch(d, w.nxt, body);
		d->ip = saved;
	}
	d_close(d, body.end, w.status);
	return;
trunc:
	d_text(d, c.pos, 0, "[truncated]");
	d_close(d, c.end, LAYER_TRUNCATED);
}
