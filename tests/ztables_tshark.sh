#!/bin/bash
# -q -z tables against tshark 4.0: every table (conv,eth|ip|ipv6|tcp|udp,
# endpoints,eth|ip|ipv6|tcp|udp, io,phs) of wiretop -q -r F -z ... must be
# byte-identical to tshark -n -q -r F -z ... (with the preferences of
# lib.sh: no reassembly, which wiretop never does).
#   generated captures: every table must match, or the test fails;
#   corpus (inscope-A): tables matching are counted, the others listed in
#     $TESTS_BUILDDIR/out/corpus-ztables.txt; only wiretop failing fails.
# Also: -Y does not change the tables (as in tshark), a table's own
# filter (-z conv,ip,udp) does; -q; --stats-file; bad -z arguments.
# Environment: ZTABLES_JOBS=N parallel runs (default 2), ZTABLES_CORPUS=0
# skips the corpus.

. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

need_wiretop
need_python
need_tshark
gen_pcaps
make_tmpdir

ZARGS="-z conv,eth -z conv,ip -z conv,ipv6 -z conv,tcp -z conv,udp
 -z endpoints,eth -z endpoints,ip -z endpoints,ipv6 -z endpoints,tcp
 -z endpoints,udp -z io,phs"

set --
while IFS= read -r f; do
	[ -z "$f" ] || set -- "$@" "$f"
done <<-LIST
$(compare_files "${ZTABLES_CORPUS:-1}")
LIST

# Compare wiretop's tables with tshark's, file by file and table by table.
# Arguments: a name for the report, then the extra options of both (one
# word each, -z included), "--", then KIND:FILE ...
compare() {
	python3 - "$WIRETOP" "$OUT" "$RUN_TIMEOUT" "${ZTABLES_JOBS:-2}" \
	    "$TSHARK_OPTS" "$@" <<'PY'
import concurrent.futures, difflib, hashlib, os, subprocess, sys

wiretop, out, timeout, jobs, tshark_opts = sys.argv[1:6]
cache = os.path.join(out, "tshark-cache", "ztables")
timeout, jobs = int(timeout), int(jobs)
name = sys.argv[6]
rest = sys.argv[7:]
sep = rest.index("--")
extra, files = rest[:sep], [a.split(":", 1) for a in rest[sep + 1:]]
PHS_RULE = "=" * 67
RULE = "=" * 80

def tables(text):
    """The tables of a -z output, by their title line, in order."""
    out, lines, i = [], text.split("\n"), 0
    while i < len(lines):
        if lines[i] in (PHS_RULE, RULE) and i + 1 < len(lines):
            rule, j = lines[i], i + 1
            while j < len(lines) and lines[j] != rule:
                j += 1
            out.append((lines[i + 1], "\n".join(lines[i:j + 1])))
            i = j + 1
        else:
            i += 1
    return out

def tshark(path):
    args = ["tshark"] + tshark_opts.split() + ["-n", "-q", "-r", path] + extra
    h = hashlib.sha1(" ".join(args[:-len(extra) - 1] + extra).encode())
    with open(path, "rb") as f:
        h.update(f.read())
    cpath = os.path.join(cache, h.hexdigest())
    if os.path.exists(cpath):
        with open(cpath) as f:
            return f.read()
    p = subprocess.run(args, capture_output=True, text=True,
                       timeout=timeout, errors="replace")
    os.makedirs(cache, exist_ok=True)
    with open(cpath + ".tmp%d" % os.getpid(), "w") as f:
        f.write(p.stdout)
    os.replace(cpath + ".tmp%d" % os.getpid(), cpath)
    return p.stdout

def check(kind, path):
    ref = tshark(path)
    p = subprocess.run([wiretop, "-n", "-q", "-r", path] + extra,
                       capture_output=True, text=True, timeout=timeout,
                       errors="replace")
    if p.returncode != 0 or p.stderr:
        return kind, path, None, "wiretop exit %d: %s" % (
            p.returncode, p.stderr.strip()[:300])
    want, got = tables(ref), tables(p.stdout)
    res = []
    for k in range(max(len(want), len(got))):
        w = want[k] if k < len(want) else ("(none)", "")
        g = got[k] if k < len(got) else ("(none)", "")
        if w[1] == g[1]:
            res.append((w[0], None))
        else:
            d = "\n".join(difflib.unified_diff(
                w[1].split("\n"), g[1].split("\n"), "tshark", "wiretop",
                lineterm="", n=1))
            res.append((w[0], d))
    if ref.strip() and not want:
        return kind, path, None, "tshark printed no table"
    return kind, path, res, None

failed = 0
counts = {}
report = []
with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
    for kind, path, res, err in ex.map(lambda kp: check(*kp), files):
        c = counts.setdefault(kind, [0, 0, 0])
        c[2] += 1
        if err:
            failed += 1
            print("FAIL %s: %s" % (path, err))
            continue
        for title, diff in res:
            c[1] += 1
            if diff is None:
                c[0] += 1
                continue
            report.append("%s: %s\n%s\n" % (path, title, diff))
            if kind == "gen":
                failed += 1
                print("FAIL %s: %s differs from tshark:\n%s" %
                      (path, title, "\n".join(diff.split("\n")[:30])))
for kind, (same, total, nfiles) in sorted(counts.items()):
    print("%s: %s: %d of %d tables identical to tshark's (%d files)" %
          (name, kind, same, total, nfiles))
with open(os.path.join(out, "corpus-ztables-%s.txt" % name), "w") as f:
    f.write("".join(report))
sys.exit(1 if failed else 0)
PY
}

