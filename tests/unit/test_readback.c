/*
 * Packets read back by position (src/capture/readback.c) and the model's
 * index of a whole file (src/model/index.c): capture files written here
 * (classic pcap in both byte orders and both precisions, pcapng with
 * Enhanced, Simple and obsolete Packet blocks among blocks that are not
 * packets, in both byte orders) are read through the file source, and
 * every packet is read back by its file_pos and compared byte for byte;
 * a wrong position reads nothing; a model with the index gives the same
 * bytes through model_ring_frame().
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/source.h"
#include "model/index.h"
#include "model/model.h"
#include "testlib.h"

#define NPKT	40

struct got {
	uint64_t	pos;
	uint32_t	caplen, wirelen;
	int64_t		sec;
	uint32_t	nsec;
	uint8_t		bytes[2048];
};

static struct got got[NPKT + 8];
static int ngot;
/* The snap length the file's header says (libpcap cuts records to it). */
static uint32_t file_snap = 65535;

static void
put32(FILE *f, uint32_t v, int big)
{
	uint8_t b[4];

	if (big) {
		b[0] = v >> 24; b[1] = v >> 16; b[2] = v >> 8; b[3] = v;
	} else {
		b[3] = v >> 24; b[2] = v >> 16; b[1] = v >> 8; b[0] = v;
	}
	fwrite(b, 1, 4, f);
}

static void
put16(FILE *f, uint16_t v, int big)
{
	uint8_t b[2];

	b[big ? 0 : 1] = v >> 8;
	b[big ? 1 : 0] = v & 0xff;
	fwrite(b, 1, 2, f);
}

/* Packet i's length and bytes (an Ethernet-sized frame, any content). */
static uint32_t
pkt_len(int i)
{
	return (uint32_t)(14 + (i * 37) % 1400);
}

static uint8_t
pkt_byte(int i, uint32_t j)
{
	return (uint8_t)(i * 31 + j * 7 + 1);
}

static void
put_data(FILE *f, int i, uint32_t len)
{
	uint32_t j;

	for (j = 0; j < len; j++)
		fputc(pkt_byte(i, j), f);
}

static void
write_pcap(const char *path, int big, int nsec)
{
	FILE *f = fopen(path, "wb");
	int i;

	put32(f, nsec ? 0xa1b23c4d : 0xa1b2c3d4, big);
	put16(f, 2, big);
	put16(f, 4, big);
	put32(f, 0, big);
	put32(f, 0, big);
	put32(f, file_snap, big);
	put32(f, 1, big);
	for (i = 0; i < NPKT; i++) {
		uint32_t len = pkt_len(i);

		put32(f, 1700000000 + i, big);
		put32(f, (uint32_t)i * 1000, big);
		put32(f, len, big);
		put32(f, len + 4, big);
		put_data(f, i, len);
	}
	fclose(f);
}

/* A block: type, body of n bytes from the callback, padded, lengths. */
static void
pcapng_epb(FILE *f, int i, int big, int with_opt)
{
	uint32_t len = pkt_len(i), pad = (4 - len % 4) % 4;
	uint32_t total = 32 + len + pad + (with_opt ? 12 : 0);

	put32(f, 6, big);
	put32(f, total, big);
	put32(f, 0, big);		/* interface */
	put32(f, 0, big);		/* timestamp high */
	put32(f, (uint32_t)i * 1000, big);
	put32(f, len, big);
	put32(f, len, big);
	put_data(f, i, len);
	fwrite("\0\0\0", 1, pad, f);
	if (with_opt) {
		put16(f, 1, big);	/* opt_comment "hey!" */
		put16(f, 4, big);
		fwrite("hey!", 1, 4, f);
		put32(f, 0, big);	/* opt_endofopt */
	}
	put32(f, total, big);
}

static void
pcapng_spb(FILE *f, int i, int big)
{
	uint32_t len = pkt_len(i), pad = (4 - len % 4) % 4;
	uint32_t total = 16 + len + pad;

	put32(f, 3, big);
	put32(f, total, big);
	put32(f, len, big);
	put_data(f, i, len);
	fwrite("\0\0\0", 1, pad, f);
	put32(f, total, big);
}

