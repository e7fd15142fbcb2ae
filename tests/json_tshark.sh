#!/bin/bash
# -T json against tshark 4.0's -T json, on the generated captures, a
# capture of nested layers made here (ICMP and ICMPv6 errors quoting UDP,
# DNS, ICMP and GRE), the hostile-text captures and the in-scope corpus.
# For each file, wiretop's and tshark's outputs are parsed (repeated keys
# kept) and:
#   - wiretop's is strict JSON in tshark's shape: an array of
#     {"_index", "_type", "_score", "_source": {"layers"}}, as many
#     packets as tshark, the same _index;
#   - its text is tshark's layout of its own tree, byte for byte (this
#     test's printer, checked first on tshark's own output, writes it);
#   - each packet's layers are tshark's, in tshark's order, counting only
#     the protocols wiretop decodes ("data" stands for a payload tshark
#     decodes as a protocol wiretop does not);
#   - every key wiretop prints exists in tshark's output at the same
#     path (object keys, the n-th of a repeated key) with the same value;
#   - each layer is byte-identical to tshark's layer reduced to the keys
#     wiretop prints (so, where wiretop decodes a whole layer, to
#     tshark's text itself).
# Any difference fails, except those KNOWN below lists (each a decoder's,
# with its reason).  -j, -J and --no-duplicate-keys are compared likewise
# on a few files; the day of _index follows TZ as tshark's; some runs
# must be tshark's bytes whole; a packet-less run prints tshark's "[]";
# python3 -m json.tool reads the output; the hostile captures give
# strict JSON with every string escaped.
# tshark's outputs are cached in out/tshark-cache/json.
#
# Environment: JSON_SHOW=N differences shown per kind (default 8),
# JSON_JOBS=N parallel runs (default 2), JSON_CORPUS=0 skips the corpus.

. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

need_wiretop
need_python
need_tshark
gen_pcaps
make_tmpdir

python3 "$TESTS_SRCDIR/gen_hostile.py" "$TMPD/hostile" >/dev/null ||
    fail "gen_hostile.py failed"
PCAPGEN_DIR=$TESTS_SRCDIR python3 - "$TMPD/nest.pcap" <<'EOF' ||
import os, struct, sys
sys.path.insert(0, os.environ["PCAPGEN_DIR"])
from pcapgen import *
cap = Capture(BASE_TS + 7200)
d = Dns(0x1234, 0x0100)
d.question("www.example.com", T_A)
q = d.bytes()
# ICMP port unreachable quoting a DNS query.
probe = ipv4(IP_A, IP_DNS, 17, udp(IP_A, IP_DNS, 53001, 53, q), ident=0x7001)
cap.add(eth(MAC_B, MAC_A, 0x0800,
            ipv4(IP_GW, IP_A, 1, icmp(3, 3, b"\0\0\0\0", probe), df=False)))
# ICMPv6 port unreachable quoting UDP with a payload, then DNS.
for port, body in ((9999, pattern(10)), (53, q)):
    u6 = ipv6(IP6_A, IP6_B, 17, udp(IP6_A, IP6_B, 40000, port, body))
    cap.add(eth(MAC_B, MAC_A, 0x86dd,
                ipv6(IP6_B, IP6_A, 58,
                     icmp6(IP6_B, IP6_A, 1, 4, b"\0\0\0\0" + u6))))
# ICMP time exceeded quoting an echo request with data.
echo = ipv4(IP_A, IP_WEB, 1, icmp(8, 0, struct.pack("!HH", 1, 2), pattern(8)),
            ident=0x7002, ttl=1)
cap.add(eth(MAC_B, MAC_A, 0x0800,
            ipv4(IP_GW, IP_A, 1, icmp(11, 0, b"\0\0\0\0", echo), df=False)))
# ICMP host unreachable quoting GRE, which carries IP and UDP.
inner = ipv4("10.1.0.1", "10.2.0.1", 17,
             udp("10.1.0.1", "10.2.0.1", 5000, 6000, pattern(6)))
