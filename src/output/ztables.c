/*
 * The -z tables (see ztables.h): one dissection a packet, taking only the
 * address, port and TCP sequence fields and every layer's opening, turned
 * into a struct zpacket that each table counts from.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "output/zconv.h"
#include "output/zphs.h"
#include "output/ztables.h"
#include "util.h"

/* The fields a zpacket is made of, by their value in the wanted set. */
enum {
	ZF_ETH_SRC, ZF_ETH_DST, ZF_IP_SRC, ZF_IP_DST, ZF_IPV6_SRC,
	ZF_IPV6_DST, ZF_TCP_SPORT, ZF_TCP_DPORT, ZF_TCP_SEQ, ZF_TCP_FLAGS,
	ZF_UDP_SPORT, ZF_UDP_DPORT, ZF_RT_TYPE, ZF_RT_SEGLEFT, ZF_RT_SRC_ADDR,
	ZF_RT_HOME, ZF_RT_SRH_ADDR, ZF_FRAG_OFFSET, ZF_IP_HDR_LEN,
	ZF_TCP_HDR_LEN, ZF_TCP_LEN, ZF_UDP_CHECKSUM, ZF_IP_VERSION,
	ZF_DNS_ID, ZF_COUNT
};

static const char *const zfield_names[ZF_COUNT] = {
	[ZF_ETH_SRC] = "eth.src", [ZF_ETH_DST] = "eth.dst",
	[ZF_IP_SRC] = "ip.src", [ZF_IP_DST] = "ip.dst",
	[ZF_IPV6_SRC] = "ipv6.src", [ZF_IPV6_DST] = "ipv6.dst",
	[ZF_TCP_SPORT] = "tcp.srcport", [ZF_TCP_DPORT] = "tcp.dstport",
	[ZF_TCP_SEQ] = "tcp.seq_raw", [ZF_TCP_FLAGS] = "tcp.flags",
	[ZF_UDP_SPORT] = "udp.srcport", [ZF_UDP_DPORT] = "udp.dstport",
	[ZF_RT_TYPE] = "ipv6.routing.type",
	[ZF_RT_SEGLEFT] = "ipv6.routing.segleft",
	[ZF_RT_SRC_ADDR] = "ipv6.routing.src.addr",
	[ZF_RT_HOME] = "ipv6.routing.mipv6.home_address",
	[ZF_RT_SRH_ADDR] = "ipv6.routing.srh.addr",
	[ZF_FRAG_OFFSET] = "ipv6.fraghdr.offset",
	[ZF_IP_HDR_LEN] = "ip.hdr_len", [ZF_TCP_HDR_LEN] = "tcp.hdr_len",
	[ZF_TCP_LEN] = "tcp.len", [ZF_UDP_CHECKSUM] = "udp.checksum",
	[ZF_IP_VERSION] = "ip.version",
	/* Asked for so that DNS is parsed whole and its status known (a
	   sink taking no DNS field gets the layer alone). */
	[ZF_DNS_ID] = "dns.id",
};

struct ztable {
	struct zspec	 spec;
	struct filter	*filter;	/* the -z argument's, or NULL */
	struct zconv	*conv;		/* conv and endpoints */
	struct zphs	*phs;		/* io,phs */
};

struct ztables {
	struct ztable	*tables;
	int		 n;
	struct field_set *want;
	struct zpacket	 pkt;		/* the packet being dissected */
	int		 open[DISSECT_MAX_LAYERS]; /* its open layers */
	int		 depth;
	int		 quotes;	/* open ICMP layers: inner ones quote */
	/* The IPv6 routing header being reported. */
	unsigned	 rt_type, rt_segleft, rt_addrs;
};

/* The innermost open layer, or NULL. */
static struct zlayer *
zt_current(struct ztables *z)
{
	return z->depth > 0 ? &z->pkt.layers[z->open[z->depth - 1]] : NULL;
}

