# Shared helpers of wiretop's script tests.  Source it from bash:
#	. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
#
# Environment (set by "make check", defaulted here for manual runs):
#	WIRETOP		the binary under test
#	TESTS_SRCDIR	tests/ in the source tree (scripts, golden files)
#	TESTS_BUILDDIR	tests/ in the build tree (everything we write goes to
#			$TESTS_BUILDDIR/out)
#	SHARED_DIR	../shared with corpus/ (optional)
#
# Exit codes follow automake: 0 pass, 77 skip, 1 fail.

: "${TESTS_SRCDIR:=$(cd "$(dirname "$0")" && pwd)}"
: "${TESTS_BUILDDIR:=$TESTS_SRCDIR}"
: "${WIRETOP:=$TESTS_BUILDDIR/../wiretop}"
: "${SHARED_DIR:=$TESTS_SRCDIR/../../shared}"
export WIRETOP TESTS_SRCDIR TESTS_BUILDDIR SHARED_DIR

# Same output whatever the caller's locale and time zone.
LC_ALL=C
TZ=UTC
export LC_ALL TZ

OUT=$TESTS_BUILDDIR/out
GEN=$OUT/gen
CORPUS=$SHARED_DIR/corpus/tcpdump
CORPUS_LIST=$SHARED_DIR/corpus/inscope-A.txt

# Seconds a single wiretop or tshark run may take before we call it a hang.
RUN_TIMEOUT=${RUN_TIMEOUT:-60}

# The tshark preferences every comparison uses: no reassembly, checksums
# verified, raw sequence numbers, no cross-packet analysis.
TSHARK_OPTS="-o ip.defragment:FALSE -o ipv6.defragment:FALSE
 -o tcp.desegment_tcp_streams:FALSE -o ip.check_checksum:TRUE
 -o tcp.check_checksum:TRUE -o udp.check_checksum:TRUE
 -o tcp.relative_sequence_numbers:FALSE -o tcp.analyze_sequence_numbers:FALSE"

ME=$(basename "$0" .sh)

# Report why the test is skipped and exit 77.
skip() {
	echo "SKIP: $ME: $*"
	exit 77
}

# Report a failure and exit 1.
fail() {
	echo "FAIL: $ME: $*"
	exit 1
}

# Print a note.
note() {
	echo "$ME: $*"
}

# Skip unless the wiretop binary exists.
need_wiretop() {
	[ -x "$WIRETOP" ] || skip "no wiretop binary at $WIRETOP"
}

# Skip unless python3 is there.
need_python() {
	command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
}

# Skip unless tshark is installed and starts.
need_tshark() {
	command -v tshark >/dev/null 2>&1 || skip "tshark is not installed"
	timeout 30 tshark -v >/dev/null 2>&1 || skip "tshark does not run"
}

# True when the tcpdump corpus is available.
have_corpus() {
	[ -d "$CORPUS" ] && [ -f "$CORPUS_LIST" ]
}

# A private temporary directory, removed on exit.  Sets TMPD.
make_tmpdir() {
	mkdir -p "$OUT"
	TMPD=$(mktemp -d "$OUT/tmp.$ME.XXXXXX") || fail "mktemp failed"
	trap 'rm -rf "$TMPD"' EXIT
	trap 'exit 130' INT TERM
}

# Are the captures stamped $1 newer than the scripts that write them?
gen_fresh() {
	[ -f "$1" ] && [ "$1" -nt "$TESTS_SRCDIR/gen_pcaps.py" ] &&
	    [ "$1" -nt "$TESTS_SRCDIR/pcapgen.py" ]
}

# Generate the test captures into $GEN once per build (and again whenever
# gen_pcaps.py or pcapgen.py changes).  Concurrent tests wait for one
# another through a lock directory; a stale lock (a killed run) is broken
# after a minute.
gen_pcaps() {
	local stamp=$GEN/.stamp lock=$OUT/gen.lock i=0 tmp
	need_python
	mkdir -p "$OUT"
	if gen_fresh "$stamp"; then
		return 0
	fi
	while ! mkdir "$lock" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -ge 600 ]; then
			rm -rf "$lock"
			i=0
		fi
		sleep 0.1
	done
	if ! gen_fresh "$stamp"; then
		tmp=$OUT/gen.tmp.$$
		rm -rf "$tmp"
		if ! timeout 120 python3 "$TESTS_SRCDIR/gen_pcaps.py" "$tmp"; then
			rm -rf "$tmp" "$lock"
			fail "gen_pcaps.py failed"
		fi
		rm -rf "$GEN"
		mv "$tmp" "$GEN"
		touch "$stamp"
	fi
	rmdir "$lock" 2>/dev/null
	return 0
}

# The generated captures, one path a line, in a fixed order.
gen_files() {
	ls "$GEN"/*.pcap "$GEN"/*.pcapng 2>/dev/null | LC_ALL=C sort
}

# The in-scope corpus files that exist, one path a line.
corpus_files() {
	local f
	while IFS= read -r f; do
		case $f in ''|'#'*) continue ;; esac
		[ -f "$CORPUS/$f" ] && echo "$CORPUS/$f"
	done < "$CORPUS_LIST"
}

# The captures a tshark comparison reads, one a line: gen:PATH for each
# generated capture, then corpus:PATH for each in-scope corpus file unless
# $1 is 0 (a note on stderr when the corpus is missing).
compare_files() {
	local f
	for f in $(gen_files); do
		echo "gen:$f"
	done
	[ "${1:-1}" != 0 ] || return 0
	if have_corpus; then
		corpus_files | sed 's/^/corpus:/'
	else
		note "corpus not found under $SHARED_DIR: checking generated" \
		    "captures only" >&2
	fi
}

# The start of a test that drives the TUI on the generated captures: the
# binary, tmux (or a skip), the captures, a private $TMPD and tmux.sh's
# helpers (whose EXIT trap replaces make_tmpdir's).
tui_test() {
	need_wiretop
	command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"
	gen_pcaps
	make_tmpdir
	. "$TESTS_SRCDIR/tmux.sh"
}

# Run a command under a timeout: run_to SECONDS CMD...
run_to() {
	local t=$1
	shift
	timeout -k 5 "$t" "$@"
}
