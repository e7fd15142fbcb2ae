/* STUB: to be written. */
#include "config.h"

#include "decoders.h"

static const struct field_def vxlan_fields[] = { { NULL, NULL, 0, 0, 0 } };
const struct field_table vxlan_field_table = { vxlan_fields };

void vxlan_decode(struct dissect *d, struct cursor c) { data_decode(d, c); }
