#!/bin/bash
# The TUI on a live capture: two network namespaces "a" and "b" joined by a
# veth pair; wiretop's TUI runs in tmux on the veth in "a" while "b" sends
# UDP bursts and pings.  Rows appear while the traffic flows, the status
# line counts them, the flows view shows the UDP flow, q exits 0.  Needs
# root, network namespaces and tmux (skips with 77 otherwise).  All
# traffic stays inside our own namespaces, which are always removed.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "$TESTS_SRCDIR/hosts.sh"

# After dropping privileges the process is not dumpable: LeakSanitizer
# cannot attach at exit (leaks are checked by the file tests).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

[ "$(id -u)" -eq 0 ] || skip "needs root for network namespaces"
for t in ip timeout python3 tmux ping; do
	command -v $t >/dev/null 2>&1 || skip "needs $t"
done
need_wiretop
make_tmpdir

netns_names wtt$$
A=10.204.0.1 B=10.204.0.2
S=wiretop-tui-live
. "$TESTS_SRCDIR/tmux.sh"
CHECK_OK=1
# On exit, also remove our namespaces and everything in them (tmux.sh's
# trap calls this).
cleanup_extra() {
	netns_remove
	rm -rf "${NOWRITE:-}" "${HIST:-}" "${SAVEDIR:-}"
}
trap 'exit 1' INT TERM

hosts_up

# UDP datagrams from b to a: udp_send COUNT PORT (paced, over ~COUNT/100 s)
udp_send() {
	in_ns b 60 python3 - "$@" <<'PY'
import socket, sys, time
n, port = int(sys.argv[1]), int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("10.204.0.2", 40000))
for i in range(n):
    s.sendto(b"wiretop-tui-live %d" % i, ("10.204.0.1", port))
    time.sleep(0.01)
PY
}

new_session -s "$S" -x 160 -y 40 \
    "env NO_COLOR=1 LC_ALL=C.UTF-8 ASAN_OPTIONS='$ASAN_OPTIONS' ip netns exec $NA '$WIRETOP' -n -i $IA 'udp port 9999 or icmp[icmptype] == icmp-echo or icmp[icmptype] == icmp-echoreply'; echo EXIT=\$? >'$TMPD/exit'; sleep 60" ||
    fail "tmux could not start"
check "the TUI starts on $IA" wait_for "$IA .*cf: udp port 9999 or" 10
check "no packets before the traffic" wait_for "seen 0 shown 0"

# A slow burst: rows must show up while it is still being sent.
udp_send 300 9999 &
sender=$!
check "UDP rows appear while the traffic flows" \
    wait_for "^[0-9]+ .*$B +$A +UDP .*40000 .* 9999" 4
mid=$(screen | grep -o 'seen [0-9]*' | head -n 1)
check "the status line counts during the burst ($mid)" \
    bash -c "[ '${mid#seen }' -gt 0 ] && [ '${mid#seen }' -lt 300 ]"
kill -0 $sender 2>/dev/null
check "the sender was still sending then" [ $? = 0 ]
wait $sender
check "the status line counts all 300 datagrams" wait_for "seen 300 shown 300" 5
in_ns b 10 ping -q -c 3 -i 0.2 $A >/dev/null
check "pings appear" wait_for "ICMP .*Echo \(ping\) reply" 5
check "and are counted (306)" wait_for "seen 306 shown 306" 5
check "no drops" wait_for "drop 0 " 1

keys 2
check "the flows view shows the UDP flow" \
    wait_for "UDP +$B:40000 -> $A:9999 +300 " 5
check "and the ICMP flow" wait_for "ICMP +$B -> $A +3 .* 3 " 5
keys 4
check "the protocols view counts udp" wait_for "^ +udp +300 " 5
keys 1 ' '
check "space pauses" wait_for "PAUSED" 2
udp_send 20 9999
check "paused: the status line still counts" wait_for "seen 326 shown 306" 5
keys ' '
check "resumed: the list catches up" wait_for "seen 326 shown 326" 5

keys q
for _ in $(seq 50); do [ -f "$TMPD/exit" ] && break; sleep 0.1; done
check "q exits 0" grep -q "EXIT=0" "$TMPD/exit"

# Live with -w, the history is the file: with a ring of 100, Home is
# still packet 1.  Started as root in a directory the unprivileged user
# cannot write, w saves into the run's own directory in /tmp, as that
# user.
NOWRITE=$(mktemp -d) && chmod 755 "$NOWRITE" || fail "mktemp failed"
HIST=$(mktemp -d) && chmod 1777 "$HIST" || fail "mktemp failed"
want_user=${SUDO_USER:-nobody}
[ "$want_user" != root ] || want_user=nobody
rm -f "$TMPD/exit"
S=$S-save
new_session -s "$S" -x 160 -y 40 \
    "cd '$NOWRITE' && env NO_COLOR=1 LC_ALL=C.UTF-8 ASAN_OPTIONS='$ASAN_OPTIONS' ip netns exec $NA '$WIRETOP' -n --ring 100 -w '$HIST/all.pcap' -i $IA 'udp port 9999'; echo EXIT=\$? >'$TMPD/exit'; sleep 60" ||
    fail "tmux could not start"
check "the TUI with -w starts on $IA" wait_for "$IA .*cf: udp port 9999" 10
udp_send 300 9999
check "all 300 datagrams are counted" wait_for "seen 300 " 10
keys Home
first=$(screen | sed -n 's/^\([0-9][0-9]*\)  *[0-9-].*/\1/p' | head -n 1)
check "with -w and --ring 100 Home is packet 1 (got $first)" test "$first" = 1
keys Enter
check "packet 1's detail is read back from the file" wait_for "Packet 1 " 3
keys Escape w
check "w asks what to save" wait_for "save: s shown \(300\)" 3
keys s
check "the path offered is in the run's own directory in /tmp" \
    wait_for "save shown packets to: /tmp/wiretop-saved-[A-Za-z0-9]{6}/wiretop-shown-[0-9-]+\.pcap" 3
path=$(screen | grep -o '/tmp/wiretop-saved-[A-Za-z0-9]*/wiretop-shown-[0-9-]*\.pcap' | head -n 1)
SAVEDIR=${path%/*}
keys Enter
check "saved the 300 packets shown" wait_for "saved 300 packets to $path" 5
check "the file belongs to $want_user" test "$(stat -c %U "$path" 2>/dev/null)" = "$want_user"
check "tcpdump reads 300 packets from it" \
    test "$(tcpdump -r "$path" 2>/dev/null | wc -l)" = 300
check "and nothing was written where $want_user may not write" \
    test -z "$(ls -A "$NOWRITE")"
keys q
for _ in $(seq 50); do [ -f "$TMPD/exit" ] && break; sleep 0.1; done
check "q exits 0" grep -q "EXIT=0" "$TMPD/exit"
check "-w holds the 300 packets" \
    test "$(tcpdump -r "$HIST/all.pcap" 2>/dev/null | wc -l)" = 300

echo "$((checks - fails)) passed, $fails failed"
[ $fails -eq 0 ]
