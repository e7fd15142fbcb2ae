/*
 * ICMP: Internet Control Message Protocol for IPv4.
 *
 * RFC 792 (base), RFC 950 (address mask), RFC 1191 (next-hop MTU),
 * RFC 1256 (router discovery), RFC 4884 (original datagram length),
 * RFC 8335 (extended echo); type and code names follow the IANA registry
 * as Wireshark spells them.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |     Code      |          Checksum             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   type-specific: identifier + sequence, gateway, MTU, pointer  |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   errors: the original IP header + at least 8 bytes of data    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The checksum covers the whole message; it is verified when every byte
 * was captured and the message is not itself quoted inside an error.
 * Error messages (3, 4, 5, 11, 12) decode their quote as nested layers,
 * fenced so that the quoted packet does not take over the Info column or
 * the flow key, and capped at DISSECT_MAX_NEST.
 */
#include "config.h"

#include <stdio.h>

#include "decoders.h"

/* Type, code, checksum and its status first, as struct icmp_version says. */
enum {
	F_TYPE, F_CODE, F_CHECKSUM, F_CKSTATUS, F_UNUSED, F_IDENT, F_IDENT_LE,
	F_SEQ, F_SEQ_LE, F_MTU, F_NUMADDRS, F_ENTRYSIZE, F_LIFETIME, F_POINTER,
	F_ROUTER, F_PREF, F_ORIG_TS, F_RECV_TS, F_XMIT_TS, F_MASK, F_REDIR_GW,
	F_LENGTH, F_LENGTH_ORIG, F_XSEQ, F_XREQ_RES, F_XREQ_LOCAL,
	F_XRSP_STATE, F_XRSP_RES, F_XRSP_ACTIVE, F_XRSP_IPV4, F_XRSP_IPV6,
	F_COUNT
};

static const struct field_def icmp_fields[] = {
	[F_TYPE] = { "icmp.type", "Type", FT_UINT, BASE_DEC, 8 },
	[F_CODE] = { "icmp.code", "Code", FT_UINT, BASE_DEC, 8 },
	[F_CHECKSUM] = { "icmp.checksum", "Checksum", FT_UINT, BASE_HEX, 16 },
	[F_CKSTATUS] = { "icmp.checksum.status", "Checksum Status", FT_UINT,
	    BASE_DEC, 8 },
	[F_UNUSED] = { "icmp.unused", "Unused", FT_BYTES, BASE_DEC, 0 },
	[F_IDENT] = { "icmp.ident", "Identifier (BE)", FT_UINT, BASE_DEC, 16 },
	[F_IDENT_LE] = { "icmp.ident_le", "Identifier (LE)", FT_UINT, BASE_DEC,
	    16 },
	[F_SEQ] = { "icmp.seq", "Sequence Number (BE)", FT_UINT, BASE_DEC,
	    16 },
	[F_SEQ_LE] = { "icmp.seq_le", "Sequence Number (LE)", FT_UINT,
	    BASE_DEC, 16 },
	[F_MTU] = { "icmp.mtu", "MTU of next hop", FT_UINT, BASE_DEC, 16 },
	[F_NUMADDRS] = { "icmp.num_addrs", "Number of addresses", FT_UINT,
	    BASE_DEC, 8 },
	[F_ENTRYSIZE] = { "icmp.addr_entry_size", "Address entry size",
	    FT_UINT, BASE_DEC, 8 },
	[F_LIFETIME] = { "icmp.lifetime", "Lifetime", FT_UINT, BASE_DEC, 16 },
	[F_POINTER] = { "icmp.pointer", "Pointer", FT_UINT, BASE_DEC, 32 },
	[F_ROUTER] = { "icmp.router_address", "Router address", FT_IPV4,
	    BASE_DEC, 0 },
	[F_PREF] = { "icmp.pref_level", "Preference level", FT_INT, BASE_DEC,
	    32 },
	[F_ORIG_TS] = { "icmp.originate_timestamp", "Originate Timestamp",
	    FT_UINT, BASE_DEC, 32 },
	[F_RECV_TS] = { "icmp.receive_timestamp", "Receive Timestamp", FT_UINT,
	    BASE_DEC, 32 },
	[F_XMIT_TS] = { "icmp.transmit_timestamp", "Transmit Timestamp",
	    FT_UINT, BASE_DEC, 32 },
	[F_MASK] = { "icmp.address_mask", "Address Mask", FT_IPV4, BASE_DEC,
	    0 },
	[F_REDIR_GW] = { "icmp.redir_gw", "Gateway Address", FT_IPV4, BASE_DEC,
	    0 },
	[F_LENGTH] = { "icmp.length", "Length", FT_UINT, BASE_DEC, 8 },
	[F_LENGTH_ORIG] = { "icmp.length.original_datagram",
	    "Length of original datagram", FT_UINT, BASE_DEC, 8 },
	/* The extended echo fields, in icmp_extecho()'s order. */
	[F_XSEQ] = { "icmp.ext.echo.seq", "Sequence Number", FT_UINT, BASE_DEC,
	    8 },
	[F_XREQ_RES] = { "icmp.ext.echo.req.res", "Reserved", FT_UINT,
	    BASE_HEX, 8 },
	[F_XREQ_LOCAL] = { "icmp.ext.echo.req.local", "Local bit", FT_BOOL,
	    BASE_DEC, 8 },
	[F_XRSP_STATE] = { "icmp.ext.echo.rsp.state", "State", FT_UINT,
	    BASE_DEC, 8 },
	[F_XRSP_RES] = { "icmp.ext.echo.rsp.res", "Reserved", FT_UINT,
	    BASE_HEX, 8 },
	[F_XRSP_ACTIVE] = { "icmp.ext.echo.rsp.active", "Active bit", FT_BOOL,
	    BASE_DEC, 8 },
	[F_XRSP_IPV4] = { "icmp.ext.echo.rsp.ipv4", "IPv4 bit", FT_BOOL,
	    BASE_DEC, 8 },
	[F_XRSP_IPV6] = { "icmp.ext.echo.rsp.ipv6", "IPv6 bit", FT_BOOL,
	    BASE_DEC, 8 },
};
_Static_assert(sizeof icmp_fields / sizeof icmp_fields[0] == F_COUNT,
    "icmp_fields: one entry per field id");
