/*
 * The dissection context: layers, field reporting and the Info column.
 * Every d_*() reporter returns at once in the fast pass (no sink), so the
 * capture thread pays only for the summary it needs.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "decoders.h"
#include "escape.h"
#include "dissect.h"

enum {
	F_NUMBER, F_TIME, F_EPOCH, F_REL, F_DELTA, F_DELTA_DIS, F_LEN,
	F_CAPLEN, F_IFNAME, F_COUNT
};

static const struct field_def frame_fields[] = {
	[F_NUMBER] = { "frame.number", "Frame Number", FT_UINT, BASE_DEC, 32 },
	[F_TIME] = { "frame.time", "Arrival Time", FT_TIME, BASE_TIME_TEXT,
	    0 },
	[F_EPOCH] = { "frame.time_epoch", "Epoch Time", FT_TIME, BASE_DEC, 0 },
	[F_REL] = { "frame.time_relative",
	    "Time since reference or first frame", FT_RELTIME, BASE_DEC, 0 },
	[F_DELTA] = { "frame.time_delta",
	    "Time delta from previous captured frame", FT_RELTIME, BASE_DEC,
	    0 },
	[F_DELTA_DIS] = { "frame.time_delta_displayed",
	    "Time delta from previous displayed frame", FT_RELTIME, BASE_DEC,
	    0 },
	[F_LEN] = { "frame.len", "Frame Length", FT_UINT, BASE_DEC, 32 },
	[F_CAPLEN] = { "frame.cap_len", "Capture Length", FT_UINT, BASE_DEC,
	    32 },
	[F_IFNAME] = { "frame.interface_name", "Interface name", FT_STRING,
	    BASE_DEC, 0 },
};
_Static_assert(sizeof frame_fields / sizeof frame_fields[0] == F_COUNT,
    "frame_fields: one entry per field id");
const struct field_table frame_field_table = { frame_fields, F_COUNT };

/* Report the frame layer's own fields. */
static void
frame_fields_report(struct dissect *d, const struct frame_meta *m)
{
	struct field_value v;

	d_uint(d, &frame_fields[F_NUMBER], 0, 0, m->number, NULL);
	memset(&v, 0, sizeof v);
	v.def = &frame_fields[F_TIME];
	v.u = (uint64_t)m->ts_sec;
	v.aux = m->ts_nsec;
	d_value(d, &v);
	v.def = &frame_fields[F_EPOCH];
	d_value(d, &v);
	v.def = &frame_fields[F_REL];
	v.u = (uint64_t)m->rel.sec;
	v.aux = (uint32_t)m->rel.nsec;
	d_value(d, &v);
	v.def = &frame_fields[F_DELTA];
	v.u = (uint64_t)m->delta.sec;
	v.aux = (uint32_t)m->delta.nsec;
	d_value(d, &v);
	/* Known only to a reader of every packet in order (the headless
	   printer); elsewhere left out rather than shown wrong. */
	if (m->has_delta_dis) {
		v.def = &frame_fields[F_DELTA_DIS];
		v.u = (uint64_t)m->delta_dis.sec;
		v.aux = (uint32_t)m->delta_dis.nsec;
		d_value(d, &v);
	}
	d_uint(d, &frame_fields[F_LEN], 0, 0, m->wirelen, NULL);
	d_uint(d, &frame_fields[F_CAPLEN], 0, 0, m->caplen, NULL);
	if (m->ifname != NULL)
		d_string(d, &frame_fields[F_IFNAME], 0, 0, m->ifname,
		    strlen(m->ifname));
}

void
dissect_frame(const struct frame_meta *m, const uint8_t *data,
    struct pkt_info *pi, const struct field_sink *sink, bool want_info)
{
	/* The capture pass of a plain TCP/UDP frame needs no decoder. */
	if (sink == NULL && !want_info && fastpath_decode(m, data, pi))
		return;
	dissect_frame_want(m, data, pi, sink, want_info, NULL);
}

