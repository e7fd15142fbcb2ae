#!/bin/bash
# Live capture (AF_PACKET TPACKET_V3) between two test hosts: network
# namespaces "a" and "b" joined by a veth pair.  wiretop captures in "a"
# while "b" sends known traffic; counts must be exact.  Needs root and
# iproute2 with netns support; skips (77) with a message otherwise.  All
# traffic stays inside our own namespaces, which are always removed.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "$TESTS_SRCDIR/hosts.sh"

# After dropping privileges the process is no longer dumpable, so
# LeakSanitizer cannot attach to it at exit: leaks are checked by the file
# tests instead.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

[ "$(id -u)" -eq 0 ] || skip "needs root for network namespaces"
for t in ip timeout python3 ping; do
	command -v $t >/dev/null 2>&1 || skip "needs $t"
done
[ -x "$WIRETOP" ] || fail "no binary at $WIRETOP"

netns_names wt$$
A=10.203.0.1 B=10.203.0.2
T=$OUT/live
rm -rf "$T" && mkdir -p "$T" || fail "cannot create $T"
FAILED=0
BG=

# Remove our namespaces (and everything running in them).
cleanup() {
	netns_remove
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# Record a check's result.
ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; FAILED=$((FAILED + 1)); }
check() {	# check "what" test-expression...
	local what=$1
	shift
	if "$@"; then ok "$what"; else notok "$what"; fi
}

hosts_up

# Start wiretop in host a in the background: wt_start NAME SECS ARGS...
# Its stdout/stderr go to $T/NAME.out/.err; wt_wait NAME collects it.
wt_start() {
	local name=$1 secs=$2
	shift 2
	in_ns a "$secs" "$WIRETOP" "$@" >"$T/$name.out" 2>"$T/$name.err" &
	BG=$!
	sleep 1		# socket bound and ring ready
}
wt_wait() {
	wait "$BG"
	echo $? >"$T/$1.rc"
}
# Send a signal (default INT) to the wiretop running in host a; prints
# its pid.
wt_sig() {
	local pid p
	for p in $(ip netns pids "$NA" 2>/dev/null); do
		[ "$(cat "/proc/$p/comm" 2>/dev/null)" = wiretop ] &&
		    pid=$p && break
	done
	[ -n "$pid" ] && kill -"${1:-INT}" "$pid"
	echo "$pid"
}
# A JSON number from a --stats=json output: json_num FILE KEY
json_num() {
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2" 2>/dev/null
}

# UDP datagrams from b to a: udp_send COUNT SIZE PORT [PACE]
udp_send() {
	in_ns b 60 python3 - "$@" <<'PY'
import socket, sys, time
n, size, port = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
pace = int(sys.argv[4]) if len(sys.argv) > 4 else 100
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(n):
    s.sendto(i.to_bytes(4, "big") + b"w" * (size - 4), ("10.203.0.1", port))
    if pace and i % pace == pace - 1:
        time.sleep(0.001)
PY
}

# 1. UDP burst: exact count, no drops, the kernel filter drops the rest.
wt_start udp 20 -i "$IA" --stats=json udp port 9999
udp_send 500 200 9999
udp_send 300 200 8888
sleep 0.5
wt_sig >/dev/null
wt_wait udp
check "udp: exit 0 on SIGINT" [ "$(cat "$T/udp.rc")" = 0 ]
check "udp: 500 packets counted" [ "$(json_num "$T/udp.out" packets)" = 500 ]
check "udp: bytes are frame lengths" \
    [ "$(json_num "$T/udp.out" bytes)" = $((500 * 242)) ]
check "udp: 0 dropped" [ "$(json_num "$T/udp.out" dropped)" = 0 ]

# 2. The kernel filter: with the reader stopped and a 1 MB ring, 20 MB of
# traffic that fails the filter costs no ring space, so the 50 packets
# that pass all arrive and nothing is dropped.
wt_start kfilter 30 -i "$IA" -B 1 --stats=json udp port 9999
pid=$(wt_sig STOP)
udp_send 20000 1000 8888 0
udp_send 50 100 9999
[ -n "$pid" ] && kill -CONT "$pid"
sleep 0.5
wt_sig >/dev/null
wt_wait kfilter
check "kernel filter: all 50 matching packets" \
    [ "$(json_num "$T/kfilter.out" packets)" = 50 ]
check "kernel filter: nothing dropped" \
    [ "$(json_num "$T/kfilter.out" dropped)" = 0 ]