const struct field_table icmp_field_table = { icmp_fields, F_COUNT };

#define ICMP_ECHOREPLY		0
#define ICMP_UNREACH		3
#define ICMP_SOURCEQUENCH	4
#define ICMP_REDIRECT		5
#define ICMP_ALTHOST		6
#define ICMP_ECHO		8
#define ICMP_RTRADVERT		9
#define ICMP_TIMXCEED		11
#define ICMP_PARAMPROB		12
#define ICMP_TSTAMP		13
#define ICMP_TSTAMPREPLY	14
#define ICMP_IREQ		15
#define ICMP_IREQREPLY		16
#define ICMP_MASKREQ		17
#define ICMP_MASKREPLY		18
#define ICMP_PHOTURIS		40
#define ICMP_EXTECHO		42
#define ICMP_EXTECHOREPLY	43

#define ICMP_FRAG_NEEDED	4	/* unreachable code with an MTU */

static const struct value_name icmp_types[] = {
	{ 0, "Echo (ping) reply" },
	{ 1, "Reserved" },
	{ 2, "Reserved" },
	{ 3, "Destination unreachable" },
	{ 4, "Source quench (flow control)" },
	{ 5, "Redirect" },
	{ 6, "Alternate host address" },
	{ 8, "Echo (ping) request" },
	{ 9, "Router advertisement" },
	{ 10, "Router solicitation" },
	{ 11, "Time-to-live exceeded" },
	{ 12, "Parameter problem" },
	{ 13, "Timestamp request" },
	{ 14, "Timestamp reply" },
	{ 15, "Information request" },
	{ 16, "Information reply" },
	{ 17, "Address mask request" },
	{ 18, "Address mask reply" },
	{ 19, "Reserved (for security)" },
	{ 30, "Traceroute" },
	{ 31, "Datagram Conversion Error" },
	{ 32, "Mobile Host Redirect" },
	{ 33, "IPv6 Where-Are-You" },
	{ 34, "IPv6 I-Am-Here" },
	{ 35, "Mobile Registration Request" },
	{ 36, "Mobile Registration Reply" },
	{ 37, "Domain Name Request" },
	{ 38, "Domain Name Reply" },
	{ 39, "SKIP" },
	{ 40, "Photuris" },
	{ 41, "Experimental mobility protocols" },
	{ 42, "Extended Echo request" },
	{ 43, "Extended Echo reply" },
	{ 0, NULL }
};

