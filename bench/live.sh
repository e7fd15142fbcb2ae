#!/bin/bash
# Live benchmark: replay a generated capture with tcpreplay --topspeed over a
# veth pair between two network namespaces, once while wiretop captures
# headless (--stats=json: decode, flows, talkers), once while
# "tcpdump -w /dev/null" does, each with the same 64 MB kernel ring, and
# once while wiretop prints a line per packet (-P, to a file).
# Prints packets sent / received / dropped for the first two and wiretop's
# CPU time per packet relative to tcpdump's; for -P, the lines printed
# against the packets received and dropped.  Targets: 0 drops, every
# packet received, CPU per packet <= 1.5x tcpdump's, and -P printing a
# line for every packet received (the printer is a lossless follower: a
# slow one leaves the backlog in the kernel ring, whose overflow is
# counted as dropped, never lost unsaid).
# Usage (as root): bench/live.sh [WIRETOP] [PACKETS] [FLOWS]
# Use an optimised build (no sanitizers) for meaningful numbers.
# Bash is needed (process substitution): run under it even as "sh live.sh".
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u
here=$(cd "$(dirname "$0")" && pwd)
WIRETOP=${1:-${WIRETOP:-$here/../wiretop}}
PACKETS=${2:-500000}
FLOWS=${3:-10000}
RING_MB=64

die() { echo "bench: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "needs root (network namespaces)"
for tool in tcpreplay tcpdump python3 ip timeout; do
	command -v $tool >/dev/null || die "$tool is not installed"
done
[ -x "$WIRETOP" ] || die "no wiretop binary at $WIRETOP (pass its path)"

. "$here/netns.sh"
netns_names wb$$
work=$(mktemp -d "${TMPDIR:-/tmp}/wiretop-live.XXXXXX")
cleanup() {
	netns_remove
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

netns_veth_pair

F=$work/replay.pcap
echo "generating $PACKETS packets over $FLOWS flows ..."
python3 "$here/../tests/gen_pcaps.py" --big "$PACKETS" "$FLOWS" "$F" ||
    die "cannot generate the capture"

# CPU nanoseconds used so far by every thread of process $1.
cpu_ns() {
	cat /proc/"$1"/task/*/schedstat 2>/dev/null |
	    awk '{ s += $1 } END { printf "%d\n", s }'
}
# The pid of the process named $1 running in host a.
pid_of() {
	local p
	for p in $(ip netns pids "$NA"); do
		[ "$(cat /proc/$p/comm 2>/dev/null)" = "$1" ] && echo "$p" &&
		    return
	done
}
# Replay the capture from b; prints the packets tcpreplay sent.
replay() {
	timeout 300 ip netns exec "$NB" tcpreplay --topspeed -i "$IB" "$F" \
	    2>&1 | awk '/Actual:/ { print $2; exit }'
}

# run NAME CMD...: capture in a with CMD (whose process is called NAME;
# OUTPUT_AS names its output files instead) during one replay.  Prints the
# packets sent, the CPU ns used in all and the part used before the replay
# (setting up: mostly the kernel zeroing the ring).  The wait after the
# replay outlasts tcpdump's 1 s block timeout, so that both have handled
# every packet when their CPU is read.
run() {
	local name=$1 pid cpu cpu0 as=${OUTPUT_AS:-$1}
	shift
	timeout 300 ip netns exec "$NA" "$@" >"$work/$as.out" \
	    2>"$work/$as.err" &
	sleep 1.5
	pid=$(pid_of "$name")
	[ -n "$pid" ] || die "$name did not start: $(cat "$work/$as.err")"
	cpu0=$(cpu_ns "$pid")
	sent=$(replay)
	sleep 2
	cpu=$(cpu_ns "$pid")
	kill -INT "$pid"
	wait
	echo "$sent $cpu $cpu0"
}
# warm NAME CMD...: start and stop CMD without measuring.  The kernel
# zeroes the ring's memory for whoever sets it up; memory freed a moment
# ago by the previous capture is cheaper to hand out (in a VM much more
# so) than memory that lay idle.  Each measured run follows a capture with
# the same ring, so neither tool pays for running first.
warm() {
	local name=$1 pid
	shift
	timeout 30 ip netns exec "$NA" "$@" >/dev/null 2>&1 &
	sleep 1
	pid=$(pid_of "$name")
	[ -n "$pid" ] && kill -INT "$pid"
	wait
}
TCPDUMP="tcpdump -Z root -n -q -i $IA -B $((RING_MB * 1024)) -w /dev/null"

warm tcpdump $TCPDUMP
read -r w_sent w_cpu w_cpu0 < <(run wiretop "$WIRETOP" -i "$IA" \
    -B $RING_MB --stats=json)
read -r w_recv w_drop < <(python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
print(s["packets"], s["dropped"])' "$work/wiretop.out")
read -r t_sent t_cpu t_cpu0 < <(run tcpdump $TCPDUMP)
t_recv=$(awk '/packets captured/ { print $1 }' "$work/tcpdump.err")
t_drop=$(awk '/dropped by kernel/ { print $1 }' "$work/tcpdump.err")

printf '%-8s %10s %10s %10s %12s %10s\n' tool sent received dropped \
    "CPU ns/pkt" "setup ms"
printf '%-8s %10s %10s %10s %12.0f %10.1f\n' wiretop "$w_sent" "$w_recv" \
    "$w_drop" "$(echo "$w_cpu / ($w_recv + 1)" | bc -l)" \
    "$(echo "$w_cpu0 / 1000000" | bc -l)"
printf '%-8s %10s %10s %10s %12.0f %10.1f\n' tcpdump "$t_sent" "$t_recv" \
    "$t_drop" "$(echo "$t_cpu / ($t_recv + 1)" | bc -l)" \
    "$(echo "$t_cpu0 / 1000000" | bc -l)"
# -P: the summary lines, then (--stats=json) the counts, in one stdout.
read -r p_sent p_cpu p_cpu0 < <(OUTPUT_AS=print run wiretop "$WIRETOP" \
    -i "$IA" -B $RING_MB -P --stats=json)
read -r p_lines p_recv p_drop < <(python3 -c '
import json, sys
text = open(sys.argv[1]).read()
at = text.find("\n{")
at = 0 if text.startswith("{") else at + 1
lines = text[:at].count("\n")
s = json.loads(text[at:])
print(lines, s["packets"], s["dropped"])' "$work/print.out")
printf '%-8s %10s %10s %10s %12.0f %10.1f\n' "wiretop -P" "$p_sent" \
    "$p_recv" "$p_drop" "$(echo "$p_cpu / ($p_recv + 1)" | bc -l)" \
    "$(echo "$p_cpu0 / 1000000" | bc -l)"
printf 'wiretop -P: %s lines printed for %s packets received, %s dropped\n' \
    "$p_lines" "$p_recv" "$p_drop"
ratio=$(echo "($w_cpu / ($w_recv + 1)) / ($t_cpu / ($t_recv + 1))" | bc -l)
printf 'wiretop CPU per packet / tcpdump: %.2fx (target <= 1.5)\n' "$ratio"
verdict=ok
[ "$w_drop" = 0 ] || verdict="FAIL (wiretop dropped packets)"
[ "$w_recv" = "$w_sent" ] || verdict="FAIL (wiretop did not receive every packet)"
[ "$(echo "$ratio <= 1.5" | bc -l)" = 1 ] || verdict="FAIL (CPU ratio)"
[ "$p_lines" = "$p_recv" ] ||
    verdict="FAIL (-P printed $p_lines lines for $p_recv packets)"
echo "verdict: $verdict"
[ "$verdict" = ok ]
