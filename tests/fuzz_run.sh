#!/bin/bash
# Run each libFuzzer target for a bounded time (CI: a few minutes in all).
#
#   tests/fuzz_run.sh [SECONDS] [BUILDDIR]
#
# SECONDS per target (or env FUZZ_SECONDS; default 60).  BUILDDIR (or env
# FUZZ_BUILDDIR) is a build configured with
#	CC=clang /path/to/configure --enable-fuzzing
# in which tests/fuzz/fuzz_{decode,pcap,filter,dfilter,escape,readback} are made if missing; with
# neither given, one is configured in $TMPDIR/wiretop-fuzz-build.
#
# Seeds come from the tcpdump captures in $SHARED_DIR/corpus/tcpdump (cut
# by tests/fuzz/seeds.py: single frames with a link-type byte for
# fuzz_decode, whole files for fuzz_pcap) and from tests/fuzz-regressions/.
# The growing corpus is kept in BUILDDIR/fuzz-corpus/ between runs.
#
# Prints, per target, the executions and any crash.  A crash, a hang (10 s
# on one input) or an out-of-memory is copied into
# tests/fuzz-regressions/<target>/ (replayed by make check from then on)
# and makes the exit status 1.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

SECONDS_PER=${1:-${FUZZ_SECONDS:-60}}
BUILD=${2:-${FUZZ_BUILDDIR:-}}
REGR=$TESTS_SRCDIR/fuzz-regressions
TOP_SRC=$(cd "$TESTS_SRCDIR/.." && pwd)

case $SECONDS_PER in
''|*[!0-9]*) echo "usage: fuzz_run.sh [SECONDS] [BUILDDIR]" >&2; exit 2 ;;
esac
command -v python3 >/dev/null 2>&1 || { echo "fuzz_run: python3 is needed" >&2; exit 1; }

if [ -z "$BUILD" ]; then
	BUILD=${TMPDIR:-/tmp}/wiretop-fuzz-build
	if ! [ -f "$BUILD/Makefile" ]; then
		command -v clang >/dev/null 2>&1 ||
		    { echo "fuzz_run: clang is needed" >&2; exit 1; }
		mkdir -p "$BUILD" &&
		(cd "$BUILD" && CC=clang "$TOP_SRC/configure" -q \
		    --enable-fuzzing) || { echo "fuzz_run: configure failed" >&2; exit 1; }
	fi
fi
BUILD=$(cd "$BUILD" && pwd) || exit 1
(cd "$BUILD" && make -s tests/fuzz/fuzz_decode tests/fuzz/fuzz_pcap \
    tests/fuzz/fuzz_filter tests/fuzz/fuzz_dfilter tests/fuzz/fuzz_escape \
    tests/fuzz/fuzz_readback \
    >"$BUILD/fuzz-make.log" 2>&1) ||
    { echo "fuzz_run: building the fuzz targets in $BUILD failed" >&2; exit 1; }

# The seed directories, made once per build.
SEEDS=$BUILD/fuzz-seeds
if ! [ -d "$SEEDS/dfilter" ]; then
	rm -rf "$SEEDS.tmp"
	if [ -d "$CORPUS" ]; then
		python3 "$TESTS_SRCDIR/fuzz/seeds.py" decode "$CORPUS" "$SEEDS.tmp/decode" >/dev/null &&
		python3 "$TESTS_SRCDIR/fuzz/seeds.py" pcap "$CORPUS" "$SEEDS.tmp/pcap" >/dev/null ||
		    { echo "fuzz_run: seeds.py failed" >&2; exit 1; }
	else
		echo "fuzz_run: no corpus at $CORPUS: starting from the regressions only"
		mkdir -p "$SEEDS.tmp/decode" "$SEEDS.tmp/pcap"
	fi
	python3 "$TESTS_SRCDIR/fuzz/seeds.py" filter "$SEEDS.tmp/filter" >/dev/null || exit 1
	python3 "$TESTS_SRCDIR/fuzz/seeds.py" dfilter "$SEEDS.tmp/dfilter" >/dev/null || exit 1
	python3 "$TESTS_SRCDIR/fuzz/seeds.py" escape "$SEEDS.tmp/escape" >/dev/null || exit 1
	# The read-back takes capture files too: the pcap target's seeds.
	cp -r "$SEEDS.tmp/pcap" "$SEEDS.tmp/readback" || exit 1
	rm -rf "$SEEDS"
	mv "$SEEDS.tmp" "$SEEDS"
fi

# Options per target: the largest input worth trying.
maxlen() {
	case $1 in
	decode) echo 4096 ;;
	pcap) echo 16384 ;;
	filter) echo 512 ;;
	dfilter) echo 512 ;;
	escape) echo 1024 ;;
	readback) echo 16384 ;;
	esac
}

status=0
total=0
for target in decode pcap filter dfilter escape readback; do
	corpus=$BUILD/fuzz-corpus/$target
	art=$BUILD/fuzz-artifacts/$target
	log=$BUILD/fuzz-$target.log
	mkdir -p "$corpus" "$art" "$REGR/$target"
	rm -f "$art"/*
	# Per-input limits: 10 s (a hang), 2 GB; -max_total_time bounds the run.
	timeout -k 10 $((SECONDS_PER + 120)) \
	    "$BUILD/tests/fuzz/fuzz_$target" -max_total_time="$SECONDS_PER" \
	    -timeout=10 -rss_limit_mb=2048 -max_len="$(maxlen $target)" \
	    -print_final_stats=1 -artifact_prefix="$art/" \
	    "$corpus" "$SEEDS/$target" "$REGR/$target" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	units=$(ls "$corpus" | wc -l)
	total=$((total + ${execs:-0}))
	found=$(ls "$art" 2>/dev/null)
	if [ $rc -eq 0 ] && [ -z "$found" ]; then
		printf 'fuzz_%-7s %10s executions in %ss, corpus %s inputs, no crash\n' \
		    "$target" "${execs:-?}" "$SECONDS_PER" "$units"
		continue
	fi
	status=1
	printf 'fuzz_%-7s %10s executions: FAILED (exit %s)\n' "$target" \
	    "${execs:-?}" "$rc"
	grep -m 1 -E 'ERROR: |runtime error|invariant broken|SUMMARY' "$log" | sed 's/^/    /'
	for f in $found; do
		cp "$art/$f" "$REGR/$target/$f"
		echo "    saved $REGR/$target/$f (name its origin in $REGR/README)"
	done
	[ -n "$found" ] || tail -n 20 "$log" | sed 's/^/    /'
	echo "    full log: $log"
done
echo "fuzz_run: $total executions in all"
exit $status
