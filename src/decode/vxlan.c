/*
 * Virtual eXtensible Local Area Network: RFC 7348 (UDP port 4789), with
 * the Group Based Policy extension (draft-smith-vxlan-group-policy) that
 * Wireshark also decodes in the same header.
 *
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |G|R|R|R|I|R|R|R|R|D|R|R|A|R|R|R|        Group Policy ID        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          VXLAN Network Identifier (VNI)       |   Reserved    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The inner Ethernet frame follows and is decoded as nested layers.
 */
#include "config.h"

#include "decoders.h"

#define VXLAN_G		0x8000
#define VXLAN_I		0x0800
#define VXLAN_D		0x0040
#define VXLAN_A		0x0008
#define VXLAN_RSVD	0x77b7

enum {
	F_FLAGS, F_G, F_I, F_D, F_A, F_RSVD, F_GBP, F_VNI, F_RSVD8, F_COUNT
};

static const struct field_def vxlan_fields[] = {
	[F_FLAGS] = { "vxlan.flags", "Flags", FT_UINT, BASE_HEX, 16 },
	[F_G] = { "vxlan.flag_g", "GBP Extension", FT_BOOL, 0, 16 },
	[F_I] = { "vxlan.flag_i", "VXLAN Network ID (VNI)", FT_BOOL, 0, 16 },
	[F_D] = { "vxlan.flag_d", "Don't Learn", FT_BOOL, 0, 16 },
	[F_A] = { "vxlan.flag_a", "Policy Applied", FT_BOOL, 0, 16 },
	[F_RSVD] = { "vxlan.flags_reserved", "Reserved(R)", FT_UINT,
	    BASE_HEX, 16 },
	[F_GBP] = { "vxlan.gbp", "Group Policy ID", FT_UINT, BASE_DEC, 16 },
	[F_VNI] = { "vxlan.vni", "VXLAN Network Identifier (VNI)", FT_UINT,
	    BASE_DEC, 24 },
	[F_RSVD8] = { "vxlan.reserved8", "Reserved", FT_UINT, BASE_DEC, 8 },
};
_Static_assert(sizeof vxlan_fields / sizeof vxlan_fields[0] == F_COUNT,
    "vxlan_fields: one entry per field id");
const struct field_table vxlan_field_table = { vxlan_fields, F_COUNT };

/* Decode a VXLAN header and the Ethernet frame it carries. */
void
vxlan_decode(struct dissect *d, struct cursor c)
{
	size_t start = c.pos;
	uint16_t fl, gbp;
	uint32_t vni;
	uint8_t rsvd;

	if (!d_open(d, P_VXLAN, c.pos))
		return;
	if (!cur_be16(&c, &fl))
		goto trunc;
	d_uint(d, &vxlan_fields[F_FLAGS], start, 2, fl, NULL);
	d_push(d);
	d_bool(d, &vxlan_fields[F_G], start, 2, fl & VXLAN_G,
	    fl & VXLAN_G ? "Defined" : "Not defined");
	d_bool(d, &vxlan_fields[F_I], start, 2, fl & VXLAN_I,
	    fl & VXLAN_I ? "True" : "False");
	d_bool(d, &vxlan_fields[F_D], start, 2, fl & VXLAN_D,
	    fl & VXLAN_D ? "True" : "False");
	d_bool(d, &vxlan_fields[F_A], start, 2, fl & VXLAN_A,
	    fl & VXLAN_A ? "True" : "False");
	d_uint(d, &vxlan_fields[F_RSVD], start, 2, fl & VXLAN_RSVD, NULL);
	d_pop(d);
	if (!cur_be16(&c, &gbp))
		goto trunc;
	d_uint(d, &vxlan_fields[F_GBP], start + 2, 2, gbp, NULL);
	if (!cur_be24(&c, &vni))
		goto trunc;
	d_uint(d, &vxlan_fields[F_VNI], start + 4, 3, vni, NULL);
	if (!cur_u8(&c, &rsvd))
		goto trunc;
	d_uint(d, &vxlan_fields[F_RSVD8], start + 7, 1, rsvd, NULL);

	if (cur_left(&c) > 0) {
		if (d->nest >= DISSECT_MAX_NEST) {
			d_text(d, c.pos, 0, "[nesting limit reached]");
			data_decode(d, c);
		} else {
			d->nest++;
			eth_decode(d, c);
			d->nest--;
		}
	}
	d_close(d, c.end, LAYER_OK);
	return;
trunc:
	d_text(d, c.pos, 0, "[truncated]");
	d_close(d, c.end, LAYER_TRUNCATED);
}
