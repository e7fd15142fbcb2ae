/*
 * Generic Routing Encapsulation: RFC 2784 (base header), RFC 2890 (key and
 * sequence number), RFC 1701 (routing), and the enhanced version 1 header
 * of PPTP (RFC 2637, section 4.1).
 *
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |C|R|K|S|s|Recur|A| Flags | Ver |         Protocol Type         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Checksum (C or R)        |       Offset (C or R)         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Key (K); version 1: Payload Length   |      Call ID          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Sequence Number (S)                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |               Acknowledgment Number (A, version 1)            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Routing (R): SREs ...                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * An SRE is Address Family (2), SRE Offset (1), SRE Length (1) and
 * Length bytes of routing information; a zero family and length end the
 * list.  The payload follows, typed by Protocol Type (an EtherType).
 */
#include "config.h"


#include "decoders.h"

#define GRE_C		0x8000
#define GRE_R		0x4000
#define GRE_K		0x2000
#define GRE_S		0x1000
#define GRE_SSR		0x0800
#define GRE_RECUR	0x0700
#define GRE_A		0x0080
#define GRE_RSVD	0x00f8
#define GRE_VER		0x0007

#define GRE_MAX_SRE	64	/* routing entries followed at most */

enum {
	F_FLAGS, F_CK, F_RT, F_KEY, F_SEQ, F_SSR, F_RECUR, F_ACKF, F_RSVD,
	F_VER, F_PROTO, F_CKSUM, F_CKSTAT, F_OFFSET, F_KEYV, F_PLEN, F_CALLID,
	F_SEQNO, F_ACKNO, F_RAF, F_RSOFF, F_RSLEN, F_RINFO, F_COUNT
};

static const struct field_def gre_fields[] = {
	[F_FLAGS] = { "gre.flags_and_version", "Flags and Version", FT_UINT,
	    BASE_HEX, 16 },
	[F_CK] = { "gre.flags.checksum", "Checksum Bit", FT_BOOL, 0, 16 },
	[F_RT] = { "gre.flags.routing", "Routing Bit", FT_BOOL, 0, 16 },
	[F_KEY] = { "gre.flags.key", "Key Bit", FT_BOOL, 0, 16 },
	[F_SEQ] = { "gre.flags.sequence_number", "Sequence Number Bit",
	    FT_BOOL, 0, 16 },
	[F_SSR] = { "gre.flags.strict_source_route",
	    "Strict Source Route Bit", FT_BOOL, 0, 16 },
	[F_RECUR] = { "gre.flags.recursion_control", "Recursion control",
	    FT_UINT, BASE_DEC, 16 },
	[F_ACKF] = { "gre.flags.ack", "Acknowledgment", FT_BOOL, 0, 16 },
	[F_RSVD] = { "gre.flags.reserved", "Flags (Reserved)", FT_UINT,
	    BASE_DEC, 16 },
	[F_VER] = { "gre.flags.version", "Version", FT_UINT, BASE_DEC, 16 },
	[F_PROTO] = { "gre.proto", "Protocol Type", FT_UINT, BASE_HEX, 16 },
	[F_CKSUM] = { "gre.checksum", "Checksum", FT_UINT, BASE_HEX, 16 },
	[F_CKSTAT] = { "gre.checksum.status", "Checksum Status", FT_UINT,
	    BASE_DEC, 8 },
	[F_OFFSET] = { "gre.offset", "Offset", FT_UINT, BASE_DEC, 16 },
	[F_KEYV] = { "gre.key", "Key", FT_UINT, BASE_HEX, 32 },
	[F_PLEN] = { "gre.key.payload_length", "Payload Length", FT_UINT,
	    BASE_DEC, 16 },
	[F_CALLID] = { "gre.key.call_id", "Call ID", FT_UINT, BASE_DEC, 16 },
	[F_SEQNO] = { "gre.sequence_number", "Sequence Number", FT_UINT,
	    BASE_DEC, 32 },
	[F_ACKNO] = { "gre.ack_number", "Acknowledgment Number", FT_UINT,
	    BASE_DEC, 32 },
	[F_RAF] = { "gre.routing.address_family", "Address Family", FT_UINT,
	    BASE_DEC, 16 },
	[F_RSOFF] = { "gre.routing.sre_offset", "SRE Offset", FT_UINT,
	    BASE_DEC, 8 },
	[F_RSLEN] = { "gre.routing.src_length", "SRE Length", FT_UINT,
	    BASE_DEC, 8 },
	[F_RINFO] = { "gre.routing.information", "Routing Information",
	    FT_BYTES, 0, 0 },
};
_Static_assert(sizeof gre_fields / sizeof gre_fields[0] == F_COUNT,
    "gre_fields: one entry per field id");
