/*
 * TCP: RFC 9293 (header), RFC 7323 (window scale, timestamps), RFC 2018
 * and RFC 2883 (SACK, D-SACK), RFC 6994 (experimental option ids).
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |          Source Port          |       Destination Port        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                        Sequence Number                        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Acknowledgment Number                      |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Data |     |A|C|E|U|A|P|R|S|F|                               |
 *   | Offset| Rsv |E|W|C|R|C|S|S|Y|I|            Window             |
 *   |       |     | |R|E|G|K|H|T|N|N|                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |           Checksum            |         Urgent Pointer        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Options (Data Offset - 5 words)            |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                             data                              |
 *
 * Options are kind (1 byte), then for kinds other than EOL (0) and NOP (1)
 * a length (1 byte, counting kind and length) and length - 2 bytes.
 *
 * Fields and their values follow tshark 4.0 with relative sequence
 * numbers off.  Where the two disagree with the RFCs on broken headers we
 * follow tshark: a data offset below 5 stops after the offset; a data
 * offset past the segment reports the fixed header and marks the layer
 * malformed; after an EOL only zero bytes (each one another EOL) may
 * follow; an option whose length is below 2 or runs past the header ends
 * the option list.  tcp.flags.str is not reported: tshark prints it with
 * UTF-8 middle dots, which FT_STRING formatting would escape.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "decoders.h"

enum {
	F_SRCPORT, F_DSTPORT, F_PORT, F_SEQ, F_SEQ_RAW, F_ACK, F_ACK_RAW,
	F_HDR_LEN, F_FLAGS, F_FLAGS_RES, F_FLAGS_AE, F_FLAGS_CWR, F_FLAGS_ECE,
	F_FLAGS_URG, F_FLAGS_ACK, F_FLAGS_PUSH, F_FLAGS_RESET, F_FLAGS_SYN,
	F_FLAGS_FIN, F_WINDOW, F_CHECKSUM, F_CHECKSUM_STATUS, F_URGENT, F_LEN,
	F_OPTIONS, F_OPTION_KIND, F_OPTION_LEN,
	/* option items: the subtree heads, one per option kind family */
	F_OPT_EOL, F_OPT_NOP, F_OPT_MSS, F_OPT_WSCALE, F_OPT_SACK_PERM,
	F_OPT_SACK, F_OPT_TIMESTAMP, F_OPT_ECHO, F_OPT_ECHOREPLY, F_OPT_CC,
	F_OPT_CCNEW, F_OPT_CCECHO, F_OPT_MD5, F_OPT_SCPS, F_OPT_SNACK,
	F_OPT_SCPSREC, F_OPT_SCPSCOR, F_OPT_QS, F_OPT_USER_TO, F_OPT_AO,
	F_OPT_MPTCP, F_OPT_TFO, F_OPT_RVBD_PROBE, F_OPT_RVBD_TRPY,
	F_OPT_ACC_ECN, F_OPT_EXPERIMENTAL, F_OPT_UNKNOWN,
	/* option values */
	F_MSS_VAL, F_WSCALE_SHIFT, F_WSCALE_MULT, F_SACK_LE, F_SACK_RE,
	F_SACK_COUNT, F_DSACK_LE, F_DSACK_RE, F_TSVAL, F_TSECR, F_EXP_EXID,
	F_EXP_DATA, F_UNKNOWN_PAYLOAD, F_PAYLOAD
};

