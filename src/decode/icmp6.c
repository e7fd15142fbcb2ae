/*
 * ICMPv6: Internet Control Message Protocol for IPv6.
 *
 * RFC 4443 (base), RFC 4861 (neighbour discovery), RFC 2710 / RFC 3810
 * (MLD v1 / v2), RFC 8335 (extended echo: names only).
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |     Code      |          Checksum             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                         Message Body                          |
 *
 * Neighbour discovery options (RFC 4861 4.6), after the fixed body:
 *   |     Type      |    Length     |              ...              |
 * Length counts 8-byte units including type and length; 0 is invalid
 * and ends the option list (the loop is bounded by the data anyway).
 *
 * The checksum covers the IPv6 pseudo-header (d->ip) and the message; it
 * is verified when every byte was captured and the message is not itself
 * quoted in an error.  Errors (1-4) quote the offending IPv6 packet, which
 * is decoded as nested, fenced layers up to DISSECT_MAX_NEST deep.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "decoders.h"

/* Type, code, checksum and its status first, as struct icmp_version says. */
enum {
	F_TYPE, F_CODE, F_CHECKSUM, F_CKSTATUS, F_RESERVED, F_MTU, F_POINTER,
	F_ECHO_ID, F_ECHO_SEQ, F_RA_HOPLIM, F_RA_FLAG, F_RA_M, F_RA_O, F_RA_H,
	F_RA_PRF, F_RA_P, F_RA_RSV, F_RA_LIFETIME, F_RA_REACH, F_RA_RETRANS,
	F_NS_TARGET, F_NA_FLAG, F_NA_R, F_NA_S, F_NA_O, F_NA_RSV, F_NA_TARGET,
	F_RD_TARGET, F_RD_DEST, F_OPT, F_OPT_TYPE, F_OPT_LEN, F_OPT_RESERVED,
	F_OPT_LINKADDR, F_OPT_SRCLL, F_OPT_TGTLL, F_PFX_LEN, F_PFX_FLAG,
	F_PFX_L, F_PFX_A, F_PFX_R, F_PFX_RSV, F_PFX_VALID, F_PFX_PREF, F_PFX,
	F_OPT_MTU, F_OPT_BADLEN, F_MLD_DELAY, F_MLD_MADDR, F_MLD_CODE,
	F_MLD_FLAG, F_MLD_S, F_MLD_QRV, F_MLD_FRSV, F_MLD_QQI, F_MLD_NSRC,
	F_MLD_SRC, F_MLDR_NREC, F_MAR, F_MAR_TYPE, F_MAR_AUXLEN, F_MAR_NSRC,
	F_MAR_MADDR, F_MAR_SRC, F_MAR_AUX, F_RI_FLAG, F_RI_PREF, F_RI_RSV,
	F_RI_LIFETIME, F_RDNSS_LIFE, F_RDNSS, F_ADV_INT, F_HA_PREF, F_HA_LIFE,
	F_XSEQ, F_XREQ_RES, F_XREQ_LOCAL, F_XRSP_STATE, F_XRSP_RES,
	F_XRSP_ACTIVE, F_XRSP_IPV4, F_XRSP_IPV6, F_DNSSL_LIFE, F_COUNT
};
/* icmp.c reads the first four with its own ids, and the eight extended
   echo fields as a run. */
_Static_assert(F_TYPE == 0 && F_CODE == 1 && F_CHECKSUM == 2 &&
    F_CKSTATUS == 3, "icmp6_fields: type, code, checksum, status first");
_Static_assert(F_XRSP_IPV6 == F_XSEQ + 7,
    "icmp6_fields: the extended echo fields in a row");

