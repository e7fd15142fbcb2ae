/*
 * IGMP: Internet Group Management Protocol, versions 0 to 3, and the
 * multicast traceroute messages that share its protocol number.
 *
 * RFC 988 (v0), RFC 1112 (v1), RFC 2236 (v2), RFC 3376 (v3),
 * draft-ietf-idmr-traceroute-ipm (mtrace).
 *
 * v1 / v2 (8 bytes):
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |      Type     | Max Resp Time |           Checksum            |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                         Group Address                         |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * v3 query (12 + 4 * N bytes) continues after the group address with
 *   | Resv  |S| QRV |     QQIC      |     Number of Sources (N)     |
 *   |                     Source Address [1..N]                     |
 *
 * v3 report (type 0x22):
 *   |  Type = 0x22  |    Reserved   |           Checksum            |
 *   |           Reserved            |  Number of Group Records (M)  |
 *   then M group records:
 *   |  Record Type  |  Aux Data Len |     Number of Sources (N)     |
 *   |                       Multicast Address                       |
 *   |                  Source Address [1..N], Aux Data              |
 *
 * The version is not on the wire: like Wireshark we pick it from the type
 * and, for queries, from the length (>= 12: v3) and the max response byte
 * (non-zero: v2).  Every loop is bounded by the declared counts AND by the
 * captured bytes; a count larger than the data marks the layer truncated.
 */
#include "config.h"

#include <stdio.h>

#include "decoders.h"

enum {
	F_VERSION, F_TYPE, F_RESERVED, F_MAXRESP, F_MAXRESP_EXP,
	F_MAXRESP_MANT, F_CHECKSUM, F_CKSTATUS, F_MADDR, F_S, F_QRV, F_QQIC,
	F_NUMSRC, F_SADDR, F_NUMGRP, F_RECTYPE, F_AUXLEN, F_AUXDATA, F_DATA,
	F_GROUPTYPE, F_REPLY, F_REPLYPEND, F_IDENT, F_ACCESSKEY, F_MT_HOPS,
	F_MT_SADDR, F_MT_RADDR, F_MT_RSPADDR, F_MT_RESPTTL, F_MT_QID,
	F_MT_ARRIVAL, F_MT_INADDR, F_MT_OUTADDR, F_MT_PREVRTR, F_MT_INPKT,
	F_MT_OUTPKT, F_MT_TOTAL, F_MT_RTGPROTO, F_MT_FWDTTL, F_MT_MBZ, F_MT_S,
	F_MT_SRCMASK, F_MT_FWDCODE, F_COUNT
};

