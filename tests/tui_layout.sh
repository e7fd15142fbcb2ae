#!/bin/bash
# The packet list's layout, driven for real in tmux on longv6.pcap (full
# 39-character IPv6 addresses, 4-digit lengths, long TCP Info) and
# basic.pcap: in each time mode (t cycles) every heading starts in the
# column where its data starts (Len: ends where its data ends) and the
# times are the capture's; at 60x20, 80x24, 120x40 and 200x50 the heading
# is whole, every address is shown whole or ends with an ellipsis (never
# cut silently; whole from 120 columns), Proto and Len are exact and
# Info is a prefix of -P's Info, ellipsised when cut; "~" instead of the
# ellipsis on a terminal that is not UTF-8; m marks and unmarks a row;
# + / - move the split between the list and the detail by one row, within
# its bounds; the help scrolls and lists every key; a resize storm leaves
# the layout right.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
tui_test

F=$GEN/longv6.pcap
B=$GEN/basic.pcap
[ -f "$F" ] || fail "gen_pcaps.py wrote no longv6.pcap"

# What -P says of each packet: the reference for the rows.
LC_ALL=C.UTF-8 run_to 30 "$WIRETOP" -r "$F" -P >"$TMPD/longv6.P" ||
	fail "-P of longv6.pcap failed"
LC_ALL=C.UTF-8 run_to 30 "$WIRETOP" -r "$B" -P >"$TMPD/basic.P" ||
	fail "-P of basic.pcap failed"

# The checker: reads the screen on stdin, says what is wrong on stdout and
# exits 1 if anything is.  Arguments: MODE (relative, absolute, delta),
# the capture, its -P text, and "whole" if no address may be cut, the
# ellipsis expected ("…" or "~").
cat >"$TMPD/layout.py" <<'EOF'
import re, socket, struct, sys, time

mode, pcap, ptext, whole, ell = sys.argv[1:6]
screen = sys.stdin.buffer.read().decode("utf-8", "replace").split("\n")

# The capture's timestamps (microseconds), by packet number.
d = open(pcap, "rb").read()
ts, off, n = {}, 24, 0
while off + 16 <= len(d):
    s, us, incl, _ = struct.unpack("<IIII", d[off:off + 16])
    n += 1
    ts[n] = s * 1000000 + us
    off += 16 + incl

# -P: N TIME SRC -> DST PROTO LEN INFO
ref = {}
for line in open(ptext, encoding="utf-8"):
    f = line.rstrip("\n").split(" ", 7)
    info = f[7] if len(f) > 7 else ""
    # With port names on (p) the ports that lead Info go by name.
    named = info
    m = re.match(r"^(\d+) \u2192 (\d+)( |$)", info)
    if m and f[5] in ("TCP", "UDP"):
        def svc(p):
            try:
                return socket.getservbyport(int(p), f[5].lower())
            except OSError:
                return p
        named = "%s \u2192 %s%s" % (svc(m.group(1)), svc(m.group(2)),
                                   info[m.end(2):])
    infos = [info, named]
    if ell != "\u2026":  # the TUI's ASCII arrow
        infos = [i.replace("\u2192", ">") for i in infos]
    ref[int(f[0])] = dict(src=f[2], dst=f[4], proto=f[5], len=f[6],
                          infos=infos)

errors = []
def err(msg):
    errors.append(msg)

heads = ["No.", "Time", "Source", "Destination", "Proto", "Len", "Info"]
hl = [i for i, l in enumerate(screen) if l.startswith("No.")]
if len(hl) != 1:
    print("no heading line (or more than one)")
    sys.exit(1)
h = screen[hl[0]]
words = h.split()
if words != heads:
    err("heading is %r, not the 7 whole words" % h.rstrip())
col = {w: h.find(" " + w) + 1 if w != "No." else 0 for w in heads}
rows = []
for l in screen[hl[0] + 1:]:
    if not re.match(r"^\d+ +\*? *[0-9-]", l):
        break
    rows.append(l)
if not rows:
    err("no data rows under the heading")

