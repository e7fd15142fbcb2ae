/*
 * UDP: RFC 768; the zero checksum is "not present" over IPv4 and illegal
 * over IPv6 (RFC 8200 8.1).
 *
 *    0      7 8     15 16    23 24    31
 *   +--------+--------+--------+--------+
 *   |     Source      |   Destination   |
 *   |      Port       |      Port       |
 *   +--------+--------+--------+--------+
 *   |     Length      |    Checksum     |
 *   +--------+--------+--------+--------+
 *   |          data octets ...
 *
 * Length counts the header and the data.  A length below 8 ends the
 * dissection after the length; a length past the IP payload is reported
 * and the IP payload is used instead.  The payload goes to the decoder
 * for the lower of the two ports that has one (as Wireshark tries them),
 * else it is shown as data.  udp.payload covers the rest of the IP
 * payload even when Length says less, as tshark 4.0 reports it.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "decoders.h"

enum {
	F_SRCPORT, F_DSTPORT, F_PORT, F_LENGTH, F_CHECKSUM, F_CHECKSUM_STATUS,
	F_PAYLOAD, F_STREAM, F_COUNT
};

static const struct field_def udp_fields[] = {
	[F_SRCPORT] = { "udp.srcport", "Source Port", FT_UINT, BASE_DEC, 16 },
	[F_DSTPORT] = { "udp.dstport", "Destination Port", FT_UINT, BASE_DEC,
	    16 },
	[F_PORT] = { "udp.port", "Source or Destination Port", FT_UINT,
	    BASE_DEC, 16 },
	[F_LENGTH] = { "udp.length", "Length", FT_UINT, BASE_DEC, 16 },
	[F_CHECKSUM] = { "udp.checksum", "Checksum", FT_UINT, BASE_HEX, 16 },
	[F_CHECKSUM_STATUS] = { "udp.checksum.status", "Checksum Status",
	    FT_UINT, BASE_DEC, 8 },
	[F_PAYLOAD] = { "udp.payload", "UDP payload", FT_BYTES, 0, 0 },
	[F_STREAM] = { "udp.stream", "Stream index", FT_UINT, BASE_DEC, 32 },
};
_Static_assert(sizeof udp_fields / sizeof udp_fields[0] == F_COUNT,
    "udp_fields: one entry per field id");
const struct field_table udp_field_table = { udp_fields, F_COUNT };

#define UDP_HDR_LEN	8

/* Checksum status values, as tshark numbers them. */
#define CKSUM_BAD	0
#define CKSUM_GOOD	1
#define CKSUM_UNVERIFIED 2
#define CKSUM_NOT_PRESENT 3
#define CKSUM_ILLEGAL	4

static const char *const udp_cksum_status[] = {
	"Bad", "Good", "Unverified", "Not present", "Illegal"
};

/* Decoders reached by a well-known port. */
enum udp_next {
	NEXT_NONE, NEXT_DNS, NEXT_MDNS, NEXT_LLMNR, NEXT_VXLAN, NEXT_GENEVE
};

static const struct {
	uint16_t	 port;
	uint8_t		 next;		/* enum udp_next */
} udp_ports[] = {
	{ 53, NEXT_DNS }, { 5353, NEXT_MDNS }, { 5355, NEXT_LLMNR },
	{ 4789, NEXT_VXLAN }, { 6081, NEXT_GENEVE }, { 0, NEXT_NONE }
};

/* The decoder for a port, or NEXT_NONE. */
static enum udp_next
udp_port_next(uint16_t port)
{
	size_t i;

	if (port == 0)
		return NEXT_NONE;
	for (i = 0; udp_ports[i].port != 0; i++)
		if (udp_ports[i].port == port)
			return (enum udp_next)udp_ports[i].next;
	return NEXT_NONE;
}

/* Does a payload on this port go to a decoder (udp_dispatch())? */
bool
udp_port_decoded(uint16_t port)
{
	return udp_port_next(port) != NEXT_NONE;
}

/* Hand the payload to the decoder for the lower port first, then the
   higher, else show it as data. */
