/* -x: offset, 16 bytes in hex, then the printable ASCII, as Wireshark. */
#include "config.h"

#include <stdio.h>

#include "output/output.h"

void
print_hex(FILE *out, const uint8_t *data, size_t len)
{
	char line[80];
	size_t off, i;
	int n;

	for (off = 0; off < len; off += 16) {
		n = snprintf(line, sizeof line, "%04zx  ", off);
		for (i = 0; i < 16; i++) {
			if (off + i < len)
				n += snprintf(line + n, sizeof line - (size_t)n,
				    "%02x ", data[off + i]);
			else
				n += snprintf(line + n, sizeof line - (size_t)n,
				    "   ");
			if (i == 7)
				line[n++] = ' ';
		}
		line[n++] = ' ';
		for (i = 0; i < 16 && off + i < len; i++) {
			uint8_t c = data[off + i];

			line[n++] = c >= 0x20 && c < 0x7f ? (char)c : '.';
		}
		line[n] = '\0';
		fprintf(out, "%s\n", line);
	}
	fputc('\n', out);
}
