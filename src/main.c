/*
 * wiretop: options, wiring, signals and exit codes.
 *
 * Exit status: 0 success, 1 runtime failure (capture could not start, file
 * unreadable), 2 usage error.  Every failure is one line on stderr.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/dump.h"
#include "capture/source.h"
#include "decode/dissect.h"
#include "filter.h"
#include "model/model.h"
#include "options.h"
#include "output/output.h"
#include "output/stats.h"
#include "util.h"

/* Everything one headless run needs, shared with the per-packet callback. */
struct run {
	const struct options	*o;
	struct model		*model;
	struct filter		*display;
	struct dump		*dump;
	struct fields_printer	*fields;
	FILE			*out;
	uint64_t		 number;	/* packets seen */
	int64_t			 first_ns, prev_ns;
	bool			 stop;
	char			*failure;	/* a write error, malloc'd */
};

static volatile sig_atomic_t stop_signal;

static void
on_stop_signal(int sig)
{
	stop_signal = sig;
}

/* Print "wiretop: <cause>", free it, and return status. */
static int
complain(char *cause, int status)
{
	fprintf(stderr, "wiretop: %s\n", cause);
	free(cause);
	return status;
}

/* Decode one packet, add it to the model, and print what was asked. */
static void
on_packet(void *arg, const struct frame_meta *fm, const uint8_t *data)
{
	struct run *r = arg;
	const struct options *o = r->o;
	struct frame_meta m = *fm;
	struct pkt_info pi;
	int64_t now;

	if (r->stop)
		return;
	now = m.ts_sec * 1000000000LL + m.ts_nsec;
	m.number = ++r->number;
	if (m.number == 1)
		r->first_ns = r->prev_ns = now;
	m.rel_ns = now - r->first_ns;
	m.delta_ns = now - r->prev_ns;
	r->prev_ns = now;

	dissect_frame(&m, data, &pi, NULL, o->summary);
	model_add(r->model, &m, data, &pi);
	if (r->dump != NULL && r->failure == NULL)
		if (dump_write(r->dump, &m, data, &r->failure) != 0)
			r->stop = true;

	if (r->display == NULL || filter_match(r->display, &m, data)) {
		if (o->summary)
			print_summary(r->out, &m, &pi);
		switch (o->format) {
		case OUT_TREE:
			print_tree(r->out, &m, data);
			break;
		case OUT_FIELDS:
			fields_print(r->fields, r->out, &m, data);
			break;
		case OUT_JSON:
			print_json(r->out, &m, data);
			break;
		default:
			break;
		}
		if (o->hex)
			print_hex(r->out, data, m.caplen);
	}
	if (o->count != 0 && r->number >= o->count)
		r->stop = true;
}

static void
print_field_name(const struct field_def *f, void *arg)
{
	(void)arg;
	printf("%s\t%s\n", f->name, f->label);
}

/* Read a capture file through the model and the headless printers. */
static int
run_file(const struct options *o)
{
	struct model_config cfg;
	struct source *src;
	struct run r;
	char *cause = NULL;
	int n, status = 0;

	memset(&r, 0, sizeof r);
	r.o = o;
	r.out = stdout;
	src = source_open_file(o->read_file, o->capture_filter, o->snaplen,
	    &cause);
	if (src == NULL)
		return complain(cause, strncmp(cause, SOURCE_BAD_FILTER,
		    strlen(SOURCE_BAD_FILTER)) == 0 ? 2 : 1);
	if (o->display_filter != NULL) {
		r.display = filter_new(o->display_filter, source_link(src),
		    source_snaplen(src), &cause);
		if (r.display == NULL) {
			source_close(src);
			return complain(cause, 2);
		}
	}
	memset(&cfg, 0, sizeof cfg);
	cfg.ring_packets = o->ring_packets;
	cfg.ring_bytes = o->ring_mb << 20;
	cfg.max_flows = o->max_flows;
	cfg.max_talkers = MODEL_DEFAULT_MAX_TALKERS;
	cfg.flow_idle_ns = MODEL_DEFAULT_FLOW_IDLE_NS;
	r.model = model_new(&cfg, &cause);
	if (r.model == NULL) {
		status = complain(cause, 1);
		goto out;
	}
	if (o->write_file != NULL) {
		r.dump = dump_open(o->write_file, source_link(src),
		    source_snaplen(src), &cause);
		if (r.dump == NULL) {
			status = complain(cause, 1);
			goto out;
		}
	}
	if (o->format == OUT_FIELDS)
		r.fields = fields_new(o->fields, o->nfields);

	while (!r.stop && !stop_signal) {
		model_batch_begin(r.model);
		n = source_next_batch(src, on_packet, &r, -1);
		model_batch_end(r.model);
		if (n < 0)
			break;
		if (ferror(r.out))
			break;	/* a closed pipe: nobody reads any more */
	}
	fflush(r.out);
	if (source_error(src) != NULL) {
		fprintf(stderr, "wiretop: %s\n", source_error(src));
		status = 1;
	} else if (source_warning(src) != NULL)
		fprintf(stderr, "wiretop: warning: %s\n", source_warning(src));
	if (r.dump != NULL && dump_close(r.dump, &cause) != 0 &&
	    r.failure == NULL)
		r.failure = cause;
	r.dump = NULL;
	if (r.failure != NULL)
		status = complain(r.failure, 1);
	if (o->stats == STATS_JSON)
		stats_print_json(r.model, stdout);
	else if (o->stats == STATS_TEXT)
		stats_print_text(r.model, stdout, o->top);
	fflush(stdout);
out:
	fields_free(r.fields);
	if (r.dump != NULL)
		dump_close(r.dump, &cause);
	filter_free(r.display);
	if (r.model != NULL)
		model_free(r.model);
	source_close(src);
	return status;
}

int
main(int argc, char **argv)
{
	static char outbuf[1 << 16];
	struct options o;
	char *cause = NULL;
	int rc;

	rc = options_parse(argc, argv, &o, &cause);
	if (rc == OPTIONS_EXIT)
		return 0;
	if (rc == OPTIONS_USAGE)
		return complain(cause, 2);
	if (o.list_fields) {
		field_foreach(print_field_name, NULL);
		return 0;
	}
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, on_stop_signal);
	signal(SIGTERM, on_stop_signal);

	if (o.read_file != NULL)
		rc = run_file(&o);
	else {
		/* Live capture and the TUI are wired in by their issues. */
		fprintf(stderr, "wiretop: live capture is not available in "
		    "this build yet (use -r FILE)\n");
		rc = 1;
	}
	options_free(&o);
	return rc;
}
