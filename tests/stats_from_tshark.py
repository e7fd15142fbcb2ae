#!/usr/bin/env python3
"""The --stats=json wiretop should print for a capture, computed from
tshark's dissection, and its comparison with what wiretop printed.

usage:
  stats_from_tshark.py expected FILE
      print the expected --stats=json of FILE
  stats_from_tshark.py compare FILE OURS.json
      compare wiretop's JSON with the expectation; print the differences,
      exit 1 if there are any
  stats_from_tshark.py batch --wiretop BIN [--jobs N] [--cache DIR]
                       [--report FILE] [--show N] KIND:FILE ...
      run wiretop -r FILE --stats=json on every FILE and compare; files of
      KIND "gen" must match (exit 1 otherwise), the others are counted and
      reported (into --report), wiretop failing on any file is a failure

Rules (DESIGN.md, --stats=json):
  protocols  a packet counts once per protocol in frame.protocols, nested
             layers included, names mapped to wiretop's (ip -> ipv4,
             ieee8021ad and vlan -> vlan once per packet); every protocol
             wiretop reports must match; the core ones must be reported
  flows      keyed by the outermost IP header and the transport right after
             it (IPv6 extension headers skipped); TCP/UDP with ports, any
             other protocol (or a later fragment) with ports 0; src is the
             sender of the first packet; TCP state from the flags seen
  talkers    one per address in an outermost IP header, tx as source, rx
             as destination
Bytes are frame.len.  Python 3 standard library only.
"""

import concurrent.futures
import hashlib
import ipaddress
import json
import os
import subprocess
import sys

TSHARK_OPTS = ("-o ip.defragment:FALSE -o ipv6.defragment:FALSE "
               "-o tcp.desegment_tcp_streams:FALSE -o ip.check_checksum:TRUE "
               "-o tcp.check_checksum:TRUE -o udp.check_checksum:TRUE "
               "-o tcp.relative_sequence_numbers:FALSE "
               "-o tcp.analyze_sequence_numbers:FALSE").split()

FIELDS = ["frame.len", "frame.time_epoch", "frame.protocols",
          "ip.src", "ip.dst", "ip.proto",
          "ipv6.src", "ipv6.dst", "ipv6.nxt",
          "ipv6.hopopts.nxt", "ipv6.dstopts.nxt", "ipv6.routing.nxt",
          "ipv6.fraghdr.nxt",
          "tcp.srcport", "tcp.dstport", "tcp.flags",
          "udp.srcport", "udp.dstport"]

# Extension header protocol -> the field holding its next-header value.
V6EXT = {"ipv6.hopopts": "ipv6.hopopts.nxt",
         "ipv6.dstopts": "ipv6.dstopts.nxt",
         "ipv6.routing": "ipv6.routing.nxt",
         "ipv6.fraghdr": "ipv6.fraghdr.nxt"}

# tshark protocol names -> wiretop --stats names; None: not counted.
PROTO_MAP = {"ip": "ipv4", "ieee8021ad": "vlan", "vlan": "vlan",
             "frame": None, "ethertype": None, "data": None, "raw": None,
             "_ws.malformed": None, "_ws.short": None, "_ws.expert": None,
             "_ws.unreassembled": None, "_ws.lua.fake": None}

# Protocols wiretop must report when tshark sees them.
CORE = {"eth", "vlan", "arp", "ipv4", "ipv6", "tcp", "udp", "icmp",
        "icmpv6", "igmp", "gre", "vxlan", "geneve", "dns", "mdns", "llmnr"}

# Flow protocol names <-> IP protocol numbers.
PROTO_NUM = {"icmp": 1, "igmp": 2, "ipip": 4, "ipv4": 4, "ip": 4, "tcp": 6,
             "egp": 8, "igrp": 9, "udp": 17, "ipv6": 41, "rsvp": 46,
             "gre": 47, "esp": 50, "ah": 51, "icmpv6": 58, "ipv6-icmp": 58,
             "eigrp": 88, "ospf": 89, "pim": 103, "vrrp": 112, "l2tp": 115,
             "sctp": 132}
NUM_PROTO = {1: "icmp", 2: "igmp", 4: "ipip", 6: "tcp", 9: "igrp",
             17: "udp", 41: "ipv6", 47: "gre", 50: "esp", 51: "ah",
             58: "icmpv6", 88: "eigrp", 89: "ospf", 103: "pim", 112: "vrrp",
             115: "l2tp", 132: "sctp"}

