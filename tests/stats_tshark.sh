#!/bin/bash
# --stats=json against tshark: totals, per-protocol counts, the full set of
# flows (endpoints, ports, per-direction counters, first sender, times, TCP
# state) and talkers, computed from tshark's dissection by
# stats_from_tshark.py (see its header for the rules).
#   generated captures: must match exactly, or the test fails;
#   corpus (inscope-A): files fully matching are counted into
#     $TESTS_BUILDDIR/out/corpus-stats.txt; only wiretop failing fails.
# Environment: STATS_JOBS=N parallel runs (default 2), STATS_CORPUS=0 skips
# the corpus.

. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

need_wiretop
need_python
need_tshark
gen_pcaps

set --
while IFS= read -r f; do
	[ -z "$f" ] || set -- "$@" "$f"
done <<-LIST
$(compare_files "${STATS_CORPUS:-1}")
LIST

python3 "$TESTS_SRCDIR/stats_from_tshark.py" batch --wiretop "$WIRETOP" \
    --jobs "${STATS_JOBS:-2}" --cache "$OUT/tshark-cache/stats" \
    --timeout "$RUN_TIMEOUT" --report "$OUT/corpus-stats.txt" "$@"
rc=$?
[ $rc -eq 0 ] && echo "PASS: $ME: generated captures match tshark"
exit $rc
