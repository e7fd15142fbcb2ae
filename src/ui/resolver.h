/*
 * Name resolution off the UI thread: a lookup returns a cached name at
 * once, or the address text while a resolver thread asks the system.
 */
#ifndef WIRETOP_RESOLVER_H
#define WIRETOP_RESOLVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void	resolver_start(void);
void	resolver_stop(void);
/* A name arrived: write fd (the UI's wake pipe), once per
   resolver_fresh(), which says whether one did since the last call. */
void	resolver_set_wake(int fd);
bool	resolver_fresh(void);
/* Write the name of an address (ver 4 or 6) into buf if known; otherwise
   leave buf as it is and queue the address for the resolver thread. */
void	resolver_name(int ver, const uint8_t *addr, char *buf, size_t size);

#endif
