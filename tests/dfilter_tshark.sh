#!/bin/bash
# Display filters against tshark 4.0: for every expression of
# dfilter_exprs.txt and every capture (the generated ones and the in-scope
# corpus), the frames "wiretop -r F -Y EXPR -T fields -e frame.number" keeps
# must be the frames "tshark -n -r F -Y EXPR" keeps.
#
# Few processes: the captures of one link type are joined into one file
# (mergecap -a, frame numbers mapped back to each capture for the report),
# and tshark runs once per joined file, evaluating every expression in the
# same pass (a Lua tap listener per expression, each with the expression as
# its filter: the filter -Y would apply, to the same dissection).
# DFILTER_TSHARK=direct runs "tshark -Y" once per expression instead.
#
#   generated captures: every frame set must be equal;
#   corpus: a difference fails too, unless wiretop's and tshark's values of
#     the fields the expression names already differ on that frame (a
#     decoder difference, which diff_tshark.sh reports): those are listed
#     as "decoder", not failed.
# dfilter_errors.txt: each bad expression makes wiretop exit 2 with exactly
# one stderr line "wiretop: display filter: ...", and tshark rejects it too.
# The capture filter stays BPF: -f and trailing words keep the packets
# tcpdump keeps with the same filter.
#
# Every difference is one line here and in $TESTS_BUILDDIR/out/dfilter.txt
# (DFILTER_REPORT=PATH writes a copy there).  tshark's answers are cached
# in out/tshark-cache/dfilter.  Environment: DFILTER_JOBS=N parallel runs
# (default 2), DFILTER_CORPUS=0 skips the corpus, DFILTER_SHOW=N frames
# shown per difference (default 8).

. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

need_wiretop
need_python
need_tshark
for tool in mergecap capinfos; do
	command -v $tool >/dev/null 2>&1 || skip "$tool is not installed"
done
gen_pcaps
make_tmpdir

{
	gen_files | sed 's/^/gen\t/'
	if [ "${DFILTER_CORPUS:-1}" != 0 ] && have_corpus; then
		corpus_files | sed 's/^/corpus\t/'
	fi
} >"$TMPD/files"
if [ "${DFILTER_CORPUS:-1}" != 0 ] && ! have_corpus; then
	note "corpus not found under $SHARED_DIR: checking generated captures only"
fi

