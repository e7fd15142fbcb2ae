/*
 * The packet display filter (-Y, / in the TUI): Wireshark's language
 * (dfilter/) over the fields and protocols of the decoders.
 *
 * A filter is compiled once.  Each packet is dissected for the fields the
 * expression names only (dissect_frame_want(): the other fields are not
 * even formatted, and DNS is skipped unless one of its fields is named);
 * a sink adds each occurrence to the filter's record, and the layers of
 * every protocol the expression names.  Nothing is allocated per packet
 * once the record has grown to the packets' size.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "decode/decoders.h"
#include "decode/dissect.h"
#include "dfilter/dfilter.h"
#include "filter.h"
#include "util.h"

/* A layer as the sink saw it open and close. */
struct layer_seen {
	uint8_t		 proto;
	int		 parent;	/* index, -1 for none */
	uint32_t	 off, end;
	uint32_t	 child;		/* where its first inner layer starts;
					   UINT32_MAX for none */
	uint16_t	 num;		/* its protocol's layer number */
};

/* What the sink keeps while one packet is dissected. */
struct match_state {
	struct df_record	*rec;
	const struct field_set	*want;
	const int		*proto_slot;	/* per proto id, -1 if unnamed */
	bool			 protos;	/* any protocol named */
	const uint8_t		*data;
	uint32_t		 caplen;
	struct layer_seen	 layers[DISSECT_MAX_LAYERS + 1];
	int			 nlayers;
	int			 open[DISSECT_MAX_LAYERS + 1];	/* stack */
	int			 depth;
	uint16_t		 count[P_MAX];	/* layers per protocol */
};

struct filter {
	struct dfilter		*df;
	struct field_set	*want;		/* field -> its slot */
	int			 proto_slot[P_MAX];
	struct match_state	*st;
};

/* ---- The packet namespace ---- */

static const struct field_def *
ns_field(const char *name, void *arg)
{
	(void)arg;
	return field_lookup(name);
}

static int
ns_proto(const char *name, void *arg)
{
	int p;

	(void)arg;
	for (p = 0; p < P_MAX; p++)
		if (proto_defs[p].filter != NULL &&
		    strcmp(proto_defs[p].filter, name) == 0)
			return p;
	return -1;
}

struct each_ctx {
	void	(*fn)(const char *, void *);
	void	*arg;
};

static void
each_field(const struct field_def *f, void *arg)
{
	struct each_ctx *c = arg;

	c->fn(f->name, c->arg);
}

static void
ns_each(void (*fn)(const char *, void *), void *fnarg, void *arg)
{
	struct each_ctx c = { fn, fnarg };
	int p;

	(void)arg;
	for (p = 0; p < P_MAX; p++)
		if (proto_defs[p].filter != NULL)
			fn(proto_defs[p].filter, fnarg);
	field_foreach(each_field, &c);
}

/* tshark's names of a checksum status (ip.checksum.status == Bad). */
static const struct value_name checksum_status_names[] = {
	{ 0, "Bad" }, { 1, "Good" }, { 2, "Unverified" }, { 3, "Not present" },
	{ 4, "Illegal" }, { 0, NULL }
};

/* Does s end with suffix? */
static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Value names Wireshark takes for a field ("ip.proto == UDP"), compared
   without case as tshark does. */
static bool
ns_value(const struct field_def *def, const char *name, uint64_t *v,
    void *arg)
{
	const struct value_name *t = def->vals;
	const char *n;
	unsigned i;

	(void)arg;
	if (t == NULL && (ends_with(def->name, "checksum.status") ||
	    ends_with(def->name, ".fcs.status")))
		t = checksum_status_names;
	for (; t != NULL && t->name != NULL; t++)
		if (strcasecmp(t->name, name) == 0) {
			*v = t->value;
			return true;
		}
	if (strcmp(def->name, "ip.proto") == 0 ||
	    strcmp(def->name, "ipv6.nxt") == 0) {
		for (i = 0; i < 256; i++)
			if ((n = ipproto_name((uint8_t)i)) != NULL &&
			    strcasecmp(n, name) == 0) {
				*v = i;
				return true;
			}
	}
	return false;
}

