/*
 * Fuzz target: the bytes are a capture file (pcap or pcapng).
 *
 * libpcap reads it from memory (fmemopen), exactly as src/capture/
 * pcapfile.c reads a file: nanosecond precision, caplen clamped to the
 * snap length, wirelen never below caplen.  Each packet is decoded twice
 * (full pass into a checking sink, then the capture thread's fast pass)
 * and added to a model with tiny bounds, so that the ring overwrites, the
 * flow and talker tables evict and idle flows expire within a few packets.
 * At the end the model's counters must agree with what was added.
 */
#include "config.h"

#include <pcap/pcap.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/dissect.h"
#include "decode/field.h"
#include "decode/wtime.h"
#include "escape.h"
#include "model/model.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_SNAPLEN	262144	/* wiretop's default -s */
#define FUZZ_MAX_PKTS	2000	/* packets decoded per input */
#define FUZZ_RING	8
#define FUZZ_RING_BYTES	4096
#define FUZZ_FLOWS	4
#define FUZZ_TALKERS	(2 * FUZZ_FLOWS)	/* the least the model keeps */
#define FUZZ_IDLE_NS	(2 * 1000000000LL)

/* What the checking sink has seen of the current packet. */
struct check {
	uint32_t	caplen;
	int		depth;
	int		opened;
};

/* Stop with a message: libFuzzer (or the replay) reports the input. */
static void
bad(const char *what, unsigned long long a, unsigned long long b)
{
	fprintf(stderr, "fuzz_pcap: invariant broken: %s (%llu, %llu)\n",
	    what, a, b);
	abort();
}

/* A layer starts inside the frame. */
static void
check_open(void *arg, enum proto_id p, uint32_t off)
{
	struct check *k = arg;

	if ((unsigned)p >= P_MAX || off > k->caplen)
		bad("layer out of range", (unsigned)p, off);
	if (++k->opened > DISSECT_MAX_LAYERS)
		bad("too many layers", (unsigned)k->opened, 0);
	k->depth++;
}

/* A layer ends inside the frame, and one was open. */
static void
check_close(void *arg, uint32_t off, int status)
{
	struct check *k = arg;

	(void)status;
	if (k->depth <= 0 || off > k->caplen)
		bad("layer close out of order or range", (unsigned)k->depth,
		    off);
	k->depth--;
}

/* A field lies inside the captured bytes and formats. */
static void
check_field(void *arg, const struct field_value *v)
{
	struct check *k = arg;
	char buf[512];

	if (k->depth <= 0)
		bad("field outside any layer", v->off, 0);
	if (v->off > k->caplen || v->len > k->caplen - v->off)
		bad("field past the captured bytes", v->off, v->len);
	/* Whatever the capture holds, what a value prints is escaped. */
	if (!escape_is_clean(buf, field_format(v, buf, sizeof buf)) ||
	    !escape_is_clean(buf, field_format_tree(v, buf, sizeof buf)))
		bad("a value or tree line holds unescaped text", v->off,
		    v->len);
}

/* Subtrees are not tracked here (fuzz_decode checks them). */
static void
check_nop(void *arg)
{
	(void)arg;
}

