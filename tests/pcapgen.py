"""The building blocks of wiretop's test captures: addresses, checksums,
headers from Ethernet to DNS, a capture clock, TCP conversations, and pcap
and pcapng writers.  gen_pcaps.py builds its files from these, and scripts
that craft a capture of their own use them through gen_pcaps (which
re-exports every name here).

Python 3 standard library only; every byte is deterministic.
"""

import os
import socket
import struct
import sys

BASE_TS = 1700000000            # 2023-11-14 22:13:20 UTC

LINKTYPE_ETHERNET = 1
LINKTYPE_RAW = 101
LINKTYPE_LINUX_SLL = 113

# TCP flag bits.
FIN, SYN, RST, PSH, ACK, URG, ECE, CWR = 1, 2, 4, 8, 16, 32, 64, 128

MAC_A = "00:11:22:33:44:55"     # client host
MAC_B = "66:77:88:99:aa:bb"     # gateway / server side
MAC_C = "02:00:5e:10:00:01"     # another LAN host
BCAST = "ff:ff:ff:ff:ff:ff"

IP_A = "10.0.0.1"
IP_B = "10.0.0.2"
IP_GW = "10.0.0.254"
IP_WEB = "93.184.216.34"
IP_DNS = "9.9.9.9"

IP6_A = "2001:db8:1::10"
IP6_B = "2001:db8:2::20"
LL6_A = "fe80::211:22ff:fe33:4455"
LL6_B = "fe80::6477:88ff:fe99:aabb"


# ---------------------------------------------------------------------------
# Addresses and checksums

def mac(s):
    """Six bytes of a colon-separated MAC address."""
    return bytes(int(x, 16) for x in s.split(":"))


def ip4(s):
    """Four bytes of a dotted IPv4 address."""
    return socket.inet_pton(socket.AF_INET, s)


def ip6(s):
    """Sixteen bytes of an IPv6 address."""
    return socket.inet_pton(socket.AF_INET6, s)


def inet_csum(data):
    """The Internet checksum (RFC 1071) of data."""
    if len(data) % 2:
        data = bytes(data) + b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def pseudo(src, dst, proto, length):
    """The IPv4 or IPv6 pseudo-header for a transport checksum."""
    if len(src) == 4:
        return src + dst + struct.pack("!BBH", 0, proto, length)
    return src + dst + struct.pack("!IxxxB", length, proto)


def bad(csum):
    """A checksum that is certainly wrong."""
    return csum ^ 0x5A5A


# ---------------------------------------------------------------------------
# Link layers

def eth(dst, src, etype, payload, pad=False):
    """An Ethernet II frame; pad=True pads it to 60 bytes like a NIC."""
    f = mac(dst) + mac(src) + struct.pack("!H", etype) + payload
    if pad and len(f) < 60:
        f += b"\0" * (60 - len(f))
    return f


def vlan(tci_list, etype, payload):
    """Ethertype + tags: tci_list is [(tpid, pcp, dei, vid), ...] outer first."""
    out = b""
    types = [t[0] for t in tci_list[1:]] + [etype]
    for (tpid, pcp, dei, vid), nxt in zip(tci_list, types):
        out += struct.pack("!HH", (pcp << 13) | (dei << 12) | vid, nxt)
    return struct.pack("!H", tci_list[0][0]), out + payload


def eth_vlan(dst, src, tags, etype, payload, pad=False):
    """An Ethernet frame with 802.1Q / 802.1ad tags."""
    first, body = vlan(tags, etype, payload)
    f = mac(dst) + mac(src) + first + body
    if pad and len(f) < 64:
        f += b"\0" * (64 - len(f))
    return f


def sll(pkttype, hwaddr, proto, payload, arphrd=1):
    """A Linux cooked (v1) header and payload."""
    addr = mac(hwaddr) if hwaddr else b""
    return (struct.pack("!HHH", pkttype, arphrd, len(addr)) +
            addr.ljust(8, b"\0") + struct.pack("!H", proto) + payload)


