/*
 * Ethernet II (DIX) and IEEE 802.3 frames, and the EtherType dispatch
 * every link layer shares (IEEE Std 802.3, clause 3; RFC 894).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 Destination address (6 octets)                |
 *  +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                               |                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 *  |                   Source address (6 octets)                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |       Type or Length          |  Payload ...
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * A Type/Length value below 1536 is an 802.3 length: an 802.2 LLC header
 * follows and the frame may carry padding after the declared length.
 * Whatever follows the payload of the innermost EtherType (padding up to
 * the 60-byte minimum, a trailer, an FCS) is reported as tshark 4.0 does:
 * see ethertype_trailer().
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "decoders.h"

#define ETH_HDR_LEN		14
#define ETH_MAX_LEN		1500	/* larger Type/Length values ... */
#define ETH_TYPE_MIN		1536	/* ... from here on are EtherTypes */
#define ETH_MIN_FRAME		60	/* minimum frame without FCS */
#define ETH_FCS_LEN		4

#define ETHERTYPE_IPV4		0x0800
#define ETHERTYPE_ARP		0x0806
#define ETHERTYPE_TEB		0x6558
#define ETHERTYPE_RARP		0x8035
#define ETHERTYPE_VLAN		0x8100
#define ETHERTYPE_IPV6		0x86dd
#define ETHERTYPE_QINQ		0x88a8
#define ETHERTYPE_QINQ_OLD	0x9100
#define IPV6_OPT_JUMBO		0xc2

enum {
	F_DST, F_ADDR, F_DST_LG, F_DST_IG, F_SRC, F_SRC_LG, F_SRC_IG, F_TYPE,
	F_LEN, F_PADDING, F_TRAILER, F_FCS, F_FCS_STATUS, F_COUNT
};

/* The names tshark 4.0 gives (the eth.type value strings). */
const struct value_name ethertype_names[] = {
	{ 0x0800, "IPv4" },
	{ 0x0806, "ARP" },
	{ 0x0842, "Wake on LAN" },
	{ 0x22f0, "IEEE 1722 Audio Video Transport Protocol" },
	{ 0x6558, "Transparent Ethernet bridging" },
	{ 0x8035, "RARP" },
	{ 0x80f3, "AARP" },
	{ 0x8100, "802.1Q Virtual LAN" },
	{ 0x8137, "Netware IPX/SPX" },
	{ 0x86dd, "IPv6" },
	{ 0x8808, "MAC Control" },
	{ 0x8809, "Slow Protocols" },
	{ 0x8847, "MPLS label switched packet" },
	{ 0x8848, "MPLS multicast label switched packet" },
	{ 0x8863, "PPPoE Discovery" },
	{ 0x8864, "PPPoE Session" },
	{ 0x8870, "Jumbo LLC" },
	{ 0x888e, "802.1X Authentication" },
	{ 0x8892, "PROFINET" },
	{ 0x88a4, "EtherCAT frame" },
	{ 0x88a8, "802.1ad Provider Bridge (Q-in-Q)" },
	{ 0x88b5, "Local Experimental Ethertype 1" },
	{ 0x88b6, "Local Experimental Ethertype 2" },
	{ 0x88b8, "IEC 61850/GOOSE" },
	{ 0x88c7, "802.11i Pre-Authentication" },
	{ 0x88ca, "Transparent Inter Process Communication" },
	{ 0x88cc, "802.1 Link Layer Discovery Protocol (LLDP)" },
	{ 0x88e3, "MRP" },
	{ 0x88e5, "802.1AE (MACsec)" },
	{ 0x88e7, "802.1ah Provider Backbone Bridge (mac-in-mac)" },
	{ 0x88f7, "PTPv2 over Ethernet (IEEE1588)" },
	{ 0x88fb, "Parallel Redundancy Protocol (PRP) and HSR Supervision "
	    "(IEC62439 Part 3)" },
	{ 0x8902, "IEEE 802.1ag Connectivity Fault Management (CFM) protocol" },
	{ 0x8906, "Fibre Channel over Ethernet" },
	{ 0x8914, "FCoE Initialization Protocol" },
	{ 0x892f, "High-availability Seamless Redundancy (IEC62439 Part 3)" },
	{ 0x893a, "1905.1a Convergent Digital Home Network for Heterogenous "
	    "Technologies" },
	{ 0x9000, "Loopback" },
	{ 0x9100, "QinQ: old non-standard 802.1ad" },
	{ 0, NULL }
};

