#!/bin/bash
# Follow stream (f) in the TUI, driven in tmux on an HTTP exchange whose
# response has a segment captured out of order and one retransmitted
# (gen_pcaps.py's gen_http_follow): the request then the response, each
# byte once, "> " / "< " marking the two directions (and two colours),
# the hex dump and raw views holding exactly the stream's bytes (raw
# compared with tshark's follow,tcp,raw), following from a server packet
# in the middle, search with / and n, saving the stream's bytes (w) and
# refusing to overwrite a file unless confirmed, Esc back to the list.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
tui_test

F=$TMPD/http.pcap
PYTHONPATH=$TESTS_SRCDIR python3 -c "import sys, gen_pcaps as g; g.write_http_follow(sys.argv[1])" "$F" ||
	fail "cannot write the HTTP capture"
# The stream as the test's builder knows it: request, then response.
PYTHONPATH=$TESTS_SRCDIR python3 - "$TMPD" <<'PY' || fail "cannot write the expected stream"
import os, sys
import gen_pcaps as g
d = sys.argv[1]
req = g.HTTP_FOLLOW_REQUEST
resp = g.HTTP_FOLLOW_HEAD + b"".join(g.HTTP_FOLLOW_BODY)
open(os.path.join(d, "req.bin"), "wb").write(req)
open(os.path.join(d, "resp.bin"), "wb").write(resp)
open(os.path.join(d, "stream.bin"), "wb").write(req + resp)
# The ASCII view's lines: one per line of text, CR LF not shown.
def lines(mark, b):
    out = []
    for l in b.decode().split("\n"):
        out.append((mark + l.rstrip("\r")).rstrip())
    if b.endswith(b"\n"):
        out.pop()
    return out
with open(os.path.join(d, "ascii.txt"), "w") as f:
    f.write("\n".join(lines("> ", req) + lines("< ", resp)) + "\n")
PY
REQ_LEN=$(wc -c <"$TMPD/req.bin")
RESP_LEN=$(wc -c <"$TMPD/resp.bin")
ALL_LEN=$(wc -c <"$TMPD/stream.bin")
# Run as root, wiretop reads the file as nobody: w saves where it may.
SAVED=$(mktemp -d) || fail "mktemp failed"
chmod 1777 "$SAVED"
cleanup_extra() { rm -rf "$SAVED"; }

# The data lines of the screen ("> " or "< " from column 0), trailing
# blanks gone, without the title's per-direction line.
data_lines() { screen | grep -E '^[<>]( |$)' | grep -v -- ' -> ' | sed 's/ *$//'; }
# The bytes of the hex dump on screen, one direction: hex of each line's
# 16 byte columns.
hex_bytes() {	# hex_bytes MARK
	screen | MARK=$1 python3 -c '
import os, re, sys
m = os.environ["MARK"]
out = []
for line in sys.stdin:
    if not line.startswith(m + " ") or " -> " in line:
        continue
    body = line[2:]
    if not re.match(r"^[0-9a-f]{8}  ", body):
        continue
    cols = body[10:10 + 16 * 3 + 1]
    out.append("".join(re.findall(r"[0-9a-f]{2}", cols)))
print("".join(out))'
}
# The raw view's hex, one direction.
raw_hex() {	# raw_hex MARK
	screen | awk -v m="$1" 'substr($0, 1, 2) == m " " && $2 ~ /^[0-9a-f]+$/ && NF == 2 { printf "%s", $2 }'
}
# The line holding reverse-video text and that text: "LINE|TEXT".
reversed_line() {
	T capture-pane -p -e -t "$S" | python3 -c '
import re, sys
for line in sys.stdin:
    plain = re.sub(r"\x1b\[[0-9;]*m", "", line).rstrip()
    rev, text, i = False, "", 0
    while i < len(line):
        m = re.match(r"\x1b\[([0-9;]*)m", line[i:])
        if m:
            for c in (m.group(1) or "0").split(";"):
                if c in ("0", "27"): rev = False
                if c == "7": rev = True
            i += m.end()
            continue
        if rev: text += line[i]
        i += 1
    if text.strip() and not plain.startswith(" "):
        print(plain + "|" + text)
        break'
}
hex_of() { od -An -v -tx1 "$1" | tr -d ' \n'; }

