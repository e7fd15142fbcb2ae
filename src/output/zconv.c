/*
 * Conversation and endpoint tables (see zconv.h), counted as tshark 4.0
 * counts them:
 *
 * - every layer of the table's protocol counts, tunnelled ones too (a
 *   GRE packet adds to two IPv4 conversations), but none inside an ICMP
 *   error's quote, nor one tshark's tap would not see (zlayer.tapped);
 * - TCP and UDP take the IPv6 destination a routing header names as
 *   final (IPv6 tables the header's);
 * - a conversation's side A sent its first packet; "->" counts A to B,
 *   "<-" B to A;
 * - TCP: a SYN (without ACK) whose sequence number differs from the one
 *   its direction began with starts a new conversation on the same
 *   addresses and ports (tshark's port reuse: a new tcp.stream);
 * - bytes are frame lengths (frame.len); times are relative to the first
 *   packet, a row's start its earliest packet, its duration to the latest;
 * - rows print by total frames, most first, ties in the order the rows
 *   were made.
 *
 * Rows live in one array in the order they were made; a hash of chained
 * row numbers finds them (a row's chain link is its successor's number
 * plus one, 0 ending the chain), newest first, so that a reused TCP
 * 5-tuple finds its latest conversation.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "decode/field.h"
#include "output/zconv.h"
#include "util.h"

/* A row's key: side A's address and port, side B's (endpoints: zero). */
struct zkey {
	uint8_t		 alen;		/* address bytes: 6, 4 or 16 */
	uint8_t		 a[16], b[16];
	uint16_t	 pa, pb;
};

struct zrow {
	struct zkey	 key;
	uint32_t	 next;		/* hash chain, see above */
	uint32_t	 seq_a, seq_b;	/* TCP: each direction's base */
	bool		 seq_a_set, seq_b_set;
	uint64_t	 tx_frames, tx_bytes;	/* conversation: A to B;
						   endpoint: sent */
	uint64_t	 rx_frames, rx_bytes;
	struct wtime_rel start, stop;
};

struct zconv {
	enum zkind	 kind;
	uint8_t		 proto;		/* enum proto_id of the layers counted */
	bool		 ports;		/* TCP and UDP */
	bool		 conv;		/* a conversation table */
	struct zrow	*rows;
	uint32_t	 nrows, cap;
	uint32_t	*hash;		/* row number + 1, 0 empty */
	uint32_t	 hmask;
	uint64_t	 missed;
};

struct zconv *
zconv_new(enum zkind kind)
{
	struct zconv *t = xcalloc(1, sizeof *t);

	t->kind = kind;
	t->conv = zkind_is_conv(kind);
	switch (kind) {
	case Z_CONV_ETH:
	case Z_ENDP_ETH:
		t->proto = P_ETH;
		break;
	case Z_CONV_IP:
	case Z_ENDP_IP:
		t->proto = P_IPV4;
		break;
	case Z_CONV_IPV6:
	case Z_ENDP_IPV6:
		t->proto = P_IPV6;
		break;
	case Z_CONV_TCP:
	case Z_ENDP_TCP:
		t->proto = P_TCP;
		t->ports = true;
		break;
	default:
		t->proto = P_UDP;
		t->ports = true;
		break;
	}
	t->hmask = 1023;
	t->hash = xcalloc(t->hmask + 1, sizeof *t->hash);
	return t;
}

/* The hash of one side: its address and port. */
static uint32_t
zconv_hash_side(const uint8_t *a, uint16_t port)
{
	uint32_t h = 2166136261u;
	int i;

	for (i = 0; i < 16; i++)
		h = (h ^ a[i]) * 16777619u;
	return (h ^ port) * 16777619u;
}

/* The hash of a key, the same whichever side is A. */
static uint32_t
zconv_hash(const struct zkey *k)
{
	uint32_t h = zconv_hash_side(k->a, k->pa) +
	    zconv_hash_side(k->b, k->pb) + k->alen;

	return h ^ (h >> 15);
}

/* Double the hash when the rows outnumber its slots. */
static void
zconv_grow_hash(struct zconv *t)
{
	uint32_t i, slot;
	struct zrow *r;

	if (t->nrows <= t->hmask)
		return;
	free(t->hash);
	t->hmask = t->hmask * 2 + 1;
	t->hash = xcalloc((size_t)t->hmask + 1, sizeof *t->hash);
	/* Older rows first, so that each chain stays newest first. */
	for (i = 0; i < t->nrows; i++) {
		r = &t->rows[i];
		slot = zconv_hash(&r->key) & t->hmask;
		r->next = t->hash[slot];
		t->hash[slot] = i + 1;
	}
}

