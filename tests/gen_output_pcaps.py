#!/usr/bin/env python3
"""Captures for tests/tshark_output.sh: -E quoting, -t time formats and
precisions, frame.time in local time zones, tcp.stream and udp.stream.

    gen_output_pcaps.py OUTDIR

writes
    streams.pcap     TCP connections that reuse their ports: after FIN,
                     after RST, a retransmitted SYN, a SYN with a new ISN
                     while open, a SYN/ACK with a new ISN, a connection
                     first seen mid-stream, a SYN in the reverse
                     direction; UDP conversations (one resumed later);
                     ICMP errors quoting 8 bytes of UDP and of TCP
    text.pcap        DNS names and TXT strings holding the characters -E
                     cares about: double and single quotes, comma,
                     semicolon, space, tab, backslash
    clock.pcap       times around midnight, New Year, a leap day and the
                     daylight-saving changes of Europe and the US, and
                     before 1970
    tsres-N.pcapng   one interface whose if_tsresol is N (decimal 1..10,
                     and base 2: b10, b20, b30)

Python 3 standard library only (and gen_pcaps.py beside it).
"""

import calendar
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_pcaps as g  # noqa: E402

MAC_A, MAC_B = "02:00:00:00:00:0a", "02:00:00:00:00:0b"
A, B, C = "10.0.0.1", "10.0.0.2", "10.0.0.3"
SYN, FIN, RST, PSH, ACK = 0x02, 0x01, 0x04, 0x08, 0x10


def v4(src, dst, proto, payload):
    """An Ethernet/IPv4 frame."""
    return g.eth(MAC_B, MAC_A, 0x0800, g.ipv4(src, dst, proto, payload),
                 pad=True)


def seg(cap, src, dst, sport, dport, seq, ack, flags, payload=b""):
    """Add one TCP segment."""
    cap.add(v4(src, dst, 6, g.tcp(src, dst, sport, dport, seq, ack, flags,
                                  payload=payload)))


def dgram(cap, src, dst, sport, dport, payload=b"data"):
    """Add one UDP datagram."""
    cap.add(v4(src, dst, 17, g.udp(src, dst, sport, dport, payload)))


def handshake(cap, port, ciss, siss):
    """SYN, SYN/ACK, ACK from A:port to B:80."""
    seg(cap, A, B, port, 80, ciss, 0, SYN)
    seg(cap, B, A, 80, port, siss, ciss + 1, SYN | ACK)
    seg(cap, A, B, port, 80, ciss + 1, siss + 1, ACK)


def gen_streams(cap):
    """TCP port reuse and UDP conversations (see the top)."""
    # Closed with FIN both ways, then the same ISN again.
    handshake(cap, 1001, 100, 500)
    seg(cap, A, B, 1001, 80, 101, 501, FIN | ACK)
    seg(cap, B, A, 80, 1001, 501, 102, FIN | ACK)
    seg(cap, A, B, 1001, 80, 102, 502, ACK)
    handshake(cap, 1001, 100, 600)
    # A SYN retransmitted, then a new ISN while the connection is open.
    handshake(cap, 1002, 100, 500)
    seg(cap, A, B, 1002, 80, 101, 501, PSH | ACK, b"hello")
    seg(cap, A, B, 1002, 80, 100, 0, SYN)
    seg(cap, A, B, 1002, 80, 200, 0, SYN)
    seg(cap, B, A, 80, 1002, 700, 201, SYN | ACK)
    # Reset, then the same ISN.
    seg(cap, A, B, 1003, 80, 100, 0, SYN)
    seg(cap, B, A, 80, 1003, 0, 101, RST | ACK)
    seg(cap, A, B, 1003, 80, 100, 0, SYN)
    # First seen mid-stream, then a SYN.
    seg(cap, A, B, 1004, 80, 5000, 9000, PSH | ACK, b"mid")
    seg(cap, B, A, 80, 1004, 9000, 5003, ACK)
    seg(cap, A, B, 1004, 80, 300, 0, SYN)
    # A SYN/ACK with a new ISN after the handshake.
    handshake(cap, 1005, 100, 500)
    seg(cap, B, A, 80, 1005, 900, 101, SYN | ACK)
    # One FIN, then a SYN the other way.
    handshake(cap, 1006, 100, 500)
    seg(cap, A, B, 1006, 80, 101, 501, FIN | ACK)
    seg(cap, B, A, 80, 1006, 700, 0, SYN)
    # A reset first, then a SYN.
    seg(cap, A, B, 1007, 80, 100, 0, RST)
    seg(cap, A, B, 1007, 80, 100, 0, SYN)
    # First seen mid-stream, then a SYN one below, and one at, that seq.
    seg(cap, A, B, 1008, 80, 5000, 0, ACK)
    seg(cap, A, B, 1008, 80, 4999, 0, SYN)
    seg(cap, A, B, 1009, 80, 6000, 0, ACK)
    seg(cap, A, B, 1009, 80, 6000, 0, SYN)
    # UDP: two conversations, the first resumed later, and the same ports
    # between other hosts.
    dgram(cap, A, B, 2000, 53)
    dgram(cap, B, A, 53, 2000)
    dgram(cap, A, B, 2001, 53)
    dgram(cap, A, C, 2000, 53)
    dgram(cap, B, A, 53, 2000)
    # ICMP errors quoting the first 8 bytes of a UDP and a TCP header (as
    # routers do): a known conversation and a new one each.
    for proto, sport, dport, head in (
            (17, 2001, 53, g.udp(A, B, 2001, 53, b"data")),
            (17, 3000, 3001, g.udp(A, B, 3000, 3001, b"data")),
            (6, 1002, 80, g.tcp(A, B, 1002, 80, 300, 0, ACK)),
            (6, 4000, 4001, g.tcp(A, B, 4000, 4001, 1, 0, ACK))):
        inner = g.ipv4(A, B, proto, head)[:28]
        cap.add(v4(C, A, 1, g.icmp(3, 3, b"\0\0\0\0", inner)))
    seg(cap, A, B, 4000, 4001, 1, 0, ACK)
    dgram(cap, A, B, 3000, 3001)
    # Quotes cut inside the TCP and the UDP header: where a layer stops
    # getting a stream index.
    for n in (12, 13, 14, 16, 19, 20):
        head = g.tcp(A, B, 4100 + n, 80, 1, 0, ACK)
        inner = g.ipv4(A, B, 6, head)[:20 + n]
        cap.add(v4(C, A, 1, g.icmp(3, 3, b"\0\0\0\0", inner)))
    for n in (4, 7):
        head = g.udp(A, B, 4200 + n, 53, b"data")
        inner = g.ipv4(A, B, 17, head)[:20 + n]
        cap.add(v4(C, A, 1, g.icmp(3, 3, b"\0\0\0\0", inner)))
    dgram(cap, A, B, 4299, 53)


