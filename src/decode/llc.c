/*
 * IEEE 802.2 Logical Link Control, the SNAP extension (RFC 1042) and the
 * Spanning Tree BPDUs carried on LSAP 0x42 (IEEE 802.1D, 802.1w).
 *
 * LLC (control is 1 byte for U frames, 2 for I and S frames):
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  DSAP       |I|  SSAP       |C|  Control (1 or 2 octets)      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * SNAP (DSAP = SSAP = 0xaa, UI):
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          Organization code (OUI)              |  Protocol ID  :
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  :               |   (OUI 0: the PID is an EtherType)
 *  +-+-+-+-+-+-+-+-+
 * STP configuration / RST BPDU:
 *  protocol (2) version (1) type (1) flags (1) root id (8) root path
 *  cost (4) bridge id (8) port id (2) message age, max age, hello time,
 *  forward delay (2 each, in 1/256 s) [version 1 length (1), RST only]
 *
 * The two-byte I/S control field is little-endian, as tshark reads it.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "decoders.h"

#define LLC_SAP_SNAP		0xaa
#define LLC_SAP_STP		0x42
#define LLC_U_FRAME		0x03	/* low bits 11: unnumbered */
#define LLC_S_FRAME		0x01	/* low bits 01: supervisory */
#define LLC_PF_U		0x10
#define LLC_PF_IS		0x0100
#define OUI_ENCAP_ETHER		0x000000
#define OUI_CISCO		0x00000c
#define OUI_APPLE_ATALK		0x080007

#define STP_TYPE_CONFIG		0x00
#define STP_TYPE_RST		0x02
#define STP_TYPE_TCN		0x80
#define STP_CONF_FIXED		27	/* header to the port identifier */
#define CISCO_PID_PVST		0x010b	/* PVST+ BPDU */

enum {
	F_DSAP, F_DSAP_SAP, F_DSAP_IG, F_SSAP, F_SSAP_SAP, F_SSAP_CR,
	F_CONTROL, F_N_R, F_N_S, F_P, F_F, F_S_FTYPE, F_U_CMD, F_U_RESP,
	F_FTYPE, F_APPLE_PID, F_TYPE, F_OUI, F_PID, F_CISCO_PID, F_STP_PROTO,
	F_STP_VERSION, F_STP_TYPE, F_STP_FLAGS, F_STP_TCACK, F_STP_AGREE,
	F_STP_FWD, F_STP_LEARN, F_STP_ROLE, F_STP_PROPOSAL, F_STP_TC,
	F_STP_ROOT_PRIO, F_STP_ROOT_EXT, F_STP_ROOT_HW, F_STP_COST,
	F_STP_BR_PRIO, F_STP_BR_EXT, F_STP_BR_HW, F_STP_PORT, F_STP_MSG_AGE,
	F_STP_MAX_AGE, F_STP_HELLO, F_STP_FORWARD, F_STP_V1LEN, F_COUNT
};

