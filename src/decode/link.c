/* STUB: to be written. */
#include "config.h"

#include "decoders.h"


void link_decode(struct dissect *d, int link, struct cursor c) { (void)link; if (link == LINK_ETHERNET) eth_decode(d, c); else data_decode(d, c); }
void null_decode(struct dissect *d, int link, struct cursor c) { (void)link; data_decode(d, c); }
