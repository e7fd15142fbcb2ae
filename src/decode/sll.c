/*
 * Linux "cooked" capture headers (LINKTYPE_LINUX_SLL and _SLL2), which
 * the kernel's AF_PACKET SOCK_DGRAM sockets (and "any") produce;
 * see the pcap-linktype(7) man page and <linux/if_packet.h>.
 *
 * v1, 16 bytes:
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Packet type           |        ARPHRD_ type           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Link-layer address length    |                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 *  |               Link-layer address (8 octets, padded)           |
 *  +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                               |        Protocol type          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * v2, 20 bytes:
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |        Protocol type          |        Reserved (MBZ)         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       Interface index                         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |        ARPHRD_ type           |  Packet type  | Addr length   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |               Link-layer address (8 octets, padded)           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * A protocol type below 1536 is a Linux ETH_P_* value (802.2 LLC, ...)
 * rather than an EtherType.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "decoders.h"

#define SLL_ADDR_LEN		8
#define ETH_TYPE_MIN		1536
#define LINUX_P_802_2		0x0004	/* ETH_P_802_2: LLC follows */
#define ARPHRD_IPGRE		778	/* protocol is a GRE protocol type */

enum {
	F_PKTTYPE, F_HATYPE, F_HALEN, F_SRC_ETH, F_SRC_IPV4, F_SRC_OTHER,
	F_UNUSED, F_LTYPE, F_GRETYPE, F_ETYPE, F_TRAILER, F_IFINDEX, F_COUNT
};

static const struct field_def sll_fields[] = {
	[F_PKTTYPE] = { "sll.pkttype", "Packet type", FT_UINT, BASE_DEC, 16 },
	[F_HATYPE] = { "sll.hatype", "Link-layer address type", FT_UINT,
	    BASE_DEC, 16 },
	[F_HALEN] = { "sll.halen", "Link-layer address length", FT_UINT,
	    BASE_DEC, 16 },
	[F_SRC_ETH] = { "sll.src.eth", "Source", FT_ETHER, BASE_DEC, 0 },
	[F_SRC_IPV4] = { "sll.src.ipv4", "Source", FT_IPV4, BASE_DEC, 0 },
	[F_SRC_OTHER] = { "sll.src.other", "Source", FT_BYTES, BASE_DEC, 0 },
	[F_UNUSED] = { "sll.unused", "Unused", FT_BYTES, BASE_DEC, 0 },
	[F_LTYPE] = { "sll.ltype", "Protocol", FT_UINT, BASE_HEX, 16 },
	[F_GRETYPE] = { "sll.gretype", "Protocol", FT_UINT, BASE_HEX, 16 },
	[F_ETYPE] = { "sll.etype", "Protocol", FT_UINT, BASE_HEX, 16,
	    .vals = ethertype_names },
	[F_TRAILER] = { "sll.trailer", "Trailer", FT_BYTES, BASE_DEC, 0 },
	[F_IFINDEX] = { "sll.ifindex", "Interface index", FT_UINT, BASE_DEC,
	    32 },
};
_Static_assert(sizeof sll_fields / sizeof sll_fields[0] == F_COUNT,
    "sll_fields: one entry per field id");
const struct field_table sll_field_table = { sll_fields, F_COUNT };

static const struct value_name sll_pkttypes[] = {
	{ 0, "Unicast to us" },
	{ 1, "Broadcast" },
	{ 2, "Multicast" },
	{ 3, "Unicast to another host" },
	{ 4, "Sent by us" },
	{ 0, NULL }
};

static const struct value_name sll_hatypes[] = {
	{ 1, "Ethernet" },
	{ 6, "IEEE 802" },
	{ 32, "InfiniBand" },
	{ 512, "PPP" },
	{ 519, "Raw IP" },
	{ 768, "IPIP tunnel" },
	{ 769, "IP6IP6 tunnel" },
	{ 772, "Loopback" },
	{ 776, "sit0 device - IPv6-in-IPv4" },
	{ 778, "GRE over IP" },
	{ 801, "IEEE 802.11" },
	{ 803, "IEEE 802.11 + radiotap header" },
	{ 823, "GRE over IPv6" },
	{ 824, "Netlink" },
	{ 65534, "zero header length" },
	{ 65535, "Void type, nothing is known" },
	{ 0, NULL }
};

static const struct value_name sll_ltypes[] = {
	{ 0x0001, "Raw 802.3" },
	{ 0x0003, "Ethernet" },
	{ 0x0004, "802.2 LLC" },
	{ 0x0007, "PPP (HDLC)" },
	{ 0x000c, "CAN" },
	{ 0x000d, "CAN FD" },
	{ 0, NULL }
};

/*
 * The link-layer address field and its unused padding: shown as an
 * Ethernet or IPv4 address when it has that length, else as bytes (at
 * most the 8 the header holds).  Returns false when halen claims more
 * than the header holds.
 */