static const struct field_def llc_fields[] = {
	[F_DSAP] = { "llc.dsap", "DSAP", FT_UINT, BASE_HEX, 8 },
	[F_DSAP_SAP] = { "llc.dsap.sap", "SAP", FT_UINT, BASE_DEC, 8 },
	[F_DSAP_IG] = { "llc.dsap.ig", "IG Bit", FT_BOOL, BASE_DEC, 8 },
	[F_SSAP] = { "llc.ssap", "SSAP", FT_UINT, BASE_HEX, 8 },
	[F_SSAP_SAP] = { "llc.ssap.sap", "SAP", FT_UINT, BASE_DEC, 8 },
	[F_SSAP_CR] = { "llc.ssap.cr", "CR Bit", FT_BOOL, BASE_DEC, 8 },
	[F_CONTROL] = { "llc.control", "Control field", FT_UINT, BASE_HEX,
	    16 },
	[F_N_R] = { "llc.control.n_r", "N(R)", FT_UINT, BASE_DEC, 16 },
	[F_N_S] = { "llc.control.n_s", "N(S)", FT_UINT, BASE_DEC, 16 },
	[F_P] = { "llc.control.p", "Poll", FT_BOOL, BASE_DEC, 8 },
	[F_F] = { "llc.control.f", "Final", FT_BOOL, BASE_DEC, 8 },
	[F_S_FTYPE] = { "llc.control.s_ftype", "Supervisory frame type",
	    FT_UINT, BASE_HEX, 16 },
	[F_U_CMD] = { "llc.control.u_modifier_cmd", "Command", FT_UINT,
	    BASE_HEX, 8 },
	[F_U_RESP] = { "llc.control.u_modifier_resp", "Response", FT_UINT,
	    BASE_HEX, 8 },
/* tshark registers ftype three times, 16 bits wide for I/S frames and
   8 for U frames; the -T fields printer matches one definition per name,
   so this one has the width of the common case, U frames. */
	[F_FTYPE] = { "llc.control.ftype", "Frame type", FT_UINT, BASE_HEX,
	    8 },
	[F_APPLE_PID] = { "llc.apple_atalk_pid", "PID", FT_UINT, BASE_HEX,
	    16 },
	[F_TYPE] = { "llc.type", "Type", FT_UINT, BASE_HEX, 16 },
	[F_OUI] = { "llc.oui", "Organization Code", FT_UINT, BASE_DEC, 24 },
	[F_PID] = { "llc.pid", "Protocol ID", FT_UINT, BASE_HEX, 16 },
	[F_CISCO_PID] = { "llc.cisco_pid", "PID", FT_UINT, BASE_HEX, 16 },
	[F_STP_PROTO] = { "stp.protocol", "Protocol Identifier", FT_UINT,
	    BASE_HEX, 16 },
	[F_STP_VERSION] = { "stp.version", "Protocol Version Identifier",
	    FT_UINT, BASE_DEC, 8 },
	[F_STP_TYPE] = { "stp.type", "BPDU Type", FT_UINT, BASE_HEX, 8 },
	[F_STP_FLAGS] = { "stp.flags", "BPDU flags", FT_UINT, BASE_HEX, 8 },
	[F_STP_TCACK] = { "stp.flags.tcack", "Topology Change Acknowledgment",
	    FT_BOOL, BASE_DEC, 8 },
	[F_STP_AGREE] = { "stp.flags.agreement", "Agreement", FT_BOOL,
	    BASE_DEC, 8 },
	[F_STP_FWD] = { "stp.flags.forwarding", "Forwarding", FT_BOOL,
	    BASE_DEC, 8 },
	[F_STP_LEARN] = { "stp.flags.learning", "Learning", FT_BOOL, BASE_DEC,
	    8 },
	[F_STP_ROLE] = { "stp.flags.port_role", "Port Role", FT_UINT, BASE_DEC,
	    8 },
	[F_STP_PROPOSAL] = { "stp.flags.proposal", "Proposal", FT_BOOL,
	    BASE_DEC, 8 },
	[F_STP_TC] = { "stp.flags.tc", "Topology Change", FT_BOOL, BASE_DEC,
	    8 },
	[F_STP_ROOT_PRIO] = { "stp.root.prio", "Root Bridge Priority", FT_UINT,
	    BASE_DEC, 16 },
	[F_STP_ROOT_EXT] = { "stp.root.ext", "Root Bridge System ID Extension",
	    FT_UINT, BASE_DEC, 16 },
	[F_STP_ROOT_HW] = { "stp.root.hw", "Root Bridge System ID", FT_ETHER,
	    BASE_DEC, 0 },
	[F_STP_COST] = { "stp.root.cost", "Root Path Cost", FT_UINT, BASE_DEC,
	    32 },
	[F_STP_BR_PRIO] = { "stp.bridge.prio", "Bridge Priority", FT_UINT,
	    BASE_DEC, 16 },
	[F_STP_BR_EXT] = { "stp.bridge.ext", "Bridge System ID Extension",
	    FT_UINT, BASE_DEC, 16 },
	[F_STP_BR_HW] = { "stp.bridge.hw", "Bridge System ID", FT_ETHER,
	    BASE_DEC, 0 },
	[F_STP_PORT] = { "stp.port", "Port identifier", FT_UINT, BASE_HEX,
	    16 },
	[F_STP_MSG_AGE] = { "stp.msg_age", "Message Age", FT_DOUBLE, BASE_DEC,
	    0 },
	[F_STP_MAX_AGE] = { "stp.max_age", "Max Age", FT_DOUBLE, BASE_DEC, 0 },
	[F_STP_HELLO] = { "stp.hello", "Hello Time", FT_DOUBLE, BASE_DEC, 0 },
	[F_STP_FORWARD] = { "stp.forward", "Forward Delay", FT_DOUBLE,
	    BASE_DEC, 0 },
	[F_STP_V1LEN] = { "stp.version_1_length", "Version 1 Length", FT_UINT,
	    BASE_DEC, 8 },
};
_Static_assert(sizeof llc_fields / sizeof llc_fields[0] == F_COUNT,
    "llc_fields: one entry per field id");
