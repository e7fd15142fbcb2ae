/* STUB: to be written. */
#include "config.h"

#include "decoders.h"

static const struct field_def geneve_fields[] = { { NULL, NULL, 0, 0, 0 } };
const struct field_table geneve_field_table = { geneve_fields };

void geneve_decode(struct dissect *d, struct cursor c) { data_decode(d, c); }