static bool
sll_address(struct dissect *d, size_t off, uint16_t halen, const uint8_t *a)
{
	size_t shown = halen < SLL_ADDR_LEN ? halen : SLL_ADDR_LEN;

	if (halen == 6) {
		d_addr(d, &sll_fields[F_SRC_ETH], off, 6, a);
		if (!d->pi->has_mac) {
			memcpy(d->pi->macsrc, a, 6);
			memset(d->pi->macdst, 0, 6);
			d->pi->has_mac = true;
		}
	} else if (halen == 4) {
		d_addr(d, &sll_fields[F_SRC_IPV4], off, 4, a);
	} else if (halen > 0) {
		d_bytes(d, &sll_fields[F_SRC_OTHER], off, shown);
	}
	if (shown < SLL_ADDR_LEN)
		d_bytes(d, &sll_fields[F_UNUSED], off + shown,
		    SLL_ADDR_LEN - shown);
	if (halen > SLL_ADDR_LEN) {
		d_malformed(d, off, SLL_ADDR_LEN, "address length %u "
		    "exceeds %d", halen, SLL_ADDR_LEN);
		return false;
	}
	return true;
}

/* Report the protocol type: a Linux ETH_P_* value, GRE type or EtherType. */
static void
sll_proto(struct dissect *d, size_t off, uint16_t hatype, uint16_t proto)
{
	if (proto < ETH_TYPE_MIN)
		d_uint(d, &sll_fields[F_LTYPE], off, 2, proto,
		    field_value_name(sll_ltypes, proto));
	else if (hatype == ARPHRD_IPGRE)
		d_uint(d, &sll_fields[F_GRETYPE], off, 2, proto,
		    ethertype_name(proto));
	else
		d_uint(d, &sll_fields[F_ETYPE], off, 2, proto,
		    ethertype_name(proto));
}

/* Hand the payload to the decoder for the protocol type. */
static void
sll_dispatch(struct dissect *d, uint16_t proto, struct cursor c)
{
	if (proto >= ETH_TYPE_MIN)
		ethertype_dispatch(d, proto, c);
	else if (proto == LINUX_P_802_2)
		llc_decode(d, c);
	else
		data_decode(d, c);
}

/* The Info column of a cooked frame: the packet type. */
static void
sll_info(struct dissect *d, uint16_t pkttype)
{
	const char *n = field_value_name(sll_pkttypes, pkttype);

	d_info(d, "%s", n != NULL ? n : "Unknown");
}

/* Decode a Linux cooked v1 header and its payload. */
void
sll_decode(struct dissect *d, struct cursor c)
{
	uint16_t pkttype, hatype, halen, proto;
	uint8_t addr[SLL_ADDR_LEN];
	size_t start = c.pos;
	int status = LAYER_OK;

	if (!d_open(d, P_SLL, start))
		return;
	if (!cur_be16(&c, &pkttype) || !cur_be16(&c, &hatype) ||
	    !cur_be16(&c, &halen) || !cur_bytes(&c, addr, sizeof addr) ||
	    !cur_be16(&c, &proto)) {
		d_text(d, start, cur_left(&c), "[truncated]");
		d_close(d, c.end, LAYER_TRUNCATED);
		return;
	}
	d_uint(d, &sll_fields[F_PKTTYPE], start, 2, pkttype,
	    field_value_name(sll_pkttypes, pkttype));
	sll_info(d, pkttype);
	d_uint(d, &sll_fields[F_HATYPE], start + 2, 2, hatype,
	    field_value_name(sll_hatypes, hatype));
	d_uint(d, &sll_fields[F_HALEN], start + 4, 2, halen, NULL);
	if (!sll_address(d, start + 6, halen, addr))
		status = LAYER_MALFORMED;
	sll_proto(d, start + 14, hatype, proto);
	sll_dispatch(d, proto, c);
	d_close(d, c.end, status);
}

/* Decode a Linux cooked v2 header and its payload. */
void
sll2_decode(struct dissect *d, struct cursor c)
{
	uint16_t proto, reserved, hatype;
	uint32_t ifindex;
	uint8_t pkttype, halen, addr[SLL_ADDR_LEN];
	size_t start = c.pos;
	int status = LAYER_OK;

	if (!d_open(d, P_SLL, start))
		return;
	if (!cur_be16(&c, &proto) || !cur_be16(&c, &reserved) ||
	    !cur_be32(&c, &ifindex) || !cur_be16(&c, &hatype) ||
	    !cur_u8(&c, &pkttype) || !cur_u8(&c, &halen) ||
	    !cur_bytes(&c, addr, sizeof addr)) {
		d_text(d, start, cur_left(&c), "[truncated]");
		d_close(d, c.end, LAYER_TRUNCATED);
		return;
	}
	sll_proto(d, start, hatype, proto);
	d_uint(d, &sll_fields[F_IFINDEX], start + 4, 4, ifindex, NULL);
	d_uint(d, &sll_fields[F_HATYPE], start + 8, 2, hatype,
	    field_value_name(sll_hatypes, hatype));
	d_uint(d, &sll_fields[F_PKTTYPE], start + 10, 1, pkttype,
	    field_value_name(sll_pkttypes, pkttype));
	sll_info(d, pkttype);
	d_uint(d, &sll_fields[F_HALEN], start + 11, 1, halen, NULL);
	if (!sll_address(d, start + 12, halen, addr))
		status = LAYER_MALFORMED;
	sll_dispatch(d, proto, c);
	d_close(d, c.end, status);
}