static const struct value_name unreach_codes[] = {
	{ 0, "Network unreachable" },
	{ 1, "Host unreachable" },
	{ 2, "Protocol unreachable" },
	{ 3, "Port unreachable" },
	{ 4, "Fragmentation needed" },
	{ 5, "Source route failed" },
	{ 6, "Destination network unknown" },
	{ 7, "Destination host unknown" },
	{ 8, "Source host isolated" },
	{ 9, "Network administratively prohibited" },
	{ 10, "Host administratively prohibited" },
	{ 11, "Network unreachable for TOS" },
	{ 12, "Host unreachable for TOS" },
	{ 13, "Communication administratively filtered" },
	{ 14, "Host precedence violation" },
	{ 15, "Precedence cutoff in effect" },
	{ 0, NULL }
};

static const struct value_name redirect_codes[] = {
	{ 0, "Redirect for network" },
	{ 1, "Redirect for host" },
	{ 2, "Redirect for TOS and network" },
	{ 3, "Redirect for TOS and host" },
	{ 0, NULL }
};

static const struct value_name althost_codes[] = {
	{ 0, "Alternate address for host" },
	{ 0, NULL }
};

static const struct value_name rtradvert_codes[] = {
	{ 0, "Normal router advertisement" },
	{ 16, "Does not route common traffic" },
	{ 0, NULL }
};

static const struct value_name timxceed_codes[] = {
	{ 0, "Time to live exceeded in transit" },
	{ 1, "Fragment reassembly time exceeded" },
	{ 0, NULL }
};

static const struct value_name paramprob_codes[] = {
	{ 0, "Pointer indicates the error" },
	{ 1, "Required option missing" },
	{ 2, "Bad length" },
	{ 0, NULL }
};

static const struct value_name photuris_codes[] = {
	{ 0, "Bad SPI" },
	{ 1, "Authentication Failed" },
	{ 2, "Decompression Failed" },
	{ 3, "Decryption Failed" },
	{ 4, "Need Authentication" },
	{ 5, "Need Authorization" },
	{ 0, NULL }
};

const struct value_name icmp_extecho_req_codes[] = {
	{ 0, "No error" },
	{ 0, NULL }
};

const struct value_name icmp_extecho_reply_codes[] = {
	{ 0, "No error" },
	{ 1, "Malformed Query" },
	{ 2, "No Such Interface" },
	{ 3, "No Such Table Entry" },
	{ 4, "Multiple Interfaces Satisfy Query" },
	{ 0, NULL }
};

static const struct value_name extecho_states[] = {
	{ 0, "Reserved" },
	{ 1, "Incomplete" },
	{ 2, "Reachable" },
	{ 3, "Stale" },
	{ 4, "Delay" },
	{ 5, "Probe" },
	{ 6, "Failed" },
	{ 0, NULL }
};

/* The code table of a type, or NULL when its codes carry no names. */
static const struct value_name *
icmp_code_table(uint8_t type)
{
	switch (type) {
	case ICMP_UNREACH:
		return unreach_codes;
	case ICMP_REDIRECT:
		return redirect_codes;
	case ICMP_ALTHOST:
		return althost_codes;
	case ICMP_RTRADVERT:
		return rtradvert_codes;
	case ICMP_TIMXCEED:
		return timxceed_codes;
	case ICMP_PARAMPROB:
		return paramprob_codes;
	case ICMP_PHOTURIS:
		return photuris_codes;
	case ICMP_EXTECHO:
		return icmp_extecho_req_codes;
	case ICMP_EXTECHOREPLY:
		return icmp_extecho_reply_codes;
	default:
		return NULL;
	}
}

/* The type's tree and Info text, as Wireshark words the unknown ones. */
static const char *
icmp_type_text(uint8_t type, char *buf, size_t size)
{
	const char *n = field_value_name(icmp_types, type);

	(void)buf;
	(void)size;
	if (type == ICMP_RTRADVERT)
		return "Mobile IP Advertisement";
	return n != NULL ? n : "Unknown ICMP (obsolete or malformed?)";
}

