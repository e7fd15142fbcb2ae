/*
 * Fuzz target: one frame through every decoder, fast pass and full pass.
 *
 * Input format (what tests/fuzz/seeds.py writes):
 *
 *    0                   1                   2
 *   +-------------------+-------------------+---------------------------
 *   | link selector     | flags             | frame bytes ...
 *   +-------------------+-------------------+---------------------------
 *
 *   link selector   index (modulo) into link_types[] below
 *   flags           bit 0: the frame has an interface name (frame.*)
 *                   bits 1-7: bytes lost to the snap length (wirelen =
 *                   caplen + flags >> 1), as when a capture is cut short
 *
 * After each input the target checks what a sink and the model rely on:
 * every field and layer lies inside the captured bytes, layers open and
 * close in nesting order, subtrees never pop more than they push, the
 * formatters stay inside their buffers, and the fast pass (no sink)
 * summarises the frame exactly as the full pass does.  Passes that take
 * chosen fields only (-T fields) must report exactly the values the full
 * pass reports for those fields, in the same order.  A broken invariant
 * aborts, so libFuzzer saves the input like any crash.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decoders.h"
#include "decode/dissect.h"
#include "decode/field.h"
#include "decode/proto.h"
#include "escape.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The link types a capture can carry, as the selector byte picks them. */
static const int link_types[] = {
	LINK_ETHERNET, LINK_LINUX_SLL, LINK_LINUX_SLL2, LINK_NULL, LINK_LOOP,
	LINK_RAW, DLT_RAW_BSD, DLT_RAW_OPENBSD, LINK_IPV4, LINK_IPV6,
	147		/* a user DLT nobody decodes: data only */
};
#define NLINKS	(sizeof link_types / sizeof link_types[0])

/* What the checking sink has seen of the current frame. */
struct check {
	uint32_t	caplen;
	uint32_t	open_off[DISSECT_MAX_LAYERS + 1];
	int		saved[DISSECT_MAX_LAYERS + 1];	/* outer subtree */
	int		depth;		/* layers open now */
	int		opened;		/* layers opened in all */
	int		subtree;	/* push depth in the current layer */
	int		fields;
	/* The values of the fields in want_sets[i], hashed in order. */
	uint64_t	want_hash[2];
	int		want_n[2];
};

static void	bad(const char *what, unsigned a, unsigned b);

/* Chosen-field sets: every other known field, and a few a -T fields
   user asks for (no DNS field: its layer is skipped whole). */
static struct field_set *want_sets[2];

static const char *const few_fields[] = {
	"frame.number", "frame.len", "eth.src", "ip.src", "ip.dst", "ip.ttl",
	"ipv6.src", "ipv6.dst", "tcp.srcport", "tcp.dstport", "tcp.flags",
	"udp.srcport", "udp.dstport", "icmp.type", "icmpv6.type",
	"tcp.checksum.status", "ip.dst_host"
};

/* Count the known fields (field_foreach callback). */
static void
count_field(const struct field_def *f, void *arg)
{
	(void)f;
	(*(int *)arg)++;
}

/* Add every other field to the set (field_foreach callback). */
static void
add_every_other(const struct field_def *f, void *arg)
{
	static int i;

	if (i++ % 2 == 0)
		field_set_add(arg, f, 0);
}

/* Build the chosen-field sets once. */
static void
want_sets_init(void)
{
	size_t i;
	int n = 0;

	if (want_sets[0] != NULL)
		return;
	field_foreach(count_field, &n);
	want_sets[0] = field_set_new((size_t)n);
	want_sets[1] = field_set_new(sizeof few_fields / sizeof few_fields[0]);
	if (want_sets[0] == NULL || want_sets[1] == NULL)
		abort();
	field_foreach(add_every_other, want_sets[0]);
	for (i = 0; i < sizeof few_fields / sizeof few_fields[0]; i++) {
		if (field_lookup(few_fields[i]) == NULL)
			bad("unknown field in few_fields", (unsigned)i, 0);
		field_set_add(want_sets[1], field_lookup(few_fields[i]), 0);
	}
}

