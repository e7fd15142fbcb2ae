#!/bin/bash
# Robustness over the whole tcpdump corpus (830 files, many crafted or
# truncated): run "wiretop -r F -V -x" and "wiretop -r F --stats=json" on
# every file, two at a time, 20 s each.  A run fails if it crashes (exit
# status >= 128), hangs (timeout), or prints a sanitizer report
# ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:").
# Exit 1 is fine for a file wiretop rejects (not a capture, unknown link
# type, ...) when stderr is exactly one line starting "wiretop: ".
# Meant for the ASan/UBSan build (configure --enable-asan); runs in any.
# Environment: SANITIZE_JOBS=N (default 2), SANITIZE_TIMEOUT=S (default 20).

. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

# One run: classify it and print "decoded", "rejected" or "FAIL <why>".
one_run() {
	local f=$1 err=$2 rc first
	shift 2
	timeout -k 5 "${SANITIZE_TIMEOUT:-20}" "$WIRETOP" -r "$f" "$@" \
	    >/dev/null 2>"$err" </dev/null
	rc=$?
	first=$(grep -m1 -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' \
	    "$err")
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		echo "FAIL hang ($* exceeded ${SANITIZE_TIMEOUT:-20}s)"
	elif [ -n "$first" ]; then
		echo "FAIL sanitizer ($*): $first"
	elif [ $rc -ge 128 ]; then
		echo "FAIL crash ($*): exit $rc, signal $((rc - 128))"
	elif [ $rc -eq 0 ]; then
		echo decoded
	elif [ $rc -eq 1 ] && [ "$(wc -l <"$err")" -eq 1 ] &&
	    grep -q '^wiretop: ' "$err"; then
		echo rejected
	else
		echo "FAIL exit $rc ($*), stderr: $(head -c 200 "$err" |
		    tr '\n' '|')"
	fi
}

# Child mode: check one file, print "STATUS<TAB>file<TAB>detail".
if [ "$1" = --one ]; then
	f=$2
	err=$(mktemp "${TMPDIR:-/tmp}/wiretop-san.XXXXXX") || exit 1
	a=$(one_run "$f" "$err" -V -x)
	b=$(one_run "$f" "$err" --stats=json)
	rm -f "$err"
	name=$(basename "$f")
	case "$a|$b" in
	FAIL*) printf 'FAIL\t%s\t%s\n' "$name" "${a#FAIL }" ;;
	*\|FAIL*) printf 'FAIL\t%s\t%s\n' "$name" "${b#FAIL }" ;;
	decoded\|decoded) printf 'decoded\t%s\t\n' "$name" ;;
	rejected\|rejected) printf 'rejected\t%s\t\n' "$name" ;;
	*) printf 'FAIL\t%s\t-V -x %s but --stats=json %s\n' "$name" "$a" "$b" ;;
	esac
	exit 0
fi

need_wiretop
have_corpus || [ -d "$CORPUS" ] || skip "corpus not found under $SHARED_DIR"
make_tmpdir

find "$CORPUS" -maxdepth 1 -type f -print0 | LC_ALL=C sort -z |
    xargs -0 -P "${SANITIZE_JOBS:-2}" -n 1 bash "$0" --one >"$TMPD/results"
total=$(wc -l <"$TMPD/results")
[ "$total" -gt 0 ] || fail "no corpus file was checked"
decoded=$(grep -c '^decoded' "$TMPD/results")
rejected=$(grep -c '^rejected' "$TMPD/results")
failed=$(grep -c '^FAIL' "$TMPD/results")
LC_ALL=C sort -k2 "$TMPD/results" >"$OUT/corpus-sanitize.txt"
note "$total files: $decoded decoded, $rejected rejected, $failed failed" \
    "(details in $OUT/corpus-sanitize.txt)"
if [ "$rejected" -gt 0 ]; then
	note "rejected: $(grep '^rejected' "$TMPD/results" | cut -f2 |
	    LC_ALL=C sort | head -20 | tr '\n' ' ')"
fi
if [ "$failed" -gt 0 ]; then
	grep '^FAIL' "$TMPD/results" | LC_ALL=C sort -k2 | head -30 |
	    sed 's/^FAIL\t/  /'
	fail "$failed corpus files crashed, hung or misreported an error"
fi
echo "PASS: $ME"
