/* STUB: to be written. */
#include "config.h"

#include "decoders.h"

static const struct field_def tcp_fields[] = { { NULL, NULL, 0, 0, 0 } };
const struct field_table tcp_field_table = { tcp_fields };

void tcp_decode(struct dissect *d, struct cursor c) { data_decode(d, c); }
