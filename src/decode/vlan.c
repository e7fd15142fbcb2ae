/*
 * IEEE 802.1Q VLAN tags (C-tag, TPID 0x8100) and IEEE 802.1ad provider
 * bridging S-tags (TPID 0x88a8; 0x9100 is the old pre-standard value,
 * decoded as an 802.1Q tag as tshark does).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | PCP |D|        VLAN ID        |    EtherType or Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   (the TPID that announced the tag is the EtherType before it)
 *
 * Stacked tags nest through ethertype_dispatch(); each tag that hands
 * over to another tag takes one level of d->nest, so a frame of many tags
 * stops at DISSECT_MAX_NEST and the rest is data.  An S-tag directly
 * followed by another 0x88a8 tag is shown as one layer with S-VID and
 * C-VID, as tshark 4.0 shows it.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>

#include "decoders.h"

#define ETH_TYPE_MIN		1536
#define TPID_8021AD		0x88a8

enum {
	F_PRIO, F_DEI, F_ID, F_ETYPE, F_LEN, F_TRAILER, F_AD_PRIO, F_AD_DEI,
	F_AD_ID, F_AD_SVID, F_AD_CVID, F_AH_ETYPE, F_AH_TRAILER, F_COUNT
};

static const struct field_def vlan_fields[] = {
	[F_PRIO] = { "vlan.priority", "Priority", FT_UINT, BASE_DEC, 16 },
	[F_DEI] = { "vlan.dei", "DEI", FT_BOOL, BASE_DEC, 16 },
	[F_ID] = { "vlan.id", "ID", FT_UINT, BASE_DEC, 16 },
	[F_ETYPE] = { "vlan.etype", "Type", FT_UINT, BASE_HEX, 16,
	    .vals = ethertype_names },
	[F_LEN] = { "vlan.len", "Length", FT_UINT, BASE_DEC, 16 },
	[F_TRAILER] = { "vlan.trailer", "Trailer", FT_BYTES, BASE_DEC, 0 },
	[F_AD_PRIO] = { "ieee8021ad.priority", "Priority", FT_UINT, BASE_DEC,
	    16 },
	[F_AD_DEI] = { "ieee8021ad.dei", "DEI", FT_UINT, BASE_DEC, 16 },
	[F_AD_ID] = { "ieee8021ad.id", "ID", FT_UINT, BASE_DEC, 16 },
	[F_AD_SVID] = { "ieee8021ad.svid", "ID", FT_UINT, BASE_DEC, 16 },
	[F_AD_CVID] = { "ieee8021ad.cvid", "ID", FT_UINT, BASE_DEC, 16 },
	[F_AH_ETYPE] = { "ieee8021ah.etype", "Type", FT_UINT, BASE_HEX, 16 },
	[F_AH_TRAILER] = { "ieee8021ah.trailer", "Trailer", FT_BYTES, BASE_DEC,
	    0 },
};
_Static_assert(sizeof vlan_fields / sizeof vlan_fields[0] == F_COUNT,
    "vlan_fields: one entry per field id");
const struct field_table vlan_field_table = { vlan_fields, F_COUNT };

/* 802.1D-2004 traffic types, the names tshark shows by default. */
static const struct value_name vlan_prio_names[] = {
	{ 0, "Best Effort (default)" },
	{ 1, "Background" },
	{ 2, "Spare" },
	{ 3, "Excellent Effort" },
	{ 4, "Controlled Load" },
	{ 5, "Video, < 100ms latency and jitter" },
	{ 6, "Voice, < 10ms latency and jitter" },
	{ 7, "Network Control" },
	{ 0, NULL }
};

/* The traffic type name of a priority code point. */
static const char *
vlan_prio_name(unsigned pcp)
{
	return field_value_name(vlan_prio_names, pcp);
}

/* Hand the payload after a tag to the decoder for type, bounding nesting. */
static void
vlan_next(struct dissect *d, uint16_t type, struct cursor c)
{
	/* Another tag nests one level deeper. */
	if (!ethertype_is_tag(type)) {
		ethertype_dispatch(d, type, c);
		return;
	}
	if (d->nest >= DISSECT_MAX_NEST) {
		d_text(d, c.pos, 0, "[too many nested VLAN tags]");
		data_decode(d, c);
		return;
	}
	d->nest++;
	ethertype_dispatch(d, type, c);
	d->nest--;
}

