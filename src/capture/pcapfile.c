/*
 * Capture files (pcap and pcapng, micro- and nanosecond) through libpcap,
 * handed over in batches of SOURCE_FILE_BATCH packets.  libpcap's own
 * messages are turned into one line that names the file and the problem.
 *
 * The file is opened once and read once, through a stdio stream of our
 * own (fopencookie) so that a pipe, a FIFO or /dev/stdin works like a
 * file: nothing is read twice, since a pipe cannot be.  The stream's read
 * function waits for input with poll(), calls the source's idle hook
 * every SOURCE_IDLE_MS without any, and ends the stream (EOF) once the
 * source is interrupted or the stop descriptor is readable.  It also
 * keeps a copy of a pcapng file's first PCAPNG_SCAN bytes, from which the
 * interface name is read when the first packet arrives.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture/fileorder.h"
#include "capture/source.h"
#include "decode/wtime.h"
#include "escape.h"
#include "util.h"

#define PCAPNG_SCAN	(1 << 20)	/* bytes kept for the interface name */
#define READ_BUFFER	(1 << 20)	/* stdio buffer of the capture file */
#define IFNAME_RAW	256		/* if_name bytes looked at, at most */

struct pcapfile {
	pcap_t		*pcap;
	struct source	*s;
	int		 fd;		/* the capture; closed with the stream */
	bool		 wait;		/* not a regular file: poll() first */
	bool		 stopped;	/* the stream ended for a stop */
	char		*iobuf;		/* the stream's buffer */
	uint8_t		*head;		/* a pcapng file's first bytes, or NULL */
	size_t		 head_len;
	bool		 pcap32;	/* classic pcap: 32-bit seconds */
	char		 ifname[IFNAME_RAW];	/* escaped, or "" */
	uint8_t		 ts_res;	/* of the time stamps (wtime.h) */
	uint64_t	 received;
	int		 snaplen;	/* -s: bytes handed over at most */
	bool		 done;
	FILE		*stream;	/* ours, libpcap reads it */
	uint64_t	 pos;		/* bytes the stream has read */
	bool		 regular;	/* a regular file: read back by
					   position (file_pos) */
	struct bpf_program prog;	/* -f, applied here: libpcap's own
					   filter would skip records inside
					   pcap_next_ex(), hiding where the
					   one it returns starts */
	bool		 filtering;
};

static const struct source_ops pcapfile_ops;

/* Readable once every file source is to stop (a signal's self-pipe). */
static int stop_fd = -1;

/* Set the descriptor that ends every file source; see source.h. */
void
source_set_stop_fd(int fd)
{
	stop_fd = fd;
}

/*
 * The name of a pcapng file's interface (its if_name option, or "unknown"
 * without one), read from the blocks before the first packet: libpcap does
 * not pass it on.  Only a file with exactly one interface gets a name,
 * since libpcap does not say which interface a packet came from.  buf
 * holds the first n bytes of the file (at most PCAPNG_SCAN); every length
 * is checked against them.  The name comes from the file: it is escaped.
 * *res gets the first interface's time stamp resolution (its if_tsresol,
 * microseconds without one), which tshark shows times with.
 */
static void
pcapng_ifname(const uint8_t *buf, size_t n, char *name, size_t size,
    uint8_t *res)
{
	char raw[IFNAME_RAW];
	size_t off = 0, nidb = 0;
	bool big = false;

	name[0] = '\0';
	raw[0] = '\0';
	if (n < 12 || file_u32(buf, false) != 0x0a0d0d0a)
		return;
	big = file_u32(buf + 8, true) == 0x1a2b3c4d;
	while (off + 12 <= n) {
		uint32_t type = file_u32(buf + off, big);
		uint32_t len = file_u32(buf + off + 4, big);
		size_t o;

		if (len < 12 || len > n - off || (len & 3) != 0)
			break;
		if (type == 2 || type == 3 || type == 6)
			break;		/* packets: the interfaces came before */
		if (type == 1 && ++nidb == 1 && len >= 20) {
			snprintf(raw, sizeof raw, "unknown");
			*res = WTIME_RES(6);
			/* Options after link type, reserved, snaplen. */
			for (o = off + 16; o + 4 <= off + len - 4; ) {
				uint16_t code = file_u16(buf + o, big);
				uint16_t olen = file_u16(buf + o + 2, big);

				if (code == 0 || olen > off + len - 4 - o - 4)
					break;
				if (code == 2)
					snprintf(raw, sizeof raw, "%.*s",
					    (int)olen, (const char *)buf + o + 4);
				if (code == 9 && olen >= 1)
					*res = wtime_res_tsresol(buf[o + 4]);
				o += 4 + ((size_t)olen + 3) / 4 * 4;
			}
		}
		off += len;
	}
	if (nidb == 1 && raw[0] != '\0')
		escape_str(name, size, raw);
}

