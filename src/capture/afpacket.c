/*
 * Live capture: AF_PACKET with a TPACKET_V3 memory-mapped receive ring.
 *
 * The ring is block_nr blocks of block_size bytes shared with the kernel.
 * Each block starts with a tpacket_block_desc whose block_status says who
 * owns it: TP_STATUS_KERNEL while the kernel fills it, TP_STATUS_USER once
 * it is full or its retire timer expired.  We read blocks strictly in
 * order, hand every packet of a block over as one batch, then give the
 * block back by storing TP_STATUS_KERNEL.
 *
 *   block:  [ tpacket_block_desc | pad ][ tpacket3_hdr | sockaddr_ll | pad |
 *            frame ][ tpacket3_hdr ... ]   (tp_next_offset links them)
 *
 * Invariants and choices:
 * - The socket is created with protocol 0, so it receives nothing until
 *   bind() names ETH_P_ALL; the kernel filter is attached before that bind,
 *   so no packet that fails the filter ever reaches the ring.
 * - Ethernet-like interfaces are captured raw (LINKTYPE_ETHERNET); "any"
 *   and other link types are captured cooked (SOCK_DGRAM) and each frame
 *   gets a LINKTYPE_LINUX_SLL2 header built from its sockaddr_ll.
 * - The kernel keeps the first VLAN tag out of the frame (tp_vlan_tci); we
 *   put it back where it was on the wire, so decoders and -w see it.
 * - Interface names handed out in frame_meta.ifname are interned and never
 *   freed before close: the model keys its cache on the pointer.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "capture/afpacket.h"
#include "util.h"

#define SLL2_HDR_LEN	20
#define VLAN_TAG_LEN	4
#define MIN_BLOCK	(1u << 16)
/*
 * The block size we aim for: the smallest that holds a frame of snaplen
 * bytes, but no less than this.  The kernel allocates and zeroes each block
 * as one physically contiguous chunk when the ring is set up: high-order
 * chunks are slow to find, and in a VM with free page reporting each one
 * faults in from the host (a 64 MB ring cost 80-240 ms of CPU there in
 * 1 MB blocks, 25-150 ms in 512 KB blocks, 7-13 ms in 256 KB blocks).  A
 * block of 256 KB still holds hundreds of packets, so its wakeup is shared
 * by all of them.
 */
#define PREF_BLOCK	(1u << 18)
#define MAX_IFNAMES	256
#define DOWN_CHECK_MS	200

/* An interface name handed out with packets; never moved or freed. */
struct ifname_ent {
	int	ifindex;
	char	name[IF_NAMESIZE];
};

struct afpacket {
	int			 fd;
	uint8_t			*map;
	size_t			 map_len;
	unsigned		 block_size, block_nr, cur;
	bool			 cooked;	/* SOCK_DGRAM + SLL2 headers */
	bool			 any;
	bool			 promisc;
	char			 iface[IF_NAMESIZE];
	int			 ifindex;	/* bound index (not any) */
	bool			 down;
	bool			 gone;		/* deleted, not only down */
	int64_t			 next_check_ms;
	char			 notice[256];
	bool			 have_notice;
	uint64_t		 received, dropped;
	uint8_t			*scratch;	/* a frame with headers put back */
	size_t			 scratch_len;
	struct bpf_program	 ufilter;	/* filter run here, if the kernel
						   cannot run it */
	bool			 have_ufilter;
	struct ifname_ent	*names[MAX_IFNAMES];
	int			 nnames;
	struct ifname_ent	*last_name;
};

/* The interned name of an interface index ("?" names an unknown one). */
static const char *
afp_ifname(struct afpacket *a, int ifindex)
{
	struct ifname_ent *e;
	char name[IF_NAMESIZE];
	int i;

	if (a->last_name != NULL && a->last_name->ifindex == ifindex)
		return a->last_name->name;
	for (i = 0; i < a->nnames; i++) {
		if (a->names[i]->ifindex == ifindex) {
			a->last_name = a->names[i];
			return a->names[i]->name;
		}
	}
	if (if_indextoname((unsigned)ifindex, name) == NULL)
		snprintf(name, sizeof name, "if%d", ifindex);
	if (a->nnames == MAX_IFNAMES)
		return "?";	/* a pathological churn of interfaces */
	e = xcalloc(1, sizeof *e);
	e->ifindex = ifindex;
	snprintf(e->name, sizeof e->name, "%s", name);
	a->names[a->nnames++] = e;
	a->last_name = e;
	return e->name;
}

