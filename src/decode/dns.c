/*
 * Domain Name System: RFC 1035 (message format and name compression),
 * RFC 6891 (EDNS OPT), RFC 2782 (SRV), RFC 7873 (cookies), RFC 7871
 * (client subnet); the same wire format carries Multicast DNS (RFC 6762:
 * "QU" and cache-flush bits in the class) and LLMNR (RFC 4795: C and T
 * flags).  Over TCP a two-byte message length comes first (RFC 7766).
 *
 *  0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |                      ID                       |
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |QR|   Opcode  |AA|TC|RD|RA| Z|AD|CD|   RCODE   |
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |            QDCOUNT (zones for UPDATE)         |
 * |            ANCOUNT (prerequisites)            |
 * |            NSCOUNT (updates)                  |
 * |            ARCOUNT                            |
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * Question: QNAME, QTYPE (16), QCLASS (16)
 * Resource record: NAME, TYPE (16), CLASS (16), TTL (32), RDLENGTH (16),
 *                  RDATA (RDLENGTH bytes)
 *
 * A name is a list of labels (length byte 0..63 and the bytes) ended by a
 * zero byte, or by a pointer (two bytes, top bits 11) to a name elsewhere
 * in the message.  Names are followed through pointers with two bounds,
 * as Wireshark does: every byte looked at counts, and once more bytes were
 * looked at than the message holds the name loops; besides, at most
 * DNS_MAX_JUMPS pointers.  A name over 253 characters is "too long".
 * Names are reported raw (the field printer escapes odd bytes); the Info
 * column escapes them here as Wireshark's format_text() does.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "decoders.h"
#include "escape.h"

#define DNS_HDR		12
#define DNS_MAX_JUMPS	128
#define DNS_MAX_TEXT	253	/* longest name in text form */
#define DNS_MAX_OPTS	256	/* EDNS options decoded per OPT record */
#define DNS_MAX_TXT	256	/* strings decoded per TXT record */

#define DNS_QR		0x8000
#define DNS_AA		0x0400
#define DNS_TC		0x0200
#define DNS_RD		0x0100
#define DNS_RA		0x0080
#define DNS_Z		0x0040
#define DNS_AD		0x0020
#define DNS_CD		0x0010

#define OP_UPDATE	5

#define T_A		1
#define T_NS		2
#define T_CNAME		5
#define T_SOA		6
#define T_PTR		12
#define T_MX		15
#define T_TXT		16
#define T_AAAA		28
#define T_SRV		33
#define T_OPT		41
#define T_DS		43
#define T_SSHFP		44
#define T_CDS		59
#define T_DLV		32769

/*
 * Types tshark 4.0 decodes with fields of their own that wiretop does
 * not decode (yet): for these no dns.data is reported, as tshark reports
 * none.  Every other type not decoded here is dns.data, as in tshark.
 */
static const uint16_t dns_tshark_types[] = {
	3, 4, 7, 8, 9, 10, 11, 13, 14, 17, 18, 19, 20, 21, 22, 23, 24, 25,
	26, 27, 29, 30, 35, 36, 37, 38, 39, 42, 45, 46, 47, 48, 49, 50, 51,
	52, 55, 60, 61, 62, 63, 64, 65, 99, 104, 105, 106, 107, 108, 109,
	249, 250, 257, 0xff01, 0xff02
};

enum {
	F_LENGTH, F_ID, F_FLAGS, F_RESPONSE, F_OPCODE, F_AUTH, F_CONFLICT,
	F_TRUNC, F_RECDES, F_TENTATIVE, F_RECAVAIL, F_Z, F_AUTHENTIC,
	F_CHECKDIS, F_RCODE, F_QDCOUNT, F_ZOCOUNT, F_ANCOUNT, F_PRCOUNT,
	F_NSCOUNT, F_UPCOUNT, F_ARCOUNT, F_QNAME, F_QNAMELEN, F_LABELS,
	F_QTYPE, F_QCLASS, F_QU, F_RNAME, F_SRVSERVICE, F_SRVPROTO,
	F_SRVNAME, F_RTYPE, F_RCLASS, F_FLUSH, F_TTL, F_RDLEN, F_A, F_AAAA,
	F_NS, F_CNAME, F_PTR, F_MXPREF, F_MXNAME, F_TXTLEN, F_TXT,
	F_SOAM, F_SOAR, F_SOASERIAL, F_SOAREFRESH, F_SOARETRY, F_SOAEXPIRE,
	F_SOAMIN, F_SRVPRIO, F_SRVWEIGHT, F_SRVPORT, F_SRVTARGET, F_DATA,
	F_PAYLOAD, F_EXTRCODE, F_EDNSVER, F_RZ, F_RZDO, F_RZRSVD, F_OCODE,
	F_OLEN, F_ODATA, F_ODAU, F_ODHU, F_ON3U, F_OCFAM, F_OCMASK,
	F_OCSCOPE, F_OCADDR4, F_OCADDR6, F_OCADDR, F_OCOOKC, F_OCOOKS,
	F_OKEEP, F_OPAD, F_SSHALG, F_SSHFPT, F_SSHFP, F_DSKEY, F_DSALG,
	F_DSDIGT, F_DSDIG, F_COUNT
};

static const struct value_name dns_opcodes[] = {
	{ 0, "Standard query" },
	{ 1, "Inverse query" },
	{ 2, "Server status request" },
	{ 4, "Zone change notification" },
	{ 5, "Dynamic update" },
	{ 6, "DNS Stateful operations (DSO)" },
	{ 0, NULL }
};

static const struct value_name dns_rcodes[] = {
	{ 0, "No error" },
	{ 1, "Format error" },
	{ 2, "Server failure" },
	{ 3, "No such name" },
	{ 4, "Not implemented" },
	{ 5, "Refused" },
	{ 6, "Name exists" },
	{ 7, "RRset exists" },
	{ 8, "RRset does not exist" },
	{ 9, "Not authoritative" },
	{ 10, "Name out of zone" },
	{ 11, "DSO-Type not implemented" },
	{ 0, NULL }
};

