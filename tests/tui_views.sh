#!/bin/bash
# The flows and talkers views laid out at 80x24 and 120x40, in tmux, on
# captures with long IPv6 addresses (longv6), IPv6 with ICMPv6 (ipv6) and
# IPv4 (basic), against --stats=json: every flow's row shows both
# endpoints with their ports, whole or cut with an ellipsis (the port kept,
# never cut silently), Proto whole (ICMPv6), its counts, the arrow and the
# headings in the same columns as the data, the 2/10/40 s columns at 120;
# the footer's A->B / B->A / total equal the flows' sums (exact at 120
# columns, in the view's short form at 80); the talkers' addresses whole or
# ellipsised;
# the status line not cut, with the capture's duration and averages once
# loaded; drill-down (talker -> its flows -> back, flow -> its packets ->
# back, f following a flow's stream -> back) and p for port names.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
tui_test
CHECK_OK=1

# check_screen KIND SCREEN JSON COLS: python's verdict on a captured
# screen (flows, talkers or status); prints the problems, exit 1 if any.
check_screen() {
	python3 - "$@" <<'PY'
import json, re, sys
kind, scr, js, cols = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
lines = open(scr, encoding="utf-8").read().split("\n")
d = json.load(open(js))
bad = []
ELL = "\u2026"

def short(v):
    # the views' human_short(): 3 significant digits, k/M/G
    p = ["", "k", "M", "G", "T", "P"]
    i = 0
    v = float(v)
    while v >= 999.5 and i + 1 < len(p):
        v /= 1000
        i += 1
    if i == 0:
        return "%.0f" % v
    f = "%.2f" if v < 9.995 else "%.1f" if v < 99.95 else "%.0f"
    return (f % v) + p[i]

def ep(ver6, proto, addr, port):
    if proto in ("tcp", "udp"):
        return ("[%s]:%d" if ver6 else "%s:%d") % (addr, port)
    return addr

def ep_ok(shown, want, proto, ver6):
    if shown == want:
        return True
    if ELL not in shown:
        return False
    host, _, rest = shown.partition(ELL)
    if proto in ("tcp", "udp"):
        # the port stays whole after the ellipsis
        tail = want[want.rindex(":"):]
        if not rest.endswith(tail):
            return False
        if ver6:
            return want.startswith(host) and rest == "]" + tail
        return want.startswith(host) and rest == tail
    return want.startswith(host) and rest == ""

PROTO = {"tcp": "TCP", "udp": "UDP", "icmp": "ICMP", "icmpv6": "ICMPv6"}

if kind == "status":
    st = lines[0].rstrip()
    if st.endswith(ELL) or st.endswith("~"):
        bad.append("status line cut: " + st)
    n = d["packets"]
    if not re.search(r"seen %d shown %d" % (n, n), st):
        bad.append("status line without seen/shown %d: %s" % (n, st))
    if cols >= 120:
        dur = d["duration_s"]
        want = "%.3fs" % dur if dur < 1 else "%.1fs" % dur
        if "(loaded)" not in st or ("%s, avg" % want) not in st:
            bad.append("status line without (loaded) and %s, avg: %s" %
                       (want, st))
    if len(st) > cols:
        bad.append("status line longer than the screen")

if kind == "flows":
    head = lines[2]
    rows = []
    for l in lines[3:]:
        if l.startswith("Flows ") or l.strip() == "":
            break
        rows.append(l)
    if len(rows) != len(d["flows"]):
        bad.append("%d rows for %d flows" % (len(rows), len(d["flows"])))
    arrows = set(l.index(" -> ") for l in rows if " -> " in l)
    if len(arrows) != 1:
        bad.append("the arrow is not in one column: %s" % arrows)
    else:
        a = arrows.pop()
        if head[a - 1] != "A" or head[a + 4] != "B":
            bad.append("headings A/B not over their columns: %r" % head)
    # numeric headings: their right edge is their data's
    for m in re.finditer(r"(Pkt>|Byte>|Pkt<|Byte<|Pkts|Bytes|b/s 2s|10s|40s|Peak)", head):
        e = m.end() - 1
        for l in rows:
            if len(l) <= e or l[e] == " " or (e + 1 < len(l) and l[e + 1] != " "):
                bad.append("column %s not right-aligned under its heading: %r" % (m.group(1), l))
                break
    if cols >= 120:
        for h in ("b/s 2s", "10s", "40s"):
            if h not in head:
                bad.append("no %s column at %d columns" % (h, cols))
    used = set()
    for f in d["flows"]:
        v6 = ":" in f["src"]
        wa = ep(v6, f["proto"], f["src"], f["sport"])
        wb = ep(v6, f["proto"], f["dst"], f["dport"])
        found = False
        for i, l in enumerate(rows):
            if i in used or " -> " not in l:
                continue
            left, _, right = l.partition(" -> ")
            t = left.split()
            if len(t) != 2 or t[0] != PROTO[f["proto"]]:
                continue
            sb = right.split()[0]
            if ep_ok(t[1], wa, f["proto"], v6) and ep_ok(sb, wb, f["proto"], v6):
                used.add(i)
                found = True
                # its counts, in the view's short form
                want = {"Pkt>": f["packets"], "Byte>": f["bytes"],
                        "Pkt<": f["packets_rev"], "Byte<": f["bytes_rev"],
                        "Pkts": f["packets"] + f["packets_rev"],
                        "Bytes": f["bytes"] + f["bytes_rev"]}
                for m in re.finditer(r"(Pkt>|Byte>|Pkt<|Byte<|Pkts|Bytes)(?= |$)", head):
                    got = l[:m.end()].split()[-1]
                    if got != short(want[m.group(1)]):
                        bad.append("%s of %s -> %s: %s, --stats=json %s" %
                                   (m.group(1), wa, wb, got, want[m.group(1)]))
                break
        if not found:
            bad.append("no row for %s %s -> %s" % (f["proto"], wa, wb))
    for l in rows:
        if " -> " in l and l.split()[0] not in PROTO.values():
            bad.append("Proto cut: %r" % l)

if kind in ("flows", "talkers"):
    fl = d["flows"]
    sums = {
        "A->B": (sum(f["packets"] for f in fl), sum(f["bytes"] for f in fl)),
        "B->A": (sum(f["packets_rev"] for f in fl), sum(f["bytes_rev"] for f in fl)),
    }
    sums["total"] = (sums["A->B"][0] + sums["B->A"][0], sums["A->B"][1] + sums["B->A"][1])
    for lab, (p, b) in sums.items():
        row = [l for l in lines if l.startswith(lab + " ")]
        if len(row) != 1:
            bad.append("no footer row %s" % lab)
            continue
        t = row[0].split()
        want = (str(p), str(b)) if cols >= 100 else (short(p), short(b))
        if (t[1], t[2]) != want:
            bad.append("footer %s says %s %s, --stats=json's flows %s %s" %
                       (lab, t[1], t[2], want[0], want[1]))

if kind == "talkers":
    rows = []
    for l in lines[3:]:
        if l.startswith("Flows ") or l.strip() == "":
            break
        rows.append(l)
    shown = [l.split()[0] for l in rows]
    for t in d["talkers"]:
        if not any(s == t["addr"] or (ELL in s and t["addr"].startswith(s.split(ELL)[0])) for s in shown):
            bad.append("talker %s not shown" % t["addr"])

for b in bad:
    print("   ", b)
sys.exit(1 if bad else 0)
PY
}