/* Set a notice for the owner of the source to show. */
static void
afp_notice(struct afpacket *a, const char *fmt, const char *arg)
{
	snprintf(a->notice, sizeof a->notice, fmt, arg);
	a->have_notice = true;
}

/*
 * Rewrite a program compiled for LINKTYPE_LINUX_SLL2 so that the kernel
 * can run it on a cooked socket, where the data starts at the network
 * header: loads past the SLL2 header move back by its length, loads of its
 * fields become the matching ancillary loads.  False if some load has no
 * kernel equivalent (the link address): then we filter in user space.
 */
static bool
sll2_to_kernel(struct sock_filter *f, unsigned n)
{
	unsigned i;
	uint16_t cls, size, mode;

	for (i = 0; i < n; i++) {
		cls = BPF_CLASS(f[i].code);
		size = BPF_SIZE(f[i].code);
		mode = BPF_MODE(f[i].code);
		if (cls == BPF_LD && mode == BPF_ABS) {
			if (f[i].k >= SLL2_HDR_LEN)
				f[i].k -= SLL2_HDR_LEN;
			else if (f[i].k == 0 && size == BPF_H)
				f[i].k = (uint32_t)(SKF_AD_OFF + SKF_AD_PROTOCOL);
			else if (f[i].k == 4 && size == BPF_W)
				f[i].k = (uint32_t)(SKF_AD_OFF + SKF_AD_IFINDEX);
			else if (f[i].k == 8 && size == BPF_H)
				f[i].k = (uint32_t)(SKF_AD_OFF + SKF_AD_HATYPE);
			else if (f[i].k == 10 && size == BPF_B)
				f[i].k = (uint32_t)(SKF_AD_OFF + SKF_AD_PKTTYPE);
			else
				return false;
		} else if ((cls == BPF_LD && mode == BPF_IND) ||
		    (cls == BPF_LDX && mode == BPF_MSH)) {
			if (f[i].k < SLL2_HDR_LEN)
				return false;
			f[i].k -= SLL2_HDR_LEN;
		} else if (cls == BPF_LD && mode == BPF_LEN)
			return false;	/* the kernel's length lacks the header */
	}
	return true;
}

/*
 * Compile the filter (or an accept-all that keeps snaplen bytes) and
 * attach it to the socket.  0, or -1 with *cause.
 */
static int
afp_set_filter(struct afpacket *a, const struct afpacket_config *cfg,
    int link, char **cause)
{
	struct bpf_program prog;
	struct sock_fprog fprog;
	struct sock_filter accept;
	pcap_t *dead;
	const char *expr = cfg->filter != NULL ? cfg->filter : "";
	int rc;

	dead = pcap_open_dead(link, cfg->snaplen);
	if (dead == NULL) {
		*cause = xasprintf("cannot compile filters: out of memory");
		return -1;
	}
	if (pcap_compile(dead, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) != 0) {
		*cause = xasprintf("%s '%s': %s", SOURCE_BAD_FILTER, expr,
		    pcap_geterr(dead));
		pcap_close(dead);
		return -1;
	}
	pcap_close(dead);
	/* struct bpf_insn and struct sock_filter share one layout. */
	_Static_assert(sizeof(struct bpf_insn) == sizeof(struct sock_filter),
	    "bpf_insn and sock_filter differ");
	fprog.len = (unsigned short)prog.bf_len;
	fprog.filter = (struct sock_filter *)prog.bf_insns;
	if (a->cooked && !sll2_to_kernel(fprog.filter, prog.bf_len)) {
		/* Keep the compiled original for user space; in the kernel
		   accept everything (the expression decides later). */
		pcap_freecode(&prog);
		dead = pcap_open_dead(link, cfg->snaplen);
		if (dead == NULL || pcap_compile(dead, &a->ufilter, expr, 1,
		    PCAP_NETMASK_UNKNOWN) != 0) {
			if (dead != NULL)
				pcap_close(dead);
			*cause = xasprintf("cannot compile filter '%s'", expr);
			return -1;
		}
		pcap_close(dead);
		a->have_ufilter = true;
		accept.code = BPF_RET | BPF_K;
		accept.jt = accept.jf = 0;
		accept.k = (uint32_t)cfg->snaplen;
		fprog.len = 1;
		fprog.filter = &accept;
		rc = setsockopt(a->fd, SOL_SOCKET, SO_ATTACH_FILTER, &fprog,
		    sizeof fprog);
	} else {
		rc = setsockopt(a->fd, SOL_SOCKET, SO_ATTACH_FILTER, &fprog,
		    sizeof fprog);
		pcap_freecode(&prog);
	}
	if (rc != 0) {
		*cause = xasprintf("cannot attach the filter on %s: %s",
		    a->iface, strerror(errno));
		return -1;
	}
	return 0;
}