static const struct field_def icmp6_fields[] = {
	[F_TYPE] = { "icmpv6.type", "Type", FT_UINT, BASE_DEC, 8 },
	[F_CODE] = { "icmpv6.code", "Code", FT_UINT, BASE_DEC, 8 },
	[F_CHECKSUM] = { "icmpv6.checksum", "Checksum", FT_UINT, BASE_HEX,
	    16 },
	[F_CKSTATUS] = { "icmpv6.checksum.status", "Checksum Status", FT_UINT,
	    BASE_DEC, 8 },
	[F_RESERVED] = { "icmpv6.reserved", "Reserved", FT_BYTES, BASE_DEC,
	    0 },
	[F_MTU] = { "icmpv6.mtu", "MTU", FT_UINT, BASE_DEC, 32 },
	[F_POINTER] = { "icmpv6.pointer", "Pointer", FT_UINT, BASE_DEC, 32 },
	[F_ECHO_ID] = { "icmpv6.echo.identifier", "Identifier", FT_UINT,
	    BASE_HEX, 16 },
	[F_ECHO_SEQ] = { "icmpv6.echo.sequence_number", "Sequence", FT_UINT,
	    BASE_DEC, 16 },
	[F_RA_HOPLIM] = { "icmpv6.nd.ra.cur_hop_limit", "Cur hop limit",
	    FT_UINT, BASE_DEC, 8 },
	[F_RA_FLAG] = { "icmpv6.nd.ra.flag", "Flags", FT_UINT, BASE_HEX, 8 },
	[F_RA_M] = { "icmpv6.nd.ra.flag.m", "Managed address configuration",
	    FT_BOOL, BASE_DEC, 8 },
	[F_RA_O] = { "icmpv6.nd.ra.flag.o", "Other configuration", FT_BOOL,
	    BASE_DEC, 8 },
	[F_RA_H] = { "icmpv6.nd.ra.flag.h", "Home Agent", FT_BOOL, BASE_DEC,
	    8 },
	[F_RA_PRF] = { "icmpv6.nd.ra.flag.prf",
	    "Prf (Default Router Preference)", FT_UINT, BASE_DEC, 8 },
	[F_RA_P] = { "icmpv6.nd.ra.flag.p", "Proxy", FT_BOOL, BASE_DEC, 8 },
	[F_RA_RSV] = { "icmpv6.nd.ra.flag.rsv", "Reserved", FT_UINT, BASE_DEC,
	    8 },
	[F_RA_LIFETIME] = { "icmpv6.nd.ra.router_lifetime",
	    "Router lifetime (s)", FT_UINT, BASE_DEC, 16 },
	[F_RA_REACH] = { "icmpv6.nd.ra.reachable_time", "Reachable time (ms)",
	    FT_UINT, BASE_DEC, 32 },
	[F_RA_RETRANS] = { "icmpv6.nd.ra.retrans_timer", "Retrans timer (ms)",
	    FT_UINT, BASE_DEC, 32 },
	[F_NS_TARGET] = { "icmpv6.nd.ns.target_address", "Target Address",
	    FT_IPV6, BASE_DEC, 0 },
	[F_NA_FLAG] = { "icmpv6.nd.na.flag", "Flags", FT_UINT, BASE_HEX, 32 },
	[F_NA_R] = { "icmpv6.nd.na.flag.r", "Router", FT_BOOL, BASE_DEC, 32 },
	[F_NA_S] = { "icmpv6.nd.na.flag.s", "Solicited", FT_BOOL, BASE_DEC,
	    32 },
	[F_NA_O] = { "icmpv6.nd.na.flag.o", "Override", FT_BOOL, BASE_DEC,
	    32 },
	[F_NA_RSV] = { "icmpv6.nd.na.flag.rsv", "Reserved", FT_UINT, BASE_DEC,
	    32 },
	[F_NA_TARGET] = { "icmpv6.nd.na.target_address", "Target Address",
	    FT_IPV6, BASE_DEC, 0 },
	[F_RD_TARGET] = { "icmpv6.nd.rd.target_address", "Target Address",
	    FT_IPV6, BASE_DEC, 0 },
	[F_RD_DEST] = { "icmpv6.rd.na.destination_address",
	    "Destination Address", FT_IPV6, BASE_DEC, 0 },
	/* tshark -T fields prints its text-only items as "1": so do we. */
	[F_OPT] = { "icmpv6.opt", "ICMPv6 Option", FT_UINT, BASE_DEC, 8 },
	[F_OPT_TYPE] = { "icmpv6.opt.type", "Type", FT_UINT, BASE_DEC, 8 },
	[F_OPT_LEN] = { "icmpv6.opt.length", "Length", FT_UINT, BASE_DEC, 8 },
	[F_OPT_RESERVED] = { "icmpv6.opt.reserved", "Reserved", FT_UINT,
	    BASE_DEC, 8 },
	[F_OPT_LINKADDR] = { "icmpv6.opt.linkaddr", "Link-layer address",
	    FT_ETHER, BASE_DEC, 0 },
	[F_OPT_SRCLL] = { "icmpv6.opt.src_linkaddr",
	    "Source Link-layer address", FT_ETHER, BASE_DEC, 0 },
	[F_OPT_TGTLL] = { "icmpv6.opt.target_linkaddr",
	    "Target Link-layer address", FT_ETHER, BASE_DEC, 0 },
	[F_PFX_LEN] = { "icmpv6.opt.prefix.length", "Prefix Length", FT_UINT,
	    BASE_DEC, 8 },
	[F_PFX_FLAG] = { "icmpv6.opt.prefix.flag", "Flag", FT_UINT, BASE_HEX,
	    8 },
	[F_PFX_L] = { "icmpv6.opt.prefix.flag.l", "On-link flag(L)", FT_BOOL,
	    BASE_DEC, 8 },
	[F_PFX_A] = { "icmpv6.opt.prefix.flag.a",
	    "Autonomous address-configuration flag(A)", FT_BOOL, BASE_DEC, 8 },
	[F_PFX_R] = { "icmpv6.opt.prefix.flag.r", "Router address flag(R)",
	    FT_BOOL, BASE_DEC, 8 },
	[F_PFX_RSV] = { "icmpv6.opt.prefix.flag.reserved", "Reserved", FT_UINT,
	    BASE_DEC, 8 },
	[F_PFX_VALID] = { "icmpv6.opt.prefix.valid_lifetime", "Valid Lifetime",
	    FT_UINT, BASE_DEC, 32 },
	[F_PFX_PREF] = { "icmpv6.opt.prefix.preferred_lifetime",
	    "Preferred Lifetime", FT_UINT, BASE_DEC, 32 },
	[F_PFX] = { "icmpv6.opt.prefix", "Prefix", FT_IPV6, BASE_DEC, 0 },
	[F_OPT_MTU] = { "icmpv6.opt.mtu", "MTU", FT_UINT, BASE_DEC, 32 },
	[F_OPT_BADLEN] = { "icmpv6.invalid_option_length",
	    "Invalid Option Length", FT_UINT, BASE_DEC, 8 },
	[F_MLD_DELAY] = { "icmpv6.mld.maximum_response_delay",
	    "Maximum Response Delay [ms]", FT_UINT, BASE_DEC, 16 },
	[F_MLD_MADDR] = { "icmpv6.mld.multicast_address", "Multicast Address",
	    FT_IPV6, BASE_DEC, 0 },
	[F_MLD_CODE] = { "icmpv6.mld.maximum_response_code",
	    "Maximum Response Code", FT_UINT, BASE_DEC, 16 },
	[F_MLD_FLAG] = { "icmpv6.mld.flag", "Flags", FT_UINT, BASE_HEX, 8 },
	[F_MLD_S] = { "icmpv6.mld.flag.s", "Suppress Router-Side Processing",
	    FT_BOOL, BASE_DEC, 8 },
	[F_MLD_QRV] = { "icmpv6.mld.flag.qrv",
	    "QRV (Querier's Robustness Variable)", FT_UINT, BASE_DEC, 8 },
	[F_MLD_FRSV] = { "icmpv6.mld.flag.reserved", "Reserved", FT_UINT,
	    BASE_DEC, 8 },
	[F_MLD_QQI] = { "icmpv6.mld.qqi",
	    "QQIC (Querier's Query Interval Code)", FT_UINT, BASE_DEC, 8 },
	[F_MLD_NSRC] = { "icmpv6.mld.nb_sources", "Number of Sources", FT_UINT,
	    BASE_DEC, 16 },
	[F_MLD_SRC] = { "icmpv6.mld.source_address", "Source Address", FT_IPV6,
	    BASE_DEC, 0 },
	[F_MLDR_NREC] = { "icmpv6.mldr.nb_mcast_records",
	    "Number of Multicast Address Records", FT_UINT, BASE_DEC, 16 },
	[F_MAR] = { "icmpv6.mldr.mar", "Multicast Address Record", FT_UINT,
	    BASE_DEC, 8 },
	[F_MAR_TYPE] = { "icmpv6.mldr.mar.record_type", "Record Type", FT_UINT,
	    BASE_DEC, 8 },
	[F_MAR_AUXLEN] = { "icmpv6.mldr.mar.aux_data_len", "Aux Data Len",
	    FT_UINT, BASE_DEC, 8 },
	[F_MAR_NSRC] = { "icmpv6.mldr.mar.nb_sources", "Number of Sources",
	    FT_UINT, BASE_DEC, 16 },
	[F_MAR_MADDR] = { "icmpv6.mldr.mar.multicast_address",
	    "Multicast Address", FT_IPV6, BASE_DEC, 0 },
	[F_MAR_SRC] = { "icmpv6.mldr.mar.source_address", "Source Address",
	    FT_IPV6, BASE_DEC, 0 },
	[F_MAR_AUX] = { "icmpv6.mldr.mar.auxiliary_data", "Auxiliary Data",
	    FT_BYTES, BASE_DEC, 0 },
	[F_RI_FLAG] = { "icmpv6.opt.route_info.flag", "Flag", FT_UINT,
	    BASE_HEX, 8 },
	[F_RI_PREF] = { "icmpv6.opt.route_info.flag.route_preference",
	    "Route Preference", FT_UINT, BASE_DEC, 8 },
	[F_RI_RSV] = { "icmpv6.opt.route_info.flag.reserved", "Reserved",
	    FT_UINT, BASE_DEC, 8 },
	[F_RI_LIFETIME] = { "icmpv6.opt.route_lifetime", "Route Lifetime",
	    FT_UINT, BASE_DEC, 32 },
	[F_RDNSS_LIFE] = { "icmpv6.opt.rdnss.lifetime", "Lifetime", FT_UINT,
	    BASE_DEC, 32 },
	[F_RDNSS] = { "icmpv6.opt.rdnss", "Recursive DNS Servers", FT_IPV6,
	    BASE_DEC, 0 },
	[F_ADV_INT] = { "icmpv6.opt.advertisement_interval",
	    "Advertisement Interval", FT_UINT, BASE_DEC, 32 },
	[F_HA_PREF] = { "icmpv6.opt.home_agent_preference",
	    "Home Agent Preference", FT_UINT, BASE_DEC, 16 },
	[F_HA_LIFE] = { "icmpv6.opt.home_agent_lifetime",
	    "Home Agent Preference", FT_UINT, BASE_DEC, 16 },
	/* The extended echo fields, in icmp_extecho()'s order. */
	[F_XSEQ] = { "icmpv6.ext.echo.seq", "Sequence number", FT_UINT,
	    BASE_DEC, 8 },
	[F_XREQ_RES] = { "icmpv6.ext.echo.req.res", "Reserved", FT_UINT,
	    BASE_HEX, 8 },
	[F_XREQ_LOCAL] = { "icmpv6.ext.echo.req.local", "Local bit", FT_BOOL,
	    BASE_DEC, 8 },
	[F_XRSP_STATE] = { "icmpv6.ext.echo.rsp.state", "State", FT_UINT,
	    BASE_DEC, 8 },
	[F_XRSP_RES] = { "icmpv6.ext.echo.rsp.res", "Reserved", FT_UINT,
	    BASE_HEX, 8 },
	[F_XRSP_ACTIVE] = { "icmpv6.ext.echo.rsp.active", "Active bit",
	    FT_BOOL, BASE_DEC, 8 },
	[F_XRSP_IPV4] = { "icmpv6.ext.echo.rsp.ipv4", "IPv4 bit", FT_BOOL,
	    BASE_DEC, 8 },
	[F_XRSP_IPV6] = { "icmpv6.ext.echo.rsp.ipv6", "IPv6 bit", FT_BOOL,
	    BASE_DEC, 8 },
	[F_DNSSL_LIFE] = { "icmpv6.opt.dnssl.lifetime", "Lifetime", FT_UINT,
	    BASE_DEC, 32 },
};
_Static_assert(sizeof icmp6_fields / sizeof icmp6_fields[0] == F_COUNT,
    "icmp6_fields: one entry per field id");