/* Type mnemonics as Wireshark's Info column shows them. */
static const struct value_name dns_types[] = {
	{ 0, "Unused" }, { 1, "A" }, { 2, "NS" }, { 3, "MD" }, { 4, "MF" },
	{ 5, "CNAME" }, { 6, "SOA" }, { 7, "MB" }, { 8, "MG" }, { 9, "MR" },
	{ 10, "NULL" }, { 11, "WKS" }, { 12, "PTR" }, { 13, "HINFO" },
	{ 14, "MINFO" }, { 15, "MX" }, { 16, "TXT" }, { 17, "RP" },
	{ 18, "AFSDB" }, { 19, "X25" }, { 20, "ISDN" }, { 21, "RT" },
	{ 22, "NSAP" }, { 23, "NSAP-PTR" }, { 24, "SIG" }, { 25, "KEY" },
	{ 26, "PX" }, { 27, "GPOS" }, { 28, "AAAA" }, { 29, "LOC" },
	{ 30, "NXT" }, { 31, "EID" }, { 32, "NIMLOC" }, { 33, "SRV" },
	{ 34, "ATMA" }, { 35, "NAPTR" }, { 36, "KX" }, { 37, "CERT" },
	{ 38, "A6" }, { 39, "DNAME" }, { 40, "SINK" }, { 41, "OPT" },
	{ 42, "APL" }, { 43, "DS" }, { 44, "SSHFP" }, { 45, "IPSECKEY" },
	{ 46, "RRSIG" }, { 47, "NSEC" }, { 48, "DNSKEY" }, { 49, "DHCID" },
	{ 50, "NSEC3" }, { 51, "NSEC3PARAM" }, { 52, "TLSA" },
	{ 53, "SMIMEA" }, { 55, "HIP" }, { 56, "NINFO" }, { 57, "RKEY" },
	{ 58, "TALINK" }, { 59, "CDS" }, { 60, "CDNSKEY" },
	{ 61, "OPENPGPKEY" }, { 62, "CSYNC" }, { 63, "ZONEMD" },
	{ 64, "SVCB" }, { 65, "HTTPS" }, { 99, "SPF" }, { 100, "UINFO" },
	{ 101, "UID" }, { 102, "GID" }, { 103, "UNSPEC" }, { 104, "NID" },
	{ 105, "L32" }, { 106, "L64" }, { 107, "LP" }, { 108, "EUI48" },
	{ 109, "EUI64" }, { 249, "TKEY" }, { 250, "TSIG" }, { 251, "IXFR" },
	{ 252, "AXFR" }, { 253, "MAILB" }, { 254, "MAILA" }, { 255, "ANY" },
	{ 256, "URI" }, { 257, "CAA" }, { 258, "AVC" }, { 259, "DOA" },
	{ 260, "AMTRELAY" }, { 32768, "TA" }, { 32769, "DLV" },
	{ 0, NULL }
};

static const struct value_name dns_classes[] = {
	{ 1, "IN" },
	{ 3, "CH" },
	{ 4, "HS" },
	{ 254, "NONE" },
	{ 255, "ANY" },
	{ 0, NULL }
};