/* The code's text; NULL when the type names no codes. */
static const char *
icmp_code_text(uint8_t type, uint8_t code, char *buf, size_t size)
{
	const struct value_name *t = icmp_code_table(type);
	const char *n;

	if (t == NULL)
		return NULL;
	n = field_value_name(t, code);
	if (n == NULL) {
		snprintf(buf, size, "Unknown code: %u", code);
		n = buf;
	}
	return n;
}

/*
 * The TTL of the IPv4 header this message arrived in, for the Info column.
 * dissect.h carries no TTL, so look for that header right before us: an
 * IPv4 header of 20..60 bytes ending at our first byte whose addresses are
 * those of d->ip.  Reads go through a cursor over the bytes before us.
 */
static bool
icmp_ip_ttl(const struct dissect *d, const struct cursor *c, uint8_t *ttl)
{
	struct cursor before = cur_make(d->frame, c->pos);
	unsigned ihl;
	uint8_t b;
	size_t i;

	if (d->ip.ver != 4)
		return false;
	for (ihl = 5; ihl <= 15; ihl++) {
		size_t hlen = (size_t)ihl * 4;

		if (hlen > c->pos)
			break;
		before.pos = c->pos - hlen;
		if (!cur_peek8(&before, 0, &b) || b != (0x40 | ihl))
			continue;
		for (i = 0; i < 8; i++) {
			if (!cur_peek8(&before, 12 + i, &b))
				break;
			if (b != (i < 4 ? d->ip.src[i] : d->ip.dst[i - 4]))
				break;
		}
		if (i == 8)
			return cur_peek8(&before, 8, ttl);
	}
	return false;
}

/*
 * The ICMP checksum of a whole captured message: compared against the sum
 * computed without it, so 0xffff is not taken for 0x0000 (Wireshark does
 * the same).
 */
static int
icmp_checksum_v4(const struct dissect *d, const struct cursor *msg,
    uint16_t sum)
{
	uint32_t acc;

	(void)d;
	acc = cksum_add(0, cur_ptr(msg), 2);
	acc = cksum_add(acc, cur_ptr(msg) + 4, cur_left(msg) - 4);
	return cksum_fold(acc) == sum ? 1 : 0;
}

static const struct icmp_version icmp_v4 = {
	.proto = P_ICMP,
	.fields = icmp_fields,
	.info_width = 20,
	.type_name = icmp_type_text,
	.code_name = icmp_code_text,
	.checksum = icmp_checksum_v4,
	.xident = &icmp_fields[F_IDENT],
	.xident_le = &icmp_fields[F_IDENT_LE],
	.xecho = &icmp_fields[F_XSEQ],
	.xecho_texts = true,
};

/* Did the capture end before the message did (snaplen cut)? */
static bool
icmp_cut_short(const struct dissect *d, const struct cursor *c)
{
	return d->caplen < d->wirelen && c->end >= d->caplen;
}

/*
 * Report the checksum.  It is verified over the whole message unless bytes
 * are missing or the message is quoted in an error (d->fence), where the
 * original was cut after 8 bytes; then the status is 2 (unverified).
 */
static int
icmp_checksum(struct dissect *d, const struct icmp_version *v,
    const struct cursor *msg)
{
	uint16_t sum;
	int status;

	if (!cur_peek16(msg, 2, &sum))
		return LAYER_OK;
	if (d->fence > 0 || icmp_cut_short(d, msg))
		status = 2;
	else
		status = v->checksum(d, msg, sum);
	return d_checksum(d, &v->fields[F_CHECKSUM], &v->fields[F_CKSTATUS],
	    msg->pos + 2, sum, status);
}

/* Open the layer, then type, code and checksum (see decoders.h). */
int
icmp_open(struct dissect *d, const struct icmp_version *v, struct cursor *c,
    uint8_t *type, uint8_t *code)
{
	const struct cursor msg = *c;
	const char *tname, *cname;
	char tbuf[32], cbuf[32];

	if (!d_open(d, v->proto, c->pos))
		return -1;
	if (!cur_u8(c, type))
		return LAYER_TRUNCATED;
	tname = v->type_name(*type, tbuf, sizeof tbuf);
	d_info(d, "%-*s", v->info_width, tname);
	d_uint(d, &v->fields[F_TYPE], msg.pos, 1, *type, tname);
	if (!cur_u8(c, code))
		return LAYER_TRUNCATED;
	cname = v->code_name(*type, *code, cbuf, sizeof cbuf);
	if (cname != NULL)
		d_info_append(d, " (%s)", cname);
	d_uint(d, &v->fields[F_CODE], msg.pos + 1, 1, *code, cname);
	if (!cur_has(c, 2))
		return LAYER_TRUNCATED;
	cur_skip(c, 2);
	return icmp_checksum(d, v, &msg);
}

