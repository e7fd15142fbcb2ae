#!/bin/sh
# The command line and bad input: usage errors exit 2, unreadable or
# corrupt files exit 1, each with exactly one "wiretop: " line on stderr;
# a file cut short after good packets prints them and warns; -r -, -w, -c,
# -Y and the trailing capture filter work.
set -u
: "${WIRETOP:?}" "${TESTS_BUILDDIR:?}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wiretop-cli.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0 checks=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# expect STATUS DESCRIPTION -- wiretop args...: exit status and one stderr line
expect() {
	want=$1 what=$2
	shift 3
	checks=$((checks + 1))
	timeout 20 "$WIRETOP" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$what: exit $got, want $want ($(head -c 300 "$tmp/err"))"
		return
	fi
	if [ "$want" -ne 0 ]; then
		lines=$(wc -l <"$tmp/err")
		if [ "$lines" -ne 1 ] || ! grep -q '^wiretop: ' "$tmp/err"; then
			fail "$what: stderr is not one 'wiretop: ' line:"
			sed 's/^/    /' "$tmp/err" | head -n 5
		fi
	fi
}

# A pcap of three UDP packets (10.0.0.1:1000 -> 10.0.0.2:2000..2002),
# then damaged variants of it.
python3 - "$tmp" <<'PY'
import struct, sys
d = sys.argv[1]
def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
def pkt(i):
    payload = b"hello%d" % i
    udp = struct.pack("!HHHH", 1000, 2000 + i, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), i, 0, 64, 17, 0,
                     bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    eth = bytes.fromhex("020000000002020000000001") + b"\x08\x00"
    return eth + ip + udp
recs = b""
for i in range(3):
    p = pkt(i)
    recs += struct.pack("<IIII", 1700000000 + i, 500000, len(p), len(p)) + p
hdr = struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1)
open(d + "/good.pcap", "wb").write(hdr + recs)
open(d + "/empty.pcap", "wb").write(b"")
open(d + "/text.pcap", "wb").write(b"this is not a capture file at all\n" * 4)
open(d + "/cut-first.pcap", "wb").write(hdr + recs[:10])
open(d + "/cut-later.pcap", "wb").write(hdr + recs[:len(recs) - 5])
bad = bytearray(hdr + recs)
struct.pack_into("<I", bad, 24 + 8, 0x7fffffff)   # absurd incl_len, first record
open(d + "/absurd.pcap", "wb").write(bytes(bad))
PY

expect 2 "unknown option" -- --no-such-option
expect 2 "unknown short option" -- -9
expect 2 "bad -c" -- -c abc -r "$tmp/good.pcap"
expect 2 "zero -c" -- -c 0 -r "$tmp/good.pcap"
expect 2 "bad --ring" -- --ring 12x -r "$tmp/good.pcap"
expect 2 "bad --max-flows" -- --max-flows -5 -r "$tmp/good.pcap"
expect 2 "bad --stats" -- --stats=xml -r "$tmp/good.pcap"
expect 2 "bad -T" -- -T pdml -r "$tmp/good.pcap"
expect 2 "unknown field" -- -r "$tmp/good.pcap" -T fields -e no.such.field
expect 2 "-T fields without -e" -- -r "$tmp/good.pcap" -T fields
expect 2 "-e without -T fields" -- -r "$tmp/good.pcap" -e ip.src
expect 2 "missing argument" -- -r
expect 2 "bad display filter" -- -r "$tmp/good.pcap" -P -Y "udp and and"
expect 2 "bad capture filter" -- -r "$tmp/good.pcap" -P "port nonsense"
expect 1 "missing file" -- -r "$tmp/no-such.pcap" -P
expect 1 "empty file" -- -r "$tmp/empty.pcap" -P
expect 1 "not a capture" -- -r "$tmp/text.pcap" -P
expect 1 "cut inside the first record" -- -r "$tmp/cut-first.pcap" -P
expect 1 "absurd record length" -- -r "$tmp/absurd.pcap" -P
expect 0 "help" -- --help
expect 0 "version" -- --version

# Cut short after good packets: the good ones print, one warning line.
checks=$((checks + 1))
timeout 20 "$WIRETOP" -r "$tmp/cut-later.pcap" -P >"$tmp/out" 2>"$tmp/err"
st=$?
if [ $st -ne 0 ] || [ "$(wc -l <"$tmp/out")" -ne 2 ] ||
   ! grep -q '^wiretop: warning: .*cut short' "$tmp/err"; then
	fail "cut-later: exit $st, $(wc -l <"$tmp/out") lines, stderr: $(cat "$tmp/err")"
fi

# Standard input, -c, -Y and the trailing capture filter.
checks=$((checks + 1))
n=$(timeout 20 "$WIRETOP" -r - -P <"$tmp/good.pcap" | wc -l)
[ "$n" -eq 3 ] || fail "-r - printed $n lines, want 3"
checks=$((checks + 1))
n=$(timeout 20 "$WIRETOP" -r "$tmp/good.pcap" -P -c 2 | wc -l)
[ "$n" -eq 2 ] || fail "-c 2 printed $n lines, want 2"
checks=$((checks + 1))
n=$(timeout 20 "$WIRETOP" -r "$tmp/good.pcap" -P -Y "udp.dstport == 2001" | wc -l)
[ "$n" -eq 1 ] || fail "-Y printed $n lines, want 1"
checks=$((checks + 1))
n=$(timeout 20 "$WIRETOP" -r "$tmp/good.pcap" -P udp dst port 2002 or udp dst port 2000 | wc -l)
[ "$n" -eq 2 ] || fail "trailing filter printed $n lines, want 2"

# -w writes what was read; reading it back gives the same fields.
checks=$((checks + 1))
timeout 20 "$WIRETOP" -r "$tmp/good.pcap" -w "$tmp/copy.pcap" --stats=json >/dev/null 2>"$tmp/err" ||
	fail "-w failed: $(cat "$tmp/err")"
a=$(timeout 20 "$WIRETOP" -r "$tmp/good.pcap" -T fields -e frame.time_epoch -e frame.len -e udp.dstport)
b=$(timeout 20 "$WIRETOP" -r "$tmp/copy.pcap" -T fields -e frame.time_epoch -e frame.len -e udp.dstport)
[ -n "$a" ] && [ "$a" = "$b" ] || fail "-w copy differs: '$a' vs '$b'"
checks=$((checks + 1))
expect 1 "-w to an unwritable path" -- -r "$tmp/good.pcap" -w /nonexistent-dir/x.pcap -P

echo "$((checks - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