const struct field_table llc_field_table = { llc_fields, F_COUNT };

/* SAP names (the SAP without its IG / CR bit). */
static const struct value_name llc_saps[] = {
	{ 0x00, "NULL LSAP" },
	{ 0x02, "LLC Sub-Layer Management" },
	{ 0x04, "SNA Path Control" },
	{ 0x06, "TCP/IP" },
	{ 0x08, "SNA" },
	{ 0x0c, "SNA" },
	{ 0x0e, "PROWAY (IEC955) Network Management and Initialization" },
	{ 0x10, "NetWare (unofficial?)" },
	{ 0x14, "ISO Network Layer (OSLAN 1)" },
	{ 0x18, "Texas Instruments" },
	{ 0x20, "ISO Network Layer (unofficial?)" },
	{ 0x34, "ISO Network Layer (unofficial?)" },
	{ 0x42, "Spanning Tree BPDU" },
	{ 0x4e, "EIA RS-511 Manufacturing Message Service" },
	{ 0x54, "ISO Network Layer (OSLAN 2)" },
	{ 0x7e, "ISO 8208 (X.25 over 802.2)" },
	{ 0x80, "XNS" },
	{ 0x82, "BACnet" },
	{ 0x86, "Nestar" },
	{ 0x8e, "PROWAY (IEC955) Active Station List Maintenance" },
	{ 0x98, "ARP" },
	{ 0xaa, "SNAP" },
	{ 0xb4, "HP JetDirect Printer" },
	{ 0xba, "Banyan Vines" },
	{ 0xbc, "Banyan Vines" },
	{ 0xe0, "NetWare" },
	{ 0xf0, "NetBIOS" },
	{ 0xf4, "IBM Net Management" },
	{ 0xf8, "HP Extended LLC" },
	{ 0xfa, "Ungermann-Bass" },
	{ 0xfc, "Remote Program Load" },
	{ 0xfe, "ISO Network Layer" },
	{ 0, NULL }
};

/* U-frame modifiers ((control & 0xec) >> 2): long and short names. */
static const struct value_name llc_u_cmds[] = {
	{ 0x00, "Unnumbered Information" },
	{ 0x08, "Unnumbered Poll" },
	{ 0x10, "Disconnect" },
	{ 0x18, "Unnumbered Acknowledge" },
	{ 0x20, "Set Normal Response Mode" },
	{ 0x38, "Test" },
	{ 0x01, "Set Initialization Mode" },
	{ 0x21, "Frame reject" },
	{ 0x03, "Set Asynchronous Response Mode" },
	{ 0x1b, "Set Asynchronous Balanced Mode Extended" },
	{ 0x2b, "Exchange identification" },
	{ 0, NULL }
};

static const struct value_name llc_u_resps[] = {
	{ 0x00, "Unnumbered Information" },
	{ 0x10, "Request Disconnect" },
	{ 0x18, "Unnumbered Acknowledge" },
	{ 0x38, "Test" },
	{ 0x01, "Request Initialization Mode" },
	{ 0x21, "Frame reject" },
	{ 0x03, "Disconnected mode" },
	{ 0x2b, "Exchange identification" },
	{ 0, NULL }
};