FIN, SYN, RST, ACK = 0x01, 0x02, 0x04, 0x10

TIME_TOL = 2e-6
SAN = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:")


def run(argv, timeout):
    """Run argv under timeout(1): (rc, stdout bytes, stderr text)."""
    p = subprocess.run(["timeout", "-k", "5", str(timeout)] + argv,
                       stdin=subprocess.DEVNULL, capture_output=True)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def tshark_table(path, cache=None, timeout=60):
    """tshark's rows of FIELDS for path (cached in cache if given)."""
    cpath = None
    if cache:
        st = os.stat(path)
        if st.st_size > (16 << 20):
            fp = "%d %d" % (st.st_size, st.st_mtime_ns)
        else:
            with open(path, "rb") as f:
                fp = hashlib.sha1(f.read()).hexdigest()
        h = hashlib.sha1(("\n".join(FIELDS + TSHARK_OPTS) + "\n%s %s" % (
            os.path.abspath(path), fp)).encode())
        cpath = os.path.join(cache, h.hexdigest())
        if os.path.exists(cpath):
            with open(cpath, "rb") as f:
                return f.read().decode("utf-8", "surrogateescape"), cpath
    argv = ["tshark", "-n", "-r", path] + TSHARK_OPTS + \
        ["-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"]
    for f in FIELDS:
        argv += ["-e", f]
    rc, out, err = run(argv, timeout)
    if rc not in (0, 2) or (rc == 2 and not out):
        raise RuntimeError("tshark exited %d: %s" % (rc, err.strip()[:200]))
    if cpath:
        os.makedirs(cache, exist_ok=True)
        tmp = cpath + ".tmp%d" % os.getpid()
        with open(tmp, "wb") as f:
            f.write(out)
        os.replace(tmp, cpath)
    return out.decode("utf-8", "surrogateescape"), cpath


def canon(addr):
    """An address in canonical text form."""
    try:
        return ipaddress.ip_address(addr).compressed
    except ValueError:
        return addr


def occ(row, name, i=0):
    """Occurrence i of a field in a row, or None."""
    v = row.get(name, "")
    if not v:
        return None
    parts = v.split(",")
    return parts[i] if i < len(parts) else None


def outer_key(row):
    """(ipver, src, dst, proto, sport, dport, tcpflags) of the outermost IP
    header and the transport right after it, or None for non-IP."""
    toks = row["frame.protocols"].split(":")
    k = next((i for i, t in enumerate(toks) if t in ("ip", "ipv6")), None)
    if k is None:
        return None
    if toks[k] == "ip":
        src, dst, proto = occ(row, "ip.src"), occ(row, "ip.dst"), \
            occ(row, "ip.proto")
        ver, j = 4, k + 1
    else:
        src, dst, proto = occ(row, "ipv6.src"), occ(row, "ipv6.dst"), \
            occ(row, "ipv6.nxt")
        ver, j = 6, k + 1
        while j < len(toks) and toks[j] in V6EXT:
            n = toks[:j].count(toks[j])
            v = occ(row, V6EXT[toks[j]], n)
            if v is not None:
                proto = v
            j += 1
    if src is None or dst is None or proto is None:
        return None
    proto = int(proto, 0)
    sport = dport = flags = 0
    nxt = toks[j] if j < len(toks) else ""
    if nxt == "tcp" and proto == 6 and occ(row, "tcp.srcport") is not None:
        sport, dport = int(occ(row, "tcp.srcport")), \
            int(occ(row, "tcp.dstport"))
        flags = int(occ(row, "tcp.flags") or "0", 16)
    elif nxt == "udp" and proto == 17 and \
            occ(row, "udp.srcport") is not None:
        sport, dport = int(occ(row, "udp.srcport")), \
            int(occ(row, "udp.dstport"))
    return ver, canon(src), canon(dst), proto, sport, dport, flags


def flow_state(f):
    """The TCP state of a flow from the flags seen (DESIGN.md rule)."""
    if f["_proto"] != 6:
        return "active"
    s = f["_seen"]
    if s["rst"]:
        return "reset"
    if s["fin_fwd"] and s["fin_rev"]:
        return "closed"
    if s["fin_fwd"] or s["fin_rev"]:
        return "closing"
    if s["ack"]:
        return "established"
    if s["synack"]:
        return "syn_received"
    if s["syn"]:
        return "syn_sent"
    return "none"


