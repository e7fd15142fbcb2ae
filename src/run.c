/*
 * The wiring of the four runs.  Each opens, as the user who started
 * wiretop, everything that needs that identity (the source, -w, the
 * terminal), then drops privileges before the first packet is decoded,
 * then hands the rest to the feeder: headless on this thread with the
 * printers as its tap, or on a thread of its own while the UI reads the
 * model.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/afpacket.h"
#include "output/dump.h"
#include "capture/iflist.h"
#include "capture/privs.h"
#include "capture/source.h"
#include "dfilter/rowfilter.h"
#include "feed/feed.h"
#include "filter.h"
#include "model/model.h"
#include "output/printer.h"
#include "output/stats.h"
#include "run.h"
#include "ui/ui.h"
#include "util.h"

/* Live with -w, the UI's index of the file keeps this many packets at
   least (128 MB of entries). */
#define RUN_LIVE_INDEX_MAX	((size_t)4 << 20)

/* What one run holds; run_close() frees what is set. */
struct run {
	const struct options	*o;
	bool			 live;
	struct source		*src;
	struct dump		*dump;
	struct model		*model;
	struct printer		*printer;
	struct feed		*feed;
	struct feed_tap		 tap;
	struct readback		*readback;	/* a file the UI indexes */
	struct model_backing	 backing;
	FILE			*stats_out;	/* --stats-file, or NULL */
	struct rowfilter	*flow_filter;	/* --flow-filter, for --stats */
};

/* The feeder a stop signal ends, and whether one came before it. */
static _Atomic(struct feed *) running;
static volatile sig_atomic_t stopped;

/* Stop the running feeder (or the one about to start). */
void
run_stop(void)
{
	struct feed *f;

	stopped = 1;
	if ((f = atomic_load(&running)) != NULL)
		feed_stop(f);
}

/* The exit status of a failure to open: 2 for a bad filter (usage). */
static int
open_status(const char *cause)
{
	return strncmp(cause, SOURCE_BAD_FILTER,
	    strlen(SOURCE_BAD_FILTER)) == 0 ? 2 : 1;
}

/* Open -i IFACE (or the default interface) with -f, -s, -B, -p. */
static struct source *
open_live(const struct options *o, char **cause)
{
	struct afpacket_config cfg;
	struct source *src;
	char *iface = NULL;

	memset(&cfg, 0, sizeof cfg);
	if ((cfg.iface = o->iface) == NULL) {
		if ((iface = iflist_default(cause)) == NULL)
			return NULL;
		cfg.iface = iface;
	}
	cfg.filter = o->capture_filter;
	cfg.snaplen = o->snaplen;
	cfg.buffer_mb = o->buffer_mb;
	cfg.promisc = o->promisc;
	src = source_open_live(&cfg, cause);
	free(iface);
	return src;
}

/* The -w file being written, read back by position for the UI: its
   header flushed, then opened to read as the user who started wiretop.
   NULL with *cause if it cannot be. */
static struct readback *
readback_dump(struct dump *d, const char *path, char **cause)
{
	struct readback *rb;
	int fd;

	if (dump_flush(d, cause) != 0)
		return NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		*cause = xasprintf("cannot read %s back: %s", path,
		    strerror(errno));
		return NULL;
	}
	rb = readback_open(fd, cause);
	close(fd);
	return rb;
}

/* --stats-file: path opened to write (replacing it; "-" is standard
   output); NULL with *cause. */
static FILE *
stats_file_open(const char *path, char **cause)
{
	FILE *f;

	if (strcmp(path, "-") == 0)
		return stdout;
	if ((f = fopen(path, "we")) == NULL) {
		*cause = xasprintf("cannot write %s: %s", path,
		    strerror(errno));
		return NULL;
	}
	return f;
}

/* Close the --stats-file (standard output: flush it); 0, or -1 with
   *cause when anything written to it failed. */
static int
stats_file_close(FILE *f, const char *path, char **cause)
{
	int failed = ferror(f), error = EIO;

	if ((f == stdout ? fflush(f) : fclose(f)) != 0) {
		failed = 1;
		error = errno;
	}
	if (!failed)
		return 0;
	*cause = xasprintf("cannot write %s: %s", path, strerror(error));
	return -1;
}

/*
 * Open the source, the model (tui: its ring keeps the frames for the UI
 * to read back) and -w.  0, or the exit status with the error printed.
 */