static const struct df_names packet_names = {
	.field = ns_field, .proto = ns_proto, .each = ns_each,
	.value = ns_value
};

/* ---- The sink ---- */

static void
sink_layer_open(void *arg, enum proto_id p, uint32_t off)
{
	struct match_state *st = arg;
	struct layer_seen *l;

	if (st->nlayers > DISSECT_MAX_LAYERS || (unsigned)p >= P_MAX)
		return;
	l = &st->layers[st->nlayers];
	l->proto = (uint8_t)p;
	l->parent = st->depth > 0 ? st->open[st->depth - 1] : -1;
	l->off = off;
	l->end = st->caplen;
	l->child = UINT32_MAX;
	if (l->parent >= 0 && st->layers[l->parent].child == UINT32_MAX)
		st->layers[l->parent].child = off;
	if (st->count[p] < UINT16_MAX)
		st->count[p]++;
	l->num = st->count[p];
	st->open[st->depth++] = st->nlayers++;
	df_record_layer(st->rec, l->num);
}

static void
sink_layer_close(void *arg, uint32_t off, int status)
{
	struct match_state *st = arg;
	struct layer_seen *l;

	(void)status;
	if (st->depth == 0)
		return;
	l = &st->layers[st->open[--st->depth]];
	l->end = off < l->off ? l->off : off > st->caplen ? st->caplen : off;
	if (st->depth > 0)
		df_record_layer(st->rec,
		    st->layers[st->open[st->depth - 1]].num);
}

static void
sink_field(void *arg, const struct field_value *v)
{
	struct match_state *st = arg;
	int slot = field_set_get(st->want, v->def);

	if (slot >= 0)
		df_record_add(st->rec, slot, v);
}

/*
 * Does tshark's item for protocol p hold what p carries (an ICMP error
 * its quote), not only p's header?  (TCP's item is its header when tshark
 * builds the tree, -V, -T fields; with -Y alone and no tree it keeps the
 * payload too: we follow the tree.)
 */
static bool
item_holds_payload(int p)
{
	return p == P_FRAME || p == P_ICMP || p == P_ICMPV6;
}

/*
 * Where tshark's item for layer l ends: its header, up to where the
 * layer it carries starts (udp is 8 bytes); TCP and UDP headers whose
 * payload no layer took (a RST's data) end where their header says.
 */
static uint32_t
header_end(const struct match_state *st, const struct layer_seen *l)
{
	uint32_t end = l->end, hl;

	if (item_holds_payload(l->proto))
		return end;
	if (l->child != UINT32_MAX && l->child < end && l->child > l->off)
		end = l->child;
	if (l->proto == P_UDP && end - l->off > 8)
		end = l->off + 8;
	if (l->proto == P_TCP && l->off + 12 < end) {
		hl = (uint32_t)(st->data[l->off + 12] >> 4) * 4;
		if (hl >= 20 && end - l->off > hl)
			end = l->off + hl;
	}
	return end;
}

/* Is p a link layer (its data runs to the end of the frame, padding and
   trailer included)? */
static bool
is_link(int p)
{
	return p == P_FRAME || p == P_ETH || p == P_SLL || p == P_NULL ||
	    p == P_RAW || p == P_VLAN || p == P_IEEE8021AD || p == P_LLC;
}

/*
 * Where the frame's data ends for tshark: on a raw IPv4 link the IP
 * header sits in the frame's own data, and the datagram's length cuts
 * it (the frame's length stays; a slice past the datagram is empty).
 * IPv6 keeps it whole (LINKTYPE_IPV6_invalid.pcap).
 */
