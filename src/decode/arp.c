/*
 * Address Resolution Protocol (RFC 826), Reverse ARP (RFC 903), Inverse
 * ARP (RFC 2390) and Dynamic RARP (RFC 1931): one header format with
 * variable address sizes.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Hardware type         |         Protocol type         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  HW size (hs) | Proto size(ps)|            Opcode             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Sender hardware address (hs) | Sender protocol address (ps)   |
 *  | Target hardware address (hs) | Target protocol address (ps)   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Addresses print as MAC / IPv4 only for Ethernet-like hardware with
 * 6-byte addresses and IPv4 with 4-byte ones, else as bytes, as tshark
 * does.  tshark reads all four addresses before it shows any, so a
 * packet too short for them shows the fixed part only: so do we.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "decoders.h"

#define ARP_FIXED_LEN		8
#define ARPHRD_ETHER		1
#define ARPHRD_IEEE802		6
#define ETHERTYPE_IPV4		0x0800
#define AX25_P_IP		0x00cc

#define ARPOP_REQUEST		1
#define ARPOP_REPLY		2
#define ARPOP_RREQUEST		3
#define ARPOP_RREPLY		4
#define ARPOP_DRARPREQUEST	5
#define ARPOP_DRARPREPLY	6
#define ARPOP_DRARPERROR	7
#define ARPOP_IREQUEST		8
#define ARPOP_IREPLY		9
#define ARPOP_NAK		10

#define ADDR_STR_MAX		80	/* hex of up to 36 bytes, or "…" */

enum {
	F_HW_TYPE, F_PROTO_TYPE, F_HW_SIZE, F_PROTO_SIZE, F_OPCODE,
	F_GRATUITOUS, F_PROBE, F_ANNOUNCE, F_SRC_HW, F_SRC_HW_MAC, F_SRC_PROTO,
	F_SRC_IPV4, F_DST_HW, F_DST_HW_MAC, F_DST_PROTO, F_DST_IPV4,
	F_DRARP_ERR, F_COUNT
};

static const struct value_name arp_opcodes[] = {
	{ 1, "request" },
	{ 2, "reply" },
	{ 3, "reverse request" },
	{ 4, "reverse reply" },
	{ 5, "drarp request" },
	{ 6, "drarp reply" },
	{ 7, "drarp error" },
	{ 8, "inverse request" },
	{ 9, "inverse reply" },
	{ 10, "arp nak" },
	{ 11, "mars request" },
	{ 12, "mars multi" },
	{ 13, "mars mserv" },
	{ 14, "mars join" },
	{ 15, "mars leave" },
	{ 16, "mars nak" },
	{ 17, "mars unserv" },
	{ 18, "mars sjoin" },
	{ 19, "mars sleave" },
	{ 20, "mars grouplist request" },
	{ 21, "mars grouplist reply" },
	{ 22, "mars redirect map" },
	{ 23, "mapos unarp" },
	{ 24, "experimental 1" },
	{ 25, "experimental 2" },
	{ 0, NULL }
};

static const struct value_name arp_hwtypes[] = {
	{ 1, "Ethernet" },
	{ 2, "Experimental Ethernet" },
	{ 3, "AX.25" },
	{ 6, "IEEE 802" },
	{ 7, "ARCNET" },
	{ 15, "Frame Relay DLCI" },
	{ 16, "ATM" },
	{ 17, "HDLC" },
	{ 18, "Fibre Channel" },
	{ 19, "ATM (RFC 2225)" },
	{ 20, "Serial Line" },
	{ 24, "IEEE 1394.1995" },
	{ 27, "EUI-64" },
	{ 32, "InfiniBand" },
	{ 0, NULL }
};