static const struct field_def tcp_fields[] = {
	[F_SRCPORT] = { "tcp.srcport", "Source Port", FT_UINT, BASE_DEC, 16 },
	[F_DSTPORT] = { "tcp.dstport", "Destination Port", FT_UINT, BASE_DEC,
	    16 },
	[F_PORT] = { "tcp.port", "Source or Destination Port", FT_UINT,
	    BASE_DEC, 16 },
	[F_SEQ] = { "tcp.seq", "Sequence Number", FT_UINT, BASE_DEC, 32 },
	[F_SEQ_RAW] = { "tcp.seq_raw", "Sequence Number (raw)", FT_UINT,
	    BASE_DEC, 32 },
	[F_ACK] = { "tcp.ack", "Acknowledgment Number", FT_UINT, BASE_DEC,
	    32 },
	[F_ACK_RAW] = { "tcp.ack_raw", "Acknowledgment number (raw)", FT_UINT,
	    BASE_DEC, 32 },
	[F_HDR_LEN] = { "tcp.hdr_len", "Header Length", FT_UINT, BASE_DEC,
	    8 },
	[F_FLAGS] = { "tcp.flags", "Flags", FT_UINT, BASE_HEX, 16 },
	[F_FLAGS_RES] = { "tcp.flags.res", "Reserved", FT_BOOL, 0, 0 },
	[F_FLAGS_AE] = { "tcp.flags.ae", "Accurate ECN", FT_BOOL, 0, 0 },
	[F_FLAGS_CWR] = { "tcp.flags.cwr", "Congestion Window Reduced",
	    FT_BOOL, 0, 0 },
	[F_FLAGS_ECE] = { "tcp.flags.ece", "ECN-Echo", FT_BOOL, 0, 0 },
	[F_FLAGS_URG] = { "tcp.flags.urg", "Urgent", FT_BOOL, 0, 0 },
	[F_FLAGS_ACK] = { "tcp.flags.ack", "Acknowledgment", FT_BOOL, 0, 0 },
	[F_FLAGS_PUSH] = { "tcp.flags.push", "Push", FT_BOOL, 0, 0 },
	[F_FLAGS_RESET] = { "tcp.flags.reset", "Reset", FT_BOOL, 0, 0 },
	[F_FLAGS_SYN] = { "tcp.flags.syn", "Syn", FT_BOOL, 0, 0 },
	[F_FLAGS_FIN] = { "tcp.flags.fin", "Fin", FT_BOOL, 0, 0 },
	[F_WINDOW] = { "tcp.window_size_value", "Window", FT_UINT, BASE_DEC,
	    16 },
	[F_CHECKSUM] = { "tcp.checksum", "Checksum", FT_UINT, BASE_HEX, 16 },
	[F_CHECKSUM_STATUS] = { "tcp.checksum.status", "Checksum Status",
	    FT_UINT, BASE_DEC, 8 },
	[F_URGENT] = { "tcp.urgent_pointer", "Urgent Pointer", FT_UINT,
	    BASE_DEC, 16 },
	[F_LEN] = { "tcp.len", "TCP Segment Len", FT_UINT, BASE_DEC, 32 },
	[F_OPTIONS] = { "tcp.options", "Options", FT_BYTES, 0, 0 },
	[F_OPTION_KIND] = { "tcp.option_kind", "Kind", FT_UINT, BASE_DEC, 8 },
	[F_OPTION_LEN] = { "tcp.option_len", "Length", FT_UINT, BASE_DEC, 8 },
	[F_OPT_EOL] = { "tcp.options.eol",
	    "TCP Option - End of Option List (EOL)", FT_BYTES, 0, 0 },
	[F_OPT_NOP] = { "tcp.options.nop", "TCP Option - No-Operation (NOP)",
	    FT_BYTES, 0, 0 },
	[F_OPT_MSS] = { "tcp.options.mss", "TCP Option - Maximum segment size",
	    FT_BYTES, 0, 0 },
	[F_OPT_WSCALE] = { "tcp.options.wscale", "TCP Option - Window scale",
	    FT_BYTES, 0, 0 },
	[F_OPT_SACK_PERM] = { "tcp.options.sack_perm",
	    "TCP Option - SACK permitted", FT_BYTES, 0, 0 },
	[F_OPT_SACK] = { "tcp.options.sack", "TCP Option - SACK", FT_BYTES,
	    0, 0 },
	[F_OPT_TIMESTAMP] = { "tcp.options.timestamp",
	    "TCP Option - Timestamps", FT_BYTES, 0, 0 },
	[F_OPT_ECHO] = { "tcp.options.echo", "TCP Option - Echo", FT_BYTES,
	    0, 0 },
	[F_OPT_ECHOREPLY] = { "tcp.options.echoreply",
	    "TCP Option - Echo reply", FT_BYTES, 0, 0 },
	[F_OPT_CC] = { "tcp.options.cc", "TCP Option - CC", FT_BYTES, 0, 0 },
	[F_OPT_CCNEW] = { "tcp.options.ccnew", "TCP Option - CC.NEW",
	    FT_BYTES, 0, 0 },
	[F_OPT_CCECHO] = { "tcp.options.ccecho", "TCP Option - CC.ECHO",
	    FT_BYTES, 0, 0 },
	[F_OPT_MD5] = { "tcp.options.md5", "TCP Option - TCP MD5 signature",
	    FT_BYTES, 0, 0 },
	[F_OPT_SCPS] = { "tcp.options.scps", "TCP Option - SCPS capabilities",
	    FT_BYTES, 0, 0 },
	[F_OPT_SNACK] = { "tcp.options.snack",
	    "TCP Option - Selective Negative Acknowledgment", FT_BYTES, 0, 0 },
	[F_OPT_SCPSREC] = { "tcp.options.scpsrec",
	    "TCP Option - SCPS record boundary", FT_BYTES, 0, 0 },
	[F_OPT_SCPSCOR] = { "tcp.options.scpscor",
	    "TCP Option - SCPS corruption experienced", FT_BYTES, 0, 0 },
	[F_OPT_QS] = { "tcp.options.qs", "TCP Option - Quick-Start", FT_BYTES,
	    0, 0 },
	[F_OPT_USER_TO] = { "tcp.options.user_to",
	    "TCP Option - User Timeout", FT_BYTES, 0, 0 },
	[F_OPT_AO] = { "tcp.options.ao", "TCP Option - TCP AO", FT_BYTES,
	    0, 0 },
	[F_OPT_MPTCP] = { "mptcp", "Multipath Transmission Control Protocol",
	    FT_BYTES, 0, 0 },
	[F_OPT_TFO] = { "tcp.options.tfo", "TCP Option - TCP Fast Open",
	    FT_BYTES, 0, 0 },
	[F_OPT_RVBD_PROBE] = { "tcp.options.rvbd.probe",
	    "TCP Option - Riverbed Probe", FT_BYTES, 0, 0 },
	[F_OPT_RVBD_TRPY] = { "tcp.options.rvbd.trpy",
	    "TCP Option - Riverbed Transparency", FT_BYTES, 0, 0 },
	[F_OPT_ACC_ECN] = { "tcp.options.acc_ecn", "TCP Option - Accurate ECN",
	    FT_BYTES, 0, 0 },
	[F_OPT_EXPERIMENTAL] = { "tcp.options.experimental",
	    "TCP Option - Experimental", FT_BYTES, 0, 0 },
	[F_OPT_UNKNOWN] = { "tcp.options.unknown", "TCP Option - Unknown",
	    FT_BYTES, 0, 0 },
	[F_MSS_VAL] = { "tcp.options.mss_val", "MSS Value", FT_UINT, BASE_DEC,
	    16 },
	[F_WSCALE_SHIFT] = { "tcp.options.wscale.shift", "Shift count",
	    FT_UINT, BASE_DEC, 8 },
	[F_WSCALE_MULT] = { "tcp.options.wscale.multiplier", "Multiplier",
	    FT_UINT, BASE_DEC, 16 },
	[F_SACK_LE] = { "tcp.options.sack_le", "TCP SACK Left Edge", FT_UINT,
	    BASE_DEC, 32 },
	[F_SACK_RE] = { "tcp.options.sack_re", "TCP SACK Right Edge", FT_UINT,
	    BASE_DEC, 32 },
	[F_SACK_COUNT] = { "tcp.options.sack.count", "TCP SACK Count",
	    FT_UINT, BASE_DEC, 8 },
	[F_DSACK_LE] = { "tcp.options.sack.dsack_le", "TCP D-SACK Left Edge",
	    FT_UINT, BASE_DEC, 32 },
	[F_DSACK_RE] = { "tcp.options.sack.dsack_re", "TCP D-SACK Right Edge",
	    FT_UINT, BASE_DEC, 32 },
	[F_TSVAL] = { "tcp.options.timestamp.tsval", "Timestamp value",
	    FT_UINT, BASE_DEC, 32 },
	[F_TSECR] = { "tcp.options.timestamp.tsecr", "Timestamp echo reply",
	    FT_UINT, BASE_DEC, 32 },
	[F_EXP_EXID] = { "tcp.options.experimental.exid",
	    "Experiment Identifier", FT_UINT, BASE_HEX, 16 },
	[F_EXP_DATA] = { "tcp.options.experimental.data", "Data", FT_BYTES,
	    0, 0 },
	[F_UNKNOWN_PAYLOAD] = { "tcp.options.unknown.payload", "Payload",
	    FT_BYTES, 0, 0 },
	[F_PAYLOAD] = { "tcp.payload", "TCP payload", FT_BYTES, 0, 0 },
	{ NULL, NULL, 0, 0, 0 }
};
const struct field_table tcp_field_table = { tcp_fields };