const struct field_table icmp6_field_table = { icmp6_fields, F_COUNT };

#define ICMP6_UNREACH		1
#define ICMP6_TOOBIG		2
#define ICMP6_TIMXCEED		3
#define ICMP6_PARAMPROB		4
#define ICMP6_ECHO		128
#define ICMP6_ECHOREPLY		129
#define ICMP6_MLD_QUERY		130
#define ICMP6_MLD_REPORT	131
#define ICMP6_MLD_DONE		132
#define ICMP6_ND_RS		133
#define ICMP6_ND_RA		134
#define ICMP6_ND_NS		135
#define ICMP6_ND_NA		136
#define ICMP6_ND_REDIRECT	137
#define ICMP6_MLDV2_REPORT	143

#define ND_OPT_SLLA		1
#define ND_OPT_TLLA		2
#define ND_OPT_PREFIX		3
#define ND_OPT_REDIRECTED	4
#define ND_OPT_MTU		5
#define ND_OPT_ADVINT		7
#define ND_OPT_HAINFO		8
#define ND_OPT_ROUTEINFO	24
#define ND_OPT_RDNSS		25
#define ND_OPT_DNSSL		31

#define ICMP6_MAX_OPTIONS	64	/* bound on the option loop */

static const struct value_name icmp6_types[] = {
	{ 1, "Destination Unreachable" },
	{ 2, "Packet Too Big" },
	{ 3, "Time Exceeded" },
	{ 4, "Parameter Problem" },
	{ 100, "Private experimentation" },
	{ 101, "Private experimentation" },
	{ 127, "Reserved for expansion of ICMPv6 error messages" },
	{ 128, "Echo (ping) request" },
	{ 129, "Echo (ping) reply" },
	{ 130, "Multicast Listener Query" },
	{ 131, "Multicast Listener Report" },
	{ 132, "Multicast Listener Done" },
	{ 133, "Router Solicitation" },
	{ 134, "Router Advertisement" },
	{ 135, "Neighbor Solicitation" },
	{ 136, "Neighbor Advertisement" },
	{ 137, "Redirect" },
	{ 138, "Router Renumbering" },
	{ 139, "Node Information Query" },
	{ 140, "Node Information Reply" },
	{ 141, "Inverse Neighbor Discovery Solicitation" },
	{ 142, "Inverse Neighbor Discovery Advertisement" },
	{ 143, "Multicast Listener Report Message v2" },
	{ 144, "Home Agent Address Discovery Request" },
	{ 145, "Home Agent Address Discovery Reply" },
	{ 146, "Mobile Prefix Solicitation" },
	{ 147, "Mobile Prefix Advertisement" },
	{ 148, "Certification Path Solicitation" },
	{ 149, "Certification Path Advertisement" },
	{ 150, "Experimental Mobility" },
	{ 151, "Multicast Router Advertisement" },
	{ 152, "Multicast Router Solicitation" },
	{ 153, "Multicast Router Termination" },
	{ 154, "FMIPv6" },
	{ 155, "RPL Control" },
	{ 156, "Locator Update" },
	{ 157, "Duplicate Address Request" },
	{ 158, "Duplicate Address Confirmation" },
	{ 159, "MPL Control Message" },
	{ 160, "Extended Echo request" },
	{ 161, "Extended Echo reply" },
	{ 200, "Private experimentation" },
	{ 201, "Private experimentation" },
	{ 255, "Reserved for expansion of ICMPv6 informational messages" },
	{ 0, NULL }
};

