/*
 * The dissection of one frame: the context every decoder receives.
 *
 * One decoder per protocol serves both passes.  In the fast pass (the
 * feeder, for the model) sink is NULL: decoders only fill the summary (struct pkt_info),
 * and every d_*() field call returns at once.  In the full pass (detail
 * pane, -V, -T fields) the same code reports each field to the sink.
 *
 * Layers nest: a tunnel or an ICMP error opens inner layers inside the outer
 * ones.  Nesting is capped at DISSECT_MAX_NEST so that GRE in GRE in GRE or
 * ICMP quoting ICMP cannot recurse without bound.
 */
#ifndef WIRETOP_DISSECT_H
#define WIRETOP_DISSECT_H

#include <stdbool.h>
#include <stdint.h>

#include "cursor.h"
#include "field.h"
#include "packet.h"
#include "proto.h"
#include "wtime.h"

#define DISSECT_MAX_NEST	8	/* encapsulations followed at most */
#define DISSECT_MAX_LAYERS	32	/* layers one frame may open */
/* Receives the field tree of a full pass. */
struct field_sink {
	/* A protocol layer starts at off (frame offsets). */
	void	(*layer_open)(void *arg, enum proto_id p, uint32_t off);
	/* The current layer ends at off with LAYER_* status. */
	void	(*layer_close)(void *arg, uint32_t off, int status);
	/* A field of the current layer (or of the open subtree). */
	void	(*field)(void *arg, const struct field_value *v);
	/* Fields after this belong to the last field reported, until pop. */
	void	(*subtree_push)(void *arg);
	void	(*subtree_pop)(void *arg);
	void	*arg;
};

/* The state of the IP header a transport decoder sits in (pseudo-header). */
struct ip_ctx {
	uint8_t		 ver;		/* 0: none */
	uint8_t		 ttl;		/* TTL / hop limit */
	bool		 frag;		/* a fragment: the payload is part of
					   a longer datagram */
	uint8_t		 src[16];
	uint8_t		 dst[16];
	size_t		 end;		/* frame offset where the payload ends
					   as the header declares it (may lie
					   past the captured bytes) */
};

/* A TCP or UDP header as a conversation table sees it (streams.h). */
struct transport_hdr {
	uint8_t		 proto;		/* P_TCP or P_UDP */
	uint32_t	 off;		/* where the header starts */
	bool		 whole;		/* enough of it for tshark to look
					   up its conversation (UDP: 8
					   bytes, TCP: 16) */
	const struct ip_ctx *ip;	/* the IP header around it */
	uint16_t	 sport, dport;
	uint32_t	 seq;		/* TCP */
	uint16_t	 flags;		/* TCP */
};
typedef void (*transport_fn)(void *arg, const struct transport_hdr *t);

struct dissect {
	const uint8_t		*frame;
	uint32_t		 caplen;
	uint32_t		 wirelen;
	const struct field_sink	*sink;		/* NULL in the fast pass */
	const struct field_set	*want;		/* with sink: the only fields
						   it takes, no shown text;
						   NULL: all, with text */
	bool			 want_info;	/* fill pi->info */
	struct pkt_info		*pi;
	struct ip_ctx		 ip;		/* innermost IP header */
	int			 nest;		/* encapsulation depth */
	int			 layers;	/* layers opened so far */
	int			 key_layer;	/* layer index of the IP header
						   that set the flow key; -1 */
	int			 open_depth;	/* layers currently open */
	int			 fence;		/* >0: inner layers (an ICMP error's
						   quote) neither change the top
						   protocol nor the Info column */
	const struct frame_meta	*meta;		/* the frame's facts */
	transport_fn		 transport;	/* told of every TCP and UDP
						   header, or NULL */
	void			*transport_arg;
};

/*
 * Decode one frame.  pi is filled (its Info only up to the terminator
 * when want_info is false); sink may be NULL.
 * The frame layer (frame.*) is reported first when sink is set.
 */
void	dissect_frame(const struct frame_meta *m, const uint8_t *data,
	    struct pkt_info *pi, const struct field_sink *sink, bool want_info);
/*
 * The same for a sink that takes only the fields in want (-T fields):
 * decoders then skip the work no wanted field depends on (shown texts,
 * checksums, whole layers).  want NULL is dissect_frame(), except that
 * this always goes through the decoders: dissect_frame()'s capture pass
 * (no sink, no Info) takes fastpath_decode() where it can, and tests
 * compare the two.
 */
void	dissect_frame_want(const struct frame_meta *m, const uint8_t *data,
	    struct pkt_info *pi, const struct field_sink *sink, bool want_info,
	    const struct field_set *want);

/* Decode a frame only to tell fn of its TCP and UDP headers, outermost
   first (tunnels and ICMP quotes included). */
