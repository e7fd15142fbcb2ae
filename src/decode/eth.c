/* STUB: to be written. */
#include "config.h"

#include "decoders.h"

static const struct field_def eth_fields[] = { { NULL, NULL, 0, 0, 0 } };
const struct field_table eth_field_table = { eth_fields };

void eth_decode(struct dissect *d, struct cursor c) { data_decode(d, c); }
void ethertype_dispatch(struct dissect *d, uint16_t type, struct cursor c) { (void)type; data_decode(d, c); }
const char *ethertype_name(uint16_t type) { (void)type; return NULL; }
