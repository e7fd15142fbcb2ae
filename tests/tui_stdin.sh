#!/bin/bash
# The TUI reads its keys from the terminal, never from the capture: a
# capture on stdin (-r -) whose UDP payloads "type" Enter, w, ^U, a path,
# Enter and q saves nothing and quits nothing, the packets are all shown,
# and the user's own keys still work.  With no terminal at all (stdout a
# terminal, so the TUI is chosen, but no controlling tty to read keys
# from) wiretop says so in one line and exits 1.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
need_wiretop
need_python
command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"
command -v setsid >/dev/null 2>&1 || skip "setsid is not installed"
make_tmpdir

. "$TESTS_SRCDIR/tmux.sh"

# Where the capture tries to save: a directory anyone may write (as root
# wiretop reads as nobody), so only the keys, not the permissions, decide.
PWND=$(mktemp -d) || fail "mktemp failed"
chmod 1777 "$PWND"
# Remove it too on exit (tmux.sh's trap calls this).
cleanup_extra() { rm -rf "$PWND"; }

# After the capture's keys, the user's own: 2 shows the flows view and q
# quits.  user_keys PREFIX STATUS SAYS: the checks' descriptions start
# with PREFIX, q must exit STATUS, described as SAYS.
user_keys() {
	T send-keys -t "$S" 2
	check "${1}the user's 2 shows the flows view" wait_for "^Flows: 3 "
	T send-keys -t "$S" q
	wait_exit
	check "${1}the user's q exits $3" grep -q "EXIT=$2" "$TMPD/exit"
}

# The capture: every UDP payload is keystrokes, the attack over and over
# (then q), so that whatever share of stdin a key reader got, it got keys.
F=$TMPD/keys.pcap
TARGET=$PWND/pwned
python3 - "$TESTS_SRCDIR" "$F" "$TARGET" <<'EOF' || fail "cannot write the capture"
import struct, sys
sys.path.insert(0, sys.argv[1])
import gen_pcaps as g
path, target = sys.argv[2], sys.argv[3].encode()
attack = b"\r" + b"w" + b"\x15" + target + b"\r"
payloads = [attack] * 20 + [b"\r", b"w", b"\x15", target, b"\r", b"q"] + \
    [attack + b"q"] * 20
out = [struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535,
                   g.LINKTYPE_ETHERNET)]
for i, p in enumerate(payloads):
    f = g.v4frame(g.MAC_A, g.MAC_B, g.IP_A, g.IP_B, 17,
                  g.udp(g.IP_A, g.IP_B, 40000 + i % 3, 5353, p))
    out.append(struct.pack("<IIII", g.BASE_TS + i, 0, len(f), len(f)) + f)
open(path, "wb").write(b"".join(out))
EOF
npkts=$(run_to 30 "$WIRETOP" -r "$F" -P | wc -l)
[ "$npkts" -eq 46 ] || fail "the capture reads as $npkts packets, not 46"

# Fed a packet at a time, as a slow pipe does: a reader of stdin keys
# would take its share of them while the UI waits for keys.
cat >"$TMPD/slowcat.py" <<'EOF'
import struct, sys, time
d = open(sys.argv[1], "rb").read()
out = sys.stdout.buffer
out.write(d[:24])
off = 24
while off < len(d):
    n = struct.unpack("<I", d[off + 8:off + 12])[0]
    out.write(d[off:off + 16 + n])
    out.flush()
    off += 16 + n
    time.sleep(0.02)
EOF
new_session -s "$S" -x 160 -y 40 \
	"python3 '$TMPD/slowcat.py' '$F' | env NO_COLOR=1 LC_ALL=C.UTF-8 '$WIRETOP' -n -r -; echo EXIT=\$? >'$TMPD/exit'; sleep 30" ||
	fail "tmux could not start"
