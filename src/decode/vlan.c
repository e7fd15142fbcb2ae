/* STUB: to be written. */
#include "config.h"

#include "decoders.h"

static const struct field_def vlan_fields[] = { { NULL, NULL, 0, 0, 0 } };
const struct field_table vlan_field_table = { vlan_fields };

void vlan_decode(struct dissect *d, uint16_t tpid, struct cursor c) { (void)tpid; data_decode(d, c); }