static const struct field_def arp_fields[] = {
	[F_HW_TYPE] = { "arp.hw.type", "Hardware type", FT_UINT, BASE_DEC,
	    16,
	    .vals = arp_hwtypes },
	[F_PROTO_TYPE] = { "arp.proto.type", "Protocol type", FT_UINT,
	    BASE_HEX, 16 },
	[F_HW_SIZE] = { "arp.hw.size", "Hardware size", FT_UINT, BASE_DEC, 8 },
	[F_PROTO_SIZE] = { "arp.proto.size", "Protocol size", FT_UINT,
	    BASE_DEC, 8 },
	[F_OPCODE] = { "arp.opcode", "Opcode", FT_UINT, BASE_DEC, 16,
	    .vals = arp_opcodes },
	[F_GRATUITOUS] = { "arp.isgratuitous", "Is gratuitous", FT_BOOL,
	    BASE_DEC, 0 },
	[F_PROBE] = { "arp.isprobe", "Is probe", FT_BOOL, BASE_DEC, 0 },
	[F_ANNOUNCE] = { "arp.isannouncement", "Is announcement", FT_BOOL,
	    BASE_DEC, 0 },
	[F_SRC_HW] = { "arp.src.hw", "Sender hardware address", FT_BYTES,
	    BASE_DEC, 0 },
	[F_SRC_HW_MAC] = { "arp.src.hw_mac", "Sender MAC address", FT_ETHER,
	    BASE_DEC, 0 },
	[F_SRC_PROTO] = { "arp.src.proto", "Sender protocol address", FT_BYTES,
	    BASE_DEC, 0 },
	[F_SRC_IPV4] = { "arp.src.proto_ipv4", "Sender IP address", FT_IPV4,
	    BASE_DEC, 0 },
	[F_DST_HW] = { "arp.dst.hw", "Target hardware address", FT_BYTES,
	    BASE_DEC, 0 },
	[F_DST_HW_MAC] = { "arp.dst.hw_mac", "Target MAC address", FT_ETHER,
	    BASE_DEC, 0 },
	[F_DST_PROTO] = { "arp.dst.proto", "Target protocol address", FT_BYTES,
	    BASE_DEC, 0 },
	[F_DST_IPV4] = { "arp.dst.proto_ipv4", "Target IP address", FT_IPV4,
	    BASE_DEC, 0 },
	[F_DRARP_ERR] = { "arp.dst.drarp_error_status", "DRARP error status",
	    FT_UINT, BASE_DEC, 16 },
};
_Static_assert(sizeof arp_fields / sizeof arp_fields[0] == F_COUNT,
    "arp_fields: one entry per field id");
const struct field_table arp_field_table = { arp_fields, F_COUNT };

/* DRARP error codes (RFC 1931). */
static const struct value_name drarp_errors[] = {
	{ 1, "noresource" },
	{ 2, "noaddress" },
	{ 3, "serverdown" },
	{ 4, "addressinuse" },
	{ 0, NULL }
};

/* Is this an Ethernet-style hardware address? */
static bool
arp_hw_is_mac(uint16_t hrd, uint8_t hs)
{
	return (hrd == ARPHRD_ETHER || hrd == ARPHRD_IEEE802) && hs == 6;
}

/* Is this an IPv4 protocol address? */
static bool
arp_proto_is_ipv4(uint16_t pro, uint8_t ps)
{
	return (pro == ETHERTYPE_IPV4 || pro == AX25_P_IP) && ps == 4;
}

/* Are the n bytes at p all zero? */
static bool
arp_all_zero(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return false;
	return true;
}

/*
 * An address as the Info column shows it: MAC or IPv4 text when typed,
 * else lowercase hex (cut to 36 bytes with an ellipsis), "<No address>"
 * when empty.
 */
