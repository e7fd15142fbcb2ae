/*
 * Internet Protocol version 4 (RFC 791; DSCP/ECN from RFC 2474 and 3168).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Version|  IHL  |   DSCP    |ECN|          Total Length         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Identification        |Flags|      Fragment Offset    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Time to Live |    Protocol   |         Header Checksum       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       Source Address                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Destination Address                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Options (IHL > 5)          |    Padding    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Fields are reported as tshark 4.0 reports them: ip.hdr_len in bytes,
 * ip.flags shifted down to its three bits, ip.frag_offset in 8-byte units,
 * and the hidden ip.addr / ip.*_host fields next to each address.  While a
 * source route still has hops to go, tshark shows the header's destination
 * as ip.cur_rt and the route's last hop as ip.dst; we do the same.
 *
 * ipv4_fields[F_VERSION] must stay first: ipv6.c reports the hidden
 * ip.version through ipv4_field_table.defs[0], as tshark does.
 */
#include "config.h"

#include <string.h>

#include "decoders.h"

enum {
	F_VERSION, F_HDR_LEN, F_DSFIELD, F_DSCP, F_ECN, F_LEN, F_ID, F_FLAGS,
	F_FLAG_RB, F_FLAG_DF, F_FLAG_MF, F_FRAG_OFF, F_TTL, F_PROTO, F_CKSUM,
	F_CKSUM_STATUS, F_CKSUM_CALC, F_SRC, F_ADDR, F_SRC_HOST, F_HOST, F_DST,
	F_DST_HOST, F_OPT_TYPE, F_OPT_COPY, F_OPT_CLASS, F_OPT_NUMBER,
	F_OPT_LEN, F_OPT_PTR, F_REC_RT, F_REC_RT_HOST, F_CUR_RT, F_CUR_RT_HOST,
	F_SRC_RT, F_SRC_RT_HOST, F_EMPTY_RT, F_EMPTY_RT_HOST, F_OPT_RA,
	F_OPT_OVERFLOW, F_OPT_FLAG, F_OPT_TS, F_OPT_TS_ADDR, F_OPT_SID,
	F_OPT_MTU, F_OPT_ID, F_OPT_OHC, F_OPT_RHC, F_OPT_ORIG, F_OPT_SEC,
	F_OPT_COMP, F_OPT_HR, F_OPT_TCC, F_OPT_EXT_FMT, F_OPT_EXT_INFO,
	F_OPT_ADDR, F_OPT_PADDING, F_OPT_QS_FUNC, F_OPT_QS_RATE, F_OPT_QS_TTL,
	F_OPT_QS_DIFF, F_OPT_QS_UNUSED, F_OPT_QS_NONCE, F_OPT_QS_RSV,
	F_CIPSO_DOI, F_COUNT
};