/*
 * An 802.1Q tag: priority, DEI, VLAN ID, then an EtherType or, below
 * 1536, an 802.3 length with LLC in that many bytes.
 */
static void
vlan_8021q(struct dissect *d, struct cursor c)
{
	uint16_t tci, tl;
	size_t start = c.pos;

	if (!d_open(d, P_VLAN, start))
		return;
	/* tshark reads the TCI and the type before it shows a field. */
	if (!cur_be16(&c, &tci) || !cur_be16(&c, &tl)) {
		d_text(d, start, cur_left(&c), "[truncated]");
		d_close(d, c.end, LAYER_TRUNCATED);
		return;
	}
	d_uint(d, &vlan_fields[F_PRIO], start, 2, tci >> 13,
	    vlan_prio_name(tci >> 13));
	d_bool(d, &vlan_fields[F_DEI], start, 2, (tci & 0x1000) != 0,
	    (tci & 0x1000) ? "Eligible" : "Ineligible");
	d_uint(d, &vlan_fields[F_ID], start, 2, tci & 0x0fff, NULL);
	d_info(d, "PRI: %u  DEI: %u  ID: %u", tci >> 13,
	    (tci >> 12) & 1, tci & 0x0fff);
	if (tl >= ETH_TYPE_MIN) {
		d_uint(d, &vlan_fields[F_ETYPE], start + 2, 2, tl,
		    ethertype_name(tl));
		vlan_next(d, tl, c);
		d_close(d, c.end, LAYER_OK);
		return;
	}
	/* An 802.3 length: padding and vlan.trailer after, never an FCS. */
	d_uint(d, &vlan_fields[F_LEN], start + 2, 2, tl, NULL);
	d_close(d, c.end, eth_8023_payload(d, c, tl, start + 2,
	    "vlan.trailer", false));
}

/* Report one S-tag or C-tag TCI of an 802.1ad layer. */
static void
vlan_ad_tci(struct dissect *d, size_t off, uint16_t tci, int idf)
{
	d_uint(d, &vlan_fields[F_AD_PRIO], off, 2, tci >> 13, NULL);
	d_uint(d, &vlan_fields[F_AD_DEI], off, 2, (tci >> 12) & 1, NULL);
	d_uint(d, &vlan_fields[idf], off, 2, tci & 0x0fff, NULL);
}

/* An 802.1ad S-tag (and its C-tag when that is another 0x88a8 tag). */
static void
vlan_8021ad(struct dissect *d, struct cursor c)
{
	uint16_t tci, type, ctci;
	size_t start = c.pos;

	if (!d_open(d, P_IEEE8021AD, start))
		return;
	if (!cur_be16(&c, &tci) || !cur_be16(&c, &type)) {
		d_text(d, start, cur_left(&c), "[truncated]");
		d_close(d, c.end, LAYER_TRUNCATED);
		return;
	}
	if (type == TPID_8021AD) {
		/* Both tags in one layer: S-VID, then C-VID. */
		vlan_ad_tci(d, start, tci, F_AD_SVID);
		if (!cur_be16(&c, &ctci) || !cur_be16(&c, &type)) {
			d_text(d, start + 4, cur_left(&c), "[truncated]");
			d_close(d, c.end, LAYER_TRUNCATED);
			return;
		}
		vlan_ad_tci(d, start + 4, ctci, F_AD_CVID);
		d_uint(d, &vlan_fields[F_AH_ETYPE], start + 6, 2, type,
		    ethertype_name(type));
		d_info(d, "PRI: %u  DROP: %u S-VID: %u C-VID: %u", tci >> 13,
		    (tci >> 12) & 1, tci & 0x0fff, ctci & 0x0fff);
	} else {
		vlan_ad_tci(d, start, tci, F_AD_ID);
		d_uint(d, &vlan_fields[F_AH_ETYPE], start + 2, 2, type,
		    ethertype_name(type));
		d_info(d, "PRI: %u  DROP: %u ID: %u", tci >> 13,
		    (tci >> 12) & 1, tci & 0x0fff);
	}
	vlan_next(d, type, c);
	d_close(d, c.end, LAYER_OK);
}

/* Decode a VLAN tag announced by tpid. */
void
vlan_decode(struct dissect *d, uint16_t tpid, struct cursor c)
{
	if (tpid == TPID_8021AD)
		vlan_8021ad(d, c);
	else
		vlan_8021q(d, c);
}