/* The smallest power of two >= n. */
static unsigned
pow2_at_least(unsigned n)
{
	unsigned p = 1;

	while (p < n && p < (1u << 30))
		p <<= 1;
	return p;
}

/* Set up the TPACKET_V3 ring and map it.  0, or -1 with *cause. */
static int
afp_set_ring(struct afpacket *a, const struct afpacket_config *cfg,
    char **cause)
{
	struct tpacket_req3 req;
	size_t total;
	int version = TPACKET_V3;
	unsigned need;

	if (setsockopt(a->fd, SOL_PACKET, PACKET_VERSION, &version,
	    sizeof version) != 0) {
		*cause = xasprintf("cannot capture on %s: TPACKET_V3 not "
		    "supported (%s)", a->iface, strerror(errno));
		return -1;
	}
	total = (size_t)(cfg->buffer_mb > 0 ? cfg->buffer_mb :
	    AFPACKET_DEFAULT_MB) << 20;
	/* A block holds a frame of snaplen bytes less the kernel's headers
	   (about 130 bytes: the kernel truncates a frame that does not fit),
	   as libpcap sizes its TPACKET_V3 blocks: at the default snaplen a
	   frame over 262014 bytes (only GRO/BIG TCP make those) is cut there
	   by tcpdump and wiretop alike, and the blocks stay at 256 KB, which
	   is what makes the ring cheap to set up (above).  A small ring has
	   a few blocks at least. */
	need = pow2_at_least((unsigned)cfg->snaplen);
	a->block_size = need > PREF_BLOCK ? need : PREF_BLOCK;
	while (a->block_size > MIN_BLOCK && a->block_size / 2 >= need &&
	    total / a->block_size < 8)
		a->block_size /= 2;
	a->block_nr = (unsigned)(total / a->block_size);
	if (a->block_nr < 2)
		a->block_nr = 2;

	memset(&req, 0, sizeof req);
	req.tp_block_size = a->block_size;
	req.tp_block_nr = a->block_nr;
	req.tp_frame_size = TPACKET_ALIGNMENT << 7;	/* V3 ignores it but
							   checks it divides */
	req.tp_frame_nr = (a->block_size / req.tp_frame_size) * a->block_nr;
	req.tp_retire_blk_tov = AFPACKET_RETIRE_MS;
	if (setsockopt(a->fd, SOL_PACKET, PACKET_RX_RING, &req,
	    sizeof req) != 0) {
		*cause = xasprintf("cannot capture on %s: cannot set up a "
		    "%zu MB ring (%s)", a->iface, total >> 20,
		    strerror(errno));
		return -1;
	}
	a->map_len = (size_t)a->block_size * a->block_nr;
	a->map = mmap(NULL, a->map_len, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_LOCKED, a->fd, 0);
	if (a->map == MAP_FAILED)	/* MAP_LOCKED may exceed a limit */
		a->map = mmap(NULL, a->map_len, PROT_READ | PROT_WRITE,
		    MAP_SHARED, a->fd, 0);
	if (a->map == MAP_FAILED) {
		a->map = NULL;
		*cause = xasprintf("cannot capture on %s: cannot map the "
		    "ring (%s)", a->iface, strerror(errno));
		return -1;
	}
	return 0;
}

