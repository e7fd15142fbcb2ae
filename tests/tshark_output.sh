#!/bin/bash
# tshark-compatible output options against tshark 4.0, byte for byte:
#   -E  every -T fields print option (header, separator, occurrence,
#       aggregator, quote, bom) alone and combined, on captures whose
#       values hold quotes, commas, spaces and tabs and fields that occur
#       several times or are asked for twice; bad values exit 2 with one
#       line;
#   -t  every time format's -P column (tshark's _ws.col.Time) on files of
#       every time stamp resolution (pcap micro/nano, pcapng if_tsresol
#       1..10 and base 2), times before 1970 and past any calendar, in
#       UTC and two other time zones; dd after -Y;
#   fields frame.time (three time zones), frame.time_relative,
#       frame.time_delta, frame.time_delta_displayed (with -Y),
#       tcp.stream, udp.stream on the generated captures
#       (tests/gen_pcaps.py, tests/gen_output_pcaps.py: TCP port reuse
#       after FIN/RST, new ISNs, mid-stream starts, ICMP quotes) and, for
#       the conversation indices and frame.time, every in-scope corpus
#       file;
#   TUI the time column starts in -t's format (in another time zone) and t
#       cycles it (tmux).
# tshark's outputs are cached in out/tshark-cache/output (keyed by tshark's
# version, the arguments, the time zone and the file's content), so a second
# run costs only wiretop's time.  DIFF_CORPUS=0 skips the corpus.

. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

need_wiretop
need_python
need_tshark
gen_pcaps
make_tmpdir

D=$TMPD/gen
run_to 60 python3 "$TESTS_SRCDIR/gen_output_pcaps.py" "$D" ||
	fail "gen_output_pcaps.py failed"
run_to 60 python3 "$TESTS_SRCDIR/gen_time_pcaps.py" "$D" ||
	fail "gen_time_pcaps.py failed"

CORPUS_FILES=$TMPD/corpus
: >"$CORPUS_FILES"
if [ "${DIFF_CORPUS:-1}" != 0 ] && have_corpus; then
	corpus_files >"$CORPUS_FILES"
else
	note "corpus not compared (absent, or DIFF_CORPUS=0)"
fi

TSHARK_OPTS="$TSHARK_OPTS" OUT="$OUT" GEN="$GEN" D="$D" \
    RUN_TIMEOUT="$RUN_TIMEOUT" python3 - "$CORPUS_FILES" <<'PY'
import concurrent.futures, hashlib, os, re, subprocess, sys

WIRETOP = os.environ["WIRETOP"]
OUT, GEN, D = os.environ["OUT"], os.environ["GEN"], os.environ["D"]
TOPTS = os.environ["TSHARK_OPTS"].split()
TIMEOUT = os.environ.get("RUN_TIMEOUT", "60")
SAN = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:")
corpus = [l.strip() for l in open(sys.argv[1]) if l.strip()]

try:
    tver = subprocess.run(["tshark", "-v"], capture_output=True,
                          timeout=30).stdout.split(b"\n")[0]
except Exception:
    tver = b"?"
cache = os.path.join(OUT, "tshark-cache", "output")
os.makedirs(cache, exist_ok=True)
fails = []
checks = 0

def run(argv, tz="UTC"):
    env = dict(os.environ, TZ=tz)
    p = subprocess.run(["timeout", "-k", "5", TIMEOUT] + argv, env=env,
                       stdin=subprocess.DEVNULL, capture_output=True)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")

def tshark(path, args, tz="UTC"):
    """tshark's stdout (bytes) for -r path args, from the cache if there."""
    with open(path, "rb") as f:
        fp = hashlib.sha1(f.read()).hexdigest()
    h = hashlib.sha1(b"\n".join([tver, repr(TOPTS).encode(), tz.encode(),
                                 "\0".join(args).encode(), fp.encode()]))
    cpath = os.path.join(cache, h.hexdigest())
    if os.path.exists(cpath):
        with open(cpath, "rb") as f:
            return f.read()
    rc, out, err = run(["tshark", "-n", "-r", path] + TOPTS + args, tz)
    if rc != 0:
        return None
    with open(cpath + ".tmp%d" % os.getpid(), "wb") as f:
        f.write(out)
    os.replace(cpath + ".tmp%d" % os.getpid(), cpath)
    return out

def wiretop(path, args, tz="UTC"):
    rc, out, err = run([WIRETOP, "-n", "-r", path] + args, tz)
    if rc != 0 or any(s in err for s in SAN):
        return None, "wiretop exited %d: %s" % (rc, err.strip()[:300])
    return out, None

def show_diff(a, b):
    a, b = a.split(b"\n"), b.split(b"\n")
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return "line %d: ours %r, tshark %r" % (i + 1, x[:200], y[:200])
    return "ours %d lines, tshark %d" % (len(a), len(b))