new_session -s "$S" -x 132 -y 50 \
	"env NO_COLOR=1 LC_ALL=C.UTF-8 '$WIRETOP' -n -r '$F'; echo EXIT=\$? >'$TMPD/exit'; sleep 30" ||
	fail "tmux could not start"
check "the list shows the file loaded" wait_for "seen 15 shown 15"
wait_for "^15 " >/dev/null

# f on packet 1 (the SYN).
keys Home f
check "f opens the follow view" wait_for "Follow TCP stream"
check "the title names the stream, client first, and its packets" \
	has "^Follow TCP stream 10\.0\.0\.1:51720 <-> 10\.0\.0\.2:80  15 packets, 33 bytes seen again \(not repeated\)  \[ascii\]"
check "the bytes per direction ($REQ_LEN, $RESP_LEN)" \
	has "^> 10\.0\.0\.1:51720 -> 10\.0\.0\.2:80: $REQ_LEN bytes +< 10\.0\.0\.2:80 -> 10\.0\.0\.1:51720: $RESP_LEN bytes"
data_lines >"$TMPD/shown.txt"
check "ASCII: the request then the response, each line once, in order ($(diff "$TMPD/ascii.txt" "$TMPD/shown.txt" | head -5 | tr '\n' ' '))" \
	cmp -s "$TMPD/ascii.txt" "$TMPD/shown.txt"
check "the retransmitted text appears once" \
	test "$(screen | grep -c 'RETRANSMITTED-ONCE')" = 1
check "the out-of-order segment sits between the first and third" \
	bash -c "grep -n 'one: hello\|two: OUT-OF-ORDER\|three: RETRANS' '$TMPD/shown.txt' | cut -d: -f1 | sort -n -c"

# Hex dump: offsets per direction, 16 bytes a line, the bytes exact.
keys x
check "x: hex dump mode" has "\[hex\]"
check "hex: the request's first line" \
	has "^> 00000000  47 45 54 20 2f 69 6e 64  65 78 2e 68 74 6d 6c 20  GET /index\.html *$"
check "hex: the response starts at its own offset 0" \
	has "^< 00000000  48 54 54 50 2f 31 2e 31  20 32 30 30 20 4f 4b 0d  HTTP/1\.1 200 OK\.$"
check "hex: the client's bytes exactly" test "$(hex_bytes '>')" = "$(hex_of "$TMPD/req.bin")"
check "hex: the server's bytes exactly" test "$(hex_bytes '<')" = "$(hex_of "$TMPD/resp.bin")"

# Raw: hex per chunk.
keys r
check "r: raw mode" has "\[raw\]"
check "raw: the client's bytes" test "$(raw_hex '>')" = "$(hex_of "$TMPD/req.bin")"
check "raw: the server's bytes" test "$(raw_hex '<')" = "$(hex_of "$TMPD/resp.bin")"
if command -v tshark >/dev/null 2>&1 && timeout 30 tshark -v >/dev/null 2>&1; then
	run_to 60 tshark -r "$F" -q -z follow,tcp,raw,0 2>/dev/null >"$TMPD/tshark.txt"
	t_cli=$(awk '/^Node 1:/ { on = 1; next } /^====/ { on = 0 } on && !/^\t/' "$TMPD/tshark.txt" | tr -d '\n')
	t_srv=$(awk '/^Node 1:/ { on = 1; next } /^====/ { on = 0 } on && /^\t/' "$TMPD/tshark.txt" | tr -d '\t\n')
	t_all=$(awk '/^Node 1:/ { on = 1; next } /^====/ { on = 0 } on' "$TMPD/tshark.txt" | tr -d '\t\n')
	check "raw: the client's bytes are tshark's follow,tcp,raw" test -n "$t_cli" -a "$(raw_hex '>')" = "$t_cli"
	check "raw: the server's bytes are tshark's follow,tcp,raw" test -n "$t_srv" -a "$(raw_hex '<')" = "$t_srv"
else
	note "tshark not available: raw view not compared with it"
fi
keys a
check "a: back to ASCII" has "\[ascii\]"

