/*
 * Writing pcap files, an output: -w (through the feeder) and the TUI's
 * save both use it.  libpcap writes, nanosecond timestamps.
 *
 * The file never ends inside a record: its stdio buffer (DUMP_BUFFER, a
 * file of ours) has room for the biggest record, and it is flushed before
 * a record that would not fit, so every write() ends on a record's end.
 * A run stopped at any point (a signal handled, a write error) leaves a
 * whole pcap behind.  "-" (standard output) keeps stdout's own buffer.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output/dump.h"
#include "util.h"

#define DUMP_RECORD	16		/* a record's header */
#define DUMP_BUFFER	(1u << 20)	/* room for the biggest record */
_Static_assert(DUMP_BUFFER >= DUMP_RECORD + SNAPLEN_MAX,
    "DUMP_BUFFER holds a record of SNAPLEN_MAX bytes");

struct dump {
	pcap_t		*dead;
	pcap_dumper_t	*dumper;
	char		*path;
	char		*buf;		/* the stream's buffer, or NULL ("-") */
	size_t		 pending;	/* bytes in it */
	uint64_t	 written;	/* bytes of the file so far, buffered
					   ones too */
};

/* Open the file with a buffer of ours (replacing one that exists only
   if replace); NULL with errno on failure. */
static FILE *
dump_fopen(struct dump *d, const char *path, bool replace)
{
	FILE *f;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC |
	    (replace ? O_TRUNC : O_EXCL | O_NOFOLLOW), 0666);
	if (fd < 0)
		return NULL;
	if ((f = fdopen(fd, "wb")) == NULL) {
		close(fd);
		return NULL;
	}
	d->buf = xmalloc(DUMP_BUFFER);
	setvbuf(f, d->buf, _IOFBF, DUMP_BUFFER);
	return f;
}

struct dump *
dump_open(const char *path, int link, int snaplen, bool replace,
    char **cause)
{
	struct dump *d;
	FILE *f;

	d = xcalloc(1, sizeof *d);
	d->dead = pcap_open_dead_with_tstamp_precision(link, snaplen,
	    PCAP_TSTAMP_PRECISION_NANO);
	if (d->dead == NULL) {
		*cause = xasprintf("cannot write %s: libpcap refused link "
		    "type %d", path, link);
		free(d);
		return NULL;
	}
	if (strcmp(path, "-") == 0)
		d->dumper = pcap_dump_open(d->dead, path);
	else if ((f = dump_fopen(d, path, replace)) == NULL) {
		*cause = xasprintf("cannot write %s: %s", path,
		    strerror(errno));
		pcap_close(d->dead);
		free(d->buf);
		free(d);
		return NULL;
	} else if ((d->dumper = pcap_dump_fopen(d->dead, f)) == NULL)
		fclose(f);
	if (d->dumper == NULL) {
		*cause = xasprintf("cannot write %s: %s", path,
		    pcap_geterr(d->dead));
		pcap_close(d->dead);
		free(d->buf);
		free(d);
		return NULL;
	}
	d->pending = 24;	/* the file header */
	d->written = 24;
	d->path = xstrdup(path);
	return d;
}

int
dump_write(struct dump *d, const struct frame_meta *m, const uint8_t *data,
    char **cause)
{
	struct pcap_pkthdr h;

	memset(&h, 0, sizeof h);
	h.ts.tv_sec = (time_t)m->ts_sec;
	/* With nanosecond precision libpcap reads tv_usec as nanoseconds. */
	h.ts.tv_usec = (suseconds_t)m->ts_nsec;
	h.caplen = m->caplen;
	h.len = m->wirelen;
	/* Whole records only reach the file (see the top). */
	if (d->buf != NULL && d->pending + DUMP_RECORD + h.caplen >
	    DUMP_BUFFER) {
		if (pcap_dump_flush(d->dumper) != 0)
			goto fail;
		d->pending = 0;
	}
	d->pending += DUMP_RECORD + h.caplen;
	d->written += DUMP_RECORD + h.caplen;
	pcap_dump((u_char *)d->dumper, &h, data);
	if (ferror(pcap_dump_file(d->dumper)))
		goto fail;
	return 0;
fail:
	*cause = xasprintf("cannot write %s: %s", d->path, strerror(errno));
	return -1;
}

uint64_t
dump_offset(const struct dump *d)
{
	return d->written;
}

int
dump_flush(struct dump *d, char **cause)
{
	if (d->pending == 0)
		return 0;
	if (pcap_dump_flush(d->dumper) != 0) {
		*cause = xasprintf("cannot write %s: %s", d->path,
		    strerror(errno));
		return -1;
	}
	d->pending = 0;
	return 0;
}

int
dump_close(struct dump *d, char **cause)
{
	int rc = 0;

	if (d == NULL)
		return 0;
	if (pcap_dump_flush(d->dumper) != 0 ||
	    ferror(pcap_dump_file(d->dumper))) {
		*cause = xasprintf("cannot write %s: %s", d->path,
		    strerror(errno));
		rc = -1;
	}
	pcap_dump_close(d->dumper);
	pcap_close(d->dead);
	free(d->buf);
	free(d->path);
	free(d);
	return rc;
}
