#!/bin/bash
# Timestamps at the ends of the time scale (tests/gen_time_pcaps.py):
# pcapng interfaces whose if_tsresol / if_tsoffset put a packet at 2^62 s,
# 2^64-1 ms or near -2^63 s, where seconds * 10^9 overflows.  Each file
# goes through -P, -V, -T fields, -T json and --stats=json: every run must
# exit 0 with no sanitizer report, frame.time_epoch/relative/delta must be
# tshark's, and -P's time column tshark's value.  Then the TUI's time
# column (all three modes) and detail pane on the files, in tmux.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
need_wiretop
need_python
make_tmpdir

# A sanitizer report must fail the run (--enable-asan halts on the first;
# these make it print where, and we grep stderr as well).
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
SAN='runtime error|ERROR: AddressSanitizer|ERROR: LeakSanitizer'

D=$TMPD/time
run_to 60 python3 "$TESTS_SRCDIR/gen_time_pcaps.py" "$D" ||
	fail "gen_time_pcaps.py failed"
FILES=$(ls "$D"/*.pcapng | LC_ALL=C sort)
[ -n "$FILES" ] || fail "no files generated"

# The saved regression inputs are these files: say so if they drift.
for f in $FILES; do
	r=$TESTS_SRCDIR/fuzz-regressions/pcap/$(basename "$f")
	if [ -f "$r" ] && ! cmp -s "$f" "$r"; then
		note "$(basename "$f") differs from its copy in fuzz-regressions/pcap"
	fi
done

fails=0 checks=0
bad() {
	echo "FAIL: $ME: $*"
	fails=$((fails + 1))
}
# run NAME OUT ARGS...: wiretop ARGS > OUT; exit 0, nothing sanitized.
run() {
	local name=$1 out=$2 rc
	shift 2
	checks=$((checks + 1))
	run_to "$RUN_TIMEOUT" "$WIRETOP" "$@" >"$out" 2>"$out.err"
	rc=$?
	if [ $rc -ne 0 ] || grep -Eq "$SAN" "$out.err"; then
		bad "$name: exit $rc"
		head -n 20 "$out.err"
		return 1
	fi
	return 0
}

have_tshark=true
if ! command -v tshark >/dev/null 2>&1 ||
    ! timeout 30 tshark -v >/dev/null 2>&1; then
	have_tshark=false
	note "tshark is not installed: time values are not compared"
fi
TIMES="-e frame.time_epoch -e frame.time_relative -e frame.time_delta"

# A -P or tshark time column as a number's text without trailing zeros
# (tshark prints the file's precision, -P always six decimals).
norm() { sed -E 's/(\.[0-9]*[1-9])0+$/\1/; s/\.0*$//'; }

for f in $FILES; do
	b=$(basename "$f" .pcapng)
	o=$TMPD/$b
	run "$b -P" "$o.P" -r "$f" -P
	run "$b -V" "$o.V" -r "$f" -V
	run "$b -T jsonl" "$o.jsonl" -r "$f" -T jsonl &&
	    ! python3 -c '
import json, sys
for line in open(sys.argv[1]):
    json.loads(line)' "$o.jsonl" && bad "$b -T jsonl: not JSON lines"
	run "$b -T json" "$o.json" -r "$f" -T json &&
	    ! python3 -c '
import json, sys
json.load(open(sys.argv[1]))' "$o.json" && bad "$b -T json: not JSON"
	run "$b --stats=json" "$o.stats" -r "$f" --stats=json &&
	    ! python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
float(d["duration_s"])
for fl in d["flows"]:
    float(fl["first"]), float(fl["last"])' "$o.stats" &&
	    bad "$b --stats=json: no duration_s/first/last"
	run "$b -T fields" "$o.fields" -r "$f" -T fields $TIMES || continue
	$have_tshark || continue

	checks=$((checks + 1))
	run_to "$RUN_TIMEOUT" tshark -r "$f" -T fields $TIMES \
	    >"$o.tshark" 2>/dev/null || { bad "$b: tshark failed"; continue; }
	if ! diff -u "$o.tshark" "$o.fields" >"$o.diff"; then
		bad "$b: frame.time_* differ from tshark's"
		cat "$o.diff"
	fi
	checks=$((checks + 1))
	run_to "$RUN_TIMEOUT" tshark -r "$f" 2>/dev/null |
	    awk '{ print $2 }' | norm >"$o.tcol"
	awk '{ print $3 }' "$o.P" | norm >"$o.pcol"
	if ! diff -u "$o.tcol" "$o.pcol" >"$o.diff"; then
		bad "$b: -P time column differs from tshark's"
		cat "$o.diff"
	fi
done

# The TUI: the time column in each mode and the detail pane of every
# packet, on the files whose relative times are the largest.  The file is
# named relative to its directory so that the status line's counts fit
# even in make distcheck's deep build tree.
if command -v tmux >/dev/null 2>&1; then
	. "$TESTS_SRCDIR/tmux.sh"
	# tcheck DESCRIPTION COMMAND...: tmux.sh's check on the TUI of file $b,
	# its failure named as bad names one.
	tcheck() { check "$ME: TUI $b: $1" "${@:2}"; }
	for b in time-tsresol0-2e62 time-tsresol3-max time-tsoffset-min \
	    time-tsoffset-neg; do
		f=$D/$b.pcapng
		n=$(wc -l <"$TMPD/$b.P")
		rel2=$(awk 'NR == 2 { print $3 }' "$TMPD/$b.P")
		# The detail pane's nine decimals (-P has the file's).
		rel2_9=$(awk -F'\t' 'NR == 2 { print $2 }' "$TMPD/$b.fields")
		S=wiretop-time-$$-$b
		rm -f "$TMPD/exit"
		new_session -s "$S" -x 160 -y 30 \
		    "cd '$D' && env NO_COLOR=1 LC_ALL=C.UTF-8 ASAN_OPTIONS=$ASAN_OPTIONS UBSAN_OPTIONS=$UBSAN_OPTIONS '$WIRETOP' -n -r '$b.pcapng' 2>'$TMPD/$b.tui.err'; echo EXIT=\$? >'$TMPD/exit'; sleep 30" ||
		    fail "tmux could not start"
		tcheck "the list shows the file" wait_for "seen $n shown $n"
		tcheck "row 2 at $rel2" wait_for "^2 +${rel2//./\\.} "
		keys t
		tcheck "absolute time" wait_for "^2 +(--|[0-9]{2}):"
		keys t
		tcheck "delta time" wait_for "^2 +${rel2//./\\.} "
		keys t
		# In the pane, Home selects the frame layer, Enter opens it.
		keys Home Enter
		tcheck "detail of packet 1" wait_for "Packet 1 "
		keys Home Enter
		tcheck "packet 1 at 0 s" wait_for "first frame: 0\.0{9} seconds"
		keys Escape Down Enter Home Enter
		tcheck "detail of packet 2" wait_for "first frame: ${rel2_9//./\\.} seconds"
		tcheck "its delta" wait_for "previous captured frame: ${rel2_9//./\\.} seconds"
		keys Escape End Enter
		tcheck "detail of packet $n" wait_for "Packet $n "
		keys Escape q
		wait_exit
		tcheck "q exits 0" grep -q "EXIT=0" "$TMPD/exit"
		checks=$((checks + 1))
		if grep -Eq "$SAN" "$TMPD/$b.tui.err"; then
			bad "TUI $b: sanitizer report"
			head -n 20 "$TMPD/$b.tui.err"
		fi
		T kill-session -t "$S" >/dev/null 2>&1
	done
else
	note "tmux is not installed: the TUI is not checked"
fi

[ $fails -eq 0 ] || fail "$fails of $checks checks failed"
$have_tshark || skip "$checks checks passed; tshark missing, times not compared"
note "$checks checks passed"
exit 0