/* Fold a field's -T fields text into a hash. */
static uint64_t
hash_value(uint64_t h, const struct field_value *v)
{
	char buf[1024];
	size_t n, i;

	n = field_format(v, buf, sizeof buf);
	h = (h ^ (uint64_t)(uintptr_t)v->def) * 0x100000001b3ull;
	for (i = 0; i < n; i++)
		h = (h ^ (uint8_t)buf[i]) * 0x100000001b3ull;
	return (h ^ 0xff) * 0x100000001b3ull;
}

/* Stop with a message: libFuzzer (or the replay) reports the input. */
static void
bad(const char *what, unsigned a, unsigned b)
{
	fprintf(stderr, "fuzz_decode: invariant broken: %s (%u, %u)\n", what,
	    a, b);
	abort();
}

/* A layer starts: it must start inside the frame and fit the layer cap. */
static void
check_open(void *arg, enum proto_id p, uint32_t off)
{
	struct check *k = arg;

	if ((unsigned)p >= P_MAX)
		bad("layer of unknown protocol", (unsigned)p, P_MAX);
	if (off > k->caplen)
		bad("layer starts past the captured bytes", off, k->caplen);
	if (k->depth > 0 && off < k->open_off[k->depth - 1])
		bad("inner layer starts before its outer layer", off,
		    k->open_off[k->depth - 1]);
	if (k->depth >= DISSECT_MAX_LAYERS || k->opened >= DISSECT_MAX_LAYERS)
		bad("more layers than DISSECT_MAX_LAYERS", (unsigned)k->opened,
		    DISSECT_MAX_LAYERS);
	/* An inner packet (a tunnel, a quote inside an option) may open
	   while the outer layer has a subtree pushed: keep its depth. */
	k->saved[k->depth] = k->subtree;
	k->open_off[k->depth++] = off;
	k->opened++;
	k->subtree = 0;
}

/* A layer ends: one must be open, and it ends inside the frame. */
static void
check_close(void *arg, uint32_t off, int status)
{
	struct check *k = arg;

	if (k->depth <= 0)
		bad("layer closed with none open", off, 0);
	if (off > k->caplen)
		bad("layer ends past the captured bytes", off, k->caplen);
	if (off < k->open_off[k->depth - 1])
		bad("layer ends before it starts", off,
		    k->open_off[k->depth - 1]);
	if (status & ~(LAYER_TRUNCATED | LAYER_MALFORMED | LAYER_BADSUM))
		bad("unknown layer status bits", (unsigned)status, 0);
	k->depth--;
	k->subtree = k->saved[k->depth];
}

/* A field: inside a layer, inside the frame, and printable. */
static void
check_field(void *arg, const struct field_value *v)
{
	struct check *k = arg;
	char buf[1024];
	size_t n;

	if (k->depth <= 0)
		bad("field outside any layer", v->off, 0);
	if (v->def == NULL || v->def->name == NULL || v->def->label == NULL)
		bad("field without a definition", v->off, v->len);
	if (v->off > k->caplen || v->len > k->caplen - v->off) {
		fprintf(stderr, "field %s at %u+%u\n", v->def->name, v->off,
		    v->len);
		bad("field past the captured bytes", v->off + v->len,
		    k->caplen);
	}
	switch (v->def->type) {
	case FT_IPV4:
	case FT_IPV6:
	case FT_ETHER:
		if (v->p == NULL || v->n != (v->def->type == FT_IPV4 ? 4u :
		    v->def->type == FT_IPV6 ? 16u : 6u))
			bad("address field of the wrong size", (unsigned)v->n,
			    v->def->type);
		break;
	case FT_STRING:
	case FT_BYTES:
		if (v->p == NULL && v->n > 0)
			bad("string field without bytes", (unsigned)v->n, 0);
		break;
	default:
		break;
	}
	/* The -T fields and -V formatters: inside the buffer, terminated. */
	n = field_format(v, buf, sizeof buf);
	if (n >= sizeof buf || strlen(buf) != n)
		bad("field_format overran or miscounted", (unsigned)n,
		    (unsigned)strlen(buf));
	/* Whatever the bytes, what a value prints is already escaped. */
	if (!escape_is_clean(buf, n))
		bad("a field value holds unescaped text", v->off, v->len);
	n = field_format_tree(v, buf, sizeof buf);
	if (n >= sizeof buf || strlen(buf) != n)
		bad("field_format_tree overran or miscounted", (unsigned)n,
		    (unsigned)strlen(buf));
	if (!escape_is_clean(buf, n))
		bad("a tree line holds unescaped text", v->off, v->len);
	/* A small buffer must truncate, not overflow. */
	n = field_format(v, buf, 8);
	if (memchr(buf, '\0', 8) == NULL)
		bad("field_format left a small buffer unterminated", 8, 0);
	k->fields++;
	for (n = 0; n < 2; n++)
		if (field_set_get(want_sets[n], v->def) >= 0) {
			k->want_hash[n] = hash_value(k->want_hash[n], v);
			k->want_n[n]++;
		}
}

