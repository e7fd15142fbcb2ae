#!/bin/bash
# Reading a file as root gives up root before the first packet is decoded,
# headless and in the TUI, as a live start does: every thread runs as
# nobody (or $SUDO_USER) with no groups, no capabilities in any set and
# no-new-privs.  -Z with no such user is one line and exit 1 (as live); -w
# into a directory only root may write still works (opened before the
# drop); and as a user without privileges the drop is harmless.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
[ "$(id -u)" -eq 0 ] || skip "needs root (checks what a root run gives up)"
tui_test

F=$GEN/basic.pcap
pids=
# On exit, also close the FIFO and stop what we started (tmux.sh's trap
# calls this).
cleanup_extra() {
	exec 3>&- 2>/dev/null
	for p in $pids; do kill "$p" 2>/dev/null; done
}

# The user a root run becomes (privs_default_user()).
user=nobody
if [ -n "$SUDO_USER" ] && [ "$SUDO_USER" != root ] && id -u "$SUDO_USER" >/dev/null 2>&1; then
	user=$SUDO_USER
fi
uid=$(id -u "$user") gid=$(id -g "$user")
npkts=$(run_to 30 "$WIRETOP" -r "$F" -P | wc -l)
[ "$npkts" -gt 3 ] || fail "cannot read $F"

# Wait until process $1 no longer runs as root (at most 5 s).
wait_dropped() {
	local i
	for i in $(seq 50); do
		grep -q "^Uid:[[:space:]]*$uid[[:space:]]" "/proc/$1/status" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}