/*
 * The stream's read: wait for input (not for a regular file, which is
 * always ready), calling the idle hook every SOURCE_IDLE_MS, then one
 * read().  0 (the end) once the source is told to stop.
 */
static ssize_t
pcapfile_read(void *cookie, char *buf, size_t size)
{
	struct pcapfile *pf = cookie;
	struct source *s = pf->s;
	struct pollfd pfd[2];
	ssize_t n;
	size_t keep;
	int rc;

	for (;;) {
		if (s != NULL && atomic_load_explicit(&s->interrupted,
		    memory_order_relaxed)) {
			pf->stopped = true;
			return 0;
		}
		if (pf->wait) {
			pfd[0].fd = pf->fd;
			pfd[0].events = POLLIN;
			pfd[1].fd = stop_fd;
			pfd[1].events = POLLIN;
			pfd[0].revents = pfd[1].revents = 0;
			rc = poll(pfd, stop_fd >= 0 ? 2 : 1, SOURCE_IDLE_MS);
			if (rc < 0 && errno != EINTR)
				return -1;
			if (stop_fd >= 0 && pfd[1].revents != 0) {
				pf->stopped = true;
				return 0;
			}
			if (rc <= 0) {
				if (rc == 0 && s != NULL && s->idle_fn != NULL)
					s->idle_fn(s->idle_arg);
				continue;
			}
		}
		n = read(pf->fd, buf, size);
		if (n >= 0) {
			pf->pos += (uint64_t)n;
			break;
		}
		if (errno != EINTR && errno != EAGAIN)
			return -1;
		/* A descriptor left non-blocking: poll() before the next
		   try. */
		pf->wait = true;
	}
	/* A pcapng file's first bytes, for its interface name. */
	if (pf->head != NULL && n > 0) {
		keep = PCAPNG_SCAN - pf->head_len;
		if (keep > (size_t)n)
			keep = (size_t)n;
		memcpy(pf->head + pf->head_len, buf, keep);
		pf->head_len += keep;
		if (pf->head_len >= 4 && file_u32(pf->head, false) !=
		    0x0a0d0d0a) {
			/* Classic pcap: its magic says micro- or
			   nanoseconds. */
			if (file_u32(pf->head, false) == 0xa1b23c4d ||
			    file_u32(pf->head, true) == 0xa1b23c4d)
				pf->ts_res = WTIME_RES(9);
			free(pf->head);
			pf->head = NULL;
		}
	}
	return n;
}