/* A field of a chosen-field pass: only chosen ones may come. */
static void
check_want_field(void *arg, const struct field_value *v)
{
	struct check *k = arg;

	if (field_set_get(want_sets[k->fields], v->def) < 0)
		bad("a field nobody chose reached the sink", v->off, v->len);
	k->want_hash[0] = hash_value(k->want_hash[0], v);
	k->want_n[0]++;
}

/* Following fields are children of the last one. */
static void
check_push(void *arg)
{
	struct check *k = arg;

	k->subtree++;
}

/* Back to the parent level: never more pops than pushes in a layer. */
static void
check_pop(void *arg)
{
	struct check *k = arg;

	if (k->subtree <= 0)
		bad("subtree pop without a push", 0, 0);
	k->subtree--;
}

/* The summary must be sane whatever the bytes were. */
static void
check_summary(const struct pkt_info *pi)
{
	if (pi->top >= P_MAX)
		bad("top protocol out of range", pi->top, P_MAX);
	if (pi->ipver != 0 && pi->ipver != 4 && pi->ipver != 6)
		bad("flow key with an unknown IP version", pi->ipver, 0);
	if (pi->status & ~(LAYER_TRUNCATED | LAYER_MALFORMED | LAYER_BADSUM))
		bad("unknown status bits in the summary", pi->status, 0);
	if (memchr(pi->info, '\0', sizeof pi->info) == NULL)
		bad("Info column not terminated", INFO_MAX, 0);
	if (!escape_is_clean(pi->info, strlen(pi->info)))
		bad("the Info column holds unescaped text", 0, 0);
	if (pi->top != 0 && (pi->protos & ((uint64_t)1 << pi->top)) == 0)
		bad("top protocol not among the protocols", pi->top, 0);
}

/*
 * The fast pass must learn what the full pass learns: one decoder.  The
 * capture pass (no sink, no Info) may skip checksums and payload names,
 * so only with detail is the status compared.
 */
