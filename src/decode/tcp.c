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
 * the option list.
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
	F_EXP_DATA, F_UNKNOWN_PAYLOAD, F_PAYLOAD, F_RESET_CAUSE, F_FLAGS_STR,
	F_STREAM, F_COUNT
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
	[F_RESET_CAUSE] = { "tcp.reset_cause", "Reset cause", FT_STRING, 0,
	    0 },
	[F_FLAGS_STR] = { "tcp.flags.str", "TCP Flags", FT_STRING, 0, 0 },
	[F_STREAM] = { "tcp.stream", "Stream index", FT_UINT, BASE_DEC, 32 },
};
_Static_assert(sizeof tcp_fields / sizeof tcp_fields[0] == F_COUNT,
    "tcp_fields: one entry per field id");
const struct field_table tcp_field_table = { tcp_fields, F_COUNT };

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
	uint8_t		 cap;		/* bytes of it captured (OPT_TRUNC) */
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
		o->cap = 0;
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
			o->cap = (uint8_t)(captured - i);
			break;
		}
		i += len;
	}
	return n;
}


/* Report a subtree head: the option's bytes with a text for the tree. */
static void
tcp_item(struct dissect *d, int f, size_t off, size_t len, const char *shown)
{
	struct field_value v;

	if (!d_want(d, &tcp_fields[f]))
		return;
	memset(&v, 0, sizeof v);
	v.def = &tcp_fields[f];
	v.off = (uint32_t)off;
	v.len = (uint32_t)len;
	v.p = d->frame + off;
	v.n = len;
	v.shown = shown != NULL && shown[0] != '\0' ? shown : NULL;
	d_value(d, &v);
}

/* The flag names set in flags, "SYN, ACK", or "<None>". */
static void
tcp_flags_text(uint16_t flags, char *buf, size_t size)
{
	size_t used = 0, i;

	buf[0] = '\0';
	for (i = 0; tcp_flag_names[i].name != NULL; i++) {
		if ((flags & tcp_flag_names[i].bit) == 0)
			continue;
		if (used < size)
			used += (size_t)snprintf(buf + used, size - used,
			    "%s%s", used ? ", " : "", tcp_flag_names[i].name);
	}
	if (used == 0)
		snprintf(buf, size, "<None>");
}

/*
 * Report one well-formed option (kind, length and its values) and add
 * its Info text.  Returns false where tshark's dissection of the segment
 * ends with an exception (a SACK option without one complete block).
 */
