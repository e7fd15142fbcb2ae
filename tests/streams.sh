#!/bin/bash
# Reading a capture from a stream: a FIFO, /dev/stdin and a process
# substitution give every packet (the stream is read once); a stalled pipe
# shows what it has at once, -c 1 and SIGINT/SIGTERM/SIGHUP end the run
# without waiting for more input, with -w whole, --stats printed and exit
# 0.  Last, a headless live capture (in network namespaces of our own,
# root only) stopped by SIGHUP ends the same way.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

need_wiretop
need_python
gen_pcaps
make_tmpdir
FAILED=0
FAST=1.0	# seconds a stalled-pipe run may take to answer

ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; FAILED=$((FAILED + 1)); }
check() {	# check "what" COND: COND is shell text, evaluated whole
	if eval "$2"; then ok "$1"; else notok "$1"; fi
}

# Nanoseconds since the epoch, and a difference in seconds: secs_since NS
now_ns() { date +%s%N; }
secs_since() { echo "scale=3; ($(now_ns) - $1) / 1000000000" | bc; }
# Is the decimal $1 below $2?
below() { [ "$(echo "$1 < $2" | bc)" = 1 ]; }

# A JSON --stats document after any -P lines: json_ok FILE prints packets.
json_packets() {
	python3 - "$1" <<'PY' 2>/dev/null
import json, sys
text = open(sys.argv[1]).read()
i = text.find("\n{") + 1 if not text.startswith("{") else 0
print(json.loads(text[i:])["packets"])
PY
}

# Is this a whole pcap file (header, then whole records)?  Prints the
# number of records.
pcap_records() {
	python3 - "$1" <<'PY' 2>/dev/null
import struct, sys
d = open(sys.argv[1], "rb").read()
assert len(d) >= 24 and d[:4] in (b"\x4d\x3c\xb2\xa1", b"\xd4\xc3\xb2\xa1")
off, n = 24, 0
while off < len(d):
    assert off + 16 <= len(d), "a record header cut short"
    incl = struct.unpack("<I", d[off + 8:off + 12])[0]
    assert off + 16 + incl <= len(d), "a record cut short"
    off += 16 + incl
    n += 1
print(n)
PY
}

command -v bc >/dev/null 2>&1 || skip "needs bc"
PCAP=$TMPD/many.pcap
python3 "$TESTS_SRCDIR/gen_pcaps.py" --big 2000 50 "$PCAP" ||
    fail "gen_pcaps.py --big failed"
PCAPNG=$GEN/mixed.pcapng
[ -f "$PCAPNG" ] || fail "no $PCAPNG"

# 1. Every packet through each kind of stream, pcap and pcapng.
for f in "$PCAP" "$PCAPNG"; do
	b=$(basename "$f")
	want=$(run_to "$RUN_TIMEOUT" "$WIRETOP" -r "$f" -P | wc -l)
	check "$b: read as a file ($want packets)" \
	    '[ "$want" -gt 0 ]'
	rm -f "$TMPD/fifo"
	mkfifo "$TMPD/fifo" || fail "mkfifo failed"
	cat "$f" >"$TMPD/fifo" &
	got=$(run_to "$RUN_TIMEOUT" "$WIRETOP" -r "$TMPD/fifo" -P | wc -l)
	wait
	check "$b: a FIFO gives $got of $want" \
	    '[ "$got" = "$want" ]'
	got=$(run_to "$RUN_TIMEOUT" "$WIRETOP" -r /dev/stdin -P <"$f" | wc -l)
	check "$b: /dev/stdin gives $got of $want" \
	    '[ "$got" = "$want" ]'
	got=$(cat "$f" | run_to "$RUN_TIMEOUT" "$WIRETOP" -r - -P | wc -l)
	check "$b: -r - on a pipe gives $got of $want" \
	    '[ "$got" = "$want" ]'
	got=$(run_to "$RUN_TIMEOUT" "$WIRETOP" -r <(cat "$f") -P | wc -l)
	check "$b: <(cat FILE) gives $got of $want" \
	    '[ "$got" = "$want" ]'
