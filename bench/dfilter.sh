#!/bin/sh
# Display-filter benchmark: "-Y EXPR -T fields -e frame.number" with wiretop
# and tshark on one generated capture, measured in the same run; wiretop's
# time is the best of 3, tshark's one run (it takes about a minute on 1M
# packets).  Prints the seconds of each and tshark / wiretop per
# expression (target >= 20x), and whether both kept the same frames.
# Usage: bench/dfilter.sh [WIRETOP] [PACKETS] [FLOWS]
# Use an optimised build (no sanitizers) for meaningful numbers.
# BENCH_PCAP=FILE reuses a capture made earlier (by gen_pcaps.py --big).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
WIRETOP=${1:-${WIRETOP:-$here/../wiretop}}
PACKETS=${2:-1000000}
FLOWS=${3:-100000}
work=$(mktemp -d "${TMPDIR:-/tmp}/wiretop-dfbench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
F=$work/big.pcap

for tool in tshark python3 bc; do
	command -v $tool >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
done
[ -x "$WIRETOP" ] || { echo "bench: no wiretop binary at $WIRETOP (pass its path)" >&2; exit 1; }

if [ -n "${BENCH_PCAP:-}" ]; then
	F=$BENCH_PCAP
else
	echo "generating $PACKETS packets over $FLOWS flows ..."
	python3 "$here/../tests/gen_pcaps.py" --big "$PACKETS" "$FLOWS" "$F"
fi
ls -l "$F" | awk '{printf "capture: %.1f MB\n", $5 / 1048576}'

# The capture's clients are 10.<f / 65536>.x.y (IPv4 flows) and
# 2001:db8:<f / 65536>::x (IPv6), servers 172.16.x.y and 2001:db8:ffff::x:
# with 100000 flows, 10.1.0.0/16 holds about a third of the IPv4 clients.
# Payloads are letters from a rolling alphabet, so "^abc" starts 1 in 26.
EXPRS='tcp.flags.syn == 1 && tcp.flags.ack == 0
ip.addr == 10.1.0.0/16
udp.length > 500
tcp.payload matches "^abc"
frame contains "xyzabcdefghij"
tcp.port in {80, 443, 8000..8080} and !(ip.dst == 172.16.0.0/24)
ipv6.addr == 2001:db8:1::/48 || udp.port == 5001'

# best3 OUTFILE CMD...: the best of three wall-clock runs, in seconds; the
# last run's output goes to OUTFILE.
best3() {
	out=$1
	shift
	best=
	for _ in 1 2 3; do
		t0=$(date +%s.%N)
		"$@" >"$out" 2>/dev/null || true
		t1=$(date +%s.%N)
		t=$(echo "$t1 - $t0" | bc -l)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then
			best=$t
		fi
	done
	echo "$best"
}
once() {
	out=$1
	shift
	t0=$(date +%s.%N)
	"$@" >"$out" 2>/dev/null || true
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc -l
}

printf '%-66s %9s %9s %8s %9s %s\n' expression wiretop tshark ratio frames same
echo "$EXPRS" | while IFS= read -r e; do
	w_t=$(best3 "$work/w.out" "$WIRETOP" -r "$F" -Y "$e" -T fields -e frame.number)
	t_t=$(once "$work/t.out" tshark -n -r "$F" -Y "$e" -T fields -e frame.number)
	if cmp -s "$work/w.out" "$work/t.out"; then same=yes; else same=NO; fi
	printf '%-66s %8.3fs %8.2fs %7.1fx %9d %s\n' "$e" "$w_t" "$t_t" \
	    "$(echo "$t_t / $w_t" | bc -l)" "$(wc -l <"$work/t.out")" "$same"
done
echo "target: tshark / wiretop >= 20x"