# 3. Drops: the same stalled reader with traffic that passes the filter.
# stalled_burst NAME DRAIN ARGS...: wiretop ARGS in host a, stopped
# (SIGSTOP) while 20000 datagrams to port 9999 arrive, then let go for
# DRAIN seconds and stopped with SIGINT.
stalled_burst() {
	local name=$1 drain=$2 pid
	shift 2
	wt_start "$name" 60 "$@"
	pid=$(wt_sig STOP)
	udp_send 20000 1000 9999 0
	sleep 0.2
	[ -n "$pid" ] && kill -CONT "$pid"
	sleep "$drain"
	wt_sig >/dev/null
	wt_wait "$name"
}
stalled_burst drops 0.5 -i "$IA" -B 1 --stats=json udp port 9999
got=$(json_num "$T/drops.out" packets)
lost=$(json_num "$T/drops.out" dropped)
check "drops: reported when the reader stalls ($got received, $lost dropped)" \
    [ "${lost:-0}" -gt 0 ]
check "drops: received + dropped = sent" \
    [ $((${got:-0} + ${lost:-0})) -eq 20000 ]
check "drops: stderr says the kernel dropped $lost packets" \
    grep -q "^wiretop: the kernel dropped $lost packets" "$T/drops.err"

# 3b. -P is a lossless follower: a stalled printer leaves the backlog in
# the kernel ring, and every packet received is printed.  With a ring that
# holds the burst nothing is lost; with one that does not, what the kernel
# dropped is counted and said, and still every packet received is printed.
# The model's ring is kept small (--ring 1000): a printer that read packets
# back from it (as wiretop's did) would lose those it overwrote.
# print_counts NAME: the lines printed before --stats=json's object, then
# its packets and dropped.
print_counts() {
	python3 -c '
import json, sys
text = open(sys.argv[1]).read()
at = 0 if text.startswith("{") else text.find("\n{") + 1
s = json.loads(text[at:])
print(text[:at].count("\n"), s["packets"], s["dropped"])' "$T/$1.out" 2>/dev/null
}
for ring in 64 1; do
	stalled_burst "print$ring" 2 -i "$IA" -B $ring --ring 1000 -P \
	    --stats=json udp port 9999
	read -r lines got lost < <(print_counts "print$ring")
	check "-P -B $ring: a line for every packet received ($lines lines, $got received, $lost dropped)" \
	    [ "${lines:-none}" = "$got" ]
	check "-P -B $ring: received + dropped = sent" \
	    [ $((${got:-0} + ${lost:-0})) -eq 20000 ]
	if [ "$ring" = 64 ]; then
		check "-P -B 64: the ring held the burst (0 dropped)" \
		    [ "$lost" = 0 ]
	else
		check "-P -B 1: the drops are said on stderr" \
		    grep -q "^wiretop: the kernel dropped $lost packets" \
		    "$T/print$ring.err"
	fi
done

# 4. ICMP echo, with -c ending the capture and -T fields output.
wt_start icmp 20 -i "$IA" -c 6 -T fields -e icmp.type -e ip.src icmp
in_ns b 10 ping -q -c 3 -i 0.2 $A >/dev/null
wt_wait icmp
check "icmp: -c 6 exits 0" [ "$(cat "$T/icmp.rc")" = 0 ]
printf '8\t%s\n0\t%s\n8\t%s\n0\t%s\n8\t%s\n0\t%s\n' $B $A $B $A $B $A \
    >"$T/icmp.want"
check "icmp: three requests and three replies" \
    cmp -s "$T/icmp.want" "$T/icmp.out"

# 5. A TCP connection: the same packets as tcpdump sees, one closed flow.
in_ns a 20 python3 -c '
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.203.0.1", 7777)); s.listen(1)
c, _ = s.accept()
while c.recv(65536): pass
c.close()' &
srv=$!
have_tcpdump=false
if command -v tcpdump >/dev/null 2>&1; then
	in_ns a 20 tcpdump -Z root -n -q -i "$IA" -w "$T/tcp-ref.pcap" \
	    tcp port 7777 2>/dev/null &
	tdp=$!
	have_tcpdump=true
fi
wt_start tcp 20 -i "$IA" --stats=json tcp port 7777
in_ns b 10 python3 -c '
import socket, time
s = socket.create_connection(("10.203.0.1", 7777))
s.sendall(b"x" * 100000); time.sleep(0.2); s.close()'
wait $srv
sleep 0.5
wt_sig >/dev/null
wt_wait tcp
state=$(python3 -c 'import json,sys; f=json.load(open(sys.argv[1]))["flows"]; print(len(f), f[0]["proto"], f[0]["state"], f[0]["src"], f[0]["dport"])' "$T/tcp.out" 2>/dev/null)
check "tcp: one closed flow from b to a:7777 ($state)" \
    [ "$state" = "1 tcp closed $B 7777" ]
