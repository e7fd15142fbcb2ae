/*
 * Entry points of the protocol decoders, and the dispatch tables between
 * them.  Every decoder takes the dissection context and a cursor whose
 * window is exactly the bytes of its header and payload (already clamped
 * to what was captured and to any length the layer below declared).
 */
#ifndef WIRETOP_DECODERS_H
#define WIRETOP_DECODERS_H

#include <stdint.h>

#include "cursor.h"
#include "dissect.h"

/* link.c: the frame's link layer by LINK_* type. */
void	link_decode(struct dissect *d, int link, struct cursor c);
/* link.c: BSD loopback / null (LINK_NULL, LINK_LOOP). */
void	null_decode(struct dissect *d, int link, struct cursor c);

/* eth.c: Ethernet II and 802.3 (length) frames. */
void	eth_decode(struct dissect *d, struct cursor c);
/* eth.c: hand a payload to the decoder for an EtherType. */
void	ethertype_dispatch(struct dissect *d, uint16_t type, struct cursor c);
/* eth.c: the name of an EtherType ("IPv4"), or NULL. */
const char *ethertype_name(uint16_t type);
/* eth.c: EtherType names (eth.type's, vlan.etype's, sll.etype's values). */
extern const struct value_name ethertype_names[];
/* eth.c: is an EtherType a VLAN tag (802.1Q, 802.1ad, old QinQ)? */
bool	ethertype_is_tag(uint16_t type);
/* eth.c: an 802.3 length len (at frame offset len_off) and what follows
   it in c: LLC in exactly len bytes, then padding and the trailer field
   trailer_name (and with fcs an FCS) outside tunnels and quotes.  Returns the layer's LAYER_* status. */
int	eth_8023_payload(struct dissect *d, struct cursor c, uint16_t len,
	    size_t len_off, const char *trailer_name, bool fcs);

/* llc.c: 802.2 LLC (and SNAP) after an 802.3 length field. */
void	llc_decode(struct dissect *d, struct cursor c);

/* sll.c: Linux cooked capture v1 and v2. */
void	sll_decode(struct dissect *d, struct cursor c);
void	sll2_decode(struct dissect *d, struct cursor c);

/* vlan.c: 802.1Q (tpid 0x8100) and 802.1ad (0x88a8) tags. */
void	vlan_decode(struct dissect *d, uint16_t tpid, struct cursor c);

/* arp.c */
void	arp_decode(struct dissect *d, struct cursor c);

/* ipv4.c, ipv6.c */
void	ipv4_decode(struct dissect *d, struct cursor c);
void	ipv6_decode(struct dissect *d, struct cursor c);
/* ipproto.c: hand a payload to the decoder for an IP protocol number. */
void	ipproto_dispatch(struct dissect *d, uint8_t proto, struct cursor c);
/* ipproto.c: the name of an IP protocol ("TCP"), or NULL. */
const char *ipproto_name(uint8_t proto);
/* ipproto.c: the --stats name of an IP protocol ("tcp"), or NULL (print
   the number then). */
const char *ipproto_stats_name(uint8_t proto);

/* ipsec.c: ESP and AH. */
void	esp_decode(struct dissect *d, struct cursor c);
void	ah_decode(struct dissect *d, struct cursor c);

/* tcp.c, udp.c */
void	tcp_decode(struct dissect *d, struct cursor c);
void	udp_decode(struct dissect *d, struct cursor c);
/* For fastpath.c: do TCP options [off, off + olen) of frame (all
   captured) end a capture pass's decoding or mark the segment?  Does a
   port hand its payload to a decoder? */
bool	tcp_options_plain(const uint8_t *frame, size_t off, size_t olen);
bool	tcp_port_decoded(uint16_t port);
bool	udp_port_decoded(uint16_t port);
/*
 * The capture pass of the frames most traffic is made of, without the
 * decoders: true if it filled pi exactly as dissect_frame() with neither
 * sink nor Info would, false (pi undefined) for any frame it does not
 * cover.
 */
bool	fastpath_decode(const struct frame_meta *m, const uint8_t *data,
	    struct pkt_info *pi);