static const struct field_def eth_fields[] = {
	[F_DST] = { "eth.dst", "Destination", FT_ETHER, BASE_DEC, 0 },
	[F_ADDR] = { "eth.addr", "Address", FT_ETHER, BASE_DEC, 0 },
	[F_DST_LG] = { "eth.dst.lg", "LG bit", FT_BOOL, BASE_DEC, 24 },
	[F_DST_IG] = { "eth.dst.ig", "IG bit", FT_BOOL, BASE_DEC, 24 },
	[F_SRC] = { "eth.src", "Source", FT_ETHER, BASE_DEC, 0 },
	[F_SRC_LG] = { "eth.src.lg", "LG bit", FT_BOOL, BASE_DEC, 24 },
	[F_SRC_IG] = { "eth.src.ig", "IG bit", FT_BOOL, BASE_DEC, 24 },
	[F_TYPE] = { "eth.type", "Type", FT_UINT, BASE_HEX, 16,
	    .vals = ethertype_names },
	[F_LEN] = { "eth.len", "Length", FT_UINT, BASE_DEC, 16 },
	[F_PADDING] = { "eth.padding", "Padding", FT_BYTES, BASE_DEC, 0 },
	[F_TRAILER] = { "eth.trailer", "Trailer", FT_BYTES, BASE_DEC, 0 },
	[F_FCS] = { "eth.fcs", "Frame check sequence", FT_UINT, BASE_HEX, 32 },
	[F_FCS_STATUS] = { "eth.fcs.status", "FCS Status", FT_UINT, BASE_DEC,
	    8 },
};
_Static_assert(sizeof eth_fields / sizeof eth_fields[0] == F_COUNT,
    "eth_fields: one entry per field id");
const struct field_table eth_field_table = { eth_fields, F_COUNT };

/* The tshark name of an EtherType, or NULL. */
const char *
ethertype_name(uint16_t type)
{
	return field_value_name(ethertype_names, type);
}

/* Is this EtherType a VLAN tag (802.1Q, 802.1ad or the old QinQ value)? */
bool
ethertype_is_tag(uint16_t type)
{
	return type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ ||
	    type == ETHERTYPE_QINQ_OLD;
}

/*
 * An IPv6 packet with payload length 0 and a hop-by-hop header: the
 * first Jumbo Payload option (RFC 2675), if valid (> 65535), gives the
 * length after the fixed header; else the packet is its 40-byte header.
 * *len holds 40 on entry.  False when the options were not captured.
 */
static bool
ipv6_jumbo_len(const struct cursor *c, size_t *len)
{
	uint8_t hlen, type, olen;
	uint16_t hi, lo;
	size_t i, end;

	if (!cur_peek8(c, 41, &hlen))
		return false;
	end = 40 + ((size_t)hlen + 1) * 8;
	/* Each step moves forward by at least one byte. */
	for (i = 42; i < end; i += 2 + (size_t)olen) {
		if (!cur_peek8(c, i, &type))
			return false;
		olen = 0;
		if (type == 0) {
			i--;	/* Pad1 is a single byte */
			continue;
		}
		if (!cur_peek8(c, i + 1, &olen))
			return false;
		if (type == IPV6_OPT_JUMBO && olen == 4) {
			if (!cur_peek16(c, i + 2, &hi) ||
			    !cur_peek16(c, i + 4, &lo))
				return false;
			/* Values that fit the 16-bit field are invalid:
			   tshark keeps the 40-byte header then. */
			if (hi != 0)
				*len += (size_t)hi << 16 | lo;
			return true;
		}
	}
	return true;
}

/*
 * The length the payload decoder for type claims of the bytes at c, as
 * Wireshark's dissector would set it; false when it would claim all of
 * them or fail before saying (then no trailer is reported).
 */
static bool
ethertype_payload_len(uint16_t type, const struct cursor *c, size_t *len)
{
	uint8_t b0, hs, ps;
	uint16_t tot;
	size_t ihl;

	switch (type) {
	case ETHERTYPE_IPV4:
		if (!cur_peek8(c, 0, &b0) || !cur_peek16(c, 2, &tot))
			return false;
		ihl = (size_t)(b0 & 0x0f) * 4;
		/* A bad version or header length stops the IPv4 decoder
		   before it sets its length; 0 is TSO: all of it. */
		if (b0 >> 4 != 4 || ihl < 20 || tot == 0 || tot < ihl)
			return false;
		*len = tot;
		return true;
	case ETHERTYPE_IPV6:
		if (!cur_peek8(c, 0, &b0) || !cur_peek16(c, 4, &tot) ||
		    !cur_peek8(c, 6, &hs) || b0 >> 4 != 6)
			return false;
		*len = 40;
		if (tot == 0 && hs == 0)
			return ipv6_jumbo_len(c, len);
		*len += tot;
		return true;
	case ETHERTYPE_RARP:
	case ETHERTYPE_ARP:
		if (!cur_peek8(c, 4, &hs) || !cur_peek8(c, 5, &ps))
			return false;
		*len = 8 + 2 * ((size_t)hs + ps);
		/* An ARP packet cut short ends in an exception: no trailer. */
		return *len <= cur_left(c);
	default:
		return false;
	}
}