static const struct field_def igmp_fields[] = {
	[F_VERSION] = { "igmp.version", "IGMP Version", FT_UINT, BASE_DEC, 8 },
	[F_TYPE] = { "igmp.type", "Type", FT_UINT, BASE_HEX, 8 },
	[F_RESERVED] = { "igmp.reserved", "Reserved", FT_BYTES, BASE_DEC, 0 },
	[F_MAXRESP] = { "igmp.max_resp", "Max Resp Time", FT_UINT, BASE_DEC,
	    8 },
	[F_MAXRESP_EXP] = { "igmp.max_resp.exp", "Exponent", FT_UINT, BASE_HEX,
	    8 },
	[F_MAXRESP_MANT] = { "igmp.max_resp.mant", "Mantissa", FT_UINT,
	    BASE_HEX, 8 },
	[F_CHECKSUM] = { "igmp.checksum", "Checksum", FT_UINT, BASE_HEX, 16 },
	[F_CKSTATUS] = { "igmp.checksum.status", "Checksum Status", FT_UINT,
	    BASE_DEC, 8 },
	[F_MADDR] = { "igmp.maddr", "Multicast Address", FT_IPV4, BASE_DEC,
	    0 },
	[F_S] = { "igmp.s", "S", FT_BOOL, BASE_DEC, 8 },
	[F_QRV] = { "igmp.qrv", "QRV", FT_UINT, BASE_DEC, 8 },
	[F_QQIC] = { "igmp.qqic", "QQIC", FT_UINT, BASE_DEC, 8 },
	[F_NUMSRC] = { "igmp.num_src", "Num Src", FT_UINT, BASE_DEC, 16 },
	[F_SADDR] = { "igmp.saddr", "Source Address", FT_IPV4, BASE_DEC, 0 },
	[F_NUMGRP] = { "igmp.num_grp_recs", "Num Group Records", FT_UINT,
	    BASE_DEC, 16 },
	[F_RECTYPE] = { "igmp.record_type", "Record Type", FT_UINT, BASE_DEC,
	    8 },
	[F_AUXLEN] = { "igmp.aux_data_len", "Aux Data Len", FT_UINT, BASE_DEC,
	    8 },
	[F_AUXDATA] = { "igmp.aux_data", "Aux Data", FT_BYTES, BASE_DEC, 0 },
	[F_DATA] = { "igmp.data", "Data", FT_BYTES, BASE_DEC, 0 },
	[F_GROUPTYPE] = { "igmp.group_type", "Type Of Group", FT_UINT,
	    BASE_DEC, 8 },
	[F_REPLY] = { "igmp.reply", "Reply", FT_UINT, BASE_DEC, 8 },
	[F_REPLYPEND] = { "igmp.reply.pending", "Reply Pending", FT_UINT,
	    BASE_DEC, 8 },
	[F_IDENT] = { "igmp.identifier", "Identifier", FT_UINT, BASE_DEC, 32 },
	[F_ACCESSKEY] = { "igmp.access_key", "Access Key", FT_BYTES, BASE_DEC,
	    0 },
	[F_MT_HOPS] = { "igmp.mtrace.max_hops", "# hops", FT_UINT, BASE_DEC,
	    8 },
	[F_MT_SADDR] = { "igmp.mtrace.saddr", "Source Address", FT_IPV4,
	    BASE_DEC, 0 },
	[F_MT_RADDR] = { "igmp.mtrace.raddr", "Receiver Address", FT_IPV4,
	    BASE_DEC, 0 },
	[F_MT_RSPADDR] = { "igmp.mtrace.rspaddr", "Response Address", FT_IPV4,
	    BASE_DEC, 0 },
	[F_MT_RESPTTL] = { "igmp.mtrace.resp_ttl", "Response TTL", FT_UINT,
	    BASE_DEC, 8 },
	[F_MT_QID] = { "igmp.mtrace.q_id", "Query ID", FT_UINT, BASE_DEC, 24 },
	[F_MT_ARRIVAL] = { "igmp.mtrace.q_arrival", "Query Arrival", FT_UINT,
	    BASE_DEC, 32 },
	[F_MT_INADDR] = { "igmp.mtrace.q_inaddr", "In itf addr", FT_IPV4,
	    BASE_DEC, 0 },
	[F_MT_OUTADDR] = { "igmp.mtrace.q_outaddr", "Out itf addr", FT_IPV4,
	    BASE_DEC, 0 },
	[F_MT_PREVRTR] = { "igmp.mtrace.q_prevrtr", "Previous rtr addr",
	    FT_IPV4, BASE_DEC, 0 },
	[F_MT_INPKT] = { "igmp.mtrace.q_inpkt", "In pkts", FT_UINT, BASE_DEC,
	    32 },
	[F_MT_OUTPKT] = { "igmp.mtrace.q_outpkt", "Out pkts", FT_UINT,
	    BASE_DEC, 32 },
	[F_MT_TOTAL] = { "igmp.mtrace.q_total", "S,G pkt count", FT_UINT,
	    BASE_DEC, 32 },
	[F_MT_RTGPROTO] = { "igmp.mtrace.q_rtg_proto", "Rtg Protocol", FT_UINT,
	    BASE_DEC, 8 },
	[F_MT_FWDTTL] = { "igmp.mtrace.q_fwd_ttl", "FwdTTL", FT_UINT, BASE_DEC,
	    8 },
	[F_MT_MBZ] = { "igmp.mtrace.q_mbz", "MBZ", FT_UINT, BASE_HEX, 8 },
	[F_MT_S] = { "igmp.mtrace.q_s", "S", FT_UINT, BASE_HEX, 8 },
	[F_MT_SRCMASK] = { "igmp.mtrace.q_src_mask", "Src Mask", FT_UINT,
	    BASE_HEX, 8 },
	[F_MT_FWDCODE] = { "igmp.mtrace.q_fwd_code", "Forwarding Code",
	    FT_UINT, BASE_HEX, 8 },
};
_Static_assert(sizeof igmp_fields / sizeof igmp_fields[0] == F_COUNT,
    "igmp_fields: one entry per field id");