static const struct value_name unreach_codes[] = {
	{ 0, "no route to destination" },
	{ 1, "Administratively prohibited" },
	{ 2, "Beyond scope of source address" },
	{ 3, "Address unreachable" },
	{ 4, "Port unreachable" },
	{ 5, "Source address failed ingress/egress policy" },
	{ 6, "Reject route to destination" },
	{ 7, "Error in Source Routing Header" },
	{ 0, NULL }
};

static const struct value_name timxceed_codes[] = {
	{ 0, "hop limit exceeded in transit" },
	{ 1, "fragment reassembly time exceeded" },
	{ 0, NULL }
};

static const struct value_name paramprob_codes[] = {
	{ 0, "erroneous header field encountered" },
	{ 1, "unrecognized Next Header type encountered" },
	{ 2, "unrecognized IPv6 option encountered" },
	{ 3, "IPv6 First Fragment has incomplete IPv6 Header Chain" },
	{ 0, NULL }
};

static const struct value_name rr_codes[] = {
	{ 0, "Command" },
	{ 1, "Result" },
	{ 255, "Sequence number reset" },
	{ 0, NULL }
};

static const struct value_name niq_codes[] = {
	{ 0, "Query subject = IPv6 addresses" },
	{ 1, "Query subject = DNS name or empty" },
	{ 2, "Query subject = IPv4 addresses" },
	{ 0, NULL }
};

static const struct value_name nir_codes[] = {
	{ 0, "Successful" },
	{ 1, "Refused" },
	{ 2, "Unknown query type" },
	{ 0, NULL }
};

static const struct value_name rpl_codes[] = {
	{ 0, "DODAG Information Solicitation" },
	{ 1, "DODAG Information Object" },
	{ 2, "Destination Advertisement Object" },
	{ 3, "Destination Advertisement Object Acknowledgment" },
	{ 0, NULL }
};

static const struct value_name empty_codes[] = {
	{ 0, NULL }
};

static const struct value_name nd_opt_types[] = {
	{ 1, "Source link-layer address" },
	{ 2, "Target link-layer address" },
	{ 3, "Prefix information" },
	{ 4, "Redirected header" },
	{ 5, "MTU" },
	{ 6, "NBMA Shortcut Limit Option" },
	{ 7, "Advertisement Interval" },
	{ 8, "Home Agent Information" },
	{ 9, "Source Address List" },
	{ 10, "Target Address List" },
	{ 11, "CGA" },
	{ 12, "RSA Signature" },
	{ 13, "Timestamp" },
	{ 14, "Nonce" },
	{ 15, "Trust Anchor" },
	{ 16, "Certificate" },
	{ 17, "IP Address/Prefix Option" },
	{ 18, "New Router Prefix Information Option" },
	{ 19, "Link-layer Address Option" },
	{ 20, "Neighbor Advertisement Acknowledgment Option" },
	{ 23, "MAP Option" },
	{ 24, "Route Information" },
	{ 25, "Recursive DNS Server" },
	{ 26, "RA Flags Extension Option" },
	{ 27, "Handover Key Request" },
	{ 28, "Handover Key Reply" },
	{ 31, "DNS Search List Option" },
	{ 38, "PREF64 Option" },
	{ 0, NULL }
};

static const struct value_name mldr_record_types[] = {
	{ 1, "Include" },
	{ 2, "Exclude" },
	{ 3, "Changed to include" },
	{ 4, "Changed to exclude" },
	{ 5, "Allow new sources" },
	{ 6, "Block old sources" },
	{ 0, NULL }
};

static const struct value_name ra_prf_names[] = {
	{ 0, "Medium" },
	{ 1, "High" },
	{ 2, "Reserved" },
	{ 3, "Low" },
	{ 0, NULL }
};

/* The code table of a type whose codes Wireshark names, or NULL. */
static const struct value_name *
icmp6_code_table(uint8_t type)
{
	switch (type) {
	case ICMP6_UNREACH:
		return unreach_codes;
	case ICMP6_TIMXCEED:
		return timxceed_codes;
	case ICMP6_PARAMPROB:
		return paramprob_codes;
	case 138:
		return rr_codes;
	case 139:
		return niq_codes;
	case 140:
		return nir_codes;
	case 155:
		return rpl_codes;
	case 160:
		return icmp_extecho_req_codes;
	case 161:
		return icmp_extecho_reply_codes;
	case 150:
	case 154:
		return empty_codes;
	default:
		return NULL;
	}
}