static const struct field_def dns_fields[] = {
	[F_LENGTH] = { "dns.length", "Length", FT_UINT, BASE_DEC, 16 },
	[F_ID] = { "dns.id", "Transaction ID", FT_UINT, BASE_HEX, 16 },
	[F_FLAGS] = { "dns.flags", "Flags", FT_UINT, BASE_HEX, 16 },
	[F_RESPONSE] = { "dns.flags.response", "Response", FT_BOOL, 0, 16 },
	[F_OPCODE] = { "dns.flags.opcode", "Opcode", FT_UINT, BASE_DEC, 16,
	    .vals = dns_opcodes },
	[F_AUTH] = { "dns.flags.authoritative", "Authoritative", FT_BOOL, 0,
	    16 },
	[F_CONFLICT] = { "dns.flags.conflict", "Conflict", FT_BOOL, 0, 16 },
	[F_TRUNC] = { "dns.flags.truncated", "Truncated", FT_BOOL, 0, 16 },
	[F_RECDES] = { "dns.flags.recdesired", "Recursion desired", FT_BOOL,
	    0, 16 },
	[F_TENTATIVE] = { "dns.flags.tentative", "Tentative", FT_BOOL, 0,
	    16 },
	[F_RECAVAIL] = { "dns.flags.recavail", "Recursion available",
	    FT_BOOL, 0, 16 },
	[F_Z] = { "dns.flags.z", "Z", FT_BOOL, 0, 16 },
	[F_AUTHENTIC] = { "dns.flags.authenticated", "Answer authenticated",
	    FT_BOOL, 0, 16 },
	[F_CHECKDIS] = { "dns.flags.checkdisable", "Non-authenticated data",
	    FT_BOOL, 0, 16 },
	[F_RCODE] = { "dns.flags.rcode", "Reply code", FT_UINT, BASE_DEC, 16,
	    .vals = dns_rcodes },
	[F_QDCOUNT] = { "dns.count.queries", "Questions", FT_UINT, BASE_DEC,
	    16 },
	[F_ZOCOUNT] = { "dns.count.zones", "Zones", FT_UINT, BASE_DEC, 16 },
	[F_ANCOUNT] = { "dns.count.answers", "Answer RRs", FT_UINT, BASE_DEC,
	    16 },
	[F_PRCOUNT] = { "dns.count.prerequisites", "Prerequisites", FT_UINT,
	    BASE_DEC, 16 },
	[F_NSCOUNT] = { "dns.count.auth_rr", "Authority RRs", FT_UINT,
	    BASE_DEC, 16 },
	[F_UPCOUNT] = { "dns.count.updates", "Updates", FT_UINT, BASE_DEC,
	    16 },
	[F_ARCOUNT] = { "dns.count.add_rr", "Additional RRs", FT_UINT,
	    BASE_DEC, 16 },
	[F_QNAME] = { "dns.qry.name", "Name", FT_STRING, 0, 0 },
	[F_QNAMELEN] = { "dns.qry.name.len", "Name Length", FT_UINT,
	    BASE_DEC, 16 },
	[F_LABELS] = { "dns.count.labels", "Label Count", FT_UINT, BASE_DEC,
	    16 },
	[F_QTYPE] = { "dns.qry.type", "Type", FT_UINT, BASE_DEC, 16 },
	[F_QCLASS] = { "dns.qry.class", "Class", FT_UINT, BASE_HEX, 16,
	    .vals = dns_classes },
	[F_QU] = { "dns.qry.qu", "\"QU\" question", FT_BOOL, 0, 16 },
	[F_RNAME] = { "dns.resp.name", "Name", FT_STRING, 0, 0 },
	[F_SRVSERVICE] = { "dns.srv.service", "Service", FT_STRING, 0, 0 },
	[F_SRVPROTO] = { "dns.srv.proto", "Protocol", FT_STRING, 0, 0 },
	[F_SRVNAME] = { "dns.srv.name", "Name", FT_STRING, 0, 0 },
	[F_RTYPE] = { "dns.resp.type", "Type", FT_UINT, BASE_DEC, 16 },
	[F_RCLASS] = { "dns.resp.class", "Class", FT_UINT, BASE_HEX, 16,
	    .vals = dns_classes },
	[F_FLUSH] = { "dns.resp.cache_flush", "Cache flush", FT_BOOL, 0, 16 },
	[F_TTL] = { "dns.resp.ttl", "Time to live", FT_UINT, BASE_DEC, 32 },
	[F_RDLEN] = { "dns.resp.len", "Data length", FT_UINT, BASE_DEC, 16 },
	[F_A] = { "dns.a", "Address", FT_IPV4, 0, 0 },
	[F_AAAA] = { "dns.aaaa", "AAAA Address", FT_IPV6, 0, 0 },
	[F_NS] = { "dns.ns", "Name Server", FT_STRING, 0, 0 },
	[F_CNAME] = { "dns.cname", "CNAME", FT_STRING, 0, 0 },
	[F_PTR] = { "dns.ptr.domain_name", "Domain Name", FT_STRING, 0, 0 },
	[F_MXPREF] = { "dns.mx.preference", "Preference", FT_UINT, BASE_DEC,
	    16 },
	[F_MXNAME] = { "dns.mx.mail_exchange", "Mail Exchange", FT_STRING, 0,
	    0 },
	[F_TXTLEN] = { "dns.txt.length", "TXT Length", FT_UINT, BASE_DEC, 8 },
	[F_TXT] = { "dns.txt", "TXT", FT_STRING, 0, 0 },
	[F_SOAM] = { "dns.soa.mname", "Primary name server", FT_STRING, 0,
	    0 },
	[F_SOAR] = { "dns.soa.rname", "Responsible authority's mailbox",
	    FT_STRING, 0, 0 },
	[F_SOASERIAL] = { "dns.soa.serial_number", "Serial Number", FT_UINT,
	    BASE_DEC, 32 },
	[F_SOAREFRESH] = { "dns.soa.refresh_interval", "Refresh Interval",
	    FT_UINT, BASE_DEC, 32 },
	[F_SOARETRY] = { "dns.soa.retry_interval", "Retry Interval", FT_UINT,
	    BASE_DEC, 32 },
	[F_SOAEXPIRE] = { "dns.soa.expire_limit", "Expire limit", FT_UINT,
	    BASE_DEC, 32 },
	[F_SOAMIN] = { "dns.soa.minimum_ttl", "Minimum TTL", FT_UINT,
	    BASE_DEC, 32 },
	[F_SRVPRIO] = { "dns.srv.priority", "Priority", FT_UINT, BASE_DEC,
	    16 },
	[F_SRVWEIGHT] = { "dns.srv.weight", "Weight", FT_UINT, BASE_DEC, 16 },
	[F_SRVPORT] = { "dns.srv.port", "Port", FT_UINT, BASE_DEC, 16 },
	[F_SRVTARGET] = { "dns.srv.target", "Target", FT_STRING, 0, 0 },
	[F_DATA] = { "dns.data", "Data", FT_BYTES, 0, 0 },
	/* tshark prints the non-mDNS payload size in decimal. */
	[F_PAYLOAD] = { "dns.rr.udp_payload_size", "UDP payload size",
	    FT_UINT, BASE_DEC, 16 },
	[F_EXTRCODE] = { "dns.resp.ext_rcode", "Higher bits in extended RCODE",
	    FT_UINT, BASE_HEX, 8 },
	[F_EDNSVER] = { "dns.resp.edns0_version", "EDNS0 version", FT_UINT,
	    BASE_DEC, 8 },
	[F_RZ] = { "dns.resp.z", "Z", FT_UINT, BASE_HEX, 16 },
	[F_RZDO] = { "dns.resp.z.do", "DO bit", FT_BOOL, 0, 16 },
	[F_RZRSVD] = { "dns.resp.z.reserved", "Reserved", FT_UINT, BASE_HEX,
	    16 },
	[F_OCODE] = { "dns.opt.code", "Option Code", FT_UINT, BASE_DEC, 16 },
	[F_OLEN] = { "dns.opt.len", "Option Length", FT_UINT, BASE_DEC, 16 },
	[F_ODATA] = { "dns.opt.data", "Option Data", FT_BYTES, 0, 0 },
	[F_ODAU] = { "dns.opt.dau", "DAU", FT_UINT, BASE_DEC, 8 },
	[F_ODHU] = { "dns.opt.dhu", "DHU", FT_UINT, BASE_DEC, 8 },
	[F_ON3U] = { "dns.opt.n3u", "N3U", FT_UINT, BASE_DEC, 8 },
	[F_OCFAM] = { "dns.opt.client.family", "Family", FT_UINT, BASE_DEC,
	    16 },
	[F_OCMASK] = { "dns.opt.client.netmask", "Source Netmask", FT_UINT,
	    BASE_DEC, 8 },
	[F_OCSCOPE] = { "dns.opt.client.scope", "Scope Netmask", FT_UINT,
	    BASE_DEC, 8 },
	[F_OCADDR4] = { "dns.opt.client.addr4", "Client Subnet", FT_IPV4, 0,
	    0 },
	[F_OCADDR6] = { "dns.opt.client.addr6", "Client Subnet", FT_IPV6, 0,
	    0 },
	[F_OCADDR] = { "dns.opt.client.addr", "Client Subnet", FT_BYTES, 0,
	    0 },
	[F_OCOOKC] = { "dns.opt.cookie.client", "Client Cookie", FT_BYTES, 0,
	    0 },
	[F_OCOOKS] = { "dns.opt.cookie.server", "Server Cookie", FT_BYTES, 0,
	    0 },
	[F_OKEEP] = { "dns.opt.edns_tcp_keepalive.timeout", "Timeout",
	    FT_UINT, BASE_DEC, 16 },
	[F_OPAD] = { "dns.opt.padding", "Padding", FT_BYTES, 0, 0 },
	[F_SSHALG] = { "dns.sshfp.algorithm", "Algorithm", FT_UINT, BASE_DEC,
	    8 },
	[F_SSHFPT] = { "dns.sshfp.fingerprint.type", "Fingerprint type",
	    FT_UINT, BASE_DEC, 8 },
	[F_SSHFP] = { "dns.sshfp.fingerprint", "Fingerprint", FT_BYTES, 0,
	    0 },
	[F_DSKEY] = { "dns.ds.key_id", "Key id", FT_UINT, BASE_HEX, 16 },
	[F_DSALG] = { "dns.ds.algorithm", "Algorithm", FT_UINT, BASE_DEC, 8 },
	[F_DSDIGT] = { "dns.ds.digest_type", "Digest Type", FT_UINT, BASE_DEC,
	    8 },
	[F_DSDIG] = { "dns.ds.digest", "Digest", FT_BYTES, 0, 0 },
};
_Static_assert(sizeof dns_fields / sizeof dns_fields[0] == F_COUNT,
    "dns_fields: one entry per field id");
