#!/bin/bash
# Drill-down in the TUI: talkers -> a talker's flows -> a flow's packets
# -> a packet's fields, each step with Enter, back with Esc / Backspace,
# the breadcrumb line saying where the user is at every step; the
# packets of a flow are exactly those tshark finds for its 5-tuple.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
command -v tshark >/dev/null 2>&1 || skip "needs tshark"
tui_test
CHECK_OK=1

F=$GEN/basic.pcap
# The top flow by bytes (the flows view's first row), from --stats=json.
read -r proto src sport dst dport pk <<<"$(run_to 30 "$WIRETOP" -r "$F" --stats=json |
	python3 -c '
import json, sys
f = json.load(sys.stdin)["flows"][0]
print(f["proto"], f["src"], f["sport"], f["dst"], f["dport"],
      f["packets"] + f["packets_rev"])')"
[ "$proto" = tcp ] || fail "the top flow of basic.pcap is $proto, not tcp"
want=$(tshark -r "$F" -Y "ip.addr==$src && ip.addr==$dst && tcp.port==$sport && tcp.port==$dport" 2>/dev/null | wc -l)
[ "$want" = "$pk" ] || fail "tshark counts $want packets of the flow, wiretop $pk"
first=$(tshark -r "$F" -Y "ip.addr==$src && ip.addr==$dst && tcp.port==$sport && tcp.port==$dport" -T fields -e frame.number 2>/dev/null | head -n 1)

# The breadcrumb: the line under the status line.
crumb() { screen | sed -n 2p; }
rows() { screen | grep -Ec '^[0-9]+ +[0-9]'; }

new_session -s "$S" -x 140 -y 40 \
	"env NO_COLOR=1 LC_ALL=C.UTF-8 '$WIRETOP' -n -r '$F'; echo EXIT=\$? >'$TMPD/exit'; sleep 60" ||
	fail "tmux could not start"
check "the file is loaded" wait_for "seen 32 shown 32"
check "no breadcrumb at a top view" bash -c "! tmux -S '$SOCK' capture-pane -p -t '$S' | sed -n 2p | grep -q ' > '"

keys 3
check "the talkers view lists $src first" wait_for "^$src "
keys Enter
check "Enter: the talker's flows" wait_for "Flows of $src"
check "breadcrumb 'talkers > $src' (got '$(crumb)')" test "$(crumb)" = "talkers > $src"
keys Enter
crumb_flow="talkers > $src > tcp $src:$sport <-> $dst:$dport"
check "Enter on the flow: its packets, breadcrumb (got '$(crumb)')" \
	wait_for "^talkers > $src > tcp $src:$sport <-> $dst:$dport\$"
check "exactly the flow's $pk packets are listed (got $(rows))" test "$(rows)" = "$pk"
check "the list starts at the flow's first packet ($first)" has "^$first +[0-9]"
keys Enter
check "Enter: the first packet's fields" wait_for "Packet $first "
check "breadcrumb ends in 'packet $first' (got '$(crumb)')" test "$(crumb)" = "$crumb_flow > packet $first"
keys Escape
check "Esc closes the fields, the flow stays" test "$(crumb)" = "$crumb_flow"
keys Escape
check "Esc: back to the talker's flows" wait_for "Flows of $src"
check "breadcrumb back to 'talkers > $src'" test "$(crumb)" = "talkers > $src"
keys BSpace
check "Backspace: back to the talkers" wait_for "^Talkers: "
check "no breadcrumb at the top again" bash -c "! tmux -S '$SOCK' capture-pane -p -t '$S' | sed -n 2p | grep -q ' > '"
keys 1
check "the packets view shows every packet again" wait_for "seen 32 shown 32"

# From the flows view: Enter on its top flow.
keys 2
check "the flows view" wait_for "^Flows: "
keys Enter
check "breadcrumb 'flows > tcp ...' (got '$(crumb)')" \
	wait_for "^flows > tcp $src:$sport <-> $dst:$dport\$"
check "the flow's $pk packets" test "$(rows)" = "$pk"
keys BSpace
check "Backspace: back to the flows" wait_for "^Flows: "
keys q
wait_exit
check "q exits 0" grep -q "EXIT=0" "$TMPD/exit"

[ "$fails" -eq 0 ] || fail "$fails of $checks checks failed"
echo "ok: $checks checks"