static const struct value_name llc_u_cmd_abbrev[] = {
	{ 0x00, "UI" },
	{ 0x08, "UP" },
	{ 0x10, "DISC" },
	{ 0x18, "UA" },
	{ 0x20, "SNRM" },
	{ 0x38, "TEST" },
	{ 0x01, "SIM" },
	{ 0x21, "FRMR" },
	{ 0x03, "SARM" },
	{ 0x1b, "SABME" },
	{ 0x2b, "XID" },
	{ 0, NULL }
};

static const struct value_name llc_u_resp_abbrev[] = {
	{ 0x00, "UI" },
	{ 0x10, "RD" },
	{ 0x18, "UA" },
	{ 0x38, "TEST" },
	{ 0x01, "RIM" },
	{ 0x21, "FRMR" },
	{ 0x03, "DM" },
	{ 0x2b, "XID" },
	{ 0, NULL }
};

static const struct value_name llc_s_abbrev[] = {
	{ 0, "RR" },
	{ 1, "RNR" },
	{ 2, "REJ" },
	{ 3, "SREJ" },
	{ 0, NULL }
};

static const struct value_name llc_s_names[] = {
	{ 0, "Receiver ready" },
	{ 1, "Receiver not ready" },
	{ 2, "Reject" },
	{ 3, "Selective reject" },
	{ 0, NULL }
};

static const struct value_name llc_ouis[] = {
	{ 0x000000, "Officially Xerox, but 0:0:0:0:0:0 is more common" },
	{ 0x00000c, "Cisco Systems, Inc" },
	{ 0x0080c2, "IEEE 802.1 Bridge Group" },
	{ 0x080007, "Apple Computer" },
	{ 0, NULL }
};

static const struct value_name stp_types[] = {
	{ 0x00, "Configuration" },
	{ 0x02, "Rapid/Multiple Spanning Tree" },
	{ 0x80, "Topology Change Notification" },
	{ 0, NULL }
};

static const struct value_name stp_versions[] = {
	{ 0, "Spanning Tree" },
	{ 2, "Rapid Spanning Tree" },
	{ 3, "Multiple Spanning Tree" },
	{ 4, "Shortest Path Tree" },
	{ 0, NULL }
};

/* A name for the Info column, or "Unknown" when there is none. */
static const char *
llc_name_or(const struct value_name *t, uint32_t value)
{
	const char *n = field_value_name(t, value);

	return n != NULL ? n : "Unknown";
}

/* Report a bridge identifier: priority, system ID extension, MAC. */
static void
stp_bridge_id(struct dissect *d, size_t off, const uint8_t *id, int prio,
    int ext, int hw, char *text, size_t size)
{
	unsigned v = (unsigned)id[0] << 8 | id[1];

	snprintf(text, size, "%u / %u / %02x:%02x:%02x:%02x:%02x:%02x",
	    v & 0xf000, v & 0x0fff, id[2], id[3], id[4], id[5], id[6], id[7]);
	d_text(d, off, 8, "%s Identifier: %s",
	    prio == F_STP_ROOT_PRIO ? "Root" : "Bridge", text);
	d_push(d);
	d_uint(d, &llc_fields[prio], off, 1, v & 0xf000, NULL);
	d_uint(d, &llc_fields[ext], off, 2, v & 0x0fff, NULL);
	d_addr(d, &llc_fields[hw], off + 2, 6, id + 2);
	d_pop(d);
}

/* Report a time in 1/256 s as tshark's double, if two bytes are left. */
static bool
stp_time(struct dissect *d, struct cursor *c, int f)
{
	uint16_t v;
	size_t off = c->pos;

	if (!cur_be16(c, &v))
		return false;
	d_double(d, &llc_fields[f], off, 2, v / 256.0);
	return true;
}