/* The type's tree and Info text: its name or "Unknown (n)". */
static const char *
icmp6_type_text(uint8_t type, char *buf, size_t size)
{
	return field_value_name_buf(icmp6_types, type, buf, size);
}

/* The code's text; NULL when the type names no codes. */
static const char *
icmp6_code_text(uint8_t type, uint8_t code, char *buf, size_t size)
{
	const struct value_name *t = icmp6_code_table(type);
	const char *n;

	if (t == NULL)
		return NULL;
	n = field_value_name_buf(t, code, buf, size);
	/* Destination unreachable says just "Unknown". */
	if (n == buf && type == ICMP6_UNREACH)
		n = "Unknown";
	return n;
}

/*
 * The hop limit of the IPv6 header this message arrived in, for the Info
 * column: dissect.h has no field for it, so look for a 40-byte IPv6 header
 * with next header 58 and d->ip's addresses right before the message.
 */
static bool
icmp6_hop_limit(const struct dissect *d, const struct cursor *c, uint8_t *hl)
{
	struct cursor before = cur_make(d->frame, c->pos);
	uint8_t b;
	size_t i;

	if (d->ip.ver != 6 || c->pos < 40)
		return false;
	before.pos = c->pos - 40;
	if (!cur_peek8(&before, 0, &b) || (b >> 4) != 6)
		return false;
	if (!cur_peek8(&before, 6, &b) || b != 58)
		return false;
	for (i = 0; i < 32; i++) {
		if (!cur_peek8(&before, 8 + i, &b))
			return false;
		if (b != (i < 16 ? d->ip.src[i] : d->ip.dst[i - 16]))
			return false;
	}
	return cur_peek8(&before, 7, hl);
}

/* The checksum of a whole captured message, IPv6 pseudo-header included;
   unverified without an IPv6 header to take it from. */
static int
icmp6_checksum(const struct dissect *d, const struct cursor *msg,
    uint16_t sum)
{
	uint32_t acc;

	(void)sum;
	if (d->ip.ver != 6)
		return 2;
	acc = cksum_pseudo(&d->ip, 58, (uint32_t)cur_left(msg));
	acc = cksum_add(acc, cur_ptr(msg), cur_left(msg));
	return cksum_fold(acc) == 0 ? 1 : 0;
}

static const struct icmp_version icmp_v6 = {
	.proto = P_ICMPV6,
	.fields = icmp6_fields,
	.info_width = 0,
	.type_name = icmp6_type_text,
	.code_name = icmp6_code_text,
	.checksum = icmp6_checksum,
	.xident = &icmp6_fields[F_ECHO_ID],
	.xident_le = NULL,
	.xecho = &icmp6_fields[F_XSEQ],
	.xecho_texts = false,
};

/* Read and report an IPv6 address; false if cut short. */
static bool
icmp6_addr(struct dissect *d, struct cursor *c, int idx, uint8_t a[16])
{
	size_t off = c->pos;

	if (!cur_bytes(c, a, 16))
		return false;
	d_addr(d, &icmp6_fields[idx], off, 16, a);
	return true;
}

/* Text form of an IPv6 address for the Info column. */
static void
icmp6_ntop(const uint8_t a[16], char *buf, size_t size)
{
	addr_format(FT_IPV6, a, buf, size);
}

/* A link-layer address option (source or target). */
static void
icmp6_opt_lla(struct dissect *d, const struct cursor *o, uint8_t otype)
{
	char mac[24];
	const uint8_t *p;

	if (cur_left(o) != 6) {
		/* Not Ethernet-sized: Wireshark shows raw bytes; we skip. */
		return;
	}
	p = cur_ptr(o);
	d_addr(d, &icmp6_fields[F_OPT_LINKADDR], o->pos, 6, p);
	d_addr(d, &icmp6_fields[otype == ND_OPT_SLLA ? F_OPT_SRCLL :
	    F_OPT_TGTLL], o->pos, 6, p);
	addr_format(FT_ETHER, p, mac, sizeof mac);
	d_info_append(d, otype == ND_OPT_SLLA ? " from %s" : " is at %s", mac);
}

/* A prefix information option (RFC 4861 4.6.2). */
static void
icmp6_opt_prefix(struct dissect *d, struct cursor o)
{
	uint8_t plen, flags, pfx[16];
	uint32_t valid, pref;
	size_t off = o.pos;

	if (!cur_u8(&o, &plen) || !cur_u8(&o, &flags) ||
	    !cur_be32(&o, &valid) || !cur_be32(&o, &pref) ||
	    !cur_skip(&o, 4) || !cur_bytes(&o, pfx, 16))
		return;
	d_uint(d, &icmp6_fields[F_PFX_LEN], off, 1, plen, NULL);
	d_uint(d, &icmp6_fields[F_PFX_FLAG], off + 1, 1, flags, NULL);
	d_push(d);
	d_bool(d, &icmp6_fields[F_PFX_L], off + 1, 1, flags & 0x80, NULL);
	d_bool(d, &icmp6_fields[F_PFX_A], off + 1, 1, flags & 0x40, NULL);
	d_bool(d, &icmp6_fields[F_PFX_R], off + 1, 1, flags & 0x20, NULL);
	d_uint(d, &icmp6_fields[F_PFX_RSV], off + 1, 1, flags & 0x1f, NULL);
	d_pop(d);
	d_uint(d, &icmp6_fields[F_PFX_VALID], off + 2, 4, valid, NULL);
	d_uint(d, &icmp6_fields[F_PFX_PREF], off + 6, 4, pref, NULL);
	d_uint(d, &icmp6_fields[F_OPT_RESERVED], off + 10, 4, 1, NULL);
	d_addr(d, &icmp6_fields[F_PFX], off + 14, 16, pfx);
}

