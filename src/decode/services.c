/* STUB: to be written. */
#include "config.h"

#include "decoders.h"


const char *port_service(uint16_t port, uint8_t proto) { (void)port; (void)proto; return NULL; }
