#!/usr/bin/env python3
"""--flow-filter against the flows of plain --stats=json.

    flow_filter.py gen OUT.pcap
        a capture of some 300 flows: TCP in every state, UDP, ICMP,
        ICMPv6 and GRE, over IPv4 and IPv6 addresses of several
        prefixes, small and large (past 1M bytes), spread over a minute.
    flow_filter.py check --wiretop BIN FILE...
        for each file and each expression below, the flows that
        `--stats=json --flow-filter EXPR` lists must be exactly those of
        plain `--stats=json` that the expression's Python twin keeps, in
        the same order.  Prints one line per failure and a summary; exits
        1 if anything failed.

The twins follow the row fields' rules (rowfilter.h): packets and bytes
are both ways, src.* what src sent (the JSON's packets/bytes), dst.* what
dst sent (*_rev); ports exist for TCP and UDP flows only; an either-end
field (addr, port) equals when one end does, and != holds only when
neither end equals; an address literal matches rows of its own family;
age is measured to the capture's newest packet.
"""

import ipaddress
import json
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pcapgen as g  # noqa: E402


# ---------------------------------------------------------------------------
# The capture

def gen(path):
    rnd = random.Random(13)
    cap = g.Capture(g.BASE_TS, step_us=700)
    v4 = ["10.0.0.1", "10.0.0.2", "10.1.7.9", "10.200.0.33", "192.168.1.10",
          "192.168.7.77", "172.16.4.4", "93.184.216.34", "8.8.8.8",
          "9.9.9.9", "203.0.113.5"]
    v6 = ["2001:db8::1", "2001:db8:1::10", "2001:db8:ffff::2", "fe80::1",
          "fe80::abcd:1", "2a00:1450:4001::5", "2606:4700::1111"]
    ports = [53, 80, 123, 443, 8080, 5353, 1024, 1023]

    def frame(src, dst, proto, payload):
        if ":" in src:
            return g.v6frame(g.MAC_A, g.MAC_B, src, dst, proto, payload)
        return g.v4frame(g.MAC_A, g.MAC_B, src, dst, proto, payload,
                         pad=True)

    def pair(fam6):
        pool = v6 if fam6 else v4
        a, b = rnd.sample(pool, 2)
        return a, b

    def port():
        return rnd.choice(ports) if rnd.random() < 0.6 else \
            rnd.randrange(1025, 65535)

    def tcp_flow(a, b):
        sp, dp = rnd.randrange(1025, 65535), port()
        kind = rnd.choice(["syn", "synack", "est", "fin1", "fin2", "rst",
                           "rst", "est"])
        seq = {True: rnd.randrange(1 << 32), False: rnd.randrange(1 << 32)}

        def send(c, flags, n=0):
            s, d = (a, b) if c else (b, a)
            p1, p2 = (sp, dp) if c else (dp, sp)
            cap.add(frame(s, d, 6, g.tcp(s, d, p1, p2, seq[c], seq[not c],
                                         flags, payload=g.pattern(n))),
                    gap_us=rnd.randrange(100, 90000))
            seq[c] = (seq[c] + n + (1 if flags & (g.SYN | g.FIN) else 0)) \
                & 0xFFFFFFFF
        send(True, g.SYN)
        if kind == "syn":
            return
        send(False, g.SYN | g.ACK)
        if kind == "synack":
            return
        send(True, g.ACK)
        # No data to DNS ports: it would decode as broken DNS.
        for _ in range(0 if dp in (53, 5353) else rnd.randrange(0, 12)):
            c = rnd.random() < 0.5
            send(c, g.ACK | g.PSH, rnd.randrange(0, 1400))
        if kind == "fin1":
            send(True, g.FIN | g.ACK)
        elif kind == "fin2":
            send(True, g.FIN | g.ACK)
            send(False, g.FIN | g.ACK)
        elif kind == "rst":
            send(rnd.random() < 0.5, g.RST | g.ACK)

    def udp_flow(a, b):
        sp, dp = port(), port()
        dns = sp in (53, 5353) or dp in (53, 5353)
        for i in range(rnd.randrange(1, 10)):
            c = rnd.random() < 0.7
            s, d = (a, b) if c else (b, a)
            p1, p2 = (sp, dp) if c else (dp, sp)
            if dns:     # a real query: a pattern would be broken DNS
                q = g.Dns(0x1000 + i, 0x0100)
                q.question("h%d.%s.example.org" % (i, "x" * rnd.randrange(
                    1, 60)), g.T_A)
                body = q.bytes()
            else:
                body = g.pattern(rnd.randrange(0, 1400))
            cap.add(frame(s, d, 17, g.udp(s, d, p1, p2, body)),
                    gap_us=rnd.randrange(100, 90000))

    def icmp_flow(a, b):
        for i in range(rnd.randrange(1, 5)):
            body = g.pattern(rnd.randrange(8, 900))
            if ":" in a:
                cap.add(frame(a, b, 58, g.icmp6(a, b, 128, 0,
                                                bytes([0, 1, 0, i]) + body)),
                        gap_us=rnd.randrange(100, 90000))
            else:
                cap.add(frame(a, b, 1, g.icmp(8, 0, bytes([0, 1, 0, i]),
                                              body)),
                        gap_us=rnd.randrange(100, 90000))

    def gre_flow(a, b):
        cap.add(frame(a, b, 47, b"\x00\x00\x88\xbe" + g.pattern(60)),
                gap_us=rnd.randrange(100, 90000))

    for _ in range(300):
        fam6 = rnd.random() < 0.35
        a, b = pair(fam6)
        r = rnd.random()
        if r < 0.45:
            tcp_flow(a, b)
        elif r < 0.8:
            udp_flow(a, b)
        elif r < 0.95:
            icmp_flow(a, b)
        else:
            gre_flow(a, b)
    # Two large flows: past 1M bytes, and past 10k packets' worth of k.
    for i in range(800):
        cap.add(frame("10.9.0.1", "10.9.0.2", 17,
                      g.udp("10.9.0.1", "10.9.0.2", 4000, 4001,
                            g.pattern(1400))), gap_us=50)
    for i in range(300):
        cap.add(frame("2001:db8::77", "2001:db8::78", 17,
                      g.udp("2001:db8::77", "2001:db8::78", 4000, 443,
                            g.pattern(1000))), gap_us=50)
    g.write_pcap(path, g.LINKTYPE_ETHERNET, cap)