static void
udp_dispatch(struct dissect *d, uint16_t sport, uint16_t dport,
    struct cursor pc)
{
	uint16_t lo = sport < dport ? sport : dport;
	uint16_t hi = sport < dport ? dport : sport;
	enum udp_next next;

	if (cur_left(&pc) == 0)
		return;
	if ((next = udp_port_next(lo)) == NEXT_NONE)
		next = udp_port_next(hi);
	switch (next) {
	case NEXT_DNS:
		dns_decode(d, P_DNS, false, pc);
		break;
	case NEXT_MDNS:
		dns_decode(d, P_MDNS, false, pc);
		break;
	case NEXT_LLMNR:
		dns_decode(d, P_LLMNR, false, pc);
		break;
	case NEXT_VXLAN:
		vxlan_decode(d, pc);
		break;
	case NEXT_GENEVE:
		geneve_decode(d, pc);
		break;
	case NEXT_NONE:
	default:
		data_decode(d, pc);
		break;
	}
}

/*
 * Check the datagram's checksum over its declared length (ulen bytes at
 * p, all captured) with the IP pseudo-header.  *expect is the value the
 * field should hold.
 */
static int
udp_checksum(const struct dissect *d, const uint8_t *p, size_t ulen,
    uint16_t cksum, uint16_t *expect)
{
	uint32_t sum;

	*expect = 0;
	if (cksum == 0)
		return d->ip.ver == 6 ? CKSUM_ILLEGAL : CKSUM_NOT_PRESENT;
	if (d->ip.ver == 0)
		return CKSUM_UNVERIFIED;
	sum = cksum_pseudo(&d->ip, 17, (uint32_t)ulen);
	sum = cksum_add(sum, p, 6);
	sum = cksum_add(sum, p + UDP_HDR_LEN, ulen - UDP_HDR_LEN);
	*expect = cksum_fold(sum);
	if (*expect == 0)
		*expect = 0xffff;	/* RFC 768: zero is sent as all ones */
	sum = cksum_add(sum, p + 6, 2);
	return cksum_fold(sum) == 0 ? CKSUM_GOOD : CKSUM_BAD;
}