const struct field_table gre_field_table = { gre_fields, F_COUNT };

/* Protocol types as Wireshark names them in the GRE Info column. */
static const struct value_name gre_protos[] = {
	{ 0x0800, "IP" },
	{ 0x86dd, "IPv6" },
	{ 0x0806, "ARP" },
	{ 0x6558, "Transparent Ethernet bridging" },
	{ 0x880b, "PPP" },
	{ 0x88be, "ERSPAN" },
	{ 0x8847, "MPLS label switched packet" },
	{ 0, NULL }
};

/* The Info name of a GRE protocol type, or NULL. */
static const char *
gre_proto_name(uint16_t type)
{
	return field_value_name(gre_protos, type);
}

/* Report the flag bits under gre.flags_and_version. */
static void
gre_flags(struct dissect *d, size_t off, uint16_t fl)
{
	unsigned ver = fl & GRE_VER;

	d_uint(d, &gre_fields[F_FLAGS], off, 2, fl, NULL);
	d_push(d);
	d_bool(d, &gre_fields[F_CK], off, 2, fl & GRE_C, NULL);
	d_bool(d, &gre_fields[F_RT], off, 2, fl & GRE_R, NULL);
	d_bool(d, &gre_fields[F_KEY], off, 2, fl & GRE_K, NULL);
	d_bool(d, &gre_fields[F_SEQ], off, 2, fl & GRE_S, NULL);
	d_bool(d, &gre_fields[F_SSR], off, 2, fl & GRE_SSR, NULL);
	d_uint(d, &gre_fields[F_RECUR], off, 2, (fl & GRE_RECUR) >> 8, NULL);
	/* Only PPTP's version 1 gives the A bit a meaning. */
	if (ver == 1)
		d_bool(d, &gre_fields[F_ACKF], off, 2, fl & GRE_A, NULL);
	/* Version 1 takes the A bit out of the reserved flags. */
	d_uint(d, &gre_fields[F_RSVD], off, 2,
	    (fl & (ver == 1 ? GRE_RSVD & ~GRE_A : GRE_RSVD)) >> 3, NULL);
	d_uint(d, &gre_fields[F_VER], off, 2, ver, NULL);
	d_pop(d);
}

/*
 * Walk the routing SREs up to the null entry.  Returns false if the
 * captured bytes ended first.
 */
static bool
gre_routing(struct dissect *d, struct cursor *c)
{
	uint16_t af;
	uint8_t soff, slen;
	int i;

	for (i = 0; i < GRE_MAX_SRE; i++) {
		size_t at = c->pos;

		if (!cur_be16(c, &af))
			return false;
		d_uint(d, &gre_fields[F_RAF], at, 2, af, NULL);
		if (!cur_u8(c, &soff))
			return false;
		d_uint(d, &gre_fields[F_RSOFF], at + 2, 1, soff, NULL);
		if (!cur_u8(c, &slen))
			return false;
		d_uint(d, &gre_fields[F_RSLEN], at + 3, 1, slen, NULL);
		if (af == 0 && slen == 0)
			return true;
		if (!cur_has(c, slen))
			return false;
		d_bytes(d, &gre_fields[F_RINFO], c->pos, slen);
		cur_skip(c, slen);
	}
	return true;
}

