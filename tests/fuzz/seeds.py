#!/usr/bin/env python3
"""Seed corpora for wiretop's fuzz targets, cut from public captures.

    seeds.py decode CAPDIR OUTDIR   one file per distinct frame: a link
                                    selector byte, a flags byte, the frame
                                    (the input format of fuzz_decode.c)
    seeds.py pcap CAPDIR OUTDIR     each capture file, cut to its first
                                    MAX_PCAP bytes (fuzz_pcap.c)
    seeds.py filter OUTDIR          filter expressions and command lines,
                                    one word a line (fuzz_filter.c)
    seeds.py escape OUTDIR          hostile texts: control bytes, C1 and
                                    bidi code points, broken UTF-8
                                    (fuzz_escape.c)
    seeds.py dfilter OUTDIR         display filters in Wireshark's
                                    language, one a file (fuzz_dfilter.c)

Python 3 standard library only.  Reads classic pcap (both byte orders,
micro- and nanosecond) and pcapng (section, interface, enhanced and simple
packet blocks); files it cannot parse are skipped.
"""

import hashlib
import os
import struct
import sys

# fuzz_decode.c's link_types[], by pcap LINKTYPE value.
LINK_SELECTOR = {1: 0, 113: 1, 276: 2, 0: 3, 108: 4, 101: 5, 12: 6, 14: 7,
                 228: 8, 229: 9}
MAX_FRAMES_PER_FILE = 64
MAX_FRAME = 4094        # seeds stay under libFuzzer's -max_len 4096
MAX_PCAP = 16384


