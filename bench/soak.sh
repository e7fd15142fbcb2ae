#!/bin/sh
# Soak benchmark: bounded memory under heavy flow churn.
#
#   bench/soak.sh [SECONDS] [WIRETOP]        (default 180 s, ../wiretop)
#
# A Python generator writes one endless pcap stream (Ethernet; IPv4 and
# IPv6; TCP and UDP) into `wiretop -r - --stats=json --max-flows 100000
# --ring 65536` for SECONDS.  Almost every packet pair is a new 5-tuple
# (millions of distinct flows, client addresses cycling over a million
# talkers), while 16 long-lived "elephant" TCP flows send all along.  Every
# second the wiretop process's RSS (VmRSS) and CPU time are sampled.
#
# Prints the RSS curve (time, packets sent so far, RSS MB, CPU %, CPU
# microseconds per packet), then checks, exiting 1 on a failure:
#   - totals: packets and bytes equal what was sent; ipv4 + ipv6 = packets
#   - flows listed <= --max-flows, and listed + evicted + expired >= the
#     distinct 5-tuples sent (evicted flows are still counted)
#   - each elephant flow's packets and bytes, both ways, are exact
#   - RSS levels off: the last quarter of the run grows less than 5% (and
#     less than 4 MB) over the second quarter's peak
#   - CPU stays flat: microseconds per packet in the last quarter within
#     1.5x of the second quarter
set -eu
here=$(cd "$(dirname "$0")" && pwd)
SECS=${1:-180}
WIRETOP=${2:-${WIRETOP:-$here/../wiretop}}
case $SECS in ''|*[!0-9]*) echo "usage: bench/soak.sh [SECONDS] [WIRETOP]" >&2; exit 2 ;; esac
[ "$SECS" -ge 8 ] || { echo "soak: run at least 8 seconds" >&2; exit 2; }
[ -x "$WIRETOP" ] || { echo "soak: no wiretop binary at $WIRETOP (pass its path)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "soak: python3 is not installed" >&2; exit 1; }

exec python3 - "$SECS" "$WIRETOP" <<'EOF'
import json
import os
import struct
import subprocess
import sys
import threading
import time

SECS = int(sys.argv[1])
WIRETOP = sys.argv[2]
MAX_FLOWS = 100000
RING = 65536
ELEPHANTS = 16
ELEPHANT_EVERY = 64          # one elephant packet per this many others
BATCH = 2048                 # packets written per pipe write
TS0 = 1700000000
# 50k packets per second of capture time: the flow table's LRU works in
# whole seconds, so fewer new flows a second than --max-flows lets a flow
# that is still active (an elephant) stay in the table.
TS_STEP_NS = 20000
CLK = os.sysconf("SC_CLK_TCK")

MAC_A = bytes.fromhex("001122334455")
MAC_B = bytes.fromhex("66778899aabb")
PAYLOAD = bytes(range(48, 48 + 18))


def csum_fold(s):
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return s


def ip4_header(src, dst, proto, plen):
    """An IPv4 header with a correct checksum."""
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + plen, 0x1234, 0x4000, 64,
                    proto, 0, src, dst)
    s = sum(struct.unpack("!10H", h))
    return h[:10] + struct.pack("!H", ~csum_fold(s) & 0xFFFF) + h[12:]


def frame_v4(src, dst, proto, sport, dport, fwd, seq=0):
    """An Ethernet/IPv4 UDP or TCP frame (transport checksum left 0:
    unverified for UDP, incorrect for TCP; neither matters to counting)."""
    if proto == 17:
        l4 = struct.pack("!HHHH", sport, dport, 8 + len(PAYLOAD), 0) + PAYLOAD
    else:
        l4 = struct.pack("!HHIIBBHHH", sport, dport, seq, 0, 0x50, 0x18,
                         502, 0, 0) + PAYLOAD
    macs = MAC_B + MAC_A if fwd else MAC_A + MAC_B
    return macs + b"\x08\x00" + ip4_header(src, dst, proto, len(l4)) + l4