static void
zt_layer_open(void *arg, enum proto_id p, uint32_t off)
{
	struct ztables *z = arg;
	struct zlayer *l;

	/* d_open() caps layers at DISSECT_MAX_LAYERS, as both arrays. */
	if (z->pkt.nlayers >= DISSECT_MAX_LAYERS ||
	    z->depth >= DISSECT_MAX_LAYERS)
		return;
	l = &z->pkt.layers[z->pkt.nlayers];
	memset(l, 0, sizeof *l);
	l->proto = (uint8_t)p;
	l->quoted = z->quotes > 0;
	l->off = off;
	l->parent = (int8_t)(z->depth > 0 ? z->open[z->depth - 1] : -1);
	if (l->parent >= 0)
		z->pkt.layers[l->parent].has_child = true;
	z->open[z->depth++] = z->pkt.nlayers++;
	if (p == P_ICMP || p == P_ICMPV6)
		z->quotes++;
}

static void
zt_layer_close(void *arg, uint32_t off, int status)
{
	struct ztables *z = arg;
	struct zlayer *l;

	(void)off;
	if ((l = zt_current(z)) == NULL)
		return;
	l->status = (uint8_t)status;
	if (l->proto == P_ICMP || l->proto == P_ICMPV6)
		z->quotes--;
	z->depth--;
}

/* Copy an address value into a (n bytes). */
static void
zt_addr(uint8_t *a, uint8_t *alen, bool *has, const struct field_value *v,
    size_t n)
{
	if (v->p == NULL || v->n != n)
		return;
	memcpy(a, v->p, n);
	*alen = (uint8_t)n;
	*has = true;
}

/*
 * A routing header's field: the final destination is the last address
 * of type 0, the home address of type 2, segment 0 of a segment routing
 * header (type 4), when segments are left (RFC 8200 8.1; the rule of
 * decode/ipv6.c's pseudo-header).
 */
static void
zt_routing(struct ztables *z, struct zlayer *l, int which,
    const struct field_value *v)
{
	switch (which) {
	case ZF_RT_TYPE:
		z->rt_type = (unsigned)v->u;
		z->rt_segleft = 0;
		z->rt_addrs = 0;
		return;
	case ZF_RT_SEGLEFT:
		z->rt_segleft = (unsigned)v->u;
		return;
	case ZF_RT_SRC_ADDR:
		if (z->rt_type != 0)
			return;
		break;
	case ZF_RT_HOME:
		if (z->rt_type != 2)
			return;
		break;
	case ZF_RT_SRH_ADDR:
		if (z->rt_type != 4 || z->rt_addrs > 0)
			return;
		break;
	}
	z->rt_addrs++;
	if (z->rt_segleft == 0 || v->p == NULL || v->n != 16)
		return;
	memcpy(l->final_dst, v->p, 16);
	l->has_final = true;
}

static void
zt_field(void *arg, const struct field_value *v)
{
	struct ztables *z = arg;
	struct zlayer *l = zt_current(z);
	int which = field_set_get(z->want, v->def);

	if (l == NULL)
		return;
	switch (which) {
	case ZF_ETH_SRC:
		zt_addr(l->src, &l->alen, &l->has_src, v, 6);
		break;
	case ZF_ETH_DST:
		zt_addr(l->dst, &l->alen, &l->has_dst, v, 6);
		break;
	case ZF_IP_SRC:
		zt_addr(l->src, &l->alen, &l->has_src, v, 4);
		break;
	case ZF_IP_DST:
		zt_addr(l->dst, &l->alen, &l->has_dst, v, 4);
		break;
	case ZF_IPV6_SRC:
		zt_addr(l->src, &l->alen, &l->has_src, v, 16);
		break;
	case ZF_IPV6_DST:
		zt_addr(l->dst, &l->alen, &l->has_dst, v, 16);
		break;
	case ZF_TCP_SPORT:
	case ZF_UDP_SPORT:
		l->sport = (uint16_t)v->u;
		l->has_sport = true;
		break;
	case ZF_TCP_DPORT:
	case ZF_UDP_DPORT:
		l->dport = (uint16_t)v->u;
		l->has_dport = true;
		break;
	case ZF_TCP_SEQ:
		l->seq = (uint32_t)v->u;
		l->has_seq = true;
		break;
	case ZF_TCP_FLAGS:
		l->flags = (uint16_t)v->u;
		l->has_flags = true;
		break;
	case ZF_RT_TYPE:
	case ZF_RT_SEGLEFT:
	case ZF_RT_SRC_ADDR:
	case ZF_RT_HOME:
	case ZF_RT_SRH_ADDR:
		zt_routing(z, l, which, v);
		break;
	case ZF_FRAG_OFFSET:
		l->later_frag = v->u > 0;
		break;
	case ZF_IP_HDR_LEN:
	case ZF_TCP_HDR_LEN:
		l->hdr_len = (uint32_t)v->u;
		break;
	case ZF_TCP_LEN:
	case ZF_UDP_CHECKSUM:
		l->has_len = true;
		break;
	case ZF_IP_VERSION:
		l->not_v4 = v->u != 4;
		break;
	default:
		break;
	}
}