static const struct field_def ipv4_fields[] = {
	[F_VERSION] = { "ip.version", "Version", FT_UINT, BASE_DEC, 8 },
	[F_HDR_LEN] = { "ip.hdr_len", "Header Length", FT_UINT, BASE_DEC, 8 },
	[F_DSFIELD] = { "ip.dsfield", "Differentiated Services Field", FT_UINT,
	    BASE_HEX, 8 },
	[F_DSCP] = { "ip.dsfield.dscp", "Differentiated Services Codepoint",
	    FT_UINT, BASE_DEC, 8 },
	[F_ECN] = { "ip.dsfield.ecn", "Explicit Congestion Notification",
	    FT_UINT, BASE_DEC, 8 },
	[F_LEN] = { "ip.len", "Total Length", FT_UINT, BASE_DEC, 16 },
	[F_ID] = { "ip.id", "Identification", FT_UINT, BASE_HEX, 16 },
	[F_FLAGS] = { "ip.flags", "Flags", FT_UINT, BASE_HEX, 8 },
	[F_FLAG_RB] = { "ip.flags.rb", "Reserved bit", FT_BOOL, BASE_DEC, 8 },
	[F_FLAG_DF] = { "ip.flags.df", "Don't fragment", FT_BOOL, BASE_DEC,
	    8 },
	[F_FLAG_MF] = { "ip.flags.mf", "More fragments", FT_BOOL, BASE_DEC,
	    8 },
	[F_FRAG_OFF] = { "ip.frag_offset", "Fragment Offset", FT_UINT,
	    BASE_DEC, 16 },
	[F_TTL] = { "ip.ttl", "Time to Live", FT_UINT, BASE_DEC, 8 },
	[F_PROTO] = { "ip.proto", "Protocol", FT_UINT, BASE_DEC, 8 },
	[F_CKSUM] = { "ip.checksum", "Header Checksum", FT_UINT, BASE_HEX,
	    16 },
	[F_CKSUM_STATUS] = { "ip.checksum.status", "Header checksum status",
	    FT_UINT, BASE_DEC, 8 },
	[F_CKSUM_CALC] = { "ip.checksum_calculated", "Calculated Checksum",
	    FT_UINT, BASE_HEX, 16 },
	[F_SRC] = { "ip.src", "Source Address", FT_IPV4, BASE_DEC, 0 },
	[F_ADDR] = { "ip.addr", "Source or Destination Address", FT_IPV4,
	    BASE_DEC | FIELD_HIDDEN, 0 },
	[F_SRC_HOST] = { "ip.src_host", "Source Host", FT_STRING,
	    BASE_DEC | FIELD_HIDDEN, 0 },
	[F_HOST] = { "ip.host", "Source or Destination Host", FT_STRING,
	    BASE_DEC | FIELD_HIDDEN, 0 },
	[F_DST] = { "ip.dst", "Destination Address", FT_IPV4, BASE_DEC, 0 },
	[F_DST_HOST] = { "ip.dst_host", "Destination Host", FT_STRING,
	    BASE_DEC | FIELD_HIDDEN, 0 },
	[F_OPT_TYPE] = { "ip.opt.type", "Type", FT_UINT, BASE_DEC, 8 },
	[F_OPT_COPY] = { "ip.opt.type.copy", "Copy on fragmentation", FT_BOOL,
	    BASE_DEC, 8 },
	[F_OPT_CLASS] = { "ip.opt.type.class", "Class", FT_UINT, BASE_DEC, 8 },
	[F_OPT_NUMBER] = { "ip.opt.type.number", "Number", FT_UINT, BASE_DEC,
	    8 },
	[F_OPT_LEN] = { "ip.opt.len", "Length", FT_UINT, BASE_DEC, 8 },
	[F_OPT_PTR] = { "ip.opt.ptr", "Pointer", FT_UINT, BASE_DEC, 8 },
	[F_REC_RT] = { "ip.rec_rt", "Recorded Route", FT_IPV4, BASE_DEC, 0 },
	[F_REC_RT_HOST] = { "ip.rec_rt_host", "Recorded Route Host", FT_STRING,
	    BASE_DEC, 0 },
	[F_CUR_RT] = { "ip.cur_rt", "Current Route", FT_IPV4, BASE_DEC, 0 },
	[F_CUR_RT_HOST] = { "ip.cur_rt_host", "Current Route Host", FT_STRING,
	    BASE_DEC, 0 },
	[F_SRC_RT] = { "ip.src_rt", "Source Route", FT_IPV4, BASE_DEC, 0 },
	[F_SRC_RT_HOST] = { "ip.src_rt_host", "Source Route Host", FT_STRING,
	    BASE_DEC, 0 },
	[F_EMPTY_RT] = { "ip.empty_rt", "Empty Route", FT_IPV4, BASE_DEC, 0 },
	[F_EMPTY_RT_HOST] = { "ip.empty_rt_host", "Empty Route Host",
	    FT_STRING, BASE_DEC, 0 },
	[F_OPT_RA] = { "ip.opt.ra", "Router Alert", FT_UINT, BASE_DEC, 16 },
	[F_OPT_OVERFLOW] = { "ip.opt.overflow", "Overflow", FT_UINT, BASE_DEC,
	    8 },
	[F_OPT_FLAG] = { "ip.opt.flag", "Flag", FT_UINT, BASE_HEX, 8 },
	[F_OPT_TS] = { "ip.opt.time_stamp", "Time stamp", FT_UINT, BASE_DEC,
	    32 },
	[F_OPT_TS_ADDR] = { "ip.opt.time_stamp_addr", "Address", FT_IPV4,
	    BASE_DEC, 0 },
	[F_OPT_SID] = { "ip.opt.sid", "Stream Identifier", FT_UINT, BASE_DEC,
	    16 },
	[F_OPT_MTU] = { "ip.opt.mtu", "MTU", FT_UINT, BASE_DEC, 16 },
	[F_OPT_ID] = { "ip.opt.id_number", "ID Number", FT_UINT, BASE_DEC,
	    16 },
	[F_OPT_OHC] = { "ip.opt.ohc", "Outbound Hop Count", FT_UINT, BASE_DEC,
	    16 },
	[F_OPT_RHC] = { "ip.opt.rhc", "Return Hop Count", FT_UINT, BASE_DEC,
	    16 },
	[F_OPT_ORIG] = { "ip.opt.originator", "Originator IP Address", FT_IPV4,
	    BASE_DEC, 0 },
	[F_OPT_SEC] = { "ip.opt.sec_rfc791_sec", "Security", FT_UINT, BASE_HEX,
	    16 },
	[F_OPT_COMP] = { "ip.opt.sec_rfc791_comp", "Compartments", FT_UINT,
	    BASE_DEC, 16 },
	[F_OPT_HR] = { "ip.opt.sec_rfc791_hr", "Handling Restrictions",
	    FT_STRING, BASE_DEC, 0 },
	[F_OPT_TCC] = { "ip.opt.sec_rfc791_tcc", "Transmission Control Code",
	    FT_STRING, BASE_DEC, 0 },
	[F_OPT_EXT_FMT] = { "ip.opt.ext_sec_add_sec_info_format_code",
	    "Additional Security Info Format Code", FT_UINT, BASE_HEX, 8 },
	[F_OPT_EXT_INFO] = { "ip.opt.ext_sec_add_sec_info",
	    "Additional Security Info", FT_BYTES, BASE_DEC, 0 },
	[F_OPT_ADDR] = { "ip.opt.addr", "IP Address", FT_IPV4, BASE_DEC, 0 },
	[F_OPT_PADDING] = { "ip.opt.padding", "Padding", FT_BYTES, BASE_DEC,
	    0 },
	[F_OPT_QS_FUNC] = { "ip.opt.qs_func", "Function", FT_UINT, BASE_DEC,
	    8 },
	[F_OPT_QS_RATE] = { "ip.opt.qs_rate", "Rate", FT_UINT, BASE_DEC, 8 },
	[F_OPT_QS_TTL] = { "ip.opt.qs_ttl", "QS TTL", FT_UINT, BASE_DEC, 8 },
	[F_OPT_QS_DIFF] = { "ip.opt.qs_ttl_diff", "TTL Diff", FT_UINT,
	    BASE_DEC, 8 },
	[F_OPT_QS_UNUSED] = { "ip.opt.qs_unused", "Not Used", FT_UINT,
	    BASE_DEC, 8 },
	[F_OPT_QS_NONCE] = { "ip.opt.qs_nonce", "QS Nonce", FT_UINT, BASE_HEX,
	    32 },
	[F_OPT_QS_RSV] = { "ip.opt.qs_reserved", "Reserved", FT_UINT, BASE_HEX,
	    32 },
	[F_CIPSO_DOI] = { "ip.cipso.doi", "DOI", FT_UINT, BASE_DEC, 32 },
};
_Static_assert(sizeof ipv4_fields / sizeof ipv4_fields[0] == F_COUNT,
    "ipv4_fields: one entry per field id");