def same(name, path, args, tz="UTC", wargs=None):
    """wiretop's output equals tshark's, byte for byte."""
    global checks
    checks += 1
    want = tshark(path, args, tz)
    got, err = wiretop(path, wargs if wargs is not None else args, tz)
    if want is None:
        fails.append("%s: tshark failed on %s" % (name, path))
    elif err:
        fails.append("%s: %s: %s" % (name, path, err))
    elif got != want:
        fails.append("%s: %s %s (TZ=%s): %s" % (
            name, os.path.basename(path), " ".join(args), tz,
            show_diff(got, want)))

def jobs(tasks):
    with concurrent.futures.ThreadPoolExecutor(4) as ex:
        for f in [ex.submit(*t) for t in tasks]:
            f.result()

g = lambda n: os.path.join(GEN, n)
d = lambda n: os.path.join(D, n)

# -E: each option, then combinations, on fields that repeat (ip.src in an
# ICMP quote, dns.txt), are asked for twice, or hold quote characters.
F = ["-T", "fields", "-e", "frame.number", "-e", "ip.src", "-e", "dns.txt",
     "-e", "dns.qry.name", "-e", "udp.srcport", "-e", "ip.src"]
E = [[], ["-E", "header=y"], ["-E", "header=n"], ["-E", "separator=/s"],
     ["-E", "separator=;"], ["-E", "separator=/x"], ["-E", "occurrence=f"],
     ["-E", "occurrence=l"], ["-E", "occurrence=a"],
     ["-E", "aggregator=/s"], ["-E", "aggregator=|"],
     ["-E", "quote=d"], ["-E", "quote=s"], ["-E", "quote=n"],
     ["-E", "bom=y"],
     ["-E", "header=yes", "-E", "separator=,", "-E", "quote=d",
      "-E", "aggregator=;", "-E", "occurrence=l"],
     ["-E", "header=y", "-E", "quote=s", "-E", "occurrence=f",
      "-E", "separator=/t", "-E", "aggregator=,"],
     ["-E", "quote=d", "-E", "quote=n", "-E", "header=y", "-E", "header=n"]]
tasks = []
for path in (d("text.pcap"), g("icmp_errors.pcap"), g("dns.pcap")):
    for e in E:
        tasks.append((same, "-E", path, F + e))
# A header with no packet to print (igmp.pcap has no TCP).
tasks.append((same, "-E", g("igmp.pcap"),
              F + ["-E", "header=y", "-E", "bom=y", "-Y", "tcp"]))
jobs(tasks)

# Bad -E and -t values: exit 2, one line on stderr, nothing on stdout.
for bad in (["-E", "header=Y"], ["-E", "header="], ["-E", "header"],
            ["-E", "=y"], ["-E", "occurrence=2"], ["-E", "occurrence=x"],
            ["-E", "separator="], ["-E", "aggregator="], ["-E", "quote=x"],
            ["-E", "quote=D"], ["-E", "bom=1"], ["-E", "foo=bar"],
            ["-t", "x"], ["-t", "r.3"], ["-t", ""], ["-t", "ad.6"]):
    checks += 1
    rc, out, err = run([WIRETOP, "-r", g("dns.pcap"), "-T", "fields",
                        "-e", "frame.number"] + bad)
    lines = err.strip().split("\n")
    if rc != 2 or out or len(lines) != 1 or \
            not lines[0].startswith("wiretop: "):
        fails.append("bad %s: exit %d, stdout %d bytes, stderr %r" %
                     (" ".join(bad), rc, len(out), err[:200]))

# -t: wiretop -P's time column against tshark's _ws.col.Time.  A -P line
# is "N [IFNAME ]TIME SRC → DST ...", TIME possibly empty (no date).
line_rx = re.compile(rb"^(\d+) (?:eth0 )?(.*?) (\S+) \xe2\x86\x92 ")

def tcol(name, path, fmt, tz="UTC", extra=()):
    global checks
    checks += 1
    want = tshark(path, ["-t", fmt, "-T", "fields", "-e", "frame.number",
                         "-e", "_ws.col.Time"] + list(extra), tz)
    got, err = wiretop(path, ["-P", "-t", fmt] + list(extra), tz)
    if want is None or err:
        fails.append("%s: %s -t %s: %s" % (name, path, fmt,
                                           err or "tshark failed"))
        return
    ours = []
    for l in got.split(b"\n"):
        if l:
            m = line_rx.match(l)
            ours.append(b"\t".join(m.groups()[:2]) if m else l)
    theirs = [l for l in want.split(b"\n") if l]
    if ours != theirs:
        fails.append("%s: %s -t %s (TZ=%s): %s" % (
            name, os.path.basename(path), fmt, tz,
            show_diff(b"\n".join(ours), b"\n".join(theirs))))