const struct field_table igmp_field_table = { igmp_fields, F_COUNT };

#define IGMP_QUERY		0x11
#define IGMP_V1_REPORT		0x12
#define IGMP_V2_REPORT		0x16
#define IGMP_V2_LEAVE		0x17
#define IGMP_MTRACE_RESP	0x1e
#define IGMP_MTRACE_QUERY	0x1f
#define IGMP_V3_REPORT		0x22

#define MTRACE_HDR_LEN		24
#define MTRACE_BLOCK_LEN	32

static const struct value_name igmp_types[] = {
	{ 0x01, "Create Group Request" },
	{ 0x02, "Create Group Reply" },
	{ 0x03, "Join Group Request" },
	{ 0x04, "Join Group Reply" },
	{ 0x05, "Leave Group Request" },
	{ 0x06, "Leave Group Reply" },
	{ 0x07, "Confirm Group Request" },
	{ 0x08, "Confirm Group Reply" },
	{ 0x11, "Membership Query" },
	{ 0x12, "Membership Report" },
	{ 0x13, "DVMRP Protocol" },
	{ 0x14, "PIM Routing Message" },
	{ 0x16, "Membership Report" },
	{ 0x17, "Leave Group" },
	{ 0x1e, "Traceroute Response" },
	{ 0x1f, "Traceroute Query or Request" },
	{ 0x22, "Membership Report" },
	{ 0, NULL }
};

static const struct value_name igmp_record_types[] = {
	{ 1, "Mode Is Include" },
	{ 2, "Mode Is Exclude" },
	{ 3, "Change To Include Mode" },
	{ 4, "Change To Exclude Mode" },
	{ 5, "Allow New Sources" },
	{ 6, "Block Old Sources" },
	{ 0, NULL }
};

static const struct value_name mtrace_rtg_protos[] = {
	{ 1, "DVMRP" },
	{ 2, "MOSPF" },
	{ 3, "PIM" },
	{ 4, "CBT" },
	{ 5, "PIM using special routing table" },
	{ 6, "PIM using a static route" },
	{ 7, "DVMRP using a static route" },
	{ 8, "PIM using MBGP (aka BGP4+) route" },
	{ 9, "CBT using special routing table" },
	{ 10, "CBT using a static route" },
	{ 11, "PIM using state created by Assert processing" },
	{ 0, NULL }
};

static const struct value_name mtrace_fwd_codes[] = {
	{ 0x00, "NO_ERROR" },
	{ 0x01, "WRONG_IF" },
	{ 0x02, "PRUNE_SENT" },
	{ 0x03, "PRUNE_RCVD" },
	{ 0x04, "SCOPED" },
	{ 0x05, "NO_ROUTE" },
	{ 0x06, "WRONG_LAST_HOP" },
	{ 0x07, "NOT_FORWARDING" },
	{ 0x08, "REACHED_RP" },
	{ 0x09, "RPF_IF" },
	{ 0x0a, "NO_MULTICAST" },
	{ 0x0b, "INFO_HIDDEN" },
	{ 0x81, "NO_SPACE" },
	{ 0x82, "OLD_ROUTER" },
	{ 0x83, "ADMIN_PROHIB" },
	{ 0, NULL }
};