const struct field_table ipv4_field_table = { ipv4_fields, F_COUNT };

#define IPV4_MIN_HDR	20
#define IPV4_MAX_OPTS	40	/* options fit in 40 bytes: at most 40 */

/* Option types (RFC 791 and the IANA "IP Option Numbers" registry). */
#define OPT_EOL		0
#define OPT_NOP		1
#define OPT_RR		7
#define OPT_MTUP	11
#define OPT_MTUR	12
#define OPT_QS		25
#define OPT_TS		68
#define OPT_TR		82
#define OPT_SEC		130
#define OPT_LSR		131
#define OPT_ESEC	133
#define OPT_CIPSO	134
#define OPT_SID		136
#define OPT_SSR		137
#define OPT_RA		148
#define OPT_SDB		149

/* Names of option types, as the tree headings of tshark read. */
static const struct value_name ipv4_opt_names[] = {
	{ OPT_EOL, "End of Options List (EOL)" },
	{ OPT_NOP, "No-Operation (NOP)" },
	{ OPT_RR, "Record Route" },
	{ OPT_MTUP, "MTU Probe" },
	{ OPT_MTUR, "MTU Reply" },
	{ OPT_QS, "Quick-Start" },
	{ OPT_TS, "Time Stamp" },
	{ OPT_TR, "Traceroute" },
	{ OPT_SEC, "Security" },
	{ OPT_LSR, "Loose Source Route" },
	{ OPT_ESEC, "Extended Security" },
	{ OPT_CIPSO, "Commercial Security" },
	{ OPT_SID, "Stream ID" },
	{ OPT_SSR, "Strict Source Route" },
	{ OPT_RA, "Router Alert" },
	{ OPT_SDB, "Selective Directed Broadcast" },
	{ 0, NULL }
};

/* Fixed option lengths; 0 means variable (checked by the option). */
struct ipv4_opt_len {
	uint8_t		 value;
	uint8_t		 len;
};

static const struct ipv4_opt_len ipv4_opt_lens[] = {
	{ OPT_MTUP, 4 }, { OPT_MTUR, 4 }, { OPT_QS, 8 }, { OPT_TR, 12 },
	{ OPT_SEC, 11 }, { OPT_SID, 4 }, { OPT_RA, 4 },
	{ 0, 0 }
};

static const char *const ip_opt_class_names[4] = {
	"Control", "Reserved for future use", "Debugging and measurement",
	"Reserved for future use"
};

static const char *const ip_ecn_names[4] = {
	"Not ECN-Capable Transport",
	"ECN-Capable Transport codepoint '10'",
	"ECN-Capable Transport codepoint '01'",
	"Congestion Experienced"
};