/* A route information option (RFC 4191 2.3): the prefix is 0-16 bytes. */
static void
icmp6_opt_route(struct dissect *d, struct cursor o)
{
	uint8_t plen, flags, pfx[16];
	uint32_t life;
	size_t off = o.pos, n;

	if (!cur_u8(&o, &plen) || !cur_u8(&o, &flags) || !cur_be32(&o, &life))
		return;
	d_uint(d, &icmp6_fields[F_PFX_LEN], off, 1, plen, NULL);
	d_uint(d, &icmp6_fields[F_RI_FLAG], off + 1, 1, flags, NULL);
	d_push(d);
	d_uint(d, &icmp6_fields[F_RI_PREF], off + 1, 1, (flags >> 3) & 3,
	    field_value_name(ra_prf_names, (flags >> 3) & 3));
	d_uint(d, &icmp6_fields[F_RI_RSV], off + 1, 1, flags & 0xe7, NULL);
	d_pop(d);
	d_uint(d, &icmp6_fields[F_RI_LIFETIME], off + 2, 4, life, NULL);
	n = cur_left(&o) < 16 ? cur_left(&o) : 16;
	memset(pfx, 0, sizeof pfx);
	if (n > 0 && cur_bytes(&o, pfx, n))
		d_addr(d, &icmp6_fields[F_PFX], off + 6, n, pfx);
}

/* A recursive DNS server option (RFC 8106 5.1). */
static void
icmp6_opt_rdnss(struct dissect *d, struct cursor o, size_t start)
{
	uint32_t life;
	uint8_t a[16];
	int i;

	if (!cur_skip(&o, 2) || !cur_be32(&o, &life))
		return;
	d_uint(d, &icmp6_fields[F_OPT_RESERVED], start + 2, 2, 1, NULL);
	d_uint(d, &icmp6_fields[F_RDNSS_LIFE], start + 4, 4, life, NULL);
	for (i = 0; i < 16 && cur_left(&o) >= 16; i++)
		icmp6_addr(d, &o, F_RDNSS, a);
}

/*
 * The neighbour discovery options after a fixed body.  Returns LAYER_*:
 * a zero length is malformed and stops the walk; an option longer than the
 * data is truncated.
 */
static int
icmp6_options(struct dissect *d, struct cursor *c)
{
	int n, status;

	for (n = 0; n < ICMP6_MAX_OPTIONS && cur_left(c) > 0; n++) {
		struct cursor o;
		uint8_t otype, olen;
		size_t start = c->pos, bytes;
		uint32_t mtu;
		const char *name;
		char shown[32];

		if (!cur_u8(c, &otype))
			return LAYER_TRUNCATED;
		name = field_value_name(nd_opt_types, otype);
		d_uint(d, &icmp6_fields[F_OPT], start, 0, 1,
		    name != NULL ? name : "Unknown");
		d_push(d);
		d_uint(d, &icmp6_fields[F_OPT_TYPE], start, 1, otype, name);
		if (!cur_u8(c, &olen)) {
			d_pop(d);
			return LAYER_TRUNCATED;
		}
		bytes = (size_t)olen * 8;
		snprintf(shown, sizeof shown, "%u (%zu bytes)", olen, bytes);
		d_uint(d, &icmp6_fields[F_OPT_LEN], start + 1, 1, olen, NULL);
		if (olen == 0) {
			d_uint(d, &icmp6_fields[F_OPT_BADLEN], start + 1, 1, 1,
			    "Invalid option length (Zero)");
			status = d_malformed(d, start + 1, 1,
			    "option length 0");
			d_pop(d);	/* after: the line is the option's */
			return status;
		}
		/* The option body: its declared size minus type and length. */
		o = cur_sub(c, bytes - 2, NULL);
		switch (otype) {
		case ND_OPT_SLLA:
		case ND_OPT_TLLA:
			icmp6_opt_lla(d, &o, otype);
			break;
		case ND_OPT_PREFIX:
			icmp6_opt_prefix(d, o);
			break;
		case ND_OPT_MTU:
			if (cur_skip(&o, 2) && cur_be32(&o, &mtu)) {
				d_uint(d, &icmp6_fields[F_OPT_RESERVED],
				    start + 2, 2, 1, NULL);
				d_uint(d, &icmp6_fields[F_OPT_MTU], start + 4,
				    4, mtu, NULL);
			}
			break;
		case ND_OPT_ADVINT:
			if (cur_skip(&o, 2) && cur_be32(&o, &mtu)) {
				d_uint(d, &icmp6_fields[F_OPT_RESERVED],
				    start + 2, 2, 1, NULL);
				d_uint(d, &icmp6_fields[F_ADV_INT], start + 4,
				    4, mtu, NULL);
			}
			break;
		case ND_OPT_HAINFO:
			if (cur_skip(&o, 2) && cur_be32(&o, &mtu)) {
				d_uint(d, &icmp6_fields[F_OPT_RESERVED],
				    start + 2, 2, 1, NULL);
				d_uint(d, &icmp6_fields[F_HA_PREF], start + 4,
				    2, mtu >> 16, NULL);
				d_uint(d, &icmp6_fields[F_HA_LIFE], start + 6,
				    2, mtu & 0xffff, NULL);
			}
			break;
		case ND_OPT_ROUTEINFO:
			icmp6_opt_route(d, o);
			break;
		case ND_OPT_RDNSS:
			icmp6_opt_rdnss(d, o, start);
			break;
		case ND_OPT_DNSSL:
			/* The names themselves are not decoded yet. */
			if (cur_skip(&o, 2) && cur_be32(&o, &mtu)) {
				d_uint(d, &icmp6_fields[F_OPT_RESERVED],
				    start + 2, 2, 1, NULL);
				d_uint(d, &icmp6_fields[F_DNSSL_LIFE],
				    start + 4, 4, mtu, NULL);
			}
			break;
		case ND_OPT_REDIRECTED:
			if (cur_skip(&o, 6)) {
				d_uint(d, &icmp6_fields[F_OPT_RESERVED],
				    start + 2, 6, 1, NULL);
				icmp_quote(d, o, ipv6_decode);
			}
			break;
		default:
			break;
		}
		d_pop(d);
		if (!cur_skip(c, bytes - 2)) {
			cur_skip(c, cur_left(c));
			return LAYER_TRUNCATED;
		}
	}
	return LAYER_OK;
}