static void
pcapng_opb(FILE *f, int i, int big)
{
	uint32_t len = pkt_len(i), pad = (4 - len % 4) % 4;
	uint32_t total = 32 + len + pad;

	put32(f, 2, big);
	put32(f, total, big);
	put16(f, 0, big);		/* interface */
	put16(f, 0, big);		/* drops */
	put32(f, 0, big);
	put32(f, (uint32_t)i * 1000, big);
	put32(f, len, big);
	put32(f, len, big);
	put_data(f, i, len);
	fwrite("\0\0\0", 1, pad, f);
	put32(f, total, big);
}

static void
write_pcapng(const char *path, int big, int simple)
{
	FILE *f = fopen(path, "wb");
	int i;

	put32(f, 0x0a0d0d0a, big);	/* section header */
	put32(f, 28, big);
	put32(f, 0x1a2b3c4d, big);
	put16(f, 1, big);
	put16(f, 0, big);
	put32(f, 0xffffffff, big);
	put32(f, 0xffffffff, big);
	put32(f, 28, big);
	put32(f, 1, big);		/* interface: Ethernet, snaplen */
	put32(f, 20, big);
	put16(f, 1, big);
	put16(f, 0, big);
	put32(f, 65535, big);
	put32(f, 20, big);
	for (i = 0; i < NPKT; i++) {
		if (i % 7 == 3) {	/* a name resolution block between */
			put32(f, 4, big);
			put32(f, 16, big);
			put32(f, 0, big);	/* nrb_record_end */
			put32(f, 16, big);
		}
		if (simple)
			pcapng_spb(f, i, big);
		else if (i % 5 == 4)
			pcapng_opb(f, i, big);
		else
			pcapng_epb(f, i, big, i % 3 == 0);
	}
	fclose(f);
}

static void
collect(void *arg, const struct frame_meta *m, const uint8_t *data)
{
	struct got *g = &got[ngot];

	(void)arg;
	if (ngot >= NPKT + 8)
		return;
	g->pos = m->file_pos;
	g->caplen = m->caplen;
	g->wirelen = m->wirelen;
	g->sec = m->ts_sec;
	g->nsec = m->ts_nsec;
	memcpy(g->bytes, data, m->caplen < sizeof g->bytes ? m->caplen :
	    sizeof g->bytes);
	ngot++;
}

/* Read path through the source, then every packet back by position,
   and through a model that indexes them. */
