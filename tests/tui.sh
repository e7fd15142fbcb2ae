#!/bin/bash
# The TUI driven for real in tmux (send-keys, capture-pane) on generated
# captures: the packet list, the detail tree and its hex highlight, the
# flows/talkers/protocols views against --stats=json, sorting, the display
# filter (and a bad one), resize storms down to "terminal too small", help,
# the time column's modes, pause and follow, saving the packets shown (w),
# name resolution not blocking (n), checksum marks in the tree, and q
# restoring the terminal with exit status 0.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
tui_test

F=$GEN/basic.pcap
# Run as root, wiretop reads the file as nobody (or $SUDO_USER): w saves
# into a directory that user may write.
SAVED=$(mktemp -d) || fail "mktemp failed"
chmod 1777 "$SAVED"
# Remove it too on exit (tmux.sh's trap calls this).
cleanup_extra() { rm -rf "$SAVED"; }

expected_rows=$(run_to 30 "$WIRETOP" -r "$F" -P | wc -l)
json=$TMPD/stats.json
run_to 30 "$WIRETOP" -r "$F" --stats=json >"$json" || fail "--stats=json failed"
jq_py() { python3 -c "import json,sys; d=json.load(open('$json')); print($1)"; }

new_session -s "$S" -x 160 -y 40 \
	"env NO_COLOR=1 LC_ALL=C.UTF-8 '$WIRETOP' -n -r '$F'; echo EXIT=\$? >'$TMPD/exit'; sleep 30" ||
	fail "tmux could not start"

check "the list shows the file loaded" wait_for "seen $expected_rows shown $expected_rows"
check "row 1 is the ARP request" has "^1 .*ARP .*Who has 10\.0\.0\.254\? Tell 10\.0\.0\.1"
check "a TCP SYN row with its options" has "TCP .*\[SYN\] Seq=439041101 .*MSS=1460"

# Home, Enter: the detail of packet 1 (ARP), tree over hex.
keys Home Enter
check "detail opens on packet 1" wait_for "Packet 1 "
check "the tree lists the layers" has "Address Resolution Protocol"
check "the hex pane shows the broadcast destination" has "^0000 ff ff ff ff ff ff"
# The ARP layer is selected: its 28 bytes (from offset 14) are highlighted.
h=$(highlighted_hex)
check "the selected layer's bytes are highlighted (got '$h')" \
	test "$h" = "00010800060400010011223344550a0000010000000000000a0000fe"
# Down to the 'Hardware type' field: only its two bytes.
keys Down
h=$(highlighted_hex)
check "moving in the tree moves the highlight (got '$h')" test "$h" = "0001"
keys Down Down Down Down Down
h=$(highlighted_hex)
check "sender MAC highlighted (got '$h')" test "$h" = "001122334455"
# Enter collapses the layer; Esc closes the pane.
keys Enter
check "Enter collapses the layer" has "^> Address Resolution Protocol"
keys Escape
check "Esc closes the detail pane" bash -c "! tmux -S '$SOCK' capture-pane -p -t '$S' | grep -q 'Packet 1 '"