/* Did the capture end before the message did (snaplen cut)? */
static bool
igmp_cut_short(const struct dissect *d, const struct cursor *c)
{
	return d->caplen < d->wirelen && c->end >= d->caplen;
}

/*
 * Report the checksum and whether it verifies.  sumlen is the number of
 * bytes it covers (8 for v1/v2, the whole message otherwise); when they
 * were not all captured the status is "unverified" (2).
 */
static int
igmp_checksum(struct dissect *d, const struct cursor *msg, size_t sumlen,
    bool whole)
{
	uint16_t sum;
	int status;

	if (!cur_peek16(msg, 2, &sum))
		return LAYER_OK;
	if (cur_has(msg, sumlen) && !(whole && igmp_cut_short(d, msg)))
		status = cksum_fold(cksum_add(0, cur_ptr(msg), sumlen)) == 0 ?
		    1 : 0;
	else
		status = 2;
	return d_checksum(d, &igmp_fields[F_CHECKSUM],
	    &igmp_fields[F_CKSTATUS], msg->pos + 2, sum, status);
}

/* Report the version (generated) and the type byte at c; step over it. */
static void
igmp_type(struct dissect *d, struct cursor *c, int version, uint8_t type,
    const char *name)
{
	d_uint(d, &igmp_fields[F_VERSION], c->pos, 0, (uint64_t)version, NULL);
	d_uint(d, &igmp_fields[F_TYPE], c->pos, 1, type, name);
	cur_skip(c, 1);
}

/* Read an IPv4 address field and report it (into a unless NULL); false
   if cut short. */
static bool
igmp_addr(struct dissect *d, struct cursor *c, int idx, uint8_t *a)
{
	uint8_t buf[4];
	size_t off = c->pos;

	if (a == NULL)
		a = buf;
	if (!cur_bytes(c, a, 4))
		return false;
	d_addr(d, &igmp_fields[idx], off, 4, a);
	return true;
}

/* Report a run of n IPv4 source addresses; false if the data ran out. */
static bool
igmp_sources(struct dissect *d, struct cursor *c, unsigned n)
{
	uint8_t a[4];
	unsigned i;

	for (i = 0; i < n; i++) {
		size_t off = c->pos;

		if (!cur_bytes(c, a, 4))
			return false;
		d_addr(d, &igmp_fields[F_SADDR], off, 4, a);
		d_info_append(d, "%u.%u.%u.%u%s", a[0], a[1], a[2], a[3],
		    i + 1 < n ? ", " : "}");
	}
	return true;
}

/* The v3 max response code: a time in tenths of seconds (RFC 3376 4.1.1). */
static void
igmp_v3_max_resp(struct dissect *d, size_t off, uint8_t code)
{
	uint32_t tenths = code;
	char shown[48];

	if (code & 0x80)
		tenths = (uint32_t)((code & 0x0f) | 0x10) <<
		    (((code & 0x70) >> 4) + 3);
	if (d->sink == NULL)
		return;
	snprintf(shown, sizeof shown, "%u.%u sec", tenths / 10, tenths % 10);
	d_uint(d, &igmp_fields[F_MAXRESP], off, 1, tenths, shown);
	if (code & 0x80) {
		d_push(d);
		d_uint(d, &igmp_fields[F_MAXRESP_EXP], off, 1,
		    (code & 0x70) >> 4, NULL);
		d_uint(d, &igmp_fields[F_MAXRESP_MANT], off, 1, code & 0x0f,
		    NULL);
		d_pop(d);
	}
}

