/*
 * --stats output.  The JSON shape is the contract in DESIGN.md
 * ("--stats=json"); the counters of what the bounded parts forgot
 * (ring_overwritten, flows_evicted, ...) are extra top-level keys.
 * The text form is for people: totals, a protocol table, and the top
 * flows and talkers in aligned columns.
 */
#include "config.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decoders.h"
#include "decode/field.h"
#include "decode/proto.h"
#include "decode/wtime.h"
#include "model/model.h"
#include "output/jsonbuf.h"
#include "output/stats.h"
#include "util.h"

#define ADDR_MAX	64

/* What the printers need, copied under the lock. */
struct snapshot {
	struct model_totals	 tot;
	struct flow_view	*flows;
	size_t			 nflows, flow_count;
	size_t			 flows_kept;	/* of flow_count, by a
						   stats_select */
	struct talker_view	*talkers;
	size_t			 ntalkers, talker_count;
};

/*
 * Under the model's lock: every flow sel keeps, in the default order
 * (total bytes), with its rates; *n says how many.  The whole table is
 * copied first: what a filter keeps is known only once each flow is
 * looked at.  The caller frees the array (NULL if out of memory or no
 * flows).
 */
static struct flow_view *
flows_kept(struct model *m, const struct stats_select *sel, size_t *n)
{
	struct flow_view *v;
	size_t count = model_flow_count(m), i, k = 0;

	*n = 0;
	if (count == 0 || (v = calloc(count, sizeof *v)) == NULL)
		return NULL;
	count = model_flows(m, v, count, NULL, NULL);
	for (i = 0; i < count; i++)
		if (sel->flow(&v[i], sel->arg))
			v[k++] = v[i];
	*n = k;
	return v;
}

/* Copy the totals and the top max flows (of those sel keeps) and
   talkers. */
static void
snapshot_take(struct model *m, struct snapshot *s, size_t max,
    const struct stats_select *sel)
{
	size_t n;

	memset(s, 0, sizeof *s);
	model_lock(m);
	model_totals(m, &s->tot);
	s->flow_count = model_flow_count(m);
	s->talker_count = model_talker_count(m);
	n = s->flow_count < max ? s->flow_count : max;
	if (sel != NULL) {
		s->flows = flows_kept(m, sel, &s->flows_kept);
		s->nflows = s->flows_kept < max ? s->flows_kept : max;
	} else if (n > 0 && (s->flows = calloc(n, sizeof *s->flows)) != NULL)
		s->nflows = model_flows(m, s->flows, n, NULL, NULL);
	n = s->talker_count < max ? s->talker_count : max;
	if (n > 0 && (s->talkers = calloc(n, sizeof *s->talkers)) != NULL)
		s->ntalkers = model_talkers(m, s->talkers, n, NULL, NULL);
	model_unlock(m);
}

/* Free what snapshot_take() allocated. */
static void
snapshot_free(struct snapshot *s)
{
	free(s->flows);
	free(s->talkers);
}

/* Epoch or relative nanoseconds as seconds, up to 9 decimals, no
   trailing zeros ("1700000000.5", "12"). */
static const char *
fmt_seconds(int64_t ns, char *buf, size_t size)
{
	char		 tmp[48];
	uint64_t	 u;
	uint32_t	 frac;
	size_t		 n = 0;
	int		 i;

	u = ns < 0 ? (uint64_t)0 - (uint64_t)ns : (uint64_t)ns;
	if (ns < 0)
		tmp[n++] = '-';
	n += u64_to_dec(tmp + n, u / NS_PER_SEC);
	if ((frac = (uint32_t)(u % NS_PER_SEC)) != 0) {
		tmp[n++] = '.';
		for (i = 8; i >= 0; i--) {
			tmp[n + (size_t)i] = (char)('0' + frac % 10);
			frac /= 10;
		}
		n += 9;
		while (tmp[n - 1] == '0')
			n--;
	}
	if (n >= size)
		n = size - 1;
	memcpy(buf, tmp, n);
	buf[n] = '\0';
	return buf;
}

/* An address of IP version ipver as text. */
static const char *
fmt_addr(uint8_t ipver, const uint8_t *a, char *buf, size_t size)
{
	addr_format(ipver == 4 ? FT_IPV4 : FT_IPV6, a, buf, size);
	return buf;
}

/* A flow's protocol name, or its number as text. */
static const char *
fmt_proto(uint8_t proto, char *buf, size_t size)
{
	const char *name;

	if ((name = ipproto_stats_name(proto)) != NULL)
		return name;
	snprintf(buf, size, "%u", proto);
	return buf;
}