static uint32_t
frame_data_end(const struct match_state *st, int frame)
{
	const struct layer_seen *l;
	int i;

	for (i = frame + 1; i < st->nlayers; i++) {
		l = &st->layers[i];
		if (l->parent == frame && l->off == 0 && l->proto == P_IPV4)
			return l->end;
	}
	return st->caplen;
}

/*
 * The layers of the named protocols, as tshark has them: the item is
 * the layer's header, up to where the layer it carries starts (udp is 8
 * bytes); contains and matches search on to the end of the data it was
 * given (an IP datagram's end for what IP carries, the frame's for the
 * link layers).
 */
static void
add_protocols(struct match_state *st)
{
	const struct layer_seen *l, *a;
	uint32_t all, end;
	int i, slot;

	for (i = 0; i < st->nlayers; i++) {
		l = &st->layers[i];
		slot = st->proto_slot[l->proto];
		/* tshark adds no item for a layer with no bytes (a TCP
		   header after an IPv6 jumbo header's zero length), but for
		   ICMPv6, whose item comes before its first read. */
		if (slot < 0 || (l->end <= l->off && l->proto != P_FRAME &&
		    l->proto != P_ICMPV6))
			continue;
		end = header_end(st, l);
		all = is_link(l->proto) ? st->caplen : l->end;
		for (a = l; a != NULL; a = a->parent >= 0 ?
		    &st->layers[a->parent] : NULL)
			if (a->proto == P_IPV4 || a->proto == P_IPV6) {
				all = a->end;
				break;
			}
		if (l->proto == P_FRAME)
			all = frame_data_end(st, i);
		else if (all < l->end)
			all = l->end;
		df_record_layer(st->rec, l->num);
		df_record_add_proto_ref(st->rec, slot, st->data + l->off,
		    end - l->off, all - l->off);
	}
}

/* ---- The API ---- */

struct filter *
filter_new(const char *expr, int link, int snaplen, char **cause)
{
	const struct field_def *def;
	struct filter *f;
	int i, n, p;

	(void)link;
	(void)snaplen;
	f = xcalloc(1, sizeof *f);
	if ((f->df = dfilter_compile(expr, &packet_names, cause)) == NULL) {
		free(f);
		return NULL;
	}
	n = dfilter_slots(f->df);
	if ((f->want = field_set_new((size_t)n + 1)) == NULL)
		fatal("out of memory");
	for (p = 0; p < P_MAX; p++)
		f->proto_slot[p] = -1;
	f->st = xcalloc(1, sizeof *f->st);
	for (i = 0; i < n; i++) {
		if ((def = dfilter_slot_field(f->df, i)) != NULL)
			field_set_add(f->want, def, i);
		else if ((p = dfilter_slot_proto(f->df, i)) >= 0 &&
		    p < P_MAX) {
			f->proto_slot[p] = i;
			f->st->protos = true;
		}
	}
	f->st->rec = df_record_new(f->df);
	f->st->want = f->want;
	f->st->proto_slot = f->proto_slot;
	return f;
}

bool
filter_match(const struct filter *f, const struct frame_meta *m,
    const uint8_t *data)
{
	struct match_state *st = f->st;
	struct field_sink sink = {
		sink_layer_open, sink_layer_close, sink_field, NULL, NULL, st
	};
	struct pkt_info pi;

	df_record_reset(st->rec);
	st->data = data;
	st->caplen = m->caplen;
	st->nlayers = 0;
	st->depth = 0;
	memset(st->count, 0, sizeof st->count);
	dissect_frame_want(m, data, &pi, &sink, false, f->want);
	if (st->protos)
		add_protocols(st);
	return dfilter_eval(f->df, st->rec);
}

const char *
filter_text(const struct filter *f)
{
	return dfilter_text(f->df);
}

void
filter_free(struct filter *f)
{
	if (f == NULL)
		return;
	df_record_free(f->st->rec);
	free(f->st);
	field_set_free(f->want);
	dfilter_free(f->df);
	free(f);
}
