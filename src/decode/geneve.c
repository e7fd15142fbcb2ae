/*
 * Generic Network Virtualization Encapsulation: RFC 8926 (UDP port 6081).
 *
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Ver|  Opt Len  |O|C|    Rsvd.  |          Protocol Type        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Virtual Network Identifier (VNI)       |    Reserved   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Options (Opt Len 4-byte words)                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Each option:
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Option Class         |C|    Type     |R|R|R| Length  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |              Option Data (Length 4-byte words)                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The inner packet (by Protocol Type, an EtherType) follows the options
 * and is decoded as nested layers.
 */
#include "config.h"

#include "decoders.h"

#define GENEVE_GCP	0x0132	/* Google's option class */

enum {
	F_VER, F_OPTLEN, F_FLAGS, F_OAM, F_CRIT, F_FRSVD, F_PROTO, F_VNI,
	F_RSVD, F_OPTS, F_OPT, F_OCLASS, F_OTYPE, F_OTCRIT, F_OFLAGS,
	F_OFRSVD, F_ODATA, F_GVNID, F_GDIR, F_GRSVD, F_GEP, F_GPROF, F_COUNT
};

static const struct field_def geneve_fields[] = {
	[F_VER] = { "geneve.version", "Version", FT_UINT, BASE_DEC, 8 },
	/* Wireshark reuses the option length field for the header's
	   options length, in bytes. */
	[F_OPTLEN] = { "geneve.option.length", "Length", FT_UINT, BASE_DEC,
	    8 },
	[F_FLAGS] = { "geneve.flags", "Flags", FT_UINT, BASE_HEX, 8 },
	[F_OAM] = { "geneve.flags.oam",
	    "Operations, Administration and Management Frame", FT_BOOL, 0,
	    8 },
	[F_CRIT] = { "geneve.flags.critical", "Critical Options Present",
	    FT_BOOL, 0, 8 },
	[F_FRSVD] = { "geneve.flags.reserved", "Reserved", FT_BOOL, 0, 8 },
	[F_PROTO] = { "geneve.proto_type", "Protocol Type", FT_UINT,
	    BASE_HEX, 16 },
	[F_VNI] = { "geneve.vni", "Virtual Network Identifier (VNI)", FT_UINT,
	    BASE_HEX, 24 },
	[F_RSVD] = { "geneve.reserved", "Reserved", FT_UINT, BASE_HEX, 8 },
	[F_OPTS] = { "geneve.options", "Geneve Options", FT_BYTES, 0, 0 },
	[F_OPT] = { "geneve.option", "Option", FT_BYTES, 0, 0 },
	[F_OCLASS] = { "geneve.option.class", "Class", FT_UINT, BASE_HEX,
	    16 },
	[F_OTYPE] = { "geneve.option.type", "Type", FT_UINT, BASE_HEX, 8 },
	[F_OTCRIT] = { "geneve.option.type.critical", "Critical Option",
	    FT_BOOL, 0, 8 },
	[F_OFLAGS] = { "geneve.option.flags", "Flags", FT_UINT, BASE_HEX, 8 },
	[F_OFRSVD] = { "geneve.option.flags.reserved", "Reserved", FT_BOOL,
	    0, 8 },
	[F_ODATA] = { "geneve.option.unknown.data", "Unknown Option Data",
	    FT_BYTES, 0, 0 },
	[F_GVNID] = { "geneve.option.gcp.vnid", "GCP Virtual Network ID",
	    FT_UINT, BASE_DEC, 32 },
	[F_GDIR] = { "geneve.option.gcp.direction", "GCP Traffic Direction",
	    FT_BOOL, 0, 32 },
	[F_GRSVD] = { "geneve.option.gcp.reserved", "GCP Reserved bits",
	    FT_BOOL, 0, 32 },
	[F_GEP] = { "geneve.option.gcp.endpoint", "GCP Endpoint ID", FT_BYTES,
	    0, 0 },
	[F_GPROF] = { "geneve.option.gcp.profile", "GCP Profile ID", FT_UINT,
	    BASE_DEC, 64 },
};
_Static_assert(sizeof geneve_fields / sizeof geneve_fields[0] == F_COUNT,
    "geneve_fields: one entry per field id");
const struct field_table geneve_field_table = { geneve_fields, F_COUNT };

/* Google's options (class 0x0132) Wireshark decodes; false if not one. */
static bool
geneve_gcp(struct dissect *d, uint8_t type, struct cursor o)
{
	size_t n = cur_left(&o);
	uint32_t v;
	uint32_t hi, lo;

	if (type == 1 && n == 4) {
		cur_be32(&o, &v);
		d_uint(d, &geneve_fields[F_GVNID], o.pos - 4, 4, v >> 4, NULL);
		d_bool(d, &geneve_fields[F_GDIR], o.pos - 4, 4, v & 1,
		    v & 1 ? "Egress" : "Ingress");
		d_bool(d, &geneve_fields[F_GRSVD], o.pos - 4, 4, v & 0xe,
		    NULL);
		return true;
	}
	if (type == 2 && n == 16) {
		d_bytes(d, &geneve_fields[F_GEP], o.pos, 16);
		return true;
	}
	if (type == 3 && n == 8) {
		cur_be32(&o, &hi);
		cur_be32(&o, &lo);
		d_uint(d, &geneve_fields[F_GPROF], o.pos - 8, 8,
		    (uint64_t)hi << 32 | lo, NULL);
		return true;
	}
	return false;
}