# One tshark pass, every expression: a tap listener per line of
# $DFILTER_EXPRS; $DFILTER_RESULT gets "N<TAB>ok<TAB>frames" or
# "N<TAB>err<TAB>why" for line N, and "0<TAB>seen<TAB>frames": the frames
# the taps saw (tshark queues no tap for a few broken packets; those are
# not compared).  tshark runs with "-T fields -e frame.number" as -Y's
# reference does: the output mode changes some answers (a protocol's
# length, so tcp[20:1], is not the same when the summary line is made).
cat >"$TMPD/eval.lua" <<'LUA'
local exprs, hits, errs, taps = {}, {}, {}, {}
for line in io.lines(os.getenv("DFILTER_EXPRS")) do
	exprs[#exprs + 1] = line
end
for i, e in ipairs(exprs) do
	local ok, tap = pcall(Listener.new, "frame", e)
	if ok then
		local h = {}
		hits[i] = h
		taps[i] = tap
		function tap.packet(pinfo) h[#h + 1] = pinfo.number end
	else
		errs[i] = string.gsub(tostring(tap), "%s+", " ")
	end
end
local last, seen = Listener.new("frame"), {}
function last.packet(pinfo) seen[#seen + 1] = pinfo.number end
function last.draw()
	local out = assert(io.open(os.getenv("DFILTER_RESULT"), "w"))
	out:write("0\tseen\t", table.concat(seen, " "), "\n")
	for i = 1, #exprs do
		if hits[i] then
			out:write(i, "\tok\t", table.concat(hits[i], " "), "\n")
		else
			out:write(i, "\terr\t", errs[i], "\n")
		end
	end
	out:close()
end
LUA

TSHARK_OPTS="$TSHARK_OPTS" OUT="$OUT" TMPD="$TMPD" RUN_TIMEOUT="$RUN_TIMEOUT" \
    python3 - "$TESTS_SRCDIR/dfilter_exprs.txt" "$TESTS_SRCDIR/dfilter_errors.txt" \
    "$TMPD/files" "$GEN/basic.pcap" <<'PY'
import concurrent.futures, hashlib, os, re, shutil, subprocess, sys

exprs_path, errors_path, files_path, small = sys.argv[1:5]
WIRETOP = os.environ["WIRETOP"]
OUT = os.environ["OUT"]
TMPD = os.environ["TMPD"]
TOPTS = os.environ["TSHARK_OPTS"].split()
TIMEOUT = os.environ.get("RUN_TIMEOUT", "60")
JOBS = int(os.environ.get("DFILTER_JOBS", "2"))
SHOW = int(os.environ.get("DFILTER_SHOW", "8"))
DIRECT = os.environ.get("DFILTER_TSHARK", "") == "direct"
SAN = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:")
report = []                     # the lines of out/dfilter.txt


def say(line):
    print(line)
    report.append(line)


def run(argv, timeout=TIMEOUT):
    """Run under timeout(1): (rc, stdout, stderr) as text."""
    p = subprocess.run(["timeout", "-k", "5", str(timeout)] + argv,
                       stdin=subprocess.DEVNULL, capture_output=True)
    return (p.returncode, p.stdout.decode("utf-8", "surrogateescape"),
            p.stderr.decode("utf-8", "replace"))


def text_lines(path):
    """The non-blank lines of path that are not # comments."""
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f
                if l.strip() and not l.lstrip().startswith("#")]


exprs = []
for e in text_lines(exprs_path):
    e = e.strip()
    if e not in exprs:
        exprs.append(e)
bad = []                        # (kind, expression)
if os.path.exists(errors_path):
    for l in text_lines(errors_path):
        kind, _, e = l.strip().partition(" ")
        bad.append((kind, e.strip()))

# --- The captures, joined by link type --------------------------------------
files = [l.split("\t", 1) for l in text_lines(files_path)]
kind_of = dict((p, k) for k, p in files)
rc, out, err = run(["capinfos", "-T", "-r", "-E", "-c"] + [p for k, p in files])
info = {}
for l in out.split("\n"):
    f = l.split("\t")
    if len(f) == 3 and f[2].isdigit():
        info[f[0]] = (f[1], int(f[2]))
groups = {}                     # encapsulation -> [(path, packets)]
for k, p in files:
    if p not in info:
        say("FAIL: capinfos cannot read %s" % p)
        sys.exit(1)
    enc, n = info[p]
    if n:
        groups.setdefault(enc, []).append((p, n))


def short_name(path):
    return ("gen/" if kind_of[path] == "gen" else "") + os.path.basename(path)


def join(enc, members):
    """Join members into one pcap (nanosecond stamps: nothing is lost)."""
    path = os.path.join(TMPD, "all-%s.pcap" % re.sub(r"\W", "_", enc))
    rc, _, err = run(["mergecap", "-a", "-F", "nsecpcap", "-w", path] +
                     [p for p, n in members])
    if rc != 0:
        say("FAIL: mergecap (%s) exited %d: %s" % (enc, rc, err.strip()[:200]))
        sys.exit(1)
    rc, out, _ = run(["capinfos", "-T", "-r", "-c", path])
    got = int(out.split("\t")[-1]) if rc == 0 else -1
    want = sum(n for p, n in members)
    if got != want:
        say("FAIL: %s joined holds %d packets, its captures %d"
            % (enc, got, want))
        sys.exit(1)
    return path


joined = [(enc, join(enc, m), m) for enc, m in sorted(groups.items())]


def locate(members, frame):
    """The capture and its own frame number of joined frame number."""
    for p, n in members:
        if frame <= n:
            return p, frame
        frame -= n
    return None, frame


# --- tshark ------------------------------------------------------------------
try:
    tver = subprocess.run(["tshark", "-v"], capture_output=True,
                          timeout=30).stdout.split(b"\n")[0]
except Exception:
    tver = b"?"
cache = os.path.join(OUT, "tshark-cache", "dfilter")
os.makedirs(cache, exist_ok=True)
used = set()
asked = exprs + [e for k, e in bad]
with open(os.path.join(TMPD, "exprs"), "w", encoding="utf-8") as f:
    f.write("".join(e + "\n" for e in asked))


def digest(*parts):
    h = hashlib.sha1()
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode())
        h.update(b"\n")
    return h.hexdigest()


def parse_answers(text):
    """{index: ("ok", set of frames) or ("err", why)} of eval.lua's lines."""
    ans = {}
    for l in text.split("\n"):
        f = l.split("\t", 2)
        if len(f) == 3:
            i = int(f[0]) - 1
            if f[1] == "seen":
                ans["seen"] = set(int(x) for x in f[2].split())
            elif f[1] == "ok":
                ans[i] = ("ok", set(int(x) for x in f[2].split()))
            else:
                ans[i] = ("err", f[2])
    return ans


def tshark_direct(path):
    lines = []
    for i, e in enumerate(asked):
        rc, out, err = run(["tshark", "-n", "-r", path] + TOPTS +
                           ["-Y", e, "-T", "fields", "-e", "frame.number"])
        if rc == 0:
            lines.append("%d\tok\t%s" % (i + 1, " ".join(out.split())))
        else:
            lines.append("%d\terr\t%s" % (i + 1, " ".join(err.split())))
    return "\n".join(lines) + "\n"


def tshark_answers(path):
    """tshark's frames for every expression on one joined capture."""
    with open(path, "rb") as f:
        key = digest(tver, repr(TOPTS), "\0".join(asked), f.read(),
                     "direct" if DIRECT else "lua")
    used.add(key)
    cpath = os.path.join(cache, key)
    if os.path.exists(cpath):
        with open(cpath, encoding="utf-8") as f:
            return parse_answers(f.read()), None
    if DIRECT:
        text = tshark_direct(path)
    else:
        result = path + ".tshark"
        env = dict(os.environ, DFILTER_EXPRS=os.path.join(TMPD, "exprs"),
                   DFILTER_RESULT=result)
        p = subprocess.run(["timeout", "-k", "5", str(int(TIMEOUT) * 5),
                            "tshark", "-n", "-r", path] + TOPTS +
                           ["-X", "lua_script:" + os.path.join(TMPD, "eval.lua"),
                            "-T", "fields", "-e", "frame.number"],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, env=env)
        if p.returncode != 0 or not os.path.exists(result):
            return None, "tshark exited %d: %s" % (
                p.returncode, p.stderr.decode("utf-8", "replace").strip()[:300])
        with open(result, encoding="utf-8") as f:
            text = f.read()
    ans = parse_answers(text)
    if len([k for k in ans if k != "seen"]) != len(asked):
        return None, "tshark answered %d of %d expressions" % (len(ans),
                                                               len(asked))
    tmp = cpath + ".tmp%d" % os.getpid()
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, cpath)
    return ans, None


