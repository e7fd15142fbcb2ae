/* Payload no decoder claims: shown as data.data / data.len, like tshark. */
#include "config.h"

#include "decoders.h"

static const struct field_def data_fields[] = {
#define DATA_DATA	0
	{ "data.data", "Data", FT_BYTES, BASE_DEC, 0 },
#define DATA_LEN	1
	{ "data.len", "Length", FT_UINT, BASE_DEC, 32 },
	{ NULL, NULL, 0, 0, 0 }
};
const struct field_table data_field_table = { data_fields };

void
data_decode(struct dissect *d, struct cursor c)
{
	size_t n = cur_left(&c);

	if (n == 0 || !d_open(d, P_DATA, c.pos))
		return;
	d_bytes(d, &data_fields[DATA_DATA], c.pos, n);
	d_uint(d, &data_fields[DATA_LEN], c.pos, 0, n, NULL);
	d_close(d, c.end, LAYER_OK);
}
