/*
 * Stream reassembly for follow (see stream.h).  Invariants: data[0, len)
 * holds every kept byte once, chunks cover it in order without overlap
 * (gap chunks hold no bytes); per direction, next_seq and next_abs move
 * together, and pend[] is sorted by abs with every entry beyond next_abs.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "decode/dissect.h"
#include "decode/field.h"
#include "ui/stream.h"
#include "util.h"

/* ------------------------------------------------------------------ */
/* One frame's transport payload, through the decoders' field sink. */

static once_flag seg_once = ONCE_FLAG_INIT;
static struct field_set *seg_want;
static const struct field_def *f_tcp_payload, *f_tcp_len, *f_udp_payload,
    *f_udp_length;

/* The fields stream_seg_of() asks the decoders for. */
static void
seg_init(void)
{
	f_tcp_payload = field_lookup("tcp.payload");
	f_tcp_len = field_lookup("tcp.len");
	f_udp_payload = field_lookup("udp.payload");
	f_udp_length = field_lookup("udp.length");
	seg_want = field_set_new(8);
	if (seg_want == NULL)
		fatal("out of memory");
	field_set_add(seg_want, f_tcp_payload, 0);
	field_set_add(seg_want, f_tcp_len, 0);
	field_set_add(seg_want, f_udp_payload, 0);
	field_set_add(seg_want, f_udp_length, 0);
}

/* What the sink collects of the first TCP or UDP layer. */
struct seg_sink {
	enum proto_id	 want;		/* P_TCP or P_UDP */
	int		 depth;		/* layers open now */
	int		 at;		/* depth of the transport; 0: not yet,
					   -1: it closed */
	uint32_t	 off;		/* where it starts */
	bool		 has_len, has_payload;
	uint64_t	 len;		/* tcp.len, or udp.length */
	uint32_t	 poff, plen;	/* tcp/udp.payload */
};

/* Sink: a layer opens; the first of the transport wanted is noted. */
static void
seg_layer_open(void *arg, enum proto_id p, uint32_t off)
{
	struct seg_sink *k = arg;

	k->depth++;
	if (k->at == 0 && p == k->want) {
		k->at = k->depth;
		k->off = off;
	}
}

/* Sink: a layer closes; fields after the transport are not its own. */
static void
seg_layer_close(void *arg, uint32_t off, int status)
{
	struct seg_sink *k = arg;

	(void)off;
	(void)status;
	if (k->at > 0 && k->depth == k->at)
		k->at = -1;
	k->depth--;
}

/* Sink: the transport's length and payload fields, first of each. */
static void
seg_field(void *arg, const struct field_value *v)
{
	struct seg_sink *k = arg;

	if (k->at <= 0 || k->depth != k->at)
		return;
	if ((v->def == f_tcp_len || v->def == f_udp_length) && !k->has_len) {
		k->has_len = true;
		k->len = v->u;
	} else if ((v->def == f_tcp_payload || v->def == f_udp_payload) &&
	    !k->has_payload) {
		k->has_payload = true;
		k->poff = v->off;
		k->plen = v->len;
	}
}

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* The payload of the transport layer a full pass finds (stream.h). */
bool
stream_seg_payload(const struct frame_meta *fm, const uint8_t *data,
    struct stream_seg *seg)
{
	struct field_sink sink;
	struct seg_sink k;
	struct pkt_info pi;
	const uint8_t *h;

	call_once(&seg_once, seg_init);
	memset(&k, 0, sizeof k);
	k.want = seg->proto == 6 ? P_TCP : P_UDP;
	memset(&sink, 0, sizeof sink);
	sink.layer_open = seg_layer_open;
	sink.layer_close = seg_layer_close;
	sink.field = seg_field;
	sink.arg = &k;
	dissect_frame_want(fm, data, &pi, &sink, false, seg_want);
	if (k.at == 0 || !k.has_len)
		return false;
	if (seg->proto == 6) {
		/* The header is whole when tcp.len is there (tcp.c);
		   seq, ack and flags read from it, bounds checked. */
		if ((uint64_t)k.off + 20 > fm->caplen)
			return false;
		h = data + k.off;
		seg->seq = be32(h + 4);
		seg->ack = be32(h + 8);
		seg->flags = h[13];
		seg->wirelen = k.len > UINT32_MAX ? UINT32_MAX :
		    (uint32_t)k.len;
		/* A reset's text is no payload (RFC 9293 3.5.3). */
		if (seg->flags & STREAM_RST)
			seg->wirelen = 0;
	} else {
		seg->wirelen = k.len >= 8 ? (uint32_t)(k.len - 8) : 0;
	}
	if (k.has_payload && (uint64_t)k.poff + k.plen <= fm->caplen) {
		seg->off = k.poff;
		seg->caplen = k.plen;
	} else {
		seg->off = 0;
		seg->caplen = 0;
	}
	if (seg->caplen > seg->wirelen)
		seg->caplen = seg->wirelen;
	seg->has_payload = true;
	return true;
}