if $have_tcpdump; then
	sleep 0.3
	kill -INT $tdp 2>/dev/null
	wait $tdp 2>/dev/null
	ref=$("$WIRETOP" -r "$T/tcp-ref.pcap" --stats=json 2>/dev/null |
	    python3 -c 'import json,sys; print(json.load(sys.stdin)["packets"])')
	got=$(json_num "$T/tcp.out" packets)
	check "tcp: $got packets, tcpdump saw $ref" [ -n "$ref" ] && \
	    [ "$got" = "$ref" ]
fi

# 6. -w: the file re-read holds exactly what was sent, ns timestamps.
wt_start write 20 -i "$IA" -w "$T/w.pcap" -c 100 udp port 9999
udp_send 100 300 9999
wt_wait write
python3 - "$T/w.pcap" <<'PY' >"$T/write.check" 2>&1
import struct, sys
d = open(sys.argv[1], "rb").read()
magic, = struct.unpack("<I", d[:4])
assert magic == 0xa1b23c4d, "not a nanosecond pcap: %x" % magic
assert struct.unpack("<I", d[20:24])[0] == 1, "not Ethernet"
off, i = 24, 0
while off < len(d):
    sec, nsec, incl, orig = struct.unpack("<IIII", d[off:off + 16])
    frame = d[off + 16:off + 16 + incl]
    assert incl == orig == 342, "frame %d: %d/%d bytes" % (i, incl, orig)
    want = i.to_bytes(4, "big") + b"w" * 296
    assert frame[42:] == want, "frame %d: payload differs" % i
    off += 16 + incl
    i += 1
assert i == 100, "%d frames" % i
print("ok")
PY
check "-w: 100 frames with the payloads sent ($(tail -n 1 "$T/write.check"))" \
    [ "$(tail -n 1 "$T/write.check")" = ok ]
if command -v tshark >/dev/null 2>&1; then
	n=$(tshark -r "$T/w.pcap" -T fields -e udp.dstport 2>/dev/null |
	    grep -c '^9999$')
	check "-w: tshark reads 100 UDP packets" [ "$n" = 100 ]
fi

# 7. VLAN: tagged frames (802.1Q, and 802.1ad) sent raw from b; the
# receiving kernel moves the tag into metadata, wiretop puts it back.
mb=$(in_ns b 5 cat "/sys/class/net/$IB/address")
ma=$(in_ns a 5 cat "/sys/class/net/$IA/address")
wt_start vlan 20 -i "$IA" -c 3 -w "$T/vlan.pcap" -T fields -e eth.type \
    -e vlan.id -e vlan.etype
in_ns b 10 python3 - "$IB" "$ma" "$mb" <<'PY'
import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((sys.argv[1], 0))
dst, src = (bytes.fromhex(m.replace(":", "")) for m in sys.argv[2:4])
for tpid, tci in ((0x8100, 0x2064), (0x8100, 0x0064), (0x88a8, 0x00c8)):
    s.send(dst + src + tpid.to_bytes(2, "big") + tci.to_bytes(2, "big") +
        b"\x88\xb5" + b"v" * 50)
PY
wt_wait vlan
printf '0x8100\t100\t0x88b5\n0x8100\t100\t0x88b5\n0x88a8\n' >"$T/vlan.want"
cut -f 1-3 "$T/vlan.out" | sed '3s/\t.*//' >"$T/vlan.got"
check "vlan: tags put back (802.1Q and 802.1ad)" \
    cmp -s "$T/vlan.want" "$T/vlan.got"
if command -v tshark >/dev/null 2>&1; then
	tshark -r "$T/vlan.pcap" -T fields -e eth.type -e vlan.id \
	    -e ieee8021ad.id -e frame.len 2>/dev/null >"$T/vlan.tshark"
	printf '0x8100\t100\t\t68\n0x8100\t100\t\t68\n0x88a8\t\t200\t68\n' \
	    >"$T/vlan.want2"
	check "vlan: tshark sees the tags in the saved file" \
	    cmp -s "$T/vlan.want2" "$T/vlan.tshark"
fi

# 8. -i any: each packet names its interface; the file is SLL2.
wt_start any 20 -i any -c 4 -w "$T/any.pcap" \
    -T fields -e frame.interface_name -e icmp.type icmp