const struct field_table dns_field_table = { dns_fields, F_COUNT };

/* A type mnemonic, or "Unknown (n)" in buf. */
static const char *
dns_type_name(unsigned type, char *buf, size_t size)
{
	return field_value_name_buf(dns_types, type, buf, size);
}

/* One message being decoded: the DNS layer's shared state. */
struct dns_msg {
	struct dissect	*d;
	struct cursor	 m;		/* the whole message */
	bool		 mdns;
	int		 status;	/* LAYER_* so far */
};

/* A decoded name. */
struct dns_name {
	char		 text[DNS_MAX_TEXT + 1];	/* raw, NUL-ended */
	size_t		 len;		/* strlen(text) */
	size_t		 wire;		/* bytes at the name's own place */
	unsigned	 labels;	/* dots + 1, as Wireshark counts */
};

/* The status to use when the message ends before its fields do. */
static int
dns_cut(const struct dns_msg *dm)
{
	/* With the whole frame captured, running out is a contradiction. */
	return dm->d->caplen < dm->d->wirelen ? LAYER_TRUNCATED :
	    LAYER_MALFORMED;
}

/* Replace a name by one of Wireshark's placeholders. */
static void
dns_name_special(struct dns_name *n, const char *s, unsigned labels)
{
	snprintf(n->text, sizeof n->text, "%s", s);
	n->len = strlen(n->text);
	n->labels = labels;
}

/* Append s to a name's text at used; returns the new length. */
static size_t
dns_text_put(struct dns_name *n, size_t used, bool *toolong, const char *s)
{
	for (; *s != '\0'; s++) {
		if (used < DNS_MAX_TEXT)
			n->text[used++] = *s;
		else
			*toolong = true;
	}
	return used;
}

/*
 * Read the name at absolute offset off.  Returns 0, or the LAYER_* status
 * if the name runs out of the message or uses a reserved label type.
 */
static int
dns_name_read(const struct dns_msg *dm, size_t off, struct dns_name *n)
{
	struct cursor c = dm->m;
	size_t msgsize = cur_left(&dm->m), done = 0, used = 0, i;
	bool jumped = false, toolong = false;
	int jumps = 0;
	uint8_t len, lo;
	size_t k;
	char hex[8];

	memset(n, 0, sizeof *n);
	if (off < c.pos || off > c.end)
		return dns_cut(dm);
	c.pos = off;
	for (;;) {
		if (!cur_u8(&c, &len))
			return dns_cut(dm);
		if (len == 0)
			break;
		done++;
		switch (len & 0xc0) {
		case 0x00:
			if (!cur_has(&c, len))
				return dns_cut(dm);
			if (used > 0) {
				if (used < DNS_MAX_TEXT)
					n->text[used++] = '.';
				else
					toolong = true;
			}
			for (i = 0; i < len; i++) {
				if (used < DNS_MAX_TEXT)
					n->text[used++] = (char)c.frame[c.pos];
				else
					toolong = true;
				c.pos++;
			}
			done += len;
			break;
		case 0x40:
			/* Extended label types (RFC 6891 retired them);
			   Wireshark still shows RFC 2673 bit-string labels
			   as \[x<hex>/<bits>]. */
			if ((len & 0x3f) == 1) {
				if (!cur_u8(&c, &lo))
					return dns_cut(dm);
				if (lo == 0)
					return LAYER_MALFORMED;
				k = ((size_t)lo - 1) / 8 + 1;
				if (!cur_has(&c, k))
					return dns_cut(dm);
				used = dns_text_put(n, used, &toolong, "\\[x");
				for (i = 0; i < k; i++) {
					snprintf(hex, sizeof hex, "%02x",
					    c.frame[c.pos + i]);
					used = dns_text_put(n, used, &toolong,
					    hex);
				}
				snprintf(hex, sizeof hex, "/%u]", lo);
				used = dns_text_put(n, used, &toolong, hex);
				c.pos += k;
				done += 1 + k;
				break;
			}
			if (!jumped)
				n->wire = c.pos - off;
			dns_name_special(n, "<Unknown extended label>", 1);
			return 0;
		case 0x80:
			return LAYER_MALFORMED;
		default:
			if (!cur_u8(&c, &lo))
				return dns_cut(dm);
			done++;
			if (!jumped)
				n->wire = c.pos - off;
			jumped = true;
			if (done >= msgsize || ++jumps > DNS_MAX_JUMPS) {
				dns_name_special(n,
				    "<Name contains a pointer that loops>", 1);
				return 0;
			}
			c.pos = dm->m.pos + ((size_t)(len & 0x3f) << 8 | lo);
			if (c.pos > c.end)
				return dns_cut(dm);
			break;
		}
	}
	if (!jumped)
		n->wire = c.pos - off;
	n->text[used] = '\0';
	if (toolong) {
		dns_name_special(n, "<Name too long>", 1);
		return 0;
	}
	if (used == 0) {
		dns_name_special(n, "<Root>", 1);
		return 0;
	}
	n->len = used;
	n->labels = 1;
	for (i = 0; i < used; i++)
		if (n->text[i] == '.')
			n->labels++;
	return 0;
}