/* Is row key r the key k, or k reversed (*forward false)? */
static bool
zconv_key_match(const struct zkey *r, const struct zkey *k, bool *forward)
{
	if (r->alen != k->alen)
		return false;
	if (memcmp(r->a, k->a, 16) == 0 && r->pa == k->pa &&
	    memcmp(r->b, k->b, 16) == 0 && r->pb == k->pb) {
		*forward = true;
		return true;
	}
	if (memcmp(r->a, k->b, 16) == 0 && r->pa == k->pb &&
	    memcmp(r->b, k->a, 16) == 0 && r->pb == k->pa) {
		*forward = false;
		return true;
	}
	return false;
}

/* The newest row keyed k in either order (*forward: k's side A is the
   row's), or NULL. */
static struct zrow *
zconv_find(const struct zconv *t, const struct zkey *k, bool *forward)
{
	uint32_t i = t->hash[zconv_hash(k) & t->hmask];
	struct zrow *r;

	for (; i != 0; i = r->next) {
		r = &t->rows[i - 1];
		if (zconv_key_match(&r->key, k, forward))
			return r;
	}
	return NULL;
}

/* A new row keyed k; NULL when the table is full. */
static struct zrow *
zconv_make(struct zconv *t, const struct zkey *k, struct wtime_rel now)
{
	struct zrow *r;
	uint32_t slot;

	if (t->nrows >= ZCONV_MAX_ROWS)
		return NULL;
	if (t->nrows == t->cap) {
		t->cap = t->cap == 0 ? 256 : t->cap * 2;
		t->rows = xrealloc(t->rows, (size_t)t->cap * sizeof *t->rows);
	}
	r = &t->rows[t->nrows++];
	memset(r, 0, sizeof *r);
	r->key = *k;
	r->start = r->stop = now;
	zconv_grow_hash(t);
	slot = zconv_hash(k) & t->hmask;
	r->next = t->hash[slot];
	t->hash[slot] = t->nrows;
	return r;
}

/* Is time x before time y? */
static bool
zconv_before(struct wtime_rel x, struct wtime_rel y)
{
	return x.sec < y.sec || (x.sec == y.sec && x.nsec < y.nsec);
}

/* Count a frame of wirelen bytes at now on row r: tx (A to B, or sent),
   else rx. */
static void
zconv_count(struct zrow *r, bool tx, uint32_t wirelen, struct wtime_rel now)
{
	if (tx) {
		r->tx_frames++;
		r->tx_bytes += wirelen;
	} else {
		r->rx_frames++;
		r->rx_bytes += wirelen;
	}
	if (zconv_before(r->stop, now))
		r->stop = now;
	else if (zconv_before(now, r->start))
		r->start = now;
}

/*
 * TCP: does this segment start a new conversation on row r's key (a SYN
 * whose sequence number is not its direction's first)?  Records each
 * direction's first sequence number (a SYN's own, else one before it,
 * as tshark takes it).
 */
static bool
zconv_tcp_reused(struct zrow *r, bool forward, const struct zlayer *l)
{
	uint32_t *base = forward ? &r->seq_a : &r->seq_b;
	bool *set = forward ? &r->seq_a_set : &r->seq_b_set;
	bool syn = (l->flags & 0x12) == 0x02;

	if (!l->has_seq || !l->has_flags)
		return false;
	if (syn && *set && *base != l->seq)
		return true;
	if (!*set) {
		*base = (l->flags & 0x02) != 0 ? l->seq : l->seq - 1;
		*set = true;
	}
	return false;
}

/* The addresses a TCP or UDP layer i sits in: the nearest IP layer
   before it; NULL when there is none. */
static const struct zlayer *
zconv_ip_of(const struct zpacket *p, int i)
{
	const struct zlayer *l;

	while (--i >= 0) {
		l = &p->layers[i];
		if (l->proto == P_IPV4 || l->proto == P_IPV6)
			return l->has_src && l->has_dst ? l : NULL;
	}
	return NULL;
}

/* Count layer l's frame in its conversation, keyed k. */
static void
zconv_add_conv(struct zconv *t, const struct zpacket *p,
    const struct zkey *k, const struct zlayer *l)
{
	struct zrow *r;
	bool forward = true;

	r = zconv_find(t, k, &forward);
	if (r != NULL && l->proto == P_TCP && zconv_tcp_reused(r, forward, l))
		r = NULL;
	if (r == NULL) {
		if ((r = zconv_make(t, k, p->rel)) == NULL) {
			t->missed++;
			return;
		}
		forward = true;
		if (l->proto == P_TCP)
			(void)zconv_tcp_reused(r, forward, l);
	}
	zconv_count(r, forward, p->wirelen, p->rel);
}