FORMATS = ["r", "a", "ad", "adoy", "d", "dd", "e", "u", "ud", "udoy"]
tasks = []
for path in (g("basic.pcap"), g("nsec.pcap"), g("mixed.pcapng"),
             d("clock.pcapng"), d("tsres-1.pcapng"), d("tsres-4.pcapng"),
             d("tsres-b20.pcapng"), d("time-tsresol0-2e62.pcapng"),
             d("time-tsresol3-max.pcapng"), d("time-tsoffset-neg.pcapng")):
    for fmt in FORMATS:
        tasks.append((tcol, "-t", path, fmt))
for tz in ("Asia/Kolkata", "America/New_York"):
    for fmt in ("a", "ad", "adoy"):
        tasks.append((tcol, "-t", d("clock.pcapng"), fmt, tz))
tasks.append((tcol, "-t dd -Y", g("basic.pcap"), "dd", "UTC", ["-Y", "tcp"]))
tasks.append((tcol, "-t dd -Y", g("dns.pcap"), "dd", "UTC", ["-Y", "tcp"]))
tasks.append((tcol, "-t dd -Y", g("basic.pcap"), "dd", "UTC",
              ["-Y", "frame.time_delta > 0.0015"]))
jobs(tasks)

# The fields.
T = ["-T", "fields", "-e", "frame.number", "-e", "frame.time", "-e",
     "frame.time_relative", "-e", "frame.time_delta", "-e",
     "frame.time_delta_displayed", "-e", "tcp.stream", "-e", "udp.stream"]
tasks = []
gens = sorted(os.path.join(GEN, f) for f in os.listdir(GEN)
              if f.endswith((".pcap", ".pcapng")))
outs = sorted(os.path.join(D, f) for f in os.listdir(D)
              if f.endswith((".pcap", ".pcapng")))
for path in gens + outs:
    tasks.append((same, "fields", path, T))
for tz in ("Asia/Kolkata", "America/New_York"):
    for path in (d("clock.pcapng"), g("basic.pcap"),
                 d("time-tsresol3-max.pcapng")):
        tasks.append((same, "frame.time", path,
                      ["-T", "fields", "-e", "frame.time"], tz))
# -Y sees the indices and the displayed delta, and the delta counts from
# the last packet it kept.
for path in (g("basic.pcap"), g("dns.pcap"), d("streams.pcap")):
    tasks.append((same, "-Y", path, T + ["-Y", "tcp"]))
tasks.append((same, "-Y", d("streams.pcap"),
              T + ["-Y", "tcp.stream == 2 || udp.stream == 3"]))
tasks.append((same, "-Y", g("tunnels.pcap"), T + ["-Y", "udp.stream >= 2"]))
tasks.append((same, "-Y", g("basic.pcap"),
              T + ["-Y", "frame.time_delta_displayed == 0"]))
C = ["-T", "fields", "-e", "frame.number", "-e", "frame.time", "-e",
     "tcp.stream", "-e", "udp.stream"]
for path in corpus:
    tasks.append((same, "corpus", path, C))
jobs(tasks)

for f in fails[:40]:
    print("FAIL: tshark_output: " + f)
print("tshark_output: %d checks (%d corpus files), %d failed"
      % (checks, len(corpus), len(fails)))
sys.exit(1 if fails else 0)
PY
rc=$?
[ $rc -eq 0 ] || fail "wiretop's output differs from tshark's (see above)"

# The TUI's time column: -t's format first (with the file's resolution),
# then t cycles to the time of day, the delta, and back.
if command -v tmux >/dev/null 2>&1; then
	. "$TESTS_SRCDIR/tmux.sh"
	f=$GEN/nsec.pcap
	ud2=$(tshark -n -r "$f" -t ud -T fields -e _ws.col.Time 2>/dev/null |
	    sed -n 2p)
	a2=$(TZ=Asia/Kolkata tshark -n -r "$f" -t a -T fields \
	    -e _ws.col.Time 2>/dev/null | sed -n 2p)
	d2=$(tshark -n -r "$f" -t d -T fields -e _ws.col.Time 2>/dev/null |
	    sed -n 2p)
	new_session -s "$S" -x 140 -y 20 "cd '$GEN' && env NO_COLOR=1 LC_ALL=C.UTF-8 TZ=Asia/Kolkata '$WIRETOP' -n -r nsec.pcap -t ud; echo EXIT=\$? >'$TMPD/exit'; sleep 30" ||
	    fail "tmux could not start"
	check "TUI -t ud: row 2 at $ud2" wait_for "^2 +$ud2 "
	keys t
	check "t: the local time of day $a2" wait_for "^2 +$a2 "
	keys t
	check "t: the delta $d2" wait_for "^2 +$d2 "
	keys t
	check "t: back to -t's" wait_for "^2 +$ud2 "
	keys q
	wait_exit
	check "q exits 0" grep -q "EXIT=0" "$TMPD/exit"
	[ "${fails:-0}" -eq 0 ] || fail "$fails TUI checks failed"
else
	note "tmux is not installed: the TUI's time column is not checked"
fi
exit 0
