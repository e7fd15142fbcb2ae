/* STUB: to be written. */
#include "config.h"

#include "decoders.h"

static const struct field_def igmp_fields[] = { { NULL, NULL, 0, 0, 0 } };
const struct field_table igmp_field_table = { igmp_fields };

void igmp_decode(struct dissect *d, struct cursor c) { data_decode(d, c); }