def expected(text):
    """The expected --stats=json (a dict) from tshark's rows."""
    rows = []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines:
        cells = line.split("\t")
        cells += [""] * (len(FIELDS) - len(cells))
        rows.append(dict(zip(FIELDS, cells)))
    st = {"packets": 0, "bytes": 0, "dropped": 0, "duration_s": 0.0,
          "protocols": {}, "flows": [], "talkers": []}
    flows, talkers = {}, {}
    first = last = None
    for row in rows:
        n = int(row["frame.len"] or 0)
        t = float(row["frame.time_epoch"] or 0)
        first = t if first is None else first
        last = t
        st["packets"] += 1
        st["bytes"] += n
        names = set()
        for tok in row["frame.protocols"].split(":"):
            name = PROTO_MAP.get(tok, tok)
            if name and not tok.startswith("ipv6."):
                names.add(name)
        for name in names:
            p = st["protocols"].setdefault(name, {"packets": 0, "bytes": 0})
            p["packets"] += 1
            p["bytes"] += n
        key = outer_key(row)
        if key is None:
            continue
        ver, src, dst, proto, sport, dport, tflags = key
        for a, tx in ((src, True), (dst, False)):
            tk = talkers.setdefault(a, {"addr": a, "packets": 0, "bytes": 0,
                                        "tx_packets": 0, "tx_bytes": 0,
                                        "rx_packets": 0, "rx_bytes": 0})
            tk["packets"] += 1
            tk["bytes"] += n
            tk["tx_packets" if tx else "rx_packets"] += 1
            tk["tx_bytes" if tx else "rx_bytes"] += n
        fk = (proto, frozenset([(src, sport), (dst, dport)]))
        f = flows.get(fk)
        if f is None:
            f = flows[fk] = {
                "proto": NUM_PROTO.get(proto, str(proto)), "src": src,
                "sport": sport, "dst": dst, "dport": dport, "packets": 0,
                "bytes": 0, "packets_rev": 0, "bytes_rev": 0, "first": t,
                "last": t, "_proto": proto,
                "_seen": dict.fromkeys(("rst", "fin_fwd", "fin_rev", "ack",
                                        "synack", "syn"), False)}
        fwd = (src, sport) == (f["src"], f["sport"]) and \
            (dst, dport) == (f["dst"], f["dport"])
        f["packets" if fwd else "packets_rev"] += 1
        f["bytes" if fwd else "bytes_rev"] += n
        f["first"] = min(f["first"], t)
        f["last"] = max(f["last"], t)
        if proto == 6 and tflags:
            s = f["_seen"]
            s["rst"] |= bool(tflags & RST)
            if tflags & FIN:
                s["fin_fwd" if fwd else "fin_rev"] = True
            s["ack"] |= bool(tflags & ACK) and not tflags & SYN
            s["synack"] |= (tflags & (SYN | ACK)) == (SYN | ACK)
            s["syn"] |= bool(tflags & SYN) and not tflags & ACK
    if first is not None:
        st["duration_s"] = round(last - first, 9)
    for f in flows.values():
        f["state"] = flow_state(f)
        del f["_proto"], f["_seen"]
    st["flows"] = sorted(flows.values(),
                         key=lambda f: -(f["bytes"] + f["bytes_rev"]))
    st["talkers"] = sorted(talkers.values(), key=lambda t: -t["bytes"])
    return st


def proto_num(p):
    """A flow's protocol as a number when it can be, else its name."""
    if isinstance(p, int):
        return p
    p = str(p).lower()
    if p.isdigit():
        return int(p)
    return PROTO_NUM.get(p, p)