/* services.c: the service name of a port ("https"), or NULL.
   proto is 6 (TCP) or 17 (UDP). */
const char *port_service(uint16_t port, uint8_t proto);

/* icmp.c, icmp6.c, igmp.c */
void	icmp_decode(struct dissect *d, struct cursor c);
void	icmp6_decode(struct dissect *d, struct cursor c);
void	igmp_decode(struct dissect *d, struct cursor c);

/*
 * icmp.c: what ICMP and ICMPv6 share.  Each describes itself in a struct
 * icmp_version; the shared code reads the type / code / checksum header,
 * the extended echo word (RFC 8335) and decodes quoted packets, reporting
 * each version's own fields.
 */
struct icmp_version {
	enum proto_id		 proto;		/* P_ICMP or P_ICMPV6 */
	/* The field table: type, code, checksum, checksum status first. */
	const struct field_def	*fields;
	int			 info_width;	/* Info pads the type name */
	/* The type's text (an unknown type's is written to buf). */
	const char		*(*type_name)(uint8_t type, char *buf,
				    size_t size);
	/* The code's text, or NULL when the type names no codes. */
	const char		*(*code_name)(uint8_t type, uint8_t code,
				    char *buf, size_t size);
	/* Checksum over the whole message, sum as sent: 1 good, 0 bad,
	   2 unverified. */
	int			 (*checksum)(const struct dissect *d,
				    const struct cursor *msg, uint16_t sum);
	/* Extended echo: the identifier, its byte-swapped twin (NULL:
	   none), then eight fields in a row from the sequence number, in
	   icmp_extecho()'s order. */
	const struct field_def	*xident, *xident_le, *xecho;
	bool			 xecho_texts;	/* tshark names state, bits */
};

/* Extended echo request and reply codes (RFC 8335), for both versions. */
extern const struct value_name icmp_extecho_req_codes[],
    icmp_extecho_reply_codes[];

/* Open v's layer and read type, code, checksum; -1 if the layer did not
   open, else the LAYER_* status so far. */
int	icmp_open(struct dissect *d, const struct icmp_version *v,
	    struct cursor *c, uint8_t *type, uint8_t *code);
/* The second word of an extended echo request or reply; LAYER_*. */
int	icmp_extecho(struct dissect *d, const struct icmp_version *v,
	    struct cursor *c, bool request);
/* A quoted packet, decoded by decode as nested, fenced layers. */
void	icmp_quote(struct dissect *d, struct cursor q,
	    void (*decode)(struct dissect *, struct cursor));

/* gre.c, vxlan.c, geneve.c: tunnels; the inner packet nests. */
void	gre_decode(struct dissect *d, struct cursor c);
void	vxlan_decode(struct dissect *d, struct cursor c);
void	geneve_decode(struct dissect *d, struct cursor c);

/* dns.c: DNS wire format; proto is P_DNS, P_MDNS or P_LLMNR; over_tcp
   means a two-byte length prefix comes first. */
void	dns_decode(struct dissect *d, enum proto_id proto, bool over_tcp,
	    struct cursor c);

/* data.c: undecoded payload (data.data, data.len). */
void	data_decode(struct dissect *d, struct cursor c);

/* checksum.c: the Internet checksum (RFC 1071). */
uint32_t cksum_add(uint32_t sum, const uint8_t *p, size_t n);
uint16_t cksum_fold(uint32_t sum);
/* The pseudo-header sum of d->ip for proto and length (TCP/UDP/ICMPv6). */
uint32_t cksum_pseudo(const struct ip_ctx *ip, uint8_t proto, uint32_t len);

/* Field tables, one per decoder file, for field_lookup(). */
extern const struct field_table frame_field_table, eth_field_table,
    llc_field_table, sll_field_table, null_field_table, vlan_field_table,
    arp_field_table, ipv4_field_table, ipv6_field_table, ipsec_field_table,
    tcp_field_table, udp_field_table, icmp_field_table, icmp6_field_table,
    igmp_field_table, gre_field_table, vxlan_field_table,
    geneve_field_table, dns_field_table, data_field_table;

#endif
