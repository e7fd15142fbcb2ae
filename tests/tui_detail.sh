#!/bin/bash
# The detail pane and the terminal's keys and mouse, driven in tmux: the
# field tree and the hex pane share the rows under the list with no blank
# row while either is clipped (at 80x24 and 120x40, the tree or the hex
# pane the clipped one, then both); E expands every layer, C collapses
# all; Right/Left open, enter, close and leave nodes, Ctrl+Right/Left a
# whole subtree (xterm's sequences), the hex highlight following; Home,
# End, PgUp and PgDn as other terminals send them while TERM=xterm; mouse
# clicks on a list row, a tree node and its marker, the bottom bar, and
# the wheel (SGR mouse sequences, as an xterm sends them).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
tui_test

F=$GEN/basic.pcap
ESC=$'\033'

# Start wiretop on $F in a WIDTHxHEIGHT session (TERM=xterm: the keys and
# mouse sequences below are sent raw, whatever the terminal is).
start() {
	T kill-session -t "$S" 2>/dev/null
	new_session -s "$S" -x "$1" -y "$2" \
		"env TERM=xterm NO_COLOR=1 LC_ALL=C.UTF-8 '$WIRETOP' -n -r '$F'; sleep 30" ||
		fail "tmux could not start"
	wait_for "seen 32 shown 32" || fail "basic.pcap did not load"
}
# Send a raw byte string as the terminal would.
raw() { T send-keys -t "$S" -l "$1"; sleep 0.3; }
# A left click at screen column X, row Y (1-based), press and release.
click() { raw "$ESC[<0;$1;$2M$ESC[<0;$1;$2m"; }
# The line number (1-based) of the first screen line matching a regex.
line_of() { screen | grep -nE -- "$1" | head -n 1 | cut -d: -f1; }
# The selected line of the tree (reverse video: the tree has the focus).
selected_node() {
	attr_lines | sed -n '/^R  Packet [0-9]/,/^R  [0-9]* bytes/p' |
	    sed '1d;$d' | sed -n 's/^R //p' | sed 's/^ *//; s/ *$//' | head -n 1
}
# The panes' rows: TREE_ROWS (title and lines), HEX_ROWS (title and dump
# lines, up to the bottom bar) and BLANK (blank rows in either).
panes() {
	local shot t h n
	shot=$(screen)
	t=$(printf '%s\n' "$shot" | grep -n '^ Packet [0-9]' | head -n 1 | cut -d: -f1)
	h=$(printf '%s\n' "$shot" | grep -n '^ [0-9]* bytes' | head -n 1 | cut -d: -f1)
	n=$(printf '%s\n' "$shot" | wc -l)
	TREE_ROWS=$((h - t))
	HEX_ROWS=$((n - h))	# the last line is the bottom bar
	BLANK=$(printf '%s\n' "$shot" | sed -n "$t,$((n - 1))p" | grep -c '^ *$')
}
# check_panes DESCRIPTION TREE HEX: the rows each pane has.
check_panes() {
	panes
	check "$1: tree $2 rows (got $TREE_ROWS), hex $3 (got $HEX_ROWS), none blank (got $BLANK)" \
		test "$TREE_ROWS $HEX_ROWS $BLANK" = "$2 $3 0"
}
# The rows under the list: from the tree's title to the bottom bar.
detail_rows() {
	local shot
	shot=$(screen)
	echo $(( $(printf '%s\n' "$shot" | wc -l) - $(printf '%s\n' "$shot" | grep -n '^ Packet [0-9]' | head -n 1 | cut -d: -f1) ))
}

for size in "80 24" "120 40"; do
	set -- $size
	start "$1" "$2"
	# Packet 6, a TCP SYN-ACK of 74 bytes: its dump is 5 lines; its tree
	# (TCP open) is longer than the pane, so the hex pane gets just its
	# 6 rows and the tree all the others.
	keys Home Down Down Down Down Down Enter
	wait_for "^ Packet 6" || fail "$1x$2: no detail for packet 6"
	rows=$(detail_rows)
	check_panes "$1x$2, packet 6, the tree clipped" $((rows - 6)) 6
	# Packet 12: 366 bytes (23 dump lines), its tree collapsed to its 5
	# layers: the tree gets its 6 rows, the hex pane the rest.
	keys Escape Home
	for _ in $(seq 11); do T send-keys -t "$S" Down; done
	keys Enter C
	wait_for "^ Packet 12" || fail "$1x$2: no detail for packet 12"
	rows=$(detail_rows)
	check_panes "$1x$2, packet 12 collapsed, the dump clipped" 6 $((rows - 6))
	# Both clipped (every layer open): an even split.
	keys E
	panes
	check "$1x$2, both clipped: an even split (tree $TREE_ROWS, hex $HEX_ROWS, $BLANK blank)" \
		test $((TREE_ROWS - HEX_ROWS)) -ge 0 -a $((TREE_ROWS - HEX_ROWS)) -le 1 -a "$BLANK" = 0
