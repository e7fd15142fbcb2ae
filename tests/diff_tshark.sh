#!/bin/bash
# Differential test of "-T fields" against tshark 4.0.
#
# Every field "wiretop --list-fields" names must be a tshark field.  For each
# generated capture and each in-scope corpus file, wiretop and tshark print
# all those fields (one run each per file), and the two tables are compared
# cell by cell (packet, field).
#   generated captures: every cell must be equal, or the test fails;
#   corpus (inscope-A): the figure goes to $TESTS_BUILDDIR/out/corpus-fields.txt,
#     mismatches do not fail the test, but wiretop failing or crashing does.
# tshark's tables are cached in out/tshark-cache/fields (keyed by file, field
# list and tshark version), so a second run costs only wiretop's time.
#
# Environment: DIFF_SHOW=N mismatches shown per file (default 5),
# DIFF_JOBS=N parallel runs (default 2), DIFF_CORPUS=0 skips the corpus.

. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

need_wiretop
need_python
need_tshark
gen_pcaps
make_tmpdir

run_to "$RUN_TIMEOUT" "$WIRETOP" --list-fields >"$TMPD/ours.fields" \
    2>"$TMPD/err"
rc=$?
[ $rc -eq 0 ] || fail "wiretop --list-fields exited $rc: $(head -3 "$TMPD/err")"
[ -s "$TMPD/ours.fields" ] || fail "wiretop --list-fields printed nothing"
run_to "$RUN_TIMEOUT" tshark -G fields 2>/dev/null |
    awk -F'\t' '$1 == "F" || $1 == "P" { print $3 }' >"$TMPD/tshark.fields"
[ -s "$TMPD/tshark.fields" ] || fail "tshark -G fields printed nothing"

{
	gen_files | sed 's/^/gen\t/'
	if [ "${DIFF_CORPUS:-1}" != 0 ] && have_corpus; then
		corpus_files | sed 's/^/corpus\t/'
	fi
} >"$TMPD/files"
if [ "${DIFF_CORPUS:-1}" != 0 ] && ! have_corpus; then
	note "corpus not found under $SHARED_DIR: comparing generated captures only"
fi

TSHARK_OPTS="$TSHARK_OPTS" OUT="$OUT" RUN_TIMEOUT="$RUN_TIMEOUT" \
    python3 - "$TMPD/ours.fields" "$TMPD/tshark.fields" "$TMPD/files" <<'PY'
import concurrent.futures, hashlib, os, subprocess, sys

ours_path, tshark_path, files_path = sys.argv[1:4]
WIRETOP = os.environ["WIRETOP"]
OUT = os.environ["OUT"]
TOPTS = os.environ["TSHARK_OPTS"].split()
TIMEOUT = os.environ.get("RUN_TIMEOUT", "60")
SHOW = int(os.environ.get("DIFF_SHOW", "5"))
JOBS = int(os.environ.get("DIFF_JOBS", "2"))
CHUNK = int(os.environ.get("DIFF_CHUNK", "250"))
SAN = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:")