void	dissect_transports(const struct frame_meta *m, const uint8_t *data,
	    transport_fn fn, void *arg);

/* Tell the transport hook of a TCP or UDP header (the decoders). */
static inline void
d_transport(struct dissect *d, const struct transport_hdr *t)
{
	if (d->transport != NULL)
		d->transport(d->transport_arg, t);
}

/* Report f, the conversation index (tcp.stream, udp.stream) of the TCP
   or UDP layer whose header starts at off, if the frame's meta has one. */
void	d_stream(struct dissect *d, const struct field_def *f, size_t off,
	    bool udp);

/*
 * Open a protocol layer starting at off: marks the protocol in pi, makes it
 * the top protocol, tells the sink.  Returns false if the layer cap is hit
 * (then the caller must not decode further and must not call d_close).
 */
static inline bool
d_open(struct dissect *d, enum proto_id p, size_t off)
{
	if (d->layers >= DISSECT_MAX_LAYERS ||
	    d->open_depth >= DISSECT_MAX_LAYERS) {
		d->pi->status |= LAYER_MALFORMED;
		return false;
	}
	d->open_depth++;
	d->layers++;
	d->pi->protos |= (uint64_t)1 << p;
	if (p != P_DATA && p != P_FRAME && d->fence == 0)
		d->pi->top = (uint8_t)p;
	if (d->sink != NULL)
		d->sink->layer_open(d->sink->arg, p, (uint32_t)off);
	return true;
}

/* Close the innermost open layer at off (end offset), with LAYER_* status. */
static inline void
d_close(struct dissect *d, size_t off, int status)
{
	if (d->open_depth <= 0)
		return;
	d->open_depth--;
	d->pi->status |= (uint8_t)status;
	if (d->sink != NULL)
		d->sink->layer_close(d->sink->arg, (uint32_t)off, status);
}

/*
 * Does the sink take field f?  False in the fast pass.  Decoders ask
 * before work only f's value needs; the d_*() reporters ask themselves.
 */
static inline bool
d_want(const struct dissect *d, const struct field_def *f)
{
	return d->sink != NULL &&
	    (d->want == NULL || field_set_get(d->want, f) >= 0);
}

/* Does the sink take any field of table t (a whole layer's worth)? */
static inline bool
d_want_table(const struct dissect *d, const struct field_table *t)
{
	return d->sink != NULL &&
	    (d->want == NULL || field_set_has_table(d->want, t));
}

/* Does the sink show values with their text (v->shown, d_text())? */
static inline bool
d_shown(const struct dissect *d)
{
	return d->sink != NULL && d->want == NULL;
}

/* The reporters behind the inline wrappers below: f is wanted. */
void	d_uint_report(struct dissect *d, const struct field_def *f,
	    size_t off, size_t len, uint64_t v, const char *shown);
void	d_sum_report(struct dissect *d, const struct field_def *f,
	    size_t off, size_t len, uint64_t v, const char *shown,
	    int verdict);
void	d_addr_report(struct dissect *d, const struct field_def *f,
	    size_t off, size_t len, const uint8_t *a);
void	d_bytes_report(struct dissect *d, const struct field_def *f,
	    size_t off, size_t len);
void	d_string_report(struct dissect *d, const struct field_def *f,
	    size_t off, size_t len, const char *s, size_t n);
void	d_double_report(struct dissect *d, const struct field_def *f,
	    size_t off, size_t len, double v);

/* Report fields of the current layer (no-ops in the fast pass). */
static inline void
d_uint(struct dissect *d, const struct field_def *f, size_t off,
    size_t len, uint64_t v, const char *shown)
{
	if (d_want(d, f))
		d_uint_report(d, f, off, len, v, shown);
}

/*
 * A checksum, its status or another field that states a checksum's
 * verdict: 1 good, -1 bad, 0 none (unverified, absent).  The verdict
 * travels as a value (field_value.verdict), never as the text.
 */
static inline void
d_sum(struct dissect *d, const struct field_def *f, size_t off,
    size_t len, uint64_t v, const char *shown, int verdict)
{
	if (d_want(d, f))
		d_sum_report(d, f, off, len, v, shown, verdict);
}

/* The verdict of a checksum status as tshark numbers them: 0 bad, 1 good,
   2 unverified, 3 not present, 4 illegal (no verdict: as tshark). */
static inline int
d_status_verdict(int status)
{
	return status == 1 ? 1 : status == 0 ? -1 : 0;
}

static inline void
d_int(struct dissect *d, const struct field_def *f, size_t off,
    size_t len, int64_t v, const char *shown)
{
	if (d_want(d, f))
		d_uint_report(d, f, off, len, (uint64_t)v, shown);
}

static inline void
d_bool(struct dissect *d, const struct field_def *f, size_t off,
    size_t len, bool v, const char *shown)
{
	if (d_want(d, f))
		d_uint_report(d, f, off, len, v ? 1 : 0, shown);
}