def fmt_abs(t):
    return time.strftime("%H:%M:%S", time.gmtime(t // 1000000)) + \
        ".%06d" % (t % 1000000)

def fmt_rel(t):
    return "%d.%06d" % (t // 1000000, t % 1000000)

def starts_at(l, c):
    return c < len(l) and l[c] != " " and (c == 0 or l[c - 1] == " ")

cols = [col[w] for w in heads]
for l in rows:
    num = int(l.split()[0])
    r = ref.get(num)
    if r is None:
        err("row %d is not in -P" % num)
        continue
    for w in ["No.", "Time", "Source", "Destination", "Proto", "Info"]:
        if not starts_at(l, col[w]):
            err("row %d: %s data does not start at column %d: %r" %
                (num, w, col[w], l))
    lend = col["Len"] + 3
    if not (l[lend - 1] != " " and (lend >= len(l) or l[lend] == " ")):
        err("row %d: Len does not end at column %d: %r" % (num, lend, l))
    # The fields, cut at the headings' columns.
    def field(a, b):
        return l[col[a]:col[b] if b else len(l)].strip()
    t = field("Time", "Source")
    src = field("Source", "Destination")
    dst = field("Destination", "Proto")
    proto = l[col["Proto"]:lend].split()[0]
    ln = l[col["Proto"]:lend].split()[-1]
    info = l[lend:].strip()
    if mode == "relative":
        want = fmt_rel(ts[num] - ts[1])
    elif mode == "delta":
        want = fmt_rel(ts[num] - ts[num - 1] if num > 1 else 0)
    else:
        want = fmt_abs(ts[num])
    if t != want:
        err("row %d: %s time %r, want %r" % (num, mode, t, want))
    for name, got, full in (("source", src, r["src"]),
                            ("destination", dst, r["dst"])):
        if got == full:
            continue
        if whole == "whole":
            err("row %d: %s %r is not the whole %r" % (num, name, got, full))
        elif not (got.endswith(ell) and full.startswith(got[:-1])):
            err("row %d: %s %r cut silently (of %r)" % (num, name, got, full))
    if proto != r["proto"]:
        err("row %d: proto %r, want %r" % (num, proto, r["proto"]))
    if ln != r["len"]:
        err("row %d: len %r, want %r" % (num, ln, r["len"]))
    if not info:
        err("row %d: no Info" % num)
    elif not any(info == i or (info.endswith(ell) and i.startswith(info[:-1]))
                 for i in r["infos"]):
        err("row %d: Info %r is not (a cut of) %r" % (num, info,
                                                      r["infos"][0]))
for e in errors[:12]:
    print(e)
sys.exit(1 if errors else 0)
EOF

# layout_ok MODE CAPTURE PTEXT WHOLE ELLIPSIS: the screen's layout.
layout_ok() {
	local out
	out=$(screen | python3 "$TMPD/layout.py" "$@") && return 0
	printf '%s\n' "$out" | sed 's/^/    /'
	return 1
}

# start W H CAPTURE [LOCALE]: a new session showing CAPTURE loaded (its
# -P text in $TMPD says how many packets it has), run by $PRE if set.
start() {
	T kill-session -t "$S" 2>/dev/null
	new_session -s "$S" -x "$1" -y "$2" \
		"${PRE:-} env NO_COLOR=1 TZ=UTC LC_ALL=${4:-C.UTF-8} '$WIRETOP' -n -r '$3'; sleep 60" ||
		fail "tmux could not start"
	# A file opens at its first packet; End goes to its last.
	wait_for "^No\. " 20 || fail "no packet list"
	wait_for "^1 +[0-9]" 20 || fail "$3 did not open at packet 1"
	keys End
	wait_for "^$(wc -l <"$TMPD/$(basename "$3" .pcap).P") +" 20 ||
		fail "$3 did not load"
}

# A session that outlives the others: killing the last one would stop the
# server just as the next one starts.
new_session -s keep "sleep 3600" || fail "tmux could not start"

modes="relative absolute delta"

# Each size: the three time modes at the end and at the top of the file.
for size in "80 24" "120 40" "200 50" "60 20"; do
	set -- $size
	start "$1" "$2" "$F"
	whole=cut
	[ "$1" -ge 120 ] && whole=whole
	for m in $modes; do
		w=$whole
		# Absolute times are 7 columns wider: 120 columns cut then.
		[ "$m" = absolute ] && [ "$1" -lt 200 ] && w=cut
		check "${1}x$2 $m, newest rows: aligned, exact, nothing cut silently" \
			layout_ok "$m" "$F" "$TMPD/longv6.P" "$w" "…"
		keys Home
		check "${1}x$2 $m, first rows: aligned, exact, nothing cut silently" \
			layout_ok "$m" "$F" "$TMPD/longv6.P" "$w" "…"
		keys End t
	done
done

# At 80 columns the addresses are cut: with the ellipsis, which the
# checker verified; here that there is one, and Len and Info are there.
start 80 24 "$F"
check "80x24: a cut IPv6 address ends with the ellipsis" \
	has "^[0-9]+ +[0-9.]+ 2a0[12]:[0-9a-f:]+… "
check "80x24: Len 1286 and an Info on the same row" \
	has " TCP +1286 [a-z0-9-]+ → 515"

# basic.pcap (IPv4, MAC addresses of ARP) in the three modes at 80x24:
# the relative mode is where the headings used to sit 5 columns right.
start 80 24 "$B"
for m in $modes; do
	keys Home
	check "basic.pcap 80x24 $m: aligned and exact" \
		layout_ok "$m" "$B" "$TMPD/basic.P" cut "…"
	keys t
done

# Not UTF-8: "~" marks the cut.
start 80 24 "$F" C
check "C locale: the cut ends with ~" \
	layout_ok relative "$F" "$TMPD/longv6.P" cut "~"
check "C locale: a cut address ends with ~" has "^[0-9]+ +[0-9.]+ 2a0[12]:[0-9a-f:]+~ "

# p: the ports leading Info by service name or by number, and back.
start 200 50 "$F"
if python3 -c 'import socket; socket.getservbyport(443, "tcp")' 2>/dev/null; then
	https=$(python3 -c 'import socket; print(socket.getservbyport(443, "tcp"))')
	if has " 51514 → $https "; then a=$https b=443; else a=443 b=$https; fi
	keys p
	if wait_for "port names (on|off)" 2; then
		check "p: 51514 → $b" has " 51514 → $b "
		check "p: and not $a" hasnt " 51514 → $a "
		keys p
		check "p again: 51514 → $a" has " 51514 → $a "
	else
		note "p does not toggle port names in this build: not checked"
	fi
else
	note "no service name for 443/tcp: port names not checked"
fi

# Names (n): a host name longer than an IPv6 address, from an /etc/hosts
# of our own (a private mount namespace): whole at 200 columns (a quarter
# of the width), ellipsised at 120 (39 columns).
long=a-rather-long-host-name-for-the-test.example.org
a6=2a01:cb01:2049:8b07:991d:ec85:28df:f629
printf '127.0.0.1 localhost\n%s %s\n10.0.0.1 client.lan\n' "$a6" "$long" \
	>"$TMPD/hosts"
printf '#!/bin/sh\nmount --bind "%s" /etc/hosts || exit 1\nexec "$@"\n' \
	"$TMPD/hosts" >"$TMPD/withhosts"
chmod +x "$TMPD/withhosts"
if unshare -m "$TMPD/withhosts" getent hosts "$a6" 2>/dev/null | grep -q "$long"; then
	sed -e "s/$a6/$long/g" -e 's/^\([0-9]* [0-9.]* \)10\.0\.0\.1 /\1client.lan /' \
		-e 's/ 10\.0\.0\.1 TCP / client.lan TCP /' \
		"$TMPD/longv6.P" >"$TMPD/names.P"
	PRE="unshare -m '$TMPD/withhosts'"
	start 200 50 "$F"
	keys n
	# The resolver does not wake the UI when a name comes: keys redraw.
	for _ in $(seq 20); do has " $long " && break; keys End; done
	check "n: the long name shows" has " $long "
	check "200x50 names: whole, aligned, exact" \
		layout_ok relative "$F" "$TMPD/names.P" whole "…"
	T resize-window -t "$S" -x 120 -y 40
	sleep 0.5
	check "120x40: the long name ends with the ellipsis" \
		has " ${long:0:38}… "
	check "120x40 names: aligned, nothing cut silently" \
		layout_ok relative "$F" "$TMPD/names.P" cut "…"
	PRE=
else
	note "no private /etc/hosts (unshare -m as root): names not checked"
fi

# Marks: m on row 1 marks it (a * between No. and Time, bold) and moves
# down; m on it again unmarks it.
start 120 40 "$F"
# row_sgr N CODE: does the first cell of packet N's row have SGR CODE on
# (1 bold, 7 reverse)?
row_sgr() {
	T capture-pane -p -e -t "$S" | python3 -c '
import re, sys
want, code = sys.argv[1], sys.argv[2]
off = {"1": ("0", "22"), "7": ("0", "27")}[code]
on = False	# tmux writes attribute changes only: carry them on
for line in sys.stdin.buffer.read().decode("utf-8", "replace").split("\n"):
    plain = re.sub(r"\x1b\[[0-9;]*m", "", line)
    hit = re.match(r"^%s " % want, plain) is not None
    first = True
    for m in re.finditer(r"\x1b\[([0-9;]*)m|([^\x1b])", line):
        if m.group(2) is None:
            for c in (m.group(1) or "0").split(";"):
                if c in off: on = False
                if c == code: on = True
        elif first:
            first = False
            if hit:
                sys.exit(0 if on else 1)
sys.exit(1)' "$1" "$2"
}
not_sgr() { ! row_sgr "$1" "$2"; }
row_bold() { row_sgr "$1" 1; }
not_bold() { ! row_sgr "$1" 1; }
keys Home m
check "m marks row 1: * in the mark column" has "^1 +\* 0\.000000 "
check "the marked row is bold" row_bold 1
check "m moved the selection down to row 2" row_sgr 2 7
check "row 1 is no longer the selection" not_sgr 1 7
keys m
check "m marks row 2 too" has "^2 +\* 0\.002582 "
keys Up Up m
check "m again unmarks row 1" has "^1 +0\.000000 "
check "row 1 is no longer bold" not_bold 1
check "row 2 stays marked" has "^2 +\* "
check "marks keep the columns aligned" \
	layout_ok relative "$F" "$TMPD/longv6.P" whole "…"

# The split: + / - move it by exactly one row, within 3 list rows and 6
# detail rows.
start 80 24 "$F"
# The data rows the list shows (contiguous under the heading).
list_rows() {
	screen | awk '/^No\. /{on=1; next} on && /^[0-9]+ +\*? *[0-9-]/{n++; next} on{exit} END{print n+0}'
}
keys Home Enter
wait_for "Frame 1" || true
r0=$(list_rows)
keys +
r1=$(list_rows)
check "+ gives the list one more row ($r0 -> $r1)" test "$r1" = $((r0 + 1))
keys -
r2=$(list_rows)
check "- gives it back ($r1 -> $r2)" test "$r2" = "$r0"
keys - -
r3=$(list_rows)
check "- - takes two rows ($r0 -> $r3)" test "$r3" = $((r0 - 2))
for _ in $(seq 25); do T send-keys -t "$S" -; done
sleep 0.5
r4=$(list_rows)
check "the list keeps 3 rows at least (got $r4)" test "$r4" = 3
for _ in $(seq 30); do T send-keys -t "$S" +; done
sleep 0.5
r5=$(list_rows)
keys +
r6=$(list_rows)
check "+ stops growing the list ($r5, then $r6)" test "$r5" = "$r6"
hl=$(screen | grep -n "^No\. " | cut -d: -f1)
below=$((24 - hl - r5))
check "the detail keeps 6 rows (and the bottom bar: $below under the list)" \
	test "$below" -ge 7
check "the list with the detail open is aligned" \
	layout_ok relative "$F" "$TMPD/longv6.P" cut "…"
keys Escape
check "Esc closes the detail: the list has the window again" \
	test "$(list_rows)" -gt "$r5"

# Help at 80x24 scrolls: its last line only after End or PgDn, its first
# again after Home; together the pages list every key.
last="resized at any time"
keys '?'
check "help opens at its top" has "^ wiretop keys"
check "its end is not shown yet" hasnt "$last"
all=$(screen)
keys End
check "End shows the end of the help" has "$last"
keys Home
check "Home shows its top again" has "^ wiretop keys"
check "and not its end" hasnt "$last"
for _ in 1 2 3 4; do
	keys PgDn
	all="$all
$(screen)"
done
check "PgDn reaches the end of the help" has "$last"
for k in '1 2 3 4 ' 'Up/Down j/k' 'PgUp/PgDn' 'Home/End' 'Enter ' \
    'Tab' 'Esc / Backspace' 'Right / Left' 'E / C' '\+ / -' ' m  ' \
    ' f  ' ' t  ' ' F  ' 'space' ' /  ' 'Ctrl-F' 'n / N' 's / S' \
    ' n  ' ' p  ' ' w  ' '\? or F1' ' q  ' 'drill down' 'click' 'wheel' \
    'no-mouse'; do
	check "help lists '$k'" grep -Eq -- "$k" <<<"$all"
done
keys x
check "x closed the help" wait_for "^No\. "

# A resize storm, then the layout is right at the last size.
start 100 30 "$F"
for size in "80 24" "200 60" "60 20" "150 45" "61 13" "120 40" "90 27"; do
	set -- $size
	T resize-window -t "$S" -x "$1" -y "$2"
done
sleep 0.5
check "after a resize storm (90x27) the layout is right" \
	layout_ok relative "$F" "$TMPD/longv6.P" cut "…"
T resize-window -t "$S" -x 130 -y 35
sleep 0.5
check "and at 130x35 the addresses are whole again" \
	layout_ok relative "$F" "$TMPD/longv6.P" whole "…"

echo "$((checks - fails)) passed, $fails failed"
[ $fails -eq 0 ]