/*
 * Report what follows a payload that ended at frame offset t, as tshark
 * 4.0 does for the innermost EtherType or 802.3 length of the outer link
 * layer: zero padding up to the 60-byte minimum (only if the frame reaches
 * 60 bytes and the padding is all zero), then a trailer named by
 * trailer_name, and for Ethernet itself (fcs) a 4-byte FCS when the frame
 * is at least 64 bytes and wholly captured.  Padding that was not captured
 * in full makes tshark give up on the whole trailer; so do we.
 */
static void
ethertype_trailer(struct dissect *d, size_t t, const char *trailer_name,
    bool fcs)
{
	const struct field_def *tf;
	struct cursor c = cur_make(d->frame, d->caplen);
	size_t cap, pad = 0, rest, i;
	uint32_t v;
	uint8_t b;
	bool has_fcs;

	if (d->sink == NULL || t >= d->caplen || t >= d->wirelen)
		return;
	(void)cur_skip(&c, t);
	cap = cur_left(&c);
	if (d->wirelen >= ETH_MIN_FRAME && t < ETH_MIN_FRAME) {
		pad = ETH_MIN_FRAME - t;
		if (pad > cap)
			return;
		for (i = 0; i < pad; i++)
			if (!cur_peek8(&c, i, &b) || b != 0)
				break;
		if (i < pad)
			pad = 0;
	}
	if (pad > 0)
		d_bytes(d, &eth_fields[F_PADDING], t, pad);
	rest = cap - pad;
	has_fcs = fcs && d->caplen == d->wirelen &&
	    d->wirelen >= ETH_MIN_FRAME + ETH_FCS_LEN && rest >= ETH_FCS_LEN;
	if (has_fcs)
		rest -= ETH_FCS_LEN;
	tf = field_lookup(trailer_name);
	if (rest > 0 && tf != NULL)
		d_bytes(d, tf, t + pad, rest);
	if (has_fcs && cur_skip(&c, pad + rest) && cur_be32(&c, &v)) {
		d_uint(d, &eth_fields[F_FCS], t + pad + rest, ETH_FCS_LEN, v,
		    "unverified");
		d_uint(d, &eth_fields[F_FCS_STATUS], t + pad + rest, 0, 2,
		    "Unverified");
	}
}

/*
 * The trailer field of the layer that called ethertype_dispatch(), or
 * NULL when that layer reports no trailer.  Only the outer link layers
 * (no IP header below, not inside an ICMP quote) have one: inside a
 * tunnel the IP length bounds the frame.  The caller is the layer opened
 * last, which is the top protocol outside a fence.
 */
static const char *
ethertype_trailer_owner(const struct dissect *d, bool *fcs)
{
	*fcs = false;
	if (d->fence > 0 || d->ip.ver != 0)
		return NULL;
	switch (d->pi->top) {
	case P_ETH:
		*fcs = true;
		return "eth.trailer";
	case P_VLAN:
		return "vlan.trailer";
	case P_IEEE8021AD:
		return "ieee8021ah.trailer";
	case P_SLL:
		return "sll.trailer";
	default:
		return NULL;
	}
}