def arp(op, sha, spa, tha, tpa):
    """An ARP packet for Ethernet/IPv4."""
    return (struct.pack("!HHBBH", 1, 0x0800, 6, 4, op) + mac(sha) +
            ip4(spa) + mac(tha) + ip4(tpa))


# ---------------------------------------------------------------------------
# IPv4 and its options

def ipv4(src, dst, proto, payload, ident=0x1000, ttl=64, tos=0, df=True,
         mf=False, frag=0, options=b"", badsum=False):
    """An IPv4 datagram; frag is the fragment offset in bytes."""
    opts = options + b"\0" * ((4 - len(options) % 4) % 4)
    ihl = 5 + len(opts) // 4
    flags = (0x4000 if df else 0) | (0x2000 if mf else 0) | (frag // 8)
    hdr = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, tos,
                      ihl * 4 + len(payload), ident, flags, ttl, proto, 0,
                      ip4(src), ip4(dst)) + opts
    c = inet_csum(hdr)
    if badsum:
        c = bad(c)
    return hdr[:10] + struct.pack("!H", c) + hdr[12:] + payload


def opt_rr(addrs, slots, ptr=None):
    """IPv4 record route option with slots entries, addrs filled in."""
    body = b"".join(ip4(a) for a in addrs).ljust(4 * slots, b"\0")
    if ptr is None:
        ptr = 4 + 4 * len(addrs)
    return struct.pack("!BBB", 7, 3 + 4 * slots, ptr) + body


def opt_ra():
    """IPv4 router alert option (RFC 2113)."""
    return b"\x94\x04\x00\x00"


def opt_ts(stamps, slots):
    """IPv4 timestamp option, flag 0 (timestamps only)."""
    body = b"".join(struct.pack("!I", t) for t in stamps).ljust(4 * slots,
                                                               b"\0")
    return struct.pack("!BBBB", 68, 4 + 4 * slots, 5 + 4 * len(stamps),
                       0) + body


def opt_ts_addr(pairs, slots):
    """IPv4 timestamp option, flag 1 (address and timestamp pairs)."""
    body = b"".join(ip4(a) + struct.pack("!I", t) for a, t in pairs)
    body = body.ljust(8 * slots, b"\0")
    return struct.pack("!BBBB", 68, 4 + 8 * slots, 5 + 8 * len(pairs),
                       1) + body


# ---------------------------------------------------------------------------
# IPv6 and its extension headers

def ipv6(src, dst, nh, payload, hlim=64, tc=0, flow=0):
    """An IPv6 packet; payload includes any extension headers."""
    return (struct.pack("!IHBB", (6 << 28) | (tc << 20) | flow,
                        len(payload), nh, hlim) + ip6(src) + ip6(dst) +
            payload)


def _pad_opts(opts):
    """Pad an options area so that 2 + len is a multiple of 8."""
    n = (8 - (2 + len(opts)) % 8) % 8
    if n == 1:
        return opts + b"\0"
    if n:
        return opts + bytes([1, n - 2]) + b"\0" * (n - 2)
    return opts


