/* STUB: to be written. */
#include "config.h"

#include "decoders.h"

static const struct field_def llc_fields[] = { { NULL, NULL, 0, 0, 0 } };
const struct field_table llc_field_table = { llc_fields };

void llc_decode(struct dissect *d, struct cursor c) { data_decode(d, c); }