# Search: / then n; the text is there once, so n wraps to it.
keys / C-u
keys -l "retransmitted-once"
keys Enter
check "/ finds the text (any case)" wait_for "found: retransmitted-once"
keys n
check "n wraps to the one match" wait_for "search wrapped: retransmitted-once"
# Several matches: n moves forward, N back; the match is shown reversed.
keys / C-u
keys -l "<p>t"
keys Enter
check "the first match is highlighted on its line" \
	test "$(reversed_line)" = "< <p>two: OUT-OF-ORDER arrives late</p>|<p>t"
keys n
check "n: the next match" test "$(reversed_line)" = "< <p>three: RETRANSMITTED-ONCE</p>|<p>t"
keys N
check "N: back to the previous" test "$(reversed_line)" = "< <p>two: OUT-OF-ORDER arrives late</p>|<p>t"
keys N
check "N wraps backwards" wait_for "search wrapped: <p>t"
check "to the last match" test "$(reversed_line)" = "< <p>three: RETRANSMITTED-ONCE</p>|<p>t"
keys / C-u
keys -l "no such text"
keys Enter
check "a search without a match says so" wait_for "not found: no such text"

# Save: the stream's bytes, both directions in order.
keys w
check "w offers a whole path named from the time" \
	has "^save stream bytes to: /.*/wiretop-stream-[0-9]{8}-[0-9]{6}\.bin$"
keys C-u
keys -l "$SAVED/stream.out"
keys Enter
check "w saves the stream" wait_for "saved $ALL_LEN bytes of the stream"
check "the saved file is exactly the stream's bytes" cmp -s "$TMPD/stream.bin" "$SAVED/stream.out"
if [ -n "${t_all:-}" ]; then
	check "the saved file holds tshark's follow,tcp,raw bytes" \
		test "$(hex_of "$SAVED/stream.out")" = "$t_all"
fi
# An existing file: asked, refused with n, overwritten with y.
echo "keep me" >"$SAVED/old.txt"
chmod 666 "$SAVED/old.txt"
keys w C-u
keys -l "$SAVED/old.txt"
keys Enter
check "an existing file asks before overwriting" wait_for "old\.txt exists: overwrite\? \(y/n\)"
keys n
check "n refuses" wait_for "not saved: .*old\.txt exists"
check "the file is untouched" test "$(cat "$SAVED/old.txt")" = "keep me"
keys w C-u
keys -l "$SAVED/old.txt"
keys Enter
keys y
check "y overwrites" wait_for "saved $ALL_LEN bytes"
check "with the stream's bytes" cmp -s "$TMPD/stream.bin" "$SAVED/old.txt"

# Esc: back to the packet list.
keys Escape
check "Esc goes back to the list" bash -c "sleep 0.3; ! tmux -S '$SOCK' capture-pane -p -t '$S' | grep -q 'Follow TCP stream'"
check "the list is there" has "^1 .*TCP"

# f on packet 9, the server's out-of-order segment: the same stream, the
# client still the side that sent the first packet.
keys Home Down Down Down Down Down Down Down Down
keys f
check "f on a server packet follows the same stream" \
	wait_for "^Follow TCP stream 10\.0\.0\.1:51720 <-> 10\.0\.0\.2:80  15 packets"
data_lines >"$TMPD/shown2.txt"
check "the same lines in the same order" cmp -s "$TMPD/ascii.txt" "$TMPD/shown2.txt"
# From the flows view: f on the flow, Esc back to the flows.
keys Escape
keys 2
check "the flows view lists the flow" wait_for "10\.0\.0\.1:51720"
keys Home f
check "f on a flow follows its stream" \
	wait_for "^Follow TCP stream 10\.0\.0\.1:51720 <-> 10\.0\.0\.2:80  15 packets"
data_lines >"$TMPD/shown3.txt"
check "the flow's stream: the same lines" cmp -s "$TMPD/ascii.txt" "$TMPD/shown3.txt"
keys Escape
check "Esc goes back to the flows view" bash -c "sleep 0.3; ! tmux -S '$SOCK' capture-pane -p -t '$S' | grep -q 'Follow TCP stream'"
check "the flows are there" has "10\.0\.0\.1:51720"
keys q
wait_exit
check "q exits with status 0" grep -q "EXIT=0" "$TMPD/exit"