def ext_opts(nh, opts):
    """A hop-by-hop or destination options header."""
    body = _pad_opts(opts)
    return bytes([nh, (2 + len(body)) // 8 - 1]) + body


def ext_srh(nh, segments, segleft):
    """A segment routing header (routing type 4, RFC 8754)."""
    n = len(segments)
    return (struct.pack("!BBBBBBH", nh, 2 * n, 4, segleft, n - 1, 0, 0) +
            b"".join(ip6(s) for s in segments))


def ext_frag(nh, offset, more, ident):
    """An IPv6 fragment header; offset in bytes."""
    return struct.pack("!BBHI", nh, 0, (offset // 8) << 3 | (1 if more else 0),
                       ident)


# ---------------------------------------------------------------------------
# Transports

def tcp(src, dst, sport, dport, seq, ack, flags, win=64240, options=b"",
        payload=b"", urp=0, badsum=False):
    """A TCP segment with its checksum over the pseudo-header of src/dst."""
    opts = options + b"\0" * ((4 - len(options) % 4) % 4)
    off = (20 + len(opts)) // 4
    hdr = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF,
                      ack & 0xFFFFFFFF, off << 4, flags, win, 0, urp) + opts
    seg = hdr + payload
    s, d = _addr(src), _addr(dst)
    c = inet_csum(pseudo(s, d, 6, len(seg)) + seg)
    if badsum:
        c = bad(c)
    return seg[:16] + struct.pack("!H", c) + seg[18:]


def udp(src, dst, sport, dport, payload, csum="ok"):
    """A UDP datagram; csum is "ok", "zero" or "bad"."""
    length = 8 + len(payload)
    dgram = struct.pack("!HHHH", sport, dport, length, 0) + payload
    if csum == "zero":
        return dgram
    s, d = _addr(src), _addr(dst)
    c = inet_csum(pseudo(s, d, 17, length) + dgram)
    if c == 0:
        c = 0xFFFF
    if csum == "bad":
        c = bad(c)
    return dgram[:6] + struct.pack("!H", c) + dgram[8:]


def _addr(a):
    """Bytes of an IPv4 or IPv6 address given as text."""
    return ip6(a) if ":" in a else ip4(a)


def icmp(typ, code, rest, payload=b"", badsum=False):
    """An ICMP message; rest is the 4 bytes after the checksum."""
    m = struct.pack("!BBH", typ, code, 0) + rest + payload
    c = inet_csum(m)
    if badsum:
        c = bad(c)
    return m[:2] + struct.pack("!H", c) + m[4:]


def icmp6(src, dst, typ, code, body):
    """An ICMPv6 message with its pseudo-header checksum."""
    m = struct.pack("!BBH", typ, code, 0) + body
    c = inet_csum(pseudo(ip6(src), ip6(dst), 58, len(m)) + m)
    return m[:2] + struct.pack("!H", c) + m[4:]


def igmp(typ, maxresp, group, extra=b""):
    """An IGMP message (v1/v2 when extra is empty)."""
    m = struct.pack("!BBH4s", typ, maxresp, 0, ip4(group)) + extra
    c = inet_csum(m)
    return m[:2] + struct.pack("!H", c) + m[4:]


def igmp3_report(records):
    """An IGMPv3 membership report; records: (type, group, [sources])."""
    body = b""
    for rtype, group, srcs in records:
        body += struct.pack("!BBH4s", rtype, 0, len(srcs), ip4(group))
        body += b"".join(ip4(s) for s in srcs)
    m = struct.pack("!BBHHH", 0x22, 0, 0, 0, len(records)) + body
    c = inet_csum(m)
    return m[:2] + struct.pack("!H", c) + m[4:]


def pattern(n, start=0):
    """n bytes of a printable pattern no dissector mistakes for anything."""
    return bytes(0x61 + (start + i) % 26 for i in range(n))


# ---------------------------------------------------------------------------
# DNS

class Dns:
    """A DNS message under construction, with name compression."""

    def __init__(self, ident, flags):
        self.buf = bytearray(12)
        self.ident, self.flags = ident, flags
        self.counts = [0, 0, 0, 0]
        self.names = {}

    def name(self, n):
        """Append a name, pointing at a suffix already written if any."""
        labels = [x for x in n.rstrip(".").split(".") if x]
        for i in range(len(labels)):
            suffix = ".".join(labels[i:]).lower()
            if suffix in self.names:
                self.buf += struct.pack("!H", 0xC000 | self.names[suffix])
                return
            if len(self.buf) < 0x3FFF:
                self.names[suffix] = len(self.buf)
            lab = labels[i].encode()
            self.buf += bytes([len(lab)]) + lab
        self.buf += b"\0"

    def question(self, n, qtype, qclass=1):
        """Append a question."""
        self.name(n)
        self.buf += struct.pack("!HH", qtype, qclass)
        self.counts[0] += 1

    def rr(self, section, n, rtype, rdata, ttl=300, rclass=1):
        """Append a resource record; rdata is bytes or a list of parts
        where a str part is a (compressible) domain name."""
        self.name(n)
        self.buf += struct.pack("!HHIH", rtype, rclass, ttl, 0)
        at = len(self.buf)
        for part in (rdata if isinstance(rdata, list) else [rdata]):
            if isinstance(part, str):
                self.name(part)
            else:
                self.buf += part
        struct.pack_into("!H", self.buf, at - 2, len(self.buf) - at)
        self.counts[section] += 1

    def bytes(self):
        """The finished message."""
        struct.pack_into("!HHHHHH", self.buf, 0, self.ident, self.flags,
                         *self.counts)
        return bytes(self.buf)


T_A, T_NS, T_CNAME, T_SOA, T_PTR, T_MX, T_TXT, T_AAAA = 1, 2, 5, 6, 12, 15, \
    16, 28
AN, NS, AR = 1, 2, 3


def txt(*strings):
    """TXT rdata: length-prefixed character strings."""
    return b"".join(bytes([len(s)]) + s.encode() for s in strings)


# ---------------------------------------------------------------------------
# Capture writers

class Capture:
    """Packets with timestamps for one file."""

    def __init__(self, start, step_us=1250):
        self.t_ns = start * 1000000000
        self.step_ns = step_us * 1000
        self.pkts = []

    def add(self, data, caplen=None, gap_us=None, extra_ns=0):
        """Append a packet; gap_us overrides the usual time step."""
        self.pkts.append((self.t_ns + extra_ns, data,
                          len(data) if caplen is None else caplen))
        self.t_ns += (self.step_ns if gap_us is None else gap_us * 1000)


def write_pcap(path, linktype, cap, nsec=False, big_endian=False):
    """Write a classic pcap file (microsecond or nanosecond)."""
    e = ">" if big_endian else "<"
    magic = 0xA1B23C4D if nsec else 0xA1B2C3D4
    out = [struct.pack(e + "IHHiIII", magic, 2, 4, 0, 0, 65535, linktype)]
    for t_ns, data, caplen in cap.pkts:
        sec, frac = divmod(t_ns, 1000000000)
        if not nsec:
            frac //= 1000
        out.append(struct.pack(e + "IIII", sec, frac, caplen, len(data)))
        out.append(data[:caplen])
    with open(path, "wb") as f:
        f.write(b"".join(out))


def _pcapng_block(btype, body):
    """One pcapng block, padded, with both length words."""
    body += b"\0" * ((4 - len(body) % 4) % 4)
    n = 12 + len(body)
    return struct.pack("<II", btype, n) + body + struct.pack("<I", n)


def _pcapng_opt(code, value):
    """One pcapng option, padded."""
    return (struct.pack("<HH", code, len(value)) + value +
            b"\0" * ((4 - len(value) % 4) % 4))


def write_pcapng(path, linktype, cap, ifname="eth0"):
    """Write a pcapng file: one section, one interface, enhanced packets."""
    shb = _pcapng_block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)
                        + _pcapng_opt(4, b"wiretop gen_pcaps.py")
                        + _pcapng_opt(0, b""))
    idb = _pcapng_block(1, struct.pack("<HHI", linktype, 0, 65535)
                        + _pcapng_opt(2, ifname.encode())
                        + _pcapng_opt(9, b"\x06")
                        + _pcapng_opt(0, b""))
    out = [shb, idb]
    for t_ns, data, caplen in cap.pkts:
        ts = t_ns // 1000
        out.append(_pcapng_block(6, struct.pack("<IIIII", 0, ts >> 32,
                                                ts & 0xFFFFFFFF, caplen,
                                                len(data)) + data[:caplen]))
    with open(path, "wb") as f:
        f.write(b"".join(out))