def compare(exp, ours):
    """Differences (list of strings) between expected and our stats."""
    d = []
    for k in ("packets", "bytes"):
        if ours.get(k) != exp[k]:
            d.append("%s: ours %r, tshark %r" % (k, ours.get(k), exp[k]))
    if ours.get("dropped", 0) != 0:
        d.append("dropped: ours %r, want 0 for a file" % ours.get("dropped"))
    dur = ours.get("duration_s")
    if not isinstance(dur, (int, float)) or \
            abs(dur - exp["duration_s"]) > 1e-5:
        d.append("duration_s: ours %r, tshark %r" % (dur, exp["duration_s"]))

    op, ep = ours.get("protocols") or {}, exp["protocols"]
    for name in sorted(set(op) | (set(ep) & CORE)):
        a = op.get(name, {})
        a = (a.get("packets"), a.get("bytes")) if isinstance(a, dict) \
            else (a, None)
        b = ep.get(name, {"packets": 0, "bytes": 0})
        b = (b["packets"], b["bytes"])
        if name not in op:
            d.append("protocols.%s: not reported, tshark %d packets %d bytes"
                     % ((name,) + b))
        elif a != b:
            d.append("protocols.%s: ours %s packets %s bytes, tshark %d "
                     "packets %d bytes" % ((name,) + a + b))

    def fkey(f):
        return (proto_num(f.get("proto")),
                frozenset([(canon(str(f.get("src"))), f.get("sport")),
                           (canon(str(f.get("dst"))), f.get("dport"))]))

    def fname(f):
        return "%s %s:%s-%s:%s" % (f.get("proto"), f.get("src"),
                                   f.get("sport"), f.get("dst"),
                                   f.get("dport"))
    of = ours.get("flows") or []
    omap = {}
    for f in of:
        if fkey(f) in omap:
            d.append("flows: %s listed twice" % fname(f))
        omap[fkey(f)] = f
    emap = {fkey(f): f for f in exp["flows"]}
    for k, e in emap.items():
        o = omap.get(k)
        if o is None:
            gone = (ours.get("flows_expired") or 0) + \
                (ours.get("flows_evicted") or 0)
            d.append("flows: missing %s (%d+%d packets)%s"
                     % (fname(e), e["packets"], e["packets_rev"],
                        " (wiretop expired or evicted %d flows)" % gone
                        if gone else ""))
            continue
        if (canon(str(o.get("src"))), o.get("sport")) != (e["src"],
                                                          e["sport"]):
            d.append("flows: %s: src is %s:%s, want %s:%s (first sender)"
                     % (fname(e), o.get("src"), o.get("sport"), e["src"],
                        e["sport"]))
            continue
        for fld in ("packets", "bytes", "packets_rev", "bytes_rev", "state"):
            if o.get(fld) != e[fld]:
                d.append("flows: %s: %s ours %r, tshark %r"
                         % (fname(e), fld, o.get(fld), e[fld]))
        for fld in ("first", "last"):
            v = o.get(fld)
            if not isinstance(v, (int, float)) or \
                    abs(v - e[fld]) > TIME_TOL:
                d.append("flows: %s: %s ours %r, tshark %.9f"
                         % (fname(e), fld, v, e[fld]))
    for k, o in omap.items():
        if k not in emap:
            d.append("flows: extra %s (%s+%s packets)"
                     % (fname(o), o.get("packets"), o.get("packets_rev")))
    tot = [(f.get("bytes") or 0) + (f.get("bytes_rev") or 0) for f in of]
    if any(a < b for a, b in zip(tot, tot[1:])):
        d.append("flows: not sorted by total bytes")

    ot = ours.get("talkers") or []
    omap = {canon(str(t.get("addr"))): t for t in ot}
    emap = {t["addr"]: t for t in exp["talkers"]}
    for a, e in emap.items():
        o = omap.get(a)
        if o is None:
            d.append("talkers: missing %s" % a)
            continue
        for fld in ("packets", "bytes", "tx_packets", "tx_bytes",
                    "rx_packets", "rx_bytes"):
            if o.get(fld) != e[fld]:
                d.append("talkers: %s: %s ours %r, tshark %r"
                         % (a, fld, o.get(fld), e[fld]))
    for a in omap:
        if a not in emap:
            d.append("talkers: extra %s" % a)
    tot = [t.get("bytes") or 0 for t in ot]
    if any(a < b for a, b in zip(tot, tot[1:])):
        d.append("talkers: not sorted by bytes")
    return d