/* Decode a UDP datagram and hand its payload on by port. */
void
udp_decode(struct dissect *d, struct cursor c)
{
	const uint8_t *p = cur_ptr(&c);
	size_t start = c.pos, cap = cur_left(&c);
	size_t wire = d_transport_wire_len(d, &c);
	uint16_t sport = 0, dport = 0, ulen = 0, cksum = 0, expect;
	struct cursor pc;
	int status = LAYER_OK, ck;
	char shown[48];

	if (!d_open(d, P_UDP, start))
		return;
	if (cap >= 4) {
		sport = (uint16_t)(p[0] << 8 | p[1]);
		dport = (uint16_t)(p[2] << 8 | p[3]);
		if (d_is_key_transport(d)) {
			d->pi->sport = sport;
			d->pi->dport = dport;
		}
	}
	if (cap >= 2)
		d_uint(d, &udp_fields[F_SRCPORT], start, 2, sport, NULL);
	if (cap >= 4) {
		d_uint(d, &udp_fields[F_DSTPORT], start + 2, 2, dport, NULL);
		d_uint(d, &udp_fields[F_PORT], start, 2, sport, NULL);
		d_uint(d, &udp_fields[F_PORT], start + 2, 2, dport, NULL);
		d_info(d, "%u → %u", sport, dport);
	}
	if (cap < 6) {
		d_text(d, start, cap, "[truncated]");
		d_close(d, c.end, wire < UDP_HDR_LEN ? LAYER_MALFORMED :
		    LAYER_TRUNCATED);
		return;
	}
	ulen = (uint16_t)(p[4] << 8 | p[5]);
	d_uint(d, &udp_fields[F_LENGTH], start + 4, 2, ulen, NULL);
	if (ulen < UDP_HDR_LEN) {
		d_info_append(d, " [BAD UDP LENGTH %u < 8]", ulen);
		d_close(d, c.end, d_malformed(d, start + 4, 2,
		    "length %u < 8", ulen));
		return;
	}
	if (cap < UDP_HDR_LEN) {
		d_text(d, start, cap, "[truncated]");
		d_close(d, c.end, wire < UDP_HDR_LEN ? LAYER_MALFORMED :
		    LAYER_TRUNCATED);
		return;
	}
	cksum = (uint16_t)(p[6] << 8 | p[7]);
	if (d->transport != NULL) {
		struct transport_hdr t = { P_UDP, (uint32_t)start, true,
		    &d->ip, sport, dport, 0, 0 };

		d_transport(d, &t);
	}
	if (ulen > wire && d->ip.frag) {
		/* The first fragment of a datagram: the rest follows. */
		d_info_append(d, " Len=%u", ulen - UDP_HDR_LEN);
	} else if (ulen > wire) {
		status |= d_malformed(d, start + 4, 2, "length %u > IP "
		    "payload length %zu", ulen, wire);
		d_info_append(d, " [BAD UDP LENGTH %u > IP PAYLOAD LENGTH] "
		    "Len=%u", ulen, ulen - UDP_HDR_LEN);
	} else {
		d_info_append(d, " Len=%u", ulen - UDP_HDR_LEN);
	}
	/* A zero checksum needs no bytes; any other needs the whole datagram. */
	/* The capture pass does not sum the payload (see tcp.c). */
	if (cksum != 0 && !d_verify(d, &udp_fields[F_CHECKSUM_STATUS], NULL))
		ck = CKSUM_UNVERIFIED;
	else if (cksum == 0 || (ulen <= wire && ulen <= cap))
		ck = udp_checksum(d, p, ulen, cksum, &expect);
	else
		ck = CKSUM_UNVERIFIED;
	shown[0] = '\0';
	switch (d_shown(d) ? ck : -1) {
	case -1:
		/* Nobody reads the text: only the verdict matters. */
		if (ck == CKSUM_BAD) {
			d_info_append(d, " [UDP CHECKSUM INCORRECT]");
			status |= LAYER_BADSUM;
		} else if (ck == CKSUM_ILLEGAL) {
			d_info_append(d, " [ILLEGAL CHECKSUM (0)]");
			status |= LAYER_BADSUM;
		}
		break;
	case CKSUM_GOOD:
		snprintf(shown, sizeof shown, "correct");
		break;
	case CKSUM_BAD:
		snprintf(shown, sizeof shown, "incorrect, should be 0x%04x",
		    expect);
		d_info_append(d, " [UDP CHECKSUM INCORRECT]");
		status |= LAYER_BADSUM;
		break;
	case CKSUM_NOT_PRESENT:
		snprintf(shown, sizeof shown, "zero-value ignored");
		break;
	case CKSUM_ILLEGAL:
		snprintf(shown, sizeof shown, "illegal");
		d_info_append(d, " [ILLEGAL CHECKSUM (0)]");
		status |= LAYER_BADSUM;
		break;
	default:
		snprintf(shown, sizeof shown, "unverified");
		break;
	}
	d_sum(d, &udp_fields[F_CHECKSUM], start + 6, 2, cksum,
	    shown[0] != '\0' ? shown : NULL, d_status_verdict(ck));
	d_sum(d, &udp_fields[F_CHECKSUM_STATUS], start + 6, 0, (uint64_t)ck,
	    udp_cksum_status[ck], d_status_verdict(ck));
	d_stream(d, &udp_fields[F_STREAM], start, true);

	pc = c;
	pc.pos = start + UDP_HDR_LEN;
	/* A datagram without data has no payload, whatever follows it. */
	if (ulen == UDP_HDR_LEN)
		pc.end = pc.pos;
	if (cur_left(&pc) > 0)
		d_bytes(d, &udp_fields[F_PAYLOAD], pc.pos, cur_left(&pc));
	/* The datagram's own length bounds what the next layer sees. */
	if (ulen <= wire)
		cur_limit(&pc, ulen - UDP_HDR_LEN);
	if (start + ulen > c.end && ulen <= wire)
		status |= LAYER_TRUNCATED;
	udp_dispatch(d, sport, dport, pc);
	d_close(d, c.end, status);
}
