#!/bin/bash
# Replay every saved fuzz input: each file of tests/fuzz-regressions/<target>/
# goes through tests/fuzz/replay_<target> (the fuzz target with a plain
# main()).  Fails if any input crashes, trips a sanitizer or breaks one of
# the invariants the targets assert.  The replay programs are check_PROGRAMS,
# so they carry the build's sanitizers (--enable-asan in CI).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

REGR=$TESTS_SRCDIR/fuzz-regressions
[ -d "$REGR" ] || skip "no $REGR"
make_tmpdir

# Sanitizer reports must fail the run (they abort under -fno-sanitize-recover;
# these make plain builds loud too).
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

failed=0
ran=0
# replay LABEL PROG DIR: every file of DIR through PROG.
replay() {
	local label=$1 prog=$2 dir=$3 n log=$TMPD/replay.log

	[ -x "$prog" ] || fail "no replay program $prog (make check builds it)"
	n=$(find "$dir" -maxdepth 1 -type f ! -name '.*' | wc -l)
	if run_to "$RUN_TIMEOUT" "$prog" "$dir" >"$log" 2>&1 &&
	    ! grep -q "runtime error\|ERROR: AddressSanitizer\|ERROR: LeakSanitizer" "$log"
	then
		note "$label: $n inputs replayed"
		ran=$((ran + n))
	else
		# The last input named is the one that failed.
		echo "FAIL: $ME: $label: $(grep '^replay: ' "$log" | tail -n 1)"
		tail -n 30 "$log"
		failed=1
	fi
}

for target in decode pcap filter dfilter escape readback; do
	if [ -d "$REGR/$target" ]; then
		replay "$target" "$TESTS_BUILDDIR/fuzz/replay_$target" \
		    "$REGR/$target"
	fi
done

# Whole captures through the pcap and read-back targets too: the pcap
# target's invariants include the
# capture pass (with its fast path for plain TCP/UDP) agreeing with the
# decoders on every packet.  The generated captures always, the corpus
# when it is there.
need_python
gen_pcaps
for dir in "$GEN" "$CORPUS"; do
	if [ -d "$dir" ]; then
		replay "$dir" "$TESTS_BUILDDIR/fuzz/replay_pcap" "$dir"
		replay "$dir (read back)" "$TESTS_BUILDDIR/fuzz/replay_readback" \
		    "$dir"
	else
		note "no $dir: its captures skipped"
	fi
done
[ $failed -eq 0 ] || exit 1
note "$ran inputs, no crash"
exit 0