def check_file(kind, path, wiretop, cache, timeout):
    """Run wiretop on one file and compare: a result dict."""
    r = {"kind": kind, "path": path, "diffs": [], "error": None,
         "crash": False}
    try:
        text, _ = tshark_table(path, cache, timeout)
    except (RuntimeError, OSError) as e:
        r["error"] = str(e)
        return r
    rc, out, err = run([wiretop, "-r", path, "--stats=json"], timeout)
    san = [l for l in err.split("\n") if any(s in l for s in SAN)]
    if rc != 0 or san:
        why = "timeout" if rc in (124, 137) else "exit %d" % rc
        msg = (san or [l for l in err.split("\n") if l.strip()] or [""])[0]
        r["error"] = "wiretop %s: %s" % (why, msg.strip()[:200])
        r["crash"] = True
        return r
    try:
        ours = json.loads(out.decode("utf-8", "replace"))
    except ValueError as e:
        r["error"] = "wiretop printed invalid JSON: %s" % e
        r["crash"] = True
        return r
    r["diffs"] = compare(expected(text), ours)
    return r


def batch(args):
    """The batch mode: see the module doc."""
    opts = {"--wiretop": None, "--jobs": "2", "--cache": None,
            "--report": None, "--show": "8", "--timeout": "60"}
    files = []
    i = 0
    while i < len(args):
        if args[i] in opts:
            opts[args[i]] = args[i + 1]
            i += 2
        else:
            kind, _, path = args[i].partition(":")
            files.append((kind, path))
            i += 1
    wiretop, show = opts["--wiretop"], int(opts["--show"])
    if not wiretop:
        sys.exit("stats_from_tshark.py: batch needs --wiretop")
    with concurrent.futures.ThreadPoolExecutor(int(opts["--jobs"])) as ex:
        results = list(ex.map(
            lambda kp: check_file(kp[0], kp[1], wiretop, opts["--cache"],
                                  opts["--timeout"]), files))
    failed = []
    w = sys.stdout.write

    def describe(r, out):
        name = r["path"] if r["kind"] != "gen" else \
            "gen/" + os.path.basename(r["path"])
        if r["error"]:
            out("%s: %s\n" % (name, r["error"]))
        elif r["diffs"]:
            out("%s: %d differences\n" % (name, len(r["diffs"])))
            for x in r["diffs"][:show]:
                out("  %s\n" % x)
            if len(r["diffs"]) > show:
                out("  ... %d more\n" % (len(r["diffs"]) - show))
        else:
            out("%s: match\n" % name)

    gen = [r for r in results if r["kind"] == "gen"]
    for r in gen:
        describe(r, w)
        if r["error"] or r["diffs"]:
            failed.append(os.path.basename(r["path"]))
    w("generated: %d/%d files match\n"
      % (sum(1 for r in gen if not r["error"] and not r["diffs"]), len(gen)))
    other = [r for r in results if r["kind"] != "gen"]
    if other:
        ok = sum(1 for r in other if not r["error"] and not r["diffs"])
        crashed = [r for r in other if r["crash"]]
        cats = {}
        for r in other:
            for x in r["diffs"]:
                c = x.split(":")[0].split(".")[0]
                if c == "protocols":
                    c = x.split(":")[0]
                cats[c] = cats.get(c, 0) + 1
        summary = ("corpus: files fully matching %d/%d, wiretop failures %d; "
                   "differences by kind: %s\n"
                   % (ok, len(other), len(crashed),
                      ", ".join("%s %d" % kv for kv in sorted(
                          cats.items(), key=lambda kv: -kv[1])) or "none"))
        w(summary)
        for r in crashed:
            w("FAIL: %s: %s\n" % (r["path"], r["error"]))
            failed.append(os.path.basename(r["path"]))
        if opts["--report"]:
            with open(opts["--report"], "w") as f:
                f.write(summary)
                for r in sorted(other, key=lambda r: (not r["error"],
                                                      -len(r["diffs"]),
                                                      r["path"])):
                    describe(r, f.write)
            w("corpus: details in %s\n" % opts["--report"])
    if failed:
        w("FAIL: stats: %s\n" % ", ".join(failed[:20]))
        return 1
    return 0


def main(argv):
    """Dispatch on the mode."""
    if len(argv) == 3 and argv[1] == "expected":
        text, _ = tshark_table(argv[2])
        json.dump(expected(text), sys.stdout, indent=1)
        sys.stdout.write("\n")
        return 0
    if len(argv) == 4 and argv[1] == "compare":
        text, _ = tshark_table(argv[2])
        with open(argv[3]) as f:
            ours = json.load(f)
        d = compare(expected(text), ours)
        for x in d:
            print(x)
        return 1 if d else 0
    if len(argv) >= 2 and argv[1] == "batch":
        return batch(argv[2:])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