/* An address of f's type (FT_IPV4, FT_IPV6, FT_ETHER) at a. */
static inline void
d_addr(struct dissect *d, const struct field_def *f, size_t off,
    size_t len, const uint8_t *a)
{
	if (d_want(d, f))
		d_addr_report(d, f, off, len, a);
}

/* FT_BYTES / FT_STRING taken from the frame [off, off + len). */
static inline void
d_bytes(struct dissect *d, const struct field_def *f, size_t off,
    size_t len)
{
	if (d_want(d, f))
		d_bytes_report(d, f, off, len);
}

/* FT_STRING / FT_BYTES from a buffer (a decoded DNS name, say). */
static inline void
d_string(struct dissect *d, const struct field_def *f, size_t off,
    size_t len, const char *s, size_t n)
{
	if (d_want(d, f))
		d_string_report(d, f, off, len, s, n);
}

static inline void
d_double(struct dissect *d, const struct field_def *f, size_t off,
    size_t len, double v)
{
	if (d_want(d, f))
		d_double_report(d, f, off, len, v);
}

/* Any prepared value (time fields). */
void	d_value(struct dissect *d, const struct field_value *v);
/*
 * A checksum field sum at off and its status field (generated): status 1
 * good, 0 bad, 2 unverified, shown as tshark shows them.  Returns
 * LAYER_BADSUM for a bad one, else LAYER_OK.
 */
int	d_checksum(struct dissect *d, const struct field_def *sumf,
	    const struct field_def *statusf, size_t off, uint16_t sum,
	    int status);
/* Close the innermost layer at end with status; a truncated one first
   says "[truncated]" at pos, where decoding stopped. */
void	d_finish(struct dissect *d, size_t pos, size_t end, int status);
/* A text-only line in the tree ("[truncated]"), printf-style. */
void	d_text(struct dissect *d, size_t off, size_t len, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/*
 * The layer's bytes contradict themselves: say why in the tree
 * ("[malformed: why]" over off, len) and return LAYER_MALFORMED for the
 * layer's status.  A layer that stops there closes with
 * d_close(d, end, d_malformed(...)).  The Info text stays the caller's:
 * tshark words it differently for each protocol, and IPv4 replaces the
 * Info where TCP and UDP append to it.
 */
int	d_malformed(struct dissect *d, size_t off, size_t len,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same for a line that says a checksum is bad. */
void	d_text_badsum(struct dissect *d, size_t off, size_t len,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Following fields are children of the last one reported. */
static inline void
d_push(struct dissect *d)
{
	if (d->sink != NULL && d->sink->subtree_push != NULL)
		d->sink->subtree_push(d->sink->arg);
}

/* Back to the parent of the subtree d_push() opened. */
static inline void
d_pop(struct dissect *d)
{
	if (d->sink != NULL && d->sink->subtree_pop != NULL)
		d->sink->subtree_pop(d->sink->arg);
}

/* Replace the Info column text (only when want_info), printf-style. */
void	d_info_set(struct dissect *d, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Append to the Info column text. */
void	d_info_add(struct dissect *d, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* The Info calls test first, so the capture pass pays no call for them. */
#define d_info(d, ...) do {						\
	if ((d)->want_info && (d)->fence == 0)				\
		d_info_set((d), __VA_ARGS__);				\
} while (0)
#define d_info_append(d, ...) do {					\
	if ((d)->want_info && (d)->fence == 0)				\
		d_info_add((d), __VA_ARGS__);				\
} while (0)

/*
 * Does anyone look at more than the summary?  False in the capture pass:
 * decoders then skip what only fields and Info need (names, checksums,
 * options, application payloads), so the hot path stays cheap.
 */
static inline bool
d_detail(const struct dissect *d)
{
	return d->sink != NULL || d->want_info;
}

/*
 * Is a checksum verdict needed?  Info, the layer status of a tree or the
 * fields a and b (its status and calculated value; b may be NULL) show
 * it; the capture pass and a -T fields pass not asking for them skip the
 * sum.
 */
static inline bool
d_verify(const struct dissect *d, const struct field_def *a,
    const struct field_def *b)
{
	return d->want_info || d_shown(d) || d_want(d, a) ||
	    (b != NULL && d_want(d, b));
}

/* Bytes of a transport segment on the wire from c's position: what the
   IP header declares, or what was captured plus what the snap length
   dropped when c ends where the capture was cut. */
size_t	d_transport_wire_len(const struct dissect *d, const struct cursor *c);

/* Is the caller's layer the transport directly after the flow-key IP? */
static inline bool
d_is_key_transport(const struct dissect *d)
{
	return d->key_layer >= 0 && d->layers - 1 == d->key_layer + 1;
}

#endif