/* The body of dissect_frame_want() and dissect_transports(). */
static void
dissect_run(const struct frame_meta *m, const uint8_t *data,
    struct pkt_info *pi, const struct field_sink *sink, bool want_info,
    const struct field_set *want, transport_fn fn, void *arg)
{
	struct dissect d;
	struct cursor c = cur_make(data, m->caplen);

	/* The Info text needs only its terminator: 160 bytes less to clear
	   for every captured packet. */
	memset(pi, 0, offsetof(struct pkt_info, info));
	pi->info[0] = '\0';
	memset(&d, 0, sizeof d);
	d.frame = data;
	d.caplen = m->caplen;
	d.wirelen = m->wirelen;
	d.sink = sink;
	d.want = sink != NULL ? want : NULL;
	d.want_info = want_info;
	d.pi = pi;
	d.key_layer = -1;
	d.meta = m;
	d.transport = fn;
	d.transport_arg = arg;

	if (!d_open(&d, P_FRAME, 0))
		return;
	frame_fields_report(&d, m);
	link_decode(&d, m->link, c);
	/* Close whatever a decoder left open, innermost first. */
	while (d.open_depth > 1)
		d_close(&d, m->caplen, LAYER_OK);
	d_close(&d, m->caplen, LAYER_OK);
}

void
dissect_frame_want(const struct frame_meta *m, const uint8_t *data,
    struct pkt_info *pi, const struct field_sink *sink, bool want_info,
    const struct field_set *want)
{
	dissect_run(m, data, pi, sink, want_info, want, NULL, NULL);
}

void
dissect_transports(const struct frame_meta *m, const uint8_t *data,
    transport_fn fn, void *arg)
{
	struct pkt_info pi;

	/* The capture pass's decode (no sink: no field is formatted),
	   which still opens every layer, quotes and tunnels included. */
	dissect_run(m, data, &pi, NULL, false, NULL, fn, arg);
}

void
d_stream(struct dissect *d, const struct field_def *f, size_t off, bool udp)
{
	const struct frame_streams *s = &d->meta->streams;
	int i;

	if (!d_want(d, f))
		return;
	for (i = 0; i < s->n && i < FRAME_STREAMS_MAX; i++)
		if (s->layer[i].off == off && s->layer[i].udp == udp) {
			d_uint(d, f, off, 0, s->layer[i].index, NULL);
			return;
		}
}

/* Fill the common part of a value and hand it to the sink. */
static void
report(struct dissect *d, struct field_value *v, const struct field_def *f,
    size_t off, size_t len)
{
	v->def = f;
	v->off = (uint32_t)off;
	v->len = (uint32_t)len;
	d->sink->field(d->sink->arg, v);
}

void
d_sum_report(struct dissect *d, const struct field_def *f, size_t off,
    size_t len, uint64_t u, const char *shown, int verdict)
{
	struct field_value v;

	memset(&v, 0, sizeof v);
	v.u = u;
	v.shown = shown;
	v.verdict = (int8_t)verdict;
	report(d, &v, f, off, len);
}

void
d_uint_report(struct dissect *d, const struct field_def *f, size_t off,
    size_t len, uint64_t u, const char *shown)
{
	d_sum_report(d, f, off, len, u, shown, 0);
}

void
d_addr_report(struct dissect *d, const struct field_def *f, size_t off,
    size_t len, const uint8_t *a)
{
	struct field_value v;

	memset(&v, 0, sizeof v);
	v.p = a;
	v.n = f->type == FT_IPV4 ? 4 : f->type == FT_IPV6 ? 16 : 6;
	report(d, &v, f, off, len);
}

void
d_bytes_report(struct dissect *d, const struct field_def *f, size_t off,
    size_t len)
{
	struct field_value v;

	if (off > d->caplen)
		off = d->caplen;
	if (len > d->caplen - off)
		len = d->caplen - off;
	memset(&v, 0, sizeof v);
	v.p = d->frame + off;
	v.n = len;
	report(d, &v, f, off, len);
}

void
d_string_report(struct dissect *d, const struct field_def *f, size_t off,
    size_t len, const char *s, size_t n)
{
	struct field_value v;

	memset(&v, 0, sizeof v);
	v.p = (const uint8_t *)s;
	v.n = n;
	report(d, &v, f, off, len);
}

void
d_double_report(struct dissect *d, const struct field_def *f, size_t off,
    size_t len, double x)
{
	struct field_value v;

	memset(&v, 0, sizeof v);
	v.dbl = x;
	report(d, &v, f, off, len);
}