static bool
tcp_opt_report(struct dissect *d, const struct tcp_hdr *h,
    const struct tcp_opt *o)
{
	const struct tcp_opt_def *def = tcp_opt_def(o->kind);
	const uint8_t *p = d->frame + o->off;
	uint32_t le[4], re[4];
	unsigned nblk = 0, shift = 0, i;
	size_t at, left = 0, used = 0;
	bool lenok, ok = true;
	int item = def != NULL ? def->item : F_OPT_UNKNOWN;
	char shown[128];
	bool text = d_shown(d);

	shown[0] = '\0';
	lenok = def == NULL || def->len == 0 || def->len == o->len;
	switch (o->kind) {
	case TCPOPT_MSS:
		if (lenok && text)
			snprintf(shown, sizeof shown, "%u bytes",
			    be16_at(p + 2));
		break;
	case TCPOPT_WSCALE:
		if (lenok) {
			shift = p[2];
			if (text)
				snprintf(shown, sizeof shown,
				    "%u (multiply by %u)", shift,
				    1u << (shift > 14 ? 14 : shift));
		}
		break;
	case TCPOPT_SACK:
		for (at = 2; at + 8 <= o->len && nblk < 4; at += 8) {
			le[nblk] = be32_at(p + at);
			re[nblk] = be32_at(p + at + 4);
			if (text && used < sizeof shown)
				used += (size_t)snprintf(shown + used,
				    sizeof shown - used, "%s%u-%u",
				    nblk ? " " : "", le[nblk], re[nblk]);
			nblk++;
		}
		left = o->len - at;
		break;
	case TCPOPT_TIMESTAMP:
		if (lenok && text)
			snprintf(shown, sizeof shown, "TSval %u, TSecr %u",
			    be32_at(p + 2), be32_at(p + 6));
		break;
	default:
		break;
	}

	tcp_item(d, item, o->off, o->len, shown);
	d_push(d);
	d_uint(d, &tcp_fields[F_OPTION_KIND], o->off, 1, o->kind,
	    def != NULL ? def->kind_name : "Unknown");
	if (o->kind != TCPOPT_EOL && o->kind != TCPOPT_NOP)
		d_uint(d, &tcp_fields[F_OPTION_LEN], o->off + 1, 1, o->len,
		    NULL);
	if (!lenok)
		d_text(d, o->off + 1, 1, "[option length should be %u]",
		    def->len);
	switch (o->kind) {
	case TCPOPT_MSS:
		if (!lenok)
			break;
		d_uint(d, &tcp_fields[F_MSS_VAL], o->off + 2, 2, be16_at(p + 2),
		    NULL);
		d_info_append(d, " MSS=%u", be16_at(p + 2));
		break;
	case TCPOPT_WSCALE:
		if (!lenok)
			break;
		d_uint(d, &tcp_fields[F_WSCALE_SHIFT], o->off + 2, 1, shift,
		    NULL);
		d_uint(d, &tcp_fields[F_WSCALE_MULT], o->off + 2, 0,
		    1u << (shift > 14 ? 14 : shift), NULL);
		if (shift > 14)
			d_text(d, o->off + 2, 1, "[Window scale shift exceeds 14]");
		d_info_append(d, " WS=%u", 1u << (shift > 14 ? 14 : shift));
		break;
	case TCPOPT_SACK_PERM:
		d_info_append(d, " SACK_PERM");
		break;
	case TCPOPT_SACK:
		for (i = 0; i < nblk; i++) {
			d_uint(d, &tcp_fields[F_SACK_LE], o->off + 2 + 8 * i, 4,
			    le[i], NULL);
			d_uint(d, &tcp_fields[F_SACK_RE], o->off + 6 + 8 * i, 4,
			    re[i], NULL);
		}
		if (left >= 4)
			d_uint(d, &tcp_fields[F_SACK_LE], o->off + 2 + 8 * nblk,
			    4, be32_at(p + 2 + 8 * nblk), NULL);
		if (left > 0)
			d_text(d, o->off + 2 + 8 * nblk, left,
			    "[suboption would go past end of option]");
		d_uint(d, &tcp_fields[F_SACK_COUNT], o->off, 0, nblk, NULL);
		if (nblk == 0) {
			/* tshark still tests a lone left edge for D-SACK,
			   then fails to read its right edge. */
			if (left >= 4 && seq_lt(be32_at(p + 2), h->ack))
				d_uint(d, &tcp_fields[F_DSACK_LE], o->off + 2,
				    0, be32_at(p + 2), NULL);
			ok = false;
			break;
		}
		if (seq_lt(le[0], h->ack) || (nblk >= 2 &&
		    !seq_lt(le[0], le[1]) && !seq_lt(re[1], re[0]))) {
			d_uint(d, &tcp_fields[F_DSACK_LE], o->off + 2, 0, le[0],
			    NULL);
			d_uint(d, &tcp_fields[F_DSACK_RE], o->off + 6, 0, re[0],
			    NULL);
		}
		for (i = 0; i < nblk; i++)
			d_info_append(d, " SLE=%u SRE=%u", le[i], re[i]);
		break;
	case TCPOPT_TIMESTAMP:
		if (!lenok)
			break;
		d_uint(d, &tcp_fields[F_TSVAL], o->off + 2, 4, be32_at(p + 2),
		    NULL);
		d_uint(d, &tcp_fields[F_TSECR], o->off + 6, 4, be32_at(p + 6),
		    NULL);
		d_info_append(d, " TSval=%u TSecr=%u", be32_at(p + 2),
		    be32_at(p + 6));
		break;
	case TCPOPT_EXP1:
	case TCPOPT_EXP2:
		if (o->len < 4) {
			d_text(d, o->off + 1, 1,
			    "[option length %u smaller than 4]", o->len);
			break;
		}
		d_uint(d, &tcp_fields[F_EXP_EXID], o->off + 2, 2,
		    be16_at(p + 2), NULL);
		if (o->len > 4)
			d_bytes(d, &tcp_fields[F_EXP_DATA], o->off + 4,
			    o->len - 4u);
		d_info_append(d, " ExID=%X", be16_at(p + 2));
		break;
	default:
		if (item == F_OPT_UNKNOWN && o->len > 2)
			d_bytes(d, &tcp_fields[F_UNKNOWN_PAYLOAD], o->off + 2,
			    o->len - 2u);
		break;
	}
	d_pop(d);
	return ok;
}