def gen_text(cap):
    """DNS questions and TXT answers with separator-like characters."""
    names = ['quo"te.example', "apo'strophe.example", "com,ma.example",
             "semi;colon.example", "spa ce.example", "ta\tb.example",
             "back\\slash.example", "plain.example"]
    for i, n in enumerate(names):
        q = g.Dns(0x100 + i, 0x0100)
        q.question(n, g.T_TXT)
        r = g.Dns(0x100 + i, 0x8180)
        r.question(n, g.T_TXT)
        r.rr(g.AN, n, g.T_TXT, g.txt('say "hi"', "it's", "a,b"))
        r.rr(g.AN, n, g.T_TXT, g.txt("x\ty z"))
        dgram(cap, A, B, 5300 + i, 53, q.bytes())
        dgram(cap, B, A, 53, 5300 + i, r.bytes())


# UTC times: (y, m, d, H, M, S, nanoseconds)
CLOCK = [
    (2023, 11, 14, 23, 59, 59, 999999999), (2023, 11, 15, 0, 0, 0, 1000),
    (2023, 12, 31, 23, 59, 59, 500000000), (2024, 1, 1, 0, 0, 0, 0),
    (2024, 2, 29, 12, 0, 0, 123456789), (2024, 3, 10, 6, 59, 59, 0),
    (2024, 3, 10, 7, 0, 0, 0), (2024, 3, 31, 0, 59, 59, 0),
    (2024, 3, 31, 1, 0, 0, 0), (2024, 10, 27, 0, 59, 59, 0),
    (2024, 10, 27, 1, 0, 0, 0), (2024, 11, 3, 5, 59, 59, 0),
    (2024, 11, 3, 6, 0, 0, 0), (2024, 12, 31, 18, 29, 59, 0),
    (1969, 12, 31, 23, 59, 59, 250000000), (1965, 6, 1, 12, 0, 0, 0),
    (2038, 1, 19, 3, 14, 8, 0), (2100, 1, 1, 0, 0, 0, 0),
]


def write_clock(path):
    """A nanosecond pcapng file (pcap cannot hold times before 1970)."""
    cap = g.Capture(0)
    for n, t in enumerate(CLOCK):
        sec = calendar.timegm(t[:6] + (0, 0, 0))
        cap.pkts.append((sec * 1000000000 + t[6],
                         v4(A, B, 17, g.udp(A, B, 40000 + n, 9, b"t")),
                         None))
    write_pcapng_res(path, cap, 9)


def write_pcapng_res(path, cap, tsresol):
    """A pcapng file whose interface has if_tsresol tsresol."""
    shb = g._pcapng_block(0x0A0D0D0A,
                          struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)
                          + g._pcapng_opt(0, b""))
    idb = g._pcapng_block(1, struct.pack("<HHI", 1, 0, 65535)
                          + g._pcapng_opt(2, b"eth0")
                          + g._pcapng_opt(9, bytes([tsresol]))
                          + g._pcapng_opt(0, b""))
    if tsresol & 0x80:
        units = 1 << (tsresol & 0x7F)
    else:
        units = 10 ** tsresol
    out = [shb, idb]
    for t_ns, data, _ in cap.pkts:
        ts = t_ns * units // 1000000000
        if ts < 0:
            ts &= (1 << 64) - 1
        out.append(g._pcapng_block(6, struct.pack(
            "<IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, len(data), len(data))
            + data))
    with open(path, "wb") as f:
        f.write(b"".join(out))


def main(argv):
    """Write every capture into argv[1]."""
    if len(argv) != 2:
        sys.stderr.write("usage: gen_output_pcaps.py OUTDIR\n")
        return 2
    out = argv[1]
    os.makedirs(out, exist_ok=True)
    cap = g.Capture(1700000000, step_us=1000)
    gen_streams(cap)
    g.write_pcap(os.path.join(out, "streams.pcap"), 1, cap)
    cap = g.Capture(1700000100, step_us=1000)
    gen_text(cap)
    g.write_pcap(os.path.join(out, "text.pcap"), 1, cap)
    write_clock(os.path.join(out, "clock.pcapng"))
    for res in (1, 2, 3, 4, 5, 7, 8, 9, 10, 0x8A, 0x94, 0x9E):
        cap = g.Capture(1700000200, step_us=1)
        for n in range(3):
            cap.add(v4(A, B, 17, g.udp(A, B, 40000 + n, 9, b"r")),
                    extra_ns=123456789 * n)
        name = "tsres-%s.pcapng" % (("b%d" % (res & 0x7F)) if res & 0x80
                                    else str(res))
        write_pcapng_res(os.path.join(out, name), cap, res)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