/* MLDv1 (RFC 2710) query, report and done; MLDv2 query (RFC 3810 5.1). */
static int
icmp6_mld(struct dissect *d, struct cursor *c, uint8_t type)
{
	uint16_t delay, nsrc, i;
	uint8_t a[16], flags, qqi;
	size_t off = c->pos;
	bool v2 = type == ICMP6_MLD_QUERY && cur_left(c) >= 24;

	if (!cur_be16(c, &delay))
		return LAYER_TRUNCATED;
	d_uint(d, &icmp6_fields[v2 ? F_MLD_CODE : F_MLD_DELAY], off, 2,
	    delay, NULL);
	if (!cur_skip(c, 2))
		return LAYER_TRUNCATED;
	d_bytes(d, &icmp6_fields[F_RESERVED], off + 2, 2);
	if (!icmp6_addr(d, c, F_MLD_MADDR, a))
		return LAYER_TRUNCATED;
	if (!v2)
		return LAYER_OK;
	off = c->pos;
	if (!cur_u8(c, &flags))
		return LAYER_TRUNCATED;
	d_uint(d, &icmp6_fields[F_MLD_FLAG], off, 1, flags, NULL);
	d_push(d);
	d_bool(d, &icmp6_fields[F_MLD_S], off, 1, flags & 0x08, NULL);
	d_uint(d, &icmp6_fields[F_MLD_QRV], off, 1, flags & 0x07, NULL);
	d_uint(d, &icmp6_fields[F_MLD_FRSV], off, 1, flags >> 4, NULL);
	d_pop(d);
	off = c->pos;
	if (!cur_u8(c, &qqi))
		return LAYER_TRUNCATED;
	d_uint(d, &icmp6_fields[F_MLD_QQI], off, 1, qqi, NULL);
	off = c->pos;
	if (!cur_be16(c, &nsrc))
		return LAYER_TRUNCATED;
	d_uint(d, &icmp6_fields[F_MLD_NSRC], off, 2, nsrc, NULL);
	for (i = 0; i < nsrc; i++)
		if (!icmp6_addr(d, c, F_MLD_SRC, a))
			return LAYER_TRUNCATED;
	return LAYER_OK;
}

/* MLDv2 report (RFC 3810 5.2): records bounded by count and data. */
static int
icmp6_mldv2_report(struct dissect *d, struct cursor *c)
{
	uint16_t nrec, r, nsrc, i;
	uint8_t rtype, auxlen, a[16];
	size_t off = c->pos;

	if (!cur_skip(c, 2))
		return LAYER_TRUNCATED;
	d_bytes(d, &icmp6_fields[F_RESERVED], off, 2);
	off = c->pos;
	if (!cur_be16(c, &nrec))
		return LAYER_TRUNCATED;
	d_uint(d, &icmp6_fields[F_MLDR_NREC], off, 2, nrec, NULL);
	for (r = 0; r < nrec; r++) {
		off = c->pos;
		if (!cur_u8(c, &rtype))
			return LAYER_TRUNCATED;
		d_uint(d, &icmp6_fields[F_MAR], off, 0, 1,
		    field_value_name(mldr_record_types, rtype));
		d_push(d);
		d_uint(d, &icmp6_fields[F_MAR_TYPE], off, 1, rtype,
		    field_value_name(mldr_record_types, rtype));
		if (!cur_u8(c, &auxlen) || !cur_be16(c, &nsrc)) {
			d_pop(d);
			return LAYER_TRUNCATED;
		}
		d_uint(d, &icmp6_fields[F_MAR_AUXLEN], off + 1, 1, auxlen,
		    NULL);
		d_uint(d, &icmp6_fields[F_MAR_NSRC], off + 2, 2, nsrc, NULL);
		if (!icmp6_addr(d, c, F_MAR_MADDR, a)) {
			d_pop(d);
			return LAYER_TRUNCATED;
		}
		for (i = 0; i < nsrc; i++) {
			if (!icmp6_addr(d, c, F_MAR_SRC, a)) {
				d_pop(d);
				return LAYER_TRUNCATED;
			}
		}
		if (auxlen > 0) {
			off = c->pos;
			if (!cur_skip(c, (size_t)auxlen * 4)) {
				d_pop(d);
				return LAYER_TRUNCATED;
			}
			d_bytes(d, &icmp6_fields[F_MAR_AUX], off,
			    (size_t)auxlen * 4);
		}
		d_pop(d);
	}
	return LAYER_OK;
}

/* Router advertisement fixed body (RFC 4861 4.2). */
static int
icmp6_ra(struct dissect *d, struct cursor *c)
{
	uint8_t hl, flags;
	uint16_t life;
	uint32_t reach, retrans;
	size_t off = c->pos;

	if (!cur_u8(c, &hl))
		return LAYER_TRUNCATED;
	d_uint(d, &icmp6_fields[F_RA_HOPLIM], off, 1, hl, NULL);
	if (!cur_u8(c, &flags))
		return LAYER_TRUNCATED;
	d_uint(d, &icmp6_fields[F_RA_FLAG], off + 1, 1, flags, NULL);
	d_push(d);
	d_bool(d, &icmp6_fields[F_RA_M], off + 1, 1, flags & 0x80, NULL);
	d_bool(d, &icmp6_fields[F_RA_O], off + 1, 1, flags & 0x40, NULL);
	d_bool(d, &icmp6_fields[F_RA_H], off + 1, 1, flags & 0x20, NULL);
	d_uint(d, &icmp6_fields[F_RA_PRF], off + 1, 1, (flags >> 3) & 3,
	    field_value_name(ra_prf_names, (flags >> 3) & 3));
	d_bool(d, &icmp6_fields[F_RA_P], off + 1, 1, flags & 0x04, NULL);
	d_uint(d, &icmp6_fields[F_RA_RSV], off + 1, 1, flags & 0x03, NULL);
	d_pop(d);
	if (!cur_be16(c, &life))
		return LAYER_TRUNCATED;
	d_uint(d, &icmp6_fields[F_RA_LIFETIME], off + 2, 2, life, NULL);
	if (!cur_be32(c, &reach))
		return LAYER_TRUNCATED;
	d_uint(d, &icmp6_fields[F_RA_REACH], off + 4, 4, reach, NULL);
	if (!cur_be32(c, &retrans))
		return LAYER_TRUNCATED;
	d_uint(d, &icmp6_fields[F_RA_RETRANS], off + 8, 4, retrans, NULL);
	return icmp6_options(d, c);
}

