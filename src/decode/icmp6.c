/* STUB: to be written. */
#include "config.h"

#include "decoders.h"

static const struct field_def icmp6_fields[] = { { NULL, NULL, 0, 0, 0 } };
const struct field_table icmp6_field_table = { icmp6_fields };

void icmp6_decode(struct dissect *d, struct cursor c) { data_decode(d, c); }