/* Decode a payload by its EtherType, then report any trailer. */
void
ethertype_dispatch(struct dissect *d, uint16_t type, struct cursor c)
{
	const char *owner, *name;
	size_t plen;
	bool fcs, from_link;

	if (ethertype_is_tag(type)) {
		/* The innermost tag reports the trailer. */
		vlan_decode(d, type, c);
		return;
	}
	owner = ethertype_trailer_owner(d, &fcs);
	from_link = d->fence == 0 && (d->pi->top == P_ETH ||
	    d->pi->top == P_VLAN || d->pi->top == P_IEEE8021AD ||
	    d->pi->top == P_SLL);
	switch (type) {
	case ETHERTYPE_IPV4:
		ipv4_decode(d, c);
		break;
	case ETHERTYPE_IPV6:
		ipv6_decode(d, c);
		break;
	case ETHERTYPE_ARP:
	case ETHERTYPE_RARP:
		arp_decode(d, c);
		break;
	case ETHERTYPE_TEB:
		if (d->nest >= DISSECT_MAX_NEST) {
			data_decode(d, c);
		} else {
			d->nest++;
			eth_decode(d, c);
			d->nest--;
		}
		break;
	default:
		/* Undecoded: tshark names the EtherType in Info. */
		name = ethertype_name(type);
		if (from_link && name != NULL)
			d_info(d, "%s", name);
		data_decode(d, c);
		break;
	}
	if (owner != NULL && ethertype_payload_len(type, &c, &plen) &&
	    plen < cur_left(&c))
		ethertype_trailer(d, c.pos + plen, owner, fcs);
}

/* Report one address with its LG/IG bits as children. */
static void
eth_addr(struct dissect *d, int f, int lg, int ig, size_t off,
    const uint8_t *a)
{
	bool l = (a[0] & 0x02) != 0, g = (a[0] & 0x01) != 0;

	d_addr(d, &eth_fields[f], off, 6, a);
	d_push(d);
	d_addr(d, &eth_fields[F_ADDR], off, 6, a);
	d_bool(d, &eth_fields[lg], off, 3, l, l ?
	    "Locally administered address (this is NOT the factory default)" :
	    "Globally unique address (factory default)");
	d_bool(d, &eth_fields[ig], off, 3, g, g ?
	    "Group address (multicast/broadcast)" :
	    "Individual address (unicast)");
	d_pop(d);
}

/* Decode an Ethernet II or 802.3 frame. */
void
eth_decode(struct dissect *d, struct cursor c)
{
	uint8_t dst[6], src[6];
	uint16_t tl;
	size_t start = c.pos;
	int status;

	if (!d_open(d, P_ETH, start))
		return;
	/* tshark reads the whole header before it shows a field. */
	if (!cur_has(&c, ETH_HDR_LEN)) {
		d_text(d, start, cur_left(&c), "[truncated]");
		d_close(d, c.end, LAYER_TRUNCATED);
		return;
	}
	(void)cur_bytes(&c, dst, 6);
	(void)cur_bytes(&c, src, 6);
	(void)cur_be16(&c, &tl);
	eth_addr(d, F_DST, F_DST_LG, F_DST_IG, start, dst);
	eth_addr(d, F_SRC, F_SRC_LG, F_SRC_IG, start + 6, src);
	if (!d->pi->has_mac) {
		memcpy(d->pi->macdst, dst, 6);
		memcpy(d->pi->macsrc, src, 6);
		d->pi->has_mac = true;
	}
	if (tl >= ETH_TYPE_MIN) {
		d_uint(d, &eth_fields[F_TYPE], start + 12, 2, tl,
		    ethertype_name(tl));
		d_info(d, "Ethernet II");
		ethertype_dispatch(d, tl, c);
		d_close(d, c.end, LAYER_OK);
		return;
	}
	/* 802.3: a length, then LLC in exactly that many bytes. */
	d_uint(d, &eth_fields[F_LEN], start + 12, 2, tl, NULL);
	d_info(d, "IEEE 802.3 Ethernet");
	status = eth_8023_payload(d, c, tl, start + 12, "eth.trailer", true);
	d_close(d, c.end, status);
}

/* LLC in the bytes an 802.3 length declares, then the trailer. */
int
eth_8023_payload(struct dissect *d, struct cursor c, uint16_t len,
    size_t len_off, const char *trailer_name, bool fcs)
{
	struct cursor pl;
	bool cut;
	int status = LAYER_OK;

	pl = cur_sub(&c, len, &cut);
	if (cut) {
		/* Past the captured end: truncated if the wire had it. */
		if (d->caplen < d->wirelen && d->wirelen > c.pos &&
		    (size_t)len <= d->wirelen - c.pos)
			status = LAYER_TRUNCATED;
		else {
			status = LAYER_MALFORMED;
			d_malformed(d, len_off, 2, "length %u goes "
			    "past the end of the payload", len);
		}
	}
	if (cur_left(&pl) > 0)
		llc_decode(d, pl);
	/* Inside a tunnel or a quote the IP length bounds the frame. */
	if (!cut && d->fence == 0 && d->ip.ver == 0)
		ethertype_trailer(d, pl.end, trailer_name, fcs);
	return status;
}