static int
run_open(struct run *r, const struct options *o, bool live, bool tui)
{
	struct model_config cfg;
	char *cause = NULL;

	memset(r, 0, sizeof *r);
	r->o = o;
	r->live = live;
	/* A bad --flow-filter is a usage error, found before any capture
	   (the TUI compiles it again for its flows view). */
	if (o->flow_filter != NULL && (r->flow_filter = rowfilter_compile(
	    o->flow_filter, ROWS_FLOWS, &cause)) == NULL)
		return complain(cause, 2);
	if (live)
		r->src = open_live(o, &cause);
	else
		r->src = source_open_file(o->read_file, o->capture_filter,
		    o->snaplen, &cause);
	if (r->src == NULL && stopped && !live) {
		free(cause);	/* stopped before the file's header came */
		return -1;
	}
	if (r->src == NULL)
		return complain(cause, open_status(cause));
	if (tui && o->display_filter != NULL) {
		/* The UI reports a filter typed later on its own line; one
		   given on the command line is a usage error. */
		struct filter *f = filter_new(o->display_filter,
		    source_link(r->src), source_snaplen(r->src), &cause);

		if (f == NULL)
			return complain(cause, 2);
		filter_free(f);
	}
	if (!tui) {
		r->printer = printer_new(o, source_link(r->src),
		    source_snaplen(r->src), stdout, &cause);
		if (r->printer == NULL)
			return complain(cause, 2);
	}
	if (o->write_file != NULL) {
		r->dump = dump_open(o->write_file, source_link(r->src),
		    source_snaplen(r->src), true, &cause);
		if (r->dump == NULL)
			return complain(cause, 1);
	}
	/* Opened as -w is: as the user who started wiretop. */
	if (o->stats_file != NULL &&
	    (r->stats_out = stats_file_open(o->stats_file, &cause)) == NULL)
		return complain(cause, 1);
	options_model_config(o, tui, &cfg);
	/* The UI browses a whole file by an index of its packets, their
	   bytes read back from the file; a pipe cannot be read again (the
	   ring then keeps the newest), nor a file cut with -s by position.
	   Live, the history is the -w file when there is one: its records
	   are indexed as they are written, so that everything captured can
	   be scrolled back to (within a bound of index entries; each costs
	   32 bytes). */
	if (tui && !live && o->snaplen >= SNAPLEN_MAX &&
	    source_file_fd(r->src) >= 0)
		r->readback = readback_open(source_file_fd(r->src), &cause);
	else if (tui && live && r->dump != NULL &&
	    strcmp(o->write_file, "-") != 0)
		r->readback = readback_dump(r->dump, o->write_file, &cause);
	if (r->readback != NULL) {
		r->backing.read = readback_read;
		r->backing.arg = r->readback;
		cfg.backing = &r->backing;
		if (live)
			cfg.index_max = RUN_LIVE_INDEX_MAX > cfg.ring_packets ?
			    RUN_LIVE_INDEX_MAX : cfg.ring_packets;
	}
	free(cause);
	cause = NULL;
	/* A file is a whole: every flow stays until --max-flows needs its
	   room (DESIGN.md: --stats lists all flows). */
	if (!live)
		cfg.flow_idle_ns = -1;
	if ((r->model = model_new(&cfg, &cause)) == NULL)
		return complain(cause, 1);
	return 0;
}

/* Drop privileges and make the feeder (which then owns the source and
   -w); 0 or the exit status. */
static int
run_feed(struct run *r, bool tui)
{
	struct feed_config fc;
	char *cause = NULL;

	/* Everything the user's identity opens is open: nothing decoded
	   so far, and nothing after this can regain a privilege
	   (capabilities are per thread: before any thread starts). */
	if (privs_drop(r->o->user, &cause) != 0)
		return complain(cause, 1);
	memset(&fc, 0, sizeof fc);
	fc.src = r->src;
	fc.model = r->model;
	fc.dump = r->dump;
	fc.tap = r->printer != NULL ? &r->tap : NULL;
	fc.live = r->live;
	fc.keep_bytes = tui && r->readback == NULL;
	fc.index_dump = r->live && r->readback != NULL;
	fc.count = r->o->count;
	fc.duration = r->live ? r->o->duration : 0;
	r->feed = feed_new(&fc);
	r->src = NULL;
	r->dump = NULL;
	atomic_store(&running, r->feed);
	if (stopped)
		feed_stop(r->feed);
	return 0;
}

/* --stats's flows: those --flow-filter matches, their age measured to
   the time run_close() says. */
struct run_flow_select {
	struct rowfilter	*rf;
	int64_t			 now_ns;
};

static bool
run_flow_keep(const struct flow_view *f, void *arg)
{
	struct run_flow_select *s = arg;

	return rowfilter_match_flow(s->rf, f, s->now_ns);
}

/*
 * The feeder has ended: close it (then -w), report its failure, warning
 * and the kernel's drops, print --stats, free the rest.  Returns status,
 * or 1 if something failed on the way.
 */