# --- wiretop -----------------------------------------------------------------
def wiretop_frames(path, expr):
    """("ok", frames) or ("err", why) or ("broken", why) for a crash, a
    sanitizer report, a timeout or a bad exit status."""
    rc, out, err = run([WIRETOP, "-r", path, "-Y", expr, "-T", "fields",
                        "-e", "frame.number"])
    san = [l for l in err.split("\n") if any(s in l for s in SAN)]
    msg = (san or [l for l in err.split("\n") if l.strip()] or [""])[0]
    if san or rc < 0 or rc >= 124:
        return ("broken", "exit %d: %s" % (rc, msg.strip()[:200]))
    if rc == 2:
        return ("err", msg.strip())
    if rc != 0:
        return ("broken", "exit %d: %s" % (rc, msg.strip()[:200]))
    try:
        return ("ok", set(int(x) for x in out.split()))
    except ValueError:
        return ("broken", "not frame numbers: %r" % out[:80])


with concurrent.futures.ThreadPoolExecutor(max_workers=JOBS) as ex:
    theirs_f = [ex.submit(tshark_answers, path) for enc, path, m in joined]
    ours_f = dict(((g, i), ex.submit(wiretop_frames, joined[g][1], e))
                  for g in range(len(joined)) for i, e in enumerate(exprs))
    theirs = [f.result() for f in theirs_f]
    ours = dict((k, f.result()) for k, f in ours_f.items())

