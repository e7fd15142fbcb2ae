#!/bin/bash
# A capture file browsed whole in the TUI: every packet of a file larger
# than the ring is reachable (Home is packet 1, End the last, the detail
# of both opens), the ring overwrites nothing; a pipe keeps the ring and
# says so; a truncated file shows headless mode's warning until x; w asks
# what to save and where, saves the shown, marked and flow packets (each
# counted with tcpdump and tshark), and refuses to replace a file without
# a yes.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
for t in tshark tcpdump md5sum; do
	command -v $t >/dev/null 2>&1 || skip "needs $t"
done
tui_test
CHECK_OK=1

BIG=$TMPD/big.pcap
# 70000 packets: more than the default ring of 65536.
run_to 120 python3 "$TESTS_SRCDIR/gen_pcaps.py" --big 70000 500 "$BIG" ||
	fail "gen_pcaps.py --big failed"
total=$(run_to 60 "$WIRETOP" -r "$BIG" --stats=json |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["packets"])')
[ "$total" = 70000 ] || fail "the big capture has $total packets"

# The numbers of the list's rows, in screen order.
row_numbers() { screen | sed -n 's/^\([0-9][0-9]*\)  *[0-9-].*/\1/p'; }
first_row() { row_numbers | head -n 1; }
last_row() { row_numbers | tail -n 1; }

# The saves go here; wiretop runs as nobody (or $SUDO_USER) when started
# as root, so the directory is writable by all.
SAVED=$(mktemp -d) || fail "mktemp failed"
chmod 1777 "$SAVED"
cleanup_extra() { rm -rf "$SAVED"; }

new_session -s "$S" -x 200 -y 30 \
	"cd '$SAVED' && env NO_COLOR=1 LC_ALL=C.UTF-8 '$WIRETOP' -n -r '$BIG'; echo EXIT=\$? >'$TMPD/exit'; sleep 60" ||
	fail "tmux could not start"
check "the whole file is loaded" wait_for "seen 70000 " 30
check "a file opens at its first packet" test "$(first_row)" = 1
keys End
check "End is the last packet (got $(last_row))" test "$(last_row)" = 70000
keys Enter
check "the last packet's detail opens" wait_for "Packet 70000 "
check "its bytes are read back from the file" has "^0000 [0-9a-f]{2} "
keys Escape Home
check "Home is packet 1 (got $(first_row))" test "$(first_row)" = 1
keys Enter
check "packet 1's detail opens" wait_for "Packet 1 "
check "packet 1 is TCP, as tshark says" has "Transmission Control Protocol|User Datagram Protocol"
keys Escape q
wait_exit
check "q exits 0" grep -q "EXIT=0" "$TMPD/exit"
rm -f "$TMPD/exit"
S=$S-pipe

# A pipe cannot be read again: the ring keeps the newest (--ring 1000)
# and the user is told.
new_session -s "$S" -x 200 -y 30 \
	"cat '$BIG' | env NO_COLOR=1 LC_ALL=C.UTF-8 '$WIRETOP' -n --ring 1000 -r -; echo EXIT=\$? >'$TMPD/exit'; sleep 60" ||
	fail "tmux could not start"
check "a pipe says the ring keeps the newest packets" \
	wait_for "cannot be read again: the ring keeps its newest" 30
check "the pipe is loaded" wait_for "seen 70000 " 30
keys Home
check "Home on a pipe is the ring's oldest (got $(first_row))" \
	test "$(first_row)" = 69001
keys q
wait_exit
rm -f "$TMPD/exit"
S=${S%-pipe}-cut

