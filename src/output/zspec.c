/* -z arguments: "conv,TYPE", "endpoints,TYPE", "io,phs", each with an
   optional ",FILTER" (see zspec.h). */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "output/zspec.h"
#include "util.h"

static const struct {
	const char	*name;		/* up to the filter's comma */
	enum zkind	 kind;
} zspec_names[] = {
	{ "conv,eth", Z_CONV_ETH },
	{ "conv,ip", Z_CONV_IP },
	{ "conv,ipv6", Z_CONV_IPV6 },
	{ "conv,tcp", Z_CONV_TCP },
	{ "conv,udp", Z_CONV_UDP },
	{ "endpoints,eth", Z_ENDP_ETH },
	{ "endpoints,ip", Z_ENDP_IP },
	{ "endpoints,ipv6", Z_ENDP_IPV6 },
	{ "endpoints,tcp", Z_ENDP_TCP },
	{ "endpoints,udp", Z_ENDP_UDP },
	{ "io,phs", Z_PHS },
	{ NULL, 0 }
};

int
zspec_parse(const char *arg, struct zspec *spec, char **cause)
{
	size_t n;
	int i;

	for (i = 0; zspec_names[i].name != NULL; i++) {
		n = strlen(zspec_names[i].name);
		if (strncmp(arg, zspec_names[i].name, n) != 0 ||
		    (arg[n] != '\0' && arg[n] != ','))
			continue;
		spec->kind = zspec_names[i].kind;
		/* "conv,ip," has an empty filter: none, as in tshark. */
		spec->filter = arg[n] == ',' && arg[n + 1] != '\0' ?
		    arg + n + 1 : NULL;
		return 0;
	}
	*cause = xasprintf("unknown -z statistics '%s' (conv,eth|ip|ipv6|"
	    "tcp|udp, endpoints,eth|ip|ipv6|tcp|udp or io,phs, each with an "
	    "optional ,FILTER)", arg);
	return -1;
}