# ---------------------------------------------------------------------------
# The expressions and their twins

def tot_bytes(f):
    return f["bytes"] + f["bytes_rev"]


def tot_packets(f):
    return f["packets"] + f["packets_rev"]


def ports(f):
    """The flow's ports, src's first; none for flows without ports."""
    if f["proto"] in ("tcp", "udp") or f["sport"] or f["dport"]:
        return [f["sport"], f["dport"]]
    return []


def in_net(a, net):
    """Is address text a in network net (of the same family)?"""
    ip, n = ipaddress.ip_address(a), ipaddress.ip_network(net)
    return ip.version == n.version and ip in n


def addrs(f):
    return [f["src"], f["dst"]]


def eq_any(vals, pred):
    return any(pred(v) for v in vals)


def ne_all(vals, pred):
    """tshark's !=: the field exists and no occurrence equals."""
    return len(vals) > 0 and not any(pred(v) for v in vals)


EXPRS = [
    ("proto == udp", lambda f, now: f["proto"] == "udp"),
    ("proto == \"tcp\"", lambda f, now: f["proto"] == "tcp"),
    ("proto != tcp", lambda f, now: f["proto"] != "tcp"),
    ("proto in {\"icmp\", \"icmpv6\"}",
     lambda f, now: f["proto"] in ("icmp", "icmpv6")),
    ("bytes > 1k", lambda f, now: tot_bytes(f) > 1000),
    ("bytes > 1k and proto == udp",
     lambda f, now: tot_bytes(f) > 1000 and f["proto"] == "udp"),
    ("bytes >= 1M", lambda f, now: tot_bytes(f) >= 1000000),
    ("packets >= 3", lambda f, now: tot_packets(f) >= 3),
    ("src.packets == 1", lambda f, now: f["packets"] == 1),
    ("dst.bytes == 0", lambda f, now: f["bytes_rev"] == 0),
    ("dst.packets > 0 and state == established",
     lambda f, now: f["packets_rev"] > 0 and f["state"] == "established"),
    ("src.bytes > dst.bytes",
     lambda f, now: f["bytes"] > f["bytes_rev"]),
    ("state == \"reset\"", lambda f, now: f["state"] == "reset"),
    ("state in {syn_sent, syn_received, closing, closed}",
     lambda f, now: f["state"] in ("syn_sent", "syn_received", "closing",
                                   "closed")),
    ("port == 53", lambda f, now: eq_any(ports(f), lambda p: p == 53)),
    ("port != 53", lambda f, now: ne_all(ports(f), lambda p: p == 53)),
    ("dport < 1024", lambda f, now: ports(f) != [] and f["dport"] < 1024),
    ("sport >= 1024 && dport >= 1024",
     lambda f, now: ports(f) != [] and f["sport"] >= 1024 and
     f["dport"] >= 1024),
    ("port in {80, 443, 8000..8080}",
     lambda f, now: eq_any(ports(f), lambda p: p in (80, 443) or
                           8000 <= p <= 8080)),
    ("!port", lambda f, now: ports(f) == []),
    ("addr == 10.0.0.0/8",
     lambda f, now: eq_any(addrs(f), lambda a: in_net(a, "10.0.0.0/8"))),
    ("src == 10.0.0.1", lambda f, now: f["src"] == "10.0.0.1"),
    ("addr != 10.0.0.1",
     lambda f, now: ne_all(addrs(f), lambda a: a == "10.0.0.1")),
    ("addr == 2001:db8::/32",
     lambda f, now: eq_any(addrs(f), lambda a: in_net(a, "2001:db8::/32"))),
    ("dst == fe80::/10 or dst == 192.168.0.0/16",
     lambda f, now: in_net(f["dst"], "fe80::/10") or
     in_net(f["dst"], "192.168.0.0/16")),
    ("addr == 10.0.0.0/8 and state == \"reset\"",
     lambda f, now: eq_any(addrs(f), lambda a: in_net(a, "10.0.0.0/8")) and
     f["state"] == "reset"),
    ("not (proto == tcp or proto == udp)",
     lambda f, now: f["proto"] not in ("tcp", "udp")),
    ("!(bytes <= 500) && packets < 10",
     lambda f, now: tot_bytes(f) > 500 and tot_packets(f) < 10),
    ("duration > 0.5", lambda f, now: f["last"] - f["first"] > 0.5),
    ("age < 10", lambda f, now: now - f["last"] < 10),
    ("age >= 30 and proto == tcp",
     lambda f, now: now - f["last"] >= 30 and f["proto"] == "tcp"),
]


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), \
        p.stderr.decode("utf-8", "replace")