static void
arp_addr_str(const uint8_t *p, size_t n, bool mac, bool ipv4, char *buf,
    size_t size)
{
	size_t i, used = 0, shown = n > 36 ? 36 : n;

	if (n == 0)
		snprintf(buf, size, "<No address>");
	else if (mac)
		addr_format(FT_ETHER, p, buf, size);
	else if (ipv4)
		addr_format(FT_IPV4, p, buf, size);
	else {
		buf[0] = '\0';
		for (i = 0; i < shown && used + 3 <= size; i++)
			used += (size_t)snprintf(buf + used, size - used,
			    "%02x", p[i]);
		if (shown < n && used + 4 <= size)
			snprintf(buf + used, size - used, "\xe2\x80\xa6");
	}
}

/* Report one hardware or protocol address (p, n bytes) at off. */
static void
arp_addr_field(struct dissect *d, int typed, int raw, bool is_typed,
    size_t off, const uint8_t *p, size_t n)
{
	if (is_typed)
		d_addr(d, &arp_fields[typed], off, n, p);
	else
		d_bytes(d, &arp_fields[raw], off, n);
}

/* Decode an ARP / RARP / InARP packet. */
void
arp_decode(struct dissect *d, struct cursor c)
{
	uint16_t hrd, pro, op;
	uint8_t hs, ps;
	size_t start = c.pos, sha, spa, tha, tpa, total;
	const uint8_t *p_sha, *p_spa, *p_tha, *p_tpa;
	bool mac, ipv4, grat = false, probe = false, announce = false;
	char s_hw[ADDR_STR_MAX], s_pr[ADDR_STR_MAX];
	char t_hw[ADDR_STR_MAX], t_pr[ADDR_STR_MAX];
	const char *opname;

	if (!d_open(d, P_ARP, start))
		return;
	d_info(d, "%s", "");
	if (!cur_be16(&c, &hrd) || !cur_be16(&c, &pro) ||
	    !cur_u8(&c, &hs) || !cur_u8(&c, &ps) || !cur_be16(&c, &op)) {
		d_text(d, start, cur_left(&c), "[truncated]");
		d_close(d, c.end, LAYER_TRUNCATED);
		return;
	}
	opname = field_value_name(arp_opcodes, op);
	d_uint(d, &arp_fields[F_HW_TYPE], start, 2, hrd,
	    field_value_name(arp_hwtypes, hrd));
	d_uint(d, &arp_fields[F_PROTO_TYPE], start + 2, 2, pro,
	    ethertype_name(pro));
	d_uint(d, &arp_fields[F_HW_SIZE], start + 4, 1, hs, NULL);
	d_uint(d, &arp_fields[F_PROTO_SIZE], start + 5, 1, ps, NULL);

	/* Sizes are at most 255 each: no overflow in size_t. */
	sha = start + ARP_FIXED_LEN;
	spa = sha + hs;
	tha = spa + ps;
	tpa = tha + hs;
	total = ARP_FIXED_LEN + 2 * ((size_t)hs + ps);
	if (!cur_has(&c, total - ARP_FIXED_LEN)) {
		d_uint(d, &arp_fields[F_OPCODE], start + 6, 2, op,
		    opname != NULL ? opname : "Unknown");
		d_text(d, sha, cur_left(&c), "[truncated: %zu address bytes "
		    "for sizes %u and %u]", cur_left(&c), hs, ps);
		/* Cut by the snapshot length: truncated; sizes larger than
		   the packet on the wire: malformed. */
		d_close(d, c.end, c.end == d->caplen &&
		    d->caplen < d->wirelen && start + total <= d->wirelen ?
		    LAYER_TRUNCATED : LAYER_MALFORMED);
		return;
	}
	/* All four addresses lie in the window (checked just above). */
	p_sha = cur_ptr(&c);
	p_spa = p_sha + hs;
	p_tha = p_spa + ps;
	p_tpa = p_tha + hs;

	/* Without protocol addresses there is nothing to compare. */
	if ((op == ARPOP_REQUEST || op == ARPOP_REPLY) && ps > 0 &&
	    memcmp(p_spa, p_tpa, ps) == 0) {
		grat = true;
		announce = op == ARPOP_REQUEST &&
		    arp_all_zero(p_tha, hs);
	}
	if (op == ARPOP_REQUEST && !grat && ps > 0 &&
	    arp_all_zero(p_spa, ps) &&
	    arp_all_zero(p_tha, hs))
		probe = true;

	d_uint(d, &arp_fields[F_OPCODE], start + 6, 2, op,
	    opname != NULL ? opname : "Unknown");
	if (grat)
		d_bool(d, &arp_fields[F_GRATUITOUS], start + 6, 0, true,
		    "True");
	if (probe)
		d_bool(d, &arp_fields[F_PROBE], start + 6, 0, true, "True");
	if (announce)
		d_bool(d, &arp_fields[F_ANNOUNCE], start + 6, 0, true,
		    "True");

	mac = arp_hw_is_mac(hrd, hs);
	ipv4 = arp_proto_is_ipv4(pro, ps);
	if (hs > 0)
		arp_addr_field(d, F_SRC_HW_MAC, F_SRC_HW, mac, sha, p_sha,
		    hs);
	if (ps > 0)
		arp_addr_field(d, F_SRC_IPV4, F_SRC_PROTO, ipv4, spa, p_spa,
		    ps);
	if (hs > 0)
		arp_addr_field(d, F_DST_HW_MAC, F_DST_HW, mac, tha, p_tha,
		    hs);
	if (op == ARPOP_DRARPERROR) {
		/* The target protocol address carries the error code. */
		if (ps > 0)
			d_uint(d, &arp_fields[F_DRARP_ERR], tpa, 1,
			    p_tpa[0], field_value_name(drarp_errors, p_tpa[0]));
	} else if (ps > 0)
		arp_addr_field(d, F_DST_IPV4, F_DST_PROTO, ipv4, tpa, p_tpa,
		    ps);

	if (!d->want_info || d->fence > 0) {
		d_close(d, start + total, LAYER_OK);
		return;
	}
	arp_addr_str(p_sha, hs, mac, false, s_hw, sizeof s_hw);
	arp_addr_str(p_spa, ps, false, ipv4, s_pr, sizeof s_pr);
	arp_addr_str(p_tha, hs, mac, false, t_hw, sizeof t_hw);
	arp_addr_str(p_tpa, ps, false, ipv4, t_pr, sizeof t_pr);
	switch (op) {
	case ARPOP_REQUEST:
		if (announce)
			d_info(d, "ARP Announcement for %s", s_pr);
		else if (grat)
			d_info(d, "Gratuitous ARP for %s (Request)", s_pr);
		else if (probe)
			d_info(d, "Who has %s? (ARP Probe)", t_pr);
		else
			d_info(d, "Who has %s? Tell %s", t_pr, s_pr);
		break;
	case ARPOP_REPLY:
		if (grat)
			d_info(d, "Gratuitous ARP for %s (Reply)", s_pr);
		else
			d_info(d, "%s is at %s", s_pr, s_hw);
		break;
	case ARPOP_RREQUEST:
	case ARPOP_DRARPREQUEST:
	case ARPOP_IREQUEST:
		d_info(d, "Who is %s? Tell %s", t_hw, s_hw);
		break;
	case ARPOP_RREPLY:
	case ARPOP_DRARPREPLY:
		d_info(d, "%s is at %s", t_hw, t_pr);
		break;
	case ARPOP_DRARPERROR:
		d_info(d, "DRARP Error");
		break;
	case ARPOP_IREPLY:
		d_info(d, "%s is at %s", s_hw, s_pr);
		break;
	case ARPOP_NAK:
		d_info(d, "ARP NAK");
		break;
	default:
		if (opname != NULL) {
			/* "Experimental 1 ( opcode 24 )": capitalised. */
			d_info(d, "%c%s ( opcode %u )", opname[0] - 'a' + 'A',
			    opname + 1, op);
		} else
			d_info(d, "Unknown ARP opcode 0x%04x", op);
		break;
	}
	d_close(d, start + total, LAYER_OK);
}