outer = ipv4("198.51.100.1", "198.51.100.2", 47,
             struct.pack("!HH", 0, 0x0800) + inner)
cap.add(eth(MAC_B, MAC_A, 0x0800,
            ipv4(IP_GW, "198.51.100.1", 1, icmp(3, 1, b"\0\0\0\0", outer),
                 df=False)))
write_pcap(sys.argv[1], LINKTYPE_ETHERNET, cap)
EOF
    fail "cannot write the nested-layers capture"

{
	gen_files | sed 's/^/gen\t/'
	printf 'gen\t%s\n' "$TMPD/nest.pcap" "$TMPD/hostile/dns-hostile.pcap" \
	    "$TMPD/hostile/ifname-hostile.pcapng"
	if [ "${JSON_CORPUS:-1}" != 0 ] && have_corpus; then
		corpus_files | sed 's/^/corpus\t/'
	fi
} >"$TMPD/files"
if [ "${JSON_CORPUS:-1}" != 0 ] && ! have_corpus; then
	note "corpus not found under $SHARED_DIR: generated captures only"
fi

TSHARK_OPTS="$TSHARK_OPTS" OUT="$OUT" RUN_TIMEOUT="$RUN_TIMEOUT" GEN="$GEN" \
    TMPD="$TMPD" python3 - "$TMPD/files" <<'PY'
import concurrent.futures, hashlib, json, os, re, subprocess, sys
import unicodedata

WIRETOP = os.environ["WIRETOP"]
OUT, GEN, TMPD = os.environ["OUT"], os.environ["GEN"], os.environ["TMPD"]
TOPTS = os.environ["TSHARK_OPTS"].split()
TIMEOUT = os.environ.get("RUN_TIMEOUT", "60")
SHOW = int(os.environ.get("JSON_SHOW", "8"))
JOBS = int(os.environ.get("JSON_JOBS", "2"))
SAN = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:")

# tshark writes "</" as "<\/" (for HTML's sake), escape_json() leaves it
# as it is (both are JSON for "</"): the one place wiretop's layout is not
# tshark's, and only HTML text holds "</".
WIRETOP_SLASH = False