/* Count layer l's frame for the endpoint on side A of k: sent (tx) or
   received. */
static void
zconv_add_endp(struct zconv *t, const struct zpacket *p, struct zkey k,
    bool tx)
{
	struct zrow *r;
	bool forward;

	memset(k.b, 0, sizeof k.b);
	k.pb = 0;
	if ((r = zconv_find(t, &k, &forward)) == NULL &&
	    (r = zconv_make(t, &k, p->rel)) == NULL) {
		t->missed++;
		return;
	}
	zconv_count(r, tx, p->wirelen, p->rel);
}

void
zconv_add(struct zconv *t, const struct zpacket *p)
{
	const struct zlayer *l, *ip;
	struct zkey k, rev;
	int i;

	for (i = 0; i < p->nlayers; i++) {
		l = &p->layers[i];
		if (l->proto != t->proto || l->quoted || !l->tapped)
			continue;
		memset(&k, 0, sizeof k);
		if (t->ports) {
			if (!l->has_sport || !l->has_dport ||
			    (ip = zconv_ip_of(p, i)) == NULL)
				continue;
			k.pa = l->sport;
			k.pb = l->dport;
		} else {
			if (!l->has_src || !l->has_dst)
				continue;
			ip = l;
		}
		/* One TCP or UDP table holds IPv4 and IPv6 rows: the
		   address length is part of the key. */
		k.alen = ip->alen;
		memcpy(k.a, ip->src, ip->alen);
		memcpy(k.b, t->ports && ip->has_final ? ip->final_dst : ip->dst,
		    ip->alen);
		if (t->conv) {
			zconv_add_conv(t, p, &k, l);
			continue;
		}
		rev = k;
		memcpy(rev.a, k.b, sizeof rev.a);
		rev.pa = k.pb;
		zconv_add_endp(t, p, k, true);
		zconv_add_endp(t, p, rev, false);
	}
}

/* A byte count as tshark's tables show it: "9999 bytes", then whole
   kB, MB, ... (SI) from ten thousand of each. */
static void
zconv_size(uint64_t v, char *buf, size_t size)
{
	static const char *const prefix[] = { "k", "M", "G", "T", "P" };
	uint64_t div = 1;
	int i = -1;

	while (i + 1 < 5 && v / div >= 10000) {
		div *= 1000;
		i++;
	}
	if (i < 0)
		snprintf(buf, size, "%llu bytes", (unsigned long long)v);
	else
		snprintf(buf, size, "%llu %sB", (unsigned long long)(v / div),
		    prefix[i]);
}

/* A side of a row as its column shows it: the address, with ":port". */
static void
zconv_side(const struct zconv *t, const uint8_t *a, uint8_t alen,
    uint16_t port, char *buf, size_t size)
{
	size_t n;

	n = addr_format(alen == 6 ? FT_ETHER : alen == 4 ? FT_IPV4 : FT_IPV6,
	    a, buf, size);
	if (t->ports && n < size)
		snprintf(buf + n, size - n, ":%u", port);
}

/* Seconds of a relative time, as tshark turns its nstime into a double. */
static double
zconv_seconds(struct wtime_rel r)
{
	return (double)r.sec + (double)r.nsec / 1e9;
}

static const struct zconv *zconv_sorting;

/* Most frames first; ties in the order the rows were made. */
static int
zconv_cmp(const void *x, const void *y)
{
	const struct zrow *rows = zconv_sorting->rows;
	uint32_t i = *(const uint32_t *)x, j = *(const uint32_t *)y;
	uint64_t fi = rows[i].tx_frames + rows[i].rx_frames;
	uint64_t fj = rows[j].tx_frames + rows[j].rx_frames;

	if (fi != fj)
		return fi > fj ? -1 : 1;
	return i < j ? -1 : i > j;
}

/* The row numbers in print order (caller frees). */
static uint32_t *
zconv_order(const struct zconv *t)
{
	uint32_t *order = xcalloc(t->nrows > 0 ? t->nrows : 1, sizeof *order);
	uint32_t i;

	for (i = 0; i < t->nrows; i++)
		order[i] = i;
	zconv_sorting = t;
	qsort(order, t->nrows, sizeof *order, zconv_cmp);
	zconv_sorting = NULL;
	return order;
}