/* The tree name of an option type, or NULL if we do not know it. */
static const char *
opt_name(uint8_t type)
{
	return field_value_name(ipv4_opt_names, type);
}

/* The required length of an option type, or 0 when it varies. */
static uint8_t
opt_fixed_len(uint8_t type)
{
	const struct ipv4_opt_len *o;

	for (o = ipv4_opt_lens; o->len != 0; o++)
		if (o->value == type)
			return o->len;
	return 0;
}

/* Report an IPv4 address with its hidden "host" twin(s). */
static void
ip_addr_pair(struct dissect *d, int addr_f, int host_f, bool also_any,
    size_t off, const uint8_t *a)
{
	char text[16];
	size_t n = 0;

	if (d->sink == NULL)
		return;
	if (d_want(d, &ipv4_fields[host_f]) ||
	    (also_any && d_want(d, &ipv4_fields[F_HOST])))
		n = addr_format(FT_IPV4, a, text, sizeof text);
	d_addr(d, &ipv4_fields[addr_f], off, 4, a);
	if (also_any)
		d_addr(d, &ipv4_fields[F_ADDR], off, 4, a);
	d_string(d, &ipv4_fields[host_f], off, 4, text, n);
	if (also_any)
		d_string(d, &ipv4_fields[F_HOST], off, 4, text, n);
}

/*
 * Find a source route that still has hops to go (its pointer names one of
 * its slots).  Returns the frame offset of the route's last address, the
 * final destination, or 0 if there is none.
 */
static size_t
ipv4_route_final(struct cursor oc)
{
	uint8_t type, len, ptr;
	size_t start;
	int n;

	for (n = 0; n < IPV4_MAX_OPTS && cur_left(&oc) > 0; n++) {
		start = oc.pos;
		cur_u8(&oc, &type);
		if (type == OPT_EOL)
			break;
		if (type == OPT_NOP)
			continue;
		if (!cur_u8(&oc, &len) || len < 2 || len - 1u > cur_left(&oc))
			break;
		if ((type == OPT_LSR || type == OPT_SSR) && len >= 7 &&
		    cur_peek8(&oc, 0, &ptr) && ptr >= 4 && (ptr - 4) % 4 == 0 &&
		    ptr + 3u <= len)
			return start + 3 + ((size_t)(len - 3) / 4 - 1) * 4;
		cur_skip(&oc, len - 2u);
	}
	return 0;
}

/* Record route, loose and strict source route: pointer and addresses. */
static void
opt_route(struct dissect *d, uint8_t type, const uint8_t *o, size_t off,
    uint8_t len, bool final_here)
{
	uint8_t ptr = o[2];
	size_t i, nslots, next;

	d_uint(d, &ipv4_fields[F_OPT_PTR], off + 2, 1, ptr, NULL);
	/* A pointer before the first slot or inside one: no addresses. */
	if (ptr < 4 || (ptr - 4) % 4 != 0)
		return;
	nslots = (size_t)(len - 3) / 4;
	next = (size_t)(ptr - 4) / 4;
	for (i = 0; i < nslots; i++) {
		const uint8_t *a = o + 3 + i * 4;
		size_t aoff = off + 3 + i * 4;

		if (i < next)
			ip_addr_pair(d, F_REC_RT, F_REC_RT_HOST, false, aoff,
			    a);
		else if (type == OPT_RR)
			ip_addr_pair(d, F_EMPTY_RT, F_EMPTY_RT_HOST, false,
			    aoff, a);
		else if (final_here && i == nslots - 1)
			ip_addr_pair(d, F_DST, F_DST_HOST, true, aoff, a);
		else
			ip_addr_pair(d, F_SRC_RT, F_SRC_RT_HOST, false,
			    aoff, a);
	}
}

/* Time stamp option: pointer, overflow, flag and the entries. */
static void
opt_timestamp(struct dissect *d, const uint8_t *o, size_t off, uint8_t len)
{
	uint8_t flag;
	size_t i, step;

	d_uint(d, &ipv4_fields[F_OPT_PTR], off + 2, 1, o[2], NULL);
	if (len < 4)
		return;
	flag = o[3] & 0x0f;
	step = flag == 1 || flag == 3 ? 8 : 4;
	d_uint(d, &ipv4_fields[F_OPT_OVERFLOW], off + 3, 1, o[3] >> 4, NULL);
	d_uint(d, &ipv4_fields[F_OPT_FLAG], off + 3, 1, flag,
	    flag == 0 ? "Time stamps only" : flag == 1 ?
	    "Time stamp and address" : flag == 3 ?
	    "Time stamps for prespecified addresses" : "Unknown");
	for (i = 4; i + step <= len; i += step) {
		const uint8_t *e = o + i;

		if (step == 8) {
			d_addr(d, &ipv4_fields[F_OPT_TS_ADDR], off + i, 4, e);
			e += 4;
		}
		d_uint(d, &ipv4_fields[F_OPT_TS], off + i + step - 4, 4,
		    (uint32_t)e[0] << 24 | (uint32_t)e[1] << 16 |
		    (uint32_t)e[2] << 8 | e[3], NULL);
	}
}

