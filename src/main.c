/*
 * wiretop: options, signals and dispatch to one of the four runs (run.c).
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

#include "capture/iflist.h"
#include "capture/source.h"
#include "decode/field.h"
#include "options.h"
#include "run.h"
#include "util.h"

/* Written by the stop handler: a file source waiting for input polls the
   read end, so that a stalled pipe does not hold the stop back. */
static int stop_pipe[2] = { -1, -1 };

/* SIGINT, SIGTERM and (headless) SIGHUP: end the run cleanly. */
static void
on_stop_signal(int sig)
{
	int saved = errno;
	ssize_t n = 0;

	(void)sig;
	run_stop();
	if (stop_pipe[1] != -1)
		n = write(stop_pipe[1], "", 1);	/* full: already woken */
	(void)n;
	errno = saved;
}

static void
print_field_name(const struct field_def *f, void *arg)
{
	(void)arg;
	puts(f->name);
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
		rc = o.headless ? run_file_headless(&o) : run_file_tui(&o);
	else
		/* -i IFACE, or the default interface */
		rc = o.headless ? run_live_headless(&o) : run_live_tui(&o);
	options_free(&o);
	return rc;
}
