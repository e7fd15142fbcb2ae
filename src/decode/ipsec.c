/*
 * IPsec: Encapsulating Security Payload (RFC 4303) and Authentication
 * Header (RFC 4302).
 *
 * ESP: everything after the sequence number is encrypted, so only the
 * two clear fields are shown.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |               Security Parameters Index (SPI)                 |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      Sequence Number                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |        Payload, padding, pad length, next header (encrypted)  ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * AH: the payload that follows is in the clear and is decoded by its
 * next header.  Payload Len counts 32-bit words minus 2.
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Next Header   |  Payload Len  |          RESERVED             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 Security Parameters Index (SPI)               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Sequence Number Field                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                Integrity Check Value-ICV (variable)           ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
#include "config.h"

#include <stdio.h>

#include "decoders.h"

enum {
	F_ESP_SPI, F_ESP_SEQ, F_AH_NXT, F_AH_LEN, F_AH_RSV, F_AH_SPI, F_AH_SEQ,
	F_AH_ICV, F_COUNT
};

static const struct field_def ipsec_fields[] = {
	[F_ESP_SPI] = { "esp.spi", "ESP SPI", FT_UINT, BASE_HEX, 32 },
	[F_ESP_SEQ] = { "esp.sequence", "ESP Sequence", FT_UINT, BASE_DEC,
	    32 },
	[F_AH_NXT] = { "ah.next_header", "Next header", FT_UINT, BASE_DEC, 8 },
	[F_AH_LEN] = { "ah.length", "Length", FT_UINT, BASE_DEC, 8 },
	[F_AH_RSV] = { "ah.reserved", "Reserved", FT_BYTES, BASE_DEC, 0 },
	[F_AH_SPI] = { "ah.spi", "AH SPI", FT_UINT, BASE_HEX, 32 },
	[F_AH_SEQ] = { "ah.sequence", "AH Sequence", FT_UINT, BASE_DEC, 32 },
	[F_AH_ICV] = { "ah.icv", "AH ICV", FT_BYTES, BASE_DEC, 0 },
};
_Static_assert(sizeof ipsec_fields / sizeof ipsec_fields[0] == F_COUNT,
    "ipsec_fields: one entry per field id");
const struct field_table ipsec_field_table = { ipsec_fields, F_COUNT };

#define AH_FIXED	12	/* bytes before the ICV */

/* Decode an ESP header: SPI and sequence number. */
void
esp_decode(struct dissect *d, struct cursor c)
{
	size_t start = c.pos;
	uint32_t spi, seq;

	if (!d_open(d, P_ESP, start))
		return;
	if (!cur_be32(&c, &spi)) {
		d_text(d, start, 0, "[truncated]");
		d_close(d, c.end, LAYER_TRUNCATED);
		return;
	}
	d_uint(d, &ipsec_fields[F_ESP_SPI], start, 4, spi, NULL);
	d_info(d, "ESP (SPI=0x%08x)", spi);
	if (!cur_be32(&c, &seq)) {
		d_text(d, c.pos, 0, "[truncated]");
		d_close(d, c.end, LAYER_TRUNCATED);
		return;
	}
	d_uint(d, &ipsec_fields[F_ESP_SEQ], start + 4, 4, seq, NULL);
	d_close(d, c.end, LAYER_OK);
}

/* Decode an AH header, then the payload it protects. */
void
ah_decode(struct dissect *d, struct cursor c)
{
	size_t start = c.pos, hlen;
	uint8_t nxt, len;
	uint32_t spi, seq;
	const char *name;
	char shown[32];
	struct cursor pc;

	if (!d_open(d, P_AH, start))
		return;
	if (!cur_u8(&c, &nxt))
		goto trunc;
	name = ipproto_name(nxt);
	d_uint(d, &ipsec_fields[F_AH_NXT], start, 1, nxt,
	    name != NULL ? name : "Unknown");
	if (!cur_u8(&c, &len))
		goto trunc;
	hlen = ((size_t)len + 2) * 4;
	snprintf(shown, sizeof shown, "%zu bytes", hlen);
	d_uint(d, &ipsec_fields[F_AH_LEN], start + 1, 1, len, shown);
	if (!cur_skip(&c, 2))
		goto trunc;
	d_bytes(d, &ipsec_fields[F_AH_RSV], start + 2, 2);
	if (!cur_be32(&c, &spi))
		goto trunc;
	d_uint(d, &ipsec_fields[F_AH_SPI], start + 4, 4, spi, NULL);
	d_info(d, "AH (SPI=0x%08x)", spi);
	if (!cur_be32(&c, &seq))
		goto trunc;
	d_uint(d, &ipsec_fields[F_AH_SEQ], start + 8, 4, seq, NULL);
	if (hlen < AH_FIXED) {
		/* Only a length of 0 or 1 words gets here: no room for SPI. */
		d_close(d, c.pos, d_malformed(d, start + 1, 1,
		    "AH length %zu bytes", hlen));
		return;
	}
	if (!cur_has(&c, hlen - AH_FIXED))
		goto trunc;	/* tshark shows no part of a cut ICV */
	if (hlen > AH_FIXED)
		d_bytes(d, &ipsec_fields[F_AH_ICV], c.pos, hlen - AH_FIXED);
	cur_skip(&c, hlen - AH_FIXED);
	pc = c;
	ipproto_dispatch(d, nxt, pc);
	d_close(d, c.end, LAYER_OK);
	return;
trunc:
	d_text(d, c.pos, 0, "[truncated]");
	d_close(d, c.end, LAYER_TRUNCATED);
}
