/*
 * Capture files (pcap and pcapng, micro- and nanosecond) through libpcap,
 * handed over in batches of SOURCE_FILE_BATCH packets.  libpcap's own
 * messages are turned into one line that names the file and the problem.
 */
#include "config.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/source.h"
#include "util.h"

struct pcapfile {
	pcap_t		*pcap;
	bool		 pcap32;	/* classic pcap: 32-bit seconds */
	char		 ifname[64];	/* pcapng's one interface, or "" */
	uint64_t	 received;
	int		 snaplen;	/* -s: bytes handed over at most */
	bool		 done;
};

/* Read a little-endian or big-endian 16/32-bit value from p. */
static uint32_t
get_u32(const uint8_t *p, bool big)
{
	return big ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3] : (uint32_t)p[3] << 24 |
	    (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint16_t
get_u16(const uint8_t *p, bool big)
{
	return big ? (uint16_t)(p[0] << 8 | p[1]) : (uint16_t)(p[1] << 8 | p[0]);
}

/*
 * The name of a pcapng file's interface (its if_name option, or "unknown"
 * without one), read from the blocks before the first packet: libpcap does
 * not pass it on.  Only a file with exactly one interface gets a name,
 * since libpcap does not say which interface a packet came from.  Reads at
 * most PCAPNG_SCAN bytes; every length is checked against what was read.
 */
#define PCAPNG_SCAN	(1 << 20)
#define READ_BUFFER	(1 << 20)	/* stdio buffer of the capture file */

static void
pcapng_ifname(const char *path, char *name, size_t size)
{
	uint8_t *buf;
	size_t n, off = 0, nidb = 0;
	bool big = false;
	FILE *f;

	name[0] = '\0';
	if (strcmp(path, "-") == 0 || (f = fopen(path, "rb")) == NULL)
		return;
	buf = xmalloc(PCAPNG_SCAN);
	n = fread(buf, 1, PCAPNG_SCAN, f);
	fclose(f);
	if (n < 12 || get_u32(buf, false) != 0x0a0d0d0a) {
		free(buf);
		return;
	}
	big = get_u32(buf + 8, true) == 0x1a2b3c4d;
	while (off + 12 <= n) {
		uint32_t type = get_u32(buf + off, big);
		uint32_t len = get_u32(buf + off + 4, big);
		size_t o;

		if (len < 12 || len > n - off || (len & 3) != 0)
			break;
		if (type == 2 || type == 3 || type == 6)
			break;		/* packets: the interfaces came before */
		if (type == 1 && ++nidb == 1 && len >= 20) {
			snprintf(name, size, "unknown");
			/* Options after link type, reserved, snaplen. */
			for (o = off + 16; o + 4 <= off + len - 4; ) {
				uint16_t code = get_u16(buf + o, big);
				uint16_t olen = get_u16(buf + o + 2, big);

				if (code == 0 || olen > off + len - 4 - o - 4)
					break;
				if (code == 2) {
					snprintf(name, size, "%.*s", (int)olen,
					    (const char *)buf + o + 4);
					break;
				}
				o += 4 + ((size_t)olen + 3) / 4 * 4;
			}
		}
		off += len;
	}
	if (nidb != 1)
		name[0] = '\0';
	free(buf);
}

/* Rewrite a libpcap open/read message as wiretop's one-line cause. */
static char *
explain(const char *path, const char *msg, uint64_t good)
{
	const char *name = strcmp(path, "-") == 0 ? "standard input" : path;

	if (strstr(msg, "unknown file format") != NULL)
		return xasprintf("cannot read %s: not a pcap or pcapng capture "
		    "file", name);
	if (strstr(msg, "only got 0") != NULL && strstr(msg, "file header")
	    != NULL)
		return xasprintf("cannot read %s: the file is empty (not a pcap "
		    "or pcapng capture)", name);
	if (strstr(msg, "truncated") != NULL)
		return xasprintf("%s is cut short after %llu good packets (%s)",
		    name, (unsigned long long)good, msg);
	if (strstr(msg, "bigger than") != NULL ||
	    strstr(msg, "invalid") != NULL)
		return xasprintf("cannot read %s: corrupt record after %llu "
		    "good packets (%s)", name, (unsigned long long)good, msg);
	return xasprintf("cannot read %s: %s", name, msg);
}

static int
pcapfile_next_batch(struct source *s, source_packet_fn fn, void *arg,
    int timeout_ms)
{
	struct pcapfile *pf = s->impl;
	struct pcap_pkthdr *h;
	struct frame_meta m;
	const u_char *data;
	char *why;
	int n = 0, rc;

	(void)timeout_ms;
	if (pf->done)
		return -1;
	memset(&m, 0, sizeof m);
	m.link = s->link;
	while (n < SOURCE_FILE_BATCH) {
		rc = pcap_next_ex(pf->pcap, &h, &data);
		if (rc == PCAP_ERROR_BREAK) {
			pf->done = true;
			break;
		}
		if (rc < 0) {
			pf->done = true;
			why = explain(s->name, pcap_geterr(pf->pcap),
			    pf->received);
			/* A file cut short keeps its good packets: warn. */
			if (strstr(pcap_geterr(pf->pcap), "truncated") != NULL
			    && pf->received > 0)
				snprintf(s->warning, sizeof s->warning, "%s",
				    why);
			else
				snprintf(s->error, sizeof s->error, "%s", why);
			free(why);
			break;
		}
		if (rc == 0)
			continue;
		m.ts_sec = (int64_t)h->ts.tv_sec;
		/* Classic pcap stores unsigned 32-bit seconds; libpcap hands
		   times after 2038 over as negative. */
		if (pf->pcap32 && m.ts_sec < 0)
			m.ts_sec += (int64_t)1 << 32;
		m.ifname = pf->ifname[0] != '\0' ? pf->ifname : NULL;
		/* Opened with nanosecond precision: tv_usec holds ns. */
		m.ts_nsec = (uint32_t)h->ts.tv_usec;
		m.caplen = h->caplen;
		if (m.caplen > (uint32_t)pf->snaplen)
			m.caplen = (uint32_t)pf->snaplen;
		m.wirelen = h->len < h->caplen ? h->caplen : h->len;
		pf->received++;
		n++;
		fn(arg, &m, data);
	}
	if (n == 0 && s->error[0] != '\0')
		return -2;
	return n > 0 ? n : -1;
}

static void
pcapfile_stats(struct source *s, struct source_stats *st)
{
	struct pcapfile *pf = s->impl;

	st->received = pf->received;
	st->dropped = 0;
}

static void
pcapfile_close(struct source *s)
{
	struct pcapfile *pf = s->impl;

	if (pf->pcap != NULL)
		pcap_close(pf->pcap);
	free(pf);
}

static const struct source_ops pcapfile_ops = {
	pcapfile_next_batch, pcapfile_stats, pcapfile_close
};

struct source *
source_open_file(const char *path, const char *filter, int snaplen,
    char **cause)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	struct bpf_program prog;
	struct pcapfile *pf;
	struct source *s;
	pcap_t *p;
	FILE *f;

	/* Our own stream, for a bigger buffer than stdio's 4 KB: a large
	   capture is then read in a few hundred system calls, not in a
	   hundred thousand.  libpcap closes it with the pcap_t. */
	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "rb")) == NULL) {
		*cause = explain(path, strerror(errno), 0);
		return NULL;
	}
	setvbuf(f, NULL, _IOFBF, READ_BUFFER);
	p = pcap_fopen_offline_with_tstamp_precision(f,
	    PCAP_TSTAMP_PRECISION_NANO, errbuf);
	if (p == NULL) {
		if (f != stdin)
			fclose(f);
		*cause = explain(path, errbuf, 0);
		return NULL;
	}
	if (filter != NULL) {
		if (pcap_compile(p, &prog, filter, 1, PCAP_NETMASK_UNKNOWN)
		    != 0) {
			*cause = xasprintf("bad filter expression '%s': %s",
			    filter, pcap_geterr(p));
			pcap_close(p);
			return NULL;
		}
		if (pcap_setfilter(p, &prog) != 0) {
			*cause = xasprintf("cannot apply filter '%s': %s",
			    filter, pcap_geterr(p));
			pcap_freecode(&prog);
			pcap_close(p);
			return NULL;
		}
		pcap_freecode(&prog);
	}
	pf = xcalloc(1, sizeof *pf);
	pf->pcap = p;
	pcapng_ifname(path, pf->ifname, sizeof pf->ifname);
	/* libpcap reads pcapng as major version 1, classic pcap as 2. */
	pf->pcap32 = pcap_major_version(p) == 2;
	pf->snaplen = snaplen > 0 ? snaplen : 262144;
	s = xcalloc(1, sizeof *s);
	s->ops = &pcapfile_ops;
	s->impl = pf;
	s->link = pcap_datalink(p);
	s->snaplen = pcap_snapshot(p);
	if (s->snaplen <= 0 || s->snaplen > pf->snaplen)
		s->snaplen = pf->snaplen;
	snprintf(s->name, sizeof s->name, "%s",
	    strcmp(path, "-") == 0 ? "standard input" : path);
	return s;
}
