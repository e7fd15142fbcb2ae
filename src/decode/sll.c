/* STUB: to be written. */
#include "config.h"

#include "decoders.h"

static const struct field_def sll_fields[] = { { NULL, NULL, 0, 0, 0 } };
const struct field_table sll_field_table = { sll_fields };
static const struct field_def null_fields[] = { { NULL, NULL, 0, 0, 0 } };
const struct field_table null_field_table = { null_fields };

void sll_decode(struct dissect *d, struct cursor c) { data_decode(d, c); }
void sll2_decode(struct dissect *d, struct cursor c) { data_decode(d, c); }