rc=0
# shellcheck disable=SC2086
compare all $ZARGS -- "$@" || rc=1

# The display filter does not change the tables (tshark's taps see every
# packet); a table's own filter does.  "udp" and "tcp" are filters in both
# tcpdump's syntax and Wireshark's, but only Wireshark's match the layers
# of tunnels, VLANs and ICMP quotes: the captures with those are compared
# once -Y speaks Wireshark's language.
set -- "gen:$GEN/dns.pcap" "gen:$GEN/sll.pcap"
if "$WIRETOP" -r "$GEN/dns.pcap" -q -Y 'ip.src == 10.0.0.1' 2>/dev/null; then
	for f in basic tunnels vlan icmp_errors; do
		set -- "$@" "gen:$GEN/$f.pcap"
	done
fi
compare filtered -Y udp -z conv,ip -z io,phs -z conv,udp,udp \
    -z io,phs,tcp -z endpoints,ip,tcp -z conv,eth,tcp -- "$@" || rc=1

f=$GEN/dns.pcap
# -q alone prints nothing; -q -P the summaries; -z without -q the
# summaries, then the tables.
out=$("$WIRETOP" -r "$f" -q) || fail "-q: exit $?"
[ -z "$out" ] || fail "-q alone printed something"
"$WIRETOP" -r "$f" -P > "$TMPD/p.txt" || fail "-P: exit $?"
"$WIRETOP" -r "$f" -q -P > "$TMPD/qp.txt" || fail "-q -P: exit $?"
cmp -s "$TMPD/p.txt" "$TMPD/qp.txt" || fail "-q -P differs from -P"
"$WIRETOP" -r "$f" -q -z conv,ip > "$TMPD/z.txt" || fail "-q -z: exit $?"
"$WIRETOP" -r "$f" -z conv,ip > "$TMPD/pz.txt" || fail "-z: exit $?"
cat "$TMPD/p.txt" "$TMPD/z.txt" | cmp -s - "$TMPD/pz.txt" ||
    fail "-z without -q is not the summaries, then the table"
grep -q "^IPv4 Conversations$" "$TMPD/z.txt" || fail "-q -z printed no table"

# --stats-file: what --stats prints, and stdout keeps only the rest.
for fmt in text json; do
	"$WIRETOP" -r "$f" --stats=$fmt > "$TMPD/stats.$fmt" ||
	    fail "--stats=$fmt: exit $?"
	"$WIRETOP" -r "$f" -P -z io,phs --stats=$fmt \
	    --stats-file "$TMPD/file.$fmt" > "$TMPD/out.$fmt" ||
	    fail "--stats-file: exit $?"
	cmp -s "$TMPD/stats.$fmt" "$TMPD/file.$fmt" ||
	    fail "--stats-file $fmt differs from --stats=$fmt on stdout"
	"$WIRETOP" -r "$f" -P -z io,phs > "$TMPD/want.$fmt"
	cmp -s "$TMPD/want.$fmt" "$TMPD/out.$fmt" ||
	    fail "with --stats-file, stdout holds more than the packets and tables"
done
"$WIRETOP" -r "$f" --stats-file "$TMPD/alone" > "$TMPD/alone.out" ||
    fail "--stats-file alone: exit $?"
[ ! -s "$TMPD/alone.out" ] || fail "--stats-file alone printed on stdout"
cmp -s "$TMPD/stats.text" "$TMPD/alone" ||
    fail "--stats-file alone is not --stats (text)"
"$WIRETOP" -r "$f" --stats=json --stats-file - > "$TMPD/dash" ||
    fail "--stats-file -: exit $?"
cmp -s "$TMPD/stats.json" "$TMPD/dash" || fail "--stats-file - is not stdout"

# Errors: one line, "wiretop: ...", exit 2 for usage, 1 for a file.
expect_error() {
	local want=$1 what=$2
	shift 2
	"$WIRETOP" "$@" > "$TMPD/err.out" 2> "$TMPD/err.txt"
	local st=$?
	[ $st -eq "$want" ] || fail "$what: exit $st, not $want"
	[ "$(wc -l < "$TMPD/err.txt")" -eq 1 ] ||
	    fail "$what: not one line on stderr: $(cat "$TMPD/err.txt")"
	grep -q '^wiretop: ' "$TMPD/err.txt" ||
	    fail "$what: stderr does not start with 'wiretop: '"
	[ ! -s "$TMPD/err.out" ] || fail "$what: printed on stdout"
}
expect_error 2 "-z conv,foo" -r "$f" -q -z conv,foo
expect_error 2 "-z conv" -r "$f" -q -z conv
expect_error 2 "-z io,stat" -r "$f" -q -z io,stat,1
expect_error 2 "-z conv,ipx" -r "$f" -q -z conv,ipx
expect_error 2 "-z without argument" -r "$f" -q -z
expect_error 2 "-z bad filter" -r "$f" -q -z 'conv,ip,(((' 
expect_error 2 "-z conv,foo on a missing file" -r "$TMPD/none.pcap" -z conv,foo
expect_error 1 "--stats-file in a missing directory" -r "$f" \
    --stats-file "$TMPD/no/such/dir"
expect_error 1 "--stats-file on a directory" -r "$f" --stats-file "$TMPD"
[ ! -e "$TMPD/no" ] || fail "--stats-file made a directory"

[ $rc -eq 0 ] || fail "tables differ from tshark's (see above)"
echo "PASS: $ME: the -z tables match tshark's; -q, --stats-file, errors"