/*
 * Report an option list entry parsing stopped at.  Returns the LAYER_*
 * status it earns.
 */
static int
tcp_opt_error(struct dissect *d, const struct tcp_opt *o)
{
	char buf[24];
	const char *name = tcp_opt_summary(o->kind, buf, sizeof buf);

	switch (o->err) {
	case OPT_NOLEN:
		return d_malformed(d, o->off, 1,
		    "%s (length byte past end of options)", name);
	case OPT_SHORTLEN:
		return d_malformed(d, o->off, 2, "%s (with too-short option "
		    "length = %u byte%s)", name, o->len,
		    o->len == 1 ? "" : "s");
	case OPT_PAST:
		return d_malformed(d, o->off, 2, "%s (option length = %u "
		    "bytes says option goes past end of options)", name,
		    o->len);
	case OPT_PADDING:
		d_text(d, o->off, 0, "Non-zero header padding");
		return LAYER_OK;
	case OPT_TRUNC:
	default:
		/* Kind and length were captured: show them as tshark does. */
		if (o->cap >= 2) {
			const struct tcp_opt_def *def = tcp_opt_def(o->kind);

			tcp_item(d, def != NULL ? def->item : F_OPT_UNKNOWN,
			    o->off, o->cap, NULL);
			d_push(d);
			d_uint(d, &tcp_fields[F_OPTION_KIND], o->off, 1,
			    o->kind, def != NULL ? def->kind_name : "Unknown");
			d_uint(d, &tcp_fields[F_OPTION_LEN], o->off + 1, 1,
			    o->len, NULL);
			d_pop(d);
		}
		d_text(d, o->off, 0, "[truncated]");
		return LAYER_TRUNCATED;
	}
}

/*
 * Decode the options [off, off + olen) of which ocap bytes were captured.
 * Returns LAYER_* status; *stop is set when the segment's dissection must
 * end here (as tshark's does).
 */
static int
tcp_options(struct dissect *d, const struct tcp_hdr *h, size_t off,
    size_t olen, size_t ocap, bool *stop)
{
	struct tcp_opt opts[TCP_OPT_MAX];
	char summary[256], buf[24];
	size_t n, i, used;
	int status = LAYER_OK;

	n = tcp_opts_parse(d->frame, off, olen, ocap, opts);
	if (d_shown(d)) {
		used = (size_t)snprintf(summary, sizeof summary, "(%zu bytes)",
		    olen);
		for (i = 0; i < n && used < sizeof summary; i++) {
			if (opts[i].err != OPT_OK)
				break;
			used += (size_t)snprintf(summary + used,
			    sizeof summary - used, ", %s",
			    tcp_opt_summary(opts[i].kind, buf, sizeof buf));
		}
		tcp_item(d, F_OPTIONS, off, ocap, summary);
	} else
		tcp_item(d, F_OPTIONS, off, ocap, NULL);
	d_push(d);
	for (i = 0; i < n; i++) {
		if (opts[i].err != OPT_OK) {
			status |= tcp_opt_error(d, &opts[i]);
			break;
		}
		if (!tcp_opt_report(d, h, &opts[i])) {
			status |= d_malformed(d, opts[i].off, opts[i].len,
			    "SACK option without a complete block");
			*stop = true;
			break;
		}
	}
	d_pop(d);
	return status;
}