/* The flags of a configuration or RST BPDU, with their bits. */
static void
stp_flags(struct dissect *d, size_t off, uint8_t fl, bool rst)
{
	d_uint(d, &llc_fields[F_STP_FLAGS], off, 1, fl, NULL);
	d_push(d);
	d_bool(d, &llc_fields[F_STP_TCACK], off, 1, fl & 0x80,
	    (fl & 0x80) ? "Yes" : "No");
	if (rst) {
		d_bool(d, &llc_fields[F_STP_AGREE], off, 1, fl & 0x40,
		    (fl & 0x40) ? "Yes" : "No");
		d_bool(d, &llc_fields[F_STP_FWD], off, 1, fl & 0x20,
		    (fl & 0x20) ? "Yes" : "No");
		d_bool(d, &llc_fields[F_STP_LEARN], off, 1, fl & 0x10,
		    (fl & 0x10) ? "Yes" : "No");
		d_uint(d, &llc_fields[F_STP_ROLE], off, 1, (fl >> 2) & 3,
		    NULL);
		d_bool(d, &llc_fields[F_STP_PROPOSAL], off, 1, fl & 0x02,
		    (fl & 0x02) ? "Yes" : "No");
	}
	d_bool(d, &llc_fields[F_STP_TC], off, 1, fl & 0x01,
	    (fl & 0x01) ? "Yes" : "No");
	d_pop(d);
}

/* A Spanning Tree BPDU: the common header, then config / RST fields. */
static void
stp_decode(struct dissect *d, struct cursor c)
{
	uint16_t proto, port;
	uint8_t ver, type, fl, root[8], bridge[8], v1len;
	uint32_t cost;
	size_t start = c.pos;
	char rtext[48], btext[48];
	bool rst;

	if (!d_open(d, P_STP, start))
		return;
	/* tshark reads the header, and for configuration and RST BPDUs
	   everything up to the port, before it shows any field. */
	if (!cur_peek8(&c, 3, &type) || ((type == STP_TYPE_CONFIG ||
	    type == STP_TYPE_RST) && !cur_has(&c, STP_CONF_FIXED)))
		goto trunc;
	(void)cur_be16(&c, &proto);
	(void)cur_u8(&c, &ver);
	(void)cur_u8(&c, &type);
	d_uint(d, &llc_fields[F_STP_PROTO], start, 2, proto,
	    proto == 0 ? "Spanning Tree Protocol" : NULL);
	d_uint(d, &llc_fields[F_STP_VERSION], start + 2, 1, ver,
	    field_value_name(stp_versions, ver));
	d_uint(d, &llc_fields[F_STP_TYPE], start + 3, 1, type,
	    field_value_name(stp_types, type));
	if (type == STP_TYPE_TCN) {
		d_info(d, "Topology Change Notification");
		d_close(d, c.pos, LAYER_OK);
		return;
	}
	if (type != STP_TYPE_CONFIG && type != STP_TYPE_RST) {
		d_close(d, c.pos, LAYER_OK);
		return;
	}
	rst = type == STP_TYPE_RST;
	if (!cur_u8(&c, &fl))
		goto trunc;
	stp_flags(d, start + 4, fl, rst);
	if (!cur_bytes(&c, root, sizeof root))
		goto trunc;
	stp_bridge_id(d, start + 5, root, F_STP_ROOT_PRIO, F_STP_ROOT_EXT,
	    F_STP_ROOT_HW, rtext, sizeof rtext);
	if (!cur_be32(&c, &cost))
		goto trunc;
	d_uint(d, &llc_fields[F_STP_COST], start + 13, 4, cost, NULL);
	if (!cur_bytes(&c, bridge, sizeof bridge))
		goto trunc;
	stp_bridge_id(d, start + 17, bridge, F_STP_BR_PRIO, F_STP_BR_EXT,
	    F_STP_BR_HW, btext, sizeof btext);
	if (!cur_be16(&c, &port))
		goto trunc;
	d_uint(d, &llc_fields[F_STP_PORT], start + 25, 2, port, NULL);
	/* tshark writes Info before it reads the times. */
	{
		unsigned rp = (unsigned)root[0] << 8 | root[1];

		d_info(d, "%s. Root = %u/%u/%02x:%02x:%02x:%02x:%02x:%02x  "
		    "Cost = %u  Port = 0x%04x", rst ? "RST" : "Conf",
		    rp & 0xf000, rp & 0x0fff, root[2], root[3], root[4],
		    root[5], root[6], root[7], cost, port);
	}
	if (!stp_time(d, &c, F_STP_MSG_AGE) ||
	    !stp_time(d, &c, F_STP_MAX_AGE) ||
	    !stp_time(d, &c, F_STP_HELLO) ||
	    !stp_time(d, &c, F_STP_FORWARD))
		goto trunc;
	if (rst) {
		if (!cur_u8(&c, &v1len))
			goto trunc;
		d_uint(d, &llc_fields[F_STP_V1LEN], start + 35, 1, v1len,
		    NULL);
	}
	d_close(d, c.pos, LAYER_OK);
	return;
trunc:
	d_text(d, c.pos, cur_left(&c), "[truncated]");
	d_close(d, c.end, LAYER_TRUNCATED);
}