def read_pcap(buf):
    """Yield (linktype, frame, wirelen) from a classic pcap."""
    magic = buf[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        return
    if len(buf) < 24:
        return
    link = struct.unpack(e + "I", buf[20:24])[0] & 0x0FFFFFFF
    off = 24
    while off + 16 <= len(buf):
        _, _, incl, orig = struct.unpack(e + "IIII", buf[off:off + 16])
        off += 16
        if incl > len(buf) - off:
            return
        yield link, buf[off:off + incl], orig
        off += incl


def read_pcapng(buf):
    """Yield (linktype, frame, wirelen) from a pcapng file."""
    off, e, links = 0, "<", []
    while off + 12 <= len(buf):
        btype = struct.unpack(e + "I", buf[off:off + 4])[0]
        if btype == 0x0A0D0D0A:
            bom = buf[off + 8:off + 12]
            e = "<" if bom == b"\x4d\x3c\x2b\x1a" else ">"
            links = []
        blen = struct.unpack(e + "I", buf[off + 4:off + 8])[0]
        if blen < 12 or off + blen > len(buf):
            return
        body = buf[off + 8:off + blen - 4]
        if btype == 1 and len(body) >= 2:
            links.append(struct.unpack(e + "H", body[:2])[0])
        elif btype == 6 and len(body) >= 20:
            ifid, _, _, cap, orig = struct.unpack(e + "IIIII", body[:20])
            if ifid < len(links):
                yield links[ifid], body[20:20 + cap], orig
        elif btype == 3 and len(body) >= 4 and links:
            orig = struct.unpack(e + "I", body[:4])[0]
            yield links[0], body[4:4 + orig], orig
        off += blen


def frames(path):
    """The frames of one capture file, or nothing if it is not one."""
    try:
        with open(path, "rb") as f:
            buf = f.read()
    except OSError:
        return
    try:
        if buf[:4] == b"\x0a\x0d\x0d\x0a":
            yield from read_pcapng(buf)
        else:
            yield from read_pcap(buf)
    except struct.error:
        return


def captures(capdir):
    """Every file of capdir, in name order."""
    for name in sorted(os.listdir(capdir)):
        path = os.path.join(capdir, name)
        if os.path.isfile(path):
            yield name, path


def write_unique(outdir, data, seen):
    """Write data under its hash unless an equal seed exists."""
    h = hashlib.sha1(data).hexdigest()
    if h in seen:
        return 0
    seen.add(h)
    with open(os.path.join(outdir, h), "wb") as f:
        f.write(data)
    return 1


def seed_decode(capdir, outdir):
    """One seed per distinct frame of a link type fuzz_decode knows."""
    os.makedirs(outdir, exist_ok=True)
    seen, n = set(), 0
    for _, path in captures(capdir):
        for i, (link, frame, orig) in enumerate(frames(path)):
            if i >= MAX_FRAMES_PER_FILE:
                break
            if link not in LINK_SELECTOR:
                continue
            frame = frame[:MAX_FRAME]
            lost = max(0, min(127, orig - len(frame)))
            n += write_unique(outdir, bytes([LINK_SELECTOR[link], lost << 1])
                              + frame, seen)
    return n


def seed_pcap(capdir, outdir):
    """Each capture file, cut short if large (libpcap reports the cut)."""
    os.makedirs(outdir, exist_ok=True)
    seen, n = set(), 0
    for _, path in captures(capdir):
        with open(path, "rb") as f:
            n += write_unique(outdir, f.read(MAX_PCAP), seen)
    return n


FILTER_SEEDS = [
    "tcp port 80",
    "udp and not port 53",
    "host 10.0.0.1 and (tcp[tcpflags] & tcp-syn != 0)",
    "ip6 and icmp6",
    "vlan 100 and ip",
    "ether host 00:11:22:33:44:55",
    "net 192.168.0.0/16 or net 2001:db8::/32",
    "ip[2:2] > 576 and greater 100 and less 1500",
    "portrange 1-1023",
    "icmp[icmptype] == icmp-echo",
    "gre or proto 47 or ip proto \\udp",
    "tcp\nip.src\ntcp.flags\n-T\nfields\n-e\nip.dst\n-e\ntcp.srcport",
    "udp\n-r\nx.pcap\n-Y\nudp port 53\n--stats=json\n--ring\n64k\n"
    "--max-flows\n1M",
    "arp\n-c\n10\n-s\n128\n-n\n-P\n-V\n-x\nport\n53",
    "\n-i\neth0\n-B\n8\n--duration\n2.5\n--top\n5\n-p\n-Z\nnobody",
    "\n--ring-mb\n16\n--stats\n--list-fields\n-D",
    "\n-f\nicmp\ntcp",
    "\n-cx\n-s999999\n--ring=0\n--max-flows=-1\n--duration=nan",
    "\n-T\njson\n-e\nframe.len",
    "\nframe.number\nframe.time_epoch\nudp.length\ndns.qry.name\nicmp.type",
]


# Display filters: every operator, literal kind, slice and function.
DFILTER_SEEDS = [
    "ip.addr == 10.0.0.1 and not udp or tcp.port in {80, 443, 8000..8080}",
    "!(tcp.flags & 0x12) && ip.src != ip.dst || eth.dst[0] & 1",
    "ip.addr !== 10.0.0.1 or ip.addr === 10.0.0.2 or ip.ttl ~= 64",
    "ip.src#2 == 10.0.0.1 and count(ip.src) == 2 and len(ip) >= 20",
    "eth.src[0:3] == 00:11:22 and eth.addr == 66-77-88-99-aa-bb",
    "udp[8:2] == 1a:2b or udp[-2:] == 00:01 or frame[1-2,4:] contains 11",
    "dns.qry.name matches \"^a\\\\.EX\" or dns.qry.name contains \"\\x61\"",
    "ipv6.addr == 2001:db8::/32 and tcp.options.mss_val ge 1460",
    "ip.proto == UDP && eth.type == IPv4 && icmp.type lt 4",
    "frame.len > 60 and frame.time_relative <= 1.5 and r\"x\" == dns",
    "ip.ttl not in {1..63} and tcp.srcport == 'a' and ip.dst gt 10.0.0.0",
    "((((udp)))) and not not ip",
]

# Texts that once reached a terminal or a JSON parser raw.
ESCAPE_SEEDS = [
    b"x\x1b]0;pwned\x07.example.com",
    b"a\rb\nc\x08d\x7fe\x00f",
    b"c1 \xc2\x9b\xc2\x9d raw \x9b",
    b"bidi \xe2\x80\xae evil \xe2\x81\xa6 \xd8\x9c \xe2\x80\x8f",
    b"bad \xff\xfe \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \xe2\x82",
    b"caf\xc3\xa9 \xf0\x9f\x98\x80 \xf3\xa0\x80\x81 \xef\xbf\xbe",
    b"already \\033 escaped \\u009B and \xef\xbf\xbd",
]


def seed_escape(outdir):
    """The fixed escaping seeds."""
    os.makedirs(outdir, exist_ok=True)
    seen, n = set(), 0
    for s in ESCAPE_SEEDS:
        n += write_unique(outdir, s, seen)
    return n


def seed_filter(outdir):
    """The fixed filter and command-line seeds."""
    os.makedirs(outdir, exist_ok=True)
    seen, n = set(), 0
    for s in FILTER_SEEDS:
        n += write_unique(outdir, s.encode(), seen)
    return n


def seed_dfilter(outdir):
    """The fixed display-filter seeds."""
    os.makedirs(outdir, exist_ok=True)
    seen, n = set(), 0
    for s in DFILTER_SEEDS:
        n += write_unique(outdir, s.encode(), seen)
    return n


def main(argv):
    if len(argv) == 4 and argv[1] == "decode":
        n = seed_decode(argv[2], argv[3])
    elif len(argv) == 4 and argv[1] == "pcap":
        n = seed_pcap(argv[2], argv[3])
    elif len(argv) == 3 and argv[1] == "filter":
        n = seed_filter(argv[2])
    elif len(argv) == 3 and argv[1] == "dfilter":
        n = seed_dfilter(argv[2])
    elif len(argv) == 3 and argv[1] == "escape":
        n = seed_escape(argv[2])
    else:
        sys.stderr.write(__doc__)
        return 2
    print("%d seeds" % n)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