static void
check_file(const char *path)
{
	struct model_config cfg;
	struct model_backing backing;
	struct frame_meta fm;
	struct source *src;
	struct readback *rb;
	struct model *m;
	uint8_t buf[2048];
	char *cause = NULL;
	uint64_t first, last;
	int i, bad = 0, wrong = 0;

	ngot = 0;
	src = source_open_file(path, NULL, SNAPLEN_MAX, &cause);
	CHECK(src != NULL);
	if (src == NULL)
		return;
	while (source_next_batch(src, collect, NULL, 0) > 0)
		;
	CHECK_INT(ngot, NPKT);
	CHECK(source_file_fd(src) >= 0);
	rb = readback_open(source_file_fd(src), &cause);
	CHECK(rb != NULL);
	source_close(src);	/* the reader has its own descriptor */
	if (rb == NULL)
		return;
	for (i = 0; i < ngot; i++) {
		memset(buf, 0, sizeof buf);
		if (!readback_read(rb, got[i].pos, got[i].caplen, got[i].sec,
		    got[i].nsec, buf, sizeof buf) ||
		    got[i].caplen != (pkt_len(i) < file_snap ? pkt_len(i) :
		    file_snap) ||
		    memcmp(buf, got[i].bytes, got[i].caplen) != 0)
			bad++;
		/* A position that is not a record's start reads nothing. */
		if (readback_read(rb, got[i].pos - 1, got[i].caplen,
		    got[i].sec, got[i].nsec, buf, sizeof buf) ||
		    readback_read(rb, got[i].pos + 4, got[i].caplen,
		    got[i].sec, got[i].nsec, buf, sizeof buf))
			wrong++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(wrong, 0);
	CHECK(!readback_read(rb, 0, 10, 0, 0, buf, sizeof buf));
	/* A short buffer gets the first bytes. */
	CHECK(readback_read(rb, got[5].pos, got[5].caplen, got[5].sec,
	    got[5].nsec, buf, 8));
	CHECK(memcmp(buf, got[5].bytes, 8) == 0);

	/* The model's index: every packet, read back. */
	memset(&cfg, 0, sizeof cfg);
	backing.read = readback_read;
	backing.arg = rb;
	cfg.backing = &backing;
	m = model_new(&cfg, &cause);
	CHECK(m != NULL);
	if (m == NULL) {
		readback_close(rb);
		return;
	}
	model_batch_begin(m);
	for (i = 0; i < ngot; i++) {
		struct pkt_info pi;

		memset(&fm, 0, sizeof fm);
		memset(&pi, 0, sizeof pi);
		fm.number = (uint64_t)i + 1;
		fm.ts_sec = got[i].sec;
		fm.ts_nsec = got[i].nsec;
		fm.caplen = got[i].caplen;
		fm.wirelen = got[i].wirelen;
		fm.link = 1;
		fm.file_pos = got[i].pos;
		model_add(m, &fm, NULL, &pi);
	}
	model_batch_end(m);
	model_lock(m);
	CHECK(model_indexed(m, NULL));
	model_ring_span(m, &first, &last);
	CHECK_INT(first, 1);
	CHECK_INT(last, NPKT);
	bad = 0;
	for (i = 0; i < ngot; i++) {
		memset(buf, 0, sizeof buf);
		if (!model_ring_frame(m, (uint64_t)i + 1, &fm, buf,
		    sizeof buf) || fm.caplen != got[i].caplen ||
		    fm.wirelen != got[i].wirelen || fm.ts_sec != got[i].sec ||
		    memcmp(buf, got[i].bytes, fm.caplen) != 0)
			bad++;
	}
	CHECK_INT(bad, 0);
	CHECK(!model_ring_frame(m, NPKT + 1, &fm, buf, sizeof buf));
	/* Without a buffer: the record only, no read. */
	CHECK(model_ring_frame(m, 3, &fm, NULL, 0));
	CHECK_INT(fm.caplen, pkt_len(2));
	model_unlock(m);
	model_free(m);
	readback_close(rb);
}

/* The index keeps every entry, or about max of the newest. */
static void
check_index_bound(void)
{
	struct pkt_index x;
	struct index_entry e;
	const struct index_entry *g;
	uint64_t n, bad = 0;

	memset(&x, 0, sizeof x);
	memset(&e, 0, sizeof e);
	for (n = 1; n <= 200000; n++) {
		e.file_pos = n * 100;
		if (index_push(&x, &e) != n)
			bad++;
	}
	for (n = 1; n <= 200000; n++)
		if ((g = index_get(&x, n)) == NULL || g->file_pos != n * 100)
			bad++;
	CHECK_INT(bad, 0);
	CHECK(index_get(&x, 0) == NULL && index_get(&x, 200001) == NULL);
	index_free(&x);

	memset(&x, 0, sizeof x);
	x.max = 70000;
	for (n = 1; n <= 300000; n++) {
		e.file_pos = n;
		index_push(&x, &e);
	}
	/* Between max and max plus a chunk (65536) are kept. */
	CHECK(x.count - x.base >= 70000 && x.count - x.base < 70000 + 65536);
	CHECK(index_get(&x, x.base) == NULL);
	CHECK((g = index_get(&x, x.base + 1)) != NULL && g->file_pos ==
	    x.base + 1);
	CHECK((g = index_get(&x, 300000)) != NULL && g->file_pos == 300000);
	CHECK(index_bytes(&x) <= 5u << 20);	/* two chunks of 2 MB */
	index_free(&x);
}

int
main(void)
{
	char dir[] = "/tmp/wiretop-readback-XXXXXX", path[128];
	static const struct { const char *name; int ng, big, nsec;
	    uint32_t snap; } files[] = {
		{ "le-us.pcap", 0, 0, 0, 65535 }, { "be-ns.pcap", 0, 1, 1, 65535 },
		/* Records longer than the header's snap length: libpcap
		   keeps 100 bytes of each, the file holds them whole. */
		{ "le-snap100.pcap", 0, 0, 0, 100 },
		{ "le.pcapng", 1, 0, 0, 65535 }, { "be.pcapng", 1, 1, 0, 65535 },
		{ "simple.pcapng", 2, 0, 0, 65535 },
	};
	size_t i;

	if (mkdtemp(dir) == NULL)
		return 99;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i].name);
		file_snap = files[i].snap;
		if (files[i].ng == 0)
			write_pcap(path, files[i].big, files[i].nsec);
		else
			write_pcapng(path, files[i].big, files[i].ng == 2);
		check_file(path);
		unlink(path);
	}
	rmdir(dir);
	check_index_bound();
	return tl_done();
}
