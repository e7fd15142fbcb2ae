/* STUB: to be written. */
#include "config.h"

#include "decoders.h"

static const struct field_def ipv6_fields[] = { { NULL, NULL, 0, 0, 0 } };
const struct field_table ipv6_field_table = { ipv6_fields };

void ipv6_decode(struct dissect *d, struct cursor c) { data_decode(d, c); }
