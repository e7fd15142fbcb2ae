/* The headless printer (see printer.h). */
#include "config.h"

#include <stdlib.h>

#include "decode/streams.h"
#include "decode/wtime.h"
#include "filter.h"
#include "output/output.h"
#include "output/printer.h"
#include "output/ztables.h"
#include "util.h"

struct printer {
	const struct options	*o;
	struct filter		*display;
	struct fields_printer	*fields;
	struct json_printer	*json;		/* -T json */
	struct ztables		*ztables;	/* -z */
	FILE			*out;
	/* What only a reader of every packet in order knows: tcp.stream
	   and udp.stream (NULL when nothing shows them), and the time of
	   the last packet displayed (frame.time_delta_displayed, -t dd). */
	struct streams		*streams;
	bool			 displayed;
	int64_t			 displayed_sec;
	uint32_t		 displayed_nsec;
};

/* Does anything the printer shows hold tcp.stream or udp.stream? */
static bool
printer_shows_streams(const struct options *o)
{
	int i;

	if (o->format == OUT_TREE || o->format == OUT_JSON ||
	    o->format == OUT_JSONL || streams_named(o->display_filter))
		return true;
	for (i = 0; i < o->nfields; i++)
		if (streams_named(o->fields[i]->name))
			return true;
	return false;
}

struct printer *
printer_new(const struct options *o, int link, int snaplen, FILE *out,
    char **cause)
{
	struct printer *p = xcalloc(1, sizeof *p);

	p->o = o;
	p->out = out;
	if (o->display_filter != NULL) {
		p->display = filter_new(o->display_filter, link, snaplen, cause);
		if (p->display == NULL) {
			free(p);
			return NULL;
		}
	}
	if (o->nztables > 0 && (p->ztables = ztables_new(o->ztables,
	    o->nztables, link, snaplen, cause)) == NULL) {
		filter_free(p->display);
		free(p);
		return NULL;
	}
	if (o->format == OUT_FIELDS) {
		p->fields = fields_new(o->fields, o->nfields,
		    &o->fields_format);
		fields_begin(p->fields, out);
	}
	if (printer_shows_streams(o) && (p->streams = streams_new()) == NULL)
		fatal("out of memory");
	if (o->format == OUT_JSON)
		p->json = json_printer_new(o->json_filter, o->json_filter_top,
		    o->json_merge);
	return p;
}

void
printer_packet(struct printer *p, const struct frame_meta *m,
    const uint8_t *data, const struct pkt_info *pi)
{
	const struct options *o = p->o;
	struct pkt_info own;
	struct frame_meta full;

	if (printer_idle(p))
		return;		/* data may be NULL: see main.c */
	/* The tables count every packet, as tshark's taps do with -Y. */
	if (p->ztables != NULL)
		ztables_packet(p->ztables, m, data);
	if (!o->summary && o->format == OUT_NONE && !o->hex)
		return;
	/* Every packet is numbered, displayed or not, as tshark does. */
	full = *m;
	if (p->streams != NULL)
		streams_number(p->streams, &full, data);
	full.has_delta_dis = true;
	if (p->displayed)
		full.delta_dis = wtime_sub(full.ts_sec, full.ts_nsec,
		    p->displayed_sec, p->displayed_nsec);
	m = &full;
	if (p->display != NULL && !filter_match(p->display, m, data))
		return;
	p->displayed = true;
	p->displayed_sec = m->ts_sec;
	p->displayed_nsec = m->ts_nsec;
	if (o->summary) {
		if (pi == NULL) {
			dissect_frame(m, data, &own, NULL, true);
			pi = &own;
		}
		print_summary(p->out, m, pi, o->time_format);
	}
	switch (o->format) {
	case OUT_TREE:
		print_tree(p->out, m, data);
		break;
	case OUT_FIELDS:
		fields_print(p->fields, p->out, m, data);
		break;
	case OUT_JSON:
		json_printer_packet(p->json, p->out, m, data);
		break;
	case OUT_JSONL:
		print_jsonl(p->out, m, data);
		break;
	default:
		break;
	}
	if (o->hex)
		print_hex(p->out, data, m->caplen);
}

bool
printer_idle(const struct printer *p)
{
	return !p->o->summary && p->o->format == OUT_NONE && !p->o->hex &&
	    p->ztables == NULL;
}

bool
printer_wants_info(const struct printer *p)
{
	return p->o->summary;
}

void
printer_finish(struct printer *p)
{
	if (p->json != NULL)
		json_printer_end(p->json, p->out);
	if (p->ztables != NULL)
		ztables_print(p->ztables, p->out);
}

bool
printer_failed(const struct printer *p)
{
	return ferror(p->out) != 0;
}

void
printer_free(struct printer *p)
{
	if (p == NULL)
		return;
	fields_free(p->fields);
	streams_free(p->streams);
	json_printer_free(p->json);
	ztables_free(p->ztables);
	filter_free(p->display);
	free(p);
}