static const char *const zconv_titles[] = {
	[Z_CONV_ETH] = "Ethernet Conversations",
	[Z_CONV_IP] = "IPv4 Conversations",
	[Z_CONV_IPV6] = "IPv6 Conversations",
	[Z_CONV_TCP] = "TCP Conversations",
	[Z_CONV_UDP] = "UDP Conversations",
	[Z_ENDP_ETH] = "Ethernet Endpoints",
	[Z_ENDP_IP] = "IPv4 Endpoints",
	[Z_ENDP_IPV6] = "IPv6 Endpoints",
	[Z_ENDP_TCP] = "TCP Endpoints",
	[Z_ENDP_UDP] = "UDP Endpoints",
};

#define ZCONV_RULE \
"================================================================================\n"

/* A conversation row: the sides, each direction and the total, the
   start and the duration. */
static void
zconv_print_conv(const struct zconv *t, const struct zrow *r, FILE *out)
{
	char a[64], b[64], s1[32], s2[32], s3[32];
	double start = zconv_seconds(r->start);

	zconv_side(t, r->key.a, r->key.alen, r->key.pa, a, sizeof a);
	zconv_side(t, r->key.b, r->key.alen, r->key.pb, b, sizeof b);
	zconv_size(r->rx_bytes, s1, sizeof s1);
	zconv_size(r->tx_bytes, s2, sizeof s2);
	zconv_size(r->rx_bytes + r->tx_bytes, s3, sizeof s3);
	fprintf(out, t->ports ? "%-26s <-> %-26s" : "%-20s <-> %-20s", a, b);
	fprintf(out, "  %6llu %-9s  %6llu %-9s  %6llu %-9s  %14.9f   %12.4f\n",
	    (unsigned long long)r->rx_frames, s1,
	    (unsigned long long)r->tx_frames, s2,
	    (unsigned long long)(r->rx_frames + r->tx_frames), s3,
	    start, zconv_seconds(r->stop) - start);
}

/* An endpoint row: the address (and port), then totals, sent, received. */
static void
zconv_print_endp(const struct zconv *t, const struct zrow *r, FILE *out)
{
	char a[64];

	addr_format(r->key.alen == 6 ? FT_ETHER : r->key.alen == 4 ?
	    FT_IPV4 : FT_IPV6, r->key.a, a, sizeof a);
	if (t->ports)
		fprintf(out, "%-20s      %5u     %6llu", a, r->key.pa,
		    (unsigned long long)(r->tx_frames + r->rx_frames));
	else
		fprintf(out, "%-20s      %6llu", a,
		    (unsigned long long)(r->tx_frames + r->rx_frames));
	fprintf(out, "     %9llu     %6llu       %9llu      %6llu       "
	    "%9llu   \n", (unsigned long long)(r->tx_bytes + r->rx_bytes),
	    (unsigned long long)r->tx_frames,
	    (unsigned long long)r->tx_bytes,
	    (unsigned long long)r->rx_frames,
	    (unsigned long long)r->rx_bytes);
}

void
zconv_print(const struct zconv *t, FILE *out, const char *filter)
{
	uint32_t *order, i;

	fputs(ZCONV_RULE, out);
	fprintf(out, "%s\nFilter:%s\n", zconv_titles[t->kind],
	    filter != NULL ? filter : "<No Filter>");
	if (!t->conv)
		fprintf(out, "                       |%s  Packets  | "
		    "|  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | "
		    "| Rx Bytes |\n", t->ports ? "  Port  ||" : "");
	else
		fprintf(out, "%*s|       <-      | |       ->      | |     "
		    "Total     |    Relative    |   Duration   |\n"
		    "%*s| Frames  Bytes | | Frames  Bytes | | Frames  Bytes |"
		    "      Start     |              |\n", t->ports ? 59 : 47,
		    "", t->ports ? 59 : 47, "");
	order = zconv_order(t);
	for (i = 0; i < t->nrows; i++) {
		if (t->conv)
			zconv_print_conv(t, &t->rows[order[i]], out);
		else
			zconv_print_endp(t, &t->rows[order[i]], out);
	}
	free(order);
	fputs(ZCONV_RULE, out);
}

uint64_t
zconv_missed(const struct zconv *t)
{
	return t->missed;
}

void
zconv_free(struct zconv *t)
{
	if (t == NULL)
		return;
	free(t->rows);
	free(t->hash);
	free(t);
}
