/* STUB: to be written. */
#include "config.h"

#include "decoders.h"

static const struct field_def ipsec_fields[] = { { NULL, NULL, 0, 0, 0 } };
const struct field_table ipsec_field_table = { ipsec_fields };

void esp_decode(struct dissect *d, struct cursor c) { data_decode(d, c); }
void ah_decode(struct dissect *d, struct cursor c) { data_decode(d, c); }