/* Version 3 query: the v2 header plus S/QRV, QQIC and a source list. */
static int
igmp_v3_query(struct dissect *d, struct cursor *c, const struct cursor *msg)
{
	uint8_t code, flags, qqic, group[4];
	uint16_t nsrc;
	size_t off;
	int st;

	igmp_type(d, c, 3, IGMP_QUERY, "Membership Query");
	off = c->pos;
	if (!cur_u8(c, &code))
		return LAYER_TRUNCATED;
	igmp_v3_max_resp(d, off, code);
	st = igmp_checksum(d, msg, cur_left(msg), true);
	if (!cur_skip(c, 2))
		return st | LAYER_TRUNCATED;
	if (!igmp_addr(d, c, F_MADDR, group))
		return st | LAYER_TRUNCATED;
	if ((group[0] | group[1] | group[2] | group[3]) == 0)
		d_info_append(d, ", general");
	else
		d_info_append(d, ", specific for group %u.%u.%u.%u",
		    group[0], group[1], group[2], group[3]);
	off = c->pos;
	if (!cur_u8(c, &flags))
		return st | LAYER_TRUNCATED;
	d_bool(d, &igmp_fields[F_S], off, 1, (flags & 0x08) != 0, NULL);
	d_uint(d, &igmp_fields[F_QRV], off, 1, flags & 0x07, NULL);
	off = c->pos;
	if (!cur_u8(c, &qqic))
		return st | LAYER_TRUNCATED;
	d_uint(d, &igmp_fields[F_QQIC], off, 1, qqic, NULL);
	off = c->pos;
	if (!cur_be16(c, &nsrc))
		return st | LAYER_TRUNCATED;
	d_uint(d, &igmp_fields[F_NUMSRC], off, 2, nsrc, NULL);
	if (nsrc > 0)
		d_info_append(d, ", source%s {", nsrc > 1 ? "s" : "");
	if (!igmp_sources(d, c, nsrc))
		return st | LAYER_TRUNCATED;
	return st;
}

/* One v3 group record; false if the data ran out inside it. */
static bool
igmp_v3_record(struct dissect *d, struct cursor *c)
{
	uint8_t rtype, auxlen, group[4];
	uint16_t nsrc;
	size_t start = c->pos;
	const char *rname;
	char g[16];

	if (!cur_u8(c, &rtype))
		return false;
	rname = field_value_name(igmp_record_types, rtype);
	d_uint(d, &igmp_fields[F_RECTYPE], start, 1, rtype, rname);
	if (!cur_u8(c, &auxlen))
		return false;
	d_uint(d, &igmp_fields[F_AUXLEN], start + 1, 1, auxlen, NULL);
	if (!cur_be16(c, &nsrc))
		return false;
	d_uint(d, &igmp_fields[F_NUMSRC], start + 2, 2, nsrc, NULL);
	if (!igmp_addr(d, c, F_MADDR, group))
		return false;
	snprintf(g, sizeof g, "%u.%u.%u.%u", group[0], group[1], group[2],
	    group[3]);
	if (nsrc == 0) {
		switch (rtype) {
		case 1:
		case 3:
			d_info_append(d, " / Leave group %s", g);
			break;
		case 2:
		case 4:
			d_info_append(d, " / Join group %s for any sources", g);
			break;
		case 5:
			d_info_append(d, " / Group %s, ALLOW_NEW_SOURCES but "
			    "no source specified (?)", g);
			break;
		case 6:
			d_info_append(d, " / Group %s, BLOCK_OLD_SOURCES but "
			    "no source specified (?)", g);
			break;
		default:
			d_info_append(d, " / Group %s, unknown record type (?)",
			    g);
			break;
		}
	} else {
		switch (rtype) {
		case 1:
		case 3:
			d_info_append(d, " / Join group %s for source%s {", g,
			    nsrc > 1 ? "s in" : "");
			break;
		case 2:
		case 4:
			d_info_append(d, " / Join group %s, for source%s {", g,
			    nsrc > 1 ? "s not in" : " not");
			break;
		case 5:
			d_info_append(d, " / Group %s, new source%s {", g,
			    nsrc > 1 ? "s" : "");
			break;
		case 6:
			d_info_append(d, " / Group %s, block source%s {", g,
			    nsrc > 1 ? "s" : "");
			break;
		default:
			d_info_append(d, " / Group %s, unknown record type (?),"
			    " sources {", g);
			break;
		}
	}
	if (!igmp_sources(d, c, nsrc))
		return false;
	if (auxlen > 0) {
		size_t off = c->pos;

		if (!cur_skip(c, (size_t)auxlen * 4))
			return false;
		d_bytes(d, &igmp_fields[F_AUXDATA], off, (size_t)auxlen * 4);
	}
	return true;
}