# ---------------------------------------------------------------------------
# Conversations

class Tcp:
    """One TCP connection between a client and a server, tracking seq/ack."""

    def __init__(self, cap, frame, cli, srv, cport, sport, ciss, siss):
        self.cap, self.frame = cap, frame
        self.cli, self.srv, self.cport, self.sport = cli, srv, cport, sport
        self.seq = {True: ciss, False: siss}
        self.ts = {True: 1000000, False: 2000000}

    def send(self, from_client, flags, payload=b"", options=b"", win=None,
             ack=None, **kw):
        """Send one segment; SYN and FIN consume a sequence number."""
        c = from_client
        src, dst = (self.cli, self.srv) if c else (self.srv, self.cli)
        sp, dp = (self.cport, self.sport) if c else (self.sport, self.cport)
        if ack is None:
            ack = self.seq[not c] if flags & ACK else 0
        if win is None:
            win = 64240 if flags & SYN else 502
        seg = tcp(src, dst, sp, dp, self.seq[c], ack, flags, win, options,
                  payload, **kw)
        self.cap.add(self.frame(c, seg))
        self.seq[c] += len(payload) + (1 if flags & (SYN | FIN) else 0)
        self.seq[c] &= 0xFFFFFFFF

    def tsopt(self, from_client):
        """NOP NOP timestamps, advancing this side's clock."""
        self.ts[from_client] += 7
        return b"\x01\x01" + struct.pack("!BBII", 8, 10,
                                         self.ts[from_client],
                                         self.ts[not from_client])


