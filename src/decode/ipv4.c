/* STUB: to be written. */
#include "config.h"

#include "decoders.h"

static const struct field_def ipv4_fields[] = { { NULL, NULL, 0, 0, 0 } };
const struct field_table ipv4_field_table = { ipv4_fields };

void ipv4_decode(struct dissect *d, struct cursor c) { data_decode(d, c); }
