/*
 * Packets read back from a capture file by position: the UI indexes a
 * whole file (src/model/index.h) and reads a packet's bytes again when a
 * row, the detail pane, a stream or a save needs them.  The position is
 * where the record starts (frame_meta.file_pos); the record there is
 * checked before anything is copied, so a wrong position reads nothing
 * rather than the wrong bytes.
 *
 *   pcap    [16-byte header: ts, incl_len, orig_len][incl_len bytes]
 *           (24 bytes for the modified format, incl_len at the same
 *           place, orig_len's before version 2.3): its time must be the
 *           packet's, incl_len at least the bytes kept (libpcap cuts a
 *           record to the file's snap length).
 *   pcapng  blocks that are not packets (interfaces, names, statistics,
 *           a new section, types nobody knows) are stepped over, as
 *           libpcap does, to the packet's: an Enhanced
 *           (6) or obsolete Packet (2) block has its data at +28, a
 *           Simple (3) at +12; every block's trailing length must repeat
 *           its length.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/fileorder.h"
#include "capture/source.h"
#include "util.h"

/* Blocks that are not packets stepped over, at most (a packet's position
   is right before them: an interface, names, statistics). */
#define READBACK_MAX_BLOCKS	64

enum rb_format {
	RB_PCAP,
	RB_PCAPNG
};

struct readback {
	int		 fd;
	enum rb_format	 format;
	bool		 big;		/* pcap, or pcapng's first section:
					   big-endian */
	bool		 nsec;		/* pcap: nanosecond times */
	enum {
		LENGTHS_RIGHT,
		LENGTHS_SWAPPED,	/* before 2.3: caplen and len */
		LENGTHS_MAYBE		/* 2.3: swapped if caplen > len */
	}		 lengths;	/* pcap: as libpcap reads them */
	size_t		 hdr_len;	/* pcap: a record header's bytes */
};

/* Read exactly n bytes at off; false on a short read or an error. */
static bool
read_at(int fd, void *buf, size_t n, uint64_t off)
{
	uint8_t *p = buf;
	ssize_t r;

	while (n > 0) {
		r = pread(fd, p, n, (off_t)off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		p += r;
		n -= (size_t)r;
		off += (uint64_t)r;
	}
	return true;
}

struct readback *
readback_open(int fd, char **cause)
{
	struct readback rb, *out;
	uint8_t head[24];
	uint32_t magic;

	memset(&rb, 0, sizeof rb);
	if (fd < 0 || !read_at(fd, head, sizeof head, 0)) {
		*cause = xasprintf("the capture cannot be read by position");
		return NULL;
	}
	magic = file_u32(head, false);
	switch (magic) {
	case 0xa1b2c3d4: case 0xa1b23c4d: case 0xa1b2cd34:
		rb.format = RB_PCAP;
		break;
	case 0xd4c3b2a1: case 0x4d3cb2a1: case 0x34cdb2a1:
		rb.format = RB_PCAP;
		rb.big = true;
		break;
	case 0x0a0d0d0a:
		rb.format = RB_PCAPNG;
		rb.big = file_u32(head + 8, true) == 0x1a2b3c4d;
		break;
	default:
		*cause = xasprintf("the capture's format cannot be read by "
		    "position");
		return NULL;
	}
	rb.nsec = magic == 0xa1b23c4d || magic == 0x4d3cb2a1;
	if (rb.format == RB_PCAP) {
		uint16_t major = file_u16(head + 4, rb.big);
		uint16_t minor = file_u16(head + 6, rb.big);

		rb.lengths = major < 2 || (major == 2 && minor < 3) ?
		    LENGTHS_SWAPPED : major == 2 && minor == 3 ?
		    LENGTHS_MAYBE : LENGTHS_RIGHT;
	}
	rb.hdr_len = (magic == 0xa1b2cd34 || magic == 0x34cdb2a1) ? 24 : 16;
	if ((rb.fd = fcntl(fd, F_DUPFD_CLOEXEC, 0)) < 0) {
		*cause = xasprintf("cannot keep the capture open: %s",
		    strerror(errno));
		return NULL;
	}
	out = xmalloc(sizeof *out);
	*out = rb;
	return out;
}

/* The pcap record of the packet with caplen bytes and time sec.nsec
   starts at pos: where its data starts (0: it does not). */
static uint64_t
pcap_data(const struct readback *rb, uint64_t pos, uint32_t caplen,
    int64_t sec, uint32_t nsec)
{
	uint8_t h[24];
	uint32_t frac, incl, orig;

	if (pos < 24 || !read_at(rb->fd, h, rb->hdr_len, pos))
		return 0;
	frac = file_u32(h + 4, rb->big);
	incl = file_u32(h + 8, rb->big);
	orig = file_u32(h + 12, rb->big);
	/* Files before version 2.3 have the two lengths the other way. */
	if (rb->lengths == LENGTHS_SWAPPED ||
	    (rb->lengths == LENGTHS_MAYBE && incl > orig))
		incl = orig;
	if (file_u32(h, rb->big) != (uint32_t)sec ||
	    (rb->nsec ? frac : frac * 1000u) != nsec || incl < caplen)
		return 0;
	return pos + rb->hdr_len;
}

/* The pcapng packet block with at least caplen bytes of data at pos or
   after the blocks there that are not packets: where its data starts (0:
   there is none). */
static uint64_t
pcapng_data(const struct readback *rb, uint64_t pos, uint32_t caplen)
{
	uint8_t h[28], t[4];
	uint32_t len, type, have;
	bool big = rb->big;
	int i;

	for (i = 0; i < READBACK_MAX_BLOCKS; i++) {
		if (!read_at(rb->fd, h, 12, pos))
			return 0;
		/* A section header says its byte order itself. */
		if (file_u32(h, false) == 0x0a0d0d0a)
			big = file_u32(h + 8, true) == 0x1a2b3c4d;
		type = file_u32(h, big);
		len = file_u32(h + 4, big);
		if (len < 12 || (len & 3) != 0 ||
		    !read_at(rb->fd, t, 4, pos + len - 4) ||
		    file_u32(t, big) != len)
			return 0;
		if (type == 3) {	/* simple: data at +12 */
			have = len - 16;
			return have >= caplen ? pos + 12 : 0;
		}
		if (type == 6 || type == 2) {
			if (len < 32 || !read_at(rb->fd, h, 28, pos))
				return 0;
			have = file_u32(h + 20, big);
			return have >= caplen && have <= len - 32 ? pos + 28 :
			    0;
		}
		/* Anything else (interfaces, names, statistics, a type
		   libpcap does not know either) is stepped over, as libpcap
		   does. */
		pos += len;
	}
	return 0;
}

bool
readback_read(void *arg, uint64_t pos, uint32_t caplen, int64_t sec,
    uint32_t nsec, uint8_t *buf, size_t cap)
{
	const struct readback *rb = arg;
	uint64_t data;
	size_t n = caplen < cap ? caplen : cap;

	if (pos == 0)
		return false;
	if (rb->format == RB_PCAP)
		data = pcap_data(rb, pos, caplen, sec, nsec);
	else
		data = pcapng_data(rb, pos, caplen);
	return data != 0 && read_at(rb->fd, buf, n, data);
}

void
readback_close(struct readback *rb)
{
	if (rb == NULL)
		return;
	close(rb->fd);
	free(rb);
}
