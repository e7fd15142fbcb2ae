/* The Internet checksum (RFC 1071) and the TCP/UDP pseudo-header. */
#include "config.h"

#include "decoders.h"

uint32_t
cksum_add(uint32_t sum, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2) {
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
		/* Fold early so that long inputs cannot overflow. */
		sum = (sum & 0xffff) + (sum >> 16);
	}
	if (n & 1)
		sum += (uint32_t)p[n - 1] << 8;
	return (sum & 0xffff) + (sum >> 16);
}

uint16_t
cksum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

uint32_t
cksum_pseudo(const struct ip_ctx *ip, uint8_t proto, uint32_t len)
{
	uint32_t sum = 0;
	uint8_t tail[8];
	size_t alen = ip->ver == 6 ? 16 : 4;

	sum = cksum_add(sum, ip->src, alen);
	sum = cksum_add(sum, ip->dst, alen);
	if (ip->ver == 6) {
		/* RFC 8200 8.1: 32-bit length, three zero bytes, next header */
		tail[0] = (uint8_t)(len >> 24);
		tail[1] = (uint8_t)(len >> 16);
		tail[2] = (uint8_t)(len >> 8);
		tail[3] = (uint8_t)len;
		tail[4] = tail[5] = tail[6] = 0;
		tail[7] = proto;
		return cksum_add(sum, tail, 8);
	}
	/* RFC 793: zero, protocol, 16-bit length */
	tail[0] = 0;
	tail[1] = proto;
	tail[2] = (uint8_t)(len >> 8);
	tail[3] = (uint8_t)len;
	return cksum_add(sum, tail, 4);
}