# What every thread of process $2 must show, $1 naming the run.
check_privs() {
	local what=$1 pid=$2 st n=0 t
	for st in /proc/"$pid"/task/*/status; do
		[ -r "$st" ] || continue
		n=$((n + 1))
		t="$what: thread $(basename "$(dirname "$st")")"
		check "$t: Uid $uid" grep -Eq "^Uid:\s+$uid\s+$uid\s+$uid\s+$uid$" "$st"
		check "$t: Gid $gid" grep -Eq "^Gid:\s+$gid\s+$gid\s+$gid\s+$gid$" "$st"
		check "$t: no groups" grep -Eq "^Groups:\s*$" "$st"
		for c in CapInh CapPrm CapEff CapBnd CapAmb; do
			check "$t: $c 0" grep -Eq "^$c:\s+0+$" "$st"
		done
		check "$t: NoNewPrivs 1" grep -Eq "^NoNewPrivs:\s+1$" "$st"
	done
	check "$what: threads seen ($n)" test "$n" -ge 2
	note "$what: $n threads run as $user with nothing else"
}
# The first $2 packets of $1 with the pcap header, on stdout.
head_pcap() {
	python3 -c '
import struct, sys
d = open(sys.argv[1], "rb").read()
off = 24
for _ in range(int(sys.argv[2])):
    off += 16 + struct.unpack("<I", d[off + 8:off + 12])[0]
sys.stdout.buffer.write(d[:off])' "$1" "$2"
}

# Headless on a FIFO held open after three packets: wiretop waits for more.
# The FIFO comes as standard input (-r -): the same drop, and no look at
# the path's first bytes before the capture is read (pcapng_ifname()).
mkfifo "$TMPD/fifo"
"$WIRETOP" -r - -P <"$TMPD/fifo" >"$TMPD/fifo.out" 2>"$TMPD/fifo.err" &
wt=$!
pids="$pids $wt"
exec 3>"$TMPD/fifo"
head_pcap "$F" 3 >&3
check "headless: privileges dropped" wait_dropped "$wt"
sleep 0.3
check_privs "headless -r - -P <FIFO" "$wt"
exec 3>&-
wait "$wt"
st=$?
check "headless: exit 0 at the end of the FIFO (got $st)" test "$st" -eq 0
check "headless: the three packets printed" test "$(wc -l <"$TMPD/fifo.out")" -eq 3

# The TUI on a file, and on a FIFO held open (its reader thread alive).
tui_case() {	# tui_case NAME FILE (for -r), INPUT (its stdin)
	local name=$1 file=$2 input=$3 pid
	new_session -s "$S-$name" -x 120 -y 30 \
		"sh -c 'echo \$\$ >\"\$1\"; shift; exec \"\$@\" <\"$input\"' sh '$TMPD/$name.pid' env NO_COLOR=1 '$WIRETOP' -n -r '$file'; echo \$? >'$TMPD/$name.status'; sleep 30" ||
		fail "tmux could not start"
	for _ in $(seq 50); do [ -s "$TMPD/$name.pid" ] && break; sleep 0.1; done
	pid=$(cat "$TMPD/$name.pid")
	pids="$pids $pid"
	[ "$name" = fifo ] && { exec 3>"$TMPD/tui.fifo"; head_pcap "$F" 3 >&3; }
	for _ in $(seq 50); do
		T capture-pane -p -t "$S-$name" | grep -q 'seen [0-9]* shown' && break
		sleep 0.1
	done
	check "TUI -r $name: privileges dropped" wait_dropped "$pid"
	sleep 0.3
	check_privs "TUI -r $name" "$pid"
	T send-keys -t "$S-$name" q
	[ "$name" = fifo ] && exec 3>&-
	for _ in $(seq 50); do [ -s "$TMPD/$name.status" ] && break; sleep 0.1; done
	check "TUI -r $name: q exits 0" grep -qx 0 "$TMPD/$name.status"
	T kill-session -t "$S-$name" 2>/dev/null
}
tui_case file "$F" /dev/null
mkfifo "$TMPD/tui.fifo"
tui_case fifo - "$TMPD/tui.fifo"

# -Z with no such user: one line, exit 1 (what a live start does), and
# nothing decoded.
"$WIRETOP" -r "$F" -P -Z wiretop-nosuchuser >"$TMPD/z.out" 2>"$TMPD/z.err"
st=$?
check "-Z nosuchuser: exit 1 (got $st)" test "$st" -eq 1
check "-Z nosuchuser: one line on stderr" test "$(wc -l <"$TMPD/z.err")" -eq 1
check "-Z nosuchuser: says so ($(cat "$TMPD/z.err"))" \
	grep -q "^wiretop: cannot switch to user wiretop-nosuchuser: no such user$" "$TMPD/z.err"
check "-Z nosuchuser: no packet printed" test ! -s "$TMPD/z.out"

# -w into a directory only root may write: opened before the drop, then
# written by the dropped user through the open file.
mkdir -m 700 "$TMPD/rootonly"
"$WIRETOP" -r "$F" -w "$TMPD/rootonly/out.pcap" -P >/dev/null 2>"$TMPD/w.err"
st=$?
check "-w into a root-only directory: exit 0 (got $st: $(cat "$TMPD/w.err"))" test "$st" -eq 0
n=$(run_to 30 "$WIRETOP" -r "$TMPD/rootonly/out.pcap" -P | wc -l)
check "-w: the output holds all $npkts packets (got $n)" test "$n" -eq "$npkts"
if command -v tcpdump >/dev/null 2>&1; then
	n=$(tcpdump -nr "$TMPD/rootonly/out.pcap" 2>/dev/null | wc -l)
	check "-w: tcpdump reads $npkts packets (got $n)" test "$n" -eq "$npkts"
fi

# Without privileges the drop is harmless; -Z another user is refused.
if command -v setpriv >/dev/null 2>&1; then
	np="setpriv --reuid=$uid --regid=$gid --clear-groups"
	n=$($np "$WIRETOP" -r - -P <"$F" 2>"$TMPD/np.err" | wc -l)
	check "as $user: the file reads as $npkts packets (got $n: $(cat "$TMPD/np.err"))" test "$n" -eq "$npkts"
	$np "$WIRETOP" -r - -P -Z root <"$F" >/dev/null 2>"$TMPD/npz.err"
	st=$?
	check "as $user: -Z root exits 1 (got $st)" test "$st" -eq 1
	check "as $user: -Z root is one line ($(cat "$TMPD/npz.err"))" \
		grep -qx "wiretop: cannot switch to user root: only root can (-Z)" "$TMPD/npz.err"
fi

echo "$((checks - fails)) passed, $fails failed"
[ $fails -eq 0 ]