# Colours: the two directions in two colours (red, cyan) as well.
S=$ME-color
rm -f "$TMPD/exit"
new_session -s "$S" -x 132 -y 50 \
	"env -u NO_COLOR TERM=xterm-256color LC_ALL=C.UTF-8 '$WIRETOP' -n -r '$F'; echo EXIT=\$? >'$TMPD/exit'; sleep 30" ||
	fail "tmux could not start"
wait_for "^1 .*SYN" >/dev/null
keys Home f
wait_for "Follow TCP stream" >/dev/null
colored() { T capture-pane -p -e -t "$S" | grep -F -- "$1" | head -1; }
check "client lines are red" bash -c "printf '%s' \"\$1\" | grep -q \$'\\e\\\\[[0-9;]*31m> GET'" _ "$(colored '> GET')"
check "server lines are cyan" bash -c "printf '%s' \"\$1\" | grep -q \$'\\e\\\\[[0-9;]*36m< HTTP/1.1 200'" _ "$(colored '< HTTP/1.1 200')"
keys q
wait_exit
check "$S: q exits with status 0 (no sanitizer report)" grep -q "EXIT=0" "$TMPD/exit"

# UDP: every datagram, as tshark's follow,udp,raw has them.
D=$GEN/dns.pcap
S=$ME-udp
rm -f "$TMPD/exit"
new_session -s "$S" -x 132 -y 50 \
	"env NO_COLOR=1 LC_ALL=C.UTF-8 '$WIRETOP' -n -r '$D'; echo EXIT=\$? >'$TMPD/exit'; sleep 30" ||
	fail "tmux could not start"
wait_for "^1 .*Standard query" >/dev/null
keys Home f
check "f on a DNS query follows the UDP stream" \
	wait_for "^Follow UDP stream 10\.0\.0\.1:[0-9]+ <-> 9\.9\.9\.9:53  2 packets"
keys r
if [ -n "${t_all:-}" ]; then
	run_to 60 tshark -r "$D" -q -z follow,udp,raw,0 2>/dev/null >"$TMPD/tshark-udp.txt"
	u_cli=$(awk '/^Node 1:/ { on = 1; next } /^====/ { on = 0 } on && !/^\t/' "$TMPD/tshark-udp.txt" | tr -d '\n')
	u_srv=$(awk '/^Node 1:/ { on = 1; next } /^====/ { on = 0 } on && /^\t/' "$TMPD/tshark-udp.txt" | tr -d '\t\n')
	check "UDP raw: the query is tshark's" test -n "$u_cli" -a "$(raw_hex '>')" = "$u_cli"
	check "UDP raw: the response is tshark's" test -n "$u_srv" -a "$(raw_hex '<')" = "$u_srv"
fi
keys q
wait_exit
check "$S: q exits with status 0 (no sanitizer report)" grep -q "EXIT=0" "$TMPD/exit"

# Two connections on the same ports: the one of the packet f is on (as
# tshark's tcp.stream tells them apart).
R=$TMPD/reuse.pcap
PYTHONPATH=$TESTS_SRCDIR python3 -c "import sys, gen_pcaps as g; g.write_follow_reuse(sys.argv[1])" "$R" ||
	fail "cannot write the port reuse capture"
S=$ME-reuse
rm -f "$TMPD/exit"
new_session -s "$S" -x 132 -y 50 \
	"env NO_COLOR=1 LC_ALL=C.UTF-8 '$WIRETOP' -n -r '$R'; echo EXIT=\$? >'$TMPD/exit'; sleep 30" ||
	fail "tmux could not start"
wait_for "^16 " >/dev/null
keys Home f
check "f on the first connection: its 8 packets, more follow" \
	wait_for "^Follow TCP stream 10\.0\.0\.1:40600 <-> 10\.0\.0\.2:80  8 packets, connection 1 on these ports \(more follow\)"
check "the first connection's data only" \
	test "$(data_lines | tr '\n' '|')" = "> FIRST CONNECTION|< reply one|"
keys Escape End f
check "f on the second: its own stream" \
	wait_for "^Follow TCP stream 10\.0\.0\.1:40600 <-> 10\.0\.0\.2:80  8 packets, connection 2 on these ports  "
check "the second connection's data only" \
	test "$(data_lines | tr '\n' '|')" = "> SECOND CONNECTION|< reply two|"
keys q
wait_exit
check "$S: q exits with status 0 (no sanitizer report)" grep -q "EXIT=0" "$TMPD/exit"