done

# E, C, Right, Left, Ctrl+Right/Left, Enter and the highlight: packet 1
# (ARP) in a tall terminal, where its whole tree fits.
start 120 60
keys Home Enter
wait_for "^ Packet 1 " || fail "no detail for packet 1"
keys E
check "E: every layer open" test "$(screen | grep -cE '^v ')" = 3
check "E: no layer closed" test "$(screen | grep -cE '^> ')" = 0
check "E: the Ethernet subtrees open" has '^  v Destination: ff:ff:ff:ff:ff:ff'
keys C
check "C: every layer closed" test "$(screen | grep -cE '^> ')" = 3
check "C: and nothing else in the tree" test "$(screen | sed -n '/^ Packet 1 /,/^ 42 bytes/p' | grep -vc '^ *$')" = 5
keys Home Right
check "Right opens the Frame layer" has '^v Frame 1: '
check "and keeps it selected" test "$(selected_node)" = "v Frame 1: 42 bytes on wire, 42 captured"
keys Right
check "Right again: its first child (got '$(selected_node)')" test "$(selected_node)" = "Frame Number: 1"
keys Left
check "Left: back to the layer" test "$(selected_node)" = "v Frame 1: 42 bytes on wire, 42 captured"
keys Left
check "Left again closes it" has '^> Frame 1: '
# C closed the subtrees too: Ethernet opens on its closed Destination
# and Source.
keys Down Right Right
check "Right, Right: Ethernet's first field (got '$(selected_node)')" test "$(selected_node)" = "> Destination: ff:ff:ff:ff:ff:ff"
h=$(highlighted_hex)
check "the hex highlight follows: the destination (got '$h')" test "$h" = ffffffffffff
keys Right
check "Right opens the Destination subtree" has '^  v Destination: ff:ff:ff:ff:ff:ff'
keys Right
check "Right again: its first child (got '$(selected_node)')" test "$(selected_node)" = "Address: ff:ff:ff:ff:ff:ff"
keys Left Left
check "Left, Left: back up and closed" has '^  > Destination: ff:ff:ff:ff:ff:ff'
check "(its children hidden)" test "$(screen | grep -c 'IG bit')" = 0
keys Down
check "Down to Source (got '$(selected_node)')" test "$(selected_node)" = "> Source: 00:11:22:33:44:55"
h=$(highlighted_hex)
check "the highlight follows: the source (got '$h')" test "$h" = 001122334455
raw "$ESC[1;5C"
check "Ctrl+Right (xterm's sequence) opens its subtree" has '^  v Source: 00:11:22:33:44:55'
check "(its children shown)" test "$(screen | grep -c 'IG bit')" = 1
keys Left Left
check "Left closes it, Left again: its parent (got '$(selected_node)')" test "$(selected_node)" = "v Ethernet II"
raw "$ESC[1;5C"
check "Ctrl+Right on the layer opens everything in it" test "$(screen | grep -c 'IG bit')" = 2
raw "$ESC[1;5D"
check "Ctrl+Left closes the layer" has '^> Ethernet II'
keys Right
check "Right opens the layer only: its subtrees closed" has '^  > Destination: '
check "(no field under them shown)" test "$(screen | grep -c 'IG bit')" = 0
keys Enter
check "Enter on a layer toggles it" has '^> Ethernet II'
# The mouse in the tree: the marker of a node toggles it, a click on its
# text selects it.
y=$(line_of '^> Address Resolution Protocol')
click 1 "$y"
check "a click on a layer's marker opens it" has '^v Address Resolution Protocol'
y=$(line_of '^    Sender MAC address: ')
click 12 "$y"
check "a click on a field selects it (got '$(selected_node)')" test "$(selected_node)" = "Sender MAC address: 00:11:22:33:44:55"
h=$(highlighted_hex)
check "and the hex highlight follows (got '$h')" test "$h" = 001122334455
# A click on a byte of the hex pane selects the field that holds it: byte
# 0x1c (column 12 of line 0010) starts the sender IP address.
y=$(line_of '^0010 ')
click $((5 + 12 * 3 + 1 + 1)) "$y"
h=$(highlighted_hex)
check "a click on a hex byte selects its field (got '$(attr_lines | sed -n 's/^B  *//p' | grep -m1 Sender)', '$h')" \
	test "$h" = 0a000001