# The differences that are the decoders', not -T json's: (file regex,
# path regex, kind, why).  Paths name keys from the layer down, a key
# holding a space or a colon (a text line of the tree) as <text>.
KNOWN = [
    (r".", r"^frame$", "order",
     "the frame layer reports frame.number first, tshark last"),
    (r".", r"^frame/frame\.interface_name$", "missing",
     "tshark nests the name under frame.interface_id_tree"),
    (r".", r"^(dns|mdns|llmnr)/(Answers|<text>)/<text>$", "missing",
     "wiretop's record lines lack tshark's rdata summary (addr, cname, ...)"),
    (r".", r"^dns/<text>/<text>/<text>$", "missing",
     "EDNS options are text lines (Option: 10), tshark's dns.opt fields"),
    (r".", r"^(mdns|llmnr)/(Queries|Answers)/<text>$", "missing",
     "mDNS/LLMNR record lines lack tshark's summary"),
    (r".", r"^(dns|mdns)/Queries/<text>$", "missing",
     "a name longer than the tree line's 256 bytes is cut in wiretop's"),
    (r".", r"^ip/<text>(/<text>)?$", "missing",
     "wiretop's IPv4 options line lacks tshark's list of the options"),
    (r".", r"^igmp/<text>$", "missing",
     "wiretop's IGMPv3 record line lacks the group and the mode"),
    (r".", r"^ipv6/<text>$", "missing",
     "IPv6 extension headers are text lines, tshark's fields "
     "(ipv6.hopopts, ipv6.dstopts, ipv6.routing, ipv6.fraghdr)"),
    (r".", r"^udp/udp\.checksum\.status$", "missing",
     "tshark puts a zero checksum's status in udp.checksum_tree"),
    (r".", r"^(dns|mdns|llmnr)/.*/dns\.txt$", "value",
     "wiretop escapes a TXT string's control bytes, tshark's JSON has them"),
    (r"^(accecn_handshake|tfo-5c1fa7f9ae91)",
     r"^tcp/tcp\.(flags_tree|options_tree)/", "any",
     "AccECN flags and experimental options as tshark names them"),
    (r"^tfo-5c1fa7f9ae91", r"^$", "layers",
     "a SYN's payload: tshark keeps it in tcp.payload, no data layer"),
    (r"^bigtcp", r"", "any", "BIG TCP jumbograms: tshark stops at IPv6"),
    (r"^LINKTYPE_IPV4_invalid", r"", "any",
     "IPv6 on the IPv4 link type: wiretop reports an ip layer"),
    (r"^(bootp_asan|ipv6_missing_jumbo)", r"", "any",
     "a record longer than its snap length read as libpcap reads it"),
    (r"^timestamp_invalid", r"^frame/", "value",
     "invalid timestamps: frame.time_* as tshark computes them"),
    (r"^beep-oobr", r"^tcp/tcp\.options_tree/<text>$", "shape",
     "tshark gives the padding line an expert-info subtree"),
    (r"^rpl-dao-oobr", r"^icmpv6/icmpv6\.checksum\.status$", "value",
     "a truncated ICMPv6 message's checksum status"),
    (r"^(rpl-dao-oobr|extract_read2_asan)", r"^frame/frame\.cap_len$",
     "value", "a record longer than its snap length read as libpcap "
     "reads it"),
    (r"^(dns|ifname)-hostile", r"^dns/(Queries|Answers)/", "missing",
     "a name longer than the tree line's 256 bytes is cut in wiretop's"),
    (r"^(icmp6_mobileprefix_asan|ip_ts_opts_asan|ipv6-next-header-oobr-2|"
     r"ipv6-too-long-jumbo|pgm_opts_asan)", r"", "any",
     "a malformed header: the layers differ from tshark's"),
]
known_used = set()

def known(fname, path, kind):
    gpath = re.sub(r"[^/]*[ :][^/]*", "<text>", path)
    gpath = re.sub(r"#\d+", "", gpath)
    for i, (fre, pre, k, why) in enumerate(KNOWN):
        if (k == kind or k == "any") and re.search(fre, fname) and \
                re.search(pre, gpath):
            known_used.add(i)
            return True
    return False

class Obj(list):
    """A JSON object as its (key, value) pairs, repeated keys kept."""

def strict_constant(name):
    raise ValueError("not JSON: %s" % name)

def parse(text):
    return json.loads(text, object_pairs_hook=Obj,
                      parse_constant=strict_constant)

def jstr(s, slash):
    out = ['"']
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "/" and slash and out[-1] == "<":
            out.append("\\/")
        elif ch in "\b\f\n\r\t":
            out.append({"\b": "\\b", "\f": "\\f", "\n": "\\n",
                        "\r": "\\r", "\t": "\\t"}[ch])
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)

def dump(v, level, slash):
    """tshark's layout: two spaces a level, one member a line."""
    ind = "  " * (level + 1)
    if isinstance(v, Obj):
        if not v:
            return "{}"
        return "{\n" + ",\n".join(ind + jstr(k, slash) + ": " +
                                  dump(x, level + 1, slash) for k, x in v) + \
            "\n" + "  " * level + "}"
    if isinstance(v, list):
        if not v:
            return "[]"
        return "[\n" + ",\n".join(ind + dump(x, level + 1, slash)
                                  for x in v) + "\n" + "  " * level + "]"
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return json.dumps(v)
    return jstr(v, slash)

def dump_doc(pkts, slash):
    if not pkts:
        return "[]\n"
    return "[\n" + ",\n".join("  " + dump(p, 1, slash) for p in pkts) + \
        "\n]\n"