# A download longer than the 16 MB kept, with a segment never captured:
# the gap is shown, the stream cut at 16 MB and saved as such.
B=$TMPD/bulk.pcap
PYTHONPATH=$TESTS_SRCDIR python3 -c "import sys, gen_pcaps as g; g.write_follow_bulk(sys.argv[1])" "$B" ||
	fail "cannot write the bulk capture"
S=$ME-bulk
rm -f "$TMPD/exit"
new_session -s "$S" -x 132 -y 50 \
	"env NO_COLOR=1 LC_ALL=C.UTF-8 '$WIRETOP' -n -r '$B'; echo EXIT=\$? >'$TMPD/exit'; sleep 30" ||
	fail "tmux could not start"
NB=$(run_to 60 "$WIRETOP" -r "$B" -P | wc -l)
# A file opens at its first packet: End once it is all read.
wait_for "\\(loaded\\)" 30
keys End
check "the bulk capture loads ($NB packets)" wait_for "^$NB " 30
keys Home f
check "the stream is cut at 16 MB and says so" \
	wait_for "1400 bytes missing, stream truncated at 16 MB" 30
check "16 MB kept: 9 bytes one way, the rest the other" \
	has "^> 10\.0\.0\.1:40500 -> 10\.0\.0\.2:8080: 9 bytes +< 10\.0\.0\.2:8080 -> 10\.0\.0\.1:40500: 16777207 bytes"
check "the lost segment is a gap line" has "^< \[1400 bytes missing in the capture\]$"
check "the data after it goes on" has "^< cdefghijklmnop"
keys End
check "End shows the last of the 16 MB" has "^< [a-z]+$"
keys w C-u
keys -l "$SAVED/bulk.out"
keys Enter
check "w saves the 16 MB kept" wait_for "saved 16777216 bytes" 10
check "the file has them" test "$(wc -c <"$SAVED/bulk.out")" = 16777216
keys q
wait_exit
check "$S: q exits with status 0 (no sanitizer report)" grep -q "EXIT=0" "$TMPD/exit"

# Live (root: a capture on lo): the stream grows while it is shown, the
# view staying at its end.
if [ "$(id -u)" -eq 0 ]; then
	S=$ME-live
	rm -f "$TMPD/exit" "$TMPD/port"
	new_session -s "$S" -x 132 -y 50 \
		"env NO_COLOR=1 LC_ALL=C.UTF-8 '$WIRETOP' -n -i lo; echo EXIT=\$? >'$TMPD/exit'; sleep 30" ||
		fail "tmux could not start"
	wait_for "lo" >/dev/null
	python3 - "$TMPD/port" <<'PY' &
import socket, sys, threading, time
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
open(sys.argv[1], "w").write("%d\n" % srv.getsockname()[1])
def serve():
    c, _ = srv.accept()
    while True:
        d = c.recv(100)
        if not d:
            break
        c.sendall(b"echo: " + d)
threading.Thread(target=serve, daemon=True).start()
time.sleep(1)
cl = socket.create_connection(srv.getsockname())
for i in range(40):
    cl.sendall(b"line %d\n" % i)
    cl.recv(100)
    time.sleep(0.2)
cl.close()
time.sleep(0.5)
PY
	talker=$!
	for _ in $(seq 50); do [ -s "$TMPD/port" ] && break; sleep 0.1; done
	PORT=$(cat "$TMPD/port")
	check "live: the talk is captured" wait_for "→ $PORT " 10
	keys /
	keys -l "tcp port $PORT"
	keys Enter
	keys f
	check "live: f follows it" wait_for "^Follow TCP stream 127\.0\.0\.1:[0-9]+ <-> 127\.0\.0\.1:$PORT" 5
	check "live: its first lines" wait_for "^> line 2$" 5
	check "live: the stream grows while shown, the view at its end" \
		wait_for "^< echo: line 25$" 10
	check "live: each byte once (lo shows every packet twice)" \
		test "$(screen | grep -c '^> line 25$')" = 1
	wait "$talker"
	keys q
	wait_exit
	check "live: q exits with status 0" grep -q "EXIT=0" "$TMPD/exit"
else
	note "not root: no live follow on lo"
fi

echo "$ME: $checks checks, $fails failed"
[ "$fails" -eq 0 ]