/* Print one flow object of the "flows" list. */
static void
json_flow(const struct flow_view *f, void *arg)
{
	struct json_out	*j = arg;
	char		 buf[ADDR_MAX], pn[8];

	jstart(j);
	jput(j, "\"proto\": \"");
	jput(j, fmt_proto(f->proto, pn, sizeof pn));
	jput(j, "\", \"src\": \"");
	jput(j, fmt_addr(f->ipver, f->src, buf, sizeof buf));
	jput_key_u64(j, "\", \"sport\": ", f->sport);
	jput(j, ", \"dst\": \"");
	jput(j, fmt_addr(f->ipver, f->dst, buf, sizeof buf));
	jput_key_u64(j, "\", \"dport\": ", f->dport);
	jput_key_u64(j, ", \"packets\": ", f->packets);
	jput_key_u64(j, ", \"bytes\": ", f->bytes);
	jput_key_u64(j, ", \"packets_rev\": ", f->packets_rev);
	jput_key_u64(j, ", \"bytes_rev\": ", f->bytes_rev);
	jput(j, ", \"first\": ");
	jput(j, fmt_seconds(f->first_ns, buf, sizeof buf));
	jput(j, ", \"last\": ");
	jput(j, fmt_seconds(f->last_ns, buf, sizeof buf));
	jput(j, ", \"state\": \"");
	jput(j, flow_state_name(f->state));
	jput(j, "\"}");
}

/* Print one talker object of the "talkers" list. */
static void
json_talker(const struct talker_view *t, void *arg)
{
	struct json_out	*j = arg;
	char		 buf[ADDR_MAX];

	jstart(j);
	jput(j, "\"addr\": \"");
	jput(j, fmt_addr(t->ipver, t->addr, buf, sizeof buf));
	jput_key_u64(j, "\", \"packets\": ", t->tx_packets + t->rx_packets);
	jput_key_u64(j, ", \"bytes\": ", t->tx_bytes + t->rx_bytes);
	jput_key_u64(j, ", \"tx_packets\": ", t->tx_packets);
	jput_key_u64(j, ", \"tx_bytes\": ", t->tx_bytes);
	jput_key_u64(j, ", \"rx_packets\": ", t->rx_packets);
	jput_key_u64(j, ", \"rx_bytes\": ", t->rx_bytes);
	jput(j, "}");
}

/* A list for json_list_print(): flows copied out (--flow-filter). */
struct json_flow_array {
	const struct flow_view	*v;
	size_t			 n;
};

static void
fill_flow_array(struct json_out *j, size_t from, size_t to, void *arg)
{
	const struct json_flow_array *a = arg;
	size_t i;

	for (i = from; i < to; i++)
		json_flow(&a->v[i], j);
}

/* A list for json_list_print(): the model and its sorted order. */
struct json_list_src {
	struct model		*m;
	struct model_order	*order;
};

/* Sort the talkers (on a thread of its own). */
static void *
talker_sort_run(void *arg)
{
	struct json_list_src *src = arg;

	src->order = model_talkers_sort(src->m);
	return NULL;
}

static void
fill_flows(struct json_out *j, size_t from, size_t to, void *arg)
{
	struct json_list_src *src = arg;

	model_flows_range(src->m, src->order, from, to, json_flow, j);
}

static void
fill_talkers(struct json_out *j, size_t from, size_t to, void *arg)
{
	struct json_list_src *src = arg;

	model_talkers_range(src->m, src->order, from, to, json_talker, j);
}

/*
 * Print the --stats=json object (with a final newline) to out.  It lists
 * every flow and talker, so rather than copy them all it prints with the
 * lock held: this runs once, at the end of a headless run, when the
 * other core is idle: the talkers are sorted on a second thread while the
 * flows are, and each list is built on two (json_list.c).
 */
