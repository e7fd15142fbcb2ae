#!/bin/sh
# Offline benchmark: wiretop against tcpdump and tshark on one generated
# capture, measured in the same run (best of 3 wall-clock times each).
#   wiretop --stats=json  / tcpdump -r F -w /dev/null   target <= 2.0
#   tcpdump -n -S -r F    / wiretop -P -r F             target >= 3x
#     on the first SUMMARY packets (default 100k): tcpdump's per-packet
#     cost grows with this capture (10 minutes for all 1M seen here), so
#     both print the same first packets (-c).  -S: absolute sequence
#     numbers, as wiretop prints them.
#   tshark -T fields      / wiretop -T fields (same fields)  target >= 20x
#   peak RSS of wiretop --stats=json                    target <= 64 MB
# Usage: bench/offline.sh [WIRETOP] [PACKETS] [FLOWS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
WIRETOP=${1:-${WIRETOP:-$here/../wiretop}}
PACKETS=${2:-1000000}
FLOWS=${3:-100000}
work=$(mktemp -d "${TMPDIR:-/tmp}/wiretop-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
F=$work/big.pcap

for tool in tcpdump tshark python3; do
	command -v $tool >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
done
[ -x "$WIRETOP" ] || { echo "bench: no wiretop binary at $WIRETOP (pass its path)" >&2; exit 1; }

if [ -n "${BENCH_PCAP:-}" ]; then
	F=$BENCH_PCAP	# reuse a capture made earlier
else
	echo "generating $PACKETS packets over $FLOWS flows ..."
	python3 "$here/../tests/gen_pcaps.py" --big "$PACKETS" "$FLOWS" "$F"
fi
ls -l "$F" | awk '{printf "capture: %.1f MB\n", $5 / 1048576}'

# best3 CMD...: the best of three wall-clock runs, in seconds.
best3() {
	best=
	for _ in 1 2 3; do
		t0=$(date +%s.%N)
		"$@" >/dev/null 2>&1
		t1=$(date +%s.%N)
		t=$(echo "$t1 - $t0" | bc -l)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then
			best=$t
		fi
	done
	echo "$best"
}
ratio() { echo "scale=2; $1 / $2" | bc -l; }

FIELDS="-e frame.number -e ip.src -e ip.dst -e tcp.srcport -e tcp.dstport -e udp.srcport -e udp.dstport -e frame.len"
read_t=$(best3 tcpdump -r "$F" -w /dev/null)
stats_t=$(best3 "$WIRETOP" -r "$F" --stats=json)
SUMMARY=${SUMMARY:-100000}
tcpdump_t=$(best3 tcpdump -n -S -c "$SUMMARY" -r "$F")
summary_t=$(best3 "$WIRETOP" -r "$F" -P -c "$SUMMARY")
fields_t=$(best3 "$WIRETOP" -r "$F" -T fields $FIELDS)
# tshark is slow: time it once.
t0=$(date +%s.%N); tshark -r "$F" -T fields $FIELDS >/dev/null 2>&1; t1=$(date +%s.%N)
tshark_t=$(echo "$t1 - $t0" | bc -l)
rss=$( { /usr/bin/time -f %M "$WIRETOP" -r "$F" --stats=json >/dev/null; } 2>&1 | tail -n 1)

printf '%-44s %8.3f s\n' "tcpdump -r F -w /dev/null (read only)" "$read_t"
printf '%-44s %8.3f s   ratio %s (target <= 2.0)\n' "wiretop --stats=json" "$stats_t" "$(ratio "$stats_t" "$read_t")"
printf '%-44s %8.3f s\n' "tcpdump -n -S -c $SUMMARY -r F" "$tcpdump_t"
printf '%-44s %8.3f s   %sx faster (target >= 3)\n' "wiretop -P -c $SUMMARY" "$summary_t" "$(ratio "$tcpdump_t" "$summary_t")"
printf '%-44s %8.3f s\n' "tshark -T fields (8 fields)" "$tshark_t"
printf '%-44s %8.3f s   %sx faster (target >= 20)\n' "wiretop -T fields (8 fields)" "$fields_t" "$(ratio "$tshark_t" "$fields_t")"
printf '%-44s %8s MB  (target <= 64)\n' "peak RSS, wiretop --stats=json" "$(echo "scale=1; $rss / 1024" | bc -l)"