#define TCP_HDR_MIN	20
#define TCP_OPT_MAX	40	/* option bytes a header can carry */

#define TH_FIN		0x001
#define TH_SYN		0x002
#define TH_RST		0x004
#define TH_PUSH		0x008
#define TH_ACK		0x010
#define TH_URG		0x020
#define TH_ECE		0x040
#define TH_CWR		0x080
#define TH_AE		0x100
#define TH_RES		0xe00

#define TCPOPT_EOL	0
#define TCPOPT_NOP	1
#define TCPOPT_MSS	2
#define TCPOPT_WSCALE	3
#define TCPOPT_SACK_PERM 4
#define TCPOPT_SACK	5
#define TCPOPT_TIMESTAMP 8
#define TCPOPT_EXP1	253
#define TCPOPT_EXP2	254

/* Checksum status values, as tshark numbers them. */
#define CKSUM_BAD	0
#define CKSUM_GOOD	1
#define CKSUM_UNVERIFIED 2

struct tcp_opt_def {
	uint8_t		 kind;
	uint8_t		 item;		/* field index of the subtree head */
	uint8_t		 len;		/* required length; 0: variable */
	const char	*kind_name;	/* "Kind:" text */
	const char	*summary;	/* name in the "Options:" list */
};

/* The option kinds tshark 4.0 names; others are "Unknown". */
static const struct tcp_opt_def tcp_opt_defs[] = {
	{ 0, F_OPT_EOL, 1, "End of Option List", "End of Option List (EOL)" },
	{ 1, F_OPT_NOP, 1, "No-Operation", "No-Operation (NOP)" },
	{ 2, F_OPT_MSS, 4, "Maximum Segment Size", "Maximum segment size" },
	{ 3, F_OPT_WSCALE, 3, "Window Scale", "Window scale" },
	{ 4, F_OPT_SACK_PERM, 2, "SACK Permitted", "SACK permitted" },
	{ 5, F_OPT_SACK, 0, "SACK", "SACK" },
	{ 6, F_OPT_ECHO, 6, "Echo", "Echo" },
	{ 7, F_OPT_ECHOREPLY, 6, "Echo Reply", "Echo reply" },
	{ 8, F_OPT_TIMESTAMP, 10, "Time Stamp Option", "Timestamps" },
	{ 9, F_OPT_UNKNOWN, 0, "Partial Order Connection Permitted", NULL },
	{ 10, F_OPT_UNKNOWN, 0, "Partial Order Service Profile", NULL },
	{ 11, F_OPT_CC, 6, "CC", "CC" },
	{ 12, F_OPT_CCNEW, 6, "CC.NEW", "CC.NEW" },
	{ 13, F_OPT_CCECHO, 6, "CC.ECHO", "CC.ECHO" },
	{ 14, F_OPT_UNKNOWN, 0, "TCP Alternate Checksum Request", NULL },
	{ 15, F_OPT_UNKNOWN, 0, "TCP Alternate Checksum Data", NULL },
	{ 16, F_OPT_UNKNOWN, 0, "Skeeter", NULL },
	{ 17, F_OPT_UNKNOWN, 0, "Bubba", NULL },
	{ 18, F_OPT_UNKNOWN, 0, "Trailer Checksum Option", NULL },
	{ 19, F_OPT_MD5, 18, "MD5 Signature Option", "TCP MD5 signature" },
	{ 20, F_OPT_SCPS, 0, "SCPS Capabilities", "SCPS capabilities" },
	{ 21, F_OPT_SNACK, 6, "Selective Negative Acknowledgements",
	    "Selective Negative Acknowledgment" },
	{ 22, F_OPT_SCPSREC, 2, "Record Boundaries", "SCPS record boundary" },
	{ 23, F_OPT_SCPSCOR, 2, "Corruption experienced",
	    "SCPS corruption experienced" },
	{ 24, F_OPT_UNKNOWN, 0, "SNAP", NULL },
	{ 25, F_OPT_UNKNOWN, 0, "Unassigned", NULL },
	{ 26, F_OPT_UNKNOWN, 0, "TCP Compression Filter", NULL },
	{ 27, F_OPT_QS, 8, "Quick-Start Response", "Quick-Start" },
	{ 28, F_OPT_USER_TO, 4, "User Timeout Option", "User Timeout" },
	{ 29, F_OPT_AO, 0, "The TCP Authentication Option", "TCP AO" },
	{ 30, F_OPT_MPTCP, 0, "Multipath TCP", "MPTCP" },
	{ 34, F_OPT_TFO, 0, "TCP Fast Open Cookie", "TCP Fast Open" },
	{ 76, F_OPT_RVBD_PROBE, 0, "Riverbed Probe", "Riverbed Probe" },
	{ 78, F_OPT_RVBD_TRPY, 0, "Riverbed Transparency",
	    "Riverbed Transparency" },
	{ 172, F_OPT_ACC_ECN, 0, "Accurate ECN Order 0", "Accurate ECN" },
	{ 174, F_OPT_ACC_ECN, 0, "Accurate ECN Order 1", "Accurate ECN" },
	{ 253, F_OPT_EXPERIMENTAL, 0, "RFC3692-style Experiment 1",
	    "Experimental" },
	{ 254, F_OPT_EXPERIMENTAL, 0, "RFC3692-style Experiment 2",
	    "Experimental" },
	{ 0, 0, 0, NULL, NULL }
};