def lines(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return [l.rstrip("\n") for l in f if l.strip()]

ours = []
for f in lines(ours_path):
    if f not in ours:
        ours.append(f)
known = set(lines(tshark_path))
unknown = [f for f in ours if f not in known]
fields = [f for f in ours if f in known]
failed = []
print("diff_tshark: wiretop lists %d fields, %d known to tshark"
      % (len(ours), len(fields)))
if unknown:
    print("FAIL: fields tshark does not know (%d): %s"
          % (len(unknown), " ".join(unknown)))
    failed.append("unknown fields")
if not fields:
    print("FAIL: no field to compare")
    sys.exit(1)

files = [l.split("\t", 1) for l in lines(files_path)]
try:
    tver = subprocess.run(["tshark", "-v"], capture_output=True,
                          timeout=30).stdout.split(b"\n")[0]
except Exception:
    tver = b"?"
cache = os.path.join(OUT, "tshark-cache", "fields")
os.makedirs(cache, exist_ok=True)
used = set()

def run(argv):
    """Run under timeout(1); (rc, stdout text, stderr text)."""
    p = subprocess.run(["timeout", "-k", "5", TIMEOUT] + argv,
                       stdin=subprocess.DEVNULL, capture_output=True)
    return (p.returncode, p.stdout.decode("utf-8", "surrogateescape"),
            p.stderr.decode("utf-8", "replace"))

def table(text):
    """Rows of cells of a -T fields output."""
    rows = text.split("\n")
    if rows and rows[-1] == "":
        rows.pop()
    return [r.split("\t") for r in rows]

def fingerprint(path, st):
    """Content hash of a small file (regenerated captures keep their
    cache entries), size and mtime of a big one."""
    if st.st_size > (16 << 20):
        return b"%d %d" % (st.st_size, st.st_mtime_ns)
    with open(path, "rb") as f:
        return hashlib.sha1(f.read()).hexdigest().encode()

def tshark_rows(path):
    st = os.stat(path)
    h = hashlib.sha1()
    for part in (tver, repr(TOPTS).encode(), "\0".join(fields).encode(),
                 os.path.abspath(path).encode(), fingerprint(path, st)):
        h.update(part + b"\n")
    cpath = os.path.join(cache, h.hexdigest())
    used.add(h.hexdigest())
    if os.path.exists(cpath):
        with open(cpath, encoding="utf-8", errors="surrogateescape") as f:
            return table(f.read()), None
    argv = ["tshark", "-n", "-r", path] + TOPTS + \
        ["-T", "fields", "-E", "occurrence=a"]
    for f in fields:
        argv += ["-e", f]
    rc, out, err = run(argv)
    if rc not in (0, 2) or (rc == 2 and not out):
        return None, "tshark exited %d: %s" % (rc, err.strip()[:200])
    tmp = cpath + ".tmp%d" % os.getpid()
    with open(tmp, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(out)
    os.replace(tmp, cpath)
    return table(out), None

def wiretop_rows(path):
    """wiretop's rows, in runs of at most CHUNK fields (it takes 256 -e)."""
    rows = None
    for k in range(0, len(fields), CHUNK):
        part = fields[k:k + CHUNK]
        argv = [WIRETOP, "-r", path, "-T", "fields"]
        for f in part:
            argv += ["-e", f]
        rc, out, err = run(argv)
        bad = [l for l in err.split("\n") if any(s in l for s in SAN)]
        if rc != 0 or bad:
            why = "timeout" if rc in (124, 137) else "exit %d" % rc
            if rc < 0 or rc >= 128:
                why = "crash (%s)" % why
            msg = (bad or [l for l in err.split("\n") if l.strip()] or [""])[0]
            return None, "wiretop %s: %s" % (why, msg.strip()[:200])
        t = [(r + [""] * len(part))[:len(part)] for r in table(out)]
        if rows is None:
            rows = t
        else:
            for i, r in enumerate(t):
                if i < len(rows):
                    rows[i] = rows[i] + r
                else:
                    rows.append([""] * k + r)
    return rows or [], None

def compare(kind, path):
    """One file: dict with counts and the first mismatches."""
    r = {"kind": kind, "path": path, "cells": 0, "nonempty": 0, "bad": 0,
         "shown": [], "error": None, "byfield": {}, "npk": (0, 0)}
    theirs, err = tshark_rows(path)
    if err:
        r["error"] = err
        r["tshark_error"] = True
        return r
    mine, err = wiretop_rows(path)
    if err:
        r["error"] = err
        return r
    r["npk"] = (len(mine), len(theirs))
    for i in range(max(len(mine), len(theirs))):
        a = mine[i] if i < len(mine) else None
        b = theirs[i] if i < len(theirs) else None
        for j, f in enumerate(fields):
            x = (a[j] if j < len(a) else "") if a is not None else None
            y = (b[j] if j < len(b) else "") if b is not None else None
            r["cells"] += 1
            if x or y:
                r["nonempty"] += 1
            if x != y:
                r["bad"] += 1
                r["byfield"][f] = r["byfield"].get(f, 0) + 1
                if len(r["shown"]) < SHOW:
                    r["shown"].append((i + 1, f, x, y))
    return r

with concurrent.futures.ThreadPoolExecutor(max_workers=JOBS) as ex:
    results = list(ex.map(lambda kp: compare(*kp), files))

def short(v):
    if v is None:
        return "(no packet)"
    v = repr(v)
    return v if len(v) <= 80 else v[:77] + "..."

def describe(r, w):
    name = r["path"] if r["kind"] == "corpus" else \
        "gen/" + os.path.basename(r["path"])
    if r["error"]:
        w("%s: %s\n" % (name, r["error"]))
        return
    w("%s: %d/%d packets (ours/tshark), %d cells (%d non-empty), "
      "%d mismatched\n" % (name, r["npk"][0], r["npk"][1], r["cells"],
                           r["nonempty"], r["bad"]))
    for pk, f, x, y in r["shown"]:
        w("  #%d %s: ours %s tshark %s\n" % (pk, f, short(x), short(y)))

def totals(rs):
    t = {"cells": 0, "nonempty": 0, "bad": 0, "files": 0, "equal": 0,
         "errors": 0, "byfield": {}}
    for r in rs:
        t["files"] += 1
        if r["error"]:
            t["errors"] += 1
            continue
        for k in ("cells", "nonempty", "bad"):
            t[k] += r[k]
        if r["bad"] == 0:
            t["equal"] += 1
        for f, c in r["byfield"].items():
            t["byfield"][f] = t["byfield"].get(f, 0) + c
    return t

def pct(a, b):
    return 100.0 * a / b if b else 100.0

w = sys.stdout.write
gen = [r for r in results if r["kind"] == "gen"]
corpus = [r for r in results if r["kind"] == "corpus"]
for r in gen:
    describe(r, w)
    if r["error"]:
        failed.append(os.path.basename(r["path"]))
    elif r["bad"]:
        failed.append(os.path.basename(r["path"]))
g = totals(gen)
w("generated: %d files, %d cells compared (%d non-empty), %d mismatched, "
  "%d/%d files fully equal\n" % (g["files"], g["cells"], g["nonempty"],
                                 g["bad"], g["equal"], g["files"]))
if g["byfield"]:
    w("generated: mismatches by field: %s\n" % ", ".join(
        "%s %d" % kv for kv in sorted(g["byfield"].items(),
                                      key=lambda kv: -kv[1])[:30]))

if corpus:
    c = totals(corpus)
    crashed = [r for r in corpus if r["error"] and not r.get("tshark_error")]
    summary = ("corpus: cells equal %d/%d (%.2f%%; non-empty %d/%d, %.2f%%), "
               "files fully equal %d/%d, wiretop failures %d\n"
               % (c["cells"] - c["bad"], c["cells"],
                  pct(c["cells"] - c["bad"], c["cells"]),
                  c["nonempty"] - c["bad"], c["nonempty"],
                  pct(c["nonempty"] - c["bad"], c["nonempty"]),
                  c["equal"], c["files"], len(crashed)))
    w(summary)
    worst = sorted(c["byfield"].items(), key=lambda kv: -kv[1])
    if worst:
        w("corpus: mismatches by field (top 20): %s\n" % ", ".join(
            "%s %d" % kv for kv in worst[:20]))
    for r in crashed:
        w("FAIL: %s: %s\n" % (r["path"], r["error"]))
        failed.append(os.path.basename(r["path"]))
    rep = os.path.join(OUT, "corpus-fields.txt")
    with open(rep, "w") as f:
        f.write(summary)
        f.write("fields compared: %d\n" % len(fields))
        f.write("mismatches by field:\n")
        for k, v in worst:
            f.write("  %-40s %d\n" % (k, v))
        f.write("per file:\n")
        for r in sorted(corpus, key=lambda r: (-r["bad"], r["path"])):
            describe(r, f.write)
    w("corpus: details in %s\n" % rep)

for name in os.listdir(cache):
    if name not in used and not name.endswith((".tmp",)):
        try:
            os.unlink(os.path.join(cache, name))
        except OSError:
            pass

if failed:
    w("FAIL: diff_tshark: %s\n" % ", ".join(failed[:20]))
    sys.exit(1)
w("PASS: diff_tshark: generated captures equal to tshark\n")
sys.exit(0)
PY
exit $?