/* Report the flags word and its bits as a subtree. */
static void
tcp_flags(struct dissect *d, size_t off, uint16_t flags)
{
	static const struct {
		int		 f;
		uint16_t	 bit;
	} bits[] = {
		{ F_FLAGS_RES, TH_RES }, { F_FLAGS_AE, TH_AE },
		{ F_FLAGS_CWR, TH_CWR }, { F_FLAGS_ECE, TH_ECE },
		{ F_FLAGS_URG, TH_URG }, { F_FLAGS_ACK, TH_ACK },
		{ F_FLAGS_PUSH, TH_PUSH }, { F_FLAGS_RESET, TH_RST },
		{ F_FLAGS_SYN, TH_SYN }, { F_FLAGS_FIN, TH_FIN }, { 0, 0 }
	};
	static const char letters[] = "RRRACEUAPRSF";
	char names[96], str[12 * 2 + 1];
	size_t i, n = 0;

	if (d->sink == NULL)
		return;
	/* Highest bit first; a clear bit is a middle dot (U+00B7). */
	for (i = 0; i < 12 && d_want(d, &tcp_fields[F_FLAGS_STR]); i++) {
		if (flags & (0x800u >> i)) {
			str[n++] = letters[i];
		} else {
			str[n++] = (char)0xc2;
			str[n++] = (char)0xb7;
		}
	}
	str[n] = '\0';
	names[0] = '\0';
	if (d_shown(d))
		tcp_flags_text(flags, names, sizeof names);
	d_uint(d, &tcp_fields[F_FLAGS], off, 2, flags, names);
	d_push(d);
	for (i = 0; bits[i].bit != 0; i++)
		d_bool(d, &tcp_fields[bits[i].f], off, 2,
		    (flags & bits[i].bit) != 0,
		    (flags & bits[i].bit) != 0 ? "Set" : "Not set");
	d_string(d, &tcp_fields[F_FLAGS_STR], off, 0, str, n);
	d_pop(d);
}

/*
 * Verify the checksum of a segment captured whole (cap bytes at p), with
 * the pseudo-header of the enclosing IP header.  Returns a CKSUM_* value;
 * *expect is the value the field should hold.
 */
static int
tcp_checksum(const struct dissect *d, const uint8_t *p, size_t cap,
    size_t wire, uint16_t *expect)
{
	uint32_t sum;

	*expect = 0;
	if (d->ip.ver == 0 || cap != wire || cap < TCP_HDR_MIN ||
	    cap > UINT32_MAX)
		return CKSUM_UNVERIFIED;
	sum = cksum_pseudo(&d->ip, 6, (uint32_t)cap);
	sum = cksum_add(sum, p, 16);
	sum = cksum_add(sum, p + 18, cap - 18);
	*expect = cksum_fold(sum);
	sum = cksum_add(sum, p + 16, 2);
	return cksum_fold(sum) == 0 ? CKSUM_GOOD : CKSUM_BAD;
}

/* Hand the payload to the decoder for its port, or show it as data. */
static void
tcp_dispatch(struct dissect *d, const struct tcp_hdr *h, struct cursor pc)
{
	if (cur_left(&pc) == 0)
		return;
	if (tcp_port_decoded(h->sport) || tcp_port_decoded(h->dport))
		dns_decode(d, P_DNS, true, pc);
	else
		data_decode(d, pc);
}

/* Options a capture pass can skip: tcp_options() would find them all
   well-formed (trailing bytes after an EOL are only shown) and would not
   stop the segment's dissection. */
bool
tcp_options_plain(const uint8_t *frame, size_t off, size_t olen)
{
	struct tcp_opt	 opts[TCP_OPT_MAX];
	size_t		 n, i;

	n = tcp_opts_parse(frame, off, olen, olen, opts);
	for (i = 0; i < n; i++) {
		if (opts[i].err == OPT_PADDING)
			break;
		if (opts[i].err != OPT_OK)
			return false;
		/* tcp_opt_report() stops at a SACK without a whole block. */
		if (opts[i].kind == TCPOPT_SACK && opts[i].len < 10)
			return false;
	}
	return true;
}

/* Does a payload on this port go to a decoder (tcp_dispatch())? */
bool
tcp_port_decoded(uint16_t port)
{
	return port == 53;
}