void
stats_print_json(struct model *m, FILE *out, const struct stats_select *sel)
{
	struct model_totals	 tot;
	struct json_list_src	 flows = { m, NULL }, talkers = { m, NULL };
	size_t			 n;
	pthread_t		 sorter;
	bool			 sorting;
	char			 t1[48];
	const char		*sep;
	int			 p;

	model_lock(m);
	sorting = pthread_create(&sorter, NULL, talker_sort_run, &talkers) ==
	    0;
	model_totals(m, &tot);

	fprintf(out, "{\n");
	fprintf(out, "  \"packets\": %" PRIu64 ", \"bytes\": %" PRIu64
	    ", \"dropped\": %" PRIu64 ", \"duration_s\": %s,\n",
	    tot.packets, tot.bytes, tot.dropped,
	    fmt_seconds(tot.packets > 0 ?
	    wtime_ns_sub(tot.last_ns, tot.first_ns) : 0,
	    t1, sizeof t1));
	fprintf(out, "  \"ring_overwritten\": %" PRIu64 ", \"flows_evicted\": %"
	    PRIu64 ", \"flows_expired\": %" PRIu64 ", \"talkers_evicted\": %"
	    PRIu64 ",\n", tot.ring_overwritten, tot.flows_evicted,
	    tot.flows_expired, tot.talkers_evicted);

	fprintf(out, "  \"protocols\": {");
	sep = "\n";
	for (p = 0; p < P_MAX; p++) {
		if (proto_defs[p].stats == NULL || tot.proto[p].packets == 0)
			continue;
		fprintf(out, "%s    \"%s\": {\"packets\": %" PRIu64
		    ", \"bytes\": %" PRIu64 "}", sep, proto_defs[p].stats,
		    tot.proto[p].packets, tot.proto[p].bytes);
		sep = ",\n";
	}
	fprintf(out, "%s},\n", *sep == ',' ? "\n  " : "");

	fprintf(out, "  \"flows\": [");
	if (sel != NULL) {
		struct json_flow_array a;

		a.v = flows_kept(m, sel, &a.n);
		n = json_list_print(out, a.n, fill_flow_array, &a);
		free((void *)a.v);
	} else {
		flows.order = model_flows_sort(m);
		n = json_list_print(out, model_order_count(flows.order),
		    fill_flows, &flows);
		model_flows_done(flows.order);
	}
	fprintf(out, "%s],\n", n > 0 ? "\n  " : "");

	if (sorting)
		pthread_join(sorter, NULL);
	else
		talker_sort_run(&talkers);
	fprintf(out, "  \"talkers\": [");
	n = json_list_print(out, model_order_count(talkers.order),
	    fill_talkers, &talkers);
	model_talkers_done(m, talkers.order);
	fprintf(out, "%s]\n}\n", n > 0 ? "\n  " : "");

	model_unlock(m);
}

/* An address and port as one column: "10.0.0.1:80", "[2001:db8::1]:80";
   the bare address when the flow has no ports. */
static const char *
fmt_endpoint(uint8_t ipver, const uint8_t *a, uint16_t port, bool ports,
    char *buf, size_t size)
{
	char addr[ADDR_MAX];

	fmt_addr(ipver, a, addr, sizeof addr);
	if (!ports)
		snprintf(buf, size, "%s", addr);
	else if (ipver == 6)
		snprintf(buf, size, "[%s]:%u", addr, port);
	else
		snprintf(buf, size, "%s:%u", addr, port);
	return buf;
}

/* Bytes in a short human form: 999, 1.2k, 3.4M, 5.6G. */
static const char *
fmt_bytes(uint64_t b, char *buf, size_t size)
{
	static const char units[] = "kMGTPE";
	double	 v;
	int	 u;

	if (b < 1000) {
		snprintf(buf, size, "%" PRIu64, b);
		return buf;
	}
	v = (double)b;
	for (u = -1; v >= 1000 && u < 5; u++)
		v /= 1000;
	snprintf(buf, size, "%.1f%c", v, units[u]);
	return buf;
}

