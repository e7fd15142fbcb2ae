/*
 * The conversation table behind tcp.stream and udp.stream (see
 * streams.h).  Open addressing on a key that puts the lower endpoint
 * (address, port) first, so both directions find one entry; an entry is
 * replaced, never removed, when a TCP conversation starts again, so no
 * tombstones are needed.  The table doubles at 50% load up to
 * STREAMS_MAX entries.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dissect.h"
#include "streams.h"

struct conv_key {
	uint8_t		 proto;		/* P_TCP, P_UDP */
	uint8_t		 ipver;
	uint16_t	 port[2];	/* endpoint 0 is the lower */
	uint8_t		 addr[2][16];
};

struct conv {
	struct conv_key	 key;
	bool		 used;
	uint32_t	 index;
	/* TCP: each endpoint's base sequence number, once known. */
	bool		 base_set[2];
	uint32_t	 base[2];
};

struct streams {
	struct conv	*slots;
	uint32_t	 mask;		/* slots - 1 */
	uint32_t	 used;
	uint32_t	 next_tcp, next_udp;
	bool		 full;		/* STREAMS_MAX reached */
	struct frame_meta *m;		/* the packet being numbered */
};

struct streams *
streams_new(void)
{
	struct streams *s = calloc(1, sizeof *s);

	if (s == NULL)
		return NULL;
	s->mask = 1023;
	if ((s->slots = calloc(s->mask + 1, sizeof *s->slots)) == NULL) {
		free(s);
		return NULL;
	}
	return s;
}

void
streams_free(struct streams *s)
{
	if (s == NULL)
		return;
	free(s->slots);
	free(s);
}

bool
streams_named(const char *text)
{
	return text != NULL && (strstr(text, "tcp.stream") != NULL ||
	    strstr(text, "udp.stream") != NULL);
}

/* A hash of the key: its 64-bit words multiplied in, the high bits
   kept (the low bits of a byte-wise hash cluster on keys that differ
   only in a port). */
static uint32_t
conv_hash(const struct conv_key *k)
{
	const uint8_t *p = (const uint8_t *)k;
	uint64_t h = 0, w;
	size_t i;

	for (i = 0; i + 8 <= sizeof *k; i += 8) {
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ull;
		h ^= h >> 29;
	}
	for (; i < sizeof *k; i++)
		h = (h ^ p[i]) * 0x9e3779b97f4a7c15ull;
	return (uint32_t)(h >> 32);
}

/* The slot holding key k, or the empty slot where it would go. */
static struct conv *
conv_slot(const struct streams *s, const struct conv_key *k)
{
	uint32_t i = conv_hash(k) & s->mask;

	while (s->slots[i].used &&
	    memcmp(&s->slots[i].key, k, sizeof *k) != 0)
		i = (i + 1) & s->mask;
	return &s->slots[i];
}

/* Double the table; false when memory or STREAMS_MAX says no. */
static bool
streams_grow(struct streams *s)
{
	struct conv *old = s->slots, *c;
	uint32_t n = s->mask + 1, i;

	if (n * 2 > STREAMS_MAX * 2u)
		return false;
	if ((s->slots = calloc((size_t)n * 2, sizeof *s->slots)) == NULL) {
		s->slots = old;
		return false;
	}
	s->mask = n * 2 - 1;
	for (i = 0; i < n; i++)
		if (old[i].used) {
			c = conv_slot(s, &old[i].key);
			*c = old[i];
		}
	free(old);
	return true;
}

/* The key of a header, and which endpoint (0 or 1) sent it. */
static int
conv_key_make(const struct transport_hdr *t, struct conv_key *k)
{
	size_t alen = t->ip->ver == 6 ? 16 : 4;
	int c;

	memset(k, 0, sizeof *k);
	k->proto = t->proto;
	k->ipver = t->ip->ver;
	c = memcmp(t->ip->src, t->ip->dst, alen);
	if (c < 0 || (c == 0 && t->sport <= t->dport)) {
		memcpy(k->addr[0], t->ip->src, alen);
		memcpy(k->addr[1], t->ip->dst, alen);
		k->port[0] = t->sport;
		k->port[1] = t->dport;
		return 0;
	}
	memcpy(k->addr[0], t->ip->dst, alen);
	memcpy(k->addr[1], t->ip->src, alen);
	k->port[0] = t->dport;
	k->port[1] = t->sport;
	return 1;
}

/* A new conversation of key k in slot c (a fresh slot, or the entry of
   a TCP conversation starting again); false when the table is full. */
static bool
conv_start(struct streams *s, struct conv *c, const struct conv_key *k)
{
	if (!c->used) {
		if (s->used >= STREAMS_MAX) {
			s->full = true;
			return false;
		}
		s->used++;
	}
	memset(c, 0, sizeof *c);
	c->key = *k;
	c->used = true;
	c->index = k->proto == P_TCP ? s->next_tcp++ : s->next_udp++;
	return true;
}

/* The TCP flags that matter here. */
#define STREAMS_SYN	0x02
#define STREAMS_ACK	0x10

/* One header of the packet being numbered (a transport_fn). */
static void
streams_header(void *arg, const struct transport_hdr *t)
{
	struct streams *s = arg;
	struct frame_streams *fs = &s->m->streams;
	struct conv_key k;
	struct conv *c;
	int side;

	if (!t->whole || (t->ip->ver != 4 && t->ip->ver != 6))
		return;
	side = conv_key_make(t, &k);
	if (s->used * 2 >= s->mask + 1 && !s->full)
		(void)streams_grow(s);
	c = conv_slot(s, &k);
	if (!c->used) {
		if (s->used * 2 >= s->mask + 1 || !conv_start(s, c, &k))
			return;		/* full: no index, not a wrong one */
	} else if (t->proto == P_TCP &&
	    (t->flags & (STREAMS_SYN | STREAMS_ACK)) == STREAMS_SYN &&
	    c->base_set[side] && t->seq != c->base[side]) {
		/* A new connection on the same ports. */
		(void)conv_start(s, c, &k);
	}
	if (t->proto == P_TCP && !c->base_set[side]) {
		c->base[side] = t->flags & STREAMS_SYN ? t->seq : t->seq - 1;
		c->base_set[side] = true;
	}
	if (fs->n < FRAME_STREAMS_MAX) {
		fs->layer[fs->n].off = t->off;
		fs->layer[fs->n].index = c->index;
		fs->layer[fs->n].udp = t->proto == P_UDP;
		fs->n++;
	}
}

void
streams_number(struct streams *s, struct frame_meta *m, const uint8_t *data)
{
	memset(&m->streams, 0, sizeof m->streams);
	s->m = m;
	dissect_transports(m, data, streams_header, s);
	s->m = NULL;
}