/* Version 3 report: a count of group records, each bounded by the data. */
static int
igmp_v3_report(struct dissect *d, struct cursor *c, const struct cursor *msg)
{
	uint16_t ngrp, i;
	size_t off;
	int st;

	igmp_type(d, c, 3, IGMP_V3_REPORT, "Membership Report");
	off = c->pos;
	if (!cur_skip(c, 1))
		return LAYER_TRUNCATED;
	d_bytes(d, &igmp_fields[F_RESERVED], off, 1);
	st = igmp_checksum(d, msg, cur_left(msg), true);
	if (!cur_skip(c, 2))
		return st | LAYER_TRUNCATED;
	off = c->pos;
	if (!cur_skip(c, 2))
		return st | LAYER_TRUNCATED;
	d_bytes(d, &igmp_fields[F_RESERVED], off, 2);
	off = c->pos;
	if (!cur_be16(c, &ngrp))
		return st | LAYER_TRUNCATED;
	if (ngrp == 0)
		d_info_append(d, " - General query");
	d_uint(d, &igmp_fields[F_NUMGRP], off, 2, ngrp, NULL);
	for (i = 0; i < ngrp; i++) {
		d_text(d, c->pos, 0, "Group Record");
		d_push(d);
		if (!igmp_v3_record(d, c)) {
			d_pop(d);
			return st | LAYER_TRUNCATED;
		}
		d_pop(d);
	}
	return st;
}

/*
 * Versions 1 and 2 share the 8-byte layout; v1 has an unused byte where v2
 * has the max response time.
 */
static int
igmp_v12(struct dissect *d, struct cursor *c, const struct cursor *msg,
    int version, uint8_t type)
{
	uint8_t second, group[4];
	size_t off;
	int st;
	char shown[32];

	igmp_type(d, c, version, type, field_value_name(igmp_types, type));
	off = c->pos;
	if (!cur_u8(c, &second))
		return LAYER_TRUNCATED;
	if (version == 1) {
		d_bytes(d, &igmp_fields[F_RESERVED], off, 1);
	} else {
		snprintf(shown, sizeof shown, "%u.%u sec", second / 10,
		    second % 10);
		d_uint(d, &igmp_fields[F_MAXRESP], off, 1, second, shown);
	}
	st = igmp_checksum(d, msg, 8, false);
	if (!cur_skip(c, 2))
		return st | LAYER_TRUNCATED;
	if (!igmp_addr(d, c, F_MADDR, group))
		return st | LAYER_TRUNCATED;
	if (version == 2) {
		if ((group[0] | group[1] | group[2] | group[3]) == 0)
			d_info_append(d, ", general");
		else if (type == IGMP_V2_LEAVE)
			d_info_append(d, " %u.%u.%u.%u", group[0], group[1],
			    group[2], group[3]);
		else if (type == IGMP_QUERY)
			d_info_append(d, ", specific for group %u.%u.%u.%u",
			    group[0], group[1], group[2], group[3]);
		else
			d_info_append(d, " group %u.%u.%u.%u", group[0],
			    group[1], group[2], group[3]);
	}
	return st;
}

