/*
 * Port numbers to service names, for TCP and UDP.
 *
 * The names come from /etc/services (format: services(5), "name
 * port/proto aliases... # comment"), read once on first use; a built-in
 * table of well-known ports (IANA registry) answers for ports the file
 * does not list, or when there is no file.  The table built from the file
 * is immutable once call_once() has returned, so lookups from the capture
 * and UI threads need no lock.  The file is treated as untrusted input:
 * line length, name length and entry count are bounded, and names must be
 * printable.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "decoders.h"

#define SERVICES_PATH		"/etc/services"
#define SERVICES_MAX		16384	/* entries kept from the file */
#define SERVICE_NAME_MAX	32	/* bytes of a name, NUL included */

struct service {
	uint16_t	 port;
	uint8_t		 proto;		/* 6 or 17 */
	char		 name[SERVICE_NAME_MAX];
};

/* Well-known ports (IANA), the same name for TCP and UDP. */
static const struct value_name builtin_ports[] = {
	{ 7, "echo" },		{ 9, "discard" },	{ 13, "daytime" },
	{ 17, "qotd" },		{ 19, "chargen" },	{ 20, "ftp-data" },
	{ 21, "ftp" },		{ 22, "ssh" },		{ 23, "telnet" },
	{ 25, "smtp" },		{ 37, "time" },		{ 43, "whois" },
	{ 49, "tacacs" },	{ 53, "domain" },	{ 67, "bootps" },
	{ 68, "bootpc" },	{ 69, "tftp" },		{ 70, "gopher" },
	{ 79, "finger" },	{ 80, "http" },		{ 88, "kerberos" },
	{ 102, "iso-tsap" },	{ 110, "pop3" },	{ 111, "sunrpc" },
	{ 113, "auth" },	{ 119, "nntp" },	{ 123, "ntp" },
	{ 135, "epmap" },	{ 137, "netbios-ns" },	{ 138, "netbios-dgm" },
	{ 139, "netbios-ssn" },	{ 143, "imap" },	{ 161, "snmp" },
	{ 162, "snmp-trap" },	{ 177, "xdmcp" },	{ 179, "bgp" },
	{ 194, "irc" },		{ 199, "smux" },	{ 389, "ldap" },
	{ 427, "svrloc" },	{ 443, "https" },	{ 444, "snpp" },
	{ 445, "microsoft-ds" }, { 464, "kpasswd" },	{ 465, "submissions" },
	{ 500, "isakmp" },	{ 512, "exec" },	{ 513, "login" },
	{ 514, "shell" },	{ 515, "printer" },	{ 520, "route" },
	{ 521, "ripng" },	{ 540, "uucp" },	{ 546, "dhcpv6-client" },
	{ 547, "dhcpv6-server" }, { 554, "rtsp" },	{ 563, "nntps" },
	{ 587, "submission" },	{ 593, "http-rpc-epmap" }, { 631, "ipp" },
	{ 636, "ldaps" },	{ 646, "ldp" },		{ 853, "domain-s" },
	{ 860, "iscsi" },	{ 873, "rsync" },	{ 989, "ftps-data" },
	{ 990, "ftps" },	{ 992, "telnets" },	{ 993, "imaps" },
	{ 995, "pop3s" },	{ 1080, "socks" },	{ 1194, "openvpn" },
	{ 1433, "ms-sql-s" },	{ 1434, "ms-sql-m" },	{ 1521, "ncube-lm" },
	{ 1701, "l2tp" },	{ 1723, "pptp" },	{ 1812, "radius" },
	{ 1813, "radius-acct" }, { 1883, "mqtt" },	{ 1900, "ssdp" },
	{ 2049, "nfs" },	{ 2123, "gtp-control" }, { 2152, "gtp-user" },
	{ 2181, "eforward" },	{ 3260, "iscsi-target" }, { 3306, "mysql" },
	{ 3389, "ms-wbt-server" }, { 3478, "stun" },	{ 3784, "bfd-control" },
	{ 4500, "ipsec-nat-t" }, { 4789, "vxlan" },	{ 5060, "sip" },
	{ 5061, "sips" },	{ 5222, "xmpp-client" }, { 5269, "xmpp-server" },
	{ 5353, "mdns" },	{ 5355, "llmnr" },	{ 5432, "postgresql" },
	{ 5671, "amqps" },	{ 5672, "amqp" },	{ 5900, "rfb" },
	{ 6081, "geneve" },	{ 6379, "redis" },	{ 6443, "sun-sr-https" },
	{ 6514, "syslog-tls" },	{ 6653, "openflow" },	{ 8080, "http-alt" },
	{ 8443, "pcsync-https" }, { 8883, "secure-mqtt" }, { 9100, "jetdirect" },
	{ 11211, "memcache" },	{ 27017, "mongodb" },	{ 0, NULL }
};