/*
 * Does tshark's tap of layer l's protocol see it?  Its dissectors hand a
 * header to the conversation tables once they have read all of it: not
 * when the capture ends inside it, nor when its lengths are bogus (tshark
 * stops there), nor an IPv6 fragment past the first (whose payload goes
 * to no upper protocol).
 */
static bool
zt_tapped(const struct zpacket *p, const struct zlayer *l)
{
	size_t end = (size_t)l->off + l->hdr_len;

	switch (l->proto) {
	case P_IPV4:
		return l->has_src && l->has_dst && l->hdr_len >= 20 &&
		    end <= p->caplen;
	case P_IPV6:
		return l->has_src && l->has_dst && !l->later_frag &&
		    (l->has_child || l->status == LAYER_OK);
	case P_TCP:
		return l->has_len && l->hdr_len >= 20 && end <= p->caplen;
	case P_UDP:
		return l->has_len;
	default:
		return l->has_src && l->has_dst;
	}
}

/*
 * Did the capture end inside layer l's header (where tshark's dissector
 * fails and shows "[Packet size limited during capture]")?  Data never
 * is: it takes what there is.
 */
static bool
zt_cut(const struct zpacket *p, const struct zlayer *l)
{
	size_t end = (size_t)l->off + (l->hdr_len >= 20 ? l->hdr_len : 20);

	switch (l->proto) {
	case P_DATA:
		return false;
	case P_IPV4:
	case P_TCP:
		/* What follows a header cut short may still be decoded. */
		return end > p->caplen;
	case P_UDP:
		return (size_t)l->off + 8 > p->caplen;
	default:
		return (l->status & LAYER_TRUNCATED) != 0 && !l->has_child;
	}
}

/* Dissect the packet into z->pkt. */
static void
zt_decode(struct ztables *z, const struct frame_meta *m, const uint8_t *data)
{
	struct field_sink sink = {
		zt_layer_open, zt_layer_close, zt_field, NULL, NULL, z
	};
	struct pkt_info pi;
	int i;

	z->pkt.wirelen = m->wirelen;
	z->pkt.caplen = m->caplen;
	z->pkt.rel = m->rel;
	z->pkt.nlayers = 0;
	z->depth = 0;
	z->quotes = 0;
	dissect_frame_want(m, data, &pi, &sink, false, z->want);
	for (i = 0; i < z->pkt.nlayers; i++) {
		z->pkt.layers[i].tapped = zt_tapped(&z->pkt,
		    &z->pkt.layers[i]);
		z->pkt.layers[i].cut = zt_cut(&z->pkt, &z->pkt.layers[i]);
	}
}