done
# The pcapng interface name still comes through a pipe.
run_to "$RUN_TIMEOUT" "$WIRETOP" -r "$PCAPNG" -T fields \
    -e frame.interface_name >"$TMPD/ifname.want"
run_to "$RUN_TIMEOUT" "$WIRETOP" -r <(cat "$PCAPNG") -T fields \
    -e frame.interface_name >"$TMPD/ifname.got"
check "pcapng: interface name '$(head -1 "$TMPD/ifname.want")' from a pipe" \
    '[ -n "$(head -1 "$TMPD/ifname.want")" ] &&
    cmp -s "$TMPD/ifname.want" "$TMPD/ifname.got"'

# 2. A stalled pipe: the header and NPKT packets, then 30 s of nothing
# with the pipe held open.  The writer runs on a FIFO so that wiretop's
# own exit is timed, not the writer's.
NPKT=5
stall_writer() {	# stall_writer FIFO: FIFO.sent appears once written
	rm -f "$1.sent"
	python3 - "$PCAP" "$NPKT" 30 "$1.sent" >"$1" <<'PY' 2>/dev/null &
import struct, sys, time
d = open(sys.argv[1], "rb").read()
off = 24
for i in range(int(sys.argv[2])):
    off += 16 + struct.unpack("<I", d[off + 8:off + 12])[0]
sys.stdout.buffer.write(d[:off])
sys.stdout.buffer.flush()
open(sys.argv[4], "w").close()
time.sleep(float(sys.argv[3]))
PY
	WRITER=$!
}
stall_fifo() {
	rm -f "$TMPD/stall"
	mkfifo "$TMPD/stall" || fail "mkfifo failed"
}
# Wait (at most 10 s) until the writer has written: time from then on.
wait_sent() {
	local i
	for i in $(seq 500); do
		[ -e "$TMPD/stall.sent" ] && return 0
		sleep 0.02
	done
}
stop_writer() {
	kill "$WRITER" 2>/dev/null
	wait "$WRITER" 2>/dev/null
}

# -P output reaches its file within FAST seconds.
stall_fifo
stall_writer "$TMPD/stall"
"$WIRETOP" -r - -P <"$TMPD/stall" >"$TMPD/stall.out" 2>&1 &
wt=$!
wait_sent
start=$(now_ns)
lines=0
while below "$(secs_since "$start")" "$FAST"; do
	lines=$(wc -l <"$TMPD/stall.out")
	[ "$lines" -ge "$NPKT" ] && break
	sleep 0.02
done
took=$(secs_since "$start")
check "stalled pipe: $lines of $NPKT packets shown after ${took}s" \
    '[ "$lines" = "$NPKT" ]'
kill -TERM "$wt" 2>/dev/null
wait "$wt"
stop_writer

# -c 1 exits 0 after the first packet, without waiting for more input.
stall_fifo
stall_writer "$TMPD/stall"
"$WIRETOP" -r - -P -c 1 <"$TMPD/stall" >"$TMPD/c1.out" 2>&1 &
wt=$!
wait_sent
start=$(now_ns)
wait "$wt"
rc=$?
took=$(secs_since "$start")
stop_writer
check "stalled pipe: -c 1 exits $rc after ${took}s" \
    '[ "$rc" = 0 ] && below "$took" "$FAST"'
check "stalled pipe: -c 1 printed one line" \
    '[ "$(wc -l <"$TMPD/c1.out")" = 1 ]'