def occurrences(obj):
    """((key, n), value): n counts the key's earlier occurrences."""
    seen = {}
    for k, v in obj:
        n = seen.get(k, 0)
        seen[k] = n + 1
        yield (k, n), v

def pathname(path, k, n):
    return path + [k if n == 0 else "%s#%d" % (k, n + 1)]

def subset(w, t, path, diffs):
    """Every key of w exists in t at the same place with the same value."""
    theirs = dict(occurrences(t))
    for (k, n), v in occurrences(w):
        p = pathname(path, k, n)
        if (k, n) not in theirs:
            diffs.append(("missing", p, v, None))
            continue
        x = theirs[(k, n)]
        if isinstance(v, Obj) and isinstance(x, Obj):
            subset(v, x, p, diffs)
        elif isinstance(v, list) and isinstance(x, list) and \
                len(v) == len(x):
            for i, (a, b) in enumerate(zip(v, x)):
                if isinstance(a, Obj) and isinstance(b, Obj):
                    subset(a, b, p + ["[%d]" % i], diffs)
                elif a != b:
                    diffs.append(("value", p + ["[%d]" % i], a, b))
        elif type(v) != type(x):
            diffs.append(("shape", p, v, x))
        elif v != x:
            diffs.append(("value", p, v, x))

def prune(t, w):
    """t reduced to the keys w has, in t's order."""
    mine = dict(occurrences(w))
    out = Obj()
    for (k, n), x in occurrences(t):
        if (k, n) in mine:
            v = mine[(k, n)]
            out.append((k, prune(x, v) if isinstance(x, Obj) and
                        isinstance(v, Obj) else x))
    return out

def short(v):
    if isinstance(v, Obj):
        return "{...}"
    v = repr(v)
    return v if len(v) <= 70 else v[:67] + "..."

def run(argv, env=None):
    p = subprocess.run(["timeout", "-k", "5", TIMEOUT] + argv,
                       stdin=subprocess.DEVNULL, capture_output=True,
                       env=env)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")

try:
    tver = subprocess.run(["tshark", "-v"], capture_output=True,
                          timeout=30).stdout.split(b"\n")[0]
except Exception:
    tver = b"?"
cache = os.path.join(OUT, "tshark-cache", "json")
os.makedirs(cache, exist_ok=True)
used = set()

def tshark_json(path, args, tz="UTC"):
    """tshark's output (bytes), from the cache when it has it."""
    with open(path, "rb") as f:
        content = hashlib.sha1(f.read()).hexdigest()
    h = hashlib.sha1("\n".join([tver.decode("utf-8", "replace"),
                                repr(TOPTS), repr(args), tz,
                                os.path.basename(path), content]).encode())
    cpath = os.path.join(cache, h.hexdigest())
    used.add(h.hexdigest())
    if os.path.exists(cpath):
        with open(cpath, "rb") as f:
            return f.read(), None
    rc, out, err = run(["tshark", "-n", "-r", path] + TOPTS + ["-T", "json"]
                       + args, dict(os.environ, TZ=tz))
    if rc not in (0, 2) or not out:
        return None, "tshark exited %d: %s" % (rc, err.strip()[:200])
    tmp = cpath + ".tmp%d" % os.getpid()
    with open(tmp, "wb") as f:
        f.write(out)
    os.replace(tmp, cpath)
    return out, None

def wiretop_json(path, args, tz="UTC"):
    rc, out, err = run([WIRETOP, "-r", path, "-T", "json"] + args,
                       dict(os.environ, TZ=tz))
    bad = [l for l in err.split("\n") if any(s in l for s in SAN)]
    if rc != 0 or bad:
        why = "exit %d" % rc if rc < 128 else "crash (exit %d)" % rc
        msg = (bad or [l for l in err.split("\n") if l.strip()] or [""])[0]
        return None, "wiretop %s: %s" % (why, msg.strip()[:200])
    return out, None

def layer_keys(pkt):
    return [k for k, v in pkt]

def layers_of(pkt):
    return dict(dict(pkt)["_source"])["layers"]

