#!/usr/bin/env python3
"""Write pcapng files whose timestamps sit at the ends of the time scale.

Usage: gen_time_pcaps.py OUTDIR

Each file has one interface whose if_tsresol (option 9) and if_tsoffset
(option 14) options put a packet's time where seconds * 10^9 no longer
fits in 64 bits, followed by packets at ordinary times, so that relative
and delta times cross the whole range.  The packets are small Ethernet/
IPv4/UDP frames built with gen_pcaps.py's helpers.
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_pcaps as g  # noqa: E402

LINKTYPE_ETHERNET = 1
U64_MAX = (1 << 64) - 1


def frame(n):
    """The n-th test frame: a UDP datagram with n in its payload."""
    dg = g.udp("10.0.0.1", "10.0.0.2", 40000 + n, 50000, b"time%02d" % n)
    return g.eth("02:00:00:00:00:02", "02:00:00:00:00:01", 0x0800,
                 g.ipv4("10.0.0.1", "10.0.0.2", 17, dg, ident=0x100 + n),
                 pad=True)


def write(path, stamps, tsresol=None, tsoffset=None):
    """A pcapng file: one interface, one packet per raw 64-bit stamp."""
    shb = g._pcapng_block(0x0A0D0D0A,
                          struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)
                          + g._pcapng_opt(0, b""))
    opts = g._pcapng_opt(2, b"eth0")
    if tsresol is not None:
        opts += g._pcapng_opt(9, bytes([tsresol]))
    if tsoffset is not None:
        opts += g._pcapng_opt(14, struct.pack("<q", tsoffset))
    idb = g._pcapng_block(1, struct.pack("<HHI", LINKTYPE_ETHERNET, 0, 65535)
                          + opts + g._pcapng_opt(0, b""))
    out = [shb, idb]
    for n, ts in enumerate(stamps, 1):
        data = frame(n)
        out.append(g._pcapng_block(6, struct.pack(
            "<IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, len(data), len(data))
            + data))
    with open(path, "wb") as f:
        f.write(b"".join(out))


# name: (stamps, tsresol, tsoffset).  The stamps are in the interface's
# units (10^-tsresol s; microseconds without the option).
CASES = {
    # 2^62 s, then 5 s: relative time -(2^62 - 5) s.
    "time-tsresol0-2e62": ([1 << 62, 5, 1 << 62], 0, None),
    # The largest stamp in whole seconds (libpcap: tv_sec -1).
    "time-tsresol0-max": ([U64_MAX, 1700000000], 0, None),
    # 2^64-1 ms: 18446744073709551.615 s.
    "time-tsresol3-max": ([U64_MAX, 1700000000000, U64_MAX], 3, None),
    # An offset near -2^63 s on ordinary microsecond stamps.
    "time-tsoffset-min": ([1700000000000000, 1700000001000000], None,
                          -(1 << 63)),
    # A large negative offset, then a large positive stamp.
    "time-tsoffset-neg": ([0, 5000000, (1 << 62)], 0, -(1 << 62)),
}


def main(argv):
    """Write every case into argv[1]."""
    if len(argv) != 2:
        sys.stderr.write("usage: gen_time_pcaps.py OUTDIR\n")
        return 2
    os.makedirs(argv[1], exist_ok=True)
    for name, (stamps, res, off) in sorted(CASES.items()):
        write(os.path.join(argv[1], name + ".pcapng"), stamps, res, off)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
