/* Payload no decoder claims: shown as data.data / data.len, like tshark. */
#include "config.h"

#include "decoders.h"

enum {
	F_DATA, F_LEN, F_COUNT
};

static const struct field_def data_fields[] = {
	[F_DATA] = { "data.data", "Data", FT_BYTES, BASE_DEC, 0 },
	[F_LEN] = { "data.len", "Length", FT_UINT, BASE_DEC, 32 },
};
_Static_assert(sizeof data_fields / sizeof data_fields[0] == F_COUNT,
    "data_fields: one entry per field id");
const struct field_table data_field_table = { data_fields, F_COUNT };

void
data_decode(struct dissect *d, struct cursor c)
{
	size_t n = cur_left(&c);

	if (n == 0 || !d_open(d, P_DATA, c.pos))
		return;
	d_bytes(d, &data_fields[F_DATA], c.pos, n);
	d_uint(d, &data_fields[F_LEN], c.pos, 0, n, NULL);
	d_close(d, c.end, LAYER_OK);
}