/* Decode and count every packet of the capture in p. */
static void
run_capture(pcap_t *p, struct model *m)
{
	struct field_sink sink = {
		check_open, check_close, check_field, check_nop, check_nop,
		NULL
	};
	struct model_totals tot;
	struct pcap_pkthdr *h;
	struct frame_meta fm;
	struct pkt_info full, fast, slow;
	struct flow_view flows[FUZZ_FLOWS + 1];
	struct talker_view talkers[FUZZ_TALKERS + 1];
	struct pkt_rec rec;
	struct check k;
	const u_char *bytes;
	uint64_t added = 0, wire = 0, first, last, i;
	int64_t t0_sec = 0, prev_sec = 0;
	uint32_t t0_nsec = 0, prev_nsec = 0;
	uint8_t copy[64];
	size_t nf, nt, j;
	int rc;

	memset(&fm, 0, sizeof fm);
	fm.link = pcap_datalink(p);
	model_batch_begin(m);
	while (added < FUZZ_MAX_PKTS) {
		rc = pcap_next_ex(p, &h, &bytes);
		if (rc < 0)
			break;
		if (rc == 0)
			continue;
		fm.number = added + 1;
		fm.ts_sec = (int64_t)h->ts.tv_sec;
		fm.ts_nsec = (uint32_t)h->ts.tv_usec;
		/* Relative times as src/capture/source.c stamps them: any
		   int64 seconds may come out of a pcapng interface. */
		if (added == 0) {
			t0_sec = prev_sec = fm.ts_sec;
			t0_nsec = prev_nsec = fm.ts_nsec;
		}
		fm.rel = wtime_sub(fm.ts_sec, fm.ts_nsec, t0_sec, t0_nsec);
		fm.delta = wtime_sub(fm.ts_sec, fm.ts_nsec, prev_sec, prev_nsec);
		prev_sec = fm.ts_sec;
		prev_nsec = fm.ts_nsec;
		fm.caplen = h->caplen > FUZZ_SNAPLEN ? FUZZ_SNAPLEN : h->caplen;
		fm.wirelen = h->len < h->caplen ? h->caplen : h->len;
		fm.ifname = (added & 1) ? "eth0" : NULL;

		memset(&k, 0, sizeof k);
		k.caplen = fm.caplen;
		sink.arg = &k;
		dissect_frame(&fm, bytes, &full, &sink, true);
		if (k.depth != 0)
			bad("layers left open", (unsigned)k.depth, 0);
		if (!escape_is_clean(full.info, strlen(full.info)))
			bad("the Info column holds unescaped text", fm.number,
			    0);
		dissect_frame(&fm, bytes, &fast, NULL, false);
		if (full.protos != fast.protos || full.ipver != fast.ipver ||
		    full.sport != fast.sport || full.dport != fast.dport)
			bad("fast and full pass disagree", full.protos,
			    fast.protos);
		/* The capture pass (which takes the fast path for plain
		   TCP/UDP) against the decoders' same pass. */
		dissect_frame_want(&fm, bytes, &slow, NULL, false, NULL);
		if (memcmp(&slow, &fast, offsetof(struct pkt_info, info)) != 0)
			bad("the capture pass disagrees with the decoders",
			    slow.protos, fast.protos);
		model_add(m, &fm, bytes, &fast);
		added++;
		wire += fm.wirelen;
		/* A new batch now and then, as pcapfile.c hands them over. */
		if (added % 3 == 0) {
			model_batch_end(m);
			model_batch_begin(m);
		}
	}
	model_batch_end(m);

	model_lock(m);
	model_totals(m, &tot);
	if (tot.packets != added || tot.bytes != wire)
		bad("totals differ from what was added", tot.packets, added);
	for (j = 0; j < P_MAX; j++)
		if (tot.proto[j].packets > added || tot.proto[j].bytes > wire)
			bad("protocol counted more than the packets", j,
			    tot.proto[j].packets);
	if (model_flow_count(m) > FUZZ_FLOWS)
		bad("flow table above its bound", model_flow_count(m),
		    FUZZ_FLOWS);
	if (model_talker_count(m) > FUZZ_TALKERS)
		bad("talker table above its bound", model_talker_count(m),
		    FUZZ_TALKERS);
	nf = model_flows(m, flows, FUZZ_FLOWS + 1, NULL, NULL);
	if (nf != model_flow_count(m))
		bad("model_flows copied a different count", nf,
		    model_flow_count(m));
	for (j = 0; j < nf; j++)
		if (flows[j].packets + flows[j].packets_rev > added ||
		    flows[j].packets + flows[j].packets_rev == 0)
			bad("flow packet count out of range", flows[j].packets,
			    added);
	nt = model_talkers(m, talkers, FUZZ_TALKERS + 1, NULL, NULL);
	if (nt != model_talker_count(m))
		bad("model_talkers copied a different count", nt,
		    model_talker_count(m));
	model_ring_span(m, &first, &last);
	if (added == 0 && (first != 0 || last != 0))
		bad("ring not empty without packets", first, last);
	if (added > 0) {
		if (last != added || first == 0 || first > last ||
		    last - first + 1 > FUZZ_RING)
			bad("ring span out of bounds", first, last);
		if (tot.ring_overwritten != first - 1)
			bad("ring overwrite count", tot.ring_overwritten,
			    first - 1);
		for (i = first; i <= last; i++)
			if (!model_ring_get(m, i, &rec, copy, sizeof copy) ||
			    rec.number != i)
				bad("ring record missing", i, rec.number);
		if (model_ring_get(m, last + 1, &rec, copy, sizeof copy))
			bad("ring has a record from the future", last + 1, 0);
	}
	model_unlock(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model_config cfg = {
		.ring_packets = FUZZ_RING, .ring_bytes = FUZZ_RING_BYTES,
		.max_flows = FUZZ_FLOWS, .max_talkers = FUZZ_TALKERS,
		.flow_idle_ns = FUZZ_IDLE_NS
	};
	char errbuf[PCAP_ERRBUF_SIZE];
	struct model *m;
	char *cause = NULL;
	pcap_t *p;
	FILE *f;

	if (size == 0)
		return 0;
	/* Read-only mode: fmemopen never writes the buffer. */
	f = fmemopen((void *)(uintptr_t)data, size, "rb");
	if (f == NULL)
		return 0;
	p = pcap_fopen_offline_with_tstamp_precision(f,
	    PCAP_TSTAMP_PRECISION_NANO, errbuf);
	if (p == NULL) {
		fclose(f);
		return 0;
	}
	m = model_new(&cfg, &cause);
	if (m == NULL)
		bad("model_new failed", 0, 0);
	run_capture(p, m);
	model_free(m);
	pcap_close(p);	/* closes f */
	return 0;
}