for name in longv6 ipv6 basic; do
	F=$GEN/$name.pcap
	json=$TMPD/$name.json
	run_to 30 "$WIRETOP" -n -r "$F" --stats=json >"$json" ||
		fail "--stats=json failed on $name"
	n=$(python3 -c "import json; print(json.load(open('$json'))['packets'])")
	nflows=$(python3 -c "import json; print(len(json.load(open('$json'))['flows']))")
	for size in 80x24 120x40; do
		c=${size%x*} r=${size#*x}
		S=views-$name-$size
		new_session -s "$S" -x "$c" -y "$r" \
		    "env NO_COLOR=1 LC_ALL=C.UTF-8 '$WIRETOP' -n -r '$F'; sleep 30" ||
			fail "tmux could not start"
		check "$name $size: loaded" wait_for "seen $n shown $n .* avg " 10
		screen >"$TMPD/s"
		check "$name $size: the status line" check_screen status "$TMPD/s" "$json" "$c"
		# Port numbers, as --stats=json has them.
		keys p
		check "$name $size: p turns port names off" wait_for "port names off" 3
		keys 2
		check "$name $size: the flows view" wait_for "^Flows: $nflows " 5
		screen >"$TMPD/s"
		check "$name $size: every flow's endpoints, Proto, columns, footer" \
		    check_screen flows "$TMPD/s" "$json" "$c"
		keys 3
		check "$name $size: the talkers view" wait_for "^Talkers: " 5
		screen >"$TMPD/s"
		check "$name $size: talkers and footer" \
		    check_screen talkers "$TMPD/s" "$json" "$c"
		T kill-session -t "$S"
	done
done

# Drill-down and port names, on longv6 at 80x24.
F=$GEN/longv6.pcap
S=views-drill
new_session -s "$S" -x 80 -y 24 \
    "env NO_COLOR=1 LC_ALL=C.UTF-8 '$WIRETOP' -n -r '$F'; sleep 30" ||
	fail "tmux could not start"
check "drill: loaded" wait_for "seen 32 shown 32" 10
keys 3
check "drill: talkers" wait_for "^Talkers: 4 " 5
keys Enter
check "drill: Enter on a talker shows its flows" wait_for "^Flows of 2a01:cb01:2049:8b07:991d:ec85:28df:f629: 5 " 5
check "drill: and its footer is its TX/RX" has "^TX +"
keys Escape
check "drill: Esc goes back to the talkers" wait_for "^Talkers: 4 " 5
keys 2
check "drill: flows" wait_for "^Flows: 6 " 5
keys Enter
check "drill: Enter on a flow leaves the flows view" \
    bash -c "for i in \$(seq 30); do tmux -S '$SOCK' capture-pane -p -t '$S' | grep -q '^Flows: ' || exit 0; sleep 0.1; done; exit 1"
keys BSpace
check "drill: Backspace comes back to the flows" wait_for "^Flows: 6 " 5
keys f
check "drill: f on a flow follows its stream" wait_for "^Follow TCP stream \[2a01:cb01:2049:8b07:991d:ec85:28df:f629\]:51514 " 5
keys Escape
check "drill: Esc comes back to the flows" wait_for "^Flows: 6 " 5
# At 80 columns the IPv6 hosts are cut, so their ports show as numbers
# (an address says more than a service name); the IPv4 row has room.
check "drill: port names by default" has "93\.184\.216\.34:http "
check "drill: a cut host's port is a number" has "\]:443 "
keys p
check "drill: p shows port numbers" wait_for "93\.184\.216\.34:80 " 5
keys p
check "drill: p again, names" wait_for "93\.184\.216\.34:http " 5

echo "$((checks - fails)) passed, $fails failed"
[ $fails -eq 0 ]