/* Print the --stats=text summary, top rows of flows and talkers, to out. */
void
stats_print_text(struct model *m, FILE *out, size_t top,
    const struct stats_select *sel)
{
	struct snapshot		 s;
	const struct flow_view	*f;
	const struct talker_view *t;
	char			 e1[ADDR_MAX + 8], e2[ADDR_MAX + 8];
	char			 b1[16], b2[16], b3[16], t1[48], pn[8];
	size_t			 i, w1, w2, len;
	bool			 ports;
	int			 p;

	snapshot_take(m, &s, top, sel);

	fprintf(out, "Packets: %" PRIu64 "  Bytes: %" PRIu64 " (%s)  "
	    "Dropped: %" PRIu64 "  Duration: %ss\n", s.tot.packets,
	    s.tot.bytes, fmt_bytes(s.tot.bytes, b1, sizeof b1),
	    s.tot.dropped,
	    fmt_seconds(s.tot.packets > 0 ?
	    wtime_ns_sub(s.tot.last_ns, s.tot.first_ns) : 0,
	    t1, sizeof t1));
	fprintf(out, "Flows: %zu live, %" PRIu64 " evicted, %" PRIu64
	    " expired  Talkers: %zu, %" PRIu64 " evicted  "
	    "Ring: %" PRIu64 " overwritten\n", s.flow_count,
	    s.tot.flows_evicted, s.tot.flows_expired, s.talker_count,
	    s.tot.talkers_evicted, s.tot.ring_overwritten);

	fprintf(out, "\n%-12s %12s %15s\n", "Protocol", "Packets", "Bytes");
	for (p = 0; p < P_MAX; p++) {
		if (proto_defs[p].stats == NULL || s.tot.proto[p].packets == 0)
			continue;
		fprintf(out, "%-12s %12" PRIu64 " %15" PRIu64 "\n",
		    proto_defs[p].stats, s.tot.proto[p].packets,
		    s.tot.proto[p].bytes);
	}

	/* Column widths from the rows shown. */
	w1 = strlen("Source");
	w2 = strlen("Destination");
	for (i = 0; i < s.nflows; i++) {
		f = &s.flows[i];
		ports = f->sport != 0 || f->dport != 0;
		len = strlen(fmt_endpoint(f->ipver, f->src, f->sport, ports,
		    e1, sizeof e1));
		if (len > w1)
			w1 = len;
		len = strlen(fmt_endpoint(f->ipver, f->dst, f->dport, ports,
		    e2, sizeof e2));
		if (len > w2)
			w2 = len;
	}
	if (sel != NULL)
		fprintf(out, "\nTop flows by bytes matching the flow filter "
		    "(%zu of %zu matching, %zu in all)\n", s.nflows,
		    s.flows_kept, s.flow_count);
	else
		fprintf(out, "\nTop flows by bytes (%zu of %zu)\n", s.nflows,
		    s.flow_count);
	fprintf(out, "%-7s %-*s    %-*s %9s %9s %9s %9s %10s  %s\n", "Proto",
	    (int)w1, "Source", (int)w2, "Destination", "Pkts->", "Bytes->",
	    "<-Pkts", "<-Bytes", "Duration", "State");
	for (i = 0; i < s.nflows; i++) {
		f = &s.flows[i];
		ports = f->sport != 0 || f->dport != 0;
		fprintf(out, "%-7s %-*s -> %-*s %9" PRIu64 " %9s %9" PRIu64
		    " %9s %10s  %s\n", fmt_proto(f->proto, pn, sizeof pn),
		    (int)w1, fmt_endpoint(f->ipver, f->src, f->sport, ports,
		    e1, sizeof e1),
		    (int)w2, fmt_endpoint(f->ipver, f->dst, f->dport, ports,
		    e2, sizeof e2),
		    f->packets, fmt_bytes(f->bytes, b1, sizeof b1),
		    f->packets_rev, fmt_bytes(f->bytes_rev, b2, sizeof b2),
		    fmt_seconds(wtime_ns_sub(f->last_ns, f->first_ns), t1,
		    sizeof t1),
		    flow_state_name(f->state));
	}

	w1 = strlen("Address");
	for (i = 0; i < s.ntalkers; i++) {
		len = strlen(fmt_addr(s.talkers[i].ipver, s.talkers[i].addr, e1,
		    sizeof e1));
		if (len > w1)
			w1 = len;
	}
	fprintf(out, "\nTop talkers by bytes (%zu of %zu)\n", s.ntalkers,
	    s.talker_count);
	fprintf(out, "%-*s %10s %9s %10s %9s %10s %9s %6s\n", (int)w1,
	    "Address", "Packets", "Bytes", "TxPkts", "TxBytes", "RxPkts",
	    "RxBytes", "Flows");
	for (i = 0; i < s.ntalkers; i++) {
		t = &s.talkers[i];
		fprintf(out, "%-*s %10" PRIu64 " %9s %10" PRIu64 " %9s %10"
		    PRIu64 " %9s %6" PRIu32 "\n", (int)w1,
		    fmt_addr(t->ipver, t->addr, e1, sizeof e1),
		    t->tx_packets + t->rx_packets,
		    fmt_bytes(t->tx_bytes + t->rx_bytes, b1, sizeof b1),
		    t->tx_packets, fmt_bytes(t->tx_bytes, b2, sizeof b2),
		    t->rx_packets, fmt_bytes(t->rx_bytes, b3, sizeof b3),
		    t->flows);
	}

	snapshot_free(&s);
}