/*
 * The options area (exactly its bytes in o).  Returns false if an option
 * claims more than the area holds.  Every option is at least 4 bytes, so
 * the loop ends.
 */
static bool
geneve_options(struct dissect *d, struct cursor o)
{
	while (cur_left(&o) > 0) {
		size_t at = o.pos, olen;
		uint16_t cls;
		uint8_t type, b3;
		struct cursor data;

		if (!cur_be16(&o, &cls) || !cur_u8(&o, &type) ||
		    !cur_u8(&o, &b3)) {
			d_malformed(d, at, 0, "option header cut");
			return false;
		}
		olen = 4 + (size_t)(b3 & 0x1f) * 4;
		if (!cur_has(&o, olen - 4)) {
			d_malformed(d, at, 4, "option length of %zu is "
			    "past end of options", olen);
			return false;
		}
		d_bytes(d, &geneve_fields[F_OPT], at, olen);
		d_push(d);
		d_uint(d, &geneve_fields[F_OCLASS], at, 2, cls, NULL);
		d_uint(d, &geneve_fields[F_OTYPE], at + 2, 1, type,
		    type & 0x80 ? "Critical" : "Non-critical");
		d_push(d);
		d_bool(d, &geneve_fields[F_OTCRIT], at + 2, 1, type & 0x80,
		    NULL);
		d_pop(d);
		d_uint(d, &geneve_fields[F_OFLAGS], at + 3, 1, b3 >> 5, NULL);
		d_push(d);
		d_bool(d, &geneve_fields[F_OFRSVD], at + 3, 1, b3 & 0xe0, NULL);
		d_pop(d);
		d_uint(d, &geneve_fields[F_OPTLEN], at + 3, 1, olen, NULL);
		data = cur_sub(&o, olen - 4, NULL);
		if (cls != GENEVE_GCP || !geneve_gcp(d, type, data))
			d_bytes(d, &geneve_fields[F_ODATA], data.pos,
			    olen - 4);
		d_pop(d);
		cur_skip(&o, olen - 4);
	}
	return true;
}

/* Decode a Geneve header, its options and the packet it carries. */
void
geneve_decode(struct dissect *d, struct cursor c)
{
	size_t start = c.pos, optlen;
	uint8_t b0, b1, rsvd;
	uint16_t proto;
	uint32_t vni;
	bool cut;
	struct cursor o;
	int status = LAYER_OK;

	if (!d_open(d, P_GENEVE, c.pos))
		return;
	if (!cur_u8(&c, &b0))
		goto trunc;
	d_uint(d, &geneve_fields[F_VER], start, 1, b0 >> 6, NULL);
	if (b0 >> 6 != 0)
		d_text(d, start, 0, "Unknown version %u", b0 >> 6);
	optlen = (size_t)(b0 & 0x3f) * 4;
	d_uint(d, &geneve_fields[F_OPTLEN], start, 1, optlen, NULL);
	if (!cur_u8(&c, &b1))
		goto trunc;
	d_uint(d, &geneve_fields[F_FLAGS], start + 1, 1, b1, NULL);
	d_push(d);
	d_bool(d, &geneve_fields[F_OAM], start + 1, 1, b1 & 0x80,
	    b1 & 0x80 ? "True" : "False");
	d_bool(d, &geneve_fields[F_CRIT], start + 1, 1, b1 & 0x40,
	    b1 & 0x40 ? "True" : "False");
	d_bool(d, &geneve_fields[F_FRSVD], start + 1, 1, b1 & 0x3f,
	    b1 & 0x3f ? "True" : "False");
	d_pop(d);
	if (!cur_be16(&c, &proto))
		goto trunc;
	d_uint(d, &geneve_fields[F_PROTO], start + 2, 2, proto,
	    ethertype_name(proto));
	if (!cur_be24(&c, &vni))
		goto trunc;
	d_uint(d, &geneve_fields[F_VNI], start + 4, 3, vni, NULL);
	if (!cur_u8(&c, &rsvd))
		goto trunc;
	d_uint(d, &geneve_fields[F_RSVD], start + 7, 1, rsvd, NULL);

	if (optlen > 0) {
		o = cur_sub(&c, optlen, &cut);
		d_bytes(d, &geneve_fields[F_OPTS], o.pos, cur_left(&o));
		d_push(d);
		/* A cut capture is not a contradiction in the header. */
		if (!geneve_options(d, o) && !cut)
			status |= LAYER_MALFORMED;
		d_pop(d);
		if (cut) {
			cur_skip(&c, cur_left(&c));
			goto trunc;
		}
		cur_skip(&c, optlen);
	}

	if (cur_left(&c) > 0) {
		if (d->nest >= DISSECT_MAX_NEST) {
			d_text(d, c.pos, 0, "[nesting limit reached]");
			data_decode(d, c);
		} else {
			d->nest++;
			if (proto == 0x6558)
				eth_decode(d, c);
			else
				ethertype_dispatch(d, proto, c);
			d->nest--;
		}
	}
	d_close(d, c.end, status);
	return;
trunc:
	d_text(d, c.pos, 0, "[truncated]");
	d_close(d, c.end, status | LAYER_TRUNCATED);
}