# A truncated file: headless mode's warning, in the TUI until x.
CUT=$TMPD/cut.pcap
head -c 3000 "$GEN/basic.pcap" >"$CUT"
want=$(run_to 30 "$WIRETOP" -r "$CUT" -P 2>&1 >/dev/null | sed -n 's/^wiretop: warning: //p')
[ -n "$want" ] || fail "headless mode gave no warning for the cut file"
new_session -s "$S" -x 200 -y 30 \
	"cd '$SAVED' && env NO_COLOR=1 LC_ALL=C.UTF-8 '$WIRETOP' -n -r '$CUT'; echo EXIT=\$? >'$TMPD/exit'; sleep 60" ||
	fail "tmux could not start"
check "the TUI shows headless mode's warning" wait_for "warning: ${want:0:60}" 10
keys Down
check "the warning stays after other keys" has "warning: .*cut short"
keys x
check "x dismisses the warning" hasnt "warning: .*cut short"

# Saving: w asks what, then where (a whole path), then writes.
cut_count=$(run_to 30 "$WIRETOP" -r "$CUT" -P 2>/dev/null | wc -l)
keys w
check "w asks what to save" wait_for "save: s shown \\($cut_count\\)"
keys s
check "the path offered is a whole path" wait_for "save shown packets to: /.*/wiretop-shown-[0-9-]+\\.pcap"
keys C-u
T send-keys -t "$S" -l "$SAVED/shown.pcap"
keys Enter
check "saved the shown packets" wait_for "saved $cut_count packets to $SAVED/shown.pcap"
check "tcpdump reads $cut_count packets from it" \
	test "$(tcpdump -r "$SAVED/shown.pcap" 2>/dev/null | wc -l)" = "$cut_count"
sum=$(md5sum <"$SAVED/shown.pcap")

# The same name again: asked, n keeps the file.
keys w s C-u
T send-keys -t "$S" -l "$SAVED/shown.pcap"
keys Enter
check "an existing file is not replaced without asking" wait_for "shown.pcap exists: replace it\\? y/n"
keys n
check "n goes back to the name" wait_for "save shown packets to: $SAVED/shown.pcap"
keys Escape
check "the file is unchanged" test "$(md5sum <"$SAVED/shown.pcap")" = "$sum"

# Marks: three packets, saved alone.
keys Home m m m
keys w
check "w offers the marked packets" wait_for "m marked"
keys m C-u
T send-keys -t "$S" -l "$SAVED/marked.pcap"
keys Enter
check "saved the 3 marked packets" wait_for "saved 3 packets to $SAVED/marked.pcap"
check "packets 1-3 are in it, as tshark reads them" \
	test "$(tshark -r "$SAVED/marked.pcap" -T fields -e frame.len 2>/dev/null | tr '\n' ' ')" = \
	"$(tshark -r "$CUT" -c 3 -T fields -e frame.len 2>/dev/null | tr '\n' ' ')"

# The selected packet's flow (packet 5 of basic.pcap is a TCP SYN).
keys Home Down Down Down Down
sel=$(run_to 30 "$WIRETOP" -r "$CUT" -T fields -e ip.src -e tcp.srcport -e ip.dst -e tcp.dstport 2>/dev/null | sed -n 5p)
read -r s1 p1 d1 q1 <<<"$sel"
want=$(tshark -r "$CUT" -Y "ip.addr==$s1 && ip.addr==$d1 && tcp.port==$p1 && tcp.port==$q1" 2>/dev/null | wc -l)
keys w f C-u
T send-keys -t "$S" -l "$SAVED/flow.pcap"
keys Enter
check "saved the flow's $want packets" wait_for "saved $want packets to $SAVED/flow.pcap"
check "every packet saved is of that flow" \
	test "$(tshark -r "$SAVED/flow.pcap" -Y "!(ip.addr==$s1 && ip.addr==$d1 && tcp.port==$p1 && tcp.port==$q1)" 2>/dev/null | wc -l)" = 0
keys q
wait_exit
check "q exits 0" grep -q "EXIT=0" "$TMPD/exit"

[ "$fails" -eq 0 ] || fail "$fails of $checks checks failed"
echo "ok: $checks checks"
