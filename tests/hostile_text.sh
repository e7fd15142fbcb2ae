#!/bin/bash
# Hostile text from the wire and from files reaches no output raw: DNS
# names (question, CNAME, PTR, NS, MX, SOA, SRV) and TXT strings holding
# escape sequences, C0/C1 controls, DEL, NUL, bidi controls and broken
# UTF-8, and a pcapng interface name with escape sequences
# (tests/gen_hostile.py).  Every output (-P, -V, -x, -T fields, -T json,
# --stats text and JSON) must be valid UTF-8 with no control character but
# tab and newline, no C1 and no bidi/format code point; JSON lines must
# parse with a strict parser; no line may be cut by a NUL; the DNS names
# must read exactly as tshark prints them.  The TUI in tmux shows the
# escaped text and its pane title stays as it was.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
need_wiretop
need_python
make_tmpdir

H=$TMPD/hostile
python3 "$TESTS_SRCDIR/gen_hostile.py" "$H" || fail "gen_hostile.py failed"
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

fails=0 checks=0
bad() {
	echo "FAIL: $ME: $*"
	fails=$((fails + 1))
}

# check_text FILE [json]: the promises every output keeps.
check_text() {
	python3 - "$@" <<'EOF'
import json, sys, unicodedata
path = sys.argv[1]
data = open(path, "rb").read()
try:
    text = data.decode("utf-8", "strict")
except UnicodeDecodeError as e:
    sys.exit("%s: not UTF-8 at byte %d" % (path, e.start))
for i, ch in enumerate(text):
    cp = ord(ch)
    if (cp < 0x20 and ch not in "\t\n") or cp == 0x7f or 0x80 <= cp <= 0x9f:
        sys.exit("%s: control character U+%04X at %d" % (path, cp, i))
    if unicodedata.category(ch) == "Cf":
        sys.exit("%s: format (bidi) character U+%04X at %d" % (path, cp, i))
if len(sys.argv) > 2:
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip() in ("", "[", "]"):
            continue
        try:
            json.loads(line.rstrip(","))
        except ValueError as e:
            if sys.argv[2] == "lines":
                sys.exit("%s:%d: not JSON: %s" % (path, n, e))
    if sys.argv[2] == "whole":
        json.loads(text)
EOF
}

# run_output NAME EXPECT-LINES ARGS...: one output, checked.
run_output() {
	local name=$1 kind=$2 out=$TMPD/$1.out
	shift 2
	checks=$((checks + 1))
	if ! run_to "$RUN_TIMEOUT" "$WIRETOP" "$@" >"$out" 2>"$TMPD/$name.err"; then
		bad "$name: wiretop $* failed: $(head -n 3 "$TMPD/$name.err")"
		return
	fi
	if grep -q "runtime error\|AddressSanitizer" "$TMPD/$name.err"; then
		bad "$name: sanitizer report: $(head -n 3 "$TMPD/$name.err")"
		return
	fi
	if [ "$kind" = text ]; then
		why=$(check_text "$out" 2>&1)
	else
		why=$(check_text "$out" "$kind" 2>&1)
	fi
	[ -z "$why" ] || bad "$name: $why"
}

DNSF="-e dns.qry.name -e dns.resp.name -e dns.cname -e dns.ptr.domain_name
 -e dns.ns -e dns.mx.mail_exchange -e dns.soa.mname -e dns.soa.rname
 -e dns.srv.service -e dns.srv.name -e dns.txt"
for f in "$H/dns-hostile.pcap" "$H/ifname-hostile.pcapng"; do
	b=$(basename "$f")
	run_output "$b-P" text -r "$f" -P
	run_output "$b-V" text -r "$f" -V
	run_output "$b-Vx" text -r "$f" -V -x
	run_output "$b-Px" text -r "$f" -P -x
	# shellcheck disable=SC2086
	run_output "$b-fields" text -r "$f" -T fields $DNSF \
	    -e frame.interface_name
	run_output "$b-jsonl" lines -r "$f" -T jsonl
	run_output "$b-json" whole -r "$f" -T json
	run_output "$b-stats" text -r "$f" --stats=text
	run_output "$b-statsjson" whole -r "$f" --stats=json
done

# Every packet printed, one line each: no NUL or CR cut or split a line.
n=$(wc -l < "$TMPD/dns-hostile.pcap-P.out")
checks=$((checks + 1))
[ "$n" -eq 24 ] || bad "-P printed $n lines for 24 packets"
n=$(wc -l < "$TMPD/dns-hostile.pcap-jsonl.out")
checks=$((checks + 1))
[ "$n" -eq 24 ] || bad "-T jsonl printed $n lines for 24 packets"

# The names as tshark writes them (its format_text escaping).
checks=$((checks + 1))
grep -qF 'Standard query 0x0001 A x\033]0;pwned\a.example.com' \
    "$TMPD/dns-hostile.pcap-P.out" || bad "-P: the OSC name is not escaped as \\033 ... \\a"