/* A string field up to its first NUL, as tshark shows C strings. */
static void
opt_cstring(struct dissect *d, int f, const uint8_t *p, size_t off,
    size_t len)
{
	size_t n = 0;

	while (n < len && p[n] != '\0')
		n++;
	d_string(d, &ipv4_fields[f], off, len, (const char *)p, n);
}

/* The body of a known option after its type and length bytes. */
static void
opt_body(struct dissect *d, uint8_t type, const uint8_t *o, size_t off,
    uint8_t len, uint8_t ttl, bool final_here)
{
	uint32_t v;
	size_t i;

	switch (type) {
	case OPT_RR:
	case OPT_LSR:
	case OPT_SSR:
		if (len >= 3)
			opt_route(d, type, o, off, len, final_here);
		break;
	case OPT_TS:
		if (len >= 3)
			opt_timestamp(d, o, off, len);
		break;
	case OPT_RA:
		v = (uint32_t)(o[2] << 8 | o[3]);
		d_uint(d, &ipv4_fields[F_OPT_RA], off + 2, 2, v,
		    v == 0 ? "Router shall examine packet" : "Reserved");
		break;
	case OPT_SID:
		d_uint(d, &ipv4_fields[F_OPT_SID], off + 2, 2,
		    (uint32_t)(o[2] << 8 | o[3]), NULL);
		break;
	case OPT_MTUP:
	case OPT_MTUR:
		d_uint(d, &ipv4_fields[F_OPT_MTU], off + 2, 2,
		    (uint32_t)(o[2] << 8 | o[3]), NULL);
		break;
	case OPT_TR:
		d_uint(d, &ipv4_fields[F_OPT_ID], off + 2, 2,
		    (uint32_t)(o[2] << 8 | o[3]), NULL);
		d_uint(d, &ipv4_fields[F_OPT_OHC], off + 4, 2,
		    (uint32_t)(o[4] << 8 | o[5]), NULL);
		d_uint(d, &ipv4_fields[F_OPT_RHC], off + 6, 2,
		    (uint32_t)(o[6] << 8 | o[7]), NULL);
		d_addr(d, &ipv4_fields[F_OPT_ORIG], off + 8, 4, o + 8);
		break;
	case OPT_SEC:
		d_uint(d, &ipv4_fields[F_OPT_SEC], off + 2, 2,
		    (uint32_t)(o[2] << 8 | o[3]), NULL);
		d_uint(d, &ipv4_fields[F_OPT_COMP], off + 4, 2,
		    (uint32_t)(o[4] << 8 | o[5]), NULL);
		opt_cstring(d, F_OPT_HR, o + 6, off + 6, 2);
		opt_cstring(d, F_OPT_TCC, o + 8, off + 8, 3);
		break;
	case OPT_ESEC:
		if (len < 3)
			break;
		d_uint(d, &ipv4_fields[F_OPT_EXT_FMT], off + 2, 1, o[2], NULL);
		if (len > 3)
			d_bytes(d, &ipv4_fields[F_OPT_EXT_INFO], off + 3,
			    len - 3u);
		break;
	case OPT_CIPSO:
		if (len >= 6)
			d_uint(d, &ipv4_fields[F_CIPSO_DOI], off + 2, 4,
			    (uint32_t)o[2] << 24 | (uint32_t)o[3] << 16 |
			    (uint32_t)o[4] << 8 | o[5], NULL);
		break;
	case OPT_SDB:
		for (i = 2; i + 4 <= len; i += 4)
			d_addr(d, &ipv4_fields[F_OPT_ADDR], off + i, 4, o + i);
		if (i < len)
			d_bytes(d, &ipv4_fields[F_OPT_PADDING], off + i,
			    len - i);
		break;
	case OPT_QS:
		d_uint(d, &ipv4_fields[F_OPT_QS_FUNC], off + 2, 1, o[2] >> 4,
		    NULL);
		d_uint(d, &ipv4_fields[F_OPT_QS_RATE], off + 2, 1, o[2] & 15,
		    NULL);
		if ((o[2] >> 4) == 0) {
			d_uint(d, &ipv4_fields[F_OPT_QS_TTL], off + 3, 1, o[3],
			    NULL);
			d_uint(d, &ipv4_fields[F_OPT_QS_DIFF], off + 3, 0,
			    (uint8_t)(ttl - o[3]), NULL);
		} else
			d_uint(d, &ipv4_fields[F_OPT_QS_UNUSED], off + 3, 1,
			    o[3], NULL);
		v = (uint32_t)o[4] << 24 | (uint32_t)o[5] << 16 |
		    (uint32_t)o[6] << 8 | o[7];
		d_uint(d, &ipv4_fields[F_OPT_QS_NONCE], off + 4, 4, v >> 2,
		    NULL);
		d_uint(d, &ipv4_fields[F_OPT_QS_RSV], off + 4, 4, v & 3, NULL);
		break;
	default:
		break;
	}
}

