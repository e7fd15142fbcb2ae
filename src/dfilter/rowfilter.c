/*
 * The row namespace of the display-filter engine: the fields of a flow
 * or talker row (rowfilter.h lists them), and the record of one row's
 * values that dfilter_eval() reads.
 *
 * Each kind has a table of field definitions indexed by its enum, so a
 * compiled filter's slot maps back to the field it names by pointer.  A
 * match fills only the slots the expression names.  Fields that are
 * either end of a flow (addr, port) have two occurrences, src's first:
 * `addr == X` matches when either end is X, `addr != X` only when
 * neither is (tshark's rule for repeated fields).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decoders.h"
#include "dfilter/dfilter.h"
#include "dfilter/rowfilter.h"
#include "util.h"

enum flow_field {
	FF_PROTO, FF_SRC, FF_DST, FF_ADDR, FF_SPORT, FF_DPORT, FF_PORT,
	FF_PACKETS, FF_BYTES, FF_SRC_PACKETS, FF_SRC_BYTES, FF_DST_PACKETS,
	FF_DST_BYTES, FF_RATE, FF_SRC_RATE, FF_DST_RATE, FF_PEAK, FF_STATE,
	FF_AGE, FF_DURATION,
	FF_COUNT
};

enum talker_field {
	TF_ADDR, TF_PACKETS, TF_BYTES, TF_TX_PACKETS, TF_TX_BYTES,
	TF_RX_PACKETS, TF_RX_BYTES, TF_RATE, TF_FLOWS,
	TF_COUNT
};

/* Addresses are FT_IPV6: a row may be of either family (see addr_add()). */
#define U64(n, l)	{ n, l, FT_UINT, BASE_DEC, 64 }
#define U16(n, l)	{ n, l, FT_UINT, BASE_DEC, 16 }
#define DBL(n, l)	{ n, l, FT_DOUBLE, BASE_DEC, 0 }
#define STR(n, l)	{ n, l, FT_STRING, BASE_DEC, 0 }
#define ADDR(n, l)	{ n, l, FT_IPV6, BASE_DEC, 0 }

static const struct field_def flow_fields[FF_COUNT] = {
	[FF_PROTO] = STR("proto", "Protocol (tcp, udp, icmp, ...)"),
	[FF_SRC] = ADDR("src", "Address that sent the first packet"),
	[FF_DST] = ADDR("dst", "The other address"),
	[FF_ADDR] = ADDR("addr", "Either address"),
	[FF_SPORT] = U16("sport", "Port of src (TCP, UDP)"),
	[FF_DPORT] = U16("dport", "Port of dst (TCP, UDP)"),
	[FF_PORT] = U16("port", "Either port (TCP, UDP)"),
	[FF_PACKETS] = U64("packets", "Packets, both ways"),
	[FF_BYTES] = U64("bytes", "Bytes, both ways"),
	[FF_SRC_PACKETS] = U64("src.packets", "Packets src sent"),
	[FF_SRC_BYTES] = U64("src.bytes", "Bytes src sent"),
	[FF_DST_PACKETS] = U64("dst.packets", "Packets dst sent"),
	[FF_DST_BYTES] = U64("dst.bytes", "Bytes dst sent"),
	[FF_RATE] = DBL("rate", "bit/s over the last 2 s, both ways"),
	[FF_SRC_RATE] = DBL("src.rate", "bit/s src sent over the last 2 s"),
	[FF_DST_RATE] = DBL("dst.rate", "bit/s dst sent over the last 2 s"),
	[FF_PEAK] = DBL("peak", "bit/s of its busiest second"),
	[FF_STATE] = STR("state", "TCP state (established, reset, ...)"),
	[FF_AGE] = DBL("age", "Seconds since its last packet"),
	[FF_DURATION] = DBL("duration", "Seconds from first packet to last"),
};

static const struct field_def talker_fields[TF_COUNT] = {
	[TF_ADDR] = ADDR("addr", "Address"),
	[TF_PACKETS] = U64("packets", "Packets sent and received"),
	[TF_BYTES] = U64("bytes", "Bytes sent and received"),
	[TF_TX_PACKETS] = U64("tx_packets", "Packets sent"),
	[TF_TX_BYTES] = U64("tx_bytes", "Bytes sent"),
	[TF_RX_PACKETS] = U64("rx_packets", "Packets received"),
	[TF_RX_BYTES] = U64("rx_bytes", "Bytes received"),
	[TF_RATE] = DBL("rate", "bit/s over the last 2 s, both ways"),
	[TF_FLOWS] = U64("flows", "Live flows it is in"),
};

/* A kind's table. */
struct row_table {
	const struct field_def	*defs;
	size_t			 n;
	const char		*what;		/* the error's prefix */
};

static const struct row_table tables[] = {
	[ROWS_FLOWS] = { flow_fields, FF_COUNT, "flow filter" },
	[ROWS_TALKERS] = { talker_fields, TF_COUNT, "talker filter" },
};