checks=$((checks + 1))
grep -qF 'nul\000cut.com: type A, class IN' "$TMPD/dns-hostile.pcap-V.out" ||
    bad "-V: the NUL in a name did not come out as \\000"
checks=$((checks + 1))
grep -qF 'bidi\u202Eevil.com' "$TMPD/dns-hostile.pcap-V.out" ||
    bad "-V: U+202E did not come out as \\u202E"
checks=$((checks + 1))
grep -qF '"value":"c1utf\\u009B\\u009Dx.com"' "$TMPD/dns-hostile.pcap-jsonl.out" ||
    bad "-T jsonl: the UTF-8 C1 controls did not come out as \\\\u009B"
checks=$((checks + 1))
grep -qF '"dns.qry.name": "c1utf\\u009B\\u009Dx.com"' "$TMPD/dns-hostile.pcap-json.out" ||
    bad "-T json: the UTF-8 C1 controls did not come out as \\\\u009B"
checks=$((checks + 1))
grep -qF "caf$(printf '\303\251').$(printf '\344\276\213').com" \
    "$TMPD/dns-hostile.pcap-P.out" || bad "printable UTF-8 did not stay as it was"
# The pcapng interface name starts every -P line, escaped.
checks=$((checks + 1))
head -n 1 "$TMPD/ifname-hostile.pcapng-P.out" |
    grep -qF '1 e\033[2Jth\a\u202E0\033]0;if\a ' ||
    bad "-P: the interface name is not escaped: $(head -n 1 "$TMPD/ifname-hostile.pcapng-P.out" | od -c | head -n 2)"

if command -v tshark >/dev/null 2>&1; then
	# The DNS names (not dns.txt: tshark drops the control bytes of a TXT
	# string where wiretop escapes them) equal tshark's, occurrence by
	# occurrence.
	NAMEF="-e dns.qry.name -e dns.resp.name -e dns.cname
	 -e dns.ptr.domain_name -e dns.ns -e dns.mx.mail_exchange
	 -e dns.soa.mname -e dns.soa.rname"
	checks=$((checks + 1))
	# shellcheck disable=SC2086
	run_to "$RUN_TIMEOUT" tshark -r "$H/dns-hostile.pcap" -T fields \
	    -E occurrence=a $NAMEF >"$TMPD/t.fields" 2>/dev/null
	# shellcheck disable=SC2086
	"$WIRETOP" -r "$H/dns-hostile.pcap" -T fields $NAMEF >"$TMPD/w.fields"
	if ! cmp -s "$TMPD/t.fields" "$TMPD/w.fields"; then
		bad "DNS names differ from tshark's:"
		diff "$TMPD/t.fields" "$TMPD/w.fields" | head -n 10
	fi
else
	note "tshark is not installed: the comparison with its escaping is skipped"
fi

# The TUI: the names show escaped, the terminal's title is untouched and
# the screen is not cleared by the capture.
if command -v tmux >/dev/null 2>&1; then
	. "$TESTS_SRCDIR/tmux.sh"
	S=wiretop-hostile-$$
	for loc in C C.UTF-8; do
		new_session -s "$S" -x 160 -y 40 \
		    "cd '$H' && LC_ALL=$loc $WIRETOP -r dns-hostile.pcap; echo \"exit \$?\" >$TMPD/tui.rc; sleep 30"
		T select-pane -t "$S" -T before
		# Loaded (a loaded machine may take a while to start it).
		wait_for 'seen 24 shown' 20
		checks=$((checks + 1))
		screen >"$TMPD/screen"
		grep -qF 'x\033]0;pwned\a.example.com' "$TMPD/screen" ||
		    bad "TUI ($loc): the list does not show the escaped name"
		# Row 1 open: its tree shows the question line escaped.
		T send-keys -t "$S" Enter
		wait_for 'Packet 1 ' 10
		keys Tab
		for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
			T send-keys -t "$S" Down
		done
		sleep 0.5
		T send-keys -t "$S" Enter
		sleep 0.5
		screen >"$TMPD/screen"
		checks=$((checks + 1))
		title=$(T display -p -t "$S" '#{pane_title}')
		[ "$title" = before ] || bad "TUI ($loc): the pane title became '$title'"
		checks=$((checks + 1))
		grep -q 'seen 24' "$TMPD/screen" ||
		    bad "TUI ($loc): the status line is gone (screen cleared?)"
		checks=$((checks + 1))
		if ! python3 -c '
import sys
t = open(sys.argv[1], "rb").read().decode("utf-8", "strict")
bad = [c for c in t if (ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) <= 0x9f]
sys.exit(1 if bad else 0)' "$TMPD/screen"; then
			bad "TUI ($loc): control characters on the screen"
		fi
		T send-keys -t "$S" q
		sleep 0.5
		T kill-session -t "$S" 2>/dev/null
	done
else
	note "tmux is not installed: the TUI part is skipped"
fi

echo "$ME: $checks checks, $fails failed"
[ "$fails" -eq 0 ] || exit 1
exit 0