/* Verify the checksum over the GRE header and payload; 2 = unverified. */
static int
gre_cksum_status(const struct dissect *d, struct cursor whole)
{
	/* A cut capture does not hold the bytes the sender summed. */
	if (d->caplen < d->wirelen)
		return 2;
	return cksum_fold(cksum_add(0, cur_ptr(&whole), cur_left(&whole)))
	    == 0 ? 1 : 0;
}

/* Decode the inner packet of a protocol type, nested under GRE. */
static void
gre_payload(struct dissect *d, uint16_t proto, struct cursor c)
{
	if (d->nest >= DISSECT_MAX_NEST) {
		d_text(d, c.pos, 0, "[nesting limit reached]");
		data_decode(d, c);
		return;
	}
	d->nest++;
	if (proto == 0x6558)
		eth_decode(d, c);
	else
		ethertype_dispatch(d, proto, c);
	d->nest--;
}

/* Decode a GRE header and the packet it carries. */
void
gre_decode(struct dissect *d, struct cursor c)
{
	struct cursor whole = c;
	size_t start = c.pos;
	uint16_t fl, proto, v16;
	uint32_t v32;
	unsigned ver;
	const char *pname;
	int status = LAYER_OK;

	if (!d_open(d, P_GRE, c.pos))
		return;
	if (!cur_be16(&c, &fl)) {
		d_text(d, c.pos, 0, "[truncated]");
		d_close(d, c.end, LAYER_TRUNCATED);
		return;
	}
	gre_flags(d, start, fl);
	ver = fl & GRE_VER;
	if (!cur_be16(&c, &proto))
		goto trunc;
	d_uint(d, &gre_fields[F_PROTO], start + 2, 2, proto,
	    gre_proto_name(proto));
	pname = gre_proto_name(proto);
	if (pname != NULL)
		d_info(d, "Encapsulated %s", pname);
	else
		d_info(d, "Encapsulated 0x%04x (unknown)", proto);

	if (fl & (GRE_C | GRE_R)) {
		int st = 2;

		if (!cur_be16(&c, &v16))
			goto trunc;
		if (fl & GRE_C)
			st = gre_cksum_status(d, whole);
		d_uint(d, &gre_fields[F_CKSUM], c.pos - 2, 2, v16, NULL);
		d_sum(d, &gre_fields[F_CKSTAT], c.pos - 2, 0, (uint64_t)st,
		    st == 1 ? "Good" : st == 0 ? "Bad" : "Unverified",
		    d_status_verdict(st));
		if (st == 0)
			status |= LAYER_BADSUM;
		if (!cur_be16(&c, &v16))
			goto trunc;
		d_uint(d, &gre_fields[F_OFFSET], c.pos - 2, 2, v16, NULL);
	}
	if (fl & GRE_K) {
		if (ver == 1) {
			if (!cur_be16(&c, &v16))
				goto trunc;
			d_uint(d, &gre_fields[F_PLEN], c.pos - 2, 2, v16,
			    NULL);
			if (!cur_be16(&c, &v16))
				goto trunc;
			d_uint(d, &gre_fields[F_CALLID], c.pos - 2, 2, v16,
			    NULL);
		} else {
			if (!cur_be32(&c, &v32))
				goto trunc;
			d_uint(d, &gre_fields[F_KEYV], c.pos - 4, 4, v32,
			    NULL);
		}
	}
	if (fl & GRE_S) {
		if (!cur_be32(&c, &v32))
			goto trunc;
		d_uint(d, &gre_fields[F_SEQNO], c.pos - 4, 4, v32, NULL);
	}
	if (ver == 1 && (fl & GRE_A)) {
		if (!cur_be32(&c, &v32))
			goto trunc;
		d_uint(d, &gre_fields[F_ACKNO], c.pos - 4, 4, v32, NULL);
	}
	if ((fl & GRE_R) && !gre_routing(d, &c))
		goto trunc;

	/* PPTP with the S bit clear carries no payload (a bare ack). */
	if (cur_left(&c) > 0)
		gre_payload(d, proto, c);
	d_close(d, c.end, status);
	return;
trunc:
	d_text(d, c.pos, 0, "[truncated]");
	d_close(d, c.end, status | LAYER_TRUNCATED);
}