/* Flag names for the Info column, lowest bit first as tshark lists them. */
static const struct {
	uint16_t	 bit;
	const char	*name;
} tcp_flag_names[] = {
	{ TH_FIN, "FIN" }, { TH_SYN, "SYN" }, { TH_RST, "RST" },
	{ TH_PUSH, "PSH" }, { TH_ACK, "ACK" }, { TH_URG, "URG" },
	{ TH_ECE, "ECE" }, { TH_CWR, "CWR" }, { TH_AE, "AE" },
	{ TH_RES, "Reserved" }, { 0, NULL }
};

/* Why parsing of an option list entry stopped. */
enum opt_err {
	OPT_OK,
	OPT_NOLEN,	/* the length byte is past the end of the options */
	OPT_SHORTLEN,	/* length below 2 */
	OPT_PAST,	/* length runs past the end of the options */
	OPT_PADDING,	/* a non-zero byte after EOL */
	OPT_TRUNC	/* the capture ended inside the option */
};

struct tcp_opt {
	uint8_t		 kind;
	uint8_t		 len;		/* 1 for EOL/NOP */
	uint8_t		 err;		/* enum opt_err */
	size_t		 off;		/* frame offset of the kind byte */
};

/* What the header said, for the options and the Info column. */
struct tcp_hdr {
	uint16_t	 sport, dport, flags, win, urp;
	uint32_t	 seq, ack;
	size_t		 hlen;		/* data offset in bytes */
};

