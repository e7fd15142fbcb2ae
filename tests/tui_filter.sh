#!/bin/bash
# Filters in the TUI, driven in tmux on a capture of some 300 flows
# (flow_filter.py gen):
#   - the packets view's / with a Wireshark display filter shows as many
#     packets as tshark -Y keeps; a bad filter says why on the bottom line
#     and the previous filter and its rows stay;
#   - the flows view's / filters its rows (bytes > 1k and proto == udp):
#     the heading's count and the rows are exactly the flows --stats=json
#     lists that match; a bad row filter keeps the previous one; an empty
#     one clears it; the talkers view's / the same way;
#   - Ctrl-F with a text that compiles as a display filter lands on the
#     first packet after the selection that tshark -Y matches, n on the
#     next; the same text in quotes is searched as text.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
need_python
need_tshark
tui_test

F=$TMPD/flows.pcap
python3 "$TESTS_SRCDIR/flow_filter.py" gen "$F" || fail "flow_filter.py gen failed"
run_to 60 "$WIRETOP" -r "$F" --stats=json >"$TMPD/stats.json" ||
	fail "--stats=json failed"
npk=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["packets"])' "$TMPD/stats.json")
nflows=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["flows"]))' "$TMPD/stats.json")

# tshark_frames EXPR: the frame numbers tshark -Y EXPR keeps, one a line.
tshark_frames() {
	run_to 60 tshark -n $TSHARK_OPTS -r "$F" -Y "$1" -T fields \
	    -e frame.number 2>/dev/null
}
# The number of the selected packet: the row in reverse video (a bad
# packet's row is bold, which tmux.sh's selected takes for the selection
# of an unfocused list).
sel() { attr_lines | sed -nE 's/^R ([0-9]+) .*/\1/p' | head -n 1; }
# The bottom line; does it show a pattern (grep -E)?
bottom() { screen | tail -n 1; }
bottom_has() { bottom | grep -Eq -- "$1"; }
# input KEY TEXT: KEY (/ or C-f), the line cleared, TEXT typed, Enter.
input() {
	keys "$1" C-u
	T send-keys -t "$S" -l "$2"
	keys Enter
}

new_session -s "$S" -x 160 -y 90 \
	"env NO_COLOR=1 LC_ALL=C.UTF-8 '$WIRETOP' -n -r '$F'; sleep 60" ||
	fail "tmux could not start"
wait_for "seen $npk shown $npk" 20 || fail "the capture did not load"

# The packet filter, in Wireshark's language.
PF='udp.length > 500 && ip.src == 10.0.0.0/8'
want=$(tshark_frames "$PF" | wc -l)
[ "$want" -gt 0 ] && [ "$want" -lt "$npk" ] || fail "'$PF' keeps $want of $npk: not a test"
input / "$PF"
check "/ $PF shows the $want packets tshark -Y keeps" \
	wait_for "seen $npk shown $want( |$)" 20
check "the status line shows the display filter" has "df: udp\.length"
# A bad one: its error inline, the previous filter and rows stay.
input / "ip.sorce == 10.0.0.1"
check "a bad display filter says what is wrong ('$(bottom)')" \
	bottom_has 'ip\.sorce'
check "and the previous filter stays" has "seen $npk shown $want( |$)"
check "its text too" has "df: udp\.length"

# The flows view's row filter.
RF='bytes > 1k and proto == udp'
python3 - "$TMPD/stats.json" >"$TMPD/want_flows" <<'EOF'
import json, sys
for f in json.load(open(sys.argv[1]))["flows"]:
    if f["proto"] == "udp" and f["bytes"] + f["bytes_rev"] > 1000:
        def ep(a, p):
            return ("[%s]:%d" if ":" in a else "%s:%d") % (a, p)
        print(ep(f["src"], f["sport"]), ep(f["dst"], f["dport"]))