/* The option type byte and its copy/class/number bits. */
static void
opt_type(struct dissect *d, uint8_t type, size_t off)
{
	d_uint(d, &ipv4_fields[F_OPT_TYPE], off, 1, type, NULL);
	d_push(d);
	d_bool(d, &ipv4_fields[F_OPT_COPY], off, 1, type & 0x80,
	    type & 0x80 ? "Yes" : "No");
	d_uint(d, &ipv4_fields[F_OPT_CLASS], off, 1, (type >> 5) & 3,
	    ip_opt_class_names[(type >> 5) & 3]);
	d_uint(d, &ipv4_fields[F_OPT_NUMBER], off, 1, type & 0x1f, NULL);
	d_pop(d);
}

/*
 * Walk the options in oc (exactly the option bytes that were captured).
 * Returns LAYER_MALFORMED if an option length is impossible; the walk
 * stops there, as it does at EOL.
 */
static int
ipv4_options(struct dissect *d, struct cursor oc, uint8_t ttl,
    size_t final_dst)
{
	uint8_t type, len, fixed;
	size_t start;
	const char *name;
	int n;

	for (n = 0; n < IPV4_MAX_OPTS && cur_left(&oc) > 0; n++) {
		start = oc.pos;
		cur_u8(&oc, &type);
		name = opt_name(type);
		if (type == OPT_EOL || type == OPT_NOP) {
			d_text(d, start, 1, "IP Option - %s", name);
			d_push(d);
			opt_type(d, type, start);
			d_pop(d);
			if (type == OPT_EOL)
				break;
			continue;
		}
		if (!cur_u8(&oc, &len)) {
			d_text(d, start, 1, "%s (option length missing)",
			    name != NULL ? name : "Unknown");
			return LAYER_MALFORMED;
		}
		fixed = opt_fixed_len(type);
		if (len < 2 || (name != NULL && fixed != 0 && len < fixed)) {
			d_text(d, start, 2, "%s (with too-short option length "
			    "= %u byte%s)", name != NULL ? name : "Unknown",
			    len, len == 1 ? "" : "s");
			return LAYER_MALFORMED;
		}
		if (len - 2u > cur_left(&oc)) {
			d_text(d, start, 2, "%s (option length = %u bytes says "
			    "option goes past end of options)",
			    name != NULL ? name : "Unknown", len);
			return LAYER_MALFORMED;
		}
		if (name == NULL) {
			d_text(d, start, len, "Unknown (0x%02x) (%u bytes)",
			    type, len);
			cur_skip(&oc, len - 2u);
			continue;
		}
		d_text(d, start, len, "IP Option - %s (%u bytes)", name, len);
		d_push(d);
		opt_type(d, type, start);
		d_uint(d, &ipv4_fields[F_OPT_LEN], start + 1, 1, len, NULL);
		opt_body(d, type, oc.frame + start, start, len, ttl,
		    final_dst >= start && final_dst < start + len);
		d_pop(d);
		cur_skip(&oc, len - 2u);
	}
	return LAYER_OK;
}

/* Fill the flow key from this header if no outer IP header did. */
static void
ipv4_set_key(struct dissect *d, int layer, const uint8_t *src,
    const uint8_t *dst, uint8_t proto)
{
	if (d->pi->ipver != 0)
		return;
	d->pi->ipver = 4;
	d->pi->l4proto = proto;
	memcpy(d->pi->src, src, 4);
	memcpy(d->pi->dst, dst, 4);
	d->key_layer = layer;
}

/* Report a truncated header and close the layer. */
static void
ipv4_truncated(struct dissect *d, struct cursor *c)
{
	d_text(d, c->pos, 0, "[truncated]");
	d_close(d, c->end, LAYER_TRUNCATED);
}

/* Where a header of ihl bytes from start ends, within what c holds. */
static size_t
ipv4_claimed_end(const struct cursor *c, size_t start, size_t ihl)
{
	return c->end - start < ihl ? c->end : start + ihl;
}

/* Verify the header checksum and report it with its status. */
static int
ipv4_checksum(struct dissect *d, const uint8_t *h, size_t start,
    size_t ihl, uint16_t stored)
{
	uint32_t sum;
	uint16_t calc;
	bool good;

	sum = cksum_add(0, h, 10);
	sum = cksum_add(sum, h + 12, ihl - 12);
	calc = cksum_fold(sum);
	/* The sum over the whole header folds to 0 when it is right. */
	good = cksum_fold(cksum_add(sum, h + 10, 2)) == 0;
	d_sum(d, &ipv4_fields[F_CKSUM], start + 10, 2, stored,
	    good ? "correct" : "incorrect", good ? 1 : -1);
	d_sum(d, &ipv4_fields[F_CKSUM_STATUS], start + 10, 0, good ? 1 : 0,
	    good ? "Good" : "Bad", good ? 1 : -1);
	d_uint(d, &ipv4_fields[F_CKSUM_CALC], start + 10, 0, calc, NULL);
	if (!good)
		d_text_badsum(d, start + 10, 2,
		    "[Bad checksum: should be 0x%04x]", calc);
	return good ? LAYER_OK : LAYER_BADSUM;
}