def shape_errors(doc):
    """What in wiretop's document is not tshark's shape."""
    errs = []
    if not isinstance(doc, list):
        return ["not an array"]
    for i, p in enumerate(doc):
        if not isinstance(p, Obj) or [k for k, v in p] != \
                ["_index", "_type", "_score", "_source"]:
            errs.append("packet %d: keys %s" % (i + 1, short(p)))
            continue
        d = dict(p)
        if d["_type"] != "doc" or d["_score"] is not None or \
                not re.match(r"^packets-", d["_index"]):
            errs.append("packet %d: _index/_type/_score" % (i + 1))
        s = d["_source"]
        if not isinstance(s, Obj) or [k for k, v in s] != ["layers"] or \
                not isinstance(s[0][1], Obj):
            errs.append("packet %d: _source is not {\"layers\": {...}}"
                        % (i + 1))
    return errs

def escaped(doc, path="", errs=None):
    """Strings holding a control, C1 or format character (not escaped)."""
    errs = [] if errs is None else errs
    items = doc if isinstance(doc, Obj) else \
        enumerate(doc) if isinstance(doc, list) else []
    for k, v in items:
        for s in ([k] if isinstance(k, str) else []) + \
                ([v] if isinstance(v, str) else []):
            for ch in s:
                if ord(ch) < 0x20 or 0x7f <= ord(ch) <= 0x9f or \
                        unicodedata.category(ch) == "Cf":
                    errs.append("%s/%s: U+%04X" % (path, k, ord(ch)))
                    break
        if isinstance(v, (Obj, list)):
            escaped(v, "%s/%s" % (path, k), errs)
    return errs

def compare(kind, path, args=(), tz="UTC"):
    """One run of both on one file: a dict of what was found."""
    name = os.path.basename(path)
    r = {"kind": kind, "path": path, "name": name, "args": list(args),
         "error": None, "fatal": [], "diffs": [], "known": 0,
         "packets": 0, "layers": 0, "layers_same": 0, "keys": 0}
    traw, err = tshark_json(path, list(args), tz)
    if err:
        r["error"] = err
        r["tshark_error"] = True
        return r
    wraw, err = wiretop_json(path, list(args), tz)
    if err:
        r["error"] = err
        return r
    try:
        wtext = wraw.decode("utf-8", "strict")
        W = parse(wtext)
    except ValueError as e:
        r["fatal"].append("not strict JSON in UTF-8: %s" % e)
        return r
    ttext = traw.decode("utf-8", "surrogateescape")
    T = parse(ttext)
    if dump_doc(T, True) != ttext:
        r["fatal"].append("this test's printer does not reproduce tshark's "
                          "output (fix the test)")
        return r
    r["fatal"] += shape_errors(W)
    if r["fatal"]:
        return r
    if dump_doc(W, WIRETOP_SLASH) != wtext:
        a, b = wtext.split("\n"), dump_doc(W, WIRETOP_SLASH).split("\n")
        i = next(i for i in range(min(len(a), len(b))) if a[i] != b[i]) \
            if any(x != y for x, y in zip(a, b)) else min(len(a), len(b))
        r["fatal"].append("not tshark's layout at line %d: %r" %
                          (i + 1, a[i] if i < len(a) else ""))
    if path.startswith(TMPD + "/hostile/"):
        r["fatal"] += ["unescaped " + e for e in escaped(W)[:5]]
    if len(W) != len(T):
        r["fatal"].append("%d packets, tshark %d" % (len(W), len(T)))
    mine_known = set()
    for p in W:
        mine_known.update(k for k in layer_keys(layers_of(p)) if k != "data")

    def diff(kind, pth, v, x, pk):
        where = "/".join(pth)
        if known(name, where, kind):
            r["known"] += 1
        else:
            r["diffs"].append((pk, kind, where, v, x))

    for i, (a, b) in enumerate(zip(W, T)):
        pk = i + 1
        if dict(a)["_index"] != dict(b)["_index"]:
            diff("value", ["_index"], dict(a)["_index"], dict(b)["_index"],
                 pk)
        la, lb = layers_of(a), layers_of(b)
        r["packets"] += 1
        # The layers: tshark's, but a run of protocols wiretop does not
        # decode is its "data".
        ours, theirs = layer_keys(la), []
        for k in layer_keys(lb):
            if k in mine_known or k.startswith("_ws."):
                theirs.append(k)
            elif not theirs or theirs[-1] != "data":
                theirs.append("data")
        theirs = [k for k in theirs if not k.startswith("_ws.")]
        if ours != theirs:
            diff("layers", [], " ".join(ours), " ".join(theirs), pk)
        # A "data" of wiretop's in place of tshark's protocol: compare it
        # with tshark's data only.
        tl = Obj(kv for kv in lb if kv[0] in mine_known or kv[0] == "data")
        ds = []
        subset(la, tl, [], ds)
        differing = set()
        for kd, pth, v, x in ds:
            if pth[0].split("#")[0] == "data" and kd == "missing" and \
                    "data" not in layer_keys(lb):
                continue
            differing.add(pth[0])
            diff(kd, pth, short(v), short(x), pk)
        # Each layer against tshark's, reduced to wiretop's keys: where
        # the keys and values agree, only the order can differ.
        theirs_by = dict(occurrences(tl))
        for (k, n), v in occurrences(la):
            r["layers"] += 1
            r["keys"] += 1 + sum(1 for _ in walk(v))
            x = theirs_by.get((k, n))
            if x is None:
                continue
            if not isinstance(v, Obj) or not isinstance(x, Obj):
                r["layers_same"] += x == v
                continue
            if dump(v, 4, WIRETOP_SLASH) == \
                    dump(prune(x, v), 4, WIRETOP_SLASH):
                r["layers_same"] += 1
            elif pathname([], k, n)[0] not in differing:
                diff("order", pathname([], k, n), "", "", pk)
    return r