# SIGTERM, SIGINT and SIGHUP each end a stalled run cleanly: exit 0,
# stats, the -P lines and a whole -w file with exactly the packets sent.
for sig in TERM INT HUP; do
	stall_fifo
	stall_writer "$TMPD/stall"
	out=$TMPD/sig$sig.pcap
	# No timeout(1) in between: the signal goes to wiretop itself (the
	# writer's 30 s bound the run).
	"$WIRETOP" -r - -P -w "$out" --stats=json <"$TMPD/stall" \
	    >"$TMPD/sig$sig.out" 2>"$TMPD/sig$sig.err" &
	wt=$!
	# Signalled once the packets are shown (a loaded machine may take
	# a while to start the writer).
	for i in $(seq 250); do
		[ "$(grep -c "^[0-9]" "$TMPD/sig$sig.out")" -ge "$NPKT" ] &&
		    break
		sleep 0.02
	done
	sleep 0.2
	start=$(now_ns)
	kill -"$sig" "$wt"
	wait "$wt"
	rc=$?
	took=$(secs_since "$start")
	stop_writer
	check "SIG$sig: exit $rc after ${took}s" \
	    '[ "$rc" = 0 ] && below "$took" "$FAST"'
	check "SIG$sig: --stats=json printed, $NPKT packets" \
	    '[ "$(json_packets "$TMPD/sig$sig.out")" = "$NPKT" ]'
	check "SIG$sig: the -P lines" \
	    '[ "$(grep -c "^[0-9]" "$TMPD/sig$sig.out")" = "$NPKT" ]'
	check "SIG$sig: -w is a whole pcap of $NPKT records" \
	    '[ "$(pcap_records "$out")" = "$NPKT" ]'
	check "SIG$sig: -w read back gives $NPKT packets" \
	    '[ "$("$WIRETOP" -r "$out" -P 2>&1 | wc -l)" = "$NPKT" ]'
	check "SIG$sig: no warning on stderr" \
	    '[ ! -s "$TMPD/sig$sig.err" ]'
	if command -v tcpdump >/dev/null 2>&1; then
		tcpdump -n -r "$out" >"$TMPD/td.out" 2>"$TMPD/td.err"
		check "SIG$sig: tcpdump reads -w whole" \
		    '[ "$(wc -l <"$TMPD/td.out")" = "$NPKT" ] &&
		    ! grep -qi truncated "$TMPD/td.err"'
	fi
done

# 3. Live: SIGHUP ends a headless capture like SIGINT does.
live_hup() {
	local t pid p rc job

	[ "$(id -u)" -eq 0 ] || { note "live SIGHUP skipped: not root"; return; }
	for t in ip timeout; do
		command -v $t >/dev/null 2>&1 ||
		    { note "live SIGHUP skipped: needs $t"; return; }
	done
	. "$TESTS_SRCDIR/hosts.sh"
	netns_names ws$$
	A=10.204.0.1 B=10.204.0.2
	trap 'netns_remove; rm -rf "$TMPD"' EXIT
	if ! (hosts_up) >"$TMPD/hosts.log" 2>&1; then
		note "live SIGHUP skipped: $(tail -1 "$TMPD/hosts.log")"
		netns_remove
		return
	fi
	# After dropping privileges LeakSanitizer cannot attach (see
	# live_capture.sh).
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	    in_ns a 30 "$WIRETOP" -i "$IA" -P -w "$TMPD/x.pcap" --stats=json \
	    udp port 9999 >"$TMPD/live.out" 2>"$TMPD/live.err" &
	job=$!
	sleep 1
	for p in $(ip netns pids "$NA" 2>/dev/null); do
		[ "$(cat "/proc/$p/comm" 2>/dev/null)" = wiretop ] &&
		    pid=$p && break
	done
	# Ten datagrams from b (bash's /dev/udp, nothing to install).
	in_ns b 10 bash -c 'for i in 0 1 2 3 4 5 6 7 8 9; do
		echo "wiretop $i" >/dev/udp/10.204.0.1/9999; done'
	sleep 0.5
	start=$(now_ns)
	[ -n "$pid" ] && kill -HUP "$pid"
	wait "$job"
	rc=$?
	took=$(secs_since "$start")
	check "live SIGHUP: exit $rc after ${took}s" \
	    '[ -n "$pid" ] && [ "$rc" = 0 ] && below "$took" 2'
	check "live SIGHUP: --stats=json printed, 10 packets" \
	    '[ "$(json_packets "$TMPD/live.out")" = 10 ]'
	check "live SIGHUP: the 10 -P lines" \
	    '[ "$(grep -c "^[0-9]" "$TMPD/live.out")" = 10 ]'
	check "live SIGHUP: x.pcap whole, 10 records" \
	    '[ "$(pcap_records "$TMPD/x.pcap")" = 10 ]'
	netns_remove
}
live_hup

[ "$FAILED" -eq 0 ] || fail "$FAILED checks failed"
echo "PASS: $ME"
exit 0
