#!/bin/bash
# --flow-filter: the flows --stats=json lists through a row filter equal
# those of plain --stats=json kept by the same condition in Python
# (flow_filter.py: some 30 expressions over every row field), on a
# capture of some 300 flows made for it, the generated captures and
# (FLOW_FILTER_CORPUS files, default 20; 0: none) the in-scope corpus.
# Also: --stats=text's count of the matching flows, and bad expressions
# (one line "wiretop: flow filter: ...", exit 2).

. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

need_wiretop
need_python
gen_pcaps
make_tmpdir

FLOWS=$TMPD/flows.pcap
python3 "$TESTS_SRCDIR/flow_filter.py" gen "$FLOWS" ||
    fail "flow_filter.py gen failed"

# Bad expressions: exit 2, one line on stderr naming the flow filter, and
# nothing on stdout.
for expr in 'bytez > 1' 'bytes >' '(proto == udp' 'addr == 10.0.0.300' \
    'tx_bytes > 0' 'ip.src == 10.0.0.1' 'bytes > 1X'; do
	run_to "$RUN_TIMEOUT" "$WIRETOP" -r "$FLOWS" --stats=json \
	    --flow-filter "$expr" >"$TMPD/out" 2>"$TMPD/err"
	rc=$?
	[ $rc -eq 2 ] || fail "--flow-filter '$expr': exit $rc, want 2"
	[ "$(wc -l <"$TMPD/err")" -eq 1 ] ||
	    fail "--flow-filter '$expr': stderr is not one line: $(cat "$TMPD/err")"
	grep -q '^wiretop: flow filter: ' "$TMPD/err" ||
	    fail "--flow-filter '$expr': stderr: $(cat "$TMPD/err")"
	[ -s "$TMPD/out" ] && fail "--flow-filter '$expr': printed on stdout"
done
grep -q "bytez" <<<"$("$WIRETOP" -r "$FLOWS" --stats=json --flow-filter \
    'bytez > 1' 2>&1)" || fail "the error does not name 'bytez'"

# Without --stats there is nothing to filter headless.
run_to "$RUN_TIMEOUT" "$WIRETOP" -r "$FLOWS" -P --flow-filter 'bytes > 1' \
    >/dev/null 2>"$TMPD/err"
rc=$?
[ $rc -eq 2 ] || fail "--flow-filter with -P and no --stats: exit $rc"
grep -q -- '--flow-filter needs --stats' "$TMPD/err" ||
    fail "--flow-filter without --stats: $(cat "$TMPD/err")"

# --stats=text says how many match, of how many.
expr='bytes > 1k and proto == udp'
want=$(run_to "$RUN_TIMEOUT" "$WIRETOP" -r "$FLOWS" --stats=json \
    --flow-filter "$expr" | python3 -c \
    'import json, sys; print(len(json.load(sys.stdin)["flows"]))') ||
    fail "--stats=json --flow-filter '$expr' failed"
all=$(run_to "$RUN_TIMEOUT" "$WIRETOP" -r "$FLOWS" --stats=json |
    python3 -c 'import json, sys; print(len(json.load(sys.stdin)["flows"]))')
[ "$want" -gt 0 ] && [ "$want" -lt "$all" ] ||
    fail "'$expr' keeps $want of $all flows: not a test"
run_to "$RUN_TIMEOUT" "$WIRETOP" -r "$FLOWS" --stats=text --top 5 \
    --flow-filter "$expr" >"$TMPD/text" || fail "--stats=text failed"
grep -q "^Top flows by bytes matching the flow filter (5 of $want matching, $all in all)\$" \
    "$TMPD/text" || fail "--stats=text: $(grep '^Top flows' "$TMPD/text")"
[ "$(sed -n '/^Top flows/,/^$/p' "$TMPD/text" | grep -c '^udp ')" -eq 5 ] ||
    fail "--stats=text lists other than 5 udp flows"

set -- "$FLOWS" $(gen_files)
n=${FLOW_FILTER_CORPUS:-20}
if [ "$n" -gt 0 ] && have_corpus; then
	set -- "$@" $(corpus_files | head -n "$n")
fi
python3 "$TESTS_SRCDIR/flow_filter.py" check --wiretop "$WIRETOP" "$@" ||
    fail "--flow-filter differs from --stats=json filtered in Python"
echo "PASS: $ME"