struct rowfilter {
	enum rowfilter_kind	 kind;
	struct dfilter		*df;
	struct df_record	*rec;
	int			 nslots;
	int			*field;		/* by slot: its field's index */
};

/* Namespace: the field called name in table arg, or NULL. */
static const struct field_def *
ns_field(const char *name, void *arg)
{
	const struct row_table *t = arg;
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->defs[i].name, name) == 0)
			return &t->defs[i];
	return NULL;
}

/* Namespace: every name of table arg. */
static void
ns_each(void (*fn)(const char *, void *), void *fnarg, void *arg)
{
	const struct row_table *t = arg;
	size_t i;

	for (i = 0; i < t->n; i++)
		fn(t->defs[i].name, fnarg);
}

/* The engine's cause as this kind's: "flow filter: ..." for "display
   filter: ...". */
static char *
row_cause(const struct row_table *t, char *cause)
{
	static const char engine[] = "display filter: ";
	const char *s = cause != NULL ? cause : "bad expression";
	char *out;

	if (strncmp(s, engine, sizeof engine - 1) == 0)
		s += sizeof engine - 1;
	out = xasprintf("%s: %s", t->what, s);
	free(cause);
	return out;
}

struct rowfilter *
rowfilter_compile(const char *text, enum rowfilter_kind kind, char **cause)
{
	const struct row_table *t = &tables[kind];
	const struct field_def *def;
	struct df_names ns;
	struct rowfilter *rf;
	struct dfilter *df;
	char *why = NULL;
	int i;

	memset(&ns, 0, sizeof ns);
	ns.field = ns_field;
	ns.proto = NULL;	/* rows have no protocols */
	ns.each = ns_each;
	ns.arg = (void *)t;
	ns.size_suffixes = true;
	ns.mapped_v4 = true;
	if ((df = dfilter_compile(text, &ns, &why)) == NULL) {
		*cause = row_cause(t, why);
		return NULL;
	}
	rf = xcalloc(1, sizeof *rf);
	rf->kind = kind;
	rf->df = df;
	rf->rec = df_record_new(df);
	rf->nslots = dfilter_slots(df);
	rf->field = xcalloc(rf->nslots > 0 ? (size_t)rf->nslots : 1,
	    sizeof *rf->field);
	for (i = 0; i < rf->nslots; i++) {
		def = dfilter_slot_field(df, i);
		/* Only this table's definitions resolve here. */
		rf->field[i] = def != NULL && def >= t->defs &&
		    def < t->defs + t->n ? (int)(def - t->defs) : -1;
	}
	return rf;
}

void
rowfilter_free(struct rowfilter *rf)
{
	if (rf == NULL)
		return;
	df_record_free(rf->rec);
	dfilter_free(rf->df);
	free(rf->field);
	free(rf);
}

const char *
rowfilter_text(const struct rowfilter *rf)
{
	return dfilter_text(rf->df);
}

enum rowfilter_kind
rowfilter_kind(const struct rowfilter *rf)
{
	return rf->kind;
}

/* Add an unsigned occurrence to slot. */
static void
uint_add(struct rowfilter *rf, int slot, const struct field_def *def,
    uint64_t u)
{
	struct field_value v;

	memset(&v, 0, sizeof v);
	v.def = def;
	v.u = u;
	df_record_add(rf->rec, slot, &v);
}

/* Add a double occurrence to slot. */
static void
dbl_add(struct rowfilter *rf, int slot, const struct field_def *def,
    double d)
{
	struct field_value v;

	memset(&v, 0, sizeof v);
	v.def = def;
	v.dbl = d;
	df_record_add(rf->rec, slot, &v);
}

/* Add a string occurrence to slot. */
static void
str_add(struct rowfilter *rf, int slot, const struct field_def *def,
    const char *s)
{
	struct field_value v;

	memset(&v, 0, sizeof v);
	v.def = def;
	v.p = (const uint8_t *)s;
	v.n = strlen(s);
	df_record_add(rf->rec, slot, &v);
}

/*
 * Add an address occurrence to slot.  The row fields are FT_IPV6 so that
 * one field holds both families: an IPv4 address is added as its
 * IPv4-mapped form ::ffff:a.b.c.d, which IPv4 literals (and prefixes)
 * on these fields stand for.
 */
static void
addr_add(struct rowfilter *rf, int slot, const struct field_def *def,
    uint8_t ipver, const uint8_t *a)
{
	struct field_value v;
	uint8_t mapped[16];

	memset(&v, 0, sizeof v);
	v.def = def;
	if (ipver == 6)
		v.p = a;
	else {
		memset(mapped, 0, 10);
		mapped[10] = mapped[11] = 0xff;
		memcpy(mapped + 12, a, 4);
		v.p = mapped;
	}
	v.n = 16;
	df_record_add(rf->rec, slot, &v);
}

/* Does a flow of protocol proto have ports? */
static bool
flow_has_ports(const struct flow_view *f)
{
	return f->proto == 6 || f->proto == 17 || f->sport != 0 ||
	    f->dport != 0;
}