/* Decode a TCP segment: header, options, then its payload by port. */
void
tcp_decode(struct dissect *d, struct cursor c)
{
	static const char *const cksum_status[] = {
		"Bad", "Good", "Unverified"
	};
	const uint8_t *p = cur_ptr(&c);
	size_t start = c.pos, cap = cur_left(&c);
	size_t wire = d_transport_wire_len(d, &c);
	size_t olen, ocap;
	struct cursor pc;
	struct tcp_hdr h;
	uint16_t cksum = 0, expect;
	int status = LAYER_OK, ck = CKSUM_UNVERIFIED;
	bool stop = false;
	char buf[96];

	if (!d_open(d, P_TCP, start))
		return;
	memset(&h, 0, sizeof h);
	if (cap >= 4) {
		h.sport = be16_at(p);
		h.dport = be16_at(p + 2);
		if (d_is_key_transport(d)) {
			d->pi->sport = h.sport;
			d->pi->dport = h.dport;
		}
	}
	if (cap >= 8)
		h.seq = be32_at(p + 4);
	if (cap >= 12)
		h.ack = be32_at(p + 8);
	if (cap >= 13)
		h.hlen = (size_t)(p[12] >> 4) * 4;
	if (cap >= 14) {
		h.flags = be16_at(p + 12) & 0x0fff;
		if (d_is_key_transport(d))
			d->pi->tcpflags = (uint8_t)h.flags;
	}
	if (cap >= TCP_HDR_MIN) {
		h.win = be16_at(p + 14);
		cksum = be16_at(p + 16);
		h.urp = be16_at(p + 18);
	}
	if (d->transport != NULL) {
		/* tshark finds the conversation once it has read the
		   window (an ICMP quote of 14 bytes has none). */
		struct transport_hdr t = { P_TCP, (uint32_t)start, cap >= 16,
		    &d->ip, h.sport, h.dport, h.seq, h.flags };

		d_transport(d, &t);
	}

	if (cap >= 2)
		d_uint(d, &tcp_fields[F_SRCPORT], start, 2, h.sport, NULL);
	if (cap >= 4) {
		d_uint(d, &tcp_fields[F_DSTPORT], start + 2, 2, h.dport, NULL);
		d_uint(d, &tcp_fields[F_PORT], start, 2, h.sport, NULL);
		d_uint(d, &tcp_fields[F_PORT], start + 2, 2, h.dport, NULL);
		/* In an ICMP error's quote tshark puts it after the
		   sequence number. */
		if (d->fence == 0)
			d_stream(d, &tcp_fields[F_STREAM], start, false);
		d_info(d, "%u → %u", h.sport, h.dport);
	}
	/* Inside an ICMP error's quote tshark leaves out the generated
	   length and raw sequence number. */
	if (cap >= 13 && h.hlen <= wire && d->fence == 0)
		d_uint(d, &tcp_fields[F_LEN], start, 0, wire - h.hlen, NULL);
	/* tshark reads the data offset before anything after the ports. */
	if (cap >= 13) {
		d_uint(d, &tcp_fields[F_SEQ], start + 4, 4, h.seq, NULL);
		if (d->fence == 0)
			d_uint(d, &tcp_fields[F_SEQ_RAW], start + 4, 4, h.seq,
			    NULL);
		else
			d_stream(d, &tcp_fields[F_STREAM], start, false);
	}
	if (cap >= TCP_HDR_MIN && d->want_info) {
		tcp_flags_text(h.flags, buf, sizeof buf);
		d_info(d, "%u → %u [%s] Seq=%u", h.sport, h.dport, buf, h.seq);
		if (h.flags & TH_ACK)
			d_info_append(d, " Ack=%u", h.ack);
		d_info_append(d, " Win=%u", h.win);
	}
	if (cap >= 13 && h.hlen < TCP_HDR_MIN) {
		d_uint(d, &tcp_fields[F_HDR_LEN], start + 12, 1, h.hlen, NULL);
		d_info_append(d, ", bogus TCP header length (%zu, must be at "
		    "least 20)", h.hlen);
		d_close(d, c.end, d_malformed(d, start + 12, 1, "bogus TCP "
		    "header length (%zu, must be at least 20)", h.hlen));
		return;
	}
	if (cap >= 13) {
		d_uint(d, &tcp_fields[F_ACK], start + 8, 4, h.ack, NULL);
		d_uint(d, &tcp_fields[F_ACK_RAW], start + 8, 4, h.ack, NULL);
		d_uint(d, &tcp_fields[F_HDR_LEN], start + 12, 1, h.hlen, NULL);
	}
	if (cap >= 14)
		tcp_flags(d, start + 12, h.flags);
	if (cap < TCP_HDR_MIN) {
		if (cap >= 16)
			d_uint(d, &tcp_fields[F_WINDOW], start + 14, 2,
			    be16_at(p + 14), NULL);
		if (wire < TCP_HDR_MIN) {
			status = d_malformed(d, start, cap, "segment shorter "
			    "than a TCP header");
		} else {
			d_text(d, start, cap, "[truncated]");
			status = LAYER_TRUNCATED;
		}
		d_close(d, c.end, status);
		return;
	}

	d_uint(d, &tcp_fields[F_WINDOW], start + 14, 2, h.win, NULL);
	/* The capture pass does not sum the payload: only the tree and
	   Info show the verdict. */
	ck = d_verify(d, &tcp_fields[F_CHECKSUM_STATUS], NULL) ?
	    tcp_checksum(d, p, cap, wire, &expect) : CKSUM_UNVERIFIED;
	buf[0] = '\0';
	if (ck == CKSUM_BAD) {
		status |= LAYER_BADSUM;
		if (d_shown(d))
			snprintf(buf, sizeof buf,
			    "incorrect, should be 0x%04x", expect);
		d_info_append(d, " [TCP CHECKSUM INCORRECT]");
	} else if (d_shown(d)) {
		snprintf(buf, sizeof buf, "%s",
		    ck == CKSUM_GOOD ? "correct" : "unverified");
	}
	d_sum(d, &tcp_fields[F_CHECKSUM], start + 16, 2, cksum,
	    buf[0] != '\0' ? buf : NULL, d_status_verdict(ck));
	d_sum(d, &tcp_fields[F_CHECKSUM_STATUS], start + 16, 0,
	    (uint64_t)ck, cksum_status[ck], d_status_verdict(ck));
	d_uint(d, &tcp_fields[F_URGENT], start + 18, 2, h.urp, NULL);
	if (h.flags & TH_URG)
		d_info_append(d, " Urg=%u", h.urp);
	if (h.hlen > wire) {
		/* tshark fails to read the options and shows them missing. */
		tcp_item(d, F_OPTIONS, start + TCP_HDR_MIN, 0, NULL);
		d_info_append(d, "[Malformed Packet]");
		d_close(d, c.end, status | d_malformed(d, start + 12, 1,
		    "header length %zu past the segment (%zu bytes)", h.hlen,
		    wire));
		return;
	}
	d_info_append(d, " Len=%zu", wire - h.hlen);

	olen = h.hlen - TCP_HDR_MIN;
	ocap = cap - TCP_HDR_MIN < olen ? cap - TCP_HDR_MIN : olen;
	if (olen > 0)
		status |= tcp_options(d, &h, start + TCP_HDR_MIN, olen, ocap,
		    &stop);
	if (stop) {
		d_info_append(d, "[Malformed Packet]");
		d_close(d, c.end, status);
		return;
	}
	if (cap < h.hlen) {
		d_close(d, c.end, status | LAYER_TRUNCATED);
		return;
	}
	pc = c;
	pc.pos = start + h.hlen;
	if (cap < wire)
		status |= LAYER_TRUNCATED;
	if ((h.flags & TH_RST) && cur_left(&pc) > 0) {
		/* RFC 9293 3.5.3: a reset may carry text saying why; tshark
		   shows it as a string up to the first NUL, and no payload. */
		const uint8_t *nul = memchr(cur_ptr(&pc), 0, cur_left(&pc));
		size_t n = nul != NULL ? (size_t)(nul - cur_ptr(&pc)) :
		    cur_left(&pc);

		d_string(d, &tcp_fields[F_RESET_CAUSE], pc.pos, cur_left(&pc),
		    (const char *)cur_ptr(&pc), n);
		d_close(d, c.end, status);
		return;
	}
	if (cur_left(&pc) > 0)
		d_bytes(d, &tcp_fields[F_PAYLOAD], pc.pos, cur_left(&pc));
	tcp_dispatch(d, &h, pc);
	d_close(d, c.end, status);
}
