#!/usr/bin/env python3
"""Captures whose text is hostile, for tests/hostile_text.sh.

    gen_hostile.py OUTDIR

writes
    dns-hostile.pcap     DNS queries and responses whose names (question,
                         CNAME, PTR, NS, MX, SOA, SRV) and TXT strings hold
                         escape sequences (OSC title, clear screen), BEL,
                         CR, LF, BS, DEL, NUL, raw and UTF-8 C1 controls,
                         bidi overrides and isolates, invalid UTF-8, and
                         names long enough to be cut inside a UTF-8
                         sequence; printable UTF-8 too (it must stay)
    ifname-hostile.pcapng  the same packets from a pcapng interface whose
                         name holds an escape sequence, BEL and U+202E

Python 3 standard library only (and tests/gen_pcaps.py beside it).
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_pcaps as g  # noqa: E402

# Labels, raw bytes: each list is one name.
NAMES = [
    [b"x\x1b]0;pwned\x07", b"example", b"com"],
    [b"clear\x1b[2J\x1b[H", b"example", b"com"],
    [b"a\rb\nc\x08d\x7fe\x09f", b"com"],
    [b"nul\x00cut", b"com"],
    [b"c1raw\x9b\x9dx", b"com"],
    [b"c1utf\xc2\x9b\xc2\x9dx", b"com"],
    [b"bidi\xe2\x80\xaeevil", b"com"],
    [b"iso\xe2\x81\xa6\xd8\x9c\xe2\x80\x8f", b"com"],
    [b"bad\xff\xfe\x80utf\xe2\x82", b"com"],
    [b"caf\xc3\xa9", b"\xe4\xbe\x8b", b"com"],
    # 4 labels of 31 two-byte C1 controls: each becomes "\u009B", so the
    # escaped name (over 700 bytes) must be cut, never inside a sequence.
    [b"\xc2\x9b" * 31] * 4,
    # 4 labels of 21 three-byte printable characters: 252 bytes, cut in
    # any fixed buffer that is not a multiple of three.
    [b"\xe2\x82\xac" * 21] * 4,
]


def rawname(labels):
    """A name in wire form, no compression."""
    return b"".join(bytes([len(x)]) + x for x in labels) + b"\0"


def rr(labels, rtype, rdata, ttl=300):
    """A resource record with a raw owner name."""
    return (rawname(labels) + struct.pack("!HHIH", rtype, 1, ttl,
                                          len(rdata)) + rdata)


def query(ident, labels, qtype=1):
    """A query for one raw name."""
    return (struct.pack("!HHHHHH", ident, 0x0100, 1, 0, 0, 0) +
            rawname(labels) + struct.pack("!HH", qtype, 1))


def response(ident, labels, answers):
    """A response to a query for labels with the given raw records."""
    return (struct.pack("!HHHHHH", ident, 0x8180, 1, len(answers), 0, 0) +
            rawname(labels) + struct.pack("!HH", 1, 1) + b"".join(answers))


def messages():
    """Every DNS message of the capture, client to server or back."""
    out = []
    ident = 1
    for labels in NAMES:
        out.append((True, query(ident, labels)))
        other = NAMES[(ident) % len(NAMES)]
        answers = [
            rr(labels, g.T_CNAME, rawname(other)),
            rr(labels, g.T_NS, rawname(other)),
            rr(labels, g.T_PTR, rawname(other)),
            rr(labels, g.T_MX, struct.pack("!H", 10) + rawname(other)),
            rr(labels, g.T_TXT, bytes([len(b"".join(labels)[:255])]) +
               b"".join(labels)[:255]),
            rr(labels, g.T_SOA, rawname(other) + rawname(labels) +
               struct.pack("!IIIII", 1, 2, 3, 4, 5)),
            rr([b"_sip\x1b[1m", b"_tcp"] + labels[-1:], 33,
               struct.pack("!HHH", 1, 2, 5060) + rawname(other)),
            rr(labels, g.T_A, bytes([192, 0, 2, ident])),
        ]
        out.append((False, response(ident, labels, answers)))
        ident += 1
    return out


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    outdir = argv[1]
    os.makedirs(outdir, exist_ok=True)
    cap = g.Capture(1700000000)
    cli, srv = "192.0.2.10", "192.0.2.53"
    for i, (from_client, msg) in enumerate(messages()):
        s, d = (cli, srv) if from_client else (srv, cli)
        sp, dp = (40000 + i // 2, 53) if from_client else (53, 40000 + i // 2)
        seg = g.udp(s, d, sp, dp, msg)
        cap.add(g.v4frame("02:00:00:00:00:01", "02:00:00:00:00:02", s, d,
                          17, seg))
    g.write_pcap(os.path.join(outdir, "dns-hostile.pcap"), 1, cap)
    g.write_pcapng(os.path.join(outdir, "ifname-hostile.pcapng"), 1, cap,
                   ifname="e\x1b[2Jth\x07\u202e0\x1b]0;if\x07")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