def walk(v):
    if isinstance(v, Obj):
        for k, x in v:
            yield k
            yield from walk(x)

files = [l.rstrip("\n").split("\t", 1) for l in open(sys.argv[1]) if l.strip()]
jobs = [(kind, path, (), "UTC") for kind, path in files]
# The filters and the merged keys, and the day of _index in two zones.
for f in ("dns.pcap", "basic.pcap", "icmp_errors.pcap", "tunnels.pcap",
          "nest.pcap"):
    p = os.path.join(TMPD if f == "nest.pcap" else GEN, f)
    for args in (("-j", "ip ip.flags udp dns Queries Answers tcp.flags"),
                 ("-j", "icmp ip udp frame"), ("-J", "udp dns"),
                 ("-J", "icmp eth"), ("--no-duplicate-keys",),
                 ("--no-duplicate-keys", "-j", "ip tcp tcp.options")):
        jobs.append(("option", p, args, "UTC"))
for tz in ("America/Los_Angeles", "Asia/Tokyo"):
    jobs.append(("option", os.path.join(GEN, "nsec.pcap"), (), tz))

with concurrent.futures.ThreadPoolExecutor(max_workers=JOBS) as ex:
    results = list(ex.map(lambda j: compare(*j), jobs))

failed = []
w = sys.stdout.write
def label(r):
    extra = " ".join(r["args"])
    return r["name"] + (" " + extra if extra else "")

for r in results:
    if r["error"] and not (r["kind"] == "corpus" and r.get("tshark_error")):
        w("FAIL: %s: %s\n" % (label(r), r["error"]))
        failed.append(label(r))
    for e in r["fatal"][:SHOW]:
        w("FAIL: %s: %s\n" % (label(r), e))
    if r["fatal"]:
        failed.append(label(r))
    if r["diffs"]:
        failed.append(label(r))
        w("FAIL: %s: %d differences from tshark:\n" % (label(r),
                                                       len(r["diffs"])))
        for pk, kind, where, v, x in r["diffs"][:SHOW]:
            w("  #%d %s %s: wiretop %s tshark %s\n" % (pk, kind, where,
                                                     short(v), short(x)))

