/*
 * The capture pass's shortcut.
 *
 * The capture thread decodes every packet for the model alone: no field
 * is reported and no Info text built, yet each decoder still walks its
 * whole header (field by field, bounds-checked, naming values for a tree
 * nobody shows).  Most traffic is one shape: Ethernet II, IPv4 without
 * options or IPv6 without extension headers, not a fragment, then TCP or
 * UDP, captured whole and well-formed, on ports without a decoder of their
 * own.  For that shape this fills the pkt_info in a few loads; for any
 * other frame it says no and the decoders do the work.
 *
 * Invariant: when fastpath_decode() returns true, pi is exactly what
 * dissect_frame() with neither sink nor Info gives (fuzz_decode and
 * fuzz_pcap check it on every input; tests/unit/test_fastpath.c on crafted
 * frames and every prefix of them).  So every condition below is one of
 * the decoders' own: a frame they would mark (truncated, malformed, a bad
 * checksum found without verifying) or hand to another decoder is refused.
 */
#include "config.h"

#include <string.h>

#include "decoders.h"
#include "dissect.h"

#define ETH_HDR		14
#define ETH_TYPE_IPV4	0x0800
#define ETH_TYPE_IPV6	0x86dd
#define IPV4_HDR	20	/* without options */
#define IPV6_HDR	40
#define IP_MF_OFFSET	0x3fff	/* more-fragments flag and offset */
#define TCP_HDR		20
#define TCP_RST		0x04
#define UDP_HDR		8
#define PROTO_TCP	6
#define PROTO_UDP	17

#define BIT(p)		((uint64_t)1 << (p))

/* The flow key of an IP header: version, protocol, addresses of alen
   bytes at src (the destination follows). */
static void
fast_key(struct pkt_info *pi, uint8_t ver, enum proto_id id, uint8_t proto,
    const uint8_t *src, size_t alen)
{
	pi->ipver = ver;
	pi->protos |= BIT(id);
	pi->l4proto = proto;
	memcpy(pi->src, src, alen);
	memcpy(pi->dst, src + alen, alen);
}

/*
 * The IP header at ip (avail bytes captured up to the frame's end): the
 * key into pi, and the length of the header and of the transport after
 * it.  False unless it is IPv4 without options or IPv6 without extension
 * headers, whole, not a fragment.
 */
static bool
fast_ip(uint16_t type, const uint8_t *ip, size_t avail, struct pkt_info *pi,
    size_t *hlen, size_t *tlen)
{
	size_t len;

	if (type == ETH_TYPE_IPV4) {
		/* A zero total length (TSO) is taken from the frame: no. */
		if (avail < IPV4_HDR || ip[0] != 0x45 ||
		    (len = be16_at(ip + 2)) < IPV4_HDR || len > avail ||
		    (be16_at(ip + 6) & IP_MF_OFFSET) != 0)
			return false;
		fast_key(pi, 4, P_IPV4, ip[9], ip + 12, 4);
		*hlen = IPV4_HDR;
		*tlen = len - IPV4_HDR;
		return true;
	}
	if (type == ETH_TYPE_IPV6) {
		/* A zero payload length belongs to a Jumbo Payload: no. */
		if (avail < IPV6_HDR || ip[0] >> 4 != 6 ||
		    (len = be16_at(ip + 4)) == 0 || len > avail - IPV6_HDR)
			return false;
		fast_key(pi, 6, P_IPV6, ip[6], ip + 8, 16);
		*hlen = IPV6_HDR;
		*tlen = len;
		return true;
	}
	return false;
}

/* A TCP segment of len bytes at frame offset off (tcp_decode()). */
static bool
fast_tcp(const uint8_t *frame, size_t off, size_t len, struct pkt_info *pi)
{
	const uint8_t	*t = frame + off;
	size_t		 hlen, payload;

	if (len < TCP_HDR)
		return false;
	hlen = (size_t)(t[12] >> 4) * 4;
	if (hlen < TCP_HDR || hlen > len || (hlen > TCP_HDR &&
	    !tcp_options_plain(frame, off + TCP_HDR, hlen - TCP_HDR)))
		return false;
	pi->sport = be16_at(t);
	pi->dport = be16_at(t + 2);
	pi->tcpflags = t[13];
	payload = len - hlen;
	if (payload > 0) {
		/* A reset's payload is its cause; DNS has its decoder. */
		if ((t[13] & TCP_RST) || tcp_port_decoded(pi->sport) ||
		    tcp_port_decoded(pi->dport))
			return false;
		pi->protos |= BIT(P_DATA);
	}
	pi->protos |= BIT(P_TCP);
	pi->top = P_TCP;
	return true;
}

/* A UDP datagram of len bytes at u (udp_decode()). */
static bool
fast_udp(const uint8_t *u, size_t len, struct pkt_info *pi)
{
	size_t ulen;

	if (len < UDP_HDR || (ulen = be16_at(u + 4)) < UDP_HDR || ulen > len)
		return false;
	/* IPv6 forbids a zero checksum: found without verifying. */
	if (pi->ipver == 6 && be16_at(u + 6) == 0)
		return false;
	pi->sport = be16_at(u);
	pi->dport = be16_at(u + 2);
	if (ulen > UDP_HDR) {
		if (udp_port_decoded(pi->sport) || udp_port_decoded(pi->dport))
			return false;
		pi->protos |= BIT(P_DATA);
	}
	pi->protos |= BIT(P_UDP);
	pi->top = P_UDP;
	return true;
}

/* Fill pi for a frame of the common shape; see decoders.h. */
bool
fastpath_decode(const struct frame_meta *m, const uint8_t *data,
    struct pkt_info *pi)
{
	size_t	 caplen = m->caplen, hlen, tlen;

	/* A frame cut by the snap length marks its layers truncated. */
	if (m->link != LINK_ETHERNET || caplen != m->wirelen ||
	    caplen < ETH_HDR)
		return false;
	memset(pi, 0, offsetof(struct pkt_info, info));
	pi->info[0] = '\0';
	pi->protos = BIT(P_FRAME) | BIT(P_ETH);
	pi->has_mac = true;
	memcpy(pi->macdst, data, 6);
	memcpy(pi->macsrc, data + 6, 6);
	if (!fast_ip(be16_at(data + 12), data + ETH_HDR, caplen - ETH_HDR, pi,
	    &hlen, &tlen))
		return false;
	switch (pi->l4proto) {
	case PROTO_TCP:
		return fast_tcp(data, ETH_HDR + hlen, tlen, pi);
	case PROTO_UDP:
		return fast_udp(data + ETH_HDR + hlen, tlen, pi);
	default:
		return false;
	}
}
