/* The model's unit tests' shared helpers; see modellib.h. */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modellib.h"
#include "testlib.h"

int64_t now_sec = 1700000000;

/* A model with the given bounds (0: default); fails the test on error. */
struct model *
mk(size_t ring, size_t bytes, size_t flows, size_t talkers, int64_t idle)
{
	struct model_config	 c = { .ring_packets = ring,
	    .ring_bytes = bytes, .max_flows = flows, .max_talkers = talkers,
	    .flow_idle_ns = idle };
	struct model		*m;
	char			*cause = NULL;

	m = model_new(&c, &cause);
	if (m == NULL) {
		fprintf(stderr, "model_new: %s\n", cause ? cause : "?");
		free(cause);
		exit(1);
	}
	return m;
}

/* A pkt_info with an IP key; addresses as text (v4 or v6). */
struct pkt_info
pk(uint8_t proto, const char *src, uint16_t sport, const char *dst,
    uint16_t dport, uint8_t flags)
{
	struct pkt_info pi;

	memset(&pi, 0, sizeof pi);
	if (strchr(src, ':') != NULL) {
		pi.ipver = 6;
		inet_pton(AF_INET6, src, pi.src);
		inet_pton(AF_INET6, dst, pi.dst);
		pi.protos = PROTO_BIT(P_FRAME) | PROTO_BIT(P_ETH) |
		    PROTO_BIT(P_IPV6);
	} else {
		pi.ipver = 4;
		inet_pton(AF_INET, src, pi.src);
		inet_pton(AF_INET, dst, pi.dst);
		pi.protos = PROTO_BIT(P_FRAME) | PROTO_BIT(P_ETH) |
		    PROTO_BIT(P_IPV4);
	}
	pi.l4proto = proto;
	pi.sport = sport;
	pi.dport = dport;
	pi.tcpflags = flags;
	if (proto == 6)
		pi.protos |= PROTO_BIT(P_TCP);
	else if (proto == 17)
		pi.protos |= PROTO_BIT(P_UDP);
	else if (proto == 1)
		pi.protos |= PROTO_BIT(P_ICMP);
	return pi;
}

/* Add one packet of len bytes (data filled with its number) at t ns. */
uint64_t
add_at(struct model *m, const struct pkt_info *pi, uint32_t len, int64_t t)
{
	static uint8_t		 data[65536];
	static uint64_t		 seq;
	struct frame_meta	 fm;

	if (len > sizeof data)
		len = sizeof data;
	memset(&fm, 0, sizeof fm);
	fm.number = ++seq;
	fm.ts_sec = t / SEC;
	fm.ts_nsec = (uint32_t)(t % SEC);
	fm.caplen = fm.wirelen = len;
	fm.link = LINK_ETHERNET;
	memset(data, (int)(seq & 0xff), len);
	return model_add(m, &fm, data, pi);
}

/* Add one packet in a batch of its own. */
uint64_t
add1(struct model *m, const struct pkt_info *pi, uint32_t len, int64_t t)
{
	uint64_t n;

	model_batch_begin(m);
	n = add_at(m, pi, len, t);
	model_batch_end(m);
	return n;
}

/* The 16 address bytes the model keeps for text (IPv4 in the first 4). */
static void
addr_bytes(const char *text, uint8_t a[16])
{
	memset(a, 0, 16);
	if (inet_pton(AF_INET, text, a) != 1)
		inet_pton(AF_INET6, text, a);
}

/* Find the live flow whose src/sport is src:sport; false if none. */
bool
find_flow(struct model *m, const char *src, uint16_t sport,
    struct flow_view *out)
{
	struct flow_view	 v[64];
	uint8_t			 a[16];
	size_t			 n, i;

	addr_bytes(src, a);
	n = model_flows(m, v, 64, NULL, NULL);
	for (i = 0; i < n; i++)
		if (memcmp(v[i].src, a, 16) == 0 && v[i].sport == sport) {
			*out = v[i];
			return true;
		}
	return false;
}

/* Find a talker by address text. */
bool
find_talker(struct model *m, const char *addr, struct talker_view *out)
{
	struct talker_view	 v[64];
	uint8_t			 a[16];
	size_t			 n, i;

	addr_bytes(addr, a);
	n = model_talkers(m, v, 64, NULL, NULL);
	for (i = 0; i < n; i++)
		if (memcmp(v[i].addr, a, 16) == 0) {
			*out = v[i];
			return true;
		}
	return false;
}

/* Is record n kept, with len bytes all equal to its fill byte? */
bool
rec_intact(struct model *m, uint64_t n, uint32_t len, uint8_t fill)
{
	struct pkt_rec	 rec;
	uint8_t		 buf[4096];
	uint32_t	 i;

	if (!model_ring_get(m, n, &rec, buf, sizeof buf))
		return false;
	if (rec.number != n || rec.caplen != len || rec.wirelen != len)
		return false;
	for (i = 0; i < len; i++)
		if (buf[i] != fill)
			return false;
	return true;
}