/* Version 0 (RFC 988): 20 bytes with an identifier and an access key. */
static int
igmp_v0(struct dissect *d, struct cursor *c, const struct cursor *msg,
    uint8_t type)
{
	uint8_t code, group[4];
	uint32_t ident;
	size_t off;
	int st;

	igmp_type(d, c, 0, type, field_value_name(igmp_types, type));
	off = c->pos;
	if (!cur_u8(c, &code))
		return LAYER_TRUNCATED;
	if (type == 0x01)
		d_uint(d, &igmp_fields[F_GROUPTYPE], off, 1, code, NULL);
	else if (!(type & 0x01))
		d_uint(d, &igmp_fields[code < 5 ? F_REPLY : F_REPLYPEND], off,
		    1, code, NULL);
	st = igmp_checksum(d, msg, 20, false);
	if (!cur_skip(c, 2))
		return st | LAYER_TRUNCATED;
	off = c->pos;
	if (!cur_be32(c, &ident))
		return st | LAYER_TRUNCATED;
	d_uint(d, &igmp_fields[F_IDENT], off, 4, ident, NULL);
	if (!igmp_addr(d, c, F_MADDR, group))
		return st | LAYER_TRUNCATED;
	off = c->pos;
	if (!cur_skip(c, 8))
		return st | LAYER_TRUNCATED;
	d_bytes(d, &igmp_fields[F_ACCESSKEY], off, 8);
	return st;
}

/* Read a 32-bit counter and report it; false if cut short. */
static bool
igmp_u32(struct dissect *d, struct cursor *c, int idx)
{
	uint32_t v;
	size_t off = c->pos;

	if (!cur_be32(c, &v))
		return false;
	d_uint(d, &igmp_fields[idx], off, 4, v, NULL);
	return true;
}

/* Multicast traceroute query, request or response with its data blocks. */
static int
igmp_mtrace(struct dissect *d, struct cursor *c, const struct cursor *msg,
    uint8_t type)
{
	const char *what;
	uint8_t hops, ttl, b;
	uint32_t qid;
	size_t off, total = cur_left(msg);
	int st;

	if (type == IGMP_MTRACE_RESP) {
		size_t blocks = total >= MTRACE_HDR_LEN ?
		    (total - MTRACE_HDR_LEN) / MTRACE_BLOCK_LEN : 0;

		what = "Traceroute Response";
		d_info(d, "%s, %zu block%s", what, blocks,
		    blocks == 1 ? "" : "s");
	} else {
		what = total == MTRACE_HDR_LEN ? "Traceroute Query" :
		    "Traceroute Request";
		d_info(d, "%s", what);
	}
	d_uint(d, &igmp_fields[F_TYPE], c->pos, 1, type, what);
	cur_skip(c, 1);
	off = c->pos;
	if (!cur_u8(c, &hops))
		return LAYER_TRUNCATED;
	d_uint(d, &igmp_fields[F_MT_HOPS], off, 1, hops, NULL);
	st = igmp_checksum(d, msg, total, true);
	if (!cur_skip(c, 2) || !igmp_addr(d, c, F_MADDR, NULL) ||
	    !igmp_addr(d, c, F_MT_SADDR, NULL) ||
	    !igmp_addr(d, c, F_MT_RADDR, NULL) ||
	    !igmp_addr(d, c, F_MT_RSPADDR, NULL))
		return st | LAYER_TRUNCATED;
	off = c->pos;
	if (!cur_u8(c, &ttl))
		return st | LAYER_TRUNCATED;
	d_uint(d, &igmp_fields[F_MT_RESPTTL], off, 1, ttl, NULL);
	off = c->pos;
	if (!cur_be24(c, &qid))
		return st | LAYER_TRUNCATED;
	d_uint(d, &igmp_fields[F_MT_QID], off, 3, qid, NULL);
	/* Only whole blocks are decoded: a partial tail is left alone. */
	while (cur_left(c) >= MTRACE_BLOCK_LEN) {
		d_text(d, c->pos, MTRACE_BLOCK_LEN, "Response data block");
		d_push(d);
		igmp_u32(d, c, F_MT_ARRIVAL);
		igmp_addr(d, c, F_MT_INADDR, NULL);
		igmp_addr(d, c, F_MT_OUTADDR, NULL);
		igmp_addr(d, c, F_MT_PREVRTR, NULL);
		igmp_u32(d, c, F_MT_INPKT);
		igmp_u32(d, c, F_MT_OUTPKT);
		igmp_u32(d, c, F_MT_TOTAL);
		off = c->pos;
		cur_u8(c, &b);
		d_uint(d, &igmp_fields[F_MT_RTGPROTO], off, 1, b,
		    field_value_name(mtrace_rtg_protos, b));
		off = c->pos;
		cur_u8(c, &b);
		d_uint(d, &igmp_fields[F_MT_FWDTTL], off, 1, b, NULL);
		off = c->pos;
		cur_u8(c, &b);
		d_uint(d, &igmp_fields[F_MT_MBZ], off, 1, (b & 0x80) >> 7,
		    NULL);
		d_uint(d, &igmp_fields[F_MT_S], off, 1, (b & 0x40) >> 6, NULL);
		d_uint(d, &igmp_fields[F_MT_SRCMASK], off, 1, b & 0x3f, NULL);
		off = c->pos;
		cur_u8(c, &b);
		d_uint(d, &igmp_fields[F_MT_FWDCODE], off, 1, b,
		    field_value_name(mtrace_fwd_codes, b));
		d_pop(d);
	}
	return st;
}

