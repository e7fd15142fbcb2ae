#!/bin/bash
# Rates on a steady live stream: network namespaces "a" and "b" joined by
# a veth pair; "b" sends UDP at a fixed packet rate and size (paced on an
# absolute schedule, so every 2 s window holds the same count within a
# packet); wiretop's TUI runs in tmux on the veth in "a".  Over ~6 s, every
# 2 s reading of the flows view (the flow's row and the footer's total)
# and of the status line (pkt/s, bit/s) is within 2% of the sender's true
# rate, and later the 10 s readings too.  Prints the readings.  Needs
# root, network namespaces, tmux and python3 (skips with 77 otherwise).
# All traffic stays inside our own namespaces, which are always removed.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "$TESTS_SRCDIR/hosts.sh"

# After dropping privileges the process is not dumpable: LeakSanitizer
# cannot attach at exit (leaks are checked by the file tests).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

[ "$(id -u)" -eq 0 ] || skip "needs root for network namespaces"
for t in ip timeout python3 tmux; do
	command -v $t >/dev/null 2>&1 || skip "needs $t"
done
need_wiretop
make_tmpdir

netns_names wtr$$
A=10.205.0.1 B=10.205.0.2
S=wiretop-tui-rates
. "$TESTS_SRCDIR/tmux.sh"
CHECK_OK=1
cleanup_extra() { netns_remove; }
trap 'exit 1' INT TERM

hosts_up

PPS=200			# packets a second
PAYLOAD=500		# UDP payload bytes
SECS=24			# how long the stream lasts
FRAME=$((PAYLOAD + 8 + 20 + 14))	# UDP, IPv4, Ethernet
BPS=$((PPS * FRAME * 8))		# the true rate, bit/s

new_session -s "$S" -x 120 -y 40 \
    "env NO_COLOR=1 LC_ALL=C.UTF-8 ASAN_OPTIONS='$ASAN_OPTIONS' ip netns exec $NA '$WIRETOP' -n -i $IA 'udp port 9999'; echo EXIT=\$? >'$TMPD/exit'; sleep 60" ||
    fail "tmux could not start"
check "the TUI starts on $IA" wait_for "$IA .*cf: udp port 9999" 10

in_ns b $((SECS + 10)) python3 - "$PPS" "$PAYLOAD" "$SECS" <<'PY' &
import socket, sys, time
pps, size, secs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("10.205.0.2", 40000))
t0 = time.monotonic()
for i in range(pps * secs):
    # on an absolute schedule: a late packet does not delay the next
    d = t0 + i / pps - time.monotonic()
    if d > 0:
        time.sleep(d)
    s.sendto(i.to_bytes(4, "big") + b"r" * (size - 4), ("10.205.0.1", 9999))
PY
sender=$!
keys 2
check "the flows view shows the stream" \
    wait_for "UDP +$B:40000 -> $A:9999 " 5

# One reading of a screen (file $1): the flow's 2 s and 10 s columns, the
# footer total's, the status line's pkt/s and bit/s, as bits (or packets)
# a second, space-separated.
reading() {
	python3 -c '
import re, sys
lines = sys.stdin.read().split("\n")
def val(t):
    m = re.fullmatch(r"([0-9.]+)([kMG]?)", t)
    if not m:
        return -1
    return float(m.group(1)) * {"": 1, "k": 1e3, "M": 1e6, "G": 1e9}[m.group(2)]
def unit(n, u):
    return float(n) * {"": 1, "k": 1e3, "M": 1e6, "G": 1e9}[u]
head = lines[2]
e2 = head.index("b/s 2s") + len("b/s 2s")
e10 = re.search(r" 10s", head).end()
row = [l for l in lines if re.search(r"UDP +\S+:40000 -> \S+:9999 ", l)]
tot = [l for l in lines if l.startswith("total ")]
ft = [l for l in lines if l.startswith("Flows ")]
out = []
if row:
    out += [val(row[0][:e2].split()[-1]), val(row[0][:e10].split()[-1])]
else:
    out += [-1, -1]
if tot and ft:
    f2 = ft[0].index(" 2s") + 3
    f10 = ft[0].index(" 10s") + 4
    out += [val(tot[0][:f2].split()[-1]), val(tot[0][:f10].split()[-1])]
else:
    out += [-1, -1]
m = re.search(r"([0-9.]+) ?([kMG]?)(?:pkt|p)/s ([0-9.]+) ?([kMG]?)(?:bit|b)/s", lines[0])
out += [unit(m.group(1), m.group(2)), unit(m.group(3), m.group(4))] if m else [-1, -1]
print(" ".join("%.0f" % v for v in out))' <"$1"
}