def newest(wiretop, path):
    """The newest packet's time (epoch seconds) of a capture."""
    rc, out, err = run([wiretop, "-r", path, "-T", "fields", "-e",
                        "frame.time_epoch"])
    times = [float(x) for x in out.split()]
    return max(times) if times else 0.0


def check(wiretop, files):
    failed = checked = 0
    for path in files:
        rc, out, err = run([wiretop, "-r", path, "--stats=json"])
        if rc != 0:
            print("FAIL %s: --stats=json exits %d: %s" % (path, rc,
                                                          err.strip()))
            failed += 1
            continue
        flows = json.loads(out)["flows"]
        now = newest(wiretop, path)
        for expr, twin in EXPRS:
            want = [f for f in flows if twin(f, now)]
            rc, out, err = run([wiretop, "-r", path, "--stats=json",
                                "--flow-filter", expr])
            checked += 1
            if rc != 0:
                print("FAIL %s: %s: exit %d: %s" % (path, expr, rc,
                                                    err.strip()))
                failed += 1
                continue
            got = json.loads(out)["flows"]
            if got != want:
                print("FAIL %s: %s: %d flows, want %d" % (path, expr,
                                                          len(got),
                                                          len(want)))
                for f in got:
                    if f not in want:
                        print("   extra: %s" % json.dumps(f))
                        break
                for f in want:
                    if f not in got:
                        print("   missing: %s" % json.dumps(f))
                        break
                failed += 1
    print("flow_filter: %d of %d checks failed (%d files, %d expressions)"
          % (failed, checked, len(files), len(EXPRS)))
    return 1 if failed else 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "gen":
        gen(sys.argv[2])
        return 0
    if len(sys.argv) >= 4 and sys.argv[1] == "check" and \
            sys.argv[2] == "--wiretop":
        return check(sys.argv[3], sys.argv[4:])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