/* Identifier and sequence number, each in both byte orders (tshark). */
static void
icmp_ident_seq(struct dissect *d, size_t off, uint16_t id, uint16_t seq)
{
	uint16_t id_le = (uint16_t)(id >> 8 | id << 8);
	uint16_t seq_le = (uint16_t)(seq >> 8 | seq << 8);
	char s[4][24];

	if (d->sink == NULL)
		return;
	snprintf(s[0], sizeof s[0], "0x%04x", id);
	snprintf(s[1], sizeof s[1], "0x%04x", id_le);
	snprintf(s[2], sizeof s[2], "0x%04x", seq);
	snprintf(s[3], sizeof s[3], "0x%04x", seq_le);
	d_uint(d, &icmp_fields[F_IDENT], off, 2, id, s[0]);
	d_uint(d, &icmp_fields[F_IDENT_LE], off, 2, id_le, s[1]);
	d_uint(d, &icmp_fields[F_SEQ], off + 2, 2, seq, s[2]);
	d_uint(d, &icmp_fields[F_SEQ_LE], off + 2, 2, seq_le, s[3]);
}

/* Report n bytes at off as icmp.unused. */
static void
icmp_unused(struct dissect *d, size_t off, size_t n)
{
	d_bytes(d, &icmp_fields[F_UNUSED], off, n);
}

/* The RFC 4884 length byte (32-bit words of the original datagram). */
static void
icmp_orig_length(struct dissect *d, size_t off, uint8_t words)
{
	d_uint(d, &icmp_fields[F_LENGTH], off, 1, words, NULL);
	d_uint(d, &icmp_fields[F_LENGTH_ORIG], off, 0, (uint64_t)words * 4,
	    NULL);
}

/*
 * Decode the quoted original datagram of an error message as nested
 * layers (as data past the nesting cap).  The fence keeps it out of the
 * Info column and the top protocol; the nest cap stops ICMP quoting ICMP
 * quoting ... from recursing.
 */
void
icmp_quote(struct dissect *d, struct cursor q,
    void (*decode)(struct dissect *, struct cursor))
{
	if (cur_left(&q) == 0)
		return;
	d->fence++;
	if (d->nest >= DISSECT_MAX_NEST) {
		data_decode(d, q);
	} else {
		d->nest++;
		decode(d, q);
		d->nest--;
	}
	d->fence--;
}

/* Where the quote ends: the redirect and RFC 4884 rules of Wireshark. */
static void
icmp_quote_limit(struct cursor *q, uint8_t type, uint8_t words, size_t msglen)
{
	uint8_t vhl = 0;
	uint16_t totlen = 0;

	if (!cur_peek8(q, 0, &vhl))
		return;
	if (type == ICMP_REDIRECT) {
		/* At most the IP header and 64 bits of its data. */
		cur_limit(q, (size_t)(vhl & 0x0f) * 4 + 8);
	} else if (words > 0 && msglen > 8 + (size_t)words * 4 &&
	    cur_peek16(q, 2, &totlen) && totlen > (size_t)words * 4) {
		cur_limit(q, ((size_t)(vhl & 0x0f) + words) * 4);
	}
}

/* The router advertisement body: address / preference pairs. */
static bool
icmp_rtradvert(struct dissect *d, struct cursor *c, unsigned naddrs)
{
	uint8_t a[4];
	uint32_t pref;
	unsigned i;

	for (i = 0; i < naddrs; i++) {
		size_t off = c->pos;

		if (!cur_bytes(c, a, 4))
			return false;
		d_addr(d, &icmp_fields[F_ROUTER], off, 4, a);
		if (!cur_be32(c, &pref))
			return false;
		d_int(d, &icmp_fields[F_PREF], off + 4, 4, (int32_t)pref,
		    NULL);
	}
	return true;
}

