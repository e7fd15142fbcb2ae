#!/bin/sh
# Set up a fresh Debian machine and run wiretop's whole test suite:
# install the packages, build with AddressSanitizer + UBSan, run `make check`
# (unit, golden, tshark differential, corpus, CLI tests), then `make distcheck`.
# The last line is "N passed, N failed"; the exit status is non-zero on any
# failure.  Usage: sh tests/ci.sh   (as root, or with sudo available)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
PACKAGES="build-essential autoconf automake pkg-config libncurses-dev
libpcap-dev libpcre2-dev uthash-dev tshark tcpdump tmux python3 iproute2 iputils-ping
procps bc clang libclang-rt-14-dev"
if ! dpkg -s $PACKAGES >/dev/null 2>&1; then
	$SUDO apt-get update -q >/dev/null &&
	$SUDO apt-get install -y -q $PACKAGES >/dev/null ||
	{ echo "ci: apt-get install failed"; echo "0 passed, 1 failed"; exit 1; }
fi

passed=0 failed=0
# Add the counts of an Automake test-suite.log summary to the totals.
count_log() {
	p=$(sed -n 's/^# PASS: *//p' "$1" | head -n 1)
	f=$(sed -n 's/^# FAIL: *//p' "$1" | head -n 1)
	e=$(sed -n 's/^# ERROR: *//p' "$1" | head -n 1)
	x=$(sed -n 's/^# XPASS: *//p' "$1" | head -n 1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0} + ${e:-0} + ${x:-0}))
}

./autogen.sh >/dev/null 2>&1 || { echo "ci: autogen failed"; echo "0 passed, 1 failed"; exit 1; }

build=$top/_build/asan
rm -rf "$build" && mkdir -p "$build" && cd "$build" || exit 1
if ! "$top/configure" -q --enable-asan --enable-werror >configure.out 2>&1 ||
   ! make -j"$(nproc)" >make.out 2>&1; then
	cat configure.out make.out 2>/dev/null | tail -n 40
	echo "ci: the ASan build failed"
	echo "$passed passed, $((failed + 1)) failed"
	exit 1
fi
make -j"$(nproc)" check >check.out 2>&1
rc=$?
grep -E '^(PASS|FAIL|SKIP|ERROR|XPASS|XFAIL):' check.out
if [ -f test-suite.log ]; then
	count_log test-suite.log
	[ $rc -eq 0 ] || sed -n '/^FAIL\|^ERROR/,/^$/p' test-suite.log | head -n 200
else
	failed=$((failed + 1))
fi
for f in tests/out/corpus-*.txt; do
	[ -f "$f" ] && { echo "== $f"; cat "$f"; }
done
[ $rc -eq 0 ] || { [ "$failed" -gt 0 ] || failed=$((failed + 1)); }

# ThreadSanitizer: the threaded parts (the feeder and read-ahead threads,
# the UI's loop and snapshot thread, the model's lock, a file's packets
# read back under it, a stream's scan on the snapshot thread) with no
# data race reported.
tsan=$top/_build/tsan
rm -rf "$tsan" && mkdir -p "$tsan" && cd "$tsan" || exit 1
if "$top/configure" -q --enable-tsan >configure.out 2>&1 &&
   make -j"$(nproc)" >make.out 2>&1; then
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
	make check TESTS="tests/unit/test_model tests/unit/test_model_query tests/golden.sh tests/cli_errors.sh tests/live_capture.sh tests/tui.sh tests/tui_write.sh tests/tui_live.sh tests/term_restore.sh tests/streams.sh tests/tui_browse.sh tests/tui_follow.sh tests/tui_drill.sh" >check.out 2>&1
	trc=$?
	grep -E '^(PASS|FAIL|SKIP|ERROR|XPASS):' check.out | sed 's/^\([A-Z]*\): /\1: [tsan] /'
	count_log test-suite.log
	if [ $trc -ne 0 ]; then
		sed -n '/^FAIL\|^ERROR/,/^$/p' test-suite.log | head -n 100
		grep -l "ThreadSanitizer" tests/*.log 2>/dev/null | head
		[ "$failed" -gt 0 ] || failed=$((failed + 1))
	fi
else
	tail -n 40 make.out
	echo "FAIL: the TSan build"
	failed=$((failed + 1))
fi

# Fuzzing: each libFuzzer target for a bounded time, seeded from the
# tcpdump captures; a crash is saved as a regression input and fails CI.
fuzzb=$top/_build/fuzz
rm -rf "$fuzzb" && mkdir -p "$fuzzb"
if (cd "$fuzzb" && CC=clang "$top/configure" -q --enable-fuzzing) >/dev/null 2>&1 &&
    TESTS_SRCDIR=$top/tests TESTS_BUILDDIR=$fuzzb/tests \
    SHARED_DIR=${SHARED_DIR:-$top/../shared} \
    bash "$top/tests/fuzz_run.sh" "${FUZZ_SECONDS:-45}" "$fuzzb" >"$fuzzb/run.out" 2>&1; then
	grep -iE 'exec|target|crash' "$fuzzb/run.out" | tail -n 6
	echo "PASS: fuzzing"
	passed=$((passed + 1))
else
	tail -n 30 "$fuzzb/run.out"
	echo "FAIL: fuzzing"
	failed=$((failed + 1))
fi

# distcheck: the tarball builds and passes its tests out of tree.
cd "$top/_build" || exit 1
rm -rf dist && mkdir dist && cd dist || exit 1
if "$top/configure" -q >/dev/null 2>&1 &&
   make -j"$(nproc)" distcheck >distcheck.out 2>&1; then
	echo "PASS: make distcheck"
	passed=$((passed + 1))
else
	tail -n 40 distcheck.out
	echo "FAIL: make distcheck"
	failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
