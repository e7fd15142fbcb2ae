/*
 * Fuzz target: the bytes are a capture file, read back by position as the
 * TUI does for a file it browses whole (src/capture/readback.c).
 *
 * The file (in a memfd) is read through the file source, which records
 * where each packet's record starts (frame_meta.file_pos); each packet read
 * back from there must give exactly the bytes the source delivered.  Then
 * positions and lengths the file itself suggests (every 4-byte step of
 * the first 16 KB, lengths from its own words) are tried: whatever the
 * read-back accepts must stay within the file and the buffer, which
 * AddressSanitizer checks.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "capture/source.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_MAX_PKTS	256
#define FUZZ_PROBE	16384	/* bytes of the file probed at every step */
#define FUZZ_BUF	65536

struct seen {
	uint64_t	pos;
	uint32_t	caplen;
	int64_t		sec;
	uint32_t	nsec;
	uint8_t		bytes[FUZZ_BUF];
};

static struct seen seen[FUZZ_MAX_PKTS];
static int nseen;

static void
collect(void *arg, const struct frame_meta *m, const uint8_t *bytes)
{
	struct seen *s;

	(void)arg;
	if (nseen >= FUZZ_MAX_PKTS || m->caplen > FUZZ_BUF)
		return;
	s = &seen[nseen++];
	s->pos = m->file_pos;
	s->caplen = m->caplen;
	s->sec = m->ts_sec;
	s->nsec = m->ts_nsec;
	memcpy(s->bytes, bytes, m->caplen);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t buf[FUZZ_BUF];
	struct readback *rb;
	struct source *src;
	char path[64], *cause = NULL;
	size_t off;
	int fd, i;

	fd = memfd_create("fuzz-readback", MFD_CLOEXEC);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	rb = readback_open(fd, &cause);
	free(cause);
	cause = NULL;
	if (rb == NULL) {
		close(fd);
		return 0;
	}
	/* The packets the source finds read back as delivered. */
	nseen = 0;
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	src = source_open_file(path, NULL, FUZZ_BUF, &cause);
	free(cause);
	if (src != NULL) {
		while (nseen < FUZZ_MAX_PKTS &&
		    source_next_batch(src, collect, NULL, 0) > 0)
			;
		source_close(src);
	}
	for (i = 0; i < nseen; i++) {
		if (seen[i].pos == 0)
			continue;
		if (!readback_read(rb, seen[i].pos, seen[i].caplen,
		    seen[i].sec, seen[i].nsec, buf, sizeof buf) || memcmp(buf, seen[i].bytes,
		    seen[i].caplen) != 0) {
			fprintf(stderr, "packet %d at %llu did not read back\n",
			    i + 1, (unsigned long long)seen[i].pos);
			abort();
		}
	}
	/* Positions and lengths from the file's own words: never outside
	   the file or the buffer. */
	for (off = 0; off + 4 <= size && off < FUZZ_PROBE; off += 4) {
		uint32_t len = (uint32_t)data[off] | (uint32_t)data[off + 1] <<
		    8 | (uint32_t)data[off + 2] << 16 |
		    (uint32_t)data[off + 3] << 24;

		(void)readback_read(rb, off, len, 0, 0, buf, sizeof buf);
		(void)readback_read(rb, off, len & 0xffff, len, len >> 2,
		    buf, 16);
		(void)readback_read(rb, size - off, len & 0x3ff, 0, 0, buf,
		    sizeof buf);
	}
	readback_close(rb);
	close(fd);
	return 0;
}
