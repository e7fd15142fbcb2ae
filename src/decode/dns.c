/* STUB: to be written. */
#include "config.h"

#include "decoders.h"

static const struct field_def dns_fields[] = { { NULL, NULL, 0, 0, 0 } };
const struct field_table dns_field_table = { dns_fields };

void dns_decode(struct dissect *d, enum proto_id proto, bool over_tcp, struct cursor c) { (void)proto; (void)over_tcp; data_decode(d, c); }