void
igmp_decode(struct dissect *d, struct cursor c)
{
	const struct cursor msg = c;
	const char *name;
	uint8_t type, second = 0;
	int st;

	if (!d_open(d, P_IGMP, c.pos))
		return;
	if (!cur_peek8(&c, 0, &type)) {
		d_text(d, c.pos, 0, "[truncated]");
		d_close(d, c.end, LAYER_TRUNCATED);
		return;
	}
	name = field_value_name(igmp_types, type);
	if (name != NULL)
		d_info(d, "%s", name);
	else
		d_info(d, "Unknown Type:0x%02x", type);
	cur_peek8(&c, 1, &second);

	switch (type) {
	case IGMP_QUERY:
		/* The length decides v3; the max response byte v2 vs v1. */
		if (cur_left(&c) >= 12 || (igmp_cut_short(d, &c) &&
		    d->wirelen - d->caplen + cur_left(&c) >= 12))
			st = igmp_v3_query(d, &c, &msg);
		else
			st = igmp_v12(d, &c, &msg, second != 0 ? 2 : 1, type);
		break;
	case IGMP_V1_REPORT:
		st = igmp_v12(d, &c, &msg, 1, type);
		break;
	case IGMP_V2_REPORT:
	case IGMP_V2_LEAVE:
		st = igmp_v12(d, &c, &msg, 2, type);
		break;
	case IGMP_V3_REPORT:
		st = igmp_v3_report(d, &c, &msg);
		break;
	case IGMP_MTRACE_RESP:
	case IGMP_MTRACE_QUERY:
		st = igmp_mtrace(d, &c, &msg, type);
		break;
	default:
		if (type <= 0x0f) {
			st = igmp_v0(d, &c, &msg, type);
			break;
		}
		/* DVMRP, PIMv1, MRDISC, ...: not decoded here. */
		d_uint(d, &igmp_fields[F_TYPE], c.pos, 1, type, NULL);
		cur_skip(&c, 1);
		if (cur_left(&c) > 0)
			d_bytes(d, &igmp_fields[F_DATA], c.pos, cur_left(&c));
		st = LAYER_OK;
		break;
	}
	d_finish(d, c.pos, msg.end, st);
}