/* A timestamp in ms since midnight UT (RFC 792), with its tree text. */
static bool
icmp_timestamp(struct dissect *d, struct cursor *c, int idx)
{
	uint32_t ms;
	size_t off = c->pos;
	char shown[64];

	if (!cur_be32(c, &ms))
		return false;
	if (d->sink != NULL) {
		uint32_t t = ms & 0x7fffffff;

		snprintf(shown, sizeof shown,
		    "%u.%03u seconds after midnight UTC", t / 1000, t % 1000);
		d_uint(d, &icmp_fields[idx], off, 4, ms, shown);
	}
	return true;
}

/* Where each extended echo field stands after icmp_version.xecho. */
enum {
	XECHO_SEQ, XECHO_REQ_RES, XECHO_REQ_LOCAL, XECHO_RSP_STATE,
	XECHO_RSP_RES, XECHO_RSP_ACTIVE, XECHO_RSP_IPV4, XECHO_RSP_IPV6
};
_Static_assert(F_XRSP_IPV6 - F_XSEQ == XECHO_RSP_IPV6,
    "icmp_fields: the extended echo fields in icmp_extecho()'s order");

/* The identifier, sequence number and flags of RFC 8335's second word. */
int
icmp_extecho(struct dissect *d, const struct icmp_version *v,
    struct cursor *c, bool request)
{
	const struct field_def *x = v->xecho;
	size_t off = c->pos;
	uint16_t id, w;
	uint8_t seq, flags;
	bool texts = v->xecho_texts;

	if (!cur_be16(c, &id) || !cur_be16(c, &w))
		return LAYER_TRUNCATED;
	seq = (uint8_t)(w >> 8);
	flags = (uint8_t)w;
	d_uint(d, v->xident, off, 2, id, NULL);
	if (v->xident_le != NULL)
		d_uint(d, v->xident_le, off, 2, (uint16_t)(id >> 8 | id << 8),
		    NULL);
	d_uint(d, &x[XECHO_SEQ], off + 2, 1, seq, NULL);
	if (request) {
		d_uint(d, &x[XECHO_REQ_RES], off + 3, 1, flags >> 1, NULL);
		d_bool(d, &x[XECHO_REQ_LOCAL], off + 3, 1, flags & 1,
		    !texts ? NULL : (flags & 1) ? "Set" : "Not set");
	} else {
		d_uint(d, &x[XECHO_RSP_STATE], off + 3, 1, flags >> 5,
		    texts ? field_value_name(extecho_states, flags >> 5) :
		    NULL);
		d_uint(d, &x[XECHO_RSP_RES], off + 3, 1, (flags & 0x18) >> 3,
		    NULL);
		d_bool(d, &x[XECHO_RSP_ACTIVE], off + 3, 1, (flags & 4) != 0,
		    NULL);
		d_bool(d, &x[XECHO_RSP_IPV4], off + 3, 1, (flags & 2) != 0,
		    NULL);
		d_bool(d, &x[XECHO_RSP_IPV6], off + 3, 1, (flags & 1) != 0,
		    NULL);
	}
	return LAYER_OK;
}