/* Decode an IPv4 header, its options, then its payload. */
void
ipv4_decode(struct dissect *d, struct cursor c)
{
	size_t start = c.pos, ihl, tot, avail, final_dst;
	uint8_t vhl, tos, ttl, proto, src[4], dst[4];
	uint16_t len, id, fl, cksum, off;
	const uint8_t *h;
	const char *pname;
	struct ip_ctx saved;
	struct cursor pc;
	int layer, status = LAYER_OK;

	if (!d_open(d, P_IPV4, start))
		return;
	layer = d->layers - 1;
	if (!cur_u8(&c, &vhl)) {
		ipv4_truncated(d, &c);
		return;
	}
	if (vhl >> 4 != 4) {
		if (vhl >> 4 == 6) {
			/* tshark hands an IPv4 ethertype carrying an IPv6
			   header to IPv6, inside an ip showing the version. */
			d_uint(d, &ipv4_fields[F_VERSION], start, 1, 6, NULL);
			c.pos = start;
			ipproto_dispatch(d, 41, c);
			d_close(d, c.end, LAYER_OK);
			return;
		}
		d_uint(d, &ipv4_fields[F_VERSION], start, 1, vhl >> 4, NULL);
		d_info(d, "Bogus IP version (%u)", vhl >> 4);
		/* tshark's ip item then runs to the end of the data. */
		d_close(d, c.end, d_malformed(d, start, 1,
		    "bogus IP version %u", vhl >> 4));
		return;
	}
	d_uint(d, &ipv4_fields[F_VERSION], start, 1, 4, NULL);
	ihl = (size_t)(vhl & 0x0f) * 4;
	d_uint(d, &ipv4_fields[F_HDR_LEN], start, 1, ihl, NULL);
	if (ihl < IPV4_MIN_HDR) {
		d_info(d, "Bogus IP header length (%zu, must be at least 20)",
		    ihl);
		/* The layer covers the header length it claims (as tshark's
		   ip item: ip[9] is there). */
		d_close(d, ipv4_claimed_end(&c, start, ihl),
		    d_malformed(d, start, 1, "bogus IP header "
		    "length (%zu, must be at least 20)", ihl));
		return;
	}
	if (!cur_u8(&c, &tos)) {
		ipv4_truncated(d, &c);
		return;
	}
	d_uint(d, &ipv4_fields[F_DSFIELD], start + 1, 1, tos, NULL);
	d_push(d);
	d_uint(d, &ipv4_fields[F_DSCP], start + 1, 1, tos >> 2, NULL);
	d_uint(d, &ipv4_fields[F_ECN], start + 1, 1, tos & 3,
	    ip_ecn_names[tos & 3]);
	d_pop(d);
	if (!cur_be16(&c, &len)) {
		ipv4_truncated(d, &c);
		return;
	}
	avail = c.end - start;
	if (len == 0) {
		/* TCP segmentation offload leaves 0: tshark takes the
		   length of the frame instead. */
		tot = avail;
		d_uint(d, &ipv4_fields[F_LEN], start + 2, 0, tot,
		    "reported as 0, presumed TSO");
	} else {
		tot = len;
		d_uint(d, &ipv4_fields[F_LEN], start + 2, 2, tot, NULL);
	}
	if (tot < ihl) {
		d_info(d, "Bogus IP length (%zu, less than header length %zu)",
		    tot, ihl);
		d_close(d, ipv4_claimed_end(&c, start, ihl),
		    d_malformed(d, start + 2, 2, "bogus IP "
		    "length (%zu, less than header length %zu)", tot, ihl));
		return;
	}
	if (!cur_be16(&c, &id)) {
		ipv4_truncated(d, &c);
		return;
	}
	d_uint(d, &ipv4_fields[F_ID], start + 4, 2, id, NULL);
	if (!cur_be16(&c, &fl)) {
		ipv4_truncated(d, &c);
		return;
	}
	d_uint(d, &ipv4_fields[F_FLAGS], start + 6, 1, fl >> 13,
	    fl & 0x4000 ? "Don't fragment" : fl & 0x2000 ?
	    "More fragments" : NULL);
	d_push(d);
	d_bool(d, &ipv4_fields[F_FLAG_RB], start + 6, 1, fl & 0x8000,
	    fl & 0x8000 ? "Set" : "Not set");
	d_bool(d, &ipv4_fields[F_FLAG_DF], start + 6, 1, fl & 0x4000,
	    fl & 0x4000 ? "Set" : "Not set");
	d_bool(d, &ipv4_fields[F_FLAG_MF], start + 6, 1, fl & 0x2000,
	    fl & 0x2000 ? "Set" : "Not set");
	d_pop(d);
	off = fl & 0x1fff;
	d_uint(d, &ipv4_fields[F_FRAG_OFF], start + 6, 2, off, NULL);
	if (!cur_u8(&c, &ttl)) {
		ipv4_truncated(d, &c);
		return;
	}
	d_uint(d, &ipv4_fields[F_TTL], start + 8, 1, ttl, NULL);
	if (!cur_u8(&c, &proto)) {
		ipv4_truncated(d, &c);
		return;
	}
	pname = d->want_info || d_shown(d) ? ipproto_name(proto) : NULL;
	d_uint(d, &ipv4_fields[F_PROTO], start + 9, 1, proto,
	    pname != NULL ? pname : "Unknown");
	if (!cur_be16(&c, &cksum)) {
		ipv4_truncated(d, &c);
		return;
	}
	/* The checksum covers the options too: verify only if all of the
	   header was captured. */
	if (avail >= ihl && d_verify(d, &ipv4_fields[F_CKSUM_STATUS],
	    &ipv4_fields[F_CKSUM_CALC])) {
		status |= ipv4_checksum(d, c.frame + start, start, ihl, cksum);
	} else if (avail >= ihl) {
		/* Nobody asked for the verdict: the stored value only. */
		d_uint(d, &ipv4_fields[F_CKSUM], start + 10, 2, cksum, NULL);
	} else {
		d_uint(d, &ipv4_fields[F_CKSUM], start + 10, 2, cksum, NULL);
		d_uint(d, &ipv4_fields[F_CKSUM_STATUS], start + 10, 0, 2,
		    "Unverified");
	}
	if (!cur_bytes(&c, src, 4)) {
		ipv4_truncated(d, &c);
		return;
	}
	ip_addr_pair(d, F_SRC, F_SRC_HOST, true, start + 12, src);
	if (!cur_bytes(&c, dst, 4)) {
		ipv4_truncated(d, &c);
		return;
	}
	h = c.frame + start;
	final_dst = 0;
	if (ihl > IPV4_MIN_HDR)
		final_dst = ipv4_route_final(cur_sub(&c, ihl - IPV4_MIN_HDR,
		    NULL));
	if (final_dst != 0)
		ip_addr_pair(d, F_CUR_RT, F_CUR_RT_HOST, false, start + 16,
		    dst);
	else
		ip_addr_pair(d, F_DST, F_DST_HOST, true, start + 16, dst);
	ipv4_set_key(d, layer, src, final_dst != 0 ? h + (final_dst - start) :
	    dst, proto);
	if (ihl > IPV4_MIN_HDR) {
		bool cut;
		struct cursor oc = cur_sub(&c, ihl - IPV4_MIN_HDR, &cut);

		d_text(d, start + IPV4_MIN_HDR, cur_left(&oc),
		    "Options: (%zu bytes)", ihl - IPV4_MIN_HDR);
		if (cut) {
			/* tshark shows no option of a header cut short. */
			ipv4_truncated(d, &oc);
			return;
		}
		d_push(d);
		status |= ipv4_options(d, oc, ttl, final_dst);
		d_pop(d);
		cur_skip(&c, ihl - IPV4_MIN_HDR);
	}

	/* The payload ends at the total length: that drops Ethernet
	   padding.  Past the captured bytes it is cut short. */
	pc = c;
	cur_limit(&pc, tot - ihl);
	if (tot > avail) {
		if (d->caplen < d->wirelen)
			status |= LAYER_TRUNCATED;
		else
			status |= d_malformed(d, start + 2, 2, "total length "
			    "%zu exceeds the packet (%zu bytes)", tot, avail);
	}

	if (off > 0) {
		/* A later fragment: its bytes are no header of proto. */
		d_info(d, "Fragmented IP protocol (proto=%s %u, off=%u, "
		    "ID=%04x)", pname != NULL ? pname : "Unknown", proto,
		    off * 8u, id);
		data_decode(d, pc);
	} else {
		d_info(d, "%s (%u)", pname != NULL ? pname : "Unknown", proto);
		saved = d->ip;
		d->ip.ver = 4;
		d->ip.ttl = ttl;
		d->ip.end = start + tot;
		d->ip.frag = (fl & 0x2000) != 0;	/* more fragments */
		memcpy(d->ip.src, src, 4);
		memcpy(d->ip.dst, final_dst != 0 ? h + (final_dst - start) :
		    dst, 4);
		ipproto_dispatch(d, proto, pc);
		d->ip = saved;
	}
	d_close(d, pc.end, status);
}