# --- Decoder differences (corpus) --------------------------------------------
rc, out, _ = run([WIRETOP, "--list-fields"])
known = [l.split()[0] for l in out.split("\n") if l.strip()]
protos = set(f.split(".")[0] for f in known)


def named_fields(expr):
    """The wiretop fields an expression depends on: those it names, and
    every field of the protocols it names."""
    names = set(re.findall(r"[A-Za-z_][\w.-]*", expr))
    got = set(n for n in names if n in known)
    for n in names:
        if n in protos:
            got.update(f for f in known if f == n or f.startswith(n + "."))
    return sorted(got)


def field_table(tool, path, fields):
    """[cells] a frame of -T fields with every occurrence (tshark's
    cached)."""
    if tool == "tshark":
        with open(path, "rb") as f:
            key = digest(tver, repr(TOPTS), "\0".join(fields), f.read(),
                         "fields")
        used.add(key)
        cpath = os.path.join(cache, key)
        if os.path.exists(cpath):
            with open(cpath, encoding="utf-8", errors="surrogateescape") as f:
                return [r.split("\t") for r in f.read().split("\n")[:-1]]
    rows = []
    for k in range(0, len(fields), 200):
        part = fields[k:k + 200]
        if tool == "tshark":
            argv = ["tshark", "-n", "-r", path] + TOPTS + \
                ["-T", "fields", "-E", "occurrence=a"]
        else:
            argv = [WIRETOP, "-r", path, "-T", "fields"]
        for f in ["frame.number"] + part:
            argv += ["-e", f]
        rc, out, err = run(argv)
        t = [r.split("\t") for r in out.split("\n") if r]
        for j, r in enumerate(t):
            if j >= len(rows):
                rows.append([])
            rows[j] += (r[1:] + [""] * len(part))[:len(part)]
    if tool == "tshark":
        tmp = cpath + ".tmp%d" % os.getpid()
        with open(tmp, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write("".join("\t".join(r) + "\n" for r in rows))
        os.replace(tmp, cpath)
    return rows


decoder_cache = {}


def decoder_differs(g, frame, fields):
    """Do wiretop and tshark decode one of fields differently on frame?"""
    if g not in decoder_cache:
        path = joined[g][1]
        every = sorted(set(f for e in exprs for f in named_fields(e)))
        decoder_cache[g] = (every, field_table("tshark", path, every),
                            field_table("wiretop", path, every))
    every, a, b = decoder_cache[g]
    i = frame - 1
    ra = a[i] if i < len(a) else []
    rb = b[i] if i < len(b) else []
    for f in fields:
        j = every.index(f)
        if (ra[j] if j < len(ra) else "") != (rb[j] if j < len(rb) else ""):
            return f
    return None


rc, out, _ = run(["tshark", "-G", "protocols"])
long_name = dict((l.split("\t")[2], l.split("\t")[0])
                 for l in out.split("\n") if l.count("\t") == 2)
presence_cache = {}


def named_protocols(expr):
    """The protocols expr names; frame, in every tree, is not one."""
    return sorted(set(n for n in re.findall(r"[A-Za-z_][\w.-]*", expr)
                      if n in long_name and n != "frame"))


def tree_labels(text):
    """[set of labels] a frame: the top-level lines of a -V tree, each cut
    at its first comma ("Internet Protocol Version 4, Src: ..." is
    "Internet Protocol Version 4")."""
    frames = []
    for l in text.split("\n"):
        if l.startswith("Frame ") and l[6:7].isdigit():
            frames.append(set())
        elif frames and l and not l.startswith(" "):
            frames[-1].add(l.split(",")[0])
    return frames


def presence_differs(g, frame, names):
    """Does one of the protocols names appear in wiretop's tree of frame
    and not in tshark's, or the other way?  tshark's presence is its
    "-e PROTO" cell; wiretop's a top-level line of -V with the label
    tshark gives the protocol (or its long name)."""
    if g not in presence_cache:
        path = joined[g][1]
        every = sorted(set(n for e in exprs for n in named_protocols(e)))
        argv = ["tshark", "-n", "-r", path] + TOPTS + ["-T", "fields"]
        for n in every:
            argv += ["-e", n]
        rc, out, _ = run(argv)
        theirs = [r.split("\t") for r in out.split("\n") if r]
        labels = dict((n, set([long_name[n]])) for n in every)
        for r in theirs:
            for j, n in enumerate(every):
                if j < len(r) and r[j]:
                    labels[n].add(r[j].split(",")[0])
        rc, out, _ = run([WIRETOP, "-r", path, "-V"])
        presence_cache[g] = (every, theirs, labels, tree_labels(out))
    every, theirs, labels, ours = presence_cache[g]
    i = frame - 1
    for n in names:
        j = every.index(n)
        a = i < len(theirs) and j < len(theirs[i]) and theirs[i][j] != ""
        b = i < len(ours) and bool(ours[i] & labels[n])
        if a != b:
            return n
    return None


# --- Compare -----------------------------------------------------------------
def frames_text(s):
    s = sorted(s)
    t = ",".join(str(x) for x in s[:SHOW])
    return "[%s%s]" % (t, ",..." if len(s) > SHOW else "")


checks = passed = failed = excused = 0
refused = {}                    # (expression, why) -> [(group, captures)]
tshark_rejects = []
hits = [0] * len(exprs)
total_frames = sum(n for enc, m in groups.items() for p, n in m)
for g, (enc, path, members) in enumerate(joined):
    ans, err = theirs[g]
    if err:
        say("FAIL: %s: %s" % (enc, err))
        failed += 1
        continue
    nframes = sum(n for p, n in members)
    unseen = set(range(1, nframes + 1)) - ans.get("seen", set(
        range(1, nframes + 1)))
    for x in sorted(unseen):
        p, k = locate(members, x)
        say("note: tshark's taps do not see %s #%d: not compared"
            % (short_name(p), k))
    for i, e in enumerate(exprs):
        tk, tv = ans[i]
        if tk == "err":
            if g == 0:
                tshark_rejects.append(e)
                say("FAIL: tshark rejects %r: %s" % (e, tv[:200]))
                failed += 1
            continue
        hits[i] += len(tv)
        ok, ov = ours[(g, i)]
        if ok != "ok":
            checks += len(members)
            failed += len(members)
            what = "fails, " if ok == "broken" else "rejects it: "
            if (e, what + ov) not in refused:
                refused[(e, what + ov)] = []
            refused[(e, what + ov)].append((enc, len(members)))
            continue
        first = 1
        for p, n in members:
            checks += 1
            mine = set(x - first + 1 for x in ov - unseen
                       if first <= x < first + n)
            want = set(x - first + 1 for x in tv - unseen
                       if first <= x < first + n)
            if mine == want:
                passed += 1
            else:
                why = None
                if kind_of[p] == "corpus":
                    fields = named_fields(e)
                    names = named_protocols(e)
                    for x in mine ^ want:
                        why = presence_differs(g, x + first - 1, names)
                        if why:
                            why = "the %s layer is present in one tree" % why
                            break
                        why = decoder_differs(g, x + first - 1, fields)
                        if why:
                            why += " decoded differently"
                            break
                line = "%r on %s: tshark %d %s, wiretop %d %s" % (
                    e, short_name(p), len(want), frames_text(want),
                    len(mine), frames_text(mine))
                if why:
                    excused += 1
                    passed += 1
                    say("decoder: %s (%s)" % (line, why))
                else:
                    failed += 1
                    say("FAIL: %s" % line)
            first += n

for (e, why), where in refused.items():
    say("FAIL: %r: wiretop %s (%d captures: %s)" % (
        e, why[:200], sum(n for g, n in where),
        " ".join(g for g, n in where)))
never = [e for i, e in enumerate(exprs) if hits[i] == 0]
if never:
    say("note: %d expressions match no frame of these captures: %s" % (
        len(never), "; ".join(never[:10])))
say("%s: %d expressions x %d captures (%d frames, %d joined files): "
    "%d checks, %d equal, %d differ, %d decoder differences"
    % ("dfilter_tshark", len(exprs), len(files), total_frames, len(joined),
       checks, passed - excused, failed, excused))

# --- Bad expressions ---------------------------------------------------------
bad_ok = 0
first_ans = theirs[0][0] or {}
for j, (kind, e) in enumerate(bad):
    problems = []
    tk = first_ans.get(len(exprs) + j, ("?", ""))[0]
    if tk != "err":
        problems.append("tshark accepts it")
    rc, out, err = run([WIRETOP, "-r", small, "-Y", e, "-T", "fields",
                        "-e", "frame.number"])
    lines = [l for l in err.split("\n") if l]
    if rc != 2:
        problems.append("exit %d, want 2" % rc)
    if len(lines) != 1 or not lines[0].startswith("wiretop: display filter:"):
        problems.append("stderr is not one 'wiretop: display filter:' line: %r"
                        % "|".join(lines)[:200])
    if out:
        problems.append("printed %d bytes" % len(out))
    if kind == "unknown-field" and lines and "did you mean" not in lines[0]:
        problems.append("no 'did you mean' in %r" % lines[0][:200])
    checks += 1
    if problems:
        failed += 1
        say("FAIL: bad expression (%s) %r: %s" % (kind, e, "; ".join(problems)))
    else:
        passed += 1
        bad_ok += 1
say("dfilter_tshark: %d/%d bad expressions rejected as they should be"
    % (bad_ok, len(bad)))

# --- The capture filter stays BPF --------------------------------------------
BPF = ["udp port 53", "tcp[tcpflags] & tcp-syn != 0", "icmp or arp",
       "ip6 and tcp", "vlan", "net 10.0.0.0/8 and not tcp"]
if shutil.which("tcpdump"):
    ether = [path for enc, path, m in joined if enc == "ether"]
    for path in ether[:1]:
        for k, bpf in enumerate(BPF):
            checks += 1
            kept = os.path.join(TMPD, "bpf%d.pcap" % k)
            rc, _, err = run(["tcpdump", "--time-stamp-precision", "nano",
                              "-r", path, "-w", kept, bpf])
            cols = ["-T", "fields", "-e", "frame.time_epoch", "-e", "frame.len"]
            want = run([WIRETOP, "-r", kept] + cols)
            got_f = run([WIRETOP, "-r", path, "-f", bpf] + cols)
            got_t = run([WIRETOP, "-r", path] + cols + bpf.split())
            if rc != 0 or want[0] != 0:
                problems = "tcpdump exited %d: %s" % (rc, err.strip()[:200])
            elif got_f[:2] != want[:2]:
                problems = "-f keeps %d packets, tcpdump %d (exit %d: %s)" % (
                    len(got_f[1].split("\n")) - 1,
                    len(want[1].split("\n")) - 1, got_f[0],
                    got_f[2].strip()[:100])
            elif got_t[:2] != want[:2]:
                problems = "trailing words keep %d packets, tcpdump %d" % (
                    len(got_t[1].split("\n")) - 1,
                    len(want[1].split("\n")) - 1)
            else:
                problems = None
            if problems:
                failed += 1
                say("FAIL: capture filter %r: %s" % (bpf, problems))
            else:
                passed += 1
    say("dfilter_tshark: capture filters (BPF) compared with tcpdump: %d"
        % len(BPF))
else:
    say("note: tcpdump is not installed: capture filters not compared")

for name in os.listdir(cache):
    if name not in used and ".tmp" not in name:
        try:
            os.unlink(os.path.join(cache, name))
        except OSError:
            pass
say("%d passed, %d failed" % (passed, failed))
text = "".join(l + "\n" for l in report)
with open(os.path.join(OUT, "dfilter.txt"), "w") as f:
    f.write(text)
if os.environ.get("DFILTER_REPORT"):
    with open(os.environ["DFILTER_REPORT"], "w") as f:
        f.write(text)
if failed:
    print("FAIL: dfilter_tshark: %d differences from tshark" % failed)
    sys.exit(1)
print("PASS: dfilter_tshark: every display filter keeps tshark's frames")
sys.exit(0)
PY
exit $?
