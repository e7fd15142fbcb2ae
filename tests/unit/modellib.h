/*
 * What the model's unit tests share: a model with given bounds, packets
 * with an IP key, adding them at a time, and finding a flow, a talker or
 * a ring record again.
 */
#ifndef WIRETOP_MODELLIB_H
#define WIRETOP_MODELLIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/dissect.h"
#include "model/model.h"

#define SEC	1000000000LL
#define TCP_F	0x01
#define TCP_S	0x02
#define TCP_R	0x04
#define TCP_A	0x10
#define PROTO_BIT(p)	(1ULL << (p))

/* The clock the tests add packets by (epoch seconds). */
extern int64_t now_sec;

/* A model with the given bounds (0: default); fails the test on error. */
struct model	*mk(size_t ring, size_t bytes, size_t flows, size_t talkers,
		    int64_t idle);

/* A pkt_info with an IP key; addresses as text (v4 or v6). */
struct pkt_info	 pk(uint8_t proto, const char *src, uint16_t sport,
		    const char *dst, uint16_t dport, uint8_t flags);

/* Add one packet of len bytes (data filled with its number) at t ns. */
uint64_t	 add_at(struct model *m, const struct pkt_info *pi, uint32_t len,
		    int64_t t);

/* Add one packet in a batch of its own. */
uint64_t	 add1(struct model *m, const struct pkt_info *pi, uint32_t len,
		    int64_t t);

/* Find the live flow whose src/sport is src:sport; false if none. */
bool		 find_flow(struct model *m, const char *src, uint16_t sport,
		    struct flow_view *out);

/* Find a talker by address text. */
bool		 find_talker(struct model *m, const char *addr,
		    struct talker_view *out);

/* Is record n kept, with len bytes all equal to its fill byte? */
bool		 rec_intact(struct model *m, uint64_t n, uint32_t len,
		    uint8_t fill);

#endif
