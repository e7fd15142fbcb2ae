/* STUB: to be written. */
#include "config.h"

#include "decoders.h"


void ipproto_dispatch(struct dissect *d, uint8_t proto, struct cursor c) { (void)proto; data_decode(d, c); }
const char *ipproto_name(uint8_t proto) { (void)proto; return NULL; }
