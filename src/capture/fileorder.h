/*
 * The 16- and 32-bit values of capture file headers, in the byte order
 * the file says (pcap's magic, pcapng's section): the one reader of them
 * for the file source (pcapfile.c) and the read-back (readback.c).
 */
#ifndef WIRETOP_FILEORDER_H
#define WIRETOP_FILEORDER_H

#include <stdbool.h>
#include <stdint.h>

static inline uint32_t
file_u32(const uint8_t *p, bool big)
{
	return big ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3] : (uint32_t)p[3] << 24 |
	    (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static inline uint16_t
file_u16(const uint8_t *p, bool big)
{
	return big ? (uint16_t)(p[0] << 8 | p[1]) :
	    (uint16_t)(p[1] << 8 | p[0]);
}

#endif