def syn_opts(mss, ts_val, wscale):
    """The options of a Linux SYN: MSS, SACK-permitted, TS, NOP, WS."""
    return (struct.pack("!BBH", 2, 4, mss) + b"\x04\x02" +
            struct.pack("!BBII", 8, 10, ts_val, 0) + b"\x01" +
            struct.pack("!BBB", 3, 3, wscale))


def synack_opts(mss, ts_val, ts_ecr, wscale):
    """SYN-ACK options: MSS, SACK-permitted, TS echoing the SYN, NOP, WS."""
    return (struct.pack("!BBH", 2, 4, mss) + b"\x04\x02" +
            struct.pack("!BBII", 8, 10, ts_val, ts_ecr) + b"\x01" +
            struct.pack("!BBB", 3, 3, wscale))


def sack_opt(blocks):
    """NOP NOP SACK with (left, right) edges."""
    return b"\x01\x01" + struct.pack("!BB", 5, 2 + 8 * len(blocks)) + \
        b"".join(struct.pack("!II", l, r) for l, r in blocks)


def v4frame(l2src, l2dst, ipsrc, ipdst, proto, payload, pad=False, **ipkw):
    """Ethernet + IPv4."""
    return eth(l2dst, l2src, 0x0800,
               ipv4(ipsrc, ipdst, proto, payload, **ipkw), pad=pad)


def v6frame(l2src, l2dst, src, dst, nh, payload, **kw):
    """Ethernet + IPv6."""
    return eth(l2dst, l2src, 0x86DD, ipv6(src, dst, nh, payload, **kw))


def eth_tcp_conn(cap, cli, srv, cport, sport, ciss, siss, pad=True,
                 ident=0x4000):
    """A Tcp over Ethernet/IPv4 between MAC_A (client) and MAC_B."""
    ids = {True: ident, False: ident + 0x1000}

    def frame(c, seg):
        ids[c] += 1
        if c:
            return v4frame(MAC_A, MAC_B, cli, srv, 6, seg, pad=pad,
                           ident=ids[c])
        return v4frame(MAC_B, MAC_A, srv, cli, 6, seg, pad=pad,
                       ident=ids[c], ttl=56)
    return Tcp(cap, frame, cli, srv, cport, sport, ciss, siss)
