/* pcap output through libpcap, nanosecond timestamps. */
#include "config.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/dump.h"
#include "util.h"

struct dump {
	pcap_t		*dead;
	pcap_dumper_t	*dumper;
	char		*path;
};

struct dump *
dump_open(const char *path, int link, int snaplen, char **cause)
{
	struct dump *d;

	d = xcalloc(1, sizeof *d);
	d->dead = pcap_open_dead_with_tstamp_precision(link, snaplen,
	    PCAP_TSTAMP_PRECISION_NANO);
	if (d->dead == NULL) {
		*cause = xasprintf("cannot write %s: libpcap refused link "
		    "type %d", path, link);
		free(d);
		return NULL;
	}
	d->dumper = pcap_dump_open(d->dead, path);
	if (d->dumper == NULL) {
		*cause = xasprintf("cannot write %s: %s", path,
		    pcap_geterr(d->dead));
		pcap_close(d->dead);
		free(d);
		return NULL;
	}
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
	pcap_dump((u_char *)d->dumper, &h, data);
	if (ferror(pcap_dump_file(d->dumper))) {
		*cause = xasprintf("cannot write %s: %s", d->path,
		    strerror(errno));
		return -1;
	}
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
	free(d->path);
	free(d);
	return rc;
}
