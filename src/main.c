/*
 * wiretop: options, wiring, signals and exit codes.
 *
 * Exit status: 0 success, 1 runtime failure (capture could not start, file
 * unreadable), 2 usage error.  Every failure is one line on stderr.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/dump.h"
#include "capture/iflist.h"
#include "capture/privs.h"
#include "capture/source.h"
#include "decode/dissect.h"
#include "live.h"
#include "model/model.h"
#include "options.h"
#include "output/printer.h"
#include "output/stats.h"
#include "feed/readahead.h"
#include "ui/ui.h"
#include "util.h"


/* Everything one headless file run needs, shared with the callback. */
struct run {
	const struct options	*o;
	struct model		*model;
	struct printer		*printer;
	struct dump		*dump;
	bool			 stop;
	char			*failure;	/* a write error, malloc'd */
};

static volatile sig_atomic_t stop_signal;
/* Written by the stop handler: a file source waiting for input polls the
   read end, so that a stalled pipe does not hold the stop back. */
static int stop_pipe[2] = { -1, -1 };

/* SIGINT, SIGTERM and (headless) SIGHUP: end the run cleanly. */
static void
on_stop_signal(int sig)
{
	int saved = errno;
	ssize_t n = 0;

	stop_signal = sig;
	if (stop_pipe[1] != -1)
		n = write(stop_pipe[1], "", 1);	/* full: already woken */
	(void)n;
	errno = saved;
}

/* Print "wiretop: <cause>", free it, and return status. */
static int
complain(char *cause, int status)
{
	fprintf(stderr, "wiretop: %s\n", cause);
	free(cause);
	return status;
}

/* Add one packet, decoded ahead, to the model, save and print it. */
static void
on_packet(struct run *r, const struct ra_packet *p)
{
	model_add(r->model, &p->m, p->data, &p->pi);
	if (r->dump != NULL && r->failure == NULL &&
	    dump_write(r->dump, &p->m, p->data, &r->failure) != 0)
		r->stop = true;
	/* One decode serves the model and, with -P, the summary line. */
	printer_packet(r->printer, &p->m, p->data,
	    printer_wants_info(r->printer) ? &p->pi : NULL);
	if (r->o->count != 0 && p->m.number >= r->o->count)
		r->stop = true;
}

static void
print_field_name(const struct field_def *f, void *arg)
{
	(void)arg;
	puts(f->name);
}

/* Read a capture file through the model and the headless printers. */
static int
run_file(const struct options *o)
{
	struct model_config cfg;
	struct source *src;
	struct readahead *ra;
	const struct ra_packet *batch;
	struct run r;
	char *cause = NULL;
	size_t n, i;
	int status = 0;

	memset(&r, 0, sizeof r);
	r.o = o;
	src = source_open_file(o->read_file, o->capture_filter, o->snaplen,
	    &cause);
	if (src == NULL && stop_signal) {
		free(cause);	/* stopped before the file's header came */
		return 0;
	}
	if (src == NULL)
		return complain(cause, strncmp(cause, SOURCE_BAD_FILTER,
		    strlen(SOURCE_BAD_FILTER)) == 0 ? 2 : 1);
	r.printer = printer_new(o, source_link(src), source_snaplen(src),
	    stdout, &cause);
	if (r.printer == NULL) {
		source_close(src);
		return complain(cause, 2);
	}
	/* Headless, packets are printed as they are read: nobody looks
	   back into the ring. */
	options_model_config(o, false, &cfg);
	/* A file is a whole: every flow stays until --max-flows needs its
	   room (DESIGN.md: --stats lists all flows). */
	cfg.flow_idle_ns = -1;
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

	/* The file and -w are open: drop privileges before the first packet
	   is decoded, as a live start does (and before the read-ahead
	   thread: capabilities are per thread). */
	if (privs_drop(o->user, &cause) != 0) {
		status = complain(cause, 1);
		goto out;
	}
	/* Only the printers and -w read a packet's bytes after its decode. */
	ra = readahead_start(src, printer_wants_info(r.printer),
	    !printer_idle(r.printer) || r.dump != NULL, o->count, &cause);
	if (ra == NULL) {
		status = complain(cause, 1);
		goto out;
	}
	/* After a stop signal the reader ends at its next packet or wait;
	   what it has read is still saved, printed and counted. */
	while (!r.stop && (batch = readahead_next(ra, &n)) != NULL) {
		model_batch_begin(r.model);
		for (i = 0; i < n && !r.stop; i++)
			on_packet(&r, &batch[i]);
		model_batch_end(r.model);
		if (printer_failed(r.printer))
			break;	/* a closed pipe: nobody reads any more */
		if (stop_signal)
			source_interrupt(src);
		/* A slow or stalled source: show what it gave meanwhile. */
		if (!readahead_ready(ra))
			fflush(stdout);
	}
	readahead_stop(ra);
	fflush(stdout);
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
	printer_free(r.printer);
	if (r.dump != NULL)
		dump_close(r.dump, &cause);
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
	if (o.list_ifaces) {
		rc = iflist_print(stdout, &cause) == 0 ? 0 : complain(cause, 1);
		options_free(&o);
		return rc;
	}
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, on_stop_signal);
	signal(SIGTERM, on_stop_signal);
	/* Headless, a hangup is one more way to ask for a clean stop; the
	   TUI installs its own handlers. */
	if (o.headless) {
		if (pipe2(stop_pipe, O_CLOEXEC | O_NONBLOCK) == 0)
			source_set_stop_fd(stop_pipe[0]);
		signal(SIGHUP, on_stop_signal);
	}

	if (o.read_file != NULL)
		rc = o.headless ? run_file(&o) : ui_run_file(&o);
	else
		/* -i IFACE, or the default interface */
		rc = o.headless ? run_live(&o) : ui_run_live(&o);
	options_free(&o);
	return rc;
}