/* Bind to the interface (or all) and set promiscuous mode.  0 or -1. */
static int
afp_bind(struct afpacket *a)
{
	struct sockaddr_ll sll;
	struct packet_mreq mr;

	memset(&sll, 0, sizeof sll);
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = a->any ? 0 : a->ifindex;
	if (bind(a->fd, (struct sockaddr *)&sll, sizeof sll) != 0)
		return -1;
	if (a->promisc && !a->any) {
		memset(&mr, 0, sizeof mr);
		mr.mr_ifindex = a->ifindex;
		mr.mr_type = PACKET_MR_PROMISC;
		/* Not fatal: some links have no promiscuous mode. */
		(void)setsockopt(a->fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr,
		    sizeof mr);
	}
	return 0;
}

/* Look the interface up by name: its index and flags; false if gone. */
static bool
afp_lookup(struct afpacket *a, int *ifindex, short *flags)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof ifr);
	snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", a->iface);
	if (ioctl(a->fd, SIOCGIFINDEX, &ifr) != 0)
		return false;
	*ifindex = ifr.ifr_ifindex;
	if (ioctl(a->fd, SIOCGIFFLAGS, &ifr) != 0)
		return false;
	*flags = ifr.ifr_flags;
	return true;
}

/* While the interface is down or gone: see whether it is back, rebinding
   if it came back as a new interface. */
static void
afp_check_back(struct afpacket *a)
{
	int ifindex;
	short flags;

	if (mono_ns() / NS_PER_MS < a->next_check_ms)
		return;
	a->next_check_ms = mono_ns() / NS_PER_MS + DOWN_CHECK_MS;
	if (!afp_lookup(a, &ifindex, &flags)) {
		if (!a->gone) {
			a->gone = true;
			afp_notice(a, "%s: the interface was deleted; capture "
			    "resumes if it comes back", a->iface);
		}
		return;
	}
	if (!(flags & IFF_UP))
		return;
	/* Bind again: a deleted interface unbinds the socket, and one
	   created anew under the same name has a new index. */
	a->ifindex = ifindex;
	if (afp_bind(a) != 0)
		return;
	a->down = a->gone = false;
	afp_notice(a, "%s: the interface is up again; capture resumed",
	    a->iface);
}

