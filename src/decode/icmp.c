/* STUB: to be written. */
#include "config.h"

#include "decoders.h"

static const struct field_def icmp_fields[] = { { NULL, NULL, 0, 0, 0 } };
const struct field_table icmp_field_table = { icmp_fields };

void icmp_decode(struct dissect *d, struct cursor c) { data_decode(d, c); }
const char *icmp_type_name(uint8_t type) { (void)type; return NULL; }
const char *icmp_code_name(uint8_t type, uint8_t code) { (void)type; (void)code; return NULL; }