def frame_v6(src, dst, sport, dport, fwd):
    """An Ethernet/IPv6/UDP frame (UDP checksum 0: counted all the same)."""
    l4 = struct.pack("!HHHH", sport, dport, 8 + len(PAYLOAD), 0) + PAYLOAD
    ip = struct.pack("!IHBB16s16s", 0x60000000, len(l4), 17, 64, src, dst)
    macs = MAC_B + MAC_A if fwd else MAC_A + MAC_B
    return macs + b"\x86\xdd" + ip + l4


SRV4 = bytes([172, 16, 0, 1])
SRV6 = bytes.fromhex("20010db8ffff00000000000000000001")
ELE_CLI = bytes([192, 168, 1, 1])
ELE_SRV = bytes([192, 168, 1, 2])


def churn_templates():
    """Per kind (f % 5), the constant pieces of a churn flow's request and
    answer, around the parts that change: the client address, the client
    port and the IPv4 header checksum."""
    tpl = []
    for k in range(5):
        sport = (53, 80, 443, 123, 8080)[k]
        if k == 4:
            l4 = struct.pack("!HH", 8 + len(PAYLOAD), 0) + PAYLOAD
            pre = struct.pack("!IHBB", 0x60000000, 8 + len(l4) - 4, 17, 64)
            tpl.append((6, MAC_B + MAC_A + b"\x86\xdd" + pre,
                        MAC_A + MAC_B + b"\x86\xdd" + pre + SRV6,
                        sport.to_bytes(2, "big"), l4, 0))
            continue
        proto = 17 if k in (0, 3) else 6
        if proto == 17:
            rest = struct.pack("!HH", 8 + len(PAYLOAD), 0) + PAYLOAD
        else:
            rest = struct.pack("!IIBBHHH", 1000, 0, 0x50, 0x18, 502, 0, 0) \
                + PAYLOAD
        plen = 4 + len(rest)
        pre = struct.pack("!BBHHHBB", 0x45, 0, 20 + plen, 0x1234, 0x4000,
                          64, proto)
        base = sum(struct.unpack("!5H", pre)) + \
            sum(struct.unpack("!2H", SRV4))
        tpl.append((4, MAC_B + MAC_A + b"\x08\x00" + pre,
                    MAC_A + MAC_B + b"\x08\x00" + pre,
                    sport.to_bytes(2, "big"), rest, base))
    return tpl


TEMPLATES = churn_templates()
V6_PREFIX = bytes.fromhex("20010db8000100000000000000")