/* The socket reported an error: the interface went down or away. */
static void
afp_socket_error(struct source *s, struct afpacket *a)
{
	int err = 0;
	socklen_t len = sizeof err;

	if (getsockopt(a->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
		err = errno;
	if (err == 0)
		return;
	if (err == ENETDOWN || err == ENODEV || err == ENXIO) {
		if (!a->down) {
			a->down = true;
			a->gone = false;
			a->next_check_ms = 0;
			afp_notice(a, "%s: the interface went down; capture "
			    "resumes when it comes back", a->iface);
			afp_check_back(a);	/* deleted rather than down? */
		}
		return;
	}
	snprintf(s->error, sizeof s->error, "capture on %s failed: %s",
	    a->iface, strerror(err));
}

/*
 * Rebuild one frame as it was on the wire into the scratch buffer when the
 * kernel took something out (a VLAN tag) or we must add a header (SLL2);
 * otherwise return the ring's bytes as they are.  Sets *caplen, *wirelen.
 */
static const uint8_t *
afp_frame(struct afpacket *a, const struct tpacket3_hdr *h,
    const struct sockaddr_ll *sll, uint32_t snaplen, uint32_t *caplen,
    uint32_t *wirelen)
{
	const uint8_t *frame = (const uint8_t *)h + h->tp_mac;
	uint32_t len = h->tp_snaplen, extra = 0, at = 0, n;
	bool vlan = (h->tp_status & TP_STATUS_VLAN_VALID) != 0;
	uint16_t tpid = (h->tp_status & TP_STATUS_VLAN_TPID_VALID) ?
	    h->hv1.tp_vlan_tpid : ETH_P_8021Q;
	uint8_t *o = a->scratch;

	if (!a->cooked && (!vlan || len < 12)) {
		*caplen = len < snaplen ? len : snaplen;
		*wirelen = h->tp_len;
		return frame;
	}
	if (a->cooked) {
		uint16_t proto = vlan ? tpid : ntohs(sll->sll_protocol);
		uint32_t ifindex = (uint32_t)sll->sll_ifindex;

		memset(o, 0, SLL2_HDR_LEN);
		o[0] = (uint8_t)(proto >> 8);
		o[1] = (uint8_t)proto;
		o[4] = (uint8_t)(ifindex >> 24);
		o[5] = (uint8_t)(ifindex >> 16);
		o[6] = (uint8_t)(ifindex >> 8);
		o[7] = (uint8_t)ifindex;
		o[8] = (uint8_t)(sll->sll_hatype >> 8);
		o[9] = (uint8_t)sll->sll_hatype;
		o[10] = sll->sll_pkttype;
		o[11] = sll->sll_halen;
		memcpy(o + 12, sll->sll_addr,
		    sll->sll_halen < 8 ? sll->sll_halen : 8);
		at = extra = SLL2_HDR_LEN;
		if (vlan) {
			/* The tag, then the protocol it carried. */
			o[at++] = (uint8_t)(h->hv1.tp_vlan_tci >> 8);
			o[at++] = (uint8_t)h->hv1.tp_vlan_tci;
			o[at++] = (uint8_t)(ntohs(sll->sll_protocol) >> 8);
			o[at++] = (uint8_t)ntohs(sll->sll_protocol);
			extra += VLAN_TAG_LEN;
		}
		n = len;
	} else {
		/* Ethernet: the tag goes after the two addresses. */
		memcpy(o, frame, 12);
		o[12] = (uint8_t)(tpid >> 8);
		o[13] = (uint8_t)tpid;
		o[14] = (uint8_t)(h->hv1.tp_vlan_tci >> 8);
		o[15] = (uint8_t)h->hv1.tp_vlan_tci;
		at = 16;
		frame += 12;
		n = len - 12;
		extra = VLAN_TAG_LEN;
	}
	if (at + n > a->scratch_len)
		n = (uint32_t)(a->scratch_len - at);
	memcpy(o + at, frame, n);
	*caplen = at + n < snaplen ? at + n : snaplen;
	*wirelen = h->tp_len + extra;
	return o;
}

/* The block the ring is at. */
static struct tpacket_block_desc *
afp_block(const struct afpacket *a)
{
	return (struct tpacket_block_desc *)(a->map +
	    (size_t)a->cur * a->block_size);
}

/* Is the current block ours to read? */
static bool
afp_ready(const struct afpacket *a)
{
	return (__atomic_load_n(&afp_block(a)->hdr.bh1.block_status,
	    __ATOMIC_ACQUIRE) & TP_STATUS_USER) != 0;
}

/* Wait for a ring block to be ours, minding the interface state. */
int
afpacket_wait(struct source *s, int timeout_ms)
{
	struct afpacket *a = s->impl;
	struct pollfd pfd;
	int wait;

	if (s->error[0] != '\0')
		return -2;
	if (afp_ready(a))
		return 1;
	if (a->down)
		afp_check_back(a);
	wait = timeout_ms;
	if (a->down && (wait < 0 || wait > DOWN_CHECK_MS))
		wait = DOWN_CHECK_MS;
	pfd.fd = a->fd;
	pfd.events = POLLIN | POLLERR;
	pfd.revents = 0;
	if (poll(&pfd, 1, wait) < 0 && errno != EINTR) {
		snprintf(s->error, sizeof s->error, "capture on %s failed: %s",
		    a->iface, strerror(errno));
		return -2;
	}
	if (pfd.revents & POLLERR) {
		afp_socket_error(s, a);
		if (s->error[0] != '\0')
			return -2;
	}
	return afp_ready(a) ? 1 : 0;
}

/* Ask for the first cache lines of a ring frame: its tpacket3_hdr, the
   sockaddr_ll and the link, network and transport headers. */
static inline void
afp_prefetch(const uint8_t *p)
{
	__builtin_prefetch(p);
	__builtin_prefetch(p + 64);
	__builtin_prefetch(p + 128);
}

/* Hand every packet of the next ring block to fn, then give the block back. */
static int
afpacket_next_batch(struct source *s, source_packet_fn fn, void *arg,
    int timeout_ms)
{
	struct afpacket *a = s->impl;
	struct tpacket_block_desc *b;
	const struct tpacket3_hdr *h;
	const struct sockaddr_ll *sll;
	struct frame_meta m;
	struct pcap_pkthdr ph;
	const uint8_t *data;
	uint32_t i, npkts;
	int n = 0, rc;

	rc = afpacket_wait(s, timeout_ms);
	if (rc <= 0)
		return rc;
	b = afp_block(a);
	memset(&m, 0, sizeof m);
	m.link = s->link;
	m.ifname = a->any ? NULL : a->iface;
	npkts = b->hdr.bh1.num_pkts;
	h = (const struct tpacket3_hdr *)((uint8_t *)b +
	    b->hdr.bh1.offset_to_first_pkt);
	for (i = 0; i < npkts; i++) {
		/* The kernel wrote the next frame from another CPU: start
		   moving its headers here while this one is decoded. */
		if (i + 1 < npkts)
			afp_prefetch((const uint8_t *)h + h->tp_next_offset);
		sll = (const struct sockaddr_ll *)((const uint8_t *)h +
		    TPACKET_ALIGN(sizeof *h));
		data = afp_frame(a, h, sll, (uint32_t)s->snaplen, &m.caplen,
		    &m.wirelen);
		if (a->have_ufilter) {
			memset(&ph, 0, sizeof ph);
			ph.caplen = m.caplen;
			ph.len = m.wirelen;
			if (!pcap_offline_filter(&a->ufilter, &ph, data))
				goto next;
		}
		m.ts_sec = h->tp_sec;
		m.ts_nsec = h->tp_nsec;
		if (a->any)
			m.ifname = afp_ifname(a, sll->sll_ifindex);
		a->received++;
		n++;
		fn(arg, &m, data);
	next:
		h = (const struct tpacket3_hdr *)((const uint8_t *)h +
		    h->tp_next_offset);
	}
	__atomic_store_n(&b->hdr.bh1.block_status, TP_STATUS_KERNEL,
	    __ATOMIC_RELEASE);
	a->cur = (a->cur + 1) % a->block_nr;
	return n;
}

/* Read the kernel's counters (reset by each read: we keep totals). */
static void
afpacket_stats(struct source *s, struct source_stats *st)
{
	struct afpacket *a = s->impl;
	struct tpacket_stats_v3 ks;
	socklen_t len = sizeof ks;

	memset(&ks, 0, sizeof ks);
	if (getsockopt(a->fd, SOL_PACKET, PACKET_STATISTICS, &ks, &len) == 0)
		a->dropped += ks.tp_drops;
	st->received = a->received;
	st->dropped = a->dropped;
}

/* Unmap the ring, close the socket, free the interned names. */
static void
afpacket_close(struct source *s)
{
	struct afpacket *a = s->impl;
	int i;

	if (a == NULL)
		return;
	if (a->map != NULL)
		munmap(a->map, a->map_len);
	if (a->fd >= 0)
		close(a->fd);
	if (a->have_ufilter)
		pcap_freecode(&a->ufilter);
	for (i = 0; i < a->nnames; i++)
		free(a->names[i]);
	free(a->scratch);
	free(a);
}

static const struct source_ops afpacket_ops = {
	afpacket_next_batch, afpacket_stats, afpacket_close
};

/* The one-line cause for a failed socket() or bind(). */
static char *
afp_cause(const char *iface, int err)
{
	if (err == EPERM || err == EACCES)
		return xasprintf("cannot capture on %s: %s (run as root, or: "
		    "setcap cap_net_raw=ep wiretop)", iface,
		    AFPACKET_NO_PERMISSION);
	if (err == ENODEV || err == ENXIO)
		return xasprintf("cannot capture on %s: no such interface "
		    "(see wiretop -D)", iface);
	return xasprintf("cannot capture on %s: %s", iface, strerror(err));
}

/* Take the pending message about the interface, if any. */
bool
afpacket_notice(struct source *s, char *buf, size_t len)
{
	struct afpacket *a = s->impl;

	if (!a->have_notice)
		return false;
	snprintf(buf, len, "%s", a->notice);
	a->have_notice = false;
	return true;
}

/* Is the interface down or gone? */
bool
afpacket_is_down(struct source *s)
{
	struct afpacket *a = s->impl;

	return a->down;
}

/* Open the socket, ring and kernel filter, then bind (see afpacket.h). */
struct source *
source_open_live(const struct afpacket_config *cfg, char **cause)
{
	struct afpacket *a;
	struct source *s;
	struct ifreq ifr;
	int link, err;
	short flags;

	a = xcalloc(1, sizeof *a);
	a->fd = -1;
	a->any = strcmp(cfg->iface, "any") == 0;
	a->promisc = cfg->promisc;
	if (strlen(cfg->iface) >= sizeof a->iface) {
		*cause = afp_cause(cfg->iface, ENODEV);
		free(a);
		return NULL;
	}
	snprintf(a->iface, sizeof a->iface, "%s", cfg->iface);
	if (!a->any) {
		a->ifindex = (int)if_nametoindex(cfg->iface);
		if (a->ifindex == 0) {
			*cause = afp_cause(cfg->iface, ENODEV);
			free(a);
			return NULL;
		}
	}
	/* Which kind of socket: raw Ethernet, or cooked with SLL2. */
	a->cooked = a->any;
	if (!a->any) {
		a->fd = socket(AF_INET, SOCK_DGRAM, 0);
		memset(&ifr, 0, sizeof ifr);
		snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", a->iface);
		if (a->fd >= 0 && ioctl(a->fd, SIOCGIFHWADDR, &ifr) == 0 &&
		    ifr.ifr_hwaddr.sa_family != ARPHRD_ETHER &&
		    ifr.ifr_hwaddr.sa_family != ARPHRD_LOOPBACK)
			a->cooked = true;
		if (a->fd >= 0)
			close(a->fd);
	}
	/* Protocol 0: nothing arrives before bind(), after the filter. */
	a->fd = socket(AF_PACKET, a->cooked ? SOCK_DGRAM : SOCK_RAW, 0);
	if (a->fd < 0) {
		*cause = afp_cause(cfg->iface, errno);
		free(a);
		return NULL;
	}
	link = a->cooked ? LINK_LINUX_SLL2 : LINK_ETHERNET;
	s = xcalloc(1, sizeof *s);
	s->ops = &afpacket_ops;
	s->impl = a;
	s->link = link;
	s->snaplen = cfg->snaplen > 0 ? cfg->snaplen : SNAPLEN_MAX;
	snprintf(s->name, sizeof s->name, "%s", cfg->iface);
	a->scratch_len = (size_t)s->snaplen + SLL2_HDR_LEN + VLAN_TAG_LEN;
	a->scratch = xmalloc(a->scratch_len);

	if (afp_set_ring(a, cfg, cause) != 0 ||
	    afp_set_filter(a, cfg, link, cause) != 0)
		goto fail;
	if (afp_bind(a) != 0) {
		err = errno;
		*cause = afp_cause(cfg->iface, err);
		goto fail;
	}
	if (!a->any && afp_lookup(a, &a->ifindex, &flags) &&
	    !(flags & IFF_UP)) {
		a->down = true;
		afp_notice(a, "%s: the interface is down; capture starts "
		    "when it comes up", a->iface);
	}
	return s;
fail:
	source_close(s);
	return NULL;
}
