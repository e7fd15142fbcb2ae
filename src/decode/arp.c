/* STUB: to be written. */
#include "config.h"

#include "decoders.h"

static const struct field_def arp_fields[] = { { NULL, NULL, 0, 0, 0 } };
const struct field_table arp_field_table = { arp_fields };

void arp_decode(struct dissect *d, struct cursor c) { data_decode(d, c); }