/* The definition of an option kind, or NULL when tshark calls it Unknown. */
static const struct tcp_opt_def *
tcp_opt_def(uint8_t kind)
{
	const struct tcp_opt_def *o;

	for (o = tcp_opt_defs; o->kind_name != NULL; o++)
		if (o->kind == kind)
			return o;
	return NULL;
}

/* The name of an option in the "Options:" list and in error texts. */
static const char *
tcp_opt_summary(uint8_t kind, char *buf, size_t size)
{
	const struct tcp_opt_def *o = tcp_opt_def(kind);

	if (o != NULL && o->summary != NULL)
		return o->summary;
	snprintf(buf, size, "Unknown (0x%02x)", kind);
	return buf;
}

/* Serial-number comparison (RFC 1982) of two sequence numbers. */
static bool
seq_lt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

/*
 * Bytes of this segment on the wire.  The cursor is clamped to what was
 * captured; when it ends where the capture was cut, the bytes the snap
 * length dropped belonged to it (a trailer after a cut segment is rare).
 */
static size_t
tcp_wire_len(const struct dissect *d, const struct cursor *c)
{
	size_t n = cur_left(c);

	if (c->end >= d->caplen && d->wirelen > d->caplen)
		n += d->wirelen - d->caplen;
	return n;
}

/*
 * Split the option bytes [off, off + olen) into options; at most one
 * option per byte, so out needs olen entries.  captured is how many of
 * the option bytes exist.  Returns the number of entries.
 */
static size_t
tcp_opts_parse(const uint8_t *frame, size_t off, size_t olen,
    size_t captured, struct tcp_opt *out)
{
	size_t i = 0, n = 0;
	bool seen_eol = false;
	uint8_t kind, len;

	while (i < olen && n < TCP_OPT_MAX) {
		struct tcp_opt *o = &out[n++];

		o->off = off + i;
		o->len = 1;
		o->err = OPT_OK;
		if (i >= captured) {
			o->kind = 0;
			o->err = OPT_TRUNC;
			break;
		}
		kind = o->kind = frame[off + i];
		if (seen_eol && kind != TCPOPT_EOL) {
			o->err = OPT_PADDING;
			break;
		}
		if (kind == TCPOPT_EOL || kind == TCPOPT_NOP) {
			seen_eol = seen_eol || kind == TCPOPT_EOL;
			i++;
			continue;
		}
		if (i + 1 >= olen) {
			o->err = OPT_NOLEN;
			break;
		}
		if (i + 1 >= captured) {
			o->err = OPT_TRUNC;
			break;
		}
		len = o->len = frame[off + i + 1];
		if (len < 2) {
			o->err = OPT_SHORTLEN;
			break;
		}
		if (len > olen - i) {
			o->err = OPT_PAST;
			break;
		}
		if (len > captured - i) {
			o->err = OPT_TRUNC;
			break;
		}
		i += len;
	}
	return n;
}

/* Big-endian reads from bytes already known to be captured. */
static uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