/* The stream's close: the descriptor, unless it is standard input. */
static int
pcapfile_fclose(void *cookie)
{
	struct pcapfile *pf = cookie;

	if (pf->fd != STDIN_FILENO)
		close(pf->fd);
	pf->fd = -1;
	return 0;
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

/*
 * Where the stream stands in the file: the bytes read less those still in
 * its buffer.  Right before pcap_next_ex() that is where the record it
 * returns starts (in pcapng, perhaps at blocks before it that are not
 * packets), which is how the packet is found again (frame_meta.file_pos).
 * Only glibc's stdio says what its buffer holds; elsewhere 0 (unknown).
 */
static uint64_t
stream_pos(const struct pcapfile *pf)
{
#ifdef __GLIBC__
	const FILE *f = pf->stream;

	if (pf->regular && f != NULL && f->_IO_read_end >= f->_IO_read_ptr)
		return pf->pos - (uint64_t)(f->_IO_read_end - f->_IO_read_ptr);
#else
	(void)pf;
#endif
	return 0;
}

/* The descriptor of a capture file that can be read by position (a
   regular file), else -1 (standard input, a pipe, an interface). */
int
source_file_fd(const struct source *s)
{
	const struct pcapfile *pf;

	if (s->ops != &pcapfile_ops)
		return -1;
	pf = s->impl;
	return pf->regular && stream_pos(pf) != 0 ? pf->fd : -1;
}

static int
pcapfile_next_batch(struct source *s, source_packet_fn fn, void *arg,
    int timeout_ms)
{
	struct pcapfile *pf = s->impl;
	struct pcap_pkthdr *h;
	struct frame_meta m;
	const u_char *data;
	uint64_t start;
	char *why;
	int n = 0, rc;

	(void)timeout_ms;
	if (atomic_load_explicit(&s->interrupted, memory_order_relaxed))
		pf->done = true;
	if (pf->done)
		return -1;
	memset(&m, 0, sizeof m);
	m.link = s->link;
	while (n < SOURCE_FILE_BATCH) {
		start = stream_pos(pf);
		rc = pcap_next_ex(pf->pcap, &h, &data);
		if (rc == PCAP_ERROR_BREAK || (rc < 0 && pf->stopped)) {
			pf->done = true;	/* the end, or a stop */
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
		if (rc == 0 || (pf->filtering &&
		    pcap_offline_filter(&pf->prog, h, data) == 0))
			continue;
		/* Everything before the first packet has been read now. */
		if (pf->head != NULL) {
			pcapng_ifname(pf->head, pf->head_len, pf->ifname,
			    sizeof pf->ifname, &pf->ts_res);
			free(pf->head);
			pf->head = NULL;
		}
		m.ts_sec = (int64_t)h->ts.tv_sec;
		/* Classic pcap stores unsigned 32-bit seconds; libpcap hands
		   times after 2038 over as negative. */
		if (pf->pcap32 && m.ts_sec < 0)
			m.ts_sec += (int64_t)1 << 32;
		m.ifname = pf->ifname[0] != '\0' ? pf->ifname : NULL;
		m.ts_res = pf->ts_res;
		/* Opened with nanosecond precision: tv_usec holds ns. */
		m.ts_nsec = (uint32_t)h->ts.tv_usec;
		m.caplen = h->caplen;
		if (m.caplen > (uint32_t)pf->snaplen)
			m.caplen = (uint32_t)pf->snaplen;
		m.wirelen = h->len < h->caplen ? h->caplen : h->len;
		m.file_pos = start;
		pf->received++;
		n++;
		fn(arg, &m, data);
		/* -c reached, or told to stop: no wait for more input. */
		if (atomic_load_explicit(&s->interrupted,
		    memory_order_relaxed))
			pf->done = true;
		if (s->brk || pf->done)
			break;
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
		pcap_close(pf->pcap);	/* closes the stream, then the fd */
	else if (pf->fd >= 0 && pf->fd != STDIN_FILENO)
		close(pf->fd);
	if (pf->filtering)
		pcap_freecode(&pf->prog);
	free(pf->iobuf);
	free(pf->head);
	free(pf);
}

static const struct source_ops pcapfile_ops = {
	pcapfile_next_batch, pcapfile_stats, pcapfile_close
};

/*
 * Open path ("-": standard input) as a stream of our own over one
 * descriptor (see the top of the file); NULL with errno set on failure.
 */
static FILE *
pcapfile_stream(struct pcapfile *pf, const char *path)
{
	cookie_io_functions_t io = { pcapfile_read, NULL, NULL,
	    pcapfile_fclose };
	struct stat st;
	FILE *f;

	if (strcmp(path, "-") == 0)
		pf->fd = STDIN_FILENO;
	else if ((pf->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	pf->wait = fstat(pf->fd, &st) != 0 || !S_ISREG(st.st_mode);
	pf->regular = !pf->wait;
	if (pf->regular)
		pf->s->size = (uint64_t)st.st_size;
	pf->head = xmalloc(PCAPNG_SCAN);
	if ((f = fopencookie(pf, "rb", io)) == NULL)
		return NULL;
	/* A bigger buffer than stdio's 4 KB: a large capture is then read
	   in a few hundred system calls, not in a hundred thousand. */
	pf->iobuf = xmalloc(READ_BUFFER);
	setvbuf(f, pf->iobuf, _IOFBF, READ_BUFFER);
	pf->stream = f;
	return f;
}

struct source *
source_open_file(const char *path, const char *filter, int snaplen,
    char **cause)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	struct pcapfile *pf;
	struct source *s;
	pcap_t *p;
	FILE *f;

	pf = xcalloc(1, sizeof *pf);
	s = xcalloc(1, sizeof *s);
	pf->s = s;
	pf->fd = -1;
	s->ops = &pcapfile_ops;
	s->impl = pf;
	if ((f = pcapfile_stream(pf, path)) == NULL) {
		*cause = explain(path, strerror(errno), 0);
		source_close(s);
		return NULL;
	}
	/* libpcap closes the stream with the pcap_t. */
	p = pcap_fopen_offline_with_tstamp_precision(f,
	    PCAP_TSTAMP_PRECISION_NANO, errbuf);
	if (p == NULL) {
		fclose(f);
		*cause = explain(path, errbuf, 0);
		source_close(s);
		return NULL;
	}
	pf->pcap = p;
	if (filter != NULL) {
		if (pcap_compile(p, &pf->prog, filter, 1, PCAP_NETMASK_UNKNOWN)
		    != 0) {
			*cause = xasprintf("bad filter expression '%s': %s",
			    filter, pcap_geterr(p));
			source_close(s);
			return NULL;
		}
		pf->filtering = true;
	}
	/* libpcap reads pcapng as major version 1, classic pcap as 2. */
	pf->pcap32 = pcap_major_version(p) == 2;
	pf->snaplen = snaplen > 0 ? snaplen : SNAPLEN_MAX;
	s->link = pcap_datalink(p);
	s->snaplen = pcap_snapshot(p);
	if (s->snaplen <= 0 || s->snaplen > pf->snaplen)
		s->snaplen = pf->snaplen;
	snprintf(s->name, sizeof s->name, "%s",
	    strcmp(path, "-") == 0 ? "standard input" : path);
	return s;
}
