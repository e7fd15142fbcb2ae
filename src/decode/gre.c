/* STUB: to be written. */
#include "config.h"

#include "decoders.h"

static const struct field_def gre_fields[] = { { NULL, NULL, 0, 0, 0 } };
const struct field_table gre_field_table = { gre_fields };

void gre_decode(struct dissect *d, struct cursor c) { data_decode(d, c); }
