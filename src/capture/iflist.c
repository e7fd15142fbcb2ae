/*
 * Listing interfaces (-D) and choosing the default one, from getifaddrs():
 * its AF_PACKET entries carry each interface's flags and hardware address,
 * the AF_INET/AF_INET6 entries its addresses.  Interfaces are listed in
 * index order (if_nameindex()), the order the kernel created them.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "capture/iflist.h"
#include "escape.h"
#include "util.h"

/* The flags of interface name, from its AF_PACKET entry; false if none. */
static bool
iflist_flags(const struct ifaddrs *all, const char *name, unsigned *flags)
{
	const struct ifaddrs *ifa;

	for (ifa = all; ifa != NULL; ifa = ifa->ifa_next) {
		if (strcmp(ifa->ifa_name, name) == 0) {
			*flags = ifa->ifa_flags;
			return true;
		}
	}
	return false;
}

/* The prefix length of a netmask. */
static int
prefix_len(const struct sockaddr *mask)
{
	const uint8_t *p;
	size_t n, i;
	int bits = 0;

	if (mask == NULL)
		return -1;
	if (mask->sa_family == AF_INET) {
		p = (const uint8_t *)&((const struct sockaddr_in *)
		    (const void *)mask)->sin_addr;
		n = 4;
	} else if (mask->sa_family == AF_INET6) {
		p = (const uint8_t *)&((const struct sockaddr_in6 *)
		    (const void *)mask)->sin6_addr;
		n = 16;
	} else
		return -1;
	for (i = 0; i < n; i++)
		bits += __builtin_popcount(p[i]);
	return bits;
}

/* Print the addresses of interface name, each preceded by a space. */
static void
iflist_addrs(FILE *out, const struct ifaddrs *all, const char *name)
{
	const struct ifaddrs *ifa;
	const struct sockaddr_ll *sll;
	char buf[INET6_ADDRSTRLEN];
	const void *a;
	int i, bits;

	for (ifa = all; ifa != NULL; ifa = ifa->ifa_next) {
		if (strcmp(ifa->ifa_name, name) != 0 || ifa->ifa_addr == NULL)
			continue;
		switch (ifa->ifa_addr->sa_family) {
		case AF_PACKET:
			sll = (const struct sockaddr_ll *)(const void *)
			    ifa->ifa_addr;
			if (sll->sll_halen != 6)
				break;
			fprintf(out, " ");
			for (i = 0; i < 6; i++)
				fprintf(out, "%s%02x", i ? ":" : "",
				    sll->sll_addr[i]);
			break;
		case AF_INET:
		case AF_INET6:
			if (ifa->ifa_addr->sa_family == AF_INET)
				a = &((const struct sockaddr_in *)(const void *)
				    ifa->ifa_addr)->sin_addr;
			else
				a = &((const struct sockaddr_in6 *)
				    (const void *)ifa->ifa_addr)->sin6_addr;
			if (inet_ntop(ifa->ifa_addr->sa_family, a, buf,
			    sizeof buf) == NULL)
				break;
			bits = prefix_len(ifa->ifa_netmask);
			if (bits >= 0)
				fprintf(out, " %s/%d", buf, bits);
			else
				fprintf(out, " %s", buf);
			break;
		}
	}
}

/* Print the -D listing. */
int
iflist_print(FILE *out, char **cause)
{
	struct if_nameindex *names, *n;
	struct ifaddrs *all;
	unsigned flags;
	int i = 0;

	if (getifaddrs(&all) != 0) {
		*cause = xasprintf("cannot list interfaces: %s",
		    strerror(errno));
		return -1;
	}
	names = if_nameindex();
	if (names == NULL) {
		*cause = xasprintf("cannot list interfaces: %s",
		    strerror(errno));
		freeifaddrs(all);
		return -1;
	}
	for (n = names; n->if_index != 0 && n->if_name != NULL; n++) {
		if (!iflist_flags(all, n->if_name, &flags))
			flags = 0;
		fprintf(out, "%d. ", ++i);
		escape_fputs(out, n->if_name);	/* any bytes but '/' */
		fprintf(out, " [%s%s%s]",
		    (flags & IFF_UP) ? "up" : "down",
		    (flags & IFF_RUNNING) ? ", running" : "",
		    (flags & IFF_LOOPBACK) ? ", loopback" : "");
		iflist_addrs(out, all, n->if_name);
		fputc('\n', out);
	}
	fprintf(out, "%d. any [every interface]\n", ++i);
	if_freenameindex(names);
	freeifaddrs(all);
	return 0;
}

/* Choose the interface -i defaults to. */
char *
iflist_default(char **cause)
{
	struct if_nameindex *names, *n;
	struct ifaddrs *all;
	unsigned flags;
	char *found = NULL;

	if (getifaddrs(&all) != 0) {
		*cause = xasprintf("cannot list interfaces: %s",
		    strerror(errno));
		return NULL;
	}
	names = if_nameindex();
	if (names == NULL) {
		*cause = xasprintf("cannot list interfaces: %s",
		    strerror(errno));
		freeifaddrs(all);
		return NULL;
	}
	for (n = names; n->if_index != 0 && n->if_name != NULL; n++) {
		if (iflist_flags(all, n->if_name, &flags) &&
		    (flags & IFF_UP) && !(flags & IFF_LOOPBACK)) {
			found = xstrdup(n->if_name);
			break;
		}
	}
	if_freenameindex(names);
	freeifaddrs(all);
	if (found == NULL)
		*cause = xasprintf("no interface is up to capture on (see "
		    "wiretop -D, or use -i any)");
	return found;
}