static int
run_close(struct run *r, int status)
{
	struct model_totals tot;
	struct run_flow_select fs;
	struct stats_select sel = { run_flow_keep, &fs }, *selp = NULL;
	FILE *stats_out = r->stats_out != NULL ? r->stats_out : stdout;
	char *cause = NULL, *warning = NULL;

	fflush(stdout);
	if (r->feed != NULL) {
		atomic_store(&running, NULL);
		if (feed_finish(r->feed, &cause, &warning) != 0)
			status = complain(cause, 1);
		/* The per-packet output ends before --stats follows it. */
		if (r->printer != NULL)
			printer_finish(r->printer);
		if (warning != NULL) {
			fprintf(stderr, "wiretop: warning: %s\n", warning);
			free(warning);
		}
		/* The feeder put the kernel's last count in the model. */
		model_lock(r->model);
		model_totals(r->model, &tot);
		model_unlock(r->model);
		if (r->live && tot.dropped > 0)
			fprintf(stderr, "wiretop: the kernel dropped %llu "
			    "packets (its ring was full; -B makes it "
			    "bigger)\n", (unsigned long long)tot.dropped);
		if (r->flow_filter != NULL) {
			/* A flow's age: to the newest packet of a file, to
			   the clock live. */
			fs.rf = r->flow_filter;
			fs.now_ns = r->live ? wall_ns() : tot.last_ns;
			if (fs.now_ns < tot.last_ns)
				fs.now_ns = tot.last_ns;
			selp = &sel;
		}
		if (r->printer != NULL && r->o->stats == STATS_JSON)
			stats_print_json(r->model, stats_out, selp);
		else if (r->printer != NULL && r->o->stats == STATS_TEXT)
			stats_print_text(r->model, stats_out, r->o->top, selp);
		fflush(stdout);
	}
	if (r->stats_out != NULL && stats_file_close(r->stats_out,
	    r->o->stats_file, &cause) != 0)
		status = complain(cause, 1);
	if (r->dump != NULL && dump_close(r->dump, &cause) != 0)
		free(cause);
	source_close(r->src);
	printer_free(r->printer);
	if (r->model != NULL)
		model_free(r->model);
	readback_close(r->readback);
	rowfilter_free(r->flow_filter);
	return status;
}

/* The printers as the feeder's tap. */
static void
tap_packet(void *arg, const struct frame_meta *m, const uint8_t *data,
    const struct pkt_info *pi)
{
	struct printer *p = arg;

	/* One decode serves the model and, with -P, the summary line. */
	printer_packet(p, m, data, printer_wants_info(p) ? pi : NULL);
}

/* The source waits for input: what was printed is shown now. */
static void
tap_idle(void *arg)
{
	(void)arg;
	fflush(stdout);
}

/* Headless, what the interface does is said on stderr. */
static void
tap_notice(void *arg, const char *text)
{
	(void)arg;
	fflush(stdout);
	fprintf(stderr, "wiretop: %s\n", text);
}

static bool
tap_failed(void *arg)
{
	return printer_failed(arg);
}

/* Headless: the feeder on this thread, the printers as its tap. */
static int
run_headless(const struct options *o, bool live)
{
	struct run r;
	int status;

	if ((status = run_open(&r, o, live, false)) != 0)
		return run_close(&r, status < 0 ? 0 : status);
	/* Without per-packet output the printers want only the notices. */
	r.tap.packet = printer_idle(r.printer) ? NULL : tap_packet;
	r.tap.notice = tap_notice;
	r.tap.idle = tap_idle;
	r.tap.failed = tap_failed;
	r.tap.want_info = printer_wants_info(r.printer);
	r.tap.want_bytes = !printer_idle(r.printer);
	r.tap.arg = r.printer;
	if ((status = run_feed(&r, false)) != 0)
		return run_close(&r, status);
	feed_run(r.feed);
	return run_close(&r, 0);
}

int
run_file_headless(const struct options *o)
{
	return run_headless(o, false);
}

int
run_live_headless(const struct options *o)
{
	return run_headless(o, true);
}

/* With the UI: the feeder on a thread of its own, the UI reading the
   model it fills (lossy: the UI never slows it). */
static int
run_tui(const struct options *o, bool live)
{
	struct run r;
	char *cause = NULL;
	int status;

	/* The terminal is opened as the caller, like the source. */
	if (ui_prepare(&cause) != 0 || ui_prepare_save(o, &cause) != 0)
		return complain(cause, 1);
	if ((status = run_open(&r, o, live, true)) != 0)
		return run_close(&r, status < 0 ? 0 : status);
	if ((status = run_feed(&r, true)) != 0)
		return run_close(&r, status);
	if (feed_start(r.feed, &cause) != 0)
		return run_close(&r, complain(cause, 1));
	/* A stop signal before the UI took them over ends the run. */
	status = stopped ? 0 : ui_run(o, r.model, r.feed);
	return run_close(&r, status);
}

int
run_file_tui(const struct options *o)
{
	return run_tui(o, false);
}

int
run_live_tui(const struct options *o)
{
	return run_tui(o, true);
}
