#!/bin/bash
# Search in the TUI (Ctrl-F, then n / N), driven in tmux: text in the
# list's Info column, in a field value only the tree shows, and a hex byte
# string in three spellings, forward and backward from the selection,
# wrapping with a message; "not found"; the detail pane following a match;
# and on a large file a search bounded in time that carries on with n
# while the UI keeps answering.  Expected packets come from -P and -V
# (the columns and the tree as text) and from the capture's bytes.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
tui_test

F=$GEN/basic.pcap
run_to 30 "$WIRETOP" -r "$F" -P >"$TMPD/rows" || fail "-P failed"
run_to 30 "$WIRETOP" -r "$F" -V >"$TMPD/tree" || fail "-V failed"

# expect TEXT FROM DIR: the packet a search for TEXT finds from packet
# FROM forward (DIR +1) or backward (-1), then "wrapped" if it went past
# an end; "none" if no packet matches.
expect() {
	python3 - "$F" "$TMPD/rows" "$TMPD/tree" "$@" <<'EOF'
import re, struct, sys
pcap, rows, tree, text, start, step = sys.argv[1:7]
start, step = int(start), int(step)
data = open(pcap, "rb").read()
frames, off = [], 24
while off + 16 <= len(data):
    n = struct.unpack("<I", data[off + 8:off + 12])[0]
    frames.append(data[off + 16:off + 16 + n])
    off += 16 + n
hexes = re.fullmatch(r"0x([0-9a-fA-F]{2})+", text) or \
    re.fullmatch(r"[0-9a-fA-F]{2}([ :-][0-9a-fA-F]{2})+", text)
if hexes:
    want = bytes.fromhex(re.sub(r"^0x|[ :-]", "", text))
    match = lambda i: want in frames[i - 1]
else:
    low = text.lower()
    lines = {int(l.split()[0]): l.lower() for l in open(rows)}
    blocks, cur = {}, None
    for l in open(tree):
        m = re.match(r"Frame (\d+):", l)
        if m:
            cur = int(m.group(1))
        if cur is not None:
            blocks[cur] = blocks.get(cur, "") + l.lower()
    match = lambda i: low in lines.get(i, "") or low in blocks.get(i, "")
count, i, wrapped = len(frames), start, False
for _ in range(count):
    i += step
    if i > count:
        i, wrapped = 1, True
    if i < 1:
        i, wrapped = count, True
    if match(i):
        print(i, "wrapped" if wrapped else "")
        sys.exit(0)
print("none")
EOF
}

# The bottom line.
bottom() { screen | tail -n 1; }

# search TEXT: Ctrl-F, the text, Enter.
search() {
	keys C-f C-u
	T send-keys -t "$S" -l "$1"
	keys Enter
}
# check_find DESCRIPTION TEXT FROM DIR: the selection and the message are
# what expect says.
check_find() {
	local want n w got msg
	want=$(expect "$2" "$3" "$4")
	read -r n w <<<"$want"
	got=$(selected)
	msg=$(bottom)
	if [ "$n" = none ]; then
		check "$1: '$2' is nowhere (selection stays $3, got $got; message '$msg')" \
			test "$got" = "$3" -a "$msg" = "not found: $2"
	elif [ "$w" = wrapped ]; then
		check "$1: '$2' from $3 is packet $n, wrapped (got $got, '$msg')" \
			test "$got" = "$n" -a "$msg" = "search wrapped"
	else
		check "$1: '$2' from $3 is packet $n (got $got, '$msg')" \
			test "$got" = "$n" -a "$(echo "$msg" | grep -c wrapped)" = 0
	fi
	LAST=$n
}

new_session -s "$S" -x 140 -y 40 \
	"env NO_COLOR=1 LC_ALL=C.UTF-8 '$WIRETOP' -n -r '$F'; sleep 60" ||
	fail "tmux could not start"
wait_for "seen 32 shown 32" || fail "basic.pcap did not load"
keys End
check "End selects the last packet" test "$(selected)" = 32