/*
 * SNAP: the OUI and protocol ID, then the payload; OUI 0 carries an
 * EtherType, decoded when wiretop knows it.  Info as tshark writes it
 * while nothing above replaces it.
 */
static bool
llc_snap(struct dissect *d, struct cursor *c)
{
	uint32_t oui;
	uint16_t pid;
	size_t off = c->pos;

	if (!cur_be24(c, &oui) || !cur_be16(c, &pid))
		return false;
	d_uint(d, &llc_fields[F_OUI], off, 3, oui, field_value_name(llc_ouis, oui));
	d_info_append(d, "; SNAP, OUI 0x%06X (%s), PID 0x%04X", oui,
	    llc_name_or(llc_ouis, oui), pid);
	if (oui == OUI_ENCAP_ETHER) {
		d_uint(d, &llc_fields[F_TYPE], off + 3, 2, pid,
		    ethertype_name(pid));
		if (pid == 0x0800 || pid == 0x86dd || pid == 0x0806 ||
		    pid == 0x8100 || pid == 0x88a8)
			ethertype_dispatch(d, pid, *c);
		else
			data_decode(d, *c);
		return true;
	}
	/* tshark names the PID field after the organization. */
	d_uint(d, &llc_fields[oui == OUI_CISCO ? F_CISCO_PID :
	    oui == OUI_APPLE_ATALK ? F_APPLE_PID : F_PID], off + 3, 2, pid,
	    NULL);
	if (oui == OUI_CISCO && pid == CISCO_PID_PVST)
		stp_decode(d, *c);
	else
		data_decode(d, *c);
	return true;
}