/* The size of a name's shown text: the escaping grows a byte to at most
   ESCAPE_MAX_GROWTH. */
#define DNS_SHOWN_SIZE	(DNS_MAX_TEXT * ESCAPE_MAX_GROWTH + 1)

/* A name as it is shown (Info, tree texts): escaped, never raw. */
static const char *
dns_shown(const struct dns_name *n, char *buf, size_t size)
{
	escape_text(buf, size, n->text, n->len);
	return buf;
}

/* Append " <escaped name>" to the Info column. */
static void
dns_info_name(struct dissect *d, const struct dns_name *n)
{
	char buf[DNS_SHOWN_SIZE];

	if (!d->want_info)
		return;
	d_info_append(d, " %s", dns_shown(n, buf, sizeof buf));
}

/* Report a name-valued field. */
static void
dns_name_field(struct dissect *d, int f, size_t off,
    const struct dns_name *n)
{
	d_string(d, &dns_fields[f], off, n->wire, n->text, n->len);
}

/* Decode the flags word (LLMNR gives three bits other meanings). */
static void
dns_flags(struct dissect *d, enum proto_id proto, size_t off, uint16_t fl)
{
	bool resp = fl & DNS_QR;

	d_uint(d, &dns_fields[F_FLAGS], off, 2, fl, NULL);
	d_push(d);
	d_bool(d, &dns_fields[F_RESPONSE], off, 2, resp,
	    resp ? "Message is a response" : "Message is a query");
	d_uint(d, &dns_fields[F_OPCODE], off, 2, (fl >> 11) & 0xf,
	    field_value_name(dns_opcodes, (fl >> 11) & 0xf));
	if (proto == P_LLMNR) {
		d_bool(d, &dns_fields[F_CONFLICT], off, 2, fl & DNS_AA, NULL);
		d_bool(d, &dns_fields[F_TRUNC], off, 2, fl & DNS_TC, NULL);
		d_bool(d, &dns_fields[F_TENTATIVE], off, 2, fl & DNS_RD,
		    NULL);
	} else {
		if (resp)
			d_bool(d, &dns_fields[F_AUTH], off, 2, fl & DNS_AA,
			    NULL);
		d_bool(d, &dns_fields[F_TRUNC], off, 2, fl & DNS_TC, NULL);
		d_bool(d, &dns_fields[F_RECDES], off, 2, fl & DNS_RD, NULL);
		if (resp)
			d_bool(d, &dns_fields[F_RECAVAIL], off, 2,
			    fl & DNS_RA, NULL);
		d_bool(d, &dns_fields[F_Z], off, 2, fl & DNS_Z, NULL);
		/* In a query the AD bit shows only when set (RFC 6840). */
		if (resp || (fl & DNS_AD))
			d_bool(d, &dns_fields[F_AUTHENTIC], off, 2,
			    fl & DNS_AD, NULL);
		d_bool(d, &dns_fields[F_CHECKDIS], off, 2, fl & DNS_CD, NULL);
	}
	if (resp)
		d_uint(d, &dns_fields[F_RCODE], off, 2, fl & 0xf,
		    field_value_name(dns_rcodes, fl & 0xf));
	d_pop(d);
}

/* One question; returns false (status set) if it could not be read. */
static bool
dns_question(struct dns_msg *dm, struct cursor *c)
{
	struct dissect *d = dm->d;
	struct dns_name n;
	size_t off = c->pos;
	uint16_t type, cls;
	const char *tn, *cn;
	char tbuf[24], shown[DNS_SHOWN_SIZE];
	int st;

	if ((st = dns_name_read(dm, off, &n)) != 0) {
		dm->status |= st;
		return false;
	}
	if (!cur_skip(c, n.wire) || !cur_be16(c, &type) ||
	    !cur_be16(c, &cls)) {
		dm->status |= dns_cut(dm);
		return false;
	}
	tn = dns_type_name(type, tbuf, sizeof tbuf);
	if (d->want_info) {
		d_info_append(d, " %s", tn);
		dns_info_name(d, &n);
		if (dm->mdns)
			d_info_append(d, ", \"%s\" question",
			    cls & 0x8000 ? "QU" : "QM");
	}
	cn = field_value_name(dns_classes, dm->mdns ? cls & 0x7fff : cls);
	d_text(d, off, c->pos - off, "%s: type %s, class %s",
	    dns_shown(&n, shown, sizeof shown), tn, cn != NULL ? cn : "Unknown");
	d_push(d);
	dns_name_field(d, F_QNAME, off, &n);
	d_uint(d, &dns_fields[F_QNAMELEN], off, n.wire, n.len, NULL);
	d_uint(d, &dns_fields[F_LABELS], off, n.wire, n.labels, NULL);
	d_uint(d, &dns_fields[F_QTYPE], off + n.wire, 2, type, tn);
	if (dm->mdns) {
		d_uint(d, &dns_fields[F_QCLASS], off + n.wire + 2, 2,
		    cls & 0x7fff, NULL);
		d_bool(d, &dns_fields[F_QU], off + n.wire + 2, 2, cls & 0x8000,
		    NULL);
	} else
		d_uint(d, &dns_fields[F_QCLASS], off + n.wire + 2, 2, cls,
		    field_value_name(dns_classes, cls));
	d_pop(d);
	return true;
}