static void
check_same(const struct pkt_info *full, const struct pkt_info *fast,
    bool detail)
{
	if (full->protos != fast->protos)
		bad("fast and full pass disagree on protocols",
		    (unsigned)full->protos, (unsigned)fast->protos);
	if (full->top != fast->top)
		bad("fast and full pass disagree on the top protocol",
		    full->top, fast->top);
	if (detail && full->status != fast->status)
		bad("fast and full pass disagree on the status", full->status,
		    fast->status);
	if (full->ipver != fast->ipver || full->l4proto != fast->l4proto ||
	    memcmp(full->src, fast->src, sizeof full->src) != 0 ||
	    memcmp(full->dst, fast->dst, sizeof full->dst) != 0 ||
	    full->sport != fast->sport || full->dport != fast->dport ||
	    full->tcpflags != fast->tcpflags)
		bad("fast and full pass disagree on the flow key",
		    full->ipver, fast->ipver);
	if (full->has_mac != fast->has_mac ||
	    memcmp(full->macsrc, fast->macsrc, sizeof full->macsrc) != 0 ||
	    memcmp(full->macdst, fast->macdst, sizeof full->macdst) != 0)
		bad("fast and full pass disagree on MAC addresses", 0, 0);
	if (strcmp(full->info, fast->info) != 0) {
		fprintf(stderr, "full: %s\nfast: %s\n", full->info,
		    fast->info);
		bad("fast and full pass disagree on Info", 0, 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct field_sink sink = {
		check_open, check_close, check_field, check_push, check_pop,
		NULL
	};
	struct field_sink want_sink = {
		check_open, check_close, check_want_field, check_push,
		check_pop, NULL
	};
	struct pkt_info full, fast, plain, chosen;
	struct frame_meta m;
	struct check k, kw;
	uint8_t *frame;
	size_t len;
	int i;

	if (size < 2 || size - 2 > 262144)
		return 0;
	len = size - 2;
	/* An exact-size copy: ASan sees a read one byte past the frame. */
	frame = malloc(len > 0 ? len : 1);
	if (frame == NULL)
		return 0;
	memcpy(frame, data + 2, len);

	memset(&m, 0, sizeof m);
	m.number = 7;
	m.ts_sec = 1700000000;
	m.ts_nsec = 123456789;
	m.rel.sec = 1;
	m.rel.nsec = 500000000;
	m.delta.nsec = 250000;
	m.caplen = (uint32_t)len;
	m.wirelen = (uint32_t)len + (data[1] >> 1);
	m.link = link_types[data[0] % NLINKS];
	m.ifname = (data[1] & 1) ? "eth0" : NULL;

	want_sets_init();
	memset(&k, 0, sizeof k);
	k.caplen = m.caplen;
	sink.arg = &k;
	dissect_frame(&m, frame, &full, &sink, true);
	if (k.depth != 0)
		bad("layers left open after the frame", (unsigned)k.depth, 0);
	if (k.opened == 0)
		bad("no frame layer", 0, 0);
	check_summary(&full);

	dissect_frame(&m, frame, &fast, NULL, true);
	check_summary(&fast);
	check_same(&full, &fast, true);

	/* The capture thread's pass: no sink, no Info; same key. */
	dissect_frame(&m, frame, &plain, NULL, false);
	if (plain.info[0] != '\0')
		bad("Info filled without want_info", 0, 0);
	memcpy(plain.info, fast.info, sizeof plain.info);
	check_same(&fast, &plain, false);
	/* The shortcut that pass takes for plain TCP/UDP frames: all of
	   the decoders' summary, status included, or nothing. */
	if (fastpath_decode(&m, frame, &plain)) {
		dissect_frame_want(&m, frame, &chosen, NULL, false, NULL);
		check_same(&chosen, &plain, true);
	}

	/* -T fields passes: the chosen fields' values, nothing else, and
	   the summary the model gets from them (without Info). */
	for (i = 0; i < 2; i++) {
		memset(&kw, 0, sizeof kw);
		kw.caplen = m.caplen;
		kw.fields = i;		/* which set: check_want_field */
		want_sink.arg = &kw;
		dissect_frame_want(&m, frame, &chosen, &want_sink, false,
		    want_sets[i]);
		if (kw.depth != 0)
			bad("layers left open in a chosen-field pass",
			    (unsigned)kw.depth, 0);
		if (kw.want_n[0] != k.want_n[i] ||
		    kw.want_hash[0] != k.want_hash[i])
			bad("a chosen-field pass reports other values than "
			    "the full pass", (unsigned)kw.want_n[0],
			    (unsigned)k.want_n[i]);
		memcpy(chosen.info, fast.info, sizeof chosen.info);
		check_same(&fast, &chosen, false);
	}

	free(frame);
	return 0;
}