/* Decode an 802.2 LLC header (and SNAP or STP after it). */
void
llc_decode(struct dissect *d, struct cursor c)
{
	uint8_t dsap, ssap, b0, b1;
	uint16_t ctl;
	size_t start = c.pos;
	bool resp, pf;
	unsigned mod;

	if (!d_open(d, P_LLC, start))
		return;
	if (!cur_u8(&c, &dsap))
		goto trunc;
	d_uint(d, &llc_fields[F_DSAP], start, 1, dsap,
	    field_value_name(llc_saps, dsap & 0xfe));
	d_push(d);
	d_uint(d, &llc_fields[F_DSAP_SAP], start, 1, dsap >> 1,
	    field_value_name(llc_saps, dsap & 0xfe));
	d_bool(d, &llc_fields[F_DSAP_IG], start, 1, dsap & 1,
	    (dsap & 1) ? "Group" : "Individual");
	d_pop(d);
	if (!cur_u8(&c, &ssap))
		goto trunc;
	resp = (ssap & 1) != 0;
	d_uint(d, &llc_fields[F_SSAP], start + 1, 1, ssap,
	    field_value_name(llc_saps, ssap & 0xfe));
	d_push(d);
	d_uint(d, &llc_fields[F_SSAP_SAP], start + 1, 1, ssap >> 1,
	    field_value_name(llc_saps, ssap & 0xfe));
	d_bool(d, &llc_fields[F_SSAP_CR], start + 1, 1, resp,
	    resp ? "Response" : "Command");
	d_pop(d);
	if (!cur_u8(&c, &b0))
		goto trunc;
	if ((b0 & 3) == LLC_U_FRAME) {
		mod = (b0 & 0xec) >> 2;
		pf = (b0 & LLC_PF_U) != 0;
		d_uint(d, &llc_fields[F_CONTROL], start + 2, 1, b0, NULL);
		d_push(d);
		d_uint(d, &llc_fields[resp ? F_U_RESP : F_U_CMD], start + 2,
		    1, mod, field_value_name(resp ? llc_u_resps : llc_u_cmds, mod));
		if (pf)
			d_bool(d, &llc_fields[resp ? F_F : F_P], start + 2, 1,
			    true, "Set");
		d_uint(d, &llc_fields[F_FTYPE], start + 2, 1, LLC_U_FRAME,
		    "Unnumbered frame");
		d_pop(d);
		d_info(d, "U%s, func=%s", pf ? (resp ? " F" : " P") : "",
		    llc_name_or(resp ? llc_u_resp_abbrev : llc_u_cmd_abbrev,
		    mod));
	} else {
		if (!cur_u8(&c, &b1))
			goto trunc;
		ctl = (uint16_t)(b1 << 8 | b0);
		pf = (ctl & LLC_PF_IS) != 0;
		d_uint(d, &llc_fields[F_CONTROL], start + 2, 2, ctl, NULL);
		d_push(d);
		d_uint(d, &llc_fields[F_N_R], start + 2, 2, ctl >> 9, NULL);
		if ((b0 & 3) == LLC_S_FRAME) {
			if (pf)
				d_bool(d, &llc_fields[resp ? F_F : F_P],
				    start + 2, 2, true, "Set");
			d_uint(d, &llc_fields[F_S_FTYPE], start + 2, 2,
			    (ctl >> 2) & 3, field_value_name(llc_s_names,
			    (ctl >> 2) & 3));
			d_uint(d, &llc_fields[F_FTYPE], start + 2, 2,
			    LLC_S_FRAME, "Supervisory frame");
			d_info(d, "S%s, func=%s, N(R)=%u",
			    pf ? (resp ? " F" : " P") : "",
			    llc_name_or(llc_s_abbrev, (ctl >> 2) & 3),
			    ctl >> 9);
		} else {
			d_uint(d, &llc_fields[F_N_S], start + 2, 2,
			    (ctl >> 1) & 0x7f, NULL);
			if (pf)
				d_bool(d, &llc_fields[resp ? F_F : F_P],
				    start + 2, 2, true, "Set");
			d_uint(d, &llc_fields[F_FTYPE], start + 2, 2, 0,
			    "Information frame");
			d_info(d, "I%s, N(R)=%u, N(S)=%u",
			    pf ? (resp ? " F" : " P") : "", ctl >> 9,
			    (ctl >> 1) & 0x7f);
		}
		d_pop(d);
	}
	if (dsap == LLC_SAP_SNAP && ssap == LLC_SAP_SNAP &&
	    b0 == LLC_U_FRAME) {
		if (!llc_snap(d, &c))
			goto trunc;
		d_close(d, c.end, LAYER_OK);
		return;
	}
	d_info_append(d, "; DSAP %s %s, SSAP %s %s",
	    llc_name_or(llc_saps, dsap & 0xfe),
	    (dsap & 1) ? "Group" : "Individual",
	    llc_name_or(llc_saps, ssap & 0xfe), resp ? "Response" : "Command");
	if (dsap == LLC_SAP_STP && ssap == LLC_SAP_STP)
		stp_decode(d, c);
	else
		data_decode(d, c);
	d_close(d, c.end, LAYER_OK);
	return;
trunc:
	d_text(d, c.pos, cur_left(&c), "[truncated]");
	d_close(d, c.end, LAYER_TRUNCATED);
}