/* Split an SRV owner name into service, protocol and the rest. */
static void
dns_srv_owner(struct dissect *d, size_t off, const struct dns_name *n)
{
	const char *s = n->text, *dot1, *dot2;
	size_t len = n->len;

	dot1 = memchr(s, '.', len);
	if (dot1 == NULL) {
		d_string(d, &dns_fields[F_SRVSERVICE], off, n->wire, s, len);
		return;
	}
	d_string(d, &dns_fields[F_SRVSERVICE], off, n->wire, s,
	    (size_t)(dot1 - s));
	dot1++;
	dot2 = memchr(dot1, '.', len - (size_t)(dot1 - s));
	if (dot2 == NULL) {
		d_string(d, &dns_fields[F_SRVPROTO], off, n->wire, dot1,
		    len - (size_t)(dot1 - s));
		return;
	}
	d_string(d, &dns_fields[F_SRVPROTO], off, n->wire, dot1,
	    (size_t)(dot2 - dot1));
	dot2++;
	d_string(d, &dns_fields[F_SRVNAME], off, n->wire, dot2,
	    len - (size_t)(dot2 - s));
}

/* The options of an OPT record (r is exactly its RDATA). */
static void
dns_opt_options(struct dns_msg *dm, struct cursor r)
{
	struct dissect *d = dm->d;
	uint16_t code, len, v16;
	uint8_t v8, a[16];
	int i;
	size_t k;

	for (i = 0; i < DNS_MAX_OPTS && cur_left(&r) > 0; i++) {
		size_t at = r.pos;
		struct cursor o;

		if (!cur_be16(&r, &code) || !cur_be16(&r, &len)) {
			dm->status |= LAYER_MALFORMED;
			return;
		}
		d_text(d, at, 4 + (cur_has(&r, len) ? len : cur_left(&r)),
		    "Option: %u", code);
		d_push(d);
		d_uint(d, &dns_fields[F_OCODE], at, 2, code, NULL);
		d_uint(d, &dns_fields[F_OLEN], at + 2, 2, len, NULL);
		if (!cur_has(&r, len)) {
			d_pop(d);
			dm->status |= dns_cut(dm);
			return;
		}
		o = cur_sub(&r, len, NULL);
		d_bytes(d, &dns_fields[F_ODATA], o.pos, len);
		switch (code) {
		case 5: case 6: case 7:
			while (cur_u8(&o, &v8))
				d_uint(d, &dns_fields[code == 5 ? F_ODAU :
				    code == 6 ? F_ODHU : F_ON3U], o.pos - 1, 1,
				    v8, NULL);
			break;
		case 8:
			if (!cur_be16(&o, &v16))
				break;
			d_uint(d, &dns_fields[F_OCFAM], o.pos - 2, 2, v16,
			    NULL);
			if (!cur_u8(&o, &v8))
				break;
			d_uint(d, &dns_fields[F_OCMASK], o.pos - 1, 1, v8,
			    NULL);
			if (!cur_u8(&o, &v8))
				break;
			d_uint(d, &dns_fields[F_OCSCOPE], o.pos - 1, 1, v8,
			    NULL);
			k = cur_left(&o);
			memset(a, 0, sizeof a);
			if (v16 == 1 && k <= 4) {
				cur_bytes(&o, a, k);
				d_addr(d, &dns_fields[F_OCADDR4], o.pos - k, k,
				    a);
			} else if (v16 == 2 && k <= 16) {
				cur_bytes(&o, a, k);
				d_addr(d, &dns_fields[F_OCADDR6], o.pos - k, k,
				    a);
			} else
				d_bytes(d, &dns_fields[F_OCADDR], o.pos, k);
			break;
		case 10:
			if (len < 8)
				break;
			d_bytes(d, &dns_fields[F_OCOOKC], o.pos, 8);
			d_bytes(d, &dns_fields[F_OCOOKS], o.pos + 8,
			    (size_t)len - 8);
			break;
		case 11:
			if (cur_be16(&o, &v16))
				d_uint(d, &dns_fields[F_OKEEP], o.pos - 2, 2,
				    v16, NULL);
			break;
		case 12:
			d_bytes(d, &dns_fields[F_OPAD], o.pos, len);
			break;
		default:
			break;
		}
		d_pop(d);
		cur_skip(&r, len);
	}
}