void
icmp_decode(struct dissect *d, struct cursor c)
{
	const struct cursor msg = c;
	uint8_t type = 0, code = 0, b4 = 0, b5 = 0, ttl, words;
	uint16_t w1, w2;
	size_t off;
	int st;

	st = icmp_open(d, &icmp_v4, &c, &type, &code);
	if (st < 0)
		return;
	if (st & LAYER_TRUNCATED)
		goto out;

	/* The second word: its meaning depends on the type. */
	off = c.pos;
	cur_peek8(&c, 0, &b4);
	cur_peek8(&c, 1, &b5);
	words = b5;
	if (type == ICMP_ALTHOST)
		words = 0;
	switch (type) {
	case ICMP_ECHOREPLY:
	case ICMP_ECHO:
	case ICMP_TSTAMP:
	case ICMP_TSTAMPREPLY:
	case ICMP_IREQ:
	case ICMP_IREQREPLY:
	case ICMP_MASKREQ:
	case ICMP_MASKREPLY:
		if (!cur_be16(&c, &w1) || !cur_be16(&c, &w2)) {
			st |= LAYER_TRUNCATED;
			goto out;
		}
		icmp_ident_seq(d, off, w1, w2);
		d_info_append(d, " id=0x%04x, seq=%u/%u", w1, w2,
		    (unsigned)(uint16_t)(w2 >> 8 | w2 << 8));
		if (d->want_info && icmp_ip_ttl(d, &msg, &ttl))
			d_info_append(d, ", ttl=%u", ttl);
		break;
	case ICMP_UNREACH:
	case ICMP_TIMXCEED:
	case ICMP_PARAMPROB:
		if (!cur_has(&c, 4)) {
			st |= LAYER_TRUNCATED;
			goto out;
		}
		cur_peek16(&c, 2, &w2);
		if (type == ICMP_PARAMPROB)
			d_uint(d, &icmp_fields[F_POINTER], off, 1, b4, NULL);
		else if (words > 0)
			icmp_unused(d, off, 1);
		if (words > 0) {
			icmp_orig_length(d, off + 1, words);
			if (type == ICMP_UNREACH && code == ICMP_FRAG_NEEDED)
				d_uint(d, &icmp_fields[F_MTU], off + 2, 2,
				    w2, NULL);
			else
				icmp_unused(d, off + 2, 2);
		} else if (type == ICMP_PARAMPROB) {
			icmp_unused(d, off + 1, 3);
		} else if (type == ICMP_UNREACH && code == ICMP_FRAG_NEEDED) {
			icmp_unused(d, off, 2);
			d_uint(d, &icmp_fields[F_MTU], off + 2, 2, w2, NULL);
		} else {
			icmp_unused(d, off, 4);
		}
		cur_skip(&c, 4);
		break;
	case ICMP_REDIRECT:
		if (!cur_has(&c, 4)) {
			st |= LAYER_TRUNCATED;
			goto out;
		}
		d_addr(d, &icmp_fields[F_REDIR_GW], off, 4, cur_ptr(&c));
		cur_skip(&c, 4);
		break;
	case ICMP_RTRADVERT:
		if (!cur_be16(&c, &w1) || !cur_be16(&c, &w2)) {
			st |= LAYER_TRUNCATED;
			goto out;
		}
		d_uint(d, &icmp_fields[F_NUMADDRS], off, 1, b4, NULL);
		d_uint(d, &icmp_fields[F_ENTRYSIZE], off + 1, 1, b5, NULL);
		d_uint(d, &icmp_fields[F_LIFETIME], off + 2, 2, w2, NULL);
		break;
	case ICMP_EXTECHO:
	case ICMP_EXTECHOREPLY:
		st |= icmp_extecho(d, &icmp_v4, &c, type == ICMP_EXTECHO);
		break;
	default:
		/* Source quench and the rest: the word is not reported. */
		if (!cur_skip(&c, 4) && cur_left(&c) > 0) {
			cur_skip(&c, cur_left(&c));
			st |= LAYER_TRUNCATED;
		}
		break;
	}

	/* What follows the first 8 bytes. */
	switch (type) {
	case ICMP_UNREACH:
	case ICMP_TIMXCEED:
	case ICMP_PARAMPROB:
	case ICMP_SOURCEQUENCH:
	case ICMP_REDIRECT: {
		struct cursor q = c;

		icmp_quote_limit(&q, type, words, cur_left(&msg));
		icmp_quote(d, q, ipv4_decode);
		break;
	}
	case ICMP_ECHOREPLY:
	case ICMP_ECHO:
		data_decode(d, c);
		break;
	case ICMP_RTRADVERT:
		if (b5 == 2) {
			if (!icmp_rtradvert(d, &c, b4))
				st |= LAYER_TRUNCATED;
		} else {
			data_decode(d, c);
		}
		break;
	case ICMP_TSTAMP:
	case ICMP_TSTAMPREPLY:
		if (!icmp_timestamp(d, &c, F_ORIG_TS) ||
		    !icmp_timestamp(d, &c, F_RECV_TS) ||
		    !icmp_timestamp(d, &c, F_XMIT_TS))
			st |= LAYER_TRUNCATED;
		break;
	case ICMP_MASKREQ:
	case ICMP_MASKREPLY:
		off = c.pos;
		if (!cur_has(&c, 4)) {
			st |= LAYER_TRUNCATED;
			break;
		}
		d_addr(d, &icmp_fields[F_MASK], off, 4, cur_ptr(&c));
		cur_skip(&c, 4);
		break;
	default:
		break;
	}
out:
	d_finish(d, c.pos, msg.end, st);
}