# Text in the Info column, forward (wrapping past 32), then back.
text="Echo (ping) reply"
search "$text"
check_find "Ctrl-F" "$text" 32 1
from=$LAST
keys n
check_find "n" "$text" "$from" 1
from=$LAST
keys n
check_find "n again" "$text" "$from" 1
from=$LAST
keys N
check_find "N" "$text" "$from" -1
from=$LAST
keys N
check_find "N again" "$text" "$from" -1
from=$LAST

# A field value only the tree shows (not in -P's line).
text="Time to Live: 56"
check "'$text' is not in the rows" test "$(grep -ci "$text" "$TMPD/rows")" = 0
search "$text"
check_find "a field value" "$text" "$from" 1
from=$LAST
keys N
check_find "a field value, backward" "$text" "$from" -1
from=$LAST
# An address field by its label and value (the tree's text only).
text="source: 66:77:88:99:AA:BB"
search "$text"
check_find "an address field, case ignored" "$text" "$from" 1
from=$LAST
text="Time to Live: 56"
search "$text"
check_find "a field value again" "$text" "$from" 1
from=$LAST
# With the detail pane open, a match opens there on the field.
keys Enter
wait_for "^ Packet $from " || fail "no detail for packet $from"
keys n
check_find "n with the detail open" "$text" "$from" 1
from=$LAST
check "the detail pane shows packet $from" has "^ Packet $from "
check "on the matching field" has "^ *Time to Live: 56$"
keys Escape

# A hex byte string in the frames' bytes: three ways to write it.
for text in "c0 ff ee" "0xc0ffee00" "c0:ff:ee:00"; do
	search "$text"
	check_find "hex" "$text" "$from" 1
	from=$LAST
done
keys N
check_find "hex, backward" "c0:ff:ee:00" "$from" -1
from=$LAST
# With the detail pane open, a hex match selects the field that holds the
# bytes: the hex pane highlights them.
keys Enter
wait_for "^ Packet $from " || fail "no detail for packet $from"
search "c0 ff ee 00"
check_find "hex with the detail open" "c0 ff ee 00" "$from" 1
from=$LAST
h=$(highlighted_hex)
check "the field with the bytes is selected, highlighted (got '$h')" test "$h" = c0ffee00
keys Escape
# Nothing: the selection stays.
search "zzz no such thing"
check_find "not found" "zzz no such thing" "$from" 1

# A large file: a search for something absent stops at its time budget
# (the UI answers), says how far it got, and n carries it on.
BIG=$TMPD/big.pcap
run_to 60 python3 "$TESTS_SRCDIR/gen_pcaps.py" --big 200000 1000 "$BIG" ||
	fail "gen_pcaps.py --big failed"
T kill-session -t "$S"
new_session -s "$S" -x 140 -y 40 \
	"env NO_COLOR=1 LC_ALL=C.UTF-8 '$WIRETOP' -n -r '$BIG'; sleep 60" ||
	fail "tmux could not start"
wait_for "seen 200000 shown 200000" 20 || fail "the large file did not load"
search "zzz no such thing"
got=$(bottom)
check "a long search says how far it got ('$got')" \
	bash -c "echo '$got' | grep -Eq '^searching(…|\.\.\.) [0-9]+ of 200000 packets looked at$|^not found: '"
a=$(echo "$got" | sed -nE 's/^searching[^ ]* ([0-9]+) of.*/\1/p')
keys n
got=$(bottom)
b=$(echo "$got" | sed -nE 's/^searching[^ ]* ([0-9]+) of.*/\1/p')
check "it goes on between frames ($a, then '$got')" \
	bash -c "[ -z '$b' ] && echo '$got' | grep -q '^not found' || [ '${b:-0}' -gt '${a:-0}' ]"
keys 2
check "the UI answers in the middle of a search" wait_for "^Flows: "

echo "$((checks - fails)) passed, $fails failed"
[ $fails -eq 0 ]
