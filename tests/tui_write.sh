#!/bin/bash
# The TUI with -w: `wiretop -r F -w OUT` in the terminal UI writes every
# packet of F to OUT, as the headless run does: the same feeder writes
# both, so OUT must be byte for byte the file `wiretop -r F -w REF -P`
# writes, and tcpdump must read back as many packets as F holds.  Also
# with -c (exactly that many), with a display filter (it picks what is
# shown, never what is written), from stdin, and a pcapng from the corpus.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
tui_test

# Run as root, wiretop writes as nobody (or $SUDO_USER): a directory that
# user may write.
chmod 1777 "$TMPD"

# Packets in a capture, as an independent reader counts them.
count() {
	if command -v tcpdump >/dev/null 2>&1; then
		tcpdump -nr "$1" 2>/dev/null | wc -l
	else
		"$WIRETOP" -r "$1" -P | wc -l
	fi
}

# tui_case NAME CAPTURE [OPTIONS...]: the UI loads CAPTURE with -w, then
# q; OUT against the headless -w of the same options.
n=0
tui_case() {
	local name=$1 cap=$2 out ref want got in=""
	shift 2
	n=$((n + 1))
	out=$TMPD/tui$n.pcap
	ref=$TMPD/ref$n.pcap
	S=wiretop-$ME-$n
	rm -f "$TMPD/exit"
	run_to 60 "$WIRETOP" -r "$cap" "$@" -w "$ref" -P \
		<"${STDIN_FILE:-/dev/null}" >/dev/null ||
		fail "$name: the headless -w failed"
	# -r - reads the capture from stdin, the keys from the terminal.
	if [ "$cap" = - ]; then
		in="<'$STDIN_FILE'"
	fi
	new_session -s "$S" -x 160 -y 40 \
		"env NO_COLOR=1 LC_ALL=C.UTF-8 '$WIRETOP' -r '$cap' $* -w '$out' $in; echo EXIT=\$? >'$TMPD/exit'; sleep 30" ||
		fail "tmux could not start"
	check "$name: the UI says the file is loaded" wait_for "\(loaded\)" 30
	keys q
	wait_exit
	check "$name: q exits 0" grep -q "EXIT=0" "$TMPD/exit"
	T kill-session -t "$S" 2>/dev/null
	check "$name: OUT is the headless -w file, byte for byte" \
		cmp -s "$out" "$ref"
	want=${WANT:-$(count "$ref")}
	got=$(count "$out")
	check "$name: OUT reads back as $want packets (got $got)" \
		test "$got" = "$want"
}

B=$GEN/basic.pcap
all=$("$WIRETOP" -r "$B" -P | wc -l)
[ "$all" -gt 5 ] || fail "basic.pcap reads as $all packets"
WANT=$all tui_case "basic.pcap" "$B"
WANT=5 tui_case "-c 5" "$B" -c 5
WANT=$all tui_case "-Y arp (shows less, writes all)" "$B" -Y arp
STDIN_FILE=$B WANT=$all tui_case "-r - (stdin)" -

# Bigger files from the corpus, when it is here: many batches, pcapng in.
if have_corpus; then
	for f in afs.pcap pim-packet-assortment.pcap of13_ericsson.pcapng; do
		[ -f "$CORPUS/$f" ] || continue
		WANT= tui_case "$f" "$CORPUS/$f"
	done
else
	note "the corpus is not here: the generated captures only"
fi

echo "$((checks - fails)) passed, $fails failed"
[ $fails -eq 0 ]