def total(rs, k):
    return sum(x[k] for x in rs)

for kind in ("gen", "corpus", "option"):
    rs = [r for r in results if r["kind"] == kind and not r["error"]]
    if not rs:
        continue
    w("%s: %d runs, %d packets, %d layers (%d byte-identical to tshark's "
      "reduced to wiretop's keys), %d keys; differences: %d listed as "
      "known, %d others\n"
      % (kind, len(rs), total(rs, "packets"), total(rs, "layers"),
         total(rs, "layers_same"), total(rs, "keys"), total(rs, "known"),
         sum(len(r["diffs"]) for r in rs)))
# Whole files byte-identical to tshark's (-J on the layers wiretop
# decodes whole).
for i in sorted(known_used):
    w("known: %s\n" % KNOWN[i][3])
for name in os.listdir(cache):
    if name not in used and ".tmp" not in name:
        try:
            os.unlink(os.path.join(cache, name))
        except OSError:
            pass
if failed:
    w("FAIL: json_tshark: %s\n" % ", ".join(sorted(set(failed))[:20]))
    sys.exit(1)
PY
rc=$?
[ $rc -eq 0 ] || exit 1

# Byte for byte: whole outputs where wiretop decodes every field tshark
# prints of the layers expanded.
checks=0
same_bytes() {
	local f=$GEN/$1
	shift
	checks=$((checks + 1))
	run_to "$RUN_TIMEOUT" "$WIRETOP" -r "$f" -T json "$@" >"$TMPD/w.json" ||
	    fail "wiretop -r $f -T json $* failed"
	# shellcheck disable=SC2086
	run_to "$RUN_TIMEOUT" tshark -n -r "$f" $TSHARK_OPTS -T json "$@" \
	    >"$TMPD/t.json" 2>/dev/null || fail "tshark -T json $* on $f failed"
	cmp -s "$TMPD/w.json" "$TMPD/t.json" ||
	    fail "$(basename "$f") -T json $*: not tshark's bytes: $(diff "$TMPD/t.json" "$TMPD/w.json" | head -n 6)"
}
same_bytes dns.pcap -J ip
same_bytes dns.pcap -j "ip ip.flags ip.dsfield"
same_bytes tunnels.pcap -J "ip gre vxlan geneve"
same_bytes vlan.pcap -J "vlan ieee8021ad arp ip"
same_bytes sll.pcap -J "sll ip ipv6 arp"
same_bytes longv6.pcap --no-duplicate-keys -J ipv6

# No packet: tshark's empty array.
"$WIRETOP" -r "$GEN/dns.pcap" -T json 'port 1' >"$TMPD/empty.json" ||
    fail "wiretop -T json with no packet failed"
[ "$(cat "$TMPD/empty.json")" = "[]" ] ||
    fail "no packet: '$(head -c 40 "$TMPD/empty.json")', tshark prints []"

# json.tool reads it, and --stats=json follows the array on stdout.
"$WIRETOP" -r "$GEN/icmp_errors.pcap" -T json | python3 -m json.tool \
    >/dev/null || fail "python3 -m json.tool cannot read -T json"

# -j, -J and --no-duplicate-keys need -T json (exit 2, one line).
for a in "-j ip -T jsonl" "-J ip -P" "--no-duplicate-keys -T fields -e ip.src"; do
	# shellcheck disable=SC2086
	"$WIRETOP" -r "$GEN/dns.pcap" $a >/dev/null 2>"$TMPD/err"
	rc=$?
	[ $rc -eq 2 ] && [ "$(wc -l < "$TMPD/err")" -eq 1 ] ||
	    fail "wiretop $a: exit $rc, $(cat "$TMPD/err")"
done
note "byte-identical runs: $checks; empty array, json.tool and usage checks passed"
exit 0