/* Ports whose well-known name is for one protocol only. */
static const struct value_name builtin_udp_ports[] = {
	{ 514, "syslog" },	{ 517, "talk" },	{ 518, "ntalk" },
	{ 1645, "radius-old" },	{ 4739, "ipfix" },	{ 6343, "sflow" },
	{ 0, NULL }
};

static once_flag services_once = ONCE_FLAG_INIT;
static struct service *services;	/* sorted by (proto, port) */
static size_t nservices;

/* Order services by protocol, then port. */
static int
service_cmp(const void *a, const void *b)
{
	const struct service *x = a, *y = b;

	if (x->proto != y->proto)
		return x->proto < y->proto ? -1 : 1;
	if (x->port != y->port)
		return x->port < y->port ? -1 : 1;
	return 0;
}

/* Parse one services(5) line into s; false if it is not a valid entry. */
static bool
services_parse_line(char *line, struct service *s)
{
	char *name, *portproto, *slash, *end, *save = NULL;
	unsigned long port;
	size_t n, i;

	if ((end = strchr(line, '#')) != NULL)
		*end = '\0';
	name = strtok_r(line, " \t\r\n", &save);
	portproto = strtok_r(NULL, " \t\r\n", &save);
	if (name == NULL || portproto == NULL)
		return false;
	n = strlen(name);
	if (n == 0 || n >= SERVICE_NAME_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (name[i] < 0x21 || name[i] > 0x7e)
			return false;
	if ((slash = strchr(portproto, '/')) == NULL || slash == portproto)
		return false;
	*slash = '\0';
	if (strspn(portproto, "0123456789") != strlen(portproto) ||
	    strlen(portproto) > 5)
		return false;
	port = strtoul(portproto, NULL, 10);
	if (port > 65535)
		return false;
	if (strcmp(slash + 1, "tcp") == 0)
		s->proto = 6;
	else if (strcmp(slash + 1, "udp") == 0)
		s->proto = 17;
	else
		return false;
	s->port = (uint16_t)port;
	memcpy(s->name, name, n + 1);
	return true;
}

/* Read /etc/services once; on any failure the built-in table remains. */
static void
services_load(void)
{
	struct service *v, s;
	size_t cap = 0, n = 0, out, i;
	char line[512];
	FILE *f;
	int ch;

	if ((f = fopen(SERVICES_PATH, "r")) == NULL)
		return;
	v = NULL;
	while (fgets(line, sizeof line, f) != NULL) {
		/* An overlong line: drop its rest instead of parsing it. */
		if (strchr(line, '\n') == NULL && !feof(f)) {
			while ((ch = fgetc(f)) != EOF && ch != '\n')
				;
			continue;
		}
		if (!services_parse_line(line, &s))
			continue;
		if (n == cap) {
			struct service *nv;
			size_t ncap = cap ? cap * 2 : 256;

			if (ncap > SERVICES_MAX)
				ncap = SERVICES_MAX;
			if (ncap == cap)
				break;
			if ((nv = realloc(v, ncap * sizeof *v)) == NULL)
				break;
			v = nv;
			cap = ncap;
		}
		v[n++] = s;
	}
	fclose(f);
	if (n == 0) {
		free(v);
		return;
	}
	/* A port listed twice for one protocol keeps one of its names. */
	qsort(v, n, sizeof *v, service_cmp);
	for (i = 1, out = 1; i < n; i++)
		if (service_cmp(&v[i], &v[out - 1]) != 0)
			v[out++] = v[i];
	services = v;
	nservices = out;
}

/* The service name of a TCP (6) or UDP (17) port, or NULL. */
const char *
port_service(uint16_t port, uint8_t proto)
{
	struct service key;
	const struct service *hit;
	const char *name;

	if (proto != 6 && proto != 17)
		return NULL;
	call_once(&services_once, services_load);
	key.port = port;
	key.proto = proto;
	if (nservices > 0) {
		hit = bsearch(&key, services, nservices, sizeof *services,
		    service_cmp);
		if (hit != NULL)
			return hit->name;
	}
	if (proto == 17 &&
	    (name = field_value_name(builtin_udp_ports, port)) != NULL)
		return name;
	return field_value_name(builtin_ports, port);
}