void
d_value(struct dissect *d, const struct field_value *v)
{
	if (d_want(d, v->def))
		d->sink->field(d->sink->arg, v);
}

/* Report a checksum and its status (see dissect.h). */
int
d_checksum(struct dissect *d, const struct field_def *sumf,
    const struct field_def *statusf, size_t off, uint16_t sum, int status)
{
	if (d->sink != NULL) {
		d_sum(d, sumf, off, 2, sum, status == 1 ? "correct" :
		    status == 0 ? "incorrect" : NULL,
		    d_status_verdict(status));
		d_sum(d, statusf, off, 0, (uint64_t)status, status == 1 ?
		    "Good" : status == 0 ? "Bad" : "Unverified",
		    d_status_verdict(status));
	}
	return status == 0 ? LAYER_BADSUM : LAYER_OK;
}

/* Mark a layer cut short, then close it (see dissect.h). */
void
d_finish(struct dissect *d, size_t pos, size_t end, int status)
{
	if (status & LAYER_TRUNCATED)
		d_text(d, pos, 0, "[truncated]");
	d_close(d, end, status);
}

/*
 * vsnprintf into a fixed buffer; text cut short ends on a whole UTF-8
 * character (its parts may be escaped wire text holding UTF-8).
 */
static void
d_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	int n = vsnprintf(buf, size, fmt, ap);

	if (n >= 0 && (size_t)n >= size)
		buf[escape_utf8_boundary(buf, size - 1)] = '\0';
}

/* A text line of the tree with a checksum verdict (0: none). */
static void
text_report(struct dissect *d, size_t off, size_t len, int verdict,
    const char *fmt, va_list ap)
{
	static const struct field_def text_def = { "", "", FT_NONE, 0, 0,
	    NULL };
	struct field_value v;
	char buf[256];

	d_vformat(buf, sizeof buf, fmt, ap);
	memset(&v, 0, sizeof v);
	v.shown = buf;
	v.verdict = (int8_t)verdict;
	report(d, &v, &text_def, off, len);
}

void
d_text(struct dissect *d, size_t off, size_t len, const char *fmt, ...)
{
	va_list ap;

	/* Text lines are no field: a sink taking chosen fields skips them. */
	if (!d_shown(d))
		return;
	va_start(ap, fmt);
	text_report(d, off, len, 0, fmt, ap);
	va_end(ap);
}

int
d_malformed(struct dissect *d, size_t off, size_t len, const char *fmt, ...)
{
	char why[256];
	va_list ap;

	if (d_shown(d)) {
		va_start(ap, fmt);
		d_vformat(why, sizeof why, fmt, ap);
		va_end(ap);
		d_text(d, off, len, "[malformed: %s]", why);
	}
	return LAYER_MALFORMED;
}

void
d_text_badsum(struct dissect *d, size_t off, size_t len, const char *fmt,
    ...)
{
	va_list ap;

	if (!d_shown(d))
		return;
	va_start(ap, fmt);
	text_report(d, off, len, -1, fmt, ap);
	va_end(ap);
}

void
d_info_set(struct dissect *d, const char *fmt, ...)
{
	va_list ap;

	if (!d->want_info || d->fence > 0)
		return;
	va_start(ap, fmt);
	d_vformat(d->pi->info, sizeof d->pi->info, fmt, ap);
	va_end(ap);
}

void
d_info_add(struct dissect *d, const char *fmt, ...)
{
	size_t used;
	va_list ap;

	if (!d->want_info || d->fence > 0)
		return;
	used = strlen(d->pi->info);
	if (used + 1 >= sizeof d->pi->info)
		return;
	va_start(ap, fmt);
	d_vformat(d->pi->info + used, sizeof d->pi->info - used, fmt, ap);
	va_end(ap);
}

/* Bytes of a transport segment on the wire from c's position. */
size_t
d_transport_wire_len(const struct dissect *d, const struct cursor *c)
{
	size_t n = cur_left(c);

	/* The IP header says how long its payload is. */
	if (d->ip.ver != 0 && d->ip.end >= c->pos)
		return d->ip.end - c->pos;
	/* A trailer after a cut segment is rare: the bytes the snap length
	   dropped belonged to it. */
	if (c->end >= d->caplen && d->wirelen > d->caplen)
		n += d->wirelen - d->caplen;
	return n;
}
