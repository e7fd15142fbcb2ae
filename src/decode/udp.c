/* STUB: to be written. */
#include "config.h"

#include "decoders.h"

static const struct field_def udp_fields[] = { { NULL, NULL, 0, 0, 0 } };
const struct field_table udp_field_table = { udp_fields };

void udp_decode(struct dissect *d, struct cursor c) { data_decode(d, c); }