keys Tab Tab
check "(the tree says which: '$(selected_node)')" test "$(selected_node)" = "Sender IP address: 10.0.0.1"

# Every line of the tree is -V's (the Frame heading aside), markers and
# indentation apart: no field -V leaves out (ip.addr and the like), but
# those only a reader of every packet in order knows (the delta to the
# previous displayed packet, tcp.stream and udp.stream), which the TUI
# leaves out.  Packet 3 (ICMP over IPv4) opened whole in a terminal tall
# enough.
start 120 110
keys Home Down Down Enter E
wait_for "^ Packet 3 " || fail "no detail for packet 3"
run_to 30 "$WIRETOP" -r "$F" -V -c 3 | sed -n '/^Frame 3:/,$p' | sed '1d; s/^ *//' |
    grep -v -e '^$' -e '^Time delta from previous displayed frame: ' \
    -e '^Stream index: ' >"$TMPD/v3"
screen | sed -n '/^ Packet 3 /,/^ 90 bytes/p' | sed '1,2d;$d' |
    sed -E 's/^ *([v>] )?//' | grep -v '^$' >"$TMPD/t3"
check "E: the tree is -V's $(wc -l <"$TMPD/v3") lines ($(diff "$TMPD/v3" "$TMPD/t3" | head -n 3 | tr '\n' ' '))" \
	bash -c "cmp -s '$TMPD/v3' '$TMPD/t3' && [ \$(wc -l <'$TMPD/v3') -gt 40 ]"

# Home/End/PgUp/PgDn as other terminals send them (TERM says xterm); the
# mouse on the list and the bottom bar.
start 80 24
for home in "$ESC[1~" "$ESC[7~" "$ESC[H" "$ESC""OH"; do
	for end in "$ESC[4~" "$ESC[8~" "$ESC[F" "$ESC""OF"; do
		raw "$home"
		a=$(selected)
		raw "$end"
		b=$(selected)
		check "Home $(printf %q "$home") selects 1 (got $a), End $(printf %q "$end") 32 (got $b)" \
			test "$a $b" = "1 32"
	done
done
raw "$ESC[1~"
raw "$ESC[6~"
a=$(selected)
raw "$ESC[5~"
b=$(selected)
check "PgDn moves a page down (got $a), PgUp back (got $b)" test "$a" -gt 10 -a "$b" = 1
y=$(line_of '^5 ')
click 10 "$y"
check "a click on a row selects it (got $(selected))" test "$(selected)" = 5
raw "$ESC[<65;10;${y}M"
check "the wheel scrolls down 3 rows (got $(selected))" test "$(selected)" = 8
raw "$ESC[<64;10;${y}M"
check "and up 3 (got $(selected))" test "$(selected)" = 5
y=$(line_of '^1 packets  2 flows')
x=$(screen | sed -n "${y}p" | awk '{ print index($0, "2 flows") + 1 }')
click "$x" "$y"
check "a click on '2 flows' in the bottom bar shows the flows" wait_for '^Flows: '
# In the flows view too: a click selects the row, the wheel moves it.
fy=$(line_of '^TCP +10\.0\.0\.1:51602 ')
click 5 "$fy"
sel_flow() { attr_lines | sed -n 's/^R \([A-Z]*  *[0-9.:]* \)/\1/p' | head -n 1 | awk '{ print $2 }'; }
check "a click on a flow row selects it (got '$(sel_flow)')" test "$(sel_flow)" = 10.0.0.1:51602
want=$(screen | sed -n "$((fy + 3))p" | awk '{ print $2 }')
raw "$ESC[<65;5;${fy}M"
check "the wheel moves the flows' selection 3 rows ($want, got '$(sel_flow)')" test "$(sel_flow)" = "$want"
x=$(screen | sed -n "${y}p" | awk '{ print index($0, "1 packets") + 1 }')
click "$x" "$y"
check "and on '1 packets' the packets again" wait_for '^No\. +Time'

echo "$((checks - fails)) passed, $fails failed"
[ $fails -eq 0 ]