def churn_pair(f):
    """The two frames of churn flow f: a request and its answer.  The
    client address cycles over a million hosts; address + port make every
    5-tuple distinct."""
    host = f % 1000000
    cport = (1024 + (f // 1000000) % 60000).to_bytes(2, "big")
    ver, fwd, rev, sport, rest, base = TEMPLATES[f % 5]
    if ver == 6:
        cli = V6_PREFIX + host.to_bytes(3, "big")
        return (b"".join((fwd, cli, SRV6, cport, sport, rest)),
                b"".join((rev, cli, sport, cport, rest)))
    s = base + 0x0a00 + (host >> 16) + (host & 0xFFFF)
    s = (s & 0xFFFF) + (s >> 16)
    s = (s & 0xFFFF) + (s >> 16)
    ck = (~s & 0xFFFF).to_bytes(2, "big")
    cli = (0x0a000000 | host).to_bytes(4, "big")
    return (b"".join((fwd, ck, cli, SRV4, cport, sport, rest)),
            b"".join((rev, ck, SRV4, cli, sport, cport, rest)))


# Elephant e: 192.168.1.1:(40000 + e) -> 192.168.1.2:5001 (TCP), both ways.
ELE_FRAMES = [(frame_v4(ELE_CLI, ELE_SRV, 6, 40000 + e, 5001, True),
               frame_v4(ELE_SRV, ELE_CLI, 6, 5001, 40000 + e, False))
              for e in range(ELEPHANTS)]

state = {"pkts": 0, "bytes": 0, "flows": 0, "done": False, "closed": False}
ele_count = [[0, 0, 0, 0] for _ in range(ELEPHANTS)]   # pk, by, pk_rev, by_rev

proc = subprocess.Popen([WIRETOP, "-r", "-", "--stats=json",
                         "--max-flows", str(MAX_FLOWS), "--ring", str(RING)],
                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE, bufsize=0)
samples = []


def proc_sample():
    """RSS in kB and CPU ticks of the wiretop process, or None."""
    try:
        with open("/proc/%d/status" % proc.pid) as f:
            rss = next(int(l.split()[1]) for l in f if l.startswith("VmRSS"))
        with open("/proc/%d/stat" % proc.pid) as f:
            st = f.read().rsplit(")", 1)[1].split()
        return rss, int(st[11]) + int(st[12])
    except (OSError, StopIteration, IndexError, ValueError):
        return None


def sampler():
    t0 = time.monotonic()
    while not state["done"]:
        s = proc_sample()
        if s is not None:
            samples.append((time.monotonic() - t0, state["pkts"], s[0], s[1],
                            state["closed"]))
        time.sleep(1.0)


out_buf = []


def reader(stream, key):
    out_buf.append((key, stream.read()))


threads = [threading.Thread(target=sampler, daemon=True),
           threading.Thread(target=reader, args=(proc.stdout, "out"),
                            daemon=True),
           threading.Thread(target=reader, args=(proc.stderr, "err"),
                            daemon=True)]
for t in threads:
    t.start()

print("soak: %d s, wiretop -r - --stats=json --max-flows %d --ring %d"
      % (SECS, MAX_FLOWS, RING))
w = proc.stdin
w.write(struct.pack("<IHHiIII", 0xA1B23C4D, 2, 4, 0, 0, 65535, 1))
deadline = time.monotonic() + SECS
f = 0
ts = TS0 * 1000000000
hdr = struct.Struct("<IIII")
e_turn = 0
try:
    while time.monotonic() < deadline:
        parts = []
        nbytes = 0
        n = 0
        while n < BATCH:
            if n % ELEPHANT_EVERY == 0:
                e = e_turn % ELEPHANTS
                rev = (e_turn // ELEPHANTS) % 2
                fr = ELE_FRAMES[e][rev]
                c = ele_count[e]
                c[2 * rev] += 1
                c[2 * rev + 1] += len(fr)
                e_turn += 1
                frames = (fr,)
            else:
                frames = churn_pair(f)
                f += 1
            for fr in frames:
                sec, ns = divmod(ts, 1000000000)
                parts.append(hdr.pack(sec, ns, len(fr), len(fr)))
                parts.append(fr)
                nbytes += len(fr)
                ts += TS_STEP_NS
                n += 1
        w.write(b"".join(parts))
        state["pkts"] += n
        state["bytes"] += nbytes
        state["flows"] = f
    state["closed"] = True
    w.close()
except BrokenPipeError:
    print("soak: FAIL: wiretop closed its input early")
    sys.exit(1)
rc = proc.wait()
state["done"] = True
for t in threads[1:]:
    t.join()
outs = dict(out_buf)
if rc != 0:
    print("soak: FAIL: wiretop exited %d: %s" % (rc, outs["err"].decode()[-2000:]))
    sys.exit(1)
stats = json.loads(outs["out"])

# The RSS curve.
print("\n%7s %12s %9s %6s %9s" % ("time_s", "packets", "RSS_MB", "CPU%",
                                   "us/pkt"))
prev = None
rows = []
peak_end = 0.0
for t, pk, rss, cpu, closed in samples:
    if prev is not None and t > prev[0]:
        dcpu = (cpu - prev[3]) / CLK
        pct = 100.0 * dcpu / (t - prev[0])
        upp = 1e6 * dcpu / (pk - prev[1]) if pk > prev[1] else 0.0
        if closed:
            # Input done: wiretop sorts and prints its --stats.
            peak_end = max(peak_end, rss / 1024.0)
            print("%7.1f %12s %9.1f %6.1f   (printing --stats)"
                  % (t, "-", rss / 1024.0, pct))
        else:
            rows.append((t, pk, rss / 1024.0, pct, upp))
            print("%7.1f %12d %9.1f %6.1f %9.3f" % rows[-1])
    prev = (t, pk, rss, cpu)

failed = []


def check(ok, what):
    print("%s: %s" % ("ok  " if ok else "FAIL", what))
    if not ok:
        failed.append(what)


sent_flows = state["flows"] + ELEPHANTS
flows = stats.get("flows", [])
print("\nsent: %d packets, %d bytes, %d distinct 5-tuples (%d churn + %d "
      "elephants)" % (state["pkts"], state["bytes"], sent_flows, state["flows"],
                      ELEPHANTS))
print("wiretop: packets %d, bytes %d, flows listed %d, flows_evicted %d, "
      "flows_expired %d, talkers listed %d, talkers_evicted %d, "
      "ring_overwritten %d" % (
          stats["packets"], stats["bytes"], len(flows),
          stats.get("flows_evicted", -1), stats.get("flows_expired", -1),
          len(stats.get("talkers", [])), stats.get("talkers_evicted", -1),
          stats.get("ring_overwritten", -1)))
check(stats["packets"] == state["pkts"], "totals.packets == packets sent")
check(stats["bytes"] == state["bytes"], "totals.bytes == bytes sent")
pr = stats.get("protocols", {})
v4 = pr.get("ipv4", {}).get("packets", 0)
v6 = pr.get("ipv6", {}).get("packets", 0)
check(v4 + v6 == state["pkts"], "protocols ipv4 + ipv6 == packets sent "
      "(%d + %d)" % (v4, v6))
check(len(flows) <= MAX_FLOWS, "flows listed <= --max-flows")
accounted = len(flows) + stats.get("flows_evicted", 0) + \
    stats.get("flows_expired", 0)
check(accounted >= sent_flows, "flows listed + evicted + expired (%d) >= "
      "distinct 5-tuples sent (%d)%s" % (
          accounted, sent_flows,
          ", exactly" if accounted == sent_flows else ""))
check(stats.get("ring_overwritten", -1) == max(0, state["pkts"] - RING),
      "ring_overwritten == packets - --ring")
by_key = {}
for fl in flows:
    by_key[(fl["src"], fl["sport"], fl["dst"], fl["dport"])] = fl
exact = 0
for e in range(ELEPHANTS):
    fl = by_key.get(("192.168.1.1", 40000 + e, "192.168.1.2", 5001))
    want = ele_count[e]
    if fl is not None and [fl["packets"], fl["bytes"], fl["packets_rev"],
                           fl["bytes_rev"]] == want:
        exact += 1
    elif e == 0:
        print("     elephant 0: want %s, got %s" % (want, fl))
check(exact == ELEPHANTS, "elephant flows exact both ways through the churn "
      "(%d of %d)" % (exact, ELEPHANTS))

if len(rows) >= 8:
    q = len(rows) // 4
    q2 = rows[q:2 * q]
    q4 = rows[3 * q:]
    peak2 = max(r[2] for r in q2)
    peak4 = max(r[2] for r in q4)
    print("RSS: first sample %.1f MB, peak of 2nd quarter %.1f MB, peak of "
          "last quarter %.1f MB, at the end of the input %.1f MB, while "
          "printing --stats %.1f MB" % (rows[0][2], peak2, peak4,
                                       rows[-1][2], peak_end))
    check(peak4 <= peak2 * 1.05 or peak4 - peak2 < 4,
          "RSS levels off (last quarter within 5% or 4 MB of the 2nd)")
    u2 = sorted(r[4] for r in q2)[len(q2) // 2]
    u4 = sorted(r[4] for r in q4)[len(q4) // 2]
    c2 = sorted(r[3] for r in q2)[len(q2) // 2]
    c4 = sorted(r[3] for r in q4)[len(q4) // 2]
    print("CPU: median %.1f%% / %.3f us per packet in the 2nd quarter, "
          "%.1f%% / %.3f us in the last" % (c2, u2, c4, u4))
    check(u4 <= u2 * 1.5 + 0.05, "CPU per packet stays flat (last quarter "
          "within 1.5x of the 2nd)")
else:
    check(False, "too few RSS samples (run longer)")

print("soak: %s" % ("PASS" if not failed else "FAIL: " + "; ".join(failed)))
sys.exit(1 if failed else 0)
EOF