struct ztables *
ztables_new(const struct zspec *specs, int n, int link, int snaplen,
    char **cause)
{
	struct ztables *z = xcalloc(1, sizeof *z);
	const struct field_def *f;
	struct ztable *t;
	int i;

	if (n > ZSPEC_MAX)
		fatal("-z: more than %d tables", ZSPEC_MAX);
	z->tables = xcalloc((size_t)n, sizeof *z->tables);
	if ((z->want = field_set_new(ZF_COUNT)) == NULL)
		fatal("out of memory");
	for (i = 0; i < ZF_COUNT; i++) {
		if ((f = field_lookup(zfield_names[i])) == NULL)
			fatal("-z: no field %s", zfield_names[i]);
		field_set_add(z->want, f, i);
	}
	for (i = 0; i < n; i++) {
		t = &z->tables[z->n];
		t->spec = specs[i];
		if (t->spec.filter != NULL && (t->filter = filter_new(
		    t->spec.filter, link, snaplen, cause)) == NULL) {
			ztables_free(z);
			return NULL;
		}
		z->n++;
		if (t->spec.kind == Z_PHS)
			t->phs = zphs_new();
		else
			t->conv = zconv_new(t->spec.kind);
	}
	return z;
}

void
ztables_packet(struct ztables *z, const struct frame_meta *m,
    const uint8_t *data)
{
	bool match[ZSPEC_MAX], any = false;
	struct ztable *t;
	int i;

	for (i = 0; i < z->n; i++) {
		t = &z->tables[i];
		match[i] = t->filter == NULL || filter_match(t->filter, m,
		    data);
		any = any || match[i];
	}
	if (!any)
		return;
	zt_decode(z, m, data);
	for (i = 0; i < z->n; i++) {
		t = &z->tables[i];
		if (!match[i])
			continue;
		if (t->phs != NULL)
			zphs_add(t->phs, &z->pkt);
		else
			zconv_add(t->conv, &z->pkt);
	}
}

/* Say on stderr that a table could not count missed packets: its
   thing (rows, nodes) holds at most max. */
static void
zt_warn_missed(const struct ztable *t, uint64_t missed, const char *thing,
    unsigned max)
{
	static const char *const names[] = {
		[Z_CONV_ETH] = "conv,eth", [Z_CONV_IP] = "conv,ip",
		[Z_CONV_IPV6] = "conv,ipv6", [Z_CONV_TCP] = "conv,tcp",
		[Z_CONV_UDP] = "conv,udp", [Z_ENDP_ETH] = "endpoints,eth",
		[Z_ENDP_IP] = "endpoints,ip", [Z_ENDP_IPV6] = "endpoints,ipv6",
		[Z_ENDP_TCP] = "endpoints,tcp", [Z_ENDP_UDP] = "endpoints,udp",
		[Z_PHS] = "io,phs",
	};

	if (missed > 0)
		fprintf(stderr, "wiretop: warning: -z %s: %llu packets not "
		    "counted in full (it holds at most %u %s)\n",
		    names[t->spec.kind], (unsigned long long)missed, max,
		    thing);
}

void
ztables_print(struct ztables *z, FILE *out)
{
	struct ztable *t;
	int i;

	/* tshark draws its taps newest first. */
	for (i = z->n - 1; i >= 0; i--) {
		t = &z->tables[i];
		if (t->phs != NULL)
			zphs_print(t->phs, out, t->spec.filter);
		else
			zconv_print(t->conv, out, t->spec.filter);
	}
	fflush(out);
	for (i = 0; i < z->n; i++) {
		t = &z->tables[i];
		if (t->phs != NULL)
			zt_warn_missed(t, zphs_missed(t->phs), "nodes",
			    ZPHS_MAX_NODES);
		else
			zt_warn_missed(t, zconv_missed(t->conv), "rows",
			    ZCONV_MAX_ROWS);
	}
}

void
ztables_free(struct ztables *z)
{
	int i;

	if (z == NULL)
		return;
	for (i = 0; i < z->n; i++) {
		filter_free(z->tables[i].filter);
		zconv_free(z->tables[i].conv);
		zphs_free(z->tables[i].phs);
	}
	free(z->tables);
	field_set_free(z->want);
	free(z);
}