in_ns b 10 ping -q -c 2 -i 0.2 $A >/dev/null
wt_wait any
printf '%s\t8\n%s\t0\n%s\t8\n%s\t0\n' "$IA" "$IA" "$IA" "$IA" >"$T/any.want"
check "any: packets name their interface" cmp -s "$T/any.want" "$T/any.out"
if command -v tshark >/dev/null 2>&1; then
	n=$(tshark -r "$T/any.pcap" -T fields -e sll.ifindex -e icmp.type \
	    2>/dev/null | grep -c '	[08]$')
	check "any: tshark reads the SLL2 file" [ "$n" = 4 ]
fi

# 9. The interface goes down and comes back: a message, then capture
# resumes; --duration still ends the run on time.
start=$(date +%s)
wt_start updown 20 -i "$IA" --duration 5 -T fields -e icmp.seq icmp
in_ns b 10 ping -q -c 1 $A >/dev/null
tip -n "$NA" link set "$IA" down
sleep 0.7
tip -n "$NA" link set "$IA" up
sleep 1
in_ns b 10 ping -q -c 1 -W 2 $A >/dev/null
wt_wait updown
took=$(( $(date +%s) - start ))
check "down/up: told the interface went down" \
    grep -q "$IA: the interface went down" "$T/updown.err"
check "down/up: told capture resumed" \
    grep -q "$IA: the interface is up again" "$T/updown.err"
check "down/up: packets before and after ($(tr '\n' ' ' <"$T/updown.out"))" \
    [ "$(grep -c . "$T/updown.out")" -eq 4 ]
check "down/up: exit 0, on time (${took}s for --duration 5)" \
    [ "$(cat "$T/updown.rc")" = 0 ] && [ "$took" -le 8 ]

# 10. The interface is deleted and created again: the socket follows it.
wt_start recreate 20 -i "$IA" --duration 5 -T fields -e icmp.type icmp
tip -n "$NA" link del "$IA"
sleep 0.6
hosts_link
sleep 1
in_ns b 10 ping -q -c 1 -W 2 $A >/dev/null
wt_wait recreate
check "recreate: told the interface was deleted" \
    grep -q "$IA: the interface was deleted" "$T/recreate.err"
check "recreate: capture resumed on the new interface" \
    [ "$(grep -c . "$T/recreate.out")" -eq 2 ]

# 11. Without CAP_NET_RAW: one clear line, exit 1.
if command -v setpriv >/dev/null 2>&1 &&
   setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$WIRETOP"; then
	in_ns a 10 setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$WIRETOP" -i "$IA" -c 1 -P >"$T/noperm.out" 2>"$T/noperm.err"
	echo $? >"$T/noperm.rc"
	check "unprivileged: exit 1" [ "$(cat "$T/noperm.rc")" = 1 ]
	want="wiretop: cannot capture on $IA: permission denied (run as root, or: setcap cap_net_raw=ep wiretop)"
	check "unprivileged: one clear line" \
	    [ "$(cat "$T/noperm.err")" = "$want" ]
else
	echo "# unprivileged: nobody cannot run $WIRETOP, not tested"
fi

# 12. A missing interface, and a bad filter (usage error).
in_ns a 10 "$WIRETOP" -i nosuch0 -c 1 -P >/dev/null 2>"$T/nosuch.err"
rc=$?
check "no such interface: exit 1 with one line" [ $rc = 1 ] && \
    [ "$(cat "$T/nosuch.err")" = "wiretop: cannot capture on nosuch0: no such interface (see wiretop -D)" ]
in_ns a 10 "$WIRETOP" -i "$IA" -c 1 -P "udp port nonsense" >/dev/null 2>&1
check "bad capture filter: exit 2" [ $? = 2 ]

# 13. SIGTERM with no traffic: stats printed, exit 0; -D lists the link.
wt_start term 20 -i "$IA" --stats=json
wt_sig TERM >/dev/null
wt_wait term
check "SIGTERM: exit 0 with stats" [ "$(cat "$T/term.rc")" = 0 ] && \
    [ "$(json_num "$T/term.out" packets)" = 0 ]
in_ns a 10 "$WIRETOP" -D >"$T/list.out" 2>&1
check "-D: lists $IA up with its address" \
    grep -q "^[0-9]*\. $IA \[up.*$A/24" "$T/list.out"

[ "$FAILED" -eq 0 ] || fail "$FAILED checks failed (logs in $T)"
echo "PASS: $ME"
exit 0