# within P% of W?
within() { python3 -c "import sys; g, w = float('$1'), float('$2'); sys.exit(0 if abs(g - w) <= w * 0.02 else 1)"; }

note "the sender's true rate: $PPS pkt/s of $FRAME bytes, $BPS bit/s"
# Screens every half second from 3.5 s into the stream (the 2 s window
# full of it) for 6 s, then from 11 s (the 10 s window full) for 2 s;
# read once the stream is over.
sleep 3.5
for i in $(seq 12); do
	screen >"$TMPD/r2.$i"
	sleep 0.5
done
T capture-pane -p -e -t "$S" >"$TMPD/attrs"
sleep 1.5
for i in $(seq 4); do
	screen >"$TMPD/r10.$i"
	sleep 0.5
done
bad2=0 n2=0 bad10=0 n10=0
log=$TMPD/readings
: >"$log"
for i in $(seq 12); do
	read -r f2 f10 t2 t10 spps sbps <<<"$(reading "$TMPD/r2.$i")"
	echo "+$((3 + i / 2)).$((i % 2 * 5))s: flow 2s $f2  total 2s $t2  status $spps pkt/s $sbps bit/s" >>"$log"
	for v in "$f2" "$t2" "$sbps"; do
		n2=$((n2 + 1))
		within "$v" "$BPS" || bad2=$((bad2 + 1))
	done
	n2=$((n2 + 1))
	within "$spps" "$PPS" || bad2=$((bad2 + 1))
done
for i in $(seq 4); do
	read -r f2 f10 t2 t10 spps sbps <<<"$(reading "$TMPD/r10.$i")"
	echo "+$((11 + (i - 1) / 2)).$(((i - 1) % 2 * 5))s: flow 10s $f10  total 10s $t10" >>"$log"
	for v in "$f10" "$t10"; do
		n10=$((n10 + 1))
		within "$v" "$BPS" || bad10=$((bad10 + 1))
	done
done
sed 's/^/    /' "$log"
check "every 2 s reading within 2% of $BPS bit/s ($PPS pkt/s): $((n2 - bad2)) of $n2" [ $bad2 -eq 0 ]
check "every 10 s reading within 2% of $BPS bit/s: $((n10 - bad10)) of $n10" [ $bad10 -eq 0 ]
# The top flow's bar (underlined behind the row) spans the whole row: the
# row starts underlined and nothing turns it off before its last
# character.
check "the flow's rate bar spans its row" python3 -c '
import re, sys
SGR = re.compile(r"\x1b\[([0-9;]*)m")
for l in open(sys.argv[1], encoding="utf-8"):
    if not re.search(r"UDP +\S+:40000 -> ", SGR.sub("", l)):
        continue
    on, text = False, ""
    for part in re.split(r"(\x1b\[[0-9;]*m)", l.rstrip("\n")):
        m = SGR.fullmatch(part)
        if m:
            codes = m.group(1).split(";")
            if "0" in codes or "24" in codes or m.group(1) == "":
                on = False
            if "4" in codes:
                on = True
        elif part.strip():
            if not on:
                sys.exit(1)
    sys.exit(0)
sys.exit(1)' "$TMPD/attrs"
check "no drops" has "drop 0 "
kill $sender 2>/dev/null
wait $sender 2>/dev/null

keys q
for _ in $(seq 50); do [ -f "$TMPD/exit" ] && break; sleep 0.1; done
check "q exits 0" grep -q "EXIT=0" "$TMPD/exit"

echo "$((checks - fails)) passed, $fails failed"
[ $fails -eq 0 ]