/* The RDATA of a record whose fields tshark decodes; r is exactly it. */
static void
dns_rdata(struct dns_msg *dm, unsigned type, struct cursor r)
{
	struct dissect *d = dm->d;
	struct dns_name n, n2;
	size_t start = r.pos, k;
	uint8_t a[16], tl;
	uint16_t v[3];
	uint32_t u[5];
	int st, i;

	switch (type) {
	case T_A:
	case T_AAAA:
		k = type == T_A ? 4 : 16;
		if (!cur_bytes(&r, a, k)) {
			dm->status |= LAYER_MALFORMED;
			return;
		}
		d_addr(d, &dns_fields[type == T_A ? F_A : F_AAAA], start, k, a);
		if (d->want_info) {
			char buf[64];

			addr_format(type == T_A ? FT_IPV4 : FT_IPV6, a, buf,
			    sizeof buf);
			d_info_append(d, " %s", buf);
		}
		return;
	case T_NS:
	case T_CNAME:
	case T_PTR:
		if ((st = dns_name_read(dm, start, &n)) != 0) {
			dm->status |= st;
			return;
		}
		dns_name_field(d, type == T_NS ? F_NS : type == T_CNAME ?
		    F_CNAME : F_PTR, start, &n);
		dns_info_name(d, &n);
		return;
	case T_MX:
		if (!cur_be16(&r, &v[0])) {
			dm->status |= LAYER_MALFORMED;
			return;
		}
		d_uint(d, &dns_fields[F_MXPREF], start, 2, v[0], NULL);
		if ((st = dns_name_read(dm, r.pos, &n)) != 0) {
			dm->status |= st;
			return;
		}
		dns_name_field(d, F_MXNAME, r.pos, &n);
		d_info_append(d, " %u", v[0]);
		dns_info_name(d, &n);
		return;
	case T_SOA:
		if ((st = dns_name_read(dm, r.pos, &n)) != 0) {
			dm->status |= st;
			return;
		}
		dns_name_field(d, F_SOAM, r.pos, &n);
		dns_info_name(d, &n);
		cur_skip(&r, n.wire);
		if ((st = dns_name_read(dm, r.pos, &n2)) != 0) {
			dm->status |= st;
			return;
		}
		dns_name_field(d, F_SOAR, r.pos, &n2);
		if (!cur_skip(&r, n2.wire)) {
			dm->status |= LAYER_MALFORMED;
			return;
		}
		for (i = 0; i < 5; i++) {
			if (!cur_be32(&r, &u[i])) {
				dm->status |= LAYER_MALFORMED;
				return;
			}
			d_uint(d, &dns_fields[F_SOASERIAL + i], r.pos - 4, 4,
			    u[i], NULL);
		}
		return;
	case T_TXT:
		for (i = 0; i < DNS_MAX_TXT && cur_u8(&r, &tl); i++) {
			d_uint(d, &dns_fields[F_TXTLEN], r.pos - 1, 1, tl, NULL);
			if (!cur_has(&r, tl)) {
				dm->status |= LAYER_MALFORMED;
				return;
			}
			d_string(d, &dns_fields[F_TXT], r.pos, tl,
			    (const char *)cur_ptr(&r), tl);
			cur_skip(&r, tl);
		}
		return;
	case T_SRV:
		for (i = 0; i < 3; i++) {
			if (!cur_be16(&r, &v[i])) {
				dm->status |= LAYER_MALFORMED;
				return;
			}
			d_uint(d, &dns_fields[F_SRVPRIO + i], r.pos - 2, 2,
			    v[i], NULL);
		}
		if ((st = dns_name_read(dm, r.pos, &n)) != 0) {
			dm->status |= st;
			return;
		}
		dns_name_field(d, F_SRVTARGET, r.pos, &n);
		d_info_append(d, " %u %u %u", v[0], v[1], v[2]);
		dns_info_name(d, &n);
		return;
	case T_OPT:
		dns_opt_options(dm, r);
		return;
	case T_SSHFP:
		if (!cur_u8(&r, &a[0]) || !cur_u8(&r, &a[1])) {
			dm->status |= LAYER_MALFORMED;
			return;
		}
		d_uint(d, &dns_fields[F_SSHALG], start, 1, a[0], NULL);
		d_uint(d, &dns_fields[F_SSHFPT], start + 1, 1, a[1], NULL);
		d_bytes(d, &dns_fields[F_SSHFP], r.pos, cur_left(&r));
		return;
	case T_DS:
	case T_CDS:
	case T_DLV:
		if (!cur_be16(&r, &v[0]) || !cur_u8(&r, &a[0]) ||
		    !cur_u8(&r, &a[1])) {
			dm->status |= LAYER_MALFORMED;
			return;
		}
		d_uint(d, &dns_fields[F_DSKEY], start, 2, v[0], NULL);
		d_uint(d, &dns_fields[F_DSALG], start + 2, 1, a[0], NULL);
		d_uint(d, &dns_fields[F_DSDIGT], start + 3, 1, a[1], NULL);
		d_bytes(d, &dns_fields[F_DSDIG], r.pos, cur_left(&r));
		return;
	default:
		for (k = 0; k < sizeof dns_tshark_types /
		    sizeof dns_tshark_types[0]; k++)
			if (dns_tshark_types[k] == type)
				return;
		d_bytes(d, &dns_fields[F_DATA], start, cur_left(&r));
		return;
	}
}

/* One resource record; returns false (status set) to stop the message. */
static bool
dns_rr(struct dns_msg *dm, struct cursor *c)
{
	struct dissect *d = dm->d;
	struct dns_name n;
	size_t off = c->pos, at, span;
	uint16_t type, cls, rdlen;
	uint32_t ttl;
	const char *tn, *cn;
	char tbuf[24], shown[DNS_SHOWN_SIZE];
	struct cursor r;
	bool flush;
	int st;

	if ((st = dns_name_read(dm, off, &n)) != 0) {
		dm->status |= st;
		return false;
	}
	if (!cur_skip(c, n.wire) || !cur_be16(c, &type) ||
	    !cur_be16(c, &cls) || !cur_be32(c, &ttl) ||
	    !cur_be16(c, &rdlen)) {
		dm->status |= dns_cut(dm);
		return false;
	}
	at = off + n.wire;
	flush = dm->mdns && type != T_OPT && (cls & 0x8000);
	tn = dns_type_name(type, tbuf, sizeof tbuf);
	cn = field_value_name(dns_classes, flush ? cls & 0x7fff : cls);
	d_info_append(d, " %s%s", tn, flush ? ", cache flush" : "");
	/* The record's extent in the tree, within the captured bytes. */
	span = c->pos - off + (cur_has(c, rdlen) ? rdlen : cur_left(c));
	if (type == T_OPT)
		d_text(d, off, span, "%s: type %s",
		    dns_shown(&n, shown, sizeof shown), tn);
	else
		d_text(d, off, span, "%s: type %s, class %s",
		    dns_shown(&n, shown, sizeof shown), tn,
		    cn != NULL ? cn : "Unknown");
	d_push(d);
	if (type == T_SRV)
		dns_srv_owner(d, off, &n);
	else
		dns_name_field(d, F_RNAME, off, &n);
	d_uint(d, &dns_fields[F_RTYPE], at, 2, type, tn);
	if (type == T_OPT) {
		d_uint(d, &dns_fields[F_PAYLOAD], at + 2, 2, cls, NULL);
		d_uint(d, &dns_fields[F_EXTRCODE], at + 4, 1, ttl >> 24, NULL);
		d_uint(d, &dns_fields[F_EDNSVER], at + 5, 1, (ttl >> 16) & 0xff,
		    NULL);
		d_uint(d, &dns_fields[F_RZ], at + 6, 2, ttl & 0xffff, NULL);
		d_push(d);
		d_bool(d, &dns_fields[F_RZDO], at + 6, 2, ttl & 0x8000, NULL);
		d_uint(d, &dns_fields[F_RZRSVD], at + 6, 2, ttl & 0x7fff, NULL);
		d_pop(d);
	} else {
		if (dm->mdns) {
			d_uint(d, &dns_fields[F_RCLASS], at + 2, 2,
			    cls & 0x7fff, cn);
			d_bool(d, &dns_fields[F_FLUSH], at + 2, 2,
			    cls & 0x8000, NULL);
		} else
			d_uint(d, &dns_fields[F_RCLASS], at + 2, 2, cls, cn);
		d_uint(d, &dns_fields[F_TTL], at + 4, 4, ttl, NULL);
	}
	d_uint(d, &dns_fields[F_RDLEN], at + 8, 2, rdlen, NULL);
	if (!cur_has(c, rdlen)) {
		d_text(d, c->pos, 0, "[truncated]");
		d_pop(d);
		dm->status |= dns_cut(dm);
		return false;
	}
	r = cur_sub(c, rdlen, NULL);
	if (rdlen > 0)
		dns_rdata(dm, type, r);
	d_pop(d);
	cur_skip(c, rdlen);
	return dm->status == LAYER_OK;
}