# The time column: relative, absolute (TZ=UTC), delta, relative again.
read -r abs1 delta2 rel3 <<EOF2
$(python3 -c '
import struct, sys, time
d = open(sys.argv[1], "rb").read()
s1, u1, n1 = struct.unpack("<III", d[24:36])
off = 24 + 16 + n1
s2, u2, n2 = struct.unpack("<III", d[off:off + 12])
off += 16 + n2
s3, u3 = struct.unpack("<II", d[off:off + 8])
print(time.strftime("%H:%M:%S", time.gmtime(s1)) + ".%06d" % u1,
      "%.6f" % ((s2 - s1) + (u2 - u1) / 1e6),
      "%.6f" % ((s3 - s1) + (u3 - u1) / 1e6))' "$F")
EOF2
check "relative time: row 1 at 0.000000" has "^1 +0\.000000 "
keys t
check "t: absolute time of row 1 ($abs1)" has "^1 +$abs1 "
keys t
check "t: delta time of row 2 ($delta2)" has "^2 +$delta2 "
keys t
check "t: relative again (row 3 at $rel3)" has "^3 +$rel3 "

# Pause and follow: moving stops following, F follows again, space
# pauses and resumes.
check "moving stopped following" bash -c "! tmux -S '$SOCK' capture-pane -p -t '$S' | head -n 1 | grep -q FOLLOW"
keys F
check "F follows the newest packet" wait_for "^ FOLLOW \|"
keys ' '
check "space pauses" wait_for "^ PAUSED \|"
check "and says capture goes on" has "paused: capture goes on"
keys ' '
check "space resumes" wait_for "^ FOLLOW \|"

# Name resolution in a thread: n answers at once, the UI keeps drawing.
keys n
check "n turns name resolution on" wait_for "name resolution on"
keys 2
check "the UI is not blocked by lookups" wait_for "^Flows: "
keys n 1
check "n turns it off" wait_for "name resolution off"

# Flows view: count and the biggest flow first, as --stats=json says.
nflows=$(jq_py "len(d['flows'])")
top=$(jq_py "d['flows'][0]['src'] + ':' + str(d['flows'][0]['sport']) + ' -> ' + d['flows'][0]['dst'] + ':' + str(d['flows'][0]['dport'])")
keys 2
check "flows view counts $nflows flows" wait_for "Flows: $nflows "
first_row=$(screen | sed -n '4p')
check "the largest flow is first ($top)" bash -c "echo '$first_row' | grep -qF '$top'"
keys s
check "s sorts by packets" has "sort: packets"
keys S
check "S reverses" has "sort: packets \(reversed\)"
keys s s s S

# Talkers view: the first row is the top talker by bytes.
keys 3
ttop=$(jq_py "d['talkers'][0]['addr']")
check "talkers view lists $ttop first" bash -c "tmux -S '$SOCK' capture-pane -p -t '$S' | sed -n 4p | grep -q '^$ttop '"
keys Enter
check "Enter on a talker shows its flows" wait_for "Flows of $ttop"
keys Escape

# Protocols view: tcp packets as --stats=json counts them.
tcp=$(jq_py "d['protocols']['tcp']['packets']")
keys 4
check "protocols view: tcp $tcp packets" has "^ +tcp +$tcp "

# Display filter: narrows the list; a bad one is refused inline.
udp=$(run_to 30 "$WIRETOP" -r "$F" -P -Y udp | wc -l)
keys 1 / C-u
T send-keys -t "$S" -l "udp"
keys Enter
check "the display filter shows $udp udp packets" wait_for "shown $udp "
keys /
T send-keys -t "$S" -l " and and"
keys Enter
check "a bad filter is reported inline" wait_for "display filter: .and. was unexpected at column 9"
check "and the previous filter stays" has "df: udp "
# w saves the packets shown; the file holds exactly them.
keys w s C-u
T send-keys -t "$S" -l "$SAVED/saved.pcap"
keys Enter
check "w saves the $udp packets shown" wait_for "saved $udp packets to"
n=$(run_to 30 "$WIRETOP" -r "$SAVED/saved.pcap" -P | wc -l)
check "the saved file re-reads as $udp packets (got $n)" test "$n" = "$udp"
keys / C-u Enter
check "an empty filter clears it" wait_for "shown $expected_rows "

# Help, then a resize storm, down to too small and back.
keys '?'
check "help lists the keys" has "display filter \(Wireshark syntax"
keys x
for size in "80 24" "200 60" "40 10" "81 25" "60 12" "30 5" "100 30"; do
	set -- $size
	T resize-window -t "$S" -x "$1" -y "$2"
	sleep 0.1
done
T resize-window -t "$S" -x 40 -y 10
check "a tiny terminal shows a notice" wait_for "terminal too small"
T resize-window -t "$S" -x 80 -y 24
check "80x24 draws the list again" wait_for "^No\. +Time"

# q quits with status 0.
keys q
wait_exit
check "q exits 0" grep -q "EXIT=0" "$TMPD/exit"

# Checksum marks in the tree (monochrome: bad ones bold and underlined).
# badsum.pcap: 3 is UDP with a bad checksum, 6 a good UDP datagram.
underlined() {	# underlined TEXT: is the tree line with TEXT underlined?
	T capture-pane -p -e -t "$S" | python3 -c '
import re, sys
want = sys.argv[1]
under = False	# tmux only writes attribute changes: carry them on
for line in sys.stdin:
    hit = want in re.sub(r"\x1b\[[0-9;]*m", "", line)
    for m in re.finditer(r"\x1b\[([0-9;]*)m|([^\x1b])", line):
        if m.group(2) is None:
            for c in (m.group(1) or "0").split(";"):
                if c in ("0", "24"): under = False
                if c == "4": under = True
        elif hit and m.group(2) == want[0]:
            sys.exit(0 if under else 1)
sys.exit(1)' "$1"
}
T kill-session -t "$S" 2>/dev/null
rm -f "$TMPD/exit"
new_session -s "$S" -x 160 -y 40 \
	"env NO_COLOR=1 LC_ALL=C.UTF-8 '$WIRETOP' -n -r '$GEN/badsum.pcap'; echo EXIT=\$? >'$TMPD/exit'; sleep 30" ||
	fail "tmux could not start"
check "badsum.pcap loads" wait_for "seen 6 shown 6"
# The tree opens on its highest layer (Data): Up to UDP, Enter opens it.
keys Home Down Down Enter
keys Up Enter
check "packet 3's UDP layer is open" wait_for "Checksum Status: Bad"
check "a bad checksum is marked" underlined "Checksum Status: Bad"
check "its layer heading is marked" underlined "User Datagram Protocol  [bad checksum]"
keys Escape End Enter
keys Up Enter
check "packet 6's UDP layer is open" wait_for "Checksum Status: Good"
not_underlined() { ! underlined "$1"; }
check "a good checksum is not marked bad" not_underlined "Checksum Status: Good"
keys q
wait_exit
check "q exits 0 again" grep -q "EXIT=0" "$TMPD/exit"

echo "$((checks - fails)) passed, $fails failed"
[ $fails -eq 0 ]