/* Neighbour advertisement: flags, target, options (RFC 4861 4.4). */
static int
icmp6_na(struct dissect *d, struct cursor *c)
{
	uint32_t flags;
	uint8_t a[16];
	size_t off = c->pos;
	char txt[48], sep[3] = "";

	if (!cur_be32(c, &flags))
		return LAYER_TRUNCATED;
	d_uint(d, &icmp6_fields[F_NA_FLAG], off, 4, flags, NULL);
	d_push(d);
	d_bool(d, &icmp6_fields[F_NA_R], off, 4, flags & 0x80000000u, NULL);
	d_bool(d, &icmp6_fields[F_NA_S], off, 4, flags & 0x40000000u, NULL);
	d_bool(d, &icmp6_fields[F_NA_O], off, 4, flags & 0x20000000u, NULL);
	d_uint(d, &icmp6_fields[F_NA_RSV], off, 4, flags & 0x1fffffffu, NULL);
	d_pop(d);
	if (!icmp6_addr(d, c, F_NA_TARGET, a))
		return LAYER_TRUNCATED;
	icmp6_ntop(a, txt, sizeof txt);
	d_info_append(d, " %s", txt);
	if (flags & 0xe0000000u) {
		d_info_append(d, " (");
		if (flags & 0x80000000u) {
			d_info_append(d, "rtr");
			strcpy(sep, ", ");
		}
		if (flags & 0x40000000u) {
			d_info_append(d, "%ssol", sep);
			strcpy(sep, ", ");
		}
		if (flags & 0x20000000u)
			d_info_append(d, "%sovr", sep);
		d_info_append(d, ")");
	}
	return icmp6_options(d, c);
}

void
icmp6_decode(struct dissect *d, struct cursor c)
{
	const struct cursor msg = c;
	uint8_t type = 0, code = 0, hl, a[16];
	uint16_t id, seq;
	uint32_t word;
	size_t off;
	int st;
	char txt[48];

	st = icmp_open(d, &icmp_v6, &c, &type, &code);
	if (st < 0)
		return;
	if (st & LAYER_TRUNCATED)
		goto out;
	off = c.pos;

	switch (type) {
	case ICMP6_UNREACH:
	case ICMP6_TIMXCEED:
	case ICMP6_TOOBIG:
	case ICMP6_PARAMPROB:
		if (!cur_be32(&c, &word)) {
			st |= LAYER_TRUNCATED;
			break;
		}
		if (type == ICMP6_TOOBIG)
			d_uint(d, &icmp6_fields[F_MTU], off, 4, word, NULL);
		else if (type == ICMP6_PARAMPROB)
			d_uint(d, &icmp6_fields[F_POINTER], off, 4, word, NULL);
		else
			d_bytes(d, &icmp6_fields[F_RESERVED], off, 4);
		icmp_quote(d, c, ipv6_decode);
		break;
	case ICMP6_ECHO:
	case ICMP6_ECHOREPLY:
		if (!cur_be16(&c, &id) || !cur_be16(&c, &seq)) {
			st |= LAYER_TRUNCATED;
			break;
		}
		d_uint(d, &icmp6_fields[F_ECHO_ID], off, 2, id, NULL);
		d_uint(d, &icmp6_fields[F_ECHO_SEQ], off + 2, 2, seq, NULL);
		d_info_append(d, " id=0x%04x, seq=%u", id, seq);
		if (d->want_info && icmp6_hop_limit(d, &msg, &hl))
			d_info_append(d, ", hop limit=%u", hl);
		data_decode(d, c);
		break;
	case 160:
	case 161:
		st |= icmp_extecho(d, &icmp_v6, &c, type == 160);
		break;
	case ICMP6_MLD_QUERY:
	case ICMP6_MLD_REPORT:
	case ICMP6_MLD_DONE:
		st |= icmp6_mld(d, &c, type);
		break;
	case ICMP6_MLDV2_REPORT:
		st |= icmp6_mldv2_report(d, &c);
		break;
	case ICMP6_ND_RS:
		if (!cur_skip(&c, 4)) {
			st |= LAYER_TRUNCATED;
			break;
		}
		d_bytes(d, &icmp6_fields[F_RESERVED], off, 4);
		st |= icmp6_options(d, &c);
		break;
	case ICMP6_ND_RA:
		st |= icmp6_ra(d, &c);
		break;
	case ICMP6_ND_NS:
		if (!cur_skip(&c, 4)) {
			st |= LAYER_TRUNCATED;
			break;
		}
		d_bytes(d, &icmp6_fields[F_RESERVED], off, 4);
		if (!icmp6_addr(d, &c, F_NS_TARGET, a)) {
			st |= LAYER_TRUNCATED;
			break;
		}
		icmp6_ntop(a, txt, sizeof txt);
		d_info_append(d, " for %s", txt);
		st |= icmp6_options(d, &c);
		break;
	case ICMP6_ND_NA:
		st |= icmp6_na(d, &c);
		break;
	case ICMP6_ND_REDIRECT:
		if (!cur_skip(&c, 4)) {
			st |= LAYER_TRUNCATED;
			break;
		}
		d_bytes(d, &icmp6_fields[F_RESERVED], off, 4);
		if (!icmp6_addr(d, &c, F_RD_TARGET, a) ||
		    !icmp6_addr(d, &c, F_RD_DEST, a)) {
			st |= LAYER_TRUNCATED;
			break;
		}
		st |= icmp6_options(d, &c);
		break;
	default:
		/* Other messages: type, code and checksum only. */
		break;
	}
out:
	d_finish(d, c.pos, msg.end, st);
}