EOF
nrf=$(wc -l <"$TMPD/want_flows")
[ "$nrf" -gt 0 ] && [ "$nrf" -lt "$nflows" ] && [ "$nrf" -lt 100 ] ||
	fail "'$RF' keeps $nrf of $nflows flows: not a test"
keys 2
keys p		# port numbers, not service names
wait_for "^Flows: $nflows " || fail "the flows view did not show $nflows flows"
input / "$RF"
check "/ $RF: the heading counts the $nrf flows --stats=json has" \
	wait_for "^Flows: $nrf matching .*filter: bytes > 1k and proto == udp"
# The rows: "UDP  A -> B ...", every one of the matching flows.
screen | sed -nE 's/^([A-Za-z0-9]+) +([^ ]+) -> ([^ ]+) .*/\1 \2 \3/p' \
	>"$TMPD/rows"
check "every row is UDP" test -s "$TMPD/rows" -a \
	"$(grep -vc '^UDP ' "$TMPD/rows")" = 0
sed 's/^UDP //' "$TMPD/rows" | sort >"$TMPD/got_flows"
sort "$TMPD/want_flows" -o "$TMPD/want_flows"
check "the rows are the $nrf matching flows ($(wc -l <"$TMPD/got_flows") shown)" \
	cmp -s "$TMPD/got_flows" "$TMPD/want_flows"
# A bad one keeps the previous.
input / "bytez > 1k"
check "a bad row filter says what is wrong ('$(bottom)')" \
	bottom_has '^flow filter: .*bytez'
check "and the previous one stays" \
	has "^Flows: $nrf matching .*filter: bytes > 1k and proto == udp"
# An address prefix and the either-end rule.
nv6=$(python3 -c '
import ipaddress, json, sys
n = ipaddress.ip_network("2001:db8::/32")
print(sum(1 for f in json.load(open(sys.argv[1]))["flows"]
    if any(ipaddress.ip_address(a).version == 6 and ipaddress.ip_address(a) in n
        for a in (f["src"], f["dst"]))))' "$TMPD/stats.json")
input / "addr == 2001:db8::/32"
check "/ addr == 2001:db8::/32: $nv6 flows" wait_for "^Flows: $nv6 matching "
# Empty clears it.
input / ""
check "an empty row filter clears it" wait_for "^Flows: $nflows "
check "the bottom line says so" bottom_has 'flow filter cleared'

# The talkers view.
nt=$(python3 -c 'import json, sys; print(sum(1 for t in json.load(open(sys.argv[1]))["talkers"] if t["tx_bytes"] > 10000))' "$TMPD/stats.json")
keys 3
input / "tx_bytes > 10k"
check "/ tx_bytes > 10k in the talkers view: $nt talkers" \
	wait_for "^Talkers: $nt matching "

# Search with a display filter: from packet 1, the next packet it matches.
keys 1
input / ""
wait_for "seen $npk shown $npk( |$)" || fail "the display filter did not clear"
keys Home
check "Home selects packet 1" test "$(sel)" = 1
SF='udp.length > 1000 && ipv6'
tshark_frames "$SF" >"$TMPD/sf"
first=$(awk '$1 > 1' "$TMPD/sf" | head -n 1)
second=$(awk -v a="$first" '$1 > a' "$TMPD/sf" | head -n 1)
[ -n "$first" ] && [ -n "$second" ] || fail "'$SF' matches too few packets"
input C-f "$SF"
check "Ctrl-F $SF lands on packet $first (got $(sel))" \
	test "$(sel)" = "$first"
keys n
check "n: the next match, packet $second (got $(sel))" \
	test "$(sel)" = "$second"
input C-f "\"$SF\""
check "in quotes it is text: not found ('$(bottom)')" \
	bottom_has '^not found'
check "and the selection stays" test "$(sel)" = "$second"

echo "$((checks - fails)) passed, $fails failed"
[ $fails -eq 0 ]
