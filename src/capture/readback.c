/*
 * Packets read back from a capture file by position: the UI indexes a
 * whole file (src/model/index.h) and reads a packet's bytes again when a
 * row, the detail pane, a stream or a save needs them.  The position is
 * where the packet's record ends (frame_meta.file_pos); the record before
 * it is checked before anything is copied, so a wrong position reads
 * nothing rather than the wrong bytes.
 *
 *   pcap    [16-byte header: ts, incl_len, orig_len][incl_len bytes]
 *           (24 bytes for the modified format, incl_len at the same place)
 *   pcapng  a block that ends with its length again: read the trailer,
 *           step back to the block's start; an Enhanced (6) or obsolete
 *           Packet (2) block has its data at +28, a Simple (3) at +12.
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

enum rb_format {
	RB_PCAP,
	RB_PCAPNG
};

struct readback {
	int		 fd;
	enum rb_format	 format;
	bool		 big;		/* pcap, or pcapng's first section:
					   big-endian */
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

/* A pcap record of at least caplen bytes ends at pos: where its data
   starts (0: it does not). */
static uint64_t
pcap_data(const struct readback *rb, uint64_t pos, uint32_t caplen)
{
	uint8_t h[24];
	uint64_t data;

	if (pos < 24 + rb->hdr_len + (uint64_t)caplen)
		return 0;
	data = pos - caplen;
	if (!read_at(rb->fd, h, rb->hdr_len, data - rb->hdr_len) ||
	    file_u32(h + 8, rb->big) != caplen)
		return 0;
	return data;
}

/* A pcapng packet block with at least caplen bytes of data ends at pos,
   in byte order big: where its data starts (0: it does not). */
static uint64_t
pcapng_data(const struct readback *rb, uint64_t pos, uint32_t caplen,
    bool big)
{
	uint8_t h[28];
	uint32_t len, type, have;
	uint64_t start;

	if (pos < 28 || !read_at(rb->fd, h, 4, pos - 4))
		return 0;
	len = file_u32(h, big);
	if (len < 16 || (len & 3) != 0 || len > pos)
		return 0;
	start = pos - len;
	if (!read_at(rb->fd, h, len < 28 ? 12 : 28, start) ||
	    file_u32(h + 4, big) != len)
		return 0;
	type = file_u32(h, big);
	if (type == 3) {		/* simple: data at +12 */
		have = len - 16;
		return have >= caplen ? start + 12 : 0;
	}
	if ((type != 6 && type != 2) || len < 32)
		return 0;
	have = file_u32(h + 20, big);
	if (have < caplen || have > len - 32)
		return 0;
	return start + 28;
}

bool
readback_read(void *arg, uint64_t pos, uint32_t caplen, uint8_t *buf,
    size_t cap)
{
	const struct readback *rb = arg;
	uint64_t data;
	size_t n = caplen < cap ? caplen : cap;

	if (pos == 0)
		return false;
	if (rb->format == RB_PCAP)
		data = pcap_data(rb, pos, caplen);
	else {
		/* A later section may have the other byte order. */
		data = pcapng_data(rb, pos, caplen, rb->big);
		if (data == 0)
			data = pcapng_data(rb, pos, caplen, !rb->big);
	}
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