bool
rowfilter_match_flow(struct rowfilter *rf, const struct flow_view *f,
    int64_t now_ns)
{
	const struct field_def *def;
	const char *name;
	char num[8];
	int i;

	df_record_reset(rf->rec);
	for (i = 0; i < rf->nslots; i++) {
		if (rf->field[i] < 0)
			continue;
		def = &flow_fields[rf->field[i]];
		switch ((enum flow_field)rf->field[i]) {
		case FF_PROTO:
			if ((name = ipproto_stats_name(f->proto)) == NULL) {
				snprintf(num, sizeof num, "%u", f->proto);
				name = num;
			}
			str_add(rf, i, def, name);
			break;
		case FF_SRC:
			addr_add(rf, i, def, f->ipver, f->src);
			break;
		case FF_DST:
			addr_add(rf, i, def, f->ipver, f->dst);
			break;
		case FF_ADDR:
			addr_add(rf, i, def, f->ipver, f->src);
			addr_add(rf, i, def, f->ipver, f->dst);
			break;
		case FF_SPORT:
			if (flow_has_ports(f))
				uint_add(rf, i, def, f->sport);
			break;
		case FF_DPORT:
			if (flow_has_ports(f))
				uint_add(rf, i, def, f->dport);
			break;
		case FF_PORT:
			if (flow_has_ports(f)) {
				uint_add(rf, i, def, f->sport);
				uint_add(rf, i, def, f->dport);
			}
			break;
		case FF_PACKETS:
			uint_add(rf, i, def, f->packets + f->packets_rev);
			break;
		case FF_BYTES:
			uint_add(rf, i, def, f->bytes + f->bytes_rev);
			break;
		case FF_SRC_PACKETS:
			uint_add(rf, i, def, f->packets);
			break;
		case FF_SRC_BYTES:
			uint_add(rf, i, def, f->bytes);
			break;
		case FF_DST_PACKETS:
			uint_add(rf, i, def, f->packets_rev);
			break;
		case FF_DST_BYTES:
			uint_add(rf, i, def, f->bytes_rev);
			break;
		case FF_RATE:
			dbl_add(rf, i, def, f->rate[0] * 8);
			break;
		case FF_SRC_RATE:
			dbl_add(rf, i, def, (f->rate[0] - f->rate_rev[0]) * 8);
			break;
		case FF_DST_RATE:
			dbl_add(rf, i, def, f->rate_rev[0] * 8);
			break;
		case FF_PEAK:
			dbl_add(rf, i, def, f->peak * 8);
			break;
		case FF_STATE:
			str_add(rf, i, def, flow_state_name(f->state));
			break;
		case FF_AGE:
			dbl_add(rf, i, def, now_ns > f->last_ns ?
			    (double)(now_ns - f->last_ns) / 1e9 : 0);
			break;
		case FF_DURATION:
			dbl_add(rf, i, def, f->last_ns > f->first_ns ?
			    (double)(f->last_ns - f->first_ns) / 1e9 : 0);
			break;
		case FF_COUNT:
			break;
		}
	}
	return dfilter_eval(rf->df, rf->rec);
}

bool
rowfilter_match_talker(struct rowfilter *rf, const struct talker_view *t)
{
	const struct field_def *def;
	int i;

	df_record_reset(rf->rec);
	for (i = 0; i < rf->nslots; i++) {
		if (rf->field[i] < 0)
			continue;
		def = &talker_fields[rf->field[i]];
		switch ((enum talker_field)rf->field[i]) {
		case TF_ADDR:
			addr_add(rf, i, def, t->ipver, t->addr);
			break;
		case TF_PACKETS:
			uint_add(rf, i, def, t->tx_packets + t->rx_packets);
			break;
		case TF_BYTES:
			uint_add(rf, i, def, t->tx_bytes + t->rx_bytes);
			break;
		case TF_TX_PACKETS:
			uint_add(rf, i, def, t->tx_packets);
			break;
		case TF_TX_BYTES:
			uint_add(rf, i, def, t->tx_bytes);
			break;
		case TF_RX_PACKETS:
			uint_add(rf, i, def, t->rx_packets);
			break;
		case TF_RX_BYTES:
			uint_add(rf, i, def, t->rx_bytes);
			break;
		case TF_RATE:
			dbl_add(rf, i, def, t->rate[0] * 8);
			break;
		case TF_FLOWS:
			uint_add(rf, i, def, t->flows);
			break;
		case TF_COUNT:
			break;
		}
	}
	return dfilter_eval(rf->df, rf->rec);
}

void
rowfilter_each_field(enum rowfilter_kind kind,
    void (*fn)(const char *, const char *, void *), void *arg)
{
	const struct row_table *t = &tables[kind];
	size_t i;

	for (i = 0; i < t->n; i++)
		fn(t->defs[i].name, t->defs[i].label, arg);
}