/* Decode a DNS, mDNS or LLMNR message (with its TCP length prefix). */
void
dns_decode(struct dissect *d, enum proto_id proto, bool over_tcp,
    struct cursor c)
{
	static const char *const sect[2][4] = {
		{ "Queries", "Answers", "Authoritative nameservers",
		    "Additional records" },
		{ "Zone", "Prerequisites", "Updates", "Additional records" }
	};
	struct dns_msg dm;
	uint16_t id, fl, cnt[4], len;
	size_t hdr;
	const char *op;
	unsigned opcode, i;
	int s;
	bool upd;

	if (!d_open(d, proto, c.pos))
		return;
	/* The capture pass only counts the protocol: names are costly.  So
	   does a sink taking no DNS field (no other layer nests in DNS). */
	if (!d->want_info && !d_want_table(d, &dns_field_table)) {
		d_close(d, c.end, LAYER_OK);
		return;
	}
	memset(&dm, 0, sizeof dm);
	dm.d = d;
	dm.mdns = proto == P_MDNS;
	if (over_tcp) {
		if (!cur_be16(&c, &len)) {
			d_text(d, c.pos, 0, "[truncated]");
			d_close(d, c.end, LAYER_TRUNCATED);
			return;
		}
		d_uint(d, &dns_fields[F_LENGTH], c.pos - 2, 2, len, NULL);
		cur_limit(&c, len);
	}
	dm.m = c;
	hdr = c.pos;
	if (!cur_has(&c, DNS_HDR)) {
		/* Report what there is of the header. */
		if (cur_be16(&c, &id)) {
			d_uint(d, &dns_fields[F_ID], hdr, 2, id, NULL);
			if (cur_be16(&c, &fl))
				dns_flags(d, proto, hdr + 2, fl);
		}
		d_text(d, c.pos, 0, "[truncated]");
		d_close(d, c.end, dns_cut(&dm));
		return;
	}
	cur_be16(&c, &id);
	cur_be16(&c, &fl);
	for (i = 0; i < 4; i++)
		cur_be16(&c, &cnt[i]);
	opcode = (fl >> 11) & 0xf;
	upd = opcode == OP_UPDATE;

	if (d->want_info) {
		op = field_value_name(dns_opcodes, opcode);
		if (op != NULL)
			d_info(d, "%s%s 0x%04x", op,
			    fl & DNS_QR ? " response" : "", id);
		else
			d_info(d, "Unknown operation (%u)%s 0x%04x", opcode,
			    fl & DNS_QR ? " response" : "", id);
		if ((fl & DNS_QR) && (fl & 0xf) != 0) {
			op = field_value_name(dns_rcodes, fl & 0xf);
			if (op != NULL)
				d_info_append(d, " %s", op);
			else
				d_info_append(d, " Unknown error (%u)",
				    fl & 0xf);
		}
	}
	d_uint(d, &dns_fields[F_ID], hdr, 2, id, NULL);
	dns_flags(d, proto, hdr + 2, fl);
	d_uint(d, &dns_fields[upd ? F_ZOCOUNT : F_QDCOUNT], hdr + 4, 2,
	    cnt[0], NULL);
	d_uint(d, &dns_fields[upd ? F_PRCOUNT : F_ANCOUNT], hdr + 6, 2,
	    cnt[1], NULL);
	d_uint(d, &dns_fields[upd ? F_UPCOUNT : F_NSCOUNT], hdr + 8, 2,
	    cnt[2], NULL);
	d_uint(d, &dns_fields[F_ARCOUNT], hdr + 10, 2, cnt[3], NULL);

	/* Each record takes at least 5 bytes, so the loops end with the
	   message whatever the counts say. */
	for (s = 0; s < 4 && dm.status == LAYER_OK; s++) {
		if (cnt[s] == 0)
			continue;
		d_text(d, c.pos, 0, "%s", sect[upd][s]);
		d_push(d);
		for (i = 0; i < cnt[s]; i++) {
			if (cur_left(&c) == 0) {
				dm.status |= dns_cut(&dm);
				break;
			}
			if (s == 0 ? !dns_question(&dm, &c) : !dns_rr(&dm, &c))
				break;
		}
		d_pop(d);
	}
	if (dm.status & LAYER_MALFORMED)
		d_malformed(d, c.pos, 0, "record past the message or "
		    "bad name");
	else if (dm.status & LAYER_TRUNCATED)
		d_text(d, c.pos, 0, "[truncated]");
	d_close(d, c.end, dm.status);
}