/* The flow key of a frame, from the fast pass (stream.h). */
bool
stream_seg_of(const struct frame_meta *fm, const uint8_t *data,
    struct stream_seg *seg)
{
	struct pkt_info pi;

	memset(seg, 0, sizeof *seg);
	dissect_frame(fm, data, &pi, NULL, false);
	if ((pi.ipver != 4 && pi.ipver != 6) ||
	    (pi.l4proto != 6 && pi.l4proto != 17))
		return false;
	seg->ipver = pi.ipver;
	seg->proto = pi.l4proto;
	memcpy(seg->src, pi.src, sizeof seg->src);
	memcpy(seg->dst, pi.dst, sizeof seg->dst);
	seg->sport = pi.sport;
	seg->dport = pi.dport;
	return true;
}

/* Is seg of the flow a:pa <-> b:pb, and which way? */
bool
stream_seg_match(const struct stream_seg *seg, uint8_t ipver, uint8_t proto,
    const uint8_t *a, uint16_t pa, const uint8_t *b, uint16_t pb, int *dir)
{
	size_t n = ipver == 6 ? 16 : 4;

	if (seg->ipver != ipver || seg->proto != proto)
		return false;
	if (seg->sport == pa && seg->dport == pb &&
	    memcmp(seg->src, a, n) == 0 && memcmp(seg->dst, b, n) == 0) {
		*dir = STREAM_CLIENT;
		return true;
	}
	if (seg->sport == pb && seg->dport == pa &&
	    memcmp(seg->src, b, n) == 0 && memcmp(seg->dst, a, n) == 0) {
		*dir = STREAM_SERVER;
		return true;
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* The stream's buffer and chunks. */

/* An empty stream; the caller frees it with stream_free(). */
void
stream_init(struct stream *s, bool tcp, size_t max)
{
	memset(s, 0, sizeof *s);
	s->tcp = tcp;
	s->max = max == 0 ? STREAM_MAX_BYTES : max;
}

/* Free what the stream holds (it may be used again after stream_init()). */
void
stream_free(struct stream *s)
{
	size_t d, i;

	for (d = 0; d < 2; d++) {
		for (i = 0; i < s->dir[d].npend; i++)
			free(s->dir[d].pend[i].data);
		free(s->dir[d].pend);
	}
	free(s->data);
	free(s->chunks);
	memset(s, 0, sizeof *s);
}

/* A new chunk at the end; NULL (and truncated) at the cap. */
static struct stream_chunk *
chunk_add(struct stream *s, int dir, bool gap, uint64_t number)
{
	struct stream_chunk *c;

	if (s->nchunks == STREAM_MAX_CHUNKS) {
		s->truncated = true;
		return NULL;
	}
	if (s->nchunks == s->capchunks) {
		s->capchunks = s->capchunks ? s->capchunks * 2 : 64;
		s->chunks = xrealloc(s->chunks,
		    s->capchunks * sizeof *s->chunks);
	}
	c = &s->chunks[s->nchunks++];
	memset(c, 0, sizeof *c);
	c->dir = (uint8_t)dir;
	c->gap = gap;
	c->off = s->len;
	c->pos = s->dir[dir].next_abs;
	c->number = number;
	return c;
}

/* Keep n bytes of direction dir (up to the cap); true if all fitted. */
static bool
keep(struct stream *s, int dir, uint64_t number, const uint8_t *p, size_t n)
{
	struct stream_chunk *c = s->nchunks > 0 ?
	    &s->chunks[s->nchunks - 1] : NULL;
	bool all = true;

	if (n == 0 || s->truncated)
		return n == 0;
	if (n > s->max - s->len) {
		n = s->max - s->len;
		all = false;
	}
	if (n > 0) {
		if (!s->tcp || c == NULL || c->gap || c->dir != dir)
			c = chunk_add(s, dir, false, number);
		if (c == NULL)
			return false;
		if (s->len + n > s->cap) {
			while (s->len + n > s->cap)
				s->cap = s->cap ? s->cap * 2 : 4096;
			if (s->cap > s->max)
				s->cap = s->max;
			s->data = xrealloc(s->data, s->cap);
		}
		memcpy(s->data + s->len, p, n);
		s->len += n;
		c->len += n;
		s->dir[dir].bytes += n;
	}
	if (!all)
		s->truncated = true;
	return all;
}

/* Say that n bytes of direction dir are missing. */
static void
gap(struct stream *s, int dir, uint64_t number, uint64_t n)
{
	struct stream_chunk *c = s->nchunks > 0 ?
	    &s->chunks[s->nchunks - 1] : NULL;

	if (n == 0 || s->truncated)
		return;
	if (c == NULL || !c->gap || c->dir != dir)
		c = chunk_add(s, dir, true, number);
	if (c == NULL)
		return;
	c->len += n;
	s->dir[dir].missing += n;
}

/* ------------------------------------------------------------------ */
/* TCP */

/* Move direction d's next expected byte on by n. */
static void
advance(struct stream_dir *d, uint64_t n)
{
	d->next_abs += n;
	d->next_seq += (uint32_t)n;
}

/*
 * Deliver a segment at offset abs (caplen bytes held of wirelen) to
 * direction dir, whose next expected byte it reaches (abs <= next_abs):
 * the part not seen yet is kept, bytes the capture cut off become a gap.
 */
static void
deliver(struct stream *s, int dir, uint64_t number, int64_t abs,
    const uint8_t *p, uint32_t caplen, uint32_t wirelen)
{
	struct stream_dir *d = &s->dir[dir];
	int64_t next = (int64_t)d->next_abs;
	int64_t cend = abs + caplen, wend = abs + wirelen;

	if (wend <= next) {
		d->dup += wirelen;
		return;
	}
	d->dup += (uint64_t)(next - abs);
	if (cend > next) {
		(void)keep(s, dir, number, p + (next - abs),
		    (size_t)(cend - next));
		advance(d, (uint64_t)(cend - next));
		next = cend;
	}
	if (wend > next) {
		gap(s, dir, number, (uint64_t)(wend - next));
		advance(d, (uint64_t)(wend - next));
	}
}

/* Deliver what waits and is now reached, in order. */
static void
drain(struct stream *s, int dir)
{
	struct stream_dir *d = &s->dir[dir];
	struct stream_pend *e;
	size_t i = 0;

	while (i < d->npend && d->pend[i].abs <= (int64_t)d->next_abs) {
		e = &d->pend[i];
		deliver(s, dir, e->number, e->abs, e->data, e->caplen,
		    e->wirelen);
		d->pend_bytes -= e->caplen;
		free(e->data);
		i++;
	}
	if (i > 0) {
		memmove(d->pend, d->pend + i, (d->npend - i) * sizeof *d->pend);
		d->npend -= i;
	}
}

/* Give up on the hole before the first waiting segment: a gap, then
   whatever that reaches. */
static void
skip_hole(struct stream *s, int dir)
{
	struct stream_dir *d = &s->dir[dir];
	uint64_t n;

	if (d->npend == 0)
		return;
	if (d->pend[0].abs > (int64_t)d->next_abs) {
		n = (uint64_t)d->pend[0].abs - d->next_abs;
		gap(s, dir, d->pend[0].number, n);
		advance(d, n);
	}
	drain(s, dir);
}

/* Keep a segment ahead of the next expected byte until the hole fills. */
static void
wait_behind(struct stream *s, int dir, uint64_t number, int64_t abs,
    const uint8_t *p, uint32_t caplen, uint32_t wirelen)
{
	struct stream_dir *d = &s->dir[dir];
	struct stream_pend *e;
	size_t i;

	while (d->npend > 0 && (d->npend >= STREAM_MAX_PENDSEGS ||
	    d->pend_bytes + caplen > STREAM_MAX_PENDING))
		skip_hole(s, dir);
	if (abs <= (int64_t)d->next_abs) {	/* the hole was given up */
		deliver(s, dir, number, abs, p, caplen, wirelen);
		drain(s, dir);
		return;
	}
	if (d->npend == d->cappend) {
		d->cappend = d->cappend ? d->cappend * 2 : 16;
		d->pend = xrealloc(d->pend, d->cappend * sizeof *d->pend);
	}
	/* After every entry with abs <= this one: equal offsets stay in
	   arrival order. */
	for (i = d->npend; i > 0 && d->pend[i - 1].abs > abs; i--)
		;
	memmove(d->pend + i + 1, d->pend + i, (d->npend - i) * sizeof *d->pend);
	d->npend++;
	e = &d->pend[i];
	e->abs = abs;
	e->number = number;
	e->caplen = caplen;
	e->wirelen = wirelen;
	e->data = xmalloc(caplen > 0 ? caplen : 1);
	memcpy(e->data, p, caplen);
	d->pend_bytes += caplen;
}

/* A TCP segment: kept in sequence order, waiting if ahead (stream.h). */
void
stream_tcp(struct stream *s, int dir, uint64_t number, uint32_t seq,
    uint32_t ack, uint8_t flags, const uint8_t *p, size_t caplen,
    size_t wirelen)
{
	struct stream_dir *d = &s->dir[dir], *peer = &s->dir[!dir];
	int64_t abs, ack_abs;

	if (s->truncated)
		return;
	d->packets++;
	if (wirelen > UINT32_MAX / 2)
		wirelen = UINT32_MAX / 2;
	if (caplen > wirelen)
		caplen = wirelen;
	/* The data starts after the SYN's sequence number. */
	if (flags & STREAM_SYN) {
		if (!d->syn && !d->started) {
			d->syn = true;
			d->isn = seq;
		}
		seq++;
	}
	if (!d->started && ((flags & STREAM_SYN) || wirelen > 0)) {
		d->started = true;
		d->next_seq = seq;
	}
	/* The peer acknowledged bytes the capture does not have: holes of
	   the peer's direction before that point will not fill. */
	if ((flags & STREAM_ACK) && peer->started && peer->npend > 0) {
		ack_abs = (int64_t)peer->next_abs +
		    (int32_t)(ack - peer->next_seq);
		while (peer->npend > 0 && peer->pend[0].abs < ack_abs &&
		    peer->pend[0].abs > (int64_t)peer->next_abs)
			skip_hole(s, !dir);
	}
	if (!d->started || wirelen == 0)
		return;
	abs = (int64_t)d->next_abs + (int32_t)(seq - d->next_seq);
	if (abs <= (int64_t)d->next_abs) {
		deliver(s, dir, number, abs, p, (uint32_t)caplen,
		    (uint32_t)wirelen);
		drain(s, dir);
	} else {
		wait_behind(s, dir, number, abs, p, (uint32_t)caplen,
		    (uint32_t)wirelen);
	}
}

/* A SYN without ACK, from a side under way, with another ISN. */
bool
stream_tcp_new_conn(const struct stream *s, int dir, uint8_t flags,
    uint32_t seq)
{
	const struct stream_dir *d = &s->dir[dir];

	if ((flags & (STREAM_SYN | STREAM_ACK)) != STREAM_SYN || !d->started)
		return false;
	return !d->syn || d->isn != seq;
}

/* A datagram: kept whole as its own chunk; what was cut is a gap. */
void
stream_udp(struct stream *s, int dir, uint64_t number, const uint8_t *p,
    size_t caplen, size_t wirelen)
{
	struct stream_dir *d = &s->dir[dir];

	if (s->truncated)
		return;
	d->packets++;
	if (caplen > wirelen)
		caplen = wirelen;
	if (!keep(s, dir, number, p, caplen))
		return;
	d->next_abs += caplen;
	if (wirelen > caplen) {
		gap(s, dir, number, wirelen - caplen);
		d->next_abs += wirelen - caplen;
	}
}

/* The end: every hole left is a gap, what waited behind it follows. */
void
stream_finish(struct stream *s)
{
	int dir;

	if (!s->tcp)
		return;
	for (dir = 0; dir < 2; dir++)
		while (s->dir[dir].npend > 0 && !s->truncated)
			skip_hole(s, dir);
}