check "the TUI shows all $npkts packets of stdin" wait_for "seen $npkts shown $npkts "
sleep 0.5
check "the capture's q did not quit" test ! -e "$TMPD/exit"
check "the capture's keys saved nothing at $TARGET" test ! -e "$TARGET"
check "no save line was opened" hasnt "save shown packets to|saved [0-9]+ packets"
check "no detail pane was opened" hasnt "^Packet [0-9]+ "
user_keys "" 0 0
check "still nothing saved at $TARGET" test ! -e "$TARGET"
T kill-session -t "$S" 2>/dev/null

# The reader stops at a broken record (a length no capture has), and
# what follows on stdin is raw keystrokes: nobody reads stdin any more,
# and no key reader may take them either.
cat >"$TMPD/broken.py" <<'EOF'
import struct, sys, time
out = sys.stdout.buffer
out.write(open(sys.argv[1], "rb").read())
out.flush()
time.sleep(0.5)
out.write(struct.pack("<IIII", 1700000100, 0, 0x7ffffff0, 0x7ffffff0))
out.flush()
time.sleep(1)
for k in [b"\r", b"w", b"\x15", sys.argv[2].encode(), b"\r", b"q"]:
    out.write(k)
    out.flush()
    time.sleep(0.2)
EOF
rm -f "$TMPD/exit"
new_session -s "$S" -x 160 -y 40 \
	"python3 '$TMPD/broken.py' '$F' '$TARGET' | env NO_COLOR=1 LC_ALL=C.UTF-8 '$WIRETOP' -n -r - 2>'$TMPD/broken.err'; echo EXIT=\$? >'$TMPD/exit'; sleep 30" ||
	fail "tmux could not start"
check "broken stream: the TUI shows the $npkts packets before it" wait_for "seen $npkts shown $npkts "
sleep 3.5	# the keystrokes are written by now
check "broken stream: the raw q did not quit" test ! -e "$TMPD/exit"
check "broken stream: the raw keys saved nothing at $TARGET" test ! -e "$TARGET"
check "broken stream: no save line was opened" hasnt "save shown packets to|saved [0-9]+ packets"
# The broken record is a read error: exit 1, said in one line.
user_keys "broken stream: " 1 "(1: the file is broken)"
check "broken stream: one line on stderr" test "$(grep -c '^wiretop: ' "$TMPD/broken.err")" -eq 1
T kill-session -t "$S" 2>/dev/null

# No terminal to read keys from.  The TUI is chosen when stdout is a
# terminal (options.c): keep stdout on the pane's terminal but run in a
# session of its own, which has no controlling terminal, so /dev/tty
# cannot be opened.  One line on stderr, exit 1.
new_session -s "$S" -x 100 -y 30 \
	"setsid -w sh -c 'exec \"\$1\" -n -r \"\$2\" </dev/null 2>\"\$3\"' sh '$WIRETOP' '$F' '$TMPD/notty.err'; echo \$? >'$TMPD/notty.status'; sleep 30" ||
	fail "tmux could not start"
for _ in $(seq 100); do [ -s "$TMPD/notty.status" ] && break; sleep 0.1; done
st=$(cat "$TMPD/notty.status" 2>/dev/null)
check "no controlling terminal: exit 1 (got '$st')" test "$st" = 1
lines=$(wc -l <"$TMPD/notty.err")
check "no controlling terminal: one line on stderr (got $lines)" test "$lines" -eq 1
check "no controlling terminal: the line says so ($(head -n 1 "$TMPD/notty.err"))" \
	grep -q '^wiretop: cannot open /dev/tty' "$TMPD/notty.err"
check "no controlling terminal: the screen was left alone" hasnt "seen [0-9]+ shown"
T kill-session -t "$S" 2>/dev/null

# Without a terminal on stdout, wiretop is headless: it needs no /dev/tty.
out=$(setsid -w "$WIRETOP" -n -r "$F" </dev/null 2>"$TMPD/headless.err" | wc -l)
check "headless without a terminal prints the $npkts packets (got $out)" test "$out" -eq "$npkts"
check "headless without a terminal: nothing on stderr" test ! -s "$TMPD/headless.err"

echo "$((checks - fails)) passed, $fails failed"
[ $fails -eq 0 ]
